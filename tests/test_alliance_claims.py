"""The alliance chapter's verdict rules, applied to small hand-made tables (not to the real data)."""

import pandas as pd
import pytest

from double_ally.chapters.alliance import rules as ac


def fake_tables(monkeypatch, **tables):
    monkeypatch.setattr(ac, "load", lambda name: tables[name].copy())


def georgia(kor_votes):
    n = len(kor_votes)
    return pd.DataFrame({"date": [f"{2009 + i}-06-01" for i in range(n)], "KOR": kor_votes, "USA": ["yes"] * n,
                         "JPN": ["yes"] * n, "RUS": ["no"] * n, "total_abstain": [70] * n})


def test_georgia_abstentions_only_are_partly_supported(monkeypatch):
    fake_tables(monkeypatch, unga_georgia_votes=georgia(["abstain", "abstain"]))
    verdict, reason = ac.decide_p4_georgia()
    assert verdict == "partly supported"
    assert "all 2 of the 2 votes" in reason


def test_georgia_a_yes_vote_contradicts(monkeypatch):
    fake_tables(monkeypatch, unga_georgia_votes=georgia(["abstain", "yes"]))
    assert ac.decide_p4_georgia()[0] == "contradicted"


def sanctions(rows):
    return pd.DataFrame(rows, columns=["date", "episode", "measure_type", "actor", "summary"])


def test_no_own_sanctions_without_compliance_evidence_is_partly_supported(monkeypatch):
    fake_tables(monkeypatch, sanctions_measures=sanctions([
        ("2014-03-21", "2014", "own sanctions", "Seoul", "nothing decided"),
        ("2022-02-28", "2022", "export controls", "Seoul", "ban on strategic exports"),
    ]))
    assert ac.decide_p4_sanctions()[0] == "partly supported"


def test_a_2014_measure_by_seoul_contradicts(monkeypatch):
    fake_tables(monkeypatch, sanctions_measures=sanctions([
        ("2014-03-21", "2014", "own sanctions", "Seoul", "nothing decided"),
        ("2014-05-01", "2014", "export controls", "Seoul", "a ban"),
    ]))
    assert ac.decide_p4_sanctions()[0] == "contradicted"


def key_votes(kor_crimea):
    return pd.DataFrame({"vote_id": ["A/RES/68/262", "A/RES/ES-11/4"], "country": ["KOR", "KOR"],
                         "vote": [kor_crimea, "yes"]})


@pytest.mark.parametrize("vote, statement, expected", [
    ("yes", True, "supported"), ("abstain", True, "partly supported"), ("yes", False, "partly supported"),
    ("no", True, "contradicted"),
])
def test_crimea_needs_the_vote_and_the_statement(monkeypatch, vote, statement, expected):
    rows = [("2014-03-19", "2014", "Crimea: recognition", "Seoul", "does not recognise")] if statement else []
    fake_tables(monkeypatch, unga_key_votes=key_votes(vote), sanctions_measures=sanctions(rows))
    assert ac.decide_p4_crimea()[0] == expected


def test_only_russian_measures_naming_seoul_before_the_date_count(monkeypatch):
    fake_tables(monkeypatch, sanctions_measures=sanctions([
        ("2021-05", "2022", "Russian countermeasure", "Moscow", "first list: the United States and the Czech Republic"),
        ("2022-03-07", "2022", "Russian countermeasure", "Moscow", "names South Korea unfriendly"),
    ]))
    assert ac.russian_measures_before("2021-07-15").empty
    assert len(ac.russian_measures_before("2023-01-01")) == 1
