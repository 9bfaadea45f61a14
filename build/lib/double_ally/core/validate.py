"""Check a table's bytes against its Data Package descriptor; say exactly what is wrong and where.

Used twice: by the derivation (nothing is written unless every table passes) and by the loader
(nothing reaches a chapter unless the committed file passes).
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import tempfile
from pathlib import Path

from frictionless import Resource

from double_ally.core.bibliography import bibkeys
from double_ally.core.datapackage import PackageError, check_resource_path


class DataError(ValueError):
    """A derived table that does not match its schema, checksum or sources."""


__all__ = ["DataError", "PackageError", "validate_resource"]


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def check_bytes(name: str, data: bytes) -> None:
    """Encoding and emptiness: the faults that come before any row can be read."""
    if not data.strip():
        raise DataError(f"{name}: the file is empty (expected a header line and data rows)")
    if data.startswith(b"\xef\xbb\xbf"):
        raise DataError(f"{name}: line 1: the file starts with a byte-order mark (BOM); the project's CSVs "
                        "are UTF-8 without one (re-save it without the BOM, or re-derive it)")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise DataError(
            f"{name}: line {_line_of(data, err.start)}: byte {data[err.start]:#04x} at offset "
            f"{err.start} is not valid UTF-8 (expected a UTF-8 encoded CSV)"
        ) from None


def check_header(descriptor: dict, data: bytes, label: str) -> None:
    """The header names the schema's columns, in order; say which are missing, extra or misplaced."""
    header = next(csv.reader(io.StringIO(data.decode("utf-8").split("\n", 1)[0])), [])
    declared = [f["name"] for f in descriptor["schema"]["fields"]]
    if header == declared:
        return
    name = label
    missing = [c for c in declared if c not in header]
    extra = [c for c in header if c not in declared]
    if missing:
        raise DataError(f"{name}: line 1 (header): column '{missing[0]}' is missing"
                        + (f" (also missing: {', '.join(missing[1:])})" if missing[1:] else "")
                        + f"; expected columns {declared}")
    if extra:
        raise DataError(f"{name}: line 1 (header): column '{extra[0]}' is not in the schema; expected columns {declared}")
    raise DataError(f"{name}: line 1 (header): columns are out of order; expected {declared}, found {header}")


def check_finite(descriptor: dict, data: bytes, label: str) -> None:
    """Every value of a number column is a finite number: 'inf' and 'nan' pass a ``minimum`` constraint
    in Frictionless, so they are refused here, with their line and column."""
    numbers = [i for i, f in enumerate(descriptor["schema"]["fields"]) if f.get("type") == "number"]
    if not numbers:
        return
    names = [f["name"] for f in descriptor["schema"]["fields"]]
    for line, row in enumerate(csv.reader(io.StringIO(data.decode("utf-8"))), start=1):
        if line == 1:
            continue
        for i in numbers:
            if i < len(row) and row[i].strip():
                try:
                    finite = math.isfinite(float(row[i]))
                except ValueError:
                    continue  # not a number at all: Frictionless reports the type error
                if not finite:
                    raise DataError(f"{label}: line {line} (data row {line - 1}), column '{names[i]}': "
                                    f"{row[i]!r} is not a finite number")


def _explain(error, descriptor: dict, label: str) -> str:
    fields = {f["name"]: f for f in descriptor["schema"]["fields"]}
    where = []
    row = getattr(error, "row_number", None)
    field = getattr(error, "field_name", None)
    if row:
        where.append(f"line {row} (data row {row - 1})")
    kind = error.type
    if kind in {"primary-key"}:
        where.append(f"key columns {', '.join(descriptor['schema']['primaryKey'])}")
        what = "duplicate primary key: the same key appears on an earlier line" if "same as" in error.note \
            else f"primary key is incomplete ({error.note})"
    elif field:
        where.append(f"column '{field}'")
        cell = getattr(error, "cell", None)
        ftype = fields.get(field, {}).get("type", "?")
        if kind == "type-error":
            what = f"expected a value of type {ftype}, found {cell!r}"
        elif kind == "constraint-error":
            constraint = error.note
            if "enum" in constraint:
                constraint = "it must be one of the allowed values listed in the schema"
            what = f"value {cell!r} breaks a constraint: {constraint}"
        elif kind in {"missing-label", "missing-cell"}:
            what = "the column is missing" if kind == "missing-label" else "the cell is missing"
        elif kind in {"incorrect-label", "extra-label", "duplicate-label"}:
            what = f"the header does not match the schema ({error.note})"
        else:
            what = error.message
    elif kind == "hash-count":
        what = f"checksum mismatch: the file is not the one datapackage.json describes ({error.note})"
    elif kind == "byte-count":
        what = f"size mismatch: {error.note}"
    else:
        what = error.message
    prefix = f"{label}: " + ", ".join(where)
    return f"{prefix}: {what}" if where else f"{label}: {what}"


def validate_resource(descriptor: dict, data: bytes, check_integrity: bool = False, label: str | None = None) -> None:
    """Raise ``DataError`` naming file, line and column for the first problem found.

    Structure and content are checked first (so that a changed cell is reported where it is, not as
    a bare checksum mismatch); ``check_integrity`` then compares size and sha256 with the descriptor.
    """
    label = label or descriptor["path"]
    check_resource_path(descriptor.get("path"), label)
    check_bytes(label, data)
    check_header(descriptor, data, label)
    check_finite(descriptor, data, label)
    schema_only = {k: v for k, v in descriptor.items() if k not in {"hash", "bytes"}}
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / descriptor["path"]).write_bytes(data)
        resource = Resource.from_descriptor(schema_only, basepath=tmp)
        report = resource.validate()
        if not report.valid:
            errors = report.tasks[0].errors if report.tasks else report.errors
            first = errors[0]
            more = f" ({len(errors) - 1} more problems in this file)" if len(errors) > 1 else ""
            raise DataError(_explain(first, descriptor, label) + more)
    if check_integrity:
        if not str(descriptor.get("hash", "")).startswith("sha256:"):
            raise DataError(f"{label}: datapackage.json gives no sha256 'hash' for this table, so the file "
                            "cannot be checked; re-derive with 'python -m double_ally derive'")
        expected = descriptor["hash"].removeprefix("sha256:")
        actual = hashlib.sha256(data).hexdigest()
        if actual != expected:
            raise DataError(
                f"{label}: checksum mismatch: sha256 is {actual}, datapackage.json expects "
                f"{expected}. The file was changed after it was derived; re-derive it with "
                f"'python -m double_ally derive' or restore it from git."
            )
    known = bibkeys()
    for source in descriptor.get("sources", []):
        key = source.get("bibkey")
        if key not in known:
            raise DataError(
                f"{label}: source '{source.get('title')}' cites bibkey {key!r}, which has no "
                f"entry in the book/bib/*.bib files (expected one of: {', '.join(sorted(known))})"
            )
