"""Every chapter published as an .ipynb under ``_notebooks/``: the notebook the build executed, its
outputs stored and its text plain CommonMark (``double_ally.book.notebook_export``)."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

NOTEBOOKS = "_notebooks"
SETUP_ID = "colab-setup"
EXECUTED = "jupyter_execute"  # where myst-nb writes each executed notebook (myst_nb.sphinx_ext.OUTPUT_FOLDER)
MADE_FROM = "published-notebooks.json"  # in the doctree folder: what each published notebook was made from


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


def with_cached_outputs(app, executed):
    """The executed notebook with its outputs. When myst-nb takes a chapter's outputs from its execution
    cache (a page read again with its code unchanged), it writes the notebook it read, without the
    outputs it merged (myst-nb 1.x, ``sphinx_.MystNbParser.parse``); the outputs are merged here from the
    same cache, and the glued values taken out of them as myst-nb does. A notebook that ran in this
    build, or that the cache does not hold, is returned as it is."""
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    cache_path = app.env.mystnb_config.execution_cache_path  # as myst-nb resolved it (sphinx_ext.py)
    if not code or any(cell.get("execution_count") for cell in code) or not cache_path or not Path(cache_path).is_dir():
        return executed
    from jupyter_cache import get_cache
    from myst_nb.ext.glue import extract_glue_data_cell

    try:
        merged = get_cache(cache_path).merge_match_into_notebook(executed)[1]
    except KeyError:
        return executed
    for cell in merged.cells:  # the glued values leave the outputs, as when myst-nb renders a page
        if cell.cell_type == "code":
            extract_glue_data_cell(cell)
    return merged


def shared_inputs(app, bib: list[Path], setup_cell: str | None) -> bytes:
    """What every chapter's published notebook depends on besides its own files: the bibliography, the
    Colab cell, the pages' titles (link texts), the book's metadata and the addresses the environment
    gives (``DOUBLE_ALLY_*``). The package's own code is not here: a change to it empties the doctree
    folder, and this record with it (``tasks.invalidate_stale_cache``)."""
    from double_ally.core import citation

    parts = [path.read_bytes() for path in bib]
    parts.append((setup_cell or "").encode())
    parts.append(repr(sorted((name, title.astext()) for name, title in app.env.titles.items())).encode())
    parts.append(citation.CFF.read_bytes())
    parts.append(repr(sorted((k, v) for k, v in os.environ.items() if k.startswith("DOUBLE_ALLY_"))).encode())
    return b"\0".join(parts)


def inputs_key(shared: bytes, docname: str, files: list[Path]) -> str:
    """A digest of everything one chapter's published notebook is made from."""
    digest = hashlib.sha256(shared + b"\0" + docname.encode())
    for path in files:
        digest.update(b"\0" + (path.read_bytes() if path.is_file() else b"(none)"))
    return digest.hexdigest()


def write_notebooks(app, exception) -> None:
    """Every chapter as an .ipynb readers can download, or open in Jupyter, Binder or Colab: the notebook
    the build executed, with its outputs, its text converted to CommonMark with the glued values.
    When the repository is known, a first cell installs the book on Colab (and does nothing elsewhere).
    A notebook whose inputs are those it was last made from (same digest, file still there) is kept:
    a rebuild with no change converts nothing."""
    if exception is not None or app.builder.format != "html":
        return
    import nbformat

    from double_ally.book import notebook_export
    from double_ally.book.publish import colab_setup_source
    from double_ally.core.bibliography import bib_files

    setup_cell = colab_setup_source()
    bib = bib_files(Path(app.confdir) / "book" / "bib")
    shared = shared_inputs(app, bib, setup_cell)
    record = Path(app.doctreedir) / MADE_FROM
    made = json.loads(record.read_text(encoding="utf-8")) if record.is_file() else {}
    cite = None
    for docname in sorted(app.env.found_docs):
        if not is_notebook(app, docname):
            continue
        executed = executed_notebook(app, docname)
        source = Path(app.env.doc2path(docname))
        target = Path(app.outdir) / NOTEBOOKS / f"{docname}.ipynb"
        key = inputs_key(shared, docname, [executed, executed.with_suffix(".glue.json"), source])
        if made.get(docname) == key and target.is_file():
            continue
        if cite is None:  # parsed once per build, and only when a notebook is to be written
            cite = notebook_export.citations(bib)
        notebook_source = (with_cached_outputs(app, nbformat.read(executed, as_version=4)) if executed.is_file()
                           else notebook(source, docname))
        glue = notebook_export.read_glue(executed.with_suffix(".glue.json"))
        result = notebook_export.published(notebook_source, context(app, docname, glue, cite),
                                           lambda index, d=docname: cell_id(d, index), setup_cell)
        nbformat.validate(result)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(result, target)
        made[docname] = key
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text(json.dumps(made, indent=1, sort_keys=True), encoding="utf-8")
