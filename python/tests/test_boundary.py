"""Results cross the Rust–Python boundary typed: native mirrors of the Rust structs (no JSON
picked apart by key), turned into dataclasses and TypedDicts whose fields are exactly the Rust
fields — a field added in Rust fails here until the Python types name it."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import polars as pl
import pytest

import conflictstats as cs
from conflictstats import _conflictstats as _native
from conflictstats import _flows, _metadata, _trend
from conflictstats._metadata import native_fields


def _cli_hint(text: str) -> str:
    """A Python message with the CLI's hint: `cs.fetch("X", "V")` → `conflictstats fetch X V`."""
    import re

    text = re.sub(r'cs\.fetch\("([^"]+)", "([^"]+)"\)', r"conflictstats fetch \1 \2", text)
    return re.sub(r'cs\.fetch\(dataset, "([^"]+)"\)', r"conflictstats fetch DATASET \1", text)


def keys(td: Any) -> list[str]:
    return sorted(td.__annotations__)


@pytest.fixture(scope="module")
def report() -> _native.TrendReport:
    return _native.trend("conflict", version="25.1", year=2024)


def test_trend_types_cover_the_rust_fields_acd_v25_1(report: _native.TrendReport) -> None:
    rust = json.loads(report.json())  # serde: the Rust structs' field names
    pairs = [
        (_trend.PoissonFit, report.poisson, rust["poisson"]),
        (_trend.NegBinFit, report.negbin, rust["negbin"]),
        (_trend.LinearFit, report.linear, rust["linear"]),
        (_trend.AicComparison, report.aic, rust["aic"]),
        (_trend.HacSummary, report.hac, rust["hac"]),
        (_trend.HacInterval, report.hac.negbin, rust["hac"]["negbin"]),
        (_trend.QuotedInterval, report.quoted, rust["quoted"]),
        (_metadata.ProvenanceDict, report.dataset, rust["dataset"]),
    ]
    for td, native, serde in pairs:
        assert keys(td) == native_fields(native) == sorted(serde), td.__name__
    horizon = [f.name for f in dataclasses.fields(cs.Horizon)]
    assert sorted(horizon) == native_fields(report.horizons[0]) == sorted(rust["horizons"][0])


def test_trend_result_reads_the_native_values_acd_v25_1(report: _native.TrendReport) -> None:
    t = cs.trend(version="25.1", year=2024)
    assert t.negbin["growth_rate"] == report.negbin.growth_rate
    assert t.horizons[0] == cs.Horizon(
        **{f: getattr(report.horizons[0], f) for f in native_fields(report.horizons[0])}
    )
    assert t.hac["negbin"] is not None and t.hac["negbin"]["ci_low"] < t.growth_rate
    # One meaning per name: the report's verdict is the shape; the AIC's one-curve-vs-line
    # comparison has its own name.
    assert t.exponential_vs_linear == report.aic.verdict == "exponential"
    assert t.shapes is not None
    assert t.shape == t.shapes["verdict"]["shape"] == "step"
    assert t.verdict_sentence is not None and f"Verdict: {t.verdict_sentence}." in str(t)
    assert not hasattr(t, "verdict")
    assert t.dataset is not None and t.dataset["version"] == "25.1"
    # The stock-and-flow part read the G&W list: the report names it.
    assert [d["name"] for d in t.other_datasets] == ["gw-states"]


def test_count_metadata_is_native_acd_v25_1() -> None:
    _df, meta, _table = _native.count("legal_relationship", version="25.1", years=(2024, 2024))
    assert type(meta).__name__ == "CountMetadata"
    assert meta.spec.unit == "legal_relationship" and meta.spec.filters.from_year == 2024
    assert (meta.dataset.name, meta.dataset.version) == ("ucdp-dyadic", "25.1")
    assert [d.name for d in meta.other_datasets] == ["ucdp-nonstate"]
    assert keys(_metadata.CountSpecDict) == native_fields(meta.spec)
    assert keys(_metadata.FiltersDict) == native_fields(meta.spec.filters)
    # cs.provenance: the same values as plain TypedDicts
    counted = cs.count(version="25.1", unit="legal_relationship", years=2024)
    m = cs.provenance(counted)
    assert m["spec"]["unit"] == "legal_relationship"
    assert m["other_datasets"][0]["name"] == "ucdp-nonstate"
    assert set(native_fields(meta)) <= set(keys(_metadata.Metadata))


def test_panel_metadata_is_native_and_keyword_only_acd_v25_1() -> None:
    with pytest.raises(TypeError):
        _native.panel("state-year", None, 1, False, False, False)  # type: ignore[misc]
    _, meta = _native.panel("state-year", years=(2020, 2024), acd_version="25.1")
    assert type(meta).__name__ == "PanelMetadata"
    assert meta.spec.years == (2020, 2024) and meta.conflict_data.version == "25.1"
    assert meta.state_list_fill is not None and meta.state_list_fill.last_panel_year == 2024
    assert keys(_metadata.PanelSpecDict) == native_fields(meta.spec)
    assert keys(_metadata.StateListFillDict) == native_fields(meta.state_list_fill)
    assert set(native_fields(meta)) <= set(keys(_metadata.Metadata))
    m = cs.provenance(cs.panel_conflict_year(years=2024, version="25.1"))
    assert m["panel"] == "conflict-year" and m["coverage"] == (1946, 2024)
    assert "state_list" in m and m["state_list"] is None


def test_unknown_panel_kind_is_the_cores_error() -> None:
    with pytest.raises(cs.SpecError, match="unknown panel `country-year`; expected state-year"):
        _native.panel("country-year")
    assert _native.panel_kinds() == [
        "state-year",
        "dyad-year",
        "conflict-year",
        "conflict-dyad-year",
    ]


def test_events_metadata_is_native_ged_sample() -> None:
    with pytest.raises(TypeError):
        _native.aggregate_events("country", "year")  # type: ignore[misc]
    _, meta = _native.aggregate_events(unit="country", period="month")
    assert type(meta).__name__ == "EventsMetadata"
    assert (meta.spec.unit, meta.spec.period, meta.spec.attribution) == (
        "country",
        "month",
        "split_even",
    )
    assert meta.provenance is not None and meta.provenance.name == "ucdp-ged-sample"
    assert keys(_metadata.AggregateSpecDict) == native_fields(meta.spec)
    assert keys(_metadata.SumsDict) == native_fields(meta.excluded)
    assert set(native_fields(meta)) <= set(keys(_metadata.Metadata))
    m = cs.provenance(cs.aggregate_events(max_date_prec=1))
    assert m["spec"]["max_date_prec"] == 1 and m["excluded"]["events"] > 0


def test_provenance_types_cover_the_rust_fields() -> None:
    _df, prov, _warnings, _extra = _native.load_dataset("ucdp-acd", "25.1")
    assert keys(_metadata.ProvenanceDict) == native_fields(prov)
    fields = sorted(f.name for f in dataclasses.fields(cs.Provenance))
    assert fields == native_fields(prov)
    assert prov.label() == "UCDP/PRIO Armed Conflict Dataset v25.1"


def test_literal_types_equal_the_cores_tables() -> None:
    # The Literal types of the public signatures are the core's own tables (no drift).
    import typing

    from conflictstats._metadata import GroupBy, PanelKind, UnitKey

    assert list(typing.get_args(UnitKey)) == [u.key for u in _native.units()]
    assert list(typing.get_args(PanelKind)) == _native.panel_kinds()
    for by in typing.get_args(GroupBy):  # every grouping is accepted by the core
        assert cs.count(version="25.1", by=by, years=2024).columns[1] == by
    with pytest.raises(cs.SpecError):
        cs.count(version="25.1", by="decade", years=2024)  # type: ignore[arg-type]


def test_event_and_dataset_literals_equal_the_cores_tables() -> None:
    # EventUnitKey, Period, Attribution and DatasetName are the core's tables, in its order,
    # and each key is the spelling the result's metadata reads back.
    import typing

    tables = _native.key_tables()
    assert list(typing.get_args(cs.EventUnitKey)) == tables["event_unit"]
    assert list(typing.get_args(cs.Period)) == tables["period"]
    assert list(typing.get_args(cs.Attribution)) == tables["attribution"]
    assert list(typing.get_args(cs.DatasetName)) == tables["dataset"]
    assert list(cs.FORMS) == tables["form"]
    assert list(typing.get_args(_flows.SeverityUnit)) == tables["severity_unit"]
    assert list(typing.get_args(_flows.Estimate)) == tables["estimate"]
    assert list(typing.get_args(cs.PanelRole)) == tables["role"]
    assert list(typing.get_args(cs.ByteIdentity)) == tables["byte_identity"]
    for unit in tables["event_unit"]:
        t = cs.aggregate_events(unit=unit, period="year", attribution="end_month")
        spec = cs.provenance(t)["spec"]
        assert (spec["unit"], spec["period"], spec["attribution"]) == (unit, "year", "end_month")
    for name in tables["dataset"]:
        assert cs.cite(name).bibtex.startswith("@")


def _json_plain(obj: object) -> Any:
    return json.loads(json.dumps(_metadata.plain(obj)))


def test_flows_rates_severity_cross_typed_and_equal_the_cli_acd_v25_1(cli: Any) -> None:
    # No JSON between Rust and Python: the core's structs arrive as typed mirrors, and what
    # they hold is exactly what the CLI's JSON result holds (one rule, two doors).
    import subprocess

    def cli_json(*args: str) -> Any:
        out = subprocess.run(
            [str(cli), *args, "--format", "json"], capture_output=True, text=True, check=True
        )
        return json.loads(out.stdout)

    _, sf, d = _native.flows(name="ucdp-acd", version="25.1", from_year=2010, to_year=2024)
    assert (type(sf).__name__, type(d).__name__) == ("StockFlow", "Decomposition")
    doc = cli_json("flows", "--version", "25.1", "--from", "2010", "--to", "2024")
    assert _json_plain(d) == doc["result"]["decomposition"]
    f = cs.flows(version="25.1", years=(2010, 2024))
    assert isinstance(f.dataset, cs.Provenance) and f.dataset.version == "25.1"
    assert f.to_dict()["decomposition"]["from_year"] == 2010

    _, rates = _native.rates(["non_state", "one_sided"], window=(1989, 2023), version="25.1")
    assert type(rates).__name__ == "RatesReport"
    doc = cli_json(
        "rates", "--forms", "non_state,one_sided", "--window", "1989-2023", "--version", "25.1"
    )
    forms = doc["result"]["forms"]
    assert [f["key"] for f in forms] == [f.key for f in rates.forms]
    for got, want in zip(rates.forms, forms):
        assert _json_plain(got.rate) == want["rate"]
        assert _json_plain(got.count_negbin) == want["count_negbin"]
        assert list(got.counts) == want["counts"]

    # The CLI's default bootstrap (1,000 replicates, seed 42), asked for explicitly.
    _, sev = _native.severity(version="25.1", unit="conflict", bootstrap=(1000, 42))
    assert type(sev).__name__ == "SeverityReport"
    doc = cli_json("severity", "--version", "25.1", "--unit", "conflict")
    plain = _json_plain(sev)
    keys = ("power_law", "lognormal", "vuong", "summary", "bootstrap", "statement", "unit")
    for key in (*keys, "estimate", "years", "zero_observations"):
        assert plain[key] == doc["result"][key], key
    s = cs.severity(version="25.1", unit="conflict")
    assert s.vuong.favours in ("power_law", "lognormal", "neither")
    assert s.to_dict()["power_law"] == _metadata.plain(sev.power_law)


def _json_keys(value: Any) -> Any:
    """``value`` (plain data) as its JSON would read back (tuples as lists)."""
    return json.loads(json.dumps(value))


def test_trend_parts_cross_typed_and_equal_the_reports_json_acd_v25_1() -> None:
    # The bootstrap, diagnostics, shape comparison, models and sections are native mirrors
    # (no JSON between Rust and Python), typed by TypedDicts that name exactly the Rust
    # fields, and hold what the report's JSON holds.
    report = _native.trend(
        "conflict", version="25.1", year=2024, bootstrap=(200, 7), shapes=(5, 99, 3)
    )
    rust = json.loads(report.json())
    shapes, boot = report.shapes, report.bootstrap
    assert shapes is not None and boot is not None
    brk = shapes.breaks[0]
    nb = shapes.no_break
    assert nb is not None and nb.parametric is not None and shapes.step_vs_regime is not None
    model = report.models[0]
    pairs: list[tuple[Any, Any, dict[str, Any]]] = [
        (_trend.BootstrapSummary, boot, rust["bootstrap"]),
        (_trend.Interval, boot.growth_block, rust["bootstrap"]["growth_block"]),
        (_trend.HorizonInterval, boot.horizons[0], rust["bootstrap"]["horizons"][0]),
        (_trend.FitDiagnostics, report.diagnostics, rust["diagnostics"]),
        (_trend.Diagnostics, report.diagnostics.poisson, rust["diagnostics"]["poisson"]),
        (
            _trend.LjungBox,
            report.diagnostics.poisson.ljung_box,
            rust["diagnostics"]["poisson"]["ljung_box"],
        ),
        (_trend.ShapeComparison, shapes, rust["shapes"]),
        (_trend.SimpleFit, shapes.exponential, rust["shapes"]["exponential"]),
        (_trend.BreakFit, brk, rust["shapes"]["breaks"][0]),
        (_trend.ProfilePoint, brk.profile[0][0], rust["shapes"]["breaks"][0]["profile"][0][0]),
        (
            _trend.YearInterval,
            brk.profile_intervals[0],
            rust["shapes"]["breaks"][0]["profile_intervals"][0],
        ),
        (_trend.NoBreakTest, nb, rust["shapes"]["no_break"]),
        (_trend.BootstrapP, nb.parametric, rust["shapes"]["no_break"]["parametric"]),
        (_trend.LrTest, shapes.step_vs_regime, rust["shapes"]["step_vs_regime"]),
        (_trend.ShapeVerdict, shapes.verdict, rust["shapes"]["verdict"]),
        (_trend.ModelRow, model, rust["models"][0]),
        (_trend.NamedInterval, model.intervals[0], rust["models"][0]["intervals"][0]),
        (_trend.Section, report.sections[0], rust["sections"][0]),
    ]
    for td, native, serde in pairs:
        assert keys(td) == native_fields(native) == sorted(serde), td.__name__
    # Segment: `from`/`to` in JSON (Python keywords), `from_year`/`to_year` here.
    segment, serde_segment = brk.segments[0], rust["shapes"]["breaks"][0]["segments"][0]
    renamed = {"from": "from_year", "to": "to_year"}
    assert keys(_trend.Segment) == native_fields(segment)
    assert native_fields(segment) == sorted(renamed.get(k, k) for k in serde_segment)

    t = cs.trend(version="25.1", year=2024, bootstrap=200, seed=7, break_bootstrap=99)
    whole = t.to_dict()
    assert _json_keys(t.bootstrap) == whole["bootstrap"]
    assert _json_keys(t.diagnostics) == whole["diagnostics"]
    assert _json_keys(t.models) == whole["models"]
    assert _json_keys(t.sections) == whole["sections"]
    assert t.shapes is not None
    assert _json_keys(t.shapes["verdict"]) == whole["shapes"]["verdict"]
    got = t.shapes["breaks"][0]["segments"][0]
    want = whole["shapes"]["breaks"][0]["segments"][0]
    assert (got["from_year"], got["to_year"]) == (want["from"], want["to"])
    assert t.shape == t.shapes["verdict"]["shape"] == "step"


def test_event_metadata_crosses_typed_ged_v23_1_sample(tmp_path: Any) -> None:
    # The metadata of a partial, a streamed aggregation and an ACLED aggregation are native
    # objects named by their Rust fields, not JSON documents.
    part = cs.aggregate_events_partial(unit="country", period="year")
    _df, meta = part._native.frame()
    assert type(meta).__name__ == "EventsMetadata"
    assert meta.provenance is not None and meta.provenance.name == "ucdp-ged-sample"
    prov = part._native.provenance
    assert prov is not None and prov.sha256 == meta.provenance.sha256
    assert set(native_fields(meta)) <= set(keys(_metadata.Metadata))

    events = cs.load("ucdp-ged-sample")
    stream = _native.EventStream("country", "year", "split_even", 5)
    stream.push(events)
    _, smeta = stream.finish()
    assert type(smeta).__name__ == "StreamMetadata"
    assert (smeta.events_read, smeta.batches) == (events.height, 1)
    assert set(native_fields(smeta)) <= set(keys(_metadata.Metadata))
    assert keys(_metadata.AggregateSpecDict) == native_fields(smeta.spec)


def test_claim_check_crosses_typed_and_equals_the_cli_acd_v25_1(cli: Any) -> None:
    # The check is a native object: the claim, part summaries, shape checks and the ICRC
    # comparison are mirrors named by the Rust fields; the readings frame (built in Rust)
    # holds the rows of the CLI's `check --format json`.
    import subprocess

    from conflictstats import _check

    native = _native.check_claim(releases=["25.1"], replicates=50, seed=42)
    rust = json.loads(native.json())
    claim, part = native.claim, native.parts[0]
    series = native.explanation[0]
    pairs: list[tuple[Any, Any, dict[str, Any]]] = [
        (_check.ClaimDict, claim, rust["claim"]),
        (_check.Publication, claim.source, rust["claim"]["source"]),
        (_check.RatioPart, claim.ratios[0], rust["claim"]["ratios"][0]),
        (_check.PartSummary, part, rust["parts"][0]),
        (_check.FigureDict, part.figure, rust["parts"][0]["figure"]),
        (_check.SeriesComparison, series, rust["explanation"][0]),
        (_check.IcrcPoint, series.points[0], rust["explanation"][0]["points"][0]),
        (_check.UnitIndex, series.units[0], rust["explanation"][0]["units"][0]),
        (_check.IndexedIcrcPoint, native.indexed_icrc[0], rust["indexed_icrc"][0]),
    ]
    for td, obj, serde in pairs:
        # serde leaves out unset optional claim fields; the mirror names them all.
        assert keys(td) == native_fields(obj), td.__name__
        assert set(serde) <= set(native_fields(obj)), td.__name__
    shape = native.shapes[0]
    assert sorted(_check.ShapeCheck.__annotations__) == sorted(rust["shapes"][0])
    assert (
        shape.report is not None
        and shape.report.statement() == (rust["shapes"][0]["report"]["statement"])
    )
    c = cs.check(version="25.1", bootstrap=50)
    assert isinstance(c.shapes[0]["report"], cs.TrendResult)
    assert c.claim["date"] == rust["claim"]["date"] == "2026-03-06"
    args = [str(cli), "check", "--release", "25.1", "--bootstrap", "50", "--format", "json"]
    doc = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    # The same rows; only the fetch hint names each door's command (cs.fetch / conflictstats fetch).
    assert (
        c.readings.with_columns(pl.col("missing").map_elements(_cli_hint, pl.String)).to_dicts()
        == doc["rows"]
    )

    assert (c.readings.schema["reading"], c.readings.schema["year"]) == (pl.Int64, pl.Int32)
