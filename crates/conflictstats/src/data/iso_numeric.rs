//! ISO 3166-1 numeric country codes → alpha-3 codes, current and withdrawn, curated by this
//! project (`data/crosswalk/iso_numeric.csv`; how, in `data/crosswalk/SOURCE.md`).
//!
//! Event data keyed by the numeric code (ACLED's `iso` column) reach Gleditsch–Ward codes in
//! two steps: numeric → alpha-3 here, then alpha-3 → G&W through the time-varying
//! [`Crosswalk`](super::Crosswalk), which dates every pairing. A numeric code can name more
//! than one alpha-3 code over time (891: the Federal Republic of Yugoslavia, YUG, then Serbia
//! and Montenegro, SCG), so [`IsoNumeric::to_iso3`] returns every one and the crosswalk
//! decides by date. `0` is listed with no alpha-3 code (status [`IsoNumericStatus::NotIso`]):
//! it is no ISO code, and is never mapped.
//!
//! ```
//! use conflictstats::data::IsoNumeric;
//!
//! let t = IsoNumeric::embedded()?;
//! assert_eq!(t.to_iso3(231), ["ETH"]);
//! assert_eq!(t.to_iso3(891), ["SCG", "YUG"]); // one numeric code, two alpha-3 codes over time
//! assert!(t.to_iso3(0).is_empty() && t.is_listed(0)); // listed, never mapped
//! assert!(!t.is_listed(999));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::registry::{self, DatasetKind};
use super::table::{self, Row, Schema};
use super::{LoadWarning, Provenance};
use crate::error::{Error, Result};
use serde::Serialize;

const TITLE: &str = "conflictstats ISO 3166-1 numeric → alpha-3 table";

const COLUMNS: &[&str] = &["iso_numeric", "iso3", "name", "status", "note"];
const NUMERIC: usize = 0;
const ISO3: usize = 1;
const NAME: usize = 2;
const STATUS: usize = 3;
const NOTE: usize = 4;

const SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

/// The status of a numeric code in ISO 3166-1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IsoNumericStatus {
    /// Assigned today.
    Official,
    /// Formerly used (a deleted country, or a numeric code changed while the alpha-3 code
    /// stayed: Sudan 736 → 729 in 2011).
    Withdrawn,
    /// Not an ISO code (`0`), listed so that files writing it load and its rows are reported.
    NotIso,
}

/// One row: a numeric code and one alpha-3 code it has stood for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IsoNumericRow {
    /// The numeric code (0–999).
    pub iso_numeric: u16,
    /// The alpha-3 code (`None` for [`IsoNumericStatus::NotIso`]).
    pub iso3: Option<String>,
    /// ISO's name.
    pub name: String,
    /// The status.
    pub status: IsoNumericStatus,
    /// Why: the curation decision.
    pub note: String,
}

/// The table.
#[derive(Debug, Clone, Serialize)]
pub struct IsoNumeric {
    /// Rows, ordered by numeric code, then alpha-3 code.
    pub rows: Vec<IsoNumericRow>,
    /// Where they came from.
    pub provenance: Provenance,
    /// What was accepted under a documented rule.
    pub warnings: Vec<LoadWarning>,
}

impl IsoNumeric {
    /// The table shipped with the library.
    pub fn embedded() -> Result<IsoNumeric> {
        let entry = registry::find("iso-numeric", None)?;
        if entry.kind != DatasetKind::IsoNumeric {
            return Err(Error::spec(format!(
                "{} is not an ISO table",
                entry.label()
            )));
        }
        let provenance = Provenance::embedded(entry);
        let (rows, warnings) = parse(&provenance.source, entry.bytes()?)?;
        Ok(IsoNumeric {
            rows,
            provenance,
            warnings,
        })
    }

    /// Reads a table in the same layout (e.g. an amended copy).
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<IsoNumeric> {
        let (rows, warnings) = parse(file, bytes)?;
        let sha = registry::sha256_hex(bytes);
        let version = registry::by_sha256(&sha)
            .filter(|e| e.kind == DatasetKind::IsoNumeric)
            .map_or(super::UNKNOWN_VERSION, |e| e.version);
        Ok(IsoNumeric {
            provenance: Provenance::from_file("iso-numeric", TITLE, file, bytes, version),
            rows,
            warnings,
        })
    }

    /// Every alpha-3 code `numeric` has stood for, in alphabetical order (empty for a code
    /// without one, `0`, and for a code not listed).
    #[must_use]
    pub fn to_iso3(&self, numeric: u16) -> Vec<&str> {
        self.rows
            .iter()
            .filter(|r| r.iso_numeric == numeric)
            .filter_map(|r| r.iso3.as_deref())
            .collect()
    }

    /// Whether `numeric` is listed (an ISO 3166-1 numeric code, current or withdrawn, or `0`).
    #[must_use]
    pub fn is_listed(&self, numeric: u16) -> bool {
        self.rows.iter().any(|r| r.iso_numeric == numeric)
    }
}

fn parse(file: &str, bytes: &[u8]) -> Result<(Vec<IsoNumericRow>, Vec<LoadWarning>)> {
    let mut rows: Vec<(IsoNumericRow, u64)> = Vec::new();
    let header = table::read(file, bytes, &SCHEMA, |row| {
        let r = numeric_row(row)?;
        if let Some((_, first_line)) = rows
            .iter()
            .find(|(o, _)| o.iso_numeric == r.iso_numeric && o.iso3 == r.iso3)
        {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line: *first_line,
                key: format!("pairing {:03} – {:?}", r.iso_numeric, r.iso3),
            });
        }
        rows.push((r, row.line()));
        Ok(())
    })?;
    let mut rows: Vec<IsoNumericRow> = rows.into_iter().map(|(r, _)| r).collect();
    rows.sort_by(|a, b| (a.iso_numeric, &a.iso3).cmp(&(b.iso_numeric, &b.iso3)));
    Ok((rows, header.warnings))
}

fn numeric_row(row: &Row<'_>) -> Result<IsoNumericRow> {
    let expected = "an ISO 3166-1 numeric code (3 digits)";
    let s = row.str(NUMERIC).trim();
    if s.len() != 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(row.invalid(NUMERIC, expected));
    }
    let iso_numeric: u16 = row.num(NUMERIC, expected)?;
    let status = match row.str(STATUS).trim() {
        "official" => IsoNumericStatus::Official,
        "withdrawn" => IsoNumericStatus::Withdrawn,
        "not_iso" => IsoNumericStatus::NotIso,
        _ => return Err(row.invalid(STATUS, "official, withdrawn or not_iso")),
    };
    let iso = row.str(ISO3).trim();
    let iso3 = match status {
        IsoNumericStatus::NotIso if iso.is_empty() => None,
        IsoNumericStatus::NotIso => {
            return Err(row.invalid(ISO3, "empty (the status is `not_iso`)"));
        }
        _ if iso.len() == 3 && iso.bytes().all(|b| b.is_ascii_uppercase()) => Some(iso.to_string()),
        _ => {
            return Err(row.invalid(ISO3, "an ISO 3166-1 alpha-3 code (3 capital letters)"));
        }
    };
    Ok(IsoNumericRow {
        iso_numeric,
        iso3,
        name: row.string(NAME),
        status,
        note: row.string(NOTE),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Crosswalk;

    /// Every alpha-3 code of the G&W crosswalk is reachable from a numeric code, except the
    /// two that have none (VDR: North Vietnam, deleted 1977 before numeric codes were kept
    /// for it; XKX: Kosovo, user-assigned).
    #[test]
    fn every_crosswalk_code_but_two_has_a_numeric_code() {
        let t = IsoNumeric::embedded().unwrap();
        let cw = Crosswalk::embedded().unwrap();
        let mut missing: Vec<&str> = cw
            .rows
            .iter()
            .filter_map(|r| r.iso3.as_deref())
            .filter(|c| !t.rows.iter().any(|r| r.iso3.as_deref() == Some(*c)))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        assert_eq!(missing, ["VDR", "XKX"]);
        assert_eq!(t.rows.len(), 262);
        assert_eq!(t.to_iso3(736), ["SDN"]);
        assert_eq!(t.to_iso3(729), ["SDN"]);
        assert_eq!(t.to_iso3(728), ["SSD"]);
        assert_eq!(t.to_iso3(275), ["PSE"]);
    }

    #[test]
    fn bad_rows_are_typed_errors() {
        let head = "iso_numeric,iso3,name,status,note\n";
        for (row, column) in [
            ("4,AFG,Afghanistan,official,\n", "iso_numeric"),
            ("004,afg,Afghanistan,official,\n", "iso3"),
            ("004,AFG,Afghanistan,current,\n", "status"),
            ("000,AFG,None,not_iso,\n", "iso3"),
        ] {
            let err =
                IsoNumeric::from_bytes("t.csv", format!("{head}{row}").as_bytes()).unwrap_err();
            assert_eq!((err.line(), err.column()), (Some(2), Some(column)), "{row}");
        }
        let dup = format!("{head}004,AFG,A,official,\n004,AFG,A,official,\n");
        assert!(matches!(
            IsoNumeric::from_bytes("t.csv", dup.as_bytes()),
            Err(Error::DuplicateRecord { line: 3, .. })
        ));
    }
}
