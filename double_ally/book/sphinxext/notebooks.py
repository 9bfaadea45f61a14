"""Every chapter published as an .ipynb under ``_notebooks/``, converted from its MyST source by Jupytext."""

from __future__ import annotations

import re
from pathlib import Path

NOTEBOOKS = "_notebooks"
SETUP_ID = "colab-setup"


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


def write_notebooks(app, exception) -> None:
    """Every chapter as an .ipynb (converted from its MyST source by Jupytext, without outputs), so
    that readers can download it, or open it in Jupyter, Binder or Colab, and run it themselves.
    When the repository is known, a first cell installs the book on Colab (and does nothing elsewhere)."""
    if exception is not None or app.builder.format != "html":
        return
    import jupytext

    from double_ally.book.publish import colab_setup_source

    setup_cell = colab_setup_source()
    for docname in sorted(app.env.found_docs):
        if not is_notebook(app, docname):
            continue
        target = Path(app.outdir) / NOTEBOOKS / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook(Path(app.env.doc2path(docname)), docname, setup_cell), target, fmt="ipynb")
