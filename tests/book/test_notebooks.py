"""Each chapter's published .ipynb runs top to bottom in a fresh kernel, without the raw sources."""

from __future__ import annotations

import jupytext
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from conftest import ROOT

pytestmark = pytest.mark.build


def notebooks(built_book):
    return sorted((built_book / "_notebooks").rglob("*.ipynb"))


def test_every_notebook_chapter_is_published_with_its_code(built_book):
    """Every page of the table of contents written as a notebook (a Jupytext header with a kernel), and
    only those, is published as an .ipynb: a Colab setup cell (the build knows the repository), then
    exactly the code cells of its source."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for part in toc["parts"] for c in part["chapters"]]
    expected = {f for f in files if "kernelspec:" in (ROOT / f"{f}.md").read_text()}
    published = {p.relative_to(built_book / "_notebooks").with_suffix("").as_posix() for p in notebooks(built_book)}
    assert expected and published == expected
    for doc in sorted(expected):
        source = [c.source for c in jupytext.read(ROOT / f"{doc}.md").cells if c.cell_type == "code"]
        cells = [c for c in nbformat.read(built_book / "_notebooks" / f"{doc}.ipynb", as_version=4).cells
                 if c.cell_type == "code"]
        assert "colab-setup" in cells[0].metadata.get("tags", []) and "google.colab" in cells[0].source, doc
        assert [c.source for c in cells[1:]] == source, f"{doc}: the published notebook's code differs"


def test_published_notebooks_run_in_a_fresh_kernel(built_book, tmp_path, monkeypatch):
    """As a reader runs a downloaded notebook: outside the book (charts as images), in a folder of
    its own, without the raw sources. A failing cell raises (nbclient stops at the first error)."""
    monkeypatch.setenv("DOUBLE_ALLY_RAW", str(tmp_path / "no-raw-sources-here"))
    monkeypatch.delenv("DOUBLE_ALLY_BOOK_BUILD", raising=False)
    images = {}
    for path in notebooks(built_book):
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(tmp_path)}}).execute()
        outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
        images[path.stem] = sum("image/png" in o.get("data", {}) for o in outputs)
        scripts = [o for o in outputs if "da-chart-spec" in o.get("data", {}).get("text/html", "")]
        assert not scripts, f"{path.name} draws book-only (script) charts outside the book"
    assert images.get("trade", 0) >= 4, "the trade chapter's charts appear as images outside the book"
