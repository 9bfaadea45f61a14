"""The alliance chapter's parameters cell: changing the decade and re-running the notebook changes the verdicts of
¶1 and ¶3, their reasons and the prose figures consistently (one execution of the notebook, about a minute)."""

import html
import re

import jupytext
import nbformat
from nbclient import NotebookClient

from double_ally import chapters
from double_ally.chapters.alliance import rules
from double_ally.core.paths import ROOT

CHAPTER = ROOT / "book" / "alliance.md"
NEW_DECADE = (2012, 2019)


def parameters_cell(nb):
    cells = [c for c in nb.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "the chapter has exactly one parameters cell"
    return cells[0]


def verdict_html(nb, claim_id: str) -> str:
    """The HTML a verdict cell displayed."""
    for c in nb.cells:
        if c.cell_type == "code" and f'verdicts.show("{claim_id}"' in c.source:
            return "".join(o["data"]["text/html"] for o in c.outputs if "text/html" in o.get("data", {}))
    raise AssertionError(f"no verdict cell for {claim_id}")


def test_the_parameters_cell_takes_its_values_from_the_rules_and_is_shown():
    cell = parameters_cell(jupytext.read(CHAPTER))
    assert "remove-input" not in cell.metadata.get("tags", [])            # a reader sees it
    for name, constant in (("DECADE", "DECADE"), ("VOTES", "VOTES"), ("MEASURE", "MEASURE")):
        assert re.search(rf"^{name} = rules\.{constant}\b", cell.source, re.M)  # never typed twice
    assert all(len(line) <= 100 for line in cell.source.splitlines())


def test_changing_the_decade_changes_the_verdict_reasons_of_p1_and_p3():
    assert rules.DECADE != NEW_DECADE
    primary = {c: chapters.evaluate(c).reason for c in ("p01-both", "p03-alliance")}
    old = f"all roll calls of {rules.DECADE[0]}-{rules.DECADE[1]}"
    new = f"all roll calls of {NEW_DECADE[0]}-{NEW_DECADE[1]}"
    assert old in primary["p01-both"] and new not in primary["p01-both"]

    nb = jupytext.read(CHAPTER)
    cell = parameters_cell(nb)
    cell.source, n = re.subn(r"^DECADE = rules\.DECADE\b", f"DECADE = {NEW_DECADE!r}", cell.source, flags=re.M)
    assert n == 1
    nb = nbformat.from_dict(nb)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "book")}}).execute()

    p1 = html.unescape(verdict_html(nb, "p01-both"))
    assert 'data-claim="p01-both"' in p1 and new in p1 and old not in p1
    # the important votes of the test start in the new first year too (the flag runs from before 2010)
    assert f"important votes of {NEW_DECADE[0]}-" in p1
    p3 = html.unescape(verdict_html(nb, "p03-alliance"))
    assert f"important votes of {NEW_DECADE[0]}-" in p3
    assert f"important votes of {rules.DECADE[0]}-" in primary["p03-alliance"]
    # the verdict the notebook shows is the rule's under the new decade, not the primary one
    verdict = chapters.evaluate("p01-both", decade=NEW_DECADE).verdict
    assert f'data-verdict="{verdict}"' in p1
