"""What changed since the version you cited: the claims register of each release against the next
release and against this build's (``data/claims.csv``), all computed from the registers themselves.

The registers of past releases are kept in ``book/releases/claims-<version>.csv`` (each taken from the
release's commit; see the README there). Between two registers, per claim id (the claim's anchor,
which stays the same across releases): the claims added and removed, the verdicts that changed (old
-> new), and the headline numbers that changed -- the numbers in the reason's text that one register
has and the other has not (``numbers``). Nothing here is typed: a new release only adds its CSV.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from double_ally.core import text
from double_ally.core.paths import BOOK_DIR, DATA_DIR

RELEASES_DIR = BOOK_DIR / "releases"
SNAPSHOT = re.compile(r"claims-(\d+)\.(\d+)\.(\d+)\.csv")
CURRENT = "this build"
# A number as a reader sees it: a minus sign only where it is not a range's dash ("2010-2019" is two
# numbers), a date (2018-07-04) one number, thousands separated by commas, decimals after a point.
NUMBER = re.compile(r"(?<![\w.,])(?:\d{4}-\d\d-\d\d(?!\d)|(?:-(?=\d))?\d+(?:,\d{3})*(?:\.\d+)?)")


def numbers(reason: str) -> list[str]:
    """The numbers in a reason's text, in order ("0.72", "2019", "-0.10", "1,234")."""
    return NUMBER.findall(str(reason))


def releases(folder: Path = RELEASES_DIR) -> list[tuple[str, Path]]:
    """The kept registers of past releases, oldest first: (version, path)."""
    found = [(tuple(int(x) for x in m.groups()), path) for path in folder.glob("claims-*.csv")
             if (m := SNAPSHOT.fullmatch(path.name))]
    return [(".".join(map(str, v)), path) for v, path in sorted(found)]


def read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


@dataclass
class Changes:
    """What differs between the register of ``old`` and that of ``new``."""

    old: str
    new: str
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    verdicts: list[dict] = field(default_factory=list)  # claim_id, paragraph, claim, was, now
    figures: list[dict] = field(default_factory=list)   # claim_id, paragraph, claim, was, now (numbers)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.verdicts or self.figures)


def _only_in(a: list[str], b: list[str]) -> list[str]:
    """The numbers of ``a`` that ``b`` does not have (counting repeats), in ``a``'s order."""
    spare = Counter(b)
    kept = []
    for n in a:
        if spare[n]:
            spare[n] -= 1
        else:
            kept.append(n)
    return kept


def compare(old: pd.DataFrame, new: pd.DataFrame, old_name: str = "old", new_name: str = "new") -> Changes:
    """Claims added and removed (by claim id), verdicts changed and reason numbers changed."""
    keys = ["claim_id", "paragraph", "claim"]
    changes = Changes(old_name, new_name)
    changes.added = new.loc[~new["claim_id"].isin(old["claim_id"]), keys + ["verdict"]].to_dict("records")
    changes.removed = old.loc[~old["claim_id"].isin(new["claim_id"]), keys + ["verdict"]].to_dict("records")
    both = old.merge(new, on="claim_id", suffixes=("_old", ""))
    for r in both.itertuples(index=False):
        ident = {"claim_id": r.claim_id, "paragraph": r.paragraph, "claim": r.claim}
        if r.verdict_old != r.verdict:
            changes.verdicts.append({**ident, "was": r.verdict_old, "now": r.verdict})
        was, now = numbers(r.reason_old), numbers(r.reason)
        gone, came = _only_in(was, now), _only_in(now, was)
        if gone or came:
            changes.figures.append({**ident, "was": gone, "now": came})
    return changes


def history(folder: Path = RELEASES_DIR, current: Path = DATA_DIR / "claims.csv") -> list[Changes]:
    """For each kept release, newest first: its changes to the next release (if any) and to this build."""
    kept = releases(folder)
    frames = {version: read(path) for version, path in kept}
    now = read(current)
    out = []
    for i in reversed(range(len(kept))):
        version = kept[i][0]
        if i + 1 < len(kept):
            following = kept[i + 1][0]
            out.append(compare(frames[version], frames[following], version, following))
        out.append(compare(frames[version], now, version, CURRENT))
    return out


def _claim(r: dict) -> text.Md:
    return text.Md(f"¶{text.md(r['paragraph'])} {text.md(r['claim'])} ({text.code(r['claim_id'])})")


def markdown(changes: Changes) -> text.Md:
    """One comparison as Markdown, every string from the registers escaped."""
    if not changes:
        return text.Md("No claim was added or removed, and no verdict or number in a reason changed.")
    parts = []
    if changes.verdicts:
        parts.append(text.table(["claim", "verdict was", "verdict now"],
                                [[_claim(r), r["was"], r["now"]] for r in changes.verdicts]))
    for label, rows in (("Claims added", changes.added), ("Claims removed", changes.removed)):
        if rows:
            parts.append(text.Md(f"**{label}:** " + "; ".join(f"{_claim(r)}, {text.md(r['verdict'])}" for r in rows)))
    if changes.figures:
        parts.append(text.table(["claim", "numbers only in the earlier reason", "numbers only in the later reason"],
                                [[_claim(r), ", ".join(r["was"]) or "—", ", ".join(r["now"]) or "—"]
                                 for r in changes.figures]))
    return text.Md("\n\n".join(parts))


def page(changes: list[Changes]) -> text.Md:
    """Every comparison under its own title ("From 0.2.0 to 0.3.0"), newest release first."""
    return text.Md("\n\n".join(f"**From {text.md(c.old)} to {text.md(c.new)}.**\n\n{markdown(c)}" for c in changes))
