//! A diff as polars DataFrames (feature `polars`): the records only in one copy, the changed
//! fields in long format, and the counts per year side by side.

use super::{KeyedRecord, ReleaseDiff, render_value};
use crate::error::{Error, Result};
use polars::prelude::*;
use serde_json::Value;

fn frame_err(e: &PolarsError) -> Error {
    Error::spec(format!("cannot build the DataFrame: {e}"))
}

impl ReleaseDiff {
    /// The key columns (`Int64`) of `keys`, one column per key column.
    fn key_columns<'a>(&self, keys: impl Iterator<Item = &'a Vec<i64>> + Clone) -> Vec<Column> {
        self.key
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let values: Vec<i64> = keys.clone().map(|k| k[i]).collect();
                Column::new((*c).into(), values)
            })
            .collect()
    }

    /// The records only in one copy: `side` (`old`: only in FROM, `new`: only in TO), the key
    /// columns (`Int64`), then the columns that name a record (`String`, rendered as in the
    /// CSV), in key order, FROM's first.
    pub fn only_in_dataframe(&self) -> Result<DataFrame> {
        let rows: Vec<(&str, &KeyedRecord)> = self
            .only_in_old
            .iter()
            .map(|r| ("old", r))
            .chain(self.only_in_new.iter().map(|r| ("new", r)))
            .collect();
        let mut columns = vec![Column::new(
            "side".into(),
            rows.iter().map(|(s, _)| *s).collect::<Vec<_>>(),
        )];
        columns.extend(self.key_columns(rows.iter().map(|(_, r)| &r.order)));
        let labels: Vec<&String> = rows
            .first()
            .map(|(_, r)| r.label.keys().collect())
            .unwrap_or_default();
        for name in labels {
            let values: Vec<String> = rows
                .iter()
                .map(|(_, r)| render_value(r.label.get(name).unwrap_or(&Value::Null)))
                .collect();
            columns.push(Column::new(name.as_str().into(), values));
        }
        DataFrame::new(rows.len(), columns).map_err(|e| frame_err(&e))
    }

    /// Every changed field, long format: the key columns (`Int64`), `field`, `old`, `new`
    /// (`String`, rendered as in the CSV: lists `651, 666`, codes by key, null empty).
    pub fn changes_dataframe(&self) -> Result<DataFrame> {
        let mut columns = self.key_columns(self.changes.iter().map(|c| &c.order));
        let text = |get: fn(&super::FieldChange) -> &Value| -> Vec<String> {
            self.changes.iter().map(|c| render_value(get(c))).collect()
        };
        columns.push(Column::new(
            "field".into(),
            self.changes
                .iter()
                .map(|c| c.field.as_str())
                .collect::<Vec<_>>(),
        ));
        columns.push(Column::new("old".into(), text(|c| &c.old)));
        columns.push(Column::new("new".into(), text(|c| &c.new)));
        DataFrame::new(self.changes.len(), columns).map_err(|e| frame_err(&e))
    }

    /// The counting unit's counts per year in both copies: `year` (`Int32`), `old`, `new`,
    /// `difference` (`Int64`; null where a copy does not cover the year — never zero). Empty
    /// (with these columns) for a dataset no unit counts.
    pub fn counts_dataframe(&self) -> Result<DataFrame> {
        let rows = self.counts.as_ref().map_or(&[][..], |c| &c.rows[..]);
        let year: Vec<i32> = rows.iter().map(|r| r.year).collect();
        let old: Vec<Option<i64>> = rows.iter().map(|r| r.old.map(i64::from)).collect();
        let new: Vec<Option<i64>> = rows.iter().map(|r| r.new.map(i64::from)).collect();
        let diff: Vec<Option<i64>> = rows.iter().map(|r| r.difference).collect();
        DataFrame::new(
            rows.len(),
            vec![
                Column::new("year".into(), year),
                Column::new("old".into(), old),
                Column::new("new".into(), new),
                Column::new("difference".into(), diff),
            ],
        )
        .map_err(|e| frame_err(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{DiffSpec, diff};
    use crate::data::{DatasetId, Source};

    #[test]
    fn acd_v25_1_to_v26_1_frames() {
        let v26 = format!(
            "{}/../../data/ucdp-acd/UcdpPrioConflict_v26_1.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        let d = diff(&DiffSpec::new(
            DatasetId::Acd,
            Source::Embedded(Some("25.1".into())),
            Source::File(v26.into()),
        ))
        .unwrap();
        let only = d.only_in_dataframe().unwrap();
        assert_eq!(
            only.get_column_names(),
            ["side", "conflict_id", "year", "location", "side_b"]
        );
        assert_eq!(only.height(), 3 + 67);
        let changes = d.changes_dataframe().unwrap();
        assert_eq!(changes.height(), d.changes.len());
        assert_eq!(
            changes.get_column_names(),
            ["conflict_id", "year", "field", "old", "new"]
        );
        let counts = d.counts_dataframe().unwrap();
        assert_eq!(
            counts.get_column_names(),
            ["year", "old", "new", "difference"]
        );
        assert_eq!(counts.height(), 2025 - 1946 + 1);
    }
}
