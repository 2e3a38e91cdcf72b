"""Columnar and larger-than-memory event input: Parquet and Arrow IPC files, polars
LazyFrames, pyarrow Tables and RecordBatchReaders, pandas DataFrames give exactly the table
of the CSV loader, on the GED 23.1 sample and on a synthetic file in several row groups and
batches; bad inputs are typed errors naming the column and the row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
GED_V23_1 = ROOT / "data" / "ucdp-ged-sample" / "ged231_sample_1000.csv"
SPECS = [
    {"unit": "country", "period": "month"},
    {"unit": "country", "period": "year", "attribution": "start_month"},
    {"unit": "conflict", "period": "year", "attribution": "end_month"},
    {"unit": "priogrid", "period": "year", "max_date_prec": 3},
]
INTS = ["country_id", "type_of_violence", "conflict_new_id", "date_prec", "low", "best", "high"]


def _frame(csv: Path) -> pl.DataFrame:
    """The GED CSV as a researcher reads it with polars: Int64 columns, Datetime dates."""
    return pl.read_csv(csv, try_parse_dates=True, infer_schema_length=0).with_columns(
        pl.col(INTS).cast(pl.Int64),
        pl.col("priogrid_gid").cast(pl.Int64),
        pl.col("date_start", "date_end").str.slice(0, 10).str.to_date("%Y-%m-%d").cast(pl.Datetime),
    )


def _cells(t: pl.DataFrame) -> pl.DataFrame:
    return t.drop("source")


def _csv_table(csv: Path, spec: dict[str, Any]) -> pl.DataFrame:
    return _cells(cs.aggregate_events(path=str(csv), **spec))


@pytest.fixture(scope="module")
def files_v23_1(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The GED 23.1 sample as Parquet (zstd, 4 row groups; snappy by pyarrow) and Arrow IPC
    (file, lz4 by pyarrow; stream)."""
    import pyarrow as pa
    import pyarrow.feather as feather
    import pyarrow.parquet as pq

    d = tmp_path_factory.mktemp("columnar")
    df = _frame(GED_V23_1).with_columns(pl.col("date_start", "date_end").cast(pl.Date))
    out = {
        "polars.parquet": d / "ged.parquet",
        "pyarrow.parquet": d / "ged_pa.parquet",
        "polars.arrow": d / "ged.arrow",
        "pyarrow.feather": d / "ged.feather",
        "stream.arrows": d / "ged.arrows",
    }
    df.write_parquet(out["polars.parquet"], row_group_size=250)
    pq.write_table(df.to_arrow(), out["pyarrow.parquet"], row_group_size=300)
    df.write_ipc(out["polars.arrow"])
    feather.write_feather(df.to_arrow(), out["pyarrow.feather"], chunksize=300)
    with pa.ipc.new_stream(out["stream.arrows"], df.to_arrow().schema) as w:
        for b in df.to_arrow().to_batches(max_chunksize=400):
            w.write_batch(b)
    return out


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: "-".join(map(str, s.values())))
def test_ged_v23_1_files_equal_the_csv_loader(
    files_v23_1: dict[str, Path], spec: dict[str, Any]
) -> None:
    expected = _csv_table(GED_V23_1, spec)
    for name, path in files_v23_1.items():
        for batch_rows in (97, 1 << 18):
            got = cs.aggregate_events(path=str(path), batch_rows=batch_rows, **spec)
            assert _cells(got).equals(expected), (name, batch_rows)
        # events= takes the path too (a PathLike), with the format named.
        fmt = "parquet" if name.endswith("parquet") else "arrow"
        got = cs.aggregate_events(events=path, events_format=fmt, **spec)
        assert _cells(got).equals(expected), name


def test_ged_v23_1_parquet_provenance_is_the_file_sha256(files_v23_1: dict[str, Path]) -> None:
    import hashlib

    path = files_v23_1["polars.parquet"]
    t = cs.aggregate_events(path=str(path), unit="country", period="year")
    meta = cs.provenance(t)
    assert meta["provenance"]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta["provenance"]["version"] == "unknown"
    assert meta["batches"] == 1
    # The status beside the source: a file is never a verified GED release.
    assert t["source"].unique().to_list() == ["ucdp-ged-sample unknown (unregistered)"]
    assert (t["best"].sum(), t["low"].sum(), t["high"].sum()) == (9561, 6224, 22017)


@pytest.mark.parametrize("spec", SPECS[:3], ids=lambda s: "-".join(map(str, s.values())))
def test_ged_v23_1_in_memory_inputs_equal_the_csv_loader(spec: dict[str, Any]) -> None:
    import pyarrow as pa

    expected = _csv_table(GED_V23_1, spec)
    df = _frame(GED_V23_1)
    dated = df.with_columns(pl.col("date_start", "date_end").cast(pl.Date))
    table = dated.to_arrow()
    inputs = {
        "DataFrame (Datetime, Int64)": df,
        "DataFrame (Date, Int32)": dated.with_columns(pl.col(INTS).cast(pl.Int32)),
        "LazyFrame": dated.lazy().filter(pl.col("best") >= 0),
        "pyarrow.Table": pa.Table.from_batches(table.to_batches(max_chunksize=300)),
        "RecordBatchReader": pa.RecordBatchReader.from_batches(
            table.schema, table.to_batches(max_chunksize=256)
        ),
        "pandas": df.to_pandas(),
    }
    for name, events in inputs.items():
        got = cs.aggregate_events(events=events, batch_rows=211, **spec)
        assert _cells(got).equals(expected), name


def test_int32_and_date_columns_in_one_chunk_are_read_in_place() -> None:
    df = (
        _frame(GED_V23_1)
        .with_columns(pl.col(INTS).cast(pl.Int32), pl.col("date_start", "date_end").cast(pl.Date))
        .rechunk()
    )
    meta = cs.provenance(cs.aggregate_events(events=df, unit="country", period="year"))
    assert meta["copied"] == []
    meta = cs.provenance(cs.aggregate_events(events=_frame(GED_V23_1), period="year"))
    assert "date_start" in meta["copied"]  # Datetime → days: converted


def test_synthetic_ged_v23_1_repeated_in_row_groups_equals_the_csv(tmp_path: Path) -> None:
    # make_big_ged.py: the 23.1 sample's rows repeated with fresh ids (4,500 events); as
    # Parquet in 9 row groups, streamed in 23 batches of 200 events.
    csv = tmp_path / "big.csv"
    script = ROOT / "tests" / "bad-inputs" / "make_big_ged.py"
    subprocess.run([sys.executable, str(script), str(csv), "4500"], check=True)
    parquet = tmp_path / "big.parquet"
    _frame(csv).write_parquet(parquet, row_group_size=500, compression="snappy")
    for spec in SPECS:
        got = cs.aggregate_events(path=str(parquet), batch_rows=200, **spec)
        assert _cells(got).equals(_csv_table(csv, spec)), spec
    t = cs.aggregate_events(path=str(parquet), batch_rows=200, unit="country", period="year")
    assert cs.provenance(t)["batches"] >= 9


def _bad(tmp_path: Path, name: str, df: pl.DataFrame) -> str:
    path = tmp_path / f"{name}.parquet"
    df.write_parquet(path)
    return str(path)


def test_bad_columnar_inputs_are_typed_errors(tmp_path: Path) -> None:
    df = _frame(GED_V23_1)
    floats = _bad(tmp_path, "float", df.with_columns(pl.col("best").cast(pl.Float64)))
    with pytest.raises(cs.SchemaError, match=r"column `best` is f64; expected an integer") as e:
        cs.aggregate_events(path=floats)
    assert (e.value.file, e.value.column) == (floats, "best")

    nulls = df.with_columns(
        pl.when(pl.int_range(pl.len()) == 640).then(None).otherwise(pl.col("low")).alias("low")
    )
    path = _bad(tmp_path, "null", nulls)
    with pytest.raises(cs.ParseError, match=r"row 640, column `low`: expected a number") as e:
        cs.aggregate_events(path=path, batch_rows=100)
    assert (e.value.row, e.value.line, e.value.column) == (640, 641, "low")

    path = _bad(tmp_path, "missing", df.drop("date_prec"))
    with pytest.raises(cs.SchemaError, match=r"no column `date_prec`"):
        cs.aggregate_events(path=path)

    noon = df.with_columns(pl.col("date_end") + pl.duration(hours=12))
    with pytest.raises(cs.ParseError, match=r"row 0, column `date_end`: expected a date"):
        cs.aggregate_events(events=noon)
    with pytest.raises(cs.SchemaError, match=r"column `date_start` is str"):
        cs.aggregate_events(events=df.with_columns(pl.col("date_start").dt.to_string()))
    with pytest.raises(cs.ParseError, match=r"row 999, column `country_id`: expected a Gleditsch"):
        big = pl.when(pl.int_range(pl.len()) == 999).then(1000).otherwise(pl.col("country_id"))
        cs.aggregate_events(events=df.with_columns(big.alias("country_id")))
    not_parquet = tmp_path / "not.parquet"
    not_parquet.write_text("id,year\n1,2020\n")
    with pytest.raises(cs.ParseError, match=r"not a readable parquet file"):
        cs.aggregate_events(path=str(not_parquet))
    with pytest.raises(TypeError, match=r"events must be a polars DataFrame or LazyFrame"):
        cs.aggregate_events(events=[1, 2, 3])


def test_cli_parquet_and_arrow_envelopes_validate_and_equal_the_csv_rows(
    cli: Path, files_v23_1: dict[str, Path]
) -> None:
    import json

    from test_schema import run_json, validate

    args = ["panel", "events", "--period", "month"]
    code, csv_doc = run_json(cli, [*args, "--ged-file", str(GED_V23_1)])
    assert code == 0

    def strip(doc: dict[str, Any]) -> list[dict[str, Any]]:
        return [{k: v for k, v in r.items() if k != "source"} for r in doc["rows"]]

    for name in ("polars.parquet", "pyarrow.feather"):
        code, doc = run_json(cli, [*args, "--ged-file", str(files_v23_1[name])])
        assert code == 0, json.dumps(doc)[:500]
        validate(doc)
        assert strip(doc) == strip(csv_doc), name
    code, doc = run_json(cli, [*args, "--ged-file", str(GED_V23_1), "--events-format", "parquet"])
    assert code == 1
    validate(doc)
