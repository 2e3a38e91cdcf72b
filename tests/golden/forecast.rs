//! Forecasts on the embedded ACD releases (unit: conflict): the release test of v25.1 → v26.1
//! against UCDP's published 2025 count (65) and 2024 revision (61 in v25.1, 59 in v26.1), and
//! the plug-in means of the models whose forecast is a closed form of the counts.

use conflictstats::trend::forecast::{
    ForecastModel, ForecastOptions, forecast, release_test_tables,
};
use conflictstats::{CountSpec, CountUnit, count, data::Acd};

fn table(version: &str) -> conflictstats::CountTable {
    let acd = Acd::embedded(Some(version)).unwrap();
    count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap()
}

fn quick() -> ForecastOptions {
    ForecastOptions {
        replicates: 100,
        ..ForecastOptions::default()
    }
}

#[test]
fn acd_v25_1_to_v26_1_release_test_scores_2025s_65() {
    let t = release_test_tables(&table("25.1"), &table("26.1"), &quick()).unwrap();
    assert_eq!(t.previous.as_ref().unwrap().version, "25.1");
    assert_eq!(t.next.as_ref().unwrap().version, "26.1");
    assert_eq!(t.forecast.origin, 2024);
    assert_eq!(t.cases.len(), 8);
    assert!(t.cases.iter().all(|c| c.year == 2025 && c.observed == 65.0));
    let r2024 = t.revisions.iter().find(|r| r.year == 2024).unwrap();
    assert_eq!((r2024.previous, r2024.next), (61.0, 59.0));
}

#[test]
fn acd_v26_1_closed_form_means() {
    let t = table("26.1");
    let (years, counts) = t.series().unwrap();
    let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
    let f = forecast(&years, &counts, &quick()).unwrap();
    let at = |y: i32| counts[years.iter().position(|v| *v == y).unwrap()];
    // Last value: 65 (2025). Mean of the last 5 years: 2021–2025.
    let last = f.model(ForecastModel::LastValue).unwrap();
    assert_eq!(last.points[0].fitted_mean, 65.0);
    let mean5: f64 = (2021..=2025).map(at).sum::<f64>() / 5.0;
    let m = f.model(ForecastModel::MeanOfLast).unwrap();
    assert!((m.points[4].fitted_mean - mean5).abs() < 1e-12);
    // The step: the mean level of its last regime, the same for every year ahead.
    let step = f.model(ForecastModel::Step).unwrap();
    assert_eq!(step.break_years, [2014]);
    let level: f64 = (2014..=2025).map(at).sum::<f64>() / 12.0;
    for p in &step.points {
        assert!((p.fitted_mean - level).abs() < 1e-9);
    }
}
