"""Charts of the forecast chapter. Chart data are small and rounded; the exact values are in the tables."""

from __future__ import annotations

import altair as alt
import pandas as pd

from double_ally.core import charts
from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast.evidence import INVASION_DATE
from double_ally.core.citation import ARTICLE_DATE

OUTCOME_COLOURS = {
    f.SCENARIO: charts.PALETTE[1],
    f.BETWEEN: charts.PALETTE[4],
    f.BASE: charts.PALETTE[0],
    f.PENDING: "#8c959f",
}
FIT_COLOURS = {
    "fits the scenario": charts.PALETTE[1],
    "fits the base case": charts.PALETTE[0],
    "fits either case": charts.PALETTE[2],
    "context": "#8c959f",
}
YEARS = alt.Scale(domain=[2019, 2024], nice=False)


def _panel(data: pd.DataFrame, title: str, colours: dict[str, str], rules: pd.DataFrame,
           field: str = "index", axis_title: str = "2019 = 100", top: float = 140) -> alt.LayerChart:
    """One small multiple: lines of ``field`` with the rule's thresholds (``rules``: y, rule) dashed."""
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1), scale=YEARS)
    y = alt.Y(f"{field}:Q", title=axis_title, scale=alt.Scale(domain=[0, top]))
    lines = alt.Chart(data).mark_line(point=True).encode(
        x=x, y=y,
        color=alt.Color("series:N", title=None, scale=alt.Scale(domain=list(colours), range=list(colours.values())),
                        legend=alt.Legend(orient="bottom", direction="vertical")),
        tooltip=["series:N", "year:Q", alt.Tooltip("index:Q", format=".0f", title="2019 = 100"),
                 alt.Tooltip("value:Q", format=",.1f", title="value"), "unit:N"],
    )
    thresholds = alt.Chart(rules).mark_rule(strokeDash=[4, 3], color=charts.MUTED).encode(
        y="y:Q", tooltip=["rule:N", alt.Tooltip("y:Q", format=".1f", title="threshold")])
    return alt.layer(thresholds, lines).properties(width=200, height=200, title=alt.TitleParams(title, fontSize=13))


def _latest(frame: pd.DataFrame, series: str) -> pd.Series:
    rows = frame[frame["series"] == series]
    return rows.loc[rows["year"].idxmax()]


def indexed_panels(trade: pd.DataFrame, arrivals: pd.DataFrame, views: pd.DataFrame) -> alt.HConcatChart:
    """Trade and visitors as an index with 2019 = 100 and the flow thresholds; favourable views in percent
    (a share is not indexed) with the thresholds of the views rule, in points below 2019.

    ``trade``: forecast_claims.trade_series(); ``arrivals``: arrivals_series(); ``views``: Pew rows of
    South Korean respondents (target, year, favourable_pct).
    """
    t = pd.DataFrame({
        "year": trade["year"], "index": trade["index"].round(1), "value": (trade["value_usd_m"] / 1000).round(2),
        "unit": "US$ billion",
        "series": trade["series"].map({"exports": "South Korea's exports", "total": "Total trade"}),
    })
    a = pd.DataFrame({
        "year": arrivals["year"], "index": arrivals["index"].round(1), "value": arrivals["arrivals"] / 1000,
        "unit": "thousand people",
        "series": arrivals["series"].map({"entrants (Ministry of Justice)": "Entrants (Justice Ministry)",
                                          "arrivals (KTO)": "Arrivals (KTO)"}),
    })
    v = views[views["year"] >= f.BASE_YEAR].sort_values(["target", "year"])
    base = v.groupby("target")["favourable_pct"].transform("first")
    v = pd.DataFrame({
        "year": v["year"], "index": (v["favourable_pct"] / base * 100).round(1), "value": v["favourable_pct"].round(1),
        "unit": "% favourable",
        "series": v["target"].map({"RUS": "Views of Russia", "USA": "Views of the U.S."}),
    })
    trade_latest = _latest(t, "South Korea's exports")
    arr_latest = _latest(a, "Entrants (Justice Ministry)")
    rus = v[v["series"] == "Views of Russia"]
    rus_first, rus_last = rus.loc[rus["year"].idxmin(), "value"], rus.loc[rus["year"].idxmax(), "value"]
    flow_rules = pd.DataFrame({"y": [f.BASE_FLOOR, f.SCENARIO_CEILING],
                               "rule": ["base case at or above", "scenario at or below"]})
    view_rules = pd.DataFrame({"y": [rus_first - f.VIEWS_BASE_DROP, rus_first - f.VIEWS_SCENARIO_DROP],
                               "rule": [f"views of Russia: base case at or above ({f.VIEWS_BASE_DROP:.0f} points "
                                        f"below {f.BASE_YEAR})",
                                        f"views of Russia: scenario below ({f.VIEWS_SCENARIO_DROP:.0f} points "
                                        f"below {f.BASE_YEAR})"]})
    chart = alt.hconcat(
        _panel(t, "Trade", {"South Korea's exports": charts.PALETTE[0], "Total trade": charts.PALETTE[5]}, flow_rules),
        _panel(a, "Visitors from Russia", {"Entrants (Justice Ministry)": charts.PALETTE[2],
                                           "Arrivals (KTO)": charts.PALETTE[3]}, flow_rules),
        _panel(v, "Favourable views (Pew)", {"Views of Russia": charts.PALETTE[1],
                                             "Views of the U.S.": charts.PALETTE[7]}, view_rules,
               field="value", axis_title="% favourable", top=100),
    ).resolve_scale(color="independent")
    return charts.figure(
        chart,
        name="forecast-indexed",
        title=(f"Exports ({int(trade_latest['year'])}) and visitors ({int(arr_latest['year'])}) stood at "
               f"{trade_latest['index']:.0f} and {arr_latest['index']:.0f} (2019 = 100); favourable views of "
               f"Russia fell from {rus_first:.0f}% to {rus_last:.0f}%"),
        subtitle=(f"Dashed lines: the pre-registered thresholds. Trade and visitors: {f.BASE_FLOOR:.0f} and above "
                  f"the base case, {f.SCENARIO_CEILING:.0f} and below the scenario. Views, in percent: within "
                  f"{f.VIEWS_BASE_DROP:.0f} points of {f.BASE_YEAR} the base case, more than "
                  f"{f.VIEWS_SCENARIO_DROP:.0f} points below it the scenario."),
        source=("IMF DOTS and KOSIS/KITA (trade); Ministry of Justice and KTO (visitors); Pew Research Center "
                "Global Attitudes (views)."),
        alt_text=(f"Three small line charts from {f.BASE_YEAR} on: South Korea's exports to Russia and total trade, "
                  f"and entrants and arrivals from Russia, each indexed to {f.BASE_YEAR} = 100, with dashed lines at "
                  f"{f.BASE_FLOOR:.0f} and {f.SCENARIO_CEILING:.0f}; the share of South Koreans with a favourable "
                  f"view of Russia and of the United States, in percent, with dashed lines "
                  f"{f.VIEWS_BASE_DROP:.0f} and {f.VIEWS_SCENARIO_DROP:.0f} points below the {f.BASE_YEAR} "
                  f"view of Russia."),
    )


def events_strip(steps: pd.DataFrame) -> alt.LayerChart:
    """Dated policy steps from 2019, one lane per actor, coloured by which forecast they fit.

    ``steps``: date (YYYY-MM-DD), lane, what, fits (a key of FIT_COLOURS), table.
    """
    data = steps.assign(date=pd.to_datetime(steps["date"]).dt.strftime("%Y-%m-%d"))
    lanes = ["Seoul", "General Assembly votes", "Washington", "Moscow", "Security Council", "Context"]
    lanes = [lane for lane in lanes if lane in set(data["lane"])]
    marks = pd.DataFrame({"date": [ARTICLE_DATE, INVASION_DATE], "label": ["Article", "Invasion"]})
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount="year"),
              scale=alt.Scale(domain=["2019-01-01", "2025-12-31"]))
    rules = alt.Chart(marks).mark_rule(color=charts.MUTED, strokeDash=[4, 3]).encode(x=x)
    labels = alt.Chart(marks).mark_text(align="left", dx=3, y=2, baseline="top", color=charts.MUTED).encode(
        x=x, text="label:N")
    points = alt.Chart(data).mark_point(filled=True, size=110, opacity=0.85).encode(
        x=x,
        y=alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=200)),
        color=alt.Color("fits:N", title=None, scale=alt.Scale(domain=list(FIT_COLOURS),
                                                             range=list(FIT_COLOURS.values()))),
        shape=alt.Shape("fits:N", title=None, scale=alt.Scale(domain=list(FIT_COLOURS),
                                                             range=["triangle-down", "circle", "diamond", "square"])),
        tooltip=[alt.Tooltip("date:T", format="%Y-%m-%d"), "lane:N", "what:N", "fits:N", "table:N"],
    )
    n_scenario = int((data["fits"] == "fits the scenario").sum())
    n_base = int((data["fits"] == "fits the base case").sum())
    return charts.figure(
        alt.layer(rules, labels, points).properties(width=640, height=alt.Step(38)),
        name="forecast-events",
        title=f"From February 2022 on, {n_scenario} dated records fit the scenario and {n_base} the base case",
        subtitle="Dated steps from the tables, 2019 on; hover a point for what happened",
        source=("Timeline and sanctions pages (events_korea_russia, sanctions_measures); UN General Assembly and "
                "Security Council records (unga_key_votes, unsc_dprk_record); Passport Index (visa_free_russia)."),
        alt_text=("Timeline from 2019 to 2025 with one row per actor: Seoul's export controls and sanctions, "
                  "its UN votes on Ukraine, U.S. votes, Moscow's countermeasures and treaty, Security Council "
                  "vetoes. Points are coloured by which forecast they fit; dashed lines mark the article and "
                  "the invasion."),
    )


VOTE_COLOURS = {"yes": charts.PALETTE[2], "abstain": charts.PALETTE[4], "no": charts.PALETTE[1],
                "absent": "#c9ced6", "not stated": "#eef1f4"}
COUNTRY_LABEL = {"kor": "South Korea", "usa": "United States", "jpn": "Japan", "chn": "China", "rus": "Russia"}


def votes_grid(votes: pd.DataFrame) -> alt.LayerChart:
    """Votes on Ukraine texts in the General Assembly, one row per text, one column per country."""
    long = votes.melt(id_vars=["date", "title", "punitive"], value_vars=list(COUNTRY_LABEL),
                      var_name="code", value_name="vote")
    long["country"] = long["code"].map(COUNTRY_LABEL)
    long["text"] = long["date"] + "  " + long["title"].str.slice(0, 70) + long["punitive"].map({True: " *", False: ""})
    long = long[["text", "country", "vote", "date"]]
    order = list(dict.fromkeys(long.sort_values("date")["text"]))
    base = alt.Chart(long).encode(
        x=alt.X("country:N", title=None, sort=list(COUNTRY_LABEL.values()), axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("text:N", title=None, sort=order, axis=alt.Axis(labelLimit=420)),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=2).encode(
        color=alt.Color("vote:N", title=None, scale=alt.Scale(domain=list(VOTE_COLOURS),
                                                             range=list(VOTE_COLOURS.values()))),
        tooltip=["text:N", "country:N", "vote:N"],
    )
    text = base.mark_text(fontSize=11).encode(text="vote:N")
    kor = votes["kor"]
    return charts.figure(
        alt.layer(cells, text).properties(width=alt.Step(96), height=alt.Step(26)),
        name="forecast-ukraine-votes",
        title=(f"South Korea voted yes on {int((kor == 'yes').sum())} of {len(kor)} Ukraine texts since 2014; "
               f"the U.S. did not in 2025"),
        subtitle="General Assembly votes; * a text that punishes Russia (suspension, reparations); 68/262 is the 2014 vote on Crimea",
        source="UN Digital Library records (scrapes), a transcribed country list and news pages (table unga_key_votes).",
        alt_text=("Grid of General Assembly votes on Ukraine from 2014 and 2022 to 2025, one row per text and one "
                  "column each for South Korea, the United States, Japan, China and Russia, each cell showing "
                  "yes, no, abstain or not stated."),
    )


def scorecard_chart(obs: pd.DataFrame) -> alt.Chart:
    """Each indicator placed in the outcome its rule gave."""
    data = obs[["indicator", "outcome", "observed", "part"]].copy()
    order = [f.BASE, f.BETWEEN, f.SCENARIO] + ([f.PENDING] if (data["outcome"] == f.PENDING).any() else [])
    n = int((data["outcome"] == f.SCENARIO).sum())
    scored = int((data["outcome"] != f.PENDING).sum())
    return charts.figure(
        alt.Chart(data).mark_point(filled=True, size=260).encode(
            x=alt.X("outcome:N", title=None, sort=order, scale=alt.Scale(domain=order),
                    axis=alt.Axis(orient="top", labelAngle=0)),
            y=alt.Y("indicator:N", title=None, sort=list(data["indicator"]), axis=alt.Axis(labelLimit=300)),
            color=alt.Color("outcome:N", legend=None, scale=alt.Scale(domain=order,
                                                                      range=[OUTCOME_COLOURS[o] for o in order])),
            tooltip=["indicator:N", "part:N", "observed:N", "outcome:N"],
        ).properties(width=alt.Step(130), height=alt.Step(30)),
        name="forecast-scorecard",
        title=f"{n} of {scored} indicators fit the deterioration scenario of ¶19",
        subtitle="Where each pre-registered indicator lands under its rule",
        source="The book's computation from the tables named in the pre-registration.",
        alt_text=("Dot chart: one row per indicator, placed in the column base case, in between, deterioration "
                  "scenario or pending according to its pre-registered rule."),
    )
