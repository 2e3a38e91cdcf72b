//! ACLED fatalities per G&W country-month or country-year, by the kernel that sums GED events.
//!
//! An ACLED event is one day (`event_date`; `time_precision` 2 and 3 put the middle of a
//! week or month there), so it enters the kernel as a one-day range in a single month, with
//! `fatalities` as its death count and `time_precision` as its date precision (the kernel's
//! `max_date_prec` filter then keeps events known to the day, week or month). ACLED's `iso`
//! is an ISO 3166-1 numeric code; it reaches a Gleditsch–Ward code through the project's
//! tables — numeric → alpha-3 ([`IsoNumeric`]), alpha-3 → G&W on the event's **date**
//! ([`Crosswalk`], time-varying). An event whose code has no G&W state on that day (a
//! territory such as Palestine, 275; South Sudan, 728, before 2011-07-09; Serbia, 688, before
//! 2006-06-05), or more than one, is not counted but reported in
//! [`AcledTable::unmatched`], by `iso` and `country`, with its events and fatalities.
//!
//! Every event of the file is in exactly one place:
//! `events in the file = not_selected + unmatched + imprecise + Σ events` (and the same for
//! fatalities), checked by [`AcledTable::accounts_for`].
//!
//! ```
//! use conflictstats::data::{Acled, Crosswalk, EventType, IsoNumeric};
//! use conflictstats::events::{aggregate_acled, AcledSpec, Period};
//!
//! let text = "event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,iso,country,latitude,longitude,geo_precision,fatalities\n\
//! SDN1,2024-03-14,2024,1,Battles,Armed clash,729,Sudan,15.5,32.5,1,7\n\
//! SDN2,2024-03-20,2024,1,Protests,Peaceful protest,729,Sudan,15.6,32.5,1,0\n\
//! PSE1,2024-03-02,2024,1,Battles,Armed clash,275,Palestine,31.5,34.4,1,3\n";
//! let acled = Acled::from_bytes("export.csv", text.as_bytes())?;
//! let spec = AcledSpec::new(Period::Month).event_types(&[EventType::Battles]);
//! let t = aggregate_acled(&acled, &spec, &IsoNumeric::embedded()?, &Crosswalk::embedded()?)?;
//! assert_eq!((t.gwcode.clone(), t.fatalities.clone()), (vec![625], vec![7])); // G&W 625 Sudan
//! assert_eq!(t.not_selected.events, 1); // the protest
//! assert_eq!((t.unmatched[0].iso, t.unmatched[0].tally.fatalities), (275, 3)); // Palestine: no G&W state
//! assert!(t.accounts_for(&acled));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::{AggregateSpec, Attribution, EventColumns, EventUnit, Period, aggregate_columns};
use crate::data::{Acled, Crosswalk, DisorderType, EventType, IsoNumeric, SubEventType};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// What the `fatalities` column of an ACLED table holds, in the output's words.
pub const ACLED_MEASURE: &str = "ACLED reported fatalities (the most conservative reported figure per event, summed over the selected event types); not UCDP battle-related deaths";

/// What to aggregate: the period and ACLED's filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcledSpec {
    /// Month or year.
    pub period: Period,
    /// Keep these event types (empty: all six).
    pub event_types: Vec<EventType>,
    /// Keep these sub-event types (empty: all).
    pub sub_event_types: Vec<SubEventType>,
    /// Keep events whose disorder type includes one of these (empty: all).
    /// "Excessive force against protesters" is both political violence and demonstrations.
    pub disorder_types: Vec<DisorderType>,
    /// Keep events with `time_precision ≤` this (1–3; 3 keeps all).
    pub max_time_precision: u8,
}

impl AcledSpec {
    /// Every event, per `period`.
    #[must_use]
    pub fn new(period: Period) -> AcledSpec {
        AcledSpec {
            period,
            event_types: Vec::new(),
            sub_event_types: Vec::new(),
            disorder_types: Vec::new(),
            max_time_precision: 3,
        }
    }

    /// The spec from text values — ACLED's spellings or the `snake_case` keys, as the CLI and
    /// Python give them (parsed here, once, for both).
    ///
    /// ```
    /// use conflictstats::data::EventType;
    /// use conflictstats::events::{AcledSpec, Period};
    ///
    /// let s = AcledSpec::parse(Period::Year, &["Battles", "violence_against_civilians"], &[], &[], 3)?;
    /// assert_eq!(s.event_types, [EventType::Battles, EventType::ViolenceAgainstCivilians]);
    /// assert!(AcledSpec::parse(Period::Year, &["Remote violence"], &[], &[], 3).is_err());
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    pub fn parse<S: AsRef<str>>(
        period: Period,
        event_types: &[S],
        sub_event_types: &[S],
        disorder_types: &[S],
        max_time_precision: u8,
    ) -> Result<AcledSpec> {
        fn all<S: AsRef<str>, T>(items: &[S], f: fn(&str) -> Result<T>) -> Result<Vec<T>> {
            items.iter().map(|s| f(s.as_ref())).collect()
        }
        Ok(AcledSpec {
            period,
            event_types: all(event_types, EventType::parse)?,
            sub_event_types: all(sub_event_types, SubEventType::parse)?,
            disorder_types: all(disorder_types, DisorderType::parse)?,
            max_time_precision,
        })
    }

    /// Only these event types.
    #[must_use]
    pub fn event_types(mut self, t: &[EventType]) -> AcledSpec {
        self.event_types = t.to_vec();
        self
    }

    /// Only these sub-event types.
    #[must_use]
    pub fn sub_event_types(mut self, t: &[SubEventType]) -> AcledSpec {
        self.sub_event_types = t.to_vec();
        self
    }

    /// Only events of these disorder types.
    #[must_use]
    pub fn disorder_types(mut self, t: &[DisorderType]) -> AcledSpec {
        self.disorder_types = t.to_vec();
        self
    }

    /// Only events dated to the day (1), week (2) or month (3).
    #[must_use]
    pub fn max_time_precision(mut self, p: u8) -> AcledSpec {
        self.max_time_precision = p;
        self
    }

    /// Whether the filters keep an event of this sub-event type.
    #[must_use]
    pub fn selects(&self, sub: SubEventType) -> bool {
        let any = |empty: bool, hit: bool| empty || hit;
        any(
            self.event_types.is_empty(),
            self.event_types.contains(&sub.event_type()),
        ) && any(
            self.sub_event_types.is_empty(),
            self.sub_event_types.contains(&sub),
        ) && any(
            self.disorder_types.is_empty(),
            sub.disorder()
                .iter()
                .any(|d| self.disorder_types.contains(d)),
        )
    }
}

/// Events and their fatalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Tally {
    /// Number of events.
    pub events: u64,
    /// Sum of `fatalities`.
    pub fatalities: u64,
}

impl Tally {
    fn add(&mut self, fatalities: u32) {
        self.events += 1;
        self.fatalities += u64::from(fatalities);
    }
}

/// Why an event's country has no single G&W code on its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmatched {
    /// The `iso` code stands for no alpha-3 code (`0`).
    NoIsoCode,
    /// No G&W state holds the ISO entity on that date (a territory, a state not yet or no
    /// longer in the G&W list).
    NoGwState,
    /// Several G&W states do (`gwcodes` lists them): the crosswalk does not choose.
    Ambiguous,
}

/// Selected events not counted because of their country, by `(iso, country, reason)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnmatchedCountry {
    /// ACLED's `iso`.
    pub iso: u16,
    /// ACLED's `country`.
    pub country: String,
    /// The alpha-3 code(s) of `iso`.
    pub iso3: Vec<String>,
    /// Why.
    pub reason: Unmatched,
    /// The candidate G&W codes (ambiguous only).
    pub gwcodes: Vec<u16>,
    /// First and last event date (`yyyy-mm-dd`).
    pub first_date: String,
    /// Last event date.
    pub last_date: String,
    /// Events and fatalities.
    #[serde(flatten)]
    pub tally: Tally,
}

/// ACLED fatalities per G&W country and period: one row per non-empty cell, ordered by G&W
/// code then period, with what was left out and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AcledTable {
    /// The specification.
    pub spec: AcledSpec,
    /// G&W code per row.
    pub gwcode: Vec<u32>,
    /// Year per row.
    pub year: Vec<i32>,
    /// Month 1–12 per row (month period only).
    pub month: Option<Vec<u8>>,
    /// Sum of ACLED's `fatalities` (see [`ACLED_MEASURE`]).
    pub fatalities: Vec<u64>,
    /// Events in the cell.
    pub events: Vec<u64>,
    /// Events the type filters left out.
    pub not_selected: Tally,
    /// Selected events dated less precisely than `max_time_precision`.
    pub imprecise: Tally,
    /// Selected events without a single G&W code on their date.
    pub unmatched: Vec<UnmatchedCountry>,
    /// [`ACLED_MEASURE`].
    pub measure: &'static str,
    /// `acled-export sha256:<first 12 hex digits>`.
    pub source: String,
}

/// Numeric ISO code → `(first day, last day, G&W code)` of every crosswalk pairing of its
/// alpha-3 codes (days since 1970-01-01, inclusive).
type Spans = HashMap<u16, Vec<(i32, i32, u16)>>;

fn spans(acled: &Acled, iso: &IsoNumeric, cw: &Crosswalk) -> Spans {
    let day = |d: chrono::NaiveDate| i32::try_from(super::days_from_date(d)).unwrap_or(i32::MAX);
    let mut out: Spans = HashMap::new();
    for &code in acled
        .events
        .iso
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
    {
        let alpha = iso.to_iso3(code);
        let v = cw
            .rows
            .iter()
            .filter(|r| r.iso3.as_deref().is_some_and(|c| alpha.contains(&c)))
            .map(|r| (day(r.start), r.end.map_or(i32::MAX, day), r.gwcode.0))
            .collect();
        out.insert(code, v);
    }
    out
}

/// The G&W code of an event, or why there is none.
fn resolve(
    spans: &[(i32, i32, u16)],
    date: i32,
    has_iso3: bool,
) -> std::result::Result<u16, (Unmatched, Vec<u16>)> {
    let mut gw: Vec<u16> = spans
        .iter()
        .filter(|(a, b, _)| (*a..=*b).contains(&date))
        .map(|s| s.2)
        .collect();
    gw.sort_unstable();
    gw.dedup();
    match gw.as_slice() {
        [one] => Ok(*one),
        [] if !has_iso3 => Err((Unmatched::NoIsoCode, gw)),
        [] => Err((Unmatched::NoGwState, gw)),
        _ => Err((Unmatched::Ambiguous, gw)),
    }
}

/// The kernel's input: the selected, matched events.
#[derive(Default)]
struct Selected {
    gw: Vec<u16>,
    day: Vec<i32>,
    precision: Vec<u8>,
    fatalities: Vec<u32>,
}

/// Unmatched events grouped by `(iso, country index, reason, candidates)`: tally, first and
/// last day.
type Misses = BTreeMap<(u16, u32, Unmatched, Vec<u16>), (Tally, i32, i32)>;

/// Sums ACLED's `fatalities` per G&W country and `spec.period`, with the GED kernel
/// ([`aggregate_columns`]).
///
/// # Errors
/// [`Error::InvalidSpec`] for a `max_time_precision` outside 1–3; the kernel's errors.
pub fn aggregate_acled(
    acled: &Acled,
    spec: &AcledSpec,
    iso: &IsoNumeric,
    cw: &Crosswalk,
) -> Result<AcledTable> {
    if !(1..=3).contains(&spec.max_time_precision) {
        return Err(Error::spec(format!(
            "max_time_precision must be 1–3 (ACLED's time precision codes), got {}",
            spec.max_time_precision
        )));
    }
    let e = &acled.events;
    let spans = spans(acled, iso, cw);
    let (mut sel, mut misses, mut not_selected) =
        (Selected::default(), Misses::new(), Tally::default());
    for i in 0..e.len() {
        if !spec.selects(e.sub_event_type[i]) {
            not_selected.add(e.fatalities[i]);
            continue;
        }
        let has_iso3 = !iso.to_iso3(e.iso[i]).is_empty();
        match resolve(
            spans.get(&e.iso[i]).map_or(&[], Vec::as_slice),
            e.date[i],
            has_iso3,
        ) {
            Ok(gw) => {
                sel.gw.push(gw);
                sel.day.push(e.date[i]);
                sel.precision.push(e.time_precision[i]);
                sel.fatalities.push(e.fatalities[i]);
            }
            Err((reason, gws)) => {
                let m = misses
                    .entry((e.iso[i], e.country[i], reason, gws))
                    .or_insert((Tally::default(), e.date[i], e.date[i]));
                m.0.add(e.fatalities[i]);
                m.1 = m.1.min(e.date[i]);
                m.2 = m.2.max(e.date[i]);
            }
        }
    }
    let source = format!(
        "{} sha256:{}",
        crate::data::ACLED_NAME,
        acled.provenance.sha256.get(..12).unwrap_or_default()
    );
    let t = kernel(&sel, spec, &source)?;
    Ok(AcledTable {
        spec: spec.clone(),
        gwcode: t.unit,
        year: t.year,
        month: t.month,
        fatalities: t.best,
        events: t.events,
        not_selected,
        imprecise: Tally {
            events: t.excluded.events,
            fatalities: t.excluded.best,
        },
        unmatched: unmatched_rows(acled, iso, misses),
        measure: ACLED_MEASURE,
        source,
    })
}

/// The GED kernel over one-day events: `fatalities` as the death count (low = best = high),
/// `time_precision` as the date precision.
fn kernel(sel: &Selected, spec: &AcledSpec, source: &str) -> Result<super::EventTable> {
    let cols = EventColumns {
        country_id: &sel.gw,
        date_start: &sel.day,
        date_end: &sel.day,
        date_prec: &sel.precision,
        low: &sel.fatalities,
        best: &sel.fatalities,
        high: &sel.fatalities,
        ..EventColumns::default()
    };
    // One-day events lie in one month: every attribution rule gives the same cells.
    let k = AggregateSpec::new(EventUnit::Country, spec.period)
        .attribution(Attribution::StartMonth)
        .max_date_prec(spec.max_time_precision);
    aggregate_columns(&cols, &k, source)
}

fn unmatched_rows(acled: &Acled, iso: &IsoNumeric, misses: Misses) -> Vec<UnmatchedCountry> {
    let date = |d: i32| {
        let base = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
        (base + chrono::Duration::days(i64::from(d))).to_string()
    };
    misses
        .into_iter()
        .map(
            |((code, country, reason, gwcodes), (tally, lo, hi))| UnmatchedCountry {
                iso: code,
                country: acled
                    .countries
                    .get(country as usize)
                    .map(|c| c.1.clone())
                    .unwrap_or_default(),
                iso3: iso.to_iso3(code).into_iter().map(str::to_string).collect(),
                reason,
                gwcodes,
                first_date: date(lo),
                last_date: date(hi),
                tally,
            },
        )
        .collect()
}

impl AcledTable {
    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.gwcode.len()
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.gwcode.is_empty()
    }

    /// Σ `fatalities` and Σ `events` over rows.
    #[must_use]
    pub fn counted(&self) -> Tally {
        Tally {
            events: self.events.iter().sum(),
            fatalities: self.fatalities.iter().sum(),
        }
    }

    /// Σ over [`AcledTable::unmatched`].
    #[must_use]
    pub fn unmatched_total(&self) -> Tally {
        self.unmatched.iter().fold(Tally::default(), |mut t, u| {
            t.events += u.tally.events;
            t.fatalities += u.tally.fatalities;
            t
        })
    }

    /// Whether every event of `acled` (and every fatality) is in exactly one of: the rows,
    /// `not_selected`, `imprecise`, `unmatched`.
    #[must_use]
    pub fn accounts_for(&self, acled: &Acled) -> bool {
        let parts = [
            self.counted(),
            self.not_selected,
            self.imprecise,
            self.unmatched_total(),
        ];
        let events: u64 = parts.iter().map(|t| t.events).sum();
        let fatalities: u64 = parts.iter().map(|t| t.fatalities).sum();
        let file: u64 = acled.events.fatalities.iter().map(|&f| u64::from(f)).sum();
        events == acled.events.len() as u64 && fatalities == file
    }

    /// The column names, in [`AcledTable::to_csv`] order.
    #[must_use]
    pub fn columns(&self) -> Vec<&'static str> {
        let mut cols = vec!["gwcode", "year"];
        if self.month.is_some() {
            cols.push("month");
        }
        cols.extend(["fatalities", "events", "source"]);
        cols
    }

    /// Deterministic CSV with a header line.
    #[must_use]
    pub fn to_csv(&self) -> String {
        use std::fmt::Write as _;
        let mut out = self.columns().join(",");
        out.push('\n');
        for i in 0..self.len() {
            let _ = write!(out, "{},{}", self.gwcode[i], self.year[i]);
            if let Some(m) = &self.month {
                let _ = write!(out, ",{}", m[i]);
            }
            let _ = writeln!(
                out,
                ",{},{},{}",
                self.fatalities[i], self.events[i], self.source
            );
        }
        out
    }
}
