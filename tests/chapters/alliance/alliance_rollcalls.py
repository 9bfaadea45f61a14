"""Hand-made General Assembly roll calls for the alliance chapter's tests (the shape of the unga_roll_calls table).

Tests import ``make_calls`` as ``calls``."""

import pandas as pd

COUNTRIES = ["KOR", "USA", "RUS", "JPN", "GBR", "FRA", "DEU", "CHN"]
CODE = {"y": "yes", "a": "abstain", "n": "no", "-": None}


def make_calls(years=range(2010, 2020), n=12, copies=1, shared_symbol=True, important=True, **patterns):
    """``n`` resolutions a year, each voted ``copies`` times (paragraph votes: the same symbol and votes unless
    ``shared_symbol`` is False). Roll call i of a year is dated in month 3 + i % 10. A country's pattern: a
    string of y/a/n/- cycled over the roll calls, or a function (year, i) -> letter; default always yes."""
    rows = []
    for y in years:
        for i in range(n):
            for c in range(copies):
                row = {"rcid": len(rows) + 1, "date": f"{y}-{3 + i % 10:02d}-15", "year": y,
                       "unres": f"R/{y}/{i}" if shared_symbol else f"R/{y}/{i}/{c}", "important": important,
                       "middle_east": False}
                for country in COUNTRIES:
                    p = patterns.get(country, "y")
                    row[country] = CODE[p(y, i) if callable(p) else p[i % len(p)]]
                rows.append(row)
    return pd.DataFrame(rows)
