"""Provenance of the DataFrames conflictstats returns.

A polars DataFrame has no place for metadata, so the provenance of each frame this package
returns — the dataset's name, version, SHA-256 and release status, and the specification it
was computed under — is kept beside it, for as long as that frame object lives, and read back
with :func:`provenance`. A frame derived from it (``.filter``, ``.with_columns``, …) is a new
object without provenance: ask for it on the frame conflictstats returned.
"""

from __future__ import annotations

import json
import weakref
from typing import Any

import polars as pl

_META: dict[int, tuple[weakref.ref[pl.DataFrame], dict[str, Any]]] = {}


def attach(df: pl.DataFrame, meta_json: str) -> pl.DataFrame:
    """Records ``meta_json`` (the core's JSON metadata) as the provenance of ``df``."""
    return attach_dict(df, json.loads(meta_json))


def attach_dict(df: pl.DataFrame, meta: dict[str, Any]) -> pl.DataFrame:
    """Records ``meta`` as the provenance of ``df``."""
    key = id(df)
    _META[key] = (weakref.ref(df), meta)
    weakref.finalize(df, _META.pop, key, None)
    return df


def provenance_dict(p: Any) -> dict[str, Any]:
    """A native ``Provenance`` as the dict :func:`provenance` returns."""
    fields = ("name", "title", "version", "sha256", "source", "status", "licence", "citation")
    return {f: getattr(p, f) for f in fields}


def provenance(df: pl.DataFrame) -> dict[str, Any]:
    """The provenance of a DataFrame returned by conflictstats: the dataset(s) it was computed
    from (name, version, ``sha256``, release status, source) and, for counts and panels, the
    specification.

        >>> import conflictstats as cs
        >>> counts = cs.count(years=2024)
        >>> meta = cs.provenance(counts)
        >>> meta["dataset"]["version"], len(meta["dataset"]["sha256"])
        ('25.1', 64)

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
