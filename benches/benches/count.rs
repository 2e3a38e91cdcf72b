//! Counting on the embedded ACD v25.1 (2,752 conflict-years, 1946–2024).
//!
//! Covers the counting engine's kernels: distinct conflicts per year, distinct location
//! countries per year (bitset de-duplication), and a grouped count by region (multi-region
//! conflicts counted in each region). Target (issue 7): < 100 µs per count.
//!
//! Run: `cargo bench -p conflictstats-benches --bench count`

use conflictstats::{CountSpec, CountUnit, Dimension, count, data::Acd};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_count(c: &mut Criterion) {
    let acd = Acd::embedded(None).expect("embedded ACD loads");
    let mut group = c.benchmark_group("count/acd-v25.1");
    group.throughput(Throughput::Elements(acd.records.len() as u64));
    for (name, spec) in [
        ("conflict", CountSpec::new(CountUnit::Conflict)),
        ("country", CountSpec::new(CountUnit::Country)),
        (
            "conflict-by-region",
            CountSpec::new(CountUnit::Conflict).by(Dimension::Region),
        ),
        (
            "country-by-type",
            CountSpec::new(CountUnit::Country).by(Dimension::Type),
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| count(black_box(&acd), black_box(&spec)).unwrap())
        });
    }
    group.finish();

    c.bench_function("load/acd-v25.1-embedded", |b| {
        b.iter(|| Acd::embedded(black_box(None)).unwrap())
    });
}

criterion_group!(benches, bench_count);
criterion_main!(benches);
