"""Citing a claim: the register's "Cite this claim" line and one schema.org ClaimReview per row.

The properties allowed per type are written here by hand from schema.org's type pages (each type's own
properties and those it inherits: ClaimReview < Review < CreativeWork < Thing; Claim < CreativeWork;
Rating < Intangible < Thing; Article < CreativeWork; Person, Organization < Thing)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
from bs4 import BeautifulSoup

from double_ally.book import claim_review, register
from double_ally.core import citation
from payloads import PAYLOADS, shown
import test_citation_forms as forms
from test_citation_forms import BASE, BOOK, ENTITY

THING = {"@type", "@context", "name", "alternateName", "url", "identifier", "sameAs", "description"}
CREATIVE_WORK = THING | {"author", "datePublished", "inLanguage", "isPartOf", "publisher", "headline", "license",
                         "version", "abstract"}
ALLOWED = {
    "ClaimReview": CREATIVE_WORK | {"claimReviewed", "itemReviewed", "reviewRating", "reviewBody"},
    "Claim": CREATIVE_WORK | {"appearance", "firstAppearance", "claimInterpreter"},
    "Article": CREATIVE_WORK | {"articleBody", "wordCount"},
    "Rating": THING | {"ratingValue", "bestRating", "worstRating", "ratingExplanation", "author"},
    "Person": THING | {"familyName", "givenName"},
    "Organization": THING,
    "Book": CREATIVE_WORK | {"bookEdition", "isbn"},
}
cff, online = forms.cff, forms.online  # the same fixtures: CITATION.cff editable, with an address
REQUIRED = {"ClaimReview": {"claimReviewed", "itemReviewed", "reviewRating", "author", "datePublished"},
            "Claim": {"author", "firstAppearance"}, "Rating": {"alternateName"}, "Article": {"url", "author"}}


def frame_of(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows).reindex(columns=register.COLUMNS, fill_value="")


def row(**kw) -> dict:
    base = {"claim_id": "p07-trade", "paragraph": 7, "claim": "South Korea matters to Russia's trade.",
            "kind": "fact", "chapter": "book/trade", "section": "the-partner-ranks", "verdict": "partly supported",
            "reason": "r", "page_sources": "1 primary", "robustness": "robust (1 alternative)"}
    return {**base, **kw}


def reviews(page: str) -> list[tuple[str, dict]]:
    """Per register block: its id and the JSON of its one ld+json script."""
    soup = BeautifulSoup(page, "html.parser")
    found = []
    for block in soup.select("article.da-claim"):
        scripts = block.select('script[type="application/ld+json"]')
        assert len(scripts) == 1, block["id"]
        found.append((block["id"], json.loads(scripts[0].string)))
    return found


def check_types(node, path="ClaimReview") -> None:
    """Every object's properties are ones schema.org defines for its type; the required ones are there."""
    if isinstance(node, list):
        for item in node:
            check_types(item, path)
        return
    if not isinstance(node, dict):
        return
    kind = node["@type"]
    assert set(node) <= ALLOWED[kind], (path, set(node) - ALLOWED[kind])
    assert REQUIRED.get(kind, set()) <= set(node), (path, REQUIRED[kind] - set(node))
    for key, value in node.items():
        check_types(value, f"{path}.{key}")


def test_every_register_row_has_one_claim_review_with_schema_org_properties(online):
    claims = register.committed().reindex(columns=register.COLUMNS, fill_value="")
    found = reviews(register.html_table(claims))
    assert [i for i, _ in found] == list(claims["claim_id"])
    article = citation.article()
    for (claim_id, data), r in zip(found, claims.itertuples(index=False)):
        check_types(data)
        assert data["@context"] == "https://schema.org" and data["@type"] == "ClaimReview"
        assert data["claimReviewed"] == r.claim
        assert data["reviewRating"] == {"@type": "Rating", "alternateName": r.verdict}
        assert data["url"] == f"{BASE}/v1.2/book/claims.html#{claim_id}"
        assert data["datePublished"] == "2027-03-04"
        assert data["author"] == [{"@type": "Organization", "name": ENTITY}]
        item = data["itemReviewed"]
        assert item["@type"] == "Claim"
        assert [a["familyName"] for a in item["author"]] == ["Tertitsky"] and item["author"][0]["@type"] == "Person"
        assert item["firstAppearance"]["url"] == article["url"]
        assert item["firstAppearance"]["datePublished"] == "2021-07-15"


def test_without_an_address_the_review_and_citation_carry_none(cff):
    page = register.html_table(frame_of([row()]))
    (_, data), = reviews(page)
    assert "url" not in data and "url" not in data["isPartOf"]
    line = BeautifulSoup(page, "html.parser").select_one(".da-claim-cite").get_text()
    assert "http" not in line and "#" not in line and "claims.html" not in line


def test_cite_this_claim_in_apa_as_written_by_hand(online):
    item = claim_review.csl_item(SimpleNamespace(**row()))
    from double_ally.book import cite

    assert cite.formatted(item, "APA", html_output=False) == (
        f"{ENTITY}. (2027). South Korea matters to Russia's trade (¶7): Partly supported. In {BOOK} "
        f"(Version 1.2.3). {BASE}/v1.2/book/claims.html#p07-trade")
    line = BeautifulSoup(register.html_table(frame_of([row()])), "html.parser").select_one(".da-claim-cite")
    assert line.get_text().startswith("Cite this claim") and f"{BASE}/v1.2/book/claims.html#p07-trade" in line.get_text()


def test_payloads_in_a_register_row_stay_inert(online):
    rows = [row(claim_id=p, paragraph=i % 9 + 1, claim=p, reason=p, robustness=p, page_sources=p)
            for i, p in enumerate(PAYLOADS)]
    page = register.html_table(frame_of(rows))
    soup = BeautifulSoup(page, "html.parser")
    assert len(soup.find_all("script")) == len(PAYLOADS)  # only the ld+json ones, one per row
    assert not soup.select("img, svg, iframe, h1, a[href^=javascript]")
    for (claim_id, data), payload in zip(reviews(page), PAYLOADS):
        assert data["claimReviewed"] == payload and claim_id == payload
        assert data["url"].startswith(f"{BASE}/v1.2/book/claims.html#") and not set(data["url"]) & set(" <>\"'`\n")
    for block, payload in zip(soup.select("article.da-claim"), PAYLOADS):
        assert " ".join(block.select_one(".da-claim-text").get_text().split()) == shown(payload)
        assert shown(payload.strip().rstrip(".")) in " ".join(block.select_one(".da-claim-cite").get_text().split())
    for script in soup.find_all("script"):
        assert "<" not in script.string and ">" not in script.string and "&" not in script.string
