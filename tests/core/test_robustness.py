"""The robustness framework: alternatives, robust or fragile, the block's two forms, and the rule that
every claim of the book has a check that tries at least one alternative."""

import sys
from pathlib import Path

import pytest

from double_ally import chapters
from double_ally.core.robustness import Alternative, assess

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from payloads import PAYLOADS  # noqa: E402


def test_an_alternative_that_changes_the_verdict_makes_it_fragile_and_is_named():
    r = assess("x", "the primary", "supported", [
        Alternative("abstentions as 0", "supported", "gap 0.04"),
        Alternative("all roll calls", "contradicted", "gap -0.12", kind="records"),
    ])
    assert r.status == "fragile"
    assert [a.label for a in r.flips] == ["all roll calls"]
    assert "all roll calls -> contradicted" in r.summary() and "abstentions as 0" not in r.summary()


def test_no_alternative_changing_it_is_robust():
    r = assess("x", "the primary", "partly supported", [Alternative("a", "partly supported"),
                                                         Alternative("b", "partly supported")])
    assert r.status == "robust" and r.flips == [] and "2 alternatives" in r.summary()


def test_a_check_must_try_something_and_state_its_primary_definition():
    with pytest.raises(ValueError, match="at least one alternative"):
        assess("x", "the primary", "supported", [])
    with pytest.raises(ValueError, match="at least one alternative definition"):
        assess("x", "the primary", "supported", [Alternative("July 2021", "supported", kind="as of the article")])
    with pytest.raises(ValueError, match="primary definition"):
        assess("x", " ", "supported", [Alternative("a", "supported")])


def test_an_alternative_verdict_or_kind_outside_the_lists_is_refused():
    with pytest.raises(ValueError, match="verdict"):
        Alternative("a", "mostly true")
    with pytest.raises(ValueError, match="kind"):
        Alternative("a", "supported", kind="vibes")


def test_the_verdict_as_of_the_article_is_the_alternative_of_that_kind():
    r = assess("x", "p", "supported", [Alternative("a", "supported"),
                                      Alternative("July 2021", "partly supported", kind="as of the article")])
    assert r.as_of_article == "partly supported"
    assert r.status == "robust" and r.flips == [], "hindsight is reported apart, not as fragility"
    assert "uses later evidence" in r._repr_html_()
    with pytest.raises(ValueError, match="at most one"):
        assess("x", "p", "supported", [Alternative("a", "supported"), Alternative("b", "supported", kind="as of the article"),
                                       Alternative("c", "supported", kind="as of the article")])
    assert assess("x", "p", "supported", [Alternative("a", "supported")]).as_of_article is None


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_block_escapes_labels_and_details(payload):
    r = assess("x", payload, "supported", [Alternative(payload, "contradicted", payload)])
    html = r._repr_html_()
    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "fragile" in html and "changes the verdict" in html


def test_every_claim_has_a_check_that_runs_on_the_book_data():
    claims, checks = chapters.claims(), chapters.robustness_checks()
    assert sorted(checks) == sorted(claims), "every claim needs a check in its chapter's robustness.py"
    for claim_id in claims:
        r = chapters.robustness(claim_id)
        assert r.alternatives and r.status in {"robust", "fragile"}


def test_a_rule_takes_its_definitions_as_options_and_refuses_unknown_ones():
    from double_ally.core.verdicts import Claim

    def decide(t, *, floor=10):
        n = len(t["rows"])
        return ("supported" if n >= floor else "contradicted"), f"{n} rows against a floor of {floor}"

    c = Claim("p01-x", 1, "A claim.", "fact", "book/x", "x", decide)
    given = {"rows": list(range(5))}
    assert c.evaluate(given).verdict == "contradicted"
    assert c.evaluate(given, floor=5).verdict == "supported" and "floor of 5" in c.evaluate(given, floor=5).reason
    with pytest.raises(TypeError, match="no parameter flor"):
        c.evaluate(given, flor=5)
