"""Words for the people chapter's text: country names and dates as running text reads them."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd


def country_name(iso3: str) -> str:
    """Short English name of an ISO 3166 alpha-3 code (country_converter), e.g. KOR -> South Korea."""
    from double_ally.core.countries import short_name

    name = short_name(iso3)
    if name is None:
        raise ValueError(f"no country name for code {iso3!r}")
    return name


THE = {"BHS", "DOM", "GBR", "NLD", "PHL", "USA"}  # names that take "the" in running text


def country_names(codes: Iterable[str]) -> str:
    """Names of the codes for running text ("the" where English needs it), sorted by name and joined
    with commas and a final 'and'."""
    names = [("the " if c in THE else "") + country_name(c) for c in sorted(codes, key=country_name)]
    return and_list(names) or "none"


def and_list(items: list[str]) -> str:
    """Items for running text: 'a', 'a and b', 'a, b and c' ('' for none)."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def long_date(iso: str) -> str:
    """A date as precise as it is given, in words: '2019-12-17' -> '17 December 2019',
    '2003-12' -> 'December 2003', '2020' -> '2020'."""
    if len(iso) == 4:
        return iso
    day = pd.Timestamp(iso)
    return f"{day:%B %Y}" if len(iso) == 7 else f"{day.day} {day:%B %Y}"
