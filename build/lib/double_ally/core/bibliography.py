"""The book's bibliography (every ``book/bib/*.bib`` file): which keys exist."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import bibtexparser

from double_ally.core.paths import BIB_DIR


def bib_files(bib_dir: Path = BIB_DIR) -> list[Path]:
    return sorted(bib_dir.glob("*.bib"))


def bibkeys(bib_dir: Path = BIB_DIR) -> frozenset[str]:
    """Keys of every entry in the bibliography files (each re-read when it changes)."""
    keys: set[str] = set()
    for path in bib_files(bib_dir):
        keys |= _keys(path, path.stat().st_mtime_ns)
    return frozenset(keys)


@lru_cache(maxsize=32)
def _keys(path: Path, _mtime: int) -> frozenset[str]:
    library = bibtexparser.parse_string(path.read_text(encoding="utf-8"))
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ValueError(f"{path}: line {block.start_line + 1}: an entry BibTeX cannot parse")
    return frozenset(entry.key for entry in library.entries)
