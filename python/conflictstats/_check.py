"""cs.check and its result object: a claim checked under every reading.

Every figure is computed by the Rust core (``conflictstats::claim``); the check crosses the
boundary as JSON, and its rows become a polars DataFrame here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Union

import polars as pl

from . import _conflictstats as _native
from .exceptions import SpecError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: ``claim=``: ``None`` (the seed sentence), a path to a TOML or JSON claim file, or a claim as
#: a mapping (the fields of the TOML file).
ClaimSource = Union[None, str, "os.PathLike[str]", Mapping[str, Any]]

_SCHEMA: dict[str, Any] = {
    "reading": pl.Int64,
    "unit": pl.Utf8,
    "release": pl.Utf8,
    "reference": pl.Utf8,
    "year": pl.Int32,
    "base_offset": pl.Int32,
    "smoothing": pl.Utf8,
    "part": pl.Utf8,
    "verdict": pl.Utf8,
    "value": pl.Float64,
    "count": pl.Float64,
    "base_from": pl.Int32,
    "base_to": pl.Int32,
    "base_count": pl.Float64,
    "interval_low": pl.Float64,
    "interval_high": pl.Float64,
    "distance": pl.Float64,
    "fragile": pl.Boolean,
    "missing": pl.Utf8,
}


class ClaimCheck:
    """A claim checked under every reading (unit × reference year × base alignment × base
    smoothing × release).

    Attributes:
        claim: The claim (its text, date, source and parts), as a dictionary.
        readings: One row per part of each reading: ``unit``, ``release``, ``reference``
            (``stated``/``latest_common``), ``year``, ``base_offset``, ``smoothing``,
            ``part``, ``verdict`` (``holds``/``fails``/``unavailable``), ``value``, ``count``,
            ``base_from``/``base_to``, ``base_count``, ``interval_low``/``interval_high`` (the
            moving-block bootstrap 95 % interval of a ratio), ``distance``, ``fragile``,
            ``missing`` (e.g. "needs release 26.1 (not available; …)").
        parts: Per part, then all parts together: readings that satisfy it (``holds``, reading
            indices), ``closest`` and ``closest_distance``, ``fragile_holds``.
        shapes: The shape verdict per form of violence, with its trend report.
        explanation: The ICRC's dated series against every UCDP unit.
        needs: ``(message, readings)`` for each release no available copy has.

    Example:
        >>> import conflictstats as cs
        >>> c = cs.check(releases=["25.1"], bootstrap=50)
        >>> r = c.readings.filter(
        ...     (c.readings["unit"] == "conflict") & (c.readings["year"] == 2024)
        ...     & (c.readings["part"] == "twice as many as 15 years ago")
        ...     & (c.readings["smoothing"] == "one_year"))
        >>> r.select("base_from", "value", "verdict").rows()[:2]
        [(2009, 1.6486486486486487, 'fails'), (2010, 1.967741935483871, 'holds')]
    """

    def __init__(self, text: str, check_json: str, rows_json: str) -> None:
        self._text = text
        self._check: dict[str, Any] = json.loads(check_json)
        c = self._check
        self.claim: dict[str, Any] = c["claim"]
        self.parts: list[dict[str, Any]] = c["parts"]
        self.shapes: list[dict[str, Any]] = c["shapes"]
        self.explanation: list[dict[str, Any]] = c["explanation"]
        self.needs: list[tuple[str, int]] = [tuple(n) for n in c["needs"]]
        self.releases: list[str] = c["releases"]
        self.datasets: list[dict[str, Any]] = c["datasets"]
        self.readings: pl.DataFrame = pl.DataFrame(json.loads(rows_json), schema=_SCHEMA)

    def to_dict(self) -> dict[str, Any]:
        """The whole check (readings nested, every series included)."""
        copy: dict[str, Any] = json.loads(json.dumps(self._check))
        return copy

    def to_polars(self) -> pl.DataFrame:
        """:attr:`readings` (for pandas: ``.to_polars().to_pandas()``)."""
        return self.readings

    def indexed(self) -> pl.DataFrame:
        """Each unit's series indexed to each ratio part's base year: ``part``,
        ``base_year``, ``unit``, ``release``, ``year``, ``count``, ``index``."""
        rows = [
            {
                "part": s["part"],
                "base_year": s["base_year"],
                "unit": s["unit"],
                "release": s["release"],
                "year": y,
                "count": n,
                "index": i,
            }
            for s in self._check["indexed"]
            for (y, n, i) in s["points"]
        ]
        return pl.DataFrame(
            rows,
            schema={
                "part": pl.Utf8,
                "base_year": pl.Int32,
                "unit": pl.Utf8,
                "release": pl.Utf8,
                "year": pl.Int32,
                "count": pl.Int64,
                "index": pl.Float64,
            },
        )

    def plot(self) -> Figure:
        """One panel per ratio part: each unit's series indexed to the base year, the range
        the claim's figure accepts shaded (2× and ~4×), the ICRC's dated figures as points
        (indexed to the base the claim implies). Needs matplotlib (``conflictstats[plot]``)."""
        from ._plot import plot_check

        return plot_check(self)

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        n = self.readings["reading"].n_unique()
        return f"<ClaimCheck {self.claim['id']!r}: {n} readings>"

    def _repr_html_(self) -> str:
        from ._display import check_html

        return check_html(self)


def check(
    claim: ClaimSource = None,
    *,
    releases: Sequence[str] | None = None,
    persistence: Sequence[int] = (0, 1, 2, 3, 4, 5),
    bootstrap: int = 1000,
    seed: int = 42,
) -> ClaimCheck:
    """Checks a claim under every reading a careful reader would vary.

    Args:
        claim: ``None`` — the seed sentence (the ICRC President, 2026-03-06: "Today we count
            more than 130 armed conflicts worldwide. This is twice as many as 15 years ago
            and almost four times as many as 30 years ago."); a path to a TOML or JSON claim
            file; or a claim as a mapping with the same fields.
        releases: Only these data releases (default: every available release).
        persistence: Persistence settings of ``legal_relationship``.
        bootstrap: Bootstrap replicates per ratio interval.
        seed: Bootstrap seed.

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
    kwargs: dict[str, Any] = {
        "persistences": ps,
        "releases": None if releases is None else [str(r) for r in releases],
        "replicates": bootstrap,
        "seed": seed,
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
    return ClaimCheck(*out)
