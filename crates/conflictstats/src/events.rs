//! Event aggregation: GED events → country-month, country-year, conflict-year and
//! PRIO-GRID cell-year sums of `low`, `best`, `high` and event counts.
//!
//! ## The date rule
//!
//! A GED event is dated by a range, `date_start`–`date_end`, whose width the codebook
//! describes with `date_prec` (1: exact day; 2: within 2–6 days; 3: within a week; 4: within
//! a month; 5: within a year or more than a month). Most ranges fall in one calendar month;
//! those that span several months need a rule, chosen by [`Attribution`]:
//!
//! - [`Attribution::SplitEven`] (default): the deaths are split evenly over the calendar
//!   months the range touches, in whole deaths: each of the `k` months gets `d / k` and the
//!   first `d mod k` months one more. Every estimate is split the same way, so totals are
//!   preserved *exactly* (no fractional deaths, no rounding drift).
//! - [`Attribution::StartMonth`]: everything to the month of `date_start` (UCDP's own `year`
//!   column is the year of `date_start`).
//! - [`Attribution::EndMonth`]: everything to the month of `date_end`.
//!
//! Yearly tables apply the same rule at the level of months and then sum months into years,
//! so a country-year is always the sum of its country-months. `max_date_prec` drops events
//! dated less precisely than asked (e.g. `4`: only events known to the month); what was
//! dropped is reported in [`EventTable::excluded`], never silently lost.
//!
//! The `events` column counts the events with a share in the cell: under the split rule an
//! event spanning three months is counted in each of them (so `events` summed over cells can
//! exceed the number of events, while the deaths sum to the events' deaths).
//!
//! ## The kernel
//!
//! [`sum_by_unit_period`] is a plain-Rust columnar kernel over slices (dense unit indices,
//! `i32` days, precisions, deaths): one pass to find the day range and check the dates, one
//! pass accumulating into a dense `units × periods` table. Days map to months and periods
//! through lookup tables; each rayon chunk accumulates into 16-byte cells of 32-bit sums
//! (a 200-country × 432-month table fits a core's L2 cache), with carries past 2^32 logged
//! so sums stay exact; chunks are widened to `u64` and summed (integer sums: the result does
//! not depend on the number of threads). No allocation per row.
//!
//! [`aggregate_columns`] takes borrowed columns ([`EventColumns`], any [`ColumnValue`]
//! integer type, so Python buffers are read in place). Country units, the hot path, run in a
//! single pass over the data: each block of 16,384 events is read once by a loop that checks
//! every event and computes its cell, then added into a per-thread table whose day range
//! grows when needed; the per-thread tables are merged into the exact layout at the end. A
//! block the checks reject (a new country, a day past the table's range, a sum that could
//! wrap) is subtracted again — wrapping addition is exactly invertible — and redone by a
//! checked path. Bad input (an event ending before it starts, a code above 65,535, a
//! negative death count) falls back to the two-pass path, which reports the first offending
//! event. [`dense_index`] turns other codes (PRIO-GRID
//! ids, conflict keys) into dense indices through a lookup table.
//!
//! ```
//! use conflictstats::data::Ged;
//! use conflictstats::events::{aggregate, AggregateSpec, EventUnit, Period};
//!
//! let ged = Ged::embedded(None)?; // 1,000-event sample of GED 23.1
//! let cm = aggregate(&ged, &AggregateSpec::new(EventUnit::Country, Period::Month))?;
//! // Sums over cells equal sums over events, for each estimate.
//! assert_eq!((cm.total_low(), cm.total_best(), cm.total_high()), (6224, 9561, 22017));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{Events, Ged};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;

/// Days since 1970-01-01 of `d` (the Arrow `Date32` value).
#[must_use]
pub fn days_from_date(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.num_days_from_ce()) - 719_163
}

/// `(year, month 1–12)` of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's
/// `civil_from_days`, integer arithmetic only).
///
/// ```
/// use conflictstats::events::year_month_of_day;
/// assert_eq!(year_month_of_day(0), (1970, 1));
/// assert_eq!(year_month_of_day(18383), (2020, 5)); // 2020-05-01
/// assert_eq!(year_month_of_day(-1), (1969, 12));
/// ```
#[must_use]
#[inline]
pub fn year_month_of_day(day: i32) -> (i32, u32) {
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both fit: |day| < 2^31 gives |year| < 6 million.
    (year as i32, month as u32)
}

/// Months since 1970-01 of a day count (January 1970 = 0).
#[inline]
fn month_index(day: i32) -> i32 {
    let (y, m) = year_month_of_day(day);
    (y - 1970) * 12 + m as i32 - 1
}

/// How an event whose date range spans several calendar months is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// Split evenly over the months touched, in whole deaths (remainders to the earliest
    /// months): totals preserved exactly.
    #[default]
    SplitEven,
    /// All to the month of `date_start`.
    StartMonth,
    /// All to the month of `date_end`.
    EndMonth,
}

impl Attribution {
    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Attribution::SplitEven => "split_even",
            Attribution::StartMonth => "start_month",
            Attribution::EndMonth => "end_month",
        }
    }

    /// Parses a key (`split_even`, `start_month`, `end_month`; `-` accepted for `_`).
    pub fn parse(s: &str) -> Result<Attribution> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "split_even" | "split" => Ok(Attribution::SplitEven),
            "start_month" | "start" => Ok(Attribution::StartMonth),
            "end_month" | "end" => Ok(Attribution::EndMonth),
            _ => Err(Error::spec(format!(
                "unknown attribution `{s}`; expected split_even, start_month or end_month"
            ))),
        }
    }
}

/// The time unit of an aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar month.
    Month,
    /// Calendar year.
    Year,
}

impl Period {
    /// Parses a key (`month`, `year`).
    pub fn parse(s: &str) -> Result<Period> {
        match s.trim().to_ascii_lowercase().as_str() {
            "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            _ => Err(Error::spec(format!(
                "unknown period `{s}`; expected month or year"
            ))),
        }
    }

    #[inline]
    fn of_month(self, m: i32) -> i32 {
        match self {
            Period::Month => m,
            Period::Year => m.div_euclid(12),
        }
    }
}

/// The spatial or organisational unit of an aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventUnit {
    /// `country_id` (Gleditsch–Ward code of the country where the event took place).
    Country,
    /// `(type_of_violence, conflict_new_id)`: UCDP conflict (state-based), non-state conflict
    /// or one-sided actor.
    Conflict,
    /// `priogrid_gid` (events without a cell are an error for this unit).
    PrioGrid,
}

impl EventUnit {
    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            EventUnit::Country => "country",
            EventUnit::Conflict => "conflict",
            EventUnit::PrioGrid => "priogrid",
        }
    }

    /// Parses a key (`country`, `conflict`, `priogrid`; also `prio-grid`, `grid`).
    pub fn parse(s: &str) -> Result<EventUnit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "country" => Ok(EventUnit::Country),
            "conflict" => Ok(EventUnit::Conflict),
            "priogrid" | "prio-grid" | "grid" => Ok(EventUnit::PrioGrid),
            _ => Err(Error::spec(format!(
                "unknown unit `{s}`; expected country, conflict or priogrid"
            ))),
        }
    }
}

/// Codes mapped to dense indices `0..codes.len()`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseIndex {
    /// Per row, the dense index of its code.
    pub index: Vec<u32>,
    /// Per dense index, the code (ascending).
    pub codes: Vec<u32>,
}

/// Maps codes to dense indices in ascending code order, through a lookup table when the codes
/// are small (G&W codes, PRIO-GRID ids), else by sorting the distinct codes.
///
/// ```
/// let d = conflictstats::events::dense_index(&[652u32, 2, 652, 365]);
/// assert_eq!(d.codes, vec![2, 365, 652]);
/// assert_eq!(d.index, vec![2, 0, 2, 1]);
/// ```
#[must_use]
pub fn dense_index<T: Copy + Into<u32>>(codes: &[T]) -> DenseIndex {
    let max = codes.iter().map(|&c| c.into()).max().unwrap_or(0);
    if max <= 1 << 24 {
        let mut table = vec![u32::MAX; max as usize + 1];
        for &c in codes {
            table[c.into() as usize] = 0;
        }
        let mut distinct = Vec::new();
        for (code, slot) in table.iter_mut().enumerate() {
            if *slot == 0 {
                *slot = distinct.len() as u32;
                distinct.push(code as u32);
            }
        }
        let index = codes.iter().map(|&c| table[c.into() as usize]).collect();
        DenseIndex {
            index,
            codes: distinct,
        }
    } else {
        let mut distinct: Vec<u32> = codes.iter().map(|&c| c.into()).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let index = codes
            .iter()
            .map(|&c| distinct.binary_search(&c.into()).map_or(0, |i| i as u32))
            .collect();
        DenseIndex {
            index,
            codes: distinct,
        }
    }
}

/// Options of the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KernelOptions {
    /// Month or year cells.
    pub period: Period,
    /// Rule for ranges spanning several months.
    pub attribution: Attribution,
    /// Keep events with `date_prec ≤ max_date_prec` (5 keeps all).
    pub max_date_prec: u8,
}

/// Low, best, high and event count of one cell (or of the excluded events).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Sums {
    /// Sum of `low`.
    pub low: u64,
    /// Sum of `best`.
    pub best: u64,
    /// Sum of `high`.
    pub high: u64,
    /// Events with a share in the cell.
    pub events: u64,
}

impl Sums {
    #[inline]
    fn add(&mut self, o: &Sums) {
        self.low += o.low;
        self.best += o.best;
        self.high += o.high;
        self.events += o.events;
    }
}

/// Dense result of [`sum_by_unit_period`]: `cells[u * n_periods + (p - first_period)]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DenseSums {
    /// Number of units.
    pub n_units: usize,
    /// First period (months or years since 1970, see [`Period`]).
    pub first_period: i32,
    /// Number of periods.
    pub n_periods: usize,
    /// The cells, unit-major.
    pub cells: Vec<Sums>,
    /// Events dropped by `max_date_prec`.
    pub excluded: Sums,
}

/// Minimum rows per rayon task: below this, one pass on one thread wins.
const PAR_CHUNK: usize = 1 << 16;

/// Widest day span served by the day → month lookup table (2^20 days ≈ 2,870 years, a 4 MiB
/// table); wider spans compute months arithmetically.
const MAX_TABLE_DAYS: usize = 1 << 20;

/// Runs `f` over `0..n` in one chunk per rayon thread (one chunk below `4 * PAR_CHUNK` rows),
/// merging the chunks' results left to right.
fn par_chunks<T: Send>(
    n: usize,
    f: impl Fn(std::ops::Range<usize>) -> T + Sync,
    merge: impl Fn(T, T) -> T + Sync + Send,
) -> T {
    let threads = rayon::current_num_threads();
    if n < 4 * PAR_CHUNK || threads < 2 {
        return f(0..n);
    }
    let chunk = n.div_ceil(threads).max(PAR_CHUNK);
    (0..n.div_ceil(chunk))
        .into_par_iter()
        .map(|c| f(c * chunk..((c + 1) * chunk).min(n)))
        .reduce_with(merge)
        .unwrap_or_else(|| f(0..0))
}

/// An integer column type the kernel reads in place (so that buffers from Python or Arrow
/// need no conversion copy): `u8`, `u16`, `u32`, `u64`, `i32`, `i64`. Values out of the
/// column's domain (negative deaths, a G&W code above 65,535) are errors, not wrapped.
pub trait ColumnValue: Copy + Send + Sync + 'static {
    /// The value as `i64` (`u64` values above `i64::MAX` saturate).
    fn to_i64(self) -> i64;
}

macro_rules! column_value {
    ($($t:ty),*) => {$(
        impl ColumnValue for $t {
            #[inline(always)]
            fn to_i64(self) -> i64 {
                i64::from(self)
            }
        }
    )*};
}
column_value!(u8, u16, u32, i32, i64);

impl ColumnValue for u64 {
    #[inline(always)]
    fn to_i64(self) -> i64 {
        i64::try_from(self).unwrap_or(i64::MAX)
    }
}

/// The date, precision and death columns of the kernel.
struct Cols<'a, P = u8, D = u32> {
    date_start: &'a [i32],
    date_end: &'a [i32],
    date_prec: &'a [P],
    low: &'a [D],
    best: &'a [D],
    high: &'a [D],
}

impl<P, D> Clone for Cols<'_, P, D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, D> Copy for Cols<'_, P, D> {}

impl<'a, P: ColumnValue, D: ColumnValue> Cols<'a, P, D> {
    /// Checks that every column has `n` values.
    fn checked(self, n: usize, unit_column: &str) -> Result<Cols<'a, P, D>> {
        for (name, len) in [
            ("date_start", self.date_start.len()),
            ("date_end", self.date_end.len()),
            ("date_prec", self.date_prec.len()),
            ("low", self.low.len()),
            ("best", self.best.len()),
            ("high", self.high.len()),
        ] {
            if len != n {
                return Err(Error::spec(format!(
                    "column `{name}` has {len} values, the {unit_column} column {n}"
                )));
            }
        }
        Ok(self)
    }
}

/// What the first pass finds in a range of rows.
struct Scan<S> {
    /// Earliest `date_start`.
    lo: i32,
    /// Latest `date_end`.
    hi: i32,
    /// First row with `date_end < date_start`.
    bad_order: Option<usize>,
    /// What the unit column's scan found.
    units: S,
}

/// Pass 1: the day range and the date-order check (vectorisable min/max/compare loops), plus
/// `units` over the same rows; in parallel over large inputs.
fn scan<S: Send, P: ColumnValue, D: ColumnValue>(
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

/// Day → month offset (months after the first month of the data).
trait MonthOf: Sync {
    /// Month offset of `day`.
    fn month(&self, day: i32) -> usize;
    /// Period offset of `day` (`month_period`: [`Plan::month_period`]).
    fn period(&self, day: i32, month_period: &[u32]) -> usize;
}

/// Lookup tables over the data's day range (day → month offset, day → period offset).
struct MonthTable {
    first_day: i32,
    months: Vec<u32>,
    periods: Vec<u32>,
}

impl MonthTable {
    fn new(lo: i32, hi: i32, plan: &Plan) -> MonthTable {
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
struct MonthArith {
    first_month: i32,
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
struct Plan {
    first_period: i32,
    n_periods: usize,
    n_cells: usize,
    /// Month offset → period offset.
    month_period: Vec<u32>,
}

impl Plan {
    fn new(lo: i32, hi: i32, n_units: usize, period: Period) -> Result<Plan> {
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

/// Pass 2 over all rows: `unit(i)` is row `i`'s dense unit (checked in pass 1). Chooses the
/// month lookup (a table when the day range is small next to the row count) and runs
/// [`accumulate`] per chunk, one `units × periods` accumulator per chunk, summed at the end.
fn run_kernel<P: ColumnValue, D: ColumnValue>(
    unit: impl Fn(usize) -> usize + Sync,
    c: &Cols<'_, P, D>,
    lo: i32,
    hi: i32,
    plan: &Plan,
    opts: &KernelOptions,
) -> (Vec<Sums>, Sums, bool) {
    let n = c.date_start.len();
    let span = (i64::from(hi) - i64::from(lo) + 1) as usize;
    if span <= MAX_TABLE_DAYS && span <= 4 * n {
        let table = MonthTable::new(lo, hi, plan);
        run_chunks(&unit, c, plan, opts, &table)
    } else {
        let arith = MonthArith {
            first_month: month_index(lo),
        };
        run_chunks(&unit, c, plan, opts, &arith)
    }
}

fn run_chunks<M: MonthOf, P: ColumnValue, D: ColumnValue>(
    unit: &(impl Fn(usize) -> usize + Sync),
    c: &Cols<'_, P, D>,
    plan: &Plan,
    opts: &KernelOptions,
    months: &M,
) -> (Vec<Sums>, Sums, bool) {
    par_chunks(
        c.date_start.len(),
        |r| {
            let mut cells = vec![Cell32::default(); plan.n_cells];
            let mut carries = Vec::new();
            let mut excluded = Sums::default();
            let bad = accumulate(
                unit,
                c,
                r,
                opts,
                plan,
                months,
                &mut cells,
                &mut carries,
                &mut excluded,
            );
            (widen(&cells, &carries), excluded, bad)
        },
        |(mut a, mut ea, bad_a), (b, eb, bad_b)| {
            for (x, y) in a.iter_mut().zip(&b) {
                x.add(y);
            }
            ea.add(&eb);
            (a, ea, bad_a | bad_b)
        },
    )
}

/// A cell of one chunk's accumulator: 32-bit sums, 16 bytes, so that a countries × months
/// table (200 × 432 cells: 1.4 MB) stays in a core's L2 cache. A sum that wraps past
/// 2^32 logs a carry (cell, field) worth 2^32 (never in practice, but sums stay exact for
/// any input); [`widen`] adds them back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Cell32 {
    low: u32,
    best: u32,
    high: u32,
    events: u32,
}

impl Cell32 {
    #[inline(always)]
    fn add(&mut self, idx: usize, l: u32, b: u32, h: u32, e: u32, carries: &mut Vec<(usize, u8)>) {
        let (x, o0) = self.low.overflowing_add(l);
        let (y, o1) = self.best.overflowing_add(b);
        let (z, o2) = self.high.overflowing_add(h);
        let (w, o3) = self.events.overflowing_add(e);
        *self = Cell32 {
            low: x,
            best: y,
            high: z,
            events: w,
        };
        if o0 | o1 | o2 | o3 {
            carry(idx, [o0, o1, o2, o3], carries);
        }
    }
}

#[cold]
#[inline(never)]
fn carry(idx: usize, wrapped: [bool; 4], carries: &mut Vec<(usize, u8)>) {
    for (field, w) in wrapped.into_iter().enumerate() {
        if w {
            carries.push((idx, field as u8));
        }
    }
}

/// 64-bit sums of a chunk's cells, carries added back.
fn widen(cells: &[Cell32], carries: &[(usize, u8)]) -> Vec<Sums> {
    let mut out: Vec<Sums> = cells
        .iter()
        .map(|c| Sums {
            low: u64::from(c.low),
            best: u64::from(c.best),
            high: u64::from(c.high),
            events: u64::from(c.events),
        })
        .collect();
    for &(i, field) in carries {
        let s = &mut out[i];
        match field {
            0 => s.low += 1 << 32,
            1 => s.best += 1 << 32,
            2 => s.high += 1 << 32,
            _ => s.events += 1 << 32,
        }
    }
    out
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
fn dense_unit_kernel<P: ColumnValue, D: ColumnValue>(
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
fn dense_sums<S, P: ColumnValue, D: ColumnValue>(
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

/// The error for the first death value outside `0..2^32`.
fn deaths_error<P: ColumnValue, D: ColumnValue>(c: &Cols<'_, P, D>) -> Result<()> {
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

/// Pass 2 over one chunk of rows: dispatches on the attribution rule, so that each rule has
/// its own loop (the start- and end-month rules read one date column, not two).
#[allow(clippy::too_many_arguments)]
fn accumulate<M: MonthOf, P: ColumnValue, D: ColumnValue>(
    unit: &impl Fn(usize) -> usize,
    c: &Cols<'_, P, D>,
    range: std::ops::Range<usize>,
    opts: &KernelOptions,
    plan: &Plan,
    months: &M,
    cells: &mut [Cell32],
    carries: &mut Vec<(usize, u8)>,
    excluded: &mut Sums,
) -> bool {
    const START: u8 = 0;
    const END: u8 = 1;
    const SPLIT: u8 = 2;
    let a = Acc {
        unit,
        c,
        range,
        max_prec: opts.max_date_prec,
        plan,
        months,
    };
    match opts.attribution {
        Attribution::StartMonth => a.run::<START>(cells, carries, excluded),
        Attribution::EndMonth => a.run::<END>(cells, carries, excluded),
        Attribution::SplitEven => a.run::<SPLIT>(cells, carries, excluded),
    }
}

struct Acc<'a, U, M, P, D> {
    unit: &'a U,
    c: &'a Cols<'a, P, D>,
    range: std::ops::Range<usize>,
    max_prec: u8,
    plan: &'a Plan,
    months: &'a M,
}

impl<U: Fn(usize) -> usize, M: MonthOf, P: ColumnValue, D: ColumnValue> Acc<'_, U, M, P, D> {
    /// The inner loop: no allocation; per event, a unit lookup, one or two day → period
    /// lookups and four 32-bit adds into the chunk's dense table. Returns whether a death
    /// value was outside 0..2^32 (checked with one OR per value, reported by the caller).
    #[inline]
    fn run<const RULE: u8>(
        self,
        cells: &mut [Cell32],
        carries: &mut Vec<(usize, u8)>,
        excluded: &mut Sums,
    ) -> bool {
        let (c, range) = (self.c, self.range);
        let offset = range.start;
        let start = &c.date_start[range.clone()];
        let n = start.len();
        let end = &c.date_end[range.clone()][..n];
        let prec = &c.date_prec[range.clone()][..n];
        let low = &c.low[range.clone()][..n];
        let best = &c.best[range.clone()][..n];
        let high = &c.high[range][..n];
        let np = self.plan.n_periods;
        let month_period = &self.plan.month_period[..];
        let max_prec = i64::from(self.max_prec);
        let mut out_of_range = 0u64;
        for i in 0..n {
            let (l, b, h) = (low[i].to_i64(), best[i].to_i64(), high[i].to_i64());
            out_of_range |= ((l as u64) | (b as u64) | (h as u64)) >> 32;
            let (l, b, h) = (l as u32, b as u32, h as u32);
            if prec[i].to_i64() > max_prec {
                excluded.add(&Sums {
                    low: u64::from(l),
                    best: u64::from(b),
                    high: u64::from(h),
                    events: 1,
                });
                continue;
            }
            let base = (self.unit)(offset + i) * np;
            if RULE == 0 || RULE == 1 {
                let day = if RULE == 0 { start[i] } else { end[i] };
                let idx = base + self.months.period(day, month_period);
                cells[idx].add(idx, l, b, h, 1, carries);
                continue;
            }
            let (s, e) = (start[i], end[i]);
            let ms = self.months.month(s);
            let me = if e == s { ms } else { self.months.month(e) };
            if ms == me {
                let idx = base + month_period[ms] as usize;
                cells[idx].add(idx, l, b, h, 1, carries);
                continue;
            }
            split_even(&month_period[ms..=me], (l, b, h), |p, l, b, h, ev| {
                let idx = base + p;
                cells[idx].add(idx, l, b, h, ev, carries);
            });
        }
        out_of_range != 0
    }
}

/// The split-even rule for one event over its months (`periods`: the period of each month,
/// in order, at least two): each month gets `⌊d/k⌋` of each death count `d`, the first
/// `d mod k` months one more (whole deaths, remainder to the earliest months), and each
/// period counts the event once. Calls `add(period, low, best, high, events)` per month.
#[inline(always)]
fn split_even(
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

/// Rows per block of the single-pass country kernel: a block's columns (368 KiB in the
/// loader's types, 448 KiB as Int32) stay in a core's L2 next to a 1.4 MB table between the
/// checking loop and the adding loop. Measured at 10 M Int32 events on 2 threads: 34.6 ms
/// with 4,096 rows, 32.3 ms with 8,192, 31.5 ms with 16,384, 32.1 ms with 32,768.
const BLOCK: usize = 16384;

/// One thread's state in the single-pass country kernel: country codes get local indices in
/// order of first sight, the dense table covers a day range that grows (with slack) when a
/// block falls outside it, and the exact day range seen is tracked for the final layout.
struct CountryChunk {
    /// Code → local unit (`u32::MAX`: not seen).
    slot: Vec<u32>,
    /// Local unit → code.
    codes: Vec<u32>,
    /// Covered day range and its layout (`None` before the first block).
    cover: Option<(i32, i32, Plan, MonthTable)>,
    cells: Vec<Cell32>,
    carries: Vec<(usize, u8)>,
    excluded: Sums,
    /// Per-row cell indices of the current block (see [`fused`]).
    scratch: Vec<u32>,
    /// Exact earliest start and latest end seen.
    lo: i32,
    hi: i32,
    /// Something only the two-pass path reports exactly (an event ending before it starts, a
    /// code above 65,535, a day range too wide for the tables): fall back to it.
    fallback: bool,
    deaths_out_of_range: bool,
    /// Upper bounds of any cell's 32-bit sums so far: Σ (low | best | high), which bounds
    /// each of Σ low, Σ best, Σ high, and the rows (for event counts). While both stay below
    /// 2^32 no cell can wrap, and blocks take the unchecked loop.
    bound: [u64; 2],
}

impl CountryChunk {
    fn new() -> CountryChunk {
        CountryChunk {
            slot: vec![u32::MAX; 1 << 16],
            codes: Vec::new(),
            cover: None,
            cells: Vec::new(),
            carries: Vec::new(),
            excluded: Sums::default(),
            scratch: vec![0; BLOCK],
            lo: i32::MAX,
            hi: i32::MIN,
            fallback: false,
            deaths_out_of_range: false,
            bound: [0; 2],
        }
    }

    /// Makes the table cover `lo..=hi` (with slack on the side that grew), moving the cells.
    fn cover(&mut self, lo: i32, hi: i32, period: Period) -> Result<()> {
        const SLACK: i32 = 366;
        let (new_lo, new_hi) = match &self.cover {
            Some((a, b, ..)) if *a <= lo && hi <= *b => return Ok(()),
            Some((a, b, ..)) => {
                let slack = SLACK.max((b - a) / 2);
                (
                    if lo < *a {
                        lo.saturating_sub(slack)
                    } else {
                        *a
                    },
                    if hi > *b {
                        hi.saturating_add(slack)
                    } else {
                        *b
                    },
                )
            }
            None => (lo.saturating_sub(SLACK), hi.saturating_add(SLACK)),
        };
        if (i64::from(new_hi) - i64::from(new_lo)) as usize >= MAX_TABLE_DAYS {
            self.fallback = true;
            return Ok(());
        }
        let n_units = self.codes.len().max(1);
        let plan = Plan::new(new_lo, new_hi, n_units, period)?;
        let table = MonthTable::new(new_lo, new_hi, &plan);
        let np = plan.n_periods;
        let mut cells = vec![Cell32::default(); self.codes.len() * np];
        if let Some((_, _, old, _)) = &self.cover {
            let shift = (old.first_period - plan.first_period) as usize;
            let onp = old.n_periods;
            for u in 0..self.codes.len() {
                cells[u * np + shift..u * np + shift + onp]
                    .copy_from_slice(&self.cells[u * onp..(u + 1) * onp]);
            }
            for (idx, _) in &mut self.carries {
                *idx = (*idx / onp) * np + shift + *idx % onp;
            }
        }
        self.cells = cells;
        self.cover = Some((new_lo, new_hi, plan, table));
        Ok(())
    }

    /// The [`Block`] of rows `block` over this chunk's tables.
    #[allow(clippy::too_many_arguments)]
    fn block<'a, C: ColumnValue, P: ColumnValue, D: ColumnValue>(
        ids: &'a [C],
        c: &Cols<'a, P, D>,
        block: std::ops::Range<usize>,
        opts: &KernelOptions,
        slot: &'a [u32],
        n_units: usize,
        plan: &'a Plan,
        months: &'a MonthTable,
    ) -> Block<'a, C, P, D> {
        Block {
            ids: &ids[block.clone()],
            start: &c.date_start[block.clone()],
            end: &c.date_end[block.clone()],
            prec: &c.date_prec[block.clone()],
            low: &c.low[block.clone()],
            best: &c.best[block.clone()],
            high: &c.high[block],
            slot,
            n_units,
            max_prec: i64::from(opts.max_date_prec),
            plan,
            months,
        }
    }

    /// [`CountryChunk::bound`] after a block adding `deaths` (its Σ (low | best | high)) over
    /// `rows` rows, and whether no cell can have wrapped.
    fn grown_bound(&self, deaths: u64, rows: u64) -> ([u64; 2], bool) {
        let bound = [
            self.bound[0].saturating_add(deaths),
            self.bound[1].saturating_add(rows),
        ];
        (bound, bound.iter().all(|&b| b <= u64::from(u32::MAX)))
    }

    /// The fast path for one block: [`fused`] checks and adds in one pass; a block it cannot
    /// take (see [`fused`]) is subtracted again and `false` returned, for the checked path.
    fn try_fused<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
        &mut self,
        ids: &[C],
        c: &Cols<'_, P, D>,
        block: std::ops::Range<usize>,
        opts: &KernelOptions,
    ) -> bool {
        let max = u64::from(u32::MAX);
        if self.bound.iter().any(|&b| b > max) {
            return false; // cells may wrap from here on: the checked path logs carries
        }
        let Some((cover_lo, cover_hi, plan, table)) = &self.cover else {
            return false;
        };
        let n = block.len() as u64;
        let b = Self::block(
            ids,
            c,
            block,
            opts,
            &self.slot,
            self.codes.len(),
            plan,
            table,
        );
        let scan =
            fused_rule::<false, C, P, D>(opts.attribution, &b, &mut self.cells, &mut self.scratch);
        let (bound, fits) = self.grown_bound(scan.sum, n);
        if !scan.reject && fits && *cover_lo <= scan.lo && scan.hi <= *cover_hi {
            self.bound = bound;
            self.lo = self.lo.min(scan.lo);
            self.hi = self.hi.max(scan.hi);
            self.excluded.add(&scan.excluded);
            return true;
        }
        fused_rule::<true, C, P, D>(opts.attribution, &b, &mut self.cells, &mut self.scratch);
        false
    }

    fn run<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
        &mut self,
        ids: &[C],
        c: &Cols<'_, P, D>,
        range: std::ops::Range<usize>,
        opts: &KernelOptions,
    ) -> Result<()> {
        let mut at = range.start;
        while at < range.end && !self.fallback {
            let block = at..(at + BLOCK).min(range.end);
            at = block.end;
            if self.try_fused(ids, c, block.clone(), opts) {
                continue;
            }
            // The checked path: validate the block, give new codes local units, grow the
            // table's cover, then add (unchecked if no cell can wrap, else logging carries).
            let s = &c.date_start[block.clone()];
            let e = &c.date_end[block.clone()][..s.len()];
            let blo = s.iter().copied().fold(i32::MAX, i32::min);
            let bhi = e.iter().copied().fold(i32::MIN, i32::max);
            let bad = s.iter().zip(e).fold(false, |acc, (a, b)| acc | (b < a));
            let mut codes_bad = false;
            for &x in &ids[block.clone()] {
                let code = x.to_i64() as u64;
                codes_bad |= code > 0xFFFF;
                let slot = &mut self.slot[(code & 0xFFFF) as usize];
                if *slot == u32::MAX {
                    *slot = self.codes.len() as u32;
                    self.codes.push((code & 0xFFFF) as u32);
                    let np = self.cover.as_ref().map_or(0, |(_, _, p, _)| p.n_periods);
                    self.cells.resize(self.codes.len() * np, Cell32::default());
                }
            }
            if bad || codes_bad {
                self.fallback = true;
                break;
            }
            self.lo = self.lo.min(blo);
            self.hi = self.hi.max(bhi);
            self.cover(blo, bhi, opts.period)?;
            let Some((_, _, plan, table)) = &self.cover else {
                break;
            };
            if self.fallback {
                break;
            }
            if self.codes.len() * plan.n_periods > 1 << 28 {
                self.fallback = true; // the two-pass path reports the size
                break;
            }
            // The block's Σ (low | best | high) (for the no-wrap bound, as in `fused`), and
            // whether any value is outside 0..2^32.
            let (mut sum, mut out_of_range) = (0u64, 0u64);
            let deaths = c.low[block.clone()]
                .iter()
                .zip(&c.best[block.clone()])
                .zip(&c.high[block.clone()]);
            for ((l, b), h) in deaths {
                let any = (l.to_i64() | b.to_i64() | h.to_i64()) as u64;
                out_of_range |= any >> 32;
                sum = sum.wrapping_add(any);
            }
            if out_of_range != 0 {
                self.fallback = true; // the two-pass path names the bad value
                break;
            }
            let fits;
            (self.bound, fits) = self.grown_bound(sum, block.len() as u64);
            if fits {
                let n_units = self.codes.len();
                let b = Self::block(ids, c, block, opts, &self.slot, n_units, plan, table);
                let scan = fused_rule::<false, C, P, D>(
                    opts.attribution,
                    &b,
                    &mut self.cells,
                    &mut self.scratch,
                );
                debug_assert!(!scan.reject, "a checked block is never rejected");
                self.excluded.add(&scan.excluded);
                continue;
            }
            let slot = &self.slot;
            let unit = |i: usize| slot[(ids[i].to_i64() as usize) & 0xFFFF] as usize;
            self.deaths_out_of_range |= accumulate(
                &unit,
                c,
                block,
                opts,
                plan,
                table,
                &mut self.cells,
                &mut self.carries,
                &mut self.excluded,
            );
        }
        Ok(())
    }
}

/// What one run of [`fused`] over a block saw (its checks, for the caller to accept or undo).
struct BlockScan {
    /// Earliest `date_start` and latest `date_end`.
    lo: i32,
    hi: i32,
    /// Something the fast path cannot take: an event ending before it starts, a code above
    /// 65,535 or not yet given a local unit, a death value outside `0..2^32`.
    reject: bool,
    /// Σ (low | best | high) over the accumulated events: a bound on any cell's Σ low, Σ best
    /// and Σ high (for the no-wrap bound).
    sum: u64,
    /// Events dropped by `max_date_prec`.
    excluded: Sums,
}

/// Borrowed inputs of [`fused`] for one block.
struct Block<'a, C, P, D> {
    ids: &'a [C],
    start: &'a [i32],
    end: &'a [i32],
    prec: &'a [P],
    low: &'a [D],
    best: &'a [D],
    high: &'a [D],
    /// Code → local unit (`u32::MAX`: not seen).
    slot: &'a [u32],
    n_units: usize,
    max_prec: i64,
    plan: &'a Plan,
    months: &'a MonthTable,
}

/// The inner loop of the single-pass country kernel: one pass over a block that checks every
/// event *and* computes its cell, then (start- and end-month rules) a tight loop adding the
/// deaths into the chunk's dense table with wrapping 32-bit adds; the split rule adds in the
/// first loop. The block's columns come from memory once (the second loop reads them from
/// cache); keeping the random-access adds in a loop of their own lets more of them be in
/// flight at once.
///
/// The checks are reported, not acted on: if the block holds anything the fast path cannot
/// take (see [`BlockScan::reject`]), a day outside the table's cover, or could have wrapped a
/// cell, the caller runs the same loop again with `SUB = true`, which subtracts exactly what
/// the first run added (wrapping addition is invertible), and gives the block to the checked
/// path. Every lookup is clamped into its table, so a rejected block only ever touches cells
/// of the table, and the undo touches the same ones.
#[inline(always)]
fn fused<const RULE: u8, const SUB: bool, C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    b: &Block<'_, C, P, D>,
    cells: &mut [Cell32],
    scratch: &mut [u32],
) -> BlockScan {
    let n = b.start.len();
    let (ids, end, prec) = (&b.ids[..n], &b.end[..n], &b.prec[..n]);
    let (low, best, high) = (&b.low[..n], &b.best[..n], &b.high[..n]);
    let np = b.plan.n_periods;
    let month_period = &b.plan.month_period[..];
    let (months, periods) = (&b.months.months[..], &b.months.periods[..]);
    let last_day = months.len().saturating_sub(1);
    let first_day = b.months.first_day;
    let day_offset = |d: i32| ((d.wrapping_sub(first_day)) as u32 as usize).min(last_day);
    let add = |cell: &mut Cell32, l: u32, bb: u32, h: u32, e: u32| {
        if SUB {
            cell.low = cell.low.wrapping_sub(l);
            cell.best = cell.best.wrapping_sub(bb);
            cell.high = cell.high.wrapping_sub(h);
            cell.events = cell.events.wrapping_sub(e);
        } else {
            cell.low = cell.low.wrapping_add(l);
            cell.best = cell.best.wrapping_add(bb);
            cell.high = cell.high.wrapping_add(h);
            cell.events = cell.events.wrapping_add(e);
        }
    };
    let (mut lo, mut hi) = (i32::MAX, i32::MIN);
    let mut flags = 0u64;
    let mut sum = 0u64;
    let mut excluded = Sums::default();
    let idx = &mut scratch[..n];
    if RULE == 0 || RULE == 1 {
        idx.fill(u32::MAX);
    }
    for i in 0..n {
        let code = ids[i].to_i64() as u64;
        flags |= code >> 16;
        let u = b.slot[(code & 0xFFFF) as usize] as usize;
        let (s, e) = (b.start[i], end[i]);
        flags |= u64::from(e < s);
        lo = lo.min(s);
        hi = hi.max(e);
        let (l, bb, h) = (low[i].to_i64(), best[i].to_i64(), high[i].to_i64());
        // One OR serves the range check (a negative or ≥ 2^32 value sets a high bit) and the
        // bound: Σ (l | b | h) ≥ each of Σ l, Σ b, Σ h.
        let any = (l | bb | h) as u64;
        flags |= any >> 32;
        let (l, bb, h) = (l as u32, bb as u32, h as u32);
        if u >= b.n_units {
            flags |= 1;
            continue;
        }
        if prec[i].to_i64() > b.max_prec {
            if !SUB {
                excluded.add(&Sums {
                    low: u64::from(l),
                    best: u64::from(bb),
                    high: u64::from(h),
                    events: 1,
                });
            }
            continue;
        }
        sum = sum.wrapping_add(any); // no wrap unless the block is rejected
        let base = u * np;
        if RULE == 0 || RULE == 1 {
            let day = if RULE == 0 { s } else { e };
            let p = periods[day_offset(day)] as usize;
            idx[i] = (base + p) as u32;
            continue;
        }
        let ms = months[day_offset(s)] as usize;
        let me = if e == s {
            ms
        } else {
            months[day_offset(e)] as usize
        };
        if ms >= me {
            // One month (or a rejected block's clamped range: any cell, undone later).
            add(&mut cells[base + month_period[ms] as usize], l, bb, h, 1);
            continue;
        }
        split_even(&month_period[ms..=me], (l, bb, h), |p, l, bb, h, ev| {
            add(&mut cells[base + p], l, bb, h, ev);
        });
    }
    if RULE == 0 || RULE == 1 {
        for i in 0..n {
            if let Some(cell) = cells.get_mut(idx[i] as usize) {
                add(
                    cell,
                    low[i].to_i64() as u32,
                    best[i].to_i64() as u32,
                    high[i].to_i64() as u32,
                    1,
                );
            }
        }
    }
    BlockScan {
        lo,
        hi,
        reject: flags != 0,
        sum,
        excluded,
    }
}

/// [`fused`] with the attribution rule as a constant.
fn fused_rule<const SUB: bool, C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    rule: Attribution,
    b: &Block<'_, C, P, D>,
    cells: &mut [Cell32],
    scratch: &mut [u32],
) -> BlockScan {
    match rule {
        Attribution::StartMonth => fused::<0, SUB, C, P, D>(b, cells, scratch),
        Attribution::EndMonth => fused::<1, SUB, C, P, D>(b, cells, scratch),
        Attribution::SplitEven => fused::<2, SUB, C, P, D>(b, cells, scratch),
    }
}

/// The country kernel in one pass over the data (each block checked, then accumulated while
/// in cache): per thread a [`CountryChunk`], merged country by country into the table at the
/// end. `None`: use the two-pass path (it reports bad input exactly, and handles very wide
/// day ranges). The flag: a death value outside `0..2^32` was seen (the caller reports it).
fn country_single_pass<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    ids: &[C],
    c: &Cols<'_, P, D>,
    opts: &KernelOptions,
    spec: &AggregateSpec,
    source: &str,
) -> Result<Option<(EventTable, bool)>> {
    let n = ids.len();
    let threads = rayon::current_num_threads();
    // One chunk per thread (at least 262,144 rows): each chunk costs a table to zero and
    // merge (measured at 10 M events on 2 threads: 35 ms with one chunk per thread, 37 ms
    // with two; two balance better only when another process holds a core).
    let chunk = if n < 4 * PAR_CHUNK || threads < 2 {
        n.max(1)
    } else {
        n.div_ceil(threads).max(4 * PAR_CHUNK)
    };
    let parts: Vec<Result<CountryChunk>> = (0..n.div_ceil(chunk))
        .into_par_iter()
        .map(|k| {
            let mut part = CountryChunk::new();
            part.run(ids, c, k * chunk..((k + 1) * chunk).min(n), opts)?;
            Ok(part)
        })
        .collect();
    let mut parts = parts.into_iter().collect::<Result<Vec<_>>>()?;
    if parts.is_empty() || parts.iter().any(|p| p.fallback) {
        return Ok(None);
    }
    let lo = parts.iter().map(|p| p.lo).min().unwrap_or(0);
    let hi = parts.iter().map(|p| p.hi).max().unwrap_or(0);
    let mut codes: Vec<u32> = parts.iter().flat_map(|p| p.codes.iter().copied()).collect();
    codes.sort_unstable();
    codes.dedup();
    let plan = Plan::new(lo, hi, codes.len(), opts.period)?;
    let np = plan.n_periods;
    let mut excluded = Sums::default();
    let mut deaths_out_of_range = false;
    for part in &mut parts {
        excluded.add(&part.excluded);
        deaths_out_of_range |= part.deaths_out_of_range;
        part.carries.sort_unstable();
    }
    let mut t = EventTable::empty(spec, excluded, source);
    // Country by country (in code order), the parts' rows summed into one row of 64-bit
    // sums (L1-sized), whose non-empty cells are appended to the table: no dense table of
    // the whole result, no division per cell.
    let mut row = vec![Sums::default(); np];
    for &code in &codes {
        row.fill(Sums::default());
        for part in &parts {
            let Some((_, _, lp, _)) = &part.cover else {
                continue;
            };
            let u = part.slot[code as usize];
            if u == u32::MAX {
                continue;
            }
            let (u, lnp) = (u as usize, lp.n_periods);
            // Local period p is global period p + shift; the local periods outside the
            // global range (slack of the local table) are untouched.
            let shift = lp.first_period as isize - plan.first_period as isize;
            let a = (-shift).max(0) as usize;
            let b = ((np as isize - shift).min(lnp as isize)).max(a as isize) as usize;
            let local = &part.cells[u * lnp..(u + 1) * lnp];
            debug_assert!(local[..a].iter().chain(&local[b..]).all(|c| c.events == 0));
            let first = (a as isize + shift) as usize;
            for (c, out) in local[a..b].iter().zip(&mut row[first..]) {
                out.low += u64::from(c.low);
                out.best += u64::from(c.best);
                out.high += u64::from(c.high);
                out.events += u64::from(c.events);
            }
            let from = part.carries.partition_point(|&(i, _)| i < u * lnp);
            let to = part.carries.partition_point(|&(i, _)| i < (u + 1) * lnp);
            for &(idx, field) in &part.carries[from..to] {
                let s = &mut row[(((idx - u * lnp) as isize) + shift) as usize];
                match field {
                    0 => s.low += 1 << 32,
                    1 => s.best += 1 << 32,
                    2 => s.high += 1 << 32,
                    _ => s.events += 1 << 32,
                }
            }
        }
        t.push_row(code, plan.first_period, &row);
    }
    Ok(Some((t, deaths_out_of_range)))
}

/// Borrowed GED columns, the input of [`aggregate_columns`] (`EventColumns::from(&ged.events)`
/// for a loaded file). Element `i` of every column is event `i`.
///
/// Only the unit columns the spec needs must be filled: `country_id` for
/// [`EventUnit::Country`], `type_of_violence` and `conflict_new_id` for
/// [`EventUnit::Conflict`], `priogrid_gid` for [`EventUnit::PrioGrid`]; the others may be
/// empty. `id` (optional, may be empty) names events in errors.
///
/// The country, precision and death columns may be of any [`ColumnValue`] type (default
/// `u16`, `u8`, `u32`, the types of [`Events`]); the kernel reads them in place.
#[derive(Debug, Clone, Copy)]
pub struct EventColumns<'a, C = u16, P = u8, D = u32> {
    /// `id` (may be empty: errors then name the row).
    pub id: &'a [u64],
    /// `country_id` (Gleditsch–Ward code, 0–65,535).
    pub country_id: &'a [C],
    /// `type_of_violence` (1–3).
    pub type_of_violence: &'a [u8],
    /// `conflict_new_id`.
    pub conflict_new_id: &'a [u32],
    /// `priogrid_gid` (0: none).
    pub priogrid_gid: &'a [u32],
    /// `date_start`, days since 1970-01-01.
    pub date_start: &'a [i32],
    /// `date_end`, days since 1970-01-01.
    pub date_end: &'a [i32],
    /// `date_prec` (1–5).
    pub date_prec: &'a [P],
    /// `low`.
    pub low: &'a [D],
    /// `best`.
    pub best: &'a [D],
    /// `high`.
    pub high: &'a [D],
}

impl<C, P, D> Default for EventColumns<'_, C, P, D> {
    fn default() -> Self {
        EventColumns {
            id: &[],
            country_id: &[],
            type_of_violence: &[],
            conflict_new_id: &[],
            priogrid_gid: &[],
            date_start: &[],
            date_end: &[],
            date_prec: &[],
            low: &[],
            best: &[],
            high: &[],
        }
    }
}

impl<C, P, D> EventColumns<'_, C, P, D> {
    /// Names event `i` in an error: its id when given, else its row number.
    fn event(&self, i: usize) -> String {
        match self.id.get(i) {
            Some(id) => format!("event id {id}"),
            None => format!("event {i} (row)"),
        }
    }
}

/// What to aggregate: unit, period, rule and precision filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AggregateSpec {
    /// Country, conflict or PRIO-GRID cell.
    pub unit: EventUnit,
    /// Month or year.
    pub period: Period,
    /// Rule for date ranges spanning several months.
    pub attribution: Attribution,
    /// Keep events with `date_prec ≤ max_date_prec` (1–5; 5 keeps all).
    pub max_date_prec: u8,
}

impl AggregateSpec {
    /// `unit` × `period`, split rule, all precisions.
    #[must_use]
    pub fn new(unit: EventUnit, period: Period) -> AggregateSpec {
        AggregateSpec {
            unit,
            period,
            attribution: Attribution::SplitEven,
            max_date_prec: 5,
        }
    }

    /// With another attribution rule.
    #[must_use]
    pub fn attribution(mut self, a: Attribution) -> AggregateSpec {
        self.attribution = a;
        self
    }

    /// Keeping only events with `date_prec ≤ p`.
    #[must_use]
    pub fn max_date_prec(mut self, p: u8) -> AggregateSpec {
        self.max_date_prec = p;
        self
    }
}

/// An aggregation result: one row per non-empty cell, ordered by unit then period. Cells
/// without events are absent (zero within the GED's coverage).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventTable {
    /// The specification.
    pub spec: AggregateSpec,
    /// `type_of_violence` per row (conflict unit only).
    pub type_of_violence: Option<Vec<u8>>,
    /// The unit code per row: G&W code, `conflict_new_id` or `priogrid_gid`.
    pub unit: Vec<u32>,
    /// Year per row.
    pub year: Vec<i32>,
    /// Month 1–12 per row (month period only).
    pub month: Option<Vec<u8>>,
    /// Sum of `low`.
    pub low: Vec<u64>,
    /// Sum of `best`.
    pub best: Vec<u64>,
    /// Sum of `high`.
    pub high: Vec<u64>,
    /// Events with a share in the cell.
    pub events: Vec<u64>,
    /// Events dropped by `max_date_prec`, and their deaths.
    pub excluded: Sums,
    /// `name version` of the source, e.g. `ucdp-ged-sample 23.1`.
    pub source: String,
}

impl EventTable {
    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.unit.len()
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.unit.is_empty()
    }

    /// Σ `low` over rows.
    #[must_use]
    pub fn total_low(&self) -> u64 {
        self.low.iter().sum()
    }

    /// Σ `best` over rows.
    #[must_use]
    pub fn total_best(&self) -> u64 {
        self.best.iter().sum()
    }

    /// Σ `high` over rows.
    #[must_use]
    pub fn total_high(&self) -> u64 {
        self.high.iter().sum()
    }

    /// The column names, in [`EventTable::to_csv`] order.
    #[must_use]
    pub fn columns(&self) -> Vec<&'static str> {
        let mut cols = Vec::new();
        if self.type_of_violence.is_some() {
            cols.push("type_of_violence");
        }
        cols.push(match self.spec.unit {
            EventUnit::Country => "country_id",
            EventUnit::Conflict => "conflict_new_id",
            EventUnit::PrioGrid => "priogrid_gid",
        });
        cols.push("year");
        if self.month.is_some() {
            cols.push("month");
        }
        cols.extend(["low", "best", "high", "events", "source"]);
        cols
    }

    /// Deterministic CSV with a header line.
    #[must_use]
    pub fn to_csv(&self) -> String {
        use std::fmt::Write as _;
        let mut out = self.columns().join(",");
        out.push('\n');
        for i in 0..self.len() {
            if let Some(t) = &self.type_of_violence {
                let _ = write!(out, "{},", t[i]);
            }
            let _ = write!(out, "{},{}", self.unit[i], self.year[i]);
            if let Some(m) = &self.month {
                let _ = write!(out, ",{}", m[i]);
            }
            let _ = writeln!(
                out,
                ",{},{},{},{},{}",
                self.low[i], self.best[i], self.high[i], self.events[i], self.source
            );
        }
        out
    }
}

impl<'a> From<&'a Events> for EventColumns<'a> {
    /// Borrows the columns of loaded events (no copy).
    fn from(e: &'a Events) -> EventColumns<'a> {
        EventColumns {
            id: &e.id,
            country_id: &e.country_id,
            type_of_violence: &e.type_of_violence,
            conflict_new_id: &e.conflict_new_id,
            priogrid_gid: &e.priogrid_gid,
            date_start: &e.date_start,
            date_end: &e.date_end,
            date_prec: &e.date_prec,
            low: &e.low,
            best: &e.best,
            high: &e.high,
        }
    }
}

/// Aggregates a GED dataset under `spec`.
pub fn aggregate(ged: &Ged, spec: &AggregateSpec) -> Result<EventTable> {
    let source = format!("{} {}", ged.provenance.name, ged.provenance.version);
    aggregate_columns(&EventColumns::from(&ged.events), spec, &source)
}

/// Aggregates borrowed GED columns under `spec` (what [`aggregate`] does for a loaded file;
/// the Python bindings call it on a DataFrame's buffers without copying them). `source`
/// fills the table's `source` column.
///
/// Country units take the fast path: the G&W codes are mapped to dense indices through a
/// 65,536-entry table inside the kernel (no per-row index vector), the day → month mapping
/// is a lookup table, and rows are summed into one dense `countries × periods` array per
/// thread.
///
/// ```
/// use conflictstats::events::{aggregate_columns, AggregateSpec, Attribution, EventColumns, EventUnit, Period};
///
/// // Two events in Syria (652), one in Mali (432); days since 1970-01-01.
/// let cols = EventColumns {
///     country_id: &[652, 432, 652],
///     date_start: &[18383, 18383, 18414], // 2020-05-01, 2020-05-01, 2020-06-01
///     date_end: &[18383, 18384, 18414],
///     date_prec: &[1, 2, 1],
///     low: &[1, 2, 3],
///     best: &[2, 3, 4],
///     high: &[5, 6, 7],
///     ..EventColumns::default()
/// };
/// let spec = AggregateSpec::new(EventUnit::Country, Period::Month).attribution(Attribution::StartMonth);
/// let t = aggregate_columns(&cols, &spec, "example")?;
/// assert_eq!(t.unit, vec![432, 652, 652]);
/// assert_eq!(t.month, Some(vec![5, 5, 6]));
/// assert_eq!(t.best, vec![3, 2, 4]);
/// # Ok::<(), conflictstats::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidSpec`] when a column the spec needs is missing or has another length than
/// `date_start`, when `max_date_prec` is not 1–5, when an event ends before it starts, or for
/// a unit value out of range (a `priogrid_gid` of 0, a `conflict_new_id` ≥ 2^28).
pub fn aggregate_columns<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    cols: &EventColumns<'_, C, P, D>,
    spec: &AggregateSpec,
    source: &str,
) -> Result<EventTable> {
    if !(1..=5).contains(&spec.max_date_prec) {
        return Err(Error::spec(format!(
            "max_date_prec must be 1–5, got {}",
            spec.max_date_prec
        )));
    }
    let n = cols.date_start.len();
    let need = |name: &str, len: usize| -> Result<()> {
        if len == n {
            Ok(())
        } else {
            Err(Error::spec(format!(
                "column `{name}` has {len} values, `date_start` {n}"
            )))
        }
    };
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
    let (codes, d) = match spec.unit {
        EventUnit::Country => {
            let ids = cols.country_id;
            need("country_id", ids.len())?;
            if n >= PAR_CHUNK {
                if let Some((t, deaths_bad)) = country_single_pass(ids, &c, &opts, spec, source)? {
                    if deaths_bad {
                        deaths_error(&c)?;
                    }
                    return Ok(t);
                }
            }
            let s = scan(
                &c,
                |r| {
                    // Plain byte stores (no read-modify-write chain on a bitset word).
                    let mut seen = vec![false; 1 << 16];
                    let mut out_of_range = false;
                    for &x in &ids[r] {
                        let code = x.to_i64() as u64;
                        out_of_range |= code > 0xFFFF;
                        seen[(code & 0xFFFF) as usize] = true;
                    }
                    (seen, out_of_range)
                },
                |(mut a, oa), (b, ob)| {
                    for (x, y) in a.iter_mut().zip(b) {
                        *x |= y;
                    }
                    (a, oa | ob)
                },
            );
            if s.units.1 {
                let i = ids
                    .iter()
                    .position(|x| !(0..=0xFFFF).contains(&x.to_i64()))
                    .unwrap_or(0);
                return Err(Error::spec(format!(
                    "{}: country_id {} is not a Gleditsch–Ward code (0–65535)",
                    cols.event(i),
                    ids[i].to_i64()
                )));
            }
            let mut table = vec![u32::MAX; 1 << 16];
            let mut codes = Vec::new();
            for (code, &seen) in s.units.0.iter().enumerate() {
                if seen {
                    table[code] = codes.len() as u32;
                    codes.push(code as u32);
                }
            }
            let table = <&[u32; 1 << 16]>::try_from(table.as_slice())
                .map_err(|_| Error::spec("internal: country table size"))?;
            let d = dense_sums(&c, s, codes.len(), &opts, |i| {
                table[(ids[i].to_i64() as usize) & 0xFFFF] as usize
            })?;
            (codes, d)
        }
        EventUnit::PrioGrid => {
            need("priogrid_gid", cols.priogrid_gid.len())?;
            if let Some(i) = cols.priogrid_gid.iter().position(|&g| g == 0) {
                return Err(Error::spec(format!(
                    "{} has no priogrid_gid: it cannot be aggregated to PRIO-GRID cells",
                    cols.event(i)
                )));
            }
            let dense = dense_index(cols.priogrid_gid);
            let d = dense_kernel(&dense, &c, &opts)?;
            (dense.codes, d)
        }
        EventUnit::Conflict => {
            need("type_of_violence", cols.type_of_violence.len())?;
            need("conflict_new_id", cols.conflict_new_id.len())?;
            let (tov, cids) = (cols.type_of_violence, cols.conflict_new_id);
            if let Some(i) = tov
                .iter()
                .zip(cids)
                .position(|(&t, &cid)| cid >= 1 << 28 || t >= 16)
            {
                return Err(Error::spec(format!(
                    "{}: conflict_new_id {cid} / type_of_violence {t} out of range",
                    cols.event(i),
                    cid = cids[i],
                    t = tov[i]
                )));
            }
            // Keys ordered by type of violence, then conflict id. UCDP's ids are small (below
            // 2^15): the compact key `t · (max id + 1) + id` lets `dense_index` take its lookup
            // table instead of sorting 2^28-spread keys; codes become `t << 28 | id` again.
            let span = cids.iter().copied().max().unwrap_or(0) + 1;
            let dense = if span <= 1 << 20 {
                let keys: Vec<u32> = tov
                    .iter()
                    .zip(cids)
                    .map(|(&t, &cid)| u32::from(t) * span + cid)
                    .collect();
                let mut d = dense_index(&keys);
                for code in &mut d.codes {
                    *code = ((*code / span) << 28) | (*code % span);
                }
                d
            } else {
                let keys: Vec<u32> = tov
                    .iter()
                    .zip(cids)
                    .map(|(&t, &cid)| (u32::from(t) << 28) | cid)
                    .collect();
                dense_index(&keys)
            };
            let d = dense_kernel(&dense, &c, &opts)?;
            (dense.codes, d)
        }
    };
    Ok(table_from_dense(spec, &codes, &d, source))
}

/// The kernel over an already dense unit index.
fn dense_kernel<P: ColumnValue, D: ColumnValue>(
    dense: &DenseIndex,
    c: &Cols<'_, P, D>,
    opts: &KernelOptions,
) -> Result<DenseSums> {
    dense_unit_kernel(&dense.index, dense.codes.len(), c, opts)
}

/// The non-empty cells of `d` as table rows, ordered by unit then period.
fn table_from_dense(
    spec: &AggregateSpec,
    codes: &[u32],
    d: &DenseSums,
    source: &str,
) -> EventTable {
    let mut t = EventTable::empty(spec, d.excluded, source);
    for (u, &code) in codes.iter().enumerate() {
        let row = &d.cells[u * d.n_periods..(u + 1) * d.n_periods];
        t.push_row(code, d.first_period, row);
    }
    t
}

impl EventTable {
    /// A table with no cells yet.
    fn empty(spec: &AggregateSpec, excluded: Sums, source: &str) -> EventTable {
        let with = |yes: bool| yes.then(Vec::new);
        EventTable {
            spec: *spec,
            type_of_violence: with(spec.unit == EventUnit::Conflict),
            unit: Vec::new(),
            year: Vec::new(),
            month: with(spec.period == Period::Month),
            low: Vec::new(),
            best: Vec::new(),
            high: Vec::new(),
            events: Vec::new(),
            excluded,
            source: source.to_string(),
        }
    }

    /// Appends the cells of one unit (`code`) with events; `row[p]` is period
    /// `first_period + p`.
    fn push_row(&mut self, code: u32, first_period: i32, row: &[Sums]) {
        for (p, cell) in row.iter().enumerate() {
            if cell.events == 0 {
                continue;
            }
            let period = first_period + p as i32;
            match &mut self.type_of_violence {
                Some(tv) => {
                    tv.push((code >> 28) as u8);
                    self.unit.push(code & ((1 << 28) - 1));
                }
                None => self.unit.push(code),
            }
            match &mut self.month {
                Some(months) => {
                    self.year.push(1970 + period.div_euclid(12));
                    months.push((period.rem_euclid(12) + 1) as u8);
                }
                None => self.year.push(1970 + period),
            }
            self.low.push(cell.low);
            self.best.push(cell.best);
            self.high.push(cell.high);
            self.events.push(cell.events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        days_from_date(NaiveDate::from_ymd_opt(y, m, d).unwrap()) as i32
    }

    #[test]
    fn civil_from_days_matches_chrono_over_centuries() {
        let mut d = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2101, 1, 1).unwrap();
        while d < end {
            use chrono::Datelike;
            let n = days_from_date(d) as i32;
            assert_eq!(year_month_of_day(n), (d.year(), d.month()), "{d}");
            d = d.succ_opt().unwrap();
        }
    }

    #[test]
    fn rules_on_a_multi_month_event() {
        // 2019-01-01 .. 2019-12-22 (12 months), best 9, low 4, high 30.
        let (s, e) = (day(2019, 1, 1), day(2019, 12, 22));
        let run = |a, p| {
            let o = KernelOptions {
                period: p,
                attribution: a,
                max_date_prec: 5,
            };
            sum_by_unit_period(&[0], 1, &[s], &[e], &[5], &[4], &[9], &[30], &o).unwrap()
        };
        let split = run(Attribution::SplitEven, Period::Month);
        assert_eq!(split.n_periods, 12);
        let best: Vec<u64> = split.cells.iter().map(|c| c.best).collect();
        assert_eq!(best, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
        let high: Vec<u64> = split.cells.iter().map(|c| c.high).collect();
        assert_eq!(high, [3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2]);
        assert!(split.cells.iter().all(|c| c.events == 1));
        let start = run(Attribution::StartMonth, Period::Month);
        assert_eq!(start.cells[0].best, 9);
        assert_eq!(start.cells[11].best, 0);
        let end = run(Attribution::EndMonth, Period::Month);
        assert_eq!((end.cells[0].best, end.cells[11].best), (0, 9));
        let year = run(Attribution::SplitEven, Period::Year);
        assert_eq!(
            year.cells,
            vec![Sums {
                low: 4,
                best: 9,
                high: 30,
                events: 1
            }]
        );
        let strict = KernelOptions {
            period: Period::Month,
            attribution: Attribution::SplitEven,
            max_date_prec: 4,
        };
        let d = sum_by_unit_period(&[0], 1, &[s], &[e], &[5], &[4], &[9], &[30], &strict).unwrap();
        assert_eq!(d.excluded.best, 9);
        assert!(d.cells.iter().all(|c| c.events == 0));
    }

    #[test]
    fn parallel_and_serial_agree() {
        let n = 300_000usize;
        let unit: Vec<u32> = (0..n).map(|i| (i * 7 % 50) as u32).collect();
        let start: Vec<i32> = (0..n).map(|i| 7000 + (i * 13 % 9000) as i32).collect();
        let end: Vec<i32> = start
            .iter()
            .enumerate()
            .map(|(i, s)| s + (i % 90) as i32)
            .collect();
        let prec: Vec<u8> = (0..n).map(|i| 1 + (i % 5) as u8).collect();
        let best: Vec<u32> = (0..n).map(|i| (i % 17) as u32).collect();
        let low: Vec<u32> = best.iter().map(|b| b / 2).collect();
        let high: Vec<u32> = best.iter().map(|b| b * 3).collect();
        let o = KernelOptions {
            period: Period::Month,
            attribution: Attribution::SplitEven,
            max_date_prec: 5,
        };
        let par =
            sum_by_unit_period(&unit, 50, &start, &end, &prec, &low, &best, &high, &o).unwrap();
        // The same rows, one chunk, both month mappings (table and arithmetic).
        let cols = Cols {
            date_start: &start,
            date_end: &end,
            date_prec: &prec,
            low: &low,
            best: &best,
            high: &high,
        };
        let (lo, hi) = (*start.iter().min().unwrap(), *end.iter().max().unwrap());
        let plan = Plan::new(lo, hi, 50, o.period).unwrap();
        assert_eq!(
            (plan.first_period, plan.n_periods),
            (par.first_period, par.n_periods)
        );
        let table = MonthTable::new(lo, hi, &plan);
        let arith = MonthArith {
            first_month: month_index(lo),
        };
        let unit_of = |i: usize| unit[i] as usize;
        for serial in [
            {
                let mut cells = vec![Cell32::default(); plan.n_cells];
                let (mut carries, mut ex) = (Vec::new(), Sums::default());
                accumulate(
                    &unit_of,
                    &cols,
                    0..n,
                    &o,
                    &plan,
                    &table,
                    &mut cells,
                    &mut carries,
                    &mut ex,
                );
                widen(&cells, &carries)
            },
            {
                let mut cells = vec![Cell32::default(); plan.n_cells];
                let (mut carries, mut ex) = (Vec::new(), Sums::default());
                accumulate(
                    &unit_of,
                    &cols,
                    0..n,
                    &o,
                    &plan,
                    &arith,
                    &mut cells,
                    &mut carries,
                    &mut ex,
                );
                widen(&cells, &carries)
            },
        ] {
            assert_eq!(par.cells, serial);
        }
        let total: u64 = par.cells.iter().map(|c| c.best).sum();
        assert_eq!(total, best.iter().map(|&b| u64::from(b)).sum::<u64>());
    }

    #[test]
    fn bad_inputs_are_errors() {
        let o = KernelOptions {
            period: Period::Year,
            attribution: Attribution::SplitEven,
            max_date_prec: 5,
        };
        assert!(sum_by_unit_period(&[1], 1, &[0], &[0], &[1], &[1], &[1], &[1], &o).is_err());
        assert!(sum_by_unit_period(&[0], 1, &[5], &[4], &[1], &[1], &[1], &[1], &o).is_err());
        assert!(sum_by_unit_period(&[0], 1, &[5], &[5], &[1], &[1], &[1], &[], &o).is_err());
        assert!(Attribution::parse("middle").is_err());
        assert_eq!(
            Attribution::parse("start-month").unwrap(),
            Attribution::StartMonth
        );
    }

    /// A per-event reference (chrono calendar, `BTreeMap`) for the fast country path.
    /// A table's cells as (unit, year, month or 0, sums), the shape of [`reference`].
    fn cells(t: &EventTable) -> Vec<(u32, i32, u8, Sums)> {
        (0..t.len())
            .map(|i| {
                let s = Sums {
                    low: t.low[i],
                    best: t.best[i],
                    high: t.high[i],
                    events: t.events[i],
                };
                (
                    t.unit[i],
                    t.year[i],
                    t.month.as_ref().map_or(0, |m| m[i]),
                    s,
                )
            })
            .collect()
    }

    fn reference(cols: &EventColumns<'_>, spec: &AggregateSpec) -> Vec<(u32, i32, u8, Sums)> {
        use chrono::Datelike;
        use std::collections::BTreeMap;
        let ym = |d: i32| {
            let date = chrono::NaiveDate::from_num_days_from_ce_opt(d + 719_163).unwrap();
            date.year() * 12 + date.month0() as i32
        };
        let mut cells: BTreeMap<(u32, i32), Sums> = BTreeMap::new();
        for i in 0..cols.date_start.len() {
            if cols.date_prec[i] > spec.max_date_prec {
                continue;
            }
            let (ms, me) = (ym(cols.date_start[i]), ym(cols.date_end[i]));
            let months: Vec<i32> = match spec.attribution {
                Attribution::StartMonth => vec![ms],
                Attribution::EndMonth => vec![me],
                Attribution::SplitEven => (ms..=me).collect(),
            };
            let k = months.len() as u64;
            let mut seen = Vec::new();
            for (j, m) in months.into_iter().enumerate() {
                let key = match spec.period {
                    Period::Month => m,
                    Period::Year => m.div_euclid(12),
                };
                let share = |d: u32| u64::from(d) / k + u64::from((j as u64) < u64::from(d) % k);
                let cell = cells
                    .entry((u32::from(cols.country_id[i]), key))
                    .or_default();
                cell.low += share(cols.low[i]);
                cell.best += share(cols.best[i]);
                cell.high += share(cols.high[i]);
                if !seen.contains(&key) {
                    cell.events += 1;
                    seen.push(key);
                }
            }
        }
        cells
            .into_iter()
            .map(|((u, key), s)| match spec.period {
                Period::Month => (u, key.div_euclid(12), (key.rem_euclid(12) + 1) as u8, s),
                Period::Year => (u, key, 0, s),
            })
            .collect()
    }

    #[test]
    fn country_fast_path_matches_a_naive_reference() {
        // Pseudo-random events over 1989–2024, some spanning up to a year, deaths skewed.
        let n = 280_000usize; // above the parallel threshold
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let (d0, d1) = (day(1989, 1, 1), day(2024, 12, 31));
        let mut country = Vec::new();
        let (mut start, mut end, mut prec) = (Vec::new(), Vec::new(), Vec::new());
        let (mut low, mut best, mut high) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..n {
            let r = next();
            country.push([2u16, 365, 652, 700, 999, 1][(r % 6) as usize]);
            let s = d0 + ((r >> 8) % (d1 - d0) as u64) as i32;
            let w = [0, 0, 0, 3, 6, 29, 200, 400][((r >> 40) % 8) as usize];
            start.push(s);
            end.push(s + w);
            prec.push(1 + ((r >> 44) % 5) as u8);
            let b = ((r >> 48) % 1000) as u32 >> ((r >> 58) % 8);
            best.push(b);
            low.push(b / 2);
            high.push(b * 3 + 1);
        }
        let cols = EventColumns {
            country_id: &country,
            date_start: &start,
            date_end: &end,
            date_prec: &prec,
            low: &low,
            best: &best,
            high: &high,
            ..EventColumns::default()
        };
        for period in [Period::Month, Period::Year] {
            for rule in [
                Attribution::SplitEven,
                Attribution::StartMonth,
                Attribution::EndMonth,
            ] {
                for max_prec in [5, 3] {
                    let spec = AggregateSpec::new(EventUnit::Country, period)
                        .attribution(rule)
                        .max_date_prec(max_prec);
                    let t = aggregate_columns(&cols, &spec, "synthetic").unwrap();
                    let got = cells(&t);
                    assert_eq!(
                        got,
                        reference(&cols, &spec),
                        "{period:?} {rule:?} {max_prec}"
                    );
                    // Small inputs take the arithmetic month path: same answer on a slice.
                    let head = EventColumns {
                        country_id: &country[..500],
                        date_start: &start[..500],
                        date_end: &end[..500],
                        date_prec: &prec[..500],
                        low: &low[..500],
                        best: &best[..500],
                        high: &high[..500],
                        ..EventColumns::default()
                    };
                    let t = aggregate_columns(&head, &spec, "synthetic").unwrap();
                    let got = cells(&t);
                    assert_eq!(got, reference(&head, &spec), "head {period:?} {rule:?}");
                }
            }
        }
        // Missing or short columns are errors naming the column.
        let short = EventColumns {
            country_id: &country[..10],
            ..cols
        };
        let err = aggregate_columns(
            &short,
            &AggregateSpec::new(EventUnit::Country, Period::Month),
            "x",
        )
        .unwrap_err();
        assert!(err.to_string().contains("country_id"), "{err}");
        let err = aggregate_columns(
            &cols,
            &AggregateSpec::new(EventUnit::PrioGrid, Period::Month),
            "x",
        )
        .unwrap_err();
        assert!(err.to_string().contains("priogrid_gid"), "{err}");
    }

    #[test]
    fn columns_of_other_integer_types_are_read_in_place_and_checked() {
        let ged = Ged::embedded(None).unwrap();
        let e = &ged.events;
        let wide = |v: &[u32]| v.iter().map(|&x| i64::from(x)).collect::<Vec<i64>>();
        let (country, prec): (Vec<i32>, Vec<i32>) = e
            .country_id
            .iter()
            .zip(&e.date_prec)
            .map(|(&c, &p)| (i32::from(c), i32::from(p)))
            .unzip();
        let (low, best, high) = (wide(&e.low), wide(&e.best), wide(&e.high));
        let cols = EventColumns {
            country_id: &country[..],
            date_start: &e.date_start,
            date_end: &e.date_end,
            date_prec: &prec[..],
            low: &low[..],
            best: &best[..],
            high: &high[..],
            ..EventColumns::default()
        };
        for spec in [
            AggregateSpec::new(EventUnit::Country, Period::Month),
            AggregateSpec::new(EventUnit::Country, Period::Year).max_date_prec(2),
        ] {
            let typed = aggregate_columns(&EventColumns::from(e), &spec, "s").unwrap();
            assert_eq!(aggregate_columns(&cols, &spec, "s").unwrap(), typed);
        }
        let spec = AggregateSpec::new(EventUnit::Country, Period::Month);
        let mut bad = best.clone();
        bad[17] = -3;
        let err = aggregate_columns(
            &EventColumns {
                best: &bad[..],
                ..cols
            },
            &spec,
            "s",
        )
        .unwrap_err();
        assert!(err.to_string().contains("event 17: `best` is -3"), "{err}");
        bad[17] = 1 << 33;
        assert!(
            aggregate_columns(
                &EventColumns {
                    best: &bad[..],
                    ..cols
                },
                &spec,
                "s"
            )
            .is_err()
        );
        let mut codes = country.clone();
        codes[5] = 70_000;
        let err = aggregate_columns(
            &EventColumns {
                country_id: &codes[..],
                ..cols
            },
            &spec,
            "s",
        )
        .unwrap_err();
        assert!(err.to_string().contains("country_id 70000"), "{err}");
    }

    #[test]
    fn rejected_blocks_are_undone_exactly() {
        // Sorted by country, then by date: every few blocks a new code or a day past the
        // table's cover reaches the fused loop, which must subtract what it added and hand
        // the block to the checked path. Precision-excluded and multi-month events throughout.
        let n = 150_000usize;
        let d0 = day(1995, 3, 1);
        let country: Vec<i32> = (0..n).map(|i| 2 + (i / 7_000) as i32 * 5).collect();
        let start: Vec<i32> = (0..n).map(|i| d0 + ((i % 7_000) as i32) * 2).collect();
        let end: Vec<i32> = (0..n)
            .map(|i| start[i] + [0, 0, 1, 40, 95][i % 5])
            .collect();
        let prec: Vec<i32> = (0..n).map(|i| 1 + (i % 7) as i32 % 5).collect();
        let best: Vec<i64> = (0..n).map(|i| (i % 13) as i64 * 3).collect();
        let low: Vec<i64> = best.iter().map(|b| b / 2).collect();
        let high: Vec<i64> = best.iter().map(|b| b * 2 + 1).collect();
        let cols = EventColumns {
            country_id: &country[..],
            date_start: &start[..],
            date_end: &end[..],
            date_prec: &prec[..],
            low: &low[..],
            best: &best[..],
            high: &high[..],
            ..EventColumns::default()
        };
        // The reference reads the loader's types: the same values, narrowed.
        let (c16, p8): (Vec<u16>, Vec<u8>) = country
            .iter()
            .zip(&prec)
            .map(|(&c, &p)| (c as u16, p as u8))
            .unzip();
        let w32 = |v: &[i64]| v.iter().map(|&x| x as u32).collect::<Vec<u32>>();
        let (l32, b32, h32) = (w32(&low), w32(&best), w32(&high));
        let narrow = EventColumns {
            country_id: &c16[..],
            date_start: &start[..],
            date_end: &end[..],
            date_prec: &p8[..],
            low: &l32[..],
            best: &b32[..],
            high: &h32[..],
            ..EventColumns::default()
        };
        for rule in [
            Attribution::StartMonth,
            Attribution::EndMonth,
            Attribution::SplitEven,
        ] {
            for max_prec in [5, 2] {
                let spec = AggregateSpec::new(EventUnit::Country, Period::Month)
                    .attribution(rule)
                    .max_date_prec(max_prec);
                let t = aggregate_columns(&cols, &spec, "s").unwrap();
                let got = cells(&t);
                assert_eq!(got, reference(&narrow, &spec), "{rule:?} {max_prec}");
            }
        }
        // A bad value deep in the data (in a block the fused loop sees first) is reported
        // exactly as the two-pass path reports it, whatever the rule.
        let month = AggregateSpec::new(EventUnit::Country, Period::Month);
        let error = |cols: &EventColumns<'_, i32, i32, i64>, spec: &AggregateSpec| {
            aggregate_columns(cols, spec, "s").unwrap_err().to_string()
        };
        let mut bad = best.clone();
        bad[123_456] = -7;
        let err = error(&EventColumns { best: &bad, ..cols }, &month);
        assert!(err.contains("event 123456: `best` is -7"), "{err}");
        let mut codes = country.clone();
        codes[140_001] = 70_000;
        let err = error(
            &EventColumns {
                country_id: &codes,
                ..cols
            },
            &month,
        );
        assert!(err.contains("country_id 70000"), "{err}");
        let mut bad_end = end.clone();
        bad_end[99_999] = start[99_999] - 1;
        let split = month.attribution(Attribution::SplitEven);
        let err = error(
            &EventColumns {
                date_end: &bad_end,
                ..cols
            },
            &split,
        );
        assert!(
            err.contains("event 99999: date_end before date_start"),
            "{err}"
        );
    }

    #[test]
    fn randomised_layouts_match_the_reference() {
        // Differential test of the single-pass kernel's block paths: per case a random size
        // above the single-pass threshold, number of countries (codes anywhere in 0..65,536),
        // row order (random, by date up or down, by country, in bursts), share of multi-month
        // events, precision filter, rule, period, and death sizes (small, or near 2^32 so that
        // 32-bit cells wrap and carries are logged).
        let mut x = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for case in 0..12u64 {
            let n = 66_000 + (next() % 40_000) as usize;
            let n_codes = 1 + (next() % 300) as usize;
            let codes: Vec<u16> = (0..n_codes).map(|_| next() as u16).collect();
            let d0 = day(1946, 1, 1) + (next() % 20_000) as i32;
            let span = 30 + (next() % 20_000) as i32;
            let long = next() % 4; // 0: no multi-month events … 3: many
            let huge = case % 4 == 3;
            let mut rows: Vec<(u16, i32, i32, u8, u32, u32, u32)> = (0..n)
                .map(|_| {
                    let r = next();
                    let s = d0 + (r % span as u64) as i32;
                    let w = if (r >> 20) % 4 < long {
                        ((r >> 24) % 400) as i32
                    } else {
                        0
                    };
                    let b = if huge {
                        u32::MAX - (r >> 40) as u32 % 1000
                    } else {
                        ((r >> 32) % 5000) as u32 >> ((r >> 60) % 12)
                    };
                    let code = codes[(r >> 44) as usize % n_codes];
                    let prec = 1 + ((r >> 50) % 5) as u8;
                    (code, s, s + w, prec, b / 2, b, b.saturating_add(b / 3))
                })
                .collect();
            match case % 5 {
                1 => rows.sort_by_key(|r| r.1),
                2 => rows.sort_by_key(|r| std::cmp::Reverse(r.1)),
                3 => rows.sort_by_key(|r| r.0),
                4 => rows.sort_by_key(|r| (r.1 / 97) % 7),
                _ => {}
            }
            let country: Vec<u16> = rows.iter().map(|r| r.0).collect();
            let start: Vec<i32> = rows.iter().map(|r| r.1).collect();
            let end: Vec<i32> = rows.iter().map(|r| r.2).collect();
            let prec: Vec<u8> = rows.iter().map(|r| r.3).collect();
            let low: Vec<u32> = rows.iter().map(|r| r.4).collect();
            let best: Vec<u32> = rows.iter().map(|r| r.5).collect();
            let high: Vec<u32> = rows.iter().map(|r| r.6).collect();
            let cols = EventColumns {
                country_id: &country,
                date_start: &start,
                date_end: &end,
                date_prec: &prec,
                low: &low,
                best: &best,
                high: &high,
                ..EventColumns::default()
            };
            let rule = [
                Attribution::StartMonth,
                Attribution::EndMonth,
                Attribution::SplitEven,
            ][(next() % 3) as usize];
            let period = [Period::Month, Period::Year][(next() % 2) as usize];
            let max_prec = 1 + (next() % 5) as u8;
            let spec = AggregateSpec::new(EventUnit::Country, period)
                .attribution(rule)
                .max_date_prec(max_prec);
            let t = aggregate_columns(&cols, &spec, "s").unwrap();
            assert_eq!(
                cells(&t),
                reference(&cols, &spec),
                "case {case}: n {n}, {n_codes} codes, span {span}, {rule:?} {period:?} ≤{max_prec}"
            );
        }
    }

    #[test]
    fn conflict_keys_order_by_type_then_id_with_small_and_large_ids() {
        // (type of violence, conflict id, best): type 2 id 3 sorts after type 1 id 900.
        let rows = [
            (2u8, 3u32, 10u32),
            (1, 900, 1),
            (3, 3, 5),
            (1, 3, 7),
            (2, 3, 4),
        ];
        for offset in [0u32, 1 << 21] {
            let tov: Vec<u8> = rows.iter().map(|r| r.0).collect();
            let cid: Vec<u32> = rows.iter().map(|r| r.1 + offset).collect();
            let best: Vec<u32> = rows.iter().map(|r| r.2).collect();
            let d = day(2020, 6, 1);
            let t = aggregate_columns(
                &EventColumns::<u16> {
                    type_of_violence: &tov,
                    conflict_new_id: &cid,
                    date_start: &[d; 5],
                    date_end: &[d; 5],
                    date_prec: &[1u8; 5],
                    low: &best,
                    best: &best,
                    high: &best,
                    ..EventColumns::default()
                },
                &AggregateSpec::new(EventUnit::Conflict, Period::Year),
                "s",
            )
            .unwrap();
            assert_eq!(t.type_of_violence.as_deref(), Some(&[1u8, 1, 2, 3][..]));
            let ids: Vec<u32> = [3, 900, 3, 3].iter().map(|&i| i + offset).collect();
            assert_eq!(t.unit, ids, "offset {offset}");
            assert_eq!(t.best, vec![7, 1, 14, 5]);
        }
    }

    #[test]
    fn sums_past_32_bits_carry_exactly() {
        // Three events of 4e9 deaths in one cell: each chunk accumulator is 32-bit.
        let big = 4_000_000_000u32;
        let t = aggregate_columns(
            &EventColumns {
                country_id: &[652u16, 652, 652],
                date_start: &[18383, 18384, 18385],
                date_end: &[18383, 18384, 18385],
                date_prec: &[1u8, 1, 1],
                low: &[big, big, 1],
                best: &[big, big, big],
                high: &[u32::MAX, u32::MAX, u32::MAX],
                ..EventColumns::default()
            },
            &AggregateSpec::new(EventUnit::Country, Period::Month),
            "s",
        )
        .unwrap();
        assert_eq!(
            (t.low[0], t.best[0], t.high[0]),
            (8_000_000_001, 12_000_000_000, 3 * u64::from(u32::MAX))
        );
    }

    #[test]
    fn single_pass_regrows_its_range_and_keeps_carries() {
        // 70,000 events (one chunk of the single-pass kernel): the first 5,000 in May 2020
        // with 4e9 deaths each (32-bit cells wrap, carries logged), then events back to 1990:
        // the table's range grows after the carries, which must move with their cells.
        let n = 70_000usize;
        let (may, jan90) = (day(2020, 5, 1), day(1990, 1, 1));
        let start: Vec<i32> = (0..n)
            .map(|i| {
                if i < 5000 {
                    may
                } else {
                    jan90 + (i % 9000) as i32
                }
            })
            .collect();
        let best: Vec<u32> = (0..n)
            .map(|i| if i < 5000 { 4_000_000_000 } else { 1 })
            .collect();
        let country = vec![652u16; n];
        let prec = vec![1u8; n];
        let cols = EventColumns {
            country_id: &country[..],
            date_start: &start[..],
            date_end: &start[..],
            date_prec: &prec[..],
            low: &best[..],
            best: &best[..],
            high: &best[..],
            ..EventColumns::default()
        };
        for period in [Period::Month, Period::Year] {
            let spec = AggregateSpec::new(EventUnit::Country, period);
            let t = aggregate_columns(&cols, &spec, "s").unwrap();
            let got = cells(&t);
            assert_eq!(got, reference(&cols, &spec), "{period:?}");
            assert_eq!(t.total_best(), 5000 * 4_000_000_000 + 65_000);
        }
        // Sorted by date (the range grows block after block) and reversed: same cells.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| start[i]);
        for rev in [false, true] {
            if rev {
                order.reverse();
            }
            let s2: Vec<i32> = order.iter().map(|&i| start[i]).collect();
            let b2: Vec<u32> = order.iter().map(|&i| best[i]).collect();
            let sorted = EventColumns {
                date_start: &s2[..],
                date_end: &s2[..],
                low: &b2[..],
                best: &b2[..],
                high: &b2[..],
                ..cols
            };
            let spec = AggregateSpec::new(EventUnit::Country, Period::Month);
            assert_eq!(
                aggregate_columns(&sorted, &spec, "s").unwrap(),
                aggregate_columns(&cols, &spec, "s").unwrap()
            );
        }
        // Bad input in a large table falls back to the exact two-pass errors.
        let mut bad_end = start.clone();
        bad_end[60_000] -= 1;
        let err = aggregate_columns(
            &EventColumns {
                date_end: &bad_end[..],
                ..cols
            },
            &AggregateSpec::new(EventUnit::Country, Period::Month),
            "s",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("event 60000: date_end before date_start"),
            "{err}"
        );
    }
}
