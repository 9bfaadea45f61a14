"""Citation on every page, from CITATION.cff: Highwire ``citation_*`` tags and schema.org JSON-LD in the
head, a "Cite this chapter" (or, on the front page and the appendices, "Cite this book") block at the end
with APA, Chicago, BibTeX and RIS, ``.bib``/``.ris`` downloads and the "Reuse" paragraph, the chapter's
"Run it yourself" links, and the version in every footer."""

from __future__ import annotations

import html
import re
from pathlib import Path

from double_ally.book.sphinxext.notebooks import NOTEBOOKS, is_notebook

CITE_DIR = "_cite"
BOOK_FILE = "double-ally-examined"
# Pages that are not chapters of the argument: they offer the book, and describe themselves as the book.
BOOK_PAGES = frozenset({"book/cite", "book/changelog", "book/changes", "book/references", "book/data", "book/reproduce",
                        "book/execution"})
_OG_URL = re.compile(r'\s*<meta property="og:url" content="[^"]*"\s*/?>')
# What a PDF adds to a page (its link, ``citation_pdf_url``) waits in an HTML comment naming the PDF until
# that PDF exists: ``tasks.py pdf`` builds the PDFs after the HTML and then removes the comment marks of
# those it made (the same pattern there), so no page offers a PDF that is not there.
DORMANT = "da-pdf"
PDF_DIR = "_pdf"  # the chapters' own PDFs: _pdf/<docname>.pdf (tasks.py pdf puts them there)


def dormant(fragment: str, target: str, ready: bool) -> str:
    """``fragment`` as it is when its ``target`` (a path in the output) exists, otherwise inside a
    ``<!--da-pdf[target]:...-->`` comment."""
    if ready:
        return fragment
    text = f"{target}]:{fragment}"
    return f"<!--{DORMANT}[{text}-->" if "-->" not in text and "--!>" not in text else ""


def pdf_target(title: str | None, pagename: str) -> str:
    """The PDF a page cites: the whole book's (the book's pages) or the chapter's own."""
    from double_ally.book import cite

    return cite.PDF_NAME if title is None else f"{PDF_DIR}/{pagename}.pdf"


def pdfs_built(app, title: str | None, pagename: str) -> frozenset[str]:
    """The PDFs of the page (the book's, the chapter's) already in the HTML output (a build after
    ``tasks.py pdf``)."""
    from double_ally.book import cite

    if app.builder.format != "html":
        return frozenset()
    return frozenset(t for t in {cite.PDF_NAME, pdf_target(title, pagename)} if (Path(app.outdir) / t).is_file())


def is_book_page(app, pagename: str) -> bool:
    return pagename == app.config.root_doc or pagename in BOOK_PAGES


def page_head(title: str | None, pagename: str, metatags: str, has_base: bool,
              pdfs: frozenset[str] = frozenset()) -> str:
    """The page's head tags: the citation tags of the book (``title`` None) or of a chapter, and no
    ``og:url`` when the site has no address (a relative one is resolved by readers against the page);
    ``citation_pdf_url`` (the chapter's own PDF, or the book's) dormant until that PDF is in ``pdfs``."""
    from double_ally.book import cite

    if not has_base:
        metatags = _OG_URL.sub("", metatags)
    tags = [metatags, cite.highwire_tags(title, pagename)]
    target = pdf_target(title, pagename)
    if cite.pdf_url(target):
        tags.append(dormant(f'<meta name="citation_pdf_url" content="{html.escape(cite.pdf_url(target))}" />',
                            target, target in pdfs))
    return "\n".join([*tags, cite.json_ld(title, pagename)]) + "\n"


def citation_files(title: str | None, pagename: str) -> dict[str, str]:
    """The ``.bib`` and ``.ris`` files offered on a page, by their path under the build's output."""
    from double_ally.book import cite

    stem = f"{CITE_DIR}/{BOOK_FILE}" if title is None else f"{CITE_DIR}/{pagename}"
    return {f"{stem}.bib": cite.bibtex(title, pagename), f"{stem}.ris": cite.ris(title, pagename)}


def cite_block(title: str | None, pagename: str, pathto, extra: str = "", pdfs: frozenset[str] = frozenset()) -> str:
    """The "Cite this chapter" / "Cite this book" section: APA, Chicago, BibTeX, RIS, downloads, reuse; the
    links to the PDF edition and to the chapter's own PDF dormant until they are in ``pdfs``."""
    from double_ally.book import cite
    from double_ally.core import citation

    what = "book" if title is None else "chapter"
    item = cite.csl_item(title, pagename if title else None)
    files = citation_files(title, pagename)
    styles = "".join(
        f'<p class="da-cite-style"><span class="da-cite-label">{name}</span> {cite.formatted(item, name)}</p>'
        for name in cite.STYLES
    )
    bib, ris = files.values()
    downloads = " · ".join(f'<a class="da-cite-{p.rsplit(".", 1)[1]}" href="{pathto(p, 1)}" download>'
                           f'{"BibTeX" if p.endswith(".bib") else "RIS"} (.{p.rsplit(".", 1)[1]})</a>'
                           for p in files)
    m = citation.metadata()
    offered = [("da-cite-pdf", cite.PDF_NAME, "PDF edition")]
    if title is not None:
        offered.append(("da-cite-pdf-chapter", pdf_target(title, pagename), "This chapter as PDF"))
    pdf_link = "".join(dormant(f' · <a class="{cls}" href="{pathto(target, 1)}">{label}</a>', target, target in pdfs)
                       for cls, target, label in offered)
    return (
        f'<section class="da-cite" id="cite-{what}"><h2>Cite this {what}</h2>{styles}'
        f'<div class="highlight-bibtex notranslate"><div class="highlight"><pre>{html.escape(bib)}</pre></div></div>'
        f'<div class="highlight-ris notranslate"><div class="highlight"><pre class="da-cite-ris">{html.escape(ris)}'
        f'</pre></div></div><p class="da-cite-files">Download: {downloads}</p>'
        f'<p class="da-cite-version">Version {html.escape(str(m["version"]))}, released {html.escape(str(m["date"]))}. '
        f'<a href="{pathto("book/cite")}">How to cite a specific version</a>'
        f'{pdf_link}{extra}</p>'
        f'<p class="da-reuse">{cite.reuse_html()}</p></section>'
    )


def add_citation(app, pagename: str, context: dict) -> None:
    """Meta tags for reference managers in the head, the cite block at the end, its files in the output."""
    from double_ally.book.publish import base_url, launch_links

    title = app.env.titles[pagename].astext() if pagename in app.env.titles else context.get("title", "")
    cited = None if is_book_page(app, pagename) else title
    pdfs = pdfs_built(app, cited, pagename)
    context["metatags"] = page_head(cited, pagename, context.get("metatags", ""), bool(base_url()), pdfs)
    pathto = context["pathto"]
    notebook = ""
    if is_notebook(app, pagename):
        href = pathto(f"{NOTEBOOKS}/{pagename}.ipynb", 1)
        notebook = f' · <a class="da-notebook" href="{href}" download>This chapter as a notebook (.ipynb)</a>'
        runs = [f'<a class="da-launch-{k.lower()}" href="{html.escape(v)}">{k}</a>'
                for k, v in launch_links(pagename).items()]
        runs.append(f'<a class="da-notebook" href="{href}" download>the notebook (.ipynb)</a>')
        context["body"] += (f'<p class="da-launch">Run this chapter yourself: {" · ".join(runs)}. '
                            f'See <a href="{pathto("book/reproduce")}">Reproduce this book</a>.</p>')
    context["body"] += cite_block(cited, pagename, pathto, notebook, pdfs)
    if app.builder.format == "html":
        for path, text in citation_files(cited, pagename).items():
            target = Path(app.outdir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def version_footer(app, config) -> None:
    """The version and release date in every page's footer, from CITATION.cff."""
    from double_ally.core import citation

    m = citation.metadata()
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (options.get("extra_footer") or "") + (
        f'<p>Version {html.escape(str(m["version"]))}, released {html.escape(str(m["date"]))}.</p>'
    )
    config.html_theme_options = options
