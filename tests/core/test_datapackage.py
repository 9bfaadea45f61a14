"""The committed data package is valid, complete and consistent with its files."""

import hashlib
import json
import subprocess
import sys

import pytest
from frictionless import Package

from double_ally.book import register
from double_ally.core.bibliography import bibkeys
from double_ally.core.data import load, table_names
from double_ally.core.paths import DATA_DIR, DATAPACKAGE
from double_ally.chapters import tables as all_tables

PACKAGE = json.loads(DATAPACKAGE.read_text(encoding="utf-8"))


def test_package_validates_with_frictionless():
    report = Package(str(DATAPACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_frictionless_command_line_validates_the_package():
    exe = [sys.executable, "-m", "frictionless", "validate", str(DATAPACKAGE)]
    result = subprocess.run(exe, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_every_declared_table_is_in_the_package_and_on_disk():
    assert table_names() == [t.name for t in all_tables()]
    # data/claims.csv is the claims register, collected from the chapters' verdict code rather than
    # derived from raw sources; test_register checks it against a fresh collection.
    on_disk = {p.stem for p in DATA_DIR.glob("*.csv") if p.name != register.CSV_NAME}
    assert on_disk == set(table_names()), "data/ holds a CSV that datapackage.json does not describe (or the reverse)"


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_resource_metadata_is_complete(resource):
    for key in ("title", "description", "sources", "licenses", "hash", "bytes", "rows", "schema"):
        assert resource.get(key), f"{resource['name']} lacks {key}"
    assert resource["schema"]["primaryKey"], "every table has a primary key"
    for field in resource["schema"]["fields"]:
        assert field.get("description"), f"{resource['name']}.{field['name']} has no description"
        if field["name"].startswith("value"):
            assert field.get("unit"), f"{resource['name']}.{field['name']} has no unit"
    for source in resource["sources"]:
        assert {"title", "publisher", "path", "version", "bibkey"} <= set(source)
        assert source["bibkey"] in bibkeys()


@pytest.mark.parametrize("resource", PACKAGE["resources"], ids=lambda r: r["name"])
def test_row_count_and_checksum_match_the_file(resource):
    data = (DATA_DIR / resource["path"]).read_bytes()
    assert resource["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
    assert resource["bytes"] == len(data)
    frame = load(resource["name"])
    assert len(frame) == resource["rows"]


def test_page_figure_tables_say_so_on_every_row():
    frame = load("trade_kor_rus_2021_2024")
    assert set(frame["figure_type"]) == {"official statistics", "reported in press"}
    assert frame["source_url"].str.match(r"https?://").all()


def test_loaded_types_follow_the_schema():
    frame = load("trade_kor_rus_bilateral")
    assert str(frame["year"].dtype) == "Int64"
    assert str(frame["value_usd_m"].dtype) == "float64"
    assert str(frame["imf_estimate"].dtype) == "boolean"
    assert not frame.attrs, "no attrs: pandas would deep-copy them at every operation"
