//! `conflictstats diff DATASET FROM TO`: what changed between two copies of a dataset.

use crate::applies::{Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, Format, csv_with_provenance, report_load};
use crate::vocab;
use clap::Args;
use conflictstats::CountUnit;
use conflictstats::data::DatasetId;
use conflictstats::diff::{DiffSpec, diff, side_source};

/// Compare two copies of a dataset: records only in one, the fields that differ (old → new),
/// and a counting unit's counts per year side by side.
///
/// FROM and TO are each a release version (`25.1`: the embedded release, else one fetched
/// into the cache with `conflictstats fetch`) or the path of a file (anything holding `/` or
/// `\`, or ending in `.csv`; write `./26.1` for a file named like a version).
#[derive(Debug, Clone, Args)]
pub(crate) struct DiffArgs {
    /// The dataset: ucdp-acd, ucdp-dyadic, ucdp-nonstate, ucdp-onesided, ucdp-brd or ucdp-ged.
    #[arg(value_parser = parse_dataset)]
    pub dataset: DatasetId,
    /// The first copy ("old"): a release version or a file path.
    #[arg(value_name = "FROM")]
    pub from: String,
    /// The second copy ("new"): a release version or a file path.
    #[arg(value_name = "TO")]
    pub to: String,
    /// Counting unit of the counts per year (default: the dataset's main unit — conflict for
    /// the ACD, dyad, nonstate_conflict, onesided_actor; none for the BRD and GED); a unit
    /// computed from the dataset alone.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub unit: Option<CountUnit>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for DiffArgs {
    fn reads(&self) -> Reads {
        Reads::new("diff", [self.dataset])
    }
}

fn parse_dataset(s: &str) -> Result<DatasetId, String> {
    s.parse().map_err(|e: conflictstats::Error| match e {
        conflictstats::Error::InvalidSpec(m) => m,
        other => other.to_string(),
    })
}

pub(crate) fn run(args: &DiffArgs) -> CliResult {
    let spec = DiffSpec {
        dataset: args.dataset,
        from: side_source(&args.from),
        to: side_source(&args.to),
        unit: args.unit,
    };
    let d = diff(&spec)?;
    report_load(&d.old, &[]);
    report_load(&d.new, &[]);
    for w in &d.warnings {
        crate::output::warn(&w.to_string());
    }
    Ok(match args.format {
        Format::Table => d.to_string(),
        Format::Csv => csv_with_provenance(d.to_csv(), d.datasets()),
        Format::Json => Envelope::new("diff")
            .datasets(d.datasets())
            .spec(&spec)
            .rows(&d.rows())
            .result_fields(&d, &["old", "new", "changes", "warnings"])
            .warnings(&d.warnings)
            .render(),
    })
}
