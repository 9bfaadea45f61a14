"""Event tables: the dated timeline of Korea-Russia relations, one source page per row."""

from __future__ import annotations

import pandas as pd

from double_ally.core import sources

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


