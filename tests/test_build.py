"""The book as built: strict, self-contained, and failing loudly on bad input."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, tasks
from double_ally.core.paths import DATA_DIR

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
    """The peak the chapter states, recomputed here straight from the CSV with plain pandas."""
    raw = pd.read_csv(DATA_DIR / "trade_kor_rus_bilateral.csv")
    kor = raw[raw["reporter"] == "KOR"].groupby("year")["value_usd_m"].sum()
    soup = BeautifulSoup((built_book / "book" / "trade.html").read_text(encoding="utf-8"), "html.parser")
    for code in soup.select("pre, div.highlight"):
        code.decompose()
    prose = " ".join(soup.get_text().split())
    assert f"US${kor.max() / 1000:.1f} billion in {kor.idxmax()}" in prose
    assert "{glue" not in prose and "peak_kor" not in prose, "a glue reference was left unresolved"


def test_references_page_lists_the_article_and_datasets(built_book):
    text = (built_book / "book" / "references.html").read_text(encoding="utf-8")
    for expected in ("Tertitsky", "Direction of Trade Statistics", "Korea Customs Service"):
        assert expected in text


def copy_book(target: Path) -> Path:
    for name in ("book", "_config.yml", "_toc.yml"):
        src = ROOT / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    return target


def test_a_notebook_that_raises_fails_the_build_and_names_chapter_and_cell(tmp_path):
    source = copy_book(tmp_path / "src")
    chapter = source / "book" / "trade.md"
    chapter.write_text(chapter.read_text() + '\n```{code-cell} ipython3\nraise RuntimeError("planted failure")\n```\n')
    code, output = tasks.build(source=source, out=tmp_path / "out", echo=False)
    assert code != 0
    summary = output[output.index("BUILD FAILED"):]
    assert "book/trade.md" in summary
    assert "raise RuntimeError(\"planted failure\")" in summary
    assert "RuntimeError: planted failure" in summary
    assert not (tmp_path / "out" / "_build" / "html" / "book" / "trade.html").exists()


def test_a_corrupted_table_fails_the_build_and_no_chart_is_published(tmp_path):
    broken = tmp_path / "data"
    shutil.copytree(DATA_DIR, broken)
    path = broken / "trade_kor_rus_bilateral.csv"
    lines = path.read_text().split("\n")
    lines[3] = re.sub(r",(\d+\.\d+),", ",-1.0,", lines[3], count=1)
    path.write_text("\n".join(lines))
    code, output = tasks.build(out=tmp_path / "out", env={"DOUBLE_ALLY_DATA": str(broken)}, echo=False)
    assert code != 0
    # several chapters read this table; the build stops at the first that runs, and names it
    assert re.search(r"book/\w+\.md: WARNING: Executing notebook failed", output)
    assert "trade_kor_rus_bilateral.csv: line 4 (data row 3), column 'value_usd_m'" in output
    assert not (tmp_path / "out" / "_build" / "html" / "book" / "trade.html").exists()
