"""Who was a U.S. ally on a date, and what entry rules those allies set for Russians: pure functions
on the tables ``us_allies_by_date`` and ``visa_free_russia`` (testable on hand-made tables)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from double_ally.chapters.people.words import country_names, long_date
from double_ally.core.memo import same_frames

ALLY_CLASSES = ("treaty ally", "major non-NATO ally")  # the narrow reading of "U.S. ally"
ALL_ALLY_CLASSES = ("treaty ally", "major non-NATO ally", "treaty ally (Rio Treaty only)")
NOT_ALLY = "not a U.S. ally"
TREATIES = ("NATO", "bilateral treaty", "Manila Pact", "ANZUS")  # ties that make a treaty ally
TIE_ORDER = (*TREATIES, "major non-NATO ally", "Rio Treaty")     # order of the ties in ``basis``


def _first_day(bound) -> str | None:
    """A date as precise as its source gives it (YYYY, YYYY-MM or YYYY-MM-DD) -> its first day; empty -> None."""
    if bound is None or pd.isna(bound) or bound == "":
        return None
    return bound + {4: "-01-01", 7: "-01", 10: ""}[len(bound)]


def _in_force(allies: pd.DataFrame, date: str, include_disputed: bool) -> pd.DataFrame:
    start = allies["from_date"].map(_first_day)
    end = allies["to_date"].map(_first_day)
    live = (start.isna() | (start <= date)) & (end.isna() | (date < end))
    if not include_disputed:
        live &= allies["status"] == "in force"
    return allies[live]


def allies_on(date: str, allies: pd.DataFrame, include_disputed: bool = False) -> pd.DataFrame:
    """The U.S. allies on ``date`` (YYYY-MM-DD), from a table shaped like ``us_allies_by_date``.

    One row per country, indexed by country: ``ally_class``, ``basis`` (every tie in force) and
    ``source_url`` (of the tie that decides the class). A tie counts from its from_date (included) to
    its to_date (excluded); a date given only to the year or month counts from the first day of that
    year or month; an empty from_date means before any date the book uses, an empty to_date that the
    tie had not ended. A treaty (NATO, the Pacific treaties, ANZUS) makes a treaty ally; otherwise a
    major non-NATO ally designation; otherwise the Rio Treaty alone. Disputed ties do not count
    unless ``include_disputed``.
    """
    live = _in_force(allies, date, include_disputed)
    live = live.assign(order=live["alliance"].map(TIE_ORDER.index)).sort_values(["country", "order"], kind="stable")
    first = live.drop_duplicates("country").set_index("country")
    cls = first["alliance"].map(lambda a: "treaty ally" if a in TREATIES else
                                "major non-NATO ally" if a == "major non-NATO ally" else "treaty ally (Rio Treaty only)")
    out = pd.DataFrame({"ally_class": cls, "basis": live.groupby("country")["alliance"].agg("; ".join),
                        "source_url": first["source_url"]}, columns=["ally_class", "basis", "source_url"])
    out.index = out.index.astype(object)
    return out.astype(object).rename_axis("country").sort_index()


def imprecise_on(date: str, allies: pd.DataFrame) -> list[str]:
    """Countries whose status on ``date`` rests on a tie dated only to the year or month that contains
    ``date`` (so ``allies_on`` had to assume the first day of that year or month)."""
    found = set()
    for column in ("from_date", "to_date"):
        bound = allies[column].fillna("")
        short = bound.str.len().isin([4, 7])
        hit = short & (bound == bound.str.len().map(lambda n: date[:n]))
        found |= set(allies.loc[hit, "country"])
    return sorted(found)


def tie_changes(allies: pd.DataFrame, first_year: int, last: str) -> pd.DataFrame:
    """Ties in force that began or ended from the start of ``first_year`` to the date ``last``: country,
    alliance, change ("began" or "ended") and date as the source gives it, in date order."""
    rows = []
    for column, change in (("from_date", "began"), ("to_date", "ended")):
        d = allies[allies[column].notna() & (allies[column] != "") & (allies["status"] == "in force")]
        d = d[(d[column] >= str(first_year)) & (d[column] <= last)]
        rows += [{"country": r.country, "alliance": r.alliance, "change": change, "date": getattr(r, column)}
                 for r in d.itertuples(index=False)]
    out = pd.DataFrame(rows, columns=["country", "alliance", "change", "date"])
    return out.sort_values(["date", "country"]).reset_index(drop=True)


def with_allies(visa: pd.DataFrame, allies: pd.DataFrame) -> pd.DataFrame:
    """The Passport Index rows with each destination's ally class, basis and source on the snapshot's date."""
    parts = []
    for date, snap in visa.groupby("snapshot_date"):
        on = allies_on(date, allies).rename(columns={"basis": "ally_basis", "source_url": "ally_source_url"})
        parts.append(snap.join(on, on="destination"))
    out = pd.concat(parts).loc[visa.index]
    out["ally_class"] = out["ally_class"].fillna(NOT_ALLY)
    out[["ally_basis", "ally_source_url"]] = out[["ally_basis", "ally_source_url"]].fillna("")
    return out


def allies_by_year(years: Iterable[int], allies: pd.DataFrame, classes=ALLY_CLASSES,
                   exclude: str = "KOR") -> dict[int, set[str]]:
    """For each year, the allies (in the given classes) on 1 January of that year, without ``exclude``.
    The same question on the same table is answered once (``core.memo.same_frames``); each caller gets
    its own copy of the answer."""
    found = _allies_by_year(tuple(int(y) for y in years), allies, tuple(classes), exclude)
    return {year: set(names) for year, names in found.items()}


@same_frames()
def _allies_by_year(years: tuple[int, ...], allies: pd.DataFrame, classes: tuple[str, ...],
                    exclude: str) -> dict[int, frozenset[str]]:
    out = {}
    for year in years:
        on = allies_on(f"{year}-01-01", allies)
        out[year] = frozenset(on.index[on["ally_class"].isin(classes)]) - {exclude}
    return out


def allies_visa_free(visa: pd.DataFrame, classes=ALLY_CLASSES, exclude: str = "KOR") -> pd.DataFrame:
    """Allies (in the given classes) that admit Russian passport holders visa-free, per snapshot year.

    ``visa``: Passport Index rows with their ally class (``with_allies``)."""
    d = visa[visa["ally_class"].isin(classes) & visa["visa_free"].astype(bool) & (visa["destination"] != exclude)]
    return d[["snapshot_year", "destination", "ally_class", "ally_basis", "entry"]].sort_values(
        ["snapshot_year", "ally_class", "destination"]).reset_index(drop=True)


def visa_free_counts(visa: pd.DataFrame) -> pd.DataFrame:
    """Per snapshot year and ally class: destinations, how many visa-free, how many under a covid ban."""
    d = visa.assign(visa_free=visa["visa_free"].astype(bool), covid=visa["entry"] == "covid ban")
    out = d.groupby(["snapshot_year", "ally_class"]).agg(
        destinations=("destination", "size"), visa_free=("visa_free", "sum"), covid_ban=("covid", "sum"))
    return out.reset_index()


def kept_through(visa: pd.DataFrame, waivers: pd.DataFrame, before: str, year: int, allied_then: set[str],
                 classes=ALLY_CLASSES, exclude: str = "KOR") -> list[str]:
    """Countries that were allies on ``before`` (``allied_then``), had a waiver with Russia in force
    before that date (page facts), and were allies admitting Russians visa-free in ``year``.

    ``waivers``: rows with country and date (YYYY-MM-DD) of entry into force; ``visa``: Passport Index
    rows with their ally class (``with_allies``).
    """
    early = set(waivers.loc[waivers["date"] < before, "country"]) - {exclude}
    snap = visa[(visa["snapshot_year"] == year) & visa["ally_class"].isin(classes)]
    free = set(snap.loc[snap["visa_free"].astype(bool), "destination"])
    return sorted(early & free & allied_then)


def _when(date: str) -> str:
    return f"{'on' if len(date) == 10 else 'in'} {long_date(date)}"


def status_notes(allies: pd.DataFrame, visa: pd.DataFrame, used: pd.DataFrame, waiver_year: int) -> dict[str, str]:
    """Words for the prose on reading ally status by date, by glue name: the ties that begin or end
    between 2019 and the last snapshot used (``ppl_tie_changes``); the countries whose status on a
    snapshot's date rests on a year or month alone (``ppl_rough``), those of them visa-free then
    (``ppl_rough_free``) and those on the two dates the verdict reads (``ppl_rough_verdict``); and
    Venezuela's Rio Treaty tie and entry rule in 2019 (``ppl_ven_*``).

    ``allies``: table us_allies_by_date; ``visa``: visa_free_russia; ``used``: the snapshots used, one
    per year (index snapshot_year, column snapshot_date); ``waiver_year``: the year of South Korea's waiver.
    """
    changes = tie_changes(allies, 2019, used["snapshot_date"].max())
    notes = {"ppl_tie_changes": "; ".join(
        f"{country_names([r.country])} {'joined NATO' if r.alliance == 'NATO' else 'became a major non-NATO ally'}"
        f" {_when(r.date)}" if r.change == "began" else
        f"{country_names([r.country])}'s designation as a major non-NATO ally ended {_when(r.date)}"
        for r in changes.itertuples())}
    imprecise = {year: imprecise_on(date, allies) for year, date in used["snapshot_date"].items()}
    rough = [(year, c) for year, codes in imprecise.items() for c in codes]
    notes["ppl_rough"] = country_names({c for _, c in rough})
    notes["ppl_rough_free"] = country_names([
        c for year, c in rough
        if bool(visa.loc[(visa["snapshot_year"] == year) & (visa["destination"] == c), "visa_free"].iloc[0])])
    on_verdict_dates = set(imprecise_on(f"{waiver_year}-01-01", allies)) | set(imprecise[2019])
    notes["ppl_rough_verdict"] = country_names(on_verdict_dates) if on_verdict_dates else "no country"
    ven = allies[allies["country"] == "VEN"].iloc[0]
    notes.update(ppl_ven_alliance=ven["alliance"], ppl_ven_status=ven["status"], ppl_ven_note=ven["note"],
                 ppl_ven_entry_2019=visa.loc[(visa["snapshot_year"] == 2019) & (visa["destination"] == "VEN"),
                                             "entry"].iloc[0])
    return notes
