"""The stubs and annotations type-check a realistic usage file, and catch a wrong one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent


def mypy(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("mypy")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *args],
        capture_output=True,
        text=True,
        cwd=HERE.parents[1],
    )


def test_typed_usage_passes_mypy() -> None:
    out = mypy(str(HERE / "typing_usage.py"))
    assert out.returncode == 0, out.stdout + out.stderr


def test_package_passes_mypy_strict() -> None:
    out = mypy(str(HERE.parent / "conflictstats"))
    assert out.returncode == 0, out.stdout + out.stderr


def test_mypy_sees_the_types(tmp_path: Path) -> None:
    bad = tmp_path / "bad_usage.py"
    bad.write_text(
        "import conflictstats as cs\n"
        "n: int = cs.count()\n"  # a DataFrame, not an int
        "cs.cite(version=25.1)\n",  # version is a string
        encoding="utf-8",
    )
    out = mypy(str(bad))
    assert out.returncode == 1, out.stdout
    assert 'Incompatible types in assignment (expression has type "DataFrame"' in out.stdout
    assert 'Argument "version" to "cite" has incompatible type "float"' in out.stdout


def test_mypy_refuses_keys_outside_the_literal_types(tmp_path: Path) -> None:
    bad = tmp_path / "bad_keys.py"
    bad.write_text(
        "import conflictstats as cs\n"
        'cs.aggregate_events(unit="prio_grid")\n'
        'cs.aggregate_events(period="week")\n'
        'cs.cite(dataset="ucdp-ged")\n'
        'cs.severity(estimate="median")\n'
        'cs.panel_state_year(role="party")\n'
        'cs.diff(dataset="gw-states", from_="25.1", to="25.1")\n'
        "s = cs.severity()\n"
        'x: str = s.vuong["favours"]\n',
        encoding="utf-8",
    )
    out = mypy(str(bad))
    assert out.returncode == 1, out.stdout
    for arg, fn in [
        ("unit", "aggregate_events"),
        ("period", "aggregate_events"),
        ("dataset", "cite"),
        ("estimate", "severity"),
        ("role", "panel_state_year"),
        ("dataset", "diff"),
    ]:
        assert f'Argument "{arg}" to "{fn}" has incompatible type' in out.stdout, (arg, out.stdout)
    assert 'Value of type "Vuong" is not indexable' in out.stdout, out.stdout


def test_stubs_match_the_native_module() -> None:
    # mypy.stubtest: every function, class and signature of _conflictstats.pyi against the
    # compiled module (a stale stub fails).
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "conflictstats._conflictstats"],
        capture_output=True,
        text=True,
        cwd=HERE.parents[1],
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_usage_passes_pyright() -> None:
    # pyright from pip runs offline here once its node runtime is present; skipped otherwise.
    import shutil

    exe = shutil.which("pyright")
    if exe is None:
        pytest.skip("pyright is not installed")
    out = subprocess.run(
        [exe, str(HERE / "typing_usage.py")], capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stdout + out.stderr
