"""Numbers for the prose: every figure in a chapter's text is glued from a data cell.

``glue(name, value)`` publishes a number for ``{glue:text}`name:format``` or words for
``{glue:md}`name``` in the Markdown. Words are shown as text: a string is escaped
(``double_ally.core.text.md``), so a value from the data can never become HTML or a role; Markdown
the book composed itself from escaped parts is passed as ``text.Md``. NumPy and
pandas scalars are turned into plain Python numbers first, because myst-nb formats the value from
its text representation (``np.float64(3.2)`` would not parse). Missing values are refused: a number
the data do not give must be reported as missing in words, not glued as NaN.
"""

from __future__ import annotations

import math
import numbers

from double_ally.core import text


def plain(value):
    """A plain ``int``, ``float`` or ``str`` for ``value``; raises on NaN or an unsupported type."""
    if isinstance(value, bool):
        raise TypeError("glue a word, not a boolean")
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if math.isnan(value) or math.isinf(value):
            raise ValueError("refusing to glue a missing or infinite number")
        return value
    if isinstance(value, str):
        return value
    raise TypeError(f"cannot glue a value of type {type(value).__name__}")


def glue(name: str, value) -> None:
    """Publish ``value``: numbers for ``{glue:text}`` (with a format spec), words for ``{glue:md}``."""
    from IPython.display import Markdown
    from myst_nb import glue as _glue

    value = plain(value)
    if isinstance(value, str):
        value = Markdown(value if isinstance(value, text.Md) else text.md(value))
    _glue(name, value, display=False)
