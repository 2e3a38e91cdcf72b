"""pandas conversion for modelling (optional dependency: ``conflictstats[pandas]``)."""

from __future__ import annotations

from typing import Any

import polars as pl


class Kept(dict):  # type: ignore[type-arg]
    """What a frame conflictstats returned carries into its pandas copy (``attrs``, key
    ``"conflictstats"``): its provenance (the items: plain data, so that pandas can write
    ``attrs`` to Parquet and pickle the frame) and, for counts, the core's count table
    (``table``, not pickled), so that ``cs.trend`` and ``cs.plot_counts`` of the pandas frame
    still name the release. Copies of the frame (pandas deep-copies ``attrs``) share it."""

    def __init__(self, meta: Any, table: Any = None) -> None:
        super().__init__(meta)
        self.table = table

    @property
    def meta(self) -> Any:
        return self

    def __copy__(self) -> Kept:
        return self

    def __deepcopy__(self, memo: Any) -> Kept:
        return self

    def __reduce__(self) -> Any:
        return (Kept, (dict(self),))


def kept(df: Any) -> Kept | None:
    """The provenance :func:`to_pandas` kept in a pandas frame (also after a Parquet or
    pickle round trip, without the count table then), or ``None``."""
    attrs = getattr(df, "attrs", None)
    entry = attrs.get("conflictstats") if isinstance(attrs, dict) else None
    if isinstance(entry, Kept):
        return entry
    if isinstance(entry, dict) and isinstance(entry.get("dataset"), dict):
        return Kept(entry)
    return None


def _keep(df: pl.DataFrame, out: Any) -> Any:
    from ._metadata import counted, provenance

    try:
        meta = provenance(df)
    except LookupError:
        return out
    out.attrs["conflictstats"] = Kept(meta, counted(df))
    return out


def to_pandas(df: pl.DataFrame, *, nullable: bool = False) -> Any:
    """A frame as pandas with **numpy dtypes**, ready for statsmodels and patsy (which read
    neither pandas' nullable dtypes nor Arrow's, nor a ``bool`` outcome).

    - A column without nulls keeps its numpy dtype: integers ``int32``/``int64``, floats
      ``float64``, dates ``datetime64`` (every date column of the package is ``pl.Date``),
      text and lists ``object``; flags become ``int8`` 0/1, the outcome a logit takes.
    - A column with nulls (years outside the data's coverage, an onset that is unknown) is
      ``float64`` with ``NaN`` for the nulls, flags 1.0/0.0: a formula drops those rows
      (statsmodels' ``missing="drop"``), as for any missing value. Text keeps ``None``.

    ``nullable=True`` gives pandas' nullable dtypes instead, and only where a column has
    nulls — ``Int64``/``Int32`` (never ``float64`` because of a null), ``boolean`` (never
    ``object``) — and ``bool`` flags elsewhere: for data work, not for patsy. Plain
    ``df.to_pandas()`` turns a nullable flag into ``object``.

    The provenance of a frame conflictstats returned travels with it (in ``attrs``), so
    that :func:`~conflictstats.trend` and :func:`~conflictstats.plot_counts` of the pandas
    frame name the dataset and release, as of the polars frame.

    Example:
        >>> import conflictstats as cs
        >>> panel = cs.panel_state_year(years=(1940, 2024), version="25.1")
        >>> p = cs.to_pandas(panel)
        >>> str(p["gwcode"].dtype), str(p["incidence_any"].dtype), str(p["onset"].dtype)
        ('int32', 'float64', 'float64')
        >>> import statsmodels.formula.api as smf
        >>> fit = smf.logit("onset ~ peace_years", data=p[p["at_risk"] == 1]).fit(disp=0)
        >>> bool(fit.mle_retvals["converged"]), int(fit.nobs) == panel["at_risk"].sum()
        (True, True)
        >>> q = cs.to_pandas(panel, nullable=True)
        >>> str(q["onset"].dtype), str(q["gwcode"].dtype)
        ('boolean', 'int32')
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

    with_nulls = [c for c in df.columns if df[c].null_count() > 0]
    if nullable:
        mapping = {
            pa.int8(): pd.Int8Dtype(),
            pa.int16(): pd.Int16Dtype(),
            pa.int32(): pd.Int32Dtype(),
            pa.int64(): pd.Int64Dtype(),
            pa.uint8(): pd.UInt8Dtype(),
            pa.uint16(): pd.UInt16Dtype(),
            pa.uint32(): pd.UInt32Dtype(),
            pa.uint64(): pd.UInt64Dtype(),
            pa.bool_(): pd.BooleanDtype(),
        }
        plain = df.select(c for c in df.columns if c not in with_nulls).to_pandas()
        filled = df.select(with_nulls).to_pandas(types_mapper=mapping.get)
        out = pd.concat([plain, filled], axis=1) if with_nulls else plain
        return _keep(df, out[df.columns])
    numeric = [
        pl.col(c).cast(pl.Float64)
        if c in with_nulls and (df.schema[c].is_integer() or df.schema[c] == pl.Boolean)
        else pl.col(c).cast(pl.Int8)
        if df.schema[c] == pl.Boolean
        else pl.col(c)
        for c in df.columns
    ]
    return _keep(df, df.select(numeric).to_pandas())
