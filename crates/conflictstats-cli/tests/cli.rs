//! Runs the `conflictstats` binary on the embedded data and on bad files.

use std::path::PathBuf;
use std::process::{Command, Output};

/// The binary with a cache directory of its own (never the user's, never another test's:
/// `panel events` records verified hashes and columns there).
fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .env("CONFLICTSTATS_CACHE", fresh_cache())
        .output()
        .expect("the conflictstats binary runs")
}

/// A cache directory no other run uses.
fn fresh_cache() -> PathBuf {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    std::env::temp_dir()
        .join(format!("conflictstats-cli-{}", std::process::id()))
        .join(format!("cache-{n}"))
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

fn expected(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/golden/expected")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("conflictstats-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

/// Every year 1946–2025 of ACD v26.1, 1946–2024 of v25.1 and 1946–2023 of v24.1: totals,
/// per-type counts, war counts and location countries equal an independent count made with
/// Python's csv module (tests/reference/acd_counts.py), and so do the counts by region.
#[test]
fn count_csv_reproduces_every_year_of_every_release() {
    for (version, prefix) in [
        ("26.1", "acd_v26_1"),
        ("25.1", "acd_v25_1"),
        ("24.1", "acd_v24_1"),
    ] {
        let v = ["--version", version, "--format", "csv"];
        let with = |extra: &[&str]| stdout(&[&["count"][..], &v, extra].concat());
        assert_eq!(
            with(&[]),
            expected(&format!("{prefix}_total.csv")),
            "{version} total"
        );
        assert_eq!(
            with(&["--by", "type"]),
            expected(&format!("{prefix}_by_type.csv")),
            "{version} by type"
        );
        assert_eq!(
            with(&["--by", "intensity"]),
            expected(&format!("{prefix}_by_intensity.csv")),
            "{version} by intensity"
        );
        assert_eq!(
            with(&["--unit", "country"]),
            expected(&format!("{prefix}_countries.csv")),
            "{version} countries"
        );
        assert_eq!(
            with(&["--by", "region"]),
            expected(&format!("{prefix}_by_region.csv")),
            "{version} by region"
        );
    }
}

/// ACD v26.1 is the default release: with no --version, 2023–2025 are 59, 59 and 65
/// conflicts, 13 wars and 8 interstate conflicts in 2025 — UCDP's published 2025 figures.
#[test]
fn acd_v26_1_is_the_default_and_gives_ucdps_2025_figures() {
    let base = ["count", "--from", "2023", "--to", "2025", "--format", "csv"];
    assert_eq!(stdout(&base), "year,conflicts\n2023,59\n2024,59\n2025,65\n");
    let wars = stdout(&[&base[..], &["--by", "intensity"]].concat());
    assert!(wars.contains("2025,war,13\n"), "{wars}");
    let types = stdout(&[&base[..], &["--by", "type"]].concat());
    assert!(types.contains("2025,interstate,8\n"), "{types}");
    // The units of the other datasets stop at 2024 (v25.1): 2025 is an error, never a zero.
    let dyads = run(&["count", "--unit", "dyad", "--from", "2025", "--to", "2025"]);
    assert!(!dyads.status.success());
    let err = String::from_utf8_lossy(&dyads.stderr);
    assert!(err.contains("2025"), "{err}");
}

#[test]
fn wars_in_2024_and_filters_combine() {
    // ACD v25.1, pinned.
    let out = stdout(&[
        "count",
        "--version",
        "25.1",
        "--format",
        "csv",
        "--intensity",
        "war",
        "--from",
        "2023",
        "--to",
        "2024",
    ]);
    assert_eq!(out, "year,conflicts\n2023,9\n2024,11\n");
}

/// A minimal RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes), so that
/// the raw UCDP file is read without the library under test.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// `--by region`: every year 1946–2024, each region's count equals the distinct conflicts
/// whose `region` list (1 Europe, 2 Middle East, 3 Asia, 4 Africa, 5 Americas) names it,
/// counted from the raw ACD v25.1 file; a conflict spanning regions counts in each.
#[test]
fn count_by_region_reproduces_every_year_of_the_raw_file() {
    use std::collections::{BTreeMap, BTreeSet};
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv");
    let rows = parse_csv(&std::fs::read_to_string(path).unwrap());
    let col = |n: &str| rows[0].iter().position(|c| c == n).unwrap();
    let (id, year, region) = (col("conflict_id"), col("year"), col("region"));
    assert_eq!(rows.len(), 2752 + 1);
    let names = ["europe", "middle_east", "asia", "africa", "americas"];
    // (year, region code - 1) -> conflict ids, every year and region present (zeros too).
    let mut raw: BTreeMap<(i32, usize), BTreeSet<&str>> = BTreeMap::new();
    for y in 1946..=2024 {
        for k in 0..names.len() {
            raw.entry((y, k)).or_default();
        }
    }
    for r in &rows[1..] {
        assert_eq!(r.len(), rows[0].len());
        for code in r[region].split(',') {
            let k = code.trim().parse::<usize>().unwrap() - 1;
            raw.get_mut(&(r[year].parse().unwrap(), k))
                .unwrap()
                .insert(&r[id]);
        }
    }
    let mut want = String::from("year,region,conflicts\n");
    for ((y, k), ids) in &raw {
        want.push_str(&format!("{y},{},{}\n", names[*k], ids.len()));
    }
    assert!(want.contains("\n1946,europe,7\n")); // as counted with Python's csv module
    assert_eq!(
        stdout(&[
            "count",
            "--version",
            "25.1",
            "--format",
            "csv",
            "--by",
            "region"
        ]),
        want
    );
}

#[test]
fn main_job_prints_count_ratios_version_and_citation() {
    // ACD v25.1, pinned.
    let out = stdout(&["trend", "--version", "25.1"]);
    assert!(out.contains("v25.1"), "{out}");
    assert!(out.contains("61 in 2024"), "{out}");
    assert!(out.contains("37 (2009)  61 (2024)  1.65×"), "{out}");
    assert!(out.contains("50 (1994)  61 (2024)  1.22×"), "{out}");
    assert!(out.contains("Gleditsch, Nils Petter"), "{out}");
    assert!(
        out.contains("best supported: a step (level shift) in 2014"),
        "{out}"
    );
}

/// The shape flags reach the core: lags set by hand are used and said to be set.
#[test]
fn trend_acd_v25_1_shape_flags() {
    let out = stdout(&[
        "trend",
        "--version",
        "25.1",
        "--format",
        "json",
        "--hac-lags",
        "2",
        "--ljung-box-lags",
        "4",
        "--break-bootstrap",
        "200",
        "--min-segment",
        "4",
        "--bootstrap",
        "0",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let v = &v["result"];
    assert_eq!(v["hac"]["lags"], 2);
    assert_eq!(v["hac"]["lags_by_rule"], false);
    let lb = &v["diagnostics"]["poisson"]["ljung_box"];
    assert_eq!(
        (lb["lags"].as_u64(), lb["lags_by_rule"].as_bool()),
        (Some(4), Some(false))
    );
    let shapes = &v["shapes"];
    assert_eq!(shapes["min_segment"], 4);
    assert_eq!(shapes["no_break"]["replicates"], 200);
    assert_eq!(shapes["verdict"]["shape"], "step");
    assert_eq!(shapes["verdict"]["break_years"][0], 2014);
    assert!(v["models"].as_array().unwrap().len() >= 5);
    let none = stdout(&[
        "trend",
        "--version",
        "25.1",
        "--format",
        "json",
        "--no-shapes",
    ]);
    let v: serde_json::Value = serde_json::from_str(&none).unwrap();
    assert!(v["result"]["shapes"].is_null());
}

#[test]
fn json_output_carries_spec_and_checksum() {
    // ACD v25.1, pinned.
    let out = stdout(&[
        "count",
        "--version",
        "25.1",
        "--format",
        "json",
        "--from",
        "2024",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["datasets"][0]["version"], "25.1");
    // The SHA-256 of the shipped v25.1 file itself.
    let raw = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv"),
    )
    .unwrap();
    assert_eq!(
        v["datasets"][0]["sha256"].as_str(),
        Some(conflictstats::data::registry::sha256_hex(&raw).as_str())
    );
    assert_eq!(v["spec"]["unit"], "conflict");
    assert_eq!(v["rows"][0]["conflicts"], 61);
}

#[test]
fn bad_file_is_one_line_on_stderr_and_exit_code_1() {
    let path = temp_file("semicolon.csv", b"conflict_id;location;side_a\n1;X;Y\n");
    let out = run(&["count", "--file", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("error: ") && err.contains("semicolon.csv: line 1") && err.contains("`;`"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_file_in_api_layout_is_read_and_recognised_as_the_official_release() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/ucdp-acd/UcdpPrioConflict_v24_1.api.csv");
    let out = stdout(&[
        "count",
        "--file",
        path.to_str().unwrap(),
        "--format",
        "json",
        "--from",
        "2023",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["datasets"][0]["status"], "official");
    assert_eq!(v["rows"][0]["conflicts"], 59);
}

#[test]
fn usage_errors_exit_2_and_unknown_version_exits_1() {
    assert_eq!(run(&["count", "--unit", "bananas"]).status.code(), Some(2));
    let out = run(&["count", "--version", "27.1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("available: ucdp-acd 26.1, ucdp-acd 25.1, ucdp-acd 24.1"),
        "{err}"
    );
}

#[test]
fn datasets_and_cite() {
    let out = stdout(&["datasets", "--format", "csv"]);
    assert!(
        out.lines().any(
            |l| l.starts_with("ucdp-acd,25.1,false,2752,1946,2024,CC BY 4.0,")
                && l.ends_with(",derived")
        ),
        "{out}"
    );
    // The default ACD, v26.1: its byte-identity with UCDP's zip is unverified, and says so in
    // every format.
    assert!(
        out.lines().any(|l| l
            == "ucdp-acd,26.1,true,2816,1946,2025,CC BY 4.0,2aea044f1bcae7b050bb6c79fb796743e787edeed3b90e74e146cfc4e5b05447,unverified"),
        "{out}"
    );
    let table = stdout(&["datasets"]);
    assert!(
        table.contains("byte_identity unverified: byte-identity with UCDP's download UNVERIFIED"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["datasets", "--format", "json"])).unwrap();
    assert_eq!(json["rows"][0]["version"], "26.1");
    assert_eq!(json["rows"][0]["byte_identity"], "unverified");
    let bib = stdout(&["cite", "--bibtex"]);
    assert!(bib.contains("@article{gleditsch2002armed"), "{bib}");
    let cite = stdout(&["cite"]);
    assert!(
        cite.contains("version 26.1")
            && cite.contains("UNVERIFIED")
            && cite.contains("v26.1 codebook"),
        "{cite}"
    );
    let cite: serde_json::Value =
        serde_json::from_str(&stdout(&["cite", "--format", "json"])).unwrap();
    assert_eq!(cite["rows"][0]["byte_identity"], "unverified");
    assert_eq!(cite["datasets"][0]["byte_identity"], "unverified");
}

/// Runs the CLI with its stdout into a pipe that is closed after the first line (`| head -1`).
fn run_into_closed_pipe(args: &[&str]) -> Output {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // the reader is dropped here: the pipe is closed while the CLI still writes
    assert!(!first.is_empty());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `panel dyad-year` from 1975 writes ~0.7 million rows, far more than a pipe buffer (and
    // no warning: the codes that name no G&W member, colonial wars, all end by 1974).
    let out = run_into_closed_pipe(&["panel", "dyad-year", "--years", "1975-"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn a_closed_pipe_ends_streamed_json_quietly_and_early() {
    // The JSON rows are streamed: the first line is out before the panel's 1.2 million rows
    // are serialised, and the closed pipe stops the writer.
    let started = std::time::Instant::now();
    let out = run_into_closed_pipe(&["panel", "dyad-year", "--years", "1975-", "--format", "json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
}

/// Peak resident memory (VmHWM, KiB) of the CLI run with `args`, its output discarded.
#[cfg(target_os = "linux")]
fn peak_rss_kib(args: &[&str]) -> u64 {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    loop {
        // The kernel keeps the high-water mark: the last reading before exit is the peak.
        if let Some(kib) = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak = peak.max(kib);
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    peak
}

/// Output that scales: the dyad-year panel's JSON (1.2 million rows, 349 MB) is written in
/// memory independent of the number of rows — under 200 MB, and within 64 MB of the same panel
/// for five years (it was 4.17 GB when the rows were built in memory before printing).
#[cfg(target_os = "linux")]
#[test]
fn dyad_year_json_has_a_memory_ceiling() {
    let all = peak_rss_kib(&["panel", "dyad-year", "--format", "json"]);
    let five = peak_rss_kib(&[
        "panel",
        "dyad-year",
        "--years",
        "2020-2024",
        "--format",
        "json",
    ]);
    assert!(all < 200 * 1024, "peak RSS {all} KiB");
    assert!(
        all < five + 64 * 1024,
        "peak RSS {all} KiB, five years {five} KiB"
    );
}

fn usage_error(args: &[&str], needle: &str) {
    let out = run(args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(needle), "{args:?}: {err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn options_that_do_not_apply_are_rejected() {
    usage_error(
        &["panel", "state-year", "--directed"],
        "--directed does not apply",
    );
    usage_error(
        &["panel", "state-year", "--active-only"],
        "--active-only does not apply",
    );
    usage_error(
        &["panel", "dyad-year", "--active-only"],
        "--active-only does not apply",
    );
    usage_error(
        &["panel", "conflict-year", "--directed"],
        "--directed does not apply",
    );
    usage_error(
        &["panel", "conflict-year", "--microstates"],
        "--microstates does not apply",
    );
    usage_error(
        &["panel", "dyad-year", "--role", "location"],
        "a pair of states has no location",
    );
    usage_error(
        &["panel", "conflict-year", "--role", "any"],
        "--role does not apply",
    );
    usage_error(
        &["panel", "state-year", "--role", "party"],
        "unknown role `party`",
    );
    usage_error(
        &[
            "trend",
            "--bootstrap",
            "0",
            "--break-bootstrap",
            "0",
            "--seed",
            "7",
        ],
        "--seed does not apply",
    );
    usage_error(
        &[
            "trend",
            "--bootstrap",
            "0",
            "--no-shapes",
            "--block-length",
            "3",
        ],
        "--block-length",
    );
    usage_error(
        &["trend", "--no-shapes", "--min-segment", "4"],
        "--min-segment does not apply",
    );
    usage_error(
        &["--provenance-comment", "count"],
        "--provenance-comment does not apply: it prefixes --format csv output",
    );
    usage_error(&["cite", "--format", "csv"], "invalid value 'csv'");
    usage_error(&["ihl", "--format", "csv"], "invalid value 'csv'");
}

/// Issue 23: every option that was silently ignored is a usage error (exit 2) with a one-line
/// reason naming the option (the rule itself is enumerated over every command and option by
/// the unit test of `applies.rs`).
#[test]
fn options_that_were_ignored_exit_2_with_one_line_naming_them() {
    for (args, message) in [
        (
            &["count", "--nonstate-file", "bad.csv"][..],
            "--nonstate-file does not apply: unit conflict reads ucdp-acd",
        ),
        (
            &["trend", "--dyadic-file", "d.csv"],
            "--dyadic-file does not apply: unit conflict reads ucdp-acd",
        ),
        (
            &["count", "--acd-file", "a.csv", "--unit", "dyad"],
            "--acd-file does not apply: unit dyad reads ucdp-dyadic",
        ),
        (
            &["count", "--persistence", "3"],
            "--persistence does not apply: unit conflict counts active years only",
        ),
        (
            &["count", "--unit", "legal_relationship", "--file", "x.csv"],
            "--file does not apply: unit legal_relationship reads ucdp-dyadic + ucdp-nonstate",
        ),
        (
            &["check", "--seed", "7", "--bootstrap", "0"],
            "--seed does not apply: there is no bootstrap (--bootstrap 0)",
        ),
        (
            &["--provenance-comment", "datasets", "--format", "csv"],
            "--provenance-comment does not apply: datasets (it lists the registry) reads no dataset",
        ),
        (
            &["lock", "--", "datasets"],
            "nothing to pin: `datasets` reads no dataset",
        ),
        (
            &["count", "--lock-file", "x.lock"],
            "--lock-file does not apply",
        ),
    ] {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("error: {message}")),
            "{args:?}: {err}"
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
    // Under --format json the same reason is the usage error's message.
    let out = run(&["count", "--persistence", "3", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["error"]["kind"], "usage");
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("--persistence does not apply")
    );
}

/// One vocabulary: the old names still work, with one deprecation line on stderr, and give
/// the same output as the new ones (ACD v25.1, pinned).
#[test]
fn old_option_names_warn_and_still_work_acd_v25_1() {
    for (old, new) in [
        (
            &[
                "count",
                "--version",
                "25.1",
                "--from",
                "2020",
                "--to",
                "2024",
                "--format",
                "csv",
            ][..],
            &[
                "count",
                "--version",
                "25.1",
                "--years",
                "2020-2024",
                "--format",
                "csv",
            ][..],
        ),
        (
            &[
                "count",
                "--version",
                "25.1",
                "--from",
                "2020",
                "--format",
                "csv",
            ],
            &[
                "count",
                "--version",
                "25.1",
                "--years",
                "2020-",
                "--format",
                "csv",
            ],
        ),
        (
            &[
                "panel",
                "conflict-year",
                "--acd-version",
                "25.1",
                "--from",
                "2024",
            ],
            &[
                "panel",
                "conflict-year",
                "--version",
                "25.1",
                "--years",
                "2024-",
            ],
        ),
        (
            &[
                "rates",
                "--version",
                "25.1",
                "--window",
                "1995-2024",
                "--format",
                "csv",
            ],
            &[
                "rates",
                "--version",
                "25.1",
                "--years",
                "1995-2024",
                "--format",
                "csv",
            ],
        ),
        (
            &[
                "flows",
                "--version",
                "25.1",
                "--from",
                "2010",
                "--to",
                "2024",
                "--base",
                "1995-2009",
                "--format",
                "json",
            ],
            &[
                "flows",
                "--version",
                "25.1",
                "--years",
                "2010-2024",
                "--base-years",
                "1995-2009",
                "--format",
                "json",
            ],
        ),
    ] {
        let (a, b) = (run(old), run(new));
        assert!(a.status.success() && b.status.success(), "{old:?}");
        assert_eq!(a.stdout, b.stdout, "{old:?} vs {new:?}");
        let err = String::from_utf8_lossy(&a.stderr);
        assert!(err.contains("is deprecated in `"), "{old:?}: {err}");
        assert!(
            b.stderr.is_empty(),
            "{new:?}: {}",
            String::from_utf8_lossy(&b.stderr)
        );
    }
}

/// `--version` of a fetched release works on every command that reads the dataset, the one
/// resolution (embedded, else the cache): an unknown version is looked up in the cache, and
/// the error says so, on every such command.
#[test]
fn every_version_option_looks_in_the_cache() {
    let cache =
        std::env::temp_dir().join(format!("conflictstats-empty-cache-{}", std::process::id()));
    std::fs::create_dir_all(&cache).unwrap();
    for args in [
        &["flows", "--version", "27.1"][..],
        &["severity", "--version", "27.1"],
        &[
            "trend",
            "--severity",
            "--version",
            "27.1",
            "--bootstrap",
            "0",
            "--no-shapes",
        ],
        &["cite", "--version", "27.1"],
        &["panel", "state-year", "--version", "27.1"],
        &["panel", "conflict-dyad-year", "--version", "27.1"],
        &["rates", "--version", "27.1"],
        &["count", "--version", "27.1"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_conflictstats"))
            .args(args)
            .env("CONFLICTSTATS_CACHE", &cache)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("not in the cache"), "{args:?}: {err}");
        assert!(err.contains("conflictstats fetch"), "{args:?}: {err}");
    }
}

/// `-` reads a file from standard input (ACD v25.1, the embedded file piped in).
#[test]
fn a_dash_reads_standard_input_acd_v25_1() {
    use std::io::Write as _;
    use std::process::Stdio;
    let acd = data_file("ucdp-acd/UcdpPrioConflict_v25_1.csv");
    let bytes = std::fs::read(&acd).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(["count", "--file", "-", "--years", "2024", "--format", "csv"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "year,conflicts\n2024,61\n"
    );
}

/// The help of every command groups its options: data, filters, output, global.
#[test]
fn help_is_grouped() {
    let help = stdout(&["count", "--help"]);
    let at = |h: &str| help.find(h).unwrap_or_else(|| panic!("{h}: {help}"));
    assert!(at("Data:") < at("Analysis:") && at("Analysis:") < at("Filters:"));
    assert!(at("Filters:") < at("Output:") && at("Output:") < at("Global:"));
    assert!(at("--locked") > at("Global:") && at("--region") < at("Output:"));
}

/// `trend --year 1950`: the error names the horizon that reached 1935.
#[test]
fn a_year_the_user_never_typed_is_explained() {
    let out = run(&[
        "trend",
        "--version",
        "25.1",
        "--year",
        "1950",
        "--bootstrap",
        "0",
        "--no-shapes",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("year 1935 is not in the series (1946–2024): it is 15 years before 1950, one of the horizons"), "{err}");
}

#[test]
fn duplicate_horizons_are_an_error() {
    let out = run(&["trend", "--horizons", "15,15", "--bootstrap", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("horizon 15 is given twice"));
}

#[test]
fn numeric_ucdp_codes_filter_as_in_python() {
    // ACD v25.1, 2024: 11 wars (intensity 2), the same with the key.
    let by_code = stdout(&[
        "count",
        "--version",
        "25.1",
        "--intensity",
        "2",
        "--from",
        "2024",
        "--format",
        "csv",
    ]);
    let by_key = stdout(&[
        "count",
        "--version",
        "25.1",
        "--intensity",
        "war",
        "--from",
        "2024",
        "--format",
        "csv",
    ]);
    assert_eq!(by_code, "year,conflicts\n2024,11\n");
    assert_eq!(by_code, by_key);
    let africa = stdout(&[
        "count",
        "--version",
        "25.1",
        "--region",
        "4",
        "--from",
        "2024",
        "--format",
        "csv",
    ]);
    assert_eq!(africa, "year,conflicts\n2024,28\n");
}

#[test]
fn years_outside_coverage_fail_in_every_command() {
    // Release 25.1 pinned where 2025 is the year outside coverage (ACD v26.1 covers it).
    for args in [
        &["reconcile", "--year", "1800"][..],
        &["reconcile", "--version", "25.1", "--year", "2025"],
        &["reconcile", "--year", "2026"],
        &["reconcile", "--year", "3000"],
        &["deaths", "--year", "1800"],
        &["deaths", "--year", "2025"],
        &["ihl", "--year", "1800"],
        &["ihl", "--version", "25.1", "--year", "2025"],
        &["ihl", "--year", "2026"],
        &["count", "--from", "1800"],
        &["count", "--unit", "dyad", "--from", "2025"],
        &[
            "trend",
            "--version",
            "25.1",
            "--year",
            "2025",
            "--bootstrap",
            "0",
        ],
        &["trend", "--year", "2026", "--bootstrap", "0"],
    ] {
        let out = run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("outside") || err.contains("not in the series"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn an_acd_file_with_a_year_before_1946_is_refused() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[1] = lines[1].replacen(",2012,", ",1846,", 1);
    assert!(lines[1].contains(",1846,"), "{}", lines[1]);
    let bad = temp_file("acd1846.csv", (lines.join("\n") + "\n").as_bytes());
    let out = run(&["count", "--file", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("line 2") && err.contains("year") && err.contains("1946"),
        "{err}"
    );
}

#[test]
fn help_texts_name_the_dataset_of_the_unit() {
    let help = stdout(&["count", "--help"]);
    assert!(!help.contains("Read this ACD file"), "{help}");
    assert!(!help.contains("[default: ucdp-acd]"), "{help}");
    assert!(help.contains("UCDP Dyadic for dyad"), "{help}");
}

/// `check` with no argument checks the seed sentence on one screen; `acd_v25_1`: UCDP
/// conflicts 61 in 2024 against 31 in 2010 is "about twice" (1.97) and flips with the base
/// (1.65 against 2009).
#[test]
fn check_seed_sentence_acd_v25_1_one_screen() {
    // Release 25.1, pinned (the ACD and Dyadic, Non-State and One-sided of 25.1).
    let text = stdout(&["check", "--release", "25.1", "--bootstrap", "100"]);
    assert!(text.lines().count() <= 60, "{text}");
    assert!(text.contains("\"Today\" read as 2025"), "{text}");
    assert!(
        text.contains("conflict: 1 reading, e.g. v25.1 2024 1.97 = 61/31 (2010)"),
        "{text}"
    );
    assert!(text.contains("flips: 1.65 with base 2009"), "{text}");
    assert!(text.contains("needs release 26.1 (not available; `conflictstats fetch"));
    for form in ["between states", "within states", "between armed groups"] {
        assert!(text.contains(form), "{form}: {text}");
    }
}

/// A user-written claim from a TOML file and the same claim as JSON give the same readings;
/// a bad qualifier is an error with file, line and column.
#[test]
fn check_user_claim_toml_and_json_acd_v25_1() {
    let toml = "id = \"mine\"\ntext = \"UCDP counted about 60 conflicts in 2024, 1.2 times as many as 30 years before.\"\ndate = \"2025-06-11\"\nreference_year = 2024\n[source]\npublisher = \"me\"\ndate = \"2025-06-11\"\n[level]\nsaid = \"about 60\"\nqualifier = \"about\"\nvalue = 60\ntolerance = 0.05\n[[ratios]]\nsaid = \"1.2 times\"\nhorizon = 30\nqualifier = \"about\"\nvalue = 1.2\n";
    let path = temp_file("claim.toml", toml.as_bytes());
    let args = [
        "check",
        "--release",
        "25.1",
        "--bootstrap",
        "50",
        "--format",
        "json",
    ];
    let out = stdout(&[&args[..], &[path.to_str().unwrap()]].concat());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["command"], "check");
    let rows = v["rows"].as_array().unwrap();
    let row = |part: &str| {
        rows.iter()
            .find(|r| {
                r["unit"] == "conflict"
                    && r["base_offset"] == 0
                    && r["smoothing"] == "one_year"
                    && r["part"] == part
            })
            .unwrap()
    };
    assert_eq!(row("about 60")["release"], "25.1");
    assert_eq!(row("about 60")["value"], 61.0);
    assert_eq!(row("about 60")["verdict"], "holds");
    assert_eq!(row("1.2 times")["base_from"], 1994);
    assert_eq!(row("1.2 times")["verdict"], "holds"); // 61 / 50 = 1.22
    let json_claim = serde_json::to_string(&v["spec"]["claim"]).unwrap();
    let jpath = temp_file("claim.json", json_claim.as_bytes());
    let out2 = stdout(&[&args[..], &[jpath.to_str().unwrap()]].concat());
    let v2: serde_json::Value = serde_json::from_str(&out2).unwrap();
    assert_eq!(v["rows"], v2["rows"]);
    let bad = temp_file(
        "bad.toml",
        toml.replace("\"about\"\nvalue = 60", "\"roughly\"\nvalue = 60")
            .as_bytes(),
    );
    let out = run(&["check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml: line 10, column"), "{err}");
}

fn data_file(rel: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(rel)
        .display()
        .to_string()
}

/// Dyad, non-state, one-sided and legal_relationship counts of every embedded release, and
/// deaths of v25.1 and v24.1, equal the files written by tests/reference/ucdp_counts.py
/// (Python's csv module over the raw CSV files).
#[test]
fn ucdp_units_and_deaths_of_every_release_match_the_reference_files() {
    for (unit, prefix, versions) in [
        ("dyad", "dyadic", &["25.1", "24.1"][..]),
        ("nonstate_conflict", "nonstate", &["25.1", "24.1", "23.1"]),
        ("onesided_actor", "onesided", &["25.1", "24.1", "23.1"]),
    ] {
        for v in versions {
            let out = stdout(&["count", "--unit", unit, "--version", v, "--format", "csv"]);
            let name = format!("{prefix}_v{}_total.csv", v.replace('.', "_"));
            assert_eq!(out, expected(&name), "{name}");
        }
    }
    for v in ["25.1", "24.1"] {
        let tag = v.replace('.', "_");
        for p in ["0", "2"] {
            let out = stdout(&[
                "count",
                "--unit",
                "legal_relationship",
                "--persistence",
                p,
                "--version",
                v,
                "--format",
                "csv",
            ]);
            assert_eq!(
                out,
                expected(&format!("legal_v{tag}_p{p}.csv")),
                "{v} p={p}"
            );
        }
        let out = stdout(&["deaths", "--version", v, "--format", "csv"]);
        assert_eq!(out, expected(&format!("deaths_v{tag}.csv")), "deaths {v}");
    }
}

#[test]
fn v25_1_figures_of_issue_12_and_no_proxy_in_the_2024_reconciliation() {
    let v = [
        "--version",
        "25.1",
        "--format",
        "csv",
        "--from",
        "2024",
        "--to",
        "2024",
    ];
    let count = |unit: &str| stdout(&[&["count", "--unit", unit][..], &v].concat());
    assert_eq!(count("dyad"), "year,dyads\n2024,68\n");
    assert_eq!(
        count("nonstate_conflict"),
        "year,nonstate_conflicts\n2024,74\n"
    );
    assert_eq!(count("onesided_actor"), "year,onesided_actors\n2024,49\n");
    assert_eq!(
        count("legal_relationship"),
        "year,legal_relationships\n2024,142\n"
    );
    let deaths = stdout(&[
        "deaths",
        "--version",
        "25.1",
        "--year",
        "2024",
        "--format",
        "csv",
    ]);
    assert!(
        deaths.contains("2024,state_based,119160,128439,189525\n"),
        "{deaths}"
    );
    assert!(
        deaths.contains("2024,total,139101,159837,223810\n"),
        "{deaths}"
    );
    let table = stdout(&["reconcile", "--version", "25.1", "--year", "2024"]);
    assert!(!table.contains("proxy"), "{table}");
    assert!(table.contains("UCDP Dyadic Dataset v25.1"), "{table}");
}

/// `legal_relationship` from two user files: the Dyadic and Non-State options together; the
/// result names both files, and a single `--file` for this two-dataset unit is refused.
#[test]
fn legal_relationship_v25_1_from_two_user_files() {
    let dy = temp_file(
        "mine_dyadic.csv",
        &std::fs::read(data_file("ucdp-dyadic/ucdp-dyadic-251.csv")).unwrap(),
    );
    let ns = temp_file(
        "mine_nonstate.csv",
        &std::fs::read(data_file("ucdp-nonstate/NonState_v25_1.csv")).unwrap(),
    );
    let (dy, ns) = (dy.display().to_string(), ns.display().to_string());
    let args = [
        "count",
        "--unit",
        "legal_relationship",
        "--dyadic-file",
        &dy,
        "--nonstate-file",
        &ns,
        "--from",
        "2024",
        "--to",
        "2024",
    ];
    assert_eq!(
        stdout(&[&args[..], &["--format", "csv"]].concat()),
        "year,legal_relationships\n2024,142\n"
    );
    let json = stdout(&[&args[..], &["--format", "json"]].concat());
    assert!(json.contains(&dy) && json.contains(&ns), "{json}");
    let out = run(&["count", "--unit", "legal_relationship", "--file", &dy]);
    assert_eq!(out.status.code(), Some(2)); // a usage error: --file does not apply
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--dyadic-file, --nonstate-file"), "{err}");
}

/// Every command that reads a dataset takes its file option; a missing file is an error
/// naming it (so the option is really read, not ignored).
#[test]
fn every_command_takes_the_file_option_of_each_dataset_it_reads() {
    let missing = "/nonexistent/conflictstats-data.csv";
    for args in [
        &["count", "--acd-file", missing][..],
        &["count", "--unit", "dyad", "--dyadic-file", missing],
        &[
            "count",
            "--unit",
            "nonstate_conflict",
            "--nonstate-file",
            missing,
        ],
        &[
            "count",
            "--unit",
            "onesided_actor",
            "--onesided-file",
            missing,
        ],
        &["trend", "--bootstrap", "0", "--acd-file", missing],
        &[
            "trend",
            "--unit",
            "dyad",
            "--bootstrap",
            "0",
            "--dyadic-file",
            missing,
        ],
        &["reconcile", "--acd-file", missing],
        &["reconcile", "--dyadic-file", missing],
        &["reconcile", "--nonstate-file", missing],
        &["reconcile", "--onesided-file", missing],
        &["deaths", "--brd-file", missing],
        &["deaths", "--nonstate-file", missing],
        &["deaths", "--onesided-file", missing],
        &["ihl", "--acd-file", missing],
        &["ihl", "--level", "dyad", "--dyadic-file", missing],
        &["panel", "state-year", "--acd-file", missing],
        &["panel", "state-year", "--states-file", missing],
        &["panel", "dyad-year", "--states-file", missing],
        &["panel", "conflict-year", "--acd-file", missing],
        &["panel", "conflict-dyad-year", "--dyadic-file", missing],
        &["panel", "events", "--ged-file", missing],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(missing), "{args:?}: {err}");
    }
}

/// BRD v24.1 (dyadic) given as a file to `deaths` with the v24.1 Non-State and One-sided
/// files: read as the dyadic version, official, and the v24.1 totals.
#[test]
fn deaths_v24_1_from_three_user_files() {
    let out = stdout(&[
        "deaths",
        "--year",
        "2023",
        "--format",
        "csv",
        "--brd-file",
        &data_file("ucdp-brd/BattleDeaths_v24_1.csv"),
        "--nonstate-file",
        &data_file("ucdp-nonstate/NonState_v24_1.api.csv"),
        "--onesided-file",
        &data_file("ucdp-onesided/OneSided_v24_1.api.csv"),
    ]);
    assert!(out.contains("2023,total,131090,153691,249395\n"), "{out}");
}

/// `flows`, `rates` and `severity` print what the core computes (figures checked against
/// pandas, statsmodels and the powerlaw package in tests/golden/flows.rs).
#[test]
fn acd_v25_1_flows_rates_brd_v24_1_severity_commands() {
    let flows = stdout(&[
        "flows",
        "--version",
        "25.1",
        "--from",
        "2010",
        "--to",
        "2024",
    ]);
    assert!(
        flows.contains("Active conflicts 31 in 2010 → 61 in 2024 (+30): 159 onsets"),
        "{flows}"
    );
    let csv = stdout(&["flows", "--version", "25.1", "--format", "csv"]);
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2015,54,19,15,4,35,11,174,")),
        "{csv}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["flows", "--version", "25.1", "--format", "json"])).unwrap();
    assert_eq!(json["result"]["decomposition"]["terminations"], 129);
    assert_eq!(json["rows"][0]["year"], 1947);
    let rates = stdout(&[
        "rates",
        "--version",
        "24.1",
        "--forms",
        "non_state,intrastate",
        "--format",
        "csv",
    ]);
    assert!(rates.contains("2023,non_state,"), "{rates}");
    let sev = stdout(&[
        "severity",
        "--version",
        "24.1",
        "--bootstrap",
        "0",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&sev).unwrap();
    assert_eq!(v["result"]["power_law"]["x_min"], 2598.0);
    assert_eq!(v["result"]["power_law"]["n_tail"], 140);
    let seed = run(&["severity", "--bootstrap", "0", "--seed", "3"]);
    assert_eq!(seed.status.code(), Some(2));
    let bad = run(&["severity", "--unit", "dyad"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad = run(&["flows", "--from", "2024", "--to", "2010"]);
    assert_eq!(bad.status.code(), Some(1));
}

/// The trend report carries the stock-and-flow part for all state-based conflicts (ACD
/// v25.1: 37 in 2009 → 61 in 2024), and the rates and severity parts when asked.
#[test]
fn acd_v25_1_trend_report_has_stock_flow_rates_and_severity_sections() {
    let text = stdout(&[
        "trend",
        "--version",
        "25.1",
        "--bootstrap",
        "0",
        "--no-shapes",
        "--rates",
        "--severity",
    ]);
    assert!(text.contains("Stock and flow 2009→2024"), "{text}");
    assert!(
        text.contains("Active conflicts 37 in 2009 → 61 in 2024 (+24)"),
        "{text}"
    );
    assert!(
        text.contains("Counts and rates per state by form of violence, 1989–2024"),
        "{text}"
    );
    assert!(text.contains("x_min"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "trend",
        "--version",
        "25.1",
        "--bootstrap",
        "0",
        "--no-shapes",
        "--format",
        "json",
    ]))
    .unwrap();
    let keys: Vec<&str> = json["result"]["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"stock_flow"), "{keys:?}");
    // Not for another unit: its stock is not the ACD's stock of conflicts.
    let wars = stdout(&[
        "trend",
        "--version",
        "25.1",
        "--bootstrap",
        "0",
        "--no-shapes",
        "--unit",
        "country",
    ]);
    assert!(!wars.contains("Stock and flow"), "{wars}");
}

/// `panel state-year --role any` on ACD v25.1 (pinned): Eritrea, a secondary party in Tigray,
/// is in conflict in 2020–22 with peace years 1, 0, 0 (at peace under the default `location`
/// role, 3, 4, 5); Serbia (340) 2014 has `incidence_any` (UCDP's 345 mapped by
/// data/crosswalk/ucdp_gw.csv). The role is a column and in the JSON metadata.
#[test]
fn panel_state_year_role_any_codes_eritreas_participation_acd_v25_1() {
    let args = |role: &str| {
        let mut v = vec!["panel", "state-year", "--version", "25.1"];
        v.extend(["--years", "2014-2022", "--role", role]);
        stdout(&v)
    };
    let rows = |csv: &str, gw: &str| -> Vec<Vec<String>> {
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().unwrap().split(',').collect();
        let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
        let cols = ["year", "incidence", "peace_years", "incidence_any", "role"].map(col);
        lines
            .map(|l| l.split(',').map(str::to_string).collect::<Vec<String>>())
            .filter(|f| f[0] == gw)
            .map(|f| cols.iter().map(|&c| f[c].clone()).collect())
            .collect()
    };
    let any = args("any");
    let eri: Vec<Vec<String>> = rows(&any, "531").into_iter().skip(6).collect();
    let want = |rows: [[&str; 5]; 3]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    };
    assert_eq!(
        eri,
        want([
            ["2020", "1", "1", "1", "any"],
            ["2021", "1", "0", "1", "any"],
            ["2022", "1", "0", "1", "any"],
        ])
    );
    let loc: Vec<Vec<String>> = rows(&args("location"), "531").into_iter().skip(6).collect();
    assert_eq!(
        loc,
        want([
            ["2020", "0", "3", "1", "location"],
            ["2021", "0", "4", "1", "location"],
            ["2022", "0", "5", "1", "location"],
        ])
    );
    let serbia = rows(&any, "340");
    assert_eq!(serbia[0][..4], ["2014", "1", "8", "1"]);
    let json = stdout(&[
        "panel",
        "state-year",
        "--version",
        "25.1",
        "--years",
        "2020",
        "--role",
        "primary",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["spec"]["role"], "primary", "{json}");
    assert_eq!(v["result"]["role"], "primary", "{json}");
}

/// Codes that name no G&W member in their year are warnings on stderr with the code, years
/// and conflicts (ACD v25.1, pinned); stdout is unchanged.
#[test]
fn panel_state_year_warns_of_unmatched_codes_acd_v25_1() {
    let out = run(&[
        "panel",
        "state-year",
        "--version",
        "25.1",
        "--years",
        "-1960",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    let algeria = err
        .lines()
        .find(|l| l.contains("code 615"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(algeria.starts_with("warning: "), "{algeria}");
    assert!(
        algeria.contains("1954–1960") && algeria.contains("conflict 246"),
        "{algeria}"
    );
    assert!(!err.contains("code 345"), "{err}");
    let quiet = run(&[
        "panel",
        "state-year",
        "--version",
        "25.1",
        "--years",
        "2000-",
    ]);
    assert!(
        quiet.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

/// The defaults (ACD v26.1 to 2025; Dyadic, Non-State, One-sided v25.1 to 2024): `check`
/// answers "today" = 2025 for the ACD units and says which readings need the other datasets'
/// 26.1; its summary counts `legal_relationship` p=0…5 as one family; the ICRC's figures are
/// labelled as its statements. `reconcile` defaults to 2025, with UCDP's published 2025
/// figures (secondary sources) beside the counts that reproduce them.
#[test]
fn check_and_reconcile_answer_2025_with_acd_v26_1() {
    let text = stdout(&["check", "--bootstrap", "50"]);
    assert!(text.lines().count() <= 60, "{text}");
    assert!(
        text.contains("2025 (\"today\"): conflict 65 (v26.1, 2.10× 2010, 1.59× 1995)"),
        "{text}"
    );
    assert!(
        text.contains("needs release 26.1 (not available; `conflictstats fetch DATASET 26.1` for ucdp-dyadic, ucdp-nonstate, ucdp-onesided)"),
        "{text}"
    );
    assert!(!text.contains("for )"), "{text}");
    assert!(
        text.contains(
            "legal_relationship p=0…5 (6 persistence settings of one approximation): 72 readings"
        ),
        "{text}"
    );
    assert!(text.contains("ICRC's statements, niac"), "{text}");
    // With a --*-file option, --version names one release (the other datasets').
    let acd = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv");
    let acd = acd.to_str().unwrap();
    let out = run(&["check", "--version", "25.1,26.1", "--acd-file", acd]);
    assert_eq!(out.status.code(), Some(2));

    let rec = stdout(&["reconcile"]);
    assert!(
        rec.starts_with("How many armed conflicts in 2025?"),
        "{rec}"
    );
    for line in [
        "conflict [intensity=war]      13 in 2025 — meets the statement (+0%)",
        "conflict [type=interstate]       8 in 2025 — meets the statement (+0%)",
        "SECONDARY SOURCES",
        "each publisher's own dated statements with their sources, not data",
    ] {
        assert!(rec.contains(line), "{line}: {rec}");
    }
    let csv = stdout(&["reconcile", "--format", "csv"]);
    assert!(csv.contains("\nconflict,,2025,65,\n"), "{csv}");
    // A unit whose dataset stops in 2024 has no 2025 count, and says which release it needs.
    assert!(
        csv.lines()
            .any(|l| l.starts_with("dyad,,2025,,") && l.contains("needs release 26.1")),
        "{csv}"
    );
}

/// The ingest caches change no output: `panel events --format json` on a GED file is the
/// same, byte for byte (stdout and stderr), with a cold cache, a warm one (read from the
/// column file: its last-use time moves), the caches off, and `--rehash`.
#[test]
fn panel_events_is_byte_identical_with_and_without_the_ingest_caches() {
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/ucdp-ged-sample/ged231_sample_1000.csv");
    let ged = temp_file("ingest-ged.csv", &std::fs::read(&sample).unwrap());
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let set_time = |p: &std::path::Path, t| {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(t)
            .unwrap();
    };
    set_time(&ged, old);
    let cache = fresh_cache();
    let run_with = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["panel", "events", "--ged-file", ged.to_str().unwrap()];
        args.extend_from_slice(&["--period", "month", "--format", "json"]);
        args.extend_from_slice(extra);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_conflictstats"));
        cmd.args(&args).env("CONFLICTSTATS_CACHE", &cache);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (out.stdout, out.stderr)
    };
    let cold = run_with(&[], &[]);
    let columns = cache.join("ingest").join("columns");
    let files: Vec<PathBuf> = std::fs::read_dir(&columns)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one column file written");
    set_time(&files[0], old);
    let warm = run_with(&[], &[]);
    let used = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
    assert!(used > old, "the warm run read the column file");
    let off = run_with(&[], &[("CONFLICTSTATS_INGEST_CACHE_MAX_BYTES", "0")]);
    let rehashed = run_with(&["--rehash"], &[]);
    assert!(!cold.0.is_empty());
    for (name, other) in [("warm", &warm), ("off", &off), ("--rehash", &rehashed)] {
        assert_eq!(&cold.0, &other.0, "stdout, {name}");
        assert_eq!(&cold.1, &other.1, "stderr, {name}");
    }
    let bad = run(&["panel", "events", "--rehash"]);
    assert_eq!(bad.status.code(), Some(2), "--rehash needs --ged-file");
}

/// Issue 25: `map` writes GeoJSON and SVG offline; ACD v26.1 (pinned), 2025: the countries with
/// a value above 0 (coloured or listed without outline) are `count --unit country`'s 37.
#[test]
fn map_geojson_and_svg_acd_26_1_2025_equal_count_country() {
    let g: serde_json::Value = serde_json::from_str(&stdout(&[
        "map",
        "--year",
        "2025",
        "--version",
        "26.1",
        "--format",
        "geojson",
    ]))
    .unwrap();
    let features = g["features"].as_array().unwrap();
    assert_eq!(features.len(), 177);
    let mut drawn: Vec<u64> = features
        .iter()
        .filter(|f| f["properties"]["value"].as_f64() > Some(0.0))
        .filter_map(|f| f["properties"]["gwcode"].as_u64())
        .collect();
    drawn.sort_unstable();
    drawn.dedup();
    let listed = g["conflictstats"]["states_without_outline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["value"].as_f64() > Some(0.0))
        .count();
    let count: serde_json::Value = serde_json::from_str(&stdout(&[
        "count",
        "--unit",
        "country",
        "--years",
        "2025",
        "--version",
        "26.1",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        serde_json::json!(drawn.len() + listed),
        count["rows"][0]["countries"]
    );
    let svg = stdout(&["map", "--year", "2025", "--version", "26.1"]);
    assert_eq!(svg.matches("<path class=\"outline\"").count(), 177);
    assert!(svg.contains("Made with Natural Earth"));
    let out = run(&["map", "--year", "2025", "--aggregate", "max"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["map", "--measure", "deaths", "--year", "2025"]);
    assert_eq!(out.status.code(), Some(1)); // BRD v25.1 ends in 2024: missing, not zero
}
