"""Country names as publishers write them -> ISO 3166 alpha-3 codes.

The mapping is done by ``country_converter`` (a maintained name-matching library); the few names
it cannot place unambiguously are settled here, explicitly. Codes of states that no longer exist
(USSR, Yugoslavia, Netherlands Antilles) are the ISO 3166-3 codes; Kosovo, which has no ISO code,
takes the user-assigned ``XKX`` that the IMF, the World Bank and the EU use.
"""

from __future__ import annotations

import logging
from functools import lru_cache

import pycountry

# Names that country_converter leaves ambiguous or unknown, settled by hand.
OVERRIDES = {
    "Aruba, Kingdom of the Netherlands": "ABW",
    "Curaçao, Kingdom of the Netherlands": "CUW",
    "Sint Maarten, Kingdom of the Netherlands": "SXM",
    "Netherlands Antilles": "ANT",
    "Yugoslavia": "YUG",
    "USSR": "SUN",
    "Kosovo, Rep. of": "XKX",
}

USER_ASSIGNED = {"XKX"}


class UnknownCountry(ValueError):
    """A country name that cannot be mapped to one ISO 3166 alpha-3 code."""


@lru_cache(maxsize=1)
def converter():
    """country_converter's converter, one per process (building one reads its whole country table)."""
    import country_converter as coco

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    return coco.CountryConverter()


@lru_cache(maxsize=None)
def to_iso3(name: str) -> str:
    """ISO 3166 alpha-3 code of a country name; raises ``UnknownCountry`` when there is no single one."""
    if name in OVERRIDES:
        return OVERRIDES[name]
    code = converter().convert(name, to="ISO3", not_found=None)
    if not isinstance(code, str) or code not in valid_codes():
        raise UnknownCountry(f"no single ISO 3166 alpha-3 code for country name {name!r} (got {code!r})")
    return code


@lru_cache(maxsize=None)
def short_name(iso3: str) -> str | None:
    """Short English name of an ISO 3166 alpha-3 code (e.g. KOR -> South Korea); None when there is none."""
    name = converter().convert(iso3, src="ISO3", to="name_short", not_found=None)
    return name if isinstance(name, str) and name else None


@lru_cache(maxsize=1)
def valid_codes() -> tuple[str, ...]:
    """Every code a table may hold: current ISO 3166-1, former (ISO 3166-3) and ``XKX``."""
    codes = {c.alpha_3 for c in pycountry.countries}
    codes |= {c.alpha_3 for c in pycountry.historic_countries}
    return tuple(sorted(codes | USER_ASSIGNED))
