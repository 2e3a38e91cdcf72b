//! `conflictstats forecast` — every trend model's predictive distribution of the next years'
//! count (mean, median, 50/80/95 % intervals), the rolling-origin backtest with the
//! predictive verdict, and the release test (fit on one release, score on the next one's new
//! year, beside the revisions between them).

use crate::applies::{self, Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, DataArgs, Format, csv_with_provenance};
use crate::vocab;
use clap::Args;
use conflictstats::count::{CountTable, Datasets, count_in};
use conflictstats::data::Sources;
use conflictstats::trend::forecast::{
    self, DEFAULT_HORIZON, DEFAULT_MEAN_OF_LAST, ForecastOptions, ForecastReport,
};
use conflictstats::trend::{DEFAULT_REPLICATES, DEFAULT_SEED};
use conflictstats::{CountSpec, CountUnit};

/// Forecasts from every trend shape, scored out of sample.
#[derive(Debug, Clone, Args)]
pub(crate) struct ForecastArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Counting unit (see `conflictstats count --help`).
    #[arg(long, default_value = "conflict", help_heading = vocab::ANALYSIS)]
    pub unit: CountUnit,
    /// For --unit legal_relationship: years a relationship stays counted after its last
    /// active year.
    #[arg(long, default_value_t = 0, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub persistence: u32,
    /// Years ahead, 1–30.
    #[arg(long, default_value_t = DEFAULT_HORIZON, value_name = "H", help_heading = vocab::ANALYSIS)]
    pub horizon: u32,
    /// The last year fitted (default: the last year of the data).
    #[arg(long, value_name = "YEAR", help_heading = vocab::FILTERS)]
    pub origin: Option<i32>,
    /// Years of the fit window ending at the origin (and at each backtest origin).
    #[arg(long, default_value_t = 30, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub window_years: usize,
    /// First origin of the rolling-origin backtest (origins run to the last year − 1).
    #[arg(long, default_value_t = 2000, value_name = "FROM", help_heading = vocab::ANALYSIS)]
    pub backtest: i32,
    /// Skip the backtest.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub no_backtest: bool,
    /// Score the forecast on this later release of the same dataset (default: the next
    /// embedded release, when the data end at the origin).
    #[arg(long, value_name = "V", help_heading = vocab::DATA)]
    pub against: Option<String>,
    /// Bootstrap replicates of every predictive distribution (at least 1).
    #[arg(long, default_value_t = DEFAULT_REPLICATES, value_name = "N", help_heading = vocab::ANALYSIS)]
    pub bootstrap: usize,
    /// Bootstrap seed (same seed, same intervals, whatever the thread count).
    #[arg(long, default_value_t = DEFAULT_SEED, help_heading = vocab::ANALYSIS)]
    pub seed: u64,
    /// k of the mean-of-the-last-k-years baseline.
    #[arg(long, default_value_t = DEFAULT_MEAN_OF_LAST, value_name = "K", help_heading = vocab::ANALYSIS)]
    pub mean_of_last: usize,
    /// Shortest regime of the step and regime-change models, in years.
    #[arg(long, default_value_t = 5, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub min_segment: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for ForecastArgs {
    fn reads(&self) -> Reads {
        applies::unit_reads(self.unit)
    }

    fn conditions(&self) -> Vec<Condition> {
        let mut out = applies::series_conditions(self.unit, self.data.dataset.as_deref());
        out.push(Condition::new(
            "--backtest",
            !self.no_backtest,
            "the backtest is skipped (--no-backtest)",
        ));
        out.push(Condition::new(
            "--against",
            self.data.file.is_none(),
            "--file reads one file; name the earlier release with --version instead",
        ));
        out
    }
}

/// The later release to score on: `--against`, else the core's choice (the next embedded
/// release, when the counted one ends at the origin).
fn later_release(args: &ForecastArgs, table: &CountTable) -> Option<String> {
    if let Some(v) = &args.against {
        return Some(v.clone());
    }
    let (years, _) = table.series().ok()?;
    let origin = args.origin.or_else(|| years.last().copied())?;
    forecast::later_release(&table.dataset, origin).map(str::to_string)
}

pub(crate) fn run(args: &ForecastArgs) -> CliResult {
    let spec = CountSpec::new(args.unit).persistence(args.persistence);
    let data = args.data.load(args.unit)?;
    let table = count_in(&data.sources(), &spec)?;
    let later = match later_release(args, &table) {
        Some(v) => {
            let next = Datasets::load_for(&[args.unit], &Sources::embedded(Some(&v)))?;
            Some(count_in(&next.sources(), &spec)?)
        }
        None => None,
    };
    let opts = ForecastOptions {
        horizon: args.horizon,
        origin: args.origin,
        window_years: args.window_years,
        replicates: args.bootstrap,
        seed: args.seed,
        min_segment: args.min_segment,
        mean_of_last: args.mean_of_last,
    };
    let from = (!args.no_backtest).then_some(args.backtest);
    let report = ForecastReport::from_count_table(&table, &opts, from, later.as_ref())?;
    let datasets: Vec<_> = std::iter::once(&report.dataset)
        .chain(later.as_ref().map(|t| &t.dataset))
        .collect();
    Ok(match args.format {
        Format::Json => Envelope::new("forecast")
            .datasets(datasets.iter().copied())
            .spec(
                &serde_json::json!({"count": table.spec, "forecast": opts, "backtest_from": from}),
            )
            .row_values(table.json_rows())
            .result_fields(&report, &["dataset"])
            .render(),
        Format::Csv => csv_with_provenance(report.to_csv(), datasets.iter().copied()),
        Format::Table => report.render_text(),
    })
}
