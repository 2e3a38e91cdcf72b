//! ACD v25.1 → v26.1: the release diff reproduces the revisions `data/ucdp-acd/SOURCE.md`
//! lists, and every changed field an independent script finds in the raw CSVs
//! (`tests/reference/acd_diff.py`, which wrote `expected/diff_acd_v25_1_v26_1.csv`).

use conflictstats::data::{DatasetId, Source};
use conflictstats::diff::{DiffSpec, ReleaseDiff, diff};

/// UCDP/PRIO ACD v25.1 (the embedded release) against the v26.1 file.
fn acd_v25_1_to_v26_1() -> ReleaseDiff {
    let v26_1 = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/ucdp-acd/UcdpPrioConflict_v26_1.csv"
    );
    diff(&DiffSpec::new(
        DatasetId::Acd,
        Source::Embedded(Some("25.1".into())),
        Source::File(v26_1.into()),
    ))
    .unwrap()
}

#[test]
fn acd_v25_1_to_v26_1_revisions_listed_in_source_md() {
    let d = acd_v25_1_to_v26_1();
    assert_eq!(
        (d.old.version.as_str(), d.new.version.as_str()),
        ("25.1", "26.1")
    );
    assert_eq!((d.old_records, d.new_records), (2752, 2816));
    let only_old: Vec<&[i64]> = d.only_in_old.iter().map(|r| &r.order[..]).collect();
    assert_eq!(only_old, [&[375, 2001][..], &[14197, 2024], &[16379, 2024]]);
    let only_new_before_2025: Vec<&[i64]> = d
        .only_in_new
        .iter()
        .filter(|r| r.year != Some(2025))
        .map(|r| &r.order[..])
        .collect();
    assert_eq!(only_new_before_2025, [&[230, 2008][..], &[289, 2017]]);
    assert_eq!(
        d.only_in_new
            .iter()
            .filter(|r| r.year == Some(2025))
            .count(),
        65
    );
    let counts = d.counts.as_ref().unwrap();
    let differing: Vec<(i32, Option<u32>, Option<u32>)> =
        counts.differing().map(|y| (y.year, y.old, y.new)).collect();
    // 2001 loses (375, 2001); 2008 and 2017 gain (230, 2008) and (289, 2017); 2024: 61 → 59;
    // 2025 is only in v26.1.
    assert_eq!(
        differing,
        [
            (2001, Some(39), Some(38)),
            (2008, Some(38), Some(39)),
            (2017, Some(53), Some(54)),
            (2024, Some(61), Some(59)),
            (2025, None, Some(65)),
        ]
    );
}

#[test]
fn acd_v25_1_to_v26_1_equals_the_independent_reference() {
    let expected = include_str!("expected/diff_acd_v25_1_v26_1.csv");
    let got = acd_v25_1_to_v26_1().to_csv();
    for (i, (a, b)) in got.lines().zip(expected.lines()).enumerate() {
        assert_eq!(a, b, "line {}", i + 1);
    }
    assert_eq!(got.lines().count(), expected.lines().count());
}
