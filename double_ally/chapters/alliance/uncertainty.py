"""Agreement gaps with their uncertainty: a stratified cluster bootstrap over General Assembly resolutions, and
the one comparison every rule of the chapter decides with.

**A contrast** is a weighted sum of agreement means: ``terms`` lists (stratum, country, partner, weight), and the
estimate is ``sum(weight x mean score of the pair over the stratum's roll calls)``. A gap between two pairs over a
period whose years weigh equally (as ``analysis.period_mean``) gives each year +1/Y to one pair and -1/Y to the
other; a difference in differences adds the same for a comparison country with the signs turned.

**The bootstrap.** Roll calls on one resolution (paragraph votes, amendments, the whole text) are not independent,
so the unit resampled is the resolution (the cluster: its symbol; a roll call without one is its own cluster).
Within each stratum (a year), as many resolutions as it holds are drawn with replacement, every mean is computed
again on the draw and the contrast with it; the 95 % interval is the 2.5th to 97.5th percentile of the draws.
Draws are fixed by a seed and the stratum, so an interval is the same at every build.

**The comparison** (``outcome``): a quantity *holds* if its interval lies above the margin, *fails* if it lies
below, and is *not established* otherwise. A quantity without sampling uncertainty (troops, trade) is an interval
of width zero, so the same helper decides it; exactly at the margin it is a tie, not established.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from double_ally.chapters.alliance.analysis import SCORE

DRAWS = 2000
SEED = 20210715               # the article's date: any fixed number would do
LEVEL = 0.95
HOLDS, FAILS, OPEN = "holds", "fails", "not established"
MEASURES = ("agreement", "identical", "coincidence")


def outcome(low: float, high: float | None = None, margin: float = 0.0) -> str:
    """'holds' if [low, high] lies above ``margin``, 'fails' if below, 'not established' otherwise (a point:
    ``high`` omitted)."""
    high = low if high is None else high
    if low > margin:
        return HOLDS
    if high < margin:
        return FAILS
    return OPEN


def all_of(outcomes: list[str]) -> str:
    """Several comparisons that must all hold: 'fails' if any fails, 'holds' if all hold, else 'not established'."""
    if FAILS in outcomes:
        return FAILS
    return HOLDS if outcomes and all(o == HOLDS for o in outcomes) else OPEN


@dataclass(frozen=True)
class Interval:
    estimate: float
    low: float
    high: float
    n_calls: int        # roll calls in the strata the contrast reads
    n_clusters: int     # resolutions among them

    def outcome(self, margin: float = 0.0, point: bool = False) -> str:
        """The comparison with ``margin`` (``point``: on the estimate alone, ignoring the interval)."""
        return outcome(self.estimate, margin=margin) if point else outcome(self.low, self.high, margin)

    def text(self) -> str:
        return f"{signed(self.estimate)} (95 % interval {signed(self.low)} to {signed(self.high)})"


def signed(x: float) -> str:
    """+0.123 / -0.123, and +0.000 for a value that rounds to zero from either side."""
    return f"{round(x, 3) + 0.0:+.3f}"


def _numeric(votes) -> np.ndarray:
    return np.array([SCORE.get(v, np.nan) if isinstance(v, str) else np.nan for v in votes], dtype=float)


def pair_scores(a, b, measure: str = "agreement") -> np.ndarray:
    """Per roll call, the pair's score (NaN where it does not count): ``agreement`` 1 - |a - b| / 2 (an abstention
    against a yes or no is one half); ``identical`` 1 for the same vote, else 0; ``coincidence`` the same on the
    roll calls where both voted yes or no (the State Department's method). ``a``, ``b``: votes or their scores."""
    x = a if isinstance(a, np.ndarray) else _numeric(a)
    y = b if isinstance(b, np.ndarray) else _numeric(b)
    if measure == "agreement":
        return 1 - np.abs(x - y) / 2
    same = np.where(np.isnan(x) | np.isnan(y), np.nan, (x == y).astype(float))
    if measure == "identical":
        return same
    if measure == "coincidence":
        return np.where((x == 0) | (y == 0), np.nan, same)
    raise ValueError(f"unknown measure {measure!r}; one of {MEASURES}")


@lru_cache(maxsize=64)
def _weights(seed: int, stratum: str, k: int, draws: int) -> np.ndarray:
    """How often each of ``k`` clusters is drawn, per draw (draws x k): fixed by the seed, the stratum and k, so
    every contrast on the same stratum uses the same draws (and a check's alternatives cost little)."""
    rng = np.random.default_rng([seed, k, *stratum.encode()])
    picks = rng.integers(0, k, size=(draws, k)) + k * np.arange(draws)[:, None]
    return np.bincount(picks.ravel(), minlength=draws * k).reshape(draws, k).astype(np.float32)


def bootstrap(calls: pd.DataFrame, strata: pd.Series, terms: list[tuple], *, measure: str = "agreement",
              draws: int = DRAWS, seed: int = SEED, level: float = LEVEL) -> Interval:
    """The contrast ``terms`` [(stratum, country, partner, weight)] on ``calls`` (the unga_roll_calls table or
    rows of it), with ``strata`` giving each roll call's stratum (NaN: not used). Resolutions are resampled
    with replacement within each stratum; see the module's docstring."""
    unres, rcid = calls["unres"].to_numpy(dtype=object), calls["rcid"].to_numpy()
    clusters = np.array([u if isinstance(u, str) else f"rcid {r}" for u, r in zip(unres, rcid)], dtype=object)
    stratum_of = np.array([None if pd.isna(s) else s for s in strata.to_numpy(dtype=object)], dtype=object)
    scores = {c: _numeric(calls[c].to_numpy(dtype=object)) for c in {x for _, a, b, _ in terms for x in (a, b)}}
    estimate, n_calls, n_clusters = 0.0, 0, 0
    total = np.zeros(draws)
    for stratum in sorted({s for s, *_ in terms}, key=str):
        rows = stratum_of == stratum
        codes, uniques = pd.factorize(clusters[rows], sort=True)
        k = len(uniques)
        if k == 0:
            raise ValueError(f"stratum {stratum!r} has no roll calls")
        n_calls, n_clusters = n_calls + int(rows.sum()), n_clusters + k
        weights = _weights(seed, str(stratum), k, draws)
        for _, country, partner, w in (t for t in terms if t[0] == stratum):
            score = pair_scores(scores[country][rows], scores[partner][rows], measure)
            ok = ~np.isnan(score)
            if not ok.any():
                raise ValueError(f"{country}-{partner}: no roll call counts in stratum {stratum!r}")
            sums = np.bincount(codes[ok], weights=score[ok], minlength=k)
            counts = np.bincount(codes[ok], minlength=k).astype(float)
            estimate += w * sums.sum() / counts.sum()
            with np.errstate(invalid="ignore", divide="ignore"):
                total += w * (weights @ sums) / (weights @ counts)
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(total, [tail, 100 - tail])
    return Interval(float(estimate), float(low), float(high), n_calls, n_clusters)


def period_terms(years: list, first: tuple[str, str], second: tuple[str, str], sign: float = 1.0) -> list[tuple]:
    """Terms of mean(first pair) - mean(second pair) over ``years`` (strata), each weighted equally."""
    w = sign / len(years)
    return [t for y in years for t in ((y, *first, w), (y, *second, -w))]


def gap(calls: pd.DataFrame, first: tuple[str, str], second: tuple[str, str], *, pooled: bool = False,
        **kw) -> Interval:
    """Agreement of pair ``first`` minus pair ``second`` over ``calls``, years weighted equally (``pooled``:
    every roll call weighted equally, the years one stratum)."""
    strata = pd.Series("all", index=calls.index) if pooled else calls["year"]
    years = sorted(strata.unique())
    return bootstrap(calls, strata, period_terms(years, first, second), **kw)


def did(calls: pd.DataFrame, side: pd.Series, country: str, others: list[str], partner: str, *,
        pooled: bool = False, **kw) -> Interval:
    """Difference in differences: the change (after minus before) in ``country``'s agreement with ``partner``
    less the mean change of ``others``. ``side``: 'before', 'after' or NaN per roll call; within a side the
    strata are years, weighted equally (``pooled``: one stratum per side)."""
    strata = side if pooled else side + " " + calls["year"].astype(str)
    terms = []
    for name, sign in (("after", 1.0), ("before", -1.0)):
        keys = sorted(s for s in strata.dropna().unique() if s.startswith(name))
        if not keys:
            raise ValueError(f"no roll calls {name} the split")
        for key in keys:
            w = sign / len(keys)
            terms.append((key, country, partner, w))
            terms += [(key, other, partner, -w / len(others)) for other in others]
    return bootstrap(calls, strata, terms, **kw)
