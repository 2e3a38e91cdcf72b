//! The counts per year of one counting unit in both copies, side by side.

use super::error::DiffError;
use super::side::Side;
use crate::count::{CountSpec, CountUnit, count_in};
use crate::data::DatasetId;
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// One counting unit's counts per year in both copies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountsDiff {
    /// The counting unit.
    pub unit: CountUnit,
    /// Its count column (`conflicts`, `dyads`, …).
    pub column: &'static str,
    /// Every year either copy covers, in order.
    pub rows: Vec<YearCounts>,
}

/// One year's count in both copies. A year a copy does not cover is `None` there — a missing
/// value, never a zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearCounts {
    /// Calendar year.
    pub year: i32,
    /// The count in FROM (`None`: FROM does not cover the year).
    pub old: Option<u32>,
    /// The count in TO (`None`: TO does not cover the year).
    pub new: Option<u32>,
    /// `new − old` when both cover the year.
    pub difference: Option<i64>,
}

impl YearCounts {
    /// Whether the copies disagree on the year (a different count, or one lacks it).
    #[must_use]
    pub fn differs(&self) -> bool {
        self.old != self.new
    }
}

impl CountsDiff {
    /// The years whose counts differ.
    pub fn differing(&self) -> impl Iterator<Item = &YearCounts> {
        self.rows.iter().filter(|r| r.differs())
    }
}

/// The units computed from `id` alone, in the units table's order; the first is the
/// dataset's main unit (`conflict` for the ACD, `dyad` for the Dyadic data, …).
#[must_use]
pub fn units_of(id: DatasetId) -> Vec<CountUnit> {
    CountUnit::ALL
        .iter()
        .copied()
        .filter(|u| u.datasets() == [id.name()])
        .collect()
}

/// `unit`, or the dataset's main unit; an error for a unit that reads other datasets.
pub(crate) fn unit_for(id: DatasetId, unit: Option<CountUnit>) -> Result<Option<CountUnit>> {
    let units = units_of(id);
    match unit {
        None => Ok(units.first().copied()),
        Some(u) if units.contains(&u) => Ok(Some(u)),
        Some(u) => Err(DiffError::UnitNotOfDataset {
            unit: u.key().to_string(),
            dataset: id.name().to_string(),
            reads: u.datasets().join(" + "),
            units: if units.is_empty() {
                "none".to_string()
            } else {
                units.iter().map(|u| u.key()).collect::<Vec<_>>().join(", ")
            },
        }
        .into()),
    }
}

/// Counts `unit` on both sides, every year either covers.
pub(crate) fn counts(unit: CountUnit, from: &Side, to: &Side) -> Result<CountsDiff> {
    let per_year = |side: &Side| -> Result<BTreeMap<i32, u32>> {
        if side.records.is_empty() {
            return Ok(BTreeMap::new()); // a header-only file covers no year
        }
        let t = count_in(&side.data.sources(), &CountSpec::new(unit))?;
        Ok(t.rows.iter().map(|r| (r.year, r.count)).collect())
    };
    let (old, new) = (per_year(from)?, per_year(to)?);
    let mut years: Vec<i32> = old.keys().chain(new.keys()).copied().collect();
    years.sort_unstable();
    years.dedup();
    let rows = years
        .into_iter()
        .map(|year| {
            let (a, b) = (old.get(&year).copied(), new.get(&year).copied());
            YearCounts {
                year,
                old: a,
                new: b,
                difference: a.zip(b).map(|(a, b)| i64::from(b) - i64::from(a)),
            }
        })
        .collect();
    Ok(CountsDiff {
        unit,
        column: unit.column(),
        rows,
    })
}
