//! `forecast`: the core's [`ForecastReport`] handed to Python as a native
//! [`PyForecastReport`] — typed getters (unit, provenance, origin, window, method, verdict)
//! and the forecasts, backtest scores, backtest cases and release test as the core's
//! DataFrames; conversion only.

use crate::types::{Mirror, PyProvenance, PyUnitInfo};
use crate::{count_table, json, run, spec};
use conflictstats::count::{Datasets, count_in};
use conflictstats::data::Sources;
use conflictstats::trend::forecast::{ForecastOptions, ForecastReport, later_release};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// The release test as Python sees it: the later release, `(year, previous, next)` of each
/// revised count, the sentence.
type ReleaseTestParts = (PyProvenance, Vec<(i32, f64, f64)>, String);

/// Forecasts from every trend model, their backtest and release test.
#[pyclass(
    name = "ForecastReport",
    module = "conflictstats._conflictstats",
    frozen
)]
pub(crate) struct PyForecastReport(ForecastReport);

#[pymethods]
impl PyForecastReport {
    /// The terminal report (as `conflictstats forecast`).
    fn render_text(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.render_text()))
    }
    /// The whole report as JSON.
    fn json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.0))
    }
    /// CSV rows (as `conflictstats forecast --format csv`).
    fn csv(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.to_csv()))
    }
    fn forecasts(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.forecasts_dataframe().map(PyDataFrame))
    }
    fn series(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.series_dataframe().map(PyDataFrame))
    }
    fn scores(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.scores_dataframe().map(PyDataFrame))
    }
    fn cases(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.cases_dataframe().map(PyDataFrame))
    }
    fn release_cases(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.release_dataframe().map(PyDataFrame))
    }
    #[getter]
    fn label(&self) -> String {
        self.0.label.clone()
    }
    #[getter]
    fn unit(&self) -> PyUnitInfo {
        self.0.unit.mirror()
    }
    #[getter]
    fn dataset(&self) -> PyProvenance {
        self.0.dataset.mirror()
    }
    #[getter]
    fn origin(&self) -> i32 {
        self.0.forecast.origin
    }
    #[getter]
    fn window(&self) -> (i32, i32) {
        (self.0.forecast.window_start, self.0.forecast.window_end)
    }
    #[getter]
    fn method(&self) -> String {
        self.0.forecast.method.clone()
    }
    /// `(model key, note)` of each trend model's residual autocorrelation (stated, not
    /// modelled).
    #[getter]
    fn autocorrelation(&self) -> Vec<(&'static str, String)> {
        self.0
            .forecast
            .models
            .iter()
            .filter_map(|m| {
                m.autocorrelation
                    .as_ref()
                    .map(|a| (m.model.key(), a.note.clone()))
            })
            .collect()
    }
    /// `(model key, break years)` of the break models.
    #[getter]
    fn break_years(&self) -> Vec<(&'static str, Vec<i32>)> {
        self.0
            .forecast
            .models
            .iter()
            .filter(|m| !m.break_years.is_empty())
            .map(|m| (m.model.key(), m.break_years.clone()))
            .collect()
    }
    /// `(best at h = 1, best overall, exponential model, sentence)` of the backtest.
    #[getter]
    fn verdict(&self) -> Option<VerdictTuple> {
        self.0
            .backtest
            .as_ref()?
            .verdict
            .as_ref()
            .map(verdict_tuple)
    }
    #[getter]
    fn backtest_years(&self) -> Option<(i32, i32)> {
        self.0.backtest.as_ref().map(|b| (b.from, b.to))
    }
    /// The release scored on, its revisions `(year, previous, next)` and the sentence.
    #[getter]
    fn release_test(&self) -> Option<ReleaseTestParts> {
        let t = self.0.release_test.as_ref()?;
        Some((
            t.next.as_ref()?.mirror(),
            t.revisions
                .iter()
                .map(|r| (r.year, r.previous, r.next))
                .collect(),
            t.sentence.clone(),
        ))
    }
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.0.forecast.notes.clone()
    }
}

/// `conflictstats forecast`.
#[pyfunction]
#[pyo3(signature = (unit, version=None, persistence=0, horizon=5, origin=None, window_years=30, backtest=None, against=None, bootstrap=1000, seed=42, mean_of_last=5, min_segment=5))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn forecast(
    py: Python<'_>,
    unit: &str,
    version: Option<&str>,
    persistence: u32,
    horizon: u32,
    origin: Option<i32>,
    window_years: usize,
    backtest: Option<i32>,
    against: Option<&str>,
    bootstrap: usize,
    seed: u64,
    mean_of_last: usize,
    min_segment: usize,
) -> PyResult<PyForecastReport> {
    let spec = spec(unit, None, None, &[], &[], &[], &[], persistence)
        .map_err(|e| crate::to_py(py, &e))?;
    let (table, _) = count_table(py, &spec, None, version, (None, None), None)?;
    run(py, || {
        let last = table.series()?.0.last().copied().unwrap_or(0);
        let later = against
            .map(str::to_string)
            .or_else(|| later_release(&table.dataset, origin.unwrap_or(last)).map(str::to_string));
        let later = match later {
            Some(v) => {
                let next = Datasets::load_for(&[spec.unit], &Sources::embedded(Some(&v)))?;
                Some(count_in(&next.sources(), &spec)?)
            }
            None => None,
        };
        let opts = ForecastOptions {
            horizon,
            origin,
            window_years,
            replicates: bootstrap,
            seed,
            min_segment,
            mean_of_last,
        };
        ForecastReport::from_count_table(&table, &opts, backtest, later.as_ref())
            .map(PyForecastReport)
    })
}

/// Registers the class and the function.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyForecastReport>()?;
    m.add_function(wrap_pyfunction!(forecast, m)?)?;
    m.add_function(wrap_pyfunction!(crps_ensemble, m)?)?;
    Ok(())
}

/// The CRPS of a sample at an observation (the core's ensemble estimator), for the tests'
/// comparison with properscoring.
#[pyfunction]
pub(crate) fn crps_ensemble(sample: Vec<f64>, observed: f64) -> f64 {
    conflictstats::trend::forecast::crps_ensemble(&sample, observed)
}

/// A predictive verdict across the boundary: `(best at h = 1, best overall, exponential
/// model, sentence)` (`ForecastResult.verdict`, `TrendResult.predictive_verdict`).
pub(crate) type VerdictTuple = (&'static str, &'static str, &'static str, String);

/// The [`VerdictTuple`] of a verdict.
pub(crate) fn verdict_tuple(v: &conflictstats::trend::forecast::PredictiveVerdict) -> VerdictTuple {
    (
        v.best_h1.key(),
        v.best_overall.key(),
        v.exponential.key(),
        v.sentence.clone(),
    )
}
