"""Double Ally, examined: the code behind the book's chapters, in three parts.

Imports run one way only, ``book`` -> ``chapters`` -> ``core``: core imports no chapter and nothing of
the book; a chapter imports core (and may use another chapter's analysis) but never ``double_ally.book``.
CONTRIBUTING.md draws the data flow and gives the recipes for a new chapter, table, chart or verdict.

``double_ally.core`` -- what every chapter shares; it knows no chapter by name:

* ``paths`` (where the project's files are), ``sources`` (the raw-file registry read from the
  ``raw.yaml`` files; ``require(key)`` checks a file's sha256), ``datapackage`` (``Table``, ``Field``,
  ``Source`` read from ``tables.yaml``; the ``datapackage.json`` they become), ``validate``,
  ``derive`` (tables -> ``data/*.csv`` + ``datapackage.json``), ``data`` (``load(name)``: the one door
  to a derived table, validated and typed), ``countries``, ``bibliography``, ``citation`` (CITATION.cff),
  ``charts`` (the house theme, ``figure()`` and the renderer), ``verdicts`` (``Verdict``, ``Claim``,
  the ``@claim`` mark, the ``Tables`` mapping a rule reads), ``memo`` (``same_frames``: a pure
  function's result kept by the very frames it came from).

``double_ally.chapters`` -- one folder per chapter, found by looking (``names()``, ordered by ``_toc.yml``),
with ``tables()``, ``claims()``, ``evaluate(id, given=...)``/``show`` and ``collect()``. In each folder:

* ``raw.yaml`` -- the raw files the chapter reads (path, publisher, where to obtain, sha256, bytes);
* ``tables.yaml`` -- the tables it derives: sources, fields, key, caveats, the derive function's name;
* ``derive.py`` -- raw files -> tidy frames, one function per table;
* ``analysis.py`` -- pure functions on tables (frames in, findings out);
* ``rules.py`` -- the verdicts: functions marked ``@claim`` that read tables only from the mapping given;
* ``charts.py`` -- chart builders, each returning ``core.charts.figure(...)``.

A chapter may add modules of its own (``trade/ranks.py``) and YAML files of hand-curated facts read by
its code (``facts.yaml``).

``double_ally.book`` -- what only the publication needs: ``sphinxext`` (the Sphinx extension), ``glue``
(numbers for the prose), ``register`` and ``register_chart`` (the claims register), ``appendix`` (the
data appendix), ``reproduce`` and ``figure_map`` (the "Reproduce this book" page), ``cite`` (citation
forms), ``publish`` (the versioned site) and ``pdf_pages`` (each chapter's PDF, cut from the PDF edition).

Commands: ``python -m double_ally derive`` re-derives ``data/`` from the raw files, then the register;
``python -m double_ally register`` rewrites ``data/claims.csv`` from the chapters' rules.
"""

__all__ = ["__version__"]
__version__ = "0.4.0"

# Set by the book build (double_ally.book.sphinxext) so that charts render for the web page.
BOOK_BUILD_ENV = "DOUBLE_ALLY_BOOK_BUILD"
