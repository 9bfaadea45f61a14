"""The book's arguments, one subpackage each, found by looking rather than by a list.

A chapter is a folder here with an ``__init__.py``; beside it may stand

* ``raw.yaml`` and ``tables.yaml`` -- the raw files it reads and the tables it derives (data, not code);
* ``derive.py`` -- the functions that ``tables.yaml`` names, raw files -> tidy frames;
* ``analysis.py`` -- pure functions on tables; ``charts.py`` -- chart builders handed their findings;
* ``rules.py`` -- the verdicts: functions marked with ``double_ally.core.verdicts.claim``.

``names()`` lists the chapters in the order of the book's table of contents (``_toc.yml``), then any
not yet in it; ``tables()`` and ``claims()`` collect what every chapter describes. Nothing registers
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
from double_ally.core.verdicts import Claim, Verdict

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


@lru_cache(maxsize=1)
def claims() -> dict[str, Claim]:
    """Every claim a chapter's ``rules.py`` decides, keyed by id, in paragraph order."""
    found: dict[str, Claim] = {}
    for chapter in names():
        module = part(chapter, "rules")
        if module is None:
            continue
        for _, func in inspect.getmembers(module, inspect.isfunction):
            c = getattr(func, "claim", None)
            if isinstance(c, Claim) and func.__module__ == module.__name__:
                if c.claim_id in found:
                    raise ValueError(f"claim {c.claim_id} is decided twice")
                found[c.claim_id] = c
    return dict(sorted(found.items(), key=lambda kv: (kv[1].paragraph, kv[0])))


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
