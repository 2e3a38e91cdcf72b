//! Fetching a release from UCDP into the cache (the `fetch` feature).
//!
//! Two sources, both UCDP's (see [`upstream`] for the addresses and where they come from):
//! - **download** (the default): UCDP's downloads page serves each release as a zip holding one
//!   CSV (`ucdpprio/ucdp-prio-acd-261-csv.zip` → `UcdpPrioConflict_v26_1.csv`);
//! - **API**: UCDP's API serves it as paged JSON (`<api>/<resource>/<version>?pagesize=1000&page=0`,
//!   pages counted from 0, with the access token from `UCDP_API_TOKEN` in the
//!   `x-ucdp-access-token` header, as UCDP's API documentation asks); the rows are written as
//!   a CSV in the loaders' API layout.
//!
//! Every download is written to a temporary file inside the cache directory, checked (HTTP
//! status, announced length, zip signature, size cap, SHA-256 against the published checksum
//! of a known release, the rows load and claim the version asked for) and only then renamed
//! into place, with its record (`release.json`) written last. Any failure is a typed
//! [`FetchError`] naming the URL, and leaves nothing in the cache. A release without a
//! published checksum is stored as *unverified*, and every output that uses it says so.
//!
//! The core knows nothing of terminals: progress is reported to a [`Progress`] the caller
//! passes (the CLI draws a bar on stderr when it is a terminal).
//!
//! ```no_run
//! use conflictstats::data::fetch::{fetch, FetchOptions, Silent};
//!
//! let opts = FetchOptions::from_env()?; // CONFLICTSTATS_CACHE, CONFLICTSTATS_BASE_URL, …
//! let fetched = fetch("ucdp-acd", "26.1", &opts, &mut Silent)?;
//! println!("{} ({})", fetched.release.path.display(), fetched.release.record.verified);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::EmbeddedCopy;
use super::cache::{self, CacheRecord, CachedRelease, FetchedFrom};
use super::registry::{self, DatasetKind};
use super::upstream::{self, UcdpSource};
use super::{Acd, Brd, Dyadic, Ged, NonState, OneSided};
use crate::error::{Error, FetchError, Result};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which of UCDP's services to fetch from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchSource {
    /// UCDP's downloads page: a zip holding the CSV.
    Download,
    /// UCDP's API: paged JSON.
    Api,
}

/// How to fetch: where from, where to, and the limits.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Download or API.
    pub source: FetchSource,
    /// Base URL of the chosen source (UCDP's, or a mirror).
    pub base_url: String,
    /// The API access token (sent as `x-ucdp-access-token`).
    pub token: Option<String>,
    /// The cache directory.
    pub cache_dir: PathBuf,
    /// Size cap, in bytes, of the download and of the CSV inside it.
    pub max_bytes: u64,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for each read (the answer, and every part of the body).
    pub read_timeout: Duration,
    /// Rows per API page (UCDP allows at most 1000).
    pub page_size: u32,
    /// Fetch again even if the release is already cached.
    pub force: bool,
    /// When set, no connection is opened; the reason is reported.
    pub offline: Option<String>,
}

/// Default size cap: 1 GiB (the largest UCDP CSV, the GED, is about 250 MB).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

impl FetchOptions {
    /// The defaults for `source`, with the cache directory of [`cache::cache_dir`].
    pub fn new(source: FetchSource) -> Result<FetchOptions> {
        Ok(FetchOptions {
            source,
            base_url: match source {
                FetchSource::Download => upstream::DOWNLOADS,
                FetchSource::Api => upstream::API,
            }
            .to_string(),
            token: None,
            cache_dir: cache::cache_dir()?,
            max_bytes: DEFAULT_MAX_BYTES,
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(60),
            page_size: 1000,
            force: false,
            offline: None,
        })
    }

    /// The download defaults, overridden by the environment: `CONFLICTSTATS_BASE_URL`,
    /// `CONFLICTSTATS_CACHE`, `CONFLICTSTATS_MAX_BYTES`, `CONFLICTSTATS_TIMEOUT` (seconds per
    /// read), `CONFLICTSTATS_CONNECT_TIMEOUT`, `CONFLICTSTATS_OFFLINE` and `UCDP_API_TOKEN`.
    pub fn from_env() -> Result<FetchOptions> {
        FetchOptions::new(FetchSource::Download)?.with_env()
    }

    /// Applies the environment variables of [`FetchOptions::from_env`] (the base URL only if
    /// set).
    pub fn with_env(mut self) -> Result<FetchOptions> {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        if let Some(url) = var("CONFLICTSTATS_BASE_URL") {
            self.base_url = url;
        }
        if let Some(t) = var("UCDP_API_TOKEN") {
            self.token = Some(t.trim().to_string());
        }
        if let Some(n) = var("CONFLICTSTATS_MAX_BYTES") {
            self.max_bytes = parse_env("CONFLICTSTATS_MAX_BYTES", &n)?;
        }
        if let Some(s) = var("CONFLICTSTATS_TIMEOUT") {
            self.read_timeout = seconds("CONFLICTSTATS_TIMEOUT", &s)?;
        }
        if let Some(s) = var("CONFLICTSTATS_CONNECT_TIMEOUT") {
            self.connect_timeout = seconds("CONFLICTSTATS_CONNECT_TIMEOUT", &s)?;
        }
        if var("CONFLICTSTATS_OFFLINE").is_some_and(|v| v != "0") {
            self.offline = Some("CONFLICTSTATS_OFFLINE is set".to_string());
        }
        Ok(self)
    }
}

fn parse_env<T: std::str::FromStr>(key: &str, value: &str) -> Result<T> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::spec(format!("{key}={value:?} is not a number")))
}

/// Parses a duration in seconds (`0.5`, `30`).
pub fn seconds(key: &str, value: &str) -> Result<Duration> {
    let s: f64 = parse_env(key, value)?;
    Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| {
            Error::spec(format!(
                "{key}={value:?} is not a positive number of seconds"
            ))
        })
}

/// Where a fetch reports its progress (bytes received). Every method has a default that does
/// nothing.
pub trait Progress {
    /// A transfer from `url` starts; `total` is its announced size.
    fn begin(&mut self, url: &str, total: Option<u64>) {
        let _ = (url, total);
    }
    /// `done` bytes of the current transfer have arrived.
    fn advance(&mut self, done: u64) {
        let _ = done;
    }
    /// The current transfer ended (successfully or not).
    fn end(&mut self) {}
}

/// A [`Progress`] that reports nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// What [`fetch`] did.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The release, now in the cache.
    pub release: CachedRelease,
    /// It was already cached: nothing was downloaded.
    pub already_cached: bool,
    /// How it compares with the embedded copy of the same release, if one is embedded.
    pub embedded: Option<EmbeddedCopy>,
}

/// Fetches release `version` of dataset `name` into the cache (unless it is cached already and
/// `opts.force` is off), from UCDP's downloads page or its API.
///
/// # Errors
/// [`FetchError`] (inside [`Error::Fetch`]) for every failed or refused download, naming the
/// URL; nothing is left in the cache.
pub fn fetch(
    name: &str,
    version: &str,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<Fetched> {
    let version = version.trim().trim_start_matches('v');
    let src = upstream::source(name).ok_or_else(|| FetchError::Unsupported {
        name: name.to_string(),
        version: version.to_string(),
        message: format!(
            "UCDP publishes no such dataset; fetchable: {}",
            upstream::SOURCES
                .iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })?;
    if !opts.force
        && let Some(release) = cache::find_in(&opts.cache_dir, name, version)?
    {
        return Ok(Fetched {
            embedded: EmbeddedCopy::of(&release),
            release,
            already_cached: true,
        });
    }
    let release = match opts.source {
        FetchSource::Download => download(src, version, opts, progress)?,
        FetchSource::Api => api(src, version, opts, progress)?,
    };
    Ok(Fetched {
        embedded: EmbeddedCopy::of(&release),
        release,
        already_cached: false,
    })
}

/// Fetches the newest release: this year's (`26.1` in 2026: UCDP releases each dataset once a
/// year, in June), or last year's if this year's is not published yet (HTTP 404).
pub fn fetch_latest(
    name: &str,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<Fetched> {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let year =
        chrono::NaiveDate::from_num_days_from_ce_opt(719_163 + i32::try_from(days).unwrap_or(0))
            .map_or(2026, |d| chrono::Datelike::year(&d));
    let this = format!("{}.1", year % 100);
    match fetch(name, &this, opts, progress) {
        Err(Error::Fetch(e)) if matches!(*e, FetchError::Status { status: 404, .. }) => {
            fetch(name, &format!("{}.1", (year - 1) % 100), opts, progress)
        }
        other => other,
    }
}

/// A file in the cache directory that is removed when dropped, unless kept.
struct TempFile {
    path: PathBuf,
    keep: bool,
}

impl TempFile {
    fn create(dir: &Path, what: &str) -> Result<(TempFile, std::fs::File)> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let cache_err = |path: &Path, source| FetchError::Cache {
            path: path.display().to_string(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(|e| cache_err(dir, e))?;
        let n = N.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(".partial-{}-{n}.{what}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| cache_err(&path, e))?;
        Ok((TempFile { path, keep: false }, file))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn agent(opts: &FetchOptions) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(opts.connect_timeout))
        .timeout_per_read(Some(opts.read_timeout))
        .timeout_recv_response(Some(opts.read_timeout))
        .user_agent(concat!("conflictstats/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// GET `url`; any status but 200 is an error.
fn get(
    agent: &ureq::Agent,
    url: &str,
    token: Option<&str>,
    opts: &FetchOptions,
) -> Result<ureq::http::Response<ureq::Body>> {
    if let Some(why) = &opts.offline {
        return Err(FetchError::Offline {
            url: url.to_string(),
            why: why.clone(),
        }
        .into());
    }
    let mut req = agent.get(url);
    if let Some(t) = token {
        req = req.header("x-ucdp-access-token", t);
    }
    let response = req.call().map_err(|e| network_error(e, url, opts))?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(FetchError::Status {
            url: url.to_string(),
            status,
        }
        .into());
    }
    Ok(response)
}

fn network_error(e: ureq::Error, url: &str, opts: &FetchOptions) -> FetchError {
    use ureq::Timeout as T;
    let timeout = |phase: &str, d: Duration| FetchError::Timeout {
        url: url.to_string(),
        phase: phase.to_string(),
        seconds: d.as_secs_f64(),
    };
    match e {
        ureq::Error::Timeout(T::Connect | T::Resolve) => timeout("connect", opts.connect_timeout),
        ureq::Error::Timeout(T::RecvResponse) => timeout("response", opts.read_timeout),
        ureq::Error::Timeout(_) => timeout("body", opts.read_timeout),
        ureq::Error::Io(io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            timeout("body", opts.read_timeout)
        }
        ureq::Error::StatusCode(status) => FetchError::Status {
            url: url.to_string(),
            status,
        },
        other => FetchError::Network {
            url: url.to_string(),
            message: other.to_string(),
        },
    }
}

/// Streams the body into `out` (at most `cap` bytes), hashing nothing; returns the bytes read.
fn receive(
    response: ureq::http::Response<ureq::Body>,
    url: &str,
    out: &mut dyn Write,
    cap: u64,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<u64> {
    let announced = response.body().content_length();
    let too_large = |what: String| FetchError::TooLarge {
        url: url.to_string(),
        what,
        cap,
    };
    if let Some(n) = announced.filter(|&n| n > cap) {
        return Err(too_large(format!("the announced size ({n} bytes)")).into());
    }
    progress.begin(url, announced);
    let result = copy_capped(response.into_body().into_reader(), out, cap, progress);
    progress.end();
    let received = match result {
        Ok(n) => n,
        Err(e) => {
            let received = e.1;
            let err = network_error(ureq::Error::from(e.0), url, opts);
            return Err(match (err, announced) {
                (FetchError::Network { .. }, Some(expected)) if received < expected => {
                    FetchError::Truncated {
                        url: url.to_string(),
                        received,
                        expected,
                    }
                }
                (err, _) => err,
            }
            .into());
        }
    };
    if received > cap {
        return Err(too_large(format!("the body (more than {cap} bytes)")).into());
    }
    if let Some(expected) = announced.filter(|&n| n != received) {
        return Err(FetchError::Truncated {
            url: url.to_string(),
            received,
            expected,
        }
        .into());
    }
    Ok(received)
}

/// Copies at most `cap + 1` bytes; the error carries the bytes copied before it.
fn copy_capped(
    mut reader: impl Read,
    out: &mut dyn Write,
    cap: u64,
    progress: &mut dyn Progress,
) -> std::result::Result<u64, (std::io::Error, u64)> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut done = 0u64;
    while done <= cap {
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((e, done)),
        };
        out.write_all(&buf[..n]).map_err(|e| (e, done))?;
        done += n as u64;
        progress.advance(done);
    }
    Ok(done)
}

/// Downloads UCDP's zip, extracts its CSV, verifies and caches it.
fn download(
    src: &UcdpSource,
    version: &str,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<CachedRelease> {
    let url = src.download_url(&opts.base_url, version)?;
    let response = get(&agent(opts), &url, None, opts)?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_string();
    let (zip_tmp, zip_file) = TempFile::create(&opts.cache_dir, "zip")?;
    let mut zip_file = HashWriter::new(zip_file);
    receive(
        response,
        &url,
        &mut zip_file,
        opts.max_bytes,
        opts,
        progress,
    )?;
    let zip_hashed = zip_file.finish()?;
    check_zip_signature(&zip_tmp.path, &url, &content_type)?;
    let verified_by = verify_zip(src.name, version, &zip_hashed, &url)?;
    let (csv_tmp, member, hashed) = extract_csv(&zip_tmp.path, &url, opts)?;
    drop(zip_tmp);
    let record = CacheRecord {
        name: src.name.to_string(),
        version: version.to_string(),
        file_name: member,
        sha256: hashed.sha256,
        bytes: hashed.bytes,
        url,
        fetched_from: FetchedFrom::Download,
        verified: false,
        verified_by,
    };
    commit(src, csv_tmp, record, opts)
}

fn check_zip_signature(path: &Path, url: &str, content_type: &str) -> Result<()> {
    let mut head = [0u8; 64];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|source| FetchError::Cache {
            path: path.display().to_string(),
            source,
        })?;
    if head[..n].starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let text: String = String::from_utf8_lossy(&head[..n.min(40)])
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    Err(FetchError::NotZip {
        url: url.to_string(),
        content_type: content_type.to_string(),
        found: if n == 0 {
            "an empty body".to_string()
        } else {
            format!("{:?}…", text.trim())
        },
    }
    .into())
}

/// SHA-256 and size of bytes written.
struct Hashed {
    sha256: String,
    bytes: u64,
}

/// Extracts the one CSV member of the zip into a temporary file, hashing it.
fn extract_csv(
    zip_path: &Path,
    url: &str,
    opts: &FetchOptions,
) -> Result<(TempFile, String, Hashed)> {
    let bad = |message: String| FetchError::BadArchive {
        url: url.to_string(),
        message,
    };
    let file = std::fs::File::open(zip_path).map_err(|source| FetchError::Cache {
        path: zip_path.display().to_string(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| {
        bad(format!(
            "not a readable zip archive ({e}): truncated or damaged"
        ))
    })?;
    let csvs: Vec<String> = archive
        .file_names()
        .filter(|n| n.to_ascii_lowercase().ends_with(".csv") && !n.ends_with('/'))
        .map(str::to_string)
        .collect();
    let [member] = csvs.as_slice() else {
        let all: Vec<&str> = archive.file_names().collect();
        return Err(bad(format!(
            "expected one CSV file in the archive, found {} ({})",
            csvs.len(),
            all.join(", ")
        ))
        .into());
    };
    let base = member
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(member)
        .to_string();
    let mut entry = archive
        .by_name(member)
        .map_err(|e| bad(format!("cannot read {member} ({e})")))?;
    if entry.size() > opts.max_bytes {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            what: format!("{member} ({} bytes uncompressed)", entry.size()),
            cap: opts.max_bytes,
        }
        .into());
    }
    let (tmp, out) = TempFile::create(&opts.cache_dir, "csv")?;
    let mut out = HashWriter::new(out);
    let copied =
        copy_capped(&mut entry, &mut out, opts.max_bytes, &mut Silent).map_err(|(e, _)| {
            bad(format!(
                "{member} cannot be decompressed ({e}): the archive is damaged"
            ))
        })?;
    if copied > opts.max_bytes {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            what: format!("{member} (more than {} bytes uncompressed)", opts.max_bytes),
            cap: opts.max_bytes,
        }
        .into());
    }
    Ok((tmp, base, out.finish()?))
}

/// Writes through, hashing what is written.
struct HashWriter<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> HashWriter<W> {
    fn new(inner: W) -> HashWriter<W> {
        HashWriter {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    fn finish(mut self) -> Result<Hashed> {
        self.inner.flush().map_err(|source| Error::Io {
            file: "<cache>".to_string(),
            source,
        })?;
        Ok(Hashed {
            sha256: hex(&self.hasher.finalize()),
            bytes: self.bytes,
        })
    }
}

impl<W: Write> Write for HashWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Verifies the fetched CSV, then moves it and its record into the release's folder.
fn commit(
    src: &UcdpSource,
    mut csv: TempFile,
    mut record: CacheRecord,
    opts: &FetchOptions,
) -> Result<CachedRelease> {
    record.verified = verify_checksum(&record)? || record.verified_by.is_some();
    check_rows(src.kind, &csv.path, &record)?;
    let dir = cache::release_dir(&opts.cache_dir, &record.name, &record.version);
    let cache_err = |path: &Path, source| FetchError::Cache {
        path: path.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| cache_err(&dir, e))?;
    // The record goes first and comes back last: in between, nothing in the folder resolves.
    let record_path = dir.join(cache::RECORD);
    match std::fs::remove_file(&record_path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(cache_err(&record_path, e).into());
        }
        _ => {}
    }
    let path = dir.join(&record.file_name);
    std::fs::rename(&csv.path, &path).map_err(|e| cache_err(&path, e))?;
    csv.keep = true;
    let (mut rec_tmp, mut f) = TempFile::create(&opts.cache_dir, "json")?;
    let json = serde_json::to_string_pretty(&record).map_err(|e| Error::spec(e.to_string()))?;
    f.write_all(json.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| cache_err(&rec_tmp.path, e))?;
    std::fs::rename(&rec_tmp.path, &record_path).map_err(|e| cache_err(&record_path, e))?;
    rec_tmp.keep = true;
    Ok(CachedRelease { record, path })
}

/// `true` if the bytes equal a published checksum of the release, `false` if there is none;
/// an error if there is one and they differ. Published checksums are of UCDP's download CSV:
/// the API's rows, converted here, have none.
fn verify_checksum(r: &CacheRecord) -> Result<bool> {
    if r.fetched_from == FetchedFrom::Api {
        return Ok(false);
    }
    if let Some(k) = upstream::known(&r.name, &r.version) {
        if k.sha256 == r.sha256 && k.bytes.is_none_or(|b| b == r.bytes) {
            return Ok(true);
        }
        return Err(FetchError::Checksum {
            url: r.url.clone(),
            name: r.name.clone(),
            version: r.version.clone(),
            expected: k.sha256.to_string(),
            expected_bytes: k.bytes.map_or("?".to_string(), |b| b.to_string()),
            actual: r.sha256.clone(),
            actual_bytes: r.bytes,
        }
        .into());
    }
    // The embedded copy, when it is byte-identical to the download, verifies it too — unless
    // that copy's own identity with UCDP's file is unverified (then a download from a mirror
    // that equals it proves nothing).
    Ok(registry::find(&r.name, Some(&r.version))
        .is_ok_and(|e| e.sha256 == r.sha256 && e.byte_identity != super::ByteIdentity::Unverified))
}

/// Checks the zip against its recorded checksums ([`upstream::KNOWN_ZIPS`]): `Some(what it was
/// verified against)` when they match, `None` when none are recorded, an error when they
/// differ.
fn verify_zip(name: &str, version: &str, zip: &Hashed, url: &str) -> Result<Option<String>> {
    check_zip(upstream::known_zip(name, version), name, version, zip, url)
}

/// [`verify_zip`] against the recorded checksums `known` (none: nothing to verify).
fn check_zip(
    known: Option<&upstream::KnownZip>,
    name: &str,
    version: &str,
    zip: &Hashed,
    url: &str,
) -> Result<Option<String>> {
    let Some(k) = known else {
        return Ok(None);
    };
    if k.sha256 == zip.sha256 && k.bytes == zip.bytes {
        return Ok(Some(format!(
            "the zip's size ({} bytes) and SHA-256 match the recorded ones ({}; md5 {} not computed)",
            k.bytes, k.note, k.md5
        )));
    }
    Err(FetchError::Checksum {
        url: url.to_string(),
        name: name.to_string(),
        version: version.to_string(),
        expected: format!("{} (the zip)", k.sha256),
        expected_bytes: k.bytes.to_string(),
        actual: zip.sha256.clone(),
        actual_bytes: zip.bytes,
    }
    .into())
}

/// The rows must load with the dataset's loader and claim the version asked for.
fn check_rows(kind: DatasetKind, path: &Path, r: &CacheRecord) -> Result<()> {
    let loaded = match kind {
        DatasetKind::Acd => Acd::from_path(path).map(|d| d.provenance),
        DatasetKind::Dyadic => Dyadic::from_path(path).map(|d| d.provenance),
        DatasetKind::NonState => NonState::from_path(path).map(|d| d.provenance),
        DatasetKind::OneSided => OneSided::from_path(path).map(|d| d.provenance),
        DatasetKind::BattleDeaths | DatasetKind::BattleDeathsConflict => {
            Brd::from_path(path).map(|d| d.provenance().clone())
        }
        DatasetKind::Ged => Ged::from_path(path).map(|d| d.provenance),
        _ => Err(Error::spec("no loader for this dataset")),
    };
    let wrong = |message: String| FetchError::WrongData {
        url: r.url.clone(),
        name: r.name.clone(),
        version: r.version.clone(),
        message,
    };
    let p = loaded.map_err(|e| wrong(e.to_string()))?;
    if p.version != r.version && p.version != "unknown" {
        return Err(wrong(format!("its rows claim version {}", p.version)).into());
    }
    Ok(())
}

/// Fetches every page of the API and writes the rows as a CSV in the API layout.
fn api(
    src: &UcdpSource,
    version: &str,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<CachedRelease> {
    let first = src.api_url(&opts.base_url, version, opts.page_size, 0)?;
    let Some(token) = opts.token.as_deref() else {
        return Err(FetchError::NoToken { url: first }.into());
    };
    let agent = agent(opts);
    let mut rows: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    let (mut page, mut pages, mut total, mut budget) = (0u64, 1u64, None, opts.max_bytes);
    while page < pages {
        let url = src.api_url(&opts.base_url, version, opts.page_size, page)?;
        let response = get(&agent, &url, Some(token), opts)?;
        let mut body = Vec::new();
        budget -= receive(response, &url, &mut body, budget, opts, progress)?.min(budget);
        let reply = ApiPage::parse(&body, &url)?;
        if *total.get_or_insert(reply.total_count) != reply.total_count {
            return Err(api_err(&url, "TotalCount changed between pages").into());
        }
        pages = reply.total_pages;
        if pages > 1_000_000 {
            return Err(api_err(&url, &format!("TotalPages is {pages}")).into());
        }
        rows.extend(reply.result);
        page += 1;
    }
    let total = total.unwrap_or(0);
    if rows.len() as u64 != total {
        return Err(api_err(
            &first,
            &format!(
                "TotalCount is {total}, but the pages held {} rows",
                rows.len()
            ),
        )
        .into());
    }
    let (csv_tmp, file) = TempFile::create(&opts.cache_dir, "csv")?;
    let hashed = write_api_csv(&rows, file, &first)?;
    let record = CacheRecord {
        name: src.name.to_string(),
        version: version.to_string(),
        file_name: format!("{}_v{}.api.csv", src.name, version.replace('.', "_")),
        sha256: hashed.sha256,
        bytes: hashed.bytes,
        url: first,
        fetched_from: FetchedFrom::Api,
        verified: false,
        verified_by: None,
    };
    commit(src, csv_tmp, record, opts)
}

fn api_err(url: &str, message: &str) -> FetchError {
    FetchError::Api {
        url: url.to_string(),
        message: message.to_string(),
    }
}

/// One page of UCDP's API.
#[derive(serde::Deserialize)]
struct ApiPage {
    #[serde(rename = "TotalCount")]
    total_count: u64,
    #[serde(rename = "TotalPages")]
    total_pages: u64,
    #[serde(rename = "Result")]
    result: Vec<serde_json::Map<String, serde_json::Value>>,
}

impl ApiPage {
    fn parse(body: &[u8], url: &str) -> Result<ApiPage> {
        serde_json::from_slice(body).map_err(|e| {
            let head = String::from_utf8_lossy(&body[..body.len().min(40)]).to_string();
            api_err(url, &format!("{e}; the reply starts {head:?}")).into()
        })
    }
}

/// Writes the API rows as CSV: the columns of the first row (every row must have the same),
/// numbers as written, lists joined with `", "` as in UCDP's CSV, null as empty.
fn write_api_csv(
    rows: &[serde_json::Map<String, serde_json::Value>],
    file: std::fs::File,
    url: &str,
) -> Result<Hashed> {
    let columns: Vec<&String> = rows.first().map(|r| r.keys().collect()).unwrap_or_default();
    let mut w = csv::Writer::from_writer(HashWriter::new(std::io::BufWriter::new(file)));
    let csv_err = |e: csv::Error| Error::spec(format!("cannot write the converted CSV: {e}"));
    w.write_record(&columns).map_err(csv_err)?;
    for (i, row) in rows.iter().enumerate() {
        if row.len() != columns.len() || !columns.iter().all(|c| row.contains_key(*c)) {
            return Err(
                api_err(url, &format!("row {i} has other fields than the first row")).into(),
            );
        }
        let mut fields = Vec::with_capacity(columns.len());
        for c in &columns {
            fields
                .push(api_field(&row[*c]).ok_or_else(|| {
                    api_err(url, &format!("row {i}, field {c}: a nested object"))
                })?);
        }
        w.write_record(&fields).map_err(csv_err)?;
    }
    let inner = w
        .into_inner()
        .map_err(|e| Error::spec(format!("cannot write the converted CSV: {e}")))?;
    inner.finish()
}

fn api_field(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value as V;
    Some(match v {
        V::Null => String::new(),
        V::Bool(b) => b.to_string(),
        V::Number(n) => n.to_string(),
        V::String(s) => s.clone(),
        V::Array(items) => items
            .iter()
            .map(|x| match x {
                V::Array(_) | V::Object(_) => None,
                other => api_field(other),
            })
            .collect::<Option<Vec<_>>>()?
            .join(", "),
        V::Object(_) => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zip_matching_its_recorded_size_and_sha256_is_verified_and_says_by_what() {
        let k = upstream::KnownZip {
            name: "ucdp-acd",
            version: "26.1",
            bytes: 3,
            sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            md5: "900150983cd24fb0d6963f7d28e17f72",
            note: "test vector \"abc\"",
        };
        let abc = |bytes| Hashed {
            sha256: registry::sha256_hex(b"abc"),
            bytes,
        };
        let by = check_zip(Some(&k), "ucdp-acd", "26.1", &abc(3), "http://x/z.zip")
            .unwrap()
            .unwrap();
        assert!(
            by.contains("size (3 bytes) and SHA-256 match") && by.contains("not computed"),
            "{by}"
        );
        // The same SHA-256 with another size, or no record at all.
        let err = check_zip(Some(&k), "ucdp-acd", "26.1", &abc(4), "http://x/z.zip").unwrap_err();
        assert!(err.to_string().contains("http://x/z.zip"), "{err}");
        assert!(
            check_zip(None, "ucdp-acd", "26.1", &abc(3), "u")
                .unwrap()
                .is_none()
        );
    }
}
