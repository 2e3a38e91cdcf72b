//! What changed between two releases of a dataset.
//!
//! UCDP revises its data with every release: a conflict-year coded in one release can be
//! dropped in the next (the fighting is re-attributed, or falls under the 25-death threshold
//! on new information), another added for a past year, an intensity or a side changed — so
//! the same year can have another count. [`diff()`] compares two copies of one dataset, each
//! an embedded release, a release fetched into the cache, or a file, record by record:
//!
//! - the **records only in one** copy, matched by the dataset's record key (conflict-year for
//!   the ACD, dyad-year for the Dyadic data, actor-year for the One-sided data, … — read from
//!   the table of record facts, [`DatasetKind::record`](crate::data::registry::DatasetKind::record));
//! - the **records in both whose fields differ**: which field, old → new, as typed values;
//! - for a counting unit, the **counts per year side by side** with their difference (a year
//!   one copy does not cover is a missing value, never a zero).
//!
//! The `version` column changes in every record between two releases: it is reported once,
//! as a fact of the releases ([`ReleaseDiff::release_column`]), not as a change of each
//! record. Everything is in key order, whatever the files' order.
//!
//! ```
//! use conflictstats::data::{DatasetId, Source};
//! use conflictstats::diff::{diff, DiffSpec};
//!
//! // UCDP/PRIO ACD v25.1 (embedded) against the v26.1 file.
//! let v26 = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ucdp-acd/UcdpPrioConflict_v26_1.csv");
//! let d = diff(&DiffSpec::new(
//!     DatasetId::Acd,
//!     Source::Embedded(Some("25.1".into())),
//!     Source::File(v26.into()),
//! ))?;
//! assert_eq!((d.old_records, d.new_records), (2752, 2816));
//! assert_eq!(d.only_in_old.len(), 3); // (375, 2001), (14197, 2024), (16379, 2024)
//! let y2024 = d.counts.as_ref().unwrap().rows.iter().find(|r| r.year == 2024).unwrap();
//! assert_eq!((y2024.old, y2024.new, y2024.difference), (Some(61), Some(59), Some(-2)));
//! assert_eq!(d.release_column.as_ref().unwrap().new, "26.1");
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod compare;
mod counts;
mod error;
#[cfg(feature = "polars")]
mod frame;
mod report;
mod side;

pub use counts::{CountsDiff, YearCounts, units_of};
pub use error::DiffError;
pub use report::{DiffRow, render_value, terminal_value};
pub use side::side_source;

use crate::count::CountUnit;
use crate::data::{DatasetId, LoadWarning, Provenance, Source};
use crate::error::Result;
use serde::Serialize;
use serde_json::{Map, Value};

/// A dataset by its name (`ucdp-acd`), as `sources={…}` and the command line write it.
fn dataset_name<S: serde::Serializer>(
    id: &DatasetId,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(id.name())
}

/// What to compare: two copies of one dataset, and the counting unit of the yearly counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffSpec {
    /// The dataset.
    #[serde(serialize_with = "dataset_name")]
    pub dataset: DatasetId,
    /// The first copy (FROM; "old"): a release (`Source::Embedded(Some(version))`, embedded
    /// or in the cache; `None`: the default release) or a file.
    pub from: Source,
    /// The second copy (TO; "new").
    pub to: Source,
    /// The counting unit of the yearly counts (`None`: the dataset's main unit, the first of
    /// [`units_of`]; none for the Battle-Related Deaths and GED data).
    pub unit: Option<CountUnit>,
}

impl DiffSpec {
    /// Compares `from` with `to`, counting the dataset's main unit.
    #[must_use]
    pub fn new(dataset: DatasetId, from: Source, to: Source) -> DiffSpec {
        DiffSpec {
            dataset,
            from,
            to,
            unit: None,
        }
    }

    /// Counts `unit` per year (a unit computed from the dataset alone).
    #[must_use]
    pub fn unit(mut self, unit: CountUnit) -> DiffSpec {
        self.unit = Some(unit);
        self
    }
}

/// A record present in one copy only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyedRecord {
    /// Its key columns and values, e.g. `{"conflict_id": 375, "year": 2001}`.
    pub key: Map<String, Value>,
    /// The key's values, for ordering.
    #[serde(skip)]
    pub order: Vec<i64>,
    /// Its year, if the records have one.
    #[serde(skip)]
    pub year: Option<i64>,
    /// The columns that name it for a reader ([`RecordFacts::label`](crate::data::kind::RecordFacts::label)).
    pub label: Map<String, Value>,
    /// The whole record, as typed values.
    pub record: Map<String, Value>,
}

/// One field that differs in a record present in both copies.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The record's key columns and values.
    pub key: Map<String, Value>,
    /// The key's values, for ordering.
    #[serde(skip)]
    pub order: Vec<i64>,
    /// The field, in the records' spelling.
    pub field: String,
    /// Its value in FROM.
    pub old: Value,
    /// Its value in TO.
    pub new: Value,
}

/// The column that repeats the release in every record, with its value in each copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseColumn {
    /// The column (`version`).
    pub column: &'static str,
    /// Its value in every record of FROM (the release).
    pub old: String,
    /// Its value in every record of TO.
    pub new: String,
}

/// What changed between two copies of a dataset (see the [module docs](self)).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleaseDiff {
    /// The dataset.
    #[serde(serialize_with = "dataset_name")]
    pub dataset: DatasetId,
    /// Its unit of observation, e.g. `conflict-year`.
    pub record: &'static str,
    /// The columns that identify a record.
    pub key: &'static [&'static str],
    /// FROM's provenance.
    pub old: Provenance,
    /// TO's provenance.
    pub new: Provenance,
    /// The release column's value on each side (reported once, not as a change per record).
    pub release_column: Option<ReleaseColumn>,
    /// Records in FROM.
    pub old_records: usize,
    /// First and last year of FROM's records (`None`: no records, or no year column).
    pub old_years: Option<(i64, i64)>,
    /// First and last year of TO's records.
    pub new_years: Option<(i64, i64)>,
    /// Records in TO.
    pub new_records: usize,
    /// Records only in FROM, in key order.
    pub only_in_old: Vec<KeyedRecord>,
    /// Records only in TO, in key order.
    pub only_in_new: Vec<KeyedRecord>,
    /// Records in both with at least one field that differs.
    pub changed_records: usize,
    /// Every field that differs, in key order, then field order.
    pub changes: Vec<FieldChange>,
    /// The counting unit's counts per year in both copies (`None` for datasets no unit
    /// counts).
    pub counts: Option<CountsDiff>,
    /// What the loaders accepted under a documented rule, FROM's first.
    pub warnings: Vec<LoadWarning>,
}

impl ReleaseDiff {
    /// Whether the copies hold the same records with the same values (the release column
    /// aside).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.only_in_old.is_empty() && self.only_in_new.is_empty() && self.changes.is_empty()
    }

    /// Both copies' provenance, FROM first.
    #[must_use]
    pub fn datasets(&self) -> [&Provenance; 2] {
        [&self.old, &self.new]
    }
}

/// Compares two copies of a dataset (see the [module docs](self)).
///
/// # Errors
/// The loaders' errors (an unknown release, a file of another dataset: `MissingColumn`, a bad
/// row); [`DiffError::LayoutMismatch`] for two layouts with different records (dyad-level and
/// conflict-level Battle-Related Deaths); [`DiffError::UnitNotOfDataset`] for a unit the
/// dataset alone does not give; [`DiffError::NoRecordKey`] for the G&W list.
pub fn diff(spec: &DiffSpec) -> Result<ReleaseDiff> {
    let unit = counts::unit_for(spec.dataset, spec.unit)?;
    let from = side::load(spec.dataset, &spec.from)?;
    let to = side::load(spec.dataset, &spec.to)?;
    if from.kind != to.kind {
        return Err(DiffError::LayoutMismatch {
            dataset: spec.dataset.name().to_string(),
            from: from.provenance.label(),
            from_unit: from.facts.unit.to_string(),
            to: to.provenance.label(),
            to_unit: to.facts.unit.to_string(),
        }
        .into());
    }
    let compared = compare::records(&from, &to);
    let counts = unit.map(|u| counts::counts(u, &from, &to)).transpose()?;
    let release_column = from.facts.release_column.map(|column| ReleaseColumn {
        column,
        old: from.provenance.version.clone(),
        new: to.provenance.version.clone(),
    });
    let mut warnings = from.warnings.clone();
    warnings.extend(to.warnings.iter().cloned());
    Ok(ReleaseDiff {
        dataset: spec.dataset,
        record: from.facts.unit,
        key: from.facts.key,
        old_records: from.records.len(),
        old_years: years(&from),
        new_years: years(&to),
        new_records: to.records.len(),
        old: from.provenance,
        new: to.provenance,
        release_column,
        only_in_old: compared.only_in_from,
        only_in_new: compared.only_in_to,
        changed_records: compared.changed_records,
        changes: compared.changes,
        counts,
        warnings,
    })
}

/// First and last year of a side's records.
fn years(side: &side::Side) -> Option<(i64, i64)> {
    let ys = side
        .records
        .values()
        .filter_map(|r| r.get("year").and_then(Value::as_i64));
    Some((ys.clone().min()?, ys.max()?))
}

#[cfg(test)]
mod tests;
