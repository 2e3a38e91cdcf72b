"""conflictstats on a Dask cluster: event aggregation over the partitions of a Dask DataFrame,
and the trend bootstrap's replicates spread over workers. Both give exactly what the
single-machine calls give.

- :func:`aggregate_events`: each partition is aggregated by the Rust kernel into a partial
  table (:class:`~conflictstats.EventPartial`: 64-bit integer sums per cell, the excluded
  events, the spec and source), and the partials are merged exactly through Dask's tree
  reduction (``DataFrame.reduction``: ``split_every`` partials per merge). Every figure is a
  sum over events, so the result does not depend on the number, order or sizes of the
  partitions, nor on the shape of the tree: it is the frame of
  ``cs.aggregate_events(events=<the whole frame>)``, same rows, dtypes and bytes.
- :func:`bootstrap_trend`: the moving-block and parametric bootstrap of a trend's window,
  replicates ``i..j`` drawn in separate tasks. Replicate ``i`` draws from generators derived
  from ``(seed, i)`` only, so any split gives the same replicate set, and the intervals of
  ``cs.trend(..., bootstrap=N, seed=S).bootstrap``, bit for bit.

Read Parquet with ``dd.read_parquet(path, dtype_backend="pyarrow")``: dates stay ``date32``
and reach the kernel without conversion. With pandas' default backend a Parquet date becomes a
Python ``datetime.date`` object per row, and converting those costs several times the
aggregation (benches/RESULTS.md).

A worker lost during the computation is no problem: Dask recomputes the tasks it held, and
those tasks are pure functions of their partition.

Needs ``pip install 'conflictstats[dask]'`` (``dask[dataframe]`` and ``distributed``); this
module imports without them and says so when a function is called.

    >>> import conflictstats as cs, conflictstats.dask as csd
    >>> import dask.dataframe as dd
    >>> ged = cs.load("ucdp-ged-sample", version="23.1")
    >>> ddf = dd.from_pandas(ged.to_pandas(), npartitions=7)
    >>> t = csd.aggregate_events(ddf, unit="country", period="month")
    >>> t.equals(cs.aggregate_events(unit="country", period="month", events=ged))
    True
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from . import _conflictstats as _native
from ._metadata import Attribution, EventUnitKey, Metadata, Period, attach_dict, plain
from ._partial import EventPartial, merge_event_partials
from ._trend import BootstrapSummary, TrendResult
from .exceptions import SpecError, integer_arguments_in_range

__all__ = ["aggregate_events", "aggregate_events_partial", "bootstrap_trend"]

_EXTRA = "pip install 'conflictstats[dask]'"


def _require_dask() -> Any:
    """The ``dask`` module, or an ImportError naming the extra that installs it."""
    try:
        import dask
        import dask.dataframe
    except ImportError as e:
        raise ImportError(
            f"conflictstats.dask needs dask[dataframe] and distributed: {_EXTRA} ({e})"
        ) from e
    return dask


def _partition_frame(part: Any, columns: list[str]) -> pl.DataFrame:
    """A partition (pandas, or polars) as a polars frame of the event columns."""
    df = part if isinstance(part, pl.DataFrame) else pl.from_pandas(part)
    df = df.select(columns)
    dates = [c for c in ("date_start", "date_end") if df.schema[c] != pl.Date]
    return df.with_columns(pl.col(dates).cast(pl.Date)) if dates else df


def _chunk(part: Any, spec: tuple[str, str, str, int], columns: list[str], source: str) -> Any:
    unit, period, attribution, max_date_prec = spec
    df = _partition_frame(part, columns)
    native = _native.event_partial(df, unit, period, attribution, max_date_prec, source)
    return EventPartial(native)


def _merge(partials: Iterable[EventPartial]) -> EventPartial:
    return merge_event_partials(list(partials))


@integer_arguments_in_range
def aggregate_events_partial(
    ddf: Any,
    unit: EventUnitKey = "country",
    period: Period = "year",
    attribution: Attribution = "split_even",
    max_date_prec: int = 5,
    split_every: int | None = None,
    source: str = "DataFrame",
) -> Any:
    """The lazy form of :func:`aggregate_events`: a Dask ``Scalar`` whose value is the merged
    :class:`~conflictstats.EventPartial` (``.compute()`` it, or ``client.compute`` it)."""
    _require_dask()
    columns = list(_native.event_columns(unit))
    missing = [c for c in columns if c not in ddf.columns]
    if missing:
        raise SpecError(
            f"the events DataFrame has no column `{missing[0]}` (GED column names are expected)"
        )
    spec = (unit, period, attribution, max_date_prec)
    # Fails here, on the client, for a bad spec (not on a worker).
    _native.event_partial(pl.DataFrame(schema=_EMPTY_SCHEMA).select(columns), *spec, source=source)
    return ddf[columns].reduction(
        _chunk,
        aggregate=_merge,
        combine=_merge,
        chunk_kwargs={"spec": spec, "columns": columns, "source": source},
        split_every=split_every,
        meta=_EMPTY_META,
        token="conflictstats-aggregate-events",
    )


_EMPTY_SCHEMA = {
    "country_id": pl.Int32,
    "type_of_violence": pl.Int32,
    "conflict_new_id": pl.Int64,
    "priogrid_gid": pl.Int64,
    "date_start": pl.Date,
    "date_end": pl.Date,
    "date_prec": pl.Int32,
    "low": pl.Int32,
    "best": pl.Int32,
    "high": pl.Int32,
}

#: What the reduction's meta is (a marker: the value is an EventPartial).
_EMPTY_META = "EventPartial"


def aggregate_events(
    ddf: Any,
    unit: EventUnitKey = "country",
    period: Period = "year",
    attribution: Attribution = "split_even",
    max_date_prec: int = 5,
    split_every: int | None = None,
    source: str = "DataFrame",
) -> pl.DataFrame:
    """GED events of a Dask DataFrame (GED column names, as
    :func:`conflictstats.aggregate_events` reads a DataFrame) summed per unit and period on
    the cluster (the active ``distributed.Client``, else Dask's default scheduler).

    Each partition becomes a partial table in the worker that holds it (only the columns
    the unit needs are read); ``split_every`` partials (default 8) are merged per task of the
    tree reduction. The result is the frame of ``cs.aggregate_events(events=<all events>,
    ...)``, whatever the partitioning; its provenance (:func:`conflictstats.provenance`)
    holds the spec, the excluded events, the source and the number of partitions.
    """
    merged = aggregate_events_partial(
        ddf, unit, period, attribution, max_date_prec, split_every, source
    ).compute()
    return _frame(merged, ddf.npartitions)


def _frame(merged: EventPartial, partitions: int) -> pl.DataFrame:
    df, meta = merged._native.frame()
    info: Metadata = plain(meta)
    info["partitions"] = partitions
    return attach_dict(df, info)


def _window(trend: TrendResult) -> tuple[list[int], list[float], list[tuple[int, float, float]]]:
    if not isinstance(trend, TrendResult):
        raise TypeError(
            f"bootstrap_trend takes the TrendResult of cs.trend(...), not {type(trend).__name__}"
        )
    w = trend.to_polars()
    years = w["year"].cast(pl.Int32).to_list()
    counts = w["count"].cast(pl.Float64).to_list()
    horizons = [(h.years, float(h.from_count), float(h.to_count)) for h in trend.horizons]
    return years, counts, horizons


def _replicates(args: tuple[Any, ...], start: int, end: int) -> Any:
    years, counts, horizons, replicates, seed, block_length = args
    return _native.trend_bootstrap_replicates(
        years, counts, horizons, replicates, seed, start, end, block_length
    )


def bootstrap_trend(
    client: Any,
    trend: TrendResult,
    replicates: int = 1000,
    seed: int = 42,
    tasks: int | None = None,
    block_length: int | None = None,
) -> BootstrapSummary:
    """The bootstrap of ``trend``'s window (its growth rate and horizon ratios, parametric
    and moving-block), its replicates drawn in ``tasks`` tasks on ``client`` (a
    ``distributed.Client``; ``None``: Dask's default scheduler).

    Returns the :class:`~conflictstats.BootstrapSummary` of ``cs.trend(...,
    bootstrap=replicates, seed=seed).bootstrap`` for the same trend arguments, identical
    whatever ``tasks``: replicate ``i`` draws from generators derived from ``(seed, i)``
    only.

    Args:
        client: A ``distributed.Client``, or ``None``.
        trend: The :class:`~conflictstats.TrendResult` of :func:`conflictstats.trend` (with
            or without its own bootstrap): its fitted window and horizon counts are used.
        replicates: Replicates per method (as ``bootstrap=``).
        seed: The seed (as ``seed=``).
        tasks: Number of tasks (default: two per worker, at most one per 50 replicates).
        block_length: Block length of the moving-block bootstrap; default ``⌈n^(1/3)⌉``.
    """
    dask = _require_dask()
    for name, value, low in (("replicates", replicates, 1), ("seed", seed, 0)):
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise SpecError(f"{name}= takes an integer ≥ {low}; got {value!r}")
    years, counts, horizons = _window(trend)
    args = (years, counts, horizons, replicates, seed, block_length)
    if tasks is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 2
        tasks = max(1, min(2 * max(workers, 1), replicates // 50))
    if isinstance(tasks, bool) or not isinstance(tasks, int) or tasks < 1:
        raise SpecError(f"tasks= takes an integer ≥ 1; got {tasks!r}")
    cuts = [replicates * k // tasks for k in range(tasks + 1)]
    ranges = [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]
    if client is not None:
        futures = [client.submit(_replicates, args, a, b, pure=True) for a, b in ranges]
        parts = client.gather(futures)
    else:
        jobs = [dask.delayed(_replicates, pure=True)(args, a, b) for a, b in ranges]
        parts = list(dask.compute(*jobs))
    summary = _native.trend_bootstrap_summary(
        years, counts, horizons, replicates, seed, parts, block_length
    )
    out: BootstrapSummary = plain(summary)
    return out
