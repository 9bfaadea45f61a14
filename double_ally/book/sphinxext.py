"""Sphinx extension: serve the Vega libraries from the book itself and mark the build as a book build.

* Sets ``DOUBLE_ALLY_BOOK_BUILD=1`` before notebooks execute, so that ``double_ally.core.charts`` writes
  script-free chart figures (drawn by ``book/_static/charts.js``).
* Adds citation metadata (Highwire ``citation_*`` tags, schema.org JSON-LD) to every chapter's head,
  a "Cite this chapter" block (CSL-formatted APA and Chicago, BibTeX) to its end, and the version to
  every footer -- all from CITATION.cff through ``double_ally.book.cite``.
* Publishes every chapter as an .ipynb (Jupytext conversion of its MyST source) under _notebooks/.
* Removes the unused live-code (thebe) scripts from every page, and repairs the ARIA roles of
  bibliography entries.
* Publishing (see ``double_ally.book.publish``): Open Graph tags on every page, a 404 page, and -- once the
  book's address is set (``DOUBLE_ALLY_BASE_URL``) -- a canonical link and ``sitemap.xml``; each
  chapter's "Run it yourself" links (Binder, Colab, the .ipynb); the derived tables under ``data/``.
* Fills the figure-to-code map of the "Reproduce this book" page from the charts found while reading.
* Writes the Vega + Vega-Lite + vega-embed bundle that ``vl-convert`` ships into the build's static
  files (once per site), wrapped in a function scope so that its top-level names cannot collide
  with the theme's scripts.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from double_ally import BOOK_BUILD_ENV

BUNDLE_NAME = "vega-bundle.js"


def bundle_header() -> str:
    import vl_convert as vlc

    return (
        f"/* Vega {vlc.get_vega_version()}, Vega-Lite {vlc.get_vegalite_versions()[-1]}, "
        f"vega-embed {vlc.get_vega_embed_version()}: bundle shipped by vl-convert "
        f"{vlc.__version__} (BSD-3-Clause licences). */\n"
    )


def vega_bundle() -> str:
    import vl_convert as vlc

    return bundle_header() + "(function () {\n" + vlc.javascript_bundle() + "\n})();\n"


NOTEBOOKS = "_notebooks"


def _is_notebook(app, docname: str) -> bool:
    return bool(app.env.metadata.get(docname, {}).get("kernelspec"))


def _write_notebooks(app, exception) -> None:
    """Every chapter as an .ipynb (converted from its MyST source by Jupytext, without outputs), so
    that readers can download it, or open it in Jupyter, Binder or Colab, and run it themselves.
    When the repository is known, a first cell installs the book on Colab (and does nothing elsewhere)."""
    if exception is not None or app.builder.format != "html":
        return
    import jupytext
    from nbformat.v4 import new_code_cell

    from double_ally.book.publish import colab_setup_source

    setup_cell = colab_setup_source()
    for docname in sorted(app.env.found_docs):
        if not _is_notebook(app, docname):
            continue
        notebook = jupytext.read(app.env.doc2path(docname))
        if setup_cell:
            notebook.cells.insert(0, new_code_cell(setup_cell, id="colab-setup", metadata={"tags": ["colab-setup"]}))
        target = Path(app.outdir) / NOTEBOOKS / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")


def _write_bundle(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / BUNDLE_NAME
    if target.is_file():
        with target.open(encoding="utf-8") as existing:
            if existing.readline() == bundle_header():
                return  # same library versions: the bundle (3 s to generate) is already there
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vega_bundle(), encoding="utf-8")


def _is_thebe(asset) -> bool:
    name = str(getattr(asset, "filename", asset) or "")
    body = str(getattr(asset, "attributes", {}).get("body", ""))
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def _add_citation(app, pagename: str, context: dict) -> None:
    """Meta tags for reference managers in the head, and a "Cite this chapter" block at the end."""
    from double_ally.book import cite
    from double_ally.core import citation

    title = app.env.titles[pagename].astext() if pagename in app.env.titles else context.get("title", "")
    context["metatags"] = context.get("metatags", "") + "\n" + cite.highwire_tags(title, pagename) + "\n" + \
        cite.json_ld(title, pagename) + "\n"
    if pagename == app.config.root_doc:
        item, bib, what = cite.csl_item(), cite.bibtex(), "this book"
    else:
        item, bib, what = cite.csl_item(title, pagename), cite.bibtex(title, pagename), "this chapter"
    m = citation.metadata()
    pathto = context["pathto"]
    notebook = ""
    if _is_notebook(app, pagename):
        href = pathto(f"{NOTEBOOKS}/{pagename}.ipynb", 1)
        notebook = f' · <a class="da-notebook" href="{href}" download>This chapter as a notebook (.ipynb)</a>'
    from double_ally.book.publish import launch_links

    if _is_notebook(app, pagename):
        runs = [f'<a class="da-launch-{k.lower()}" href="{html.escape(v)}">{k}</a>'
                for k, v in launch_links(pagename).items()]
        runs.append(f'<a class="da-notebook" href="{pathto(f"{NOTEBOOKS}/{pagename}.ipynb", 1)}" download>'
                    "the notebook (.ipynb)</a>")
        context["body"] += (f'<p class="da-launch">Run this chapter yourself: {" · ".join(runs)}. '
                            f'See <a href="{pathto("book/reproduce")}">Reproduce this book</a>.</p>')
    styles = "".join(
        f'<p class="da-cite-style"><span class="da-cite-label">{name}</span> {cite.formatted(item, name)}</p>'
        for name in cite.STYLES
    )
    context["body"] += (
        f'<section class="da-cite" id="cite-{what.split()[-1]}"><h2>Cite {what}</h2>{styles}'
        f'<div class="highlight-bibtex notranslate"><div class="highlight"><pre>{html.escape(bib)}</pre></div></div>'
        f'<p class="da-cite-version">Version {m["version"]}, released {m["date"]}. '
        f'<a href="{pathto("book/cite")}">How to cite a specific version</a> · '
        f'<a href="{pathto(cite.PDF_NAME, 1)}">PDF edition</a>{notebook}</p></section>'
    )


def _version_footer(app, config) -> None:
    """The version and release date in every page's footer, from CITATION.cff."""
    from double_ally.core import citation

    m = citation.metadata()
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (options.get("extra_footer") or "") + (
        f'<p>Version {m["version"]}, released {m["date"]}.</p>'
    )
    config.html_theme_options = options


def _page_assets(app, pagename, templatename, context, doctree) -> None:
    """Drop the live-code (thebe) scripts; load the Vega bundle only on pages that have a chart.

    Jupyter Book always loads sphinx-thebe, which declares a global constant twice per page (a console
    error) and names a CDN; the book offers no live code cells, so its scripts are removed.
    """
    for key in ("script_files", "css_files"):
        if key in context:
            context[key][:] = [asset for asset in context[key] if not _is_thebe(asset)]
    if "body" in context:
        # Sphinx marks bibliography entries with the deprecated ARIA role doc-biblioentry inside a
        # role="list", which screen readers (and axe-core) reject: a list must hold listitems.
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')
    if pagename.startswith("book/") and "body" in context:
        _add_citation(app, pagename, context)
    if pagename == FIGURE_MAP_PAGE and FIGURE_MAP_SLOT in context.get("body", ""):
        _figure_map(app, pagename, context)
    if "da-chart" not in context.get("body", ""):
        return
    app.add_js_file(BUNDLE_NAME, loading_method="defer", priority=400)
    app.add_js_file("charts.js", loading_method="defer", priority=401)
    app.add_css_file("charts.css")


def _publishing_config(app, config) -> None:
    """Addresses for the canonical link, the sitemap, Open Graph and the 404 page (``double_ally.book.publish``)."""
    from double_ally.core import citation
    from double_ally.book import publish

    base = publish.base_url()
    if base:
        config.html_baseurl = base + "/"
        config.ogp_site_url = base + "/"
    config.ogp_site_name = citation.metadata()["short_title"]
    config.ogp_description_length = 240
    config.sitemap_url_scheme = "{link}"
    config.sitemap_excludes = ["search.html", "genindex.html", "404.html"]
    prefix = publish.url_prefix()
    config.notfound_urls_prefix = prefix
    config.notfound_context = {
        "title": "Page not found",
        "body": (
            "<h1>This page is not here</h1>"
            "<p>The address may be mistyped, or the page may have moved in a newer version of the book. "
            "Every release stays online at its own address (<code>/v0.1/</code>, <code>/v0.2/</code>, ...), "
            "so a citation of a version keeps working.</p>"
            f'<ul><li><a href="{prefix}index.html">The book\'s first page and contents</a></li>'
            f'<li><a href="{prefix}book/claims.html">The claims register</a></li>'
            f'<li><a href="{prefix}search.html">Search the book</a></li>'
            f'<li><a href="{prefix}versions.json">The versions kept online</a></li></ul>'
        ),
    }


def _copy_data(app, exception) -> None:
    """The derived tables and their datapackage.json, published beside the book for download."""
    if exception is not None or app.builder.format != "html":
        return
    import shutil

    from double_ally.core.paths import DATA_DIR

    target = Path(app.outdir) / "data"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DATA_DIR.glob("*")):
        if path.suffix in {".csv", ".json"}:
            shutil.copy2(path, target / path.name)


FIGURE_MAP_PAGE = "book/reproduce"
FIGURE_MAP_SLOT = '<div id="da-figure-map"></div>'


def _collect_charts(app, doctree) -> None:
    """Remember every chart of the page just read: its notebook cell, name and title."""
    from docutils import nodes

    from double_ally.book.figure_map import charts_in

    found = []
    for cell in doctree.findall(lambda n: isinstance(n, nodes.container) and n.get("nb_element") == "cell_code"):
        for raw in cell.findall(nodes.raw):
            for name, title in charts_in(raw.astext()):
                found.append({"docname": app.env.docname, "cell": cell.get("cell_index"), "name": name,
                              "title": title})
    if not hasattr(app.env, "da_charts"):
        app.env.da_charts = {}
    app.env.da_charts[app.env.docname] = found


def _purge_charts(app, env, docname) -> None:
    getattr(env, "da_charts", {}).pop(docname, None)


def _merge_charts(app, env, docnames, other) -> None:
    env.da_charts = getattr(env, "da_charts", {})
    for docname in docnames:
        env.da_charts[docname] = getattr(other, "da_charts", {}).get(docname, [])


def _figure_map(app, pagename, context) -> None:
    import jupytext

    from double_ally.core.datapackage import read_package
    from double_ally.book.figure_map import cell_tables, drawing_call, map_html

    publishers = {r["name"]: "; ".join(s["publisher"] for s in r["sources"]) for r in read_package()["resources"]}
    toc_order = {doc: i for i, doc in enumerate(_toc_order(app))}
    rows = []
    for docname in sorted(getattr(app.env, "da_charts", {}), key=lambda d: toc_order.get(d, 999)):
        charts = app.env.da_charts[docname]
        if not charts:
            continue
        cells = [c.source if c.cell_type == "code" else "" for c in jupytext.read(app.env.doc2path(docname)).cells]
        chapter = app.env.titles[docname].astext()
        for chart in charts:
            index = chart["cell"]
            rows.append({**chart, "chapter": chapter, "call": drawing_call(cells[index]),
                         "tables": cell_tables(cells, index)})
    context["body"] = context["body"].replace(FIGURE_MAP_SLOT, map_html(rows, publishers, context["pathto"]))


def _toc_order(app) -> list[str]:
    """Documents in reading order (the table of contents), root first."""
    order, seen = [], set()

    def walk(doc):
        if doc in seen:
            return
        seen.add(doc)
        order.append(doc)
        for child in app.env.toctree_includes.get(doc, []):
            walk(child)

    walk(app.config.root_doc)
    return order


def setup(app):
    os.environ[BOOK_BUILD_ENV] = "1"
    from double_ally.book.publish import base_url

    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    if base_url():
        app.setup_extension("sphinx_sitemap")  # a sitemap needs the site's address
    app.connect("config-inited", _publishing_config, priority=100)
    app.connect("doctree-read", _collect_charts)
    app.connect("env-purge-doc", _purge_charts)
    app.connect("env-merge-info", _merge_charts)
    app.connect("build-finished", _copy_data)
    app.connect("build-finished", _write_bundle)
    app.connect("build-finished", _write_notebooks)
    app.connect("html-page-context", _page_assets)
    app.connect("config-inited", _version_footer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
