//! UCDP's country codes mapped to Gleditsch–Ward's before events are summed per country:
//! GED's `country_id` uses UCDP's codes, so an event in Serbia after Montenegro's
//! independence can carry **345** ("Serbia (Yugoslavia)") where the G&W list has **340**.
//! Each event is mapped by the rule table the panels and counts use
//! ([`UcdpGw`], `data/crosswalk/ucdp_gw.csv`), on the event's `date_start` (the day UCDP's own
//! `year` column follows): a 345 event from 2006-06-05 on counts for 340, one before for 345.

use super::columns::ColumnValue;
use super::dates::days_from_date;
use crate::data::UcdpGw;

/// One rule in days since 1970-01-01: `(ucdp code, first day, last day, G&W code)`.
type DayRule = (i64, i64, i64, i64);

fn day_rules(rules: &UcdpGw) -> Vec<DayRule> {
    rules
        .rules
        .iter()
        .map(|r| {
            (
                i64::from(r.ucdp_code.0),
                days_from_date(r.from),
                r.to.map_or(i64::MAX, days_from_date),
                i64::from(r.gw_code.0),
            )
        })
        .collect()
}

fn mapped(rules: &[DayRule], code: i64, day: i32) -> Option<i64> {
    let day = i64::from(day);
    rules
        .iter()
        .find(|&&(u, from, to, _)| u == code && from <= day && day <= to)
        .map(|&(.., gw)| gw)
}

/// The `country_id` column with every code a rule maps on its event's `date_start` replaced
/// by the G&W code; `None` when no event needs a rule (the column is then read as it is).
/// Columns of different lengths are left to the kernel's checks (which name them).
pub(crate) fn mapped_country_ids<C: ColumnValue>(
    ids: &[C],
    date_start: &[i32],
    rules: &UcdpGw,
) -> Option<Vec<i64>> {
    let rules = day_rules(rules);
    if rules.is_empty() || ids.len() != date_start.len() {
        return None;
    }
    let codes: Vec<i64> = rules.iter().map(|r| r.0).collect();
    let needed = ids
        .iter()
        .zip(date_start)
        .any(|(c, &d)| codes.contains(&c.to_i64()) && mapped(&rules, c.to_i64(), d).is_some());
    needed.then(|| {
        ids.iter()
            .zip(date_start)
            .map(|(c, &d)| mapped(&rules, c.to_i64(), d).unwrap_or(c.to_i64()))
            .collect()
    })
}
