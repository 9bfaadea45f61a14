"""Event tables: the dated timeline of Korea-Russia relations, one source page per row."""

from __future__ import annotations

import pandas as pd

from .. import sources
from ..datapackage import Field, Source, Table

PAGES = Source(
    title="Dated events in Korea-Russia relations, from news, government and reference pages",
    publisher="Various (the publisher of each page is given per row)",
    path="see the source_url column, one page per row",
    bibkey="press_timeline",
    version="pages retrieved 2026",
)

PRECISIONS = ["exact", "month", "day_unknown", "year"]


def timeline() -> pd.DataFrame:
    raw = pd.read_csv(sources.require("timeline"), dtype="string")
    out = pd.DataFrame(
        {
            "date": raw["date"],
            "date_precision": raw["date_precision"],
            "event": raw["event_summary"],
            "source_publisher": raw["source_publisher"],
            "source_url": raw["source_url"],
            "source_fact_id": raw["fact_id"].astype(int),
        }
    )
    return out.sort_values(["date", "source_fact_id"]).reset_index(drop=True)


TABLES = [
    Table(
        name="events_korea_russia",
        title="Timeline of Korea-Russia relations, 1990-2024",
        description=(
            "Dated events (diplomatic relations, summits, the visa waiver, Crimea, THAAD, sanctions, "
            "the 'unfriendly' list, the Russia-DPRK treaty), each with the page that reports it. "
            "The event text is a one-line paraphrase; the page holds the quote."
        ),
        fields=(
            Field("date", "string", "Date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD",
                  constraints={"pattern": r"(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"}),
            Field("date_precision", "string", "How precise the date is", constraints={"enum": PRECISIONS}),
            Field("event", "string", "What happened, in one line"),
            Field("source_publisher", "string", "Publisher of the page (mirrors and re-publishers say so)"),
            Field("source_url", "string", "Address of the page", constraints={"pattern": "https?://.+"}),
            Field("source_fact_id", "integer", "Row of the collected page facts the event comes from",
                  constraints={"minimum": 1}),
        ),
        primary_key=("date", "source_fact_id"),
        sources=(PAGES,),
        derive=timeline,
        figure_type="reported in press",
        caveats=(
            "Several pages are mirrors or re-publishers (Sputnik, UrduPoint, LiquiSearch); the publisher column says so.",
        ),
    )
]
