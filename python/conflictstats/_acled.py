"""A user's own ACLED export summed per G&W country-month or country-year — the ACLED door of
:func:`conflictstats.aggregate_events` (``acled=PATH``).

ACLED's data cannot be shipped; the export is read with the strict loader of the Rust core
(``conflictstats::data::Acled``) and summed by the same kernel as GED events. The sums are
**ACLED reported fatalities**, not UCDP battle-related deaths: ACLED records political
violence, demonstrations and strategic developments, each a single day, with no fatality
threshold and one (the most conservative reported) figure per event. Choose what is counted
with ``event_types`` (e.g. ``["Battles", "Explosions/Remote violence", "Violence against
civilians"]``), ``sub_event_types`` and ``disorder_types``.

ACLED's ``iso`` (ISO 3166-1 numeric) reaches a G&W code through the project's tables on the
event's date; events without a single G&W code that day are not counted and are listed in
``cs.provenance(df)["excluded"]["unmatched"]`` (by ``iso`` and ``country``, with their events
and fatalities), never silently lost.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Literal, Union

import polars as pl

from . import _conflictstats as _native
from ._metadata import Attribution, EventUnitKey, Period, attach_native
from .exceptions import SpecError, _issue_load_warnings

#: ACLED's six event types (ACLED's spelling; the ``snake_case`` keys are accepted too).
AcledEventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
    "battles",
    "explosions_remote_violence",
    "violence_against_civilians",
    "protests",
    "riots",
    "strategic_developments",
]

#: ACLED's 25 sub-event types (ACLED's spelling; ``snake_case`` keys such as
#: ``"air_drone_strike"`` are accepted too).
AcledSubEventType = Literal[
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Armed clash",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Excessive force against protesters",
    "Protest with intervention",
    "Peaceful protest",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]

#: ACLED's disorder types. "Excessive force against protesters" is both political violence
#: and demonstrations: it is kept by either.
AcledDisorderType = Literal[
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "political_violence",
    "demonstrations",
    "strategic_developments",
]

PathLike = Union[str, "os.PathLike[str]"]


def aggregate_acled(
    acled: PathLike | None,
    *,
    unit: EventUnitKey,
    period: Period,
    attribution: Attribution,
    max_date_prec: int,
    ged_given: bool,
    event_types: Sequence[str] | None,
    sub_event_types: Sequence[str] | None,
    disorder_types: Sequence[str] | None,
    max_time_precision: int,
) -> pl.DataFrame:
    """The ACLED branch of :func:`conflictstats.aggregate_events` (arguments checked here,
    figures computed by the core)."""
    if acled is None:
        raise SpecError(
            "event_types, sub_event_types, disorder_types and max_time_precision filter an "
            "ACLED export: give it as acled=PATH"
        )
    if ged_given:
        raise SpecError("give either acled= or a GED source (path, events, sources), not both")
    if unit != "country":
        raise SpecError(
            f"unit={unit!r} does not apply to ACLED: its events are summed per G&W country"
        )
    if attribution != "split_even" or max_date_prec != 5:
        raise SpecError(
            "attribution and max_date_prec are GED's; ACLED events are single days "
            "(use max_time_precision=1, 2 or 3)"
        )
    for name, value in (
        ("event_types", event_types),
        ("sub_event_types", sub_event_types),
        ("disorder_types", disorder_types),
    ):
        if isinstance(value, str):
            raise SpecError(f"{name} must be a list of strings, not one string ({value!r})")
    df, meta = _native.aggregate_acled(
        os.fspath(acled),
        period,
        list(event_types or []),
        list(sub_event_types or []),
        list(disorder_types or []),
        max_time_precision,
    )
    found = _issue_load_warnings(meta.warnings)
    vars(df).update(warnings=found, extra_columns=list(meta.extra_columns))
    return attach_native(df, meta)
