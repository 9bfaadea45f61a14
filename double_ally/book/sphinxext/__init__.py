"""Sphinx extension of the book, one module per job:

* ``assets``      -- the Vega bundle served once per site, loaded only where a chart is; no thebe scripts;
* ``citing``      -- citation tags in every head, "Cite this chapter" (or "book") with .bib/.ris at the end, the version in the footer;
* ``notebooks``   -- every chapter published as an .ipynb under ``_notebooks/``: executed, its text plain CommonMark;
* ``publishing``  -- Open Graph, 404 page, canonical links and sitemap once the address is set; data/;
* ``figures``     -- the figure-to-code map of the "Reproduce this book" page, each chart's address in its cite line;

and here: every ``book/bib/*.bib`` file added to the bibliography, so that a chapter's needs no line
in ``_config.yml``.

``setup`` also sets ``DOUBLE_ALLY_BOOK_BUILD=1`` before notebooks execute, so that
``double_ally.core.charts`` writes script-free chart figures (drawn by ``book/_static/charts.js``).
"""

from __future__ import annotations

import os
from pathlib import Path

from double_ally import BOOK_BUILD_ENV
from double_ally.book.sphinxext import assets, citing, figures, notebooks, publishing


def _page(app, pagename, templatename, context, doctree) -> None:
    assets.page_assets(app, pagename, context)
    if "da-chart-address" in context.get("body", ""):
        context["body"] = figures.chart_addresses(pagename, context["body"])
    if pagename.startswith("book/") and "body" in context:
        citing.add_citation(app, pagename, context)
    if pagename == figures.FIGURE_MAP_PAGE and figures.FIGURE_MAP_SLOT in context.get("body", ""):
        figures.figure_map(app, pagename, context)


def _bibliography(app, config) -> None:
    """Every ``book/bib/*.bib`` file (the book's and one per chapter), found rather than listed."""
    from double_ally.core.bibliography import bib_files

    listed = list(config.bibtex_bibfiles or [])
    known = {(Path(app.confdir) / f).resolve() for f in listed}
    found = [path for path in bib_files(Path(app.confdir) / "book" / "bib") if path.resolve() not in known]
    config.bibtex_bibfiles = listed + [os.path.relpath(path, app.confdir) for path in found]


def setup(app):
    os.environ[BOOK_BUILD_ENV] = "1"
    from double_ally.book.publish import base_url

    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    if base_url():
        app.setup_extension("sphinx_sitemap")  # a sitemap needs the site's address
    app.connect("config-inited", _bibliography)
    app.connect("config-inited", publishing.publishing_config, priority=100)
    app.connect("doctree-read", figures.collect_charts)
    app.connect("env-purge-doc", figures.purge_charts)
    app.connect("env-merge-info", figures.merge_charts)
    app.connect("build-finished", publishing.copy_data)
    app.connect("build-finished", assets.write_bundle)
    app.connect("build-finished", notebooks.write_notebooks)
    app.connect("html-page-context", _page)
    app.connect("config-inited", citing.version_footer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
