"""Each page's PDF cut from the PDF edition (double_ally.book.pdf_pages), checked on a hand-made book PDF:
blank pages with the anchors, outline and page labels that LaTeX gives the real one, and an .aux file."""

from __future__ import annotations

import pytest
from pypdf import PdfReader, PdfWriter

from double_ally.book import pdf_pages

# Three front-matter pages (i-iii), then the front page's text (1-2), two chapters (3-6, 7-8) and the
# bibliography (9-10): twelve pages in all.
AUX = r"""\relax
\newlabel{book/intro::doc}{{}{1}{}{section*.2}{}}
\newlabel{book/intro:about}{{1}{1}{About}{chapter.1}{}}
\newlabel{book/trade::doc}{{2}{3}{Trade: {\textbraceleft}three{\textbraceright} decades}{chapter.2}{}}
\newlabel{book/trade:data}{{2.1}{4}{Data}{section.2.1}{}}
\newlabel{book/people::doc}{{3}{7}{People}{chapter.3}{}}
"""
ANCHORS = {"section*.2": 3, "chapter.1": 3, "chapter.2": 5, "chapter.3": 9}
OUTLINE = {"About": 3, "Trade": 5, "People": 9, "Bibliography": 11}


@pytest.fixture
def book_pdf(tmp_path):
    writer = PdfWriter()
    for _ in range(13):
        writer.add_blank_page(width=200, height=300)
    for anchor, index in ANCHORS.items():
        writer.add_named_destination(anchor, index)
    for title, index in OUTLINE.items():
        writer.add_outline_item(title=title, page_number=index)
    writer.set_page_label(0, 2, style="/r")
    writer.set_page_label(3, 12, style="/D", start=1)
    writer.add_metadata({"/Title": "A book", "/Author": "Its authors"})
    path = tmp_path / "latex" / "book.pdf"
    path.parent.mkdir()
    with open(path, "wb") as handle:
        writer.write(handle)
    path.with_suffix(".aux").write_text(AUX, encoding="utf-8")
    return path


def test_the_aux_file_says_where_each_page_starts():
    starts = pdf_pages.starts(AUX)
    assert [(s.docname, s.label, s.anchor) for s in starts] == [
        ("book/intro", "1", "section*.2"), ("book/trade", "3", "chapter.2"), ("book/people", "7", "chapter.3")]
    assert starts[1].title == r"Trade: \textbraceleftthree\textbraceright decades"


def test_an_unreadable_or_missing_label_is_named():
    with pytest.raises(pdf_pages.PdfPagesError, match=r"book\.aux, line 2: .*book/x::doc"):
        pdf_pages.starts("\\relax\n\\newlabel{book/x::doc}{{1}}\n", "book.aux")
    with pytest.raises(pdf_pages.PdfPagesError, match="no page labels"):
        pdf_pages.starts("\\relax\n", "book.aux")


def test_a_page_runs_to_the_next_boundary_or_the_end():
    spans = pdf_pages.ranges({"a": 2, "b": 5, "c": 9}, boundaries={2, 7}, page_count=12)
    assert spans == {"a": range(2, 5), "b": range(5, 7), "c": range(9, 12)}


def test_each_page_gets_its_book_pages_then_the_bibliography(book_pdf, tmp_path):
    written = pdf_pages.split(book_pdf, tmp_path / "out")
    assert set(written) == {"book/trade", "book/people"}   # the front page's PDF is the book's
    assert written["book/trade"] == tmp_path / "out" / "book" / "trade.pdf"
    trade, people = PdfReader(written["book/trade"]), PdfReader(written["book/people"])
    # trade: book pages 3-6 (PDF pages 6-9, up to people's start), then the bibliography, book pages 9-10
    assert trade.page_labels == ["3", "4", "5", "6", "9", "10"]
    # people: book pages 7-8 (to the bibliography's outline entry), then the bibliography
    assert people.page_labels == ["7", "8", "9", "10"]
    assert trade.metadata["/Title"] == "Trade"   # the outline's text, not the .aux file's LaTeX
    assert trade.metadata["/Author"] == "Its authors"
    assert trade.metadata["/Subject"] == "A book, pp. 3–6"
    assert [item.title for item in trade.outline if not isinstance(item, list)] == ["Trade", "Bibliography"]


def test_a_label_the_pdf_does_not_know_stops_the_cut_by_name(book_pdf, tmp_path):
    aux = book_pdf.with_suffix(".aux")
    aux.write_text(AUX.replace("{chapter.3}", "{chapter.9}"), encoding="utf-8")
    with pytest.raises(pdf_pages.PdfPagesError, match=r"book\.pdf: no destination 'chapter\.9'.*book/people"):
        pdf_pages.split(book_pdf, tmp_path / "out")
    aux.unlink()
    with pytest.raises(pdf_pages.PdfPagesError, match=r"book\.aux: not found"):
        pdf_pages.split(book_pdf, tmp_path / "out")
