"""Tables for the chapter book/alliance.md (being written)."""

from __future__ import annotations

from ..datapackage import Table

TABLES: list[Table] = []
