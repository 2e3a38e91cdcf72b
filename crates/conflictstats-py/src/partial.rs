//! Partial event tables across the boundary: `EventPartial` holds a core
//! [`EventTable`](conflictstats::events::EventTable) (spec, excluded events, source) and the
//! provenance of the data it counted, merges exactly through
//! [`merge_tables`](conflictstats::events::merge_tables), and pickles (to go from one Dask
//! worker to another) as its columns' little-endian bytes, checked again by the core when
//! rebuilt.

use super::{Files, data_sources, event_frame_table, event_spec, run};
use crate::types::{PyEventsMetadata, PyProvenance};
use conflictstats::Error;
use conflictstats::data::Provenance;
use conflictstats::events::{EventTable, EventUnit, MergeError, Period, Sums, merge_tables};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};
use pyo3_polars::PyDataFrame;

/// A partial table: the sums of a part of the events (a partition, a batch), with its spec,
/// excluded events, source and (for a GED file) provenance.
#[pyclass(name = "EventPartial", module = "conflictstats._conflictstats", frozen)]
pub(crate) struct PyEventPartial {
    table: EventTable,
    provenance: Option<Provenance>,
}

/// The pickled state: spec keys, excluded sums, source, the provenance as JSON (pickle's
/// bytes, read back by serde), and the columns `type_of_violence`, `unit`, `year`, `month`,
/// `low`, `best`, `high`, `events`, each as little-endian bytes (empty for an absent column).
type State = (
    (String, String, String, u8),
    (u64, u64, u64, u64),
    String,
    Option<String>,
    Vec<Vec<u8>>,
);

fn le_bytes<T: Copy, const N: usize>(v: &[T], f: impl Fn(T) -> [u8; N]) -> Vec<u8> {
    v.iter().flat_map(|&x| f(x)).collect()
}

fn from_le<T, const N: usize>(b: &[u8], f: impl Fn([u8; N]) -> T) -> Result<Vec<T>, Error> {
    if b.len() % N != 0 {
        return Err(Error::InvalidSpec(format!(
            "EventPartial state: a column of {} bytes is not a whole number of {N}-byte values",
            b.len()
        )));
    }
    Ok(b.chunks_exact(N)
        .map(|c| f(c.try_into().unwrap_or([0; N])))
        .collect())
}

impl PyEventPartial {
    fn state(&self) -> Result<State, Error> {
        let t = &self.table;
        let provenance = self
            .provenance
            .as_ref()
            .map(serde_json::to_string)
            .transpose()
            .map_err(|e| Error::InvalidSpec(format!("EventPartial provenance: {e}")))?;
        Ok((
            self.spec(),
            (
                t.excluded.low,
                t.excluded.best,
                t.excluded.high,
                t.excluded.events,
            ),
            t.source.clone(),
            provenance,
            vec![
                t.type_of_violence.clone().unwrap_or_default(),
                le_bytes(&t.unit, u32::to_le_bytes),
                le_bytes(&t.year, i32::to_le_bytes),
                t.month.clone().unwrap_or_default(),
                le_bytes(&t.low, u64::to_le_bytes),
                le_bytes(&t.best, u64::to_le_bytes),
                le_bytes(&t.high, u64::to_le_bytes),
                le_bytes(&t.events, u64::to_le_bytes),
            ],
        ))
    }

    fn from_state(state: State) -> Result<PyEventPartial, Error> {
        let ((unit, period, attribution, prec), (low, best, high, events), source, prov, cols) =
            state;
        let spec = event_spec(&unit, &period, &attribution, prec)?;
        let [tov, units, years, months, lows, bests, highs, counts]: [Vec<u8>; 8] =
            cols.try_into().map_err(|c: Vec<Vec<u8>>| {
                Error::InvalidSpec(format!("EventPartial state: {} columns, not 8", c.len()))
            })?;
        let mut t = EventTable {
            spec,
            type_of_violence: None,
            unit: from_le(&units, u32::from_le_bytes)?,
            year: from_le(&years, i32::from_le_bytes)?,
            month: None,
            low: from_le(&lows, u64::from_le_bytes)?,
            best: from_le(&bests, u64::from_le_bytes)?,
            high: from_le(&highs, u64::from_le_bytes)?,
            events: from_le(&counts, u64::from_le_bytes)?,
            excluded: Sums {
                low,
                best,
                high,
                events,
            },
            source,
        };
        // A column the spec does not have must be absent: the core's check refuses it.
        let conflict = spec.unit == EventUnit::Conflict;
        t.type_of_violence = (conflict || !tov.is_empty()).then_some(tov);
        t.month = (spec.period == Period::Month || !months.is_empty()).then_some(months);
        t.check_canonical()?;
        let provenance = prov
            .map(|p| serde_json::from_str::<Provenance>(&p))
            .transpose()
            .map_err(|e| Error::InvalidSpec(format!("EventPartial state: provenance: {e}")))?;
        Ok(PyEventPartial {
            table: t,
            provenance,
        })
    }
}

#[pymethods]
impl PyEventPartial {
    /// Rebuilds a partial table from its pickled state (checked by the core).
    #[new]
    fn new(py: Python<'_>, state: State) -> PyResult<PyEventPartial> {
        run(py, || PyEventPartial::from_state(state))
    }

    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let cls = py.get_type::<PyEventPartial>();
        let (spec, excluded, source, prov, cols) = run(py, || self.state())?;
        let cols: Vec<Bound<'py, PyBytes>> = cols.iter().map(|c| PyBytes::new(py, c)).collect();
        let state = (spec, excluded, source, prov, cols).into_pyobject(py)?;
        PyTuple::new(py, [cls.into_any(), PyTuple::new(py, [state])?.into_any()])
    }

    /// Merges partial tables of one spec and source (and provenance) exactly.
    #[staticmethod]
    fn merge(py: Python<'_>, parts: Vec<PyRef<'_, PyEventPartial>>) -> PyResult<PyEventPartial> {
        run(py, || {
            let provenance = parts.first().and_then(|p| p.provenance.clone());
            if let Some((i, p)) = parts
                .iter()
                .enumerate()
                .find(|(_, p)| p.provenance != provenance)
            {
                let describe = |p: Option<&Provenance>| {
                    p.map_or_else(
                        || "no provenance".to_string(),
                        |p| format!("{} (sha256 {})", p.label(), p.sha256),
                    )
                };
                return Err(MergeError::SourceMismatch {
                    part: i,
                    expected: describe(provenance.as_ref()),
                    found: describe(p.provenance.as_ref()),
                }
                .into());
            }
            let tables: Vec<EventTable> = parts.iter().map(|p| p.table.clone()).collect();
            Ok(PyEventPartial {
                table: merge_tables(tables)?,
                provenance,
            })
        })
    }

    /// The table as a DataFrame (columns as `aggregate_events`) and its metadata: `spec`,
    /// `excluded`, `source`, `provenance` (when known) and `copied` (empty: a partial copies
    /// nothing it keeps).
    fn frame(&self, py: Python<'_>) -> PyResult<(PyDataFrame, PyEventsMetadata)> {
        run(py, || {
            let t = &self.table;
            let meta = PyEventsMetadata::new(t, self.provenance.as_ref(), Vec::new());
            Ok((PyDataFrame(t.to_dataframe()?), meta))
        })
    }

    /// The spec as keys: `(unit, period, attribution, max_date_prec)`.
    #[getter]
    fn spec(&self) -> (String, String, String, u8) {
        let s = &self.table.spec;
        (
            s.unit.key().to_string(),
            s.period.key().to_string(),
            s.attribution.key().to_string(),
            s.max_date_prec,
        )
    }

    /// The `source` column's value.
    #[getter]
    fn source(&self) -> String {
        self.table.source.clone()
    }

    /// Events dropped by `max_date_prec`: `(low, best, high, events)`.
    #[getter]
    fn excluded(&self) -> (u64, u64, u64, u64) {
        let e = &self.table.excluded;
        (e.low, e.best, e.high, e.events)
    }

    /// The provenance of the data counted, when known (a GED file or the embedded sample).
    #[getter]
    fn provenance(&self) -> Option<PyProvenance> {
        self.provenance.as_ref().map(PyProvenance::from)
    }

    fn __len__(&self) -> usize {
        self.table.len()
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyEventPartial>()
            .is_ok_and(|o| o.get().table == self.table && o.get().provenance == self.provenance)
    }

    fn __repr__(&self) -> String {
        let (u, p, a, m) = self.spec();
        format!(
            "<EventPartial {} rows, {u}-{p}, {a}, max_date_prec {m}, source {:?}>",
            self.table.len(),
            self.table.source
        )
    }
}

/// The partial table of events given as a DataFrame (GED column names), as
/// `aggregate_event_frame` reads them.
#[pyfunction]
#[pyo3(signature = (events, unit="country", period="year", attribution="split_even", max_date_prec=5, source="DataFrame"))]
pub(crate) fn event_partial(
    py: Python<'_>,
    events: PyDataFrame,
    unit: &str,
    period: &str,
    attribution: &str,
    max_date_prec: u8,
    source: &str,
) -> PyResult<PyEventPartial> {
    run(py, || {
        let spec = event_spec(unit, period, attribution, max_date_prec)?;
        let (table, _copied) = event_frame_table(&events.0, &spec, source)?;
        Ok(PyEventPartial {
            table,
            provenance: None,
        })
    })
}

/// The partial table of a GED file (or the embedded sample), with its provenance.
#[pyfunction]
#[pyo3(signature = (unit="country", period="year", attribution="split_even", max_date_prec=5, path=None, sources=None, rehash=false))]
#[expect(
    clippy::too_many_arguments,
    reason = "the Python function's keyword arguments"
)]
pub(crate) fn event_partial_ged(
    py: Python<'_>,
    unit: &str,
    period: &str,
    attribution: &str,
    max_date_prec: u8,
    path: Option<&str>,
    sources: Option<Files>,
    rehash: bool,
) -> PyResult<PyEventPartial> {
    use conflictstats::data::{DatasetId, Source, ingest::Ingest};
    run(py, || {
        let spec = event_spec(unit, period, attribution, max_date_prec)?;
        let mut ged_sources =
            data_sources(None, sources.as_ref())?.with_ingest(Ingest::cached(rehash));
        if let Some(p) = path {
            ged_sources.set(DatasetId::Ged, Source::File(p.into()));
        }
        let ged = ged_sources.ged()?;
        let w = crate::dataset_warnings([(&ged.provenance, &ged.warnings[..])]);
        let partial = PyEventPartial {
            table: conflictstats::events::aggregate(&ged, &spec)?,
            provenance: Some(ged.provenance),
        };
        Ok((partial, w))
    })
    .and_then(|(out, warnings)| crate::issue_warnings(py, &warnings).map(|()| out))
}

/// The DataFrame columns the events of `unit` are read from (as `aggregate_event_frame`
/// reads them): the unit's, then dates, precision and deaths.
#[pyfunction]
pub(crate) fn event_columns(py: Python<'_>, unit: &str) -> PyResult<Vec<&'static str>> {
    run(py, || {
        let of_unit: &[&'static str] = match EventUnit::parse(unit)? {
            EventUnit::Country => &["country_id"],
            EventUnit::Conflict => &["type_of_violence", "conflict_new_id"],
            EventUnit::PrioGrid => &["priogrid_gid"],
        };
        let rest = ["date_start", "date_end", "date_prec", "low", "best", "high"];
        Ok(of_unit.iter().copied().chain(rest).collect())
    })
}

/// Registers the class and functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEventPartial>()?;
    m.add_function(wrap_pyfunction!(event_partial, m)?)?;
    m.add_function(wrap_pyfunction!(event_partial_ged, m)?)?;
    m.add_function(wrap_pyfunction!(event_columns, m)?)?;
    Ok(())
}
