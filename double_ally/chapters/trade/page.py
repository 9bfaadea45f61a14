"""What the trade chapter states and shows: the figures of its prose, computed from the tables and the
reader's parameters (each function returns ``{glue name: value}``, which the chapter glues in one
cell), and its tables, shaped for readers (``ReaderTable``)."""

from __future__ import annotations

import pandas as pd

from double_ally.core.display import ReaderTable
from double_ally.chapters.trade import analysis, rules
from double_ally.chapters.trade.ranks import (ARTICLE_P10, KEYS, MEASURES, Records, describe, group_partners,
                                              missing_reporters, neighbours, rank_of, rank_table, sensitivity)

GAP_SINCE = 2007  # the mirror gaps are summarised since this year (as in the chart) and over the whole span


def places(n: int) -> str:
    """A tolerance in words: "1 place", "2 places"."""
    return f"{n} place{'' if n == 1 else 's'}"


def change_pct(series: pd.Series, year: int) -> float:
    """Percent change of ``series`` (indexed by year) from ``year - 1`` to ``year``."""
    return (series.loc[year] / series.loc[year - 1] - 1) * 100


def press_totals(after_2020: pd.DataFrame) -> pd.DataFrame:
    """South Korea's total trade with Russia as figures reported in news pages state it (2021 on)."""
    return after_2020[(after_2020["flow"] == "total") & (after_2020["qualifier"] == "as stated")
                      & (after_2020["reporting_side"] == "KOR")]


def series(bilateral: pd.DataFrame, after_2020: pd.DataFrame) -> dict:
    """The series 1992-2024: the IMF high, the sharp falls, the later figures, the balance."""
    totals = analysis.totals_by_reporter(bilateral)
    kor = totals[totals["reporter"] == "KOR"].set_index("year")
    peak_year, peak_value = analysis.peak(kor.reset_index(), "total")
    kor_falls = analysis.falls(kor["total"], analysis.SHARP_FALL_PCT)
    press = press_totals(after_2020).groupby("year")["value_usd_m"].median()
    kosis = after_2020[after_2020["figure_type"] == "official statistics"].set_index("year")["value_usd_m"]
    out = {
        "n_values": len(bilateral), "n_estimates": int(bilateral["imf_estimate"].sum()),
        "peak_kor_year": peak_year, "peak_kor_total_bn": peak_value / 1000,
        "imf_first": int(kor.index.min()), "imf_last": int(kor.index.max()),
        "kor_total_2020_bn": kor.loc[2020, "total"] / 1000, "sharp_fall_pct": analysis.SHARP_FALL_PCT,
        "kor_falls_after_peak": analysis.falls_in_words(kor_falls[kor_falls.index > peak_year]),
        "press_total_2021_bn": press.loc[2021] / 1000, "press_total_2022_bn": press.loc[2022] / 1000,
        "press_change_2022": change_pct(press, 2022),
        "press_falls": analysis.falls_in_words(analysis.falls(press, analysis.SHARP_FALL_PCT)),
        "press_high_year": int(press.idxmax()), "press_high_bn": press.max() / 1000,
        "press_vs_peak": "higher" if press.max() > peak_value else "lower",
        "kor_deficit_years": int((kor["balance"] < 0).sum()), "kor_years": len(kor),
        "kor_balance_2020_bn": abs(kor.loc[2020, "balance"]) / 1000,
        "kor_balance_2020_word": "deficit" if kor.loc[2020, "balance"] < 0 else "surplus",
        "kosis_exports_2021_bn": kosis.loc[2021] / 1000, "kosis_exports_2023_bn": kosis.loc[2023] / 1000,
    }
    return out | {f"kor_change_{year}": change for year, change in kor_falls.items()}


def gaps(bilateral: pd.DataFrame) -> dict:
    """The mirror gaps in words, since ``GAP_SINCE`` and over the whole span."""
    found = analysis.mirror_gaps(bilateral)
    signed = analysis.signed_gaps(found, since=GAP_SINCE)
    since = f"{GAP_SINCE}-{found['year'].max()}"
    whole = f"{found['year'].min()}-{found['year'].max()}"
    by_period = signed.set_index(["direction", "period"])["median_gap_pct"]
    return {
        "gap_imports_since": by_period[("RUS to KOR", since)],
        "gap_years_since": int(signed.loc[signed["period"] == since, "years"].iloc[0]),
        "gap_signs_since": analysis.gap_signs_in_words(signed, since),
        "gap_signs_whole": analysis.gap_signs_in_words(signed, whole),
    }


def weight(bilateral: pd.DataFrame, world: pd.DataFrame, by_partner: pd.DataFrame, mirror: pd.DataFrame,
           *, data: str) -> dict:
    """Each side's weight in the other's trade, and South Korea's rank among Russia's partners in the
    records ``data`` (¶7) and in the other records, in 2020."""
    by_side = analysis.shares(bilateral, world).set_index(["reporter", "year"])["share_pct"]
    records = Records(by_partner, mirror)
    definition = rules.P7_PRIMARY | {"data": data}
    found = {year: rules.korea_in_russia_total(records, year, **definition) for year in rules.YEARS}
    rank = {year: r for year, (r, _) in found.items()}
    partners = [len(values) for _, values in found.values()]
    other = "mirror" if data == "own" else "own"
    last = rules.YEARS[-1]
    other_rank = rules.korea_in_russia_total(records, last, **(definition | {"data": other}))[0]
    return {
        "share_rus_2020": by_side[("RUS", 2020)], "share_kor_2020": by_side[("KOR", 2020)],
        "share_rus_max": by_side["RUS"].max(), "share_rus_max_year": int(by_side["RUS"].idxmax()),
        "kor_rank_rus_best": min(rank.values()), "kor_rank_rus_worst": max(rank.values()),
        "kor_rank_rus_years": len(rank), "rus_partners_min": min(partners), "rus_partners_max": max(partners),
        "p7_records": rules.WHOSE[data], "p7_other_records": rules.WHOSE[other],
        "kor_rank_rus_other": (f"at rank {other_rank} in {last}, "
                               f"{'inside' if other_rank <= rules.TOP else 'outside'} the top {rules.TOP}"),
    }


def definition_years(table: pd.DataFrame, column: str) -> int:
    """How many definition-years of a rank table have all three ranks ``column`` (a boolean column)."""
    return int(table.groupby(KEYS)[column].all().sum())


def partner_ranks(by_partner: pd.DataFrame, mirror: pd.DataFrame, *, year: int, data: str, eu: str,
                  tolerance: int) -> dict:
    """¶10: the three ranks under the chosen definition, how much trade one place is worth around
    them, what a mirror ranking lacks (Taiwan), and how many definition-years reproduce the article's."""
    definition = dict(rules.P10_PRIMARY, year=year, data=data, eu=eu)
    table = rank_table(by_partner, mirror, rules.YEARS, tolerance)
    wider = table.assign(within=table["off_by"].abs() <= 2 * tolerance)
    chosen = table.loc[(table[KEYS] == pd.Series(definition)[KEYS]).all(axis=1)].set_index("measure")
    records = Records(by_partner, mirror)
    around = []
    for country, target, flow in MEASURES.values():
        values = group_partners(records.values(country, year, flow, data, definition["non_reporters"]),
                                year, eu, definition["china"])
        around += [gap for gap in neighbours(values, target) if gap == gap]
    missing = missing_reporters(by_partner, mirror, "KOR", year)
    others = missing.drop("TWN")
    names = by_partner.drop_duplicates("partner").set_index("partner")["partner_name"]
    kor = records.values("KOR", year, "total", "own")
    filled = table[table["non_reporters"] == "filled"]
    measures = list(MEASURES)
    return {
        "article_ranks": " / ".join(str(v) for v in ARTICLE_P10.values()),
        "rank_tolerance": tolerance, "tolerance_places": places(tolerance),
        "primary_tolerance_places": places(rules.RANK_TOLERANCE), "tolerance_places_2": places(2 * tolerance),
        "p10_year": year, "p10_definition": describe(data, eu, definition["china"], definition["non_reporters"]),
        "n_reproducing": definition_years(table, "matches_article"), "n_within": definition_years(table, "within"),
        "n_definition_years": len(table.groupby(KEYS)), "n_within2": definition_years(wider, "within"),
        "n_reproducing_filled": definition_years(filled, "matches_article"), "n_filled": len(filled.groupby(KEYS)),
        "n_reproducing_removed": definition_years(table[table["non_reporters"] == "removed"], "matches_article"),
        "twn_kor_bn": missing["TWN"] / 1000, "twn_kor_rank": rank_of(kor, "TWN"),
        "n_other_missing_kor": len(others),
        "other_missing_kor": ", ".join(f"{names[code]} US${value:,.0f} million"
                                       for code, value in others.head(3).items()),
        "neighbour_min": min(around), "neighbour_max": max(around),
        "p10_kor": int(chosen.loc[measures[0], "rank"]), "p10_imports": int(chosen.loc[measures[1], "rank"]),
        "p10_exports": int(chosen.loc[measures[2], "rank"]),
        "p10_partners": f"{chosen['partners'].min()}–{chosen['partners'].max()}",
        "p10_n_within": int(chosen["within"].sum()), "p10_primary_year": rules.P10_PRIMARY["year"],
    }


def prose(tables: dict[str, pd.DataFrame], *, p7_records: str, p10_year: int, p10_records: str, p10_eu: str,
          tolerance: int) -> dict:
    """Every figure the chapter's prose states, under the reader's parameters (tables by name)."""
    bilateral, by_partner, mirror = (tables[n] for n in ("trade_kor_rus_bilateral", "trade_by_partner",
                                                        "trade_mirror"))
    return (series(bilateral, tables["trade_kor_rus_2021_2024"]) | gaps(bilateral)
            | weight(bilateral, tables["trade_world_totals"], by_partner, mirror, data=p7_records)
            | partner_ranks(by_partner, mirror, year=p10_year, data=p10_records, eu=p10_eu, tolerance=tolerance)
            | goods(tables["trade_kor_rus_by_hs2"], tables["trade_page_facts"], mirror))


def goods(by_hs2: pd.DataFrame, facts: pd.DataFrame, mirror: pd.DataFrame) -> dict:
    """What is traded, by sea or not, and what a sceptical reader would ask."""
    complete = by_hs2[by_hs2["year_complete"]]
    fuel = analysis.chapter_shares(complete, "imports", ["27"]).query("hs2 == '27'").set_index("year")
    cars = analysis.chapter_shares(complete, "exports", ["87"]).query("hs2 == '87'").set_index("year")
    products = facts[(facts["category"] == "product") & (facts["period"] == "2018")]
    crude = products[products["indicator"].str.endswith("crude oil")]["value_usd_m"].iloc[0]
    fuel_value = complete[(complete["flow"] == "imports") & (complete["hs2"] == "27")].set_index("year")
    return {
        "fuel_share_2000": fuel.loc[2000, "share_pct"], "fuel_share_2017": fuel.loc[2017, "share_pct"],
        "car_share_2000": cars.loc[2000, "share_pct"], "car_share_2017": cars.loc[2017, "share_pct"],
        "crude_2018_bn": crude / 1000, "n_teu_facts": int((facts["category"] == "transport").sum()),
        "fuel_change_2015": change_pct(fuel_value["value_usd_m"], 2015),
        "fuel_change_2016": change_pct(fuel_value["value_usd_m"], 2016),
        "estimate_share_mirror": mirror["imf_estimate"].mean() * 100,
    }


# ------------------------------------------------------------------------------------------ tables

SIDES = {"KOR": "South Korea", "RUS": "Russia"}
FLOWS = {"exports": "exports", "imports": "imports", "total": "total", "balance": "balance"}


def totals_table(bilateral: pd.DataFrame) -> ReaderTable:
    """Each side's exports, imports, total and balance by year, in whole US$ millions."""
    totals = analysis.totals_by_reporter(bilateral)
    years = sorted(totals["year"].unique())
    wide = pd.DataFrame({"year": [str(year) for year in years]})  # a year, not a quantity: no separator
    headers = {"year": "Year"}
    for side, name in SIDES.items():
        one = totals[totals["reporter"] == side].set_index("year")
        for flow in FLOWS:
            column = f"{side}_{flow}"
            wide[column] = one[flow].reindex(years).round(0).to_numpy()
            headers[column] = f"{name}'s records: {flow} (US$ m)"
    return ReaderTable(wide, headers=headers,
                       caption="Trade between South Korea and Russia as each side records it (IMF DOTS)")


def gap_table(bilateral: pd.DataFrame) -> ReaderTable:
    """The median mirror gap by direction, since ``GAP_SINCE`` and over the whole span."""
    signed = analysis.signed_gaps(analysis.mirror_gaps(bilateral), since=GAP_SINCE)
    return ReaderTable(signed[["flow", "period", "median_gap_pct", "years", "sign"]],
                       headers={"flow": "Trade", "period": "Years", "median_gap_pct": "Median gap (%)",
                                "years": "Number of years", "sign": "Sign"},
                       decimals={"median_gap_pct": 1})


def ranks_table(table: pd.DataFrame, *, year: int, data: str, eu: str) -> ReaderTable:
    """The article's three ranks under one definition (``P10_PRIMARY`` with year, records and EU)."""
    definition = dict(rules.P10_PRIMARY, year=year, data=data, eu=eu)
    chosen = table.loc[(table[KEYS] == pd.Series(definition)[KEYS]).all(axis=1)]
    return ReaderTable(chosen[["measure", "rank", "article", "partners"]],
                       headers={"measure": "Rank", "rank": f"Computed for {year}", "article": "The article's",
                                "partners": "Partners ranked"})


HANDLING = {"filled": "filled from the other side (own records as recorded)", "removed": "left out of both sides"}


def sensitivity_table(table: pd.DataFrame, tolerance: int) -> ReaderTable:
    """For each rank and all three at once: the definition-years giving the article's rank exactly and
    within ``tolerance``, with partners that do not report filled and left out."""
    rows = [sensitivity(table[table["non_reporters"] == key]).assign(handling=words)
            for key, words in HANDLING.items()]
    frame = pd.concat(rows, ignore_index=True)[["handling", "rank", "exactly", "within", "n"]]
    return ReaderTable(frame, headers={"handling": "Partners that do not report", "rank": "Rank",
                                       "exactly": "Exactly the article's", "within": f"Within {places(tolerance)}",
                                       "n": "Definition-years"})


def facts_table(facts: pd.DataFrame, category: str, period: str | None = None) -> ReaderTable:
    """Figures found in page text, one category (and period), as the pages give them."""
    rows = facts[(facts["category"] == category) & ((facts["period"] == period) if period else True)]
    if category == "product":
        return ReaderTable(rows[["indicator", "value_usd_m", "publisher"]],
                           headers={"indicator": "Product line", "value_usd_m": "Value (US$ m)",
                                    "publisher": "Published by"}, decimals={"value_usd_m": 0})
    return ReaderTable(rows[["period", "indicator", "value", "unit", "publisher"]],
                       headers={"period": "Period", "indicator": "Figure", "value": "Value", "unit": "Unit",
                                "publisher": "Published by"})
