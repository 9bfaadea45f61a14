"""Pure functions for the North Korea chapter: partner shares of North Korea's trade (mirror data), the
Security Council record, and the railway and pipeline timeline. No loading here: every function takes
DataFrames shaped like the derived tables, so the tests can feed small hand-made ones."""

from __future__ import annotations

import pandas as pd

from double_ally.core import text

SANCTIONING = ("sanctions imposed", "sanctions strengthened")
PARTNER_LABEL = {"CHN": "China", "RUS": "Russia", "KOR": "South Korea", "JPN": "Japan", "OTHER": "All others"}


def totals(trade: pd.DataFrame) -> pd.DataFrame:
    """North Korea's total trade (exports + imports) by year and partner, WLD included.

    A partner with a value for only one flow in a year counts that flow alone.
    Returns columns year, partner, total_usd_m.
    """
    out = trade.groupby(["year", "partner"], as_index=False)["value_usd_m"].sum()
    return out.rename(columns={"value_usd_m": "total_usd_m"}).astype({"year": int})


def partner_shares(trade: pd.DataFrame, partners=("CHN", "RUS")) -> pd.DataFrame:
    """Each listed partner's share of North Korea's total trade (WLD = 100), plus "OTHER" for the rest.

    Years without a WLD value are left out. A listed partner with no record in a year gets 0.
    Returns columns year, partner, total_usd_m, share_pct, sorted by year and partner.
    """
    wide = totals(trade).pivot(index="year", columns="partner", values="total_usd_m")
    wide = wide[wide["WLD"].notna() & (wide["WLD"] > 0)]
    rows = []
    for year, row in wide.iterrows():
        listed = 0.0
        for partner in partners:
            value = float(row.get(partner, 0.0)) if pd.notna(row.get(partner, float("nan"))) else 0.0
            listed += value
            rows.append({"year": int(year), "partner": partner, "total_usd_m": value,
                         "share_pct": value / row["WLD"] * 100})
        other = row["WLD"] - listed
        rows.append({"year": int(year), "partner": "OTHER", "total_usd_m": other, "share_pct": other / row["WLD"] * 100})
    return pd.DataFrame(rows).sort_values(["year", "partner"]).reset_index(drop=True)


def share_range(shares: pd.DataFrame, partner: str, first: int, last: int) -> tuple[float, float]:
    """Smallest and largest share of ``partner`` over the years first..last (inclusive)."""
    sel = shares[(shares["partner"] == partner) & shares["year"].between(first, last)]["share_pct"]
    if sel.empty:
        raise ValueError(f"no share for {partner} in {first}-{last}")
    return float(sel.min()), float(sel.max())


def lever_ranges(shares: pd.DataFrame, first: int, last: int, partners=("CHN", "RUS")) -> dict:
    """Each partner's smallest and largest share of North Korea's trade over first..last (inclusive),
    from a frame shaped like ``partner_shares``: {partner: (low, high)}."""
    return {p: share_range(shares, p, first, last) for p in partners}


def record_summary(record: pd.DataFrame, until: str | None = None) -> dict:
    """Counts over the Security Council record (rows shaped like ``unsc_dprk_record``).

    ``until``: last date included (YYYY-MM-DD), or everything. Returns the number of decisions,
    adopted resolutions, sanctions resolutions (imposed or strengthened), how many of those Russia
    voted for, how many were unanimous, the vetoed drafts and how many of them Russia vetoed.
    """
    if until is not None:
        record = record[record["date"] <= until]
    adopted = record[record["outcome"] == "adopted"]
    sanctioning = adopted[adopted["action"].isin(SANCTIONING)]
    vetoed = record[record["outcome"] == "vetoed"]
    russia_veto = vetoed["vetoed_by"].fillna("").str.contains("RUS")
    return {
        "decisions": len(record),
        "adopted": len(adopted),
        "sanctioning": len(sanctioning),
        "sanctioning_first": sanctioning["date"].min() if len(sanctioning) else None,
        "sanctioning_last": sanctioning["date"].max() if len(sanctioning) else None,
        "sanctioning_russia_yes": int((sanctioning["russia_vote"] == "yes").sum()),
        "sanctioning_unanimous": int((sanctioning["votes_yes"] == 15).sum()),
        "adopted_russia_yes": int((adopted["russia_vote"] == "yes").sum()),
        "adopted_unanimous": int((adopted["votes_yes"] == 15).sum()),
        "vetoed": len(vetoed),
        "vetoed_by_russia": int(russia_veto.sum()),
    }


def basis_counts(record: pd.DataFrame) -> pd.DataFrame:
    """How Russia's vote is established, row by row: the voting record, and what a page alone would give.

    Returns one row per decision with columns symbol, record_basis, page_basis_kind, where the page
    kind is "no page", "inferred from unanimity" or "explicit".
    """
    def kind(basis) -> str:
        if pd.isna(basis):
            return "no page"
        return "explicit" if "explicit" in basis else "inferred from unanimity"

    return pd.DataFrame({
        "symbol": record["symbol"],
        "record_basis": record["russia_vote_basis"],
        "page_basis_kind": record["page_basis"].map(kind),
    })


def first_last(timeline: pd.DataFrame, stages) -> pd.DataFrame:
    """For each project, the first and last date of a fact in ``stages``.

    Returns columns project, first, last, n (the number of facts), one row per project with such facts.
    """
    sel = timeline[timeline["stage"].isin(list(stages))]
    out = sel.groupby("project").agg(first=("date", "min"), last=("date", "max"), n=("date", "size"))
    return out.reset_index()


def blockers(timeline: pd.DataFrame) -> list[str]:
    """What the pages say stalled or stopped the projects, distinct, in date order."""
    sel = timeline.sort_values("date")["blocked_by"].dropna()
    return list(dict.fromkeys(sel))


def un_blocker(blocked_by: list[str]) -> bool:
    """True if any stated blocker is a United Nations (Security Council) measure."""
    return any(("Security Council" in b) or ("UN " in b) or b.startswith("UN") for b in blocked_by)


def talks_list(talks: pd.DataFrame) -> text.Md:
    """The Six-Party Talks facts as a Markdown list, dated ones first, each linked to its page.
    The facts are scraped text: every part is escaped (``double_ally.core.text``)."""
    dated = talks.assign(order=talks["refers_to"].fillna("")).sort_values(["order", "fact_type"])
    return text.Md("\n".join(
        f"- **{text.md(r.refers_to if pd.notna(r.refers_to) else 'undated')}** — {text.md(r.fact)} "
        f"({text.link('page', r.source_url)})"
        for r in dated.itertuples()))


def projects_list(projects: pd.DataFrame) -> text.Md:
    """The railway and pipeline timeline as a Markdown list, each fact linked to its publisher's page."""
    return text.Md("\n".join(
        f"- **{text.md(r.date)}** · {text.md(r.project)} · *{text.md(r.stage)}* — {text.md(r.event)} "
        f"({text.link(r.source_publisher, r.source_url)})"
        for r in projects.itertuples()))
