"""The fan chart of :meth:`ForecastResult.plot` (kept apart from the other plots)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

from . import _style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ._forecast import ForecastModel, ForecastResult

_ALPHAS = {"95": 0.15, "80": 0.25, "50": 0.4}


def fan_chart(r: ForecastResult, models: tuple[ForecastModel, ...], ax: Axes | None) -> Axes:
    """In the house style (:mod:`._style`): each model's median and bands in one colour, the
    legend outside the axes, the release in the title and the source line."""
    ax = _style.new_axes(ax)
    s = r.series.filter(pl.col("year") >= r.window[0])
    ax.plot(
        s["year"], s["count"], color=_style.COLOURS["observed"], marker="o", ms=3, label="observed"
    )
    crps = {}
    if r.scores.height:
        crps = {m: v for m, v in r.scores.group_by("model").agg(pl.col("crps").mean()).iter_rows()}
    for i, m in enumerate(models):
        f = r.forecasts.filter(pl.col("model") == m).sort("year")
        if f.height == 0:
            continue
        style = _style.series_style(i)
        c = style["color"]
        years = [r.origin, *f["year"].to_list()]
        last = float(s["count"][-1])
        for level, a in _ALPHAS.items():
            lo = [last, *f[f"low{level}"].to_list()]
            hi = [last, *f[f"high{level}"].to_list()]
            ax.fill_between(years, lo, hi, color=c, alpha=a, linewidth=0)
        label = m if m not in crps else f"{m} (backtest mean CRPS {crps[m]:.2f})"
        ax.plot(years, [last, *f["median"].to_list()], label=label, **style)
    observed = r.forecasts.filter(pl.col("observed").is_not_null())
    if observed.height:
        ax.scatter(observed["year"], observed["observed"], color="black", zorder=3)
    ax.set_xlabel("year")
    ax.set_ylabel(f"count ({r.unit})")
    release = _style.release(r.dataset)
    _style.set_title(
        ax,
        f"Forecasts from {r.origin}, unit {r.unit} — {release}",
        "median, 50/80/95 % intervals (parametric bootstrap)",
        keep=[release],
    )
    _style.legend_outside(ax)
    _style.add_source(ax, [r.dataset], notes=[r.method.split(":")[0] + "."])
    return ax
