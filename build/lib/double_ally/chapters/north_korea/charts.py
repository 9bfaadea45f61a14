"""Charts of the North Korea chapter. Chart data are aggregated and rounded to what the chart can show;
the exact values are in the tables the chapter loads."""

from __future__ import annotations

import altair as alt
import pandas as pd

from double_ally.core import charts
from double_ally.chapters.north_korea import analysis
from double_ally.chapters.north_korea.analysis import PARTNER_LABEL

DOTS_LINE = "IMF Direction of Trade Statistics, partners' records of their trade with North Korea (mirror data)."
RECORD_LINE = ("UN Digital Library voting records (1993-2021); Security Council voting sheet, compiler not "
               "stated (2022-2024).")
YEARS = alt.Axis(format="d")


def _month_date(date: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as YYYY-MM-DD (mid-month or mid-year where the day is unknown)."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-07-01"
    if len(parts) == 2:
        return f"{date}-15"
    return date


def shares_chart(shares: pd.DataFrame, distorted=(), first_year: int = 1992) -> alt.LayerChart:
    """China's, Russia's and everyone else's share of North Korea's trade (``analysis.partner_shares``).
    Years in ``distorted`` (``analysis.distorted_years``) are drawn as hollow points, and the title
    gives the latest year not among them."""
    data = shares[shares["year"] >= first_year].assign(
        series=lambda d: d["partner"].map(PARTNER_LABEL),
        share_pct=lambda d: d["share_pct"].round(1),
        distorted=lambda d: d["year"].isin(list(distorted)),
    )[["year", "series", "share_pct", "distorted"]]
    last = int(data["year"].max())
    clean = int(data.loc[~data["distorted"], "year"].max())
    at = data[data["year"] == clean].set_index("series")["share_pct"]
    flagged = sorted(int(y) for y in set(data.loc[data["distorted"], "year"]))
    domain = [PARTNER_LABEL[p] for p in ("CHN", "RUS", "OTHER")]
    colour = alt.Color("series:N", title=None, scale=alt.Scale(
        domain=domain, range=[charts.PALETTE[1], charts.PALETTE[0], "#8c959f"]))
    x = alt.X("year:Q", title=None, axis=YEARS, scale=alt.Scale(zero=False, nice=False))
    y = alt.Y("share_pct:Q", title="% of North Korea's trade (partner records)", scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(data).encode(x=x, y=y)
    lines = base.mark_line().encode(color=colour)
    points = base.mark_point(filled=False, size=40, strokeWidth=1.5).encode(
        color=colour,
        fill=alt.condition(alt.datum.distorted, alt.value("white"), colour),
        tooltip=["series:N", "year:Q", alt.Tooltip("share_pct:Q", format=".1f", title="%"),
                 alt.Tooltip("distorted:N", title="distorted year")],
    )
    hollow = (f"hollow points: {' and '.join(map(str, flagged))}, years the stated rule finds distorted"
              if flagged else "no year found distorted by the stated rule")
    return charts.figure(
        alt.layer(lines, points),
        name="dprk-partner-shares",
        title=f"China took {at['China']:.0f}% of North Korea's trade in {clean}, Russia {at['Russia']:.1f}%",
        subtitle=f"Exports plus imports as North Korea's partners record them, {first_year}-{last}; {hollow}",
        source=DOTS_LINE,
        alt_text=(f"Line chart, {first_year} to {last}, of the shares of China, Russia and all other partners in "
                  f"North Korea's trade as its partners record it. China's share rises to most of the total; "
                  f"Russia's stays small. The points of {' and '.join(map(str, flagged)) or 'no year'} are hollow: "
                  f"in those years the other partners' share jumped, which the chapter's rule marks as distorted."),
    )


def levels_chart(totals: pd.DataFrame, first_year: int = 1992) -> alt.Chart:
    """North Korea's trade with China and with Russia in US$ million, log scale (``analysis.totals``)."""
    data = totals[totals["partner"].isin(["CHN", "RUS"]) & (totals["year"] >= first_year)].assign(
        series=lambda d: d["partner"].map(PARTNER_LABEL),
        total_usd_m=lambda d: d["total_usd_m"].round(1),
    )[["year", "series", "total_usd_m"]]
    last = int(data["year"].max())
    at = data[data["year"] == last].set_index("series")["total_usd_m"]
    return charts.figure(
        alt.Chart(data).mark_line(point=True).encode(
            x=alt.X("year:Q", title=None, axis=YEARS, scale=alt.Scale(zero=False, nice=False)),
            y=alt.Y("total_usd_m:Q", title="US$ million, log scale", scale=alt.Scale(type="log")),
            color=alt.Color("series:N", title=None, scale=alt.Scale(
                domain=["China", "Russia"], range=[charts.PALETTE[1], charts.PALETTE[0]])),
            tooltip=["series:N", "year:Q", alt.Tooltip("total_usd_m:Q", format=",.1f", title="US$ m")],
        ),
        name="dprk-trade-levels",
        title=f"In {last} Russia's trade with North Korea was US${at['Russia']:.0f} million, China's US${at['China']:.0f} million",
        subtitle=f"Exports plus imports as China and Russia record them, current US dollars, {first_year}-{last}",
        source=DOTS_LINE,
        alt_text=(f"Line chart on a logarithmic scale of North Korea's trade with China and with Russia, "
                  f"{first_year} to {last}, from the Chinese and Russian customs records."),
    )


ACTION_ORDER = [
    "sanctions imposed", "sanctions strengthened", "Panel of Experts renewed",
    "condemnation, no sanctions stated", "call to the DPRK, no sanctions stated",
    "not stated (agenda item only)", "vetoed draft",
]


def _runs_title(runs: list[dict]) -> str:
    """Russia's record as a sentence, in the order of events (``analysis.vote_runs``): "Russia voted for
    24 Council resolutions on North Korea (1993-2022), vetoed a draft (2022), ..."."""
    seen: set[str] = set()
    parts = []
    for run in runs:
        kind, n = run["kind"], run["n"]
        again = kind in seen
        seen.add(kind)
        if kind == "voted for" and not again:
            what = f"voted for {'a Council resolution' if n == 1 else f'{n} Council resolutions'} on North Korea"
        elif kind == "voted for":
            what = f"voted for {'one' if n == 1 else n} more"
        elif kind == "vetoed" and not again:
            what = f"vetoed {'a draft' if n == 1 else f'{n} drafts'}"
        elif kind == "vetoed":
            what = f"vetoed {'another' if n == 1 else f'{n} more'}"
        else:
            what = f"{kind}: {n} decision{'' if n == 1 else 's'}"
        first, last = run["first"][:4], run["last"][:4]
        parts.append(f"{what} ({first if first == last else f'{first}-{last}'})")
    if len(parts) == 1:
        return f"Russia {parts[0]}"
    return f"Russia {', '.join(parts[:-1])}, then {parts[-1]}"


def _lines(sentence: str, width: int = 80) -> list[str]:
    """A long title on lines the chart's width can hold, broken after commas where it can be."""
    lines = [""]
    for part in sentence.split(", "):
        candidate = f"{lines[-1]}, {part}" if lines[-1] else part
        if len(candidate) + 1 > width and lines[-1]:
            lines[-1] += ","
            lines.append(part)
        else:
            lines[-1] = candidate
    return lines


def record_chart(record: pd.DataFrame) -> alt.LayerChart:
    """Every Security Council decision on North Korea, dated, by kind, coloured by Russia's vote. The title
    follows the order of events (``analysis.vote_runs``). One dataset: the vetoed drafts' labels are
    layers of it, filtered."""
    data = pd.DataFrame({
        "date": record["date"],
        "symbol": record["symbol"],
        "action": record["action"],
        "outcome": record["outcome"],
        "russia": record["russia_vote"].map({"yes": "Russia voted yes", "no": "Russia voted no (veto)",
                                             "abstain": "Russia abstained"}),
        "vote": record["votes_yes"].astype(int).astype(str) + "-" + record["votes_no"].astype(int).astype(str)
        + "-" + record["votes_abstain"].astype(int).astype(str),
    }).sort_values(["date", "symbol"])
    y = alt.Y("action:N", title=None, sort=[a for a in ACTION_ORDER if a in set(data["action"])],
              axis=alt.Axis(labelLimit=300))
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y"))
    present = [v for v in ["Russia voted yes", "Russia abstained", "Russia voted no (veto)"] if v in set(data["russia"])]
    colours = {"Russia voted yes": charts.PALETTE[2], "Russia abstained": charts.PALETTE[4],
               "Russia voted no (veto)": charts.PALETTE[1]}
    base = alt.Chart(data).encode(x=x, y=y)
    points = base.mark_point(size=140, filled=True, opacity=0.85).encode(
        color=alt.Color("russia:N", title=None, scale=alt.Scale(domain=present, range=[colours[v] for v in present])),
        shape=alt.Shape("outcome:N", title=None, scale=alt.Scale(domain=["adopted", "vetoed"], range=["circle", "cross"])),
        tooltip=[alt.Tooltip("date:T", format="%d %b %Y"), "symbol:N", "action:N", "vote:N", "russia:N"],
    )
    vetoed = list(data.loc[data["outcome"] == "vetoed", "symbol"])
    # the labels sit on alternate sides of their points so that they do not overlap
    labels = [
        base.transform_filter(alt.datum.symbol == symbol).mark_text(
            align=align, dx=dx, fontSize=11, color=charts.MUTED).encode(text="symbol:N")
        for symbol, (align, dx) in zip(vetoed, [("right", -10), ("left", 10)] * len(vetoed))
    ]
    runs = analysis.vote_runs(record)
    first, last = record["date"].min()[:4], record["date"].max()[:4]
    return charts.figure(
        alt.layer(points, *labels).properties(height=260),
        name="unsc-dprk-record",
        title=_lines(_runs_title(runs)),
        subtitle=(f"Security Council decisions on North Korea, {first}-{last}, by what they did (the title, or a "
                  f"page where the title says nothing of it); vote is yes-no-abstain"),
        source=RECORD_LINE,
        alt_text=(f"Dot chart of every Security Council decision on North Korea from {first} to {last}, placed by "
                  f"date and by kind (sanctions imposed or strengthened, Panel of Experts renewals, condemnations, "
                  f"vetoed drafts), coloured by Russia's vote. In date order: "
                  + "; ".join(f"{r['kind']}: {r['n']} ({r['first']} to {r['last']})" for r in runs) + "."),
    )


def _projects_title(timeline: pd.DataFrame) -> list[str]:
    """The finding, from the table, one clause a line: when Seoul's own measures halted the rail link,
    whether the UN resolutions exempted it, and when a railway step needed the sanctions committee's
    exemption."""
    first_stop = timeline.loc[timeline["stage"] == "suspended", "date"].min()
    steps = timeline[timeline["stage"] == "sanctions exemption"]
    carved = steps[steps["un_sanctions"] == "carved out by a resolution"]
    committee = steps[steps["un_sanctions"] == "exempted by the 1718 Committee"]
    lines = [f"Seoul's own sanctions halted the rail link in {first_stop[:4]}"
             + ("; UN sanctions exempted it" if len(carved) else "")]
    if len(committee):
        lines[-1] += ";"
        lines.append(f"the railway's steps of {committee['date'].min()[:4]} needed a UN exemption")
    return lines


def projects_chart(timeline: pd.DataFrame, record: pd.DataFrame) -> alt.LayerChart:
    """The railway and pipeline facts on one time axis with the Security Council's sanctions resolutions."""
    facts = pd.DataFrame({
        "date": timeline["date"].map(_month_date),
        "lane": timeline["project"],
        "stage": timeline["stage"],
        "event": timeline["event"],
        "publisher": timeline["source_publisher"],
    })
    sanctions = record[record["action"].isin(analysis.SANCTIONING)]
    un = pd.DataFrame({"date": sanctions["date"], "lane": "UN sanctions resolutions", "stage": "UN sanctions",
                       "event": sanctions["symbol"], "publisher": "United Nations"})
    data = pd.concat([facts, un], ignore_index=True)
    lanes = ["Trans-Korean Railway", "Rajin-Khasan rail link", "gas pipeline", "UN sanctions resolutions"]
    stages = ["agreement or plan", "work or trial", "sanctions exemption", "stalled", "suspended", "UN sanctions"]
    years = pd.to_datetime(data["date"]).dt.year
    domain = [f"{years.min()}-01-01", f"{years.max() + 1}-01-01"]
    base = alt.Chart(data).mark_point(size=120, filled=True, opacity=0.85).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%Y"), scale=alt.Scale(domain=domain)),
        y=alt.Y("lane:N", title=None, sort=lanes, axis=alt.Axis(labelLimit=260)),
        color=alt.Color("stage:N", title=None, scale=alt.Scale(domain=stages, range=[
            charts.PALETTE[0], charts.PALETTE[2], charts.PALETTE[3], charts.PALETTE[4], charts.PALETTE[1], "#57606a"])),
        shape=alt.Shape("stage:N", title=None, scale=alt.Scale(
            domain=stages, range=["circle", "square", "triangle-down", "triangle-up", "cross", "diamond"])),
        tooltip=[alt.Tooltip("date:T", format="%b %Y"), "lane:N", "stage:N", "event:N", "publisher:N"],
    )
    # stalls and suspensions drawn last, on top of plans made the same day
    stops = alt.datum.stage == "stalled"
    chart = alt.layer(base.transform_filter(~(stops | (alt.datum.stage == "suspended"))),
                      base.transform_filter(stops | (alt.datum.stage == "suspended")))
    first, last = timeline["date"].min()[:4], timeline["date"].max()[:4]
    return charts.figure(
        chart.properties(height=200),
        name="dprk-projects-timeline",
        title=_projects_title(timeline),
        subtitle=("Dated facts on the projects across North Korea, exemptions from UN sanctions among them, and "
                  "the UN resolutions that imposed or strengthened sanctions"),
        source="News, government and agency pages (one per fact, listed in the table below); UN Digital Library voting records.",
        alt_text=(f"Timeline from {first} to {last} with four lanes: the Trans-Korean Railway, the Rajin-Khasan rail "
                  f"link and the gas pipeline, each with plans, trials, exemptions from UN sanctions, stalls and "
                  f"suspensions, and the Security Council resolutions that imposed or strengthened sanctions on North "
                  f"Korea from {sanctions['date'].min()[:4]} to {sanctions['date'].max()[:4]}."),
    )
