"""Verdicts on the article's claims, decided by code and shown by the chapters.

Each testable claim has one function here (registered with ``@claim``) that computes its verdict
from the derived tables. A chapter shows the verdict with ``show(claim_id)``; the claims register
collects every verdict with ``collect()``. Because both call the same function, the chapter and the
register cannot disagree, and a changed computation changes both.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass
from typing import Callable

VERDICTS = ("supported", "partly supported", "contradicted", "not testable with open data")
KINDS = ("fact", "causal", "interpretation", "forecast")
BADGE_COLOURS = {
    "supported": "#0b6e4f",
    "partly supported": "#8a5a00",
    "contradicted": "#a4161a",
    "not testable with open data": "#4a4f57",
}


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    paragraph: int
    claim: str
    kind: str
    verdict: str
    reason: str
    chapter: str
    section: str

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"{self.claim_id}: verdict {self.verdict!r} is not one of {VERDICTS}")
        if self.kind not in KINDS:
            raise ValueError(f"{self.claim_id}: kind {self.kind!r} is not one of {KINDS}")
        if not 1 <= self.paragraph <= 20:
            raise ValueError(f"{self.claim_id}: paragraph {self.paragraph} is outside ¶1-¶20")
        if not self.reason.strip():
            raise ValueError(f"{self.claim_id}: a verdict needs a reason")

    def as_dict(self) -> dict:
        return asdict(self)

    def _repr_html_(self) -> str:
        colour = BADGE_COLOURS[self.verdict]
        return (
            f'<div class="da-verdict" data-claim="{self.claim_id}" data-verdict="{self.verdict}">'
            f'<p><span class="da-verdict-badge" style="background:{colour}">{html.escape(self.verdict)}</span> '
            f"<strong>¶{self.paragraph}</strong> {html.escape(self.claim)}</p>"
            f"<p>{html.escape(self.reason)}</p></div>"
        )

    def _repr_markdown_(self) -> str:  # for the PDF edition and plain notebook front-ends
        return f"**¶{self.paragraph} — {self.verdict}.** {self.claim}\n\n{self.reason}"


@dataclass(frozen=True)
class Claim:
    claim_id: str
    paragraph: int
    claim: str
    kind: str
    chapter: str
    section: str
    decide: Callable[[], tuple[str, str]]


REGISTRY: dict[str, Claim] = {}


def claim(claim_id: str, *, paragraph: int, text: str, kind: str, chapter: str, section: str):
    """Register the function that decides a claim; it returns (verdict, reason)."""

    def register(func: Callable[[], tuple[str, str]]):
        if claim_id in REGISTRY:
            raise ValueError(f"claim {claim_id} registered twice")
        REGISTRY[claim_id] = Claim(claim_id, paragraph, text, kind, chapter, section, func)
        return func

    return register


def _load_all() -> None:
    # importing a chapter's claims module registers its claims
    from .analysis import (  # noqa: F401
        alliance_claims,
        forecast_claims,
        north_korea_claims,
        people_claims,
        trade_claims,
    )


def evaluate(claim_id: str) -> Verdict:
    _load_all()
    c = REGISTRY[claim_id]
    verdict, reason = c.decide()
    return Verdict(c.claim_id, c.paragraph, c.claim, c.kind, verdict, reason, c.chapter, c.section)


def show(claim_id: str) -> Verdict:
    """The verdict, displayed as a badge with its reason in the chapter."""
    return evaluate(claim_id)


def collect() -> list[Verdict]:
    _load_all()
    return [evaluate(cid) for cid in sorted(REGISTRY, key=lambda k: (REGISTRY[k].paragraph, k))]
