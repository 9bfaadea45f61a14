"""People tables: arrivals from Russia and comparison countries, the visa regime, the mutual image.

Raw files (all under ``people_alliance/`` in the raw folder):

* Korea Tourism Organization monthly arrivals by nationality and purpose, 2010-01 to 2020-05;
* Ministry of Justice monthly entrants from Russia, 2018-2024 (2020 missing);
* KTO annual figures for Russian visitors quoted in news pages, 2019-2025;
* Passport Index snapshots (Ilya Ilyankou's dataset), 2019-11 to 2025-01;
* Pew Global Attitudes favourability, aggregated from respondent data (worldregio/pew_opi).

The classification of U.S. allies is the book's own, read from the reference pages named in
``ALLY_PAGES`` (the State Department's own list pages could not be quoted; see the chapter).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pycountry

from double_ally.core import sources
from double_ally.core.datapackage import read_sources

SOURCES = read_sources(Path(__file__).with_name("tables.yaml"))  # publishers, as in tables.yaml


COUNTRIES = {"Russia": "RUS", "Japan": "JPN", "United States": "USA", "China": "CHN"}
PURPOSES = ["tourism", "business", "official", "study_training", "other"]

# ---------------------------------------------------------------------------------------------
# U.S. allies. Membership read from the pages below (quoted through the book's page search); each
# country carries the address of the page that lists it. Where a membership changed during the
# Passport Index period (2019-2025) the year of joining is kept, as the page gives it.
# ---------------------------------------------------------------------------------------------
NATO_FOUNDERS_PAGE = "https://947631.windlasstrade-hk.tech/world/nato-countries-which-member-states-are-military-alliance-611150"
NATO_SWEDEN_PAGE = "https://en.difesaonline.it/evidenza/eventi/la-nato-conta-ora-32-paesi"
BILATERAL_PAGE = "https://map.nbr.org/2016/03/defense-treaties/"
ANZUS_PAGE = "https://cbsnews.com/amp/minnesota/news/gq-treaties"
RIO_PAGE = "https://patrickcarpen.com/countries-of-the-world/welcome/member-states-of-the-rio-treaty/"
MNNA_PAGE = "https://en.wikipedia.org/wiki/Major_non-NATO_ally"

# NATO: the 12 founders of 1949 and the members that joined later, with the year the page gives.
NATO = {
    "BEL": 1949, "CAN": 1949, "DNK": 1949, "FRA": 1949, "ISL": 1949, "ITA": 1949, "LUX": 1949,
    "NLD": 1949, "NOR": 1949, "PRT": 1949, "GBR": 1949,
    "GRC": 1952, "TUR": 1952, "DEU": 1955, "ESP": 1982, "CZE": 1999, "HUN": 1999, "POL": 1999,
    "BGR": 2004, "EST": 2004, "LVA": 2004, "LTU": 2004, "ROU": 2004, "SVK": 2004, "SVN": 2004,
    "ALB": 2009, "HRV": 2009, "MNE": 2017, "MKD": 2020, "FIN": 2023, "SWE": 2024,
}
# Bilateral mutual defence treaties (Japan, the Philippines, South Korea), the Manila Pact
# (Thailand) and ANZUS (Australia, New Zealand).
PACIFIC = {
    "JPN": ("bilateral treaty", BILATERAL_PAGE),
    "PHL": ("bilateral treaty", BILATERAL_PAGE),
    "KOR": ("bilateral treaty", BILATERAL_PAGE),
    "THA": ("Manila Pact", BILATERAL_PAGE),
    "AUS": ("ANZUS", ANZUS_PAGE),
    "NZL": ("ANZUS", ANZUS_PAGE),
}
# Rio Treaty parties as the page lists them (the United States itself left out).
RIO = ["ARG", "BHS", "BRA", "CHL", "COL", "CRI", "DOM", "SLV", "GTM", "HTI", "HND", "PAN", "PRY",
       "PER", "TTO", "VEN"]
# Major non-NATO allies as the reference work lists them (20 states, Taiwan de facto).
MNNA = ["ARG", "AUS", "BHR", "BRA", "COL", "EGY", "ISR", "JPN", "JOR", "KEN", "KWT", "MAR", "NZL",
        "PAK", "PHL", "QAT", "KOR", "TWN", "THA", "TUN"]

ALLY_CLASSES = ["treaty ally", "treaty ally (Rio Treaty only)", "major non-NATO ally", "not a U.S. ally"]


def ally_class(iso3: str, year: int) -> tuple[str, str, str]:
    """(class, basis, source address) of a country in a given year, by the rules of the book.

    NATO, the Pacific treaties and ANZUS make a treaty ally; the Rio Treaty alone is a weaker tie
    and is kept as its own class; a designated major non-NATO ally that is not a treaty ally comes
    next; everything else is not a U.S. ally. NATO membership counts from the year of joining.
    """
    if iso3 in NATO and NATO[iso3] <= year:
        return "treaty ally", "NATO", NATO_SWEDEN_PAGE if iso3 == "SWE" else NATO_FOUNDERS_PAGE
    if iso3 in PACIFIC:
        basis, page = PACIFIC[iso3]
        return "treaty ally", basis, page
    if iso3 in RIO:
        basis = "Rio Treaty; major non-NATO ally" if iso3 in MNNA else "Rio Treaty"
        return "treaty ally (Rio Treaty only)", basis, RIO_PAGE
    if iso3 in MNNA:
        return "major non-NATO ally", "major non-NATO ally", MNNA_PAGE
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


# fact id -> (paragraph, country, date, item, number pattern or None, unit, multiplier, summary)
FACT_RULES = [
    ("W3-010", 4, "KOR", "2014-01-01", "in force", None, None, 1,
     "The Korea-Russia visa waiver for ordinary passports takes effect; stays of up to 60 days."),
    ("W3-011", 4, "KOR", "2020-04-13", "suspended", None, None, 1,
     "Seoul suspends the waiver because of the COVID-19 pandemic."),
    ("W3-012", 4, "RUS", "2020-09", "restored by Russia", None, None, 1,
     "Russia lets Korean citizens in without visas again from September 2020."),
    ("W3-014", 4, "KOR", "2022-04-01", "suspension lifted", None, None, 1,
     "Seoul lifts its suspension of visa-free entry for Russia and 24 other countries."),
    ("W3-015", 4, "KOR", "2022-03-24", "limited purposes", None, None, 1,
     "At first only study, medical treatment and official visits qualify; tourism does not."),
    ("W3-018", 4, "ISR", "2008-09-20", "in force", None, None, 1,
     "The Israel-Russia visa waiver takes effect (signed 20 March 2008)."),
    ("W3-020", 4, "THA", "2007-03-24", "in force", None, None, 1,
     "The Thailand-Russia visa exemption took effect in 2007 and, in 2019, was still in force."),
    ("W3-024", 7, "RUS", "2014-01/2014-09", "Primorye tourists to Korea, Jan-Sep 2014",
     r"вырос до (\d+(?:,\d+)?) тыс", "persons", 1000,
     "Tourists from Primorsky Krai to South Korea, January-September 2014."),
    ("W3-024", 7, "RUS", "2013-01/2013-09", "Primorye tourists to Korea, Jan-Sep 2013",
     r"посетили (\d+(?:,\d+)?) тыс", "persons", 1000,
     "Tourists from Primorsky Krai to South Korea, January-September 2013."),
    ("W3-022", 7, "RUS", "October, year not shown (before the waiver)", "aimed at the Far East", None, None, 1,
     "Korea's consul in Vladivostok says the waiver is aimed first of all at Far East tourists."),
    ("W3-023", 7, "RUS", "2013-11-28", "medical visits", None, None, 1,
     "Many Russians, especially from the Far East, come to Korea for medical check-ups."),
    ("7", 7, "RUS", "2013-01/2013-11", "Russian visitors, Jan-Nov 2013",
     r"total of ([\d,]+) Russians", "persons", 1,
     "Russians visiting Korea, January-November 2013 (Korea Herald)."),
]


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
    for fact_id, paragraph, country, date, item, pattern, unit, mult, summary in FACT_RULES:
        rec = quotes.loc[fact_id]
        value = None
        if pattern:
            found = re.search(pattern, rec["quote"])
            if not found:
                raise ValueError(f"page fact {fact_id}: pattern {pattern!r} not found in the quote")
            value = _number(found.group(1)) * mult
            if unit != "persons":
                raise ValueError(f"page fact {fact_id}: numbers are counted in persons, not {unit!r}")
        rows.append({
            "fact_id": fact_id, "paragraph": paragraph, "country": country, "date": date, "item": item,
            "value": value, "summary": summary,
            "source_publisher": rec["source_publisher"], "source_url": rec["source_url"],
        })
    out = pd.DataFrame(rows)
    out["value"] = out["value"].astype("float64")
    return out


# ---------------------------------------------------------------------------------------------
# Pew's published figures, as news pages report them, to check the recomputed shares against.
# Each number is read from the page text found through the book's page search (address per row).
# ---------------------------------------------------------------------------------------------
PEW_2022_PAGE = "https://qtelegram.com/relations-with-russia-new-pew-research-center-study/23052/"
PEW_2020_US_PAGE = "https://www.washingtonpost.com/world/2022/06/22/pew-poll-russia-nato-us/"
# Unfavourable views of Russia in Pew's 2022 survey of 18 countries, as the page lists them.
PEW_2022_UNFAVOURABLE = {
    "POL": 97, "AUS": 94, "SWE": 94, "USA": 92, "NLD": 91, "JPN": 91, "CAN": 88, "ESP": 87, "GBR": 86,
    "KOR": 84, "ITA": 83, "BEL": 83, "FRA": 81, "DEU": 81, "ISR": 78, "GRC": 72, "SGP": 70, "MYS": 50,
}


def pew_published_checks() -> pd.DataFrame:
    """Published Pew figures reported in the press, one row per country, year and measure."""
    rows = [{"year": 2022, "country": c, "target": "RUS", "measure": "unfavourable_pct",
             "published_pct": float(v), "publisher": "qtelegram.com (reporting Pew Research Center)",
             "source_url": PEW_2022_PAGE} for c, v in PEW_2022_UNFAVOURABLE.items()]
    rows.append({"year": 2020, "country": "USA", "target": "RUS", "measure": "favourable_pct",
                 "published_pct": 15.0, "publisher": "The Washington Post (reporting Pew Research Center)",
                 "source_url": PEW_2020_US_PAGE})
    return pd.DataFrame(rows).sort_values(["year", "country", "measure"]).reset_index(drop=True)


