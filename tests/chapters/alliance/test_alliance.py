"""The alliance chapter's method: the agreement index on hand-made votes, with hand-worked results."""

import math

import pandas as pd
import pytest

from double_ally.chapters.alliance.analysis import agreement, agreement_table, period_mean
from double_ally.chapters.alliance.derive import choose_reports


def test_agreement_counts_abstention_as_half_and_skips_absences():
    a = ["yes", "yes", "no", "abstain", "yes", None]
    b = ["yes", "no", "no", "yes", "abstain", "yes"]
    r = agreement(a, b)
    # both voted on the first five: 1 + 0 + 1 + 0.5 + 0.5 = 3 of 5
    assert r["n"] == 5
    assert r["agreement"] == pytest.approx(0.6)
    # identical votes: (yes, yes) and (no, no) = 2 of 5
    assert r["identical"] == pytest.approx(0.4)
    # yes/no on both sides: rows 1-3; same vote on 2 of 3
    assert r["n_yes_no"] == 3
    assert r["coincidence"] == pytest.approx(2 / 3)


def test_two_abstentions_are_full_agreement_and_absent_is_no_vote():
    r = agreement(["abstain", "absent", "yes"], ["abstain", "no", float("nan")])
    assert r["n"] == 1 and r["agreement"] == 1.0 and r["identical"] == 1.0
    assert r["n_yes_no"] == 0 and r["coincidence"] is None


def test_always_opposite_is_zero_and_no_overlap_is_missing():
    assert agreement(["yes", "no"], ["no", "yes"])["agreement"] == 0.0
    r = agreement(["yes", None], [None, "no"])
    assert r["n"] == 0 and r["agreement"] is None


def test_sequences_must_cover_the_same_roll_calls():
    with pytest.raises(ValueError):
        agreement(["yes"], ["yes", "no"])


def test_agreement_table_groups_by_year_and_leaves_out_empty_pairs():
    votes = pd.DataFrame({
        "year": [2000, 2000, 2001],
        "KOR": ["yes", "no", "yes"],
        "USA": ["no", "no", None],
        "RUS": ["yes", "abstain", "yes"],
    })
    t = agreement_table(votes, [("KOR", "USA"), ("KOR", "RUS")]).set_index(["year", "partner"])
    assert t.loc[(2000, "USA"), "agreement"] == pytest.approx(0.5)   # (0 + 1) / 2
    assert t.loc[(2000, "RUS"), "agreement"] == pytest.approx(0.75)  # (1 + 0.5) / 2
    assert t.loc[(2001, "RUS"), "n"] == 1
    assert (2001, "USA") not in t.index                               # the U.S. did not vote in 2001


def test_period_mean_weights_years_equally():
    table = pd.DataFrame({"country": "KOR", "partner": "USA", "variant": "all", "year": [2010, 2011, 2012],
                          "agreement": [0.2, 0.6, 0.9]})
    assert period_mean(table, 2010, 2011)[("KOR", "USA", "all")] == pytest.approx(0.4)


def test_september_report_is_chosen_else_the_latest_of_the_year():
    reports = pd.DataFrame({
        "country": ["KOR"] * 5, "year": [2014, 2014, 2014, 2023, 2023],
        "month_no": [3, 9, 12, 6, 12], "troops_ad": [1, 2, 3, 4, 5],
    })
    chosen = choose_reports(reports).set_index("year")["troops_ad"]
    assert chosen[2014] == 2 and chosen[2023] == 5


def test_agreement_is_symmetric():
    a, b = ["yes", "abstain", "no", None], ["no", "yes", "no", "yes"]
    x, y = agreement(a, b), agreement(b, a)
    assert all(x[k] == y[k] or (isinstance(x[k], float) and math.isclose(x[k], y[k])) for k in x)
