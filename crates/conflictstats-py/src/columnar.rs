//! Columnar event input across the boundary: [`EventStream`], the running aggregate the Python
//! side feeds with DataFrames (a LazyFrame's batches, a Parquet/IPC file's batches as Python
//! polars streams them, a pyarrow table's record batches, a pandas frame), merged exactly.
//!
//! A DataFrame's columns are checked by the core's rules (`conflictstats::data::columnar`):
//! integer and date dtypes only (a float or string column is a `SchemaError`, never cast;
//! a date column may also hold integer days since 1970-01-01, as `cs.load` gives them),
//! nulls and values out of range named by row. When the date columns are `Date` and the
//! precision, death and country columns share one integer dtype (`Int32` or `Int64`) in one
//! chunk, the kernel reads them in place; otherwise they are converted (a copy, listed in the
//! metadata's `copied`).

use crate::types::PyStreamMetadata;
use crate::{event_spec, run};
use conflictstats::Error;
use conflictstats::data::columnar::{
    self, ColumnarError, EventBatch, Field, FieldKind, StreamingAggregate, check_in_place,
    checked_days, checked_ints, checked_timestamp_days, needed_columns, null_error,
};
use conflictstats::events::{EventColumns, EventUnit};
use conflictstats::frame::DATAFRAME_LABEL;
use polars::prelude::{
    DataFrame, DataType, Int32Type, Int64Type, PolarsNumericType, Series, TimeUnit,
};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// The running aggregate of DataFrames pushed one after another (merged exactly).
#[pyclass(name = "EventStream", module = "conflictstats._conflictstats")]
pub(crate) struct EventStream {
    agg: Option<StreamingAggregate>,
    unit: EventUnit,
    /// What errors name: the file, or `<DataFrame>`.
    label: String,
    /// The file's provenance (SHA-256 of its bytes), when the frames are read from a file.
    provenance: Option<conflictstats::data::Provenance>,
    copied: Vec<String>,
}

#[pymethods]
impl EventStream {
    #[new]
    #[pyo3(signature = (unit="country", period="year", attribution="split_even", max_date_prec=5, source="DataFrame", path=None))]
    fn new(
        py: Python<'_>,
        unit: &str,
        period: &str,
        attribution: &str,
        max_date_prec: u8,
        source: &str,
        path: Option<&str>,
    ) -> PyResult<EventStream> {
        run(py, || {
            let spec = event_spec(unit, period, attribution, max_date_prec)?;
            let provenance = path
                .map(|p| columnar::file_provenance(p.as_ref()))
                .transpose()?;
            // Errors name the file, or `<DataFrame>` (rows are then the input's rows); the
            // table's `source` is the file's `name version`, or `source`.
            let (label, table_source) = match (&provenance, path) {
                (Some(p), Some(path)) => (path.to_string(), p.source_label()),
                _ => (DATAFRAME_LABEL.to_string(), source.to_string()),
            };
            Ok(EventStream {
                agg: Some(StreamingAggregate::new(spec, &table_source)),
                unit: spec.unit,
                label,
                provenance,
                copied: Vec::new(),
            })
        })
    }

    /// Checks and aggregates one DataFrame of events, merged into the total.
    fn push(&mut self, py: Python<'_>, events: PyDataFrame) -> PyResult<()> {
        let df = events.0;
        run(py, || {
            let agg = self.agg.as_mut().ok_or_else(finished)?;
            let input = Input {
                file: &self.label,
                row0: agg.events(),
                unit: self.unit,
            };
            let copied = push_frame(agg, &df, &input)?;
            for c in copied {
                if !self.copied.contains(&c) {
                    self.copied.push(c);
                }
            }
            Ok(())
        })
    }

    /// Events pushed so far.
    #[getter]
    fn events(&self) -> u64 {
        self.agg.as_ref().map_or(0, StreamingAggregate::events)
    }

    /// The table over every DataFrame pushed, with its metadata (spec, excluded, source,
    /// batches, copied columns); the stream cannot be pushed to afterwards.
    fn finish(&mut self, py: Python<'_>) -> PyResult<(PyDataFrame, PyStreamMetadata)> {
        run(py, || {
            let agg = self.agg.take().ok_or_else(finished)?;
            let read = (agg.events(), agg.batches());
            let t = agg.finish()?;
            let meta =
                PyStreamMetadata::new(&t, self.provenance.as_ref(), self.copied.clone(), read);
            Ok((PyDataFrame(t.to_dataframe()?), meta))
        })
        .and_then(|out| {
            let read = self.provenance.iter().map(|p| (p, &[][..]));
            crate::warn_loaded(py, read).map(|()| out)
        })
    }
}

fn finished() -> Error {
    Error::InvalidSpec("the event stream was already finished".to_string())
}

/// Where a DataFrame's rows are: its label and the row of its first event in the stream.
struct Input<'a> {
    file: &'a str,
    row0: u64,
    unit: EventUnit,
}

/// Checks `df`'s needed columns and pushes them; returns the columns that had to be copied.
fn push_frame(
    agg: &mut StreamingAggregate,
    df: &DataFrame,
    at: &Input<'_>,
) -> Result<Vec<String>, Error> {
    let fields = needed_columns(at.unit);
    let mut cols = Vec::with_capacity(fields.len());
    for f in &fields {
        cols.push(checked_series(df, f, at, &fields)?);
    }
    if let Some(copied) = push_in_place::<Int32Type>(agg, &fields, &cols, at)? {
        return Ok(copied);
    }
    if let Some(copied) = push_in_place::<Int64Type>(agg, &fields, &cols, at)? {
        return Ok(copied);
    }
    let mut b = EventBatch::default();
    for (f, s) in fields.iter().zip(&cols) {
        fill(&mut b, f, s, at)?;
    }
    agg.push(&b)?;
    Ok(fields.iter().map(|f| f.name.to_string()).collect())
}

/// Column `f` of `df`, present with an accepted dtype and without a forbidden null.
fn checked_series<'a>(
    df: &'a DataFrame,
    f: &Field,
    at: &Input<'_>,
    fields: &[&Field],
) -> Result<&'a Series, ColumnarError> {
    let col = df
        .column(f.name)
        .map_err(|_| ColumnarError::MissingColumn {
            file: at.file.to_string(),
            column: f.name.to_string(),
            unit: at.unit.key(),
            needed: fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", "),
        })?;
    let s = col.as_materialized_series();
    let ok = match f.kind {
        FieldKind::Int { .. } => s.dtype().is_integer(),
        FieldKind::Date => {
            s.dtype().is_integer()
                || matches!(s.dtype(), DataType::Date | DataType::Datetime(_, None))
        }
    };
    if !ok {
        return Err(ColumnarError::WrongType {
            file: at.file.to_string(),
            column: f.name.to_string(),
            found: s.dtype().to_string(),
            expected: match f.kind {
                FieldKind::Int { .. } => "an integer dtype (Int8–Int64, UInt8–UInt64)",
                FieldKind::Date => {
                    "Date, Datetime without time zone (at midnight), or integer days since 1970-01-01"
                }
            }
            .to_string(),
        });
    }
    if f.null_as.is_none() && s.null_count() > 0 {
        let row = s.is_null().first_true_idx().unwrap_or(0) as u64;
        return Err(null_error(at.file, f, at.row0 + row));
    }
    Ok(s)
}

/// A `Date` (or `Int32` days) column of one chunk, in place (days since 1970-01-01).
fn date_slice(s: &Series) -> Option<&[i32]> {
    match s.dtype() {
        DataType::Date => s.date().ok()?.physical().cont_slice().ok(),
        DataType::Int32 => s.i32().ok()?.cont_slice().ok(),
        _ => None,
    }
}

/// An integer column of one chunk of `T`, in place.
fn int_slice<T: PolarsNumericType>(s: &Series) -> Option<&[T::Native]> {
    (s.dtype() == &T::get_static_dtype())
        .then(|| s.unpack::<T>().ok()?.cont_slice().ok())
        .flatten()
}

/// Pushes the columns read in place when the dates are `Date` and the precision, deaths and
/// country share the integer dtype `T` in one chunk (`None`: they do not); the conflict and
/// PRIO-GRID unit columns are converted (listed as copied).
fn push_in_place<T>(
    agg: &mut StreamingAggregate,
    fields: &[&Field],
    cols: &[&Series],
    at: &Input<'_>,
) -> Result<Option<Vec<String>>, Error>
where
    T: PolarsNumericType,
    T::Native: conflictstats::events::ColumnValue,
{
    let col = |name: &str| {
        let i = fields.iter().position(|f| f.name == name);
        i.map(|i| (fields[i], cols[i]))
    };
    let date = |name| col(name).and_then(|(_, s)| date_slice(s));
    let (Some(date_start), Some(date_end)) = (date("date_start"), date("date_end")) else {
        return Ok(None);
    };
    let mut ints: Vec<&[T::Native]> = Vec::with_capacity(5);
    for name in ["date_prec", "low", "best", "high", "country_id"] {
        let Some((f, s)) = col(name) else { continue };
        let Some(v) = int_slice::<T>(s) else {
            return Ok(None);
        };
        check_in_place(at.file, f, at.row0, v)?;
        ints.push(v);
    }
    let mut b = EventBatch::default();
    let mut copied = Vec::new();
    for name in ["type_of_violence", "conflict_new_id", "priogrid_gid"] {
        if let Some((f, s)) = col(name) {
            fill(&mut b, f, s, at)?;
            copied.push(name.to_string());
        }
    }
    let cols = EventColumns {
        id: &[],
        country_id: ints.get(4).copied().unwrap_or(&[]),
        type_of_violence: &b.type_of_violence,
        conflict_new_id: &b.conflict_new_id,
        priogrid_gid: &b.priogrid_gid,
        date_start,
        date_end,
        date_prec: ints[0],
        low: ints[1],
        best: ints[2],
        high: ints[3],
    };
    agg.push_columns(&cols)?;
    Ok(Some(copied))
}

/// Converts column `f` into `b`, checking every value (the copying path).
fn fill(b: &mut EventBatch, f: &Field, s: &Series, at: &Input<'_>) -> Result<(), ColumnarError> {
    let wrong = |found: String| ColumnarError::WrongType {
        file: at.file.to_string(),
        column: f.name.to_string(),
        found,
        expected: "integer values within Int64".to_string(),
    };
    match (f.kind, s.dtype()) {
        (FieldKind::Date, t) if t.is_integer() => {
            let v = s
                .strict_cast(&DataType::Int64)
                .map_err(|e| wrong(e.to_string()))?;
            let v = v.i64().map_err(|e| wrong(e.to_string()))?;
            b.set_days(f.name, checked_days(at.file, f, at.row0, v.iter())?);
        }
        (FieldKind::Int { .. }, _) => {
            let v = s
                .strict_cast(&DataType::Int64)
                .map_err(|e| wrong(e.to_string()))?;
            let v = v.i64().map_err(|e| wrong(e.to_string()))?;
            b.set_int(f.name, checked_ints(at.file, f, at.row0, v.iter())?);
        }
        (FieldKind::Date, DataType::Date) => {
            let v = s.date().map_err(|e| wrong(e.to_string()))?.physical();
            let days = checked_days(at.file, f, at.row0, v.iter().map(|d| d.map(i64::from)))?;
            b.set_days(f.name, days);
        }
        (FieldKind::Date, DataType::Datetime(unit, _)) => {
            let per_day = match unit {
                TimeUnit::Nanoseconds => 86_400_000_000_000,
                TimeUnit::Microseconds => 86_400_000_000,
                TimeUnit::Milliseconds => 86_400_000,
            };
            let v = s.datetime().map_err(|e| wrong(e.to_string()))?.physical();
            b.set_days(
                f.name,
                checked_timestamp_days(at.file, f, at.row0, per_day, v.iter())?,
            );
        }
        (FieldKind::Date, other) => return Err(wrong(other.to_string())),
    }
    Ok(())
}
