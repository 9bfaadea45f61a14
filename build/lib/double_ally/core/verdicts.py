"""The verdict types: ``Verdict``, ``Claim`` and the ``claim`` mark for a chapter's rule.

Each testable claim has one rule in its chapter's ``rules.py``, marked with ``@claim``: a function of
the tables it is given that returns (verdict, reason). ``double_ally.chapters`` finds the rules; a
chapter shows a verdict with ``chapters.show(claim_id)`` and the claims register collects them all
with ``chapters.collect()``. Because both run the same rule, the chapter and the register cannot
disagree.
"""

from __future__ import annotations

import html
import inspect
from dataclasses import asdict, dataclass
from typing import Callable

from double_ally.core.text import md

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
            f'<div class="da-verdict" data-claim="{html.escape(self.claim_id)}" data-verdict="{html.escape(self.verdict)}">'
            f'<p><span class="da-verdict-badge" style="background:{colour}">{html.escape(self.verdict)}</span> '
            f"<strong>¶{self.paragraph}</strong> {html.escape(self.claim)}</p>"
            f"<p>{html.escape(self.reason)}</p></div>"
        )

    def _repr_markdown_(self) -> str:  # for the PDF edition and plain notebook front-ends
        return f"**¶{self.paragraph} — {md(self.verdict)}.** {md(self.claim)}\n\n{md(self.reason)}"


class Tables(dict):
    """The tables a rule is given, by name: those passed in, and any other loaded (validated) on first
    use. A rule reads only from this mapping, so a test can hand it small made-up tables."""

    def __missing__(self, name: str):
        from double_ally.core.data import load

        self[name] = frame = load(name)
        return frame


class RecordingTables(Tables):
    """``Tables`` that remember the name of every table a rule asked for (``read``), given or loaded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.read: set[str] = set()

    def __getitem__(self, name: str):
        self.read.add(name)
        return super().__getitem__(name)


@dataclass(frozen=True)
class Claim:
    """A claim of the article and the rule that decides it: ``decide(tables) -> (verdict, reason)``."""

    claim_id: str
    paragraph: int
    claim: str
    kind: str
    chapter: str
    section: str
    decide: Callable[..., tuple[str, str]]

    def evaluate(self, given: dict | None = None) -> Verdict:
        """Run the rule on ``given`` tables (any table it needs and is not given is loaded)."""
        tables = given if isinstance(given, Tables) else Tables(given or {})
        takes_tables = bool(inspect.signature(self.decide).parameters)
        verdict, reason = self.decide(tables) if takes_tables else self.decide()
        return Verdict(self.claim_id, self.paragraph, self.claim, self.kind, verdict, reason,
                       self.chapter, self.section)


def claim(claim_id: str, *, paragraph: int, text: str, kind: str, chapter: str, section: str):
    """Mark the function that decides a claim; it returns (verdict, reason). Nothing is registered:
    ``double_ally.chapters.claims()`` finds marked functions in each chapter's ``rules.py``."""

    def mark(func: Callable[..., tuple[str, str]]):
        func.claim = Claim(claim_id, paragraph, text, kind, chapter, section, func)
        return func

    return mark
