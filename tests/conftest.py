"""Shared fixtures: the raw folder, a clean strict build of the book, headless Chromium."""

from __future__ import annotations

import functools
import re
import http.server
import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tasks.py, the build command the README documents

import tasks  # noqa: E402

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
REQUIRE_BROWSER = os.environ.get("DOUBLE_ALLY_REQUIRE_BROWSER") == "1"


# The tests build the book as the publishing workflow does, with an address and a repository, so that
# the canonical links, sitemap, social tags and launch links are built and checked. The addresses are
# placeholders under example.org / the "example" account: the tests never fetch them.
PUBLISH_ENV = {
    "DOUBLE_ALLY_BASE_URL": "https://example.org/double-ally",
    "DOUBLE_ALLY_REPOSITORY": "https://github.com/example/double-ally",
}


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """The book built strictly from clean (fresh output folder, empty execution cache), as published."""
    out = tmp_path_factory.mktemp("book")
    code, output = tasks.build(out=out, echo=False, env=PUBLISH_ENV)
    if code != 0:
        pytest.fail(f"strict build from clean failed (exit {code}):\n{output[-4000:]}")
    return out / "_build" / "html"


def chromium_path() -> str | None:
    found = os.environ.get("CHROMIUM") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    return found or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = "no Chromium found (install Debian's 'chromium' package or set CHROMIUM=/path/to/chrome)"
        if REQUIRE_BROWSER:
            pytest.fail(message + "; DOUBLE_ALLY_REQUIRE_BROWSER=1 makes this a failure")
        pytest.skip(message)
    return path


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(built_book):
    handler = functools.partial(QuietHandler, directory=str(built_book))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()




VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
REDIRECT = re.compile(r'<meta http-equiv="Refresh" content="0; url=([^"]+)"', re.I)


def page_paths(built_book: Path) -> list[str]:
    """Every HTML page of the book, except one-line redirect stubs (checked separately)."""
    # 404.html uses the site's absolute addresses (it is served for any missing path): test_publish
    # checks it under its own prefix.
    paths = (p for p in built_book.rglob("*.html") if "_static" not in p.parts and p.name != "404.html")
    return sorted(str(p.relative_to(built_book)) for p in paths if not REDIRECT.search(p.read_text()[:300]))


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


@pytest.fixture
def hand_made_raw(monkeypatch):
    """Point the raw folder at a folder of hand-made raw files and accept them: their digests replace the
    recorded ones (the real files are checked by their sha256; see double_ally.core.sources.require)."""
    import dataclasses

    from double_ally.core import sources

    def use(folder: Path) -> None:
        monkeypatch.setenv(sources.ENV_VAR, str(folder))
        accepted = {key: dataclasses.replace(raw, sha256=sources.file_sha256(raw.path())) if raw.path().is_file()
                    else raw for key, raw in sources.registry().items()}
        monkeypatch.setattr(sources, "registry", lambda: accepted)

    return use
