"""The fan chart of :meth:`ForecastResult.plot` (kept apart from the other plots)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ._forecast import ForecastModel, ForecastResult

_ALPHAS = {"95": 0.15, "80": 0.25, "50": 0.4}


def fan_chart(r: ForecastResult, models: tuple[ForecastModel, ...], ax: Axes | None) -> Axes:
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.5))
    s = r.series.filter(pl.col("year") >= r.window[0])
    ax.plot(s["year"], s["count"], color="black", marker="o", ms=3, label="observed")
    crps = {}
    if r.scores.height:
        crps = {m: v for m, v in r.scores.group_by("model").agg(pl.col("crps").mean()).iter_rows()}
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, m in enumerate(models):
        f = r.forecasts.filter(pl.col("model") == m).sort("year")
        if f.height == 0:
            continue
        c = colors[i % len(colors)]
        years = [r.origin, *f["year"].to_list()]
        last = float(s["count"][-1])
        for level, a in _ALPHAS.items():
            lo = [last, *f[f"low{level}"].to_list()]
            hi = [last, *f[f"high{level}"].to_list()]
            ax.fill_between(years, lo, hi, color=c, alpha=a, linewidth=0)
        label = m if m not in crps else f"{m} (backtest mean CRPS {crps[m]:.2f})"
        ax.plot(years, [last, *f["median"].to_list()], color=c, label=label)
    observed = r.forecasts.filter(pl.col("observed").is_not_null())
    if observed.height:
        ax.scatter(observed["year"], observed["observed"], color="black", zorder=3)
    ax.set_xlabel("year")
    ax.set_ylabel(f"count ({r.unit})")
    ax.set_title(f"Forecasts from {r.origin}: median, 50/80/95 % intervals")
    ax.legend(fontsize="small", loc="upper left")
    ax.annotate(
        f"Source: {r.release} ({r.dataset['title']}); {r.method.split(':')[0]}",
        xy=(0, -0.15),
        xycoords="axes fraction",
        fontsize="x-small",
        va="top",
    )
    return ax
