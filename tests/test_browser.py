"""Every page of the built book in headless Chromium: drawn charts, no console error, no outside request."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from urllib.parse import unquote
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.build, pytest.mark.browser]

SCREENSHOTS = ROOT / "_build" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_book):
    handler = functools.partial(QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)"', re.I)


def page_paths(built_book: Path) -> list[str]:
    """Every HTML page of the book, except one-line redirect stubs (checked separately)."""
    paths = (p for p in built_book.rglob("*.html") if "_static" not in p.parts)
    return sorted(str(p.relative_to(built_book)) for p in paths if not REDIRECT.search(p.read_text()[:300]))


def test_redirect_stubs_point_at_pages_that_exist(built_book):
    for page in built_book.rglob("*.html"):
        match = REDIRECT.search(page.read_text()[:300])
        if match:
            assert (page.parent / match.group(1)).is_file(), f"{page.name} redirects to a missing page"


def visit(browser, url, viewport):
    page = browser.new_page(viewport=viewport)
    errors, outside = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "file://", "data:", "blob:", "about:")) else None)
    page.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    figures = page.locator("figure.da-chart")
    if figures.count():
        page.wait_for_function(
            "() => [...document.querySelectorAll('figure.da-chart')].every(f => f.dataset.chartDrawn)",
            timeout=10_000)
    return page, errors, outside


def test_every_page_draws_its_charts_without_errors_or_outside_requests(built_book, server, browser):
    problems = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path in page_paths(built_book):
        for label, viewport in VIEWPORTS.items():
            page, errors, outside = visit(browser, f"{server}/{path}", viewport)
            states = page.eval_on_selector_all("figure.da-chart", "els => els.map(e => e.dataset.chartDrawn)")
            svgs = page.locator("figure.da-chart .da-chart-view svg.marks").count()
            page.screenshot(path=str(SCREENSHOTS / f"{path.replace('/', '_')}-{label}.png"), full_page=True)
            page.close()
            if errors:
                problems.append(f"{path} ({label}): console errors {errors}")
            if outside:
                problems.append(f"{path} ({label}): requests leaving the machine {outside}")
            if any(s != "true" for s in states) or svgs != len(states):
                problems.append(f"{path} ({label}): charts not drawn {states}")
    assert not problems, "\n".join(problems)


def test_chart_data_table_and_tooltip_are_reachable(built_book, server, browser):
    page, errors, _ = visit(browser, f"{server}/book/trade.html", VIEWPORTS["desktop"])
    first = page.locator("figure.da-chart").first
    first.locator("details.da-chart-data summary").click()
    rows = first.locator("table.da-chart-table tbody tr").count()
    assert rows > 20
    href = first.locator("a.da-chart-csv").get_attribute("href")
    assert href.startswith("data:text/csv")
    csv = unquote(href.split(",", 1)[1]).strip().splitlines()
    header = [th.strip() for th in first.locator("table.da-chart-table thead th").all_inner_texts()]
    assert csv[0].split(",") == header and len(csv) == rows + 1  # the CSV is the table
    mark = first.locator("svg path[aria-roledescription='line mark'], svg .mark-line path").first
    assert mark.count() == 1
    page.close()
    assert not errors


def test_the_book_works_from_file_urls(built_book, browser):
    page, errors, outside = visit(browser, (built_book / "book" / "trade.html").as_uri(), VIEWPORTS["desktop"])
    drawn = page.eval_on_selector_all("figure.da-chart", "els => els.map(e => e.dataset.chartDrawn)")
    page.close()
    assert drawn and all(s == "true" for s in drawn)
    assert not outside
