"""The docstring examples of the installed package run and give the figures they show."""

from __future__ import annotations

import doctest
import importlib

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "conflictstats",
        "conflictstats._api",
        "conflictstats._check",
        "conflictstats._flows",
        "conflictstats._map",
        "conflictstats._metadata",
        "conflictstats._panel",
        "conflictstats._partial",
        "conflictstats._plot",
        "conflictstats._style",
        "conflictstats.dask",
        "conflictstats.exceptions",
    ],
)
def test_docstring_examples(module: str) -> None:
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0, f"{module} has no examples"
    assert result.failed == 0
