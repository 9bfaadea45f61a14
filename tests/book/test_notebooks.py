"""Each chapter's published .ipynb: executed, plain CommonMark, and run on its own it prints the book's values."""

from __future__ import annotations

import concurrent.futures
import html
import json
import os
import re
import shutil
import shlex
import subprocess
import venv
from pathlib import Path

import jupytext
import nbformat
import pytest
import yaml

from conftest import MINIMAL_NOTEBOOK_HEADER, ROOT, tasks, tiny_book
from double_ally.book import notebook_export as export
from double_ally.book import notebook_markdown as markdown
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


# Runs notebooks as a reader's Jupyter does, one after the other, each in a fresh kernel of the installed
# environment, started in the notebook's own folder, with no PYTHONPATH: one client process for several
# notebooks (the client's own start-up is not what is tested), a kernel of its own for each. A last
# cell, taken out again, asks the kernel where it imported the package from and what its search path
# is, so that the test can check the repository is not on it.
RUNNER = """
import json, os, sys, time
import nbformat
from nbclient import NotebookClient
ASK = "import json, sys, double_ally; print(json.dumps({'package': double_ally.__file__, 'sys_path': sys.path}))"
for source, target, folder in json.loads(sys.argv[1]):
    notebook = nbformat.read(source, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell(ASK))
    os.environ["DOUBLE_ALLY_RAW"] = os.path.join(folder, "no-raw-sources")  # the kernel's environment
    start = time.perf_counter()
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
    seconds = time.perf_counter() - start
    asked = notebook.cells.pop()
    answer = json.loads("".join(o.get("text", "") for o in asked.outputs if o.output_type == "stream"))
    notebook.metadata["standalone"] = {"seconds": seconds, **answer}
    nbformat.write(notebook, target)
"""


COPY_IGNORE = shutil.ignore_patterns(".git", ".venv*", "_build", "build", "*.egg-info", "__pycache__", "_project",
                                     ".pytest_cache", ".ipynb_checkpoints")


def pip_lines(cell: str) -> list[list[str]]:
    """The ``%pip install`` commands of the Colab setup cell, as argument lists."""
    return [shlex.split(line.strip())[2:] for line in cell.splitlines() if line.strip().startswith("%pip install")]


def install_as_colab_does(cell: str, base: Path) -> Path:
    """A fresh environment with the book's package installed as the published notebooks' Colab cell installs
    it: a wheel built from a copy of this checkout, the cell's own ``pip install`` commands run against
    the local files instead of the clone. The pinned dependencies come from ``.venv`` (a path file adds
    its site-packages, whose own path files, the editable install among them, are not read), so pip finds
    them installed and downloads nothing (``--no-index``). Returns the environment's python."""
    source, wheels, env = base / "double-ally", base / "wheels", base / "env"
    shutil.copytree(ROOT, source, ignore=COPY_IGNORE, symlinks=True)
    built = subprocess.run([str(tasks.PY), "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                            "--wheel-dir", str(wheels), str(source)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = wheels.glob("double_ally-*.whl")
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = lambda py: subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],  # noqa: E731
                                     capture_output=True, text=True, check=True).stdout.strip()
    Path(site(python), "book-dependencies.pth").write_text(site(tasks.PY) + "\n")
    (base / "pinned-pip.txt").write_text(tasks.pinned(ROOT / "requirements.txt", ["pip"]))
    commands = pip_lines(cell)
    assert commands and commands[-1][-1] == "./double-ally", f"the Colab cell no longer installs the package: {cell}"
    local = {"./double-ally": str(wheel), "double-ally/requirements.txt": str(source / "requirements.txt"),
             "pinned-pip.txt": str(base / "pinned-pip.txt")}
    for args in commands:
        done = subprocess.run([str(python), "-m", "pip", "install", "--no-index", *[local.get(a, a) for a in args[1:]]],
                              cwd=base, capture_output=True, text=True, env={**os.environ, "PYTHONNOUSERSITE": "1"})
        assert done.returncode == 0, f"pip install {' '.join(args[1:])}:\n{done.stderr[-3000:]}"
    return python


def run_standalone(published: list[Path], base: Path, python: Path) -> list[nbformat.NotebookNode]:
    """Each of ``published`` copied into an empty folder of its own outside the repository and run there
    in a fresh kernel of the environment of ``python``: no PYTHONPATH, an empty raw-sources folder, the
    tables the installed package carries, not a book build (charts as images)."""
    runs = []
    for notebook in published:
        folder = base / f"run-{notebook.stem}"
        folder.mkdir(parents=True)
        (folder / "no-raw-sources").mkdir()
        shutil.copy(notebook, folder / notebook.name)
        runs.append((str(folder / notebook.name), str(folder / f"executed-{notebook.name}"), str(folder)))
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER"}}
    done = subprocess.run([str(python), "-c", RUNNER, json.dumps(runs)], cwd=base,
                          env={**keep, "PYTHONNOUSERSITE": "1"}, capture_output=True, text=True, timeout=1800)
    names = ", ".join(p.name for p in published)
    assert done.returncode == 0, f"{names}: failed when run on their own:\n{done.stderr[-3000:]}"
    return [nbformat.read(target, as_version=4) for _, target, _ in runs]


@pytest.mark.long  # a wheel, a fresh environment and every notebook run again
def test_published_notebooks_run_on_their_own_and_print_the_books_values(book_build, built_book, tmp_path_factory,
                                                                         capsys):
    """Each published notebook, copied to an empty folder outside the repository, runs top to bottom in a
    fresh kernel with only the package installed as its Colab cell installs it (a wheel, built here from
    this checkout) and no raw sources; every value its text shows (each glue role, formatted as the book
    formats it) equals the book's, and the book's page shows those values. Nothing of the repository is
    on the search path and its data/ is not read: the tables are the wheel's."""
    base = tmp_path_factory.mktemp("standalone")
    assert not base.resolve().is_relative_to(ROOT)
    paths = notebooks(built_book)
    setup_cell = nbformat.read(paths[0], as_version=4).cells[0].source
    python = install_as_colab_does(setup_cell, base / "install")
    executed_dir = book_build.out / "_build" / conversion.EXECUTED
    halves = [paths[0::2], paths[1::2]]  # two at a time, one client process each
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        done = pool.map(lambda half: run_standalone(half, base, python), halves)
    runs = {path: rerun for half, reruns in zip(halves, done) for path, rerun in zip(half, reruns)}
    times = {}
    environment = (base / "install" / "env").resolve()
    for path, rerun in runs.items():
        doc = path.relative_to(built_book / "_notebooks").with_suffix("").as_posix()
        info = rerun.metadata["standalone"]
        times[doc] = info["seconds"]
        assert Path(info["package"]).resolve().is_relative_to(environment), (
            f"{doc}: the package imported is not the one installed from the wheel ({info['package']})")
        on_path = [p for p in info["sys_path"] if Path(p).is_absolute() and Path(p).resolve().is_relative_to(ROOT)
                   and not Path(p).resolve().is_relative_to((ROOT / ".venv").resolve())]
        assert not on_path, f"{doc}: the repository is on the notebook's search path: {on_path}"
        outputs = [o for cell in rerun.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
        assert not [o for o in outputs if "da-chart-spec" in o.get("data", {}).get("text/html", "")], (
            f"{doc} draws book-only (script) charts outside the book")
        book_glue = export.read_glue(executed_dir / f"{doc}.glue.json")
        source = nbformat.read(executed_dir / f"{doc}.ipynb", as_version=4)
        prose = "\n".join(c.source for c in source.cells if c.cell_type == "markdown")
        context = lambda glue: markdown.Context(glue=glue, cite={}, page_url=str, title=str, docname=doc)  # noqa: E731
        book_values = markdown.glued_texts(prose, context(book_glue))
        standalone_values = markdown.glued_texts(prose, context(export.glue_values(rerun)))
        differ = [(role, a, b) for (role, a), (_, b) in zip(book_values, standalone_values) if a != b]
        assert not differ, f"{doc}: values that differ from the book's (role, book, standalone): {differ}"
        page = html.unescape(re.sub(r"<[^>]+>", "", (built_book / f"{doc}.html").read_text(encoding="utf-8")))
        shown = " ".join(page.split())
        missing = [(role, value) for role, value in book_values  # a word is escaped for Markdown: unescape it
                   if role.startswith("{glue:text}") and " ".join(re.sub(r"\\(.)", r"\1", value).split()) not in shown]
        assert not missing, f"{doc}: values the book's page does not show: {missing}"
    with capsys.disabled():
        print("\nstandalone run time (s), two at a time: "
              + ", ".join(f"{doc} {t:.1f}" for doc, t in sorted(times.items())) + f"; total {sum(times.values()):.1f}")
    images = sum("image/png" in o.get("data", {}) for c in runs[built_book / "_notebooks" / "book" / "trade.ipynb"].cells
                 if c.cell_type == "code" for o in c.get("outputs", []))
    assert images >= 4, "the trade chapter's charts appear as images outside the book"


def test_published_notebooks_are_executed_and_plain_commonmark(built_book):
    """0 placeholders of MyST in any published notebook's text; every code cell that the book shows ran
    (its outputs are stored); charts carry Vega-Lite for JupyterLab and a PNG for any other front end."""
    for path in notebooks(built_book):
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        assert export.leftover_markup(notebook) == [], path.name
        code = [c for c in notebook.cells if c.cell_type == "code" and c.id != conversion.SETUP_ID]
        assert all(c.execution_count for c in code), f"{path.name}: a code cell did not run"
    trade = nbformat.read(built_book / "_notebooks" / "book" / "trade.ipynb", as_version=4)
    charts = [o for c in trade.cells if c.cell_type == "code" for o in c.outputs if export.VEGALITE in o.get("data", {})]
    assert len(charts) >= 4 and all("image/png" in o.data for o in charts)


TINY_CHAPTER = MINIMAL_NOTEBOOK_HEADER + """
# A tiny chapter

:::{div} da-abstract
**Abstract.** Trade was highest in {glue:text}`peak`, at {glue:text}`share:.1f` % {cite}`imf_dots`.
:::

```{admonition} Key findings
:class: tip
- The peak year is {glue:text}`peak`; see {doc}`execution`.
```

```{code-cell} ipython3
from double_ally.book.glue import glue

glue("peak", 2014)
glue("share", 3.456)
```
"""


def test_a_tiny_book_publishes_its_chapter_converted_and_reports_its_execution(tmp_path, tiny_build):
    """The strict build of a tiny book with one chapter and the real execution report page: the chapter's
    notebook is published executed, in CommonMark with its values, and the report lists it as clean.
    Built again with no change, the notebook is kept as it was (not converted again); after a change to
    the bibliography it cites, it is published again with the new reference, and with its outputs,
    although the chapter, read again, took them from the execution cache."""
    pages = {"book/intro": "# A tiny book\n", "book/tiny": TINY_CHAPTER, "book/execution": None,
             "book/reproduce": "# Reproduce\n",
             "book/references": "# References\n\n```{bibliography}\n:all:\n```\n"}
    source = tiny_book(tmp_path / "src", pages)
    code, output = tiny_build(source, tmp_path / "out")
    assert code == 0, output[-3000:]
    html_dir = tmp_path / "out" / "_build" / "html"
    published = html_dir / "_notebooks" / "book" / "tiny.ipynb"
    notebook = nbformat.read(published, as_version=4)
    abstract = ("# A tiny chapter\n\n**Abstract.** Trade was highest in 2014, at 3.5 % "
                "\\[[International Monetary Fund, {year}](<../../book/references.html>)\\].\n\n"
                "> **Key findings**\n>\n> - The peak year is 2014; see [Execution report](<../../book/execution.html>).")
    assert notebook.cells[0].source == abstract.format(year=2022)
    assert notebook.cells[1].id == export.NOTE_ID
    assert notebook.cells[2].cell_type == "code" and notebook.cells[2].execution_count == 1
    report = re.sub(r"<[^>]+>", " ", (html_dir / "book" / "execution.html").read_text(encoding="utf-8"))
    row = re.search(r"book/tiny\s+\S+\s+\S+\s+(\w+)\s+([\d.]+)\s+(\S+)", report)
    assert row and row.group(1) in {"cache", "auto", "force"} and float(row.group(2)) > 0 and row.group(3) == "✅"

    written = published.stat().st_mtime_ns
    code, output = tiny_build(source, tmp_path / "out")
    assert code == 0, output[-3000:]
    assert published.stat().st_mtime_ns == written, "a rebuild with no change wrote the notebook again"
    os.utime(source / "book" / "tiny.md")  # read again, its code unchanged: its outputs come from the cache
    bib = source / "book" / "bib" / "core.bib"
    entry = re.search(r"@dataset\{imf_dots,.*?\n\}", bib.read_text(encoding="utf-8"), re.S).group(0)
    bib.write_text(bib.read_text(encoding="utf-8").replace(entry, entry.replace("{2022}", "{2023}")), encoding="utf-8")
    code, output = tiny_build(source, tmp_path / "out")
    assert code == 0, output[-3000:]
    again = nbformat.read(published, as_version=4)
    assert again.cells[0].source == abstract.format(year=2023)
    assert again.cells[2].execution_count == 1 and again.cells[2].outputs == notebook.cells[2].outputs, (
        "a chapter whose outputs came from the execution cache was published without them")


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
