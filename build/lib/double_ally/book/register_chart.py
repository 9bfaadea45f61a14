"""The claims register's summary chart."""

from __future__ import annotations

import altair as alt
import pandas as pd

from double_ally.core import charts
from double_ally.core.verdicts import BADGE_COLOURS, KINDS, VERDICTS


def verdicts_by_kind(register: pd.DataFrame) -> alt.Chart:
    """How many claims of each kind got each verdict (a stacked bar per kind)."""
    counts = register.groupby(["kind", "verdict"]).size().rename("claims").reset_index()
    supported = int((register["verdict"] == "supported").sum())
    return charts.figure(
        alt.Chart(counts).mark_bar().encode(
            y=alt.Y("kind:N", title=None, sort=list(KINDS)),
            x=alt.X("claims:Q", title="claims tested", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("verdict:N", title=None, sort=list(VERDICTS),
                            scale=alt.Scale(domain=list(VERDICTS), range=[BADGE_COLOURS[v] for v in VERDICTS]),
                            legend=alt.Legend(orient="bottom", columns=2)),
            order=alt.Order("verdict_order:Q"),
            tooltip=["kind:N", "verdict:N", "claims:Q"],
        ).transform_calculate(
            verdict_order=" + ".join(f"(datum.verdict == '{v}' ? {i} : 0)" for i, v in enumerate(VERDICTS))
        ).properties(width=420, height=alt.Step(34)),
        name="claims-verdicts-by-kind",
        title=f"{supported} of the article's {len(register)} tested claims are supported by the data",
        subtitle="Claims tested in the book, by kind of claim and verdict",
        source="The book's claims register (data/claims.csv), collected from each chapter's verdict code.",
        alt_text=("Horizontal stacked bars, one per kind of claim (fact, causal, interpretation, forecast), "
                  "split by verdict: supported, partly supported, contradicted, not testable with open data."),
    )
