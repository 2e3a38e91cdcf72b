//! Peak memory of a Parquet/Arrow IPC file of GED events aggregated per country-month,
//! streamed in record batches against loaded whole (`benches/columnar_rss.sh`).
//!
//! ```text
//! columnar-rss stream FILE [BATCH_ROWS]   conflictstats::data::columnar::aggregate_file
//! columnar-rss whole FILE                 read_file (every event in memory), then one
//!                                         aggregate_columns call
//! ```
//!
//! Prints one JSON object: Σ events over cells, cells, Σ best, and the process's peak RSS (`VmHWM`, KiB),
//! which `/usr/bin/time -v` confirms from outside.

use conflictstats::data::columnar::{DEFAULT_BATCH_ROWS, aggregate_file, read_file};
use conflictstats::events::{AggregateSpec, EventUnit, Period, aggregate_columns};
use serde_json::json;
use std::path::Path;
use std::process::ExitCode;

fn peak_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn run(args: &[String]) -> Result<serde_json::Value, String> {
    let spec = AggregateSpec::new(EventUnit::Country, Period::Month);
    let (mode, file) = match args {
        [m, f, ..] => (m.as_str(), Path::new(f)),
        _ => return Err("usage: columnar-rss stream|whole FILE [BATCH_ROWS]".into()),
    };
    let start = std::time::Instant::now();
    let t = match mode {
        "stream" => {
            let rows = match args.get(2) {
                Some(r) => r.parse().map_err(|e| format!("BATCH_ROWS: {e}"))?,
                None => DEFAULT_BATCH_ROWS,
            };
            aggregate_file(file, None, &spec, rows)
                .map_err(|e| e.to_string())?
                .0
        }
        "whole" => {
            let (b, p) = read_file(file, None, spec.unit).map_err(|e| e.to_string())?;
            let source = format!("{} {}", p.name, p.version);
            aggregate_columns(&b.columns(), &spec, &source).map_err(|e| e.to_string())?
        }
        other => return Err(format!("unknown mode `{other}`")),
    };
    Ok(json!({
        "mode": mode,
        "file": file.display().to_string(),
        "seconds": start.elapsed().as_secs_f64(),
        "event_shares": t.events.iter().sum::<u64>(),
        "cells": t.len(),
        "best": t.total_best(),
        "peak_rss_kib": peak_kib(),
    }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("columnar-rss: {e}");
            ExitCode::FAILURE
        }
    }
}
