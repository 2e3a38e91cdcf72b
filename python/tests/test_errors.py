"""Every exception class, raised by a bad file (or frame, or argument), with its attributes."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs
from conflictstats import _conflictstats as native


def write(tmp_path: Path, lines: list[str], name: str = "acd.csv") -> Path:
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def replace_field(line: str, index: int, value: str) -> str:
    """Replaces field `index` of an unquoted-or-simply-quoted ACD record line."""
    fields = line.rstrip("\n").split(",")
    fields[index] = value
    return ",".join(fields) + "\n"


def test_hierarchy() -> None:
    for cls in (cs.FileReadError, cs.SchemaError, cs.ParseError, cs.DuplicateRecordError):
        assert issubclass(cls, cs.DataFileError)
    for cls in (cs.DatasetNotFoundError, cs.ChecksumError):
        assert issubclass(cls, cs.DatasetError)
    for cls in (cs.DataFileError, cs.DatasetError, cs.SpecError, cs.InternalError):
        assert issubclass(cls, cs.ConflictStatsError)
    assert issubclass(cs.ConflictStatsError, Exception)
    assert issubclass(cs.FileReadError, OSError)
    assert issubclass(cs.SchemaError, ValueError) and issubclass(cs.ParseError, ValueError)
    assert issubclass(cs.DatasetNotFoundError, LookupError)
    assert issubclass(cs.SpecError, ValueError)


def test_missing_file_is_a_file_read_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.csv"
    with pytest.raises(cs.FileReadError) as info:
        cs.load(path)
    err = info.value
    assert err.file == str(path) and err.line is None and err.column is None
    assert "cannot read the file" in str(err)


def test_missing_column_is_a_schema_error(tmp_path: Path, acd_lines: list[str]) -> None:
    # Drop `gwno_loc` (field 25) from the header and every record.
    lines = [
        ",".join(line.rstrip("\n").split(",")[:25] + line.rstrip("\n").split(",")[26:]) + "\n"
        for line in acd_lines
    ]
    path = write(tmp_path, lines)
    with pytest.raises(cs.SchemaError) as info:
        cs.load(path)
    err = info.value
    assert (err.file, err.line, err.column, err.value) == (str(path), 1, "gwno_loc", None)


def test_field_count_is_a_schema_error(tmp_path: Path, acd_lines: list[str]) -> None:
    lines = [*acd_lines[:3], acd_lines[3].rstrip("\n") + ",extra\n"]
    path = write(tmp_path, lines)
    with pytest.raises(cs.SchemaError) as info:
        cs.count(path)
    err = info.value
    assert (err.line, err.expected_fields, err.found_fields) == (4, 28, 29)


def test_semicolon_file_is_a_schema_error(tmp_path: Path, acd_lines: list[str]) -> None:
    # A `;` file whose header names the ACD's columns is a spreadsheet re-save and is read
    # (with warnings, see test_bad_inputs.py); tabs, or a `;` header that does not match, are not.
    path = write(tmp_path, [acd_lines[0].replace(",", "\t")])
    with pytest.raises(cs.SchemaError, match="not comma-separated") as info:
        cs.load(path)
    assert info.value.line == 1


def test_empty_file_is_a_schema_error(tmp_path: Path) -> None:
    path = write(tmp_path, [])
    with pytest.raises(cs.SchemaError, match="empty") as info:
        cs.load(path)
    assert info.value.file == str(path)


def test_bad_code_is_a_parse_error(tmp_path: Path, acd_lines: list[str]) -> None:
    lines = [*acd_lines[:2], replace_field(acd_lines[2], 11, "7"), *acd_lines[3:]]
    path = write(tmp_path, lines)
    with pytest.raises(cs.ParseError) as info:
        cs.load(path)
    err = info.value
    assert (err.file, err.line, err.column, err.value) == (str(path), 3, "intensity_level", "7")
    assert err.expected == "1 (minor) or 2 (war)"
    assert err.row is None


def test_invalid_utf8_is_a_parse_error(tmp_path: Path, acd_lines: list[str]) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("".join(acd_lines[:2]).encode() + "Côte d'Ivoire".encode("latin-1") + b"\n")
    with pytest.raises(cs.ParseError, match="UTF-8") as info:
        cs.load(path)
    assert info.value.line == 3


def test_duplicate_conflict_year(tmp_path: Path, acd_lines: list[str]) -> None:
    path = write(tmp_path, [*acd_lines[:4], acd_lines[2]])
    with pytest.raises(cs.DuplicateRecordError) as info:
        cs.load(path)
    err = info.value
    assert (err.line, err.first_line) == (5, 3)
    assert err.key == "conflict-year (conflict_id 11342, year 2014)"


def test_unknown_dataset() -> None:
    with pytest.raises(cs.DatasetNotFoundError) as info:
        cs.count("ucdp-acd", version="19.1")
    err = info.value
    assert (err.name, err.version) == ("ucdp-acd", "19.1")
    assert err.available is not None
    assert err.available.startswith("ucdp-acd 26.1, ucdp-acd 25.1, ucdp-acd 24.1")
    with pytest.raises(LookupError):
        cs.cite("ucdp-ged")


def test_checksum_error_mapping() -> None:
    # The embedded bytes are verified on use; a corrupted build cannot be produced from a
    # test, so the mapping of the core's ChecksumMismatch is checked through a test hook.
    with pytest.raises(cs.ChecksumError) as info:
        native._error_for_tests("checksum")
    err = info.value
    assert (err.name, err.version, err.expected, err.actual) == ("ucdp-acd", "25.1", "aa", "bb")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"unit": "dyads"}, "unknown counting unit `dyads`"),
        ({"by": "colour"}, "unknown grouping `colour`"),
        ({"intensity": "wars"}, "unknown intensity `wars`"),
        ({"region": 9}, "unknown region `9`"),
        ({"years": (2020, 2026)}, "outside the data's coverage 1946–2025"),  # ACD v26.1
        ({"years": []}, "years= is empty"),
        ({"colour": "red"}, "unknown filter `colour`"),
        ({"years": "2024"}, "years= takes a year"),
    ],
)
def test_spec_errors(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(cs.SpecError, match=match):
        cs.count(**kwargs)  # type: ignore[arg-type]


def test_panics_become_internal_errors() -> None:
    with pytest.raises(cs.InternalError, match="deliberate panic"):
        native._panic_for_tests()


# --- DataFrames: validated like files, errors name the row -------------------------------


def test_frame_missing_column() -> None:
    df = cs.load().drop("gwno_loc")
    with pytest.raises(cs.SchemaError) as info:
        cs.count(df)
    assert (info.value.file, info.value.column) == ("<DataFrame>", "gwno_loc")


def test_frame_list_column_as_ucdp_text_is_read_acd_v25_1() -> None:
    # UCDP's own list text ("651, 666"), as a CSV reader leaves it: parsed by the loader.
    acd = cs.load("ucdp-acd", version="25.1")
    df = acd.with_columns(
        pl.col("gwno_loc").list.eval(pl.element().cast(pl.String)).list.join(", ").alias("gwno_loc")
    )
    assert cs.count(df, years=2024).equals(cs.count(acd, years=2024))


def test_frame_uncastable_column() -> None:
    df = cs.load("ucdp-acd", version="25.1").with_columns(
        (pl.col("year").cast(pl.String) + "y").alias("year")
    )
    with pytest.raises(cs.SchemaError) as info:
        cs.count(df)
    err = info.value
    assert (err.column, err.value, err.expected) == ("year", "String", "Int32")
    assert "expected whole numbers" in str(err) and "polars" not in str(err).lower()


def test_frame_bad_value_names_the_row() -> None:
    df = cs.load("ucdp-acd", version="25.1")
    # Row 1500 comes after the East Turkestan record, whose text holds a newline.
    assert df["territory_name"].str.contains("\n").arg_true()[0] < 1500
    bad = df.with_columns(
        pl.when(pl.int_range(pl.len()) == 1500)
        .then(7)
        .otherwise(pl.col("type_of_conflict"))
        .alias("type_of_conflict")
    )
    with pytest.raises(cs.ParseError) as info:
        cs.count(bad)
    err = info.value
    assert (err.file, err.row, err.line, err.column, err.value) == (
        "<DataFrame>",
        1500,
        1501,
        "type_of_conflict",
        "7",
    )


def test_frame_duplicate_rows() -> None:
    df = cs.load()
    with pytest.raises(cs.DuplicateRecordError) as info:
        cs.count(pl.concat([df.head(3), df.head(1)]))
    assert (info.value.line, info.value.first_line, info.value.row) == (4, 1, 3)


def test_frame_flags_must_be_zero_or_one() -> None:
    df = cs.load().with_columns(pl.lit(2).alias("ep_end"))
    with pytest.raises(cs.SchemaError, match="0/1") as info:
        cs.count(df)
    assert info.value.column == "ep_end"
