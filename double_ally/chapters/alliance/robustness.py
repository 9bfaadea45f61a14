"""Robustness of the alliance chapter's verdicts: each rule decided again under alternative definitions, records,
comparisons and evidence dates. Every alternative runs the rule in rules.py with one option changed."""

from __future__ import annotations

from double_ally.chapters.alliance import evidence as ev
from double_ally.chapters.alliance import rules as r
from double_ally.chapters.alliance.analysis import georgia_finding
from double_ally.core.citation import ARTICLE_DATE
from double_ally.core.robustness import Alternative, checks

VOTE_OPTIONS = [  # (label, options of the rule, kind): the same for every rule that compares General Assembly votes
    ("abstentions scored 0 (share of identical votes)", {"measure": "identical"}, "definition"),
    ("State Department coincidence (yes/no votes only)", {"measure": "coincidence"}, "definition"),
    ("without Middle East votes", {"middle_east": False}, "indicators"),
    ("point estimates instead of intervals", {"point": True}, "uncertainty"),
    ("roll calls pooled (each weighted equally, not each year)", {"pooled": True}, "definition"),
]


def _alternatives(rule, t, options: list[tuple[str, dict, str]], detail) -> list[Alternative]:
    """Run ``rule`` on ``t`` under each option; ``detail(options)`` gives the deciding figure."""
    out = []
    for label, opts, kind in options:
        verdict, _ = rule(t, **opts)
        out.append(Alternative(label, verdict, detail(opts), kind))
    return out


def _gap_detail(t, opts: dict) -> str:
    keep = {k: v for k, v in opts.items() if k in ("votes", "measure", "middle_east", "pooled")}
    return "U.S. minus Russia " + ev.washington_gap(t, **keep).text()


@checks("p01-both", primary="Three tests over 2010-2019, gaps decided by their 95 % interval (resolutions resampled "
        "within years): Washington ahead of Moscow on the important votes; Seoul closer to Moscow than each of Japan, "
        "the UK, France and Germany on all roll calls; no Russian measure naming Seoul before the article.")
def p01_robustness(t) -> list[Alternative]:
    def detail(opts):
        keep = {k: v for k, v in opts.items() if k in ("allies", "measure", "middle_east", "pooled")}
        bench = ev.benchmark(t, **keep)
        worst = min(bench, key=lambda k: bench[k].low)
        return f"{_gap_detail(t, opts)}; closest ally {r.NAMES[worst]} {bench[worst].text()}"

    options = VOTE_OPTIONS + [("all roll calls instead of the important votes (test a)", {"votes": "all"},
                               "definition")]
    options += [(f"{r.NAMES[a]} as the single comparison (test b)", {"allies": (a,)}, "comparison")
                for a in ev.ALLIES]
    return _alternatives(r.decide_p1, t, options, detail)


@checks("p03-alliance", primary="Alliance half: U.S. forces above 20,000 in every report 1991-2021, THAAD agreed "
        "and deployed, and Washington ahead of Moscow on the important votes with a 95 % interval above 0; "
        "Moscow half: the ¶16 verdict.")
def p03_robustness(t) -> list[Alternative]:
    options = VOTE_OPTIONS + [("all roll calls instead of the important votes", {"votes": "all"}, "definition")]
    out = _alternatives(r.decide_p3, t, options, lambda opts: _gap_detail(t, opts))
    troops = t["us_troops_korea"]
    before = (r.ALLIANCE_YEARS[0], int(ARTICLE_DATE[:4]) - 1)  # the report of the article's year is September's
    low = troops[(troops["country"] == "KOR") & troops["year"].between(*before)]["active_duty"].min()
    out.append(Alternative("troop reports before the article only", r.decide_p3(t, years=before)[0],
                           f"{before[0]}-{before[1]}: lowest {low:,}", "as of the article"))
    return out


@checks("p04-crimea", primary="Seoul's yes vote on A/RES/68/262 (the chapter's key-votes table) and its 2014 "
        "statement of non-recognition.")
def p04_crimea_robustness(t) -> list[Alternative]:
    calls = t["unga_roll_calls"]
    vote = calls.loc[calls["unres"] == "R/68/262", "KOR"].iloc[0]
    return [
        Alternative("the vote as in the Voeten roll calls", r.decide_p4_crimea(t, record="roll calls")[0],
                    f"Seoul's vote on R/68/262: {vote}", "records"),
        Alternative("evidence dated before the article", r.decide_p4_crimea(t, until=ARTICLE_DATE)[0],
                    "the 2014 vote and statement; the 2022 vote left out", "as of the article"),
    ]


@checks("p04-sanctions", primary="Pages saying Seoul adopted no sanctions of its own in 2014 (at least one), and pages "
        "documenting compliance with allied sanctions in 2014-2021.")
def p04_sanctions_robustness(t) -> list[Alternative]:
    return [
        Alternative("pages dated before the article only", r.decide_p4_sanctions(t, until=ARTICLE_DATE)[0],
                    "the March 2014 page; the 2022 retrospective and the 2022 measures left out",
                    "as of the article"),
        Alternative("two independent pages needed for 'no own sanctions'", r.decide_p4_sanctions(t, own_needed=2)[0],
                    "pages on 2014 that say so", "indicators"),
    ]


@checks("p04-georgia", primary="A denunciation of Georgia by Seoul on record, and Seoul voting no with Russia on most "
        "votes on displaced persons from Abkhazia and South Ossetia after the war, with the no side the smallest "
        "on average.")
def p04_georgia_robustness(t) -> list[Alternative]:
    g = t["unga_georgia_votes"]
    first = str(g["date"].min())[:7]
    after = georgia_finding(g).after
    return [
        Alternative("an abstention counted as backing Moscow", r.decide_p4_georgia(t, abstain_backs=True)[0],
                    "the few: members voting no or abstaining, against those voting yes", "definition"),
        Alternative("'few' measured against the median", r.decide_p4_georgia(t, few="median")[0],
                    f"median no {after['total_no'].median():.0f}, abstain {after['total_abstain'].median():.0f}, "
                    f"yes {after['total_yes'].median():.0f} (votes after the war)", "definition"),
        Alternative("the vote before the war counted too", r.decide_p4_georgia(t, after_war=first)[0],
                    f"votes from {first}", "records"),
    ]


@checks("p16-thaad", primary="Criticism on record, no Russian measure naming Seoul, trade in 2017 and 2018 above the "
        "2013-2015 mean, and Seoul's agreement with Moscow rising more than the allies' across the decision "
        "(difference in differences, 95 % interval above 0).")
def p16_robustness(t) -> list[Alternative]:
    def detail(opts):
        keep = {k: v for k, v in opts.items() if k in ("allies", "split", "measure", "middle_east", "pooled")}
        change, base = ev.trade_change(t, opts.get("trade_base", ev.TRADE_BASE))
        return f"difference in differences {ev.thaad_did(t, **keep).text()}; trade vs base {change / 1000:+.1f} bn"

    trough = ev.korea_trade(t).loc[2014:2016].idxmin()
    options = VOTE_OPTIONS + [
        (f"trade base: the {trough} trough", {"trade_base": (trough, trough)}, "definition"),
        ("trade base: 2015 alone, the last full year before", {"trade_base": (2015, 2015)}, "definition"),
        ("THAAD split by calendar year (2014-2016 against 2017-2019)", {"split": "calendar"}, "definition"),
    ]
    options += [(f"{r.NAMES[a]} as the single comparison", {"allies": (a,)}, "comparison") for a in ev.ALLIES]
    return _alternatives(r.decide_p16, t, options, detail)
