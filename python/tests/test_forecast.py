"""cs.forecast: every trend model's predictive distribution, the backtest and the release
test. References: statsmodels' GLM get_prediction (means and mean intervals), properscoring's
crps_ensemble, and coverage / MAE recomputed here from the scored cases. Every figure names
and pins its release (ACD v26.1, or v25.1 → v26.1)."""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

import conflictstats as cs
from conflictstats import _conflictstats as _native

sm = pytest.importorskip("statsmodels.api")
properscoring = pytest.importorskip("properscoring")


@pytest.fixture(scope="module")
def v26() -> cs.ForecastResult:
    return cs.forecast(version="26.1", backtest=2015, bootstrap=200)


def _window(version: str, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
    df = cs.count(version=version).filter(pl.col("year").is_between(first, last))
    return df["year"].to_numpy().astype(float), df["conflicts"].to_numpy().astype(float)


def test_acd_v26_1_forecasts_2026_to_2030_from_every_model(v26: cs.ForecastResult) -> None:
    assert (v26.origin, v26.window) == (2025, (1996, 2025))
    assert v26.unit == "conflict"
    assert v26.release == "ucdp-acd v26.1"
    f = v26.forecasts
    assert sorted(f["model"].unique().to_list()) == sorted(
        [
            "exponential_negbin",
            "exponential_poisson",
            "linear",
            "step",
            "regime",
            "two_regimes",
            "last_value",
            "mean_of_last",
        ]
    )
    assert f["year"].min() == 2026 and f["year"].max() == 2030
    ordered = f.select(
        (pl.col("low95") <= pl.col("low80"))
        & (pl.col("low80") <= pl.col("low50"))
        & (pl.col("low50") <= pl.col("median"))
        & (pl.col("median") <= pl.col("high50"))
        & (pl.col("high50") <= pl.col("high80"))
        & (pl.col("high80") <= pl.col("high95"))
    )
    assert ordered.to_series().all()
    assert v26.break_years["step"] == [2014]
    assert set(v26.autocorrelation) >= {"exponential_negbin", "step"}


def _glm_reference(family: object) -> tuple[np.ndarray, np.ndarray]:
    years, y = _window("26.1", 1996, 2025)
    center = years.mean()
    x = sm.add_constant(years - center)
    fit = sm.GLM(y, x, family=family).fit(tol=1e-12)
    future = sm.add_constant(np.arange(2026, 2031, dtype=float) - center, has_constant="add")
    frame = fit.get_prediction(future).summary_frame(alpha=0.05)
    return frame["mean"].to_numpy(), frame[["mean_ci_lower", "mean_ci_upper"]].to_numpy()


def _ours(r: cs.ForecastResult, model: str) -> tuple[np.ndarray, np.ndarray]:
    f = r.forecasts.filter(pl.col("model") == model).sort("year")
    return (
        f["fitted_mean"].to_numpy(),
        f.select("fitted_mean_low", "fitted_mean_high").to_numpy(),
    )


def test_acd_v26_1_poisson_forecast_equals_statsmodels_get_prediction(
    v26: cs.ForecastResult,
) -> None:
    mean, ci = _glm_reference(sm.families.Poisson())
    got_mean, got_ci = _ours(v26, "exponential_poisson")
    np.testing.assert_allclose(got_mean, mean, rtol=1e-7)
    np.testing.assert_allclose(got_ci, ci, rtol=1e-6)


def test_acd_v26_1_negbin_forecast_equals_statsmodels_get_prediction_same_alpha(
    v26: cs.ForecastResult,
) -> None:
    years, y = _window("26.1", 1996, 2025)
    x = sm.add_constant(years - years.mean())
    nb = sm.NegativeBinomial(y, x, loglike_method="nb2").fit(disp=0, maxiter=500)
    alpha = float(nb.params[-1])
    mean, ci = _glm_reference(sm.families.NegativeBinomial(alpha=alpha))
    got_mean, got_ci = _ours(v26, "exponential_negbin")
    np.testing.assert_allclose(got_mean, mean, rtol=1e-5)
    np.testing.assert_allclose(got_ci, ci, rtol=1e-5)


def test_acd_v26_1_linear_forecast_equals_statsmodels_identity_link(
    v26: cs.ForecastResult,
) -> None:
    link = sm.families.links.Identity()
    mean, ci = _glm_reference(sm.families.Poisson(link=link))
    got_mean, got_ci = _ours(v26, "linear")
    np.testing.assert_allclose(got_mean, mean, rtol=1e-6)
    np.testing.assert_allclose(got_ci, ci, rtol=1e-4)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_crps_equals_properscoring_crps_ensemble(seed: int) -> None:
    rng = np.random.default_rng(seed)
    sample = rng.poisson(60, size=501).astype(float)
    for observed in (40.0, 60.0, 61.5, 90.0):
        want = float(properscoring.crps_ensemble(observed, sample))
        assert _native.crps_ensemble(sample.tolist(), observed) == pytest.approx(want, rel=1e-12)


def test_acd_v26_1_backtest_coverage_and_mae_recomputed(v26: cs.ForecastResult) -> None:
    cases, scores = v26.cases, v26.scores
    assert v26.backtest_years == (2015, 2024)
    assert cases["origin"].min() == 2015 and cases["origin"].max() == 2024
    for (model, h), group in cases.group_by(["model", "horizon"]):
        obs = group["observed"].to_numpy()
        row = scores.filter((pl.col("model") == model) & (pl.col("horizon") == h))
        assert row["n"].item() == group.height
        for level in ("50", "80", "95"):
            lo, hi = group[f"low{level}"].to_numpy(), group[f"high{level}"].to_numpy()
            inside = float(np.mean((lo <= obs) & (obs <= hi)))
            assert row[f"coverage{level}"].item() == pytest.approx(inside, abs=1e-12)
        mae = float(np.mean(np.abs(group["median"].to_numpy() - obs)))
        assert row["mae_median"].item() == pytest.approx(mae, rel=1e-12)
        assert row["crps"].item() == pytest.approx(group["crps"].mean(), rel=1e-12)
    # 2015–2024 origins, 1 year ahead: every year 2016–2025 of v26.1 observed once.
    h1 = cases.filter((pl.col("model") == "step") & (pl.col("horizon") == 1))
    assert h1["year"].to_list() == list(range(2016, 2026))
    assert h1.filter(pl.col("year") == 2025)["observed"].item() == 65
    assert v26.verdict is not None
    assert "Out of sample" in v26.verdict.sentence


def test_acd_v25_1_origin_2024_scored_on_v26_1_65() -> None:
    f = cs.forecast(version="25.1", origin=2024, backtest=None, bootstrap=100)
    assert f.origin == 2024 and f.release == "ucdp-acd v25.1"
    assert f.release_test is not None
    assert f.release_test.next["version"] == "26.1"
    rel = f.release_cases
    assert set(rel["year"].to_list()) == {2025}
    assert set(rel["observed"].to_list()) == {65.0}
    # v26.1 revised 2024 from 61 to 59 (README).
    assert (2024, 61.0, 59.0) in f.release_test.revisions
    assert f.release_test.sentence.startswith("2025 observed 65")


def test_forecast_is_deterministic_and_seeded() -> None:
    a = cs.forecast(version="26.1", backtest=None, bootstrap=50, seed=7).forecasts
    b = cs.forecast(version="26.1", backtest=None, bootstrap=50, seed=7).forecasts
    c = cs.forecast(version="26.1", backtest=None, bootstrap=50, seed=8).forecasts
    assert a.equals(b)
    assert not a.equals(c)


def test_bad_horizon_is_a_spec_error() -> None:
    with pytest.raises(cs.SpecError, match="horizon"):
        cs.forecast(version="26.1", horizon=0, backtest=None)


def test_plot_and_html(v26: cs.ForecastResult) -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    ax = v26.plot()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("CRPS" in t for t in labels)
    # The house style's source line names the release (UCDP/PRIO ACD v26.1), as does the title.
    assert "UCDP/PRIO ACD v26.1" in "".join(t.get_text() for t in ax.texts)
    assert "UCDP/PRIO ACD v26.1" in ax.get_title().replace("\n", " ")
    assert "Forecasts" in v26._repr_html_()


def test_acd_v26_1_trend_backtest_gives_the_forecasts_predictive_verdict() -> None:
    # ACD v26.1 (pinned): cs.trend(backtest=FROM) reports the same predictive verdict as
    # cs.forecast with the same origins, seed and replicates (1,000, the CLI's default).
    # Origins 2020–2024: every horizon 1–5 has a scored year (a verdict needs them all).
    t = cs.trend(version="26.1", backtest=2020, bootstrap=None, break_bootstrap=20, seed=7)
    f = cs.forecast(version="26.1", backtest=2020, bootstrap=1000, seed=7)
    assert t.predictive_verdict is not None and f.verdict is not None
    assert t.predictive_verdict == f.verdict
    assert "exponential" in t.predictive_verdict.sentence
    assert [s["key"] for s in t.sections].count("predictive") == 1
    assert cs.trend(version="26.1", bootstrap=None, break_bootstrap=20).predictive_verdict is None
