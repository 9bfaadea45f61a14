"""The house chart furniture and the offline renderer."""

import base64
import json
import re

import altair as alt
import pandas as pd
import pytest

from double_ally.core import charts


def small_chart():
    data = pd.DataFrame({"year": [2000, 2001, 2002], "value": [1.5, 2.5, 2.0]})
    return charts.figure(
        alt.Chart(data).mark_line().encode(x="year:Q", y="value:Q"),
        name="test-chart", title="Values rose, then fell", source="Hand-made numbers for a test.",
        alt_text="A line rising from 1.5 to 2.5 and falling to 2.0.",
    )


@pytest.mark.parametrize("missing", ["title", "source", "alt_text", "name"])
def test_figure_refuses_a_chart_without_its_furniture(missing):
    kwargs = dict(name="n", title="t", source="s", alt_text="a")
    kwargs[missing] = ""
    with pytest.raises(ValueError):
        charts.figure(alt.Chart(pd.DataFrame({"x": [1]})).mark_point(), **kwargs)


def test_book_output_has_no_script_tag_loading_anything():
    bundle = charts.book_renderer(small_chart().to_dict())
    page = bundle["text/html"]
    assert "<script src" not in page and "cdn" not in page.lower()
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/json" class="da-chart-spec">']


def test_book_output_carries_source_alt_text_and_data():
    page = charts.book_renderer(small_chart().to_dict())["text/html"]
    assert "Source: Hand-made numbers for a test." in page
    assert '<p class="da-chart-alt visually-hidden">A line rising from 1.5 to 2.5 and falling to 2.0.</p>' in page
    assert '<a class="da-chart-csv" download="test-chart.csv">' in page
    table = re.search(r"<table.*?</table>", page, re.S).group(0)
    assert [c for c in re.findall(r"<td>([^<]*)</td>", table)] == ["2000", "1.5", "2001", "2.5", "2002", "2.0"]
    spec = json.loads(re.search(r'class="da-chart-spec">(.*?)</script>', page).group(1))
    assert spec["description"].startswith("A line rising")


def test_book_output_has_a_png_for_the_pdf_edition():
    png = base64.b64decode(charts.book_renderer(small_chart().to_dict())["image/png"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_without_furniture_cannot_be_rendered_for_the_book():
    bare = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()
    with pytest.raises(ValueError, match="figure"):
        charts.book_renderer(bare)


def test_house_theme_uses_the_colour_blind_safe_palette():
    spec = small_chart().to_dict()
    assert spec["config"]["range"]["category"] == charts.PALETTE
    assert len(set(charts.PALETTE)) == len(charts.PALETTE) == 8


def test_outside_the_book_a_static_image_with_its_source_is_shown(monkeypatch):
    monkeypatch.delenv(charts.BOOK_BUILD_ENV, raising=False)
    bundle = charts._renderer(small_chart().to_dict())
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"
    assert "Source: Hand-made numbers for a test." in bundle["text/html"]
    assert "<script" not in bundle["text/html"]
    monkeypatch.setenv(charts.BOOK_BUILD_ENV, "1")
    assert "da-chart-spec" in charts._renderer(small_chart().to_dict())["text/html"]
