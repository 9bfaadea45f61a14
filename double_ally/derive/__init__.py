"""Raw publisher files -> the tidy tables in ``data/`` and ``data/datapackage.json``.

Run ``python -m double_ally.derive`` to re-derive every table. One module per family of tables.
"""

from __future__ import annotations

from pathlib import Path

from ..datapackage import Table, csv_bytes, resource_descriptor, write_package
from ..paths import DATA_DIR, DATAPACKAGE
from . import alliance, events, north_korea, people, trade

FAMILIES = (trade, people, north_korea, alliance, events)


def all_tables() -> list[Table]:
    return [table for family in FAMILIES for table in family.TABLES]


def build(tables: list[Table] | None = None) -> dict[str, bytes]:
    """Derive every table in memory: {table name: CSV bytes}. Raises on a missing raw file."""
    return {t.name: csv_bytes(t.check_columns(t.derive())) for t in (tables or all_tables())}


def write(data_dir: Path = DATA_DIR, package_path: Path = DATAPACKAGE) -> list[Path]:
    """Derive every table, validate it against its schema, then write the CSVs and datapackage.json.

    Nothing is written unless every table derives and validates.
    """
    from ..validate import validate_resource

    tables = all_tables()
    built = build(tables)
    resources = []
    for table in tables:
        descriptor = resource_descriptor(table, built[table.name])
        validate_resource(descriptor, built[table.name])
        resources.append(descriptor)
    data_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables:
        path = data_dir / f"{table.name}.csv"
        path.write_bytes(built[table.name])
        written.append(path)
    write_package(resources, package_path)
    return written
