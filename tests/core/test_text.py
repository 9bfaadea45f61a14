"""The one escaping path for text from data: whatever a string holds, the Markdown parser the book
uses (MyST, with the book's extensions) reads it back as that plain text, and nothing else."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from double_ally.core import text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from payloads import BAD_URLS, PAYLOADS, shown  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# markdown-it refuses javascript: links and images by itself, and these have no Markdown in them: the
# control below leaves them out (the escaping test still checks that they come through whole).
HARMLESS_UNESCAPED = {"[click me](javascript:alert(1))", '![x](x" onerror="alert(1))', "<javascript:alert(1)>",
                      "$x$ and US$ 5"}


@pytest.fixture(scope="module")
def parser():
    """MyST's Markdown parser with the extensions the book enables in _config.yml."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    extensions = set(config["parse"]["myst_enable_extensions"])
    return create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)


def inline_tokens(parser, markdown: str) -> list:
    blocks = parser.parse(markdown)
    assert [b.type for b in blocks] == ["paragraph_open", "inline", "paragraph_close"], markdown
    return blocks[1].children


@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_escaped_string_is_read_back_as_its_own_text_and_nothing_else(parser, payload):
    children = inline_tokens(parser, "Before " + text.md(payload) + " after")
    assert {c.type for c in children} == {"text"}
    assert "".join(c.content for c in children) == f"Before {shown(payload)} after"


@pytest.mark.parametrize("payload", [p for p in PAYLOADS if p not in HARMLESS_UNESCAPED])
def test_the_same_string_unescaped_would_not_be_text(parser, payload):
    """The control: unescaped, a payload is not read back as its own text, so the test above proves
    something (the few the parser itself keeps as text are listed in HARMLESS_UNESCAPED)."""
    blocks = parser.parse("Before " + payload + " after")
    children = [c for b in blocks for c in (b.children or [])]
    found = {b.type for b in blocks} | {c.type for c in children}
    plain = "".join(c.content for c in children if c.type == "text")
    assert found - {"paragraph_open", "paragraph_close", "inline", "text", "softbreak"} or plain != f"Before {shown(payload)} after"


@pytest.mark.parametrize("url", BAD_URLS)
def test_only_http_addresses_become_links(parser, url):
    assert text.safe_url(url) is None
    children = inline_tokens(parser, text.link("the page", url))
    assert {c.type for c in children} == {"text"}
    assert "".join(c.content for c in children) == "the page"


def test_a_link_keeps_its_address_and_escapes_its_text(parser):
    children = inline_tokens(parser, text.link("<b>KITA</b> [x]", "https://example.org/a b?q=(1)&r=<2>"))
    opening = children[0]
    assert opening.type == "link_open"
    assert opening.attrs["href"] == "https://example.org/a%20b?q=(1)&r=%3C2%3E"
    assert "".join(c.content for c in children if c.type == "text") == "<b>KITA</b> [x]"


@pytest.mark.parametrize("value", ["plain_name", "a`b", "``x``", "`", "<script>x</script>"])
def test_inline_code_shows_its_content_literally(parser, value):
    children = inline_tokens(parser, "see " + text.code(value))
    code = [c for c in children if c.type == "code_inline"]
    assert len(code) == 1 and code[0].content == value


@pytest.mark.parametrize("payload", PAYLOADS + ["```\nfence inside\n```", "````"])
def test_a_code_block_holds_any_content_to_its_end(parser, payload):
    blocks = parser.parse(text.code_block(payload, "python") + "\n\nafter the block\n")
    fences = [b for b in blocks if b.type == "fence"]
    assert len(fences) == 1 and fences[0].content == payload + "\n"
    assert blocks[-2].content == "after the block"


def test_a_table_keeps_one_row_per_record_and_its_cells_as_text(parser):
    rows = [[p, "x"] for p in PAYLOADS]
    blocks = parser.parse(text.table(["what", "other"], rows))
    cells = [b for b in blocks if b.type == "inline"]
    assert len(cells) == 2 * (len(PAYLOADS) + 1)
    for cell in cells:
        assert {c.type for c in cell.children} <= {"text"}
    assert ["".join(c.content for c in cell.children) for cell in cells[2::2]] == [shown(p) for p in PAYLOADS]


def test_html_text_is_safe_in_text_and_in_attributes():
    assert text.html_text('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"
