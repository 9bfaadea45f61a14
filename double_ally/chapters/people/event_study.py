"""A monthly event study of arrivals: did Russians' arrivals rise, relative to other nationalities,
when the visa waiver took effect, by more than at dates when nothing happened?

The outcome is the log of Russian arrivals minus the mean log of the comparison nationalities'
arrivals in the same month (or, for one comparison, its log alone). In a window of ``window`` months
before and after an event month it is regressed by OLS on a constant, month-of-year dummies, a linear
trend, a post-event indicator and, optionally, the log of won per rouble (the exchange-rate control).
The post coefficient is the effect, in log points. Its standard error is Newey-West (Bartlett
kernel, lag ``floor(4 (T/100)^(2/9))``, small-sample factor T/(T-k)), robust to autocorrelation;
intervals are the estimate +- 1.96 standard errors (normal approximation; with T = 48 the t quantile
would widen them by about 4 %). Placebo events are the Januaries whose window fits in the data and
does not contain the real event. Everything here is pure: tables in, numbers out.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

Z95 = 1.96


def relative_series(monthly: pd.DataFrame, fx: pd.DataFrame | None, target: str = "RUS",
                    against: Iterable[str] = ("JPN", "USA", "CHN"), combine: str = "mean log") -> pd.DataFrame:
    """Month, outcome ``y`` (log target arrivals minus the comparison: the mean of their logs, or with
    ``combine="log sum"`` the log of their summed arrivals) and ``log_fx`` (log won per rouble, if
    ``fx`` is given), for the months both tables hold, in order."""
    against = list(against)
    wide = monthly.pivot(index="month", columns="country", values="arrivals").astype(float)
    logs = np.log(wide[[target, *against]])
    comparison = np.log(wide[against].sum(axis=1)) if combine == "log sum" else logs[against].mean(axis=1)
    out = pd.DataFrame({"month": wide.index, "y": (logs[target] - comparison).values})
    if fx is not None:
        out = out.merge(fx.assign(log_fx=np.log(fx["krw_per_rub"]))[["month", "log_fx"]], on="month")
    return out.sort_values("month").reset_index(drop=True)


def newey_west_ols(y: np.ndarray, X: np.ndarray, lags: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """OLS coefficients and their Newey-West standard errors (Bartlett weights 1 - l/(lags+1))."""
    n, k = X.shape
    if np.linalg.matrix_rank(X) < k:
        raise ValueError("the regressors are collinear (a window of 12 months cannot separate a trend "
                         "from the post indicator once month-of-year effects are in)")
    if lags is None:
        lags = int(np.floor(4 * (n / 100) ** (2 / 9)))
    bread = np.linalg.inv(X.T @ X)
    beta = bread @ X.T @ y
    scores = X * (y - X @ beta)[:, None]
    meat = scores.T @ scores
    for lag in range(1, lags + 1):
        gamma = scores[lag:].T @ scores[:-lag]
        meat += (1 - lag / (lags + 1)) * (gamma + gamma.T)
    cov = bread @ meat @ bread * n / (n - k)
    return beta, np.sqrt(np.diag(cov))


def _months_between(start: str, end: str) -> int:
    a, b = pd.Period(start, "M"), pd.Period(end, "M")
    return (b - a).n


def event_effect(series: pd.DataFrame, event: str, window: int = 24, control: bool = True) -> dict:
    """The post-event coefficient for the event month ``event`` (YYYY-MM) in the ``window`` months
    either side: estimate, standard error, 95 % interval (lo, hi) and observations."""
    offset = series["month"].map(lambda m: _months_between(event, m))
    d = series[(offset >= -window) & (offset < window)]
    if len(d) != 2 * window:
        raise ValueError(f"event {event}: the data hold {len(d)} of the {2 * window} months of its window")
    month_of_year = d["month"].str[5:7].astype(int)
    columns = [np.ones(len(d)), np.arange(len(d), dtype=float), (offset[d.index] >= 0).astype(float).values]
    columns += [(month_of_year == m).astype(float).values for m in range(2, 13)]
    if control:
        columns.append(d["log_fx"].values)
    beta, se = newey_west_ols(d["y"].values, np.column_stack(columns))
    est, err = float(beta[2]), float(se[2])
    return {"event": event, "estimate": est, "se": err, "lo": est - Z95 * err, "hi": est + Z95 * err, "n": len(d)}


def placebo_events(series: pd.DataFrame, event: str, window: int = 24) -> list[str]:
    """Every January other than the event whose whole window lies in the series and leaves out the event."""
    months = set(series["month"])
    out = []
    for year in sorted({int(m[:4]) for m in months}):
        date = f"{year}-01"
        span = pd.period_range(pd.Period(date, "M") - window, periods=2 * window, freq="M").strftime("%Y-%m")
        if date != event and set(span) <= months and event not in set(span):
            out.append(date)
    return out


def event_study(series: pd.DataFrame, event: str, window: int = 24, control: bool = True) -> pd.DataFrame:
    """The effect at the real event and at every placebo January: one row each, with ``kind``."""
    rows = [{**event_effect(series, event, window, control), "kind": "waiver"}]
    rows += [{**event_effect(series, p, window, control), "kind": "placebo"}
             for p in placebo_events(series, event, window)]
    return pd.DataFrame(rows).sort_values("event").reset_index(drop=True)


def beats_placebos(study: pd.DataFrame) -> bool:
    """The rule's test: the real event's 95 % interval lies above 0 and its estimate exceeds every
    placebo estimate (a study without placebo dates cannot pass)."""
    real = study[study["kind"] == "waiver"].iloc[0]
    placebo = study.loc[study["kind"] == "placebo", "estimate"]
    return bool(len(placebo) > 0 and real["lo"] > 0 and real["estimate"] > placebo.max())
