"""Trade tables: Korea-Russia bilateral trade, trade by partner, and figures reported after 2020."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from double_ally.core import sources
from double_ally.core.countries import to_iso3
from double_ally.core.datapackage import read_sources
from double_ally.core.pages import replace_weak

SOURCES = read_sources(Path(__file__).with_name("tables.yaml"))  # publishers, as in tables.yaml


REPORTERS = {"Korea, Rep. of": "KOR", "Russian Federation": "RUS"}
FLOWS = {"Exports, FOB": ("exports", "FOB"), "Imports, CIF": ("imports", "CIF")}


def bilateral() -> pd.DataFrame:
    """DOTS Korea-Russia trade 1992-2020 in long form: one row per year, reporter and flow."""
    raw = pd.read_csv(sources.require("dots_bilateral"))
    columns = {
        ("KOR", "exports"): ("kor_reported_exports_to_rus_fob_usd_m", "kor_reported_exports_est_flag"),
        ("KOR", "imports"): ("kor_reported_imports_from_rus_cif_usd_m", "kor_reported_imports_est_flag"),
        ("RUS", "exports"): ("rus_reported_exports_to_kor_fob_usd_m", "rus_reported_exports_est_flag"),
        ("RUS", "imports"): ("rus_reported_imports_from_kor_cif_usd_m", "rus_reported_imports_est_flag"),
    }
    parts = []
    for (reporter, flow), (value_col, flag_col) in columns.items():
        parts.append(
            pd.DataFrame(
                {
                    "year": raw["year"].astype(int),
                    "reporter": reporter,
                    "partner": "RUS" if reporter == "KOR" else "KOR",
                    "flow": flow,
                    "valuation": "FOB" if flow == "exports" else "CIF",
                    "value_usd_m": raw[value_col].astype(float),
                    "imf_estimate": raw[flag_col].astype(int).astype(bool),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["year", "reporter", "flow"]).reset_index(drop=True)


def _dots_rows(raw: pd.DataFrame, named: dict[str, pd.Series]) -> pd.DataFrame:
    """DOTS rows in the book's shape: year, the named country columns, flow, valuation, value, flag.

    Raises if two IMF names map to one ISO code for the same year, flow and pair.
    """
    flows = raw["flow"].map(FLOWS)
    out = pd.DataFrame({
        "year": raw["year"].astype(int),
        **named,
        "flow": flows.str[0],
        "valuation": flows.str[1],
        "value_usd_m": raw["value_usd_millions"].astype(float),
        "imf_estimate": raw["imf_estimate_flag"].astype(int).astype(bool),
    })
    dupes = out.duplicated(["year", "reporter", "partner", "flow"], keep=False)
    if dupes.any():
        raise ValueError(f"two IMF names map to one ISO code: {out[dupes].head().to_dict('records')}")
    return out


def by_partner(first_year: int = 2015, last_year: int = 2020) -> pd.DataFrame:
    """DOTS trade of South Korea and of Russia with each partner country (aggregates left out)."""
    raw = pd.read_csv(sources.require("dots_by_partner"))
    keep = (
        raw["reporter"].isin(REPORTERS)
        & (raw["partner_is_aggregate"] == 0)
        & raw["year"].between(first_year, last_year)
        & raw["value_usd_millions"].notna()
    )
    raw = raw[keep]
    named = {"reporter": raw["reporter"].map(REPORTERS), "partner": raw["partner"].map(to_iso3),
             "partner_name": raw["partner"]}
    out = _dots_rows(raw, named)
    return out.sort_values(["reporter", "flow", "year", "partner"]).reset_index(drop=True)


# Press indicators in the page-figures file that are bilateral trade values, and what they measure.
# Every money-valued indicator for 2021-2024 must be listed either here or in PRESS_SKIP, so that a
# new row in the raw file is never silently dropped. Rows in other units (TEU, firms, percent) are
# not trade values and are left to the chapters that use them.
PRESS_INDICATORS = {
    "Korea-Russia total trade (exports+imports)": ("total", "KOR"),
    "Korea exports to Russia": ("exports", "KOR"),
    "Korea exports to Russia (peak)": ("exports", "KOR"),
    "Korea imports from Russia": ("imports", "KOR"),
    "Russia-Korea total trade": ("total", "not stated"),
    "Russia-Korea total trade; Korea's share of Russia's trade 3%": ("total", "not stated"),
    "Russia trade turnover with South Korea; South Korea ranked 6th among Russia's partners": ("total", "RUS"),
}
PRESS_SKIP = {
    "Russia total trade turnover",  # Russia with the world
    "Korea imports of aluminium from Russia (286.8 thousand tonnes)",  # one product line
}
UNIT_TO_MILLIONS = {"billion USD": 1000.0, "hundred-million USD": 100.0, "million USD": 1.0}


def _unit_base(unit: str) -> str:
    return unit.split(" (")[0].split(" =")[0].strip()


def _press_value_m(value: float, unit: str) -> tuple[float, str]:
    """Value in US$ million and its qualifier, from a value and a unit as the page wrote them."""
    base = _unit_base(unit)
    if base not in UNIT_TO_MILLIONS:
        raise ValueError(f"unknown unit in page figures: {unit!r}")
    qualifier = "as stated"
    if "lower bound" in unit:
        qualifier = "lower bound"
    elif "approx" in unit:
        qualifier = "approximate"
    return round(value * UNIT_TO_MILLIONS[base], 3), qualifier


def world_totals() -> pd.DataFrame:
    """Each reporter's exports to and imports from the world (IMF 'World' row), 1992-2020."""
    raw = pd.read_csv(sources.require("dots_by_partner"))
    keep = raw["reporter"].isin(REPORTERS) & (raw["partner"] == "World") & raw["year"].between(1992, 2020)
    raw = raw[keep & raw["value_usd_millions"].notna()]
    flows = raw["flow"].map(FLOWS)
    out = pd.DataFrame({
        "year": raw["year"].astype(int),
        "reporter": raw["reporter"].map(REPORTERS),
        "flow": flows.str[0],
        "valuation": flows.str[1],
        "value_usd_m": raw["value_usd_millions"].astype(float),
        "imf_estimate": raw["imf_estimate_flag"].astype(int).astype(bool),
    })
    return out.sort_values(["reporter", "flow", "year"]).reset_index(drop=True)


def mirror(first_year: int = 2015, last_year: int = 2020) -> pd.DataFrame:
    """Every country's own record of its trade with South Korea and with Russia (mirror data)."""
    raw = pd.read_csv(sources.require("dots_mirror"))
    keep = (
        (raw["reporter_is_aggregate"] == 0)
        & raw["partner"].isin(REPORTERS)
        & raw["year"].between(first_year, last_year)
        & raw["value_usd_millions"].notna()
    )
    # One reporter (Nicaragua) is in two IMF workbooks; identical rows are one record, not two.
    raw = raw[keep].drop_duplicates(subset=[c for c in raw.columns if c != "source_file"])
    named = {"reporter": raw["reporter"].map(to_iso3), "reporter_name": raw["reporter"],
             "partner": raw["partner"].map(REPORTERS)}
    out = _dots_rows(raw, named)
    return out.sort_values(["partner", "flow", "year", "reporter"]).reset_index(drop=True)


def by_hs2() -> pd.DataFrame:
    """Korea Customs Service: South Korea's exports to and imports from Russia by HS chapter, 2000-2018."""
    raw = pd.read_csv(sources.require("kcs_hs2"), dtype={"hs2": "string"})
    parts = []
    for flow, column in (("exports", "export_value_usd_thousand"), ("imports", "import_value_usd_thousand")):
        part = raw[raw[column] > 0]
        parts.append(pd.DataFrame({
            "year": part["year"].astype(int),
            "flow": flow,
            "hs2": part["hs2"].str.zfill(2),
            "value_usd_m": part[column].astype(float) / 1000,
            "year_complete": part["year_complete"].astype(int).astype(bool),
        }))
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["year", "flow", "hs2"]).reset_index(drop=True)


def hs2_chapters() -> pd.DataFrame:
    """HS chapter titles as the Korea Customs Service sheets give them (the latest title of each)."""
    raw = pd.read_csv(sources.require("kcs_hs2"), dtype={"hs2": "string"})
    latest = raw.sort_values("year").groupby("hs2", as_index=False).last()
    return pd.DataFrame({"hs2": latest["hs2"].str.zfill(2), "name_ko": latest["hs2_name_ko"]}).sort_values(
        "hs2").reset_index(drop=True)


def _fact_category(indicator: str, unit: str) -> str | None:
    if "DPRK" in indicator or "North Korea" in indicator or "Tourists" in indicator:
        return None  # North Korea and people chapters
    if "TEU" in unit:
        return "transport"
    if unit.startswith("rank"):
        return "rank"
    if indicator.startswith(("Korea imports from Russia: ", "Korea exports to Russia: ", "Korea imports of ")):
        return "product"
    if _unit_base(unit) in UNIT_TO_MILLIONS:
        return "trade value"
    return "other"


def page_facts() -> pd.DataFrame:
    """Every Korea-Russia trade figure found only in page text (products, transport, ranks, totals)."""
    raw = pd.read_csv(sources.require("press_trade"), dtype="string")
    rows = []
    for rec in raw.itertuples(index=False):
        category = _fact_category(rec.indicator, rec.unit)
        if category is None:
            continue
        value = float(rec.value)
        money = _unit_base(rec.unit) in UNIT_TO_MILLIONS
        rows.append({
            "period": rec.year if not rec.year.startswith("(") else "not stated",
            "category": category,
            "indicator": rec.indicator,
            "value": value,
            "unit": rec.unit,
            "value_usd_m": _press_value_m(value, rec.unit)[0] if money else None,
            "publisher": rec.cited_source,
            "source_url": rec.source_url,
        })
    out = replace_weak(pd.DataFrame(rows), "source_url", "publisher")
    out["value_usd_m"] = out["value_usd_m"].astype("float64")
    return out.sort_values(["category", "period", "indicator", "source_url"]).reset_index(drop=True)


def reported_2021_2024() -> pd.DataFrame:
    """Korea-Russia trade 2021-2024: KOSIS official exports and figures reported in the press."""
    press = pd.read_csv(sources.require("press_trade"), dtype={"year": "string"})
    press = press[press["year"].str.fullmatch(r"\d{4}") & press["year"].between("2021", "2024")]
    press = press[press["unit"].map(_unit_base).isin(UNIT_TO_MILLIONS)]
    unknown = set(press["indicator"]) - set(PRESS_INDICATORS) - PRESS_SKIP
    if unknown:
        raise ValueError(f"page figures: indicators with no rule in derive/trade.py: {sorted(unknown)}")
    press = press[press["indicator"].isin(PRESS_INDICATORS)]
    rows = []
    for rec in press.itertuples(index=False):
        flow, side = PRESS_INDICATORS[rec.indicator]
        value_m, qualifier = _press_value_m(float(rec.value), rec.unit)
        rows.append(
            {
                "year": int(rec.year), "flow": flow, "value_usd_m": value_m, "qualifier": qualifier,
                "reporting_side": side, "figure_type": "reported in press",
                "publisher": rec.cited_source, "source_url": rec.source_url,
            }
        )
    kosis = pd.read_csv(sources.require("kosis_exports"))
    kosis = kosis[kosis["year"].between(2021, 2024)]
    for rec in kosis.itertuples(index=False):
        rows.append(
            {
                "year": int(rec.year), "flow": "exports",
                "value_usd_m": round(rec.kor_exports_to_rus_usd / 1e6, 3), "qualifier": "as stated",
                "reporting_side": "KOR", "figure_type": "official statistics",
                "publisher": "Korea Customs Service via KOSIS", "source_url": SOURCES["kcs_kosis_trade"].path,
            }
        )
    out = replace_weak(pd.DataFrame(rows), "source_url", "publisher")
    return out.sort_values(["year", "flow", "figure_type", "source_url"]).reset_index(drop=True)


