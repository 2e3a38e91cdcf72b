//! Shared arguments and output helpers. JSON output goes through [`crate::envelope`].

use crate::envelope::Envelope;
use clap::{Args, ValueEnum};
use conflictstats::count::Datasets;
use conflictstats::data::registry::{self, REGISTRY};
use conflictstats::data::{DatasetId, LoadWarning, Provenance, ReleaseStatus, Sources};
use conflictstats::{CountUnit, Error, Result};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// `--provenance-comment`: prefix CSV output with the datasets' provenance.
static PROVENANCE_COMMENT: AtomicBool = AtomicBool::new(false);

pub(crate) fn set_provenance_comment(on: bool) {
    PROVENANCE_COMMENT.store(on, Ordering::Relaxed);
}

/// Reports on stderr what a loader accepted under a documented rule (`warning: …`, one line
/// each), and a file whose rows claim a registered release but whose bytes differ from it.
pub(crate) fn report_load(provenance: &Provenance, warnings: &[LoadWarning]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
    let p = provenance;
    match p.status {
        ReleaseStatus::Modified => {
            let release = registry::find(&p.name, Some(&p.version))
                .map(|e| format!(" (the release's is {})", e.sha256))
                .unwrap_or_default();
            eprintln!(
                "warning: {}: the rows claim {} v{}, but the file's SHA-256 {} differs from the official release{release}: results are for this modified copy",
                p.source, p.title, p.version, p.sha256
            );
        }
        ReleaseStatus::Unregistered => eprintln!(
            "warning: {}: {} is not a registered release (SHA-256 {}): its figures are not verified against any release",
            p.source,
            if p.version == conflictstats::data::UNKNOWN_VERSION {
                format!("{} (version unknown)", p.title)
            } else {
                format!("{} v{}", p.title, p.version)
            },
            p.sha256
        ),
        ReleaseStatus::Unverified => eprintln!(
            "warning: {}: {} v{} is an UNVERIFIED download (no published checksum; SHA-256 {}): its figures are not verified against any release",
            p.source, p.title, p.version, p.sha256
        ),
        ReleaseStatus::Embedded | ReleaseStatus::Official => {}
    }
}

/// CSV output, prefixed with one `# dataset: …` line per dataset under `--provenance-comment`.
pub(crate) fn csv_with_provenance<'a>(
    csv: String,
    datasets: impl IntoIterator<Item = &'a Provenance>,
) -> String {
    if !PROVENANCE_COMMENT.load(Ordering::Relaxed) {
        return csv;
    }
    let mut out = String::new();
    for p in datasets {
        let _ = writeln!(
            out,
            "# dataset: {} v{} sha256={} status={} byte_identity={} source={}",
            p.name,
            p.version,
            p.sha256,
            p.status.key(),
            p.byte_identity.key(),
            p.source
        );
    }
    out + &csv
}

/// Why a command failed: a core error (exit 1), or options that do not fit together (a usage
/// error, exit 2).
#[derive(Debug)]
pub(crate) enum Failure {
    /// A data or specification error from the core.
    Core(Error),
    /// Options that do not apply or contradict each other.
    Usage(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Core(e)
    }
}

/// What a command returns: its output text, or why it failed.
pub(crate) type CliResult = std::result::Result<String, Failure>;

/// A usage error unless `ok`: `option` does not apply (`why`).
pub(crate) fn reject_unless(ok: bool, option: &str, why: &str) -> std::result::Result<(), Failure> {
    if ok {
        Ok(())
    } else {
        Err(Failure::Usage(format!("{option} does not apply: {why}")))
    }
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned text for the terminal.
    Table,
    /// Comma-separated values.
    Csv,
    /// JSON with the data's provenance and the specification.
    Json,
}

/// Which data to read.
#[derive(Debug, Clone, Args)]
pub(crate) struct DataArgs {
    /// Embedded dataset name; must be one the --unit reads (default: the unit's own dataset:
    /// ucdp-acd for conflict/country/state_party, ucdp-dyadic for dyad, …).
    #[arg(long)]
    pub dataset: Option<String>,
    /// Release of the dataset(s) the unit reads (default: each dataset's default release;
    /// `conflictstats datasets` lists them).
    #[arg(long)]
    pub version: Option<String>,
    /// Read this file instead of the embedded copy: the dataset the --unit reads (the ACD for
    /// conflict/country/state_party, UCDP Dyadic for dyad, Non-State for nonstate_conflict,
    /// One-sided for onesided_actor), in UCDP's download or API layout.
    #[arg(
        long,
        value_name = "PATH",
        conflicts_with_all = ["version", "acd_file", "dyadic_file", "nonstate_file", "onesided_file"]
    )]
    pub file: Option<PathBuf>,
    /// The SHA-256 the --file must have (else exit 1): pins your own copy.
    #[arg(long, value_name = "HEX", requires = "file")]
    pub expect_sha256: Option<String>,
    #[command(flatten)]
    pub files: UcdpFiles,
}

/// One file option per dataset the counting units read (`count`, `trend`, `reconcile`).
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct UcdpFiles {
    /// Read this UCDP/PRIO ACD file instead of the embedded release.
    #[arg(long, value_name = "PATH")]
    pub acd_file: Option<PathBuf>,
    /// Read this UCDP Dyadic file instead of the embedded release.
    #[arg(long, value_name = "PATH")]
    pub dyadic_file: Option<PathBuf>,
    /// Read this UCDP Non-State file instead of the embedded release.
    #[arg(long, value_name = "PATH")]
    pub nonstate_file: Option<PathBuf>,
    /// Read this UCDP One-sided Violence file instead of the embedded release.
    #[arg(long, value_name = "PATH")]
    pub onesided_file: Option<PathBuf>,
}

impl UcdpFiles {
    /// `sources` with these files set.
    pub(crate) fn apply(&self, sources: Sources) -> Sources {
        sources
            .with_optional_file(DatasetId::Acd, self.acd_file.as_deref())
            .with_optional_file(DatasetId::Dyadic, self.dyadic_file.as_deref())
            .with_optional_file(DatasetId::NonState, self.nonstate_file.as_deref())
            .with_optional_file(DatasetId::OneSided, self.onesided_file.as_deref())
    }
}

/// Prints the load warnings (and a modified-copy notice) of each loaded dataset on stderr.
pub(crate) fn report_all<'a>(
    loaded: impl IntoIterator<Item = (&'a Provenance, &'a [LoadWarning])>,
) {
    for (p, w) in loaded {
        report_load(p, w);
    }
}

impl DataArgs {
    /// Loads the datasets `unit` reads: `--file` for a unit that reads one dataset, else each
    /// from its `--<dataset>-file` option or the embedded release (`--version`). `--dataset`
    /// must name one the unit reads (the core's [`CountUnit::check_dataset`]); load warnings
    /// are printed on stderr.
    pub(crate) fn load(&self, unit: CountUnit) -> Result<Datasets> {
        if let Some(name) = &self.dataset {
            conflictstats::data::resolve(name, self.version.as_deref())?;
            unit.check_dataset(name)?;
        }
        let data = match &self.file {
            Some(path) => Datasets::from_file(unit, path)?,
            None => Datasets::load_for(
                &[unit],
                &self.files.apply(Sources::embedded(self.version.as_deref())),
            )?,
        };
        for (p, w) in data.loaded() {
            if let Some(hex) = &self.expect_sha256 {
                conflictstats::data::lock::expect_sha256(p, hex)?;
            }
            report_load(p, w);
        }
        Ok(data)
    }
}

#[derive(Debug, Clone, Args)]
pub(crate) struct FormatArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct CiteArgs {
    /// Embedded dataset name.
    #[arg(long, default_value = "ucdp-acd")]
    pub dataset: String,
    /// Dataset version (default: the newest embedded release).
    #[arg(long)]
    pub version: Option<String>,
    /// Print BibTeX instead of plain text.
    #[arg(long)]
    pub bibtex: bool,
    /// Output format: table (plain text or BibTeX) or json (both, in the envelope).
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl CiteArgs {
    pub(crate) fn format(&self) -> Format {
        self.format
    }
}

/// `conflictstats datasets`.
pub(crate) fn datasets(args: &FormatArgs) -> CliResult {
    Ok(match args.format {
        Format::Json => Envelope::new("datasets").rows(&REGISTRY).render(),
        Format::Csv => {
            let mut out = String::from(
                "name,version,default,rows,first_year,last_year,licence,sha256,byte_identity\n",
            );
            for d in REGISTRY {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{}",
                    d.name,
                    d.version,
                    d.default,
                    d.rows,
                    d.years.0,
                    d.years.1,
                    d.licence,
                    d.sha256,
                    d.byte_identity.key()
                );
            }
            out
        }
        Format::Table => {
            let mut out = String::new();
            for d in REGISTRY {
                let _ = writeln!(
                    out,
                    "{:<18} {:<8}{} {:>6} rows  {}–{}  {}  {}\n  {}\n  sha256 {}\n  byte_identity {}: {}",
                    d.name,
                    d.version,
                    if d.default { "*" } else { " " },
                    d.rows,
                    d.years.0,
                    d.years.1,
                    d.licence,
                    d.title,
                    d.file_name,
                    d.sha256,
                    d.byte_identity.key(),
                    d.byte_identity.describe()
                );
            }
            out.push_str("* default version\n");
            out
        }
    })
}

/// `conflictstats cite`.
pub(crate) fn cite(args: &CiteArgs) -> CliResult {
    let entry = registry::find(&args.dataset, args.version.as_deref())?;
    match args.format {
        Format::Csv => {
            return Err(Failure::Usage(
                "cite has no CSV output; use --format table or json".into(),
            ));
        }
        Format::Json => {
            reject_unless(
                !args.bibtex,
                "--bibtex",
                "--format json gives both the text and the BibTeX",
            )?;
            let row = serde_json::json!({
                "name": entry.name,
                "version": entry.version,
                "citation": entry.citation,
                "bibtex": entry.bibtex,
                "byte_identity": entry.byte_identity,
            });
            return Ok(Envelope::new("cite")
                .datasets([&Provenance::embedded(entry)])
                .spec(&serde_json::json!({"dataset": args.dataset, "version": args.version}))
                .row_values(vec![row])
                .render());
        }
        Format::Table => {}
    }
    let mut text = if args.bibtex {
        entry.bibtex.to_string()
    } else {
        entry.citation.to_string()
    };
    text.push('\n');
    Ok(text)
}
