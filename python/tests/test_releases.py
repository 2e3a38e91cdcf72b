"""The embedded UCDP releases (v25.1 default, v24.1, v23.1) through Python: figures named by
release, golden files re-derived from the raw CSV files, and your own files via ``sources=``."""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs

# (unit, golden file prefix, releases) as written by tests/reference/ucdp_counts.py.
UNITS = [
    ("dyad", "dyadic", ["25.1", "24.1"]),
    ("nonstate_conflict", "nonstate", ["25.1", "24.1", "23.1"]),
    ("onesided_actor", "onesided", ["25.1", "24.1", "23.1"]),
]


def tag(version: str) -> str:
    return "v" + version.replace(".", "_")


def test_reference_script_reproduces_the_checked_in_golden_files(
    root: Path, tmp_path: Path
) -> None:
    """The golden files are what the independent script (csv module only) makes of the raw
    files: a regenerated file cannot drift from the data."""
    expected = root / "tests" / "golden" / "expected"
    for script, args in [
        ("ucdp_counts.py", [str(root / "data"), str(tmp_path)]),
        (
            "acd_counts.py",
            [
                str(root / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"),
                str(tmp_path / "acd_v25_1"),
            ],
        ),
        (
            "acd_counts.py",
            [
                str(root / "data" / "ucdp-acd" / "UcdpPrioConflict_v24_1.api.csv"),
                str(tmp_path / "acd_v24_1"),
            ],
        ),
        (
            "acd_counts.py",
            [
                str(root / "data" / "ucdp-acd" / "UcdpPrioConflict_v26_1.csv"),
                str(tmp_path / "acd_v26_1"),
            ],
        ),
    ]:
        subprocess.run(
            [sys.executable, str(root / "tests" / "reference" / script), *args], check=True
        )
    made = sorted(p.name for p in tmp_path.iterdir())
    assert len(made) == 29  # 14 of the other datasets, 5 per ACD release (24.1, 25.1, 26.1)
    for name in made:
        assert filecmp.cmp(tmp_path / name, expected / name, shallow=False), name


@pytest.mark.parametrize(("unit", "prefix", "versions"), UNITS)
def test_unit_counts_of_every_release_match_the_golden_files(
    root: Path, unit: str, prefix: str, versions: list[str]
) -> None:
    for v in versions:
        golden = (
            root / "tests" / "golden" / "expected" / f"{prefix}_{tag(v)}_total.csv"
        ).read_text()
        df = cs.count(version=v, unit=unit)  # the golden CSVs name the column after the unit
        assert df.write_csv() == golden, v


@pytest.mark.parametrize("version", ["25.1", "24.1"])
def test_legal_relationship_matches_the_golden_files(root: Path, version: str) -> None:
    for p in (0, 2):
        name = f"legal_{tag(version)}_p{p}.csv"
        golden = (root / "tests" / "golden" / "expected" / name).read_text()
        df = cs.count(version=version, unit="legal_relationship", persistence=p)
        assert df.write_csv() == golden, name


def test_v25_1_figures_of_issue_12() -> None:
    v = "25.1"
    assert cs.count(version=v, unit="dyad", years=2024).rows() == [(2024, 68)]
    assert cs.count(version=v, unit="nonstate_conflict", years=(2023, 2024)).rows() == [
        (2023, 80),
        (2024, 74),
    ]
    assert cs.count(version=v, unit="onesided_actor", years=2024).rows() == [(2024, 49)]
    assert cs.count(version=v, unit="legal_relationship", years=2024).rows() == [(2024, 142)]
    meta = cs.provenance(cs.count(version=v, unit="legal_relationship", years=2024))
    assert meta["dataset"]["version"] == v


def test_deaths_v25_1_golden_file_sums_to_159_837(root: Path) -> None:
    with open(root / "tests" / "golden" / "expected" / "deaths_v25_1.csv", newline="") as f:
        rows = {(r["year"], r["form"]): int(r["best"]) for r in csv.DictReader(f)}
    assert [rows[("2024", f)] for f in ("state_based", "non_state", "one_sided", "total")] == [
        128_439,
        17_471,
        13_927,
        159_837,
    ]


def test_legal_relationship_v25_1_from_two_user_files(root: Path, tmp_path: Path) -> None:
    dy, ns = tmp_path / "my_dyadic.csv", tmp_path / "my_nonstate.csv"
    dy.write_bytes((root / "data" / "ucdp-dyadic" / "ucdp-dyadic-251.csv").read_bytes())
    ns.write_bytes((root / "data" / "ucdp-nonstate" / "NonState_v25_1.csv").read_bytes())
    df = cs.count(
        unit="legal_relationship",
        years=2024,
        sources={"ucdp-dyadic": dy, "ucdp-nonstate": str(ns)},
    )
    assert df.rows() == [(2024, 142)]
    meta = cs.provenance(df)
    assert meta["dataset"]["source"] == str(dy)
    assert meta["dataset"]["status"] == "official"
    # The same sources drive trend() and the panels.
    t = cs.trend(unit="legal_relationship", sources={"ucdp-dyadic": dy, "ucdp-nonstate": ns})
    assert t.horizons[0].to_count == 142.0
    p = cs.panel_conflict_dyad_year(active_only=True, sources={"ucdp-dyadic": dy})
    assert p.filter(pl.col("year") == 2024).height == 68


def test_sources_errors_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(cs.SpecError, match="unknown dataset `ucdp-dyads`"):
        cs.count(unit="dyad", sources={"ucdp-dyads": "x.csv"})
    missing = str(tmp_path / "missing.csv")
    with pytest.raises(cs.FileReadError) as err:
        cs.count(unit="dyad", sources={"ucdp-dyadic": missing})
    assert err.value.file == missing
    with pytest.raises(cs.SpecError, match="sources= takes a mapping"):
        cs.count(unit="dyad", sources=["x.csv"])  # type: ignore[arg-type]


def test_onesided_v25_1_coalition_actor_is_counted_once_per_region(root: Path) -> None:
    with open(root / "data" / "ucdp-onesided" / "OneSided_v25_1.csv", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["year"] == "2024"]
    coalition = [r for r in rows if "," in r["gwnoa"]]
    assert [(r["actor_id"], r["gwnoa"]) for r in coalition] == [("9249", "432, 365")]
    by_region = cs.count(version="25.1", unit="onesided_actor", years=2024, by="region")
    for code, name in enumerate(["europe", "middle_east", "asia", "africa", "americas"], 1):
        raw = {r["actor_id"] for r in rows if str(code) in r["region"].replace(" ", "").split(",")}
        got = by_region.filter(pl.col("region") == name)["onesided_actors"].item()
        assert got == len(raw), name


def test_aggregate_events_reads_the_ged_from_sources(root: Path) -> None:
    ged = root / "data" / "ucdp-ged-sample" / "ged231_sample_1000.csv"
    t = cs.aggregate_events(sources={"ucdp-ged": ged})
    assert t["best"].sum() == cs.aggregate_events()["best"].sum() == 9561
    with pytest.raises(cs.SpecError, match="either as path"):
        cs.aggregate_events(path=str(ged), sources={"ucdp-ged": ged})
