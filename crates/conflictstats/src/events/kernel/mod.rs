//! The sums: `low`, `best`, `high` and event counts per (unit, period) cell.
//!
//! - [`sum_by_unit_period`]: the two-pass kernel over dense unit indices (pass 1 in
//!   [`super::validate`], pass 2 in `two_pass.rs`), used for conflicts, PRIO-GRID cells,
//!   small inputs and any input the fast path hands back;
//! - `country.rs` + `fused.rs`: the single-pass country kernel (each block checked and
//!   added while in cache, undone exactly when a check fails);
//! - `layout.rs`: the cell layout (periods, day → month tables); `cells.rs`: 32-bit cells
//!   with exact carries.

mod cells;
mod country;
mod fused;
mod layout;
mod two_pass;

pub(crate) use country::country_single_pass;
#[cfg(test)]
pub(crate) use {
    cells::{Cell32, widen},
    layout::{MonthArith, MonthTable},
    two_pass::accumulate,
};

pub(crate) use layout::Plan;
use two_pass::run_kernel;

use super::columns::{Cols, ColumnValue};
use super::spec::KernelOptions;
use super::table::Sums;
use super::units::DenseIndex;
use super::validate::{Scan, deaths_error, scan};
use crate::error::{Error, Result};

/// Dense result of [`sum_by_unit_period`]: `cells[u * n_periods + (p - first_period)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseSums {
    /// Number of units.
    pub n_units: usize,
    /// First period (months or years since 1970, see [`Period`](super::Period)).
    pub first_period: i32,
    /// Number of periods.
    pub n_periods: usize,
    /// The cells, unit-major.
    pub cells: Vec<Sums>,
    /// Events dropped by `max_date_prec`.
    pub excluded: Sums,
}

/// Sums `low`/`best`/`high` and event counts per (unit, period) cell.
///
/// `unit[i]` is event `i`'s dense unit index (< `n_units`); the other slices are GED columns.
/// All slices must have the same length.
///
/// ```
/// use conflictstats::events::{sum_by_unit_period, Attribution, KernelOptions, Period};
///
/// // One event in unit 0, dated 2020-01-20 .. 2020-03-05 (three months), 10 deaths (best).
/// let (start, end) = (18281, 18326);
/// let opts = KernelOptions { period: Period::Month, attribution: Attribution::SplitEven, max_date_prec: 5 };
/// let d = sum_by_unit_period(&[0], 1, &[start], &[end], &[5], &[7], &[10], &[20], &opts)?;
/// let best: Vec<u64> = d.cells.iter().map(|c| c.best).collect();
/// assert_eq!(best, vec![4, 3, 3]); // 10 = 4 + 3 + 3: remainder to the earliest month
/// let low: Vec<u64> = d.cells.iter().map(|c| c.low).collect();
/// assert_eq!(low, vec![3, 2, 2]);
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[allow(clippy::too_many_arguments)]
pub fn sum_by_unit_period(
    unit: &[u32],
    n_units: usize,
    date_start: &[i32],
    date_end: &[i32],
    date_prec: &[u8],
    low: &[u32],
    best: &[u32],
    high: &[u32],
    opts: &KernelOptions,
) -> Result<DenseSums> {
    let n = unit.len();
    let c = Cols {
        date_start,
        date_end,
        date_prec,
        low,
        best,
        high,
    }
    .checked(n, "unit")?;
    dense_unit_kernel(unit, n_units, &c, opts)
}

/// [`sum_by_unit_period`] over any column types.
pub(crate) fn dense_unit_kernel<P: ColumnValue, D: ColumnValue>(
    unit: &[u32],
    n_units: usize,
    c: &Cols<'_, P, D>,
    opts: &KernelOptions,
) -> Result<DenseSums> {
    let n = unit.len();
    let c = c.checked(n, "unit")?;
    // Pass 1: the period range, and validation (units in range, start ≤ end).
    let s = scan(
        &c,
        |r| unit[r].iter().copied().fold(0u32, u32::max),
        u32::max,
    );
    if n > 0 && s.units as usize >= n_units {
        let i = unit
            .iter()
            .position(|&u| u as usize >= n_units)
            .unwrap_or(0);
        return Err(Error::spec(format!(
            "event {i}: unit index {} ≥ n_units {n_units}",
            unit[i]
        )));
    }
    dense_sums(&c, s, n_units, opts, |i| unit[i] as usize)
}

/// Pass 2 and the result, after a successful pass 1.
pub(crate) fn dense_sums<S, P: ColumnValue, D: ColumnValue>(
    c: &Cols<'_, P, D>,
    s: Scan<S>,
    n_units: usize,
    opts: &KernelOptions,
    unit: impl Fn(usize) -> usize + Sync,
) -> Result<DenseSums> {
    if let Some(i) = s.bad_order {
        return Err(Error::spec(format!(
            "event {i}: date_end before date_start"
        )));
    }
    if c.date_start.is_empty() {
        return Ok(DenseSums {
            n_units,
            first_period: 0,
            n_periods: 0,
            cells: Vec::new(),
            excluded: Sums::default(),
        });
    }
    let plan = Plan::new(s.lo, s.hi, n_units, opts.period)?;
    let (cells, excluded, bad) = run_kernel(unit, c, s.lo, s.hi, &plan, opts);
    if bad {
        deaths_error(c)?;
    }
    Ok(DenseSums {
        n_units,
        first_period: plan.first_period,
        n_periods: plan.n_periods,
        cells,
        excluded,
    })
}

/// The kernel over an already dense unit index.
pub(crate) fn dense_kernel<P: ColumnValue, D: ColumnValue>(
    dense: &DenseIndex,
    c: &Cols<'_, P, D>,
    opts: &KernelOptions,
) -> Result<DenseSums> {
    dense_unit_kernel(&dense.index, dense.codes.len(), c, opts)
}

/// The split-even rule for one event over its months (`periods`: the period of each month,
/// in order, at least two): each month gets `⌊d/k⌋` of each death count `d`, the first
/// `d mod k` months one more (whole deaths, remainder to the earliest months), and each
/// period counts the event once. Calls `add(period, low, best, high, events)` per month.
#[inline(always)]
pub(crate) fn split_even(
    periods: &[u32],
    (l, b, h): (u32, u32, u32),
    mut add: impl FnMut(usize, u32, u32, u32, u32),
) {
    let k = periods.len() as u32;
    let (ql, rl) = (l / k, l % k);
    let (qb, rb) = (b / k, b % k);
    let (qh, rh) = (h / k, h % k);
    let mut last_period = u32::MAX;
    for (j, &p) in periods.iter().enumerate() {
        let j = j as u32;
        let ev = u32::from(p != last_period);
        last_period = p;
        add(
            p as usize,
            ql + u32::from(j < rl),
            qb + u32::from(j < rb),
            qh + u32::from(j < rh),
            ev,
        );
    }
}
