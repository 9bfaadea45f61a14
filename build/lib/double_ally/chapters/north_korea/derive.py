"""Tables for the chapter book/north_korea.md: the Security Council record on North Korea, North Korea's
trade seen from its partners' records, the Six-Party Talks, and the railway and pipeline projects.

The hand-curated facts -- what each kind of Council decision did, units, former reporters and our
paraphrase of every page fact -- are data, in ``facts.yaml`` beside this module. Every paraphrase is
ours; the quotes stay in the raw page-fact files, whose address is carried on every row. Where a raw
file grows a row with no rule here or in facts.yaml (for the project facts: no paraphrase and no stated
reason for leaving it out), derivation stops with an error instead of dropping the row silently.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from double_ally.core import sources
from double_ally.core.countries import to_iso3
from double_ally.core.pages import replace_weak

# The hand-curated facts (title rules, draft symbols, units, reporters, paraphrases) are data: facts.yaml.
FACTS = yaml.safe_load((Path(__file__).with_name("facts.yaml")).read_text(encoding="utf-8"))

# ------------------------------------------------------------------------------ Security Council

# Which Security Council decisions are "on North Korea". The UN Digital Library titles of adopted
# resolutions name the DPRK (sometimes cut off as "Democratic People's Rep[...]") or, for the annual
# renewals of the Panel of Experts, only "resolution 1874 (2009)", the resolution that created that
# panel; the voting sheet (2022 on) gives only the agenda item, "Non-proliferation/Democratic People's
# Republic of Korea". General non-proliferation resolutions (1540 and its committee's renewals) are
# not about North Korea and do not match. The Korean War resolutions (1950-51) and the admission of
# both Koreas (1991) are outside the chapter's scope: the record starts in 1993.
TITLE_RULE = re.compile(r"Democratic People.s Rep|DPRK|North Korea|resolution 1874|resolution 1718", re.I)
FIRST_DATE = "1993-01-01"

VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}

# What each kind of decision did, from the words of its title (first match wins), and what it added;
# where the title is silent or absent, from a page (symbol -> action, added, address; these come first);
# what the vetoed drafts would have done; the page file's symbols for the drafts.
ACTIONS = [(a["pattern"], a["action"], a["added"]) for a in FACTS["actions"]]
ACTION_PAGES = {symbol: (a["action"], a["added"], a["url"]) for symbol, a in FACTS["actions_from_pages"].items()}
VETOED = FACTS["vetoed_drafts"]
PAGE_DRAFTS = FACTS["page_drafts"]
PAGE_DRAFT_2024 = FACTS["page_draft_2024"]


def _action(title: str) -> tuple[str, str]:
    for pattern, action, added in ACTIONS:
        if re.search(pattern, title, re.I):
            return action, added
    raise ValueError(f"Security Council title with no rule in chapters/north_korea/facts.yaml: {title!r}")


def decision_kind(symbol: str, title: str, adopted: bool) -> tuple[str, str, str, str | None]:
    """What a decision did: (action, what it added, basis, page address or None). A page named in
    facts.yaml for the symbol comes first; then, for an adopted text, its UN Digital Library title (or
    "not stated" where the source gives only the agenda item); a vetoed draft is a vetoed draft."""
    if adopted and symbol in ACTION_PAGES:
        action, added, url = ACTION_PAGES[symbol]
        return action, added, "page", url
    if adopted and title.startswith("Non-proliferation"):
        return ("not stated (agenda item only)", "missing: the source gives only the agenda item",
                "agenda item only", None)
    if adopted:
        return (*_action(title), "UN Digital Library title", None)
    return "vetoed draft", VETOED[symbol], "voting record outcome", None


def select_dprk(votes: pd.DataFrame) -> pd.DataFrame:
    """Rows (one per member vote) of the Security Council decisions on North Korea from 1993 on."""
    title = votes["title_or_agenda"].fillna("")
    undl = (votes["source"] == "UN_DATA_csv_undl_scrape") & title.str.contains(TITLE_RULE)
    sheet = (votes["source"] == "oliverunv_sc_voting_xlsx") & title.str.contains("Democratic People", regex=False)
    return votes[(undl | sheet) & (votes["date"] >= FIRST_DATE)]


def page_symbol(symbol: str) -> str:
    """The symbol a row of the page file refers to (resolution, or draft for the vetoes)."""
    if symbol in PAGE_DRAFTS:
        return PAGE_DRAFTS[symbol]
    if symbol.startswith("draft to extend 1718 Committee Panel of Experts"):
        return PAGE_DRAFT_2024
    if re.fullmatch(r"S/RES/\d+\(\d{4}\)", symbol):
        return symbol
    raise ValueError(f"page file: symbol with no rule in chapters/north_korea/derive.py: {symbol!r}")


def _page_summary(pages: pd.DataFrame) -> pd.DataFrame:
    pages = pages.assign(symbol=pages["symbol"].map(page_symbol))
    pages["vote"] = pages["russia_vote"].str.split(" ").str[0]
    out = pages.groupby("symbol").agg(
        page_russia_vote=("vote", lambda v: "; ".join(sorted(set(v)))),
        page_basis=("russia_vote_basis", lambda v: "; ".join(dict.fromkeys(v))),
        page_urls=("source_url", lambda v: " ".join(dict.fromkeys(v))),
    )
    return out


def unsc_record() -> pd.DataFrame:
    """One row per Security Council decision on North Korea, 1993-2025, with its vote and Russia's."""
    votes = pd.read_csv(sources.require("nk_unsc_votes"), dtype="string")
    chosen = select_dprk(votes)
    pages = _page_summary(pd.read_csv(sources.require("nk_unsc_pages"), dtype="string"))
    rows = []
    for key, group in chosen.groupby(["date", "source", "resolution_symbol", "draft_symbol"], dropna=False):
        date, source, resolution, draft = key
        first = group.iloc[0]
        adopted = pd.notna(resolution)
        symbol = resolution if adopted else draft
        counts = group["vote"].value_counts()
        by_member = dict(zip(group["member_code"], group["vote"]))
        russia = by_member.get("RUS")
        if source == "UN_DATA_csv_undl_scrape":
            totals = [int(first[c]) for c in ("src_total_yes", "src_total_no", "src_total_abstain", "src_total_nonvoting")]
            if totals != [int(counts.get(v, 0)) for v in "YNAX"]:
                raise ValueError(f"{symbol}: member votes do not add up to the source's totals")
            vote_source = "UN Digital Library record (scrape)"
        else:
            totals = [int(counts.get(v, 0)) for v in "YNA"] + [None]
            vote_source = "Security Council voting sheet (compiler not stated)"
        page = pages.loc[symbol] if symbol in pages.index else None
        if russia in ("Y", "N", "A"):
            russia_vote, basis = VOTE_WORDS[russia], "UN voting record"
        elif page is not None and "unanim" in page["page_basis"]:
            russia_vote, basis = page["page_russia_vote"], "inferred from 'adopted unanimously'"
        elif page is not None:
            russia_vote, basis = page["page_russia_vote"], "stated in a page"
        else:
            raise ValueError(f"{symbol}: no vote for Russia in the record and no page")
        action, added, action_basis, action_url = decision_kind(symbol, first["title_or_agenda"], adopted)
        vetoed_by = sorted(m for m, v in by_member.items() if v == "N") if not adopted else []
        rows.append({
            "date": date,
            "symbol": symbol,
            "resolution_number": int(first["res_number"]) if adopted else None,
            "outcome": "adopted" if adopted else "vetoed",
            "action": action,
            "sanctions_added": added,
            "action_basis": action_basis,
            "action_url": action_url,
            "votes_yes": totals[0],
            "votes_no": totals[1],
            "votes_abstain": totals[2],
            "votes_nonvoting": totals[3],
            "russia_vote": russia_vote,
            "russia_vote_basis": basis,
            "china_vote": VOTE_WORDS.get(by_member.get("CHN"), "not recorded"),
            "usa_vote": VOTE_WORDS.get(by_member.get("USA"), "not recorded"),
            "vetoed_by": ", ".join(vetoed_by) if vetoed_by else None,
            "vote_source": vote_source,
            "title_or_agenda": first["title_or_agenda"].strip(),
            "page_russia_vote": page["page_russia_vote"] if page is not None else None,
            "page_basis": page["page_basis"] if page is not None else None,
            "page_urls": page["page_urls"] if page is not None else None,
        })
    out = pd.DataFrame(rows)
    missing_pages = set(pages.index) - set(out["symbol"])
    if missing_pages:
        raise ValueError(f"page file names decisions the selection rule missed: {sorted(missing_pages)}")
    unused = set(ACTION_PAGES) - set(out.loc[out["outcome"] == "adopted", "symbol"])
    if unused:
        raise ValueError(f"chapters/north_korea/facts.yaml gives a page for resolutions the record does not hold: "
                         f"{sorted(unused)}")
    for col in ("resolution_number", "votes_nonvoting"):
        out[col] = out[col].astype("Int64")
    return out.sort_values(["date", "symbol"]).reset_index(drop=True)


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
