//! Shared arguments and output helpers. JSON output goes through [`crate::envelope`].

use crate::applies::{Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::vocab;
use clap::{Args, ValueEnum};
use conflictstats::count::Datasets;
use conflictstats::data::registry::{self, REGISTRY};
use conflictstats::data::{DatasetId, LoadWarning, Provenance, Sources};
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
/// each), and the warning the data's release status calls for (the core's
/// [`Provenance::status_warning`]: a modified copy, an unregistered version, an unverified
/// download).
pub(crate) fn report_load(provenance: &Provenance, warnings: &[LoadWarning]) {
    for w in warnings {
        warn(&w.to_string());
    }
    if let Some(w) = provenance.status_warning() {
        warn(&w.to_string());
    }
}

/// One `warning: …` line on stderr, with anything from outside in it escaped.
pub(crate) fn warn(message: &str) {
    eprintln!("warning: {}", conflictstats::untrusted::escape(message));
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
            conflictstats::untrusted::escape(&p.version),
            p.sha256,
            p.status.key(),
            p.byte_identity.key(),
            conflictstats::untrusted::escape(&p.source)
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

/// Writes a command's output as it is produced; an error (a closed pipe) stops it.
pub(crate) type Writer = Box<dyn FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>>;

/// What a command prints: text built whole, or output written as it is produced (JSON rows
/// streamed one by one: memory independent of the number of rows).
pub(crate) enum Output {
    /// The whole output.
    Text(String),
    /// Writes the output; an error (a closed pipe) stops it.
    Stream(Writer),
}

/// Output format of a report (a command with no CSV output).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReportFormat {
    /// A readable report.
    Table,
    /// JSON with the data's provenance.
    Json,
}

impl From<ReportFormat> for Format {
    fn from(f: ReportFormat) -> Format {
        match f {
            ReportFormat::Table => Format::Table,
            ReportFormat::Json => Format::Json,
        }
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
    #[arg(long, help_heading = vocab::DATA)]
    pub dataset: Option<String>,
    /// Release of the dataset(s) the unit reads: embedded, else fetched into the cache
    /// (default: each dataset's default release; `conflictstats datasets` lists them).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this file instead of the embedded copy (`-`: standard input): the dataset the
    /// --unit reads (the ACD for conflict/country/state_party, UCDP Dyadic for dyad, Non-State
    /// for nonstate_conflict, One-sided for onesided_actor), in UCDP's download or API layout.
    #[arg(
        long,
        value_name = "PATH",
        value_parser = vocab::input_path,
        help_heading = vocab::DATA,
        conflicts_with_all = ["version", "acd_file", "dyadic_file", "nonstate_file", "onesided_file"]
    )]
    pub file: Option<PathBuf>,
    /// The SHA-256 the --file must have (else exit 1): pins your own copy.
    #[arg(long, value_name = "HEX", requires = "file", help_heading = vocab::DATA)]
    pub expect_sha256: Option<String>,
    #[command(flatten)]
    pub files: UcdpFiles,
}

/// One file option per dataset the counting units read (`count`, `trend`, `reconcile`);
/// `-` reads standard input.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct UcdpFiles {
    /// Read this UCDP/PRIO ACD file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub acd_file: Option<PathBuf>,
    /// Read this UCDP Dyadic file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub dyadic_file: Option<PathBuf>,
    /// Read this UCDP Non-State file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub nonstate_file: Option<PathBuf>,
    /// Read this UCDP One-sided Violence file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
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
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for FormatArgs {
    fn reads(&self) -> Reads {
        Reads::nothing("datasets (it lists the registry)")
    }
}

#[derive(Debug, Clone, Args)]
pub(crate) struct CiteArgs {
    /// Dataset name (as `conflictstats datasets` lists it).
    #[arg(long, default_value = "ucdp-acd", help_heading = vocab::DATA)]
    pub dataset: String,
    /// Release: embedded, else fetched into the cache (default: the newest embedded release).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Print BibTeX instead of plain text.
    #[arg(long, help_heading = vocab::OUTPUT)]
    pub bibtex: bool,
    /// Output format: table (plain text or BibTeX) or json (both, in the envelope).
    #[arg(long, value_enum, default_value_t = ReportFormat::Table, help_heading = vocab::OUTPUT)]
    pub format: ReportFormat,
}

impl CiteArgs {
    pub(crate) fn format(&self) -> Format {
        self.format.into()
    }
}

impl Scope for CiteArgs {
    fn reads(&self) -> Reads {
        // A citation names a release; `--version` chooses which (checked by `cite` itself).
        Reads::new("cite", self.dataset.parse::<DatasetId>().ok())
    }

    fn pins(&self) -> bool {
        false // a citation, not the data
    }

    fn conditions(&self) -> Vec<Condition> {
        vec![Condition::new(
            "--bibtex",
            self.format == ReportFormat::Table,
            "--format json gives both the text and the BibTeX",
        )]
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

/// `conflictstats cite`: the citation of the release `--version` names — embedded, or fetched
/// into the cache (resolved as every other command resolves a release).
pub(crate) fn cite(args: &CiteArgs) -> CliResult {
    let (entry, provenance) = cited(&args.dataset, args.version.as_deref())?;
    if args.format == ReportFormat::Json {
        let row = serde_json::json!({
            "name": provenance.name,
            "version": provenance.version,
            "citation": entry.citation,
            "bibtex": entry.bibtex,
            "byte_identity": entry.byte_identity,
        });
        return Ok(Envelope::new("cite")
            .datasets([&provenance])
            .spec(&serde_json::json!({"dataset": args.dataset, "version": args.version}))
            .row_values(vec![row])
            .render());
    }
    let mut text = if args.bibtex {
        entry.bibtex.to_string()
    } else {
        entry.citation.to_string()
    };
    text.push('\n');
    Ok(text)
}

/// The registry entry whose citation applies to `name` `version`, and the release's
/// provenance: an embedded release cites itself; a fetched one cites its dataset as UCDP asks
/// (the default release's citation, which names the dataset and its article), with the
/// fetched release's own provenance.
fn cited(
    name: &str,
    version: Option<&str>,
) -> Result<(&'static registry::EmbeddedDataset, Provenance)> {
    use conflictstats::data::{Located, Source};
    let id: DatasetId = name.parse()?;
    let mut sources = Sources::default();
    sources.set(id, Source::Embedded(version.map(str::to_string)));
    match sources.locate(id)? {
        Located::Cached(cached) => {
            let entry = registry::find(id.registry_name(), None)?;
            let loaded = Provenance {
                sha256: cached.record.sha256.clone(),
                source: cached.path.display().to_string(),
                ..Provenance::embedded(entry)
            };
            Ok((entry, cached.provenance(loaded)?))
        }
        Located::Embedded(entry) => Ok((entry, Provenance::embedded(entry))),
        // No file is set on these sources: the registry's entry of that version.
        Located::File(_) => {
            let entry = registry::find(id.registry_name(), version)?;
            Ok((entry, Provenance::embedded(entry)))
        }
    }
}
