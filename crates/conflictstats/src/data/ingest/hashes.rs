//! Verified-hash records: the SHA-256 of a file's bytes, recorded with the file's
//! [`FileStamp`] when the file was read whole, so that the same unchanged file is not hashed
//! again.
//!
//! One small text file per file read, `hashes/<key>.hash` in the ingest directory (`key`: the
//! first 32 hex digits of the SHA-256 of the file's canonical path), holding the stamp, the
//! digest and when hashing began:
//!
//! ```text
//! conflictstats verified-hash 1
//! stamp <dev> <ino> <size> <mtime_ns> <ctime_ns>
//! sha256 <64 hex digits>
//! hashed_at_ns <ns>
//! ```
//!
//! A record is trusted only if every field parses, the stamp equals the file's stamp now, and
//! the file had not been modified for [`RACY_NS`] before hashing began (git's "racily clean"
//! rule: a file written within the timestamp granularity of the moment it was hashed could be
//! rewritten, same size, without its modification time moving, so such a record is never
//! written nor trusted). Anything else is a miss: the file is hashed again.

use super::stamp::FileStamp;
use std::path::{Path, PathBuf};

/// How long a file must have been unchanged before it was hashed for its record to be
/// trusted: 2 s, the coarsest common timestamp granularity (FAT's; ext4 and APFS record
/// nanoseconds, but the kernel's clock moves in ticks of a few ms).
pub const RACY_NS: i128 = 2_000_000_000;

const FIRST_LINE: &str = "conflictstats verified-hash 1";

/// A verified hash of a file's bytes, as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashRecord {
    /// The file's stamp when it was hashed (equal before and after the read).
    pub stamp: FileStamp,
    /// SHA-256 of its bytes, lower-case hex.
    pub sha256: String,
    /// When hashing began, nanoseconds since 1970-01-01.
    pub hashed_at_ns: i128,
}

impl HashRecord {
    /// Whether the file had changed too shortly before hashing began to trust the record.
    #[must_use]
    pub fn racy(&self) -> bool {
        self.hashed_at_ns - self.stamp.mtime_ns < RACY_NS
    }

    fn to_text(&self) -> String {
        let s = &self.stamp;
        format!(
            "{FIRST_LINE}\nstamp {} {} {} {} {}\nsha256 {}\nhashed_at_ns {}\n",
            s.dev, s.ino, s.size, s.mtime_ns, s.ctime_ns, self.sha256, self.hashed_at_ns
        )
    }

    fn parse(text: &str) -> Option<HashRecord> {
        let mut lines = text.lines();
        (lines.next()? == FIRST_LINE).then_some(())?;
        let stamp: Vec<&str> = lines.next()?.strip_prefix("stamp ")?.split(' ').collect();
        let [dev, ino, size, mtime, ctime] = stamp[..] else {
            return None;
        };
        let sha256 = lines.next()?.strip_prefix("sha256 ")?.to_string();
        let valid = sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        valid.then_some(())?;
        let hashed_at_ns = lines.next()?.strip_prefix("hashed_at_ns ")?.parse().ok()?;
        lines.next().is_none().then_some(())?;
        Some(HashRecord {
            stamp: FileStamp {
                dev: dev.parse().ok()?,
                ino: ino.parse().ok()?,
                size: size.parse().ok()?,
                mtime_ns: mtime.parse().ok()?,
                ctime_ns: ctime.parse().ok()?,
            },
            sha256,
            hashed_at_ns,
        })
    }
}

/// The record file of `path` in the ingest directory `dir` (`None` if `path` cannot be made
/// canonical: it does not exist).
fn record_path(dir: &Path, path: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(path).ok()?;
    let key = super::super::registry::sha256_hex(canonical.to_string_lossy().as_bytes());
    Some(dir.join("hashes").join(format!("{}.hash", &key[..32])))
}

/// The verified SHA-256 of the file at `path`, if a trusted record of it exists: its stamp
/// equals `stamp` (the file's now) and it is not racy.
#[must_use]
pub fn lookup(dir: &Path, path: &Path, stamp: &FileStamp) -> Option<String> {
    let text = std::fs::read_to_string(record_path(dir, path)?).ok()?;
    let record = HashRecord::parse(&text)?;
    (record.stamp == *stamp && !record.racy()).then_some(record.sha256)
}

/// Records that the file at `path`, with stamp `stamp` before and after it was read, has
/// the SHA-256 `sha256`, hashing having begun at `hashed_at_ns`. A racy record is not written
/// (see the module docs); a record that cannot be written is not an error (the next read
/// hashes the file again). Returns whether it was written.
pub fn store(dir: &Path, path: &Path, record: &HashRecord) -> bool {
    if record.racy() {
        return false;
    }
    let Some(file) = record_path(dir, path) else {
        return false;
    };
    super::store::write_atomic(&file, record.to_text().as_bytes()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_and_anything_else_is_a_miss() {
        let r = HashRecord {
            stamp: FileStamp {
                dev: 1,
                ino: 2,
                size: 3,
                mtime_ns: -4,
                ctime_ns: 5,
            },
            sha256: "ab".repeat(32),
            hashed_at_ns: 9_000_000_000,
        };
        assert_eq!(HashRecord::parse(&r.to_text()), Some(r.clone()));
        assert!(!r.racy());
        let text = r.to_text();
        for bad in [
            text.replace("sha256 ab", "sha256 AB"),
            text.replace("stamp 1 2", "stamp 1"),
            text.replace("verified-hash 1", "verified-hash 2"),
            format!("{text}extra\n"),
            text.replace("hashed_at_ns 9000000000\n", ""),
        ] {
            assert_eq!(HashRecord::parse(&bad), None, "{bad}");
        }
        let racy = HashRecord {
            hashed_at_ns: -4 + RACY_NS - 1,
            ..r
        };
        assert!(racy.racy());
    }
}
