"""The trade chapter's new definitions and robustness checks on small hand-made tables.

Partners that do not report to the IMF (Taiwan), the one-place tolerance of ¶10, and the alternatives
each check tries: the hand-made values are chosen so that the answer can be worked out in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from double_ally.chapters.trade import robustness, rules
from double_ally.chapters.trade.ranks import Records, missing_reporters, partner_values, rank_of, rank_table
from double_ally.core.robustness import assess
from test_trade_rules import rank_tables  # the rule tests' tables: ranks set per (year, records)

COLUMNS = ["year", "reporter", "partner", "flow", "value_usd_m"]


def korea_with_taiwan():
    """South Korea's own records of its trade with CHN 100, TWN 50, RUS 30, USA 40 (exports only, 2018),
    and the partners' records of the same trade: TWN reports nothing; the others report
    CHN 90, USA 45, RUS 35 of imports from Korea."""
    own = pd.DataFrame([(2018, "KOR", p, "exports", v) for p, v in
                        [("CHN", 100.0), ("TWN", 50.0), ("RUS", 30.0), ("USA", 40.0)]], columns=COLUMNS)
    mirror = pd.DataFrame([(2018, p, "KOR", "imports", v) for p, v in
                           [("CHN", 90.0), ("USA", 45.0), ("RUS", 35.0)]], columns=COLUMNS)
    return own, mirror


def test_a_partner_that_does_not_report_is_missing_from_the_mirror_and_the_fill_restores_it():
    own, mirror = korea_with_taiwan()
    left_out = partner_values(own, mirror, "KOR", 2018, "exports", "mirror", "removed")
    filled = partner_values(own, mirror, "KOR", 2018, "exports", "mirror", "filled")
    assert "TWN" not in left_out.index
    assert filled["TWN"] == 50.0 and filled["RUS"] == 35.0  # Taiwan from Korea's records, the rest mirrored
    # Left out, Russia (35) has only CHN and USA above it: rank 3. Filled, Taiwan (50) is above too: rank 4,
    # the rank Korea's own records give (CHN 100, TWN 50, USA 40 above RUS 30).
    assert rank_of(left_out, "RUS") == 3
    assert rank_of(filled, "RUS") == 4
    assert rank_of(partner_values(own, mirror, "KOR", 2018, "exports", "own"), "RUS") == 4
    # Left out of both sides, the own ranking loses Taiwan as well
    assert rank_of(partner_values(own, mirror, "KOR", 2018, "exports", "own", "removed"), "RUS") == 3
    assert missing_reporters(own, mirror, "KOR", 2018, "exports").to_dict() == {"TWN": 50.0}


def test_the_fill_is_per_flow():
    # Taiwan reports imports from Korea (flow seen by Korea: exports) but not exports to Korea
    own = pd.DataFrame([(2018, "KOR", "TWN", "exports", 50.0), (2018, "KOR", "TWN", "imports", 20.0)], columns=COLUMNS)
    mirror = pd.DataFrame([(2018, "TWN", "KOR", "imports", 55.0)], columns=COLUMNS)
    total = partner_values(own, mirror, "KOR", 2018, "total", "mirror")
    assert total["TWN"] == 75.0  # 55 as Taiwan records it, 20 from Korea's records
    assert partner_values(own, mirror, "KOR", 2018, "total", "mirror", "removed")["TWN"] == 55.0


def test_unknown_choices_are_refused():
    own, mirror = korea_with_taiwan()
    with pytest.raises(ValueError):
        Records(own, mirror).values("KOR", 2018, "exports", "mirror", "ignored")
    with pytest.raises(ValueError):
        Records(own, mirror).values("KOR", 2018, "exports", "theirs")


def test_rank_table_marks_ranks_within_the_tolerance():
    # 2020, own records: 13 / 5 / 8 against the article's 12 / 6 / 8, one place off on each side and exact
    given = rank_tables({(2020, "own"): (13, 5, 8)})
    for tolerance, expected in ((1, [True, True, True]), (0, [False, False, True])):
        table = rank_table(given["trade_by_partner"], given["trade_mirror"], [2020], tolerance)
        row = table[(table["data"] == "own") & (table["eu"] == "members") & (table["china"] == "separate")
                    & (table["non_reporters"] == "filled")].set_index("measure")
        assert list(row["off_by"]) == [1, -1, 0]
        assert list(row["within"]) == expected


# ------------------------------------------------------------------------------------ robustness checks

YEARS = list(rules.YEARS)
OTHERS = ["USA", "JPN", "IND", "TUR", "BRA", "CAN", "AUS", "MEX", "NOR", "CHE", "ZAF", "ARG", "IDN", "SAU"]


def russia_partners(korea_own: float, korea_mirror: float) -> dict[str, pd.DataFrame]:
    """Every year 2015-2020: Russia trades 100 with each of 14 other partners except the last five (10),
    so nine partners are above 10; South Korea's trade with Russia is ``korea_own`` in Russia's records and
    ``korea_mirror`` in Korea's. Every partner reports; values are total trade split into two flows."""
    own, mirror = [], []
    for year in YEARS:
        for i, partner in enumerate(OTHERS + ["KOR"]):
            value = korea_own if partner == "KOR" else (100.0 if i < 9 else 10.0)
            seen = korea_mirror if partner == "KOR" else value
            for flow, other in (("exports", "imports"), ("imports", "exports")):
                own.append((year, "RUS", partner, flow, value / 2))
                mirror.append((year, partner, "RUS", other, seen / 2))
    bilateral = pd.DataFrame([{"year": y, "reporter": "RUS", "flow": f, "value_usd_m": korea_own / 2}
                              for y in YEARS for f in ("exports", "imports")])
    world = pd.DataFrame([{"year": y, "reporter": "RUS", "flow": f, "value_usd_m": 500.0}
                          for y in YEARS for f in ("exports", "imports")])
    return {"trade_by_partner": pd.DataFrame(own, columns=COLUMNS), "trade_mirror": pd.DataFrame(mirror, columns=COLUMNS),
            "trade_kor_rus_bilateral": bilateral, "trade_world_totals": world}


def test_p7_check_reports_a_flip_when_partners_records_put_korea_outside_the_top_ten():
    # Russia's records: Korea 50, above the five partners at 10 and below nine at 100: rank 10, inside.
    # Korea's records of the same trade: 5, below all fourteen: rank 15, outside in every year.
    t = russia_partners(korea_own=50.0, korea_mirror=5.0)
    assert rules.decide_p7(t)[0] == "partly supported"
    found = {a.label: a for a in robustness.check_p7(t)}
    mirror = next(a for label, a in found.items() if label.startswith("partners' records (mirror data)"))
    assert mirror.verdict == "contradicted" and mirror.kind == "records"
    assert "rank 15" in mirror.detail and "top ten in 0 of 6 years" in mirror.detail
    result = assess("p07-trade", "primary", "partly supported", list(found.values()))
    assert result.status == "fragile"


def test_p7_check_is_robust_when_both_records_agree():
    t = russia_partners(korea_own=50.0, korea_mirror=50.0)
    result = assess("p07-trade", "primary", rules.decide_p7(t)[0], robustness.check_p7(t))
    assert result.status == "robust"


def test_p10_check_reports_the_mirror_alternative_that_flips():
    # 2020: own records give 12 / 6 / 8 (supported); the mirror records give 1 / 1 / 1 (contradicted)
    t = rank_tables({(2020, "own"): (12, 6, 8)})
    alternatives = {a.label: a for a in robustness.check_p10(t)}
    mirror = [a for label, a in alternatives.items() if label.startswith("partners' records")]
    assert mirror and all(a.verdict == "contradicted" for a in mirror)
    assert all("1 / 1 / 1" in a.detail for a in mirror)
    year_before = next(a for label, a in alternatives.items() if label.startswith("2019"))
    assert year_before.verdict == "contradicted" and year_before.detail.startswith("2019")
    exact = next(a for label, a in alternatives.items() if label.startswith("exact"))
    assert exact.verdict == "supported"  # 12 / 6 / 8 are exact
    assert assess("p10-ranks", "primary", "supported", list(alternatives.values())).status == "fragile"


def facts(units: list[str], indicators: list[str] | None = None, periods: list[str] | None = None) -> pd.DataFrame:
    return pd.DataFrame({"category": "transport", "unit": units,
                         "indicator": indicators or ["Rail containers"] * len(units),
                         "period": periods or ["2021"] * len(units)})


def test_p8_check_counts_the_evidence_and_stays_not_testable():
    t = {"trade_page_facts": facts(["TEU", "TEU"], ["Sea route containers", "Rail containers"], ["1993", "2021"]),
         "trade_kor_rus_by_hs2": pd.DataFrame(columns=["year", "flow", "hs2", "value_usd_m"])}
    alternatives = robustness.check_p8(t)
    assert {a.verdict for a in alternatives} == {"not testable with open data"}
    details = " ".join(a.detail for a in alternatives)
    assert "2 container counts" in details and "0 years with both" in details


def test_p8_check_refuses_to_call_the_claim_untestable_once_evidence_exists():
    # a sea and a rail count for the same year: a proxy the rule would have to be written for
    t = {"trade_page_facts": facts(["TEU", "TEU"], ["Maritime containers", "Rail containers"], ["2021", "2021"]),
         "trade_kor_rus_by_hs2": pd.DataFrame(columns=["year", "flow", "hs2", "value_usd_m"])}
    with pytest.raises(NotImplementedError):
        robustness.check_p8(t)
    # a mode-of-transport column in the customs goods table
    t = {"trade_page_facts": facts(["TEU"]),
         "trade_kor_rus_by_hs2": pd.DataFrame(columns=["year", "transport_mode", "value_usd_m"])}
    with pytest.raises(NotImplementedError):
        robustness.check_p8(t)
