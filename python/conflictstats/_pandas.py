"""pandas conversion with nullable dtypes (optional dependency: ``conflictstats[pandas]``)."""

from __future__ import annotations

from typing import Any

import polars as pl


def to_pandas(df: pl.DataFrame) -> Any:
    """A frame as pandas with **nullable** dtypes: integers ``Int64``/``Int32`` (never
    ``float64`` because of a null), flags ``boolean`` (never ``object``), text ``string``.
    Plain ``df.to_pandas()`` turns a nullable flag into ``object`` and a nullable id into
    ``float64``.

    Example:
        >>> import conflictstats as cs
        >>> p = cs.to_pandas(cs.panel_state_year(years=(1940, 1950)))
        >>> str(p["incidence"].dtype), str(p["peace_years"].dtype)
        ('boolean', 'Int64')
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    import pyarrow as pa  # type: ignore[import-untyped,unused-ignore]

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
        pa.string(): pd.StringDtype(),
        pa.large_string(): pd.StringDtype(),
        pa.string_view(): pd.StringDtype(),
    }
    return df.to_pandas(types_mapper=mapping.get)
