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
