"""Partial event tables: the sums of a part of the events (a batch, a partition, one machine's
share), merged exactly into the table of all of them.

Every figure of an event table is a sum over events (the split rule divides each event's
deaths by itself), so the tables of the parts add up, cell by cell, to the table of the whole:
:func:`merge_event_partials` checks that the parts share their specification and source, adds
in 64-bit integers with overflow checked (the Rust core's ``conflictstats::events::
merge_tables``), and orders the rows as one :func:`~conflictstats.aggregate_events` call does.
A partial pickles, so it can travel between processes (see :mod:`conflictstats.dask`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from . import _conflictstats as _native
from ._api import FileSources, _sources
from ._metadata import Attribution, EventUnitKey, Period, attach_native
from .exceptions import SpecError, integer_arguments_in_range


class EventPartial:
    """The table of a part of the events, with its specification (``spec``: unit, period,
    attribution, ``max_date_prec``), its ``excluded`` events (``(low, best, high, events)``
    dropped by ``max_date_prec``), its ``source`` and, for a GED file, its ``provenance``.

    Merge partials with :func:`merge_event_partials` (or ``a.merge(b, c)``); the frame is
    :meth:`to_polars`.

        >>> import conflictstats as cs
        >>> ged = cs.load("ucdp-ged-sample", version="23.1")
        >>> cuts = [(0, 400), (400, 1000)]
        >>> parts = [cs.aggregate_events_partial(events=ged[a:b]) for a, b in cuts]
        >>> whole = cs.aggregate_events(events=ged)
        >>> cs.merge_event_partials(parts).to_polars().equals(whole)
        True
    """

    __slots__ = ("_native",)

    def __init__(self, native: _native.EventPartial) -> None:
        self._native = native

    @property
    def spec(self) -> tuple[str, str, str, int]:
        """``(unit, period, attribution, max_date_prec)``."""
        return self._native.spec

    @property
    def source(self) -> str:
        """The ``source`` column's value (``DataFrame``, or ``name version`` of a GED file)."""
        return self._native.source

    @property
    def excluded(self) -> tuple[int, int, int, int]:
        """Events dropped by ``max_date_prec``: ``(low, best, high, events)``."""
        return self._native.excluded

    def merge(self, *others: EventPartial) -> EventPartial:
        """This partial merged with ``others`` (see :func:`merge_event_partials`)."""
        return merge_event_partials([self, *others])

    def to_polars(self) -> pl.DataFrame:
        """The table, as :func:`~conflictstats.aggregate_events` returns it (provenance
        attached: spec, excluded events, source)."""
        return attach_native(*self._native.frame())

    def __len__(self) -> int:
        return len(self._native)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EventPartial) and self._native == other._native

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._native)

    def __getstate__(self) -> Any:
        return self._native

    def __setstate__(self, state: Any) -> None:
        self._native = state


@integer_arguments_in_range
def aggregate_events_partial(
    unit: EventUnitKey = "country",
    period: Period = "year",
    attribution: Attribution = "split_even",
    max_date_prec: int = 5,
    path: str | None = None,
    events: pl.DataFrame | None = None,
    sources: FileSources | None = None,
    source: str = "DataFrame",
    rehash: bool = False,
) -> EventPartial:
    """The partial table of some events: the arguments of
    :func:`~conflictstats.aggregate_events` (events as a polars DataFrame in GED layout, a GED
    file or the embedded sample), the result kept as an :class:`EventPartial` to merge with
    others. ``source`` labels a DataFrame's events (the ``source`` column); parts merge only
    with parts of the same label. ``rehash=True`` hashes and parses a GED file again (see
    :func:`~conflictstats.aggregate_events`).
    """
    if events is not None:
        if rehash:
            raise SpecError("rehash does not apply: events= is a DataFrame, not a file")
        if path is not None or sources is not None:
            raise SpecError("give either path (or sources) or events, not both")
        if not isinstance(events, pl.DataFrame):
            raise TypeError(
                f"events must be a polars DataFrame in GED layout, not {type(events).__name__}"
            )
        native = _native.event_partial(events, unit, period, attribution, max_date_prec, source)
        return EventPartial(native)
    if path is not None and sources is not None:
        raise SpecError('give the GED file either as path= or as sources={"ucdp-ged": ...}')
    native = _native.event_partial_ged(
        unit, period, attribution, max_date_prec, path, sources=_sources(sources), rehash=rehash
    )
    return EventPartial(native)


def merge_event_partials(parts: Iterable[EventPartial]) -> EventPartial:
    """The table of all the parts' events: sums added cell by cell (64-bit, overflow
    checked), excluded events added, rows in the order of one
    :func:`~conflictstats.aggregate_events` call. For the parts of any partition of the
    events, merged in any order or grouping, the result equals the table of all events.

    Raises:
        SpecError: no parts, or parts of another specification, source or provenance.
    """
    natives = []
    for p in parts:
        if not isinstance(p, EventPartial):
            raise TypeError(
                f"merge_event_partials takes EventPartial objects, not {type(p).__name__}"
            )
        natives.append(p._native)
    return EventPartial(_native.EventPartial.merge(natives))
