"""Each chapter's published .ipynb runs top to bottom in a fresh kernel, without the raw sources."""

from __future__ import annotations

import re

import jupytext
import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from conftest import ROOT
from double_ally.book.sphinxext import notebooks as conversion

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


def test_published_notebooks_have_the_same_valid_cell_ids_at_every_build():
    """Converting a chapter twice gives the same notebook, byte for byte: each cell's id comes from the
    chapter's name and the cell's place, not from chance, and is valid and unique as nbformat asks."""
    chapters = sorted(p for p in (ROOT / "book").glob("*.md") if "kernelspec:" in p.read_text())
    assert chapters
    for source in chapters:
        docname = f"book/{source.stem}"
        first, second = (jupytext.writes(conversion.notebook(source, docname, "print('set up')"), fmt="ipynb")
                         for _ in range(2))
        assert first == second, f"{docname}: the published notebook changes from one build to the next"
        published = nbformat.reads(first, as_version=4)
        nbformat.validate(published)
        ids = [cell.id for cell in published.cells]
        assert len(set(ids)) == len(ids) and ids[0] == conversion.SETUP_ID, docname


def test_cell_ids_stay_within_what_nbformat_allows():
    for docname in ["book/trade", "book/" + "a-very-long-chapter-name" * 5, "book/odd name.with dots"]:
        for index in (1, 12, 1000):
            assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", conversion.cell_id(docname, index)), (docname, index)
    assert conversion.cell_id("book/trade", 3) != conversion.cell_id("book/trade", 13)
