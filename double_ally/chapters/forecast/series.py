"""The forecast chapter's series from 2019: trade, visitors, views and the General Assembly votes on
Ukraine, from frames shaped like the derived tables (nothing is loaded here).
"""

from __future__ import annotations

import pandas as pd

from double_ally.chapters.forecast import analysis as f
from double_ally.chapters.forecast.records import INVASION_DATE
from double_ally.chapters.trade.analysis import totals_by_reporter

# The Ukraine texts that punish Russia rather than state a principle: suspension from the Human
# Rights Council and reparations. Fixed with the rule, from the titles.
PUNITIVE_PATTERN = r"suspension|reparation"


def trade_series(bilateral: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """South Korea's exports to Russia and total trade, Korean records, 2019 to the latest year.

    Exports: IMF DOTS (Korea's own records) for 2019-2020, KOSIS official statistics where they exist,
    else the figure KITA gives in the press. Total: IMF DOTS for 2019-2020, KITA's press figure after.
    ``bilateral``: table trade_kor_rus_bilateral; ``later``: table trade_kor_rus_2021_2024.
    """
    kor = totals_by_reporter(bilateral)
    kor = kor[(kor["reporter"] == "KOR") & (kor["year"] >= f.BASE_YEAR)]
    rows = []
    for r in kor.itertuples(index=False):
        rows.append({"year": int(r.year), "series": "exports", "value_usd_m": float(r.exports),
                     "source": "IMF DOTS (South Korea's records)"})
        rows.append({"year": int(r.year), "series": "total", "value_usd_m": float(r.total),
                     "source": "IMF DOTS (South Korea's records)"})
    korean = later[(later["reporting_side"] == "KOR") & (later["qualifier"] == "as stated")]
    for (year, flow), group in korean.groupby(["year", "flow"]):
        if flow not in ("exports", "total"):
            continue
        official = group[group["figure_type"] == "official statistics"]
        pick = (official if len(official) else group).iloc[0]
        rows.append({"year": int(year), "series": flow, "value_usd_m": float(pick["value_usd_m"]),
                     "source": str(pick["publisher"])})
    out = pd.DataFrame(rows).sort_values(["series", "year"]).reset_index(drop=True)
    for series, group in out.groupby("series"):
        out.loc[group.index, "index"] = f.index_series(group.set_index("year")["value_usd_m"]).to_numpy()
    return out


def arrivals_series(arrivals: pd.DataFrame) -> pd.DataFrame:
    """Russian nationals entering South Korea: Ministry of Justice entrants (full years), and KTO arrivals
    (monthly-table sums and whole-year figures reported in the press, 'as stated' only), 2019 on.
    ``arrivals``: table arrivals_russia_annual."""
    a = arrivals[(arrivals["year"] >= f.BASE_YEAR) & (arrivals["months_covered"] == 12)
                 & (arrivals["qualifier"] == "as stated")]
    moj = a[a["source_kind"] == "Ministry of Justice entrants (sum)"].assign(series="entrants (Ministry of Justice)")
    kto = a[a["source_kind"] != "Ministry of Justice entrants (sum)"]
    # one KTO figure a year: the monthly-table sum where there is one, else the first press figure
    kto = kto.sort_values(["year", "source_kind"]).groupby("year", as_index=False).first()
    kto = kto.assign(series="arrivals (KTO)")
    out = pd.concat([moj, kto], ignore_index=True)[["year", "series", "arrivals", "source_kind", "publisher"]]
    for series, group in out.groupby("series"):
        out.loc[group.index, "index"] = f.index_series(group.set_index("year")["arrivals"]).to_numpy()
    return out.sort_values(["series", "year"]).reset_index(drop=True)


def views_series(pew: pd.DataFrame, country: str = "KOR") -> pd.DataFrame:
    """Favourable views of Russia and of the United States among ``country``'s respondents, every wave."""
    return pew[pew["country"] == country].sort_values(["target", "year"]).reset_index(drop=True)


def ukraine_votes(votes: pd.DataFrame) -> pd.DataFrame:
    """General Assembly votes on Ukraine, one row per text: KOR, USA, JPN, RUS, CHN votes and totals.
    ``votes``: table unga_key_votes."""
    countries = votes[votes["country"] != "TOTAL"].pivot(index="vote_id", columns="country", values="vote")
    countries.columns = [c.lower() for c in countries.columns]
    totals = votes[votes["country"] == "TOTAL"].set_index("vote_id")[["date", "title", "total_yes", "total_no",
                                                                     "total_abstain"]]
    out = totals.join(countries).reset_index().sort_values(["date", "vote_id"]).reset_index(drop=True)
    out["punitive"] = out["title"].str.contains(PUNITIVE_PATTERN, case=False, regex=True)
    out["after_invasion"] = out["date"] >= INVASION_DATE
    return out
