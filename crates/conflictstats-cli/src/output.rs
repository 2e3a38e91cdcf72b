//! Shared arguments and output helpers.

use clap::{Args, ValueEnum};
use conflictstats::Result;
use conflictstats::data::registry::{self, REGISTRY};
use conflictstats::data::{Acd, LoadWarning, Provenance, ReleaseStatus};
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
    if provenance.status == ReleaseStatus::Modified {
        let release = registry::find(&provenance.name, Some(&provenance.version))
            .map(|e| format!(" (the release's is {})", e.sha256))
            .unwrap_or_default();
        eprintln!(
            "warning: {}: the rows claim {} v{}, but the file's SHA-256 {} differs from the official release{release}: results are for this modified copy",
            provenance.source, provenance.title, provenance.version, provenance.sha256
        );
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
            "# dataset: {} v{} sha256={} status={} source={}",
            p.name,
            p.version,
            p.sha256,
            serde_json::to_value(p.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default(),
            p.source
        );
    }
    out + &csv
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
    /// Embedded dataset name.
    #[arg(long, default_value = "ucdp-acd")]
    pub dataset: String,
    /// Dataset version (default: the newest embedded release, 25.1 for ucdp-acd).
    #[arg(long)]
    pub version: Option<String>,
    /// Read this ACD file (download or API layout) instead of the embedded copy.
    #[arg(long, value_name = "PATH", conflicts_with = "version")]
    pub file: Option<PathBuf>,
}

impl DataArgs {
    /// Loads the ACD the arguments name.
    pub(crate) fn load_acd(&self) -> Result<Acd> {
        match &self.file {
            Some(path) => {
                let acd = Acd::from_path(path)?;
                report_load(&acd.provenance, &acd.warnings);
                Ok(acd)
            }
            None => {
                let entry = registry::find(&self.dataset, self.version.as_deref())?;
                Acd::from_entry(entry)
            }
        }
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
}

/// Serialises `value` as pretty JSON with a trailing newline.
pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s =
        serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// `conflictstats datasets`.
pub(crate) fn datasets(args: &FormatArgs) -> Result<String> {
    Ok(match args.format {
        Format::Json => json(&REGISTRY),
        Format::Csv => {
            let mut out =
                String::from("name,version,default,rows,first_year,last_year,licence,sha256\n");
            for d in REGISTRY {
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{}",
                    d.name, d.version, d.default, d.rows, d.years.0, d.years.1, d.licence, d.sha256
                );
            }
            out
        }
        Format::Table => {
            let mut out = String::new();
            for d in REGISTRY {
                let _ = writeln!(
                    out,
                    "{:<18} {:<8}{} {:>6} rows  {}–{}  {}  {}\n  {}\n  sha256 {}",
                    d.name,
                    d.version,
                    if d.default { "*" } else { " " },
                    d.rows,
                    d.years.0,
                    d.years.1,
                    d.licence,
                    d.title,
                    d.file_name,
                    d.sha256
                );
            }
            out.push_str("* default version\n");
            out
        }
    })
}

/// `conflictstats cite`.
pub(crate) fn cite(args: &CiteArgs) -> Result<String> {
    let entry = registry::find(&args.dataset, args.version.as_deref())?;
    let mut text = if args.bibtex {
        entry.bibtex.to_string()
    } else {
        entry.citation.to_string()
    };
    text.push('\n');
    Ok(text)
}
