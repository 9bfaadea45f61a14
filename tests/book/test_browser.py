"""Every page of the built book in headless Chromium: drawn charts, no console error, no outside request."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from conftest import REDIRECT, VIEWPORTS, page_paths, visit

pytestmark = [pytest.mark.build, pytest.mark.browser]

# Every test that reads the pages' visits (``page_visits``) is in this file: the test command spreads
# the tests over processes file by file (--dist loadfile), so that the pages are visited once per run.
MAX_DRAW_MS = 1000
SERIOUS = {"serious", "critical"}


def test_redirect_stubs_point_at_pages_that_exist(built_book):
    for page in built_book.rglob("*.html"):
        match = REDIRECT.search(page.read_text()[:300])
        if match:
            assert (page.parent / match.group(1)).is_file(), f"{page.name} redirects to a missing page"


def problems(page_visits, check) -> list[str]:
    return [f"{path} ({label}): {found}" for (path, label), seen in page_visits.items() if (found := check(seen))]


@pytest.mark.long  # the visits: every page in two viewports, with axe
def test_every_page_and_viewport_was_visited(built_book, page_visits):
    assert set(page_visits) == {(path, label) for path in page_paths(built_book) for label in VIEWPORTS}


def test_no_page_logs_a_console_error(page_visits):
    found = problems(page_visits, lambda seen: seen.errors)
    assert not found, "\n".join(found)


def test_no_page_makes_a_request_that_leaves_the_machine(page_visits):
    found = problems(page_visits, lambda seen: seen.outside)
    assert not found, "\n".join(found)


def test_every_chart_is_drawn(page_visits):
    def undrawn(seen):
        if any(s != "true" for s in seen.chart_states) or seen.chart_svgs != len(seen.chart_states):
            return f"charts not drawn: {seen.chart_states}, {seen.chart_svgs} Vega views"
        return None

    assert sum(len(seen.chart_states) for seen in page_visits.values()) > 0, "no chart found on any page"
    found = problems(page_visits, undrawn)
    assert not found, "\n".join(found)


def wider_than_the_screen(seen) -> str | None:
    return f"{seen.overflow_px} px wider than the screen" if seen.overflow_px > 0 else None


def test_no_page_scrolls_sideways(page_visits):
    """Wide tables, code and charts scroll inside their own box; the page itself fits every screen."""
    found = problems(page_visits, wider_than_the_screen)
    assert not found, "\n".join(found)


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


MIN_CHART_TEXT_PX = 10  # the smallest chart text a reader must be able to read, on a phone too


def test_chart_text_is_at_least_10_px_on_every_page_and_screen(page_visits):
    found = problems(page_visits, lambda seen: (f"smallest chart text {seen.smallest_chart_text_px:.1f} px"
                                                if 0 < seen.smallest_chart_text_px < MIN_CHART_TEXT_PX else None))
    assert not found, "\n".join(found)


def test_no_page_shows_raw_markup(page_visits):
    found = problems(page_visits, lambda seen: f"shows {seen.raw_markup}" if seen.raw_markup else None)
    assert not found, "\n".join(found)


def test_no_table_header_is_in_snake_case(page_visits):
    found = problems(page_visits, lambda seen: f"headers {seen.snake_headers}" if seen.snake_headers else None)
    assert not found, "\n".join(found)


def test_the_landing_page_shows_one_verdict_per_register_row(built_book):
    from bs4 import BeautifulSoup

    from double_ally.book import register

    root = built_book / "book" / "intro.html"  # the root page (index.html redirects to it)
    strip = BeautifulSoup(root.read_text(encoding="utf-8"), "html.parser").find(class_="da-strip")
    assert strip is not None, "the landing page has no verdict strip"
    shown = [li["data-verdict"] for li in strip.find_all("li")]
    assert shown == list(register.committed()["verdict"])


def test_accessibility_audit_finds_no_serious_violations(page_visits):
    problems = []
    for (path, label), seen in page_visits.items():
        for violation in seen.axe_violations:
            if violation["impact"] in SERIOUS:
                targets = [n["target"] for n in violation["nodes"][:3]]
                problems.append(f"{path} ({label}): {violation['impact']} {violation['id']} ({violation['help']}) "
                                f"at {targets}")
    assert not problems, "\n".join(problems)


def test_every_chart_is_drawn_within_a_second_of_page_load(page_visits):
    slow = [f"{path}: charts drawn {[round(d) for d in seen.draw_delays_ms]} ms after load"
            for (path, label), seen in page_visits.items()
            if label == "desktop" and any(d > MAX_DRAW_MS for d in seen.draw_delays_ms)]
    assert any(seen.draw_delays_ms for seen in page_visits.values()), "no page with a chart was visited"
    assert not slow, "\n".join(slow)
