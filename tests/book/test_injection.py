"""Text from data stays text on the page: every injection string, sent through every path by which
data or metadata reach a page, is shown as its own text in Chromium, runs nothing and cuts nothing short.

A tiny book holds two pages made from one template, with the same code: ``book/injected`` feeds it the
injection strings (tests/payloads.py), ``book/clean`` plain strings of the same lengths. The paths are
the package's own: ``glue`` words, the Six-Party Talks and project lists of the North Korea chapter, a
data appendix entry, the claims register and a verdict, a Markdown table, a chart (title, subtitle,
source line, data and tooltips) and a formatted citation.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import MINIMAL_NOTEBOOK_HEADER, tiny_book

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from payloads import BAD_URLS, PAYLOADS, shown  # noqa: E402

END = "The last paragraph of the page is still here."

PAGE = MINIMAL_NOTEBOOK_HEADER + '''
# {title}

```{{code-cell}} ipython3
:tags: [remove-input]
import altair as alt
import pandas as pd

from double_ally.book import appendix, cite, register
from double_ally.book.glue import glue
from double_ally.chapters.north_korea import analysis as nk
from double_ally.core import charts, text
from double_ally.core.robustness import Alternative, assess
from double_ally.core.verdicts import Verdict

STRINGS = {strings!r}
URLS = {urls!r}
for i, s in enumerate(STRINGS):
    glue(f"s{{i}}", s)
```

Words glued into the prose: {glued}

```{{code-cell}} ipython3
:tags: [remove-input]
from IPython.display import Markdown, HTML, display

n = len(STRINGS)
links = [URLS[i % len(URLS)] for i in range(n)]
display(Markdown(nk.talks_list(pd.DataFrame({{"refers_to": STRINGS, "fact": STRINGS, "fact_type": ["a"] * n,
                                              "source_url": links}}))))
display(Markdown(nk.projects_list(pd.DataFrame({{"date": STRINGS, "project": STRINGS, "stage": STRINGS, "event": STRINGS,
                                                 "source_publisher": STRINGS, "source_url": links}}))))
```

```{{code-cell}} ipython3
:tags: [remove-input]
resource = {{"name": STRINGS[0], "title": STRINGS[1], "description": " ".join(STRINGS), "rows": 3,
            "sources": [{{"publisher": s, "title": s, "version": s, "bibkey": "tertitsky2021doubleally"}} for s in STRINGS],
            "licenses": [{{"title": STRINGS[2]}}], "figure_type": STRINGS[3], "path": STRINGS[4],
            "hash": "sha256:" + STRINGS[5], "caveats": STRINGS,
            "schema": {{"fields": [{{"name": s, "type": "string", "unit": s, "description": s}} for s in STRINGS]}}}}
Markdown(appendix.table_entry(resource))
```

```{{code-cell}} ipython3
:tags: [remove-input]
claims = pd.DataFrame([{{"claim_id": s, "paragraph": 1, "claim": s, "kind": "fact", "chapter": "book/trade",
                         "section": "a-section", "verdict": "supported", "reason": s, "page_sources": s,
                         "robustness": s, "verdict_as_of_article": "supported"}}
                        for s in STRINGS])
display(register.View(claims))
display(assess(STRINGS[0], " ".join(STRINGS), "supported",
               [Alternative(s, "contradicted", s) for s in STRINGS]))
display(Verdict(claim_id="c", paragraph=1, claim=" ".join(STRINGS), kind="fact", verdict="supported",
                reason=" ".join(STRINGS), chapter="book/trade", section="a-section"))
display(Markdown(text.table(["a", "b"], [[s, s] for s in STRINGS])))
item = cite.csl_item()
item["title"] = " ".join(STRINGS)
HTML(cite.formatted(item, "APA"))
```

```{{code-cell}} ipython3
:tags: [remove-input]
frame = pd.DataFrame({{"label": [f"{{i}} {{s}}" for i, s in enumerate(STRINGS)], "value": range(n)}})
chart = alt.Chart(frame).mark_bar().encode(x=alt.X("label:N", title=STRINGS[0]), y="value:Q",
                                           tooltip=["label:N", "value:Q"])
charts.figure(chart, title=STRINGS[1], subtitle=STRINGS[2], source=STRINGS[8], alt_text=STRINGS[9], name="probe")
```

{end}
'''


def page(title: str, strings: list[str], urls: list[str]) -> str:
    glued = " · ".join(f"{{glue:md}}`s{i}`" for i in range(len(strings)))
    return PAGE.format(title=title, strings=strings, urls=urls, glued=glued, end=END)


def plain_twin(payload: str) -> str:
    return "w" * len(shown(payload))


@pytest.fixture(scope="module")
def injected_book(tmp_path_factory, tiny_build) -> Path:
    target = tmp_path_factory.mktemp("injection")
    pages = {
        "book/intro": "# Injection probe\n\n```{bibliography}\n```\n",  # where the {cite} keys resolve
        "book/clean": page("Clean", [plain_twin(p) for p in PAYLOADS], ["https://example.org/page"]),
        "book/injected": page("Injected", PAYLOADS, BAD_URLS + PAYLOADS),
    }
    code, output = tiny_build(tiny_book(target / "src", pages), target / "out")
    assert code == 0, "the strict build must pass with text that only looks like code:\n" + output[-4000:]
    return target / "out" / "_build" / "html"


def open_page(browser, server_for, html_dir: Path, name: str) -> dict:
    """Open one page; return what it did and showed."""
    from conftest import VIEWPORTS, visit

    page, errors, outside = visit(browser, f"{server_for(html_dir)}/book/{name}.html", VIEWPORTS["desktop"])
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.wait_for_timeout(300)  # give an injected handler (onerror, onload) its chance to run
        return {
            "errors": errors, "outside": outside, "dialogs": dialogs,
            "text": page.inner_text("article"),
            "scripts": page.locator("script").count(),
            "handlers": page.evaluate(
                "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                ".filter(a => a.name.startsWith('on')).map(a => e.tagName + ' ' + a.name))"),
            "js_links": page.locator("a[href^='javascript' i], iframe, img[src='x'], svg[onload]").count(),
            "chart": page.eval_on_selector_all("figure.da-chart", "els => els.map(e => e.dataset.chartDrawn)"),
            "headings": page.locator("article h1").all_inner_texts(),
        }
    finally:
        page.close()


@pytest.fixture(scope="module")
def server_for():
    import functools
    import http.server
    import threading

    from conftest import QuietHandler

    servers = {}

    def serve(directory: Path) -> str:
        if directory not in servers:
            handler = functools.partial(QuietHandler, directory=str(directory))
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            servers[directory] = httpd
        return f"http://127.0.0.1:{servers[directory].server_address[1]}"

    yield serve
    for httpd in servers.values():
        httpd.shutdown()


@pytest.fixture(scope="module")
def pages(injected_book, browser, server_for) -> dict:
    return {name: open_page(browser, server_for, injected_book, name) for name in ("clean", "injected")}


def test_no_injected_script_runs(pages):
    injected = pages["injected"]
    assert injected["dialogs"] == []
    assert injected["errors"] == []
    assert injected["outside"] == []


def test_no_element_or_handler_comes_from_the_data(pages):
    clean, injected = pages["clean"], pages["injected"]
    assert injected["scripts"] == clean["scripts"]
    assert injected["handlers"] == clean["handlers"]
    assert injected["js_links"] == 0
    assert injected["headings"] == ["Injected"], "a heading was planted by the data"


def test_every_string_is_shown_as_its_own_text(pages):
    shown_text = " ".join(pages["injected"]["text"].split())
    missing = [p for p in PAYLOADS if shown(p) not in shown_text]
    assert missing == []


def test_no_text_is_lost(pages):
    """Same code, same string lengths: the pages differ in length only by a small margin, and both end."""
    clean, injected = pages["clean"]["text"], pages["injected"]["text"]
    assert END in clean and END in injected
    assert abs(len(injected) - len(clean)) <= 0.05 * len(clean), (len(clean), len(injected))


def test_the_chart_is_drawn_with_the_strings_in_it(pages):
    assert pages["injected"]["chart"] == pages["clean"]["chart"] == ["true"]
