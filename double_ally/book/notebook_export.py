"""The published notebook: the chapter as the book executed it, readable in any Jupyter front end.

myst-nb executes each chapter during the build and writes the executed notebook, with its outputs, to
``<build>/jupyter_execute/<docname>.ipynb`` and the chapter's glued values to ``<docname>.glue.json``
beside it (``myst_nb.sphinx_``: "write final (updated) notebook to output folder"). ``published``
turns that notebook into the one readers download:

* **Markdown as CommonMark** (``notebook_markdown.commonmark``): glue roles become the glued values,
  citations author-year text linked to the reference list, ``{doc}`` links to the pages, admonitions
  blockquotes. So the text reads as the page does in JupyterLab, classic Notebook, VS Code, Colab or
  on GitHub, none of which runs MyST roles (jupyterlab-myst draws directives, not glue).
* **Charts as Vega-Lite with an image fallback**: the book's chart output (a script-free figure that
  only the book's own script draws) becomes ``application/vnd.vegalite.v5+json`` (JupyterLab 4 and
  VS Code draw it; nbformat accepts a ``+json`` key holding an object, unlike Altair's
  ``application/vnd.vegalite.v6.json``), the PNG the build made, and a plain-text name, followed by
  the chart's source line as Markdown. The spec says it is Vega-Lite 6; Vega-Lite 5 draws the book's
  charts with at most a console warning. A front end without Vega-Lite (GitHub, Colab) shows the PNG.
* the cells keep the ids the build gives them (``notebooks.cell_id``) and the Colab setup cell first.

Why a conversion at publishing time rather than myst-nb's ``{eval}`` inline expressions: ``{eval}``
is evaluated by the book build (and by jupyterlab-myst) but shows as literal ``{eval}`...``` in
every other front end, so it would not give plain CommonMark; it would also need every chapter's 575
glue roles rewritten with their format specs as Python. The conversion keeps the chapters' sources
as they are and writes the values the book printed. Their cost: the values in the text are those of
the build, not recomputed when the reader re-runs; the notebook says so in a note under its title,
and ``python3 tasks.py lab`` (jupyterlab-myst) is the way to edit and re-run a chapter in place.

Parameters: a chapter may open with a code cell tagged ``parameters`` (papermill's convention); it
is published like any other code cell, so a reader edits it there and re-runs; ``parameter_cells``
finds it (for a test that changes one and re-runs).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable
from pathlib import Path

from double_ally.book import notebook_markdown as md

GLUE_PREFIX = "application/papermill.record/"
VEGALITE = "application/vnd.vegalite.v5+json"
SPEC = re.compile(r'<script type="application/json" class="da-chart-spec">(?P<json>.*?)</script>', re.S)
NOTE_ID = "built-values-note"
NOTE = ("*This notebook was executed when the book was built: its outputs are stored, and the numbers in "
        "its text are those the book prints. Run all cells to recompute them; the cells that compute "
        "each number call `glue(...)`.*")


def glue_values(notebook) -> dict[str, dict]:
    """{name: mime bundle} of every value glued in an executed notebook (myst-nb's ``glue`` writes each
    as an output with ``scrapbook`` metadata, its MIME keys prefixed when it is not displayed)."""
    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            meta = output.get("metadata", {}).get("scrapbook")
            if meta:
                cut = len(meta.get("mime_prefix", ""))
                values[meta["name"]] = {key[cut:]: value for key, value in output.get("data", {}).items()}
    return values


def read_glue(path: Path) -> dict[str, dict]:
    """The ``<docname>.glue.json`` myst-nb writes beside the executed notebook: {name: mime bundle}."""
    if not path.is_file():
        return {}
    return {name: output.get("data", {}) for name, output in json.loads(path.read_text(encoding="utf-8")).items()}


def latex_text(value: str) -> str:
    """A BibTeX field as plain text: LaTeX accents and dashes decoded, grouping braces dropped."""
    import codecs

    import latexcodec  # noqa: F401  (registers the "ulatex" codec; pybtex depends on it)

    return codecs.decode(value, "ulatex").replace("{", "").replace("}", "")


def author_year(entry) -> tuple[str, str]:
    """(label as Markdown, year) of a pybtex entry, as sphinxcontrib-bibtex's author_year style labels
    it: one last name, two joined by "and", three or more as the first "et al.", an organisation as
    named, and an entry without author by its title in italics."""
    from double_ally.core.text import md as escape

    people = entry.persons.get("author") or entry.persons.get("editor") or []
    names = [latex_text(" ".join(p.prelast_names + p.last_names)) for p in people]
    if not names:
        label = f"*{escape(latex_text(entry.fields.get('title', entry.key)))}*"
    elif len(names) <= 2:
        label = escape(" and ".join(names))
    else:
        label = escape(f"{names[0]} et al.")
    return label, latex_text(entry.fields.get("year") or str(entry.fields.get("date", ""))[:4])


def citations(bib_files: Iterable[Path]) -> dict[str, tuple[str, str]]:
    """{bibtex key: (author text, year)} of every entry of the book's .bib files."""
    from pybtex.database import parse_file

    found = {}
    for path in bib_files:
        for key, entry in parse_file(str(path)).entries.items():
            found[key] = author_year(entry)
    return found


def chart_outputs(output) -> list:
    """The book's chart output as Vega-Lite + PNG + name, then its source line; other outputs as they are."""
    from nbformat.v4 import new_output

    data = output.get("data", {})
    found = SPEC.search(data.get("text/html", "")) if isinstance(data.get("text/html"), str) else None
    if not found:
        return [output]
    spec = json.loads(found.group("json"))
    meta = spec.get("usermeta", {}).get("double_ally", {})
    chart = {VEGALITE: spec, "text/plain": f"<chart: {meta.get('name', '?')}>"}
    if "image/png" in data:
        chart["image/png"] = data["image/png"]
    outputs = [new_output("display_data", data=chart)]
    if meta.get("source"):
        source = f"Source: {md.text.md(meta['source'])}"
        outputs.append(new_output("display_data", data={"text/markdown": source, "text/plain": meta["source"]}))
    return outputs


def _text_output(output, ctx: md.Context):
    """A Markdown output (the data appendix is Markdown written by code) converted like the text."""
    data = output.get("data", {})
    if isinstance(data.get("text/markdown"), str):
        data["text/markdown"] = md.commonmark(data["text/markdown"], ctx)
    return output


def parameter_cells(notebook) -> list:
    """The code cells tagged ``parameters``: the definitions a reader may change before re-running."""
    return [c for c in notebook.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]


def published(executed, ctx: md.Context, cell_id, setup_cell: str | None = None):
    """The notebook readers download, from the one the build executed (which is left unchanged)."""
    from nbformat.v4 import new_code_cell, new_markdown_cell

    notebook = copy.deepcopy(executed)
    notebook.metadata.pop("source_map", None)  # myst-nb's line map of the MyST source
    notebook.metadata.pop("jupytext", None)  # a downloaded notebook is not paired with a MyST file
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            cell.source = md.commonmark(cell.source, ctx)
        elif cell.cell_type == "code":
            cell.metadata.pop("execution", None)  # timestamps: two builds of one version stay identical
            outputs = []
            for output in cell.get("outputs", []):
                if output.get("metadata", {}).get("scrapbook"):
                    outputs.append(output)  # a glued value: not shown, kept as Jupyter keeps it
                else:
                    outputs += [_text_output(o, ctx) for o in chart_outputs(output)]
            cell.outputs = outputs
    for index, cell in enumerate(notebook.cells, start=1):
        cell.id = cell_id(index)
    title = next((i for i, c in enumerate(notebook.cells) if c.cell_type == "markdown"
                  and c.source.lstrip().startswith("# ")), None)
    if ctx.glue and title is not None:
        notebook.cells.insert(title + 1, new_markdown_cell(NOTE, id=NOTE_ID))
    if setup_cell:
        from double_ally.book.sphinxext.notebooks import SETUP_ID

        notebook.cells.insert(0, new_code_cell(setup_cell, id=SETUP_ID, metadata={"tags": [SETUP_ID]}))
    return notebook


def leftover_markup(notebook) -> list[str]:
    """MyST markup left in a notebook's Markdown cells (none in a published notebook)."""
    pattern = re.compile(r"\{glue|\{cite|\{doc\}|^\s*:::|```\{", re.M)
    return [m.group(0) for c in notebook.cells if c.cell_type == "markdown" for m in pattern.finditer(c.source)]
