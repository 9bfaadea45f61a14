"""Partner ranks under explicit definitions (¶10).

A rank depends on five choices, each a column of ``rank_table``:

* ``data``: the reporter's own records ("own"), or its partners' records of the same trade
  ("mirror": Russia's imports from X are X's exports to Russia as X records them);
* ``eu``: each EU member a partner ("members"), or the EU as one partner ("EU as one"), with the
  membership of that year (28 members to 2019, 27 from 2020, after the United Kingdom left);
* ``china``: Hong Kong, Macao and Taiwan as separate partners ("separate"), or counted with China
  ("with China");
* ``non_reporters``: what to do with a partner that the reporter's own records hold but that has no
  record of its own in DOTS for that year and flow (Taiwan above all, which does not report to the IMF).
  "filled": a mirror ranking takes that partner's value from the reporter's own records, so that it is
  not silently left out; "removed": the partner is left out of both rankings, own and mirror, so that
  both rank the same set of partners. Own rankings under "filled" are the reporter's records as they are;
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
NON_REPORTER_CHOICES = ("filled", "removed")
KEYS = ["year", "data", "eu", "china", "non_reporters"]  # the columns that make a definition-year

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


@lru_cache(maxsize=1)
def _eu_lists() -> dict[str, frozenset[str]]:
    """country_converter's EU28 and EU27 member lists (ISO3), read once."""
    from double_ally.core.countries import converter

    data = converter().data
    return {column: frozenset(data.loc[data[column].notna(), "ISO3"]) for column in ("EU28", "EU27")}


def eu_members(year: int) -> frozenset[str]:
    """ISO3 codes of the EU member states in ``year`` (from country_converter's EU28 and EU27 lists)."""
    if year < 2013:
        raise ValueError("EU membership before 2013 (Croatia's accession) is not defined here")
    return _eu_lists()["EU28" if year <= 2019 else "EU27"]


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(valid_codes())


def group_partners(values: pd.Series, year: int, eu: str = "members", china: str = "separate") -> pd.Series:
    """Partner values (index: ISO3) regrouped by the EU and China choices, summed within groups."""
    if eu not in EU_CHOICES or china not in CHINA_CHOICES:
        raise ValueError(f"unknown grouping eu={eu!r} china={china!r}")
    unknown = set(values.index) - _codes()
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


class Records:
    """Each country's trade with each partner, by year and flow, as its own records and its partners'
    records give it: the tables ``trade_by_partner`` and ``trade_mirror`` grouped once."""

    def __init__(self, by_partner: pd.DataFrame, mirror: pd.DataFrame):
        def grouped(frame: pd.DataFrame, keys: list[str], partner: str) -> dict:
            frame = pd.DataFrame({c: frame[c].to_numpy(dtype=object) for c in keys + [partner]}
                                 | {"value": frame["value_usd_m"].to_numpy(dtype=float)})
            return {key: rows.groupby(partner)["value"].sum().rename_axis(None)
                    for key, rows in frame.groupby(keys, sort=False)}

        self.own = grouped(by_partner, ["reporter", "year", "flow"], "partner")
        # country's imports are the partners' exports to it, and the reverse
        mirror = mirror[mirror["reporter"] != mirror["partner"]].assign(
            flow=mirror["flow"].map({"exports": "imports", "imports": "exports"}))
        self.mirror = grouped(mirror, ["partner", "year", "flow"], "reporter")

    def one_flow(self, country: str, year: int, flow: str) -> tuple[pd.Series, pd.Series]:
        """``country``'s trade of one flow with each partner in ``year``: (its own records, its partners')."""
        empty = pd.Series(dtype=float)
        return self.own.get((country, year, flow), empty), self.mirror.get((country, year, flow), empty)

    def values(self, country: str, year: int, flow: str, data: str, non_reporters: str = "filled") -> pd.Series:
        """See ``partner_values``."""
        if data not in DATA_CHOICES:
            raise ValueError(f"unknown data choice {data!r}")
        if non_reporters not in NON_REPORTER_CHOICES:
            raise ValueError(f"unknown treatment of non-reporting partners {non_reporters!r}")
        parts = []
        for one in (["exports", "imports"] if flow == "total" else [flow]):
            own, other = self.one_flow(country, year, one)
            if non_reporters == "removed":
                both = own.index.intersection(other.index)
                parts.append((own if data == "own" else other).loc[both])
            else:
                parts.append(own if data == "own" else other.combine_first(own))
        return pd.concat(parts).groupby(level=0).sum()


def partner_values(by_partner: pd.DataFrame, mirror: pd.DataFrame, country: str, year: int, flow: str,
                   data: str, non_reporters: str = "filled") -> pd.Series:
    """Trade of ``country`` with each partner in ``year`` (index: partner ISO3), by the data choice and
    the treatment of partners with no record of their own (see the module's docstring).

    ``flow`` is from ``country``'s point of view: "exports", "imports" or "total".
    """
    return Records(by_partner, mirror).values(country, year, flow, data, non_reporters)


def missing_reporters(by_partner: pd.DataFrame, mirror: pd.DataFrame, country: str, year: int,
                      flow: str = "total") -> pd.Series:
    """Partners in ``country``'s own records of ``flow`` with no record of their own, and the value
    ``country`` records with each (largest first): what a mirror ranking lacks unless filled."""
    own = partner_values(by_partner, mirror, country, year, flow, "own")
    kept = partner_values(by_partner, mirror, country, year, flow, "own", "removed")
    gone = own - kept.reindex(own.index).fillna(0)
    return gone[gone > 0].sort_values(ascending=False)


def rank_table(by_partner: pd.DataFrame, mirror: pd.DataFrame, years: range | list[int],
               tolerance: int = 0) -> pd.DataFrame:
    """The rank of the article's three measures under every definition and year; ``off_by`` is the
    computed rank minus the article's, ``within`` whether it is at most ``tolerance`` ranks away."""
    rows, records = [], Records(by_partner, mirror)
    for measure, (country, target, flow) in MEASURES.items():
        for year, data, eu, china, gaps in product(years, DATA_CHOICES, EU_CHOICES, CHINA_CHOICES,
                                                   NON_REPORTER_CHOICES):
            values = records.values(country, year, flow, data, gaps)
            grouped = group_partners(values, year, eu, china)
            rows.append({
                "measure": measure, "year": year, "data": data, "eu": eu, "china": china,
                "non_reporters": gaps, "rank": rank_of(grouped, target), "partners": int((grouped > 0).sum()),
            })
    out = pd.DataFrame(rows)
    out["article"] = out["measure"].map(ARTICLE_P10)
    out["off_by"] = out["rank"] - out["article"]
    out["matches_article"] = out["off_by"] == 0
    out["within"] = out["off_by"].abs() <= tolerance
    return out


WORDS = {
    "own": ("the reporter's own records", "own records"),
    "mirror": ("partners' (mirror) records", "mirror records"),
    "members": ("EU members one by one", "EU members apart"),
    "EU as one": ("the EU as one partner", "EU as one"),
    "separate": ("Hong Kong, Macao and Taiwan separate", "HK, Macao, Taiwan apart"),
    "with China": ("Hong Kong, Macao and Taiwan with China", "HK, Macao, Taiwan in China"),
    "filled": ("partners that do not report to the IMF filled from the other side's records", "non-reporters filled"),
    "removed": ("partners that do not report to the IMF left out of both sides", "non-reporters left out"),
    "as recorded": ("every partner as the reporter records it, Taiwan included", "as recorded"),
}


def describe(data: str, eu: str, china: str, non_reporters: str | None = None, short: bool = False) -> str:
    """A definition in words, long for prose or short for chart labels (``non_reporters`` named only
    when given)."""
    if non_reporters == "filled" and data == "own":
        non_reporters = "as recorded"  # own records are not filled: they hold every partner already
    choices = (data, eu, china) + ((non_reporters,) if non_reporters else ())
    return (" · " if short else ", ").join(WORDS[choice][short] for choice in choices)


def reproducing_definitions(ranks: pd.DataFrame) -> pd.DataFrame:
    """Definition-years under which all three of the article's ranks are reproduced at once."""
    keys = [k for k in KEYS if k in ranks.columns]
    matched = ranks.groupby(keys)["matches_article"].agg(["sum", "count"]).reset_index()
    return matched[matched["sum"] == matched["count"]][keys].reset_index(drop=True)


def sensitivity(ranks: pd.DataFrame) -> pd.DataFrame:
    """For each measure, and for all three at once: how many definition-years of ``rank_table`` give the
    article's rank exactly and how many within its tolerance (``within``), out of how many (``n``)."""
    together = ranks.groupby(KEYS)[["matches_article", "within"]].all().reset_index()
    rows = [(measure, part) for measure, part in ranks.groupby("measure", sort=False)]
    rows.append(("all three at once", together))
    return pd.DataFrame([{"rank": name, "exactly": int(part["matches_article"].sum()),
                          "within": int(part["within"].sum()), "n": len(part)} for name, part in rows])


def neighbours(values: pd.Series, target: str) -> tuple[float, float]:
    """How far, in percent of ``target``'s value, the partner just above and the one just below it are
    (NaN where there is none): how much trade one place is worth around ``target``."""
    ordered = values.sort_values(ascending=False)
    place = ordered.index.get_loc(target)
    own = ordered.iloc[place]
    above = (ordered.iloc[place - 1] / own - 1) * 100 if place > 0 else float("nan")
    below = (1 - ordered.iloc[place + 1] / own) * 100 if place + 1 < len(ordered) else float("nan")
    return above, below
