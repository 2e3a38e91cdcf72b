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
//! `i32` days, `u8` precisions, `u32` deaths): one pass to find the month range, one pass
//! accumulating into a dense `units × periods` array of `u64` (integer sums, so the parallel
//! reduction with rayon over large inputs is deterministic). No allocation per row.
//! [`dense_index`] turns codes (G&W codes, PRIO-GRID ids) into dense indices through a lookup
//! table.
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

use crate::data::Ged;
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
    for (name, len) in [
        ("date_start", date_start.len()),
        ("date_end", date_end.len()),
        ("date_prec", date_prec.len()),
        ("low", low.len()),
        ("best", best.len()),
        ("high", high.len()),
    ] {
        if len != n {
            return Err(Error::spec(format!(
                "column `{name}` has {len} values, the unit column {n}"
            )));
        }
    }
    // Pass 1: the period range, and validation (units in range, start ≤ end).
    let mut lo = i32::MAX;
    let mut hi = i32::MIN;
    for i in 0..n {
        if unit[i] as usize >= n_units {
            return Err(Error::spec(format!(
                "event {i}: unit index {} ≥ n_units {n_units}",
                unit[i]
            )));
        }
        if date_end[i] < date_start[i] {
            return Err(Error::spec(format!(
                "event {i}: date_end before date_start"
            )));
        }
        lo = lo.min(date_start[i]);
        hi = hi.max(date_end[i]);
    }
    if n == 0 {
        return Ok(DenseSums {
            n_units,
            first_period: 0,
            n_periods: 0,
            cells: Vec::new(),
            excluded: Sums::default(),
        });
    }
    let first_period = opts.period.of_month(month_index(lo));
    let n_periods = (opts.period.of_month(month_index(hi)) - first_period + 1) as usize;
    let n_cells = n_units
        .checked_mul(n_periods)
        .filter(|&c| c <= 1 << 28)
        .ok_or_else(|| {
            Error::spec(format!(
                "{n_units} units × {n_periods} periods is too many cells for a dense table"
            ))
        })?;
    let cols = Cols {
        unit,
        date_start,
        date_end,
        date_prec,
        low,
        best,
        high,
    };
    let run = |range: std::ops::Range<usize>| {
        let mut cells = vec![Sums::default(); n_cells];
        let mut excluded = Sums::default();
        accumulate(
            &cols,
            range,
            opts,
            first_period,
            n_periods,
            &mut cells,
            &mut excluded,
        );
        (cells, excluded)
    };
    let (cells, excluded) = if n >= 4 * PAR_CHUNK && rayon::current_num_threads() > 1 {
        let chunk = n.div_ceil(rayon::current_num_threads()).max(PAR_CHUNK);
        (0..n.div_ceil(chunk))
            .into_par_iter()
            .map(|c| run(c * chunk..((c + 1) * chunk).min(n)))
            .reduce_with(|(mut a, mut ea), (b, eb)| {
                for (x, y) in a.iter_mut().zip(&b) {
                    x.add(y);
                }
                ea.add(&eb);
                (a, ea)
            })
            .unwrap_or_else(|| run(0..0))
    } else {
        run(0..n)
    };
    Ok(DenseSums {
        n_units,
        first_period,
        n_periods,
        cells,
        excluded,
    })
}

struct Cols<'a> {
    unit: &'a [u32],
    date_start: &'a [i32],
    date_end: &'a [i32],
    date_prec: &'a [u8],
    low: &'a [u32],
    best: &'a [u32],
    high: &'a [u32],
}

fn accumulate(
    c: &Cols<'_>,
    range: std::ops::Range<usize>,
    opts: &KernelOptions,
    first_period: i32,
    n_periods: usize,
    cells: &mut [Sums],
    excluded: &mut Sums,
) {
    for i in range {
        let (l, b, h) = (
            u64::from(c.low[i]),
            u64::from(c.best[i]),
            u64::from(c.high[i]),
        );
        if c.date_prec[i] > opts.max_date_prec {
            excluded.add(&Sums {
                low: l,
                best: b,
                high: h,
                events: 1,
            });
            continue;
        }
        let base = c.unit[i] as usize * n_periods;
        let ms = month_index(c.date_start[i]);
        let me = if c.date_end[i] == c.date_start[i] {
            ms
        } else {
            month_index(c.date_end[i])
        };
        let whole = |m: i32, cells: &mut [Sums]| {
            let cell = &mut cells[base + (opts.period.of_month(m) - first_period) as usize];
            cell.low += l;
            cell.best += b;
            cell.high += h;
            cell.events += 1;
        };
        match opts.attribution {
            _ if ms == me => whole(ms, cells),
            Attribution::StartMonth => whole(ms, cells),
            Attribution::EndMonth => whole(me, cells),
            Attribution::SplitEven => {
                let k = (me - ms + 1) as u64;
                let (ql, rl) = (l / k, l % k);
                let (qb, rb) = (b / k, b % k);
                let (qh, rh) = (h / k, h % k);
                let mut last_period = i32::MIN;
                for j in 0..k {
                    let p = opts.period.of_month(ms + j as i32);
                    let cell = &mut cells[base + (p - first_period) as usize];
                    cell.low += ql + u64::from(j < rl);
                    cell.best += qb + u64::from(j < rb);
                    cell.high += qh + u64::from(j < rh);
                    if p != last_period {
                        cell.events += 1;
                        last_period = p;
                    }
                }
            }
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

/// Aggregates a GED dataset under `spec`.
pub fn aggregate(ged: &Ged, spec: &AggregateSpec) -> Result<EventTable> {
    if !(1..=5).contains(&spec.max_date_prec) {
        return Err(Error::spec(format!(
            "max_date_prec must be 1–5, got {}",
            spec.max_date_prec
        )));
    }
    let e = &ged.events;
    let dense = match spec.unit {
        EventUnit::Country => dense_index(&e.country_id),
        EventUnit::PrioGrid => {
            if let Some(i) = e.priogrid_gid.iter().position(|&g| g == 0) {
                return Err(Error::spec(format!(
                    "event id {} has no priogrid_gid: it cannot be aggregated to PRIO-GRID cells",
                    e.id[i]
                )));
            }
            dense_index(&e.priogrid_gid)
        }
        EventUnit::Conflict => {
            let mut keys = Vec::with_capacity(e.len());
            for (i, (&t, &c)) in e
                .type_of_violence
                .iter()
                .zip(&e.conflict_new_id)
                .enumerate()
            {
                if c >= 1 << 28 {
                    return Err(Error::spec(format!(
                        "event id {}: conflict_new_id {c} is too large",
                        e.id[i]
                    )));
                }
                keys.push((u32::from(t) << 28) | c);
            }
            // Sorting the combined keys orders rows by type of violence, then conflict id.
            dense_index(&keys)
        }
    };
    let opts = KernelOptions {
        period: spec.period,
        attribution: spec.attribution,
        max_date_prec: spec.max_date_prec,
    };
    let d = sum_by_unit_period(
        &dense.index,
        dense.codes.len(),
        &e.date_start,
        &e.date_end,
        &e.date_prec,
        &e.low,
        &e.best,
        &e.high,
        &opts,
    )?;
    let mut t = EventTable {
        spec: *spec,
        type_of_violence: (spec.unit == EventUnit::Conflict).then(Vec::new),
        unit: Vec::new(),
        year: Vec::new(),
        month: (spec.period == Period::Month).then(Vec::new),
        low: Vec::new(),
        best: Vec::new(),
        high: Vec::new(),
        events: Vec::new(),
        excluded: d.excluded,
        source: format!("{} {}", ged.provenance.name, ged.provenance.version),
    };
    for (u, &code) in dense.codes.iter().enumerate() {
        for p in 0..d.n_periods {
            let cell = d.cells[u * d.n_periods + p];
            if cell.events == 0 {
                continue;
            }
            let period = d.first_period + p as i32;
            match (&mut t.type_of_violence, spec.unit) {
                (Some(tv), EventUnit::Conflict) => {
                    tv.push((code >> 28) as u8);
                    t.unit.push(code & ((1 << 28) - 1));
                }
                _ => t.unit.push(code),
            }
            match &mut t.month {
                Some(months) => {
                    t.year.push(1970 + period.div_euclid(12));
                    months.push((period.rem_euclid(12) + 1) as u8);
                }
                None => t.year.push(1970 + period),
            }
            t.low.push(cell.low);
            t.best.push(cell.best);
            t.high.push(cell.high);
            t.events.push(cell.events);
        }
    }
    Ok(t)
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
        let mut cells = vec![Sums::default(); par.cells.len()];
        let mut ex = Sums::default();
        let cols = Cols {
            unit: &unit,
            date_start: &start,
            date_end: &end,
            date_prec: &prec,
            low: &low,
            best: &best,
            high: &high,
        };
        accumulate(
            &cols,
            0..n,
            &o,
            par.first_period,
            par.n_periods,
            &mut cells,
            &mut ex,
        );
        assert_eq!(par.cells, cells);
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
}
