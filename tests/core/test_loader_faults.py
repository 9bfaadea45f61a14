"""Faults in data/ that once ended in a raw traceback or a wrong message: each now names file and cause."""

from __future__ import annotations

import json

import pytest

from double_ally.core.data import DataError, load

TABLE = "trade_kor_rus_bilateral"


@pytest.fixture()
def copy(data_copy):
    return data_copy


def descriptor(copy) -> dict:
    return json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(copy, package) -> None:
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def load_from(copy, name=TABLE):
    return load(name, data_dir=copy, package_path=copy / "datapackage.json")


def test_invalid_json_names_file_line_and_column(copy):
    text = (copy / "datapackage.json").read_text(encoding="utf-8")
    (copy / "datapackage.json").write_text(text.replace('"resources": [', '"resources": [,', 1), encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage.json: line \d+, column \d+: not valid JSON"):
        load_from(copy)


@pytest.mark.parametrize("package", [[], {"resources": {}}, {"name": "x"}])
def test_a_package_of_the_wrong_shape_is_named(copy, package):
    write_descriptor(copy, package)
    with pytest.raises(DataError, match="datapackage.json: expected a JSON object with a list of 'resources'"):
        load_from(copy)


def test_a_resource_without_schema_is_named(copy):
    package = descriptor(copy)
    index = next(i for i, r in enumerate(package["resources"]) if r["name"] == TABLE)
    del package["resources"][index]["schema"]
    write_descriptor(copy, package)
    with pytest.raises(DataError, match=rf"resource {index + 1} \({TABLE}\): 'schema' is missing"):
        load_from(copy)


@pytest.mark.parametrize("path", ["../outside.csv", "/etc/passwd", "sub/x.csv"])
def test_a_path_outside_the_data_folder_is_refused_before_anything_is_written(copy, tmp_path, path):
    package = descriptor(copy)
    for res in package["resources"]:
        if res["name"] == TABLE:
            res["path"] = path
    write_descriptor(copy, package)
    with pytest.raises(DataError, match="must be a file name inside the data folder"):
        load_from(copy)
    assert not (tmp_path / "outside.csv").exists()


def test_a_byte_order_mark_is_reported_as_such(copy):
    path = copy / f"{TABLE}.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with pytest.raises(DataError, match="byte-order mark"):
        load_from(copy)


def test_a_missing_hash_is_reported_as_missing_not_as_a_change(copy):
    package = descriptor(copy)
    for res in package["resources"]:
        if res["name"] == TABLE:
            del res["hash"]
    write_descriptor(copy, package)
    with pytest.raises(DataError, match="gives no sha256 'hash'"):
        load_from(copy)


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "Infinity"])
def test_numbers_must_be_finite(copy, value):
    path = copy / f"{TABLE}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    column = header.index("value_usd_m")
    cells = lines[3].split(",")
    cells[column] = value
    lines[3] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 4 \(data row 3\), column 'value_usd_m': .* is not a finite number"):
        load_from(copy)
