"""The bad-input catalogue (tests/bad-inputs/, see its README) through the Python API: the
exception class and its attributes (file, line, column, value) for every rejected file, the
values read for every accepted one, and the provenance of a modified copy of a release."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "tests" / "bad-inputs"
ACD_25_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"

# file, exception class, line, column, value
REJECTED = [
    ("tab_delimited.csv", cs.SchemaError, 1, None, None),
    ("missing_column.csv", cs.SchemaError, 1, "intensity_level", None),
    ("wrong_type.csv", cs.ParseError, 3, "year", "2014.0"),
    ("crlf_wrong_type.csv", cs.ParseError, 3, "year", "2014.0"),
    ("out_of_range_code.csv", cs.ParseError, 3, "type_of_conflict", "5"),
    ("impossible_dates.csv", cs.ParseError, 2, "ep_end_date", "1990-01-01"),
    ("duplicate_conflict_year.csv", cs.DuplicateRecordError, 5, None, None),
    ("embedded_nul.csv", cs.ParseError, 3, "side_b", "GN\x00LA"),
    ("invalid_utf8.csv", cs.ParseError, 2, None, None),
    ("utf16.csv", cs.ParseError, 1, None, None),
    ("truncated_last_line.csv", cs.FieldCountError, 4, None, None),
    ("empty.csv", cs.SchemaError, None, None, None),
]


@pytest.mark.parametrize(("name", "cls", "line", "column", "value"), REJECTED)
def test_rejected_files_raise_a_located_error(name, cls, line, column, value):
    path = CATALOGUE / name
    with pytest.raises(cls) as info:
        cs.load(path)
    err = info.value
    assert isinstance(err, cs.DataFileError)
    assert isinstance(err, ValueError)
    assert err.file == str(path)
    assert (err.line, err.column, err.value) == (line, column, value)
    assert str(path) in str(err)


def test_xlsx_gw_list_number_is_a_parse_error_naming_the_damage():
    path = CATALOGUE / "xlsx_gw_list_number.csv"
    with pytest.raises(cs.ParseError) as info:
        cs.count(unit="nonstate_conflict", sources={"ucdp-nonstate": path})
    err = info.value
    assert (err.file, err.line, err.column, err.value) == (str(path), 4, "gwno_b_2nd", "2696670")
    assert "thousands separators" in str(err) and "2, 696, 670" in str(err)


def test_duplicate_names_both_lines():
    with pytest.raises(cs.DuplicateRecordError) as info:
        cs.load(CATALOGUE / "duplicate_conflict_year.csv")
    assert (info.value.line, info.value.first_line) == (5, 2)
    assert info.value.key == "conflict-year (conflict_id 11342, year 2012)"


def test_truncated_line_reports_field_counts():
    with pytest.raises(cs.SchemaError) as info:
        cs.load(CATALOGUE / "truncated_last_line.csv")
    assert (info.value.expected_fields, info.value.found_fields) == (28, 10)


def test_ged_end_before_start():
    path = CATALOGUE / "ged_end_before_start.csv"
    with pytest.raises(cs.ParseError) as info:
        cs.aggregate_events(path=str(path))
    err = info.value
    assert (err.file, err.line, err.column, err.value) == (str(path), 3, "date_end", "1989-05-01")


def test_spreadsheet_resave_is_read_like_the_comma_file():
    resaved = cs.load(CATALOGUE / "spreadsheet_resave.csv")
    comma = cs.load(CATALOGUE / "crlf.csv")
    assert resaved.shape == (3, 28)
    assert resaved.equals(comma)
    assert resaved["start_date"][0].isoformat() == "1997-05-29"
    counts = cs.count(CATALOGUE / "spreadsheet_resave.csv")
    assert counts.filter(pl.col("conflicts") > 0)["year"].to_list() == [1967, 2012, 2014]


def test_accepted_layouts():
    extra = cs.load(CATALOGUE / "extra_column.csv")
    assert extra.shape == (3, 28)  # the extra `note` column is reported, not returned
    api = cs.load(CATALOGUE / "renamed_api_columns.csv")
    assert api.shape == (3, 28)
    assert "side_a_id" in api.columns
    header_only = cs.load(CATALOGUE / "header_only.csv")
    assert header_only.shape == (0, 28)
    with pytest.raises(cs.SpecError):
        cs.count(CATALOGUE / "header_only.csv")


def test_a_record_longer_than_the_limit_is_a_bounded_error(tmp_path):
    path = tmp_path / "long_line.csv"
    header = ACD_25_1.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(header + b'\n"' + b"x" * (9 << 20) + b"\n")
    with pytest.raises(cs.ParseError) as info:
        cs.load(path)
    assert info.value.line == 2
    assert "longer than 8 MiB" in str(info.value)


def test_a_modified_copy_is_reported_as_modified(tmp_path):
    official = cs.trend(dataset=ACD_25_1).dataset
    assert official["status"] == "official"
    edited = ACD_25_1.read_bytes().replace(b"GNLA", b"XNLA", 1)
    path = tmp_path / "edited.csv"
    path.write_bytes(edited)
    t = cs.trend(dataset=path)
    assert t.dataset["status"] == "modified"
    assert t.dataset["version"] == "25.1"
    assert len(t.dataset["sha256"]) == 64
    assert t.dataset["sha256"] != official["sha256"]
