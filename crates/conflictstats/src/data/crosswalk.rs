//! A time-varying crosswalk between Gleditsch–Ward codes and ISO 3166-1 alpha-3 codes,
//! curated by this project (`data/crosswalk/gw_iso3.csv`; how, and every decision, in
//! `data/crosswalk/SOURCE.md`).
//!
//! G&W codes are not ISO codes, and the two do not map one-to-one over time: Yemen is G&W 678
//! throughout while ISO used YEM for North Yemen and YMD for South Yemen until 1990; G&W 816 is
//! North Vietnam and then unified Vietnam, while ISO's VNM meant *South* Vietnam (G&W 817)
//! until 1977; Serbia is 340 from 2006 but Yugoslavia / Serbia and Montenegro (345, ISO
//! YUG then SCG) before; Germany is 260 from 1949, unified or not (the COW list says 255);
//! Kosovo (347) has only a user-assigned code, XKX. Lookups therefore return **every**
//! matching row with its [`Relation`] and the ISO code's [`IsoStatus`], never a single guess.
//!
//! ```
//! use conflictstats::data::{Crosswalk, Relation};
//! use conflictstats::model::GwCode;
//!
//! let cw = Crosswalk::embedded()?;
//! let iso = |gw, year| cw.to_iso3(GwCode(gw), year).iter().map(|r| r.iso3.as_deref().unwrap_or("")).collect::<Vec<_>>();
//! assert_eq!(iso(816, 1970), ["VDR"]);
//! assert_eq!(iso(816, 1976), ["VDR", "VNM"]); // both in the year of reunification: explicit
//! assert_eq!(iso(345, 2004), ["SCG"]);
//! assert_eq!(iso(340, 2024), ["SRB"]);
//! assert_eq!(iso(730, 1900), ["KOR", "PRK"]); // one historical state, two ISO entities
//! assert_eq!(iso(396, 2010), [""]);            // Abkhazia: no ISO code, not "GEO"
//! let gws: Vec<u16> = cw.to_gw("VNM", 1970).iter().map(|r| r.gwcode.0).collect();
//! assert_eq!(gws, [817]);
//! assert_eq!(cw.to_gw("DEU", 1960)[0].relation, Relation::Same);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::registry::{self, DatasetKind};
use super::table::{self, Row, Schema};
use super::{LoadWarning, Provenance};
use crate::error::{Error, Result};
use crate::model::GwCode;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

mod ucdp_gw;
pub use ucdp_gw::{CodeRule, UcdpGw};

const TITLE: &str = "conflictstats G&W–ISO 3166 alpha-3 crosswalk";

const COLUMNS: &[&str] = &[
    "gwcode",
    "gw_name",
    "iso3",
    "iso3_status",
    "relation",
    "start",
    "end",
    "note",
];
const GWCODE: usize = 0;
const GW_NAME: usize = 1;
const ISO3: usize = 2;
const STATUS: usize = 3;
const RELATION: usize = 4;
const START: usize = 5;
const END: usize = 6;
const NOTE: usize = 7;

const SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

/// How the G&W state relates to the ISO entity in the row's period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same state (borders may differ, as the note says).
    Same,
    /// The G&W state is the historical predecessor of the ISO entity (e.g. 255 Prussia/German
    /// Reich → DEU).
    Predecessor,
    /// The G&W state's territory is today part of the ISO entity (Bavaria → DEU).
    PartOf,
    /// The G&W state's territory is today divided among several ISO entities, one row each
    /// (Korea 730 → KOR, PRK).
    SplitInto,
    /// The G&W state has no ISO 3166-1 code (Abkhazia, South Ossetia).
    None,
}

impl Relation {
    fn parse(s: &str) -> Option<Relation> {
        Some(match s {
            "same" => Relation::Same,
            "predecessor" => Relation::Predecessor,
            "part_of" => Relation::PartOf,
            "split_into" => Relation::SplitInto,
            "none" => Relation::None,
            _ => return None,
        })
    }
}

/// The status of an alpha-3 code in ISO 3166.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IsoStatus {
    /// Officially assigned today.
    Official,
    /// Formerly used, deleted from ISO 3166-1 (YMD, VDR, DDR, CSK, SUN, YUG, SCG).
    Withdrawn,
    /// User-assigned, not part of the standard (XKX for Kosovo).
    UserAssigned,
}

/// One row: a G&W code, an ISO code and the period in which the pairing holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CrosswalkRow {
    /// G&W code.
    pub gwcode: GwCode,
    /// G&W name.
    pub gw_name: String,
    /// ISO 3166-1 alpha-3 (`None` for [`Relation::None`]).
    pub iso3: Option<String>,
    /// Status of the ISO code (`None` when there is no code).
    pub iso3_status: Option<IsoStatus>,
    /// The relation.
    pub relation: Relation,
    /// First day the pairing holds.
    pub start: NaiveDate,
    /// Last day (`None`: ongoing).
    pub end: Option<NaiveDate>,
    /// Why: the curation decision.
    pub note: String,
}

impl CrosswalkRow {
    fn overlaps_year(&self, year: i32) -> bool {
        self.start.year() <= year && self.end.is_none_or(|e| e.year() >= year)
    }

    fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| e >= date)
    }
}

/// The crosswalk.
#[derive(Debug, Clone, Serialize)]
pub struct Crosswalk {
    /// Rows, in file order (by G&W list order, then time).
    pub rows: Vec<CrosswalkRow>,
    /// Where they came from.
    pub provenance: Provenance,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

impl Crosswalk {
    /// The crosswalk shipped with the library.
    pub fn embedded() -> Result<Crosswalk> {
        let entry = registry::find("gw-iso3-crosswalk", None)?;
        if entry.kind != DatasetKind::Crosswalk {
            return Err(Error::spec(format!("{} is not a crosswalk", entry.label())));
        }
        let provenance = Provenance::embedded(entry);
        let (rows, warnings) = parse(&provenance.source, entry.bytes()?)?;
        Ok(Crosswalk {
            rows,
            provenance,
            warnings,
        })
    }

    /// Reads a crosswalk in the same layout (e.g. your own amended copy).
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Crosswalk> {
        let (rows, warnings) = parse(file, bytes)?;
        let sha = registry::sha256_hex(bytes);
        let version = registry::by_sha256(&sha)
            .filter(|e| e.kind == DatasetKind::Crosswalk)
            .map_or("unknown", |e| e.version);
        Ok(Crosswalk {
            provenance: Provenance::from_file("gw-iso3-crosswalk", TITLE, file, bytes, version),
            rows,
            warnings,
        })
    }

    /// Every row for `gw` whose period overlaps `year` (several when the code changed during
    /// the year or the state maps to several ISO entities).
    #[must_use]
    pub fn to_iso3(&self, gw: GwCode, year: i32) -> Vec<&CrosswalkRow> {
        self.rows
            .iter()
            .filter(|r| r.gwcode == gw && r.overlaps_year(year))
            .collect()
    }

    /// Every row for `gw` valid on `date`.
    #[must_use]
    pub fn to_iso3_on(&self, gw: GwCode, date: NaiveDate) -> Vec<&CrosswalkRow> {
        self.rows
            .iter()
            .filter(|r| r.gwcode == gw && r.covers(date))
            .collect()
    }

    /// Every row with ISO code `iso3` (case-insensitive) valid on `date` (the join of a map
    /// drawn for that day, [`crate::geo::join()`]).
    #[must_use]
    pub fn to_gw_on(&self, iso3: &str, date: NaiveDate) -> Vec<&CrosswalkRow> {
        let iso3 = iso3.trim();
        self.rows
            .iter()
            .filter(|r| r.has_iso3(iso3) && r.covers(date))
            .collect()
    }

    /// Every row with ISO code `iso3` (case-insensitive) whose period overlaps `year`.
    #[must_use]
    pub fn to_gw(&self, iso3: &str, year: i32) -> Vec<&CrosswalkRow> {
        let iso3 = iso3.trim();
        self.rows
            .iter()
            .filter(|r| r.has_iso3(iso3) && r.overlaps_year(year))
            .collect()
    }
}

impl CrosswalkRow {
    /// Whether the row's ISO code is `iso3` (case-insensitive; `iso3` already trimmed).
    fn has_iso3(&self, iso3: &str) -> bool {
        self.iso3
            .as_deref()
            .is_some_and(|c| c.eq_ignore_ascii_case(iso3))
    }
}

fn parse(file: &str, bytes: &[u8]) -> Result<(Vec<CrosswalkRow>, Vec<LoadWarning>)> {
    let mut rows: Vec<(CrosswalkRow, u64)> = Vec::new();
    let header = table::read(file, bytes, &SCHEMA, |row| {
        let r = crosswalk_row(row)?;
        if let Some((_, first_line)) = rows.iter().find(|(o, _)| {
            o.gwcode == r.gwcode
                && o.iso3 == r.iso3
                && o.start <= r.end.unwrap_or(NaiveDate::MAX)
                && r.start <= o.end.unwrap_or(NaiveDate::MAX)
        }) {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line: *first_line,
                key: format!(
                    "pairing gwcode {} – {} in an overlapping period",
                    r.gwcode,
                    r.iso3.as_deref().unwrap_or("(none)")
                ),
            });
        }
        rows.push((r, row.line()));
        Ok(())
    })?;
    Ok((rows.into_iter().map(|(r, _)| r).collect(), header.warnings))
}

fn crosswalk_row(row: &Row<'_>) -> Result<CrosswalkRow> {
    let gwcode = row
        .num::<u16>(GWCODE, "a Gleditsch–Ward code 1–999")
        .ok()
        .filter(|c| (1..=999).contains(c))
        .map(GwCode)
        .ok_or_else(|| row.invalid(GWCODE, "a Gleditsch–Ward code 1–999"))?;
    let relation = Relation::parse(row.str(RELATION).trim())
        .ok_or_else(|| row.invalid(RELATION, "same, predecessor, part_of, split_into or none"))?;
    let iso = row.str(ISO3).trim();
    let (iso3, iso3_status) = if relation == Relation::None {
        if !iso.is_empty() {
            return Err(row.invalid(ISO3, "empty (the relation is `none`)"));
        }
        (None, None)
    } else {
        if iso.len() != 3 || !iso.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(row.invalid(ISO3, "an ISO 3166-1 alpha-3 code (3 capital letters)"));
        }
        let status = match row.str(STATUS).trim() {
            "official" => IsoStatus::Official,
            "withdrawn" => IsoStatus::Withdrawn,
            "user_assigned" => IsoStatus::UserAssigned,
            _ => {
                return Err(row.invalid(STATUS, "official, withdrawn or user_assigned"));
            }
        };
        (Some(iso.to_string()), Some(status))
    };
    let start = row.date(START)?;
    let end = row.opt_date(END)?;
    if end.is_some_and(|e| e < start) {
        return Err(row.invalid(END, format!("a date on or after start ({start}) or empty")));
    }
    Ok(CrosswalkRow {
        gwcode,
        gw_name: row.string(GW_NAME),
        iso3,
        iso3_status,
        relation,
        start,
        end,
        note: row.string(NOTE),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::GwStates;

    /// Every day of every G&W membership period is covered by at least one crosswalk row, and
    /// no row reaches outside its state's membership.
    #[test]
    fn crosswalk_covers_the_gw_list_exactly() {
        let cw = Crosswalk::embedded().unwrap();
        let gw = GwStates::embedded(None).unwrap();
        for p in &gw.periods {
            let mut day = p.start;
            let end = p
                .end
                .unwrap_or(NaiveDate::from_ymd_opt(2030, 12, 31).unwrap());
            // Check the period's boundaries and the first day of every year in it.
            while day <= end {
                assert!(
                    !cw.to_iso3_on(p.gwcode, day).is_empty(),
                    "gw {} {} has no crosswalk row on {day}",
                    p.gwcode,
                    p.name
                );
                day = NaiveDate::from_ymd_opt(day.year() + 1, 1, 1).unwrap();
            }
            assert!(!cw.to_iso3_on(p.gwcode, end).is_empty());
        }
        for r in &cw.rows {
            assert!(
                gw.periods.iter().any(|p| p.gwcode == r.gwcode
                    && p.start <= r.start
                    && r.end.unwrap_or(NaiveDate::MAX) <= p.end.unwrap_or(NaiveDate::MAX)),
                "row {} {:?} lies outside the G&W membership",
                r.gwcode,
                r.iso3
            );
        }
    }

    #[test]
    fn traps() {
        let cw = Crosswalk::embedded().unwrap();
        let codes = |gw: u16, y| -> Vec<String> {
            cw.to_iso3(GwCode(gw), y)
                .iter()
                .map(|r| r.iso3.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(codes(678, 1980), ["YEM"]);
        assert_eq!(codes(680, 1980), ["YMD"]);
        assert_eq!(codes(260, 1980), ["DEU"]);
        assert_eq!(codes(265, 1980), ["DDR"]);
        assert!(codes(255, 1950).is_empty());
        assert_eq!(codes(345, 2003), ["YUG", "SCG"]);
        assert_eq!(codes(347, 2010), ["XKX"]);
        assert_eq!(codes(365, 1991), ["SUN", "RUS"]);
        let serbia = cw.to_gw("SRB", 2006);
        assert_eq!(serbia.len(), 1);
        assert_eq!(serbia[0].gwcode, GwCode(340));
        assert!(cw.to_gw("PSE", 2020).is_empty());
        assert_eq!(
            cw.to_iso3(GwCode(347), 2010)[0].iso3_status,
            Some(IsoStatus::UserAssigned)
        );
    }

    #[test]
    fn bad_rows_are_typed_errors() {
        let head = "gwcode,gw_name,iso3,iso3_status,relation,start,end,note\n";
        let bad = format!("{head}2,USA,usa,official,same,1816-01-01,,\n");
        assert_eq!(
            Crosswalk::from_bytes("t.csv", bad.as_bytes())
                .unwrap_err()
                .column(),
            Some("iso3")
        );
        let bad = format!("{head}2,USA,USA,official,equal,1816-01-01,,\n");
        assert_eq!(
            Crosswalk::from_bytes("t.csv", bad.as_bytes())
                .unwrap_err()
                .column(),
            Some("relation")
        );
        let dup = format!(
            "{head}2,USA,USA,official,same,1816-01-01,,\n2,USA,USA,official,same,1900-01-01,,\n"
        );
        assert!(matches!(
            Crosswalk::from_bytes("t.csv", dup.as_bytes()),
            Err(Error::DuplicateRecord { line: 3, .. })
        ));
    }
}
