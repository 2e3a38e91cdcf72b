"""Shared fixtures: repository paths, the real ACD file, the CLI binary."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ACD_25_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"
ACD_24_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v24_1.api.csv"


@pytest.fixture(autouse=True)
def _own_cache_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test has a cache directory of its own (fetched releases, verified-hash records
    and cached columns), for the extension and for the CLI it runs: never the user's, never
    another test's."""
    monkeypatch.setenv("CONFLICTSTATS_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def acd_25_1() -> Path:
    """The real ACD v25.1 file (download layout)."""
    return ACD_25_1


@pytest.fixture(scope="session")
def acd_24_1() -> Path:
    """The real ACD v24.1 file (API layout)."""
    return ACD_24_1


@pytest.fixture(scope="session")
def acd_lines() -> list[str]:
    """The header and the first records of the real ACD v25.1 (records here are one line)."""
    return ACD_25_1.read_text(encoding="utf-8").splitlines(keepends=True)[:6]


@pytest.fixture(scope="session")
def cli() -> Path:
    """The `conflictstats` CLI (target/debug/conflictstats, or $CONFLICTSTATS_CLI), built with
    `cargo build -p conflictstats-cli --features full` (every feature: the tests read Parquet
    files with it) if it is not there yet."""
    env = os.environ.get("CONFLICTSTATS_CLI")
    if env:
        return Path(env)
    exe = ROOT / "target" / "debug" / "conflictstats"
    cargo = shutil.which("cargo")
    assert cargo is not None, "cargo is needed to build the CLI the results are compared with"
    subprocess.run(
        [cargo, "build", "--quiet", "-p", "conflictstats-cli", "--features", "full"],
        cwd=ROOT,
        check=True,
    )
    assert exe.exists(), exe
    return exe
