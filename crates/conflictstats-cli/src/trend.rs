//! `conflictstats trend` — the main job: the latest count against 15 and 30 years earlier,
//! the fitted growth rate with its uncertainty (Poisson, quasi-Poisson, negative binomial,
//! bootstrap), exponential vs linear by AIC, and one sentence that names unit and data.

use crate::count::load_for;
use crate::output::{DataArgs, json};
use clap::{Args, ValueEnum};
use conflictstats::count::count_in;
use conflictstats::trend::{BootstrapOptions, TrendOptions, TrendReport};
use conflictstats::{CountSpec, CountUnit, Result, count};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TrendFormat {
    /// A readable report.
    Table,
    /// JSON with the data's provenance.
    Json,
}

/// The latest count against earlier years, and the fitted trend.
#[derive(Debug, Clone, Args)]
pub(crate) struct TrendArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Counting unit (see `conflictstats count --help`).
    #[arg(long, default_value = "conflict")]
    pub unit: CountUnit,
    /// For --unit legal_relationship: years a relationship stays counted after its last
    /// active year.
    #[arg(long, default_value_t = 0, value_name = "YEARS")]
    pub persistence: u32,
    /// The year to compare (default: the last year of the data).
    #[arg(long)]
    pub year: Option<i32>,
    /// Horizons in years, comma separated.
    #[arg(long, value_delimiter = ',', default_value = "15,30")]
    pub horizons: Vec<u32>,
    /// Fitted window FROM-TO, e.g. 1995-2024 (default: the 30 years ending at --year).
    #[arg(long, value_name = "FROM-TO", value_parser = parse_window)]
    pub window: Option<(i32, i32)>,
    /// Bootstrap replicates for the growth rate and the horizon ratios (0: none).
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub bootstrap: usize,
    /// Bootstrap seed (same seed, same intervals, whatever the thread count).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Block length of the moving-block bootstrap (default: ⌈n^(1/3)⌉ for an n-year window).
    #[arg(long, value_name = "YEARS")]
    pub block_length: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TrendFormat::Table)]
    pub format: TrendFormat,
}

fn parse_window(s: &str) -> std::result::Result<(i32, i32), String> {
    let err = || format!("expected FROM-TO years, e.g. 1995-2024, found {s:?}");
    let (a, b) = s.split_once(['-', '–', ':']).ok_or_else(err)?;
    let from = a.trim().parse().map_err(|_| err())?;
    let to = b.trim().parse().map_err(|_| err())?;
    Ok((from, to))
}

pub(crate) fn run(args: &TrendArgs) -> Result<String> {
    let spec = CountSpec::new(args.unit).persistence(args.persistence);
    let table = if args.unit.datasets() == ["ucdp-acd"] {
        count(&args.data.load_acd()?, &spec)?
    } else {
        count_in(&load_for(&args.data, args.unit)?.sources(), &spec)?
    };
    let opts = TrendOptions {
        year: args.year,
        horizons: args.horizons.clone(),
        window: args.window,
        bootstrap: (args.bootstrap > 0).then_some(BootstrapOptions {
            replicates: args.bootstrap,
            seed: args.seed,
            block_length: args.block_length,
        }),
    };
    let report = TrendReport::from_count_table(&table, &opts)?;
    Ok(match args.format {
        TrendFormat::Json => json(&report),
        TrendFormat::Table => report.render_text(),
    })
}
