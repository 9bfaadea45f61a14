"""No chart of the book repeats a row of its data.

The charts are read from the notebooks the session's build published: each code cell's outputs, in
order, with the Vega-Lite spec the page draws (the same spec, inline datasets and all, that the page's
data table and CSV download are made from). The data behind a chart are every inline dataset of the
spec, stacked (``charts._chart_data``). A repeated row there is one figure drawn, listed and downloaded
twice.
"""

from __future__ import annotations

import altair as alt
import jupytext
import nbformat
import pandas as pd
import pytest

from conftest import ROOT
from double_ally.book import notebook_export as export
from double_ally.book.figure_map import drawing_call
from double_ally.book.sphinxext import notebooks as conversion
from double_ally.core.charts import _chart_data

pytestmark = pytest.mark.build

PAGES = sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "book").glob("*.md")
               if "kernelspec:" in p.read_text(encoding="utf-8"))

# Charts of other chapters that repeated rows when this test was written, reported to the chapters'
# authors: the rows of a highlighting layer are a second dataset, stacked under the whole series.
# Remove a name once its chart is fixed; the test fails until then if the chart no longer repeats.
KNOWN = {
}


def code_cells(doc: str) -> list[str]:
    return [c.source for c in jupytext.read(ROOT / f"{doc}.md").cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def published(built_book):
    """{doc: ((cell number, chart name, Vega-Lite spec), ...)} of every chart in the published notebooks,
    cells numbered as in the page's source (the Colab setup cell, when there is one, left out)."""
    def charts(doc: str) -> tuple:
        notebook = nbformat.read(built_book / "_notebooks" / f"{doc}.ipynb", as_version=4)
        cells = [c for c in notebook.cells if c.cell_type == "code" and c.id != conversion.SETUP_ID]
        return tuple((number, spec.get("usermeta", {}).get("double_ally", {}).get("name", ""), spec)
                     for number, cell in enumerate(cells, start=1) for output in cell.get("outputs", [])
                     if (spec := output.get("data", {}).get(export.VEGALITE)))
    return {doc: charts(doc) for doc in PAGES}


def repeated_rows(spec: dict) -> int:
    """Rows of the chart's data that repeat an earlier row, every column compared."""
    data = _chart_data(spec)
    return int(data.astype(str).where(data.notna(), "").duplicated().sum()) if not data.empty else 0


@pytest.mark.parametrize("doc", PAGES)
def test_every_figure_call_of_a_page_is_checked(doc, published):
    """Each cell whose last line calls the chapter's figures published a chart, with a name of its own."""
    calls = [n for n, source in enumerate(code_cells(doc), start=1) if drawing_call(source).startswith("figures.")]
    charts = published[doc]
    assert set(calls) <= {number for number, _, _ in charts}, f"{doc}: cells {calls} should each give a chart"
    names = [name for _, name, _ in charts]
    assert all(names) and len(set(names)) == len(names), f"{doc}: chart names {names}"


@pytest.mark.parametrize("doc", PAGES)
def test_no_chart_repeats_a_row_of_its_data(doc, published):
    repeated = {name: n for _, name, spec in published[doc] if (n := repeated_rows(spec))}
    new = {name: n for name, n in repeated.items() if name not in KNOWN}
    assert not new, f"{doc}: charts whose data repeat rows (name: repeated rows): {new}"
    drawn = {name for _, name, _ in published[doc]}
    fixed = sorted((drawn & set(KNOWN)) - set(repeated))
    assert not fixed, f"{doc}: {fixed} no longer repeat rows: remove them from KNOWN"
    if repeated:
        pytest.xfail(f"known, reported: {repeated}")


def test_a_repeated_row_is_found_across_datasets_and_with_missing_values():
    """The check itself, on a hand-made spec: two datasets stacked, a row repeated across them."""
    chart = alt.layer(
        alt.Chart(pd.DataFrame({"year": [2021, 2022], "value": [1.0, None]})).mark_line(),
        alt.Chart(pd.DataFrame({"year": [2022, 2023], "value": [None, 1.0]})).mark_point(),
    )
    assert repeated_rows(chart.to_dict()) == 1  # 2022 without a value, in both datasets
    single = alt.Chart(pd.DataFrame({"year": [2021, 2022], "value": [1.0, 1.0]})).mark_line()
    assert repeated_rows(single.to_dict()) == 0
