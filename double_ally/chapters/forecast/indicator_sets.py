"""Which indicators the tally of ¶19 and ¶20 counts: all of them (the primary), or another set.

``select`` gives the set a verdict is scored on: the indicators minus some (``drop``), one half of ¶19's
consequence only (``part``), or groups of indicators that depend on each other counted once (``merge``).
The chapter says which depend on each other (book/forecast.md, "Are the indicators independent?"):
Russia's "unfriendly" listing answered Seoul's sanctions, and Seoul's export controls act on its
exports -- so sanctions, the listing and trade are one chain of cause and effect, ``DEPENDENT``.
A merged group fits the outcome that a strict majority of its scored members fit, else "in between".
"""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.forecast import analysis as f

DEPENDENT = (("sanctions", "unfriendly", "trade"),)


def merged_row(members: pd.DataFrame) -> dict:
    """One indicator standing for ``members`` (rows shaped like ``evidence.observations``)."""
    scored = members.loc[members["outcome"] != f.PENDING, "outcome"]
    top = scored.value_counts()
    if scored.empty:
        outcome = f.PENDING
    elif 2 * int(top.iloc[0]) > len(scored):
        outcome = str(top.index[0])
    else:
        outcome = f.BETWEEN
    return {"key": "+".join(members["key"]), "outcome": outcome, "observed": "; ".join(members["outcome"]), "indicator": " + ".join(members["indicator"]),
            "part": members["part"].iloc[0]}


def select(observed: pd.DataFrame, *, drop: tuple[str, ...] = (), part: str | None = None,
           merge: tuple[tuple[str, ...], ...] = ()) -> pd.DataFrame:
    """The indicators of ``observed`` (shaped like ``evidence.observations``) a tally counts."""
    unknown = (set(drop) | {k for group in merge for k in group}) - set(observed["key"])
    if unknown:
        raise KeyError(f"no indicator {sorted(unknown)}")
    obs = observed[~observed["key"].isin(drop)]
    for group in merge:
        members = obs[obs["key"].isin(group)]
        if len(members):
            obs = pd.concat([obs[~obs["key"].isin(group)], pd.DataFrame([merged_row(members)])],
                            ignore_index=True)
    if part is not None:
        obs = obs[obs["part"] == part]
    return obs.reset_index(drop=True)
