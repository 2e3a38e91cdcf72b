//! Loader for the UCDP Battle-Related Deaths Dataset, dyadic version (v24.1): battle-related
//! deaths per dyad-year of the state-based conflicts, 1989 onwards, as three estimates —
//! `bd_low`, `bd_best`, `bd_high`.
//!
//! Battle-related deaths are deaths caused by the warring parties that can be related to
//! combat (soldiers and civilians killed in crossfire), not deaths from one-sided violence or
//! from disease and hunger. UCDP's best estimate is what its headline figures use.
//!
//! Quirks kept: every field is quoted in UCDP's CSV; `gwno_battle` (where the fighting took
//! place) can list states other than `gwno_loc`; in a few rows the estimates are *not* ordered
//! `low ≤ best ≤ high` (e.g. a `bd_high` below `bd_best`) — they are kept as published, not
//! "repaired".
//!
//! ```
//! use conflictstats::data::BattleDeaths;
//!
//! let brd = BattleDeaths::embedded(None)?; // v24.1, dyadic
//! assert_eq!(brd.records.len(), 1920);
//! let best_2023: u64 = brd.records.iter().filter(|r| r.year == 2023).map(|r| u64::from(r.bd_best)).sum();
//! assert_eq!(best_2023, 122_518);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::dataset::{Dataset, ucdp_record};
use super::fields::{self, ACTORS_EXPECTED, GW_EXPECTED, RecordSpec};
use super::table::{Row, Schema};
use crate::error::Result;
use crate::model::{ActorId, ConflictId, DyadId, GwCode, Incompatibility, Region, TypeOfConflict};
use serde::Serialize;

const TITLE: &str = "UCDP Battle-Related Deaths Dataset (dyadic version)";
const NAME: &str = "ucdp-brd";

const COLUMNS: &[&str] = &[
    "conflict_id",
    "dyad_id",
    "location_inc",
    "side_a",
    "side_a_id",
    "side_a_2nd",
    "side_b",
    "side_b_id",
    "side_b_2nd",
    "incompatibility",
    "territory_name",
    "year",
    "bd_best",
    "bd_low",
    "bd_high",
    "type_of_conflict",
    "battle_location",
    "gwno_a",
    "gwno_a_2nd",
    "gwno_b",
    "gwno_b_2nd",
    "gwno_loc",
    "gwno_battle",
    "region",
    "version",
];

const CONFLICT_ID: usize = 0;
const DYAD_ID: usize = 1;
const LOCATION_INC: usize = 2;
const SIDE_A: usize = 3;
const SIDE_A_ID: usize = 4;
const SIDE_A_2ND: usize = 5;
const SIDE_B: usize = 6;
const SIDE_B_ID: usize = 7;
const SIDE_B_2ND: usize = 8;
const INCOMPATIBILITY: usize = 9;
const TERRITORY_NAME: usize = 10;
const YEAR: usize = 11;
const BD_BEST: usize = 12;
const BD_LOW: usize = 13;
const BD_HIGH: usize = 14;
const TYPE_OF_CONFLICT: usize = 15;
const BATTLE_LOCATION: usize = 16;
const GWNO_A: usize = 17;
const GWNO_A_2ND: usize = 18;
const GWNO_B: usize = 19;
const GWNO_B_2ND: usize = 20;
const GWNO_LOC: usize = 21;
const GWNO_BATTLE: usize = 22;
const REGION: usize = 23;
const VERSION: usize = 24;

static SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    // Only the download layout is shipped; header matching ignores case.
    aliases: &[],
};

const DEATHS: &str = "a number of deaths (non-negative integer)";

/// One dyad-year of the Battle-Related Deaths Dataset. Text fields are verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BattleDeathsDyadYear {
    /// The conflict.
    pub conflict_id: ConflictId,
    /// The dyad.
    pub dyad_id: DyadId,
    /// Location of the incompatibility (the state(s) whose government is contested).
    pub location_inc: String,
    /// Side A.
    pub side_a: String,
    /// Side A actor id(s).
    pub side_a_id: Vec<ActorId>,
    /// Side A's secondary warring states, verbatim.
    pub side_a_2nd: String,
    /// Side B.
    pub side_b: String,
    /// Side B actor id(s).
    pub side_b_id: Vec<ActorId>,
    /// Side B's secondary warring states, verbatim.
    pub side_b_2nd: String,
    /// What is fought over.
    pub incompatibility: Incompatibility,
    /// Contested territory, verbatim.
    pub territory_name: String,
    /// Calendar year.
    pub year: i32,
    /// Best estimate of battle-related deaths.
    pub bd_best: u32,
    /// Low estimate.
    pub bd_low: u32,
    /// High estimate.
    pub bd_high: u32,
    /// Type of the conflict.
    pub type_of_conflict: TypeOfConflict,
    /// Where the battles took place, names verbatim.
    pub battle_location: String,
    /// Side A government(s).
    pub gwno_a: Vec<GwCode>,
    /// Side A secondary warring states.
    pub gwno_a_2nd: Vec<GwCode>,
    /// Side B government(s).
    pub gwno_b: Vec<GwCode>,
    /// Side B secondary warring states.
    pub gwno_b_2nd: Vec<GwCode>,
    /// Location state(s) of the incompatibility.
    pub gwno_loc: Vec<GwCode>,
    /// State(s) where the battles took place.
    pub gwno_battle: Vec<GwCode>,
    /// UCDP region(s), as written.
    pub region: Vec<Region>,
    /// Release version written in the row.
    pub version: String,
}

/// The UCDP Battle-Related Deaths Dataset (dyadic version).
///
/// Its records are the dyad-years, in file order; unique per `(dyad_id, year)`.
pub type BattleDeaths = Dataset<BattleDeathsDyadYear>;

ucdp_record! {
    BattleDeathsDyadYear {
        name: NAME,
        title: TITLE,
        release: "UCDP Battle-Related Deaths",
        kind: BattleDeaths,
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

fn dyad_year(row: &Row<'_>) -> Result<BattleDeathsDyadYear> {
    Ok(BattleDeathsDyadYear {
        conflict_id: ConflictId(row.num(CONFLICT_ID, "a conflict id (positive integer)")?),
        dyad_id: DyadId(row.num(DYAD_ID, "a dyad id (positive integer)")?),
        location_inc: row.string(LOCATION_INC),
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
        bd_best: row.num(BD_BEST, DEATHS)?,
        bd_low: row.num(BD_LOW, DEATHS)?,
        bd_high: row.num(BD_HIGH, DEATHS)?,
        type_of_conflict: row.code(
            TYPE_OF_CONFLICT,
            TypeOfConflict::from_code,
            "1 (extrasystemic), 2 (interstate), 3 (intrastate) or 4 (internationalized intrastate)",
        )?,
        battle_location: row.string(BATTLE_LOCATION),
        gwno_a: fields::gw_nonempty(row, GWNO_A, "side A government")?,
        gwno_a_2nd: row.list(GWNO_A_2ND, fields::gwcode, GW_EXPECTED)?,
        gwno_b: row.list(GWNO_B, fields::gwcode, GW_EXPECTED)?,
        gwno_b_2nd: row.list(GWNO_B_2ND, fields::gwcode, GW_EXPECTED)?,
        gwno_loc: fields::gw_nonempty(row, GWNO_LOC, "location state")?,
        gwno_battle: fields::gw_nonempty(row, GWNO_BATTLE, "battle location state")?,
        region: fields::regions(row, REGION)?,
        version: row.string(VERSION),
    })
}
