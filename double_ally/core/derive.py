"""Tables described in metadata -> the tidy CSVs in ``data/`` and ``data/datapackage.json``.

``write(tables)`` derives every table it is given (``double_ally.chapters.tables()`` finds them all),
checks each against its declared schema, and only then writes. ``python -m double_ally derive`` runs it.
"""

from __future__ import annotations

from pathlib import Path

from double_ally.core.datapackage import Table, csv_bytes, resource_descriptor, write_package
from double_ally.core.paths import DATA_DIR, DATAPACKAGE


def build(tables: list[Table]) -> dict[str, bytes]:
    """Derive every table in memory: {table name: CSV bytes}. Raises on a missing raw file."""
    return {t.name: csv_bytes(t.check_columns(t.derive())) for t in tables}


def descriptors(tables: list[Table], built: dict[str, bytes]) -> list[dict]:
    """The Data Package resource of each table, validated against the bytes it describes."""
    from double_ally.core.validate import validate_resource

    resources = []
    for table in tables:
        descriptor = resource_descriptor(table, built[table.name])
        validate_resource(descriptor, built[table.name])
        resources.append(descriptor)
    return resources


def write(tables: list[Table], data_dir: Path = DATA_DIR, package_path: Path = DATAPACKAGE) -> list[Path]:
    """Derive every table, validate it against its schema, then write the CSVs and datapackage.json.

    Nothing is written unless every table derives and validates.
    """
    built = build(tables)
    resources = descriptors(tables, built)
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = data_dir / f"{table.name}.csv"
        path.write_bytes(built[table.name])
        written.append(path)
    write_package(resources, package_path)
    return written
