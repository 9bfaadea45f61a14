"""Margins of error for Pew's favourable shares, and the Korean view of Russia tested with them.

A share p (in %) from n respondents has the 95 % margin of error 1.96 * sqrt(p (1 - p) / n) (p as a
fraction, the margin in points): simple random sampling. Pew's samples are weighted and clustered;
the design effect is not in the harmonised file (its ``sum_weights`` is only the weights' total, which
says nothing of their spread), so these margins understate the true ones.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

Z95 = 1.96


def margin_of_error(pct, n) -> np.ndarray:
    """95 % margin of error, in percentage points, of a share ``pct`` (%) from ``n`` respondents."""
    p = np.asarray(pct, dtype=float) / 100
    return Z95 * np.sqrt(p * (1 - p) / np.asarray(n, dtype=float)) * 100


def share(pew: pd.DataFrame, base: str = "all answers") -> pd.Series:
    """The favourable share, %: of all answers (Pew's base, don't know and refused included), or with
    ``base="opinions only"`` of those who gave a favourable or unfavourable answer."""
    if base == "opinions only":
        return pew["favourable_pct"] / (pew["favourable_pct"] + pew["unfavourable_pct"]) * 100
    return pew["favourable_pct"]


def image_with_margins(pew: pd.DataFrame, allies: Mapping[int, set[str]], *, base: str = "all answers",
                       centre: str = "median", country: str = "KOR", target: str = "RUS") -> pd.DataFrame:
    """Per wave asking ``country`` about ``target``: its favourable share, respondents, margin of error
    and interval; the allies asked (those of ``allies`` for the wave year) and their ``centre`` (median
    or mean) share; and the gap to that centre. The centre is treated as fixed: only the country's own
    sampling error enters the gap's margin."""
    d = pew[pew["target"] == target].assign(pct=lambda x: share(x, base))
    rows = []
    for year, g in d.groupby("year"):
        own = g[g["country"] == country]
        if own.empty:
            continue
        others = g.loc[g["country"].isin(allies.get(int(year), set()) - {country}), "pct"]
        pct, n = float(own["pct"].iloc[0]), int(own["respondents"].iloc[0])
        moe = float(margin_of_error(pct, n))
        ref = float(getattr(others, centre)()) if len(others) else np.nan
        rows.append({"year": int(year), "own_pct": pct, "respondents": n, "moe_pp": moe, "lo": pct - moe,
                     "hi": pct + moe, "allies_asked": int(len(others)), "allies_centre_pct": ref,
                     "gap_pp": pct - ref})
    return pd.DataFrame(rows)
