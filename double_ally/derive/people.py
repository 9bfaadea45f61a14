"""Tables for the chapter book/people.md (being written)."""

from __future__ import annotations

from ..datapackage import Table

TABLES: list[Table] = []
