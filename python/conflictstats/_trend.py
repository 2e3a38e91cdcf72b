"""cs.trend and its result object: presentation around the core's TrendReport.

Every figure is computed by the Rust core (``conflictstats::trend``). The report crosses the
boundary as a native object with typed getters (horizons, fits, AIC, HAC, provenance: native
mirrors of the Rust structs, turned into the dataclass and ``TypedDict`` s below field by
field), and the fitted window as a polars DataFrame. The shape comparison, models table,
sections, bootstrap and diagnostics cross the same way (``to_dict()`` is the report's JSON,
as the CLI prints it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union

import polars as pl

from . import _conflictstats as _native
from ._api import DataSource, FileSources, _filters, _source, _sources
from ._forecast import PredictiveVerdict
from ._metadata import ProvenanceDict, UnitKey, counted, plain
from ._vocab import renamed
from .exceptions import SpecError, integer_arguments_in_range

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: ``bootstrap=``: ``None``/``False`` (no bootstrap), ``True`` (the core's default, 1,000
#: replicates, as the CLI) or a number of replicates.
Bootstrap = Union[None, bool, int]


@dataclass(frozen=True)
class Horizon:
    """The count in ``to_year`` against ``from_year = to_year - years``.

    ``ratio``, ``cagr`` (compound annual growth rate) and ``doubling_time_years`` are ``None``
    where undefined (a zero at the start, or no growth), never ``inf``.
    """

    years: int
    from_year: int
    from_count: float
    to_year: int
    to_count: float
    change: float
    ratio: float | None
    cagr: float | None
    doubling_time_years: float | None


def _horizon(h: _native.Horizon) -> Horizon:
    return Horizon(**{f.name: getattr(h, f.name) for f in fields(Horizon)})


class PoissonFit(TypedDict):
    """The log-linear Poisson fit (``trend::PoissonFit``): growth ``exp(slope) - 1`` with its
    Wald (``ci_*``), profile-likelihood and quasi-Poisson intervals."""

    center_year: float
    intercept: float
    slope: float
    slope_se: float
    growth_rate: float
    ci_low: float
    ci_high: float
    doubling_time_years: float | None
    doubling_ci_low: float | None
    doubling_ci_high: float | None
    profile_ci_low: float | None
    profile_ci_high: float | None
    dispersion: float | None
    quasi_ci_low: float | None
    quasi_ci_high: float | None
    deviance: float
    pearson_chi2: float
    log_likelihood: float
    aic: float
    iterations: int


class NegBinFit(TypedDict):
    """The log-linear negative binomial fit (``trend::NegBinFit``), ``alpha`` its
    overdispersion."""

    center_year: float
    intercept: float
    slope: float
    slope_se: float
    growth_rate: float
    ci_low: float
    ci_high: float
    doubling_time_years: float | None
    doubling_ci_low: float | None
    doubling_ci_high: float | None
    alpha: float
    alpha_se: float | None
    alpha_at_boundary: bool
    log_likelihood: float
    aic: float


class LinearFit(TypedDict):
    """The straight-line (identity-link) Poisson fit (``trend::LinearFit``)."""

    center_year: float
    intercept: float
    slope: float
    log_likelihood: float
    aic: float
    iterations: int


#: Which mean model the AIC prefers, one log-linear curve or a straight line
#: (:attr:`TrendResult.exponential_vs_linear`, ``AicComparison["verdict"]``). Not the report's
#: verdict on the shape of the series, which is :attr:`TrendResult.shape` (a step, regime
#: changes, ... are compared there too).
Verdict = Literal["exponential", "linear", "indistinguishable", "undetermined"]


class AicComparison(TypedDict):
    """Exponential against linear by AIC (``trend::AicComparison``); ``delta`` > 0 favours
    the exponential."""

    linear: float | None
    loglinear: float
    delta: float | None
    c_hat: float
    qaic_delta: float | None
    verdict: Verdict
    note: str | None


class HacInterval(TypedDict):
    """The HAC (Newey–West) interval of one growth rate."""

    slope_se: float
    ci_low: float
    ci_high: float


class HacSummary(TypedDict):
    """The HAC intervals of the log-linear growth rates (``trend::HacSummary``)."""

    lags: int
    lags_by_rule: bool
    poisson: HacInterval | None
    negbin: HacInterval | None


class QuotedInterval(TypedDict):
    """The growth-rate interval the statement quotes (``method``, ``low``, ``high``)."""

    method: str
    low: float
    high: float


#: A shape of the yearly counts (``trend::Shape``).
Shape = Literal["exponential", "linear", "step", "regime", "two_regimes"]

#: How a growth-rate interval was computed (``trend::IntervalMethod``).
IntervalMethod = Literal[
    "wald",
    "profile_likelihood",
    "quasi_poisson",
    "hac",
    "parametric_bootstrap",
    "block_bootstrap",
]


class Interval(TypedDict):
    """A 95 % percentile interval over the valid bootstrap replicates (``low``/``high``
    ``None`` with fewer than two)."""

    low: float | None
    high: float | None
    valid: int


class HorizonInterval(TypedDict):
    """Bootstrap intervals of one horizon ratio."""

    years: int
    parametric: Interval
    block: Interval


class BootstrapSummary(TypedDict):
    """The parametric (negative binomial) and moving-block bootstrap of a trend
    (``trend::BootstrapSummary``)."""

    replicates: int
    seed: int
    block_length: int
    parametric_alpha: float
    growth_parametric: Interval
    growth_block: Interval
    horizons: list[HorizonInterval]


class LjungBox(TypedDict):
    """Ljung–Box on the Pearson residuals: ``lags`` tested, ``statistic`` Q, ``p_value``."""

    lags: int
    statistic: float
    p_value: float
    lags_by_rule: bool


class Diagnostics(TypedDict):
    """Residual diagnostics of one fit (``trend::Diagnostics``): autocorrelations, Ljung–Box,
    Pearson dispersion and its p-value, plain-words warnings."""

    acf: list[float]
    ljung_box: LjungBox
    dispersion: float | None
    dispersion_p_value: float | None
    warnings: list[str]


class FitDiagnostics(TypedDict):
    """Residual diagnostics of the one-curve fits."""

    poisson: Diagnostics
    negbin: Diagnostics
    linear: Diagnostics | None


class YearInterval(TypedDict):
    """A 95 % interval of break years, inclusive."""

    low: int
    high: int


class Segment(TypedDict):
    """One regime of a break model, ``from_year`` to ``to_year`` (``from``/``to`` in the
    JSON), with its fitted levels and, log-linear, its growth and Wald and HAC intervals."""

    from_year: int
    to_year: int
    level_start: float
    level_end: float
    growth_rate: float | None
    growth_ci: tuple[float, float] | None
    growth_hac_ci: tuple[float, float] | None


class ProfilePoint(TypedDict):
    """The maximised log-likelihood with the break at ``year``."""

    year: int
    log_likelihood: float


class BreakFit(TypedDict):
    """A break model at its best break year(s) (``trend::BreakFit``)."""

    shape: Shape
    break_years: list[int]
    segments: list[Segment]
    parameters: int
    log_likelihood: float
    aic: float
    bic: float
    qaic: float
    profile: list[list[ProfilePoint]]
    profile_intervals: list[YearInterval]
    bootstrap_intervals: list[YearInterval]
    diagnostics: Diagnostics
    fitted: list[float]
    fitted_band: list[tuple[float, float]]


class BootstrapP(TypedDict):
    """A bootstrap p-value with its Monte-Carlo standard error and the valid replicates."""

    p_value: float
    mc_se: float
    valid: int


class NoBreakTest(TypedDict):
    """No break against one regime change at an unknown year: the sup-LR statistic, the
    (wrong, shown for contrast) naive χ² p-value and the bootstrap p-values."""

    statistic: float
    break_year: int
    naive_p_value: float
    parametric: BootstrapP | None
    block: BootstrapP | None
    replicates: int
    block_length: int
    seed: int


class LrTest(TypedDict):
    """A likelihood-ratio test of nested shapes."""

    null: Shape
    alternative: Shape
    statistic: float
    df: int
    p_value: float


class ShapeVerdict(TypedDict):
    """Which shape, its break years and their 95 % intervals, in one sentence."""

    shape: Shape
    break_years: list[int]
    break_intervals: list[YearInterval]
    interval_method: str | None
    no_break_p_value: float | None
    sentence: str


class SimpleFit(TypedDict):
    """A no-break model's likelihood figures."""

    shape: Shape
    log_likelihood: float
    aic: float
    bic: float
    qaic: float


class ShapeComparison(TypedDict):
    """Every shape on one window (``trend::ShapeComparison``)."""

    window_start: int
    window_end: int
    min_segment: int
    c_hat: float
    exponential: SimpleFit
    linear: SimpleFit | None
    breaks: list[BreakFit]
    no_break: NoBreakTest | None
    step_vs_regime: LrTest | None
    verdict: ShapeVerdict
    notes: list[str]


class NamedInterval(TypedDict):
    """A 95 % interval of a growth rate and how it was computed."""

    method: IntervalMethod
    low: float
    high: float


class ModelRow(TypedDict):
    """One fitted model of the report (``trend::ModelRow``): the row every models table is
    drawn from."""

    key: str
    name: str
    shape: Shape
    likelihood: str
    parameters: int
    log_likelihood: float
    aic: float
    delta_aic: float
    bic: float
    growth_rate: float | None
    intervals: list[NamedInterval]
    break_years: list[int]
    break_intervals: list[YearInterval]
    summary: str
    diagnostics: Diagnostics
    chosen: bool


class Section(TypedDict):
    """One part of the report as a table of formatted cells (``trend::Section``)."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str]


class TrendResult:
    """A trend report: horizons, every fitted model in one list (one log-linear curve with
    negative binomial and Poisson noise, a straight line, a step, one and two regime changes),
    residual diagnostics, HAC and bootstrap intervals, the no-break test and the verdict on the
    shape, with unit and dataset.

    Attributes:
        label: What is counted, with the dataset and version.
        unit: The counting unit's key (``"conflict"``), or ``None`` for a user series.
        unit_definition: The unit's one-line definition, or ``None``.
        dataset: The dataset's provenance (name, version, sha256, source, status, citation),
            or ``None`` for a user series.
        year: The year *Y* compared with the horizons.
        count: The count in *Y*.
        window: The fitted window ``(first, last)``.
        horizons: One :class:`Horizon` per horizon.
        growth_rate: Annual growth of the negative binomial trend, ``exp(slope) - 1``.
        growth_ci: Its 95 % interval.
        doubling_time_years: ``ln 2 / slope`` (``None`` unless the trend grows).
        shape: The report's verdict: the best-supported shape, ``"exponential"``,
            ``"linear"``, ``"step"``, ``"regime"`` or ``"two_regimes"`` (``None`` without the
            shape comparison); ``verdict_sentence`` says it in words.
        verdict_sentence: The report's "Verdict:" line (``None`` without the shape
            comparison).
        exponential_vs_linear: Only one curve against a straight line, by AIC:
            ``"exponential"``, ``"linear"``, ``"indistinguishable"`` or ``"undetermined"``
            (:data:`Verdict`). A series can favour the exponential curve over the line and
            still be better described by a step: the report's verdict is :attr:`shape`.
        break_years: Its break years (first years of the new regimes).
        break_intervals: Their 95 % intervals, ``(first, last)`` year.
        models: Every fitted model, one :class:`ModelRow` each (the list the tables are
            drawn from): ``key``, ``name``, ``shape``, ``parameters``, ``log_likelihood``,
            ``aic``, ``delta_aic``, ``bic``, ``growth_rate``, ``intervals``, ``break_years``,
            ``diagnostics``, ``chosen``.
        quoted_interval: The growth-rate interval the statement quotes (``method``, ``low``,
            ``high``): the widest that allows for autocorrelated years.
        warnings: Plain-words warnings about failed assumptions.
        sections: The report's tables (``key``, ``title``, ``columns``, ``rows``, ``notes``).
        poisson, negbin, linear, aic, bootstrap, hac, diagnostics, shapes: The full results as
            typed dictionaries (:class:`PoissonFit`, :class:`NegBinFit`, :class:`LinearFit`,
            :class:`AicComparison`, :class:`BootstrapSummary`, :class:`HacSummary`,
            :class:`FitDiagnostics`, :class:`ShapeComparison`), the Rust structs' fields.

    Example:
        >>> import conflictstats as cs
        >>> t = cs.trend("ucdp-acd", version="25.1", unit="conflict", year=2024)
        >>> t.window, t.count
        ((1995, 2024), 61.0)
        >>> h15 = t.horizons[0]
        >>> (h15.from_year, h15.from_count, round(h15.ratio, 2))
        (2009, 37.0, 1.65)
        >>> "61 in 2024, 1.65× the 37 of 2009 (15 years)" in t.statement()
        True
        >>> t.to_polars().columns[:5]
        ['year', 'count', 'fitted', 'fitted_low', 'fitted_high']
        >>> t.shape, t.break_years
        ('step', [2014])
    """

    def __init__(self, native: _native.TrendReport) -> None:
        self._native = native
        n = native
        self.label: str = n.label
        unit = n.unit
        self.unit: str | None = unit.key if unit else None
        self.unit_definition: str | None = unit.definition if unit else None
        self.dataset: ProvenanceDict | None = plain(n.dataset)
        #: What else the report read: the unit's further datasets and those of its added
        #: parts (the G&W state list of the stock-and-flow part).
        self.other_datasets: list[ProvenanceDict] = plain(n.other_datasets)
        self.year: int = n.year
        self.count: float = n.count
        self.window: tuple[int, int] = (n.window_start, n.window_end)
        self.confidence_level: float = n.confidence_level
        self.horizons: list[Horizon] = [_horizon(h) for h in n.horizons]
        self.poisson: PoissonFit = plain(n.poisson)
        self.negbin: NegBinFit = plain(n.negbin)
        self.linear: LinearFit | None = plain(n.linear)
        self.aic: AicComparison = plain(n.aic)
        self.growth_rate: float = self.negbin["growth_rate"]
        self.growth_ci: tuple[float, float] = (self.negbin["ci_low"], self.negbin["ci_high"])
        self.doubling_time_years: float | None = self.negbin["doubling_time_years"]
        self.exponential_vs_linear: Verdict = self.aic["verdict"]
        self.hac: HacSummary = plain(n.hac)
        self.quoted_interval: QuotedInterval = plain(n.quoted)
        self.warnings: list[str] = n.assumption_warnings
        self.bootstrap: BootstrapSummary | None = plain(n.bootstrap)
        self.diagnostics: FitDiagnostics = plain(n.diagnostics)
        self.shapes: ShapeComparison | None = plain(n.shapes)
        self.models: list[ModelRow] = plain(n.models)
        self.sections: list[Section] = plain(n.sections)
        verdict = self.shapes["verdict"] if self.shapes else None
        self.shape: Shape | None = verdict["shape"] if verdict else None
        self.verdict_sentence: str | None = verdict["sentence"] if verdict else None
        self.break_years: list[int] = list(verdict["break_years"]) if verdict else []
        self.break_intervals: list[tuple[int, int]] = (
            [(i["low"], i["high"]) for i in verdict["break_intervals"]] if verdict else []
        )
        p = n.predictive_verdict
        #: Which model forecasts best out of sample and how exponential fares against the
        #: step and the naive baselines (``None`` without ``backtest=``).
        self.predictive_verdict: PredictiveVerdict | None = (
            None if p is None else PredictiveVerdict(p[0], p[1], p[2], p[3])
        )

    def statement(self) -> str:
        """One sentence with the unit, the dataset version, the horizon ratios and the fitted
        growth with its 95 % interval."""
        return self._native.statement()

    def to_dict(self) -> dict[str, Any]:
        """The whole report (as the CLI's ``trend --format json``)."""
        report: dict[str, Any] = json.loads(self._native.json())
        return report

    def to_polars(self) -> pl.DataFrame:
        """The fitted window, one row per year: ``year``, ``count``, ``fitted`` (negative
        binomial trend), ``fitted_low``/``fitted_high`` (its pointwise 95 % band),
        ``poisson_fitted``, ``linear_fitted`` (null if the straight line has no fit), and the
        verdict's shape: ``shape_fitted`` (its mean), ``shape_low``/``shape_high`` (95 % band
        of the mean; HAC when its residuals are autocorrelated) and
        ``prediction_low``/``prediction_high`` (95 % prediction band of the count).

        For pandas: ``result.to_polars().to_pandas()``.
        """
        return self._native.frame()

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draws the counts, the verdict's shape with its 95 % band of the mean and its 95 %
        prediction band, the break years, the one-curve trend, and marks the horizon years
        (matplotlib, installed with ``pip install conflictstats[plot]``). Returns the Axes."""
        from ._plot import plot_trend

        return plot_trend(self, ax)

    def __str__(self) -> str:
        return self._native.render_text()

    def __repr__(self) -> str:
        return f"<TrendResult {self.statement()!r}>"

    def _repr_html_(self) -> str:
        from ._display import trend_html

        return trend_html(self)


def _count_column(df: pl.DataFrame) -> str | None:
    """The count column of a counts frame: named after its unit (``conflicts``, ...) as
    cs.count returns it, or ``count``."""
    names = [u.column for u in _native.units()] + ["count"]
    found = [c for c in df.columns if c in names]
    return found[0] if len(found) == 1 else None


def _counts_series(df: pl.DataFrame) -> tuple[list[int], list[float]]:
    col = _count_column(df)
    if "year" not in df.columns or col is None:
        raise SpecError(
            "a counts DataFrame needs `year` and one count column (`conflicts`, `countries`, "
            "... as returned by cs.count, or `count`)"
        )
    extra = [c for c in df.columns if c not in ("year", col)]
    if extra:
        raise SpecError(
            f"a trend needs one count per year; this frame is grouped by {extra}: filter "
            "instead of grouping (e.g. cs.count(..., intensity='war')), or select one group"
        )
    for name in ("year", col):
        dtype = df.schema[name]
        if not dtype.is_numeric():
            raise SpecError(f"column `{name}` must be numeric, not {dtype}")
    if df["year"].null_count() or df[col].null_count():
        raise SpecError("the counts frame has missing values: a missing year is not a zero")
    return df["year"].cast(pl.Int32).to_list(), df[col].cast(pl.Float64).to_list()


def _bootstrap(bootstrap: Bootstrap, seed: int) -> tuple[int, int] | None:
    if bootstrap is None or bootstrap is False:
        return None
    replicates = _native.DEFAULT_REPLICATES if bootstrap is True else bootstrap
    if not isinstance(replicates, int) or replicates < 1:
        raise SpecError(f"bootstrap= takes True or a number of replicates; got {bootstrap!r}")
    if not isinstance(seed, int) or seed < 0:
        raise SpecError(f"seed= takes a non-negative integer; got {seed!r}")
    return (replicates, seed)


def _shapes(shapes: bool, min_segment: int, break_bootstrap: int, seed: int) -> Any:
    if not isinstance(shapes, bool):
        raise SpecError(f"shapes= takes True or False; got {shapes!r}")
    if not shapes:
        return None
    for name, value, low in (
        ("min_segment", min_segment, 2),
        ("break_bootstrap", break_bootstrap, 0),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise SpecError(f"{name}= takes an integer ≥ {low}; got {value!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise SpecError(f"seed= takes a non-negative integer; got {seed!r}")
    return (min_segment, break_bootstrap, seed)


def _lags(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SpecError(f"{name}= takes a non-negative integer or None; got {value!r}")
    return value


def _window(window: Sequence[int] | None) -> tuple[int, int] | None:
    if window is None:
        return None
    try:
        first, last = window
        return (int(first), int(last))
    except (TypeError, ValueError):
        raise SpecError(f"years= takes a (first, last) pair of years; got {window!r}") from None


@integer_arguments_in_range
def trend(
    dataset: DataSource = None,
    version: str | None = None,
    unit: UnitKey = "conflict",
    year: int | None = None,
    horizons: Sequence[int] = (15, 30),
    years: Sequence[int] | None = None,
    bootstrap: Bootstrap = True,
    seed: int = _native.DEFAULT_SEED,
    label: str | None = None,
    sources: FileSources | None = None,
    shapes: bool = True,
    min_segment: int = 5,
    break_bootstrap: int = _native.DEFAULT_REPLICATES,
    hac_lags: int | None = None,
    ljung_box_lags: int | None = None,
    rates: bool = False,
    severity: bool = False,
    window: Sequence[int] | None = None,
    backtest: int | None = None,
    **filters: Any,
) -> TrendResult:
    """How fast is the count rising, and with what uncertainty?

    Compares the count in ``year`` with ``horizons`` years earlier, and fits log-linear
    negative binomial and Poisson trends (and a straight line, compared by AIC) over
    ``years``.

    Args:
        dataset: As in :func:`~conflictstats.count` (``None``: the embedded data the unit
            reads; a name; a path; an ACD DataFrame), or a counts DataFrame with ``year`` and
            ``count`` columns (e.g. from :func:`~conflictstats.count`, ungrouped).
        version: The embedded release; default: the default release.
        unit: The counting unit, as in :func:`~conflictstats.count`.
        year: The year *Y*; default: the last year of the data.
        horizons: Horizons in years (default 15 and 30).
        years: Fitted years ``(first, last)``; default: the 30 years ending at *Y* (the CLI's
            ``--years FROM-TO``).
        bootstrap: ``True`` (1,000 replicates, the default, as the CLI's), a number of
            replicates, or ``None``/``False`` (none) for the parametric and moving-block
            bootstrap intervals. The statement quotes the moving-block interval when it is
            the widest that allows for autocorrelated years.
        seed: Bootstrap seed (the same seed gives the same intervals and p-values).
        label: Name of a counts DataFrame's series. A frame :func:`~conflictstats.count`
            returned needs none: its report keeps the count's unit, filters and datasets
            (``dataset``, the label); another frame without ``label=`` is named after its
            count column.
        sources: Your own files by dataset name, as in :func:`~conflictstats.count`.
        shapes: Compare the shapes: a step, one and two regime changes at unknown break
            years, with a bootstrap test of "no break" (default ``True``).
        min_segment: Shortest regime, in years (default 5).
        break_bootstrap: Replicates of the no-break test and the break-year interval
            (default 1,000; 0: none, and then no break is declared).
        hac_lags: Lags of the HAC (Newey–West) intervals; default ``floor(4 (n/100)^(2/9))``
            (3 for 30 years).
        ljung_box_lags: Lags of the Ljung–Box test; default ``min(10, n // 5)``.
        rates: Add the counts and rates per G&W state of every form of violence, with their
            growth, as a section (embedded releases of ``version``), as the CLI's ``trend
            --rates``.
        severity: Add the power-law tail of battle-related deaths per conflict-year (the BRD
            of ``version``; asymptotic SE, no bootstrap) as a section, as ``trend
            --severity``. The datasets these parts read are in ``other_datasets``.
        window: Deprecated name of ``years`` (a DeprecationWarning; accepted until the next
            version).
        backtest: First origin year of a rolling-origin backtest of every model's forecasts
            (as the CLI's ``trend --backtest FROM``): adds the out-of-sample section next to
            the AIC table and :attr:`TrendResult.predictive_verdict` (default ``None``: no
            backtest; see :func:`~conflictstats.forecast` for the forecasts themselves).
        **filters: As in :func:`~conflictstats.count` (not with a counts DataFrame).

    Example:
        >>> import conflictstats as cs
        >>> t = cs.trend(year=2024)
        >>> round(t.growth_rate, 4), t.exponential_vs_linear, t.shape
        (0.0191, 'exponential', 'step')
        >>> wars = cs.trend(cs.count(version="25.1", intensity="war"))
        >>> wars.window, wars.dataset["version"], wars.unit
        ((1995, 2024), '25.1', 'conflict')
        >>> wars.label
        'UCDP/PRIO Armed Conflict Dataset v25.1, conflicts (intensity: war)'
    """
    hz = [int(h) for h in horizons]
    fitted = renamed("trend", "window", "years", window, years)
    opts: dict[str, Any] = {
        "year": year,
        "horizons": hz,
        "window": _window(fitted),
        "bootstrap": _bootstrap(bootstrap, seed),
        "shapes": _shapes(shapes, min_segment, break_bootstrap, seed),
        "hac_lags": _lags("hac_lags", hac_lags),
        "ljung_box_lags": _lags("ljung_box_lags", ljung_box_lags),
        "backtest": None if backtest is None else (backtest, seed),
    }
    if isinstance(dataset, (pl.DataFrame, pl.LazyFrame)) or type(dataset).__module__.startswith(
        "pandas"
    ):
        df = dataset.collect() if isinstance(dataset, pl.LazyFrame) else dataset
        from_pandas = None
        if not isinstance(df, pl.DataFrame):
            from ._pandas import kept

            from_pandas = kept(df)
            df = pl.from_pandas(df)
        if _count_column(df) is not None and "conflict_id" not in df.columns:
            if filters or version is not None or sources is not None or rates or severity:
                raise SpecError(
                    "filters, version=, rates= and severity= apply when counting; this frame "
                    "is already counted"
                )
            years, counts = _counts_series(df)
            table = counted(df) if from_pandas is None else from_pandas.table
            if table is not None and label is None:
                # The frame cs.count returned: the report of that count (unit, filters,
                # datasets), checked by the core against the frame's values.
                return TrendResult(_native.trend_counted(table, years, counts, **opts))
            col = _count_column(df)
            stated = (
                f"yearly counts of {col}" if col != "count" else "yearly counts (unit not stated)"
            )
            name = label if label is not None else stated
            return TrendResult(_native.trend_series(name, years, counts, **opts))
        dataset = df
    if label is not None:
        raise SpecError("label= names a counts DataFrame; counted data carries its own label")
    source: Mapping[str, Any] = {} if dataset is None else _source(dataset, version)
    if dataset is None and version is not None:
        source = {"version": str(version)}
    for name, flag in (("rates", rates), ("severity", severity)):
        if not isinstance(flag, bool):
            raise SpecError(f"{name}= takes True or False; got {flag!r}")
    native = _native.trend(
        unit,
        **_filters(filters),
        **source,
        **opts,
        sources=_sources(sources),
        rates=rates,
        severity=severity,
    )
    return TrendResult(native)
