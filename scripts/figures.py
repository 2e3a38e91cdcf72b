#!/usr/bin/env python3
"""Renders the README's figures into docs/ (committed PNGs), from the embedded data, each
release pinned.

    python scripts/figures.py                   # every figure into docs/
    python scripts/figures.py --out /tmp/figs   # elsewhere (the test suite does this)
    python scripts/figures.py trend-icrc        # only the figures named

Deterministic: the Agg backend, matplotlib's default style with the DejaVu Sans font that
matplotlib ships, a fixed size and resolution, seeded bootstraps, and no metadata in the PNG
(``Software: None``), so that the same versions of conflictstats and matplotlib write the same
bytes. Adding a figure is one entry in :data:`FIGURES`: a file name, the README's alt text,
and a function returning the matplotlib ``Figure``.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DPI = 110


@dataclass(frozen=True)
class Figure:
    """One README figure: ``docs/<name>.png``."""

    name: str
    alt: str
    draw: Callable[[], Any]  # -> matplotlib.figure.Figure


def _trend_icrc() -> Any:
    """UCDP conflicts, ACD v26.1, 1996–2025: the series the ICRC's "twice as many as 15
    years ago" is read on, with the report's verdict (a step in 2014)."""
    import conflictstats as cs

    t = cs.trend(version="26.1", unit="conflict", year=2025)
    return t.plot().figure


def _check_icrc() -> Any:
    """The ICRC's sentence (2026-03-06) checked on releases 25.1 and 26.1: every unit
    indexed to the base years, the units under which a part holds coloured."""
    import conflictstats as cs

    return cs.check(version=["25.1", "26.1"], bootstrap=200).plot().figure


def _map_2025() -> Any:
    """Where the conflicts of 2025 were fought (ACD v26.1, unit conflict, by location), on
    Natural Earth's 1:110m outlines in the Equal Earth projection."""
    import conflictstats as cs

    return cs.map(year=2025, version="26.1").figure


#: The README's figures, in the order the README shows them.
FIGURES: tuple[Figure, ...] = (
    Figure(
        "trend-icrc",
        "UCDP state-based armed conflicts per year, 1996–2025 (ACD v26.1), with the step in "
        "2014 the trend report prefers and the one log-linear curve",
        _trend_icrc,
    ),
    Figure(
        "check-icrc",
        "The ICRC's 'twice as many as 15 years ago' and 'almost four times as many as 30 "
        "years ago' against every UCDP unit (releases 25.1 and 26.1)",
        _check_icrc,
    ),
    Figure(
        "map_2025",
        "State-based armed conflicts by location, 2025 (UCDP/PRIO ACD v26.1)",
        _map_2025,
    ),
)


def _house_settings() -> None:
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(
        {
            "font.family": "DejaVu Sans",  # shipped with matplotlib
            "svg.hashsalt": "conflictstats",
            "savefig.dpi": DPI,
        }
    )


def render(names: list[str] | None, out: Path) -> list[Path]:
    """Draws the named figures (default: every one) into ``out``; returns the files."""
    _house_settings()
    import matplotlib.pyplot as plt

    unknown = sorted(set(names or []) - {f.name for f in FIGURES})
    if unknown:
        raise SystemExit(f"unknown figure(s) {unknown}; known: {[f.name for f in FIGURES]}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for figure in FIGURES:
        if names and figure.name not in names:
            continue
        with warnings.catch_warnings():
            # the release-status warnings are in the figure's footnote
            warnings.simplefilter("ignore")
            fig = figure.draw()
        path = out / f"{figure.name}.png"
        fig.savefig(path, dpi=DPI, metadata={"Software": None})
        plt.close(fig)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="figures to draw (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="directory (docs/)")
    args = parser.parse_args(argv)
    for path in render(args.names or None, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
