"""How robust a verdict is: its rule decided again under reasonable alternative definitions.

Each verdict has one check, a function in its chapter's ``robustness.py`` marked with ``checks``. It is
given the same tables as the rule and returns the alternatives it tried, each an ``Alternative``: what
changes against the primary definition (``label``), the verdict the rule gives then, and the computed
figure that decides it (``detail``). Alternatives are decided by code, never written by hand: a check
runs the chapter's rule (or the part of it that changes) with another record, another treatment of
abstentions, another indicator set, the evidence as it stood on the article's date, and so on.

``assess`` turns a check's alternatives into a ``Robustness``: **robust** if no alternative gives
another verdict, **fragile** (naming the alternatives that do) otherwise. A check must try at least one
alternative, so that every verdict in the register has a robustness entry that means something.
``Robustness`` displays itself as the block a chapter shows under each verdict: the primary definition
first, then every alternative with the verdict it gives.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Callable

from double_ally.core import text
from double_ally.core.verdicts import BADGE_COLOURS, VERDICTS

KINDS = {
    "definition": "another definition of a term the rule uses",
    "records": "another record of the same quantity (e.g. partners' records)",
    "uncertainty": "the comparison with its uncertainty (an interval, a margin of error)",
    "comparison": "the same test for other countries, or a placebo that must not pass",
    "indicators": "another set of indicators (one left out, or a narrower reading)",
    "as of the article": "only the evidence available on the article's date (15 July 2021)",
}


@dataclass(frozen=True)
class Alternative:
    """One alternative the check tried and the verdict the rule gives under it."""

    label: str
    verdict: str
    detail: str = ""
    kind: str = "definition"

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"alternative {self.label!r}: verdict {self.verdict!r} is not one of {VERDICTS}")
        if self.kind not in KINDS:
            raise ValueError(f"alternative {self.label!r}: kind {self.kind!r} is not one of {sorted(KINDS)}")
        if not self.label.strip():
            raise ValueError("an alternative needs a label")


@dataclass(frozen=True)
class Robustness:
    """A verdict, the primary definition it rests on, and the alternatives tried."""

    claim_id: str
    primary: str
    verdict: str
    alternatives: tuple[Alternative, ...] = field(default_factory=tuple)

    @property
    def flips(self) -> list[Alternative]:
        """The alternatives under which the rule gives another verdict."""
        return [a for a in self.alternatives if a.verdict != self.verdict]

    @property
    def status(self) -> str:
        return "fragile" if self.flips else "robust"

    @property
    def as_of_article(self) -> str | None:
        """The verdict on the evidence of the article's date, if the check tried it."""
        found = [a.verdict for a in self.alternatives if a.kind == "as of the article"]
        return found[0] if found else None

    def summary(self) -> str:
        """The register's entry: 'robust (n alternatives)' or 'fragile: label -> verdict; ...'."""
        n = len(self.alternatives)
        if not self.flips:
            return f"robust ({n} alternative{'s' if n != 1 else ''} tried, none changes the verdict)"
        flips = "; ".join(f"{a.label} -> {a.verdict}" for a in self.flips)
        return f"fragile ({len(self.flips)} of {n}): {flips}"

    def _rows(self) -> list[list]:
        rows = [["primary: " + self.primary, self.verdict, "", ""]]
        for a in self.alternatives:
            rows.append([a.label, a.verdict, "changes the verdict" if a.verdict != self.verdict else "same",
                         a.detail])
        return rows

    def _repr_html_(self) -> str:
        body = []
        for i, (label, verdict, change, detail) in enumerate(self._rows()):
            badge = (f'<span class="da-verdict-badge" style="background:{BADGE_COLOURS[verdict]}">'
                     f"{html.escape(verdict)}</span>")
            cls = ' class="da-robust-primary"' if i == 0 else (' class="da-robust-flip"'
                                                                 if change == "changes the verdict" else "")
            body.append(f"<tr{cls}><td>{html.escape(label)}</td><td>{badge}</td><td>{html.escape(change)}</td>"
                        f"<td>{html.escape(detail)}</td></tr>")
        head = "".join(f'<th scope="col">{h}</th>' for h in ["definition", "verdict", "against the primary",
                                                              "what decides it"])
        return (f'<div class="da-robustness" data-claim="{html.escape(self.claim_id)}" '
                f'data-status="{self.status}"><p><strong>Robustness: {self.status}.</strong> '
                f"{html.escape(self.summary())}</p>"
                f'<table class="da-robustness-table"><thead><tr>{head}</tr></thead>'
                f'<tbody>{"".join(body)}</tbody></table></div>')

    def _repr_markdown_(self) -> str:
        return (f"**Robustness: {self.status}.** {text.md(self.summary())}\n\n"
                + text.table(["definition", "verdict", "against the primary", "what decides it"], self._rows()))


def assess(claim_id: str, primary: str, verdict: str, alternatives: list[Alternative]) -> Robustness:
    """The robustness of ``verdict`` given the ``alternatives`` its check tried (at least one)."""
    if not alternatives:
        raise ValueError(f"{claim_id}: a robustness check must try at least one alternative")
    if not primary.strip():
        raise ValueError(f"{claim_id}: a robustness check must state the primary definition")
    return Robustness(claim_id, primary, verdict, tuple(alternatives))


@dataclass(frozen=True)
class Check:
    """A chapter's robustness check of one claim: ``run(tables) -> list[Alternative]``."""

    claim_id: str
    primary: str
    run: Callable[..., list[Alternative]]


def checks(claim_id: str, *, primary: str):
    """Mark the function that tries a claim's alternatives. ``primary`` states the primary definition in a
    sentence, shown before the alternatives. ``double_ally.chapters.robustness_checks()`` finds marked
    functions in each chapter's ``robustness.py``."""

    def mark(func: Callable[..., list[Alternative]]):
        func.check = Check(claim_id, primary, func)
        return func

    return mark
