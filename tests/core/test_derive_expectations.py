"""A derived table whose row count or years differ from its tables.yaml ``expect`` is refused before anything
is written, and so is double-encoded text; the recorded expectations are those of the committed CSVs."""

from __future__ import annotations

import dataclasses

import pandas as pd
import yaml
import pytest

from double_ally import chapters
from double_ally.core.datapackage import Field, MetadataError, Table, read_tables
from double_ally.core.derive import build, descriptors
from double_ally.core.expect import DerivedTableChanged, Expect, GarbledText
from double_ally.core.paths import DATA_DIR
from double_ally.core.validate import DataError

REAL = chapters.tables(with_derive=False)
YEAR_COLUMNS = ("year", "snapshot_year", "month", "date")


def toy(frame: pd.DataFrame, expect: Expect | None, types: dict[str, str] | None = None) -> Table:
    """A table deriving ``frame``, described like a real one (its sources have bibliography entries)."""
    types = types or {}
    fields = tuple(Field(c, types.get(c, "integer" if c == "year" else "string"), c) for c in frame.columns)
    return Table(name="toy_table", title="Toy", description="A toy table.", fields=fields,
                 primary_key=(frame.columns[0],), sources=REAL[0].sources, derive=lambda: frame.copy(),
                 expect=expect)


YEARS = pd.DataFrame({"year": [2016, 2017, 2018, 2019, 2020], "item": list("abcde")})
WHERE = "double_ally/chapters/toy/tables.yaml"


def test_a_table_that_derives_as_expected_is_built():
    built = build([toy(YEARS, Expect(rows=5, years=(2016, 2020), metadata=WHERE))])
    assert built["toy_table"].decode().splitlines()[1:3] == ["2016,a", "2017,b"]


def test_fewer_rows_are_refused_naming_table_expected_and_found():
    with pytest.raises(DerivedTableChanged) as err:
        build([toy(YEARS.iloc[:3], Expect(rows=5, metadata=WHERE))])
    message = str(err.value)
    assert "toy_table" in message and "5 rows expected, 3 found" in message
    assert f"update 'expect' of toy_table in {WHERE}" in message


def test_a_shifted_year_range_is_refused_even_with_the_same_row_count():
    shifted = YEARS.assign(year=YEARS["year"] - 1)
    with pytest.raises(DerivedTableChanged) as err:
        build([toy(shifted, Expect(rows=5, years=(2016, 2020), metadata=WHERE))])
    message = str(err.value)
    assert "toy_table" in message and "years 2016-2020" in message and "2015-2019 found" in message
    assert "rows expected" not in message


def test_years_are_read_from_a_date_or_month_column():
    dates = pd.DataFrame({"date": ["2014", "2014-03-19", "2022-02"], "what": ["x", "y", "z"]})
    build([toy(dates, Expect(rows=3, years=(2014, 2022), year_column="date"))])
    with pytest.raises(DerivedTableChanged, match="2014-2024 in column 'date' expected, 2014-2022 found"):
        build([toy(dates, Expect(rows=3, years=(2014, 2024), year_column="date"))])
    undated = dates.assign(date=["2014", "March, year not shown", "2022"])
    with pytest.raises(DerivedTableChanged, match="does not start with a year"):
        build([toy(undated, Expect(rows=3, years=(2014, 2022), year_column="date"))])


def test_double_encoded_korean_is_refused_with_its_line_and_column():
    korean = pd.DataFrame({"hs2": ["01", "02"], "name_ko": ["산 동물", "육과 식용 설육"]})
    build([toy(korean, None)])
    garbled = korean.assign(name_ko=[korean["name_ko"][0], korean["name_ko"][1].encode("utf-8").decode("latin-1")])
    with pytest.raises(GarbledText) as err:
        build([toy(garbled, None)])
    message = str(err.value)
    assert "toy_table" in message and "line 3" in message and "'name_ko'" in message
    assert korean["name_ko"][1] in message  # the text as it was meant


def test_accented_names_are_not_taken_for_garbled_text():
    names = pd.DataFrame({"country": ["CIV", "TUR", "CUW"], "name": ["Côte d’Ivoire", "Türkiye", "Curaçao"]})
    build([toy(names, None)])


def test_an_infinite_number_is_refused_before_writing():
    frame = pd.DataFrame({"year": [2019, 2020], "value": [1.5, float("inf")]})
    table = toy(frame, None, types={"value": "number"})
    with pytest.raises(DataError, match="'inf' is not a finite number"):
        descriptors([table], build([table]))


@pytest.mark.parametrize("expect, problem", [
    ({"rows": "many"}, "rows must be a count"),
    ({"years": [2000, 2020]}, "expect needs rows"),
    ({"rows": 2, "years": [2020]}, "years must be [first, last]"),
    ({"rows": 2, "years": [2000, 2020], "year_column": "when"}, "'when' is not among the table's fields"),
    ({"rows": 2, "year_column": "year"}, "year_column without years"),
])
def test_a_malformed_expect_is_refused_naming_the_table(tmp_path, expect, problem):
    spec = {"title": "T", "description": "D", "derive": "f", "primary_key": ["year"], "sources": [],
            "fields": [{"name": "year", "type": "integer", "description": "Year"}], "expect": expect}
    path = tmp_path / "tables.yaml"
    path.write_text(yaml.safe_dump({"tables": {"toy_table": spec}}), encoding="utf-8")
    with pytest.raises(MetadataError) as err:
        read_tables(path, None)
    assert "toy_table" in str(err.value) and problem in str(err.value)


def test_the_command_prints_the_change_and_exits_2(monkeypatch, capsys):
    from double_ally import __main__ as command

    monkeypatch.setattr(chapters, "tables", lambda: [toy(YEARS.iloc[:4], Expect(rows=5, metadata=WHERE))])
    assert command.derive() == 2
    assert "toy_table" in capsys.readouterr().err


# ---------------------------------------------------------------- the real tables and the committed CSVs

def committed(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("table", REAL, ids=[t.name for t in REAL])
def test_each_table_records_the_rows_and_years_of_its_committed_csv(table):
    assert table.expect is not None, f"{table.name}: tables.yaml records no 'expect'"
    frame = committed(table.name)
    assert table.expect.rows == len(frame)
    if table.expect.years is None:
        # only tables with no column that gives every row's year may leave the years out
        for column in YEAR_COLUMNS:
            if column in frame:
                assert not frame[column].str.fullmatch(r"\d{4}(-\d\d){0,2}").all(), \
                    f"{table.name}: column {column!r} gives years; record them in 'expect'"
        return
    years = pd.to_numeric(frame[table.expect.year_column].str.slice(0, 4), errors="raise")
    assert table.expect.years == (years.min(), years.max())


def test_a_table_with_a_year_column_checks_that_column():
    with_year = [t for t in REAL if "year" in [f.name for f in t.fields]]
    assert with_year
    assert all(t.expect.year_column == "year" for t in with_year)


def test_the_expectation_is_not_part_of_the_package():
    import json

    from double_ally.core.datapackage import resource_descriptor

    table = REAL[0]
    text = json.dumps(resource_descriptor(table, (DATA_DIR / f"{table.name}.csv").read_bytes()))
    changed = dataclasses.replace(table, expect=Expect(rows=1))
    assert json.dumps(resource_descriptor(changed, (DATA_DIR / f"{table.name}.csv").read_bytes())) == text
