//! The state-year panel under each participation role, and UCDP's codes mapped to G&W's, on
//! ACD v25.1 (pinned; the 26.1 case reads the shared 26.1 file when it is there).
//!
//! Per year and role, the sums of incidence, onsets, terminations, left-censored years and
//! peace years equal `expected/state_year_roles_v25_1.csv`, written by the independent
//! reference `python3 tests/reference/state_year_roles.py
//! data/ucdp-acd/UcdpPrioConflict_v25_1.csv --summary` (Python's csv module on the raw ACD and
//! G&W list; `python/tests/test_panels.py` compares every row of every role with it).

use conflictstats::data::{Acd, GwStates, WarningKind, registry};
use conflictstats::model::GwCode;
use conflictstats::panel::{Panel, PanelSpec, Role, StateYearPanel, dyad_year, state_year};
use std::collections::BTreeMap;

fn acd_v25_1() -> Acd {
    Acd::from_entry(registry::find("ucdp-acd", Some("25.1")).unwrap()).unwrap()
}

fn panel_v25_1(role: Role) -> StateYearPanel {
    let gw = GwStates::embedded(None).unwrap();
    state_year(&gw, &acd_v25_1(), &PanelSpec::default().role(role)).unwrap()
}

/// `(incidence, conflicts, onset, termination, peace_years, left_censored)` of a row.
type Row = (
    Option<bool>,
    Option<u32>,
    Option<bool>,
    Option<bool>,
    Option<u32>,
    Option<bool>,
);

fn row(p: &StateYearPanel, gw: u16, year: i32) -> Row {
    let i = p.row(GwCode(gw), year).expect("a state-year row");
    (
        p.incidence[i],
        p.conflicts[i],
        p.onset[i],
        p.termination[i],
        p.peace_years[i],
        p.left_censored[i],
    )
}

#[test]
fn acd_v25_1_role_sums_per_year_equal_the_independent_reference() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/golden/expected/state_year_roles_v25_1.csv"
    );
    let mut expected: BTreeMap<(i32, String), [u64; 5]> = BTreeMap::new();
    for rec in csv::Reader::from_path(path).unwrap().records() {
        let rec = rec.unwrap();
        let n = |k: usize| rec[k].parse::<u64>().unwrap();
        expected.insert(
            (rec[0].parse().unwrap(), rec[1].to_string()),
            [n(2), n(3), n(4), n(5), n(6)],
        );
    }
    assert_eq!(expected.len(), 3 * 79); // 1946–2024, three roles
    for role in Role::ALL {
        let p = panel_v25_1(role);
        let mut got: BTreeMap<i32, [u64; 5]> = BTreeMap::new();
        for i in 0..p.len() {
            let s = got.entry(p.year[i]).or_default();
            s[0] += u64::from(p.incidence[i] == Some(true));
            s[1] += u64::from(p.onset[i] == Some(true));
            s[2] += u64::from(p.termination[i] == Some(true));
            s[3] += u64::from(p.left_censored[i] == Some(true));
            s[4] += u64::from(p.peace_years[i].unwrap());
        }
        for (year, sums) in got {
            assert_eq!(
                Some(&sums),
                expected.get(&(year, role.key().to_string())),
                "{role} {year}"
            );
        }
    }
}

#[test]
fn acd_v25_1_hand_cases_under_each_role() {
    let [loc, pri, any] = Role::ALL.map(panel_v25_1);
    // USA 2001: side A in Afghanistan (conflict 333) and against al-Qaida (418, located in the
    // USA): an onset after one year of peace under every role that sees it.
    assert_eq!(
        row(&any, 2, 2001),
        (
            Some(true),
            Some(2),
            Some(true),
            Some(false),
            Some(1),
            Some(false)
        )
    );
    assert_eq!(row(&pri, 2, 2001).0, Some(true));
    assert_eq!(row(&loc, 2, 2001).0, Some(true)); // 418 is located in the USA
    // Russia 2014: a secondary party in Ukraine (13246, 13247, 13306 on side B) besides its
    // own North Caucasus conflict (432): 4 conflicts as any participant, 1 as a primary party.
    assert_eq!(row(&any, 365, 2014).1, Some(4));
    assert_eq!(row(&pri, 365, 2014).1, Some(1));
    // Russia 2022: primary party to the interstate war with Ukraine (13243, located in both):
    // 1 conflict as a primary party, an onset under `location` and `primary` after a year of
    // peace; as any participant (also Syria 299 and 13604, CAR 416, Ukraine 13306) 5
    // conflicts and an episode under way since 2012.
    assert_eq!(
        row(&pri, 365, 2022),
        (
            Some(true),
            Some(1),
            Some(true),
            Some(false),
            Some(1),
            Some(false)
        )
    );
    assert_eq!(row(&loc, 365, 2022).2, Some(true));
    assert_eq!(
        row(&any, 365, 2022),
        (
            Some(true),
            Some(5),
            Some(false),
            Some(false),
            Some(0),
            Some(false)
        )
    );
    // Eritrea 2020–22: secondary party on side A in Tigray (conflict 267, Ethiopia): in
    // conflict under `any`, an onset in 2020 after a year of peace, no peace years in 2021–22;
    // under `location` at peace, with peace years 3, 4, 5 (the complaint).
    let any_eri: Vec<Row> = (2020..=2022).map(|y| row(&any, 531, y)).collect();
    assert_eq!(
        any_eri,
        [
            (
                Some(true),
                Some(1),
                Some(true),
                Some(false),
                Some(1),
                Some(false)
            ),
            (
                Some(true),
                Some(1),
                Some(false),
                Some(false),
                Some(0),
                Some(false)
            ),
            (
                Some(true),
                Some(1),
                Some(false),
                Some(true),
                Some(0),
                Some(false)
            ),
        ]
    );
    let loc_peace: Vec<Option<u32>> = (2020..=2022).map(|y| row(&loc, 531, y).4).collect();
    assert_eq!(loc_peace, [Some(3), Some(4), Some(5)]);
    assert_eq!(row(&pri, 531, 2021).0, Some(false));
    // Serbia (G&W 340) 2014: UCDP's 345, a side-A secondary supporter in the Central African
    // Republic (conflict 416 that year): `incidence_any` in every role's panel, incidence
    // under `any`; no longer a code without a state.
    for p in [&loc, &pri, &any] {
        let i = p.row(GwCode(340), 2014).unwrap();
        assert_eq!(p.incidence_any[i], Some(true), "{}", p.role);
        assert!(!p.unmatched.iter().any(|u| u.gwcode == 345));
    }
    assert_eq!(
        row(&any, 340, 2014),
        (
            Some(true),
            Some(1),
            Some(true),
            Some(false),
            Some(8),
            Some(false)
        )
    );
    // Left-censoring is coded per role: Russia (365) is in conflict at the start of coverage
    // under each role, its first episode's onset unknown.
    for p in [&loc, &pri, &any] {
        assert_eq!(
            (row(p, 365, 1946).2, row(p, 365, 1946).5),
            (None, Some(true))
        );
    }
    assert_eq!(any.role.key(), "any");
    assert_eq!(any.metadata().role, Some(Role::Any));
}

#[test]
fn acd_v25_1_unmatched_codes_are_warnings_with_years_and_conflicts() {
    let p = panel_v25_1(Role::Location);
    assert!(
        p.warnings
            .iter()
            .all(|w| w.kind == WarningKind::UnmatchedCode)
    );
    // 18 colonial locations and Hyderabad (751), warned of; the microstates Grenada (55) and
    // Tonga (972), listed only (the panel leaves microstates out by choice). Serbia's 345 is
    // mapped to 340.
    let mut distinct: Vec<u16> = p.unmatched.iter().map(|u| u.gwcode).collect();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            55, 352, 404, 435, 471, 501, 540, 541, 580, 600, 615, 616, 666, 680, 751, 811, 812,
            816, 820, 835, 972
        ]
    );
    assert_eq!(p.warnings.len(), 19);
    let cyprus = p
        .warnings
        .iter()
        .find(|w| w.message.contains("code 352"))
        .unwrap();
    assert!(cyprus.message.contains("1955–1959"), "{}", cyprus.message);
    assert!(
        cyprus.message.contains("conflict 248"),
        "{}",
        cyprus.message
    );
    assert!(cyprus.message.contains("gwno_loc"), "{}", cyprus.message);
    let hyderabad = p
        .warnings
        .iter()
        .find(|w| w.message.contains("code 751"))
        .unwrap();
    assert!(
        hyderabad.message.contains("not in the G&W list"),
        "{}",
        hyderabad.message
    );
    assert!(
        hyderabad.message.contains("conflicts 226, 11884"),
        "{}",
        hyderabad.message
    );
    // A panel that starts after the colonial wars warns of nothing; with microstates, Tonga
    // has its rows and nothing is unmatched.
    let gw = GwStates::embedded(None).unwrap();
    let spec = PanelSpec::default().years(2000, 2024);
    let late = state_year(&gw, &acd_v25_1(), &spec).unwrap();
    assert!(late.warnings.is_empty());
    let with_micro = state_year(&gw, &acd_v25_1(), &spec.microstates(true)).unwrap();
    assert!(with_micro.unmatched.is_empty());
}

#[test]
fn acd_v25_1_dyad_year_roles() {
    let gw = GwStates::embedded(None).unwrap();
    let acd = acd_v25_1();
    let spec = PanelSpec::default().years(2014, 2022);
    let primary = dyad_year(&gw, &acd, &spec).unwrap();
    let any = dyad_year(&gw, &acd, &spec.role(Role::Any)).unwrap();
    assert_eq!((primary.role, any.role), (Role::Primary, Role::Any));
    // Russia–Ukraine 2014: opposed (Russia a secondary party on side B), not interstate.
    let r = primary.row(365, 369, 2014).unwrap();
    assert_eq!(
        (primary.interstate[r], primary.opposed[r]),
        (Some(false), Some(true))
    );
    assert_eq!(primary.onset[r], Some(false));
    assert_eq!(any.onset[r], Some(true));
    // 2022: interstate; under `any` the episode continues from 2014.
    let r = primary.row(365, 369, 2022).unwrap();
    assert_eq!((primary.onset[r], any.onset[r]), (Some(true), Some(false)));
    let err = dyad_year(&gw, &acd, &spec.role(Role::Location)).unwrap_err();
    assert!(err.to_string().contains("no location"), "{err}");
}

/// ACD v26.1, read as a file from the shared data (another branch embeds it): Eritrea as
/// above, and Serbia in 2025, one more year.
#[test]
fn acd_v26_1_file_serbia_2025_under_any() {
    let path = "/work/shared/data/ucdp-acd/UcdpPrioConflict_v26_1.csv";
    if !std::path::Path::new(path).exists() {
        eprintln!("skipped: {path} is not on this machine");
        return;
    }
    let acd = Acd::from_path(path).unwrap();
    assert_eq!(acd.provenance.version, "26.1");
    let gw = GwStates::embedded(None).unwrap();
    let spec = PanelSpec::default().years(2014, 2025).role(Role::Any);
    let p = state_year(&gw, &acd, &spec).unwrap();
    let i = p.row(GwCode(531), 2021).unwrap();
    assert_eq!((p.incidence[i], p.peace_years[i]), (Some(true), Some(0)));
    // Serbia in CAR in 2025, UCDP's 345 mapped to 340; no code without a state since 2014.
    let i = p.row(GwCode(340), 2025).unwrap();
    assert_eq!(
        (p.incidence[i], p.incidence_any[i]),
        (Some(true), Some(true))
    );
    assert!(p.warnings.is_empty());
}

/// The G&W name beside every code, in the row's year (ACD v25.1 panels; the names are the
/// G&W list's, which the reference script also writes and `test_panels.py` compares row by
/// row).
#[test]
fn acd_v25_1_statename_beside_every_code() {
    let p = panel_v25_1(Role::Location);
    let name = |gw: u16, year: i32| p.statename.get(p.row(GwCode(gw), year).unwrap());
    assert_eq!(name(340, 2014), Some("Serbia")); // UCDP's 345 after 2006
    assert_eq!(name(345, 1999), Some("Yugoslavia"));
    assert_eq!(name(365, 2022), Some("Russia (Soviet Union)"));
    assert_eq!(p.statename.len(), p.len());
    assert!((0..p.len()).all(|i| p.statename.get(i).is_some()));
    let cols: Vec<&str> = p.columns().iter().map(|(n, _)| *n).collect();
    assert_eq!(cols[..3], ["gwcode", "statename", "year"]);
    let csv = p.to_csv();
    assert!(csv.lines().any(|l| l.starts_with("340,Serbia,2014,")));
    // A name with a comma is quoted in CSV.
    assert!(
        csv.lines()
            .any(|l| l.starts_with("732,\"Korea, Republic of\",2014,"))
    );
    assert_eq!(
        p.to_json()["rows"][0]["statename"],
        serde_json::json!("United States of America")
    );

    let gw = GwStates::embedded(None).unwrap();
    let d = dyad_year(&gw, &acd_v25_1(), &PanelSpec::default().years(2022, 2022)).unwrap();
    let r = d.row(365, 369, 2022).unwrap();
    assert_eq!(
        (d.statename_a.get(r), d.statename_b.get(r)),
        (Some("Russia (Soviet Union)"), Some("Ukraine"))
    );
    let cols: Vec<&str> = d.columns().iter().map(|(n, _)| *n).collect();
    assert_eq!(
        cols[..5],
        ["gwcode_a", "statename_a", "gwcode_b", "statename_b", "year"]
    );
}
