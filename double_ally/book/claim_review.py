"""Cite one claim of the register: its "Cite this claim" line and its schema.org ``ClaimReview``.

Each register block is anchored by its claim id, which stays the same across releases; with a base URL
set (``DOUBLE_ALLY_BASE_URL``) the citation and the review carry the register page's address in this
version's folder plus ``#<claim_id>``. Without one, neither carries an address (never a relative one).

The ``ClaimReview`` follows schema.org: ``claimReviewed`` is the claim in our words, ``itemReviewed`` a
``Claim`` by the article's author whose ``firstAppearance`` is the article (from CITATION.cff's
references), ``reviewRating`` a ``Rating`` whose ``alternateName`` is the verdict, and the book's
authors its ``author`` (the book itself is what the review ``isPartOf``).
"""

from __future__ import annotations

from double_ally.book import cite
from double_ally.core import citation

REGISTER_DOC = "book/claims"


def address(claim_id: str) -> str | None:
    """The claim's address: the register page of this version, anchored at the claim's block."""
    from urllib.parse import quote

    page = citation.page_url(REGISTER_DOC)
    return f"{page}#{quote(claim_id, safe='-_.~')}" if page else None


def title(row) -> str:
    """The cited title: the claim in our words, its paragraph, and the verdict (APA capitalises it after
    the colon)."""
    verdict = str(row.verdict)
    return f"{str(row.claim).strip().rstrip('.')} (¶{row.paragraph}): {verdict[:1].upper()}{verdict[1:]}"


def csl_item(row) -> dict:
    """CSL-JSON for one claim's verdict, as a section of the book (like a chapter)."""
    item = cite.csl_item("claim", REGISTER_DOC)
    item.update({"id": str(row.claim_id), "title": title(row)})
    url = address(str(row.claim_id))
    if url:
        item["URL"] = url
    return item


def cite_line(row) -> str:
    """The "Cite this claim" line of a register block (HTML; the row's strings escaped by ``formatted``)."""
    return f'<p class="da-claim-cite"><span class="da-cite-label">Cite this claim</span> ' \
           f'{cite.formatted(csl_item(row), "APA")}</p>'


def article_ld() -> dict:
    """The article examined, as a schema.org ``Article`` (from CITATION.cff's first reference)."""
    a = citation.article()
    data = {"@type": "Article", "headline": a["title"], "name": a["title"],
            "author": cite.ld_people([citation.creator(x) for x in a["authors"]]), "datePublished": str(a["date-published"])}
    if a.get("publisher"):
        data["publisher"] = {"@type": "Organization", "name": a["publisher"]["name"]}
    if a.get("url"):
        data["url"] = a["url"]
    return data


def review(row) -> dict:
    """One register row as a schema.org ``ClaimReview``."""
    m = citation.metadata()
    article = article_ld()
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": str(row.claim),
        "itemReviewed": {"@type": "Claim", "author": article["author"], "firstAppearance": article,
                         "datePublished": article["datePublished"]},
        "reviewRating": {"@type": "Rating", "alternateName": str(row.verdict)},
        "author": cite.ld_people(m["creators"]),
        "isPartOf": cite.ld_book(),
        "datePublished": m["date"],
        "inLanguage": "en",
    }
    url = address(str(row.claim_id))
    if url:
        data["url"] = url
    return data


def review_script(row) -> str:
    """The row's ``ClaimReview`` as a JSON-LD script element that no text of the row can end."""
    return cite.ld_script(review(row))
