//! One side of a diff: a copy of a dataset — a release (embedded, or fetched into the cache)
//! or a file — loaded by the dataset's own strict loader, its records as ordered maps of typed
//! values keyed by the dataset's record key ([`DatasetKind::record`]).

use super::error::DiffError;
use crate::count::Datasets;
use crate::data::kind::RecordFacts;
use crate::data::registry::DatasetKind;
use crate::data::{Brd, DatasetId, LoadWarning, Provenance, Source, Sources};
use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A record as typed values in its fields' order (the loader's record type, serialised).
pub(crate) type Fields = Map<String, Value>;

/// A record's key: its key columns' values, in [`RecordFacts::key`] order.
pub(crate) type Key = Vec<i64>;

/// Reads FROM or TO as the command line writes them: the path of a file when the text holds a
/// path separator (`/`, `\`) or ends in `.csv` (any case), otherwise a release version
/// (embedded first, then the cache). The rule does not depend on the working directory.
///
/// ```
/// use conflictstats::data::Source;
/// use conflictstats::diff::side_source;
///
/// assert_eq!(side_source("25.1"), Source::Embedded(Some("25.1".into())));
/// assert_eq!(side_source("acd.CSV"), Source::File("acd.CSV".into()));
/// assert_eq!(side_source("./26.1"), Source::File("./26.1".into()));
/// ```
#[must_use]
pub fn side_source(text: &str) -> Source {
    let is_path = text.contains(['/', '\\']) || text.to_ascii_lowercase().ends_with(".csv");
    if is_path {
        Source::File(PathBuf::from(text))
    } else {
        Source::Embedded(Some(text.trim().to_string()))
    }
}

/// A loaded copy of a dataset, ready to compare.
pub(crate) struct Side {
    pub kind: DatasetKind,
    pub facts: &'static RecordFacts,
    pub provenance: Provenance,
    pub warnings: Vec<LoadWarning>,
    /// The records by key (keys are unique: the loaders reject duplicates).
    pub records: BTreeMap<Key, Fields>,
    /// The loaded dataset, for the counting units that read it (empty for BRD and GED).
    pub data: Datasets,
}

/// Loads `id` from `source` through the one resolution of [`Sources::locate`].
pub(crate) fn load(id: DatasetId, source: &Source) -> Result<Side> {
    let mut sources = Sources::default();
    sources.set(id, source.clone());
    let mut data = Datasets::default();
    let (kind, provenance, warnings, rows) = match id {
        DatasetId::Acd => {
            let d = sources.acd()?;
            let out = (DatasetKind::Acd, d.provenance.clone(), d.warnings.clone());
            let rows = rows_of(&d.records)?;
            data.acd = Some(d);
            (out.0, out.1, out.2, rows)
        }
        DatasetId::Dyadic => {
            let d = sources.dyadic()?;
            let rows = rows_of(&d.records)?;
            let out = (
                DatasetKind::Dyadic,
                d.provenance.clone(),
                d.warnings.clone(),
            );
            data.dyadic = Some(d);
            (out.0, out.1, out.2, rows)
        }
        DatasetId::NonState => {
            let d = sources.nonstate()?;
            let rows = rows_of(&d.records)?;
            let out = (
                DatasetKind::NonState,
                d.provenance.clone(),
                d.warnings.clone(),
            );
            data.nonstate = Some(d);
            (out.0, out.1, out.2, rows)
        }
        DatasetId::OneSided => {
            let d = sources.onesided()?;
            let rows = rows_of(&d.records)?;
            let out = (
                DatasetKind::OneSided,
                d.provenance.clone(),
                d.warnings.clone(),
            );
            data.onesided = Some(d);
            (out.0, out.1, out.2, rows)
        }
        DatasetId::Brd => match sources.brd()? {
            Brd::Dyad(d) => (
                DatasetKind::BattleDeaths,
                d.provenance,
                d.warnings,
                rows_of(&d.records)?,
            ),
            Brd::Conflict(d) => (
                DatasetKind::BattleDeathsConflict,
                d.provenance,
                d.warnings,
                rows_of(&d.records)?,
            ),
        },
        DatasetId::Ged => {
            let d = sources.ged()?;
            (
                DatasetKind::Ged,
                d.provenance,
                d.warnings,
                columns_to_rows(&d.events)?,
            )
        }
        DatasetId::GwStates => {
            return Err(DiffError::NoRecordKey {
                dataset: id.name().to_string(),
            }
            .into());
        }
    };
    let facts = kind.record().ok_or_else(|| DiffError::NoRecordKey {
        dataset: id.name().to_string(),
    })?;
    let mut records = BTreeMap::new();
    for (index, row) in rows.into_iter().enumerate() {
        records.insert(key_of(id, facts, index, &row)?, row);
    }
    Ok(Side {
        kind,
        facts,
        provenance,
        warnings,
        records,
        data,
    })
}

/// The key of one record, from the key columns of its kind.
fn key_of(id: DatasetId, facts: &RecordFacts, index: usize, row: &Fields) -> Result<Key> {
    facts
        .key
        .iter()
        .map(|column| {
            row.get(*column).and_then(Value::as_i64).ok_or_else(|| {
                Error::from(DiffError::BadKey {
                    dataset: id.name().to_string(),
                    index,
                    column: (*column).to_string(),
                })
            })
        })
        .collect()
}

/// Typed records as ordered maps of their fields' values.
fn rows_of<T: Serialize>(records: &[T]) -> Result<Vec<Fields>> {
    records
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(Value::Object(m)) => Ok(m),
            _ => Err(Error::spec("a record does not serialise as an object")),
        })
        .collect()
}

/// A columnar table (an object of equal-length arrays, like GED's `Events`) as rows.
fn columns_to_rows<T: Serialize>(columns: &T) -> Result<Vec<Fields>> {
    let Ok(Value::Object(m)) = serde_json::to_value(columns) else {
        return Err(Error::spec("the columns do not serialise as an object"));
    };
    let arrays: Vec<(&String, &Vec<Value>)> = m
        .iter()
        .filter_map(|(name, v)| v.as_array().map(|a| (name, a)))
        .collect();
    let height = arrays.first().map_or(0, |(_, a)| a.len());
    Ok((0..height)
        .map(|i| {
            arrays
                .iter()
                .map(|(name, a)| ((*name).clone(), a.get(i).cloned().unwrap_or(Value::Null)))
                .collect()
        })
        .collect())
}
