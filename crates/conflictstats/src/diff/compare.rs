//! Matching the records of two copies by key: records only in one, and the fields that differ
//! in records present in both.

use super::side::{Fields, Key, Side};
use super::{FieldChange, KeyedRecord};
use crate::data::kind::RecordFacts;
use serde_json::{Map, Value};

/// What the record comparison found, in key order.
pub(crate) struct Compared {
    pub only_in_from: Vec<KeyedRecord>,
    pub only_in_to: Vec<KeyedRecord>,
    pub changed_records: usize,
    pub changes: Vec<FieldChange>,
}

/// Compares every record of `from` with the record of `to` under the same key. The key
/// columns match by construction and the release column (`version`) is a fact of the release,
/// so neither is reported as a change.
pub(crate) fn records(from: &Side, to: &Side) -> Compared {
    let facts = from.facts;
    let mut out = Compared {
        only_in_from: Vec::new(),
        only_in_to: Vec::new(),
        changed_records: 0,
        changes: Vec::new(),
    };
    for (key, old) in &from.records {
        let Some(new) = to.records.get(key) else {
            out.only_in_from.push(keyed(facts, key, old));
            continue;
        };
        let before = out.changes.len();
        for (field, a) in old {
            if facts.key.contains(&field.as_str()) || facts.release_column == Some(field.as_str()) {
                continue;
            }
            let b = new.get(field).unwrap_or(&Value::Null);
            if a != b {
                out.changes.push(FieldChange {
                    key: key_map(facts, key),
                    order: key.clone(),
                    field: field.clone(),
                    old: a.clone(),
                    new: b.clone(),
                });
            }
        }
        if out.changes.len() > before {
            out.changed_records += 1;
        }
    }
    out.only_in_to = to
        .records
        .iter()
        .filter(|(key, _)| !from.records.contains_key(*key))
        .map(|(key, new)| keyed(facts, key, new))
        .collect();
    out
}

/// The key columns and their values, as an ordered map.
pub(crate) fn key_map(facts: &RecordFacts, key: &Key) -> Map<String, Value> {
    facts
        .key
        .iter()
        .zip(key)
        .map(|(c, v)| ((*c).to_string(), Value::from(*v)))
        .collect()
}

fn keyed(facts: &RecordFacts, key: &Key, record: &Fields) -> KeyedRecord {
    KeyedRecord {
        key: key_map(facts, key),
        order: key.clone(),
        year: record.get("year").and_then(Value::as_i64),
        label: facts
            .label
            .iter()
            .filter_map(|c| record.get(*c).map(|v| ((*c).to_string(), v.clone())))
            .collect(),
        record: record.clone(),
    }
}
