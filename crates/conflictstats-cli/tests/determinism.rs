//! Determinism: the same inputs give byte-identical output whatever the thread count
//! (`RAYON_NUM_THREADS` 1, 2 and 8) and across runs — stdout and stderr alike.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_conflictstats");

fn run(args: &[&str], threads: &str) -> (Vec<u8>, Vec<u8>) {
    let out = Command::new(BIN)
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("run conflictstats");
    assert!(
        out.status.success(),
        "{args:?} with {threads} threads: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (out.stdout, out.stderr)
}

fn assert_deterministic(args: &[&str]) {
    let reference = run(args, "1");
    assert!(!reference.0.is_empty(), "{args:?}: no output");
    for threads in ["1", "2", "8", "8"] {
        let again = run(args, threads);
        assert!(
            again == reference,
            "{args:?}: output with RAYON_NUM_THREADS={threads} differs from the first run"
        );
    }
}

#[test]
fn count_is_deterministic() {
    assert_deterministic(&["count", "--format", "csv", "--by", "region"]);
    assert_deterministic(&["count", "--format", "json", "--unit", "country"]);
    assert_deterministic(&[
        "count",
        "--format",
        "json",
        "--unit",
        "legal_relationship",
        "--persistence",
        "3",
    ]);
}

#[test]
fn trend_with_bootstrap_is_deterministic() {
    assert_deterministic(&[
        "trend",
        "--format",
        "json",
        "--bootstrap",
        "2000",
        "--seed",
        "7",
    ]);
    assert_deterministic(&["trend", "--unit", "dyad", "--bootstrap", "500"]);
}

#[test]
fn reconcile_is_deterministic() {
    assert_deterministic(&["reconcile", "--format", "json"]);
    assert_deterministic(&["reconcile", "--format", "csv", "--year", "2020"]);
}

#[test]
fn panels_are_deterministic() {
    assert_deterministic(&["panel", "state-year", "--format", "csv"]);
    assert_deterministic(&[
        "panel",
        "dyad-year",
        "--from",
        "2022",
        "--to",
        "2024",
        "--format",
        "json",
    ]);
    assert_deterministic(&["panel", "conflict-year", "--format", "csv"]);
    assert_deterministic(&[
        "panel", "events", "--unit", "priogrid", "--period", "month", "--format", "json",
    ]);
}

#[test]
fn provenance_comment_and_warnings_are_deterministic() {
    let resave = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/bad-inputs/spreadsheet_resave.csv"
    );
    assert_deterministic(&[
        "count",
        "--format",
        "csv",
        "--provenance-comment",
        "--file",
        resave,
    ]);
}

// Provenance on every output (the checksum of every dataset read) and load warnings on stderr.

fn catalogue(name: &str) -> String {
    format!(
        "{}/../../tests/bad-inputs/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The SHA-256 of a shipped data file (`data/…`), computed from its bytes.
fn file_sha(rel: &str) -> String {
    let bytes = std::fs::read(format!("{}/../../data/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    conflictstats::data::registry::sha256_hex(&bytes)
}

/// Every `"sha256":"…"` value in a JSON document.
fn checksums(v: &serde_json::Value) -> std::collections::BTreeSet<String> {
    let text = v.to_string();
    text.split("\"sha256\":\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn every_json_output_carries_the_dataset_checksum() {
    // The default releases (ACD v26.1, v25.1 for the other UCDP datasets; the GED sample is
    // 23.1).
    const ACD: &str = "ucdp-acd/UcdpPrioConflict_v26_1.csv";
    const DYADIC: &str = "ucdp-dyadic/ucdp-dyadic-251.csv";
    const BRD: &str = "ucdp-brd/BattleDeaths_v25_1_conf.csv";
    const NONSTATE: &str = "ucdp-nonstate/NonState_v25_1.csv";
    const ONESIDED: &str = "ucdp-onesided/OneSided_v25_1.csv";
    const GED: &str = "ucdp-ged-sample/ged231_sample_1000.csv";
    const GW: &str = "gwstates/gwstates.csv";
    // Each output names exactly the checksums of the files it was computed from.
    for (args, files) in [
        (&["count", "--format", "json"][..], &[ACD][..]),
        // The trend's stock-and-flow part reads the G&W list (its onset rate per state).
        (
            &["trend", "--format", "json", "--bootstrap", "0"],
            &[ACD, GW],
        ),
        (
            &["reconcile", "--format", "json"],
            &[ACD, DYADIC, NONSTATE, ONESIDED],
        ),
        (&["deaths", "--format", "json"], &[BRD, NONSTATE, ONESIDED]),
        (&["ihl", "--format", "json"], &[ACD]),
        (&["panel", "conflict-year", "--format", "json"], &[ACD]),
        (&["panel", "events", "--format", "json"], &[GED]),
    ] {
        let (out, _) = run(args, "2");
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let want: std::collections::BTreeSet<String> = files.iter().map(|f| file_sha(f)).collect();
        assert_eq!(checksums(&v), want, "{args:?}");
    }
    // `datasets` lists every embedded release with the checksum of its file.
    let (out, _) = run(&["datasets", "--format", "json"], "2");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let want: std::collections::BTreeSet<String> = conflictstats::data::registry::REGISTRY
        .iter()
        .map(|e| file_sha(e.file_name))
        .collect();
    assert_eq!(want.len(), conflictstats::data::registry::REGISTRY.len());
    assert_eq!(checksums(&v), want);
}

#[test]
fn csv_keeps_its_header_first_unless_provenance_comments_are_asked_for() {
    // ACD v25.1, pinned: a copy converted from a spreadsheet re-save (byte_identity derived).
    let (plain, _) = run(&["count", "--version", "25.1", "--format", "csv"], "1");
    assert!(plain.starts_with(b"year,conflicts\n"));
    let (with, _) = run(
        &[
            "count",
            "--version",
            "25.1",
            "--format",
            "csv",
            "--provenance-comment",
        ],
        "1",
    );
    let text = String::from_utf8(with).unwrap();
    let first = text.lines().next().unwrap();
    let sha = conflictstats::data::registry::find("ucdp-acd", Some("25.1"))
        .unwrap()
        .sha256;
    assert_eq!(
        first,
        format!(
            "# dataset: ucdp-acd v25.1 sha256={sha} status=embedded byte_identity=derived source=embedded:ucdp-acd/UcdpPrioConflict_v25_1.csv"
        )
    );
    // The default, ACD v26.1: its byte-identity with UCDP's zip is unverified, and says so.
    let (latest, _) = run(&["count", "--format", "csv", "--provenance-comment"], "1");
    let latest = String::from_utf8(latest).unwrap();
    assert!(
        latest.starts_with("# dataset: ucdp-acd v26.1 sha256=2aea044f")
            && latest
                .lines()
                .next()
                .unwrap()
                .contains(" status=embedded byte_identity=unverified "),
        "{latest}"
    );
    assert_eq!(&text[first.len() + 1..], String::from_utf8(plain).unwrap());
    for args in [
        &["panel", "state-year", "--provenance-comment"][..],
        &["panel", "events", "--provenance-comment"],
        &["deaths", "--format", "csv", "--provenance-comment"],
        &["reconcile", "--format", "csv", "--provenance-comment"],
    ] {
        let (out, _) = run(args, "1");
        assert!(out.starts_with(b"# dataset: "), "{args:?}");
    }
}

#[test]
fn a_spreadsheet_resave_is_read_and_reported_on_stderr() {
    let file = catalogue("spreadsheet_resave.csv");
    let (out, err) = run(&["count", "--format", "csv", "--file", &file], "1");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "year,conflicts\n1967,1\n1968,0\n1969,0\n1970,0\n1971,0\n1972,0\n1973,0\n1974,0\n1975,0\n1976,0\n1977,0\n1978,0\n1979,0\n1980,0\n1981,0\n1982,0\n1983,0\n1984,0\n1985,0\n1986,0\n1987,0\n1988,0\n1989,0\n1990,0\n1991,0\n1992,0\n1993,0\n1994,0\n1995,0\n1996,0\n1997,0\n1998,0\n1999,0\n2000,0\n2001,0\n2002,0\n2003,0\n2004,0\n2005,0\n2006,0\n2007,0\n2008,0\n2009,0\n2010,0\n2011,0\n2012,1\n2013,0\n2014,1\n"
    );
    let err = String::from_utf8(err).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].starts_with("warning: ") && lines[0].contains("line 1: the file is `;`-separated")
    );
    assert!(lines[1].contains("line 2, column `start_date`: 9 date(s) written day first"));
    assert!(
        lines[2].contains("(ucdp-acd 25.1), but the file's SHA-256")
            && lines[2].contains("status modified, results are for this modified copy")
    );
    // The official release, byte-identical, is read without a word.
    let real = format!(
        "{}/../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let (_, err) = run(&["count", "--format", "csv", "--file", &real], "1");
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
}

#[test]
fn check_is_deterministic() {
    assert_deterministic(&["check", "--bootstrap", "200"]);
    assert_deterministic(&[
        "check",
        "--format",
        "csv",
        "--bootstrap",
        "200",
        "--seed",
        "3",
    ]);
}
