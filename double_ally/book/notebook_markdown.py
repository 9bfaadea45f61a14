"""A chapter's MyST Markdown as plain CommonMark, for the published notebooks.

JupyterLab, classic Notebook, VS Code, Colab and GitHub render CommonMark; none of them runs MyST
roles or directives, so a published notebook's text must not hold any. ``commonmark`` rewrites:

* ``{glue:text}`name:fmt```, ``{glue:md}`name``` and ``{glue}`name``` as the glued value (formatted
  with the format spec exactly as myst-nb formats it, so the text reads as the book's page does);
* ``{cite}`a,b``` as author-year text linked to the reference list (``[Author, Year]`` as the book
  shows it with sphinxcontrib-bibtex's author_year style; ``{cite:t}`` as ``Author (Year)``);
* ``{doc}`target``` (and ``{doc}`text <target>```) and links to a ``.md`` page as links to the page;
* ``:::{div} ...`` fences as their content; ``{admonition} Title`` and the named admonitions
  (``{note}``, ``{tip}``, ...) as a blockquote that opens with the title in bold;
* ``{bibliography}`` as a link to the reference list, ``{raw} html`` as its HTML, other ``{raw}`` as
  nothing, and ``(label)=`` targets as nothing.

Anything else written in MyST syntax raises ``UnconvertedMyST``: the build fails and names it,
rather than publish a notebook whose text shows markup. Code fences are left exactly as they are.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping

from double_ally.core import text


class UnconvertedMyST(ValueError):
    """MyST syntax the conversion does not know: it would show as literal markup in a notebook."""


@dataclasses.dataclass(frozen=True)
class Context:
    """What the conversion needs from the book.

    ``glue``      -- {name: mime bundle} of the chapter's glued values (``text/plain``, ``text/markdown``);
    ``cite``      -- {bibtex key: (author-year label as Markdown, year)};
    ``page_url``  -- a docname (``book/trade``) to the address its link should have;
    ``title``     -- a docname to its title (for ``{doc}`` without an explicit text);
    ``docname``   -- the chapter being converted (relative ``{doc}`` targets are resolved from it);
    ``references``-- the docname of the page with the reference list.
    """

    glue: Mapping[str, Mapping[str, str]]
    cite: Mapping[str, tuple[str, str]]
    page_url: Callable[[str], str]
    title: Callable[[str], str]
    docname: str
    references: str = "book/references"


ROLE = re.compile(r"(?<!\\)\{(?P<name>[a-zA-Z][\w:-]*)\}`(?P<body>[^`]*)`")
# A role, or an inline code span (kept as it is: text shown as code, e.g. a data string, is never a role).
ROLE_OR_CODE = re.compile(ROLE.pattern + r"|(?P<fence>`+)(?:.+?)(?<!`)(?P=fence)(?!`)")
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<marks>`{3,}|~{3,}|:{3,})(?P<info>.*)$")
DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}\s*(?P<argument>.*)$")
OPTION = re.compile(r"^:[\w-]+:")
TARGET = re.compile(r"^\(\s*[^()\s]+\s*\)=\s*$")
MD_LINK = re.compile(r"\]\((?P<path>[^()\s#:]+)\.md(?P<anchor>#[^()\s]*)?\)")
ADMONITIONS = {"note", "tip", "hint", "important", "warning", "caution", "attention", "danger", "error", "seealso"}
NUMERIC = re.compile(r"^[-+−]?[\d,. \u00a0]*\d[\d,. \u00a0]*%?$")


def format_plain(value: str, fmt: str) -> str:
    """A glued ``text/plain`` value formatted as myst-nb's ``{glue:text}`` formats it."""
    from myst_nb.core.variables import format_plain_text

    return format_plain_text(value, fmt)


def inline_text(value: str) -> str:
    """A formatted value as Markdown that shows exactly it: numbers as they are, other text escaped."""
    return value if NUMERIC.match(value) else text.md(value)


def _glued(ctx: Context, key: str) -> Mapping[str, str]:
    if "::" in key:
        raise UnconvertedMyST(f"{ctx.docname}: a glue role naming another page ({key!r}) is not supported")
    if key not in ctx.glue:
        raise UnconvertedMyST(f"{ctx.docname}: nothing was glued as {key!r}")
    return ctx.glue[key]


def _resolve(ctx: Context, target: str) -> str:
    target = target.strip().removesuffix(".md")
    if target.startswith("/"):
        return target.lstrip("/")
    folder = ctx.docname.rpartition("/")[0]
    return f"{folder}/{target}" if folder else target


def _link(label: str, url: str) -> str:
    return f"[{label}](<{url}>)"


def _cite(ctx: Context, name: str, body: str) -> str:
    url = ctx.page_url(ctx.references)
    parts = []
    for key in (k.strip() for k in body.split(",")):
        if key not in ctx.cite:
            raise UnconvertedMyST(f"{ctx.docname}: no bibliography entry {key!r}")
        author, year = ctx.cite[key]
        label = f"{author} ({year})" if name == "cite:t" else f"{author}, {year}"
        parts.append(_link(label, url))
    joined = "; ".join(parts)
    return joined if name == "cite:t" else f"\\[{joined}\\]"


def _doc(ctx: Context, body: str) -> str:
    explicit = re.fullmatch(r"(?P<label>.*\S)\s*<(?P<target>[^<>]+)>", body.strip())
    docname = _resolve(ctx, explicit.group("target") if explicit else body)
    label = explicit.group("label") if explicit else ctx.title(docname)
    return _link(text.md(label) if not explicit else label, ctx.page_url(docname))


def _role(ctx: Context, match: re.Match) -> str:
    name, body = match.group("name"), match.group("body")
    if name in ("glue:text", "glue"):
        key, _, fmt = body.rpartition(":") if (name == "glue:text" and ":" in body) else (body, "", "")
        bundle = _glued(ctx, key)
        if name == "glue" and "text/markdown" in bundle:
            return str(bundle["text/markdown"]).strip()
        return inline_text(format_plain(str(bundle["text/plain"]), fmt))
    if name == "glue:md":
        bundle = _glued(ctx, body.strip())
        if "text/markdown" not in bundle:
            raise UnconvertedMyST(f"{ctx.docname}: {body!r} was not glued as Markdown")
        return str(bundle["text/markdown"]).strip()
    if name in ("cite", "cite:p", "cite:t"):
        return _cite(ctx, name, body)
    if name == "doc":
        return _doc(ctx, body)
    raise UnconvertedMyST(f"{ctx.docname}: the role {{{name}}} has no plain-Markdown form here")


def inline(line: str, ctx: Context) -> str:
    """One line of Markdown text with every role replaced (glued Markdown may hold roles in turn)."""
    for _ in range(3):
        converted = ROLE_OR_CODE.sub(lambda m: _role(ctx, m) if m.group("name") else m.group(0), line)
        if converted == line:
            break
        line = converted
    return MD_LINK.sub(lambda m: f"](<{ctx.page_url(_resolve(ctx, m.group('path')))}{m.group('anchor') or ''}>)", line)


def _closes(line: str, marks: str) -> bool:
    found = FENCE.match(line)
    return bool(found and found.group("marks")[0] == marks[0] and len(found.group("marks")) >= len(marks)
                and not found.group("info").strip())


def _body(lines: list[str]) -> list[str]:
    """A directive's content without its options (``:key: value`` lines or a ``---`` YAML block)."""
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        lines = lines[end + 1:]
    while lines and OPTION.match(lines[0].strip()):
        lines = lines[1:]
    return lines


def _quote(lines: list[str], title: str) -> list[str]:
    quoted = [f"**{title}**", ""] + lines
    while quoted and not quoted[-1].strip():
        quoted.pop()
    return [f"> {line}" if line.strip() else ">" for line in quoted]


def _directive(name: str, argument: str, content: list[str], ctx: Context) -> list[str]:
    body = _body(content)
    if name == "div":
        return convert_lines(body, ctx)
    if name == "admonition" or name in ADMONITIONS:
        title = inline(argument.strip(), ctx) if name == "admonition" else name.capitalize()
        if name != "admonition" and argument.strip():  # a named admonition's argument is its first line
            body = [argument] + body
        return _quote(convert_lines(body, ctx), title or "Note")
    if name == "bibliography":
        return [f"The works cited are listed in the book's {_link('reference list', ctx.page_url(ctx.references))}."]
    if name == "raw":
        return body if argument.strip() == "html" else []
    raise UnconvertedMyST(f"{ctx.docname}: the directive {{{name}}} has no plain-Markdown form here")


def convert_lines(lines: list[str], ctx: Context) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        fence = FENCE.match(line)
        if fence:
            marks, info = fence.group("marks"), fence.group("info").strip()
            end = next((j for j in range(i + 1, len(lines)) if _closes(lines[j], marks)), len(lines))
            content = lines[i + 1:end]
            directive = DIRECTIVE.match(info)
            if directive:
                out += _directive(directive.group("name"), directive.group("argument"), content, ctx)
            elif marks[0] == ":":
                raise UnconvertedMyST(f"{ctx.docname}: a ':::' fence that is not a directive: {line!r}")
            else:  # a code block: exactly as written
                out += lines[i:end + 1]
            i = end + 1
            continue
        if not TARGET.match(line.strip()):
            out.append(inline(line, ctx))
        i += 1
    return out


def commonmark(source: str, ctx: Context) -> str:
    """``source`` (one Markdown cell of a MyST notebook) as CommonMark without roles or directives."""
    return "\n".join(convert_lines(source.split("\n"), ctx)).strip("\n")


def glued_texts(source: str, ctx: Context) -> list[tuple[str, str]]:
    """Each glue role of ``source`` and the text it becomes with ``ctx.glue``: what a reader reads as
    a computed value (for comparing two runs of a chapter value by value)."""
    return [(m.group(0), _role(ctx, m)) for m in ROLE.finditer(source) if m.group("name").startswith("glue")]
