"""The readers' table style: no index, words for headers, names for codes, whole numbers, dashes."""

import sys
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from double_ally.core.display import MISSING, ReaderTable, country_name, header

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from payloads import PAYLOADS  # noqa: E402


def soup(table: ReaderTable):
    return BeautifulSoup(table._repr_html_(), "html.parser")


def test_headers_are_words_and_the_index_is_not_shown():
    frame = pd.DataFrame({"partner_rank": [1.0, 11.0], "share_pct": [3.25, None]}, index=["x", "y"])
    page = soup(ReaderTable(frame, headers={"share_pct": "Share of trade (%)"}))
    assert [th.get_text() for th in page.find_all("th")] == ["Partner rank", "Share of trade (%)"]
    cells = [[td.get_text() for td in tr.find_all("td")] for tr in page.tbody.find_all("tr")]
    assert cells == [["1", "3.25"], ["11", MISSING]], "whole floats as integers, NA as a dash, no index"
    assert page.find(class_="da-table-note"), "a dash needs its note"
    assert all("da-num" in td["class"] for td in page.tbody.find_all("td"))


def test_country_codes_show_as_names_with_the_code_in_a_tooltip():
    page = soup(ReaderTable(pd.DataFrame({"country": ["KOR", "RUS"]}), codes=("country",)))
    tds = page.tbody.find_all("td")
    assert [td.get_text() for td in tds] == [country_name("KOR"), country_name("RUS")]
    assert country_name("KOR") != "KOR" and [td["title"] for td in tds] == ["KOR", "RUS"]
    assert country_name("ZZZ") == "ZZZ"


def test_large_numbers_are_separated_and_text_is_kept_in_full():
    long = "construction heavy equipment and parts thereof, " * 4
    page = soup(ReaderTable(pd.DataFrame({"label": [long], "value": [17_600_000]})))
    assert page.find("td").get_text() == long
    assert page.find_all("td")[1].get_text() == "17,600,000"


def test_a_column_the_frame_lacks_is_refused():
    with pytest.raises(KeyError, match="no column 'absent'"):
        ReaderTable(pd.DataFrame({"a": [1]}), headers={"absent": "x"})


def test_no_snake_case_header_survives():
    assert header("n_votes") == "N votes" and header("n_votes", {"n_votes": "Roll calls"}) == "Roll calls"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_cells_headers_and_caption_are_text(payload):
    table = ReaderTable(pd.DataFrame({payload: [payload]}), caption=payload)
    html = table._repr_html_().lower()
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "<script" not in table._repr_markdown_().lower() or "\\<script" in table._repr_markdown_().lower()


def test_long_quotes_become_one_list_item_per_row_in_the_pdf():
    table = ReaderTable(pd.DataFrame({"date": ["2014-03-19"], "summary": ["A long quote, kept whole."]}),
                        list_in_pdf=True)
    markdown = table._repr_markdown_()
    assert markdown.startswith("- **Date:** 2014\\-03\\-19") and "A long quote\\, kept whole\\." in markdown
    assert "|" not in markdown


def test_years_are_not_separated_like_amounts():
    page = soup(ReaderTable(pd.DataFrame({"year": [1992, 2020], "value_usd_m": [1992.0, 20000.0]})))
    assert [td.get_text() for td in page.tbody.find_all("td")] == ["1992", "1,992", "2020", "20,000"]


def test_a_list_of_codes_becomes_a_list_of_names():
    assert country_name("CHN, RUS") == f"{country_name('CHN')}, {country_name('RUS')}"
    assert "CHN" not in country_name("CHN, RUS")
