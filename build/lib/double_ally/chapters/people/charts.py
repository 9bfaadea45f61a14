"""Charts of the people chapter: arrivals, the visa waiver comparison, purposes, visas, opinion.

Chart data are rounded to what the chart can show; the exact values are in the tables the chapter loads.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from double_ally.chapters.people import analysis as p
from double_ally.chapters.people.analysis import country_name
from double_ally.core import charts

NAMES = {"RUS": "Russia", "JPN": "Japan", "USA": "United States", "CHN": "China"}
KIND_LABEL = {
    "KTO monthly tables (sum)": "KTO arrivals (sum of monthly tables)",
    "Ministry of Justice entrants (sum)": "Ministry of Justice entrants",
    "reported in press": "KTO figure reported in news pages",
}
# Years the issue names as confounders, shaded on the waiver chart (the chapter says what happened).
SHOCKS = [
    {"start": "2015-01", "end": "2015-12", "label": "2015: rouble crisis, MERS"},
    {"start": "2020-01", "end": "2020-05", "label": "2020: COVID-19"},
]
WAIVER_MONTH = "2014-01"


def annual_arrivals(annual: pd.DataFrame) -> alt.LayerChart:
    """Annual arrivals from Russia by kind of source; partial years are left out."""
    full = annual[annual["months_covered"] == 12]
    data = pd.DataFrame({
        "year": full["year"].astype(int),
        "source": full["source_kind"].map(KIND_LABEL),
        "thousands": (full["arrivals"] / 1000).round(1),
        "publisher": full["publisher"].astype(str),
    })
    # a new line segment wherever a series skips a year (the Ministry of Justice has no 2020 file)
    data = data.sort_values(["source", "year"])
    data["segment"] = data.groupby("source")["year"].diff().fillna(1).ne(1).groupby(data["source"]).cumsum()
    kto = data[data["source"] == KIND_LABEL["KTO monthly tables (sum)"]].set_index("year")["thousands"]
    peak_year = int(kto.idxmax())
    later = data[data["source"] != KIND_LABEL["KTO monthly tables (sum)"]].groupby("year")["thousands"].max()
    low_year = int(later.idxmin())
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(domain=[2010, 2024], nice=False))
    y = alt.Y("thousands:Q", title="Arrivals from Russia, thousands")
    colour = alt.Color("source:N", title=None, scale=alt.Scale(
        domain=list(KIND_LABEL.values()), range=[charts.PALETTE[0], charts.PALETTE[1], charts.PALETTE[7]]))
    tip = ["source:N", "year:Q", alt.Tooltip("thousands:Q", format=",.1f", title="thousands"), "publisher:N"]
    lines = alt.Chart(data[data["source"] != KIND_LABEL["reported in press"]]).mark_line(point=True).encode(
        x=x, y=y, color=colour, detail="segment:N", tooltip=tip)
    press = alt.Chart(data[data["source"] == KIND_LABEL["reported in press"]]).mark_point(
        shape="diamond", size=90, filled=False, strokeWidth=2).encode(x=x, y=y, color=colour, tooltip=tip)
    rule = alt.Chart(pd.DataFrame({"year": [2014]})).mark_rule(strokeDash=[4, 3], color=charts.MUTED).encode(x=x)
    return charts.figure(
        alt.layer(rule, lines, press),
        name="people-arrivals-russia",
        title=(f"Arrivals from Russia grew {kto.max() / kto.iloc[0]:.1f}-fold from {int(kto.index[0])} to "
               f"{peak_year}, then collapsed"),
        subtitle="Full years only (no Ministry of Justice file for 2020); dashed line: the visa waiver (January 2014)",
        source=("Korea Tourism Organization monthly tables (2010-2019); Ministry of Justice entrants "
                "(2018-2024); KTO figures quoted in news pages (2019-2024)."),
        alt_text=(f"Line chart of yearly arrivals from Russia in South Korea from 2010 to 2024: KTO sums "
                  f"rise from {kto.iloc[0]:.0f} thousand in {int(kto.index[0])} to {kto.max():.0f} thousand in "
                  f"{peak_year}; Ministry of Justice entrants and press figures fall to {later.min():.0f} "
                  f"thousand in {low_year} and reach {later.iloc[-1]:.0f} thousand in {int(later.index[-1])}."),
    )


def waiver_comparison(growth: pd.DataFrame) -> alt.LayerChart:
    """Rolling 12-month growth for Russia against one comparison country picked in a dropdown.

    Drawn at quarter ends (March, June, September, December) and the last month, to keep the page light.
    """
    last = growth["month"].max()
    growth = growth[growth["month"].str[5:].isin(["03", "06", "09", "12"]) | (growth["month"] == last)]
    data = pd.DataFrame({
        "month": growth["month"],
        "country": growth["country"],
        "name": growth["country"].map(NAMES),
        "growth_pct": growth["growth_pct"].round(1),
    })
    options = ["JPN", "USA", "CHN"]
    pick = alt.param(name="comparison", value="JPN", bind=alt.binding_select(
        options=options, labels=[NAMES[c] for c in options], name="Compare Russia with: "))
    x = alt.X("month:T", title=None, axis=alt.Axis(format="%Y"))
    shocks = alt.Chart(pd.DataFrame(SHOCKS)).mark_rect(color="#eef1f4").encode(x="start:T", x2="end:T")
    labels = alt.Chart(pd.DataFrame(SHOCKS)).mark_text(
        align="left", baseline="top", dx=2, y=4, color=charts.MUTED, fontSize=11).encode(x="start:T", text="label:N")
    waiver = pd.DataFrame({"month": [WAIVER_MONTH], "label": ["visa waiver"]})
    rule = alt.Chart(waiver).mark_rule(strokeDash=[4, 3], color=charts.TEXT).encode(x="month:T")
    rule_label = alt.Chart(waiver).mark_text(align="left", dx=3, y=20, fontSize=11).encode(x="month:T", text="label:N")
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#8c959f").encode(y="y:Q")
    lines = alt.Chart(data).mark_line().encode(
        x=x,
        y=alt.Y("growth_pct:Q", title="Last 12 months vs the 12 before, %"),
        color=alt.Color("name:N", title=None, scale=alt.Scale(
            domain=[NAMES[c] for c in ("RUS", "JPN", "USA", "CHN")],
            range=[charts.PALETTE[1], charts.PALETTE[0], charts.PALETTE[2], charts.PALETTE[3]])),
        tooltip=["name:N", alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("growth_pct:Q", format="+.1f")],
    ).transform_filter("datum.country == 'RUS' || datum.country == comparison")
    return charts.figure(
        alt.layer(shocks, labels, zero, rule, rule_label, lines).add_params(pick),
        name="people-waiver-comparison",
        title="Arrivals from Russia sped up when the waiver began; how they compare depends on the country",
        subtitle="Arrivals in the 12 months to each quarter's end against the 12 months before; pick a comparison country",
        source="Korea Tourism Organization monthly arrivals by nationality, January 2010 to May 2020.",
        alt_text=("Line chart of the growth of arrivals over the previous twelve months, 2011 to 2020, for "
                  "Russia and one comparison country chosen from a dropdown (Japan, the United States or "
                  "China), with the visa waiver of January 2014 marked and 2015 and 2020 shaded."),
    )


PURPOSE_LABEL = {"tourism": "Tourism", "business": "Business", "official": "Official",
                 "study_training": "Study and training", "other": "Other"}


def purposes(shares: pd.DataFrame) -> alt.Chart:
    """Purpose of visit of Russian arrivals, % of each year's total."""
    data = pd.DataFrame({
        "year": shares["year"].astype(int),
        "purpose": shares["purpose"].map(PURPOSE_LABEL),
        "share_pct": shares["share_pct"].round(1),
    })
    tour = shares[shares["purpose"] == "tourism"].set_index("year")["share_pct"]
    return charts.figure(
        alt.Chart(data).mark_bar().encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("share_pct:Q", title="% of arrivals from Russia", scale=alt.Scale(domain=[0, 100])),
            color=alt.Color("purpose:N", title=None, sort=list(PURPOSE_LABEL.values()),
                            scale=alt.Scale(domain=list(PURPOSE_LABEL.values()))),
            order=alt.Order("purpose:N"),
            tooltip=["year:O", "purpose:N", alt.Tooltip("share_pct:Q", format=".1f")],
        ),
        name="people-purpose-russia",
        title=f"Tourism rose from {tour.loc[2013]:.0f}% of Russian arrivals in 2013 to {tour.loc[2014]:.0f}% in 2014",
        subtitle="Purpose of visit as the Korea Tourism Organization records it, complete years",
        source="Korea Tourism Organization monthly arrivals by purpose and nationality, 2010-2019.",
        alt_text=("Stacked bar chart of the purposes of visit of arrivals from Russia, 2010 to 2019: the "
                  "tourism share grows and the 'other' and business shares shrink, with a jump in 2014."),
    )


ENTRY_ORDER = ["visa free", "visa on arrival", "eTA", "e-visa", "entry permit", "visa required", "covid ban"]
ENTRY_COLOURS = ["#009E73", "#8fd3b6", "#56B4E9", "#0072B2", "#CC79A7", "#D55E00", "#bdbdbd"]


def allies_grid(visa: pd.DataFrame, classes: tuple[str, ...]) -> alt.Chart:
    """Entry rule for Russians in each U.S. ally, per snapshot year; ``visa`` carries the ally class of
    each destination on the snapshot's date (``analysis.with_allies``)."""
    d = visa[visa["ally_class"].isin(classes)]
    data = pd.DataFrame({
        "year": d["snapshot_year"].astype(int),
        "country": d["destination"].map(country_name),
        "class": d["ally_class"],
        "basis": d["ally_basis"],
        "entry": d["entry"],
    })
    free_ever = set(data.loc[data["entry"] == "visa free", "country"])
    data = data[data["country"].isin(free_ever)]
    order = (data.assign(free=data["entry"] == "visa free").groupby(["class", "country"])["free"].sum()
             .reset_index().sort_values(["class", "free", "country"], ascending=[True, False, True]))
    grid = alt.Chart(data).mark_rect(stroke="white", strokeWidth=1).encode(
        x=alt.X("year:O", title="Passport Index snapshot (the last of each year)"),
        y=alt.Y("country:N", title=None, sort=list(dict.fromkeys(order["country"]))),
        color=alt.Color("entry:N", title=None, scale=alt.Scale(domain=ENTRY_ORDER, range=ENTRY_COLOURS)),
        tooltip=["country:N", "class:N", "basis:N", "year:O", "entry:N"],
    ).properties(height=alt.Step(14), width=alt.Step(28))
    return charts.figure(
        grid.facet(row=alt.Row("class:N", title=None, sort=list(classes),
                               header=alt.Header(labelAngle=0, labelAlign="left", labelFontSize=12)))
        .resolve_scale(y="independent"),
        name="people-visa-allies",
        title="South Korea was not the only U.S. ally open to Russians without a visa",
        subtitle=("U.S. allies that admitted Russian passport holders visa-free in at least one snapshot; "
                  "a blank cell: not in that class of ally on the snapshot's date"),
        source=("Passport Index dataset (Ilyankou, from passportindex.org); U.S. allies on each date: NATO "
                "accessions (stevedata), major non-NATO ally designations and removals, OAS (Rio Treaty), "
                "treaty pages."),
        alt_text=("Grid of U.S. allies by Passport Index snapshot year, coloured by the entry rule for "
                  "Russian passport holders: visa-free, visa on arrival, e-visa, visa required or a COVID-19 "
                  "entry ban, in three panels (treaty allies, major non-NATO allies, Rio Treaty only). A "
                  "country appears only in the years it was that kind of ally, and only if it was visa-free "
                  "at least once."),
    )


GAP = "no survey in the years between"


def wave_lines(series: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split each series at missing waves: (points with a segment number per run of consecutive years,
    two-point bridges over each gap). ``series``: columns series, year, favourable_pct."""
    runs, bridges = [], []
    for name, g in series.sort_values("year").groupby("series"):
        years = g["year"].tolist()
        segment = {y: i for i, run in enumerate(p.runs(years)) for y in run}
        runs.append(g.assign(segment=g["year"].map(segment)))
        values = g.set_index("year")["favourable_pct"]
        for a, b in zip(years, years[1:]):
            if b - a > 1:
                bridges.append(pd.DataFrame({"series": name, "year": [a, b], "favourable_pct": values[[a, b]].values,
                                             "gap": f"{a}-{b}", "kind": GAP}))
    empty = pd.DataFrame(columns=["series", "year", "favourable_pct", "gap", "kind"])
    return pd.concat(runs, ignore_index=True), pd.concat(bridges, ignore_index=True) if bridges else empty


def image_chart(pew: pd.DataFrame, allies: Mapping[int, set[str]]) -> alt.LayerChart:
    """South Koreans' favourable views of Russia and the U.S., with other allies' views of Russia.

    ``allies``: the allies of each wave year (``analysis.allies_by_year``). Lines join consecutive waves
    only; a dashed line crosses the years in which South Koreans were not asked."""
    rus = pew[pew["target"] == "RUS"]
    others = rus[[c in allies.get(int(y), set()) for c, y in zip(rus["country"], rus["year"])]]
    others = pd.DataFrame({"year": others["year"].astype(int), "country": others["country"].map(country_name),
                           "favourable_pct": others["favourable_pct"].round(1)})
    kor = pew[(pew["country"] == "KOR")]
    series = pd.DataFrame({
        "year": kor["year"].astype(int),
        "series": kor["target"].map({"RUS": "South Koreans on Russia", "USA": "South Koreans on the U.S."}),
        "favourable_pct": kor["favourable_pct"].round(1),
    })
    k_rus = series[series["series"] == "South Koreans on Russia"].set_index("year")["favourable_pct"].sort_index()
    before = k_rus[k_rus.index < 2022]
    solid, bridges = wave_lines(series)
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d"), scale=alt.Scale(domain=[2002, 2023], nice=False))
    y = alt.Y("favourable_pct:Q", title="Favourable, % of respondents", scale=alt.Scale(domain=[0, 100]))
    scale = alt.Scale(domain=["South Koreans on Russia", "South Koreans on the U.S."],
                      range=[charts.PALETTE[1], charts.PALETTE[0]])
    colour = alt.Color("series:N", title=None, scale=scale)
    tip = ["series:N", "year:Q", alt.Tooltip("favourable_pct:Q", format=".0f")]
    dots = alt.Chart(others).mark_circle(size=28, color="#b8bec6", opacity=0.8).encode(
        x=x, y=y, tooltip=["country:N", "year:Q", alt.Tooltip("favourable_pct:Q", format=".0f")])
    gaps = alt.Chart(bridges).mark_line(strokeWidth=1.2, opacity=0.7).encode(
        x=x, y=y, color=colour, detail="gap:N",
        strokeDash=alt.StrokeDash("kind:N", title=None, scale=alt.Scale(domain=[GAP], range=[[4, 4]])))
    lines = alt.Chart(solid).mark_line(point=True).encode(x=x, y=y, color=colour, detail="segment:N", tooltip=tip)
    gap_years = sorted(set(range(int(k_rus.index.min()), int(k_rus.index.max()) + 1)) - set(k_rus.index))
    return charts.figure(
        alt.layer(dots, gaps, lines).resolve_legend(strokeDash="independent"),
        name="people-image",
        title="South Koreans viewed Russia more warmly than most U.S. allies did, until the 2022 collapse",
        subtitle=("Favourable views; grey dots: other U.S. allies' views of Russia in the same wave; "
                  "dashed: no survey in the years between"),
        source=("Pew Research Center Global Attitudes Surveys, respondent data (pew_opi); weighted shares "
                "computed for the book, which may differ slightly from Pew's toplines."),
        alt_text=("Chart of the share of South Koreans with a favourable view of Russia and of the United "
                  f"States, 2002 to 2023, with grey dots for other U.S. allies' views of Russia. South "
                  f"Koreans' favourable view of Russia ranges from {before.min():.0f} to {before.max():.0f} "
                  f"percent before 2022 and is {k_rus.iloc[-1]:.0f} percent in {int(k_rus.index[-1])}; their "
                  f"view of the U.S. stays high. Lines join consecutive survey years only; South Koreans "
                  f"were not asked about Russia in {', '.join(str(y) for y in gap_years)}, where a dashed line "
                  f"bridges the gap."),
    )
