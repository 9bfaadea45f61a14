"""The first trade chart on hand-made tables: one point per reported figure, a legend and title from
the data, and shaded years found in the data."""

from __future__ import annotations

import pandas as pd
import pytest

from double_ally.chapters.trade import charts
from double_ally.core.charts import _chart_data


def totals(kor: dict[int, float], rus: dict[int, float]) -> pd.DataFrame:
    rows = [{"year": y, "reporter": r, "total": v} for r, series in (("KOR", kor), ("RUS", rus))
            for y, v in series.items()]
    return pd.DataFrame(rows)


def reported(rows: list[tuple[int, float, str, str]], side: str = "KOR") -> pd.DataFrame:
    """(year, value in US$ m, publisher, page) rows of totals reported in the press."""
    return pd.DataFrame([{"year": y, "flow": "total", "value_usd_m": v, "publisher": p, "source_url": u,
                          "reporting_side": side} for y, v, p, u in rows])


# South Korea's records: highest in 2011 (200); falls of 25 % in 2012, 6.7 % in 2013 and 28.6 % in 2014.
KOR = {2010: 100.0, 2011: 200.0, 2012: 150.0, 2013: 140.0, 2014: 100.0}
RUS = {2010: 90.0, 2011: 210.0, 2012: 160.0, 2013: 150.0, 2014: 110.0}
# 2016: 250; 2017: 180 (a fall of 28 %), reported by the same publisher in two pages.
PRESS = [(2016, 250.0, "KITA", "page-a"), (2017, 180.0, "KITA", "page-a"), (2017, 180.0, "KITA", "page-b")]


def shaded(spec: dict) -> pd.DataFrame:
    """The shaded bands: the data of the chart's rectangle layer."""
    layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rect")
    return pd.DataFrame(layer["data"]["values"])


def press_rows(spec: dict) -> pd.DataFrame:
    data = _chart_data(spec)
    return data[data["source"].astype(str).str.startswith("Reported in the press")]


def test_a_figure_reported_in_two_pages_is_one_point_and_the_legend_gives_the_years_drawn():
    spec = charts.total_by_reporter(totals(KOR, RUS), reported(PRESS)).to_dict()
    press = press_rows(spec)
    assert sorted(press["year"]) == [2016, 2017]
    assert set(press["source"]) == {"Reported in the press (2016-2017)"}
    assert not _chart_data(spec).astype(str).duplicated().any()
    assert "(2016-2017)" in spec["usermeta"]["double_ally"]["source"]


def test_title_names_the_series_high_and_a_higher_reported_figure():
    spec = charts.total_by_reporter(totals(KOR, RUS), reported(PRESS)).to_dict()
    assert spec["title"]["text"] == ("Trade was highest in 2011 in the IMF series, but the figure reported "
                                     "for 2016 is higher")


def test_title_says_peaked_when_the_reported_figures_are_lower():
    lower = [(2016, 150.0, "KITA", "page-a"), (2017, 120.0, "KITA", "page-a")]
    spec = charts.total_by_reporter(totals(KOR, RUS), reported(lower)).to_dict()
    assert spec["title"]["text"] == "Trade peaked in 2011 in the IMF series; the figures reported for 2016-2017 are lower"


def test_title_names_korea_alone_when_the_two_records_peak_in_different_years():
    rus = {**RUS, 2010: 300.0}  # Russia's records now highest in 2010
    spec = charts.total_by_reporter(totals(KOR, rus), reported(PRESS)).to_dict()
    assert spec["title"]["text"].startswith("Trade was highest in 2011 in South Korea's IMF records")


def test_shaded_years_are_the_sharp_falls_in_either_series():
    spec = charts.total_by_reporter(totals(KOR, RUS), reported(PRESS)).to_dict()
    bands = shaded(spec)
    # falls of more than 15 %: 2012 (-25 %) and 2014 (-28.6 %) in Korea's records, 2017 (-28 %) reported;
    # 2013 (-6.7 %) is not shaded, nor any fall in Russia's records alone.
    assert list(bands["label"]) == ["2012", "2014", "2017"]
    assert list(bands["start"]) == [2011.5, 2013.5, 2016.5]
    assert "(2012, 2014, 2017)" in spec["title"]["subtitle"][1]


def test_consecutive_falls_share_one_band():
    kor = {2014: 100.0, 2015: 60.0, 2016: 50.0, 2017: 55.0}  # -40 % then -16.7 %
    spec = charts.total_by_reporter(totals(kor, kor), reported([(2021, 90.0, "KITA", "p")])).to_dict()
    bands = shaded(spec)
    assert list(zip(bands["label"], bands["start"], bands["end"])) == [("2015-16", 2014.5, 2016.5)]


def test_press_figures_from_the_other_side_are_refused():
    with pytest.raises(ValueError, match="South Korea"):
        charts.total_by_reporter(totals(KOR, RUS), reported(PRESS, side="RUS"))


def test_mirror_gap_title_gives_the_signed_median_of_each_direction():
    # Korea's exports 100 -> Russia records 110 (+10 %) in 2006 and 90 (-10 %), 80 (-20 %) after;
    # Russia's exports 100 -> Korea records 120 (+20 %), 105 (+5 %), 115 (+15 %).
    rows = []
    for year, rus_imports, kor_imports in ((2006, 110.0, 120.0), (2007, 90.0, 105.0), (2008, 80.0, 115.0)):
        rows += [(year, "KOR", "exports", 100.0), (year, "RUS", "imports", rus_imports),
                 (year, "RUS", "exports", 100.0), (year, "KOR", "imports", kor_imports)]
    bilateral = pd.DataFrame(rows, columns=["year", "reporter", "flow", "value_usd_m"])
    from double_ally.chapters.trade.analysis import mirror_gaps

    spec = charts.mirror_gap(mirror_gaps(bilateral), split_year=2007).to_dict()
    # since 2007: medians of (-10, -20) = -15 on Korea's exports and of (+5, +15) = +10 on its imports
    assert spec["title"]["text"] == "Since 2007 the median gap is -15% on South Korea's exports and +10% on its imports"
