"""Charts of the trade chapter."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import charts
from ..analysis.trade import REPORTER_LABEL, median_abs_gap, peak

PRESS_LABEL = "Reported in the press (2021-2024)"
# Years in which the series fell sharply, shaded on the chart (the chapter says what happened).
SHOCKS = [
    {"start": 1997.5, "end": 1998.5, "label": "1998"},
    {"start": 2008.5, "end": 2009.5, "label": "2009"},
    {"start": 2014.5, "end": 2016.5, "label": "2015-16"},
    {"start": 2021.5, "end": 2022.5, "label": "2022"},
]


def total_by_reporter(totals: pd.DataFrame, reported: pd.DataFrame) -> alt.LayerChart:
    """Total trade as each side records it (1992-2020) with press-reported totals (2021-2024).

    ``totals``: output of ``analysis.trade.totals_by_reporter``. ``reported``: rows of
    ``trade_kor_rus_2021_2024`` with flow "total".
    """
    series = pd.DataFrame({
        "year": totals["year"].astype(int),
        "source": totals["reporter"].map(REPORTER_LABEL),
        "total_bn": totals["total"] / 1000,
    })
    press = pd.DataFrame({
        "year": reported["year"].astype(int),
        "source": PRESS_LABEL,
        "total_bn": reported["value_usd_m"] / 1000,
        "publisher": reported["publisher"].astype(str),
    })
    kor = totals[totals["reporter"] == "KOR"]
    peak_year, peak_value = peak(kor, "total")
    years = alt.Scale(domain=[1992, 2024], zero=False, nice=False)
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=years)
    y = alt.Y("total_bn:Q", title="Exports + imports, US$ billion")
    colour = alt.Color("source:N", title=None, scale=alt.Scale(
        domain=[REPORTER_LABEL["KOR"], REPORTER_LABEL["RUS"], PRESS_LABEL],
        range=[charts.PALETTE[0], charts.PALETTE[1], charts.PALETTE[7]]))
    shocks = alt.Data(values=SHOCKS)
    bands = alt.Chart(shocks).mark_rect(color="#eef1f4").encode(
        x=alt.X("start:Q", scale=years), x2="end:Q")
    labels = alt.Chart(shocks).mark_text(align="left", baseline="top", dx=2, y=4, color=charts.MUTED,
                                         fontSize=11).encode(x=alt.X("start:Q", scale=years), text="label:N")
    lines = alt.Chart(series).mark_line(point=True).encode(
        x=x, y=y, color=colour,
        tooltip=["source:N", "year:Q", alt.Tooltip("total_bn:Q", format=".2f", title="US$ bn")])
    points = alt.Chart(press).mark_point(shape="diamond", size=90, filled=False, strokeWidth=2).encode(
        x=x, y=y, color=colour,
        tooltip=["source:N", "year:Q", "publisher:N", alt.Tooltip("total_bn:Q", format=".2f", title="US$ bn")])
    return charts.figure(
        alt.layer(bands, labels, lines, points),
        name="trade-total-by-reporter",
        title=f"Korea-Russia trade peaked in {peak_year}, then fell twice",
        subtitle="Exports plus imports as each country's customs record them; shaded: years of sharp falls",
        source=("IMF Direction of Trade Statistics (1992-2020); KITA, KOTRA and Russian customs figures "
                "as reported in news pages (2021-2024)."),
        alt_text=(f"Line chart of Korea-Russia trade, 1992 to 2020, from South Korea's and Russia's records, "
                  f"rising to a peak of {peak_value / 1000:.1f} billion US dollars in {peak_year} in Korea's "
                  f"records, with press-reported totals for 2021 to 2024 shown as separate points."),
    )


def mirror_gap(gaps: pd.DataFrame, split_year: int = 2007) -> alt.Chart:
    """The importer's record against the exporter's, in percent, for each direction."""
    first, last = int(gaps["year"].min()), int(gaps["year"].max())
    before = median_abs_gap(gaps, first, split_year - 1)
    since = median_abs_gap(gaps, split_year, last)
    return charts.figure(
        alt.Chart(gaps).mark_line(point=True).encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("gap_pct:Q", title="Importer's record vs exporter's, %"),
            color=alt.Color("direction:N", title=None, scale=alt.Scale(
                domain=["KOR to RUS", "RUS to KOR"], range=[charts.PALETTE[0], charts.PALETTE[1]])),
            tooltip=["direction:N", "year:Q", alt.Tooltip("exporter_fob:Q", format=",.1f"),
                     alt.Tooltip("importer_cif:Q", format=",.1f"), alt.Tooltip("gap_pct:Q", format=".1f")],
        ),
        name="trade-mirror-gap",
        title=f"The two sides' records differed by a median {before:.0f}% before {split_year}, {since:.0f}% since",
        subtitle="Importer's CIF record minus exporter's FOB record, as % of the exporter's record",
        source="IMF Direction of Trade Statistics, South Korea's and Russia's own records, 1992-2020.",
        alt_text=("Line chart of the gap between the importer's and the exporter's records of Korea-Russia "
                  "trade in each direction, 1992 to 2020, in percent of the exporter's record."),
    )
