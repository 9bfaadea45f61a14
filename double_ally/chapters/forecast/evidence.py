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

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from double_ally.chapters.forecast import analysis as f
from double_ally.core.citation import ARTICLE_DATE  # noqa: F401 (the article's date, from CITATION.cff)
from double_ally.core.data import DataError, table_names
from double_ally.core.memo import same_frames
# The series, the dated records and the strip live in their own modules; their names are kept here too,
# so that ``evidence`` stays the one entry point of the chapter's notebook, rules and tests.
from double_ally.chapters.forecast.records import (  # noqa: F401
    INVASION_DATE, LETHAL_REFUSAL_PATTERN, LETHAL_SUPPLY_PATTERN, condition, condition_met_first_year, dated,
    lethal_aid, russian_vetoes, seoul_measures, treaty_events, unfriendly_listing, us_led_measures, visa_latest)
from double_ally.chapters.forecast.series import (  # noqa: F401
    PUNITIVE_PATTERN, arrivals_series, trade_series, ukraine_votes, views_series)
from double_ally.chapters.forecast.steps import policy_steps  # noqa: F401
from double_ally.chapters.forecast.decades import pre_2021_checks  # noqa: F401 (¶2, used by the chapter)

FLOW_LINES = (f.BASE_FLOOR, f.SCENARIO_CEILING)  # index lines: base case at or above the first, scenario at or below the second
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
    """The evidence for every indicator, from the tables in ``t`` (the only place it reads them).

    Every rule and robustness check of the chapter starts here, on the same tables (some fifty times
    for one page): the tables are read from ``t`` each time (a mapping that records its reads sees them
    all), and the evidence is computed once per set of frames (``core.memo.same_frames``)."""
    opt = tuple(table_or_none(t, name) for name in OPTIONAL)
    return evidence_from(t["events_korea_russia"], t["trade_kor_rus_bilateral"], t["trade_kor_rus_2021_2024"], opt)


@same_frames()
def evidence_from(events: pd.DataFrame, bilateral: pd.DataFrame, recent: pd.DataFrame,
                  optional: tuple[pd.DataFrame | None, ...]) -> Evidence:
    """The evidence from the tables themselves; ``optional`` holds the tables of ``OPTIONAL`` in order
    (None where one is missing)."""
    opt = dict(zip(OPTIONAL, optional))

    def maybe(func, name):
        return None if opt[name] is None else func(opt[name])

    return Evidence(
        trade=trade_series(bilateral, recent),
        arrivals=maybe(arrivals_series, "arrivals_russia_annual"),
        views=maybe(views_series, "pew_favourability"),
        votes=maybe(ukraine_votes, "unga_key_votes"),
        measures=seoul_measures(opt["sanctions_measures"], events),
        listing=unfriendly_listing(events),
        visa=maybe(visa_latest, "visa_free_russia"),
        vetoes=maybe(russian_vetoes, "unsc_dprk_record"),
        treaty=treaty_events(events),
    )


def observe_trade(trade: pd.DataFrame, lines: tuple[float, float] = FLOW_LINES) -> dict:
    exports = trade[trade["series"] == "exports"].set_index("year")
    latest = int(exports.index.max())
    idx = float(exports.loc[latest, "index"])
    total = trade[trade["series"] == "total"].set_index("year")
    last_total = int(total.index.max())
    return {"key": "trade", "outcome": f.classify_flow(idx, *lines), "value": idx, "period": str(latest),
            "observed": (f"exports {latest}: {idx:.0f} (2019 = 100); total trade {last_total}: "
                         f"{total.loc[last_total, 'index']:.0f}, the latest year with a Korean total")}


def observe_arrivals(arrivals: pd.DataFrame | None, lines: tuple[float, float] = FLOW_LINES) -> dict:
    if arrivals is None:
        return pending("arrivals", "arrivals_russia_annual")
    moj = arrivals[arrivals["series"] == "entrants (Ministry of Justice)"].set_index("year")
    latest = int(moj.index.max())
    idx = float(moj.loc[latest, "index"])
    kto = arrivals[arrivals["series"] == "arrivals (KTO)"].set_index("year")
    kto_text = (f"; KTO arrivals {int(kto.index.max())}: {kto.loc[kto.index.max(), 'index']:.0f}" if len(kto) > 1 else "")
    return {"key": "arrivals", "outcome": f.classify_flow(idx, *lines), "value": idx, "period": str(latest),
            "observed": f"entrants {latest}: {idx:.0f} (2019 = 100){kto_text}"}


def observe_views(views: pd.DataFrame | None, drop: float = f.VIEWS_SCENARIO_DROP) -> dict:
    if views is None:
        return pending("views", "pew_favourability")
    rus = views[views["target"] == "RUS"].set_index("year")["favourable_pct"]
    latest = int(rus.index.max())
    ref = float(rus.loc[f.BASE_YEAR])
    now = float(rus.loc[latest])
    return {"key": "views", "outcome": f.classify_views(now, ref, min(f.VIEWS_BASE_DROP, drop), drop), "value": now - ref, "period": str(latest),
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


def observations(e: Evidence, *, flow_lines: tuple[float, float] = FLOW_LINES,
                 views_drop: float = f.VIEWS_SCENARIO_DROP) -> pd.DataFrame:
    """One row per indicator, in the order of ``analysis.INDICATORS``: key, outcome, value, period,
    observed, indicator and part. ``flow_lines`` (base-case floor, scenario ceiling of the trade and
    visitor indices) and ``views_drop`` (the fall in points that marks the scenario) set the lines of
    the rules; the defaults are the pre-registered ones."""
    found = {
        "trade": observe_trade(e.trade, flow_lines), "arrivals": observe_arrivals(e.arrivals, flow_lines),
        "views": observe_views(e.views, views_drop),
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
