//! Forecasts and the rolling-origin backtest on the ACD's state-based conflict counts (v26.1,
//! 1946–2025).
//!
//! Targets (issue 24): the plain forecast (every model, 1–5 years ahead, 1,000 replicates)
//! < 100 ms; the full backtest (every model, origins 2000–2024, 1–5 years ahead, 1,000
//! replicates) < 2 s on 2 cores. Smoke mode (`cargo test --benches`) runs 20 replicates.
//!
//! Run: `cargo bench -p conflictstats-benches --bench forecast`

use conflictstats::trend::forecast::{BacktestOptions, ForecastOptions, backtest, forecast};
use conflictstats::{CountSpec, CountUnit, count, data::Acd};
use conflictstats_benches::scale;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_forecast(c: &mut Criterion) {
    let acd = Acd::embedded(Some("26.1")).expect("embedded ACD v26.1 loads");
    let table = count(&acd, &CountSpec::new(CountUnit::Conflict)).expect("counts");
    let (years, counts) = table.series().expect("one series");
    let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
    let replicates = scale(1_000, 20);
    let opts = ForecastOptions {
        replicates,
        ..ForecastOptions::default()
    };
    let mut group = c.benchmark_group("forecast/acd-v26.1-conflicts");
    group.sample_size(10);
    group.bench_function(format!("forecast-{replicates}-replicates/h1-5"), |b| {
        b.iter(|| forecast(black_box(&years), black_box(&counts), &opts).unwrap())
    });
    let bt = BacktestOptions {
        from: 2000,
        forecast: opts,
    };
    group.bench_function(
        format!("backtest-{replicates}-replicates/origins-2000-2024/h1-5"),
        |b| b.iter(|| backtest(black_box(&years), black_box(&counts), &bt).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, bench_forecast);
criterion_main!(benches);
