"""cs.trend and its result object: presentation around the core's TrendReport.

Every figure is computed by the Rust core (``conflictstats::trend``); the report crosses the
boundary as JSON (attributes here) and the fitted window as a polars DataFrame.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

import polars as pl

from . import _conflictstats as _native
from ._api import DataSource, FileSources, _filters, _source, _sources
from .exceptions import SpecError, integer_arguments_in_range

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: ``bootstrap=``: ``None``/``False`` (no bootstrap), ``True`` (1,000 replicates) or a number
#: of replicates.
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


class TrendResult:
    """A trend report: horizons, negative binomial and Poisson log-linear fits, the
    exponential-vs-linear comparison, optional bootstrap intervals, with unit and dataset.

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
        verdict: ``"exponential"``, ``"linear"``, ``"indistinguishable"`` or
            ``"undetermined"`` (by AIC).
        poisson, negbin, linear, aic, bootstrap: The full fits as dictionaries.

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
    """

    def __init__(self, native: _native.TrendReport) -> None:
        self._native = native
        self._report: dict[str, Any] = json.loads(native.json())
        r = self._report
        self.label: str = r["label"]
        unit = r.get("unit")
        self.unit: str | None = unit["key"] if unit else None
        self.unit_definition: str | None = unit["definition"] if unit else None
        self.dataset: dict[str, Any] | None = r.get("dataset")
        self.year: int = r["year"]
        self.count: float = r["count"]
        self.window: tuple[int, int] = (r["window_start"], r["window_end"])
        self.confidence_level: float = r["confidence_level"]
        self.horizons: list[Horizon] = [Horizon(**h) for h in r["horizons"]]
        self.poisson: dict[str, Any] = r["poisson"]
        self.negbin: dict[str, Any] = r["negbin"]
        self.linear: dict[str, Any] | None = r.get("linear")
        self.aic: dict[str, Any] = r["aic"]
        self.bootstrap: dict[str, Any] | None = r.get("bootstrap")
        self.growth_rate: float = self.negbin["growth_rate"]
        self.growth_ci: tuple[float, float] = (self.negbin["ci_low"], self.negbin["ci_high"])
        self.doubling_time_years: float | None = self.negbin["doubling_time_years"]
        self.verdict: str = self.aic["verdict"]

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
        ``poisson_fitted``, ``linear_fitted`` (null if the straight line has no fit).

        For pandas: ``result.to_polars().to_pandas()``.
        """
        return self._native.frame()

    def plot(self, ax: Axes | None = None) -> Axes:
        """Draws the counts, the fitted trend and its 95 % band (matplotlib, installed with
        ``pip install conflictstats[plot]``). Returns the Axes."""
        from ._plot import plot_trend

        return plot_trend(self, ax)

    def __str__(self) -> str:
        return self._native.render_text()

    def __repr__(self) -> str:
        return f"<TrendResult {self.statement()!r}>"

    def _repr_html_(self) -> str:
        from ._display import trend_html

        return trend_html(self)


def _counts_series(df: pl.DataFrame) -> tuple[list[int], list[float]]:
    if not {"year", "count"} <= set(df.columns):
        raise SpecError(
            "a counts DataFrame needs `year` and `count` columns (as returned by cs.count)"
        )
    extra = [c for c in df.columns if c not in ("year", "count")]
    if extra:
        raise SpecError(
            f"a trend needs one count per year; this frame is grouped by {extra}: filter "
            "instead of grouping (e.g. cs.count(..., intensity='war')), or select one group"
        )
    for name in ("year", "count"):
        dtype = df.schema[name]
        if not dtype.is_numeric():
            raise SpecError(f"column `{name}` must be numeric, not {dtype}")
    if df["year"].null_count() or df["count"].null_count():
        raise SpecError("the counts frame has missing values: a missing year is not a zero")
    return df["year"].cast(pl.Int32).to_list(), df["count"].cast(pl.Float64).to_list()


def _bootstrap(bootstrap: Bootstrap, seed: int) -> tuple[int, int] | None:
    if bootstrap is None or bootstrap is False:
        return None
    replicates = 1000 if bootstrap is True else bootstrap
    if not isinstance(replicates, int) or replicates < 1:
        raise SpecError(f"bootstrap= takes True or a number of replicates; got {bootstrap!r}")
    if not isinstance(seed, int) or seed < 0:
        raise SpecError(f"seed= takes a non-negative integer; got {seed!r}")
    return (replicates, seed)


def _window(window: Sequence[int] | None) -> tuple[int, int] | None:
    if window is None:
        return None
    try:
        first, last = window
        return (int(first), int(last))
    except (TypeError, ValueError):
        raise SpecError(f"window= takes a (first, last) pair of years; got {window!r}") from None


@integer_arguments_in_range
def trend(
    dataset: DataSource = None,
    version: str | None = None,
    unit: str = "conflict",
    year: int | None = None,
    horizons: Sequence[int] = (15, 30),
    window: Sequence[int] | None = None,
    bootstrap: Bootstrap = None,
    seed: int = 42,
    label: str | None = None,
    sources: FileSources | None = None,
    **filters: Any,
) -> TrendResult:
    """How fast is the count rising, and with what uncertainty?

    Compares the count in ``year`` with ``horizons`` years earlier, and fits log-linear
    negative binomial and Poisson trends (and a straight line, compared by AIC) over
    ``window``.

    Args:
        dataset: As in :func:`~conflictstats.count` (``None``: the embedded data the unit
            reads; a name; a path; an ACD DataFrame), or a counts DataFrame with ``year`` and
            ``count`` columns (e.g. from :func:`~conflictstats.count`, ungrouped).
        version: The embedded release; default: the default release.
        unit: The counting unit, as in :func:`~conflictstats.count`.
        year: The year *Y*; default: the last year of the data.
        horizons: Horizons in years (default 15 and 30).
        window: Fitted window ``(first, last)``; default: the 30 years ending at *Y*.
        bootstrap: ``True`` (1,000 replicates) or a number of replicates for parametric and
            moving-block bootstrap intervals; default: none.
        seed: Bootstrap seed (the same seed gives the same intervals).
        label: Name of a counts DataFrame's series (its unit and dataset are not known).
        sources: Your own files by dataset name, as in :func:`~conflictstats.count`.
        **filters: As in :func:`~conflictstats.count` (not with a counts DataFrame).

    Example:
        >>> import conflictstats as cs
        >>> t = cs.trend(year=2024)
        >>> round(t.growth_rate, 4), t.verdict
        (0.0191, 'exponential')
        >>> counts = cs.count(intensity="war")
        >>> cs.trend(counts, label="wars").window
        (1995, 2024)
    """
    hz = [int(h) for h in horizons]
    opts: dict[str, Any] = {
        "year": year,
        "horizons": hz,
        "window": _window(window),
        "bootstrap": _bootstrap(bootstrap, seed),
    }
    if isinstance(dataset, (pl.DataFrame, pl.LazyFrame)) or type(dataset).__module__.startswith(
        "pandas"
    ):
        df = dataset.collect() if isinstance(dataset, pl.LazyFrame) else dataset
        if not isinstance(df, pl.DataFrame):
            df = pl.from_pandas(df)
        if "count" in df.columns and "conflict_id" not in df.columns:
            if filters or version is not None or sources is not None:
                raise SpecError(
                    "filters and version= apply when counting; this frame is already counted"
                )
            years, counts = _counts_series(df)
            name = label if label is not None else "yearly counts (unit not stated)"
            return TrendResult(_native.trend_series(name, years, counts, **opts))
        dataset = df
    if label is not None:
        raise SpecError("label= names a counts DataFrame; counted data carries its own label")
    source: Mapping[str, Any] = {} if dataset is None else _source(dataset, version)
    if dataset is None and version is not None:
        source = {"version": str(version)}
    native = _native.trend(unit, **_filters(filters), **source, **opts, sources=_sources(sources))
    return TrendResult(native)
