"""A battery of broken tables: each must fail on load with one clear message naming file, line and column.

Every case corrupts a copy of the committed data package in a temporary folder; the chapters only
reach data through ``load``, so a table that fails here can never reach a chart (the build test checks
the same end to end).
"""

from __future__ import annotations

import json

import pytest

from double_ally.core import sources
from double_ally.core.data import DataError, load

BILATERAL = "trade_kor_rus_bilateral"
PARTNERS = "trade_by_partner"


def lines_of(path):
    return path.read_text(encoding="utf-8").split("\n")


def set_cell(path, line_no, column, value):
    """Replace one cell (1-based line number, column name) in a CSV without quoting."""
    lines = lines_of(path)
    header = lines[0].split(",")
    cells = lines[line_no - 1].split(",")
    cells[header.index(column)] = value
    lines[line_no - 1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def load_copy(name, data_dir):
    return load(name, data_dir=data_dir, package_path=data_dir / "datapackage.json")


def expect_error(name, data_dir, *fragments):
    with pytest.raises(DataError) as err:
        load_copy(name, data_dir)
    message = str(err.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in: {message}"
    return message


def test_untouched_copy_loads(data_copy):
    assert len(load_copy(BILATERAL, data_copy)) > 0


def test_missing_column(data_copy):
    path = data_copy / f"{BILATERAL}.csv"
    rows = [line.split(",") for line in lines_of(path) if line]
    drop = rows[0].index("flow")
    path.write_text("\n".join(",".join(c for i, c in enumerate(r) if i != drop) for r in rows) + "\n")
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "flow")


def test_wrong_type(data_copy):
    set_cell(data_copy / f"{BILATERAL}.csv", 5, "value_usd_m", "twelve")
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "line 5", "value_usd_m", "number", "twelve")


def test_negative_value(data_copy):
    set_cell(data_copy / f"{BILATERAL}.csv", 7, "value_usd_m", "-3.5")
    expect_error(BILATERAL, data_copy, "line 7", "value_usd_m", "minimum")


def test_duplicate_key(data_copy):
    path = data_copy / f"{BILATERAL}.csv"
    lines = lines_of(path)
    lines.insert(4, lines[2])  # line 3 repeated as line 5
    path.write_text("\n".join(lines), encoding="utf-8")
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "line 5", "duplicate primary key", "year, reporter, flow")


def test_year_out_of_range(data_copy):
    set_cell(data_copy / f"{BILATERAL}.csv", 2, "year", "1985")
    expect_error(BILATERAL, data_copy, "line 2", "year", "minimum")


def test_unknown_country_code(data_copy):
    set_cell(data_copy / f"{PARTNERS}.csv", 9, "partner", "ZZZ")
    expect_error(PARTNERS, data_copy, f"{PARTNERS}.csv", "line 9", "partner", "allowed values")


def test_required_cell_empty(data_copy):
    set_cell(data_copy / f"{BILATERAL}.csv", 4, "reporter", "")
    expect_error(BILATERAL, data_copy, "line 4", "reporter")


def test_empty_file(data_copy):
    (data_copy / f"{BILATERAL}.csv").write_bytes(b"")
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "empty")


def test_bad_encoding(data_copy):
    path = data_copy / f"{BILATERAL}.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"KOR", b"K\xffR", 1)
    path.write_bytes(b"\n".join(lines))
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "line 3", "UTF-8")


def test_checksum_mismatch(data_copy):
    # A change that keeps every cell valid is caught by the checksum alone.
    path = data_copy / f"{BILATERAL}.csv"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    cells = lines[1].split(",")
    cells[5] = str(float(cells[5]) + 1)
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "checksum mismatch", "re-derive")


def test_source_without_bibliography_entry(data_copy):
    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["resources"][0]["sources"][0]["bibkey"] = "no_such_entry_2099"
    package_path.write_text(json.dumps(package), encoding="utf-8")
    name = package["resources"][0]["name"]
    expect_error(name, data_copy, "no_such_entry_2099", "book/bib/")


def test_missing_table_file(data_copy):
    (data_copy / f"{BILATERAL}.csv").unlink()
    expect_error(BILATERAL, data_copy, f"{BILATERAL}.csv", "missing", "python -m double_ally derive")


def test_unknown_table_name(data_copy):
    expect_error("trade_with_atlantis", data_copy, "no table named 'trade_with_atlantis'", BILATERAL)


def test_missing_raw_file(tmp_path, monkeypatch):
    monkeypatch.setenv(sources.ENV_VAR, str(tmp_path))
    from double_ally.chapters.trade import derive as trade

    with pytest.raises(sources.RawSourceMissing, match="imf_dots_kor_rus_bilateral_annual_1992_2020.csv"):
        trade.bilateral()
