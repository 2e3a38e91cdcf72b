//! The conflict-year panel: every UCDP conflict from its first active year to the end of the
//! data's coverage, active and inactive years, with episodes.
//!
//! The ACD lists only *active* conflict-years. Recurrence and duration analyses need the
//! inactive years too: here a conflict has a row for every year from its first active year to
//! the last year of coverage (or only its active years with [`PanelSpec::active_only`]).
//!
//! With the default gap of 1, the episodes are UCDP's own: `onset` falls in the year of
//! `start_date2` (the date the current episode reached 25 deaths) and `termination` matches
//! the ACD's `ep_end`, except that `termination` is null in the last year of coverage (UCDP
//! writes 0 there: the episode may continue) and `onset` is null for conflicts already active
//! in the first year of coverage (left-censored).
//!
//! ```
//! use conflictstats::data::Acd;
//! use conflictstats::panel::{conflict_year, PanelSpec};
//!
//! let acd = Acd::embedded(Some("25.1"))?;
//! let p = conflict_year(&acd, &PanelSpec::default().active_only(true))?;
//! assert_eq!(p.conflict_id.len(), acd.records.len()); // one row per ACD record
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::episodes::{UnitSeries, unit_series};
use super::{ColumnRef, Panel, PanelSpec, coverage};
use crate::data::{Acd, Provenance};
use crate::error::Result;
use chrono::Datelike;
use serde::Serialize;

/// The series of every conflict, in conflict id order.
pub(crate) fn conflict_series(acd: &Acd, coverage: (i32, i32), gap: u32) -> Vec<UnitSeries> {
    let records = acd
        .records
        .iter()
        .map(|r| (r.conflict_id.0, r.year, r.start_date.year()));
    unit_series(records, coverage, gap)
}

/// The conflict-year panel (columns).
#[derive(Debug, Clone, Serialize)]
pub struct ConflictYearPanel {
    /// `conflict_id`.
    pub conflict_id: Vec<u32>,
    /// `year`.
    pub year: Vec<i32>,
    /// Active (an ACD record exists) in the year.
    pub active: Vec<bool>,
    /// `type_of_conflict` code of the active year (null when inactive).
    pub type_of_conflict: Vec<Option<u8>>,
    /// `intensity_level` of the active year (null when inactive).
    pub intensity: Vec<Option<u8>>,
    /// First year of an episode (null: left-censored).
    pub onset: Vec<Option<bool>>,
    /// Last active year of an episode (null: not yet known).
    pub termination: Vec<Option<bool>>,
    /// Episode number within the conflict.
    pub episode_id: Vec<Option<u32>>,
    /// The year belongs to an episode under way when the data starts.
    pub left_censored: Vec<bool>,
    /// Peace years: consecutive inactive years **before** this year (an onset year carries the
    /// length of the spell it ends; see [`episodes`](super::episodes)).
    pub peace_years: Vec<u32>,
    /// Whether activity in this year would be an onset (null: unknown, left-censored).
    pub at_risk: Vec<Option<bool>>,
    /// Years since the last active year (0 in an active year).
    pub years_since_active: Vec<u32>,
    /// `name version` of the conflict data.
    pub source: String,
    /// The options used.
    pub spec: PanelSpec,
    /// Coverage of the conflict data.
    pub coverage: (i32, i32),
    /// Provenance of the conflict data.
    pub provenance: Provenance,
}

impl Panel for ConflictYearPanel {
    fn len(&self) -> usize {
        self.conflict_id.len()
    }

    fn columns(&self) -> Vec<(&'static str, ColumnRef<'_>)> {
        vec![
            ("conflict_id", ColumnRef::U32(&self.conflict_id)),
            ("year", ColumnRef::I32(&self.year)),
            ("active", ColumnRef::Bool(&self.active)),
            ("type_of_conflict", ColumnRef::OptU8(&self.type_of_conflict)),
            ("intensity", ColumnRef::OptU8(&self.intensity)),
            ("onset", ColumnRef::OptBool(&self.onset)),
            ("termination", ColumnRef::OptBool(&self.termination)),
            ("episode_id", ColumnRef::OptU32(&self.episode_id)),
            ("left_censored", ColumnRef::Bool(&self.left_censored)),
            ("peace_years", ColumnRef::U32(&self.peace_years)),
            ("at_risk", ColumnRef::OptBool(&self.at_risk)),
            (
                "years_since_active",
                ColumnRef::U32(&self.years_since_active),
            ),
            ("source", ColumnRef::Const(&self.source)),
        ]
    }

    fn metadata(&self) -> super::PanelMetadata {
        super::PanelMetadata {
            panel: "conflict-year",
            spec: self.spec,
            coverage: self.coverage,
            conflict_data: self.provenance.clone(),
            state_list: None,
            state_list_fill: None,
            unmatched: None,
            role: None,
        }
    }
}

/// Builds the conflict-year panel of `acd`. `spec.years` restricts the rows (the episodes are
/// always computed over the whole coverage); microstate and dyad options do not apply.
pub fn conflict_year(acd: &Acd, spec: &PanelSpec) -> Result<ConflictYearPanel> {
    let cov = coverage(acd)?;
    spec.no_role("conflict-year")?;
    let (first, last) = spec.resolve(cov)?;
    let mut p = ConflictYearPanel {
        conflict_id: Vec::new(),
        year: Vec::new(),
        active: Vec::new(),
        type_of_conflict: Vec::new(),
        intensity: Vec::new(),
        onset: Vec::new(),
        termination: Vec::new(),
        episode_id: Vec::new(),
        left_censored: Vec::new(),
        peace_years: Vec::new(),
        at_risk: Vec::new(),
        years_since_active: Vec::new(),
        source: acd.provenance.source_label(),
        spec: *spec,
        coverage: cov,
        provenance: acd.provenance.clone(),
    };
    for s in conflict_series(acd, cov, spec.gap) {
        for (k, st) in s.states.iter().enumerate() {
            let year = s.first_year + k as i32;
            if year < first || year > last || (spec.active_only && !s.active[k]) {
                continue;
            }
            let rec = s.record[k].map(|i| &acd.records[i]);
            p.conflict_id.push(s.id);
            p.year.push(year);
            p.active.push(s.active[k]);
            p.type_of_conflict
                .push(rec.map(|r| r.type_of_conflict.code()));
            p.intensity.push(rec.map(|r| r.intensity.code()));
            p.onset.push(st.onset);
            p.termination.push(st.termination);
            p.episode_id.push(st.episode);
            p.left_censored.push(st.left_censored);
            p.peace_years.push(st.peace_years);
            p.at_risk.push(st.at_risk);
            p.years_since_active.push(st.years_since_active);
        }
    }
    Ok(p)
}
