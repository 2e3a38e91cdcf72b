//! Loaders for the UCDP Battle-Related Deaths Dataset (BRD): battle-related deaths of the
//! state-based conflicts, 1989 onwards, as three estimates — `bd_low`, `bd_best`, `bd_high`.
//!
//! UCDP publishes the BRD at two levels, with the same 25 column names:
//!
//! - the **dyadic version** — one row per dyad-year ([`BattleDeaths`], records
//!   [`BattleDeathsDyadYear`]; shipped: v24.1);
//! - the **conflict-level version** — one row per conflict-year, the deaths being the
//!   conflict's totals and `dyad_id` the list of its dyads active in the year
//!   ([`BattleDeathsConflict`], records [`BattleDeathsConflictYear`]; shipped: v25.1, the
//!   default).
//!
//! [`Brd`] holds either, so that the deaths functions read each for what it is. A file is read
//! as the conflict-level version when its `dyad_id` column holds a list of dyads (which only
//! that version has); otherwise as the dyadic version.
//!
//! Battle-related deaths are deaths caused by the warring parties that can be related to
//! combat (soldiers and civilians killed in crossfire), not deaths from one-sided violence or
//! from disease and hunger. UCDP's best estimate is what its headline figures use.
//!
//! Quirks kept: every field is quoted in UCDP's v24.1 CSV; `gwno_battle` (where the fighting
//! took place) can list states other than `gwno_loc`; in a few rows the estimates are *not*
//! ordered `low ≤ best ≤ high` (e.g. a `bd_high` below `bd_best`) — they are kept as
//! published, not "repaired".
//!
//! ```
//! use conflictstats::data::{BattleDeaths, BattleDeathsConflict, Brd};
//!
//! let v24 = BattleDeaths::embedded(Some("24.1"))?; // dyadic
//! assert_eq!(v24.records.len(), 1920);
//! let best_2023: u64 = v24.records.iter().filter(|r| r.year == 2023).map(|r| u64::from(r.bd_best)).sum();
//! assert_eq!(best_2023, 122_518);
//!
//! let v25 = BattleDeathsConflict::embedded(Some("25.1"))?; // conflict-level
//! assert_eq!(v25.records.len(), 1586);
//! assert!(v25.records.iter().any(|r| r.dyad_id.len() > 1));
//! // `Brd` picks the level from the release.
//! assert_eq!(Brd::embedded(Some("25.1"))?.level().key(), "conflict");
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::dataset::{Dataset, ucdp_record};
use super::fields::{self, ACTORS_EXPECTED, RecordSpec};
use super::registry::{self, DatasetKind, EmbeddedDataset};
use super::table::{Row, Schema};
use super::{LoadWarning, Provenance};
use crate::error::{Error, Result};
use crate::model::{ActorId, ConflictId, DyadId, GwCode, Incompatibility, Region, TypeOfConflict};
use serde::Serialize;

const TITLE: &str = "UCDP Battle-Related Deaths Dataset (dyadic version)";
const CONFLICT_TITLE: &str = "UCDP Battle-Related Deaths Dataset (conflict-level version)";
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

static CONFLICT_SCHEMA: Schema = Schema {
    dataset: CONFLICT_TITLE,
    columns: COLUMNS,
    aliases: &[],
};

/// What the dyadic version's `dyad_id` accepts; a list is the conflict-level version's.
const ONE_DYAD: &str = "a dyad id (positive integer); a list of dyads means the conflict-level version of the BRD (read it as `Brd` or `BattleDeathsConflict`)";

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

/// One conflict-year of the Battle-Related Deaths Dataset, conflict-level version: the
/// deaths are the conflict's totals over its dyads active in the year. Text fields are
/// verbatim, as in [`BattleDeathsDyadYear`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BattleDeathsConflictYear {
    /// The conflict.
    pub conflict_id: ConflictId,
    /// The conflict's dyads active in the year (at least one).
    pub dyad_id: Vec<DyadId>,
    /// Location of the incompatibility.
    pub location_inc: String,
    /// Side A.
    pub side_a: String,
    /// Side A actor id(s).
    pub side_a_id: Vec<ActorId>,
    /// Side A's secondary warring states, verbatim.
    pub side_a_2nd: String,
    /// Side B (all opposing actors of the year).
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
    /// Best estimate of battle-related deaths in the conflict.
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

/// The UCDP Battle-Related Deaths Dataset, conflict-level version.
///
/// Its records are the conflict-years, in file order; unique per `(conflict_id, year)`.
pub type BattleDeathsConflict = Dataset<BattleDeathsConflictYear>;

ucdp_record! {
    BattleDeathsConflictYear {
        name: NAME,
        title: CONFLICT_TITLE,
        release: "UCDP Battle-Related Deaths (conflict-level)",
        kind: BattleDeathsConflict,
        spec: RecordSpec {
            schema: &CONFLICT_SCHEMA,
            version_col: VERSION,
            parse: conflict_year,
            version: |r| r.version.as_str(),
            key: |r| (r.conflict_id.0, r.year),
            describe: |(id, y)| format!("BRD conflict-year (conflict_id {id}, year {y})"),
        },
    }
}

/// Builds a BRD record of type `$ty` from `$row`, with `dyad_id` given (the one field whose
/// meaning differs between the two levels).
macro_rules! brd_record {
    ($ty:ident, $row:expr, $dyad_id:expr) => {{
        let row = $row;
        $ty {
            conflict_id: ConflictId(row.num(CONFLICT_ID, "a conflict id (positive integer)")?),
            dyad_id: $dyad_id,
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
            gwno_a_2nd: fields::gw_list(row, GWNO_A_2ND)?,
            gwno_b: fields::gw_list(row, GWNO_B)?,
            gwno_b_2nd: fields::gw_list(row, GWNO_B_2ND)?,
            gwno_loc: fields::gw_nonempty(row, GWNO_LOC, "location state")?,
            gwno_battle: fields::gw_nonempty(row, GWNO_BATTLE, "battle location state")?,
            region: fields::regions(row, REGION)?,
            version: row.string(VERSION),
        }
    }};
}

fn dyad_year(row: &Row<'_>) -> Result<BattleDeathsDyadYear> {
    Ok(brd_record!(
        BattleDeathsDyadYear,
        row,
        DyadId(row.num(DYAD_ID, ONE_DYAD)?)
    ))
}

fn conflict_year(row: &Row<'_>) -> Result<BattleDeathsConflictYear> {
    let dyads = row.list(
        DYAD_ID,
        |s| s.parse().ok().map(DyadId),
        "UCDP dyad ids, comma separated",
    )?;
    if dyads.is_empty() {
        return Err(row.invalid(DYAD_ID, "at least one dyad id"));
    }
    Ok(brd_record!(BattleDeathsConflictYear, row, dyads))
}

/// The level of a BRD release: what one row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BrdLevel {
    /// One row per dyad-year (the dyadic version).
    Dyad,
    /// One row per conflict-year (the conflict-level version).
    Conflict,
}

impl BrdLevel {
    /// `dyad` or `conflict`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            BrdLevel::Dyad => "dyad",
            BrdLevel::Conflict => "conflict",
        }
    }

    /// What one row is, for messages: `dyad-year` or `conflict-year`.
    #[must_use]
    pub fn row_unit(self) -> &'static str {
        match self {
            BrdLevel::Dyad => "dyad-year",
            BrdLevel::Conflict => "conflict-year",
        }
    }
}

/// One BRD row, whatever the level: the conflict, the year, the three estimates, how many
/// dyads the row covers (1 for a dyad-year) and where the battles were fought.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrdRow<'a> {
    /// The conflict.
    pub conflict_id: ConflictId,
    /// Calendar year.
    pub year: i32,
    /// `(low, best, high)` battle-related deaths of the row.
    pub deaths: (u32, u32, u32),
    /// Dyads the row covers: 1 for a dyad-year, the listed dyads for a conflict-year.
    pub dyads: u32,
    /// State(s) where the battles took place.
    pub gwno_battle: &'a [GwCode],
}

/// A loaded BRD release of either level: the dyadic version (one row per dyad-year) or the
/// conflict-level version (one row per conflict-year, `dyad_id` listing its dyads). A file is
/// read as the conflict-level version when its `dyad_id` column holds a list of dyads, which
/// only that version has.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "level", rename_all = "snake_case")]
pub enum Brd {
    /// The dyadic version.
    Dyad(BattleDeaths),
    /// The conflict-level version.
    Conflict(BattleDeathsConflict),
}

impl Brd {
    /// Loads an embedded release (`None`: the default, v25.1 conflict-level).
    pub fn embedded(version: Option<&str>) -> Result<Brd> {
        Brd::from_entry(registry::find(NAME, version)?)
    }

    /// Loads a registry entry of either BRD kind.
    pub fn from_entry(entry: &'static EmbeddedDataset) -> Result<Brd> {
        match entry.kind {
            DatasetKind::BattleDeathsConflict => {
                BattleDeathsConflict::from_entry(entry).map(Brd::Conflict)
            }
            _ => BattleDeaths::from_entry(entry).map(Brd::Dyad),
        }
    }

    /// Loads a BRD file: the conflict-level version if its `dyad_id` column holds a list of
    /// dyads, the dyadic version otherwise.
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Brd> {
        let path = path.as_ref();
        match BattleDeaths::from_path(path) {
            Err(e) if lists_dyads(&e) => BattleDeathsConflict::from_path(path).map(Brd::Conflict),
            other => other.map(Brd::Dyad),
        }
    }

    /// Loads BRD bytes (as [`Brd::from_path`]); `file` names them in errors and provenance.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Brd> {
        match BattleDeaths::from_bytes(file, bytes) {
            Err(e) if lists_dyads(&e) => {
                BattleDeathsConflict::from_bytes(file, bytes).map(Brd::Conflict)
            }
            other => other.map(Brd::Dyad),
        }
    }

    /// The level of the loaded release.
    #[must_use]
    pub fn level(&self) -> BrdLevel {
        match self {
            Brd::Dyad(_) => BrdLevel::Dyad,
            Brd::Conflict(_) => BrdLevel::Conflict,
        }
    }

    /// Where the rows came from.
    #[must_use]
    pub fn provenance(&self) -> &Provenance {
        match self {
            Brd::Dyad(d) => &d.provenance,
            Brd::Conflict(d) => &d.provenance,
        }
    }

    /// What the loader accepted under a documented rule.
    #[must_use]
    pub fn warnings(&self) -> &[LoadWarning] {
        match self {
            Brd::Dyad(d) => &d.warnings,
            Brd::Conflict(d) => &d.warnings,
        }
    }

    /// Number of rows (dyad-years or conflict-years).
    #[must_use]
    pub fn len(&self) -> usize {
        match self {
            Brd::Dyad(d) => d.records.len(),
            Brd::Conflict(d) => d.records.len(),
        }
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// First and last year with at least one row.
    #[must_use]
    pub fn year_range(&self) -> Option<(i32, i32)> {
        match self {
            Brd::Dyad(d) => d.year_range(),
            Brd::Conflict(d) => d.year_range(),
        }
    }

    /// Every row in file order, as a [`BrdRow`].
    pub fn rows(&self) -> Box<dyn Iterator<Item = BrdRow<'_>> + '_> {
        match self {
            Brd::Dyad(d) => Box::new(d.records.iter().map(|r| BrdRow {
                conflict_id: r.conflict_id,
                year: r.year,
                deaths: (r.bd_low, r.bd_best, r.bd_high),
                dyads: 1,
                gwno_battle: &r.gwno_battle,
            })),
            Brd::Conflict(d) => Box::new(d.records.iter().map(|r| BrdRow {
                conflict_id: r.conflict_id,
                year: r.year,
                deaths: (r.bd_low, r.bd_best, r.bd_high),
                dyads: u32::try_from(r.dyad_id.len()).unwrap_or(u32::MAX),
                gwno_battle: &r.gwno_battle,
            })),
        }
    }
}

/// Whether a dyadic-version read failed on a `dyad_id` holding several dyads.
fn lists_dyads(e: &Error) -> bool {
    matches!(e, Error::InvalidValue { column, value, .. } if column == "dyad_id" && value.contains(','))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brd_v25_1_is_conflict_level_and_v24_1_dyadic() {
        let v25 = Brd::embedded(Some("25.1")).unwrap();
        assert_eq!((v25.level(), v25.len()), (BrdLevel::Conflict, 1586));
        let v24 = Brd::embedded(Some("24.1")).unwrap();
        assert_eq!((v24.level(), v24.len()), (BrdLevel::Dyad, 1920));
        // The shipped conflict-level file read as bytes is recognised by its dyad lists.
        let entry = registry::find(NAME, Some("25.1")).unwrap();
        let from_bytes = Brd::from_bytes("conf.csv", entry.bytes().unwrap()).unwrap();
        assert_eq!(from_bytes.level(), BrdLevel::Conflict);
        assert_eq!(
            from_bytes.provenance().status,
            super::super::ReleaseStatus::Official
        );
    }

    #[test]
    fn a_dyadic_read_of_the_conflict_level_file_names_the_level() {
        let entry = registry::find(NAME, Some("25.1")).unwrap();
        let err = BattleDeaths::from_bytes("conf.csv", entry.bytes().unwrap()).unwrap_err();
        assert_eq!(err.column(), Some("dyad_id"));
        assert!(err.to_string().contains("conflict-level version"), "{err}");
    }
}
