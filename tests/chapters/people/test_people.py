"""Unit tests of the people chapter: growth comparisons, ally classification, entry rules, opinion.

Every table here is made by hand and every expected value worked out by hand (in the comments).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from double_ally.chapters.people import analysis as p
from double_ally.chapters.people.derive import ally_class, entry_category


def months(year: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(1, 13)]


def flat_year(country: str, year: int, total: float) -> pd.DataFrame:
    """A year of arrivals spread evenly over twelve months."""
    return pd.DataFrame({"month": months(year), "country": country, "arrivals": total / 12})


# ------------------------------------------------------------------------------ growth comparisons

def test_yoy_growth_same_month_only():
    monthly = pd.DataFrame({
        "month": ["2013-01", "2013-02", "2014-01", "2014-02", "2014-03"],
        "country": "RUS",
        "arrivals": [100, 200, 150, 180, 999],
    })
    g = p.yoy_growth(monthly).set_index("month")
    # Jan: 150/100 - 1 = +50 %; Feb: 180/200 - 1 = -10 %; Mar 2014 has no March 2013: dropped
    assert list(g.index) == ["2014-01", "2014-02"]
    assert g.loc["2014-01", "yoy_pct"] == pytest.approx(50.0)
    assert g.loc["2014-02", "yoy_pct"] == pytest.approx(-10.0)


def test_yoy_growth_keeps_countries_apart():
    monthly = pd.DataFrame({
        "month": ["2013-01", "2014-01", "2013-01", "2014-01"],
        "country": ["RUS", "RUS", "JPN", "JPN"],
        "arrivals": [100, 120, 100, 80],
    })
    g = p.yoy_growth(monthly).set_index("country")["yoy_pct"]
    assert g["RUS"] == pytest.approx(20.0)
    assert g["JPN"] == pytest.approx(-20.0)


def test_window_growth_sums_before_dividing():
    monthly = pd.DataFrame({
        "month": ["2013-01", "2013-02", "2014-01", "2014-02"],
        "country": "RUS",
        "arrivals": [100, 300, 200, 300],
    })
    # (200 + 300) / (100 + 300) - 1 = 25 %, not the mean of +100 % and 0 %
    assert p.window_growth(monthly, "2014-01", "2014-02")["RUS"] == pytest.approx(25.0)


def test_annual_rate_is_compound():
    monthly = pd.concat([flat_year("RUS", 2010, 100), flat_year("RUS", 2011, 110), flat_year("RUS", 2012, 121)])
    # 100 -> 121 in two years: (121/100)^(1/2) - 1 = 10 %
    assert p.annual_rate(monthly, 2010, 2012)["RUS"] == pytest.approx(10.0)


def test_annual_rate_refuses_incomplete_years():
    monthly = pd.concat([flat_year("RUS", 2010, 100), flat_year("RUS", 2011, 110).iloc[:5]])
    with pytest.raises(ValueError, match="incomplete"):
        p.annual_rate(monthly, 2010, 2011)


def test_before_after_difference_in_differences():
    monthly = pd.concat([
        # Russia: 100 -> 121 (10 %/yr before), then 121 -> 181.5 (50 % after): change +40 points
        flat_year("RUS", 2010, 100), flat_year("RUS", 2011, 110), flat_year("RUS", 2012, 121),
        flat_year("RUS", 2013, 181.5),
        # Japan: 100 -> 100 (0 % before), then 100 -> 110 (10 % after): change +10 points
        flat_year("JPN", 2010, 100), flat_year("JPN", 2011, 100), flat_year("JPN", 2012, 100),
        flat_year("JPN", 2013, 110),
    ])
    out = p.before_after(monthly, pre=(2010, 2012), post=(2012, 2013)).set_index("country")
    assert out.loc["RUS", "pre_pct"] == pytest.approx(10.0)
    assert out.loc["RUS", "post_pct"] == pytest.approx(50.0)
    assert out.loc["RUS", "change_pp"] == pytest.approx(40.0)
    assert out.loc["JPN", "change_pp"] == pytest.approx(10.0)
    # Russia accelerated 40 - 10 = 30 points more than Japan; Russia has no excess over itself
    assert out.loc["JPN", "excess_pp"] == pytest.approx(30.0)
    assert pd.isna(out.loc["RUS", "excess_pp"])


def test_before_after_negative_excess_when_comparison_accelerates_more():
    monthly = pd.concat([
        flat_year("RUS", 2010, 100), flat_year("RUS", 2011, 100),  # 0 %, then 0 %
        flat_year("CHN", 2010, 100), flat_year("CHN", 2011, 100), flat_year("RUS", 2012, 100),
        flat_year("CHN", 2012, 150),  # 0 %, then +50 %
    ])
    out = p.before_after(monthly, pre=(2010, 2011), post=(2011, 2012)).set_index("country")
    assert out.loc["CHN", "excess_pp"] == pytest.approx(-50.0)


def test_rolling_yoy_twelve_months_against_twelve_before():
    monthly = pd.concat([flat_year("RUS", 2013, 120), flat_year("RUS", 2014, 144)])
    g = p.rolling_yoy(monthly)
    # the first month with 24 months behind it is Dec 2014: 144 / 120 - 1 = 20 %
    assert list(g["month"]) == ["2014-12"]
    assert g["growth_pct"].iloc[0] == pytest.approx(20.0)


def test_rolling_yoy_refuses_gaps():
    monthly = pd.concat([flat_year("RUS", 2013, 120), flat_year("RUS", 2014, 144)]).drop(index=3)
    with pytest.raises(ValueError, match="consecutive"):
        p.rolling_yoy(monthly)


def test_purpose_shares_complete_years_only():
    full = pd.DataFrame({"month": months(2013), "country": "RUS", "arrivals": 10, "tourism": 6, "other": 4})
    part = pd.DataFrame({"month": ["2014-01"], "country": "RUS", "arrivals": [10], "tourism": [9], "other": [1]})
    out = p.purpose_shares(pd.concat([full, part]), "RUS", ["tourism", "other"])
    assert set(out["year"]) == {2013}
    assert out.set_index("purpose").loc["tourism", "share_pct"] == pytest.approx(60.0)


# ------------------------------------------------------------------------------ ally classification

@pytest.mark.parametrize("iso3, year, expected", [
    ("KOR", 2019, "treaty ally"),            # bilateral treaty
    ("THA", 2019, "treaty ally"),            # Manila Pact (also a major non-NATO ally)
    ("DEU", 2019, "treaty ally"),            # NATO since 1955
    ("FIN", 2022, "not a U.S. ally"),        # NATO only from 2023
    ("FIN", 2023, "treaty ally"),
    ("SWE", 2023, "not a U.S. ally"),        # NATO only from 2024
    ("SWE", 2024, "treaty ally"),
    ("ARG", 2019, "treaty ally (Rio Treaty only)"),
    ("ISR", 2019, "major non-NATO ally"),
    ("TWN", 2025, "major non-NATO ally"),
    ("RUS", 2019, "not a U.S. ally"),
    ("CHN", 2019, "not a U.S. ally"),
])
def test_ally_class(iso3, year, expected):
    assert ally_class(iso3, year)[0] == expected


def test_ally_class_gives_a_source_for_every_ally():
    for iso3 in ("KOR", "THA", "AUS", "ARG", "ISR", "SWE", "DEU"):
        cls, basis, page = ally_class(iso3, 2024)
        assert cls != "not a U.S. ally" and basis and page.startswith("https://")
    assert ally_class("RUS", 2024) == ("not a U.S. ally", "", "")


@pytest.mark.parametrize("requirement, date, expected", [
    ("3", "2019-11-23", "visa free"),        # 2019 code
    ("2", "2019-12-17", "visa on arrival"),
    ("0", "2019-12-17", "visa required"),
    ("90", "2021-05-13", "visa free"),       # later snapshots: days allowed
    ("VF", "2020-02-07", "visa free"),
    ("VR", "2020-02-07", "visa required"),
    ("covid ban", "2021-01-25", "covid ban"),
    ("e-visa", "2023-01-11", "e-visa"),
    ("eta", "2025-01-12", "eTA"),
])
def test_entry_category(requirement, date, expected):
    assert entry_category(requirement, date) == expected


@pytest.mark.parametrize("requirement, date", [("60", "2019-11-23"), ("0", "2022-01-05"), ("maybe", "2022-01-05")])
def test_entry_category_refuses_unknown_cells(requirement, date):
    with pytest.raises(ValueError):
        entry_category(requirement, date)


VISA = pd.DataFrame({
    "snapshot_year": [2019, 2019, 2019, 2019, 2019, 2022, 2022, 2022],
    "destination":   ["KOR", "THA", "ISR", "DEU", "ARG", "KOR", "THA", "ISR"],
    "entry": ["visa free", "visa free", "visa free", "visa required", "visa free", "e-visa", "visa free", "covid ban"],
    "visa_free": [True, True, True, False, True, False, True, False],
    "ally_class": ["treaty ally", "treaty ally", "major non-NATO ally", "treaty ally",
                   "treaty ally (Rio Treaty only)", "treaty ally", "treaty ally", "major non-NATO ally"],
    "ally_basis": ["bilateral treaty", "Manila Pact", "major non-NATO ally", "NATO", "Rio Treaty",
                   "bilateral treaty", "Manila Pact", "major non-NATO ally"],
})


def test_allies_visa_free_narrow_reading_excludes_korea_and_rio():
    out = p.allies_visa_free(VISA)
    assert out[out["snapshot_year"] == 2019]["destination"].tolist() == ["ISR", "THA"]
    assert out[out["snapshot_year"] == 2022]["destination"].tolist() == ["THA"]
    wide = p.allies_visa_free(VISA, classes=p.ALL_ALLY_CLASSES)
    assert "ARG" in set(wide["destination"])


def test_visa_free_counts():
    out = p.visa_free_counts(VISA).set_index(["snapshot_year", "ally_class"])
    # 2019 treaty allies: KOR, THA (visa-free), DEU (not): 3 destinations, 2 visa-free
    assert out.loc[(2019, "treaty ally"), "destinations"] == 3
    assert out.loc[(2019, "treaty ally"), "visa_free"] == 2
    assert out.loc[(2022, "major non-NATO ally"), "covid_ban"] == 1


def test_kept_through_needs_both_an_early_waiver_and_visa_free_entry():
    waivers = pd.DataFrame({"country": ["THA", "ISR", "KOR", "DEU"],
                            "date": ["2007-03-24", "2015-01-01", "2014-01-01", "2008-01-01"]})
    # THA: in force before 2014 and visa-free in 2019 -> kept. ISR: waiver only from 2015.
    # KOR: the country under test is excluded. DEU: early waiver but visa required in 2019.
    assert p.kept_through(VISA, waivers, before="2014-01-01", year=2019) == ["THA"]


# ------------------------------------------------------------------------------ opinion

def test_favourability_vs_allies_rank_and_median():
    pew = pd.DataFrame({
        "year": [2019] * 5 + [2021, 2021],
        "country": ["KOR", "JPN", "DEU", "FRA", "CHN", "JPN", "DEU"],
        "target": "RUS",
        "favourable_pct": [40.0, 20.0, 50.0, 30.0, 90.0, 10.0, 12.0],
    })
    out = p.favourability_vs_allies(pew, allies={"JPN", "DEU", "FRA"})
    # 2021 has no Korean answer and is skipped; CHN is not an ally and is ignored
    assert out["year"].tolist() == [2019]
    row = out.iloc[0]
    assert row["allies_median_pct"] == pytest.approx(30.0)  # median of 20, 50, 30
    assert row["allies_asked"] == 3
    assert row["rank"] == 2                                   # only DEU (50) is warmer than KOR (40)
    assert not math.isnan(row["own_pct"])


def test_published_gaps_matches_on_year_country_and_measure():
    pew = pd.DataFrame({"year": [2022, 2022], "country": ["KOR", "JPN"], "target": "RUS",
                        "favourable_pct": [13.0, 6.0], "unfavourable_pct": [84.8, 91.3]})
    checks = pd.DataFrame({"year": [2022, 2022, 2020], "country": ["KOR", "JPN", "KOR"], "target": "RUS",
                           "measure": ["unfavourable_pct", "favourable_pct", "favourable_pct"],
                           "published_pct": [84.0, 7.0, 40.0]})
    out = p.published_gaps(pew, checks).set_index("country")
    # KOR 2022 unfavourable: 84.8 - 84 = +0.8; JPN 2022 favourable: 6 - 7 = -1; KOR 2020 not in pew: dropped
    assert len(out) == 2
    assert out.loc["KOR", "gap_pp"] == pytest.approx(0.8)
    assert out.loc["JPN", "gap_pp"] == pytest.approx(-1.0)
