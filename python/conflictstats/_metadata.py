"""Provenance of the DataFrames conflictstats returns.

A polars DataFrame has no place for metadata, so the provenance of each frame this package
returns — the dataset's name, version, SHA-256 and release status, and the specification it
was computed under — is kept beside it, for as long as that frame object lives, and read back
with :func:`provenance`. A frame derived from it (``.filter``, ``.with_columns``, …) is a new
object without provenance: ask for it on the frame conflictstats returned.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any, Literal, TypedDict, cast

import polars as pl

from .exceptions import ConflictStatsWarning, collected

#: The counting units (``unit=``), as the core's table (``count::UNITS``) names them.
UnitKey = Literal[
    "conflict",
    "dyad",
    "country",
    "state_party",
    "nonstate_conflict",
    "onesided_actor",
    "legal_relationship",
]

#: The grouping dimensions of a count (``by=``; the core's ``Dimension::ALL``).
GroupBy = Literal["type", "intensity", "incompatibility", "region"]

#: The panels (the core's ``panel::PanelKind`` table).
PanelKind = Literal["state-year", "dyad-year", "conflict-year", "conflict-dyad-year"]

#: The participation roles of the state-based panels (``role=``; the core's ``panel::ROLES``):
#: the state where the conflict is located (``gwno_loc``), a primary party (``gwno_a``,
#: ``gwno_b``), or any participant, secondary supporters included.
PanelRole = Literal["location", "primary", "any"]

#: The units of an event aggregation (``unit=`` of :func:`aggregate_events`; the core's
#: ``events::EventUnit::ALL``): G&W country, UCDP conflict (``type_of_violence``,
#: ``conflict_new_id``) or PRIO-GRID cell.
EventUnitKey = Literal["country", "conflict", "priogrid"]

#: The time unit of an event aggregation (the core's ``events::Period::ALL``).
Period = Literal["month", "year"]

#: How an event spanning several calendar months is attributed (``events::Attribution::ALL``):
#: split evenly in whole deaths, or all to the month of ``date_start`` / ``date_end``.
Attribution = Literal["split_even", "start_month", "end_month"]

#: The registry names of the datasets (the core's ``data::registry::REGISTRY``).
DatasetName = Literal[
    "ucdp-acd",
    "ucdp-ged-sample",
    "gw-states",
    "gw-iso3-crosswalk",
    "iso-numeric",
    "ucdp-dyadic",
    "ucdp-brd",
    "ucdp-nonstate",
    "ucdp-onesided",
]

#: A release's status: embedded, byte-identical to a registered release, modified, an
#: unregistered version, or fetched without a published checksum.
ReleaseStatus = Literal["embedded", "official", "modified", "unregistered", "unverified"]

#: Whether a copy's bytes are known to be UCDP's own file (``data::ByteIdentity::ALL``):
#: verified (checksum recorded), unverified (a copy not matched against UCDP's download, such
#: as the embedded ACD v26.1), derived (converted or repaired), unknown (a user's file).
ByteIdentity = Literal["verified", "unverified", "derived", "unknown"]


class ProvenanceDict(TypedDict):
    """A dataset's provenance (fields of the core's ``data::Provenance``)."""

    name: str
    title: str
    version: str
    sha256: str
    source: str
    status: ReleaseStatus
    licence: str | None
    citation: str | None
    byte_identity: ByteIdentity


class FiltersDict(TypedDict):
    """Which conflict-years a count includes (``count::Filters``; keys of the core's enums)."""

    types: list[str]
    intensities: list[str]
    incompatibilities: list[str]
    regions: list[str]
    from_year: int | None
    to_year: int | None


class CountSpecDict(TypedDict):
    """How a count was computed (``count::CountSpec``)."""

    unit: str
    filters: FiltersDict
    by: str | None
    persistence: int


class PanelSpecDict(TypedDict):
    """The options of a panel (``panel::PanelSpec``)."""

    years: tuple[int, int] | None
    gap: int
    include_microstates: bool
    directed: bool
    active_only: bool
    role: PanelRole | None


class StateListFillDict(TypedDict):
    """How a state-based panel fills the years after the G&W list ends."""

    list_ends: str
    last_panel_year: int
    rule: str


class UnmatchedDict(TypedDict):
    """A conflict-year whose state has no G&W membership in that year."""

    gwcode: int
    year: int
    role: str


class AggregateSpecDict(TypedDict):
    """How GED events were aggregated (``events::AggregateSpec``)."""

    unit: EventUnitKey
    period: Period
    attribution: Attribution
    max_date_prec: int


class SumsDict(TypedDict):
    """Sums of deaths and events (``events::Sums``)."""

    low: int
    best: int
    high: int
    events: int


class TallyDict(TypedDict):
    """ACLED events and the sum of their fatalities (``events::Tally``)."""

    events: int
    fatalities: int


class AcledSpecDict(TypedDict):
    """How an ACLED export was aggregated (``events::AcledSpec``; keys of the core's enums)."""

    period: Period
    event_types: list[str]
    sub_event_types: list[str]
    disorder_types: list[str]
    max_time_precision: int


class UnmatchedCountryDict(TypedDict):
    """Selected ACLED events not counted because of their country (``reason``:
    ``"no_iso_code"``, ``"no_gw_state"`` or ``"ambiguous"``)."""

    iso: int
    country: str
    iso3: list[str]
    reason: Literal["no_iso_code", "no_gw_state", "ambiguous"]
    gwcodes: list[int]
    first_date: str
    last_date: str
    events: int
    fatalities: int


class AcledExcludedDict(TypedDict):
    """What an ACLED aggregation left out: not selected by the type filters, dated less
    precisely than ``max_time_precision``, without a single G&W state."""

    not_selected: TallyDict
    imprecise: TallyDict
    unmatched: list[UnmatchedCountryDict]


class LoadWarningDict(TypedDict):
    """What a loader accepted under a documented rule (``data::LoadWarning``)."""

    kind: str
    file: str
    line: int | None
    column: str | None
    count: int
    message: str


class _EveryFrame(TypedDict):
    """The keys the metadata of every frame has."""

    #: The dataset the frame was computed from (for a panel, the conflict data; for events
    #: given as a DataFrame, a description of that frame: status ``unregistered``, no
    #: checksum).
    dataset: ProvenanceDict
    #: Every dataset read, ``dataset`` first.
    datasets: list[ProvenanceDict]


class Metadata(_EveryFrame, total=False):
    """What :func:`provenance` returns: ``dataset`` and ``datasets`` for every frame (typed
    as required keys: ``cs.provenance(df)["dataset"]["version"]`` type-checks), and the keys
    a frame's kind carries:

    - counts (:func:`~conflictstats.count`): ``spec``, ``dataset``, ``other_datasets``;
    - panels: ``panel``, ``spec``, ``coverage``, ``conflict_data`` and, state-based,
      ``state_list``, ``state_list_fill``, ``unmatched`` and ``role``;
    - event aggregations: ``spec``, ``excluded``, ``provenance`` (``None`` for a DataFrame),
      ``source``, ``copied`` (and ``events_read``, ``batches`` when streamed from columnar
      input; ``partitions`` from :mod:`conflictstats.dask`);
    - ACLED aggregations: ``spec`` (:class:`AcledSpecDict`), ``measure``, ``layout``,
      ``excluded`` (:class:`AcledExcludedDict`), ``totals``, ``provenance``, ``datasets``,
      ``extra_columns``, ``warnings``;
    - loaded datasets (:func:`~conflictstats.load`): ``dataset``, ``extra_columns``;
    - deaths and reconcile rows: ``datasets`` only.
    """

    spec: Any  # CountSpecDict | PanelSpecDict | AggregateSpecDict | AcledSpecDict, by kind
    other_datasets: list[ProvenanceDict]
    extra_columns: list[str]
    panel: str
    coverage: tuple[int, int]
    conflict_data: ProvenanceDict
    state_list: ProvenanceDict
    state_list_fill: StateListFillDict
    unmatched: list[UnmatchedDict]
    role: PanelRole
    excluded: Any  # SumsDict (GED) | AcledExcludedDict (ACLED)
    provenance: ProvenanceDict | None
    source: str
    copied: list[str]
    events_read: int
    batches: int
    partitions: int
    measure: str
    layout: Literal["since_2023", "before_2023"]
    totals: TallyDict
    warnings: list[LoadWarningDict]


_META: dict[int, tuple[weakref.ref[pl.DataFrame], Metadata, list[ConflictStatsWarning]]] = {}


def native_fields(obj: object) -> list[str]:
    """The attribute names of a native mirror object (the Rust struct's fields)."""
    return sorted(
        name
        for name, value in vars(type(obj)).items()
        if type(value).__name__ == "getset_descriptor" and not name.startswith("_")
    )


def plain(obj: Any) -> Any:
    """A native mirror object as plain Python data: its fields (``native_fields``) as a dict,
    recursively; lists and tuples element by element; other values as they are."""
    if isinstance(obj, (str, int, float, bool)) or obj is None:
        return obj
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(plain(v) for v in obj)
    if type(obj).__module__ == "conflictstats._conflictstats":
        return {name: plain(getattr(obj, name)) for name in native_fields(obj)}
    raise TypeError(f"no plain form for {type(obj).__name__}")


def attach_native(df: pl.DataFrame, meta: object) -> pl.DataFrame:
    """Records a native metadata object (fields as in :class:`Metadata`) as the provenance
    of ``df``."""
    out: dict[str, Any] = plain(meta)
    return attach_dict(df, out)


def _datasets(meta: dict[str, Any]) -> list[ProvenanceDict]:
    """Every dataset a kind's metadata names, its own dataset first, each once."""
    found: list[ProvenanceDict | None] = list(meta.get("datasets") or [])
    if not found:
        found = [meta.get(k) for k in ("dataset", "conflict_data", "provenance", "state_list")]
        found += meta.get("other_datasets") or []
    out: list[ProvenanceDict] = []
    for p in found:
        if p is not None and p not in out:
            out.append(p)
    return out


def attach_dict(df: pl.DataFrame, meta: Mapping[str, Any]) -> pl.DataFrame:
    """Records ``meta`` (a kind's keys, see :class:`Metadata`) as the provenance of ``df``,
    with the keys every frame has (``dataset``, ``datasets``), and the warnings issued
    while it was computed (:func:`warnings`)."""
    out: dict[str, Any] = dict(meta)
    datasets = _datasets(out)
    if not datasets:  # events given as a DataFrame: nothing was read from a dataset
        datasets = [
            {
                "name": "ucdp-ged",
                "title": "GED events given as a DataFrame",
                "version": "unknown",
                "sha256": "",
                "source": str(out.get("source", "DataFrame")),
                "status": "unregistered",
                "licence": None,
                "citation": None,
                "byte_identity": "unknown",
            }
        ]
    out.setdefault("dataset", datasets[0])
    out["datasets"] = datasets
    key = id(df)
    _META[key] = (weakref.ref(df), cast(Metadata, out), list(collected()))
    weakref.finalize(df, _META.pop, key, None)
    return df


_COUNTED: dict[int, tuple[weakref.ref[pl.DataFrame], Any]] = {}


def attach_counted(df: pl.DataFrame, table: Any) -> pl.DataFrame:
    """Keeps the core's count table (``_conflictstats.CountTable``) beside the counts frame
    ``df``, so that :func:`~conflictstats.trend` of that frame is the trend of the count
    (its unit, filters, datasets and label)."""
    key = id(df)
    _COUNTED[key] = (weakref.ref(df), table)
    weakref.finalize(df, _COUNTED.pop, key, None)
    return df


def counted(df: pl.DataFrame) -> Any:
    """The core's count table kept beside ``df`` by :func:`attach_counted`, or ``None``."""
    entry = _COUNTED.get(id(df))
    return entry[1] if entry is not None and entry[0]() is df else None


def provenance_dict(p: Any) -> ProvenanceDict:
    """A native ``Provenance`` as the dict :func:`provenance` returns."""
    out: ProvenanceDict = plain(p)
    return out


def provenance(df: pl.DataFrame) -> Metadata:
    """The provenance of a DataFrame returned by conflictstats: the dataset(s) it was computed
    from (name, version, ``sha256``, release status, source) and, for counts and panels, the
    specification.

        >>> import conflictstats as cs
        >>> counts = cs.count(years=2024)
        >>> meta = cs.provenance(counts)
        >>> meta["dataset"]["version"], len(meta["dataset"]["sha256"])
        ('26.1', 64)
        >>> meta["dataset"]["byte_identity"]  # a copy not matched against UCDP's zip
        'unverified'

    Raises:
        LookupError: ``df`` is not a frame returned by conflictstats (or one derived from it).
    """
    return _entry(df)[1]


def _entry(
    df: pl.DataFrame,
) -> tuple[weakref.ref[pl.DataFrame], Metadata, list[ConflictStatsWarning]]:
    entry = _META.get(id(df))
    if entry is None or entry[0]() is not df:
        raise LookupError(
            "no provenance for this DataFrame: it was not returned by conflictstats "
            "(frames derived from a result, e.g. by .filter(), are new objects)"
        )
    return entry


def warnings(df: pl.DataFrame) -> list[ConflictStatsWarning]:
    """The warnings issued while ``df`` was computed — what a loader accepted under a
    documented rule, and the data's release status when it is not a verified release (kind
    ``"provenance"``: a modified copy, an unregistered version, an unverified download) — as
    :class:`~conflictstats.ConflictStatsWarning` s (``kind``, ``file``, ``line``, ``column``,
    ``count``, ``message``). Empty for a frame computed from verified releases.

        >>> import conflictstats as cs
        >>> cs.warnings(cs.count(version="25.1", years=2024))
        []

    Raises:
        LookupError: ``df`` is not a frame returned by conflictstats (or one derived from it).
    """
    return list(_entry(df)[2])
