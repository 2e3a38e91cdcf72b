"""Matplotlib drawings of counts, trend results and claim checks (optional dependency:
``conflictstats[plot]``).

Every drawing returns a matplotlib :class:`~matplotlib.axes.Axes` — :func:`plot_counts`,
:meth:`TrendResult.plot <conflictstats.TrendResult.plot>`, :meth:`ClaimCheck.plot
<conflictstats.ClaimCheck.plot>` — never a ``Figure``: its figure is ``ax.figure`` (a claim
check's panels are ``ax.figure.axes``), and Jupyter shows the drawing once.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl
    from matplotlib.axes import Axes

    from ._check import ClaimCheck
    from ._trend import TrendResult

_SHAPE_NAMES = {
    "exponential": "one exponential curve",
    "linear": "one straight line",
    "step": "step (level shift)",
    "regime": "regime change (segmented log-linear)",
    "two_regimes": "two regime changes",
}


def _label(key: str) -> str:
    """A group key as readers write it: ``internationalized_intrastate`` ->
    ``Internationalized intrastate``, ``middle_east`` -> ``Middle East``."""
    special = {"middle_east": "Middle East"}
    return special.get(key, key.replace("_", " ").capitalize())


def plot_counts(counts: pl.DataFrame, ax: Axes | None = None) -> Axes:
    """Counts per year as returned by :func:`conflictstats.count`, one line per group when the
    frame is grouped (``by="region"``/``"type"``/``"intensity"``/``"incompatibility"``), with
    readable labels; the title names the unit and the data release (from the frame's
    provenance), the y axis what is counted.

    Example:
        >>> import conflictstats as cs
        >>> ax = cs.plot_counts(cs.count(by="region", years=(1989, 2024), version="25.1"))
        >>> ax.get_title().startswith("conflicts by region")
        True
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("plotting needs matplotlib: pip install 'conflictstats[plot]'") from err
    from ._metadata import Metadata, provenance
    from ._trend import _count_column
    from .exceptions import SpecError

    col = _count_column(counts)
    if col is None or "year" not in counts.columns:
        raise SpecError("plot_counts takes a frame returned by cs.count (year and a count)")
    groups = [c for c in counts.columns if c not in ("year", col)]
    if ax is None:
        _fig, ax = plt.subplots(figsize=(8, 4.5))
    if groups:
        by = groups[0]
        for key in counts[by].unique(maintain_order=True).to_list():
            part = counts.filter(counts[by] == key)
            ax.plot(part["year"].to_list(), part[col].to_list(), label=_label(str(key)))
        ax.legend(fontsize=8, loc="upper left", title=by)
    else:
        ax.plot(counts["year"].to_list(), counts[col].to_list(), "o-", markersize=3)
    meta: Metadata | None = None
    with contextlib.suppress(LookupError):
        meta = provenance(counts)
    data = meta["dataset"] if meta else None
    release = f" — {data['title']} v{data['version']}" if data else ""
    spec = meta.get("spec") if meta else None
    unit = spec.get("unit") if isinstance(spec, dict) else None
    what = col.replace("_", " ")
    title = f"{what} by {groups[0]}" if groups else what
    ax.set_title(f"{title}{release}" + (f" (unit: {unit})" if unit else ""), fontsize=10)
    ax.set_xlabel("year")
    ax.set_ylabel(f"{what} per year")
    ax.set_ylim(bottom=0)
    return ax


def plot_trend(result: TrendResult, ax: Axes | None = None) -> Axes:
    """The window's counts; the verdict's shape with its 95 % band of the mean and its 95 %
    prediction band for the counts; its break years; the one-curve negative binomial trend
    (dashed); the horizon years marked. Title and axis name the unit and the dataset version."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("plotting needs matplotlib: pip install 'conflictstats[plot]'") from err
    df = result.to_polars()
    if ax is None:
        _fig, ax = plt.subplots(figsize=(8, 4.5))
    years = df["year"].to_list()
    shape = result.shape or "exponential"
    name = _SHAPE_NAMES.get(shape, shape)
    ax.fill_between(
        years,
        df["prediction_low"].to_list(),
        df["prediction_high"].to_list(),
        alpha=0.12,
        step="mid",
        label="95 % prediction band (counts)",
    )
    if df["shape_low"].null_count() == 0:
        ax.fill_between(
            years,
            df["shape_low"].to_list(),
            df["shape_high"].to_list(),
            alpha=0.3,
            label="95 % band of the mean",
        )
    ax.plot(years, df["shape_fitted"].to_list(), linewidth=2, label=f"best supported: {name}")
    lo, hi = result.quoted_interval["low"], result.quoted_interval["high"]
    if shape != "exponential":
        ax.plot(
            years,
            df["fitted"].to_list(),
            linestyle="--",
            linewidth=1,
            label=(
                f"one log-linear curve (negative binomial): {100 * result.growth_rate:+.1f} %/yr "
                f"[{100 * lo:+.1f}, {100 * hi:+.1f}]"
            ),
        )
    for k, (year, (first, last)) in enumerate(
        zip(result.break_years, result.break_intervals or [(y, y) for y in result.break_years])
    ):
        ax.axvline(year - 0.5, color="0.2", linewidth=1, label="break" if k == 0 else None)
        ax.axvspan(first - 0.5, last + 0.5, color="0.5", alpha=0.12, linewidth=0)
    ax.plot(years, df["count"].to_list(), "o-", markersize=3, linewidth=1, label="observed")
    marked = sorted({h.from_year for h in result.horizons} | {result.year})
    label = "horizon years: " + ", ".join(str(y) for y in marked)
    for k, year in enumerate(y for y in marked if years[0] <= y <= years[-1]):
        ax.axvline(year, color="0.4", linestyle=":", linewidth=1, label=label if k == 0 else None)
    ax.set_xlabel("year")
    ax.set_ylabel(f"count per year (unit: {result.unit})" if result.unit else "count per year")
    ax.set_title(result.label, fontsize=10)
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=7, loc="upper left")
    if result.unit_definition:
        ax.annotate(
            f"unit: {result.unit_definition}",
            xy=(0, -0.18),
            xycoords="axes fraction",
            fontsize=7,
            color="0.35",
        )
    return ax


def plot_check(result: ClaimCheck) -> Axes:
    """One panel per ratio part of the claim: every unit's series indexed to the part's base
    year, the values the claim's figure accepts shaded, the ICRC's points overlaid. Returns
    the first panel's Axes; every panel is in ``ax.figure.axes``."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("plotting needs matplotlib: pip install 'conflictstats[plot]'") from err
    ratios = result.claim.get("ratios", [])
    fig, axes = plt.subplots(1, max(1, len(ratios)), figsize=(6 * max(1, len(ratios)), 4.5))
    axes = list(axes) if len(ratios) > 1 else [axes]
    df = result.indexed()
    icrc = result.indexed_icrc
    for ax, part in zip(axes, ratios):
        sub = df.filter(df["part"] == part["said"])
        for unit in sub["unit"].unique(maintain_order=True).to_list():
            s = sub.filter(sub["unit"] == unit)
            ax.plot(s["year"].to_list(), s["index"].to_list(), linewidth=1, label=unit)
        lo = part["value"] * (1 - (part.get("tolerance") or 0.10))
        hi = part["value"] * (1 + (part.get("tolerance") or 0.10))
        if part["qualifier"] == "just_under":
            hi = part["value"]
        ax.axhspan(lo, hi, color="0.85", zorder=0, label=f"{part['said']} ({lo:g}–{hi:g}×)")
        pts = [p for p in icrc if p["part"] == part["said"]]
        if pts:
            ax.plot(
                [p["year"] for p in pts],
                [p["index"] for p in pts],
                "k*",
                markersize=10,
                label="ICRC figures (indexed to the base the claim implies)",
            )
        base = sub["base_year"][0] if len(sub) else None
        ax.set_title(f"“{part['said']}” — indexed to {base}", fontsize=10)
        ax.set_xlabel("year")
        ax.set_ylabel(f"count / count in {base}")
        ax.legend(fontsize=6, loc="upper left", ncol=2)
    fig.suptitle(
        f"{result.claim['source'].get('speaker') or result.claim['id']}, {result.claim['date']}",
        fontsize=10,
    )
    first: Axes = axes[0]
    return first
