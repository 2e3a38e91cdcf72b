"""cs.flows, cs.rates and cs.severity against independent implementations run here:
tests/reference/flows_reference.py (pandas on the raw CSVs, statsmodels) and
tests/reference/severity_reference.py (the `powerlaw` package 2.0.0). Every figure names its
release."""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from types import ModuleType

import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
# powerlaw warns on every fit (deprecated attributes, integer data fitted as continuous).
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::UserWarning")


def _reference(name: str) -> ModuleType:
    path = ROOT / "tests" / "reference" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def flows_ref() -> ModuleType:
    pytest.importorskip("statsmodels")
    return _reference("flows_reference")


@pytest.fixture(scope="module")
def severity_ref() -> ModuleType:
    pytest.importorskip("powerlaw")
    return _reference("severity_reference")


def test_acd_v25_1_stock_flow_equals_pandas(flows_ref: ModuleType) -> None:
    ref = flows_ref.stock_flow(flows_ref.acd())
    got = cs.flows(version="25.1").to_polars()
    assert got["year"].to_list() == list(ref.index)
    for col in ("active", "onsets", "new_conflicts", "terminations"):
        assert got[col].to_list() == ref[col].tolist(), col
    for a, b in zip(got["mean_duration"].to_list(), ref["mean_duration"].tolist()):
        assert math.isclose(a, b, rel_tol=1e-12)


def test_acd_v25_1_decomposition_2010_2024_equals_pandas(flows_ref: ModuleType) -> None:
    ref = flows_ref.decompose(flows_ref.stock_flow(flows_ref.acd()), 2010, 2024, (1997, 2010))
    d = cs.flows(version="25.1", years=(2010, 2024)).decomposition
    assert d.base_years == (1997, 2010)
    assert d.change == ref["change"] == 30
    for key in ("more_onsets", "fewer_terminations", "longer_durations", "stock_feedback"):
        assert math.isclose(getattr(d, key), ref[key], rel_tol=1e-9, abs_tol=1e-12), key
    parts = d.more_onsets + d.fewer_terminations + d.longer_durations + d.stock_feedback
    assert math.isclose(parts, d.change, abs_tol=1e-9)
    assert "More conflicts started" in d.statement and "wars" not in d.statement


def test_rates_1989_2023_acd_v25_1_nonstate_onesided_v24_1_equal_statsmodels(
    flows_ref: ModuleType,
) -> None:
    years = list(range(1989, 2024))
    states = flows_ref.states(years)
    # cs.rates reads one release per dataset: 24.1 for the Non-State and One-sided data.
    r = cs.rates(["non_state", "one_sided"], years=(1989, 2023), version="24.1")
    assert r.states == states
    for form in ("non_state", "one_sided"):
        y = flows_ref.counts(form, years)
        ref = flows_ref.rate_fits(y, years, states)
        fit = r.forms[form].rate_fit
        assert fit is not None
        assert r.to_polars().filter(form=form)["count"].to_list() == [int(v) for v in y]
        for model in ("poisson", "negbin"):
            assert math.isclose(getattr(fit, model).slope, ref[model]["slope"], rel_tol=1e-6)
            assert math.isclose(getattr(fit, model).slope_se, ref[model]["se"], rel_tol=1e-6)
            assert math.isclose(getattr(fit, model).log_likelihood, ref[model]["llf"], rel_tol=1e-9)
    # The state-based types come from ACD v25.1.
    r25 = cs.rates(["intrastate", "state_based"], years=(1989, 2023), version="25.1")
    for form in ("intrastate", "state_based"):
        ref = flows_ref.rate_fits(flows_ref.counts(form, years), years, states)
        fit = r25.forms[form].rate_fit
        assert fit is not None
        assert math.isclose(fit.negbin.slope, ref["negbin"]["slope"], rel_tol=1e-6)
        assert math.isclose(fit.negbin.slope_se, ref["negbin"]["se"], rel_tol=1e-6)


def test_rates_reject_unknown_forms() -> None:
    with pytest.raises(cs.SpecError):
        cs.rates(["civil_war"])


@pytest.mark.parametrize("version", ["25.1", "24.1"])  # conflict-level, dyadic
@pytest.mark.parametrize("unit", ["conflict_year", "conflict"])
def test_brd_power_law_equals_powerlaw_package(
    severity_ref: ModuleType, unit: str, version: str
) -> None:
    x = (
        severity_ref.conflict_year_deaths(version)
        if unit == "conflict_year"
        else severity_ref.conflict_deaths(version)
    )
    ref = severity_ref.reference(x)
    s = cs.severity(version=version, unit=unit)
    assert (s.x_min, s.n_tail) == (ref["x_min"], ref["n_tail"])
    assert math.isclose(s.alpha, ref["alpha"], rel_tol=1e-12)
    assert math.isclose(s.ks_distance, ref["ks_distance"], rel_tol=1e-9)
    assert math.isclose(s.lognormal.mu, ref["lognormal"]["mu"], abs_tol=1e-4)
    assert math.isclose(s.lognormal.sigma, ref["lognormal"]["sigma"], abs_tol=1e-4)
    v = s.vuong
    assert math.isclose(v.log_likelihood_ratio, ref["vuong"]["R"], abs_tol=1e-6)
    assert math.isclose(v.normalized_ratio, ref["vuong"]["normalized"], abs_tol=1e-6)
    assert math.isclose(v.p_value, ref["vuong"]["p"], abs_tol=1e-6)
    assert s.to_polars().height == ref["n"]


def test_brd_v24_1_bootstrap_within_monte_carlo_error(severity_ref: ModuleType) -> None:
    # Two independent streams (numpy PCG64 with powerlaw's fits; the core's xoshiro): they
    # agree within Monte-Carlo error, 3 standard errors of the difference.
    x = severity_ref.conflict_year_deaths("24.1")
    n_ref, n_got = 60, 200
    ref = severity_ref.reference(x, replicates=n_ref, seed=7)["bootstrap"]
    s = cs.severity(version="24.1", bootstrap=n_got, seed=42)
    assert s.gof_p_value is not None and s.alpha_se is not None
    p = (ref["gof_p"] * n_ref + s.gof_p_value * n_got) / (n_ref + n_got)
    se_p = math.sqrt(max(p * (1 - p), 0.01) * (1 / n_ref + 1 / n_got))
    assert abs(s.gof_p_value - ref["gof_p"]) < 3 * se_p
    se_se = ref["alpha_se"] * math.sqrt(1 / (2 * n_ref) + 1 / (2 * n_got))
    assert abs(s.alpha_se - ref["alpha_se"]) < 3 * se_se
    again = cs.severity(version="24.1", bootstrap=n_got, seed=42)
    assert (again.alpha_se, again.gof_p_value) == (s.alpha_se, s.gof_p_value)


def test_severity_rejects_bad_options() -> None:
    with pytest.raises(cs.SpecError):
        cs.severity(unit="dyad")
    with pytest.raises(cs.SpecError):
        cs.severity(estimate="median")
    with pytest.raises(cs.SpecError):
        cs.severity(bootstrap=-1)


def test_acd_v25_1_trend_report_has_the_stock_flow_section() -> None:
    t = cs.trend(version="25.1", year=2024)
    sf = next(s for s in t.sections if s["key"] == "stock_flow")
    assert sf["title"].startswith("Stock and flow 2009→2024")
    assert sf["rows"][0] == ["change in active conflicts", "+24.0"]
    assert "Stock and flow 2009→2024" in t._repr_html_()
    # Not for another unit.
    keys = [s["key"] for s in cs.trend(version="25.1", unit="country").sections]
    assert "stock_flow" not in keys
