"""The trade chapter's verdicts on ¶7, ¶8 and ¶10, decided from the derived tables.

The rules are stated in each function's docstring, and in the chapter, before the result.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core.verdicts import claim
from double_ally.chapters.trade.ranks import (ARTICLE_P10, MEASURES, WORDS, Records, describe, group_partners,
                                              rank_of, rank_table)
from double_ally.chapters.trade.analysis import shares

YEARS = range(2015, 2021)
TRANSPORT_UNITS = "USD|tonne"  # ¶8 is testable from transport figures in value (US$) or weight (tonnes)
TOP = 10  # South Korea's weight in Russia's trade: among Russia's ten largest partners
CHAPTER = "book/trade"
WHOSE = {"own": "Russia's own records", "mirror": "Russia's partners' records of the same trade"}
# ¶10: a computed rank reproduces the article's if it is at most this many places away. One place: the
# ranks around South Korea's and Russia's are a few per cent apart, so one definition or one year moves
# them by a place or two (the chapter shows by how much), while two places would let most of the grid pass.
RANK_TOLERANCE = 1
# ¶10's primary definition: the national-statistics one (each country's own records, EU members one by
# one, Hong Kong, Macao and Taiwan apart) for 2020, the last complete year before the article (July 2021).
P10_PRIMARY = {"year": 2020, "data": "own", "eu": "members", "china": "separate", "non_reporters": "filled"}
# ¶7's primary definition: South Korea's rank among Russia's partners in Russia's own records, EU members
# one by one (partners that do not report to the IMF matter only to a mirror ranking: filled).
P7_PRIMARY = {"data": "own", "eu": "members", "non_reporters": "filled"}


def ranks(by_partner: pd.DataFrame, mirror: pd.DataFrame) -> pd.DataFrame:
    """The article's three ranks under every definition, 2015-2020 (tables ``trade_by_partner`` and
    ``trade_mirror``), each marked ``within`` ``RANK_TOLERANCE`` of the article's or not."""
    return rank_table(by_partner, mirror, YEARS, RANK_TOLERANCE)


def korea_in_russia_total(records: Records, year: int, data: str = "own", eu: str = "members",
                          non_reporters: str = "filled") -> tuple[int, pd.Series]:
    """South Korea's rank among Russia's partners by total trade, Hong Kong, Macao and Taiwan apart, and
    the partners' values, largest first."""
    values = group_partners(records.values("RUS", year, "total", data, non_reporters), year, eu)
    return rank_of(values, "KOR"), values.sort_values(ascending=False)


def korea_rank_in_russia_total(by_partner: pd.DataFrame, mirror: pd.DataFrame, year: int, data: str = "own") -> int:
    """South Korea's rank among Russia's partners by total trade, EU members apart (Russia's own records
    unless ``data`` says otherwise)."""
    return korea_in_russia_total(Records(by_partner, mirror), year, data)[0]


@claim("p07-trade", paragraph=7, kind="interpretation", chapter=CHAPTER, section="weight-in-each-economy",
       text=("For Russia, trade is, with tourism, one of the two key aspects of its relationship with South "
             "Korea (what open data can test: South Korea's weight in Russia's trade)."))
def decide_p7(t, *, data: str = P7_PRIMARY["data"], eu: str = P7_PRIMARY["eu"],
              non_reporters: str = P7_PRIMARY["non_reporters"]) -> tuple[str, str]:
    """What the data can show is South Korea's weight in Russia's trade, not that trade matters more
    to Russia than the other parts of the relationship (the diplomacy over North Korea, for one): no
    open measure ranks the parts of a relationship. Supported would need such a measure, so the
    verdict is at most partly supported. Partly supported if South Korea is among Russia's ten
    largest partners by total trade (primary: Russia's own records, EU members one by one) in at least
    one year 2015-2020, the reason saying in how many; contradicted if in none, since trade that does
    not make South Korea a leading partner of Russia's cannot be a key aspect on this measure.
    The keywords give the alternatives of the robustness check: ``data="mirror"`` ranks Russia's
    partners by their own records, ``eu="EU as one"`` counts the EU as one partner. The tourism half
    of ¶7 is tested in the people chapter."""
    records = Records(t["trade_by_partner"], t["trade_mirror"])
    rank = {year: korea_in_russia_total(records, year, data, eu, non_reporters)[0] for year in YEARS}
    share = shares(t["trade_kor_rus_bilateral"], t["trade_world_totals"])
    rus = share[(share["reporter"] == "RUS") & share["year"].isin(list(YEARS))]["share_pct"]
    inside = [y for y, r in rank.items() if r <= TOP]
    verdict = "partly supported" if inside else "contradicted"
    reason = (
        f"In {WHOSE[data]} South Korea ranked between {min(rank.values())} and {max(rank.values())} "
        f"among Russia's trading partners in 2015-2020 ({WORDS[eu][0]}"
        f"{'' if (data, non_reporters) == ('own', 'filled') else '; ' + WORDS[non_reporters][0]}) and, in "
        f"Russia's records, accounted for "
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
    by_value = transport[transport["unit"].str.contains(TRANSPORT_UNITS, case=False)]
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
def decide_p10(t, *, year: int = P10_PRIMARY["year"], data: str = P10_PRIMARY["data"],
               eu: str = P10_PRIMARY["eu"], china: str = P10_PRIMARY["china"],
               non_reporters: str = P10_PRIMARY["non_reporters"], tolerance: int = RANK_TOLERANCE) -> tuple[str, str]:
    """One definition decides (primary: ``P10_PRIMARY``, the national-statistics definition for 2020,
    the last complete year before the article). A rank is reproduced if it is at most ``tolerance``
    places from the article's. Supported if all three ranks are reproduced, partly supported if one or
    two are, contradicted if none. The other definitions and years are the sensitivity (the chapter's
    table and the robustness check), not the verdict."""
    computed = p10_ranks(Records(t["trade_by_partner"], t["trade_mirror"]), year, data, eu, china, non_reporters)
    close = {measure: abs(rank - ARTICLE_P10[measure]) <= tolerance for measure, rank in computed.items()}
    n = sum(close.values())
    verdict = "supported" if n == len(close) else "partly supported" if n else "contradicted"
    listed = "; ".join(f"{measure}: {rank} (article: {ARTICLE_P10[measure]})" for measure, rank in computed.items())
    return verdict, (
        f"For {year}, with {describe(data, eu, china, non_reporters)}: {listed}. {n} of {len(close)} ranks "
        f"are within {tolerance} place{'s' if tolerance != 1 else ''} of the article's. The article does not "
        f"say which source or year it used; the other definitions and years are tried in the robustness check."
    )


def p10_ranks(records: Records, year: int, data: str, eu: str, china: str, non_reporters: str) -> dict[str, int]:
    """The article's three ranks (``MEASURES``) under one definition and year."""
    return {measure: rank_of(group_partners(records.values(country, year, flow, data, non_reporters), year, eu,
                                            china), target)
            for measure, (country, target, flow) in MEASURES.items()}
