"""The forecast chapter's robustness checks: each verdict decided again under other definitions.

Every alternative runs the chapter's rule (``rules``) with another keyword value, another set of
indicators, or on the tables cut to what was known on the article's date (``asof``); nothing here
writes a verdict down.
"""

from __future__ import annotations

from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast import asof, decades
from double_ally.chapters.forecast import evidence as ev
from double_ally.chapters.forecast import rules
from double_ally.chapters.forecast.indicator_sets import DEPENDENT, select
from double_ally.core.citation import ARTICLE_DATE
from double_ally.core.robustness import Alternative, checks

AS_OF = "as of the article"


def as_of_forecast(t, decide) -> Alternative:
    verdict, detail = asof.forecast_as_of(t, decide)
    return Alternative(f"only the evidence known on {ARTICLE_DATE}", verdict, detail, kind=AS_OF)


def tally_text(t, outcome: str, **selection) -> str:
    c = ev.counts(select(ev.observations(ev.gather(t)), **selection))
    return f"{c[outcome]} of {f.scored(c)} scored indicators fit the {outcome}"


def indicator_alternatives(t, decide, outcome: str) -> list[Alternative]:
    """¶19 and ¶20 on other indicator sets: each indicator left out in turn, the 'friendship ends' half
    alone, the dependent indicators counted once."""
    out = []
    for ind in f.INDICATORS:
        out.append(Alternative(f"without {ind.name}", decide(t, drop=(ind.key,))[0],
                               tally_text(t, outcome, drop=(ind.key,)), kind="indicators"))
    out.append(Alternative(f"'{f.RELATIONSHIP}' indicators only", decide(t, part=f.RELATIONSHIP)[0],
                           tally_text(t, outcome, part=f.RELATIONSHIP), kind="indicators"))
    names = "; ".join(" + ".join(f.INDICATOR_BY_KEY[k].name for k in group) for group in DEPENDENT)
    out.append(Alternative(f"dependent indicators counted once ({names})", decide(t, merge=DEPENDENT)[0],
                           tally_text(t, outcome, merge=DEPENDENT), kind="indicators"))
    return out


@checks("p19-scenario", primary=(
        "the condition (the U.S. voted yes on every Ukraine text of 2022) held, and at least two thirds of "
        "the scored indicators fit the scenario (supported; a third or fewer: contradicted)"))
def check_p19(t) -> list[Alternative]:
    cut = asof.truncate(t)
    votes = ev.table_or_none(cut, "unga_key_votes")
    after = 0 if votes is None else int((ev.ukraine_votes(votes)["after_invasion"]).sum())
    return indicator_alternatives(t, rules.decide_p19, f.SCENARIO) + [
        Alternative(f"only the evidence known on {ARTICLE_DATE}", rules.decide_p19(cut)[0],
                    f"{after} Ukraine texts after the invasion known by then: the condition is untested", kind=AS_OF)]


@checks("p20-status-quo", primary=(
        "at least two thirds of the scored indicators fit the base case (supported); a third or fewer "
        "(contradicted); partly supported in between"))
def check_p20(t) -> list[Alternative]:
    return indicator_alternatives(t, rules.decide_p20, f.BASE) + [as_of_forecast(t, rules.decide_p20)]


@checks("p17-bilateral-crises", primary=(
        "Moscow's first step is the 'unfriendly' listing; a bilateral dispute is a timeline event of dispute, "
        "protest, expulsion, summons or crisis between the article and the invasion; Seoul's measures are "
        "those of the sanctions table"))
def check_p17(t) -> list[Alternative]:
    def alt(label, kind="definition", **kw):
        listed, disputes, before = rules.p17_inputs(t, **kw)
        return Alternative(label, rules.decide_p17(t, **kw)[0],
                           f"first step {listed or 'none'}; {len(disputes)} bilateral disputes in the window; "
                           f"{len(before)} measures of Seoul's on or before the step", kind=kind)

    return [
        alt("a dispute also includes incidents, warnings and airspace violations",
            dispute=rules.DISPUTE_PATTERN + r"|incident|warn|airspace"),
        alt("disputes looked for up to Moscow's step rather than the invasion", until="listing"),
        alt("Moscow's first step of any kind (listing, veto on North Korea, treaty)", step="any"),
        alt("Seoul's measures as the timeline records them", kind="records", measures_from="timeline"),
        alt("only Seoul's measures the records tie to the U.S. and its allies", joined_only=True),
        as_of_forecast(t, rules.decide_p17),
    ]


@checks("p18-seoul-no-rash-steps", primary=(
        "a step is calibrated if the records tie Seoul's measures to those of the U.S. and its allies and "
        "the timeline records it refusing lethal weapons to Ukraine, with no delivery"))
def check_p18_seoul(t) -> list[Alternative]:
    answered = rules.decide_p18_seoul(t, answered=True)
    timeline = rules.decide_p18_seoul(t, measures_from="timeline")
    return [
        Alternative("'rash' read as any own measure that Moscow answered with its listing", answered[0], answered[1]),
        Alternative("Seoul's measures and their ties read from the timeline only", timeline[0],
                    timeline[1].split(". ")[0], kind="records"),
        as_of_forecast(t, rules.decide_p18_seoul),
    ]


@checks("p18-moscow-no-steps", primary=(
        "Moscow's steps are the 'unfriendly' listing, vetoes on North Korea and the treaty with Pyongyang, at "
        "any date after the article; the listing is the step that names South Korea"))
def check_p18_moscow(t) -> list[Alternative]:
    def alt(label, **kw):
        verdict, reason = rules.decide_p18_moscow(t, **kw)
        return Alternative(label, verdict, reason.split(". ")[0])

    return [
        alt("the listing read as a collective measure that names no country in particular", naming=()),
        alt("only steps before the invasion (the base case before the escalation of ¶19)", until=ev.INVASION_DATE),
        alt("only the steps that touch Seoul's security (vetoes, treaty)", steps=("unsc_vetoes", "treaty")),
        as_of_forecast(t, rules.decide_p18_moscow),
    ]


@checks("p02-three-decades", primary=(
        "1990 to the article: no break (an event of severance, break, downgrade, expulsion or recall) in "
        "the timeline; leaders meeting in each decade; trade and arrivals higher in 2019 than in 2010 and "
        "the first KTO year; all three: supported, two: partly supported"))
def check_p2(t) -> list[Alternative]:
    def alt(label, kind="definition", tables=None, **kw):
        tt = t if tables is None else tables
        c = decades.pre_2021_checks(tt["events_korea_russia"], tt["trade_kor_rus_bilateral"],
                                    tt["arrivals_russia_annual"], **kw)
        return Alternative(label, rules.decide_p2(tt, **kw)[0],
                           f"{c['breaks']} breaks; leaders met in {len(c['decades'])} of the 3 decades; trade "
                           f"x{c['trade_ratio']:.2f}, arrivals x{c['arrivals_ratio']:.2f}", kind=kind)

    years = sorted(int(y) for y in ev.table_or_none(t, "trade_kor_rus_bilateral")["year"].unique())
    return [
        alt("expulsions of single diplomats are not a break (severance, downgrade or recall only)",
            breaks=r"sever|break|downgrad|recall"),
        alt("armed incidents count as breaks too (airspace violations, warning shots)",
            breaks=decades.BREAK_PATTERN + r"|airspace|warning shot"),
        alt("growth measured to 2020, the last full year before the article", end_year=2020),
        alt(f"trade growth measured from {years[0]}, the first year of the table", trade_base=years[0]),
        alt(f"only the evidence known on {ARTICLE_DATE}", kind=AS_OF, tables=asof.truncate(t)),
    ]


# ------------------------------------------------------------------- claims no open series measures

TEXT_TABLES = {"events_korea_russia": "event", "people_page_facts": "summary", "alliance_page_facts": "summary"}


def mentions(t, pattern: str) -> int:
    """Dated records before the article, in the timeline and the page facts, whose text matches ``pattern``."""
    return sum(len(asof.records_mentioning(t, pattern, [name], column)) for name, column in TEXT_TABLES.items())


def parts_recorded(label: str, parts: dict[str, int]) -> Alternative:
    """A reading under which each part of a claim has ``parts[name]`` records in the tables: the claim
    stays 'not testable' while any part has none (a rule that weighs them would be needed otherwise)."""
    missing = [name for name, n in parts.items() if n == 0]
    if not missing:
        raise NotImplementedError(f"{label}: every part now has a record; write the rule that weighs them")
    detail = "; ".join(f"{name}: {n}" for name, n in parts.items())
    return Alternative(label, asof.NOT_TESTABLE, f"records per part: {detail}")


@checks("p06-frictions", primary=(
        "each part of ¶6 (North Korea uniting and dividing, disappointment over investment, neither public "
        "wanting confrontation) needs an open measure before the article; none has one"))
def check_p6(t) -> list[Alternative]:
    record = ev.table_or_none(t, "unsc_dprk_record")
    before = record[record["date"] < ARTICLE_DATE] if record is not None else None
    divides = 0 if before is None else int(((before["russia_vote"] != "yes")
                                            | before["vetoed_by"].fillna("").str.contains("RUS")).sum())
    unites = 0 if before is None else int((before["russia_vote"] == "yes").sum())
    pew = ev.views_series(t["pew_favourability"])
    waves = int(((pew["target"] == "RUS") & (pew["year"] < int(ARTICLE_DATE[:4]))).sum())
    nk = min(unites, divides)                     # both sides of 'unites and divides' need a record
    invest, confront = mentions(t, r"invest"), mentions(t, r"confront")
    return [
        parts_recorded("Council votes as the record of North Korea uniting (yes) and dividing (no, abstain, veto)",
                       {"unites": unites, "divides": divides, "investment": invest, "public": confront}),
        parts_recorded("favourable views (Pew) as the record of the public's mood",
                       {"North Korea": nk, "investment": invest, "public": waves}),
        parts_recorded("any dated record of Korean investment or plants in Russia as the record of disappointment",
                       {"North Korea": nk, "investment": mentions(t, r"invest|plant|factory"), "public": confront}),
    ]


@checks("p14-15-priorities", primary=(
        "each side's priorities and the U.S. embassy's concerns in Seoul need an open measure; none has one"))
def check_p15(t) -> list[Alternative]:
    shares = rules.shares(t["trade_kor_rus_bilateral"], t["trade_world_totals"])
    concerns = mentions(t, r"embassy.*(?:Japan|Tokyo|China)|(?:Japan|Tokyo|China).*embassy")
    c = ev.pre_2021_checks(t["events_korea_russia"], t["trade_kor_rus_bilateral"], t["arrivals_russia_annual"])
    return [
        parts_recorded("trade shares as the record of each side's priorities",
                       {"Seoul's priorities": int((shares["reporter"] == "KOR").sum()),
                        "Moscow's priorities": int((shares["reporter"] == "RUS").sum()),
                        "U.S. concerns in Seoul": concerns}),
        parts_recorded("leaders' meetings as the record of priorities",
                       {"both sides' priorities": c["leader_meetings"], "U.S. concerns in Seoul": concerns}),
        parts_recorded("records that speak of priorities (timeline and page facts)",
                       {"priorities": mentions(t, r"priorit"), "U.S. concerns in Seoul": concerns}),
    ]
