"""Tables for readers: the one table style of every chapter.

``ReaderTable(frame, headers=..., codes=...)`` shows a frame as a reader expects a table, on the web and
in the PDF edition alike:

* no index column; headers in words (``headers`` maps a column to its header; a column without one gets
  its name with spaces for underscores, so no header is in snake_case);
* country codes as names (``codes``: the columns that hold ISO 3166 alpha-3 codes), the code kept in a
  tooltip on the web;
* whole numbers as whole numbers (a float column whose values are all whole: no "11.0"), thousands
  separated (not in a column whose name says "year"); numbers right-aligned;
* a missing value as "—", with a note under the table saying what the dash means;
* in the PDF edition a Markdown table, or (``list_in_pdf``, for long quotes) one list item per row;
* every cell in full and escaped as text (long cells wrap); a wide table scrolls inside its own box,
  never the page.
"""

from __future__ import annotations

import html

import numpy as np
import pandas as pd

from double_ally.core import text

MISSING = "—"
MISSING_NOTE = "— : not given by the sources."


def _one_name(code: str) -> str:
    from double_ally.core.countries import short_name

    return short_name(code) or code  # an unknown code stays as it is


def country_name(codes: str) -> str:
    """The short English name of an ISO 3166 alpha-3 code, or of each in a comma-separated list (a code
    that names no country stays as it is)."""
    return ", ".join(_one_name(code.strip()) for code in str(codes).split(",") if code.strip())


def header(column: str, headers: dict[str, str] | None = None) -> str:
    """The header of a column: the one given, else its name in words."""
    if headers and column in headers:
        return headers[column]
    words = str(column).replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def _whole(series: pd.Series) -> bool:
    values = series.dropna()
    return pd.api.types.is_float_dtype(series) and len(values) > 0 and bool((values == values.round()).all())


def cell(value, *, whole: bool = False, decimals: int | None = None, year: bool = False) -> str:
    """One value as a reader reads it (text, not yet escaped); a ``year`` has no thousands separator."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return MISSING
    if year and isinstance(value, (int, np.integer, float, np.floating)):
        return str(int(value))
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (int, np.integer)) or (whole and isinstance(value, (float, np.floating))):
        return f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.{decimals}f}" if decimals is not None else f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    return str(value)


class ReaderTable:
    """A frame shown for readers (see the module's docstring)."""

    def __init__(self, frame: pd.DataFrame, headers: dict[str, str] | None = None, codes: tuple[str, ...] = (),
                 decimals: dict[str, int] | None = None, caption: str | None = None, list_in_pdf: bool = False):
        unknown = [c for c in (*codes, *(headers or {}), *(decimals or {})) if c not in frame.columns]
        if unknown:
            raise KeyError(f"ReaderTable: no column {', '.join(map(repr, unknown))} in the table")
        self.frame = frame.reset_index(drop=True)
        self.headers, self.codes, self.decimals, self.caption = headers or {}, tuple(codes), decimals or {}, caption
        self.list_in_pdf = list_in_pdf  # long quotes: one list item per row in the PDF, not a squeezed table

    def _columns(self):
        for column in self.frame.columns:
            series = self.frame[column]
            numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
            yield column, series, numeric, _whole(series)

    def rows(self) -> list[list[str]]:
        """The cells as text, row by row (country codes as names)."""
        columns = list(self._columns())
        out = []
        for i in range(len(self.frame)):
            row = []
            for column, series, _, whole in columns:
                value = series.iloc[i]
                row.append(country_name(value) if column in self.codes and isinstance(value, str) else
                           cell(value, whole=whole, decimals=self.decimals.get(column),
                                year="year" in str(column).lower()))
            out.append(row)
        return out

    @property
    def has_missing(self) -> bool:
        return bool(self.frame.isna().to_numpy().any())

    def _repr_html_(self) -> str:
        columns = list(self._columns())
        num = ' class="da-num"'
        head = "".join(f'<th scope="col"{num if numeric else ""}>{html.escape(header(c, self.headers))}</th>'
                       for c, _, numeric, _ in columns)
        body = []
        for i, row in enumerate(self.rows()):
            cells = []
            for (column, series, numeric, _), shown in zip(columns, row):
                attrs = num if numeric else ""
                if column in self.codes and isinstance(series.iloc[i], str):
                    attrs += f' title="{html.escape(series.iloc[i])}"'
                cells.append(f"<td{attrs}>{html.escape(shown)}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="da-table-note">{html.escape(MISSING_NOTE)}</p>' if self.has_missing else ""
        label = html.escape(self.caption or "Table")  # a box that may scroll must be reachable by keyboard
        return (f'<div class="da-table-box" role="region" aria-label="{label}" tabindex="0">'
                f'<table class="da-table">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table></div>{note}")

    def _repr_markdown_(self) -> str:
        if self.list_in_pdf:
            names = [header(c, self.headers) for c in self.frame.columns]
            table = "\n".join("- " + " · ".join(f"**{text.md(n)}:** {text.md(v)}" for n, v in zip(names, row))
                              for row in self.rows())
        else:
            table = text.table([header(c, self.headers) for c in self.frame.columns], self.rows())
        caption = f"{text.md(self.caption)}\n\n" if self.caption else ""
        return caption + table + (f"\n\n{text.md(MISSING_NOTE)}" if self.has_missing else "")
