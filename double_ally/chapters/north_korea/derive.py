"""Tables for the chapter book/north_korea.md: the Security Council record on North Korea, North Korea's
trade seen from its partners' records, the Six-Party Talks, and the railway and pipeline projects.

The hand-curated facts -- what each kind of Council decision did, units, former reporters and our
paraphrase of every page fact -- are data, in ``facts.yaml`` beside this module. Every paraphrase is
ours; the quotes stay in the raw page-fact files, whose address is carried on every row. Where a raw
file grows a row with no rule here or in facts.yaml (for the project facts: no paraphrase and no stated
reason for leaving it out), derivation stops with an error instead of dropping the row silently.
The Security Council record is derived in ``council_record.py``.
"""

from __future__ import annotations

import re

import pandas as pd

from double_ally.chapters.north_korea.council_record import unsc_record  # noqa: F401 (tables.yaml: unsc_record)
from double_ally.chapters.north_korea.facts import FACTS
from double_ally.core import sources
from double_ally.core.countries import to_iso3
from double_ally.core.pages import replace_weak

# ------------------------------------------------------------------------------ trade (mirror data)

DPRK = "Korea, Dem. People's Rep. of"
# North Korea's flows as its partners record them: a partner's imports from the DPRK are North Korea's
# exports (valued CIF by the partner), a partner's exports to it are North Korea's imports (FOB).
# Reporters of the past that double_ally.core.countries does not place: ISO 3166-3 codes where they exist,
# and "BLX" (no ISO code) for the Belgium-Luxembourg customs union the IMF reported until 1996.
FORMER_REPORTERS = FACTS["former_reporters"]
MIRROR_FLOWS = {name: (m["flow"], m["valuation"]) for name, m in FACTS["mirror_flows"].items()}


def _partner_code(name: str) -> str:
    if name == "World":
        return "WLD"
    return FORMER_REPORTERS.get(name) or to_iso3(name)


def trade_partners(first_year: int = 1960, last_year: int = 2020) -> pd.DataFrame:
    """North Korea's exports and imports by partner, from every partner's own records (mirror data).

    One row per year, partner and flow; partner "WLD" is the IMF's World row (the sum over reporters,
    IMF-estimated values included). IMF aggregates other than World are left out.
    """
    raw = pd.read_csv(sources.require("dots_mirror"))
    raw = raw[(raw["partner"] == DPRK) & raw["year"].between(first_year, last_year) & raw["value_usd_millions"].notna()]
    # One reporter (Nicaragua) is in two IMF workbooks; identical rows are one record, not two.
    raw = raw.drop_duplicates(subset=[c for c in raw.columns if c != "source_file"])
    raw = raw[(raw["reporter_is_aggregate"] == 0) | (raw["reporter"] == "World")]
    flows = raw["flow"].map(MIRROR_FLOWS)
    out = pd.DataFrame({
        "year": raw["year"].astype(int),
        "partner": raw["reporter"].map(_partner_code),
        "partner_name": raw["reporter"],
        "flow": flows.str[0],
        "valuation": flows.str[1],
        "value_usd_m": raw["value_usd_millions"].astype(float),
        "imf_estimate": raw["imf_estimate_flag"].astype(int).astype(bool),
    })
    if out.duplicated(["year", "partner", "flow"]).any():
        raise ValueError("two IMF reporter names map to one code for the same year and flow")
    return out.sort_values(["year", "flow", "partner"]).reset_index(drop=True)


def own_reporting() -> pd.DataFrame:
    """North Korea's own DOTS workbook: for each year, how many partner values it holds and how many
    of them the IMF marks as its own estimates (aggregate rows left out)."""
    raw = pd.read_csv(sources.require("dots_by_partner"))
    raw = raw[(raw["reporter"] == DPRK) & (raw["partner_is_aggregate"] == 0) & raw["value_usd_millions"].notna()]
    out = raw.groupby("year").agg(n_values=("value_usd_millions", "size"), n_imf_estimates=("imf_estimate_flag", "sum"))
    out = out.reset_index().astype({"year": int, "n_values": int, "n_imf_estimates": int})
    return out.sort_values("year").reset_index(drop=True)


# ------------------------------------------------------------------------------ trade (pages, 2019-2024)

# Units as the page file writes them -> multiplier to US$ million (money), or the kind of figure.
PAGE_UNITS = [(u["pattern"], float(u["factor"]), u["kind"]) for u in FACTS["page_units"]]


def _page_unit(unit: str) -> tuple[float, str]:
    for pattern, factor, kind in PAGE_UNITS:
        if re.search(pattern, unit):
            return factor, kind
    raise ValueError(f"DPRK trade page figures: unit with no rule in chapters/north_korea/facts.yaml: {unit!r}")


STATED = re.compile(r"= ([\d,.]+) (million|billion) USD")


def page_value(value: float, unit: str) -> float:
    """The figure in US$ million (money) or in its own unit. Where the unit also states the conversion
    ("= 2.72 billion USD"), that is used: it follows the page's own words, and for one row (KOTRA's
    2023 DPRK-China trade, "27억2천만달러") the value column says 272 where the page means 27.2."""
    factor, kind = _page_unit(unit)
    stated = STATED.search(unit)
    if stated:
        return round(float(stated.group(1).replace(",", "")) * (1000.0 if stated.group(2) == "billion" else 1.0), 4)
    return round(value * factor, 4)


def trade_page_figures() -> pd.DataFrame:
    """North Korea's trade with China, Russia and the world, 2019-2024, as figures quoted in pages."""
    raw = pd.read_csv(sources.require("nk_trade_pages"), dtype="string")
    raw = raw[raw["value"].notna()]  # the one row without a value is a caveat, kept in the chapter text
    rows = []
    for rec in raw.itertuples(index=False):
        kind = _page_unit(rec.unit)[1]
        value = page_value(float(rec.value), rec.unit)
        rows.append({
            "period": rec.year,
            "year": int(rec.year[:4]),
            "partner": {"China": "CHN", "Russia": "RUS", "World": "WLD"}[rec.dprk_partner],
            "indicator": rec.indicator,
            "value": value,
            "unit": kind,
            "approximate": "approx" in rec.unit,
            "publisher": rec.cited_source,
            "source_url": rec.source_url,
        })
    out = replace_weak(pd.DataFrame(rows), "source_url", "publisher")
    return out.sort_values(["year", "partner", "indicator", "source_url"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ Six-Party Talks

# Our paraphrase of each quoted fact (fact_type -> date it refers to, paraphrase). A new fact_type in
# the raw file stops the derivation until it has a paraphrase in facts.yaml.
SIX_PARTY_FACTS = {kind: (f["refers_to"], f["fact"]) for kind, f in FACTS["six_party_facts"].items()}


def six_party_talks() -> pd.DataFrame:
    """The Six-Party Talks facts of the page file, paraphrased, each with its page address."""
    raw = replace_weak(pd.read_csv(sources.require("nk_six_party"), dtype="string"), quote_col="text_verbatim")
    unknown = set(raw["fact_type"]) - set(SIX_PARTY_FACTS)
    if unknown:
        raise ValueError(f"Six-Party Talks facts with no paraphrase in chapters/north_korea/facts.yaml: {sorted(unknown)}")
    out = pd.DataFrame({
        "fact_type": raw["fact_type"],
        "refers_to": raw["fact_type"].map(lambda f: SIX_PARTY_FACTS[f][0]),
        "fact": raw["fact_type"].map(lambda f: SIX_PARTY_FACTS[f][1]),
        "russia_named": raw["text_verbatim"].str.contains("Russia|RUS", regex=True),
        "source_url": raw["source_url"],
    })
    return out.sort_values(["fact_type"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ railway and pipeline (¶9)

PROJECT_TOPICS = FACTS["project_topics"]
# fact_id -> (date, precision, stage, what stalled it as the page says, our paraphrase, what the page says of
# UN sanctions and this step, the resolution it names); rows of the project topics deliberately left out.
PROJECT_FACTS = {fact_id: (f["date"], f["precision"], f["stage"], f["blocked_by"], f["event"],
                           f.get("un_sanctions"), f.get("un_resolution"))
                 for fact_id, f in FACTS["project_facts"].items()}
PROJECT_LEFT_OUT = FACTS["project_facts_left_out"]
PROJECT_FILES = ("page_facts_wave3", "page_facts_wave4")


def project_rows(raw: pd.DataFrame) -> pd.DataFrame:
    """The rows of the page-fact files on the projects that have a paraphrase; a row with neither a
    paraphrase nor a stated reason for leaving it out stops the derivation."""
    raw = raw[raw["topic"].isin(PROJECT_TOPICS)]
    unknown = set(raw["fact_id"]) - set(PROJECT_FACTS) - set(PROJECT_LEFT_OUT)
    if unknown:
        raise ValueError(f"project facts with no paraphrase in chapters/north_korea/facts.yaml: {sorted(unknown)}")
    both = set(PROJECT_FACTS) & set(PROJECT_LEFT_OUT)
    if both:
        raise ValueError(f"project facts both paraphrased and left out in chapters/north_korea/facts.yaml: {sorted(both)}")
    return raw[raw["fact_id"].isin(PROJECT_FACTS)]


def project_timeline() -> pd.DataFrame:
    """Dated facts on the railway and pipeline projects across North Korea, paraphrased, with their pages."""
    raw = pd.concat([pd.read_csv(sources.require(key), dtype="string") for key in PROJECT_FILES], ignore_index=True)
    rows = []
    for rec in project_rows(raw).itertuples(index=False):
        date, precision, stage, blocker, text, un_sanctions, resolution = PROJECT_FACTS[rec.fact_id]
        rows.append({
            "date": date, "date_precision": precision, "year": int(date[:4]),
            "project": PROJECT_TOPICS[rec.topic], "stage": stage, "blocked_by": blocker, "event": text,
            "un_sanctions": un_sanctions, "un_resolution": resolution,
            "source_publisher": rec.source_publisher, "source_url": rec.source_url, "source_fact_id": rec.fact_id,
        })
    return pd.DataFrame(rows).sort_values(["date", "source_fact_id"]).reset_index(drop=True)
