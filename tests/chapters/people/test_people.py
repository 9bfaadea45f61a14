"""Unit tests of the people chapter: growth comparisons, allies by date, entry rules, opinion.

Every table here is made by hand and every expected value worked out by hand (in the comments).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from double_ally.chapters.people import analysis as p
from double_ally.chapters.people.charts import GAP, wave_lines
from double_ally.chapters.people.derive import entry_category


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


# ------------------------------------------------------------------------------ allies by date

def ties(*rows: tuple) -> pd.DataFrame:
    """A hand-made us_allies_by_date: (country, alliance, from_date, to_date[, status])."""
    out = []
    for country, alliance, start, end, *status in rows:
        out.append({"country": country, "alliance": alliance, "status": status[0] if status else "in force",
                    "from_date": start, "to_date": end, "source_url": f"https://example.org/{country}/{alliance}"})
    return pd.DataFrame(out)


ALLIES = ties(
    ("QAT", "major non-NATO ally", "2022-03-10", None),   # designated on a known day
    ("AFG", "major non-NATO ally", "2012-07-07", "2022"),  # designated, then removed (year only)
    ("FIN", "NATO", "2023", None),                         # NATO accession, year only
    ("THA", "Manila Pact", None, None),                    # an undated treaty
    ("THA", "major non-NATO ally", "2003-12", None),       # month only
    ("ARG", "Rio Treaty", None, None),
    ("ARG", "major non-NATO ally", "1998", None),
    ("URY", "Rio Treaty", None, None),
    ("VEN", "Rio Treaty", None, None, "disputed"),
)


def allied(date: str, **kw) -> set[str]:
    return set(p.allies_on(date, ALLIES, **kw).index)


def test_allies_on_a_designation_counts_from_its_day():
    assert "QAT" not in allied("2022-03-09")
    assert "QAT" in allied("2022-03-10")
    assert "QAT" not in allied("2019-12-17")   # the 2019 snapshot: not yet an ally


def test_allies_on_a_removal_ends_the_tie():
    # Afghanistan: designated 2012-07-07, removed in 2022 (year only: counted from 1 January 2022)
    assert "AFG" not in allied("2012-07-06")
    assert "AFG" in allied("2012-07-07") and "AFG" in allied("2021-12-31")
    assert "AFG" not in allied("2022-01-01") and "AFG" not in allied("2024-12-04")


def test_allies_on_nato_accession_year():
    assert "FIN" not in allied("2022-12-21")
    assert "FIN" in allied("2023-01-01") and "FIN" in allied("2023-12-03")
    assert p.allies_on("2023-12-03", ALLIES).loc["FIN", "ally_class"] == "treaty ally"


def test_allies_on_month_precision_counts_from_the_first_of_the_month():
    early = p.allies_on("2003-11-30", ALLIES).loc["THA"]
    late = p.allies_on("2003-12-01", ALLIES).loc["THA"]
    assert early["basis"] == "Manila Pact"                        # the undated treaty counts at every date
    assert late["basis"] == "Manila Pact; major non-NATO ally"


def test_allies_on_class_priority_and_source():
    on = p.allies_on("2019-12-17", ALLIES)
    assert on.loc["THA", "ally_class"] == "treaty ally"          # a treaty outranks a designation
    assert on.loc["THA", "source_url"] == "https://example.org/THA/Manila Pact"
    assert on.loc["ARG", "ally_class"] == "major non-NATO ally"  # a designation outranks the Rio Treaty
    assert on.loc["ARG", "basis"] == "major non-NATO ally; Rio Treaty"
    assert on.loc["URY", "ally_class"] == "treaty ally (Rio Treaty only)"


def test_allies_on_leaves_disputed_ties_out_unless_asked():
    assert "VEN" not in allied("2019-12-17")
    assert "VEN" in allied("2019-12-17", include_disputed=True)


def test_imprecise_on_names_ties_dated_only_to_the_year_or_month_of_the_date():
    assert p.imprecise_on("2023-12-03", ALLIES) == ["FIN"]
    assert p.imprecise_on("2022-12-21", ALLIES) == ["AFG"]       # the removal, dated 2022
    assert p.imprecise_on("2003-12-31", ALLIES) == ["THA"]
    assert p.imprecise_on("2022-03-10", ALLIES) == ["AFG"]       # Qatar's day-precise date is not imprecise
    assert p.imprecise_on("2024-01-05", ALLIES) == []


def test_with_allies_reads_each_snapshot_on_its_own_date():
    visa = pd.DataFrame({"snapshot_year": [2019, 2019, 2022, 2022], "snapshot_date": ["2019-12-17"] * 2 + ["2022-12-21"] * 2,
                         "destination": ["QAT", "AFG", "QAT", "AFG"], "visa_free": [True, False, True, False]})
    out = p.with_allies(visa, ALLIES)
    assert out["ally_class"].tolist() == ["not a U.S. ally", "major non-NATO ally", "major non-NATO ally",
                                          "not a U.S. ally"]
    assert out["ally_basis"].tolist()[0] == "" and out["ally_source_url"].tolist()[1].startswith("https://")


def test_allies_by_year_uses_the_first_of_january_and_leaves_korea_out():
    allies = pd.concat([ALLIES, ties(("KOR", "bilateral treaty", None, None))])
    years = p.allies_by_year([2012, 2013, 2022], allies)
    # AFG designated in July 2012: not an ally on 1 January 2012, one on 1 January 2013, none in 2022
    assert "AFG" not in years[2012] and "AFG" in years[2013] and "AFG" not in years[2022]
    assert "QAT" not in years[2022]                      # designated in March 2022
    assert "URY" not in years[2013]                      # the Rio Treaty alone is not the narrow reading
    assert all("KOR" not in s for s in years.values())


def test_allies_by_year_answers_each_caller_with_its_own_sets():
    allies = pd.DataFrame({
        "country": ["JPN", "KOR", "RUS"], "alliance": ["bilateral treaty", "bilateral treaty", "NATO"],
        "from_date": ["1960", "1953-10-01", "2030"], "to_date": ["", "", ""],
        "status": ["in force", "in force", "in force"], "source_url": ["u1", "u2", "u3"]})
    first = p.allies_by_year([2019, 2020], allies)
    assert first == {2019: {"JPN"}, 2020: {"JPN"}}
    first[2019].add("changed by the caller")
    assert p.allies_by_year(range(2019, 2021), allies) == {2019: {"JPN"}, 2020: {"JPN"}}


def test_tie_changes_lists_what_began_and_ended_in_the_window():
    out = p.tie_changes(ALLIES, 2019, "2025-01-12")
    assert list(zip(out["country"], out["change"], out["date"])) == [
        ("AFG", "ended", "2022"), ("QAT", "began", "2022-03-10"), ("FIN", "began", "2023")]


def test_country_names_and_dates_in_words():
    assert p.country_name("KOR") == "South Korea"
    assert p.country_names(["THA", "ISR"]) == "Israel and Thailand"
    assert p.country_names(["TUR", "ARG", "PHL"]) == "Argentina, the Philippines and Türkiye"
    assert p.country_names([]) == "none"
    assert p.long_date("2019-12-17") == "17 December 2019"
    assert p.long_date("2003-12") == "December 2003" and p.long_date("2020") == "2020"


def test_runs_and_wave_lines_break_at_missing_waves():
    assert p.runs([2013, 2007, 2009, 2010]) == [[2007], [2009, 2010], [2013]]
    series = pd.DataFrame({"series": "S", "year": [2007, 2009, 2010, 2013], "favourable_pct": [50.0, 40, 45, 30]})
    solid, bridges = wave_lines(series)
    # three runs: 2007 alone, 2009-2010, 2013 alone; bridges over 2007-2009 and 2010-2013, two points each
    assert solid.groupby("segment")["year"].apply(list).tolist() == [[2007], [2009, 2010], [2013]]
    assert bridges.groupby("gap")["favourable_pct"].apply(list).to_dict() == {"2007-2009": [50.0, 40.0],
                                                                              "2010-2013": [45.0, 30.0]}
    assert set(bridges["kind"]) == {GAP}


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
    assert p.kept_through(VISA, waivers, before="2014-01-01", year=2019, allied_then={"THA", "ISR", "DEU"}) == ["THA"]
    # THA not an ally on the date before: not kept
    assert p.kept_through(VISA, waivers, before="2014-01-01", year=2019, allied_then={"ISR"}) == []


# ------------------------------------------------------------------------------ opinion

def test_favourability_vs_allies_rank_and_median():
    pew = pd.DataFrame({
        "year": [2019] * 5 + [2021, 2021],
        "country": ["KOR", "JPN", "DEU", "FRA", "CHN", "JPN", "DEU"],
        "target": "RUS",
        "favourable_pct": [40.0, 20.0, 50.0, 30.0, 90.0, 10.0, 12.0],
    })
    out = p.favourability_vs_allies(pew, allies={2019: {"JPN", "DEU", "FRA"}, 2021: {"JPN", "DEU"}})
    # 2021 has no Korean answer and is skipped; CHN is not an ally and is ignored
    assert out["year"].tolist() == [2019]
    row = out.iloc[0]
    assert row["allies_median_pct"] == pytest.approx(30.0)  # median of 20, 50, 30
    assert row["allies_asked"] == 3
    assert row["rank"] == 2                                   # only DEU (50) is warmer than KOR (40)
    assert not math.isnan(row["own_pct"])


def test_favourability_vs_allies_reads_each_waves_own_allies():
    pew = pd.DataFrame({"year": [2010, 2010, 2010, 2020, 2020, 2020], "country": ["KOR", "JPN", "KEN"] * 2,
                        "target": "RUS", "favourable_pct": [40.0, 20.0, 60.0, 40.0, 20.0, 60.0]})
    out = p.favourability_vs_allies(pew, allies={2010: {"JPN"}, 2020: {"JPN", "KEN"}}).set_index("year")
    # 2010: only Japan counts (median 20, Korea first); 2020: Japan and Kenya (median 40, Kenya warmer)
    assert out.loc[2010, "allies_median_pct"] == pytest.approx(20.0) and out.loc[2010, "rank"] == 1
    assert out.loc[2020, "allies_median_pct"] == pytest.approx(40.0) and out.loc[2020, "rank"] == 2
    assert p.favourability_vs_allies(pew, allies={})["allies_asked"].tolist() == [0, 0]


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


def test_status_notes_name_changes_rough_dates_and_venezuela():
    """Hand-made: Finland joins NATO in 2023 (year only), Qatar is designated on 2022-03-10, Afghanistan's
    designation ends in 2022 (year only); the snapshots used are of 2019-12-17 and 2023-12-03."""
    from double_ally.chapters.people import analysis as p

    allies = pd.DataFrame([
        ("FIN", "NATO", "in force", "2023", None, "year only"),
        ("QAT", "major non-NATO ally", "in force", "2022-03-10", None, ""),
        ("AFG", "major non-NATO ally", "in force", "2012-07-07", "2022", "end year only"),
        ("VEN", "Rio Treaty", "disputed", None, None, "withdrew, then voted to return"),
    ], columns=["country", "alliance", "status", "from_date", "to_date", "note"])
    visa = pd.DataFrame([
        (2019, "VEN", "visa free", True), (2019, "FIN", "visa required", False),
        (2023, "FIN", "visa required", False), (2023, "QAT", "visa free", True),
    ], columns=["snapshot_year", "destination", "entry", "visa_free"])
    used = pd.DataFrame({"snapshot_date": ["2019-12-17", "2023-12-03"]}, index=pd.Index([2019, 2023], name="snapshot_year"))
    notes = p.status_notes(allies, visa, used, waiver_year=2014)
    # in the order of the dates as the sources give them: a year alone sorts before the days in it
    assert notes["ppl_tie_changes"] == ("Afghanistan's designation as a major non-NATO ally ended in 2022; "
                                        "Qatar became a major non-NATO ally on 10 March 2022; Finland joined NATO in 2023")
    assert notes["ppl_rough"] == "Finland"          # 2023-12-03 falls in the year Finland is dated by
    assert "Finland" not in notes["ppl_rough_free"]   # visa required in 2023
    assert notes["ppl_rough_verdict"] == "no country"
    assert (notes["ppl_ven_status"], notes["ppl_ven_entry_2019"]) == ("disputed", "visa free")
