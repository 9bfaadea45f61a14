"""The book as its readers meet it: accessible, linked, light, fast, and built without a network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import VIEWPORTS, offline_unavailable, page_paths, skip_or_fail, tasks, visit

pytestmark = pytest.mark.build

MAX_PAGE_KB = 300


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


def test_the_session_build_ran_without_a_network(book_build):
    """The one build of the run happens in a network namespace that holds nothing but loopback."""
    reason = offline_unavailable()
    if reason:
        skip_or_fail(reason)
    assert book_build.offline
    probe = [sys.executable, "-c", "import socket; print(' '.join(n for _, n in socket.if_nameindex()))"]
    inside = subprocess.run(tasks.OFFLINE + probe, capture_output=True, text=True)
    assert inside.returncode == 0, inside.stderr
    assert inside.stdout.split() == ["lo"], f"the offline build could reach interfaces {inside.stdout.split()}"


@pytest.mark.browser
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
