"""HTML rendering of a trend result for Jupyter (``_repr_html_``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._check import ClaimCheck
    from ._trend import Section, TrendResult


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:+.2f} %"


def _num(v: float | None, digits: int = 2) -> str:
    return "—" if v is None else f"{v:,.{digits}f}"


def _ci(lo: float | None, hi: float | None) -> str:
    return f"[{_pct(lo)}, {_pct(hi)}]"


def _row(*cells: Any, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>"


def _section(section: Section) -> str:
    """One report section (built by the core: title, table of formatted cells, notes)."""
    html = [f"<h4>{escape(section['title'])}</h4>"]
    if section["columns"]:
        rows = [_row(*section["columns"], head=True)]
        rows.extend(_row(*cells) for cells in section["rows"])
        html.append("<table>" + "".join(rows) + "</table>")
    html.extend(f"<p>{escape(note)}</p>" for note in section["notes"])
    return "\n".join(html)


def trend_html(r: TrendResult) -> str:
    """The report as an HTML block: statement, unit and data, warnings, then every section of
    the core's report (horizons, the models table, intervals, shapes, diagnostics) in order."""
    parts = [
        '<div class="conflictstats-trend">',
        f"<p><b>{escape(r.statement())}</b></p>",
    ]
    meta = []
    if r.unit:
        meta.append(_row("unit", f"{r.unit}: {r.unit_definition}"))
    if r.dataset:
        d = r.dataset
        meta.append(_row("data", f"{d['title']} v{d['version']} ({d['source']}, {d['status']})"))
        meta.append(_row("sha256", d["sha256"]))
    meta.append(_row("window", f"{r.window[0]}–{r.window[1]} ({len(r.to_polars())} years)"))
    parts.append("<table>" + "".join(meta) + "</table>")
    parts.extend(f"<p><b>Warning:</b> {escape(w)}</p>" for w in r.warnings)
    parts.extend(_section(section) for section in r.sections)
    figure = trend_png(r)
    if figure is not None:
        parts.append(f'<img alt="counts and fitted trend" src="data:image/png;base64,{figure}"/>')
    parts.append("</div>")
    return "\n".join(parts)


def check_html(c: ClaimCheck) -> str:
    """The check as an HTML block: the claim, each part's readings, shapes, explanation."""
    claim = c.claim
    src = claim["source"]
    who = f"{src.get('speaker')} — " if src.get("speaker") else ""
    parts = [
        '<div class="conflictstats-check">',
        f"<p><b>{escape(claim['text'])}</b></p>",
        f"<p>{escape(who)}{escape(src['publisher'])}, {escape(str(src['date']))}</p>",
    ]
    rows = [_row("part", "holds in", "of", "fragile holds", "closest distance", head=True)]
    for p in c.parts:
        rows.append(
            _row(
                p["said"],
                len(p["holds"]),
                p["evaluated"],
                p["fragile_holds"],
                _num(p["closest_distance"], 3),
            )
        )
    parts.append("<table>" + "".join(rows) + "</table>")
    shapes = [_row("form of violence", "verdict", "why", head=True)]
    for s in c.shapes:
        shapes.append(_row(s["form"].replace("_", " "), s["verdict"], s["reason"]))
    parts.append("<table>" + "".join(shapes) + "</table>")
    for message, n in c.needs:
        parts.append(f"<p>{n} readings: {escape(message)}</p>")
    parts.append(f"<pre>{escape(str(c))}</pre>")
    parts.append("</div>")
    return "".join(parts)


def trend_png(r: TrendResult) -> str | None:
    """The trend figure (:meth:`TrendResult.plot`) as base64 PNG, or ``None`` without
    matplotlib. Drawn on a standalone Figure, so no pyplot state changes."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return None
    import base64
    import io

    fig = Figure(figsize=(9, 4.8), layout="constrained")
    r.plot(ax=fig.add_subplot())
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")
