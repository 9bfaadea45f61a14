"""What the tables held on a date: each table cut to the rows dated up to it.

A row counts as known on ``cutoff`` if the whole period it reports had ended by then: a day on or before
it, a month or a year that had closed (an annual figure for 2021 was not known in July 2021). A row
whose date cannot be read is left out. ``forecast_as_of`` decides a forecast on the tables as they stood
on the article's date: if they hold nothing from the period the forecast is about, the verdict is
"not testable with open data", computed from the count, not written down; else the rule decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from double_ally.chapters.forecast import evidence as ev
from double_ally.core.citation import ARTICLE_DATE

NOT_TESTABLE = "not testable with open data"
# Every table the forecast chapter's rules read.
TABLES = ("events_korea_russia", "sanctions_measures", "unga_key_votes", "unsc_dprk_record", "visa_free_russia",
          "pew_favourability", "arrivals_russia_annual", "trade_kor_rus_bilateral", "trade_kor_rus_2021_2024",
          "trade_world_totals")
DATE_COLUMNS = ("date", "snapshot_date", "year", "period")
_DATE = re.compile(r"(19|20)\d{2}(-\d{2}(-\d{2})?)?")


def period_bounds(value) -> tuple[str, str] | None:
    """The first and last day of the period a date names ('2014' -> 2014-01-01, 2014-12-31; a range
    'a/b' runs from a's first day to b's last), as YYYY-MM-DD text; None if unreadable."""
    found = [m.group(0) for m in _DATE.finditer(str(value))]
    if not found:
        return None
    first, last = found[0], found[-1]
    return first + "-01" * (2 - first.count("-")), last + ("-12-31", "-31", "")[last.count("-")]


def dated(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the first and last day of each row's period (columns _from, _to)."""
    column = next((c for c in DATE_COLUMNS if c in frame.columns), None)
    if column is None:
        raise ValueError(f"no date column among {DATE_COLUMNS}: {list(frame.columns)}")
    bounds = frame[column].map(period_bounds)
    return frame.assign(_from=bounds.map(lambda b: b[0] if b else None), _to=bounds.map(lambda b: b[1] if b else None))


def truncate(t: Mapping, names: Iterable[str] = TABLES, cutoff: str = ARTICLE_DATE) -> dict[str, pd.DataFrame]:
    """The tables of ``t`` named in ``names`` (those that exist), each cut to the rows known on ``cutoff``;
    an optional table (``evidence.OPTIONAL``) with no row known by then is left out, as a missing one."""
    out = {}
    for name in names:
        frame = ev.table_or_none(t, name)
        if frame is None:
            continue
        d = dated(frame)
        kept = frame[d["_to"].notna() & (d["_to"] <= cutoff)].reset_index(drop=True)
        if len(kept) or name not in ev.OPTIONAL:  # an optional table with no row yet is as if missing
            out[name] = kept
    return out


def rows_after(tables: Mapping[str, pd.DataFrame], start: str = ARTICLE_DATE) -> int:
    """How many rows of ``tables`` report a period that begins after ``start``."""
    return sum(int((dated(frame)["_from"] > start).sum()) for frame in tables.values() if len(frame))


def forecast_as_of(t: Mapping, decide: Callable, cutoff: str = ARTICLE_DATE) -> tuple[str, str]:
    """A forecast decided on the evidence known on ``cutoff``: the rule, if the cut tables hold any row
    from after the article (the forecast's period); else 'not testable with open data'."""
    cut = truncate(t, TABLES, cutoff)
    later = rows_after(cut)
    kept = sum(len(frame) for frame in cut.values())
    if later == 0:
        return NOT_TESTABLE, f"{kept} rows known by {cutoff}, none from after the article: nothing to score yet"
    return decide(cut)[0], f"{kept} rows known by {cutoff}, {later} of them from after the article"


def records_mentioning(t: Mapping, pattern: str, names: Iterable[str], column: str,
                       before: str = ARTICLE_DATE) -> pd.DataFrame:
    """Rows of the tables ``names`` (those that exist) whose ``column`` text matches ``pattern`` and whose
    period ended before ``before``: what the tables record of a thing the article names."""
    hits = []
    for name in names:
        frame = ev.table_or_none(t, name)
        if frame is None or column not in frame.columns:
            continue
        d = dated(frame)
        keep = d["_to"].notna() & (d["_to"] < before) & frame[column].astype(str).str.contains(pattern, case=False)
        hits.append(frame.loc[keep, [column]].assign(table=name))
    return pd.concat(hits, ignore_index=True) if hits else pd.DataFrame(columns=[column, "table"])
