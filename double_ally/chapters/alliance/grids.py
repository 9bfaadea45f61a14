"""Vote grids of the alliance chapter: the Ukraine votes and the Georgia votes, one row per vote and one
column per country, so that the grid stays as narrow as a phone however many votes it holds."""

from __future__ import annotations

import altair as alt
import pandas as pd

from double_ally.chapters.alliance.analysis import GeorgiaFinding
from double_ally.core import charts

NAMES = {"KOR": "South Korea", "JPN": "Japan", "USA": "United States", "RUS": "Russia", "CHN": "China"}
SHORT = {"KOR": "S. Korea", "USA": "U.S.", "JPN": "Japan", "CHN": "China", "RUS": "Russia"}   # column heads
VOTE_COLOURS = {"yes": "#0b6e4f", "abstain": "#E69F00", "no": "#a4161a", "absent": "#c9ced6",
                "not stated": "#ffffff"}
COLUMN = 50         # px per country column: five fit a phone beside the vote labels
ROW = 26            # px per vote


def votes_grid(votes: pd.DataFrame, *, name: str, title: str, subtitle, source: str, alt_text: str,
               rows: str = "vote_label") -> alt.Chart:
    """A grid of votes: votes as rows (``rows``, in display order), countries as columns, cells coloured and
    labelled by the vote.

    ``votes``: columns country (ISO3), vote, and ``rows``.
    """
    order = list(dict.fromkeys(votes[rows]))
    data = votes.assign(country=votes["country"].map(SHORT), name=votes["country"].map(NAMES))
    base = alt.Chart(data).encode(
        x=alt.X("country:N", title=None, sort=[SHORT[c] for c in SHORT],
                axis=alt.Axis(orient="top", labelAngle=0, labelFontSize=11)),
        y=alt.Y(f"{rows}:N", title=None, sort=order, axis=alt.Axis(labelLimit=110)),
    )
    cells = base.mark_rect(stroke="#8c959f", strokeWidth=0.5).encode(
        color=alt.Color("vote:N", title="Vote", legend=alt.Legend(orient="bottom", direction="horizontal"),
                        scale=alt.Scale(domain=list(VOTE_COLOURS), range=list(VOTE_COLOURS.values()))),
        tooltip=[alt.Tooltip("name:N", title="country"), f"{rows}:N", "vote:N"],
    )
    text = base.mark_text(fontSize=10).encode(text="vote:N", color=alt.condition(
        "datum.vote == 'yes' || datum.vote == 'no'", alt.value("white"), alt.value("#1f2328")))
    return charts.figure(alt.layer(cells, text).properties(width=alt.Step(COLUMN), height=alt.Step(ROW)),
                         name=name, title=title, subtitle=subtitle, source=source, alt_text=alt_text)


def key_votes_chart(key_votes: pd.DataFrame) -> alt.Chart:
    countries = key_votes[key_votes["country"] != "TOTAL"].copy()
    short = countries["vote_id"].str.replace("A/RES/", "", regex=False).str.replace(
        r"^\d{4}-\d{2}-\d{2} ", "", regex=True).str.replace(" as amended", ", amended", regex=False)
    countries["vote_label"] = short + " (" + countries["date"].str[:4] + ")"
    countries = countries.sort_values("date", kind="stable")[["vote_label", "country", "vote"]]
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
        subtitle = [subtitle + ".", f"First {'row' if finding.n_before == 1 else f'{finding.n_before} rows'}: "
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
    )
