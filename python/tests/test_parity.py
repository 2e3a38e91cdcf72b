"""Every CLI command has its Python function over the same core function; every embedded
dataset loads; warnings and panels as researchers use them. Releases named in each call."""

from __future__ import annotations

import contextlib
import json
import subprocess
import warnings
from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs

CATALOGUE = Path(__file__).resolve().parents[2] / "tests" / "bad-inputs"


def cli_json(cli: Path, *args: str) -> dict:  # type: ignore[type-arg]
    out = subprocess.run(
        [str(cli), *args, "--format", "json"], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_reconcile_equals_the_cli(cli: Path) -> None:
    r = cs.reconcile(2024, version="25.1")
    doc = cli_json(cli, "reconcile", "--year", "2024", "--version", "25.1")
    assert r.rows.to_dicts() == doc["rows"]
    assert [d.sha256 for d in r.datasets] == [d["sha256"] for d in doc["datasets"]]
    assert r.rows.filter(unit="conflict", year=2024)["count"].item() == 61  # acd_v25_1
    with pytest.raises(cs.SpecError, match="outside the data's coverage"):
        cs.reconcile(3000)
    # The defaults (ACD v26.1, the others v25.1): 2025 for the ACD units, a reason for the
    # others — never a zero; the same in the CLI.
    latest = cs.reconcile()
    doc = cli_json(cli, "reconcile")
    # The same rows; only the fetch hint names each door's command.
    hint = pl.col("missing_reason").str.replace_all(
        r'cs\.fetch\("([^"]+)", "([^"]+)"\)', "conflictstats fetch $1 $2"
    )
    hint = hint.str.replace_all(
        r'cs\.fetch\(dataset, "([^"]+)"\)', "conflictstats fetch DATASET $1"
    )
    assert latest.rows.with_columns(hint).to_dicts() == doc["rows"]
    assert latest.rows.filter(unit="conflict", year=2025)["count"].item() == 65
    dyad = latest.rows.filter(unit="dyad", year=2025)
    assert dyad["count"].item() is None
    assert "needs release 26.1" in dyad["missing_reason"].item()


def test_deaths_equals_the_cli(cli: Path) -> None:
    d = cs.deaths(version="24.1", year=2020)
    assert d.to_dicts() == cli_json(cli, "deaths", "--version", "24.1", "--year", "2020")["rows"]
    assert cs.provenance(d)["datasets"][0]["name"] == "ucdp-brd"
    with pytest.raises(cs.SpecError, match="outside the data's coverage"):
        cs.deaths(version="24.1", year=1800)


def test_ihl_equals_the_cli(cli: Path) -> None:
    r = cs.ihl(year=2024, version="25.1")
    doc = cli_json(cli, "ihl", "--year", "2024", "--version", "25.1")
    assert r.counts == doc["result"]["counts"]["per_category"]  # ACD v25.1, 2024
    assert r.rows.height == len(doc["rows"])
    assert r.datasets[0].version == "25.1"
    with pytest.raises(cs.SpecError):
        cs.ihl(year=2025, version="25.1")
    assert cs.ihl().datasets[0].version == "26.1"  # the default ACD reaches 2025
    assert cs.ihl().year == 2025


@pytest.mark.parametrize(
    ("name", "version", "rows"),
    [
        ("ucdp-acd", "25.1", 2752),
        ("ucdp-dyadic", "24.1", 3357),
        ("ucdp-ged-sample", "23.1", 1000),
        ("gw-states", None, None),
        ("gw-iso3-crosswalk", None, None),
        ("ucdp-brd", "24.1", None),
        ("ucdp-nonstate", "24.1", None),
        ("ucdp-onesided", "24.1", None),
    ],
)
def test_every_embedded_dataset_loads(name: str, version: str | None, rows: int | None) -> None:
    df = cs.load(name, version=version)
    assert df.height > 0 and df.width > 3
    if rows is not None:
        assert df.height == rows
    meta = cs.provenance(df)
    assert meta["dataset"]["name"] == name
    assert df.warnings == [] and isinstance(df.extra_columns, list)


def test_load_warnings_are_conflictstats_warnings() -> None:
    with pytest.warns(cs.ConflictStatsWarning) as caught:
        df = cs.load(CATALOGUE / "spreadsheet_resave.csv")
    w = caught[0].message
    assert isinstance(w, cs.ConflictStatsWarning)
    assert w.file is not None and w.kind
    assert df.warnings and df.warnings[0].kind == w.kind


def test_every_function_reading_a_file_issues_its_load_warnings() -> None:
    # Not only cs.load: count, trend, the panels and flows read the same re-saved file and
    # issue the same ConflictStatsWarnings (semicolons; day-first dates), with their kind,
    # file and line, through warnings.warn (so an `error` filter stops the call).
    f = str(CATALOGUE / "spreadsheet_resave.csv")
    with pytest.warns(cs.ConflictStatsWarning) as loaded:
        cs.load(f)
    assert {w.filename for w in loaded} == {__file__}
    want = [(w.message.kind, w.message.file, w.message.line) for w in loaded]  # type: ignore[union-attr]
    assert {k for k, _, _ in want} >= {"semicolon_delimiter"}
    calls = {
        "count": lambda: cs.count(f),
        "trend": lambda: cs.trend(f, shapes=False, bootstrap=None, year=2022, horizons=[1]),
        "panel": lambda: cs.panel_conflict_year(sources={"ucdp-acd": f}),
        "flows": lambda: cs.flows(f, years=(2021, 2022)),
    }
    for name, call in calls.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # a 3-record file may be too short for the analysis: it warns first
            with contextlib.suppress(cs.ConflictStatsError):
                call()
        got = [
            (w.message.kind, w.message.file, w.message.line)  # type: ignore[union-attr]
            for w in caught
            if isinstance(w.message, cs.ConflictStatsWarning)
        ]
        assert got == want, name
        # attributed to the caller's line (here), not to the package's own frames
        assert {w.filename for w in caught} == {__file__}, name
    with warnings.catch_warnings():
        warnings.simplefilter("error", cs.ConflictStatsWarning)
        with pytest.raises(cs.ConflictStatsWarning):
            cs.count(f)


def test_numeric_codes_filter_the_same_in_python_and_the_cli(cli: Path) -> None:
    doc = cli_json(cli, "count", "--version", "25.1", "--intensity", "2", "--from", "2024")
    assert doc["rows"] == [{"year": 2024, "conflicts": 11}]
    assert cs.count(version="25.1", intensity=2, years=2024).rows() == [(2024, 11)]


def test_years_has_one_meaning() -> None:
    # every year from the smallest to the largest given (ACD v25.1)
    a = cs.count(version="25.1", years=range(2020, 2025))
    b = cs.count(version="25.1", years=(2020, 2024))
    c = cs.count(version="25.1", years=[2024, 2020, 2022])
    assert a.equals(b) and b.equals(c)
    assert a["year"].to_list() == [2020, 2021, 2022, 2023, 2024]
    with pytest.raises(cs.SpecError):
        cs.count(version="25.1", years=[])


def test_count_column_is_named_after_the_unit_and_survives_a_join() -> None:
    c = cs.count(version="25.1", years=2024)
    k = cs.count(version="25.1", years=2024, unit="country")
    assert c.columns == ["year", "conflicts"] and k.columns == ["year", "countries"]
    both = c.join(k, on="year").filter(pl.col("year") == 2024)
    assert both.rows() == [(2024, 61, 36)]
    assert [u.column for u in cs.units()][:3] == ["conflicts", "dyads", "countries"]


def test_panel_columns_are_signed_and_documented() -> None:
    p = cs.panel_state_year(years=(1940, 2024), version="25.1")
    unsigned = [n for n, t in p.schema.items() if t in (pl.UInt8, pl.UInt16, pl.UInt32, pl.UInt64)]
    assert unsigned == []
    # peace_years - 1 is -1 in the year after a conflict year, not 4,294,967,295
    assert p.select((pl.col("peace_years") - 1).min()).item() == -1
    doc = cs.panel_state_year.__doc__ or ""
    missing = [c for c in p.columns if f"``{c}``" not in doc]
    assert missing == []
    for f, kw in [
        (cs.panel_dyad_year, {"years": 2024}),
        (cs.panel_conflict_year, {"years": 2024}),
        (cs.panel_conflict_dyad_year, {"years": 2023}),
    ]:
        cols = f(**kw).columns
        doc = f.__doc__ or ""
        assert [c for c in cols if f"``{c}``" not in doc] == [], f.__name__


def test_panel_metadata_says_how_post_2021_membership_is_filled() -> None:
    meta = cs.provenance(cs.panel_state_year(years=2024, version="25.1"))
    fill = meta["state_list_fill"]
    assert fill["list_ends"] == "2021-04-14" and fill["last_panel_year"] == 2024
    assert "carried forward" in fill["rule"]


def test_gwcode_is_one_name_across_outputs() -> None:
    ev = cs.aggregate_events(unit="country", period="year")
    assert "gwcode" in ev.columns and "country_id" not in ev.columns
    assert "gwcode" in cs.panel_state_year(years=2024).columns


def test_to_pandas_keeps_nullable_dtypes_on_request() -> None:
    pytest.importorskip("pandas")
    panel = cs.panel_state_year(years=(1940, 1950), version="25.1")
    p = cs.to_pandas(panel, nullable=True)
    assert str(p["incidence"].dtype) == "boolean"
    assert str(p["peace_years"].dtype) == "Int64"
    assert str(p["gwcode"].dtype) == "int32"  # no nulls: numpy
    # The default is numpy only (statsmodels and patsy read no nullable dtype).
    assert str(cs.to_pandas(panel)["incidence"].dtype) == "float64"


def test_plot_counts_labels_groups_and_names_unit_and_release() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    ax = cs.plot_counts(cs.count(version="25.1", by="region", years=(1989, 2024)))
    title = ax.get_title()
    assert "conflicts by region" in title and "v25.1" in title and "unit: conflict" in title
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Middle East" in labels


def test_a_trend_in_jupyter_shows_figure_and_table() -> None:
    pytest.importorskip("matplotlib")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        html = cs.trend("ucdp-acd", version="25.1", bootstrap=None)._repr_html_()
    assert "<table>" in html
    assert '<img alt="counts and fitted trend" src="data:image/png;base64,' in html


def test_trend_parts_are_the_same_in_python_and_the_cli_acd_v25_1(
    cli: Path, acd_25_1: Path
) -> None:
    # `trend --rates --severity` and cs.trend(rates=True, severity=True) add the same parts
    # (one core function) and name the same datasets, in the same order.
    # Both bootstrap by default (1,000 replicates, seed 42: the core's defaults).
    args = ["trend", "--version", "25.1", "--no-shapes", "--rates"]
    args.append("--severity")
    out = subprocess.run(
        [str(cli), *args, "--format", "json"], capture_output=True, text=True, check=True
    )
    doc = json.loads(out.stdout)
    t = cs.trend(version="25.1", shapes=False, rates=True, severity=True)
    assert [s["key"] for s in t.sections] == [s["key"] for s in doc["result"]["sections"]]
    for ours, theirs in zip(t.sections, doc["result"]["sections"]):
        assert ours == theirs, ours["key"]
    named = [(d["name"], d["version"], d["sha256"]) for d in [t.dataset, *t.other_datasets]]
    assert named == [(d["name"], d["version"], d["sha256"]) for d in doc["datasets"]]
    keys = [s["key"] for s in t.sections]
    assert {"stock_flow", "rates", "severity"} <= set(keys)
    # A file of the ACD gets the stock-and-flow part too, as in the CLI.
    f = cs.trend(dataset=acd_25_1, shapes=False)
    assert "stock_flow" in [s["key"] for s in f.sections]
    with pytest.raises(cs.SpecError):
        cs.trend(cs.count(version="25.1"), rates=True)


def test_defaults_are_the_clis_acd_v25_1_brd_v25_1(cli: Path) -> None:
    # The same question with no options gives the same answer at both doors: the bootstrap
    # defaults (replicates, seed) are the core's, so the quoted interval, the bootstrap and
    # the statement are equal; `bootstrap=None` is the CLI's `--bootstrap 0`.
    doc = cli_json(cli, "trend", "--version", "25.1")["result"]
    t = cs.trend(version="25.1")
    assert t.bootstrap is not None
    assert (t.bootstrap["replicates"], t.bootstrap["seed"]) == (1000, 42)
    assert json.loads(json.dumps(t.bootstrap)) == doc["bootstrap"]
    assert t.quoted_interval == doc["quoted"]
    assert t.quoted_interval["method"] == "block_bootstrap"
    assert t.statement() == doc["statement"]
    off = cli_json(cli, "trend", "--version", "25.1", "--bootstrap", "0")["result"]
    assert cs.trend(version="25.1", bootstrap=None).statement() == off["statement"]
    assert off["statement"] != doc["statement"]  # the quoted interval is then HAC's

    sev = cli_json(cli, "severity", "--version", "25.1")["result"]
    s = cs.severity(version="25.1")
    assert s.bootstrap is not None and s.bootstrap.replicates == 1000
    assert s.statement() == sev["statement"]
