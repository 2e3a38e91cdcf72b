//! `conflictstats` — armed-conflict statistics on UCDP data, from the command line.
//!
//! Argument parsing and output formats only: every number comes from the `conflictstats`
//! crate. Errors are one line on stderr and a non-zero exit code (1 for data and
//! specification errors, 2 for usage errors).

mod acled;
mod applies;
mod check;
mod count;
mod diff;
mod envelope;
mod features;
mod fetch;
mod flows;
mod forecast;
mod map;
mod output;
mod panel;
mod reconcile;
mod severity;
mod trend;
mod vocab;

use clap::{CommandFactory as _, FromArgMatches as _, Parser, Subcommand};
use output::{Failure, Output};
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
    #[arg(long, global = true, help_heading = vocab::GLOBAL)]
    provenance_comment: bool,
    #[command(flatten, next_help_heading = vocab::GLOBAL)]
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
    /// Every trend model's forecast of the next years (mean, median, 50/80/95 % intervals),
    /// the rolling-origin backtest and the release test.
    Forecast(forecast::ForecastArgs),
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
    /// A country map (conflicts, onsets, deaths per country) as a standalone SVG or GeoJSON,
    /// offline: Equal Earth, discrete classes, Natural Earth outlines joined to G&W codes.
    Map(map::MapArgs),
}

impl Command {
    /// The subcommand's name, as the JSON envelope's `command` field gives it.
    fn name(&self) -> &'static str {
        match self {
            Command::Check(_) => "check",
            Command::Count(_) => "count",
            Command::Trend(_) => "trend",
            Command::Forecast(_) => "forecast",
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
            Command::Map(_) => "map",
        }
    }

    /// The output format the command was asked for.
    fn format(&self) -> output::Format {
        match self {
            Command::Check(a) => a.format,
            Command::Count(a) => a.format,
            Command::Trend(a) => a.format.into(),
            Command::Forecast(a) => a.format,
            Command::Datasets(a) => a.format,
            Command::Cite(a) => a.format(),
            Command::Reconcile(a) => a.format,
            Command::Deaths(a) => a.format,
            Command::Ihl(a) => a.format.into(),
            Command::Panel(p) => p.format(),
            Command::Diff(a) => a.format,
            Command::Fetch(a) => a.format.into(),
            Command::Lock(_) => output::Format::Table,
            Command::Severity(a) => a.format.into(),
            Command::Flows(a) => a.format,
            Command::Rates(a) => a.format,
            // SVG and GeoJSON: no JSON envelope, errors are one line on stderr.
            Command::Map(_) => output::Format::Table,
        }
    }

    /// What the command reads and which of its options apply only sometimes (the one rule
    /// of [`applies`]).
    fn scope(&self) -> &dyn applies::Scope {
        match self {
            Command::Check(a) => a,
            Command::Count(a) => a,
            Command::Trend(a) => a,
            Command::Forecast(a) => a,
            Command::Datasets(a) => a,
            Command::Cite(a) => a,
            Command::Reconcile(a) => a,
            Command::Deaths(a) => a,
            Command::Ihl(a) => a,
            Command::Panel(p) => p,
            Command::Diff(a) => a,
            Command::Fetch(a) => a,
            Command::Lock(a) => a,
            Command::Severity(a) => a,
            Command::Flows(a) => a,
            Command::Rates(a) => a,
            Command::Map(a) => a,
        }
    }

    fn run(&self, pins: &fetch::PinArgs) -> Result<Output, Failure> {
        let text = match self {
            Command::Check(args) => check::run(args),
            Command::Count(args) => count::run(args),
            Command::Trend(args) => trend::run(args),
            Command::Forecast(args) => forecast::run(args),
            Command::Datasets(args) => output::datasets(args),
            Command::Cite(args) => output::cite(args),
            Command::Reconcile(args) => reconcile::reconcile(args),
            Command::Deaths(args) => reconcile::deaths(args),
            Command::Ihl(args) => reconcile::ihl(args),
            Command::Panel(cmd) => return panel::run(cmd),
            Command::Diff(args) => diff::run(args),
            Command::Fetch(args) => fetch::fetch(args, pins),
            Command::Lock(args) => fetch::lock(args, pins),
            Command::Severity(args) => severity::run(args),
            Command::Flows(args) => flows::flows(args),
            Command::Rates(args) => flows::rates(args),
            Command::Map(args) => return map::run(args),
        };
        text.map(Output::Text)
    }
}

/// Runs the command; with `--locked` / `--require-official`, checks every dataset it read
/// before anything is printed.
fn run(cli: &Cli) -> Result<Output, Failure> {
    let out = cli.command.run(&cli.pins)?;
    // `fetch` reads no data for a result (it only checks what it downloaded).
    if !matches!(cli.command, Command::Fetch(_)) {
        cli.pins.check()?;
    }
    Ok(out)
}

/// Parses the command line, then applies the one rule of [`applies`]: an option typed that
/// does not apply to what the command reads is a usage error. For `lock`, the command to lock
/// is checked the same way, and must read data (else there is nothing to pin).
fn parse(args: &[std::ffi::OsString]) -> Result<Result<Cli, Failure>, clap::Error> {
    let tool = Cli::command().long_version(features::long_version());
    let matches = tool.clone().try_get_matches_from(args)?;
    let cli = Cli::from_arg_matches(&matches)?;
    let typed = applies::Typed::new(&tool, &matches);
    let (scope, format) = (cli.command.scope(), cli.command.format());
    if let Err(e) = applies::check(scope, &typed, format, cli.command.name()) {
        return Ok(Err(e));
    }
    if let Command::Lock(lock) = &cli.command {
        let inner: Vec<std::ffi::OsString> = std::iter::once("conflictstats".into())
            .chain(lock.command.iter().map(Into::into))
            .collect();
        // An inner command that does not parse is reported by `lock` itself.
        if let Ok(parsed) = parse(&inner) {
            let inner_cli = match parsed {
                Ok(inner_cli) => inner_cli,
                Err(e) => return Ok(Err(e)),
            };
            if !inner_cli.command.scope().pins()
                && !matches!(inner_cli.command, Command::Fetch(_) | Command::Lock(_))
            {
                return Ok(Err(Failure::Usage(format!(
                    "nothing to pin: `{}` reads no dataset; lock a command that reads data (count, trend, reconcile, …)",
                    inner_cli.command.name()
                ))));
            }
        }
    }
    Ok(Ok(cli))
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

/// Writes the output on stdout. A closed pipe (`| head`) ends the output quietly with
/// success: the reader has what it wanted.
fn write_stdout(out: Output) -> ExitCode {
    use std::io::Write as _;
    let stdout = std::io::stdout().lock();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, stdout);
    let written = match out {
        Output::Text(text) => w.write_all(text.as_bytes()),
        Output::Stream(write) => write(&mut w),
    };
    match written.and_then(|()| w.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            // Nothing more can be written; drop the buffer without flushing it again.
            let _ = w.into_parts();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}

/// A usage error (exit 2): JSON on stdout under `--format json`, one line on stderr otherwise.
fn usage_error(json: bool, command: &str, message: &str) -> ExitCode {
    if json {
        let _ = write_stdout(Output::Text(envelope::error_json(
            command, "usage", message, None,
        )));
    } else {
        eprintln!("error: {}", conflictstats::untrusted::escape(message));
    }
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let code = main_with(&raw);
    vocab::remove_stdin_copy();
    code
}

fn main_with(raw: &[std::ffi::OsString]) -> ExitCode {
    let json = asks_for_json(raw);
    let cli = match parse(raw) {
        Ok(Ok(cli)) => cli,
        Ok(Err(Failure::Usage(message))) => {
            return usage_error(json, &command_in(raw), &message);
        }
        Ok(Err(Failure::Core(err))) => {
            eprintln!("error: {err}");
            return ExitCode::from(1);
        }
        Err(e) if json && e.use_stderr() => {
            let text = e.to_string();
            let message = text.lines().next().unwrap_or_default();
            return usage_error(
                true,
                &command_in(raw),
                message.trim_start_matches("error: "),
            );
        }
        Err(e) => e.exit(),
    };
    vocab::warn_deprecated(cli.command.name(), raw);
    let format = cli.command.format();
    output::set_provenance_comment(cli.provenance_comment);
    conflictstats::data::lock::start_recording();
    match run(&cli) {
        Ok(out) => write_stdout(out),
        Err(Failure::Usage(message)) => {
            usage_error(format == output::Format::Json, cli.command.name(), &message)
        }
        Err(Failure::Core(err)) if format == output::Format::Json => {
            let text = envelope::error_json(
                cli.command.name(),
                envelope::error_kind(&err),
                &err.to_string(),
                Some(&err),
            );
            let _ = write_stdout(Output::Text(text));
            ExitCode::from(1)
        }
        Err(Failure::Core(err)) => {
            eprintln!(
                "error: {}",
                conflictstats::untrusted::escape(&err.to_string())
            );
            ExitCode::from(1)
        }
    }
}
