"""Columnar and larger-than-memory event input for :func:`conflictstats.aggregate_events`.

Every input becomes a sequence of polars DataFrames pushed into the native
``EventStream``, which checks each frame by the core's rules (integer and date dtypes only,
no nulls in required columns, values in the CSV loader's ranges), aggregates it with the Rust
kernel and merges it exactly into the running table:

- a polars ``DataFrame`` is pushed whole (its Int32/Int64 and Date columns read in place);
- a polars ``LazyFrame`` is narrowed to the columns the unit needs and collected in batches
  (``collect_batches`` where Python polars has it, else ``slice``), so a larger-than-memory
  scan streams;
- a Parquet or Arrow IPC file (``.parquet``/``.pq``, ``.arrow``/``.ipc``/``.feather``, or
  ``events_format=``) is scanned by Python polars in the same way; its SHA-256 is in the
  provenance;
- a pyarrow ``Table`` or ``RecordBatchReader`` is pushed record batch by record batch
  (``pl.from_arrow``: primitive columns are not copied);
- a pandas ``DataFrame`` is converted with ``pl.from_pandas`` (numpy-backed columns are not
  copied; ``datetime64`` dates must be at midnight).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl

from . import _conflictstats as _native
from .exceptions import ParseError, SpecError

#: Rows per batch when a LazyFrame or a file is streamed (the core's ``DEFAULT_BATCH_ROWS``).
BATCH_ROWS = 1 << 18

_EXTENSIONS = {
    ".parquet": "parquet",
    ".pq": "parquet",
    ".arrow": "arrow",
    ".ipc": "arrow",
    ".feather": "arrow",
    ".arrows": "arrow",
}


def columnar_format(path: str | os.PathLike[str], events_format: str | None) -> str | None:
    """``parquet``, ``arrow`` or None (CSV) for ``path``, by ``events_format`` or extension."""
    if events_format is not None:
        fmt = events_format.strip().lower()
        aliases = {"parquet": "parquet", "arrow": "arrow", "ipc": "arrow", "feather": "arrow"}
        if fmt == "csv":
            return None
        if fmt not in aliases:
            raise SpecError(
                f"unknown events_format {events_format!r}; expected csv, parquet or arrow"
            )
        return aliases[fmt]
    return _EXTENSIONS.get(Path(path).suffix.lower())


def aggregate(
    events: Any,
    spec: tuple[str, str, str, int],
    events_format: str | None,
    batch_rows: int,
) -> tuple[pl.DataFrame, _native.StreamMetadata]:
    """The native ``(table, metadata)`` of ``events`` under ``spec``."""
    if batch_rows < 1:
        raise SpecError(f"batch_rows must be at least 1, got {batch_rows}")
    unit = spec[0]
    needed = list(_native.event_columns(unit))
    if isinstance(events, (str, os.PathLike)):
        fmt = columnar_format(events, events_format) or "parquet"
        path = os.fspath(events)
        stream = _native.EventStream(*spec, path=path)
        frames = _file_frames(path, fmt, needed, batch_rows)
    else:
        stream = _native.EventStream(*spec)
        frames = _frames(events, needed, batch_rows)
    try:
        for df in frames:
            stream.push(df)
    except pl.exceptions.PolarsError as err:
        if not isinstance(events, (str, os.PathLike)):
            raise
        path = os.fspath(events)
        raise ParseError(f"{path}: not a readable {fmt} file: {err}", file=path) from err
    return stream.finish()


def _frames(events: Any, needed: list[str], batch_rows: int) -> Iterator[pl.DataFrame]:
    if isinstance(events, pl.DataFrame):
        yield events
    elif isinstance(events, pl.LazyFrame):
        yield from _lazy_frames(events, needed, batch_rows)
    elif _is(events, "pyarrow", "Table"):
        for batch in events.to_batches():
            yield _from_arrow(batch, needed)
    elif _is(events, "pyarrow", "RecordBatchReader"):
        for batch in events:
            yield _from_arrow(batch, needed)
    elif _is(events, "pandas", "DataFrame"):
        cols = [c for c in needed if c in events.columns]
        yield pl.from_pandas(events[cols])
    else:
        raise TypeError(
            "events must be a polars DataFrame or LazyFrame, a pyarrow Table or "
            "RecordBatchReader, a pandas DataFrame, or the path of a Parquet/Arrow IPC file, "
            f"not {type(events).__name__}"
        )


def _is(obj: Any, module: str, name: str) -> bool:
    """Whether ``obj`` is a ``module.name`` (without importing an optional dependency)."""
    return any(
        c.__module__.split(".")[0] == module and c.__name__ == name for c in type(obj).__mro__
    )


def _from_arrow(batch: Any, needed: list[str]) -> pl.DataFrame:
    cols = [c for c in needed if c in batch.schema.names]
    df = pl.from_arrow(batch.select(cols), rechunk=False)
    assert isinstance(df, pl.DataFrame)
    return df


def _lazy_frames(lf: pl.LazyFrame, needed: list[str], batch_rows: int) -> Iterator[pl.DataFrame]:
    # Only the needed columns that exist (the native check names a missing one).
    names = set(lf.collect_schema().names())
    lf = lf.select([c for c in needed if c in names])
    if hasattr(lf, "collect_batches"):
        yield from lf.collect_batches(chunk_size=batch_rows, maintain_order=False)
        return
    offset = 0
    while True:  # Python polars before collect_batches: slices of the lazy query
        df = lf.slice(offset, batch_rows).collect()
        if df.height == 0 and offset > 0:
            return
        yield df
        if df.height < batch_rows:
            return
        offset += batch_rows


def _file_frames(path: str, fmt: str, needed: list[str], batch_rows: int) -> Iterator[pl.DataFrame]:
    if fmt == "parquet":
        yield from _lazy_frames(pl.scan_parquet(path), needed, batch_rows)
    elif _is_ipc_file(path):
        yield from _lazy_frames(pl.scan_ipc(path), needed, batch_rows)
    else:  # the IPC stream layout: read whole (Python polars cannot scan it)
        df = pl.read_ipc_stream(path)
        yield df.select([c for c in needed if c in df.columns])


def _is_ipc_file(path: str) -> bool:
    with open(path, "rb") as f:
        return f.read(6) == b"ARROW1"
