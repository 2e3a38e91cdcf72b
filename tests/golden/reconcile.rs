//! The 61-vs-130 reconciliation table, golden-tested on the embedded data.
//!
//! The expected files are the library's output, reviewed by hand; every number in them (each
//! count, each ratio, each figure quoted against a published statement, each checksum) is
//! checked by `golden_files_agree_with_the_raw_data` against counts made from the raw CSV files
//! with the `csv` crate alone (`raw.rs`), so a regenerated file cannot bless a wrong count.

use conflictstats::reconcile::{Cell, ReconcileOptions, reconcile_embedded};

fn expected(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("golden/expected")
            .join(name),
    )
    .unwrap()
}

#[test]
fn reconciliation_2024_and_2023_match_the_golden_files() {
    for (year, file) in [(2024, "reconcile_2024.txt"), (2023, "reconcile_2023.txt")] {
        let r = reconcile_embedded(&ReconcileOptions::new(year)).unwrap();
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
fn reconciliation_2024_values() {
    let r = reconcile_embedded(&ReconcileOptions::new(2024)).unwrap();
    assert_eq!(r.years, vec![1994, 2009, 2024]);
    let row = |label: &str| r.rows.iter().find(|m| m.label == label).unwrap();
    // UCDP's 61 for 2024 and 37 for 2009 (ACD v25.1).
    assert_eq!(row("conflict").values[2], Cell::Count(61));
    assert_eq!(row("conflict").values[1], Cell::Count(37));
    // Units on the v24.1 Dyadic/Non-State/One-sided data have no 2024: missing with a reason.
    for label in [
        "dyad",
        "nonstate_conflict",
        "onesided_actor",
        "legal_relationship p=0",
    ] {
        match &row(label).values[2] {
            Cell::Missing(why) => assert!(why.contains("2023"), "{label}: {why}"),
            other => panic!("{label}: {other:?}"),
        }
    }
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
fn reconciliation_2023_persistence_zero_and_monotone() {
    let r = reconcile_embedded(&ReconcileOptions::new(2023)).unwrap();
    let row = |label: &str| r.rows.iter().find(|m| m.label == label).unwrap();
    assert_eq!(
        row("legal_relationship p=0").values[2].count(),
        Some(68 + 75)
    );
    let mut prev = 0;
    for p in [0, 1, 2, 3, 5] {
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
    use crate::raw;
    let mut units = std::collections::BTreeMap::new();
    let mut counts = |label: &str| -> std::collections::BTreeMap<i32, usize> {
        units
            .entry(label.to_string())
            .or_insert_with(|| raw::unit_counts(label))
            .clone()
    };
    for (year, file) in [(2024, "reconcile_2024.txt"), (2023, "reconcile_2023.txt")] {
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
            let raw = counts(c[0]);
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
        assert_eq!(labels.len(), 11, "{file}");
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
                        let raw = counts(l);
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
            let raw = counts(c[0]);
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
        for rel in [raw::ACD, raw::DYADIC, raw::NONSTATE, raw::ONESIDED] {
            let sha =
                conflictstats::data::registry::sha256_hex(&std::fs::read(raw::data(rel)).unwrap());
            assert!(
                text.contains(&format!("(SHA-256 {})", &sha[..12])),
                "{file}: {rel}"
            );
        }
    }
}
