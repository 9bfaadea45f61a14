"""The book's arguments, one subpackage each, found by looking rather than by a list.

A chapter is a folder here with an ``__init__.py``; beside it may stand

* ``raw.yaml`` and ``tables.yaml`` -- the raw files it reads and the tables it derives (data, not code);
* ``derive.py`` -- the functions that ``tables.yaml`` names, raw files -> tidy frames;
* ``analysis.py`` -- pure functions on tables; ``charts.py`` -- chart builders handed their findings;
* ``rules.py`` -- the verdicts: functions marked with ``double_ally.core.verdicts.claim``;
* ``robustness.py`` -- for each verdict, the alternatives it is decided again under: functions marked
  with ``double_ally.core.robustness.checks``.

``names()`` lists the chapters in the order of the book's table of contents (``_toc.yml``), then any
not yet in it; ``tables()``, ``claims()`` and ``robustness_checks()`` collect what every chapter describes. Nothing registers
itself when imported: these functions look at the folders and ask each module for what it defines.
"""

from __future__ import annotations

import importlib
import inspect
import re
from functools import lru_cache
from pathlib import Path
from types import ModuleType

from double_ally.core.datapackage import Table, read_tables
from double_ally.core.paths import ROOT
from double_ally.core.robustness import Check, Robustness, assess
from double_ally.core.verdicts import Claim, Tables, Verdict

HERE = Path(__file__).resolve().parent
TOC = ROOT / "_toc.yml"


def names() -> list[str]:
    """Chapter folders, in the order of the table of contents."""
    found = sorted(p.parent.name for p in HERE.glob("*/__init__.py"))
    listed = re.findall(r"file:\s*book/(\w+)", TOC.read_text(encoding="utf-8")) if TOC.is_file() else []
    ordered = [name for name in listed if name in found]
    return ordered + [name for name in found if name not in ordered]


def part(chapter: str, name: str) -> ModuleType | None:
    """The module ``name`` of a chapter (``derive``, ``rules`` ...), or None if it has none."""
    if not (HERE / chapter / f"{name}.py").is_file():
        return None
    return importlib.import_module(f"{__name__}.{chapter}.{name}")


def tables(with_derive: bool = True) -> list[Table]:
    """Every table every chapter describes, in chapter order (``with_derive=False``: metadata only,
    without importing the derivation code)."""
    out = []
    for chapter in names():
        path = HERE / chapter / "tables.yaml"
        if path.is_file():
            out += read_tables(path, part(chapter, "derive") if with_derive else None)
    names_seen = [table.name for table in out]
    twice = sorted({name for name in names_seen if names_seen.count(name) > 1})
    if twice:
        raise ValueError(f"tables described in more than one tables.yaml: {', '.join(twice)}")
    return out


def _marked(module_name: str, attribute: str, kind: type) -> dict:
    """Objects of ``kind`` that functions of every chapter's ``module_name`` carry as ``attribute``, by
    claim id; a claim marked twice is an error."""
    found: dict = {}
    for chapter in names():
        module = part(chapter, module_name)
        if module is None:
            continue
        for _, func in inspect.getmembers(module, inspect.isfunction):
            c = getattr(func, attribute, None)
            if isinstance(c, kind) and func.__module__ == module.__name__:
                if c.claim_id in found:
                    raise ValueError(f"claim {c.claim_id} is marked twice in the chapters' {module_name}.py")
                found[c.claim_id] = c
    return found


@lru_cache(maxsize=1)
def claims() -> dict[str, Claim]:
    """Every claim a chapter's ``rules.py`` decides, keyed by id, in paragraph order."""
    found: dict[str, Claim] = _marked("rules", "claim", Claim)
    return dict(sorted(found.items(), key=lambda kv: (kv[1].paragraph, kv[0])))


@lru_cache(maxsize=1)
def robustness_checks() -> dict[str, Check]:
    """Every robustness check a chapter's ``robustness.py`` defines, keyed by claim id."""
    found: dict[str, Check] = _marked("robustness", "check", Check)
    unknown = sorted(set(found) - set(claims()))
    if unknown:
        raise ValueError(f"robustness checks for claims no rule decides: {', '.join(unknown)}")
    return found


def robustness(claim_id: str, given: dict | None = None, verdict: Verdict | None = None) -> Robustness:
    """The verdict on one claim and the alternatives its check tries, on the same tables (``given``
    replace loaded ones). ``verdict``: the primary verdict, if already decided on these tables."""
    checks = robustness_checks()
    if claim_id not in checks:
        raise KeyError(f"claim {claim_id!r} has no robustness check in its chapter's robustness.py")
    tables = given if isinstance(given, Tables) else Tables(given or {})
    primary = verdict or evaluate(claim_id, tables)
    check = checks[claim_id]
    return assess(claim_id, check.primary, primary.verdict, list(check.run(tables)))


def evaluate(claim_id: str, given: dict | None = None) -> Verdict:
    """The verdict on one claim (see ``Claim.evaluate``); ``given`` tables replace loaded ones."""
    try:
        c = claims()[claim_id]
    except KeyError:
        raise KeyError(f"no chapter decides a claim {claim_id!r}; claims: {', '.join(claims())}") from None
    return c.evaluate(given)


show = evaluate  # in a chapter: the verdict, displayed as a badge with its reason


def collect() -> list[Verdict]:
    """Every verdict of the book, in paragraph order."""
    return [c.evaluate() for c in claims().values()]
