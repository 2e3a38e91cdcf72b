//! Loader for the UCDP One-sided Violence Dataset: intentional attacks on civilians by a
//! government or a formally organized group, at least 25 deaths in the calendar year. One row
//! per **actor-year** (the perpetrator; in this dataset an actor has exactly one dyad, the
//! actor against civilians).
//!
//! Three releases are shipped: v25.1 (UCDP's xlsx converted to CSV; the default), v24.1 as
//! served by the UCDP API and v23.1 as UCDP's download CSV. All write the same 17 column
//! names; the v23.1 download quotes every field and contains non-Latin script (e.g. Russian in
//! `actor_name_mothertongue`) and embedded newlines.
//!
//! Quirks kept: `gwnoa` (the perpetrating government's G&W code) is a **list**: empty for
//! non-state actors, and in v25.1 a coalition of governments lists each (actor 9249,
//! "Government of Mali, Government of Russia (Soviet Union)", 2024: `"432, 365"`); earlier
//! releases left it empty for coalitions (e.g. "Government of Eritrea, Government of
//! Ethiopia"). `actor_name_mothertongue` is `n/a` for governments in the API layout; regions
//! are listed unsorted (`"2, 4, 3, 1"`); a few rows have estimates not ordered
//! `low ≤ best ≤ high`.
//!
//! ```
//! use conflictstats::data::OneSided;
//! use conflictstats::model::GwCode;
//!
//! let os = OneSided::embedded(Some("25.1"))?;
//! assert_eq!(os.records.len(), 1330);
//! assert_eq!(os.records.iter().filter(|r| r.year == 2024).count(), 49);
//! let mali_russia = os.records.iter().find(|r| r.gwnoa.len() > 1).unwrap();
//! assert_eq!(mali_russia.gwnoa, vec![GwCode(432), GwCode(365)]);
//!
//! let v24 = OneSided::embedded(Some("24.1"))?;
//! assert_eq!(v24.records.iter().filter(|r| r.year == 2023).count(), 42);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::dataset::{Dataset, ucdp_record};
use super::fields::{self, ACTORS_EXPECTED, RecordSpec};
use super::table::{Row, Schema};
use crate::error::Result;
use crate::model::{ActorId, ConflictId, DyadId, GwCode, Region};
use serde::Serialize;

const TITLE: &str = "UCDP One-sided Violence Dataset";
const NAME: &str = "ucdp-onesided";

const COLUMNS: &[&str] = &[
    "conflict_id",
    "dyad_id",
    "actor_id",
    "coalition_components",
    "actor_name",
    "actor_name_fulltext",
    "actor_name_mothertongue",
    "year",
    "best_fatality_estimate",
    "low_fatality_estimate",
    "high_fatality_estimate",
    "is_government_actor",
    "location",
    "gwno_location",
    "gwnoa",
    "region",
    "version",
];

const CONFLICT_ID: usize = 0;
const DYAD_ID: usize = 1;
const ACTOR_ID: usize = 2;
const COALITION_COMPONENTS: usize = 3;
const ACTOR_NAME: usize = 4;
const ACTOR_NAME_FULLTEXT: usize = 5;
const ACTOR_NAME_MOTHERTONGUE: usize = 6;
const YEAR: usize = 7;
const BEST: usize = 8;
const LOW: usize = 9;
const HIGH: usize = 10;
const IS_GOVERNMENT_ACTOR: usize = 11;
const LOCATION: usize = 12;
const GWNO_LOCATION: usize = 13;
const GWNOA: usize = 14;
const REGION: usize = 15;
const VERSION: usize = 16;

static SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

const DEATHS: &str = "a number of deaths (non-negative integer)";

/// One actor-year of the One-sided Violence Dataset. Text fields are verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OneSidedActorYear {
    /// UCDP's conflict id for the actor's one-sided violence.
    pub conflict_id: ConflictId,
    /// The dyad (actor against civilians).
    pub dyad_id: DyadId,
    /// The perpetrating actor.
    pub actor_id: ActorId,
    /// Member actors when the perpetrator is a coalition.
    pub coalition_components: Vec<ActorId>,
    /// Actor name.
    pub actor_name: String,
    /// Full name (may be empty).
    pub actor_name_fulltext: String,
    /// Name in the actor's language (may be empty or `n/a`).
    pub actor_name_mothertongue: String,
    /// Calendar year.
    pub year: i32,
    /// Best estimate of civilians killed.
    pub best: u32,
    /// Low estimate.
    pub low: u32,
    /// High estimate.
    pub high: u32,
    /// Whether the perpetrator is a government.
    pub is_government_actor: bool,
    /// Location name(s), verbatim.
    pub location: String,
    /// G&W codes of the location state(s).
    pub gwno_location: Vec<GwCode>,
    /// G&W code(s) of the perpetrating government(s): empty for non-state actors, several for
    /// a coalition of governments (v25.1; earlier releases leave coalitions empty).
    pub gwnoa: Vec<GwCode>,
    /// UCDP region(s), as written (unsorted).
    pub region: Vec<Region>,
    /// Release version written in the row.
    pub version: String,
}

/// The UCDP One-sided Violence Dataset.
///
/// Its records are the actor-years, in file order; unique per `(actor_id, year)`.
pub type OneSided = Dataset<OneSidedActorYear>;

ucdp_record! {
    OneSidedActorYear {
        name: NAME,
        title: TITLE,
        release: "UCDP One-sided Violence",
        kind: OneSided,
        spec: RecordSpec {
            schema: &SCHEMA,
            version_col: VERSION,
            parse: actor_year,
            version: |r| r.version.as_str(),
            // Verified on v24.1 and v23.1: actor_id and dyad_id are one-to-one, and
            // (actor_id, year) is unique.
            key: |r| (r.actor_id.0, r.year),
            describe: |(id, y)| format!("one-sided actor-year (actor_id {id}, year {y})"),
        },
    }
}

fn actor_year(row: &Row<'_>) -> Result<OneSidedActorYear> {
    Ok(OneSidedActorYear {
        conflict_id: ConflictId(row.num(CONFLICT_ID, "a conflict id (positive integer)")?),
        dyad_id: DyadId(row.num(DYAD_ID, "a dyad id (positive integer)")?),
        actor_id: ActorId(row.num(ACTOR_ID, "an actor id (integer)")?),
        coalition_components: row.list(COALITION_COMPONENTS, fields::actor, ACTORS_EXPECTED)?,
        actor_name: row.string(ACTOR_NAME),
        actor_name_fulltext: row.string(ACTOR_NAME_FULLTEXT),
        actor_name_mothertongue: row.string(ACTOR_NAME_MOTHERTONGUE),
        year: fields::year(row, YEAR)?,
        best: row.num(BEST, DEATHS)?,
        low: row.num(LOW, DEATHS)?,
        high: row.num(HIGH, DEATHS)?,
        is_government_actor: row.flag(IS_GOVERNMENT_ACTOR)?,
        location: row.string(LOCATION),
        gwno_location: fields::gw_nonempty(row, GWNO_LOCATION, "location state")?,
        gwnoa: fields::gw_list(row, GWNOA)?,
        region: fields::regions(row, REGION)?,
        version: row.string(VERSION),
    })
}
