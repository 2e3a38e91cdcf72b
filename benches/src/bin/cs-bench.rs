//! The Rust side of the comparison harness (`benches/compare.py`).
//!
//! ```text
//! cs-bench generate --events N [--seed S] --out DIR     write synthetic events as .npy
//! cs-bench time --data DIR [--repeat R] [--attribution start_month|split_even]
//!                                                       time country-month aggregation
//! cs-bench floor --data DIR [--repeat R]                time one pass summing 5 columns
//! cs-bench floor-all --data DIR [--repeat R]            the same over all 7 query columns
//!                                                       (Int32), on every thread
//! ```
//!
//! Each command prints one JSON object on stdout: timings in milliseconds (every run, and the
//! median), the result's checksums, and the process's resident memory (`VmRSS` after
//! loading, `VmHWM` peak) in KiB.

use conflictstats::events::{
    AggregateSpec, Attribution, EventColumns, EventTable, EventUnit, Period, aggregate_columns,
};
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

/// Resets the peak-RSS counter (`VmHWM`) to the current RSS, which it returns.
fn reset_peak() -> Option<u64> {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    status_kib("VmRSS:")
}

/// SHA-256 (first 16 hex digits) of the cells as the harness computes it: per column, the
/// little-endian `i64` values of country, months since 1970-01, low, best, high, events, in
/// (country, month) order.
fn digest(t: &EventTable) -> String {
    use sha2::{Digest, Sha256};
    let months: Vec<i64> = match &t.month {
        Some(m) => t
            .year
            .iter()
            .zip(m)
            .map(|(&y, &m)| i64::from(y - 1970) * 12 + i64::from(m) - 1)
            .collect(),
        None => t.year.iter().map(|&y| i64::from(y)).collect(),
    };
    let mut h = Sha256::new();
    let mut put = |v: &mut dyn Iterator<Item = i64>| {
        for x in v {
            h.update(x.to_le_bytes());
        }
    };
    put(&mut t.unit.iter().map(|&x| i64::from(x)));
    put(&mut months.iter().copied());
    for col in [&t.low, &t.best, &t.high, &t.events] {
        put(&mut col.iter().map(|&x| x as i64));
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    hex[..16].to_string()
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
            let rule = Attribution::parse(opts.get("attribution").map_or("start_month", |s| s))
                .map_err(|e| e.to_string())?;
            let spec = AggregateSpec::new(EventUnit::Country, Period::Month).attribution(rule);
            let dtypes = opts.get("dtypes").map_or("native", String::as_str);
            let (runs, t, loaded) = match dtypes {
                // The loader's types: u16 country codes, u8 precision, u32 deaths.
                "native" => {
                    let loaded = reset_peak();
                    let cols = ev.columns();
                    let (runs, t) = timed(repeat, || aggregate_columns(&cols, &spec, "synthetic"));
                    (runs, t, loaded)
                }
                // The Python path's types (Int32 columns of a polars DataFrame).
                "i32" => {
                    let wide = |v: &[u32]| v.iter().map(|&x| x as i32).collect::<Vec<i32>>();
                    let country: Vec<i32> = ev.country_id.iter().map(|&x| i32::from(x)).collect();
                    let prec: Vec<i32> = ev.date_prec.iter().map(|&x| i32::from(x)).collect();
                    let (low, best, high) = (wide(&ev.low), wide(&ev.best), wide(&ev.high));
                    let cols = EventColumns {
                        country_id: &country[..],
                        date_start: &ev.date_start,
                        date_end: &ev.date_end,
                        date_prec: &prec[..],
                        low: &low[..],
                        best: &best[..],
                        high: &high[..],
                        ..EventColumns::default()
                    };
                    let loaded = reset_peak();
                    let (runs, t) = timed(repeat, || aggregate_columns(&cols, &spec, "synthetic"));
                    (runs, t, loaded)
                }
                other => return Err(format!("--dtypes {other}: expected native or i32")),
            };
            let t = t.map_err(|e| e.to_string())?;
            Ok(json!({
                "engine": format!("conflictstats-rust ({})", rule.key()),
                "dtypes": dtypes,
                "events": ev.len(), "threads": rayon::current_num_threads(),
                "runs_ms": runs, "median_ms": median(&runs),
                "groups": t.len(), "sum_low": t.total_low(), "sum_best": t.total_best(),
                "sum_high": t.total_high(), "sum_events": t.events.iter().sum::<u64>(),
                "digest": digest(&t),
                "loaded_rss_kib": loaded, "peak_rss_kib": status_kib("VmHWM:"),
            }))
        }
        "floor" => {
            let ev = SynthEvents::read_npy(&path("data")?).map_err(|e| e.to_string())?;
            let loaded = reset_peak();
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
        "floor-all" => {
            // The memory-bandwidth floor of the conflictstats query: one pass over all seven
            // columns it reads, as the Int32 columns the Python path gets, on every thread.
            use rayon::prelude::*;
            let ev = SynthEvents::read_npy(&path("data")?).map_err(|e| e.to_string())?;
            let wide = |v: &[u32]| v.iter().map(|&x| x as i32).collect::<Vec<i32>>();
            let cols: Vec<Vec<i32>> = vec![
                ev.country_id.iter().map(|&x| i32::from(x)).collect(),
                ev.date_start.clone(),
                ev.date_end.clone(),
                ev.date_prec.iter().map(|&x| i32::from(x)).collect(),
                wide(&ev.low),
                wide(&ev.best),
                wide(&ev.high),
            ];
            let n = ev.len();
            drop(ev);
            let loaded = reset_peak();
            let threads = rayon::current_num_threads();
            let chunk = n.div_ceil(threads).max(1);
            let (runs, total) = timed(repeat, || {
                (0..threads)
                    .into_par_iter()
                    .map(|t| {
                        let r = (t * chunk).min(n)..((t + 1) * chunk).min(n);
                        cols.iter()
                            .map(|c| c[r.clone()].iter().map(|&x| i64::from(x)).sum::<i64>())
                            .collect::<Vec<i64>>()
                    })
                    .reduce(
                        || vec![0; 7],
                        |a, b| a.iter().zip(&b).map(|(x, y)| x + y).collect(),
                    )
            });
            Ok(json!({
                "engine": "floor-rust (one pass, all 7 query columns as Int32, all threads)",
                "threads": threads,
                "events": n, "runs_ms": runs, "median_ms": median(&runs),
                "sum_low": total[4], "sum_best": total[5], "sum_high": total[6],
                "loaded_rss_kib": loaded, "peak_rss_kib": status_kib("VmHWM:"),
            }))
        }
        other => Err(format!(
            "unknown command `{other}`; expected generate, time, floor or floor-all"
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
