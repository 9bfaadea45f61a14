"""People tables: arrivals from Russia and comparison countries, the visa regime, the mutual image.

Raw files (all under ``people_alliance/`` in the raw folder):

* Korea Tourism Organization monthly arrivals by nationality and purpose, 2010-01 to 2020-05;
* Ministry of Justice monthly entrants from Russia, 2018-2024 (2020 missing);
* KTO annual figures for Russian visitors quoted in news pages, 2019-2025;
* Passport Index snapshots (Ilya Ilyankou's dataset), 2019-11 to 2025-01;
* Pew Global Attitudes favourability, aggregated from respondent data (worldregio/pew_opi);
* U.S. allies with dates: NATO members and year of accession (stevedata), major non-NATO ally
  designations and removals (with the wave 4 page facts that date them), Rio Treaty parties at the
  OAS vote of 2019; the Pacific treaties and ANZUS from the pages under ``allies`` in ``facts.yaml``.

Which ties count on a given date is decided in ``analysis.allies_on``, not here.
"""

from __future__ import annotations

import pandas as pd
import pycountry

from double_ally.core import sources
from double_ally.core.pages import replace_weak
from double_ally.chapters.people.inputs import FACTS
# the derive functions of tables.yaml that live in their own modules
from double_ally.chapters.people.derive_arrivals import (  # noqa: F401
    arrivals_monthly, arrivals_russia_annual, fx_rub_krw_monthly)
from double_ally.chapters.people.derive_allies import us_allies_by_date  # noqa: F401


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


def _snapshots() -> pd.DataFrame:
    """Every Passport Index snapshot's rows for Russian passport holders, with ISO3 destination and entry category."""
    raw = pd.read_csv(sources.require("passport_index_russia"), dtype="string", keep_default_na=False)
    raw = raw[(raw["passport_iso2"] == "RU") & (raw["destination_iso2"] != "RU")]
    return pd.DataFrame({
        "snapshot_date": raw["snapshot_date"],
        "destination": raw["destination_iso2"].map(iso2_to_iso3),
        "requirement": raw["requirement"],
        "entry": [entry_category(r, d) for r, d in zip(raw["requirement"], raw["snapshot_date"])],
    })


def _used(dates: pd.Series) -> pd.Series:
    """True for the snapshot the book uses for its year: the last of that year."""
    return dates == dates.groupby(dates.str[:4]).transform("max")


def visa_free_russia() -> pd.DataFrame:
    """Entry rules for Russian passport holders in the last Passport Index snapshot of each year."""
    snaps = _snapshots()
    snaps = snaps[_used(snaps["snapshot_date"])]
    out = pd.DataFrame({
        "snapshot_year": snaps["snapshot_date"].str[:4].astype(int),
        "snapshot_date": snaps["snapshot_date"],
        "destination": snaps["destination"],
        "requirement_as_written": snaps["requirement"],
        "entry": snaps["entry"],
        "visa_free": snaps["entry"] == "visa free",
    })
    return out.sort_values(["snapshot_year", "destination"]).reset_index(drop=True)


def passport_index_snapshots() -> pd.DataFrame:
    """One row per Passport Index snapshot: destinations, how many visa-free for Russians, whether the
    book uses it (last of its year), and at how many destinations it differs from the one used."""
    snaps = _snapshots()
    used = snaps[_used(snaps["snapshot_date"])]
    used_date = used.groupby(used["snapshot_date"].str[:4])["snapshot_date"].first()
    used_entry = used.set_index(["snapshot_date", "destination"])["entry"]
    rows = []
    for date, g in snaps.groupby("snapshot_date"):
        entry = g.set_index("destination")["entry"]
        reference = used_entry.loc[used_date[date[:4]]]
        if set(entry.index) != set(reference.index):
            raise ValueError(f"Passport Index {date}: destinations differ from the snapshot used for {date[:4]}")
        rows.append({
            "snapshot_date": date, "snapshot_year": int(date[:4]), "destinations": len(entry),
            "visa_free": int((entry == "visa free").sum()),
            "used": date == used_date[date[:4]],
            "differs_from_used": int((entry != reference.reindex(entry.index)).sum()),
        })
    return pd.DataFrame(rows).sort_values("snapshot_date").reset_index(drop=True)


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
    out = replace_weak(pd.DataFrame(rows), "source_url", "source_publisher")
    out["value"] = out["value"].astype("float64")
    return out


def pew_published_checks() -> pd.DataFrame:
    """Published Pew figures reported in the press (facts.yaml), one row per country, year and measure."""
    rows = [{"year": page["year"], "country": country, "target": page["target"], "measure": page["measure"],
             "published_pct": float(value), "publisher": page["publisher"], "source_url": page["source_url"]}
            for page in FACTS["pew_published"] for country, value in page["values"].items()]
    out = replace_weak(pd.DataFrame(rows), "source_url", "publisher")
    return out.sort_values(["year", "country", "measure"]).reset_index(drop=True)
