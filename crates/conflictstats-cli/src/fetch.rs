//! `conflictstats fetch`, `conflictstats lock`, and the pinning flags every command takes
//! (`--offline`, `--locked`, `--lock-file`, `--require-official`).

use crate::output::{CliResult, Failure, ReportFormat};
use clap::Args;
use conflictstats::Result;
use conflictstats::data::lock::{self, LockEntry, LockFile};
use conflictstats::untrusted::escape;
use std::fmt::Write as _;
use std::path::PathBuf;
#[cfg(feature = "fetch")]
use {
    crate::envelope::Envelope,
    conflictstats::data::EmbeddedCopy,
    conflictstats::data::fetch::{
        self as core_fetch, FetchOptions, FetchSource, Fetched, Progress,
    },
    conflictstats::untrusted::redact,
    std::io::{IsTerminal, Write as _},
    std::time::{Duration, Instant},
};

/// Flags shared by every command.
#[derive(Debug, Clone, Args)]
pub(crate) struct PinArgs {
    /// Never open a network connection (`fetch` then fails; every other command never
    /// connects anyway).
    #[arg(long, global = true)]
    pub offline: bool,
    /// Fail (exit 1, naming the dataset) if any dataset read differs from the lockfile.
    #[arg(long, global = true)]
    pub locked: bool,
    /// The lockfile read by --locked and written by `conflictstats lock`.
    #[arg(
        long,
        global = true,
        value_name = "PATH",
        default_value = "conflictstats.lock"
    )]
    pub lock_file: PathBuf,
    /// Fail if any dataset read is not an official release (a modified copy, an unregistered
    /// version or an unverified download), instead of warning.
    #[arg(long, global = true)]
    pub require_official: bool,
}

impl PinArgs {
    /// The checks of --require-official and --locked on every dataset read so far.
    pub(crate) fn check(&self) -> Result<()> {
        let read = lock::recorded();
        if self.require_official {
            lock::require_official(&read)?;
        }
        if self.locked {
            LockFile::read(&self.lock_file)?.check(&self.lock_file.display().to_string(), &read)?;
        }
        Ok(())
    }
}

/// Download a UCDP release into the cache.
///
/// From UCDP's downloads page (a zip holding the CSV; the default) or, with --api, from UCDP's
/// API (paged JSON, token from UCDP_API_TOKEN, sent only to the API's origin). A release with a
/// published checksum is verified against it and then used as official; any other is stored as
/// UNVERIFIED and labelled so wherever it is used (--require-official refuses it instead;
/// --locked refuses what differs from the lockfile). Nothing is left in the cache by a failed
/// or refused download. (Needs the `fetch` feature: `cargo install --path
/// crates/conflictstats-cli --features full`.)
#[derive(Debug, Clone, Args)]
#[cfg_attr(
    not(feature = "fetch"),
    allow(dead_code, reason = "read by the fetch feature only")
)]
pub(crate) struct FetchArgs {
    /// Dataset: ucdp-acd, ucdp-dyadic, ucdp-nonstate, ucdp-onesided, ucdp-brd
    /// (conflict-level), ucdp-ged.
    pub dataset: String,
    /// Release, e.g. 26.1 (default: this year's release, or last year's if this year's is not
    /// published yet).
    pub version: Option<String>,
    /// Fetch from UCDP's API instead of the downloads page.
    #[arg(long)]
    pub api: bool,
    /// Base URL of the downloads page (or, with --api, of the API), for a mirror; a
    /// `user:password@` in it is sent to that origin only, never shown or stored
    /// [env: CONFLICTSTATS_BASE_URL].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Size cap of the download and of the CSV inside it, in bytes (default 1 GiB)
    /// [env: CONFLICTSTATS_MAX_BYTES].
    #[arg(long, value_name = "BYTES")]
    pub max_bytes: Option<u64>,
    /// The overall deadline of the fetch, in seconds: every page, redirect and body (default
    /// 3600) [env: CONFLICTSTATS_TIMEOUT].
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<String>,
    /// Seconds allowed to connect (default 15) [env: CONFLICTSTATS_CONNECT_TIMEOUT].
    #[arg(long, value_name = "SECONDS")]
    pub connect_timeout: Option<String>,
    /// Download again even if the release is cached.
    #[arg(long)]
    pub force: bool,
    /// Output format: table (a summary) or json (the cache record, in the envelope).
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[cfg(feature = "fetch")]
impl FetchArgs {
    fn options(&self, pins: &PinArgs) -> Result<FetchOptions> {
        let source = if self.api {
            FetchSource::Api
        } else {
            FetchSource::Download
        };
        let mut opts = FetchOptions::new(source)?.with_env()?;
        if let Some(url) = &self.base_url {
            opts.base_url.clone_from(url);
        }
        if let Some(n) = self.max_bytes {
            opts.max_bytes = n;
        }
        if let Some(s) = &self.timeout {
            opts.set_deadline(core_fetch::seconds("--timeout", s)?);
        }
        if let Some(s) = &self.connect_timeout {
            opts.connect_timeout = core_fetch::seconds("--connect-timeout", s)?;
        }
        opts.force = self.force;
        if pins.offline {
            opts.offline = Some("--offline".to_string());
        }
        opts.require_official = pins.require_official;
        opts.lock_file = pins.locked.then(|| pins.lock_file.clone());
        Ok(opts)
    }
}

/// `conflictstats fetch`, in a build without the `fetch` feature: the error saying how to
/// build it in.
#[cfg(not(feature = "fetch"))]
pub(crate) fn fetch(_args: &FetchArgs, _pins: &PinArgs) -> CliResult {
    use crate::features::{Feature, MissingFeature};
    Err(MissingFeature::new(Feature::Fetch, "`conflictstats fetch`").into())
}

/// `conflictstats fetch`.
#[cfg(feature = "fetch")]
pub(crate) fn fetch(args: &FetchArgs, pins: &PinArgs) -> CliResult {
    let opts = args.options(pins)?;
    let mut bar = Bar::new();
    let fetched = match &args.version {
        Some(v) => core_fetch::fetch(&args.dataset, v, &opts, &mut bar)?,
        None => core_fetch::fetch_latest(&args.dataset, &opts, &mut bar)?,
    };
    let r = &fetched.release.record;
    if !r.verified {
        eprintln!(
            "warning: {} v{} has no published checksum: stored as UNVERIFIED, and labelled so wherever it is used",
            escape(&r.name),
            escape(&r.version)
        );
    }
    Ok(match args.format {
        ReportFormat::Json => Envelope::new("fetch")
            .spec(&serde_json::json!({
                "dataset": args.dataset, "version": args.version, "api": args.api,
                "base_url": redact(&opts.base_url), "max_bytes": opts.max_bytes,
            }))
            .rows(&[&fetched.release.record])
            .result("path", &fetched.release.path)
            .result("already_cached", &fetched.already_cached)
            .result("embedded_copy", &fetched.embedded)
            .result(
                "embedded_copy_message",
                &fetched.embedded.as_ref().map(EmbeddedCopy::message),
            )
            .render(),
        ReportFormat::Table => summary(&fetched),
    })
}

#[cfg(feature = "fetch")]
fn summary(f: &Fetched) -> String {
    let r = &f.release.record;
    let mut out = String::new();
    let verb = if f.already_cached {
        "already cached"
    } else {
        "fetched"
    };
    let _ = writeln!(
        out,
        "{verb}: {} v{} from {}",
        r.name,
        r.version,
        escape(&r.url)
    );
    if !r.redirects.is_empty() {
        let _ = writeln!(
            out,
            "  served  by {} after {} redirect(s)",
            escape(&r.final_url),
            r.redirects.len()
        );
    }
    let path = f.release.path.display().to_string();
    let _ = writeln!(out, "  file    {}", escape(&path));
    let _ = writeln!(out, "  sha256  {} ({} bytes)", r.sha256, r.bytes);
    let status = match (&r.verified_by, r.verified) {
        (Some(by), _) => format!("official: {by}"),
        (None, true) => "official (matches the published checksum)".to_string(),
        (None, false) => "UNVERIFIED (no published checksum to verify it against)".to_string(),
    };
    let _ = writeln!(out, "  status  {status}");
    match &f.embedded {
        Some(e @ EmbeddedCopy::Differs { read_with, .. }) => {
            let _ = writeln!(out, "  embedded copy  {}", e.message());
            let _ = writeln!(out, "  use it  {read_with}");
        }
        Some(e) => {
            let _ = writeln!(out, "  embedded copy  {}", e.message());
            let _ = writeln!(out, "  use it  --version {}", r.version);
        }
        None => {
            let _ = writeln!(out, "  use it  --version {}", r.version);
        }
    }
    out
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
#[cfg(feature = "fetch")]
struct Bar {
    on: bool,
    total: Option<u64>,
    last: Option<Instant>,
}

#[cfg(feature = "fetch")]
impl Bar {
    fn new() -> Bar {
        Bar {
            on: std::io::stderr().is_terminal(),
            total: None,
            last: None,
        }
    }
}

#[cfg(feature = "fetch")]
impl Progress for Bar {
    fn begin(&mut self, url: &str, total: Option<u64>) {
        self.total = total;
        self.last = None;
        if self.on {
            eprintln!("downloading {}", escape(&redact(url)));
        }
    }

    fn advance(&mut self, done: u64) {
        if !self.on
            || self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.last = Some(Instant::now());
        let mb = |b: u64| b as f64 / 1e6;
        let line = match self.total.filter(|&t| t > 0) {
            Some(t) => {
                let filled = usize::try_from(done.min(t) * 30 / t).unwrap_or(30);
                format!(
                    "\r[{}{}] {:>7.1} / {:.1} MB",
                    "#".repeat(filled),
                    " ".repeat(30 - filled),
                    mb(done),
                    mb(t)
                )
            }
            None => format!("\r{:>7.1} MB", mb(done)),
        };
        let mut err = std::io::stderr();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }

    fn end(&mut self) {
        if self.on && self.last.is_some() {
            eprintln!();
        }
    }
}

/// Run a command and pin, in the lockfile, every dataset it reads (name, version, source,
/// SHA-256, bytes); entries of other datasets already in the lockfile are kept.
///
/// Example: `conflictstats lock -- trend --version 26.1`, then
/// `conflictstats --locked trend --version 26.1` fails if those data ever change.
#[derive(Debug, Clone, Args)]
pub(crate) struct LockArgs {
    /// The command whose datasets to pin, with its arguments (after `--`).
    #[arg(
        required = true,
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "COMMAND"
    )]
    pub command: Vec<String>,
}

/// `conflictstats lock`.
pub(crate) fn lock(args: &LockArgs, pins: &PinArgs) -> CliResult {
    use clap::Parser as _;
    let argv = std::iter::once("conflictstats".to_string()).chain(args.command.iter().cloned());
    let inner = crate::Cli::try_parse_from(argv)
        .map_err(|e| Failure::Usage(format!("the command to lock: {}", e.to_string().trim())))?;
    if matches!(
        inner.command,
        crate::Command::Fetch(_) | crate::Command::Lock(_)
    ) {
        return Err(Failure::Usage(
            "lock a command that reads data (count, trend, reconcile, …), not fetch or lock".into(),
        ));
    }
    crate::run(&inner)?;
    let entries = lock::recorded()
        .iter()
        .map(LockEntry::of)
        .collect::<Result<Vec<_>>>()?;
    let mut file = if pins.lock_file.exists() {
        LockFile::read(&pins.lock_file)?
    } else {
        LockFile::default()
    };
    let mut out = String::new();
    for e in &entries {
        let line = format!(
            "locked {} v{} sha256 {} ({} bytes, {}) from {}",
            e.name, e.version, e.sha256, e.bytes, e.status, e.source
        );
        let _ = writeln!(out, "{}", escape(&line));
    }
    file.merge(entries);
    file.write(&pins.lock_file)?;
    let _ = writeln!(
        out,
        "wrote {}",
        escape(&pins.lock_file.display().to_string())
    );
    Ok(out)
}
