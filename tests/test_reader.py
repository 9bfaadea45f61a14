"""The book as its readers meet it: accessible, linked, light, fast, and built without a network."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import PUBLISH_ENV, ROOT, VIEWPORTS, page_paths, tasks, visit

pytestmark = pytest.mark.build

MAX_PAGE_KB = 300
MAX_DRAW_MS = 1000
SERIOUS = {"serious", "critical"}


def html_pages(built_book: Path) -> list[Path]:
    return [built_book / p for p in page_paths(built_book)]


def test_every_page_is_light(built_book):
    heavy = {str(p.relative_to(built_book)): p.stat().st_size // 1024
             for p in html_pages(built_book) if p.stat().st_size > MAX_PAGE_KB * 1024}
    assert not heavy, f"pages over {MAX_PAGE_KB} KB (shared _static assets not counted): {heavy}"


def test_internal_links_and_anchors_resolve(built_book):
    broken = []
    ids: dict[Path, set[str]] = {}

    def anchors(page: Path) -> set[str]:
        if page not in ids:
            soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
            ids[page] = {el.get("id") for el in soup.find_all(id=True)} | {a.get("name") for a in soup.find_all("a", attrs={"name": True})}
        return ids[page]

    for page in html_pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a", href=True):
            href = a["href"]
            parsed = urlparse(href)
            if parsed.scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            if parsed.path.endswith(".pdf"):
                continue  # the PDF edition is a separate build; test_citation checks its link
            target = page if not parsed.path else (page.parent / unquote(parsed.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_book)}: {href} (no such file)")
            elif parsed.fragment and target.suffix == ".html" and unquote(parsed.fragment) not in anchors(target):
                broken.append(f"{page.relative_to(built_book)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_accessibility_audit_finds_no_serious_violations(built_book, server, browser):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    for path in page_paths(built_book):
        page, _, _ = visit(browser, f"{server}/{path}", VIEWPORTS["desktop"])
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{path}: {violation['impact']} {violation['id']} ({violation['help']}) at {targets}")
        page.close()
    assert not problems, "\n".join(problems)


def test_every_chart_is_drawn_within_a_second_of_page_load(built_book, server, browser):
    slow = []
    for path in page_paths(built_book):
        page, _, _ = visit(browser, f"{server}/{path}", VIEWPORTS["desktop"])
        loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        drawn = page.eval_on_selector_all("figure.da-chart", "els => els.map(e => +e.dataset.drawnAt)")
        page.close()
        late = [round(t - loaded) for t in drawn if t - loaded > MAX_DRAW_MS]
        if late:
            slow.append(f"{path}: charts drawn {late} ms after load")
    assert not slow, "\n".join(slow)


@pytest.fixture(scope="session")
def offline_book(tmp_path_factory) -> Path:
    if os.geteuid() != 0 or not shutil.which("unshare") or not shutil.which("ip"):
        message = "an offline build needs root, unshare and ip (Linux network namespaces)"
        if os.environ.get("DOUBLE_ALLY_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("offline")
    code, output = tasks.build(out=out, echo=False, offline=True, env=PUBLISH_ENV)
    assert code == 0, f"the build failed with the network switched off:\n{output[-3000:]}"
    return out / "_build" / "html"


def chart_specs_and_outputs(html_dir: Path) -> dict[str, list[str]]:
    found = {}
    for page in html_pages(html_dir):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        main = soup.select_one("main") or soup
        parts = [s.get_text() for s in main.select("script.da-chart-spec")]
        parts += [str(o) for o in main.select(".cell_output")]
        parts += [p.get_text() for p in main.select("p")]
        found[str(page.relative_to(html_dir))] = parts
    return found


def test_build_without_network_gives_identical_charts_and_outputs(built_book, offline_book):
    """Two clean builds -- one with no network at all -- give the same chart specs, data and text."""
    first, second = chart_specs_and_outputs(built_book), chart_specs_and_outputs(offline_book)
    assert first.keys() == second.keys()
    for page in first:
        assert first[page] == second[page], f"{page} differs between two clean builds"


def test_a_broken_cross_reference_fails_the_build(tmp_path):
    source = tmp_path / "src"
    for name in ("book", "_config.yml", "_toc.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, source / name)
    intro = source / "book" / "intro.md"
    intro.write_text(intro.read_text() + "\nSee {doc}`a-chapter-that-does-not-exist`.\n")
    code, output = tasks.build(source=source, out=tmp_path / "out", echo=False)
    assert code != 0
    summary = output[output.index("BUILD FAILED"):]
    assert "book/intro.md" in summary and "a-chapter-that-does-not-exist" in summary


def test_keyboard_reaches_a_charts_data_table(built_book, server, browser):
    """Tabbing through the trade chapter reaches the first chart's data table, which Enter opens."""
    page, _, _ = visit(browser, f"{server}/book/trade.html", VIEWPORTS["desktop"])
    target = "figure.da-chart details.da-chart-data > summary"
    reached = False
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector({target!r})"):
            reached = True
            break
    assert reached, "the data table of the first chart cannot be reached with the keyboard"
    page.keyboard.press("Enter")
    assert page.evaluate(f"document.querySelector({target!r}).parentElement.open")
    page.close()
