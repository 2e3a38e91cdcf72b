"""Panels (state-year, dyad-year, conflict-year, conflict-dyad-year) and GED event aggregation
as polars frames.

Every figure comes from the Rust core (`conflictstats::panel`, `conflictstats::events`).
Conflict columns are null (not 0/False) for years outside the conflict data's coverage
(ACD v25.1: 1946-2024; UCDP Dyadic v25.1: 1946-2024); the ``source`` column names the data
and version. ``sources={"ucdp-acd": path, "gw-states": path, "ucdp-dyadic": path}`` reads your
own files instead of the embedded releases.
"""

from __future__ import annotations

from typing import Optional

import polars as pl

from . import _conflictstats as _native
from ._api import FileSources, _sources
from ._metadata import attach
from .exceptions import SpecError, integer_arguments_in_range

Years = Optional[tuple[int, int]]


@integer_arguments_in_range
def panel_state_year(
    years: Years = None,
    gap: int = 1,
    microstates: bool = False,
    acd_version: str | None = None,
    sources: FileSources | None = None,
) -> pl.DataFrame:
    """One row per Gleditsch-Ward state per year of system membership.

    Columns: gwcode, year, incidence (conflict located in the state), incidence_primary,
    incidence_any, conflicts, max_intensity, onset, termination, episode_id, left_censored,
    conflict_onsets, peace_years, peace_years_onset, peace_censored, source. ``gap``: a new
    onset after at least this many inactive years (UCDP's rule: 1).

        >>> import conflictstats as cs
        >>> p = cs.panel_state_year()
        >>> p.height, p.filter(p["year"] == 2024).height
        (11360, 174)
    """
    return attach(
        *_native.panel(
            "state-year",
            years,
            gap,
            microstates,
            False,
            False,
            acd_version,
            sources=_sources(sources),
        )
    )


@integer_arguments_in_range
def panel_dyad_year(
    years: Years = None,
    gap: int = 1,
    microstates: bool = False,
    directed: bool = False,
    acd_version: str | None = None,
    sources: FileSources | None = None,
) -> pl.DataFrame:
    """One row per pair of G&W states per year (directed: both orders), with interstate
    conflict incidence, onsets, episodes and peace years."""
    return attach(
        *_native.panel(
            "dyad-year",
            years,
            gap,
            microstates,
            directed,
            False,
            acd_version,
            sources=_sources(sources),
        )
    )


@integer_arguments_in_range
def panel_conflict_year(
    years: Years = None,
    gap: int = 1,
    active_only: bool = False,
    acd_version: str | None = None,
    sources: FileSources | None = None,
) -> pl.DataFrame:
    """One row per UCDP conflict per year from its first active year (inactive years
    included unless ``active_only``), with episodes (gap 1 reproduces UCDP's ep_end)."""
    return attach(
        *_native.panel(
            "conflict-year",
            years,
            gap,
            False,
            False,
            active_only,
            acd_version,
            sources=_sources(sources),
        )
    )


@integer_arguments_in_range
def panel_conflict_dyad_year(
    years: Years = None,
    gap: int = 1,
    active_only: bool = False,
    dyadic_version: str | None = None,
    sources: FileSources | None = None,
) -> pl.DataFrame:
    """One row per UCDP dyad (Dyadic dataset) per year from its first active year to the end
    of coverage (inactive years included unless ``active_only``), with onsets, terminations
    and episodes (gap 1: UCDP's rule; onsets fall in the year of ``start_date2``). Dyads
    active in 1946 are left-censored (onset null).

    Columns: dyad_id, conflict_id, year, active, type_of_conflict, intensity, onset,
    termination, episode_id, left_censored, peace_years, source.

        >>> import conflictstats as cs
        >>> p = cs.panel_conflict_dyad_year(active_only=True, dyadic_version="25.1")
        >>> p.height, p.filter(p["year"] == 2024).height
        (3432, 68)
    """
    return attach(
        *_native.panel(
            "conflict-dyad-year",
            years,
            gap,
            False,
            False,
            active_only,
            None,
            dyadic_version,
            sources=_sources(sources),
        )
    )


@integer_arguments_in_range
def aggregate_events(
    unit: str = "country",
    period: str = "year",
    attribution: str = "split_even",
    max_date_prec: int = 5,
    path: str | None = None,
    events: pl.DataFrame | None = None,
    sources: FileSources | None = None,
) -> pl.DataFrame:
    """GED events summed (low, best, high, events) per unit (country, conflict, priogrid) and
    period (month, year). Events spanning several months are split evenly in whole deaths
    (``split_even``) or attributed to their ``start_month``/``end_month``.

    The events are the embedded GED sample, a GED CSV (``path``), or a DataFrame with GED
    column names (``events``). A DataFrame's ``country_id``, ``date_prec``, ``low``,
    ``best``, ``high`` (Int32) and ``date_start``, ``date_end`` (Date) columns are read in
    place, without copying; columns of other integer types are cast first (a copy).

        >>> import conflictstats as cs
        >>> t = cs.aggregate_events(unit="country", period="month")
        >>> t["best"].sum(), t["low"].sum(), t["high"].sum()
        (9561, 6224, 22017)
    """
    if path is not None and sources is not None:
        raise SpecError('give the GED file either as path= or as sources={"ucdp-ged": ...}')
    if events is not None:
        if path is not None or sources is not None:
            raise SpecError("give either path (or sources) or events, not both")
        if not isinstance(events, pl.DataFrame):
            raise TypeError(
                f"events must be a polars DataFrame in GED layout, not {type(events).__name__}"
                " (for pandas: pl.from_pandas(df))"
            )
        return attach(
            *_native.aggregate_event_frame(events, unit, period, attribution, max_date_prec)
        )
    return attach(
        *_native.aggregate_events(
            unit, period, attribution, max_date_prec, path, sources=_sources(sources)
        )
    )
