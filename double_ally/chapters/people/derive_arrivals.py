"""People tables of arrivals: KTO monthly arrivals by nationality and purpose, the won-per-rouble rate,
and yearly arrivals from Russia from KTO, the Ministry of Justice and news pages (see ``derive``)."""

from __future__ import annotations

import pandas as pd

from double_ally.core import sources
from double_ally.core.pages import replace_weak
from double_ally.chapters.people.fx import monthly_cross_rate
from double_ally.chapters.people.inputs import SOURCES

COUNTRIES = {"Russia": "RUS", "Japan": "JPN", "United States": "USA", "China": "CHN"}
PURPOSES = ["tourism", "business", "official", "study_training", "other"]


def arrivals_monthly() -> pd.DataFrame:
    """KTO arrivals by month, nationality (Russia, Japan, U.S., China) and purpose, 2010-01 to 2020-05."""
    raw = pd.read_csv(sources.require("kto_arrivals"))
    raw = raw[raw["nationality_en"].isin(COUNTRIES)]
    if (raw[PURPOSES].sum(axis=1) != raw["total"]).any():
        raise ValueError("KTO: purposes do not add up to the total in some rows")
    out = pd.DataFrame({
        "month": raw["year_month"],
        "country": raw["nationality_en"].map(COUNTRIES),
        "arrivals": raw["total"].astype(int),
        **{p: raw[p].astype(int) for p in PURPOSES},
    })
    return out.sort_values(["month", "country"]).reset_index(drop=True)


def fx_rub_krw_monthly() -> pd.DataFrame:
    """Won per rouble, the monthly mean of ECB daily reference rates, for the months of the KTO tables."""
    months = pd.read_csv(sources.require("kto_arrivals"), usecols=["year_month"])["year_month"]
    return monthly_cross_rate(sources.require("ecb_euro_rates"), months)


PRESS_UNITS = {"persons": 1, "thousand persons": 1000}


def _press_value(value: float, unit: str) -> tuple[int, str]:
    base = unit.split(" (")[0].strip()
    if base not in PRESS_UNITS:
        raise ValueError(f"page figures: unknown unit {unit!r}")
    qualifier = "lower bound" if "more than" in unit or "lower bound" in unit else (
        "approximate" if "approx" in unit else "as stated")
    return int(round(value * PRESS_UNITS[base])), qualifier


def arrivals_russia_annual() -> pd.DataFrame:
    """Annual arrivals from Russia: KTO sums, MOJ entrant sums, and figures reported in the press."""
    rows = []
    kto = arrivals_monthly()
    kto = kto[kto["country"] == "RUS"].assign(year=lambda d: d["month"].str[:4].astype(int))
    for year, group in kto.groupby("year"):
        rows.append({
            "year": year, "source_kind": "KTO monthly tables (sum)", "months_covered": len(group),
            "arrivals": int(group["arrivals"].sum()), "qualifier": "as stated",
            "publisher": SOURCES["people_kto_arrivals"].publisher, "source_url": SOURCES["people_kto_arrivals"].path,
        })
    moj = pd.read_csv(sources.require("moj_entrants_russia"))
    moj = moj[moj["nationality_en"] == "Russia"]  # ethnic-Korean Russians (2018 only) listed apart
    for year, group in moj.groupby("year"):
        by_sex = group[group["sex"].isin(["male", "female"])]
        totals = group[group["sex"] == "total"]
        if not totals.empty:
            months = totals.groupby("month")["entrants"].sum()
            if not by_sex.empty and (by_sex.groupby("month")["entrants"].sum() != months).any():
                raise ValueError(f"MOJ {year}: totals and male+female disagree")
        else:
            months = by_sex.groupby("month")["entrants"].sum()
        rows.append({
            "year": int(year), "source_kind": "Ministry of Justice entrants (sum)",
            "months_covered": len(months), "arrivals": int(months.sum()), "qualifier": "as stated",
            "publisher": SOURCES["people_moj_entrants"].publisher, "source_url": SOURCES["people_moj_entrants"].path,
        })
    press = pd.read_csv(sources.require("press_arrivals_russia"), dtype={"year": "string"})
    for rec in press.itertuples(index=False):
        year_text = rec.year.strip()
        months = 12
        if year_text.endswith("Jan-Jun"):
            months, year_text = 6, year_text[:4]
        arrivals, qualifier = _press_value(float(rec.value), rec.unit)
        rows.append({
            "year": int(year_text), "source_kind": "reported in press", "months_covered": months,
            "arrivals": arrivals, "qualifier": qualifier, "publisher": rec.cited_source,
            "source_url": rec.source_url,
        })
    out = replace_weak(pd.DataFrame(rows), "source_url", "publisher")
    return out.sort_values(["year", "source_kind", "months_covered", "source_url"]).reset_index(drop=True)

