//! The result: one row per non-empty (unit, period) cell, in unit then period order, with
//! the spec, the excluded events and the source it counted.

use super::kernel::DenseSums;
use super::spec::{AggregateSpec, EventUnit, Period};
use crate::panel::StateNames;
use serde::Serialize;

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
    /// One event's deaths, counted once.
    #[inline]
    pub(crate) fn of_event(low: u32, best: u32, high: u32) -> Sums {
        Sums {
            low: u64::from(low),
            best: u64::from(best),
            high: u64::from(high),
            events: 1,
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, o: &Sums) {
        self.low += o.low;
        self.best += o.best;
        self.high += o.high;
        self.events += o.events;
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
            EventUnit::Country => "gwcode",
            EventUnit::Conflict => "conflict_new_id",
            EventUnit::PrioGrid => "priogrid_gid",
        });
        if self.spec.unit == EventUnit::Country {
            cols.push("statename");
        }
        cols.push("year");
        if self.month.is_some() {
            cols.push("month");
        }
        cols.extend(["low", "best", "high", "events", "source"]);
        cols
    }

    /// Per row, the G&W `statename` of the row's country in the row's year (country units
    /// only; from the shipped G&W list, [`StateNames`]; null for a code the list lacks).
    #[must_use]
    pub fn statenames(&self) -> Option<StateNames> {
        if self.spec.unit != EventUnit::Country {
            return None;
        }
        let codes: Vec<u16> = self
            .unit
            .iter()
            .map(|&c| u16::try_from(c).unwrap_or(u16::MAX))
            .collect();
        Some(match crate::panel::shipped_states() {
            Some(states) => StateNames::of(states, &codes, &self.year),
            None => StateNames {
                names: Vec::new(),
                index: vec![u32::MAX; codes.len()],
            },
        })
    }

    /// The rows as flat JSON objects, keyed by [`EventTable::columns`] (`null` for a missing
    /// name).
    #[must_use]
    pub fn to_json_rows(&self) -> Vec<serde_json::Value> {
        let names = self.statenames();
        let unit = self.columns()[usize::from(self.type_of_violence.is_some())];
        (0..self.len())
            .map(|i| {
                let mut m = serde_json::Map::new();
                if let Some(tov) = &self.type_of_violence {
                    m.insert("type_of_violence".into(), tov[i].into());
                }
                m.insert(unit.into(), self.unit[i].into());
                if let Some(n) = &names {
                    m.insert(
                        "statename".into(),
                        n.get(i).map_or(serde_json::Value::Null, Into::into),
                    );
                }
                m.insert("year".into(), self.year[i].into());
                if let Some(month) = &self.month {
                    m.insert("month".into(), month[i].into());
                }
                m.insert("low".into(), self.low[i].into());
                m.insert("best".into(), self.best[i].into());
                m.insert("high".into(), self.high[i].into());
                m.insert("events".into(), self.events[i].into());
                m.insert("source".into(), self.source.clone().into());
                serde_json::Value::Object(m)
            })
            .collect()
    }

    /// Deterministic CSV with a header line.
    #[must_use]
    pub fn to_csv(&self) -> String {
        use std::fmt::Write as _;
        let names = self.statenames();
        let mut out = self.columns().join(",");
        out.push('\n');
        for i in 0..self.len() {
            if let Some(t) = &self.type_of_violence {
                let _ = write!(out, "{},", t[i]);
            }
            let _ = write!(out, "{}", self.unit[i]);
            if let Some(n) = &names {
                out.push(',');
                crate::panel::csv_text(n.get(i).unwrap_or(""), &mut out);
            }
            let _ = write!(out, ",{}", self.year[i]);
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

/// The non-empty cells of `d` as table rows, ordered by unit then period.
pub(crate) fn table_from_dense(
    spec: &AggregateSpec,
    codes: &[u32],
    d: &DenseSums,
    source: &str,
) -> EventTable {
    let mut t = EventTable::empty(spec, d.excluded, source);
    for (u, &code) in codes.iter().enumerate() {
        let row = &d.cells[u * d.n_periods..(u + 1) * d.n_periods];
        t.push_row(code, d.first_period, row);
    }
    t
}

impl EventTable {
    /// A table with no cells yet.
    pub(crate) fn empty(spec: &AggregateSpec, excluded: Sums, source: &str) -> EventTable {
        let with = |yes: bool| yes.then(Vec::new);
        EventTable {
            spec: *spec,
            type_of_violence: with(spec.unit == EventUnit::Conflict),
            unit: Vec::new(),
            year: Vec::new(),
            month: with(spec.period == Period::Month),
            low: Vec::new(),
            best: Vec::new(),
            high: Vec::new(),
            events: Vec::new(),
            excluded,
            source: source.to_string(),
        }
    }

    /// Appends the cells of one unit (`code`) with events; `row[p]` is period
    /// `first_period + p`.
    pub(crate) fn push_row(&mut self, code: u32, first_period: i32, row: &[Sums]) {
        for (p, cell) in row.iter().enumerate() {
            if cell.events == 0 {
                continue;
            }
            let period = first_period + p as i32;
            match &mut self.type_of_violence {
                Some(tv) => {
                    tv.push((code >> 28) as u8);
                    self.unit.push(code & ((1 << 28) - 1));
                }
                None => self.unit.push(code),
            }
            match &mut self.month {
                Some(months) => {
                    self.year.push(1970 + period.div_euclid(12));
                    months.push((period.rem_euclid(12) + 1) as u8);
                }
                None => self.year.push(1970 + period),
            }
            self.low.push(cell.low);
            self.best.push(cell.best);
            self.high.push(cell.high);
            self.events.push(cell.events);
        }
    }
}
