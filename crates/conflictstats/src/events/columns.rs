//! The input columns: borrowed GED columns ([`EventColumns`]) of any integer type
//! ([`ColumnValue`]), read in place, and the date/precision/death columns the kernels share.

use crate::data::Events;
use crate::error::{Error, Result};

/// An integer column type the kernel reads in place (so that buffers from Python or Arrow
/// need no conversion copy): `u8`, `u16`, `u32`, `u64`, `i32`, `i64`. Values out of the
/// column's domain (negative deaths, a G&W code above 65,535) are errors, not wrapped.
pub trait ColumnValue: Copy + Send + Sync + 'static {
    /// The value as `i64` (`u64` values above `i64::MAX` saturate).
    fn to_i64(self) -> i64;

    /// Whether any of `values` lies outside `min..=max`: one pass without an early exit,
    /// comparing in the column's own type (so that it vectorises; widening every value to
    /// `i64` against bounds known only at run time costs about four times as much).
    ///
    /// ```
    /// use conflictstats::events::ColumnValue;
    ///
    /// assert!(!i32::any_outside(&[1, 5, 3], 1, 5));
    /// assert!(i32::any_outside(&[1, 6, 3], 1, 5));
    /// assert!(u8::any_outside(&[0], 1, 5));
    /// assert!(!u32::any_outside(&[u32::MAX], 0, i64::from(u32::MAX)));
    /// assert!(i64::any_outside(&[1 << 32], 0, i64::from(u32::MAX)));
    /// assert!(u16::any_outside(&[7], 1_000_000, 2_000_000)); // bounds beyond the type
    /// assert!(!u16::any_outside(&[], 1, 0));
    /// ```
    #[must_use]
    fn any_outside(values: &[Self], min: i64, max: i64) -> bool {
        values
            .iter()
            .fold(false, |acc, v| acc | !(min..=max).contains(&v.to_i64()))
    }
}

macro_rules! column_value {
    ($($t:ty),*) => {$(
        impl ColumnValue for $t {
            #[inline(always)]
            fn to_i64(self) -> i64 {
                i64::from(self)
            }

            fn any_outside(values: &[Self], min: i64, max: i64) -> bool {
                // The bounds in the type's own range: a bound past the type's end excludes
                // nothing on that side; a range that misses the type excludes everything.
                let (lo, hi) = (i64::from(<$t>::MIN), i64::from(<$t>::MAX));
                if min > max || min > hi || max < lo {
                    return !values.is_empty();
                }
                let min = <$t>::try_from(min.max(lo)).unwrap_or(<$t>::MIN);
                let max = <$t>::try_from(max.min(hi)).unwrap_or(<$t>::MAX);
                values.iter().fold(false, |acc, &v| acc | (v < min) | (v > max))
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
pub(crate) struct Cols<'a, P = u8, D = u32> {
    pub(crate) date_start: &'a [i32],
    pub(crate) date_end: &'a [i32],
    pub(crate) date_prec: &'a [P],
    pub(crate) low: &'a [D],
    pub(crate) best: &'a [D],
    pub(crate) high: &'a [D],
}

impl<P, D> Clone for Cols<'_, P, D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P, D> Copy for Cols<'_, P, D> {}

impl<'a, P: ColumnValue, D: ColumnValue> Cols<'a, P, D> {
    /// Checks that every column has `n` values.
    pub(crate) fn checked(self, n: usize, unit_column: &str) -> Result<Cols<'a, P, D>> {
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

/// Borrowed GED columns, the input of [`aggregate_columns`](super::aggregate_columns) (`EventColumns::from(&ged.events)`
/// for a loaded file). Element `i` of every column is event `i`.
///
/// Only the unit columns the spec needs must be filled: `country_id` for
/// [`EventUnit::Country`](super::EventUnit::Country), `type_of_violence` and `conflict_new_id` for
/// [`EventUnit::Conflict`](super::EventUnit::Conflict), `priogrid_gid` for [`EventUnit::PrioGrid`](super::EventUnit::PrioGrid); the others may be
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
    pub(crate) fn event(&self, i: usize) -> String {
        match self.id.get(i) {
            Some(id) => format!("event id {id}"),
            None => format!("event {i} (row)"),
        }
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
