//! The state-year panel: one row per G&W state per year of system membership.
//!
//! | column | meaning |
//! |---|---|
//! | `gwcode`, `year` | the state and year (member on at least one day of the year) |
//! | `statename` | the state's G&W name in that year ([`StateNames`]), right after `gwcode` |
//! | `incidence` | an active conflict-year (≥ 25 battle-related deaths) in which the state takes the panel's [`Role`] (default `location`: the state in `gwno_loc`) |
//! | `incidence_primary` | the state is a primary party (`gwno_a` or `gwno_b`) to an active conflict-year |
//! | `incidence_any` | the state is any party, secondary included (`gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd`) |
//! | `conflicts` | number of active conflicts in which the state takes the role (located in it, by default) |
//! | `max_intensity` | 0 none, 1 minor, 2 war (highest intensity among them) |
//! | `onset`, `termination`, `episode_id`, `left_censored` | state-level episodes of `incidence` (see [`episodes`](super::episodes)) |
//! | `conflict_onsets` | onsets of conflict episodes in which the state takes the role (null when one is left-censored) |
//! | `peace_years` | peace years in the field's convention: consecutive years without incidence **before** *t* (an onset year carries the length of the spell it ends) |
//! | `at_risk` | incidence in *t* would be an onset (filter onset models on it; null when unknown) |
//! | `peace_censored` | the spell `peace_years` counts began at the start of coverage (its length is a lower bound) |
//! | `years_since_active`, `years_since_onset` | years since the last incidence year / onset (0 in such a year) |
//! | `role` | the participation role: `location`, `primary` or `any` ([`Role`]) |
//! | `source` | the conflict data, `name version` |
//!
//! Every conflict column is null for years outside the conflict data's coverage. UCDP's codes
//! are mapped to G&W's first ([`UcdpGw`]: Serbia is 345 in UCDP after
//! 2006, 340 in G&W); codes that still name no member in their year are listed in
//! `unmatched` and reported as [`LoadWarning`]s (`warnings`).
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::model::GwCode;
//! use conflictstats::panel::{state_year, PanelSpec};
//!
//! let p = state_year(&GwStates::embedded(None)?, &Acd::embedded(Some("25.1"))?, &PanelSpec::default())?;
//! assert_eq!(p.years(), Some((1946, 2024)));
//! let r = p.row(GwCode(666), 1948).unwrap(); // Israel's first year
//! assert_eq!((p.incidence[r], p.onset[r]), (Some(true), Some(true)));
//! let serbia = p.row(GwCode(340), 2014).unwrap(); // UCDP's 345, supporting CAR's government
//! assert_eq!(p.incidence_any[serbia], Some(true));
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod conflicts;

pub use super::unmatched::Unmatched;

use super::episodes::{SeriesContext, YearState, analyse, place_spell};
use super::{ColumnRef, Panel, PanelSpec, Role, StateNames, coverage};
use crate::data::{Acd, GwStates, LoadWarning, Provenance, UcdpGw};
use crate::error::Result;
use crate::model::GwCode;
use conflicts::{Acc, Conflicts, accumulate};
use serde::Serialize;

/// The state-year panel (columns; row `i` of every vector is one state-year).
#[derive(Debug, Clone, Serialize)]
pub struct StateYearPanel {
    /// `gwcode`.
    pub gwcode: Vec<u16>,
    /// `statename`: the G&W name of `gwcode` in `year` ([`StateNames`]).
    pub statename: StateNames,
    /// `year`.
    pub year: Vec<i32>,
    /// The state takes the role in an active conflict-year (by default: a conflict located
    /// in the state).
    pub incidence: Vec<Option<bool>>,
    /// State a primary party.
    pub incidence_primary: Vec<Option<bool>>,
    /// State any party, secondary included.
    pub incidence_any: Vec<Option<bool>>,
    /// Active conflicts in which the state takes the role.
    pub conflicts: Vec<Option<u32>>,
    /// 0 none, 1 minor, 2 war.
    pub max_intensity: Vec<Option<u8>>,
    /// First year of a state-level episode of incidence.
    pub onset: Vec<Option<bool>>,
    /// Last active year of a state-level episode.
    pub termination: Vec<Option<bool>>,
    /// Episode number within the state (1, 2, …) in the years an episode spans.
    pub episode_id: Vec<Option<u32>>,
    /// The year belongs to an episode already under way when the data starts.
    pub left_censored: Vec<Option<bool>>,
    /// Onsets of conflict episodes in which the state takes the role.
    pub conflict_onsets: Vec<Option<u32>>,
    /// Peace years: consecutive years without incidence **before** this year (an onset year
    /// carries the length of the spell it ends; see [`episodes`](super::episodes)).
    pub peace_years: Vec<Option<u32>>,
    /// Whether incidence in this year would be an onset (null: unknown).
    pub at_risk: Vec<Option<bool>>,
    /// The spell `peace_years` counts began at the start of coverage (length unknown).
    pub peace_censored: Vec<Option<bool>>,
    /// Years since the last year with incidence (0 in such a year).
    pub years_since_active: Vec<Option<u32>>,
    /// Years since the last onset (0 in an onset year).
    pub years_since_onset: Vec<Option<u32>>,
    /// The participation role coded.
    pub role: Role,
    /// `name version` of the conflict data, e.g. `ucdp-acd 25.1`.
    pub source: String,
    /// The options used (with the role resolved).
    pub spec: PanelSpec,
    /// Coverage of the conflict data (first, last year).
    pub coverage: (i32, i32),
    /// Provenance of the conflict data.
    pub conflict_provenance: Provenance,
    /// Provenance of the state list.
    pub states_provenance: Provenance,
    /// How membership after the end of the state list is filled ([`super::state_list_fill`]).
    pub state_list_fill: super::StateListFill,
    /// Conflict-years of states that are not members in that year.
    pub unmatched: Vec<Unmatched>,
    /// The unmatched codes as warnings (one per code: years, columns, conflicts).
    pub warnings: Vec<LoadWarning>,
}

impl StateYearPanel {
    /// Index of the row of `gw` in `year`.
    #[must_use]
    pub fn row(&self, gw: GwCode, year: i32) -> Option<usize> {
        // Rows are sorted by (gwcode, year).
        let key = (gw.0, year);
        let (mut lo, mut hi) = (0, self.gwcode.len());
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match (self.gwcode[mid], self.year[mid]).cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// First and last year with rows.
    #[must_use]
    pub fn years(&self) -> Option<(i32, i32)> {
        Some((*self.year.iter().min()?, *self.year.iter().max()?))
    }

    /// Number of rows in `year`.
    #[must_use]
    pub fn rows_in(&self, year: i32) -> usize {
        self.year.iter().filter(|&&y| y == year).count()
    }
}

impl Panel for StateYearPanel {
    fn len(&self) -> usize {
        self.gwcode.len()
    }

    fn columns(&self) -> Vec<(&'static str, ColumnRef<'_>)> {
        vec![
            ("gwcode", ColumnRef::U16(&self.gwcode)),
            ("statename", ColumnRef::Names(&self.statename)),
            ("year", ColumnRef::I32(&self.year)),
            ("incidence", ColumnRef::OptBool(&self.incidence)),
            (
                "incidence_primary",
                ColumnRef::OptBool(&self.incidence_primary),
            ),
            ("incidence_any", ColumnRef::OptBool(&self.incidence_any)),
            ("conflicts", ColumnRef::OptU32(&self.conflicts)),
            ("max_intensity", ColumnRef::OptU8(&self.max_intensity)),
            ("onset", ColumnRef::OptBool(&self.onset)),
            ("termination", ColumnRef::OptBool(&self.termination)),
            ("episode_id", ColumnRef::OptU32(&self.episode_id)),
            ("left_censored", ColumnRef::OptBool(&self.left_censored)),
            ("conflict_onsets", ColumnRef::OptU32(&self.conflict_onsets)),
            ("peace_years", ColumnRef::OptU32(&self.peace_years)),
            ("at_risk", ColumnRef::OptBool(&self.at_risk)),
            ("peace_censored", ColumnRef::OptBool(&self.peace_censored)),
            (
                "years_since_active",
                ColumnRef::OptU32(&self.years_since_active),
            ),
            (
                "years_since_onset",
                ColumnRef::OptU32(&self.years_since_onset),
            ),
            ("role", ColumnRef::Const(self.role.key())),
            ("source", ColumnRef::Const(&self.source)),
        ]
    }

    fn metadata(&self) -> super::PanelMetadata {
        super::PanelMetadata {
            panel: "state-year",
            spec: self.spec,
            coverage: self.coverage,
            conflict_data: self.conflict_provenance.clone(),
            state_list: Some(self.states_provenance.clone()),
            state_list_fill: Some(self.state_list_fill.clone()),
            unmatched: Some(self.unmatched.clone()),
            role: Some(self.role),
        }
    }
}

/// Builds the state-year panel of `states` with conflict variables from `acd`, coded under
/// the spec's [`Role`] (default [`Role::Location`]), UCDP's codes mapped to G&W's by the
/// shipped rules ([`UcdpGw::embedded`]).
pub fn state_year(states: &GwStates, acd: &Acd, spec: &PanelSpec) -> Result<StateYearPanel> {
    state_year_with(states, acd, spec, UcdpGw::embedded()?)
}

/// [`state_year`] with your own UCDP → G&W code rules.
pub fn state_year_with(
    states: &GwStates,
    acd: &Acd,
    spec: &PanelSpec,
    rules: &UcdpGw,
) -> Result<StateYearPanel> {
    let (c0, c1) = coverage(acd)?;
    let (first, last) = spec.resolve((c0, c1))?;
    let role = spec.role.unwrap_or(Role::Location);
    let micro = spec.include_microstates;
    let data = accumulate(acd, role, rules, (c0, c1), spec.gap);
    let (unmatched, warnings) =
        super::unmatched::unmatched(acd, states, rules, (first, last), micro);
    let mut codes: Vec<u16> = states
        .periods
        .iter()
        .filter(|p| micro || !p.microstate)
        .map(|p| p.gwcode.0)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut p = StateYearPanel {
        gwcode: Vec::new(),
        statename: StateNames::default(),
        year: Vec::new(),
        incidence: Vec::new(),
        incidence_primary: Vec::new(),
        incidence_any: Vec::new(),
        conflicts: Vec::new(),
        max_intensity: Vec::new(),
        onset: Vec::new(),
        termination: Vec::new(),
        episode_id: Vec::new(),
        left_censored: Vec::new(),
        conflict_onsets: Vec::new(),
        peace_years: Vec::new(),
        at_risk: Vec::new(),
        peace_censored: Vec::new(),
        years_since_active: Vec::new(),
        years_since_onset: Vec::new(),
        role,
        source: acd.provenance.source_label(),
        spec: PanelSpec {
            role: Some(role),
            ..*spec
        },
        coverage: (c0, c1),
        conflict_provenance: acd.provenance.clone(),
        states_provenance: states.provenance.clone(),
        state_list_fill: super::state_list_fill(states, last),
        unmatched,
        warnings,
    };
    // The analysis window: the rows' years and the coverage.
    let window = Window {
        w0: first.min(c0),
        w1: last.max(c1),
        coverage: (c0, c1),
    };
    for &gw in &codes {
        let (member, series) = window.series(states, &data, gw, spec);
        for year in first..=last {
            let k = (year - window.w0) as usize;
            if member[k] {
                p.push(gw, year, &window, &data, series[k]);
            }
        }
    }
    p.statename = StateNames::of(states, &p.gwcode, &p.year);
    Ok(p)
}

/// The years a state's series is analysed over.
struct Window {
    w0: i32,
    w1: i32,
    coverage: (i32, i32),
}

impl Window {
    /// `gw`'s membership in each year of the window and the episode state of each covered
    /// member year: each run of consecutive member years, clipped to the coverage, is one
    /// series (episode numbers continue across runs).
    fn series(
        &self,
        states: &GwStates,
        data: &Conflicts,
        gw: u16,
        spec: &PanelSpec,
    ) -> (Vec<bool>, Vec<Option<YearState>>) {
        let (c0, c1) = self.coverage;
        let micro = spec.include_microstates;
        let nw = (self.w1 - self.w0 + 1) as usize;
        let member: Vec<bool> = (0..nw)
            .map(|k| states.is_member(GwCode(gw), self.w0 + k as i32, micro))
            .collect();
        let mut series: Vec<Option<YearState>> = vec![None; nw];
        let (mut active, mut out) = (Vec::with_capacity(nw), Vec::with_capacity(nw));
        let mut episode_offset = 0u32;
        let mut k = 0usize;
        while k < nw {
            if !member[k] {
                k += 1;
                continue;
            }
            let run_start = k;
            while k < nw && member[k] {
                k += 1;
            }
            let (ys, ye) = (self.w0 + run_start as i32, self.w0 + k as i32 - 1);
            let (cs, ce) = (ys.max(c0), ye.min(c1));
            if cs > ce {
                continue;
            }
            let at_coverage_start = cs == c0 && states.is_member(GwCode(gw), c0 - 1, micro);
            let ctx = SeriesContext {
                at_coverage_start,
                prior_activity: at_coverage_start && data.prior_activity.contains(&gw),
                inactive_before: 0,
                unit_ends: ye < c1,
                gap: spec.gap,
            };
            active.clear();
            active
                .extend((cs..=ce).map(|y| data.acc.get(&(gw, y)).is_some_and(|a| a.conflicts > 0)));
            analyse(&active, &ctx, &mut out);
            episode_offset +=
                place_spell(&mut series, (cs - self.w0) as usize, &out, episode_offset);
        }
        (member, series)
    }
}

impl StateYearPanel {
    /// Appends the row of `gw` in `year`.
    fn push(
        &mut self,
        gw: u16,
        year: i32,
        window: &Window,
        data: &Conflicts,
        st: Option<YearState>,
    ) {
        let (c0, c1) = window.coverage;
        let p = self;
        p.gwcode.push(gw);
        p.year.push(year);
        let covered = (c0..=c1).contains(&year);
        let a: Acc = data.acc.get(&(gw, year)).copied().unwrap_or_default();
        let st = st.filter(|_| covered);
        p.incidence.push(covered.then_some(a.conflicts > 0));
        p.incidence_primary.push(covered.then_some(a.primary));
        p.incidence_any.push(covered.then_some(a.any));
        p.conflicts.push(covered.then_some(a.conflicts));
        p.max_intensity.push(covered.then_some(a.max_intensity));
        p.conflict_onsets.push(
            covered
                .then_some(a.conflict_onsets)
                .filter(|_| !a.onset_unknown),
        );
        p.onset.push(st.and_then(|s| s.onset));
        p.termination.push(st.and_then(|s| s.termination));
        p.episode_id.push(st.and_then(|s| s.episode));
        p.left_censored.push(st.map(|s| s.left_censored));
        p.peace_years.push(st.map(|s| s.peace_years));
        p.at_risk.push(st.and_then(|s| s.at_risk));
        p.peace_censored.push(st.map(|s| s.peace_censored));
        p.years_since_active.push(st.map(|s| s.years_since_active));
        p.years_since_onset.push(st.map(|s| s.years_since_onset));
    }
}
