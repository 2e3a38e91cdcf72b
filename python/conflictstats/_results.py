"""reconcile, deaths, ihl, units: the CLI's other commands, over the same core functions.

Every figure comes from the Rust core; values cross the boundary typed (frames, native
``Provenance``/``Unit`` objects), never as JSON picked apart by key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from . import _conflictstats as _native
from ._api import FileSources, _sources
from ._metadata import ByteIdentity, ReleaseStatus, UnitKey, attach_dict, provenance_dict
from .exceptions import (
    ConflictStatsWarning,
    _issue_load_warnings,
    collecting_warnings,
    integer_arguments_in_range,
)

#: The level of the IHL classification.
IhlLevel = Literal["conflict", "dyad"]


@dataclass(frozen=True)
class Provenance:
    """Where a dataset's bytes came from.

    Attributes:
        name: Registry name, e.g. ``"ucdp-acd"``.
        title: Official title.
        version: Release, e.g. ``"25.1"``.
        sha256: SHA-256 of the bytes read.
        source: ``embedded:<file>`` or the file's canonical path.
        status: ``"embedded"``, ``"official"``, ``"modified"``, ``"unregistered"`` or
            ``"unverified"`` (fetched without a published checksum).
        licence: Licence, when known.
        citation: The citation the authors ask for, when known.
        byte_identity: Whether the bytes are known to be UCDP's own file: ``"verified"``,
            ``"unverified"`` (a copy not matched against UCDP's download, such as the embedded
            ACD v26.1), ``"derived"`` (converted or repaired) or ``"unknown"``.
    """

    name: str
    title: str
    version: str
    sha256: str
    source: str
    status: ReleaseStatus
    licence: str | None
    citation: str | None
    byte_identity: ByteIdentity

    @classmethod
    def _from_native(cls, p: _native.Provenance) -> Provenance:
        d = provenance_dict(p)
        return cls(**d)

    def label(self) -> str:
        """``UCDP/PRIO Armed Conflict Dataset v25.1`` (with a note for modified copies)."""
        suffix = {"modified": " (modified copy)", "unregistered": " (unregistered version)"}
        if self.version == "unknown":
            return f"{self.title} (version unknown){suffix.get(self.status, '')}"
        unchecked = (
            " (byte-identity with UCDP's file unverified)"
            if self.byte_identity == "unverified" and self.status in ("embedded", "official")
            else ""
        )
        return f"{self.title} v{self.version}{suffix.get(self.status, '')}{unchecked}"


@dataclass(frozen=True)
class Unit:
    """One counting unit of the core's table.

    Attributes:
        key: ``unit=`` value, e.g. ``"conflict"``.
        column: The count column's name in frames, e.g. ``"conflicts"``.
        definition: One-line definition, shown with every count.
        source: Where the definition comes from.
        caveat: A caveat that must accompany every count, if any.
        datasets: The registry names of the datasets the unit reads.
        state_based: Whether type, intensity and incompatibility filters apply.
        persistence: Whether ``persistence=`` applies.
    """

    key: UnitKey
    column: str
    definition: str
    source: str
    caveat: str | None
    datasets: tuple[str, ...]
    state_based: bool
    persistence: bool


def units() -> list[Unit]:
    """The counting units, from the core's table.

    Example:
        >>> import conflictstats as cs
        >>> [u.column for u in cs.units()][:3]
        ['conflicts', 'dyads', 'countries']
    """
    return [
        Unit(
            key=u.key,  # type: ignore[arg-type]
            column=u.column,
            definition=u.definition,
            source=u.source,
            caveat=u.caveat,
            datasets=tuple(u.datasets),
            state_based=u.state_based,
            persistence=u.persistence,
        )
        for u in _native.units()
    ]


@dataclass(frozen=True)
class Reconciliation:
    """Counts under every unit beside the published figures (``conflictstats reconcile``).

    Attributes:
        rows: One row per unit, persistence and year: ``unit``, ``persistence``, ``year``,
            ``count`` (null where the unit's data do not cover the year), ``missing_reason``.
        datasets: Every dataset read.
        text: The table as the CLI prints it, with the comparisons to published figures.
    """

    rows: pl.DataFrame
    datasets: list[Provenance]
    text: str

    def __str__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        from html import escape

        return f"<pre>{escape(self.text)}</pre>"


@collecting_warnings
@integer_arguments_in_range
def reconcile(
    year: int | None = None,
    persistence: tuple[int, ...] | list[int] = (0, 1, 2, 3, 4, 5),
    horizons: tuple[int, ...] | list[int] = (15, 30),
    *,
    version: str | None = None,
    sources: FileSources | None = None,
) -> Reconciliation:
    """Why "65 conflicts" and "more than 130": counts under every unit for ``year`` (default:
    the latest year some unit's data cover — 2025 on the embedded defaults, where the ACD is
    v26.1 and the Dyadic, Non-State and One-sided data v25.1) and ``horizons`` years earlier,
    beside the published figures. A year no unit's data cover is a
    :class:`~conflictstats.SpecError`; a year only some cover gives the others a missing count
    with the reason ("needs release 26.1 of …"), never 0. ``version`` picks the release of
    every dataset (embedded first, then the cache), ``sources`` reads files (dataset name →
    path), as in :func:`~conflictstats.count`.

    Example:
        >>> import conflictstats as cs
        >>> r = cs.reconcile(2025)
        >>> r.rows.filter(unit="conflict", year=2025)["count"].item()
        65
        >>> r.rows.filter(unit="dyad", year=2025)["missing_reason"].item()[:35]
        'needs release 26.1 (not available; '
        >>> v25 = cs.reconcile(2024, version="25.1")
        >>> v25.rows.filter(unit="conflict", year=2024)["count"].item()
        61
    """
    rows, datasets, text = _native.reconcile(
        year,
        list(persistence),
        list(horizons),
        version=None if version is None else str(version),
        sources=_sources(sources),
    )
    prov = [Provenance._from_native(p) for p in datasets]
    attach_dict(rows, {"datasets": [provenance_dict(p) for p in datasets]})
    return Reconciliation(rows=rows, datasets=prov, text=text)


@collecting_warnings
@integer_arguments_in_range
def deaths(version: str | None = None, year: int | None = None) -> pl.DataFrame:
    """Deaths per year in state-based, non-state and one-sided violence (UCDP BRD, Non-State
    and One-sided of one release): ``year``, ``form`` (``state_based``, ``non_state``,
    ``one_sided``, ``total``), ``low``, ``best``, ``high`` (Int64). A year outside the data's
    coverage is a :class:`~conflictstats.SpecError`. Provenance: :func:`provenance`
    (``datasets``).

    Example:
        >>> import conflictstats as cs
        >>> d = cs.deaths(version="24.1", year=2020)
        >>> d.filter(form="total")["best"].item()
        104452
    """
    df, datasets = _native.deaths(None if version is None else str(version), year)
    return attach_dict(df, {"datasets": [provenance_dict(p) for p in datasets]})


@dataclass(frozen=True)
class IhlResult:
    """IHL classification (IAC / NIAC / occupation) derived from UCDP types, with curated
    overrides (``conflictstats ihl``).

    Attributes:
        rows: One row per conflict-year (``level="conflict"``) or dyad-year: ``conflict_id``,
            ``dyad_id``, ``year``, ``type_of_conflict``, ``derived``, ``flag``, ``category``,
            ``source``.
        overrides: Every application of a curated entry.
        year: The year tabulated in ``counts``.
        counts: Records per category (``iac``, ``niac``, ``occupation``) in ``year``.
        datasets: The dataset classified.
        warnings: What the curated file's loader accepted under a documented rule.
    """

    rows: pl.DataFrame
    overrides: pl.DataFrame
    year: int
    counts: dict[str, int]
    datasets: list[Provenance]
    warnings: list[ConflictStatsWarning] = field(default_factory=list)


@collecting_warnings
@integer_arguments_in_range
def ihl(
    level: IhlLevel = "conflict",
    curated: str | None = None,
    year: int | None = None,
    version: str | None = None,
) -> IhlResult:
    """The IHL classification of the embedded ACD (``level="conflict"``) or Dyadic data
    (``"dyad"``), with optional curated overrides from a CSV
    (``conflict_id,dyad_id,category,source,from,to``). ``year`` (default: the data's last
    year) outside the coverage is a :class:`~conflictstats.SpecError`. ``version``: the
    release (default: each dataset's default — ACD v26.1, Dyadic v25.1), as the CLI's
    ``--version``.

    Example:
        >>> import conflictstats as cs
        >>> cs.ihl(year=2024, version="25.1").counts
        {'iac': 4, 'niac': 57, 'occupation': 0}
    """
    rows, overrides, y, counts, datasets, native_warnings = _native.ihl(
        level, curated, year, None if version is None else str(version)
    )
    found = _issue_load_warnings(native_warnings)
    return IhlResult(
        rows=rows,
        overrides=overrides,
        year=y,
        counts=dict(counts),
        datasets=[Provenance._from_native(p) for p in datasets],
        warnings=found,
    )
