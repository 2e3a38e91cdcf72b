//! Event aggregation on the GED 23.1 sample: totals preserved, the multi-month split as
//! documented, country-year = sum of country-months.

use conflictstats::data::Ged;
use conflictstats::events::{AggregateSpec, Attribution, EventUnit, Period, aggregate};
use std::collections::HashMap;

const TOTALS: (u64, u64, u64) = (6224, 9561, 22017); // Σ low, best, high over the 1,000 events

#[test]
fn totals_are_preserved_for_every_unit_period_and_rule() {
    let ged = Ged::embedded(None).unwrap();
    for unit in [EventUnit::Country, EventUnit::Conflict, EventUnit::PrioGrid] {
        for period in [Period::Month, Period::Year] {
            for rule in [
                Attribution::SplitEven,
                Attribution::StartMonth,
                Attribution::EndMonth,
            ] {
                let t =
                    aggregate(&ged, &AggregateSpec::new(unit, period).attribution(rule)).unwrap();
                assert_eq!(
                    (t.total_low(), t.total_best(), t.total_high()),
                    TOTALS,
                    "{unit:?} {period:?} {rule:?}"
                );
                if rule != Attribution::SplitEven {
                    assert_eq!(t.events.iter().sum::<u64>(), 1000);
                }
            }
        }
    }
}

#[test]
fn sample_tables() {
    let ged = Ged::embedded(None).unwrap();
    let cy = aggregate(&ged, &AggregateSpec::new(EventUnit::Country, Period::Year)).unwrap();
    let cm = aggregate(&ged, &AggregateSpec::new(EventUnit::Country, Period::Month)).unwrap();
    let gy = aggregate(&ged, &AggregateSpec::new(EventUnit::PrioGrid, Period::Year)).unwrap();
    let ky = aggregate(&ged, &AggregateSpec::new(EventUnit::Conflict, Period::Year)).unwrap();
    // Country-year is the sum of its country-months.
    let mut from_months: HashMap<(u32, i32), (u64, u64, u64)> = HashMap::new();
    for i in 0..cm.len() {
        let e = from_months.entry((cm.unit[i], cm.year[i])).or_default();
        e.0 += cm.low[i];
        e.1 += cm.best[i];
        e.2 += cm.high[i];
    }
    assert_eq!(from_months.len(), cy.len());
    for i in 0..cy.len() {
        assert_eq!(
            from_months[&(cy.unit[i], cy.year[i])],
            (cy.low[i], cy.best[i], cy.high[i])
        );
    }
    // Every event lies within one calendar year in the sample, so country-year event counts
    // sum to the number of events.
    assert_eq!(cy.events.iter().sum::<u64>(), 1000);
    // Rows are sorted by unit, then period, and unique.
    for t in [&cy, &gy, &ky] {
        for i in 1..t.len() {
            let key = |j: usize| {
                (
                    t.type_of_violence.as_ref().map(|v| v[j]),
                    t.unit[j],
                    t.year[j],
                )
            };
            assert!(key(i - 1) < key(i));
        }
    }
    // Syria (652), 2013, from the raw CSV, computed independently.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/ucdp-ged-sample/ged231_sample_1000.csv"
    ))
    .unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (cid, yr, best) = (col("country_id"), col("year"), col("best"));
    let (tov, conflict, grid) = (
        col("type_of_violence"),
        col("conflict_new_id"),
        col("priogrid_gid"),
    );
    let mut syria_2013 = 0u64;
    // Per (type of violence, conflict, year), per (grid cell, year), per (country, year): Σ
    // best from the raw rows (every sample event lies within its `year`).
    let mut by_conflict: HashMap<(u8, u32, i32), u64> = HashMap::new();
    let mut by_grid: HashMap<(u32, i32), u64> = HashMap::new();
    let mut by_country: HashMap<(u32, i32), u64> = HashMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        if &r[cid] == "652" && &r[yr] == "2013" {
            syria_2013 += r[best].parse::<u64>().unwrap();
        }
        let (y, b): (i32, u64) = (r[yr].parse().unwrap(), r[best].parse().unwrap());
        let k = (r[tov].parse().unwrap(), r[conflict].parse().unwrap(), y);
        *by_conflict.entry(k).or_default() += b;
        *by_grid.entry((r[grid].parse().unwrap(), y)).or_default() += b;
        *by_country.entry((r[cid].parse().unwrap(), y)).or_default() += b;
    }
    assert_eq!(
        (cy.len(), gy.len(), ky.len()),
        (by_country.len(), by_grid.len(), by_conflict.len())
    );
    for i in 0..ky.len() {
        let k = (
            ky.type_of_violence.as_ref().unwrap()[i],
            ky.unit[i],
            ky.year[i],
        );
        assert_eq!(ky.best[i], by_conflict[&k], "{k:?}");
    }
    for i in 0..gy.len() {
        assert_eq!(gy.best[i], by_grid[&(gy.unit[i], gy.year[i])]);
    }
    for i in 0..cy.len() {
        assert_eq!(cy.best[i], by_country[&(cy.unit[i], cy.year[i])]);
    }
    let i = (0..cy.len())
        .find(|&i| cy.unit[i] == 652 && cy.year[i] == 2013)
        .unwrap();
    assert_eq!(cy.best[i], syria_2013);
}

#[test]
fn multi_month_event_is_split_as_documented() {
    let ged = Ged::embedded(None).unwrap();
    let e = &ged.events;
    // Event 332817: Brazil (140), 2019-01-01 .. 2019-12-22 (date_prec 5): 12 months.
    let k = e.id.iter().position(|&id| id == 332_817).unwrap();
    assert_eq!((e.country_id[k], e.date_prec[k]), (140, 5));
    let (low, best, high) = (
        u64::from(e.low[k]),
        u64::from(e.best[k]),
        u64::from(e.high[k]),
    );
    let cm = aggregate(&ged, &AggregateSpec::new(EventUnit::Country, Period::Month)).unwrap();
    let start = aggregate(
        &ged,
        &AggregateSpec::new(EventUnit::Country, Period::Month).attribution(Attribution::StartMonth),
    )
    .unwrap();
    // Brazil 2019 month by month: split minus start-month attribution isolates this event's
    // shares (the other Brazil 2019 events are single-month and identical under both rules).
    let months = |t: &conflictstats::events::EventTable| -> Vec<(u64, u64, u64)> {
        (1..=12u8)
            .map(|m| {
                (0..t.len())
                    .find(|&i| {
                        t.unit[i] == 140 && t.year[i] == 2019 && t.month.as_ref().unwrap()[i] == m
                    })
                    .map_or((0, 0, 0), |i| (t.low[i], t.best[i], t.high[i]))
            })
            .collect()
    };
    let (split, whole) = (months(&cm), months(&start));
    let mut shares = Vec::new();
    for m in 0..12 {
        let base = if m == 0 { (low, best, high) } else { (0, 0, 0) };
        let s = split[m];
        let w = whole[m];
        shares.push((s.0 + base.0 - w.0, s.1 + base.1 - w.1, s.2 + base.2 - w.2));
    }
    let expect = |d: u64| -> Vec<u64> { (0..12).map(|j| d / 12 + u64::from(j < d % 12)).collect() };
    assert_eq!(shares.iter().map(|s| s.0).collect::<Vec<_>>(), expect(low));
    assert_eq!(shares.iter().map(|s| s.1).collect::<Vec<_>>(), expect(best));
    assert_eq!(shares.iter().map(|s| s.2).collect::<Vec<_>>(), expect(high));
    // Excluding imprecise dates is reported, not silent.
    let strict = aggregate(
        &ged,
        &AggregateSpec::new(EventUnit::Country, Period::Month).max_date_prec(4),
    )
    .unwrap();
    assert_eq!(strict.excluded.events, 14);
    assert_eq!(strict.total_best() + strict.excluded.best, TOTALS.1);
}
