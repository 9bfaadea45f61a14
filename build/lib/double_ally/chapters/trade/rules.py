"""The trade chapter's verdicts on ¶7, ¶8 and ¶10, decided from the derived tables.

The rules are stated in each function's docstring, and in the chapter, before the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.verdicts import claim
from double_ally.chapters.trade.ranks import describe, group_partners, partner_values, rank_of, rank_table
from double_ally.chapters.trade.analysis import shares

YEARS = range(2015, 2021)
TOP = 10  # South Korea's weight in Russia's trade: among Russia's ten largest partners
CHAPTER = "book/trade"


def ranks(by_partner: pd.DataFrame, mirror: pd.DataFrame) -> pd.DataFrame:
    """The article's three ranks under every definition, 2015-2020 (tables ``trade_by_partner`` and
    ``trade_mirror``)."""
    return rank_table(by_partner, mirror, YEARS)


def korea_rank_in_russia_total(by_partner: pd.DataFrame, mirror: pd.DataFrame, year: int) -> int:
    """South Korea's rank among Russia's partners by total trade, Russia's own records, EU members apart."""
    values = partner_values(by_partner, mirror, "RUS", year, "total", "own")
    return rank_of(group_partners(values, year), "KOR")


@claim("p07-trade", paragraph=7, kind="interpretation", chapter=CHAPTER, section="weight-in-each-economy",
       text=("For Russia, trade is, with tourism, one of the two key aspects of its relationship with South "
             "Korea (what open data can test: South Korea's weight in Russia's trade)."))
def decide_p7(t) -> tuple[str, str]:
    """What the data can show is South Korea's weight in Russia's trade, not that trade matters more
    to Russia than the other parts of the relationship (the diplomacy over North Korea, for one): no
    open measure ranks the parts of a relationship. Supported would need such a measure, so the
    verdict is at most partly supported. Partly supported if South Korea is among Russia's ten
    largest partners by total trade (Russia's own records, EU members one by one) in at least one
    year 2015-2020, the reason saying in how many; contradicted if in none, since trade that does
    not make South Korea a leading partner of Russia's cannot be a key aspect on this measure.
    The tourism half of ¶7 is tested in the people chapter."""
    by_partner, mirror = t["trade_by_partner"], t["trade_mirror"]
    rank = {year: korea_rank_in_russia_total(by_partner, mirror, year) for year in YEARS}
    share = shares(t["trade_kor_rus_bilateral"], t["trade_world_totals"])
    rus = share[(share["reporter"] == "RUS") & share["year"].isin(list(YEARS))]["share_pct"]
    inside = [y for y, r in rank.items() if r <= TOP]
    verdict = "partly supported" if inside else "contradicted"
    reason = (
        f"In Russia's own records South Korea ranked between {min(rank.values())} and {max(rank.values())} "
        f"among Russia's trading partners in 2015-2020 (EU members counted one by one) and accounted for "
        f"{rus.min():.1f}-{rus.max():.1f}% of Russia's trade: a top-{TOP} partner in {len(inside)} of "
        f"{len(rank)} years. That is what open data can test, South Korea's weight in Russia's trade. "
        f"Whether trade matters more to Russia than the other parts of the relationship has no open "
        f"measure, so the verdict cannot be higher than partly supported. This verdict covers the trade "
        f"half of the claim."
    )
    return verdict, reason


@claim("p08-sea", paragraph=8, kind="fact", chapter=CHAPTER, section="by-sea-8",
       text="Nearly all goods traded between the two countries travel by ship.")
def decide_p8(t) -> tuple[str, str]:
    """Testable only with trade value (or tonnage) by mode of transport for both directions. If the
    sources hold no such figures, the verdict is 'not testable with open data'."""
    facts = t["trade_page_facts"]
    transport = facts[facts["category"] == "transport"]
    by_value = transport[transport["unit"].str.contains("USD|tonne", case=False)]
    if not by_value.empty:
        raise NotImplementedError("transport figures by value exist now: decide ¶8 from them")
    teu = transport[transport["unit"] == "TEU"]
    return (
        "not testable with open data",
        f"No source gives Korea-Russia trade by mode of transport in value or weight. The pages give "
        f"{len(teu)} container counts (TEU), rail and sea, for different years and coverage (the rail "
        f"figures include transit), which cannot be set against each other or against trade in dollars.",
    )


@claim("p10-ranks", paragraph=10, kind="fact", chapter=CHAPTER, section="the-partner-ranks-10",
       text=("The article ranks Russia twelfth among South Korea's trading partners, and South Korea "
             "sixth among Russia's import sources and eighth among its export markets."))
def decide_p10(t) -> tuple[str, str]:
    """Supported if one definition reproduces all three ranks in 2019 or 2020 (the latest years before
    the article); partly supported if each rank is reproduced by some definition in 2019-2020, or all
    three together in an earlier year; contradicted otherwise."""
    table = ranks(t["trade_by_partner"], t["trade_mirror"])
    recent = table[table["year"].isin([2019, 2020])]
    together = recent.groupby(["year", "data", "eu", "china"])["matches_article"].all()
    each = recent.groupby("measure")["matches_article"].any()
    earlier = table.groupby(["year", "data", "eu", "china"])["matches_article"].all()
    if together.any():
        year, data, eu, china = together[together].index[0]
        return "supported", f"All three ranks are reproduced for {year} with {describe(data, eu, china)}."
    hits = earlier[earlier]
    hit_text = (
        "; ".join(f"{y} ({describe(d, e, c)})" for y, d, e, c in hits.index)
        if len(hits) else "no year"
    )
    if each.all() or len(hits):
        return "partly supported", (
            f"No single definition gives all three ranks for 2019 or 2020, though each rank appears under "
            f"some definition in those years. All three together are reproduced only for: {hit_text}. "
            f"The ranks depend on whose records are used and on how the EU is counted."
        )
    return "contradicted", "No definition reproduces the article's ranks in any year 2015-2020."
