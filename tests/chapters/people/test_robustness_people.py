"""The people chapter's new designs on hand-made tables: the ¶7 event study (a real shift passes, a
shift at a placebo date does not, an exchange-rate-driven change is absorbed by the control), the
margins of error of ¶5 and its rule, the won-per-rouble derivation, and the robustness checks."""

from __future__ import annotations

import zipfile

import numpy as np
import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.people import event_study, fx, rules, uncertainty
from double_ally.core.verdicts import Tables

MONTHS = pd.period_range("2010-01", "2019-12", freq="M").strftime("%Y-%m")
FACTS = pd.DataFrame({"country": ["KOR", "ISR"], "item": ["in force", "in force"], "date": ["2014-01-01", "2008-09-20"]})


class Given(Tables):
    def __missing__(self, name):
        raise KeyError(f"the rule read {name!r}, which the test did not give")


def tourism(shift_at: str | None, size: float = 0.3, fx_effect: float = 0.0, fx_step_at: str = "2014-01",
            seed: int = 1) -> Given:
    """Monthly arrivals 2010-2019: Japan, the U.S. and China flat with a seasonal pattern; Russia the
    same times exp(0.003 a month + ``size`` from ``shift_at`` + ``fx_effect`` * log won per rouble +
    noise of sd 0.03). Log won per rouble: noise of sd 0.1 plus 0.4 from ``fx_step_at``."""
    rng = np.random.default_rng(seed)
    t = np.arange(len(MONTHS))
    season = 0.2 * np.sin(2 * np.pi * t / 12)
    log_fx = 3.5 + rng.normal(0, 0.1, len(t)) + 0.4 * (MONTHS >= fx_step_at)
    shift = size * (MONTHS >= shift_at) if shift_at else 0.0
    rus = np.exp(8 + season + 0.003 * t + shift + fx_effect * (log_fx - 3.5) + rng.normal(0, 0.03, len(t)))
    rows = [{"month": m, "country": c, "arrivals": int(round(v))}
            for c, base in [("JPN", 11.0), ("USA", 10.0), ("CHN", 12.0)]
            for m, v in zip(MONTHS, np.exp(base + season + rng.normal(0, 0.02, len(t))))]
    rows += [{"month": m, "country": "RUS", "arrivals": int(round(v))} for m, v in zip(MONTHS, rus)]
    return Given({"arrivals_monthly": pd.DataFrame(rows), "people_page_facts": FACTS,
                  "fx_rub_krw_monthly": pd.DataFrame({"month": MONTHS, "krw_per_rub": np.exp(log_fx)})})


def test_a_level_shift_at_the_waiver_passes():
    study = rules.tourism_study(tourism("2014-01"))
    real = study[study["kind"] == "waiver"].iloc[0]
    assert real["estimate"] == pytest.approx(0.3, abs=0.06) and real["lo"] > 0
    assert list(study.loc[study["kind"] == "placebo", "event"]) == ["2012-01", "2017-01", "2018-01"]
    assert rules.decide_p7(tourism("2014-01"))[0] == "partly supported"


def test_a_shift_at_a_placebo_date_does_not_pass():
    # Russians jump by 0.3 in January 2017 only: the placebo of 2017 beats the waiver's estimate.
    t = tourism("2017-01")
    study = rules.tourism_study(t)
    assert not event_study.beats_placebos(study)
    assert rules.decide_p7(t)[0] != "partly supported"


def test_an_exchange_rate_driven_change_is_absorbed_by_the_control():
    # No waiver effect; the rouble buys 0.4 more log won from January 2014 and Russians respond one for one.
    t = tourism(None, fx_effect=1.0)
    without = rules.tourism_study(t, control=False)
    assert without.loc[without["kind"] == "waiver", "estimate"].iloc[0] > 0.25   # the step shows up
    controlled = rules.tourism_study(t)
    assert abs(controlled.loc[controlled["kind"] == "waiver", "estimate"].iloc[0]) < 0.06
    assert rules.decide_p7(t)[0] != "partly supported"


def test_a_twelve_month_window_is_refused_as_collinear():
    with pytest.raises(ValueError, match="collinear"):
        rules.tourism_study(tourism("2014-01"), window=12)


def test_the_check_reports_the_design_choices_that_flip_the_verdict():
    # Japan's arrivals drop by 0.5 in 2017 (a shock of Japan's own): against the three the 2017 placebo
    # beats the waiver; against the U.S. alone the waiver passes.
    t = tourism("2014-01", size=0.15)
    m = t["arrivals_monthly"]
    japan_2017 = (m["country"] == "JPN") & (m["month"] >= "2017-01")
    m.loc[japan_2017, "arrivals"] = (m.loc[japan_2017, "arrivals"] * np.exp(-1.5)).round().astype(int)
    robust = chapters.robustness("p07-tourism", t)
    assert robust.verdict != "partly supported"
    flipped = {a.label for a in robust.flips}
    assert "against the U.S. alone" in flipped and "against Japan alone" not in flipped


def test_margin_of_error_by_hand():
    # 1.96 * sqrt(0.5 * 0.5 / 1000) = 1.96 * 0.0158114 = 0.030990 -> 3.099 points;
    # 1.96 * sqrt(0.2 * 0.8 / 400) = 1.96 * 0.02 = 0.0392 -> 3.92 points.
    assert uncertainty.margin_of_error([50, 20], [1000, 400]) == pytest.approx([3.0990, 3.92], abs=1e-3)


ALLIES = pd.DataFrame({"country": ["KOR", "JPN", "AUS"], "alliance": ["bilateral treaty", "bilateral treaty", "ANZUS"],
                       "status": "in force", "from_date": None, "to_date": None, "source_url": "https://x.org"})


def pew(korea: float, n: int, allies_pct: float = 20.0) -> pd.DataFrame:
    rows = [(y, c, pct, 100 - pct - 10, n) for y in (2010, 2015, 2018)
            for c, pct in [("KOR", korea), ("JPN", allies_pct), ("AUS", allies_pct)]]
    return pd.DataFrame(rows, columns=["year", "country", "favourable_pct", "unfavourable_pct", "respondents"]
                        ).assign(target="RUS")


def test_a_share_of_52_with_a_margin_of_3_is_not_a_majority():
    # 1.96 * sqrt(0.52 * 0.48 / 1067) = 0.02998: 52 +- 3.0 reaches down to 49.0, below 50.
    t = Given({"pew_favourability": pew(52, 1067), "us_allies_by_date": ALLIES})
    assert rules.decide_p5(t)[0] == "contradicted"
    assert rules.decide_p5(t, intervals=False)[0] == "partly supported"   # point estimates: 52 > 50
    robust = chapters.robustness("p05-image", t)
    flipped = {a.label for a in robust.flips}
    assert "point estimates instead of intervals (share above 50 %)" in flipped
    assert "relative reading: warmer than the allies' median beyond the margin" in flipped  # 52 - 3 > 20


def test_a_clear_majority_is_positive_and_49_is_not():
    assert rules.decide_p5(Given({"pew_favourability": pew(60, 1000), "us_allies_by_date": ALLIES}))[0] \
        == "partly supported"
    assert rules.decide_p5(Given({"pew_favourability": pew(49, 1000), "us_allies_by_date": ALLIES}),
                           intervals=False)[0] == "contradicted"


def test_the_base_without_dont_know_changes_the_share():
    # favourable 45, unfavourable 45, don't know 10: 45 / 90 = 50 % of those with an opinion.
    d = pd.DataFrame({"favourable_pct": [45.0], "unfavourable_pct": [45.0]})
    assert uncertainty.share(d, "opinions only").iloc[0] == pytest.approx(50.0)


def test_won_per_rouble_by_month_from_a_tiny_zip(tmp_path):
    # January: 1400/40 = 35 and 1500/50 = 30 (the N/A day is skipped) -> 32.5 over 2 days; February: 1200/40 = 30.
    csv = ("Date,USD,RUB,KRW,\n2014-02-03,1.3,40,1200,\n2014-01-03,1.3,N/A,1450,\n"
           "2014-01-02,1.3,50,1500,\n2014-01-01,1.3,40,1400,\n")
    path = tmp_path / "rates.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(fx.CSV_NAME, csv)
    out = fx.monthly_cross_rate(path, ["2014-01", "2014-02"])
    assert out["krw_per_rub"].tolist() == pytest.approx([32.5, 30.0])
    assert out["days"].tolist() == [2, 1]
    with pytest.raises(ValueError, match="2014-03"):
        fx.monthly_cross_rate(path, ["2014-03"])


def test_p4_check_reports_that_treaty_allies_alone_would_flip_it():
    # Israel, a major non-NATO ally since 1987 with a waiver from 2008, is visa-free at the end of 2019;
    # no treaty ally but Korea is. Primary: contradicted; treaty allies only: nobody else -> supported.
    ties = pd.DataFrame({"country": ["KOR", "JPN", "ISR"], "alliance": ["bilateral treaty", "bilateral treaty",
                         "major non-NATO ally"], "from_date": [None, None, "1987"], "to_date": None,
                         "status": "in force", "source_url": "https://x.org"})
    visa = pd.DataFrame({"snapshot_year": 2019, "snapshot_date": "2019-12-17", "destination": ["KOR", "JPN", "ISR"],
                         "visa_free": [True, False, True], "entry": ["visa free", "visa required", "visa free"]})
    t = Given({"visa_free_russia": visa, "us_allies_by_date": ties, "people_page_facts": FACTS})
    robust = chapters.robustness("p04-visa", t)
    assert robust.verdict == "contradicted"
    assert [a.label for a in robust.flips] == ["treaty allies only (no major non-NATO allies)"]
    assert robust.flips[0].verdict == "supported"
