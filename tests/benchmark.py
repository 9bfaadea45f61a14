"""Benchmark (not a test): the build, the tests and the pages, measured. Run: python3 tasks.py bench

Prints, in seconds and kilobytes:
  clean build          _build removed, execution cache empty
  no-change rebuild    the same command again (the median of three runs, here and for the floor book)
  one-chapter edit     a code cell of the trade chapter changed (re-executes that chapter only)
  test suite           the whole pytest run (it builds its own clean copy of the book); its ratio to the
                       clean build is also given in CPU seconds (user + system of the processes each ran)
  heaviest page        the largest page's own HTML (assets under _static are shared and cached)
  shared assets        everything under _static, the Vega bundle among them, loaded once per site
  derive all tables    raw sources -> data/ (needs $DOUBLE_ALLY_RAW)
  load slowest table   double_ally.core.data.load, validation and checksum included (first load)
  load it again        the same load a second time (validated once per process: a cache hit)
  floor book           a generated book with as many executed notebooks, each loading a small pandas
                       table and drawing three Altair charts, same configuration, built clean and again:
                       absolute times on shared machines vary, the ratios to the floor much less
  largest module       lines of code (no blank, comment or docstring lines) of the package's largest module
"""

from __future__ import annotations

import ast
import io
import json
import tempfile
import tokenize
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tasks  # noqa: E402

CHAPTER = ROOT / "book" / "trade.md"
RESULTS = ROOT / "tests" / "benchmark_results.json"


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def children_cpu() -> float:
    """CPU seconds (user + system) of the child processes ended so far, and of theirs that they waited for."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed_with_cpu(func) -> tuple[float, float]:
    """Wall-clock seconds and the CPU seconds of the processes ``func`` ran."""
    cpu = children_cpu()
    wall = timed(func)
    return wall, children_cpu() - cpu


def no_change(build) -> float:
    """The median of three no-change rebuilds: one takes 3 to 5 s here, and a few tenths of a second of
    noise in one sample moved its ratio to the floor's by 0.1 or more."""
    return statistics.median(timed(build) for _ in range(3))


def build_or_fail() -> None:
    code, output = tasks.build(echo=False)
    if code != 0:
        sys.exit(output[-3000:])


def edited_chapter_build() -> float:
    original = CHAPTER.read_text(encoding="utf-8")
    marker = 'bilateral = load("trade_kor_rus_bilateral")'
    CHAPTER.write_text(original.replace(marker, marker + "  # benchmark edit", 1), encoding="utf-8")
    try:
        return timed(build_or_fail)
    finally:
        CHAPTER.write_text(original, encoding="utf-8")


def page_weights(html: Path) -> tuple[str, float, float]:
    pages = [p for p in html.rglob("*.html") if "_static" not in p.parts]
    heaviest = max(pages, key=lambda p: p.stat().st_size)
    shared = sum(p.stat().st_size for p in (html / "_static").rglob("*") if p.is_file())
    return str(heaviest.relative_to(html)), heaviest.stat().st_size / 1024, shared / 1024


FLOOR_CELL = """\
import altair as alt
import pandas as pd

from double_ally.core import charts

frame = pd.DataFrame({{"year": list(range(2000, 2021)), "value": [(i * 37 + {n}) % 101 for i in range(21)]}})
"""
FLOOR_CHART = """\
charts.figure(alt.Chart(frame).mark_{mark}().encode(x="year:O", y="value:Q"), name="floor-{n}-{k}",
              title="Floor chart {k}", source="Generated numbers.", alt_text="A generated chart.")
"""


def notebook_count() -> int:
    return sum("kernelspec:" in p.read_text(encoding="utf-8")[:600] for p in (ROOT / "book").glob("*.md"))


def floor_book(folder: Path, notebooks: int) -> Path:
    """A book with ``notebooks`` executed pages of three charts each and this book's configuration."""
    book = folder / "book"
    shutil.copytree(ROOT / "book" / "_static", book / "_static")
    shutil.copytree(ROOT / "book" / "bib", book / "bib")
    shutil.copy(ROOT / "_config.yml", folder / "_config.yml")
    shutil.copy(ROOT / "CITATION.cff", folder / "CITATION.cff")
    header = (ROOT / "book" / "trade.md").read_text(encoding="utf-8").split("---", 2)[1]
    chapters = []
    for n in range(notebooks):
        cells = [FLOOR_CELL.format(n=n)] + [FLOOR_CHART.format(n=n, k=k, mark=m)
                                           for k, m in enumerate(("line", "bar", "point"))]
        body = "\n".join(f"```{{code-cell}} ipython3\n{c}```\n" for c in cells)
        (book / f"floor{n}.md").write_text(f"---{header}---\n\n# Floor page {n}\n\n{body}", encoding="utf-8")
        chapters.append(f"      - file: book/floor{n}")
    (book / "intro.md").write_text("# Floor book\n\nA benchmark floor.\n", encoding="utf-8")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: book/intro\nparts:\n  - caption: Pages\n"
                                     "    chapters:\n" + "\n".join(chapters) + "\n", encoding="utf-8")
    return folder


def floor_times(notebooks: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = floor_book(Path(tmp), notebooks)

        def build():
            code, output = tasks.build(source=folder, echo=False)
            if code != 0:
                sys.exit("the floor book failed to build:\n" + output[-3000:])

        return timed(build), no_change(build)


def code_lines(path: Path) -> int:
    """Lines holding code: no blank lines, comments or docstrings."""
    text = path.read_text(encoding="utf-8")
    docstrings = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                            tokenize.ENDMARKER):
            lines.update(range(tok.start[0], tok.end[0] + 1))
    return len(lines - docstrings)


def largest_module() -> tuple[str, int]:
    sizes = {str(p.relative_to(ROOT)): code_lines(p) for p in (ROOT / "double_ally").rglob("*.py")}
    name = max(sizes, key=sizes.get)
    return name, sizes[name]


def derive_and_load() -> tuple[float | None, str, float, float]:
    from double_ally import chapters
    from double_ally.core import sources
    from double_ally.core.data import load, table_names
    from double_ally.core.derive import build

    derive_s = None if sources.missing() else timed(lambda: build(chapters.tables()))
    import pandas  # noqa: F401  (imports warmed up outside the timing)
    import frictionless  # noqa: F401

    loads = {name: timed(lambda n=name: load(n)) for name in table_names()}
    slowest = max(loads, key=loads.get)
    return derive_s, slowest, loads[slowest], timed(lambda: load(slowest))


def main() -> None:
    shutil.rmtree(tasks.BUILD_DIR, ignore_errors=True)
    clean, clean_cpu = timed_with_cpu(build_or_fail)
    nochange = no_change(build_or_fail)
    edit = edited_chapter_build()
    build_or_fail()  # leave the build matching the sources
    heaviest, heaviest_kb, shared_kb = page_weights(tasks.BUILD_DIR / "html")
    suite = {}
    tests, tests_cpu = timed_with_cpu(lambda: suite.update(result=subprocess.run(
        [sys.executable, "-m", "pytest", *tasks.pytest_args(["-q", "-p", "no:cacheprovider"])], cwd=ROOT,
        capture_output=True, text=True)))
    summary = (suite["result"].stdout.strip().splitlines() or ["no output"])[-1]
    derive_s, slowest, load_s, reload_s = derive_and_load()
    pages = notebook_count()
    floor_clean, floor_nochange = floor_times(pages)
    module, module_lines = largest_module()
    print(f"machine              {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"clean build          {clean:6.1f} s")
    print(f"no-change rebuild    {nochange:6.1f} s")
    print(f"one-chapter edit     {edit:6.1f} s")
    print(f"test suite           {tests:6.1f} s  ({summary})")
    print(f"heaviest page        {heaviest_kb:6.1f} KB  ({heaviest})")
    print(f"shared assets        {shared_kb:6.1f} KB  (_static, cached after the first page)")
    print("derive all tables    " + (f"{derive_s:6.1f} s" if derive_s is not None else "  skipped (no raw sources)"))
    print(f"load slowest table   {load_s:6.2f} s  ({slowest})")
    print(f"load it again        {reload_s:6.3f} s")
    print(f"floor book           {floor_clean:6.1f} s clean, {floor_nochange:.1f} s no-change ({pages} notebooks x 3 charts)")
    print(f"clean / floor        {clean / floor_clean:6.2f}   (target <= 1.5)")
    print(f"no-change / floor    {nochange / floor_nochange:6.2f}   (target <= 1.2)")
    print(f"tests / clean build  {tests / clean:6.2f}   (target <= 3)")
    print(f"  in CPU seconds     {tests_cpu / clean_cpu:6.2f}   ({tests_cpu:.0f} / {clean_cpu:.0f}; the suite uses every core,"
          " the build's notebooks run one after the other)")
    print(f"largest module       {module_lines:6d} lines of code ({module}; target <= 300)")
    RESULTS.write_text(json.dumps({
        "measured_on": time.strftime("%Y-%m-%d"),
        "machine": {"os": f"{platform.system()} {platform.release()}", "distribution": _distribution(),
                    "arch": platform.machine(), "cores": os.cpu_count(), "memory_gib": _memory_gib(),
                    "python": platform.python_version()},
        "seconds": {"clean_build": round(clean, 1), "no_change_rebuild": round(nochange, 1),
                    "one_chapter_edit": round(edit, 1), "test_suite": round(tests, 1),
                    "derive_all_tables": None if derive_s is None else round(derive_s, 1),
                    "load_slowest_table": round(load_s, 2), "load_it_again": round(reload_s, 3),
                    "floor_clean_build": round(floor_clean, 1), "floor_no_change_rebuild": round(floor_nochange, 1)},
        "ratios": {"clean_build_to_floor": round(clean / floor_clean, 2),
                   "no_change_to_floor": round(nochange / floor_nochange, 2),
                   "test_suite_to_clean_build": round(tests / clean, 2),
                   "test_suite_to_clean_build_cpu": round(tests_cpu / clean_cpu, 2)},
        "cpu_seconds": {"clean_build": round(clean_cpu, 1), "test_suite": round(tests_cpu, 1)},
        "floor_notebooks": pages, "largest_module": {"path": module, "lines_of_code": module_lines},
        "kilobytes": {"heaviest_page": round(heaviest_kb, 1), "shared_assets": round(shared_kb, 1)},
        "heaviest_page": heaviest, "slowest_table": slowest, "test_suite_result": summary,
    }, indent=2) + "\n")
    print(f"written to {RESULTS.relative_to(ROOT)} (read by the 'Reproduce this book' page)")
    if suite["result"].returncode != 0:
        sys.exit(f"the test suite failed:\n{suite['result'].stdout[-3000:]}")


def _distribution() -> str:
    try:
        return platform.freedesktop_os_release().get("PRETTY_NAME", "")
    except OSError:
        return ""


def _memory_gib() -> float | None:
    try:
        return round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        return None


if __name__ == "__main__":
    main()
