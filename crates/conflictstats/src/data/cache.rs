//! The cache of fetched releases: where `conflictstats fetch` stores what it downloaded, and
//! how a fetched release is found again, so that `--dataset X --version V` resolves a fetched
//! release exactly like an embedded one (embedded first, then the cache).
//!
//! The cache directory is `CONFLICTSTATS_CACHE` when set, else the platform's cache directory:
//! `$XDG_CACHE_HOME/conflictstats` or `~/.cache/conflictstats` on Linux and other Unix,
//! `~/Library/Caches/conflictstats` on macOS, `%LOCALAPPDATA%\conflictstats\cache` on Windows.
//! Each release is one folder `<name>/<version>/` holding the CSV, named by this tool
//! (`ucdp-acd-26.1.csv`; `ucdp-acd-26.1.api.csv` from the API; never the mirror's name), and
//! `release.json`, the record of where it came from (the URL asked for, the one that served
//! the bytes, the redirects between them, all without user-info; the zip member's own name,
//! escaped), its SHA-256 and size, and whether it was verified against a published checksum.
//! The folder is assembled under a temporary name in the cache and renamed into place whole,
//! so an interrupted or failed download leaves nothing that resolves, and a new fetch of a
//! release replaces its whole folder. A cached file's bytes are checked against the record
//! before anything parses them ([`CachedRelease::read`]).
//!
//! ```
//! use conflictstats::data::cache;
//!
//! let dir = std::env::temp_dir().join(format!("cs-cache-doc-{}", std::process::id()));
//! // Nothing fetched yet: no release resolves from this cache.
//! assert!(cache::find_in(&dir, "ucdp-acd", "26.1")?.is_none());
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::{Provenance, ReleaseStatus, registry, upstream};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The record file in each release folder.
pub const RECORD: &str = "release.json";

/// How a fetched release was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FetchedFrom {
    /// UCDP's download layout: a zip holding the CSV.
    Download,
    /// UCDP's API (paged JSON), converted to the loaders' API layout.
    Api,
}

/// What the cache records about a fetched release (`release.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheRecord {
    /// Dataset name, e.g. `ucdp-acd`.
    pub name: String,
    /// Release, e.g. `26.1`.
    pub version: String,
    /// The CSV's file name in the release folder (chosen by this tool: [`file_name`]).
    pub file_name: String,
    /// The CSV's name inside UCDP's zip, as the archive gave it (escaped); none for the API.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    /// SHA-256 of the cached CSV.
    pub sha256: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// The address asked for (the first page, for the API), without user-info.
    pub url: String,
    /// The address that served the bytes, after any redirect (the last page, for the API),
    /// without user-info; empty in records written before redirects were recorded.
    #[serde(default)]
    pub final_url: String,
    /// Every redirect followed, in order (without user-info).
    #[serde(default)]
    pub redirects: Vec<Redirect>,
    /// Download or API.
    pub fetched_from: FetchedFrom,
    /// Whether its SHA-256 equals a published checksum of the release, or the zip it came
    /// out of matched the zip's recorded checksums ([`upstream::KNOWN_ZIPS`]).
    pub verified: bool,
    /// What it was verified against, when that was the zip's recorded checksums (how far to
    /// trust it: who recorded them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified_by: Option<String>,
}

/// One redirect followed while fetching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Redirect {
    /// The HTTP status (301, 302, 303, 307 or 308).
    pub status: u16,
    /// The address that answered with it.
    pub url: String,
    /// The address it led to (its `Location`, resolved).
    pub location: String,
}

/// The name of a release's CSV in its cache folder: `<name>-<version>.csv`, or
/// `<name>-<version>.api.csv` for rows from the API. The mirror's names are never used.
///
/// ```
/// use conflictstats::data::cache::{file_name, FetchedFrom};
/// assert_eq!(file_name("ucdp-acd", "26.1", FetchedFrom::Download), "ucdp-acd-26.1.csv");
/// assert_eq!(file_name("ucdp-ged", "v25.1", FetchedFrom::Api), "ucdp-ged-25.1.api.csv");
/// ```
#[must_use]
pub fn file_name(name: &str, version: &str, from: FetchedFrom) -> String {
    let version = version.trim().trim_start_matches('v');
    match from {
        FetchedFrom::Download => format!("{name}-{version}.csv"),
        FetchedFrom::Api => format!("{name}-{version}.api.csv"),
    }
}

/// A release found in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CachedRelease {
    /// The record written when it was fetched.
    pub record: CacheRecord,
    /// The cached CSV.
    pub path: PathBuf,
}

/// The cache directory: `CONFLICTSTATS_CACHE`, else the platform's cache directory.
pub fn cache_dir() -> Result<PathBuf> {
    if let Some(dir) = std::env::var_os("CONFLICTSTATS_CACHE").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    platform_cache_dir().ok_or_else(|| {
        Error::spec(
            "no cache directory: set CONFLICTSTATS_CACHE (no home directory or platform cache directory was found)",
        )
    })
}

fn platform_cache_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        return env("LOCALAPPDATA").map(|d| d.join("conflictstats").join("cache"));
    }
    let home = env("HOME");
    if cfg!(target_os = "macos") {
        return home.map(|h| h.join("Library/Caches/conflictstats"));
    }
    env("XDG_CACHE_HOME")
        .filter(|d| d.is_absolute())
        .or_else(|| home.map(|h| h.join(".cache")))
        .map(|d| d.join("conflictstats"))
}

/// The folder of one release in the cache `dir`.
#[must_use]
pub fn release_dir(dir: &Path, name: &str, version: &str) -> PathBuf {
    dir.join(name).join(version.trim().trim_start_matches('v'))
}

/// The release `name` `version` in the cache, if fetched.
pub fn find(name: &str, version: &str) -> Result<Option<CachedRelease>> {
    find_in(&cache_dir()?, name, version)
}

/// As [`find`], in the cache directory `dir`.
pub fn find_in(dir: &Path, name: &str, version: &str) -> Result<Option<CachedRelease>> {
    // Only UCDP's datasets and release numbers name a folder (no `..`, no other paths).
    if upstream::source(name).is_none() || upstream::release_tag(name, version).is_err() {
        return Ok(None);
    }
    let folder = release_dir(dir, name, version);
    let record_path = folder.join(RECORD);
    let text = match std::fs::read_to_string(&record_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Io {
                file: record_path.display().to_string(),
                source,
            });
        }
    };
    let record: CacheRecord = serde_json::from_str(&text).map_err(|e| Error::BadRecord {
        file: record_path.display().to_string(),
        message: format!(
            "not a conflictstats cache record ({e}); delete the folder and fetch again"
        ),
    })?;
    let bad = |message: String| Error::BadRecord {
        file: record_path.display().to_string(),
        message: format!("{message}; delete the folder and fetch again"),
    };
    if let Some(why) = crate::untrusted::file_name_problem(&record.file_name) {
        return Err(bad(format!(
            "its file name {:?} cannot be used: {why}",
            record.file_name
        )));
    }
    if record.name != name || record.version != version.trim().trim_start_matches('v') {
        return Err(bad(format!(
            "records {} {}, not {name} {version}",
            crate::untrusted::escape(&record.name),
            crate::untrusted::escape(&record.version)
        )));
    }
    let path = folder.join(&record.file_name);
    Ok(Some(CachedRelease { record, path }))
}

/// Every release in the cache `dir`, sorted by name and version.
pub fn list_in(dir: &Path) -> Result<Vec<CachedRelease>> {
    let mut out = Vec::new();
    for s in upstream::SOURCES {
        let Ok(versions) = std::fs::read_dir(dir.join(s.name)) else {
            continue;
        };
        for v in versions.flatten() {
            if let Some(version) = v.file_name().to_str()
                && let Some(release) = find_in(dir, s.name, version)?
            {
                out.push(release);
            }
        }
    }
    out.sort_by(|a, b| {
        (&a.record.name, &a.record.version).cmp(&(&b.record.name, &b.record.version))
    });
    Ok(out)
}

impl CachedRelease {
    /// Checks that the cached file still has the SHA-256 recorded when it was fetched: an
    /// edited file is [`Error::CacheChanged`] ("fetch it again"), never a parse error of its
    /// rows.
    pub fn verify(&self) -> Result<()> {
        self.verify_with(super::ingest::Ingest::default())
    }

    /// As [`verify`](CachedRelease::verify), taking the SHA-256 from a trusted
    /// verified-hash record when `ingest` allows (see [`ingest`](super::ingest)).
    pub fn verify_with(&self, ingest: super::ingest::Ingest) -> Result<()> {
        let actual = super::ingest::verified_sha256(&self.path, ingest)?;
        if actual == self.record.sha256 {
            return Ok(());
        }
        Err(Error::CacheChanged {
            file: self.path.display().to_string(),
            name: self.record.name.clone(),
            version: self.record.version.clone(),
            expected: self.record.sha256.clone(),
            actual,
        })
    }

    /// Loads the cached file with `load`, its result used only once
    /// [`verify`](CachedRelease::verify) has passed.
    pub fn read<T>(&self, load: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
        self.read_with(super::ingest::Ingest::default(), load)
    }

    /// As [`read`](CachedRelease::read), as `ingest` says. The check runs on a thread of its
    /// own while `load` parses, so a read costs about max(hash, parse); if the bytes are not
    /// the ones recorded, what `load` returned (columns or a parse error) is dropped and the
    /// error is [`Error::CacheChanged`].
    pub fn read_with<T>(
        &self,
        ingest: super::ingest::Ingest,
        load: impl FnOnce(&Path) -> Result<T>,
    ) -> Result<T> {
        std::thread::scope(|s| {
            let checking = s.spawn(|| self.verify_with(ingest));
            let loaded = load(&self.path);
            match checking.join() {
                Ok(Ok(())) => loaded,
                Ok(Err(e)) => Err(e),
                Err(_) => Err(Error::Io {
                    file: self.path.display().to_string(),
                    source: std::io::Error::other("the thread hashing the file stopped"),
                }),
            }
        })
    }

    /// The provenance of this release as loaded: `loaded` is what the loader reported for the
    /// cached file; the bytes must still be the ones recorded at fetch time.
    ///
    /// The version is the fetched release's; the status is `official` when the download was
    /// verified against a published checksum, `unverified` otherwise.
    pub fn provenance(&self, loaded: Provenance) -> Result<Provenance> {
        let r = &self.record;
        if loaded.sha256 != r.sha256 {
            return Err(Error::CacheChanged {
                file: self.path.display().to_string(),
                name: r.name.clone(),
                version: r.version.clone(),
                expected: r.sha256.clone(),
                actual: loaded.sha256,
            });
        }
        let entry = registry::REGISTRY.iter().find(|e| e.name == r.name);
        let (status, byte_identity) = if r.verified {
            (ReleaseStatus::Official, super::ByteIdentity::Verified)
        } else {
            (ReleaseStatus::Unverified, super::ByteIdentity::Unverified)
        };
        let title = upstream::source(&r.name).map_or(loaded.title.clone(), |s| s.title.to_string());
        Ok(super::lock::record(Provenance {
            name: r.name.clone(),
            title,
            version: r.version.clone(),
            status,
            licence: loaded
                .licence
                .or_else(|| entry.map(|e| e.licence.to_string())),
            citation: loaded.citation,
            byte_identity,
            ..loaded
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, version: &str) -> CacheRecord {
        CacheRecord {
            name: name.to_string(),
            version: version.to_string(),
            file_name: "x.csv".to_string(),
            member: None,
            sha256: "0".repeat(64),
            bytes: 1,
            url: "http://127.0.0.1/x.zip".to_string(),
            final_url: String::new(),
            redirects: Vec::new(),
            fetched_from: FetchedFrom::Download,
            verified: false,
            verified_by: None,
        }
    }

    #[test]
    fn a_record_resolves_and_a_wrong_one_is_an_error_naming_it() {
        let dir = std::env::temp_dir().join(format!("cs-cache-test-{}", std::process::id()));
        let folder = release_dir(&dir, "ucdp-acd", "26.1");
        std::fs::create_dir_all(&folder).unwrap();
        let write = |r: &CacheRecord| {
            std::fs::write(folder.join(RECORD), serde_json::to_string(r).unwrap()).unwrap();
        };
        write(&record("ucdp-acd", "26.1"));
        let found = find_in(&dir, "ucdp-acd", "v26.1").unwrap().unwrap();
        assert_eq!(found.path, folder.join("x.csv"));
        assert_eq!(list_in(&dir).unwrap().len(), 1);
        write(&record("ucdp-dyadic", "26.1"));
        let err = find_in(&dir, "ucdp-acd", "26.1").unwrap_err();
        assert!(matches!(err, Error::BadRecord { .. }), "{err}");
        assert!(err.to_string().contains("fetch again"), "{err}");
        // A record written by an older version with the mirror's hostile member name as the
        // file name: refused, the name shown escaped (no raw ESC or newline).
        for hostile in ["\u{1b}[2Jx.csv", "a.csv\nfetched: b", "../../x.csv"] {
            let mut r = record("ucdp-acd", "26.1");
            r.file_name = hostile.to_string();
            write(&r);
            let err = find_in(&dir, "ucdp-acd", "26.1").unwrap_err().to_string();
            assert!(err.contains("cannot be used"), "{err}");
            assert!(!err.contains(['\u{1b}', '\n']), "{err:?}");
        }
        std::fs::write(folder.join(RECORD), "{").unwrap();
        assert!(find_in(&dir, "ucdp-acd", "26.1").is_err());
        // Names and versions that are not UCDP's never name a folder.
        assert!(find_in(&dir, "../ucdp-acd", "26.1").unwrap().is_none());
        assert!(find_in(&dir, "ucdp-acd", "../26.1").unwrap().is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
