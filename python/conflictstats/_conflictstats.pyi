# Mirrors the functions of the native module (crates/conflictstats-py/src/lib.rs).
# Private: the public API is conflictstats/__init__.py. Keep in sync with the Rust signatures.

from typing import Literal, final

import polars as pl

__all__ = [
    "EventPartial",
    "LoadWarning",
    "Provenance",
    "TrendReport",
    "Unit",
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
    "count",
    "datasets_json",
    "deaths",
    "event_columns",
    "event_partial",
    "event_partial_ged",
    "fetch",
    "flows",
    "ihl",
    "load",
    "load_dataset",
    "panel",
    "rates",
    "reconcile",
    "severity",
    "trend",
    "trend_bootstrap_replicates",
    "trend_bootstrap_summary",
    "trend_series",
    "units",
]

__version__: str
build_profile: str

def datasets_json() -> str: ...
def acd_schema_frame() -> pl.DataFrame: ...
def load(
    name: str | None = None,
    version: str | None = None,
    path: str | None = None,
    frame: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, str]: ...
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
) -> tuple[pl.DataFrame, str]: ...
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
) -> str: ...
def _panic_for_tests() -> None: ...
def _error_for_tests(which: str) -> None: ...

@final
class TrendReport:
    def json(self) -> str: ...
    def statement(self) -> str: ...
    def render_text(self) -> str: ...
    def frame(self) -> pl.DataFrame: ...

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
) -> TrendReport: ...
def check_claim(
    claim_json: str | None = None,
    claim_path: str | None = None,
    persistences: list[int] = ...,
    releases: list[str] | None = None,
    replicates: int = 1000,
    seed: int = 42,
) -> tuple[str, str, str]: ...
def flows(
    name: str | None = None,
    version: str | None = None,
    path: str | None = None,
    frame: pl.DataFrame | None = None,
    from_year: int = 2010,
    to_year: int | None = None,
    base: tuple[int, int] | None = None,
) -> tuple[pl.DataFrame, str]: ...
def rates(
    forms: list[str],
    window: tuple[int, int] | None = None,
    version: str | None = None,
    microstates: bool = False,
) -> tuple[pl.DataFrame, str]: ...
def severity(
    version: str | None = None,
    path: str | None = None,
    unit: str = "conflict_year",
    estimate: str = "best",
    years: tuple[int, int] | None = None,
    bootstrap: tuple[int, int] | None = None,
) -> tuple[pl.DataFrame, str]: ...
def panel(
    kind: str,
    years: tuple[int, int] | None = None,
    gap: int = 1,
    microstates: bool = False,
    directed: bool = False,
    active_only: bool = False,
    acd_version: str | None = None,
    dyadic_version: str | None = None,
    sources: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, str]: ...
def aggregate_events(
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    path: str | None = None,
    sources: dict[str, str] | None = None,
) -> tuple[pl.DataFrame, str]: ...
def aggregate_acled(
    path: str,
    period: str = "year",
    event_types: list[str] = ...,
    sub_event_types: list[str] = ...,
    disorder_types: list[str] = ...,
    max_time_precision: int = 3,
) -> tuple[pl.DataFrame, str]: ...
def aggregate_event_frame(
    events: pl.DataFrame,
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    source: str = "DataFrame",
) -> tuple[pl.DataFrame, str]: ...

@final
class Provenance:
    name: str
    title: str
    version: str
    sha256: str
    source: str
    status: Literal["embedded", "official", "modified", "unregistered"]
    licence: str | None
    citation: str | None
    def label(self) -> str: ...

@final
class LoadWarning:
    kind: str
    file: str
    line: int
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
    year: int, persistences: list[int] = ..., horizons: list[int] = ...
) -> tuple[pl.DataFrame, list[Provenance], str]: ...
def deaths(
    version: str | None = None, year: int | None = None
) -> tuple[pl.DataFrame, list[Provenance]]: ...
def ihl(
    level: str = "conflict", curated: str | None = None, year: int | None = None
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
    def frame(self) -> tuple[pl.DataFrame, str]: ...
    @property
    def spec(self) -> tuple[str, str, str, int]: ...
    @property
    def source(self) -> str: ...
    @property
    def excluded(self) -> tuple[int, int, int, int]: ...
    @property
    def provenance(self) -> str | None: ...
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
) -> str: ...
