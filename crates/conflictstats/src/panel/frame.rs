//! Panels and event tables as polars `DataFrame`s (feature `polars`).
//!
//! Column types: G&W codes, years and small UCDP codes `Int32`, ids and counts `Int64` —
//! **signed**, so that `peace_years - 1` or a difference of counts never wraps — flags
//! `Boolean`; nulls stay nulls (never `0`/`false`); `source` is a String column with the same
//! value in every row.
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::panel::{state_year, PanelSpec};
//!
//! let p = state_year(&GwStates::embedded(None)?, &Acd::embedded(Some("25.1"))?, &PanelSpec::default())?;
//! let df = p.to_dataframe()?;
//! assert_eq!(df.height(), 11_360);
//! assert_eq!(df.column("incidence").unwrap().null_count(), 0);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::{
    ColumnRef, ConflictDyadYearPanel, ConflictYearPanel, DyadYearPanel, Panel, StateNames,
    StateYearPanel,
};
use crate::error::{Error, Result};
use crate::events::EventTable;
use polars::prelude::*;

fn polars_err(e: &PolarsError) -> Error {
    Error::spec(format!("cannot build the DataFrame: {e}"))
}

fn column(name: &str, c: ColumnRef<'_>, len: usize) -> Column {
    let name: PlSmallStr = name.into();
    match c {
        ColumnRef::U16(v) => {
            Column::new(name, v.iter().map(|&x| i32::from(x)).collect::<Vec<i32>>())
        }
        ColumnRef::U32(v) => {
            Column::new(name, v.iter().map(|&x| i64::from(x)).collect::<Vec<i64>>())
        }
        ColumnRef::I32(v) => Column::new(name, v),
        ColumnRef::Bool(v) => Column::new(name, v),
        ColumnRef::OptBool(v) => Column::new(name, v),
        ColumnRef::OptU8(v) => Column::new(
            name,
            v.iter()
                .map(|x| x.map(i32::from))
                .collect::<Vec<Option<i32>>>(),
        ),
        ColumnRef::OptU32(v) => Column::new(
            name,
            v.iter()
                .map(|x| x.map(i64::from))
                .collect::<Vec<Option<i64>>>(),
        ),
        ColumnRef::Const(s) => constant(name, s, len),
        ColumnRef::Names(n) => names(name, n),
    }
}

/// A String column holding `s` in every row, stored once (a scalar column), not `len` times.
fn constant(name: PlSmallStr, s: &str, len: usize) -> Column {
    Column::new_scalar(name, Scalar::from(PlSmallStr::from(s)), len)
}

/// A nullable String column of state names.
fn names(name: PlSmallStr, n: &StateNames) -> Column {
    Column::new(
        name,
        (0..n.len())
            .map(|i| n.get(i))
            .collect::<Vec<Option<&str>>>(),
    )
}

/// Unsigned ids and sums as `Int64` (lossless below 2⁶³; event sums are far below).
fn signed<T: Copy + TryInto<i64>>(v: &[T]) -> Vec<i64> {
    v.iter()
        .map(|&x| x.try_into().unwrap_or(i64::MAX))
        .collect()
}

/// Any [`Panel`] as a `DataFrame`, columns in output order.
pub fn panel_to_dataframe(p: &dyn Panel) -> Result<DataFrame> {
    let len = p.len();
    let cols = p
        .columns()
        .into_iter()
        .map(|(n, c)| column(n, c, len))
        .collect();
    DataFrame::new(len, cols).map_err(|e| polars_err(&e))
}

macro_rules! to_df {
    ($t:ty) => {
        impl $t {
            /// This panel as a polars `DataFrame` (see [`panel::frame`](crate::panel::frame)).
            pub fn to_dataframe(&self) -> Result<DataFrame> {
                panel_to_dataframe(self)
            }
        }
    };
}
to_df!(StateYearPanel);
to_df!(DyadYearPanel);
to_df!(ConflictYearPanel);
to_df!(ConflictDyadYearPanel);

impl EventTable {
    /// This table as a polars `DataFrame`, columns as in [`EventTable::to_csv`].
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let len = self.len();
        let mut cols = Vec::new();
        let names = self.columns();
        let mut names = names.into_iter();
        if let Some(t) = &self.type_of_violence {
            cols.push(Column::new(
                names.next().unwrap_or_default().into(),
                t.iter().map(|&x| i32::from(x)).collect::<Vec<i32>>(),
            ));
        }
        cols.push(Column::new(
            names.next().unwrap_or_default().into(),
            signed(&self.unit),
        ));
        if let Some(n) = self.statenames() {
            cols.push(self::names(names.next().unwrap_or_default().into(), &n));
        }
        cols.push(Column::new("year".into(), &self.year));
        if let Some(m) = &self.month {
            cols.push(Column::new(
                "month".into(),
                m.iter().map(|&x| i32::from(x)).collect::<Vec<i32>>(),
            ));
        }
        cols.push(Column::new("low".into(), signed(&self.low)));
        cols.push(Column::new("best".into(), signed(&self.best)));
        cols.push(Column::new("high".into(), signed(&self.high)));
        cols.push(Column::new("events".into(), signed(&self.events)));
        cols.push(constant("source".into(), &self.source, len));
        DataFrame::new(len, cols).map_err(|e| polars_err(&e))
    }
}
