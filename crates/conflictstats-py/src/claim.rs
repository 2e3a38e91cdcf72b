//! `check_claim`: a claim checked under every reading by the core
//! ([`conflictstats::claim::check`]), handed to Python as a native [`PyClaimCheck`] — typed
//! getters (the claim, the part summaries, the shape checks with their trend reports, the
//! ICRC series comparison, provenance) and the readings and indexed series as the core's
//! DataFrames; conversion only.

use crate::types::{
    Mirror, PyClaim, PyIndexedIcrcPoint, PyPartSummary, PyProvenance, PySeriesComparison,
};
use crate::{PyTrendReport, json, run, serde_key};
use conflictstats::claim::{CheckOptions, Claim, ClaimCheck, ShapeCheck, check};
use conflictstats::trend::BootstrapOptions;
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// A claim checked under every reading (unit × reference year × base alignment × base
/// smoothing × release).
#[pyclass(name = "ClaimCheck", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyClaimCheck(ClaimCheck);

/// The shape claim for one form of violence, with the trend report its verdict comes from.
#[pyclass(name = "ShapeCheck", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyShapeCheck(ShapeCheck);

#[pymethods]
impl PyClaimCheck {
    /// The terminal report.
    fn render_text(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.to_string()))
    }

    /// The whole check as JSON (as the CLI's `check --format json` result).
    fn json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.0))
    }

    /// One row per part of each reading.
    fn readings(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.readings_dataframe().map(PyDataFrame))
    }

    /// Each unit's series indexed to each ratio part's base year: `part`, `base_year`,
    /// `unit`, `release`, `year`, `count`, `index`.
    fn indexed(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.indexed_dataframe().map(PyDataFrame))
    }

    #[getter]
    fn claim(&self) -> PyClaim {
        self.0.claim.mirror()
    }
    #[getter]
    fn releases(&self) -> Vec<String> {
        self.0.releases.clone()
    }
    #[getter]
    fn parts(&self) -> Vec<PyPartSummary> {
        self.0.parts.mirror()
    }
    #[getter]
    fn needs(&self) -> Vec<(String, usize)> {
        self.0.needs.clone()
    }
    #[getter]
    fn shapes(&self) -> Vec<PyShapeCheck> {
        self.0.shapes.iter().cloned().map(PyShapeCheck).collect()
    }
    #[getter]
    fn explanation(&self) -> Vec<PySeriesComparison> {
        self.0.explanation.mirror()
    }
    #[getter]
    fn indexed_icrc(&self) -> Vec<PyIndexedIcrcPoint> {
        self.0.indexed_icrc.mirror()
    }
    #[getter]
    fn datasets(&self) -> Vec<PyProvenance> {
        self.0.datasets.mirror()
    }
}

#[pymethods]
impl PyShapeCheck {
    #[getter]
    fn form(&self) -> String {
        serde_key(&self.0.form)
    }
    #[getter]
    fn measured_by(&self) -> &'static str {
        self.0.measured_by
    }
    #[getter]
    fn shape(&self) -> String {
        serde_key(&self.0.shape)
    }
    #[getter]
    fn verdict(&self) -> String {
        serde_key(&self.0.verdict)
    }
    #[getter]
    fn reason(&self) -> String {
        self.0.reason.clone()
    }
    #[getter]
    fn report(&self) -> Option<PyTrendReport> {
        self.0.report.clone().map(PyTrendReport)
    }
    #[getter]
    fn datasets(&self) -> Vec<PyProvenance> {
        self.0.datasets.mirror()
    }
}

/// A claim checked under every reading. `claim_json` (a claim document as JSON text, the
/// fields of a claim file) or `claim_path` (a TOML or JSON file); neither: the seed sentence.
/// `version` alone reads that release (as `releases=[version]`); `sources` (dataset name →
/// file) reads those files, the other datasets from release `version` or their defaults.
#[pyfunction]
#[pyo3(signature = (claim_json=None, claim_path=None, persistences=conflictstats::count::DEFAULT_PERSISTENCES.to_vec(), releases=None, replicates=conflictstats::trend::DEFAULT_REPLICATES, seed=conflictstats::trend::DEFAULT_SEED, version=None, sources=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn check_claim(
    py: Python<'_>,
    claim_json: Option<&str>,
    claim_path: Option<&str>,
    persistences: Vec<u32>,
    releases: Option<Vec<String>>,
    replicates: usize,
    seed: u64,
    version: Option<String>,
    sources: Option<crate::Files>,
) -> PyResult<PyClaimCheck> {
    run(py, || {
        let claim = match (claim_json, claim_path) {
            (Some(text), _) => Claim::from_json("<claim>", text)?,
            (None, Some(path)) => Claim::from_path(std::path::Path::new(path))?,
            (None, None) => Claim::seed()?,
        };
        let files = sources.filter(|f| !f.is_empty());
        if releases.is_some() && (version.is_some() || files.is_some()) {
            return Err(conflictstats::Error::InvalidSpec(
                "releases= reads whole releases; version= and sources= read one copy of each dataset: give one or the other".to_string(),
            ));
        }
        let (releases, sources) = match (files, version) {
            (Some(f), v) => (None, Some(crate::data_sources(v.as_deref(), Some(&f))?)),
            (None, Some(v)) => (Some(vec![v]), None),
            (None, None) => (releases, None),
        };
        let opts = CheckOptions {
            persistences,
            releases,
            sources,
            bootstrap: BootstrapOptions {
                replicates,
                seed,
                block_length: None,
            },
        };
        check(&claim, &opts).map(PyClaimCheck)
    })
    .and_then(|c| {
        let read = c.0.datasets.iter().map(|p| (p, &[][..]));
        crate::warn_loaded(py, read).map(|()| c)
    })
}

/// Registers the classes and the function.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClaimCheck>()?;
    m.add_class::<PyShapeCheck>()?;
    m.add_function(wrap_pyfunction!(check_claim, m)?)?;
    Ok(())
}
