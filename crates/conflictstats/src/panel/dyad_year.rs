//! The dyad-year panel: pairs of G&W states that are both system members in a year.
//!
//! Undirected (default): one row per pair `gwcode_a < gwcode_b`. Directed: one row per ordered
//! pair, both orders (values are symmetric).
//!
//! | column | meaning |
//! |---|---|
//! | `interstate` | an active **interstate** conflict-year (`type_of_conflict` 2) with one state in `gwno_a` and the other in `gwno_b` |
//! | `opposed` | the two states on opposite sides of any active conflict-year, secondary parties included (e.g. troops supporting a government against rebels backed by the other) |
//! | `onset`, `termination`, `episode_id`, `left_censored`, `peace_years`, `at_risk`, `peace_censored`, `years_since_active`, `years_since_onset` | episodes and peace spells of `interstate` (see [`episodes`](super::episodes)) |
//!
//! Conflict columns are null outside the conflict data's coverage.
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::panel::{dyad_year, PanelSpec};
//!
//! let spec = PanelSpec::default().years(2022, 2022);
//! let p = dyad_year(&GwStates::embedded(None)?, &Acd::embedded(Some("25.1"))?, &spec)?;
//! let r = p.row(365, 369, 2022).unwrap(); // Russia–Ukraine
//! assert_eq!((p.interstate[r], p.onset[r]), (Some(true), Some(true)));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::episodes::{SeriesContext, YearState, analyse};
use super::{ColumnRef, Panel, PanelSpec, coverage};
use crate::data::{Acd, GwStates, Provenance};
use crate::error::Result;
use crate::model::{GwCode, TypeOfConflict};
use chrono::Datelike;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The dyad-year panel (columns).
#[derive(Debug, Clone, Serialize)]
pub struct DyadYearPanel {
    /// First state.
    pub gwcode_a: Vec<u16>,
    /// Second state.
    pub gwcode_b: Vec<u16>,
    /// `year`.
    pub year: Vec<i32>,
    /// Interstate conflict between them (primary parties, opposite sides).
    pub interstate: Vec<Option<bool>>,
    /// On opposite sides of any conflict, secondary parties included.
    pub opposed: Vec<Option<bool>>,
    /// Onset of an interstate episode.
    pub onset: Vec<Option<bool>>,
    /// Last active year of an interstate episode.
    pub termination: Vec<Option<bool>>,
    /// Episode number within the dyad.
    pub episode_id: Vec<Option<u32>>,
    /// Episode under way when the data starts.
    pub left_censored: Vec<Option<bool>>,
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
    /// `name version` of the conflict data.
    pub source: String,
    /// The options used.
    pub spec: PanelSpec,
    /// Coverage of the conflict data.
    pub coverage: (i32, i32),
    /// Provenance of the conflict data.
    pub conflict_provenance: Provenance,
    /// Provenance of the state list.
    pub states_provenance: Provenance,
    /// How membership after the end of the state list is filled ([`super::state_list_fill`]).
    pub state_list_fill: super::StateListFill,
}

impl DyadYearPanel {
    /// Index of the row of `(a, b)` in `year` (rows sorted by `a`, `b`, `year`).
    #[must_use]
    pub fn row(&self, a: u16, b: u16, year: i32) -> Option<usize> {
        let key = (a, b, year);
        let (mut lo, mut hi) = (0, self.year.len());
        while lo < hi {
            let mid = usize::midpoint(lo, hi);
            match (self.gwcode_a[mid], self.gwcode_b[mid], self.year[mid]).cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }
}

impl Panel for DyadYearPanel {
    fn len(&self) -> usize {
        self.year.len()
    }

    fn columns(&self) -> Vec<(&'static str, ColumnRef<'_>)> {
        vec![
            ("gwcode_a", ColumnRef::U16(&self.gwcode_a)),
            ("gwcode_b", ColumnRef::U16(&self.gwcode_b)),
            ("year", ColumnRef::I32(&self.year)),
            ("interstate", ColumnRef::OptBool(&self.interstate)),
            ("opposed", ColumnRef::OptBool(&self.opposed)),
            ("onset", ColumnRef::OptBool(&self.onset)),
            ("termination", ColumnRef::OptBool(&self.termination)),
            ("episode_id", ColumnRef::OptU32(&self.episode_id)),
            ("left_censored", ColumnRef::OptBool(&self.left_censored)),
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
            panel: if self.spec.directed {
                "dyad-year (directed)"
            } else {
                "dyad-year (undirected)"
            },
            spec: self.spec,
            coverage: self.coverage,
            conflict_data: self.conflict_provenance.clone(),
            state_list: Some(self.states_provenance.clone()),
            state_list_fill: Some(self.state_list_fill.clone()),
            unmatched: None,
        }
    }
}

fn ordered(a: u16, b: u16) -> (u16, u16) {
    if a < b { (a, b) } else { (b, a) }
}

/// Builds the dyad-year panel of `states` with interstate conflict variables from `acd`.
pub fn dyad_year(states: &GwStates, acd: &Acd, spec: &PanelSpec) -> Result<DyadYearPanel> {
    let (c0, c1) = coverage(acd)?;
    let (first, last) = spec.resolve((c0, c1))?;
    let micro = spec.include_microstates;

    // Per pair, the years it is active (sorted, distinct): most pairs never are, and are
    // looked up once rather than once per year.
    let mut interstate: HashMap<(u16, u16), Vec<i32>> = HashMap::new();
    let mut opposed: HashMap<(u16, u16), Vec<i32>> = HashMap::new();
    let mut prior: HashSet<(u16, u16)> = HashSet::new();
    for r in &acd.records {
        for a in r.gwno_a.iter().chain(&r.gwno_a_2nd) {
            for b in r.gwno_b.iter().chain(&r.gwno_b_2nd) {
                if a != b {
                    let (x, y) = ordered(a.0, b.0);
                    opposed.entry((x, y)).or_default().push(r.year);
                }
            }
        }
        if r.type_of_conflict == TypeOfConflict::Interstate {
            for a in &r.gwno_a {
                for b in &r.gwno_b {
                    if a != b {
                        let (x, y) = ordered(a.0, b.0);
                        interstate.entry((x, y)).or_default().push(r.year);
                        if r.start_date.year() < c0 {
                            prior.insert((x, y));
                        }
                    }
                }
            }
        }
    }

    for years in interstate.values_mut().chain(opposed.values_mut()) {
        years.sort_unstable();
        years.dedup();
    }
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
    // Membership per state over the window, and in the year before coverage.
    let member: HashMap<u16, (Vec<bool>, bool)> = codes
        .iter()
        .map(|&gw| {
            let m = (0..nw)
                .map(|k| states.is_member(GwCode(gw), w0 + k as i32, micro))
                .collect();
            (gw, (m, states.is_member(GwCode(gw), c0 - 1, micro)))
        })
        .collect();

    // The number of rows (pairs × years with both states members), so that the columns are
    // allocated once.
    let (k0, k1) = ((first - w0) as usize, (last - w0) as usize);
    let in_panel: Vec<&[bool]> = codes.iter().map(|gw| &member[gw].0[k0..=k1]).collect();
    let mut rows = 0;
    for (i, ma) in in_panel.iter().enumerate() {
        for &mb in &in_panel[i + 1..] {
            rows += ma.iter().zip(mb).filter(|(a, b)| **a && **b).count();
        }
    }
    if spec.directed {
        rows *= 2;
    }
    let mut p = DyadYearPanel {
        gwcode_a: Vec::with_capacity(rows),
        gwcode_b: Vec::with_capacity(rows),
        year: Vec::with_capacity(rows),
        interstate: Vec::with_capacity(rows),
        opposed: Vec::with_capacity(rows),
        onset: Vec::with_capacity(rows),
        termination: Vec::with_capacity(rows),
        episode_id: Vec::with_capacity(rows),
        left_censored: Vec::with_capacity(rows),
        peace_years: Vec::with_capacity(rows),
        at_risk: Vec::with_capacity(rows),
        peace_censored: Vec::with_capacity(rows),
        years_since_active: Vec::with_capacity(rows),
        years_since_onset: Vec::with_capacity(rows),
        source: format!("{} {}", acd.provenance.name, acd.provenance.version),
        spec: *spec,
        coverage: (c0, c1),
        conflict_provenance: acd.provenance.clone(),
        states_provenance: states.provenance.clone(),
        state_list_fill: super::state_list_fill(states, last),
    };

    let mut both = vec![false; nw];
    let mut series: Vec<Option<YearState>> = vec![None; nw];
    let mut active = Vec::with_capacity(nw);
    let mut out = Vec::with_capacity(nw);
    for &a in &codes {
        for &b in &codes {
            if a == b || (!spec.directed && a > b) {
                continue;
            }
            let (x, y) = ordered(a, b);
            let (ma, pa) = &member[&x];
            let (mb, pb) = &member[&y];
            let no_years: &[i32] = &[];
            let ist = interstate.get(&(x, y)).map_or(no_years, Vec::as_slice);
            let opp = opposed.get(&(x, y)).map_or(no_years, Vec::as_slice);
            let mut any_row = false;
            for k in 0..nw {
                both[k] = ma[k] && mb[k];
                let year = w0 + k as i32;
                any_row |= both[k] && (first..=last).contains(&year);
            }
            if !any_row {
                continue;
            }
            series.iter_mut().for_each(|s| *s = None);
            let mut episode_offset = 0;
            let mut k = 0;
            while k < nw {
                if !both[k] {
                    k += 1;
                    continue;
                }
                let run_start = k;
                while k < nw && both[k] {
                    k += 1;
                }
                let (ys, ye) = (w0 + run_start as i32, w0 + k as i32 - 1);
                let (cs, ce) = (ys.max(c0), ye.min(c1));
                if cs > ce {
                    continue;
                }
                let at_coverage_start = cs == c0 && *pa && *pb;
                let ctx = SeriesContext {
                    at_coverage_start,
                    prior_activity: at_coverage_start && prior.contains(&(x, y)),
                    inactive_before: 0,
                    unit_ends: ye < c1,
                    gap: spec.gap,
                };
                active.clear();
                active.extend((cs..=ce).map(|yr| ist.binary_search(&yr).is_ok()));
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
                if !both[k] {
                    continue;
                }
                let covered = (c0..=c1).contains(&year);
                let st = series[k].filter(|_| covered);
                p.gwcode_a.push(a);
                p.gwcode_b.push(b);
                p.year.push(year);
                p.interstate
                    .push(covered.then(|| ist.binary_search(&year).is_ok()));
                p.opposed
                    .push(covered.then(|| opp.binary_search(&year).is_ok()));
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
    }
    debug_assert_eq!(p.year.len(), rows);
    Ok(p)
}
