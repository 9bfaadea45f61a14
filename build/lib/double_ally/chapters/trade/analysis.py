"""Korea-Russia trade: one side's records against the other's."""

from __future__ import annotations

import pandas as pd

REPORTER_LABEL = {"KOR": "South Korea's records", "RUS": "Russia's records"}
# A sharp fall: a year in which trade fell by more than this share (%) from the year before. The first
# chart shades such years and the chapter names them; both find them in the data with ``falls``.
SHARP_FALL_PCT = 15


def totals_by_reporter(bilateral: pd.DataFrame) -> pd.DataFrame:
    """Exports, imports, total and balance per year as each reporter records them.

    ``bilateral`` is the long table ``trade_kor_rus_bilateral`` (year, reporter, flow, value_usd_m).
    ``balance`` is the reporter's exports minus its imports.
    """
    wide = bilateral.pivot_table(index=["year", "reporter"], columns="flow", values="value_usd_m", aggfunc="sum")
    missing = {"exports", "imports"} - set(wide.columns)
    if missing:
        raise ValueError(f"bilateral table lacks flows {sorted(missing)}")
    out = wide.reset_index()[["year", "reporter", "exports", "imports"]]
    out["total"] = out["exports"] + out["imports"]
    out["balance"] = out["exports"] - out["imports"]
    out.columns.name = None
    return out.sort_values(["reporter", "year"]).reset_index(drop=True)


def mirror_gaps(bilateral: pd.DataFrame) -> pd.DataFrame:
    """The same goods seen from both ends: one side's exports against the other side's imports.

    Returns one row per year and direction with the exporter's FOB figure, the importer's CIF figure
    and the gap ``(importer - exporter) / exporter`` in percent. CIF includes freight and insurance,
    so a positive gap of a few percent is expected; large gaps point to timing, re-exports or coverage.
    """
    value = bilateral.set_index(["year", "reporter", "flow"])["value_usd_m"]
    rows = []
    for exporter, importer in (("KOR", "RUS"), ("RUS", "KOR")):
        exp = value.xs((exporter, "exports"), level=("reporter", "flow"))
        imp = value.xs((importer, "imports"), level=("reporter", "flow"))
        both = pd.concat({"exporter_fob": exp, "importer_cif": imp}, axis=1).dropna()
        both["gap_pct"] = (both["importer_cif"] - both["exporter_fob"]) / both["exporter_fob"] * 100
        both["direction"] = f"{exporter} to {importer}"
        rows.append(both.reset_index())
    out = pd.concat(rows, ignore_index=True)
    return out[["year", "direction", "exporter_fob", "importer_cif", "gap_pct"]]


def peak(frame: pd.DataFrame, value: str, by: str = "year") -> tuple[int, float]:
    """(``by`` value, value) of the row where ``value`` is largest; the first such row on ties."""
    if frame.empty:
        raise ValueError("peak of an empty table")
    row = frame.loc[frame[value].idxmax()]
    return int(row[by]), float(row[value])


def yearly_change(series: pd.Series) -> pd.Series:
    """Percent change of ``series`` (indexed by year) from the year before; years whose previous year
    is missing from the series are left out, so a gap is never read as one year's change."""
    series = series.sort_index()
    previous = series.reindex(series.index - 1)
    change = (series.to_numpy() / previous.to_numpy() - 1) * 100
    return pd.Series(change, index=series.index, name=series.name).dropna()


def falls(series: pd.Series, more_than_pct: float) -> pd.Series:
    """The yearly changes (in percent) of ``series`` that are falls of more than ``more_than_pct``."""
    change = yearly_change(series)
    return change[change < -more_than_pct]


def runs(years) -> list[tuple[int, int]]:
    """Consecutive years grouped as (first, last): [1998, 2015, 2016] -> [(1998, 1998), (2015, 2016)]."""
    out: list[tuple[int, int]] = []
    for year in sorted(int(y) for y in years):
        if out and year == out[-1][1] + 1:
            out[-1] = (out[-1][0], year)
        else:
            out.append((year, year))
    return out


def falls_in_words(changes: pd.Series) -> str:
    """Falls (negative changes by year) in words: "38 % in 2015, 16 % in 2016 and 21 % in 2020"."""
    if (changes >= 0).any():
        raise ValueError("falls_in_words describes falls only")
    parts = [f"{-value:.0f} % in {int(year)}" for year, value in changes.sort_index().items()]
    if not parts:
        raise ValueError("no falls to describe")
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def median_abs_gap(gaps: pd.DataFrame, first_year: int, last_year: int) -> float:
    """Median of the absolute mirror gap (both directions) over ``first_year``..``last_year``."""
    window = gaps[gaps["year"].between(first_year, last_year)]
    if window.empty:
        raise ValueError(f"no mirror gaps between {first_year} and {last_year}")
    return float(window["gap_pct"].abs().median())


def shares(bilateral: pd.DataFrame, world: pd.DataFrame) -> pd.DataFrame:
    """Each country's trade with the other as a percentage of its trade with the world.

    Both numerator and denominator come from the same reporter's records, so the share is the
    reporter's own view: Russia's weight in South Korea's trade (KOR records) and South Korea's
    weight in Russia's (RUS records).
    """
    pair = totals_by_reporter(bilateral).set_index(["year", "reporter"])["total"]
    wide = world.pivot_table(index=["year", "reporter"], columns="flow", values="value_usd_m", aggfunc="sum")
    total_world = wide["exports"] + wide["imports"]
    both = pd.concat({"bilateral": pair, "world": total_world}, axis=1, join="inner").reset_index()
    both["share_pct"] = both["bilateral"] / both["world"] * 100
    return both.sort_values(["reporter", "year"]).reset_index(drop=True)


def chapter_shares(by_hs2: pd.DataFrame, flow: str, chapters: list[str]) -> pd.DataFrame:
    """Share (%) of each listed HS chapter in the flow, per year; all other chapters as "other"."""
    rows = by_hs2[by_hs2["flow"] == flow]
    if rows.empty:
        raise ValueError(f"no rows for flow {flow!r}")
    group = rows["hs2"].where(rows["hs2"].isin(chapters), "other")
    summed = rows.groupby([rows["year"], group])["value_usd_m"].sum().rename("value_usd_m").reset_index()
    summed.columns = ["year", "hs2", "value_usd_m"]
    summed["share_pct"] = summed["value_usd_m"] / summed.groupby("year")["value_usd_m"].transform("sum") * 100
    return summed.sort_values(["year", "hs2"]).reset_index(drop=True)
