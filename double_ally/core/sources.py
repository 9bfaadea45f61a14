"""Where the raw publisher files live, which ones the book needs, and whether they are the right files.

The raw files are not part of this repository. Each is described as data, in a ``raw.yaml`` beside the
code that reads it (``double_ally/chapters/<chapter>/raw.yaml``; files that several chapters read in
``double_ally/core/raw.yaml``): its path under the raw folder, publisher, where to obtain it, its sha256
and size, and when the collection obtained it. The registry is those files, read afresh: nothing
registers itself on import.

The derivation finds the files through one setting, the environment variable ``DOUBLE_ALLY_RAW``; its
default is the folder ``raw/`` at the root of the repository (git-ignored). Under that folder the files
keep the layout of the collection the book was built from: ``trade/``, ``people_alliance/``,
``un_votes/``. ``require(key)`` returns a file's path after checking that it is there and that its
sha256 is the one recorded; otherwise it raises an error that names the file and what to do. An
entry with ``package: NAME`` is a data file shipped inside an installed (pinned) Python package: its
path is then read inside that package's folder instead of the raw folder, and checked the same way.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from double_ally.core.paths import CHECKOUT, PACKAGE_DIR, ROOT

ENV_VAR = "DOUBLE_ALLY_RAW"
DEFAULT_RAW_DIR = ROOT / "raw"
REQUIRED = ("path", "publisher", "obtain", "sha256", "bytes", "obtained", "collection")


class RawSourceMissing(FileNotFoundError):
    """A raw file the derivation needs is not where the setting says it should be."""


class RawSourceChanged(ValueError):
    """A raw file is present but is not the file the tables were derived from (its sha256 differs)."""


class RawSourceUnreadable(ValueError):
    """A raw file that could not be read as its table's derivation expects (truncated, other columns,
    empty, another encoding): raised by ``core.derive`` naming the table, the file and the cause."""


# The raw files handed out by ``require`` since ``core.derive`` last cleared it: the files a failing
# derivation was reading, for its error message.
handed_out: list[Path] = []


@dataclass(frozen=True)
class RawFile:
    """One raw file: where it sits under the raw folder, who publishes it, where to get it, its digest."""

    key: str
    relpath: str
    publisher: str
    obtain: str
    sha256: str
    bytes: int
    obtained: str | None
    collection: str
    listed_in: str  # the raw.yaml that describes it, relative to the repository
    package: str | None = None  # an installed package that ships the file (relpath is then inside it)

    def path(self) -> Path:
        if self.package:
            spec = importlib.util.find_spec(self.package)
            found = spec.submodule_search_locations if spec else None
            return Path(found[0] if found else f"<package {self.package} is not installed>") / self.relpath
        return raw_dir() / self.relpath


def metadata_files() -> list[Path]:
    """Every ``raw.yaml``: the shared one in core, then one per chapter folder, in name order."""
    return [PACKAGE_DIR / "core" / "raw.yaml", *sorted((PACKAGE_DIR / "chapters").glob("*/raw.yaml"))]


def _read(path: Path) -> dict[str, RawFile]:
    label = path.relative_to(CHECKOUT).as_posix()  # double_ally/...: a name that reads the same installed
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise ValueError(f"{label}: not valid YAML ({err})") from err
    if not isinstance(entries, dict):
        raise ValueError(f"{label}: expected a mapping of raw-file keys to their descriptions")
    out = {}
    for key, entry in entries.items():
        missing = [f for f in REQUIRED if not isinstance(entry, dict) or f not in entry]
        if missing:
            raise ValueError(f"{label}: raw file {key!r} lacks {', '.join(missing)}")
        out[key] = RawFile(key, entry["path"], entry["publisher"], entry["obtain"], entry["sha256"],
                           int(entry["bytes"]), entry["obtained"] and str(entry["obtained"]),
                           entry["collection"], label, entry.get("package"))
    return out


@lru_cache(maxsize=1)
def registry() -> dict[str, RawFile]:
    """Every raw file any chapter needs, keyed by name (read from the ``raw.yaml`` files)."""
    found: dict[str, RawFile] = {}
    for path in metadata_files():
        for key, raw in _read(path).items():
            if key in found:
                raise ValueError(f"raw file key {key!r} is described twice: in {found[key].listed_in} "
                                 f"and in {raw.listed_in}")
            found[key] = raw
    return found


def raw_dir() -> Path:
    """The raw folder: ``$DOUBLE_ALLY_RAW`` if set, else ``<repository>/raw``."""
    value = os.environ.get(ENV_VAR)
    return Path(value).expanduser().resolve() if value else DEFAULT_RAW_DIR


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def require(key: str) -> Path:
    """Path of raw file ``key``, checked against its recorded sha256.

    Raises ``RawSourceMissing`` (with where to obtain it) if absent, ``RawSourceChanged`` (naming the
    file, both digests and the raw.yaml to update after a deliberate new download) if it differs."""
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
    actual = file_sha256(path)
    if actual != raw.sha256:
        raise RawSourceChanged(
            f"Raw source file differs from the one the tables were derived from: {path}\n"
            f"  expected sha256 {raw.sha256} ({raw.bytes:,} bytes), found {actual} "
            f"({path.stat().st_size:,} bytes)\n"
            f"  if this is a deliberate new download, update its entry {key!r} in {raw.listed_in} "
            f"and re-derive; otherwise restore the original file."
        )
    handed_out.append(path)
    return path


def missing() -> list[str]:
    """Keys of raw files that are not present (an empty list means everything is there)."""
    return [key for key, raw in registry().items() if not raw.path().is_file()]
