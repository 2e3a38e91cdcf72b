//! Typed values across the boundary: frozen Python classes mirroring the core's result and
//! provenance structs field by field (no JSON in between).
//!
//! Each mirror's `From` impl destructures the core struct **exhaustively**, so a field added
//! in Rust does not compile here until it is mirrored; `python/tests/test_typing.py` then
//! checks that the Python dataclasses and `TypedDict`s name exactly the mirrored fields.
//! Enums cross as their keys (`"conflict"`, `"war"`, `"exponential"`), the strings the
//! `Literal` types of the Python package list.

use conflictstats::claim::{
    Claim, Figure, FormOfViolence, IcrcPoint, IndexedIcrcPoint, LevelPart, Missing, PartSummary,
    Qualifier, RatioPart, SeriesComparison, Shape as ClaimShape, ShapePart,
    ShapeVerdict as ClaimVerdict, Source as ClaimSource, UnitIndex,
};
use conflictstats::count::{CountSpec, CountTable, Dimension, Filters};
use conflictstats::data::Provenance;
use conflictstats::data::cache::{CacheRecord, FetchedFrom, Redirect};
use conflictstats::data::registry::{DatasetKind, EmbeddedDataset};
use conflictstats::data::{
    Acled, AcledLayout, Crosswalk, DisorderType, EventType, IsoNumeric, SubEventType,
};
use conflictstats::events::{
    AcledSpec, AcledTable, AggregateSpec, Attribution, EventTable, EventUnit, Period, Sums, Tally,
    Unmatched as AcledUnmatched, UnmatchedCountry,
};
use conflictstats::model::{Incompatibility, Intensity, Region, TypeOfConflict};
use conflictstats::panel::{PanelMetadata, PanelSpec, Role, StateListFill, Unmatched};
use conflictstats::rates::{Form, FormRate, OffsetFit, RateFit, RatesReport};
use conflictstats::severity::{
    Estimate, Favours, LognormalFit, Observation, PowerLawBootstrap, PowerLawFit, SeverityReport,
    SeverityUnit, Summary, Vuong,
};
use conflictstats::stockflow::{BaseRates, Decomposition, FlowYear, StockFlow};
use conflictstats::trend::{
    AicComparison, BootstrapP, BootstrapSummary, BreakFit, Diagnostics, FitDiagnostics,
    HacInterval, HacSummary, Horizon, HorizonInterval, Interval, IntervalMethod, LinearFit,
    LjungBox, LrTest, ModelRow, NamedInterval, NegBinFit, NoBreakTest, PoissonFit, ProfilePoint,
    QuotedInterval, Section, Segment, Shape, ShapeComparison, ShapeVerdict, SimpleFit, UnitInfo,
    Verdict, YearInterval,
};
use conflictstats::{
    CountUnit,
    data::{ByteIdentity, ReleaseStatus},
};
use pyo3::prelude::*;

/// The Python value of a core value: itself (plain data), its key (enums) or its mirror.
pub(crate) trait Mirror<T> {
    fn mirror(&self) -> T;
}

impl<T: Clone> Mirror<T> for T {
    fn mirror(&self) -> T {
        self.clone()
    }
}

impl Mirror<String> for &'static str {
    fn mirror(&self) -> String {
        (*self).to_string()
    }
}

/// Enums cross as their `snake_case` key.
macro_rules! keys {
    ($($ty:ty => $key:expr),* $(,)?) => {$(
        impl Mirror<String> for $ty {
            fn mirror(&self) -> String {
                let key: fn(&$ty) -> String = $key;
                key(self)
            }
        }
        impl Mirror<Option<String>> for Option<$ty> {
            fn mirror(&self) -> Option<String> {
                self.as_ref().map(Mirror::<String>::mirror)
            }
        }
        impl Mirror<Vec<String>> for Vec<$ty> {
            fn mirror(&self) -> Vec<String> {
                self.iter().map(Mirror::<String>::mirror).collect()
            }
        }
    )*};
}

keys! {
    CountUnit => |v| v.key().to_string(),
    Dimension => |v| v.key().to_string(),
    TypeOfConflict => |v| v.key().to_string(),
    Intensity => |v| v.key().to_string(),
    Incompatibility => |v| v.key().to_string(),
    Region => |v| v.key().to_string(),
    EventUnit => |v| v.key().to_string(),
    Period => |v| v.key().to_string(),
    Attribution => |v| v.key().to_string(),
    ReleaseStatus => |v| v.key().to_string(),
    ByteIdentity => |v| v.key().to_string(),
    Verdict => crate::serde_key,
    IntervalMethod => crate::serde_key,
    Shape => crate::serde_key,
    Form => |v| v.key().to_string(),
    SeverityUnit => |v| v.key().to_string(),
    Estimate => |v| v.key().to_string(),
    Role => |v| v.key().to_string(),
    Favours => crate::serde_key,
    FetchedFrom => crate::serde_key,
    DatasetKind => crate::serde_key,
    EventType => crate::serde_key,
    SubEventType => crate::serde_key,
    DisorderType => crate::serde_key,
    AcledUnmatched => crate::serde_key,
    AcledLayout => crate::serde_key,
    Qualifier => crate::serde_key,
    ClaimShape => crate::serde_key,
    ClaimVerdict => crate::serde_key,
    FormOfViolence => crate::serde_key,
    Missing => ToString::to_string,
    chrono::NaiveDate => ToString::to_string,
}

/// A frozen Python class `$name` mirroring the core struct `$core` field by field.
macro_rules! mirror {
    ($(#[$doc:meta])* $py:ident = $name:literal from $core:path { $($field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[pyclass(name = $name, module = "conflictstats._conflictstats", frozen, get_all, skip_from_py_object)]
        #[derive(Clone)]
        pub(crate) struct $py { $($field: $ty),* }

        impl From<&$core> for $py {
            fn from(v: &$core) -> $py {
                let $core { $($field),* } = v;
                $py { $($field: Mirror::<$ty>::mirror($field)),* }
            }
        }
        impl Mirror<$py> for $core {
            fn mirror(&self) -> $py {
                $py::from(self)
            }
        }
        impl Mirror<Option<$py>> for Option<$core> {
            fn mirror(&self) -> Option<$py> {
                self.as_ref().map($py::from)
            }
        }
        impl Mirror<Vec<$py>> for Vec<$core> {
            fn mirror(&self) -> Vec<$py> {
                self.iter().map($py::from).collect()
            }
        }
        impl Mirror<Option<Vec<$py>>> for Option<Vec<$core>> {
            fn mirror(&self) -> Option<Vec<$py>> {
                self.as_ref().map(|v| v.iter().map($py::from).collect())
            }
        }
    };
}

/// A dataset's provenance: name, title, release, SHA-256 of the bytes read, source
/// (canonical path or `embedded:<file>`), release status, licence, citation.
#[pyclass(
    name = "Provenance",
    module = "conflictstats._conflictstats",
    frozen,
    skip_from_py_object
)]
#[derive(Clone)]
pub(crate) struct PyProvenance {
    #[pyo3(get)]
    name: String,
    #[pyo3(get)]
    title: String,
    #[pyo3(get)]
    version: String,
    #[pyo3(get)]
    sha256: String,
    #[pyo3(get)]
    source: String,
    #[pyo3(get)]
    status: String,
    #[pyo3(get)]
    licence: Option<String>,
    #[pyo3(get)]
    citation: Option<String>,
    #[pyo3(get)]
    byte_identity: String,
    core: Provenance,
}

impl From<&Provenance> for PyProvenance {
    fn from(p: &Provenance) -> PyProvenance {
        let Provenance {
            name,
            title,
            version,
            sha256,
            source,
            status,
            licence,
            citation,
            byte_identity,
        } = p;
        PyProvenance {
            name: name.clone(),
            title: title.clone(),
            version: version.clone(),
            sha256: sha256.clone(),
            source: source.clone(),
            status: status.mirror(),
            licence: licence.clone(),
            citation: citation.clone(),
            byte_identity: byte_identity.mirror(),
            core: p.clone(),
        }
    }
}

impl Mirror<PyProvenance> for Provenance {
    fn mirror(&self) -> PyProvenance {
        PyProvenance::from(self)
    }
}
impl Mirror<Option<PyProvenance>> for Option<Provenance> {
    fn mirror(&self) -> Option<PyProvenance> {
        self.as_ref().map(PyProvenance::from)
    }
}
impl Mirror<Vec<PyProvenance>> for Vec<Provenance> {
    fn mirror(&self) -> Vec<PyProvenance> {
        self.iter().map(PyProvenance::from).collect()
    }
}

#[pymethods]
impl PyProvenance {
    /// `UCDP/PRIO Armed Conflict Dataset v25.1` (plus a note for modified copies): the core's
    /// label.
    fn label(&self) -> String {
        self.core.label()
    }

    fn __repr__(&self) -> String {
        format!(
            "<Provenance {} {} sha256={}…>",
            self.name,
            self.version,
            &self.sha256[..12.min(self.sha256.len())]
        )
    }
}

mirror! {
    /// The count in `to_year` against `from_year = to_year − years`.
    PyHorizon = "Horizon" from Horizon {
        years: u32, from_year: i32, from_count: f64, to_year: i32, to_count: f64,
        change: f64, ratio: Option<f64>, cagr: Option<f64>, doubling_time_years: Option<f64>,
    }
}

mirror! {
    /// The log-linear Poisson fit of a trend.
    PyPoissonFit = "PoissonFit" from PoissonFit {
        center_year: f64, intercept: f64, slope: f64, slope_se: f64, growth_rate: f64,
        ci_low: f64, ci_high: f64, doubling_time_years: Option<f64>,
        doubling_ci_low: Option<f64>, doubling_ci_high: Option<f64>,
        profile_ci_low: Option<f64>, profile_ci_high: Option<f64>, dispersion: Option<f64>,
        quasi_ci_low: Option<f64>, quasi_ci_high: Option<f64>, deviance: f64,
        pearson_chi2: f64, log_likelihood: f64, aic: f64, iterations: u32,
    }
}

mirror! {
    /// The log-linear negative binomial fit of a trend.
    PyNegBinFit = "NegBinFit" from NegBinFit {
        center_year: f64, intercept: f64, slope: f64, slope_se: f64, growth_rate: f64,
        ci_low: f64, ci_high: f64, doubling_time_years: Option<f64>,
        doubling_ci_low: Option<f64>, doubling_ci_high: Option<f64>, alpha: f64,
        alpha_se: Option<f64>, alpha_at_boundary: bool, log_likelihood: f64, aic: f64,
    }
}

mirror! {
    /// The linear-mean Poisson fit of a trend.
    PyLinearFit = "LinearFit" from LinearFit {
        center_year: f64, intercept: f64, slope: f64, log_likelihood: f64, aic: f64,
        iterations: u32,
    }
}

mirror! {
    /// Exponential against linear, by AIC.
    PyAicComparison = "AicComparison" from AicComparison {
        linear: Option<f64>, loglinear: f64, delta: Option<f64>, c_hat: f64,
        qaic_delta: Option<f64>, verdict: String, note: Option<String>,
    }
}

mirror! {
    /// The HAC (Newey–West) interval of one growth rate.
    PyHacInterval = "HacInterval" from HacInterval { slope_se: f64, ci_low: f64, ci_high: f64 }
}

mirror! {
    /// The HAC intervals of the log-linear growth rates.
    PyHacSummary = "HacSummary" from HacSummary {
        lags: usize, lags_by_rule: bool, poisson: Option<PyHacInterval>,
        negbin: Option<PyHacInterval>,
    }
}

mirror! {
    /// The growth-rate interval a trend statement quotes.
    PyQuotedInterval = "QuotedInterval" from QuotedInterval { method: String, low: f64, high: f64 }
}

mirror! {
    /// The counting unit of a trend report.
    PyUnitInfo = "UnitInfo" from UnitInfo { key: String, definition: String, caveat: Option<String> }
}

mirror! {
    /// Which conflict-years a count includes (keys of the core's enums).
    PyFilters = "Filters" from Filters {
        types: Vec<String>, intensities: Vec<String>, incompatibilities: Vec<String>,
        regions: Vec<String>, from_year: Option<i32>, to_year: Option<i32>,
    }
}

mirror! {
    /// How a count was computed.
    PyCountSpec = "CountSpec" from CountSpec {
        unit: String, filters: PyFilters, by: Option<String>, persistence: u32,
    }
}

/// A count's metadata: its spec and every dataset it read.
#[pyclass(
    name = "CountMetadata",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
pub(crate) struct PyCountMetadata {
    spec: PyCountSpec,
    dataset: PyProvenance,
    other_datasets: Vec<PyProvenance>,
}

impl From<&CountTable> for PyCountMetadata {
    fn from(t: &CountTable) -> PyCountMetadata {
        PyCountMetadata {
            spec: t.spec.mirror(),
            dataset: t.dataset.mirror(),
            other_datasets: t.other_datasets.mirror(),
        }
    }
}

mirror! {
    /// The options of a panel.
    PyPanelSpec = "PanelSpec" from PanelSpec {
        years: Option<(i32, i32)>, gap: u32, include_microstates: bool, directed: bool,
        active_only: bool, role: Option<String>,
    }
}

mirror! {
    /// How the state-based panels fill the years after the G&W list ends.
    PyStateListFill = "StateListFill" from StateListFill {
        list_ends: String, last_panel_year: i32, rule: String,
    }
}

mirror! {
    /// A conflict-year whose state has no G&W membership in that year.
    PyUnmatched = "Unmatched" from Unmatched { gwcode: u16, year: i32, role: String }
}

mirror! {
    /// A panel's metadata: spec, coverage, provenance.
    PyPanelMetadata = "PanelMetadata" from PanelMetadata {
        panel: String, spec: PyPanelSpec, coverage: (i32, i32), conflict_data: PyProvenance,
        state_list: Option<PyProvenance>, state_list_fill: Option<PyStateListFill>,
        unmatched: Option<Vec<PyUnmatched>>, role: Option<String>,
    }
}

mirror! {
    /// How GED events were aggregated.
    PyAggregateSpec = "AggregateSpec" from AggregateSpec {
        unit: String, period: String, attribution: String, max_date_prec: u8,
    }
}

mirror! {
    /// Sums of deaths (low, best, high) and events.
    PySums = "Sums" from Sums { low: u64, best: u64, high: u64, events: u64 }
}

/// An event aggregation's metadata: spec, the events excluded by `max_date_prec`, the GED
/// provenance (a file or the embedded sample; `None` for a DataFrame), the source label and
/// the DataFrame columns that had to be copied.
#[pyclass(
    name = "EventsMetadata",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
pub(crate) struct PyEventsMetadata {
    spec: PyAggregateSpec,
    excluded: PySums,
    provenance: Option<PyProvenance>,
    source: String,
    copied: Vec<String>,
}

impl PyEventsMetadata {
    pub(crate) fn new(
        t: &EventTable,
        provenance: Option<&Provenance>,
        copied: Vec<String>,
    ) -> PyEventsMetadata {
        PyEventsMetadata {
            spec: t.spec.mirror(),
            excluded: t.excluded.mirror(),
            provenance: provenance.map(PyProvenance::from),
            source: t.source.clone(),
            copied,
        }
    }
}

// The trend report's further parts (`conflictstats::trend`).

mirror! {
    /// A 95 % percentile interval over the valid bootstrap replicates.
    PyInterval = "Interval" from Interval { low: Option<f64>, high: Option<f64>, valid: usize }
}

mirror! {
    /// Bootstrap intervals of one horizon ratio.
    PyHorizonInterval = "HorizonInterval" from HorizonInterval {
        years: u32, parametric: PyInterval, block: PyInterval,
    }
}

mirror! {
    /// The parametric and moving-block bootstrap of a trend.
    PyBootstrapSummary = "BootstrapSummary" from BootstrapSummary {
        replicates: usize, seed: u64, block_length: usize, parametric_alpha: f64,
        growth_parametric: PyInterval, growth_block: PyInterval,
        horizons: Vec<PyHorizonInterval>,
    }
}

mirror! {
    /// Ljung–Box on the Pearson residuals.
    PyLjungBox = "LjungBox" from LjungBox {
        lags: usize, statistic: f64, p_value: f64, lags_by_rule: bool,
    }
}

mirror! {
    /// Residual diagnostics of one fit.
    PyDiagnostics = "Diagnostics" from Diagnostics {
        acf: Vec<f64>, ljung_box: PyLjungBox, dispersion: Option<f64>,
        dispersion_p_value: Option<f64>, warnings: Vec<String>,
    }
}

mirror! {
    /// Residual diagnostics of the one-curve fits.
    PyFitDiagnostics = "FitDiagnostics" from FitDiagnostics {
        poisson: PyDiagnostics, negbin: PyDiagnostics, linear: Option<PyDiagnostics>,
    }
}

mirror! {
    /// A 95 % interval of break years, inclusive.
    PyYearInterval = "YearInterval" from YearInterval { low: i32, high: i32 }
}

mirror! {
    /// One regime of a break model (`from`/`to` in JSON).
    PySegment = "Segment" from Segment {
        from_year: i32, to_year: i32, level_start: f64, level_end: f64,
        growth_rate: Option<f64>, growth_ci: Option<(f64, f64)>,
        growth_hac_ci: Option<(f64, f64)>,
    }
}

mirror! {
    /// The log-likelihood at one break year.
    PyProfilePoint = "ProfilePoint" from ProfilePoint { year: i32, log_likelihood: f64 }
}

impl Mirror<Vec<Vec<PyProfilePoint>>> for Vec<Vec<ProfilePoint>> {
    fn mirror(&self) -> Vec<Vec<PyProfilePoint>> {
        self.iter().map(Mirror::mirror).collect()
    }
}

mirror! {
    /// A break model at its best break year(s).
    PyBreakFit = "BreakFit" from BreakFit {
        shape: String, break_years: Vec<i32>, segments: Vec<PySegment>, parameters: usize,
        log_likelihood: f64, aic: f64, bic: f64, qaic: f64,
        profile: Vec<Vec<PyProfilePoint>>, profile_intervals: Vec<PyYearInterval>,
        bootstrap_intervals: Vec<PyYearInterval>, diagnostics: PyDiagnostics,
        fitted: Vec<f64>, fitted_band: Vec<(f64, f64)>,
    }
}

mirror! {
    /// A bootstrap p-value with its Monte-Carlo standard error.
    PyBootstrapP = "BootstrapP" from BootstrapP { p_value: f64, mc_se: f64, valid: usize }
}

mirror! {
    /// The test of no break against one regime change at an unknown year.
    PyNoBreakTest = "NoBreakTest" from NoBreakTest {
        statistic: f64, break_year: i32, naive_p_value: f64, parametric: Option<PyBootstrapP>,
        block: Option<PyBootstrapP>, replicates: usize, block_length: usize, seed: u64,
    }
}

mirror! {
    /// A likelihood-ratio test of nested shapes.
    PyLrTest = "LrTest" from LrTest {
        null: String, alternative: String, statistic: f64, df: usize, p_value: f64,
    }
}

mirror! {
    /// Which shape, and when.
    PyShapeVerdict = "ShapeVerdict" from ShapeVerdict {
        shape: String, break_years: Vec<i32>, break_intervals: Vec<PyYearInterval>,
        interval_method: Option<String>, no_break_p_value: Option<f64>, sentence: String,
    }
}

mirror! {
    /// A no-break model's likelihood figures.
    PySimpleFit = "SimpleFit" from SimpleFit {
        shape: String, log_likelihood: f64, aic: f64, bic: f64, qaic: f64,
    }
}

mirror! {
    /// Every shape on one window: exponential, linear, step, one and two regime changes.
    PyShapeComparison = "ShapeComparison" from ShapeComparison {
        window_start: i32, window_end: i32, min_segment: usize, c_hat: f64,
        exponential: PySimpleFit, linear: Option<PySimpleFit>, breaks: Vec<PyBreakFit>,
        no_break: Option<PyNoBreakTest>, step_vs_regime: Option<PyLrTest>,
        verdict: PyShapeVerdict, notes: Vec<String>,
    }
}

mirror! {
    /// A 95 % interval of a growth rate, with its method.
    PyNamedInterval = "NamedInterval" from NamedInterval { method: String, low: f64, high: f64 }
}

mirror! {
    /// One fitted model of a trend report.
    PyModelRow = "ModelRow" from ModelRow {
        key: String, name: String, shape: String, likelihood: String, parameters: usize,
        log_likelihood: f64, aic: f64, delta_aic: f64, bic: f64, growth_rate: Option<f64>,
        intervals: Vec<PyNamedInterval>, break_years: Vec<i32>,
        break_intervals: Vec<PyYearInterval>, summary: String, diagnostics: PyDiagnostics,
        chosen: bool,
    }
}

/// One part of a report as a table of formatted cells. The datasets a part read are not
/// repeated here: the report lists them once, in `other_datasets`.
#[pyclass(
    name = "Section",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
#[derive(Clone)]
pub(crate) struct PySection {
    key: String,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<String>>,
    notes: Vec<String>,
}

impl Mirror<Vec<PySection>> for Vec<Section> {
    fn mirror(&self) -> Vec<PySection> {
        self.iter()
            .map(|s| {
                let Section {
                    key,
                    title,
                    columns,
                    rows,
                    notes,
                    datasets: _,
                } = s;
                PySection {
                    key: key.clone(),
                    title: title.clone(),
                    columns: columns.clone(),
                    rows: rows.clone(),
                    notes: notes.clone(),
                }
            })
            .collect()
    }
}

/// A streamed event aggregation's metadata: as [`PyEventsMetadata`], with the events read
/// and the batches pushed.
#[pyclass(
    name = "StreamMetadata",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
pub(crate) struct PyStreamMetadata {
    spec: PyAggregateSpec,
    excluded: PySums,
    provenance: Option<PyProvenance>,
    source: String,
    copied: Vec<String>,
    events_read: u64,
    batches: usize,
}

impl PyStreamMetadata {
    pub(crate) fn new(
        t: &EventTable,
        provenance: Option<&Provenance>,
        copied: Vec<String>,
        (events_read, batches): (u64, usize),
    ) -> PyStreamMetadata {
        PyStreamMetadata {
            spec: t.spec.mirror(),
            excluded: t.excluded.mirror(),
            provenance: provenance.map(PyProvenance::from),
            source: t.source.clone(),
            copied,
            events_read,
            batches,
        }
    }
}

// ACLED exports (`conflictstats::events::acled`).

mirror! {
    /// Events and the sum of their fatalities.
    PyTally = "Tally" from Tally { events: u64, fatalities: u64 }
}

mirror! {
    /// The period and ACLED's filters (keys).
    PyAcledSpec = "AcledSpec" from AcledSpec {
        period: String, event_types: Vec<String>, sub_event_types: Vec<String>,
        disorder_types: Vec<String>, max_time_precision: u8,
    }
}

/// Selected events not counted because of their country (`events` and `fatalities` flat,
/// as in the JSON).
#[pyclass(
    name = "UnmatchedCountry",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
#[derive(Clone)]
pub(crate) struct PyUnmatchedCountry {
    iso: u16,
    country: String,
    iso3: Vec<String>,
    reason: String,
    gwcodes: Vec<u16>,
    first_date: String,
    last_date: String,
    events: u64,
    fatalities: u64,
}

impl From<&UnmatchedCountry> for PyUnmatchedCountry {
    fn from(u: &UnmatchedCountry) -> PyUnmatchedCountry {
        let UnmatchedCountry {
            iso,
            country,
            iso3,
            reason,
            gwcodes,
            first_date,
            last_date,
            tally: Tally { events, fatalities },
        } = u;
        PyUnmatchedCountry {
            iso: *iso,
            country: country.clone(),
            iso3: iso3.clone(),
            reason: reason.mirror(),
            gwcodes: gwcodes.clone(),
            first_date: first_date.clone(),
            last_date: last_date.clone(),
            events: *events,
            fatalities: *fatalities,
        }
    }
}

/// What an ACLED aggregation left out, and why.
#[pyclass(
    name = "AcledExcluded",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
#[derive(Clone)]
pub(crate) struct PyAcledExcluded {
    not_selected: PyTally,
    imprecise: PyTally,
    unmatched: Vec<PyUnmatchedCountry>,
}

/// An ACLED aggregation's metadata: spec, measure, layout, what was left out, the totals
/// counted, the export's provenance, every dataset read (the export, the ISO table, the
/// crosswalk), the export's extra columns and load warnings.
#[pyclass(
    name = "AcledMetadata",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
pub(crate) struct PyAcledMetadata {
    spec: PyAcledSpec,
    measure: String,
    layout: String,
    excluded: PyAcledExcluded,
    totals: PyTally,
    provenance: PyProvenance,
    datasets: Vec<PyProvenance>,
    extra_columns: Vec<String>,
    warnings: Vec<crate::PyLoadWarning>,
}

impl PyAcledMetadata {
    pub(crate) fn new(
        t: &AcledTable,
        acled: &Acled,
        (iso, cw): (&IsoNumeric, &Crosswalk),
    ) -> PyAcledMetadata {
        PyAcledMetadata {
            spec: t.spec.mirror(),
            measure: t.measure.to_string(),
            layout: acled.layout.mirror(),
            excluded: PyAcledExcluded {
                not_selected: t.not_selected.mirror(),
                imprecise: t.imprecise.mirror(),
                unmatched: t.unmatched.iter().map(PyUnmatchedCountry::from).collect(),
            },
            totals: t.counted().mirror(),
            provenance: acled.provenance.mirror(),
            datasets: [&acled.provenance, &iso.provenance, &cw.provenance]
                .into_iter()
                .map(PyProvenance::from)
                .collect(),
            extra_columns: acled.extra_columns.clone(),
            warnings: crate::dataset_warnings([(&acled.provenance, &acled.warnings[..])])
                .iter()
                .map(crate::PyLoadWarning::from)
                .collect(),
        }
    }
}

// Claims (`conflictstats::claim`).

mirror! {
    /// Where a claim was published.
    PyPublication = "Publication" from ClaimSource {
        publisher: String, speaker: Option<String>, title: String, date: String, url: String,
    }
}

mirror! {
    /// A level part of a claim: "more than 130 armed conflicts".
    PyLevelPart = "LevelPart" from LevelPart {
        said: String, qualifier: String, value: f64, tolerance: Option<f64>,
    }
}

mirror! {
    /// A ratio part of a claim: "twice as many as 15 years ago".
    PyRatioPart = "RatioPart" from RatioPart {
        said: String, horizon: u32, qualifier: String, value: f64, tolerance: Option<f64>,
    }
}

mirror! {
    /// A shape part of a claim: "rising exponentially", per form of violence.
    PyShapePart = "ShapePart" from ShapePart { said: String, shape: String, forms: Vec<String> }
}

mirror! {
    /// A claim about armed conflicts, as data (`date` as `yyyy-mm-dd`).
    PyClaim = "Claim" from Claim {
        id: String, text: String, date: String, reference_year: Option<i32>,
        source: PyPublication, level: Option<PyLevelPart>, ratios: Vec<PyRatioPart>,
        shape: Option<PyShapePart>,
    }
}

mirror! {
    /// A qualified figure: the qualifier, the number and its relative tolerance.
    PyFigure = "Figure" from Figure { qualifier: String, value: f64, tolerance: f64 }
}

mirror! {
    /// One part of a claim (or all parts together) across every reading.
    PyPartSummary = "PartSummary" from PartSummary {
        said: String, figure: Option<PyFigure>, evaluated: usize, holds: Vec<usize>,
        unavailable: usize, closest: Option<usize>, closest_distance: Option<f64>,
        fragile: Vec<usize>, fragile_holds: usize,
    }
}

mirror! {
    /// One ICRC figure of a dated series.
    PyIcrcPoint = "IcrcPoint" from IcrcPoint { year: i32, value: f64, label: String, implied: bool }
}

mirror! {
    /// A UCDP unit over the ICRC series' base and end years (`missing`: why there is none).
    PyUnitIndex = "UnitIndex" from UnitIndex {
        unit: String, release: Option<String>, base: Option<u32>, end: Option<u32>,
        index: Option<f64>, missing: Option<String>,
    }
}

mirror! {
    /// One ICRC series against every UCDP unit.
    PySeriesComparison = "SeriesComparison" from SeriesComparison {
        series: String, counts: String, points: Vec<PyIcrcPoint>, base_year: i32,
        end_year: i32, icrc_index: f64, units: Vec<PyUnitIndex>, fastest: Option<String>,
        unexplained_share: Option<f64>, unexplained_conflicts: Option<f64>,
        needs: Vec<String>,
    }
}

mirror! {
    /// An ICRC figure indexed to a ratio part's base (the base the claim implies).
    PyIndexedIcrcPoint = "IndexedIcrcPoint" from IndexedIcrcPoint {
        part: String, year: i32, value: f64, index: f64, label: String,
    }
}

// Stock and flow (`conflictstats::stockflow`).

mirror! {
    /// One year of the stock of state-based conflicts and its flows.
    PyFlowYear = "FlowYear" from FlowYear {
        year: i32, active: u32, onsets: u32, new_conflicts: u32, recurrences: u32,
        continuing: u32, terminations: u32, states: u32, onset_rate: f64,
        termination_rate: Option<f64>, mean_duration: Option<f64>,
        at_risk_by_duration: [u32; 4], terminations_by_duration: [u32; 4],
    }
}

mirror! {
    /// The stock and flows of state-based conflicts, year by year.
    PyStockFlow = "StockFlow" from StockFlow {
        dataset: PyProvenance, states_dataset: PyProvenance, first_year: i32,
        first_year_active: u32, years: Vec<PyFlowYear>,
    }
}

mirror! {
    /// The base-period rates of a decomposition.
    PyBaseRates = "BaseRates" from BaseRates {
        years: (i32, i32), onsets: f64, new_conflicts: f64, recurrences: f64,
        termination_rate: f64, termination_rate_by_duration: [f64; 4],
        at_risk_share_by_duration: [f64; 4],
    }
}

mirror! {
    /// The change of the stock between two years, decomposed against base-period rates.
    PyDecomposition = "Decomposition" from Decomposition {
        from_year: i32, to_year: i32, active_from: u32, active_to: u32, change: i32,
        onsets: u32, new_conflicts: u32, recurrences: u32, terminations: u32,
        termination_rate: f64, base: PyBaseRates, more_onsets: f64, more_new_conflicts: f64,
        fewer_terminations: f64, longer_durations: f64, stock_feedback: f64, statement: String,
    }
}

// Rates per state (`conflictstats::rates`).

mirror! {
    /// A log-linear fit of a rate (counts with the log of the states as offset).
    PyOffsetFit = "OffsetFit" from OffsetFit {
        center_year: f64, intercept: f64, slope: f64, slope_se: f64, growth_rate: f64,
        ci_low: f64, ci_high: f64, alpha: f64, alpha_at_boundary: bool, log_likelihood: f64,
    }
}

mirror! {
    /// The Poisson and negative binomial fits of a rate per state.
    PyRateFit = "RateFit" from RateFit { poisson: PyOffsetFit, negbin: PyOffsetFit }
}

mirror! {
    /// One form of violence over the window: counts, rates per state and their fits.
    PyFormRate = "FormRate" from FormRate {
        form: String, key: String, question: String, unit: String, dataset: PyProvenance,
        counts: Vec<u32>, per_100_states: Vec<f64>, count_poisson: Option<PyPoissonFit>,
        count_negbin: Option<PyNegBinFit>, rate: Option<PyRateFit>, note: Option<String>,
    }
}

mirror! {
    /// Counts and rates per G&W state for several forms of violence on one window.
    PyRatesReport = "RatesReport" from RatesReport {
        window_start: i32, window_end: i32, states: Vec<u32>, include_microstates: bool,
        states_dataset: PyProvenance, forms: Vec<PyFormRate>, statement: String,
    }
}

// Severity (`conflictstats::severity`).

mirror! {
    /// Order statistics of the battle-related deaths observed.
    PySummary = "Summary" from Summary {
        n: usize, total: u64, mean: f64, min: u64, median: f64, p90: f64, p99: f64, max: u64,
        top1pct_share: f64,
    }
}

mirror! {
    /// One observation: a conflict-year, or a conflict over its years.
    PyObservation = "Observation" from Observation {
        conflict_id: u32, year: i32, last_year: i32, deaths: u64,
    }
}

mirror! {
    /// The continuous power-law fit of the tail (Clauset, Shalizi & Newman 2009).
    PyPowerLawFit = "PowerLawFit" from PowerLawFit {
        n: usize, n_tail: usize, x_min: f64, alpha: f64, alpha_se_asymptotic: f64,
        ks_distance: f64, log_likelihood: f64,
    }
}

mirror! {
    /// The semi-parametric bootstrap of the power-law fit.
    PyPowerLawBootstrap = "PowerLawBootstrap" from PowerLawBootstrap {
        replicates: usize, seed: u64, alpha_se: f64, x_min_se: f64, gof_p_value: f64,
        gof_exceed: usize,
    }
}

mirror! {
    /// The log-normal fit of the same tail.
    PyLognormalFit = "LognormalFit" from LognormalFit {
        mu: f64, sigma: f64, log_likelihood: f64, converged: bool,
    }
}

mirror! {
    /// Vuong's test of the power law against the log-normal.
    PyVuong = "Vuong" from Vuong {
        log_likelihood_ratio: f64, normalized_ratio: f64, p_value: f64, favours: String,
    }
}

mirror! {
    /// Battle-related deaths per conflict-year or conflict, and their tail.
    PySeverityReport = "SeverityReport" from SeverityReport {
        label: String, dataset: Option<PyProvenance>, unit: String, estimate: String,
        years: (i32, i32), zero_observations: usize, summary: PySummary,
        largest: Vec<PyObservation>, power_law: PyPowerLawFit, lognormal: PyLognormalFit,
        vuong: PyVuong, bootstrap: Option<PyPowerLawBootstrap>, statement: String,
    }
}

// The registry and the cache (`conflictstats::data`).

/// One embedded release of the registry (its bytes stay in Rust).
#[pyclass(
    name = "EmbeddedDataset",
    module = "conflictstats._conflictstats",
    frozen,
    get_all,
    skip_from_py_object
)]
pub(crate) struct PyEmbeddedDataset {
    name: String,
    version: String,
    title: String,
    kind: String,
    file_name: String,
    rows: usize,
    years: (i32, i32),
    sha256: String,
    licence: String,
    citation: String,
    bibtex: String,
    default: bool,
    byte_identity: String,
}

impl From<&EmbeddedDataset> for PyEmbeddedDataset {
    fn from(d: &EmbeddedDataset) -> PyEmbeddedDataset {
        PyEmbeddedDataset {
            name: d.name.into(),
            version: d.version.into(),
            title: d.title.into(),
            kind: d.kind.mirror(),
            file_name: d.file_name.into(),
            rows: d.rows,
            years: d.years,
            sha256: d.sha256.into(),
            licence: d.licence.into(),
            citation: d.citation.into(),
            bibtex: d.bibtex.into(),
            default: d.default,
            byte_identity: d.byte_identity.mirror(),
        }
    }
}

mirror! {
    /// One redirect followed while fetching.
    PyRedirect = "Redirect" from Redirect {
        status: u16, url: String, location: String,
    }
}

mirror! {
    /// What the cache records about a fetched release (`release.json`).
    PyCacheRecord = "CacheRecord" from CacheRecord {
        name: String, version: String, file_name: String, member: Option<String>,
        sha256: String, bytes: u64, url: String, final_url: String,
        redirects: Vec<PyRedirect>, fetched_from: String, verified: bool,
        verified_by: Option<String>,
    }
}

/// Registers the classes of this module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyProvenance>()?;
    m.add_class::<PyHorizon>()?;
    m.add_class::<PyPoissonFit>()?;
    m.add_class::<PyNegBinFit>()?;
    m.add_class::<PyLinearFit>()?;
    m.add_class::<PyAicComparison>()?;
    m.add_class::<PyHacInterval>()?;
    m.add_class::<PyHacSummary>()?;
    m.add_class::<PyQuotedInterval>()?;
    m.add_class::<PyUnitInfo>()?;
    m.add_class::<PyFilters>()?;
    m.add_class::<PyCountSpec>()?;
    m.add_class::<PyCountMetadata>()?;
    m.add_class::<PyPanelSpec>()?;
    m.add_class::<PyStateListFill>()?;
    m.add_class::<PyUnmatched>()?;
    m.add_class::<PyPanelMetadata>()?;
    m.add_class::<PyAggregateSpec>()?;
    m.add_class::<PySums>()?;
    m.add_class::<PyEventsMetadata>()?;
    m.add_class::<PyStreamMetadata>()?;
    m.add_class::<PyTally>()?;
    m.add_class::<PyAcledSpec>()?;
    m.add_class::<PyUnmatchedCountry>()?;
    m.add_class::<PyAcledExcluded>()?;
    m.add_class::<PyAcledMetadata>()?;
    m.add_class::<PyInterval>()?;
    m.add_class::<PyHorizonInterval>()?;
    m.add_class::<PyBootstrapSummary>()?;
    m.add_class::<PyLjungBox>()?;
    m.add_class::<PyDiagnostics>()?;
    m.add_class::<PyFitDiagnostics>()?;
    m.add_class::<PyYearInterval>()?;
    m.add_class::<PySegment>()?;
    m.add_class::<PyProfilePoint>()?;
    m.add_class::<PyBreakFit>()?;
    m.add_class::<PyBootstrapP>()?;
    m.add_class::<PyNoBreakTest>()?;
    m.add_class::<PyLrTest>()?;
    m.add_class::<PyShapeVerdict>()?;
    m.add_class::<PySimpleFit>()?;
    m.add_class::<PyShapeComparison>()?;
    m.add_class::<PyNamedInterval>()?;
    m.add_class::<PyModelRow>()?;
    m.add_class::<PySection>()?;
    m.add_class::<PyPublication>()?;
    m.add_class::<PyLevelPart>()?;
    m.add_class::<PyRatioPart>()?;
    m.add_class::<PyShapePart>()?;
    m.add_class::<PyClaim>()?;
    m.add_class::<PyFigure>()?;
    m.add_class::<PyPartSummary>()?;
    m.add_class::<PyIcrcPoint>()?;
    m.add_class::<PyUnitIndex>()?;
    m.add_class::<PySeriesComparison>()?;
    m.add_class::<PyIndexedIcrcPoint>()?;
    m.add_class::<PyFlowYear>()?;
    m.add_class::<PyStockFlow>()?;
    m.add_class::<PyBaseRates>()?;
    m.add_class::<PyDecomposition>()?;
    m.add_class::<PyOffsetFit>()?;
    m.add_class::<PyRateFit>()?;
    m.add_class::<PyFormRate>()?;
    m.add_class::<PyRatesReport>()?;
    m.add_class::<PySummary>()?;
    m.add_class::<PyObservation>()?;
    m.add_class::<PyPowerLawFit>()?;
    m.add_class::<PyPowerLawBootstrap>()?;
    m.add_class::<PyLognormalFit>()?;
    m.add_class::<PyVuong>()?;
    m.add_class::<PySeverityReport>()?;
    m.add_class::<PyEmbeddedDataset>()?;
    m.add_class::<PyRedirect>()?;
    m.add_class::<PyCacheRecord>()?;
    Ok(())
}
