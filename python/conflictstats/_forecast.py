"""cs.forecast and its result object: presentation around the core's ForecastReport.

Every figure is computed by the Rust core (``conflictstats::trend::forecast``): each trend
model's predictive distribution of the next years' count (a seeded parametric bootstrap with
refits, break years searched again on each replicate), the rolling-origin backtest with its
proper scores and the predictive verdict, and the release test. The result crosses the
boundary as a native object with typed getters and polars DataFrames.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

import polars as pl

from . import _conflictstats as _native
from ._metadata import ProvenanceDict, UnitKey, plain
from .exceptions import integer_arguments_in_range

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: A forecasting model: the trend report's models and two naive baselines.
ForecastModel = Literal[
    "exponential_negbin",
    "exponential_poisson",
    "linear",
    "step",
    "regime",
    "two_regimes",
    "last_value",
    "mean_of_last",
]


@dataclass(frozen=True)
class PredictiveVerdict:
    """Which model forecasts best out of sample (lowest mean CRPS), and how exponential
    fares against the step and the naive baselines (``sentence``)."""

    best_h1: ForecastModel
    best_overall: ForecastModel
    exponential: ForecastModel
    sentence: str


@dataclass(frozen=True)
class ReleaseTest:
    """Fitted on one release, scored on the next: the later release, the counts revised
    between the two ``(year, previous, next)``, and one sentence."""

    next: ProvenanceDict
    revisions: list[tuple[int, float, float]]
    sentence: str


class ForecastResult:
    """Forecasts of one counted series from every trend model.

    Attributes:
        label: The counted series and its unit.
        unit: The counting unit's key, e.g. ``"conflict"``.
        dataset: Provenance of the counted release.
        origin: The last year fitted.
        window: ``(first, last)`` year of the fit window.
        method: How the intervals are made, in words.
        forecasts: One row per model and future year: ``model``, ``year``, ``horizon``,
            ``fitted_mean`` (the model's mean), ``fitted_mean_low``/``_high`` (95 % Wald
            interval of that mean, GLM models only), ``mean``, ``median``, ``low50`` …
            ``high95`` (predictive intervals), ``observed`` (null until observed).
        series: The counted series up to the origin: ``year``, ``count``.
        scores: Backtest scores per model and horizon (``crps``, ``log_score``,
            ``coverage50/80/95``, ``interval_score50/80/95``, ``mae_median``, ``n``).
        cases: Every scored backtest forecast.
        release_cases: The release test's scored forecasts.
        verdict: The predictive verdict (``None`` without a backtest).
        backtest_years: ``(first, last)`` origin of the backtest (``None`` without one).
        autocorrelation: Per trend model, the residual autocorrelation note (stated, not
            modelled).
        break_years: Per break model, its break years on the data.
        release_test: The release test, when a later release scored the forecast.
    """

    def __init__(self, native: _native.ForecastReport) -> None:
        self._native = native
        self.label: str = native.label
        self.unit: UnitKey = cast("UnitKey", native.unit.key)
        self.dataset: ProvenanceDict = plain(native.dataset)
        self.origin: int = native.origin
        self.window: tuple[int, int] = native.window
        self.method: str = native.method
        self.forecasts: pl.DataFrame = native.forecasts()
        self.series: pl.DataFrame = native.series()
        self.scores: pl.DataFrame = native.scores()
        self.cases: pl.DataFrame = native.cases()
        self.release_cases: pl.DataFrame = native.release_cases()
        v = native.verdict
        self.verdict: PredictiveVerdict | None = (
            None if v is None else PredictiveVerdict(v[0], v[1], v[2], v[3])
        )
        self.autocorrelation: dict[ForecastModel, str] = dict(native.autocorrelation)
        self.break_years: dict[ForecastModel, list[int]] = dict(native.break_years)
        r = native.release_test
        self.release_test: ReleaseTest | None = (
            None if r is None else ReleaseTest(plain(r[0]), list(r[1]), r[2])
        )
        self.backtest_years: tuple[int, int] | None = native.backtest_years
        self.notes: list[str] = list(native.notes)

    @property
    def release(self) -> str:
        """The counted release, e.g. ``"ucdp-acd v26.1"``."""
        return f"{self.dataset['name']} v{self.dataset['version']}"

    def text(self) -> str:
        """The terminal report (as ``conflictstats forecast``)."""
        return self._native.render_text()

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain data (the CLI's JSON result)."""
        return cast("dict[str, Any]", json.loads(self._native.json()))

    def __repr__(self) -> str:
        return f"<ForecastResult {self.label}: from {self.origin}, {self.forecasts.height} rows>"

    def _repr_html_(self) -> str:
        esc = html.escape
        rows = "".join(
            "<tr>" + "".join(f"<td>{esc(str(v))}</td>" for v in row) + "</tr>"
            for row in self.forecasts.select(
                "model", "year", "median", "low80", "high80", "low95", "high95"
            ).iter_rows()
        )
        verdict = f"<p>{esc(self.verdict.sentence)}</p>" if self.verdict else ""
        return (
            f"<div><b>Forecasts: {esc(self.label)}</b> (unit {esc(self.unit)}, from "
            f"{self.origin}, fitted {self.window[0]}–{self.window[1]})"
            "<table><tr><th>model</th><th>year</th><th>median</th><th>80 % low</th>"
            "<th>80 % high</th><th>95 % low</th><th>95 % high</th></tr>"
            f"{rows}</table>{verdict}<p><small>{esc(self.method)}</small></p></div>"
        )

    def plot(
        self,
        models: tuple[ForecastModel, ...] = ("exponential_negbin", "step", "last_value"),
        ax: Axes | None = None,
    ) -> Axes:
        """A fan chart: the observed series, then each model's median with its 50/80/95 %
        intervals beyond it; the backtest's mean CRPS in the legend; the dataset and release
        in a source line. Returns the Axes."""
        from ._forecast_plot import fan_chart

        return fan_chart(self, models, ax)


@integer_arguments_in_range
def forecast(
    unit: UnitKey = "conflict",
    *,
    version: str | None = None,
    persistence: int = 0,
    horizon: int = 5,
    origin: int | None = None,
    window_years: int = 30,
    backtest: int | None = 2000,
    against: str | None = None,
    bootstrap: int = 1000,
    seed: int = 42,
    mean_of_last: int = 5,
    min_segment: int = 5,
) -> ForecastResult:
    """Forecasts from every trend model, scored out of sample (as ``conflictstats forecast``).

    ``backtest`` is the first origin of the rolling-origin backtest (``None``: none);
    ``against`` a later release to score the forecast on (default: the next embedded
    release, when the counted one ends at the origin).

    >>> import conflictstats as cs
    >>> f = cs.forecast(version="26.1", backtest=None, bootstrap=200)
    >>> f.origin, f.forecasts["year"].max()
    (2025, 2030)
    """
    return ForecastResult(
        _native.forecast(
            unit,
            version=version,
            persistence=persistence,
            horizon=horizon,
            origin=origin,
            window_years=window_years,
            backtest=backtest,
            against=against,
            bootstrap=bootstrap,
            seed=seed,
            mean_of_last=mean_of_last,
            min_segment=min_segment,
        )
    )
