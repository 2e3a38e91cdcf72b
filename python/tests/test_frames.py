"""DataFrames across the boundary: dtypes, verbatim text, pandas through polars, datasets, cite."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs


def test_load_is_typed() -> None:
    acd = cs.load("ucdp-acd", version="25.1")
    assert acd.shape == (2752, 28)
    s = acd.schema
    assert s["conflict_id"] == pl.UInt32
    assert s["year"] == pl.Int32 and s["intensity_level"] == pl.Int32
    assert s["cumulative_intensity"] == pl.Boolean and s["ep_end"] == pl.Boolean
    assert s["start_date"] == pl.Date and s["ep_end_date"] == pl.Date
    assert s["gwno_loc"] == pl.List(pl.Int32) and s["region"] == pl.List(pl.Int32)
    assert s["side_a_id"] == pl.List(pl.UInt32)
    assert s["location"] == pl.String and s["version"] == pl.String
    first = acd.row(0, named=True)
    assert first["conflict_id"] == 11342 and first["year"] == 2012
    assert first["start_date"] == datetime.date(1997, 5, 29)
    assert first["ep_end_date"] == datetime.date(2012, 12, 21)
    assert first["gwno_loc"] == [750] and first["side_a_2nd"] == ""
    assert acd["ep_end_prec"].null_count() == acd.height


def test_multi_valued_fields_are_lists_and_text_is_verbatim() -> None:
    acd = cs.load()
    # Interstate conflicts list several location states and can span regions.
    assert acd["gwno_loc"].list.len().max() >= 2
    assert acd["region"].list.len().max() >= 2
    # UCDP's real quirk is kept: an embedded newline in a territory name.
    assert "East Turkestan\n" in acd["territory_name"].to_list()


def test_load_a_file_in_either_layout_equals_the_embedded_copy(
    acd_25_1: Path, acd_24_1: Path
) -> None:
    assert cs.load(acd_25_1).equals(cs.load(version="25.1"))
    assert cs.load(str(acd_24_1)).equals(cs.load(version="24.1"))


def test_pandas_round_trip_through_polars() -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    acd = cs.load(version="25.1")  # ACD v25.1, pinned
    pdf = acd.to_pandas()
    assert len(pdf) == 2752
    # A pandas frame goes back in (through pl.from_pandas) and counts the same.
    assert cs.count(pdf).equals(cs.count(version="25.1"))
    wars = pdf[pdf["intensity_level"] == 2]
    assert cs.count(wars, years=2024).rows() == [(2024, 11)]
    counts = cs.count(version="25.1", by="type").to_pandas()
    assert list(counts.columns) == ["year", "type", "conflicts"]
    row = counts[(counts["year"] == 2024) & (counts["type"] == "intrastate")]
    assert int(row["conflicts"].iloc[0]) == 38


def test_lazy_and_casted_frames_are_accepted() -> None:
    acd = cs.load(version="25.1")  # ACD v25.1, pinned
    widened = acd.with_columns(
        pl.col("year").cast(pl.Int64),
        pl.col("gwno_loc").cast(pl.List(pl.Int64)),
        pl.col("ep_end").cast(pl.Int8),
        pl.col("location").cast(pl.Categorical),
        pl.col("side_a_2nd").cast(pl.Enum(sorted(set(acd["side_a_2nd"])))),
    )
    assert cs.count(widened.lazy(), years=2024, unit="country").rows() == [(2024, 36)]


def test_datasets() -> None:
    ds = cs.datasets()
    assert ds.columns == [
        "name",
        "version",
        "title",
        "kind",
        "rows",
        "first_year",
        "last_year",
        "sha256",
        "licence",
        "default",
        "citation",
        "byte_identity",
    ]
    acd = ds.filter(pl.col("version") == "25.1").row(0, named=True)
    assert (acd["name"], acd["rows"], acd["first_year"], acd["last_year"]) == (
        "ucdp-acd",
        2752,
        1946,
        2024,
    )
    assert acd["sha256"] == "a7a2ff6caf6c854f4fafb1b17f616da1ed6bbc00612943ec6e071511ebea7a81"
    assert acd["default"] is False and acd["licence"] == "CC BY 4.0"
    assert acd["byte_identity"] == "derived"  # repaired from a spreadsheet re-save
    latest = ds.filter((pl.col("name") == "ucdp-acd") & pl.col("default")).row(0, named=True)
    assert (latest["version"], latest["rows"], latest["last_year"]) == ("26.1", 2816, 2025)
    assert latest["byte_identity"] == "unverified"


def test_cite() -> None:
    c = cs.cite("ucdp-acd", version="25.1")
    assert c.dataset == "UCDP/PRIO Armed Conflict Dataset v25.1"
    assert "Armed Conflict 1946–2001: A New Dataset" in c.text
    assert str(c) == c.text
    assert "@article{gleditsch2002armed" in c.bibtex
    assert cs.cite(version="24.1").text != c.text
    assert "```bibtex" in c._repr_markdown_()


def test_native_module_metadata() -> None:
    assert cs.__version__ == "0.1.0"
    assert cs.build_profile in ("debug", "release")


def test_every_returned_frame_carries_the_dataset_checksum(root: Path) -> None:
    """Issue 8: Python results carry the dataset checksum, as the CLI's JSON does: the SHA-256
    of the shipped file each result was computed from, hashed here with hashlib."""

    def file_sha(rel: str) -> str:
        return hashlib.sha256((root / "data" / rel).read_bytes()).hexdigest()

    sha = file_sha("ucdp-acd/UcdpPrioConflict_v25_1.csv")
    listed = cs.datasets().filter((pl.col("name") == "ucdp-acd") & (pl.col("version") == "25.1"))
    assert listed["sha256"].item() == sha
    counts = cs.count(version="25.1", years=2024)
    assert cs.provenance(counts)["dataset"]["sha256"] == sha
    assert cs.provenance(counts)["spec"]["unit"] == "conflict"
    assert cs.provenance(cs.load(version="25.1"))["dataset"]["sha256"] == sha
    assert sha in str(cs.provenance(cs.panel_state_year(years=(2020, 2024), acd_version="25.1")))
    # The default ACD, v26.1: its own file's checksum.
    latest = file_sha("ucdp-acd/UcdpPrioConflict_v26_1.csv")
    assert cs.provenance(cs.count(years=2025))["dataset"]["sha256"] == latest
    assert cs.provenance(cs.load())["dataset"]["sha256"] == latest
    events = cs.provenance(cs.aggregate_events())["provenance"]
    assert (events["name"], events["version"]) == ("ucdp-ged-sample", "23.1")
    assert events["sha256"] == file_sha("ucdp-ged-sample/ged231_sample_1000.csv")
    with pytest.raises(LookupError):
        cs.provenance(counts.filter(pl.col("year") == 2024))
