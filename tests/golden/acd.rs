//! ACD v26.1, v25.1 and v24.1: the figures UCDP publishes, reproduced from the embedded copies.

use conflictstats::{CountSpec, CountUnit, Dimension, count, data::Acd};

#[test]
fn acd_v25_1_published_figures() {
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let conflicts = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
    let wars = count(
        &acd,
        &CountSpec::new(CountUnit::Conflict).by(Dimension::Intensity),
    )
    .unwrap();
    let countries = count(&acd, &CountSpec::new(CountUnit::Country)).unwrap();
    assert_eq!(conflicts.total(2024), Some(61));
    assert_eq!(wars.get(2024, "war"), Some(11));
    assert_eq!(countries.total(2024), Some(36));
    assert_eq!(conflicts.total(2023), Some(59));
    assert_eq!(wars.get(2023, "war"), Some(9));
    assert_eq!(countries.total(2023), Some(34));
}

/// UCDP's published 2025 figures (UCDP/PRIO's release of 9 June 2026, as reported by
/// secondary sources: 65 state-based conflicts, the most since 1946; 13 wars; 8 interstate),
/// and v26.1's revision of 2024 (59; 61 in v25.1).
#[test]
fn acd_v26_1_published_figures() {
    let acd = Acd::embedded(Some("26.1")).unwrap();
    let conflicts = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
    let intensity = count(
        &acd,
        &CountSpec::new(CountUnit::Conflict).by(Dimension::Intensity),
    )
    .unwrap();
    let types = count(
        &acd,
        &CountSpec::new(CountUnit::Conflict).by(Dimension::Type),
    )
    .unwrap();
    assert_eq!(conflicts.total(2025), Some(65));
    assert_eq!(intensity.get(2025, "war"), Some(13));
    assert_eq!(types.get(2025, "interstate"), Some(8));
    assert_eq!(types.get(2025, "intrastate"), Some(35));
    assert_eq!(types.get(2025, "internationalized_intrastate"), Some(22));
    assert_eq!(conflicts.total(2024), Some(59));
    assert_eq!(conflicts.total(2023), Some(59));
    // The most since 1946.
    let max_before = conflicts
        .rows
        .iter()
        .filter(|r| r.year < 2025)
        .map(|r| r.count)
        .max();
    assert!(max_before < Some(65), "{max_before:?}");
    assert_eq!(conflicts.rows.first().map(|r| r.year), Some(1946));
    assert_eq!(acd.provenance.version, "26.1");
    // The default release is v26.1.
    assert_eq!(Acd::embedded(None).unwrap().provenance, acd.provenance);
}

#[test]
fn acd_v24_1_published_figures() {
    let acd = Acd::embedded(Some("24.1")).unwrap();
    let conflicts = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
    assert_eq!(conflicts.total(2023), Some(59));
    assert_eq!(conflicts.total(2022), Some(56));
    assert_eq!(conflicts.total(2020), Some(56));
    assert_eq!(conflicts.rows.last().map(|r| r.year), Some(2023));
}

#[test]
fn counts_by_type_sum_to_the_total_every_year() {
    for (version, last) in [("25.1", 2024), ("26.1", 2025)] {
        let acd = Acd::embedded(Some(version)).unwrap();
        let total = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
        let by_type = count(
            &acd,
            &CountSpec::new(CountUnit::Conflict).by(Dimension::Type),
        )
        .unwrap();
        assert_eq!(total.rows.len(), usize::try_from(last - 1946 + 1).unwrap());
        for row in &total.rows {
            assert_eq!(
                by_type.total(row.year),
                Some(row.count),
                "v{version} year {}",
                row.year
            );
        }
    }
}
