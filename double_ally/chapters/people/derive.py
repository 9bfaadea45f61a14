"""People tables: arrivals from Russia and comparison countries, the visa regime, the mutual image.

Raw files (all under ``people_alliance/`` in the raw folder):

* Korea Tourism Organization monthly arrivals by nationality and purpose, 2010-01 to 2020-05;
* Ministry of Justice monthly entrants from Russia, 2018-2024 (2020 missing);
* KTO annual figures for Russian visitors quoted in news pages, 2019-2025;
* Passport Index snapshots (Ilya Ilyankou's dataset), 2019-11 to 2025-01;
* Pew Global Attitudes favourability, aggregated from respondent data (worldregio/pew_opi).

The classification of U.S. allies is the book's own, read from the reference pages listed under
``allies`` in ``facts.yaml`` (the State Department's own list pages could not be quoted; see the chapter).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry
import yaml

from double_ally.core import sources
from double_ally.core.datapackage import read_sources

SOURCES = read_sources(Path(__file__).with_name("tables.yaml"))  # publishers, as in tables.yaml
FACTS = yaml.safe_load(Path(__file__).with_name("facts.yaml").read_text(encoding="utf-8"))  # hand-curated


COUNTRIES = {"Russia": "RUS", "Japan": "JPN", "United States": "USA", "China": "CHN"}
PURPOSES = ["tourism", "business", "official", "study_training", "other"]

# U.S. allies, as the pages listed in facts.yaml give them: NATO members with the year of joining, the
# Pacific treaties and ANZUS (basis and page), the Rio Treaty parties and the major non-NATO allies.
ALLIES = FACTS["allies"]
PAGES = ALLIES["pages"]
NATO: dict[str, int] = ALLIES["nato"]
PACIFIC: dict[str, tuple[str, str]] = {c: (v["basis"], PAGES[v["page"]]) for c, v in ALLIES["pacific"].items()}
RIO: list[str] = ALLIES["rio"]
MNNA: list[str] = ALLIES["mnna"]

ALLY_CLASSES = ["treaty ally", "treaty ally (Rio Treaty only)", "major non-NATO ally", "not a U.S. ally"]


def ally_class(iso3: str, year: int) -> tuple[str, str, str]:
    """(class, basis, source address) of a country in a given year, by the rules of the book.

    NATO, the Pacific treaties and ANZUS make a treaty ally; the Rio Treaty alone is a weaker tie
    and is kept as its own class; a designated major non-NATO ally that is not a treaty ally comes
    next; everything else is not a U.S. ally. NATO membership counts from the year of joining.
    """
    if iso3 in NATO and NATO[iso3] <= year:
        return "treaty ally", "NATO", PAGES["nato_sweden" if iso3 == "SWE" else "nato_founders"]
    if iso3 in PACIFIC:
        basis, page = PACIFIC[iso3]
        return "treaty ally", basis, page
    if iso3 in RIO:
        basis = "Rio Treaty; major non-NATO ally" if iso3 in MNNA else "Rio Treaty"
        return "treaty ally (Rio Treaty only)", basis, PAGES["rio"]
    if iso3 in MNNA:
        return "major non-NATO ally", "major non-NATO ally", PAGES["mnna"]
    return "not a U.S. ally", "", ""


def iso2_to_iso3(code: str) -> str:
    if code == "XK":
        return "XKX"
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        raise ValueError(f"Passport Index: unknown ISO2 code {code!r}")
    return country.alpha_3


# Passport Index entry requirements -> one category. Numbers are days allowed visa-free, except in
# the first two snapshots (2019-11-23, 2019-12-17), which use the codes 0-3 of the 2019 README.
CODES_2019 = {"3": "visa free", "2": "visa on arrival", "1": "eTA", "0": "visa required"}
WORDS = {
    "visa free": "visa free", "vf": "visa free",
    "visa on arrival": "visa on arrival", "voa": "visa on arrival",
    "eta": "eTA", "e-visa": "e-visa",
    "visa required": "visa required", "vr": "visa required",
    "covid ban": "covid ban", "no admission": "no admission",
    "hayya entry permit": "entry permit",
}
ENTRY_CATEGORIES = ["visa free", "visa on arrival", "eTA", "e-visa", "entry permit", "visa required",
                    "covid ban", "no admission"]


def entry_category(requirement: str, snapshot_date: str) -> str:
    """The entry category of a Passport Index requirement cell."""
    value = requirement.strip()
    if snapshot_date < "2020-01-01":
        if value not in CODES_2019:
            raise ValueError(f"Passport Index {snapshot_date}: unexpected 2019 code {value!r}")
        return CODES_2019[value]
    if value.isdigit():
        if int(value) <= 0:
            raise ValueError(f"Passport Index {snapshot_date}: a stay of {value} days is not an entry rule")
        return "visa free"
    key = value.lower()
    if key not in WORDS:
        raise ValueError(f"Passport Index {snapshot_date}: unknown requirement {value!r}")
    return WORDS[key]


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
    out = pd.DataFrame(rows)
    return out.sort_values(["year", "source_kind", "months_covered", "source_url"]).reset_index(drop=True)


def _snapshots() -> pd.DataFrame:
    raw = pd.read_csv(sources.require("passport_index_russia"), dtype="string", keep_default_na=False)
    raw = raw[(raw["passport_iso2"] == "RU") & (raw["destination_iso2"] != "RU")]
    return raw


def visa_free_russia() -> pd.DataFrame:
    """Entry rules for Russian passport holders, last Passport Index snapshot of each year, with ally class."""
    raw = _snapshots()
    last = raw.groupby(raw["snapshot_date"].str[:4])["snapshot_date"].transform("max")
    raw = raw[raw["snapshot_date"] == last]
    rows = []
    for rec in raw.itertuples(index=False):
        year = int(rec.snapshot_date[:4])
        dest = iso2_to_iso3(rec.destination_iso2)
        category = entry_category(rec.requirement, rec.snapshot_date)
        cls, basis, page = ally_class(dest, year)
        rows.append({
            "snapshot_year": year, "snapshot_date": rec.snapshot_date, "destination": dest,
            "requirement_as_written": rec.requirement, "entry": category,
            "visa_free": category == "visa free", "ally_class": cls, "ally_basis": basis,
            "ally_source_url": page,
        })
    out = pd.DataFrame(rows)
    return out.sort_values(["snapshot_year", "destination"]).reset_index(drop=True)


def pew_favourability() -> pd.DataFrame:
    """Share of respondents favourable to Russia and to the U.S., by wave and respondent country."""
    raw = pd.read_csv(sources.require("pew_favourability"))
    raw = raw[raw["target"].isin(["RUS", "USA"])].copy()
    # The harmonised data code the Palestinian territories as 'PLS'; ISO 3166 uses 'PSE'.
    raw["respondent_country_iso3"] = raw["respondent_country_iso3"].replace({"PLS": "PSE"})
    if raw.duplicated(["wave_year", "respondent_country_iso3", "target"]).any():
        raise ValueError("Pew: two rows for one wave, country and target after recoding PLS")
    out = pd.DataFrame({
        "year": raw["wave_year"].astype(int),
        "country": raw["respondent_country_iso3"],
        "target": raw["target"],
        "favourable_pct": raw["pct_favorable_total"].astype(float),
        "unfavourable_pct": raw["pct_unfavorable_total"].astype(float),
        "no_answer_pct": (raw["pct_dk"] + raw["pct_refused"]).round(2).astype(float),
        "respondents": raw["n_unweighted"].astype(int),
    })
    return out.sort_values(["year", "country", "target"]).reset_index(drop=True)


COUNT = {"minimum": 0}


def _number(text: str) -> float:
    return float(text.replace(",", "") if text.count(",") and len(text.split(",")[-1]) == 3
                 else text.replace(",", "."))


def page_facts() -> pd.DataFrame:
    """Selected page facts for ¶4 and ¶7, with numbers read from the quotes by stated patterns."""
    import re

    wave3 = pd.read_csv(sources.require("page_facts_wave3"), dtype="string")
    early = pd.read_csv(sources.require("page_facts_kr_ru"), dtype="string")
    quotes = pd.concat([wave3, early], ignore_index=True).set_index("fact_id")
    rows = []
    for fact in FACTS["page_facts"]:  # the facts kept, each with the pattern that reads its number
        fact_id, pattern, unit = fact["fact_id"], fact.get("pattern"), fact.get("unit")
        rec = quotes.loc[fact_id]
        value = None
        if pattern:
            found = re.search(pattern, rec["quote"])
            if not found:
                raise ValueError(f"page fact {fact_id}: pattern {pattern!r} not found in the quote")
            value = _number(found.group(1)) * fact["multiplier"]
            if unit != "persons":
                raise ValueError(f"page fact {fact_id}: numbers are counted in persons, not {unit!r}")
        rows.append({
            "fact_id": fact_id, "paragraph": fact["paragraph"], "country": fact["country"], "date": fact["date"],
            "item": fact["item"], "value": value, "summary": fact["summary"],
            "source_publisher": rec["source_publisher"], "source_url": rec["source_url"],
        })
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype("float64")
    return out


def pew_published_checks() -> pd.DataFrame:
    """Published Pew figures reported in the press (facts.yaml), one row per country, year and measure."""
    rows = [{"year": page["year"], "country": country, "target": page["target"], "measure": page["measure"],
             "published_pct": float(value), "publisher": page["publisher"], "source_url": page["source_url"]}
            for page in FACTS["pew_published"] for country, value in page["values"].items()]
    return pd.DataFrame(rows).sort_values(["year", "country", "measure"]).reset_index(drop=True)
