"""The people chapter's verdict rules (¶4 visa, ¶5 image, ¶7 tourism) run on small hand-made tables.

Each test builds only the columns a rule reads, with values chosen so the verdict and the numbers in
its reason can be worked out by hand (in the comments). ``Given`` refuses any table the test did not
hand over, so a rule that reached for the committed data would fail here.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from double_ally.chapters.people import rules
from double_ally.core.verdicts import Tables


class Given(Tables):
    """The tables a test hands over, and nothing else."""

    def __missing__(self, name):
        raise KeyError(f"the rule read {name!r}, which the test did not give")


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"[+-]?\d+(?:\.\d+)?", text)]


# ------------------------------------------------------------------------------- ¶7 tourism

def arrivals(totals: dict[str, dict[int, float]]) -> pd.DataFrame:
    """Monthly arrivals: each country's yearly total spread evenly over twelve months."""
    rows = [{"month": f"{year}-{m:02d}", "country": country, "arrivals": total / 12}
            for country, by_year in totals.items() for year, total in by_year.items() for m in range(1, 13)]
    return pd.DataFrame(rows)


def flat(value: float) -> dict[int, float]:
    return {year: value for year in range(2010, 2020)}


def primorye(t2014: float = 41000, t2013: float = 25500) -> pd.DataFrame:
    return pd.DataFrame({"item": ["Primorye tourists to Korea, Jan-Sep 2014", "Primorye tourists to Korea, Jan-Sep 2013"],
                         "value": [t2014, t2013]})


def russia(growth_2014: float) -> dict[int, float]:
    """1000 in 2010, +10 % a year to 2013 (1331), then ``growth_2014`` in 2014, flat to 2019."""
    by_year = {2010: 1000.0, 2011: 1100.0, 2012: 1210.0, 2013: 1331.0}
    for year in range(2014, 2020):
        by_year[year] = 1331.0 * (1 + growth_2014)
    return by_year


def test_p7_tourism_partly_supported_when_russia_accelerates_more_than_a_comparison_country():
    # Russia: 10 % a year before, 50 % in 2014, a change of +40 points; Japan, the U.S. and China flat
    # (change 0), so Russia's excess over each is 40 points. Over 2013-2019 Russia grows
    # 1.5 ** (1/6) - 1 = 7.0 % a year, 3 points below its earlier 10 %: excess -3 over each.
    monthly = arrivals({"RUS": russia(0.5), "JPN": flat(1000), "USA": flat(500), "CHN": flat(2000)})
    verdict = rules.decide_p7.claim.evaluate(Given({"arrivals_monthly": monthly, "people_page_facts": primorye()}))
    assert verdict.verdict == "partly supported"
    found = numbers(verdict.reason)
    assert 50 in found and 10 in found            # growth in 2014, average before
    assert found.count(40) >= 3 and found.count(-3) >= 3
    assert 41 in found and 25.5 in found          # Primorye, thousands, 2014 and 2013


def test_p7_tourism_contradicted_when_russia_does_not_accelerate():
    # Russia keeps its 10 % a year through 2014 (1331 -> 1464.1): no acceleration.
    monthly = arrivals({"RUS": russia(0.1), "JPN": flat(1000), "USA": flat(500), "CHN": flat(2000)})
    verdict = rules.decide_p7.claim.evaluate(Given({"arrivals_monthly": monthly, "people_page_facts": primorye()}))
    assert verdict.verdict == "contradicted"


def test_p7_tourism_contradicted_when_every_comparison_country_accelerates_more():
    # Russia +40 points as above; every comparison country goes from flat to doubling in 2014 (+100).
    doubling = {**flat(1000), **{year: 2000.0 for year in range(2014, 2020)}}
    monthly = arrivals({"RUS": russia(0.5), "JPN": doubling, "USA": doubling, "CHN": doubling})
    verdict = rules.decide_p7.claim.evaluate(Given({"arrivals_monthly": monthly, "people_page_facts": primorye()}))
    assert verdict.verdict == "contradicted"
    assert numbers(verdict.reason).count(-60) >= 3  # 40 - 100 points against each


def test_waiver_design_reads_the_frame_it_is_given():
    monthly = arrivals({"RUS": russia(0.5), "JPN": flat(1000), "USA": flat(500), "CHN": flat(2000)})
    design = rules.waiver_design(monthly)
    assert design["first"].loc["RUS", "post_pct"] == pytest.approx(50)
    assert design["long"].loc["RUS", "post_pct"] == pytest.approx((1.5 ** (1 / 6) - 1) * 100)


# ------------------------------------------------------------------------------------ ¶4 visa

def visa(rows: list[tuple[int, str, str, bool]]) -> pd.DataFrame:
    """Passport Index rows: (snapshot year, destination, ally class, visa free)."""
    frame = pd.DataFrame(rows, columns=["snapshot_year", "destination", "ally_class", "visa_free"])
    return frame.assign(ally_basis="", entry=frame["visa_free"].map({True: "visa free", False: "visa required"}))


def waivers(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """Page facts: (country, date the waiver with Russia took effect)."""
    return pd.DataFrame({"item": "in force", "country": [c for c, _ in rows], "date": [d for _, d in rows]})


VISA = [
    (2019, "KOR", "treaty ally", True), (2019, "THA", "treaty ally", True), (2019, "ISR", "major non-NATO ally", True),
    (2019, "JPN", "treaty ally", False), (2019, "SRB", "not a U.S. ally", True),
    (2021, "THA", "treaty ally", False), (2021, "ISR", "major non-NATO ally", False),
    (2022, "THA", "treaty ally", True), (2022, "ISR", "major non-NATO ally", True), (2022, "ARG", "major non-NATO ally", True),
]


def test_p4_contradicted_when_an_ally_kept_a_waiver_that_predates_2014():
    # Thailand's waiver dates from 2007 and Thailand is visa-free in 2019: it kept its regime.
    # Visa-free allies other than Korea: 2 in 2019 (Israel, Thailand), 0 in 2021, 3 in 2022.
    facts = waivers([("KOR", "2014-01-01"), ("THA", "2007-03-24"), ("ISR", "2016-05-01")])
    verdict = rules.decide_p4.claim.evaluate(Given({"visa_free_russia": visa(VISA), "people_page_facts": facts}))
    assert verdict.verdict == "contradicted"
    found = numbers(verdict.reason)
    assert 2007 in found and 2 in found and 0 in found and 3 in found
    assert "THA" in verdict.reason and "ISR" in verdict.reason and "SRB" not in verdict.reason


def test_p4_not_testable_when_no_page_dates_an_allied_waiver_before_2014():
    facts = waivers([("KOR", "2014-01-01"), ("ISR", "2016-05-01")])
    verdict = rules.decide_p4.claim.evaluate(Given({"visa_free_russia": visa(VISA), "people_page_facts": facts}))
    assert verdict.verdict == "not testable with open data"


def test_p4_supported_when_no_other_ally_was_visa_free():
    only_korea = [r for r in VISA if r[1] in ("KOR", "JPN", "SRB")]
    facts = waivers([("KOR", "2014-01-01"), ("THA", "2007-03-24")])
    verdict = rules.decide_p4.claim.evaluate(Given({"visa_free_russia": visa(only_korea), "people_page_facts": facts}))
    assert verdict.verdict == "supported"
    assert 0 in numbers(verdict.reason)  # no other ally in December 2019


# ----------------------------------------------------------------------------------- ¶5 image

ALLIES_2019 = visa([(2019, "KOR", "treaty ally", True), (2019, "JPN", "treaty ally", False),
                    (2019, "AUS", "treaty ally", False), (2019, "CHN", "not a U.S. ally", True)])


def pew(korea: dict[int, float], japan: float, australia: float, china: float = 90.0) -> pd.DataFrame:
    rows = []
    for year, kor in korea.items():
        rows += [(year, "KOR", kor), (year, "JPN", japan), (year, "AUS", australia), (year, "CHN", china)]
    return pd.DataFrame(rows, columns=["year", "country", "favourable_pct"]).assign(target="RUS")


def test_p5_partly_supported_when_koreans_are_warmer_than_the_allies():
    # Waves 2010, 2015, 2018: Korea 55, 60, 45 against Japan 20 and Australia 30 (median 25; China is
    # no ally and does not count): a majority in 2 of 3 waves, above the median in 3 of 3.
    # The last wave, 2022, is outside 2007-2020: Korea 10.
    table = pew({2010: 55, 2015: 60, 2018: 45, 2022: 10}, japan=20, australia=30)
    verdict = rules.decide_p5.claim.evaluate(Given({"pew_favourability": table, "visa_free_russia": ALLIES_2019}))
    assert verdict.verdict == "partly supported"
    found = numbers(verdict.reason)
    assert {45, 60} <= set(found)          # the range of the favourable share
    assert found.count(3) >= 2 and 2 in found
    assert 10 in found and 2022 in found   # the last wave


def test_p5_contradicted_when_koreans_are_cool_and_colder_than_the_allies():
    # Korea 20, 15, 30 against Japan 40 and Australia 50: no majority, never above the median of 45.
    table = pew({2010: 20, 2015: 15, 2018: 30}, japan=40, australia=50, china=5)
    verdict = rules.decide_p5.claim.evaluate(Given({"pew_favourability": table, "visa_free_russia": ALLIES_2019}))
    assert verdict.verdict == "contradicted"
    assert {15, 30} <= set(numbers(verdict.reason))


def test_ally_set_keeps_the_narrow_allies_of_the_snapshot_year_without_korea():
    assert rules.ally_set(ALLIES_2019) == {"JPN", "AUS"}
    assert rules.ally_set(ALLIES_2019, year=2020) == set()
