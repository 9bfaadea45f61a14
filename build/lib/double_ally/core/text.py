"""Text from data reaches a page only through here.

The tables hold text from scraped pages (quotes, event summaries, publishers), and the metadata holds
titles and descriptions; all of it is untrusted. The book renders Markdown with MyST, which passes raw
HTML through and runs roles and directives, so a data string is never joined into Markdown as it is:

- ``md(value)`` escapes a string for Markdown: every ASCII punctuation character gets a backslash
  (CommonMark allows this for all of them, and it disarms HTML, links, emphasis, code, roles,
  directives and substitutions alike) and line breaks become spaces, so the string stays inline.
- ``link(text, url)`` links only to ``http``/``https`` addresses; any other address (``javascript:``,
  ``data:``) leaves the text unlinked.
- ``code(value)`` shows a string as inline code; ``table(header, rows)`` and ``code_block(text)``
  build the two block forms the book writes.
- ``html_text(value)`` escapes a string for HTML (quotes too, so it is safe in attributes).
- ``Md`` marks Markdown the book wrote itself (from escaped parts): ``glue`` passes it unchanged.
"""

from __future__ import annotations

import html
import re
import string
from urllib.parse import quote, urlsplit

_PUNCTUATION = frozenset(string.punctuation)
_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
URL_SCHEMES = ("http", "https")


class Md(str):
    """Markdown the book composed itself, every data part escaped with ``md``: shown as Markdown."""


def _one_line(value: object) -> str:
    """``value`` as text on one line: line breaks become spaces, control characters go."""
    return _CONTROL.sub("", _BREAKS.sub(" ", str(value)))


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)


def md(value: object) -> str:
    """``value`` as inline Markdown that shows exactly its text."""
    return "".join("\\" + c if c in _PUNCTUATION else c for c in _one_line(value))


def html_text(value: object) -> str:
    """``value`` as HTML text (also safe inside a quoted attribute)."""
    return html.escape(str(value), quote=True)


def safe_url(url: object) -> str | None:
    """``url`` percent-encoded for a Markdown or HTML link, or None unless it is an http(s) address."""
    text = str(url).strip()
    if _CONTROL.search(text) or _BREAKS.search(text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in URL_SCHEMES or not parts.netloc:
        return None
    return quote(text, safe=":/?#[]@!$&'()*+,;=%~-._")


def link(text: object, url: object) -> Md:
    """A Markdown link to ``url`` showing ``text``; only the text if the address is not http(s)."""
    address = safe_url(url)
    return Md(f"[{md(text)}](<{address}>)" if address else md(text))


def table(header: list[str], rows: list[list[object]]) -> Md:
    """A Markdown table; every cell is escaped unless it is ``Md``."""
    def cell(value: object) -> str:
        return str(value) if isinstance(value, Md) else md(value)

    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return Md("\n".join(lines))


def code(value: object) -> Md:
    """``value`` as inline code, shown literally: the backtick fence is longer than any run inside."""
    content = _one_line(value)
    fence = "`" * (_longest_backtick_run(content) + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return Md(f"{fence}{pad}{content}{pad}{fence}")


def code_block(content: str, language: str = "") -> Md:
    """``content`` in a fenced code block whose fence is longer than any run of backticks inside it."""
    fence = "`" * max(3, _longest_backtick_run(content) + 1)
    body = content if content.endswith("\n") else content + "\n"
    return Md(f"{fence}{language}\n{body}{fence}")
