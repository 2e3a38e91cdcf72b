//! The power-law tail of battle-related deaths (UCDP BRD v24.1, conflict-years, n = 1,520):
//! the `x_min` search (every distinct value a candidate, KS distance with pruning), the
//! log-normal fit and Vuong's test, and the CSN bootstrap (SE of α and goodness of fit, each
//! replicate with its own `x_min` search). Also the stock-flow table and decomposition.
//!
//! Smoke mode (`cargo test --benches`) runs 20 bootstrap replicates.
//!
//! Run: `cargo bench -p conflictstats-benches --bench severity`

use conflictstats::data::{Acd, Brd, GwStates};
use conflictstats::deaths::by_conflict_year;
use conflictstats::severity::{
    PowerLawBootstrapOptions, SeverityOptions, bootstrap_power_law, fit_lognormal_tail,
    fit_power_law, observations, vuong,
};
use conflictstats::stockflow::StockFlow;
use conflictstats_benches::scale;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_severity(c: &mut Criterion) {
    let brd = Brd::embedded(Some("24.1")).expect("embedded BRD loads");
    let obs = observations(&by_conflict_year(&brd), &SeverityOptions::default());
    #[allow(clippy::cast_precision_loss)]
    let x: Vec<f64> = obs.iter().map(|o| o.deaths as f64).collect();
    let fit = fit_power_law(&x).expect("fit");
    let tail: Vec<f64> = x.iter().copied().filter(|&v| v >= fit.x_min).collect();
    let mut group = c.benchmark_group("severity/brd-v24.1-conflict-years");
    group.bench_function("power-law-fit", |b| {
        b.iter(|| fit_power_law(black_box(&x)).unwrap())
    });
    group.bench_function("lognormal-and-vuong", |b| {
        b.iter(|| {
            let ln = fit_lognormal_tail(black_box(&tail), fit.x_min);
            vuong(&tail, &fit, &ln)
        })
    });
    let replicates = scale(1000, 20);
    let opts = PowerLawBootstrapOptions {
        replicates,
        seed: 42,
    };
    group.sample_size(10);
    group.bench_function(format!("bootstrap-{replicates}"), |b| {
        b.iter(|| bootstrap_power_law(black_box(&x), &fit, &opts).unwrap())
    });
    group.finish();

    let acd = Acd::embedded(Some("25.1")).expect("embedded ACD loads");
    let gw = GwStates::embedded(None).expect("G&W list loads");
    let mut group = c.benchmark_group("stockflow/acd-v25.1");
    group.bench_function("table-and-decomposition", |b| {
        b.iter(|| {
            let sf = StockFlow::from_acd(black_box(&acd), &gw).unwrap();
            sf.decompose(2010, 2024, None).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_severity);
criterion_main!(benches);
