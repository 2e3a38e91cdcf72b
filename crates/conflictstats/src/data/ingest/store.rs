//! Files of the ingest cache on disk: atomic writes, last-use times and eviction.
//!
//! A file is written under a temporary name in its own folder (`.tmp-<pid>-<n>`) and renamed
//! over its final name, so a reader sees the old file or the new one whole, never a part. A
//! column file's modification time is its last use (set on every hit), and the cache is
//! evicted least recently used first (ties: by file name), until its column files fit the
//! size cap; a temporary file left by a killed process is removed once an hour old.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// The extension of column files.
pub const COLUMNS_EXT: &str = "cols";

/// A temporary file older than this is a leftover of a killed process.
const STALE_TMP: Duration = Duration::from_secs(3600);

/// Writes `bytes` to `path` atomically (temporary file, then rename), creating its folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".tmp-{}-{n}", std::process::id()));
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Writes the file `path` atomically with `write` (a buffered writer on a temporary file,
/// renamed over `path` once whole), creating its folder.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".tmp-{}-w{n}", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|f| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        write(&mut w)?;
        w.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, path)
    });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Marks `path` as used now (its modification time), for the least-recently-used order.
pub fn touch(path: &Path) {
    if let Ok(f) = std::fs::File::options().write(true).open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// One column file: its last use, name and size.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    used: SystemTime,
    name: PathBuf,
    bytes: u64,
}

/// Removes column files of `dir`, least recently used first (ties: by name), until their
/// total size is at most `cap` bytes; `keep` (the file just written) is never removed.
/// Returns the files removed. Files another process is reading stay readable to it (Unix),
/// or are left for a later eviction (where an open file cannot be removed).
pub fn evict(dir: &Path, cap: u64, keep: Option<&Path>) -> Vec<PathBuf> {
    let Ok(read) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    let mut entries = Vec::new();
    for e in read.flatten() {
        let path = e.path();
        let Ok(meta) = e.metadata() else { continue };
        let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        let name = e.file_name();
        if name.to_string_lossy().starts_with(".tmp-") {
            if now.duration_since(used).is_ok_and(|age| age > STALE_TMP) {
                let _ = std::fs::remove_file(&path);
            }
            continue;
        }
        if path.extension().is_some_and(|x| x == COLUMNS_EXT) && meta.is_file() {
            entries.push(Entry {
                used,
                name: path,
                bytes: meta.len(),
            });
        }
    }
    entries.sort();
    let mut total: u64 = entries.iter().map(|e| e.bytes).sum();
    let mut removed = Vec::new();
    for e in entries {
        if total <= cap {
            break;
        }
        if Some(e.name.as_path()) == keep {
            continue;
        }
        if std::fs::remove_file(&e.name).is_ok() {
            total -= e.bytes;
            removed.push(e.name);
        }
    }
    removed
}
