"""The claims register: every registered verdict, one row per claim, collected from the chapters' code.

Nothing here decides a verdict. ``table()`` runs each chapter's registered decision function (as
``chapters.collect()`` does), so the register page, ``data/claims.csv`` and the chapters always show the
same verdict. Each row also says how robust the verdict is (``chapters.robustness``: the alternatives its
chapter's check tried, and which of them change it) and, where the check tried it, the verdict on the
evidence available on the article's date. It records which tables each rule read and gives, per verdict, the quality classes of the
pages those tables cite (``page_sources``); it then runs ``page_sources.check``, which raises if a verdict
rests only on mirrors that the sources offer a better page for, so the register page and the
``register`` command fail on it. ``python -m double_ally register`` rewrites ``data/claims.csv``; a test
checks that the committed file equals a fresh collection.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from double_ally import chapters
from double_ally.book import page_sources
from double_ally.core import text
from double_ally.core.verdicts import BADGE_COLOURS, VERDICTS
from double_ally.core.paths import DATA_DIR

CSV_NAME = "claims.csv"
COLUMNS = ["claim_id", "paragraph", "claim", "kind", "chapter", "section", "verdict", "reason", "page_sources",
           "robustness", "verdict_as_of_article"]
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def table() -> pd.DataFrame:
    """Every registered claim with its verdict and the classes of the pages its rule's tables cite, in
    paragraph order. Raises ``page_sources.PageSourceError`` (see ``page_sources.check``)."""
    frames = page_sources.frames()
    pages = page_sources.index(frames)
    rows, reads = [], {}
    for claim in chapters.claims().values():
        verdict, reads[claim.claim_id] = page_sources.evaluate(claim)
        robust = chapters.robustness(claim.claim_id, verdict=verdict)
        rows.append({**verdict.as_dict(),
                     "page_sources": page_sources.describe(page_sources.classes_read(reads[claim.claim_id], pages)),
                     "robustness": robust.summary(),
                     "verdict_as_of_article": robust.as_of_article or ""})
    page_sources.check(frames, reads, pages)
    return pd.DataFrame(rows, columns=COLUMNS)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write(path: Path = DATA_DIR / CSV_NAME) -> Path:
    from double_ally.core.derive import replace_file  # through a temporary file: never half-written

    replace_file(path, csv_bytes(table()))
    return path


def href(chapter: str, section: str, from_doc: str = "book/claims") -> str:
    """Relative link from the register page to the section of the chapter that shows the verdict."""
    if not SLUG.fullmatch(section):
        raise ValueError(f"section {section!r} is not a heading anchor (lowercase words joined by hyphens)")
    depth = from_doc.count("/")
    return "../" * depth + f"{chapter}.html#{section}"


def coverage(frame: pd.DataFrame, paragraphs: range = range(1, 21)) -> pd.DataFrame:
    """Per paragraph: how many claims the book tests, and their verdicts."""
    grouped = frame.groupby("paragraph")["verdict"].agg(lambda v: "; ".join(v))
    counts = frame.groupby("paragraph").size()
    return pd.DataFrame({
        "paragraph": list(paragraphs),
        "claims": [int(counts.get(p, 0)) for p in paragraphs],
        "verdicts": [grouped.get(p, "") for p in paragraphs],
    })


def robustness_counts(frame: pd.DataFrame) -> list[list]:
    """Per verdict (in the order of ``VERDICTS``): how many are robust and how many fragile."""
    status = frame["robustness"].str.split(" ").str[0]
    return [[v, int(((frame["verdict"] == v) & (status == "robust")).sum()),
             int(((frame["verdict"] == v) & (status == "fragile")).sum())]
            for v in VERDICTS if (frame["verdict"] == v).any()]


def html_table(frame: pd.DataFrame, from_doc: str = "book/claims") -> str:
    """The register as an HTML table with verdict badges and links to the chapters' sections."""
    rows = []
    for r in frame.itertuples(index=False):
        colour = BADGE_COLOURS[r.verdict]
        link = href(r.chapter, r.section, from_doc)
        rows.append(
            "<tr>"
            f"<td>¶{r.paragraph}</td>"
            f"<td>{html.escape(r.claim)}<br><code>{html.escape(r.claim_id)}</code></td>"
            f"<td>{html.escape(r.kind)}</td>"
            f'<td><span class="da-verdict-badge" style="background:{colour}">{html.escape(r.verdict)}</span></td>'
            f"<td>{html.escape(r.reason)}</td>"
            f"<td>{html.escape(r.page_sources)}</td>"
            f"<td>{html.escape(r.robustness)}</td>"
            f"<td>{html.escape(r.verdict_as_of_article or '—')}</td>"
            f'<td><a href="{html.escape(link)}">{html.escape(r.chapter.removeprefix("book/"))}</a></td>'
            "</tr>"
        )
    head = "".join(f'<th scope="col">{h}</th>' for h in [
        "¶", "claim (our words)", "kind", "verdict", "why", "pages its tables cite", "robustness",
        "verdict on July 2021 evidence", "tested in"])
    return (f'<div class="da-register"><table class="da-register-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


class View:
    """The register for display: HTML with badges and links in the web book, Markdown in the PDF."""

    def __init__(self, frame: pd.DataFrame, from_doc: str = "book/claims"):
        self.frame, self.from_doc = frame, from_doc

    def _repr_html_(self) -> str:
        return html_table(self.frame, self.from_doc)

    def _repr_markdown_(self) -> str:
        return text.table(["¶", "claim", "kind", "verdict", "why", "pages its tables cite", "robustness",
                           "verdict on July 2021 evidence"],
                          [[f"¶{r.paragraph}", r.claim, r.kind, text.Md(f"**{text.md(r.verdict)}**"), r.reason,
                            r.page_sources, r.robustness, r.verdict_as_of_article or "—"]
                           for r in self.frame.itertuples(index=False)])


if __name__ == "__main__":
    print(f"wrote {write()}")
