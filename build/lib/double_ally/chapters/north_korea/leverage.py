"""The ¶12 test's helpers: how far the partner shares lie from the rule's lines, what one partner's
entry does to China's share, and which years hold a South Korean record. Pure functions on frames
shaped like ``dprk_trade_partners`` (year, partner, flow, value_usd_m)."""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.north_korea import analysis as nk

# The partner entry the chapter's sceptical reader questions: Ukraine's record of trade with North Korea in 2018.
SUSPECT_ENTRY = ("UKR", 2018)
SUSPECT_NAME = "Ukraine"


def without_entry(trade: pd.DataFrame, partner: str, year: int) -> pd.DataFrame:
    """The partner records with one partner's entry for one year taken out: its rows are dropped and
    its values, flow by flow, subtracted from that year's World row, so the shares are computed as if
    the partner had recorded nothing."""
    entry = trade[(trade["partner"] == partner) & (trade["year"] == year)]
    by_flow = entry.groupby("flow")["value_usd_m"].sum()
    out = trade.drop(entry.index).copy()
    world = (out["partner"] == "WLD") & (out["year"] == year)
    out.loc[world, "value_usd_m"] = out.loc[world, "value_usd_m"] - out.loc[world, "flow"].map(by_flow).fillna(0.0)
    return out.reset_index(drop=True)


def entry_effect(trade: pd.DataFrame, partner: str, year: int, on: str = "CHN") -> dict:
    """China's (``on``) share of North Korea's trade in ``year`` with and without one partner's entry:
    {"with", "without", "points" (without - with), "entry_usd_m", "entry_pct" (the entry's share)}."""
    def share(frame: pd.DataFrame) -> float:
        s = nk.partner_shares(frame, (on,))
        return float(s[(s["year"] == year) & (s["partner"] == on)]["share_pct"].iloc[0])

    with_ = share(trade)
    without = share(without_entry(trade, partner, year))
    t = nk.totals(trade).set_index(["partner", "year"])["total_usd_m"]
    entry = float(t.get((partner, year), 0.0))
    return {"with": with_, "without": without, "points": without - with_, "entry_usd_m": entry,
            "entry_pct": entry / float(t[("WLD", year)]) * 100}


def margins(ranges: dict, rus_max: float, chn_min: float) -> dict:
    """How far the shares lie from the rule's lines, in percentage points, from ``lever_ranges``:
    rus (rus_max - Russia's highest share) and chn (China's lowest share - chn_min); negative = crossed."""
    return {"rus": rus_max - ranges["RUS"][1], "chn": ranges["CHN"][0] - chn_min}


def crossings(trade: pd.DataFrame, rus_max: float, chn_min: float, first: int = 1992) -> dict:
    """The years from ``first`` in which each line was crossed (Russia at or over ``rus_max``, China at or
    under ``chn_min``), distorted years included, and the number of years with shares: the evidence that
    the data can cross the rule's lines. {"rus": [...], "chn": [...], "n_years": n}."""
    s = nk.partner_shares(trade, ("CHN", "RUS"))
    s = s[s["year"] >= first]
    by = s.pivot(index="year", columns="partner", values="share_pct")
    return {"rus": [int(y) for y in by.index[by["RUS"] >= rus_max]],
            "chn": [int(y) for y in by.index[by["CHN"] <= chn_min]], "n_years": len(by)}


def recorded_years(trade: pd.DataFrame, partner: str) -> list[int]:
    """The years in which ``partner`` recorded any trade with North Korea, in order."""
    rows = trade[(trade["partner"] == partner) & (trade["value_usd_m"] > 0)]
    return sorted(int(y) for y in set(rows["year"]))
