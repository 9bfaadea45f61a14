"""The trade chapter's parameters cell: changing one value and re-running the notebook changes the
verdict, its reason and the prose figures consistently (one execution of the chapter)."""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pandas as pd
from nbclient import NotebookClient

from double_ally.core.paths import DATA_DIR

BOOK = Path(__file__).resolve().parents[3] / "book"


def run_with(source: str, replacement: str) -> nbformat.NotebookNode:
    """The chapter with one line of its parameters cell replaced, executed from the book's folder."""
    notebook = jupytext.read(BOOK / "trade.md")
    cells = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1, "the chapter has exactly one parameters cell"
    assert source in cells[0].source, f"the parameters cell sets {source!r}"
    cells[0].source = cells[0].source.replace(source, replacement)
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(BOOK)}}).execute()
    return notebook


def html_outputs(notebook) -> str:
    return "\n".join(o.get("data", {}).get("text/html", "") for c in notebook.cells if c.cell_type == "code"
                     for o in c.get("outputs", []))


def glued(notebook) -> dict[str, str]:
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                found[record["name"]] = next(iter(output["data"].values()))
    return found


def own_ranks(year: int) -> tuple[int, int, int]:
    """The article's three ranks in each country's own records, EU members and Hong Kong, Macao and
    Taiwan apart, computed here with plain pandas from the CSV: Russia among South Korea's partners by
    exports plus imports, South Korea among Russia's import sources and among its export markets."""
    rows = pd.read_csv(DATA_DIR / "trade_by_partner.csv")
    rows = rows[rows["year"] == year]

    def rank(reporter: str, partner: str, flows: list[str]) -> int:
        values = rows[(rows["reporter"] == reporter) & rows["flow"].isin(flows)].groupby("partner")["value_usd_m"].sum()
        return int((values > values[partner]).sum()) + 1

    return rank("KOR", "RUS", ["exports", "imports"]), rank("RUS", "KOR", ["imports"]), rank("RUS", "KOR", ["exports"])


def test_a_changed_year_changes_the_p10_verdict_its_reason_and_the_prose():
    # ¶10 under the primary definition for 2016 rather than 2020. The article's ranks are 12 / 6 / 8; a
    # rank is reproduced if at most one place off; the expected verdict follows from the ranks computed here.
    article, computed = (12, 6, 8), own_ranks(2016)
    close = sum(abs(a - c) <= 1 for a, c in zip(article, computed))
    expected = "supported" if close == 3 else "partly supported" if close else "contradicted"
    primary_close = sum(abs(a - c) <= 1 for a, c in zip(article, own_ranks(2020)))
    assert close != primary_close, "2016 must decide differently from 2020 for this test to show anything"
    notebook = run_with('P10_YEAR = rules.P10_PRIMARY["year"]', "P10_YEAR = 2016")
    outputs = html_outputs(notebook)
    verdicts = re.findall(r'data-claim="p10-ranks" data-verdict="([^"]+)">(.*?)</div>', outputs, re.S)
    assert verdicts, "the ¶10 verdict is shown"
    for verdict, body in verdicts:  # in its section and in the closing list, the same
        assert verdict == expected
        assert "For 2016" in body and "For 2020" not in body
        assert f"{close} of 3 ranks" in body
    # ¶7 takes none of the changed parameter: its verdict is the primary one.
    assert re.search(r'data-claim="p07-trade" data-verdict="partly supported"', outputs)
    figures = glued(notebook)
    assert figures["p10_year"] == "2016"
    assert (figures["p10_kor"], figures["p10_imports"], figures["p10_exports"]) == tuple(map(str, computed))
    assert figures["p10_n_within"] == str(close)
