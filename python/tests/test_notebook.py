"""examples/quickstart.ipynb runs end to end (so it cannot rot) and shows the real figures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")


def outputs_text(cell: dict) -> str:  # type: ignore[type-arg]
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        data = out.get("data", {})
        parts.extend(data.get(k, "") for k in ("text/plain", "text/html"))
    return "\n".join(parts)


def test_quickstart_notebook_executes(root: Path) -> None:
    # The kernel draws with matplotlib's inline backend (Agg rendering, no display needed).
    path = root / "examples" / "quickstart.ipynb"
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    client.execute(env=env)
    text = "\n".join(outputs_text(c) for c in nb.cells if c.cell_type == "code")
    assert "2024: 61 conflicts, 11 wars, in 36 countries" in text
    assert "61 in 2024, 1.65× the 37 of 2009 (15 years)" in text
    assert "conflictstats-trend" in text  # the rich HTML report was displayed
    assert "@article{gleditsch2002armed" in text
    figures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(figures) == 1  # the trend plot
