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
from double_ally.book import claim_review, page_sources
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


class StaleRegister(RuntimeError):
    """data/claims.csv is not what the chapters' rules decide now."""


def committed(path: Path = DATA_DIR / CSV_NAME) -> pd.DataFrame:
    """The register as committed in ``data/claims.csv`` (the landing page reads it; the register page
    checks it against a fresh collection with ``check_committed``)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False).astype({"paragraph": int})


def check_committed(frame: pd.DataFrame, path: Path = DATA_DIR / CSV_NAME) -> None:
    """Raise ``StaleRegister`` if the committed register differs from ``frame`` (a fresh collection), so
    that no page shows verdicts other than the chapters'."""
    if path.read_bytes() != csv_bytes(frame):
        raise StaleRegister(f"{path.name} differs from the verdicts the chapters decide now: run "
                            "`python -m double_ally register` and commit the file")


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


SENTENCE_END = re.compile(r"(?<=[a-z0-9)%])\. (?=[A-Z])")


def first_sentence(reason: str) -> str:
    """The reason's first sentence (a full stop after a lower-case letter, digit, bracket or per cent sign,
    then a capital: abbreviations such as 'U.S.' do not end it)."""
    return SENTENCE_END.split(reason.strip(), maxsplit=1)[0].rstrip(".") + "."


def bottom_line(frame: pd.DataFrame) -> dict[str, int]:
    """The landing page's counts: claims by verdict; of the testable claims about the past (facts, causes,
    interpretations) and of the forecasts, how many are supported or partly supported; robust and fragile."""
    testable = frame[frame["verdict"] != "not testable with open data"]
    held = testable["verdict"].isin(["supported", "partly supported"])
    forecast = testable["kind"] == "forecast"
    status = frame["robustness"].str.split(" ").str[0]
    counts = frame["verdict"].value_counts()
    return {
        "bl_n": len(frame),
        "bl_supported": int(counts.get("supported", 0)),
        "bl_partly": int(counts.get("partly supported", 0)),
        "bl_contradicted": int(counts.get("contradicted", 0)),
        "bl_untestable": int(counts.get("not testable with open data", 0)),
        "bl_past_tested": int((~forecast).sum()),
        "bl_past_held": int((held & ~forecast).sum()),
        "bl_forecast_tested": int(forecast.sum()),
        "bl_forecast_held": int((held & forecast).sum()),
        "bl_robust": int((status == "robust").sum()),
        "bl_fragile": int((status == "fragile").sum()),
    }


class Strip:
    """The verdict strip of the landing page: per claim, its ¶, verdict (colour and word), the claim in
    our words, the reason's first sentence and a link to the evidence."""

    def __init__(self, frame: pd.DataFrame, from_doc: str = "book/intro"):  # the root page: book/intro.md
        self.frame, self.from_doc = frame, from_doc

    def _repr_html_(self) -> str:
        items = []
        for r in self.frame.itertuples(index=False):
            link = href(r.chapter, r.section, self.from_doc)
            items.append(
                f'<li class="da-strip-item" data-verdict="{html.escape(r.verdict)}">'
                f'<span class="da-verdict-badge" style="background:{BADGE_COLOURS[r.verdict]}">'
                f"{html.escape(r.verdict)}</span> <strong>¶{r.paragraph}</strong> "
                f'<a href="{html.escape(link)}">{html.escape(r.claim)}</a>'
                f'<span class="da-strip-why">{html.escape(first_sentence(r.reason))}</span></li>')
        return f'<ol class="da-strip" aria-label="Verdict on each claim">{"".join(items)}</ol>'

    def _repr_markdown_(self) -> str:
        return "\n".join(f"- **¶{r.paragraph} — {text.md(r.verdict)}.** {text.md(r.claim)} "
                         f"{text.md(first_sentence(r.reason))}" for r in self.frame.itertuples(index=False))


def chapter_strip(chapter: str) -> Strip:
    """The verdicts a chapter decides, as a strip for the top of that chapter (from ``data/claims.csv``,
    which the register page checks against the rules)."""
    frame = committed()
    mine = frame[frame["chapter"] == chapter]
    if mine.empty:
        raise KeyError(f"no claim of the register is tested in {chapter!r}")
    return Strip(mine, from_doc=chapter)


FILTERS = (("verdict", "Verdict"), ("kind", "Kind"), ("chapter", "Chapter"))


def _chapter_name(chapter: str) -> str:
    return chapter.removeprefix("book/").replace("_", " ")


def _filters(frame: pd.DataFrame) -> str:
    """Filters by verdict, kind and chapter (``book/_static/register.js`` shows and runs them; without
    scripts they stay hidden and every claim is shown)."""
    selects = []
    for key, label in FILTERS:
        values = (frame["chapter"].map(_chapter_name) if key == "chapter" else frame[key]).drop_duplicates()
        options = "".join(f'<option value="{html.escape(v)}">{html.escape(v)}</option>' for v in values)
        selects.append(f'<label>{label} <select data-filter="{key}"><option value="">all</option>{options}'
                       "</select></label>")
    return (f'<form class="da-register-filters" hidden>{"".join(selects)}'
            '<output class="da-register-count" aria-live="polite"></output></form>')


def html_table(frame: pd.DataFrame, from_doc: str = "book/claims") -> str:
    """The register as one block per claim: the verdict first (badge with its word), the claim in our
    words with its ¶ and kind, the reason in full, then robustness, the verdict on July 2021 evidence, the
    pages cited, a link to the evidence, the "Cite this claim" line and the claim's schema.org
    ``ClaimReview`` (``claim_review``). The claim id is the block's anchor, not text."""
    rows = []
    for r in frame.itertuples(index=False):
        colour = BADGE_COLOURS[r.verdict]
        link = href(r.chapter, r.section, from_doc)
        chapter = _chapter_name(r.chapter)
        as_of = r.verdict_as_of_article or "—"
        rows.append(
            f'<article class="da-claim" id="{html.escape(r.claim_id)}" data-verdict="{html.escape(r.verdict)}" '
            f'data-kind="{html.escape(r.kind)}" data-chapter="{html.escape(chapter)}">'
            f'<p class="da-claim-head"><span class="da-verdict-badge" style="background:{colour}">'
            f"{html.escape(r.verdict)}</span> <strong>¶{r.paragraph}</strong> "
            f'<span class="da-claim-kind">{html.escape(r.kind)}</span></p>'
            f'<p class="da-claim-text">{html.escape(r.claim)}</p>'
            f'<p class="da-claim-why">{html.escape(r.reason)}</p>'
            f'<p class="da-claim-meta"><strong>Robustness:</strong> {html.escape(r.robustness)}<br>'
            f"<strong>On July 2021 evidence:</strong> {html.escape(as_of)}</p>"
            f'<p class="da-claim-link"><a href="{html.escape(link)}">The evidence, in the {html.escape(chapter)} '
            f'chapter</a> · <a class="da-claim-anchor" href="#{html.escape(r.claim_id)}">link to this claim</a></p>'
            '<details class="da-claim-more"><summary>Pages cited and how to cite this claim</summary>'
            f'<p class="da-claim-pages"><strong>Pages its tables cite:</strong> {html.escape(r.page_sources)}</p>'
            f"{claim_review.cite_line(r)}</details>{claim_review.review_script(r)}</article>"
        )
    return (f'<div class="da-register" role="region" aria-label="The claims register" tabindex="0">'
            f'{_filters(frame)}{"".join(rows)}</div>')


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
