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
        block = BeautifulSoup(page, "html.parser").find("article", id=row.claim_id)
        assert block is not None, f"the register page has no block #{row.claim_id}"
        assert block["data-verdict"] == row.verdict
        assert unescape(block.find(class_="da-verdict-badge").get_text()) == row.verdict


def _frame(rows):
    return register.pd.DataFrame(rows, columns=["verdict", "kind", "robustness"])


def test_bottom_line_counts_past_and_forecast_claims_apart():
    frame = _frame([["supported", "fact", "robust (1)"], ["contradicted", "interpretation", "fragile (1 of 1): a -> b"],
                    ["partly supported", "forecast", "robust (2)"], ["contradicted", "forecast", "robust (1)"],
                    ["not testable with open data", "forecast", "robust (1)"]])
    line = register.bottom_line(frame)
    assert (line["bl_n"], line["bl_untestable"]) == (5, 1)
    assert (line["bl_past_held"], line["bl_past_tested"]) == (1, 2)
    assert (line["bl_forecast_held"], line["bl_forecast_tested"]) == (1, 2), "an untestable forecast is not tested"
    assert (line["bl_robust"], line["bl_fragile"]) == (4, 1)


@pytest.mark.parametrize("reason, first", [
    ("The U.S. voted yes. Japan did too.", "The U.S. voted yes."),
    ("Arrivals grew 22%. Then they fell.", "Arrivals grew 22%."),
    ("One sentence only", "One sentence only."),
    ("Ranks 12 (of 48). Next.", "Ranks 12 (of 48)."),
])
def test_first_sentence_does_not_stop_at_abbreviations(reason, first):
    assert register.first_sentence(reason) == first


def test_a_stale_committed_register_is_refused(tmp_path):
    frame = register.pd.DataFrame([{c: "x" for c in register.COLUMNS} | {"paragraph": 1}])
    path = tmp_path / "claims.csv"
    path.write_bytes(register.csv_bytes(frame))
    register.check_committed(frame, path)
    assert register.committed(path).equals(frame)
    changed = frame.assign(verdict="supported")
    with pytest.raises(register.StaleRegister, match="claims.csv"):
        register.check_committed(changed, path)


def test_the_strip_has_one_badge_per_claim_and_links_to_the_evidence():
    frame = register.pd.DataFrame([
        {"claim_id": "p01-a", "paragraph": 1, "claim": "A <b>claim</b>", "verdict": "supported",
         "reason": "First. Second.", "chapter": "book/trade", "section": "a-b"},
        {"claim_id": "p02-b", "paragraph": 2, "claim": "Another", "verdict": "contradicted",
         "reason": "Only one", "chapter": "book/people", "section": "c"}])
    soup = BeautifulSoup(register.Strip(frame)._repr_html_(), "html.parser")
    items = soup.find_all("li")
    assert [i["data-verdict"] for i in items] == ["supported", "contradicted"]
    assert [i.a["href"] for i in items] == ["../book/trade.html#a-b", "../book/people.html#c"], "from book/intro"
    assert "<b>" not in str(items[0].a) and items[0].find(class_="da-strip-why").get_text() == "First."


def test_a_chapter_strip_shows_that_chapters_verdicts_and_links_within_it():
    strip = register.chapter_strip("book/trade")
    assert set(strip.frame["chapter"]) == {"book/trade"} and len(strip.frame) >= 1
    soup = BeautifulSoup(strip._repr_html_(), "html.parser")
    assert all(a["href"].startswith("../book/trade.html#") for a in soup.find_all("a"))
    with pytest.raises(KeyError, match="no claim"):
        register.chapter_strip("book/nowhere")
