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


PACKAGE_MODULE = """
from double_ally.core.data import load


def _mirror():
    return load("mirror_table")


def ranks():
    return combine(load("partner_table"), _mirror())


def combine(a, b):
    return a
"""


def test_package_functions_that_load_their_own_tables_are_followed(tmp_path, monkeypatch):
    """A function of the package that loads tables itself, directly or through a function of its module."""
    import importlib.util
    import sys

    path = tmp_path / "figure_map_example.py"
    path.write_text(PACKAGE_MODULE, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("double_ally.figure_map_example", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)
    spec.loader.exec_module(module)

    assert function_tables(module.ranks) == {"partner_table", "mirror_table"}
    assert function_tables(module.combine) == set()
    cells = [f"from {spec.name} import ranks\ntable = ranks()", "figures.x(table)"]
    assert set(cell_tables(cells, 1)) == {"partner_table", "mirror_table"}


def test_chart_names_and_titles_are_read_from_the_figure_html():
    spec = {"title": {"text": "A finding", "subtitle": "s"}, "usermeta": {"double_ally": {"name": "n-1"}}}
    body = json.dumps(spec).replace("</", "<\\/")
    page = '<script type="application/json" class="da-chart-spec">' + body + "</script>"
    assert charts_in(page) == [("n-1", "A finding")]
