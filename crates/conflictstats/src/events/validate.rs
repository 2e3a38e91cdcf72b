//! Validation: every event is checked before (or while) it is counted, and a bad one is
//! named (its id, or its row) with what was expected: column lengths, date order, codes in
//! range, death counts that are whole numbers below 2^32.

use super::columns::{Cols, ColumnValue, EventColumns};
use super::par_chunks;
use super::spec::{AggregateSpec, KernelOptions};
use crate::error::{Error, Result};

/// What the first pass finds in a range of rows.
pub(crate) struct Scan<S> {
    /// Earliest `date_start`.
    pub(crate) lo: i32,
    /// Latest `date_end`.
    pub(crate) hi: i32,
    /// First row with `date_end < date_start`.
    pub(crate) bad_order: Option<usize>,
    /// What the unit column's scan found.
    pub(crate) units: S,
}

/// Pass 1: the day range and the date-order check (vectorisable min/max/compare loops), plus
/// `units` over the same rows; in parallel over large inputs.
pub(crate) fn scan<S: Send, P: ColumnValue, D: ColumnValue>(
    c: &Cols<'_, P, D>,
    units: impl Fn(std::ops::Range<usize>) -> S + Sync,
    merge: impl Fn(S, S) -> S + Sync + Send,
) -> Scan<S> {
    let n = c.date_start.len();
    par_chunks(
        n,
        |r| {
            let s = &c.date_start[r.clone()];
            let e = &c.date_end[r.clone()][..s.len()];
            let lo = s.iter().copied().fold(i32::MAX, i32::min);
            let hi = e.iter().copied().fold(i32::MIN, i32::max);
            let any_bad = s.iter().zip(e).fold(false, |acc, (a, b)| acc | (b < a));
            let bad_order = if any_bad {
                s.iter()
                    .zip(e)
                    .position(|(a, b)| b < a)
                    .map(|p| r.start + p)
            } else {
                None
            };
            Scan {
                lo,
                hi,
                bad_order,
                units: units(r),
            }
        },
        |a, b| Scan {
            lo: a.lo.min(b.lo),
            hi: a.hi.max(b.hi),
            bad_order: a.bad_order.or(b.bad_order),
            units: merge(a.units, b.units),
        },
    )
}

/// The error for the first death value outside `0..2^32`.
pub(crate) fn deaths_error<P: ColumnValue, D: ColumnValue>(c: &Cols<'_, P, D>) -> Result<()> {
    {
        for (name, col) in [("low", c.low), ("best", c.best), ("high", c.high)] {
            if let Some(i) = col
                .iter()
                .position(|v| !(0..=i64::from(u32::MAX)).contains(&v.to_i64()))
            {
                return Err(Error::spec(format!(
                    "event {i}: `{name}` is {}, not a number of deaths (0–4294967295)",
                    col[i].to_i64()
                )));
            }
        }
    }
    Ok(())
}

/// The error for a column of another length than `date_start` (`n` values).
pub(crate) fn same_length(name: &str, len: usize, n: usize) -> Result<()> {
    if len == n {
        Ok(())
    } else {
        Err(Error::spec(format!(
            "column `{name}` has {len} values, `date_start` {n}"
        )))
    }
}

/// The kernel's date, precision and death columns (all of `date_start`'s length) and options,
/// after checking `max_date_prec`.
pub(crate) fn kernel_inputs<'a, C, P: ColumnValue, D: ColumnValue>(
    cols: &EventColumns<'a, C, P, D>,
    spec: &AggregateSpec,
) -> Result<(Cols<'a, P, D>, KernelOptions)> {
    if !(1..=5).contains(&spec.max_date_prec) {
        return Err(Error::spec(format!(
            "max_date_prec must be 1–5, got {}",
            spec.max_date_prec
        )));
    }
    let n = cols.date_start.len();
    let c = Cols {
        date_start: cols.date_start,
        date_end: cols.date_end,
        date_prec: cols.date_prec,
        low: cols.low,
        best: cols.best,
        high: cols.high,
    }
    .checked(n, "date_start")?;
    let opts = KernelOptions {
        period: spec.period,
        attribution: spec.attribution,
        max_date_prec: spec.max_date_prec,
    };
    Ok((c, opts))
}
