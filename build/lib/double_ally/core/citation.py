"""The book's metadata, from its one source, CITATION.cff: title, authors, version, date, licence, DOI
and addresses. Everything that cites the book (``double_ally.book.cite``, the chart source lines of
``double_ally.core.charts``) reads it here.

The book's public address is not fixed until it is published: set ``DOUBLE_ALLY_BASE_URL`` (or a
``url`` in CITATION.cff) and every citation gains the page's URL.
"""

from __future__ import annotations

import os
from functools import lru_cache

import yaml

from double_ally.core.paths import ROOT

CFF = ROOT / "CITATION.cff"


@lru_cache(maxsize=1)
def _cff() -> dict:
    return yaml.safe_load(CFF.read_text(encoding="utf-8"))


def creator(author: dict) -> dict:
    """One CFF author as the book's forms need it: an entity (``name:``) stays one name, never split
    into given and family names; a person keeps ``family`` and ``given``."""
    if author.get("name"):
        return {"entity": True, "name": str(author["name"])}
    family = " ".join(filter(None, [author.get("name-particle"), author.get("family-names"),
                                    author.get("name-suffix")]))
    given = author.get("given-names") or ""
    return {"entity": False, "family": family, "given": given, "name": " ".join(filter(None, [given, family]))}


def cff_doi(cff: dict) -> str | None:
    """The DOI in CITATION.cff: ``doi``, else the first ``identifiers`` entry of type doi (a version or
    the concept DOI, whichever the file names), else the preferred citation's."""
    found = cff.get("doi") or next((i.get("value") for i in cff.get("identifiers") or [] if i.get("type") == "doi"),
                                   None) or (cff.get("preferred-citation") or {}).get("doi")
    return str(found) if found else None


def metadata() -> dict:
    """The book's metadata from CITATION.cff; the addresses may be overridden by the environment."""
    cff = _cff()
    creators = [creator(a) for a in cff["authors"]]
    date = str(cff["date-released"])
    return {
        "title": cff["title"],
        "short_title": cff["title"].split(":")[0],
        "authors": [c["name"] for c in creators],
        "creators": creators,
        "version": str(cff["version"]),
        "date": date,
        "year": int(date[:4]),
        "licenses": list(cff["license"]) if isinstance(cff["license"], list) else [cff["license"]],
        "doi": cff_doi(cff),
        "abstract": " ".join(str(cff.get("abstract", "")).split()),
        "keywords": cff.get("keywords", []),
        "url": (os.environ.get("DOUBLE_ALLY_BASE_URL") or cff.get("url") or "").rstrip("/"),
        "repository": (os.environ.get("DOUBLE_ALLY_REPOSITORY") or cff.get("repository-code") or "").rstrip("/"),
    }


def version_folder(version: str | None = None) -> str:
    """The folder a release is kept in for good: ``v0.1`` for 0.1.x (see ``double_ally.book.publish``)."""
    major, minor = (version or metadata()["version"]).split(".")[:2]
    return f"v{major}.{minor}"


def version_url() -> str | None:
    """The stable address of this version of the book (the latest also sits at the site's root)."""
    base = metadata()["url"]
    return f"{base}/{version_folder()}" if base else None


def page_url(docname: str | None) -> str | None:
    """A page's address in this version's folder, so that a citation keeps pointing at what was read."""
    base = version_url()
    if not base:
        return None
    return f"{base}/{docname}.html" if docname else f"{base}/"


def chart_line(chart_title: str, chart_name: str) -> str:
    """A short plain-text citation for one chart."""
    m = metadata()
    return (f"{', '.join(m['authors'])} ({m['year']}). \u201c{chart_title}\u201d, chart {chart_name}, in "
            f"{m['short_title']}, version {m['version']}.")


def article() -> dict:
    """The article the book examines: the first entry of CITATION.cff's references."""
    return _cff()["references"][0]


# The article's publication date (ISO), the line between "before" and "after" in every chapter.
ARTICLE_DATE = str(article()["date-published"])
