"""A small typed usage of the public API, checked by `python -m mypy` against the stubs and
the package's annotations (test_typing.py). Not collected by pytest (no test_ prefix)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import conflictstats as cs


def wars_in(year: int) -> int:
    df: pl.DataFrame = cs.count("ucdp-acd", version="25.1", years=year, intensity="war")
    value: int = df["conflicts"].item()
    return value


def by_type(acd: pl.DataFrame) -> pl.DataFrame:
    return cs.count(acd, unit="country", by="type", years=(1989, 2024), region=["africa", 2])


def citation() -> tuple[str, str]:
    c: cs.Citation = cs.cite("ucdp-acd")
    return c.text, c.bibtex


def load_file(path: Path) -> pl.DataFrame | None:
    try:
        return cs.load(path)
    except cs.ParseError as err:
        where: tuple[str | None, int | None, str | None] = (err.file, err.line, err.column)
        print(where, err.value, err.expected)
    except cs.DataFileError as err:
        print(err.file, err.row)
    except cs.ConflictStatsError:
        raise
    return None


names: list[str] = cs.datasets()["name"].to_list()
version: str = cs.__version__


def trend_figures() -> tuple[float, tuple[float, float], str, cs.Shape | None]:
    t: cs.TrendResult = cs.trend("ucdp-acd", version="25.1", year=2024, horizons=(15, 30))
    h: cs.Horizon = t.horizons[0]
    ratio: float | None = h.ratio
    print(ratio, t.to_polars().height, t.statement(), t.verdict_sentence)
    return t.growth_rate, t.growth_ci, t.exponential_vs_linear, t.shape


def provenance_and_warnings(path: Path) -> tuple[str, str, list[str]]:
    # The documented reads: cs.provenance(df)["dataset"] (a required key of every frame's
    # metadata) and the warnings a frame was computed with, typed.
    df = cs.count(path, years=2024)
    meta: cs.Metadata = cs.provenance(df)
    dataset: cs.ProvenanceDict = meta["dataset"]
    status: cs.ReleaseStatus = dataset["status"]
    every: list[cs.ProvenanceDict] = meta["datasets"]
    print(every[0]["sha256"], cs.provenance(cs.panel_state_year())["dataset"]["version"])
    found: list[cs.ConflictStatsWarning] = cs.warnings(df)
    kinds = [w.kind for w in found if w.line is None or w.line > 0]
    return dataset["version"], status, kinds


def plots() -> list[object]:
    # Every plot() of the package returns a matplotlib Axes.
    from matplotlib.axes import Axes

    counts = cs.count(version="25.1", by="region", years=(1989, 2024))
    drawn: list[Axes] = [
        cs.plot_counts(counts),
        cs.trend(version="25.1", year=2024).plot(),
        cs.check(version="25.1", bootstrap=20).plot(),
    ]
    return [ax.figure for ax in drawn]


def acled_battles(export: Path) -> int:
    kinds: list[cs.AcledEventType] = ["Battles", "Explosions/Remote violence"]
    df = cs.aggregate_events(period="month", acled=export, event_types=kinds)
    return int(df["fatalities"].sum())


def flows_rates_severity() -> tuple[int, float, str, float | None]:
    f: cs.FlowsResult = cs.flows(version="25.1", years=(2010, 2024))
    onsets: int = f.decomposition.onsets
    hazard: list[float] = f.base_rates.termination_rate_by_duration
    print(hazard, f.dataset.label(), f.stock_flow.years[0].at_risk_by_duration)
    r: cs.RatesResult = cs.rates(["non_state"], years=(1989, 2023), version="24.1")
    fit = r.forms["non_state"].rate_fit
    slope: float = fit.negbin.slope if fit is not None else float("nan")
    s: cs.SeverityResult = cs.severity(version="25.1", unit="conflict", estimate="best")
    favours: str = s.vuong.favours
    return onsets, slope, favours, s.alpha_se


def event_keys() -> list[cs.EventUnitKey]:
    period: cs.Period = "month"
    rule: cs.Attribution = "start_month"
    df = cs.aggregate_events(unit="priogrid", period=period, attribution=rule)
    print(df.height, cs.cite("ucdp-nonstate").bibtex)
    return ["country", "conflict", "priogrid"]


def panel_roles() -> int:
    role: cs.PanelRole = "any"
    p = cs.panel_state_year(years=(2020, 2022), role=role, version="25.1")
    d = cs.panel_dyad_year(years=(2022, 2022), role="primary", version="25.1")
    return p.height + d.height


def release_diff() -> tuple[pl.DataFrame, str, cs.UnitKey | None]:
    d: cs.ReleaseDiff = cs.diff("ucdp-acd", "24.1", "25.1", unit="country")
    version: str = d.new["version"]
    column: tuple[str, str, str] | None = d.release_column
    print(column, d.only_in.height, d.counts.columns)
    return d.changes, version, d.unit


def events_again(path: Path) -> pl.DataFrame:
    """A GED file read again, hashed and parsed whatever its verified-hash record says."""
    return cs.aggregate_events(path=path, period="month", rehash=True)
