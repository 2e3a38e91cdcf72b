//! What to aggregate: the unit (country, conflict, PRIO-GRID cell), the period (month,
//! year), the rule for events whose date range spans several months, and the precision
//! filter.

use crate::error::{Error, Result};
use serde::Serialize;

/// How an event whose date range spans several calendar months is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Attribution {
    /// Split evenly over the months touched, in whole deaths (remainders to the earliest
    /// months): totals preserved exactly.
    #[default]
    SplitEven,
    /// All to the month of `date_start`.
    StartMonth,
    /// All to the month of `date_end`.
    EndMonth,
}

impl Attribution {
    /// Every rule, in the order the documentation lists them.
    pub const ALL: [Attribution; 3] = [
        Attribution::SplitEven,
        Attribution::StartMonth,
        Attribution::EndMonth,
    ];

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Attribution::SplitEven => "split_even",
            Attribution::StartMonth => "start_month",
            Attribution::EndMonth => "end_month",
        }
    }

    /// Parses a key (`split_even`, `start_month`, `end_month`; `-` accepted for `_`).
    pub fn parse(s: &str) -> Result<Attribution> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "split_even" | "split" => Ok(Attribution::SplitEven),
            "start_month" | "start" => Ok(Attribution::StartMonth),
            "end_month" | "end" => Ok(Attribution::EndMonth),
            _ => Err(Error::spec(format!(
                "unknown attribution `{s}`; expected split_even, start_month or end_month"
            ))),
        }
    }
}

/// The time unit of an aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// Calendar month.
    Month,
    /// Calendar year.
    Year,
}

impl Period {
    /// Both periods.
    pub const ALL: [Period; 2] = [Period::Month, Period::Year];

    /// The key (`month`, `year`), as the JSON output and `period=` spell it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Year => "year",
        }
    }

    /// Parses a key (`month`, `year`).
    pub fn parse(s: &str) -> Result<Period> {
        match s.trim().to_ascii_lowercase().as_str() {
            "month" => Ok(Period::Month),
            "year" => Ok(Period::Year),
            _ => Err(Error::spec(format!(
                "unknown period `{s}`; expected month or year"
            ))),
        }
    }

    #[inline]
    pub(crate) fn of_month(self, m: i32) -> i32 {
        match self {
            Period::Month => m,
            Period::Year => m.div_euclid(12),
        }
    }
}

/// The spatial or organisational unit of an aggregation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventUnit {
    /// `country_id` (Gleditsch–Ward code of the country where the event took place).
    Country,
    /// `(type_of_violence, conflict_new_id)`: UCDP conflict (state-based), non-state conflict
    /// or one-sided actor.
    Conflict,
    /// `priogrid_gid` (events without a cell are an error for this unit).
    #[serde(rename = "priogrid")]
    PrioGrid,
}

impl EventUnit {
    /// Every unit.
    pub const ALL: [EventUnit; 3] = [EventUnit::Country, EventUnit::Conflict, EventUnit::PrioGrid];

    /// The key, as `unit=`, `--unit` and the JSON output spell it.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            EventUnit::Country => "country",
            EventUnit::Conflict => "conflict",
            EventUnit::PrioGrid => "priogrid",
        }
    }

    /// Parses a key (`country`, `conflict`, `priogrid`; also `prio-grid`, `grid`).
    pub fn parse(s: &str) -> Result<EventUnit> {
        match s.trim().to_ascii_lowercase().as_str() {
            "country" => Ok(EventUnit::Country),
            "conflict" => Ok(EventUnit::Conflict),
            "priogrid" | "prio-grid" | "grid" => Ok(EventUnit::PrioGrid),
            _ => Err(Error::spec(format!(
                "unknown unit `{s}`; expected country, conflict or priogrid"
            ))),
        }
    }
}

/// Options of the kernel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KernelOptions {
    /// Month or year cells.
    pub period: Period,
    /// Rule for ranges spanning several months.
    pub attribution: Attribution,
    /// Keep events with `date_prec ≤ max_date_prec` (5 keeps all).
    pub max_date_prec: u8,
}

/// What to aggregate: unit, period, rule and precision filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AggregateSpec {
    /// Country, conflict or PRIO-GRID cell.
    pub unit: EventUnit,
    /// Month or year.
    pub period: Period,
    /// Rule for date ranges spanning several months.
    pub attribution: Attribution,
    /// Keep events with `date_prec ≤ max_date_prec` (1–5; 5 keeps all).
    pub max_date_prec: u8,
}

impl AggregateSpec {
    /// `unit` × `period`, split rule, all precisions.
    #[must_use]
    pub fn new(unit: EventUnit, period: Period) -> AggregateSpec {
        AggregateSpec {
            unit,
            period,
            attribution: Attribution::SplitEven,
            max_date_prec: 5,
        }
    }

    /// With another attribution rule.
    #[must_use]
    pub fn attribution(mut self, a: Attribution) -> AggregateSpec {
        self.attribution = a;
        self
    }

    /// Keeping only events with `date_prec ≤ p`.
    #[must_use]
    pub fn max_date_prec(mut self, p: u8) -> AggregateSpec {
        self.max_date_prec = p;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    /// One spelling per value: the key `parse` reads back is the key the JSON output writes.
    #[test]
    fn each_key_parses_back_and_is_the_json_spelling() {
        for u in EventUnit::ALL {
            assert_eq!(EventUnit::parse(u.key()).unwrap(), u);
            assert_eq!(json(u), u.key());
        }
        for p in Period::ALL {
            assert_eq!(Period::parse(p.key()).unwrap(), p);
            assert_eq!(json(p), p.key());
        }
        for a in Attribution::ALL {
            assert_eq!(Attribution::parse(a.key()).unwrap(), a);
            assert_eq!(json(a), a.key());
        }
    }
}
