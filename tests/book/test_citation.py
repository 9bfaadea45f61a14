"""Citation: one metadata source, valid CITATION.cff, cite blocks and meta tags on every chapter, a PDF."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import bibtexparser
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from conftest import ROOT, page_paths, tasks
from double_ally.book import cite
from double_ally.book.sphinxext.citing import BOOK_PAGES
from double_ally.core import citation

REQUIRE = os.environ.get("DOUBLE_ALLY_REQUIRE_BROWSER") == "1"  # CI: nothing here may skip
CFFCONVERT = ROOT / ".venv-cff" / "bin" / "cffconvert"


def chapter_pages(built_book):
    return [built_book / p for p in page_paths(built_book) if p.startswith("book/")]


def page_title(soup: BeautifulSoup) -> str:
    """The page's h1 as a reader reads it: without its "#" link, spaces collapsed."""
    heading = soup.select_one("main h1")
    for link in heading.select("a.headerlink"):
        link.decompose()
    return " ".join(heading.get_text(" ").split())


def test_citation_cff_is_valid_against_the_cff_schema():
    if not CFFCONVERT.exists():
        if REQUIRE:
            pytest.fail("cffconvert is not installed in .venv-cff (python3 tasks.py test installs it)")
        pytest.skip("cffconvert is not installed in .venv-cff (python3 tasks.py test installs it)")
    result = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zenodo_metadata_is_generated_from_citation_cff():
    committed = (ROOT / ".zenodo.json").read_text(encoding="utf-8")
    assert committed == cite.zenodo_text(), "regenerate it: python -m double_ally.book.cite"
    data = json.loads(committed)
    assert data["version"] == citation.metadata()["version"] and data["creators"]


def test_formatted_styles_come_from_csl():
    item = cite.csl_item("A chapter", "book/a-chapter")
    apa, chicago = cite.formatted(item, "APA", html_output=False), cite.formatted(item, "Chicago", html_output=False)
    m = citation.metadata()
    assert f"({m['year']})" in apa and f"Version {m['version']}" in apa   # APA: (year), (Version x)
    assert f"{m['year']}." in chicago and "“A Chapter.”" in chicago      # Chicago: title case, period inside


@pytest.mark.build
def test_every_page_carries_citation_metadata_and_bibtex_and_ris_blocks(built_book):
    """Chapters describe themselves as book sections, the front page and the appendices as the book; the
    collective author ends in a comma (one institutional name for Zotero); the files offered exist."""
    from test_citation_forms import read_ris, zotero_reads

    m = citation.metadata()
    pages = chapter_pages(built_book)
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        meta = {}
        for tag in soup.find_all("meta", attrs={"name": True}):
            meta.setdefault(tag["name"], []).append(tag["content"])
        name = page.relative_to(built_book)
        docname = name.with_suffix("").as_posix()
        is_book = docname == "book/intro" or docname in BOOK_PAGES
        for key in ("citation_title", "citation_author", "citation_publication_date", "citation_publisher",
                    "prism.edition", "citation_abstract"):
            assert meta.get(key), f"{name} lacks {key}"
        assert ("citation_inbook_title" in meta) is not is_book, name
        assert meta["citation_author"] == [a + "," for a in m["authors"]]
        assert meta["citation_publication_date"] == [m["date"].replace("-", "/")]
        reads = zotero_reads(meta)
        assert reads["edition"] == m["version"] and all(c.get("fieldMode") == 1 for c in reads["creators"])
        ld = json.loads(soup.find("script", type="application/ld+json").string)
        assert ld["@type"] == ("Book" if is_book else "Chapter")
        if not is_book:
            assert ld["isPartOf"]["version"] == m["version"]
        assert not soup.find("meta", property="og:url", content=lambda c: c and not c.startswith("http"))

        block = soup.select_one("section.da-cite")
        assert block is not None, f"{name} has no cite block"
        assert block.h2.get_text() == ("Cite this book" if is_book else "Cite this chapter"), name
        library = bibtexparser.parse_string(block.select_one("pre").get_text())
        assert not library.failed_blocks and len(library.entries) == 1
        entry = library.entries[0]
        assert entry.fields_dict["year"].value == str(m["year"])
        assert entry.fields_dict["version"].value == m["version"]
        assert entry.entry_type == ("book" if is_book else "incollection")
        if not is_book:
            assert entry.fields_dict["booktitle"].value.strip("{}") == cite.sentence_title(m["title"])
        ris = dict(read_ris(block.select_one("pre.da-cite-ris").get_text()))
        assert ris["TY"] == ("BOOK" if is_book else "CHAP") and ris["ET"] == m["version"]
        for link in block.select("a[download]"):
            assert (page.parent / link["href"]).is_file(), f"{name}: {link['href']} was not written"
        labels = [s.get_text() for s in block.select(".da-cite-label")]
        assert labels == ["APA", "Chicago"]
        assert block.select_one(".da-reuse a[rel=license]")


@pytest.mark.build
def test_footer_shows_the_version(built_book):
    m = citation.metadata()
    for page in chapter_pages(built_book):
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("footer.bd-footer-content")
        words = footer.get_text(" ").split() if footer else []
        assert m["version"] + "," in words and m["date"] + "." in words, f"{page.name}: no version in the footer"


@pytest.mark.build
def test_every_chart_has_a_cite_line(built_book):
    for page in chapter_pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for fig in soup.select("figure.da-chart"):
            line = fig.select_one(".da-chart-cite").get_text()
            assert fig["data-chart-name"] in line and citation.metadata()["version"] in line


@pytest.mark.build
@pytest.mark.long  # LaTeX
def test_pdf_edition_builds_and_every_chapter_links_to_it(book_build, tmp_path):
    """The PDF edition, built beside a copy of the session's HTML build (other tests read that build
    while this one runs, and the PDF step rewrites its pages): it reuses the build's execution cache
    (no notebook runs again) and lands in the HTML folder, where every chapter's link must find it."""
    if not shutil.which("xelatex") or not shutil.which("latexmk"):
        if REQUIRE:
            pytest.fail("xelatex and latexmk are needed for the PDF edition (.ci/run installs them)")
        pytest.skip("xelatex and latexmk are not installed; the PDF edition cannot be built here")
    out = tmp_path / "book"
    shutil.copytree(book_build.out, out, symlinks=True)
    made = tasks.pdf(out=out, echo=False)
    built_book = out / "_build" / "html"
    assert made.parent == built_book
    data = made.read_bytes()
    assert data[:5] == b"%PDF-" and data.rstrip().endswith(b"%%EOF") and len(data) > 100_000
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(made)], capture_output=True, text=True).stdout
        pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
        assert pages > 10
    if shutil.which("pdftotext"):
        text = " ".join(subprocess.run(["pdftotext", str(made), "-"], capture_output=True, text=True).stdout.split())
        for page in chapter_pages(built_book):
            title = page_title(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser"))
            assert title.casefold() in text.casefold(), f"the PDF has no chapter titled {title!r}"
    book = PdfReader(made)
    chapters = 0
    for page in chapter_pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        first, *own = [page.parent / a["href"] for a in soup.select(".da-cite-version a[href$='.pdf']")]
        assert first.resolve() == made.resolve(), f"{page.name}: PDF link points to {first}"
        docname = page.relative_to(built_book).with_suffix("").as_posix()
        if docname in BOOK_PAGES or page.name == "intro.html":
            assert not own, f"{page.name} is the book's and offers a PDF of its own"
            continue
        # a chapter offers its own PDF: the book's pages of that chapter, with the book's page numbers
        assert len(own) == 1 and own[0].is_file(), f"{page.name}: no PDF of the chapter is offered"
        chapters += 1
        cut = PdfReader(own[0])
        title = page_title(soup)
        assert " ".join(cut.metadata["/Title"].split()).casefold() == title.casefold()
        assert 1 < len(cut.pages) < len(book.pages) // 2
        labels = book.page_labels
        start = max(i for i, label in enumerate(labels) if label == cut.page_labels[0])  # the main matter's
        assert cut.pages[0].extract_text() == book.pages[start].extract_text(), (
            f"{own[0].name}: its first page is not page {cut.page_labels[0]} of the book")
        squeezed = lambda text: "".join(text.split()).casefold()  # noqa: E731 (the PDF's text loses spaces)
        assert squeezed(title) in squeezed(cut.pages[0].extract_text()), f"{own[0].name} does not open with {title}"
    assert chapters >= 5
