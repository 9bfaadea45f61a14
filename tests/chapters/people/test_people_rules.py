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


# The former endpoint design is kept as an alternative in the robustness check (rules.endpoint_verdict);
# the event study that now decides ¶7 is tested in test_robustness_people.py.

def test_endpoint_alternative_passes_when_russia_accelerates_more_than_a_comparison_country():
    # Russia: 10 % a year before, 50 % in 2014, a change of +40 points; Japan, the U.S. and China flat
    # (change 0), so Russia's excess over each is 40 points.
    monthly = arrivals({"RUS": russia(0.5), "JPN": flat(1000), "USA": flat(500), "CHN": flat(2000)})
    verdict, detail = rules.endpoint_verdict(Given({"arrivals_monthly": monthly}))
    assert verdict == "partly supported"
    assert numbers(detail).count(40) == 3


def test_endpoint_alternative_fails_when_russia_does_not_accelerate():
    # Russia keeps its 10 % a year through 2014 (1331 -> 1464.1): no acceleration.
    monthly = arrivals({"RUS": russia(0.1), "JPN": flat(1000), "USA": flat(500), "CHN": flat(2000)})
    assert rules.endpoint_verdict(Given({"arrivals_monthly": monthly}))[0] == "contradicted"


def test_endpoint_alternative_fails_when_every_comparison_country_accelerates_more():
    # Russia +40 points as above; every comparison country goes from flat to doubling in 2014 (+100).
    doubling = {**flat(1000), **{year: 2000.0 for year in range(2014, 2020)}}
    monthly = arrivals({"RUS": russia(0.5), "JPN": doubling, "USA": doubling, "CHN": doubling})
    verdict, detail = rules.endpoint_verdict(Given({"arrivals_monthly": monthly}))
    assert verdict == "contradicted"
    assert numbers(detail).count(-60) == 3  # 40 - 100 points against each


def test_waiver_design_reads_the_frame_it_is_given():
    monthly = arrivals({"RUS": russia(0.5), "JPN": flat(1000), "USA": flat(500), "CHN": flat(2000)})
    design = rules.waiver_design(monthly)
    assert design["first"].loc["RUS", "post_pct"] == pytest.approx(50)
    assert design["long"].loc["RUS", "post_pct"] == pytest.approx((1.5 ** (1 / 6) - 1) * 100)


# ------------------------------------------------------------------------------------ ¶4 visa

SNAPSHOT = {2019: "2019-12-17", 2021: "2021-12-14", 2022: "2022-12-21"}


def visa(rows: list[tuple[int, str, bool]]) -> pd.DataFrame:
    """Passport Index rows: (snapshot year, destination, visa free), dated by SNAPSHOT."""
    frame = pd.DataFrame(rows, columns=["snapshot_year", "destination", "visa_free"])
    return frame.assign(snapshot_date=frame["snapshot_year"].map(SNAPSHOT),
                        entry=frame["visa_free"].map({True: "visa free", False: "visa required"}))


def allies(rows: list[tuple[str, str, str | None, str | None]]) -> pd.DataFrame:
    """us_allies_by_date rows: (country, alliance, from date, to date)."""
    frame = pd.DataFrame(rows, columns=["country", "alliance", "from_date", "to_date"])
    return frame.assign(status="in force", source_url="https://example.org/ally")


def waivers(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """Page facts: (country, date the waiver with Russia took effect)."""
    return pd.DataFrame({"item": "in force", "country": [c for c, _ in rows], "date": [d for _, d in rows]})


ALLIES = allies([
    ("KOR", "bilateral treaty", None, None), ("THA", "Manila Pact", None, None), ("JPN", "bilateral treaty", None, None),
    ("ISR", "major non-NATO ally", "1987", None),
    ("BRA", "major non-NATO ally", "2019-07-31", None),       # an ally in the 2019 snapshot, not in 2014
    ("QAT", "major non-NATO ally", "2022-03-10", None),       # an ally only from 2022
    ("URY", "Rio Treaty", None, None),                        # Rio Treaty alone: not in the narrow reading
])
VISA = [
    (2019, "KOR", True), (2019, "THA", True), (2019, "ISR", True), (2019, "BRA", True), (2019, "QAT", True),
    (2019, "JPN", False), (2019, "SRB", True), (2019, "URY", True),
    (2021, "THA", False), (2021, "ISR", False),
    (2022, "THA", True), (2022, "ISR", True), (2022, "QAT", True),
]


def p4(rows=VISA, ties=ALLIES, facts=None):
    facts = waivers([("KOR", "2014-01-01"), ("THA", "2007-03-24"), ("ISR", "2016-05-01")]) if facts is None else facts
    return rules.decide_p4.claim.evaluate(Given({"visa_free_russia": visa(rows), "us_allies_by_date": ties,
                                                 "people_page_facts": facts}))


def test_p4_contradicted_when_an_ally_kept_a_waiver_that_predates_2014():
    # Thailand: an ally in 2014, waiver since 2007, visa-free in 2019: it kept its regime.
    # Visa-free allies other than Korea on 17 December 2019: Brazil, Israel, Thailand (3; Qatar not yet an
    # ally, Serbia never, Uruguay only Rio); 0 in 2021; 3 in 2022 (Israel, Qatar, Thailand).
    verdict = p4()
    assert verdict.verdict == "contradicted"
    found = numbers(verdict.reason)
    assert 2007 in found and found.count(3) >= 2 and 0 in found
    assert "Brazil, Israel and Thailand" in verdict.reason and "Thailand (since 2007)" in verdict.reason
    assert "17 December 2019" in verdict.reason and "21 December 2022" in verdict.reason
    for left_out in ("Qatar", "Serbia", "Uruguay", "THA", "ISR"):
        assert left_out not in verdict.reason.split("visa-free (")[1].split(")")[0]


def test_p4_an_early_waiver_needs_an_ally_before_2014():
    # Brazil's waiver predates 2014 and Brazil is visa-free in 2019, but it was designated only in July
    # 2019: it cannot show an ally keeping its regime through 2014. Without Thailand: not testable.
    facts = waivers([("KOR", "2014-01-01"), ("BRA", "2010-06-07")])
    assert p4(facts=facts).verdict == "not testable with open data"
    earlier = pd.concat([ALLIES[ALLIES["country"] != "BRA"], allies([("BRA", "major non-NATO ally", "2010", None)])])
    assert p4(ties=earlier, facts=facts).verdict == "contradicted"


def test_p4_a_revoked_status_stops_counting():
    # Thailand's only tie ends in 2018: not an ally in the 2019 snapshot, so its waiver does not count.
    ended = pd.concat([ALLIES[ALLIES["country"] != "THA"], allies([("THA", "major non-NATO ally", "2003-12", "2018")])])
    verdict = p4(ties=ended)
    assert verdict.verdict == "not testable with open data"
    assert "Thailand" not in verdict.reason


def test_p4_supported_when_no_other_ally_was_visa_free():
    only_korea = [r for r in VISA if r[1] in ("KOR", "JPN", "SRB", "URY")]
    verdict = p4(rows=only_korea, facts=waivers([("KOR", "2014-01-01"), ("THA", "2007-03-24")]))
    assert verdict.verdict == "supported"
    assert 0 in numbers(verdict.reason)  # no other ally in the 2019 snapshot


# ----------------------------------------------------------------------------------- ¶5 image

PEW_ALLIES = allies([("KOR", "bilateral treaty", None, None), ("JPN", "bilateral treaty", None, None),
                     ("AUS", "ANZUS", None, None), ("KEN", "major non-NATO ally", "2024-06-24", None)])


def pew(korea: dict[int, float], japan: float, australia: float, china: float = 90.0) -> pd.DataFrame:
    rows = []
    for year, kor in korea.items():
        rows += [(year, "KOR", kor), (year, "JPN", japan), (year, "AUS", australia), (year, "CHN", china)]
    # 100,000 respondents: margins of error below 0.4 points, so no wave here is decided by them
    return pd.DataFrame(rows, columns=["year", "country", "favourable_pct"]).assign(
        target="RUS", unfavourable_pct=lambda d: 90 - d["favourable_pct"], respondents=100_000)


def test_p5_partly_supported_when_koreans_are_warmer_than_the_allies():
    # Waves 2010, 2015, 2018: Korea 55, 60, 45 against Japan 20 and Australia 30 (median 25; China is
    # no ally and does not count): a majority in 2 of 3 waves, above the median in 3 of 3.
    # The last wave, 2022, is outside 2007-2020: Korea 10.
    table = pew({2010: 55, 2015: 60, 2018: 45, 2022: 10}, japan=20, australia=30)
    verdict = rules.decide_p5.claim.evaluate(Given({"pew_favourability": table, "us_allies_by_date": PEW_ALLIES}))
    assert verdict.verdict == "partly supported"
    found = numbers(verdict.reason)
    assert {45, 60} <= set(found)          # the range of the favourable share
    assert "majority beyond its margin in 2 of 3" in verdict.reason
    assert "warmer beyond the margin in 3 of 3" in verdict.reason


def test_p5_contradicted_when_koreans_are_cool_and_colder_than_the_allies():
    # Korea 20, 15, 30 against Japan 40 and Australia 50: no majority, never above the median of 45.
    table = pew({2010: 20, 2015: 15, 2018: 30}, japan=40, australia=50, china=5)
    verdict = rules.decide_p5.claim.evaluate(Given({"pew_favourability": table, "us_allies_by_date": PEW_ALLIES}))
    assert verdict.verdict == "contradicted"
    assert {15, 30} <= set(numbers(verdict.reason))


def test_p5_an_ally_counts_only_in_waves_after_its_designation():
    # Kenya (designated June 2024) is warmer than Korea in every wave but is no ally on 1 January of any
    # of them: Korea 55, 60, 45 stays above the median of Japan 20 and Australia 62 (41) in 3 of 3 waves.
    rows = pew({2010: 55, 2015: 60, 2018: 45}, japan=20, australia=62)
    rows = pd.concat([rows, pd.DataFrame({"year": [2010, 2015, 2018], "country": "KEN", "favourable_pct": 90.0,
                                          "unfavourable_pct": 0.0, "respondents": 100_000, "target": "RUS"})])
    verdict = rules.decide_p5.claim.evaluate(Given({"pew_favourability": rows, "us_allies_by_date": PEW_ALLIES}))
    assert "in 3 of 3" in verdict.reason
    kenya_early = pd.concat([PEW_ALLIES[PEW_ALLIES["country"] != "KEN"],
                             allies([("KEN", "major non-NATO ally", "2004", None)])])
    verdict = rules.decide_p5.claim.evaluate(Given({"pew_favourability": rows, "us_allies_by_date": kenya_early}))
    assert "in 0 of 3" in verdict.reason   # with Kenya (90) the median is 62, above Korea in every wave


