//! `conflictstats` — armed-conflict statistics on UCDP data, from the command line.
//!
//! Argument parsing and output formats only: every number comes from the `conflictstats`
//! crate. Errors are one line on stderr and a non-zero exit code (1 for data and
//! specification errors, 2 for usage errors).

mod acled;
mod check;
mod count;
mod diff;
mod envelope;
mod fetch;
mod flows;
mod output;
mod panel;
mod reconcile;
mod severity;
mod trend;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Armed-conflict statistics on UCDP data, with the counting unit always explicit.
///
/// Runs offline on the datasets compiled into the binary (default: the UCDP v25.1 releases,
/// to 2024); `--file` and the `--<dataset>-file` options read your own copies instead, and
/// `conflictstats fetch` downloads another release into the cache (the only command that
/// opens a connection).
#[derive(Debug, Parser)]
#[command(name = "conflictstats", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Start CSV output with `# dataset: … sha256=… status=…` comment lines naming every
    /// dataset read (off by default: plain CSV keeps its header as the first line).
    #[arg(long, global = true)]
    provenance_comment: bool,
    #[command(flatten)]
    pins: fetch::PinArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check a claim (default: the ICRC's sentence of 2026-03-06) under every reading: unit,
    /// reference year, base year, base smoothing, release.
    Check(check::CheckArgs),
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
    /// What changed between two releases (or files) of a dataset: records only in one, the
    /// fields that differ, the counts per year side by side.
    Diff(diff::DiffArgs),
    /// Download a UCDP release (zip or API) into the cache; then `--version V` uses it on
    /// every command. The only command that opens a network connection.
    Fetch(fetch::FetchArgs),
    /// Run a command and pin every dataset it reads in conflictstats.lock (TOML).
    Lock(fetch::LockArgs),
    /// Battle-related deaths per conflict-year or conflict: distribution, power-law tail
    /// (Clauset, Shalizi & Newman 2009), bootstrap, and Vuong's test against a log-normal.
    Severity(severity::SeverityArgs),
    /// Stock and flow of state-based conflicts: onsets, terminations, durations per year, and
    /// whether a rise came from more onsets or fewer terminations.
    Flows(flows::FlowsArgs),
    /// Counts and rates per state for each form of violence, each with its trend fits.
    Rates(flows::RatesArgs),
}

impl Command {
    /// The subcommand's name, as the JSON envelope's `command` field gives it.
    fn name(&self) -> &'static str {
        match self {
            Command::Check(_) => "check",
            Command::Count(_) => "count",
            Command::Trend(_) => "trend",
            Command::Datasets(_) => "datasets",
            Command::Cite(_) => "cite",
            Command::Reconcile(_) => "reconcile",
            Command::Deaths(_) => "deaths",
            Command::Ihl(_) => "ihl",
            Command::Panel(p) => p.name(),
            Command::Diff(_) => "diff",
            Command::Fetch(_) => "fetch",
            Command::Lock(_) => "lock",
            Command::Severity(_) => "severity",
            Command::Flows(_) => "flows",
            Command::Rates(_) => "rates",
        }
    }

    /// The output format the command was asked for.
    fn format(&self) -> output::Format {
        match self {
            Command::Check(a) => a.format,
            Command::Count(a) => a.format,
            Command::Trend(a) => a.format.into(),
            Command::Datasets(a) => a.format,
            Command::Cite(a) => a.format(),
            Command::Reconcile(a) => a.format,
            Command::Deaths(a) => a.format,
            Command::Ihl(a) => a.format,
            Command::Panel(p) => p.format(),
            Command::Diff(a) => a.format,
            Command::Fetch(a) => a.format,
            Command::Lock(_) => output::Format::Table,
            Command::Severity(a) => a.format.into(),
            Command::Flows(a) => a.format,
            Command::Rates(a) => a.format,
        }
    }

    fn run(&self, pins: &fetch::PinArgs) -> output::CliResult {
        match self {
            Command::Check(args) => check::run(args),
            Command::Count(args) => count::run(args),
            Command::Trend(args) => trend::run(args),
            Command::Datasets(args) => output::datasets(args),
            Command::Cite(args) => output::cite(args),
            Command::Reconcile(args) => reconcile::reconcile(args),
            Command::Deaths(args) => reconcile::deaths(args),
            Command::Ihl(args) => reconcile::ihl(args),
            Command::Panel(cmd) => panel::run(cmd),
            Command::Diff(args) => diff::run(args),
            Command::Fetch(args) => fetch::fetch(args, pins),
            Command::Lock(args) => fetch::lock(args, pins),
            Command::Severity(args) => severity::run(args),
            Command::Flows(args) => flows::flows(args),
            Command::Rates(args) => flows::rates(args),
        }
    }
}

/// Runs the command; with `--locked` / `--require-official`, checks every dataset it read
/// before anything is printed.
fn run(cli: &Cli) -> output::CliResult {
    let text = cli.command.run(&cli.pins)?;
    // `fetch` reads no data for a result (it only checks what it downloaded).
    if !matches!(cli.command, Command::Fetch(_)) {
        cli.pins.check()?;
    }
    Ok(text)
}

/// Whether the raw arguments ask for JSON (`--format json` or `--format=json`), for errors
/// found before the arguments parse.
fn asks_for_json(args: &[std::ffi::OsString]) -> bool {
    args.windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json")
}

/// The subcommand named in the raw arguments (for usage errors): the first one or two words
/// that are not options.
fn command_in(args: &[std::ffi::OsString]) -> String {
    let words: Vec<&str> = args
        .iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .take_while(|a| !a.starts_with('-'))
        .take(2)
        .collect();
    match words.as_slice() {
        ["panel", kind] => format!("panel {kind}"),
        [first, ..] => (*first).to_string(),
        [] => String::new(),
    }
}

/// Writes `text` on stdout. A closed pipe (`| head`) ends the output quietly with success:
/// the reader has what it wanted.
fn write_stdout(text: &str) -> ExitCode {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

/// A usage error (exit 2): JSON on stdout under `--format json`, one line on stderr otherwise.
fn usage_error(json: bool, command: &str, message: &str) -> ExitCode {
    if json {
        let _ = write_stdout(&envelope::error_json(command, "usage", message, None));
    } else {
        eprintln!("error: {}", conflictstats::untrusted::escape(message));
    }
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let json = asks_for_json(&raw);
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) if json && e.use_stderr() => {
            let text = e.to_string();
            let message = text.lines().next().unwrap_or_default();
            return usage_error(
                true,
                &command_in(&raw),
                message.trim_start_matches("error: "),
            );
        }
        Err(e) => e.exit(),
    };
    let format = cli.command.format();
    if cli.provenance_comment && format != output::Format::Csv {
        return usage_error(
            format == output::Format::Json,
            cli.command.name(),
            "--provenance-comment applies to --format csv only (JSON output always carries the datasets' provenance in `datasets`)",
        );
    }
    output::set_provenance_comment(cli.provenance_comment);
    conflictstats::data::lock::start_recording();
    match run(&cli) {
        Ok(text) => write_stdout(&text),
        Err(output::Failure::Usage(message)) => {
            usage_error(format == output::Format::Json, cli.command.name(), &message)
        }
        Err(output::Failure::Core(err)) if format == output::Format::Json => {
            let text = envelope::error_json(
                cli.command.name(),
                envelope::error_kind(&err),
                &err.to_string(),
                Some(&err),
            );
            let _ = write_stdout(&text);
            ExitCode::from(1)
        }
        Err(output::Failure::Core(err)) => {
            eprintln!(
                "error: {}",
                conflictstats::untrusted::escape(&err.to_string())
            );
            ExitCode::from(1)
        }
    }
}
