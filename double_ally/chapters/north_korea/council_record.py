"""The Security Council record on North Korea (the table ``unsc_dprk_record``, derived through
``derive.unsc_record``): which decisions are on North Korea, what each did, how each member voted, and
what the pages say of Russia's vote. What each kind of decision did is data, in ``facts.yaml``; where
the record grows a decision with no rule there, derivation stops with an error."""

from __future__ import annotations

import re

import pandas as pd

from double_ally.chapters.north_korea.facts import FACTS
from double_ally.core import sources

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
    raise ValueError(f"page file: symbol with no rule in chapters/north_korea/council_record.py: {symbol!r}")


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
