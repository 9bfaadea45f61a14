"""The forecast chapter's evidence: the series, dated selections and observations that its verdicts,
its prose and its charts use.

Every function here takes frames shaped like the derived tables and loads nothing, so the chapter
computes each finding once and hands the same object to its prose, its charts and (through the tables
mapping) its verdicts, and the tests can feed small hand-made frames. ``gather`` is the one function
that reads a mapping of tables (``double_ally.core.verdicts.Tables`` or a plain dict): each indicator of
``analysis.INDICATORS`` is observed from the tables it names, and an indicator whose table does not
exist is "pending" -- left out of the tally, never filled with a guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.trade.analysis import totals_by_reporter
from double_ally.core.citation import ARTICLE_DATE  # the article's date, from CITATION.cff
from double_ally.core.data import DataError, table_names

INVASION_DATE = "2022-02-24"
# The Ukraine texts that punish Russia rather than state a principle: suspension from the Human
# Rights Council and reparations. Fixed with the rule, from the titles.
PUNITIVE_PATTERN = r"suspension|reparation"
LEADER_PATTERN = r"summit|visit|visits"
BREAK_PATTERN = r"sever|break|downgrad|expel|recall"
LETHAL_REFUSAL_PATTERN = r"Seoul\b.*\bnot (?:supply|provide|send|deliver) lethal"
LETHAL_SUPPLY_PATTERN = r"Seoul\b.*\b(?:supplies|provides|sends|delivers) lethal"
# The tables an indicator can do without (it is then pending); the others must be there.
OPTIONAL = ("arrivals_russia_annual", "pew_favourability", "unga_key_votes", "sanctions_measures",
            "visa_free_russia", "unsc_dprk_record")


def table_or_none(t: Mapping, name: str) -> pd.DataFrame | None:
    """Table ``name`` from the mapping, or None if there is no such table (not given to a plain dict,
    or not described in the data package). A table that exists but fails its checks still raises."""
    try:
        return t[name]
    except KeyError:
        return None
    except DataError:
        if name in table_names():
            raise
        return None


def pending(key: str, table: str) -> dict:
    return {"key": key, "outcome": f.PENDING, "observed": f"pending: table {table} is not available yet",
            "value": None, "period": ""}


# ------------------------------------------------------------------------------------------ series


def trade_series(bilateral: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """South Korea's exports to Russia and total trade, Korean records, 2019 to the latest year.

    Exports: IMF DOTS (Korea's own records) for 2019-2020, KOSIS official statistics where they exist,
    else the figure KITA gives in the press. Total: IMF DOTS for 2019-2020, KITA's press figure after.
    ``bilateral``: table trade_kor_rus_bilateral; ``later``: table trade_kor_rus_2021_2024.
    """
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


def arrivals_series(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Russian nationals entering South Korea: Ministry of Justice entrants (full years), and KTO arrivals
    (monthly-table sums and whole-year figures reported in the press, 'as stated' only), 2019 on.
    ``arrivals``: table arrivals_russia_annual."""
    a = arrivals[(arrivals["year"] >= f.BASE_YEAR) & (arrivals["months_covered"] == 12)
                 & (arrivals["qualifier"] == "as stated")]
    moj = a[a["source_kind"] == "Ministry of Justice entrants (sum)"].assign(series="entrants (Ministry of Justice)")
    kto = a[a["source_kind"] != "Ministry of Justice entrants (sum)"]
    # one KTO figure a year: the monthly-table sum where there is one, else the first press figure
    kto = kto.sort_values(["year", "source_kind"]).groupby("year", as_index=False).first()
    kto = kto.assign(series="arrivals (KTO)")
    out = pd.concat([moj, kto], ignore_index=True)[["year", "series", "arrivals", "source_kind", "publisher"]]
    for series, group in out.groupby("series"):
        out.loc[group.index, "index"] = f.index_series(group.set_index("year")["arrivals"]).to_numpy()
    return out.sort_values(["series", "year"]).reset_index(drop=True)


def views_series(pew: pd.DataFrame, country: str = "KOR") -> pd.DataFrame:
    """Favourable views of Russia and of the United States among ``country``'s respondents, every wave."""
    return pew[pew["country"] == country].sort_values(["target", "year"]).reset_index(drop=True)


def ukraine_votes(votes: pd.DataFrame) -> pd.DataFrame:
    """General Assembly votes on Ukraine, one row per text: KOR, USA, JPN, RUS, CHN votes and totals.
    ``votes``: table unga_key_votes."""
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


def seoul_measures(sanctions: pd.DataFrame | None, events: pd.DataFrame) -> pd.DataFrame:
    """Seoul's own sanctions and export controls dated after the invasion (from ``sanctions``, table
    sanctions_measures, where there is one; else from ``events``, table events_korea_russia)."""
    if sanctions is not None:
        s = sanctions[(sanctions["actor"] == "Seoul") & sanctions["measure_type"].isin(
            ["own sanctions", "export controls", "financial sanctions"])]
        return dated(s, ".", after=INVASION_DATE, column="summary")
    return dated(events, r"export|sanction", after=INVASION_DATE)


def unfriendly_listing(events: pd.DataFrame) -> pd.DataFrame:
    """Dated records of Russia listing South Korea as 'unfriendly'."""
    return dated(events, r"unfriendly.*(?:Republic of Korea|South Korea)|"
                         r"(?:Republic of Korea|South Korea).*unfriendly")


def visa_latest(visa: pd.DataFrame) -> pd.Series:
    """The latest Passport Index snapshot for Russians entering South Korea (table visa_free_russia)."""
    return visa[visa["destination"] == "KOR"].sort_values("snapshot_date").iloc[-1]


def russian_vetoes(record: pd.DataFrame) -> pd.DataFrame:
    """Drafts on North Korea vetoed by Russia after the article (table unsc_dprk_record)."""
    vetoed = record[(record["outcome"] == "vetoed") & record["vetoed_by"].fillna("").str.contains("RUS")]
    return vetoed[vetoed["date"] >= ARTICLE_DATE].sort_values("date")


def lethal_aid(events: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Dated records, after the invasion, of Seoul refusing lethal weapons to Ukraine, and of Seoul
    delivering them (table events_korea_russia)."""
    return (dated(events, LETHAL_REFUSAL_PATTERN, after=INVASION_DATE),
            dated(events, LETHAL_SUPPLY_PATTERN, after=INVASION_DATE))


def treaty_events(events: pd.DataFrame) -> pd.DataFrame:
    return dated(events, r"treaty.*mutual|mutual.*(?:assistance|defen[cs]e)")


def condition(votes: pd.DataFrame) -> pd.DataFrame:
    """The condition of ¶19, year by year, from the United States' votes on Ukraine texts after the
    invasion (``votes`` shaped like ``ukraine_votes``)."""
    after = votes[votes["after_invasion"]]
    return f.condition_by_year(after[["date", "usa"]])


def condition_met_first_year(cond: pd.DataFrame) -> bool:
    return bool(len(cond)) and cond.iloc[0]["condition"] == "holds"


def us_led_measures(sanctions: pd.DataFrame) -> pd.DataFrame:
    """Seoul's dated measures after the invasion that the sanctions table ties to measures of the United
    States and its allies: corroboration of the condition, not part of its rule."""
    return dated(sanctions[sanctions["actor"] == "Seoul"], r"\bU\.S\.|United States", after=INVASION_DATE,
                 column="summary")


# ------------------------------------------------------------------------------------ observations


@dataclass(frozen=True)
class Evidence:
    """What the indicators are observed from, computed once; None where the table is missing."""

    trade: pd.DataFrame
    arrivals: pd.DataFrame | None
    views: pd.DataFrame | None
    votes: pd.DataFrame | None
    measures: pd.DataFrame
    listing: pd.DataFrame
    visa: pd.Series | None
    vetoes: pd.DataFrame | None
    treaty: pd.DataFrame


def gather(t: Mapping) -> Evidence:
    """The evidence for every indicator, from the tables in ``t`` (the only place it reads them)."""
    opt = {name: table_or_none(t, name) for name in OPTIONAL}
    events = t["events_korea_russia"]

    def maybe(func, name):
        return None if opt[name] is None else func(opt[name])

    return Evidence(
        trade=trade_series(t["trade_kor_rus_bilateral"], t["trade_kor_rus_2021_2024"]),
        arrivals=maybe(arrivals_series, "arrivals_russia_annual"),
        views=maybe(views_series, "pew_favourability"),
        votes=maybe(ukraine_votes, "unga_key_votes"),
        measures=seoul_measures(opt["sanctions_measures"], events),
        listing=unfriendly_listing(events),
        visa=maybe(visa_latest, "visa_free_russia"),
        vetoes=maybe(russian_vetoes, "unsc_dprk_record"),
        treaty=treaty_events(events),
    )


def observe_trade(trade: pd.DataFrame) -> dict:
    exports = trade[trade["series"] == "exports"].set_index("year")
    latest = int(exports.index.max())
    idx = float(exports.loc[latest, "index"])
    total = trade[trade["series"] == "total"].set_index("year")
    last_total = int(total.index.max())
    return {"key": "trade", "outcome": f.classify_flow(idx), "value": idx, "period": str(latest),
            "observed": (f"exports {latest}: {idx:.0f} (2019 = 100); total trade {last_total}: "
                         f"{total.loc[last_total, 'index']:.0f}, the latest year with a Korean total")}


def observe_arrivals(arrivals: pd.DataFrame | None) -> dict:
    if arrivals is None:
        return pending("arrivals", "arrivals_russia_annual")
    moj = arrivals[arrivals["series"] == "entrants (Ministry of Justice)"].set_index("year")
    latest = int(moj.index.max())
    idx = float(moj.loc[latest, "index"])
    kto = arrivals[arrivals["series"] == "arrivals (KTO)"].set_index("year")
    kto_text = (f"; KTO arrivals {int(kto.index.max())}: {kto.loc[kto.index.max(), 'index']:.0f}" if len(kto) > 1 else "")
    return {"key": "arrivals", "outcome": f.classify_flow(idx), "value": idx, "period": str(latest),
            "observed": f"entrants {latest}: {idx:.0f} (2019 = 100){kto_text}"}


def observe_views(views: pd.DataFrame | None) -> dict:
    if views is None:
        return pending("views", "pew_favourability")
    rus = views[views["target"] == "RUS"].set_index("year")["favourable_pct"]
    latest = int(rus.index.max())
    ref = float(rus.loc[f.BASE_YEAR])
    now = float(rus.loc[latest])
    return {"key": "views", "outcome": f.classify_views(now, ref), "value": now - ref, "period": str(latest),
            "observed": f"favourable {latest}: {now:.0f}% against {ref:.0f}% in 2019 ({now - ref:+.0f} points)"}


def observe_votes(votes: pd.DataFrame | None) -> dict:
    if votes is None:
        return pending("ukraine_votes", "unga_key_votes")
    after = votes[votes["after_invasion"]]
    outcome = f.classify_votes(after)
    recorded = after[after["kor"].isin(f.VOTED)]
    yes = int((recorded["kor"] == "yes").sum())
    pun = recorded[recorded["punitive"]]
    return {"key": "ukraine_votes", "outcome": outcome, "value": yes, "period": f"{after['date'].min()[:4]}-"
            f"{after['date'].max()[:4]}",
            "observed": (f"yes on {yes} of {len(recorded)} recorded texts, "
                         f"{int((pun['kor'] == 'yes').sum())} of {len(pun)} punitive ones")}


def observe_sanctions(measures: pd.DataFrame) -> dict:
    m = measures
    first, last = (m["date"].min(), m["date"].max()) if len(m) else ("", "")
    return {"key": "sanctions", "outcome": f.classify_presence(len(m) > 0), "value": len(m),
            "period": f"{first[:4]}-{last[:4]}" if len(m) else "",
            "observed": (f"{len(m)} dated measures from {first} to {last}" if len(m)
                         else "no measure of Seoul's own")}


def observe_unfriendly(listing: pd.DataFrame) -> dict:
    hit = listing
    return {"key": "unfriendly", "outcome": f.classify_presence(len(hit) > 0), "value": len(hit),
            "period": hit["date"].iloc[0][:4] if len(hit) else "",
            "observed": f"listed on {hit['date'].iloc[0]}" if len(hit) else "not listed"}


def observe_visa(latest: pd.Series | None) -> dict:
    if latest is None:
        return pending("visa", "visa_free_russia")
    outcome = f.classify_visa({"RU->KR": latest["entry"]})
    return {"key": "visa", "outcome": outcome, "value": None, "period": latest["snapshot_date"][:4],
            "observed": (f"Russians entering South Korea, snapshot {latest['snapshot_date']}: {latest['entry']}"
                         + (" (an electronic travel authorisation, counted as no visa; earlier snapshots "
                            "coded the same entry as an e-visa)" if latest["entry"] == "eTA" else ""))}


def observe_vetoes(vetoes: pd.DataFrame | None) -> dict:
    if vetoes is None:
        return pending("unsc_vetoes", "unsc_dprk_record")
    return {"key": "unsc_vetoes", "outcome": f.classify_presence(len(vetoes) > 0), "value": len(vetoes),
            "period": ", ".join(d[:4] for d in vetoes["date"]),
            "observed": (f"{len(vetoes)} Russian vetoes: " + ", ".join(vetoes["date"])) if len(vetoes)
            else "no Russian veto"}


def observe_treaty(treaty: pd.DataFrame) -> dict:
    hit = treaty
    return {"key": "treaty", "outcome": f.classify_presence(len(hit) > 0), "value": len(hit),
            "period": hit["date"].iloc[0][:4] if len(hit) else "",
            "observed": f"signed {hit['date'].iloc[0]}" if len(hit) else "no such treaty in the timeline"}


def observations(e: Evidence) -> pd.DataFrame:
    """One row per indicator, in the order of ``analysis.INDICATORS``: key, outcome, value, period,
    observed, indicator and part."""
    found = {
        "trade": observe_trade(e.trade), "arrivals": observe_arrivals(e.arrivals), "views": observe_views(e.views),
        "ukraine_votes": observe_votes(e.votes), "sanctions": observe_sanctions(e.measures),
        "unfriendly": observe_unfriendly(e.listing), "visa": observe_visa(e.visa),
        "unsc_vetoes": observe_vetoes(e.vetoes), "treaty": observe_treaty(e.treaty),
    }
    return pd.DataFrame([{**found[ind.key], "indicator": ind.name, "part": ind.part} for ind in f.INDICATORS])


def counts(obs: pd.DataFrame, part: str | None = None) -> dict[str, int]:
    """How many indicators of ``obs`` (shaped like ``observations``) fit each outcome, for one part of
    ¶19's consequence or for all."""
    if part is not None:
        obs = obs[obs["part"] == part]
    return f.tally(dict(zip(obs["key"], obs["outcome"])))


def scorecard(obs: pd.DataFrame) -> pd.DataFrame:
    """The scorecard: each indicator's two predictions, the observation and which case it fits."""
    by_key = obs.set_index("key")
    rows = []
    for ind in f.INDICATORS:
        o = by_key.loc[ind.key]
        rows.append({"indicator": ind.name, "base case predicts": ind.base_case, "scenario predicts": ind.scenario,
                     "observed": o["observed"], "fits": o["outcome"]})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------- before 2021


def pre_2021_checks(events: pd.DataFrame, bilateral: pd.DataFrame, arrivals: pd.DataFrame) -> dict:
    """The three checks of ¶2 and their results (tables events_korea_russia, trade_kor_rus_bilateral,
    arrivals_russia_annual)."""
    before = events[events["date"] < ARTICLE_DATE]
    breaks = before[before["event"].str.contains(BREAK_PATTERN, case=False)]
    leaders = before[before["event"].str.contains(LEADER_PATTERN, case=False)]
    decades = sorted({int(d[:3]) * 10 for d in leaders["date"]})
    kor = totals_by_reporter(bilateral)
    kor = kor[kor["reporter"] == "KOR"].set_index("year")["total"]
    trade_ratio = float(kor.loc[2019] / kor.loc[2010])
    kto = arrivals[arrivals["source_kind"] == "KTO monthly tables (sum)"].set_index("year")["arrivals"]
    first_year = int(kto.index.min())
    arrivals_ratio = float(kto.loc[2019] / kto.loc[first_year])
    return {
        "breaks": len(breaks), "break_events": [f"{r.event} ({r.date})" for r in breaks.sort_values(["date", "event"]).itertuples()],
        "leader_meetings": len(leaders), "decades": decades,
        "trade_ratio": trade_ratio, "arrivals_ratio": arrivals_ratio, "arrivals_first_year": first_year,
        "continuity": breaks.empty, "summits_each_decade": {1990, 2000, 2010} <= set(decades),
        "exchange_grew": trade_ratio > 1 and arrivals_ratio > 1,
    }


# ------------------------------------------------------------------------------ the dated strip


def _iso_day(date: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as a day (the 1st of the month or year where only those are known)."""
    parts = str(date).split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def policy_steps(sanctions: pd.DataFrame, events: pd.DataFrame, votes: pd.DataFrame, vetoes: pd.DataFrame,
                 visa: pd.Series) -> pd.DataFrame:
    """Dated steps from 2019 for the strip chart: date, lane, what, fits, table.

    ``sanctions`` and ``events``: tables sanctions_measures and events_korea_russia; ``votes``, ``vetoes``
    and ``visa``: shaped like ``ukraine_votes``, ``russian_vetoes`` and ``visa_latest``.
    Seoul's own measures and Moscow's countermeasures after the invasion fit the scenario; Seoul's yes on a
    punitive Ukraine text fits the scenario, on another text either case (Seoul voted yes in 2014 too);
    the latest visa snapshot fits the case its rule gives; the rest is context.
    """
    rows = []
    s = sanctions[sanctions["date"] >= str(f.BASE_YEAR)]
    for r in s.itertuples(index=False):
        fits = "fits the scenario" if r.date >= INVASION_DATE else "context"
        rows.append((r.date, r.actor, r.summary, fits, "sanctions_measures"))
    e = events[(events["date"] >= str(f.BASE_YEAR)) & ~events["event"].str.contains(r"export|unfriendly|items",
                                                                                    case=False)]
    for r in e.itertuples(index=False):
        treaty = bool(re.search(r"treaty", r.event, re.I))
        rows.append((r.date, "Moscow" if treaty else "Context", r.event,
                     "fits the scenario" if treaty and r.date >= ARTICLE_DATE else "context", "events_korea_russia"))
    for r in votes[votes["after_invasion"]].itertuples(index=False):
        if r.kor == "yes":
            fits = "fits the scenario" if r.punitive else "fits either case"
            rows.append((r.date, "General Assembly votes", f"South Korea votes yes: {r.title}", fits, "unga_key_votes"))
        if r.usa in f.VOTED and r.usa != "yes":
            rows.append((r.date, "Washington", f"The U.S. votes {r.usa}: {r.title}", "context", "unga_key_votes"))
    for r in vetoes.itertuples(index=False):
        rows.append((r.date, "Security Council", f"Russia vetoes draft {r.symbol} on North Korea",
                     "fits the scenario", "unsc_dprk_record"))
    fits = {f.BASE: "fits the base case", f.SCENARIO: "fits the scenario"}[f.classify_visa({"RU->KR": visa["entry"]})]
    rows.append((visa["snapshot_date"], "Seoul", f"Passport Index: Russians enter South Korea with {visa['entry']}",
                 fits, "visa_free_russia"))
    out = pd.DataFrame(rows, columns=["date", "lane", "what", "fits", "table"])
    out["date"] = out["date"].map(_iso_day)
    return out.sort_values(["date", "lane"]).reset_index(drop=True)
