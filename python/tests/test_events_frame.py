"""`cs.aggregate_events(events=df)`: a DataFrame in GED layout aggregates exactly like the
same events read by the core's GED loader."""

from __future__ import annotations

import datetime
from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs

GED = Path(__file__).resolve().parents[2] / "data" / "ucdp-ged-sample" / "ged231_sample_1000.csv"


def _sample_frame() -> pl.DataFrame:
    cols = ["country_id", "date_prec", "low", "best", "high", "date_start", "date_end"]
    df = pl.read_csv(GED, columns=cols, try_parse_dates=True)
    ints = [pl.col(c).cast(pl.Int32) for c in cols[:5]]
    return df.with_columns(*ints, pl.col("date_start", "date_end").cast(pl.Date))


@pytest.mark.parametrize("attribution", ["split_even", "start_month", "end_month"])
def test_frame_path_equals_loader_path(attribution: str) -> None:
    key = ["gwcode", "year", "month"]
    from_loader = cs.aggregate_events(unit="country", period="month", attribution=attribution)
    from_frame = cs.aggregate_events(
        unit="country", period="month", attribution=attribution, events=_sample_frame()
    )
    common = [c for c in from_loader.columns if c in from_frame.columns and c != "source"]
    assert {"best", "low", "high"} <= set(common)
    sort_key = [c for c in key if c in common]
    assert (
        from_frame.select(common).sort(sort_key).equals(from_loader.select(common).sort(sort_key))
    )


def test_frame_totals_are_preserved() -> None:
    out = cs.aggregate_events(unit="country", period="year", events=_sample_frame())
    assert (out["best"].sum(), out["low"].sum(), out["high"].sum()) == (9561, 6224, 22017)


def test_bad_frame_is_a_conflictstats_error() -> None:
    df = _sample_frame().with_columns(pl.lit(-5, dtype=pl.Int32).alias("best"))
    with pytest.raises(
        cs.ParseError, match=r"row 0, column `best`: expected a number of deaths .*, found -5"
    ):
        cs.aggregate_events(unit="country", period="month", events=df)
    with pytest.raises(cs.SchemaError, match=r"no column `best`; country aggregation reads"):
        cs.aggregate_events(unit="country", period="month", events=df.drop("best"))
    with pytest.raises(cs.SchemaError, match=r"column `low` is f64; expected an integer dtype"):
        cs.aggregate_events(events=df.with_columns(pl.col("low").cast(pl.Float64)))


def test_serbia_coded_345_after_2006_counts_for_340_with_its_name() -> None:
    # GED's country_id is UCDP's code: Serbia is 345 after Montenegro's independence, 340 in
    # the G&W list from 2006-06-05. Mapped on each event's date_start by data/crosswalk/ucdp_gw.csv.
    df = pl.DataFrame(
        {
            "country_id": [345, 345, 340],
            "date_start": [
                datetime.date(2010, 3, 1),
                datetime.date(1999, 4, 10),
                datetime.date(2010, 7, 15),
            ],
            "date_prec": [1, 1, 1],
            "low": [3, 5, 2],
            "best": [3, 5, 2],
            "high": [3, 5, 2],
        },
        schema_overrides={c: pl.Int32 for c in ["country_id", "date_prec", "low", "best", "high"]},
    ).with_columns(pl.col("date_start").alias("date_end"))
    out = cs.aggregate_events(unit="country", period="year", events=df)
    assert out.columns[:3] == ["gwcode", "statename", "year"]
    got = out.select("gwcode", "statename", "year", "best", "events").rows()
    assert got == [(340, "Serbia", 2010, 5, 2), (345, "Yugoslavia", 1999, 5, 1)]


def _large_frame(copies: int = 600) -> pl.DataFrame:
    """The sample repeated: 600,000 events, enough for the in-place checks to split the rows
    over the threads (they run in one pass per thread from 262,144 rows on)."""
    return pl.concat([_sample_frame()] * copies, rechunk=True)


def _set(df: pl.DataFrame, column: str, rows: list[int], value: int) -> pl.DataFrame:
    at = pl.int_range(pl.len()).is_in(rows)
    dtype = df.schema[column]
    new = pl.when(at).then(pl.lit(value)).otherwise(pl.col(column))
    return df.with_columns(new.cast(dtype).alias(column))


def test_large_frame_in_place_checks_name_the_first_bad_row() -> None:
    df = _large_frame()
    assert df.height == 600_000 and all(s.n_chunks() == 1 for s in df.get_columns())
    totals = cs.aggregate_events(unit="country", period="year", events=df)
    assert totals["best"].sum() == 600 * 9561
    # A bad value in the last thread's share of the rows, then the first of several.
    for rows, first in [([599_999], 599_999), ([450_000, 300_001, 123_456], 123_456)]:
        with pytest.raises(
            cs.ParseError, match=rf"row {first}, column `date_prec`: expected a date precision"
        ) as e:
            cs.aggregate_events(
                unit="country", period="month", events=_set(df, "date_prec", rows, 9)
            )
        assert (e.value.row, e.value.column) == (first, "date_prec")
    # Columns are checked in the loader's order: `date_prec` before `best` before
    # `country_id`, whatever rows their bad values are in.
    bad = _set(_set(df, "best", [10], -1), "date_prec", [500_000], 0)
    with pytest.raises(cs.ParseError, match=r"row 500000, column `date_prec`"):
        cs.aggregate_events(unit="country", period="month", events=bad)
    bad = _set(_set(df, "country_id", [5], 1000), "high", [580_000], -7)
    with pytest.raises(cs.ParseError, match=r"row 580000, column `high`: .*found -7"):
        cs.aggregate_events(unit="country", period="month", events=bad)
    with pytest.raises(
        cs.ParseError, match=r"row 333333, column `country_id`: expected a Gleditsch"
    ):
        cs.aggregate_events(events=_set(df, "country_id", [333_333], 0))


def test_large_int64_frame_is_checked_in_place_too() -> None:
    df = _large_frame().with_columns(
        pl.col("country_id", "date_prec", "low", "best", "high").cast(pl.Int64)
    )
    out = cs.aggregate_events(unit="country", period="year", events=df)
    assert out["best"].sum() == 600 * 9561
    assert cs.provenance(out)["copied"] == []
    with pytest.raises(cs.ParseError, match=r"row 400000, column `low`: .*found 4294967296"):
        cs.aggregate_events(events=_set(df, "low", [400_000], 2**32))
