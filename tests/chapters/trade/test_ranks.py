"""Partner ranks on small hand-made tables whose answers are worked out by hand."""

import pandas as pd
import pytest

from double_ally.chapters.trade.ranks import (
    EU_CODE, eu_members, group_partners, partner_values, rank_of, rank_table, reproducing_definitions,
)


def test_rank_counts_partners_with_strictly_more_trade():
    values = pd.Series({"CHN": 50.0, "USA": 40.0, "JPN": 40.0, "RUS": 10.0})
    assert rank_of(values, "CHN") == 1
    assert rank_of(values, "USA") == 2 and rank_of(values, "JPN") == 2  # a tie shares the rank
    assert rank_of(values, "RUS") == 4  # three partners above, ties included
    with pytest.raises(KeyError):
        rank_of(values, "FRA")


def test_aggregates_must_be_left_out_before_ranking():
    with pytest.raises(ValueError, match="WLD"):
        group_partners(pd.Series({"WLD": 100.0, "CHN": 5.0}), 2018)


def test_eu_as_one_partner_sums_the_members_of_that_year():
    values = pd.Series({"DEU": 30.0, "FRA": 20.0, "GBR": 25.0, "USA": 40.0, "RUS": 35.0})
    in_2019 = group_partners(values, 2019, eu="EU as one")
    assert in_2019[EU_CODE] == 75.0 and "GBR" not in in_2019  # the UK was a member until 2020
    in_2020 = group_partners(values, 2020, eu="EU as one")
    assert in_2020[EU_CODE] == 50.0 and in_2020["GBR"] == 25.0
    # members apart: only the USA (40) is above Russia (35)
    assert rank_of(group_partners(values, 2019), "RUS") == 2
    assert rank_of(in_2019, "RUS") == 3  # EU (75) and USA (40) above


def test_greater_china_merges_hong_kong_macao_taiwan():
    values = pd.Series({"CHN": 10.0, "HKG": 5.0, "TWN": 4.0, "MAC": 1.0, "KOR": 12.0})
    merged = group_partners(values, 2018, china="with China")
    assert merged["CHN"] == 20.0 and set(merged.index) == {"CHN", "KOR"}
    assert rank_of(group_partners(values, 2018), "KOR") == 1
    assert rank_of(merged, "KOR") == 2


def test_membership_lists():
    assert len(eu_members(2019)) == 28 and len(eu_members(2020)) == 27
    assert "GBR" in eu_members(2019) and "GBR" not in eu_members(2020)
    with pytest.raises(ValueError):
        eu_members(2010)


def tiny_tables():
    # Russia's own records: imports from CHN 30, KOR 20, DEU 25; exports to CHN 40, KOR 10, DEU 50.
    own = pd.DataFrame([
        (2018, "RUS", p, f, v) for p, f, v in [
            ("CHN", "imports", 30.0), ("KOR", "imports", 20.0), ("DEU", "imports", 25.0),
            ("CHN", "exports", 40.0), ("KOR", "exports", 10.0), ("DEU", "exports", 50.0)]
    ] + [
        (2018, "KOR", p, f, v) for p, f, v in [
            ("CHN", "exports", 100.0), ("RUS", "exports", 5.0), ("USA", "exports", 60.0),
            ("CHN", "imports", 80.0), ("RUS", "imports", 9.0), ("USA", "imports", 50.0)]
    ], columns=["year", "reporter", "partner", "flow", "value_usd_m"])
    # Partners' records of trade with Russia: KOR says it exported 35 to Russia (Russia's imports).
    mirror = pd.DataFrame([
        (2018, "KOR", "RUS", "exports", 35.0), (2018, "CHN", "RUS", "exports", 31.0),
        (2018, "DEU", "RUS", "exports", 20.0), (2018, "KOR", "RUS", "imports", 12.0),
        (2018, "CHN", "RUS", "imports", 45.0), (2018, "DEU", "RUS", "imports", 44.0),
        (2018, "RUS", "KOR", "exports", 9.0), (2018, "CHN", "KOR", "exports", 70.0),
        (2018, "USA", "KOR", "exports", 55.0), (2018, "RUS", "KOR", "imports", 6.0),
        (2018, "CHN", "KOR", "imports", 90.0), (2018, "USA", "KOR", "imports", 65.0),
    ], columns=["year", "reporter", "partner", "flow", "value_usd_m"])
    return own, mirror


def test_mirror_values_swap_the_flow():
    own, mirror = tiny_tables()
    imports = partner_values(own, mirror, "RUS", 2018, "imports", "mirror")
    assert imports.to_dict() == {"CHN": 31.0, "DEU": 20.0, "KOR": 35.0}
    total = partner_values(own, mirror, "KOR", 2018, "total", "own")
    assert total.to_dict() == {"CHN": 180.0, "RUS": 14.0, "USA": 110.0}


def test_rank_table_on_hand_made_data():
    own, mirror = tiny_tables()
    table = rank_table(own, mirror, [2018]).set_index(["measure", "data", "eu", "china", "non_reporters"])["rank"]
    imports = "South Korea among Russia's import sources"
    assert table[(imports, "own", "members", "separate", "filled")] == 3     # 20 < 25 < 30
    assert table[(imports, "mirror", "members", "separate", "filled")] == 1  # 35 is the largest
    assert table[(imports, "own", "EU as one", "separate", "filled")] == 3   # DEU becomes the EU, same value
    exports = "South Korea among Russia's export markets"
    assert table[(exports, "own", "members", "separate", "filled")] == 3
    assert table[(exports, "mirror", "members", "separate", "filled")] == 3  # KOR 12 < DEU 44 < CHN 45
    # every partner reports here, so leaving non-reporters out changes nothing
    assert table[(exports, "mirror", "members", "separate", "removed")] == 3


def test_reproducing_definitions_needs_all_three_at_once():
    ranks = pd.DataFrame({
        "measure": ["a", "b", "c", "a", "b", "c"], "year": [2019] * 6,
        "data": ["own"] * 3 + ["mirror"] * 3, "eu": ["members"] * 6, "china": ["separate"] * 6,
        "matches_article": [True, True, True, True, False, True],
    })
    found = reproducing_definitions(ranks)
    assert found.to_dict("records") == [{"year": 2019, "data": "own", "eu": "members", "china": "separate"}]
