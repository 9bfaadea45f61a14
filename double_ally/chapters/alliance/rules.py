"""Verdicts decided by the chapter book/alliance.md (rules marked with ``verdicts.claim``).

Each function's docstring states its rule; the chapter repeats the rule before showing the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.citation import ARTICLE_DATE  # the article's date, from CITATION.cff
from double_ally.core.verdicts import claim
from double_ally.chapters.alliance import evidence as ev
from double_ally.chapters.alliance.analysis import (GEORGIA_AFTER_WAR, georgia_finding, georgia_statements, russian_measures_before,
                                                    russian_measures_between, thaad_criticism)
from double_ally.chapters.alliance.rollcalls import ROLL_CALL_YEARS
from double_ally.chapters.alliance.uncertainty import FAILS, HOLDS, OPEN, all_of, outcome, signed

CHAPTER = "book/alliance"
TROOP_FLOOR = 20_000         # "fundamental": a standing U.S. force of more than 20,000 in every report
ALLIANCE_YEARS = (1991, 2021)
DECADE = ROLL_CALL_YEARS     # the decade before the article with complete roll-call data (2010-2019)
VOTES = "important"          # the roll calls of the Washington-Moscow test: the State Department's 'important' ones
MEASURE = "agreement"        # Lijphart's index, an abstention against a vote scored 1/2 (uncertainty.MEASURES)
NAMES = ev.ALLY_NAMES


def _says(result: str) -> str:
    return {HOLDS: "holds", FAILS: "fails", OPEN: "is not established"}[result]


def _tally(parts: list[str]) -> str:
    """Supported if every part holds, contradicted if at least two fail, partly supported otherwise."""
    if all(p == HOLDS for p in parts):
        return "supported"
    return "contradicted" if parts.count(FAILS) >= 2 else "partly supported"


@claim("p01-both", paragraph=1, kind="interpretation", chapter=CHAPTER,
       section="voting-with-washington-and-moscow-1",
       text="Although the U.S.-Russia standoff makes it hard to be friends with both, South Korea manages it.")
def decide_p1(t, *, votes=VOTES, measure=MEASURE, middle_east=True, pooled=False, point=False,
              allies=ev.ALLIES, decade=DECADE) -> tuple[str, str]:
    """Three tests over the decade before the article (roll calls 2010-2019, years weighted equally), each gap
    decided by its 95 % bootstrap interval (resolutions resampled within years): (a) on the State Department's
    'important' votes (the years of the decade that carry the flag) Seoul's agreement with Washington minus its
    agreement with Moscow lies above 0; (b) on all roll calls Seoul's agreement with Moscow minus each ally's
    (Japan, the UK, France, Germany) lies above 0 for all four allies (fails if it lies below 0 for any); (c)
    Russia took no measure naming South Korea before the article (15 July 2021). Supported if all three hold;
    contradicted if at least two fail; partly supported otherwise (a gap that is not established is not evidence
    against). ``decade``: the first and last year of the roll calls compared."""
    opts = dict(middle_east=middle_east, measure=measure, pooled=pooled, decade=decade)
    a = ev.washington_gap(t, votes=votes, **opts)
    bench = ev.benchmark(t, allies, **opts)
    measures = russian_measures_before(t["sanctions_measures"], ARTICLE_DATE)
    parts = [a.outcome(point=point), all_of([g.outcome(point=point) for g in bench.values()]),
             outcome(0.5 - len(measures))]   # no measure: above the margin; one or more: below
    period = ev.span(ev.roll_calls(t, votes=votes, middle_east=middle_east, decade=decade))
    compared = "; ".join(f"{NAMES.get(k, k)} {g.text()}" for k, g in bench.items())
    return _tally(parts), (
        f"(a) On the {'important' if votes == 'important' else 'all'} votes of {period}, Seoul's agreement with the "
        f"U.S. minus its agreement with Russia was {a.text()}: the test {_says(parts[0])}. (b) Seoul's agreement "
        f"with Russia minus each ally's, all roll calls of {ev.span(ev.roll_calls(t, decade=decade))}: {compared}; "
        f"the test "
        f"{_says(parts[1])}. (c) {len(measures)} Russian measures named South Korea before July 2021: the test "
        f"{_says(parts[2])}. The balance ended in 2022, after the article (see the sanctions section)."
    )


@claim("p03-alliance", paragraph=3, kind="interpretation", chapter=CHAPTER, section="troops-and-thaad-3",
       text="The U.S. partnership is fundamental to Seoul, which meets its obligations to Washington without "
            "harming its relations with Moscow.")
def decide_p3(t, *, years=ALLIANCE_YEARS, votes=VOTES, measure=MEASURE, middle_east=True, pooled=False,
              point=False, decade=DECADE) -> tuple[str, str]:
    """Alliance half, three parts: U.S. active-duty forces above 20,000 in every DMDC report year 1991-2021; the
    THAAD deployment accepted (decision and deployment in the events table); on the 'important' votes of
    2010-2019 (the years that carry the flag) Seoul's agreement with Washington minus its agreement with Moscow,
    with its 95 % interval above 0. The half fails if a part fails (interval below 0, troops at or below the
    floor, no THAAD), holds if all hold, is not established otherwise. Moscow half: the ¶16 verdict.
    Supported if the alliance half holds and ¶16 is supported; contradicted if the alliance half fails;
    partly supported otherwise."""
    troops = t["us_troops_korea"]
    kor = troops[(troops["country"] == "KOR") & troops["year"].between(*years)]
    events = t["events_korea_russia"]
    deployment = events[events["event"].str.contains("THAAD")]
    gap = ev.washington_gap(t, votes=votes, middle_east=middle_east, measure=measure, pooled=pooled, decade=decade)
    parts = [outcome(kor["active_duty"].min() - TROOP_FLOOR), outcome(len(deployment) - 1.5),
             gap.outcome(point=point)]
    alliance = all_of(parts)
    moscow = decide_p16(t, measure=measure, middle_east=middle_east, pooled=pooled, point=point)[0]
    verdict = ("contradicted" if alliance == FAILS else
               "supported" if alliance == HOLDS and moscow == "supported" else "partly supported")
    return verdict, (
        f"U.S. active-duty forces in South Korea ranged from {kor['active_duty'].min():,} to "
        f"{kor['active_duty'].max():,} in the {len(kor)} DMDC reports of {years[0]}-{years[1]}; THAAD was agreed "
        f"in 2016 and deployed from 2017; on the {votes} votes of "
        f"{ev.span(ev.roll_calls(t, votes=votes, middle_east=middle_east, decade=decade))} Seoul's agreement with "
        f"Washington minus "
        f"its agreement with Moscow was {gap.text()}, so that part {_says(parts[2])} and the alliance half "
        f"{_says(alliance)}. On the Moscow half, the ¶16 test is '{moscow}'."
    )


def _same_as(votes: pd.DataFrame, vote_id: str, vote: str) -> str:
    """", as did the U.S. and Japan" (or whichever of the two voted the same way), from the key-votes table."""
    names = {"USA": "the U.S.", "JPN": "Japan"}
    rows = votes[(votes["vote_id"] == vote_id) & votes["country"].isin(names) & (votes["vote"] == vote)]
    same = [names[c] for c in names if c in set(rows["country"])]
    return f", as did {' and '.join(same)}" if same else ""


@claim("p04-crimea", paragraph=4, kind="fact", chapter=CHAPTER, section="crimea-4",
       text="Seoul does not recognise Crimea as part of Russia.")
def decide_p4_crimea(t, *, until=None, record="key votes") -> tuple[str, str]:
    """Supported if Seoul stated in 2014 that it does not recognise the annexation and voted yes on A/RES/68/262
    (territorial integrity of Ukraine); contradicted if it recognised the annexation or voted no; partly
    supported if only one of the two is on record. The 2022 vote (ES-11/4) is reported, not decisive.
    ``until``: only evidence dated before it; ``record`` 'roll calls': Seoul's vote from the Voeten roll call."""
    votes = t["unga_key_votes"]
    crimea = votes[(votes["vote_id"] == "A/RES/68/262") & (votes["country"] == "KOR")]["vote"].iloc[0]
    if record == "roll calls":
        calls = t["unga_roll_calls"]
        crimea = calls.loc[calls["unres"] == "R/68/262", "KOR"].iloc[0]
    s = t["sanctions_measures"]
    statement = s[(s["measure_type"] == "Crimea: recognition") & (s["date"] < (until or "9999"))]
    if crimea == "no":
        return "contradicted", "South Korea voted against A/RES/68/262."
    both = crimea == "yes" and len(statement) > 0
    said = (f"its foreign ministry said on {statement['date'].iloc[0]} that it does not recognise the annexation"
            if len(statement) else "no statement of non-recognition was found")
    later = votes[(votes["vote_id"] == "A/RES/ES-11/4") & (votes["country"] == "KOR")]
    after = (f" In 2022 it voted {later['vote'].iloc[0]} on A/RES/ES-11/4, on Ukraine's territorial integrity after "
             f"Russia's claimed annexation of four more regions." if until is None or later["date"].iloc[0] < until
             else "")
    return ("supported" if both else "partly supported"), (
        f"South Korea voted {crimea} on A/RES/68/262 (27 March 2014){_same_as(votes, 'A/RES/68/262', crimea)}, and "
        f"{said}.{after}"
    )


@claim("p04-sanctions", paragraph=4, kind="fact", chapter=CHAPTER, section="sanctions-in-2014-and-2022-4",
       text="After Crimea, Seoul imposed no sanctions of its own on Russia but complies with those of the U.S. "
            "and its other allies.")
def decide_p4_sanctions(t, *, until=None, own_needed=1) -> tuple[str, str]:
    """Two halves. (a) No own sanctions in 2014: a page says so, and no page reports a Seoul measure on
    Russia in 2014. (b) Compliance with allied sanctions: a page reports it for 2014-2021. Supported if both
    are on record; partly supported if only (a); contradicted if Seoul is reported to have imposed its own
    sanctions in 2014. ``until``: only pages dated before it; ``own_needed``: pages needed for (a)."""
    s = t["sanctions_measures"]
    if until is not None:  # our paraphrase dates a retrospective page by its event and says "Looking back in YYYY"
        later = s["summary"].str.extract(r"Looking back in (\d{4})", expand=False).fillna("0000")
        s = s[(s["date"] < until) & (later < until[:4])]
    y2014 = s[s["episode"] == "2014"]
    own = y2014[y2014["measure_type"] == "own sanctions"]
    seoul_2014_measures = s[(s["actor"] == "Seoul") & s["date"].str.startswith("2014")
                            & s["measure_type"].isin(["export controls", "financial sanctions"])]
    compliance = s[s["summary"].str.contains("compl", case=False) & (s["date"] < "2022")]
    if len(seoul_2014_measures):
        return "contradicted", "A page reports a sanction imposed by Seoul in 2014."
    first_2022 = s[(s["actor"] == "Seoul") & (s["episode"] == "2022")]["date"].min()
    reason = (
        f"{len(own)} pages ({', '.join(sorted(own['date']))}) say Seoul did not adopt sanctions of its "
        f"own after Crimea, and none reports one. No page in the collection documents Seoul's compliance with "
        f"U.S. or allied sanctions in 2014-2021, so that half is not established."
        + (f" From {first_2022} Seoul did join the sanctions, with export controls that grew through 2024."
           if isinstance(first_2022, str) else "")
    )
    enough = len(own) >= own_needed
    return ("supported" if enough and len(compliance) else "partly supported" if enough else
            "not testable with open data"), reason


@claim("p04-georgia", paragraph=4, kind="fact", chapter=CHAPTER, section="georgia-in-2008-4",
       text="After the August 2008 war, South Korea was one of the few countries to denounce Georgia and back "
            "Moscow.")
def decide_p4_georgia(t, *, abstain_backs=False, few="mean", after_war=GEORGIA_AFTER_WAR) -> tuple[str, str]:
    """The claim has two halves, and the verdict follows both as the evidence stands.

    (a) Seoul denounced Georgia: a page fact records a statement by Seoul (alone or jointly) that denounces or
    condemns Georgia. Finding none in the pages searched leaves (a) unproven, not disproven.
    (b) Seoul backed Moscow as one of few: on the General Assembly's yearly resolution on people displaced
    from Abkhazia and South Ossetia, the one recorded vote on the war's consequences, which Russia opposes
    every time, Seoul voted no with Russia on most votes after the war, and the members voting no were on
    average fewer than those voting yes and those abstaining. Votes before the war (April 2008) do not count.

    Supported if (a) and (b) hold; partly supported if one of them holds; contradicted if (b) fails and no
    denunciation is on record: the half that can be tested goes against the article and nothing backs the
    other, so calling it 'partly supported' would credit the article with a softer stance it did not claim;
    not testable with open data if there is neither a vote after the war nor a denunciation on record.
    Options of the robustness check: ``abstain_backs`` counts an abstention as backing Moscow (the 'few' are
    then the members voting no or abstaining, against those voting yes); ``few`` 'median' compares medians;
    ``after_war`` the first month of the votes counted."""
    g = georgia_finding(t["unga_georgia_votes"], after_war)
    statements = georgia_statements(t["alliance_page_facts"])
    denounced = bool(statements["denounces"].any())
    stat = {"mean": "mean", "median": "median"}[few]
    side = {k: getattr(g.after[f"total_{k}"], stat)() for k in ("yes", "no", "abstain")}
    if abstain_backs:
        kor_backs, small = g.kor_no + g.kor_abstain, side["no"] + side["abstain"] < side["yes"]
    else:
        kor_backs, small = g.kor_no, side["no"] < min(side["yes"], side["abstain"])
    backed = g.n_votes > 0 and kor_backs > g.n_votes / 2 and bool(small)
    if not g.n_votes and not denounced:
        return "not testable with open data", "No General Assembly vote after the war and no statement by Seoul."
    verdict = ("supported" if denounced and backed else
               "partly supported" if denounced or backed else "contradicted")
    said = (f"{int(statements['denounces'].sum())} of the {len(statements)} page facts on Seoul's own stance "
            f"denounce Georgia" if denounced else
            f"None of the {len(statements)} page facts on Seoul's own stance in 2008 denounces Georgia"
            if len(statements) else "No statement by Seoul on the war was found")
    with_russia = f"voted no with Russia {g.kor_no} times" if g.kor_no else "never voted no with Russia"
    if backed:
        so = "so Seoul was among the few who backed Moscow on these votes."
    elif g.kor_abstain > g.n_votes / 2:
        so = "so Seoul did not back Moscow on these votes, and in abstaining it was one of many members, not few."
    else:
        so = "so Seoul did not back Moscow on these votes."
    return verdict, (
        f"{said}. In the General Assembly, on the {g.n_votes} votes after the war ({g.first_year}-{g.last_year}) "
        f"on people displaced from Abkhazia and South Ossetia, South Korea {with_russia} and abstained "
        f"{g.kor_abstain} times, while the U.S. voted yes {g.usa_yes} times and Japan {g.jpn_yes} times. On "
        f"average {g.mean_no:.0f} members voted no, {g.mean_abstain:.0f} abstained and {g.mean_yes:.0f} voted yes; "
        f"{so}"
    )


@claim("p16-thaad", paragraph=16, kind="interpretation", chapter=CHAPTER, section="the-thaad-criticism-16",
       text="The Kremlin's criticism of Seoul, as over THAAD, is symbolic and does not change the positive tenor "
            "of relations.")
def decide_p16(t, *, trade_base=ev.TRADE_BASE, split="decision", allies=ev.ALLIES, measure=MEASURE,
               middle_east=True, pooled=False, point=False) -> tuple[str, str]:
    """(a) Russian official criticism of THAAD is on record; (b) no Russian measure named South Korea between the
    decision (its date from the page facts) and the article; (c) South Korea's trade with Russia (its own records)
    in 2017 and in 2018 each above its 2013-2015 mean, the three full years before the decision; (d) a difference
    in differences: the change in Seoul's agreement with Moscow (all roll calls, from the decision to 2019 minus
    2014 to the decision, years weighted equally) less the allies' mean change (Japan, the UK, France, Germany),
    its 95 % interval above 0. Contradicted if (b) fails; supported if (a) and (b) hold and (c) and (d) hold;
    partly supported otherwise (a change not established is not evidence of a cost)."""
    decision = ev.decision_date(t["alliance_page_facts"])
    criticism = thaad_criticism(t["alliance_page_facts"])
    measures = russian_measures_between(t["sanctions_measures"], decision, ARTICLE_DATE)
    if len(measures):
        return "contradicted", f"{len(measures)} Russian measure(s) named South Korea after the THAAD decision."
    change, base = ev.trade_change(t, trade_base)
    did = ev.thaad_did(t, allies, split=split, measure=measure, middle_east=middle_east, pooled=pooled)
    parts = [outcome(len(criticism) - 0.5), outcome(change), did.outcome(point=point)]
    kor = ev.korea_trade(t)
    split_text = (f"from {decision} to 2019 against 2014 to {decision}" if split == "decision" else
                  "2017-2019 against 2014-2016")
    return ("supported" if all(p == HOLDS for p in parts) else "partly supported"), (
        f"The pages hold {len(criticism)} Russian official statements against THAAD (from {decision}), including "
        f"talk of counter-measures, but no Russian measure naming South Korea before 2022. Trade in Korea's records "
        f"was US${kor[2017] / 1000:.1f} billion in 2017 and US${kor[2018] / 1000:.1f} billion in 2018 against a "
        f"{trade_base[0]}-{trade_base[1]} mean of US${base / 1000:.1f} billion: that test {_says(parts[1])}. Seoul's "
        f"agreement with Moscow ({split_text}) changed by {signed(did.estimate)} more than the mean change of "
        f"{', '.join(NAMES.get(a, a) for a in allies)} (95 % interval {did.low:+.3f} to {did.high:+.3f}): that "
        f"test {_says(parts[2])}."
    )
