//! The conflict-year record of the UCDP/PRIO Armed Conflict Dataset.

use super::{
    ActorId, ConflictId, DatePrecision, GwCode, Incompatibility, Intensity, Region, TypeOfConflict,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One row of the UCDP/PRIO Armed Conflict Dataset: one conflict active (≥ 25 battle-related
/// deaths) in one calendar year. Every column of the ACD is here, typed; multi-valued columns
/// (UCDP writes them as `"651, 666"` in one field) are lists, and text is kept verbatim,
/// leading/trailing spaces and embedded newlines included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictYear {
    /// `conflict_id`.
    pub conflict_id: ConflictId,
    /// `location`: names of the states whose territory is disputed or where fighting occurs.
    pub location: String,
    /// `side_a`: the government(s) on side A, verbatim.
    pub side_a: String,
    /// `side_a_id` (`side_a_Id` in the API layout).
    pub side_a_id: Vec<ActorId>,
    /// `side_a_2nd`: secondary warring parties supporting side A with troops, verbatim.
    pub side_a_2nd: String,
    /// `side_b`: the opposing actor(s), verbatim.
    pub side_b: String,
    /// `side_b_id` (`side_b_Id` in the API layout).
    pub side_b_id: Vec<ActorId>,
    /// `side_b_2nd`: secondary warring parties supporting side B with troops, verbatim.
    pub side_b_2nd: String,
    /// `incompatibility`.
    pub incompatibility: Incompatibility,
    /// `territory_name`: empty for conflicts over government.
    pub territory_name: String,
    /// `year`.
    pub year: i32,
    /// `intensity_level` (serialised under UCDP's name).
    #[serde(rename = "intensity_level")]
    pub intensity: Intensity,
    /// `cumulative_intensity`: whether the conflict has reached 1,000 battle-related deaths
    /// since its onset.
    pub cumulative_intensity: bool,
    /// `type_of_conflict`.
    pub type_of_conflict: TypeOfConflict,
    /// `start_date`: first battle-related death in the conflict.
    pub start_date: NaiveDate,
    /// `start_prec`.
    pub start_prec: DatePrecision,
    /// `start_date2`: the date when the 25-death threshold was reached in the current episode.
    pub start_date2: NaiveDate,
    /// `start_prec2`.
    pub start_prec2: DatePrecision,
    /// `ep_end`: whether the episode ended in this year.
    pub ep_end: bool,
    /// `ep_end_date`, when the episode ended.
    pub ep_end_date: Option<NaiveDate>,
    /// `ep_end_prec` (empty in every row of v24.1 and v25.1).
    pub ep_end_prec: Option<DatePrecision>,
    /// `gwno_a`: G&W codes of side A.
    pub gwno_a: Vec<GwCode>,
    /// `gwno_a_2nd`: G&W codes of side A's secondary parties.
    pub gwno_a_2nd: Vec<GwCode>,
    /// `gwno_b`: G&W codes of side B (empty unless side B is a state).
    pub gwno_b: Vec<GwCode>,
    /// `gwno_b_2nd`: G&W codes of side B's secondary parties.
    pub gwno_b_2nd: Vec<GwCode>,
    /// `gwno_loc`: G&W codes of the location states.
    pub gwno_loc: Vec<GwCode>,
    /// `region`: UCDP regions of the location (several for some interstate conflicts).
    pub region: Vec<Region>,
    /// `version`: the dataset version written in the row, e.g. `25.1`.
    pub version: String,
}
