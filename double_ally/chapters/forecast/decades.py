"""¶2's three checks of the decades before the article, with the definitions they rest on as parameters.

``pre_2021_checks`` is the rule's measurement: which events count as a break (``breaks``), which as a
meeting of leaders (``leaders``), and the years that bound the growth of trade and travel (``end_year``
against ``trade_base``, and against the first KTO year). The defaults are the primary definitions; the
robustness check of ¶2 calls it with others.
"""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.trade.analysis import totals_by_reporter
from double_ally.core.citation import ARTICLE_DATE

LEADER_PATTERN = r"summit|visit|visits"
BREAK_PATTERN = r"sever|break|downgrad|expel|recall"
END_YEAR = 2019    # the last full year before the pandemic
TRADE_BASE = 2010  # the first year of the decade before it
DECADES = {1990, 2000, 2010}


def pre_2021_checks(events: pd.DataFrame, bilateral: pd.DataFrame, arrivals: pd.DataFrame, *,
                    breaks: str = BREAK_PATTERN, leaders: str = LEADER_PATTERN, end_year: int = END_YEAR,
                    trade_base: int = TRADE_BASE) -> dict:
    """The three checks of ¶2 and their results (tables events_korea_russia, trade_kor_rus_bilateral,
    arrivals_russia_annual): no break in the timeline, leaders meeting in each decade, trade and arrivals
    higher in ``end_year`` than at the start of the period."""
    before = events[events["date"] < ARTICLE_DATE]
    broke = before[before["event"].str.contains(breaks, case=False)]
    met = before[before["event"].str.contains(leaders, case=False)]
    decades = sorted({int(d[:3]) * 10 for d in met["date"]})
    kor = totals_by_reporter(bilateral)
    kor = kor[kor["reporter"] == "KOR"].set_index("year")["total"]
    trade_ratio = float(kor.loc[end_year] / kor.loc[trade_base])
    kto = arrivals[arrivals["source_kind"] == "KTO monthly tables (sum)"].set_index("year")["arrivals"]
    first_year = int(kto.index.min())
    arrivals_ratio = float(kto.loc[end_year] / kto.loc[first_year])
    return {
        "breaks": len(broke),
        "break_events": [f"{r.event} ({r.date})" for r in broke.sort_values(["date", "event"]).itertuples()],
        "leader_meetings": len(met), "decades": decades,
        "trade_ratio": trade_ratio, "arrivals_ratio": arrivals_ratio, "arrivals_first_year": first_year,
        "continuity": broke.empty, "summits_each_decade": DECADES <= set(decades),
        "exchange_grew": trade_ratio > 1 and arrivals_ratio > 1,
    }
