"""The alliance chapter's verdict rules, applied to small hand-made tables (not to the real data).

Each rule gets its tables through the mapping it is called with; ``Only`` refuses to load any table the test
did not hand over, so a rule that reads a table of the book behind the test's back fails here.
"""

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.alliance import rules
from double_ally.chapters.alliance.analysis import georgia_finding, russian_measures_before
from double_ally.core.verdicts import Tables

from alliance_rollcalls import make_calls as calls


class Only(Tables):
    def __missing__(self, name):
        raise KeyError(f"the rule asked for {name!r}, which the test did not give")


# ------------------------------------------------------------------------------------ hand-made tables

def sanctions(rows):
    return pd.DataFrame(rows, columns=["date", "episode", "measure_type", "actor", "summary"])


def agreement(values):
    """unga_agreement rows from {(country, partner, variant): {year: agreement}}."""
    return pd.DataFrame([{"country": c, "partner": p, "variant": v, "year": y, "agreement": a}
                         for (c, p, v), years in values.items() for y, a in years.items()])


def decade(value):
    return dict.fromkeys(range(2010, 2020), value)


def georgia(kor_votes, dates=None, total_no=15):
    """unga_georgia_votes rows: the U.S. and Japan yes, Russia no; 60 yes, 70 abstaining, ``total_no`` no."""
    n = len(kor_votes)
    return pd.DataFrame({"date": dates or [f"{2009 + i}-06-01" for i in range(n)], "KOR": kor_votes,
                         "USA": ["yes"] * n, "JPN": ["yes"] * n, "RUS": ["no"] * n,
                         "total_abstain": [70] * n, "total_yes": [60] * n, "total_no": [total_no] * n})


def page_facts(*rows):
    """alliance_page_facts rows (topic georgia_2008) from (actor, summary) pairs."""
    return pd.DataFrame([{"topic": "georgia_2008", "actor": a, "summary": s} for a, s in rows],
                        columns=["topic", "actor", "summary"])


DIALOGUE = ("Seoul and Moscow", "The declaration voices concern over the situation in Georgia and backs dialogue.")
DENOUNCES = ("Seoul", "Foreign ministry denounces Georgia's attack on South Ossetia.")


def decide_georgia(votes, *facts):
    return rules.decide_p4_georgia(Only(unga_georgia_votes=votes, alliance_page_facts=page_facts(*facts)))


NO_VOTE_AFTER_THE_WAR = georgia(["abstain"], dates=["2008-04-15"])
NO_MEASURE = sanctions([("2021-05", "2022", "Russian countermeasure", "Moscow",
                         "first list: the United States and the Czech Republic")])


# ------------------------------------------------------------------------------------ Georgia (¶4)

def test_georgia_abstaining_with_many_and_no_denunciation_contradicts():
    # Seoul abstains with 70 others while 15 vote no with Russia: it did not back Moscow, and not as one of few
    verdict, reason = decide_georgia(georgia(["abstain", "abstain"]), DIALOGUE)
    assert verdict == "contradicted"
    assert "on the 2 votes after the war" in reason and "never voted no with Russia" in reason
    assert "None of the 1 page facts" in reason


def test_georgia_voting_no_with_a_small_minority_is_one_half():
    assert decide_georgia(georgia(["no", "no", "abstain"]), DIALOGUE)[0] == "partly supported"
    # voting no on one vote in three is not backing Moscow
    assert decide_georgia(georgia(["no", "abstain", "abstain"]), DIALOGUE)[0] == "contradicted"


def test_georgia_voting_no_with_a_large_camp_is_not_one_of_few():
    # 80 members vote no, more than the 60 yes and 70 abstaining: Seoul sided with Moscow, but not as one of few
    assert decide_georgia(georgia(["no", "no"], total_no=80), DIALOGUE)[0] == "contradicted"


def test_georgia_a_denunciation_on_record_is_the_other_half():
    assert decide_georgia(georgia(["abstain", "abstain"]), DIALOGUE, DENOUNCES)[0] == "partly supported"
    assert decide_georgia(georgia(["no", "no"]), DENOUNCES)[0] == "supported"


def test_georgia_condemning_russia_in_georgia_is_not_denouncing_georgia():
    condemns_russia = ("Seoul", "Foreign ministry condemns Russia's military action in Georgia.")
    assert decide_georgia(georgia(["no", "no"]), condemns_russia)[0] == "partly supported"
    # a statement by another government is not Seoul's
    tokyo = ("Tokyo", "Japan's foreign minister denounces Georgia's attack.")
    assert decide_georgia(georgia(["abstain"]), tokyo)[0] == "contradicted"


def test_georgia_without_a_vote_after_the_war_or_a_statement_is_not_testable():
    assert decide_georgia(NO_VOTE_AFTER_THE_WAR)[0] == "not testable with open data"
    assert decide_georgia(NO_VOTE_AFTER_THE_WAR, DENOUNCES)[0] == "partly supported"


def test_georgia_a_yes_vote_after_the_war_contradicts():
    given = {"unga_georgia_votes": georgia(["abstain", "yes"]), "alliance_page_facts": page_facts()}
    assert chapters.evaluate("p04-georgia", given=given).verdict == "contradicted"


def test_georgia_votes_before_the_war_are_not_counted():
    # two no votes before the war would make Seoul's no the majority (2 of 3) if they were counted
    votes = georgia(["no", "no", "abstain"], dates=["2008-04-15", "2008-06-01", "2009-09-09"])
    finding = georgia_finding(votes)
    assert (finding.n_votes, finding.kor_abstain, finding.kor_no, finding.n_before) == (1, 1, 0, 2)
    assert (finding.first_year, finding.last_year) == (2009, 2009)
    verdict, reason = decide_georgia(votes, DIALOGUE)
    assert verdict == "contradicted"
    assert "on the 1 votes after the war (2009-2009)" in reason


# ------------------------------------------------------------------------------------ sanctions and Crimea (¶4)

def test_no_own_sanctions_without_compliance_evidence_is_partly_supported():
    given = Only(sanctions_measures=sanctions([
        ("2014-03-21", "2014", "own sanctions", "Seoul", "nothing decided"),
        ("2022-02-28", "2022", "export controls", "Seoul", "ban on strategic exports"),
    ]))
    assert rules.decide_p4_sanctions(given)[0] == "partly supported"


def test_a_2014_measure_by_seoul_contradicts():
    given = Only(sanctions_measures=sanctions([
        ("2014-03-21", "2014", "own sanctions", "Seoul", "nothing decided"),
        ("2014-05-01", "2014", "export controls", "Seoul", "a ban"),
    ]))
    assert rules.decide_p4_sanctions(given)[0] == "contradicted"


def key_votes(kor_crimea):
    return pd.DataFrame({"vote_id": ["A/RES/68/262", "A/RES/ES-11/4"], "country": ["KOR", "KOR"],
                         "vote": [kor_crimea, "yes"]})


@pytest.mark.parametrize("vote, statement, expected", [
    ("yes", True, "supported"), ("abstain", True, "partly supported"), ("yes", False, "partly supported"),
    ("no", True, "contradicted"),
])
def test_crimea_needs_the_vote_and_the_statement(vote, statement, expected):
    rows = [("2014-03-19", "2014", "Crimea: recognition", "Seoul", "does not recognise")] if statement else []
    given = Only(unga_key_votes=key_votes(vote), sanctions_measures=sanctions(rows))
    assert rules.decide_p4_crimea(given)[0] == expected


def test_only_russian_measures_naming_seoul_before_the_date_count():
    measures = sanctions([
        ("2021-05", "2022", "Russian countermeasure", "Moscow", "first list: the United States and the Czech Republic"),
        ("2022-03-07", "2022", "Russian countermeasure", "Moscow", "names South Korea unfriendly"),
    ])
    assert russian_measures_before(measures, "2021-07-15").empty
    assert len(russian_measures_before(measures, "2023-01-01")) == 1


# ------------------------------------------------------------------------------------ voting with both (¶1)

ALLIES = dict(JPN="ynnn", GBR="ynnn", FRA="ynnn", DEU="ynnn")   # agreement with Moscow 0.5, Seoul's 0.75


def p1_tables(make, measures=NO_MEASURE, n=12, **patterns):
    votes = {"KOR": "y", "USA": "y", "RUS": "yyyn", **ALLIES, **patterns}
    return Only(sanctions_measures=measures, unga_roll_calls=make(n=n, **votes))


def test_p1_all_three_tests_hold():
    verdict, reason = rules.decide_p1(p1_tables(calls))
    assert verdict == "supported"
    # Washington minus Moscow: 1 - 0.75; Seoul's agreement with Moscow minus each ally's: 0.75 - 0.5
    assert "+0.250 (95 % interval" in reason and "Japan +0.250" in reason and "the test holds" in reason


def test_p1_placebo_an_ally_voting_as_seoul_does_not_pass_the_benchmark():
    verdict, reason = rules.decide_p1(p1_tables(calls, GBR="y"))
    assert verdict == "partly supported"
    assert "the UK +0.000" in reason and "(b)" in reason and "the test is not established" in reason


def test_p1_an_ally_closer_to_moscow_fails_the_benchmark():
    assert rules.decide_p1(p1_tables(calls, FRA="yyyn"))[0] == "partly supported"
    named = sanctions([("2018-01-01", "2022", "Russian countermeasure", "Moscow", "names South Korea")])
    assert rules.decide_p1(p1_tables(calls, measures=named, FRA="yyyn"))[0] == "contradicted"


def test_p1_a_gap_that_is_not_established_is_not_evidence_against():
    # Washington and Moscow each part from Seoul on half the roll calls: a tie, not a failure
    verdict, reason = rules.decide_p1(p1_tables(calls, USA="yn", RUS="ny", **dict.fromkeys(ALLIES, "yn")))
    assert verdict == "partly supported" and "(a)" in reason and "is not established" in reason


# ------------------------------------------------------------------------------------ THAAD (¶16) and ¶3

def thaad_tables(make, trade_2017=180.0, kor=None, allies=None, measures=NO_MEASURE, troops=28_500, usa=None):
    """The decision dated 2016-07-08 in the page facts; roll calls 2010-2019 (month 3 + i % 10); Korea's trade
    100 a year in 2013-2015, a trough of 50 in 2016, ``trade_2017`` in 2017 and 120 in 2018; Washington votes as Seoul unless
    ``usa`` is given."""
    facts = pd.DataFrame({"topic": ["thaad", "thaad", "thaad", "georgia_2008"],
                          "date": ["2016-07", "2016-07-08", "2017-03-01", "2008-09-01"],
                          "actor": ["Seoul and Washington", "Moscow", "Moscow", "Moscow"]})
    trade = pd.DataFrame({"reporter": ["KOR"] * 7 + ["RUS"], "year": [2013, 2014, 2015, 2016, 2016, 2017, 2018, 2017],
                          "value_usd_m": [100.0, 100.0, 100.0, 30.0, 20.0, trade_2017, 120.0, 999.0]})
    steady = "yn"
    votes = make(KOR=kor or steady, USA=usa or kor or steady, RUS="y", **dict.fromkeys(["JPN", "GBR", "FRA", "DEU"], allies or steady))
    return Only(
        alliance_page_facts=facts, sanctions_measures=measures, trade_kor_rus_bilateral=trade, unga_roll_calls=votes,
        us_troops_korea=pd.DataFrame({"country": "KOR", "year": range(1991, 2022), "active_duty": troops}),
        events_korea_russia=pd.DataFrame({"event": ["THAAD agreed", "THAAD deployed", "a summit"]}),
    )


def after_decision(y, i):
    return y > 2016 or (y == 2016 and 3 + i % 10 >= 7)


def warmer(y, i):
    """Agrees with Moscow (always yes) on every roll call after the decision, on half before."""
    return "y" if after_decision(y, i) or i % 2 else "n"


def test_p16_words_without_costs_are_supported():
    verdict, reason = rules.decide_p16(thaad_tables(calls, kor=warmer))
    assert verdict == "supported"
    assert " 2 Russian" in reason and "from 2016-07-08" in reason
    assert "0.2 billion in 2017" in reason and "2013-2015 mean of US$0.1 billion" in reason


def test_p16_placebo_a_change_shared_by_the_allies_does_not_pass():
    verdict, reason = rules.decide_p16(thaad_tables(calls, kor=warmer, allies=warmer))
    assert verdict == "partly supported"
    assert "changed by +0.000" in reason and "is not established" in reason


def test_p16_the_decision_splits_the_decision_year():
    # Seoul warms from the decision on: counted by calendar year, autumn 2016 would be "before"
    given = thaad_tables(calls, kor=warmer)
    by_date = rules.decide_p16(given)[1]
    by_year = rules.decide_p16(given, split="calendar")[1]
    assert "changed by +0.500" in by_date and "changed by +0.500" not in by_year


def test_p16_trade_below_the_pre_decision_mean_is_partly_supported():
    # 2017 at 90: below the 2013-2015 mean (100), so the test fails; above the 2016 trough (50), it would pass
    assert rules.decide_p16(thaad_tables(calls, kor=warmer, trade_2017=90.0))[0] == "partly supported"
    assert rules.decide_p16(thaad_tables(calls, kor=warmer, trade_2017=90.0), trade_base=(2016, 2016))[0] == \
        "supported"


def test_p16_a_measure_naming_seoul_after_the_decision_contradicts():
    named = sanctions([("2017-05-01", "2017", "Russian countermeasure", "Moscow", "names the Republic of Korea")])
    assert rules.decide_p16(thaad_tables(calls, measures=named))[0] == "contradicted"


@pytest.mark.parametrize("date", ["2015-01-01", "2022-03-07"])
def test_p16_measures_before_the_decision_or_after_the_article_do_not_count(date):
    named = sanctions([(date, "2022", "Russian countermeasure", "Moscow", "names South Korea")])
    assert rules.decide_p16(thaad_tables(calls, kor=warmer, measures=named))[0] == "supported"


@pytest.mark.parametrize("change, p3", [
    ({"kor": warmer}, "supported"),
    ({"kor": warmer, "trade_2017": 90.0}, "partly supported"),
    ({"kor": warmer, "troops": 19_000}, "contradicted"),
    ({"kor": warmer, "usa": "n"}, "contradicted"),           # Washington opposite Seoul: the vote gap fails
])
def test_p3_moscow_half_is_the_p16_test(change, p3):
    given = thaad_tables(calls, **change)
    verdict, reason = rules.decide_p3(given)
    assert verdict == p3
    assert f"'{rules.decide_p16(given)[0]}'" in reason  # the Moscow half quoted in the reason is ¶16's verdict


def test_p3_a_vote_gap_not_established_is_partly_supported():
    # before the decision Washington, like Moscow, agrees with Seoul on half the roll calls (other ones); after
    # it, both always: a noisy tie, neither above nor below 0
    given = thaad_tables(calls, kor=warmer,
                         usa=lambda y, i: "y" if after_decision(y, i) or i % 4 in (0, 1) else "n")
    verdict, reason = rules.decide_p3(given)
    assert "is not established" in reason and verdict == "partly supported"
