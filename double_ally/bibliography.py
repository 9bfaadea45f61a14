"""The book's bibliography (``book/references.bib``): which keys exist."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import bibtexparser

from .paths import BIBLIOGRAPHY


def bibkeys(path: Path = BIBLIOGRAPHY) -> frozenset[str]:
    """Keys of every entry in the bibliography (re-read when the file changes)."""
    return _keys(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _keys(path: Path, _mtime: int) -> frozenset[str]:
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ValueError(f"{path}: line {block.start_line + 1}: an entry BibTeX cannot parse")
    return frozenset(entry.key for entry in library.entries)
