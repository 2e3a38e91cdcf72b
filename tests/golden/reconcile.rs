//! The 61-vs-130 reconciliation table, golden-tested on the embedded data.
//!
//! The expected files are the library's output, reviewed by hand; every number in them (each
//! count, each ratio, each figure quoted against a published statement, each checksum) is
//! checked by `golden_files_agree_with_the_raw_data` against counts made from the raw CSV files
//! with the `csv` crate alone (`raw.rs`), so a regenerated file cannot bless a wrong count.

use crate::raw::{self, Release};
use conflictstats::data::Sources;
use conflictstats::reconcile::{Cell, ReconcileOptions, Reconciliation, reconcile_in};

/// The golden files: (release, year, file).
const GOLDEN: [(&Release, i32, &str); 3] = [
    (&raw::V25_1, 2024, "reconcile_v25_1_2024.txt"),
    (&raw::V25_1, 2023, "reconcile_v25_1_2023.txt"),
    (&raw::V24_1, 2023, "reconcile_v24_1_2023.txt"),
];

fn reconcile(version: &str, year: i32) -> Reconciliation {
    reconcile_in(
        &Sources::embedded(Some(version)),
        &ReconcileOptions::new(year),
    )
    .unwrap()
}

fn expected(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("golden/expected")
            .join(name),
    )
    .unwrap()
}

#[test]
fn reconciliation_v25_1_and_v24_1_match_the_golden_files() {
    for (release, year, file) in GOLDEN {
        let r = reconcile(release.version, year);
        let text = r.to_string();
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("golden/expected")
                    .join(file),
                &text,
            )
            .unwrap();
        }
        assert_eq!(text, expected(file), "{file}");
    }
}

#[test]
fn reconciliation_v25_1_2024_values() {
    let r = reconcile("25.1", 2024);
    assert_eq!(r.years, vec![1994, 2009, 2024]);
    let row = |label: &str| r.rows.iter().find(|m| m.label == label).unwrap();
    // UCDP's 61 for 2024 and 37 for 2009 (ACD v25.1).
    assert_eq!(row("conflict").values[2], Cell::Count(61));
    assert_eq!(row("conflict").values[1], Cell::Count(37));
    // Every v25.1 unit covers 2024: no missing cell, and no year stands in for 2024.
    assert_eq!(row("dyad").values[2], Cell::Count(68));
    assert_eq!(row("nonstate_conflict").values[2], Cell::Count(74));
    assert_eq!(row("onesided_actor").values[2], Cell::Count(49));
    assert_eq!(row("legal_relationship p=0").values[2], Cell::Count(142));
    assert!(r.rows.iter().all(|m| m.values[2].count().is_some()));
    // Every unit has a figure for every statement about 2024 or before; a statement about 2025
    // ("today", March 2026) needs release 26.1 for every unit.
    for c in &r.comparisons {
        assert_eq!(
            c.unavailable.is_empty(),
            c.figure.year <= 2024,
            "{}",
            c.figure.id
        );
        assert!(c.candidates.iter().all(|k| k.year_used == c.figure.year));
    }
    assert!(!r.to_string().contains("proxy"));
    // persistence 0 reduces to dyads + non-state conflicts.
    let sum = |y: usize| {
        row("dyad").values[y].count().unwrap() + row("nonstate_conflict").values[y].count().unwrap()
    };
    assert_eq!(
        row("legal_relationship p=0").values[0].count(),
        Some(sum(0))
    );
    assert_eq!(
        row("legal_relationship p=0").values[1].count(),
        Some(sum(1))
    );
    // The UCDP statement is matched exactly by the conflict unit.
    let ucdp = r
        .comparisons
        .iter()
        .find(|c| c.figure.id == "ucdp-2024")
        .unwrap();
    assert_eq!(ucdp.candidates[0].label, "conflict");
    assert!(ucdp.candidates[0].met && ucdp.candidates[0].distance == 0.0);
}

#[test]
fn reconciliation_v24_1_2023_persistence_zero_and_monotone() {
    let r = reconcile("24.1", 2023);
    let row = |label: &str| r.rows.iter().find(|m| m.label == label).unwrap();
    assert_eq!(
        row("legal_relationship p=0").values[2].count(),
        Some(68 + 75)
    );
    let mut prev = 0;
    for p in conflictstats::count::DEFAULT_PERSISTENCES {
        let v = row(&format!("legal_relationship p={p}")).values[2]
            .count()
            .unwrap();
        assert!(v >= prev, "p={p}");
        prev = v;
    }
    // 1993 needs five earlier years for p = 5, and the Non-State data begin in 1989.
    assert!(
        matches!(&row("legal_relationship p=5").values[0], Cell::Missing(w) if w.contains("1989"))
    );
}

/// Splits a line on runs of two or more spaces ("legal_relationship p=0     88" → 2 cells).
fn cells(line: &str) -> Vec<&str> {
    line.split("  ")
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// `to / from` as the table prints it (two decimals), `None` where undefined.
fn ratio(counts: &std::collections::BTreeMap<i32, usize>, to: i32, from: i32) -> Option<String> {
    let (a, b) = (*counts.get(&to)?, *counts.get(&from)?);
    (b > 0).then(|| format!("{:.2}", a as f64 / b as f64))
}

#[test]
fn golden_files_agree_with_the_raw_data() {
    let mut units = std::collections::BTreeMap::new();
    let mut counts = |release: &Release, label: &str| -> std::collections::BTreeMap<i32, usize> {
        units
            .entry((release.version, label.to_string()))
            .or_insert_with(|| raw::unit_counts(release, label))
            .clone()
    };
    for (release, year, file) in GOLDEN {
        let text = expected(file);
        let mut lines = text.lines();
        // The table: header, then one row per unit until the blank line.
        let header = lines.find(|l| l.starts_with("unit ")).unwrap();
        let years: Vec<i32> = cells(header)[1..4]
            .iter()
            .map(|y| y.parse().unwrap())
            .collect();
        assert_eq!(years, [year - 30, year - 15, year], "{file}");
        let mut labels = Vec::new();
        for line in lines.by_ref().take_while(|l| !l.is_empty()) {
            let c = cells(line);
            assert_eq!(c.len(), 6, "{file}: {line}");
            labels.push(c[0]);
            let raw = counts(release, c[0]);
            for (cell, y) in c[1..4].iter().zip(&years) {
                match raw.get(y) {
                    Some(n) => assert_eq!(*cell, n.to_string(), "{file}: {} {y}", c[0]),
                    None => assert!(cell.starts_with("–["), "{file}: {} {y} = {cell}", c[0]),
                }
            }
            for (cell, from) in [(c[4], years[0]), (c[5], years[1])] {
                let want = ratio(&raw, year, from).unwrap_or_else(|| "–".into());
                assert_eq!(cell, want, "{file}: {} {year}/{from}", c[0]);
            }
        }
        assert_eq!(labels.len(), 12, "{file}"); // 6 units, legal_relationship p=0–5
        // The closest units quoted under each published statement: a count in a year, or a
        // ratio over the statement's horizon ("[ratio … over 15 years]").
        // No other year stands in for the statement's: a unit quoted has a figure in the raw
        // data for the statement's year, and under each statement as many units are quoted as
        // have one (at most three).
        let mut horizon: Option<i32> = None;
        let mut stated: i32 = 0;
        let mut quoted = 0;
        let mut want_quoted = 0;
        for line in text.lines() {
            if line.starts_with("- ") {
                horizon = line
                    .rsplit_once(" over ")
                    .and_then(|(_, h)| h.strip_suffix(" years]"))
                    .map(|h| h.parse().unwrap());
                stated = line.split("), ").nth(1).unwrap()[..4].parse().unwrap();
                let have = labels
                    .iter()
                    .filter(|l| {
                        let raw = counts(release, l);
                        match horizon {
                            Some(h) => ratio(&raw, stated, stated - h).is_some(),
                            None => raw.contains_key(&stated),
                        }
                    })
                    .count();
                want_quoted += have.min(3);
                continue;
            }
            let Some(rest) = line.strip_prefix("    ") else {
                continue;
            };
            let c = cells(rest);
            if c.len() != 2 || !labels.contains(&c[0]) {
                continue;
            }
            let words: Vec<&str> = c[1].split(' ').collect();
            assert_eq!(words[1], "in", "{file}: {line}");
            let (value, y) = (words[0], words[2].parse::<i32>().unwrap());
            assert_eq!(y, stated, "{file}: {line}");
            let raw = counts(release, c[0]);
            let want = match horizon {
                Some(h) => ratio(&raw, y, y - h).unwrap(),
                None => raw[&y].to_string(),
            };
            assert_eq!(value, want, "{file}: {line}");
            quoted += 1;
        }
        assert_eq!(quoted, want_quoted, "{file}");
        assert!(quoted > 0, "{file}");
        // The checksums listed are those of the files read.
        for rel in release.files() {
            let sha =
                conflictstats::data::registry::sha256_hex(&std::fs::read(raw::data(rel)).unwrap());
            assert!(
                text.contains(&format!("(SHA-256 {})", &sha[..12])),
                "{file}: {rel}"
            );
        }
    }
}
