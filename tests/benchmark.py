"""Benchmark (not a test): the build, the tests and the pages, measured. Run: python3 tasks.py bench

Prints, in seconds and kilobytes:
  clean build          _build removed, execution cache empty
  no-change rebuild    the same command again
  one-chapter edit     a code cell of the trade chapter changed (re-executes that chapter only)
  test suite           the whole pytest run (it builds its own clean copy of the book)
  heaviest page        the largest page's own HTML (assets under _static are shared and cached)
  shared assets        everything under _static, the Vega bundle among them, loaded once per site
  derive all tables    raw sources -> data/ (needs $DOUBLE_ALLY_RAW)
  load slowest table   double_ally.core.data.load, validation and checksum included
"""

from __future__ import annotations

import json
import os
import platform
import shutil
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


def derive_and_load() -> tuple[float | None, str, float]:
    from double_ally import chapters
    from double_ally.core import sources
    from double_ally.core.data import load, table_names
    from double_ally.core.derive import build

    derive_s = None if sources.missing() else timed(lambda: build(chapters.tables()))
    load("trade_kor_rus_bilateral")  # imports warmed up
    loads = {name: timed(lambda n=name: load(n)) for name in table_names()}
    slowest = max(loads, key=loads.get)
    return derive_s, slowest, loads[slowest]


def main() -> None:
    shutil.rmtree(tasks.BUILD_DIR, ignore_errors=True)
    clean = timed(build_or_fail)
    nochange = timed(build_or_fail)
    edit = edited_chapter_build()
    build_or_fail()  # leave the build matching the sources
    heaviest, heaviest_kb, shared_kb = page_weights(tasks.BUILD_DIR / "html")
    suite = {}
    tests = timed(lambda: suite.update(result=subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=ROOT,
        capture_output=True, text=True)))
    summary = (suite["result"].stdout.strip().splitlines() or ["no output"])[-1]
    derive_s, slowest, load_s = derive_and_load()
    print(f"machine              {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"clean build          {clean:6.1f} s")
    print(f"no-change rebuild    {nochange:6.1f} s")
    print(f"one-chapter edit     {edit:6.1f} s")
    print(f"test suite           {tests:6.1f} s  ({summary})")
    print(f"heaviest page        {heaviest_kb:6.1f} KB  ({heaviest})")
    print(f"shared assets        {shared_kb:6.1f} KB  (_static, cached after the first page)")
    print("derive all tables    " + (f"{derive_s:6.1f} s" if derive_s is not None else "  skipped (no raw sources)"))
    print(f"load slowest table   {load_s:6.2f} s  ({slowest})")
    RESULTS.write_text(json.dumps({
        "measured_on": time.strftime("%Y-%m-%d"),
        "machine": {"os": f"{platform.system()} {platform.release()}", "distribution": _distribution(),
                    "arch": platform.machine(), "cores": os.cpu_count(), "memory_gib": _memory_gib(),
                    "python": platform.python_version()},
        "seconds": {"clean_build": round(clean, 1), "no_change_rebuild": round(nochange, 1),
                    "one_chapter_edit": round(edit, 1), "test_suite": round(tests, 1),
                    "derive_all_tables": None if derive_s is None else round(derive_s, 1),
                    "load_slowest_table": round(load_s, 2)},
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
