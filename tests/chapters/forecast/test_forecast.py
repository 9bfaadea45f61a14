"""The forecast chapter's scoring rules (analysis) on small hand-made tables whose answers are worked out by hand."""

import pandas as pd
import pytest

from double_ally.chapters.forecast import analysis as f


def test_every_indicator_states_both_predictions_a_rule_and_a_table():
    keys = [i.key for i in f.INDICATORS]
    assert len(keys) == len(set(keys))
    for ind in f.INDICATORS:
        assert ind.base_case and ind.scenario and ind.rule and ind.tables
        assert ind.base_case != ind.scenario
    table = f.preregistration_table()
    assert len(table) == len(f.INDICATORS)
    assert "scenario (¶19) predicts" in table.columns
    # the indicator cell names the tables it reads
    assert all("[" in cell for cell in table["indicator"])


def test_index_series_puts_the_base_year_at_100():
    values = pd.Series({2019: 200.0, 2020: 150.0, 2024: 90.0})
    index = f.index_series(values)
    assert index[2019] == 100.0
    assert index[2020] == pytest.approx(75.0)
    assert index[2024] == pytest.approx(45.0)
    with pytest.raises(ValueError):
        f.index_series(pd.Series({2020: 1.0}))


@pytest.mark.parametrize("index,expected", [
    (120.0, f.BASE), (75.0, f.BASE), (74.9, f.BETWEEN), (58.0, f.BETWEEN), (50.0, f.SCENARIO), (17.0, f.SCENARIO),
])
def test_flow_thresholds_are_inclusive_at_75_and_50(index, expected):
    assert f.classify_flow(index) == expected


@pytest.mark.parametrize("latest,expected", [(40.0, f.BASE), (32.0, f.BASE), (25.0, f.BETWEEN), (13.8, f.SCENARIO)])
def test_views_drop_from_a_42_percent_reference(latest, expected):
    # 42 - 32 = 10 points: still base case; 42 - 25 = 17: in between; 42 - 13.8 = 28.2: scenario
    assert f.classify_views(latest, 42.0) == expected


def votes(rows):
    return pd.DataFrame(rows, columns=["text", "punitive", "kor"])


def test_votes_yes_on_everything_including_a_punitive_text_is_the_scenario():
    v = votes([("territory", False, "yes"), ("suspend", True, "yes"), ("peace", False, "not stated")])
    assert f.classify_votes(v) == f.SCENARIO


def test_votes_abstaining_on_a_punitive_text_is_the_base_case():
    v = votes([("territory", False, "yes"), ("suspend", True, "abstain"), ("reparations", True, "yes")])
    assert f.classify_votes(v) == f.BASE


def test_votes_without_a_recorded_punitive_vote_cannot_tell_the_cases_apart():
    assert f.classify_votes(votes([("territory", False, "yes"), ("suspend", True, "not stated")])) == f.BETWEEN
    assert f.classify_votes(votes([("territory", False, "not stated")])) == f.PENDING


def test_votes_a_no_on_a_principle_text_with_yes_on_punitive_ones_is_neither_pattern():
    v = votes([("territory", False, "no"), ("suspend", True, "yes")])
    assert f.classify_votes(v) == f.BETWEEN


def test_visa_rule_treats_days_and_eta_as_visa_free_but_not_e_visa():
    assert f.classify_visa({"RU->KR": "eTA", "KR->RU": "60"}) == f.BASE
    assert f.classify_visa({"RU->KR": "visa free", "KR->RU": "90"}) == f.BASE
    assert f.classify_visa({"RU->KR": "e-visa", "KR->RU": "60"}) == f.SCENARIO
    assert f.classify_visa({"RU->KR": "covid ban"}) == f.SCENARIO
    assert f.classify_visa({"RU->KR": "visa required", "KR->RU": "60"}) == f.SCENARIO
    assert f.classify_visa({}) == f.PENDING


def test_events_matching_filters_by_text_and_date():
    events = pd.DataFrame({
        "date": ["2014", "2022-03-07", "2022-02-28", "2024-06-19"],
        "event": ["no sanctions", "Korea among 'unfriendly' countries", "export ban", "Mutual-assistance treaty"],
    })
    assert list(f.events_matching(events, "unfriendly")["date"]) == ["2022-03-07"]
    assert list(f.events_matching(events, "export|sanction", after="2022-02-24")["date"]) == ["2022-02-28"]
    assert f.events_matching(events, "treaty", after="2025").empty


def test_condition_holds_only_in_years_the_us_voted_yes_on_every_recorded_text():
    us = pd.DataFrame({
        "date": ["2022-03-02", "2022-04-07", "2023-02-23", "2025-02-24", "2025-02-24"],
        "usa": ["yes", "yes", "not stated", "no", "abstain"],
    })
    c = f.condition_by_year(us).set_index("year")
    assert c.loc[2022, "condition"] == "holds"
    assert c.loc[2022, "us_yes"] == 2
    assert c.loc[2023, "condition"] == "not recorded"
    assert c.loc[2025, "condition"] == "does not hold"
    assert c.loc[2025, "texts"] == 2


def test_tally_and_verdict_thresholds():
    outcomes = {"a": f.SCENARIO, "b": f.SCENARIO, "c": f.SCENARIO, "d": f.SCENARIO, "e": f.SCENARIO,
                "f": f.SCENARIO, "g": f.BASE, "h": f.BETWEEN, "i": f.BETWEEN, "j": f.PENDING}
    counts = f.tally(outcomes)
    assert counts == {f.BASE: 1, f.SCENARIO: 6, f.BETWEEN: 2, f.PENDING: 1}
    assert f.scored(counts) == 9
    # 6 of 9 = two thirds exactly: supported; 1 of 9 for the base case: contradicted
    assert f.verdict_for(counts, f.SCENARIO) == "supported"
    assert f.verdict_for(counts, f.BASE) == "contradicted"
    # 4 of 9 sits between a third and two thirds
    assert f.verdict_for({f.BASE: 4, f.SCENARIO: 5, f.BETWEEN: 0, f.PENDING: 0}, f.BASE) == "partly supported"
    with pytest.raises(ValueError):
        f.tally({"x": "maybe"})
    with pytest.raises(ValueError):
        f.verdict_for({f.BASE: 0, f.SCENARIO: 0, f.BETWEEN: 0, f.PENDING: 3}, f.BASE)




def test_iso_day_fills_month_and_day():
    from double_ally.chapters.forecast.steps import _iso_day

    assert _iso_day("2024-02") == "2024-02-01"
    assert _iso_day("2014") == "2014-01-01"
    assert _iso_day("2022-03-07") == "2022-03-07"


def test_change_against_others_ranks_the_fall():
    values = pd.DataFrame({
        "country": ["A", "A", "B", "B", "C", "C", "D"],
        "year": [2019, 2023, 2019, 2023, 2019, 2023, 2019],
        "value": [40.0, 10.0, 50.0, 45.0, 30.0, 20.0, 60.0],
    })
    # changes: A -30, B -5, C -10; D has no 2023 value and is left out
    out = f.change_against_others(values, "C", 2019, 2023)
    assert out == {"n": 3, "median": -10.0, "own": -10.0, "rank_of_fall": 2, "n_fell": 3}
    assert f.change_against_others(values, "A", 2019, 2023)["rank_of_fall"] == 1
    with pytest.raises(ValueError):
        f.change_against_others(values, "D", 2019, 2023)


def test_the_indexed_panels_break_a_line_at_a_missing_year():
    from double_ally.chapters.forecast import charts as figures

    rules = pd.DataFrame({"y": [75.0], "rule": ["line"]})
    data = pd.DataFrame({"year": [2019, 2020, 2022, 2023, 2019, 2020], "index": [100.0, 90, 40, 45, 100, 95],
                         "value": 1.0, "unit": "u", "series": ["A", "A", "A", "A", "B", "B"]})
    spec = figures._panel(data, "t", {"A": "#000", "B": "#111"}, rules).to_dict()
    rows = next(v for v in spec["datasets"].values() if v and "segment" in v[0])
    runs = {(r["series"], r["year"]): r["segment"] for r in rows}
    assert runs[("A", 2019)] == runs[("A", 2020)] != runs[("A", 2022)] == runs[("A", 2023)]   # no 2021: a break
    assert runs[("B", 2019)] == runs[("B", 2020)]
