//! Loader for the Gleditsch–Ward list of independent states (with microstates).
//!
//! The G&W list defines the *state system*: which states existed, and when. It is the frame of
//! every state-year and dyad-year panel: UCDP's `gwno_*` columns use its codes. One row is a
//! continuous period of independence, so a state that lost and regained independence has several
//! rows (Estonia 366: 1918–1940 and 1991–; Serbia 340: 1878–1915 and 2006–).
//!
//! `end = 9999-12-31` is the packager's sentinel for "still a member"; it is read as an open
//! period ([`StatePeriod::end`] is `None`). The list is a snapshot (the R package *states*,
//! 2021-04-14): a state created later would be missing; none has been through 2024.
//!
//! ```
//! use conflictstats::data::GwStates;
//! use conflictstats::model::GwCode;
//!
//! let gw = GwStates::embedded(None)?;
//! assert_eq!(gw.periods.len(), 239);
//! // Estonia left the system in 1940 and re-entered in 1991.
//! assert!(gw.is_member(GwCode(366), 1939, false));
//! assert!(!gw.is_member(GwCode(366), 1950, false));
//! assert!(gw.is_member(GwCode(366), 1991, false));
//! // Microstates are excluded unless asked for.
//! assert!(!gw.is_member(GwCode(221), 2000, false)); // Monaco
//! assert!(gw.is_member(GwCode(221), 2000, true));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::registry::{self, DatasetKind, EmbeddedDataset};
use super::table::{self, Row, Schema};
use super::{LoadWarning, Provenance};
use crate::error::{Error, Result};
use crate::model::GwCode;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::path::Path;

const TITLE: &str = "Gleditsch & Ward list of independent states";

const COLUMNS: &[&str] = &[
    "gwcode",
    "gwc",
    "country_name",
    "start",
    "end",
    "microstate",
];
const GWCODE: usize = 0;
const GWC: usize = 1;
const NAME: usize = 2;
const START: usize = 3;
const END: usize = 4;
const MICROSTATE: usize = 5;

const SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

/// The packager's "still a member" sentinel.
const OPEN_END: &str = "9999-12-31";

/// One continuous period of system membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatePeriod {
    /// `gwcode`.
    pub gwcode: GwCode,
    /// `gwc`: G&W's 3-letter code (derived from COW letter codes; **not** ISO 3166).
    pub gwc: String,
    /// `country_name`, verbatim.
    pub name: String,
    /// First day of membership.
    pub start: NaiveDate,
    /// Last day of membership; `None` while still a member (`9999-12-31` in the file).
    pub end: Option<NaiveDate>,
    /// `microstate`: population under 250,000 (G&W's separate microstates list).
    pub microstate: bool,
}

impl StatePeriod {
    /// Whether the period covers at least one day of `year`.
    #[must_use]
    pub fn covers_year(&self, year: i32) -> bool {
        self.start.year() <= year && self.end.is_none_or(|e| e.year() >= year)
    }

    /// Whether the period covers `date`.
    #[must_use]
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| e >= date)
    }
}

/// The Gleditsch–Ward state list.
#[derive(Debug, Clone, Serialize)]
pub struct GwStates {
    /// Membership periods, in file order.
    pub periods: Vec<StatePeriod>,
    /// Where they came from.
    pub provenance: Provenance,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

impl GwStates {
    /// Loads the embedded list (`None`: the default snapshot, `2021-04-14`).
    pub fn embedded(version: Option<&str>) -> Result<GwStates> {
        let entry = registry::find("gw-states", version)?;
        GwStates::from_entry(entry)
    }

    /// Loads a registry entry (must be a G&W states entry).
    pub fn from_entry(entry: &'static EmbeddedDataset) -> Result<GwStates> {
        if entry.kind != DatasetKind::GwStates {
            return Err(Error::spec(format!(
                "{} is not a Gleditsch–Ward state list",
                entry.label()
            )));
        }
        let provenance = Provenance::embedded(entry);
        let (periods, warnings) = parse(&provenance.source, entry.bytes()?)?;
        Ok(GwStates {
            periods,
            provenance,
            warnings,
        })
    }

    /// Loads a G&W list in the *states* package layout from a file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<GwStates> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            file: label.clone(),
            source,
        })?;
        GwStates::from_bytes(&label, &bytes)
    }

    /// Loads G&W list bytes; `file` names them in errors and provenance.
    ///
    /// ```
    /// use conflictstats::{data::GwStates, Error};
    ///
    /// let bad = b"gwcode,gwc,country_name,start,end,microstate\n2,USA,USA,1816-01-01,1815-01-01,FALSE\n";
    /// let err = GwStates::from_bytes("bad.csv", bad).unwrap_err();
    /// assert_eq!((err.line(), err.column()), (Some(2), Some("end")));
    /// ```
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<GwStates> {
        let (periods, warnings) = parse(file, bytes)?;
        // The list has no version column: an official copy is recognised by its checksum.
        let sha = registry::sha256_hex(bytes);
        let version = registry::by_sha256(&sha)
            .filter(|e| e.name == "gw-states")
            .map_or("unknown", |e| e.version);
        Ok(GwStates {
            provenance: Provenance::from_file("gw-states", TITLE, file, bytes, version),
            periods,
            warnings,
        })
    }

    /// Whether `gw` was a member on at least one day of `year`.
    #[must_use]
    pub fn is_member(&self, gw: GwCode, year: i32, include_microstates: bool) -> bool {
        self.periods.iter().any(|p| {
            p.gwcode == gw && (include_microstates || !p.microstate) && p.covers_year(year)
        })
    }

    /// The states that were members on at least one day of `year`, sorted by code, each once.
    #[must_use]
    pub fn members(&self, year: i32, include_microstates: bool) -> Vec<GwCode> {
        let mut out: Vec<GwCode> = self
            .periods
            .iter()
            .filter(|p| (include_microstates || !p.microstate) && p.covers_year(year))
            .map(|p| p.gwcode)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The name of `gw` in the period covering `year` (else its latest name), if listed.
    #[must_use]
    pub fn name(&self, gw: GwCode, year: i32) -> Option<&str> {
        self.periods
            .iter()
            .filter(|p| p.gwcode == gw)
            .find(|p| p.covers_year(year))
            .or_else(|| self.periods.iter().rfind(|p| p.gwcode == gw))
            .map(|p| p.name.as_str())
    }
}

fn parse(file: &str, bytes: &[u8]) -> Result<(Vec<StatePeriod>, Vec<LoadWarning>)> {
    let mut periods: Vec<(StatePeriod, u64)> = Vec::with_capacity(256);
    let header = table::read(file, bytes, &SCHEMA, |row| {
        let period = state_period(row)?;
        // Two periods of one state must not overlap (a state cannot be a member twice at once).
        if let Some((_, first_line)) = periods.iter().find(|(p, _)| {
            p.gwcode == period.gwcode
                && p.start <= period.end.unwrap_or(NaiveDate::MAX)
                && period.start <= p.end.unwrap_or(NaiveDate::MAX)
        }) {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line: *first_line,
                key: format!(
                    "membership period of gwcode {} overlapping another period",
                    period.gwcode
                ),
            });
        }
        periods.push((period, row.line()));
        Ok(())
    })?;
    Ok((
        periods.into_iter().map(|(p, _)| p).collect(),
        header.warnings,
    ))
}

fn state_period(row: &Row<'_>) -> Result<StatePeriod> {
    let gwcode = row
        .num::<u16>(GWCODE, "a Gleditsch–Ward code 1–999")
        .ok()
        .filter(|c| (1..=999).contains(c))
        .map(GwCode)
        .ok_or_else(|| row.invalid(GWCODE, "a Gleditsch–Ward code 1–999"))?;
    let start = row.date(START)?;
    let end = if row.str(END).trim() == OPEN_END {
        None
    } else {
        let end = row.date(END)?;
        if end < start {
            return Err(row.invalid(END, format!("a date on or after start ({start})")));
        }
        Some(end)
    };
    let microstate = match row.str(MICROSTATE).trim() {
        "TRUE" | "true" | "1" => true,
        "FALSE" | "false" | "0" => false,
        _ => return Err(row.invalid(MICROSTATE, "TRUE or FALSE")),
    };
    Ok(StatePeriod {
        gwcode,
        gwc: row.string(GWC),
        name: row.string(NAME),
        start,
        end,
        microstate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: &[u8] = include_bytes!("../../../../data/gwstates/gwstates.csv");

    #[test]
    fn real_list_loads_and_is_recognised() {
        let gw = GwStates::from_bytes("gwstates.csv", REAL).unwrap();
        assert_eq!(gw.periods.len(), 239);
        assert_eq!(gw.periods.iter().filter(|p| p.microstate).count(), 23);
        assert_eq!(gw.provenance.version, "2021-04-14");
        assert_eq!(gw.provenance.status, super::super::ReleaseStatus::Official);
        // Germany: 255 until 1945, 260 from 1949 (and unified Germany stays 260).
        assert!(gw.is_member(GwCode(255), 1945, false));
        assert!(!gw.is_member(GwCode(255), 1946, false));
        assert!(gw.is_member(GwCode(260), 2024, false));
        assert!(!gw.is_member(GwCode(265), 1991, false));
        // A state is a member of a year if it is a member on any day of it.
        assert!(gw.is_member(GwCode(265), 1990, false));
        assert_eq!(gw.name(GwCode(345), 2000), Some("Yugoslavia"));
    }

    #[test]
    fn overlapping_periods_are_an_error() {
        let text = b"gwcode,gwc,country_name,start,end,microstate\n\
366,EST,Estonia,1918-11-11,1940-06-01,FALSE\n\
366,EST,Estonia,1939-01-01,9999-12-31,FALSE\n";
        match GwStates::from_bytes("t.csv", text) {
            Err(Error::DuplicateRecord {
                line, first_line, ..
            }) => assert_eq!((line, first_line), (3, 2)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn bad_microstate_flag_names_the_column() {
        let text =
            b"gwcode,gwc,country_name,start,end,microstate\n2,USA,USA,1816-01-01,9999-12-31,yes\n";
        let err = GwStates::from_bytes("t.csv", text).unwrap_err();
        assert_eq!(err.column(), Some("microstate"));
        assert_eq!(err.value(), Some("yes"));
        let text = b"gwcode,gwc,country_name,start,end,microstate\n0,USA,USA,1816-01-01,9999-12-31,FALSE\n";
        let err = GwStates::from_bytes("t.csv", text).unwrap_err();
        assert_eq!(err.column(), Some("gwcode"));
    }
}
