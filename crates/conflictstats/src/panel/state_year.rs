//! The state-year panel: one row per G&W state per year of system membership.
//!
//! | column | meaning |
//! |---|---|
//! | `gwcode`, `year` | the state and year (member on at least one day of the year) |
//! | `incidence` | an active conflict-year (≥ 25 battle-related deaths) with the state in `gwno_loc` |
//! | `incidence_primary` | the state is a primary party (`gwno_a` or `gwno_b`) to an active conflict-year |
//! | `incidence_any` | the state is any party, secondary included (`gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd`) |
//! | `conflicts` | number of active conflicts located in the state |
//! | `max_intensity` | 0 none, 1 minor, 2 war (highest intensity among them) |
//! | `onset`, `termination`, `episode_id`, `left_censored` | state-level episodes of `incidence` (see [`episodes`](super::episodes)) |
//! | `conflict_onsets` | onsets of conflict episodes located in the state (null when one is left-censored) |
//! | `peace_years` | peace years in the field's convention: consecutive years without incidence **before** *t* (an onset year carries the length of the spell it ends) |
//! | `at_risk` | incidence in *t* would be an onset (filter onset models on it; null when unknown) |
//! | `peace_censored` | the spell `peace_years` counts began at the start of coverage (its length is a lower bound) |
//! | `years_since_active`, `years_since_onset` | years since the last incidence year / onset (0 in such a year) |
//! | `source` | the conflict data, `name version` |
//!
//! Every conflict column is null for years outside the conflict data's coverage.
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
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::conflict_year::conflict_series;
use super::episodes::{SeriesContext, YearState, analyse};
use super::{ColumnRef, Panel, PanelSpec, coverage};
use crate::data::{Acd, GwStates, Provenance};
use crate::error::Result;
use crate::model::{GwCode, Intensity};
use chrono::Datelike;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// A conflict-year whose state has no G&W membership in that year (reported, not dropped
/// silently: such a state-year has no row to carry it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unmatched {
    /// The G&W code in the conflict data.
    pub gwcode: u16,
    /// The year.
    pub year: i32,
    /// `location` or `party`.
    pub role: &'static str,
}

/// The state-year panel (columns; row `i` of every vector is one state-year).
#[derive(Debug, Clone, Serialize)]
pub struct StateYearPanel {
    /// `gwcode`.
    pub gwcode: Vec<u16>,
    /// `year`.
    pub year: Vec<i32>,
    /// Conflict located in the state.
    pub incidence: Vec<Option<bool>>,
    /// State a primary party.
    pub incidence_primary: Vec<Option<bool>>,
    /// State any party, secondary included.
    pub incidence_any: Vec<Option<bool>>,
    /// Active conflicts located in the state.
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
    /// Onsets of conflict episodes located in the state.
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
    /// `name version` of the conflict data, e.g. `ucdp-acd 25.1`.
    pub source: String,
    /// The options used.
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
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Acc {
    conflicts: u32,
    primary: bool,
    any: bool,
    max_intensity: u8,
    conflict_onsets: u32,
    onset_unknown: bool,
}

/// Builds the state-year panel of `states` with conflict variables from `acd`.
pub fn state_year(states: &GwStates, acd: &Acd, spec: &PanelSpec) -> Result<StateYearPanel> {
    let (c0, c1) = coverage(acd)?;
    let (first, last) = spec.resolve((c0, c1))?;
    let micro = spec.include_microstates;

    // Conflict variables per (state, year).
    let mut acc: HashMap<(u16, i32), Acc> = HashMap::new();
    let mut prior_activity: BTreeSet<u16> = BTreeSet::new();
    for r in &acd.records {
        let intensity = match r.intensity {
            Intensity::Minor => 1,
            Intensity::War => 2,
        };
        for gw in &r.gwno_loc {
            let a = acc.entry((gw.0, r.year)).or_default();
            a.conflicts += 1;
            a.max_intensity = a.max_intensity.max(intensity);
            if r.start_date.year() < c0 {
                prior_activity.insert(gw.0);
            }
        }
        for gw in r.gwno_a.iter().chain(&r.gwno_b) {
            acc.entry((gw.0, r.year)).or_default().primary = true;
        }
        for gw in r
            .gwno_a
            .iter()
            .chain(&r.gwno_b)
            .chain(&r.gwno_a_2nd)
            .chain(&r.gwno_b_2nd)
        {
            acc.entry((gw.0, r.year)).or_default().any = true;
        }
    }
    // Conflict-level episode onsets, attributed to the location states of the onset year.
    let by_key: HashMap<(u32, i32), usize> = acd
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.conflict_id.0, r.year), i))
        .collect();
    for series in conflict_series(acd, (c0, c1), spec.gap) {
        for (k, st) in series.states.iter().enumerate() {
            let year = series.first_year + k as i32;
            if !series.active[k] || st.onset == Some(false) {
                continue;
            }
            let Some(&i) = by_key.get(&(series.id, year)) else {
                continue;
            };
            for gw in &acd.records[i].gwno_loc {
                let a = acc.entry((gw.0, year)).or_default();
                match st.onset {
                    Some(true) => a.conflict_onsets += 1,
                    _ => a.onset_unknown = true,
                }
            }
        }
    }

    // Membership over the analysis window: the rows' years and the coverage.
    let w0 = first.min(c0);
    let w1 = last.max(c1);
    let nw = (w1 - w0 + 1) as usize;
    let mut codes: Vec<u16> = states
        .periods
        .iter()
        .filter(|p| micro || !p.microstate)
        .map(|p| p.gwcode.0)
        .collect();
    codes.sort_unstable();
    codes.dedup();

    let mut unmatched = Vec::new();
    for (&(gw, year), a) in &acc {
        if !states.is_member(GwCode(gw), year, micro) {
            if a.conflicts > 0 {
                unmatched.push(Unmatched {
                    gwcode: gw,
                    year,
                    role: "location",
                });
            }
            if a.any {
                unmatched.push(Unmatched {
                    gwcode: gw,
                    year,
                    role: "party",
                });
            }
        }
    }
    unmatched.sort_unstable();

    let mut p = StateYearPanel {
        gwcode: Vec::new(),
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
        source: format!("{} {}", acd.provenance.name, acd.provenance.version),
        spec: *spec,
        coverage: (c0, c1),
        conflict_provenance: acd.provenance.clone(),
        states_provenance: states.provenance.clone(),
        state_list_fill: super::state_list_fill(states, last),
        unmatched,
    };

    let mut member = vec![false; nw];
    let mut series: Vec<Option<YearState>> = vec![None; nw];
    let mut active: Vec<bool> = Vec::with_capacity(nw);
    let mut out: Vec<YearState> = Vec::with_capacity(nw);
    for &gw in &codes {
        for (k, m) in member.iter_mut().enumerate() {
            *m = states.is_member(GwCode(gw), w0 + k as i32, micro);
        }
        series.iter_mut().for_each(|s| *s = None);
        // Each run of consecutive member years, clipped to the coverage, is one series.
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
            let run_end = k - 1; // inclusive
            let (ys, ye) = (w0 + run_start as i32, w0 + run_end as i32);
            let (cs, ce) = (ys.max(c0), ye.min(c1));
            if cs > ce {
                continue;
            }
            let at_coverage_start = cs == c0 && states.is_member(GwCode(gw), c0 - 1, micro);
            let ctx = SeriesContext {
                at_coverage_start,
                prior_activity: at_coverage_start && prior_activity.contains(&gw),
                inactive_before: 0,
                unit_ends: ye < c1,
                gap: spec.gap,
            };
            active.clear();
            active.extend((cs..=ce).map(|y| acc.get(&(gw, y)).is_some_and(|a| a.conflicts > 0)));
            analyse(&active, &ctx, &mut out);
            let mut episodes = 0;
            for (j, st) in out.iter().enumerate() {
                let mut st = *st;
                if let Some(e) = st.episode {
                    episodes = episodes.max(e);
                    st.episode = Some(e + episode_offset);
                }
                series[(cs - w0) as usize + j] = Some(st);
            }
            episode_offset += episodes;
        }
        for year in first..=last {
            let k = (year - w0) as usize;
            if !member[k] {
                continue;
            }
            p.gwcode.push(gw);
            p.year.push(year);
            let covered = (c0..=c1).contains(&year);
            let a = acc.get(&(gw, year)).copied().unwrap_or_default();
            let st = series[k].filter(|_| covered);
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
    Ok(p)
}
