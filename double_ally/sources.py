"""Where the raw publisher files live, and what to do when one is missing.

The raw files are not part of this repository. The derivation code finds them through one setting,
the environment variable ``DOUBLE_ALLY_RAW``; its default is the folder ``raw/`` at the root of the
repository, which is where a replicator who downloads the sources would put them (the folder is
git-ignored). Under that folder the files keep the layout of the collection the book was built from:
``trade/``, ``people_alliance/``, ``un_votes/``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .paths import ROOT

ENV_VAR = "DOUBLE_ALLY_RAW"
DEFAULT_RAW_DIR = ROOT / "raw"


class RawSourceMissing(FileNotFoundError):
    """A raw file the derivation needs is not where the setting says it should be."""


@dataclass(frozen=True)
class RawFile:
    """One raw file: where it sits under the raw folder, who publishes it, where to get it."""

    key: str
    relpath: str
    publisher: str
    obtain: str

    def path(self) -> Path:
        return raw_dir() / self.relpath


RAW_FILES: dict[str, RawFile] = {
    f.key: f
    for f in [
        RawFile(
            "dots_bilateral",
            "trade/imf_dots_kor_rus_bilateral_annual_1992_2020.csv",
            "International Monetary Fund, Direction of Trade Statistics (DOTS)",
            "IMF DOTS, 'Exports, FOB to Partner Countries' and 'Imports, CIF from Partner Countries' for "
            "Korea, Rep. of (106) and Russian Federation (162), annual; https://data.imf.org/ "
            "(the copy used here came from the DOTS workbooks in the GitHub repository "
            "SamLeBlanc/Direction-of-Trade-Map, data/DOTS/, commit a769819d).",
        ),
        RawFile(
            "dots_by_partner",
            "trade/imf_dots_kor_rus_prk_by_partner_1960_2020.csv",
            "International Monetary Fund, Direction of Trade Statistics (DOTS)",
            "IMF DOTS, all partners of Korea, Rep. of, Russian Federation and Korea, Dem. People's Rep. "
            "of, annual, 1960-2020; https://data.imf.org/ (copy from SamLeBlanc/Direction-of-Trade-Map, "
            "data/DOTS/DOTS_106.xlsx, DOTS_162.xlsx, DOTS_147.xlsx).",
        ),
        RawFile(
            "dots_mirror",
            "trade/imf_dots_all_reporters_trade_with_kor_rus_prk_1960_2020.csv",
            "International Monetary Fund, Direction of Trade Statistics (DOTS)",
            "IMF DOTS, every reporter's exports to and imports from Korea, Rep. of, Korea, Dem. People's "
            "Rep. of and the Russian Federation (mirror data), annual; https://data.imf.org/ (copy from "
            "the 235 per-reporter workbooks in SamLeBlanc/Direction-of-Trade-Map, data/DOTS/).",
        ),
        RawFile(
            "kcs_hs2",
            "trade/kcs_kor_rus_trade_by_hs2_2000_2018.csv",
            "Korea Customs Service",
            "Korea Customs Service trade statistics, exports and imports by item (HS chapter) and "
            "country (sheet '품목별 국가별 수출입실적'); the copy used here came from "
            "https://github.com/JunHoPark93/world-insight, WorldInsight/data/Data-*.xlsx, commit d2c9e626.",
        ),
        RawFile(
            "kosis_exports",
            "trade/kor_rus_trade_1992_2023_kosis_exports_via_kdiplo.csv",
            "Korea Customs Service via KOSIS (Statistics Korea)",
            "KOSIS table orgId=360 tblId=DT_1R11006_FRM101 (exports and imports by country); "
            "https://kosis.kr/statHtml/statHtml.do?orgId=360&tblId=DT_1R11006_FRM101 (copy from the "
            "GitHub repository kjayhan/kdiplo, data-raw/trade_data.csv).",
        ),
        RawFile(
            "press_trade",
            "trade/page_figures_kor_rus_trade.csv",
            "News and government pages (one quote per row, with its address)",
            "The pages listed in the file's source_url column; the collected file is "
            "page_figures_kor_rus_trade.csv in the book's source collection.",
        ),
        # Page facts read by several chapters (people, North Korea, alliance): registered once, here.
        RawFile(
            "page_facts_kr_ru",
            "people_alliance/page_facts_korea_russia.csv",
            "News, government and reference pages (one quote per row, with its address)",
            "The pages listed in the file's source_url column; the collected file is "
            "page_facts_korea_russia.csv in the book's source collection.",
        ),
        RawFile(
            "page_facts_wave3",
            "people_alliance/page_facts_wave3.csv",
            "News, government and reference pages (one quote per row, with its address)",
            "The pages listed in the file's source_url column; the collected file is "
            "page_facts_wave3.csv in the book's source collection.",
        ),
        RawFile(
            "timeline",
            "people_alliance/timeline_korea_russia_events.csv",
            "News, government and reference pages (one quote per row, with its address)",
            "The pages listed in the file's source_url column; the collected file is "
            "timeline_korea_russia_events.csv in the book's source collection.",
        ),
    ]
}


def register(*files: RawFile) -> None:
    """Add a derive family's raw files to the registry (each family registers its own)."""
    for raw in files:
        if raw.key in RAW_FILES and RAW_FILES[raw.key] != raw:
            raise ValueError(f"raw file key {raw.key!r} registered twice with different details")
        RAW_FILES[raw.key] = raw


def registry() -> dict[str, RawFile]:
    """Every raw file any derive family needs, keyed by name."""
    from . import derive  # noqa: F401  (importing the families registers their raw files)

    return RAW_FILES


def raw_dir() -> Path:
    """The raw folder: ``$DOUBLE_ALLY_RAW`` if set, else ``<repository>/raw``."""
    value = os.environ.get(ENV_VAR)
    return Path(value).expanduser().resolve() if value else DEFAULT_RAW_DIR


def require(key: str) -> Path:
    """Path of raw file ``key``; raises ``RawSourceMissing`` with download advice if absent."""
    raw = registry()[key]
    path = raw.path()
    if not path.is_file():
        raise RawSourceMissing(
            f"Raw source file missing: {path}\n"
            f"  needed for: {key} ({raw.publisher})\n"
            f"  obtain it from: {raw.obtain}\n"
            f"  and save it as {raw.relpath} under the raw folder, or point {ENV_VAR} at a folder "
            f"that holds it (now: {raw_dir()})."
        )
    return path


def missing() -> list[str]:
    """Keys of raw files that are not present (an empty list means everything is there)."""
    return [key for key, raw in registry().items() if not raw.path().is_file()]
