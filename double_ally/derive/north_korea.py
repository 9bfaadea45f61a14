"""Tables for the chapter book/north_korea.md (being written)."""

from __future__ import annotations

from ..datapackage import Table

TABLES: list[Table] = []
