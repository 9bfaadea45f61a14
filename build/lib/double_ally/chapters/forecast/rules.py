"""The forecast chapter's verdicts (¶2, ¶6, ¶15, ¶17-¶20), decided from the derived tables.

Each rule is a function of the tables it is given, ``t`` (a mapping of table name to frame), and reads
nothing else; the indicators are observed from those tables by ``evidence`` and classified by the rules
fixed in ``analysis.INDICATORS``. A table that does not exist makes its indicator "pending": it is then
left out of the tally and the verdict says so; no number stands in for it. The rules of the verdicts are
stated in each function's docstring, before the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.verdicts import claim
from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast import evidence as ev
from double_ally.chapters.forecast.evidence import ARTICLE_DATE, INVASION_DATE
from double_ally.chapters.trade.analysis import shares

CHAPTER = "book/forecast"


# ------------------------------------------------------------------------------- after the article


@claim("p17-bilateral-crises", paragraph=17, kind="forecast", chapter=CHAPTER,
       section="the-trigger-bilateral-crisis-or-alignment-17",
       text=("Moscow turns on U.S. allies over crises in its bilateral ties with them, not under U.S. "
             "pressure, and no such crisis with Seoul is in sight."))
def decide_p17(t) -> tuple[str, str]:
    """The test is what preceded Moscow's first step against Seoul after the article (South Korea on the
    'unfriendly' list). Supported if Moscow took no such step, or if a bilateral Korea-Russia dispute
    in the timeline preceded it; partly supported if the step followed Seoul joining measures taken with
    the U.S. and its allies and the timeline holds no bilateral dispute in between (the 'no crisis in
    sight' half holds, the mechanism does not); contradicted if a bilateral crisis arose and drove it."""
    events = t["events_korea_russia"]
    listing = ev.unfriendly_listing(events)
    if listing.empty:
        return "supported", "Russia took no step against Seoul after the article in the tables' record."
    listed = listing["date"].iloc[0]
    measures = ev.seoul_measures(ev.table_or_none(t, "sanctions_measures"), events)
    before = measures[measures["date"] <= listed]
    between = events[(events["date"] > ARTICLE_DATE) & (events["date"] < INVASION_DATE)]
    dispute = between[between["event"].str.contains(r"dispute|protest|expel|summon|crisis", case=False)]
    if len(dispute):
        return "contradicted", (f"A bilateral dispute is on record before the listing of {listed}: "
                                f"{'; '.join(dispute['event'])}.")
    if len(before):
        return "partly supported", (
            f"No bilateral dispute appears in the timeline between the article and the invasion, as ¶17 "
            f"expected. Yet Russia listed South Korea as 'unfriendly' on {listed}, "
            f"{(pd.Timestamp(listed) - pd.Timestamp(before['date'].iloc[0])).days} days after Seoul's first "
            f"own measure ({before['date'].iloc[0]}) taken with the U.S. and its allies: the confrontation came "
            f"through the U.S.-Russia channel that ¶19 describes, not through a bilateral crisis.")
    return "supported", f"Russia's listing of {listed} followed no measure of Seoul's in the tables."


@claim("p18-seoul-no-rash-steps", paragraph=18, kind="forecast", chapter=CHAPTER, section="no-rash-steps-18",
       text="Seoul is unlikely to take rash steps that would anger Moscow.")
def decide_p18_seoul(t) -> tuple[str, str]:
    """Seoul's half of ¶18, decided apart from Moscow's. Whether a step was 'rash' has no measure; the test is
    whether Seoul's steps after the invasion were calibrated: (a) the records tie its measures to those of
    the U.S. and its allies (it joined, it did not lead), and (b) the timeline records Seoul refusing lethal
    weapons to Ukraine, the step Moscow named as its red line, and no delivery of them. Supported if Seoul
    took no measure at all, or if both (a) and (b) hold; partly supported if one holds; contradicted if
    neither does."""
    events = t["events_korea_russia"]
    measures = ev.seoul_measures(ev.table_or_none(t, "sanctions_measures"), events)
    if measures.empty:
        return "supported", "Seoul took no measure against Russia after the invasion in the tables' record."
    sanctions = ev.table_or_none(t, "sanctions_measures")
    joined = ev.us_led_measures(sanctions) if sanctions is not None else measures.iloc[0:0]
    refused, supplied = ev.lethal_aid(events)
    calibrated = [len(joined) > 0, len(refused) > 0 and supplied.empty]
    verdict = ("supported" if all(calibrated) else "partly supported" if any(calibrated) else "contradicted")
    return verdict, (
        f"Seoul took {len(measures)} dated measures from {measures['date'].min()} to {measures['date'].max()}; "
        f"the records tie {len(joined)} of them to measures of the U.S. and its allies"
        + (f" (first {joined['date'].min()})" if len(joined) else "") + ". "
        + (f"The timeline records Seoul refusing lethal weapons to Ukraine on {', '.join(refused['date'])}"
           if len(refused) else "The timeline records no refusal of lethal weapons to Ukraine")
        + (f", and deliveries on {', '.join(supplied['date'])}." if len(supplied) else ", and no delivery.")
        + " Moscow listed South Korea as 'unfriendly' all the same (the other half of ¶18).")


@claim("p18-moscow-no-steps", paragraph=18, kind="forecast", chapter=CHAPTER, section="no-rash-steps-18",
       text="Moscow is unlikely to act against Seoul.")
def decide_p18_moscow(t) -> tuple[str, str]:
    """Moscow's half of ¶18, decided apart from Seoul's, on the steps of the pre-registration: the
    'unfriendly' listing (a step that names South Korea), the vetoes on North Korea and the treaty with
    Pyongyang (steps that touch Seoul's security without naming it). Contradicted if Moscow took a step
    naming South Korea; partly supported if it took only steps that do not name it; supported if none."""
    obs = ev.observations(ev.gather(t)).set_index("key")
    recorded = [k for k in ("unfriendly", "unsc_vetoes", "treaty") if obs.loc[k, "outcome"] != f.PENDING]
    taken = [k for k in recorded if obs.loc[k, "outcome"] == f.SCENARIO]
    names = ", ".join(f.INDICATOR_BY_KEY[k].name for k in taken) or "none"
    text = (f"Moscow: {len(taken)} of {len(recorded)} recorded kinds of step ({names}). All came after the "
            f"escalation of February 2022 that ¶19 names as the one route to deterioration, so they count "
            f"against ¶18 as a forecast of what would happen, not against the article's reasoning as a whole.")
    if "unfriendly" in taken:
        return "contradicted", text
    return ("partly supported" if taken else "supported"), text


@claim("p19-scenario", paragraph=19, kind="forecast", chapter=CHAPTER, section="the-deterioration-scenario-19",
       text=("Relations would sour only if a U.S.-Russia escalation made fighting the Kremlin Washington's first "
             "concern; Seoul would then stand with Washington and the friendship would end."))
def decide_p19(t) -> tuple[str, str]:
    """Two steps. The condition: did the United States vote for every General Assembly text on Ukraine
    in 2022, the first year after the invasion? If not, the scenario was never put to the test
    ('not testable with open data'). The consequence: the share of scored indicators that fit the
    scenario -- supported if at least two thirds, partly supported between a third and two thirds,
    contradicted if a third or less. A conditional forecast whose condition came true is judged on its
    consequence only."""
    evidence = ev.gather(t)
    if evidence.votes is None:
        return "not testable with open data", "The U.S. votes that test the condition are pending."
    cond = ev.condition(evidence.votes)
    if not ev.condition_met_first_year(cond):
        return "not testable with open data", "The condition of ¶19 did not hold in the first year after the invasion."
    observed = ev.observations(evidence)
    c = ev.counts(observed)
    verdict = f.verdict_for(c, f.SCENARIO)
    obs = observed.set_index("key")
    align = ev.counts(observed, f.ALIGNMENT)
    sided = ("Seoul sided with Washington" if align[f.SCENARIO] == f.scored(align)
             else f"Seoul sided with Washington on {align[f.SCENARIO]} of {f.scored(align)} counts")
    flows = [word for k, word in (("trade", "trade"), ("arrivals", "travel")) if obs.loc[k, "outcome"] != f.SCENARIO]
    flows_text = (f"; {' and '.join(flows)} shrank but did not collapse, so 'a thing of the past' overstates "
                  f"the outcome" if flows else "; trade and travel collapsed too")
    lapsed = cond[cond["condition"] == "does not hold"]
    lapse = (f" By the tables' record the condition lapsed in {int(lapsed['year'].iloc[0])}, when the U.S. "
             f"voted against or abstained on Ukraine texts." if len(lapsed) else "")
    return verdict, (
        f"Condition: the U.S. voted yes on all {int(cond.iloc[0]['us_recorded'])} recorded Ukraine texts of "
        f"{int(cond.iloc[0]['year'])}.{lapse} Consequence: {c[f.SCENARIO]} of {f.scored(c)} scored indicators "
        f"fit the scenario, {c[f.BASE]} the base case and {c[f.BETWEEN]} neither clearly"
        + (f" ({c[f.PENDING]} pending)" if c[f.PENDING] else "") + f". {sided}{flows_text}.")


@claim("p20-status-quo", paragraph=20, kind="forecast", chapter=CHAPTER, section="the-base-case-20",
       text="The most likely course is the status quo: passive but cooperative and pragmatic relations.")
def decide_p20(t) -> tuple[str, str]:
    """Supported if at least two thirds of the scored indicators fit the base case, contradicted if a third
    or fewer do, partly supported in between. ¶20 is the article's unconditional 'most likely' forecast,
    so it is judged on the record whatever the cause."""
    evidence = ev.gather(t)
    fitting = ev.observations(evidence)
    c = ev.counts(fitting)
    verdict = f.verdict_for(c, f.BASE)
    base_names = ", ".join(fitting.loc[fitting["outcome"] == f.BASE, "indicator"]) or "none"
    fair = (" The status quo ended after the escalation that ¶19 named as the one route to a break; the article "
            "judged it unlikely, so the miss is in the odds, not in the map of what would cause a break."
            if verdict != "supported" and evidence.votes is not None
            and ev.condition_met_first_year(ev.condition(evidence.votes)) else "")
    return verdict, (
        f"{c[f.BASE]} of {f.scored(c)} scored indicators fit the base case ({base_names}); {c[f.SCENARIO]} fit "
        f"the deterioration scenario.{fair}")


# ---------------------------------------------------------------------------------- before 2021


@claim("p02-three-decades", paragraph=2, kind="interpretation", chapter=CHAPTER, section="before-2021",
       text="Russia and South Korea have stayed friends for three decades, since relations were set up in 1990.")
def decide_p2(t) -> tuple[str, str]:
    """Three checks, 1990 to the article: (a) the timeline records no break or downgrade of relations;
    (b) leaders met in each decade (1990s, 2000s, 2010s); (c) trade (2019 against 2010, South Korea's
    records) and arrivals from Russia (2019 against the first KTO year) grew. Supported if all three hold,
    partly supported if two, contradicted otherwise. 'Through every political change' needs who governed
    when, which the tables do not hold."""
    c = ev.pre_2021_checks(t["events_korea_russia"], t["trade_kor_rus_bilateral"],
                           t["arrivals_russia_annual"])
    passed = sum([c["continuity"], c["summits_each_decade"], c["exchange_grew"]])
    verdict = "supported" if passed == 3 else "partly supported" if passed == 2 else "contradicted"
    return verdict, (
        f"{c['breaks']} breaks, downgrades or expulsions in the timeline"
        + (f" ({'; '.join(c['break_events'])})" if c["breaks"] else "")
        + f"; {c['leader_meetings']} leaders' meetings, in the "
        f"decades {', '.join(f'{d}s' for d in c['decades'])}; trade in 2019 was {c['trade_ratio']:.1f} times "
        f"its 2010 level and arrivals from Russia {c['arrivals_ratio']:.1f} times their "
        f"{c['arrivals_first_year']} level. The tables do not say who governed when, so 'through every "
        f"political change' is not checked.")


@claim("p14-15-priorities", paragraph=15, kind="interpretation", chapter=CHAPTER, section="before-2021",
       text=("The U.S.-Russia rift probably leaves Moscow-Seoul ties untouched: neither ranks high among the "
             "other's priorities, and Washington's concerns in Seoul are Tokyo and China."))
def decide_p15(t) -> tuple[str, str]:
    """A government's list of priorities is not published as data. The trade shares below are a weak proxy
    for one side of it and cannot decide the claim: 'not testable with open data'."""
    s = shares(t["trade_kor_rus_bilateral"], t["trade_world_totals"])
    last = int(s["year"].max())
    by = s[s["year"] == last].set_index("reporter")["share_pct"]
    return "not testable with open data", (
        f"No open series measures diplomatic priorities or the U.S. embassy's concerns. As a weak proxy, "
        f"Russia was {by['KOR']:.1f}% of South Korea's trade in {last} and South Korea {by['RUS']:.1f}% of "
        f"Russia's: modest weights on both sides, consistent with the claim but not a test of it.")


@claim("p06-frictions", paragraph=6, kind="interpretation", chapter=CHAPTER, section="before-2021",
       text=("Ties are not free of friction: North Korea both unites and divides them, Korean investment in "
             "Russia breeds disappointment, yet neither public wants confrontation."))
def decide_p6(t) -> tuple[str, str]:
    """Frustration over investment and public demand for confrontation are not measured by any open series,
    and disagreement on North Korea short of a vote leaves no record: 'not testable with open data'. The
    Security Council record and the Pew views are shown as what the tables can say."""
    parts = []
    record = ev.table_or_none(t, "unsc_dprk_record")
    if record is not None:
        u = record[record["date"] < ARTICLE_DATE]
        adopted = u[u["outcome"] == "adopted"]
        yes = int((adopted["russia_vote"] == "yes").sum())
        parts.append(f"Russia voted yes on {yes} of {len(adopted)} Council decisions on North Korea in the "
                     f"record before the article (the 'unites' side)")
    v = ev.views_series(t["pew_favourability"])
    rus = v[(v["target"] == "RUS") & (v["year"] == f.BASE_YEAR)].iloc[0]
    parts.append(f"in 2019 {rus['favourable_pct']:.0f}% of South Koreans viewed Russia favourably and "
                 f"{rus['unfavourable_pct']:.0f}% unfavourably, which says nothing about wanting confrontation")
    shown = "; ".join(parts)
    return "not testable with open data", (
        "No open series measures disappointment over investment or a public demand for confrontation. "
        f"What the tables show: {shown}.")
