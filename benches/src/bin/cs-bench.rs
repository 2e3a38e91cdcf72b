//! The Rust side of the comparison harness (`benches/compare.py`).
//!
//! ```text
//! cs-bench generate --events N [--seed S] --out DIR     write synthetic events as .npy
//! cs-bench time --data DIR [--repeat R] [--attribution start_month|split_even]
//!                                                       time country-month aggregation
//! cs-bench floor --data DIR [--repeat R]                time one pass summing 5 columns
//! ```
//!
//! Each command prints one JSON object on stdout: timings in milliseconds (every run, and the
//! median), the result's checksums, and the process's resident memory (`VmRSS` after
//! loading, `VmHWM` peak) in KiB.

use conflictstats::events::{AggregateSpec, Attribution, EventUnit, Period, aggregate_columns};
use conflictstats_benches::synth::{SynthEvents, SynthSpec};
use serde_json::json;
use std::collections::HashMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

fn timed<T>(repeat: usize, mut f: impl FnMut() -> T) -> (Vec<f64>, T) {
    let mut last = f(); // warm-up
    let mut runs = Vec::with_capacity(repeat);
    for _ in 0..repeat {
        let t = Instant::now();
        last = std::hint::black_box(f());
        runs.push(t.elapsed().as_secs_f64() * 1e3);
    }
    (runs, last)
}

fn run(args: &[String]) -> Result<serde_json::Value, String> {
    let cmd = args.first().map(String::as_str).unwrap_or_default();
    let mut opts = HashMap::new();
    for pair in args[1.min(args.len())..].chunks(2) {
        match pair {
            [k, v] if k.starts_with("--") => {
                opts.insert(k.trim_start_matches("--").to_string(), v.clone());
            }
            _ => return Err(format!("expected `--option value` pairs, got {pair:?}")),
        }
    }
    let num = |k: &str, default: u64| -> Result<u64, String> {
        opts.get(k).map_or(Ok(default), |v| {
            v.parse().map_err(|e| format!("--{k} {v}: {e}"))
        })
    };
    let path = |k: &str| -> Result<PathBuf, String> {
        opts.get(k)
            .map(PathBuf::from)
            .ok_or_else(|| format!("missing --{k}"))
    };
    let repeat = num("repeat", 7)? as usize;
    match cmd {
        "generate" => {
            let spec = SynthSpec {
                seed: num("seed", 2024)?,
                ..SynthSpec::new(num("events", 1_000_000)? as usize)
            };
            let t = Instant::now();
            let ev = SynthEvents::generate(&spec).map_err(|e| e.to_string())?;
            let gen_ms = t.elapsed().as_secs_f64() * 1e3;
            ev.write_npy(&path("out")?).map_err(|e| e.to_string())?;
            let sum = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
            Ok(json!({
                "events": ev.len(), "seed": spec.seed, "generate_ms": gen_ms,
                "sum_low": sum(&ev.low), "sum_best": sum(&ev.best), "sum_high": sum(&ev.high),
            }))
        }
        "time" => {
            let ev = SynthEvents::read_npy(&path("data")?).map_err(|e| e.to_string())?;
            let loaded = status_kib("VmRSS:");
            let rule = Attribution::parse(opts.get("attribution").map_or("start_month", |s| s))
                .map_err(|e| e.to_string())?;
            let spec = AggregateSpec::new(EventUnit::Country, Period::Month).attribution(rule);
            let cols = ev.columns();
            let (runs, t) = timed(repeat, || aggregate_columns(&cols, &spec, "synthetic"));
            let t = t.map_err(|e| e.to_string())?;
            Ok(json!({
                "engine": format!("conflictstats-rust ({})", rule.key()),
                "events": ev.len(), "threads": rayon::current_num_threads(),
                "runs_ms": runs, "median_ms": median(&runs),
                "groups": t.len(), "sum_low": t.total_low(), "sum_best": t.total_best(),
                "sum_high": t.total_high(), "sum_events": t.events.iter().sum::<u64>(),
                "loaded_rss_kib": loaded, "peak_rss_kib": status_kib("VmHWM:"),
            }))
        }
        "floor" => {
            let ev = SynthEvents::read_npy(&path("data")?).map_err(|e| e.to_string())?;
            let loaded = status_kib("VmRSS:");
            let (runs, total) = timed(repeat, || {
                let c: u64 = ev.country_id.iter().map(|&x| u64::from(x)).sum();
                let d: i64 = ev.date_start.iter().map(|&x| i64::from(x)).sum();
                let s = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
                (c, d, s(&ev.low), s(&ev.best), s(&ev.high))
            });
            Ok(json!({
                "engine": "floor-rust (one pass, 5 column sums, 1 thread)",
                "events": ev.len(), "runs_ms": runs, "median_ms": median(&runs),
                "sum_low": total.2, "sum_best": total.3, "sum_high": total.4,
                "loaded_rss_kib": loaded, "peak_rss_kib": status_kib("VmHWM:"),
            }))
        }
        other => Err(format!(
            "unknown command `{other}`; expected generate, time or floor"
        )),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cs-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
