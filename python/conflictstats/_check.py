"""cs.check and its result object: a claim checked under every reading.

Every figure is computed by the Rust core (``conflictstats::claim``); the check crosses the
boundary as a native object: its claim, part summaries, shape checks and the ICRC series
comparison as mirrors of the Rust structs (turned into the ``TypedDict`` s below field by
field), each shape check's trend report as a :class:`~conflictstats.TrendResult`, and the
readings and indexed series as polars DataFrames built in Rust.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union

import polars as pl

from . import _conflictstats as _native
from ._api import FileSources, _sources
from ._metadata import ProvenanceDict, plain
from ._trend import TrendResult
from ._vocab import renamed
from .exceptions import SpecError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: ``claim=``: ``None`` (the seed sentence), a path to a TOML or JSON claim file, or a claim as
#: a mapping (the fields of the TOML file).
ClaimSource = Union[None, str, "os.PathLike[str]", Mapping[str, Any]]

#: How a claim qualifies its figure (``claim::Qualifier``).
Qualifier = Literal["more_than", "about", "exactly", "fewer_than", "just_under"]


class Publication(TypedDict):
    """Where a claim was published (``claim::Source``); ``date`` as ``yyyy-mm-dd``."""

    publisher: str
    speaker: str | None
    title: str
    date: str
    url: str


class LevelPart(TypedDict):
    """A level: "more than 130 armed conflicts"."""

    said: str
    qualifier: Qualifier
    value: float
    tolerance: float | None


class RatioPart(TypedDict):
    """A ratio at a horizon: "twice as many as 15 years ago"."""

    said: str
    horizon: int
    qualifier: Qualifier
    value: float
    tolerance: float | None


class ShapePart(TypedDict):
    """A shape ("rising exponentially") for the forms of violence named (empty: all)."""

    said: str
    shape: str
    forms: list[str]


class ClaimDict(TypedDict):
    """A claim as data (``claim::Claim``)."""

    id: str
    text: str
    date: str
    reference_year: int | None
    source: Publication
    level: LevelPart | None
    ratios: list[RatioPart]
    shape: ShapePart | None


class FigureDict(TypedDict):
    """A qualified figure with its relative tolerance resolved."""

    qualifier: Qualifier
    value: float
    tolerance: float


class PartSummary(TypedDict):
    """One part (or ``all parts``) across every reading (``claim::PartSummary``): the
    readings where it holds (indices into :attr:`ClaimCheck.readings` ``reading``), the
    closest reading and its distance, the fragile ones."""

    said: str
    figure: FigureDict | None
    evaluated: int
    holds: list[int]
    unavailable: int
    closest: int | None
    closest_distance: float | None
    fragile: list[int]
    fragile_holds: int


class ShapeCheck(TypedDict):
    """The shape claim for one form of violence, with the trend report of its verdict."""

    form: str
    measured_by: str
    shape: str
    verdict: Literal["holds", "fails", "undetermined"]
    reason: str
    report: TrendResult | None
    datasets: list[ProvenanceDict]


class IcrcPoint(TypedDict):
    """One ICRC figure of a dated series (``implied``: by the claim's ratios)."""

    year: int
    value: float
    label: str
    implied: bool


class UnitIndex(TypedDict):
    """A UCDP unit over the ICRC series' base and end years."""

    unit: str
    release: str | None
    base: int | None
    end: int | None
    index: float | None
    missing: str | None


class SeriesComparison(TypedDict):
    """One ICRC series against every UCDP unit (``claim::SeriesComparison``)."""

    series: str
    counts: str
    points: list[IcrcPoint]
    base_year: int
    end_year: int
    icrc_index: float
    units: list[UnitIndex]
    fastest: str | None
    unexplained_share: float | None
    unexplained_conflicts: float | None
    needs: list[str]


class IndexedIcrcPoint(TypedDict):
    """An ICRC figure indexed to the base a ratio part implies."""

    part: str
    year: int
    value: float
    index: float
    label: str


def _shape_check(s: _native.ShapeCheck) -> ShapeCheck:
    return {
        "form": s.form,
        "measured_by": s.measured_by,
        "shape": s.shape,
        "verdict": s.verdict,
        "reason": s.reason,
        "report": None if s.report is None else TrendResult(s.report),
        "datasets": plain(s.datasets),
    }


class ClaimCheck:
    """A claim checked under every reading (unit × reference year × base alignment × base
    smoothing × release).

    Attributes:
        claim: The claim (its text, date, source and parts), a :class:`ClaimDict`.
        readings: One row per part of each reading: ``unit``, ``release``, ``reference``
            (``stated``/``latest_common``), ``year``, ``base_offset``, ``smoothing``,
            ``part``, ``verdict`` (``holds``/``fails``/``unavailable``), ``value``, ``count``,
            ``base_from``/``base_to``, ``base_count``, ``interval_low``/``interval_high`` (the
            moving-block bootstrap 95 % interval of a ratio), ``distance``, ``fragile``,
            ``missing`` (e.g. "needs release 26.1 (not available; …)").
        parts: Per part, then all parts together: readings that satisfy it (``holds``, reading
            indices), ``closest`` and ``closest_distance``, ``fragile_holds``.
        shapes: The shape verdict per form of violence (:class:`ShapeCheck`), with its trend
            report as a :class:`~conflictstats.TrendResult`.
        explanation: The ICRC's dated series against every UCDP unit
            (:class:`SeriesComparison`).
        needs: ``(message, readings)`` for each release no available copy has.
        releases: The releases read, oldest first.
        datasets: Every dataset read (provenance).
        indexed_icrc: The ICRC's dated figures indexed to the base each ratio part implies.

    Example:
        >>> import conflictstats as cs
        >>> c = cs.check(version="25.1", bootstrap=50)
        >>> r = c.readings.filter(
        ...     (c.readings["unit"] == "conflict") & (c.readings["year"] == 2024)
        ...     & (c.readings["part"] == "twice as many as 15 years ago")
        ...     & (c.readings["smoothing"] == "one_year"))
        >>> r.select("base_from", "value", "verdict").rows()[:2]
        [(2009, 1.6486486486486487, 'fails'), (2010, 1.967741935483871, 'holds')]
    """

    def __init__(self, native: _native.ClaimCheck) -> None:
        self._native = native
        self.claim: ClaimDict = plain(native.claim)
        self.parts: list[PartSummary] = plain(native.parts)
        self.shapes: list[ShapeCheck] = [_shape_check(s) for s in native.shapes]
        self.explanation: list[SeriesComparison] = plain(native.explanation)
        self.needs: list[tuple[str, int]] = native.needs
        self.releases: list[str] = native.releases
        self.datasets: list[ProvenanceDict] = plain(native.datasets)
        #: The ICRC's dated figures indexed to the base each ratio part implies.
        self.indexed_icrc: list[IndexedIcrcPoint] = plain(native.indexed_icrc)
        self.readings: pl.DataFrame = native.readings()

    def to_dict(self) -> dict[str, Any]:
        """The whole check (readings nested, every series included), as the CLI's ``check
        --format json`` result."""
        out: dict[str, Any] = json.loads(self._native.json())
        return out

    def to_polars(self) -> pl.DataFrame:
        """:attr:`readings` (for pandas: ``.to_polars().to_pandas()``)."""
        return self.readings

    def indexed(self) -> pl.DataFrame:
        """Each unit's series indexed to each ratio part's base year: ``part``,
        ``base_year``, ``unit``, ``release``, ``year``, ``count``, ``index``."""
        return self._native.indexed()

    def plot(self) -> Axes:
        """One panel per ratio part: each unit's series indexed to the base year, the range
        the claim's figure accepts shaded (2× and ~4×), the ICRC's dated figures as points
        (indexed to the base the claim implies). Needs matplotlib (``conflictstats[plot]``).
        Returns the first panel's Axes, as every ``plot`` of the package returns an Axes;
        the panels are ``ax.figure.axes``."""
        from ._plot import plot_check

        return plot_check(self)

    def __str__(self) -> str:
        return self._native.render_text()

    def __repr__(self) -> str:
        n = self.readings["reading"].n_unique()
        return f"<ClaimCheck {self.claim['id']!r}: {n} readings>"

    def _repr_html_(self) -> str:
        from ._display import check_html

        return check_html(self)


def check(
    claim: ClaimSource = None,
    *,
    version: str | Sequence[str] | None = None,
    persistence: Sequence[int] = (0, 1, 2, 3, 4, 5),
    bootstrap: int = _native.DEFAULT_REPLICATES,
    seed: int = _native.DEFAULT_SEED,
    sources: FileSources | None = None,
    releases: Sequence[str] | None = None,
) -> ClaimCheck:
    """Checks a claim under every reading a careful reader would vary.

    Args:
        claim: ``None`` — the seed sentence (the ICRC President, 2026-03-06: "Today we count
            more than 130 armed conflicts worldwide. This is twice as many as 15 years ago
            and almost four times as many as 30 years ago."); a path to a TOML or JSON claim
            file; or a claim as a mapping with the same fields.
        version: Only this release, or these releases (default: every available release,
            embedded or fetched into the cache with :func:`~conflictstats.fetch`), as the CLI's
            ``--version V,W``; with ``sources=``, one release: that of the datasets not given
            as files.
        sources: Read these files (dataset name → path, e.g. ``{"ucdp-acd": "acd.csv"}``):
            the check then reads one copy of each dataset, as ``cs.count(sources=…)`` does.
        persistence: Persistence settings of ``legal_relationship`` (default 0–5, as the
            CLI's and :func:`~conflictstats.reconcile`'s).
        bootstrap: Bootstrap replicates per ratio interval.
        seed: Bootstrap seed.
        releases: Deprecated name of ``version`` (a DeprecationWarning).

    Example:
        >>> import conflictstats as cs
        >>> c = cs.check(bootstrap=50)
        >>> c.parts[0]["said"], len(c.parts[0]["holds"]) > 0
        ('more than 130 armed conflicts', True)
    """
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or bootstrap < 1:
        raise SpecError(f"bootstrap= takes a number of replicates (≥ 1); got {bootstrap!r}")
    if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
        raise SpecError(f"seed= takes a non-negative integer; got {seed!r}")
    ps = [int(p) for p in persistence]
    if any(p < 0 for p in ps):
        raise SpecError(f"persistence= takes years ≥ 0; got {list(persistence)!r}")
    chosen = renamed("check", "releases", "version", releases, version)
    wanted = None if chosen is None else [str(chosen)] if isinstance(chosen, str) else chosen
    one: str | None = None
    if sources is not None and wanted is not None:
        if len(wanted) != 1:
            raise SpecError(
                "with sources=, version= names one release: that of the datasets not given "
                f"as files; got {list(wanted)!r}"
            )
        one, wanted = str(wanted[0]), None
    kwargs: dict[str, Any] = {
        "persistences": ps,
        "releases": None if wanted is None else [str(r) for r in wanted],
        "replicates": bootstrap,
        "seed": seed,
        "version": one,
        "sources": _sources(sources),
    }
    if claim is None:
        out = _native.check_claim(**kwargs)
    elif isinstance(claim, Mapping):
        out = _native.check_claim(claim_json=json.dumps(dict(claim), default=str), **kwargs)
    elif isinstance(claim, (str, os.PathLike)):
        out = _native.check_claim(claim_path=os.fspath(claim), **kwargs)
    else:
        raise SpecError(
            f"claim= takes None, a path to a TOML/JSON claim file, or a mapping; got {claim!r}"
        )
    return ClaimCheck(out)
