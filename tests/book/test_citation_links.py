"""No promise without its target (the links and tags of the PDF edition and of a chapter's own PDF appear
only once that PDF is built) and chart citations with their address and anchor."""

from __future__ import annotations

from types import SimpleNamespace

import altair as alt
import pandas as pd
from bs4 import BeautifulSoup
from docutils import nodes

import test_citation_forms as forms
from conftest import tasks
from double_ally.book import cite
from double_ally.book.sphinxext import citing, figures, publishing
from double_ally.core import charts
from test_citation_forms import BASE, CHAPTER, tags_of

cff, online = forms.cff, forms.online  # the same fixtures: CITATION.cff editable, with an address
PDF = f"{BASE}/v1.2/{cite.PDF_NAME}"


def pathto(path, _=0):
    return path


def pdf_links(html: str) -> list[str]:
    return [a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href$='.pdf']")]


CHAPTER_PDF = "_pdf/book/forecast.pdf"
BOTH = frozenset({cite.PDF_NAME, CHAPTER_PDF})


def page(pdfs=frozenset(), title=CHAPTER) -> str:
    head = citing.page_head(title, "book/forecast", "", has_base=True, pdfs=pdfs)
    return f"<html><head>{head}</head><body>{citing.cite_block(title, 'book/forecast', pathto, pdfs=pdfs)}</body></html>"


def test_a_pdf_is_offered_only_when_it_is_built(online):
    assert pdf_links(page()) == [] and "citation_pdf_url" not in tags_of(page())
    assert pdf_links(page(BOTH)) == [cite.PDF_NAME, CHAPTER_PDF]   # the book's first, then the chapter's
    assert tags_of(page(BOTH))["citation_pdf_url"] == [f"{BASE}/v1.2/{CHAPTER_PDF}"]
    assert pdf_links(page(frozenset({cite.PDF_NAME}))) == [cite.PDF_NAME]   # a chapter's PDF missing: not offered
    assert "citation_pdf_url" not in tags_of(page(frozenset({cite.PDF_NAME})))
    book = page(BOTH, title=None)   # the book's pages offer the book's PDF only
    assert pdf_links(book) == [cite.PDF_NAME] and tags_of(book)["citation_pdf_url"] == [PDF]


def test_without_an_address_there_is_no_pdf_tag_even_once_built(cff):
    assert "citation_pdf_url" not in citing.page_head(CHAPTER, "x", "", has_base=False, pdfs=BOTH)
    assert pdf_links(citing.cite_block(CHAPTER, "book/forecast", pathto, pdfs=BOTH)) == [cite.PDF_NAME, CHAPTER_PDF]


def test_tasks_pdf_wakes_the_dormant_links_of_the_pdfs_it_made(online, tmp_path):
    """What ``tasks.pdf`` does once the PDFs are copied: every page's dormant links and tag of a PDF that is
    there become live, exactly as a build that found the PDFs writes them; the others stay dormant; pages
    without any are left alone."""
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "forecast.html").write_text(page(), encoding="utf-8")
    (tmp_path / "search.html").write_text("<p>no citation here</p>", encoding="utf-8")
    (tmp_path / cite.PDF_NAME).write_bytes(b"%PDF-")
    assert tasks.wake_pdf_links(tmp_path) == 1
    assert (tmp_path / "book" / "forecast.html").read_text(encoding="utf-8") == page(frozenset({cite.PDF_NAME}))
    (tmp_path / CHAPTER_PDF).parent.mkdir(parents=True)
    (tmp_path / CHAPTER_PDF).write_bytes(b"%PDF-")
    assert tasks.wake_pdf_links(tmp_path) == 1
    assert (tmp_path / "book" / "forecast.html").read_text(encoding="utf-8") == page(BOTH)
    assert (tmp_path / "search.html").read_text(encoding="utf-8") == "<p>no citation here</p>"
    assert tasks.wake_pdf_links(tmp_path) == 0
    assert tasks.CHAPTER_PDFS == citing.PDF_DIR


def test_the_extension_knows_which_pdfs_are_in_the_output(online, tmp_path):
    app = SimpleNamespace(
        env=SimpleNamespace(titles={"book/forecast": nodes.title(text=CHAPTER)}, metadata={}),
        config=SimpleNamespace(root_doc="book/intro"), builder=SimpleNamespace(format="html"), outdir=str(tmp_path))

    def cited():
        context = {"metatags": "", "body": "", "pathto": pathto}
        citing.add_citation(app, "book/forecast", context)
        return context

    before = cited()
    assert not pdf_links(before["body"]) and "citation_pdf_url" not in tags_of(before["metatags"])
    for target in BOTH:
        (tmp_path / target).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / target).write_bytes(b"%PDF-")
    after = cited()
    assert pdf_links(after["body"]) == [cite.PDF_NAME, CHAPTER_PDF]
    assert tags_of(after["metatags"])["citation_pdf_url"] == [f"{BASE}/v1.2/{CHAPTER_PDF}"]


def test_the_404_page_names_versions_json_only_on_a_published_site(cff, monkeypatch):
    def not_found_links():
        config = SimpleNamespace()
        publishing.publishing_config(SimpleNamespace(), config)
        return [a["href"] for a in BeautifulSoup(config.notfound_context["body"], "html.parser").select("a")]

    assert not any(h.endswith("versions.json") for h in not_found_links())
    monkeypatch.setenv("DOUBLE_ALLY_BASE_URL", BASE)
    assert "/da/versions.json" in not_found_links()


# -------------------------------------------------------------------------------------- chart lines

def chart_html(name: str) -> str:
    chart = charts.figure(alt.Chart(pd.DataFrame({"x": [1, 2], "y": [3, 4]})).mark_line().encode(x="x", y="y"),
                          title="A finding", source="A publisher", alt_text="A line", name=name)
    return charts.figure_html(chart.to_dict())


def cite_lines(body: str) -> list[str]:
    return [" ".join(p.get_text().split()) for p in BeautifulSoup(body, "html.parser").select(".da-chart-cite")]


def test_a_chart_citation_carries_its_page_address_and_anchor(online):
    body = chart_html("trade-ranks") + chart_html("trade-shares")
    filled = figures.chart_addresses("book/trade", body)
    lines = cite_lines(filled)
    assert [line.rsplit(" ", 1)[1] for line in lines] == [f"{BASE}/v1.2/book/trade.html#chart-trade-ranks",
                                                         f"{BASE}/v1.2/book/trade.html#chart-trade-shares"]
    soup = BeautifulSoup(filled, "html.parser")
    for figure, link in zip(soup.select("figure.da-chart"), soup.select("a.da-chart-address")):
        assert link["href"].endswith("#" + figure["id"])   # the anchor is the figure's own id
    assert "da-chart-address:" not in filled


def test_without_an_address_a_chart_citation_has_none(cff):
    body = chart_html("trade-ranks")
    filled = figures.chart_addresses("book/trade", body)
    assert "http" not in cite_lines(filled)[0] and "#" not in cite_lines(filled)[0]
    assert cite_lines(filled) == cite_lines(body) and "da-chart-address" not in filled


def test_the_chart_name_in_the_placeholder_cannot_inject(online):
    filled = figures.chart_addresses("book/trade", chart_html('x"><script>alert(1)</script>'))
    soup = BeautifulSoup(filled, "html.parser")
    assert not soup.select("script:not([type])") and soup.select_one("a.da-chart-address")["href"].startswith(BASE)
