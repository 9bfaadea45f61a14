"""The forecast chapter's evidence and verdicts on a small hand-made world, passed as a tables mapping.

The world below is made so that the deterioration scenario came true, with the answers worked out by
hand: exports and entrants fall to 60 (2019 = 100, "in between"), favourable views of Russia fall 25
points (scenario), Seoul votes yes on every Ukraine text including the punitive one (scenario), adopts
an export control (scenario), is listed as 'unfriendly' (scenario), Russia vetoes two North Korea drafts
and signs a treaty with Pyongyang (scenario); the visa waiver survives as an eTA (base case).
Six of nine indicators fit the scenario, one the base case, two neither.
"""

import re

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast import evidence as ev
from double_ally.chapters.forecast import rules
from double_ally.core.verdicts import RecordingTables, Tables


def numbers(text: str) -> set[float]:
    return {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}


def frame(columns: str, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns.split())


def bilateral():
    # South Korea's records: total 100 in 2010, 200 in 2019 (exports 100), exports 80 in 2020;
    # Russia's records for 2020: 60 + 40
    return frame("year reporter flow value_usd_m", [
        (2010, "KOR", "exports", 50.0), (2010, "KOR", "imports", 50.0),
        (2019, "KOR", "exports", 100.0), (2019, "KOR", "imports", 100.0),
        (2020, "KOR", "exports", 80.0), (2020, "KOR", "imports", 80.0),
        (2020, "RUS", "exports", 60.0), (2020, "RUS", "imports", 40.0),
    ])


def later(exports_2024=60.0):
    # 2021: an official figure and a press figure (the official one wins); 2024: a press figure only
    return frame("year reporting_side flow qualifier figure_type value_usd_m publisher", [
        (2021, "KOR", "exports", "as stated", "press", 95.0, "KITA"),
        (2021, "KOR", "exports", "as stated", "official statistics", 90.0, "KOSIS"),
        (2021, "KOR", "total", "as stated", "official statistics", 150.0, "KOSIS"),
        (2024, "KOR", "exports", "as stated", "press", exports_2024, "KITA"),
        (2024, "RUS", "total", "as stated", "press", 999.0, "RIA"),
    ])


def arrivals(entrants_2024=600):
    moj, kto, press = "Ministry of Justice entrants (sum)", "KTO monthly tables (sum)", "press figure (KTO)"
    return frame("year months_covered qualifier source_kind arrivals publisher", [
        (2015, 12, "as stated", kto, 500, "KTO"),
        (2019, 12, "as stated", kto, 1000, "KTO"),
        (2019, 12, "as stated", moj, 1000, "MoJ"),
        (2024, 12, "as stated", moj, entrants_2024, "MoJ"),
        (2024, 12, "as stated", press, 700, "Yonhap"),
        (2024, 12, "as stated", kto, 550, "KTO"),
        (2025, 6, "as stated", moj, 400, "MoJ"),       # half a year: left out of the series
    ])


def pew(rus_latest=15.0):
    return frame("country target year favourable_pct unfavourable_pct", [
        ("KOR", "RUS", 2019, 40.0, 50.0), ("KOR", "RUS", 2023, rus_latest, 80.0),
        ("KOR", "USA", 2019, 77.0, 20.0), ("KOR", "USA", 2023, 80.0, 18.0),
        ("JPN", "RUS", 2019, 20.0, 70.0),
    ])


def unga(us_2022_second="yes", kor_punitive="yes"):
    texts = [
        ("v1", "2014-03-27", "Territorial integrity of Ukraine", "yes", "yes"),
        ("v2", "2022-03-02", "Aggression against Ukraine", "yes", "yes"),
        ("v3", "2022-04-07", "Suspension of the rights of membership of Russia in the Human Rights Council",
         kor_punitive, us_2022_second),
        ("v4", "2025-02-24", "Advancing a comprehensive peace in Ukraine", "yes", "no"),
    ]
    rows = []
    for vote_id, date, title, kor, usa in texts:
        rows.append((vote_id, "TOTAL", None, date, title, 100, 10, 30))
        rows.append((vote_id, "KOR", kor, date, title, None, None, None))
        rows.append((vote_id, "USA", usa, date, title, None, None, None))
    return frame("vote_id country vote date title total_yes total_no total_abstain", rows)


def sanctions(seoul_acts=True):
    rows = [("2014-03-20", "Seoul", "statement", "Seoul states concern; no sanctions of its own")]
    if seoul_acts:
        rows.append(("2022-02-28", "Seoul", "export controls", "Seoul joins the U.S. export controls on Russia"))
    return frame("date actor measure_type summary", rows)


def events(listed=True, treaty=True, dispute=False, rupture=False, expulsions=False, incident=False,
           refusal=True, supply=False):
    rows = [
        ("1990-09-30", "Diplomatic relations established"),
        ("1999-05", "Kim Dae-jung summit in Moscow"),
        ("2004-09", "Roh Moo-hyun visit to Moscow"),
        ("2013-11", "Putin visits Seoul"),
    ]
    if rupture:
        rows.append(("2015-06", "Seoul recalls its ambassador from Moscow"))
    if expulsions:
        rows += [("1998-07-04", "Moscow expels a South Korean diplomat over spying"),
                 ("1998-07-08", "Seoul expels a Russian diplomat in return")]
    if incident:
        rows.append(("2019-07-23", "A Russian military aircraft enters South Korean airspace; warning shots"))
    if refusal:
        rows.append(("2022-04-14", "Seoul says it will not provide lethal weapons to Ukraine"))
    if supply:
        rows.append(("2024-08-01", "Seoul delivers lethal weapons to Ukraine"))
    if dispute:
        rows.append(("2021-10-01", "Seoul summons the Russian ambassador in a fishing dispute"))
    if listed:
        rows.append(("2022-03-07", "Russia lists South Korea among 'unfriendly' countries"))
    if treaty:
        rows.append(("2024-06-19", "Russia and North Korea sign a treaty with a mutual assistance clause"))
    return frame("date event", rows)


def visa(latest="eTA"):
    return frame("destination snapshot_date entry", [
        ("KOR", "2024-01-01", "e-visa"), ("KOR", "2025-01-01", latest), ("JPN", "2025-01-01", "visa required"),
    ])


def record(vetoes=2):
    rows = [("2017-12-22", "S/RES/2397(2017)", "adopted", "yes", None),
            ("2019-05-01", "S/RES/9999(2019)", "adopted", "abstain", None)]
    rows += [("2022-05-26", "S/2022/431", "vetoed", "no", "CHN, RUS"),
             ("2024-03-28", "S/2024/255", "vetoed", "no", "RUS")][:vetoes]
    return frame("date symbol outcome russia_vote vetoed_by", rows)


def world():
    return frame("year reporter flow value_usd_m", [
        (2020, "KOR", "exports", 2000.0), (2020, "KOR", "imports", 2000.0),
        (2020, "RUS", "exports", 500.0), (2020, "RUS", "imports", 500.0),
    ])


def made(**changes) -> dict:
    """Every table the forecast rules read, hand-made; ``changes`` replaces some (None drops one)."""
    tables = {
        "trade_kor_rus_bilateral": bilateral(), "trade_kor_rus_2021_2024": later(),
        "arrivals_russia_annual": arrivals(), "pew_favourability": pew(), "unga_key_votes": unga(),
        "sanctions_measures": sanctions(), "events_korea_russia": events(), "visa_free_russia": visa(),
        "unsc_dprk_record": record(), "trade_world_totals": world(),
    }
    tables.update(changes)
    return {name: t for name, t in tables.items() if t is not None}


# ---------------------------------------------------------------------------------------- evidence


def test_trade_series_indexes_korean_exports_and_prefers_official_figures():
    t = ev.trade_series(bilateral(), later()).set_index(["series", "year"])
    assert t.loc[("exports", 2019), "index"] == 100.0
    assert t.loc[("exports", 2020), "index"] == pytest.approx(80.0)
    assert t.loc[("exports", 2021), "value_usd_m"] == 90.0          # KOSIS, not the press's 95
    assert t.loc[("exports", 2024), "index"] == pytest.approx(60.0)
    assert t.loc[("total", 2021), "index"] == pytest.approx(75.0)    # 150 against 200
    assert ("total", 2024) not in t.index                             # the Russian side's total is not used


def test_arrivals_series_takes_full_years_and_one_kto_figure_a_year():
    a = ev.arrivals_series(arrivals()).set_index(["series", "year"])
    assert a.loc[("entrants (Ministry of Justice)", 2024), "index"] == pytest.approx(60.0)
    assert ("entrants (Ministry of Justice)", 2025) not in a.index
    assert a.loc[("arrivals (KTO)", 2024), "arrivals"] == 550          # the monthly-table sum, not the press 700
    assert a.loc[("arrivals (KTO)", 2024), "index"] == pytest.approx(55.0)
    assert 2015 not in a.index.get_level_values("year")


def test_ukraine_votes_mark_punitive_texts_and_the_invasion():
    v = ev.ukraine_votes(unga()).set_index("vote_id")
    assert list(v["punitive"]) == [False, False, True, False]
    assert list(v["after_invasion"]) == [False, True, True, True]
    assert v.loc["v4", "usa"] == "no" and v.loc["v4", "kor"] == "yes"


def test_condition_holds_in_2022_and_lapses_in_2025():
    c = ev.condition(ev.ukraine_votes(unga())).set_index("year")
    assert c.loc[2022, "condition"] == "holds" and c.loc[2022, "us_yes"] == 2
    assert c.loc[2025, "condition"] == "does not hold"
    assert ev.condition_met_first_year(c.reset_index())
    assert not ev.condition_met_first_year(ev.condition(ev.ukraine_votes(unga(us_2022_second="abstain"))))


def test_seoul_measures_from_the_sanctions_table_or_else_the_timeline():
    assert list(ev.seoul_measures(sanctions(), events())["date"]) == ["2022-02-28"]
    assert ev.seoul_measures(sanctions(seoul_acts=False), events()).empty
    timeline = frame("date event", [("2022-03-01", "Seoul announces export controls"), ("2014-03", "no sanctions")])
    assert list(ev.seoul_measures(None, timeline)["date"]) == ["2022-03-01"]


def test_observations_score_the_made_world_by_hand():
    obs = ev.observations(ev.gather(made())).set_index("key")
    assert list(obs.index) == [i.key for i in f.INDICATORS]
    expected = {"trade": f.BETWEEN, "arrivals": f.BETWEEN, "views": f.SCENARIO, "ukraine_votes": f.SCENARIO,
                "sanctions": f.SCENARIO, "unfriendly": f.SCENARIO, "visa": f.BASE, "unsc_vetoes": f.SCENARIO,
                "treaty": f.SCENARIO}
    assert obs["outcome"].to_dict() == expected
    assert obs.loc["views", "value"] == pytest.approx(-25.0)
    assert obs.loc["unsc_vetoes", "value"] == 2
    counts = ev.counts(obs.reset_index())
    assert counts == {f.SCENARIO: 6, f.BASE: 1, f.BETWEEN: 2, f.PENDING: 0}
    assert ev.counts(obs.reset_index(), f.ALIGNMENT)[f.SCENARIO] == 2


def test_a_missing_table_makes_its_indicator_pending_not_a_number():
    obs = ev.observations(ev.gather(made(visa_free_russia=None, pew_favourability=None))).set_index("key")
    assert obs.loc["visa", "outcome"] == f.PENDING and obs.loc["views", "outcome"] == f.PENDING
    assert pd.isna(obs.loc["visa", "value"])
    assert ev.counts(obs.reset_index())[f.PENDING] == 2


def test_gather_gives_the_same_evidence_only_for_the_very_same_frames_and_records_every_read():
    """Evidence is computed once per set of frames: the same frames again give the same object; a frame
    that is a new object (equal or not) is read afresh, and a recording mapping sees its reads each time."""
    tables = made()
    first = ev.gather(tables)
    assert ev.gather(dict(tables)) is first
    copied = ev.gather({**tables, "trade_kor_rus_bilateral": bilateral()})
    assert copied is not first and copied.trade.equals(first.trade)
    smaller = bilateral()
    smaller = smaller[smaller["year"] != smaller["year"].max()].copy()
    assert not ev.gather({**tables, "trade_kor_rus_bilateral": smaller}).trade.equals(first.trade)
    for _ in range(2):
        recording = RecordingTables(tables)
        assert ev.gather(recording) is first
        assert {"trade_kor_rus_bilateral", "events_korea_russia", "unga_key_votes"} <= recording.read


def test_table_or_none_distinguishes_missing_from_given():
    given = bilateral()
    assert ev.table_or_none({"trade_kor_rus_bilateral": given}, "trade_kor_rus_bilateral") is given
    assert ev.table_or_none({}, "visa_free_russia") is None
    assert ev.table_or_none(Tables(), "no_table_of_this_name") is None


def test_scorecard_has_one_row_per_indicator_with_its_fit():
    obs = ev.observations(ev.gather(made()))
    card = ev.scorecard(obs)
    assert list(card["indicator"]) == [i.name for i in f.INDICATORS]
    assert list(card["fits"]) == list(obs["outcome"])


def test_policy_steps_place_each_step_in_a_lane():
    votes = ev.ukraine_votes(unga())
    steps = ev.policy_steps(sanctions(), events(), votes, ev.russian_vetoes(record()), ev.visa_latest(visa()))
    assert steps["date"].is_monotonic_increasing
    assert all(len(d) == 10 for d in steps["date"])
    by_table = steps.groupby("table")["fits"].apply(list).to_dict()
    assert by_table["unsc_dprk_record"] == ["fits the scenario"] * 2
    assert by_table["visa_free_russia"] == ["fits the base case"]
    # two yes votes on principle texts after the invasion fit either case, the punitive one the scenario
    assert sorted(by_table["unga_key_votes"]) == sorted(["fits either case", "fits the scenario",
                                                         "fits either case", "context"])
    assert "Moscow" in set(steps["lane"])                 # the treaty
    assert not steps["what"].str.contains("unfriendly").any()


def test_pre_2021_checks_by_hand():
    c = ev.pre_2021_checks(events(), bilateral(), arrivals())
    assert c["breaks"] == 0 and c["leader_meetings"] == 3 and c["decades"] == [1990, 2000, 2010]
    assert c["trade_ratio"] == pytest.approx(2.0)        # 200 against 100
    assert c["arrivals_ratio"] == pytest.approx(2.0)     # KTO: 1000 against 500 in 2015
    assert c["arrivals_first_year"] == 2015
    assert c["continuity"] and c["summits_each_decade"] and c["exchange_grew"]


# ---------------------------------------------------------------------------------------- verdicts


def test_p19_supported_when_the_condition_held_and_two_thirds_fit_the_scenario():
    verdict, reason = rules.decide_p19(made())
    assert verdict == "supported"
    # 2 recorded texts in 2022; lapse in 2025; 6 of 9 fit the scenario, 1 the base case, 2 neither
    assert {2, 2022, 2025, 6, 9, 1} <= numbers(reason)


def test_p19_not_testable_when_the_us_did_not_vote_yes_throughout_2022():
    assert rules.decide_p19(made(unga_key_votes=unga(us_2022_second="abstain")))[0] == "not testable with open data"


def test_p19_not_testable_without_the_votes_table():
    assert rules.decide_p19(made(unga_key_votes=None))[0] == "not testable with open data"


def test_p20_contradicted_when_one_of_nine_fits_the_base_case():
    verdict, reason = rules.decide_p20(made())
    assert verdict == "contradicted"
    assert {1, 9, 6} <= numbers(reason)


def test_p20_supported_and_p18_supported_in_a_status_quo_world():
    calm = made(trade_kor_rus_2021_2024=later(exports_2024=110.0), arrivals_russia_annual=arrivals(900),
                pew_favourability=pew(38.0), unga_key_votes=unga(kor_punitive="abstain"),
                sanctions_measures=sanctions(seoul_acts=False), events_korea_russia=events(listed=False, treaty=False),
                unsc_dprk_record=record(vetoes=0))
    obs = ev.observations(ev.gather(calm))
    assert ev.counts(obs) == {f.BASE: 9, f.SCENARIO: 0, f.BETWEEN: 0, f.PENDING: 0}
    assert rules.decide_p20(calm)[0] == "supported"
    assert rules.decide_p18_moscow(calm)[0] == "supported"
    assert rules.decide_p18_seoul(calm)[0] == "supported"
    assert rules.decide_p17(calm)[0] == "supported"


def test_p18_moscow_contradicted_by_a_step_naming_seoul_partly_by_others_alone():
    verdict, reason = rules.decide_p18_moscow(made())
    assert verdict == "contradicted"
    assert {3} <= numbers(reason)  # three of three kinds of Moscow's steps
    unnamed = made(events_korea_russia=events(listed=False))
    assert rules.decide_p18_moscow(unnamed)[0] == "partly supported"
    calm = made(events_korea_russia=events(listed=False, treaty=False), unsc_dprk_record=record(vetoes=0))
    assert rules.decide_p18_moscow(calm)[0] == "supported"


def test_p18_seoul_supported_when_its_measures_joined_the_allies_and_it_held_back_lethal_aid():
    verdict, reason = rules.decide_p18_seoul(made())
    assert verdict == "supported"
    assert "2022-04-14" in reason


def test_p18_seoul_partly_without_the_refusal_or_with_a_delivery_and_contradicted_with_neither():
    assert rules.decide_p18_seoul(made(events_korea_russia=events(refusal=False)))[0] == "partly supported"
    assert rules.decide_p18_seoul(made(events_korea_russia=events(supply=True)))[0] == "partly supported"
    alone = frame("date actor measure_type summary",
                  [("2022-02-28", "Seoul", "export controls", "Seoul bans exports of its own accord")])
    neither = made(sanctions_measures=alone, events_korea_russia=events(refusal=False))
    assert rules.decide_p18_seoul(neither)[0] == "contradicted"


def test_p18_seoul_supported_when_seoul_took_no_measure():
    assert rules.decide_p18_seoul(made(sanctions_measures=sanctions(seoul_acts=False)))[0] == "supported"


def test_p17_partly_supported_when_the_listing_followed_seouls_measure():
    verdict, reason = rules.decide_p17(made())
    assert verdict == "partly supported"
    assert 7 in numbers(reason)   # 2022-02-28 to 2022-03-07


def test_p17_contradicted_by_a_bilateral_dispute_before_the_listing():
    assert rules.decide_p17(made(events_korea_russia=events(dispute=True)))[0] == "contradicted"


def test_p02_supported_then_partly_after_a_rupture():
    assert rules.decide_p2(made())[0] == "supported"
    assert rules.decide_p2(made(events_korea_russia=events(rupture=True)))[0] == "partly supported"


def test_p02_counts_expulsions_of_diplomats_as_breaks_but_not_an_airspace_incident():
    verdict, reason = rules.decide_p2(made(events_korea_russia=events(expulsions=True)))
    assert verdict == "partly supported"
    assert "Seoul expels a Russian diplomat in return (1998-07-08)" in reason
    assert rules.decide_p2(made(events_korea_russia=events(incident=True)))[0] == "supported"


def test_p15_and_p06_are_not_testable_and_show_what_the_tables_can():
    verdict, reason = rules.decide_p15(made())
    assert verdict == "not testable with open data"
    assert {4.0, 10.0, 2020} <= numbers(reason)          # 160 of 4000; 100 of 1000
    verdict, reason = rules.decide_p6(made())
    assert verdict == "not testable with open data"
    assert {1, 2, 40, 50} <= numbers(reason)             # Russia yes on 1 of 2 adopted; 40 % and 50 % in 2019
    assert rules.decide_p6(made(unsc_dprk_record=None))[0] == "not testable with open data"


def test_rules_through_the_chapter_evaluator_use_the_given_tables():
    v = chapters.evaluate("p19-scenario", given=made())
    assert (v.paragraph, v.kind, v.verdict) == (19, "forecast", "supported")
