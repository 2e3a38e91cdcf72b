"""Maps, offline: conflicts, onsets and deaths per country (:func:`map`, :func:`map_data`) and
GED events as PRIO-GRID cells or points (:func:`map_events`).

Everything but the drawing comes from the core (``conflictstats::geo``): the Natural Earth
1:110m outlines compiled into the extension, their join to G&W codes on the map's date, the
Equal Earth projection, the discrete classes and their colours, the title and the source line.
The drawing is plain matplotlib (``PathPatch``, ``PolyCollection``): no geopandas, no cartopy,
no download. Zero is its own class; a state with no value is hatched ("no value"); an outline
with no G&W state (Western Sahara, Palestine, Greenland, ...) is grey ("no state in the
data"), never zero; states with a value but no outline at this scale (Malta, Singapore, the
microstates) are listed under the map and in :attr:`MapData.states_without_outline`.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, cast, get_args

from . import _conflictstats as _native
from . import _style
from .exceptions import SpecError

if TYPE_CHECKING:
    import polars as pl
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._results import Provenance

MapMeasure = Literal[
    "conflicts", "incidence", "conflict_onsets", "onset", "max_intensity", "deaths"
]
"""What a country map shows (the core's ``geo::values::MEASURES``)."""
MapAggregate = Literal["sum", "mean", "max"]
"""How a range of years is combined."""
MapRole = Literal["location", "primary", "any"]
EventValue = Literal["deaths", "events"]
EventLayout = Literal["cells", "points"]

# A count frame's unit → what its per-country map shows (the count of `conflict` per location
# state is the number of conflicts located there; `country` and `state_party` are incidence).
_UNIT_MEASURE: dict[str, tuple[MapMeasure, MapRole]] = {
    "conflict": ("conflicts", "location"),
    "country": ("incidence", "location"),
    "state_party": ("incidence", "any"),
}

_HATCH = "////"
_CREDIT = "Made with Natural Earth"


def _check(value: object, kind: Any, name: str) -> None:
    allowed = get_args(kind)
    if value is not None and value not in allowed:
        raise SpecError(f"{name}={value!r} is not one of {', '.join(repr(a) for a in allowed)}")


@dataclass(frozen=True)
class MapData:
    """A country map's joined data and how it is drawn. ``frame``: one row per G&W state
    (``gwcode``, ``name``, ``iso3``, ``value`` — null when missing —, ``class``, ``outline``:
    ``drawn`` or ``no_outline``, ``outlines``); none is lost in the join."""

    frame: pl.DataFrame
    outlines: pl.DataFrame
    outlines_without_state: list[str]
    title: str
    source: str
    unit: str
    caveat: str | None
    years: tuple[int, int]
    measure: str
    role: str
    aggregate: str
    minus: str | None
    provenance: list[Provenance]
    _native: Any = field(repr=False, compare=False)

    @property
    def states_without_outline(self) -> pl.DataFrame:
        """The states with no outline at this scale, with their values (never dropped)."""
        import polars as pl

        return self.frame.filter(pl.col("outline") == "no_outline")

    @property
    def classes(self) -> list[tuple[str, float, float, str]]:
        """The legend's classes: (label, lower, upper, colour); a class holds ``lower < v <=
        upper`` (``0``: exactly zero)."""
        return [(str(a), float(b), float(c), str(d)) for a, b, c, d in self._native.classes()]

    def svg(self) -> str:
        """The standalone SVG (as ``conflictstats map --format svg``)."""
        return str(self._native.svg())

    def geojson(self) -> str:
        """GeoJSON text (as ``conflictstats map --format geojson``)."""
        return str(self._native.geojson())

    def map(self, ax: Axes | None = None) -> Axes:
        """Draws the map; returns the Axes (its figure: ``ax.figure``)."""
        return _draw_country_map(self, ax)


def _request(
    counts: pl.DataFrame | None,
    year: int | None,
    years: tuple[int, int] | None,
    measure: MapMeasure | None,
    role: MapRole | None,
    version: str | None,
    sources: dict[str, str] | None,
) -> tuple[tuple[int, int] | None, MapMeasure, MapRole | None, str | None, dict[str, str] | None]:
    if year is not None and years is not None:
        raise SpecError("give year= or years=, not both")
    span: tuple[int, int] | None = None
    if year is not None:
        span = (year, year)
    elif years is not None:
        span = (int(years[0]), int(years[1]))
    if counts is None:
        return span, measure or "conflicts", role, version, sources
    from ._metadata import provenance

    try:
        meta: Any = provenance(counts)
    except LookupError as err:
        raise SpecError("map(counts) takes a frame returned by cs.count") from err
    unit = (meta.get("spec") or {}).get("unit")
    if unit not in _UNIT_MEASURE:
        raise SpecError(
            f"a count of unit {unit!r} has no per-country map; "
            "map unit 'conflict', 'country' or 'state_party'"
        )
    if measure is not None or role is not None:
        raise SpecError("map(counts) takes its measure and role from the count's unit")
    m, r = _UNIT_MEASURE[unit]
    data = meta["dataset"]
    if str(data["source"]).startswith("embedded:") or data.get("status") == "official":
        version = version or data["version"]
    else:
        sources = {**(sources or {}), data["name"]: data["source"]}
    if span is None:
        last = int(counts["year"].max())  # type: ignore[arg-type]
        span = (last, last)
    return span, m, r, version, sources


def map_data(
    counts: pl.DataFrame | None = None,
    *,
    year: int | None = None,
    years: tuple[int, int] | None = None,
    measure: MapMeasure | None = None,
    role: MapRole | None = None,
    aggregate: MapAggregate | None = None,
    minus_year: int | None = None,
    minus_version: str | None = None,
    version: str | None = None,
    sources: dict[str, str] | None = None,
) -> MapData:
    """The joined data of a country map.

    Args:
        counts: A frame returned by :func:`conflictstats.count` (unit ``conflict``,
            ``country`` or ``state_party``): maps its per-country values for its release and
            last year (or ``year``/``years``).
        year: The year mapped (default: the data's last year: 2025 in ACD v26.1).
        years: A range ``(from, to)``, combined by ``aggregate``.
        measure: ``"conflicts"`` (default: state-based conflicts in which the state takes the
            ``role``), ``"incidence"``, ``"conflict_onsets"``, ``"onset"``,
            ``"max_intensity"`` (state-year panel columns) or ``"deaths"`` (battle-related
            deaths fought on the state's territory, UCDP BRD).
        role: ``"location"`` (default), ``"primary"`` or ``"any"`` (secondary parties
            included); not for deaths.
        aggregate: ``"sum"`` (default), ``"mean"`` or ``"max"`` over ``years``.
        minus_year: Map the change: minus the same map of this year.
        minus_version: Map the change: minus the same map in this release.
        version: The release read (default: each dataset's default, ACD 26.1, BRD 25.1).
        sources: Your own files by dataset name (``{"ucdp-acd": path}``).

    Raises:
        SpecError: an unknown measure, role or aggregate, years outside the data, a count of
            another unit.

    Example:
        >>> import conflictstats as cs
        >>> d = cs.map_data(year=2025, version="26.1")
        >>> int((d.frame["value"] > 0).sum())  # countries with a conflict in 2025 (ACD v26.1)
        37
    """
    _check(measure, MapMeasure, "measure")
    _check(role, MapRole, "role")
    _check(aggregate, MapAggregate, "aggregate")
    span, m, r, version, sources = _request(counts, year, years, measure, role, version, sources)
    native = _native.country_map(
        measure=m,
        role=r,
        years=span,
        aggregate=aggregate,
        minus_year=minus_year,
        minus_version=minus_version,
        version=version,
        sources=sources,
    )
    from ._results import Provenance

    return MapData(
        frame=native.states_frame(),
        outlines=native.outlines_frame(),
        outlines_without_state=list(native.outlines_without_state()),
        title=native.title,
        source=native.source,
        unit=native.unit,
        caveat=native.caveat,
        years=tuple(native.years),  # type: ignore[arg-type]
        measure=native.measure,
        role=native.role,
        aggregate=native.aggregate,
        minus=native.minus,
        provenance=[Provenance._from_native(p) for p in native.provenance],
        _native=native,
    )


def map(
    counts: pl.DataFrame | None = None,
    *,
    year: int | None = None,
    years: tuple[int, int] | None = None,
    measure: MapMeasure | None = None,
    role: MapRole | None = None,
    aggregate: MapAggregate | None = None,
    minus_year: int | None = None,
    minus_version: str | None = None,
    version: str | None = None,
    sources: dict[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draws a country map (arguments as :func:`map_data`) in the Equal Earth projection;
    returns the matplotlib Axes. The legend (with the unit) is below the map, the title names
    the year and the release, the source line the dataset, the release and "Made with Natural
    Earth". ``cs.map(year=2025).figure.savefig("map_2025.png", dpi=150)`` writes the figure.
    """
    data = map_data(
        counts,
        year=year,
        years=years,
        measure=measure,
        role=role,
        aggregate=aggregate,
        minus_year=minus_year,
        minus_version=minus_version,
        version=version,
        sources=sources,
    )
    return data.map(ax=ax)


def save_map_2025(path: str, *, dpi: int = 150) -> None:
    """Writes the README's map: state-based conflicts by location in 2025 (ACD v26.1, pinned)."""
    ax = map(year=2025, version="26.1")
    fig = cast("Figure", ax.figure)
    fig.savefig(path, dpi=dpi)
    import matplotlib.pyplot as plt

    plt.close(fig)


# --- drawing -----------------------------------------------------------------------------


def _new_axes(ax: Axes | None) -> tuple[Axes, bool]:
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("maps need matplotlib: pip install 'conflictstats[plot]'") from err
    if ax is not None:
        return ax, False
    fig, new = plt.subplots(figsize=(10, 6.4))
    fig.subplots_adjust(left=0.02, right=0.98, top=0.91, bottom=0.19)
    return new, True


def _path(rings: list[list[tuple[float, float]]]) -> Any:
    from matplotlib.path import Path

    verts: list[tuple[float, float]] = []
    codes: list[Any] = []
    for ring in rings:
        verts.extend(ring)
        codes.extend([Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY])
    return Path(verts, codes)


def _globe(ax: Axes) -> None:
    from matplotlib.patches import PathPatch

    frame, x_max, y_max = _native.map_frame()
    ax.add_patch(PathPatch(_path([frame]), facecolor="#f7fbff", edgecolor="#9a9a9a", lw=0.6))
    ax.set_xlim(-x_max * 1.01, x_max * 1.01)
    ax.set_ylim(-y_max * 1.02, y_max * 1.02)
    ax.set_aspect("equal")
    ax.set_axis_off()


def _legend(ax: Axes, handles: list[Any], title: str) -> None:
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=min(len(handles), 6),
        fontsize=8,
        title=textwrap.fill(title, 110),
        title_fontsize=8,
        frameon=False,
        handlelength=1.6,
    )


def _footer(ax: Axes, lines: list[str], own_figure: bool) -> None:
    # The credit is never split over two lines.
    nbsp = _CREDIT.replace(" ", "\u00a0")
    wrapped = (textwrap.fill(line.replace(_CREDIT, nbsp), 150) for line in lines)
    text = "\n".join(w.replace(nbsp, _CREDIT) for w in wrapped)
    style: dict[str, Any] = {"fontsize": _style.SOURCE_FONTSIZE, "color": _style.COLOURS["source"]}
    if own_figure:
        fig = cast("Figure", ax.figure)
        fig.text(0.02, 0.015, text, va="bottom", ha="left", gid="conflictstats-source", **style)
    else:
        ax.text(
            0.0, -0.2, text, va="top", transform=ax.transAxes, gid="conflictstats-source", **style
        )


def _draw_country_map(data: MapData, ax: Axes | None) -> Axes:
    from matplotlib.patches import Patch, PathPatch

    ax, own = _new_axes(ax)
    _globe(ax)
    _zero, missing, no_state, edge = _native.map_colours()
    for rings, status, fill in zip(
        data._native.projected(),
        data.outlines["status"].to_list(),
        data.outlines["fill"].to_list(),
    ):
        patch = PathPatch(_path(rings), facecolor=fill, edgecolor=edge, lw=0.3)
        if status == "missing":
            patch.set_hatch(_HATCH)
        ax.add_patch(patch)
    handles = [
        Patch(facecolor=colour, edgecolor=edge, lw=0.5, label=label)
        for label, _lo, _hi, colour in data.classes
    ]
    handles.append(Patch(facecolor=missing, edgecolor=edge, hatch=_HATCH, lw=0.5, label="no value"))
    handles.append(Patch(facecolor=no_state, edgecolor=edge, lw=0.5, label="no state in the data"))
    _legend(ax, handles, data.unit)
    _style.set_title(ax, data.title)
    _footer(ax, list(data._native.notes()), own)
    return ax


def map_events(
    events: pl.DataFrame | None = None,
    *,
    layout: EventLayout = "cells",
    value: EventValue = "deaths",
    years: tuple[int, int] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Events on the map: summed per PRIO-GRID cell (``layout="cells"``: 0.5° cells computed
    from ``priogrid_gid``, not shipped) or one point per event (``"points"``), coloured by
    deaths or by the number of events, in the same projection and classes as the country maps,
    over the outlines in grey.

    Args:
        events: GED events as :func:`conflictstats.load` returns them (default: the embedded
            1,000-event sample of GED 23.1) — cells summed by :func:`aggregate_events`
            (``unit="priogrid"``, the core's date rule), deaths = ``best`` — or an ACLED
            export read with polars (``latitude``, ``longitude``, ``year``, ``fatalities``;
            the cell of each event computed from its coordinates by the core): **ACLED
            reported fatalities**, not UCDP battle-related deaths.
        value: ``"deaths"`` or ``"events"``.
        years: Keep the events of these years (GED: the cell-years of the aggregation; ACLED
            and points: the events' ``year``).

    Raises:
        SpecError: an unknown layout or value, no event in the years, or a frame with neither
            GED's nor ACLED's columns.
    """
    import polars as pl

    _check(layout, EventLayout, "layout")
    _check(value, EventValue, "value")
    from ._api import load

    label = "ucdp-ged-sample v23.1"
    if events is None:
        events = load("ucdp-ged-sample")
    else:
        label = "events given as a DataFrame"
    ged = {"best", "priogrid_gid", "date_start", "date_end"} <= set(events.columns)
    acled = {"fatalities", "latitude", "longitude", "year"} <= set(events.columns)
    if not (ged or acled):
        raise SpecError(
            "map_events needs GED columns (best, priogrid_gid, date_start, date_end, latitude, "
            "longitude, year) or ACLED's (fatalities, latitude, longitude, year)"
        )
    deaths = "best" if ged else "fatalities"
    if years is not None:
        events = events.filter(pl.col("year").is_between(years[0], years[1]))
    if events.height == 0:
        raise SpecError("no event to map in the years asked")
    first, last = int(events["year"].min()), int(events["year"].max())  # type: ignore[arg-type]
    what = {"deaths": "deaths (best estimate)" if ged else "ACLED fatalities", "events": "events"}
    shapes: list[list[tuple[float, float]]] | None = None
    if layout == "cells":
        if ged:
            from ._panel import aggregate_events

            table = aggregate_events(unit="priogrid", period="year", events=events)
            cells = table.group_by("priogrid_gid").agg(
                pl.col("best").sum().alias("deaths"), pl.col("events").sum()
            )
        else:
            gids = _native.priogrid_gids(
                [float(v) for v in events["longitude"].to_list()],
                [float(v) for v in events["latitude"].to_list()],
            )
            cells = (
                events.with_columns(pl.Series("priogrid_gid", gids, dtype=pl.UInt32))
                .group_by("priogrid_gid")
                .agg(pl.col(deaths).sum().alias("deaths"), pl.len().alias("events"))
            )
        cells = cells.sort("priogrid_gid")
        values = [float(v) for v in cells[value].to_list()]
        shapes = _native.priogrid_rings([int(g) for g in cells["priogrid_gid"].to_list()])
        unit = f"{what[value]} per PRIO-GRID cell (0.5°), {first}–{last}"
    else:
        values = (
            [float(v) for v in events[deaths].to_list()]
            if value == "deaths"
            else [1.0] * events.height
        )
        unit = f"{what[value]} per event, {first}–{last}"
    classes, index = _native.classify(values)
    ax, own = _new_axes(ax)
    _draw_events(ax, events, classes, index, shapes)
    from matplotlib.patches import Patch

    edge = _native.map_colours()[3]
    handles = [Patch(facecolor=c, edgecolor=edge, lw=0.5, label=lab) for lab, _a, _b, c in classes]
    handles.append(
        Patch(facecolor="#e6e6e6", edgecolor="white", lw=0.5, label="countries (no value drawn)")
    )
    _legend(ax, handles, unit)
    by = "PRIO-GRID cell" if shapes else "event"
    source = "GED" if ged else "ACLED"
    title = f"{source} events: {what[value]} by {by}, {first}–{last} ({label})"
    _style.set_title(ax, title)
    data = (
        f"UCDP Georeferenced Event Dataset, {label} (UCDP, ucdp.uu.se)"
        if ged
        else f"ACLED, {label} (acleddata.com)"
    )
    _footer(ax, [f"Data: {data}. Outlines: Natural Earth 1:110m v5.1.1. {_CREDIT}."], own)
    return ax


def _draw_events(
    ax: Axes,
    events: pl.DataFrame,
    classes: list[tuple[str, float, float, str]],
    index: list[int | None],
    shapes: list[list[tuple[float, float]]] | None,
) -> None:
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import PathPatch

    _globe(ax)
    for rings in _native.outline_rings():
        ax.add_patch(PathPatch(_path(rings), facecolor="#e6e6e6", edgecolor="white", lw=0.4))
    colours = [classes[i][3] if i is not None else "#000000" for i in index]
    if shapes is not None:
        # Each cell is outlined in its own colour: a 0.5° cell is a few pixels on a world map.
        ax.add_collection(
            PolyCollection(shapes, facecolors=colours, edgecolors=colours, lw=0.8, zorder=3)
        )
    else:
        xs, ys = _native.project_points(
            [float(v) for v in events["longitude"].to_list()],
            [float(v) for v in events["latitude"].to_list()],
        )
        ax.scatter(xs, ys, s=6, c=colours, edgecolors="0.3", linewidths=0.2, zorder=3)
