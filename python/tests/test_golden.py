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
    assert cs.count(version="25.1", years=year).rows() == [(year, conflicts)]
    assert cs.count("ucdp-acd", version="25.1", years=year, intensity="war").rows() == [
        (year, wars)
    ]
    assert cs.count(version="25.1", years=year, intensity=2).rows() == [(year, wars)]  # code
    assert cs.count(version="25.1", years=year, unit="country").rows() == [(year, countries)]


def test_grouped_by_intensity_partitions_the_total() -> None:
    df = cs.count(version="25.1", years=(2023, 2024), by="intensity")
    assert df.columns == ["year", "intensity", "conflicts"]
    assert df.filter(pl.col("year") == 2024).rows() == [
        (2024, "minor", 50),
        (2024, "war", 11),
    ]
    totals = df.group_by("year").agg(pl.col("conflicts").sum()).sort("year")
    assert totals["conflicts"].to_list() == [59, 61]


def test_whole_series_dtypes_and_coverage() -> None:
    df = cs.count(version="25.1")
    assert df.schema == pl.Schema({"year": pl.Int32, "conflicts": pl.Int64})
    assert (df["year"].min(), df["year"].max(), df.height) == (1946, 2024, 79)
    assert df.filter(pl.col("year") == 2024)["conflicts"].item() == 61


def test_counting_a_loaded_frame_gives_the_same_figures() -> None:
    acd = cs.load("ucdp-acd", version="25.1")
    assert acd.filter(pl.col("year") == 2024).height == 61
    assert cs.count(acd).equals(cs.count(version="25.1"))
    wars = acd.filter(pl.col("intensity_level") == 2)
    assert cs.count(wars, years=2024).rows() == [(2024, 11)]
    assert cs.count(acd, years=2024, unit="country").rows() == [(2024, 36)]


def test_version_24_1_is_the_api_layout_and_ends_in_2023() -> None:
    assert cs.count(version="24.1", years=2023).rows() == [(2023, 59)]
    with pytest.raises(cs.SpecError, match="1946–2023"):
        cs.count(version="24.1", years=2024)


# UCDP/PRIO ACD v26.1, the default release: UCDP's published 2025 figures (65 state-based
# conflicts, 13 wars, 8 interstate), and every year of the independent reference counts
# (tests/reference/acd_counts.py over the raw CSV).
def test_acd_v26_1_default_release_2025_figures() -> None:
    assert cs.count(years=(2023, 2025))["conflicts"].to_list() == [59, 59, 65]
    assert cs.count(version="26.1", years=2025, by="intensity").rows() == [
        (2025, "minor", 52),
        (2025, "war", 13),
    ]
    types = dict(cs.count(version="26.1", years=2025, by="type").select("type", "conflicts").rows())
    assert types["interstate"] == 8
    meta = cs.provenance(cs.count(years=2025))["dataset"]
    assert (meta["version"], meta["byte_identity"]) == ("26.1", "unverified")


def test_acd_v26_1_every_year_equals_the_reference_files() -> None:
    import pathlib

    expected = pathlib.Path(__file__).parents[2] / "tests" / "golden" / "expected"
    for by, name in [
        (None, "total"),
        ("type", "by_type"),
        ("intensity", "by_intensity"),
        ("region", "by_region"),
    ]:
        df = cs.count(version="26.1", by=by)
        assert df.write_csv() == (expected / f"acd_v26_1_{name}.csv").read_text(), name
    countries = cs.count(version="26.1", unit="country")
    assert countries.write_csv() == (expected / "acd_v26_1_countries.csv").read_text()
