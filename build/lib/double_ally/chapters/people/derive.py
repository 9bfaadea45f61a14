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

from pathlib import Path

import pandas as pd
import pycountry
import yaml

from double_ally.core import sources
from double_ally.core.countries import to_iso3
from double_ally.core.datapackage import read_sources
from double_ally.core.pages import replace_weak

SOURCES = read_sources(Path(__file__).with_name("tables.yaml"))  # publishers, as in tables.yaml
FACTS = yaml.safe_load(Path(__file__).with_name("facts.yaml").read_text(encoding="utf-8"))  # hand-curated


COUNTRIES = {"Russia": "RUS", "Japan": "JPN", "United States": "USA", "China": "CHN"}
PURPOSES = ["tourism", "business", "official", "study_training", "other"]

# The Pacific treaties and ANZUS, with the page that lists each (facts.yaml): the only ties not in a
# dated source file. NATO, the major non-NATO allies and the Rio Treaty come from the wave 4 files.
PACIFIC_PAGES = FACTS["allies"]["pages"]
PACIFIC: dict[str, dict] = FACTS["allies"]["pacific"]
MNNA_STARTS = {"designated", "treated_as_mnna_by_statute"}   # events that make a country an MNNA
MNNA_ENDS = {"terminated"}                                   # events that end it
MNNA_IGNORED = {"intent_announced", "announced"}             # no memorandum yet: not a designation
DATE_FORMS = {"year": 4, "month": 7, "day": 10}              # length of an ISO date at each precision


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
    out = replace_weak(pd.DataFrame(rows), "source_url", "publisher")
    return out.sort_values(["year", "source_kind", "months_covered", "source_url"]).reset_index(drop=True)


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


def _check_date(text: str, precision: str, where: str) -> str:
    if precision not in DATE_FORMS or len(text) != DATE_FORMS[precision]:
        raise ValueError(f"{where}: date {text!r} does not match its precision {precision!r}")
    return text


def _nato_ties() -> list[dict]:
    nato = pd.read_csv(sources.require("nato_members_joined"), dtype="string")
    rows = []
    for rec in nato.itertuples(index=False):
        iso3 = to_iso3(rec.state)
        if iso3 == "USA":  # the United States is not its own ally
            continue
        rows.append({
            "country": iso3, "alliance": "NATO", "status": "in force",
            "from_date": _check_date(rec.joined, "year", f"NATO {rec.state}"), "to_date": None,
            "note": "year of accession only", "source_fact_ids": None,
            "source_url": f"https://github.com/{rec.source_repo}/blob/{rec.source_commit}/{rec.source_path}",
            "to_source_url": None,
        })
    return rows


def _mnna_ties() -> list[dict]:
    """Intervals of major non-NATO ally status, from the dated designation and removal events."""
    events = pd.read_csv(sources.require("mnna_designations"), dtype="string", keep_default_na=False)
    pages = pd.read_csv(sources.require("page_facts_wave4"), dtype="string").set_index("fact_id")["source_url"]
    unknown = set(events["event"]) - MNNA_STARTS - MNNA_ENDS - MNNA_IGNORED
    if unknown:
        raise ValueError(f"MNNA events: unknown event kinds {sorted(unknown)}")
    open_ties: dict[str, dict] = {}
    rows = []
    for rec in events.sort_values(["iso3", "date"], kind="stable").itertuples(index=False):
        if rec.event in MNNA_IGNORED:
            continue
        where = f"MNNA {rec.country} {rec.event}"
        date = _check_date(rec.date, rec.date_precision, where)
        ids = [i.strip() for i in rec.fact_ids_in_page_facts_wave4.split(";")]
        missing = [i for i in ids if i not in pages.index]
        if missing:
            raise ValueError(f"{where}: page facts {missing} not in page_facts_wave4")
        if rec.event in MNNA_STARTS:
            if rec.iso3 in open_ties:
                raise ValueError(f"{where}: designated again while still designated")
            open_ties[rec.iso3] = {
                "country": rec.iso3, "alliance": "major non-NATO ally", "status": "in force",
                "from_date": date, "to_date": None, "note": rec.note or None, "source_fact_ids": "; ".join(ids),
                "source_url": pages[ids[0]], "to_source_url": None,
            }
        else:
            if rec.iso3 not in open_ties:
                raise ValueError(f"{where}: removed without a designation")
            tie = open_ties.pop(rec.iso3)
            note = "; ".join(n for n in (tie["note"], rec.note) if n) or None
            rows.append({**tie, "to_date": date, "note": note,
                         "source_fact_ids": f"{tie['source_fact_ids']}; {'; '.join(ids)}",
                         "to_source_url": pages[ids[0]]})
    return rows + list(open_ties.values())


def _rio_ties() -> list[dict]:
    """Rio Treaty parties as they voted at the OAS; a party the collection marks as disputed stays disputed."""
    rio = pd.read_csv(sources.require("rio_treaty_parties"), dtype="string", keep_default_na=False)
    vote_column = next(c for c in rio.columns if c.startswith("vote_"))
    vote_date = vote_column.removeprefix("vote_").replace("_", "-")
    rows = []
    for rec in rio.to_dict("records"):
        iso3 = to_iso3(rec["state"])
        if iso3 == "USA":
            continue
        disputed = "disputed" in rec["note"]
        note = f"OAS vote of {vote_date}: {rec[vote_column]}" + (f"; {rec['note']}" if disputed else "")
        rows.append({
            "country": iso3, "alliance": "Rio Treaty", "status": "disputed" if disputed else "in force",
            "from_date": None, "to_date": None, "note": note, "source_fact_ids": None,
            "source_url": rec["source_url"], "to_source_url": None,
        })
    return rows


def _pacific_ties() -> list[dict]:
    return [{"country": iso3, "alliance": tie["basis"], "status": "in force", "from_date": None, "to_date": None,
             "note": None, "source_fact_ids": None, "source_url": PACIFIC_PAGES[tie["page"]], "to_source_url": None}
            for iso3, tie in PACIFIC.items()]


def us_allies_by_date() -> pd.DataFrame:
    """Every tie that makes a country a U.S. ally, with the dates it began and ended as the sources give them."""
    out = pd.DataFrame(_nato_ties() + _mnna_ties() + _rio_ties() + _pacific_ties())
    out = replace_weak(replace_weak(out, "source_url"), "to_source_url")
    if out.duplicated(["country", "alliance"]).any():
        raise ValueError("U.S. allies: a country holds the same tie twice")
    return out.sort_values(["country", "alliance"]).reset_index(drop=True)


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
