//! The bad-input catalogue (`tests/bad-inputs/`, one file per failure class, see its README)
//! with the exact error each file gets — kind, file, line, column — or, where the loader
//! accepts the file, the warnings it reports; the failure classes that do not depend on the
//! dataset checked on every loader; provenance of modified copies; and a replay of the fuzz
//! corpora (seeds and past crashes) through the fuzzed entry points.

use conflictstats::data::{
    Acd, AcdLayout, BattleDeaths, Crosswalk, Dyadic, Ged, GwStates, MAX_RECORD_BYTES, NonState,
    OneSided, ReleaseStatus, WarningKind,
};
use conflictstats::ihl::IhlLayer;
use conflictstats::{CountSpec, CountUnit, Error, ErrorKind};
use std::path::{Path, PathBuf};

#[path = "../../fuzz/src/entry.rs"]
#[allow(dead_code, clippy::all)]
mod entry;

fn catalogue(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("bad-inputs")
        .join(name)
}

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../data")
        .join(rel)
}

/// `(kind, file, line, column)` of an error, with `file` checked to be the catalogue path.
fn shape(err: &Error, path: &Path) -> (ErrorKind, Option<u64>, Option<String>) {
    assert_eq!(
        err.file(),
        Some(path.display().to_string().as_str()),
        "{err}"
    );
    (err.kind(), err.line(), err.column().map(str::to_string))
}

fn acd_err(name: &str) -> (Error, PathBuf) {
    let path = catalogue(name);
    let err = Acd::from_path(&path).expect_err(name);
    (err, path)
}

#[test]
fn spreadsheet_resave_is_read_with_two_warnings() {
    let path = catalogue("spreadsheet_resave.csv");
    let acd = Acd::from_path(&path).unwrap();
    let clean = Acd::from_path(catalogue("crlf.csv")).unwrap();
    assert_eq!(acd.records, clean.records, "same values as the comma file");
    assert_eq!(acd.records.len(), 3);
    assert_eq!(acd.records[0].start_date.to_string(), "1997-05-29");
    let w: Vec<_> = acd
        .warnings
        .iter()
        .map(|w| (w.kind, w.line, w.column.as_deref(), w.count))
        .collect();
    assert_eq!(
        w,
        [
            (WarningKind::SemicolonDelimiter, 1, None, 3),
            (WarningKind::DayFirstDates, 2, Some("start_date"), 9),
        ]
    );
    assert!(
        acd.warnings
            .iter()
            .all(|w| w.file == path.display().to_string())
    );
    // Not the release's bytes: reported as a modified copy of v25.1.
    assert_eq!(acd.provenance.status, ReleaseStatus::Modified);
    assert_eq!(acd.provenance.version, "25.1");
}

#[test]
fn crlf_alone_is_read_silently_and_line_numbers_stay_exact() {
    let acd = Acd::from_path(catalogue("crlf.csv")).unwrap();
    assert!(acd.warnings.is_empty());
    assert_eq!(acd.records.len(), 3);
    assert_eq!(
        acd.records[2].version, "25.1",
        "no stray \\r in the last column"
    );
    let (err, path) = acd_err("crlf_wrong_type.csv");
    assert_eq!(
        shape(&err, &path),
        (ErrorKind::Parse, Some(3), Some("year".into()))
    );
    assert_eq!(err.value(), Some("2014.0"));
}

#[test]
fn tab_delimited_is_rejected() {
    let (err, path) = acd_err("tab_delimited.csv");
    assert_eq!(shape(&err, &path), (ErrorKind::Schema, Some(1), None));
    assert!(matches!(
        err,
        Error::WrongDelimiter {
            delimiter: '\t',
            ..
        }
    ));
}

#[test]
fn missing_column_is_rejected_and_extra_column_reported() {
    let (err, path) = acd_err("missing_column.csv");
    assert_eq!(
        shape(&err, &path),
        (ErrorKind::Schema, Some(1), Some("intensity_level".into()))
    );
    assert!(matches!(err, Error::MissingColumn { .. }));
    let acd = Acd::from_path(catalogue("extra_column.csv")).unwrap();
    assert_eq!(acd.extra_columns, ["note"]);
    assert_eq!(acd.records.len(), 3);
}

#[test]
fn renamed_api_columns_are_read_as_the_api_layout() {
    let acd = Acd::from_path(catalogue("renamed_api_columns.csv")).unwrap();
    assert_eq!(acd.layout, AcdLayout::Api);
    assert_eq!(acd.records.len(), 3);
    assert!(acd.warnings.is_empty());
    assert_eq!(acd.provenance.status, ReleaseStatus::Modified); // 3 rows of v24.1
}

#[test]
fn wrong_types_codes_and_dates_name_line_and_column() {
    for (name, line, column, value) in [
        ("wrong_type.csv", 3, "year", "2014.0"),
        ("out_of_range_code.csv", 3, "type_of_conflict", "5"),
        ("impossible_dates.csv", 2, "ep_end_date", "1990-01-01"),
    ] {
        let (err, path) = acd_err(name);
        assert_eq!(
            shape(&err, &path),
            (ErrorKind::Parse, Some(line), Some(column.into())),
            "{name}"
        );
        assert!(matches!(err, Error::InvalidValue { .. }), "{name}");
        assert_eq!(err.value(), Some(value), "{name}");
    }
    let path = catalogue("ged_end_before_start.csv");
    let err = Ged::from_path(&path).unwrap_err();
    assert_eq!(
        shape(&err, &path),
        (ErrorKind::Parse, Some(3), Some("date_end".into()))
    );
    assert_eq!(err.value(), Some("1989-05-01"));
}

/// A G&W list stored as a number by a spreadsheet (UCDP's xlsx download of Non-State v25.1,
/// converted by a user): a typed error naming the damage and the probable codes, never split
/// silently.
#[test]
fn xlsx_gw_list_number_is_a_spreadsheet_number_error() {
    let path = catalogue("xlsx_gw_list_number.csv");
    let err = NonState::from_path(&path).unwrap_err();
    assert_eq!(
        shape(&err, &path),
        (ErrorKind::Parse, Some(4), Some("gwno_b_2nd".into()))
    );
    assert_eq!(err.value(), Some("2696670"));
    match &err {
        Error::SpreadsheetNumber { probable, .. } => assert_eq!(probable, "2, 696, 670"),
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("thousands separators"), "{err}");
}

#[test]
fn duplicate_conflict_year_names_both_lines() {
    let (err, path) = acd_err("duplicate_conflict_year.csv");
    assert_eq!(shape(&err, &path), (ErrorKind::Duplicate, Some(5), None));
    match err {
        Error::DuplicateRecord {
            first_line, key, ..
        } => {
            assert_eq!(first_line, 2);
            assert_eq!(key, "conflict-year (conflict_id 11342, year 2012)");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn bytes_that_are_not_utf8_csv_are_rejected() {
    let (err, path) = acd_err("embedded_nul.csv");
    assert_eq!(
        shape(&err, &path),
        (ErrorKind::Parse, Some(3), Some("side_b".into()))
    );
    assert_eq!(err.value(), Some("GN\0LA"));
    let (err, path) = acd_err("invalid_utf8.csv");
    assert_eq!(shape(&err, &path), (ErrorKind::Parse, Some(2), None));
    assert!(err.to_string().contains("UTF-8"), "{err}");
    let (err, path) = acd_err("utf16.csv");
    assert_eq!(shape(&err, &path), (ErrorKind::Parse, Some(1), None));
    assert!(err.to_string().contains("UTF-16"), "{err}");
}

#[test]
fn truncated_empty_and_header_only_files() {
    let (err, path) = acd_err("truncated_last_line.csv");
    assert_eq!(shape(&err, &path), (ErrorKind::Schema, Some(4), None));
    assert!(matches!(
        err,
        Error::FieldCount {
            expected: 28,
            found: 10,
            ..
        }
    ));
    let (err, path) = acd_err("empty.csv");
    assert_eq!(shape(&err, &path), (ErrorKind::Schema, None, None));
    assert!(matches!(err, Error::EmptyFile { .. }));
    // A header alone is a valid, empty dataset; counting it is refused, never a row of zeros.
    let acd = Acd::from_path(catalogue("header_only.csv")).unwrap();
    assert!(acd.records.is_empty());
    assert_eq!(acd.provenance.version, "unknown");
    assert_eq!(acd.provenance.status, ReleaseStatus::Unregistered);
    let err = conflictstats::count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Spec);
}

#[test]
fn user_ihl_classifications() {
    let path = catalogue("ihl_overlap.csv");
    let err = IhlLayer::from_path(&path).unwrap_err();
    assert_eq!(shape(&err, &path), (ErrorKind::Duplicate, Some(3), None));
    let path = catalogue("ihl_unknown_category.csv");
    let err = IhlLayer::from_path(&path).unwrap_err();
    assert_eq!(
        shape(&err, &path),
        (ErrorKind::Parse, Some(3), Some("category".into()))
    );
    assert_eq!(err.value(), Some("war"));
    let layer = IhlLayer::from_path(catalogue("ihl_spreadsheet_resave.csv")).unwrap();
    assert_eq!(layer.curated.len(), 1);
    assert_eq!(
        layer.curated[0].from.map(|d| d.to_string()).as_deref(),
        Some("2014-02-27")
    );
    let kinds: Vec<_> = layer.warnings.iter().map(|w| w.kind).collect();
    assert_eq!(
        kinds,
        [WarningKind::SemicolonDelimiter, WarningKind::DayFirstDates]
    );
}

/// `(name, real file, loader)` for every loader, to check the dataset-independent classes. A
/// loader returns the number of records and their `Debug` text (to compare whole records).
type Loader = fn(&str, &[u8]) -> Result<(usize, String), Error>;

fn summary<T: std::fmt::Debug>(n: usize, records: &T) -> (usize, String) {
    (n, format!("{records:?}"))
}

fn loaders() -> Vec<(&'static str, &'static str, Loader)> {
    vec![
        ("acd", "ucdp-acd/UcdpPrioConflict_v25_1.csv", |f, b| {
            Acd::from_bytes(f, b).map(|d| summary(d.records.len(), &d.records))
        }),
        ("dyadic", "ucdp-dyadic/Dyadic_v24_1.csv", |f, b| {
            Dyadic::from_bytes(f, b).map(|d| summary(d.records.len(), &d.records))
        }),
        ("brd", "ucdp-brd/BattleDeaths_v24_1.csv", |f, b| {
            BattleDeaths::from_bytes(f, b).map(|d| summary(d.records.len(), &d.records))
        }),
        ("nonstate", "ucdp-nonstate/Nonstate_v23_1.csv", |f, b| {
            NonState::from_bytes(f, b).map(|d| summary(d.records.len(), &d.records))
        }),
        ("onesided", "ucdp-onesided/OneSided_v23_1.csv", |f, b| {
            OneSided::from_bytes(f, b).map(|d| summary(d.records.len(), &d.records))
        }),
        ("ged", "ucdp-ged-sample/ged231_sample_1000.csv", |f, b| {
            Ged::from_bytes(f, b).map(|d| summary(d.events.len(), &d.events))
        }),
        ("gwstates", "gwstates/gwstates.csv", |f, b| {
            GwStates::from_bytes(f, b).map(|d| summary(d.periods.len(), &d.periods))
        }),
        ("crosswalk", "crosswalk/gw_iso3.csv", |f, b| {
            Crosswalk::from_bytes(f, b).map(|d| summary(d.rows.len(), &d.rows))
        }),
    ]
}

/// The header and first two records of a real file, as text.
fn real_head(rel: &str) -> (String, Vec<String>) {
    let text = std::fs::read_to_string(data(rel)).unwrap();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut starts = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while starts.len() < 4 && rdr.read_byte_record(&mut rec).unwrap() {
        starts.push(rec.position().unwrap().byte() as usize);
    }
    let cut = |i: usize| text[starts[i]..starts[i + 1]].to_string();
    (cut(0), vec![cut(1), cut(2)])
}

#[test]
fn every_loader_reads_its_real_file_and_rejects_the_generic_classes_alike() {
    for (name, rel, load) in loaders() {
        let real = std::fs::read(data(rel)).unwrap();
        let (n_real, records_real) = load("real.csv", &real).unwrap();
        assert!(n_real > 0, "{name}");
        let (header, recs) = real_head(rel);
        // Empty, and header only.
        assert!(
            matches!(load("e.csv", b""), Err(Error::EmptyFile { .. })),
            "{name}"
        );
        assert_eq!(load("h.csv", header.as_bytes()).unwrap().0, 0, "{name}");
        // Truncated last line.
        let cut = format!("{header}{}{}", recs[0], &recs[1][..recs[1].len() / 3]);
        let err = load("t.csv", cut.as_bytes()).unwrap_err();
        assert_eq!(
            (err.kind(), err.line(), err.file()),
            (ErrorKind::Schema, Some(3), Some("t.csv")),
            "{name}: {err}"
        );
        // Invalid UTF-8 in the first record.
        let mut bytes = format!("{header}{}", recs[0]).into_bytes();
        let at = header.len() + recs[0].find(|c: char| c.is_ascii_alphabetic()).unwrap();
        bytes[at] = 0xFF;
        let err = load("u.csv", &bytes).unwrap_err();
        assert_eq!(
            (err.kind(), err.line()),
            (ErrorKind::Parse, Some(2)),
            "{name}: {err}"
        );
        // A NUL byte in the first record's first letter: a typed error naming the column.
        bytes[at] = 0;
        let err = load("n.csv", &bytes).unwrap_err();
        assert_eq!(
            (err.kind(), err.line()),
            (ErrorKind::Parse, Some(2)),
            "{name}: {err}"
        );
        assert!(err.column().is_some() && err.value().unwrap().contains('\0'));
        // A record longer than the limit (an unclosed quote, a binary blob): bounded error.
        let mut huge = format!("{header}\"").into_bytes();
        huge.resize(huge.len() + MAX_RECORD_BYTES as usize + 1024, b'x');
        let err = load("big.csv", &huge).unwrap_err();
        assert_eq!(
            (err.kind(), err.line()),
            (ErrorKind::Parse, Some(2)),
            "{name}: {err}"
        );
        assert!(err.to_string().contains("longer than 8 MiB"), "{err}");
        // CRLF line endings: same records, field by field (no stray `\r` in a last column).
        // The conversion also turns newlines inside quoted text into CRLF, so those are
        // compared as newlines on both sides.
        let text = String::from_utf8(real.clone()).unwrap();
        let crlf = text.replace("\r\n", "\n").replace('\n', "\r\n");
        let (n_crlf, records_crlf) = load("crlf.csv", crlf.as_bytes()).unwrap();
        assert_eq!(n_crlf, n_real, "{name}");
        assert!(
            records_crlf.replace("\\r\\n", "\\n") == records_real.replace("\\r\\n", "\\n"),
            "{name}: the CRLF copy reads differently"
        );
    }
}

#[test]
fn a_long_line_in_a_streamed_file_stops_at_the_limit() {
    // The catalogue's "1 GB line", scaled to the limit + 1 MiB so that the test stays fast; the
    // full 1 GB run (peak RSS) is `one_gigabyte_line` below, run with `--ignored`.
    let path = std::env::temp_dir().join(format!("cs-longline-{}.csv", std::process::id()));
    let (header, recs) = real_head("ucdp-ged-sample/ged231_sample_1000.csv");
    let mut text = format!("{header}{}", recs[0]).into_bytes();
    text.resize(text.len() + MAX_RECORD_BYTES as usize + (1 << 20), b'7');
    std::fs::write(&path, &text).unwrap();
    let err = Ged::from_path(&path).unwrap_err();
    std::fs::remove_file(&path).ok();
    assert_eq!(
        (err.kind(), err.line()),
        (ErrorKind::Parse, Some(3)),
        "{err}"
    );
}

#[test]
#[ignore = "writes 1 GB to the temp dir; run with --ignored to measure"]
fn one_gigabyte_line() {
    use std::io::Write as _;
    let path = std::env::temp_dir().join("cs-1gb-line.csv");
    let (header, recs) = real_head("ucdp-ged-sample/ged231_sample_1000.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    f.write_all(format!("{header}{}", recs[0]).as_bytes())
        .unwrap();
    let block = vec![b'7'; 1 << 20];
    for _ in 0..1024 {
        f.write_all(&block).unwrap();
    }
    f.flush().unwrap();
    drop(f);
    let t = std::time::Instant::now();
    let err = Ged::from_path(&path).unwrap_err();
    eprintln!("1 GB line: {err} ({:?})", t.elapsed());
    std::fs::remove_file(&path).ok();
    assert_eq!((err.kind(), err.line()), (ErrorKind::Parse, Some(3)));
}

#[test]
fn streamed_and_in_memory_ged_loads_agree() {
    let path = data("ucdp-ged-sample/ged231_sample_1000.csv");
    let streamed = Ged::from_path(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let in_memory = Ged::from_bytes(&path.display().to_string(), &bytes).unwrap();
    assert_eq!(streamed.events, in_memory.events);
    assert_eq!(streamed.provenance, in_memory.provenance);
    assert_eq!(streamed.provenance.status, ReleaseStatus::Official);
    assert_eq!(streamed.provenance.version, "23.1");
}

#[test]
fn a_modified_copy_of_a_release_is_reported_as_modified() {
    let path = data("ucdp-acd/UcdpPrioConflict_v25_1.csv");
    let real = std::fs::read(&path).unwrap();
    let official = Acd::from_bytes("copy.csv", &real).unwrap();
    assert_eq!(official.provenance.status, ReleaseStatus::Official);
    // One letter of one name changed: same version column, different bytes.
    let mut edited = real.clone();
    let at = edited.windows(4).position(|w| w == b"GNLA").unwrap();
    edited[at] = b'X';
    let m = Acd::from_bytes("edited.csv", &edited).unwrap();
    assert_eq!(m.provenance.status, ReleaseStatus::Modified);
    assert_eq!(m.provenance.version, "25.1");
    assert_ne!(m.provenance.sha256, official.provenance.sha256);
    assert_eq!(m.provenance.sha256.len(), 64);
    assert!(m.provenance.label().contains("modified copy"));
    // And a count carries the modified copy's checksum and status.
    let t = conflictstats::count(&m, &CountSpec::new(CountUnit::Conflict)).unwrap();
    assert_eq!(t.dataset.sha256, m.provenance.sha256);
    assert_eq!(t.dataset.status, ReleaseStatus::Modified);
}

/// Every seed and every past crash of every fuzz target, through the fuzzed entry point; and
/// every catalogue file through every loader's entry point. This is the fuzzing CI smoke test.
#[test]
fn fuzz_corpora_replay_without_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut n = 0;
    for (target, run) in entry::TARGETS {
        for dir in ["seeds", "regressions"] {
            let Ok(files) = std::fs::read_dir(root.join(dir).join(target)) else {
                continue;
            };
            for f in files {
                let bytes = std::fs::read(f.unwrap().path()).unwrap();
                run(&bytes);
                n += 1;
            }
        }
        for f in std::fs::read_dir(catalogue("")).unwrap() {
            let p = f.unwrap().path();
            if p.extension().is_some_and(|e| e == "csv") {
                run(&std::fs::read(p).unwrap());
                n += 1;
            }
        }
    }
    assert!(n > 200, "only {n} inputs replayed");
}
