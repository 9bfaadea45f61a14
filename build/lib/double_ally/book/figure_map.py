"""The figure-to-code map: for every chart, the chapter, the notebook cell, the function that draws it,
the derived tables its data come from, and their publishers.

The tables are found by reading the chapter's code (Python's ``ast``), not by hand: a variable assigned
from ``load("table")`` carries that table, a variable computed from such variables carries all of their
tables, and the chart's cell draws from the tables of the names it uses.
"""

from __future__ import annotations

import ast
import html
import json
import re

SPEC = re.compile(r'<script type="application/json" class="da-chart-spec">(.*?)</script>', re.S)


def _load_target(call: ast.AST) -> str | None:
    """``load("name")`` (or ``x.load("name")``) -> "name"."""
    if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Constant):
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "load" and isinstance(call.args[0].value, str):
            return call.args[0].value
    return None


def _tables_in(node: ast.AST, carried: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    for sub in ast.walk(node):
        table = _load_target(sub)
        if table:
            found.add(table)
        if isinstance(sub, ast.Name) and sub.id in carried:
            found |= carried[sub.id]
    return found


def function_tables(func, depth: int = 3) -> set[str]:
    """Tables a package function loads itself, following the functions of its own module it calls."""
    import inspect

    func = inspect.unwrap(func)
    try:
        tree = ast.parse(inspect.getsource(func).strip())
    except (OSError, TypeError, SyntaxError):
        return set()
    found = {t for node in ast.walk(tree) if (t := _load_target(node))}
    if depth > 0:
        module = inspect.getmodule(func)
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and callable(target := getattr(module, node.id, None)) \
                    and getattr(target, "__module__", "").startswith("double_ally") and target is not func:
                found |= function_tables(target, depth - 1)
    return found


def imported_names(cells: list[str]) -> dict[str, object]:
    """Names the chapter imports from the book's package (``from double_ally... import x [as y]``)."""
    import importlib

    names: dict[str, object] = {}
    for source in cells:
        try:
            tree = ast.parse(_python_only(source))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("double_ally"):
                module = importlib.import_module(node.module)
                for alias in node.names:
                    value = getattr(module, alias.name, None)
                    if value is None:
                        value = importlib.import_module(f"{node.module}.{alias.name}")
                    names[alias.asname or alias.name] = value
    return names


def _targets(node: ast.AST) -> list[str]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]


def cell_tables(cells: list[str], index: int) -> list[str]:
    """Tables the code cell ``cells[index]`` draws on, following assignments in cells 0..index."""
    carried: dict[str, set[str]] = {}
    for name, value in imported_names(cells[: index + 1]).items():
        if callable(value):
            carried[name] = function_tables(value)
    for i, source in enumerate(cells[: index + 1]):
        try:
            tree = ast.parse(_python_only(source))
        except SyntaxError:
            continue
        if i == index:
            return sorted(_tables_in(tree, carried))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
                tables = _tables_in(node.value, carried)
                for name in _targets(node):
                    carried[name] = carried.get(name, set()) | tables if isinstance(node, ast.AugAssign) else tables
            elif isinstance(node, ast.For):
                for name in _targets(ast.Assign(targets=[node.target], value=node.iter)):
                    carried[name] = _tables_in(node.iter, carried)
    return []


def _python_only(source: str) -> str:
    """Drop IPython magics and shell lines, which ``ast`` cannot read."""
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def drawing_call(source: str) -> str:
    """The function whose result the cell displays (its last expression), e.g. ``figures.ranks_chart``."""
    try:
        tree = ast.parse(_python_only(source))
    except SyntaxError:
        return ""
    if tree.body and isinstance(tree.body[-1], ast.Expr) and isinstance(tree.body[-1].value, ast.Call):
        return ast.unparse(tree.body[-1].value.func)
    return ""


def charts_in(raw_html: str) -> list[tuple[str, str]]:
    """(name, title) of every chart figure in an output's HTML."""
    found = []
    for match in SPEC.finditer(raw_html):
        spec = json.loads(match.group(1).replace("<\\/", "</"))
        meta = spec.get("usermeta", {}).get("double_ally", {})
        title = spec.get("title", "")
        text = title.get("text", "") if isinstance(title, dict) else title
        found.append((meta.get("name", ""), " ".join(text) if isinstance(text, list) else str(text)))
    return found


def map_html(rows: list[dict], publishers: dict[str, str], pathto) -> str:
    """The map as an HTML table. ``rows``: docname, chapter, cell, name, title, call, tables."""
    body = []
    for r in rows:
        chart = f'<a href="{pathto(r["docname"])}#chart-{html.escape(r["name"])}">{html.escape(r["title"])}</a>'
        code = (f"{html.escape(r['chapter'])}, notebook cell {r['cell'] + 1}"
                + (f"<br><code>{html.escape(r['call'])}</code>" if r["call"] else ""))
        data = "<br>".join(f"<code>{html.escape(t)}</code> ({html.escape(publishers.get(t, 'not in the data package'))})"
                           for t in r["tables"]) or "computed by the chapter (see the cell)"
        body.append(f"<tr><td>{chart}</td><td>{code}</td><td>{data}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ["chart", "drawn in", "derived tables (publisher)"])
    return (f'<div class="da-register"><table class="da-register-table da-figure-map"><thead><tr>{head}</tr>'
            f'</thead><tbody>{"".join(body)}</tbody></table></div>')
