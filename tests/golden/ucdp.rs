//! Dyadic, Non-State, One-sided, `legal_relationship` and deaths for every embedded release,
//! against the golden files written by `tests/reference/ucdp_counts.py` (Python's csv module
//! over the raw CSV files, no conflictstats code).

use conflictstats::count::count_embedded;
use conflictstats::deaths::embedded_by_form_of_violence;
use conflictstats::{CountSpec, CountUnit};
use std::fmt::Write as _;

fn expected(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden/expected")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn tag(version: &str) -> String {
    format!("v{}", version.replace('.', "_"))
}

#[test]
fn unit_counts_of_every_release_match_the_reference_files() {
    let cases: [(&str, CountUnit, &[&str]); 3] = [
        ("dyadic", CountUnit::Dyad, &["25.1", "24.1"]),
        (
            "nonstate",
            CountUnit::NonstateConflict,
            &["25.1", "24.1", "23.1"],
        ),
        (
            "onesided",
            CountUnit::OnesidedActor,
            &["25.1", "24.1", "23.1"],
        ),
    ];
    for (file, unit, versions) in cases {
        for v in versions {
            let t = count_embedded(&CountSpec::new(unit), Some(v)).unwrap();
            assert_eq!(t.dataset.version, *v);
            let name = format!("{file}_{}_total.csv", tag(v));
            assert_eq!(t.to_csv(), expected(&name), "{name}");
        }
    }
}

#[test]
fn legal_relationship_v25_1_and_v24_1_match_the_reference_files() {
    for v in ["25.1", "24.1"] {
        for p in [0, 2] {
            let spec = CountSpec::new(CountUnit::LegalRelationship).persistence(p);
            let t = count_embedded(&spec, Some(v)).unwrap();
            let name = format!("legal_{}_p{p}.csv", tag(v));
            assert_eq!(t.to_csv(), expected(&name), "{name}");
        }
    }
}

#[test]
fn deaths_v25_1_and_v24_1_match_the_reference_files() {
    for v in ["25.1", "24.1"] {
        let (rows, provenance) = embedded_by_form_of_violence(Some(v)).unwrap();
        assert!(provenance.iter().all(|p| p.version == v));
        let mut csv = String::from("year,form,low,best,high\n");
        for r in &rows {
            for (form, e) in [
                ("state_based", r.state_based),
                ("non_state", r.non_state),
                ("one_sided", r.one_sided),
                ("total", r.total),
            ] {
                let _ = writeln!(csv, "{},{form},{},{},{}", r.year, e.low, e.best, e.high);
            }
        }
        let name = format!("deaths_{}.csv", tag(v));
        assert_eq!(csv, expected(&name), "{name}");
    }
}
