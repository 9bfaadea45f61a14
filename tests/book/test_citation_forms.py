"""Citation forms read back as a reference manager would: authors, addresses, version, DOI, styles.

The strings expected below are written by hand from the APA 7 and Chicago author-date rules; the tags are
read with the rules of Zotero's Embedded Metadata translator (``zotero_reads``), and the BibTeX and RIS
are parsed back (bibtexparser, ``read_ris``)."""

from __future__ import annotations

import json
import re
import subprocess

import bibtexparser
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from double_ally.book import cite
from double_ally.book.sphinxext import citing
from double_ally.core import citation

CFFCONVERT = ROOT / ".venv-cff" / "bin" / "cffconvert"
BASE = "https://example.org/da"
ENTITY = "The Double Ally Examined contributors"
BOOK = "Double Ally, examined: Testing a 2021 argument about South Korea, the United States and Russia with open data"
BOOK_TC = "Double Ally, Examined: Testing a 2021 Argument about South Korea, the United States and Russia with Open Data"
CHAPTER = "The forecast, checked: 2021 against 2022–2025"


@pytest.fixture
def cff(monkeypatch):
    """CITATION.cff as it is, made editable for one test (version and date fixed here, not read back)."""
    data = json.loads(json.dumps(citation._cff(), default=str))
    data.update({"version": "1.2.3", "date-released": "2027-03-04"})
    monkeypatch.setattr(citation, "_cff", lambda: data)
    monkeypatch.delenv("DOUBLE_ALLY_BASE_URL", raising=False)
    return data


@pytest.fixture
def online(cff, monkeypatch):
    monkeypatch.setenv("DOUBLE_ALLY_BASE_URL", BASE + "/")
    return cff


def read_ris(text: str) -> list[tuple[str, str]]:
    """Tag-value lines of an RIS record ("TY  - BOOK"), as RIS readers split them."""
    lines = [re.fullmatch(r"([A-Z][A-Z0-9])  - ?(.*)", line) for line in text.splitlines() if line.strip()]
    assert all(lines), text
    return [(m.group(1), m.group(2)) for m in lines]


def tags_of(head: str) -> dict[str, list[str]]:
    found = {}
    for tag in BeautifulSoup(head, "html.parser").find_all("meta", attrs={"name": True}):
        found.setdefault(tag["name"], []).append(tag["content"])
    return found


def zotero_reads(tags: dict[str, list[str]], description: str = "cut description") -> dict:
    """What Zotero's Embedded Metadata translator makes of the tags (the rules quoted in issue 19)."""
    creators = []
    for name in tags.get("citation_author", []):
        if name.endswith(","):
            creators.append({"lastName": name[:-1], "fieldMode": 1})
        elif "," in name:
            last, first = (p.strip() for p in name.split(",", 1))
            creators.append({"lastName": last, "firstName": first})
        else:
            first, _, last = name.rpartition(" ")
            creators.append({"lastName": last, "firstName": first})
    one = {k: v[0] for k, v in tags.items()}
    return {"itemType": "bookSection" if "citation_inbook_title" in one else "book-or-webpage",
            "creators": creators, "edition": one.get("prism.edition"), "url": one.get("citation_public_url"),
            "abstractNote": one.get("citation_abstract", description), "DOI": one.get("citation_doi")}


# ------------------------------------------------------------------------------------------- authors

def test_the_collective_author_is_one_institutional_name_in_every_form(cff):
    item = cite.csl_item(CHAPTER, "book/forecast")
    assert item["author"] == [{"literal": ENTITY}]
    entry = bibtexparser.parse_string(cite.bibtex(CHAPTER, "book/forecast")).entries[0]
    assert entry.fields_dict["author"].value == "{" + ENTITY + "}"   # braced once more inside the field
    bibtex_names = bibtexparser.middlewares.SplitNameParts().transform(
        bibtexparser.parse_string(cite.bibtex(), append_middleware=[bibtexparser.middlewares.SeparateCoAuthors()])
    ).entries[0]["author"]
    assert [n.last for n in bibtex_names] == [["{" + ENTITY + "}"]] and bibtex_names[0].first == []
    assert [v for k, v in read_ris(cite.ris()) if k == "AU"] == [ENTITY]   # no comma: one field
    reads = zotero_reads(tags_of(cite.highwire_tags(CHAPTER, "book/forecast")))
    assert reads["creators"] == [{"lastName": ENTITY, "fieldMode": 1}]
    assert json.loads(re.search(r">(.*)<", cite.json_ld(None, None), re.S).group(1))["author"] == [
        {"@type": "Organization", "name": ENTITY}]
    for style in cite.STYLES:
        assert cite.formatted(cite.csl_item(), style, html_output=False).startswith(ENTITY + ". ")


def test_people_stay_people_in_every_form(cff):
    cff["authors"] = [{"given-names": "Mina", "family-names": "Park"}, {"name": "A Lab"}]
    assert cite.csl_item()["author"] == [{"family": "Park", "given": "Mina"}, {"literal": "A Lab"}]
    assert bibtexparser.parse_string(cite.bibtex()).entries[0]["author"] == "Park, Mina and {A Lab}"
    assert [v for k, v in read_ris(cite.ris()) if k == "AU"] == ["Park, Mina", "A Lab"]
    assert zotero_reads(tags_of(cite.highwire_tags(None, None)))["creators"] == [
        {"lastName": "Park", "firstName": "Mina"}, {"lastName": "A Lab", "fieldMode": 1}]
    assert cite.formatted(cite.csl_item(), "APA", html_output=False).startswith("Park, M., & A Lab. (2027).")
    assert cite.zenodo()["creators"] == [{"name": "Park, Mina"}, {"name": "A Lab"}]


def test_citation_cff_prefers_the_book_by_the_same_entity():
    cff = citation._cff()
    preferred = cff["preferred-citation"]
    assert preferred["type"] == "book" and preferred["title"] == cff["title"]
    assert preferred["authors"] == cff["authors"] == [{"name": ENTITY}]
    # the release's version and date live once, at the top, so that a release changes one place
    assert not {"version", "date-released", "date-published", "year"} & set(preferred)


@pytest.mark.skipif(not CFFCONVERT.exists(), reason="cffconvert is not installed in .venv-cff")
def test_tools_reading_citation_cff_keep_the_entity_in_one_field():
    def convert(fmt):
        return subprocess.run([str(CFFCONVERT), "-i", str(ROOT / "CITATION.cff"), "-f", fmt],
                              capture_output=True, text=True, check=True).stdout

    assert [v for k, v in read_ris(convert("ris").replace("\nER\n", "\nER  -\n")) if k == "AU"] == [ENTITY]
    assert json.loads(convert("zenodo"))["creators"] == [{"name": ENTITY}]


# ----------------------------------------------------------------------------------------- addresses

def test_with_an_address_every_form_carries_the_versions_own(online):
    page = f"{BASE}/v1.2/book/forecast.html"
    for style in cite.STYLES:
        assert page in cite.formatted(cite.csl_item(CHAPTER, "book/forecast"), style, html_output=False)
        assert cite.formatted(cite.csl_item(), style, html_output=False).rstrip(".").endswith(f"{BASE}/v1.2/")
    assert bibtexparser.parse_string(cite.bibtex(CHAPTER, "book/forecast")).entries[0]["url"] == page
    assert ("UR", page) in read_ris(cite.ris(CHAPTER, "book/forecast"))
    assert tags_of(cite.highwire_tags(CHAPTER, "book/forecast"))["citation_public_url"] == [page]
    assert tags_of(cite.highwire_tags(None, None))["citation_public_url"] == [f"{BASE}/v1.2/"]


def test_without_an_address_no_form_carries_one_and_og_url_is_dropped(cff):
    head = citing.page_head(CHAPTER, "book/forecast", '<meta property="og:url" content="book/forecast.html" />\n'
                            '<meta property="og:title" content="x" />', has_base=False)
    assert "og:url" not in head and "og:title" in head
    kept = citing.page_head(CHAPTER, "book/forecast", '<meta property="og:url" content="https://a.b/c" />', True)
    assert "og:url" in kept
    assert "citation_public_url" not in head and "citation_pdf_url" not in head
    for text in (cite.bibtex(CHAPTER, "x"), cite.ris(CHAPTER, "x"), json.dumps(cite.csl_item(CHAPTER, "x"))):
        assert "http" not in text and "URL" not in text and "url =" not in text


# ---------------------------------------------------------------------------------- version and DOI

def test_the_version_reaches_the_tags_zotero_maps_bibtex_and_ris(cff):
    assert zotero_reads(tags_of(cite.highwire_tags(CHAPTER, "x")))["edition"] == "1.2.3"
    assert bibtexparser.parse_string(cite.bibtex()).entries[0]["version"] == "1.2.3"
    assert ("ET", "1.2.3") in read_ris(cite.ris())


@pytest.mark.parametrize("where", ["doi", "identifiers"])
def test_a_doi_in_citation_cff_is_in_every_form(cff, where):
    doi = "10.5281/zenodo.1234567"
    if where == "doi":
        cff["doi"] = doi
    else:
        cff["identifiers"] = [{"type": "url", "value": "https://x.org"}, {"type": "doi", "value": doi}]
    for style in cite.STYLES:
        assert f"https://doi.org/{doi}" in cite.formatted(cite.csl_item(CHAPTER, "x"), style, html_output=False)
    assert bibtexparser.parse_string(cite.bibtex(CHAPTER, "x")).entries[0]["doi"] == doi
    assert ("DO", doi) in read_ris(cite.ris(CHAPTER, "x"))
    assert tags_of(cite.highwire_tags(CHAPTER, "x"))["citation_doi"] == [doi]
    assert f"https://doi.org/{doi}" in cite.json_ld(None, None) and f"https://doi.org/{doi}" in cite.json_ld(CHAPTER, "x")
    assert cite.zenodo()["doi"] == doi


def test_without_a_doi_no_form_and_no_page_promises_one(cff):
    assert citation.metadata()["doi"] is None
    forms = [cite.bibtex(), cite.ris(), cite.highwire_tags(None, None), cite.json_ld(None, None), cite.zenodo_text()]
    assert not any("doi" in f.lower() for f in forms)
    assert "appears below" not in (ROOT / "book" / "cite.md").read_text(encoding="utf-8")


def test_the_abstract_is_citation_cffs_not_the_cut_description(cff):
    abstract = " ".join(cff["abstract"].split())
    assert zotero_reads(tags_of(cite.highwire_tags(CHAPTER, "x")))["abstractNote"] == abstract


# -------------------------------------------------------------------------------------------- styles

def test_apa_and_chicago_of_the_book_as_written_by_hand(online):
    apa = cite.formatted(cite.csl_item(), "APA", html_output=False)
    chicago = cite.formatted(cite.csl_item(), "Chicago", html_output=False)
    assert apa == f"{ENTITY}. (2027). {BOOK} (Version 1.2.3). {BASE}/v1.2/"
    assert chicago == f"{ENTITY}. 2027. {BOOK_TC}. Version 1.2.3. {BASE}/v1.2/."


def test_apa_and_chicago_of_a_chapter_as_written_by_hand(cff):
    item = cite.csl_item(CHAPTER, "book/forecast")
    assert cite.formatted(item, "APA", html_output=False) == (
        f"{ENTITY}. (2027). The forecast, checked: 2021 against 2022–2025. In {BOOK} (Version 1.2.3).")
    assert cite.formatted(item, "Chicago", html_output=False) == (
        f"{ENTITY}. 2027. “The Forecast, Checked: 2021 against 2022–2025.” In {BOOK_TC}, version 1.2.3.")


def test_chicago_fixes_touch_only_what_citeproc_gets_wrong():
    assert cite._chicago("“A Title”. In B Between C: About D.") == "“A Title.” In B between C: About D."
    assert cite._chicago("“About Trade,” x") == "“About Trade,” x"   # the first word of a title stays
    assert cite.sentence_title("Trade: three decades") == "Trade: Three decades"
    assert cite.sentence_title("No subtitle here") == "No subtitle here"


def test_html_styles_escape_the_items_strings(cff):
    html_text = cite.formatted(cite.csl_item("A <b>bold</b> & title", "x"), "Chicago")
    assert "<b>" not in html_text and "&lt;b&gt;" in html_text


# ------------------------------------------------------------------------------------- page by page

def test_book_pages_carry_the_book_and_chapters_the_chapter(cff):
    book = zotero_reads(tags_of(cite.highwire_tags(None, None)))
    chapter = zotero_reads(tags_of(cite.highwire_tags(CHAPTER, "book/forecast")))
    assert chapter["itemType"] == "bookSection" and book["itemType"] != "bookSection"
    assert tags_of(cite.highwire_tags(None, None))["citation_title"] == [cff["title"]]
    assert json.loads(re.search(r">(.*)<", cite.json_ld(None, None), re.S).group(1))["@type"] == "Book"
    assert citing.BOOK_PAGES >= {"book/cite", "book/changelog", "book/references", "book/data", "book/reproduce"}


def test_the_cite_block_offers_every_form_files_and_reuse(online):
    block = BeautifulSoup(citing.cite_block(None, "book/cite", lambda p, _=0: p), "html.parser")
    assert block.h2.get_text() == "Cite this book"
    assert [s.get_text() for s in block.select(".da-cite-label")] == ["APA", "Chicago"]
    entry = bibtexparser.parse_string(block.select("pre")[0].get_text()).entries[0]
    assert entry.entry_type == "book" and entry["url"] == f"{BASE}/v1.2/"
    assert ("TY", "BOOK") in read_ris(block.select_one("pre.da-cite-ris").get_text())
    assert [a["href"] for a in block.select("[download]")] == ["_cite/double-ally-examined.bib",
                                                               "_cite/double-ally-examined.ris"]
    reuse = block.select_one(".da-reuse")
    assert reuse.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "third-party data" in reuse.get_text()
    chapter = BeautifulSoup(citing.cite_block(CHAPTER, "book/forecast", lambda p, _=0: p), "html.parser")
    assert chapter.h2.get_text() == "Cite this chapter"
    assert set(citing.citation_files(CHAPTER, "book/forecast")) == {"_cite/book/forecast.bib", "_cite/book/forecast.ris"}
    assert read_ris(citing.citation_files(CHAPTER, "book/forecast")["_cite/book/forecast.ris"])[0] == ("TY", "CHAP")


def test_the_extension_writes_tags_block_and_files_for_each_page(cff, tmp_path):
    """``add_citation`` as Sphinx calls it (a stand-in app): the front page and an appendix cite the book,
    a chapter itself; the offered files land in the output; no relative og:url without an address."""
    from types import SimpleNamespace

    from docutils import nodes

    titles = {"book/intro": "Double Ally, examined", "book/cite": "How to cite", "book/forecast": CHAPTER}
    app = SimpleNamespace(
        env=SimpleNamespace(titles={k: nodes.title(text=v) for k, v in titles.items()}, metadata={}),
        config=SimpleNamespace(root_doc="book/intro"), builder=SimpleNamespace(format="html"), outdir=str(tmp_path))
    for pagename, is_book in [("book/intro", True), ("book/cite", True), ("book/forecast", False)]:
        context = {"metatags": f'<meta property="og:url" content="{pagename}.html" />', "body": "<p>x</p>",
                   "pathto": lambda p, _=0: p}
        citing.add_citation(app, pagename, context)
        tags = tags_of(context["metatags"])
        assert "og:url" not in context["metatags"]
        assert ("citation_inbook_title" in tags) is not is_book, pagename
        assert tags["citation_title"] == [cff["title"] if is_book else CHAPTER]
        block = BeautifulSoup(context["body"], "html.parser").select_one("section.da-cite")
        assert block.h2.get_text() == ("Cite this book" if is_book else "Cite this chapter")
        for link in block.select("a[download]"):
            written = tmp_path / link["href"]
            assert written.is_file() and written.read_text(encoding="utf-8") in (
                block.select("pre")[0].get_text(), block.select_one("pre.da-cite-ris").get_text())
