"""The forecast chapter's observations and verdicts (¶2, ¶6, ¶15, ¶17-¶20), decided from the derived tables.

Each indicator of ``analysis.forecast.INDICATORS`` is observed here from the tables it names and
classified by the rule fixed there. A table that is not (yet) in ``data/datapackage.json`` makes its
indicator "pending": it is then left out of the tally and the chapter says so; no number stands in
for it. The rules of the verdicts are stated in each function's docstring, before the result.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from double_ally.core.data import load, table_names
from double_ally.core.verdicts import claim
from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.trade.analysis import shares, totals_by_reporter

CHAPTER = "book/forecast"
ARTICLE_DATE = "2021-07-15"
INVASION_DATE = "2022-02-24"
# The Ukraine texts that punish Russia rather than state a principle: suspension from the Human
# Rights Council and reparations. Fixed with the rule, from the titles.
PUNITIVE_PATTERN = r"suspension|reparation"


def available(name: str) -> bool:
    return name in table_names()


def pending(key: str, table: str) -> dict:
    return {"key": key, "outcome": f.PENDING, "observed": f"pending: table {table} is not available yet",
            "value": None, "period": ""}


# ------------------------------------------------------------------------------------------ series


@lru_cache(maxsize=1)
def trade_series() -> pd.DataFrame:
    """South Korea's exports to Russia and total trade, Korean records, 2019 to the latest year.

    Exports: IMF DOTS (Korea's own records) for 2019-2020, KOSIS official statistics where they exist,
    else the figure KITA gives in the press. Total: IMF DOTS for 2019-2020, KITA's press figure after.
    """
    bilateral = load("trade_kor_rus_bilateral")
    later = load("trade_kor_rus_2021_2024")
    kor = totals_by_reporter(bilateral)
    kor = kor[(kor["reporter"] == "KOR") & (kor["year"] >= f.BASE_YEAR)]
    rows = []
    for r in kor.itertuples(index=False):
        rows.append({"year": int(r.year), "series": "exports", "value_usd_m": float(r.exports),
                     "source": "IMF DOTS (South Korea's records)"})
        rows.append({"year": int(r.year), "series": "total", "value_usd_m": float(r.total),
                     "source": "IMF DOTS (South Korea's records)"})
    korean = later[(later["reporting_side"] == "KOR") & (later["qualifier"] == "as stated")]
    for (year, flow), group in korean.groupby(["year", "flow"]):
        if flow not in ("exports", "total"):
            continue
        official = group[group["figure_type"] == "official statistics"]
        pick = (official if len(official) else group).iloc[0]
        rows.append({"year": int(year), "series": flow, "value_usd_m": float(pick["value_usd_m"]),
                     "source": str(pick["publisher"])})
    out = pd.DataFrame(rows).sort_values(["series", "year"]).reset_index(drop=True)
    for series, group in out.groupby("series"):
        out.loc[group.index, "index"] = f.index_series(group.set_index("year")["value_usd_m"]).to_numpy()
    return out


@lru_cache(maxsize=1)
def arrivals_series() -> pd.DataFrame:
    """Russian nationals entering South Korea: Ministry of Justice entrants (full years), and KTO arrivals
    (monthly-table sums and whole-year figures reported in the press, 'as stated' only), 2019 on."""
    a = load("arrivals_russia_annual")
    a = a[(a["year"] >= f.BASE_YEAR) & (a["months_covered"] == 12) & (a["qualifier"] == "as stated")]
    moj = a[a["source_kind"] == "Ministry of Justice entrants (sum)"].assign(series="entrants (Ministry of Justice)")
    kto = a[a["source_kind"] != "Ministry of Justice entrants (sum)"]
    # one KTO figure a year: the monthly-table sum where there is one, else the first press figure
    kto = kto.sort_values(["year", "source_kind"]).groupby("year", as_index=False).first()
    kto = kto.assign(series="arrivals (KTO)")
    out = pd.concat([moj, kto], ignore_index=True)[["year", "series", "arrivals", "source_kind", "publisher"]]
    for series, group in out.groupby("series"):
        out.loc[group.index, "index"] = f.index_series(group.set_index("year")["arrivals"]).to_numpy()
    return out.sort_values(["series", "year"]).reset_index(drop=True)


@lru_cache(maxsize=1)
def views_series(country: str = "KOR") -> pd.DataFrame:
    """Favourable views of Russia and of the United States among ``country``'s respondents, every wave."""
    pew = load("pew_favourability")
    return pew[pew["country"] == country].sort_values(["target", "year"]).reset_index(drop=True)


@lru_cache(maxsize=1)
def ukraine_votes() -> pd.DataFrame:
    """General Assembly votes on Ukraine, one row per text: KOR, USA, JPN, RUS, CHN votes and totals."""
    votes = load("unga_key_votes")
    countries = votes[votes["country"] != "TOTAL"].pivot(index="vote_id", columns="country", values="vote")
    countries.columns = [c.lower() for c in countries.columns]
    totals = votes[votes["country"] == "TOTAL"].set_index("vote_id")[["date", "title", "total_yes", "total_no",
                                                                     "total_abstain"]]
    out = totals.join(countries).reset_index().sort_values(["date", "vote_id"]).reset_index(drop=True)
    out["punitive"] = out["title"].str.contains(PUNITIVE_PATTERN, case=False, regex=True)
    out["after_invasion"] = out["date"] >= INVASION_DATE
    return out


def dated(frame: pd.DataFrame, pattern: str, after: str = ARTICLE_DATE, column: str = "event") -> pd.DataFrame:
    return f.events_matching(frame.rename(columns={column: "event"}), pattern, after=after)


# ------------------------------------------------------------------------------------ observations


def observe_trade() -> dict:
    t = trade_series()
    exports = t[t["series"] == "exports"].set_index("year")
    latest = int(exports.index.max())
    idx = float(exports.loc[latest, "index"])
    total = t[t["series"] == "total"].set_index("year")
    last_total = int(total.index.max())
    return {"key": "trade", "outcome": f.classify_flow(idx), "value": idx, "period": str(latest),
            "observed": (f"exports {latest}: {idx:.0f} (2019 = 100); total trade {last_total}: "
                         f"{total.loc[last_total, 'index']:.0f}, the latest year with a Korean total")}


def observe_arrivals() -> dict:
    if not available("arrivals_russia_annual"):
        return pending("arrivals", "arrivals_russia_annual")
    a = arrivals_series()
    moj = a[a["series"] == "entrants (Ministry of Justice)"].set_index("year")
    latest = int(moj.index.max())
    idx = float(moj.loc[latest, "index"])
    kto = a[a["series"] == "arrivals (KTO)"].set_index("year")
    kto_text = (f"; KTO arrivals {int(kto.index.max())}: {kto['index'].iloc[-1]:.0f}" if len(kto) > 1 else "")
    return {"key": "arrivals", "outcome": f.classify_flow(idx), "value": idx, "period": str(latest),
            "observed": f"entrants {latest}: {idx:.0f} (2019 = 100){kto_text}"}


def observe_views() -> dict:
    if not available("pew_favourability"):
        return pending("views", "pew_favourability")
    v = views_series()
    rus = v[v["target"] == "RUS"].set_index("year")["favourable_pct"]
    latest = int(rus.index.max())
    ref = float(rus.loc[f.BASE_YEAR])
    now = float(rus.loc[latest])
    return {"key": "views", "outcome": f.classify_views(now, ref), "value": now - ref, "period": str(latest),
            "observed": f"favourable {latest}: {now:.0f}% against {ref:.0f}% in 2019 ({now - ref:+.0f} points)"}


def observe_votes() -> dict:
    if not available("unga_key_votes"):
        return pending("ukraine_votes", "unga_key_votes")
    v = ukraine_votes()
    after = v[v["after_invasion"]]
    outcome = f.classify_votes(after)
    recorded = after[after["kor"].isin(f.VOTED)]
    yes = int((recorded["kor"] == "yes").sum())
    pun = recorded[recorded["punitive"]]
    return {"key": "ukraine_votes", "outcome": outcome, "value": yes, "period": f"{after['date'].min()[:4]}-"
            f"{after['date'].max()[:4]}",
            "observed": (f"yes on {yes} of {len(recorded)} recorded texts, "
                         f"{int((pun['kor'] == 'yes').sum())} of {len(pun)} punitive ones")}


def seoul_measures() -> pd.DataFrame:
    """Seoul's own sanctions and export controls dated after the invasion (sanctions_measures when
    available, else the timeline)."""
    if available("sanctions_measures"):
        s = load("sanctions_measures")
        s = s[(s["actor"] == "Seoul") & s["measure_type"].isin(["own sanctions", "export controls",
                                                                 "financial sanctions"])]
        return dated(s, ".", after=INVASION_DATE, column="summary")
    return dated(load("events_korea_russia"), r"export|sanction", after=INVASION_DATE)


def observe_sanctions() -> dict:
    m = seoul_measures()
    first = m["date"].iloc[0] if len(m) else ""
    return {"key": "sanctions", "outcome": f.classify_presence(len(m) > 0), "value": len(m),
            "period": f"{first[:4]}-{m['date'].iloc[-1][:4]}" if len(m) else "",
            "observed": (f"{len(m)} dated measures from {first} to {m['date'].iloc[-1]}" if len(m)
                         else "no measure of Seoul's own")}


def unfriendly_listing() -> pd.DataFrame:
    """Dated records of Russia listing South Korea as 'unfriendly'."""
    return dated(load("events_korea_russia"), r"unfriendly.*(?:Republic of Korea|South Korea)|"
                                              r"(?:Republic of Korea|South Korea).*unfriendly")


def observe_unfriendly() -> dict:
    hit = unfriendly_listing()
    return {"key": "unfriendly", "outcome": f.classify_presence(len(hit) > 0), "value": len(hit),
            "period": hit["date"].iloc[0][:4] if len(hit) else "",
            "observed": f"listed on {hit['date'].iloc[0]}" if len(hit) else "not listed"}


def visa_latest() -> pd.Series:
    v = load("visa_free_russia")
    return v[v["destination"] == "KOR"].sort_values("snapshot_date").iloc[-1]


def observe_visa() -> dict:
    if not available("visa_free_russia"):
        return pending("visa", "visa_free_russia")
    row = visa_latest()
    outcome = f.classify_visa({"RU->KR": row["entry"]})
    return {"key": "visa", "outcome": outcome, "value": None, "period": row["snapshot_date"][:4],
            "observed": f"Russians entering South Korea, snapshot {row['snapshot_date']}: {row['entry']}"}


def russian_vetoes() -> pd.DataFrame:
    r = load("unsc_dprk_record")
    vetoed = r[(r["outcome"] == "vetoed") & r["vetoed_by"].fillna("").str.contains("RUS")]
    return vetoed[vetoed["date"] >= ARTICLE_DATE].sort_values("date")


def observe_vetoes() -> dict:
    if not available("unsc_dprk_record"):
        return pending("unsc_vetoes", "unsc_dprk_record")
    v = russian_vetoes()
    return {"key": "unsc_vetoes", "outcome": f.classify_presence(len(v) > 0), "value": len(v),
            "period": ", ".join(d[:4] for d in v["date"]),
            "observed": (f"{len(v)} Russian vetoes: " + ", ".join(v["date"])) if len(v) else "no Russian veto"}


def treaty_events() -> pd.DataFrame:
    return dated(load("events_korea_russia"), r"treaty.*mutual|mutual.*(?:assistance|defen[cs]e)")


def observe_treaty() -> dict:
    hit = treaty_events()
    return {"key": "treaty", "outcome": f.classify_presence(len(hit) > 0), "value": len(hit),
            "period": hit["date"].iloc[0][:4] if len(hit) else "",
            "observed": f"signed {hit['date'].iloc[0]}" if len(hit) else "no such treaty in the timeline"}


OBSERVERS = {
    "trade": observe_trade, "arrivals": observe_arrivals, "views": observe_views,
    "ukraine_votes": observe_votes, "sanctions": observe_sanctions, "unfriendly": observe_unfriendly,
    "visa": observe_visa, "unsc_vetoes": observe_vetoes, "treaty": observe_treaty,
}


@lru_cache(maxsize=1)
def observations() -> pd.DataFrame:
    rows = []
    for ind in f.INDICATORS:
        obs = OBSERVERS[ind.key]()
        rows.append({**obs, "indicator": ind.name, "part": ind.part})
    return pd.DataFrame(rows)


def counts(part: str | None = None) -> dict[str, int]:
    obs = observations()
    if part is not None:
        obs = obs[obs["part"] == part]
    return f.tally(dict(zip(obs["key"], obs["outcome"])))


def scorecard() -> pd.DataFrame:
    """The scorecard: each indicator's two predictions, the observation and which case it fits."""
    obs = observations().set_index("key")
    rows = []
    for ind in f.INDICATORS:
        o = obs.loc[ind.key]
        rows.append({"indicator": ind.name, "base case predicts": ind.base_case, "scenario predicts": ind.scenario,
                     "observed": o["observed"], "fits": o["outcome"]})
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def condition() -> pd.DataFrame:
    """The condition of ¶19, year by year, from the United States' votes on Ukraine texts after the invasion."""
    v = ukraine_votes()
    after = v[v["after_invasion"]]
    return f.condition_by_year(after[["date", "usa"]])


def us_led_measures() -> pd.DataFrame:
    """Seoul's dated measures after the invasion that the sanctions table ties to measures of the United
    States and its allies: corroboration of the condition, not part of its rule."""
    s = load("sanctions_measures")
    return dated(s[s["actor"] == "Seoul"], r"\bU\.S\.|United States", after=INVASION_DATE, column="summary")


def condition_met_first_year() -> bool:
    c = condition()
    return bool(len(c)) and c.iloc[0]["condition"] == "holds"


# ------------------------------------------------------------------------------------------ verdicts


@claim("p17-bilateral-crises", paragraph=17, kind="forecast", chapter=CHAPTER,
       section="the-trigger-bilateral-crisis-or-alignment-17",
       text=("Moscow turns on U.S. allies over crises in its bilateral ties with them, not under U.S. "
             "pressure, and no such crisis with Seoul is in sight."))
def decide_p17() -> tuple[str, str]:
    """The test is what preceded Moscow's first step against Seoul after the article (South Korea on the
    'unfriendly' list). Supported if Moscow took no such step, or if a bilateral Korea-Russia dispute
    in the timeline preceded it; partly supported if the step followed Seoul joining measures taken with
    the U.S. and its allies and the timeline holds no bilateral dispute in between (the 'no crisis in
    sight' half holds, the mechanism does not); contradicted if a bilateral crisis arose and drove it."""
    listing = unfriendly_listing()
    if listing.empty:
        return "supported", "Russia took no step against Seoul after the article in the tables' record."
    listed = listing["date"].iloc[0]
    measures = seoul_measures()
    before = measures[measures["date"] <= listed]
    events = load("events_korea_russia")
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


@claim("p18-no-rash-steps", paragraph=18, kind="forecast", chapter=CHAPTER, section="no-rash-steps-18",
       text="Seoul is unlikely to take rash steps that would anger Moscow, and Moscow unlikely to act against Seoul.")
def decide_p18() -> tuple[str, str]:
    """Seoul's side is its own sanctions and export controls; Moscow's side is the 'unfriendly' listing, the
    vetoes on North Korea and the treaty with Pyongyang (the indicators of the pre-registration). Supported
    if neither side took such a step; partly supported if only one did; contradicted if both did. Whether a
    step was 'rash' is not measurable; the verdict counts steps that the other side treated as hostile."""
    obs = observations().set_index("key")
    seoul = obs.loc["sanctions", "outcome"] == f.SCENARIO
    moscow_keys = [k for k in ("unfriendly", "unsc_vetoes", "treaty") if obs.loc[k, "outcome"] != f.PENDING]
    moscow = [k for k in moscow_keys if obs.loc[k, "outcome"] == f.SCENARIO]
    names = ", ".join(f.INDICATOR_BY_KEY[k].name for k in moscow) or "none"
    text = (f"Seoul: {obs.loc['sanctions', 'observed']}. Moscow: {len(moscow)} of {len(moscow_keys)} "
            f"recorded kinds of step ({names}). All came after the escalation of February 2022 that ¶19 names "
            f"as the one route to deterioration, so they count against ¶18 as a forecast of what would happen, "
            f"not against the article's reasoning as a whole.")
    if seoul and moscow:
        return "contradicted", text
    if seoul or moscow:
        return "partly supported", text
    return "supported", text


@claim("p19-scenario", paragraph=19, kind="forecast", chapter=CHAPTER, section="the-deterioration-scenario-19",
       text=("Relations would sour only if a U.S.-Russia escalation made fighting the Kremlin Washington's first "
             "concern; Seoul would then stand with Washington and the friendship would end."))
def decide_p19() -> tuple[str, str]:
    """Two steps. The condition: did the United States vote for every General Assembly text on Ukraine
    in 2022, the first year after the invasion? If not, the scenario was never put to the test
    ('not testable with open data'). The consequence: the share of scored indicators that fit the
    scenario -- supported if at least two thirds, partly supported between a third and two thirds,
    contradicted if a third or less. A conditional forecast whose condition came true is judged on its
    consequence only."""
    if not available("unga_key_votes"):
        return "not testable with open data", "The U.S. votes that test the condition are pending."
    cond = condition()
    if not condition_met_first_year():
        return "not testable with open data", "The condition of ¶19 did not hold in the first year after the invasion."
    c = counts()
    verdict = f.verdict_for(c, f.SCENARIO)
    obs = observations().set_index("key")
    align = counts(f.ALIGNMENT)
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
def decide_p20() -> tuple[str, str]:
    """Supported if at least two thirds of the scored indicators fit the base case, contradicted if a third
    or fewer do, partly supported in between. ¶20 is the article's unconditional 'most likely' forecast,
    so it is judged on the record whatever the cause."""
    c = counts()
    verdict = f.verdict_for(c, f.BASE)
    fitting = observations()
    base_names = ", ".join(fitting.loc[fitting["outcome"] == f.BASE, "indicator"]) or "none"
    fair = (" The status quo ended after the escalation that ¶19 named as the one route to a break; the article "
            "judged it unlikely, so the miss is in the odds, not in the map of what would cause a break."
            if verdict != "supported" and condition_met_first_year() else "")
    return verdict, (
        f"{c[f.BASE]} of {f.scored(c)} scored indicators fit the base case ({base_names}); {c[f.SCENARIO]} fit "
        f"the deterioration scenario.{fair}")


# ---------------------------------------------------------------------------------- before 2021


LEADER_PATTERN = r"summit|visit|visits"
BREAK_PATTERN = r"sever|break|downgrad|expel|recall"


def pre_2021_checks() -> dict:
    """The three checks of ¶2 and their results."""
    events = load("events_korea_russia")
    before = events[events["date"] < ARTICLE_DATE]
    breaks = before[before["event"].str.contains(BREAK_PATTERN, case=False)]
    leaders = before[before["event"].str.contains(LEADER_PATTERN, case=False)]
    decades = sorted({int(d[:3]) * 10 for d in leaders["date"]})
    kor = totals_by_reporter(load("trade_kor_rus_bilateral"))
    kor = kor[kor["reporter"] == "KOR"].set_index("year")["total"]
    trade_ratio = float(kor.loc[2019] / kor.loc[2010])
    arr = load("arrivals_russia_annual")
    kto = arr[arr["source_kind"] == "KTO monthly tables (sum)"].set_index("year")["arrivals"]
    first_year = int(kto.index.min())
    arrivals_ratio = float(kto.loc[2019] / kto.loc[first_year])
    return {
        "breaks": len(breaks), "leader_meetings": len(leaders), "decades": decades,
        "trade_ratio": trade_ratio, "arrivals_ratio": arrivals_ratio, "arrivals_first_year": first_year,
        "continuity": breaks.empty, "summits_each_decade": {1990, 2000, 2010} <= set(decades),
        "exchange_grew": trade_ratio > 1 and arrivals_ratio > 1,
    }


@claim("p02-three-decades", paragraph=2, kind="interpretation", chapter=CHAPTER, section="before-2021",
       text="Russia and South Korea have stayed friends for three decades, since relations were set up in 1990.")
def decide_p2() -> tuple[str, str]:
    """Three checks, 1990 to the article: (a) the timeline records no break or downgrade of relations;
    (b) leaders met in each decade (1990s, 2000s, 2010s); (c) trade (2019 against 2010, South Korea's
    records) and arrivals from Russia (2019 against the first KTO year) grew. Supported if all three hold,
    partly supported if two, contradicted otherwise. 'Through every political change' needs who governed
    when, which the tables do not hold."""
    c = pre_2021_checks()
    passed = sum([c["continuity"], c["summits_each_decade"], c["exchange_grew"]])
    verdict = "supported" if passed == 3 else "partly supported" if passed == 2 else "contradicted"
    return verdict, (
        f"{c['breaks']} breaks or downgrades in the timeline; {c['leader_meetings']} leaders' meetings, in the "
        f"decades {', '.join(f'{d}s' for d in c['decades'])}; trade in 2019 was {c['trade_ratio']:.1f} times "
        f"its 2010 level and arrivals from Russia {c['arrivals_ratio']:.1f} times their "
        f"{c['arrivals_first_year']} level. The tables do not say who governed when, so 'through every "
        f"political change' is not checked.")


@claim("p14-15-priorities", paragraph=15, kind="interpretation", chapter=CHAPTER, section="before-2021",
       text=("The U.S.-Russia rift probably leaves Moscow-Seoul ties untouched: neither ranks high among the "
             "other's priorities, and Washington's concerns in Seoul are Tokyo and China."))
def decide_p15() -> tuple[str, str]:
    """A government's list of priorities is not published as data. The trade shares below are a weak proxy
    for one side of it and cannot decide the claim: 'not testable with open data'."""
    s = shares(load("trade_kor_rus_bilateral"), load("trade_world_totals"))
    last = int(s["year"].max())
    by = s[s["year"] == last].set_index("reporter")["share_pct"]
    return "not testable with open data", (
        f"No open series measures diplomatic priorities or the U.S. embassy's concerns. As a weak proxy, "
        f"Russia was {by['KOR']:.1f}% of South Korea's trade in {last} and South Korea {by['RUS']:.1f}% of "
        f"Russia's: modest weights on both sides, consistent with the claim but not a test of it.")


def unsc_before_2021() -> pd.DataFrame:
    r = load("unsc_dprk_record")
    return r[r["date"] < ARTICLE_DATE]


@claim("p06-frictions", paragraph=6, kind="interpretation", chapter=CHAPTER, section="before-2021",
       text=("Ties are not free of friction: North Korea both unites and divides them, Korean investment in "
             "Russia breeds disappointment, yet neither public wants confrontation."))
def decide_p6() -> tuple[str, str]:
    """Frustration over investment and public demand for confrontation are not measured by any open series,
    and disagreement on North Korea short of a vote leaves no record: 'not testable with open data'. The
    Security Council record and the Pew views are shown as what the tables can say."""
    parts = []
    if available("unsc_dprk_record"):
        u = unsc_before_2021()
        adopted = u[u["outcome"] == "adopted"]
        yes = int((adopted["russia_vote"] == "yes").sum())
        parts.append(f"Russia voted yes on {yes} of {len(adopted)} Council decisions on North Korea in the "
                     f"record before the article (the 'unites' side)")
    v = views_series()
    rus = v[(v["target"] == "RUS") & (v["year"] == f.BASE_YEAR)].iloc[0]
    parts.append(f"in 2019 {rus['favourable_pct']:.0f}% of South Koreans viewed Russia favourably and "
                 f"{rus['unfavourable_pct']:.0f}% unfavourably, which says nothing about wanting confrontation")
    shown = "; ".join(parts)
    return "not testable with open data", (
        "No open series measures disappointment over investment or a public demand for confrontation. "
        f"What the tables show: {shown}.")


# ------------------------------------------------------------------------------ the dated strip


def _iso_day(date: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a day (the 1st of the month or year where only those are known)."""
    parts = str(date).split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def policy_steps() -> pd.DataFrame:
    """Dated steps from 2019 for the strip chart: date, lane, what, fits, table.

    Seoul's own measures and Moscow's countermeasures after the invasion fit the scenario; Seoul's yes on a
    punitive Ukraine text fits the scenario, on another text either case (Seoul voted yes in 2014 too);
    the latest visa snapshot fits the case its rule gives; the rest is context.
    """
    rows = []
    s = load("sanctions_measures")
    s = s[s["date"] >= str(f.BASE_YEAR)]
    for r in s.itertuples(index=False):
        fits = "fits the scenario" if r.date >= INVASION_DATE else "context"
        rows.append((r.date, r.actor, r.summary, fits, "sanctions_measures"))
    e = load("events_korea_russia")
    e = e[(e["date"] >= str(f.BASE_YEAR)) & ~e["event"].str.contains(r"export|unfriendly|items", case=False)]
    for r in e.itertuples(index=False):
        treaty = bool(re.search(r"treaty", r.event, re.I))
        rows.append((r.date, "Moscow" if treaty else "Context", r.event,
                     "fits the scenario" if treaty and r.date >= ARTICLE_DATE else "context", "events_korea_russia"))
    v = ukraine_votes()
    for r in v[v["after_invasion"]].itertuples(index=False):
        if r.kor == "yes":
            fits = "fits the scenario" if r.punitive else "fits either case"
            rows.append((r.date, "General Assembly votes", f"South Korea votes yes: {r.title}", fits, "unga_key_votes"))
        if r.usa in f.VOTED and r.usa != "yes":
            rows.append((r.date, "Washington", f"The U.S. votes {r.usa}: {r.title}", "context", "unga_key_votes"))
    for r in russian_vetoes().itertuples(index=False):
        rows.append((r.date, "Security Council", f"Russia vetoes draft {r.symbol} on North Korea",
                     "fits the scenario", "unsc_dprk_record"))
    visa = visa_latest()
    fits = {f.BASE: "fits the base case", f.SCENARIO: "fits the scenario"}[f.classify_visa({"RU->KR": visa["entry"]})]
    rows.append((visa["snapshot_date"], "Seoul", f"Passport Index: Russians enter South Korea with {visa['entry']}",
                 fits, "visa_free_russia"))
    out = pd.DataFrame(rows, columns=["date", "lane", "what", "fits", "table"])
    out["date"] = out["date"].map(_iso_day)
    return out.sort_values(["date", "lane"]).reset_index(drop=True)
