//! The cell layout: which periods a day range covers, and the day → month → period lookups
//! (a table over the data's day range, or calendar arithmetic for very wide ranges).

use super::super::dates::month_index;
use super::super::spec::Period;
use crate::error::{Error, Result};

/// Widest day span served by the day → month lookup table (2^20 days ≈ 2,870 years, a 4 MiB
/// table); wider spans compute months arithmetically.
pub(crate) const MAX_TABLE_DAYS: usize = 1 << 20;

/// Day → month offset (months after the first month of the data).
pub(crate) trait MonthOf: Sync {
    /// Month offset of `day`.
    fn month(&self, day: i32) -> usize;
    /// Period offset of `day` (`month_period`: [`Plan::month_period`]).
    fn period(&self, day: i32, month_period: &[u32]) -> usize;
}

/// Lookup tables over the data's day range (day → month offset, day → period offset).
pub(crate) struct MonthTable {
    pub(crate) first_day: i32,
    pub(crate) months: Vec<u32>,
    pub(crate) periods: Vec<u32>,
}

impl MonthTable {
    pub(crate) fn new(lo: i32, hi: i32, plan: &Plan) -> MonthTable {
        let m0 = month_index(lo);
        let months: Vec<u32> = (lo..=hi).map(|d| (month_index(d) - m0) as u32).collect();
        let periods = months
            .iter()
            .map(|&m| plan.month_period[m as usize])
            .collect();
        MonthTable {
            first_day: lo,
            months,
            periods,
        }
    }
}

impl MonthOf for MonthTable {
    #[inline]
    fn month(&self, day: i32) -> usize {
        self.months[(day - self.first_day) as usize] as usize
    }

    #[inline]
    fn period(&self, day: i32, _: &[u32]) -> usize {
        self.periods[(day - self.first_day) as usize] as usize
    }
}

/// Civil-calendar arithmetic (for tiny inputs or very wide day ranges).
pub(crate) struct MonthArith {
    pub(crate) first_month: i32,
}

impl MonthOf for MonthArith {
    #[inline]
    fn month(&self, day: i32) -> usize {
        (month_index(day) - self.first_month) as usize
    }

    #[inline]
    fn period(&self, day: i32, month_period: &[u32]) -> usize {
        month_period[self.month(day)] as usize
    }
}

/// The cell layout of pass 2.
pub(crate) struct Plan {
    pub(crate) first_period: i32,
    pub(crate) n_periods: usize,
    pub(crate) n_cells: usize,
    /// Month offset → period offset.
    pub(crate) month_period: Vec<u32>,
}

impl Plan {
    pub(crate) fn new(lo: i32, hi: i32, n_units: usize, period: Period) -> Result<Plan> {
        let (m0, m1) = (month_index(lo), month_index(hi));
        let first_period = period.of_month(m0);
        let n_periods = (period.of_month(m1) - first_period + 1) as usize;
        let n_cells = n_units
            .checked_mul(n_periods)
            .filter(|&c| c <= 1 << 28)
            .ok_or_else(|| {
                Error::spec(format!(
                    "{n_units} units × {n_periods} periods is too many cells for a dense table"
                ))
            })?;
        let month_period = (m0..=m1)
            .map(|m| (period.of_month(m) - first_period) as u32)
            .collect();
        Ok(Plan {
            first_period,
            n_periods,
            n_cells,
            month_period,
        })
    }
}
