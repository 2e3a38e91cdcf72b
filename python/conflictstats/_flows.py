"""cs.flows, cs.rates and cs.severity: stock and flow of conflicts, rates per state for each
form of violence, and the power-law tail of battle-related deaths.

Every figure is computed by the Rust core (``conflictstats::stockflow``, ``::rates``,
``::severity``); results cross the boundary as the core's typed values (mirrored field by
field, see ``_conflictstats.pyi``) and polars DataFrames.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args

import polars as pl

from . import _conflictstats as _native
from ._api import DataSource, _source
from ._metadata import plain
from ._results import Provenance
from ._trend import _bootstrap, _window
from ._vocab import renamed
from .exceptions import SpecError, collecting_warnings, integer_arguments_in_range

#: A form of violence (the core's ``rates::Form`` keys).
Form = Literal[
    "interstate",
    "intrastate",
    "internationalized_intrastate",
    "extrasystemic",
    "state_based",
    "non_state",
    "one_sided",
]

#: Every form of violence :func:`rates` knows, in the report's order.
FORMS: tuple[Form, ...] = get_args(Form)


@dataclass(frozen=True)
class Decomposition:
    """The change of the number of active conflicts from ``from_year`` to ``to_year``,
    split exactly (``more_onsets + fewer_terminations + longer_durations + stock_feedback ==
    change``) against the rates of the base years (see the Rust docs of
    ``stockflow::Decomposition``)."""

    from_year: int
    to_year: int
    active_from: int
    active_to: int
    change: int
    onsets: int
    new_conflicts: int
    recurrences: int
    terminations: int
    termination_rate: float
    base_years: tuple[int, int]
    base_onsets_per_year: float
    base_termination_rate: float
    more_onsets: float
    more_new_conflicts: float
    fewer_terminations: float
    longer_durations: float
    stock_feedback: float
    statement: str

    @classmethod
    def _from_native(cls, d: _native.Decomposition) -> Decomposition:
        return cls(
            from_year=d.from_year,
            to_year=d.to_year,
            active_from=d.active_from,
            active_to=d.active_to,
            change=d.change,
            onsets=d.onsets,
            new_conflicts=d.new_conflicts,
            recurrences=d.recurrences,
            terminations=d.terminations,
            termination_rate=d.termination_rate,
            base_years=d.base.years,
            base_onsets_per_year=d.base.onsets,
            base_termination_rate=d.base.termination_rate,
            more_onsets=d.more_onsets,
            more_new_conflicts=d.more_new_conflicts,
            fewer_terminations=d.fewer_terminations,
            longer_durations=d.longer_durations,
            stock_feedback=d.stock_feedback,
            statement=d.statement,
        )


class FlowsResult:
    """Stock and flow of state-based conflicts, and one decomposition.

    Attributes:
        dataset: Provenance of the conflict data.
        states_dataset: Provenance of the G&W state list (for the onset rate).
        first_year: The first year of coverage (its flows are unknown).
        decomposition: The :class:`Decomposition` asked for.
        stock_flow: The core's typed stock and flow, year by year, with the by-duration
            counts (``FlowYear.at_risk_by_duration``, ``terminations_by_duration``).
        base_rates: The base-period rates, with the termination hazard and the share at risk
            of each duration band.

    Example:
        >>> import conflictstats as cs
        >>> f = cs.flows(version="25.1", years=(2010, 2024))
        >>> d = f.decomposition
        >>> (d.active_from, d.active_to, d.onsets, d.terminations)
        (31, 61, 159, 129)
        >>> f.to_polars().filter(year=2015).select("active", "onsets", "terminations").row(0)
        (54, 19, 11)
        >>> f.dataset.version, f.states_dataset.name
        ('25.1', 'gw-states')
    """

    def __init__(
        self, frame: pl.DataFrame, sf: _native.StockFlow, d: _native.Decomposition
    ) -> None:
        self._frame = frame
        self._native = (sf, d)
        self.stock_flow: _native.StockFlow = sf
        self.base_rates: _native.BaseRates = d.base
        self.dataset: Provenance = Provenance._from_native(sf.dataset)
        self.states_dataset: Provenance = Provenance._from_native(sf.states_dataset)
        self.first_year: int = sf.first_year
        self.decomposition = Decomposition._from_native(d)

    def statement(self) -> str:
        """Did more conflicts start, or fewer end? One sentence with the figures (conflicts at
        UCDP's 25-death threshold, not wars)."""
        return self.decomposition.statement

    def to_polars(self) -> pl.DataFrame:
        """One row per year: ``year``, ``active``, ``onsets``, ``new_conflicts``,
        ``recurrences``, ``continuing``, ``terminations``, ``states``, ``onset_rate``,
        ``termination_rate``, ``mean_duration``."""
        return self._frame

    def to_dict(self) -> dict[str, Any]:
        """The whole result as plain data: ``stock_flow`` (with the by-duration counts) and
        ``decomposition``, the core's fields."""
        sf, d = self._native
        return {"stock_flow": plain(sf), "decomposition": plain(d)}

    def __repr__(self) -> str:
        return f"<FlowsResult {self.statement()!r}>"


@dataclass(frozen=True)
class FormRate:
    """One form of violence over the window: counts, per-state rates and their fits.

    ``count_growth`` and ``rate_growth`` are the negative binomial growth per year with their
    95 % intervals (``None`` without a finite fit, e.g. no conflict of the form in the
    window; then ``note`` says why). ``count_poisson``, ``count_negbin`` (fits of the count)
    and ``rate_fit`` (``.poisson``, ``.negbin``: fits of the rate per state, the log of the
    number of states as offset) are the core's typed fits."""

    form: Form
    question: str
    unit: str
    dataset: Provenance
    counts: tuple[int, ...]
    per_100_states: tuple[float, ...]
    count_growth: tuple[float, float, float] | None
    rate_growth: tuple[float, float, float] | None
    count_poisson: _native.PoissonFit | None
    count_negbin: _native.NegBinFit | None
    rate_fit: _native.RateFit | None
    note: str | None

    @classmethod
    def _from_native(cls, f: _native.FormRate) -> FormRate:
        nb, rate = f.count_negbin, f.rate
        return cls(
            form=f.form,
            question=f.question,
            unit=f.unit,
            dataset=Provenance._from_native(f.dataset),
            counts=tuple(f.counts),
            per_100_states=tuple(f.per_100_states),
            count_growth=(nb.growth_rate, nb.ci_low, nb.ci_high) if nb else None,
            rate_growth=(
                (rate.negbin.growth_rate, rate.negbin.ci_low, rate.negbin.ci_high) if rate else None
            ),
            count_poisson=f.count_poisson,
            count_negbin=nb,
            rate_fit=rate,
            note=f.note,
        )


class RatesResult:
    """Counts and rates per G&W state for several forms of violence on one window.

    Example:
        >>> import conflictstats as cs
        >>> r = cs.rates(["non_state", "intrastate"], years=(1989, 2023), version="24.1")
        >>> r.window, r.states[0], r.states[-1]
        ((1989, 2023), 151, 174)
        >>> growth, low, high = r.forms["non_state"].rate_growth
        >>> low > 0  # non-state conflicts per state grew
        True
        >>> r.forms["non_state"].dataset.label()
        'UCDP Non-State Conflict Dataset v24.1'
    """

    def __init__(self, frame: pl.DataFrame, report: _native.RatesReport) -> None:
        self._frame = frame
        self._report = report
        self.window: tuple[int, int] = (report.window_start, report.window_end)
        self.states: list[int] = report.states
        self.states_dataset: Provenance = Provenance._from_native(report.states_dataset)
        self.include_microstates: bool = report.include_microstates
        self.forms: dict[str, FormRate] = {f.key: FormRate._from_native(f) for f in report.forms}

    def statement(self) -> str:
        """Count and per-state growth of every form, with 95 % intervals."""
        return self._report.statement

    def to_polars(self) -> pl.DataFrame:
        """Long format: ``year``, ``form``, ``count``, ``states``, ``per_100_states``."""
        return self._frame

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain data (the core's fields, as the CLI's ``rates --format
        json`` result has them)."""
        out: dict[str, Any] = plain(self._report)
        return out

    def __repr__(self) -> str:
        return f"<RatesResult {self.window[0]}–{self.window[1]}, forms {list(self.forms)}>"


SeverityUnit = Literal["conflict_year", "conflict"]
Estimate = Literal["low", "best", "high"]


class SeverityResult:
    """Battle-related deaths per conflict-year or conflict, and their power-law tail.

    Attributes:
        label: What is measured, with the dataset and version.
        dataset: The BRD's provenance.
        unit: ``"conflict_year"`` or ``"conflict"``.
        estimate: ``"low"``, ``"best"`` or ``"high"``.
        years: First and last year of the observations.
        summary: Order statistics (``n``, ``total``, ``mean``, ``min``, ``median``, ``p90``,
            ``p99``, ``max``, ``top1pct_share``).
        alpha, x_min, n_tail, ks_distance: The power-law fit (continuous, Clauset, Shalizi &
            Newman 2009); all of it in ``power_law``.
        alpha_se: Bootstrap standard error of α (``None`` without a bootstrap).
        gof_p_value: Goodness-of-fit p-value (``None`` without a bootstrap).
        lognormal: ``mu``, ``sigma``, ``log_likelihood``, ``converged`` on the same tail.
        vuong: ``log_likelihood_ratio``, ``normalized_ratio``, ``p_value``, ``favours``.

    Example:
        >>> import conflictstats as cs
        >>> s = cs.severity(version="25.1")  # conflict-level BRD
        >>> s.x_min, s.n_tail, round(s.alpha, 3)
        (2608.0, 143, 2.01)
        >>> s.vuong.favours
        'neither'
    """

    def __init__(self, frame: pl.DataFrame, report: _native.SeverityReport) -> None:
        self._frame = frame
        self._report = report
        boot = report.bootstrap
        self.label: str = report.label
        self.dataset: Provenance | None = (
            None if report.dataset is None else Provenance._from_native(report.dataset)
        )
        self.unit: SeverityUnit = report.unit
        self.estimate: Estimate = report.estimate
        self.years: tuple[int, int] = report.years
        self.summary: _native.Summary = report.summary
        self.largest: list[_native.Observation] = report.largest
        self.power_law: _native.PowerLawFit = report.power_law
        self.alpha: float = report.power_law.alpha
        self.x_min: float = report.power_law.x_min
        self.n_tail: int = report.power_law.n_tail
        self.ks_distance: float = report.power_law.ks_distance
        self.bootstrap: _native.PowerLawBootstrap | None = boot
        self.alpha_se: float | None = boot.alpha_se if boot else None
        self.gof_p_value: float | None = boot.gof_p_value if boot else None
        self.lognormal: _native.LognormalFit = report.lognormal
        self.vuong: _native.Vuong = report.vuong

    def statement(self) -> str:
        """One sentence: α with its uncertainty, the goodness of fit, the log-normal test."""
        return self._report.statement

    def to_polars(self) -> pl.DataFrame:
        """Every observation, largest first: ``conflict_id``, ``year``, ``last_year``,
        ``deaths``."""
        return self._frame

    def to_dict(self) -> dict[str, Any]:
        """The whole report as plain data (the core's fields, as the CLI's ``severity
        --format json`` result has them)."""
        out: dict[str, Any] = plain(self._report)
        return out

    def __repr__(self) -> str:
        return f"<SeverityResult {self.statement()!r}>"


def _years(years: Sequence[int] | None) -> tuple[int, int] | None:
    return _window(years)


@collecting_warnings
@integer_arguments_in_range
def flows(
    dataset: DataSource = None,
    version: str | None = None,
    years: Sequence[int | None] | None = None,
    base_years: Sequence[int] | None = None,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    base: Sequence[int] | None = None,
) -> FlowsResult:
    """Stock and flow of state-based conflicts: onsets (new conflicts and recurrences),
    terminations, the termination rate and the mean duration per year, and the change over
    ``years`` split into more onsets, fewer terminations, longer durations and the stock's
    feedback, against the rates of ``base_years`` (default: the ``to - from`` years ending at
    ``from``).

    Args:
        dataset: ``None`` (the embedded ACD), an embedded name, a path or an ACD DataFrame.
        version: The release: embedded, else fetched into the cache (default: ACD v26.1).
        years: The years compared, ``(from, to)`` (default 2010 and the last year of the data;
            ``(from, None)`` keeps the last year), as the CLI's ``--years FROM-TO``.
        base_years: Base years ``(first, last)`` of the rates (``--base-years``).
        from_year, to_year, base: Deprecated names of ``years`` and ``base_years`` (a
            DeprecationWarning; accepted until the next version).
    """
    if from_year is not None or to_year is not None:
        old = (2010 if from_year is None else from_year, to_year)
        years = renamed("flows", "from_year/to_year", "years", old, years)
    base_years = renamed("flows", "base", "base_years", base, base_years)
    first, last = _flow_years(years)
    src: dict[str, Any] = (
        {"name": "ucdp-acd", "version": version} if dataset is None else _source(dataset, version)
    )
    frame, stock_flow, decomposition = _native.flows(
        **src, from_year=first, to_year=last, base=_window(base_years)
    )
    return FlowsResult(frame, stock_flow, decomposition)


def _flow_years(years: Sequence[int | None] | None) -> tuple[int, int | None]:
    """``(from, to)`` of ``flows(years=...)``: default 2010 and the data's last year."""
    if years is None:
        return 2010, None
    try:
        first, last = years
    except (TypeError, ValueError):
        raise SpecError(f"years= takes a (from, to) pair of years; got {years!r}") from None
    return (2010 if first is None else int(first)), (None if last is None else int(last))


@collecting_warnings
@integer_arguments_in_range
def rates(
    forms: Sequence[Form] | Form | None = None,
    years: Sequence[int] | None = None,
    version: str | None = None,
    microstates: bool = False,
    *,
    window: Sequence[int] | None = None,
) -> RatesResult:
    """Counts and rates per state in the G&W system for each form of violence, each with
    Poisson and negative binomial log-linear fits of the count and of the rate (log of the
    number of states as an offset).

    Args:
        forms: Keys from :data:`FORMS` (default: all of them).
        years: Fitted years ``(first, last)``; default: the years every dataset covers (the
            CLI's ``--years FROM-TO``).
        version: Release of the datasets (default: each dataset's default).
        microstates: Count G&W microstates as states.
        window: Deprecated name of ``years`` (a DeprecationWarning).
    """
    fitted = renamed("rates", "window", "years", window, years)
    keys: list[str] = (
        list(FORMS) if forms is None else [forms] if isinstance(forms, str) else list(forms)
    )
    if not all(isinstance(k, str) for k in keys):
        raise SpecError(f"forms= takes keys from {FORMS}; got {forms!r}")
    frame, report = _native.rates(
        keys, window=_window(fitted), version=version, microstates=bool(microstates)
    )
    return RatesResult(frame, report)


Bootstrap = Union[None, bool, int]


@collecting_warnings
@integer_arguments_in_range
def severity(
    version: str | None = None,
    path: str | os.PathLike[str] | None = None,
    unit: SeverityUnit = "conflict_year",
    estimate: Estimate = "best",
    years: Sequence[int] | None = None,
    bootstrap: Bootstrap = True,
    seed: int = _native.DEFAULT_SEED,
) -> SeverityResult:
    """The distribution of battle-related deaths per conflict-year (``unit="conflict_year"``)
    or per conflict (``"conflict"``, summed over its years in the data), and its power-law
    tail: α by maximum likelihood with ``x_min`` chosen by the KS distance (Clauset, Shalizi
    & Newman 2009), the log-normal on the same tail and Vuong's test; with ``bootstrap``, the
    bootstrap SE of α and the goodness-of-fit p-value (seeded, deterministic).

    Args:
        version: The embedded BRD release; default 25.1 (conflict-level; 24.1 is the dyadic
            version, its dyad-years summed per conflict-year).
        path: A BRD file instead of the embedded copy.
        unit: ``"conflict_year"`` or ``"conflict"``.
        estimate: ``"low"``, ``"best"`` or ``"high"``.
        years: Keep the years ``(first, last)``.
        bootstrap: ``True`` (1,000 replicates, the default, as the CLI's), a number of
            replicates, or ``None``/``False`` (asymptotic SE only, no goodness-of-fit p-value).
        seed: Bootstrap seed (default 42).
    """
    if path is not None and version is not None:
        raise SpecError("version= applies to the embedded data, not to a file")
    frame, report = _native.severity(
        version=version,
        path=None if path is None else os.fspath(path),
        unit=unit,
        estimate=estimate,
        years=_years(years),
        bootstrap=_bootstrap(bootstrap, seed),
    )
    return SeverityResult(frame, report)
