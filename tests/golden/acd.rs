//! ACD v25.1 and v24.1: the figures UCDP publishes, reproduced from the embedded copies.

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
    let acd = Acd::embedded(None).unwrap();
    let total = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
    let by_type = count(
        &acd,
        &CountSpec::new(CountUnit::Conflict).by(Dimension::Type),
    )
    .unwrap();
    assert_eq!(total.rows.len(), 2024 - 1946 + 1);
    for row in &total.rows {
        assert_eq!(
            by_type.total(row.year),
            Some(row.count),
            "year {}",
            row.year
        );
    }
}
