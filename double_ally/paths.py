"""Where the project's own files live (never where the raw sources live: see ``sources``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DATAPACKAGE = DATA_DIR / "datapackage.json"
BOOK_DIR = ROOT / "book"
BIBLIOGRAPHY = BOOK_DIR / "references.bib"
