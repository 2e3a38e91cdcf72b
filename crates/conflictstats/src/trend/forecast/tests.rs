//! Forecast tests on the embedded ACD releases (each test names and pins its release).

use super::*;
use crate::trend::{ShapeOptions, compare, fit_negbin, fit_poisson};
use crate::{CountSpec, CountUnit, count, data::Acd};
use approx::assert_relative_eq;

fn acd_conflicts(version: &str) -> (Vec<i32>, Vec<f64>) {
    let acd = Acd::embedded(Some(version)).unwrap();
    let table = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
    let (years, counts) = table.series().unwrap();
    (years, counts.into_iter().map(f64::from).collect())
}

fn small(replicates: usize) -> ForecastOptions {
    ForecastOptions {
        replicates,
        ..ForecastOptions::default()
    }
}

#[test]
fn acd_v26_1_forecast_from_2025_every_model() {
    let (years, counts) = acd_conflicts("26.1");
    assert_eq!(
        (years[years.len() - 1], counts[counts.len() - 1]),
        (2025, 65.0)
    );
    let f = forecast(&years, &counts, &small(200)).unwrap();
    assert_eq!((f.origin, f.window_start, f.window_end), (2025, 1996, 2025));
    assert_eq!(f.models.len(), 8, "{:?}", f.notes);
    for m in &f.models {
        assert_eq!(m.points.len(), 5);
        assert_eq!(m.points[0].year, 2026);
        assert_eq!(m.points[4].year, 2030);
        assert_eq!(m.valid_replicates, 200, "{}", m.name);
        for p in &m.points {
            let i = &p.intervals;
            assert!(i[2].low <= i[1].low && i[1].low <= i[0].low && i[0].low <= p.median);
            assert!(p.median <= i[0].high && i[0].high <= i[1].high && i[1].high <= i[2].high);
        }
        assert_eq!(m.autocorrelation.is_some(), !m.model.is_baseline());
    }
    let last = f.model(ForecastModel::LastValue).unwrap();
    assert_eq!(last.points[0].fitted_mean, 65.0);
    let mean5 = f.model(ForecastModel::MeanOfLast).unwrap();
    let expected = counts[counts.len() - 5..].iter().sum::<f64>() / 5.0;
    assert_relative_eq!(mean5.points[0].fitted_mean, expected);
}

#[test]
fn acd_v26_1_exponential_means_are_the_trend_fits() {
    let (years, counts) = acd_conflicts("26.1");
    let n = years.len();
    let (y, c) = (&years[n - 30..], &counts[n - 30..]);
    let f = forecast(&years, &counts, &small(50)).unwrap();
    let p = fit_poisson(y, c).unwrap();
    let nb = fit_negbin(y, c).unwrap();
    for (model, (a, b, center)) in [
        (
            ForecastModel::ExponentialPoisson,
            (p.intercept, p.slope, p.center_year),
        ),
        (
            ForecastModel::ExponentialNegbin,
            (nb.intercept, nb.slope, nb.center_year),
        ),
    ] {
        let m = f.model(model).unwrap();
        for pt in &m.points {
            let want = (a + b * (f64::from(pt.year) - center)).exp();
            assert_relative_eq!(pt.fitted_mean, want, max_relative = 1e-7);
            let (lo, hi) = (pt.fitted_mean_low.unwrap(), pt.fitted_mean_high.unwrap());
            assert!(lo < want && want < hi);
        }
    }
}

#[test]
fn acd_v26_1_break_years_are_the_shape_comparisons() {
    let (years, counts) = acd_conflicts("26.1");
    let n = years.len();
    let opts = ShapeOptions {
        replicates: 0,
        ..ShapeOptions::default()
    };
    let c = compare(&years[n - 30..], &counts[n - 30..], &opts).unwrap();
    let f = forecast(&years, &counts, &small(20)).unwrap();
    for b in &c.breaks {
        let model = ForecastModel::ALL
            .into_iter()
            .find(|m| m.shape() == Some(b.shape))
            .unwrap();
        let m = f.model(model).unwrap();
        assert_eq!(m.break_years, b.break_years, "{}", m.name);
        let fitted_last = b.fitted[b.fitted.len() - 1];
        if model == ForecastModel::Step {
            assert_relative_eq!(m.points[0].fitted_mean, fitted_last, max_relative = 1e-9);
        }
    }
}

#[test]
fn forecast_is_the_same_whatever_the_thread_count() {
    let (years, counts) = acd_conflicts("26.1");
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| forecast(&years, &counts, &small(100)).unwrap())
    };
    assert_eq!(run(1), run(3));
}

#[test]
fn acd_v26_1_backtest_scores_and_origin_agree() {
    let (years, counts) = acd_conflicts("26.1");
    let opts = BacktestOptions {
        from: 2020,
        forecast: ForecastOptions {
            horizon: 2,
            ..small(100)
        },
    };
    let bt = backtest(&years, &counts, &opts).unwrap();
    assert_eq!((bt.from, bt.to), (2020, 2024));
    // Origins 2020–2024; h = 1 has 5 cases, h = 2 has 4, per model.
    let s1 = bt
        .scores
        .iter()
        .find(|s| s.model == ForecastModel::Step && s.horizon == 1)
        .unwrap();
    assert_eq!(s1.n, 5);
    for s in &bt.scores {
        assert!(s.coverage.iter().all(|c| (0.0..=1.0).contains(c)));
        assert!(s.crps >= 0.0 && s.log_score.is_finite());
    }
    assert!(bt.verdict.is_some());
    // The backtest's forecast from 2024 is the plain forecast from 2024.
    let f = forecast(
        &years,
        &counts,
        &ForecastOptions {
            origin: Some(2024),
            ..opts.forecast
        },
    )
    .unwrap();
    let case = bt
        .cases
        .iter()
        .find(|c| c.model == ForecastModel::Regime && c.origin == 2024)
        .unwrap();
    let pt = &f.model(ForecastModel::Regime).unwrap().points[0];
    assert_eq!(case.median, pt.median);
    assert_eq!(
        case.intervals[2],
        (pt.intervals[2].low, pt.intervals[2].high)
    );
    assert_eq!(case.observed, 65.0);
}

#[test]
fn acd_v25_1_to_v26_1_release_test() {
    let prev = acd_conflicts("25.1");
    let next = acd_conflicts("26.1");
    let t = release_test((&prev.0, &prev.1), (&next.0, &next.1), &small(100)).unwrap();
    assert_eq!(t.forecast.origin, 2024);
    assert!(t.cases.iter().all(|c| c.year == 2025 && c.observed == 65.0));
    assert_eq!(t.cases.len(), t.forecast.models.len());
    assert_eq!(t.shared_years, (1946, 2024));
    assert!(t.sentence.starts_with("2025 observed 65"), "{}", t.sentence);
}

#[test]
fn bad_options_are_typed_errors() {
    let (years, counts) = acd_conflicts("26.1");
    for o in [
        ForecastOptions {
            horizon: 0,
            ..small(10)
        },
        ForecastOptions {
            origin: Some(1900),
            ..small(10)
        },
        ForecastOptions {
            origin: Some(1950),
            ..small(10)
        },
        ForecastOptions {
            replicates: 0,
            ..small(10)
        },
    ] {
        assert!(matches!(
            forecast(&years, &counts, &o),
            Err(crate::Error::InvalidSpec(_))
        ));
    }
}
