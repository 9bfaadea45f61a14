"""Every chapter published as an .ipynb under ``_notebooks/``: the notebook the build executed, its
outputs stored and its text plain CommonMark (``double_ally.book.notebook_export``)."""

from __future__ import annotations

import re
from pathlib import Path

NOTEBOOKS = "_notebooks"
SETUP_ID = "colab-setup"
EXECUTED = "jupyter_execute"  # where myst-nb writes each executed notebook (myst_nb.sphinx_ext.OUTPUT_FOLDER)


def is_notebook(app, docname: str) -> bool:
    return bool(app.env.metadata.get(docname, {}).get("kernelspec"))


def cell_id(docname: str, index: int) -> str:
    """A cell id that is the same at every build: the chapter's name and the cell's place in it
    (nbformat allows 1-64 characters of letters, digits, "-" and "_")."""
    number = f"-{index}"
    return re.sub(r"[^A-Za-z0-9_-]+", "-", Path(docname).name)[:64 - len(number)] + number


def notebook(source: Path, docname: str, setup_cell: str | None = None):
    """The chapter's MyST source as a notebook without outputs, each cell with a stable id (Jupytext and
    nbformat would give each a random one at every build), and the Colab setup cell first if given."""
    import jupytext
    from nbformat.v4 import new_code_cell

    converted = jupytext.read(source)
    for index, cell in enumerate(converted.cells, start=1):
        cell.id = cell_id(docname, index)
    if setup_cell:
        converted.cells.insert(0, new_code_cell(setup_cell, id=SETUP_ID, metadata={"tags": [SETUP_ID]}))
    return converted


def executed_notebook(app, docname: str) -> Path:
    return Path(app.outdir).parent / EXECUTED / f"{docname}.ipynb"


def page_link(app, docname: str, target: str) -> str:
    """Where a link in ``docname``'s notebook to page ``target`` goes: the page's address in this
    version of the site when the address is known, else the sibling notebook (or the HTML page, for a
    page that is not a notebook) by a path relative to ``_notebooks/<docname>.ipynb``."""
    import posixpath

    from double_ally.core.citation import page_url

    address = page_url(target)
    if address:
        return address
    here = posixpath.dirname(f"{NOTEBOOKS}/{docname}")
    if target in app.env.found_docs and is_notebook(app, target):
        return posixpath.relpath(f"{NOTEBOOKS}/{target}.ipynb", here)
    return posixpath.relpath(f"{target}.html", here)


def context(app, docname: str, glue: dict, cite: dict[str, tuple[str, str]]):
    """What converting ``docname``'s text needs: its glued values, the book's citations ({key: (author
    text, year)}, parsed once per build by the caller), and where its links go."""
    from double_ally.book import notebook_markdown

    def title(target: str) -> str:
        found = app.env.titles.get(target)
        return found.astext() if found is not None else target

    return notebook_markdown.Context(
        glue=glue, cite=cite,
        page_url=lambda target: page_link(app, docname, target), title=title, docname=docname)


def write_notebooks(app, exception) -> None:
    """Every chapter as an .ipynb readers can download, or open in Jupyter, Binder or Colab: the notebook
    the build executed, with its outputs, its text converted to CommonMark with the glued values.
    When the repository is known, a first cell installs the book on Colab (and does nothing elsewhere)."""
    if exception is not None or app.builder.format != "html":
        return
    import nbformat

    from double_ally.book import notebook_export
    from double_ally.book.publish import colab_setup_source
    from double_ally.core.bibliography import bib_files

    setup_cell = colab_setup_source()
    cite = notebook_export.citations(bib_files(Path(app.confdir) / "book" / "bib"))
    for docname in sorted(app.env.found_docs):
        if not is_notebook(app, docname):
            continue
        executed = executed_notebook(app, docname)
        source = (nbformat.read(executed, as_version=4) if executed.is_file()
                  else notebook(Path(app.env.doc2path(docname)), docname))
        glue = notebook_export.read_glue(executed.with_suffix(".glue.json"))
        result = notebook_export.published(source, context(app, docname, glue, cite),
                                           lambda index, d=docname: cell_id(d, index), setup_cell)
        nbformat.validate(result)
        target = Path(app.outdir) / NOTEBOOKS / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(result, target)
