"""cs.check and `conflictstats check`: every reading of the seed sentence against an
independent computation from the raw CSV files (tests/reference/claim_readings.py)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
KEY = ("unit", "release", "reference", "year", "base_offset", "smoothing", "part")


def _reference() -> list[dict[str, str]]:
    out = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "reference" / "claim_readings.py"),
            str(ROOT / "data"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return list(csv.DictReader(io.StringIO(out)))


def _same(a: str, b: str) -> bool:
    if a == "" or b == "":
        return a == b
    return abs(float(a) - float(b)) < 1e-9


def test_cli_readings_match_reference_releases_23_1_24_1_25_1_26_1(cli: Path) -> None:
    """Every reading, every release (ACD 24.1/25.1/26.1, Dyadic 24.1/25.1, Non-State and
    One-sided 23.1/24.1/25.1): figures, verdicts and unavailability equal the raw-CSV
    computation — "today" = 2025 answered by ACD v26.1 for the ACD units."""
    ref = _reference()
    out = subprocess.run(
        [str(cli), "check", "--format", "csv", "--bootstrap", "20"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ours = {tuple(r[k] for k in KEY): r for r in csv.DictReader(io.StringIO(out))}
    assert len(ours) == len(ref)
    for r in ref:
        mine = ours[tuple(r[k] for k in KEY)]
        assert mine["verdict"] == r["verdict"], r
        for col in ("value", "count", "base_count", "base_from", "base_to"):
            assert _same(mine[col], r[col]), (col, r, mine)
        if r["verdict"] == "unavailable":
            assert mine["missing"], mine
    today = [r for r in ref if r["release"] == "26.1" and r["unit"] == "conflict"]
    assert {r["count"] for r in today if r["count"]} == {"65.0"}  # ACD v26.1, 2025


def test_python_check_acd_v25_1_twice_hinges_on_the_base_year() -> None:
    c = cs.check(version="25.1", bootstrap=50)
    df = c.readings
    assert isinstance(df, pl.DataFrame)
    twice = df.filter(
        (pl.col("unit") == "conflict")
        & (pl.col("year") == 2024)
        & (pl.col("part") == "twice as many as 15 years ago")
        & (pl.col("smoothing") == "one_year")
    ).sort("base_from")
    # 16, 15 and 14 years back: 61/37 (2008), 61/37 (2009), 61/31 (2010)
    assert twice["base_from"].to_list() == [2008, 2009, 2010]
    assert twice["verdict"].to_list()[1:] == ["fails", "holds"]
    assert twice["value"][2] == pytest.approx(61 / 31)
    assert twice["fragile"][2] is True
    lo, hi = twice["interval_low"][2], twice["interval_high"][2]
    assert lo < 61 / 31 < hi
    # 2025, the year "today" means, is covered by no release here: never dropped, never filled.
    today = df.filter(pl.col("year") == 2025)
    assert today.height > 0 and set(today["verdict"]) == {"unavailable"}
    assert all("needs release" in m for m in today["missing"])
    assert any("needs release 26.1 (not available;" in m for m in today["missing"])
    assert [s["form"] for s in c.shapes] == [
        "between_states",
        "within_states",
        "between_armed_groups",
    ]
    assert "needs release 26.1" in str(c)
    html = c._repr_html_()
    assert "<table>" in html and "twice as many" in html


def test_python_check_user_claim_mapping_and_file(tmp_path: Path) -> None:
    claim = {
        "id": "mine",
        "text": "About 60 conflicts in 2024.",
        "date": "2025-06-11",
        "reference_year": 2024,
        "source": {"publisher": "me", "date": "2025-06-11"},
        "level": {"said": "about 60", "qualifier": "about", "value": 60, "tolerance": 0.05},
    }
    c = cs.check(claim, version="25.1", bootstrap=20)
    row = c.readings.filter((pl.col("unit") == "conflict") & (pl.col("base_offset") == 0)).row(
        0, named=True
    )
    assert (row["release"], row["value"], row["verdict"]) == ("25.1", 61.0, "holds")
    path = tmp_path / "claim.toml"
    path.write_text(
        'id = "x"\ntext = "t"\ndate = "2025-01-01"\n[source]\npublisher = "p"\n'
        'date = "2025-01-01"\n[level]\nsaid = "s"\nqualifier = "roughly"\nvalue = 3\n'
    )
    with pytest.raises(cs.ParseError) as err:
        cs.check(path)
    assert err.value.file == str(path) and err.value.line == 9


def test_check_plot_marks_the_claims_figures() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib
    import matplotlib.axes

    matplotlib.use("Agg")
    c = cs.check(version="25.1", bootstrap=20)
    ax = c.plot()
    assert isinstance(ax, matplotlib.axes.Axes)  # as every plot() of the package
    fig = ax.figure
    assert len(fig.axes) == 2 and fig.axes[0] is ax
    titles = [ax.get_title() for ax in fig.axes]
    assert "indexed to 2010" in titles[0] and "indexed to 1995" in titles[1]
    idx = c.indexed()
    conflict = idx.filter((pl.col("unit") == "conflict") & (pl.col("base_year") == 2010))
    assert conflict.filter(pl.col("year") == 2024)["index"][0] == pytest.approx(61 / 31)


def test_check_answers_today_with_acd_v26_1_and_reads_releases_and_files(cli: Path) -> None:
    # ACD v26.1 (embedded, the default): "today" = 2025 has figures for the ACD units; the
    # units of Dyadic, Non-State and One-sided (v25.1, to 2024) need their 26.1 release.
    c = cs.check(version="26.1", bootstrap=20)
    df = c.readings
    assert set(df["release"]) == {"26.1"}
    level = df.filter(
        (pl.col("unit") == "conflict")
        & (pl.col("year") == 2025)
        & (pl.col("part") == "more than 130 armed conflicts")
    )
    assert set(level["count"]) == {65.0}
    dyad = df.filter((pl.col("unit") == "dyad") & (pl.col("year") == 2025))
    assert set(dyad["verdict"]) == {"unavailable"}
    assert all("needs release 26.1" in m and "ucdp-dyadic" in m for m in dyad["missing"])
    text = str(c)
    assert '2025 ("today"): conflict 65 (v26.1, 2.10× 2010, 1.59× 1995)' in text
    assert "ICRC's own dated STATEMENTS" in text
    # A file, the other datasets from their default releases: one copy of each dataset, the
    # sum of conflicts and non-state conflicts in 2025 is missing — never 65 + 0.
    acd = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v26_1.csv"
    f = cs.check(sources={"ucdp-acd": acd}, bootstrap=20)
    fr = f.readings
    assert set(fr["release"]) == {"26.1+25.1"}
    both = fr.filter(
        (pl.col("unit") == "conflict+nonstate_conflict")
        & (pl.col("year") == 2025)
        & (pl.col("part") == "more than 130 armed conflicts")
    )
    assert both.height > 0 and both["count"].null_count() == both.height
    assert all("ucdp-nonstate" in m and "ucdp-acd" not in m for m in both["missing"])
    # The same with the CLI's file option.
    out = subprocess.run(
        [str(cli), "check", "--acd-file", str(acd), "--bootstrap", "20", "--format", "csv"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["release"] for r in rows} == {"26.1+25.1"}
    assert len(rows) == fr.height
    with pytest.raises(cs.SpecError, match="version= names one release"):
        cs.check(version=["25.1", "26.1"], sources={"ucdp-acd": str(acd)})


def test_python_hints_name_cs_fetch() -> None:
    # The messages that say how to bring a missing release name Python's command.
    c = cs.check(version="25.1", bootstrap=20)
    today = c.readings.filter(pl.col("year") == 2025)
    hints = [m for m in today["missing"] if "not available" in m]
    assert hints and all("cs.fetch(" in m and "conflictstats fetch" not in m for m in hints)
    reasons = cs.reconcile().rows.filter(unit="dyad", year=2025)["missing_reason"].item()
    assert 'cs.fetch("ucdp-dyadic", "26.1")' in reasons, reasons
    with pytest.raises(cs.DatasetError, match=r'cs\.fetch\("ucdp-acd", "27\.1"\)'):
        cs.count(version="27.1")
