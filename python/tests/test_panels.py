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

    p = cs.panel_conflict_dyad_year(years=(1974, 1976), version="24.1")
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


def _reference_rows(root: Path, role: str) -> list[dict[str, str]]:
    """The independent coding of every ACD v25.1 state-year under `role`
    (tests/reference/state_year_roles.py: Python's csv module on the raw files)."""
    import csv
    import io
    import subprocess
    import sys

    out = subprocess.run(
        [
            sys.executable,
            str(root / "tests" / "reference" / "state_year_roles.py"),
            str(root / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"),
            role,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return list(csv.DictReader(io.StringIO(out)))


@pytest.mark.parametrize("role", ["location", "primary", "any"])
def test_state_year_roles_acd_v25_1_equal_the_independent_reference(
    root: Path, role: cs.PanelRole
) -> None:
    # Every row and coded column of the ACD v25.1 panel under `role` equals the reference.
    want = _reference_rows(root, role)
    p = cs.panel_state_year(role=role, version="25.1")
    assert p.height == len(want) == 11360
    assert set(p["role"].to_list()) == {role}
    assert cs.provenance(p)["role"] == role
    columns = list(want[0])

    def cell(v: object) -> str:
        return "" if v is None else str(int(v)) if isinstance(v, bool) else str(v)

    got = [{c: cell(r[c]) for c in columns} for r in p.select(columns).iter_rows(named=True)]
    mismatches = [(g, w) for g, w in zip(got, want) if g != w]
    assert not mismatches, mismatches[:3]


def test_state_year_role_hand_cases_acd_v25_1() -> None:
    def rows(role: cs.PanelRole, gw: int, years: tuple[int, int]) -> list[tuple[object, ...]]:
        p = cs.panel_state_year(years=years, role=role, version="25.1")
        p = p.filter(pl.col("gwcode") == gw)
        return list(p.select("year", "incidence", "onset", "peace_years").iter_rows())

    # Eritrea 2020-22: a secondary party in Tigray; in conflict under "any", no peace years.
    assert rows("any", 531, (2020, 2022)) == [
        (2020, True, True, 1),
        (2021, True, False, 0),
        (2022, True, False, 0),
    ]
    assert [r[3] for r in rows("location", 531, (2020, 2022))] == [3, 4, 5]
    # USA 2001 (Afghanistan, side A), Russia 2014 (Ukraine, side B secondary) and 2022.
    assert rows("any", 2, (2001, 2001)) == [(2001, True, True, 1)]
    assert rows("any", 365, (2014, 2014))[0][1] is True
    assert rows("primary", 365, (2022, 2022)) == [(2022, True, True, 1)]
    # Serbia (G&W 340) 2014: UCDP's 345, side-A secondary supporter in CAR (conflict 416).
    p = cs.panel_state_year(years=(2014, 2015), version="25.1")
    serbia = p.filter(pl.col("gwcode") == 340)
    assert serbia["incidence_any"].to_list() == [True, True]
    assert 345 not in {u["gwcode"] for u in cs.provenance(p)["unmatched"]}


def test_unmatched_codes_are_warnings_acd_v25_1() -> None:
    with pytest.warns(cs.ConflictStatsWarning) as caught:
        cs.panel_state_year(years=(1950, 1960), version="25.1")
    kinds = {getattr(w.message, "kind", None) for w in caught}
    assert kinds == {"unmatched_code"}
    text = "\n".join(str(w.message) for w in caught)
    assert "code 615" in text and "conflict 246" in text  # Algeria, before independence
    assert "code 345" not in text


def test_role_errors_are_spec_errors() -> None:
    with pytest.raises(cs.SpecError, match="no location"):
        cs.panel_dyad_year(years=(2022, 2022), role="location")
    with pytest.raises(cs.SpecError, match="unknown role"):
        cs.panel_state_year(role="party")  # type: ignore[arg-type]
    d = cs.panel_dyad_year(years=(2014, 2014), role="any", version="25.1")
    row = d.filter((pl.col("gwcode_a") == 365) & (pl.col("gwcode_b") == 369)).row(0, named=True)
    assert (row["interstate"], row["opposed"], row["onset"], row["role"]) == (
        False,
        True,
        True,
        "any",
    )
