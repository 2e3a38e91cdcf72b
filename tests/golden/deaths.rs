//! Deaths in organized violence: UCDP's published totals reproduced from the v24.1 and v25.1
//! files.

use conflictstats::data::{Brd, BrdLevel};
use conflictstats::deaths::{by_conflict_year, embedded_by_form_of_violence};

#[test]
fn deaths_v25_1_in_all_three_forms_2024() {
    let (rows, provenance) = embedded_by_form_of_violence(Some("25.1")).unwrap();
    assert!(provenance.iter().all(|p| p.version == "25.1"));
    assert_eq!(
        provenance[0].title,
        "UCDP Battle-Related Deaths Dataset (conflict-level version)"
    );
    let y = rows.iter().find(|r| r.year == 2024).unwrap();
    assert_eq!(
        (y.state_based.best, y.non_state.best, y.one_sided.best),
        (128_439, 17_471, 13_927)
    );
    assert_eq!(y.total.best, 159_837);
    assert_eq!(
        (rows.first().map(|r| r.year), rows.last().map(|r| r.year)),
        (Some(1989), Some(2024))
    );
}

#[test]
fn deaths_v24_1_in_all_three_forms_match_ucdp_published_totals() {
    let (rows, provenance) = embedded_by_form_of_violence(Some("24.1")).unwrap();
    assert!(provenance.iter().all(|p| p.version == "24.1"));
    let get = |y: i32| rows.iter().find(|r| r.year == y).unwrap();
    // UCDP (Davies et al. 2024): about 154,000 deaths in 2023 and about 310,000 in 2022.
    assert_eq!(get(2023).total.best, 153_691);
    assert_eq!(get(2022).total.best, 310_306);
    assert_eq!(
        (
            get(2023).state_based.best,
            get(2023).non_state.best,
            get(2023).one_sided.best
        ),
        (122_518, 20_898, 10_275)
    );
    assert_eq!(rows.first().map(|r| r.year), Some(1989));
    assert_eq!(rows.last().map(|r| r.year), Some(2023));
    for r in &rows {
        assert_eq!(
            r.total.best,
            r.state_based.best + r.non_state.best + r.one_sided.best
        );
    }
}

#[test]
fn brd_v24_1_conflict_year_battle_deaths() {
    let brd = conflictstats::data::BattleDeaths::embedded(Some("24.1")).unwrap();
    let cy = by_conflict_year(&Brd::Dyad(brd.clone()));
    // Russia–Ukraine (13243) in 2022: a single dyad.
    let ru = cy
        .iter()
        .find(|r| r.conflict_id.0 == 13243 && r.year == 2022)
        .unwrap();
    let raw = brd
        .records
        .iter()
        .find(|r| r.conflict_id.0 == 13243 && r.year == 2022)
        .unwrap();
    assert_eq!(ru.dyads, 1);
    assert_eq!(ru.deaths.best, u64::from(raw.bd_best));
    assert_eq!(ru.deaths.best, 91_723);
    // The deadliest conflict-year of 2022 is Ethiopia (267: two dyads, TPLF and OLA), not
    // Russia–Ukraine: the summing over dyads matters.
    let max_2022 = cy
        .iter()
        .filter(|r| r.year == 2022)
        .max_by_key(|r| r.deaths.best)
        .unwrap();
    assert_eq!(
        (max_2022.conflict_id.0, max_2022.dyads, max_2022.deaths.best),
        (267, 2, 162_453)
    );
}

/// Every conflict-year and every country-year of a BRD release against sums made from the raw
/// CSV with the `csv` crate: Σ bd_low/best/high over the rows of a conflict-year (dyad-years,
/// or the one conflict-level row, whose `dyad_id` lists its dyads), and over the rows fought
/// in a state (`gwno_battle`, a list: a row fought in several states counts fully in each, and
/// is then "shared").
fn brd_sums_match_the_raw_file(version: &str, file: &str, level: BrdLevel) {
    use std::collections::{BTreeMap, BTreeSet};
    let mut rdr = csv::Reader::from_path(crate::raw::data(file)).unwrap();
    let h = rdr.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (cid, yr, battle, dyad) = (
        col("conflict_id"),
        col("year"),
        col("gwno_battle"),
        col("dyad_id"),
    );
    let est = [col("bd_low"), col("bd_best"), col("bd_high")];
    // (year, id) -> ([low, best, high], dyad-years or shared dyad-years)
    let mut by_conflict: BTreeMap<(i32, u32), ([u64; 3], u32)> = BTreeMap::new();
    let mut by_country: BTreeMap<(i32, u16), ([u64; 3], u32)> = BTreeMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let y: i32 = rec[yr].parse().unwrap();
        let d = est.map(|c| rec[c].parse::<u64>().unwrap());
        let add = |e: &mut ([u64; 3], u32), n: u32| {
            (0..3).for_each(|k| e.0[k] += d[k]);
            e.1 += n;
        };
        let dyads = u32::try_from(rec[dyad].split(',').count()).unwrap();
        add(
            by_conflict
                .entry((y, rec[cid].parse().unwrap()))
                .or_default(),
            dyads,
        );
        let states: BTreeSet<u16> = rec[battle]
            .split(',')
            .map(|t| t.trim().parse().unwrap())
            .collect();
        let shared = u32::from(rec[battle].contains(','));
        for gw in states {
            add(by_country.entry((y, gw)).or_default(), shared);
        }
    }
    let brd = Brd::embedded(Some(version)).unwrap();
    assert_eq!(brd.level(), level);
    let cy: BTreeMap<(i32, u32), ([u64; 3], u32)> = by_conflict_year(&brd)
        .iter()
        .map(|r| {
            let e = &r.deaths;
            (
                (r.year, r.conflict_id.0),
                ([e.low, e.best, e.high], r.dyads),
            )
        })
        .collect();
    assert_eq!(cy, by_conflict);
    let ky: BTreeMap<(i32, u16), ([u64; 3], u32)> = conflictstats::deaths::by_country_year(&brd)
        .unwrap()
        .iter()
        .map(|r| {
            let e = &r.deaths;
            ((r.year, r.gwno.0), ([e.low, e.best, e.high], r.shared_rows))
        })
        .collect();
    assert_eq!(ky, by_country);
}

#[test]
fn brd_v24_1_dyadic_sums_match_the_raw_file() {
    brd_sums_match_the_raw_file("24.1", "ucdp-brd/BattleDeaths_v24_1.csv", BrdLevel::Dyad);
}

#[test]
fn brd_v25_1_conflict_level_sums_match_the_raw_file() {
    brd_sums_match_the_raw_file(
        "25.1",
        "ucdp-brd/BattleDeaths_v25_1_conf.csv",
        BrdLevel::Conflict,
    );
}
