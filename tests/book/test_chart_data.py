"""No chart of the book repeats a row of its data.

Each notebook page is run here as the build runs it: its code cells in order, in one namespace, but
without a kernel and without drawing. Every cell whose result is a chart is kept, built from the same
tables and calls as on the page. The data behind a chart are what the page's table and CSV download
show: every inline dataset of the spec, stacked (``charts._chart_data``). A repeated row there is one
figure drawn, listed and downloaded twice.
"""

from __future__ import annotations

import ast
import contextlib
import functools

import altair as alt
import jupytext
import pandas as pd
import pytest

from conftest import ROOT
from double_ally.book.figure_map import drawing_call
from double_ally.core.charts import _chart_data

PAGES = sorted(p.relative_to(ROOT).with_suffix("").as_posix() for p in (ROOT / "book").glob("*.md")
               if "kernelspec:" in p.read_text(encoding="utf-8"))

# Charts of other chapters that repeated rows when this test was written, reported to the chapters'
# authors: the rows of a highlighting layer are a second dataset, stacked under the whole series.
# Remove a name once its chart is fixed; the test fails until then if the chart no longer repeats.
KNOWN = {
}


def code_cells(doc: str) -> list[str]:
    return [c.source for c in jupytext.read(ROOT / f"{doc}.md").cells if c.cell_type == "code"]


@functools.cache
def page_charts(doc: str) -> tuple[tuple[int, str, dict], ...]:
    """(cell number, chart name, Vega-Lite spec) of every chart the page's code cells give."""
    namespace = {"display": lambda *objects, **kwargs: None}
    found = []
    with contextlib.chdir(ROOT / "book"):
        for number, source in enumerate(code_cells(doc), start=1):
            tree = ast.parse("\n".join("" if line.lstrip().startswith(("%", "!")) else line
                                       for line in source.splitlines()))
            last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
            exec(compile(tree, f"{doc}.md cell {number}", "exec"), namespace)
            if last is None:
                continue
            value = eval(compile(ast.Expression(last.value), f"{doc}.md cell {number}", "eval"), namespace)
            if isinstance(value, alt.TopLevelMixin):
                spec = value.to_dict()
                found.append((number, spec.get("usermeta", {}).get("double_ally", {}).get("name", ""), spec))
    return tuple(found)


def repeated_rows(spec: dict) -> int:
    """Rows of the chart's data that repeat an earlier row, every column compared."""
    data = _chart_data(spec)
    return int(data.astype(str).where(data.notna(), "").duplicated().sum()) if not data.empty else 0


@pytest.mark.parametrize("doc", PAGES)
def test_every_figure_call_of_a_page_is_checked(doc):
    """The harness finds a chart in each cell whose last line calls the chapter's figures, with a name."""
    calls = [n for n, source in enumerate(code_cells(doc), start=1) if drawing_call(source).startswith("figures.")]
    charts = page_charts(doc)
    assert set(calls) <= {number for number, _, _ in charts}, f"{doc}: cells {calls} should each give a chart"
    names = [name for _, name, _ in charts]
    assert all(names) and len(set(names)) == len(names), f"{doc}: chart names {names}"


@pytest.mark.parametrize("doc", PAGES)
def test_no_chart_repeats_a_row_of_its_data(doc):
    repeated = {name: n for _, name, spec in page_charts(doc) if (n := repeated_rows(spec))}
    new = {name: n for name, n in repeated.items() if name not in KNOWN}
    assert not new, f"{doc}: charts whose data repeat rows (name: repeated rows): {new}"
    drawn = {name for _, name, _ in page_charts(doc)}
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
