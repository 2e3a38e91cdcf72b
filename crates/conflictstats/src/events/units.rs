//! Unit columns → dense indices: G&W country codes through a 65,536-entry table, PRIO-GRID
//! cells and `(type_of_violence, conflict_new_id)` keys through [`dense_index`]; each
//! checked on the way (a code out of range is an error naming the event).

use super::columns::{Cols, ColumnValue, EventColumns};
use super::validate::{Scan, same_length, scan};
use crate::error::{Error, Result};

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

/// The country table of the two-pass path: pass 1 over all events (day range, date order,
/// the codes seen), then code → dense unit (`u32::MAX`: absent) and the codes ascending.
#[allow(clippy::type_complexity)]
pub(crate) fn countries<C: ColumnValue, P: ColumnValue, D: ColumnValue>(
    cols: &EventColumns<'_, C, P, D>,
    c: &Cols<'_, P, D>,
) -> Result<(Box<[u32; 1 << 16]>, Vec<u32>, Scan<()>)> {
    let ids = cols.country_id;
    let s = scan(
        c,
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
    let table = <Box<[u32; 1 << 16]>>::try_from(table.into_boxed_slice())
        .map_err(|_| Error::spec("internal: country table size"))?;
    let s = Scan {
        lo: s.lo,
        hi: s.hi,
        bad_order: s.bad_order,
        units: (),
    };
    Ok((table, codes, s))
}

/// PRIO-GRID cells as dense units (an event without a cell is an error).
pub(crate) fn priogrid<C, P, D>(cols: &EventColumns<'_, C, P, D>, n: usize) -> Result<DenseIndex> {
    same_length("priogrid_gid", cols.priogrid_gid.len(), n)?;
    if let Some(i) = cols.priogrid_gid.iter().position(|&g| g == 0) {
        return Err(Error::spec(format!(
            "{} has no priogrid_gid: it cannot be aggregated to PRIO-GRID cells",
            cols.event(i)
        )));
    }
    Ok(dense_index(cols.priogrid_gid))
}

/// `(type_of_violence, conflict_new_id)` keys as dense units, codes `t << 28 | id`, ordered
/// by type of violence, then conflict id.
pub(crate) fn conflicts<C, P, D>(cols: &EventColumns<'_, C, P, D>, n: usize) -> Result<DenseIndex> {
    same_length("type_of_violence", cols.type_of_violence.len(), n)?;
    same_length("conflict_new_id", cols.conflict_new_id.len(), n)?;
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
    // UCDP's ids are small (below 2^15): the compact key `t · (max id + 1) + id` lets
    // `dense_index` take its lookup table instead of sorting 2^28-spread keys; codes become
    // `t << 28 | id` again.
    let span = cids.iter().copied().max().unwrap_or(0) + 1;
    if span <= 1 << 20 {
        let keys: Vec<u32> = tov
            .iter()
            .zip(cids)
            .map(|(&t, &cid)| u32::from(t) * span + cid)
            .collect();
        let mut d = dense_index(&keys);
        for code in &mut d.codes {
            *code = ((*code / span) << 28) | (*code % span);
        }
        Ok(d)
    } else {
        let keys: Vec<u32> = tov
            .iter()
            .zip(cids)
            .map(|(&t, &cid)| (u32::from(t) << 28) | cid)
            .collect();
        Ok(dense_index(&keys))
    }
}
