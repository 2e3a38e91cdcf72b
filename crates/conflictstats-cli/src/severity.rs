//! `conflictstats severity` — battle-related deaths per conflict-year or per conflict: the
//! distribution, a power-law tail (Clauset, Shalizi & Newman 2009) with bootstrap SE and
//! goodness of fit, and Vuong's test against a log-normal.

use crate::applies::{self, Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, ReportFormat};
use crate::vocab;
use clap::Args;
use conflictstats::data::{DatasetId, Sources};
use conflictstats::severity::{
    Estimate, PowerLawBootstrapOptions, SeverityOptions, SeverityReport, SeverityUnit,
};
use std::path::PathBuf;

/// Deaths per conflict-year or conflict, and the power-law tail.
#[derive(Debug, Clone, Args)]
pub(crate) struct SeverityArgs {
    /// BRD release: embedded, else fetched into the cache (default: 25.1, conflict-level;
    /// 24.1 is the dyadic version, summed per conflict-year).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this BRD file instead of the embedded copy (`--file` for short; `-`: standard
    /// input).
    #[arg(long = "brd-file", visible_alias = "file", value_name = "PATH", value_parser = vocab::input_path, conflicts_with = "version", help_heading = vocab::DATA)]
    pub file: Option<PathBuf>,
    /// One observation per `conflict_year` or per `conflict` (summed over its years).
    #[arg(long, default_value = "conflict_year", help_heading = vocab::ANALYSIS)]
    pub unit: SeverityUnit,
    /// Death estimate: low, best or high.
    #[arg(long, default_value = "best", help_heading = vocab::ANALYSIS)]
    pub estimate: Estimate,
    /// Keep the years FROM-TO only (or one YEAR).
    #[arg(long, value_name = "FROM-TO", value_parser = vocab::parse_closed_years, help_heading = vocab::FILTERS)]
    pub years: Option<(i32, i32)>,
    /// Bootstrap replicates for SE(α) and the goodness-of-fit p-value (0: none).
    #[arg(long, default_value_t = conflictstats::trend::DEFAULT_REPLICATES, value_name = "N", help_heading = vocab::ANALYSIS)]
    pub bootstrap: usize,
    /// Bootstrap seed (default 42). Only with a bootstrap.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub seed: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table, help_heading = vocab::OUTPUT)]
    pub format: ReportFormat,
}

impl Scope for SeverityArgs {
    fn reads(&self) -> Reads {
        Reads::new("severity", [DatasetId::Brd])
    }

    fn conditions(&self) -> Vec<Condition> {
        applies::needs_bootstrap(&["--seed"], self.bootstrap > 0, "--bootstrap 0")
    }
}

pub(crate) fn run(args: &SeverityArgs) -> CliResult {
    // The one resolution of a release: embedded, else fetched into the cache.
    let brd = Sources::embedded(args.version.as_deref())
        .with_optional_file(DatasetId::Brd, args.file.as_deref())
        .brd()?;
    crate::output::report_load(brd.provenance(), brd.warnings());
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
