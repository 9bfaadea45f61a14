"""The trade computations on small hand-made tables whose answers are worked out by hand."""

import pandas as pd
import pytest

from double_ally.chapters.trade.analysis import gap_signs_in_words, mirror_gaps, peak, signed_gaps, totals_by_reporter


def hand_made():
    # year, reporter, flow, value: Korea exports 100 and imports 50 in 2000; Russia records 110 / 40.
    rows = [
        (2000, "KOR", "exports", 100.0), (2000, "KOR", "imports", 50.0),
        (2000, "RUS", "exports", 40.0), (2000, "RUS", "imports", 110.0),
        (2001, "KOR", "exports", 200.0), (2001, "KOR", "imports", 80.0),
        (2001, "RUS", "exports", 100.0), (2001, "RUS", "imports", 150.0),
    ]
    return pd.DataFrame(rows, columns=["year", "reporter", "flow", "value_usd_m"])


def test_totals_and_balance_per_reporter():
    t = totals_by_reporter(hand_made()).set_index(["reporter", "year"])
    assert t.loc[("KOR", 2000), "total"] == 150.0
    assert t.loc[("KOR", 2000), "balance"] == 50.0
    assert t.loc[("RUS", 2001), "total"] == 250.0
    assert t.loc[("RUS", 2001), "balance"] == -50.0


def test_totals_refuse_a_table_without_imports():
    only_exports = hand_made().query("flow == 'exports'")
    with pytest.raises(ValueError, match="imports"):
        totals_by_reporter(only_exports)


def test_mirror_gap_compares_exporter_with_importer():
    g = mirror_gaps(hand_made()).set_index(["direction", "year"])
    # Korea's exports 100 vs Russia's imports 110: +10 %; Russia's exports 40 vs Korea's imports 50: +25 %.
    assert g.loc[("KOR to RUS", 2000), "gap_pct"] == pytest.approx(10.0)
    assert g.loc[("RUS to KOR", 2000), "gap_pct"] == pytest.approx(25.0)
    assert g.loc[("KOR to RUS", 2001), "gap_pct"] == pytest.approx(-25.0)


def test_signed_gaps_keep_the_sign_of_each_direction():
    g = mirror_gaps(hand_made())
    summary = signed_gaps(g, since=2001).set_index(["direction", "period"])
    # since 2001 (one year): Russia records 150 against Korea's 200 (-25 %); Korea records 80 against 100 (-20 %)
    assert summary.loc[("KOR to RUS", "2001-2001"), "median_gap_pct"] == pytest.approx(-25.0)
    assert summary.loc[("RUS to KOR", "2001-2001"), "median_gap_pct"] == pytest.approx(-20.0)
    assert summary.loc[("RUS to KOR", "2001-2001"), "years"] == 1
    # whole span: median of +10 and -25 is -7.5 (importer lower); of +25 and -20 is +2.5 (importer higher)
    assert summary.loc[("KOR to RUS", "2000-2001"), "median_gap_pct"] == pytest.approx(-7.5)
    assert summary.loc[("RUS to KOR", "2000-2001"), "median_gap_pct"] == pytest.approx(2.5)
    assert summary.loc[("KOR to RUS", "2000-2001"), "sign"].startswith("importer lower")
    assert summary.loc[("RUS to KOR", "2000-2001"), "sign"].startswith("importer higher")
    assert summary.loc[("KOR to RUS", "2000-2001"), "years"] == 2


def test_signed_gaps_in_words_say_which_direction_goes_against_valuation():
    summary = signed_gaps(mirror_gaps(hand_made()), since=2001)
    words = gap_signs_in_words(summary, "2000-2001")
    exports, imports = words.split("; ")
    assert "exports to Russia" in exports and "below" in exports and "opposite" in exports
    assert "imports from Russia" in imports and "above" in imports and "opposite" not in imports
    with pytest.raises(ValueError):
        gap_signs_in_words(summary, "1990-1991")


def test_signed_gaps_refuse_a_split_outside_the_span():
    with pytest.raises(ValueError):
        signed_gaps(mirror_gaps(hand_made()), since=2000)  # nothing before it
    with pytest.raises(ValueError):
        signed_gaps(mirror_gaps(hand_made()), since=2005)


def test_peak_returns_first_maximum():
    frame = pd.DataFrame({"year": [2000, 2001, 2002], "total": [5.0, 9.0, 9.0]})
    assert peak(frame, "total") == (2001, 9.0)
    with pytest.raises(ValueError):
        peak(frame.iloc[0:0], "total")


def test_shares_use_each_reporters_own_world_total():
    from double_ally.chapters.trade.analysis import shares

    world = pd.DataFrame([
        (2000, "KOR", "exports", 1000.0), (2000, "KOR", "imports", 500.0),
        (2000, "RUS", "exports", 300.0), (2000, "RUS", "imports", 200.0),
    ], columns=["year", "reporter", "flow", "value_usd_m"])
    out = shares(hand_made(), world).set_index("reporter")
    assert out.loc["KOR", "share_pct"] == pytest.approx(150 / 1500 * 100)  # 10 %
    assert out.loc["RUS", "share_pct"] == pytest.approx(150 / 500 * 100)   # 30 %
    assert list(out.loc[:, "year"]) == [2000, 2000]  # 2001 has no world total: left out


def test_chapter_shares_group_the_rest_as_other():
    from double_ally.chapters.trade.analysis import chapter_shares

    rows = pd.DataFrame([
        (2010, "imports", "27", 60.0), (2010, "imports", "72", 30.0), (2010, "imports", "03", 10.0),
        (2010, "exports", "87", 5.0),
    ], columns=["year", "flow", "hs2", "value_usd_m"])
    out = chapter_shares(rows, "imports", ["27"]).set_index("hs2")["share_pct"]
    assert out.to_dict() == {"27": 60.0, "other": 40.0}
    with pytest.raises(ValueError):
        chapter_shares(rows, "transit", ["27"])


def test_yearly_change_skips_a_year_whose_previous_year_is_missing():
    from double_ally.chapters.trade.analysis import yearly_change

    series = pd.Series({2000: 100.0, 2001: 50.0, 2003: 60.0, 2004: 90.0})
    # 2001: 50/100 - 1 = -50 %; 2003 has no 2002 to compare with; 2004: 90/60 - 1 = +50 %
    assert yearly_change(series).to_dict() == {2001: pytest.approx(-50.0), 2004: pytest.approx(50.0)}


def test_falls_keep_only_drops_beyond_the_threshold():
    from double_ally.chapters.trade.analysis import falls

    series = pd.Series({2000: 100.0, 2001: 90.0, 2002: 70.0, 2003: 80.0})  # -10 %, -22.2 %, +14.3 %
    assert list(falls(series, 15).index) == [2002]
    assert list(falls(series, 5).index) == [2001, 2002]


def test_runs_group_consecutive_years():
    from double_ally.chapters.trade.analysis import runs

    assert runs([2016, 1998, 2015, 2020]) == [(1998, 1998), (2015, 2016), (2020, 2020)]
    assert runs([]) == []


def test_falls_in_words():
    from double_ally.chapters.trade.analysis import falls_in_words

    assert falls_in_words(pd.Series({2016: -16.2, 2015: -38.0})) == "38 % in 2015 and 16 % in 2016"
    assert falls_in_words(pd.Series({2022: -22.6})) == "23 % in 2022"
    assert falls_in_words(pd.Series({1: -1.0, 2: -2.0, 3: -3.0})) == "1 % in 1, 2 % in 2 and 3 % in 3"
    with pytest.raises(ValueError):
        falls_in_words(pd.Series({2017: 5.0}))
