"""Tables for the chapter book/alliance.md: UN General Assembly agreement, key Ukraine votes, U.S. forces
in Korea and Japan, and what Seoul did about sanctions in 2014 and 2022."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from double_ally.chapters.alliance.analysis import agreement_table
from double_ally.core import sources
from double_ally.core.datapackage import read_sources
from double_ally.core.pages import replace_weak

SOURCES = read_sources(Path(__file__).with_name("tables.yaml"))  # publishers, as in tables.yaml
# The hand-curated facts (key votes, names and labels in the sources, our paraphrases of page facts): facts.yaml.
FACTS = yaml.safe_load(Path(__file__).with_name("facts.yaml").read_text(encoding="utf-8"))

COLLECTION = "the book's source collection (un_votes/ and people_alliance/ folders)"


# ------------------------------------------------------------------------------------ UN agreement

ISO2 = {"US": "USA", "KR": "KOR", "RU": "RUS", "CN": "CHN", "JP": "JPN"}
COUNTRIES = ["KOR", "USA", "RUS", "CHN", "JPN"]
PAIRS = [("KOR", "USA"), ("KOR", "RUS"), ("KOR", "JPN"), ("KOR", "CHN"),
         ("JPN", "USA"), ("JPN", "RUS"), ("JPN", "CHN")]
FIRST_YEAR, LAST_VOETEN_YEAR = 1991, 2019
VARIANTS = ["all", "important", "no_middle_east", "undl_resolutions"]
UNDL_VOTE = {"Y": "yes", "N": "no", "A": "abstain"}  # X (present but not voting) = no vote
UNDL_RECORD = "UN Digital Library (record)"


def voeten_votes() -> pd.DataFrame:
    """Voeten roll calls 1991-2019, one row each: year, important flag, Middle East flag, five vote columns."""
    calls = pd.read_csv(sources.require("unvotes_roll_calls"), usecols=["rcid", "importantvote", "date"])
    issues = pd.read_csv(sources.require("unvotes_issues"))
    votes = pd.read_csv(sources.require("unvotes_votes"))
    votes = votes[votes["country_code"].isin(ISO2)].assign(country=lambda d: d["country_code"].map(ISO2))
    if votes.duplicated(["rcid", "country"]).any():
        raise ValueError("unvotes: more than one vote of a country on one roll call")
    wide = votes.pivot(index="rcid", columns="country", values="vote").reindex(columns=COUNTRIES)
    calls["year"] = calls["date"].str[:4].astype(int)
    calls = calls[calls["year"].between(FIRST_YEAR, LAST_VOETEN_YEAR)]
    calls["important"] = calls["importantvote"].eq(1)
    calls["middle_east"] = calls["rcid"].isin(issues.loc[issues["short_name"] == "me", "rcid"])
    return calls.set_index("rcid")[["year", "important", "middle_east"]].join(wide).reset_index()


def undl_votes() -> pd.DataFrame:
    """UN Digital Library whole-resolution votes 1992-2021, one row per resolution (duplicates dropped)."""
    raw = pd.read_csv(sources.require("undl_ga_votes"), dtype="string")
    raw = raw[raw["year"].astype(int).between(1992, 2021)]
    raw = raw.drop_duplicates(subset=["resolution", "date"] + COUNTRIES)
    out = raw[["resolution"] + COUNTRIES].copy()
    out["year"] = raw["year"].astype(int)
    for c in COUNTRIES:
        out[c] = raw[c].map(UNDL_VOTE).astype("object")
    return out


def _variant(votes: pd.DataFrame, variant: str, source: str) -> pd.DataFrame:
    table = agreement_table(votes, PAIRS)
    table.insert(3, "variant", variant)
    table.insert(4, "source", source)
    return table


def unga_agreement() -> pd.DataFrame:
    voeten = voeten_votes()
    undl = undl_votes()
    parts = [
        _variant(voeten, "all", "Voeten"),
        _variant(undl[undl["year"] > LAST_VOETEN_YEAR], "all", "UN Digital Library"),
        _variant(voeten[voeten["important"]], "important", "Voeten"),
        _variant(voeten[~voeten["middle_east"]], "no_middle_east", "Voeten"),
        _variant(undl, "undl_resolutions", "UN Digital Library"),
    ]
    out = pd.concat(parts, ignore_index=True)
    out = out.rename(columns={"partner": "partner", "n": "n_votes", "n_yes_no": "n_yes_no"})
    for col in ("agreement", "identical", "coincidence"):
        out[col] = out[col].astype("float64").round(4)
    out = out[["country", "partner", "variant", "year", "source", "n_votes", "agreement", "identical",
               "n_yes_no", "coincidence"]]
    return out.sort_values(["country", "partner", "variant", "year"]).reset_index(drop=True)


# ------------------------------------------------------------------------------------ key votes

KEY_VOTE_LABELS = FACTS["key_vote_labels"]   # vote labels of the transcribed country lists
KEY_NAMES = FACTS["key_names"]               # country names as the lists print them
PAGE_VOTE = FACTS["page_vote"]
VOTE_CODES = FACTS["vote_codes"]


def _key_list_rows() -> pd.DataFrame:
    """KOR/USA/RUS/CHN/JPN votes and totals from the transcribed lists of 68/262 and ES-11/1."""
    raw = pd.read_csv(sources.require("key_votes_ukraine"))
    raw["vote"] = raw["vote_category_in_source"].map(KEY_VOTE_LABELS)
    rows = []
    for symbol, group in raw.groupby("resolution"):
        totals = group["vote"].value_counts()
        for name, code in KEY_NAMES.items():
            hit = group[group["country_as_in_source"] == name]
            if len(hit):
                rows.append({"symbol": symbol, "country": code, "vote": hit["vote"].iloc[0],
                             **{f"total_{k}": int(totals.get(k, 0)) for k in ("yes", "no", "abstain", "absent")}})
    return pd.DataFrame(rows)


# vote_id, symbol, date, title (our wording), in display order
KEY_VOTES = [(v["vote_id"], v["symbol"], v["date"], v["title"]) for v in FACTS["key_votes"]]
PAGE_EVENTS = {v["vote_id"]: v["page_event"] for v in FACTS["key_votes"] if "page_event" in v}
WITWICKI_2022 = FACTS["witwicki_2022"]       # row of the 2022 scrape -> symbol (see PROVENANCE)
LIST_SOURCE, LIST_URL = FACTS["transcribed_lists"]["source"], FACTS["transcribed_lists"]["url"]


def unga_key_votes() -> pd.DataFrame:
    """One row per key vote and country (and one TOTAL row per vote): vote, source, other sources agreeing.

    Order of preference for a country's vote: the UN Digital Library's records (ES-11/5 to ES-11/8), its
    scraped records (the other votes), then the transcribed country lists, then pages. Every other source giving a vote for the same cell must agree, or the
    derivation stops.
    """
    evidence: dict[tuple[str, str], list[tuple[str, str, str]]] = {}  # (vote_id, country) -> [(vote, src, url)]
    totals: dict[str, list[tuple[dict, str, str]]] = {}

    def add(vote_id, country, vote, src, url):
        evidence.setdefault((vote_id, country), []).append((vote, src, url))

    # First the UN Digital Library's own records of every member's vote on ES-11/5 to ES-11/8: where
    # they and a page disagree (totals of ES-11/5), the record is the one shown.
    record = pd.read_csv(sources.require("undl_es11_5_8"), dtype="string")
    symbols = {symbol for _, symbol, _, _ in KEY_VOTES}
    record = record[record["resolution"].isin(symbols)]
    for rec in record[record["ms_code"].isin(COUNTRIES)].itertuples(index=False):
        vote = UNDL_VOTE.get(rec.vote_normalized, "absent") if isinstance(rec.vote_normalized, str) else "absent"
        add(rec.resolution, rec.ms_code, vote, UNDL_RECORD, rec.undl_link)
    for symbol, first in record.groupby("resolution").first().iterrows():
        totals[symbol] = [({"yes": int(first["total_yes"]), "no": int(first["total_no"]),
                            "abstain": int(first["total_abstentions"]), "absent": int(first["total_non_voting"])},
                           UNDL_RECORD, first["undl_link"])]
    undl = pd.read_csv(sources.require("undl_ga_votes"), dtype="string")
    crimea = undl[undl["resolution"] == "A/RES/68/262"].iloc[0]
    for c in COUNTRIES:
        add("A/RES/68/262", c, UNDL_VOTE[crimea[c]], "UN Digital Library (scrape)", crimea["undl_link"])
    totals["A/RES/68/262"] = [({"yes": int(crimea["src_yes"]), "no": int(crimea["src_no"]),
                                "abstain": int(crimea["src_abstain"]), "absent": int(crimea["src_nonvoting"])},
                               "UN Digital Library (scrape)", crimea["undl_link"])]
    w = pd.read_csv(sources.require("undl_ga_votes_2022"), dtype="string")
    w = w[w["year"] == "2022"]
    for rec in w.itertuples(index=False):
        vote_id = WITWICKI_2022[int(rec.row_in_file)]
        url = "https://github.com/jacqueline-witwicki/UNGA_Voting_Coincidences_Over_Time"
        for c in COUNTRIES:
            add(vote_id, c, UNDL_VOTE[getattr(rec, c)], "UN Digital Library (scrape, J. Witwicki)", url)
        totals.setdefault(vote_id, []).append((
            {"yes": int(rec.count_Y), "no": int(rec.count_N), "abstain": int(rec.count_A),
             "absent": int(rec.count_X)}, "UN Digital Library (scrape, J. Witwicki)", url))
    for rec in _key_list_rows().itertuples(index=False):
        add(rec.symbol, rec.country, rec.vote, LIST_SOURCE, LIST_URL)
        if rec.country == "KOR":  # one set of totals per list
            totals.setdefault(rec.symbol, []).append((
                {k: getattr(rec, f"total_{k}") for k in ("yes", "no", "abstain", "absent")}, LIST_SOURCE, LIST_URL))
    calls = pd.read_csv(sources.require("unvotes_roll_calls"), usecols=["rcid", "unres"])
    crimea_rcid = calls.loc[calls["unres"] == "R/68/262", "rcid"]
    if len(crimea_rcid) != 1:
        raise ValueError(f"expected one Voeten roll call on R/68/262, found {len(crimea_rcid)}")
    voeten = pd.read_csv(sources.require("unvotes_votes"))
    voeten = voeten[voeten["rcid"].isin(crimea_rcid) & voeten["country_code"].isin(ISO2)]
    for rec in voeten.itertuples(index=False):
        add("A/RES/68/262", ISO2[rec.country_code], rec.vote, "Voeten (rcid %d)" % rec.rcid, SOURCES["alliance_voeten_unga"].path)
    pages = pd.read_csv(sources.require("unga_votes_pages"), dtype="string")
    by_event = {v: k for k, v in PAGE_EVENTS.items()}
    for rec in pages.itertuples(index=False):
        vote_id = by_event.get(rec.event_id, rec.resolution_symbol)
        if vote_id not in {k[0] for k in KEY_VOTES}:
            continue
        if rec.country_iso3 in COUNTRIES and isinstance(rec.vote, str):
            add(vote_id, rec.country_iso3, PAGE_VOTE[rec.vote], "page", rec.source_url)
        elif rec.country_iso3 == "TOTAL":
            t = {k: (int(float(getattr(rec, f"total_{k}"))) if isinstance(getattr(rec, f"total_{k}"), str) else None)
                 for k in ("yes", "no", "abstain", "absent")}
            totals.setdefault(vote_id, []).append((t, "page", rec.source_url))

    rows = []
    for vote_id, symbol, date, title in KEY_VOTES:
        for c in COUNTRIES:
            found = evidence.get((vote_id, c), [])
            if found and len({v for v, _, _ in found}) > 1:
                raise ValueError(f"{vote_id} {c}: sources disagree: {found}")
            vote, src, url = found[0] if found else ("not stated", "none of the sources", None)
            rows.append({"vote_id": vote_id, "symbol": symbol, "date": date, "title": title, "country": c,
                         "vote": vote, "source": src, "source_url": url, "n_sources_agreeing": len(found)})
        (t, src, url), *others = totals[vote_id]
        rows.append({"vote_id": vote_id, "symbol": symbol, "date": date, "title": title, "country": "TOTAL",
                     "vote": None, "source": src, "source_url": url, "n_sources_agreeing": 1 + sum(
                         all(o[0][k] == t[k] for k in ("yes", "no", "abstain")) for o in others),
                     **{f"total_{k}": t[k] for k in ("yes", "no", "abstain", "absent")}})
    out = pd.DataFrame(rows)
    unknown = set(out.loc[out["country"] != "TOTAL", "vote"]) - set(VOTE_CODES)
    if unknown:
        raise ValueError(f"key votes: unknown vote codes {sorted(unknown)}")
    for k in ("yes", "no", "abstain", "absent"):
        out[f"total_{k}"] = out[f"total_{k}"].astype("Int64")
    return out[["vote_id", "symbol", "date", "title", "country", "vote", "total_yes", "total_no",
                "total_abstain", "total_absent", "source", "source_url", "n_sources_agreeing"]]


# ------------------------------------------------------------------------------------ troops

DMDC_COUNTRIES = {732: "KOR", 740: "JPN"}
# Service columns: the reports' own "... Active Duty" columns (from 2008) where present, else the
# compiled *_ad column (in the source, navy_ad is 0 from 2008 although "Navy Active Duty" has values).
SERVICES = {"army": ("Army Active Duty", "army_ad"), "navy": ("Navy Active Duty", "navy_ad"),
            "marine_corps": ("Marine Corps Active Duty", "marine_corps_ad"),
            "air_force": ("Air Force Active Duty", "air_force_ad")}
MONTHS = {"March": 3, "June": 6, "September": 9, "December": 12}


def choose_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """One report per country and year: the September report if the year has one, else the latest.

    ``reports`` needs the columns country, year and month_no (3, 6, 9 or 12).
    """
    pref = (reports["month_no"] == 9).astype(int) * 100 + reports["month_no"]
    order = reports.assign(_pref=pref).sort_values(["country", "year", "_pref"])
    return order.groupby(["country", "year"]).tail(1).drop(columns="_pref").reset_index(drop=True)


def us_troops() -> pd.DataFrame:
    """One DMDC report per country and year: September where there is one, else the latest in the year."""
    raw = pd.read_csv(sources.require("us_troops_dmdc"))
    raw = raw[raw["ccode"].isin(DMDC_COUNTRIES)].copy()
    raw["country"] = raw["ccode"].map(DMDC_COUNTRIES)
    raw["month_no"] = raw["month"].map(MONTHS)
    if raw["month_no"].isna().any():
        raise ValueError(f"unknown report month: {sorted(raw.loc[raw['month_no'].isna(), 'month'].unique())}")
    spread = raw.groupby(["country", "year"])["troops_ad"].agg(["size", "min", "max"])
    chosen = choose_reports(raw).set_index(["country", "year"])
    legacy = pd.read_csv(sources.require("us_troops_legacy")).set_index("year")["troops"]
    out = pd.DataFrame({
        "report": chosen["source"],
        "active_duty": chosen["troops_ad"].astype(int),
        **{svc: chosen[col].where(chosen[col].notna(), chosen[legacy_col]) for svc, (col, legacy_col) in SERVICES.items()},
        "grand_total": chosen["Grand Total"],
        "n_reports_in_year": spread["size"],
        "min_active_duty_in_year": spread["min"].astype(int),
        "max_active_duty_in_year": spread["max"].astype(int),
    }).reset_index()
    out["legacy_series"] = [legacy.get(y) if c == "KOR" else None for c, y in zip(out["country"], out["year"])]
    for col in ("army", "navy", "marine_corps", "air_force", "grand_total", "legacy_series"):
        out[col] = pd.to_numeric(out[col]).astype("Int64")
    out["series"] = "DMDC reports (troopdata-rebuild-reports)"
    return out.sort_values(["country", "year"]).reset_index(drop=True)[
        ["country", "year", "report", "series", "active_duty", "army", "navy", "marine_corps", "air_force",
         "grand_total", "n_reports_in_year", "min_active_duty_in_year", "max_active_duty_in_year",
         "legacy_series"]]


# ------------------------------------------------------------------------------------ sanctions

# Our paraphrase of each page fact used, keyed by its fact_id in the collected files (facts.yaml).
SANCTION_FACTS = FACTS["sanction_facts"]
MEASURE_TYPES = FACTS["measure_types"]


def sanctions_measures() -> pd.DataFrame:
    facts = _facts()
    unfriendly = pd.read_csv(sources.require("unfriendly_list"), dtype="string")
    if "Republic of Korea" not in set(unfriendly["entry_as_printed"]):
        raise ValueError("the 7 March 2022 list no longer names the Republic of Korea: check the raw file")
    rows = []
    for item in SANCTION_FACTS:
        fact_id = item["fact_id"]
        fact = facts.loc[fact_id]
        if item["measure_type"] not in MEASURE_TYPES:
            raise ValueError(f"fact {fact_id}: unknown measure type {item['measure_type']!r}")
        for number in item.get("numbers", []):
            if number not in fact["quote"]:
                raise ValueError(f"fact {fact_id}: {number} is not in the page's quote")
        rows.append({**{k: item[k] for k in ("date", "episode", "measure_type", "actor", "summary")},
                     "source_publisher": fact["source_publisher"], "source_url": fact["source_url"],
                     "source_fact_id": fact_id})
    out = replace_weak(pd.DataFrame(rows), "source_url", "source_publisher")
    return out.sort_values(["date", "source_fact_id"]).reset_index(drop=True)


# ------------------------------------------------------------------------------------ Georgia votes and page facts


def unga_georgia_votes() -> pd.DataFrame:
    """Every recorded General Assembly vote on refugees and displaced persons from Abkhazia and South Ossetia
    (Georgia) in the UN Digital Library data, 2008-2021, with the five countries' votes."""
    raw = pd.read_csv(sources.require("undl_ga_votes"), dtype="string")
    raw = raw[raw["title"].str.contains("Abkhazia", na=False)]
    out = pd.DataFrame({
        "date": raw["date"], "symbol": raw["resolution"],
        **{f"total_{k}": raw[f"src_{c}"].astype(int) for k, c in
           (("yes", "yes"), ("no", "no"), ("abstain", "abstain"), ("absent", "nonvoting"))},
        **{c: raw[c].map(UNDL_VOTE).fillna("absent") for c in COUNTRIES},
        "source_url": raw["undl_link"],
    })
    return out.sort_values("date").reset_index(drop=True)


# Our paraphrase of the page facts on Russia's THAAD criticism (¶16) and on Seoul and Georgia in 2008 (¶4).
PAGE_FACTS = FACTS["page_facts"]


def _facts() -> pd.DataFrame:
    facts = pd.concat([pd.read_csv(sources.require("page_facts_kr_ru"), dtype="string"),
                       pd.read_csv(sources.require("page_facts_wave3"), dtype="string")], ignore_index=True)
    return facts.set_index("fact_id")


def alliance_page_facts() -> pd.DataFrame:
    facts = _facts()
    rows = [{"source_fact_id": item["fact_id"],
             **{k: item[k] for k in ("paragraph", "topic", "date", "actor", "summary")},
             "source_publisher": facts.loc[item["fact_id"], "source_publisher"],
             "source_url": facts.loc[item["fact_id"], "source_url"]}
            for item in PAGE_FACTS]
    out = replace_weak(pd.DataFrame(rows), "source_url", "source_publisher")
    return out.sort_values(["paragraph", "date", "source_fact_id"]).reset_index(drop=True)


# ------------------------------------------------------------------------------------ tables

