//! `conflictstats severity` — battle-related deaths per conflict-year or per conflict: the
//! distribution, a power-law tail (Clauset, Shalizi & Newman 2009) with bootstrap SE and
//! goodness of fit, and Vuong's test against a log-normal.

use crate::envelope::Envelope;
use crate::output::{CliResult, Format, reject_unless};
use clap::{Args, ValueEnum};
use conflictstats::data::Brd;
use conflictstats::severity::{
    Estimate, PowerLawBootstrapOptions, SeverityOptions, SeverityReport, SeverityUnit,
};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// A readable report.
    Table,
    /// JSON with the data's provenance.
    Json,
}

/// Deaths per conflict-year or conflict, and the power-law tail.
#[derive(Debug, Clone, Args)]
pub(crate) struct SeverityArgs {
    /// BRD release (default: 25.1, conflict-level; 24.1 is the dyadic version, summed per
    /// conflict-year).
    #[arg(long)]
    pub version: Option<String>,
    /// Read this BRD file instead of the embedded copy.
    #[arg(long, value_name = "PATH", conflicts_with = "version")]
    pub file: Option<PathBuf>,
    /// One observation per `conflict_year` or per `conflict` (summed over its years).
    #[arg(long, default_value = "conflict_year")]
    pub unit: SeverityUnit,
    /// Death estimate: low, best or high.
    #[arg(long, default_value = "best")]
    pub estimate: Estimate,
    /// Keep the years FROM-TO only.
    #[arg(long, value_name = "FROM-TO", value_parser = crate::trend::parse_window)]
    pub years: Option<(i32, i32)>,
    /// Bootstrap replicates for SE(α) and the goodness-of-fit p-value (0: none).
    #[arg(long, default_value_t = conflictstats::trend::DEFAULT_REPLICATES, value_name = "N")]
    pub bootstrap: usize,
    /// Bootstrap seed (default 42).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

impl From<ReportFormat> for Format {
    fn from(f: ReportFormat) -> Format {
        match f {
            ReportFormat::Table => Format::Table,
            ReportFormat::Json => Format::Json,
        }
    }
}

pub(crate) fn run(args: &SeverityArgs) -> CliResult {
    reject_unless(
        args.bootstrap > 0 || args.seed.is_none(),
        "--seed",
        "there is no bootstrap (--bootstrap 0)",
    )?;
    let brd = match &args.file {
        Some(p) => {
            let brd = Brd::from_path(p)?;
            crate::output::report_load(brd.provenance(), brd.warnings());
            brd
        }
        None => Brd::embedded(args.version.as_deref())?,
    };
    let opts = SeverityOptions {
        unit: args.unit,
        estimate: args.estimate,
        years: args.years,
        bootstrap: (args.bootstrap > 0).then_some(PowerLawBootstrapOptions {
            replicates: args.bootstrap,
            seed: args.seed.unwrap_or(conflictstats::trend::DEFAULT_SEED),
        }),
    };
    let report = SeverityReport::from_brd(&brd, &opts)?;
    Ok(match args.format {
        // Rows: the observations' order statistics are in `result.summary`; the rows are the
        // five largest observations (conflict_id, year, last_year, deaths).
        ReportFormat::Json => Envelope::new("severity")
            .datasets(&report.dataset)
            .spec(&opts)
            .rows(&report.largest)
            .warnings(brd.warnings())
            .result_fields(&report, &["dataset", "largest"])
            .render(),
        ReportFormat::Table => report.render_text(),
    })
}
