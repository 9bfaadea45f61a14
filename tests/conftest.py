"""Shared fixtures: the raw folder, the one strict build of the book, headless Chromium and its visits.

A test run builds the book once, from clean, as the publishing workflow does (``book_build``), in a
thread started as soon as the tests are collected, so that it runs beside the unit tests: offline
where the machine allows it (a network namespace with only loopback) and without the raw sources, so
that this one build also proves that the book needs neither. Every test that reads the built book
shares it, also when the tests are spread over processes (``tasks.py test`` runs one per core with
pytest-xdist): one process builds, the others wait for it. The browser tests share one visit per page
and viewport (``page_visits``), in one process. Tests that need
a failing build make a tiny book of their own (``tiny_book``) instead of building the whole book again,
and build it with ``tiny_build``: the same command, forked from one process per worker that has
imported Jupyter Book once (tests/forked_build.py).
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import re
import shutil
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tasks.py, the build command the README documents

import tasks  # noqa: E402

CHROMIUM_CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
REQUIRE_BROWSER = os.environ.get("DOUBLE_ALLY_REQUIRE_BROWSER") == "1"  # CI: nothing here may skip


# The tests build the book as the publishing workflow does, with an address and a repository, so that
# the canonical links, sitemap, social tags and launch links are built and checked. The addresses are
# placeholders under example.org / the "example" account: the tests never fetch them.
PUBLISH_ENV = {
    "DOUBLE_ALLY_BASE_URL": "https://example.org/double-ally",
    "DOUBLE_ALLY_REPOSITORY": "https://github.com/example/double-ally",
}


def skip_or_fail(message: str) -> None:
    """Skip a test whose tools are missing here; in CI (DOUBLE_ALLY_REQUIRE_BROWSER=1) fail it instead."""
    if REQUIRE_BROWSER:
        pytest.fail(message + " (DOUBLE_ALLY_REQUIRE_BROWSER=1 makes this a failure)")
    pytest.skip(message)


def offline_unavailable() -> str | None:
    """Why the build cannot run without a network here, or None if it can."""
    if os.name != "posix" or os.geteuid() != 0:
        return "an offline build needs root (a network namespace made with unshare)"
    if not shutil.which("unshare") or not shutil.which("ip"):
        return "an offline build needs unshare and ip (Linux network namespaces)"
    return None


@dataclasses.dataclass(frozen=True)
class BookBuild:
    out: Path          # the --path-output folder: out/_build holds html/, latex/, .jupyter_cache/
    offline: bool      # built in a network namespace with only loopback
    raw_dir: Path      # the (empty) raw-sources folder the build was given

    @property
    def html(self) -> Path:
        return self.out / "_build" / "html"


class _SessionBuild:
    """The session's one build, started in a thread as soon as the tests are collected (if any selected
    test needs it), so that it runs beside the tests that do not need it; ``result`` waits for it."""

    def __init__(self):
        self.thread: threading.Thread | None = None
        self.outcome: tuple[BookBuild, int, str] | None = None
        self.error: BaseException | None = None

    def start(self, base: Path) -> None:
        self.thread = threading.Thread(target=self._run, args=(base,), name="book-build", daemon=True)
        self.thread.start()

    def _run(self, base: Path) -> None:
        try:
            self.outcome = self._shared(base)
        except BaseException as err:  # handed to the fixture, which fails the tests that need the book
            self.error = err

    def _shared(self, base: Path) -> tuple[BookBuild, int, str]:
        """Build, or wait for the process that builds. With the tests spread over processes (xdist),
        each starts this at collection; the first to create the claim file builds, the others wait for
        its result file. One build per test run, whatever the number of processes."""
        out, no_raw, result = base / "book", base / "no-raw-sources", base / "result.json"
        base.mkdir(parents=True, exist_ok=True)
        try:
            os.close(os.open(base / "claim", os.O_CREAT | os.O_EXCL))
        except FileExistsError:  # another process builds
            waited = time.monotonic()
            while not result.exists():
                if time.monotonic() - waited > BUILD_WAIT_SECONDS:
                    raise TimeoutError(f"the session build in {base} did not finish in {BUILD_WAIT_SECONDS} s")
                time.sleep(1)
        else:
            out.mkdir()
            no_raw.mkdir()
            offline = offline_unavailable() is None
            env = {**PUBLISH_ENV, "DOUBLE_ALLY_RAW": str(no_raw)}
            code, output = tasks.build(out=out, echo=False, env=env, offline=offline)
            partial = base / "result.json.partial"
            partial.write_text(json.dumps({"code": code, "output": output, "offline": offline}))
            partial.replace(result)  # the others see the whole result or none of it
        done = json.loads(result.read_text())
        return BookBuild(out=out, offline=done["offline"], raw_dir=no_raw), done["code"], done["output"]

    def result(self, base: Path) -> tuple[BookBuild, int, str]:
        if self.thread is None:  # not started at collection (e.g. a test asked for it indirectly)
            self.start(base)
        self.thread.join()
        if self.error is not None:
            raise self.error
        return self.outcome


BUILD_WAIT_SECONDS = 45 * 60
SESSION_BUILD = _SessionBuild()


def _build_base(config) -> Path:
    """Where the session's build goes: under the run's temporary folder, shared by all its processes
    (an xdist worker's own folder, popen-gwN, sits in the run's)."""
    base = config._tmp_path_factory.getbasetemp()
    return (base.parent if hasattr(config, "workerinput") else base) / "session-build"


def _needs_book(item) -> bool:
    return "book_build" in getattr(item, "fixturenames", ())


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true",
                     help="save a full-page screenshot of every page visit in _build/screenshots/ (slower)")


def run_order(items) -> list:
    """The files whose tests do not read the built book first, so that they run while the book builds;
    then those that do, the files with a ``long`` test first, so that no long test starts last while
    the other processes have nothing left to do. A file stays whole (processes take the tests file by
    file, ``--dist loadfile``) and keeps its own order; so does each group."""
    reads_book = {item.path for item in items if _needs_book(item)}
    long = {item.path for item in items if item.get_closest_marker("long")}
    return sorted(items, key=lambda item: (item.path in reads_book, item.path not in long))


def pytest_collection_modifyitems(session, config, items):
    """If a selected test reads the built book, start the session's build now and order the tests
    (``run_order``) so that the others run while the book builds. The tests that
    read the browser's visits must share one file: processes take the tests file by file
    (``--dist loadfile``), and so the pages are visited once per run."""
    items[:] = run_order(items)
    if any(_needs_book(item) for item in items) and not config.option.collectonly:
        SESSION_BUILD.start(_build_base(config))
    visiting = {item.path.name for item in items if "page_visits" in getattr(item, "fixturenames", ())}
    if len(visiting) > 1:
        raise pytest.UsageError(f"tests in {sorted(visiting)} read page_visits: keep them in one file, "
                                "so that one process visits the pages")


def pytest_unconfigure(config):
    """A run that stops before its build ends (-x, Ctrl-C) takes the build down with it."""
    if SESSION_BUILD.thread is not None and SESSION_BUILD.thread.is_alive():
        tasks.end_all()
        SESSION_BUILD.thread.join(timeout=30)


@pytest.fixture(scope="session")
def book_build(request) -> BookBuild:
    """The book built strictly from clean (fresh output folder, empty execution cache), as published,
    with an empty raw-sources folder, and offline when the machine allows it. The build started when
    the tests were collected (``SESSION_BUILD``); this waits for it."""
    build, code, output = SESSION_BUILD.result(_build_base(request.config))
    if code != 0:
        where = "with the network switched off and " if build.offline else ""
        pytest.fail(f"strict build from clean {where}without raw sources failed (exit {code}):\n{output[-4000:]}")
    return build


@pytest.fixture(scope="session")
def built_book(book_build) -> Path:
    """The HTML folder of the session's one build."""
    return book_build.html


# ------------------------------------------------------------------------------------- a tiny book

MINIMAL_NOTEBOOK_HEADER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
"""


def tiny_book(target: Path, pages: dict[str, str]) -> Path:
    """A book with the real configuration (``_config.yml``, bibliography, static files, extension) and
    only ``pages`` ({docname: MyST text}; the first is the root, the others its chapters). A failing
    variant of the build can be checked on it in seconds instead of building the whole book again.
    A page's text ``None`` copies the book's own page of that name."""
    (target / "book").mkdir(parents=True)
    shutil.copy(ROOT / "_config.yml", target / "_config.yml")
    for folder in ("bib", "_static"):
        shutil.copytree(ROOT / "book" / folder, target / "book" / folder)
    for docname, text in pages.items():
        path = target / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            shutil.copy(ROOT / f"{docname}.md", path)
        else:
            path.write_text(text, encoding="utf-8")
    root, *chapters = pages
    toc = {"format": "jb-book", "root": root,
           "parts": [{"caption": "Chapters", "chapters": [{"file": doc} for doc in chapters]}]}
    (target / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def tiny_build():
    """``tiny_build(source, out, env=None) -> (exit code, output)``: ``tasks.build`` of a tiny book, the
    same command and checks, its ``jupyter-book`` command forked from this worker's build server
    (tests/forked_build.py) instead of started on its own, to save the imports of each tiny build."""
    from forked_build import ForkedBuilds

    server = ForkedBuilds(tasks.PY, tasks.JB)
    yield lambda source, out, env=None: tasks.build(source=source, out=out, env=env, echo=False, runner=server.run)
    server.close()


# ------------------------------------------------------------------------------------------ browser

def chromium_path() -> str | None:
    found = os.environ.get("CHROMIUM") or next((p for p in CHROMIUM_CANDIDATES if Path(p).exists()), None)
    return found or shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        skip_or_fail("no Chromium found (install Debian's 'chromium' package or set CHROMIUM=/path/to/chrome)")
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
SCREENSHOTS = ROOT / "_build" / "screenshots"


def page_paths(built_book: Path) -> list[str]:
    """Every HTML page of the book, except one-line redirect stubs (checked separately)."""
    # 404.html uses the site's absolute addresses (it is served for any missing path): test_publish
    # checks it under its own prefix.
    paths = (p for p in built_book.rglob("*.html") if "_static" not in p.parts and p.name != "404.html")
    return sorted(str(p.relative_to(built_book)) for p in paths if not REDIRECT.search(p.read_text()[:300]))


def visit(browser, url, viewport):
    """Open ``url``; return the page (the caller closes it), its console errors and outside requests."""
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


# The smallest chart text as the reader sees it: each text's font size times the scale its SVG is drawn at.
SMALLEST_CHART_TEXT = """() => {
  let smallest = Infinity;
  document.querySelectorAll('figure.da-chart .da-chart-view svg').forEach(svg => {
    const drawn = svg.getBoundingClientRect().width, own = svg.width.baseVal.value || drawn;
    const scale = own ? drawn / own : 1;
    svg.querySelectorAll('text').forEach(t => {
      if (!t.textContent.trim()) return;
      const size = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (size < smallest) smallest = size;
    });
  });
  return smallest === Infinity ? 0 : smallest;
}"""
RAW_MARKUP = re.compile(r"\$\$|\{glue|\{cite\}|:::|<NA>|\bnan\b|\bNaN\b")
SNAKE_CASE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)+")


@dataclasses.dataclass
class Visit:
    """What one page showed in one viewport; the browser tests assert on these."""
    path: str
    viewport: str
    errors: list[str]
    outside: list[str]
    chart_states: list[str]        # data-chart-drawn of every figure.da-chart
    chart_svgs: int                # drawn Vega views (svg.marks) inside the figures
    draw_delays_ms: list[float]    # per chart: drawn-at minus the load event's end
    overflow_px: int               # how far the page is wider than the viewport (horizontal scrolling)
    axe_violations: list[dict]     # axe-core violations (desktop only; the empty list on a phone)
    smallest_chart_text_px: float  # the smallest text drawn in a chart, as shown (font size x scale)
    raw_markup: list[str]          # visible text that is markup a reader should never see
    snake_headers: list[str]       # table headers written in snake_case


def collect_visit(browser, axe, server: str, path: str, label: str, screenshots: Path | None = None) -> Visit:
    page, errors, outside = visit(browser, f"{server}/{path}", VIEWPORTS[label])
    try:
        # what the page itself did; the axe audit below fetches stylesheets of its own
        errors, outside = list(errors), list(outside)
        states = page.eval_on_selector_all("figure.da-chart", "els => els.map(e => e.dataset.chartDrawn)")
        svgs = page.locator("figure.da-chart .da-chart-view svg.marks").count()
        loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
        drawn = page.eval_on_selector_all("figure.da-chart", "els => els.map(e => +e.dataset.drawnAt)")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        smallest = page.evaluate(SMALLEST_CHART_TEXT)
        visible = page.evaluate("document.querySelector('main') ? document.querySelector('main').innerText : ''")
        raw = sorted({m.group(0) for m in RAW_MARKUP.finditer(visible)})
        headers = page.eval_on_selector_all("main th", "els => els.map(e => e.innerText.trim())")
        snake = [h for h in headers if SNAKE_CASE.fullmatch(h)]
        if screenshots is not None:  # for a person to look at (pytest --screenshots); no test reads them
            page.screenshot(path=str(screenshots / f"{path.replace('/', '_')}-{label}.png"), full_page=True)
        violations = axe.run(page).response["violations"] if label == "desktop" else []
    finally:
        page.close()
    return Visit(path, label, errors, outside, states, svgs, [t - loaded for t in drawn], overflow, violations,
                 smallest, raw, snake)


@pytest.fixture(scope="session")
def page_visits(built_book, server, browser, pytestconfig) -> dict[tuple[str, str], Visit]:
    """Every page of the built book, visited once in each viewport: {(path, viewport): Visit}. With
    ``--screenshots``, a full-page screenshot of each visit goes into _build/screenshots/."""
    from axe_playwright_python.sync_playwright import Axe

    screenshots = SCREENSHOTS if pytestconfig.getoption("screenshots") else None
    if screenshots is not None:
        screenshots.mkdir(parents=True, exist_ok=True)
    axe = Axe()
    return {(path, label): collect_visit(browser, axe, server, path, label, screenshots)
            for path in page_paths(built_book) for label in VIEWPORTS}


# ------------------------------------------------------------------------------------ raw sources

@pytest.fixture
def hand_made_raw(monkeypatch):
    """Point the raw folder at a folder of hand-made raw files and accept them: their digests replace the
    recorded ones (the real files are checked by their sha256; see double_ally.core.sources.require)."""
    from double_ally.core import sources

    def use(folder: Path) -> None:
        monkeypatch.setenv(sources.ENV_VAR, str(folder))
        accepted = {key: dataclasses.replace(raw, sha256=sources.file_sha256(raw.path())) if raw.path().is_file()
                    else raw for key, raw in sources.registry().items()}
        monkeypatch.setattr(sources, "registry", lambda: accepted)

    return use


@pytest.fixture()
def data_copy(tmp_path) -> Path:
    """A copy of data/ that a test may break."""
    from double_ally.core.paths import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target
