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

#[cfg(test)]
mod tests {
    use super::super::{AggregateSpec, EventUnit, Period, aggregate};
    use crate::data::Ged;

    /// Three events in the GED layout: Serbia coded 345 by UCDP in 2010 (after Montenegro's
    /// independence), Yugoslavia 345 in 1999, and Serbia coded 340 in 2010.
    const SERBIA_GED: &str = "\
id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob
1,x,2010,1,Clear,1,299,299,x,11973,11973,x,118,118,x,4456,4456,x,2,x,x,x,x,x,1,x,x,x,x,44.8,20.5,POINT (20.5 44.8),181154,Serbia (Yugoslavia),345,Europe,1,1,2010-03-01,2010-03-01,0,3,0,0,3,3,3,345,
2,x,1999,1,Clear,1,299,299,x,11973,11973,x,118,118,x,4456,4456,x,2,x,x,x,x,x,1,x,x,x,x,44.8,20.5,POINT (20.5 44.8),181154,Serbia (Yugoslavia),345,Europe,1,1,1999-04-10,1999-04-10,0,5,0,0,5,5,5,345,
3,x,2010,1,Clear,1,299,299,x,11973,11973,x,118,118,x,4456,4456,x,2,x,x,x,x,x,1,x,x,x,x,44.8,20.5,POINT (20.5 44.8),181154,Serbia,340,Europe,1,1,2010-07-15,2010-07-15,0,2,0,0,2,2,2,340,
";

    #[test]
    fn a_ged_event_coded_345_in_2010_counts_for_serbia_340() {
        let ged = Ged::from_bytes("serbia.csv", SERBIA_GED.as_bytes()).unwrap();
        let t = aggregate(&ged, &AggregateSpec::new(EventUnit::Country, Period::Year)).unwrap();
        // 2010: both Serbian events under 340 (3 + 2 deaths); 1999: Yugoslavia stays 345.
        assert_eq!(t.unit, vec![340, 345]);
        assert_eq!(t.year, vec![2010, 1999]);
        assert_eq!(t.best, vec![5, 5]);
        assert_eq!(t.events, vec![2, 1]);
        let names = t.statenames().unwrap();
        assert_eq!(
            (names.get(0), names.get(1)),
            (Some("Serbia"), Some("Yugoslavia"))
        );
        assert!(t.to_csv().contains("\n340,Serbia,2010,5,5,5,2,"));
    }

    #[test]
    fn the_day_of_the_change_decides() {
        let rules = crate::data::UcdpGw::embedded().unwrap();
        let day = |y, m, d| {
            super::days_from_date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()) as i32
        };
        let ids: [u16; 3] = [345, 345, 2];
        let days = [day(2006, 6, 4), day(2006, 6, 5), day(2006, 6, 5)];
        assert_eq!(
            super::mapped_country_ids(&ids, &days, rules),
            Some(vec![345, 340, 2])
        );
        // Nothing to map: the column is read as it is.
        assert_eq!(
            super::mapped_country_ids(&ids[..1], &days[..1], rules),
            None
        );
    }
}
