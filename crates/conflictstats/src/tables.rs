//! Every embedded dataset (and a file of any kind) as a polars `DataFrame` (feature `polars`),
//! read by the dataset's own strict loader — the door behind Python's `cs.load`.
//!
//! The ACD keeps its typed layout ([`crate::frame`]); the other datasets become one column
//! per field of their typed records, in the records' field order: integers `Int64`, floats
//! `Float64`, flags `Boolean`, labels `String`, multi-valued fields lists; nulls stay nulls.
//! Every date is `Date`, in every dataset ([`DATE_COLUMNS`]: the ACD's and Dyadic's
//! `start_date`, GED's `date_start`, the G&W list's `start` and `end`, …).
//!
//! ```
//! use conflictstats::data::registry;
//! use conflictstats::tables::load_frame;
//!
//! let d = load_frame(registry::find("ucdp-dyadic", Some("24.1"))?.name, Some("24.1"), None)?;
//! assert_eq!(d.frame.height(), 3357);
//! assert_eq!(d.provenance.name, "ucdp-dyadic");
//! assert_eq!(d.frame.column("start_date")?.dtype(), &polars::prelude::DataType::Date);
//! let gw = load_frame("gw-states", None, None)?;
//! assert_eq!(gw.frame.column("end")?.dtype(), &polars::prelude::DataType::Date);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::data::registry::{self, DatasetKind};
use crate::data::{
    Acd, BattleDeaths, BattleDeathsConflict, Crosswalk, Dyadic, Ged, GwStates, IsoNumeric,
    LoadWarning, NonState, OneSided, Provenance,
};
use crate::error::{Error, Result};
use polars::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value};
use std::path::Path;

/// A loaded dataset as a frame, with what the loader reported.
#[derive(Debug, Clone)]
pub struct LoadedFrame {
    /// The records, one row each.
    pub frame: DataFrame,
    /// Where they came from.
    pub provenance: Provenance,
    /// What was accepted under a documented rule.
    pub warnings: Vec<LoadWarning>,
    /// Header columns not part of the dataset (reported, not used).
    pub extra_columns: Vec<String>,
}

/// Loads `name` (a registry name) — the embedded `version`, or the file `path` holding that
/// dataset — with its own loader, as a frame.
///
/// # Errors
/// [`Error::UnknownDataset`] for a name the registry does not know; the loader's errors
/// (file, line, column) for a bad file.
pub fn load_frame(name: &str, version: Option<&str>, path: Option<&Path>) -> Result<LoadedFrame> {
    let mut d = load_records(name, version, path)?;
    d.frame = with_dates(d.frame)?;
    Ok(d)
}

/// The date columns of the datasets' frames, by name: `Date` in every frame, whatever the
/// loader's records hold (ISO text, or days since 1970-01-01 in GED's columns).
pub const DATE_COLUMNS: &[&str] = &[
    "start_date",
    "start_date2",
    "ep_end_date",
    "date_start",
    "date_end",
    "start",
    "end",
];

/// `frame` with its [`DATE_COLUMNS`] as `Date`: ISO `YYYY-MM-DD` text parsed, days since
/// 1970-01-01 cast; nulls stay nulls.
fn with_dates(mut frame: DataFrame) -> Result<DataFrame> {
    for &name in DATE_COLUMNS {
        let Ok(col) = frame.column(name) else {
            continue;
        };
        let dated = match col.dtype() {
            DataType::Date => continue,
            DataType::String => {
                let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
                let days = col
                    .str()
                    .map_err(|e| frame_err(&e))?
                    .iter()
                    .map(|v| {
                        v.map(|text| {
                            chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
                                .ok()
                                .and_then(|d| i32::try_from((d - epoch).num_days()).ok())
                                .ok_or_else(|| {
                                    Error::spec(format!("column `{name}`: `{text}` is not a date"))
                                })
                        })
                        .transpose()
                    })
                    .collect::<Result<Vec<Option<i32>>>>()?;
                Column::new(name.into(), days)
            }
            _ => col.clone(),
        };
        let dated = dated
            .strict_cast(&DataType::Date)
            .map_err(|e| frame_err(&e))?;
        frame.replace(name, dated).map_err(|e| frame_err(&e))?;
    }
    Ok(frame)
}

/// [`load_frame`] before the dates are typed.
fn load_records(name: &str, version: Option<&str>, path: Option<&Path>) -> Result<LoadedFrame> {
    let kind = registry::find(name, if path.is_some() { None } else { version })?.kind;
    let entry = || registry::find(name, version);
    match kind {
        DatasetKind::Acd => {
            let d = match path {
                Some(p) => Acd::from_path(p)?,
                None => Acd::from_entry(entry()?)?,
            };
            Ok(LoadedFrame {
                frame: d.to_dataframe()?,
                provenance: d.provenance,
                warnings: d.warnings,
                extra_columns: d.extra_columns,
            })
        }
        DatasetKind::Dyadic => match path {
            Some(p) => Dyadic::from_path(p)?.into_frame(),
            None => Dyadic::from_entry(entry()?)?.into_frame(),
        },
        DatasetKind::NonState => match path {
            Some(p) => NonState::from_path(p)?.into_frame(),
            None => NonState::from_entry(entry()?)?.into_frame(),
        },
        DatasetKind::OneSided => match path {
            Some(p) => OneSided::from_path(p)?.into_frame(),
            None => OneSided::from_entry(entry()?)?.into_frame(),
        },
        DatasetKind::BattleDeaths => match path {
            Some(p) => BattleDeaths::from_path(p)?.into_frame(),
            None => BattleDeaths::from_entry(entry()?)?.into_frame(),
        },
        DatasetKind::BattleDeathsConflict => match path {
            Some(p) => BattleDeathsConflict::from_path(p)?.into_frame(),
            None => BattleDeathsConflict::from_entry(entry()?)?.into_frame(),
        },
        DatasetKind::GwStates => {
            let d = match path {
                Some(p) => GwStates::from_path(p)?,
                None => GwStates::from_entry(entry()?)?,
            };
            small_table(&d.periods, d.provenance, d.warnings)
        }
        DatasetKind::Crosswalk => {
            let d = match path {
                Some(p) => Crosswalk::from_bytes(&p.display().to_string(), &file_bytes(p)?)?,
                None => Crosswalk::embedded()?,
            };
            small_table(&d.rows, d.provenance, d.warnings)
        }
        DatasetKind::IsoNumeric => {
            let d = match path {
                Some(p) => IsoNumeric::from_bytes(&p.display().to_string(), &file_bytes(p)?)?,
                None => IsoNumeric::embedded()?,
            };
            small_table(&d.rows, d.provenance, d.warnings)
        }
        DatasetKind::Ged => {
            let d = match path {
                Some(p) => Ged::from_path(p)?,
                None => Ged::from_entry(entry()?)?,
            };
            Ok(LoadedFrame {
                frame: columns_frame(&d.events)?,
                provenance: d.provenance,
                warnings: d.warnings,
                extra_columns: d.extra_columns,
            })
        }
    }
}

/// A table without extra columns (the G&W list, the crosswalks) as a frame.
fn small_table<T: Serialize>(
    rows: &[T],
    provenance: Provenance,
    warnings: Vec<LoadWarning>,
) -> Result<LoadedFrame> {
    Ok(LoadedFrame {
        frame: records_frame(rows)?,
        provenance,
        warnings,
        extra_columns: Vec::new(),
    })
}

/// The bytes of a small table given as a file.
fn file_bytes(p: &Path) -> Result<Vec<u8>> {
    std::fs::read(p).map_err(|source| Error::Io {
        file: p.display().to_string(),
        source,
    })
}

/// The parts of a [`crate::data::Dataset`] a frame needs.
trait DatasetParts {
    fn into_frame(self) -> Result<LoadedFrame>;
}

impl<R: Serialize> DatasetParts for crate::data::Dataset<R> {
    fn into_frame(self) -> Result<LoadedFrame> {
        Ok(LoadedFrame {
            frame: records_frame(&self.records)?,
            provenance: self.provenance,
            warnings: self.warnings,
            extra_columns: self.extra_columns,
        })
    }
}

fn frame_err(e: &PolarsError) -> Error {
    Error::spec(format!("cannot build the DataFrame: {e}"))
}

/// Typed records (anything serialising as a list of flat objects) as a frame, columns in
/// field order. Nested objects become JSON text.
pub fn records_frame<T: Serialize>(records: &[T]) -> Result<DataFrame> {
    let rows: Vec<Map<String, Value>> = records
        .iter()
        .map(|r| match serde_json::to_value(r) {
            Ok(Value::Object(m)) => Ok(m),
            _ => Err(Error::spec("a record does not serialise as an object")),
        })
        .collect::<Result<_>>()?;
    let names: Vec<String> = rows
        .first()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let columns = names
        .iter()
        .map(|n| column(n, rows.iter().map(|r| r.get(n).unwrap_or(&Value::Null))))
        .collect::<Result<Vec<Column>>>()?;
    DataFrame::new(rows.len(), columns).map_err(|e| frame_err(&e))
}

/// As [`records_frame`], with the dtypes of the named columns given rather than read from
/// the values (a column whose values are all null, e.g. an optional reason nothing needed,
/// has none to read): the frames of the same records have the same schema whatever rows they
/// hold, so that frames of two results concatenate.
pub fn records_frame_typed<T: Serialize>(
    records: &[T],
    dtypes: &[(&str, DataType)],
) -> Result<DataFrame> {
    let mut frame = records_frame(records)?;
    for (name, dtype) in dtypes {
        if let Ok(col) = frame.column(name) {
            let typed = col.strict_cast(dtype).map_err(|e| frame_err(&e))?;
            frame.replace(name, typed).map_err(|e| frame_err(&e))?;
        }
    }
    Ok(frame)
}

/// A columnar struct (an object of equal-length arrays, like GED's `Events`) as a frame.
pub fn columns_frame<T: Serialize>(columns: &T) -> Result<DataFrame> {
    let Ok(Value::Object(m)) = serde_json::to_value(columns) else {
        return Err(Error::spec("the columns do not serialise as an object"));
    };
    let mut height = 0;
    let mut out = Vec::new();
    for (name, v) in &m {
        if let Value::Array(values) = v {
            height = values.len();
            out.push(column(name, values.iter())?);
        }
    }
    DataFrame::new(height, out).map_err(|e| frame_err(&e))
}

/// One column from JSON values, typed by what they hold.
fn column<'a>(name: &str, values: impl Iterator<Item = &'a Value> + Clone) -> Result<Column> {
    let name: PlSmallStr = name.into();
    let non_null = || values.clone().filter(|v| !v.is_null());
    let col = if non_null().all(|v| v.is_i64() || v.is_u64()) {
        Column::new(
            name,
            values.map(Value::as_i64).collect::<Vec<Option<i64>>>(),
        )
    } else if non_null().all(Value::is_number) {
        Column::new(
            name,
            values.map(Value::as_f64).collect::<Vec<Option<f64>>>(),
        )
    } else if non_null().all(Value::is_boolean) {
        Column::new(
            name,
            values.map(Value::as_bool).collect::<Vec<Option<bool>>>(),
        )
    } else if non_null().all(Value::is_string) {
        Column::new(
            name,
            values.map(Value::as_str).collect::<Vec<Option<&str>>>(),
        )
    } else if non_null().all(|v| v.as_array().is_some_and(|a| a.iter().all(Value::is_i64))) {
        let lists: Vec<Option<Series>> = values
            .map(|v| {
                v.as_array().map(|a| {
                    Series::new(
                        "".into(),
                        a.iter().filter_map(Value::as_i64).collect::<Vec<i64>>(),
                    )
                })
            })
            .collect();
        Column::new(name, lists)
    } else {
        let text: Vec<Option<String>> = values
            .map(|v| match v {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            })
            .collect();
        Column::new(name, text)
    };
    Ok(col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_dataset_loads_as_a_frame() {
        for e in registry::REGISTRY {
            let d = load_frame(e.name, Some(e.version), None).unwrap();
            assert_eq!(d.provenance.version, e.version, "{}", e.name);
            assert!(
                d.frame.height() > 0 && d.frame.width() > 2,
                "{} {}",
                e.name,
                e.version
            );
        }
    }
}
