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
