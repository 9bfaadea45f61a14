"""The alliance chapter's robustness checks: each alternative really changes what the rule reads, so that on a
hand-made table built for it the alternative gives another verdict and the check reports the flip."""

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.alliance import robustness as checks

from test_alliance_claims import DIALOGUE, Only, p1_tables, page_facts, sanctions, thaad_tables, warmer

from alliance_rollcalls import make_calls as calls


def flips(claim_id, given):
    """The robustness and every alternative that gives another verdict (the 'as of the article' one included:
    ``Robustness.flips`` leaves hindsight out, as it does not make a verdict fragile)."""
    r = chapters.robustness(claim_id, given=given)
    return r, {a.label: a.verdict for a in r.alternatives if a.verdict != r.verdict}


def test_every_claim_of_the_chapter_has_one_check():
    mine = {c for c, claim in chapters.claims().items() if claim.chapter == "book/alliance"}
    found = {c for c, check in chapters.robustness_checks().items() if check.run.__module__ == checks.__name__}
    assert found == mine


def test_p1_each_ally_alone_lifts_the_placebo_of_the_others():
    # the UK votes as Seoul: with the four allies the benchmark is not established; compared with France alone
    # (or Japan, Germany) it holds, and the check reports those alternatives as flips
    r, flipped = flips("p01-both", p1_tables(calls, GBR="y"))
    assert r.verdict == "partly supported" and r.status == "fragile"
    assert flipped["France as the single comparison (test b)"] == "supported"
    assert "the UK as the single comparison (test b)" not in flipped


def test_p1_point_estimates_decide_a_noisy_gap_the_intervals_leave_open():
    # six roll calls a year: in six years Washington votes no on one and Moscow on three, in four years the
    # reverse; Washington is ahead on average (+0.067), on too few roll calls to be sure
    ahead = lambda y: y % 2 == 0 or y == 2019                                          # noqa: E731
    usa = lambda y, i: ("n" if i == 5 else "y") if ahead(y) else ("n" if i < 3 else "y")  # noqa: E731
    rus = lambda y, i: ("n" if i < 3 else "y") if ahead(y) else ("n" if i == 5 else "y")  # noqa: E731
    given = p1_tables(calls, n=6, USA=usa, RUS=rus, **dict.fromkeys(["JPN", "GBR", "FRA", "DEU"], "n"))
    r, flipped = flips("p01-both", given)
    assert r.verdict == "partly supported"
    assert flipped.get("point estimates instead of intervals") == "supported"


def test_p3_the_report_after_the_article_is_left_out_as_of_the_article():
    troops = pd.DataFrame({"country": "KOR", "year": range(1991, 2022),
                           "active_duty": [28_500] * 30 + [19_000]})
    given = thaad_tables(calls, kor=warmer)
    given["us_troops_korea"] = troops
    r, flipped = flips("p03-alliance", given)
    assert r.verdict == "contradicted"
    assert flipped["troop reports before the article only"] == "supported"
    assert r.as_of_article == "supported"


def test_p16_the_trough_as_trade_base_flips_a_fall_below_the_earlier_mean():
    r, flipped = flips("p16-thaad", thaad_tables(calls, kor=warmer, trade_2017=90.0))
    assert r.verdict == "partly supported"
    assert flipped["trade base: the 2016 trough"] == "supported"
    assert "trade base: 2015 alone, the last full year before" not in flipped   # 90 < 100 in 2015 too


def test_p16_a_shared_change_stays_open_with_every_ally_alone():
    r, flipped = flips("p16-thaad", thaad_tables(calls, kor=warmer, allies=warmer))
    assert r.verdict == "partly supported"
    assert not any("single comparison" in label for label in flipped)


def crimea_tables(make, key_vote="yes", statement_date="2014-03-19"):
    key = pd.DataFrame({"vote_id": ["A/RES/68/262", "A/RES/ES-11/4"], "country": ["KOR", "KOR"],
                        "vote": [key_vote, "yes"], "date": ["2014-03-27", "2022-10-12"]})
    votes = make(years=[2014], n=2).assign(unres=["R/68/262", "R/68/1"])
    return Only(unga_key_votes=key, unga_roll_calls=votes, sanctions_measures=sanctions(
        [(statement_date, "2014", "Crimea: recognition", "Seoul", "does not recognise")]))


def test_crimea_the_roll_call_record_and_the_article_date_are_really_read():
    r, flipped = flips("p04-crimea", crimea_tables(calls, key_vote="abstain"))
    assert r.verdict == "partly supported" and flipped["the vote as in the Voeten roll calls"] == "supported"
    r, flipped = flips("p04-crimea", crimea_tables(calls, statement_date="2022-01-01"))
    assert r.verdict == "supported" and flipped["evidence dated before the article"] == "partly supported"


def test_sanctions_a_later_retrospective_does_not_count_as_of_the_article():
    given = Only(sanctions_measures=sanctions([
        ("2014", "2014", "own sanctions", "Seoul", "Looking back in 2022: no sanctions of its own in 2014."),
    ]))
    r, flipped = flips("p04-sanctions", given)
    assert r.verdict == "partly supported"
    assert flipped["pages dated before the article only"] == "not testable with open data"
    assert flipped["two independent pages needed for 'no own sanctions'"] == "not testable with open data"


def test_georgia_abstentions_counted_as_backing_moscow_flip_when_the_abstainers_are_few():
    n = 3
    votes = pd.DataFrame({"date": [f"{2010 + i}-06-01" for i in range(n)], "KOR": ["abstain"] * n,
                          "USA": ["yes"] * n, "JPN": ["yes"] * n, "RUS": ["no"] * n,
                          "total_abstain": [20] * n, "total_yes": [100] * n, "total_no": [10] * n})
    r, flipped = flips("p04-georgia", Only(unga_georgia_votes=votes, alliance_page_facts=page_facts(DIALOGUE)))
    assert r.verdict == "contradicted"
    assert flipped == {"an abstention counted as backing Moscow": "partly supported"}


@pytest.mark.parametrize("claim_id", ["p01-both", "p03-alliance", "p16-thaad"])
def test_the_vote_alternatives_run_on_hand_made_tables(claim_id):
    r = chapters.robustness(claim_id, given=thaad_tables(calls, kor=warmer) if claim_id != "p01-both"
                            else p1_tables(calls))
    labels = [a.label for a in r.alternatives]
    assert "abstentions scored 0 (share of identical votes)" in labels and "without Middle East votes" in labels
    assert all(a.detail for a in r.alternatives)
