"""The roll-call table behind the chapter's intervals: one row per General Assembly roll call 2010-2019 (Voeten
data), with the resolution it belongs to and the votes of Seoul, Washington, Moscow, Beijing and four allies.

The agreement tables aggregate roll calls into years; an interval needs the roll calls themselves, because the
bootstrap in ``uncertainty.py`` resamples resolutions (all roll calls on one text together) within each year.
"""

from __future__ import annotations

import pandas as pd

from double_ally.core import sources

# Voeten's two-letter codes (ISO 3166 alpha-2) -> alpha-3. Germany is "DE" (named "Germany") from 1990; the
# pre-1990 "Federal Republic of Germany" has no code in the source and no roll call in these years.
ROLL_CALL_CODES = {"KR": "KOR", "US": "USA", "RU": "RUS", "JP": "JPN", "GB": "GBR", "FR": "FRA", "DE": "DEU",
                   "CN": "CHN"}
ROLL_CALL_COUNTRIES = list(ROLL_CALL_CODES.values())
ROLL_CALL_YEARS = (2010, 2019)


def unga_roll_calls() -> pd.DataFrame:
    """Voeten roll calls of 2010-2019: rcid, date, year, resolution symbol, important and Middle East flags, and
    the vote (yes/abstain/no; empty if the country did not vote) of each of the eight countries."""
    calls = pd.read_csv(sources.require("unvotes_roll_calls"), usecols=["rcid", "date", "unres", "importantvote"])
    calls = calls[calls["date"].str[:4].astype(int).between(*ROLL_CALL_YEARS)].copy()
    issues = pd.read_csv(sources.require("unvotes_issues"))
    votes = pd.read_csv(sources.require("unvotes_votes"))
    votes = votes[votes["country_code"].isin(ROLL_CALL_CODES) & votes["rcid"].isin(calls["rcid"])]
    if votes.duplicated(["rcid", "country_code"]).any():
        raise ValueError("unvotes: more than one vote of a country on one roll call")
    wide = votes.assign(country=votes["country_code"].map(ROLL_CALL_CODES)).pivot(
        index="rcid", columns="country", values="vote").reindex(columns=ROLL_CALL_COUNTRIES)
    out = pd.DataFrame({
        "rcid": calls["rcid"].astype(int),
        "date": calls["date"],
        "year": calls["date"].str[:4].astype(int),
        "unres": calls["unres"],
        "important": calls["importantvote"].eq(1),
        "middle_east": calls["rcid"].isin(issues.loc[issues["short_name"] == "me", "rcid"]),
    }).set_index("rcid").join(wide).reset_index()
    return out.sort_values(["date", "rcid"]).reset_index(drop=True)
