//! The conflict-dyad-year panel: every UCDP dyad from its first active year to the end of the
//! Dyadic data's coverage, active and inactive years, with episodes.
//!
//! A **dyad** is a government and *one* opposing actor (in interstate conflicts: two
//! governments) within a conflict; the UCDP Dyadic Dataset ([`Dyadic`]) lists only the
//! *active* dyad-years (≥ 25 battle-related deaths between the two sides in the year). As in
//! the [conflict-year panel](super::conflict_year()), recurrence and duration analyses need the
//! inactive years too: here a dyad has a row for every year from its first active year to the
//! last year of coverage (or only its active years with [`PanelSpec::active_only`]).
//!
//! Episodes follow the rules of [`episodes`](super) with the panel's gap (UCDP's rule, the
//! default, is 1 inactive year): an `onset` is the first active year after at least `gap`
//! inactive years, `termination` the last active year of an episode once `gap` inactive years
//! have been observed after it (null within `gap` years of the end of coverage: the episode
//! may continue), and a dyad active in the first year of coverage (1946), or with a
//! `start_date` before it, is **left-censored**: its first onset is null (unknown). Years
//! outside the Dyadic coverage (1946–2023 in v24.1) have no rows, so nothing there reads as
//! "not active".
//!
//! ```
//! use conflictstats::data::Dyadic;
//! use conflictstats::panel::{conflict_dyad_year, PanelSpec};
//!
//! let dy = Dyadic::embedded(Some("24.1"))?;
//! let p = conflict_dyad_year(&dy, &PanelSpec::default().active_only(true))?;
//! assert_eq!(p.dyad_id.len(), dy.records.len()); // one row per Dyadic record
//! // Dyad 534 (Malaysia vs CPM): active 1958–1960, 1974–1975 and 1981: three episodes.
//! let i = p.row(534, 1974).unwrap();
//! assert_eq!((p.onset[i], p.episode_id[i]), (Some(true), Some(2)));
//! assert_eq!(p.source, "ucdp-dyadic 24.1");
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::episodes::unit_series;
use super::{ColumnRef, Panel, PanelSpec};
use crate::data::{Dyadic, Provenance};
use crate::error::{Error, Result};
use chrono::Datelike;
use serde::Serialize;

/// The Dyadic data's coverage: its first and last year.
fn dyadic_coverage(dyadic: &Dyadic) -> Result<(i32, i32)> {
    dyadic.year_range().ok_or_else(|| {
        Error::spec(format!(
            "{} has no records: no coverage to build a panel on",
            dyadic.provenance.label()
        ))
    })
}

/// The conflict-dyad-year panel (columns), rows sorted by `(dyad_id, year)`.
#[derive(Debug, Clone, Serialize)]
pub struct ConflictDyadYearPanel {
    /// `dyad_id`.
    pub dyad_id: Vec<u32>,
    /// `conflict_id` of the conflict the dyad belongs to.
    pub conflict_id: Vec<u32>,
    /// `year`.
    pub year: Vec<i32>,
    /// Active (a Dyadic record exists) in the year.
    pub active: Vec<bool>,
    /// `type_of_conflict` code of the active year (null when inactive; it can change over a
    /// dyad's life, e.g. when foreign states stop supporting a side).
    pub type_of_conflict: Vec<Option<u8>>,
    /// `intensity_level` of the active year (null when inactive).
    pub intensity: Vec<Option<u8>>,
    /// First year of an episode (null: left-censored).
    pub onset: Vec<Option<bool>>,
    /// Last active year of an episode (null: not yet known).
    pub termination: Vec<Option<bool>>,
    /// Episode number within the dyad.
    pub episode_id: Vec<Option<u32>>,
    /// The year belongs to an episode under way when the data starts.
    pub left_censored: Vec<bool>,
    /// Peace years: consecutive inactive years of the dyad **before** this year (an onset year
    /// carries the length of the spell it ends; see [`episodes`](super::episodes)).
    pub peace_years: Vec<u32>,
    /// Whether activity in this year would be an onset (null: unknown, left-censored).
    pub at_risk: Vec<Option<bool>>,
    /// Years since the dyad's last active year (0 in an active year).
    pub years_since_active: Vec<u32>,
    /// `name version` of the Dyadic data.
    pub source: String,
    /// The options used.
    pub spec: PanelSpec,
    /// Coverage of the Dyadic data.
    pub coverage: (i32, i32),
    /// Provenance of the Dyadic data.
    pub provenance: Provenance,
}

impl ConflictDyadYearPanel {
    /// Row index of `(dyad_id, year)`, if the panel has that row.
    #[must_use]
    pub fn row(&self, dyad_id: u32, year: i32) -> Option<usize> {
        let i = self.dyad_id.partition_point(|&d| d < dyad_id);
        let j = i + self.dyad_id[i..].partition_point(|&d| d == dyad_id);
        let k = i + self.year[i..j].partition_point(|&y| y < year);
        (k < j && self.year[k] == year).then_some(k)
    }
}

impl Panel for ConflictDyadYearPanel {
    fn len(&self) -> usize {
        self.dyad_id.len()
    }

    fn columns(&self) -> Vec<(&'static str, ColumnRef<'_>)> {
        vec![
            ("dyad_id", ColumnRef::U32(&self.dyad_id)),
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
            panel: "conflict-dyad-year",
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

/// Builds the conflict-dyad-year panel of `dyadic`. `spec.years` restricts the rows (the
/// episodes are always computed over the whole coverage); microstate and directed-dyad options
/// do not apply.
pub fn conflict_dyad_year(dyadic: &Dyadic, spec: &PanelSpec) -> Result<ConflictDyadYearPanel> {
    let cov = dyadic_coverage(dyadic)?;
    spec.no_role("conflict-dyad-year")?;
    let (first, last) = spec.resolve(cov)?;
    let mut p = ConflictDyadYearPanel {
        dyad_id: Vec::new(),
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
        source: dyadic.provenance.source_label(),
        spec: *spec,
        coverage: cov,
        provenance: dyadic.provenance.clone(),
    };
    let records = dyadic
        .records
        .iter()
        .map(|r| (r.dyad_id.0, r.year, r.start_date.year()));
    for s in unit_series(records, cov, spec.gap) {
        // A dyad belongs to one conflict; take it from any of its records.
        let conflict_id = s
            .record
            .iter()
            .flatten()
            .next()
            .map(|&i| dyadic.records[i].conflict_id.0);
        let Some(conflict_id) = conflict_id else {
            continue;
        };
        for (k, st) in s.states.iter().enumerate() {
            let year = s.first_year + k as i32;
            if year < first || year > last || (spec.active_only && !s.active[k]) {
                continue;
            }
            let rec = s.record[k].map(|i| &dyadic.records[i]);
            p.dyad_id.push(s.id);
            p.conflict_id.push(conflict_id);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_dyadic_is_a_spec_error_not_a_panic() {
        let mut dy = Dyadic::embedded(None).unwrap();
        dy.records.clear();
        let e = conflict_dyad_year(&dy, &PanelSpec::default()).unwrap_err();
        assert!(e.to_string().contains("no records"), "{e}");
    }

    #[test]
    fn dyadic_v24_1_rows_run_to_the_end_of_coverage_and_row_finds_them() {
        let dy = Dyadic::embedded(Some("24.1")).unwrap();
        let p = conflict_dyad_year(&dy, &PanelSpec::default()).unwrap();
        // Dyad 400 (Bolivia vs MNR): active 1949 and 1952, rows 1949–2023.
        let rows: Vec<usize> = (0..p.len()).filter(|&i| p.dyad_id[i] == 400).collect();
        assert_eq!(rows.len(), 2023 - 1949 + 1);
        assert_eq!(p.row(400, 1949), Some(rows[0]));
        assert_eq!(p.row(400, 2023), rows.last().copied());
        assert_eq!(p.row(400, 1948), None);
        assert_eq!(p.row(0, 1990), None);
        assert_eq!(p.row(u32::MAX, 1990), None);
        assert!(p.dyad_id.windows(2).all(|w| w[0] <= w[1]));
    }
}
