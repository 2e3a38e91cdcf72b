//! `conflictstats trend` — the main job: the latest count against 15 and 30 years earlier,
//! the fitted growth rate with its uncertainty (Poisson, quasi-Poisson, negative binomial,
//! bootstrap), exponential vs linear by AIC, and one sentence that names unit and data.

use crate::envelope::Envelope;
use crate::output::{CliResult, DataArgs, Format, reject_unless};
use clap::{Args, ValueEnum};
use conflictstats::count::count_in;
use conflictstats::trend::{BootstrapOptions, TrendOptions, TrendReport};
use conflictstats::{CountSpec, CountUnit};

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
    /// Horizons in years, comma separated, each at most once.
    #[arg(long, value_delimiter = ',', default_value = "15,30")]
    pub horizons: Vec<u32>,
    /// Fitted window FROM-TO, e.g. 1995-2024 (default: the 30 years ending at --year).
    #[arg(long, value_name = "FROM-TO", value_parser = parse_window)]
    pub window: Option<(i32, i32)>,
    /// Bootstrap replicates for the growth rate and the horizon ratios (0: none).
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub bootstrap: usize,
    /// Bootstrap seed (default 42; same seed, same intervals, whatever the thread count).
    /// Only with a bootstrap (--bootstrap N, N > 0).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Block length of the moving-block bootstrap (default: ⌈n^(1/3)⌉ for an n-year window).
    /// Only with a bootstrap.
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

impl From<TrendFormat> for Format {
    fn from(f: TrendFormat) -> Format {
        match f {
            TrendFormat::Table => Format::Table,
            TrendFormat::Json => Format::Json,
        }
    }
}

/// The default bootstrap seed.
const SEED: u64 = 42;

pub(crate) fn run(args: &TrendArgs) -> CliResult {
    let no_bootstrap = "there is no bootstrap (--bootstrap 0)";
    reject_unless(
        args.bootstrap > 0 || args.seed.is_none(),
        "--seed",
        no_bootstrap,
    )?;
    reject_unless(
        args.bootstrap > 0 || args.block_length.is_none(),
        "--block-length",
        no_bootstrap,
    )?;
    let spec = CountSpec::new(args.unit).persistence(args.persistence);
    let data = args.data.load(args.unit)?;
    let table = count_in(&data.sources(), &spec)?;
    let opts = TrendOptions {
        year: args.year,
        horizons: args.horizons.clone(),
        window: args.window,
        bootstrap: (args.bootstrap > 0).then_some(BootstrapOptions {
            replicates: args.bootstrap,
            seed: args.seed.unwrap_or(SEED),
            block_length: args.block_length,
        }),
    };
    let report = TrendReport::from_count_table(&table, &opts)?;
    Ok(match args.format {
        TrendFormat::Json => Envelope::new("trend")
            .datasets(std::iter::once(&table.dataset).chain(&table.other_datasets))
            .spec(&serde_json::json!({"count": table.spec, "trend": opts}))
            .rows(&table.rows)
            .result_fields(&report, &["dataset", "datasets", "count_spec"])
            .render(),
        TrendFormat::Table => report.render_text(),
    })
}
