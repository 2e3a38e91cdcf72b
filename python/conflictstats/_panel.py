"""Panels (state-year, dyad-year, conflict-year, conflict-dyad-year) and GED event aggregation
as polars frames.

Every figure comes from the Rust core (`conflictstats::panel`, `conflictstats::events`).
Conflict columns are null (not 0/False) for years outside the conflict data's coverage
(ACD v25.1: 1946-2024; UCDP Dyadic v25.1: 1946-2024); the ``source`` column names the data
and version. ``sources={"ucdp-acd": path, "gw-states": path, "ucdp-dyadic": path}`` reads your
own files instead of the embedded releases.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

import polars as pl

from . import _columnar
from . import _conflictstats as _native
from ._acled import (
    AcledDisorderType,
    AcledEventType,
    AcledSubEventType,
    PathLike,
    aggregate_acled,
)
from ._api import FileSources, _sources, _years
from ._api import Years as _AnyYears
from ._columnar import BATCH_ROWS
from ._metadata import Attribution, EventUnitKey, PanelRole, Period, attach_native
from ._vocab import renamed
from .exceptions import SpecError, collecting_warnings, integer_arguments_in_range

#: What ``aggregate_events(events=...)`` takes: a polars DataFrame or LazyFrame, a pyarrow
#: Table or RecordBatchReader, a pandas DataFrame, or the path of a Parquet/IPC file.
if TYPE_CHECKING:
    EventInput = Union[pl.DataFrame, pl.LazyFrame, str, "os.PathLike[str]", Any]
else:
    EventInput = Any

#: ``years=`` of the panels: as for :func:`conflictstats.count` (every year from the smallest
#: to the largest given); ``None``: the conflict data's coverage.
Years = Optional[_AnyYears]

_PEACE_COLUMNS = """
    Episode and peace columns (rules in the Rust docs of ``conflictstats::panel::episodes``):

    - ``onset`` (Boolean): first year of an episode (after at least ``gap`` inactive years);
      null when unknown (an episode under way when the data start).
    - ``termination`` (Boolean): last active year of an episode; null while unknown (within
      ``gap`` years of the end of the data).
    - ``episode_id`` (Int64): episode number within the unit, in the years an episode spans.
    - ``left_censored`` (Boolean): the year belongs to an episode under way when the data
      start.
    - ``peace_years`` (Int64): peace years in the field's convention (Beck, Katz & Tucker
      1998; Stata's btscs): consecutive years without activity **before** this year. An onset
      year carries the length of the peace spell it ends; the year after an active year is 0.
    - ``at_risk`` (Boolean): activity in this year would be an onset (no ongoing episode);
      estimate onset models on ``at_risk`` rows. Null when unknown.
    - ``years_since_active`` (Int64): years since the last active year, 0 in an active year
      (the measure formerly called ``peace_years``).
    - ``source`` (String): the conflict data, ``name version``, followed by the release
      status when the data are not a verified release (``ucdp-acd 25.1 (modified)``); such
      data are also reported by a :class:`~conflictstats.ConflictStatsWarning` (kind
      ``"provenance"``).
"""


@collecting_warnings
@integer_arguments_in_range
def panel_state_year(
    years: Years = None,
    gap: int = 1,
    microstates: bool = False,
    version: str | None = None,
    sources: FileSources | None = None,
    role: PanelRole = "location",
    *,
    acd_version: str | None = None,
) -> pl.DataFrame:
    """One row per Gleditsch-Ward state per year of system membership (member on any day of
    the year; microstates only with ``microstates=True``). The G&W list ends on 2021-04-14:
    later years carry its last membership forward (the metadata's ``state_list_fill``, see
    :func:`conflictstats.provenance`). Conflict columns are null outside the ACD's coverage.

    ``role`` is the participation coded by ``incidence``, ``conflicts``, ``max_intensity``,
    ``conflict_onsets`` and every episode and peace column: ``"location"`` (the state where
    the conflict is located, ``gwno_loc``; the default), ``"primary"`` (a primary party,
    ``gwno_a``/``gwno_b``) or ``"any"`` (side A or B, secondary supporters included). The
    ``role`` column and ``provenance(p)["role"]`` name it. UCDP's country codes are mapped to
    G&W's first (``data/crosswalk/ucdp_gw.csv``: Serbia is 345 in UCDP after 2006, 340 in
    G&W); codes that still name no G&W member in their year (colonies before independence,
    Hyderabad) are issued as :class:`~conflictstats.ConflictStatsWarning` (kind
    ``unmatched_code``) with their years and conflicts, and listed in
    ``provenance(p)["unmatched"]``.

    Columns:

    - ``gwcode`` (Int32): the Gleditsch-Ward code; ``statename`` (String): the state's G&W
      name in that year (e.g. ``Serbia`` for 340); ``year`` (Int32).
    - ``incidence`` (Boolean): an active conflict-year (>= 25 battle-related deaths) in which
      the state takes the role (by default: located in the state, ``gwno_loc``).
    - ``incidence_primary`` (Boolean): the state is a primary party (``gwno_a``/``gwno_b``).
    - ``incidence_any`` (Boolean): the state is any party, secondary included.
    - ``conflicts`` (Int64): active conflicts in which the state takes the role.
    - ``max_intensity`` (Int32): 0 none, 1 minor, 2 war.
    - ``conflict_onsets`` (Int64): onsets of conflict episodes in which the state takes the
      role (null when one is left-censored).
    - ``role`` (String): the role coded.
    - ``peace_censored`` (Boolean): the spell ``peace_years`` counts began at the start of
      coverage (1946), so its true length is unknown.
    - ``years_since_onset`` (Int64): years since the last onset (0 in an onset year).
    - episodes, peace years and ``source``: below. ``gap``: a new onset after at least this
      many inactive years (UCDP's rule: 1).
    {peace}
        >>> import conflictstats as cs
        >>> p = cs.panel_state_year(version="25.1")
        >>> p.height, p.filter(p["year"] == 2024).height
        (11360, 174)
        >>> eri = cs.panel_state_year(years=(2019, 2023), role="any", version="25.1")
        >>> eri.filter(eri["gwcode"] == 531)["incidence"].to_list()  # Eritrea in Tigray
        [False, True, True, True, False]
    """
    return attach_native(
        *_native.panel(
            "state-year",
            years=_years(years),
            gap=gap,
            microstates=microstates,
            acd_version=renamed("panel_state_year", "acd_version", "version", acd_version, version),
            sources=_sources(sources),
            role=role,
        )
    )


@collecting_warnings
@integer_arguments_in_range
def panel_dyad_year(
    years: Years = None,
    gap: int = 1,
    microstates: bool = False,
    directed: bool = False,
    version: str | None = None,
    sources: FileSources | None = None,
    role: PanelRole = "primary",
    *,
    acd_version: str | None = None,
) -> pl.DataFrame:
    """One row per pair of G&W states per year (directed: both orders; undirected: ``gwcode_a
    < gwcode_b``), with interstate conflict incidence, onsets, episodes and peace years. Years
    after the G&W list's end (2021-04-14) carry its last membership forward.

    Columns: ``gwcode_a``, ``gwcode_b`` (Int32), each followed by the state's G&W name in
    that year, ``statename_a``, ``statename_b`` (String); ``year``; ``interstate`` (Boolean: the two
    states on opposite sides of an active interstate conflict-year); ``opposed`` (Boolean: on
    opposite sides of any active conflict-year); ``peace_censored``, ``years_since_onset`` as
    in :func:`panel_state_year`; ``role`` (String); episodes, peace years and ``source``
    below. The episodes and peace years are those of ``interstate`` under ``role="primary"``
    (the default) and of ``opposed`` under ``role="any"``; ``"location"`` raises
    :class:`~conflictstats.SpecError` (a pair of states has no location).
    {peace}"""
    return attach_native(
        *_native.panel(
            "dyad-year",
            years=_years(years),
            gap=gap,
            microstates=microstates,
            directed=directed,
            acd_version=renamed("panel_dyad_year", "acd_version", "version", acd_version, version),
            sources=_sources(sources),
            role=role,
        )
    )


@collecting_warnings
@integer_arguments_in_range
def panel_conflict_year(
    years: Years = None,
    gap: int = 1,
    active_only: bool = False,
    version: str | None = None,
    sources: FileSources | None = None,
    *,
    acd_version: str | None = None,
) -> pl.DataFrame:
    """One row per UCDP conflict per year from its first active year (inactive years
    included unless ``active_only``), with episodes (gap 1 reproduces UCDP's ep_end).

    Columns: ``conflict_id`` (Int64), ``year``; ``active`` (Boolean: a conflict-year of the
    ACD); ``type_of_conflict``, ``intensity`` (Int32 UCDP codes, null in inactive years);
    episodes, peace years and ``source`` below.
    {peace}"""
    return attach_native(
        *_native.panel(
            "conflict-year",
            years=_years(years),
            gap=gap,
            active_only=active_only,
            acd_version=renamed(
                "panel_conflict_year", "acd_version", "version", acd_version, version
            ),
            sources=_sources(sources),
        )
    )


@collecting_warnings
@integer_arguments_in_range
def panel_conflict_dyad_year(
    years: Years = None,
    gap: int = 1,
    active_only: bool = False,
    version: str | None = None,
    sources: FileSources | None = None,
    *,
    dyadic_version: str | None = None,
) -> pl.DataFrame:
    """One row per UCDP dyad (Dyadic dataset) per year from its first active year to the end
    of coverage (inactive years included unless ``active_only``), with onsets, terminations
    and episodes (gap 1: UCDP's rule; onsets fall in the year of ``start_date2``). Dyads
    active in 1946 are left-censored (onset null).

    Columns: ``dyad_id``, ``conflict_id`` (Int64), ``year``; ``active``, ``type_of_conflict``,
    ``intensity`` as in :func:`panel_conflict_year`; episodes, peace years and ``source``
    below.
    {peace}
        >>> import conflictstats as cs
        >>> p = cs.panel_conflict_dyad_year(active_only=True, version="25.1")
        >>> p.height, p.filter(p["year"] == 2024).height
        (3432, 68)
    """
    return attach_native(
        *_native.panel(
            "conflict-dyad-year",
            years=_years(years),
            gap=gap,
            active_only=active_only,
            dyadic_version=renamed(
                "panel_conflict_dyad_year", "dyadic_version", "version", dyadic_version, version
            ),
            sources=_sources(sources),
        )
    )


@collecting_warnings
@integer_arguments_in_range
def aggregate_events(
    unit: EventUnitKey = "country",
    period: Period = "year",
    attribution: Attribution = "split_even",
    max_date_prec: int = 5,
    path: str | os.PathLike[str] | None = None,
    events: EventInput | None = None,
    sources: FileSources | None = None,
    acled: PathLike | None = None,
    event_types: Sequence[AcledEventType] | None = None,
    sub_event_types: Sequence[AcledSubEventType] | None = None,
    disorder_types: Sequence[AcledDisorderType] | None = None,
    max_time_precision: int = 3,
    events_format: str | None = None,
    batch_rows: int = BATCH_ROWS,
    rehash: bool = False,
) -> pl.DataFrame:
    """GED events summed (low, best, high, events) per unit (country, conflict, priogrid) and
    period (month, year). Events spanning several months are split evenly in whole deaths
    (``split_even``) or attributed to their ``start_month``/``end_month``.

    ``acled=PATH`` reads a user's own ACLED export instead (ACLED's CSV layout; see
    :mod:`conflictstats._acled`): **ACLED reported fatalities**, not UCDP battle-related
    deaths, per G&W country (``gwcode``) and period, in the columns ``fatalities`` and
    ``events``; ``event_types``, ``sub_event_types``, ``disorder_types`` (ACLED's spellings)
    and ``max_time_precision`` (1 day, 2 week, 3 month) choose the events. Events whose
    country has no single G&W code on their date are listed in
    ``cs.provenance(df)["excluded"]["unmatched"]``.

    The events are the embedded GED sample, a GED CSV (``path``), or a DataFrame with GED
    column names (``events``). The G&W code is ``gwcode`` in the output, as in the panels
    (GED's input column is ``country_id``), followed by the state's G&W name in the row's year,
    ``statename``; UCDP's codes that differ from G&W's are mapped on each event's
    ``date_start`` by the panels' rule table (Serbia, 345 in UCDP after 2006-06-04, counts for
    340). A DataFrame's ``country_id``, ``date_prec``, ``low``,
    ``best``, ``high`` (Int32) and ``date_start``, ``date_end`` (Date) columns are read in
    place, without copying; columns of other integer types are cast first (a copy).

    The events are the embedded GED sample, a GED file (``path``: a CSV, or a Parquet or
    Arrow IPC file by its extension or ``events_format``), or ``events`` in GED column names:
    a polars DataFrame or LazyFrame, a pyarrow Table or RecordBatchReader, a pandas DataFrame,
    or the path of a Parquet/IPC file. LazyFrames and files stream in batches of
    ``batch_rows`` events, each aggregated by the Rust kernel and merged exactly, so memory is
    one batch and the result. The G&W code is ``gwcode`` in the output, as in the panels
    (GED's input column is ``country_id``), followed by its G&W name, ``statename``; UCDP's
    codes that differ from G&W's are mapped on each event's ``date_start`` (Serbia 345 → 340
    after 2006-06-04).

    Only the columns the unit needs are read: ``date_start``, ``date_end`` (Date, Datetime at
    midnight, or in a DataFrame integer days since 1970-01-01 as :func:`load` gives them),
    ``date_prec``, ``low``, ``best``, ``high`` and ``country_id``;
    ``type_of_violence`` and ``conflict_new_id``; or ``priogrid_gid`` (any integer dtype).
    Int32 or Int64 columns in one chunk are read in place; a float or string column is a
    :class:`SchemaError`, a null or a value out of range a :class:`ParseError` naming the row.

    A GED CSV file (``path`` or ``sources={"ucdp-ged": ...}``) is read through the ingest
    caches, as by the CLI: its verified SHA-256 is recorded under the file's identity (device,
    inode, size, modification times) and its parsed columns are kept in the cache directory,
    so the next call on the unchanged file neither hashes nor parses it (the README's
    "Reading a file again" says what that trusts). ``rehash=True`` hashes and parses the file
    again whatever the record says (the CLI's ``--rehash``); it applies only to a GED CSV.

        >>> import conflictstats as cs
        >>> t = cs.aggregate_events(unit="country", period="month")
        >>> t["best"].sum(), t["low"].sum(), t["high"].sum()
        (9561, 6224, 22017)
    """
    acled_filters = event_types or sub_event_types or disorder_types or max_time_precision != 3
    if rehash and (
        acled is not None
        or acled_filters
        or events is not None
        or (path is None and sources is None)
        or (path is not None and _columnar.columnar_format(path, events_format) is not None)
    ):
        raise SpecError(
            "rehash does not apply: only a GED CSV file (path= or sources=) has a "
            "verified-hash record and cached columns"
        )
    if acled is not None or acled_filters:
        return aggregate_acled(
            acled,
            unit=unit,
            period=period,
            attribution=attribution,
            max_date_prec=max_date_prec,
            ged_given=path is not None or events is not None or sources is not None,
            event_types=event_types,
            sub_event_types=sub_event_types,
            disorder_types=disorder_types,
            max_time_precision=max_time_precision,
        )
    if path is not None and sources is not None:
        raise SpecError('give the GED file either as path= or as sources={"ucdp-ged": ...}')
    spec = (unit, period, attribution, max_date_prec)
    if events is not None:
        if path is not None or sources is not None:
            raise SpecError("give either path (or sources) or events, not both")
        return attach_native(*_columnar.aggregate(events, spec, events_format, batch_rows))
    if path is not None and _columnar.columnar_format(path, events_format) is not None:
        return attach_native(*_columnar.aggregate(path, spec, events_format, batch_rows))
    return attach_native(
        *_native.aggregate_events(
            unit=unit,
            period=period,
            attribution=attribution,
            max_date_prec=max_date_prec,
            path=None if path is None else os.fspath(path),
            sources=_sources(sources),
            rehash=rehash,
        )
    )


for _f in (panel_state_year, panel_dyad_year, panel_conflict_year, panel_conflict_dyad_year):
    if _f.__doc__:
        _f.__doc__ = _f.__doc__.replace("{peace}", _PEACE_COLUMNS)
