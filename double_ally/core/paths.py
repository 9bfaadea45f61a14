"""Where the project's own files live (never where the raw sources live: see ``sources``).

In a checkout (and an editable install) they are the checkout's. An installed wheel carries a copy of
them in ``double_ally/_project/`` (see ``setup.py``), so that a notebook runs with the package alone.
"""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
CHECKOUT = PACKAGE_DIR.parent
PACKAGED = PACKAGE_DIR / "_project"  # the copy a wheel carries


def project_root(checkout: Path = CHECKOUT, packaged: Path = PACKAGED) -> Path:
    """The checkout if the package sits in one (it holds CITATION.cff and _toc.yml), else the copy."""
    if all((checkout / name).is_file() for name in ("CITATION.cff", "_toc.yml")):
        return checkout
    if (packaged / "CITATION.cff").is_file():
        return packaged
    raise FileNotFoundError(
        f"the package at {PACKAGE_DIR} is neither in a checkout of the book (no CITATION.cff beside it) nor "
        "an installed wheel (no _project/ in it): install it with pip from the repository or a wheel")


ROOT = project_root()
# DOUBLE_ALLY_DATA lets the tests point the whole book at a (deliberately broken) copy of data/.
DATA_DIR = Path(os.environ.get("DOUBLE_ALLY_DATA") or ROOT / "data")
DATAPACKAGE = DATA_DIR / "datapackage.json"
BOOK_DIR = ROOT / "book"
BIB_DIR = BOOK_DIR / "bib"  # one .bib file per chapter, found by looking
