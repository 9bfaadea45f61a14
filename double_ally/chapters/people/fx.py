"""The rouble against the won by month, from the European Central Bank's daily euro reference rates.

The ECB publishes how many units of each currency one euro buys, each working day
(``eurofxref-hist.csv``, zipped). Won per rouble on a day is KRW/EUR divided by RUB/EUR; a month's
rate is the mean of its days on which both rates were published (the ECB stopped publishing the
rouble in March 2022). Nothing here knows where the file lives: it is handed the path.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

CSV_NAME = "eurofxref-hist.csv"


def daily_rates(path: Path, currencies: Iterable[str]) -> pd.DataFrame:
    """The ECB's daily rates (units per euro) for ``currencies`` from the zipped history, by date;
    'N/A' (not published that day) becomes missing."""
    currencies = list(currencies)
    with zipfile.ZipFile(path) as archive, archive.open(CSV_NAME) as handle:
        raw = pd.read_csv(handle, na_values=["N/A"], keep_default_na=False)
    absent = [c for c in ["Date", *currencies] if c not in raw.columns]
    if absent:
        raise ValueError(f"{CSV_NAME}: no column {', '.join(absent)}")
    out = raw[["Date", *currencies]].rename(columns={"Date": "date"})
    out["date"] = pd.to_datetime(out["date"], format="%Y-%m-%d")
    return out.sort_values("date").reset_index(drop=True)


def monthly_cross_rate(path: Path, months: Iterable[str], base: str = "RUB", quote: str = "KRW") -> pd.DataFrame:
    """Units of ``quote`` per unit of ``base`` for each month (YYYY-MM) in ``months``: the mean over the
    days both were published of quote/EUR divided by base/EUR, and how many days that is. A month
    without any such day is an error, not a gap, because the tourism design needs every month."""
    days = daily_rates(path, [base, quote]).dropna()
    days = days.assign(month=days["date"].dt.strftime("%Y-%m"), rate=days[quote] / days[base])
    grouped = days.groupby("month")["rate"].agg(["mean", "size"])
    wanted = sorted(set(months))
    lacking = [m for m in wanted if m not in grouped.index]
    if lacking:
        raise ValueError(f"ECB rates: no day with both {base} and {quote} in {', '.join(lacking)}")
    picked = grouped.loc[wanted]
    return pd.DataFrame({"month": wanted, f"{quote.lower()}_per_{base.lower()}": picked["mean"].round(6).values,
                         "days": picked["size"].astype(int).values})
