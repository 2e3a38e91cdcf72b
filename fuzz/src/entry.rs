//! The fuzzed entry points, shared by the `cargo fuzz` targets (`fuzz_targets/*.rs`) and by the
//! corpus replay in the workspace's tests (`tests/golden/bad_inputs.rs` includes this file), so
//! that CI replays every seed and every past crash through exactly the code that was fuzzed.
//!
//! Each entry point feeds arbitrary bytes to one loader and checks the contract beyond "no
//! panic": a failure is a typed error that names the file, whose line (if any) is ≥ 1 and whose
//! message renders; a success serialises to JSON and every warning names the file.

use conflictstats::data::{
    Acd, Brd, Crosswalk, Dyadic, Ged, GwStates, LoadWarning, NonState, OneSided,
};
use conflictstats::ihl::IhlLayer;
use conflictstats::{CountSpec, Error};
use std::sync::OnceLock;

/// The name every fuzzed input is loaded under.
pub const FILE: &str = "fuzz.csv";

/// Every target, by name (the directory names under `fuzz/seeds/` and `fuzz/regressions/`).
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("acd", acd),
    ("dyadic", dyadic),
    ("brd", brd),
    ("nonstate", nonstate),
    ("onesided", onesided),
    ("ged", ged),
    ("gwstates", gwstates),
    ("crosswalk", crosswalk),
    ("ihl", ihl),
    ("count_spec", count_spec),
];

fn check_error(err: &Error) {
    let msg = err.to_string();
    assert!(!msg.is_empty());
    if let Some(file) = err.file() {
        assert_eq!(file, FILE, "{msg}");
    }
    if let Some(line) = err.line() {
        assert!(line >= 1, "line 0 in {msg}");
    }
    if let Some(col) = err.column() {
        assert!(!col.is_empty() || msg.contains("``"), "{msg}");
    }
}

fn check_warnings(w: &[LoadWarning]) {
    for w in w {
        assert_eq!(w.file, FILE);
        assert!(w.line >= 1);
        assert!(!w.to_string().is_empty());
    }
}

fn check<T: serde::Serialize>(
    r: conflictstats::Result<T>,
    warnings: impl Fn(&T) -> &[LoadWarning],
) {
    match r {
        Ok(v) => {
            check_warnings(warnings(&v));
            serde_json::to_string(&v).expect("a loaded dataset serialises");
        }
        Err(e) => check_error(&e),
    }
}

/// The ACD loader (download and API layouts).
pub fn acd(data: &[u8]) {
    let r = Acd::from_bytes(FILE, data);
    if let Ok(acd) = &r {
        // Whatever loads must be countable or refused with a typed error, never a panic.
        let spec = CountSpec::new(conflictstats::CountUnit::Conflict);
        if let Err(e) = conflictstats::count(acd, &spec) {
            check_error(&e);
        }
    }
    check(r, |a| &a.warnings);
}

/// The UCDP Dyadic loader.
pub fn dyadic(data: &[u8]) {
    check(Dyadic::from_bytes(FILE, data), |d| &d.warnings);
}

/// The Battle-Related Deaths loader, either level (dyadic or conflict-level), and the deaths
/// sums over what it loads.
pub fn brd(data: &[u8]) {
    let r = Brd::from_bytes(FILE, data);
    if let Ok(b) = &r {
        let _ = conflictstats::deaths::by_conflict_year(b);
        let _ = conflictstats::deaths::by_country_year(b);
    }
    check(r, Brd::warnings);
}

/// The Non-State loader.
pub fn nonstate(data: &[u8]) {
    check(NonState::from_bytes(FILE, data), |d| &d.warnings);
}

/// The One-sided loader.
pub fn onesided(data: &[u8]) {
    check(OneSided::from_bytes(FILE, data), |d| &d.warnings);
}

/// The GED loader (columnar).
pub fn ged(data: &[u8]) {
    let r = Ged::from_bytes(FILE, data);
    if let Ok(g) = &r {
        let n = g.events.len();
        let e = &g.events;
        for col in [
            e.year.len(),
            e.best.len(),
            e.date_start.len(),
            e.date_end.len(),
            e.latitude.len(),
        ] {
            assert_eq!(col, n, "ragged GED columns");
        }
        assert!(e.date_start.iter().zip(&e.date_end).all(|(s, t)| s <= t));
    }
    check(r, |g| &g.warnings);
}

/// The Gleditsch–Ward state list loader.
pub fn gwstates(data: &[u8]) {
    check(GwStates::from_bytes(FILE, data), |g| &g.warnings);
}

/// The G&W ↔ ISO 3166 crosswalk loader.
pub fn crosswalk(data: &[u8]) {
    check(Crosswalk::from_bytes(FILE, data), |c| &c.warnings);
}

/// The user's curated IHL classification CSV, then a classification of the embedded ACD.
pub fn ihl(data: &[u8]) {
    let r = IhlLayer::from_bytes(FILE, data);
    if let Ok(layer) = &r {
        let c = layer.classify_conflicts(embedded_acd());
        assert_eq!(c.rows.len(), embedded_acd().records.len());
    }
    check(r, |l| &l.warnings);
}

/// `CountSpec` from JSON, then the count it asks for on the embedded ACD: a spec either
/// deserialises and counts, or is refused with a typed error.
pub fn count_spec(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(spec) = serde_json::from_str::<CountSpec>(text) else {
        return;
    };
    // A spec that deserialises serialises back to an equal spec.
    let again: CountSpec =
        serde_json::from_str(&serde_json::to_string(&spec).unwrap()).expect("round trip");
    assert_eq!(again, spec);
    let acd = embedded_acd();
    match spec.unit.datasets() {
        ["ucdp-acd"] => match conflictstats::count(acd, &spec) {
            Ok(t) => {
                let _ = t.to_csv();
            }
            Err(e) => check_error(&e),
        },
        _ => {
            if let Err(e) = conflictstats::count::count_in(&embedded_all().sources(), &spec) {
                check_error(&e);
            }
        }
    }
}

fn embedded_acd() -> &'static Acd {
    static ACD: OnceLock<Acd> = OnceLock::new();
    ACD.get_or_init(|| Acd::embedded(None).expect("embedded ACD"))
}

fn embedded_all() -> &'static conflictstats::count::Datasets {
    static ALL: OnceLock<conflictstats::count::Datasets> = OnceLock::new();
    ALL.get_or_init(|| {
        conflictstats::count::Datasets::embedded_for(
            &[
                conflictstats::CountUnit::Dyad,
                conflictstats::CountUnit::NonstateConflict,
                conflictstats::CountUnit::OnesidedActor,
                conflictstats::CountUnit::LegalRelationship,
            ],
            None,
        )
        .expect("embedded datasets")
    })
}
