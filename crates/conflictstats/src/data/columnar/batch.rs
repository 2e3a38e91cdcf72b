//! One batch of checked event columns ([`EventBatch`]) and the running, exactly merged
//! aggregate over batches ([`StreamingAggregate`]).

use super::{ColumnarError, Field, FieldKind};
use crate::error::Result;
use crate::events::{
    AggregateSpec, ColumnValue, EventColumns, EventTable, aggregate_columns, merge_tables,
};

/// Owned, checked columns of a batch of events in the kernel's types. Only the columns the
/// spec's unit needs are filled; the others stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventBatch {
    /// `country_id` (G&W code 1–999).
    pub country_id: Vec<u16>,
    /// `type_of_violence` (1–3).
    pub type_of_violence: Vec<u8>,
    /// `conflict_new_id`.
    pub conflict_new_id: Vec<u32>,
    /// `priogrid_gid` (0: none).
    pub priogrid_gid: Vec<u32>,
    /// `date_start`, days since 1970-01-01.
    pub date_start: Vec<i32>,
    /// `date_end`, days since 1970-01-01.
    pub date_end: Vec<i32>,
    /// `date_prec` (1–5).
    pub date_prec: Vec<u8>,
    /// `low`.
    pub low: Vec<u32>,
    /// `best`.
    pub best: Vec<u32>,
    /// `high`.
    pub high: Vec<u32>,
}

impl EventBatch {
    /// Number of events.
    #[must_use]
    pub fn len(&self) -> usize {
        self.date_start.len()
    }

    /// Whether there are no events.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.date_start.is_empty()
    }

    /// The batch as kernel input (borrowed, no copy).
    #[must_use]
    pub fn columns(&self) -> EventColumns<'_> {
        EventColumns {
            id: &[],
            country_id: &self.country_id,
            type_of_violence: &self.type_of_violence,
            conflict_new_id: &self.conflict_new_id,
            priogrid_gid: &self.priogrid_gid,
            date_start: &self.date_start,
            date_end: &self.date_end,
            date_prec: &self.date_prec,
            low: &self.low,
            best: &self.best,
            high: &self.high,
        }
    }

    /// Appends the events of `other` (what a whole-file load does with each batch).
    pub fn append(&mut self, other: &mut EventBatch) {
        self.country_id.append(&mut other.country_id);
        self.type_of_violence.append(&mut other.type_of_violence);
        self.conflict_new_id.append(&mut other.conflict_new_id);
        self.priogrid_gid.append(&mut other.priogrid_gid);
        self.date_start.append(&mut other.date_start);
        self.date_end.append(&mut other.date_end);
        self.date_prec.append(&mut other.date_prec);
        self.low.append(&mut other.low);
        self.best.append(&mut other.best);
        self.high.append(&mut other.high);
    }

    /// Stores the values of integer column `name` (one of [`super::FIELDS`]), checked by
    /// [`checked_ints`] (a value out of the column's type would become 0).
    pub fn set_int(&mut self, name: &str, v: Vec<i64>) {
        fn narrow<T: TryFrom<i64> + Default>(v: Vec<i64>) -> Vec<T> {
            // Values were checked against the column's range, which fits `T`.
            v.into_iter()
                .map(|x| T::try_from(x).unwrap_or_default())
                .collect()
        }
        match name {
            "country_id" => self.country_id = narrow(v),
            "type_of_violence" => self.type_of_violence = narrow(v),
            "conflict_new_id" => self.conflict_new_id = narrow(v),
            "priogrid_gid" => self.priogrid_gid = narrow(v),
            "date_prec" => self.date_prec = narrow(v),
            "low" => self.low = narrow(v),
            "best" => self.best = narrow(v),
            _ => self.high = narrow(v),
        }
    }

    /// Stores the days of date column `name` (`date_start` or `date_end`).
    pub fn set_days(&mut self, name: &str, v: Vec<i32>) {
        match name {
            "date_start" => self.date_start = v,
            _ => self.date_end = v,
        }
    }
}

/// Checks the values of integer column `f` (rows `row0..`, `None` for a null) against its
/// range, in the column's own type.
///
/// # Errors
/// [`ColumnarError::Null`] for a null where none is allowed, [`ColumnarError::InvalidValue`]
/// for a value out of range; both name the row (`row0` + position).
pub fn checked_ints(
    file: &str,
    f: &Field,
    row0: u64,
    values: impl Iterator<Item = Option<i64>>,
) -> Result<Vec<i64>, ColumnarError> {
    let FieldKind::Int { min, max, expected } = f.kind else {
        return Err(wrong_kind(file, f));
    };
    let mut out = Vec::with_capacity(values.size_hint().0);
    for (i, v) in values.enumerate() {
        let v = match (v, f.null_as) {
            (Some(v), _) if (min..=max).contains(&v) => v,
            (None, Some(null_as)) => null_as,
            (None, None) => return Err(null(file, f, row0 + i as u64, expected)),
            (Some(v), _) => return Err(invalid(file, f, row0 + i as u64, v, expected)),
        };
        out.push(v);
    }
    Ok(out)
}

/// Checks date column `f` given as days since 1970-01-01 (`None` for a null).
///
/// # Errors
/// [`ColumnarError::Null`] for a null, [`ColumnarError::InvalidValue`] for a day outside
/// the `i32` range of Arrow's `Date32`.
pub fn checked_days(
    file: &str,
    f: &Field,
    row0: u64,
    values: impl Iterator<Item = Option<i64>>,
) -> Result<Vec<i32>, ColumnarError> {
    const EXPECTED: &str = "a date";
    let mut out = Vec::with_capacity(values.size_hint().0);
    for (i, v) in values.enumerate() {
        let row = row0 + i as u64;
        let v = v.ok_or_else(|| null(file, f, row, EXPECTED))?;
        out.push(i32::try_from(v).map_err(|_| invalid(file, f, row, v, EXPECTED))?);
    }
    Ok(out)
}

/// Checks date column `f` given as timestamps with `per_day` ticks a day (`None` for a
/// null): each must be at midnight, as UCDP's `yyyy-mm-dd 00:00:00.000`.
///
/// # Errors
/// [`ColumnarError::Null`] for a null, [`ColumnarError::InvalidValue`] for a time of day
/// other than midnight or a day outside `i32`.
pub fn checked_timestamp_days(
    file: &str,
    f: &Field,
    row0: u64,
    per_day: i64,
    values: impl Iterator<Item = Option<i64>>,
) -> Result<Vec<i32>, ColumnarError> {
    const EXPECTED: &str = "a date (a timestamp at midnight)";
    let mut out = Vec::with_capacity(values.size_hint().0);
    for (i, v) in values.enumerate() {
        let row = row0 + i as u64;
        let t = v.ok_or_else(|| null(file, f, row, EXPECTED))?;
        let day = (t.rem_euclid(per_day) == 0)
            .then(|| i32::try_from(t.div_euclid(per_day)).ok())
            .flatten()
            .ok_or_else(|| invalid(file, f, row, t, EXPECTED))?;
        out.push(day);
    }
    Ok(out)
}

/// Checks integer column `f` read in place (no nulls: the caller checked them) against its
/// range, without copying it.
///
/// # Errors
/// [`ColumnarError::InvalidValue`] for the first value out of range (row `row0` + position).
pub fn check_in_place<T: ColumnValue>(
    file: &str,
    f: &Field,
    row0: u64,
    values: &[T],
) -> Result<(), ColumnarError> {
    let FieldKind::Int { min, max, expected } = f.kind else {
        return Err(wrong_kind(file, f));
    };
    // One vectorised pass (in the column's own type, no early exit), each thread over its
    // share of the rows; the first bad row is looked for only when there is one.
    let bad = crate::events::par_chunks(
        values.len(),
        |rows| T::any_outside(&values[rows], min, max),
        |a, b| a | b,
    );
    if !bad {
        return Ok(());
    }
    let i = values
        .iter()
        .position(|v| !(min..=max).contains(&v.to_i64()))
        .unwrap_or(0);
    Err(invalid(
        file,
        f,
        row0 + i as u64,
        values[i].to_i64(),
        expected,
    ))
}

/// The error for a null at `row` of column `f`.
#[must_use]
pub fn null_error(file: &str, f: &Field, row: u64) -> ColumnarError {
    let expected = match f.kind {
        FieldKind::Int { expected, .. } => expected,
        FieldKind::Date => "a date",
    };
    null(file, f, row, expected)
}

fn null(file: &str, f: &Field, row: u64, expected: &str) -> ColumnarError {
    ColumnarError::Null {
        file: file.to_string(),
        row,
        column: f.name.to_string(),
        expected: expected.to_string(),
    }
}

pub(crate) fn invalid(
    file: &str,
    f: &Field,
    row: u64,
    v: impl std::fmt::Display,
    expected: &str,
) -> ColumnarError {
    ColumnarError::InvalidValue {
        file: file.to_string(),
        row,
        column: f.name.to_string(),
        value: v.to_string(),
        expected: expected.to_string(),
    }
}

fn wrong_kind(file: &str, f: &Field) -> ColumnarError {
    ColumnarError::WrongType {
        file: file.to_string(),
        column: f.name.to_string(),
        found: "a date".to_string(),
        expected: "an integer column".to_string(),
    }
}

/// The running aggregate of a stream of batches: each batch is aggregated by the kernel
/// and merged exactly (integer sums) into the table so far, so the result equals one
/// aggregation of all the events together.
#[derive(Debug, Clone)]
pub struct StreamingAggregate {
    spec: AggregateSpec,
    source: String,
    /// Partial tables not merged yet (at most [`MERGE_EVERY`]; the first is the merge of
    /// every batch before the others).
    pending: Vec<EventTable>,
    events: u64,
    batches: usize,
}

/// Partial tables held before they are merged: merging a few at a time keeps the cost per
/// batch near the batch's own cells, and memory at a few tables the size of the result.
const MERGE_EVERY: usize = 8;

impl StreamingAggregate {
    /// An empty aggregate under `spec`; `source` fills the table's `source` column.
    #[must_use]
    pub fn new(spec: AggregateSpec, source: &str) -> StreamingAggregate {
        StreamingAggregate {
            spec,
            source: source.to_string(),
            pending: Vec::new(),
            events: 0,
            batches: 0,
        }
    }

    /// Aggregates `batch` and merges it in.
    ///
    /// # Errors
    /// What [`aggregate_columns`] reports for the batch (an event ending before it starts,
    /// a missing unit column).
    pub fn push(&mut self, batch: &EventBatch) -> Result<()> {
        self.push_columns(&batch.columns())
    }

    /// Aggregates borrowed columns (e.g. a DataFrame's buffers, read in place) and merges
    /// them in.
    ///
    /// # Errors
    /// As [`StreamingAggregate::push`].
    pub fn push_columns<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
        &mut self,
        cols: &EventColumns<'_, C, P, D>,
    ) -> Result<()> {
        let t = aggregate_columns(cols, &self.spec, &self.source)?;
        self.events += cols.date_start.len() as u64;
        self.batches += 1;
        self.pending.push(t);
        if self.pending.len() >= MERGE_EVERY {
            let merged = merge_tables(std::mem::take(&mut self.pending))?;
            self.pending.push(merged);
        }
        Ok(())
    }

    /// Events pushed so far.
    #[must_use]
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Batches pushed so far.
    #[must_use]
    pub fn batches(&self) -> usize {
        self.batches
    }

    /// The table over every batch pushed (an empty table when none was).
    ///
    /// # Errors
    /// What [`aggregate_columns`] reports for an empty input under the spec.
    pub fn finish(mut self) -> Result<EventTable> {
        match self.pending.len() {
            0 => aggregate_columns(&EventBatch::default().columns(), &self.spec, &self.source),
            1 => Ok(self.pending.remove(0)),
            _ => merge_tables(self.pending),
        }
    }
}
