"""Every page of the built book in headless Chromium: drawn charts, no console error, no outside request."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from conftest import REDIRECT, ROOT, VIEWPORTS, page_paths, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]

SCREENSHOTS = ROOT / "_build" / "screenshots"


def test_redirect_stubs_point_at_pages_that_exist(built_book):
    for page in built_book.rglob("*.html"):
        match = REDIRECT.search(page.read_text()[:300])
        if match:
            assert (page.parent / match.group(1)).is_file(), f"{page.name} redirects to a missing page"


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
