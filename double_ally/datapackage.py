"""The derived tables' metadata: schemas, sources, checksums -> ``data/datapackage.json``.

Each family of tables (``derive/trade.py``, ``derive/events.py`` ...) declares its tables as
``Table`` objects: a name, a description, the fields with their types, units and constraints, the
primary key, and the sources (each with the key of its entry in ``book/bib/*.bib``). This
module turns them into a Frictionless Data Package, writing each CSV the same way every time so
that re-deriving gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from . import __version__
from .paths import DATA_DIR, DATAPACKAGE

DATA_LICENCE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}

# pandas dtype for each Table Schema type, used by the loader.
PANDAS_TYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    unit: str | None = None
    constraints: dict = field(default_factory=dict)

    def descriptor(self) -> dict:
        out = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        constraints = {"required": True, **self.constraints}
        if constraints.get("required") is False:
            del constraints["required"]
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class Source:
    """A publisher's dataset or page collection that rows of a table come from."""

    title: str
    publisher: str
    path: str
    bibkey: str
    version: str

    def descriptor(self) -> dict:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "path": self.path,
            "version": self.version,
            "bibkey": self.bibkey,
        }


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    sources: tuple[Source, ...]
    derive: Callable[[], pd.DataFrame]
    caveats: tuple[str, ...] = ()
    figure_type: str = "official statistics"

    @property
    def path(self) -> Path:
        return DATA_DIR / f"{self.name}.csv"

    def check_columns(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Frame with exactly the declared columns, in order; raises if the derivation drifted."""
        declared = [f.name for f in self.fields]
        if list(frame.columns) != declared:
            raise ValueError(
                f"table {self.name}: derived columns {list(frame.columns)} differ from the "
                f"declared schema {declared}"
            )
        return frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The one way the project writes a CSV: UTF-8, LF line ends, no index, shortest float repr."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def resource_descriptor(table: Table, data: bytes) -> dict:
    rows = data.count(b"\n") - 1
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "title": table.title,
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "figure_type": table.figure_type,
        "caveats": list(table.caveats),
        "sources": [s.descriptor() for s in table.sources],
        "licenses": [DATA_LICENCE],
        "bytes": len(data),
        "hash": f"sha256:{sha256(data)}",
        "rows": rows,
        "schema": {
            "fields": [f.descriptor() for f in table.fields],
            "primaryKey": list(table.primary_key),
        },
    }


def package_descriptor(resources: list[dict]) -> dict:
    return {
        "name": "double-ally-examined-data",
        "title": "Double Ally, examined: derived tables",
        "description": (
            "Tidy tables derived from publishers' files (IMF DOTS, Korea Customs Service/KOSIS, "
            "page figures with their addresses) for the book 'Double Ally, examined'. The raw files "
            "are not redistributed; the derivation code in the double_ally package re-creates every "
            "table from them."
        ),
        "version": __version__,
        "licenses": [DATA_LICENCE],
        "profile": "tabular-data-package",
        "resources": resources,
    }


def write_package(resources: list[dict], path: Path = DATAPACKAGE) -> None:
    text = json.dumps(package_descriptor(resources), indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def read_package(path: Path = DATAPACKAGE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
