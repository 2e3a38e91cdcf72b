//! Writing into the cache: temporary files and folders named `.partial-<pid>-<n>.<what>` in
//! the cache directory (removed when dropped unless kept), the release folder assembled under
//! such a name and swapped into place whole, and the clean-up of what killed fetches left.
//!
//! A leftover is removed by the next fetch when it is *stale*: not modified for
//! [`STALE_IDLE`] and either its process is gone (checked through `/proc` where there is one)
//! or it has not been modified for [`STALE_ALWAYS`]. A fetch running concurrently writes its
//! files continuously (a stalled read ends it after the read timeout), so its files are never
//! taken for leftovers, even from another PID namespace sharing the cache.

use crate::data::cache::{self, CacheRecord, CachedRelease};
use crate::error::{Error, FetchError, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A leftover is never removed sooner than this after its last write.
pub const STALE_IDLE: Duration = Duration::from_secs(10 * 60);
/// A leftover this old is removed whether or not its process seems alive (the pid may have
/// been reused).
pub const STALE_ALWAYS: Duration = Duration::from_secs(24 * 60 * 60);

const PREFIX: &str = ".partial-";

fn cache_err(path: &Path, source: std::io::Error) -> FetchError {
    FetchError::Cache {
        path: path.display().to_string(),
        source,
    }
}

/// A new temporary name in `dir`: `.partial-<pid>-<n>.<what>`.
fn temp_name(dir: &Path, what: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    dir.join(format!("{PREFIX}{}-{n}.{what}", std::process::id()))
}

/// A file or folder in the cache directory that is removed when dropped, unless kept.
pub(super) struct TempFile {
    pub(super) path: PathBuf,
    pub(super) keep: bool,
}

impl TempFile {
    /// A new, empty temporary file in `dir`, open for reading and writing.
    pub(super) fn create(dir: &Path, what: &str) -> Result<(TempFile, std::fs::File)> {
        std::fs::create_dir_all(dir).map_err(|e| cache_err(dir, e))?;
        let path = temp_name(dir, what);
        let file = std::fs::OpenOptions::new()
            .write(true)
            .read(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| cache_err(&path, e))?;
        Ok((TempFile { path, keep: false }, file))
    }

    /// A new, empty temporary folder in `dir`.
    fn create_dir(dir: &Path) -> Result<TempFile> {
        let path = temp_name(dir, "dir");
        std::fs::create_dir_all(dir).map_err(|e| cache_err(dir, e))?;
        std::fs::create_dir(&path).map_err(|e| cache_err(&path, e))?;
        Ok(TempFile { path, keep: false })
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.keep {
            let _ = remove(&self.path);
        }
    }
}

fn remove(path: &Path) -> std::io::Result<()> {
    if path.is_dir() {
        std::fs::remove_dir_all(path)
    } else {
        std::fs::remove_file(path)
    }
}

/// Moves the verified CSV and its record into the release's folder, replacing the whole
/// folder: both are written into a temporary folder, which is then renamed into place (the
/// previous folder is moved aside first and removed after).
pub(super) fn commit(
    cache_dir: &Path,
    mut csv: TempFile,
    record: CacheRecord,
) -> Result<CachedRelease> {
    let staging = TempFile::create_dir(cache_dir)?;
    let staged_csv = staging.path.join(&record.file_name);
    std::fs::rename(&csv.path, &staged_csv).map_err(|e| cache_err(&staged_csv, e))?;
    csv.keep = true; // gone from its temporary name: nothing to remove
    let json = serde_json::to_string_pretty(&record).map_err(|e| Error::spec(e.to_string()))?;
    let staged_record = staging.path.join(cache::RECORD);
    std::fs::File::create(&staged_record)
        .and_then(|mut f| f.write_all(json.as_bytes()).and_then(|()| f.sync_all()))
        .map_err(|e| cache_err(&staged_record, e))?;
    let dir = cache::release_dir(cache_dir, &record.name, &record.version);
    if let Some(parent) = dir.parent() {
        std::fs::create_dir_all(parent).map_err(|e| cache_err(parent, e))?;
    }
    let aside = TempFile {
        path: temp_name(cache_dir, "old"),
        keep: false,
    };
    let had_old = match std::fs::rename(&dir, &aside.path) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(cache_err(&dir, e).into()),
    };
    if let Err(e) = std::fs::rename(&staging.path, &dir) {
        if had_old {
            let _ = std::fs::rename(&aside.path, &dir);
        }
        return Err(cache_err(&dir, e).into());
    }
    let mut staging = staging;
    staging.keep = true;
    drop(aside); // the previous folder, removed
    let path = dir.join(&record.file_name);
    Ok(CachedRelease { record, path })
}

/// Removes the stale leftovers of killed fetches from the cache directory `dir` (see the
/// module's rule); returns what was removed. Errors are ignored: a leftover that cannot be
/// removed now is tried again next time.
pub fn clean_stale(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mine = std::process::id();
    let mut removed = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let idle = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        let Some(idle) = idle else { continue };
        let stale = pid != mine
            && idle >= STALE_IDLE
            && (idle >= STALE_ALWAYS || process_gone(pid) == Some(true));
        if stale && remove(&e.path()).is_ok() {
            removed.push(e.path());
        }
    }
    removed
}

/// Whether process `pid` is gone: `Some` where `/proc` tells, `None` where it cannot be
/// known.
fn process_gone(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return None;
    }
    Some(!proc.join(pid.to_string()).exists())
}
