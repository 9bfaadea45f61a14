"""Sphinx extension: serve the Vega libraries from the book itself and mark the build as a book build.

* Sets ``DOUBLE_ALLY_BOOK_BUILD=1`` before notebooks execute, so that ``double_ally.charts`` writes
  script-free chart figures (drawn by ``book/_static/charts.js``).
* Adds citation metadata (Highwire ``citation_*`` tags, schema.org JSON-LD) to every chapter's head,
  a "Cite this chapter" block (CSL-formatted APA and Chicago, BibTeX) to its end, and the version to
  every footer -- all from CITATION.cff through ``double_ally.cite``.
* Publishes every chapter as an .ipynb (Jupytext conversion of its MyST source) under _notebooks/.
* Removes the unused live-code (thebe) scripts from every page, and repairs the ARIA roles of
  bibliography entries.
* Writes the Vega + Vega-Lite + vega-embed bundle that ``vl-convert`` ships into the build's static
  files (once per site), wrapped in a function scope so that its top-level names cannot collide
  with the theme's scripts.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from . import BOOK_BUILD_ENV

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
    that readers can download it, or open it in Jupyter, Binder or Colab, and run it themselves."""
    if exception is not None or app.builder.format != "html":
        return
    import jupytext

    for docname in sorted(app.env.found_docs):
        if not _is_notebook(app, docname):
            continue
        notebook = jupytext.read(app.env.doc2path(docname))
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
    from . import cite

    title = app.env.titles[pagename].astext() if pagename in app.env.titles else context.get("title", "")
    context["metatags"] = context.get("metatags", "") + "\n" + cite.highwire_tags(title, pagename) + "\n" + \
        cite.json_ld(title, pagename) + "\n"
    if pagename == app.config.root_doc:
        item, bib, what = cite.csl_item(), cite.bibtex(), "this book"
    else:
        item, bib, what = cite.csl_item(title, pagename), cite.bibtex(title, pagename), "this chapter"
    m = cite.metadata()
    pathto = context["pathto"]
    notebook = ""
    if _is_notebook(app, pagename):
        href = pathto(f"{NOTEBOOKS}/{pagename}.ipynb", 1)
        notebook = f' · <a class="da-notebook" href="{href}" download>This chapter as a notebook (.ipynb)</a>'
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
    from . import cite

    m = cite.metadata()
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
    if "da-chart" not in context.get("body", ""):
        return
    app.add_js_file(BUNDLE_NAME, loading_method="defer", priority=400)
    app.add_js_file("charts.js", loading_method="defer", priority=401)
    app.add_css_file("charts.css")


def setup(app):
    os.environ[BOOK_BUILD_ENV] = "1"
    app.connect("build-finished", _write_bundle)
    app.connect("build-finished", _write_notebooks)
    app.connect("html-page-context", _page_assets)
    app.connect("config-inited", _version_footer)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
