# Mirrors the functions of the native module (crates/conflictstats-py/src/lib.rs).
# Private: the public API is conflictstats/__init__.py. Keep in sync with the Rust signatures.

import os
from pathlib import Path
from typing import Literal, final

import polars as pl

DEFAULT_REPLICATES: int
DEFAULT_SEED: int

__all__ = [
    "DEFAULT_REPLICATES",
    "DEFAULT_SEED",
    "AcledExcluded",
    "AcledMetadata",
    "AcledSpec",
    "AggregateSpec",
    "AicComparison",
    "BaseRates",
    "BootstrapP",
    "BootstrapSummary",
    "BreakFit",
    "CacheRecord",
    "Claim",
    "ClaimCheck",
    "CountMetadata",
    "CountSpec",
    "CountTable",
    "CountryMap",
    "Decomposition",
    "Diagnostics",
    "EmbeddedDataset",
    "EventPartial",
    "EventStream",
    "EventsMetadata",
    "Figure",
    "Filters",
    "FitDiagnostics",
    "FlowYear",
    "ForecastReport",
    "FormRate",
    "HacInterval",
    "HacSummary",
    "Horizon",
    "HorizonInterval",
    "IcrcPoint",
    "IndexedIcrcPoint",
    "Interval",
    "LevelPart",
    "LinearFit",
    "LjungBox",
    "LoadWarning",
    "LognormalFit",
    "LrTest",
    "ModelRow",
    "NamedInterval",
    "NegBinFit",
    "NoBreakTest",
    "Observation",
    "OffsetFit",
    "PanelMetadata",
    "PanelSpec",
    "PartSummary",
    "PoissonFit",
    "PowerLawBootstrap",
    "PowerLawFit",
    "ProfilePoint",
    "Provenance",
    "Publication",
    "QuotedInterval",
    "RateFit",
    "RatesReport",
    "RatioPart",
    "Redirect",
    "ReleaseDiff",
    "Section",
    "Segment",
    "SeriesComparison",
    "SeverityReport",
    "ShapeCheck",
    "ShapeComparison",
    "ShapePart",
    "ShapeVerdict",
    "SimpleFit",
    "StateListFill",
    "StockFlow",
    "StreamMetadata",
    "Summary",
    "Sums",
    "Tally",
    "TrendReport",
    "Unit",
    "UnitIndex",
    "UnitInfo",
    "Unmatched",
    "UnmatchedCountry",
    "Vuong",
    "YearInterval",
    "__version__",
    "_error_for_tests",
    "_panic_for_tests",
    "acd_schema_frame",
    "aggregate_acled",
    "aggregate_event_frame",
    "aggregate_events",
    "build_profile",
    "check_claim",
    "cite",
    "classify",
    "count",
    "country_map",
    "crps_ensemble",
    "datasets",
    "deaths",
    "event_columns",
    "event_partial",
    "event_partial_ged",
    "fetch",
    "flows",
    "forecast",
    "ihl",
    "key_tables",
    "load_dataset",
    "map_colours",
    "map_frame",
    "outline_rings",
    "panel",
    "panel_kinds",
    "priogrid_gids",
    "priogrid_rings",
    "project_points",
    "rates",
    "reconcile",
    "release_diff",
    "severity",
    "trend",
    "trend_bootstrap_replicates",
    "trend_bootstrap_summary",
    "trend_counted",
    "trend_series",
    "units",
]

__version__: str
build_profile: str

def datasets() -> list[EmbeddedDataset]: ...
def acd_schema_frame() -> pl.DataFrame: ...
def count(
    unit: str,
    by: str | None = None,
    years: tuple[int, int] | None = None,
    types: list[str] = ...,
    intensities: list[str] = ...,
    incompatibilities: list[str] = ...,
    regions: list[str] = ...,
    persistence: int = 0,
    name: str | None = None,
    version: str | None = None,
    path: str | None = None,
    frame: pl.DataFrame | None = None,
    sources: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, CountMetadata, CountTable]: ...

@final
class CountTable: ...

def cite(name: str, version: str | None = None) -> tuple[str, str, str]: ...
def fetch(
    name: str,
    version: str | None = None,
    api: bool = False,
    base_url: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    connect_timeout: float | None = None,
    force: bool = False,
    offline: bool = False,
    require_official: bool = False,
    lock_file: str | os.PathLike[str] | None = None,
) -> tuple[CacheRecord, Path, bool, str | None]: ...
def _panic_for_tests() -> None: ...
def _error_for_tests(which: str) -> None: ...

@final
class Horizon:
    years: int
    from_year: int
    from_count: float
    to_year: int
    to_count: float
    change: float
    ratio: float | None
    cagr: float | None
    doubling_time_years: float | None

@final
class PoissonFit:
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

@final
class NegBinFit:
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

@final
class LinearFit:
    center_year: float
    intercept: float
    slope: float
    log_likelihood: float
    aic: float
    iterations: int

@final
class AicComparison:
    linear: float | None
    loglinear: float
    delta: float | None
    c_hat: float
    qaic_delta: float | None
    verdict: Literal["exponential", "linear", "indistinguishable", "undetermined"]
    note: str | None

@final
class HacInterval:
    slope_se: float
    ci_low: float
    ci_high: float

@final
class HacSummary:
    lags: int
    lags_by_rule: bool
    poisson: HacInterval | None
    negbin: HacInterval | None

@final
class QuotedInterval:
    method: str
    low: float
    high: float

@final
class Interval:
    low: float | None
    high: float | None
    valid: int

@final
class HorizonInterval:
    years: int
    parametric: Interval
    block: Interval

@final
class BootstrapSummary:
    replicates: int
    seed: int
    block_length: int
    parametric_alpha: float
    growth_parametric: Interval
    growth_block: Interval
    horizons: list[HorizonInterval]

@final
class LjungBox:
    lags: int
    statistic: float
    p_value: float
    lags_by_rule: bool

@final
class Diagnostics:
    acf: list[float]
    ljung_box: LjungBox
    dispersion: float | None
    dispersion_p_value: float | None
    warnings: list[str]

@final
class FitDiagnostics:
    poisson: Diagnostics
    negbin: Diagnostics
    linear: Diagnostics | None

@final
class YearInterval:
    low: int
    high: int

@final
class Segment:
    from_year: int
    to_year: int
    level_start: float
    level_end: float
    growth_rate: float | None
    growth_ci: tuple[float, float] | None
    growth_hac_ci: tuple[float, float] | None

@final
class ProfilePoint:
    year: int
    log_likelihood: float

@final
class BreakFit:
    shape: Literal["exponential", "linear", "step", "regime", "two_regimes"]
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

@final
class BootstrapP:
    p_value: float
    mc_se: float
    valid: int

@final
class NoBreakTest:
    statistic: float
    break_year: int
    naive_p_value: float
    parametric: BootstrapP | None
    block: BootstrapP | None
    replicates: int
    block_length: int
    seed: int

@final
class LrTest:
    null: Literal["exponential", "linear", "step", "regime", "two_regimes"]
    alternative: Literal["exponential", "linear", "step", "regime", "two_regimes"]
    statistic: float
    df: int
    p_value: float

@final
class ShapeVerdict:
    shape: Literal["exponential", "linear", "step", "regime", "two_regimes"]
    break_years: list[int]
    break_intervals: list[YearInterval]
    interval_method: str | None
    no_break_p_value: float | None
    sentence: str

@final
class SimpleFit:
    shape: Literal["exponential", "linear", "step", "regime", "two_regimes"]
    log_likelihood: float
    aic: float
    bic: float
    qaic: float

@final
class ShapeComparison:
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

@final
class NamedInterval:
    method: Literal[
        "wald",
        "profile_likelihood",
        "quasi_poisson",
        "hac",
        "parametric_bootstrap",
        "block_bootstrap",
    ]
    low: float
    high: float

@final
class ModelRow:
    key: str
    name: str
    shape: Literal["exponential", "linear", "step", "regime", "two_regimes"]
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

@final
class Section:
    key: str
    title: str
    columns: list[str]
    rows: list[list[str]]
    notes: list[str]

@final
class UnitInfo:
    key: str
    definition: str
    caveat: str | None

@final
class Filters:
    types: list[str]
    intensities: list[str]
    incompatibilities: list[str]
    regions: list[str]
    from_year: int | None
    to_year: int | None

@final
class CountSpec:
    unit: str
    filters: Filters
    by: str | None
    persistence: int

@final
class CountMetadata:
    spec: CountSpec
    dataset: Provenance
    other_datasets: list[Provenance]

@final
class PanelSpec:
    years: tuple[int, int] | None
    gap: int
    include_microstates: bool
    directed: bool
    active_only: bool
    role: Literal["location", "primary", "any"] | None

@final
class StateListFill:
    list_ends: str
    last_panel_year: int
    rule: str

@final
class Unmatched:
    gwcode: int
    year: int
    role: str

@final
class PanelMetadata:
    panel: str
    spec: PanelSpec
    coverage: tuple[int, int]
    conflict_data: Provenance
    state_list: Provenance | None
    state_list_fill: StateListFill | None
    unmatched: list[Unmatched] | None
    role: Literal["location", "primary", "any"] | None

@final
class AggregateSpec:
    unit: Literal["country", "conflict", "priogrid"]
    period: Literal["month", "year"]
    attribution: Literal["split_even", "start_month", "end_month"]
    max_date_prec: int

@final
class Sums:
    low: int
    best: int
    high: int
    events: int

@final
class EventsMetadata:
    spec: AggregateSpec
    excluded: Sums
    provenance: Provenance | None
    source: str
    copied: list[str]

@final
class StreamMetadata:
    spec: AggregateSpec
    excluded: Sums
    provenance: Provenance | None
    source: str
    copied: list[str]
    events_read: int
    batches: int

@final
class Tally:
    events: int
    fatalities: int

@final
class AcledSpec:
    period: Literal["month", "year"]
    event_types: list[str]
    sub_event_types: list[str]
    disorder_types: list[str]
    max_time_precision: int

@final
class UnmatchedCountry:
    iso: int
    country: str
    iso3: list[str]
    reason: Literal["no_iso_code", "no_gw_state", "ambiguous"]
    gwcodes: list[int]
    first_date: str
    last_date: str
    events: int
    fatalities: int

@final
class AcledExcluded:
    not_selected: Tally
    imprecise: Tally
    unmatched: list[UnmatchedCountry]

@final
class AcledMetadata:
    spec: AcledSpec
    measure: str
    layout: Literal["since_2023", "before_2023"]
    excluded: AcledExcluded
    totals: Tally
    provenance: Provenance
    datasets: list[Provenance]
    extra_columns: list[str]
    warnings: list[LoadWarning]

@final
class Publication:
    publisher: str
    speaker: str | None
    title: str
    date: str
    url: str

@final
class LevelPart:
    said: str
    qualifier: Literal["more_than", "about", "exactly", "fewer_than", "just_under"]
    value: float
    tolerance: float | None

@final
class RatioPart:
    said: str
    horizon: int
    qualifier: Literal["more_than", "about", "exactly", "fewer_than", "just_under"]
    value: float
    tolerance: float | None

@final
class ShapePart:
    said: str
    shape: str
    forms: list[str]

@final
class Claim:
    id: str
    text: str
    date: str
    reference_year: int | None
    source: Publication
    level: LevelPart | None
    ratios: list[RatioPart]
    shape: ShapePart | None

@final
class Figure:
    qualifier: Literal["more_than", "about", "exactly", "fewer_than", "just_under"]
    value: float
    tolerance: float

@final
class PartSummary:
    said: str
    figure: Figure | None
    evaluated: int
    holds: list[int]
    unavailable: int
    closest: int | None
    closest_distance: float | None
    fragile: list[int]
    fragile_holds: int

@final
class IcrcPoint:
    year: int
    value: float
    label: str
    implied: bool

@final
class UnitIndex:
    unit: str
    release: str | None
    base: int | None
    end: int | None
    index: float | None
    missing: str | None

@final
class SeriesComparison:
    series: str
    counts: str
    points: list[IcrcPoint]
    base_year: int
    end_year: int
    icrc_index: float
    units: list[UnitIndex]
    fastest: str | None
    unexplained_share: float | None
    unexplained_conflicts: float | None
    needs: list[str]

@final
class IndexedIcrcPoint:
    part: str
    year: int
    value: float
    index: float
    label: str

@final
class ShapeCheck:
    @property
    def form(self) -> str: ...
    @property
    def measured_by(self) -> str: ...
    @property
    def shape(self) -> str: ...
    @property
    def verdict(self) -> Literal["holds", "fails", "undetermined"]: ...
    @property
    def reason(self) -> str: ...
    @property
    def report(self) -> TrendReport | None: ...
    @property
    def datasets(self) -> list[Provenance]: ...

@final
class ClaimCheck:
    def render_text(self) -> str: ...
    def json(self) -> str: ...
    def readings(self) -> pl.DataFrame: ...
    def indexed(self) -> pl.DataFrame: ...
    @property
    def claim(self) -> Claim: ...
    @property
    def releases(self) -> list[str]: ...
    @property
    def parts(self) -> list[PartSummary]: ...
    @property
    def needs(self) -> list[tuple[str, int]]: ...
    @property
    def shapes(self) -> list[ShapeCheck]: ...
    @property
    def explanation(self) -> list[SeriesComparison]: ...
    @property
    def indexed_icrc(self) -> list[IndexedIcrcPoint]: ...
    @property
    def datasets(self) -> list[Provenance]: ...

@final
class ReleaseDiff:
    def render_text(self) -> str: ...
    def json(self) -> str: ...
    def csv(self) -> str: ...
    def only_in(self) -> pl.DataFrame: ...
    def changes(self) -> pl.DataFrame: ...
    def counts(self) -> pl.DataFrame: ...
    @property
    def dataset(self) -> str: ...
    @property
    def record(self) -> str: ...
    @property
    def key(self) -> list[str]: ...
    @property
    def old(self) -> Provenance: ...
    @property
    def new(self) -> Provenance: ...
    @property
    def release_column(self) -> tuple[str, str, str] | None: ...
    @property
    def old_records(self) -> int: ...
    @property
    def new_records(self) -> int: ...
    @property
    def changed_records(self) -> int: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def warnings(self) -> list[LoadWarning]: ...

def release_diff(
    dataset: str,
    old: str,
    new: str,
    old_is_path: bool = False,
    new_is_path: bool = False,
    unit: str | None = None,
) -> ReleaseDiff: ...

_ForecastModelKey = Literal[
    "exponential_negbin",
    "exponential_poisson",
    "linear",
    "step",
    "regime",
    "two_regimes",
    "last_value",
    "mean_of_last",
]

@final
class ForecastReport:
    def render_text(self) -> str: ...
    def json(self) -> str: ...
    def csv(self) -> str: ...
    def forecasts(self) -> pl.DataFrame: ...
    def series(self) -> pl.DataFrame: ...
    def scores(self) -> pl.DataFrame: ...
    def cases(self) -> pl.DataFrame: ...
    def release_cases(self) -> pl.DataFrame: ...
    @property
    def label(self) -> str: ...
    @property
    def unit(self) -> UnitInfo: ...
    @property
    def dataset(self) -> Provenance: ...
    @property
    def origin(self) -> int: ...
    @property
    def window(self) -> tuple[int, int]: ...
    @property
    def method(self) -> str: ...
    @property
    def autocorrelation(self) -> list[tuple[_ForecastModelKey, str]]: ...
    @property
    def break_years(self) -> list[tuple[_ForecastModelKey, list[int]]]: ...
    @property
    def verdict(
        self,
    ) -> tuple[_ForecastModelKey, _ForecastModelKey, _ForecastModelKey, str] | None: ...
    @property
    def backtest_years(self) -> tuple[int, int] | None: ...
    @property
    def release_test(
        self,
    ) -> tuple[Provenance, list[tuple[int, float, float]], str] | None: ...
    @property
    def notes(self) -> list[str]: ...

def forecast(
    unit: str,
    version: str | None = None,
    persistence: int = 0,
    horizon: int = 5,
    origin: int | None = None,
    window_years: int = 30,
    backtest: int | None = None,
    against: str | None = None,
    bootstrap: int = 1000,
    seed: int = 42,
    mean_of_last: int = 5,
    min_segment: int = 5,
) -> ForecastReport: ...
def crps_ensemble(sample: list[float], observed: float) -> float: ...

@final
class TrendReport:
    def json(self) -> str: ...
    @property
    def predictive_verdict(
        self,
    ) -> tuple[_ForecastModelKey, _ForecastModelKey, _ForecastModelKey, str] | None: ...
    def statement(self) -> str: ...
    def render_text(self) -> str: ...
    def frame(self) -> pl.DataFrame: ...
    @property
    def label(self) -> str: ...
    @property
    def unit(self) -> UnitInfo | None: ...
    @property
    def count_spec(self) -> CountSpec | None: ...
    @property
    def dataset(self) -> Provenance | None: ...
    @property
    def other_datasets(self) -> list[Provenance]: ...
    @property
    def year(self) -> int: ...
    @property
    def count(self) -> float: ...
    @property
    def window_start(self) -> int: ...
    @property
    def window_end(self) -> int: ...
    @property
    def n_years(self) -> int: ...
    @property
    def confidence_level(self) -> float: ...
    @property
    def horizons(self) -> list[Horizon]: ...
    @property
    def poisson(self) -> PoissonFit: ...
    @property
    def negbin(self) -> NegBinFit: ...
    @property
    def linear(self) -> LinearFit | None: ...
    @property
    def aic(self) -> AicComparison: ...
    @property
    def hac(self) -> HacSummary: ...
    @property
    def quoted(self) -> QuotedInterval: ...
    @property
    def bootstrap(self) -> BootstrapSummary | None: ...
    @property
    def diagnostics(self) -> FitDiagnostics: ...
    @property
    def shapes(self) -> ShapeComparison | None: ...
    @property
    def models(self) -> list[ModelRow]: ...
    @property
    def sections(self) -> list[Section]: ...
    @property
    def assumption_warnings(self) -> list[str]: ...
    @property
    def notes(self) -> list[str]: ...

def trend(
    unit: str,
    years: tuple[int, int] | None = None,
    types: list[str] = ...,
    intensities: list[str] = ...,
    incompatibilities: list[str] = ...,
    regions: list[str] = ...,
    persistence: int = 0,
    name: str | None = None,
    version: str | None = None,
    path: str | None = None,
    frame: pl.DataFrame | None = None,
    year: int | None = None,
    horizons: list[int] = ...,
    window: tuple[int, int] | None = None,
    bootstrap: tuple[int, int] | None = None,
    sources: dict[str, str] | None = None,
    shapes: tuple[int, int, int] | None = None,
    hac_lags: int | None = None,
    ljung_box_lags: int | None = None,
    rates: bool = False,
    severity: bool = False,
    backtest: tuple[int, int] | None = None,
) -> TrendReport: ...
def trend_series(
    label: str,
    years: list[int],
    counts: list[float],
    year: int | None = None,
    horizons: list[int] = ...,
    window: tuple[int, int] | None = None,
    bootstrap: tuple[int, int] | None = None,
    shapes: tuple[int, int, int] | None = None,
    hac_lags: int | None = None,
    ljung_box_lags: int | None = None,
    backtest: tuple[int, int] | None = None,
) -> TrendReport: ...
def trend_counted(
    table: CountTable,
    years: list[int],
    counts: list[float],
    year: int | None = None,
    horizons: list[int] = ...,
    window: tuple[int, int] | None = None,
    bootstrap: tuple[int, int] | None = None,
    shapes: tuple[int, int, int] | None = None,
    hac_lags: int | None = None,
    ljung_box_lags: int | None = None,
    backtest: tuple[int, int] | None = None,
) -> TrendReport: ...
def check_claim(
    claim_json: str | None = None,
    claim_path: str | None = None,
    persistences: list[int] = ...,
    releases: list[str] | None = None,
    replicates: int = ...,
    seed: int = ...,
    version: str | None = None,
    sources: dict[str, str] | None = None,
) -> ClaimCheck: ...
def flows(
    name: str | None = None,
    version: str | None = None,
    path: str | None = None,
    frame: pl.DataFrame | None = None,
    from_year: int = 2010,
    to_year: int | None = None,
    base: tuple[int, int] | None = None,
) -> tuple[pl.DataFrame, StockFlow, Decomposition]: ...
def rates(
    forms: list[str],
    window: tuple[int, int] | None = None,
    version: str | None = None,
    microstates: bool = False,
) -> tuple[pl.DataFrame, RatesReport]: ...
def severity(
    version: str | None = None,
    path: str | None = None,
    unit: str = "conflict_year",
    estimate: str = "best",
    years: tuple[int, int] | None = None,
    bootstrap: tuple[int, int] | None = None,
) -> tuple[pl.DataFrame, SeverityReport]: ...
def panel(
    kind: str,
    *,
    years: tuple[int, int] | None = None,
    gap: int = 1,
    microstates: bool = False,
    directed: bool = False,
    active_only: bool = False,
    acd_version: str | None = None,
    dyadic_version: str | None = None,
    sources: dict[str, str] | None = None,
    role: Literal["location", "primary", "any"] | None = None,
) -> tuple[pl.DataFrame, PanelMetadata]: ...
def panel_kinds() -> list[str]: ...
def key_tables() -> dict[str, list[str]]: ...
def aggregate_events(
    *,
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    path: str | None = None,
    sources: dict[str, str] | None = None,
    rehash: bool = False,
) -> tuple[pl.DataFrame, EventsMetadata]: ...
def aggregate_acled(
    path: str,
    period: str = "year",
    event_types: list[str] = ...,
    sub_event_types: list[str] = ...,
    disorder_types: list[str] = ...,
    max_time_precision: int = 3,
) -> tuple[pl.DataFrame, AcledMetadata]: ...
def aggregate_event_frame(
    events: pl.DataFrame,
    *,
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    source: str = "DataFrame",
) -> tuple[pl.DataFrame, EventsMetadata]: ...

@final
class EventStream:
    def __new__(
        cls,
        unit: str = "country",
        period: str = "year",
        attribution: str = "split_even",
        max_date_prec: int = 5,
        source: str = "DataFrame",
        path: str | None = None,
    ) -> EventStream: ...
    def push(self, events: pl.DataFrame) -> None: ...
    @property
    def events(self) -> int: ...
    def finish(self) -> tuple[pl.DataFrame, StreamMetadata]: ...

@final
class Provenance:
    name: str
    title: str
    version: str
    sha256: str
    source: str
    status: Literal["embedded", "official", "modified", "unregistered", "unverified"]
    licence: str | None
    citation: str | None
    byte_identity: Literal["verified", "unverified", "derived", "unknown"]
    def label(self) -> str: ...

@final
class LoadWarning:
    kind: str
    file: str
    line: int | None
    column: str | None
    count: int
    message: str

@final
class Unit:
    key: str
    column: str
    definition: str
    source: str
    caveat: str | None
    datasets: list[str]
    state_based: bool
    persistence: bool

def units() -> list[Unit]: ...
def load_dataset(
    name: str, version: str | None = None, path: str | None = None
) -> tuple[pl.DataFrame, Provenance, list[LoadWarning], list[str]]: ...
def reconcile(
    year: int | None = None,
    persistences: list[int] = ...,
    horizons: list[int] = ...,
    version: str | None = None,
    sources: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, list[Provenance], str]: ...
def deaths(
    version: str | None = None, year: int | None = None
) -> tuple[pl.DataFrame, list[Provenance]]: ...
def ihl(
    level: str = "conflict",
    curated: str | None = None,
    year: int | None = None,
    version: str | None = None,
) -> tuple[
    pl.DataFrame, pl.DataFrame, int, list[tuple[str, int]], list[Provenance], list[LoadWarning]
]: ...

# Partial event tables (crates/conflictstats-py/src/partial.rs).
_PartialState = tuple[
    tuple[str, str, str, int], tuple[int, int, int, int], str, str | None, list[bytes]
]

@final
class EventPartial:
    def __new__(cls, state: _PartialState) -> EventPartial: ...
    def __reduce__(self) -> tuple[type[EventPartial], tuple[_PartialState]]: ...
    @staticmethod
    def merge(parts: list[EventPartial]) -> EventPartial: ...
    def frame(self) -> tuple[pl.DataFrame, EventsMetadata]: ...
    @property
    def spec(self) -> tuple[str, str, str, int]: ...
    @property
    def source(self) -> str: ...
    @property
    def excluded(self) -> tuple[int, int, int, int]: ...
    @property
    def provenance(self) -> Provenance | None: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

def event_partial(
    events: pl.DataFrame,
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    source: str = "DataFrame",
) -> EventPartial: ...
def event_partial_ged(
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    path: str | None = None,
    sources: dict[str, str] | None = None,
    rehash: bool = False,
) -> EventPartial: ...
def event_columns(unit: str) -> list[str]: ...

# The trend bootstrap in pieces (crates/conflictstats-py/src/replicates.rs).
_Replicates = tuple[int, int, int, list[float]]

def trend_bootstrap_replicates(
    years: list[int],
    counts: list[float],
    horizons: list[tuple[int, float, float]],
    replicates: int,
    seed: int,
    start: int,
    end: int,
    block_length: int | None = None,
) -> _Replicates: ...
def trend_bootstrap_summary(
    years: list[int],
    counts: list[float],
    horizons: list[tuple[int, float, float]],
    replicates: int,
    seed: int,
    parts: list[_Replicates],
    block_length: int | None = None,
) -> BootstrapSummary: ...

# Stock and flow, rates per state, severity (crates/conflictstats-py/src/types.rs).

@final
class FlowYear:
    year: int
    active: int
    onsets: int
    new_conflicts: int
    recurrences: int
    continuing: int
    terminations: int
    states: int
    onset_rate: float
    termination_rate: float | None
    mean_duration: float | None
    at_risk_by_duration: list[int]
    terminations_by_duration: list[int]

@final
class StockFlow:
    dataset: Provenance
    states_dataset: Provenance
    first_year: int
    first_year_active: int
    years: list[FlowYear]

@final
class BaseRates:
    years: tuple[int, int]
    onsets: float
    new_conflicts: float
    recurrences: float
    termination_rate: float
    termination_rate_by_duration: list[float]
    at_risk_share_by_duration: list[float]

@final
class Decomposition:
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
    base: BaseRates
    more_onsets: float
    more_new_conflicts: float
    fewer_terminations: float
    longer_durations: float
    stock_feedback: float
    statement: str

@final
class OffsetFit:
    center_year: float
    intercept: float
    slope: float
    slope_se: float
    growth_rate: float
    ci_low: float
    ci_high: float
    alpha: float
    alpha_at_boundary: bool
    log_likelihood: float

@final
class RateFit:
    poisson: OffsetFit
    negbin: OffsetFit

@final
class FormRate:
    form: Literal[
        "interstate",
        "intrastate",
        "internationalized_intrastate",
        "extrasystemic",
        "state_based",
        "non_state",
        "one_sided",
    ]
    key: str
    question: str
    unit: str
    dataset: Provenance
    counts: list[int]
    per_100_states: list[float]
    count_poisson: PoissonFit | None
    count_negbin: NegBinFit | None
    rate: RateFit | None
    note: str | None

@final
class RatesReport:
    window_start: int
    window_end: int
    states: list[int]
    include_microstates: bool
    states_dataset: Provenance
    forms: list[FormRate]
    statement: str

@final
class Summary:
    n: int
    total: int
    mean: float
    min: int
    median: float
    p90: float
    p99: float
    max: int
    top1pct_share: float

@final
class Observation:
    conflict_id: int
    year: int
    last_year: int
    deaths: int

@final
class PowerLawFit:
    n: int
    n_tail: int
    x_min: float
    alpha: float
    alpha_se_asymptotic: float
    ks_distance: float
    log_likelihood: float

@final
class PowerLawBootstrap:
    replicates: int
    seed: int
    alpha_se: float
    x_min_se: float
    gof_p_value: float
    gof_exceed: int

@final
class LognormalFit:
    mu: float
    sigma: float
    log_likelihood: float
    converged: bool

@final
class Vuong:
    log_likelihood_ratio: float
    normalized_ratio: float
    p_value: float
    favours: Literal["power_law", "lognormal", "neither"]

@final
class SeverityReport:
    label: str
    dataset: Provenance | None
    unit: Literal["conflict_year", "conflict"]
    estimate: Literal["low", "best", "high"]
    years: tuple[int, int]
    zero_observations: int
    summary: Summary
    largest: list[Observation]
    power_law: PowerLawFit
    lognormal: LognormalFit
    vuong: Vuong
    bootstrap: PowerLawBootstrap | None
    statement: str

# The registry and the cache.

@final
class EmbeddedDataset:
    name: str
    version: str
    title: str
    kind: str
    file_name: str
    rows: int
    years: tuple[int, int]
    sha256: str
    licence: str
    citation: str
    bibtex: str
    default: bool
    byte_identity: Literal["verified", "unverified", "derived", "unknown"]

@final
class Redirect:
    status: int
    url: str
    location: str

@final
class CacheRecord:
    name: str
    version: str
    file_name: str
    member: str | None
    sha256: str
    bytes: int
    url: str
    final_url: str
    redirects: list[Redirect]
    fetched_from: Literal["download", "api"]
    verified: bool
    verified_by: str | None

# Maps (conflictstats::geo).
@final
class CountryMap:
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def caveat(self) -> str | None: ...
    @property
    def date(self) -> str: ...
    @property
    def measure(
        self,
    ) -> Literal[
        "conflicts", "incidence", "conflict_onsets", "onset", "max_intensity", "deaths"
    ]: ...
    @property
    def role(self) -> Literal["location", "primary", "any"]: ...
    @property
    def aggregate(self) -> Literal["sum", "mean", "max"]: ...
    @property
    def years(self) -> tuple[int, int]: ...
    @property
    def minus(self) -> str | None: ...
    @property
    def provenance(self) -> list[Provenance]: ...
    def classes(self) -> list[tuple[str, float, float, str]]: ...
    def states_frame(self) -> pl.DataFrame: ...
    def outlines_frame(self) -> pl.DataFrame: ...
    def outlines_without_state(self) -> list[str]: ...
    def projected(self) -> list[list[list[tuple[float, float]]]]: ...
    def notes(self) -> list[str]: ...
    def svg(self) -> str: ...
    def geojson(self) -> str: ...

def country_map(
    *,
    measure: Literal[
        "conflicts", "incidence", "conflict_onsets", "onset", "max_intensity", "deaths"
    ] = "conflicts",
    role: Literal["location", "primary", "any"] | None = None,
    years: tuple[int, int] | None = None,
    aggregate: Literal["sum", "mean", "max"] | None = None,
    minus_year: int | None = None,
    minus_version: str | None = None,
    version: str | None = None,
    sources: dict[str, str] | None = None,
) -> CountryMap: ...
def map_frame() -> tuple[list[tuple[float, float]], float, float]: ...
def project_points(lon: list[float], lat: list[float]) -> tuple[list[float], list[float]]: ...
def priogrid_rings(gids: list[int]) -> list[list[tuple[float, float]]]: ...
def priogrid_gids(lon: list[float], lat: list[float]) -> list[int]: ...
def outline_rings() -> list[list[list[tuple[float, float]]]]: ...
def classify(
    values: list[float],
) -> tuple[list[tuple[str, float, float, str]], list[int | None]]: ...
def map_colours() -> tuple[str, str, str, str]: ...
