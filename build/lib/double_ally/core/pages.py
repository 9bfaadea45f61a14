"""Better pages for facts the tables had from weak ones: ``replace_weak(frame, url_col, publisher_col)``.

The raw file ``page_source_replacements.csv`` (key ``page_source_replacements`` in ``core/raw.yaml``) lists,
for each weak page (a scraped copy, an aggregator), better pages that state the facts it stated, each with
its publisher and an exact quote. A weak page often stated several facts, so ``page_replacements.yaml``
beside this module says which of those rows states the fact of which derived row (``use``), or why a row
keeps its page (``keep``).

A chapter's derive passes each table whose rows cite pages through ``replace_weak``: a row picked by a
``use`` entry gets the better page's address and publisher, and its quote where the table keeps one. Our
paraphrase and every other column stay as they were. ``pending`` needs no raw file: the rows of a table
that still cite a weak page an entry replaces (the build checks the committed tables with it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

DECISIONS = Path(__file__).with_name("page_replacements.yaml")
RAW_KEY = "page_source_replacements"
COLUMNS = ["weak_url", "fact", "replacement_url", "replacement_publisher", "quote", "date_or_period", "note"]


class UndecidedPage(ValueError):
    """A row cites a weak page of the replacements file and no entry of page_replacements.yaml picks it
    (or two do)."""


@dataclass(frozen=True)
class Decision:
    """One entry of ``page_replacements.yaml``: the rows it picks and the better page they get, or why not."""

    weak_url: str
    match: tuple[tuple[str, frozenset[str]], ...]
    use: str | None = None
    keep: str | None = None

    def applies_to(self, columns: Iterable[str]) -> bool:
        return {column for column, _ in self.match} <= set(columns)

    def picks(self, row: Mapping) -> bool:
        return all(str(row[column]) in values for column, values in self.match)


def _decision(entry: object, where: str) -> Decision:
    if not isinstance(entry, dict) or not {"weak_url", "match"} <= set(entry) or set(entry) - {
            "weak_url", "match", "use", "keep"}:
        raise ValueError(f"{where}: an entry has weak_url, match and either use or keep: {entry!r}")
    if ("use" in entry) == ("keep" in entry) or not str(entry.get("use") or entry.get("keep") or "").strip():
        raise ValueError(f"{where}: entry for {entry['weak_url']} needs exactly one of use (an address) or keep "
                         f"(a reason)")
    if not isinstance(entry["match"], dict):
        raise ValueError(f"{where}: match of {entry['weak_url']} is not a mapping of columns to values")
    match = tuple(sorted((str(column), frozenset(str(v) for v in (values if isinstance(values, list) else [values])))
                         for column, values in entry["match"].items()))
    return Decision(str(entry["weak_url"]), match, entry.get("use"), entry.get("keep"))


@lru_cache(maxsize=4)
def decisions(path: Path = DECISIONS) -> tuple[Decision, ...]:
    """The entries of ``page_replacements.yaml``, checked for form."""
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    if not isinstance(entries, list):
        raise ValueError(f"{Path(path).name}: expected a list of entries")
    return tuple(_decision(entry, Path(path).name) for entry in entries)


def replacements() -> pd.DataFrame:
    """The raw replacements file (weak page, fact, better page, its publisher, quote, date, note)."""
    from double_ally.core import sources

    table = pd.read_csv(sources.require(RAW_KEY), dtype="string", keep_default_na=False)
    if list(table.columns) != COLUMNS:
        raise ValueError(f"{RAW_KEY}: expected the columns {COLUMNS}, found {list(table.columns)}")
    return table


def better_page(decision: Decision, table: pd.DataFrame) -> pd.Series:
    """The one row of the replacements file that a ``use`` entry names (same weak page, its better page)."""
    rows = table[(table["weak_url"] == decision.weak_url) & (table["replacement_url"] == decision.use)]
    if len(rows) != 1:
        raise ValueError(f"{DECISIONS.name}: {len(rows)} rows of the replacements file give {decision.use} for "
                         f"{decision.weak_url} (expected one)")
    return rows.iloc[0]


def _picked(row: Mapping, url: object, columns, rules: Iterable[Decision]) -> list[Decision]:
    if not isinstance(url, str):  # no page (an empty cell)
        return []
    return [d for d in rules if d.weak_url == url and d.applies_to(columns) and d.picks(row)]


def replace_weak(frame: pd.DataFrame, url_col: str = "source_url", publisher_col: str | None = None,
                 quote_col: str | None = None, *, table: pd.DataFrame | None = None,
                 rules: Iterable[Decision] | None = None) -> pd.DataFrame:
    """``frame`` with every row that cites a weak page moved to the better page its entry names.

    ``table`` (the replacements file) and ``rules`` (the entries) default to the real ones. Raises
    ``UndecidedPage`` for a row citing a weak page of the file that no entry, or more than one, picks."""
    table = replacements() if table is None else table
    rules = decisions() if rules is None else tuple(rules)
    for decision in rules:  # every entry names a weak page of the file, and a better page listed for it
        if decision.weak_url not in set(table["weak_url"]):
            raise ValueError(f"{DECISIONS.name}: {decision.weak_url} is not a weak page of the replacements file")
        if decision.use is not None:
            better_page(decision, table)
    if not frame.index.is_unique:
        raise ValueError("replace_weak needs a frame whose index labels each row once")
    weak = set(table["weak_url"])
    out = frame.copy()
    for index, row in frame.iterrows():
        url = row[url_col]
        if not isinstance(url, str) or url not in weak:
            continue
        picked = _picked(row, url, frame.columns, rules)
        if len(picked) != 1:
            shown = {k: row[k] for k in frame.columns if k != url_col}
            raise UndecidedPage(f"a row cites the weak page {url} and {len(picked)} entries of {DECISIONS.name} pick "
                                f"it (expected one: use a better page, or keep it with a reason): {shown}")
        if picked[0].use is None:
            continue
        better = better_page(picked[0], table)
        out.at[index, url_col] = better["replacement_url"]
        if publisher_col is not None:
            out.at[index, publisher_col] = better["replacement_publisher"]
        if quote_col is not None:
            out.at[index, quote_col] = better["quote"]
    return out


def pending(frame: pd.DataFrame, url_col: str = "source_url",
            rules: Iterable[Decision] | None = None) -> pd.DataFrame:
    """The rows of ``frame`` that still cite a weak page which a ``use`` entry replaces for their fact."""
    rules = decisions() if rules is None else tuple(rules)
    if url_col not in frame.columns:
        return frame.iloc[0:0]
    keep = [any(d.use is not None for d in _picked(row, row[url_col], frame.columns, rules))
            for _, row in frame.iterrows()]
    return frame[keep]


def kept(url: str, rules: Iterable[Decision] | None = None) -> list[str]:
    """Why rows citing ``url`` keep it (the reasons of its ``keep`` entries)."""
    rules = decisions() if rules is None else tuple(rules)
    return [d.keep for d in rules if d.weak_url == url and d.keep]


def replaced(url: str, rules: Iterable[Decision] | None = None) -> bool:
    """Whether the sources offer a better page for some fact of the weak page ``url`` (a ``use`` entry)."""
    rules = decisions() if rules is None else tuple(rules)
    return any(d.weak_url == url and d.use is not None for d in rules)
