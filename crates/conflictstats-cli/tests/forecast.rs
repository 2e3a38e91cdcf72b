//! `conflictstats forecast` on the embedded ACD releases (each test names its release; few
//! replicates and a short backtest keep the debug binary quick).

use std::process::{Command, Output};

fn run(args: &[&str], threads: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .expect("the conflictstats binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args, "2");
    assert!(
        out.status.success(),
        "conflictstats {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const QUICK: [&str; 4] = ["--bootstrap", "50", "--backtest", "2020"];

#[test]
fn acd_v26_1_forecasts_2026_to_2030_with_the_backtest_table() {
    let out = stdout(&[&["forecast", "--version", "26.1"][..], &QUICK].concat());
    assert!(out.contains("unit      conflict"), "{out}");
    assert!(out.contains("Forecasts from 2025 (fitted 1996–2025), 1–5 years ahead"));
    for name in [
        "exponential, negative binomial",
        "exponential, Poisson",
        "linear, Poisson",
        "step (level shift)",
        "regime change (1 break)",
        "two regime changes (2 breaks)",
        "last value",
        "mean of the last 5 years",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    assert!(out.contains(" 2030 "));
    assert!(out.contains("Backtest: origins 2020–2024"));
    assert!(out.contains("Out of sample (origins 2020–2024, 1–5 years ahead)"));
    assert!(out.contains("stated, not modelled") || out.contains("not modelled"));
    assert!(out.contains("Data: UCDP/PRIO Armed Conflict Dataset v26.1"));
}

#[test]
fn acd_v25_1_origin_2024_is_scored_on_v26_1s_65() {
    let out = stdout(&[
        "forecast",
        "--version",
        "25.1",
        "--origin",
        "2024",
        "--bootstrap",
        "50",
        "--no-backtest",
    ]);
    assert!(
        out.contains("Release test: fitted on v25.1 up to 2024, scored on v26.1"),
        "{out}"
    );
    assert!(out.contains("2025 observed 65:"), "{out}");
    assert!(out.contains("2024: 61 → 59"), "{out}");
}

#[test]
fn acd_v26_1_csv_names_unit_release_and_method() {
    let out = stdout(
        &[
            &["forecast", "--version", "26.1", "--format", "csv"][..],
            &QUICK,
        ]
        .concat(),
    );
    let mut lines = out.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("part,unit,release,method,model,origin,year")
    );
    let rows: Vec<&str> = lines.collect();
    let forecast = rows.iter().filter(|l| l.starts_with("forecast,")).count();
    assert_eq!(forecast, 8 * 5);
    assert!(rows.iter().all(|l| l.contains(",conflict,ucdp-acd v26.1,")));
    assert!(rows.iter().any(|l| {
        l.starts_with("backtest,conflict,ucdp-acd v26.1,parametric_bootstrap,step,2020-2024,")
    }));
}

#[test]
fn acd_v26_1_json_is_in_the_envelope() {
    let out = stdout(
        &[
            &["forecast", "--version", "26.1", "--format", "json"][..],
            &QUICK,
        ]
        .concat(),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["command"], "forecast");
    assert_eq!(v["datasets"][0]["version"], "26.1");
    assert_eq!(v["result"]["unit"]["key"], "conflict");
    assert_eq!(v["result"]["forecast"]["origin"], 2025);
    assert_eq!(
        v["result"]["forecast"]["models"].as_array().unwrap().len(),
        8
    );
    assert!(v["result"]["backtest"]["verdict"]["sentence"].is_string());
}

#[test]
fn same_output_whatever_the_thread_count() {
    let args = [&["forecast", "--version", "26.1"][..], &QUICK].concat();
    let one = run(&args, "1");
    let three = run(&args, "3");
    assert!(one.status.success());
    assert_eq!(one.stdout, three.stdout);
}

#[test]
fn options_that_do_not_apply_and_bad_values() {
    let out = run(&["forecast", "--no-backtest", "--backtest", "2010"], "1");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--backtest does not apply"));
    let out = run(&["forecast", "--horizon", "0", "--no-backtest"], "1");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("horizon 0"));
}
