"""The trade chapter's prose figures and reader tables, and its composition chart's colours, on small
hand-made tables whose answers are worked out by hand."""

from __future__ import annotations

import html

import pandas as pd
import pytest

from double_ally.chapters.trade import charts, page


def bilateral() -> pd.DataFrame:
    # South Korea's records: exports 100 / imports 50 in 2000, 30 / 90 in 2001; Russia's 40 / 110, 80 / 20.
    rows = [(2000, "KOR", "exports", 100.0), (2000, "KOR", "imports", 50.0),
            (2000, "RUS", "exports", 40.0), (2000, "RUS", "imports", 110.0),
            (2001, "KOR", "exports", 30.0), (2001, "KOR", "imports", 90.0),
            (2001, "RUS", "exports", 80.0), (2001, "RUS", "imports", 20.0)]
    return pd.DataFrame(rows, columns=["year", "reporter", "flow", "value_usd_m"])


def test_places_in_words():
    assert page.places(1) == "1 place" and page.places(2) == "2 places" and page.places(0) == "0 places"


def test_change_pct_is_from_the_year_before():
    series = pd.Series({2014: 200.0, 2015: 150.0})
    assert page.change_pct(series, 2015) == pytest.approx(-25.0)


def test_totals_table_has_one_row_a_year_whole_numbers_and_headers_in_words():
    table = page.totals_table(bilateral())
    rows = table.rows()
    assert [row[0] for row in rows] == ["2000", "2001"]  # years without a thousands separator
    # columns: year, then South Korea's exports, imports, total, balance, then Russia's
    assert rows[0][1:5] == ["100", "50", "150", "50"] and rows[1][5:] == ["80", "20", "100", "60"]
    assert rows[1][4] == "-60"
    shown = html.unescape(table._repr_html_())
    assert "<th scope=\"col\" class=\"da-num\">South Korea's records: balance (US$ m)</th>" in shown
    assert "KOR_balance" not in shown


def test_facts_table_keeps_each_product_line_whole():
    long = "Korea exports to Russia: construction heavy equipment and its parts, as the page lists them"
    facts = pd.DataFrame([{"category": "product", "period": "2018", "indicator": long, "value_usd_m": 250.0,
                           "value": 2.5, "unit": "hundred-million USD", "publisher": "KOTRA"},
                          {"category": "transport", "period": "2019", "indicator": "rail containers",
                           "value_usd_m": None, "value": 1200.0, "unit": "TEU", "publisher": "X"}])
    rows = page.facts_table(facts, "product", period="2018").rows()
    assert rows == [[long, "250", "KOTRA"]]
    assert page.facts_table(facts, "transport").rows() == [["2019", "rail containers", "1,200", "TEU", "X"]]


def shares(codes: list[str]) -> pd.DataFrame:
    return pd.DataFrame([{"year": 2000, "hs2": code, "value_usd_m": 10.0, "share_pct": 100 / len(codes)}
                         for code in codes])


def test_composition_colours_are_all_different_and_cars_far_from_iron_and_steel():
    colours = [c for stack in charts.STACKS.values() for c in stack.values()] + [charts.OTHER_COLOUR]
    assert len(set(colours)) == len(colours)
    iron, cars = charts.STACKS["imports"]["72"], charts.STACKS["exports"]["87"]

    def rgb(colour):
        return [int(colour[i:i + 2], 16) for i in (1, 3, 5)]

    assert sum(abs(a - b) for a, b in zip(rgb(iron), rgb(cars))) > 200


def test_composition_panels_each_have_their_own_legend_and_refuse_an_unknown_chapter():
    chart = charts.composition_chart(shares(list(charts.STACKS["imports"]) + ["other"]),
                                     shares(list(charts.STACKS["exports"]) + ["other"]))
    spec = chart.to_dict()
    assert spec["resolve"]["scale"]["color"] == "independent" and len(spec["concat"]) == 2
    with pytest.raises(ValueError, match="no colour"):
        charts.composition_chart(shares(["27", "99"]), shares(["87"]))
