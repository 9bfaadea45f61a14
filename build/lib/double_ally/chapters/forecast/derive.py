"""Event tables: the dated timeline of Korea-Russia relations, one source page per row."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from double_ally.core import sources
from double_ally.core.pages import replace_weak

# Our paraphrases of the page facts added to the timeline, keyed by fact_id (facts.yaml).
FACTS = yaml.safe_load(Path(__file__).with_name("facts.yaml").read_text(encoding="utf-8"))
LEADING_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)")
PRECISION = {10: "exact", 7: "month", 4: "year"}

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
    out["source_fact_id"] = out["source_fact_id"].astype(str)
    out = replace_weak(pd.concat([out, _additions()], ignore_index=True), "source_url", "source_publisher")
    order = out["source_fact_id"].map(lambda i: (0, int(i), "") if i.isdigit() else (1, 0, i))
    return out.assign(_order=order).sort_values(["date", "_order"]).drop(columns="_order").reset_index(drop=True)


def _additions() -> pd.DataFrame:
    """The events of facts.yaml, dated from each page fact's date_or_period (its first date)."""
    facts = pd.read_csv(sources.require("page_facts_wave4"), dtype="string").set_index("fact_id")
    rows = []
    for item in FACTS["timeline_additions"]:
        fact = facts.loc[item["fact_id"]]
        found = LEADING_DATE.match(fact["date_or_period"])
        if not found:
            raise ValueError(f"page fact {item['fact_id']}: no date at the start of {fact['date_or_period']!r}")
        date = found.group(1)
        rows.append({"date": date, "date_precision": PRECISION[len(date)], "event": item["event"],
                     "source_publisher": fact["source_publisher"], "source_url": fact["source_url"],
                     "source_fact_id": item["fact_id"]})
    return pd.DataFrame(rows)


