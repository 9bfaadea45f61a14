"""The published notebook's conversion, on hand-made MyST text and a hand-made executed notebook."""

from __future__ import annotations

import json

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pybtex.database import parse_string

from double_ally.book import notebook_export as export
from double_ally.book import notebook_markdown as md
from double_ally.core.charts import figure_html

GLUE = {
    "year": {"text/plain": "2014"},
    "share": {"text/plain": "3.4567"},
    "big": {"text/plain": "25812.3"},
    "who": {"text/markdown": "South Korea and \\*Russia\\*", "text/plain": "<IPython.core.display.Markdown object>"},
    "label": {"text/plain": "'a_b'"},
}
CITE = {"imf": ("International Monetary Fund", "2022"), "kcs": ("Korea Customs Service", "2018")}
TITLES = {"book/data": "Data and sources", "book/trade": "Trade"}


def ctx(glue=GLUE) -> md.Context:
    return md.Context(glue=glue, cite=CITE, page_url=lambda doc: f"https://example.org/v0.3/{doc}.html",
                      title=lambda doc: TITLES.get(doc, doc), docname="book/trade")


def convert(text: str) -> str:
    return md.commonmark(text, ctx())


def test_glue_roles_become_the_values_formatted_as_the_book_formats_them():
    assert convert("Highest in {glue:text}`year`, at {glue:text}`share:.1f` %.") == "Highest in 2014, at 3.5 %."
    assert convert("US${glue:text}`big:,.0f` million") == "US$25,812 million"
    assert convert("{glue:md}`who` trade") == "South Korea and \\*Russia\\* trade"
    assert convert("{glue}`who`") == "South Korea and \\*Russia\\*"
    # a glued word is text, not Markdown: its underscore cannot start emphasis
    assert convert("{glue:text}`label`") == "a\\_b"


@pytest.mark.parametrize("text", ["{glue:text}`missing`", "{glue:md}`year`", "{glue:text}`other::year`"])
def test_a_value_that_was_not_glued_fails_rather_than_show_a_placeholder(text):
    with pytest.raises(md.UnconvertedMyST):
        convert(text)


def test_citations_are_author_year_text_linked_to_the_reference_list():
    refs = "<https://example.org/v0.3/book/references.html>"
    assert convert("DOTS {cite}`imf`.") == f"DOTS \\[[International Monetary Fund, 2022]({refs})\\]."
    assert convert("{cite}`imf, kcs`") == (f"\\[[International Monetary Fund, 2022]({refs}); "
                                           f"[Korea Customs Service, 2018]({refs})\\]")
    assert convert("{cite:t}`kcs`") == f"[Korea Customs Service (2018)]({refs})"
    with pytest.raises(md.UnconvertedMyST):
        convert("{cite}`nobody`")


def test_doc_roles_and_md_links_point_at_the_pages():
    assert convert("See {doc}`data`.") == "See [Data and sources](<https://example.org/v0.3/book/data.html>)."
    assert convert("{doc}`the data </book/data>`") == "[the data](<https://example.org/v0.3/book/data.html>)"
    assert convert("the [trade chapter](trade.md#ranks)") == (
        "the [trade chapter](<https://example.org/v0.3/book/trade.html#ranks>)")
    assert convert("[elsewhere](https://example.com/x.md)") == "[elsewhere](https://example.com/x.md)"


def test_div_fences_and_admonitions_become_ordinary_markdown():
    text = (":::{div} da-abstract\n**Abstract.** Trade peaked in {glue:text}`year`.\n:::\n\n"
            "```{admonition} Key findings\n:class: tip\n- one\n- two, {glue:text}`share:.2f`\n```\n\n"
            "```{note}\nMind the gap.\n```\n(a-label)=\n## Next")
    assert convert(text) == ("**Abstract.** Trade peaked in 2014.\n\n"
                             "> **Key findings**\n>\n> - one\n> - two, 3.46\n\n"
                             "> **Note**\n>\n> Mind the gap.\n## Next")


def test_code_blocks_are_left_exactly_as_written():
    text = "```python\nglue('x', 1)  # {glue:text}`year`\n```\n~~~\n:::{div}\n~~~"
    assert convert(text) == text


def test_bibliography_and_raw_blocks():
    assert convert("```{bibliography}\n:all:\n```") == (
        "The works cited are listed in the book's [reference list](<https://example.org/v0.3/book/references.html>).")
    assert convert("```{raw} html\n<div id='x'></div>\n```\n```{raw} latex\n\\relax\n```") == "<div id='x'></div>"


@pytest.mark.parametrize("text", ["{ref}`somewhere`", "```{figure} x.png\n```", ":::\nnot a directive\n:::"])
def test_unknown_myst_fails_the_conversion_instead_of_showing_markup(text):
    with pytest.raises(md.UnconvertedMyST):
        convert(text)


BIB = r"""
@misc{one, author = {Voeten, Erik}, year = {2021}, title = {T}}
@misc{two, author = {Kane, Tim and Allen, Michael}, year = {2024}, title = {T}}
@misc{three, author = {Voeten, Erik and Strezhnev, Anton and Bailey, Michael}, year = {2021}, title = {T}}
@misc{org, author = {{United Nations, Dag Hammarskj{\"o}ld Library}}, year = {2022}, title = {T}}
@misc{none, title = {{Korea--Russia} trade_figures}, year = {2022--2025}}
"""


def test_author_year_labels_follow_the_author_year_style():
    labels = {key: export.author_year(entry) for key, entry in parse_string(BIB, "bibtex").entries.items()}
    assert labels == {
        "one": ("Voeten", "2021"),
        "two": ("Kane and Allen", "2024"),
        "three": ("Voeten et al\\.", "2021"),
        "org": ("United Nations\\, Dag Hammarskjöld Library", "2022"),
        "none": ("*Korea–Russia trade\\_figures*", "2022–2025"),
    }


SPEC = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "mark": "bar",
        "data": {"values": [{"year": 2014, "v": 1}]},
        "usermeta": {"double_ally": {"source": "IMF <DOTS>", "alt": "bars", "name": "trade-total"}}}


def executed_notebook():
    """As myst-nb writes it: MyST text, a glued value (hidden, its MIME keys prefixed), a book chart."""
    glued = new_output("display_data", data={export.GLUE_PREFIX + "text/plain": "2014"},
                       metadata={"scrapbook": {"name": "year", "mime_prefix": export.GLUE_PREFIX}})
    chart = new_output("execute_result", execution_count=2,
                       data={"text/html": figure_html(SPEC), "image/png": "iVBORw0KGgo=", "text/plain": "<chart>"})
    cells = [new_markdown_cell("# Trade\n\n:::{div} da-abstract\nHighest in {glue:text}`year`.\n:::"),
             new_code_cell("glue('year', 2014)", outputs=[glued], execution_count=1,
                           metadata={"execution": {"iopub.status.busy": "2026-01-01T00:00:00"}}),
             new_code_cell("figures.total()", outputs=[chart], execution_count=2),
             new_markdown_cell("Source: {cite}`imf`.")]
    notebook = new_notebook(cells=cells, metadata={"source_map": [1, 2, 3, 4], "kernelspec": {"name": "python3", "display_name": "Python 3"},
                                                   "jupytext": {"formats": "md:myst"}})
    return notebook


def test_glued_values_are_read_from_the_executed_notebook():
    assert export.glue_values(executed_notebook()) == {"year": {"text/plain": "2014"}}


def test_the_published_notebook_reads_anywhere_and_keeps_the_outputs():
    executed = executed_notebook()
    before = json.dumps(executed, sort_keys=True)
    glue = export.glue_values(executed)
    notebook = export.published(executed, ctx(glue), lambda i: f"trade-{i}", setup_cell="print('setup')")
    assert json.dumps(executed, sort_keys=True) == before, "the build's executed notebook is left unchanged"
    nbformat.validate(notebook)
    assert export.leftover_markup(notebook) == []
    ids = [c.id for c in notebook.cells]
    assert ids == ["colab-setup", "trade-1", export.NOTE_ID, "trade-2", "trade-3", "trade-4"]
    assert notebook.cells[1].source == "# Trade\n\nHighest in 2014."
    assert notebook.cells[-1].source.startswith("Source: \\[[International Monetary Fund, 2022]")
    assert "execution" not in notebook.cells[3].metadata
    assert set(notebook.metadata) == {"kernelspec"}, "no MyST line map, no pairing with a MyST file"
    assert export.glue_values(notebook) == glue, "the glued value stays in its cell's outputs"
    chart, source = notebook.cells[4].outputs
    assert chart.data[export.VEGALITE] == SPEC and chart.data["image/png"] == "iVBORw0KGgo="
    assert "text/html" not in chart.data, "the book-only figure (drawn by the book's script) is not published"
    assert source.data["text/markdown"] == "Source: IMF \\<DOTS\\>"


def test_a_notebook_without_glued_values_gets_no_note():
    notebook = export.published(new_notebook(cells=[new_markdown_cell("# Cite")]), ctx({}), lambda i: f"c-{i}")
    assert [c.id for c in notebook.cells] == ["c-1"]


def test_leftover_markup_is_found():
    notebook = new_notebook(cells=[new_markdown_cell("a {glue:text}`x`"), new_markdown_cell(":::{div} x\n:::"),
                                   new_code_cell("'{cite}`code is not text`'")])
    assert export.leftover_markup(notebook) == ["{glue", ":::", ":::"]


def test_parameters_cells_are_found_by_their_tag():
    cells = [new_code_cell("YEARS = (1992, 2020)", metadata={"tags": ["parameters"]}), new_code_cell("x = 1")]
    assert [c.source for c in export.parameter_cells(new_notebook(cells=cells))] == ["YEARS = (1992, 2020)"]


def test_glued_texts_lists_each_computed_value_as_the_reader_reads_it():
    text = "Peak {glue:text}`year`, share {glue:text}`share:.1f` % {cite}`imf`; {glue:md}`who`."
    assert md.glued_texts(text, ctx()) == [("{glue:text}`year`", "2014"), ("{glue:text}`share:.1f`", "3.5"),
                                           ("{glue:md}`who`", "South Korea and \\*Russia\\*")]


def test_roles_inside_code_spans_or_escaped_stay_text():
    from double_ally.book import notebook_markdown as md

    ctx = md.Context(glue={}, cite={}, page_url=lambda d: d, title=lambda d: d, docname="book/x")
    line = "shown as code: ``{raw}`<script>`` and escaped: \\{raw\\}\\`x\\`"
    assert md.inline(line, ctx) == line
