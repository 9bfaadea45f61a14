"""The North Korea chapter's parameters cell: change one definition, re-run the notebook, and the
verdict it feeds changes as the rule, worked by hand on the committed table, says it must."""

from __future__ import annotations

import html
import re
from pathlib import Path

import jupytext
import pandas as pd
from nbclient import NotebookClient

from double_ally import chapters
from double_ally.core.citation import ARTICLE_DATE

ROOT = Path(__file__).resolve().parents[3]
PRIMARY = "P13_UNTIL = rules.RECORD_UNTIL"


def _verdicts(nb, claim_id: str) -> list[tuple[str, str]]:
    """(verdict, reason) of every verdict block the executed notebook shows for ``claim_id``."""
    found = []
    pattern = (rf'<div class="da-verdict" data-claim="{re.escape(claim_id)}" data-verdict="([^"]+)">'
               r".*?</p><p>(.*?)</p></div>")
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            page = output.get("data", {}).get("text/html", "")
            found += [(html.unescape(v), html.unescape(r)) for v, r in re.findall(pattern, page, re.S)]
    return found


def test_the_council_record_cut_off_reaches_the_p13_verdict():
    # By hand, on the committed table: no draft on North Korea failed on Russia's vote by the article's
    # date, and Russia voted yes on every sanctions resolution by then -- so the rule, read on the
    # record up to that day, can only give "partly supported" (the failed draft is what "needed" asks).
    record = pd.read_csv(ROOT / "data" / "unsc_dprk_record.csv", dtype=str)
    by_then = record[record["date"] <= ARTICLE_DATE]
    assert not by_then["vetoed_by"].fillna("").str.contains("RUS").any()
    sanctions = by_then[by_then["action"].isin(["sanctions imposed", "sanctions strengthened"])]
    assert len(sanctions) and (sanctions["russia_vote"] == "yes").all()
    assert record["vetoed_by"].fillna("").str.contains("RUS").any()  # later vetoes: the primary differs
    assert chapters.evaluate("p13-unsc-vote").verdict == "supported"

    source = (ROOT / "book" / "north_korea.md").read_text(encoding="utf-8")
    assert source.count(PRIMARY) == 1, "the parameters cell no longer sets P13_UNTIL as expected"
    nb = jupytext.reads(source.replace(PRIMARY, f'P13_UNTIL = "{ARTICLE_DATE}"'), fmt="md:myst")
    parameters = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parameters) == 1 and "P13_UNTIL" in parameters[0].source
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(ROOT / "book")}}).execute()

    shown = _verdicts(nb, "p13-unsc-vote")
    assert len(shown) >= 2  # the section's verdict and the summary at the end
    for verdict, reason in shown:
        assert verdict == "partly supported"
        assert f"No draft on North Korea up to {ARTICLE_DATE} had failed on Russia's vote against" in reason
    # the other verdicts are untouched by this parameter
    assert {v for v, _ in _verdicts(nb, "p12-leverage")} == {chapters.evaluate("p12-leverage").verdict}
