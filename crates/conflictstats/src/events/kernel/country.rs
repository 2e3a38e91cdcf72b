//! The single-pass country kernel: per thread, G&W codes get local units in order of first
//! sight, blocks of events go through the fused check-and-add loop (or, when it rejects
//! them, the checked path), and the threads' tables are merged country by country into the
//! result.

use super::super::PAR_CHUNK;
use super::super::columns::{Cols, ColumnValue};
use super::super::spec::{AggregateSpec, KernelOptions, Period};
use super::super::table::{EventTable, Sums};
use super::cells::Cell32;
use super::fused::{Block, fused_rule};
use super::layout::{MAX_TABLE_DAYS, MonthTable, Plan};
use super::two_pass::accumulate;
use crate::error::Result;
use rayon::prelude::*;

/// Rows per block of the single-pass country kernel: a block's columns (368 KiB in the
/// loader's types, 448 KiB as Int32) stay in a core's L2 next to a 1.4 MB table between the
/// checking loop and the adding loop. Measured at 10 M Int32 events on 2 threads: 34.6 ms
/// with 4,096 rows, 32.3 ms with 8,192, 31.5 ms with 16,384, 32.1 ms with 32,768.
pub(crate) const BLOCK: usize = 16384;

/// One thread's state in the single-pass country kernel: country codes get local indices in
/// order of first sight, the dense table covers a day range that grows (with slack) when a
/// block falls outside it, and the exact day range seen is tracked for the final layout.
pub(crate) struct CountryChunk {
    /// Code → local unit (`u32::MAX`: not seen).
    pub(crate) slot: Vec<u32>,
    /// Local unit → code.
    pub(crate) codes: Vec<u32>,
    /// Covered day range and its layout (`None` before the first block).
    pub(crate) cover: Option<(i32, i32, Plan, MonthTable)>,
    pub(crate) cells: Vec<Cell32>,
    pub(crate) carries: Vec<(usize, u8)>,
    pub(crate) excluded: Sums,
    /// Per-row cell indices of the current block (see `fused`).
    pub(crate) scratch: Vec<u32>,
    /// Exact earliest start and latest end seen.
    pub(crate) lo: i32,
    pub(crate) hi: i32,
    /// Something only the two-pass path reports exactly (an event ending before it starts, a
    /// code above 65,535, a day range too wide for the tables): fall back to it.
    pub(crate) fallback: bool,
    pub(crate) deaths_out_of_range: bool,
    /// Upper bounds of any cell's 32-bit sums so far: Σ (low | best | high), which bounds
    /// each of Σ low, Σ best, Σ high, and the rows (for event counts). While both stay below
    /// 2^32 no cell can wrap, and blocks take the unchecked loop.
    pub(crate) bound: [u64; 2],
}

impl CountryChunk {
    pub(crate) fn new() -> CountryChunk {
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
    pub(crate) fn cover(&mut self, lo: i32, hi: i32, period: Period) -> Result<()> {
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
    pub(crate) fn block<'a, C: ColumnValue, P: ColumnValue, D: ColumnValue>(
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
    pub(crate) fn grown_bound(&self, deaths: u64, rows: u64) -> ([u64; 2], bool) {
        let bound = [
            self.bound[0].saturating_add(deaths),
            self.bound[1].saturating_add(rows),
        ];
        (bound, bound.iter().all(|&b| b <= u64::from(u32::MAX)))
    }

    /// The fast path for one block: `fused` checks and adds in one pass; a block it cannot
    /// take (see `fused`) is subtracted again and `false` returned, for the checked path.
    pub(crate) fn try_fused<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
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

    pub(crate) fn run<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
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
            if self.checked(ids, c, block, opts)? {
                break;
            }
        }
        Ok(())
    }

    /// The checked path for a block `fused` rejected: validate the
    /// block, give new codes local units, grow the table's cover, then add (unchecked if no
    /// cell can wrap, else logging carries). Returns whether to stop (after setting
    /// `fallback` for what only the two-pass path reports).
    fn checked<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
        &mut self,
        ids: &[C],
        c: &Cols<'_, P, D>,
        block: std::ops::Range<usize>,
        opts: &KernelOptions,
    ) -> Result<bool> {
        let Some((blo, bhi)) = self.admit(ids, c, block.clone()) else {
            self.fallback = true;
            return Ok(true);
        };
        self.lo = self.lo.min(blo);
        self.hi = self.hi.max(bhi);
        self.cover(blo, bhi, opts.period)?;
        let Some((_, _, plan, table)) = &self.cover else {
            return Ok(true);
        };
        if self.fallback {
            return Ok(true);
        }
        if self.codes.len() * plan.n_periods > 1 << 28 {
            self.fallback = true; // the two-pass path reports the size
            return Ok(true);
        }
        let (sum, out_of_range) = block_deaths(c, block.clone());
        if out_of_range {
            self.fallback = true; // the two-pass path names the bad value
            return Ok(true);
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
            return Ok(false);
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
        Ok(false)
    }

    /// Checks a block's date order and codes, giving codes not seen before local units (and
    /// their rows of cells). The block's day range, or `None` if an event ends before it
    /// starts or a code is above 65,535.
    fn admit<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
        &mut self,
        ids: &[C],
        c: &Cols<'_, P, D>,
        block: std::ops::Range<usize>,
    ) -> Option<(i32, i32)> {
        let s = &c.date_start[block.clone()];
        let e = &c.date_end[block.clone()][..s.len()];
        let blo = s.iter().copied().fold(i32::MAX, i32::min);
        let bhi = e.iter().copied().fold(i32::MIN, i32::max);
        let bad = s.iter().zip(e).fold(false, |acc, (a, b)| acc | (b < a));
        let mut codes_bad = false;
        for &x in &ids[block] {
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
        (!(bad || codes_bad)).then_some((blo, bhi))
    }

    /// Adds `part`'s row of `code` (if it saw the country) into `row`, the global row of
    /// 64-bit sums over `plan`'s periods, carries included.
    fn add_row_into(&self, code: u32, plan: &Plan, row: &mut [Sums]) {
        let Some((_, _, lp, _)) = &self.cover else {
            return;
        };
        let u = self.slot[code as usize];
        if u == u32::MAX {
            return;
        }
        let (u, lnp, np) = (u as usize, lp.n_periods, plan.n_periods);
        // Local period p is global period p + shift; the local periods outside the
        // global range (slack of the local table) are untouched.
        let shift = lp.first_period as isize - plan.first_period as isize;
        let a = (-shift).max(0) as usize;
        let b = ((np as isize - shift).min(lnp as isize)).max(a as isize) as usize;
        let local = &self.cells[u * lnp..(u + 1) * lnp];
        debug_assert!(local[..a].iter().chain(&local[b..]).all(|c| c.events == 0));
        let first = (a as isize + shift) as usize;
        for (c, out) in local[a..b].iter().zip(&mut row[first..]) {
            out.low += u64::from(c.low);
            out.best += u64::from(c.best);
            out.high += u64::from(c.high);
            out.events += u64::from(c.events);
        }
        let from = self.carries.partition_point(|&(i, _)| i < u * lnp);
        let to = self.carries.partition_point(|&(i, _)| i < (u + 1) * lnp);
        for &(idx, field) in &self.carries[from..to] {
            let s = &mut row[(((idx - u * lnp) as isize) + shift) as usize];
            match field {
                0 => s.low += 1 << 32,
                1 => s.best += 1 << 32,
                2 => s.high += 1 << 32,
                _ => s.events += 1 << 32,
            }
        }
    }
}

/// A block's Σ (low | best | high) (for the no-wrap bound, as in
/// `fused`), and whether any value is outside `0..2^32`.
fn block_deaths<P: ColumnValue, D: ColumnValue>(
    c: &Cols<'_, P, D>,
    block: std::ops::Range<usize>,
) -> (u64, bool) {
    let (mut sum, mut out_of_range) = (0u64, 0u64);
    let deaths = c.low[block.clone()]
        .iter()
        .zip(&c.best[block.clone()])
        .zip(&c.high[block]);
    for ((l, b), h) in deaths {
        let any = (l.to_i64() | b.to_i64() | h.to_i64()) as u64;
        out_of_range |= any >> 32;
        sum = sum.wrapping_add(any);
    }
    (sum, out_of_range != 0)
}

/// The country kernel in one pass over the data (each block checked, then accumulated while
/// in cache): per thread a [`CountryChunk`], merged country by country into the table at the
/// end. `None`: use the two-pass path (it reports bad input exactly, and handles very wide
/// day ranges). The flag: a death value outside `0..2^32` was seen (the caller reports it).
pub(crate) fn country_single_pass<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
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
            part.add_row_into(code, &plan, &mut row);
        }
        t.push_row(code, plan.first_period, &row);
    }
    Ok(Some((t, deaths_out_of_range)))
}
