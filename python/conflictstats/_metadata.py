"""Provenance of the DataFrames conflictstats returns.

A polars DataFrame has no place for metadata, so the provenance of each frame this package
returns — the dataset's name, version, SHA-256 and release status, and the specification it
was computed under — is kept beside it, for as long as that frame object lives, and read back
with :func:`provenance`. A frame derived from it (``.filter``, ``.with_columns``, …) is a new
object without provenance: ask for it on the frame conflictstats returned.
"""

from __future__ import annotations

import weakref
from typing import Any, Literal, TypedDict

import polars as pl

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
    line: int
    column: str | None
    count: int
    message: str


class Metadata(TypedDict, total=False):
    """What :func:`provenance` returns: the keys a frame's kind carries.

    - counts (:func:`~conflictstats.count`): ``spec``, ``dataset``, ``other_datasets``;
    - panels: ``panel``, ``spec``, ``coverage``, ``conflict_data`` and, state-based,
      ``state_list``, ``state_list_fill`` (and ``unmatched`` for state-year);
    - event aggregations: ``spec``, ``excluded``, ``provenance`` (``None`` for a DataFrame),
      ``source``, ``copied`` (and ``events_read``, ``batches`` when streamed from columnar
      input; ``partitions`` from :mod:`conflictstats.dask`);
    - ACLED aggregations: ``spec`` (:class:`AcledSpecDict`), ``measure``, ``layout``,
      ``excluded`` (:class:`AcledExcludedDict`), ``totals``, ``provenance``, ``datasets``,
      ``extra_columns``, ``warnings``;
    - loaded datasets (:func:`~conflictstats.load`): ``dataset``, ``extra_columns``;
    - deaths and reconcile rows: ``datasets``.
    """

    spec: Any  # CountSpecDict | PanelSpecDict | AggregateSpecDict | AcledSpecDict, by kind
    dataset: ProvenanceDict
    other_datasets: list[ProvenanceDict]
    datasets: list[ProvenanceDict]
    extra_columns: list[str]
    panel: str
    coverage: tuple[int, int]
    conflict_data: ProvenanceDict
    state_list: ProvenanceDict
    state_list_fill: StateListFillDict
    unmatched: list[UnmatchedDict]
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


_META: dict[int, tuple[weakref.ref[pl.DataFrame], Metadata]] = {}


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
    out: Metadata = plain(meta)
    return attach_dict(df, out)


def attach_dict(df: pl.DataFrame, meta: Metadata) -> pl.DataFrame:
    """Records ``meta`` as the provenance of ``df``."""
    key = id(df)
    _META[key] = (weakref.ref(df), meta)
    weakref.finalize(df, _META.pop, key, None)
    return df


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
    entry = _META.get(id(df))
    if entry is None or entry[0]() is not df:
        raise LookupError(
            "no provenance for this DataFrame: it was not returned by conflictstats "
            "(frames derived from a result, e.g. by .filter(), are new objects)"
        )
    return entry[1]
