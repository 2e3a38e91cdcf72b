//! `conflictstats trend` — the main job: the latest count against 15 and 30 years earlier,
//! the fitted growth rate with its uncertainty (Poisson, quasi-Poisson, negative binomial,
//! HAC, bootstrap), residual diagnostics, every shape (exponential, linear, step, regime
//! changes) in one models table with the no-break test, and one sentence that names unit,
//! data, the best-supported shape and its break year.

use crate::applies::{self, Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, DataArgs, Format};
use crate::vocab;
use clap::{Args, ValueEnum};
use conflictstats::count::count_in;
use conflictstats::trend::forecast::{BacktestOptions, ForecastOptions};
use conflictstats::trend::{
    AddedParts, BootstrapOptions, DEFAULT_REPLICATES, DEFAULT_SEED, ShapeOptions, TrendOptions,
    TrendReport, add_parts,
};
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
    #[arg(long, default_value = "conflict", help_heading = vocab::ANALYSIS)]
    pub unit: CountUnit,
    /// For --unit legal_relationship: years a relationship stays counted after its last
    /// active year.
    #[arg(long, default_value_t = 0, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub persistence: u32,
    /// The year to compare (default: the last year of the data).
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub year: Option<i32>,
    /// Horizons in years, comma separated, each at most once.
    #[arg(long, value_delimiter = ',', default_value = "15,30", help_heading = vocab::ANALYSIS)]
    pub horizons: Vec<u32>,
    /// Fitted years FROM-TO, e.g. 1995-2024 (default: the 30 years ending at --year).
    #[arg(long, alias = "window", value_name = "FROM-TO", value_parser = vocab::parse_closed_years, help_heading = vocab::FILTERS)]
    pub years: Option<(i32, i32)>,
    /// Bootstrap replicates for the growth rate and the horizon ratios (0: none).
    #[arg(long, default_value_t = DEFAULT_REPLICATES, value_name = "N", help_heading = vocab::ANALYSIS)]
    pub bootstrap: usize,
    /// Bootstrap seed (default 42; same seed, same intervals, whatever the thread count), of
    /// the growth/ratio bootstrap and the break bootstrap. Only with a bootstrap.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub seed: Option<u64>,
    /// Block length of the moving-block bootstraps (default: ⌈n^(1/3)⌉ for an n-year
    /// window). Only with a bootstrap.
    #[arg(long, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub block_length: Option<usize>,
    /// Bootstrap replicates of the no-break test and the break-year interval (0: none, and
    /// then no break is declared).
    #[arg(long, default_value_t = DEFAULT_REPLICATES, value_name = "N", help_heading = vocab::ANALYSIS)]
    pub break_bootstrap: usize,
    /// Shortest regime of the step and regime-change models, in years.
    #[arg(long, default_value_t = 5, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub min_segment: usize,
    /// Do not fit the step and regime-change models.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub no_shapes: bool,
    /// Lags of the HAC (Newey–West) intervals (default: ⌊4 (n/100)^(2/9)⌋, 3 for 30 years).
    #[arg(long, value_name = "LAGS", help_heading = vocab::ANALYSIS)]
    pub hac_lags: Option<usize>,
    /// Lags of the Ljung–Box test of the residuals (default: min(10, n/5), 6 for 30 years).
    #[arg(long, value_name = "LAGS", help_heading = vocab::ANALYSIS)]
    pub ljung_box_lags: Option<usize>,
    /// Add the rates per G&W state of every form of violence (count and per-state growth) as
    /// a section of the report.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub rates: bool,
    /// Add the power-law tail of battle-related deaths per conflict-year (BRD of the same
    /// --version, or its default; asymptotic SE, no bootstrap) as a section of the report.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub severity: bool,
    /// Add the predictive verdict: every model's forecasts backtested from rolling origins
    /// FROM…last year − 1 (1–5 years ahead, 1,000 replicates; see `conflictstats forecast`).
    #[arg(long, value_name = "FROM", help_heading = vocab::ANALYSIS)]
    pub backtest: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TrendFormat::Table, help_heading = vocab::OUTPUT)]
    pub format: TrendFormat,
}

impl Scope for TrendArgs {
    fn reads(&self) -> Reads {
        applies::unit_reads(self.unit)
    }

    fn conditions(&self) -> Vec<Condition> {
        let mut out = applies::series_conditions(self.unit, self.data.dataset.as_deref());
        let any_bootstrap = self.bootstrap > 0
            || (!self.no_shapes && self.break_bootstrap > 0)
            || self.backtest.is_some();
        out.extend(applies::needs_bootstrap(
            &["--seed", "--block-length"],
            any_bootstrap,
            "--bootstrap 0, and --break-bootstrap 0 or --no-shapes",
        ));
        for option in ["--min-segment", "--break-bootstrap"] {
            out.push(Condition::new(
                option,
                !self.no_shapes,
                "the shapes are not compared (--no-shapes)",
            ));
        }
        out
    }
}

impl From<TrendFormat> for Format {
    fn from(f: TrendFormat) -> Format {
        match f {
            TrendFormat::Table => Format::Table,
            TrendFormat::Json => Format::Json,
        }
    }
}

pub(crate) fn run(args: &TrendArgs) -> CliResult {
    let spec = CountSpec::new(args.unit).persistence(args.persistence);
    let data = args.data.load(args.unit)?;
    let table = count_in(&data.sources(), &spec)?;
    let opts = TrendOptions {
        year: args.year,
        horizons: args.horizons.clone(),
        window: args.years,
        bootstrap: (args.bootstrap > 0).then_some(BootstrapOptions {
            replicates: args.bootstrap,
            seed: args.seed.unwrap_or(DEFAULT_SEED),
            block_length: args.block_length,
        }),
        shapes: (!args.no_shapes).then_some(ShapeOptions {
            min_segment: args.min_segment,
            replicates: args.break_bootstrap,
            seed: args.seed.unwrap_or(DEFAULT_SEED),
            block_length: args.block_length,
            ..ShapeOptions::default()
        }),
        hac_lags: args.hac_lags,
        ljung_box_lags: args.ljung_box_lags,
        forecast: args.backtest.map(|from| BacktestOptions {
            from,
            forecast: ForecastOptions {
                seed: args.seed.unwrap_or(DEFAULT_SEED),
                ..ForecastOptions::default()
            },
        }),
    };
    let mut report = TrendReport::from_count_table(&table, &opts)?;
    let parts = AddedParts {
        rates: args.rates,
        severity: args.severity,
    };
    add_parts(&mut report, &data, parts, args.data.version.as_deref())?;
    Ok(match args.format {
        TrendFormat::Json => Envelope::new("trend")
            // The counted data, then what the unit and the added parts read.
            .datasets(report.dataset.iter().chain(&report.other_datasets))
            .spec(&serde_json::json!({"count": table.spec, "trend": opts}))
            .row_values(table.json_rows())
            .result_fields(&report, &["dataset", "other_datasets", "count_spec"])
            .render(),
        TrendFormat::Table => report.render_text(),
    })
}
