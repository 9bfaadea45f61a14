"""Publishing (see ``double_ally.book.publish``): Open Graph tags on every page, a 404 page, and -- once
the book's address is set (``DOUBLE_ALLY_BASE_URL``) -- a canonical link and ``sitemap.xml``; the derived
tables published under ``data/`` for download."""

from __future__ import annotations

from pathlib import Path

def publishing_config(app, config) -> None:
    """Addresses for the canonical link, the sitemap, Open Graph and the 404 page (``double_ally.book.publish``)."""
    from double_ally.core import citation
    from double_ally.book import publish

    base = publish.base_url()
    if base:  # the address of the version read (its own folder), so that a saved link stays on that version
        config.html_baseurl = f"{base}/{publish.site_folder()}/"
        config.ogp_site_url = config.html_baseurl
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


def copy_data(app, exception) -> None:
    """The derived tables and their datapackage.json, published beside the book for download, and the
    two in one zip (``double_ally.book.appendix.write_zip``)."""
    if exception is not None or app.builder.format != "html":
        return
    import shutil

    from double_ally.core.paths import DATA_DIR

    target = Path(app.outdir) / "data"
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(DATA_DIR.glob("*")):
        if path.suffix in {".csv", ".json"}:
            shutil.copy2(path, target / path.name)
    from double_ally.book.appendix import DATA_ZIP, write_zip

    write_zip(target, target / DATA_ZIP)


