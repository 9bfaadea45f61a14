"""Every chapter published as an .ipynb under ``_notebooks/``, converted from its MyST source by Jupytext."""

from __future__ import annotations

from pathlib import Path

NOTEBOOKS = "_notebooks"


def is_notebook(app, docname: str) -> bool:
    return bool(app.env.metadata.get(docname, {}).get("kernelspec"))


def write_notebooks(app, exception) -> None:
    """Every chapter as an .ipynb (converted from its MyST source by Jupytext, without outputs), so
    that readers can download it, or open it in Jupyter, Binder or Colab, and run it themselves.
    When the repository is known, a first cell installs the book on Colab (and does nothing elsewhere)."""
    if exception is not None or app.builder.format != "html":
        return
    import jupytext
    from nbformat.v4 import new_code_cell

    from double_ally.book.publish import colab_setup_source

    setup_cell = colab_setup_source()
    for docname in sorted(app.env.found_docs):
        if not is_notebook(app, docname):
            continue
        notebook = jupytext.read(app.env.doc2path(docname))
        if setup_cell:
            notebook.cells.insert(0, new_code_cell(setup_cell, id="colab-setup", metadata={"tags": ["colab-setup"]}))
        target = Path(app.outdir) / NOTEBOOKS / f"{docname}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(notebook, target, fmt="ipynb")


