"""``load(name)``: the one door through which chapters read the derived tables.

Every load checks the file against ``data/datapackage.json`` -- encoding, header, types,
constraints, primary key, checksum, and that each source has a bibliography entry -- and returns a
typed DataFrame. Any problem raises ``DataError`` naming the file, the line and the column.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pandas as pd

from double_ally.core.datapackage import PANDAS_TYPES, PackageError, read_package
from double_ally.core.paths import DATA_DIR, DATAPACKAGE
from double_ally.core.validate import DataError, validate_resource

__all__ = ["DataError", "load", "resource", "table_names"]


def _package(package_path: Path) -> dict:
    if not package_path.is_file():
        raise DataError(f"{package_path}: missing (derive the tables: python -m double_ally derive)")
    try:
        return read_package(package_path)
    except PackageError as err:
        raise DataError(str(err)) from None


def table_names(package_path: Path = DATAPACKAGE) -> list[str]:
    return [r["name"] for r in _package(package_path)["resources"]]


def resource(name: str, package_path: Path = DATAPACKAGE) -> dict:
    """The Data Package descriptor of table ``name`` (schema, sources, caveats, checksum)."""
    for res in _package(package_path)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(f"no table named {name!r} in {package_path.name}; tables: {table_names(package_path)}")


# Validated frames of this process, keyed by the file's sha256 and its descriptor: a second load of
# the same bytes under the same schema does no validation work. Callers get a copy, never the cached frame.
_VALIDATED: dict[tuple[str, str], pd.DataFrame] = {}


def load(name: str, data_dir: Path = DATA_DIR, package_path: Path = DATAPACKAGE) -> pd.DataFrame:
    """Validated, typed table ``name``. Its descriptor is in ``frame.attrs['resource']``.

    Validation runs once per process for each distinct file content and descriptor (see ``_VALIDATED``)."""
    res = resource(name, package_path)
    path = data_dir / res["path"]
    if not path.is_file():
        raise DataError(f"{path}: missing (expected table {name!r}; re-derive with python -m double_ally derive)")
    data = path.read_bytes()
    key = (hashlib.sha256(data).hexdigest(), json.dumps(res, sort_keys=True))
    if key not in _VALIDATED:
        validate_resource(res, data, check_integrity=True, label=str(path))
        dtypes = {}
        for f in res["schema"]["fields"]:
            if not isinstance(f, dict) or f.get("type") not in PANDAS_TYPES or "name" not in f:
                raise DataError(f"{package_path}: table {name!r}: field {f!r} needs a name and a type, one of "
                                f"{', '.join(PANDAS_TYPES)}")
            dtypes[f["name"]] = PANDAS_TYPES[f["type"]]
        frame = pd.read_csv(io.BytesIO(data), dtype=dtypes, keep_default_na=False, na_values=[""])
        frame.attrs["resource"] = res
        _VALIDATED[key] = frame
    frame = _VALIDATED[key].copy(deep=True)
    frame.attrs["resource"] = res
    return frame
