"""No panic, abort or stray exception crosses the FFI boundary: every public entry point is
driven with hostile arguments (wrong types, None, negative and huge numbers, empty frames) and
must either work or raise a ConflictStatsError subclass (never InternalError, the wrapped Rust
panic), TypeError or ValueError.

Each entry point runs in a child interpreter, so that a crash of the native module (an abort
on a huge allocation, a segfault) fails its test instead of killing the test run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

HOSTILE = """
import math
import polars as pl
import pandas as pd
import conflictstats as cs

acd = cs.load()
HOSTILE = [
    None, True, -1, -10**6, 10**9, 2**70, 1.5, math.nan, math.inf, "", "x", "../../etc/passwd",
    b"bytes", [], [None], {}, {"a": 1}, object(), (2024,), (2024, 1990), (-5, 10**6),
    (None, None), pl.DataFrame(), pd.DataFrame(), acd.head(0), acd.select("year"),
    acd.with_columns(pl.col("year").cast(pl.String)), pl.DataFrame({"year": [2024], "count": [-1]}),
]
"""

CALLS = {
    "load": "cs.load(v)",
    "load_version": "cs.load('ucdp-acd', version=v)",
    "count_dataset": "cs.count(dataset=v)",
    "count_version": "cs.count(version=v)",
    "count_unit": "cs.count(unit=v)",
    "count_by": "cs.count(by=v)",
    "count_years": "cs.count(years=v)",
    "count_filters": "cs.count(type=v, region=v)",
    "count_persistence": "cs.count(unit='legal_relationship', persistence=v)",
    "trend_dataset": "cs.trend(dataset=v)",
    "trend_year": "cs.trend(year=v)",
    "trend_horizons": "cs.trend(horizons=v)",
    "trend_horizons_items": "cs.trend(horizons=[v])",
    "trend_window": "cs.trend(years=v)",
    "trend_bootstrap": "cs.trend(bootstrap=v)",
    "trend_seed": "cs.trend(seed=v, bootstrap=20)",
    "cite": "cs.cite(v)",
    "cite_version": "cs.cite('ucdp-acd', version=v)",
    "fetch": "cs.fetch(v, offline=True)",
    "fetch_version": "cs.fetch('ucdp-acd', version=v, offline=True, base_url='http://127.0.0.1:9')",
    "fetch_base_url": "cs.fetch('ucdp-acd', '26.1', offline=True, base_url=v)",
    "fetch_timeout": "cs.fetch('ucdp-acd', '26.1', offline=True, timeout=v, connect_timeout=v)",
    "datasets": "cs.datasets() if v is None else cs.datasets(v)",
    "panel_state_year_years": "cs.panel_state_year(years=v)",
    "panel_state_year_gap": "cs.panel_state_year(gap=v)",
    "panel_dyad_year": "cs.panel_dyad_year(years=(2023, 2024), directed=v)",
    "panel_conflict_year": "cs.panel_conflict_year(version=v)",
    "aggregate_events_unit": "cs.aggregate_events(unit=v, period=v)",
    "aggregate_events_prec": "cs.aggregate_events(max_date_prec=v)",
    "aggregate_events_path": "cs.aggregate_events(path=v)",
    "aggregate_events_frame": "cs.aggregate_events(events=v)",
}


def _sweep(call: str) -> subprocess.CompletedProcess[str]:
    script = HOSTILE + textwrap.dedent(
        f"""
        bad = []
        for v in HOSTILE:
            try:
                {call}
            except cs.InternalError as err:
                bad.append(f"{{v!r:.40}}: InternalError {{err}}")
            except (cs.ConflictStatsError, TypeError, ValueError):
                pass
            except BaseException as err:
                bad.append(f"{{v!r:.40}}: {{type(err).__name__}} {{err}}")
        print("\\n".join(bad))
        """
    )
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "python"), *filter(None, [env.get("PYTHONPATH")])]
    )
    env.setdefault("RUST_BACKTRACE", "0")
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


# Known gaps of the bindings, each a strict xfail (it turns into a failure once fixed, so that
# the entry is removed): name -> what escapes instead of a typed error. Out-of-range integers
# (PyO3's OverflowError) are turned into SpecError by the entry points' argument guard.
KNOWN: dict[str, str] = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason=KNOWN[n])) if n in KNOWN else n
        for n in CALLS
    ],
)
def test_hostile_arguments_raise_typed_errors(name: str) -> None:
    done = _sweep(CALLS[name])
    assert done.returncode == 0, f"{name}: the interpreter died:\n{done.stderr[-2000:]}"
    assert done.stdout.strip() == "", f"{name}: untyped failures:\n{done.stdout}"


def test_the_sweep_detects_a_panic() -> None:
    """The harness itself: a Rust panic is InternalError and is reported."""
    done = _sweep("cs._conflictstats._panic_for_tests()")
    assert done.returncode == 0
    assert "InternalError" in done.stdout
