//! The inner loop of the single-pass country kernel: check and add a block of events in one
//! pass, reporting (not acting on) what it cannot take, so the caller can undo it exactly.

use super::super::columns::ColumnValue;
use super::super::spec::Attribution;
use super::super::table::Sums;
use super::cells::Cell32;
use super::layout::{MonthTable, Plan};
use super::split_even;

/// What one run of [`fused`] over a block saw (its checks, for the caller to accept or undo).
pub(crate) struct BlockScan {
    /// Earliest `date_start` and latest `date_end`.
    pub(crate) lo: i32,
    pub(crate) hi: i32,
    /// Something the fast path cannot take: an event ending before it starts, a code above
    /// 65,535 or not yet given a local unit, a death value outside `0..2^32`.
    pub(crate) reject: bool,
    /// Σ (low | best | high) over the accumulated events: a bound on any cell's Σ low, Σ best
    /// and Σ high (for the no-wrap bound).
    pub(crate) sum: u64,
    /// Events dropped by `max_date_prec`.
    pub(crate) excluded: Sums,
}

/// Borrowed inputs of [`fused`] for one block.
pub(crate) struct Block<'a, C, P, D> {
    pub(crate) ids: &'a [C],
    pub(crate) start: &'a [i32],
    pub(crate) end: &'a [i32],
    pub(crate) prec: &'a [P],
    pub(crate) low: &'a [D],
    pub(crate) best: &'a [D],
    pub(crate) high: &'a [D],
    /// Code → local unit (`u32::MAX`: not seen).
    pub(crate) slot: &'a [u32],
    pub(crate) n_units: usize,
    pub(crate) max_prec: i64,
    pub(crate) plan: &'a Plan,
    pub(crate) months: &'a MonthTable,
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
                excluded.add(&Sums::of_event(l, bb, h));
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
        add_split::<SUB>(
            cells,
            base,
            &month_period[ms..],
            me - ms.min(me),
            (l, bb, h),
        );
    }
    if RULE == 0 || RULE == 1 {
        add_indexed::<SUB, D>(cells, idx, low, best, high);
    }
    BlockScan {
        lo,
        hi,
        reject: flags != 0,
        sum,
        excluded,
    }
}

/// Adds (`SUB`: subtracts) one share of an event into a cell, wrapping (exactly invertible).
#[inline(always)]
fn bump<const SUB: bool>(cell: &mut Cell32, l: u32, bb: u32, h: u32, e: u32) {
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
}

/// The split rule's adds for one event of unit row `base` over months `0..=last` of
/// `month_period` (`last` 0: one month, or a rejected block's clamped range: any cell,
/// undone later).
#[inline(always)]
fn add_split<const SUB: bool>(
    cells: &mut [Cell32],
    base: usize,
    month_period: &[u32],
    last: usize,
    deaths: (u32, u32, u32),
) {
    if last == 0 {
        let (l, bb, h) = deaths;
        bump::<SUB>(&mut cells[base + month_period[0] as usize], l, bb, h, 1);
        return;
    }
    split_even(&month_period[..=last], deaths, |p, l, bb, h, ev| {
        bump::<SUB>(&mut cells[base + p], l, bb, h, ev);
    });
}

/// The adding loop of the start- and end-month rules: row `i`'s deaths into cell `idx[i]`
/// (`u32::MAX`, past any table: not added).
#[inline(always)]
fn add_indexed<const SUB: bool, D: ColumnValue>(
    cells: &mut [Cell32],
    idx: &[u32],
    low: &[D],
    best: &[D],
    high: &[D],
) {
    let n = idx.len();
    let (low, best, high) = (&low[..n], &best[..n], &high[..n]);
    for i in 0..n {
        if let Some(cell) = cells.get_mut(idx[i] as usize) {
            bump::<SUB>(
                cell,
                low[i].to_i64() as u32,
                best[i].to_i64() as u32,
                high[i].to_i64() as u32,
                1,
            );
        }
    }
}

/// [`fused`] with the attribution rule as a constant.
pub(crate) fn fused_rule<const SUB: bool, C: ColumnValue, P: ColumnValue, D: ColumnValue>(
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
