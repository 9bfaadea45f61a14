"""Pure functions for the people chapter: growth comparisons and opinion gaps (allies by date: ``ally_status``).

Every function takes DataFrames shaped like the derived tables and returns a DataFrame or a number;
nothing here reads files, so each can be tested on small hand-made tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd


# re-exported: the chapter, its rules and tests read them here
from double_ally.chapters.people.words import THE, and_list, country_name, country_names, long_date  # noqa: F401
from double_ally.chapters.people.ally_status import (  # noqa: F401
    ALLY_CLASSES, ALL_ALLY_CLASSES, allies_on, imprecise_on, tie_changes, with_allies,
    allies_by_year, allies_visa_free, visa_free_counts, kept_through, status_notes)


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
    target's change (post minus pre) minus the country's own change, in percentage points, positive
    when the target accelerated more. Endpoint years only, without uncertainty: a description, not a
    test (the ¶7 verdict rests on people.event_study).
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
