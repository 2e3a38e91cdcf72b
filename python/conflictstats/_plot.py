"""Matplotlib drawings of counts, trend results and claim checks (optional dependency:
``conflictstats[plot]``), in the house style of :mod:`conflictstats._style`.

Every drawing returns a matplotlib :class:`~matplotlib.axes.Axes` — :func:`plot_counts`,
:meth:`TrendResult.plot <conflictstats.TrendResult.plot>`, :meth:`ClaimCheck.plot
<conflictstats.ClaimCheck.plot>` — never a ``Figure``: its figure is ``ax.figure`` (a claim
check's panels are ``ax.figure.axes``), and Jupyter shows the drawing once. Each names the
release in its title and carries a source line (dataset, release, short citation) under the
axes; legends sit outside the axes.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Any

from . import _style

if TYPE_CHECKING:
    import polars as pl
    from matplotlib.axes import Axes

    from ._check import ClaimCheck
    from ._metadata import Metadata, ProvenanceDict
    from ._trend import TrendResult

_SHAPE_NAMES = {
    "exponential": "one exponential curve",
    "linear": "one straight line",
    "step": "step (level shift)",
    "regime": "regime change (segmented log-linear)",
    "two_regimes": "two regime changes",
}


def _label(key: str) -> str:
    """A group key as readers write it: ``internationalized_intrastate`` ->
    ``Internationalized intrastate``, ``middle_east`` -> ``Middle East``."""
    special = {"middle_east": "Middle East"}
    return special.get(key, key.replace("_", " ").capitalize())


def _matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError as err:  # pragma: no cover - exercised only without matplotlib
        raise ImportError("plotting needs matplotlib: pip install 'conflictstats[plot]'") from err


def _unit_note(unit: str | None, persistence: int | None) -> str:
    """``unit: legal_relationship, persistence 0 years, an approximation of the ICRC/RULAC
    unit (…)`` — the persistence of a unit that has one and what the unit approximates."""
    if unit is None:
        return ""
    from . import _conflictstats as _native

    info = next((u for u in _native.units() if u.key == unit), None)
    parts = [f"unit: {unit}"]
    if info is not None and info.persistence:
        n = persistence or 0
        parts.append(f"persistence {n} year{'s' if n != 1 else ''}")
    if info is not None and info.definition.upper().startswith("APPROXIMATION"):
        head = info.definition.split(":")[0].split(" (")[0]
        parts.append("an approximation" + head[len("APPROXIMATION") :])
    return ", ".join(parts)


#: The filters of a count (``count::Filters``) as a title names them.
_FILTER_NAMES = {
    "types": "type",
    "intensities": "intensity",
    "incompatibilities": "incompatibility",
    "regions": "region",
}


def _filters_note(filters: Any) -> str:
    """``intensity: war; region: Africa, Asia`` — the filters a count was computed under."""
    if not isinstance(filters, dict):
        return ""
    parts = [
        f"{name}: {', '.join(_label(str(v)) for v in filters[key])}"
        for key, name in _FILTER_NAMES.items()
        if filters.get(key)
    ]
    return "; ".join(parts)


def _counts_frame(counts: Any) -> tuple[pl.DataFrame, Metadata | None]:
    """A polars counts frame and its provenance: that of a frame cs.count returned, or the
    one cs.to_pandas kept in a pandas frame's ``attrs``."""
    import polars as pl

    from ._metadata import provenance

    if isinstance(counts, pl.DataFrame):
        meta = None
        with contextlib.suppress(LookupError):
            meta = provenance(counts)
        return counts, meta
    if type(counts).__module__.startswith("pandas"):
        from ._pandas import kept

        entry = kept(counts)
        return pl.from_pandas(counts), (entry.meta if entry is not None else None)
    return counts, None


def plot_counts(counts: pl.DataFrame, ax: Axes | None = None) -> Axes:
    """Counts per year as returned by :func:`conflictstats.count` (or converted by
    :func:`conflictstats.to_pandas`), one line per group when the frame is grouped
    (``by="region"``/``"type"``/``"intensity"``/``"incompatibility"``), each in its own
    colour, the legend outside the axes; the title names what is counted, the unit (with its
    persistence and what it approximates, for ``legal_relationship``) and the release; the
    source line under the axes the datasets and their citations.

    Example:
        >>> import conflictstats as cs
        >>> ax = cs.plot_counts(cs.count(by="region", years=(1989, 2024), version="25.1"))
        >>> ax.get_title().startswith("conflicts by region")
        True
    """
    _matplotlib()
    from ._trend import _count_column
    from .exceptions import SpecError

    counts, meta = _counts_frame(counts)
    col = _count_column(counts)
    if col is None or "year" not in counts.columns:
        raise SpecError("plot_counts takes a frame returned by cs.count (year and a count)")
    groups = [c for c in counts.columns if c not in ("year", col)]
    ax = _style.new_axes(ax, figsize=(8, 4.5))
    if groups:
        by = groups[0]
        for i, key in enumerate(counts[by].unique(maintain_order=True).to_list()):
            part = counts.filter(counts[by] == key)
            style = _style.series_style(i)
            ax.plot(part["year"].to_list(), part[col].to_list(), label=_label(str(key)), **style)
        _style.legend_outside(ax, title=by)
    else:
        ax.plot(
            counts["year"].to_list(),
            counts[col].to_list(),
            "o-",
            markersize=3,
            color=_style.PALETTE[0],
        )
    datasets: list[ProvenanceDict] = list(meta["datasets"]) if meta else []
    spec = meta.get("spec") if meta else None
    unit = spec.get("unit") if isinstance(spec, dict) else None
    persistence = spec.get("persistence") if isinstance(spec, dict) else None
    what = col.replace("_", " ")
    title = f"{what} by {groups[0]}" if groups else what
    filters = spec.get("filters") if isinstance(spec, dict) else None
    note = "; ".join(n for n in (_filters_note(filters), _unit_note(unit, persistence)) if n)
    title += f" ({note})" if note else ""
    title += f" — {_style.releases(datasets)}" if datasets else " — release not stated"
    _style.set_title(ax, title, keep=[_style.release(p) for p in datasets])
    ax.set_xlabel("year")
    ax.set_ylabel(f"{what} per year")
    ax.set_ylim(bottom=0)
    _style.add_source(ax, datasets)
    return ax


#: A dataset's part of a report label: ``<title> v<version>`` and its status in brackets.
_DATASET = r"[^,+]+? v[0-9A-Za-z._-]+(?: \([^()]*\))*"
_LABEL_PREFIX = re.compile(rf"^{_DATASET}(?: \+ {_DATASET})*, ")


def _what(label: str) -> str:
    """What a report label counts, without its datasets (named in the title's release and
    the source line): ``UCDP/PRIO Armed Conflict Dataset v26.1 (…), state-based armed
    conflicts`` -> ``state-based armed conflicts``."""
    m = _LABEL_PREFIX.match(label)
    what = label[m.end() :] if m else label
    return what[:1].upper() + what[1:]


def _trend_title(result: TrendResult) -> tuple[str, list[ProvenanceDict]]:
    """The title (what is counted, the unit, the releases of the count) and the datasets
    the drawn counts come from (not those of the report's added parts, e.g. the G&W list of
    its stock-and-flow section)."""
    from . import _conflictstats as _native

    what = _what(result.label)
    datasets = [result.dataset] if result.dataset else []
    if result.unit is not None:
        info = next((u for u in _native.units() if u.key == result.unit), None)
        read = set(info.datasets) if info is not None else set()
        datasets += [d for d in result.other_datasets if d["name"] in read]
        persistence = None
        if "persistence" not in what:
            spec = result.to_dict().get("count_spec") or {}
            persistence = spec.get("persistence")
        note = _unit_note(result.unit, persistence)
        if what.upper().startswith("APPROXIMATION"):
            what = "Legal relationships"  # the note says what it approximates
            if "persistence" in _what(result.label):
                what += " " + result.label[result.label.rindex("(persistence") :]
        what += f" ({note})"
    release = _style.releases(datasets) if datasets else "release not stated"
    return f"{what} — {release}", datasets


def _segments(years: list[int], breaks: list[int]) -> list[list[int]]:
    """Row indices of each regime: the years split at the break years (first years of the
    new regimes)."""
    bounds = [years[0], *[b for b in breaks if years[0] < b <= years[-1]], years[-1] + 1]
    return [
        [i for i, y in enumerate(years) if first <= y < end]
        for first, end in zip(bounds, bounds[1:])
    ]


def _draw_shape(ax: Axes, result: TrendResult, df: pl.DataFrame, name: str) -> None:
    """The verdict's shape with its 95 % band of the mean and prediction band, all in the
    shape's colour: a step as a step (the level changes at the break, between two years,
    ``drawstyle="steps-mid"``), regimes as separate segments, each with its band."""
    colour = _style.COLOURS["shape"]
    years = df["year"].to_list()
    step = result.shape == "step"
    ax.fill_between(
        years,
        df["prediction_low"].to_list(),
        df["prediction_high"].to_list(),
        alpha=0.10,
        color=colour,
        linewidth=0,
        step="mid",
        label="95 % prediction band (counts)",
    )
    fitted = df["shape_fitted"].to_list()
    segments = [list(range(len(years)))] if step else _segments(years, result.break_years)
    if df["shape_low"].null_count() == 0:
        # a NaN between regimes breaks the band, so that it does not ramp across a break
        starts = [idx[0] for idx in segments[1:]]
        ax.fill_between(
            _broken(years, starts),
            _broken(df["shape_low"].to_list(), starts),
            _broken(df["shape_high"].to_list(), starts),
            alpha=0.28,
            color=colour,
            linewidth=0,
            step="mid" if step else None,
            label="95 % band of the mean",
        )
    for k, idx in enumerate(segments):
        ax.plot(
            [years[i] for i in idx],
            [fitted[i] for i in idx],
            linewidth=2,
            color=colour,
            drawstyle="steps-mid" if step else "default",
            label=f"best supported: {name}" if k == 0 else None,
        )


def _broken(values: list[Any], starts: list[int]) -> list[float]:
    """``values`` with a NaN inserted before each index of ``starts``."""
    out: list[float] = []
    for i, v in enumerate(values):
        if i in starts:
            out.append(float("nan"))
        out.append(float(v))
    return out


def plot_trend(result: TrendResult, ax: Axes | None = None) -> Axes:
    """The window's counts; the verdict's shape with its 95 % band of the mean and its 95 %
    prediction band (in the shape's colour; a step drawn as a step); its break years; the
    one-curve negative binomial trend (dashed); the horizon years inside the window marked.
    The title names what is counted, the unit and the release; the source line the
    datasets, the footnote their release status."""
    _matplotlib()
    df = result.to_polars()
    ax = _style.new_axes(ax, figsize=(9, 4.8))
    years = df["year"].to_list()
    shape = result.shape or "exponential"
    _draw_shape(ax, result, df, _SHAPE_NAMES.get(shape, shape))
    lo, hi = result.quoted_interval["low"], result.quoted_interval["high"]
    if shape != "exponential":
        ax.plot(
            years,
            df["fitted"].to_list(),
            linestyle="--",
            linewidth=1.2,
            color=_style.COLOURS["one_curve"],
            label=(
                f"one log-linear curve (negative binomial): {100 * result.growth_rate:+.1f} "
                f"%/yr [{100 * lo:+.1f}, {100 * hi:+.1f}]"
            ),
        )
    for k, (year, (first, last)) in enumerate(
        zip(result.break_years, result.break_intervals or [(y, y) for y in result.break_years])
    ):
        ax.axvline(
            year - 0.5,
            color=_style.COLOURS["break"],
            linewidth=1,
            label="break" if k == 0 else None,
        )
        ax.axvspan(first - 0.5, last + 0.5, color="0.5", alpha=0.12, linewidth=0)
    ax.plot(
        years,
        df["count"].to_list(),
        "o-",
        markersize=3,
        linewidth=1,
        color=_style.COLOURS["observed"],
        label="observed",
    )
    ax.set_xlim(years[0] - 1, years[-1] + 1)
    _mark_horizons(ax, result, (years[0], years[-1]))
    ax.set_xlabel("year")
    ax.set_ylabel(f"count per year (unit: {result.unit})" if result.unit else "count per year")
    title, datasets = _trend_title(result)
    _style.set_title(ax, title, keep=[_style.release(p) for p in datasets])
    ax.set_ylim(bottom=0)
    handles, labels = ax.get_legend_handles_labels()
    wrapped = [_style.wrap(s, 150, _style.LEGEND_FONTSIZE) for s in labels]
    _style.legend_outside(ax, handles=handles, labels=wrapped)
    notes = [f"Unit: {result.unit_definition}."] if result.unit_definition else []
    _style.add_source(ax, datasets, notes=notes)
    return ax


def _mark_horizons(ax: Axes, result: TrendResult, window: tuple[int, int]) -> None:
    """Dotted lines at the horizon years and the year compared — only those inside the
    fitted window (the axes' x range); the label names the others as outside it."""
    marked = sorted({h.from_year for h in result.horizons} | {result.year})
    inside = [y for y in marked if window[0] <= y <= window[1]]
    outside = [y for y in marked if y not in inside]
    if not inside:
        return
    label = "horizon years: " + ", ".join(str(y) for y in inside)
    if outside:
        label += f" ({', '.join(str(y) for y in outside)}: outside the fitted window)"
    for k, year in enumerate(inside):
        ax.axvline(
            year,
            color=_style.COLOURS["mark"],
            linestyle=":",
            linewidth=1,
            label=label if k == 0 else None,
        )


def _highlighted(result: ClaimCheck) -> list[str]:
    """The units a claim check's figure colours: UCDP's own unit (``conflict``) and every
    unit under which a ratio part holds in at least one reading; the others are drawn
    grey."""
    said = {p["said"] for p in result.claim.get("ratios", [])}
    holds = {i for p in result.parts if p["said"] in said for i in p["holds"]}
    readings = result.readings
    units = readings.filter(readings["reading"].is_in(sorted(holds)))["unit"].to_list()
    out = ["conflict"]
    out.extend(u for u in readings["unit"].unique(maintain_order=True).to_list() if u in units)
    return list(dict.fromkeys(out))


def plot_check(result: ClaimCheck) -> Axes:
    """One panel per ratio part of the claim: every unit's series indexed to the part's base
    year, the values the claim's figure accepts shaded, the ICRC's points overlaid.

    Fourteen series do not stay apart in colour, so the figure highlights: UCDP's own unit
    (``conflict``) and the units under which a ratio part holds in at least one reading are
    coloured (the same colour in every panel), the other units are thin grey lines for
    context (named in the footnote). One legend, right of the panels. Returns the first
    panel's Axes; every panel is in ``ax.figure.axes``."""
    _matplotlib()
    import matplotlib.pyplot as plt

    ratios = result.claim.get("ratios", [])
    n = max(1, len(ratios))
    fig, axes = plt.subplots(1, n, figsize=(5.2 * n + 2.4, 4.8), layout="constrained")
    axes = list(axes) if n > 1 else [axes]
    df = result.indexed()
    many = df["release"].n_unique() > 1
    keys = df.select("unit", "release").unique(maintain_order=True).rows()
    coloured = _highlighted(result)
    order = [k for k in keys if k[0] in coloured]
    order.sort(key=lambda k: coloured.index(k[0]))
    styles = {k: _style.series_style(i) for i, k in enumerate(order)}
    grey = sorted({u for u, _ in keys if u not in coloured})
    for ax, part in zip(axes, ratios):
        _check_panel(ax, result, df.filter(df["part"] == part["said"]), part, styles, many)
    handles: dict[str, Any] = {}
    for ax in axes:
        for h, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, h)
    names = [f"{u} (v{r})" if many else u for u, r in order]
    rest = [k for k in handles if k not in names and k != "other units"]
    wanted = [k for k in names if k in handles] + (["other units"] if grey else []) + rest
    handles = {k: handles[k] for k in wanted if k in handles}
    fig.legend(
        list(handles.values()),
        [_style.wrap(s, 140, _style.LEGEND_FONTSIZE) for s in handles],
        loc="outside right upper",
        fontsize=_style.LEGEND_FONTSIZE,
        frameon=False,
    )
    releases = ", ".join(sorted(df["release"].unique().to_list()))
    who = result.claim["source"].get("speaker") or result.claim["id"]
    fig.suptitle(
        _style.wrap(
            f"{who}, {result.claim['date']}: the claim against UCDP releases {releases}",
            float(fig.get_figwidth()) * 72 * 0.75,
            _style.TITLE_FONTSIZE,
        ),
        x=0.01,
        ha="left",
        fontsize=_style.TITLE_FONTSIZE,
    )
    notes = [f"Grey: the other units ({', '.join(grey)})."] if grey else []
    _style.add_figure_source(fig, result.datasets, notes=notes)
    first: Axes = axes[0]
    return first


def _check_panel(
    ax: Axes,
    result: ClaimCheck,
    sub: pl.DataFrame,
    part: Any,
    styles: dict[tuple[str, str], dict[str, Any]],
    many: bool,
) -> None:
    """One ratio part: the grey context units first, the coloured ones over them."""
    keys = sub.select("unit", "release").unique(maintain_order=True).rows()
    for key in sorted(keys, key=lambda k: k in styles):
        s = sub.filter((sub["unit"] == key[0]) & (sub["release"] == key[1]))
        x, y = s["year"].to_list(), s["index"].to_list()
        if key in styles:
            name = f"{key[0]} (v{key[1]})" if many else key[0]
            ax.plot(x, y, linewidth=1.6, label=name, zorder=3, **styles[key])
        else:
            ax.plot(
                x, y, linewidth=0.8, color=_style.COLOURS["context"], zorder=2, label="other units"
            )
    lo = part["value"] * (1 - (part.get("tolerance") or 0.10))
    hi = part["value"] * (1 + (part.get("tolerance") or 0.10))
    if part["qualifier"] == "just_under":
        hi = part["value"]
    ax.axhspan(
        lo,
        hi,
        color=_style.COLOURS["accepted"],
        zorder=0,
        label="values the claim's figure accepts",
    )
    pts = [p for p in result.indexed_icrc if p["part"] == part["said"]]
    if pts:
        ax.plot(
            [p["year"] for p in pts],
            [p["index"] for p in pts],
            "k*",
            markersize=10,
            zorder=4,
            label="ICRC figures (indexed to the base the claim implies)",
        )
    base = sub["base_year"][0] if len(sub) else None
    _style.set_title(
        ax, f"“{part['said']}”", subtitle=f"indexed to {base}; accepted {lo:g}–{hi:g}×"
    )
    ax.set_xlabel("year")
    ax.set_ylabel(f"count / count in {base}")
