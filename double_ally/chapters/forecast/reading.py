"""The forecast chapter's tables as readers see them: each frame the chapter shows, with headers in words
and units, through the book's one table style (``double_ally.core.display.ReaderTable``).

Nothing here computes a finding: each function only picks, orders and names the columns of a frame that
``evidence`` (or a derived table) already holds.
"""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.forecast import analysis as f
from double_ally.core.display import ReaderTable, country_name

INDEX = f"({f.BASE_YEAR} = 100)"


def _wide(frame: pd.DataFrame, columns: str, values: dict[str, str], names: dict[str, str]) -> pd.DataFrame:
    """One row per year, one column per series and value, headed "<series name> <value unit>"."""
    wide = frame.pivot_table(index="year", columns=columns, values=list(values)).astype(float)
    wide.columns = [f"{names[series]} {values[value]}" for value, series in wide.columns]
    ordered = [f"{names[s]} {values[v]}" for s in names for v in values if f"{names[s]} {values[v]}" in wide]
    out = wide[ordered].reset_index()
    return out.assign(year=out["year"].astype(int).astype(str))  # a year is a label: no thousands separator


def preregistration(indicators=f.INDICATORS) -> ReaderTable:
    return ReaderTable(f.preregistration_table(indicators),
                       caption="The indicators, what each forecast predicts and the rule, fixed before any result")


def trade(series: pd.DataFrame) -> ReaderTable:
    """``series``: ``evidence.trade_series``."""
    wide = _wide(series, "series", {"value_usd_m": "(US$ million)", "index": INDEX},
                 {"exports": "Exports", "total": "Total trade"})
    return ReaderTable(wide, headers={"year": "Year"},
                       decimals={c: (0 if c.endswith(INDEX) else 1) for c in wide.columns if c != "year"})


def arrivals(series: pd.DataFrame) -> ReaderTable:
    """``series``: ``evidence.arrivals_series``."""
    wide = _wide(series, "series", {"arrivals": "(people)", "index": INDEX},
                 {"entrants (Ministry of Justice)": "Justice Ministry entrants", "arrivals (KTO)": "KTO arrivals"})
    return ReaderTable(wide, headers={"year": "Year"},
                       decimals={c: 0 for c in wide.columns if c != "year"})


def views(series: pd.DataFrame) -> ReaderTable:
    """``series``: ``evidence.views_series`` (Pew, South Korean respondents)."""
    recent = series[series["year"] >= f.BASE_YEAR]
    wide = _wide(recent, "target", {"favourable_pct": "favourable (%)", "unfavourable_pct": "unfavourable (%)"},
                 {"RUS": "Russia:", "USA": "United States:"})
    return ReaderTable(wide, headers={"year": "Pew wave"}, decimals={c: 0 for c in wide.columns if c != "year"})


def sanctions(measures: pd.DataFrame) -> ReaderTable:
    """``measures``: table sanctions_measures."""
    return ReaderTable(measures[["date", "actor", "measure_type", "summary", "source_publisher"]],
                       headers={"measure_type": "Kind of measure", "source_publisher": "Source"})


def visa(snapshots: pd.DataFrame) -> ReaderTable:
    """``snapshots``: rows of table visa_free_russia for Russians entering South Korea."""
    return ReaderTable(snapshots[["snapshot_date", "requirement_as_written", "entry", "visa_free"]],
                       headers={"snapshot_date": "Passport Index snapshot", "requirement_as_written":
                                "Requirement as written", "entry": "Entry category", "visa_free": "Counted as no visa"})


def council(record: pd.DataFrame) -> ReaderTable:
    """``record``: table unsc_dprk_record."""
    shown = record[["date", "symbol", "outcome", "russia_vote", "china_vote", "usa_vote", "vetoed_by"]]
    names = shown["vetoed_by"].map(lambda codes: codes if not isinstance(codes, str) else
                                   ", ".join(country_name(c.strip()) for c in codes.split(",")))
    return ReaderTable(shown.assign(vetoed_by=names),
                       headers={"symbol": "Draft or resolution", "russia_vote": "Russia", "china_vote": "China",
                                "usa_vote": "United States", "vetoed_by": "Vetoed by"})


def dated_events(events: pd.DataFrame, source: bool = False) -> ReaderTable:
    """Rows of table events_korea_russia: date and event (and the publisher of the source page)."""
    columns = ["date", "event"] + (["source_publisher"] if source else [])
    return ReaderTable(events[columns], headers={"source_publisher": "Source"} if source else {})


def condition(cond: pd.DataFrame) -> ReaderTable:
    """``cond``: ``evidence.condition``."""
    return ReaderTable(cond.assign(year=cond["year"].astype(str)), headers={"texts": "Ukraine texts", "us_yes": "U.S. yes votes",
                                      "us_recorded": "U.S. votes recorded", "condition": "Condition of ¶19"})


def parts(counts_by_part: dict[str, dict[str, int]]) -> ReaderTable:
    """The tally of each half of ¶19's consequence (``counts_by_part``: part -> ``evidence.counts``)."""
    rows = [{"part of ¶19": part, "indicators scored": f.scored(c), "fit the scenario": c[f.SCENARIO],
             "fit the base case": c[f.BASE], "in between": c[f.BETWEEN]} for part, c in counts_by_part.items()]
    return ReaderTable(pd.DataFrame(rows))


def scorecard(card: pd.DataFrame) -> ReaderTable:
    """``card``: ``evidence.scorecard``."""
    return ReaderTable(card, caption="Each indicator: the two predictions, the observation and the case it fits")
