"""The house style of every figure the package draws (optional dependency:
``conflictstats[plot]``).

One place for what a published figure needs, so that every drawing — counts, trends, claim
checks, and the maps and forecast fans added later — looks the same and says where its data
come from:

- a **source line** under the axes: dataset, release and short citation, e.g. ``Source:
  UCDP/PRIO ACD v25.1 (Gleditsch et al. 2002; Davies et al. 2025)``; ``maps=True`` adds
  "Made with Natural Earth";
- the **release status** (an unregistered or modified file, a copy whose bytes are
  unverified) in a wrapped footnote under the source line, never in the title;
- **titles that fit** the figure: wrapped to the axes' width;
- **legends outside the axes** (right of them, or below the panels), never over the data;
- a **palette** of :data:`PALETTE` colours that stay distinct past ten series (the line
  style changes once they are used up) and fixed colours per model (:data:`COLOURS`), so
  that a band has the colour of the line it belongs to.

A drawing adopts it with :func:`new_axes` (a figure with constrained layout when no axes is
given), :func:`set_title`, :func:`legend_outside` and :func:`add_source`.

Example:
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from conflictstats import _style
    >>> import conflictstats as cs
    >>> acd = cs.provenance(cs.count(version="25.1"))["dataset"]
    >>> _style.source_line([acd])
    'Source: UCDP/PRIO ACD v25.1 (Gleditsch et al. 2002; Davies et al. 2025)'
    >>> _style.source_line([acd], maps=True).endswith("Made with Natural Earth")
    True
    >>> len(set(_style.PALETTE)) >= 14
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ._metadata import ProvenanceDict

#: Colours of series (groups, units), in order: the Okabe–Ito colours without yellow, then
#: Paul Tol's muted ones — distinct for readers with colour-vision deficiency as far as
#: such a long list can be. Past its end, :func:`series_style` changes the line style.
PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#882255",  # wine
    "#999933",  # olive
    "#332288",  # indigo
    "#44AA99",  # teal
    "#AA4499",  # purple
    "#661100",  # brown
    "#DDCC77",  # sand
    "#6699CC",  # steel blue
    "#117733",  # dark green
    "#000000",  # black
)

#: The fixed colours of a model figure: every band is drawn in its model's colour.
COLOURS: dict[str, str] = {
    "observed": "#000000",
    "shape": "#0072B2",  # the verdict's shape, its band of the mean and prediction band
    "one_curve": "#D55E00",  # the one log-linear curve (negative binomial)
    "break": "#333333",
    "mark": "#666666",  # horizon years and other reference marks
    "context": "#BBBBBB",  # series shown for context (grey)
    "accepted": "#DDDDDD",  # a range a claim's figure accepts
    "warning": "#B00020",  # release-status footnotes
    "source": "#444444",
}

#: Line styles taken in turn once :data:`PALETTE` is used up.
_LINESTYLES = ("-", "--", ":", "-.")

#: Short names of the datasets for source lines and titles (registry name → name).
SHORT_NAMES: dict[str, str] = {
    "ucdp-acd": "UCDP/PRIO ACD",
    "ucdp-dyadic": "UCDP Dyadic",
    "ucdp-brd": "UCDP BRD",
    "ucdp-nonstate": "UCDP Non-State",
    "ucdp-onesided": "UCDP One-sided",
    "ucdp-ged": "UCDP GED",
    "ucdp-ged-sample": "UCDP GED (sample)",
    "gw-states": "G&W states",
    "gw-iso3-crosswalk": "G&W–ISO crosswalk",
    "iso-numeric": "ISO 3166 numeric",
    "acled": "ACLED",
}

#: What a release status means for a reader, in the footnote (the status keys of
#: ``data::ReleaseStatus``; embedded and official releases need none).
_STATUS_NOTES: dict[str, str] = {
    "modified": "a modified copy: its checksum differs from the release",
    "unregistered": (
        "an UNREGISTERED version: no registered checksum, figures not verified against a release"
    ),
    "unverified": (
        "an UNVERIFIED download: no published checksum, figures not verified against a release"
    ),
}

SOURCE_FONTSIZE = 7
TITLE_FONTSIZE = 10
LEGEND_FONTSIZE = 7
_MAPS_CREDIT = "Made with Natural Earth"


def series_style(i: int) -> dict[str, Any]:
    """Colour and line style of the ``i``-th series: :data:`PALETTE` in turn, then again
    with the next line style, so that no two of up to 64 series look alike."""
    n = len(PALETTE)
    return {"color": PALETTE[i % n], "linestyle": _LINESTYLES[(i // n) % len(_LINESTYLES)]}


def release(p: ProvenanceDict) -> str:
    """A dataset and its version as a title or source line names it: ``UCDP/PRIO ACD
    v26.1``; a frame of unknown version by its title alone."""
    name = SHORT_NAMES.get(p["name"], p["title"])
    return name if p["version"] in ("", "unknown") else f"{name} v{p['version']}"


def releases(datasets: Iterable[ProvenanceDict]) -> str:
    """The releases of several datasets, ``" + "``-joined, each once."""
    out: list[str] = []
    for p in datasets:
        r = release(p)
        if r not in out:
            out.append(r)
    return " + ".join(out)


_REFERENCE = re.compile(r"^(?P<authors>[^()\n]+?)\s*\((?P<year>\d{4})\)\s*(?P<rest>.*)$")


def short_citations(citation: str | None) -> list[str]:
    """The articles of a dataset's citation as author–year references: ``Gleditsch et al.
    2002``, ``Eck & Hultman 2007``; codebooks and data lines left out.

    >>> short_citations("Eck, Kristine & Lisa Hultman (2007) One-sided violence. JPR.")
    ['Eck & Hultman 2007']
    """
    out: list[str] = []
    for line in (citation or "").splitlines():
        m = _REFERENCE.match(line.strip())
        if m is None or "codebook" in m["rest"].lower():
            continue
        authors = m["authors"]
        surname, _, given = authors.partition(",")
        # "Surname, Given; Other Name & Last Name" or "Surname, Given & Other Name"
        others = re.split(r"\s*[;,&]\s*", given.strip())[1:]
        others = [o for o in others if o]
        if not others:
            ref = surname.strip()
        elif len(others) == 1:
            ref = f"{surname.strip()} & {others[0].split()[-1]}"
        else:
            ref = f"{surname.strip()} et al."
        ref = f"{ref} {m['year']}"
        if ref not in out:
            out.append(ref)
    return out


def source_line(datasets: Sequence[ProvenanceDict], maps: bool = False) -> str:
    """``Source: <releases> (<short citations>)``; a frame without provenance says so;
    ``maps=True`` adds the Natural Earth credit."""
    if not datasets:
        text = "Source: data given as a frame (dataset and release not stated)"
    else:
        refs: list[str] = []
        for p in datasets:
            for r in short_citations(p.get("citation")):
                if r not in refs:
                    refs.append(r)
        text = f"Source: {releases(datasets)}" + (f" ({'; '.join(refs)})" if refs else "")
    return f"{text}. {_MAPS_CREDIT}" if maps else text


def status_notes(datasets: Sequence[ProvenanceDict]) -> list[str]:
    """The release-status warnings of the datasets (none for embedded and official
    releases whose bytes are verified), one sentence each."""
    out: list[str] = []
    for p in datasets:
        note = _STATUS_NOTES.get(p["status"])
        if note is None and p.get("byte_identity") == "unverified":
            note = "a copy whose byte-identity with UCDP's file is unverified"
        if note is not None:
            out.append(f"{release(p)} is {note}.")
    return out


def text_width(text: str, fontsize: float) -> float:
    """Width in points of one line of ``text`` in the default font (deterministic: no
    renderer needed)."""
    from matplotlib.textpath import TextPath

    return float(TextPath((0, 0), text, size=fontsize).get_extents().width)


def wrap(text: str, width_points: float, fontsize: float, keep: Sequence[str] = ()) -> str:
    """``text`` wrapped so that no line is wider than ``width_points``, never inside a
    phrase of ``keep`` (e.g. a release, ``UCDP/PRIO ACD v26.1``)."""
    glue = "\x00"
    for phrase in sorted(keep, key=len, reverse=True):
        text = text.replace(phrase, phrase.replace(" ", glue))
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate.replace(glue, " "), fontsize) > width_points:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines).replace(glue, " ")


def _width_points(fig: Figure, share: float) -> float:
    return float(fig.get_figwidth()) * 72 * share


def new_axes(ax: Axes | None, figsize: tuple[float, float] = (8, 4.5)) -> Axes:
    """``ax``, or the axes of a new figure with constrained layout (which makes room for
    the outside legend, the title and the source line) drawn without pyplot state when
    pyplot is not wanted."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _fig, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def set_title(ax: Axes, title: str, subtitle: str | None = None, keep: Sequence[str] = ()) -> None:
    """The title (``ax.get_title()``), wrapped to the narrower of 60 % of the figure's width
    and the axes' width, so that it stays over the axes when constrained layout narrows them
    for an outside legend, never inside a phrase of ``keep`` (the releases); a subtitle on
    its own lines."""
    fig = ax.get_figure()
    assert fig is not None
    width = min(
        _width_points(fig, 0.6),  # type: ignore[arg-type]
        _width_points(fig, ax.get_position().width),  # type: ignore[arg-type]
    )
    text = wrap(title, width, TITLE_FONTSIZE, keep)
    if subtitle:
        text += "\n" + wrap(subtitle, width, TITLE_FONTSIZE, keep)
    ax.set_title(text, fontsize=TITLE_FONTSIZE)


def legend_outside(ax: Axes, **kwargs: Any) -> Any:
    """The legend right of the axes (outside: it never covers the data)."""
    kwargs.setdefault("fontsize", LEGEND_FONTSIZE)
    kwargs.setdefault("frameon", False)
    return ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0, **kwargs)


def footer_text(
    datasets: Sequence[ProvenanceDict],
    maps: bool = False,
    notes: Sequence[str] = (),
) -> tuple[str, str]:
    """The source line (with ``notes`` after it) and the release-status footnote
    (empty when every release is verified), unwrapped."""
    source = " ".join([source_line(datasets, maps) + ".", *notes])
    return source, " ".join(status_notes(datasets))


def add_source(
    ax: Axes,
    datasets: Sequence[ProvenanceDict],
    maps: bool = False,
    notes: Sequence[str] = (),
) -> list[Any]:
    """The source line (and ``notes``) under the axes' x label, then the release-status
    footnote in :data:`COLOURS` ``warning``, both wrapped to 85 % of the figure's width.
    Returns the text artists (source first)."""
    fig = ax.get_figure()
    assert fig is not None
    width = _width_points(fig, 0.85)  # type: ignore[arg-type]
    source, footnote = footer_text(datasets, maps, notes)
    out = [
        ax.annotate(
            wrap(source, width, SOURCE_FONTSIZE, [release(p) for p in datasets]),
            xy=(0, 0),
            xycoords=("axes fraction", ax.xaxis.label),
            xytext=(0, -6),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=SOURCE_FONTSIZE,
            color=COLOURS["source"],
            gid="conflictstats-source",
        )
    ]
    if footnote:
        out.append(
            ax.annotate(
                wrap(footnote, width, SOURCE_FONTSIZE),
                xy=(0, 0),
                xycoords=("axes fraction", out[0]),
                xytext=(0, -3),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=SOURCE_FONTSIZE,
                color=COLOURS["warning"],
                gid="conflictstats-status",
            )
        )
    return out


def add_figure_source(
    fig: Figure,
    datasets: Sequence[ProvenanceDict],
    maps: bool = False,
    notes: Sequence[str] = (),
) -> Any:
    """The source line, ``notes`` and the release-status footnote under every panel of
    ``fig`` (its ``supxlabel``, which constrained layout makes room for), wrapped to 88 % of
    its width."""
    source, footnote = footer_text(datasets, maps, notes)
    width = _width_points(fig, 0.88)
    text = wrap(source, width, SOURCE_FONTSIZE, [release(p) for p in datasets])
    if footnote:
        text += "\n" + wrap(footnote, width, SOURCE_FONTSIZE)
    return fig.supxlabel(text, x=0.01, ha="left", fontsize=SOURCE_FONTSIZE, color=COLOURS["source"])
