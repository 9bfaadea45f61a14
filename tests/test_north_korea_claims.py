"""The North Korea verdict rules on hand-made tables: each rule gives the verdict its docstring states."""

import pandas as pd
import pytest

from double_ally.chapters.north_korea import rules as claims


def record(russia_on_sanctions="yes", veto=True):
    rows = [
        ("2006-10-14", "S/RES/1718(2006)", "adopted", "sanctions imposed", 15, 0, 0, russia_on_sanctions, "yes", None),
        ("2017-12-22", "S/RES/2397(2017)", "adopted", "sanctions strengthened", 15, 0, 0, "yes", "yes", None),
    ]
    if veto:
        rows.append(("2022-05-26", "S/2022/431", "vetoed", "vetoed draft", 13, 2, 0, "no", "yes", "CHN, RUS"))
    cols = ["date", "symbol", "outcome", "action", "votes_yes", "votes_no", "votes_abstain", "russia_vote",
            "usa_vote", "vetoed_by"]
    return pd.DataFrame(rows, columns=cols)


def trade(rus_share, chn_share):
    # one flow per partner and year, World = 100, so the values are the shares
    rows = []
    for year in range(2016, 2021):
        rows += [(year, "WLD", "imports", 100.0), (year, "RUS", "imports", rus_share), (year, "CHN", "imports", chn_share)]
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])


def timeline(causes):
    rows = [("2001-08", "Rajin-Khasan rail link", "agreement or plan", None),
            ("2008-09", "gas pipeline", "agreement or plan", None)]
    rows += [("2016-03-08", project, "suspended", cause) for project, cause in causes]
    return pd.DataFrame(rows, columns=["date", "project", "stage", "blocked_by"])


def use(monkeypatch, **tables):
    monkeypatch.setattr(claims, "load", lambda name: tables[name])


def test_p13_supported_when_russia_voted_yes_and_a_veto_shows_the_vote_is_needed(monkeypatch):
    use(monkeypatch, unsc_dprk_record=record())
    assert claims.decide_p13()[0] == "supported"


def test_p13_partly_supported_without_a_failed_draft(monkeypatch):
    use(monkeypatch, unsc_dprk_record=record(veto=False))
    assert claims.decide_p13()[0] == "partly supported"


def test_p13_contradicted_when_sanctions_passed_over_russias_no(monkeypatch):
    use(monkeypatch, unsc_dprk_record=record(russia_on_sanctions="no"))
    assert claims.decide_p13()[0] == "contradicted"


@pytest.mark.parametrize("rus, chn, verdict", [
    (5.0, 80.0, "supported"),
    (5.0, 40.0, "partly supported"),    # small Russian share, but China under half
    (20.0, 70.0, "partly supported"),   # China dominant, but Russia over a tenth
    (20.0, 40.0, "contradicted"),
])
def test_p12_thresholds(monkeypatch, rus, chn, verdict):
    use(monkeypatch, dprk_trade_partners=trade(rus, chn))
    assert claims.decide_p12()[0] == verdict


def test_p09_partly_supported_when_only_other_causes_are_named(monkeypatch):
    causes = [("Rajin-Khasan rail link", "South Korea's unilateral sanctions"),
              ("gas pipeline", "no response from North Korea")]
    use(monkeypatch, dprk_projects_timeline=timeline(causes), unsc_dprk_record=record())
    assert claims.decide_p9()[0] == "partly supported"


def test_p09_supported_when_every_project_stopped_on_un_sanctions(monkeypatch):
    causes = [("Rajin-Khasan rail link", "UN Security Council sanctions"), ("gas pipeline", "UN Security Council sanctions")]
    use(monkeypatch, dprk_projects_timeline=timeline(causes), unsc_dprk_record=record())
    assert claims.decide_p9()[0] == "supported"


def test_p09_contradicted_when_nothing_stopped(monkeypatch):
    use(monkeypatch, dprk_projects_timeline=timeline([]), unsc_dprk_record=record())
    assert claims.decide_p9()[0] == "contradicted"


def test_p11_is_not_testable(monkeypatch):
    use(monkeypatch, unsc_dprk_record=record())
    assert claims.decide_p11()[0] == "not testable with open data"
