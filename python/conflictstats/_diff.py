"""cs.diff and its result object: what changed between two releases (or files) of a dataset.

Every comparison is made by the Rust core (``conflictstats::diff``); the result crosses the
boundary as a native object whose frames are built in Rust: the records only in one copy,
the changed fields in long format, and the counts per year side by side.
"""

from __future__ import annotations

import json
import os
from typing import Any, Literal, Union, cast

import polars as pl

from . import _conflictstats as _native
from ._metadata import ProvenanceDict, UnitKey, plain
from .exceptions import ConflictStatsWarning, SpecError, _issue_load_warnings

#: The datasets :func:`diff` compares (those whose records have a key: the core's
#: ``data::kind::RECORDS``).
DiffDataset = Literal[
    "ucdp-acd", "ucdp-dyadic", "ucdp-nonstate", "ucdp-onesided", "ucdp-brd", "ucdp-ged"
]

#: One side of a diff: a release version (``"25.1"``: embedded, or fetched into the cache
#: with :func:`fetch`), or a file — an ``os.PathLike``, or a string holding ``/`` or ``\\`` or
#: ending in ``.csv`` (the command line's rule).
DiffSide = Union[str, "os.PathLike[str]"]


class ReleaseDiff:
    """What changed between two copies of a dataset (``old`` = ``from_``, ``new`` = ``to``).

    Attributes:
        dataset: The dataset compared, e.g. ``"ucdp-acd"``.
        record: Its unit of observation, e.g. ``"conflict-year"``.
        key: The columns that identify a record, e.g. ``["conflict_id", "year"]``.
        old: Provenance of ``from_`` (name, version, SHA-256, source, status).
        new: Provenance of ``to``.
        release_column: ``(column, old value, new value)`` of the column that repeats the
            release in every record (``version``): a fact of the releases, never listed as a
            change; ``None`` for datasets without one (GED).
        old_records, new_records: Records in each copy.
        changed_records: Records in both with at least one field that differs.
        only_in: Records only in one copy: ``side`` (``"old"``/``"new"``), the key columns
            (Int64), the columns that name a record (String), in key order.
        changes: Every changed field, long format: the key columns, ``field``, ``old``,
            ``new`` (String, rendered as in the CLI's CSV: lists ``"651, 666"``, UCDP codes by
            key such as ``"war"``, a missing value empty).
        counts: The counting unit's counts per year: ``year``, ``old``, ``new``,
            ``difference`` (null where a copy does not cover the year — never zero); empty for
            the BRD and GED.
        unit: The counting unit of :attr:`counts` (``None`` for the BRD and GED).
        warnings: What the loaders accepted under a documented rule (also issued).
    """

    def __init__(self, native: _native.ReleaseDiff) -> None:
        self._native = native
        self.dataset: str = native.dataset
        self.record: str = native.record
        self.key: list[str] = list(native.key)
        self.old: ProvenanceDict = plain(native.old)
        self.new: ProvenanceDict = plain(native.new)
        self.release_column: tuple[str, str, str] | None = native.release_column
        self.old_records: int = native.old_records
        self.new_records: int = native.new_records
        self.changed_records: int = native.changed_records
        self.unit: UnitKey | None = cast("UnitKey | None", native.unit)
        self.only_in: pl.DataFrame = native.only_in()
        self.changes: pl.DataFrame = native.changes()
        self.counts: pl.DataFrame = native.counts()
        self.warnings: list[ConflictStatsWarning] = _issue_load_warnings(native.warnings)

    @property
    def is_empty(self) -> bool:
        """Whether the copies hold the same records with the same values."""
        return self.only_in.height == 0 and self.changes.height == 0

    def to_dict(self) -> dict[str, Any]:
        """The whole diff as plain data (every record only in one copy in full)."""
        out: dict[str, Any] = json.loads(self._native.json())
        return out

    def to_csv(self) -> str:
        """The flat rows, as ``conflictstats diff --format csv``."""
        return self._native.csv()

    def __str__(self) -> str:
        return self._native.render_text()

    def __repr__(self) -> str:
        return (
            f"<ReleaseDiff {self.dataset} {self.old['version']} → {self.new['version']}: "
            f"{self.only_in.height} records only in one, {self.changed_records} changed>"
        )

    def _repr_html_(self) -> str:
        from html import escape

        return f'<div class="conflictstats-diff"><pre>{escape(str(self))}</pre></div>'


def _side(name: str, value: DiffSide) -> tuple[str, bool]:
    """The native call's (text, is_path) for ``from_``/``to``."""
    if isinstance(value, os.PathLike):
        return os.fspath(value), True
    if isinstance(value, str):
        return value, False
    raise SpecError(
        f"{name}= takes a release version (e.g. '25.1') or a path; got {type(value).__name__}"
    )


def diff(
    dataset: DiffDataset,
    from_: DiffSide,
    to: DiffSide,
    *,
    unit: UnitKey | None = None,
) -> ReleaseDiff:
    """What changed between two releases (or files) of a dataset.

    Args:
        dataset: The dataset: ``"ucdp-acd"``, ``"ucdp-dyadic"``, ``"ucdp-nonstate"``,
            ``"ucdp-onesided"``, ``"ucdp-brd"`` or ``"ucdp-ged"``.
        from_: The first copy ("old"): a release version (``"25.1"``; embedded, or fetched
            into the cache with :func:`fetch`) or a file (an ``os.PathLike``, or a string with
            a path separator or ending in ``.csv``).
        to: The second copy ("new"), the same way.
        unit: The counting unit of the counts per year (default: the dataset's main unit,
            ``"conflict"`` for the ACD); a unit computed from the dataset alone.

    Returns:
        A :class:`ReleaseDiff`. The same release twice is an empty diff, not an error.

    Raises:
        DatasetNotFoundError: an unknown release. SchemaError: a file of another dataset.
        DatasetError: two layouts whose records do not match (dyad-level and conflict-level
        BRD). SpecError: an unknown dataset, or a unit the dataset alone does not give.

    Example:
        >>> import conflictstats as cs
        >>> d = cs.diff("ucdp-acd", "24.1", "25.1")   # UCDP/PRIO ACD v24.1 → v25.1
        >>> d.record, d.key, d.release_column
        ('conflict-year', ['conflict_id', 'year'], ('version', '24.1', '25.1'))
        >>> d.counts.filter(d.counts["year"] == 2024).row(0)
        (2024, None, 61, None)
    """
    if not isinstance(dataset, str):
        raise SpecError(f"dataset= takes a dataset's name; got {type(dataset).__name__}")
    old, old_is_path = _side("from_", from_)
    new, new_is_path = _side("to", to)
    native = _native.release_diff(
        dataset, old, new, old_is_path=old_is_path, new_is_path=new_is_path, unit=unit
    )
    return ReleaseDiff(native)
