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
//! of a known release, the rows load and claim the version asked for, and, when asked,
//! [`FetchOptions::require_official`] and [`FetchOptions::lock_file`]) and only then moved
//! into place with its record (`release.json`), the release's folder replaced whole. Any
//! failure is a typed error naming the URL, and leaves nothing in the cache. A release without
//! a published checksum is stored as *unverified*, and every output that uses it says so.
//!
//! Nothing from outside is trusted: the whole fetch has one deadline and a size cap, the API
//! a page cap derived from its `TotalCount`; credentials go only to their origin, redirects
//! are checked hop by hop and recorded; the cached file is named by this tool
//! (`ucdp-acd-26.1.csv`), the zip member's own name only recorded, escaped, and refused when
//! it is a path or holds control characters; leftovers of killed fetches are cleaned up by
//! the next one (see [`store`]).
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

mod api;
mod archive;
mod http;
pub mod store;

use super::EmbeddedCopy;
use super::cache::{self, CacheRecord, CachedRelease, FetchedFrom};
use super::lock::LockFile;
use super::registry::{self, DatasetKind};
use super::upstream::{self, UcdpSource};
use super::{Acd, Brd, Dyadic, Ged, NonState, OneSided};
use crate::error::{Error, FetchError, Result};
use crate::untrusted;
use archive::Hashed;
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
    /// Base URL of the chosen source (UCDP's, or a mirror). A `user:password@` in it is sent
    /// as HTTP basic authentication to this URL's origin only, and never shown or stored.
    pub base_url: String,
    /// The API access token (sent as `x-ucdp-access-token`, to the base URL's origin only).
    pub token: Option<String>,
    /// The cache directory.
    pub cache_dir: PathBuf,
    /// Size cap, in bytes, of the download and of the CSV inside it.
    pub max_bytes: u64,
    /// Time allowed to connect.
    pub connect_timeout: Duration,
    /// Time allowed for each read (the answer, and every part of the body): a server that
    /// stalls completely is stopped after this long.
    pub read_timeout: Duration,
    /// The overall deadline of the whole fetch (every page, redirect and body): a server
    /// that keeps sending slowly is stopped when it passes.
    pub deadline: Duration,
    /// Rows per API page (UCDP allows at most 1000).
    pub page_size: u32,
    /// Fetch again even if the release is already cached.
    pub force: bool,
    /// When set, no connection is opened; the reason is reported.
    pub offline: Option<String>,
    /// Refuse (store nothing) a release that would be *unverified* (`--require-official`).
    pub require_official: bool,
    /// Check the release against this lockfile (`--locked`), and store nothing that differs.
    pub lock_file: Option<PathBuf>,
}

/// Default size cap: 1 GiB (the largest UCDP CSV, the GED, is about 250 MB).
pub const DEFAULT_MAX_BYTES: u64 = 1 << 30;

/// Default overall deadline of a fetch: one hour (the GED's 250 MB at 70 kB/s).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(60 * 60);

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
            deadline: DEFAULT_DEADLINE,
            page_size: 1000,
            force: false,
            offline: None,
            require_official: false,
            lock_file: None,
        })
    }

    /// The download defaults, overridden by the environment: `CONFLICTSTATS_BASE_URL`,
    /// `CONFLICTSTATS_CACHE`, `CONFLICTSTATS_MAX_BYTES`, `CONFLICTSTATS_TIMEOUT` (the overall
    /// deadline, in seconds), `CONFLICTSTATS_CONNECT_TIMEOUT`, `CONFLICTSTATS_OFFLINE` and
    /// `UCDP_API_TOKEN`.
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
            self.set_deadline(seconds("CONFLICTSTATS_TIMEOUT", &s)?);
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

impl FetchOptions {
    /// Sets the overall deadline (`--timeout`); the read timeout is never longer.
    pub fn set_deadline(&mut self, deadline: Duration) {
        self.deadline = deadline;
        self.read_timeout = self.read_timeout.min(deadline);
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

/// Fetches release `version` of dataset `name` into the cache (unless it is cached already,
/// with its bytes unchanged, and `opts.force` is off), from UCDP's downloads page or its API.
///
/// # Errors
/// [`FetchError`] (inside [`Error::Fetch`]) for every failed or refused download, naming the
/// URL; [`Error::NotOfficial`] and [`Error::Locked`] for a release refused by
/// `require_official` or the lockfile. Nothing is left in the cache.
pub fn fetch(
    name: &str,
    version: &str,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<Fetched> {
    let version = version.trim().trim_start_matches('v');
    let src = upstream::source(name).ok_or_else(|| FetchError::Unsupported {
        name: untrusted::escape(name).into_owned(),
        version: untrusted::escape(version).into_owned(),
        message: format!(
            "UCDP publishes no such dataset; fetchable: {}",
            upstream::SOURCES
                .iter()
                .map(|s| s.name)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })?;
    if !(1..=1000).contains(&opts.page_size) {
        return Err(Error::spec(format!(
            "an API page size of {} rows: UCDP serves 1 to 1000",
            opts.page_size
        )));
    }
    let lock = match &opts.lock_file {
        Some(path) => Some((path.display().to_string(), LockFile::read(path)?)),
        None => None,
    };
    if !opts.force
        && let Some(release) = cached(name, version, opts, lock.as_ref())?
    {
        return Ok(Fetched {
            embedded: EmbeddedCopy::of(&release),
            release,
            already_cached: true,
        });
    }
    store::clean_stale(&opts.cache_dir);
    let base = http::Base::parse(&opts.base_url);
    let (csv, mut record) = match opts.source {
        FetchSource::Download => {
            let mut client = http::Client::new(opts, &base, None);
            download(src, version, &base.clean, &mut client, opts, progress)?
        }
        FetchSource::Api => {
            let first = src.api_url(&base.clean, version, opts.page_size, 0)?;
            let Some(token) = opts.token.as_deref() else {
                return Err(FetchError::NoToken {
                    url: untrusted::redact(&first).into_owned(),
                }
                .into());
            };
            let mut client = http::Client::new(opts, &base, Some(token));
            api::fetch_pages(src, version, &base.clean, &mut client, opts, progress)?
        }
    };
    record.verified = verify_checksum(&record)? || record.verified_by.is_some();
    check_rows(src.kind, &csv.path, &record)?;
    check_pins(&record, &record.url, opts, lock.as_ref(), false)?;
    let release = store::commit(&opts.cache_dir, csv, record)?;
    Ok(Fetched {
        embedded: EmbeddedCopy::of(&release),
        release,
        already_cached: false,
    })
}

/// The release, if cached with its bytes unchanged and passing the pins. A cached file edited
/// since it was fetched is fetched again (`None`), or, offline, reported as changed.
fn cached(
    name: &str,
    version: &str,
    opts: &FetchOptions,
    lock: Option<&(String, LockFile)>,
) -> Result<Option<CachedRelease>> {
    let Some(release) = cache::find_in(&opts.cache_dir, name, version)? else {
        return Ok(None);
    };
    match release.verify() {
        Ok(()) => {
            let path = release.path.display().to_string();
            check_pins(&release.record, &path, opts, lock, true)?;
            Ok(Some(release))
        }
        Err(e) if opts.offline.is_some() => Err(e),
        Err(_) => Ok(None),
    }
}

/// `require_official` and the lockfile, on a release fetched (before it is stored) or found
/// `cached`; `source` names where it comes from.
fn check_pins(
    record: &CacheRecord,
    source: &str,
    opts: &FetchOptions,
    lock: Option<&(String, LockFile)>,
    cached: bool,
) -> Result<()> {
    if opts.require_official && !record.verified {
        let status = if cached {
            "unverified (no published checksum)"
        } else {
            "unverified (no published checksum; nothing was stored)"
        };
        return Err(Error::NotOfficial {
            name: record.name.clone(),
            version: record.version.clone(),
            source_label: untrusted::shown(source),
            status: status.to_string(),
        });
    }
    if let Some((label, lock)) = lock {
        lock.check_fetched(label, record, &untrusted::redact(source))?;
    }
    Ok(())
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

/// Downloads UCDP's zip and extracts its CSV into a temporary file; the record is filled but
/// for its verification.
fn download(
    src: &UcdpSource,
    version: &str,
    base: &str,
    client: &mut http::Client<'_>,
    opts: &FetchOptions,
    progress: &mut dyn Progress,
) -> Result<(store::TempFile, CacheRecord)> {
    let url = src.download_url(base, version)?;
    let got = client.get(&url)?;
    let served_by = untrusted::redact(&got.url).into_owned();
    let content_type = got
        .response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("none")
        .to_string();
    let (zip_tmp, zip_file) = store::TempFile::create(&opts.cache_dir, "zip")?;
    let mut zip_file = archive::HashWriter::new(zip_file);
    client.receive(got, &mut zip_file, opts.max_bytes, progress)?;
    let zip_hashed = zip_file.finish()?;
    archive::check_zip_signature(&zip_tmp.path, &served_by, &content_type)?;
    let verified_by = verify_zip(src.name, version, &zip_hashed, &served_by)?;
    let (csv_tmp, member, hashed) = archive::extract_csv(&zip_tmp.path, &served_by, opts)?;
    drop(zip_tmp);
    let record = CacheRecord {
        name: src.name.to_string(),
        version: version.to_string(),
        file_name: cache::file_name(src.name, version, FetchedFrom::Download),
        member: Some(untrusted::escape(&member).into_owned()),
        sha256: hashed.sha256,
        bytes: hashed.bytes,
        url: untrusted::redact(&url).into_owned(),
        final_url: served_by,
        redirects: client.redirects.clone(),
        fetched_from: FetchedFrom::Download,
        verified: false,
        verified_by,
    };
    Ok((csv_tmp, record))
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
    let p = loaded.map_err(|e| wrong(untrusted::escape(&e.to_string()).into_owned()))?;
    if p.version != r.version && p.version != "unknown" {
        let claimed = untrusted::escape(&p.version);
        return Err(wrong(format!("its rows claim version {claimed}")).into());
    }
    Ok(())
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
