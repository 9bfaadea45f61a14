"""load() validates a table's bytes once per process, and hands out copies that callers may change."""

import pandas as pd
import pytest

from double_ally.core import data

TABLE = "trade_kor_rus_bilateral"


@pytest.fixture
def counted(monkeypatch):
    """Count validate_resource calls made through the name load() uses, on an empty cache."""
    calls = []
    real = data.validate_resource

    def counting(*args, **kwargs):
        calls.append(args[0]["name"])
        return real(*args, **kwargs)

    monkeypatch.setattr(data, "validate_resource", counting)
    monkeypatch.setattr(data, "_VALIDATED", {})
    return calls


def test_a_second_load_of_the_same_table_does_no_validation(counted):
    first = data.load(TABLE)
    second = data.load(TABLE)
    assert counted == [TABLE]
    pd.testing.assert_frame_equal(first, second)


def test_changed_bytes_are_validated_again(counted, tmp_path):
    """The cache keys on the file's content: a copy with other bytes is checked (and here refused)."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, copy)
    data.load(TABLE)
    path = copy / f"{TABLE}.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n", 1))
    with pytest.raises(data.DataError):
        data.load(TABLE, data_dir=copy, package_path=copy / "datapackage.json")
    assert counted == [TABLE, TABLE]


def test_changing_a_loaded_frame_does_not_change_the_next_load(counted):
    first = data.load(TABLE)
    pristine = first.copy(deep=True)
    column = "value_usd_m"
    first.loc[first.index[0], column] = -999.0
    first.drop(columns=["flow"], inplace=True)
    second = data.load(TABLE)
    assert counted == [TABLE]
    pd.testing.assert_frame_equal(second, pristine)
