//! `conflictstats check [CLAIM_FILE]` — a claim checked under every reading.

use crate::applies::{self, Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, Failure, Format, UcdpFiles, csv_with_provenance};
use crate::vocab;
use clap::Args;
use conflictstats::claim::{CheckOptions, Claim, check};
use conflictstats::count::DEFAULT_PERSISTENCES;
use conflictstats::data::{DatasetId, Sources};
use conflictstats::trend::BootstrapOptions;
use std::path::PathBuf;

/// Check a claim (default: the ICRC's sentence of 2026-03-06) under every reading.
///
/// Readings vary the counting unit (every unit, legal_relationship at each persistence, and
/// state-based + non-state conflicts), the reference year (the year "today" means; the latest
/// year every dataset covers), the base year (h, h−1, h+1 years back), the base smoothing (one
/// year, 3-year mean) and the data release. A year no available release covers is reported as
/// "needs release X", never dropped or filled.
#[derive(Debug, Clone, Args)]
pub(crate) struct CheckArgs {
    /// A claim file, TOML or JSON (`.json`); default: the seed sentence
    /// (data/reference/claims/icrc-2026-03-06.toml).
    pub claim: Option<PathBuf>,
    /// Persistence settings of legal_relationship (comma separated; default 0–5).
    #[arg(long, value_delimiter = ',', default_values_t = DEFAULT_PERSISTENCES, help_heading = vocab::ANALYSIS)]
    pub persistence: Vec<u32>,
    /// Only these releases (comma separated; default: every available release, embedded or
    /// fetched into the cache); with a --*-file option, one release: that of the datasets not
    /// given as files.
    #[arg(long, alias = "release", value_delimiter = ',', help_heading = vocab::DATA)]
    pub version: Option<Vec<String>>,
    #[command(flatten)]
    pub files: UcdpFiles,
    /// Bootstrap replicates per ratio (0: none).
    #[arg(long, default_value_t = conflictstats::trend::DEFAULT_REPLICATES, value_name = "N", help_heading = vocab::ANALYSIS)]
    pub bootstrap: usize,
    /// Bootstrap seed (default 42). Only with a bootstrap.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub seed: Option<u64>,
    /// Output format: one screen of text, one row per part of each reading (CSV), or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for CheckArgs {
    fn reads(&self) -> Reads {
        // Every unit's datasets, in each release read.
        Reads::new(
            "check",
            [
                DatasetId::Acd,
                DatasetId::Dyadic,
                DatasetId::NonState,
                DatasetId::OneSided,
            ],
        )
    }

    fn conditions(&self) -> Vec<Condition> {
        applies::needs_bootstrap(&["--seed"], self.bootstrap > 0, "--bootstrap 0")
    }
}

pub(crate) fn run(args: &CheckArgs) -> CliResult {
    let claim = match &args.claim {
        Some(path) => Claim::from_path(path)?,
        None => Claim::seed()?,
    };
    let any_file = [
        &args.files.acd_file,
        &args.files.dyadic_file,
        &args.files.nonstate_file,
        &args.files.onesided_file,
    ]
    .iter()
    .any(|f| f.is_some());
    let (releases, sources) = if any_file {
        let version = match args.version.as_deref() {
            None => None,
            Some([v]) => Some(v.as_str()),
            Some(_) => {
                return Err(Failure::Usage(
                    "with a --*-file option, --version names one release: that of the datasets not given as files".into(),
                ));
            }
        };
        (None, Some(args.files.apply(Sources::embedded(version))))
    } else {
        (args.version.clone(), None)
    };
    let opts = CheckOptions {
        persistences: args.persistence.clone(),
        releases,
        sources,
        bootstrap: BootstrapOptions {
            replicates: args.bootstrap,
            seed: args.seed.unwrap_or(conflictstats::trend::DEFAULT_SEED),
            block_length: None,
        },
    };
    let c = check(&claim, &opts)?;
    Ok(match args.format {
        Format::Table => c.to_string(),
        Format::Csv => csv_with_provenance(c.to_csv(), &c.datasets),
        Format::Json => Envelope::new("check")
            .datasets(&c.datasets)
            .spec(&serde_json::json!({"claim": c.claim, "options": c.options}))
            .rows(&c.rows())
            .result_fields(&c, &["claim", "options", "readings", "series", "datasets"])
            .render(),
    })
}
