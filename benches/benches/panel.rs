//! Panel construction: the state-year panel 1946–2024 (G&W states × years, with incidence,
//! onset and peace spells), the conflict-year and dyad-year panels.
//!
//! Run: `cargo bench -p conflictstats-benches --bench panel`

use conflictstats::data::{Acd, GwStates};
use conflictstats::panel::{PanelSpec, conflict_year, dyad_year, state_year};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench_panel(c: &mut Criterion) {
    let acd = Acd::embedded(None).expect("embedded ACD loads");
    let states = GwStates::embedded(None).expect("embedded G&W list loads");
    let spec = PanelSpec::default().years(1946, 2024);
    let mut group = c.benchmark_group("panel");
    group.sample_size(20);
    group.bench_function("state-year/1946-2024+peace-spells", |b| {
        b.iter(|| state_year(black_box(&states), black_box(&acd), &spec).unwrap())
    });
    group.bench_function("dyad-year/1946-2024", |b| {
        b.iter(|| dyad_year(black_box(&states), black_box(&acd), &spec).unwrap())
    });
    group.bench_function("conflict-year/1946-2024", |b| {
        b.iter(|| conflict_year(black_box(&acd), &spec).unwrap())
    });
    group.finish();
    c.bench_function("load/gw-states-embedded", |b| {
        b.iter(|| GwStates::embedded(black_box(None)).unwrap())
    });
}

criterion_group!(benches, bench_panel);
criterion_main!(benches);
