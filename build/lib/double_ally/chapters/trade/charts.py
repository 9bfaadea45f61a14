"""Charts of the trade chapter. Chart data are rounded to the precision the chart can show, which
keeps pages light; the exact values are in the tables the chapter loads."""

from __future__ import annotations

import altair as alt
import pandas as pd

from double_ally.core import charts
from double_ally.chapters.trade.ranks import describe
from double_ally.chapters.trade.analysis import (REPORTER_LABEL, SHARP_FALL_PCT, falls, median_abs_gap, peak,
                                                 runs)

def year_span(first: int, last: int, short: bool = False) -> str:
    """One year (1998), or the first and last of a run (2015-2016; short: 2015-16)."""
    if first == last:
        return str(first)
    return f"{first}-{last % 100:02d}" if short and first // 100 == last // 100 else f"{first}-{last}"


def press_points(reported: pd.DataFrame) -> pd.DataFrame:
    """One point per year, publisher and value: a figure reported in several pages is drawn once."""
    if reported.empty:
        raise ValueError("no press-reported totals to draw")
    sides = set(reported["reporting_side"])
    if sides != {"KOR"}:
        raise ValueError(f"press totals must be South Korea's figures, set against its records; got {sorted(sides)}")
    press = pd.DataFrame({
        "year": reported["year"].astype(int),
        "total_bn": (reported["value_usd_m"] / 1000).round(3),
        "publisher": reported["publisher"].astype(str),
    })
    return press.drop_duplicates().sort_values(["year", "publisher", "total_bn"]).reset_index(drop=True)


def fall_bands(*series: pd.Series) -> list[dict]:
    """Shaded bands for the runs of years in which any of ``series`` (by year) fell by more than SHARP_FALL_PCT."""
    years = set().union(*(falls(s, SHARP_FALL_PCT).index for s in series))
    return [{"start": a - 0.5, "end": b + 0.5, "label": year_span(a, b, short=True)} for a, b in runs(years)]


def total_by_reporter(totals: pd.DataFrame, reported: pd.DataFrame) -> alt.LayerChart:
    """Total trade as each side records it (IMF) with the totals reported in the press after the series.

    ``totals``: output of ``analysis.totals_by_reporter``. ``reported``: rows of
    ``trade_kor_rus_2021_2024`` with flow "total" reported from South Korea's side. Where several
    figures are reported for a year, the year's median stands for it in the title and the shading.
    """
    kor = totals[totals["reporter"] == "KOR"]
    press = press_points(reported)
    imf_first, imf_last = int(totals["year"].min()), int(totals["year"].max())
    press_first, press_last = int(press["year"].min()), int(press["year"].max())
    press_label = f"Reported in the press ({year_span(press_first, press_last)})"
    series = pd.DataFrame({
        "year": totals["year"].astype(int),
        "source": totals["reporter"].map(REPORTER_LABEL),
        "total_bn": (totals["total"] / 1000).round(3),
    })
    press = press.assign(source=press_label)[["year", "source", "total_bn", "publisher"]]

    peak_year, peak_value = peak(kor, "total")
    peak_bn = peak_value / 1000
    press_by_year = press.groupby("year")["total_bn"].median()
    press_year, press_high = int(press_by_year.idxmax()), float(press_by_year.max())
    same_peak = all(peak(side, "total")[0] == peak_year for _, side in totals.groupby("reporter"))
    where = "in the IMF series" if same_peak else "in South Korea's IMF records"
    if press_high > peak_bn:
        title = f"Trade was highest in {peak_year} {where}, but the figure reported for {press_year} is higher"
    else:
        title = f"Trade peaked in {peak_year} {where}; the figures reported for {year_span(press_first, press_last)} are lower"
    bands = fall_bands(kor.set_index("year")["total"], press_by_year)

    years = alt.Scale(domain=[imf_first, max(imf_last, press_last)], zero=False, nice=False)
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=years)
    y = alt.Y("total_bn:Q", title="Exports + imports, US$ billion")
    colour = alt.Color("source:N", title=None, scale=alt.Scale(
        domain=[REPORTER_LABEL["KOR"], REPORTER_LABEL["RUS"], press_label],
        range=[charts.PALETTE[0], charts.PALETTE[1], charts.PALETTE[7]]))
    shocks = alt.Data(values=bands)
    shaded = alt.Chart(shocks).mark_rect(color="#eef1f4").encode(
        x=alt.X("start:Q", scale=years), x2="end:Q")
    labels = alt.Chart(shocks).mark_text(align="left", baseline="top", dx=2, y=4, color=charts.MUTED,
                                         fontSize=11).encode(x=alt.X("start:Q", scale=years), text="label:N")
    lines = alt.Chart(series).mark_line(point=True).encode(
        x=x, y=y, color=colour,
        tooltip=["source:N", "year:Q", alt.Tooltip("total_bn:Q", format=".2f", title="US$ bn")])
    points = alt.Chart(press).mark_point(shape="diamond", size=90, filled=False, strokeWidth=2).encode(
        x=x, y=y, color=colour,
        tooltip=["source:N", "year:Q", "publisher:N", alt.Tooltip("total_bn:Q", format=".2f", title="US$ bn")])
    imf_span, press_span = year_span(imf_first, imf_last), year_span(press_first, press_last)
    publishers = ", ".join(sorted(press["publisher"].unique()))
    return charts.figure(
        alt.layer(shaded, labels, lines, points),
        name="trade-total-by-reporter",
        title=title,
        subtitle=[f"Exports plus imports: each country's customs records (IMF, {imf_span}) and press reports "
                  f"of South Korea's figures ({press_span})",
                  (f"Shaded: years in which South Korea's figure fell by more than {SHARP_FALL_PCT}% "
                   f"({', '.join(b['label'] for b in bands)})" if bands
                   else f"No year in which South Korea's figure fell by more than {SHARP_FALL_PCT}%")],
        source=(f"IMF Direction of Trade Statistics ({imf_span}); {publishers} figures as reported in news "
                f"pages ({press_span})."),
        alt_text=(f"Line chart of Korea-Russia trade, {imf_first} to {imf_last}, from South Korea's and "
                  f"Russia's records, highest in {peak_year} at {peak_bn:.1f} billion US dollars in Korea's "
                  f"records, with totals reported in the press for {press_span} shown as separate points, "
                  f"the highest {press_high:.1f} billion in {press_year}."),
    )


def mirror_gap(gaps: pd.DataFrame, split_year: int = 2007) -> alt.Chart:
    """The importer's record against the exporter's, in percent, for each direction."""
    first, last = int(gaps["year"].min()), int(gaps["year"].max())
    before = median_abs_gap(gaps, first, split_year - 1)
    since = median_abs_gap(gaps, split_year, last)
    gaps = gaps.round({"exporter_fob": 1, "importer_cif": 1, "gap_pct": 2})
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


# Our English renderings of the Korea Customs Service's Korean chapter titles (table hs_chapters).
HS_LABELS = {
    "27": "Mineral fuels and oils (HS 27)",
    "72": "Iron and steel (HS 72)",
    "76": "Aluminium (HS 76)",
    "03": "Fish and seafood (HS 03)",
    "87": "Cars and vehicle parts (HS 87)",
    "84": "Machinery (HS 84)",
    "85": "Electrical equipment (HS 85)",
    "39": "Plastics (HS 39)",
    "other": "All other chapters",
}


def shares_chart(share: pd.DataFrame) -> alt.Chart:
    """Each country's weight in the other's trade."""
    labels = {"KOR": "Russia's share of South Korea's trade", "RUS": "South Korea's share of Russia's trade"}
    data = pd.DataFrame({
        "year": share["year"].astype(int),
        "series": share["reporter"].map(labels),
        "share_pct": share["share_pct"].round(3),
    })
    latest = share[share["year"] == share["year"].max()].set_index("reporter")["share_pct"]
    return charts.figure(
        alt.Chart(data).mark_line(point=True).encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("share_pct:Q", title="% of the country's total trade"),
            color=alt.Color("series:N", title=None, scale=alt.Scale(
                domain=list(labels.values()), range=[charts.PALETTE[0], charts.PALETTE[1]])),
            tooltip=["series:N", "year:Q", alt.Tooltip("share_pct:Q", format=".2f", title="%")],
        ),
        name="trade-shares",
        title=(f"South Korea weighs more in Russia's trade ({latest['RUS']:.1f}%) than Russia "
               f"in South Korea's ({latest['KOR']:.1f}%)"),
        subtitle=f"Bilateral trade as a share of each country's trade with the world, own records; {int(share['year'].max())} in the title",
        source="IMF Direction of Trade Statistics, each country's own records, 1992-2020.",
        alt_text=("Line chart, 1992 to 2020, of Russia's share of South Korea's total trade and South Korea's "
                  "share of Russia's total trade, each from the reporting country's own records."),
    )


def definition_menus() -> dict[str, alt.Parameter]:
    """Three menus, one per choice a rank depends on; the chart highlights the chosen definition."""
    return {
        column: alt.param(name=f"{column}_choice", value=options[0],
                          bind=alt.binding_select(options=options, name=label))
        for column, options, label in [
            ("data", ["own", "mirror"], "Whose records: "),
            ("eu", ["members", "EU as one"], "EU: "),
            ("china", ["separate", "with China"], "Hong Kong, Macao, Taiwan: "),
        ]
    }


def ranks_chart(ranks: pd.DataFrame) -> alt.Chart:
    """Ranks of the article's three measures under every definition and year, article's value marked.
    Menus under the chart (Altair parameters, no kernel needed) highlight one definition."""
    data = ranks.assign(
        definition=[describe(d, e, c, short=True) for d, e, c in zip(ranks["data"], ranks["eu"], ranks["china"])],
        match=ranks["matches_article"].map({True: "same as the article", False: "differs"}),
    )[["measure", "definition", "data", "eu", "china", "year", "rank", "article", "match"]]
    n_match = int(ranks.groupby(["year", "data", "eu", "china"])["matches_article"].all().sum())
    menus = definition_menus()
    chosen = " && ".join(f"datum.{column} == {param.name}" for column, param in menus.items())
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title=None),
        y=alt.Y("definition:N", title=None, axis=alt.Axis(labelLimit=420)),
        opacity=alt.condition(chosen, alt.value(1.0), alt.value(0.3)),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color("match:N", title=None, scale=alt.Scale(
            domain=["same as the article", "differs"], range=[charts.PALETTE[2], "#e6e8eb"])),
        tooltip=["measure:N", "definition:N", "year:O", "rank:Q", alt.Tooltip("article:Q", title="article says")],
    )
    text = base.mark_text(fontSize=12).encode(text="rank:Q")
    return charts.figure(
        alt.layer(cells, text, data=data).properties(width=260, height=alt.Step(22)).facet(
            row=alt.Row("measure:N", title=None, header=alt.Header(labelAngle=0, labelAlign="left",
                                                                 labelAnchor="start", labelFontWeight=600,
                                                                 labelOrient="top"))
        ).resolve_scale(y="independent").add_params(*menus.values()),
        name="trade-ranks",
        title=f"Only {n_match} of the definition-years reproduces all three of the article's ranks",
        subtitle=["Rank under each definition, 2015-2020; green where it equals the article's ¶10.",
                  "Choose a definition in the menus below to bring its row forward."],
        source="IMF Direction of Trade Statistics, reporters' own and mirror records; EU membership from country_converter.",
        alt_text=("Three grids, one per rank in the article, with definitions as rows and years 2015 to 2020 "
                  "as columns; each cell gives the computed rank and is green where it equals the article's. "
                  "Menus choose the definition to highlight."),
    )


def composition_chart(imports: pd.DataFrame, exports: pd.DataFrame) -> alt.Chart:
    """What is traded: the largest HS chapters' shares of each flow, per year."""
    data = pd.concat([
        imports.assign(flow="South Korea's imports from Russia"),
        exports.assign(flow="South Korea's exports to Russia"),
    ], ignore_index=True)
    data["chapter"] = data["hs2"].map(HS_LABELS)
    data = data.round({"share_pct": 2, "value_usd_m": 1})
    fuels = imports[imports["hs2"] == "27"].set_index("year")["share_pct"]
    cars = exports[exports["hs2"] == "87"].set_index("year")["share_pct"]
    last = int(fuels.index.max())
    order = [v for k, v in HS_LABELS.items()]
    return charts.figure(
        alt.Chart(data).mark_area().encode(
            x=alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
            y=alt.Y("share_pct:Q", title="% of the flow", stack="zero", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("chapter:N", title=None, sort=order, legend=alt.Legend(orient="bottom", columns=3),
                            scale=alt.Scale(domain=order, range=charts.PALETTE[:8] + ["#c9ced6"])),
            order=alt.Order("hs2:N"),
            tooltip=["flow:N", "chapter:N", "year:Q", alt.Tooltip("share_pct:Q", format=".1f", title="%"),
                     alt.Tooltip("value_usd_m:Q", format=",.0f", title="US$ m")],
        ).properties(width=300, height=220).facet(column=alt.Column("flow:N", title=None)),
        name="trade-composition",
        title=(f"Fuels were {fuels[last]:.0f}% of Korea's imports from Russia in {last}; "
               f"vehicles {cars[last]:.0f}% of its exports"),
        subtitle="Share of the largest HS chapters in each direction, Korean customs records, 2000-2017",
        source="Korea Customs Service, trade with Russia by HS chapter (2000-2017); chapter names translated by the book.",
        alt_text=("Two stacked area charts, 2000 to 2017: the shares of the largest goods chapters in South Korea's "
                  "imports from Russia, dominated by mineral fuels, and in its exports to Russia, led by vehicles."),
    )
