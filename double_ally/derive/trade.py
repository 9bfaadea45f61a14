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
    flows = raw["flow"].map(FLOWS)
    out = pd.DataFrame(
        {
            "year": raw["year"].astype(int),
            "reporter": raw["reporter"].map(REPORTERS),
            "partner": raw["partner"].map(to_iso3),
            "partner_name": raw["partner"],
            "flow": flows.str[0],
            "valuation": flows.str[1],
            "value_usd_m": raw["value_usd_millions"].astype(float),
            "imf_estimate": raw["imf_estimate_flag"].astype(int).astype(bool),
        }
    )
    dupes = out.duplicated(["year", "reporter", "partner", "flow"], keep=False)
    if dupes.any():
        raise ValueError(f"two IMF partner names map to one ISO code: {out[dupes].head().to_dict('records')}")
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
]
