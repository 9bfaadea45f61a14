"""Charts of the alliance chapter. Chart data are aggregated and rounded; the tables hold the exact values."""

from __future__ import annotations

import altair as alt
import pandas as pd

from double_ally.chapters.alliance.analysis import GeorgiaFinding, names_seoul, period_mean, source_changes, years_with
from double_ally.core import charts

NAMES = {"KOR": "South Korea", "JPN": "Japan", "USA": "United States", "RUS": "Russia", "CHN": "China"}
VARIANT_LABELS = {"all": "All roll calls", "important": "'Important' votes only",
                  "no_middle_east": "Without Middle East votes"}
PARTNER_COLOURS = {"United States": charts.PALETTE[0], "Russia": charts.PALETTE[1], "Japan": charts.PALETTE[2],
                   "China": charts.PALETTE[3]}
VOTE_COLOURS = {"yes": "#0b6e4f", "abstain": "#E69F00", "no": "#a4161a", "absent": "#c9ced6",
                "not stated": "#ffffff"}
YEAR_AXIS = alt.Axis(format="d", title=None)
SOURCE_NAMES = {"Voeten": "Voeten et al., UN General Assembly Voting Data",
                "UN Digital Library": "UN Digital Library voting records"}
SOURCE_NOTES = {"UN Digital Library": "whole resolutions only"}


def agreement_chart(table: pd.DataFrame) -> alt.Chart:
    """Agreement of South Korea (or Japan) with each partner per year, with a menu for the variant.

    The chart data are wide (one row per country, variant and year, one column per partner) to keep the page
    light; the chart folds them back into one line per partner.
    """
    data = table[table["variant"].isin(VARIANT_LABELS)]
    wide = data.pivot_table(index=["country", "variant", "year"], columns="partner", values="agreement")
    wide = wide.rename(columns=NAMES).round(3).reset_index()
    wide["country"] = wide["country"].map(NAMES)
    n = data.groupby(["country", "variant", "year"])["n_votes"].max().rename("roll_calls").reset_index()
    n["country"] = n["country"].map(NAMES)
    wide = wide.merge(n, on=["country", "variant", "year"], how="left")
    variant = alt.param(name="variant", value="all", bind=alt.binding_select(
        options=list(VARIANT_LABELS), labels=list(VARIANT_LABELS.values()), name="Roll calls: "))
    country = alt.param(name="country", value="South Korea",
                        bind=alt.binding_radio(options=["South Korea", "Japan"], name="Votes of: "))
    kor = table[(table["country"] == "KOR") & (table["variant"] == "all") & table["year"].between(2010, 2019)]
    means = kor.groupby("partner")["agreement"].mean()
    lines = alt.Chart(wide).transform_filter(
        (alt.datum.variant == variant) & (alt.datum.country == country)
    ).transform_fold(list(PARTNER_COLOURS), as_=["partner", "agreement"]).transform_filter(
        "isValid(datum.agreement)"
    ).mark_line(point=True).encode(
        x=alt.X("year:Q", axis=YEAR_AXIS, scale=alt.Scale(domain=[1991, 2021], nice=False)),
        y=alt.Y("agreement:Q", title="Agreement index (1 = always the same vote)", scale=alt.Scale(domain=[0, 1])),
        color=alt.Color("partner:N", title="Agreement with", scale=alt.Scale(
            domain=list(PARTNER_COLOURS), range=list(PARTNER_COLOURS.values()))),
        tooltip=["country:N", "partner:N", "year:Q", alt.Tooltip("agreement:Q", format=".2f"),
                 alt.Tooltip("roll_calls:Q", title="roll calls (most for any pair)")],
    ).add_params(variant, country)
    # the all-roll-call series changes source (Voeten to the UN Digital Library): a dashed rule where it does
    spans = table[table["variant"] == "all"].groupby("source")["year"].agg(["min", "max"]).sort_values("min")
    source_line = "; ".join(f"{SOURCE_NAMES.get(n, n)} ({r['min']}" + (f"-{r['max']})" if r["max"] != r["min"] else ")")
                            for n, r in spans.iterrows()) + "."
    changes = source_changes(table, "all")
    marks = changes.assign(at=changes["year"] - 0.5, label=[
        f"from {y}: {SOURCE_NAMES.get(n, n)}" + (f", {SOURCE_NOTES[n]}" if n in SOURCE_NOTES else "")
        for y, n in zip(changes["year"], changes["source"])])
    rule = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color=charts.MUTED).encode(
        x="at:Q", tooltip=[alt.Tooltip("label:N", title="source")])
    note = alt.Chart(marks).mark_text(align="right", dx=-4, fontSize=11, color=charts.MUTED).encode(
        x="at:Q", y=alt.datum(0.04), text="label:N")
    first, last = int(table["year"].min()), int(table["year"].max())
    return charts.figure(
        alt.layer(lines, rule, note),
        name="alliance-agreement",
        title=f"All roll calls, 2010-19: Seoul agreed with Moscow {means['RUS']:.2f}, Washington {means['USA']:.2f}",
        subtitle=[f"Agreement index per year, {first}-{last}; the menus below switch to 'important' votes or to "
                  "Japan", "Dashed line: the source changes"],
        source=source_line,
        alt_text=(f"Line chart, {first} to {last}, of the agreement index between South Korea (or Japan) and the "
                  "United States, Russia, Japan and China in the UN General Assembly, with a menu to choose all roll "
                  "calls, important votes only, or all without Middle East votes; a dashed line marks the year the "
                  f"source changes ({source_line[:-1]})."),
    )


def decade_chart(table: pd.DataFrame, first: int, last: int) -> alt.Chart:
    """Mean agreement over ``first``-``last`` with the U.S. and Russia, South Korea against Japan, per variant;
    each panel names the years its mean covers (the 'important' flag stops before the decade ends).

    ``table``: the unga_agreement table.
    """
    means = period_mean(table, first, last).reset_index()
    data = means[means["partner"].isin(["USA", "RUS"]) & means["variant"].isin(VARIANT_LABELS)]
    labels = {v: f"{label}, {'-'.join(map(str, years_with(table, v, first, last)))}"
              for v, label in VARIANT_LABELS.items()}
    data = pd.DataFrame({
        "country": data["country"].map(NAMES), "partner": data["partner"].map(NAMES),
        "variant": data["variant"].map(labels), "agreement": data["agreement"].round(3),
    })
    base = alt.Chart(data).encode(
        y=alt.Y("country:N", title=None),
        x=alt.X("agreement:Q", title="Mean yearly agreement index", scale=alt.Scale(domain=[0.3, 1])),
    )
    rules = base.mark_rule(color="#8c959f").encode(detail="country:N")
    dots = base.mark_point(size=120, filled=True).encode(
        color=alt.Color("partner:N", title="Agreement with", scale=alt.Scale(
            domain=["United States", "Russia"], range=[charts.PALETTE[0], charts.PALETTE[1]])),
        shape=alt.Shape("partner:N", legend=None),
        tooltip=["country:N", "partner:N", "variant:N", alt.Tooltip("agreement:Q", format=".2f")],
    )
    return charts.figure(
        alt.layer(rules, dots).properties(width=520, height=70).facet(
            row=alt.Row("variant:N", title=None, sort=list(labels.values()),
                        header=alt.Header(labelAngle=0, labelAlign="left", labelAnchor="start",
                                          labelFontWeight=600, labelOrient="top"))),
        name="alliance-decade",
        title="Which roll calls are counted decides whether Seoul looks closer to Washington or to Moscow",
        subtitle="Mean yearly agreement index with the U.S. and Russia; each panel names the years it covers",
        source="Voeten et al., UN General Assembly Voting Data.",
        alt_text=(f"Dot plot in three panels ({'; '.join(labels.values())}) of South Korea's and Japan's mean "
                  f"agreement with the United States and with Russia."),
    )


def votes_grid(votes: pd.DataFrame, *, name: str, title: str, subtitle: str, source: str, alt_text: str,
               columns: str = "vote_label", step: int = 74) -> alt.Chart:
    """A grid of votes: countries as rows, votes as columns, cells coloured by the vote.

    ``votes``: columns country, vote, and ``columns`` (the vote label, in display order).
    """
    order = list(dict.fromkeys(votes[columns]))
    data = votes.assign(country=votes["country"].map(NAMES))
    base = alt.Chart(data).encode(
        x=alt.X(f"{columns}:N", title=None, sort=order, axis=alt.Axis(labelAngle=-40, labelLimit=200)),
        y=alt.Y("country:N", title=None, sort=[NAMES[c] for c in NAMES]),
    )
    cells = base.mark_rect(stroke="#8c959f", strokeWidth=0.5).encode(
        color=alt.Color("vote:N", title="Vote", scale=alt.Scale(domain=list(VOTE_COLOURS),
                                                               range=list(VOTE_COLOURS.values()))),
        tooltip=["country:N", f"{columns}:N", "vote:N"],
    )
    text = base.mark_text(fontSize=11).encode(text="vote:N", color=alt.condition(
        "datum.vote == 'yes' || datum.vote == 'no'", alt.value("white"), alt.value("#1f2328")))
    return charts.figure(alt.layer(cells, text).properties(width=alt.Step(step), height=alt.Step(30)),
                         name=name, title=title, subtitle=subtitle, source=source, alt_text=alt_text)


def key_votes_chart(key_votes: pd.DataFrame) -> alt.Chart:
    countries = key_votes[key_votes["country"] != "TOTAL"].copy()
    short = countries["vote_id"].str.replace("A/RES/", "", regex=False).str.replace(
        r"^\d{4}-\d{2}-\d{2} ", "", regex=True).str.replace(" as amended", ", amended", regex=False)
    countries["vote_label"] = short + " (" + countries["date"].str[:4] + ")"
    countries = countries[["vote_label", "country", "vote"]]
    n_kor_yes = int(((countries["country"] == "KOR") & (countries["vote"] == "yes")).sum())
    n = countries["vote_label"].nunique()
    return votes_grid(
        countries, name="alliance-key-votes",
        title=(f"South Korea voted yes on all {n} Ukraine resolutions in the sources" if n_kor_yes == n else
               f"South Korea voted yes on {n_kor_yes} of the {n} Ukraine resolutions in the sources"),
        subtitle="General Assembly votes on Ukraine, 2014-2025; white = no source seen gives the vote",
        source=("UN Digital Library voting records (scraped); H. Kinoshita's transcribed lists; news and "
                "reference pages for 2022-2025 (see the table unga_key_votes)."),
        alt_text=("Grid of the votes of South Korea, the United States, Russia, China and Japan on A/RES/68/262 "
                  "(2014), the emergency-session resolutions ES-11/1 to ES-11/6 (2022-2023) and two resolutions "
                  "of 24 February 2025."),
    )


def georgia_chart(finding: GeorgiaFinding) -> alt.Chart:
    """Every recorded vote on the Georgia resolution, the one before the war included; the title gives the
    finding's count, which is over the votes after the war only (``analysis.georgia_finding``)."""
    votes = finding.votes
    long = votes.melt(id_vars=["date", "symbol"], value_vars=list(NAMES), var_name="country", value_name="vote")
    long["vote_label"] = long["date"].str[:4]
    n, n_abstain = finding.n_votes, finding.kor_abstain
    span = f"{finding.first_year}-{finding.last_year}"
    subtitle = "General Assembly resolution on refugees and displaced persons from Abkhazia and South Ossetia"
    if finding.n_before:  # the table is in date order: the votes before the war come first
        subtitle = [subtitle, f"First {'column' if finding.n_before == 1 else f'{finding.n_before} columns'}: "
                              f"before the August 2008 war, not counted in the title"]
    return votes_grid(
        long[["vote_label", "country", "vote"]], name="alliance-georgia",
        title=(f"After the 2008 war Seoul abstained on all {n} votes ({span})" if n_abstain == n else
               f"After the 2008 war Seoul abstained on {n_abstain} of the {n} votes ({span})"),
        subtitle=subtitle,
        source="UN Digital Library voting records (scraped).",
        alt_text=(f"Grid of the votes of South Korea, the United States, Russia, China and Japan on the yearly "
                  f"General Assembly resolution on displaced persons from Abkhazia and South Ossetia, "
                  f"{votes['date'].min()[:4]} to {votes['date'].max()[:4]}."),
        step=48,
    )


def troops_chart(troops: pd.DataFrame, events: pd.DataFrame) -> alt.VConcatChart:
    """U.S. active-duty forces in South Korea and Japan 1950-2025, and South Korea since 2005 with THAAD marked."""
    data = pd.DataFrame({
        "country": troops["country"].map(NAMES), "year": troops["year"].astype(int),
        "active_duty": troops["active_duty"].astype(int),
    })
    data["low"] = troops["min_active_duty_in_year"].where(troops["year"] >= 2005).astype("Int64")
    data["high"] = troops["max_active_duty_in_year"].where(troops["year"] >= 2005).astype("Int64")
    # years without a report get an empty row, so that the line breaks instead of bridging the gap
    gaps = [{"country": NAMES[c], "year": y} for c in troops["country"].unique()
            for y in range(int(troops["year"].min()), int(troops["year"].max()) + 1)
            if not ((troops["country"] == c) & (troops["year"] == y)).any()]
    data = pd.concat([data, pd.DataFrame(gaps)], ignore_index=True).sort_values(["country", "year"])
    data["active_duty"] = data["active_duty"].astype("Int64")
    colour = alt.Color("country:N", title=None, scale=alt.Scale(domain=["South Korea", "Japan"],
                                                                range=[charts.PALETTE[0], charts.PALETTE[4]]))
    tooltip = ["country:N", "year:Q", alt.Tooltip("active_duty:Q", format=",", title="active duty")]
    full = alt.Chart(data).mark_line(point=alt.OverlayMarkDef(size=20)).encode(
        x=alt.X("year:Q", axis=YEAR_AXIS, scale=alt.Scale(domain=[1950, 2025], nice=False)),
        y=alt.Y("active_duty:Q", title="U.S. active-duty personnel"), color=colour, tooltip=tooltip,
    ).properties(height=220)
    # the zoom reads the same rows through a filter, so that the chart's data hold each year once
    recent = alt.Chart(data).transform_filter(
        (alt.datum.country == "South Korea") & (alt.datum.year >= 2005))
    scale = alt.Scale(domain=[2005, 2025], nice=False)
    band = recent.mark_area(opacity=0.25, color=charts.PALETTE[0]).encode(
        x=alt.X("year:Q", axis=YEAR_AXIS, scale=scale), y=alt.Y("low:Q", title="South Korea, active duty",
                                                                scale=alt.Scale(zero=False)), y2="high:Q")
    line = recent.mark_line(point=True, color=charts.PALETTE[0]).encode(
        x=alt.X("year:Q", scale=scale), y="active_duty:Q", tooltip=tooltip)
    thaad = events[events["event"].str.contains("THAAD")]
    marks = pd.DataFrame({
        "year": thaad["date"].str[:4].astype(int) + (thaad["date"].str[5:7].replace("", "06").astype(int) - 0.5) / 12,
        "event": thaad["event"],
    })
    marks["label"] = ["THAAD agreed" if i == 0 else "THAAD deployed" for i in range(len(marks))]
    marks["dy"] = [8 + 14 * i for i in range(len(marks))]
    rules = alt.Chart(marks).mark_rule(strokeDash=[4, 3], color=charts.MUTED).encode(
        x=alt.X("year:Q", scale=scale), tooltip=["event:N"])
    labels = alt.Chart(marks).mark_text(align="left", dx=3, fontSize=11, color=charts.MUTED).encode(
        x=alt.X("year:Q", scale=scale), y=alt.Y("dy:Q", scale=None), text="label:N")
    zoom = alt.layer(band, line, rules, labels).properties(height=180)
    kor = data[data["country"] == "South Korea"].set_index("year")["active_duty"]
    peak_year = int(kor.idxmax())
    return charts.figure(
        alt.vconcat(full, zoom).resolve_scale(x="independent"),
        name="alliance-troops",
        title=(f"U.S. forces in South Korea: {kor[peak_year]:,} in {peak_year}, {kor[1991]:,} in 1991, "
               f"{kor[kor.index.max()]:,} in {kor.index.max()}"),
        subtitle=["Active duty, one DMDC report a year (September where there is one); gaps = no report",
                  "Below: South Korea since 2005; band = range of the year's reports; dashed = THAAD"],
        source="U.S. Defense Manpower Data Center reports, compiled by M. E. Flynn (troopdata); THAAD dates from "
               "the book's events table.",
        alt_text=("Two line charts: U.S. active-duty personnel in South Korea and Japan, 1950 to 2025; and in South "
                  "Korea from 2005 to 2025 with the range of quarterly reports and dashed lines at the THAAD "
                  "decision (July 2016) and deployment (April 2017)."),
    )


LANES = {"seoul": "Seoul's measures and statements",
         "at_seoul": "Moscow: on THAAD, or naming Seoul",
         "others": "Moscow: not naming Seoul"}


def sanctions_lanes(rows: pd.DataFrame) -> pd.Series:
    """The lane of each row (columns actor, kind, summary): Seoul's own rows; Moscow's statements on THAAD and
    its measures that name South Korea; and Moscow's measures that do not name it (the May 2021 list)."""
    at_seoul = (rows["kind"] == "THAAD statement") | names_seoul(rows["summary"])
    lane = at_seoul.map({True: LANES["at_seoul"], False: LANES["others"]})
    return lane.where(rows["actor"] != "Seoul", LANES["seoul"])


def sanctions_chart(measures: pd.DataFrame, facts: pd.DataFrame) -> alt.Chart:
    """Dated measures and statements: Seoul's and Moscow's, 2014-2024, with Russia's THAAD statements."""
    def when(date: pd.Series) -> pd.Series:
        year = date.str[:4].astype(int)
        month = date.str[5:7].replace("", "06").astype(int)
        return (year + (month - 0.5) / 12).round(3)

    rows = pd.concat([
        pd.DataFrame({"when": when(measures["date"]), "date": measures["date"], "actor": measures["actor"],
                      "kind": measures["measure_type"], "summary": measures["summary"]}),
        pd.DataFrame({"when": when(facts["date"]), "date": facts["date"], "actor": facts["actor"],
                      "kind": "THAAD statement", "summary": facts["summary"]})[facts["topic"] == "thaad"],
    ], ignore_index=True)
    rows = rows[rows["actor"].isin(["Seoul", "Moscow"])].copy()
    rows["lane"] = sanctions_lanes(rows)
    first_unfriendly = measures[(measures["actor"] == "Moscow") & names_seoul(measures["summary"])]
    return charts.figure(
        alt.Chart(rows).mark_point(size=110, filled=True, opacity=0.85).encode(
            x=alt.X("when:Q", axis=alt.Axis(format="d", title=None, tickMinStep=1),
                    scale=alt.Scale(domain=[2014, 2025], nice=False)),
            y=alt.Y("lane:N", title=None, scale=alt.Scale(domain=list(LANES.values())),
                    axis=alt.Axis(labelLimit=0, labelFontSize=12)),
            color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom", columns=3)),
            shape=alt.Shape("kind:N", legend=None),
            yOffset=alt.YOffset("kind:N"),
            tooltip=["date:N", "kind:N", "summary:N"],
        ).properties(width=460, height=alt.Step(14)),
        name="alliance-sanctions",
        title=(f"Words in 2016-17, a list in 2022: Moscow named Seoul 'unfriendly' on "
               f"{first_unfriendly['date'].min()}"),
        subtitle="Seoul's measures on Russia and Moscow's statements and measures, 2014-2024 (hover for each row)",
        source="News and government pages, one per row (tables sanctions_measures and alliance_page_facts).",
        alt_text=("Timeline, 2014 to 2024, in three lanes: Seoul's measures (non-recognition of Crimea, no own "
                  "sanctions in 2014, export controls from 2022); Moscow's statements on THAAD in 2016-2017 and its "
                  "measures naming Seoul (the 'unfriendly' list of March 2022); and Moscow's measures that do not "
                  "name Seoul (its first 'unfriendly' list, of May 2021)."),
    )
