"""The fault probe, kept as tests: bad input to the loader and to the derivation, case by case.

Every case must end in one of two ways: a clear error of the package's own (``DataError`` from the
loader; ``RawSourceMissing``, ``RawSourceChanged``, ``RawSourceUnreadable``, ``DerivedTableError`` or
``DataError`` from the derivation) whose message names the file (or table) and the cause, or a result
identical to the untouched input. Never a raw traceback, never a silently different table.

The page-side cases (injected text, a chart text that opens a comment) are in
``tests/book/test_injection.py``; killed and failing writes in ``tests/core/test_derive_atomic.py``;
stale execution caches in ``tests/core/test_cache_key.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from double_ally import chapters
from double_ally.core import derive, sources
from double_ally.core.data import DataError, load
from double_ally.core.expect import DerivedTableChanged, GarbledText

TABLE = "trade_kor_rus_bilateral"
CSV = f"{TABLE}.csv"


# ------------------------------------------------------------------------------------------ loader

def _package(copy: Path) -> dict:
    return json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))


def _save(copy: Path, package) -> None:
    (copy / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")


def _resource(package: dict, name: str = TABLE) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def rehash(copy: Path, name: str = TABLE) -> None:
    """Record the changed file's digest and size, as a deliberate edit would: the loader's other checks
    (schema, types, constraints, encoding) must then catch the fault, not the checksum."""
    package = _package(copy)
    res = _resource(package, name)
    data = (copy / res["path"]).read_bytes()
    res["hash"], res["bytes"] = f"sha256:{hashlib.sha256(data).hexdigest()}", len(data)
    _save(copy, package)


def edit_csv(change, name: str = TABLE, keep_hash: bool = False):
    """A case that rewrites the table's text (lines without their line ends) and records the new hash."""
    def apply(copy: Path) -> None:
        path = copy / f"{name}.csv"
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
        if not keep_hash:
            rehash(copy, name)
    return apply


def set_cell(row: int, column: str, value: str):
    def change(lines):
        header = lines[0].split(",")
        cells = lines[row].split(",")
        cells[header.index(column)] = value
        lines[row] = ",".join(cells)
        return lines
    return edit_csv(change)


def edit_bytes(change):
    def apply(copy: Path) -> None:
        path = copy / CSV
        path.write_bytes(change(path.read_bytes()))
        rehash(copy)
    return apply


def edit_package(change):
    def apply(copy: Path) -> None:
        package = _package(copy)
        result = change(package)
        _save(copy, package if result is None else result)
    return apply


def edit_field(field: str, change):
    def apply(package):
        change(next(f for f in _resource(package)["schema"]["fields"] if f["name"] == field))
    return edit_package(apply)


def write_text(text: str):
    def apply(copy: Path) -> None:
        (copy / "datapackage.json").write_text(text, encoding="utf-8")
    return apply


def drop_column(name: str):
    def change(lines):
        index = lines[0].split(",").index(name)
        return [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines]
    return edit_csv(change)


def in_latin1(copy: Path) -> None:
    """One accented word saved in Latin-1 rather than UTF-8 (the byte 0xe9 alone)."""
    edit_bytes(lambda b: b.replace(b"exports", "exportés".encode("latin-1"), 1))(copy)


def delete_resource_key(key: str):
    def apply(package):
        del _resource(package)[key]
    return edit_package(apply)


def bad_cell(column: str, value: str):
    """One cell of data row 3 (line 4) set to ``value``: the error must name line 4 and the column."""
    return set_cell(3, column, value), ["line 4", f"'{column}'"]


LOADER_CASES = {
    # the table's text, with the new hash recorded
    "missing column": (drop_column("flow"), ["'flow'"]),
    "extra column": (edit_csv(lambda ls: [ls[0] + ",extra"] + [x + ",1" for x in ls[1:]]), ["extra"]),
    "renamed header": (edit_csv(lambda ls: [ls[0].replace("value_usd_m", "value")] + ls[1:]), ["value_usd_m"]),
    "text in an integer column": bad_cell("year", "abc"),
    "decimal in an integer column": bad_cell("year", "1993.5"),
    "text in a number column": bad_cell("value_usd_m", "n/a"),
    "empty required cell": bad_cell("value_usd_m", ""),
    "negative value": bad_cell("value_usd_m", "-1.0"),
    "inf": bad_cell("value_usd_m", "inf"),
    "+inf": bad_cell("value_usd_m", "+inf"),
    "-inf": bad_cell("value_usd_m", "-inf"),
    "nan": bad_cell("value_usd_m", "nan"),
    "Infinity": bad_cell("value_usd_m", "Infinity"),
    "year out of range": bad_cell("year", "1800"),
    "value outside the enum": bad_cell("reporter", "USA"),
    "boolean that is none": bad_cell("imf_estimate", "maybe"),
    "duplicate key": (edit_csv(lambda ls: ls + [ls[1]]), ["primary key"]),
    "row with a cell too many": (edit_csv(lambda ls: ls[:3] + [ls[3] + ",9"] + ls[4:]), ["line 4"]),
    "row with a cell too few": (edit_csv(lambda ls: ls[:3] + [ls[3].rsplit(",", 1)[0]] + ls[4:]), ["line 4"]),
    "unbalanced quote": (edit_csv(lambda ls: ls[:3] + ['"' + ls[3]] + ls[4:]), [CSV]),
    "truncated in a line": (edit_bytes(lambda b: b[: len(b) // 2]), [CSV]),
    "empty file": (edit_bytes(lambda b: b""), [CSV]),
    "header only": (edit_csv(lambda ls: ls[:1]), [CSV]),
    "byte-order mark": (edit_bytes(lambda b: b"\xef\xbb\xbf" + b), ["byte-order mark"]),
    "UTF-16": (edit_bytes(lambda b: b.decode("utf-8").encode("utf-16")), [CSV]),
    "Latin-1 text": (in_latin1, ["line 2", "not valid UTF-8"]),
    # the table's text, hash not updated
    "one value changed": (edit_csv(lambda ls: ls[:3] + [ls[3].replace(".", "9.", 1)] + ls[4:], keep_hash=True),
                          [CSV, "sha256"]),
    "rows deleted": (edit_csv(lambda ls: ls[:-20], keep_hash=True), [CSV, "row count"]),
    "file missing": (lambda copy: (copy / CSV).unlink(), [CSV]),
    # datapackage.json
    "invalid JSON": (write_text('{"resources": [,]}'), ["datapackage.json", "line 1"]),
    "empty datapackage.json": (write_text(""), ["datapackage.json"]),
    "a list, not an object": (edit_package(lambda p: []), ["datapackage.json", "'resources'"]),
    "resources not a list": (edit_package(lambda p: {"resources": {}}), ["datapackage.json", "'resources'"]),
    "no resources": (edit_package(lambda p: {"name": "x"}), ["datapackage.json", "'resources'"]),
    "resource without schema": (delete_resource_key("schema"), [TABLE, "'schema' is missing"]),
    "resource without hash": (delete_resource_key("hash"), [TABLE, "no sha256 'hash'"]),
    "path with ../": (edit_package(lambda p: _resource(p).update(path="../outside.csv")), ["inside the data folder"]),
    "absolute path": (edit_package(lambda p: _resource(p).update(path="/etc/passwd")), ["inside the data folder"]),
    "path in a subfolder": (edit_package(lambda p: _resource(p).update(path="sub/x.csv")), ["inside the data folder"]),
    "field without type": (edit_field("flow", lambda f: f.pop("type")), ["'flow'", "type"]),
    "field of an unknown type": (edit_field("flow", lambda f: f.update(type="text")), ["'flow'"]),
    "datapackage.json missing": (lambda copy: (copy / "datapackage.json").unlink(), ["datapackage.json", "missing"]),
}


@pytest.mark.parametrize("case", LOADER_CASES)
def test_the_loader_refuses_each_fault_by_file_and_cause(data_copy, tmp_path, case):
    """No raw traceback: a DataError that names the file (or table) and the cause, and nothing written
    outside the copy."""
    mutate, fragments = LOADER_CASES[case]
    mutate(data_copy)
    with pytest.raises(DataError) as err:
        load(TABLE, data_dir=data_copy, package_path=data_copy / "datapackage.json")
    message = str(err.value)
    assert any(name in message for name in (CSV, TABLE, "datapackage.json")), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in: {message}"
    assert not (tmp_path / "outside.csv").exists()


def test_an_unknown_table_is_named(data_copy):
    with pytest.raises(DataError, match="no table named 'no_such_table'"):
        load("no_such_table", data_dir=data_copy, package_path=data_copy / "datapackage.json")


@pytest.mark.parametrize("case", ["CRLF line ends", "no newline at the end"])
def test_harmless_variants_load_the_same_table(data_copy, case):
    change = {"CRLF line ends": lambda b: b.replace(b"\n", b"\r\n"),
              "no newline at the end": lambda b: b.rstrip(b"\n")}[case]
    original = load(TABLE, data_dir=data_copy, package_path=data_copy / "datapackage.json")
    edit_bytes(change)(data_copy)
    again = load(TABLE, data_dir=data_copy, package_path=data_copy / "datapackage.json")
    pd.testing.assert_frame_equal(again, original)


# ------------------------------------------------------------------------------------- derivation

RAW_NEEDED = {"dots_bilateral": "trade_kor_rus_bilateral", "timeline": "events_korea_russia"}
ALSO_READ = ["page_facts_wave4", "page_source_replacements"]  # read, unchanged, by the timeline's derivation


def _real_raw_dir() -> Path | None:
    folder = Path(os.environ.get(sources.ENV_VAR) or sources.DEFAULT_RAW_DIR)
    reg = sources.registry()
    return folder if all((folder / reg[k].relpath).is_file() for k in [*RAW_NEEDED, *ALSO_READ]) else None


@pytest.fixture()
def raw_copy(tmp_path, monkeypatch) -> dict[str, Path]:
    """A raw folder holding copies of the two raw files the cases break: {key: path}."""
    real = _real_raw_dir()
    if real is None:
        if os.environ.get("DOUBLE_ALLY_REQUIRE_RAW") == "1":
            pytest.fail("DOUBLE_ALLY_REQUIRE_RAW=1 but the raw files of the probe are missing")
        pytest.skip("raw sources not found; set DOUBLE_ALLY_RAW to run the derivation cases")
    reg = sources.registry()
    paths = {}
    for key in [*RAW_NEEDED, *ALSO_READ]:
        target = tmp_path / "raw" / reg[key].relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(real / reg[key].relpath, target)
        paths[key] = target
    monkeypatch.setenv(sources.ENV_VAR, str(tmp_path / "raw"))
    return paths


def accept_files(monkeypatch) -> None:
    """The user says the changed files are a deliberate update: their digests replace the recorded ones."""
    accepted = {key: dataclasses.replace(raw, sha256=sources.file_sha256(raw.path()))
                if raw.path().is_file() else raw for key, raw in sources.registry().items()}
    monkeypatch.setattr(sources, "registry", lambda: accepted)


def table(name: str):
    return next(t for t in chapters.tables() if t.name == name)


def lines_edit(change):
    def apply(path: Path) -> None:
        lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
        path.write_text("\n".join(change(lines)) + "\n", encoding="utf-8")
    return apply


def bytes_edit(change):
    def apply(path: Path) -> None:
        path.write_bytes(change(path.read_bytes()))
    return apply


def swap_columns(a: int, b: int):
    def change(lines):
        out = lines[:1]
        for line in lines[1:]:
            cells = line.split(",")
            cells[a], cells[b] = cells[b], cells[a]
            out.append(",".join(cells))
        return out
    return lines_edit(change)


def times_ten(lines):
    cells = lines[5].split(",")
    cells[1] = str(float(cells[1]) * 10)
    return lines[:5] + [",".join(cells)] + lines[6:]


def with_cell(value: str):
    def change(lines):
        cells = lines[5].split(",")
        cells[1] = value
        return lines[:5] + [",".join(cells)] + lines[6:]
    return change


# key, change, what an accepted (deliberately updated) file then gives: an error class and a fragment;
# SAME where the derived table is the committed one (harmless); None where only the sha256 can tell (the
# values are wrong but well-formed).
SAME = "the committed table"
RAW_CASES = {
    "truncated": ("dots_bilateral", bytes_edit(lambda b: b[: len(b) // 2]),
                  (sources.RawSourceUnreadable, "IntCastingNaNError")),
    "header renamed": ("dots_bilateral", lines_edit(lambda ls: [ls[0].replace("year", "yr", 1)] + ls[1:]),
                       (sources.RawSourceUnreadable, "KeyError")),
    "empty": ("dots_bilateral", bytes_edit(lambda b: b""), (sources.RawSourceUnreadable, "EmptyDataError")),
    "UTF-16": ("timeline", bytes_edit(lambda b: b.decode("utf-8").encode("utf-16")),
               (sources.RawSourceUnreadable, "UnicodeDecodeError")),
    "rows of 2016-2020 dropped": ("dots_bilateral", lines_edit(lambda ls: ls[:-5]),
                                  (DerivedTableChanged, "1992-2015 found")),
    "two value columns swapped": ("dots_bilateral", swap_columns(1, 3), None),
    "double-encoded text": ("timeline", bytes_edit(lambda b: b.decode("utf-8").encode("utf-8").decode("latin-1")
                                                   .encode("utf-8")), (GarbledText, "events_korea_russia")),
    "one value x10": ("dots_bilateral", lines_edit(times_ten), None),
    "inf": ("dots_bilateral", lines_edit(with_cell("inf")), (DataError, "'value_usd_m'")),
    "text in a number": ("dots_bilateral", lines_edit(with_cell("n/a")), (DataError, "'value_usd_m'")),
    "byte-order mark": ("dots_bilateral", bytes_edit(lambda b: b"\xef\xbb\xbf" + b), SAME),
    "a year repeated": ("dots_bilateral", lines_edit(lambda ls: ls + [ls[-1]]), (DerivedTableChanged, "rows expected")),
    "missing": ("dots_bilateral", lambda path: path.unlink(), (sources.RawSourceMissing, "obtain it from")),
    "Latin-1": ("timeline", bytes_edit(lambda b: b.replace("–".encode(), "é".encode("latin-1"))),
                (sources.RawSourceUnreadable, "UnicodeDecodeError")),
    "Latin-1, characters it lacks as '?'": ("timeline", bytes_edit(lambda b: b.replace("–".encode(), b"?")), None),
}


def derive_one(name: str):
    t = table(name)
    built = derive.build([t])
    derive.descriptors([t], built)  # the schema check derive runs before it writes
    return built[name]


@pytest.mark.parametrize("case", RAW_CASES)
def test_a_changed_raw_file_stops_the_derivation_by_name(raw_copy, case):
    key, change, _ = RAW_CASES[case]
    change(raw_copy[key])
    expected = sources.RawSourceMissing if case == "missing" else sources.RawSourceChanged
    with pytest.raises(expected) as err:
        derive_one(RAW_NEEDED[key])
    assert sources.registry()[key].relpath in str(err.value)


@pytest.mark.parametrize("case", RAW_CASES)
def test_an_accepted_wrong_raw_file_still_gets_a_clear_error(raw_copy, monkeypatch, case):
    """Even a file accepted as a deliberate update is refused with the table, file or column named, except
    where the values are wrong but well-formed: then only the recorded sha256 (test above) can tell."""
    key, change, outcome = RAW_CASES[case]
    change(raw_copy[key])
    accept_files(monkeypatch)
    name = RAW_NEEDED[key]
    committed = (Path(__file__).resolve().parents[2] / "data" / f"{name}.csv").read_bytes()
    if outcome is None:
        assert derive_one(name) != committed
        return
    if outcome == SAME:
        assert derive_one(name) == committed
        return
    error, fragment = outcome
    with pytest.raises(error) as err:
        derive_one(name)
    message = str(err.value)
    assert fragment in message, message
    assert name in message or sources.registry()[key].relpath in message, message
