"""The alliance chapter's tables for readers, each a ``core.display.ReaderTable`` with headers in words."""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.alliance import evidence as ev
from double_ally.chapters.alliance.uncertainty import signed
from double_ally.core.display import ReaderTable

KEY_VOTE_COUNTRIES = ["KOR", "USA", "JPN", "CHN", "RUS"]
EVIDENCE_HEADERS = {"date": "Date", "actor": "Who", "measure_type": "Kind of measure",
                    "summary": "What the page says (our paraphrase)", "source_publisher": "Source"}
INTERVAL_HEADERS = {"test": "Test", "comparison": "What is compared (roll calls; resolutions redrawn)",
                    "estimate": "Estimate", "interval": "95 % interval", "outcome": "Outcome"}


def intervals(t, **options) -> ReaderTable:
    """The vote comparisons behind the verdicts with their 95 % intervals (``ev.interval_table``'s options).
    One numeric column only, the estimate: the counts go with the comparison and the interval is one cell, so
    the table's words keep their room on a phone."""
    frame = ev.interval_table(t, **options)
    shown = pd.DataFrame({
        "test": frame["test"],
        "comparison": [f"{what} ({calls:,} roll calls; {n:,} resolutions)" for what, calls, n in
                       zip(frame["comparison"], frame["roll calls"], frame["resolutions"])],
        "estimate": frame["estimate"],
        "interval": [f"{signed(low)} to {signed(high)}" for low, high in zip(frame["95 % low"], frame["95 % high"])],
        "outcome": frame["outcome"],
    })
    return ReaderTable(shown, headers=INTERVAL_HEADERS, decimals={"estimate": 3})


def evidence(frame: pd.DataFrame, columns: list[str]) -> ReaderTable:
    """Page facts or measures, one row per page, every cell in full (``columns`` of ``frame``, in order)."""
    return ReaderTable(frame[columns], headers={c: EVIDENCE_HEADERS[c] for c in columns})


def key_votes(votes: pd.DataFrame) -> ReaderTable:
    """The Ukraine votes, one row per resolution in date order: the five countries' votes and the totals."""
    totals = votes[votes["country"] == "TOTAL"].set_index("vote_id")
    grid = votes[votes["country"] != "TOTAL"].pivot(index="vote_id", columns="country", values="vote")
    frame = grid.reindex(columns=KEY_VOTE_COUNTRIES)
    frame.insert(0, "date", votes.groupby("vote_id")["date"].first())
    counts = ["total_yes", "total_no", "total_abstain", "total_absent"]
    frame = frame.join(totals[counts]).sort_values("date").rename_axis("vote_id").reset_index()
    frame.columns.name = None
    names = {"KOR": "South Korea", "USA": "United States", "JPN": "Japan", "CHN": "China", "RUS": "Russia"}
    # short headers: a numeric header does not wrap, and long ones would squeeze the vote columns
    headers = {"vote_id": "Resolution", "date": "Date", **names, "total_yes": "Yes", "total_no": "No",
               "total_abstain": "Abst.", "total_absent": "Absent"}
    return ReaderTable(frame, headers=headers, caption="The votes of five countries, then the number of "
                       "members voting yes, no, abstaining (Abst.) and absent")
