"""Data that are not a verified release are as loud in Python as in the CLI: every function
that reads a modified copy, an unregistered version or an unverified download issues one
``ConflictStatsWarning`` of kind ``provenance`` per dataset and call, naming the dataset, its
version, its status and its file (the core's ``Provenance::status_warning``, the text the
CLI prints on stderr); frames keep the status beside the source.

Every copy here is made from a shipped release (ACD, Dyadic, BRD 25.1; the G&W list; the GED
sample 23.1), pinned by file, so no test relies on a default release."""

from __future__ import annotations

import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
ACD_25_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"
DYADIC_25_1 = ROOT / "data" / "ucdp-dyadic" / "ucdp-dyadic-251.csv"
BRD_25_1 = ROOT / "data" / "ucdp-brd" / "BattleDeaths_v25_1_conf.csv"
GW = ROOT / "data" / "gwstates" / "gwstates.csv"
GED_SAMPLE = ROOT / "data" / "ucdp-ged-sample" / "ged231_sample_1000.csv"


def edited(src: Path, dst: Path, old: bytes, new: bytes) -> Path:
    """``src`` with one value changed."""
    data = src.read_bytes()
    assert data.count(old) >= 1, old
    dst.write_bytes(data.replace(old, new, 1))
    return dst


@pytest.fixture
def acd_edited(tmp_path: Path) -> Path:
    # One value changed: conflict 11342 (India: Garoland), 2012, minor → war.
    line = next(
        ln
        for ln in ACD_25_1.read_bytes().split(b"\n")
        if ln.startswith(b"11342,") and b",2012," in ln
    )
    return edited(
        ACD_25_1,
        tmp_path / "acd_one_value_edited.csv",
        line,
        line.replace(b",2012,1,", b",2012,2,", 1),
    )


@pytest.fixture
def acd_unregistered(tmp_path: Path) -> Path:
    # Every row claims a version no registry knows (as a newer release not fetched would).
    lines = ACD_25_1.read_bytes().split(b"\n")
    out = [lines[0]] + [
        ln[: ln.rfind(b",")] + b",99.1" if ln.endswith(b",25.1") else ln for ln in lines[1:]
    ]
    path = tmp_path / "acd_v99_1.csv"
    path.write_bytes(b"\n".join(out))
    return path


def provenance_warnings(call: Callable[[], Any]) -> tuple[Any, list[cs.ConflictStatsWarning]]:
    """The result of ``call`` and the ``provenance`` warnings it issued."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = call()
    found = [
        w.message
        for w in caught
        if isinstance(w.message, cs.ConflictStatsWarning) and w.message.kind == "provenance"
    ]
    return out, found


def assert_names(
    w: cs.ConflictStatsWarning, path: Path, name: str, version: str, status: str
) -> None:
    text = str(w)
    assert w.file == str(path.resolve()), w.file
    assert w.line is None  # about the file as a whole
    assert (
        str(path.resolve()) in text and f"{name} {version}" in text and f"status {status}" in text
    ), text


# --- count, the case -------------------------------------------------------------


def test_counting_the_edited_file_warns_modified(acd_edited: Path) -> None:
    # ACD v25.1 with one value edited: 12 wars in 2012... the figure is the copy's, and says so.
    df, found = provenance_warnings(lambda: cs.count(acd_edited, years=2012, intensity="war"))
    release = cs.count(version="25.1", years=2012, intensity="war")["conflicts"].item()
    assert df["conflicts"].item() == release + 1
    assert len(found) == 1
    assert_names(found[0], acd_edited, "ucdp-acd", "25.1", "modified")
    assert "results are for this modified copy" in str(found[0])
    assert cs.provenance(df)["dataset"]["status"] == "modified"
    assert cs.warnings(df) == found  # the frame keeps what was issued


def test_counting_an_unregistered_version_warns_unregistered(acd_unregistered: Path) -> None:
    df, found = provenance_warnings(lambda: cs.count(acd_unregistered, years=2024))
    assert df["conflicts"].item() == 61  # the v25.1 rows, under another version's name
    assert len(found) == 1
    assert_names(found[0], acd_unregistered, "ucdp-acd", "99.1", "unregistered")


def test_a_release_and_its_byte_identical_copy_say_nothing() -> None:
    for call in (
        lambda: cs.count(version="25.1", years=2024),
        lambda: cs.count(ACD_25_1, years=2024),
        lambda: cs.panel_state_year(version="25.1"),
    ):
        df, found = provenance_warnings(call)
        assert found == []
        assert [w for w in cs.warnings(df) if w.kind == "provenance"] == []


def test_the_warning_is_the_clis(acd_edited: Path, cli: Path) -> None:
    # One rule, one text: the line the CLI prints on stderr is the Python warning's message.
    _, found = provenance_warnings(lambda: cs.count(acd_edited, years=2012))
    run = subprocess.run(
        [str(cli), "count", "--years", "2012", "--file", str(acd_edited)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stderr.strip() == f"warning: {found[0]}"


def test_filters_raise_the_warning_as_an_error(acd_edited: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", cs.ConflictStatsWarning)
        with pytest.raises(cs.ConflictStatsWarning, match="status modified"):
            cs.count(acd_edited, years=2012)


# --- every other door ----------------------------------------------------------------------


def test_trend_warns_and_names_the_copy(acd_edited: Path) -> None:
    t, found = provenance_warnings(
        lambda: cs.trend(acd_edited, year=2024, bootstrap=None, shapes=False)
    )
    assert len(found) == 1 and t.dataset is not None and t.dataset["status"] == "modified"
    assert "modified copy" in t.label


def test_load_warns(acd_edited: Path, acd_unregistered: Path) -> None:
    df, found = provenance_warnings(lambda: cs.load(acd_edited))
    assert len(found) == 1 and cs.warnings(df) == found
    assert_names(found[0], acd_edited, "ucdp-acd", "25.1", "modified")
    _, found = provenance_warnings(lambda: cs.load(acd_unregistered))
    assert len(found) == 1 and "status unregistered" in str(found[0])


def test_panels_warn_and_their_source_says_modified(tmp_path: Path, acd_edited: Path) -> None:
    p, found = provenance_warnings(lambda: cs.panel_state_year(sources={"ucdp-acd": acd_edited}))
    assert len(found) == 1
    assert_names(found[0], acd_edited, "ucdp-acd", "25.1", "modified")
    assert cs.provenance(p)["dataset"]["status"] == "modified"
    sources = {"ucdp-acd": acd_edited}
    _c, found = provenance_warnings(lambda: cs.panel_conflict_year(sources=sources))
    assert len(found) == 1
    gw = edited(GW, tmp_path / "gw.csv", b"Yemen", b"Yemen ")
    _, found = provenance_warnings(
        lambda: cs.panel_dyad_year(
            years=(2000, 2001), sources={"ucdp-acd": acd_edited, "gw-states": gw}
        )
    )
    assert sorted(w.file for w in found) == sorted([str(acd_edited.resolve()), str(gw.resolve())])
    dy_line = DYADIC_25_1.read_bytes().split(b"\n")[1]
    dyadic = edited(
        DYADIC_25_1, tmp_path / "dyadic.csv", dy_line, dy_line.replace(b"Government", b"Govt", 1)
    )
    _d, found = provenance_warnings(
        lambda: cs.panel_conflict_dyad_year(sources={"ucdp-dyadic": dyadic})
    )
    assert len(found) == 1
    assert_names(found[0], dyadic, "ucdp-dyadic", "25.1", "modified")


def test_flows_and_severity_warn(tmp_path: Path, acd_edited: Path) -> None:
    _f, found = provenance_warnings(lambda: cs.flows(acd_edited, from_year=2010, to_year=2024))
    assert len(found) == 1
    assert_names(found[0], acd_edited, "ucdp-acd", "25.1", "modified")
    brd_line = BRD_25_1.read_bytes().split(b"\n")[1]
    brd = edited(
        BRD_25_1,
        tmp_path / "brd.csv",
        brd_line,
        brd_line.replace(b",100,100,100,", b",101,100,101,", 1),
    )
    _, found = provenance_warnings(lambda: cs.severity(path=brd, bootstrap=None))
    assert len(found) == 1
    assert_names(found[0], brd, "ucdp-brd", "25.1", "modified")


def test_events_warn_and_their_source_says_the_status(tmp_path: Path) -> None:
    ged = edited(GED_SAMPLE, tmp_path / "ged.csv", b"Lunda Sul province", b"Lunda-Sul province")
    t, found = provenance_warnings(lambda: cs.aggregate_events(path=ged))
    assert len(found) == 1 and found[0].file == str(ged.resolve())
    status = cs.provenance(t)["dataset"]["status"]
    assert status in ("modified", "unregistered")
    version = cs.provenance(t)["dataset"]["version"]  # GED rows name no release
    assert t["source"].unique().to_list() == [f"ucdp-ged-sample {version} ({status})"]
    assert f"status {status}" in str(found[0])


def test_one_warning_per_dataset_and_call(acd_edited: Path) -> None:
    # trend with the stock-and-flow part reads the same file once: one warning.
    _, found = provenance_warnings(lambda: cs.count(acd_edited, by="type", years=(2010, 2012)))
    assert len(found) == 1
    _, again = provenance_warnings(lambda: cs.count(acd_edited, years=2012))
    assert len(again) == 1  # every call, not once per session


def test_a_frame_the_user_edited_is_modified_too() -> None:
    acd = cs.load("ucdp-acd", version="25.1")
    edited_frame = acd.with_columns(
        pl.when((pl.col("conflict_id") == 11342) & (pl.col("year") == 2012))
        .then(2)
        .otherwise(pl.col("intensity_level"))
        .alias("intensity_level")
    )
    _df, found = provenance_warnings(lambda: cs.count(edited_frame, years=2012))
    assert len(found) == 1 and "status modified" in str(found[0])
    assert found[0].file == "<DataFrame>"
    # The release's own rows, as a frame, are the release: nothing to say.
    _, found = provenance_warnings(lambda: cs.count(acd, years=2012))
    assert found == []
