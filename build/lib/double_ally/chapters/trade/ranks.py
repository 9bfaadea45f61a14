"""Partner ranks under explicit definitions (¶10).

A rank depends on four choices, each a column of ``rank_table``:

* ``data``: the reporter's own records ("own"), or its partners' records of the same trade
  ("mirror": Russia's imports from X are X's exports to Russia as X records them);
* ``eu``: each EU member a partner ("members"), or the EU as one partner ("EU as one"), with the
  membership of that year (28 members to 2019, 27 from 2020, after the United Kingdom left);
* ``china``: Hong Kong, Macao and Taiwan as separate partners ("separate"), or counted with China
  ("with China");
* the measure: total trade, imports or exports.

The rank of a partner is one plus the number of partners with strictly more trade (ties share a rank).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

import pandas as pd

from double_ally.core.countries import valid_codes

EU_CODE = "EUU"
GREATER_CHINA = {"HKG": "CHN", "MAC": "CHN", "TWN": "CHN"}
DATA_CHOICES = ("own", "mirror")
EU_CHOICES = ("members", "EU as one")
CHINA_CHOICES = ("separate", "with China")

# What ¶10 of the article states (Tertitsky 2021): Russia is South Korea's 12th trading partner;
# South Korea is Russia's 6th partner in imports and 8th in exports.
ARTICLE_P10 = {
    "Russia among South Korea's partners (total trade)": 12,
    "South Korea among Russia's import sources": 6,
    "South Korea among Russia's export markets": 8,
}
# measure name -> (the country whose partners are ranked, the partner whose rank is read, flow)
MEASURES = {
    "Russia among South Korea's partners (total trade)": ("KOR", "RUS", "total"),
    "South Korea among Russia's import sources": ("RUS", "KOR", "imports"),
    "South Korea among Russia's export markets": ("RUS", "KOR", "exports"),
}


@lru_cache(maxsize=None)
def eu_members(year: int) -> frozenset[str]:
    """ISO3 codes of the EU member states in ``year`` (from country_converter's EU28 and EU27 lists)."""
    import country_converter as coco

    data = coco.CountryConverter().data
    column = "EU28" if year <= 2019 else "EU27"
    if year < 2013:
        raise ValueError("EU membership before 2013 (Croatia's accession) is not defined here")
    return frozenset(data.loc[data[column].notna(), "ISO3"])


def group_partners(values: pd.Series, year: int, eu: str = "members", china: str = "separate") -> pd.Series:
    """Partner values (index: ISO3) regrouped by the EU and China choices, summed within groups."""
    if eu not in EU_CHOICES or china not in CHINA_CHOICES:
        raise ValueError(f"unknown grouping eu={eu!r} china={china!r}")
    unknown = set(values.index) - set(valid_codes())
    if unknown:
        raise ValueError(f"not country codes (aggregates must be left out before ranking): {sorted(unknown)}")
    keys = pd.Series(values.index, index=values.index)
    if china == "with China":
        keys = keys.replace(GREATER_CHINA)
    if eu == "EU as one":
        members = eu_members(year)
        keys = keys.where(~keys.isin(members), EU_CODE)
    return values.groupby(keys.values).sum()


def rank_of(values: pd.Series, target: str) -> int:
    """1 + the number of partners with strictly more trade than ``target`` (ties share a rank)."""
    if target not in values.index:
        raise KeyError(f"{target} has no value among the partners")
    return int((values > values[target]).sum()) + 1


def partner_values(by_partner: pd.DataFrame, mirror: pd.DataFrame, country: str, year: int, flow: str,
                   data: str) -> pd.Series:
    """Trade of ``country`` with each partner in ``year`` (index: partner ISO3), by the data choice.

    ``flow`` is from ``country``'s point of view: "exports", "imports" or "total".
    """
    flows = ["exports", "imports"] if flow == "total" else [flow]
    if data == "own":
        rows = by_partner[(by_partner["reporter"] == country) & (by_partner["year"] == year)
                          & by_partner["flow"].isin(flows)]
        return rows.groupby("partner")["value_usd_m"].sum()
    if data == "mirror":
        # country's imports are the partners' exports to it, and the reverse
        seen = [{"exports": "imports", "imports": "exports"}[f] for f in flows]
        rows = mirror[(mirror["partner"] == country) & (mirror["year"] == year) & mirror["flow"].isin(seen)]
        rows = rows[rows["reporter"] != country]
        return rows.groupby("reporter")["value_usd_m"].sum()
    raise ValueError(f"unknown data choice {data!r}")


def rank_table(by_partner: pd.DataFrame, mirror: pd.DataFrame, years: range | list[int]) -> pd.DataFrame:
    """The rank of the article's three measures under every definition and year."""
    rows = []
    for measure, (country, target, flow) in MEASURES.items():
        for year, data, eu, china in product(years, DATA_CHOICES, EU_CHOICES, CHINA_CHOICES):
            values = partner_values(by_partner, mirror, country, year, flow, data)
            grouped = group_partners(values, year, eu, china)
            rows.append({
                "measure": measure, "year": year, "data": data, "eu": eu, "china": china,
                "rank": rank_of(grouped, target), "partners": int((grouped > 0).sum()),
            })
    out = pd.DataFrame(rows)
    out["article"] = out["measure"].map(ARTICLE_P10)
    out["matches_article"] = out["rank"] == out["article"]
    return out


WORDS = {
    "own": ("the reporter's own records", "own records"),
    "mirror": ("partners' (mirror) records", "mirror records"),
    "members": ("EU members one by one", "EU members apart"),
    "EU as one": ("the EU as one partner", "EU as one"),
    "separate": ("Hong Kong, Macao and Taiwan separate", "HK, Macao, Taiwan apart"),
    "with China": ("Hong Kong, Macao and Taiwan with China", "HK, Macao, Taiwan in China"),
}


def describe(data: str, eu: str, china: str, short: bool = False) -> str:
    """A definition in words, long for prose or short for chart labels."""
    return (" · " if short else ", ").join(WORDS[choice][short] for choice in (data, eu, china))


def reproducing_definitions(ranks: pd.DataFrame) -> pd.DataFrame:
    """Definition-years under which all three of the article's ranks are reproduced at once."""
    keys = ["year", "data", "eu", "china"]
    matched = ranks.groupby(keys)["matches_article"].agg(["sum", "count"]).reset_index()
    return matched[matched["sum"] == matched["count"]][keys].reset_index(drop=True)
