"""Python results equal the CLI's CSV output for the same specification."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import conflictstats as cs

# (CLI arguments, the same specification as cs.count keyword arguments)
SPECS: list[tuple[list[str], dict[str, Any]]] = [
    ([], {}),
    (["--unit", "country"], {"unit": "country"}),
    (["--by", "type"], {"by": "type"}),
    (["--by", "region", "--unit", "country"], {"by": "region", "unit": "country"}),
    (
        ["--by", "intensity", "--years", "1989-2024"],
        {"by": "intensity", "years": (1989, 2024)},
    ),
    (
        ["--intensity", "war", "--region", "africa,middle_east"],
        {"intensity": "war", "region": ["africa", "middle_east"]},
    ),
    (
        ["--type", "intrastate,internationalized_intrastate", "--by", "incompatibility"],
        {"type": [3, 4], "by": "incompatibility"},
    ),
    (["--version", "24.1", "--years", "2000-"], {"version": "24.1", "years": (2000, 2023)}),
]


def cli_csv(cli: Path, args: list[str]) -> str:
    out = subprocess.run(
        [str(cli), "count", "--format", "csv", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return out.stdout


@pytest.mark.parametrize(
    ("args", "kwargs"), SPECS, ids=[" ".join(a) or "default" for a, _ in SPECS]
)
def test_count_equals_cli_csv(cli: Path, args: list[str], kwargs: dict[str, Any]) -> None:
    expected = cli_csv(cli, args)
    assert expected.startswith("year,")
    assert as_cli(cs.count(**kwargs)).write_csv() == expected


def as_cli(df: pl.DataFrame) -> pl.DataFrame:
    """The CLI's CSV names the count column after the unit, as the frames do."""
    return df


def test_count_of_a_file_equals_cli_csv(cli: Path, acd_24_1: Path) -> None:
    expected = cli_csv(cli, ["--file", str(acd_24_1), "--by", "type"])
    assert as_cli(cs.count(acd_24_1, by="type")).write_csv() == expected
    assert as_cli(cs.count(str(acd_24_1), by="type")).write_csv() == expected
