"""Better pages for weak ones (core.pages), on hand-made tables and entries."""

import pandas as pd
import pytest

from double_ally.core import pages
from double_ally.core.pages import UndecidedPage, decisions, pending, replace_weak

WEAK = "https://copy.example/list"
BETTER = "https://agency.example/story"
OFFICIAL = "https://ministry.example/release"

# The replacements file, as the raw file has it: one weak page stating two facts, a better page for each.
TABLE = pd.DataFrame({
    "weak_url": [WEAK, WEAK],
    "fact": ["first fact", "second fact"],
    "replacement_url": [BETTER, OFFICIAL],
    "replacement_publisher": ["Agency", "Ministry"],
    "quote": ["The agency's words.", "The ministry's words."],
    "date_or_period": ["2020", "2021"],
    "note": ["", ""],
}, dtype="string")


def rules(*entries):
    return tuple(pages._decision(entry, "test") for entry in entries)


def frame(**extra):
    return pd.DataFrame({"fact_id": ["a", "b", "c"], "summary": ["ours 1", "ours 2", "ours 3"],
                         "publisher": ["Copy site", "Copy site", "Ministry of X"],
                         "source_url": [WEAK, WEAK, "https://gov.example/x"], **extra})


USE_A = {"weak_url": WEAK, "match": {"fact_id": "a"}, "use": BETTER}
USE_B = {"weak_url": WEAK, "match": {"fact_id": "b"}, "use": OFFICIAL}


def test_a_weak_page_with_a_better_page_for_its_fact_is_replaced():
    out = replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(USE_A, USE_B))
    assert list(out["source_url"]) == [BETTER, OFFICIAL, "https://gov.example/x"]
    assert list(out["publisher"]) == ["Agency", "Ministry", "Ministry of X"]
    assert list(out["summary"]) == ["ours 1", "ours 2", "ours 3"]  # the paraphrase stays ours


def test_a_page_that_is_not_weak_is_left_alone():
    primary = frame().iloc[[2]]
    out = replace_weak(primary, "source_url", "publisher", table=TABLE, rules=rules(USE_A, USE_B))
    pd.testing.assert_frame_equal(out, primary)


def test_a_stored_quote_becomes_the_better_page_s_quote():
    given = frame(quote=["copied words", "copied words", "ministry words"])
    out = replace_weak(given, "source_url", None, "quote", table=TABLE, rules=rules(USE_A, USE_B))
    assert list(out["quote"]) == ["The agency's words.", "The ministry's words.", "ministry words"]
    assert list(out["publisher"]) == list(given["publisher"])  # no publisher column named: unchanged


def test_a_kept_row_keeps_its_page():
    keep_b = {"weak_url": WEAK, "match": {"fact_id": "b"}, "keep": "no listed page gives this figure"}
    out = replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(USE_A, keep_b))
    assert list(out["source_url"])[:2] == [BETTER, WEAK]


def test_a_list_in_match_picks_any_of_its_values():
    both = {"weak_url": WEAK, "match": {"fact_id": ["a", "b"]}, "use": BETTER}
    out = replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(both))
    assert list(out["source_url"])[:2] == [BETTER, BETTER]


def test_a_weak_row_no_entry_picks_stops_the_derivation():
    with pytest.raises(UndecidedPage, match="0 entries"):
        replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(USE_A))


def test_a_weak_row_two_entries_pick_stops_the_derivation():
    again = {"weak_url": WEAK, "match": {"summary": "ours 1"}, "use": OFFICIAL}
    with pytest.raises(UndecidedPage, match="2 entries"):
        replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(USE_A, USE_B, again))


def test_an_entry_on_columns_the_table_lacks_does_not_apply():
    other_table = {"weak_url": WEAK, "match": {"fact_type": "start"}, "use": BETTER}
    with pytest.raises(UndecidedPage, match="0 entries"):
        replace_weak(frame().iloc[[1]], "source_url", "publisher", table=TABLE, rules=rules(other_table))


def test_an_entry_naming_a_page_the_file_does_not_list_is_refused():
    wrong = {"weak_url": WEAK, "match": {"fact_id": "b"}, "use": "https://elsewhere.example/"}
    with pytest.raises(ValueError, match="0 rows"):
        replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(USE_A, wrong))


@pytest.mark.parametrize("entry", [
    {"weak_url": WEAK, "match": {}, "use": BETTER, "keep": "both"},
    {"weak_url": WEAK, "match": {}},
    {"weak_url": WEAK, "match": {}, "keep": " "},
    {"weak_url": WEAK, "match": ["fact_id"], "use": BETTER},
    {"weak_url": WEAK, "use": BETTER},
])
def test_an_entry_needs_a_match_and_exactly_one_of_use_or_keep(entry):
    with pytest.raises(ValueError):
        rules(entry)


def test_pending_finds_rows_still_citing_a_replaced_weak_page():
    still = pending(frame(), "source_url", rules(USE_A, {"weak_url": WEAK, "match": {"fact_id": "b"}, "keep": "why"}))
    assert list(still["fact_id"]) == ["a"]
    done = replace_weak(frame(), "source_url", "publisher", table=TABLE, rules=rules(USE_A, USE_B))
    assert pending(done, "source_url", rules(USE_A, USE_B)).empty


def test_every_entry_of_the_book_names_a_page_of_the_replacements_file():
    from double_ally.core import sources

    if pages.RAW_KEY in sources.missing():
        pytest.skip("raw sources not found; set DOUBLE_ALLY_RAW")
    table = pages.replacements()
    for decision in decisions():
        assert decision.weak_url in set(table["weak_url"]), decision
        if decision.use is not None:
            assert pages.better_page(decision, table)["replacement_url"] == decision.use
