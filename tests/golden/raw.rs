//! Independent references for the golden tests: per-year counts read from the shipped UCDP
//! CSV files with the `csv` crate alone (no conflictstats loader, counter or formatter).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub const ACD: &str = "ucdp-acd/UcdpPrioConflict_v25_1.csv";

/// The raw files of one UCDP release, as shipped under `data/`.
pub struct Release {
    pub version: &'static str,
    pub acd: &'static str,
    pub dyadic: &'static str,
    pub nonstate: &'static str,
    pub onesided: &'static str,
}

pub const V25_1: Release = Release {
    version: "25.1",
    acd: "ucdp-acd/UcdpPrioConflict_v25_1.csv",
    dyadic: "ucdp-dyadic/ucdp-dyadic-251.csv",
    nonstate: "ucdp-nonstate/NonState_v25_1.csv",
    onesided: "ucdp-onesided/OneSided_v25_1.csv",
};

pub const V24_1: Release = Release {
    version: "24.1",
    acd: "ucdp-acd/UcdpPrioConflict_v24_1.api.csv",
    dyadic: "ucdp-dyadic/Dyadic_v24_1.csv",
    nonstate: "ucdp-nonstate/NonState_v24_1.api.csv",
    onesided: "ucdp-onesided/OneSided_v24_1.api.csv",
};

impl Release {
    /// The four files, ACD first.
    pub fn files(&self) -> [&'static str; 4] {
        [self.acd, self.dyadic, self.nonstate, self.onesided]
    }
}

pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../data")
        .join(rel)
}

/// The distinct values per year of the named columns of a raw file; a field holding a list
/// ("365, 369") gives each of its items, empty fields none.
pub fn distinct_per_year(rel: &str, cols: &[&str]) -> BTreeMap<i32, BTreeSet<String>> {
    let mut rdr = csv::Reader::from_path(data(rel)).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let year = col("year");
    let cols: Vec<usize> = cols.iter().map(|c| col(c)).collect();
    let mut out: BTreeMap<i32, BTreeSet<String>> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let set = out.entry(rec[year].trim().parse().unwrap()).or_default();
        for &c in &cols {
            for t in rec[c].split(',').map(str::trim).filter(|t| !t.is_empty()) {
                set.insert(t.to_string());
            }
        }
    }
    out
}

/// Sizes of [`distinct_per_year`].
pub fn count_per_year(rel: &str, cols: &[&str]) -> BTreeMap<i32, usize> {
    distinct_per_year(rel, cols)
        .into_iter()
        .map(|(y, s)| (y, s.len()))
        .collect()
}

/// The `legal_relationship` unit with persistence `p`, from its definition: in year `t`, the
/// Dyadic dyads and the Non-State conflicts active in any year of `t - p..=t` (two separate id
/// spaces), for the years `t` whose `t - p..=t` both files cover.
pub fn legal_relationships(r: &Release, p: i32) -> BTreeMap<i32, usize> {
    let dy = distinct_per_year(r.dyadic, &["dyad_id"]);
    let ns = distinct_per_year(r.nonstate, &["conflict_id"]);
    let first = dy.keys().next().unwrap().max(ns.keys().next().unwrap()) + p;
    let last = *dy.keys().last().unwrap().min(ns.keys().last().unwrap());
    (first..=last)
        .map(|t| {
            let mut set = BTreeSet::new();
            for y in t - p..=t {
                set.extend(dy.get(&y).into_iter().flatten().map(|id| ("dyad", id)));
                set.extend(ns.get(&y).into_iter().flatten().map(|id| ("nonstate", id)));
            }
            (t, set.len())
        })
        .collect()
}

/// Per-year counts of a reconciliation row label ("conflict", "legal_relationship p=3", …),
/// for the years the unit covers.
pub fn unit_counts(r: &Release, label: &str) -> BTreeMap<i32, usize> {
    match label {
        "conflict" => count_per_year(r.acd, &["conflict_id"]),
        "country" => count_per_year(r.acd, &["gwno_loc"]),
        "state_party" => count_per_year(r.acd, &["gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"]),
        "dyad" => count_per_year(r.dyadic, &["dyad_id"]),
        "nonstate_conflict" => count_per_year(r.nonstate, &["conflict_id"]),
        "onesided_actor" => count_per_year(r.onesided, &["actor_id"]),
        other => {
            let p = other
                .strip_prefix("legal_relationship p=")
                .unwrap_or_else(|| panic!("unknown unit {other:?}"));
            legal_relationships(r, p.parse().unwrap())
        }
    }
}
