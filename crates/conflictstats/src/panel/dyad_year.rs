//! The dyad-year panel: pairs of G&W states that are both system members in a year.
//!
//! Undirected (default): one row per pair `gwcode_a < gwcode_b`. Directed: one row per ordered
//! pair, both orders (values are symmetric).
//!
//! | column | meaning |
//! |---|---|
//! | `gwcode_a`, `statename_a`, `gwcode_b`, `statename_b`, `year` | the pair and year; each code followed by its G&W name in that year ([`StateNames`]) |
//! | `interstate` | an active **interstate** conflict-year (`type_of_conflict` 2) with one state in `gwno_a` and the other in `gwno_b` |
//! | `opposed` | the two states on opposite sides of any active conflict-year, secondary parties included (e.g. troops supporting a government against rebels backed by the other) |
//! | `onset`, `termination`, `episode_id`, `left_censored`, `peace_years`, `at_risk`, `peace_censored`, `years_since_active`, `years_since_onset` | episodes and peace spells of `interstate` under role `primary` (the default), of `opposed` under role `any` (see [`episodes`](super::episodes)) |
//! | `role` | the participation role coded: `primary` or `any` ([`Role`]; a pair has no `location`) |
//!
//! Conflict columns are null outside the conflict data's coverage. UCDP's codes are mapped to
//! G&W's first ([`UcdpGw`]); codes that name no member in their year are
//! reported in `warnings`.
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

use super::episodes::{SeriesContext, YearState, analyse, place_spell};
use super::{ColumnRef, Panel, PanelSpec, Role, StateNames, Unmatched, coverage};
use crate::data::{Acd, GwStates, LoadWarning, Provenance, UcdpGw};
use crate::error::{Error, Result};
use crate::model::{GwCode, TypeOfConflict};
use chrono::Datelike;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The dyad-year panel (columns).
#[derive(Debug, Clone, Serialize)]
pub struct DyadYearPanel {
    /// First state.
    pub gwcode_a: Vec<u16>,
    /// `statename_a`: the G&W name of `gwcode_a` in `year`.
    pub statename_a: StateNames,
    /// Second state.
    pub gwcode_b: Vec<u16>,
    /// `statename_b`: the G&W name of `gwcode_b` in `year`.
    pub statename_b: StateNames,
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
    /// The participation role whose episodes are coded (`primary` or `any`).
    pub role: Role,
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
    /// Conflict-years of states that are not members in that year.
    pub unmatched: Vec<Unmatched>,
    /// The unmatched codes as warnings (one per code: years, columns, conflicts).
    pub warnings: Vec<LoadWarning>,
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
            ("statename_a", ColumnRef::Names(&self.statename_a)),
            ("gwcode_b", ColumnRef::U16(&self.gwcode_b)),
            ("statename_b", ColumnRef::Names(&self.statename_b)),
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
            ("role", ColumnRef::Const(self.role.key())),
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
            unmatched: Some(self.unmatched.clone()),
            role: Some(self.role),
        }
    }
}

fn ordered(a: u16, b: u16) -> (u16, u16) {
    if a < b { (a, b) } else { (b, a) }
}

/// Per pair, the years it is active (sorted, distinct): most pairs never are, and are looked
/// up once rather than once per year.
type PairYears = HashMap<(u16, u16), Vec<i32>>;

/// The pairs' interstate and opposed years, and the pairs with activity (under `role`) before
/// the coverage starts in `c0`; codes mapped by `rules`.
fn pair_years(
    acd: &Acd,
    rules: &UcdpGw,
    role: Role,
    c0: i32,
) -> (PairYears, PairYears, HashSet<(u16, u16)>) {
    let mut interstate: PairYears = HashMap::new();
    let mut opposed: PairYears = HashMap::new();
    let mut prior: HashSet<(u16, u16)> = HashSet::new();
    for r in &acd.records {
        let early = r.start_date.year() < c0;
        let side_a = rules.map_all(r.gwno_a.iter().chain(&r.gwno_a_2nd), r.year);
        let side_b = rules.map_all(r.gwno_b.iter().chain(&r.gwno_b_2nd), r.year);
        for &a in &side_a {
            for &b in side_b.iter().filter(|&&b| b != a) {
                opposed.entry(ordered(a, b)).or_default().push(r.year);
                if early && role == Role::Any {
                    prior.insert(ordered(a, b));
                }
            }
        }
        if r.type_of_conflict == TypeOfConflict::Interstate {
            let primary_b = rules.map_all(&r.gwno_b, r.year);
            for a in rules.map_all(&r.gwno_a, r.year) {
                for &b in primary_b.iter().filter(|&&b| b != a) {
                    interstate.entry(ordered(a, b)).or_default().push(r.year);
                    if early && role == Role::Primary {
                        prior.insert(ordered(a, b));
                    }
                }
            }
        }
    }
    for years in interstate.values_mut().chain(opposed.values_mut()) {
        years.sort_unstable();
        years.dedup();
    }
    (interstate, opposed, prior)
}

/// Builds the dyad-year panel of `states` with interstate conflict variables from `acd`: the
/// episodes of `interstate` under role `primary` (the default), of `opposed` under `any`.
pub fn dyad_year(states: &GwStates, acd: &Acd, spec: &PanelSpec) -> Result<DyadYearPanel> {
    let (c0, c1) = coverage(acd)?;
    let (first, last) = spec.resolve((c0, c1))?;
    let micro = spec.include_microstates;
    let role = match spec.role.unwrap_or(Role::Primary) {
        Role::Location => {
            return Err(Error::spec(
                "the dyad-year panel takes role primary (interstate conflict between primary parties) or any (opposite sides of any conflict, secondary parties included): a pair of states has no location",
            ));
        }
        role => role,
    };
    let rules = UcdpGw::embedded()?;
    let (interstate, opposed, prior) = pair_years(acd, rules, role, c0);
    let (unmatched, warnings) =
        super::unmatched::unmatched(acd, states, rules, (first, last), micro);
    let f = Frame {
        w0: first.min(c0),
        rows: (first, last),
        coverage: (c0, c1),
        gap: spec.gap,
    };
    let nw = (last.max(c1) - f.w0 + 1) as usize;
    let (codes, member) = memberships(states, &f, nw, micro);
    let rows = row_count(&codes, &member, &f, spec.directed);
    let mut p = DyadYearPanel::with_capacity(rows, role, acd, states, spec, &f);
    p.unmatched = unmatched;
    p.warnings = warnings;

    let mut both = vec![false; nw];
    let mut series: Vec<Option<YearState>> = vec![None; nw];
    let mut scratch = (Vec::with_capacity(nw), Vec::with_capacity(nw));
    for &a in &codes {
        for &b in &codes {
            if a == b || (!spec.directed && a > b) {
                continue;
            }
            let pair = ordered(a, b);
            let (ma, pa) = &member[&pair.0];
            let (mb, pb) = &member[&pair.1];
            let no_years: &[i32] = &[];
            let ist = interstate.get(&pair).map_or(no_years, Vec::as_slice);
            let opp = opposed.get(&pair).map_or(no_years, Vec::as_slice);
            let mut any_row = false;
            for k in 0..nw {
                both[k] = ma[k] && mb[k];
                any_row |= both[k] && (first..=last).contains(&(f.w0 + k as i32));
            }
            if !any_row {
                continue;
            }
            let coded = if role == Role::Any { opp } else { ist };
            let history = (*pa && *pb, prior.contains(&pair));
            f.episodes(&both, coded, history, &mut series, &mut scratch);
            p.push_pair(&f, (a, b), &both, &series, (ist, opp));
        }
    }
    debug_assert_eq!(p.year.len(), rows);
    p.statename_a = StateNames::of(states, &p.gwcode_a, &p.year);
    p.statename_b = StateNames::of(states, &p.gwcode_b, &p.year);
    Ok(p)
}

/// The years of a dyad-year panel: the analysis window's first year, the rows' years, the
/// coverage and the episode gap.
struct Frame {
    w0: i32,
    rows: (i32, i32),
    coverage: (i32, i32),
    gap: u32,
}

/// Per state, membership in each year of the window and in the year before coverage.
type Membership = HashMap<u16, (Vec<bool>, bool)>;

/// The states of the panel (sorted) and their [`Membership`].
fn memberships(states: &GwStates, f: &Frame, nw: usize, micro: bool) -> (Vec<u16>, Membership) {
    let mut codes: Vec<u16> = states
        .periods
        .iter()
        .filter(|p| micro || !p.microstate)
        .map(|p| p.gwcode.0)
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let member = codes
        .iter()
        .map(|&gw| {
            let m = (0..nw)
                .map(|k| states.is_member(GwCode(gw), f.w0 + k as i32, micro))
                .collect();
            (
                gw,
                (m, states.is_member(GwCode(gw), f.coverage.0 - 1, micro)),
            )
        })
        .collect();
    (codes, member)
}

/// The number of rows (pairs × years with both states members), so that the columns are
/// allocated once.
fn row_count(codes: &[u16], member: &Membership, f: &Frame, directed: bool) -> usize {
    let (k0, k1) = ((f.rows.0 - f.w0) as usize, (f.rows.1 - f.w0) as usize);
    let in_panel: Vec<&[bool]> = codes.iter().map(|gw| &member[gw].0[k0..=k1]).collect();
    let mut rows = 0;
    for (i, ma) in in_panel.iter().enumerate() {
        for &mb in &in_panel[i + 1..] {
            rows += ma.iter().zip(mb).filter(|(a, b)| **a && **b).count();
        }
    }
    if directed { rows * 2 } else { rows }
}

impl Frame {
    /// The episode state of each year of a pair whose states are both members in the years
    /// `both` flags, active in the `coded` years (sorted); `history`: both members the year
    /// before coverage, and activity before coverage. Each run of joint membership, clipped
    /// to the coverage, is one series (episode numbers continue across runs).
    fn episodes(
        &self,
        both: &[bool],
        coded: &[i32],
        history: (bool, bool),
        series: &mut [Option<YearState>],
        (active, out): &mut (Vec<bool>, Vec<YearState>),
    ) {
        let (c0, c1) = self.coverage;
        series.iter_mut().for_each(|s| *s = None);
        let mut episode_offset = 0;
        let mut k = 0;
        while k < both.len() {
            if !both[k] {
                k += 1;
                continue;
            }
            let run_start = k;
            while k < both.len() && both[k] {
                k += 1;
            }
            let (ys, ye) = (self.w0 + run_start as i32, self.w0 + k as i32 - 1);
            let (cs, ce) = (ys.max(c0), ye.min(c1));
            if cs > ce {
                continue;
            }
            let at_coverage_start = cs == c0 && history.0;
            let ctx = SeriesContext {
                at_coverage_start,
                prior_activity: at_coverage_start && history.1,
                inactive_before: 0,
                unit_ends: ye < c1,
                gap: self.gap,
            };
            active.clear();
            active.extend((cs..=ce).map(|yr| coded.binary_search(&yr).is_ok()));
            analyse(active, &ctx, out);
            episode_offset += place_spell(series, (cs - self.w0) as usize, out, episode_offset);
        }
    }
}

impl DyadYearPanel {
    /// An empty panel with room for `rows` rows.
    fn with_capacity(
        rows: usize,
        role: Role,
        acd: &Acd,
        states: &GwStates,
        spec: &PanelSpec,
        f: &Frame,
    ) -> DyadYearPanel {
        DyadYearPanel {
            gwcode_a: Vec::with_capacity(rows),
            statename_a: StateNames::default(),
            gwcode_b: Vec::with_capacity(rows),
            statename_b: StateNames::default(),
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
            role,
            source: acd.provenance.source_label(),
            spec: PanelSpec {
                role: Some(role),
                ..*spec
            },
            coverage: f.coverage,
            conflict_provenance: acd.provenance.clone(),
            states_provenance: states.provenance.clone(),
            state_list_fill: super::state_list_fill(states, f.rows.1),
            unmatched: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Appends the rows of the pair `(a, b)`: the years of the panel in which both are
    /// members, with the pair's interstate and opposed years `(ist, opp)`.
    fn push_pair(
        &mut self,
        f: &Frame,
        (a, b): (u16, u16),
        both: &[bool],
        series: &[Option<YearState>],
        (ist, opp): (&[i32], &[i32]),
    ) {
        let (c0, c1) = f.coverage;
        let p = self;
        for year in f.rows.0..=f.rows.1 {
            let k = (year - f.w0) as usize;
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
