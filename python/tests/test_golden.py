"""The published UCDP figures, through Python: the same golden values as the Rust tests."""

from __future__ import annotations

import polars as pl
import pytest

import conflictstats as cs

# UCDP/PRIO ACD v25.1: state-based conflicts, wars (>= 1,000 battle deaths), countries.
GOLDEN = {2024: (61, 11, 36), 2023: (59, 9, 34)}


@pytest.mark.parametrize("year", sorted(GOLDEN))
def test_golden_counts(year: int) -> None:
    conflicts, wars, countries = GOLDEN[year]
    assert cs.count(years=year).rows() == [(year, conflicts)]
    assert cs.count("ucdp-acd", version="25.1", years=year, intensity="war").rows() == [
        (year, wars)
    ]
    assert cs.count(years=year, intensity=2).rows() == [(year, wars)]  # UCDP's code
    assert cs.count(years=year, unit="country").rows() == [(year, countries)]


def test_grouped_by_intensity_partitions_the_total() -> None:
    df = cs.count(years=(2023, 2024), by="intensity")
    assert df.columns == ["year", "intensity", "conflicts"]
    assert df.filter(pl.col("year") == 2024).rows() == [
        (2024, "minor", 50),
        (2024, "war", 11),
    ]
    totals = df.group_by("year").agg(pl.col("conflicts").sum()).sort("year")
    assert totals["conflicts"].to_list() == [59, 61]


def test_whole_series_dtypes_and_coverage() -> None:
    df = cs.count()
    assert df.schema == pl.Schema({"year": pl.Int32, "conflicts": pl.Int64})
    assert (df["year"].min(), df["year"].max(), df.height) == (1946, 2024, 79)
    assert df.filter(pl.col("year") == 2024)["conflicts"].item() == 61


def test_counting_a_loaded_frame_gives_the_same_figures() -> None:
    acd = cs.load("ucdp-acd", version="25.1")
    assert acd.filter(pl.col("year") == 2024).height == 61
    assert cs.count(acd).equals(cs.count())
    wars = acd.filter(pl.col("intensity_level") == 2)
    assert cs.count(wars, years=2024).rows() == [(2024, 11)]
    assert cs.count(acd, years=2024, unit="country").rows() == [(2024, 36)]


def test_version_24_1_is_the_api_layout_and_ends_in_2023() -> None:
    assert cs.count(version="24.1", years=2023).rows() == [(2023, 59)]
    with pytest.raises(cs.SpecError, match="1946–2023"):
        cs.count(version="24.1", years=2024)
