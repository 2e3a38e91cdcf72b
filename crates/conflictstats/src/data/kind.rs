//! What one record of each kind of dataset is, in one table: the unit of observation
//! (conflict-year, dyad-year, actor-year, event), the columns that identify a record, the
//! columns that name it for a reader, and the column that only repeats the release.
//!
//! Anything that matches records across two copies of a dataset (the release diff,
//! [`crate::diff`]) reads its key here — never from a `match` of its own.
//!
//! ```
//! use conflictstats::data::registry::DatasetKind;
//!
//! let acd = DatasetKind::Acd.record().unwrap();
//! assert_eq!(acd.unit, "conflict-year");
//! assert_eq!(acd.key, ["conflict_id", "year"]);
//! assert_eq!(DatasetKind::OneSided.record().unwrap().key, ["actor_id", "year"]);
//! // The two layouts of the Battle-Related Deaths data have different keys.
//! assert_eq!(DatasetKind::BattleDeaths.record().unwrap().unit, "dyad-year");
//! assert_eq!(DatasetKind::BattleDeathsConflict.record().unwrap().unit, "conflict-year");
//! assert!(DatasetKind::GwStates.record().is_none()); // periods, not records with a key
//! ```

use super::registry::DatasetKind;
use serde::Serialize;

/// What one record of a dataset kind is and how it is identified.
#[derive(Debug, Serialize)]
#[non_exhaustive]
pub struct RecordFacts {
    /// The dataset kind.
    pub kind: DatasetKind,
    /// The unit of observation, as UCDP's codebooks say it: `conflict-year`, `dyad-year`, …
    pub unit: &'static str,
    /// The columns whose values identify a record (unique in every release), in the records'
    /// field spelling.
    pub key: &'static [&'static str],
    /// Columns that name a record for a reader (shown beside its key).
    pub label: &'static [&'static str],
    /// The column that repeats the release in every record (`version`), if any: a fact about
    /// the release, not about the record.
    pub release_column: Option<&'static str>,
}

/// One entry per kind of dataset that has keyed records (see [`RecordFacts`]).
pub const RECORDS: &[RecordFacts] = &[
    RecordFacts {
        kind: DatasetKind::Acd,
        unit: "conflict-year",
        key: &["conflict_id", "year"],
        label: &["location", "side_b"],
        release_column: Some("version"),
    },
    RecordFacts {
        kind: DatasetKind::Dyadic,
        unit: "dyad-year",
        key: &["dyad_id", "year"],
        label: &["location", "side_b"],
        release_column: Some("version"),
    },
    RecordFacts {
        kind: DatasetKind::NonState,
        unit: "conflict-year",
        key: &["conflict_id", "year"],
        label: &["side_a_name", "side_b_name"],
        release_column: Some("version"),
    },
    RecordFacts {
        kind: DatasetKind::OneSided,
        unit: "actor-year",
        key: &["actor_id", "year"],
        label: &["actor_name"],
        release_column: Some("version"),
    },
    RecordFacts {
        kind: DatasetKind::BattleDeaths,
        unit: "dyad-year",
        key: &["dyad_id", "year"],
        label: &["location_inc", "side_b"],
        release_column: Some("version"),
    },
    RecordFacts {
        kind: DatasetKind::BattleDeathsConflict,
        unit: "conflict-year",
        key: &["conflict_id", "year"],
        label: &["location_inc", "side_b"],
        release_column: Some("version"),
    },
    RecordFacts {
        kind: DatasetKind::Ged,
        unit: "event",
        key: &["id"],
        label: &["year", "country_id"],
        release_column: None,
    },
];

impl DatasetKind {
    /// What one record of this kind is and how it is identified; `None` for tables that are
    /// not keyed records (the G&W list's periods, the crosswalks).
    #[must_use]
    pub fn record(self) -> Option<&'static RecordFacts> {
        RECORDS.iter().find(|r| r.kind == self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_per_kind_and_has_a_year_or_an_id() {
        for r in RECORDS {
            assert_eq!(
                RECORDS.iter().filter(|o| o.kind == r.kind).count(),
                1,
                "{:?}",
                r.kind
            );
            assert!(!r.key.is_empty());
            assert!(r.key.contains(&"year") || r.key == ["id"], "{:?}", r.kind);
        }
    }
}
