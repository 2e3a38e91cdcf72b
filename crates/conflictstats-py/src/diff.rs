//! `release_diff`: two copies of a dataset compared by the core ([`conflictstats::diff`]),
//! handed to Python as a native [`PyReleaseDiff`] — typed getters (provenance of both sides,
//! the record unit and key, the release column) and the records only in one, the changed
//! fields and the counts per year as the core's DataFrames; conversion only.

use crate::types::{Mirror, PyProvenance};
use crate::{PyLoadWarning, json, run};
use conflictstats::CountUnit;
use conflictstats::data::{DatasetId, Source};
use conflictstats::diff::{DiffSpec, ReleaseDiff, diff, side_source};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// What changed between two copies of a dataset.
#[pyclass(name = "ReleaseDiff", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyReleaseDiff(ReleaseDiff);

#[pymethods]
impl PyReleaseDiff {
    /// The terminal report (as `conflictstats diff`).
    fn render_text(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.to_string()))
    }
    /// The whole diff as JSON.
    fn json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.0))
    }
    /// The flat rows as CSV (as `conflictstats diff --format csv`).
    fn csv(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.to_csv()))
    }
    /// Records only in one copy.
    fn only_in(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.only_in_dataframe().map(PyDataFrame))
    }
    /// Changed fields, long format.
    fn changes(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.changes_dataframe().map(PyDataFrame))
    }
    /// Counts per year side by side.
    fn counts(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.counts_dataframe().map(PyDataFrame))
    }
    #[getter]
    fn dataset(&self) -> &'static str {
        self.0.dataset.name()
    }
    #[getter]
    fn record(&self) -> &'static str {
        self.0.record
    }
    #[getter]
    fn key(&self) -> Vec<&'static str> {
        self.0.key.to_vec()
    }
    #[getter(old)]
    fn old_side(&self) -> PyProvenance {
        self.0.old.mirror()
    }
    #[getter(new)]
    fn new_side(&self) -> PyProvenance {
        self.0.new.mirror()
    }
    #[getter]
    fn release_column(&self) -> Option<(&'static str, String, String)> {
        self.0
            .release_column
            .as_ref()
            .map(|r| (r.column, r.old.clone(), r.new.clone()))
    }
    #[getter]
    fn old_records(&self) -> usize {
        self.0.old_records
    }
    #[getter]
    fn new_records(&self) -> usize {
        self.0.new_records
    }
    #[getter]
    fn changed_records(&self) -> usize {
        self.0.changed_records
    }
    #[getter]
    fn unit(&self) -> Option<&'static str> {
        self.0.counts.as_ref().map(|c| c.unit.key())
    }
    #[getter]
    fn warnings(&self) -> Vec<PyLoadWarning> {
        self.0.warnings.iter().map(PyLoadWarning::from).collect()
    }
}

/// One side: a path (`is_path`) or FROM/TO as the command line reads it (a version, or a
/// path by its form).
fn source(text: &str, is_path: bool) -> Source {
    if is_path {
        Source::File(text.into())
    } else {
        side_source(text)
    }
}

/// `conflictstats diff DATASET FROM TO [--unit U]`.
#[pyfunction]
#[pyo3(signature = (dataset, old, new, old_is_path=false, new_is_path=false, unit=None))]
pub(crate) fn release_diff(
    py: Python<'_>,
    dataset: &str,
    old: &str,
    new: &str,
    old_is_path: bool,
    new_is_path: bool,
    unit: Option<&str>,
) -> PyResult<PyReleaseDiff> {
    run(py, || {
        let spec = DiffSpec {
            dataset: dataset.parse::<DatasetId>()?,
            from: source(old, old_is_path),
            to: source(new, new_is_path),
            unit: unit.map(str::parse::<CountUnit>).transpose()?,
        };
        diff(&spec).map(PyReleaseDiff)
    })
}

/// Registers the class and the function.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyReleaseDiff>()?;
    m.add_function(wrap_pyfunction!(release_diff, m)?)?;
    Ok(())
}
