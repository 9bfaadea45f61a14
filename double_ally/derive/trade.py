"""Trade tables: Korea-Russia bilateral trade, trade by partner, and figures reported after 2020."""

from __future__ import annotations

import pandas as pd

from .. import sources
from ..countries import to_iso3, valid_codes
from ..datapackage import Field, Source, Table

DOTS = Source(
    title="Direction of Trade Statistics (DOTS)",
    publisher="International Monetary Fund",
    path="https://data.imf.org/",
    bibkey="imf_dots",
    version="release of about January 2022 (data to 2020), via SamLeBlanc/Direction-of-Trade-Map a769819d",
)
KOSIS = Source(
    title="Exports and imports by country (DT_1R11006_FRM101)",
    publisher="Korea Customs Service, via KOSIS (Statistics Korea)",
    path="https://kosis.kr/statHtml/statHtml.do?orgId=360&tblId=DT_1R11006_FRM101",
    bibkey="kcs_kosis_trade",
    version="download of about March-April 2024, via kjayhan/kdiplo effe9591",
)
KCS_HS2 = Source(
    title="Exports and imports by item and country (HS chapters)",
    publisher="Korea Customs Service",
    path="https://github.com/JunHoPark93/world-insight (copy of the KCS sheets, WorldInsight/data/)",
    bibkey="kcs_hs2",
    version="2000-2018 (2018 partial), files of September 2018, commit d2c9e626",
)
KITA = Source(
    title="Korea-Russia trade figures as reported in the press",
    publisher="Korea International Trade Association (KITA), KOTRA, Russian Federal Customs Service",
    path="see the source_url column, one page per row",
    bibkey="press_trade_figures",
    version="pages published 2022-2025",
)

REPORTERS = {"Korea, Rep. of": "KOR", "Russian Federation": "RUS"}
FLOWS = {"Exports, FOB": ("exports", "FOB"), "Imports, CIF": ("imports", "CIF")}

YEAR = Field("year", "integer", "Calendar year", constraints={"minimum": 1992, "maximum": 2020})
VALUE = Field(
    "value_usd_m", "number", "Trade value in current US dollars", unit="US$ million",
    constraints={"minimum": 0},
)
ESTIMATE = Field(
    "imf_estimate", "boolean",
    "True where the IMF marks the value as its own estimate (suffix 'e' in DOTS), mostly from partner records",
)
FLOW = Field("flow", "string", "Direction as recorded by the reporter", constraints={"enum": ["exports", "imports"]})
VALUATION = Field(
    "valuation", "string", "Exports are valued free on board, imports including cost, insurance and freight",
    constraints={"enum": ["FOB", "CIF"]},
)


def iso3_field(name: str, description: str, codes: list[str] | None = None) -> Field:
    """A country-code column: ISO 3166 alpha-3, limited to ``codes`` or to every valid code."""
    return Field(name, "string", description, constraints={"enum": list(codes or valid_codes())})


def bilateral() -> pd.DataFrame:
    """DOTS Korea-Russia trade 1992-2020 in long form: one row per year, reporter and flow."""
    raw = pd.read_csv(sources.require("dots_bilateral"))
    columns = {
        ("KOR", "exports"): ("kor_reported_exports_to_rus_fob_usd_m", "kor_reported_exports_est_flag"),
        ("KOR", "imports"): ("kor_reported_imports_from_rus_cif_usd_m", "kor_reported_imports_est_flag"),
        ("RUS", "exports"): ("rus_reported_exports_to_kor_fob_usd_m", "rus_reported_exports_est_flag"),
        ("RUS", "imports"): ("rus_reported_imports_from_kor_cif_usd_m", "rus_reported_imports_est_flag"),
    }
    parts = []
    for (reporter, flow), (value_col, flag_col) in columns.items():
        parts.append(
            pd.DataFrame(
                {
                    "year": raw["year"].astype(int),
                    "reporter": reporter,
                    "partner": "RUS" if reporter == "KOR" else "KOR",
                    "flow": flow,
                    "valuation": "FOB" if flow == "exports" else "CIF",
                    "value_usd_m": raw[value_col].astype(float),
                    "imf_estimate": raw[flag_col].astype(int).astype(bool),
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["year", "reporter", "flow"]).reset_index(drop=True)


def _dots_rows(raw: pd.DataFrame, named: dict[str, pd.Series]) -> pd.DataFrame:
    """DOTS rows in the book's shape: year, the named country columns, flow, valuation, value, flag.

    Raises if two IMF names map to one ISO code for the same year, flow and pair.
    """
    flows = raw["flow"].map(FLOWS)
    out = pd.DataFrame({
        "year": raw["year"].astype(int),
        **named,
        "flow": flows.str[0],
        "valuation": flows.str[1],
        "value_usd_m": raw["value_usd_millions"].astype(float),
        "imf_estimate": raw["imf_estimate_flag"].astype(int).astype(bool),
    })
    dupes = out.duplicated(["year", "reporter", "partner", "flow"], keep=False)
    if dupes.any():
        raise ValueError(f"two IMF names map to one ISO code: {out[dupes].head().to_dict('records')}")
    return out


def by_partner(first_year: int = 2015, last_year: int = 2020) -> pd.DataFrame:
    """DOTS trade of South Korea and of Russia with each partner country (aggregates left out)."""
    raw = pd.read_csv(sources.require("dots_by_partner"))
    keep = (
        raw["reporter"].isin(REPORTERS)
        & (raw["partner_is_aggregate"] == 0)
        & raw["year"].between(first_year, last_year)
        & raw["value_usd_millions"].notna()
    )
    raw = raw[keep]
    named = {"reporter": raw["reporter"].map(REPORTERS), "partner": raw["partner"].map(to_iso3),
             "partner_name": raw["partner"]}
    out = _dots_rows(raw, named)
    return out.sort_values(["reporter", "flow", "year", "partner"]).reset_index(drop=True)


# Press indicators in the page-figures file that are bilateral trade values, and what they measure.
# Every money-valued indicator for 2021-2024 must be listed either here or in PRESS_SKIP, so that a
# new row in the raw file is never silently dropped. Rows in other units (TEU, firms, percent) are
# not trade values and are left to the chapters that use them.
PRESS_INDICATORS = {
    "Korea-Russia total trade (exports+imports)": ("total", "KOR"),
    "Korea exports to Russia": ("exports", "KOR"),
    "Korea exports to Russia (peak)": ("exports", "KOR"),
    "Korea imports from Russia": ("imports", "KOR"),
    "Russia-Korea total trade": ("total", "not stated"),
    "Russia-Korea total trade; Korea's share of Russia's trade 3%": ("total", "not stated"),
    "Russia trade turnover with South Korea; South Korea ranked 6th among Russia's partners": ("total", "RUS"),
}
PRESS_SKIP = {
    "Russia total trade turnover",  # Russia with the world
    "Korea imports of aluminium from Russia (286.8 thousand tonnes)",  # one product line
}
UNIT_TO_MILLIONS = {"billion USD": 1000.0, "hundred-million USD": 100.0, "million USD": 1.0}


def _unit_base(unit: str) -> str:
    return unit.split(" (")[0].split(" =")[0].strip()


def _press_value_m(value: float, unit: str) -> tuple[float, str]:
    """Value in US$ million and its qualifier, from a value and a unit as the page wrote them."""
    base = _unit_base(unit)
    if base not in UNIT_TO_MILLIONS:
        raise ValueError(f"unknown unit in page figures: {unit!r}")
    qualifier = "as stated"
    if "lower bound" in unit:
        qualifier = "lower bound"
    elif "approx" in unit:
        qualifier = "approximate"
    return round(value * UNIT_TO_MILLIONS[base], 3), qualifier


def world_totals() -> pd.DataFrame:
    """Each reporter's exports to and imports from the world (IMF 'World' row), 1992-2020."""
    raw = pd.read_csv(sources.require("dots_by_partner"))
    keep = raw["reporter"].isin(REPORTERS) & (raw["partner"] == "World") & raw["year"].between(1992, 2020)
    raw = raw[keep & raw["value_usd_millions"].notna()]
    flows = raw["flow"].map(FLOWS)
    out = pd.DataFrame({
        "year": raw["year"].astype(int),
        "reporter": raw["reporter"].map(REPORTERS),
        "flow": flows.str[0],
        "valuation": flows.str[1],
        "value_usd_m": raw["value_usd_millions"].astype(float),
        "imf_estimate": raw["imf_estimate_flag"].astype(int).astype(bool),
    })
    return out.sort_values(["reporter", "flow", "year"]).reset_index(drop=True)


def mirror(first_year: int = 2015, last_year: int = 2020) -> pd.DataFrame:
    """Every country's own record of its trade with South Korea and with Russia (mirror data)."""
    raw = pd.read_csv(sources.require("dots_mirror"))
    keep = (
        (raw["reporter_is_aggregate"] == 0)
        & raw["partner"].isin(REPORTERS)
        & raw["year"].between(first_year, last_year)
        & raw["value_usd_millions"].notna()
    )
    # One reporter (Nicaragua) is in two IMF workbooks; identical rows are one record, not two.
    raw = raw[keep].drop_duplicates(subset=[c for c in raw.columns if c != "source_file"])
    named = {"reporter": raw["reporter"].map(to_iso3), "reporter_name": raw["reporter"],
             "partner": raw["partner"].map(REPORTERS)}
    out = _dots_rows(raw, named)
    return out.sort_values(["partner", "flow", "year", "reporter"]).reset_index(drop=True)


def by_hs2() -> pd.DataFrame:
    """Korea Customs Service: South Korea's exports to and imports from Russia by HS chapter, 2000-2018."""
    raw = pd.read_csv(sources.require("kcs_hs2"), dtype={"hs2": "string"})
    parts = []
    for flow, column in (("exports", "export_value_usd_thousand"), ("imports", "import_value_usd_thousand")):
        part = raw[raw[column] > 0]
        parts.append(pd.DataFrame({
            "year": part["year"].astype(int),
            "flow": flow,
            "hs2": part["hs2"].str.zfill(2),
            "value_usd_m": part[column].astype(float) / 1000,
            "year_complete": part["year_complete"].astype(int).astype(bool),
        }))
    out = pd.concat(parts, ignore_index=True)
    return out.sort_values(["year", "flow", "hs2"]).reset_index(drop=True)


def hs2_chapters() -> pd.DataFrame:
    """HS chapter titles as the Korea Customs Service sheets give them (the latest title of each)."""
    raw = pd.read_csv(sources.require("kcs_hs2"), dtype={"hs2": "string"})
    latest = raw.sort_values("year").groupby("hs2", as_index=False).last()
    return pd.DataFrame({"hs2": latest["hs2"].str.zfill(2), "name_ko": latest["hs2_name_ko"]}).sort_values(
        "hs2").reset_index(drop=True)


def _fact_category(indicator: str, unit: str) -> str | None:
    if "DPRK" in indicator or "North Korea" in indicator or "Tourists" in indicator:
        return None  # North Korea and people chapters
    if "TEU" in unit:
        return "transport"
    if unit.startswith("rank"):
        return "rank"
    if indicator.startswith(("Korea imports from Russia: ", "Korea exports to Russia: ", "Korea imports of ")):
        return "product"
    if _unit_base(unit) in UNIT_TO_MILLIONS:
        return "trade value"
    return "other"


def page_facts() -> pd.DataFrame:
    """Every Korea-Russia trade figure found only in page text (products, transport, ranks, totals)."""
    raw = pd.read_csv(sources.require("press_trade"), dtype="string")
    rows = []
    for rec in raw.itertuples(index=False):
        category = _fact_category(rec.indicator, rec.unit)
        if category is None:
            continue
        value = float(rec.value)
        money = _unit_base(rec.unit) in UNIT_TO_MILLIONS
        rows.append({
            "period": rec.year if not rec.year.startswith("(") else "not stated",
            "category": category,
            "indicator": rec.indicator,
            "value": value,
            "unit": rec.unit,
            "value_usd_m": _press_value_m(value, rec.unit)[0] if money else None,
            "publisher": rec.cited_source,
            "source_url": rec.source_url,
        })
    out = pd.DataFrame(rows)
    out["value_usd_m"] = out["value_usd_m"].astype("float64")
    return out.sort_values(["category", "period", "indicator", "source_url"]).reset_index(drop=True)


def reported_2021_2024() -> pd.DataFrame:
    """Korea-Russia trade 2021-2024: KOSIS official exports and figures reported in the press."""
    press = pd.read_csv(sources.require("press_trade"), dtype={"year": "string"})
    press = press[press["year"].str.fullmatch(r"\d{4}") & press["year"].between("2021", "2024")]
    press = press[press["unit"].map(_unit_base).isin(UNIT_TO_MILLIONS)]
    unknown = set(press["indicator"]) - set(PRESS_INDICATORS) - PRESS_SKIP
    if unknown:
        raise ValueError(f"page figures: indicators with no rule in derive/trade.py: {sorted(unknown)}")
    press = press[press["indicator"].isin(PRESS_INDICATORS)]
    rows = []
    for rec in press.itertuples(index=False):
        flow, side = PRESS_INDICATORS[rec.indicator]
        value_m, qualifier = _press_value_m(float(rec.value), rec.unit)
        rows.append(
            {
                "year": int(rec.year), "flow": flow, "value_usd_m": value_m, "qualifier": qualifier,
                "reporting_side": side, "figure_type": "reported in press",
                "publisher": rec.cited_source, "source_url": rec.source_url,
            }
        )
    kosis = pd.read_csv(sources.require("kosis_exports"))
    kosis = kosis[kosis["year"].between(2021, 2024)]
    for rec in kosis.itertuples(index=False):
        rows.append(
            {
                "year": int(rec.year), "flow": "exports",
                "value_usd_m": round(rec.kor_exports_to_rus_usd / 1e6, 3), "qualifier": "as stated",
                "reporting_side": "KOR", "figure_type": "official statistics",
                "publisher": "Korea Customs Service via KOSIS", "source_url": KOSIS.path,
            }
        )
    out = pd.DataFrame(rows)
    return out.sort_values(["year", "flow", "figure_type", "source_url"]).reset_index(drop=True)


TABLES = [
    Table(
        name="trade_kor_rus_bilateral",
        title="Korea-Russia trade as reported by each side, 1992-2020",
        description=(
            "South Korea's and Russia's own records of their bilateral trade, from IMF DOTS: one row "
            "per year, reporter and flow. Korea's exports to Russia and Russia's imports from Korea "
            "describe the same goods from the two ends, so the gap between them measures reporting "
            "differences (valuation FOB vs CIF, timing, re-exports, coverage)."
        ),
        fields=(
            YEAR,
            iso3_field("reporter", "Country whose customs records the flow", ["KOR", "RUS"]),
            iso3_field("partner", "The other country", ["KOR", "RUS"]),
            FLOW, VALUATION, VALUE, ESTIMATE,
        ),
        primary_key=("year", "reporter", "flow"),
        sources=(DOTS,),
        derive=bilateral,
        caveats=(
            "For 1990-91 the IMF partner is the USSR; those years are not in this table.",
            "The IMF marks some values as its own estimates (imf_estimate), mostly taken from partner records.",
            "Korea's 1992 exports differ between DOTS (117.6) and KOSIS (364.6 US$ million).",
        ),
    ),
    Table(
        name="trade_by_partner",
        title="South Korea's and Russia's trade with every partner country, 2015-2020",
        description=(
            "Each reporter's own records of its exports to and imports from every partner country, "
            "from IMF DOTS, for computing partner ranks and shares. IMF regional and group rows "
            "(World, European Union, 'not specified' ...) are left out; Hong Kong (HKG) and Taiwan "
            "(TWN) are separate partners, as the IMF lists them. Partner-years with no value are absent."
        ),
        fields=(
            Field("year", "integer", "Calendar year", constraints={"minimum": 2015, "maximum": 2020}),
            iso3_field("reporter", "Country whose customs records the flow", ["KOR", "RUS"]),
            iso3_field("partner", "Partner country, ISO 3166 alpha-3 (XKX for Kosovo)"),
            Field("partner_name", "string", "Partner as the IMF names it"),
            FLOW, VALUATION, VALUE, ESTIMATE,
        ),
        primary_key=("year", "reporter", "partner", "flow"),
        sources=(DOTS,),
        derive=by_partner,
        caveats=(
            "Ranks depend on definitions: EU members one by one or the EU as one partner; Hong Kong and "
            "Taiwan separate or with China; the reporter's own figures or its partners' mirror figures.",
        ),
    ),
    Table(
        name="trade_kor_rus_2021_2024",
        title="Korea-Russia trade after 2020: official exports and figures reported in the press",
        description=(
            "No machine-readable bilateral series covers 2021-2024 in full. This table holds Korea's "
            "exports to Russia from KOSIS (official statistics, to 2023) and every trade value for "
            "2021-2024 found in news and government pages, one row per page figure, with its address "
            "and the publisher the page cites. figure_type tells the two kinds apart."
        ),
        fields=(
            Field("year", "integer", "Calendar year", constraints={"minimum": 2021, "maximum": 2024}),
            Field("flow", "string", "Korea's exports to Russia, imports from Russia, or both added",
                  constraints={"enum": ["exports", "imports", "total"]}),
            VALUE,
            Field("qualifier", "string", "Whether the page gives the value exactly, approximately or as a floor",
                  constraints={"enum": ["as stated", "approximate", "lower bound"]}),
            Field("reporting_side", "string", "Whose statistics the figure comes from, where the page says",
                  constraints={"enum": ["KOR", "RUS", "not stated"]}),
            Field("figure_type", "string", "Official statistics, or a figure reported in a page",
                  constraints={"enum": ["official statistics", "reported in press"]}),
            Field("publisher", "string", "The statistical publisher the figure comes from, as the page names it"),
            Field("source_url", "string", "Address of the page or table the figure was taken from",
                  constraints={"pattern": "https?://.+"}),
        ),
        primary_key=("year", "flow", "source_url"),
        sources=(KOSIS, KITA),
        derive=reported_2021_2024,
        figure_type="mixed: official statistics and reported in press",
        caveats=(
            "Publishers differ (KITA and KOTRA use Korean customs data, RIA Novosti Russian customs "
            "data), so figures for the same year do not match exactly.",
            "KOSIS 2023 may be preliminary (downloaded about March-April 2024).",
            "No machine-readable source gives Korea's imports from Russia after 2020; only page figures do.",
        ),
    ),
    Table(
        name="trade_world_totals",
        title="South Korea's and Russia's trade with the world, 1992-2020",
        description=(
            "Each reporter's total exports and imports (the IMF 'World' partner row), the denominator "
            "for each country's share of the other's trade."
        ),
        fields=(
            YEAR,
            iso3_field("reporter", "Country whose customs records the flow", ["KOR", "RUS"]),
            FLOW, VALUATION, VALUE, ESTIMATE,
        ),
        primary_key=("year", "reporter", "flow"),
        sources=(DOTS,),
        derive=world_totals,
    ),
    Table(
        name="trade_mirror",
        title="Every country's own record of its trade with South Korea and with Russia, 2015-2020",
        description=(
            "Mirror data from IMF DOTS: for each reporting country, its exports to and imports from "
            "South Korea and Russia as it records them. A country's exports to Russia are the mirror of "
            "Russia's imports from it; ranking them gives Russia's partners as its partners see them. "
            "IMF aggregate reporters are left out."
        ),
        fields=(
            Field("year", "integer", "Calendar year", constraints={"minimum": 2015, "maximum": 2020}),
            iso3_field("reporter", "Country whose customs records the flow (XKX for Kosovo)"),
            Field("reporter_name", "string", "Reporter as the IMF names it"),
            iso3_field("partner", "South Korea or Russia", ["KOR", "RUS"]),
            FLOW, VALUATION, VALUE, ESTIMATE,
        ),
        primary_key=("year", "reporter", "partner", "flow"),
        sources=(DOTS,),
        derive=mirror,
        caveats=(
            "Many small reporters' figures are IMF estimates (imf_estimate), often derived from the partner's records.",
        ),
    ),
    Table(
        name="trade_kor_rus_by_hs2",
        title="What South Korea and Russia trade: Korean customs records by HS chapter, 2000-2018",
        description=(
            "South Korea's exports to and imports from Russia by Harmonized System chapter (two digits), "
            "from Korea Customs Service sheets. Chapters with no trade in a year are absent; the chapter "
            "titles are in the table hs_chapters."
        ),
        fields=(
            Field("year", "integer", "Calendar year", constraints={"minimum": 2000, "maximum": 2018}),
            FLOW,
            Field("hs2", "string", "HS chapter, two digits (titles in hs_chapters)", constraints={"pattern": "[0-9]{2}"}),
            VALUE,
            Field("year_complete", "boolean", "False for 2018, which covers only part of the year"),
        ),
        primary_key=("year", "flow", "hs2"),
        sources=(KCS_HS2,),
        derive=by_hs2,
        caveats=(
            "2018 covers about half a year (year_complete is false); use 2000-2017 for annual comparisons.",
            "The chapter sums match IMF DOTS Korea-reported totals within 0.03% in 2000-2015; 2017 is about "
            "3% higher, a data-vintage difference.",
        ),
    ),
    Table(
        name="hs_chapters",
        title="Harmonized System chapters as the Korea Customs Service titles them",
        description="The two-digit HS chapters that occur in trade_kor_rus_by_hs2, with their Korean titles.",
        fields=(
            Field("hs2", "string", "HS chapter, two digits", constraints={"pattern": "[0-9]{2}", "unique": True}),
            Field("name_ko", "string", "Chapter title in Korean, as in the source (the latest year's wording)"),
        ),
        primary_key=("hs2",),
        sources=(KCS_HS2,),
        derive=hs2_chapters,
    ),
    Table(
        name="trade_page_facts",
        title="Korea-Russia trade facts found only in page text: products, transport, ranks, totals",
        description=(
            "Every Korea-Russia trade figure of the collected page text that is not a 2021-2024 "
            "bilateral total: 2018 product lines, rail and sea container counts (TEU), partner ranks as "
            "reported, and older totals. One row per page figure, with its address; value and unit as "
            "the page writes them, and the value in US$ million where the unit is money."
        ),
        fields=(
            Field("period", "string", "Year or part-year the figure refers to, as the page gives it"),
            Field("category", "string", "What kind of figure it is",
                  constraints={"enum": ["trade value", "product", "transport", "rank", "other"]}),
            Field("indicator", "string", "What the figure measures"),
            Field("value", "number", "The number as written in the page", unit="given in the unit column"),
            Field("unit", "string", "The unit as written in the page"),
            Field("value_usd_m", "number", "The value in US$ million, where the unit is money", unit="US$ million",
                  constraints={"required": False}),
            Field("publisher", "string", "The publisher the page cites"),
            Field("source_url", "string", "Address of the page", constraints={"pattern": "https?://.+"}),
        ),
        primary_key=("period", "indicator", "source_url"),
        sources=(KITA,),
        derive=page_facts,
        figure_type="reported in press",
        caveats=(
            "Rail TEU counts include transit through Russia; the one sea-container figure has no year in "
            "the stored excerpt. No source gives trade value by mode of transport.",
        ),
    ),
]

