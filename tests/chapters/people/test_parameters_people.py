"""The people chapter's parameters cell: change one definition, re-run the notebook, and the verdict
and its reason follow the change."""

from __future__ import annotations

import html
import re
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient

from double_ally import chapters
from double_ally.chapters.people import rules

BOOK = Path(__file__).resolve().parents[3] / "book"
PRIMARY = "COMPARISON = rules.COMPARISON"
CHANGED = 'COMPARISON = ("JPN",)'


def verdict_outputs(nb, claim_id: str) -> list[str]:
    """The HTML of every output that shows the verdict on ``claim_id``."""
    out = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html", "")
            if f'data-claim="{claim_id}"' in page and "data-verdict=" in page:
                out.append(page)
    return out


def test_parameters_cell_is_read_from_rules():
    nb = jupytext.read(BOOK / "people.md")
    cells = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "the chapter has one parameters cell"
    source = cells[0].source
    for name in ("ALLY_CLASSES", "MAJORITY", "INTERVALS", "WINDOW", "COMPARISON"):
        assert f"{name} = rules.{name}" in source, f"{name} must come from rules.py, not be typed again"
    assert "remove-input" not in cells[0].metadata.get("tags", [])


def test_changing_the_comparison_changes_the_tourism_verdict():
    nb = jupytext.read(BOOK / "people.md")
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert PRIMARY in cell.source
    cell.source = cell.source.replace(PRIMARY, CHANGED)
    nb = nbformat.from_dict(nb)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(BOOK)}}).execute()
    shown = verdict_outputs(nb, "p07-tourism")
    assert shown, "the ¶7 verdict is shown"
    # the rule run directly with Japan alone, and with the primary three nationalities
    alone = chapters.evaluate("p07-tourism", against=("JPN",))
    primary = chapters.evaluate("p07-tourism")
    assert rules.COMPARISON != ("JPN",) and "Japan, the U.S. and China" in primary.reason
    assert alone.verdict != primary.verdict, "this change must move the verdict for the test to mean anything"
    for page in shown:
        verdict = re.search(r'data-verdict="([^"]+)"', page).group(1)
        assert verdict == alone.verdict
        text = html.unescape(page)
        assert "Relative to Japan, arrivals" in text       # the reason names the one comparison
        assert "Japan, the U.S. and China" not in text
    # the prose follows too: the glued comparison is Japan alone
    glued = [o for c in nb.cells for o in c.get("outputs", [])
             if o.get("metadata", {}).get("scrapbook", {}).get("name") == "ppl_es_against"]
    assert glued and "Japan" in str(glued[0]["data"]) and "China" not in str(glued[0]["data"])
