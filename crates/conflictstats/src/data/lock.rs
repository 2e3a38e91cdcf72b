//! Pinning the data a command reads: the record of every dataset loaded in this process, the
//! lockfile (`conflictstats.lock`, TOML) written from it, and the checks of `--locked` and
//! `--require-official`.
//!
//! A lockfile lists, for each dataset: name, version, source, SHA-256, size in bytes and status.
//! Checking data against it compares name, version, SHA-256 and size (not the source, which
//! differs between machines: a cache path, a checkout path).
//!
//! ```
//! use conflictstats::data::{lock::{LockEntry, LockFile}, Acd};
//!
//! let acd = Acd::embedded(Some("25.1"))?;
//! let mut lock = LockFile::default();
//! lock.merge(vec![LockEntry::of(&acd.provenance)?]);
//! let text = lock.to_toml()?;
//! assert!(text.contains("name = \"ucdp-acd\""));
//! assert!(text.contains("bytes = 506186"));
//! // The same data pass; another release does not.
//! lock.check("conflictstats.lock", &[acd.provenance.clone()])?;
//! let old = Acd::embedded(Some("24.1"))?;
//! assert!(lock.check("conflictstats.lock", &[old.provenance]).is_err());
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::{Provenance, ReleaseStatus, registry};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Mutex;

/// The datasets loaded since [`start_recording`], in load order (`None`: not recording).
static RECORDED: Mutex<Option<Vec<Provenance>>> = Mutex::new(None);

/// Starts recording the provenance of every dataset loaded in this process (what
/// [`recorded`] returns). Off unless started: a library user pays nothing.
pub fn start_recording() {
    let mut r = RECORDED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    r.get_or_insert_with(Vec::new);
}

/// Records `p` if recording; a later provenance of the same bytes and source (e.g. a fetched
/// release's, once its cache record is applied) replaces the earlier one.
pub(crate) fn record(p: Provenance) -> Provenance {
    let mut r = RECORDED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(list) = r.as_mut() {
        match list
            .iter_mut()
            .find(|q| q.sha256 == p.sha256 && q.source == p.source)
        {
            Some(q) => *q = p.clone(),
            None => list.push(p.clone()),
        }
    }
    p
}

/// The datasets loaded since [`start_recording`], each once.
#[must_use]
pub fn recorded() -> Vec<Provenance> {
    let r = RECORDED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    r.clone().unwrap_or_default()
}

/// `--require-official`: every dataset read must be an embedded or official release.
///
/// # Errors
/// [`Error::NotOfficial`] naming the first dataset that is modified, unregistered or
/// unverified.
pub fn require_official(read: &[Provenance]) -> Result<()> {
    match read.iter().find(|p| !p.status.is_official()) {
        None => Ok(()),
        Some(p) => Err(Error::NotOfficial {
            name: p.name.clone(),
            version: p.version.clone(),
            source_label: p.source.clone(),
            status: p.status.key().to_string(),
        }),
    }
}

/// `--expect-sha256`: the bytes read must have this SHA-256.
///
/// # Errors
/// [`Error::UnexpectedChecksum`] when they differ.
pub fn expect_sha256(p: &Provenance, expected: &str) -> Result<()> {
    let expected = expected.trim().to_ascii_lowercase();
    if p.sha256 == expected {
        return Ok(());
    }
    Err(Error::UnexpectedChecksum {
        file: p.source.clone(),
        expected,
        actual: p.sha256.clone(),
    })
}

/// One dataset in a lockfile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockEntry {
    /// Dataset name.
    pub name: String,
    /// Release.
    pub version: String,
    /// Where the bytes were read from when the lock was written (informational).
    pub source: String,
    /// SHA-256 of the bytes.
    pub sha256: String,
    /// Size of the bytes.
    pub bytes: u64,
    /// `embedded`, `official`, `modified`, `unregistered` or `unverified`.
    pub status: String,
}

impl LockEntry {
    /// The entry of a loaded dataset (its size is the embedded release's, or the file's).
    pub fn of(p: &Provenance) -> Result<LockEntry> {
        let bytes = if p.status == ReleaseStatus::Embedded {
            registry::find(&p.name, Some(&p.version))?.bytes()?.len() as u64
        } else {
            std::fs::metadata(&p.source)
                .map_err(|source| Error::Io {
                    file: p.source.clone(),
                    source,
                })?
                .len()
        };
        Ok(LockEntry {
            name: p.name.clone(),
            version: p.version.clone(),
            source: p.source.clone(),
            sha256: p.sha256.clone(),
            bytes,
            status: p.status.key().to_string(),
        })
    }
}

/// A lockfile: the datasets a project's commands read, pinned by checksum.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockFile {
    /// The datasets, sorted by name and version.
    #[serde(rename = "dataset", default)]
    pub datasets: Vec<LockEntry>,
}

impl LockFile {
    /// Reads a lockfile.
    pub fn read(path: &Path) -> Result<LockFile> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            file: file.clone(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| Error::BadRecord {
            file,
            message: format!("not a conflictstats lockfile: {e}"),
        })
    }

    /// The lockfile as TOML, one `[[dataset]]` table per dataset.
    pub fn to_toml(&self) -> Result<String> {
        let body = toml::to_string(self)
            .map_err(|e| Error::spec(format!("cannot write the lockfile: {e}")))?;
        Ok(format!(
            "# conflictstats.lock: the datasets read, pinned by SHA-256 (written by `conflictstats lock`).\n# `--locked` makes a command fail when the data it reads differ from these.\n\n{body}"
        ))
    }

    /// Writes the lockfile atomically (a temporary file beside it, then a rename).
    pub fn write(&self, path: &Path) -> Result<()> {
        let io = |source| Error::Io {
            file: path.display().to_string(),
            source,
        };
        let tmp = path.with_extension("lock.tmp");
        std::fs::write(&tmp, self.to_toml()?).map_err(io)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io(e)
        })
    }

    /// Adds `entries`, replacing those of the same name and version.
    pub fn merge(&mut self, entries: Vec<LockEntry>) {
        for e in entries {
            self.datasets
                .retain(|d| !(d.name == e.name && d.version == e.version));
            self.datasets.push(e);
        }
        self.datasets
            .sort_by(|a, b| (&a.name, &a.version).cmp(&(&b.name, &b.version)));
    }

    /// `--locked`: every dataset read must be in the lock with the same version, SHA-256 and
    /// size.
    ///
    /// # Errors
    /// [`Error::Locked`] naming the first dataset that differs (or is not in the lock).
    pub fn check(&self, lock_file: &str, read: &[Provenance]) -> Result<()> {
        for p in read {
            let pinned = Pinned {
                name: &p.name,
                version: &p.version,
                sha256: &p.sha256,
                source: &p.source,
            };
            self.check_one(lock_file, &pinned, || Ok(LockEntry::of(p)?.bytes))?;
        }
        Ok(())
    }

    /// `fetch --locked`: a release about to be cached (or found cached) must be in the lock
    /// with the same version, SHA-256 and size; `source` names where it came from.
    ///
    /// # Errors
    /// [`Error::Locked`] when it differs or is not in the lock.
    pub fn check_fetched(
        &self,
        lock_file: &str,
        record: &super::cache::CacheRecord,
        source: &str,
    ) -> Result<()> {
        let pinned = Pinned {
            name: &record.name,
            version: &record.version,
            sha256: &record.sha256,
            source,
        };
        self.check_one(lock_file, &pinned, || Ok(record.bytes))
    }

    fn check_one(
        &self,
        lock_file: &str,
        p: &Pinned<'_>,
        bytes: impl FnOnce() -> Result<u64>,
    ) -> Result<()> {
        let same_name: Vec<&LockEntry> =
            self.datasets.iter().filter(|d| d.name == p.name).collect();
        let fail = |message: String| Error::Locked {
            lock_file: lock_file.to_string(),
            name: p.name.to_string(),
            message,
        };
        let Some(entry) = same_name.iter().find(|d| d.version == p.version) else {
            let locked: Vec<String> = same_name
                .iter()
                .map(|d| format!("v{}", d.version))
                .collect();
            return Err(fail(if locked.is_empty() {
                format!(
                    "v{} ({}) is read, but the lock has no entry for this dataset; run `conflictstats lock` again",
                    p.version, p.source
                )
            } else {
                format!(
                    "v{} is read, but the lock pins {}",
                    p.version,
                    locked.join(", ")
                )
            }));
        };
        if entry.sha256 != p.sha256 {
            return Err(fail(format!(
                "v{} read from {} has SHA-256 {}, the lock pins {} (from {}): the data changed",
                p.version, p.source, p.sha256, entry.sha256, entry.source
            )));
        }
        let now = bytes()?;
        if now != entry.bytes {
            return Err(fail(format!(
                "v{} read from {} has {} bytes, the lock pins {}",
                p.version, p.source, now, entry.bytes
            )));
        }
        Ok(())
    }
}

/// What a lock entry is compared with.
struct Pinned<'a> {
    name: &'a str,
    version: &'a str,
    sha256: &'a str,
    source: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Acd;

    #[test]
    fn a_lockfile_round_trips_through_toml() {
        let acd = Acd::embedded(Some("25.1")).unwrap();
        let mut lock = LockFile::default();
        lock.merge(vec![LockEntry::of(&acd.provenance).unwrap()]);
        let dir = std::env::temp_dir().join(format!("cs-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("conflictstats.lock");
        lock.write(&path).unwrap();
        assert_eq!(LockFile::read(&path).unwrap(), lock);
        std::fs::write(&path, "[[dataset]]\nname = 1\n").unwrap();
        let err = LockFile::read(&path).unwrap_err();
        assert!(matches!(err, Error::BadRecord { .. }), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_dataset_missing_from_the_lock_is_named() {
        let lock = LockFile::default();
        let acd = Acd::embedded(Some("25.1")).unwrap();
        let err = lock.check("x.lock", &[acd.provenance]).unwrap_err();
        assert!(err.to_string().contains("dataset ucdp-acd: v25.1"), "{err}");
    }
}
