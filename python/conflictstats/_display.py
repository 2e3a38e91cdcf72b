"""HTML rendering of a trend result for Jupyter (``_repr_html_``)."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._check import ClaimCheck
    from ._trend import TrendResult


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:+.2f} %"


def _num(v: float | None, digits: int = 2) -> str:
    return "—" if v is None else f"{v:,.{digits}f}"


def _ci(lo: float | None, hi: float | None) -> str:
    return f"[{_pct(lo)}, {_pct(hi)}]"


def _row(*cells: Any, head: bool = False) -> str:
    tag = "th" if head else "td"
    return "<tr>" + "".join(f"<{tag}>{escape(str(c))}</{tag}>" for c in cells) + "</tr>"


def trend_html(r: TrendResult) -> str:
    """The report as an HTML block: statement, unit and data, horizons, fits, comparison."""
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

    rows = [_row("horizon", "from", "to", "ratio", "annual growth", "doubling time", head=True)]
    for h in r.horizons:
        rows.append(
            _row(
                f"{h.years} years",
                f"{_num(h.from_count, 0)} ({h.from_year})",
                f"{_num(h.to_count, 0)} ({h.to_year})",
                "—" if h.ratio is None else f"{h.ratio:.2f}×",
                _pct(h.cagr),
                "—" if h.doubling_time_years is None else f"{h.doubling_time_years:.1f} years",
            )
        )
    parts.append("<table>" + "".join(rows) + "</table>")

    p, nb = r.poisson, r.negbin
    fits = [
        _row("log-linear fit", "annual growth", "95 % interval", "doubling time", head=True),
        _row(
            f"negative binomial (α = {nb['alpha']:.3g})",
            _pct(nb["growth_rate"]),
            _ci(nb["ci_low"], nb["ci_high"]),
            _num(nb["doubling_time_years"], 1) + " years",
        ),
        _row(
            "Poisson (Wald)",
            _pct(p["growth_rate"]),
            _ci(p["ci_low"], p["ci_high"]),
            _num(p["doubling_time_years"], 1) + " years",
        ),
        _row(
            "Poisson (profile likelihood)", "", _ci(p["profile_ci_low"], p["profile_ci_high"]), ""
        ),
        _row(
            f"quasi-Poisson (dispersion {_num(p['dispersion'])})",
            "",
            _ci(p["quasi_ci_low"], p["quasi_ci_high"]),
            "",
        ),
    ]
    b = r.bootstrap
    if b:
        fits.append(
            _row(
                f"bootstrap, parametric ({b['replicates']} replicates)",
                "",
                _ci(b["growth_parametric"]["low"], b["growth_parametric"]["high"]),
                "",
            )
        )
        fits.append(
            _row(
                f"bootstrap, moving block (length {b['block_length']})",
                "",
                _ci(b["growth_block"]["low"], b["growth_block"]["high"]),
                "",
            )
        )
    parts.append("<table>" + "".join(fits) + "</table>")
    a = r.aic
    parts.append(
        "<p>Exponential vs straight line (AIC): "
        f"<b>{escape(a['verdict'])}</b>, ΔAIC (linear − exponential) = {_num(a['delta'])}"
        f", QAIC Δ = {_num(a['qaic_delta'])}"
        + (f" — {escape(a['note'])}" if a.get("note") else "")
        + "</p>"
    )
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
