"""The forecast chapter's dated records: the selections of the timeline, sanctions, vote and Council
tables that its indicators and verdicts read (Seoul's measures, Russia's listing, vetoes, the treaty, the
condition of ¶19). Every function takes frames shaped like the derived tables and loads nothing.
"""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.forecast import analysis as f
from double_ally.core.citation import ARTICLE_DATE  # the article's date, from CITATION.cff

INVASION_DATE = "2022-02-24"
LETHAL_REFUSAL_PATTERN = r"Seoul\b.*\bnot (?:supply|provide|send|deliver) lethal"
LETHAL_SUPPLY_PATTERN = r"Seoul\b.*\b(?:supplies|provides|sends|delivers) lethal"


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
