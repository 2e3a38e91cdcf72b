//! `check_claim`: a claim checked under every reading by the core
//! ([`conflictstats::claim::check`]), handed to Python as a native [`PyClaimCheck`] — typed
//! getters (the claim, the part summaries, the shape checks with their trend reports, the
//! ICRC series comparison, provenance) and the readings and indexed series as DataFrames
//! built here from the core's rows; conversion only.

use crate::types::{
    Mirror, PyClaim, PyIndexedIcrcPoint, PyPartSummary, PyProvenance, PySeriesComparison,
};
use crate::{PyTrendReport, json, run, serde_key};
use conflictstats::Error;
use conflictstats::claim::{CheckOptions, CheckRow, Claim, ClaimCheck, ShapeCheck, check};
use conflictstats::trend::BootstrapOptions;
use polars::prelude::{Column, DataFrame};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// A claim checked under every reading (unit × reference year × base alignment × base
/// smoothing × release).
#[pyclass(name = "ClaimCheck", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyClaimCheck(ClaimCheck);

/// The shape claim for one form of violence, with the trend report its verdict comes from.
#[pyclass(name = "ShapeCheck", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyShapeCheck(ShapeCheck);

fn frame(columns: Vec<Column>) -> Result<DataFrame, Error> {
    let height = columns.first().map_or(0, Column::len);
    DataFrame::new(height, columns)
        .map_err(|e| Error::InvalidSpec(format!("cannot build the DataFrame: {e}")))
}

/// One column of `rows` by `f`.
fn col<T, F>(rows: &[CheckRow], name: &str, f: F) -> Column
where
    F: Fn(&CheckRow) -> T,
    Column: ColumnFrom<T>,
{
    Column::from_values(name, rows.iter().map(f).collect())
}

/// A polars column from a vector of one of the readings' value types.
trait ColumnFrom<T> {
    fn from_values(name: &str, v: Vec<T>) -> Column;
}

macro_rules! column_from {
    ($($t:ty),*) => {$(
        impl ColumnFrom<$t> for Column {
            fn from_values(name: &str, v: Vec<$t>) -> Column {
                Column::new(name.into(), v)
            }
        }
    )*};
}
column_from!(
    i64,
    i32,
    String,
    Option<f64>,
    Option<i32>,
    Option<bool>,
    Option<String>
);

/// The readings frame: one row per part of each reading (the CLI's `check --format csv`).
fn readings(rows: &[CheckRow]) -> Result<DataFrame, Error> {
    #[allow(clippy::cast_possible_wrap)]
    let reading = col(rows, "reading", |r| r.reading as i64);
    frame(vec![
        reading,
        col(rows, "unit", |r| r.unit.clone()),
        col(rows, "release", |r| r.release.clone()),
        col(rows, "reference", |r| serde_key(&r.reference)),
        col(rows, "year", |r| r.year),
        col(rows, "base_offset", |r| r.base_offset),
        col(rows, "smoothing", |r| serde_key(&r.smoothing)),
        col(rows, "part", |r| r.part.clone()),
        col(rows, "verdict", |r| serde_key(&r.verdict)),
        col(rows, "value", |r| r.value),
        col(rows, "count", |r| r.count),
        col(rows, "base_from", |r| r.base_from),
        col(rows, "base_to", |r| r.base_to),
        col(rows, "base_count", |r| r.base_count),
        col(rows, "interval_low", |r| r.interval_low),
        col(rows, "interval_high", |r| r.interval_high),
        col(rows, "distance", |r| r.distance),
        col(rows, "fragile", |r| r.fragile),
        col(rows, "missing", |r| r.missing.clone()),
    ])
}

/// Each unit's series indexed to each ratio part's base year, one row per year.
fn indexed(c: &ClaimCheck) -> Result<DataFrame, Error> {
    let points = || {
        c.indexed
            .iter()
            .flat_map(|s| s.points.iter().map(move |p| (s, p)))
    };
    frame(vec![
        Column::new(
            "part".into(),
            points().map(|(s, _)| s.part.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "base_year".into(),
            points().map(|(s, _)| s.base_year).collect::<Vec<_>>(),
        ),
        Column::new(
            "unit".into(),
            points().map(|(s, _)| s.unit.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "release".into(),
            points().map(|(s, _)| s.release.clone()).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            points().map(|(_, p)| p.0).collect::<Vec<_>>(),
        ),
        Column::new(
            "count".into(),
            points().map(|(_, p)| i64::from(p.1)).collect::<Vec<_>>(),
        ),
        Column::new(
            "index".into(),
            points().map(|(_, p)| p.2).collect::<Vec<_>>(),
        ),
    ])
}

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
        run(py, || readings(&self.0.rows()).map(PyDataFrame))
    }

    /// Each unit's series indexed to each ratio part's base year: `part`, `base_year`,
    /// `unit`, `release`, `year`, `count`, `index`.
    fn indexed(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || indexed(&self.0).map(PyDataFrame))
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
#[pyfunction]
#[pyo3(signature = (claim_json=None, claim_path=None, persistences=vec![0, 1, 2, 3, 4, 5], releases=None, replicates=conflictstats::trend::DEFAULT_REPLICATES, seed=conflictstats::trend::DEFAULT_SEED))]
pub(crate) fn check_claim(
    py: Python<'_>,
    claim_json: Option<&str>,
    claim_path: Option<&str>,
    persistences: Vec<u32>,
    releases: Option<Vec<String>>,
    replicates: usize,
    seed: u64,
) -> PyResult<PyClaimCheck> {
    run(py, || {
        let claim = match (claim_json, claim_path) {
            (Some(text), _) => Claim::from_json("<claim>", text)?,
            (None, Some(path)) => Claim::from_path(std::path::Path::new(path))?,
            (None, None) => Claim::seed()?,
        };
        let opts = CheckOptions {
            persistences,
            releases,
            bootstrap: BootstrapOptions {
                replicates,
                seed,
                block_length: None,
            },
        };
        check(&claim, &opts).map(PyClaimCheck)
    })
}

/// Registers the classes and the function.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyClaimCheck>()?;
    m.add_class::<PyShapeCheck>()?;
    m.add_function(wrap_pyfunction!(check_claim, m)?)?;
    Ok(())
}
