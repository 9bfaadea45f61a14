"""What the tables hold on the motives ¶11 names: rows of free text that state an actor's hope, aim or
motive. Pure functions on frames shaped like the derived tables (a text column per table)."""

from __future__ import annotations

import re

import pandas as pd

# The tables with free text the chapter reads, and the column holding it.
TEXT_COLUMNS = {"six_party_talks": "fact", "events_korea_russia": "event", "dprk_projects_timeline": "event"}
ACTORS = {"Seoul": r"\b(?:Seoul|South Korea|South Korean|Moon Jae-in|Roh|Lee Myung-bak|Park Geun-hye)\b",
          "Moscow": r"\b(?:Moscow|Russia|Russian|Putin|Medvedev|Kremlin)\b"}
# Words that state a wish or a reason rather than an act.
MOTIVE = r"\b(?:hopes?|hoped|motives?|motivated|aims?|aimed|intends?|intention|seeks?|sought|wants?|goals?|prestige)\b"


def stated_motives(tables, actor: str) -> pd.DataFrame:
    """The rows of the text tables that name ``actor`` ("Seoul" or "Moscow") and state a hope, aim or
    motive, with columns table and text (empty if none)."""
    rows = []
    for name, column in TEXT_COLUMNS.items():
        frame = tables[name]
        texts = frame[column].dropna().astype(str)
        hit = texts.str.contains(ACTORS[actor], flags=re.I) & texts.str.contains(MOTIVE, flags=re.I)
        rows += [{"table": name, "text": s} for s in texts[hit]]
    return pd.DataFrame(rows, columns=["table", "text"])


def rows_read(tables) -> int:
    """How many rows of free text the search reads."""
    return sum(int(tables[name][column].notna().sum()) for name, column in TEXT_COLUMNS.items())
