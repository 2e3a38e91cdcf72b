"""The scripts in examples/ run and give sensible results."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_onset_logit_on_peace_years_converges() -> None:
    # ACD v25.1 state-year panel: with peace years counted before t, the logit of onset on
    # peace years and cubic terms is identified (before: peace_years was 0 in every onset year,
    # perfect separation, coefficient -24 with SE 3,455 and no convergence).
    pytest.importorskip("statsmodels")
    spec = importlib.util.spec_from_file_location(
        "onset_logit", ROOT / "examples" / "onset_logit.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = mod.main()
    assert out["converged"]
    assert out["onsets"] > 250
    # Onset risk falls with the length of peace, estimated with a finite standard error.
    assert out["peace_decades"] < 0
    assert out["peace_decades_se"] < 1.0
