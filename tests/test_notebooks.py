"""Each chapter's published .ipynb runs top to bottom in a fresh kernel, without the raw sources."""

from __future__ import annotations

import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

pytestmark = pytest.mark.build


def notebooks(built_book):
    return sorted((built_book / "_notebooks").rglob("*.ipynb"))


def test_every_notebook_chapter_is_published(built_book):
    """Every page of the table of contents written as a notebook (a Jupytext header with a kernel)."""
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    expected = {f for f in files if "kernelspec:" in (ROOT / f"{f}.md").read_text()}
    published = {p.relative_to(built_book / "_notebooks").with_suffix("").as_posix() for p in notebooks(built_book)}
    assert expected and expected <= published, f"not published: {sorted(expected - published)}"


def test_published_notebooks_run_in_a_fresh_kernel(built_book, tmp_path, monkeypatch):
    monkeypatch.setenv("DOUBLE_ALLY_RAW", str(tmp_path / "no-raw-sources-here"))
    monkeypatch.delenv("DOUBLE_ALLY_BOOK_BUILD", raising=False)
    for path in notebooks(built_book):
        nb = nbformat.read(path, as_version=4)
        assert not any(cell.get("outputs") for cell in nb.cells if cell.cell_type == "code"), \
            f"{path.name} is published with outputs"
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
        assert not [o for o in outputs if o.get("output_type") == "error"]
        if path.stem == "trade":
            pngs = [o for o in outputs if "image/png" in o.get("data", {})]
            assert len(pngs) >= 4, "the trade chapter's charts appear as images outside the book"
    assert os.environ.get("DOUBLE_ALLY_BOOK_BUILD") is None
