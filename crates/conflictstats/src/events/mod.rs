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
//!
//! ## Partial tables
//!
//! Every figure of a table — each cell's `low`, `best`, `high` and `events`, and the
//! [`EventTable::excluded`] sums — is a sum over events of what that one event contributes
//! (the split rule divides each event's deaths by itself). So events can be aggregated in
//! parts (batches of a file, partitions of a Dask DataFrame, one machine each) and the
//! partial tables added: [`merge_tables`] checks that the parts share their
//! [`AggregateSpec`] and source, adds cell by cell with overflow checked, and orders the
//! rows as one [`aggregate`] call does. Whatever the partition, its order and the grouping
//! of the merges, the result equals the table of all events at once.
//!
//! ```
//! use conflictstats::data::Ged;
//! use conflictstats::events::{aggregate, aggregate_columns, merge_tables, AggregateSpec, EventColumns, EventUnit, Period};
//!
//! let ged = Ged::embedded(Some("23.1"))?; // 1,000-event sample of GED 23.1
//! let spec = AggregateSpec::new(EventUnit::Conflict, Period::Month);
//! let all = EventColumns::from(&ged.events);
//! let source = "ucdp-ged-sample 23.1";
//! let part = |r: std::ops::Range<usize>| aggregate_columns(&all.slice(r), &spec, source);
//! let merged = merge_tables([part(600..1000)?, part(0..250)?, part(250..600)?])?;
//! assert_eq!(merged, aggregate(&ged, &spec)?);
//! # Ok::<(), conflictstats::Error>(())
//! ```
//!
//! ## Where things are
//!
//! The files follow the data's path, from the columns a caller hands in to the table it
//! gets back:
//!
//! | file | what it holds |
//! |---|---|
//! | `spec.rs` | what to aggregate: [`EventUnit`], [`Period`], [`Attribution`], [`AggregateSpec`], [`KernelOptions`] |
//! | `dates.rs` | the calendar: days since 1970-01-01 → year and month |
//! | `columns.rs` | the input columns: [`EventColumns`], [`ColumnValue`] (any integer type, read in place) |
//! | `validate.rs` | checks every event (column lengths, date order, codes, death counts) and names the first bad one |
//! | `crosswalk.rs` | UCDP's country codes mapped to G&W's by the event's date (the panels' rule table) |
//! | `units.rs` | unit columns → dense indices ([`dense_index`]): countries, conflicts, PRIO-GRID cells |
//! | `kernel/` | the sums: the two-pass kernel ([`sum_by_unit_period`]), the single-pass country kernel, the cell layout, 32-bit cells with exact carries |
//! | `table.rs` | the result: [`EventTable`], [`Sums`] |
//! | `merge.rs` | partial tables (batches, partitions) merged exactly: [`merge_tables`] |
//! | `acled.rs` | ACLED exports through the same kernel: [`aggregate_acled`], [`AcledTable`] (ACLED fatalities, not UCDP deaths) |

mod acled;
mod columns;
mod crosswalk;
mod dates;
mod kernel;
mod merge;
mod spec;
mod table;
#[cfg(test)]
mod tests;
mod units;
mod validate;

pub use acled::{
    ACLED_MEASURE, AcledSpec, AcledTable, Tally, Unmatched, UnmatchedCountry, aggregate_acled,
};
pub use columns::{ColumnValue, EventColumns};
pub use dates::{days_from_date, year_month_of_day};
pub use kernel::{DenseSums, sum_by_unit_period};
pub use merge::{MergeError, merge_tables};
pub use spec::{AggregateSpec, Attribution, EventUnit, KernelOptions, Period};
pub use table::{EventTable, Sums};
pub use units::{DenseIndex, dense_index};

use crate::data::Ged;
use crate::error::Result;
use rayon::prelude::*;

/// Minimum rows per rayon task: below this, one pass on one thread wins.
pub(crate) const PAR_CHUNK: usize = 1 << 16;

/// Runs `f` over `0..n` in one chunk per rayon thread (one chunk below `4 * PAR_CHUNK` rows),
/// merging the chunks' results left to right.
pub(crate) fn par_chunks<T: Send>(
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

/// Aggregates a GED dataset under `spec`.
pub fn aggregate(ged: &Ged, spec: &AggregateSpec) -> Result<EventTable> {
    let source = ged.provenance.source_label();
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
/// Country units count each event for the G&W code of its `country_id` on its `date_start`:
/// UCDP's codes that differ from G&W's are mapped by the rule table the panels use
/// ([`UcdpGw`](crate::data::UcdpGw); Serbia, 345 in UCDP after 2006-06-04, counts for 340).
///
/// # Errors
/// [`crate::Error::InvalidSpec`] when a column the spec needs is missing or has another length than
/// `date_start`, when `max_date_prec` is not 1–5, when an event ends before it starts, or for
/// a unit value out of range (a `priogrid_gid` of 0, a `conflict_new_id` ≥ 2^28).
pub fn aggregate_columns<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    cols: &EventColumns<'_, C, P, D>,
    spec: &AggregateSpec,
    source: &str,
) -> Result<EventTable> {
    if spec.unit == EventUnit::Country {
        let rules = crate::data::UcdpGw::embedded()?;
        if let Some(ids) = crosswalk::mapped_country_ids(cols.country_id, cols.date_start, rules) {
            let mapped = EventColumns {
                id: cols.id,
                country_id: ids.as_slice(),
                type_of_violence: cols.type_of_violence,
                conflict_new_id: cols.conflict_new_id,
                priogrid_gid: cols.priogrid_gid,
                date_start: cols.date_start,
                date_end: cols.date_end,
                date_prec: cols.date_prec,
                low: cols.low,
                best: cols.best,
                high: cols.high,
            };
            return aggregate_as_given(&mapped, spec, source);
        }
    }
    aggregate_as_given(cols, spec, source)
}

/// [`aggregate_columns`] on country codes already mapped to G&W's.
fn aggregate_as_given<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    cols: &EventColumns<'_, C, P, D>,
    spec: &AggregateSpec,
    source: &str,
) -> Result<EventTable> {
    let (c, opts) = validate::kernel_inputs(cols, spec)?;
    let n = c.date_start.len();
    let (codes, d) = match spec.unit {
        EventUnit::Country => {
            let ids = cols.country_id;
            validate::same_length("country_id", ids.len(), n)?;
            if n >= PAR_CHUNK {
                if let Some((t, deaths_bad)) =
                    kernel::country_single_pass(ids, &c, &opts, spec, source)?
                {
                    if deaths_bad {
                        validate::deaths_error(&c)?;
                    }
                    return Ok(t);
                }
            }
            let (table, codes, s) = units::countries(cols, &c)?;
            let d = kernel::dense_sums(&c, s, codes.len(), &opts, |i| {
                table[(ids[i].to_i64() as usize) & 0xFFFF] as usize
            })?;
            (codes, d)
        }
        EventUnit::PrioGrid => {
            let dense = units::priogrid(cols, n)?;
            let d = kernel::dense_kernel(&dense, &c, &opts)?;
            (dense.codes, d)
        }
        EventUnit::Conflict => {
            let dense = units::conflicts(cols, n)?;
            let d = kernel::dense_kernel(&dense, &c, &opts)?;
            (dense.codes, d)
        }
    };
    Ok(table::table_from_dense(spec, &codes, &d, source))
}
