//! `conflictstats trend` — the main job.

use crate::output::{DataArgs, json};
use clap::{Args, ValueEnum};
use conflictstats::trend::{Horizon, horizons};
use conflictstats::{CountSpec, CountUnit, Result, count};
use serde::Serialize;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TrendFormat {
    /// A readable report.
    Table,
    /// JSON with the data's provenance.
    Json,
}

/// The latest count against earlier years.
#[derive(Debug, Clone, Args)]
pub(crate) struct TrendArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Counting unit.
    #[arg(long, default_value = "conflict")]
    pub unit: CountUnit,
    /// The year to compare (default: the last year of the data).
    #[arg(long)]
    pub year: Option<i32>,
    /// Horizons in years, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "15,30")]
    pub horizons: Vec<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TrendFormat::Table)]
    pub format: TrendFormat,
}

#[derive(Serialize)]
struct Report<'a> {
    dataset: &'a conflictstats::data::Provenance,
    unit: CountUnit,
    unit_definition: &'static str,
    year: i32,
    count: f64,
    horizons: Vec<Horizon>,
}

pub(crate) fn run(args: &TrendArgs) -> Result<String> {
    let acd = args.data.load_acd()?;
    let table = count(&acd, &CountSpec::new(args.unit))?;
    let (years, counts) = table.series()?;
    let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
    let year = args.year.or(years.last().copied()).unwrap_or_default();
    let hs = horizons(&years, &counts, year, &args.horizons)?;
    let to_count = hs.first().map_or(0.0, |h| h.to_count);
    let report = Report {
        dataset: &table.dataset,
        unit: args.unit,
        unit_definition: args.unit.definition(),
        year,
        count: to_count,
        horizons: hs,
    };
    Ok(match args.format {
        TrendFormat::Json => json(&report),
        TrendFormat::Table => {
            let mut out = String::new();
            let _ = writeln!(out, "{} — unit: {}", report.dataset.label(), report.unit);
            let _ = writeln!(out, "  ({})", report.unit_definition);
            let parts: Vec<String> = report
                .horizons
                .iter()
                .map(|h| match h.ratio {
                    Some(r) => format!("{r:.2}× {} ({})", h.from_year, h.from_count),
                    None => format!("ratio undefined vs {} ({})", h.from_year, h.from_count),
                })
                .collect();
            let _ = writeln!(out, "{} in {} — {}", report.count, report.year, parts.join(", "));
            if let Some(c) = &report.dataset.citation {
                let _ = writeln!(out, "\nCite:\n{c}");
            }
            out
        }
    })
}
