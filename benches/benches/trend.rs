//! Trend fits and the bootstrap on the ACD's state-based conflict counts, 1946–2024.
//!
//! Targets (issue 7): a fit < 100 µs; a 10,000-replicate bootstrap (parametric and moving
//! block, growth rate and two horizon ratios) < 50 ms. Issue 13: the shape comparison (step,
//! one and two regime changes, break search, 1,000-replicate no-break and break-year
//! bootstraps) and the full report with every model and a 1,000-replicate growth bootstrap
//! < 250 ms. Smoke mode (`cargo test --benches`) runs 50 replicates.
//!
//! Run: `cargo bench -p conflictstats-benches --bench trend`

use conflictstats::trend::{
    BootstrapOptions, ShapeOptions, TrendOptions, TrendReport, bootstrap, compare, fit_linear,
    fit_negbin, fit_poisson, horizons,
};
use conflictstats::{CountSpec, CountUnit, count, data::Acd};
use conflictstats_benches::scale;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_trend(c: &mut Criterion) {
    let acd = Acd::embedded(None).expect("embedded ACD loads");
    let table = count(&acd, &CountSpec::new(CountUnit::Conflict)).expect("counts");
    let (years, counts) = table.series().expect("one series");
    let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
    let last30 = years.len() - 30;
    let mut group = c.benchmark_group("trend/acd-conflicts");
    for (name, (y, n)) in [
        ("1946-2024", (&years[..], &counts[..])),
        ("1995-2024", (&years[last30..], &counts[last30..])),
    ] {
        group.bench_function(format!("poisson/{name}"), |b| {
            b.iter(|| fit_poisson(black_box(y), black_box(n)).unwrap())
        });
        group.bench_function(format!("negbin/{name}"), |b| {
            b.iter(|| fit_negbin(black_box(y), black_box(n)).unwrap())
        });
        group.bench_function(format!("linear/{name}"), |b| {
            b.iter(|| fit_linear(black_box(y), black_box(n)).unwrap())
        });
    }
    group.finish();

    let replicates = scale(10_000, 50);
    let h = horizons(&years, &counts, 2024, &[15, 30]).expect("horizons");
    let opts = BootstrapOptions {
        replicates,
        ..BootstrapOptions::default()
    };
    let mut group = c.benchmark_group("trend/bootstrap");
    group.sample_size(10);
    group.bench_function(format!("{replicates}-replicates/1946-2024"), |b| {
        b.iter(|| bootstrap(black_box(&years), black_box(&counts), &h, &opts).unwrap())
    });
    group.finish();

    let replicates = scale(1_000, 50);
    let shape_opts = ShapeOptions {
        replicates,
        ..ShapeOptions::default()
    };
    let (y30, n30) = (&years[last30..], &counts[last30..]);
    let mut group = c.benchmark_group("trend/shapes");
    group.sample_size(10);
    let no_boot = ShapeOptions {
        replicates: 0,
        ..ShapeOptions::default()
    };
    group.bench_function("search-only/1995-2024", |b| {
        b.iter(|| compare(black_box(y30), black_box(n30), &no_boot).unwrap())
    });
    group.bench_function(format!("{replicates}-replicates/1995-2024"), |b| {
        b.iter(|| compare(black_box(y30), black_box(n30), &shape_opts).unwrap())
    });
    let full = TrendOptions {
        bootstrap: Some(BootstrapOptions {
            replicates,
            ..BootstrapOptions::default()
        }),
        shapes: Some(shape_opts),
        ..TrendOptions::default()
    };
    group.bench_function(
        format!("full-report-{replicates}-replicates/1995-2024"),
        |b| b.iter(|| TrendReport::from_count_table(black_box(&table), &full).unwrap()),
    );
    group.finish();
}

criterion_group!(benches, bench_trend);
criterion_main!(benches);
