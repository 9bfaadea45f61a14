"""Evidence tables of the alliance chapter, shown in full: no cell is cut short."""

from __future__ import annotations

import pandas as pd

from double_ally.core import text


class FullTable:
    """A table for the page, every cell in full and escaped as text: on the web an HTML table (pandas escapes
    it) whose long cells wrap in their column; in the PDF edition (and plain notebook front-ends) one list item
    per row, since a LaTeX table squeezes short columns until their words are cut."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame

    def _repr_html_(self) -> str:
        # to_html, unlike a DataFrame's own display, cuts no cell (display.max_colwidth does not apply)
        return self.frame.to_html(index=False, border=0, na_rep="", justify="left", escape=True,
                                  classes="da-evidence")

    def _repr_markdown_(self) -> str:
        def item(row) -> str:
            cells = [text.md(v) for v in row if not pd.isna(v) and str(v).strip()]
            return f"- **{cells[0]}** · " + " · ".join(cells[1:]) if len(cells) > 1 else f"- {''.join(cells)}"
        return "\n".join(item(row) for row in self.frame.itertuples(index=False))
