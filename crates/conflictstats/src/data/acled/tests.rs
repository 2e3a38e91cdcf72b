//! Small files in ACLED's layout (no ACLED data is shipped): the loader's checks, and golden
//! figures of the aggregation, computed by hand in the comments.

use super::*;
use crate::data::Crosswalk;
use crate::events::{AcledSpec, Period, Unmatched, aggregate_acled};

/// ACLED's 31 columns since 2023-03-20, in ACLED's order.
const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// One row: `(id, date, year, time_precision, disorder_type, event_type, sub_event_type, iso,
/// country, fatalities)`, the other columns filled as ACLED fills them (a note with a comma,
/// a quote and a newline; empty actor 2).
type R<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

fn row(r: R<'_>) -> String {
    let (id, date, year, tp, dis, ev, sub, iso, country, fat) = r;
    format!(
        "{id},{date},{year},{tp},{dis},{ev},{sub},Military Forces,,State forces,,,,State forces only,,{iso},Eastern Africa,{country},Khartoum,,,Khartoum,15.5881,32.5342,1,Local partner,National,\"On {date}, \"\"clashes\"\"\nin town.\",{fat},,1700000000\n"
    )
}

fn file(rows: &[R<'_>]) -> String {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(&row(*r));
    }
    s
}

const PV: &str = "Political violence";
const DEM: &str = "Demonstrations";

/// The golden file: 11 events, 69 fatalities.
fn golden() -> Vec<R<'static>> {
    vec![
        (
            "SDN1",
            "2024-03-14",
            "2024",
            "1",
            PV,
            "Battles",
            "Armed clash",
            "729",
            "Sudan",
            "7",
        ),
        (
            "SDN2",
            "15 March 2024",
            "2024",
            "2",
            PV,
            "Explosions/Remote violence",
            "Air/drone strike",
            "729",
            "Sudan",
            "12",
        ),
        (
            "SDN3",
            "2024-04-02",
            "2024",
            "1",
            PV,
            "Violence against civilians",
            "Attack",
            "729",
            "Sudan",
            "5",
        ),
        (
            "SDN4",
            "20 April 2024",
            "2024",
            "3",
            PV,
            "Battles",
            "Armed clash",
            "729",
            "Sudan",
            "4",
        ),
        (
            "SDN5",
            "2024-03-01",
            "2024",
            "1",
            DEM,
            "Protests",
            "Peaceful protest",
            "729",
            "Sudan",
            "0",
        ),
        // South Sudan before independence (G&W 626 from 2011-07-09): no G&W state that day.
        (
            "SSD1",
            "2011-03-10",
            "2011",
            "1",
            PV,
            "Battles",
            "Armed clash",
            "728",
            "South Sudan",
            "9",
        ),
        (
            "SSD2",
            "2011-08-01",
            "2011",
            "1",
            PV,
            "Battles",
            "Armed clash",
            "728",
            "South Sudan",
            "6",
        ),
        // Palestine: an ISO entity without a G&W state.
        (
            "PSE1",
            "2024-03-02",
            "2024",
            "1",
            PV,
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
            "275",
            "Palestine",
            "20",
        ),
        // 0: no ISO code at all.
        (
            "XKX1",
            "2024-05-05",
            "2024",
            "1",
            PV,
            "Riots",
            "Mob violence",
            "0",
            "Kosovo",
            "1",
        ),
        (
            "MLI1",
            "31 December 2023",
            "2023",
            "1",
            PV,
            "Violence against civilians",
            "Abduction/forced disappearance",
            "466",
            "Mali",
            "2",
        ),
        (
            "SDN6",
            "2024-03-25",
            "2024",
            "1",
            "Political violence; Demonstrations",
            "Protests",
            "Excessive force against protesters",
            "729",
            "Sudan",
            "3",
        ),
    ]
}

fn load(text: &str) -> Result<Acled> {
    Acled::from_bytes("export.csv", text.as_bytes())
}

fn cells(t: &crate::events::AcledTable) -> Vec<(u32, i32, u8, u64, u64)> {
    (0..t.len())
        .map(|i| {
            let m = t.month.as_ref().map_or(0, |m| m[i]);
            (t.gwcode[i], t.year[i], m, t.fatalities[i], t.events[i])
        })
        .collect()
}

fn tables() -> (IsoNumeric, Crosswalk) {
    (
        IsoNumeric::embedded().unwrap(),
        Crosswalk::embedded().unwrap(),
    )
}

#[test]
fn golden_file_loads_every_column_checked() {
    let a = load(&file(&golden())).unwrap();
    let e = &a.events;
    assert_eq!(e.len(), 11);
    assert_eq!(a.layout, AcledLayout::Since2023);
    assert_eq!(e.fatalities.iter().sum::<u32>(), 69);
    // 2024-03-14 is day 19796 since 1970-01-01; "15 March 2024" the next day.
    assert_eq!((e.date[0], e.date[1]), (19796, 19797));
    assert_eq!(e.time_precision[..4], [1, 2, 1, 3]);
    assert_eq!(
        e.sub_event_type[10].disorder(),
        [
            DisorderType::PoliticalViolence,
            DisorderType::Demonstrations
        ]
    );
    assert_eq!(a.countries[0], (729, "Sudan".to_string()));
    assert_eq!(a.countries.len(), 5);
    // 31 columns, 13 read: 18 listed as extra, none lost.
    assert_eq!(a.extra_columns.len(), 18);
    assert!(a.extra_columns.iter().any(|c| c == "civilian_targeting"));
    let p = &a.provenance;
    assert_eq!(
        (p.name.as_str(), p.version.as_str(), p.status.key()),
        ("acled-export", "unknown", "unregistered")
    );
    assert_eq!(
        p.sha256,
        crate::data::registry::sha256_hex(file(&golden()).as_bytes())
    );
    assert!(
        p.citation
            .as_deref()
            .unwrap_or("")
            .contains("Introducing ACLED")
    );
    assert!(p.label().contains("UNREGISTERED"), "{}", p.label());
}

#[test]
fn exports_before_2023_have_no_disorder_type() {
    // The pre-2023 columns: data_id, iso, event_id_cnty, event_id_no_cnty, …, iso3.
    let head = "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3";
    let text = format!(
        "{head}\n1,466,MLI1,1,14 March 2019,2019,1,Battles,Armed clash,A,,1,B,,2,12,Western Africa,Mali,Mopti,,,Mopti,14.49,-4.19,2,S,Local,n,5,1552000000,MLI\n"
    );
    let a = load(&text).unwrap();
    assert_eq!(a.layout, AcledLayout::Before2023);
    assert_eq!(a.events.fatalities, [5]);
    assert_eq!(a.extra_columns.len(), 19);
}

/// Every kind of bad input, with the error's line and column. Each golden row holds a note
/// with a newline, so row `i` (0-based) starts on line `2 + 2i`: the line is where the record
/// starts, as the CSV has it.
#[test]
fn bad_inputs_name_line_and_column() {
    let g = golden();
    let bad = |i: usize, f: &dyn Fn(&mut R<'static>)| {
        let mut rows = g.clone();
        f(&mut rows[i]);
        load(&file(&rows)).unwrap_err()
    };
    let cases: Vec<(Error, u64, &str)> = vec![
        (bad(2, &|r| r.1 = "2024-02-30"), 6, "event_date"),
        (bad(2, &|r| r.1 = "2 Apr 2024"), 6, "event_date"),
        (bad(2, &|r| r.1 = "04/02/2024"), 6, "event_date"),
        (bad(2, &|r| r.1 = "1996-12-31"), 6, "event_date"),
        (bad(3, &|r| r.2 = "2023"), 8, "year"),
        (bad(3, &|r| r.3 = "4"), 8, "time_precision"),
        (bad(4, &|r| r.9 = "-1"), 10, "fatalities"),
        (bad(4, &|r| r.9 = ""), 10, "fatalities"),
        (bad(4, &|r| r.9 = "2.5"), 10, "fatalities"),
        (bad(5, &|r| r.7 = "999"), 12, "iso"),
        (bad(5, &|r| r.7 = "SSD"), 12, "iso"),
        (bad(6, &|r| r.6 = "Remote violence"), 14, "sub_event_type"),
        (
            bad(6, &|r| r.5 = "Violence against civilians"),
            14,
            "event_type",
        ),
        (bad(6, &|r| r.4 = DEM), 14, "disorder_type"),
        (bad(10, &|r| r.4 = PV), 22, "disorder_type"),
        (bad(0, &|r| r.0 = " "), 2, "event_id_cnty"),
    ];
    for (err, line, column) in cases {
        assert_eq!(
            (err.line(), err.column()),
            (Some(line), Some(column)),
            "{err}"
        );
    }
    let e = bad(4, &|r| r.9 = "-1");
    assert!(
        e.to_string().contains("non-negative integer") && e.to_string().contains("\"-1\""),
        "{e}"
    );
    // The same id twice.
    let err = bad(7, &|r| r.0 = "SDN2");
    assert!(
        matches!(
            err,
            Error::DuplicateRecord {
                line: 16,
                first_line: 4,
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_wrong_header_names_the_first_missing_column() {
    let ged = "id,year,active_year,type_of_violence,country,country_id,date_start,date_end,best\n1,2020,1,1,Syria,652,2020-05-01,2020-05-01,1\n";
    let err = load(ged).unwrap_err();
    assert!(
        matches!(err, Error::MissingColumn { ref column, line: 1, .. } if column == "event_id_cnty"),
        "{err}"
    );
    assert!(err.to_string().contains("ACLED"), "{err}");
    let no_fatalities = file(&golden()).replacen(",fatalities,", ",deaths,", 1);
    let err = load(&no_fatalities).unwrap_err();
    assert_eq!((err.line(), err.column()), (Some(1), Some("fatalities")));
    let err = load("").unwrap_err();
    assert!(matches!(err, Error::EmptyFile { .. }), "{err}");
}

#[test]
fn filter_values_parse_from_acled_spelling_or_key() {
    assert_eq!(
        EventType::parse("Explosions/Remote violence").unwrap(),
        EventType::ExplosionsRemoteViolence
    );
    assert_eq!(
        EventType::parse("violence_against_civilians").unwrap(),
        EventType::ViolenceAgainstCivilians
    );
    assert_eq!(
        SubEventType::parse("air_drone_strike").unwrap(),
        SubEventType::AirDroneStrike
    );
    assert_eq!(
        DisorderType::parse("political violence").unwrap(),
        DisorderType::PoliticalViolence
    );
    let err = EventType::parse("Remote violence").unwrap_err().to_string();
    assert!(err.contains("Battles") && err.contains("Riots"), "{err}");
    // The table is consistent: 6 event types, each with its sub-event types.
    for (sub, label, ev, _) in SUB_EVENTS {
        assert_eq!(SubEventType::parse(label).unwrap(), sub);
        assert_eq!(sub.event_type(), ev);
        assert_eq!(EventType::parse(ev.label()).unwrap(), ev);
    }
}

/// Battles, Explosions/Remote violence and Violence against civilians per month.
///
/// Selected: SDN1–4, SSD1–2, PSE1, MLI1; not selected: SDN5 (0), XKX1 (1), SDN6 (3) = 3
/// events, 4 fatalities. Unmatched: SSD1 (9, 2011-03-10, before G&W 626 exists), PSE1 (20).
/// Cells: 432 Mali 2023-12: MLI1 = 2; 625 Sudan 2024-03: SDN1 + SDN2 = 7 + 12 = 19 (two
/// events); 2024-04: SDN3 + SDN4 = 5 + 4 = 9; 626 South Sudan 2011-08: SSD2 = 6.
/// 36 + 4 + 29 = 69 fatalities; 6 + 3 + 2 = 11 events.
#[test]
fn golden_violent_events_country_month() {
    let (iso, cw) = tables();
    let a = load(&file(&golden())).unwrap();
    let spec = AcledSpec::new(Period::Month).event_types(&[
        EventType::Battles,
        EventType::ExplosionsRemoteViolence,
        EventType::ViolenceAgainstCivilians,
    ]);
    let t = aggregate_acled(&a, &spec, &iso, &cw).unwrap();
    assert_eq!(
        cells(&t),
        [
            (432, 2023, 12, 2, 1),
            (625, 2024, 3, 19, 2),
            (625, 2024, 4, 9, 2),
            (626, 2011, 8, 6, 1)
        ]
    );
    assert_eq!((t.not_selected.events, t.not_selected.fatalities), (3, 4));
    assert_eq!((t.imprecise.events, t.imprecise.fatalities), (0, 0));
    let u: Vec<_> = t
        .unmatched
        .iter()
        .map(|u| {
            (
                u.iso,
                u.country.as_str(),
                u.reason,
                u.tally.fatalities,
                u.first_date.as_str(),
            )
        })
        .collect();
    assert_eq!(
        u,
        [
            (275, "Palestine", Unmatched::NoGwState, 20, "2024-03-02"),
            (728, "South Sudan", Unmatched::NoGwState, 9, "2011-03-10")
        ]
    );
    assert!(t.accounts_for(&a));
    assert!(t.source.starts_with("acled-export sha256:"));
    assert!(t.measure.contains("not UCDP battle-related deaths"));
    assert!(
        t.to_csv().starts_with(
            "gwcode,year,month,fatalities,events,source\n432,2023,12,2,1,acled-export"
        )
    );
}

/// All types per year, day-precise only (max_time_precision 1).
///
/// Imprecise: SDN2 (week, 12), SDN4 (month, 4) = 2 events, 16. Unmatched: SSD1 (9), PSE1
/// (20), XKX1 (iso 0: 1). Cells: 432 2023: 2; 625 2024: SDN1 7 + SDN3 5 + SDN5 0 + SDN6 3 =
/// 15 (four events); 626 2011: 6. 23 + 16 + 30 = 69.
#[test]
fn golden_all_types_country_year_day_precise() {
    let (iso, cw) = tables();
    let a = load(&file(&golden())).unwrap();
    let t = aggregate_acled(
        &a,
        &AcledSpec::new(Period::Year).max_time_precision(1),
        &iso,
        &cw,
    )
    .unwrap();
    assert_eq!(
        cells(&t),
        [
            (432, 2023, 0, 2, 1),
            (625, 2024, 0, 15, 4),
            (626, 2011, 0, 6, 1)
        ]
    );
    assert_eq!((t.imprecise.events, t.imprecise.fatalities), (2, 16));
    assert_eq!(t.unmatched.len(), 3);
    assert_eq!(t.unmatched[0].reason, Unmatched::NoIsoCode);
    assert_eq!(
        (t.unmatched[0].country.as_str(), t.unmatched[0].tally.events),
        ("Kosovo", 1)
    );
    assert!(t.accounts_for(&a));
    assert!(
        aggregate_acled(
            &a,
            &AcledSpec::new(Period::Year).max_time_precision(4),
            &iso,
            &cw
        )
        .is_err()
    );
}

/// Disorder filters: "Excessive force against protesters" is political violence *and*
/// demonstrations. Demonstrations: SDN5 (0) + SDN6 (3) = 3 in 625 2024-03; political
/// violence: everything but SDN5, so Mob violence (XKX1) is selected too (and unmatched).
#[test]
fn golden_disorder_filters() {
    let (iso, cw) = tables();
    let a = load(&file(&golden())).unwrap();
    let dem = AcledSpec::new(Period::Month).disorder_types(&[DisorderType::Demonstrations]);
    let t = aggregate_acled(&a, &dem, &iso, &cw).unwrap();
    assert_eq!(cells(&t), [(625, 2024, 3, 3, 2)]);
    let pv = AcledSpec::new(Period::Month).disorder_types(&[DisorderType::PoliticalViolence]);
    let t = aggregate_acled(&a, &pv, &iso, &cw).unwrap();
    assert_eq!((t.not_selected.events, t.not_selected.fatalities), (1, 0));
    assert_eq!(t.unmatched.len(), 3);
    let sub = AcledSpec::new(Period::Month).sub_event_types(&[SubEventType::ArmedClash]);
    let t = aggregate_acled(&a, &sub, &iso, &cw).unwrap();
    // SDN1 (7, March), SDN4 (4, April), SSD2 (6); SSD1 unmatched.
    assert_eq!(
        cells(&t),
        [
            (625, 2024, 3, 7, 1),
            (625, 2024, 4, 4, 1),
            (626, 2011, 8, 6, 1)
        ]
    );
}

/// The crosswalk is time-varying: Serbia (688) is G&W 340 from 2006-06-05 and has no G&W
/// state the day before (345 Serbia and Montenegro ended 2006-06-04, as SCG, numeric 891);
/// a crosswalk where one ISO code maps to two G&W states makes the event ambiguous.
#[test]
fn crosswalk_dates_and_ambiguity_are_explicit() {
    let (iso, cw) = tables();
    let rows = vec![
        (
            "SRB1",
            "2006-06-04",
            "2006",
            "1",
            PV,
            "Battles",
            "Armed clash",
            "688",
            "Serbia",
            "1",
        ),
        (
            "SRB2",
            "2006-06-05",
            "2006",
            "1",
            PV,
            "Battles",
            "Armed clash",
            "688",
            "Serbia",
            "2",
        ),
        (
            "SCG1",
            "2005-01-10",
            "2005",
            "1",
            PV,
            "Battles",
            "Armed clash",
            "891",
            "Serbia and Montenegro",
            "4",
        ),
    ];
    let a = load(&file(&rows)).unwrap();
    let t = aggregate_acled(&a, &AcledSpec::new(Period::Year), &iso, &cw).unwrap();
    assert_eq!(cells(&t), [(340, 2006, 0, 2, 1), (345, 2005, 0, 4, 1)]);
    assert_eq!(
        (
            t.unmatched[0].iso,
            t.unmatched[0].reason,
            t.unmatched[0].last_date.as_str()
        ),
        (688, Unmatched::NoGwState, "2006-06-04")
    );
    // A crosswalk in which SDN stands for two G&W states from 2011-07-09.
    let two = "gwcode,gw_name,iso3,iso3_status,relation,start,end,note\n625,Sudan,SDN,official,same,1956-01-01,,\n626,South Sudan,SDN,official,part_of,2011-07-09,,test\n";
    let cw2 = Crosswalk::from_bytes("two.csv", two.as_bytes()).unwrap();
    let a = load(&file(&golden())).unwrap();
    let t = aggregate_acled(&a, &AcledSpec::new(Period::Year), &iso, &cw2).unwrap();
    let sudan = t.unmatched.iter().find(|u| u.iso == 729).unwrap();
    assert_eq!(
        (
            sudan.reason,
            sudan.gwcodes.clone(),
            sudan.tally.events,
            sudan.tally.fatalities
        ),
        (Unmatched::Ambiguous, vec![625, 626], 6, 31)
    );
    assert!(t.is_empty() && t.accounts_for(&a));
}

#[test]
fn header_only_export_gives_an_empty_table() {
    let (iso, cw) = tables();
    let a = load(&format!("{HEADER}\n")).unwrap();
    let t = aggregate_acled(&a, &AcledSpec::new(Period::Month), &iso, &cw).unwrap();
    assert!(t.is_empty() && t.unmatched.is_empty() && t.accounts_for(&a));
}
