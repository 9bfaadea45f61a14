"""Pure functions for the North Korea chapter: partner shares of North Korea's trade (mirror data), the
rule that finds years whose shares are distorted, the Security Council record, and the railway and
pipeline timeline. No loading here: every function takes DataFrames shaped like the derived tables, so
the tests can feed small hand-made ones."""

from __future__ import annotations

import pandas as pd
import pycountry

from double_ally.core import text

SANCTIONING = ("sanctions imposed", "sanctions strengthened")
PARTNER_LABEL = {"CHN": "China", "RUS": "Russia", "KOR": "South Korea", "JPN": "Japan", "OTHER": "All others"}

# The distorted-year rule, stated before its result. The plausible set is North Korea's two neighbours
# whose customs records are in the source (South Korea's inter-Korean trade is not in it). A year is
# distorted if the partners outside that set record more than DISTORTION_FACTOR times the share of
# North Korea's trade they recorded in the median of the BASE_YEARS years before: North Korea does not
# change partners that fast, so such a jump is in the records, not the trade.
PLAUSIBLE = ("CHN", "RUS")
DISTORTION_FACTOR = 2.0
BASE_YEARS = 3


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


def share_range(shares: pd.DataFrame, partner: str, first: int, last: int, skip=()) -> tuple[float, float]:
    """Smallest and largest share of ``partner`` over the years first..last (inclusive), years in
    ``skip`` left out."""
    sel = shares[(shares["partner"] == partner) & shares["year"].between(first, last)
                 & ~shares["year"].isin(list(skip))]["share_pct"]
    if sel.empty:
        raise ValueError(f"no share for {partner} in {first}-{last} outside the years {sorted(skip)}")
    return float(sel.min()), float(sel.max())


def lever_ranges(shares: pd.DataFrame, first: int, last: int, partners=("CHN", "RUS"), skip=()) -> dict:
    """Each partner's smallest and largest share of North Korea's trade over first..last (inclusive),
    years in ``skip`` left out, from a frame shaped like ``partner_shares``: {partner: (low, high)}."""
    return {p: share_range(shares, p, first, last, skip) for p in partners}


def distortion(trade: pd.DataFrame, plausible=PLAUSIBLE, factor: float = DISTORTION_FACTOR,
               base_years: int = BASE_YEARS) -> pd.DataFrame:
    """The distorted-year rule, year by year, on a frame shaped like ``dprk_trade_partners``.

    outside_pct is the share of North Korea's trade (World row = 100) recorded by partners outside
    ``plausible``; base_pct its median over the ``base_years`` years just before; a year is distorted
    if outside_pct > factor * base_pct. A year without a share in each of those years is not judged
    (base_pct and ratio empty, distorted False). Returns year, outside_pct, base_pct, ratio, distorted.
    """
    shares = partner_shares(trade, plausible)
    outside = shares[shares["partner"] == "OTHER"].set_index("year")["share_pct"].sort_index()
    rows = []
    for year, pct in outside.items():
        before = [outside.get(y) for y in range(year - base_years, year)]
        base = float(pd.Series(before).median()) if all(b is not None for b in before) else float("nan")
        ratio = pct / base if base > 0 else float("nan")
        rows.append({"year": int(year), "outside_pct": float(pct), "base_pct": base, "ratio": ratio,
                     "distorted": bool(pd.notna(ratio) and pct > factor * base)})
    return pd.DataFrame(rows, columns=["year", "outside_pct", "base_pct", "ratio", "distorted"])


def distorted_years(trade: pd.DataFrame, **rule) -> list[int]:
    """The years the distorted-year rule flags (``distortion``), in order."""
    d = distortion(trade, **rule)
    return [int(y) for y in d.loc[d["distorted"], "year"]]


def kept_years(trade: pd.DataFrame, first: int, last: int, **rule) -> tuple[list[int], list[int]]:
    """The years first..last (inclusive) with partner shares, split by the distorted-year rule:
    (kept, distorted), each in order."""
    shares = partner_shares(trade, PLAUSIBLE)
    years = sorted(int(y) for y in set(shares.loc[shares["year"].between(first, last), "year"]))
    bad = set(distorted_years(trade, **rule))
    return [y for y in years if y not in bad], [y for y in years if y in bad]


def and_list(items) -> str:
    """Items as words: "2016, 2017 and 2019" (one item alone; empty for none)."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}" if words else ""


def top_outside(trade: pd.DataFrame, year: int, n: int = 3, plausible=PLAUSIBLE) -> list[str]:
    """The ``n`` partners outside ``plausible`` that recorded most trade with North Korea in ``year``,
    largest first, by their ISO short name (the IMF's name where ISO has none)."""
    t = totals(trade)
    t = t[(t["year"] == year) & ~t["partner"].isin([*plausible, "WLD"])].nlargest(n, "total_usd_m")

    def name(code: str) -> str:
        country = pycountry.countries.get(alpha_3=code)
        return getattr(country, "common_name", None) or getattr(country, "name", None) or code

    return [name(code) for code in t["partner"]]


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


def vote_runs(record: pd.DataFrame) -> list[dict]:
    """Russia's position on the Council's decisions on North Korea in date order, as runs of the same
    kind: "voted for" (adopted, Russia yes), "vetoed" (a draft Russia's vote against defeated), or
    another kind ("abstained", "outvoted", "failed without Russia's veto"). Each run gives kind, n,
    first and last (dates), so the order of events stays visible: a later yes between two vetoes is its
    own run."""
    def kind(r) -> str:
        if r.outcome == "adopted":
            return {"yes": "voted for", "abstain": "abstained", "no": "outvoted"}.get(r.russia_vote, "other")
        return "vetoed" if "RUS" in (r.vetoed_by if isinstance(r.vetoed_by, str) else "") else \
            "failed without Russia's veto"

    runs: list[dict] = []
    for r in record.sort_values(["date", "symbol"]).itertuples():
        k = kind(r)
        if runs and runs[-1]["kind"] == k:
            runs[-1].update(n=runs[-1]["n"] + 1, last=r.date)
        else:
            runs.append({"kind": k, "n": 1, "first": r.date, "last": r.date})
    return runs


def between_vetoes(record: pd.DataFrame) -> pd.DataFrame:
    """The resolutions adopted with Russia's yes after its first veto on North Korea and before its last,
    in date order (empty with fewer than two Russian vetoes)."""
    vetoes = record[record["vetoed_by"].fillna("").str.contains("RUS")]["date"]
    if len(vetoes) < 2:
        return record.iloc[0:0]
    sel = record[(record["outcome"] == "adopted") & (record["russia_vote"] == "yes")
                 & (record["date"] > vetoes.min()) & (record["date"] < vetoes.max())]
    return sel.sort_values(["date", "symbol"])


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


STOPS = ("stalled", "suspended")
STAGES = ("agreement or plan", "work or trial", "sanctions exemption", *STOPS)  # the order they are listed in


def cause_kind(blocked_by: str) -> str:
    """Whose act a stated cause names: "UN sanctions", "South Korea" (Seoul's own measures or
    conditions), "North Korea" (Pyongyang's part, such as its silence), else "other"."""
    if un_blocker([blocked_by]):
        return "UN sanctions"
    if blocked_by.startswith("South Korea"):
        return "South Korea"
    if "North Korea" in blocked_by:
        return "North Korea"
    return "other"


def stops(timeline: pd.DataFrame) -> pd.DataFrame:
    """The stalls and suspensions whose cause a page states, one row per project and kind of cause
    (``cause_kind``): project, kind, causes (distinct, in date order, "; "-joined), first, last."""
    sel = timeline[timeline["stage"].isin(STOPS) & timeline["blocked_by"].notna()].sort_values(["date", "blocked_by"])
    sel = sel.assign(kind=sel["blocked_by"].map(cause_kind))
    out = sel.groupby(["project", "kind"], sort=True).agg(
        causes=("blocked_by", lambda b: "; ".join(dict.fromkeys(b))), first=("date", "min"), last=("date", "max"))
    return out.reset_index()


def un_sanctions_steps(timeline: pd.DataFrame, record: pd.DataFrame) -> pd.DataFrame:
    """What the pages say of UN sanctions, one row per project and kind (column ``un_sanctions``):
    project, un_sanctions, n (facts other than stops), first and last (their dates), stopped (facts of
    that kind on a stall or suspension), resolutions (named, in date order, ", "-joined) and usa_yes
    (how many of those the Security Council record shows the United States voting for)."""
    sel = timeline[timeline["un_sanctions"].notna()]
    us_vote = record.set_index("symbol")["usa_vote"]
    rows = []
    for (project, kind), g in sel.sort_values(["date", "un_resolution"]).groupby(["project", "un_sanctions"], sort=True):
        named = list(dict.fromkeys(g["un_resolution"].dropna()))
        steps = g[~g["stage"].isin(STOPS)]
        rows.append({"project": project, "un_sanctions": kind, "n": len(steps),
                     "first": steps["date"].min() if len(steps) else None,
                     "last": steps["date"].max() if len(steps) else None,
                     "stopped": int(g["stage"].isin(STOPS).sum()), "resolutions": ", ".join(named),
                     "usa_yes": sum(us_vote.get(r) == "yes" for r in named)})
    cols = ["project", "un_sanctions", "n", "first", "last", "stopped", "resolutions", "usa_yes"]
    return pd.DataFrame(rows, columns=cols)


def stages_of(timeline: pd.DataFrame, project: str) -> list[str]:
    """The stages the pages record for ``project``, in the order of ``STAGES``."""
    present = set(timeline.loc[timeline["project"] == project, "stage"])
    return [stage for stage in STAGES if stage in present]


def resolution_numbers(symbols: str) -> str:
    """"S/RES/2270(2016), S/RES/2371(2017)" as "2270 and 2371"."""
    return and_list(s.split("/")[-1].split("(")[0] for s in symbols.split(", ") if s)


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
