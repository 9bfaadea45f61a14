"""The North Korea verdict rules on hand-made tables passed through the tables mapping: each rule gives
the verdict its docstring states, and its reason carries the numbers of the hand-made input."""

import re

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.north_korea import rules
from double_ally.core.verdicts import Tables


def numbers(text: str) -> set[float]:
    """Every number written in a reason (years, counts, shares)."""
    return {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}


def record(russia_on_sanctions="yes", veto=True, sanctions_over_russia=False):
    # three sanctions resolutions before the article (two unanimous; the U.S. abstains on the made-up third),
    # one panel renewal with Russia abstaining, and, if asked, a Russian veto after the article
    rows = [
        ("2006-10-14", "S/RES/1718(2006)", "adopted", "sanctions imposed", 15, 0, 0, russia_on_sanctions, "yes", None),
        ("2016-03-02", "S/RES/2270(2016)", "adopted", "sanctions strengthened", 14, 0, 1, "yes", "abstain", None),
        ("2017-12-22", "S/RES/2397(2017)", "adopted", "sanctions strengthened", 15, 0, 0, "yes", "yes", None),
        ("2019-05-01", "S/RES/9999(2019)", "adopted", "Panel of Experts renewed", 14, 0, 1, "abstain", "yes", None),
    ]
    if sanctions_over_russia:
        rows.append(("2020-01-01", "S/RES/9998(2020)", "adopted", "sanctions strengthened", 14, 1, 0, "no", "yes",
                     None))
    if veto:
        rows.append(("2022-05-26", "S/2022/431", "vetoed", "vetoed draft", 11, 2, 2, "no", "yes", "CHN, RUS"))
    cols = ["date", "symbol", "outcome", "action", "votes_yes", "votes_no", "votes_abstain", "russia_vote",
            "usa_vote", "vetoed_by"]
    return pd.DataFrame(rows, columns=cols)


def trade(rus_shares, chn_shares):
    # one flow per partner and year 2016-2020, World = 100, so the values are the shares
    rows = []
    for year, rus, chn in zip(range(2016, 2021), rus_shares, chn_shares):
        rows += [(year, "WLD", "imports", 100.0), (year, "RUS", "imports", rus), (year, "CHN", "imports", chn)]
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])


def timeline(causes, steps=()):
    # steps: (date, project, stage, un_sanctions, un_resolution) of pages on UN carve-outs and exemptions
    rows = [("2001-08", "Rajin-Khasan rail link", "agreement or plan", None, None, None),
            ("2008-09", "gas pipeline", "agreement or plan", None, None, None)]
    rows += [("2016-03-08", project, "suspended", cause, None, None) for project, cause in causes]
    rows += [(date, project, stage, None, kind, resolution) for date, project, stage, kind, resolution in steps]
    return pd.DataFrame(rows, columns=["date", "project", "stage", "blocked_by", "un_sanctions", "un_resolution"])


# The 2016 and 2017 resolutions of record() carve the rail link out; the railway's survey needs a committee
# exemption and its works stay under the sanctions; the rail link's traffic stops in spite of the carve-out.
STEPS = [
    ("2016-03-02", "Rajin-Khasan rail link", "sanctions exemption", "carved out by a resolution", "S/RES/2270(2016)"),
    ("2017-12-22", "Rajin-Khasan rail link", "sanctions exemption", "carved out by a resolution", "S/RES/2397(2017)"),
    ("2018-10-02", "Rajin-Khasan rail link", "stalled", "carved out by a resolution", None),
    ("2018-11-23", "Trans-Korean Railway", "sanctions exemption", "exempted by the 1718 Committee", None),
    ("2018-11-26", "Trans-Korean Railway", "sanctions exemption", "still under sanctions", None),
]


def decide(rule, **tables):
    """Run a rule on hand-made tables only: a plain dict raises KeyError for any table not given."""
    return rule(dict(tables))


def test_p13_supported_when_russia_voted_yes_and_a_veto_shows_the_vote_is_needed():
    verdict, reason = decide(rules.decide_p13, unsc_dprk_record=record())
    assert verdict == "supported"
    # 3 sanctions resolutions, Russia yes on all 3, 2 unanimous, 2006-2017; 1 veto backed by 11 members
    assert {3, 2, 2006, 2017, 1, 11} <= numbers(reason)


def test_p13_partly_supported_without_a_failed_draft():
    verdict, reason = decide(rules.decide_p13, unsc_dprk_record=record(veto=False))
    assert verdict == "partly supported"
    assert 11 not in numbers(reason)


def test_p13_partly_supported_when_russia_abstained_on_a_sanctions_resolution():
    verdict, reason = decide(rules.decide_p13, unsc_dprk_record=record(russia_on_sanctions="abstain"))
    assert verdict == "partly supported"
    assert {2, 3} <= numbers(reason)  # Russia yes on 2 of the 3


def test_p13_contradicted_when_sanctions_passed_over_russias_no():
    assert decide(rules.decide_p13, unsc_dprk_record=record(sanctions_over_russia=True))[0] == "contradicted"


@pytest.mark.parametrize("rus, chn, verdict", [
    (2.0, 80.0, "partly supported"),    # both levers hold; the sway itself is not measured
    (2.0, 70.0, "partly supported"),    # small Russian share, but China at or under three quarters
    (6.0, 80.0, "partly supported"),    # China dominant, but Russia over a twentieth
    (6.0, 70.0, "contradicted"),
])
def test_p12_thresholds(rus, chn, verdict):
    assert decide(rules.decide_p12, dprk_trade_partners=trade([rus] * 5, [chn] * 5))[0] == verdict


def test_p12_the_levers_alone_are_supported_only_when_read_as_the_sway():
    given = trade([2.0] * 5, [80.0] * 5)
    assert decide(rules.decide_p12, dprk_trade_partners=given)[0] == "partly supported"
    assert rules.decide_p12({"dprk_trade_partners": given}, levers_decide=True)[0] == "supported"
    # one lever failing keeps it from supported even on that reading
    assert rules.decide_p12({"dprk_trade_partners": trade([6.0] * 5, [80.0] * 5)},
                            levers_decide=True)[0] == "partly supported"


def test_p12_one_year_over_the_line_is_enough_to_lose_the_point():
    # Russia under a twentieth in four years, at 6 % in 2018: "under 5 % in every year" fails
    verdict, reason = decide(rules.decide_p12, dprk_trade_partners=trade([1.0, 2.0, 6.0, 2.0, 3.0],
                                                                          [81.0, 82.0, 80.0, 90.0, 85.0]))
    assert verdict == "partly supported"
    assert "Russia's reached 5% or more" in reason
    # the reason gives each partner's smallest and largest share over the five hand-made years
    assert {1.0, 6.0, 80.0, 90.0} <= numbers(reason)


def trade_with_outside(outside, rus=5.0):
    """World = 100 in 2013-2020, Russia ``rus``, China the rest after ``outside`` (a list of eight shares,
    2013 first) that no neighbour records."""
    rows = []
    for year, out in zip(range(2013, 2021), outside):
        rows += [(year, "WLD", "imports", 100.0), (year, "RUS", "imports", rus),
                 (year, "CHN", "imports", 100.0 - rus - out)]
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])


def test_p12_leaves_a_distorted_year_out():
    # outside China and Russia: 15 % every year, then 55 % in 2020 (3.7 x the median of 2017-2019): China's
    # 43 % that year would fail "over 75 % in every year", but the rule leaves 2020 out
    trade = trade_with_outside([15.0] * 7 + [55.0], rus=2.0)
    verdict, reason = decide(rules.decide_p12, dprk_trade_partners=trade)
    assert verdict == "partly supported" and "Both levers hold" in reason
    assert "2020" in reason and "2016, 2017, 2018 and 2019" in reason
    assert {2.0, 83.0} <= numbers(reason) and 43.0 not in numbers(reason)
    # kept, the distorted year takes China under its line: read as the sway, the levers no longer all hold
    assert rules.decide_p12({"dprk_trade_partners": trade}, levers_decide=True)[0] == "supported"
    assert rules.decide_p12({"dprk_trade_partners": trade}, levers_decide=True,
                            skip_distorted=False)[0] == "partly supported"


def test_p12_a_clean_low_year_still_counts():
    # the same low Chinese share without a jump outside (Russia takes it): nothing is left out
    trade = trade_with_outside([15.0] * 8)
    trade.loc[(trade["year"] == 2020) & (trade["partner"] == "RUS"), "value_usd_m"] = 45.0
    trade.loc[(trade["year"] == 2020) & (trade["partner"] == "CHN"), "value_usd_m"] = 40.0
    verdict, reason = decide(rules.decide_p12, dprk_trade_partners=trade)
    assert verdict == "contradicted"        # Russia 45 % and China 40 % in 2020
    assert "Left out" not in reason


def test_p12_not_testable_when_every_year_is_distorted():
    # each year of 2016-2020 more than doubles the median of the three before: 1, 1, 1, 3, 9, 27, 81, 90
    trade = trade_with_outside([1.0, 1.0, 1.0, 3.0, 9.0, 27.0, 81.0, 90.0], rus=2.0)
    verdict, reason = decide(rules.decide_p12, dprk_trade_partners=trade)
    assert verdict == "not testable with open data"
    assert "2016, 2017, 2018, 2019 and 2020" in reason


def test_p12_through_the_chapter_evaluator():
    v = chapters.evaluate("p12-leverage", given={"dprk_trade_partners": trade([2.0] * 5, [80.0] * 5)})
    assert (v.claim_id, v.paragraph, v.verdict) == ("p12-leverage", 12, "partly supported")


def test_p09_partly_supported_when_only_other_causes_are_named():
    causes = [("Rajin-Khasan rail link", "South Korea's unilateral sanctions"),
              ("gas pipeline", "no response from North Korea")]
    verdict, reason = decide(rules.decide_p9, dprk_projects_timeline=timeline(causes), unsc_dprk_record=record())
    assert verdict == "partly supported"
    # 3 sanctions resolutions before the article, 2006-2017, the United States voting yes on 2
    assert {3, 2, 2006, 2017} <= numbers(reason)


def test_p09_supported_when_every_project_stopped_on_un_sanctions():
    causes = [("Rajin-Khasan rail link", "UN Security Council sanctions"), ("gas pipeline", "UN Security Council sanctions")]
    tables = Tables(dprk_projects_timeline=timeline(causes), unsc_dprk_record=record())
    assert rules.decide_p9(tables)[0] == "supported"


def test_p09_exemption_pages_are_stated_but_are_not_stops():
    causes = [("Rajin-Khasan rail link", "South Korea's unilateral sanctions"),
              ("gas pipeline", "no response from North Korea")]
    verdict, reason = decide(rules.decide_p9, dprk_projects_timeline=timeline(causes, STEPS), unsc_dprk_record=record())
    assert verdict == "partly supported"
    # the carve-out names resolutions 2270 and 2397; in record() the United States abstains on 2016's and votes
    # yes on 2017's: 1 of the 2; the stall in spite of the carve-out is 1 page
    assert "tying it to resolutions 2270 and 2397" in reason and "yes on 1 of the 2" in reason
    assert "1 page says its traffic stopped" in reason
    assert "Trans-Korean Railway: no stop recorded; the pages record sanctions exemption." in reason
    assert "exemptions from the sanctions committee (2018-11)" in reason
    assert "No page collected names UN sanctions as what stopped a project." in reason


def test_p09_exemptions_alone_do_not_make_it_supported():
    # every project stopped on UN sanctions except the railway, which has only an exemption and works still barred
    causes = [("Rajin-Khasan rail link", "UN Security Council sanctions"), ("gas pipeline", "UN Security Council sanctions")]
    steps = [s for s in STEPS if s[1] == "Trans-Korean Railway"]
    assert decide(rules.decide_p9, dprk_projects_timeline=timeline(causes, steps),
                  unsc_dprk_record=record())[0] == "partly supported"


def test_p09_not_supported_when_un_sanctions_stopped_only_some_projects():
    # the rule asks that the pages name UN sanctions as what stopped every project, not one of them
    causes = [("Rajin-Khasan rail link", "South Korea's unilateral sanctions"),
              ("gas pipeline", "UN Security Council sanctions")]
    verdict, reason = decide(rules.decide_p9, dprk_projects_timeline=timeline(causes), unsc_dprk_record=record())
    assert verdict == "partly supported"
    assert "Pages name UN sanctions as what stopped the gas pipeline." in reason


def test_p09_contradicted_when_nothing_stopped():
    assert decide(rules.decide_p9, dprk_projects_timeline=timeline([]), unsc_dprk_record=record())[0] == "contradicted"


@pytest.mark.parametrize("r", [record(), record(russia_on_sanctions="no", veto=False)])
def test_p11_is_not_testable_whatever_the_record(r):
    verdict, reason = decide(rules.decide_p11, unsc_dprk_record=r)
    assert verdict == "not testable with open data"
    before = r[r["date"] <= rules.ARTICLE_DATE]
    assert {int((before["russia_vote"] == "yes").sum()), len(before)} <= numbers(reason)


def test_rules_read_only_the_tables_they_are_given():
    # a plain mapping without the table: the rule cannot reach for it elsewhere
    with pytest.raises(KeyError):
        rules.decide_p12({})
