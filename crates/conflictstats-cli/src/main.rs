//! `conflictstats` — armed-conflict statistics on UCDP data, from the command line.
//!
//! Argument parsing and output formats only: every number comes from the `conflictstats`
//! crate. Errors are one line on stderr and a non-zero exit code (1 for data and
//! specification errors, 2 for usage errors).

mod count;
mod output;
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
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Count conflicts (or countries) per year under an explicit counting unit.
    Count(count::CountArgs),
    /// Latest count against 15 and 30 years earlier: ratios, growth, doubling time.
    Trend(trend::TrendArgs),
    /// List the datasets compiled into this binary.
    Datasets(output::FormatArgs),
    /// Print the citation of a dataset (plain text, or BibTeX with --bibtex).
    Cite(output::CiteArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Count(args) => count::run(&args),
        Command::Trend(args) => trend::run(&args),
        Command::Datasets(args) => output::datasets(&args),
        Command::Cite(args) => output::cite(&args),
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
