"""The file benchmark (benches/compare_files.py) in its smoke mode, so the harness cannot break
unnoticed: a 2,000-event GED-layout file (the GED 23.1 sample repeated), one repeat, every
engine that is installed (a missing peer is named and skipped), the same cells from every
engine and read, and each conflictstats engine's second read from its cached columns."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_compare_files_smoke(cli: Path, tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "benches" / "compare_files.py"), "--smoke", "--cli", str(cli)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Same cells from every engine and read: yes." in out.stdout, out.stdout
    assert "| conflictstats-cli |" in out.stdout, out.stdout
    for line in out.stdout.splitlines():
        if line.startswith("skipped:"):
            assert "not installed" in line or "no CLI binary" in line, line
    # The 2,000-event file's cells, as the CLI and every peer give them.
    assert "| 2,000 events" not in out.stdout  # headings are "### 2,000 events (… MB)"
    assert "### 2,000 events" in out.stdout
