"""The North Korea robustness checks and the rules' alternative readings, on small hand-made tables whose
answers are worked out by hand."""

import inspect

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.chapters.north_korea import analysis as nk
from double_ally.chapters.north_korea import leverage as lv
from double_ally.chapters.north_korea import robustness as checks
from double_ally.chapters.north_korea import rules


def trade(rows):
    return pd.DataFrame(rows, columns=["year", "partner", "flow", "value_usd_m"])


def shares(rus, chn, other=None, first=2016):
    """World = 100 each year from ``first``: Russia, China and (if given) a third partner, Ukraine."""
    rows = []
    for i, (r, c) in enumerate(zip(rus, chn)):
        y = first + i
        rows += [(y, "WLD", "imports", 100.0), (y, "RUS", "imports", r), (y, "CHN", "imports", c)]
        if other and other[i]:
            rows.append((y, "UKR", "imports", other[i]))
    return trade(rows)


# ---- ¶12: lines the data can cross

def test_p12_must_not_pass_when_both_lines_are_crossed():
    # Russia 6 % (over 5) and China 70 % (under 75) every year: neither lever holds
    verdict, reason = rules.decide_p12({"dprk_trade_partners": shares([6.0] * 5, [70.0] * 5)})
    assert verdict == "contradicted"
    assert "Neither lever holds" in reason


def test_p12_lines_just_inside_and_just_over():
    # 4.9 % passes "under 5 %", 5.0 % does not; 75.1 % passes "over 75 %", 75.0 % does not
    inside = shares([4.9] * 5, [75.1] * 5)
    on = shares([5.0] * 5, [75.0] * 5)
    assert rules.decide_p12({"dprk_trade_partners": inside}, levers_decide=True)[0] == "supported"
    assert rules.decide_p12({"dprk_trade_partners": on})[0] == "contradicted"


def test_p12_the_reason_says_the_sway_is_not_measured():
    reason = rules.decide_p12({"dprk_trade_partners": shares([1.0] * 5, [90.0] * 5)})[1]
    assert "not influence itself" in reason and "inter-Korean trade is not in the denominator" in reason


def test_margins_and_crossings_by_hand():
    # Russia 1-3 %, China 80-88 %: 2 points under Russia's line of 5, 5 points over China's line of 75
    assert lv.margins({"RUS": (1.0, 3.0), "CHN": (80.0, 88.0)}, 5.0, 75.0) == {"rus": 2.0, "chn": 5.0}
    t = shares([6.0, 1.0, 5.0, 1.0], [70.0, 90.0, 80.0, 75.0], first=1992)
    assert lv.crossings(t, 5.0, 75.0) == {"rus": [1992, 1994], "chn": [1992, 1995], "n_years": 4}


def test_without_entry_takes_the_entry_out_of_the_world_row_too():
    # 2018: World 100, China 60, Russia 2, Ukraine 30. Without Ukraine: World 70, China 60/70 = 85.7 %
    t = shares([2.0] * 3, [80.0, 60.0, 80.0], other=[0, 30.0, 0], first=2017)
    out = lv.without_entry(t, "UKR", 2018)
    assert "UKR" not in set(out["partner"])
    assert out[(out["partner"] == "WLD") & (out["year"] == 2018)]["value_usd_m"].iloc[0] == 70.0
    assert out[(out["partner"] == "WLD") & (out["year"] == 2017)]["value_usd_m"].iloc[0] == 100.0
    fx = lv.entry_effect(t, "UKR", 2018)
    assert fx["with"] == pytest.approx(60.0) and fx["without"] == pytest.approx(60 / 70 * 100)
    assert fx["points"] == pytest.approx(60 / 70 * 100 - 60.0) and fx["entry_pct"] == pytest.approx(30.0)


def test_p12_check_reports_the_entry_that_makes_a_year_distorted():
    # 2013-2020 with 10 % outside China and Russia; in 2018 Ukraine books 30 more (World 130): 2018 is
    # distorted, and the Ukraine alternative keeps it with China at 88/100 again
    rows = []
    for y in range(2013, 2021):
        world = 130.0 if y == 2018 else 100.0
        rows += [(y, "WLD", "imports", world), (y, "RUS", "imports", 2.0), (y, "CHN", "imports", 88.0)]
        if y == 2018:
            rows.append((y, "UKR", "imports", 30.0))
    t = trade(rows)
    assert nk.distorted_years(t) == [2018]
    alts = {a.label: a for a in checks.check_p12({"dprk_trade_partners": t})}
    ukr = alts["without Ukraine's 2018 entry"]
    assert "67.7% -> 88.0%" in ukr.detail and "left out: none" in ukr.detail
    # distorted kept: China at 88/130 = 67.7 % crosses its line, Russia does not -> still partly supported
    assert alts["every year of 2016-2020, distorted ones kept"].verdict == "partly supported"
    assert alts["influence taken to follow from the levers (both hold: supported)"].verdict == "supported"


def test_p12_robustness_names_the_flip():
    # a distorted 2020 in which Russia and China both cross their lines: keeping it flips the verdict
    outside = [10.0] * 7 + [40.0]
    rows = []
    for i, y in enumerate(range(2013, 2021)):
        rus = 8.0 if y == 2020 else 2.0
        rows += [(y, "WLD", "imports", 100.0), (y, "RUS", "imports", rus),
                 (y, "CHN", "imports", 100.0 - rus - outside[i])]
    r = chapters.robustness("p12-leverage", given={"dprk_trade_partners": trade(rows)})
    assert r.verdict == "partly supported" and r.status == "fragile"
    flipped = {a.label: a.verdict for a in r.flips}
    assert flipped["every year of 2016-2020, distorted ones kept"] == "contradicted"


# ---- ¶13: the verdict on the evidence of the article's date

def record(veto_date):
    cols = ["date", "symbol", "outcome", "action", "votes_yes", "votes_no", "votes_abstain", "russia_vote",
            "usa_vote", "vetoed_by", "page_russia_vote"]
    rows = [("2006-10-14", "S/RES/1718(2006)", "adopted", "sanctions imposed", 15, 0, 0, "yes", "yes", None, "yes"),
            ("2017-12-22", "S/RES/2397(2017)", "adopted", "sanctions strengthened", 15, 0, 0, "yes", "yes", None, None),
            (veto_date, "S/DRAFT/1", "vetoed", "vetoed draft", 13, 1, 1, "no", "yes", "RUS", None)]
    return pd.DataFrame(rows, columns=cols)


def test_p13_as_of_the_article_does_not_see_a_later_veto():
    t = {"unsc_dprk_record": record("2022-05-26")}
    assert rules.decide_p13(t)[0] == "supported"
    verdict, reason = rules.decide_p13(t, until=rules.ARTICLE_DATE)
    assert verdict == "partly supported" and "2022" not in reason
    r = chapters.robustness("p13-unsc-vote", given=t)
    # the verdict on the article's evidence is a statement of hindsight, not a flip of the definition
    assert r.status == "robust" and r.as_of_article == "partly supported"


def test_p13_a_veto_before_the_article_is_seen_as_of_the_article():
    r = chapters.robustness("p13-unsc-vote", given={"unsc_dprk_record": record("2019-05-01")})
    assert r.verdict == "supported" and r.as_of_article == "supported"


def test_p13_pages_reading_can_differ_from_the_record():
    # a page reads Russia's vote on 1718 as an abstention: Russia is then not yes on every sanctions text
    t = record("2022-05-26")
    t.loc[0, "page_russia_vote"] = "abstain"
    assert rules.decide_p13({"unsc_dprk_record": t}, votes="page_russia_vote")[0] == "partly supported"


# ---- ¶9: the rule's text and its code agree, stage by stage

def timeline(rows):
    cols = ["date", "project", "stage", "blocked_by", "un_sanctions", "un_resolution"]
    return pd.DataFrame([(*r, None, None)[:6] for r in rows], columns=cols)


def council():
    return record("2022-05-26")


def p9(rows, **kw):
    return rules.decide_p9({"dprk_projects_timeline": timeline(rows), "unsc_dprk_record": council()}, **kw)[0]


def test_p9_docstring_names_every_stage_and_no_operation_stage():
    doc = " ".join(inspect.getdoc(rules.decide_p9).split())
    assert all(stage in doc for stage in nk.STAGES)
    assert "none records a project in operation" in doc
    assert "Contradicted if no project is stuck" in doc


def test_p9_each_sentence_of_the_rule_on_hand_made_stages():
    plan = [("2010-01", "pipeline", "agreement or plan", None), ("2010-01", "railway", "agreement or plan", None)]
    un = [("2016-03", "pipeline", "suspended", "UN Security Council sanctions"),
          ("2016-03", "railway", "stalled", "UN sanctions")]
    # no stop at all: contradicted, however much work or trial the pages show
    assert p9(plan + [("2012-01", "railway", "work or trial", None)]) == "contradicted"
    # every project stopped, UN sanctions named for each: supported
    assert p9(plan + un) == "supported"
    # one project with no stop recorded: partly supported, not contradicted
    assert p9(plan + un[:1]) == "partly supported"
    # other causes only: partly supported
    assert p9(plan + [("2016-03", "pipeline", "stalled", "no response from North Korea")]) == "partly supported"


def test_p9_readings_of_stuck():
    # the pipeline stalls on UN sanctions, then a new plan follows: stuck on the primary reading, not on
    # the stricter one (its latest fact is a plan); the looser reading counts every project
    rows = [("2010-01", "pipeline", "agreement or plan", None),
            ("2016-03", "pipeline", "stalled", "UN sanctions"),
            ("2019-01", "pipeline", "agreement or plan", None)]
    assert p9(rows) == "supported"
    assert p9(rows, stuck="latest fact a stop") == "contradicted"
    assert p9(rows[:1], stuck="no operation recorded") == "partly supported"
    with pytest.raises(ValueError):
        p9(rows, stuck="in operation")


def test_p9_as_of_the_article_drops_later_pages():
    rows = [("2010-01", "pipeline", "agreement or plan", None), ("2022-01", "pipeline", "stalled", "UN sanctions")]
    assert p9(rows) == "supported"
    assert p9(rows, until=rules.ARTICLE_DATE) == "contradicted"
    alts = checks.check_p9({"dprk_projects_timeline": timeline(rows), "unsc_dprk_record": council()})
    as_of = [a for a in alts if a.kind == "as of the article"]
    assert [a.verdict for a in as_of] == ["contradicted"] and as_of[0].detail.startswith("1 of 2")


# ---- ¶11: what the tables hold on motives

def texts(seoul="", moscow=""):
    return {"six_party_talks": pd.DataFrame({"fact": ["Six states met in Beijing.", seoul]}),
            "events_korea_russia": pd.DataFrame({"event": ["A summit.", moscow]}),
            "dprk_projects_timeline": pd.DataFrame({"event": ["A survey."]}),
            "unsc_dprk_record": council()}


def test_p11_not_testable_when_no_table_states_a_motive():
    t = texts("Seoul voted.", "Russia voted.")
    assert rules.decide_p11(t, stated=True)[0] == "not testable with open data"
    r = chapters.robustness("p11-motives", given=t)
    assert r.status == "robust" and r.verdict == "not testable with open data"


def test_p11_a_stated_motive_in_a_table_is_counted():
    t = texts("Seoul hopes Russia can press the North to denuclearize.",
              "Moscow seeks to lower tension on the peninsula.")
    verdict, reason = rules.decide_p11(t, stated=True)
    assert verdict == "partly supported" and "1 state a hope or aim of Seoul" in reason
    # a stated aim of Seoul's that is not the one the paragraph names does not count
    other = texts("Seoul hopes to sell more cars.", "Moscow seeks to lower tension.")
    assert rules.decide_p11(other, stated=True)[0] == "not testable with open data"
    r = chapters.robustness("p11-motives", given=t)
    assert r.status == "fragile" and [a.kind for a in r.flips] == ["indicators"]
