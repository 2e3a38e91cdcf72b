//! Pass 2 of the two-pass kernel: every row (checked in pass 1) added into one dense
//! `units × periods` table per chunk, one loop per attribution rule.

use super::super::columns::{Cols, ColumnValue};
use super::super::dates::month_index;
use super::super::par_chunks;
use super::super::spec::{Attribution, KernelOptions};
use super::super::table::Sums;
use super::cells::{Cell32, widen};
use super::layout::{MAX_TABLE_DAYS, MonthArith, MonthOf, MonthTable, Plan};
use super::split_even;

/// Pass 2 over all rows: `unit(i)` is row `i`'s dense unit (checked in pass 1). Chooses the
/// month lookup (a table when the day range is small next to the row count) and runs
/// [`accumulate`] per chunk, one `units × periods` accumulator per chunk, summed at the end.
pub(crate) fn run_kernel<P: ColumnValue, D: ColumnValue>(
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

pub(crate) fn run_chunks<M: MonthOf, P: ColumnValue, D: ColumnValue>(
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

/// Pass 2 over one chunk of rows: dispatches on the attribution rule, so that each rule has
/// its own loop (the start- and end-month rules read one date column, not two).
#[allow(clippy::too_many_arguments)]
pub(crate) fn accumulate<M: MonthOf, P: ColumnValue, D: ColumnValue>(
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

pub(crate) struct Acc<'a, U, M, P, D> {
    pub(crate) unit: &'a U,
    pub(crate) c: &'a Cols<'a, P, D>,
    pub(crate) range: std::ops::Range<usize>,
    pub(crate) max_prec: u8,
    pub(crate) plan: &'a Plan,
    pub(crate) months: &'a M,
}

impl<U: Fn(usize) -> usize, M: MonthOf, P: ColumnValue, D: ColumnValue> Acc<'_, U, M, P, D> {
    /// The inner loop: no allocation; per event, a unit lookup, one or two day → period
    /// lookups and four 32-bit adds into the chunk's dense table. Returns whether a death
    /// value was outside 0..2^32 (checked with one OR per value, reported by the caller).
    #[inline]
    pub(crate) fn run<const RULE: u8>(
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
                excluded.add(&Sums::of_event(l, b, h));
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
