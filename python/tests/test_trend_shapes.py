"""Diagnostics, HAC intervals and shapes (step, regime changes, the no-break bootstrap) against
the independent implementations of tests/reference/trend_reference.py (statsmodels GLM with
cov_type="HAC", acf/acorr_ljungbox, a brute-force break search with one GLM per break year,
and a numpy bootstrap of the sup-LR test)."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

import conflictstats as cs

pytest.importorskip("statsmodels")

ROOT = Path(__file__).resolve().parents[2]
# Poisson draws around 20·exp(0.03 t) (numpy default_rng(7)): no break.
NO_BREAK = [24, 18, 26, 19, 19, 23, 19, 26, 25, 28, 27, 31, 26, 36, 31, 34, 23, 33, 32, 23, 33]
NO_BREAK += [44, 41, 43, 40, 40, 63, 48, 55, 39]
NOISY = [9, 2, 0, 4, 1, 5, 0, 8, 4, 6, 12, 7, 9, 15, 11, 20, 14, 25, 18, 30]


@pytest.fixture(scope="module")
def ref() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "trend_reference", ROOT / "tests/reference/trend_reference.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def acd() -> cs.TrendResult:
    return cs.trend("ucdp-acd", version="25.1", year=2024, bootstrap=1000, seed=42)


@pytest.fixture(scope="module")
def acd_window(ref: ModuleType) -> tuple[list[int], list[float]]:
    years, counts = ref.acd_conflicts()  # counted by pandas, not by the Rust engine
    return ref.window(years, counts, 1995, 2024)


def close(got: float, want: float, rel: float = 1e-6) -> None:
    assert got == pytest.approx(want, rel=rel, abs=1e-12), (got, want)


def test_acd_v25_1_hac_and_diagnostics_match_statsmodels(
    acd: cs.TrendResult, ref: ModuleType, acd_window: tuple[list[int], list[float]]
) -> None:
    want = ref.hac_and_diagnostics(*acd_window)
    assert acd.hac["lags"] == want["hac_lags"] == 3 and acd.hac["lags_by_rule"]
    for fit in ("poisson", "negbin"):  # α̂ = 0 here: both are the Poisson GLM
        close(acd.hac[fit]["slope_se"], want["hac_slope_se"])
        close(acd.hac[fit]["ci_low"], want["hac_ci_low"])
        close(acd.hac[fit]["ci_high"], want["hac_ci_high"])
    d = acd.diagnostics["poisson"]
    assert d["acf"] == pytest.approx(want["acf"], rel=1e-9)
    assert d["ljung_box"]["lags"] == want["ljung_box_lags"] == 6
    close(d["ljung_box"]["statistic"], want["ljung_box_stat"])
    close(d["ljung_box"]["p_value"], want["ljung_box_p"])
    close(d["dispersion"], want["dispersion"])
    close(d["dispersion_p_value"], want["dispersion_p"])
    # The independence assumption fails, and the report says so in plain words.
    assert d["ljung_box"]["p_value"] < 0.001 and d["warnings"]
    assert any("autocorrelated" in w for w in acd.warnings)
    assert "too narrow" in acd.statement()


def test_negbin_hac_matches_statsmodels_on_an_overdispersed_series(ref: ModuleType) -> None:
    frame = pl.DataFrame({"year": list(range(2001, 2021)), "count": NOISY})
    t = cs.trend(frame, horizons=[10], label="noisy", hac_lags=2, ljung_box_lags=4)
    alpha = t.negbin["alpha"]
    assert alpha > 0
    want = ref.hac_and_diagnostics(list(range(2001, 2021)), NOISY, alpha, hac_lags=2, lb_lags=4)
    close(t.negbin["slope"], want["slope"])
    close(t.hac["negbin"]["slope_se"], want["hac_slope_se"])
    close(t.hac["negbin"]["ci_low"], want["hac_ci_low"])
    assert t.hac["lags"] == 2 and not t.hac["lags_by_rule"]
    d = t.diagnostics["negbin"]
    assert d["acf"] == pytest.approx(want["acf"], rel=1e-6)
    close(d["ljung_box"]["statistic"], want["ljung_box_stat"])
    assert not d["ljung_box"]["lags_by_rule"]


def test_acd_v25_1_break_search_matches_brute_force(
    acd: cs.TrendResult, ref: ModuleType, acd_window: tuple[list[int], list[float]]
) -> None:
    want = ref.break_search(*acd_window, min_segment=5)
    shapes = acd.shapes
    assert shapes is not None
    fits = {b["shape"]: b for b in shapes["breaks"]}
    for shape in ("step", "regime", "two_regimes"):
        assert fits[shape]["break_years"] == want[shape]["break_years"], shape
        close(fits[shape]["log_likelihood"], want[shape]["log_likelihood"], 1e-9)
        close(fits[shape]["aic"], want[shape]["aic"], 1e-9)
    for shape in ("step", "regime"):
        profile = {p["year"]: p["log_likelihood"] for p in fits[shape]["profile"][0]}
        assert set(profile) == set(want[shape]["profile"])
        for year, llf in want[shape]["profile"].items():
            close(profile[year], llf, 1e-8)
    close(shapes["exponential"]["log_likelihood"], want["exponential_log_likelihood"], 1e-9)
    close(shapes["no_break"]["statistic"], want["sup_lr"], 1e-8)
    assert shapes["no_break"]["break_year"] == 2014


def within_mc(got: float, want: float, replicates: int) -> None:
    """Two bootstrap p-values with independent random numbers agree within 4 standard
    errors of their difference (plus one replicate)."""
    p = (got + want) / 2
    tol = 4 * math.sqrt(2 * p * (1 - p) / replicates) + 1 / replicates
    assert abs(got - want) <= tol, (got, want, tol)


def test_acd_v25_1_no_break_bootstrap_within_monte_carlo_error(
    acd: cs.TrendResult, ref: ModuleType, acd_window: tuple[list[int], list[float]]
) -> None:
    nb = acd.shapes["no_break"] if acd.shapes else None
    assert nb is not None and nb["replicates"] == 1000 and nb["seed"] == 42
    want = ref.no_break_bootstrap(acd_window[1], acd.negbin["alpha"], replicates=1000)
    close(nb["statistic"], want["statistic"], 1e-8)
    within_mc(nb["parametric"]["p_value"], want["parametric"], 1000)
    within_mc(nb["block"]["p_value"], want["block"], 1000)
    assert nb["parametric"]["p_value"] < 0.01 and nb["naive_p_value"] < nb["block"]["p_value"]
    assert acd.shape == "step" and acd.break_years == [2014]
    low, high = acd.break_intervals[0]
    assert low <= 2014 <= high


def test_no_break_series_keeps_one_curve(ref: ModuleType) -> None:
    frame = pl.DataFrame({"year": list(range(1995, 2025)), "count": NO_BREAK})
    t = cs.trend(frame, label="no break", seed=3, horizons=[15])
    nb = t.shapes["no_break"] if t.shapes else None
    assert nb is not None
    want = ref.no_break_bootstrap([float(v) for v in NO_BREAK], t.negbin["alpha"])
    close(nb["statistic"], want["statistic"], 1e-8)
    within_mc(nb["parametric"]["p_value"], want["parametric"], 1000)
    within_mc(nb["block"]["p_value"], want["block"], 1000)
    # The naive χ² p-value is much smaller than the one that allows for the search.
    assert nb["naive_p_value"] < nb["parametric"]["p_value"] / 2
    assert t.shape == "exponential" and t.break_years == []
    assert "no break detected" in t.statement()


def test_one_list_of_models_everywhere(acd: cs.TrendResult) -> None:
    keys = [m["key"] for m in acd.models]
    assert keys == [
        "exponential_negbin",
        "exponential_poisson",
        "linear",
        "step",
        "regime",
        "two_regimes",
    ]
    assert [m["key"] for m in acd.models if m["chosen"]] == ["step"]
    assert min(m["delta_aic"] for m in acd.models) == 0
    models = next(s for s in acd.sections if s["key"] == "models")
    assert len(models["rows"]) == len(acd.models)
    text = str(acd)
    for m in acd.models:
        assert m["name"] in text
    assert acd.to_dict()["models"] == acd.models
    # The statement quotes the widest autocorrelation-robust interval and names it.
    q = acd.quoted_interval
    assert q["method"] in ("hac", "block_bootstrap")
    robust = [i for i in acd.models[0]["intervals"] if i["method"] in ("hac", "block_bootstrap")]
    assert q["high"] - q["low"] == max(i["high"] - i["low"] for i in robust)
    assert "moving-block bootstrap" in acd.statement()


def test_shape_arguments_are_checked() -> None:
    with pytest.raises(cs.SpecError, match="min_segment"):
        cs.trend(min_segment=1)
    with pytest.raises(cs.SpecError, match="hac_lags"):
        cs.trend(hac_lags=-1)
    with pytest.raises(cs.SpecError, match="shapes"):
        cs.trend(shapes="yes")  # type: ignore[arg-type]
    assert cs.trend(shapes=False).shapes is None
    t = cs.trend(break_bootstrap=0)
    assert t.shapes is not None and t.shapes["no_break"]["parametric"] is None
    assert "breaks not tested" in t.statement()
