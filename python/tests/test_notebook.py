"""The notebooks in examples/ run end to end (so they cannot rot), show the real figures, and
are committed without outputs (so no stale output is ever shown on GitHub: the figures a
reader sees are the ones this test checks, produced by running the notebook)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.ipynb"))


def outputs_text(cell: dict) -> str:  # type: ignore[type-arg]
    parts = []
    for out in cell.get("outputs", []):
        if "text" in out:
            parts.append(out["text"])
        data = out.get("data", {})
        parts.extend(data.get(k, "") for k in ("text/plain", "text/html"))
    return "\n".join(parts)


def execute(root: Path, name: str) -> Any:
    """The notebook executed in a fresh kernel (matplotlib's inline backend: Agg rendering,
    no display needed)."""
    nb = nbformat.read(root / "examples" / name, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(root)}}
    )
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    client.execute(env=env)
    return nb


def test_the_examples_are_the_notebooks_checked_here() -> None:
    assert [p.name for p in NOTEBOOKS] == ["maps.ipynb", "panels.ipynb", "quickstart.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path: Path) -> None:
    # One rule for every notebook: no outputs, no execution counts (clear them with
    # `jupyter nbconvert --clear-output --inplace examples/*.ipynb`). The outputs a reader
    # sees are produced by running it, on the installed release, never stale.
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [
        i
        for i, c in enumerate(nb["cells"])
        if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count") is not None)
    ]
    assert dirty == [], f"{path.name}: cells {dirty} hold outputs; clear them"


def test_quickstart_notebook_executes(root: Path) -> None:
    nb = execute(root, "quickstart.ipynb")
    text = "\n".join(outputs_text(c) for c in nb.cells if c.cell_type == "code")
    assert "2024: 61 conflicts, 11 wars, in 36 countries" in text
    assert "61 in 2024, 1.65× the 37 of 2009 (15 years)" in text
    assert "conflictstats-trend" in text  # the rich HTML report was displayed
    assert "@article{gleditsch2002armed" in text
    figures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(figures) == 1  # the trend plot


def test_panels_notebook_executes(root: Path) -> None:
    # ACD v25.1, pinned in the notebook: the state-year panel's figures as the notebook prints.
    nb = execute(root, "panels.ipynb")
    text = "\n".join(outputs_text(c) for c in nb.cells if c.cell_type == "code")
    assert "2024 174 states" in text
    assert "6224 9561 22017" in text  # GED sample 23.1: totals kept by the aggregation
    assert "gwcode" in text and "country_id" not in text  # the panels' G&W column name
    assert "peace_years_onset" not in text
    figures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(figures) == 1


def test_maps_notebook_executes(root: Path) -> None:
    # ACD v26.1, BRD v25.1 and the GED 23.1 sample, pinned in the notebook: the 2025 map, a
    # deaths map and a PRIO-GRID map, offline.
    nb = execute(root, "maps.ipynb")
    text = "\n".join(outputs_text(c) for c in nb.cells if c.cell_type == "code")
    assert "37 countries with a conflict in 2025; 37 by cs.count" in text
    assert "W. Sahara" in text
    assert "9561 deaths" in text  # GED 23.1 sample: best estimates summed
    figures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    assert len(figures) == 3  # the 2025 map, the deaths map, the PRIO-GRID map
