"""One vocabulary (docs/cli.md): the same keyword for the same idea in every function and
the same option in the CLI; the old names still work, with a DeprecationWarning (Python) or a
`warning: … is deprecated` line (CLI). Every figure here pins its release (v25.1 or v24.1)."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import conflictstats as cs

# (the call with the new keyword, the same call with the old one)
RENAMED: list[tuple[str, Callable[[], Any], Callable[[], Any]]] = [
    (
        "trend window → years",
        lambda: cs.trend(version="25.1", years=(1995, 2024), bootstrap=False, shapes=False),
        lambda: cs.trend(version="25.1", window=(1995, 2024), bootstrap=False, shapes=False),
    ),
    (
        "rates window → years",
        lambda: cs.rates(["non_state"], years=(1989, 2023), version="24.1").to_polars(),
        lambda: cs.rates(["non_state"], window=(1989, 2023), version="24.1").to_polars(),
    ),
    (
        "flows from_year/to_year/base → years/base_years",
        lambda: cs.flows(version="25.1", years=(2010, 2024), base_years=(1995, 2009)).to_polars(),
        lambda: cs.flows(
            version="25.1", from_year=2010, to_year=2024, base=(1995, 2009)
        ).to_polars(),
    ),
    (
        "panel acd_version → version",
        lambda: cs.panel_conflict_year(years=2024, version="25.1"),
        lambda: cs.panel_conflict_year(years=2024, acd_version="25.1"),
    ),
    (
        "panel dyadic_version → version",
        lambda: cs.panel_conflict_dyad_year(years=2024, version="25.1"),
        lambda: cs.panel_conflict_dyad_year(years=2024, dyadic_version="25.1"),
    ),
    (
        "check releases → version",
        lambda: cs.check(version="25.1", bootstrap=20).readings,
        lambda: cs.check(releases=["25.1"], bootstrap=20).readings,
    ),
]


def _same(a: Any, b: Any) -> None:
    if isinstance(a, pl.DataFrame):
        assert a.equals(b)
    else:
        assert a.statement() == b.statement()


@pytest.mark.parametrize(("name", "new", "old"), RENAMED, ids=[r[0] for r in RENAMED])
def test_old_keywords_warn_and_give_the_same_result(
    name: str, new: Callable[[], Any], old: Callable[[], Any]
) -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        expected = new()  # the new name never warns
    with pytest.warns(DeprecationWarning, match="is deprecated: use") as record:
        got = old()
    assert record[0].filename == __file__  # attributed to the caller's line
    _same(expected, got)


def test_both_names_at_once_is_an_error() -> None:
    with pytest.raises(cs.SpecError, match="not both"):
        cs.trend(years=(1995, 2024), window=(1995, 2024))


def test_the_persistence_defaults_are_one() -> None:
    # check and reconcile tabulate the same persistence settings (0–5), as the CLI does.
    import inspect

    check_default = inspect.signature(cs.check).parameters["persistence"].default
    reconcile_default = inspect.signature(cs.reconcile).parameters["persistence"].default
    assert tuple(check_default) == tuple(reconcile_default) == (0, 1, 2, 3, 4, 5)


def test_the_contract_lists_every_renamed_option(root: Path) -> None:
    doc = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    for old in ("--from", "--window", "--release", "--acd-version", "--dyadic-version", "--base"):
        assert f"`{old}" in doc, old
    readme = (root / "README.md").read_text(encoding="utf-8")
    for command in ("severity", "flows", "rates", "panel", "conflict-dyad-year", "check", "lock"):
        assert re.search(rf"conflictstats {command}\b|\|{command}\b", readme), command
    for var in re.findall(r"\b(CONFLICTSTATS_[A-Z_]+|UCDP_API_TOKEN)\b", doc):
        assert var in readme, f"{var} is in docs/cli.md but not in the README"


def test_cli_old_names_warn(cli: Path) -> None:
    out = subprocess.run(
        [str(cli), "check", "--release", "25.1", "--bootstrap", "20", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "warning: --release is deprecated in `check`: use --version" in out.stderr
