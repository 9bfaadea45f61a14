"""Where the project's own files live (never where the raw sources live: see ``sources``)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# DOUBLE_ALLY_DATA lets the tests point the whole book at a (deliberately broken) copy of data/.
DATA_DIR = Path(os.environ.get("DOUBLE_ALLY_DATA") or ROOT / "data")
DATAPACKAGE = DATA_DIR / "datapackage.json"
BOOK_DIR = ROOT / "book"
BIB_DIR = BOOK_DIR / "bib"  # one .bib file per chapter, all listed in _config.yml
PACKAGE_DIR = ROOT / "double_ally"
