"""The book as built: strict, self-contained, and failing loudly on bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import MINIMAL_NOTEBOOK_HEADER, tiny_book
from double_ally.core.bibliography import bib_files
from double_ally.core.datapackage import read_package
from double_ally.core.paths import DATA_DIR

ARTICLE_BIBKEY = "tertitsky2021doubleally"  # the article the book examines (book/intro.md cites it)

pytestmark = pytest.mark.build


def pages(html_dir: Path) -> list[Path]:
    return sorted(p for p in html_dir.rglob("*.html") if "_static" not in p.parts)


def is_external(url: str | None) -> bool:
    if not url:
        return False
    parsed = urlparse(url)
    return bool(parsed.scheme in {"http", "https"} or url.startswith("//"))


def test_every_page_loads_only_the_books_own_scripts_and_styles(built_book):
    offenders = []
    for page in pages(built_book):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in soup.find_all(tag):
                if tag == "link" and not set(el.get("rel", [])) & {"stylesheet", "preload", "icon", "modulepreload"}:
                    continue
                if is_external(el.get(attr)):
                    offenders.append(f"{page.relative_to(built_book)}: <{tag} {attr}={el.get(attr)}>")
    assert not offenders, "\n".join(offenders)


def test_no_page_names_a_cdn(built_book):
    for page in pages(built_book):
        html = page.read_text(encoding="utf-8")
        for cdn in ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com"):
            assert cdn not in html, f"{page.relative_to(built_book)} names {cdn}"


def test_vega_bundle_is_served_once_by_the_site(built_book):
    bundle = built_book / "_static" / "vega-bundle.js"
    assert bundle.stat().st_size > 500_000, "the Vega bundle from vl-convert should be in _static"
    text = bundle.read_text(encoding="utf-8")
    assert "window.vegaEmbed" in text and "http://" not in text[:400]
    for page in pages(built_book):
        html = page.read_text(encoding="utf-8")
        assert "window.vegaEmbed=" not in html, f"{page.name} inlines the Vega library"
        if "da-chart" in html:
            assert html.count("vega-bundle.js") == 1


def test_chart_figures_carry_source_alt_text_and_data(built_book):
    soup = BeautifulSoup((built_book / "book" / "trade.html").read_text(encoding="utf-8"), "html.parser")
    figures = soup.select("figure.da-chart")
    assert len(figures) >= 2
    for fig in figures:
        assert fig.select_one(".da-chart-source").get_text().startswith("Source: ")
        assert len(fig.select_one(".da-chart-alt").get_text()) > 40
        assert fig.select_one("a.da-chart-csv[download]")["download"].endswith(".csv")


def test_glued_numbers_match_an_independent_computation(built_book):
    """The trade peak the chapter states, recomputed here straight from the CSV with plain pandas, is
    among the values glued into the page; no glue reference is left unresolved."""
    raw = pd.read_csv(DATA_DIR / "trade_kor_rus_bilateral.csv")
    kor = raw[raw["reporter"] == "KOR"].groupby("year")["value_usd_m"].sum()
    soup = BeautifulSoup((built_book / "book" / "trade.html").read_text(encoding="utf-8"), "html.parser")
    glued = {span.get_text() for span in soup.select("main span.pasted-text")}
    assert {f"{kor.max() / 1000:.1f}", str(kor.idxmax())} <= glued, f"glued values: {sorted(glued)}"
    for code in soup.select("pre, div.highlight"):
        code.decompose()
    prose = soup.select_one("main").get_text()
    assert "{glue" not in prose, "a glue reference was left unresolved"


def bib_titles() -> dict[str, str]:
    titles = {}
    for path in bib_files():
        for entry in bibtexparser.parse_string(path.read_text(encoding="utf-8")).entries:
            title = entry.fields_dict.get("title")
            titles[entry.key] = words(title.value) if title else ""
    return titles


def words(text: str) -> str:
    """Letters and digits only, so that BibTeX's ``--`` and ``quotes`` match the page's typography."""
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def test_references_page_lists_every_bibliography_entry(built_book):
    """One entry per entry of the .bib files, among them the article and every dataset a table names."""
    soup = BeautifulSoup((built_book / "book" / "references.html").read_text(encoding="utf-8"), "html.parser")
    entries = [words(e.get_text(" ")) for e in soup.select("main div.citation")]
    titles = bib_titles()
    assert len(entries) == len(titles)
    cited = {s["bibkey"] for r in read_package()["resources"] for s in r["sources"]}
    for key in sorted(cited | {ARTICLE_BIBKEY}):
        assert titles[key] and any(titles[key] in e for e in entries), f"{key} is not on the references page"


NOTEBOOK_THAT_RAISES = MINIMAL_NOTEBOOK_HEADER + """
# A chapter that fails

```{code-cell} ipython3
x = 1
```

```{code-cell} ipython3
raise RuntimeError("planted failure")
```
"""


def test_a_notebook_that_raises_fails_the_build_and_names_chapter_and_cell(tmp_path, tiny_build):
    source = tiny_book(tmp_path / "src", {"book/intro": "# A tiny book\n", "book/failing": NOTEBOOK_THAT_RAISES})
    code, output = tiny_build(source, tmp_path / "out")
    assert code != 0
    summary = output[output.index("BUILD FAILED"):]
    assert "book/failing.md" in summary
    assert "raise RuntimeError(\"planted failure\")" in summary
    assert "RuntimeError: planted failure" in summary
    assert not (tmp_path / "out" / "_build" / "html" / "book" / "failing.html").exists()


def test_a_corrupted_table_fails_the_chapter_that_reads_it_and_no_chart_is_published(tmp_path, tiny_build):
    """The real trade chapter, alone in a tiny book, on a copy of data/ with one negative value."""
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    path = broken / "trade_kor_rus_bilateral.csv"
    lines = path.read_text().split("\n")
    lines[3] = re.sub(r",(\d+\.\d+),", ",-1.0,", lines[3], count=1)
    path.write_text("\n".join(lines))
    source = tiny_book(tmp_path / "src", {"book/intro": "# A tiny book\n", "book/trade": None})
    code, output = tiny_build(source, tmp_path / "out", env={"DOUBLE_ALLY_DATA": str(broken)})
    assert code != 0
    assert "book/trade.md: WARNING: Executing notebook failed" in output
    assert "trade_kor_rus_bilateral.csv: line 4 (data row 3), column 'value_usd_m'" in output
    assert not (tmp_path / "out" / "_build" / "html" / "book" / "trade.html").exists()


def test_a_broken_cross_reference_fails_the_build(tmp_path, tiny_build):
    """Checked on two pages without code: a reference check needs no notebook to run."""
    pages = {"book/intro": "# A tiny book\n\nSee {doc}`a-chapter-that-does-not-exist`.\n",
             "book/other": "# Another page\n\nBack to {doc}`intro`.\n"}
    code, output = tiny_build(tiny_book(tmp_path / "src", pages), tmp_path / "out")
    assert code != 0
    summary = output[output.index("BUILD FAILED"):]
    assert "book/intro.md" in summary and "a-chapter-that-does-not-exist" in summary
    assert "book/other.md" not in summary, "the valid reference was reported too"


def test_the_tiny_book_itself_builds(tmp_path, tiny_build):
    """The failures above come from what each test plants, not from the tiny book."""
    pages = {"book/intro": "# A tiny book\n\nSee {doc}`chapter`.\n",
             "book/chapter": MINIMAL_NOTEBOOK_HEADER + "# A chapter\n\n```{code-cell} ipython3\n1 + 1\n```\n"}
    code, output = tiny_build(tiny_book(tmp_path / "src", pages), tmp_path / "out")
    assert code == 0, output[-3000:]
    assert (tmp_path / "out" / "_build" / "html" / "book" / "chapter.html").is_file()
