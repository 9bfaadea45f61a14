"""Every Markdown the book writes from data or metadata, fed the injection strings, parses to text,
emphasis, code and http(s) links only: no HTML, role, directive or substitution comes from the data.
(The web pages are checked in Chromium by test_injection.py; this covers the Markdown forms too, which
the PDF edition and plain notebook front-ends show.)"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from double_ally.book import appendix, register, reproduce
from double_ally.chapters.north_korea import analysis as nk
from double_ally.core import sources
from double_ally.core.robustness import Alternative, assess
from double_ally.core.verdicts import Verdict

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from payloads import BAD_URLS, PAYLOADS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "strong_open", "strong_close",
           "em_open", "em_close", "code_inline", "link_open", "link_close", "bullet_list_open",
           "bullet_list_close", "list_item_open", "list_item_close", "table_open", "table_close", "thead_open",
           "thead_close", "tbody_open", "tbody_close", "tr_open", "tr_close", "th_open", "th_close",
           "td_open", "td_close", "myst_role"}


@pytest.fixture(scope="module")
def parse():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    extensions = set(yaml.safe_load((ROOT / "_config.yml").read_text())["parse"]["myst_enable_extensions"])
    parser = create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)

    def tokens(markdown: str) -> list:
        found = []
        for block in parser.parse(markdown):
            found.append(block)
            found.extend(block.children or [])
        return found
    return tokens


def assert_inert(tokens: list, roles: set[str] = frozenset()) -> None:
    kinds = {t.type for t in tokens}
    assert kinds <= ALLOWED, kinds - ALLOWED
    assert {t.meta["name"] for t in tokens if t.type == "myst_role"} <= roles
    for t in tokens:
        if t.type == "link_open":
            assert t.attrs["href"].startswith(("https://", "http://")), t.attrs["href"]


def test_the_north_korea_lists(parse):
    urls = (BAD_URLS + PAYLOADS)[: len(PAYLOADS)]
    talks = pd.DataFrame({"refers_to": PAYLOADS, "fact": PAYLOADS, "fact_type": "a", "source_url": urls})
    projects = pd.DataFrame({"date": PAYLOADS, "project": PAYLOADS, "stage": PAYLOADS, "event": PAYLOADS,
                             "source_publisher": PAYLOADS, "source_url": urls})
    for markdown in (nk.talks_list(talks), nk.projects_list(projects)):
        tokens = parse(markdown)
        assert_inert(tokens)
        assert sum(t.type == "list_item_open" for t in tokens) == len(PAYLOADS)


def test_a_data_appendix_entry(parse):
    resource = {"name": PAYLOADS[0], "title": PAYLOADS[1], "description": " ".join(PAYLOADS), "rows": 3,
                "sources": [{"publisher": s, "title": s, "version": s, "bibkey": "imf_dots"} for s in PAYLOADS],
                "licenses": [{"title": PAYLOADS[2]}], "figure_type": PAYLOADS[3], "path": PAYLOADS[4],
                "hash": "sha256:" + PAYLOADS[5], "caveats": PAYLOADS,
                "schema": {"fields": [{"name": s, "type": "string", "unit": s, "description": s} for s in PAYLOADS]}}
    assert_inert(parse(appendix.table_entry(resource)), roles={"cite"})


@pytest.mark.parametrize("bibkey", ["x`} <script>", "a b", "{raw}`<b>`"])
def test_a_bibliography_key_that_is_not_one_is_refused(bibkey):
    resource = {"name": "t", "sources": [{"publisher": "p", "title": "t", "version": "v", "bibkey": bibkey}]}
    with pytest.raises(ValueError, match="is not a bibliography key"):
        appendix.table_entry(resource)


def test_the_register_and_a_verdict_in_markdown(parse):
    claims = pd.DataFrame([{"claim_id": s, "paragraph": 1, "claim": s, "kind": "fact", "chapter": "book/trade",
                            "section": "a-section", "verdict": "supported", "reason": s, "page_sources": s,
                            "robustness": s, "verdict_as_of_article": "supported"}
                           for s in PAYLOADS])
    assert_inert(parse(register.View(claims)._repr_markdown_()))
    verdict = Verdict(claim_id="c", paragraph=1, claim=" ".join(PAYLOADS), kind="fact", verdict="supported",
                      reason=" ".join(PAYLOADS), chapter="book/trade", section="a-section")
    assert_inert(parse(verdict._repr_markdown_()))
    block = assess(PAYLOADS[0], " ".join(PAYLOADS), "supported", [Alternative(s, "contradicted", s) for s in PAYLOADS])
    assert_inert(parse(block._repr_markdown_()))


def test_the_raw_files_list(parse, monkeypatch):
    one = next(iter(sources.registry().values()))
    planted = {str(i): dataclasses.replace(one, relpath=s, publisher=s, obtain=s, collection=s, obtained=s)
               for i, s in enumerate(PAYLOADS)}
    monkeypatch.setattr(sources, "registry", lambda: planted)
    tokens = parse(reproduce.raw_files_list())
    assert_inert(tokens)
    assert sum(t.type == "list_item_open" for t in tokens) == len(PAYLOADS)
