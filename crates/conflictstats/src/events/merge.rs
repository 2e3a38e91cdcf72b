//! Partial tables merged exactly: the tables of the parts of an event set (Parquet batches,
//! Dask partitions, files of one release split by year) summed into the table of the whole.
//!
//! Every figure of a cell is a sum over events of that event's share (under
//! [`Attribution::SplitEven`](super::Attribution::SplitEven) each event's whole-death split
//! is computed from that event alone), and so is every field of
//! [`EventTable::excluded`]: merging is adding, cell by cell, in `u64` with overflow
//! checked. [`merge_tables`] orders the merged rows as one [`aggregate`](super::aggregate)
//! call does (by `type_of_violence`, unit, year, month), so the tables of **any partition**
//! of the events, merged in any order and any grouping, equal the table of all events at
//! once — field for field, CSV byte for byte.
//!
//! ```
//! use conflictstats::events::{aggregate_columns, merge_tables, AggregateSpec, EventColumns, EventUnit, Period};
//!
//! // Three events (days since 1970-01-01), aggregated whole and in two parts.
//! let (ids, start, end) = ([652, 432, 652], [18383, 18383, 18414], [18383, 18445, 18414]);
//! let (prec, low, best, high) = ([1, 5, 1], [1, 2, 3], [2, 3, 4], [5, 6, 7]);
//! let cols = |r: std::ops::Range<usize>| EventColumns {
//!     country_id: &ids[r.clone()],
//!     date_start: &start[r.clone()],
//!     date_end: &end[r.clone()],
//!     date_prec: &prec[r.clone()],
//!     low: &low[r.clone()],
//!     best: &best[r.clone()],
//!     high: &high[r],
//!     ..EventColumns::default()
//! };
//! let spec = AggregateSpec::new(EventUnit::Country, Period::Month).max_date_prec(4);
//! let whole = aggregate_columns(&cols(0..3), &spec, "example")?;
//! let parts = [
//!     aggregate_columns(&cols(2..3), &spec, "example")?,
//!     aggregate_columns(&cols(0..2), &spec, "example")?,
//! ];
//! assert_eq!(merge_tables(parts)?, whole);
//! assert_eq!(whole.excluded.events, 1); // the event known to the year only, in one part
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::spec::{AggregateSpec, EventUnit, Period};
use super::table::{EventTable, Sums};
use crate::error::{Error, Result};

/// Why partial tables cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// No table was given (there is no spec to give the result).
    #[error("no partial tables to merge: give at least one (an empty part still has a spec)")]
    NoParts,
    /// A part was aggregated under another specification.
    #[error(
        "partial table {part} was aggregated by {found}, the first by {expected}: only tables of the same specification add up"
    )]
    SpecMismatch {
        /// 0-based position of the part in the input.
        part: usize,
        /// The first part's specification.
        expected: String,
        /// This part's specification.
        found: String,
    },
    /// A part counts another source.
    #[error(
        "partial table {part} counts `{found}`, the first counts `{expected}`: only parts of the same data add up"
    )]
    SourceMismatch {
        /// 0-based position of the part in the input.
        part: usize,
        /// The first part's source.
        expected: String,
        /// This part's source.
        found: String,
    },
    /// A part is not a table as [`aggregate`](super::aggregate) builds it.
    #[error("partial table {part}, row {row}: {message}")]
    NotCanonical {
        /// 0-based position of the part in the input.
        part: usize,
        /// 0-based row (0 for the table's shape).
        row: usize,
        /// What is wrong.
        message: String,
    },
    /// A sum exceeds `u64`.
    #[error("the merged `{column}` of {cell} exceeds 2^64 − 1")]
    Overflow {
        /// `low`, `best`, `high` or `events`.
        column: &'static str,
        /// The cell (or `the excluded events`).
        cell: String,
    },
}

impl From<MergeError> for Error {
    fn from(e: MergeError) -> Error {
        Error::Merge(Box::new(e))
    }
}

/// A row's place in the canonical order: `(type_of_violence, unit, year, month)`, 0 where
/// the table has no such column.
type Key = (u8, u32, i32, u8);

/// `unit country, period month, attribution split_even, max_date_prec 5`.
fn describe(spec: &AggregateSpec) -> String {
    format!(
        "unit {}, period {}, attribution {}, max_date_prec {}",
        spec.unit.key(),
        match spec.period {
            Period::Month => "month",
            Period::Year => "year",
        },
        spec.attribution.key(),
        spec.max_date_prec
    )
}

/// Adds `b` to `a`, naming the column that would overflow.
fn checked_add(a: &Sums, b: &Sums) -> std::result::Result<Sums, &'static str> {
    Ok(Sums {
        low: a.low.checked_add(b.low).ok_or("low")?,
        best: a.best.checked_add(b.best).ok_or("best")?,
        high: a.high.checked_add(b.high).ok_or("high")?,
        events: a.events.checked_add(b.events).ok_or("events")?,
    })
}

impl EventTable {
    /// The key of row `i`.
    fn key(&self, i: usize) -> Key {
        let tov = self.type_of_violence.as_ref().map_or(0, |t| t[i]);
        let month = self.month.as_ref().map_or(0, |m| m[i]);
        (tov, self.unit[i], self.year[i], month)
    }

    /// The sums of row `i`.
    fn sums(&self, i: usize) -> Sums {
        Sums {
            low: self.low[i],
            best: self.best[i],
            high: self.high[i],
            events: self.events[i],
        }
    }

    /// Checks that this table is shaped as [`aggregate`](super::aggregate) builds it for its
    /// spec: columns of one length, `type_of_violence` exactly for the conflict unit and
    /// `month` exactly for monthly tables, months 1–12, conflict ids below 2^28, every row
    /// with at least one event, rows strictly in canonical order (no key twice).
    ///
    /// # Errors
    /// [`MergeError::NotCanonical`] (as [`Error::Merge`]) naming the first offending row;
    /// `part` is 0.
    pub fn check_canonical(&self) -> Result<()> {
        self.canonical(0).map_err(Error::from)
    }

    fn canonical(&self, part: usize) -> std::result::Result<(), MergeError> {
        let bad = |row: usize, message: String| MergeError::NotCanonical { part, row, message };
        let n = self.unit.len();
        let lengths = [
            ("year", self.year.len()),
            ("low", self.low.len()),
            ("best", self.best.len()),
            ("high", self.high.len()),
            ("events", self.events.len()),
            (
                "type_of_violence",
                self.type_of_violence.as_ref().map_or(n, Vec::len),
            ),
            ("month", self.month.as_ref().map_or(n, Vec::len)),
        ];
        if let Some((name, len)) = lengths.iter().find(|(_, len)| *len != n) {
            return Err(bad(
                0,
                format!("column `{name}` has {len} rows, `unit` {n}"),
            ));
        }
        let conflict = self.spec.unit == EventUnit::Conflict;
        if self.type_of_violence.is_some() != conflict {
            return Err(bad(
                0,
                "`type_of_violence` is a column of conflict tables only".into(),
            ));
        }
        if self.month.is_some() != (self.spec.period == Period::Month) {
            return Err(bad(0, "`month` is a column of monthly tables only".into()));
        }
        for i in 0..n {
            let (_, unit, _, month) = self.key(i);
            if self.month.is_some() && !(1..=12).contains(&month) {
                return Err(bad(i, format!("month {month} is not 1–12")));
            }
            if conflict && unit >= 1 << 28 {
                return Err(bad(i, format!("conflict_new_id {unit} is not below 2^28")));
            }
            if self.events[i] == 0 {
                return Err(bad(
                    i,
                    "a row without events (empty cells are absent)".into(),
                ));
            }
            if i > 0 && self.key(i - 1) >= self.key(i) {
                return Err(bad(i, "rows are not in (type_of_violence, unit, year, month) order, or a cell appears twice".into()));
            }
        }
        Ok(())
    }

    /// [`merge_tables`] of `self` and `others`.
    ///
    /// # Errors
    /// As [`merge_tables`].
    pub fn merge(self, others: impl IntoIterator<Item = EventTable>) -> Result<EventTable> {
        merge_tables(std::iter::once(self).chain(others))
    }
}

/// Merges partial tables of the same spec and source into the table of all their events:
/// cell sums, event counts and [`EventTable::excluded`] added in `u64` (overflow checked),
/// rows in the canonical order of [`aggregate`](super::aggregate). For the tables of a
/// partition of an event set (any number of parts, in any order, merged in any grouping)
/// the result equals the table of the whole set.
///
/// # Errors
/// [`Error::Merge`]: [`MergeError::NoParts`] for no table; [`MergeError::SpecMismatch`] or
/// [`MergeError::SourceMismatch`] for a part of another spec or source;
/// [`MergeError::NotCanonical`] for a part not shaped as `aggregate` builds it (see
/// [`EventTable::check_canonical`]); [`MergeError::Overflow`] for a sum past `u64`.
pub fn merge_tables(parts: impl IntoIterator<Item = EventTable>) -> Result<EventTable> {
    let parts: Vec<EventTable> = parts.into_iter().collect();
    let first = parts.first().ok_or(MergeError::NoParts)?;
    let mut excluded = Sums::default();
    let mut rows: Vec<(Key, Sums)> = Vec::with_capacity(parts.iter().map(EventTable::len).sum());
    for (p, t) in parts.iter().enumerate() {
        if t.spec != first.spec {
            return Err(MergeError::SpecMismatch {
                part: p,
                expected: describe(&first.spec),
                found: describe(&t.spec),
            }
            .into());
        }
        if t.source != first.source {
            return Err(MergeError::SourceMismatch {
                part: p,
                expected: first.source.clone(),
                found: t.source.clone(),
            }
            .into());
        }
        t.canonical(p)?;
        excluded = checked_add(&excluded, &t.excluded).map_err(|column| MergeError::Overflow {
            column,
            cell: "the excluded events".into(),
        })?;
        rows.extend((0..t.len()).map(|i| (t.key(i), t.sums(i))));
    }
    // Each part is sorted: the sort merges runs.
    rows.sort_by_key(|r| r.0);
    let mut out = EventTable::empty(&first.spec, excluded, &first.source);
    let mut i = 0;
    while i < rows.len() {
        let (key, mut sums) = rows[i];
        i += 1;
        while i < rows.len() && rows[i].0 == key {
            sums = checked_add(&sums, &rows[i].1).map_err(|column| MergeError::Overflow {
                column,
                cell: format!("the cell {key:?} (type_of_violence, unit, year, month)"),
            })?;
            i += 1;
        }
        out.push_cell(key, &sums);
    }
    Ok(out)
}

impl EventTable {
    /// Appends one row.
    fn push_cell(&mut self, (tov, unit, year, month): Key, s: &Sums) {
        if let Some(t) = &mut self.type_of_violence {
            t.push(tov);
        }
        self.unit.push(unit);
        self.year.push(year);
        if let Some(m) = &mut self.month {
            m.push(month);
        }
        self.low.push(s.low);
        self.best.push(s.best);
        self.high.push(s.high);
        self.events.push(s.events);
    }
}

impl<'a, C, P, D> super::EventColumns<'a, C, P, D> {
    /// Events `range` of these columns (a batch or partition, for [`merge_tables`]). A
    /// column left empty stays empty; a column shorter than the range becomes empty, which
    /// the aggregation reports as a length mismatch.
    #[must_use]
    pub fn slice(&self, range: std::ops::Range<usize>) -> super::EventColumns<'a, C, P, D> {
        fn cut<'a, T>(col: &'a [T], r: &std::ops::Range<usize>) -> &'a [T] {
            col.get(r.clone()).unwrap_or(&[])
        }
        super::EventColumns {
            id: cut(self.id, &range),
            country_id: cut(self.country_id, &range),
            type_of_violence: cut(self.type_of_violence, &range),
            conflict_new_id: cut(self.conflict_new_id, &range),
            priogrid_gid: cut(self.priogrid_gid, &range),
            date_start: cut(self.date_start, &range),
            date_end: cut(self.date_end, &range),
            date_prec: cut(self.date_prec, &range),
            low: cut(self.low, &range),
            best: cut(self.best, &range),
            high: cut(self.high, &range),
        }
    }
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
