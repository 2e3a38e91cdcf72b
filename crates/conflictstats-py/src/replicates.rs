//! The trend bootstrap in pieces (`conflictstats::trend::BootstrapPlan`): replicates `i..j`
//! drawn anywhere (each from its own seed, derived from the seed and its index), then the
//! intervals of all of them — the same as one `trend(..., bootstrap=N, seed=S)` call.

use super::run;
use conflictstats::trend::{BootstrapOptions, BootstrapPlan, HorizonEnds, Replicates};
use pyo3::prelude::*;

/// Replicates as they cross the boundary: `(plan fingerprint, start, width, values)`.
type Part = (u64, usize, usize, Vec<f64>);

/// The plan of a window's bootstrap; `horizons`: `(years, from_count, to_count)`.
fn plan(
    years: &[i32],
    counts: &[f64],
    horizons: &[(u32, f64, f64)],
    replicates: usize,
    seed: u64,
    block_length: Option<usize>,
) -> Result<BootstrapPlan, conflictstats::Error> {
    let ends: Vec<HorizonEnds> = horizons
        .iter()
        .map(|&(years, from_count, to_count)| HorizonEnds {
            years,
            from_count,
            to_count,
        })
        .collect();
    let opts = BootstrapOptions {
        replicates,
        seed,
        block_length,
    };
    BootstrapPlan::new(years, counts, &ends, &opts)
}

/// Replicates `start..end` of the bootstrap of a window (the counts of consecutive `years`).
#[pyfunction]
#[pyo3(signature = (years, counts, horizons, replicates, seed, start, end, block_length=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn trend_bootstrap_replicates(
    py: Python<'_>,
    years: Vec<i32>,
    counts: Vec<f64>,
    horizons: Vec<(u32, f64, f64)>,
    replicates: usize,
    seed: u64,
    start: usize,
    end: usize,
    block_length: Option<usize>,
) -> PyResult<Part> {
    run(py, || {
        let p = plan(&years, &counts, &horizons, replicates, seed, block_length)?;
        let r = p.replicates(start..end)?;
        Ok((r.plan, r.start, r.width, r.values))
    })
}

/// The bootstrap summary (JSON, as in the trend report) of replicate parts covering
/// `0..replicates` once each, in any order.
#[pyfunction]
#[pyo3(signature = (years, counts, horizons, replicates, seed, parts, block_length=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn trend_bootstrap_summary(
    py: Python<'_>,
    years: Vec<i32>,
    counts: Vec<f64>,
    horizons: Vec<(u32, f64, f64)>,
    replicates: usize,
    seed: u64,
    parts: Vec<Part>,
    block_length: Option<usize>,
) -> PyResult<crate::types::PyBootstrapSummary> {
    run(py, || {
        let p = plan(&years, &counts, &horizons, replicates, seed, block_length)?;
        let parts = parts
            .into_iter()
            .map(|(plan, start, width, values)| Replicates {
                plan,
                start,
                width,
                values,
            });
        Ok(crate::types::PyBootstrapSummary::from(&p.summarize(parts)?))
    })
}

/// Registers the functions.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(trend_bootstrap_replicates, m)?)?;
    m.add_function(wrap_pyfunction!(trend_bootstrap_summary, m)?)?;
    Ok(())
}
