"""conflictstats: armed-conflict statistics on UCDP data, with the counting unit explicit.

"How many armed conflicts are there?" UCDP counts 61 state-based armed conflicts in 2024; the
same conflict-years give 36 countries. Every function here names its unit, and every figure
comes from the Rust core (`conflictstats` crate) over data compiled into the library with a
verified SHA-256.

Quick start:
    >>> import conflictstats as cs
    >>> cs.count(years=2025).row(0)                    # ACD v26.1 (the default): year, conflicts
    (2025, 65)
    >>> cs.count(version="25.1", years=2024).row(0)    # last year's release: 2024 was 61 there
    (2024, 61)
    >>> cs.count(version="25.1", years=2024, unit="country").row(0)  # countries with conflict
    (2024, 36)
    >>> acd = cs.load("ucdp-acd", version="25.1")      # typed polars DataFrame
    >>> cs.count(acd.filter(acd["region"].list.contains(4)), years=2024).row(0)  # Africa
    (2024, 28)
    >>> t = cs.trend(bootstrap=None)                   # 15- and 30-year horizons, fits
    >>> t.year, t.horizons[0].from_count, round(t.horizons[0].ratio, 2)
    (2025, 31.0, 2.1)

Functions — one per CLI command, over the same core functions: :func:`datasets`,
:func:`load` (every embedded dataset, or a file), :func:`count`, :func:`trend`,
:func:`check`, :func:`diff` (what changed between two releases), :func:`flows`,
:func:`rates`, :func:`severity`, :func:`reconcile`,
:func:`deaths`, :func:`ihl`, :func:`cite`, the panels (:func:`panel_state_year`, ...),
:func:`aggregate_events` (in parts: :func:`aggregate_events_partial`,
:func:`merge_event_partials`; on a Dask cluster: :mod:`conflictstats.dask`);
:func:`fetch` (a release not compiled in, from UCDP, into the
cache); maps, offline: :func:`map`, :func:`map_data`, :func:`map_events`; :func:`units` (the
counting units' table), :func:`plot_counts`. The ``Literal`` types of
the arguments (:data:`UnitKey`, :data:`GroupBy`, :data:`PanelKind`, :data:`PanelRole`,
:data:`EventUnitKey`, :data:`Period`, :data:`Attribution`, :data:`DatasetName`) list the core's
keys. Provenance and warnings of a frame: :func:`provenance` (typed :class:`Metadata`),
:func:`warnings` (the :class:`ConflictStatsWarning` s issued while it was computed: load rules,
and kind ``"provenance"`` for data that are not a verified release).
Errors: :class:`ConflictStatsError` and its subclasses (see :mod:`conflictstats.exceptions`).
pandas: convert results with ``.to_pandas()``; pandas frames are accepted as input.
"""

from ._acled import AcledDisorderType, AcledEventType, AcledSubEventType
from ._api import Citation, cite, count, datasets, load
from ._check import ClaimCheck, check
from ._conflictstats import __version__, build_profile
from ._diff import DiffDataset, DiffSide, ReleaseDiff, diff
from ._fetch import FetchedRelease, fetch
from ._flows import (
    FORMS,
    Decomposition,
    FlowsResult,
    FormRate,
    RatesResult,
    SeverityResult,
    flows,
    rates,
    severity,
)
from ._forecast import ForecastModel, ForecastResult, forecast
from ._map import (
    EventLayout,
    EventValue,
    MapAggregate,
    MapData,
    MapMeasure,
    MapRole,
    map,
    map_data,
    map_events,
    save_map_2025,
)
from ._metadata import (
    Attribution,
    ByteIdentity,
    DatasetName,
    EventUnitKey,
    GroupBy,
    Metadata,
    PanelKind,
    PanelRole,
    Period,
    ProvenanceDict,
    ReleaseStatus,
    UnitKey,
    provenance,
    warnings,
)
from ._pandas import to_pandas
from ._panel import (
    aggregate_events,
    panel_conflict_dyad_year,
    panel_conflict_year,
    panel_dyad_year,
    panel_state_year,
)
from ._partial import EventPartial, aggregate_events_partial, merge_event_partials
from ._plot import plot_counts
from ._results import (
    IhlResult,
    Provenance,
    Reconciliation,
    Unit,
    deaths,
    ihl,
    reconcile,
    units,
)
from ._trend import (
    AicComparison,
    BootstrapSummary,
    FitDiagnostics,
    HacSummary,
    Horizon,
    LinearFit,
    ModelRow,
    NegBinFit,
    PoissonFit,
    QuotedInterval,
    Section,
    Shape,
    ShapeComparison,
    TrendResult,
    Verdict,
    trend,
)
from .exceptions import (
    ChecksumError,
    ConflictStatsError,
    ConflictStatsWarning,
    DataFileError,
    DatasetError,
    DatasetNotFoundError,
    DuplicateRecordError,
    FetchError,
    FieldCountError,
    FileReadError,
    IntegrityError,
    InternalError,
    ParseError,
    SchemaError,
    SpecError,
)

__all__ = [
    "FORMS",
    "AcledDisorderType",
    "AcledEventType",
    "AcledSubEventType",
    "AicComparison",
    "Attribution",
    "BootstrapSummary",
    "ByteIdentity",
    "ChecksumError",
    "Citation",
    "ClaimCheck",
    "ConflictStatsError",
    "ConflictStatsWarning",
    "DataFileError",
    "DatasetError",
    "DatasetName",
    "DatasetNotFoundError",
    "Decomposition",
    "DiffDataset",
    "DiffSide",
    "DuplicateRecordError",
    "EventLayout",
    "EventPartial",
    "EventUnitKey",
    "EventValue",
    "FetchError",
    "FetchedRelease",
    "FieldCountError",
    "FileReadError",
    "FitDiagnostics",
    "FlowsResult",
    "ForecastModel",
    "ForecastResult",
    "FormRate",
    "GroupBy",
    "HacSummary",
    "Horizon",
    "IhlResult",
    "IntegrityError",
    "InternalError",
    "LinearFit",
    "MapAggregate",
    "MapData",
    "MapMeasure",
    "MapRole",
    "Metadata",
    "ModelRow",
    "NegBinFit",
    "PanelKind",
    "PanelRole",
    "ParseError",
    "Period",
    "PoissonFit",
    "Provenance",
    "ProvenanceDict",
    "QuotedInterval",
    "RatesResult",
    "Reconciliation",
    "ReleaseDiff",
    "ReleaseStatus",
    "SchemaError",
    "Section",
    "SeverityResult",
    "Shape",
    "ShapeComparison",
    "SpecError",
    "TrendResult",
    "Unit",
    "UnitKey",
    "Verdict",
    "__version__",
    "aggregate_events",
    "aggregate_events_partial",
    "build_profile",
    "check",
    "cite",
    "count",
    "datasets",
    "deaths",
    "diff",
    "fetch",
    "flows",
    "forecast",
    "ihl",
    "load",
    "map",
    "map_data",
    "map_events",
    "merge_event_partials",
    "panel_conflict_dyad_year",
    "panel_conflict_year",
    "panel_dyad_year",
    "panel_state_year",
    "plot_counts",
    "provenance",
    "rates",
    "reconcile",
    "save_map_2025",
    "severity",
    "to_pandas",
    "trend",
    "units",
    "warnings",
]
