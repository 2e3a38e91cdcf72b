"""cs.diff and `conflictstats diff`: ACD v25.1 → v26.1 against an independent reference made
with Python's csv module over the raw CSVs (tests/reference/acd_diff.py), and bad inputs."""

from __future__ import annotations

import csv
import importlib.util
import io
import subprocess
from pathlib import Path
from types import ModuleType
from typing import get_args

import polars as pl
import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
ACD_25_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"
ACD_26_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v26_1.csv"


def reference() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "acd_diff", ROOT / "tests" / "reference" / "acd_diff.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def expected_v25_1_v26_1() -> str:
    """The reference diff of the raw v25.1 and v26.1 CSVs."""
    return str(reference().diff(str(ACD_25_1), str(ACD_26_1)))


@pytest.fixture(scope="module")
def diff_v25_1_v26_1() -> cs.ReleaseDiff:
    """ACD v25.1 (the embedded release) → v26.1 (the file)."""
    return cs.diff("ucdp-acd", "25.1", ACD_26_1)


def rows(text: str, change: str) -> list[list[str]]:
    return [r[1:] for r in csv.reader(io.StringIO(text)) if r[0] == change]


def test_acd_v25_1_to_v26_1_cli_csv_equals_the_reference(
    cli: Path, expected_v25_1_v26_1: str
) -> None:
    out = subprocess.run(
        [str(cli), "diff", "ucdp-acd", "25.1", str(ACD_26_1), "--format", "csv"],
        check=True,
        capture_output=True,
        text=True,
    )
    assert out.stdout == expected_v25_1_v26_1
    # The golden file the Rust test reads is the reference's output too.
    golden = ROOT / "tests" / "golden" / "expected" / "diff_acd_v25_1_v26_1.csv"
    assert golden.read_text(encoding="utf-8") == expected_v25_1_v26_1


def test_acd_v25_1_to_v26_1_frames_equal_the_reference(
    diff_v25_1_v26_1: cs.ReleaseDiff, expected_v25_1_v26_1: str
) -> None:
    d = diff_v25_1_v26_1
    assert d.to_csv() == expected_v25_1_v26_1
    changed = [
        (int(r[0]), int(r[1]), r[2], r[3], r[4]) for r in rows(expected_v25_1_v26_1, "changed")
    ]
    assert d.changes.columns == ["conflict_id", "year", "field", "old", "new"]
    assert d.changes.rows() == changed
    assert d.changed_records == len({(c[0], c[1]) for c in changed})
    only = d.only_in.select("side", "conflict_id", "year").rows()
    expected_only = [
        ("old", int(r[0]), int(r[1])) for r in rows(expected_v25_1_v26_1, "only_in_old")
    ]
    expected_only += [
        ("new", int(r[0]), int(r[1])) for r in rows(expected_v25_1_v26_1, "only_in_new")
    ]
    assert only == expected_only


def test_acd_v25_1_to_v26_1_revisions_of_source_md(diff_v25_1_v26_1: cs.ReleaseDiff) -> None:
    d = diff_v25_1_v26_1
    assert (d.old["version"], d.new["version"]) == ("25.1", "26.1")
    assert d.old["status"] == "embedded"
    assert d.release_column == ("version", "25.1", "26.1")
    assert d.record == "conflict-year" and d.key == ["conflict_id", "year"]
    only = d.only_in
    old = only.filter(pl.col("side") == "old").select("conflict_id", "year").rows()
    assert old == [(375, 2001), (14197, 2024), (16379, 2024)]
    new = only.filter((pl.col("side") == "new") & (pl.col("year") < 2025))
    assert new.select("conflict_id", "year").rows() == [(230, 2008), (289, 2017)]
    assert only.filter(pl.col("year") == 2025).height == 65
    counts = d.counts
    assert d.unit == "conflict"
    assert counts.filter(pl.col("year") == 2024).row(0) == (2024, 61, 59, -2)
    assert counts.filter(pl.col("year") == 2025).row(0) == (2025, None, 65, None)
    assert "version" not in d.changes["field"].to_list()
    text = str(d)
    assert "2024      61      59          -2" in text
    assert "<" not in d._repr_html_().replace("<div", "").replace("</div>", "").replace(
        "<pre>", ""
    ).replace("</pre>", "")


def test_same_release_twice_is_an_empty_diff() -> None:
    d = cs.diff("ucdp-acd", "25.1", "25.1")
    assert d.is_empty
    assert d.only_in.height == 0 and d.changes.height == 0
    assert d.counts["difference"].to_list() == [0] * d.counts.height
    same_file = cs.diff("ucdp-acd", ACD_25_1, "25.1")
    assert same_file.is_empty
    assert same_file.old["status"] == "official"


def test_other_datasets_and_units() -> None:
    d = cs.diff("ucdp-dyadic", "24.1", "25.1")
    assert d.key == ["dyad_id", "year"] and d.unit == "dyad"
    assert d.counts.filter(pl.col("year") == 2024).row(0) == (2024, None, 68, None)
    c = cs.diff("ucdp-acd", "25.1", str(ACD_26_1), unit="country")
    assert c.unit == "country"
    brd = cs.diff("ucdp-brd", "25.1", "25.1")
    assert brd.unit is None and brd.counts.height == 0


def test_bad_inputs_raise_specific_exceptions() -> None:
    with pytest.raises(cs.SpecError, match="unknown dataset"):
        cs.diff("ucdp-nonsense", "25.1", "25.1")  # type: ignore[arg-type]
    with pytest.raises(cs.SchemaError, match="the header has no column"):
        cs.diff("ucdp-acd", "25.1", ROOT / "data" / "ucdp-dyadic" / "ucdp-dyadic-251.csv")
    with pytest.raises(cs.DatasetNotFoundError):
        cs.diff("ucdp-acd", "25.1", "19.1")
    with pytest.raises(cs.DatasetError, match="different layouts"):
        cs.diff("ucdp-brd", "24.1", "25.1")
    with pytest.raises(cs.SpecError, match="use a unit of ucdp-acd"):
        cs.diff("ucdp-acd", "25.1", "25.1", unit="dyad")
    with pytest.raises(cs.SpecError, match="no keyed records"):
        cs.diff("gw-states", "2021-04-14", "2021-04-14")  # type: ignore[arg-type]
    with pytest.raises(cs.SpecError, match="from_="):
        cs.diff("ucdp-acd", 25.1, "25.1")  # type: ignore[arg-type]


@pytest.mark.parametrize("name", get_args(cs.DiffDataset))
def test_every_diff_dataset_compares_a_release_with_itself(name: str) -> None:
    # Each name the Literal lists is a dataset the core keys (the record facts table).
    version = "23.1" if name == "ucdp-ged" else "25.1"
    d = cs.diff(name, version, version)  # type: ignore[arg-type]
    assert d.is_empty, name
    assert d.key and d.record
