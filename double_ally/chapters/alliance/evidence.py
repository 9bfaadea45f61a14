"""The quantities the chapter's rules compare, each with the options its robustness check varies.

Every vote comparison is an ``uncertainty.Interval`` on the unga_roll_calls table (2010-2019, years weighted
equally unless ``pooled``); the rules decide each one with ``uncertainty.outcome``, the same helper that decides
troops and trade (which carry no sampling uncertainty).
"""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.alliance import uncertainty as u

ALLIES = ("JPN", "GBR", "FRA", "DEU")     # the comparison U.S. allies (NATO members and Japan)
BEFORE_THAAD_FROM = 2014                  # the votes before the decision counted from 2014 ...
AFTER_THAAD_UNTIL = 2019                  # ... and those after it up to the end of the roll-call data
TRADE_BASE = (2013, 2015)                 # trade before the THAAD decision: mean of the three full years before it
TRADE_AFTER = (2017, 2018)                # each of these years must exceed the base


def roll_calls(t, *, votes: str = "all", middle_east: bool = True, decade: tuple[int, int] | None = None
               ) -> pd.DataFrame:
    """Roll calls of 2010-2019: ``votes`` 'all' or 'important' (the years that carry the flag); ``middle_east``
    False leaves out the Middle East votes; ``decade`` (first, last) keeps only the roll calls of those years."""
    calls = t["unga_roll_calls"]
    if decade is not None:
        calls = calls[calls["year"].between(*decade)]
        if calls.empty:
            raise ValueError(f"decade: no roll call in {decade[0]}-{decade[1]}")
    if votes == "important":
        calls = calls[calls["important"].astype(bool)]
    elif votes != "all":
        raise ValueError(f"votes: 'all' or 'important', not {votes!r}")
    if not middle_east:
        calls = calls[~calls["middle_east"].astype(bool)]
    return calls


def span(calls: pd.DataFrame) -> str:
    """The years the roll calls cover, as 'first-last'."""
    return f"{int(calls['year'].min())}-{int(calls['year'].max())}"


def washington_gap(t, *, votes: str = "important", middle_east: bool = True, measure: str = "agreement",
                   pooled: bool = False, decade: tuple[int, int] | None = None) -> u.Interval:
    """Seoul's agreement with Washington minus its agreement with Moscow."""
    return u.gap(roll_calls(t, votes=votes, middle_east=middle_east, decade=decade), ("KOR", "USA"),
                 ("KOR", "RUS"), measure=measure, pooled=pooled)


def level(t, pair: tuple[str, str], *, votes: str = "important", measure: str = "agreement",
          decade: tuple[int, int] | None = None) -> float:
    """The agreement of ``pair`` (country, partner) on the roll calls, years weighted equally: the level whose
    differences ``washington_gap`` and ``benchmark`` bound."""
    calls = roll_calls(t, votes=votes, decade=decade)
    years = sorted(calls["year"].unique())
    terms = [(y, *pair, 1 / len(years)) for y in years]
    return u.bootstrap(calls, calls["year"], terms, measure=measure, draws=1).estimate


def benchmark(t, allies=ALLIES, *, middle_east: bool = True, measure: str = "agreement",
              pooled: bool = False, decade: tuple[int, int] | None = None) -> dict[str, u.Interval]:
    """For each ally, Seoul's agreement with Moscow minus the ally's (all roll calls): above 0, Seoul is closer."""
    calls = roll_calls(t, middle_east=middle_east, decade=decade)
    return {ally: u.gap(calls, ("KOR", "RUS"), (ally, "RUS"), measure=measure, pooled=pooled) for ally in allies}


def decision_date(facts: pd.DataFrame) -> str:
    """The THAAD decision, as dated in the page facts: the first day-exact date of a THAAD fact (Moscow's
    foreign ministry answering the announced decision; the agreement itself is dated to the month only)."""
    dates = facts.loc[facts["topic"] == "thaad", "date"]
    return str(dates[dates.str.len() == 10].min())


def thaad_sides(calls: pd.DataFrame, decision: str, split: str = "decision") -> pd.Series:
    """'before' / 'after' per roll call. ``split`` 'decision': before = from 2014 to the day before ``decision``,
    after = from ``decision`` to 2019; 'calendar': 2014-2016 against 2017-2019 (the decision year counted before)."""
    if split == "decision":
        after = calls["date"] >= decision
    elif split == "calendar":
        after = calls["year"] > int(decision[:4])
    else:
        raise ValueError(f"split: 'decision' or 'calendar', not {split!r}")
    inside = calls["year"].between(BEFORE_THAAD_FROM, AFTER_THAAD_UNTIL)
    return pd.Series(pd.NA, index=calls.index, dtype="object").mask(inside & ~after, "before").mask(
        inside & after, "after")


def thaad_did(t, allies=ALLIES, *, split: str = "decision", middle_east: bool = True, measure: str = "agreement",
              pooled: bool = False) -> u.Interval:
    """The change in Seoul's agreement with Moscow across the THAAD decision, less the allies' mean change."""
    calls = roll_calls(t, middle_east=middle_east)
    sides = thaad_sides(calls, decision_date(t["alliance_page_facts"]), split)
    return u.did(calls, sides, "KOR", list(allies), "RUS", measure=measure, pooled=pooled)


def korea_trade(t) -> pd.Series:
    """South Korea's trade with Russia per year in its own records (US$ million)."""
    trade = t["trade_kor_rus_bilateral"]
    return trade[trade["reporter"] == "KOR"].groupby("year")["value_usd_m"].sum()


def trade_change(t, base: tuple[int, int] = TRADE_BASE) -> tuple[float, float]:
    """(the lower of the TRADE_AFTER years minus the base, the base): the base is the mean over ``base`` years."""
    kor = korea_trade(t)
    level = float(kor.loc[base[0]:base[1]].mean())
    return float(min(kor[y] for y in TRADE_AFTER)) - level, level


ALLY_NAMES = {"JPN": "Japan", "GBR": "the UK", "FRA": "France", "DEU": "Germany"}


def interval_table(t, *, decade: tuple[int, int] | None = None, votes: str = "important",
                   measure: str = "agreement") -> pd.DataFrame:
    """The chapter's vote comparisons with their 95 % intervals: which test, what is compared, the roll calls
    and resolutions resampled, the estimate, the interval and the outcome (under the options of the rules)."""
    opts = dict(decade=decade, measure=measure)
    rows = [("¶1 (a), ¶3", f"Washington minus Moscow, {votes} votes "
             f"{span(roll_calls(t, votes=votes, decade=decade))}", washington_gap(t, votes=votes, **opts))]
    rows += [("¶1 (b)", f"Seoul minus {ALLY_NAMES[a]}, agreement with Moscow, all roll calls "
              f"{span(roll_calls(t, decade=decade))}", g) for a, g in benchmark(t, **opts).items()]
    rows.append(("¶16 (d)", "Seoul's change in agreement with Moscow across the THAAD decision, minus the "
                 "allies' mean change", thaad_did(t, measure=measure)))
    return pd.DataFrame([{"test": test, "comparison": what, "roll calls": g.n_calls, "resolutions": g.n_clusters,
                          "estimate": round(g.estimate, 3), "95 % low": round(g.low, 3),
                          "95 % high": round(g.high, 3), "outcome": g.outcome()} for test, what, g in rows])
