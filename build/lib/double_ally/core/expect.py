"""What a derived table is expected to look like, checked before anything is written.

Each table in a chapter's ``tables.yaml`` records ``expect: {rows: N, years: [first, last]}``: its row
count and the first and last year of its year column (``year_column``, ``year`` unless named; a date or
month column such as ``2014-03-19`` gives its year too). A wrong raw file that still derives, with rows
dropped or years shifted, then stops the derivation with ``DerivedTableChanged`` instead of rewriting
``data/``. Text that was UTF-8 read as Latin-1 (``ì\\x9d´`` for ``이``) stops it with ``GarbledText``.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


class DerivedTableError(ValueError):
    """A derived table that differs from what its ``tables.yaml`` expects (the message says how)."""


class DerivedTableChanged(DerivedTableError):
    """A derived table whose row count or years differ from its recorded ``expect``."""


class GarbledText(DerivedTableError):
    """A derived table holding text that was decoded with the wrong encoding."""


@dataclass(frozen=True)
class Expect:
    rows: int
    years: tuple[int, int] | None = None
    year_column: str = "year"
    metadata: str = "tables.yaml"  # the file that records it, named in the error message


def year_range(frame: pd.DataFrame, column: str) -> tuple[int, int] | str:
    """(first, last) year of ``column``, read from the first four digits of each value; or why it cannot be."""
    values = frame[column]
    if values.isna().any():
        return f"column {column!r} has {int(values.isna().sum())} empty values"
    years = values.astype(str).str.extract(r"^(\d{4})(?!\d)", expand=False)
    if years.isna().any():
        return f"column {column!r} holds {values[years.isna()].iloc[0]!r}, which does not start with a year"
    if years.empty:
        return "no rows"
    numbers = years.astype(int)
    return int(numbers.min()), int(numbers.max())


def check(name: str, expect: Expect, frame: pd.DataFrame) -> None:
    """Raise ``DerivedTableChanged`` naming the table, what was expected and what was found."""
    problems = []
    if len(frame) != expect.rows:
        problems.append(f"{expect.rows} rows expected, {len(frame)} found")
    if expect.years is not None:
        found = year_range(frame, expect.year_column)
        if found != expect.years:
            shown = found if isinstance(found, str) else f"{found[0]}-{found[1]}"
            problems.append(f"years {expect.years[0]}-{expect.years[1]} in column {expect.year_column!r} "
                            f"expected, {shown} found")
    if problems:
        raise DerivedTableChanged(
            f"table {name}: the derived table changed: {'; '.join(problems)}. Nothing was written. If the raw "
            f"files changed by mistake, restore them; if the change is deliberate, update 'expect' of {name} "
            f"in {expect.metadata}")


def double_encoded(text: str) -> str | None:
    """The text as it was meant, if ``text`` is UTF-8 bytes read as Latin-1 or Windows-1252; else None."""
    if text.isascii():
        return None
    for codec in ("cp1252", "latin-1"):
        try:
            meant = text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
        if meant != text:
            return meant
    return None


def check_text(name: str, frame: pd.DataFrame) -> None:
    """Raise ``GarbledText`` at the first text cell that is double-encoded, with its line and column."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype != object and not isinstance(values.dtype, pd.StringDtype):
            continue
        for position, value in enumerate(values):
            if isinstance(value, str) and (meant := double_encoded(value)) is not None:
                raise GarbledText(
                    f"table {name}: line {position + 2} (data row {position + 1}), column {column!r}: {value!r} "
                    f"looks like UTF-8 text read as Latin-1 (meant: {meant!r}); check how the raw file is decoded")
