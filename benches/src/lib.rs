//! Shared helpers for the criterion benches, and [`synth`]: seeded synthetic events in the
//! GED layout.
//!
//! The benches run at full size under `cargo bench -p conflictstats-benches`; under
//! `cargo test -p conflictstats-benches --benches` (CI's smoke mode) criterion runs each
//! benchmark once, and [`scale`] shrinks synthetic inputs so the smoke run stays quick.

/// `full` in a real bench run, `smoke` when `CONFLICTSTATS_BENCH_SMOKE` is set or the bench
/// binary is run as a test (criterion's `--test` mode, without `--bench`).
#[must_use]
pub fn scale(full: usize, smoke: usize) -> usize {
    let bench = std::env::args().any(|a| a == "--bench");
    if std::env::var_os("CONFLICTSTATS_BENCH_SMOKE").is_some() || !bench {
        smoke
    } else {
        full
    }
}

pub mod synth;
