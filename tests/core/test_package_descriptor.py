"""The metadata twin of the provenance test: data/datapackage.json is what the chapters' tables.yaml
and the committed CSV files say it is. Needs no raw file, so it runs on every machine."""

import json

import pytest

from double_ally import chapters
from double_ally.core.datapackage import package_descriptor, resource_descriptor
from double_ally.core.paths import DATA_DIR, DATAPACKAGE

COMMITTED = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regenerated() -> dict:
    tables = chapters.tables(with_derive=False)
    return package_descriptor([resource_descriptor(t, (DATA_DIR / f"{t.name}.csv").read_bytes()) for t in tables])


def test_descriptors_are_read_without_the_derivation_code():
    assert all(t.derive is None for t in chapters.tables(with_derive=False))


@pytest.mark.parametrize("name", [r["name"] for r in COMMITTED["resources"]])
def test_each_committed_resource_is_regenerated_from_its_tables_yaml(regenerated, name):
    fresh = {r["name"]: r for r in regenerated["resources"]}
    assert name in fresh, f"data/datapackage.json describes {name}, which no chapter's tables.yaml declares"
    committed = next(r for r in COMMITTED["resources"] if r["name"] == name)
    differing = sorted(k for k in fresh[name].keys() | committed.keys() if fresh[name].get(k) != committed.get(k))
    assert not differing, f"{name}: {differing} differ from tables.yaml + the CSV (re-derive: python -m double_ally derive)"


def test_the_whole_package_is_regenerated_byte_for_byte(regenerated):
    """Same resources in the same order, same package fields, and the same text as the writer makes."""
    assert regenerated == COMMITTED
    text = json.dumps(regenerated, indent=2, ensure_ascii=False) + "\n"
    assert text == DATAPACKAGE.read_text(encoding="utf-8")
