"""The exceptions of :mod:`conflictstats`: one base class, one subclass per kind of failure.

Every error the library raises is a :class:`ConflictStatsError`. Errors about a data file carry
where the problem is::

    ConflictStatsError
    ├── DataFileError              file, line, column, value
    │   ├── FileReadError          (also OSError)     the file cannot be read
    │   ├── SchemaError            (also ValueError)  empty file, missing/duplicate column,
    │   │   │                                          wrong delimiter, a frame's wrong dtype
    │   │   └── FieldCountError                        a row with a different number of fields
    │   │                                              than the header (a truncated file)
    │   ├── ParseError             (also ValueError)  a field's value is invalid (+ expected)
    │   └── DuplicateRecordError   (also ValueError)  a key appears twice (+ first_line, key)
    ├── DatasetError
    │   ├── DatasetNotFoundError   (also LookupError) no embedded dataset of that name/version
    │   └── ChecksumError          embedded bytes fail their SHA-256 (a corrupted build)
    ├── SpecError                  (also ValueError)  invalid unit, filter, grouping, years
    ├── FetchError                 (also OSError)     a download failed or was refused (+ url);
    │                                                 nothing was cached
    ├── IntegrityError             data differ from a pinned checksum or lockfile, or are not
    │                              an official release where one is required
    └── InternalError              a bug inside the library (a Rust panic, caught)

``line`` is the 1-based line where the record starts (the header is line 1). For a DataFrame
passed to :func:`conflictstats.count`, ``file`` is ``"<DataFrame>"``, ``line`` is the 1-based
row number and ``row`` the 0-based row index (``df[err.row]``), which the message names
("row index 5").

The core's error names (the README's table of bad inputs) map to these classes:
``MissingColumn``, ``DuplicateColumn``, ``WrongDelimiter``, ``EmptyFile`` → :class:`SchemaError`;
``FieldCount`` → :class:`FieldCountError`; ``InvalidValue``, ``SpreadsheetNumber``,
``Malformed`` → :class:`ParseError`; ``DuplicateRecord`` → :class:`DuplicateRecordError`.

Example:
    >>> import conflictstats as cs
    >>> try:
    ...     cs.load("ucdp-acd", version="19.1")
    ... except cs.DatasetNotFoundError as err:
    ...     print(err.version, "|", err.available.split(", ")[0])
    19.1 | ucdp-acd 26.1
"""

from __future__ import annotations

import contextvars
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

__all__ = [
    "ChecksumError",
    "ConflictStatsError",
    "ConflictStatsWarning",
    "DataFileError",
    "DatasetError",
    "DatasetNotFoundError",
    "DuplicateRecordError",
    "FetchError",
    "FieldCountError",
    "FileReadError",
    "IntegrityError",
    "InternalError",
    "ParseError",
    "SchemaError",
    "SpecError",
]

DATAFRAME_LABEL = "<DataFrame>"


class ConflictStatsError(Exception):
    """Base class of every error raised by :mod:`conflictstats`.

    Attributes beyond the message are set by the subclasses; unknown keyword arguments are
    stored as attributes too, so that newer native modules never fail to raise.
    """

    def __init__(self, message: str, **attrs: Any) -> None:
        super().__init__(message)
        self.message = message
        for key, value in attrs.items():
            setattr(self, key, value)


class ConflictStatsWarning(UserWarning):
    """What a loader accepted under a documented rule (a ``;``-separated spreadsheet re-save,
    dates written another way), or data that are not a verified release (kind
    ``"provenance"``: a modified copy of a release, an unregistered version, an unverified
    download — the CLI's ``warning:`` lines, from the same rule of the core): issued with
    :func:`warnings.warn`, at the caller's line, once per dataset by every function that reads
    one, and kept with the result (:func:`conflictstats.warnings`).

    Attributes:
        kind: The class of the warning: ``"semicolon_delimiter"``, ``"day_first_dates"``,
            ``"provenance"``.
        file: The file read (for ``"provenance"``: the dataset's source).
        line: The first line concerned (1: the header); ``None`` for a warning about the
            file as a whole (``"provenance"``).
        column: The first column concerned, if any.
        count: How many records or fields it concerns.
    """

    def __init__(
        self,
        message: str,
        kind: str = "",
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        count: int = 0,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.count = count


_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _warn_at_caller(warning: Warning) -> None:
    """Issues ``warning`` (``warnings.warn``, filters apply) attributed to the first frame
    outside this package: the user's line that called conflictstats, however deep the
    package's own frames are. Called by the native module for every file it reads."""
    level, frame = 1, sys._getframe(1)
    while os.path.dirname(os.path.abspath(frame.f_code.co_filename)).startswith(_PACKAGE_DIR):
        if frame.f_back is None:
            break
        level, frame = level + 1, frame.f_back
    warnings.warn(warning, stacklevel=level + 1)


def _issue_load_warnings(native: Iterable[Any]) -> list[ConflictStatsWarning]:
    """The native load warnings (``_conflictstats.LoadWarning``) as
    :class:`ConflictStatsWarning` s, each issued at the caller's line; returned for the
    result's ``warnings``. The one place a loader's warnings become Python warnings."""
    found = [
        ConflictStatsWarning(
            w.message, kind=w.kind, file=w.file, line=w.line, column=w.column, count=w.count
        )
        for w in native
    ]
    for w in found:
        _warn_at_caller(w)
    collector = _COLLECTOR.get()
    if collector is not None:
        collector.extend(found)
    return found


#: The warnings issued during the current public call (see :func:`collecting_warnings`).
_COLLECTOR: contextvars.ContextVar[list[ConflictStatsWarning] | None] = contextvars.ContextVar(
    "conflictstats_warnings", default=None
)


def collected() -> list[ConflictStatsWarning]:
    """The warnings issued so far during the current public call (empty outside one): what
    a frame returned by that call keeps (:func:`conflictstats.warnings`)."""
    return list(_COLLECTOR.get() or [])


class DataFileError(ConflictStatsError):
    """A problem with a data file (or a DataFrame), located by file, line and column.

    Attributes:
        file: The path as given, ``embedded:<name>`` or ``"<DataFrame>"``.
        line: 1-based line where the record starts (for a DataFrame: 1-based row number).
        column: The column, in UCDP's spelling, when the error is about one.
        value: The offending field, verbatim, when the error is about one.
        row: For a DataFrame, the 0-based row index; for a Parquet/Arrow file or a stream of
            frames, the 0-based row over the whole input; ``None`` for CSV files.
    """

    file: str | None
    line: int | None
    column: str | None
    value: str | None
    row: int | None

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: str | None = None,
        value: str | None = None,
        **attrs: Any,
    ) -> None:
        row = attrs.pop("row", None)
        super().__init__(message, **attrs)
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        if row is None and file == DATAFRAME_LABEL and line is not None:
            row = line - 1
        self.row = row


class FileReadError(DataFileError, OSError):
    """The file could not be opened or read (missing, a directory, no permission)."""


class SchemaError(DataFileError, ValueError):
    """The file's structure is wrong: empty, a missing or repeated column, a delimiter other
    than ``,``, or a row with a different number of fields than the header.

    Attributes:
        expected_fields: For a field-count error, the number of fields in the header.
        found_fields: For a field-count error, the number of fields in the row.
        expected: For a DataFrame column of the wrong dtype, the dtype expected.
    """

    expected_fields: int | None = None
    found_fields: int | None = None
    expected: str | None = None


class FieldCountError(SchemaError):
    """A row has a different number of fields than the header: the file is truncated or a
    field holds an unquoted delimiter (the core's ``FieldCount``).

    Attributes:
        expected_fields: The number of fields in the header.
        found_fields: The number of fields in the row.
    """


class ParseError(DataFileError, ValueError):
    """A field does not hold a valid value for its column (or the bytes are not UTF-8 CSV).

    Attributes:
        expected: What the column accepts, e.g. ``"1 (minor) or 2 (war)"``.
    """

    expected: str | None = None


class DuplicateRecordError(DataFileError, ValueError):
    """The same key (a conflict-year) appears twice.

    Attributes:
        first_line: Line (or row number) of the first occurrence; ``line`` is the second.
        key: The key, e.g. ``"conflict-year (conflict_id 11342, year 2012)"``.
    """

    first_line: int | None = None
    key: str | None = None


class DatasetError(ConflictStatsError):
    """A problem with an embedded dataset."""

    name: str | None = None
    version: str | None = None


class DatasetNotFoundError(DatasetError, LookupError):
    """No embedded dataset has this name and version.

    Attributes:
        name: The name asked for.
        version: The version asked for (``None``: the default).
        available: The embedded datasets, ``"name version"`` pairs, comma separated.
    """

    available: str | None = None


class ChecksumError(DatasetError):
    """An embedded dataset's bytes do not match their registered SHA-256: the build is
    corrupted and no figure computed from it can be trusted.

    Attributes:
        expected: The registered SHA-256.
        actual: The SHA-256 of the bytes found.
    """

    expected: str | None = None
    actual: str | None = None


class SpecError(ConflictStatsError, ValueError):
    """An invalid count or trend specification: unknown unit, grouping or filter value, a year
    range outside the data's coverage, an argument of the wrong type."""


class FetchError(ConflictStatsError, OSError):
    """A download of a release failed or was refused: HTTP error status, truncated body, not a
    zip (an HTML page), timeout, over the size cap, a checksum that differs from the published
    one, or offline. Nothing is left in the cache.

    Attributes:
        url: The address requested (``None`` when no request was possible).
    """

    url: str | None = None


class IntegrityError(ConflictStatsError):
    """Data differ from what was pinned (an expected SHA-256, a lockfile), a cached release
    changed after it was fetched, or a dataset is not an official release where one is
    required."""


class InternalError(ConflictStatsError):
    """A bug inside conflictstats (a Rust panic, caught at the boundary). Please report it."""


_F = TypeVar("_F", bound=Callable[..., Any])


def collecting_warnings(fn: _F) -> _F:
    """Keeps the warnings issued during a public call (the outermost one), so that the
    frames it returns carry them (:func:`conflictstats.warnings`)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if _COLLECTOR.get() is not None:
            return fn(*args, **kwargs)
        token = _COLLECTOR.set([])
        try:
            return fn(*args, **kwargs)
        finally:
            _COLLECTOR.reset(token)

    return cast(_F, wrapper)


def integer_arguments_in_range(fn: _F) -> _F:
    """Turns an out-of-range integer argument (PyO3 raises ``OverflowError`` when a Python int
    does not fit the Rust type, e.g. ``years=2**70``) into a :class:`SpecError`, a
    ``ValueError``, at the public entry point that received it."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except OverflowError as err:
            raise SpecError(
                f"{fn.__name__}(): an integer argument is out of range ({err})"
            ) from err

    return cast(_F, wrapper)
