"""The trade chapter's verdicts decided again under alternative definitions (¶7, ¶8, ¶10).

Each check runs the chapter's rule with one choice changed (whose records, the EU, Hong Kong, Macao
and Taiwan, partners that do not report to the IMF, the year, the tolerance) and reports the figure
that decides the alternative.
"""

from __future__ import annotations

from double_ally.core.robustness import Alternative, checks
from double_ally.chapters.trade import rules
from double_ally.chapters.trade.ranks import ARTICLE_P10, Records


def _ten(records: Records, year: int, **definition) -> str:
    """South Korea's rank among Russia's partners in ``year`` and the value of the partner on the other
    side of the top-ten line (the tenth if South Korea is outside, the eleventh if inside)."""
    rank, values = rules.korea_in_russia_total(records, year, **definition)
    place = min(rules.TOP if rank <= rules.TOP else rules.TOP - 1, len(values) - 1)
    return (f"{year}: South Korea rank {rank}, US${values['KOR'] / 1000:.1f} bn; place {place + 1} "
            f"({values.index[place]}) US${values.iloc[place] / 1000:.1f} bn")


@checks("p07-trade", primary=("South Korea's rank among Russia's partners by total trade in Russia's own "
                              "records, EU members one by one, 2015-2020; partly supported if in the top ten "
                              "in at least one year."))
def check_p7(t) -> list[Alternative]:
    records = Records(t["trade_by_partner"], t["trade_mirror"])
    out = []
    for label, kind, definition in [
        ("partners' records (mirror data), non-reporters filled from Russia's records", "records",
         {"data": "mirror"}),
        ("partners' records, partners that do not report left out", "records",
         {"data": "mirror", "non_reporters": "removed"}),
        ("the EU counted as one partner", "definition", {"eu": "EU as one"}),
    ]:
        ranks = {y: rules.korea_in_russia_total(records, y, **definition)[0] for y in rules.YEARS}
        inside = sum(r <= rules.TOP for r in ranks.values())
        detail = (f"ranks {', '.join(str(r) for r in ranks.values())} in {rules.YEARS[0]}-{rules.YEARS[-1]} "
                  f"(top ten in {inside} of {len(ranks)} years); {_ten(records, rules.YEARS[-1], **definition)}")
        out.append(Alternative(label, rules.decide_p7(t, **definition)[0], detail, kind))
    return out


def transport_evidence(t) -> dict[str, int]:
    """What the tables hold on how Korea-Russia goods travel: page figures by mode of transport in value
    or weight, container counts, years with both a sea and a rail container count, and mode-of-transport
    columns in the customs goods table."""
    facts = t["trade_page_facts"]
    transport = facts[facts["category"] == "transport"]
    teu = transport[transport["unit"] == "TEU"]
    sea = set(teu.loc[teu["indicator"].str.contains("sea|maritime", case=False), "period"])
    rail = set(teu.loc[teu["indicator"].str.contains("rail", case=False), "period"])
    goods = t["trade_kor_rus_by_hs2"]
    return {
        "value or weight": int(transport["unit"].str.contains(rules.TRANSPORT_UNITS, case=False).sum()),
        "container counts": len(teu),
        "years with sea and rail": len(sea & rail),
        "mode columns": sum(("mode" in c or "transport" in c) for c in goods.columns),
    }


def _testable(count: int) -> str:
    """The verdict ¶8 gets from one kind of evidence: none of it, not testable."""
    if count:
        raise NotImplementedError("transport figures that could test ¶8 exist now: decide it from them")
    return "not testable with open data"


@checks("p08-sea", primary=("Korea-Russia trade by mode of transport, in value or weight, both directions; "
                            "not testable with open data where no source gives it."))
def check_p8(t) -> list[Alternative]:
    found = transport_evidence(t)
    return [
        Alternative("container counts (TEU) by sea against by rail, same year", _testable(
            found["years with sea and rail"]), kind="indicators",
            detail=f"{found['container counts']} container counts; {found['years with sea and rail']} years with "
                   f"both a sea and a rail count"),
        Alternative("Korea Customs Service goods tables (by HS chapter)", _testable(found["mode columns"]),
                    kind="records", detail=f"{found['mode columns']} mode-of-transport columns in the table"),
        Alternative("page figures in value or weight by mode", _testable(found["value or weight"]),
                    kind="records", detail=f"{found['value or weight']} transport figures in US$ or tonnes"),
    ]


def _p10_detail(records: Records, **changed) -> str:
    definition = {**rules.P10_PRIMARY, **changed}
    definition.pop("tolerance", None)
    computed = rules.p10_ranks(records, **definition)
    return f"{definition['year']}: " + " / ".join(str(computed[m]) for m in ARTICLE_P10) + (
        " against the article's " + " / ".join(str(v) for v in ARTICLE_P10.values()))


@checks("p10-ranks", primary=("The national-statistics definition: each country's own records, EU members one "
                              "by one, Hong Kong, Macao and Taiwan apart, 2020 (the last complete year before "
                              "the article); a rank is reproduced within one place."))
def check_p10(t) -> list[Alternative]:
    records = Records(t["trade_by_partner"], t["trade_mirror"])
    out = []
    for label, kind, changed in [
        ("2019, the year before", "definition", {"year": 2019}),
        ("partners' records (mirror), Taiwan and other non-reporters filled from the reporter's records",
         "records", {"data": "mirror"}),
        ("partners' records (mirror), non-reporters left out (Taiwan missing)", "records",
         {"data": "mirror", "non_reporters": "removed"}),
        ("own records, partners that do not report left out of both sides", "definition",
         {"non_reporters": "removed"}),
        ("the EU counted as one partner", "definition", {"eu": "EU as one"}),
        ("Hong Kong, Macao and Taiwan counted with China", "definition", {"china": "with China"}),
        ("exact ranks only (no tolerance)", "uncertainty", {"tolerance": 0}),
    ]:
        out.append(Alternative(label, rules.decide_p10(t, **changed)[0], _p10_detail(records, **changed), kind))
    return out
