"""The forecast chapter's robustness checks, on hand-made tables (the builders of test_forecast_rules)."""

from __future__ import annotations

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast import asof, robustness, rules
from double_ally.chapters.forecast.indicator_sets import select
from double_ally.core.verdicts import Tables
from test_forecast_rules import arrivals, events, frame, later, made, unga, visa


def with_2020(world: dict) -> dict:
    """``world`` with a KTO figure for 2020 (the pandemic year: a fifth of 2019), for ¶2's 2020 alternative."""
    extra = frame("year months_covered qualifier source_kind arrivals publisher",
                  [(2020, 12, "as stated", "KTO monthly tables (sum)", 200, "KTO")])
    return {**world, "arrivals_russia_annual": pd.concat([world["arrivals_russia_annual"], extra], ignore_index=True)}

NT = "not testable with open data"


def observed(outcomes: dict[str, str]) -> pd.DataFrame:
    """Observations shaped like evidence.observations: one row per pre-registered indicator."""
    return pd.DataFrame([{"key": i.key, "outcome": outcomes[i.key], "indicator": i.name, "part": i.part}
                         for i in f.INDICATORS])


def tally_verdict(obs: pd.DataFrame, **selection) -> str:
    return f.verdict_for(f.tally(dict(zip(*select(obs, **selection)[["key", "outcome"]].T.values))), f.SCENARIO)


# ------------------------------------------------------------------------------ indicator sets


ON_THRESHOLD = {"trade": f.BETWEEN, "arrivals": f.BETWEEN, "views": f.SCENARIO, "ukraine_votes": f.SCENARIO,
                "sanctions": f.SCENARIO, "unfriendly": f.SCENARIO, "visa": f.BASE, "unsc_vetoes": f.SCENARIO,
                "treaty": f.SCENARIO}


def test_a_tally_on_its_threshold_falls_below_it_when_any_fitting_indicator_is_left_out():
    obs = observed(ON_THRESHOLD)                     # 6 of 9: exactly two thirds
    assert tally_verdict(obs) == "supported"
    for key, outcome in ON_THRESHOLD.items():
        expected = "partly supported" if outcome == f.SCENARIO else "supported"   # 5 of 8 or 6 of 8
        assert tally_verdict(obs, drop=(key,)) == expected, key


def test_a_tally_far_above_its_threshold_survives_every_leave_one_out():
    obs = observed({**ON_THRESHOLD, "trade": f.SCENARIO, "arrivals": f.SCENARIO, "visa": f.SCENARIO})  # 9 of 9
    assert {tally_verdict(obs, drop=(k,)) for k in ON_THRESHOLD} == {"supported"}


def test_the_narrower_reading_and_the_merged_chain_count_what_they_say():
    obs = observed(ON_THRESHOLD)
    rel = select(obs, part=f.RELATIONSHIP)
    assert len(rel) == 7 and (rel["outcome"] == f.SCENARIO).sum() == 4        # 4 of 7: partly
    merged = select(obs, merge=(("sanctions", "unfriendly", "trade"),))
    assert len(merged) == 7
    row = merged[merged["key"].str.contains(r"\+")].iloc[0]
    assert row["outcome"] == f.SCENARIO                                       # 2 of 3 members: a majority
    split = select(observed({**ON_THRESHOLD, "unfriendly": f.BASE}), merge=(("sanctions", "unfriendly", "trade"),))
    assert split[split["key"].str.contains(r"\+")].iloc[0]["outcome"] == f.BETWEEN   # no majority
    with pytest.raises(KeyError):
        select(obs, drop=("no_such_indicator",))


def test_the_p19_check_reports_the_threshold_verdict_fragile_and_names_the_flips():
    r = chapters.robustness("p19-scenario", made())
    assert r.verdict == "supported" and r.status == "fragile"
    flipped = {a.label for a in r.flips if a.kind == "indicators"}
    assert "without Trade" not in flipped                                     # trade fits neither case
    assert "without Russia's 'unfriendly' list" in flipped
    assert "'the friendship ends' indicators only" in flipped


def test_the_p19_check_finds_no_indicator_flip_far_above_the_threshold():
    world = made(trade_kor_rus_2021_2024=later(exports_2024=30.0), arrivals_russia_annual=arrivals(300),
                 visa_free_russia=visa("e-visa"))
    r = chapters.robustness("p19-scenario", world)
    assert r.verdict == "supported"
    assert [a.label for a in r.flips if a.kind == "indicators"] == []


def test_placebo_no_indicator_set_rescues_the_scenario_when_its_condition_failed():
    world = made(unga_key_votes=unga(us_2022_second="abstain"))
    r = chapters.robustness("p19-scenario", world)
    assert r.verdict == NT and {a.verdict for a in r.alternatives} == {NT}


# ---------------------------------------------------------------------------- as of the article


def test_truncation_keeps_only_periods_that_had_ended_by_the_cutoff():
    t = {"events_korea_russia": frame("date event", [("2021-07-15", "a"), ("2021-07", "b"), ("2021", "c"),
                                                     ("2020", "d"), ("2013-01/2013-09", "e"), ("undated", "f"),
                                                     ("2022-03-07", "g")]),
         "arrivals_russia_annual": frame("year arrivals", [(2020, 1), (2021, 2)])}
    cut = asof.truncate(t)
    assert list(cut["events_korea_russia"]["event"]) == ["a", "d", "e"]
    assert list(cut["arrivals_russia_annual"]["year"]) == [2020]
    # only the 2022 row begins after the article (2021-07 and 2021 begin before it, but end after)
    assert asof.rows_after(cut) == 0 and asof.rows_after(t) == 1


def test_a_row_after_the_article_changes_the_forecast_verdict_and_the_truncation_sees_it():
    world = made()
    assert rules.decide_p17(world)[0] == "partly supported"          # the 2022 listing after Seoul's measure
    assert asof.forecast_as_of(world, rules.decide_p17)[0] == NT     # by July 2021 nothing of it had happened
    assert asof.forecast_as_of(world, rules.decide_p17, cutoff="2023-01-01")[0] == "partly supported"
    # with the listing gone, the truncation to 2023 still sees Seoul's measure but no step: supported
    assert asof.forecast_as_of(made(events_korea_russia=events(listed=False)), rules.decide_p17,
                               cutoff="2023-01-01")[0] == "supported"


def test_p2_as_of_the_article_is_decided_not_written():
    world = with_2020(made(events_korea_russia=events(expulsions=True)))
    by_label = {a.kind: a for a in robustness.check_p2(world)}
    assert by_label["as of the article"].verdict == rules.decide_p2(asof.truncate(world))[0] == "partly supported"


# ------------------------------------------------------------------------------- definitions


def test_the_p2_check_reports_the_expulsions_definition_as_a_flip_but_not_for_a_real_rupture():
    r = chapters.robustness("p02-three-decades", with_2020(made(events_korea_russia=events(expulsions=True))))
    assert r.verdict == "partly supported"
    assert any(a.verdict == "supported" and "expulsions" in a.label for a in r.flips)
    # ending in the pandemic year, arrivals fell (200 against 500 in 2015): the growth check fails too
    assert any(a.verdict == "contradicted" and "2020" in a.label for a in r.flips)
    # placebo: a recalled ambassador is a break under every definition, so nothing rescues ¶2
    r = chapters.robustness("p02-three-decades", with_2020(made(events_korea_russia=events(rupture=True))))
    assert not any(a.verdict == "supported" for a in r.alternatives)


def test_the_p18_moscow_check_flips_on_which_steps_count():
    r = chapters.robustness("p18-moscow-no-steps", made())
    assert r.verdict == "contradicted"
    got = {a.label.split(" (")[0]: a.verdict for a in r.alternatives}
    assert got["the listing read as a collective measure that names no country in particular"] == "partly supported"
    assert got["only steps before the invasion"] == "supported"
    # placebo: a listing before the invasion stays a step naming Seoul under the narrower window
    early = made(events_korea_russia=pd.concat([events(listed=False), frame("date event", [
        ("2021-10-01", "Russia lists South Korea among 'unfriendly' countries")])], ignore_index=True))
    assert rules.decide_p18_moscow(early, until="2022-02-24")[0] == "contradicted"


def test_the_p17_check_keeps_a_dispute_contradicting_under_every_definition():
    r = chapters.robustness("p17-bilateral-crises", made(events_korea_russia=events(dispute=True)))
    assert r.verdict == "contradicted"
    assert {a.verdict for a in r.alternatives if a.kind != "as of the article"} == {"contradicted"}


def test_the_p18_seoul_check_reads_rash_as_an_answered_measure():
    r = chapters.robustness("p18-seoul-no-rash-steps", made())
    answered = next(a for a in r.alternatives if "answered" in a.label)
    assert r.verdict == "supported" and answered.verdict == "contradicted" and answered in r.flips


# ----------------------------------------------------------------------- claims without a measure


def test_a_claim_stays_not_testable_while_one_part_has_no_record_and_asks_for_a_rule_after():
    assert robustness.parts_recorded("x", {"a": 3, "b": 0}).verdict == NT
    with pytest.raises(NotImplementedError):
        robustness.parts_recorded("x", {"a": 3, "b": 1})


def test_the_p6_and_p15_checks_count_what_the_tables_hold():
    def world(*rows):
        return made(events_korea_russia=pd.concat([events(), frame("date event", list(rows))], ignore_index=True))

    p6 = robustness.check_p6(world(("2023-12", "Hyundai investment in its plant written off")))
    assert {a.verdict for a in p6} == {NT}
    assert "unites: 1; divides: 1" in p6[0].detail                  # the hand-made record: one yes, one abstention
    assert "investment: 0" in p6[2].detail                          # the 2023 record came after the article
    # once every part has a dated record, the check asks for a rule instead of answering
    with pytest.raises(NotImplementedError):
        robustness.check_p6(world(("2010-05", "Korean investment in a Russian port stalls")))
    assert {a.verdict for a in robustness.check_p15(made())} == {NT}


# ------------------------------------------------------------------------ one operator per rule


def test_each_threshold_is_inclusive_on_both_sides():
    assert f.classify_views(22.0, 42.0) == f.SCENARIO               # a 20-point drop is on the scenario line
    assert f.classify_views(32.0, 42.0) == f.BASE                   # a 10-point drop on the base-case line
    c = {f.SCENARIO: 2, f.BASE: 1, f.BETWEEN: 0, f.PENDING: 0}
    assert f.verdict_for(c, f.SCENARIO) == "supported" and f.verdict_for(c, f.BASE) == "contradicted"


def test_every_forecast_claim_has_one_check_and_the_primary_verdict_is_unchanged_by_it():
    ids = {"p02-three-decades", "p06-frictions", "p14-15-priorities", "p17-bilateral-crises", "p18-moscow-no-steps",
           "p18-seoul-no-rash-steps", "p19-scenario", "p20-status-quo"}
    assert ids <= set(chapters.robustness_checks())
    world = made()
    for claim_id in ("p17-bilateral-crises", "p18-moscow-no-steps", "p19-scenario", "p20-status-quo"):
        assert chapters.robustness(claim_id, world).verdict == chapters.evaluate(claim_id, Tables(world)).verdict
