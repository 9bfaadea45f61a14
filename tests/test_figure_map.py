"""The figure-to-code map reads a chapter's code to find the tables behind each chart."""

import json

from double_ally.book.figure_map import cell_tables, charts_in, drawing_call, function_tables


def test_tables_follow_assignments_across_cells():
    cells = [
        'from double_ally.core.data import load\nraw = load("alpha")\nother = load("beta")',
        "",  # a markdown cell keeps its place in the numbering
        "derived = raw.groupby('x').sum()\nunrelated = 3",
        "figures.chart(derived, unrelated)",
    ]
    assert cell_tables(cells, 3) == ["alpha"]
    assert drawing_call(cells[3]) == "figures.chart"


def test_direct_loads_and_augmented_assignments_count():
    cells = ['a = load("one")\na += load("two")', 'figures.draw(a, load("three"))']
    assert cell_tables(cells, 1) == ["one", "three", "two"]


def test_a_cell_without_a_chart_call_has_no_drawing_function():
    assert drawing_call("x = 1\nx") == ""
    assert drawing_call("%matplotlib inline\nfigures.plot()") == "figures.plot"


def test_package_functions_that_load_their_own_tables_are_followed():
    from double_ally.chapters.trade import rules as trade_claims

    found = function_tables(trade_claims.ranks)
    assert {"trade_by_partner", "trade_mirror"} <= found
    cells = ["from double_ally.chapters.trade.rules import ranks\ntable = ranks()", "figures.x(table)"]
    assert {"trade_by_partner", "trade_mirror"} <= set(cell_tables(cells, 1))


def test_chart_names_and_titles_are_read_from_the_figure_html():
    spec = {"title": {"text": "A finding", "subtitle": "s"}, "usermeta": {"double_ally": {"name": "n-1"}}}
    body = json.dumps(spec).replace("</", "<\\/")
    page = '<script type="application/json" class="da-chart-spec">' + body + "</script>"
    assert charts_in(page) == [("n-1", "A finding")]
