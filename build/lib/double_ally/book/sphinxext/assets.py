"""The page's scripts: the Vega bundle served once per site and loaded only where a chart is; no thebe.

The Vega + Vega-Lite + vega-embed bundle that ``vl-convert`` ships is written into the build's static
files (once per site), wrapped in a function scope so that its top-level names cannot collide with the
theme's scripts. The unused live-code (thebe) scripts are removed from every page, and the ARIA roles
of bibliography entries repaired.
"""

from __future__ import annotations

from pathlib import Path

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



def write_bundle(app, exception) -> None:
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



def page_assets(app, pagename, context) -> None:
    """Drop the live-code (thebe) scripts; load the Vega bundle only on pages that have a chart, and the
    register's filters only on pages that show the register, and reading mode (code folded) only on pages
    with code cells.

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
    if 'class="cell_input' in context.get("body", ""):
        app.add_js_file("reading.js", loading_method="defer", priority=403)
    if "da-register" in context.get("body", ""):
        app.add_js_file("register.js", loading_method="defer", priority=402)
    if "da-chart" not in context.get("body", ""):
        return
    app.add_js_file(BUNDLE_NAME, loading_method="defer", priority=400)
    app.add_js_file("charts.js", loading_method="defer", priority=401)
    app.add_css_file("charts.css")
