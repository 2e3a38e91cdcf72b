//! `conflictstats diff`: ACD v25.1 → v26.1 as text, CSV and JSON, and its bad inputs.

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .output()
        .expect("the conflictstats binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "conflictstats {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn data(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(rel)
        .display()
        .to_string()
}

fn acd_v26_1() -> String {
    data("ucdp-acd/UcdpPrioConflict_v26_1.csv")
}

/// ACD v25.1 (embedded) → v26.1 (file): the table's one screen names the revisions of
/// SOURCE.md and 2024: 61 → 59.
#[test]
fn diff_acd_v25_1_to_v26_1_table() {
    let text = stdout(&["diff", "ucdp-acd", "25.1", &acd_v26_1()]);
    assert!(
        text.starts_with("UCDP/PRIO Armed Conflict Dataset: v25.1 → v26.1\n"),
        "{text}"
    );
    for needle in [
        "Records (conflict-year, key conflict_id + year): 2752 → 2816; 3 only in v25.1, 67 only in v26.1",
        "`version` is 25.1 → 26.1 in every record",
        "  conflict_id 375, year 2001: ",
        "  conflict_id 14197, year 2024: ",
        "  conflict_id 16379, year 2024: ",
        "  2025: 65 records, a year v25.1 does not cover",
        "  conflict_id 230, year 2008: ",
        "  conflict_id 289, year 2017: ",
        "Conflicts per year (unit `conflict`), the years that differ:",
        "  conflict_id 230, years 2012–2024: start_date2 2009-12-17 → 2008-07-16",
        "    2024      61      59          -2",
        "    2025       —      65  only in v26.1",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
    // A padded name is quoted, never printed bare.
    assert!(
        text.contains(r#"side_a_2nd Government of United States of America → " Government of United States of America""#),
        "{text}"
    );
    assert!(text.lines().count() <= 80, "more than one screen:\n{text}");
}

/// The CSV equals the independent reference (tests/reference/acd_diff.py) and JSON carries
/// both sides' provenance in the envelope.
#[test]
fn diff_acd_v25_1_to_v26_1_csv_and_json() {
    let csv = stdout(&["diff", "ucdp-acd", "25.1", &acd_v26_1(), "--format", "csv"]);
    let expected = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/golden/expected/diff_acd_v25_1_v26_1.csv"),
    )
    .unwrap();
    assert_eq!(csv, expected);
    let json = stdout(&["diff", "ucdp-acd", "25.1", &acd_v26_1(), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["command"], "diff");
    assert_eq!(v["datasets"][0]["version"], "25.1");
    assert_eq!(v["datasets"][1]["version"], "26.1");
    assert_eq!(v["spec"]["dataset"], "ucdp-acd");
    assert_eq!(v["result"]["record"], "conflict-year");
    assert_eq!(v["result"]["release_column"]["new"], "26.1");
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), csv.lines().count() - 1);
    assert!(rows.iter().any(|r| r["change"] == "count"
        && r["year"] == 2024
        && r["old"] == 61
        && r["new"] == 59
        && r["difference"] == -2));
    assert!(rows.iter().all(|r| r["field"] != "version"));
}

#[test]
fn diff_same_release_twice_is_empty_and_succeeds() {
    let text = stdout(&["diff", "ucdp-acd", "25.1", "25.1"]);
    assert!(text.contains("No record differs"), "{text}");
    let csv = stdout(&["diff", "ucdp-acd", "25.1", "25.1", "--format", "csv"]);
    assert_eq!(csv, "change,conflict_id,year,field,old,new,difference\n");
}

#[test]
fn diff_other_datasets_use_their_own_key() {
    let csv = stdout(&["diff", "ucdp-dyadic", "24.1", "25.1", "--format", "csv"]);
    assert!(
        csv.starts_with("change,dyad_id,year,field,old,new,difference\n"),
        "{csv}"
    );
    assert!(csv.contains("\ncount,,2024,dyads,,68,\n"), "{csv}");
    let csv = stdout(&["diff", "ucdp-onesided", "24.1", "25.1", "--format", "csv"]);
    assert!(csv.starts_with("change,actor_id,year,"), "{csv}");
    let text = stdout(&[
        "diff",
        "ucdp-acd",
        "25.1",
        &acd_v26_1(),
        "--unit",
        "country",
    ]);
    assert!(
        text.contains("Countries per year (unit `country`)"),
        "{text}"
    );
}

#[test]
fn diff_bad_inputs_are_errors_naming_what_to_do() {
    // Unknown dataset: a usage error listing the datasets.
    let out = run(&["diff", "ucdp-nonsense", "25.1", "26.1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ucdp-acd, ucdp-dyadic"));
    // A file of another dataset: the ACD loader names the missing column.
    let dyadic = data("ucdp-dyadic/ucdp-dyadic-251.csv");
    let out = run(&["diff", "ucdp-acd", "25.1", &dyadic]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("the header has no column"), "{err}");
    // An unknown release.
    let out = run(&["diff", "ucdp-acd", "25.1", "19.1", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "dataset");
    // Two layouts of the BRD, and a unit of other data.
    let out = run(&["diff", "ucdp-brd", "24.1", "25.1"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("different layouts"));
    let out = run(&["diff", "ucdp-acd", "25.1", "25.1", "--unit", "dyad"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("use a unit of ucdp-acd"));
}
