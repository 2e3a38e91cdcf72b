//! `panel events --acled-file`: a small file in ACLED's layout (no ACLED data is shipped),
//! golden figures computed by hand, errors with their line and column.

use std::path::PathBuf;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_conflictstats");
const HEADER: &str = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp";

/// `(id, date, disorder, event type, sub-event type, iso, country, fatalities)`.
const ROWS: &[[&str; 8]] = &[
    [
        "SDN1",
        "2024-03-14",
        "Political violence",
        "Battles",
        "Armed clash",
        "729",
        "Sudan",
        "7",
    ],
    [
        "SDN2",
        "15 March 2024",
        "Political violence",
        "Violence against civilians",
        "Attack",
        "729",
        "Sudan",
        "5",
    ],
    [
        "SDN3",
        "2024-04-01",
        "Demonstrations",
        "Protests",
        "Peaceful protest",
        "729",
        "Sudan",
        "0",
    ],
    [
        "PSE1",
        "2024-03-02",
        "Political violence",
        "Battles",
        "Armed clash",
        "275",
        "Palestine",
        "3",
    ],
    [
        "MLI1",
        "2024-01-09",
        "Political violence",
        "Battles",
        "Armed clash",
        "466",
        "Mali",
        "11",
    ],
];

fn write(name: &str, rows: &[[&str; 8]]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cs-acled-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut text = format!("{HEADER}\n");
    for [id, date, dis, ev, sub, iso, country, fat] in rows {
        // ISO dates start with the year, `14 March 2024` ends with it.
        let year = if date.contains('-') {
            &date[..4]
        } else {
            &date[date.len() - 4..]
        };
        text.push_str(&format!(
            "{id},{date},{year},1,{dis},{ev},{sub},A,,State forces,,,,State forces only,,{iso},R,{country},X,,,X,15.5,32.5,1,S,National,\"a, \"\"note\"\"\",{fat},,1700000000\n"
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(BIN)
        .args(args)
        .output()
        .expect("run conflictstats");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Battles and Violence against civilians per month: 432 Mali 2024-01: 11; 625 Sudan
/// 2024-03: SDN1 7 + SDN2 5 = 12 (two events). SDN3 (a protest) is not selected; PSE1
/// (Palestine, no G&W state) is listed as unmatched, 3 fatalities.
#[test]
fn acled_country_month_golden_csv_and_json() {
    let f = write("golden.csv", ROWS);
    let f = f.to_str().unwrap();
    let args = [
        "panel",
        "events",
        "--acled-file",
        f,
        "--period",
        "month",
        "--event-type",
        "Battles,violence_against_civilians",
    ];
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "gwcode,year,month,fatalities,events,source");
    assert!(
        lines[1].starts_with("432,2024,1,11,1,acled-export sha256:"),
        "{out}"
    );
    assert!(
        lines[2].starts_with("625,2024,3,12,2,acled-export sha256:"),
        "{out}"
    );
    assert_eq!(lines.len(), 3);
    assert!(
        err.contains("not a registered release") && err.contains(", version unknown)"),
        "{err}"
    );
    assert!(
        err.contains("1 events (3 fatalities) have no single G&W country"),
        "{err}"
    );
    let (code, out, _) = run(&[&args[..], &["--format", "json"]].concat());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["datasets"][0]["name"], "acled-export");
    assert_eq!(v["datasets"][0]["status"], "unregistered");
    assert_eq!(v["datasets"][1]["name"], "iso-numeric");
    assert_eq!(v["datasets"][2]["name"], "gw-iso3-crosswalk");
    assert_eq!(v["rows"][1]["fatalities"], 12);
    assert!(v["rows"][1].get("best").is_none());
    assert!(
        v["result"]["measure"]
            .as_str()
            .unwrap()
            .contains("not UCDP battle-related deaths")
    );
    let u = &v["result"]["excluded"]["unmatched"][0];
    assert_eq!(
        (
            u["iso"].as_u64(),
            u["country"].as_str(),
            u["reason"].as_str(),
            u["fatalities"].as_u64()
        ),
        (Some(275), Some("Palestine"), Some("no_gw_state"), Some(3))
    );
    assert_eq!(v["result"]["excluded"]["not_selected"]["events"], 1);
    assert_eq!(v["result"]["totals"]["fatalities"], 23);
    assert_eq!(
        v["spec"]["event_types"],
        serde_json::json!(["battles", "violence_against_civilians"])
    );
}

#[test]
fn acled_bad_input_is_an_error_with_line_and_column() {
    let mut rows = ROWS.to_vec();
    rows[2][7] = "-2";
    let f = write("negative.csv", &rows);
    let (code, out, _) = run(&[
        "panel",
        "events",
        "--acled-file",
        f.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let e = &v["error"];
    assert_eq!(
        (
            e["kind"].as_str(),
            e["line"].as_u64(),
            e["column"].as_str(),
            e["value"].as_str()
        ),
        (Some("parse"), Some(4), Some("fatalities"), Some("-2"))
    );
    let (code, _, err) = run(&[
        "panel",
        "events",
        "--acled-file",
        f.to_str().unwrap(),
        "--event-type",
        "Remote violence",
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("unknown ACLED event type `Remote violence`"),
        "{err}"
    );
}

#[test]
fn acled_and_ged_flags_do_not_mix() {
    let f = write("flags.csv", ROWS);
    let f = f.to_str().unwrap();
    for args in [
        vec!["panel", "events", "--event-type", "Battles"],
        vec!["panel", "events", "--acled-file", f, "--unit", "priogrid"],
        vec!["panel", "events", "--acled-file", f, "--max-date-prec", "1"],
        vec!["panel", "events", "--acled-file", f, "--ged-file", f],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
    }
}
