"""datasets, load, count, cite: argument normalisation around the native module.

No figure is computed here: every number comes from the Rust core through
:mod:`conflictstats._conflictstats`. This module only turns Python arguments into the native
call's arguments and wraps the results.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Union

import polars as pl

from . import _conflictstats as _native
from ._metadata import (
    ByteIdentity,
    DatasetName,
    GroupBy,
    Metadata,
    UnitKey,
    attach_counted,
    attach_dict,
    attach_native,
    provenance,
    provenance_dict,
)
from .exceptions import (
    DATAFRAME_LABEL,
    SchemaError,
    SpecError,
    _issue_load_warnings,
    collecting_warnings,
    integer_arguments_in_range,
)

#: What ``dataset=`` accepts: an embedded dataset's name, a path, or a DataFrame (polars or
#: pandas, with the columns of :func:`load`).
DataSource = Union[str, "os.PathLike[str]", pl.DataFrame, pl.LazyFrame, Any]

#: Files to read instead of embedded releases, by dataset name: ``{"ucdp-dyadic": path,
#: "ucdp-nonstate": path}``. Names: ``ucdp-acd``, ``ucdp-dyadic``, ``ucdp-nonstate``,
#: ``ucdp-onesided``, ``ucdp-brd``, ``ucdp-ged``, ``gw-states``.
FileSources = Mapping[str, Union[str, "os.PathLike[str]"]]

#: What ``years=`` accepts, with one meaning: **every year from the smallest to the largest of
#: the years given**, inclusive. ``2024``; ``(1989, 2024)`` or ``[1989, 2024]`` (1989–2024);
#: ``range(2020, 2025)`` (2020–2024: a range holds its start, not its stop); a list or set of
#: years (from its minimum to its maximum).
Years = Union[int, tuple[int, int], range, Iterable[int]]

# Keyword filters accepted by count/trend, by canonical name, with their accepted spellings.
_FILTERS: dict[str, tuple[str, ...]] = {
    "types": ("type", "types", "type_of_conflict"),
    "intensities": ("intensity", "intensities", "intensity_level"),
    "incompatibilities": ("incompatibility", "incompatibilities"),
    "regions": ("region", "regions"),
}
_FILTER_ALIASES = {alias: key for key, aliases in _FILTERS.items() for alias in aliases}


def datasets() -> pl.DataFrame:
    """The datasets embedded in the library, one row per release.

    Columns: ``name``, ``version``, ``title``, ``kind`` (which loader reads it), ``rows``,
    ``first_year``, ``last_year``, ``sha256`` (checksum of the shipped bytes, verified before
    use), ``licence``, ``default`` (the version used when none is given), ``citation``,
    ``byte_identity`` (whether the bytes are known to be UCDP's own file: ``verified``,
    ``unverified`` — a copy not matched against UCDP's download —, ``derived``, ``unknown``).

    Example:
        >>> import conflictstats as cs
        >>> cs.datasets().select("name", "version", "rows", "default", "byte_identity").row(0)
        ('ucdp-acd', '26.1', 2816, True, 'unverified')
    """
    entries = _native.datasets()
    return pl.DataFrame(
        {
            "name": [e.name for e in entries],
            "version": [e.version for e in entries],
            "title": [e.title for e in entries],
            "kind": [e.kind for e in entries],
            "rows": [e.rows for e in entries],
            "first_year": [e.years[0] for e in entries],
            "last_year": [e.years[1] for e in entries],
            "sha256": [e.sha256 for e in entries],
            "licence": [e.licence for e in entries],
            "default": [e.default for e in entries],
            "citation": [e.citation for e in entries],
            "byte_identity": [e.byte_identity for e in entries],
        },
        schema_overrides={"rows": pl.Int64, "first_year": pl.Int32, "last_year": pl.Int32},
    )


def _is_registered(name: str) -> bool:
    return any(e.name == name for e in _native.datasets())


def _source(dataset: DataSource, version: str | None) -> dict[str, Any]:
    """The native call's source arguments: ``name``/``version``, ``path`` or ``frame``
    (``dataset=None``: the embedded release the counting unit reads)."""
    if dataset is None:
        return {"version": None if version is None else str(version)}
    if isinstance(dataset, pl.LazyFrame):
        dataset = dataset.collect()
    if isinstance(dataset, pl.DataFrame) or type(dataset).__module__.startswith("pandas"):
        if version is not None:
            raise SpecError(
                "version= applies to embedded datasets; a DataFrame's version is its "
                "`version` column"
            )
        return {"frame": _acd_frame(dataset)}
    if isinstance(dataset, os.PathLike):
        return {"path": os.fspath(dataset)}
    if isinstance(dataset, str):
        if _is_registered(dataset) or not (
            os.path.exists(dataset) or dataset.lower().endswith(".csv")
        ):
            return {"name": dataset, "version": None if version is None else str(version)}
        if version is not None:
            raise SpecError("version= applies to embedded datasets, not to a file")
        return {"path": dataset}
    raise SpecError(
        "dataset must be an embedded dataset's name (see cs.datasets()), a path, or a "
        f"polars/pandas DataFrame; got {type(dataset).__name__}"
    )


def _sources(sources: FileSources | None) -> dict[str, str] | None:
    """The native call's ``sources``: dataset name -> path (names are checked by the core)."""
    if sources is None:
        return None
    if not isinstance(sources, Mapping):
        raise SpecError(
            'sources= takes a mapping of dataset name to path, e.g. {"ucdp-dyadic": "d.csv"}; '
            f"got {type(sources).__name__}"
        )
    out = {}
    for name, path in sources.items():
        if not isinstance(name, str) or not isinstance(path, (str, os.PathLike)):
            raise SpecError(
                f"sources= maps dataset names (str) to paths (str or os.PathLike); got "
                f"{name!r}: {path!r}"
            )
        out[name] = os.fspath(path)
    return out


def _acd_frame(df: Any) -> pl.DataFrame:
    """Checks a user's frame against the ACD schema and casts it losslessly, so that only the
    dtypes the native module expects cross the boundary. A pandas frame (e.g. from
    ``pd.read_csv`` of a UCDP file) is accepted as it comes: list columns as UCDP's text
    (``"651, 666"``) or single codes, dates as ISO text or ``datetime64`` — text is parsed by
    the core's loader, by the same rule as a file's field. What cannot be read is a
    :class:`~conflictstats.SchemaError` in the frame's own terms (its dtype, the column)."""
    is_pandas = not isinstance(df, pl.DataFrame)
    given = {str(c): str(t) for c, t in df.dtypes.items()} if is_pandas else {}
    if is_pandas:
        df = pl.from_pandas(df)
    schema = _native.acd_schema_frame().schema
    for name in schema:
        if name not in df.columns:
            raise SchemaError(
                f"{DATAFRAME_LABEL}: the frame has no column `{name}`; expected the columns of "
                "cs.load() (the 28 ACD columns)",
                file=DATAFRAME_LABEL,
                column=name,
            )
    columns = []
    for name, dtype in schema.items():
        col = df.get_column(name)
        if col.dtype != dtype:
            col = _cast(col, dtype, given.get(name))
        columns.append(col)
    return pl.DataFrame(columns)


#: What each ACD dtype accepts, in words (for errors about a user's frame).
_ACCEPTS = {
    "List": 'lists of G&W codes: UCDP\'s text ("651, 666"), one whole number, or a list',
    "Date": "dates: ISO text (1997-05-29), datetime64 or date values",
    "Boolean": "flags: 0/1 or True/False",
    "String": "text",
}


def _cast(col: pl.Series, dtype: pl.DataType, pandas_dtype: str | None = None) -> pl.Series:
    """``col`` as ``dtype``, losslessly; list and date columns given as text pass as text
    (the core's loader parses them)."""
    kind = type(dtype).__name__ if dtype.is_nested() or dtype == pl.Date else str(dtype)
    accepts = _ACCEPTS.get(kind, "whole numbers")

    def wrong(why: str = "") -> SchemaError:
        found = f"pandas dtype {pandas_dtype}" if pandas_dtype else f"dtype {col.dtype}"
        return SchemaError(
            f"{DATAFRAME_LABEL}: column `{col.name}` has {found}; expected {accepts}{why}",
            file=DATAFRAME_LABEL,
            column=col.name,
            value=pandas_dtype or str(col.dtype),
            expected=str(dtype),
        )

    source = col.dtype
    if source == pl.String and (dtype == pl.Date or dtype.is_nested()):
        return col  # parsed by the core's loader (UCDP's list and date rules)
    if col.null_count() == len(col):  # e.g. pandas' all-NaN float64 for an empty column
        as_text = dtype == pl.Date or dtype.is_nested()
        return pl.Series(col.name, [None] * len(col), dtype=pl.String if as_text else dtype)
    if dtype == pl.String and source.is_numeric():
        return col.cast(pl.String)  # pandas reads `version` 25.1 as a number
    if dtype.is_nested() and source.is_numeric():
        whole = col.drop_nulls()
        if source.is_float() and not (whole == whole.floor()).all():
            raise wrong(" (whole numbers)")
        return col.cast(pl.Int64).cast(pl.String)  # one code per row: the loader reads it
    if dtype == pl.Date and isinstance(source, pl.Datetime):
        return col.dt.date()
    if dtype == pl.Boolean and source.is_integer():
        if not col.drop_nulls().is_in([0, 1]).all():
            raise wrong(" (0/1 flags)")
    elif source.is_float() and (dtype.is_integer() or dtype == pl.List):
        inner = col.explode() if source == pl.List else col
        if not (inner.drop_nulls() == inner.drop_nulls().floor()).all():
            raise wrong(" (whole numbers)")
    elif dtype == pl.String and source not in (pl.String, pl.Categorical, pl.Enum):
        raise wrong()
    elif source == pl.String and dtype.is_integer():
        raise wrong()  # text where a number is expected: never guessed
    try:
        return col.cast(dtype, strict=True)
    except Exception:  # polars raises several classes for a failed cast
        raise wrong() from None


@collecting_warnings
def load(
    dataset: DataSource = "ucdp-acd",
    version: str | None = None,
    kind: DatasetName | None = None,
) -> pl.DataFrame:
    """Loads any dataset — every embedded one, or a file of one — as a typed polars DataFrame.

    Args:
        dataset: An embedded dataset's name (see :func:`datasets`: ``"ucdp-acd"``,
            ``"ucdp-dyadic"``, ``"ucdp-nonstate"``, ``"ucdp-onesided"``, ``"ucdp-brd"``,
            ``"ucdp-ged-sample"``, ``"gw-states"``, ``"gw-iso3-crosswalk"``) or the path of a
            CSV file. Files are read by the dataset's own strict loader: any invalid row raises
            a :class:`~conflictstats.DataFileError` naming file, line, column and value.
        version: The embedded release, e.g. ``"25.1"``; default: the default release.
        kind: For a file: the registry name of the dataset it holds (default ``"ucdp-acd"``).

    Returns:
        The ACD: its 28 columns in UCDP's order (ids ``UInt32``, UCDP and G&W codes ``Int32``,
        flags ``Boolean``, dates ``Date``, multi-valued fields as lists). Other datasets: one
        column per field of the loader's typed records (integers ``Int64``, labels and ISO
        dates ``String``, lists for multi-valued fields). What the loader accepted under a
        documented rule is issued as :class:`~conflictstats.ConflictStatsWarning` and kept in
        ``df.warnings``; header columns it did not use are in ``df.extra_columns``; the
        provenance is :func:`~conflictstats.provenance`.

    Example:
        >>> import conflictstats as cs
        >>> import polars as pl
        >>> acd = cs.load("ucdp-acd", version="25.1")
        >>> acd.shape
        (2752, 28)
        >>> acd.schema["gwno_loc"], acd.schema["start_date"]
        (List(Int32), Date)
        >>> acd.filter(pl.col("year") == 2024).height
        61
        >>> cs.load("ucdp-dyadic", version="24.1").height
        3357
    """
    if dataset is None:
        raise SpecError("load() needs a dataset name (see cs.datasets()) or a path")
    source = _source(dataset, version)
    if "frame" in source:
        raise SpecError("load() reads a dataset name or a path; you already have a DataFrame")
    if "path" in source:
        name, path, ver = kind or "ucdp-acd", source["path"], None
    else:
        if kind is not None:
            raise SpecError("kind= names the dataset a file holds; give a path with it")
        name, path, ver = source["name"], None, source.get("version")
    df, prov, native_warnings, extra = _native.load_dataset(name, ver, path)
    found = _issue_load_warnings(native_warnings)
    # plain attributes of this frame object (a derived frame is a new object without them)
    vars(df).update(warnings=found, extra_columns=list(extra))
    return attach_dict(df, {"dataset": provenance_dict(prov), "extra_columns": list(extra)})


def _listify(key: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, int)):
        value = [value]
    if not isinstance(value, Iterable):
        raise SpecError(f"filter {key}= takes a label, a UCDP code or a list of them")
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            raise SpecError(f"filter {key}= takes labels or UCDP codes; got {item!r}")
        out.append(str(item))
    return out


def _years(years: Years | None) -> tuple[int, int] | None:
    """``years=`` as an inclusive ``(first, last)``: from the smallest to the largest year
    given (see :data:`Years`)."""
    if years is None:
        return None
    if isinstance(years, bool):
        raise SpecError(f"years= takes a year or a collection of years; got {years!r}")
    if isinstance(years, int):
        return (years, years)
    if isinstance(years, (str, bytes)) or not isinstance(years, Iterable):
        raise SpecError(f"years= takes a year or a collection of years; got {years!r}")
    given = list(years)
    if not given:
        raise SpecError("years= is empty: give at least one year")
    for y in given:
        if isinstance(y, bool) or not isinstance(y, int):
            raise SpecError(f"years= takes whole years; got {y!r}")
    return (min(given), max(given))


def _filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {key: [] for key in _FILTERS}
    for key, value in filters.items():
        if key == "persistence":
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise SpecError(f"persistence= takes a number of years >= 0; got {value!r}")
            out["persistence"] = value
            continue
        canonical = _FILTER_ALIASES.get(key)
        if canonical is None:
            accepted = ", ".join(
                [a for aliases in _FILTERS.values() for a in aliases] + ["persistence"]
            )
            raise SpecError(f"unknown filter `{key}`; accepted: {accepted}")
        out[canonical] += _listify(key, value)
    return out


def _count(
    dataset: DataSource,
    version: str | None,
    unit: str,
    by: str | None,
    years: Years | None,
    filters: Mapping[str, Any],
    sources: FileSources | None = None,
) -> tuple[pl.DataFrame, Metadata]:
    """The counts frame and its metadata (``spec``, ``dataset``, ``other_datasets``)."""
    df, meta, table = _native.count(
        unit,
        by=by,
        years=_years(years),
        **_filters(filters),
        **_source(dataset, version),
        sources=_sources(sources),
    )
    attach_native(df, meta)
    attach_counted(df, table)
    return df, provenance(df)


@collecting_warnings
@integer_arguments_in_range
def count(
    dataset: DataSource = None,
    version: str | None = None,
    unit: UnitKey = "conflict",
    by: GroupBy | None = None,
    years: Years | None = None,
    sources: FileSources | None = None,
    **filters: Any,
) -> pl.DataFrame:
    """Counts per year under an explicit counting unit.

    Args:
        dataset: ``None`` (default): the embedded data the unit reads (``ucdp-acd`` for
            ``conflict``, ``country``, ``state_party``; ``ucdp-dyadic`` for ``dyad``; ...).
            Or an embedded dataset's name, the path of an ACD file, or a polars/pandas
            DataFrame with the columns of :func:`load` (e.g. one you filtered), validated like
            a file.
        version: The embedded release; default: the default release (see :func:`datasets`).
        unit: ``"conflict"`` (UCDP's unit: distinct conflicts with >= 25 battle-related deaths
            in the year), ``"country"`` (distinct location states of those conflicts), or
            another unit of the core (``"state_party"``, ``"dyad"``, ``"nonstate_conflict"``,
            ``"onesided_actor"``, ``"legal_relationship"``; see the CLI's ``count --help``).
        by: Group by ``"type"``, ``"intensity"``, ``"incompatibility"`` or ``"region"``.
        sources: Your own files for the datasets the unit reads, by name, e.g.
            ``{"ucdp-dyadic": "d.csv", "ucdp-nonstate": "ns.csv"}`` for
            ``unit="legal_relationship"``; the others come from the embedded release. Each
            file is read by the same strict loader and named in the provenance.
        years: A year, or years as a pair, list, set or ``range``: every year from the
            smallest to the largest given (``range(2020, 2025)`` is 2020–2024); default: the
            data's coverage. Years outside the coverage raise
            :class:`~conflictstats.SpecError`.
        **filters: ``type=``, ``intensity=``, ``incompatibility=``, ``region=``: a label
            (``"war"``, ``"internationalized_intrastate"``, ``"middle_east"``), a UCDP code
            (``2``) or a list of them; ``persistence=`` (years, ``legal_relationship`` only).

    Returns:
        ``year`` (Int32), the grouping column if any (String), and the count (Int64) named
        after what it counts — ``conflicts``, ``countries``, ``state_parties``, ``dyads``,
        ``nonstate_conflicts``, ``onesided_actors``, ``legal_relationships`` — so that the unit
        survives filters and joins; every year of the range, 0 where nothing was active.

    Example:
        >>> import conflictstats as cs
        >>> cs.count(years=2025).row(0)  # the default ACD, v26.1
        (2025, 65)
        >>> cs.count(version="25.1", years=2024).row(0)
        (2024, 61)
        >>> cs.count(version="25.1", years=2024, intensity="war").row(0)
        (2024, 11)
        >>> cs.count(version="25.1", years=2024, unit="country").row(0)
        (2024, 36)
        >>> cs.count(version="25.1", years=2024, by="type").rows()[2]
        (2024, 'intrastate', 38)
        >>> cs.count(version="25.1", unit="legal_relationship", years=2024).row(0)
        (2024, 142)
    """
    df, _meta = _count(dataset, version, unit, by, years, filters, sources)
    return df


@dataclass(frozen=True)
class Citation:
    """The citation the authors of a dataset ask for.

    Attributes:
        dataset: ``"UCDP/PRIO Armed Conflict Dataset v25.1"``.
        text: Plain-text references, one per line.
        bibtex: The same as BibTeX entries.
        byte_identity: Whether the embedded copy's bytes are known to be UCDP's own file
            (``"unverified"`` for ACD v26.1, a copy not matched against UCDP's zip).
    """

    dataset: str
    text: str
    bibtex: str
    byte_identity: ByteIdentity = "unknown"

    def __str__(self) -> str:
        return self.text

    def _repr_markdown_(self) -> str:
        refs = "\n".join(f"- {line}" for line in self.text.splitlines())
        return f"**Cite {self.dataset}:**\n\n{refs}\n\n```bibtex\n{self.bibtex}\n```"


def cite(dataset: DatasetName = "ucdp-acd", version: str | None = None) -> Citation:
    """The citations of an embedded dataset, as plain text and BibTeX.

    Example:
        >>> import conflictstats as cs
        >>> c = cs.cite("ucdp-acd", version="25.1")
        >>> c.text.startswith("Gleditsch, Nils Petter; Peter Wallensteen")
        True
        >>> c.bibtex.count("@")
        3
        >>> cs.cite("ucdp-acd").byte_identity  # the default, v26.1
        'unverified'
    """
    text, bibtex, label = _native.cite(dataset, None if version is None else str(version))
    wanted = None if version is None else str(version).strip().lstrip("v")
    unknown: ByteIdentity = "unknown"
    byte_identity = next(
        (
            e.byte_identity
            for e in _native.datasets()
            if e.name == dataset and (e.version == wanted if wanted else e.default)
        ),
        unknown,
    )
    return Citation(dataset=label, text=text, bibtex=bibtex, byte_identity=byte_identity)
