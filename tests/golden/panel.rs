//! Panels on the real data: the G&W frame, peace spells, onsets against UCDP's own episode
//! coding, hand-checked rows.

use conflictstats::data::{Acd, GwStates};
use conflictstats::model::GwCode;
use conflictstats::panel::{ColumnRef, Panel, PanelSpec, conflict_year, dyad_year, state_year};
use std::collections::{BTreeSet, HashMap};

/// Members per year computed independently from the raw CSV (not through the loader).
fn members_from_csv(include_micro: bool) -> HashMap<i32, BTreeSet<u16>> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../data/gwstates/gwstates.csv"
    ))
    .unwrap();
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let mut out: HashMap<i32, BTreeSet<u16>> = HashMap::new();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        if !include_micro && &rec[5] == "TRUE" {
            continue;
        }
        let gw: u16 = rec[0].parse().unwrap();
        let start: i32 = rec[3][..4].parse().unwrap();
        let end: i32 = rec[4][..4].parse().unwrap();
        for y in start..=end.min(2100) {
            out.entry(y).or_default().insert(gw);
        }
    }
    out
}

#[test]
fn state_year_rows_are_the_gw_members_of_each_year() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = Acd::embedded(Some("25.1")).unwrap();
    for micro in [false, true] {
        let spec = PanelSpec::default().years(1900, 2024).microstates(micro);
        let p = state_year(&gw, &acd, &spec).unwrap();
        let expected = members_from_csv(micro);
        let mut total = 0;
        for year in 1900..=2024 {
            let got: BTreeSet<u16> = (0..p.len())
                .filter(|&i| p.year[i] == year)
                .map(|i| p.gwcode[i])
                .collect();
            assert_eq!(
                got, expected[&year],
                "members in {year}, microstates {micro}"
            );
            total += got.len();
        }
        assert_eq!(p.len(), total);
    }
    let p = state_year(&gw, &acd, &PanelSpec::default()).unwrap();
    assert_eq!(
        (p.rows_in(1946), p.rows_in(1990), p.rows_in(2024), p.len()),
        (71, 152, 174, 11_360)
    );
}

#[test]
fn outside_coverage_is_null_not_zero() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let p = state_year(&gw, &acd, &PanelSpec::default().years(1930, 2030)).unwrap();
    for i in 0..p.len() {
        let covered = (1946..=2024).contains(&p.year[i]);
        for (name, col) in p.columns() {
            let is_some = match col {
                ColumnRef::OptBool(v) => v[i].is_some(),
                ColumnRef::OptU32(v) => v[i].is_some(),
                ColumnRef::OptU8(v) => v[i].is_some(),
                _ => continue,
            };
            if !covered {
                assert!(!is_some, "{name} {} {}", p.gwcode[i], p.year[i]);
            } else if name.starts_with("incidence")
                || name == "conflicts"
                || name.starts_with("peace")
            {
                assert!(is_some, "{name} {} {}", p.gwcode[i], p.year[i]);
            }
        }
        assert_eq!(p.peace_years[i].is_some(), covered);
        assert_eq!(p.conflicts[i].is_some(), covered);
    }
    // The CSV writes nulls as empty fields.
    let csv = p.to_csv();
    let line = csv
        .lines()
        .find(|l| l.starts_with("2,United States of America,1930,"))
        .expect("USA 1930 row");
    // The `role` column names the participation coded, in every row.
    assert_eq!(
        line,
        "2,United States of America,1930,,,,,,,,,,,,,,,,location,ucdp-acd 25.1"
    );
}

#[test]
fn peace_years_and_onsets_follow_their_rules() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = Acd::embedded(Some("25.1")).unwrap();
    for gap in [1, 2, 5] {
        let p = state_year(&gw, &acd, &PanelSpec::default().gap(gap)).unwrap();
        for i in 0..p.len() {
            let inc = p.incidence[i].unwrap();
            let consecutive =
                i > 0 && p.gwcode[i - 1] == p.gwcode[i] && p.year[i - 1] + 1 == p.year[i];
            if inc {
                assert_eq!(p.years_since_active[i], Some(0));
            } else if consecutive {
                assert_eq!(
                    p.years_since_active[i],
                    p.years_since_active[i - 1].map(|v| v + 1)
                );
            }
            // Peace years before t: 0 after a year with incidence, else one more than the year
            // before; an onset year carries the spell it ends, and is at risk.
            if consecutive {
                let expected = if p.incidence[i - 1] == Some(true) {
                    Some(0)
                } else {
                    p.peace_years[i - 1].map(|v| v + 1)
                };
                assert_eq!(p.peace_years[i], expected, "{} {}", p.gwcode[i], p.year[i]);
            }
            if p.onset[i] == Some(true) {
                assert!(inc);
                assert_eq!(p.at_risk[i], Some(true));
                assert_eq!(p.years_since_onset[i], Some(0));
                if consecutive {
                    assert!(p.peace_years[i] >= p.years_since_active[i - 1]);
                }
                // Never two onsets of one episode: an onset starts a new episode id.
                if consecutive {
                    assert_ne!(p.onset[i - 1], Some(true), "{} {}", p.gwcode[i], p.year[i]);
                    assert_ne!(p.episode_id[i - 1], p.episode_id[i]);
                }
            }
            if p.episode_id[i].is_some() && consecutive && p.episode_id[i - 1] == p.episode_id[i] {
                assert_ne!(p.onset[i], Some(true));
            }
        }
    }
}

#[test]
fn conflict_episodes_with_gap_one_are_ucdps() {
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let p = conflict_year(&acd, &PanelSpec::default().active_only(true)).unwrap();
    let rec: HashMap<(u32, i32), &conflictstats::model::ConflictYear> = acd
        .records
        .iter()
        .map(|r| ((r.conflict_id.0, r.year), r))
        .collect();
    let (mut onsets, mut censored) = (0, 0);
    for i in 0..p.len() {
        let r = rec[&(p.conflict_id[i], p.year[i])];
        // UCDP's ep_end is our termination (unknown in the last year of coverage).
        if p.year[i] < 2024 {
            assert_eq!(
                p.termination[i],
                Some(r.ep_end),
                "{} {}",
                p.conflict_id[i],
                p.year[i]
            );
        } else {
            assert_eq!(p.termination[i], None);
        }
        // An onset year is the year the episode reached 25 deaths (start_date2).
        match p.onset[i] {
            Some(true) => {
                onsets += 1;
                assert_eq!(
                    r.start_date2.format("%Y").to_string(),
                    p.year[i].to_string()
                );
            }
            None => {
                censored += 1;
                assert_eq!(p.year[i], 1946);
                assert!(p.left_censored[i]);
            }
            Some(false) => {}
        }
    }
    assert_eq!(censored, 17); // the conflicts active in 1946
    // With gap 1 every onset is an active year after an inactive one: counted from the raw
    // ACD rows (conflict_id, year) read with the csv crate.
    let raw: std::collections::BTreeSet<(u32, i32)> = {
        let mut rdr = csv::Reader::from_path(crate::raw::data(crate::raw::ACD)).unwrap();
        let h = rdr.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|c| c == n).unwrap();
        let (id, year) = (col("conflict_id"), col("year"));
        rdr.records()
            .map(|r| {
                let r = r.unwrap();
                (r[id].parse().unwrap(), r[year].parse().unwrap())
            })
            .collect()
    };
    assert_eq!(raw.len(), p.len());
    let independent = raw
        .iter()
        .filter(|&&(c, y)| y > 1946 && !raw.contains(&(c, y - 1)))
        .count();
    assert_eq!(onsets, independent);
    // Conflict 213 (Soviet Union, started 1941) is left-censored.
    let i = (0..p.len())
        .find(|&i| p.conflict_id[i] == 213 && p.year[i] == 1946)
        .unwrap();
    assert_eq!((p.onset[i], p.left_censored[i]), (None, true));
}

#[test]
fn gap_of_one_versus_five_inactive_years() {
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let onset = |gap: u32, id: u32, year: i32| {
        let p = conflict_year(&acd, &PanelSpec::default().gap(gap)).unwrap();
        let i = (0..p.len())
            .find(|&i| p.conflict_id[i] == id && p.year[i] == year)
            .unwrap();
        (p.onset[i], p.episode_id[i])
    };
    // Conflict 205 (Iran: KDPI): active 1988, inactive 1989, active 1990.
    assert_eq!(onset(1, 205, 1990).0, Some(true));
    assert_eq!(onset(2, 205, 1990).0, Some(false));
    let (_, ep_1989) = onset(2, 205, 1989); // the lull belongs to the bridged episode
    assert_eq!(ep_1989, onset(2, 205, 1988).1);
    // Conflict 224 (Myanmar: BMA): active 1990, inactive 1991–1995, active 1996.
    assert_eq!(onset(1, 224, 1996).0, Some(true));
    assert_eq!(onset(5, 224, 1996).0, Some(true));
    assert_eq!(onset(6, 224, 1996).0, Some(false));
}

#[test]
fn hand_checked_state_years() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let p = state_year(&gw, &acd, &PanelSpec::default().years(1900, 2024)).unwrap();
    let get = |code: u16, year: i32| p.row(GwCode(code), year);
    // Canada 1950: only a secondary party on side B (Korean War, conflict 235): not a
    // location, not a primary party, but a party.
    let i = get(20, 1950).unwrap();
    assert_eq!(
        (p.incidence[i], p.incidence_primary[i], p.incidence_any[i]),
        (Some(false), Some(false), Some(true))
    );
    // Ukraine 2023: on side B of the interstate war with Russia and nowhere on side A.
    let i = get(369, 2023).unwrap();
    assert_eq!(
        (p.incidence[i], p.incidence_primary[i]),
        (Some(true), Some(true))
    );
    // Estonia leaves the system in 1940 and re-enters in 1991.
    assert!(get(366, 1940).is_some() && get(366, 1941).is_none() && get(366, 1990).is_none());
    let i = get(366, 1991).unwrap();
    assert_eq!(p.incidence[i], Some(false));
    assert_eq!(
        (p.peace_years[i], p.peace_censored[i]),
        (Some(0), Some(false))
    );
    assert_eq!(p.incidence[get(366, 1939).unwrap()], None); // before ACD coverage
    // USA 1946: at peace, history before 1946 unknown: the spell is flagged censored.
    let i = get(2, 1946).unwrap();
    assert_eq!(
        (p.peace_years[i], p.peace_censored[i]),
        (Some(0), Some(true))
    );
    // Israel: a new state in conflict in its first year (1948): an observed onset.
    let i = get(666, 1948).unwrap();
    assert_eq!((p.onset[i], p.left_censored[i]), (Some(true), Some(false)));
    // Russia 1946: active at the start of coverage: left-censored, onset unknown.
    let i = get(365, 1946).unwrap();
    assert_eq!(
        (p.onset[i], p.left_censored[i], p.conflict_onsets[i]),
        (None, Some(true), None)
    );
    // Germany: 255 ends 1945, 260 starts 1949; no German state-year 1946–1948.
    assert!(get(255, 1946).is_none() && get(260, 1948).is_none() && get(260, 1949).is_some());
}

#[test]
fn dyad_years() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = Acd::embedded(Some("25.1")).unwrap();
    let und = dyad_year(&gw, &acd, &PanelSpec::default().years(2024, 2024)).unwrap();
    let n = 174; // non-microstate members in 2024
    assert_eq!(und.len(), n * (n - 1) / 2);
    let dir = dyad_year(
        &gw,
        &acd,
        &PanelSpec::default().years(2024, 2024).directed(true),
    )
    .unwrap();
    assert_eq!(dir.len(), n * (n - 1));
    // Russia–Ukraine: onset 2022, ongoing since.
    let p = dyad_year(&gw, &acd, &PanelSpec::default().years(2020, 2024)).unwrap();
    let i = p.row(365, 369, 2021).unwrap();
    assert_eq!(p.interstate[i], Some(false));
    let i = p.row(365, 369, 2022).unwrap();
    assert_eq!(
        (p.interstate[i], p.onset[i], p.years_since_active[i]),
        (Some(true), Some(true), Some(0))
    );
    assert_eq!(p.at_risk[i], Some(true));
    // 1991 (Ukraine's entry) – 2021: 31 years of peace before the 2022 onset.
    assert_eq!(p.peace_years[i], Some(31));
    let i = p.row(365, 369, 2024).unwrap();
    assert_eq!((p.onset[i], p.termination[i]), (Some(false), None));
    // Undirected rows have a < b.
    assert!((0..p.len()).all(|i| p.gwcode_a[i] < p.gwcode_b[i]));
}

/// The conflict-dyad-year panel on UCDP Dyadic v24.1 (coverage 1946–2023).
mod conflict_dyad_years {
    use conflictstats::data::Dyadic;
    use conflictstats::panel::{ColumnRef, Panel, PanelSpec, conflict_dyad_year};
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    /// Raw Dyadic rows as `(dyad_id, year) -> (intensity, type, start_date2 year)`, read with
    /// the csv crate from the shipped file (not through the loader).
    fn raw_dyadic() -> BTreeMap<(u32, i32), (u8, u8, String)> {
        let mut rdr = csv::Reader::from_path(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../data/ucdp-dyadic/Dyadic_v24_1.csv"
        ))
        .unwrap();
        let h = rdr.headers().unwrap().clone();
        let col = |name: &str| h.iter().position(|c| c == name).unwrap();
        let (d, y, it, ty, sd2) = (
            col("dyad_id"),
            col("year"),
            col("intensity_level"),
            col("type_of_conflict"),
            col("start_date2"),
        );
        let mut out = BTreeMap::new();
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let key = (rec[d].parse().unwrap(), rec[y].parse().unwrap());
            let val = (
                rec[it].parse().unwrap(),
                rec[ty].parse().unwrap(),
                rec[sd2][..4].to_string(),
            );
            assert!(out.insert(key, val).is_none(), "duplicate {key:?}");
        }
        out
    }

    #[test]
    fn active_rows_per_year_are_the_dyadic_rows_per_year() {
        let raw = raw_dyadic();
        assert_eq!(raw.len(), 3357);
        let mut expected: BTreeMap<i32, usize> = BTreeMap::new();
        for &(_, y) in raw.keys() {
            *expected.entry(y).or_default() += 1;
        }
        let dy = Dyadic::embedded(Some("24.1")).unwrap();
        let p = conflict_dyad_year(&dy, &PanelSpec::default()).unwrap();
        let mut got: BTreeMap<i32, usize> = BTreeMap::new();
        for i in (0..p.len()).filter(|&i| p.active[i]) {
            *got.entry(p.year[i]).or_default() += 1;
            // Active rows carry the raw intensity and type; the key exists in the raw file.
            let (it, ty, _) = &raw[&(p.dyad_id[i], p.year[i])];
            assert_eq!(
                (p.intensity[i], p.type_of_conflict[i]),
                (Some(*it), Some(*ty))
            );
        }
        assert_eq!(got, expected);
        assert_eq!((got[&1946], got[&1990], got[&2023]), (18, 65, 68));
        // Every row from a dyad's first active year to 2023; inactive rows have null codes.
        let first: HashMap<u32, i32> = raw.keys().rev().map(|&(d, y)| (d, y)).collect();
        let dyads: BTreeSet<u32> = raw.keys().map(|&(d, _)| d).collect();
        let expected_rows: usize = first.values().map(|&y| (2023 - y + 1) as usize).sum();
        assert_eq!(p.len(), expected_rows);
        assert_eq!(p.len(), 23_910);
        assert_eq!(dyads.len(), 675);
        for i in (0..p.len()).filter(|&i| !p.active[i]) {
            assert_eq!((p.intensity[i], p.type_of_conflict[i]), (None, None));
            assert!(!raw.contains_key(&(p.dyad_id[i], p.year[i])));
        }
        // active_only: exactly the raw rows.
        let a = conflict_dyad_year(&dy, &PanelSpec::default().active_only(true)).unwrap();
        let keys: Vec<(u32, i32)> = (0..a.len()).map(|i| (a.dyad_id[i], a.year[i])).collect();
        assert_eq!(keys, raw.keys().copied().collect::<Vec<_>>());
    }

    #[test]
    fn outside_coverage_no_rows_and_nothing_reads_as_zero() {
        let dy = Dyadic::embedded(Some("24.1")).unwrap();
        let p = conflict_dyad_year(&dy, &PanelSpec::default().years(1930, 2030)).unwrap();
        let full = conflict_dyad_year(&dy, &PanelSpec::default()).unwrap();
        assert_eq!(p.len(), full.len());
        assert!(p.year.iter().all(|y| (1946..=2023).contains(y)));
        assert_eq!(p.coverage, (1946, 2023));
        // A window: the rows of those years only, episodes computed over the whole coverage.
        let w = conflict_dyad_year(&dy, &PanelSpec::default().years(1975, 1976)).unwrap();
        assert!(w.year.iter().all(|y| (1975..=1976).contains(y)));
        for i in 0..w.len() {
            let j = full.row(w.dyad_id[i], w.year[i]).unwrap();
            assert_eq!(
                (w.onset[i], w.episode_id[i], w.termination[i]),
                (full.onset[j], full.episode_id[j], full.termination[j])
            );
        }
        // Termination is unknown (null) in 2023, the last year of coverage, never 0.
        for i in (0..full.len()).filter(|&i| full.year[i] == 2023 && full.active[i]) {
            assert_eq!(full.termination[i], None, "dyad {}", full.dyad_id[i]);
        }
        let csv = full.to_csv();
        assert!(csv.starts_with(
            "dyad_id,conflict_id,year,active,type_of_conflict,intensity,onset,termination,\
             episode_id,left_censored,peace_years,at_risk,years_since_active,source\n"
        ));
        assert!(
            csv.lines()
                .skip(1)
                .all(|l| l.ends_with(",ucdp-dyadic 24.1"))
        );
        // The only nulls are in the nullable columns, and they follow activity.
        for (name, col) in full.columns() {
            if let ColumnRef::OptU8(v) = col {
                let nulls = v.iter().filter(|x| x.is_none()).count();
                assert_eq!(nulls, full.len() - 3357, "{name}");
            }
        }
    }

    #[test]
    fn onsets_are_ucdps_start_date2_and_never_inside_an_episode() {
        let raw = raw_dyadic();
        let dy = Dyadic::embedded(Some("24.1")).unwrap();
        for gap in [1, 2, 5] {
            let p = conflict_dyad_year(&dy, &PanelSpec::default().gap(gap)).unwrap();
            let (mut onsets, mut censored) = (0, 0);
            let mut prev_active: Option<usize> = None; // previous active row of the dyad
            for i in 0..p.len() {
                if i > 0 && p.dyad_id[i - 1] != p.dyad_id[i] {
                    prev_active = None;
                }
                if !p.active[i] {
                    if p.onset[i] == Some(true) {
                        panic!("onset in an inactive year: {} {}", p.dyad_id[i], p.year[i]);
                    }
                    continue;
                }
                match p.onset[i] {
                    Some(true) => {
                        onsets += 1;
                        // Never an onset within an episode: consecutive active years of one
                        // episode never both start it.
                        if let Some(j) = prev_active {
                            assert_ne!(p.episode_id[j], p.episode_id[i]);
                            assert!(p.year[i] - p.year[j] > gap as i32);
                        }
                        // With UCDP's gap the onset year is the year of start_date2.
                        if gap == 1 {
                            let (_, _, sd2) = &raw[&(p.dyad_id[i], p.year[i])];
                            assert_eq!(sd2, &p.year[i].to_string());
                        }
                    }
                    None => {
                        censored += 1;
                        assert!(p.left_censored[i] && p.year[i] == 1946);
                    }
                    Some(false) => {
                        // Continuing an episode: the previous active year is within the gap.
                        let j = prev_active.expect("a continuing year follows an active one");
                        assert_eq!(p.episode_id[j], p.episode_id[i]);
                        assert!(p.year[i] - p.year[j] <= gap as i32);
                    }
                }
                prev_active = Some(i);
            }
            assert_eq!(censored, 18, "gap {gap}"); // the 18 dyads active in 1946
            if gap == 1 {
                // Every gap-1 onset: an active year after an inactive one (961 in v24.1).
                let independent = raw
                    .keys()
                    .filter(|&&(d, y)| y > 1946 && !raw.contains_key(&(d, y - 1)))
                    .count();
                assert_eq!((onsets, independent), (961, 961));
            }
        }
    }

    #[test]
    fn hand_checked_dyads() {
        let dy = Dyadic::embedded(Some("24.1")).unwrap();
        let p = conflict_dyad_year(&dy, &PanelSpec::default()).unwrap();
        let get = |d: u32, y: i32| {
            let i = p.row(d, y).unwrap();
            (
                p.active[i],
                p.type_of_conflict[i],
                p.onset[i],
                p.termination[i],
                p.episode_id[i],
                p.years_since_active[i],
            )
        };
        // Dyad 534, conflict 261, Government of Malaysia vs CPM. Raw rows (year, intensity,
        // type, start_date, start_date2):
        //   1958,1,4,1957-12-31,1958-12-31   1959,1,4,…,1958-12-31   1960,1,4,…,1958-12-31
        //   1974,1,3,1957-12-31,1974-01-15   1975,1,3,…,1974-01-15
        //   1981,1,3,1957-12-31,1981-12-31
        // Gap 1: episodes 1958–1960, 1974–1975, 1981; onsets in the start_date2 years;
        // the type changes 4 → 3 once the UK, Australia and New Zealand no longer take part.
        let i = p.row(534, 1958).unwrap();
        assert_eq!((p.conflict_id[i], p.left_censored[i]), (261, false));
        assert_eq!(
            get(534, 1958),
            (true, Some(4), Some(true), Some(false), Some(1), 0)
        );
        assert_eq!(
            get(534, 1960),
            (true, Some(4), Some(false), Some(true), Some(1), 0)
        );
        assert_eq!(
            get(534, 1961),
            (false, None, Some(false), Some(false), None, 1)
        );
        assert_eq!(
            get(534, 1973),
            (false, None, Some(false), Some(false), None, 13)
        );
        assert_eq!(
            get(534, 1974),
            (true, Some(3), Some(true), Some(false), Some(2), 0)
        );
        assert_eq!(
            get(534, 1975),
            (true, Some(3), Some(false), Some(true), Some(2), 0)
        );
        assert_eq!(
            get(534, 1981),
            (true, Some(3), Some(true), Some(true), Some(3), 0)
        );
        assert_eq!(
            get(534, 2023),
            (false, None, Some(false), Some(false), None, 42)
        );
        assert_eq!(p.row(534, 1957), None); // no row before the first active year
        // Peace years before t (the field's convention): the 1974 onset ends the 13-year spell
        // 1961–1973, the 1981 onset the 5-year spell 1976–1980; 1961 follows an active year.
        let peace = |y: i32| {
            let i = p.row(534, y).unwrap();
            (p.peace_years[i], p.at_risk[i])
        };
        assert_eq!(peace(1974), (13, Some(true)));
        assert_eq!(peace(1981), (5, Some(true)));
        assert_eq!(peace(1961), (0, Some(false)));
        assert_eq!(peace(1975), (0, Some(false)));
        assert_eq!(peace(1962), (1, Some(true)));
        // Gap 5 bridges none of its lulls (13 and 5 inactive years), gap 6 bridges 1976–1980.
        for (gap, ep_1981, onset_1981) in [(5, 3, Some(true)), (6, 2, Some(false))] {
            let q = conflict_dyad_year(&dy, &PanelSpec::default().gap(gap)).unwrap();
            let i = q.row(534, 1981).unwrap();
            assert_eq!((q.episode_id[i], q.onset[i]), (Some(ep_1981), onset_1981));
        }

        // Dyad 417, conflict 213, Soviet Union vs UPA: active 1946–1950 (start_date
        // 1941-12-31): under way when the data start, so left-censored, onset unknown.
        let i = p.row(417, 1946).unwrap();
        assert_eq!(
            (p.onset[i], p.left_censored[i], p.episode_id[i]),
            (None, true, Some(1))
        );
        assert_eq!(
            get(417, 1950),
            (true, Some(3), Some(false), Some(true), Some(1), 0)
        );
        assert!(p.left_censored[p.row(417, 1950).unwrap()]);
        assert!(!p.left_censored[p.row(417, 1951).unwrap()]);
    }
}

/// ACD v25.1 state-year panel: peace years in the field's convention. Before, `peace_years`
/// was 0 in every onset year (it counted the onset year itself), so a logit of onset on peace
/// years separated perfectly. Now an onset year carries the spell it ends: 0 only for a state
/// in conflict in its first observed year.
#[test]
fn acd_v25_1_onset_years_carry_the_peace_spell_they_end() {
    let gw = GwStates::embedded(None).unwrap();
    let acd =
        Acd::from_entry(conflictstats::data::registry::find("ucdp-acd", Some("25.1")).unwrap())
            .unwrap();
    let p = state_year(&gw, &acd, &PanelSpec::default()).unwrap();
    let onsets: Vec<usize> = (0..p.len()).filter(|&i| p.onset[i] == Some(true)).collect();
    assert!(onsets.len() > 300, "{}", onsets.len());
    let first_year = |i: usize| i == 0 || p.gwcode[i - 1] != p.gwcode[i];
    for &i in &onsets {
        assert_eq!(p.at_risk[i], Some(true));
        if p.peace_years[i] == Some(0) {
            assert!(first_year(i), "{} {}", p.gwcode[i], p.year[i]);
        }
    }
    let with_spell = onsets
        .iter()
        .filter(|&&i| p.peace_years[i] > Some(0))
        .count();
    assert!(
        with_spell * 10 > onsets.len() * 9,
        "{with_spell} of {}",
        onsets.len()
    );
    // Not at risk: the years that continue an episode.
    let continuing = (0..p.len())
        .filter(|&i| !first_year(i) && p.incidence[i - 1] == Some(true))
        .all(|i| p.at_risk[i] == Some(false));
    assert!(continuing);
}
