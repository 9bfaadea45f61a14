"""The classes of the pages each verdict rests on, and the check that fails the build on mirrors a better
page could replace: on hand-made tables, then on the book's own tables."""

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.book import page_sources
from double_ally.book.page_sources import PageSourceError, check, classes_read, describe, mirror_only, stale_rows
from double_ally.core import pages
from double_ally.core.page_classes import index
from double_ally.core.verdicts import Claim

COPY = "https://liquisearch.com/some/page"         # a mirror by the book's class rules
BETTER = "https://www.reuters.com/article/x"
RULES = tuple(pages._decision(e, "test") for e in (
    {"weak_url": COPY, "match": {"fact_id": "1"}, "use": BETTER},
    {"weak_url": COPY, "match": {"fact_id": "2"}, "keep": "the listed page gives another figure"},
))


def facts(*rows):
    return pd.DataFrame(rows, columns=["fact_id", "source_publisher", "source_url"])


MIRRORS = facts(("2", "LiquiSearch (mirror of Wikipedia)", COPY))
MIXED = facts(("2", "LiquiSearch (mirror of Wikipedia)", COPY), ("3", "Reuters", BETTER))
DATASET = pd.DataFrame({"year": [2020], "value": [1.0]})


def test_a_verdict_resting_only_on_a_replaceable_mirror_fails_the_check():
    given = {"copies": MIRRORS, "dataset": DATASET}
    idx = index({"copies": MIRRORS})
    assert mirror_only({"p01-x": {"copies", "dataset"}}, idx, RULES)
    with pytest.raises(PageSourceError, match="p01-x"):
        check(given, {"p01-x": {"copies", "dataset"}}, idx, RULES)


def test_a_verdict_with_a_better_page_beside_the_mirror_passes():
    idx = index({"mixed": MIXED})
    check({"mixed": MIXED}, {"p01-x": {"mixed"}}, idx, RULES)


def test_a_verdict_on_a_mirror_the_sources_offer_nothing_better_for_passes():
    other = facts(("9", "Some blog, reposted", "https://blog.example/p"))
    idx = index({"other": other})
    assert classes_read({"other"}, idx) == {"mirror": 1}
    check({"other": other}, {"p01-x": {"other"}}, idx, RULES)


def test_a_row_still_citing_a_replaced_page_fails_the_check():
    stale = facts(("1", "LiquiSearch (mirror of Wikipedia)", COPY), ("3", "Reuters", BETTER))
    assert stale_rows({"stale": stale}, RULES) == [
        f"stale: a row cites {COPY}, for whose fact the sources offer a better page"]
    with pytest.raises(PageSourceError, match="stale"):
        check({"stale": stale}, {}, index({"stale": stale}), RULES)


def test_the_register_line_counts_pages_by_class_in_class_order():
    assert describe({"mirror": 1, "primary": 2}) == "2 primary; 1 mirror"
    assert describe({}) == page_sources.NO_PAGES


def test_a_rule_s_reads_are_recorded():
    claim = Claim("p01-x", 1, "c", "fact", "book/trade", "s",
                  lambda t: ("supported", f"{len(t['mixed'])} rows, {len(t['dataset'])} row"))
    verdict, read = page_sources.evaluate(claim, {"mixed": MIXED, "dataset": DATASET})
    assert read == {"mixed", "dataset"} and verdict.reason == "2 rows, 1 row"


def test_references_escape_what_the_tables_say():
    hostile = facts(("1", "<script>alert(1)</script> [x](javascript:alert(1))", "https://evil.example/a)b"))
    markdown = page_sources.references(index({"t": hostile}), "agency or newspaper")
    assert "<script>" not in markdown and "](javascript" not in markdown
    assert "(<https://evil.example/a)b>)" in markdown


# ------------------------------------------------------------------------------ the book's own tables

@pytest.fixture(scope="module")
def book_frames():
    return page_sources.frames()


def test_no_table_cites_a_weak_page_the_sources_replace(book_frames):
    assert stale_rows(book_frames) == []


def test_every_page_has_one_of_the_four_classes(book_frames):
    idx = page_sources.index(book_frames)
    assert set(idx["source_class"]) <= set(page_sources.CLASSES) and idx["url"].is_unique


def test_every_row_citing_a_weak_page_of_the_sources_has_a_decision(book_frames):
    """Also for tables whose derivation does not call replace_weak (needs the raw replacements file)."""
    from double_ally.core import sources

    if pages.RAW_KEY in sources.missing():
        pytest.skip("raw sources not found; set DOUBLE_ALLY_RAW")
    weak = set(pages.replacements()["weak_url"])
    for name, frame in book_frames.items():
        if "source_url" not in frame.columns:
            continue
        for _, row in frame[frame["source_url"].isin(weak)].iterrows():
            picked = [d for d in pages.decisions() if d.weak_url == row["source_url"]
                      and d.applies_to(frame.columns) and d.picks(row)]
            assert len(picked) == 1, (name, dict(row))
            assert picked[0].keep, (name, dict(row))  # a `use` row would have been replaced


def test_each_verdict_counts_every_page_of_the_tables_its_rule_read(book_frames):
    from double_ally.book import register

    claims = register.table()
    for claim_id, shown in zip(claims["claim_id"], claims["page_sources"]):
        _, read = page_sources.evaluate(chapters.claims()[claim_id])
        urls = {url for name in read if name in book_frames for column in book_frames[name].columns
                if column.endswith(("_url", "_urls")) for cell in book_frames[name][column].dropna()
                for url in str(cell).split() if url.startswith(("http://", "https://"))}
        counted = 0 if shown == page_sources.NO_PAGES else sum(int(part.split()[0]) for part in shown.split("; "))
        assert counted == len(urls), (claim_id, shown)
