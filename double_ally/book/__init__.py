"""The publication: what only the book build and its pages need. It may import chapters and core;
nothing in ``double_ally.chapters`` or ``double_ally.core`` imports it.

* ``sphinxext`` -- the Sphinx extension (one module per job: assets, citing, notebooks, publishing,
  figures);
* ``glue`` -- numbers for the prose (``glue(name, value)`` in a chapter's code cell);
* ``register`` and ``register_chart`` -- the claims register (``data/claims.csv`` and its page), collected
  from the chapters' rules, and its summary chart;
* ``page_sources`` -- the pages the tables cite by quality class: per verdict in the register, listed in
  the references, and the check that fails the build when a verdict rests on mirrors a better page replaces;
* ``appendix`` -- the data appendix, written from ``data/datapackage.json``;
* ``reproduce`` and ``figure_map`` -- the facts of the "Reproduce this book" page and its map from each
  chart to the code and tables behind it;
* ``cite`` -- every citation form, from CITATION.cff; ``publish`` -- the versioned layout of the site;
* ``pdf_pages`` -- each chapter's PDF, its pages cut from the PDF edition (``python3 tasks.py pdf``).
"""
