//! `conflictstats` — armed-conflict statistics on UCDP data, from the command line.
//!
//! Argument parsing and output formats only: every number comes from the `conflictstats`
//! crate. Errors are one line on stderr and a non-zero exit code (1 for data and
//! specification errors, 2 for usage errors).

mod count;
mod output;
mod panel;
mod reconcile;
mod trend;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Armed-conflict statistics on UCDP data, with the counting unit always explicit.
///
/// Runs offline on the datasets compiled into the binary (default: UCDP/PRIO Armed Conflict
/// Dataset v25.1, 1946–2024); `--file` reads your own copy instead.
#[derive(Debug, Parser)]
#[command(name = "conflictstats", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Start CSV output with `# dataset: … sha256=… status=…` comment lines naming every
    /// dataset read (off by default: plain CSV keeps its header as the first line).
    #[arg(long, global = true)]
    provenance_comment: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Count conflicts (or countries) per year under an explicit counting unit.
    Count(count::CountArgs),
    /// Latest count against 15 and 30 years earlier, the fitted growth rate with its
    /// uncertainty (Poisson, negative binomial, bootstrap) and exponential vs linear by AIC.
    Trend(trend::TrendArgs),
    /// List the datasets compiled into this binary.
    Datasets(output::FormatArgs),
    /// Print the citation of a dataset (plain text, or BibTeX with --bibtex).
    Cite(output::CiteArgs),
    /// Why "61 conflicts" and "around 130": counts under every unit beside published figures.
    Reconcile(reconcile::ReconcileArgs),
    /// Deaths per year in state-based, non-state and one-sided violence.
    Deaths(reconcile::DeathsArgs),
    /// IHL classification (IAC/NIAC/occupation) with optional curated overrides.
    Ihl(reconcile::IhlArgs),
    /// Panels (state-year, dyad-year, conflict-year, conflict-dyad-year) and GED event
    /// aggregation, as CSV or JSON.
    #[command(subcommand)]
    Panel(panel::PanelCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    output::set_provenance_comment(cli.provenance_comment);
    let result = match cli.command {
        Command::Count(args) => count::run(&args),
        Command::Trend(args) => trend::run(&args),
        Command::Datasets(args) => output::datasets(&args),
        Command::Cite(args) => output::cite(&args),
        Command::Reconcile(args) => reconcile::reconcile(&args),
        Command::Deaths(args) => reconcile::deaths(&args),
        Command::Ihl(args) => reconcile::ihl(&args),
        Command::Panel(cmd) => panel::run(&cmd),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(1)
        }
    }
}
