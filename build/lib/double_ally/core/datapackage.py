"""The derived tables' metadata: schemas, sources, checksums -> ``data/datapackage.json``.

Each chapter describes its tables as data, in ``double_ally/chapters/<chapter>/tables.yaml``: a name,
a description, the derive function, the fields with their types, units and constraints, the primary
key, and the sources (each with the key of its entry in ``book/bib/*.bib``). ``read_tables`` turns
that file into ``Table`` objects; this module turns those into a Frictionless Data Package, writing
each CSV the same way every time so that re-deriving gives byte-identical files.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Callable

import pandas as pd
import yaml

from double_ally import __version__
from double_ally.core.countries import valid_codes
from double_ally.core.expect import Expect
from double_ally.core.paths import DATA_DIR, DATAPACKAGE, ROOT

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
    derive: Callable[[], pd.DataFrame] | None
    caveats: tuple[str, ...] = ()
    figure_type: str = "official statistics"
    expect: Expect | None = None  # row count and years the derivation must give (not in datapackage.json)

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


class MetadataError(ValueError):
    """A tables.yaml that cannot describe its tables (the message names the file and the entry)."""


FIELD_KEYS = {"name", "type", "description", "unit", "constraints", "codes"}
TABLE_KEYS = {"title", "description", "derive", "figure_type", "primary_key", "sources", "caveats", "fields",
              "expect"}
EXPECT_KEYS = {"rows", "years", "year_column"}


def _field(spec: dict, shared: dict, where: str) -> Field:
    if "use" in spec:
        if spec["use"] not in shared:
            raise MetadataError(f"{where}: field 'use: {spec['use']}' names no entry of the file's fields")
        spec = shared[spec["use"]]
    unknown = set(spec) - FIELD_KEYS
    if unknown or not {"name", "type", "description"} <= set(spec):
        raise MetadataError(f"{where}: a field needs name, type and description and may have unit, "
                            f"constraints, codes (found {sorted(spec)})")
    constraints = dict(spec.get("constraints") or {})
    if spec.get("codes") == "iso3":
        constraints = {**constraints, "enum": list(valid_codes())}
    elif "codes" in spec:
        raise MetadataError(f"{where}: field {spec['name']!r}: codes must be 'iso3'")
    return Field(spec["name"], spec["type"], spec["description"], spec.get("unit"), constraints)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _expect(spec: object, columns: list[str], label: str, where: str) -> Expect | None:
    """A table's ``expect: {rows: N, years: [first, last], year_column: name}`` (years and column optional)."""
    if spec is None:
        return None
    usage = "expect needs rows (a count) and may have years ([first, last]) and year_column"
    if not isinstance(spec, dict) or set(spec) - EXPECT_KEYS or "rows" not in spec:
        raise MetadataError(f"{where}: {usage} (found {spec!r})")
    rows, years, column = spec["rows"], spec.get("years"), spec.get("year_column", "year")
    if not _is_int(rows) or rows < 0:
        raise MetadataError(f"{where}: expect: rows must be a count, found {rows!r}")
    if years is not None:
        if not (isinstance(years, list) and len(years) == 2 and all(map(_is_int, years)) and years[0] <= years[1]):
            raise MetadataError(f"{where}: expect: years must be [first, last], found {years!r}")
        if column not in columns:
            raise MetadataError(f"{where}: expect: year column {column!r} is not among the table's fields")
    elif "year_column" in spec:
        raise MetadataError(f"{where}: expect: year_column without years")
    return Expect(rows=rows, years=tuple(years) if years else None, year_column=column, metadata=label)


def _read_yaml(path: Path) -> tuple[str, dict]:
    label = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
    try:
        return label, yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise MetadataError(f"{label}: not valid YAML ({err})") from err


def read_sources(path: Path) -> dict[str, Source]:
    """The publishers' datasets a ``tables.yaml`` names, by their key in that file."""
    label, doc = _read_yaml(path)
    try:
        return {k: Source(**v) for k, v in (doc.get("sources") or {}).items()}
    except TypeError as err:
        raise MetadataError(f"{label}: a source needs title, publisher, path, bibkey and version ({err})") from err


def read_tables(path: Path, derive_module: ModuleType | None) -> list[Table]:
    """The ``Table`` objects described in a chapter's ``tables.yaml``; each ``derive`` names a function
    of ``derive_module`` (``None``: the descriptors only, for checks that run without the raw files)."""
    label, doc = _read_yaml(path)
    sources = read_sources(path)
    shared = doc.get("fields") or {}
    tables = []
    for name, spec in (doc.get("tables") or {}).items():
        where = f"{label}: table {name!r}"
        unknown = set(spec) - TABLE_KEYS
        if unknown:
            raise MetadataError(f"{where}: unknown entries {sorted(unknown)}")
        derive = None
        if derive_module is not None:
            derive = getattr(derive_module, spec["derive"], None)
            if not callable(derive):
                raise MetadataError(f"{where}: derive {spec['derive']!r} is not a function of "
                                    f"{derive_module.__name__}")
        missing = [k for k in spec.get("sources", []) if k not in sources]
        if missing:
            raise MetadataError(f"{where}: sources {missing} are not among the file's sources")
        fields = tuple(_field(f, shared, where) for f in spec["fields"])
        tables.append(Table(
            name=name, title=spec["title"], description=spec["description"], fields=fields,
            primary_key=tuple(spec["primary_key"]),
            sources=tuple(sources[k] for k in spec["sources"]),
            derive=derive, caveats=tuple(spec.get("caveats") or ()),
            figure_type=spec.get("figure_type", "official statistics"),
            expect=_expect(spec.get("expect"), [f.name for f in fields], label, where),
        ))
    return tables


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


class PackageError(ValueError):
    """A datapackage.json that cannot describe the tables (the message names the file and the entry)."""


def read_package(path: Path = DATAPACKAGE) -> dict:
    """The Data Package descriptor, checked for the shape the loader relies on: an object whose
    ``resources`` each have a ``name``, a ``path`` that stays inside the data folder, and a ``schema``
    with ``fields``. Raises ``PackageError`` naming the file, and the line or resource at fault."""
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise PackageError(f"{path}: not UTF-8 text (byte offset {err.start})") from None
    except json.JSONDecodeError as err:
        raise PackageError(f"{path}: line {err.lineno}, column {err.colno}: not valid JSON ({err.msg})") from None
    if not isinstance(package, dict) or not isinstance(package.get("resources"), list):
        raise PackageError(f"{path}: expected a JSON object with a list of 'resources', found "
                           f"{type(package).__name__}")
    for i, res in enumerate(package["resources"]):
        where = f"{path}: resource {i + 1}"
        if not isinstance(res, dict):
            raise PackageError(f"{where}: expected an object, found {type(res).__name__}")
        where += f" ({res.get('name', 'no name')!s})"
        for key in ("name", "path", "schema"):
            if key not in res:
                raise PackageError(f"{where}: '{key}' is missing")
        if not isinstance(res["schema"], dict) or not isinstance(res["schema"].get("fields"), list):
            raise PackageError(f"{where}: 'schema' needs a list of 'fields'")
        for spec in res["schema"]["fields"]:
            check_field(spec, where)
        check_resource_path(res["path"], where)
    return package


# The field types of Frictionless Table Schema (v1), the ones its validator knows.
TABLE_SCHEMA_TYPES = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime",
                      "year", "yearmonth", "duration", "geopoint", "geojson", "any"}


def check_field(field: object, where: str) -> None:
    """A field is an object with a name and one of the Table Schema types."""
    if not isinstance(field, dict) or not isinstance(field.get("name"), str):
        raise PackageError(f"{where}: a field must be an object with a 'name', found {field!r}")
    kind = field.get("type")
    if kind not in TABLE_SCHEMA_TYPES:
        problem = "has no 'type'" if kind is None else f"has type {kind!r}, not a Table Schema type"
        raise PackageError(f"{where}: field '{field['name']}' {problem} "
                           f"(one of {', '.join(sorted(TABLE_SCHEMA_TYPES))})")


def check_resource_path(relpath: object, where: str) -> None:
    """A resource path is a plain file name inside the data folder: no folders, no '..', not absolute."""
    if not isinstance(relpath, str) or not relpath or "/" in relpath or "\\" in relpath \
            or relpath in {".", ".."} or Path(relpath).is_absolute():
        raise PackageError(f"{where}: path {relpath!r} must be a file name inside the data folder "
                           "(no folders, no '..')")
