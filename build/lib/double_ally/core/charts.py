"""The house chart style and the way charts reach the page.

* One Altair theme (``double_ally``): readable type, a colour-blind-safe palette (Okabe-Ito).
* ``figure(chart, title=..., source=..., alt=...)``: every chart states its finding in its title,
  names its source under the plot and carries a text description (alt text).
* An Altair renderer that, inside a book build, writes no ``<script>`` at all: a ``<figure>`` holding
  the Vega-Lite spec as JSON, the source line, and the chart's data as a table and a CSV download
  (the CSV is written by the page's script from the spec, so the data are not in the page twice).
  The book's own static script (``book/_static/charts.js``) draws every figure with the Vega bundle
  that ``vl-convert`` ships, served once per site -- no CDN, works offline and from ``file://``.
  The same output carries a PNG of the chart for the PDF edition. Outside a book build (Jupyter,
  Colab) the chart is shown as that PNG with its source line: offline, and valid in a saved .ipynb.
"""

from __future__ import annotations

import base64
import html
import json
import re
import os

import altair as alt
import pandas as pd

from double_ally import BOOK_BUILD_ENV
from double_ally.core.citation import chart_line
THEME = "double_ally"
RENDERER = "double_ally"

# Okabe & Ito (2008), "Color Universal Design": distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TEXT = "#1f2328"
MUTED = "#57606a"


@alt.theme.register(THEME, enable=True)
def house_theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": FONT,
            "view": {"continuousWidth": 640, "continuousHeight": 320, "stroke": None},
            "background": "white",
            "title": {
                "fontSize": 17, "fontWeight": 600, "anchor": "start", "color": TEXT,
                "subtitleFontSize": 13, "subtitleColor": MUTED, "subtitlePadding": 6, "offset": 12,
            },
            "axis": {
                "labelFontSize": 12, "titleFontSize": 13, "labelColor": TEXT, "titleColor": TEXT,
                "titleFontWeight": 500, "gridColor": "#e6e8eb", "domainColor": "#8c959f", "tickColor": "#8c959f",
            },
            "axisX": {"grid": False},
            "legend": {"labelFontSize": 12, "labelLimit": 360, "titleFontSize": 13, "orient": "top", "titleOrient": "left"},
            "range": {"category": PALETTE},
            "line": {"strokeWidth": 2.5},
            "point": {"size": 60, "filled": True},
            "text": {"fontSize": 12, "color": TEXT},
        }
    }


def figure(chart: alt.TopLevelMixin, *, title: str, subtitle: str | None = None, source: str, alt_text: str,
           name: str) -> alt.TopLevelMixin:
    """Attach the house furniture: a title stating the finding, the source line, the alt text.

    ``name`` is a stable identifier for the chart (used for its CSV download and its anchor).
    """
    if not (title and source and alt_text and name):
        raise ValueError("a chart needs a title, a source line, alt text and a name")
    heading = alt.TitleParams(text=title, subtitle=subtitle) if subtitle else alt.TitleParams(text=title)
    return chart.properties(
        title=heading,
        description=alt_text,
        usermeta={"double_ally": {"source": source, "alt": alt_text, "name": name}},
    )


# ----------------------------------------------------------------------------------------- rendering


def _chart_data(spec: dict) -> pd.DataFrame:
    """The rows the chart shows (all inline datasets, stacked, with the dataset they belong to)."""
    datasets = spec.get("datasets", {})
    frames = [pd.DataFrame(rows) for rows in datasets.values()]
    if not frames:
        values = spec.get("data", {}).get("values", [])
        frames = [pd.DataFrame(values)]
    if len(frames) == 1:
        return frames[0]
    return pd.concat(frames, ignore_index=True, sort=False)


def _png(spec: dict) -> str:
    import vl_convert as vlc

    png = vlc.vegalite_to_png(vl_spec=spec, scale=2)
    return base64.b64encode(png).decode("ascii")


def _title_text(spec: dict) -> str:
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def spec_script_text(spec: dict) -> str:
    """The spec as JSON that is safe inside ``<script type="application/json">``: every ``<``, ``>`` and
    ``&`` is written as a JSON unicode escape, so no text of the data (``</script>``, ``<!--<script>``)
    can end the script element or switch the HTML parser into another state. JSON.parse reads it back
    unchanged."""
    text = json.dumps(spec, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def figure_html(spec: dict) -> str:
    """The HTML of one chart: no script, the spec as JSON data, the source, the data as table and CSV."""
    meta = spec.get("usermeta", {}).get("double_ally")
    if not meta:
        raise ValueError("chart has no source line or alt text: wrap it with double_ally.core.charts.figure()")
    name = meta["name"]
    data = _chart_data(spec)
    spec_json = spec_script_text(spec)
    # pandas indents every row and cell; the whitespace between tags means nothing in a table, and on
    # a chart with a few hundred rows it is a third of the table's weight
    table = re.sub(r">\s+<", "><", data.to_html(index=False, border=0, classes="da-chart-table", na_rep=""))
    return (
        f'<figure class="da-chart" id="chart-{html.escape(name)}" data-chart-name="{html.escape(name)}">'
        f'<p class="da-chart-alt visually-hidden">{html.escape(meta["alt"])}</p>'
        f'<div class="da-chart-view"></div>'
        f'<script type="application/json" class="da-chart-spec">{spec_json}</script>'
        f'<figcaption><p class="da-chart-source">Source: {html.escape(meta["source"])}</p>'
        f'<p class="da-chart-cite">Cite this chart: {html.escape(chart_line(_title_text(spec), name))}</p>'
        f'<details class="da-chart-data"><summary>Data behind this chart ({len(data)} rows)</summary>'
        f'<p><a class="da-chart-csv" download="{html.escape(name)}.csv">Download the data (CSV)</a></p>'
        f"{table}</details></figcaption></figure>"
    )


def book_renderer(spec: dict, **_metadata) -> dict:
    return {
        "text/html": figure_html(spec),
        "image/png": _png(spec),
        "text/plain": f"<chart: {spec.get('usermeta', {}).get('double_ally', {}).get('name', '?')}>",
    }


def notebook_renderer(spec: dict, **_metadata) -> dict:
    """Outside the book (Jupyter, Colab, nbclient): a static PNG with its source line, fully offline.

    Altair's own MIME output for Vega-Lite 6 is not valid in a saved .ipynb (nbformat refuses the
    ``application/vnd.vegalite.v6.json`` key holding an object) and its HTML output loads a CDN.
    """
    meta = spec.get("usermeta", {}).get("double_ally", {})
    png = _png(spec)
    caption = f"<figcaption>Source: {html.escape(meta['source'])}</figcaption>" if meta.get("source") else ""
    alt_text = html.escape(meta.get("alt", spec.get("description", "chart")))
    return {
        "text/html": f'<figure><img alt="{alt_text}" style="max-width:100%" src="data:image/png;base64,{png}">'
                     f"{caption}</figure>",
        "image/png": png,
        "text/plain": f"<chart: {meta.get('name', '?')}>",
    }


def in_book_build() -> bool:
    return os.environ.get(BOOK_BUILD_ENV) == "1"


def _renderer(spec: dict, **metadata):
    return (book_renderer if in_book_build() else notebook_renderer)(spec, **metadata)


alt.renderers.register(RENDERER, _renderer)
alt.renderers.enable(RENDERER)
