//! `conflictstats._conflictstats`: the native module behind `import conflictstats as cs`.
//!
//! Thin by design: argument conversion, DataFrames across the boundary (pyo3-polars, through
//! polars' C interface without copying columns), and error mapping. Every figure comes from
//! the `conflictstats` crate. Every entry point runs inside `guard`, so a Rust panic becomes
//! `conflictstats.InternalError` (a `ConflictStatsError`), never a crash or a
//! `PanicException`.
//!
//! The public Python API is the pure-Python package `python/conflictstats/`; this module is
//! private and its signatures are mirrored in `python/conflictstats/_conflictstats.pyi`.

use conflictstats::count::{Datasets, count_in};
use conflictstats::data::{Acd, LoadWarning, Provenance, Sources, registry};
use conflictstats::frame::{DATAFRAME_LABEL, acd_schema};
use conflictstats::model::{Incompatibility, Intensity, ParseLabelError, Region, TypeOfConflict};
use conflictstats::trend::forecast::{BacktestOptions, ForecastOptions};
use conflictstats::trend::{BootstrapOptions, ShapeOptions, TrendOptions, TrendReport};
use conflictstats::{CountSpec, CountTable, CountUnit, Dimension, Error, ErrorKind, Filters};
use polars::prelude::{DataFrame, Field, Schema};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_polars::PyDataFrame;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::str::FromStr;
use types::{Mirror, PyCountMetadata, PyEventsMetadata, PyPanelMetadata, PyProvenance};

mod types;

mod acled;
mod claim;
mod columnar;
mod diff;
mod forecast;
mod geo;
mod partial;
mod replicates;

/// The Python module holding the exception classes.
const EXCEPTIONS: &str = "conflictstats.exceptions";

/// Runs `f`, turning a Rust panic into `conflictstats.InternalError`.
fn guard<T>(py: Python<'_>, f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(exception(
                py,
                "InternalError",
                &format!(
                    "internal error in conflictstats (a bug, please report it with the call that caused it): {what}"
                ),
                &[],
            ))
        }
    }
}

/// An attribute value for an exception.
enum Attr<'a> {
    Str(&'a str),
    Int(u64),
}

/// Builds an instance of `conflictstats.exceptions.<class>` with `message` and attributes.
fn exception(
    py: Python<'_>,
    class: &str,
    message: &str,
    attrs: &[(&str, Option<Attr<'_>>)],
) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let cls = py.import(EXCEPTIONS)?.getattr(class)?;
        let kwargs = PyDict::new(py);
        for (key, value) in attrs {
            match value {
                Some(Attr::Str(s)) => kwargs.set_item(*key, *s)?,
                Some(Attr::Int(i)) => kwargs.set_item(*key, *i)?,
                None => kwargs.set_item(*key, py.None())?,
            }
        }
        Ok(PyErr::from_value(cls.call((message,), Some(&kwargs))?))
    };
    build().unwrap_or_else(|e| e)
}

/// Maps a core error to the Python exception of its [`ErrorKind`], with file, line, column,
/// value (and the variant's own fields) as attributes.
fn to_py(py: Python<'_>, err: &Error) -> PyErr {
    let msg = err.to_string();
    let mut attrs: Vec<(&str, Option<Attr<'_>>)> = vec![
        ("file", err.file().map(Attr::Str)),
        ("line", err.line().map(Attr::Int)),
        ("column", err.column().map(Attr::Str)),
        ("value", err.value().map(Attr::Str)),
    ];
    match err {
        Error::InvalidValue { expected, .. } => attrs.push(("expected", Some(Attr::Str(expected)))),
        Error::Columnar(e) => {
            attrs.push(("expected", e.expected().map(Attr::Str)));
            attrs.push(("row", e.row().map(Attr::Int)));
        }
        Error::Fetch(e) => attrs.push(("url", e.url().map(Attr::Str))),
        Error::FieldCount {
            expected, found, ..
        } => {
            attrs.push(("expected_fields", Some(Attr::Int(*expected))));
            attrs.push(("found_fields", Some(Attr::Int(*found))));
        }
        Error::DuplicateRecord {
            first_line, key, ..
        } => {
            attrs.push(("first_line", Some(Attr::Int(*first_line))));
            attrs.push(("key", Some(Attr::Str(key))));
        }
        _ => {}
    }
    let class = match err {
        Error::UnknownDataset {
            name,
            version,
            available,
        } => {
            let attrs = [
                ("name", Some(Attr::Str(name))),
                ("version", version.as_deref().map(Attr::Str)),
                ("available", Some(Attr::Str(available))),
            ];
            return exception(py, "DatasetNotFoundError", &msg, &attrs);
        }
        Error::ChecksumMismatch {
            name,
            version,
            expected,
            actual,
        } => {
            let attrs = [
                ("name", Some(Attr::Str(name))),
                ("version", Some(Attr::Str(version))),
                ("expected", Some(Attr::Str(expected))),
                ("actual", Some(Attr::Str(actual))),
            ];
            return exception(py, "ChecksumError", &msg, &attrs);
        }
        Error::FieldCount { .. } => "FieldCountError",
        _ => match err.kind() {
            ErrorKind::Io => "FileReadError",
            ErrorKind::Schema => "SchemaError",
            ErrorKind::Parse => "ParseError",
            ErrorKind::Duplicate => "DuplicateRecordError",
            ErrorKind::Dataset => "DatasetError",
            ErrorKind::Spec => "SpecError",
            ErrorKind::Fetch => "FetchError",
            ErrorKind::Integrity => "IntegrityError",
            _ => "ConflictStatsError",
        },
    };
    exception(py, class, &msg, &attrs)
}

/// Runs `f` under [`guard`], mapping core errors.
pub(crate) fn run<T>(py: Python<'_>, f: impl FnOnce() -> Result<T, Error>) -> PyResult<T> {
    guard(py, || f().map_err(|e| to_py(py, &e)))
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|e| Error::InvalidSpec(format!("serialisation: {e}")))
}

/// Parses filter labels with the core's rule (`snake_case` keys such as `"war"` or UCDP's
/// numeric codes such as `"2"`: `FromStr` of the code enums).
fn labels<T>(items: &[String]) -> Result<Vec<T>, Error>
where
    T: FromStr<Err = ParseLabelError>,
{
    items
        .iter()
        .map(|s| {
            s.parse::<T>()
                .map_err(|e| Error::InvalidSpec(e.to_string()))
        })
        .collect()
}

/// The count specification from the Python arguments (already normalised to strings).
#[allow(clippy::too_many_arguments)]
fn spec(
    unit: &str,
    by: Option<&str>,
    years: Option<(i32, i32)>,
    types: &[String],
    intensities: &[String],
    incompatibilities: &[String],
    regions: &[String],
    persistence: u32,
) -> Result<CountSpec, Error> {
    let mut spec = CountSpec::new(unit.parse::<CountUnit>()?).filters(Filters {
        types: labels::<TypeOfConflict>(types)?,
        intensities: labels::<Intensity>(intensities)?,
        incompatibilities: labels::<Incompatibility>(incompatibilities)?,
        regions: labels::<Region>(regions)?,
        from_year: years.map(|y| y.0),
        to_year: years.map(|y| y.1),
    });
    if let Some(by) = by {
        spec = spec.by(by.parse::<Dimension>()?);
    }
    Ok(spec.persistence(persistence))
}

/// The ACD from exactly one source: an embedded release, a file, or a DataFrame.
fn acd(
    py: Python<'_>,
    name: Option<&str>,
    version: Option<&str>,
    path: Option<&str>,
    frame: Option<&Bound<'_, PyAny>>,
) -> PyResult<Acd> {
    let result = match (name, path, frame) {
        (Some(name), None, None) => registry::find(name, version).and_then(Acd::from_entry),
        (None, Some(path), None) => Acd::from_path(path),
        (None, None, Some(frame)) => {
            let df: PyDataFrame = frame.extract()?;
            Acd::from_dataframe(&df.0, DATAFRAME_LABEL)
        }
        _ => Err(Error::InvalidSpec(
            "give exactly one of a dataset name, a path or a DataFrame".to_string(),
        )),
    };
    result.map_err(|e| to_py(py, &e))
}

/// The embedded datasets, one typed entry per release (the registry's order).
#[pyfunction]
fn datasets() -> Vec<types::PyEmbeddedDataset> {
    registry::REGISTRY.iter().map(Into::into).collect()
}

/// Fetches a UCDP release into the cache; returns the cache record, the cached file's path
/// and whether it was already cached. The download runs without the GIL.
#[pyfunction]
#[pyo3(signature = (name, version=None, api=false, base_url=None, max_bytes=None, timeout=None, connect_timeout=None, force=false, offline=false, require_official=false, lock_file=None))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn fetch(
    py: Python<'_>,
    name: &str,
    version: Option<&str>,
    api: bool,
    base_url: Option<&str>,
    max_bytes: Option<u64>,
    timeout: Option<f64>,
    connect_timeout: Option<f64>,
    force: bool,
    offline: bool,
    require_official: bool,
    lock_file: Option<std::path::PathBuf>,
) -> PyResult<(
    types::PyCacheRecord,
    std::path::PathBuf,
    bool,
    Option<String>,
)> {
    use conflictstats::data::fetch::{self as f, FetchOptions, FetchSource, Silent};
    let secs = |what: &str, s: Option<f64>| s.map(|s| f::seconds(what, &s.to_string())).transpose();
    run(py, || {
        let source = if api {
            FetchSource::Api
        } else {
            FetchSource::Download
        };
        let mut opts = FetchOptions::new(source)?.with_env()?;
        if let Some(url) = base_url {
            opts.base_url = url.to_string();
        }
        if let Some(n) = max_bytes {
            opts.max_bytes = n;
        }
        if let Some(d) = secs("timeout", timeout)? {
            opts.set_deadline(d);
        }
        if let Some(d) = secs("connect_timeout", connect_timeout)? {
            opts.connect_timeout = d;
        }
        opts.force = force;
        if offline {
            opts.offline = Some("offline=True".to_string());
        }
        opts.require_official = require_official;
        opts.lock_file = lock_file;
        let fetched = py.detach(|| match version {
            Some(v) => f::fetch(name, v, &opts, &mut Silent),
            None => f::fetch_latest(name, &opts, &mut Silent),
        })?;
        Ok((
            (&fetched.release.record).into(),
            fetched.release.path,
            fetched.already_cached,
            fetched
                .embedded
                .as_ref()
                .map(conflictstats::data::EmbeddedCopy::message),
        ))
    })
}

/// An empty DataFrame with the ACD's columns and dtypes.
#[pyfunction]
fn acd_schema_frame(py: Python<'_>) -> PyResult<PyDataFrame> {
    run(py, || {
        let schema: Schema = acd_schema()
            .into_iter()
            .map(|(name, dtype)| Field::new(name.into(), dtype))
            .collect();
        Ok(PyDataFrame(DataFrame::empty_with_schema(&schema)))
    })
}

/// Dataset name → file, as given in Python's `sources={"ucdp-dyadic": path, ...}`.
pub(crate) type Files = BTreeMap<String, String>;

/// The core's [`Sources`]: the embedded `version`, with each of `files` read from its path
/// (dataset names are resolved by the core).
pub(crate) fn data_sources(version: Option<&str>, files: Option<&Files>) -> Result<Sources, Error> {
    let mut sources = Sources::embedded(version);
    for (name, path) in files.into_iter().flatten() {
        sources = sources.with_file(name, path)?;
    }
    Ok(sources)
}

/// The count table of a specification, and the datasets it was counted from: the datasets the unit reads — embedded release(s)
/// (`name`, if given, must be one of them) or the files of `files` — or an ACD file, or an ACD
/// DataFrame.
fn count_table(
    py: Python<'_>,
    spec: &CountSpec,
    name: Option<&str>,
    version: Option<&str>,
    (path, frame): (Option<&str>, Option<&Bound<'_, PyAny>>),
    files: Option<&Files>,
) -> PyResult<(CountTable, Datasets)> {
    if (path.is_some() || frame.is_some()) && files.is_some_and(|f| !f.is_empty()) {
        let e = Error::InvalidSpec(
            "give the data either as dataset= (a path or a DataFrame) or in sources=, not both"
                .to_string(),
        );
        return Err(to_py(py, &e));
    }
    let result = if path.is_none() && frame.is_none() {
        name.map_or(Ok(()), |name| {
            registry::find(name, version)?;
            spec.unit.check_dataset(name)
        })
        .and_then(|()| data_sources(version, files))
        .and_then(|sources| Datasets::load_for(&[spec.unit], &sources))
        .and_then(|data| Ok((count_in(&data.sources(), spec)?, data)))
    } else {
        let acd = acd(py, name, version, path, frame)?;
        conflictstats::count(&acd, spec).map(|t| {
            let data = Datasets {
                acd: Some(acd),
                ..Datasets::default()
            };
            (t, data)
        })
    };
    let (table, data) = result.map_err(|e| to_py(py, &e))?;
    warn_loaded(py, data.loaded())?;
    Ok((table, data))
}

/// A count table as the core computed it (spec, provenance, rows), kept beside the frame
/// `count` returns so that a trend of that frame is the trend of the count: same unit,
/// filters, datasets and label as `trend` on the same arguments.
#[pyclass(name = "CountTable", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyCountTable(CountTable);

/// Counts; returns the counts frame, its metadata (spec, datasets) and the core's table.
#[pyfunction]
#[pyo3(signature = (unit, by=None, years=None, types=vec![], intensities=vec![], incompatibilities=vec![], regions=vec![], persistence=0, name=None, version=None, path=None, frame=None, sources=None))]
#[allow(clippy::too_many_arguments)]
fn count(
    py: Python<'_>,
    unit: &str,
    by: Option<&str>,
    years: Option<(i32, i32)>,
    types: Vec<String>,
    intensities: Vec<String>,
    incompatibilities: Vec<String>,
    regions: Vec<String>,
    persistence: u32,
    name: Option<&str>,
    version: Option<&str>,
    path: Option<&str>,
    frame: Option<&Bound<'_, PyAny>>,
    sources: Option<Files>,
) -> PyResult<(PyDataFrame, PyCountMetadata, PyCountTable)> {
    guard(py, || {
        let spec = spec(
            unit,
            by,
            years,
            &types,
            &intensities,
            &incompatibilities,
            &regions,
            persistence,
        )
        .map_err(|e| to_py(py, &e))?;
        let (table, _) = count_table(py, &spec, name, version, (path, frame), sources.as_ref())?;
        let df = table.to_dataframe().map_err(|e| to_py(py, &e))?;
        let meta = PyCountMetadata::from(&table);
        Ok((PyDataFrame(df), meta, PyCountTable(table)))
    })
}

/// A trend report (`conflictstats::trend::TrendReport`), kept native so that its statement
/// and text rendering are the core's.
#[pyclass(name = "TrendReport", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyTrendReport(TrendReport);

#[pymethods]
impl PyTrendReport {
    /// The report as JSON (no `inf`/`NaN`: undefined values are `null`).
    fn json(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || json(&self.0))
    }

    /// One sentence: unit, dataset version, horizon ratios, growth with its 95 % interval.
    fn statement(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.statement()))
    }

    /// The terminal report.
    fn render_text(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || Ok(self.0.render_text()))
    }

    /// The fitted window: year, count, fitted trend, its 95 % band, Poisson and linear fits,
    /// and the verdict's shape with its mean and prediction bands.
    fn frame(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || self.0.to_dataframe().map(PyDataFrame))
    }

    /// `(best at h = 1, best overall, exponential model, sentence)` of the backtest
    /// (`None` without `backtest=`).
    #[getter]
    fn predictive_verdict(&self) -> Option<forecast::VerdictTuple> {
        self.0.predictive.as_ref().map(forecast::verdict_tuple)
    }
    #[getter]
    fn label(&self) -> String {
        self.0.label.clone()
    }
    #[getter]
    fn unit(&self) -> Option<types::PyUnitInfo> {
        self.0.unit.mirror()
    }
    #[getter]
    fn count_spec(&self) -> Option<types::PyCountSpec> {
        self.0.count_spec.mirror()
    }
    #[getter]
    fn dataset(&self) -> Option<PyProvenance> {
        self.0.dataset.mirror()
    }
    #[getter]
    fn other_datasets(&self) -> Vec<PyProvenance> {
        self.0.other_datasets.mirror()
    }
    #[getter]
    fn year(&self) -> i32 {
        self.0.year
    }
    #[getter]
    fn count(&self) -> f64 {
        self.0.count
    }
    #[getter]
    fn window_start(&self) -> i32 {
        self.0.window_start
    }
    #[getter]
    fn window_end(&self) -> i32 {
        self.0.window_end
    }
    #[getter]
    fn n_years(&self) -> usize {
        self.0.n_years
    }
    #[getter]
    fn confidence_level(&self) -> f64 {
        self.0.confidence_level
    }
    #[getter]
    fn horizons(&self) -> Vec<types::PyHorizon> {
        self.0.horizons.mirror()
    }
    #[getter]
    fn poisson(&self) -> types::PyPoissonFit {
        self.0.poisson.mirror()
    }
    #[getter]
    fn negbin(&self) -> types::PyNegBinFit {
        self.0.negbin.mirror()
    }
    #[getter]
    fn linear(&self) -> Option<types::PyLinearFit> {
        self.0.linear.mirror()
    }
    #[getter]
    fn aic(&self) -> types::PyAicComparison {
        self.0.aic.mirror()
    }
    #[getter]
    fn hac(&self) -> types::PyHacSummary {
        self.0.hac.mirror()
    }
    #[getter]
    fn quoted(&self) -> types::PyQuotedInterval {
        self.0.quoted.mirror()
    }
    #[getter]
    fn bootstrap(&self) -> Option<types::PyBootstrapSummary> {
        self.0.bootstrap.mirror()
    }
    #[getter]
    fn diagnostics(&self) -> types::PyFitDiagnostics {
        self.0.diagnostics.mirror()
    }
    #[getter]
    fn shapes(&self) -> Option<types::PyShapeComparison> {
        self.0.shapes.mirror()
    }
    #[getter]
    fn models(&self) -> Vec<types::PyModelRow> {
        self.0.models.mirror()
    }
    #[getter]
    fn sections(&self) -> Vec<types::PySection> {
        self.0.sections.mirror()
    }
    #[getter]
    fn assumption_warnings(&self) -> Vec<String> {
        self.0.assumption_warnings.clone()
    }
    #[getter]
    fn notes(&self) -> Vec<String> {
        self.0.notes.clone()
    }
}

/// The shape comparison's arguments from Python: `(min_segment, replicates, seed)`.
type ShapeArgs = Option<(usize, usize, u64)>;

/// The predictive verdict's backtest from Python: `(first origin, seed)`.
type BacktestArgs = Option<(i32, u64)>;

/// The diagnostics' lag overrides from Python: `(hac_lags, ljung_box_lags)`.
type LagArgs = (Option<usize>, Option<usize>);

fn trend_options(
    year: Option<i32>,
    horizons: Vec<u32>,
    window: Option<(i32, i32)>,
    bootstrap: Option<(usize, u64)>,
    shapes: ShapeArgs,
    (hac_lags, ljung_box_lags): LagArgs,
    backtest: BacktestArgs,
) -> TrendOptions {
    TrendOptions {
        year,
        horizons,
        window,
        bootstrap: bootstrap.map(|(replicates, seed)| BootstrapOptions {
            replicates,
            seed,
            block_length: None,
        }),
        shapes: shapes.map(|(min_segment, replicates, seed)| ShapeOptions {
            min_segment,
            replicates,
            seed,
            ..ShapeOptions::default()
        }),
        hac_lags,
        ljung_box_lags,
        forecast: backtest.map(|(from, seed)| BacktestOptions {
            from,
            forecast: ForecastOptions {
                seed,
                ..ForecastOptions::default()
            },
        }),
    }
}

/// The trend report of a count (same source and spec arguments as [`count`]).
#[pyfunction]
#[pyo3(signature = (unit, years=None, types=vec![], intensities=vec![], incompatibilities=vec![], regions=vec![], persistence=0, name=None, version=None, path=None, frame=None, year=None, horizons=vec![15, 30], window=None, bootstrap=None, sources=None, shapes=None, hac_lags=None, ljung_box_lags=None, rates=false, severity=false, backtest=None))]
#[allow(clippy::too_many_arguments, clippy::fn_params_excessive_bools)]
fn trend(
    py: Python<'_>,
    unit: &str,
    years: Option<(i32, i32)>,
    types: Vec<String>,
    intensities: Vec<String>,
    incompatibilities: Vec<String>,
    regions: Vec<String>,
    persistence: u32,
    name: Option<&str>,
    version: Option<&str>,
    path: Option<&str>,
    frame: Option<&Bound<'_, PyAny>>,
    year: Option<i32>,
    horizons: Vec<u32>,
    window: Option<(i32, i32)>,
    bootstrap: Option<(usize, u64)>,
    sources: Option<Files>,
    shapes: ShapeArgs,
    hac_lags: Option<usize>,
    ljung_box_lags: Option<usize>,
    rates: bool,
    severity: bool,
    backtest: BacktestArgs,
) -> PyResult<PyTrendReport> {
    guard(py, || {
        let spec = spec(
            unit,
            None,
            years,
            &types,
            &intensities,
            &incompatibilities,
            &regions,
            persistence,
        )
        .map_err(|e| to_py(py, &e))?;
        let (table, data) = count_table(py, &spec, name, version, (path, frame), sources.as_ref())?;
        let opts = trend_options(
            year,
            horizons,
            window,
            bootstrap,
            shapes,
            (hac_lags, ljung_box_lags),
            backtest,
        );
        let report = TrendReport::from_count_table(&table, &opts).and_then(|mut r| {
            let parts = conflictstats::trend::AddedParts { rates, severity };
            conflictstats::trend::add_parts(&mut r, &data, parts, version)?;
            Ok(r)
        });
        report.map(PyTrendReport).map_err(|e| to_py(py, &e))
    })
}

/// The trend report of a yearly series given by the user (e.g. a counts DataFrame).
#[pyfunction]
#[pyo3(signature = (label, years, counts, year=None, horizons=vec![15, 30], window=None, bootstrap=None, shapes=None, hac_lags=None, ljung_box_lags=None, backtest=None))]
#[allow(clippy::too_many_arguments)]
fn trend_series(
    py: Python<'_>,
    label: &str,
    years: Vec<i32>,
    counts: Vec<f64>,
    year: Option<i32>,
    horizons: Vec<u32>,
    window: Option<(i32, i32)>,
    bootstrap: Option<(usize, u64)>,
    shapes: ShapeArgs,
    hac_lags: Option<usize>,
    ljung_box_lags: Option<usize>,
    backtest: BacktestArgs,
) -> PyResult<PyTrendReport> {
    run(py, || {
        let opts = trend_options(
            year,
            horizons,
            window,
            bootstrap,
            shapes,
            (hac_lags, ljung_box_lags),
            backtest,
        );
        TrendReport::from_series(label, &years, &counts, &opts).map(PyTrendReport)
    })
}

/// The trend report of a count table returned by `count`, given with the series read from
/// its frame (`years`, `counts`): the frame must still hold the table's counts, so that the
/// report's unit, filters and datasets are those of the figures fitted.
#[pyfunction]
#[pyo3(signature = (table, years, counts, year=None, horizons=vec![15, 30], window=None, bootstrap=None, shapes=None, hac_lags=None, ljung_box_lags=None, backtest=None))]
#[allow(clippy::too_many_arguments)]
fn trend_counted(
    py: Python<'_>,
    table: &PyCountTable,
    years: Vec<i32>,
    counts: Vec<f64>,
    year: Option<i32>,
    horizons: Vec<u32>,
    window: Option<(i32, i32)>,
    bootstrap: Option<(usize, u64)>,
    shapes: ShapeArgs,
    hac_lags: Option<usize>,
    ljung_box_lags: Option<usize>,
    backtest: BacktestArgs,
) -> PyResult<PyTrendReport> {
    run(py, || {
        let (table_years, table_counts) = table.0.series()?;
        let same = table_years == years
            && table_counts.len() == counts.len()
            && table_counts
                .iter()
                .zip(&counts)
                .all(|(a, b)| f64::from(*a) == *b);
        if !same {
            return Err(Error::InvalidSpec(
                "this counts frame no longer holds the counts conflictstats returned with it (it was changed in place); give it a label= to fit it as your own series".to_string(),
            ));
        }
        let opts = trend_options(
            year,
            horizons,
            window,
            bootstrap,
            shapes,
            (hac_lags, ljung_box_lags),
            backtest,
        );
        TrendReport::from_count_table(&table.0, &opts).map(PyTrendReport)
    })
}

/// Stock and flow of an ACD release (or file/frame): the per-year frame, the stock and flow
/// and the decomposition from `from_year` to `to_year`, as typed mirrors.
#[pyfunction]
#[pyo3(signature = (name=None, version=None, path=None, frame=None, from_year=2010, to_year=None, base=None))]
#[allow(clippy::too_many_arguments)]
fn flows(
    py: Python<'_>,
    name: Option<&str>,
    version: Option<&str>,
    path: Option<&str>,
    frame: Option<&Bound<'_, PyAny>>,
    from_year: i32,
    to_year: Option<i32>,
    base: Option<(i32, i32)>,
) -> PyResult<(PyDataFrame, types::PyStockFlow, types::PyDecomposition)> {
    guard(py, || {
        let acd = acd(py, name, version, path, frame)?;
        warn_loaded(py, [(&acd.provenance, acd.warnings.as_slice())])?;
        run(py, || {
            let gw = conflictstats::data::GwStates::embedded(None)?;
            let sf = conflictstats::stockflow::StockFlow::from_acd(&acd, &gw)?;
            let to = to_year.unwrap_or_else(|| sf.years.last().map_or(sf.first_year, |y| y.year));
            let d = sf.decompose(from_year, to, base)?;
            Ok((PyDataFrame(sf.to_dataframe()?), (&sf).into(), (&d).into()))
        })
    })
}

/// Counts and rates per state of the forms of violence (keys), embedded releases: the long
/// frame and the typed report.
#[pyfunction]
#[pyo3(signature = (forms, window=None, version=None, microstates=false))]
fn rates(
    py: Python<'_>,
    forms: Vec<String>,
    window: Option<(i32, i32)>,
    version: Option<&str>,
    microstates: bool,
) -> PyResult<(PyDataFrame, types::PyRatesReport)> {
    guard(py, || {
        run(py, || {
            let forms = forms
                .iter()
                .map(|f| f.parse())
                .collect::<Result<Vec<conflictstats::rates::Form>, Error>>()?;
            let r =
                conflictstats::rates::RatesReport::embedded(&forms, window, version, microstates)?;
            Ok((PyDataFrame(r.to_dataframe()?), (&r).into()))
        })
    })
}

/// Severity of a BRD release or file: the observations frame and the typed report.
#[pyfunction]
#[pyo3(signature = (version=None, path=None, unit="conflict_year", estimate="best", years=None, bootstrap=None))]
fn severity(
    py: Python<'_>,
    version: Option<&str>,
    path: Option<&str>,
    unit: &str,
    estimate: &str,
    years: Option<(i32, i32)>,
    bootstrap: Option<(usize, u64)>,
) -> PyResult<(PyDataFrame, types::PySeverityReport)> {
    use conflictstats::severity::{PowerLawBootstrapOptions, SeverityOptions, SeverityReport};
    guard(py, || {
        let brd = run(py, || match path {
            Some(p) => conflictstats::data::Brd::from_path(p),
            None => conflictstats::data::Brd::embedded(version),
        })?;
        warn_loaded(py, [(brd.provenance(), brd.warnings())])?;
        run(py, || {
            let opts = SeverityOptions {
                unit: unit.parse()?,
                estimate: estimate.parse()?,
                years,
                bootstrap: bootstrap
                    .map(|(replicates, seed)| PowerLawBootstrapOptions { replicates, seed }),
            };
            let report = SeverityReport::from_brd(&brd, &opts)?;
            let obs = conflictstats::severity::observations(
                &conflictstats::deaths::by_conflict_year(&brd),
                &opts,
            );
            let df = conflictstats::frame::observations_dataframe(&obs)?;
            Ok((PyDataFrame(df), (&report).into()))
        })
    })
}

/// The citation of an embedded dataset: `(plain text, BibTeX, label)`.
#[pyfunction]
#[pyo3(signature = (name, version=None))]
fn cite(py: Python<'_>, name: &str, version: Option<&str>) -> PyResult<(String, String, String)> {
    run(py, || {
        let entry = registry::find(name, version)?;
        Ok((
            entry.citation.to_string(),
            entry.bibtex.to_string(),
            format!("{} v{}", entry.title, entry.version),
        ))
    })
}

/// Panics on purpose, to test that panics become `InternalError`.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>) -> PyResult<()> {
    guard(py, || panic!("deliberate panic from _panic_for_tests"))
}

/// Raises the Python exception of a core error that no input can trigger (`"checksum"`: a
/// corrupted build), to test the mapping.
#[pyfunction]
fn _error_for_tests(py: Python<'_>, which: &str) -> PyResult<()> {
    run(py, || match which {
        "checksum" => Err(Error::ChecksumMismatch {
            name: "ucdp-acd".to_string(),
            version: "25.1".to_string(),
            expected: "aa".to_string(),
            actual: "bb".to_string(),
        }),
        _ => Err(Error::InvalidSpec(format!("no test error `{which}`"))),
    })
}

/// A panel (`state-year`, `dyad-year`, `conflict-year`, `conflict-dyad-year`) as a DataFrame,
/// with its metadata (spec, coverage, provenance) as JSON. Every figure comes from
/// `conflictstats::panel`; `conflict-dyad-year` reads the UCDP Dyadic data (`dyadic_version`).
#[pyfunction]
#[pyo3(signature = (kind, *, years=None, gap=1, microstates=false, directed=false, active_only=false, acd_version=None, dyadic_version=None, sources=None, role=None))]
#[allow(clippy::too_many_arguments)]
fn panel(
    py: Python<'_>,
    kind: &str,
    years: Option<(i32, i32)>,
    gap: u32,
    microstates: bool,
    directed: bool,
    active_only: bool,
    acd_version: Option<&str>,
    dyadic_version: Option<&str>,
    sources: Option<Files>,
    role: Option<&str>,
) -> PyResult<(PyDataFrame, PyPanelMetadata)> {
    use conflictstats::panel::{
        Panel, PanelKind, PanelSpec, Role, conflict_dyad_year, conflict_year, dyad_year, state_year,
    };
    run(py, || {
        let acd_sources = data_sources(acd_version, sources.as_ref())?;
        let mut spec = PanelSpec::default()
            .gap(gap)
            .microstates(microstates)
            .directed(directed)
            .active_only(active_only);
        if let Some((first, last)) = years {
            spec = spec.years(first, last);
        }
        if let Some(role) = role {
            spec = spec.role(role.parse::<Role>()?);
        }
        // Each panel with the load warnings of the files it read (and the codes that reach
        // no G&W member, for the state-based panels).
        let (df, meta, warnings) = match kind.parse::<PanelKind>()? {
            PanelKind::StateYear => {
                let (gw, acd) = (acd_sources.states()?, acd_sources.acd()?);
                let p = state_year(&gw, &acd, &spec)?;
                let mut w = dataset_warnings([
                    (&gw.provenance, &gw.warnings[..]),
                    (&acd.provenance, &acd.warnings[..]),
                ]);
                w.extend(p.warnings.iter().cloned());
                (p.to_dataframe()?, p.metadata(), w)
            }
            PanelKind::DyadYear => {
                let (gw, acd) = (acd_sources.states()?, acd_sources.acd()?);
                let p = dyad_year(&gw, &acd, &spec)?;
                let mut w = dataset_warnings([
                    (&gw.provenance, &gw.warnings[..]),
                    (&acd.provenance, &acd.warnings[..]),
                ]);
                w.extend(p.warnings.iter().cloned());
                (p.to_dataframe()?, p.metadata(), w)
            }
            PanelKind::ConflictYear => {
                let acd = acd_sources.acd()?;
                let p = conflict_year(&acd, &spec)?;
                let w = dataset_warnings([(&acd.provenance, &acd.warnings[..])]);
                (p.to_dataframe()?, p.metadata(), w)
            }
            PanelKind::ConflictDyadYear => {
                let dyadic = data_sources(dyadic_version, sources.as_ref())?.dyadic()?;
                let p = conflict_dyad_year(&dyadic, &spec)?;
                let w = dataset_warnings([(&dyadic.provenance, &dyadic.warnings[..])]);
                (p.to_dataframe()?, p.metadata(), w)
            }
        };
        Ok(((PyDataFrame(df), PyPanelMetadata::from(&meta)), warnings))
    })
    .and_then(|(out, warnings)| issue_warnings(py, &warnings).map(|()| out))
}

/// The panel kinds (keys of the core's `conflictstats::panel::PanelKind` table).
#[pyfunction]
fn panel_kinds() -> Vec<&'static str> {
    conflictstats::panel::PanelKind::ALL
        .iter()
        .map(|k| k.key())
        .collect()
}

/// The keys of the core's tables that the `Literal` types of the Python package list: event
/// units, periods, attribution rules, registry dataset names, forms of violence, severity
/// units and estimates (in the core's order).
#[pyfunction]
fn key_tables() -> BTreeMap<&'static str, Vec<&'static str>> {
    use conflictstats::events::{Attribution, EventUnit, Period};
    use conflictstats::severity::{Estimate, SeverityUnit};
    let mut datasets: Vec<&'static str> = Vec::new();
    for d in conflictstats::data::registry::REGISTRY {
        if !datasets.contains(&d.name) {
            datasets.push(d.name);
        }
    }
    let mut tables = BTreeMap::from([
        (
            "event_unit",
            EventUnit::ALL.iter().map(|u| u.key()).collect(),
        ),
        ("period", Period::ALL.iter().map(|p| p.key()).collect()),
        (
            "attribution",
            Attribution::ALL.iter().map(|a| a.key()).collect(),
        ),
        ("dataset", datasets),
        (
            "form",
            conflictstats::rates::Form::ALL
                .iter()
                .map(|f| f.key())
                .collect(),
        ),
        (
            "severity_unit",
            SeverityUnit::ALL.iter().map(|u| u.key()).collect(),
        ),
        ("estimate", Estimate::ALL.iter().map(|e| e.key()).collect()),
        (
            "role",
            conflictstats::panel::Role::ALL
                .iter()
                .map(|r| r.key())
                .collect(),
        ),
        (
            "byte_identity",
            conflictstats::data::ByteIdentity::ALL
                .iter()
                .map(|b| b.key())
                .collect(),
        ),
    ]);
    tables.extend(geo::keys());
    tables
}

/// GED events aggregated per unit and period (`conflictstats::events::aggregate`), with the
/// spec, excluded events and provenance as JSON. `path`: a GED CSV instead of the embedded
/// sample.
#[pyfunction]
#[pyo3(signature = (*, unit="country", period="year", attribution="split_even", max_date_prec=5, path=None, sources=None, rehash=false))]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python function's keyword arguments"
)]
fn aggregate_events(
    py: Python<'_>,
    unit: &str,
    period: &str,
    attribution: &str,
    max_date_prec: u8,
    path: Option<&str>,
    sources: Option<Files>,
    rehash: bool,
) -> PyResult<(PyDataFrame, PyEventsMetadata)> {
    use conflictstats::data::{DatasetId, Source, ingest::Ingest};
    use conflictstats::events::aggregate;
    run(py, || {
        let spec = event_spec(unit, period, attribution, max_date_prec)?;
        let mut ged_sources =
            data_sources(None, sources.as_ref())?.with_ingest(Ingest::cached(rehash));
        if let Some(p) = path {
            ged_sources.set(DatasetId::Ged, Source::File(p.into()));
        }
        let ged = ged_sources.ged()?;
        let t = aggregate(&ged, &spec)?;
        let meta = PyEventsMetadata::new(&t, Some(&ged.provenance), Vec::new());
        let w = dataset_warnings([(&ged.provenance, &ged.warnings[..])]);
        Ok(((PyDataFrame(t.to_dataframe()?), meta), w))
    })
    .and_then(|(out, warnings)| issue_warnings(py, &warnings).map(|()| out))
}

/// The event-aggregation spec from its keys (parsed by the core).
fn event_spec(
    unit: &str,
    period: &str,
    attribution: &str,
    max_date_prec: u8,
) -> Result<conflictstats::events::AggregateSpec, Error> {
    use conflictstats::events::{AggregateSpec, Attribution, EventUnit, Period};
    Ok(
        AggregateSpec::new(EventUnit::parse(unit)?, Period::parse(period)?)
            .attribution(Attribution::parse(attribution)?)
            .max_date_prec(max_date_prec),
    )
}

/// Column `name` of `df` as one chunk of `dtype` without nulls: the column itself when it
/// already is (no copy: `copied` stays false), else a strict cast (a copy).
fn event_column(
    df: &DataFrame,
    name: &str,
    dtype: &polars::prelude::DataType,
    copied: &mut Vec<String>,
) -> Result<polars::prelude::Series, Error> {
    let col = df.column(name).map_err(|_| {
        Error::InvalidSpec(format!(
            "the events DataFrame has no column `{name}` (GED column names are expected)"
        ))
    })?;
    let s = col.as_materialized_series();
    if s.null_count() > 0 {
        return Err(Error::InvalidSpec(format!(
            "column `{name}` of the events DataFrame has {} null values",
            s.null_count()
        )));
    }
    let s = if s.dtype() == dtype {
        s.clone()
    } else {
        copied.push(name.to_string());
        s.strict_cast(dtype).map_err(|e| {
            Error::InvalidSpec(format!(
                "column `{name}` ({}) cannot be read as {dtype}: {e}",
                s.dtype()
            ))
        })?
    };
    if s.n_chunks() == 1 {
        Ok(s)
    } else {
        copied.push(format!("{name} (rechunked)"));
        Ok(s.rechunk())
    }
}

fn column_err(name: &str, e: &polars::prelude::PolarsError) -> Error {
    Error::InvalidSpec(format!("column `{name}`: {e}"))
}

/// The values of a single-chunk Date column, in place.
fn date_values<'a>(s: &'a polars::prelude::Series, name: &str) -> Result<&'a [i32], Error> {
    s.date()
        .and_then(|d| d.physical().cont_slice())
        .map_err(|e| column_err(name, &e))
}

/// The values of a single-chunk Int32 column, in place.
fn int_values<'a>(s: &'a polars::prelude::Series, name: &str) -> Result<&'a [i32], Error> {
    s.i32()
        .and_then(|c| c.cont_slice())
        .map_err(|e| column_err(name, &e))
}

/// GED events given as a DataFrame (GED column names) aggregated per unit and period
/// (`conflictstats::events::aggregate_columns`). `country_id`, `date_prec`, `low`, `best`,
/// `high` as Int32 and `date_start`, `date_end` as Date in one chunk are read in place (no
/// copy); other integer dtypes are cast first (a copy, listed in the metadata's `copied`).
#[pyfunction]
#[pyo3(signature = (events, *, unit="country", period="year", attribution="split_even", max_date_prec=5, source="DataFrame"))]
fn aggregate_event_frame(
    py: Python<'_>,
    events: PyDataFrame,
    unit: &str,
    period: &str,
    attribution: &str,
    max_date_prec: u8,
    source: &str,
) -> PyResult<(PyDataFrame, PyEventsMetadata)> {
    let df = events.0;
    run(py, || {
        let spec = event_spec(unit, period, attribution, max_date_prec)?;
        let (t, copied) = event_frame_table(&df, &spec, source)?;
        let meta = PyEventsMetadata::new(&t, None, copied);
        Ok((PyDataFrame(t.to_dataframe()?), meta))
    })
}

/// The table of events given as a DataFrame (GED column names), and the columns that had to
/// be cast (copied) first.
pub(crate) fn event_frame_table(
    df: &DataFrame,
    spec: &conflictstats::events::AggregateSpec,
    source: &str,
) -> Result<(conflictstats::events::EventTable, Vec<String>), Error> {
    use conflictstats::events::{EventColumns, EventUnit, aggregate_columns};
    use polars::prelude::DataType;
    let mut copied = Vec::new();
    let mut col = |name: &str, dtype: &DataType| event_column(df, name, dtype, &mut copied);
    let start = col("date_start", &DataType::Date)?;
    let end = col("date_end", &DataType::Date)?;
    let prec = col("date_prec", &DataType::Int32)?;
    let low = col("low", &DataType::Int32)?;
    let best = col("best", &DataType::Int32)?;
    let high = col("high", &DataType::Int32)?;
    // Unit columns: country codes read in place; conflict and PRIO-GRID ids converted.
    let country = match spec.unit {
        EventUnit::Country => Some(col("country_id", &DataType::Int32)?),
        _ => None,
    };
    let (mut tov, mut conflict, mut grid) = (Vec::new(), Vec::new(), Vec::new());
    let mut u32s = |name: &str, out: &mut Vec<u32>| -> Result<(), Error> {
        let s = col(name, &DataType::UInt32)?;
        out.extend(
            s.u32()
                .map_err(|e| column_err(name, &e))?
                .into_no_null_iter(),
        );
        Ok(())
    };
    match spec.unit {
        EventUnit::Country => {}
        EventUnit::Conflict => {
            let mut t = Vec::new();
            u32s("type_of_violence", &mut t)?;
            tov = t
                .into_iter()
                .map(|v| {
                    u8::try_from(v).map_err(|_| {
                        Error::InvalidSpec(format!("type_of_violence {v} is not 1, 2 or 3"))
                    })
                })
                .collect::<Result<Vec<u8>, Error>>()?;
            u32s("conflict_new_id", &mut conflict)?;
        }
        EventUnit::PrioGrid => u32s("priogrid_gid", &mut grid)?,
    }
    let cols = EventColumns {
        id: &[],
        country_id: match &country {
            Some(s) => int_values(s, "country_id")?,
            None => &[],
        },
        type_of_violence: &tov,
        conflict_new_id: &conflict,
        priogrid_gid: &grid,
        date_start: date_values(&start, "date_start")?,
        date_end: date_values(&end, "date_end")?,
        date_prec: int_values(&prec, "date_prec")?,
        low: int_values(&low, "low")?,
        best: int_values(&best, "best")?,
        high: int_values(&high, "high")?,
    };
    let t = aggregate_columns(&cols, spec, source)?;
    Ok((t, copied))
}

/// The `snake_case` key a serde enum serialises to (the core's rule).
pub(crate) use conflictstats::frame::serde_key;

/// The warnings of the datasets a call read, once per dataset: each one's load warnings,
/// then the warning its release status calls for (the core's
/// [`Provenance::status_warning`]: a modified copy, an unregistered version or an unverified
/// download, kind `provenance`), as the CLI prints them on stderr.
pub(crate) fn dataset_warnings<'a>(
    loaded: impl IntoIterator<Item = (&'a Provenance, &'a [LoadWarning])>,
) -> Vec<LoadWarning> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (p, warnings) in loaded {
        if !seen.insert((p.source.as_str(), p.sha256.as_str())) {
            continue;
        }
        out.extend(warnings.iter().cloned());
        out.extend(p.status_warning());
    }
    out
}

/// Issues each warning of the datasets read ([`dataset_warnings`]) as a
/// `conflictstats.ConflictStatsWarning` through Python's
/// `warnings.warn` (so the user's filters apply, `error` included), with its kind, file,
/// line, column and count as attributes, attributed to the user's calling line: the
/// package's `exceptions._issue_load_warnings`, which `cs.load` calls too, for every
/// function that reads a user's file.
pub(crate) fn warn_loaded<'a>(
    py: Python<'_>,
    loaded: impl IntoIterator<Item = (&'a Provenance, &'a [LoadWarning])>,
) -> PyResult<()> {
    issue_warnings(py, &dataset_warnings(loaded))
}

/// Issues `warnings` through the package's `exceptions._issue_load_warnings`.
pub(crate) fn issue_warnings(py: Python<'_>, warnings: &[LoadWarning]) -> PyResult<()> {
    let warnings: Vec<PyLoadWarning> = warnings.iter().map(PyLoadWarning::from).collect();
    if !warnings.is_empty() {
        py.import("conflictstats.exceptions")?
            .getattr("_issue_load_warnings")?
            .call1((warnings,))?;
    }
    Ok(())
}

/// What a loader accepted under a documented rule.
#[pyclass(
    name = "LoadWarning",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
#[derive(Clone)]
pub(crate) struct PyLoadWarning {
    kind: String,
    file: String,
    /// `None` for a warning about the file as a whole (the core's line 0: its provenance).
    line: Option<u64>,
    column: Option<String>,
    count: u64,
    message: String,
}

impl From<&LoadWarning> for PyLoadWarning {
    fn from(w: &LoadWarning) -> PyLoadWarning {
        PyLoadWarning {
            kind: serde_key(&w.kind),
            file: w.file.clone(),
            line: std::num::NonZeroU64::new(w.line).map(u64::from),
            column: w.column.clone(),
            count: w.count,
            message: w.to_string(),
        }
    }
}

/// One counting unit's entry in the core's table (`conflictstats::count::UNITS`).
#[pyclass(
    name = "Unit",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
struct PyUnit {
    key: &'static str,
    column: &'static str,
    definition: &'static str,
    source: &'static str,
    caveat: Option<&'static str>,
    datasets: Vec<&'static str>,
    state_based: bool,
    persistence: bool,
}

/// The counting units, in the core's order.
#[pyfunction]
fn units() -> Vec<PyUnit> {
    conflictstats::count::UNITS
        .iter()
        .map(|u| PyUnit {
            key: u.key,
            column: u.column,
            definition: u.definition,
            source: u.source,
            caveat: u.caveat,
            datasets: u.datasets.to_vec(),
            state_based: u.state_based,
            persistence: u.persistence,
        })
        .collect()
}

type Loaded = (PyDataFrame, PyProvenance, Vec<PyLoadWarning>, Vec<String>);

/// Any dataset — embedded (`name`, `version`) or a file of that dataset (`path`) — read by its
/// own loader: the frame, its provenance, the load warnings and the extra columns.
#[pyfunction]
#[pyo3(signature = (name, version=None, path=None))]
fn load_dataset(
    py: Python<'_>,
    name: &str,
    version: Option<&str>,
    path: Option<&str>,
) -> PyResult<Loaded> {
    run(py, || {
        let d = conflictstats::tables::load_frame(name, version, path.map(std::path::Path::new))?;
        Ok((
            PyDataFrame(d.frame),
            PyProvenance::from(&d.provenance),
            dataset_warnings([(&d.provenance, &d.warnings[..])])
                .iter()
                .map(PyLoadWarning::from)
                .collect(),
            d.extra_columns,
        ))
    })
}

fn provenances(ps: &[Provenance]) -> Vec<PyProvenance> {
    ps.iter().map(PyProvenance::from).collect()
}

/// `conflictstats reconcile`: the long rows, the datasets read, the comparisons (as a frame)
/// and the text table.
#[pyfunction]
#[pyo3(signature = (year=None, persistences=conflictstats::count::DEFAULT_PERSISTENCES.to_vec(), horizons=vec![15, 30], version=None, sources=None))]
fn reconcile(
    py: Python<'_>,
    year: Option<i32>,
    persistences: Vec<u32>,
    horizons: Vec<u32>,
    version: Option<&str>,
    sources: Option<Files>,
) -> PyResult<(PyDataFrame, Vec<PyProvenance>, String)> {
    use conflictstats::reconcile::{ReconcileOptions, latest_year, reconcile as reconcile_with};
    run(py, || {
        let data = Datasets::load_for(CountUnit::ALL, &data_sources(version, sources.as_ref())?)?;
        let year = match year {
            Some(y) => y,
            None => latest_year(&data.sources())?,
        };
        let mut opts = ReconcileOptions::new(year);
        opts.persistences = persistences;
        opts.horizons = horizons;
        let r = reconcile_with(&data.sources(), &opts)?;
        let rows = r.long_rows_frame()?;
        let w = dataset_warnings(data.loaded());
        Ok((
            (PyDataFrame(rows), provenances(&r.datasets), r.to_string()),
            w,
        ))
    })
    .and_then(|(out, warnings)| issue_warnings(py, &warnings).map(|()| out))
}

/// `conflictstats deaths`: long rows (year, form, low, best, high) and the datasets read.
#[pyfunction]
#[pyo3(signature = (version=None, year=None))]
fn deaths(
    py: Python<'_>,
    version: Option<&str>,
    year: Option<i32>,
) -> PyResult<(PyDataFrame, Vec<PyProvenance>)> {
    use conflictstats::deaths::{embedded_by_form_of_violence, long_rows, select_year};
    run(py, || {
        let (rows, prov) = embedded_by_form_of_violence(version)?;
        let rows = select_year(rows, year, &prov)?;
        let frame = conflictstats::tables::records_frame(&long_rows(&rows))?;
        let w = dataset_warnings(prov.iter().map(|p| (p, &[][..])));
        Ok(((PyDataFrame(frame), provenances(&prov)), w))
    })
    .and_then(|(out, warnings)| issue_warnings(py, &warnings).map(|()| out))
}

type IhlOut = (
    PyDataFrame,
    PyDataFrame,
    i32,
    Vec<(String, u32)>,
    Vec<PyProvenance>,
    Vec<PyLoadWarning>,
);

/// `conflictstats ihl`: the classified rows, the overrides applied, the tabulated year with
/// its counts per category, the dataset read and the curated file's warnings.
#[pyfunction]
#[pyo3(signature = (level="conflict", curated=None, year=None, version=None))]
fn ihl(
    py: Python<'_>,
    level: &str,
    curated: Option<&str>,
    year: Option<i32>,
    version: Option<&str>,
) -> PyResult<IhlOut> {
    use conflictstats::data::Dyadic;
    use conflictstats::ihl::{IhlCategory, IhlLayer};
    run(py, || {
        let layer = match curated {
            Some(p) => IhlLayer::from_path(p)?,
            None => IhlLayer::derived(),
        };
        let (c, prov, span) = match level {
            "conflict" => {
                let acd = Sources::embedded(version).acd()?;
                let span = acd.year_range();
                (layer.classify_conflicts(&acd), acd.provenance, span)
            }
            "dyad" => {
                let dy: Dyadic = Sources::embedded(version).dyadic()?;
                let span = dy.year_range();
                (layer.classify_dyads(&dy), dy.provenance, span)
            }
            other => {
                return Err(Error::InvalidSpec(format!(
                    "unknown IHL level `{other}`; expected conflict or dyad"
                )));
            }
        };
        let year = conflictstats::coverage::check_year(year, span, &prov.label())?;
        let counts = c.counts(year);
        let per: Vec<(String, u32)> = IhlCategory::ALL
            .iter()
            .map(|cat| (cat.key().to_string(), counts[cat.index()]))
            .collect();
        Ok((
            PyDataFrame(conflictstats::tables::records_frame(&c.rows)?),
            PyDataFrame(conflictstats::tables::records_frame(&c.overrides)?),
            year,
            per,
            vec![PyProvenance::from(&prov)],
            layer.warnings.iter().map(PyLoadWarning::from).collect(),
        ))
    })
}

#[pymodule]
fn _conflictstats(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // Messages that say how to fetch a release name Python's command, `cs.fetch(…)`.
    conflictstats::hint::set_fetch_hint(conflictstats::hint::FetchHint::Python);
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "build_profile",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    )?;
    // The defaults of every bootstrap, the core's (the CLI's `--bootstrap` and `--seed`).
    m.add(
        "DEFAULT_REPLICATES",
        conflictstats::trend::DEFAULT_REPLICATES,
    )?;
    m.add("DEFAULT_SEED", conflictstats::trend::DEFAULT_SEED)?;
    m.add_function(wrap_pyfunction!(datasets, m)?)?;
    m.add_function(wrap_pyfunction!(acd_schema_frame, m)?)?;
    m.add_function(wrap_pyfunction!(count, m)?)?;
    m.add_function(wrap_pyfunction!(cite, m)?)?;
    m.add_function(wrap_pyfunction!(fetch, m)?)?;
    m.add_function(wrap_pyfunction!(trend, m)?)?;
    m.add_function(wrap_pyfunction!(trend_series, m)?)?;
    m.add_function(wrap_pyfunction!(trend_counted, m)?)?;
    m.add_class::<PyCountTable>()?;
    m.add_function(wrap_pyfunction!(flows, m)?)?;
    m.add_function(wrap_pyfunction!(rates, m)?)?;
    m.add_function(wrap_pyfunction!(severity, m)?)?;
    m.add_function(wrap_pyfunction!(panel, m)?)?;
    m.add_function(wrap_pyfunction!(aggregate_events, m)?)?;
    m.add_function(wrap_pyfunction!(aggregate_event_frame, m)?)?;
    partial::register(m)?;
    replicates::register(m)?;
    claim::register(m)?;
    diff::register(m)?;
    forecast::register(m)?;
    m.add_function(wrap_pyfunction!(acled::aggregate_acled, m)?)?;
    m.add_class::<columnar::EventStream>()?;
    m.add_class::<PyTrendReport>()?;
    types::register(m)?;
    m.add_function(wrap_pyfunction!(panel_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(key_tables, m)?)?;
    m.add_class::<PyLoadWarning>()?;
    m.add_class::<PyUnit>()?;
    m.add_function(wrap_pyfunction!(units, m)?)?;
    m.add_function(wrap_pyfunction!(load_dataset, m)?)?;
    m.add_function(wrap_pyfunction!(reconcile, m)?)?;
    m.add_function(wrap_pyfunction!(deaths, m)?)?;
    m.add_function(wrap_pyfunction!(ihl, m)?)?;
    geo::register(m)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(_error_for_tests, m)?)?;
    Ok(())
}
