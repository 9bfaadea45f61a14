"""The claims register: complete, collected from the chapters' code, and never at odds with them."""

import re
from html import unescape

import pytest
from bs4 import BeautifulSoup

from double_ally.book import register
from double_ally.core.paths import DATA_DIR

# Paragraphs that carry a testable argument (¶14 only frames the question ¶15 answers), read from the
# claims inventory that came with the article: every one of them must have a row in the register.
TESTABLE_PARAGRAPHS = set(range(1, 21)) - {14}


@pytest.fixture(scope="module")
def claims():
    return register.table()


def test_every_testable_paragraph_has_a_register_row(claims):
    missing = TESTABLE_PARAGRAPHS - set(claims["paragraph"])
    assert not missing, f"no claim registered for paragraphs {sorted(missing)}"


def test_claim_ids_are_unique_and_name_their_paragraph(claims):
    assert claims["claim_id"].is_unique
    for claim_id, paragraph in zip(claims["claim_id"], claims["paragraph"]):
        assert re.fullmatch(rf"p0?{paragraph}(-[a-z0-9]+)+", claim_id) or claim_id.startswith("p14-15"), claim_id


def test_committed_csv_equals_a_fresh_collection(claims):
    committed = (DATA_DIR / register.CSV_NAME).read_bytes()
    assert committed == register.csv_bytes(claims), (
        "data/claims.csv is stale: run `python -m double_ally.book.register` after changing a chapter's verdicts")


def test_every_register_row_has_a_robustness_entry(claims):
    """Each verdict says whether it is robust or fragile, and a fragile one names what changes it."""
    for row in claims.itertuples(index=False):
        assert re.match(r"(robust|fragile) \(", row.robustness), (row.claim_id, row.robustness)
        if row.robustness.startswith("fragile"):
            assert " -> " in row.robustness, row.claim_id
        assert row.verdict_as_of_article in {"", *register.VERDICTS}, row.claim_id


def test_robustness_counts_per_verdict():
    frame = register.pd.DataFrame({"verdict": ["supported", "supported", "contradicted"],
                                   "robustness": ["robust (2 ...)", "fragile (1 of 2): a -> b", "robust (1 ...)"]})
    assert register.robustness_counts(frame) == [["supported", 1, 1], ["contradicted", 1, 0]]


def test_links_point_at_a_chapter_section():
    assert register.href("book/trade", "the-partner-ranks-10") == "../book/trade.html#the-partner-ranks-10"
    assert register.href("book/trade", "x", from_doc="index") == "book/trade.html#x"
    with pytest.raises(ValueError):
        register.href("book/trade", "The Partner Ranks")


def test_coverage_counts_claims_per_paragraph():
    frame = register.pd.DataFrame({"paragraph": [2, 2, 5], "verdict": ["supported", "contradicted", "supported"]})
    cov = register.coverage(frame, range(1, 6)).set_index("paragraph")
    assert cov.loc[2, "claims"] == 2 and cov.loc[2, "verdicts"] == "supported; contradicted"
    assert cov.loc[1, "claims"] == 0 and cov.loc[5, "claims"] == 1


@pytest.mark.build
def test_chapters_and_register_page_show_the_same_verdicts(built_book, claims):
    """In the built book: each chapter shows each of its verdicts in the section the register links to
    (and may repeat it in a summary), always the same, and the register page gives the same verdict."""
    html_dir = built_book
    page = (html_dir / "book" / "claims.html").read_text(encoding="utf-8")
    for row in claims.itertuples(index=False):
        chapter = (html_dir / f"{row.chapter}.html").read_text(encoding="utf-8")
        shown = re.findall(rf'data-claim="{row.claim_id}" data-verdict="([^"]+)"', chapter)
        assert shown and set(shown) == {row.verdict}, (
            f"{row.chapter} shows {row.claim_id} as {shown}, register says {row.verdict}")
        section = BeautifulSoup(chapter, "html.parser").find(id=row.section)
        assert section is not None, f"{row.chapter} has no section #{row.section}"
        assert section.find(attrs={"data-claim": row.claim_id}), f"{row.claim_id} is not shown in #{row.section}"
        cell = re.search(rf"<code>{row.claim_id}</code></td><td>[^<]*</td><td><span[^>]*>([^<]+)</span>", page)
        assert cell and unescape(cell.group(1)) == row.verdict
