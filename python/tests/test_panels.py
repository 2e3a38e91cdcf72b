"""Panels and event aggregation from Python: same figures as the Rust golden tests, and
examples/panels.ipynb runs end to end."""

from __future__ import annotations

import os
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


def test_panels_notebook_executes(root: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(root / "examples" / "panels.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    )
    client.execute(env={k: v for k, v in os.environ.items() if k != "MPLBACKEND"})
    text = "\n".join(
        o.get("text", "") + o.get("data", {}).get("text/plain", "")
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )
    assert "2024 174 states" in text
    assert "6224 9561 22017" in text
