"""Tables for the chapter book/north_korea.md: the Security Council record on North Korea, North Korea's
trade seen from its partners' records, the Six-Party Talks, and the railway and pipeline projects.

Every paraphrase in this module is ours; the quotes stay in the raw page-fact files, whose address is
carried on every row. Where a raw file grows a row this module has no rule for, derivation stops with
an error instead of dropping the row silently.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import sources
from ..countries import to_iso3
from ..datapackage import Field, Source, Table
from ..sources import RawFile

sources.register(
    RawFile(
        "nk_unsc_votes",
        "un_votes/unsc_votes_by_member.csv",
        "United Nations Digital Library voting records (third-party scrape) and a Security Council voting "
        "sheet 1994-2025 (compiler not stated)",
        "UN Digital Library, Security Council voting records, https://digitallibrary.un.org/ (copies: "
        "GitHub navyanawal0310/un-votes-intelligence-platform, data/raw/downloads/UN DATA.csv.zip, commit "
        "b1a33e9f; and oliverunv/Voting-Agent, data/sc_voting.xlsx, commit 50cbeca7); the collected file "
        "is unsc_votes_by_member.csv in the book's source collection.",
    ),
    RawFile(
        "nk_unsc_pages",
        "un_votes/unsc_dprk_resolutions_and_vetoes_from_pages.csv",
        "UN press releases, foreign ministries, news and reference pages (one quote per row, with its address)",
        "The pages listed in the file's source_url column; the collected file is "
        "unsc_dprk_resolutions_and_vetoes_from_pages.csv in the book's source collection.",
    ),
    RawFile(
        "nk_six_party",
        "un_votes/six_party_talks_facts_from_pages.csv",
        "Reference and news pages (one quote per row, with its address)",
        "The pages listed in the file's source_url column; the collected file is "
        "six_party_talks_facts_from_pages.csv in the book's source collection.",
    ),
    RawFile(
        "nk_trade_pages",
        "trade/page_figures_dprk_trade_2019_2024.csv",
        "News pages quoting KOTRA, China's customs, ITC and Russian officials (one quote per row, with its address)",
        "The pages listed in the file's source_url column; the collected file is "
        "page_figures_dprk_trade_2019_2024.csv in the book's source collection.",
    ),
)

UNDL = Source(
    title="Security Council voting records, adopted resolutions 1946-2021",
    publisher="United Nations, Dag Hammarskjöld Library (UN Digital Library), via a third-party scrape",
    path="https://digitallibrary.un.org/",
    bibkey="nk_undl_sc_votes",
    version="scrape of about January 2022 (UN DATA.csv), GitHub navyanawal0310/un-votes-intelligence-platform b1a33e9f",
)
SC_SHEET = Source(
    title="Security Council voting sheet, 1994-2025 (adopted resolutions and failed drafts)",
    publisher="Compiler not stated (GitHub repository oliverunv/Voting-Agent, data/sc_voting.xlsx)",
    path="https://github.com/oliverunv/Voting-Agent",
    bibkey="nk_sc_voting_sheet",
    version="commit 50cbeca7 (2025-07-03), data to 2025-06-04",
)
SC_PAGES = Source(
    title="Security Council decisions on North Korea as reported in UN press releases, ministries and news pages",
    publisher="Various (UN press, ROK and Japanese foreign ministries, news and reference pages)",
    path="see the page_urls column",
    bibkey="nk_unsc_pages",
    version="pages retrieved 2026",
)
DOTS = Source(
    title="Direction of Trade Statistics (DOTS): every reporter's trade with North Korea",
    publisher="International Monetary Fund",
    path="https://data.imf.org/",
    bibkey="imf_dots",
    version="release of about January 2022 (data to 2020), via SamLeBlanc/Direction-of-Trade-Map a769819d",
)
SIX_PARTY = Source(
    title="Six-Party Talks: facts stated in reference and news pages",
    publisher="Wikipedia, CFR World101, The Times of India, a Reuters-style factbox (bestgrowthstock.com)",
    path="see the source_url column",
    bibkey="nk_six_party_pages",
    version="pages retrieved 2026",
)
TRADE_PAGES = Source(
    title="North Korea's trade with China and Russia, 2019-2024, as reported in news pages",
    publisher="KOTRA, China's General Administration of Customs, ITC and Russian officials, as quoted by the press",
    path="see the source_url column",
    bibkey="nk_dprk_trade_pages",
    version="pages published 2020-2025",
)
PROJECT_PAGES = Source(
    title="The Trans-Korean Railway, the Rajin-Khasan link and the gas pipeline, in news and government pages",
    publisher="Various (the publisher of each page is given per row)",
    path="see the source_url column",
    bibkey="nk_project_pages",
    version="pages retrieved 2026",
)

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

RUSSIA_BASIS = ["UN voting record", "inferred from 'adopted unanimously'", "stated in a page"]
VOTE_WORDS = {"Y": "yes", "N": "no", "A": "abstain", "X": "non-voting"}

# What each kind of decision did, from the words of its title (first match wins), and what it added.
ACTIONS = [
    (r"restrictive measures", "sanctions imposed",
     "first Council sanctions on the DPRK (the title says 'restrictive measures'); which measures: missing"),
    (r"measures against", "sanctions strengthened",
     "further measures after the 2009 nuclear test, per the title; which measures: missing"),
    (r"strengthening sanctions", "sanctions strengthened",
     "sanctions strengthened, per the title; which measures: missing"),
    (r"Panel of Experts", "Panel of Experts renewed",
     "none stated: the title says only that the sanctions panel's mandate was extended"),
    (r"withdraw from the Treaty", "call to the DPRK, no sanctions stated",
     "none stated: the title concerns the DPRK's decision to leave the Non-Proliferation Treaty"),
    (r"ballistic missiles|missile launch", "condemnation, no sanctions stated",
     "none stated in the title (condemns missile launches)"),
]
ACTION_ENUM = sorted({a for _, a, _ in ACTIONS} | {"not stated (agenda item only)", "vetoed draft"})

# The vetoed drafts: what they would have done, as the press pages (file's vote_text) say.
VETOED = {
    "S/2022/431": "would have added sanctions (the press page says only that the US-tabled draft was vetoed); which: missing",
    "S/2024/255": "would have extended the 1718 Committee's Panel of Experts to 30 April 2025; no new sanctions",
}
# Page-file symbols of the vetoed drafts (the file names the 2024 draft only in words).
PAGE_DRAFTS = {"S/2022/431 (draft, not adopted)": "S/2022/431"}
PAGE_DRAFT_2024 = "S/2024/255"


def _action(title: str) -> tuple[str, str]:
    for pattern, action, added in ACTIONS:
        if re.search(pattern, title, re.I):
            return action, added
    raise ValueError(f"Security Council title with no rule in derive/north_korea.py: {title!r}")


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
    raise ValueError(f"page file: symbol with no rule in derive/north_korea.py: {symbol!r}")


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
        if adopted and first["title_or_agenda"].startswith("Non-proliferation"):
            action, added = "not stated (agenda item only)", "missing: the source gives only the agenda item"
        elif adopted:
            action, added = _action(first["title_or_agenda"])
        else:
            action, added = "vetoed draft", VETOED[symbol]
        vetoed_by = sorted(m for m, v in by_member.items() if v == "N") if not adopted else []
        rows.append({
            "date": date,
            "symbol": symbol,
            "resolution_number": int(first["res_number"]) if adopted else None,
            "outcome": "adopted" if adopted else "vetoed",
            "action": action,
            "sanctions_added": added,
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
    for col in ("resolution_number", "votes_nonvoting"):
        out[col] = out[col].astype("Int64")
    return out.sort_values(["date", "symbol"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ trade (mirror data)

DPRK = "Korea, Dem. People's Rep. of"
# North Korea's flows as its partners record them: a partner's imports from the DPRK are North Korea's
# exports (valued CIF by the partner), a partner's exports to it are North Korea's imports (FOB).
# Reporters of the past that double_ally.countries does not place: ISO 3166-3 codes where they exist,
# and "BLX" (no ISO code) for the Belgium-Luxembourg customs union the IMF reported until 1996.
FORMER_REPORTERS = {"Eastern Germany": "DDR", "Serbia and Montenegro": "SCG", "Belgium-Luxembourg": "BLX"}
MIRROR_FLOWS = {"Imports, CIF": ("exports", "CIF"), "Exports, FOB": ("imports", "FOB")}


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
PAGE_UNITS = [
    (r"^ten-thousand USD", 0.01, "US$ million"),
    (r"^hundred-million USD", 100.0, "US$ million"),
    (r"^billion USD", 1000.0, "US$ million"),
    (r"^million USD", 1.0, "US$ million"),
    (r"^percent share", 1.0, "percent"),
    (r"^rank", 1.0, "rank"),
    (r"^barrels", 1.0, "barrels"),
    (r"^tonnes", 1.0, "tonnes"),
]


def _page_unit(unit: str) -> tuple[float, str]:
    for pattern, factor, kind in PAGE_UNITS:
        if re.search(pattern, unit):
            return factor, kind
    raise ValueError(f"DPRK trade page figures: unit with no rule in derive/north_korea.py: {unit!r}")


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
    out = pd.DataFrame(rows)
    return out.sort_values(["year", "partner", "indicator", "source_url"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ Six-Party Talks

# Our paraphrase of each quoted fact (fact_type -> date it refers to, paraphrase). A new fact_type in
# the raw file stops the derivation until it has a paraphrase here.
SIX_PARTY_FACTS = {
    "participants": (None, "The six states were China, Japan, North Korea, South Korea, Russia and the United States."),
    "period": ("2003/2007", "The talks ran from 2003 to 2007 as a series of multilateral meetings with China as host in Beijing."),
    "exit": ("2009-04-14", "North Korea announced that it was leaving the talks."),
    "start": ("2003-08", "The first meeting took place in Beijing, with both Koreas, the United States, Japan and Russia, China hosting."),
    "framework deal": ("2005-09", "After four rounds the parties reached a framework agreement."),
    "round count": (None, "There were six rounds of negotiations over a little more than five years."),
    "round (2005)": ("2005-11-09", "A further session opened in Beijing (news report of 9 November 2005)."),
}


def six_party_talks() -> pd.DataFrame:
    """The Six-Party Talks facts of the page file, paraphrased, each with its page address."""
    raw = pd.read_csv(sources.require("nk_six_party"), dtype="string")
    unknown = set(raw["fact_type"]) - set(SIX_PARTY_FACTS)
    if unknown:
        raise ValueError(f"Six-Party Talks facts with no paraphrase in derive/north_korea.py: {sorted(unknown)}")
    out = pd.DataFrame({
        "fact_type": raw["fact_type"],
        "refers_to": raw["fact_type"].map(lambda f: SIX_PARTY_FACTS[f][0]),
        "fact": raw["fact_type"].map(lambda f: SIX_PARTY_FACTS[f][1]),
        "russia_named": raw["text_verbatim"].str.contains("Russia|RUS", regex=True),
        "source_url": raw["source_url"],
    })
    return out.sort_values(["fact_type"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ railway and pipeline (¶9)

PROJECT_TOPICS = {"gas_pipeline": "gas pipeline", "trans_korean_railway": "Trans-Korean Railway",
                  "rajin_khasan": "Rajin-Khasan rail link"}
STAGES = ["agreement or plan", "work or trial", "stalled", "suspended"]
# fact_id -> (date, precision, stage, what stalled it as the page says, our paraphrase). Dates are
# read from the file's date_or_period column (the event, or the publication where that is all it gives).
PROJECT_FACTS = {
    "W3-038": ("2008-09-29", "exact", "agreement or plan", None,
               "Lee Myung-bak and Dmitry Medvedev agree in a joint statement to study a gas pipeline to South Korea across North Korea."),
    "W3-039": ("2008-09-29", "exact", "agreement or plan", None,
               "Lee asks Medvedev to win Pyongyang over to the pipeline; Medvedev agrees to try."),
    "W3-040": ("2008-09-29", "exact", "agreement or plan", None,
               "Medvedev states interest in joint Trans-Korean and Trans-Siberian railway projects."),
    "W3-041": ("2008-09", "month", "agreement or plan", None,
               "A memorandum of understanding provides for Russian gas to reach South Korea by a pipeline through the North."),
    "W3-042": ("2011-08-24", "exact", "stalled", "no response from North Korea",
               "Talks on the pipeline deal are reported stuck because the North has not responded (publication date)."),
    "W3-043": ("2011-08-24", "exact", "agreement or plan", None,
               "After meeting Kim Jong-il, Medvedev announces a commission on gas transit to South Korea through the DPRK."),
    "W3-044": ("2011-08-24", "exact", "agreement or plan", None,
               "Kim Jong-il reportedly agrees to return to the Six-Party Talks as part of the pipeline understanding."),
    "W3-045": ("2011-09", "month", "agreement or plan", None,
               "Gazprom and Kogas sign a road map for pipeline gas to South Korea."),
    "W3-046": ("2012-06-20", "exact", "agreement or plan", None,
               "The shortest pipeline route is described, most of it across North Korea (publication date)."),
    "W3-047": ("2009-04-24", "exact", "agreement or plan", None,
               "Russia's foreign ministry lists gas supply and reconnecting the Trans-Korean Railway to the Trans-Siberian among promising projects."),
    "W3-048": ("2011-10-13", "exact", "work or trial", None,
               "A trial train runs on the Rajin-Khasan section (North Korean state news agency)."),
    "W3-049": ("2013-09-22", "exact", "work or trial", None,
               "A ceremony marks the end of work rebuilding the Rajin-Khasan line."),
    "W3-050": ("2001-08", "month", "agreement or plan", None,
               "Kim Jong-il and Vladimir Putin agree the Rajin-Khasan project as a step towards a Trans-Korean Railway."),
    "W3-051": ("2013-09-22", "exact", "work or trial", None,
               "Russia reopens the Rajin-Khasan rail link."),
    "W3-052": ("2013-11", "month", "agreement or plan", None,
               "Park Geun-hye and Putin agree that South Korean firms may join the Rajin-Khasan project."),
    "W3-053": ("2014-11-29", "exact", "work or trial", None,
               "First trial shipment: Siberian coal by the Rajin-Khasan line, then by ship to South Korea."),
    "W3-054": ("2014-11-29", "exact", "work or trial", None,
               "Seoul holds that the project falls outside its own sanctions on Pyongyang, being indirect investment."),
    "W3-055": ("2015-11-16", "exact", "work or trial", None,
               "After shipments in November 2014 and April 2015, a third and last trial shipment is due (publication date)."),
    "W3-056": ("2016-02-25", "exact", "work or trial", None,
               "Three trial coal shipments have been made through Rajin."),
    "W3-057": ("2016-02", "month", "suspended", "South Korea's own measures after the Kaesong shutdown",
               "Seoul is expected to suspend its part in the Rajin-Khasan project after closing the Kaesong complex (date as the provenance notes give it)."),
    "W3-058": ("2016-03-08", "exact", "suspended", "South Korea's unilateral sanctions",
               "Seoul's own sanctions bar ships that recently called in North Korea from its ports."),
    "W3-059": ("2016-03", "month", "suspended", "South Korea's unilateral sanctions",
               "Seoul says suspending the Rajin-Khasan project is part of its punitive measures after the January nuclear test and February launch."),
    "W3-060": ("2016-03", "month", "work or trial", None,
               "Three trial runs with Chinese-flagged ships took place in 2014-2015."),
    "W3-061": ("2016-03", "month", "suspended", None,
               "Russia calls Seoul's decision regrettable."),
    "W3-062": ("2016-03-09", "exact", "suspended", "South Korea's unilateral sanctions",
               "A newspaper judges that Seoul's maritime controls end the Rajin-Khasan project."),
}


def project_timeline() -> pd.DataFrame:
    """Dated facts on the railway and pipeline projects across North Korea, paraphrased, with their pages."""
    raw = pd.read_csv(sources.require("page_facts_wave3"), dtype="string")
    raw = raw[raw["topic"].isin(PROJECT_TOPICS)]
    unknown = set(raw["fact_id"]) - set(PROJECT_FACTS)
    if unknown:
        raise ValueError(f"project facts with no paraphrase in derive/north_korea.py: {sorted(unknown)}")
    rows = []
    for rec in raw.itertuples(index=False):
        date, precision, stage, blocker, text = PROJECT_FACTS[rec.fact_id]
        rows.append({
            "date": date, "date_precision": precision, "year": int(date[:4]),
            "project": PROJECT_TOPICS[rec.topic], "stage": stage, "blocked_by": blocker, "event": text,
            "source_publisher": rec.source_publisher, "source_url": rec.source_url, "source_fact_id": rec.fact_id,
        })
    return pd.DataFrame(rows).sort_values(["date", "source_fact_id"]).reset_index(drop=True)


# ------------------------------------------------------------------------------ tables

YEAR = Field("year", "integer", "Calendar year", constraints={"minimum": 1960, "maximum": 2020})
DATE = Field("date", "string", "Date as precise as the source allows: YYYY, YYYY-MM or YYYY-MM-DD",
             constraints={"pattern": r"(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"})
URL = Field("source_url", "string", "Address of the page", constraints={"pattern": "https?://.+"})
VOTE_ENUM = ["yes", "no", "abstain", "non-voting", "not recorded"]


def _count(name: str, what: str, required: bool = True) -> Field:
    constraints = {"minimum": 0, "maximum": 15}
    if not required:
        constraints["required"] = False
    return Field(name, "integer", what, unit="members", constraints=constraints)


TABLES = [
    Table(
        name="unsc_dprk_record",
        title="Security Council decisions on North Korea, 1993-2025, with the vote and Russia's position",
        description=(
            "One row per Security Council decision on North Korea from resolution 825 (1993): every "
            "adopted resolution and the two vetoed drafts (May 2022, March 2024). Selection rule: a UN "
            "Digital Library title naming the DPRK or the Panel of Experts set up by resolution 1874, or "
            "(from 2022) the agenda item 'Non-proliferation/Democratic People's Republic of Korea'. Vote "
            "totals and each member's vote come from the voting record; what the pages say about Russia's "
            "vote is kept beside it, with its basis, as a cross-check."
        ),
        fields=(
            Field("date", "string", "Date of the vote", constraints={"pattern": r"\d{4}-\d{2}-\d{2}"}),
            Field("symbol", "string", "Resolution symbol S/RES/n(yyyy), or the draft symbol for a vetoed draft",
                  constraints={"unique": True}),
            Field("resolution_number", "integer", "Resolution number (empty for a vetoed draft)",
                  constraints={"required": False, "minimum": 1}),
            Field("outcome", "string", "Whether the text was adopted or vetoed", constraints={"enum": ["adopted", "vetoed"]}),
            Field("action", "string", "What the decision did, from the words of its title (rule in derive/north_korea.py)",
                  constraints={"enum": ACTION_ENUM}),
            Field("sanctions_added", "string", "Sanctions the decision added, as far as the sources say; 'missing' where they do not"),
            _count("votes_yes", "Members voting in favour"),
            _count("votes_no", "Members voting against"),
            _count("votes_abstain", "Members abstaining"),
            _count("votes_nonvoting", "Members not voting (the voting sheet used from 2022 has no such category)", required=False),
            Field("russia_vote", "string", "Russia's vote", constraints={"enum": VOTE_ENUM}),
            Field("russia_vote_basis", "string", "Where Russia's vote comes from", constraints={"enum": RUSSIA_BASIS}),
            Field("china_vote", "string", "China's vote", constraints={"enum": VOTE_ENUM}),
            Field("usa_vote", "string", "The United States' vote", constraints={"enum": VOTE_ENUM}),
            Field("vetoed_by", "string", "Permanent members whose negative vote defeated the draft (ISO3)",
                  constraints={"required": False}),
            Field("vote_source", "string", "Which record the votes come from",
                  constraints={"enum": ["UN Digital Library record (scrape)", "Security Council voting sheet (compiler not stated)"]}),
            Field("title_or_agenda", "string", "UN Digital Library title (cut off with [...] as in the source) or agenda item"),
            Field("page_russia_vote", "string", "Russia's vote as the collected pages give it, if any page covers the decision",
                  constraints={"required": False}),
            Field("page_basis", "string", "How the pages establish Russia's vote ('implied by unanimously', explicit ...)",
                  constraints={"required": False}),
            Field("page_urls", "string", "Addresses of those pages, space-separated", constraints={"required": False}),
        ),
        primary_key=("symbol",),
        sources=(UNDL, SC_SHEET, SC_PAGES),
        derive=unsc_record,
        figure_type="mixed: UN voting records and reported in press",
        caveats=(
            "The UN Digital Library rows are a third-party scrape; the 2022-2025 rows come from a voting "
            "sheet whose compiler is not stated (its 1995 rows are unreliable; none is used here).",
            "What each sanctions resolution added is not in the sources: only the title's words are used.",
            "The titles of 2022-2023 resolutions are not in the sources (agenda item only).",
        ),
    ),
    Table(
        name="dprk_trade_partners",
        title="North Korea's trade by partner, from the partners' own records (mirror data), 1960-2020",
        description=(
            "North Korea reports no trade statistics; these are its partners' records from IMF DOTS. "
            "A partner's imports from North Korea are North Korea's exports (valued CIF), its exports to "
            "North Korea are North Korea's imports (FOB). One row per year, partner and flow; partner WLD "
            "is the IMF's World row. The Soviet Union has no workbook in the source, so totals before "
            "1992 leave out North Korea's main partner of that time."
        ),
        fields=(
            YEAR,
            Field("partner", "string", "Partner whose customs recorded the flow (ISO 3166 alpha-3; BLX for Belgium-Luxembourg), or WLD for the IMF World row"),
            Field("partner_name", "string", "Partner as the IMF names it"),
            Field("flow", "string", "North Korea's exports (partner's imports) or imports (partner's exports)",
                  constraints={"enum": ["exports", "imports"]}),
            Field("valuation", "string", "CIF for North Korea's exports (the partner's import record), FOB for its imports",
                  constraints={"enum": ["CIF", "FOB"]}),
            Field("value_usd_m", "number", "Trade value in current US dollars", unit="US$ million", constraints={"minimum": 0}),
            Field("imf_estimate", "boolean", "True where the IMF marks the partner's value as its own estimate"),
        ),
        primary_key=("year", "partner", "flow"),
        sources=(DOTS,),
        derive=trade_partners,
        figure_type="official statistics (partner records)",
        caveats=(
            "Mirror figures: what North Korea's partners record, not North Korea's own statistics.",
            "No USSR workbook: before 1992 the World row omits Soviet trade with North Korea.",
            "South Korea's trade with the North is inter-Korean trade and appears in DOTS only in a few 1990s years.",
        ),
    ),
    Table(
        name="dprk_own_reporting",
        title="North Korea's own DOTS workbook: how many values are IMF estimates",
        description=(
            "For each year, the number of partner values in the IMF's workbook for North Korea as reporter, "
            "and how many of them the IMF marks as its own estimates (suffix 'e'). Aggregate partner rows "
            "(World, regions) are left out."
        ),
        fields=(
            YEAR,
            Field("n_values", "integer", "Partner values in North Korea's workbook", constraints={"minimum": 0}),
            Field("n_imf_estimates", "integer", "Of which marked as IMF estimates", constraints={"minimum": 0}),
        ),
        primary_key=("year",),
        sources=(DOTS,),
        derive=own_reporting,
    ),
    Table(
        name="dprk_trade_page_figures",
        title="North Korea's trade with China, Russia and the world, 2019-2024, as quoted in pages",
        description=(
            "Every figure of the collected page text on North Korea's trade after 2018: KOTRA's annual "
            "estimates, China's customs figures, Russian and ITC figures. Money values are converted to "
            "US$ million; shares, ranks, barrels and tonnes keep their unit. One row per page figure."
        ),
        fields=(
            Field("period", "string", "Year or part-year, as the page gives it"),
            Field("year", "integer", "Calendar year of the period", constraints={"minimum": 2019, "maximum": 2024}),
            Field("partner", "string", "North Korea's partner in the figure", constraints={"enum": ["CHN", "RUS", "WLD"]}),
            Field("indicator", "string", "What the figure measures"),
            Field("value", "number", "The figure, in the unit column", unit="given in the unit column"),
            Field("unit", "string", "US$ million for money values, else as the page gives it",
                  constraints={"enum": ["US$ million", "percent", "rank", "barrels", "tonnes"]}),
            Field("approximate", "boolean", "True where the page says 'nearly' or 'roughly'"),
            Field("publisher", "string", "The statistical publisher the page cites"),
            URL,
        ),
        primary_key=("period", "partner", "indicator", "source_url"),
        sources=(TRADE_PAGES,),
        derive=trade_page_figures,
        figure_type="reported in press",
        caveats=(
            "KOTRA and China's customs differ (2021: 681.66 against 318 US$ million for DPRK-China trade).",
            "KOTRA's 2022 totals leave Russia out, for want of Russian statistics.",
            "KOTRA's 2023 DPRK-China figure is 2,720 US$ million as the page writes it; the raw file's value column says 272 (hundred million) by mistake.",
        ),
    ),
    Table(
        name="six_party_talks",
        title="The Six-Party Talks on North Korea's nuclear programme, as the pages describe them",
        description=(
            "The facts the collected pages state about the Six-Party Talks (2003-2009), paraphrased, each "
            "with its page. No source gives a table of the rounds and their dates."
        ),
        fields=(
            Field("fact_type", "string", "What the fact is about", constraints={"unique": True}),
            Field("refers_to", "string", "Date or span the fact refers to, where the page gives one",
                  constraints={"required": False}),
            Field("fact", "string", "The fact, in our words"),
            Field("russia_named", "boolean", "True where the page's sentence names Russia"),
            URL,
        ),
        primary_key=("fact_type",),
        sources=(SIX_PARTY,),
        derive=six_party_talks,
        figure_type="reported in press",
    ),
    Table(
        name="dprk_projects_timeline",
        title="The railway and gas pipeline across North Korea: dated facts, 2001-2016",
        description=(
            "Dated facts on the Trans-Korean Railway, the Rajin-Khasan rail link and the Russia-Korea gas "
            "pipeline through North Korea, each paraphrased with its page: agreements, work and trials, "
            "stalls and suspensions, and what the page says stopped the project."
        ),
        fields=(
            DATE,
            Field("date_precision", "string", "How precise the date is", constraints={"enum": ["exact", "month"]}),
            Field("year", "integer", "Year of the date", constraints={"minimum": 2000, "maximum": 2020}),
            Field("project", "string", "Which project", constraints={"enum": list(PROJECT_TOPICS.values())}),
            Field("stage", "string", "What the fact records", constraints={"enum": STAGES}),
            Field("blocked_by", "string", "What the page says stalled or stopped the project", constraints={"required": False}),
            Field("event", "string", "What happened, in our words"),
            Field("source_publisher", "string", "Publisher of the page (mirrors and re-publishers say so)"),
            URL,
            Field("source_fact_id", "string", "Row of the collected page facts (W3-nnn)", constraints={"unique": True}),
        ),
        primary_key=("source_fact_id",),
        sources=(PROJECT_PAGES,),
        derive=project_timeline,
        figure_type="reported in press",
        caveats=(
            "Where a page gives only its publication date, the date is that of publication (the event text says so).",
            "W3-057 sits on a page whose address says 2023/03 but whose text is from February 2016.",
        ),
    ),
]
