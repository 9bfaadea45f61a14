"""Pure functions for the people chapter: growth comparisons, allies by date, opinion gaps.

Every function takes DataFrames shaped like the derived tables and returns a DataFrame or a number;
nothing here reads files, so each can be tested on small hand-made tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

ALLY_CLASSES = ("treaty ally", "major non-NATO ally")  # the narrow reading of "U.S. ally"
ALL_ALLY_CLASSES = ("treaty ally", "major non-NATO ally", "treaty ally (Rio Treaty only)")
NOT_ALLY = "not a U.S. ally"
TREATIES = ("NATO", "bilateral treaty", "Manila Pact", "ANZUS")  # ties that make a treaty ally
TIE_ORDER = (*TREATIES, "major non-NATO ally", "Rio Treaty")     # order of the ties in ``basis``


@lru_cache(maxsize=None)
def country_name(iso3: str) -> str:
    """Short English name of an ISO 3166 alpha-3 code (country_converter), e.g. KOR -> South Korea."""
    import country_converter as coco

    name = coco.convert(iso3, src="ISO3", to="name_short", not_found=None)
    if not isinstance(name, str):
        raise ValueError(f"no country name for code {iso3!r}")
    return name


THE = {"BHS", "DOM", "GBR", "NLD", "PHL", "USA"}  # names that take "the" in running text


def country_names(codes: Iterable[str]) -> str:
    """Names of the codes for running text ("the" where English needs it), sorted by name and joined
    with commas and a final 'and'."""
    names = [("the " if c in THE else "") + country_name(c) for c in sorted(codes, key=country_name)]
    if len(names) < 2:
        return names[0] if names else "none"
    return ", ".join(names[:-1]) + " and " + names[-1]


def long_date(iso: str) -> str:
    """A date as precise as it is given, in words: '2019-12-17' -> '17 December 2019',
    '2003-12' -> 'December 2003', '2020' -> '2020'."""
    if len(iso) == 4:
        return iso
    day = pd.Timestamp(iso)
    return f"{day:%B %Y}" if len(iso) == 7 else f"{day.day} {day:%B %Y}"


def _first_day(bound) -> str | None:
    """A date as precise as its source gives it (YYYY, YYYY-MM or YYYY-MM-DD) -> its first day; empty -> None."""
    if bound is None or pd.isna(bound) or bound == "":
        return None
    return bound + {4: "-01-01", 7: "-01", 10: ""}[len(bound)]


def _in_force(allies: pd.DataFrame, date: str, include_disputed: bool) -> pd.DataFrame:
    start = allies["from_date"].map(_first_day)
    end = allies["to_date"].map(_first_day)
    live = (start.isna() | (start <= date)) & (end.isna() | (date < end))
    if not include_disputed:
        live &= allies["status"] == "in force"
    return allies[live]


def allies_on(date: str, allies: pd.DataFrame, include_disputed: bool = False) -> pd.DataFrame:
    """The U.S. allies on ``date`` (YYYY-MM-DD), from a table shaped like ``us_allies_by_date``.

    One row per country, indexed by country: ``ally_class``, ``basis`` (every tie in force) and
    ``source_url`` (of the tie that decides the class). A tie counts from its from_date (included) to
    its to_date (excluded); a date given only to the year or month counts from the first day of that
    year or month; an empty from_date means before any date the book uses, an empty to_date that the
    tie had not ended. A treaty (NATO, the Pacific treaties, ANZUS) makes a treaty ally; otherwise a
    major non-NATO ally designation; otherwise the Rio Treaty alone. Disputed ties do not count
    unless ``include_disputed``.
    """
    live = _in_force(allies, date, include_disputed)
    rows = {}
    for country, ties in live.groupby("country"):
        ties = ties.assign(order=ties["alliance"].map(TIE_ORDER.index)).sort_values("order")
        first = ties.iloc[0]
        cls = ("treaty ally" if first["alliance"] in TREATIES else
               "major non-NATO ally" if first["alliance"] == "major non-NATO ally" else "treaty ally (Rio Treaty only)")
        rows[country] = {"ally_class": cls, "basis": "; ".join(ties["alliance"]), "source_url": first["source_url"]}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["ally_class", "basis", "source_url"])
    return out.rename_axis("country").sort_index()


def imprecise_on(date: str, allies: pd.DataFrame) -> list[str]:
    """Countries whose status on ``date`` rests on a tie dated only to the year or month that contains
    ``date`` (so ``allies_on`` had to assume the first day of that year or month)."""
    found = set()
    for column in ("from_date", "to_date"):
        bound = allies[column].fillna("")
        short = bound.str.len().isin([4, 7])
        hit = short & (bound == bound.str.len().map(lambda n: date[:n]))
        found |= set(allies.loc[hit, "country"])
    return sorted(found)


def tie_changes(allies: pd.DataFrame, first_year: int, last: str) -> pd.DataFrame:
    """Ties in force that began or ended from the start of ``first_year`` to the date ``last``: country,
    alliance, change ("began" or "ended") and date as the source gives it, in date order."""
    rows = []
    for column, change in (("from_date", "began"), ("to_date", "ended")):
        d = allies[allies[column].notna() & (allies[column] != "") & (allies["status"] == "in force")]
        d = d[(d[column] >= str(first_year)) & (d[column] <= last)]
        rows += [{"country": r.country, "alliance": r.alliance, "change": change, "date": getattr(r, column)}
                 for r in d.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=["country", "alliance", "change", "date"])
    return out.sort_values(["date", "country"]).reset_index(drop=True)


def with_allies(visa: pd.DataFrame, allies: pd.DataFrame) -> pd.DataFrame:
    """The Passport Index rows with each destination's ally class, basis and source on the snapshot's date."""
    parts = []
    for date, snap in visa.groupby("snapshot_date"):
        on = allies_on(date, allies).rename(columns={"basis": "ally_basis", "source_url": "ally_source_url"})
        parts.append(snap.join(on, on="destination"))
    out = pd.concat(parts).loc[visa.index]
    out["ally_class"] = out["ally_class"].fillna(NOT_ALLY)
    out[["ally_basis", "ally_source_url"]] = out[["ally_basis", "ally_source_url"]].fillna("")
    return out


def allies_by_year(years: Iterable[int], allies: pd.DataFrame, classes=ALLY_CLASSES,
                   exclude: str = "KOR") -> dict[int, set[str]]:
    """For each year, the allies (in the given classes) on 1 January of that year, without ``exclude``."""
    out = {}
    for year in years:
        on = allies_on(f"{int(year)}-01-01", allies)
        out[int(year)] = set(on.index[on["ally_class"].isin(classes)]) - {exclude}
    return out


def _shift_month(month: pd.Series, years: int) -> pd.Series:
    """'YYYY-MM' shifted by whole years."""
    return (month.str[:4].astype(int) + years).astype(str) + month.str[4:]


def yoy_growth(monthly: pd.DataFrame, value: str = "arrivals") -> pd.DataFrame:
    """Same-month year-on-year growth, %, per country: month, country, value, previous, yoy_pct.

    Months whose same month a year earlier is missing (or zero) get no growth rate and are dropped.
    """
    cur = monthly[["month", "country", value]].rename(columns={value: "value"})
    prev = cur.assign(month=_shift_month(cur["month"], 1)).rename(columns={"value": "previous"})
    out = cur.merge(prev, on=["month", "country"], how="inner")
    out = out[out["previous"] > 0].copy()
    out["yoy_pct"] = (out["value"] / out["previous"] - 1) * 100
    return out.sort_values(["country", "month"]).reset_index(drop=True)


def window_growth(monthly: pd.DataFrame, start: str, end: str, value: str = "arrivals") -> pd.Series:
    """Growth, %, of the total over months start..end against the same months one year earlier.

    Uses only months present in both years, so a partial year is compared like with like.
    """
    g = yoy_growth(monthly, value)
    g = g[(g["month"] >= start) & (g["month"] <= end)]
    sums = g.groupby("country")[["value", "previous"]].sum()
    return ((sums["value"] / sums["previous"] - 1) * 100).rename("growth_pct")


def annual_rate(monthly: pd.DataFrame, first_year: int, last_year: int, value: str = "arrivals") -> pd.Series:
    """Compound average annual growth, %, of yearly totals from first_year to last_year."""
    year = monthly["month"].str[:4].astype(int)
    totals = monthly.assign(year=year).groupby(["country", "year"])[value].sum().unstack()
    months = monthly.assign(year=year).groupby(["country", "year"]).size().unstack()
    for y in (first_year, last_year):
        if (months[y] != 12).any():
            raise ValueError(f"year {y} is incomplete for some country: annual rates need 12 months")
    span = last_year - first_year
    return ((totals[last_year] / totals[first_year]) ** (1 / span) - 1).mul(100).rename("rate_pct")


def before_after(monthly: pd.DataFrame, *, pre: tuple[int, int], post: tuple[int, int],
                 target: str = "RUS", value: str = "arrivals") -> pd.DataFrame:
    """Average annual growth before and after, per country, and the target's excess over each.

    ``pre`` and ``post`` are (first year, last year) of the compound rate. ``excess_pp`` is the
    target's change (post minus pre) minus the country's own change, in percentage points: a simple
    difference in differences, positive when the target accelerated more.
    """
    before = annual_rate(monthly, *pre, value=value)
    after = annual_rate(monthly, *post, value=value)
    out = pd.DataFrame({"pre_pct": before, "post_pct": after})
    out["change_pp"] = out["post_pct"] - out["pre_pct"]
    out["excess_pp"] = out.loc[target, "change_pp"] - out["change_pp"]
    out.loc[target, "excess_pp"] = np.nan
    return out.reset_index().rename(columns={"index": "country"})


def purpose_shares(monthly: pd.DataFrame, country: str, purposes: list[str]) -> pd.DataFrame:
    """Share, %, of each purpose in a country's yearly arrivals (complete years only)."""
    d = monthly[monthly["country"] == country].assign(year=lambda x: x["month"].str[:4].astype(int))
    counts = d.groupby("year").size()
    d = d[d["year"].isin(counts[counts == 12].index)]
    sums = d.groupby("year")[purposes + ["arrivals"]].sum()
    shares = sums[purposes].div(sums["arrivals"], axis=0) * 100
    return shares.reset_index().melt(id_vars="year", var_name="purpose", value_name="share_pct")


def allies_visa_free(visa: pd.DataFrame, classes=ALLY_CLASSES, exclude: str = "KOR") -> pd.DataFrame:
    """Allies (in the given classes) that admit Russian passport holders visa-free, per snapshot year.

    ``visa``: Passport Index rows with their ally class (``with_allies``)."""
    d = visa[visa["ally_class"].isin(classes) & visa["visa_free"].astype(bool) & (visa["destination"] != exclude)]
    return d[["snapshot_year", "destination", "ally_class", "ally_basis", "entry"]].sort_values(
        ["snapshot_year", "ally_class", "destination"]).reset_index(drop=True)


def visa_free_counts(visa: pd.DataFrame) -> pd.DataFrame:
    """Per snapshot year and ally class: destinations, how many visa-free, how many under a covid ban."""
    d = visa.assign(visa_free=visa["visa_free"].astype(bool), covid=visa["entry"] == "covid ban")
    out = d.groupby(["snapshot_year", "ally_class"]).agg(
        destinations=("destination", "size"), visa_free=("visa_free", "sum"), covid_ban=("covid", "sum"))
    return out.reset_index()


def kept_through(visa: pd.DataFrame, waivers: pd.DataFrame, before: str, year: int, allied_then: set[str],
                 classes=ALLY_CLASSES, exclude: str = "KOR") -> list[str]:
    """Countries that were allies on ``before`` (``allied_then``), had a waiver with Russia in force
    before that date (page facts), and were allies admitting Russians visa-free in ``year``.

    ``waivers``: rows with country and date (YYYY-MM-DD) of entry into force; ``visa``: Passport Index
    rows with their ally class (``with_allies``).
    """
    early = set(waivers.loc[waivers["date"] < before, "country"]) - {exclude}
    snap = visa[(visa["snapshot_year"] == year) & visa["ally_class"].isin(classes)]
    free = set(snap.loc[snap["visa_free"].astype(bool), "destination"])
    return sorted(early & free & allied_then)


def favourability_vs_allies(pew: pd.DataFrame, allies: Mapping[int, set[str]], country: str = "KOR",
                            target: str = "RUS") -> pd.DataFrame:
    """Per wave: the country's favourable share, the median and count of allies asked, and its rank.

    ``allies``: the allies of each wave year (``allies_by_year``); a year missing from it has none.
    Rank 1 = the warmest view among the allies asked in that wave (the country itself included).
    """
    d = pew[pew["target"] == target]
    rows = []
    for year, g in d.groupby("year"):
        if country not in set(g["country"]):
            continue
        others = g[g["country"].isin(allies.get(int(year), set()) - {country})]["favourable_pct"]
        own = float(g.loc[g["country"] == country, "favourable_pct"].iloc[0])
        rows.append({
            "year": int(year), "own_pct": own, "allies_median_pct": float(others.median()) if len(others) else np.nan,
            "allies_asked": int(len(others)), "rank": int((others > own).sum() + 1),
        })
    return pd.DataFrame(rows)


def runs(years: Iterable[int]) -> list[list[int]]:
    """Consecutive runs of years: [2007, 2009, 2010, 2013] -> [[2007], [2009, 2010], [2013]]."""
    out: list[list[int]] = []
    for year in sorted(set(int(y) for y in years)):
        if out and year == out[-1][-1] + 1:
            out[-1].append(year)
        else:
            out.append([year])
    return out


def rolling_yoy(monthly: pd.DataFrame, value: str = "arrivals") -> pd.DataFrame:
    """Arrivals in the 12 months to each month against the 12 months before, %, per country.

    Needs 24 consecutive months; months without them get no value and are dropped.
    """
    rows = []
    for country, g in monthly.sort_values("month").groupby("country"):
        s = g.set_index("month")[value].astype(float)
        expected = pd.period_range(s.index[0], s.index[-1], freq="M").strftime("%Y-%m")
        if list(s.index) != list(expected):
            raise ValueError(f"{country}: months are not consecutive; rolling totals need every month")
        last12 = s.rolling(12).sum()
        prev12 = last12.shift(12)
        growth = (last12 / prev12 - 1) * 100
        rows.append(pd.DataFrame({"month": s.index, "country": country, "growth_pct": growth.values}))
    out = pd.concat(rows, ignore_index=True).dropna()
    return out.sort_values(["country", "month"]).reset_index(drop=True)


def published_gaps(pew: pd.DataFrame, checks: pd.DataFrame) -> pd.DataFrame:
    """Recomputed share minus the published one, in points, for every check the table can match."""
    long = pew.melt(id_vars=["year", "country", "target"], value_vars=["favourable_pct", "unfavourable_pct"],
                    var_name="measure", value_name="recomputed_pct")
    out = checks.merge(long, on=["year", "country", "target", "measure"], how="inner")
    out["gap_pp"] = out["recomputed_pct"] - out["published_pct"]
    return out[["year", "country", "measure", "published_pct", "recomputed_pct", "gap_pp"]]


def _when(date: str) -> str:
    return f"{'on' if len(date) == 10 else 'in'} {long_date(date)}"


def status_notes(allies: pd.DataFrame, visa: pd.DataFrame, used: pd.DataFrame, waiver_year: int) -> dict[str, str]:
    """Words for the prose on reading ally status by date, by glue name: the ties that begin or end
    between 2019 and the last snapshot used (``ppl_tie_changes``); the countries whose status on a
    snapshot's date rests on a year or month alone (``ppl_rough``), those of them visa-free then
    (``ppl_rough_free``) and those on the two dates the verdict reads (``ppl_rough_verdict``); and
    Venezuela's Rio Treaty tie and entry rule in 2019 (``ppl_ven_*``).

    ``allies``: table us_allies_by_date; ``visa``: visa_free_russia; ``used``: the snapshots used, one
    per year (index snapshot_year, column snapshot_date); ``waiver_year``: the year of South Korea's waiver.
    """
    changes = tie_changes(allies, 2019, used["snapshot_date"].max())
    notes = {"ppl_tie_changes": "; ".join(
        f"{country_names([r.country])} {'joined NATO' if r.alliance == 'NATO' else 'became a major non-NATO ally'}"
        f" {_when(r.date)}" if r.change == "began" else
        f"{country_names([r.country])}'s designation as a major non-NATO ally ended {_when(r.date)}"
        for r in changes.itertuples())}
    imprecise = {year: imprecise_on(date, allies) for year, date in used["snapshot_date"].items()}
    rough = [(year, c) for year, codes in imprecise.items() for c in codes]
    notes["ppl_rough"] = country_names({c for _, c in rough})
    notes["ppl_rough_free"] = country_names([
        c for year, c in rough
        if bool(visa.loc[(visa["snapshot_year"] == year) & (visa["destination"] == c), "visa_free"].iloc[0])])
    on_verdict_dates = set(imprecise_on(f"{waiver_year}-01-01", allies)) | set(imprecise[2019])
    notes["ppl_rough_verdict"] = country_names(on_verdict_dates) if on_verdict_dates else "no country"
    ven = allies[allies["country"] == "VEN"].iloc[0]
    notes.update(ppl_ven_alliance=ven["alliance"], ppl_ven_status=ven["status"], ppl_ven_note=ven["note"],
                 ppl_ven_entry_2019=visa.loc[(visa["snapshot_year"] == 2019) & (visa["destination"] == "VEN"),
                                             "entry"].iloc[0])
    return notes
