"""The dated strip of the forecast chapter: Seoul's, Moscow's and Washington's steps from 2019, each
marked with the forecast it fits (``policy_steps``, drawn by ``charts.events_strip``).
"""

from __future__ import annotations

import re

import pandas as pd

from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast.records import INVASION_DATE
from double_ally.core.citation import ARTICLE_DATE


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
