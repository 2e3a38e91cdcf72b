//! The state-year panel's conflict variables per (state, year), under a participation role,
//! with UCDP's codes mapped to G&W's.

use super::super::Role;
use super::super::conflict_year::conflict_series;
use crate::data::{Acd, UcdpGw};
use crate::model::Intensity;
use chrono::Datelike;
use std::collections::{BTreeSet, HashMap};

/// One state-year's conflict variables.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Acc {
    /// Active conflicts in which the state takes the role.
    pub conflicts: u32,
    /// A primary party to an active conflict-year.
    pub primary: bool,
    /// Any party, secondary included.
    pub any: bool,
    /// Highest intensity of the conflicts counted (0 none, 1 minor, 2 war).
    pub max_intensity: u8,
    /// Onsets of conflict episodes in which the state takes the role.
    pub conflict_onsets: u32,
    /// One of those onsets is unknown (left-censored).
    pub onset_unknown: bool,
}

/// The conflict variables of every (G&W code, year), and the states with evidence of
/// activity (in the role) before the coverage starts.
pub(super) struct Conflicts {
    pub acc: HashMap<(u16, i32), Acc>,
    pub prior_activity: BTreeSet<u16>,
}

/// Accumulates `acd` under `role`, codes mapped by `rules`; `(c0, c1)` the coverage.
pub(super) fn accumulate(
    acd: &Acd,
    role: Role,
    rules: &UcdpGw,
    (c0, c1): (i32, i32),
    gap: u32,
) -> Conflicts {
    let mut acc: HashMap<(u16, i32), Acc> = HashMap::new();
    let mut prior_activity = BTreeSet::new();
    for r in &acd.records {
        let intensity = match r.intensity {
            Intensity::Minor => 1,
            Intensity::War => 2,
        };
        for gw in rules.map_all(role.codes(r), r.year) {
            let a = acc.entry((gw, r.year)).or_default();
            a.conflicts += 1;
            a.max_intensity = a.max_intensity.max(intensity);
            if r.start_date.year() < c0 {
                prior_activity.insert(gw);
            }
        }
        for gw in rules.map_all(Role::Primary.codes(r), r.year) {
            acc.entry((gw, r.year)).or_default().primary = true;
        }
        for gw in rules.map_all(Role::Any.codes(r), r.year) {
            acc.entry((gw, r.year)).or_default().any = true;
        }
    }
    // Conflict-level episode onsets, attributed to the states in the role in the onset year.
    let by_key: HashMap<(u32, i32), usize> = acd
        .records
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.conflict_id.0, r.year), i))
        .collect();
    for series in conflict_series(acd, (c0, c1), gap) {
        for (k, st) in series.states.iter().enumerate() {
            let year = series.first_year + k as i32;
            if !series.active[k] || st.onset == Some(false) {
                continue;
            }
            let Some(&i) = by_key.get(&(series.id, year)) else {
                continue;
            };
            for gw in rules.map_all(role.codes(&acd.records[i]), year) {
                let a = acc.entry((gw, year)).or_default();
                match st.onset {
                    Some(true) => a.conflict_onsets += 1,
                    _ => a.onset_unknown = true,
                }
            }
        }
    }
    Conflicts {
        acc,
        prior_activity,
    }
}
