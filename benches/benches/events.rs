//! GED-layout event aggregation to country-month (and country-year), on synthetic events
//! (see `conflictstats_benches::synth`) at 100 k, 1 M and 10 M events, and on the real
//! 1,000-event GED sample.
//!
//! Smoke mode (`cargo test --benches`) uses 20 k events for every size.
//!
//! Run: `cargo bench -p conflictstats-benches --bench events`

use conflictstats::data::Ged;
use conflictstats::events::{
    AggregateSpec, Attribution, EventUnit, Period, aggregate, aggregate_columns,
};
use conflictstats_benches::scale;
use conflictstats_benches::synth::{SynthEvents, SynthSpec};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_events(c: &mut Criterion) {
    let ged = Ged::embedded(None).expect("embedded GED sample loads");
    let cm = AggregateSpec::new(EventUnit::Country, Period::Month);
    c.bench_function("events/ged-sample-1000/country-month", |b| {
        b.iter(|| aggregate(black_box(&ged), &cm).unwrap())
    });

    let mut group = c.benchmark_group("events/synthetic");
    group.sample_size(10);
    for full in [100_000, 1_000_000, 10_000_000] {
        let n = scale(full, 20_000);
        let ev = SynthEvents::generate(&SynthSpec::new(n)).expect("synthetic events");
        let cols = ev.columns();
        group.throughput(Throughput::Elements(n as u64));
        for (name, spec) in [
            (
                "country-month/start",
                cm.attribution(Attribution::StartMonth),
            ),
            ("country-month/split", cm),
            (
                "country-year/split",
                AggregateSpec::new(EventUnit::Country, Period::Year),
            ),
            (
                "conflict-year/split",
                AggregateSpec::new(EventUnit::Conflict, Period::Year),
            ),
        ] {
            group.bench_with_input(BenchmarkId::new(name, full), &cols, |b, cols| {
                b.iter(|| aggregate_columns(black_box(cols), &spec, "synthetic").unwrap())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_events);
criterion_main!(benches);
