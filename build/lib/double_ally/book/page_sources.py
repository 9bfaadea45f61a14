"""The pages the tables cite, by quality class: for the references, for each verdict, and for a check.

``frames()`` loads every derived table that cites pages; ``index(frames)`` lists their pages, one row per
address, with the class ``double_ally.core.page_classes`` gives it. A rule reads its tables through a
``Tables`` mapping, so ``evaluate(claim)`` runs it with one that records the names it read, and
``classes_read`` counts the pages of those tables by class: that count is what the register shows.

``check`` raises ``PageSourceError`` for two faults, and the register runs it, so the build fails on them:

1. a table row still cites a weak page that ``core/page_replacements.yaml`` replaces for its fact (its
   derivation did not pass the table through ``replace_weak``, or the data were not re-derived);
2. a verdict rests only on mirrors (every page of every table its rule read is a mirror) and the sources
   offer a better page for one of them.

Limits: a rule is known to read a table, not the rows of it that decide the verdict, so a verdict is
credited with every page of each table it read; one that rests on a table's few mirror rows while the
table also holds better pages is not caught by (2). A better page is known only where
``page_replacements.yaml`` names one, and the class of a page comes from rules on its host and publisher
text, not from reading it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

from double_ally.core import page_classes, pages, text
from double_ally.core.data import load, resource, table_names
from double_ally.core.verdicts import Claim, RecordingTables, Verdict

CLASSES = page_classes.CLASSES
NO_PAGES = "no pages (datasets only)"


class PageSourceError(ValueError):
    """A table still cites a weak page that has a better page, or a verdict rests only on mirrors although
    the sources offer a better page for one of them."""


def frames() -> dict[str, pd.DataFrame]:
    """Every derived table with a page column (a name ending in ``_url`` or ``_urls``), loaded and checked."""
    return {name: load(name) for name in table_names()
            if any(f["name"].endswith(("_url", "_urls")) for f in resource(name)["schema"]["fields"])}


def index(given: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """Every page the tables cite, once: url, host, publisher, source_class, tables."""
    return page_classes.index(frames() if given is None else given)


def evaluate(claim: Claim, given: Mapping[str, pd.DataFrame] | None = None) -> tuple[Verdict, set[str]]:
    """The claim's verdict and the names of the tables its rule read."""
    tables = RecordingTables(dict(given or {}))
    return claim.evaluate(tables), tables.read


def cited_by(read: Iterable[str], idx: pd.DataFrame) -> pd.DataFrame:
    """The pages of ``idx`` that any of the tables in ``read`` cites."""
    names = set(read)
    return idx[idx["tables"].map(lambda tables: bool(names & set(tables.split())))]


def classes_read(read: Iterable[str], idx: pd.DataFrame) -> Counter:
    """How many pages of each class the tables in ``read`` cite."""
    return Counter(cited_by(read, idx)["source_class"])


def describe(counts: Mapping[str, int]) -> str:
    """'3 primary; 12 agency or newspaper; 1 mirror', in the order of the classes."""
    return "; ".join(f"{counts[c]} {c}" for c in CLASSES if counts.get(c)) or NO_PAGES


def stale_rows(given: Mapping[str, pd.DataFrame], rules=None) -> list[str]:
    """A line for each row that still cites a weak page which ``page_replacements.yaml`` replaces."""
    return [f"{name}: a row cites {row[column]}, for whose fact the sources offer a better page"
            for name, frame in given.items() for column in page_classes.page_columns(frame)
            for _, row in pages.pending(frame, column, rules).iterrows()]


def mirror_only(reads: Mapping[str, Iterable[str]], idx: pd.DataFrame, rules=None) -> list[str]:
    """A line for each verdict whose tables cite only mirrors, one of which has a better page in the sources."""
    out = []
    for claim_id, read in reads.items():
        cited = cited_by(read, idx)
        better = [url for url in cited["url"] if pages.replaced(url, rules)]
        if len(cited) and (cited["source_class"] == "mirror").all() and better:
            out.append(f"{claim_id}: every page of the tables its rule reads is a mirror, and the sources offer "
                       f"a better page for {', '.join(better)}")
    return out


def check(given: Mapping[str, pd.DataFrame], reads: Mapping[str, Iterable[str]], idx: pd.DataFrame,
          rules=None) -> None:
    """Raise ``PageSourceError`` naming every stale row and every verdict resting only on replaceable mirrors
    (``rules``: the entries of ``page_replacements.yaml`` unless given)."""
    faults = stale_rows(given, rules) + mirror_only(reads, idx, rules)
    if faults:
        raise PageSourceError("pages to replace (see double_ally/core/page_replacements.yaml; re-derive with "
                              "python -m double_ally derive):\n  " + "\n  ".join(faults))


def meanings() -> text.Md:
    """What each class means (from ``core/page_classes.yaml``), as a Markdown list."""
    return text.Md("\n".join(f"- *{text.md(cls)}*: {text.md(words)}"
                             for cls, words in page_classes.rules().meanings.items()))


def references(idx: pd.DataFrame, source_class: str) -> text.Md:
    """The pages of one class as a Markdown table: page, publisher as the tables give it, tables citing it
    (for mirrors, also why a row keeps the page). Every string is escaped."""
    part = idx[idx["source_class"] == source_class]
    header = ["page", "publisher or cited source", "tables"]
    if source_class == "mirror":
        header.append("kept because")
    rows = []
    for r in part.itertuples(index=False):
        row = [text.link(r.host, r.url), r.publisher or "not given",
               text.Md(", ".join(text.code(name) for name in r.tables.split()))]
        if source_class == "mirror":
            row.append(" ".join(pages.kept(r.url)) or "no better page listed")
        rows.append(row)
    return text.table(header, rows) if rows else text.Md(text.md(f"No page of the class {source_class}."))
