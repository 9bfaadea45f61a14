"""The forecast chapter's parameters cell: change the tally's line and re-run the notebook; the verdict
of ¶19 and its reason follow."""

import html
from pathlib import Path

import jupytext
from nbclient import NotebookClient

from double_ally.chapters.forecast import evidence as ev
from double_ally.chapters.forecast import rules
from double_ally.core.verdicts import Tables

BOOK = Path(__file__).resolve().parents[3] / "book"
PRIMARY_LINE = "SUPPORT_SHARE = rules.SUPPORT_SHARE"


def _verdict_html(nb, claim_id: str) -> str:
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            page = out.get("data", {}).get("text/html", "")
            if f'data-claim="{claim_id}"' in page:
                return page
    raise AssertionError(f"no output shows the verdict on {claim_id}")


def test_a_three_quarter_line_changes_the_verdict_on_p19_and_says_so():
    # The hand computation: on the committed tables, k of n scored indicators fit the scenario. With the line
    # at 3/4, 'supported' needs k >= 3n/4 and 'contradicted' k <= n/4; between them, 'partly supported'.
    counts = ev.counts(ev.observations(ev.gather(Tables())))
    k, n = counts["deterioration scenario"], sum(v for o, v in counts.items() if o != "pending")
    assert n / 4 < k < 3 * n / 4 and 3 * k >= 2 * n, "the test needs a tally supported at 2/3 only"
    assert rules.SUPPORT_SHARE == rules.f.SUPPORT_SHARE

    nb = jupytext.read(BOOK / "forecast.md")
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert cell.source.count(PRIMARY_LINE) == 1
    cell.source = cell.source.replace(PRIMARY_LINE, "from fractions import Fraction\nSUPPORT_SHARE = Fraction(3, 4)")
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(BOOK)}}).execute()

    page = html.unescape(_verdict_html(nb, "p19-scenario"))
    assert 'data-verdict="partly supported"' in page
    assert f"{k} of {n} scored indicators fit the scenario" in page
    assert "supported at 3/4 of them or more, contradicted at 1/4 or less" in page
    glued = [o for c in nb.cells for o in c.get("outputs", [])
             if "fc_share_text" in str(o.get("metadata", {}))]
    markdown = glued[0]["data"]["application/papermill.record/text/markdown"].replace("\\", "")  # unescaped
    assert markdown == "3/4, not the pre-registered 2/3"
