//! Loader for the UCDP Non-State Conflict Dataset: armed conflict between two organized
//! groups, **neither of which is a government**, with at least 25 deaths in the calendar year.
//! One row per conflict-year (in this dataset a conflict has exactly one dyad).
//!
//! Three releases are shipped: v25.1 (UCDP's xlsx converted to CSV, the default), v24.1 as
//! served by the UCDP API and v23.1 as UCDP's download CSV. All write the same 32 column names; the download quotes every field, has names with
//! embedded newlines (1,546 physical lines for 1,542 records) and non-ASCII text. One loader
//! reads both; header matching ignores case.
//!
//! Quirks kept: `gwno_b_2nd` lists are written without spaces (`"670,2"`) while names in
//! `side_b_2nd` are comma-joined without spaces too; `ep_end_prec` is
//! sometimes empty and sometimes `0` for ongoing episodes; a handful of rows have fatality
//! estimates not ordered `low ≤ best ≤ high`.
//!
//! UCDP's xlsx download of v25.1 stores 11 `gwno_b_2nd` lists as *numbers*, the commas read
//! as thousands separators (`2,696,670` → `2696670`); the shipped copy has them restored (see
//! `data/ucdp-nonstate/SOURCE.md`). A file with that damage is an
//! [`Error::SpreadsheetNumber`](crate::Error::SpreadsheetNumber) naming cell, probable codes
//! and fix — every loader reads G&W lists this way.
//!
//! ```
//! use conflictstats::data::NonState;
//!
//! let v25 = NonState::embedded(Some("25.1"))?;  // v25.1 (download layout, from the xlsx)
//! let v24 = NonState::embedded(Some("24.1"))?;  // v24.1 (API layout)
//! let v23 = NonState::embedded(Some("23.1"))?;  // v23.1 (download layout)
//! assert_eq!((v25.records.len(), v24.records.len(), v23.records.len()), (1720, 1639, 1542));
//! let in_year = |y| v25.records.iter().filter(|r| r.year == y).count();
//! assert_eq!((in_year(2024), in_year(2023)), (74, 80)); // PRIO: "six fewer than in 2023"
//! assert_eq!(v24.records.iter().filter(|r| r.year == 2023).count(), 75);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::dataset::{Dataset, ucdp_record};
use super::fields::{self, ACTORS_EXPECTED, RecordSpec};
use super::table::{Row, Schema};
use crate::error::Result;
use crate::model::{ActorId, ConflictId, DatePrecision, DyadId, GwCode, Region};
use chrono::NaiveDate;
use serde::Serialize;

const TITLE: &str = "UCDP Non-State Conflict Dataset";
const NAME: &str = "ucdp-nonstate";

const COLUMNS: &[&str] = &[
    "conflict_id",
    "dyad_id",
    "org",
    "side_a_name",
    "side_a_name_fulltext",
    "side_a_name_mothertongue",
    "side_a_id",
    "side_a_components",
    "side_a_2nd",
    "gwno_a_2nd",
    "side_b_name",
    "side_b_name_fulltext",
    "side_b_name_mothertongue",
    "side_b_id",
    "side_b_components",
    "side_b_2nd",
    "gwno_b_2nd",
    "start_date",
    "start_prec",
    "start_date2",
    "start_prec2",
    "ep_end",
    "ep_end_date",
    "ep_end_prec",
    "year",
    "best_fatality_estimate",
    "low_fatality_estimate",
    "high_fatality_estimate",
    "location",
    "gwno_location",
    "region",
    "version",
];

const CONFLICT_ID: usize = 0;
const DYAD_ID: usize = 1;
const ORG: usize = 2;
const SIDE_A_NAME: usize = 3;
const SIDE_A_NAME_FULLTEXT: usize = 4;
const SIDE_A_NAME_MOTHERTONGUE: usize = 5;
const SIDE_A_ID: usize = 6;
const SIDE_A_COMPONENTS: usize = 7;
const SIDE_A_2ND: usize = 8;
const GWNO_A_2ND: usize = 9;
const SIDE_B_NAME: usize = 10;
const SIDE_B_NAME_FULLTEXT: usize = 11;
const SIDE_B_NAME_MOTHERTONGUE: usize = 12;
const SIDE_B_ID: usize = 13;
const SIDE_B_COMPONENTS: usize = 14;
const SIDE_B_2ND: usize = 15;
const GWNO_B_2ND: usize = 16;
const START_DATE: usize = 17;
const START_PREC: usize = 18;
const START_DATE2: usize = 19;
const START_PREC2: usize = 20;
const EP_END: usize = 21;
const EP_END_DATE: usize = 22;
const EP_END_PREC: usize = 23;
const YEAR: usize = 24;
const BEST: usize = 25;
const LOW: usize = 26;
const HIGH: usize = 27;
const LOCATION: usize = 28;
const GWNO_LOCATION: usize = 29;
const REGION: usize = 30;
const VERSION: usize = 31;

static SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

const DEATHS: &str = "a number of deaths (non-negative integer)";

/// How organized the two sides of a non-state conflict are (UCDP's `org`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Organization {
    /// 1: formally organized groups (rebel groups, militias with a name and structure).
    Formal = 1,
    /// 2: informally organized groups (supporters of parties, candidates).
    Informal = 2,
    /// 3: groups organized along a shared communal identity (ethnic, religious).
    Communal = 3,
}

impl Organization {
    /// The variant with UCDP's code.
    #[must_use]
    pub fn from_code(code: u8) -> Option<Organization> {
        match code {
            1 => Some(Organization::Formal),
            2 => Some(Organization::Informal),
            3 => Some(Organization::Communal),
            _ => None,
        }
    }

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Organization::Formal => "formal",
            Organization::Informal => "informal",
            Organization::Communal => "communal",
        }
    }
}

/// One conflict-year of the Non-State Conflict Dataset. Text fields are verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NonStateConflictYear {
    /// The conflict.
    pub conflict_id: ConflictId,
    /// Its (only) dyad.
    pub dyad_id: DyadId,
    /// Level of organization of the sides.
    pub org: Organization,
    /// Side A's short name.
    pub side_a_name: String,
    /// Side A's full name (may be empty).
    pub side_a_name_fulltext: String,
    /// Side A's name in its own language (may be empty).
    pub side_a_name_mothertongue: String,
    /// Side A's actor id.
    pub side_a_id: ActorId,
    /// Member actors when side A is an alliance.
    pub side_a_components: Vec<ActorId>,
    /// States supporting side A, verbatim.
    pub side_a_2nd: String,
    /// G&W codes of states supporting side A.
    pub gwno_a_2nd: Vec<GwCode>,
    /// Side B's short name.
    pub side_b_name: String,
    /// Side B's full name.
    pub side_b_name_fulltext: String,
    /// Side B's name in its own language.
    pub side_b_name_mothertongue: String,
    /// Side B's actor id.
    pub side_b_id: ActorId,
    /// Member actors when side B is an alliance.
    pub side_b_components: Vec<ActorId>,
    /// States supporting side B, verbatim.
    pub side_b_2nd: String,
    /// G&W codes of states supporting side B.
    pub gwno_b_2nd: Vec<GwCode>,
    /// First date of fighting.
    pub start_date: NaiveDate,
    /// Precision of `start_date`.
    pub start_prec: DatePrecision,
    /// Start of the current active episode.
    pub start_date2: NaiveDate,
    /// Precision of `start_date2`.
    pub start_prec2: DatePrecision,
    /// Whether the active episode ended in this year.
    pub ep_end: bool,
    /// End date of the episode, when it ended.
    pub ep_end_date: Option<NaiveDate>,
    /// Precision of `ep_end_date` (empty or `0` in UCDP's files when there is no end).
    pub ep_end_prec: Option<DatePrecision>,
    /// Calendar year.
    pub year: i32,
    /// Best estimate of fatalities.
    pub best: u32,
    /// Low estimate.
    pub low: u32,
    /// High estimate.
    pub high: u32,
    /// Location name(s), verbatim.
    pub location: String,
    /// G&W codes of the location state(s).
    pub gwno_location: Vec<GwCode>,
    /// UCDP region(s), as written.
    pub region: Vec<Region>,
    /// Release version written in the row.
    pub version: String,
}

/// The UCDP Non-State Conflict Dataset.
///
/// Its records are the conflict-years, in file order; unique per `(conflict_id, year)`.
pub type NonState = Dataset<NonStateConflictYear>;

ucdp_record! {
    NonStateConflictYear {
        name: NAME,
        title: TITLE,
        release: "UCDP Non-State",
        kind: NonState,
        spec: RecordSpec {
            schema: &SCHEMA,
            version_col: VERSION,
            parse: conflict_year,
            version: |r| r.version.as_str(),
            // Verified on v24.1 and v23.1: conflict_id and dyad_id are one-to-one, and
            // (conflict_id, year) is unique.
            key: |r| (r.conflict_id.0, r.year),
            describe: |(id, y)| format!("non-state conflict-year (conflict_id {id}, year {y})"),
        },
    }
}

fn conflict_year(row: &Row<'_>) -> Result<NonStateConflictYear> {
    let start_date = row.date(START_DATE)?;
    let start_date2 = row.date(START_DATE2)?;
    let ep_end_date = row.opt_date(EP_END_DATE)?;
    if start_date2 < start_date {
        return Err(row.invalid(
            START_DATE2,
            format!("a date on or after start_date ({start_date})"),
        ));
    }
    Ok(NonStateConflictYear {
        conflict_id: ConflictId(row.num(CONFLICT_ID, "a conflict id (positive integer)")?),
        dyad_id: DyadId(row.num(DYAD_ID, "a dyad id (positive integer)")?),
        org: row.code(
            ORG,
            Organization::from_code,
            "1 (formally organized), 2 (informally organized) or 3 (communal identity groups)",
        )?,
        side_a_name: row.string(SIDE_A_NAME),
        side_a_name_fulltext: row.string(SIDE_A_NAME_FULLTEXT),
        side_a_name_mothertongue: row.string(SIDE_A_NAME_MOTHERTONGUE),
        side_a_id: ActorId(row.num(SIDE_A_ID, "an actor id (integer)")?),
        side_a_components: row.list(SIDE_A_COMPONENTS, fields::actor, ACTORS_EXPECTED)?,
        side_a_2nd: row.string(SIDE_A_2ND),
        gwno_a_2nd: fields::gw_list(row, GWNO_A_2ND)?,
        side_b_name: row.string(SIDE_B_NAME),
        side_b_name_fulltext: row.string(SIDE_B_NAME_FULLTEXT),
        side_b_name_mothertongue: row.string(SIDE_B_NAME_MOTHERTONGUE),
        side_b_id: ActorId(row.num(SIDE_B_ID, "an actor id (integer)")?),
        side_b_components: row.list(SIDE_B_COMPONENTS, fields::actor, ACTORS_EXPECTED)?,
        side_b_2nd: row.string(SIDE_B_2ND),
        gwno_b_2nd: fields::gw_list(row, GWNO_B_2ND)?,
        start_date,
        start_prec: DatePrecision(row.num(START_PREC, "a date precision code (integer)")?),
        start_date2,
        start_prec2: DatePrecision(row.num(START_PREC2, "a date precision code (integer)")?),
        ep_end: row.flag(EP_END)?,
        ep_end_date,
        ep_end_prec: row
            .opt_num(EP_END_PREC, "a date precision code (integer) or empty")?
            .map(DatePrecision),
        year: fields::year(row, YEAR)?,
        best: row.num(BEST, DEATHS)?,
        low: row.num(LOW, DEATHS)?,
        high: row.num(HIGH, DEATHS)?,
        location: row.string(LOCATION),
        gwno_location: fields::gw_nonempty(row, GWNO_LOCATION, "location state")?,
        region: fields::regions(row, REGION)?,
        version: row.string(VERSION),
    })
}
