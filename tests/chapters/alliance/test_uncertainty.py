"""The cluster bootstrap and the comparison helper of the alliance chapter, on hand-made roll calls."""

import numpy as np
import pandas as pd
import pytest

from double_ally.chapters.alliance import uncertainty as u

from alliance_rollcalls import make_calls as calls


def test_a_clear_gap_lies_above_zero():
    # Seoul votes as Washington every time; Moscow votes no on one roll call in three
    votes = calls(KOR="y", USA="y", RUS="yyn")
    g = u.gap(votes, ("KOR", "USA"), ("KOR", "RUS"))
    assert g.estimate == pytest.approx(1 / 3)          # agreement 1 against 2/3, every year
    assert 0 < g.low <= g.estimate <= g.high
    assert g.outcome() == u.HOLDS
    assert u.gap(votes, ("KOR", "RUS"), ("KOR", "USA")).outcome() == u.FAILS


def test_a_noisy_tie_straddles_zero():
    # Seoul always yes; Washington and Moscow each vote no on half the roll calls, never the same ones
    g = u.gap(calls(KOR="y", USA="yn", RUS="ny"), ("KOR", "USA"), ("KOR", "RUS"))
    assert g.estimate == pytest.approx(0)
    assert g.low < 0 < g.high
    assert g.outcome() == u.OPEN


def test_paragraph_votes_on_one_resolution_are_resampled_together():
    patterns = dict(KOR="y", USA="yn", RUS="ynyyn")
    once = u.gap(calls(**patterns), ("KOR", "USA"), ("KOR", "RUS"))
    five_times = u.gap(calls(copies=5, **patterns), ("KOR", "USA"), ("KOR", "RUS"))
    # five identical roll calls on one text are one piece of evidence: the interval does not narrow
    assert (five_times.low, five_times.high) == pytest.approx((once.low, once.high))
    assert five_times.n_calls == 5 * once.n_calls and five_times.n_clusters == once.n_clusters
    # treated as independent (each its own symbol), the same votes would give a much narrower interval
    independent = u.gap(calls(copies=5, shared_symbol=False, **patterns), ("KOR", "USA"), ("KOR", "RUS"))
    assert independent.high - independent.low < 0.6 * (once.high - once.low)


def test_years_weigh_equally_unless_pooled():
    # 2010: 4 roll calls, Seoul and Moscow always apart; 2011: 40 roll calls, always together
    few = calls(years=[2010], n=4, KOR="y", RUS="n")
    many = calls(years=[2011], n=40, KOR="y", RUS="y").assign(rcid=lambda d: d["rcid"] + 100)
    both = pd.concat([few, many], ignore_index=True)
    assert u.gap(both, ("KOR", "USA"), ("KOR", "RUS")).estimate == pytest.approx(0.5)
    assert u.gap(both, ("KOR", "USA"), ("KOR", "RUS"), pooled=True).estimate == pytest.approx(4 / 44)


def test_the_measures_score_abstentions_as_documented():
    a, b = ["yes", "yes", "abstain", "no", None], ["yes", "abstain", "abstain", "yes", "yes"]
    assert np.allclose(u.pair_scores(a, b), [1, 0.5, 1, 0, np.nan], equal_nan=True)
    assert np.allclose(u.pair_scores(a, b, "identical"), [1, 0, 1, 0, np.nan], equal_nan=True)
    assert np.allclose(u.pair_scores(a, b, "coincidence"), [1, np.nan, np.nan, 0, np.nan], equal_nan=True)


def test_the_same_seed_gives_the_same_interval():
    votes = calls(KOR="yyan", USA="yn", RUS="nyy")
    assert u.gap(votes, ("KOR", "USA"), ("KOR", "RUS")) == u.gap(votes, ("KOR", "USA"), ("KOR", "RUS"))


@pytest.mark.parametrize("low, high, expected", [
    (0.01, 0.2, u.HOLDS), (-0.2, -0.01, u.FAILS), (-0.1, 0.1, u.OPEN), (0.0, 0.2, u.OPEN),
])
def test_the_comparison_has_three_outcomes(low, high, expected):
    assert u.outcome(low, high) == expected


def test_a_point_is_an_interval_of_width_zero_and_a_tie_is_open():
    assert u.outcome(3.0) == u.HOLDS and u.outcome(-3.0) == u.FAILS and u.outcome(0.0) == u.OPEN
    assert u.outcome(25_000, margin=20_000) == u.HOLDS and u.outcome(19_000, margin=20_000) == u.FAILS


def test_all_of_fails_on_any_failure_and_holds_only_if_all_hold():
    assert u.all_of([u.HOLDS, u.HOLDS]) == u.HOLDS
    assert u.all_of([u.HOLDS, u.OPEN]) == u.OPEN
    assert u.all_of([u.HOLDS, u.OPEN, u.FAILS]) == u.FAILS


def test_difference_in_differences_removes_a_shared_change():
    after = lambda y, i: y >= 2017                                    # noqa: E731
    rises = lambda y, i: "y" if after(y, i) or i % 2 else "n"         # noqa: E731 (agreement 0.5 -> 1 with RUS "y")
    votes = calls(years=range(2014, 2020), KOR=rises, JPN=rises, RUS="y")
    side = pd.Series(np.where(votes["year"] >= 2017, "after", "before"), index=votes.index)
    shared = u.did(votes, side, "KOR", ["JPN"], "RUS")
    assert shared.estimate == pytest.approx(0) and shared.outcome() == u.OPEN
    alone = u.did(calls(years=range(2014, 2020), KOR=rises, RUS="y"), side, "KOR", ["JPN"], "RUS")
    assert alone.estimate == pytest.approx(0.5) and alone.outcome() == u.HOLDS
