"""The agreement index for UN General Assembly roll calls, and helpers of the alliance chapter.

Votes are coded ``"yes"``, ``"abstain"``, ``"no"``; anything else (``None``, NaN, ``"absent"``) means
the country did not vote on that roll call (absent, not yet a member, or not recorded).

**The index** (Lijphart's index of agreement): for two countries, over the roll calls on which *both*
cast a vote (yes, no or abstain),

    agreement = (identical votes + 0.5 x votes where exactly one of the two abstained) / roll calls

so a yes against a no counts 0, an abstention against a yes or a no counts one half, and two equal
votes (two abstentions included) count 1. Equivalently, with yes = +1, abstain = 0, no = -1, each roll
call scores ``1 - |a - b| / 2`` and the index is the mean score.

* Abstentions count as *half* agreement because an abstention in the General Assembly is a deliberate,
  recorded position between support and opposition; dropping them would discard the most common way a
  government signals distance without opposing.
* Absences are *left out* (the roll call does not count for that pair): a missing vote is not a position.
  It may mean a delegation was not in the hall, a state had not yet joined, or lost its vote for arrears,
  and the Voeten data used here do not record absences at all.

Two other measures are computed alongside, for comparison: the share of identical votes (abstention
against a yes scores 0) and the U.S. State Department's "voting coincidence", which keeps only roll
calls on which both voted yes or no.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

SCORE = {"yes": 1.0, "abstain": 0.0, "no": -1.0}


def _scores(votes) -> pd.Series:
    return pd.Series(votes, dtype="object").map(SCORE)


def agreement(a, b) -> dict:
    """Agreement of two aligned vote sequences (same roll calls, same order).

    Returns ``n`` (roll calls where both voted), ``agreement`` (Lijphart index), ``identical`` (share of
    identical votes), ``n_yes_no`` (roll calls where both voted yes or no) and ``coincidence`` (share of
    those with the same vote). Measures over zero roll calls are ``None``.
    """
    x, y = _scores(list(a)), _scores(list(b))
    if len(x) != len(y):
        raise ValueError("the two vote sequences must cover the same roll calls")
    both = x.notna() & y.notna()
    x, y = x[both], y[both]
    n = int(both.sum())
    decisive = (x != 0) & (y != 0)
    n_yes_no = int(decisive.sum())
    return {
        "n": n,
        "agreement": float((1 - (x - y).abs() / 2).mean()) if n else None,
        "identical": float((x == y).mean()) if n else None,
        "n_yes_no": n_yes_no,
        "coincidence": float((x[decisive] == y[decisive]).mean()) if n_yes_no else None,
    }


def agreement_table(votes: pd.DataFrame, pairs: list[tuple[str, str]], by: str = "year") -> pd.DataFrame:
    """Agreement of each (country, partner) pair per group.

    ``votes``: one row per roll call, a ``by`` column and one column of votes per country.
    Returns one row per group and pair: ``by``, country, partner and the measures of ``agreement``.
    Groups where the pair never both voted are left out.
    """
    rows = []
    for key, group in votes.groupby(by, sort=True):
        for country, partner in pairs:
            result = agreement(group[country], group[partner])
            if result["n"]:
                rows.append({by: key, "country": country, "partner": partner, **result})
    return pd.DataFrame(rows, columns=[by, "country", "partner", "n", "agreement", "identical", "n_yes_no",
                                       "coincidence"])


def period_mean(table: pd.DataFrame, first: int, last: int, value: str = "agreement") -> pd.Series:
    """Mean of ``value`` per (country, partner, variant) over the years ``first``-``last``, each year weighted
    equally (a year with few roll calls counts as much as a year with many)."""
    sel = table[table["year"].between(first, last)]
    return sel.groupby(["country", "partner", "variant"])[value].mean()


def years_with(table: pd.DataFrame, variant: str, first: int, last: int) -> tuple[int, int]:
    """First and last year within ``first``-``last`` that have rows of ``variant`` in the unga_agreement
    table: the period a mean of that variant really covers (the 'important' flag stops before 2019)."""
    years = table.loc[(table["variant"] == variant) & table["year"].between(first, last), "year"]
    if years.empty:
        raise ValueError(f"no {variant!r} rows in {first}-{last}")
    return int(years.min()), int(years.max())


def source_changes(table: pd.DataFrame, variant: str = "all") -> pd.DataFrame:
    """Where the source of ``variant`` in the unga_agreement table changes: one row (year, source) for the
    first year of each source after the first, in year order."""
    by_year = table[table["variant"] == variant].groupby("year")["source"].agg(lambda s: "; ".join(sorted(set(s))))
    by_year = by_year.sort_index()
    changed = by_year != by_year.shift()
    changed.iloc[:1] = False
    return by_year[changed].rename_axis("year").reset_index()


SEOUL_NAMES = "South Korea|Republic of Korea"


def names_seoul(text: pd.Series) -> pd.Series:
    """Whether each text (a row's summary) names South Korea."""
    return text.str.contains(SEOUL_NAMES, regex=True)


def russian_measures_before(measures: pd.DataFrame, date: str) -> pd.DataFrame:
    """Rows of ``measures`` (the sanctions_measures table) taken by Moscow before ``date`` that name South
    Korea; the first 'unfriendly' list (May 2021) did not name it."""
    moscow = measures[(measures["actor"] == "Moscow") & (measures["date"] < date)]
    return moscow[names_seoul(moscow["summary"])]


# ------------------------------------------------------------------------------------ Georgia

GEORGIA_AFTER_WAR = "2008-09"  # the war was fought in August 2008; votes dated from September on came after it


@dataclass(frozen=True, eq=False)
class GeorgiaFinding:
    """The General Assembly votes on people displaced from Abkhazia and South Ossetia, counted once for the
    chapter's prose, its chart and its verdict. Every count is over the votes *after* the war."""

    votes: pd.DataFrame       # every recorded vote in the table, the one before the war included
    after: pd.DataFrame       # the votes after the war
    n_votes: int              # votes after the war
    kor_abstain: int          # ... on which South Korea abstained
    kor_yes: int              # ... on which South Korea voted yes
    kor_no: int               # ... on which South Korea voted no, with Russia
    usa_yes: int
    jpn_yes: int
    rus_no: int
    mean_abstain: float       # members abstaining per vote, on average
    mean_yes: float           # members voting yes per vote, on average
    mean_no: float            # members voting no per vote, on average
    first_year: int | None    # first and last year of the votes after the war (None without any)
    last_year: int | None
    n_before: int             # votes before the war (shown in the chart, not counted)

    @property
    def backed_moscow(self) -> bool:
        """South Korea voted no, with Russia, on most of the votes after the war."""
        return self.kor_no > self.n_votes / 2

    @property
    def no_side_smallest(self) -> bool:
        """The members voting no were, on average, fewer than those voting yes and those abstaining."""
        return self.mean_no < min(self.mean_yes, self.mean_abstain)


def georgia_finding(votes: pd.DataFrame, after_war: str = GEORGIA_AFTER_WAR) -> GeorgiaFinding:
    """Count South Korea's (and its allies' and Russia's) votes on the Georgia resolution after the war.

    ``votes``: the unga_georgia_votes table (one row per vote: date, total_yes, total_no, total_abstain and a
    column of votes per country). Votes dated before ``after_war`` are kept in ``votes`` but left out of every count.
    """
    after = votes[votes["date"] >= after_war]
    years = after["date"].str[:4].astype(int)
    return GeorgiaFinding(
        votes=votes,
        after=after,
        n_votes=len(after),
        kor_abstain=int((after["KOR"] == "abstain").sum()),
        kor_yes=int((after["KOR"] == "yes").sum()),
        kor_no=int((after["KOR"] == "no").sum()),
        usa_yes=int((after["USA"] == "yes").sum()),
        jpn_yes=int((after["JPN"] == "yes").sum()),
        rus_no=int((after["RUS"] == "no").sum()),
        mean_abstain=float(after["total_abstain"].mean()),
        mean_yes=float(after["total_yes"].mean()),
        mean_no=float(after["total_no"].mean()),
        first_year=int(years.min()) if len(years) else None,
        last_year=int(years.max()) if len(years) else None,
        n_before=len(votes) - len(after),
    )


# How our paraphrase in facts.yaml words a denunciation of Georgia: "denounces Georgia('s ...)", "condemns
# Georgia ...". A statement condemning Russia's war *in* Georgia does not match.
DENOUNCES_GEORGIA = r"\b(?:denounc|condemn)\w*\s+Georgia"


def georgia_statements(facts: pd.DataFrame) -> pd.DataFrame:
    """Page facts on the 2008 war that record Seoul's own stance (Seoul alone or jointly), from the table
    alliance_page_facts, with a column ``denounces``: whether our paraphrase says the statement denounces
    or condemns Georgia."""
    own = facts[(facts["topic"] == "georgia_2008") & facts["actor"].str.contains("Seoul")]
    return own.assign(denounces=own["summary"].str.contains(DENOUNCES_GEORGIA, case=False, regex=True))


# ------------------------------------------------------------------------------------ THAAD

THAAD_DECISION = "2016-07"


@dataclass(frozen=True, eq=False)
class ThaadFinding:
    """Did Russia's criticism of THAAD cost Seoul anything measurable? Statements, measures, trade, votes."""

    n_criticism: int          # Russian official statements against THAAD on record
    measures: pd.DataFrame    # Russian measures naming South Korea between the decision and the article
    trade: pd.Series          # South Korea's trade with Russia per year, its own records (US$ million)
    agreement_before: float   # Seoul's agreement with Moscow (all roll calls), mean 2014-2016
    agreement_after: float    # ... and 2017-2019

    @property
    def trade_held(self) -> bool:
        """Trade higher in 2017 and in 2018 than in 2016."""
        t = self.trade
        return bool(t[2017] > t[2016] and t[2018] > t[2016])

    @property
    def votes_held(self) -> bool:
        """Agreement with Moscow in 2017-2019 no lower than in 2014-2016."""
        return bool(self.agreement_after >= self.agreement_before)


def thaad_finding(facts: pd.DataFrame, measures: pd.DataFrame, trade: pd.DataFrame, agreement: pd.DataFrame,
                  until: str, decision: str = THAAD_DECISION) -> ThaadFinding:
    """The cost of the THAAD criticism, from the tables alliance_page_facts, sanctions_measures,
    trade_kor_rus_bilateral and unga_agreement; measures count from ``decision`` to before ``until``."""
    criticism = facts[(facts["topic"] == "thaad") & (facts["actor"] == "Moscow")]
    named = russian_measures_before(measures, until)
    kor = trade[trade["reporter"] == "KOR"].groupby("year")["value_usd_m"].sum()
    ru = agreement[(agreement["country"] == "KOR") & (agreement["partner"] == "RUS")
                   & (agreement["variant"] == "all")].set_index("year")["agreement"].sort_index()
    return ThaadFinding(
        n_criticism=len(criticism),
        measures=named[named["date"] >= decision],
        trade=kor,
        agreement_before=float(ru.loc[2014:2016].mean()),
        agreement_after=float(ru.loc[2017:2019].mean()),
    )
