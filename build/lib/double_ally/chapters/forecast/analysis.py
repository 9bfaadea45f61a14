"""The forecast chapter's pre-registered indicators and the rules that score them.

¶17, ¶18 and ¶20 of the article describe a base case (the status quo: passive but pragmatic ties, no
rash steps on either side); ¶19 describes the one deterioration scenario (a U.S.-Russia escalation
makes the Kremlin Washington's first concern, Seoul sides with Washington and the friendship ends).

``INDICATORS`` fixes, before any number is computed, what each case predicts for each indicator, the
rule that decides which one an observation fits, and the table the observation comes from. The book's
authors wrote these rules in 2026 knowing the outcome in broad lines; "before looking" therefore means
before computing. Each rule can come out either way, and the thresholds are round numbers stated here,
not tuned to the results.

The functions below are pure: they take small frames or values and return classifications, so they are
unit tested on hand-made tables (tests/chapters/forecast/). ``evidence`` feeds them the derived tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

BASE = "base case"
SCENARIO = "deterioration scenario"
BETWEEN = "in between"
PENDING = "pending"
OUTCOMES = (BASE, SCENARIO, BETWEEN, PENDING)
ALIGNMENT = "Seoul sides with Washington"
RELATIONSHIP = "the friendship ends"

BASE_YEAR = 2019       # the last full year before the pandemic and before the article
BASE_FLOOR = 75.0      # a flow at >= 75 % of its 2019 level is "the status quo"
SCENARIO_CEILING = 50.0  # a flow at <= 50 % of its 2019 level is "a thing of the past"
VIEWS_BASE_DROP = 10.0     # favourable views within 10 points of 2019: status quo
VIEWS_SCENARIO_DROP = 20.0  # more than 20 points below 2019: the friendship's public side has gone


@dataclass(frozen=True)
class Indicator:
    """One pre-registered indicator: what each forecast predicts and the rule that decides."""

    key: str
    name: str
    measure: str
    base_case: str
    scenario: str
    rule: str
    tables: tuple[str, ...]
    part: str  # which half of ¶19's consequence it speaks to: ALIGNMENT or RELATIONSHIP

    def as_row(self) -> dict:
        return {
            "indicator": f"{self.name}: {self.measure} [{', '.join(self.tables)}]",
            "base case (¶17, ¶18, ¶20) predicts": self.base_case,
            "scenario (¶19) predicts": self.scenario,
            "rule": self.rule,
        }


INDICATORS: list[Indicator] = [
    Indicator(
        "trade", "Trade",
        "South Korea's exports to Russia in the latest year, index 2019 = 100 (Korean customs records; "
        "total trade shown where a total is reported)",
        "Trade carries on with the usual swings: the latest year at 75 or more",
        "Trade collapses: the latest year at 50 or less",
        f"index >= {BASE_FLOOR:.0f}: base case; <= {SCENARIO_CEILING:.0f}: scenario; otherwise in between",
        ("trade_kor_rus_bilateral", "trade_kor_rus_2021_2024"), RELATIONSHIP,
    ),
    Indicator(
        "arrivals", "Visitors from Russia",
        "Arrivals of Russian nationals in South Korea in the latest full year, index 2019 = 100",
        "Tourism, one of the two pillars of ¶7, carries on: 75 or more",
        "Travel collapses: 50 or less",
        f"index >= {BASE_FLOOR:.0f}: base case; <= {SCENARIO_CEILING:.0f}: scenario; otherwise in between",
        ("arrivals_russia_annual",), RELATIONSHIP,
    ),
    Indicator(
        "views", "Favourable views of Russia",
        "Share of South Koreans with a favourable view of Russia in the latest Pew wave, against 2019",
        "The positive image of ¶5 holds: no more than 10 points below 2019",
        "The public turns: more than 20 points below 2019",
        f"drop <= {VIEWS_BASE_DROP:.0f} points: base case; > {VIEWS_SCENARIO_DROP:.0f}: scenario; otherwise in between",
        ("pew_favourability",), RELATIONSHIP,
    ),
    Indicator(
        "ukraine_votes", "UN votes on Ukraine",
        "South Korea's votes in the General Assembly on Ukraine from 2022, set against its 2014 vote on "
        "Crimea (yes to territorial integrity, no own sanctions)",
        "The 2014 pattern: yes to texts on principle, but abstains or stays away on at least one text "
        "that punishes Russia (suspension from the Human Rights Council, reparations)",
        "Seoul votes with the United States on every Ukraine text, the punitive ones included",
        "yes on every recorded Ukraine vote incl. a punitive one: scenario; a punitive text not voted yes: base case",
        ("unga_key_votes",), ALIGNMENT,
    ),
    Indicator(
        "sanctions", "Sanctions and export controls",
        "Measures of Seoul's own against Russia (export bans, financial measures) from 2022",
        "As after Crimea (¶4): no measures of its own, at most compliance with its allies' sanctions",
        "Seoul adopts sanctions or export controls of its own",
        "any own measure dated after 24 February 2022: scenario; none: base case",
        ("sanctions_measures", "events_korea_russia"), ALIGNMENT,
    ),
    Indicator(
        "unfriendly", "Russia's 'unfriendly' list",
        "Whether Russia's government lists South Korea among 'unfriendly' countries",
        "Russia takes no anti-Korean step (¶18): South Korea is not listed",
        "South Korea is listed",
        "South Korea on the list at any date: scenario; never listed: base case",
        ("sanctions_measures", "events_korea_russia"), RELATIONSHIP,
    ),
    Indicator(
        "visa", "Visa-free travel",
        "Whether holders of a Russian passport can enter South Korea without a visa in the latest Passport "
        "Index snapshot (the tables hold only this direction)",
        "The waiver, kept through the 2014 crisis (¶4), stays: no visa needed "
        "(an electronic travel authorisation is not a visa)",
        "Seoul re-imposes visas on Russians",
        "visa-free or eTA in the latest snapshot: base case; a visa of any kind (e-visa included): scenario",
        ("visa_free_russia",), RELATIONSHIP,
    ),
    Indicator(
        "unsc_vetoes", "Security Council vetoes on North Korea",
        "Russia's votes on draft resolutions on North Korea in the Security Council from 2022",
        "Russia keeps voting with the Council as on every sanctions resolution of 2006-2017: no veto",
        "Russia shields Pyongyang against Seoul's and Washington's drafts: at least one veto",
        "a Russian veto on a North Korea draft after July 2021: scenario; none: base case",
        ("unsc_dprk_record",), RELATIONSHIP,
    ),
    Indicator(
        "treaty", "Russia-North Korea treaty",
        "Whether Moscow enters a mutual-assistance commitment with Pyongyang",
        "No military alignment with North Korea against Seoul's security",
        "A mutual-assistance pact with Pyongyang",
        "a mutual-assistance treaty dated after July 2021: scenario; none: base case",
        ("events_korea_russia",), RELATIONSHIP,
    ),
]

INDICATOR_BY_KEY = {i.key: i for i in INDICATORS}


def preregistration_table(indicators: list[Indicator] = INDICATORS) -> pd.DataFrame:
    """The indicators as the table the chapter shows before any result."""
    return pd.DataFrame([i.as_row() for i in indicators])


# ------------------------------------------------------------------------------------------ rules


def index_series(values: pd.Series, base_year: int = BASE_YEAR) -> pd.Series:
    """``values`` (indexed by year) as an index, ``base_year`` = 100."""
    if base_year not in values.index:
        raise ValueError(f"no value for the base year {base_year}")
    base = float(values.loc[base_year])
    if base <= 0:
        raise ValueError("the base-year value must be positive")
    return values.astype(float) / base * 100


def classify_flow(index: float, floor: float = BASE_FLOOR, ceiling: float = SCENARIO_CEILING) -> str:
    """A flow's latest index against the thresholds: base case, scenario, or in between."""
    if index >= floor:
        return BASE
    if index <= ceiling:
        return SCENARIO
    return BETWEEN


def classify_views(latest: float, reference: float, base_drop: float = VIEWS_BASE_DROP,
                   scenario_drop: float = VIEWS_SCENARIO_DROP) -> str:
    """Favourable views (percent) in the latest wave against the reference wave."""
    drop = reference - latest
    if drop <= base_drop:
        return BASE
    if drop > scenario_drop:
        return SCENARIO
    return BETWEEN


def classify_votes(votes: pd.DataFrame) -> str:
    """Seoul's votes on Ukraine texts.

    ``votes``: one row per text with columns ``punitive`` (bool) and ``kor`` ("yes", "no", "abstain",
    "absent"; anything else, e.g. "not stated", means the vote is not recorded). Scenario if Seoul voted yes on every recorded text and at least one
    recorded text is punitive; base case if a punitive text did not get Seoul's yes; in between if no
    punitive text has a recorded Korean vote.
    """
    recorded = votes[votes["kor"].isin(VOTED)]
    if recorded.empty:
        return PENDING
    punitive = recorded[recorded["punitive"]]
    if punitive.empty:
        return BETWEEN
    if (punitive["kor"] != "yes").any():
        return BASE
    return SCENARIO if (recorded["kor"] == "yes").all() else BETWEEN


VOTED = ("yes", "no", "abstain", "absent")


def classify_presence(found: bool) -> str:
    """An event that only the scenario predicts: present -> scenario, absent -> base case."""
    return SCENARIO if found else BASE


def classify_visa(requirements: dict[str, str]) -> str:
    """Latest Passport Index entry category for each direction the tables hold (e.g. {"RU->KR": "eTA"}).

    A number of days, "visa free", "eTA" (electronic travel authorisation) or "visa on arrival" mean no
    visa is needed. Anything else ("visa required", "e-visa", "covid ban", ...) is a visa or a ban.
    """
    if not requirements:
        return PENDING
    return BASE if all(visa_free(r) for r in requirements.values()) else SCENARIO


def visa_free(requirement: str) -> bool:
    text = str(requirement).strip().lower()
    return text.isdigit() or text in {"visa free", "visa-free", "eta", "visa on arrival"}


def events_matching(events: pd.DataFrame, pattern: str, after: str | None = None) -> pd.DataFrame:
    """Rows of a dated table (``date`` as YYYY, YYYY-MM or YYYY-MM-DD text, ``event``) whose event text
    matches ``pattern`` (a case-insensitive regular expression), dated on or after ``after``."""
    hit = events[events["event"].str.contains(pattern, case=False, regex=True, na=False)]
    if after is not None:
        hit = hit[hit["date"].astype(str) >= after]
    return hit.sort_values("date")


# ---------------------------------------------------------------------------------- the condition


def condition_by_year(us_votes: pd.DataFrame) -> pd.DataFrame:
    """Is confronting the Kremlin Washington's line, year by year, as the U.S. votes on Ukraine show?

    ``us_votes``: one row per General Assembly text on Ukraine, columns ``date`` (YYYY-MM-DD) and ``usa``
    ("yes", "no", "abstain", "absent"; anything else means not recorded). The condition of ¶19 holds in a
    year if the United States voted yes on every recorded text that year; it does not hold if it voted
    otherwise on any; a year whose U.S. votes are all unrecorded is "not recorded".
    """
    frame = us_votes.assign(year=us_votes["date"].astype(str).str[:4].astype(int))
    rows = []
    for year, group in frame.groupby("year"):
        recorded = group[group["usa"].isin(VOTED)]
        if recorded.empty:
            status = "not recorded"
        elif (recorded["usa"] == "yes").all():
            status = "holds"
        else:
            status = "does not hold"
        rows.append({"year": int(year), "texts": len(group), "us_yes": int((recorded["usa"] == "yes").sum()),
                     "us_recorded": len(recorded), "condition": status})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------- scoring


def tally(outcomes: dict[str, str]) -> dict[str, int]:
    """How many indicators fit each outcome (pending ones counted apart)."""
    counts = {o: 0 for o in OUTCOMES}
    for outcome in outcomes.values():
        if outcome not in counts:
            raise ValueError(f"unknown outcome {outcome!r}")
        counts[outcome] += 1
    return counts


def scored(counts: dict[str, int]) -> int:
    """Indicators with an observation (everything but pending)."""
    return sum(v for k, v in counts.items() if k != PENDING)


def share_fitting(counts: dict[str, int], outcome: str) -> float:
    n = scored(counts)
    if n == 0:
        raise ValueError("no indicator is scored yet")
    return counts[outcome] / n


def verdict_for(counts: dict[str, int], outcome: str) -> str:
    """Supported if at least two thirds of the scored indicators fit ``outcome``; contradicted if at
    most one third does; partly supported in between."""
    share = share_fitting(counts, outcome)
    if share >= 2 / 3:
        return "supported"
    if share <= 1 / 3:
        return "contradicted"
    return "partly supported"


def change_against_others(values: pd.DataFrame, country: str, first: int, last: int) -> dict:
    """How ``country``'s change from ``first`` to ``last`` compares with every country measured in both years.

    ``values``: columns country, year, value. Returns the number of countries, the median change (points),
    the country's own change and its rank by the size of the fall (1 = largest fall).
    """
    wide = values.pivot_table(index="country", columns="year", values="value")
    if first not in wide or last not in wide:
        raise ValueError(f"no values for {first} or {last}")
    change = (wide[last] - wide[first]).dropna()
    if country not in change:
        raise ValueError(f"{country} is not measured in both {first} and {last}")
    return {"n": int(len(change)), "median": float(change.median()), "own": float(change[country]),
            "rank_of_fall": int((change < change[country]).sum()) + 1, "n_fell": int((change < 0).sum())}
