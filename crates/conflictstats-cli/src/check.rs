//! `conflictstats check [CLAIM_FILE]` — a claim checked under every reading.

use crate::envelope::Envelope;
use crate::output::{CliResult, Failure, Format, UcdpFiles, csv_with_provenance};
use clap::Args;
use conflictstats::claim::{CheckOptions, Claim, check};
use conflictstats::data::Sources;
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
    /// Persistence settings of legal_relationship (comma separated).
    #[arg(long, value_delimiter = ',', default_value = "0,1,2,3,4,5")]
    pub persistence: Vec<u32>,
    /// Only these releases (comma separated; default: every available release, embedded or
    /// fetched into the cache).
    #[arg(long, value_delimiter = ',')]
    pub release: Option<Vec<String>>,
    /// Read one release of each dataset, as every other command does (embedded first, then
    /// the cache); with a --*-file option, the other datasets' release.
    #[arg(long)]
    pub version: Option<String>,
    #[command(flatten)]
    pub files: UcdpFiles,
    /// Bootstrap replicates per ratio.
    #[arg(long, default_value_t = conflictstats::trend::DEFAULT_REPLICATES, value_name = "N")]
    pub bootstrap: usize,
    /// Bootstrap seed.
    #[arg(long, default_value_t = conflictstats::trend::DEFAULT_SEED)]
    pub seed: u64,
    /// Output format: one screen of text, one row per part of each reading (CSV), or JSON.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
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
    let (releases, sources) = match (&args.release, &args.version, any_file) {
        (Some(_), Some(_), _) | (Some(_), _, true) => {
            return Err(Failure::Usage(
                "--release reads whole releases; --version and the --*-file options read one copy of each dataset: give one or the other".into(),
            ));
        }
        (_, version, true) => (
            None,
            Some(args.files.apply(Sources::embedded(version.as_deref()))),
        ),
        (_, Some(v), false) => (Some(vec![v.clone()]), None),
        (release, None, false) => (release.clone(), None),
    };
    let opts = CheckOptions {
        persistences: args.persistence.clone(),
        releases,
        sources,
        bootstrap: BootstrapOptions {
            replicates: args.bootstrap,
            seed: args.seed,
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
