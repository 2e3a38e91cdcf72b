//! Codes of the conflict data that reach no G&W member in their year, after UCDP's codes are
//! mapped to G&W's ([`UcdpGw`](crate::data::UcdpGw)): listed in the panels' metadata
//! (`unmatched`) **and** reported as [`LoadWarning`]s of kind
//! [`WarningKind::UnmatchedCode`] naming the codes, years, columns and conflicts (the CLI
//! prints them on stderr, Python issues them as `ConflictStatsWarning`s).

use crate::data::{Acd, GwStates, LoadWarning, WarningKind};
use crate::model::GwCode;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A conflict-year whose state has no G&W membership in that year (reported, not dropped
/// silently: such a state-year has no row to carry it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Unmatched {
    /// The G&W code in the conflict data (after the UCDP → G&W rules).
    pub gwcode: u16,
    /// The year.
    pub year: i32,
    /// `location` or `party`.
    pub role: &'static str,
}

/// What was seen of one code that is no member: the years, columns and conflicts.
#[derive(Debug, Default)]
struct Seen {
    years: BTreeSet<i32>,
    columns: BTreeSet<&'static str>,
    conflicts: BTreeSet<u32>,
    records: u64,
}

/// The unmatched codes of `acd` (mapped by `rules`) in the years `first..=last`: the
/// metadata list (microstates left out of the panel included) and one warning per code that
/// names no G&W member at all in the year.
pub(crate) fn unmatched(
    acd: &Acd,
    states: &GwStates,
    rules: &crate::data::UcdpGw,
    (first, last): (i32, i32),
    micro: bool,
) -> (Vec<Unmatched>, Vec<LoadWarning>) {
    type Col = (
        &'static str,
        fn(&crate::model::ConflictYear) -> &Vec<GwCode>,
    );
    const COLUMNS: [Col; 5] = [
        ("gwno_loc", |r| &r.gwno_loc),
        ("gwno_a", |r| &r.gwno_a),
        ("gwno_a_2nd", |r| &r.gwno_a_2nd),
        ("gwno_b", |r| &r.gwno_b),
        ("gwno_b_2nd", |r| &r.gwno_b_2nd),
    ];
    let mut list = BTreeSet::new();
    let mut seen: BTreeMap<u16, Seen> = BTreeMap::new();
    for r in acd
        .records
        .iter()
        .filter(|r| (first..=last).contains(&r.year))
    {
        for (column, field) in COLUMNS {
            for code in field(r) {
                let gw = rules.gw(*code, r.year);
                if states.is_member(gw, r.year, micro) {
                    continue;
                }
                let role = if column == "gwno_loc" {
                    "location"
                } else {
                    "party"
                };
                list.insert(Unmatched {
                    gwcode: gw.0,
                    year: r.year,
                    role,
                });
                if states.is_member(gw, r.year, true) {
                    // A microstate the spec leaves out (Grenada 1983, Tonga 2004–2014): a
                    // choice of the caller, listed in `unmatched`, not a code to fix.
                    continue;
                }
                let s = seen.entry(gw.0).or_default();
                s.years.insert(r.year);
                s.columns.insert(column);
                s.conflicts.insert(r.conflict_id.0);
                s.records += 1;
            }
        }
    }
    let label = format!("{} {}", acd.provenance.name, acd.provenance.version);
    let warnings = seen
        .into_iter()
        .map(|(code, s)| warning(&acd.provenance.source, &label, states, code, &s))
        .collect();
    (list.into_iter().collect(), warnings)
}

fn warning(file: &str, label: &str, states: &GwStates, code: u16, s: &Seen) -> LoadWarning {
    let membership: Vec<String> = states
        .periods
        .iter()
        .filter(|p| p.gwcode.0 == code)
        .map(|p| match p.end {
            Some(e) => format!("{} to {e}", p.start),
            None => format!("from {}", p.start),
        })
        .collect();
    let known = match (membership.is_empty(), states.name(GwCode(code), 0)) {
        (false, Some(name)) => format!("{name}, a G&W member {}", membership.join(" and ")),
        _ => "not in the G&W list".to_string(),
    };
    let columns: Vec<&str> = s.columns.iter().copied().collect();
    let conflicts: Vec<String> = s.conflicts.iter().map(u32::to_string).collect();
    LoadWarning {
        kind: WarningKind::UnmatchedCode,
        file: file.to_string(),
        line: 0,
        column: columns.first().map(|c| (*c).to_string()),
        count: s.records,
        message: format!(
            "{label}: code {code} ({known}) in {} of {} conflict-year record{} in {}, conflict{} {}: no G&W member in those years, so these conflict-years reach no row of a state-based panel (if UCDP's code differs from G&W's, add a dated rule to data/crosswalk/ucdp_gw.csv)",
            columns.join(", "),
            s.records,
            if s.records == 1 { "" } else { "s" },
            year_ranges(&s.years),
            if s.conflicts.len() == 1 { "" } else { "s" },
            conflicts.join(", ")
        ),
    }
}

/// `1955–1959, 1962`.
fn year_ranges(years: &BTreeSet<i32>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut it = years.iter().copied().peekable();
    while let Some(start) = it.next() {
        let mut end = start;
        while it.peek() == Some(&(end + 1)) {
            end += 1;
            it.next();
        }
        out.push(if start == end {
            start.to_string()
        } else {
            format!("{start}–{end}")
        });
    }
    out.join(", ")
}
