"""Panels and event aggregation from Python: same figures as the Rust golden tests
(examples/panels.ipynb runs in test_notebook.py)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs


def test_state_year_counts_and_nulls() -> None:
    p = cs.panel_state_year(years=(1940, 2024))
    per_year = dict(p.group_by("year").len().iter_rows())
    assert (per_year[1946], per_year[1990], per_year[2024]) == (71, 152, 174)
    early = p.filter(pl.col("year") < 1946)
    assert early["incidence"].null_count() == early.height  # null, not "no conflict"
    row = p.filter((pl.col("gwcode") == 666) & (pl.col("year") == 1948)).row(0, named=True)
    assert (row["incidence"], row["onset"]) == (True, True)


def test_gap_must_be_positive() -> None:
    with pytest.raises(cs.SpecError):
        cs.panel_state_year(gap=0)


def test_event_totals_preserved() -> None:
    for unit in ("country", "conflict", "priogrid"):
        for period in ("month", "year"):
            t = cs.aggregate_events(unit=unit, period=period)
            assert (t["low"].sum(), t["best"].sum(), t["high"].sum()) == (6224, 9561, 22017)


def test_conflict_dyad_year_v24_1_matches_cli_csv(root: Path, cli: Path) -> None:
    import csv
    import io
    import subprocess

    p = cs.panel_conflict_dyad_year(years=(1974, 1976), dyadic_version="24.1")
    assert p.columns[:3] == ["dyad_id", "conflict_id", "year"]
    assert p["source"].unique().to_list() == ["ucdp-dyadic 24.1"]
    # Active rows are the Dyadic rows of each year, counted from the raw CSV.
    with open(root / "data" / "ucdp-dyadic" / "Dyadic_v24_1.csv", newline="") as f:
        raw = [r for r in csv.DictReader(f) if 1974 <= int(r["year"]) <= 1976]
    active = dict(p.filter(pl.col("active")).group_by("year").len().iter_rows())
    for year in (1974, 1975, 1976):
        assert active[year] == sum(1 for r in raw if int(r["year"]) == year)
    row = p.filter((pl.col("dyad_id") == 534) & (pl.col("year") == 1974)).row(0, named=True)
    assert (row["onset"], row["episode_id"], row["type_of_conflict"]) == (True, 2, 3)
    # The CLI writes the same rows (flags 0/1, nulls as empty fields).
    out = subprocess.run(
        [
            str(cli),
            "panel",
            "conflict-dyad-year",
            "--from",
            "1974",
            "--to",
            "1976",
            "--dyadic-version",
            "24.1",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = [line for line in out.splitlines() if line and not line.startswith("#")]
    cli = list(csv.DictReader(io.StringIO("\n".join(lines))))
    assert len(cli) == p.height

    def text(v: object) -> str:
        return "" if v is None else str(int(v)) if isinstance(v, bool) else str(v)

    frame = [{k: text(v) for k, v in r.items()} for r in p.iter_rows(named=True)]
    assert cli == frame
