//! The accumulator's cells: four 32-bit sums (16 bytes, so a countries × months table stays
//! in L2), with every wrap past 2^32 logged as a carry and added back when widened to 64 bits.

use super::super::table::Sums;

/// A cell of one chunk's accumulator: 32-bit sums, 16 bytes, so that a countries × months
/// table (200 × 432 cells: 1.4 MB) stays in a core's L2 cache. A sum that wraps past
/// 2^32 logs a carry (cell, field) worth 2^32 (never in practice, but sums stay exact for
/// any input); [`widen`] adds them back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cell32 {
    pub(crate) low: u32,
    pub(crate) best: u32,
    pub(crate) high: u32,
    pub(crate) events: u32,
}

impl Cell32 {
    #[inline(always)]
    pub(crate) fn add(
        &mut self,
        idx: usize,
        l: u32,
        b: u32,
        h: u32,
        e: u32,
        carries: &mut Vec<(usize, u8)>,
    ) {
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
pub(crate) fn carry(idx: usize, wrapped: [bool; 4], carries: &mut Vec<(usize, u8)>) {
    for (field, w) in wrapped.into_iter().enumerate() {
        if w {
            carries.push((idx, field as u8));
        }
    }
}

/// 64-bit sums of a chunk's cells, carries added back.
pub(crate) fn widen(cells: &[Cell32], carries: &[(usize, u8)]) -> Vec<Sums> {
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
