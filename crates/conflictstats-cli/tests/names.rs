//! G&W names beside codes (`statename`, `statename_a`, `statename_b`) and GED country codes
//! mapped by the UCDP → G&W rules on the event's date, through the binary (ACD v25.1 pinned).

use std::path::PathBuf;
use std::process::Command;

fn stdout(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .output()
        .expect("the conflictstats binary runs");
    assert!(
        out.status.success(),
        "conflictstats {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("conflictstats-names-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn state_year_acd_v25_1_names_serbia_in_csv_and_json() {
    let args = [
        "panel",
        "state-year",
        "--version",
        "25.1",
        "--years",
        "2014-2014",
    ];
    let csv = stdout(&args);
    assert!(csv.starts_with("gwcode,statename,year,incidence,"));
    // UCDP's 345 (supporting CAR's government) counts for Serbia, 340, named as G&W names it.
    assert!(csv.lines().any(|l| l.starts_with("340,Serbia,2014,0,0,1,")));
    assert!(csv.contains("\n490,\"Congo, Democratic Republic of (Zaire)\",2014,"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&[&args[..], &["--format", "json"]].concat())).unwrap();
    let rows = json["rows"].as_array().unwrap();
    let serbia = rows.iter().find(|r| r["gwcode"] == 340).unwrap();
    assert_eq!(serbia["statename"], "Serbia");
    assert_eq!(serbia["incidence_any"], true);
}

#[test]
fn dyad_year_acd_v25_1_names_both_states() {
    let csv = stdout(&[
        "panel",
        "dyad-year",
        "--version",
        "25.1",
        "--years",
        "2022-2022",
    ]);
    assert!(csv.starts_with("gwcode_a,statename_a,gwcode_b,statename_b,year,interstate,"));
    assert!(csv.contains("\n365,Russia (Soviet Union),369,Ukraine,2022,1,"));
}

/// A GED-layout file: Serbia coded 345 by UCDP in 2010, Yugoslavia 345 in 1999, Serbia 340 in
/// 2010.
const SERBIA_GED: &str = "\
id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob
1,x,2010,1,Clear,1,299,299,x,11973,11973,x,118,118,x,4456,4456,x,2,x,x,x,x,x,1,x,x,x,x,44.8,20.5,POINT (20.5 44.8),181154,Serbia (Yugoslavia),345,Europe,1,1,2010-03-01,2010-03-01,0,3,0,0,3,3,3,345,
2,x,1999,1,Clear,1,299,299,x,11973,11973,x,118,118,x,4456,4456,x,2,x,x,x,x,x,1,x,x,x,x,44.8,20.5,POINT (20.5 44.8),181154,Serbia (Yugoslavia),345,Europe,1,1,1999-04-10,1999-04-10,0,5,0,0,5,5,5,345,
3,x,2010,1,Clear,1,299,299,x,11973,11973,x,118,118,x,4456,4456,x,2,x,x,x,x,x,1,x,x,x,x,44.8,20.5,POINT (20.5 44.8),181154,Serbia,340,Europe,1,1,2010-07-15,2010-07-15,0,2,0,0,2,2,2,340,
";

#[test]
fn ged_events_coded_345_after_2006_count_for_serbia_340() {
    let f = temp_file("serbia_ged.csv", SERBIA_GED.as_bytes());
    let f = f.to_str().unwrap();
    let csv = stdout(&["panel", "events", "--ged-file", f, "--period", "year"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "gwcode,statename,year,low,best,high,events,source"
    );
    assert!(lines[1].starts_with("340,Serbia,2010,5,5,5,2,"), "{csv}");
    assert!(
        lines[2].starts_with("345,Yugoslavia,1999,5,5,5,1,"),
        "{csv}"
    );
    assert_eq!(lines.len(), 3);
    let json: serde_json::Value = serde_json::from_str(&stdout(&[
        "panel",
        "events",
        "--ged-file",
        f,
        "--period",
        "year",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["rows"][0]["gwcode"], 340);
    assert_eq!(json["rows"][0]["statename"], "Serbia");
    assert_eq!(json["rows"][0]["events"], 2);
}
