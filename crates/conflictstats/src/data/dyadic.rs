//! Loader for the UCDP Dyadic Dataset (v25.1, UCDP's CSV; and v24.1): one row per active **dyad-year** — a
//! government and *one* opposing actor (or, in interstate conflicts, two governments) with at
//! least 25 battle-related deaths between them in the calendar year.
//!
//! A conflict (ACD `conflict_id`) is the incompatibility; it can have several dyads at once:
//! each rebel group fighting the same government over the same incompatibility is its own dyad.
//! Counting dyads rather than conflicts is the first step from UCDP's 61 towards the legal
//! counts of the ICRC (see [`crate::reconcile`]).
//!
//! Quirks kept: actor and G&W lists written with double spaces (`"651,  645,  663"`), trailing
//! spaces in names (`"CSP-PSD "`), several regions per row.
//!
//! ```
//! use conflictstats::data::Dyadic;
//!
//! let dy = Dyadic::embedded(Some("25.1"))?; // UCDP Dyadic v25.1
//! assert_eq!(dy.records.len(), 3432);
//! assert_eq!(dy.year_range(), Some((1946, 2024)));
//! assert_eq!(dy.records.iter().filter(|r| r.year == 2024).count(), 68);
//! let v24 = Dyadic::embedded(Some("24.1"))?;
//! assert_eq!(v24.records.iter().filter(|r| r.year == 2023).count(), 68);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::dataset::{Dataset, ucdp_record};
use super::fields::{self, ACTORS_EXPECTED, RecordSpec};
use super::table::{Row, Schema};
use crate::error::Result;
use crate::model::{
    ActorId, ConflictId, DatePrecision, DyadId, GwCode, Incompatibility, Intensity, Region,
    TypeOfConflict,
};
use chrono::NaiveDate;
use serde::Serialize;

const TITLE: &str = "UCDP Dyadic Dataset";
const NAME: &str = "ucdp-dyadic";

const COLUMNS: &[&str] = &[
    "dyad_id",
    "conflict_id",
    "location",
    "side_a",
    "side_a_id",
    "side_a_2nd",
    "side_b",
    "side_b_id",
    "side_b_2nd",
    "incompatibility",
    "territory_name",
    "year",
    "intensity_level",
    "type_of_conflict",
    "start_date",
    "start_prec",
    "start_date2",
    "start_prec2",
    "gwno_a",
    "gwno_a_2nd",
    "gwno_b",
    "gwno_b_2nd",
    "gwno_loc",
    "region",
    "version",
];

const DYAD_ID: usize = 0;
const CONFLICT_ID: usize = 1;
const LOCATION: usize = 2;
const SIDE_A: usize = 3;
const SIDE_A_ID: usize = 4;
const SIDE_A_2ND: usize = 5;
const SIDE_B: usize = 6;
const SIDE_B_ID: usize = 7;
const SIDE_B_2ND: usize = 8;
const INCOMPATIBILITY: usize = 9;
const TERRITORY_NAME: usize = 10;
const YEAR: usize = 11;
const INTENSITY_LEVEL: usize = 12;
const TYPE_OF_CONFLICT: usize = 13;
const START_DATE: usize = 14;
const START_PREC: usize = 15;
const START_DATE2: usize = 16;
const START_PREC2: usize = 17;
const GWNO_A: usize = 18;
const GWNO_A_2ND: usize = 19;
const GWNO_B: usize = 20;
const GWNO_B_2ND: usize = 21;
const GWNO_LOC: usize = 22;
const REGION: usize = 23;
const VERSION: usize = 24;

static SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    // The UCDP API spells the actor-id columns `side_a_Id` / `side_b_Id` (as for the ACD);
    // header matching ignores case, so both layouts are read without aliases.
    aliases: &[],
};

/// One active dyad-year of the UCDP Dyadic Dataset. Text fields are verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DyadYear {
    /// The dyad.
    pub dyad_id: DyadId,
    /// The conflict (incompatibility) the dyad belongs to.
    pub conflict_id: ConflictId,
    /// Name(s) of the location state(s).
    pub location: String,
    /// Side A: the government(s).
    pub side_a: String,
    /// Side A actor id(s).
    pub side_a_id: Vec<ActorId>,
    /// States supporting side A with troops, verbatim (may be empty).
    pub side_a_2nd: String,
    /// Side B: the opposing actor (a rebel group, or a government in interstate dyads).
    pub side_b: String,
    /// Side B actor id(s).
    pub side_b_id: Vec<ActorId>,
    /// States supporting side B with troops, verbatim.
    pub side_b_2nd: String,
    /// What is fought over.
    pub incompatibility: Incompatibility,
    /// Contested territory, verbatim (empty for government incompatibilities).
    pub territory_name: String,
    /// Calendar year.
    pub year: i32,
    /// Intensity of the dyad in the year.
    pub intensity: Intensity,
    /// Type of the conflict.
    pub type_of_conflict: TypeOfConflict,
    /// First date of fighting in the dyad.
    pub start_date: NaiveDate,
    /// Precision of `start_date`.
    pub start_prec: DatePrecision,
    /// Date when the dyad reached 25 deaths in a year (for the current episode).
    pub start_date2: NaiveDate,
    /// Precision of `start_date2`.
    pub start_prec2: DatePrecision,
    /// G&W codes of side A's government(s).
    pub gwno_a: Vec<GwCode>,
    /// G&W codes of side A's secondary warring states.
    pub gwno_a_2nd: Vec<GwCode>,
    /// G&W codes of side B's government(s) (interstate dyads only).
    pub gwno_b: Vec<GwCode>,
    /// G&W codes of side B's secondary warring states.
    pub gwno_b_2nd: Vec<GwCode>,
    /// G&W codes of the location state(s).
    pub gwno_loc: Vec<GwCode>,
    /// UCDP region(s), as written (not sorted).
    pub region: Vec<Region>,
    /// Release version written in the row.
    pub version: String,
}

/// The UCDP Dyadic Dataset.
///
/// Its records are the dyad-years, in file order; unique per `(dyad_id, year)`.
pub type Dyadic = Dataset<DyadYear>;

ucdp_record! {
    DyadYear {
        name: NAME,
        title: TITLE,
        release: "UCDP Dyadic",
        kind: Dyadic,
        spec: RecordSpec {
            schema: &SCHEMA,
            version_col: VERSION,
            parse: dyad_year,
            version: |r| r.version.as_str(),
            key: |r| (r.dyad_id.0, r.year),
            describe: |(id, y)| format!("dyad-year (dyad_id {id}, year {y})"),
        },
    }
}

fn dyad_year(row: &Row<'_>) -> Result<DyadYear> {
    let start_date = row.date(START_DATE)?;
    let start_date2 = row.date(START_DATE2)?;
    if start_date2 < start_date {
        return Err(row.invalid(
            START_DATE2,
            format!("a date on or after start_date ({start_date})"),
        ));
    }
    Ok(DyadYear {
        dyad_id: DyadId(row.num(DYAD_ID, "a dyad id (positive integer)")?),
        conflict_id: ConflictId(row.num(CONFLICT_ID, "a conflict id (positive integer)")?),
        location: row.string(LOCATION),
        side_a: row.string(SIDE_A),
        side_a_id: row.list(SIDE_A_ID, fields::actor, ACTORS_EXPECTED)?,
        side_a_2nd: row.string(SIDE_A_2ND),
        side_b: row.string(SIDE_B),
        side_b_id: row.list(SIDE_B_ID, fields::actor, ACTORS_EXPECTED)?,
        side_b_2nd: row.string(SIDE_B_2ND),
        incompatibility: row.code(
            INCOMPATIBILITY,
            Incompatibility::from_code,
            "1 (territory), 2 (government) or 3 (both)",
        )?,
        territory_name: row.string(TERRITORY_NAME),
        year: fields::year(row, YEAR)?,
        intensity: row.code(
            INTENSITY_LEVEL,
            Intensity::from_code,
            "1 (minor) or 2 (war)",
        )?,
        type_of_conflict: row.code(
            TYPE_OF_CONFLICT,
            TypeOfConflict::from_code,
            "1 (extrasystemic), 2 (interstate), 3 (intrastate) or 4 (internationalized intrastate)",
        )?,
        start_date,
        start_prec: DatePrecision(row.num(START_PREC, "a date precision code (integer)")?),
        start_date2,
        start_prec2: DatePrecision(row.num(START_PREC2, "a date precision code (integer)")?),
        gwno_a: fields::gw_nonempty(row, GWNO_A, "side A government")?,
        gwno_a_2nd: fields::gw_list(row, GWNO_A_2ND)?,
        gwno_b: fields::gw_list(row, GWNO_B)?,
        gwno_b_2nd: fields::gw_list(row, GWNO_B_2ND)?,
        gwno_loc: fields::gw_nonempty(row, GWNO_LOC, "location state")?,
        region: fields::regions(row, REGION)?,
        version: row.string(VERSION),
    })
}
