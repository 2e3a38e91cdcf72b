"""The head-to-head harness (benches/compare.py) in smoke mode, so that it cannot break
unnoticed (issue 26: it failed on a renamed output column and nothing said so).

The smoke run generates 3,000 synthetic events with ``cs-bench`` (target/debug/cs-bench, or
$CONFLICTSTATS_CS_BENCH, which scripts/test.sh sets to the binary its Rust tests built), runs
every engine once (an engine whose module is not installed is skipped and named) and fails
when an engine fails or the engines' cells differ.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPARE = ROOT / "benches" / "compare.py"


def _compare_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_compare", COMPARE)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def cs_bench() -> Path:
    """The harness's Rust side: $CONFLICTSTATS_CS_BENCH, or built with cargo (debug)."""
    env = os.environ.get("CONFLICTSTATS_CS_BENCH")
    if env:
        return Path(env)
    cargo = shutil.which("cargo")
    assert cargo is not None, "cargo is needed to build cs-bench (or set CONFLICTSTATS_CS_BENCH)"
    subprocess.run(
        [cargo, "build", "--quiet", "-p", "conflictstats-benches", "--bin", "cs-bench"],
        cwd=ROOT,
        check=True,
    )
    exe = ROOT / "target" / "debug" / "cs-bench"
    assert exe.exists(), exe
    return exe


def test_compare_smoke_runs_every_installed_engine_and_they_agree(
    cs_bench: Path, tmp_path: Path
) -> None:
    out = tmp_path / "results.md"
    p = subprocess.run(
        [
            sys.executable,
            str(COMPARE),
            "--smoke",
            "--cs-bench",
            str(cs_bench),
            "--data-dir",
            str(tmp_path / "data"),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 0, p.stderr
    text = out.read_text()
    assert text.startswith("<!-- memory:start -->\n# Benchmark results")
    assert "## 3,000 events" in text
    assert "Same cells from every start-month engine: yes" in text
    assert "Σ best equal to the floor's in every row: yes" in text
    rows = [ln.split(" | ")[0].lstrip("| ") for ln in text.splitlines() if ln.startswith("| ")]
    # The Rust kernel, the floors and the Python door always run (they need only what the
    # test suite installs); a peer runs when installed, else it is named as skipped.
    for engine in [
        "conflictstats-rust (start_month) [i32]",
        "conflictstats-rust (split_even) [i32]",
        "floor-numpy",
        "conflictstats-python",
        "conflictstats-python (split_even)",
        "polars",
    ]:
        assert engine in rows, (engine, rows)
    for engine, module in [("pandas", "pandas"), ("duckdb", "duckdb")]:
        if importlib.util.find_spec(module) is None:
            assert f"skipped: {engine} (not installed: {module}" in p.stderr
            assert engine not in rows
        else:
            assert engine in rows, (engine, rows)


def test_compare_section_replaces_only_its_own_markers(tmp_path: Path) -> None:
    mod = _compare_module()
    out = tmp_path / "RESULTS.md"
    out.write_text(
        "<!-- memory:start -->\nold in-memory table\n<!-- memory:end -->\n\n"
        "<!-- files:start -->\nfile table\n<!-- files:end -->\n\n## Dask\nkept\n"
    )
    mod._write_section(out, "new in-memory table\n")
    assert out.read_text() == (
        "<!-- memory:start -->\nnew in-memory table\n<!-- memory:end -->\n\n"
        "<!-- files:start -->\nfile table\n<!-- files:end -->\n\n## Dask\nkept\n"
    )
    no_markers = tmp_path / "other.md"
    no_markers.write_text("## Hand-written\n")
    with pytest.raises(SystemExit, match="no <!-- memory:start -->"):
        mod._write_section(no_markers, "table\n")
    assert no_markers.read_text() == "## Hand-written\n"


def test_compare_problems_name_engines_that_disagree() -> None:
    mod = _compare_module()

    def row(engine: str, digest: str, best: int) -> dict[str, object]:
        return {"engine": engine, "digest": digest, "sum_best": best, "runs_ms": [1.0]}

    floor = {"engine": "floor-numpy", "sum_best": 10, "runs_ms": [1.0]}
    agree = {3000: [floor, row("polars", "ab", 10), row("conflictstats-python", "ab", 10)]}
    assert mod._problems(agree) == []
    differ = {3000: [floor, row("polars", "ab", 10), row("conflictstats-python", "cd", 9)]}
    problems = mod._problems(differ)
    assert len(problems) == 2
    assert "cells differ" in problems[0] and "conflictstats-python" in problems[0]
    assert "sums best to 9, the floor to 10" in problems[1]
