//! Columnar event input: GED events as typed columns from Parquet and Arrow IPC files (the
//! `columnar` feature) or from DataFrames (the Python bindings), checked as strictly as the
//! CSV loader and aggregated batch by batch by the event kernel.
//!
//! ## The columns
//!
//! Only the columns the aggregation needs are read ([`needed_columns`]): the dates
//! (`date_start`, `date_end`), `date_prec`, the three death estimates (`low`, `best`, `high`)
//! and the unit's columns (`country_id`; `type_of_violence` and `conflict_new_id`;
//! `priogrid_gid`). Each has one entry in a table of facts ([`FIELDS`]): its kind (a date, or
//! an integer with the CSV loader's range) and whether a null means something (only
//! `priogrid_gid`: no cell, as an empty CSV field). Other columns of the file are not read.
//!
//! ## Strictness
//!
//! - Integer columns may be of any integer type; every value is checked against the column's
//!   range (a G&W code 1–999, `date_prec` 1–5, deaths 0–4,294,967,295). A float or string
//!   column is a [`ColumnarError::WrongType`], never cast.
//! - Dates are Arrow `Date32`/`Date64`, or timestamps without a time zone at midnight (what
//!   parsing UCDP's `2020-05-01 00:00:00.000` gives); a time of day other than midnight is an
//!   error, as in the CSV loader.
//! - A null in a required column is a [`ColumnarError::Null`] naming the file, column and
//!   row (0-based, over the whole file); nothing is dropped or zero-filled.
//! - Unlike the CSV loader, duplicate event ids are not checked (the `id` column is not read:
//!   a check would hold every id in memory, and memory here is bounded by the batch).
//!
//! ## Streaming
//!
//! A file is read in record batches ([`DEFAULT_BATCH_ROWS`] rows); each batch is converted
//! into an [`EventBatch`] (the checks), aggregated by
//! [`aggregate_columns`](crate::events::aggregate_columns) and merged exactly into the
//! running table by [`StreamingAggregate`]. Memory is one batch and the result, not the file.
//! The SHA-256 of the file's bytes is computed beside the decoding and lands in the
//! [`Provenance`].
//!
//! ```
//! use conflictstats::data::columnar::{EventBatch, StreamingAggregate};
//! use conflictstats::events::{AggregateSpec, Attribution, EventUnit, Period};
//!
//! let spec = AggregateSpec::new(EventUnit::Country, Period::Month).attribution(Attribution::StartMonth);
//! let mut agg = StreamingAggregate::new(spec, "two batches");
//! let mut b = EventBatch::default();
//! b.country_id = vec![652, 432];
//! b.date_start = vec![18383, 18383]; // 2020-05-01
//! b.date_end = vec![18383, 18384];
//! b.date_prec = vec![1, 2];
//! (b.low, b.best, b.high) = (vec![1, 2], vec![2, 3], vec![5, 6]);
//! agg.push(&b)?;
//! agg.push(&b)?; // the same events again: every sum doubles
//! let t = agg.finish()?;
//! assert_eq!((t.unit.clone(), t.best.clone(), t.events.clone()), (vec![432, 652], vec![6, 4], vec![2, 2]));
//! # Ok::<(), conflictstats::Error>(())
//! ```

#[cfg(feature = "columnar")]
mod arrow;
mod batch;
mod error;
mod format;

#[cfg(feature = "columnar")]
pub use arrow::{aggregate_file, read_file};
pub use batch::{
    EventBatch, StreamingAggregate, check_in_place, checked_days, checked_ints,
    checked_timestamp_days, null_error,
};
pub use error::ColumnarError;
pub use format::FileFormat;

use crate::data::Provenance;
use crate::error::{Error, Result};
use crate::events::EventUnit;
use std::path::Path;

/// The provenance name and title of a GED file, as the CSV loader gives them.
const NAME: &str = "ucdp-ged-sample";
const TITLE: &str = "UCDP Georeferenced Event Dataset";

/// The provenance of a columnar GED file: the SHA-256 of its bytes (read once, in 1 MiB
/// blocks), version `unknown` (no Parquet or Arrow file is a registered release). What the
/// Python bindings attach when Python polars streams the file.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read.
pub fn file_provenance(path: &Path) -> Result<Provenance> {
    let label = path.display().to_string();
    let sha = sha256_file(path).map_err(|source| Error::Io {
        file: label.clone(),
        source,
    })?;
    Ok(provenance_of(&label, sha))
}

pub(crate) fn provenance_of(label: &str, sha256: String) -> Provenance {
    Provenance::from_sha256(NAME, TITLE, label, sha256, crate::data::UNKNOWN_VERSION)
}

/// The SHA-256 of a file's bytes, lower-case hex.
pub(crate) fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::Digest as _;
    use std::io::Read as _;
    let mut f = std::fs::File::open(path)?;
    let mut h = sha2::Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match f.read(&mut buf)? {
            0 => break,
            n => h.update(&buf[..n]),
        }
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Rows per record batch when a file is streamed: 262,144 events are about 10 MB of decoded
/// columns, and few enough batches that merging their tables costs little.
pub const DEFAULT_BATCH_ROWS: usize = 1 << 18;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A calendar date (days since 1970-01-01 once read).
    Date,
    /// An integer in `min..=max`; `expected` says it in the codebook's words.
    Int {
        /// Smallest value accepted.
        min: i64,
        /// Largest value accepted.
        max: i64,
        /// What the value must be, e.g. `a Gleditsch–Ward code 1–999`.
        expected: &'static str,
    },
}

/// One input column: its GED name, its kind, and the value a null stands for (`None`: a null
/// is an error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The GED column name.
    pub name: &'static str,
    /// Date or integer range.
    pub kind: FieldKind,
    /// The value a null means, when a null is allowed.
    pub null_as: Option<i64>,
}

const DEATHS: FieldKind = FieldKind::Int {
    min: 0,
    max: u32::MAX as i64,
    expected: "a number of deaths (non-negative integer)",
};

/// The columns an aggregation may read, with the CSV loader's rules.
pub const FIELDS: &[Field] = &[
    Field {
        name: "date_start",
        kind: FieldKind::Date,
        null_as: None,
    },
    Field {
        name: "date_end",
        kind: FieldKind::Date,
        null_as: None,
    },
    Field {
        name: "date_prec",
        kind: FieldKind::Int {
            min: 1,
            max: 5,
            expected: "a date precision code 1–5",
        },
        null_as: None,
    },
    Field {
        name: "low",
        kind: DEATHS,
        null_as: None,
    },
    Field {
        name: "best",
        kind: DEATHS,
        null_as: None,
    },
    Field {
        name: "high",
        kind: DEATHS,
        null_as: None,
    },
    Field {
        name: "country_id",
        kind: FieldKind::Int {
            min: 1,
            max: 999,
            expected: "a Gleditsch–Ward code 1–999",
        },
        null_as: None,
    },
    Field {
        name: "type_of_violence",
        kind: FieldKind::Int {
            min: 1,
            max: 3,
            expected: "1, 2 or 3",
        },
        null_as: None,
    },
    Field {
        name: "conflict_new_id",
        kind: FieldKind::Int {
            min: 0,
            max: u32::MAX as i64,
            expected: "a UCDP conflict id",
        },
        null_as: None,
    },
    Field {
        name: "priogrid_gid",
        kind: FieldKind::Int {
            min: 1,
            max: 259_200,
            expected: "a PRIO-GRID cell id (1–259200)",
        },
        null_as: Some(0),
    },
];

/// The columns `unit` reads, in [`FIELDS`] order: the six date and death columns and the
/// unit's own.
///
/// ```
/// use conflictstats::data::columnar::needed_columns;
/// use conflictstats::events::EventUnit;
///
/// let names: Vec<_> = needed_columns(EventUnit::Conflict).iter().map(|f| f.name).collect();
/// assert_eq!(&names[6..], ["type_of_violence", "conflict_new_id"]);
/// ```
#[must_use]
pub fn needed_columns(unit: EventUnit) -> Vec<&'static Field> {
    let own: &[&str] = match unit {
        EventUnit::Country => &["country_id"],
        EventUnit::Conflict => &["type_of_violence", "conflict_new_id"],
        EventUnit::PrioGrid => &["priogrid_gid"],
    };
    FIELDS
        .iter()
        .enumerate()
        .filter(|(i, f)| *i < 6 || own.contains(&f.name))
        .map(|(_, f)| f)
        .collect()
}

#[cfg(all(test, feature = "columnar"))]
mod tests;
