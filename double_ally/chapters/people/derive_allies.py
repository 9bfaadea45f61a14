"""People table of U.S. allies with dates: NATO accessions, major non-NATO ally designations and
removals, Rio Treaty parties, the Pacific treaties and ANZUS (see ``derive``)."""

from __future__ import annotations

import pandas as pd

from double_ally.core import sources
from double_ally.core.countries import to_iso3
from double_ally.core.pages import replace_weak
from double_ally.chapters.people.inputs import FACTS

# The Pacific treaties and ANZUS, with the page that lists each (facts.yaml): the only ties not in a
# dated source file. NATO, the major non-NATO allies and the Rio Treaty come from the wave 4 files.
PACIFIC_PAGES = FACTS["allies"]["pages"]
PACIFIC: dict[str, dict] = FACTS["allies"]["pacific"]
MNNA_STARTS = {"designated", "treated_as_mnna_by_statute"}   # events that make a country an MNNA
MNNA_ENDS = {"terminated"}                                   # events that end it
MNNA_IGNORED = {"intent_announced", "announced"}             # no memorandum yet: not a designation
DATE_FORMS = {"year": 4, "month": 7, "day": 10}              # length of an ISO date at each precision


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

