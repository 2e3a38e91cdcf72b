//! Reading a large file fast the second time: a record of verified hashes and a cache of
//! parsed columns, both in the cache directory ([`cache_dir`](super::cache::cache_dir)'s
//! `ingest/` folder).
//!
//! **What is cached.** The GED's files (the one large dataset: 604 MB for 1 M events; every
//! other dataset is a few MB and is hashed and parsed on every read). The first read of a
//! file parses it and hashes it side by side (the hash on a thread of its own); then
//!
//! - a **verified-hash record** keyed by the file's identity ([`FileStamp`]: device, inode,
//!   size, modification and status-change times in nanoseconds, as git's index keeps them)
//!   says "these bytes have this SHA-256", so the unchanged file is not hashed again;
//! - a **column file** holds the loader's columns (every column of [`Events`](super::Events),
//!   not an answer), keyed by that identity, the verified SHA-256 and the loader's parser
//!   version, so the next query of any kind on the file skips parsing too.
//!
//! **What the record trusts, and what it cannot see.** An unchanged identity is taken to
//! mean unchanged bytes, as git and make take it. A rewrite keeps the identity only if it
//! keeps the size and both times: a tool that restores the modification time (`touch -r`,
//! `rsync -t`) still moves the status-change time on Unix, and a write within the timestamp
//! granularity of the hash is caught by the racy rule ([`hashes::RACY_NS`]: a record is not
//! written, nor trusted, for a file modified less than 2 s before it was hashed). Not
//! detected: a same-size rewrite that also sets both times back (a changed system clock,
//! writes to the raw device), and on Windows, where there is no inode or status-change time,
//! a same-size rewrite whose tool restores the modification time. `--rehash` (Python
//! `rehash=True`) hashes and parses the file again whatever the record says, and rewrites
//! both.
//!
//! **Rules of the cache.** A column file is found only through a trusted record (identity →
//! SHA-256), and is read only if it is whole and made from exactly that identity, SHA-256 and
//! parser version ([`columns`]: magic, versions, checksum); anything else is a miss and the
//! file is parsed again — a cache problem is never an error and never changes an output.
//! Files are written atomically (temporary file, rename), so concurrent readers see a whole
//! file or none. The column files are capped at `CONFLICTSTATS_INGEST_CACHE_MAX_BYTES`
//! (default [`DEFAULT_MAX_BYTES`], 2 GiB) and evicted least recently used first; `0` turns
//! both caches off. A column file is read with one `std::fs::read`, not memory-mapped: the
//! workspace forbids `unsafe` code, mapping a file is `unsafe` (another process may truncate
//! it under the map), and reading 91 MB (1 M events) from the page cache takes a few tens of
//! milliseconds, far below the parse it replaces.
//!
//! ```
//! use conflictstats::data::ingest::{FileStamp, Ingest};
//!
//! // The library reads without caches unless asked; the CLI and Python turn them on.
//! assert_eq!(Ingest::default(), Ingest { caches: false, rehash: false });
//! let stamp = FileStamp::of_path(std::path::Path::new("Cargo.toml")).unwrap();
//! assert!(stamp.size > 0);
//! ```

pub mod columns;
mod ged;
pub mod hashes;
mod stamp;
pub mod store;

pub use stamp::FileStamp;

use crate::data::Ged;
use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The default cap of the column files: 2 GiB.
pub const DEFAULT_MAX_BYTES: u64 = 2 << 30;

/// The environment variable of the cap (`0`: no caches).
pub const MAX_BYTES_VAR: &str = "CONFLICTSTATS_INGEST_CACHE_MAX_BYTES";

/// How a file is read: with or without the caches, and whether to hash it again.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ingest {
    /// Use the verified-hash records and the column files (when the cache directory and
    /// `CONFLICTSTATS_INGEST_CACHE_MAX_BYTES` allow).
    pub caches: bool,
    /// Hash and parse the file again whatever the records say (`--rehash`).
    pub rehash: bool,
}

impl Ingest {
    /// The caches on; `rehash` as given.
    #[must_use]
    pub fn cached(rehash: bool) -> Ingest {
        Ingest {
            caches: true,
            rehash,
        }
    }
}

/// Where the caches are and how large the column files may grow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The ingest folder: `<cache dir>/ingest`.
    pub dir: PathBuf,
    /// The cap of the column files, bytes.
    pub max_bytes: u64,
}

impl Config {
    /// From the environment: `None` when the caches are off (`…_MAX_BYTES=0`) or there is
    /// no cache directory; an error for a cap that is not a number of bytes.
    pub fn from_env() -> Result<Option<Config>> {
        let max_bytes = match std::env::var(MAX_BYTES_VAR) {
            Ok(v) if !v.trim().is_empty() => v.trim().parse::<u64>().map_err(|_| {
                Error::spec(format!(
                    "{MAX_BYTES_VAR}={v:?} is not a number of bytes (0 turns the ingest caches off)"
                ))
            })?,
            _ => DEFAULT_MAX_BYTES,
        };
        if max_bytes == 0 {
            return Ok(None);
        }
        Ok(super::cache::cache_dir().ok().map(|d| Config {
            dir: d.join("ingest"),
            max_bytes,
        }))
    }

    /// The folder of the column files.
    #[must_use]
    pub fn columns_dir(&self) -> PathBuf {
        self.dir.join("columns")
    }

    /// The column file of `key`.
    #[must_use]
    pub fn column_file(&self, key: &columns::Key) -> PathBuf {
        let s = &key.stamp;
        self.columns_dir().join(format!(
            "{}-p{}-{}-{}-{}.{}",
            key.kind,
            key.parser,
            &key.sha256[..32],
            s.dev,
            s.ino,
            store::COLUMNS_EXT
        ))
    }
}

/// Loads the GED file at `path` as `ingest` says: from its column file when a trusted
/// record and an intact column file exist, else by parsing it (hash and parse side by side),
/// then recording both.
pub fn load_ged(path: &Path, ingest: Ingest) -> Result<Ged> {
    let config = if ingest.caches {
        Config::from_env()?
    } else {
        None
    };
    match config {
        Some(c) => load_ged_with(path, &c, ingest.rehash).map(|(ged, _)| ged),
        None => Ged::from_path(path),
    }
}

/// How [`load_ged_with`] got its columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// From the column file (nothing hashed or parsed).
    Columns,
    /// By parsing the file (and hashing it).
    Parsed,
}

/// As [`load_ged`], with the caches in `config`; says whether the columns came from the
/// cache.
pub fn load_ged_with(path: &Path, config: &Config, rehash: bool) -> Result<(Ged, Via)> {
    let label = path.display().to_string();
    let Some(stamp) = FileStamp::of_path(path) else {
        // The loader reports why the file cannot be read.
        return Ged::from_path(path).map(|g| (g, Via::Parsed));
    };
    if !rehash && let Some(sha) = hashes::lookup(&config.dir, path, &stamp) {
        let key = ged::key(stamp, &sha);
        let file = config.column_file(&key);
        if let Some(ged) = std::fs::read(&file)
            .ok()
            .and_then(|b| ged::decode(&b, &key, &label))
        {
            store::touch(&file);
            return Ok((ged, Via::Columns));
        }
    }
    let hashed_at_ns = stamp::now_ns();
    let ged = Ged::from_path(path)?;
    // Recorded only if the file did not change while it was read: the bytes hashed are then
    // the bytes parsed, and both belong to this identity.
    if FileStamp::of_path(path) == Some(stamp) {
        let record = hashes::HashRecord {
            stamp,
            sha256: ged.provenance.sha256.clone(),
            hashed_at_ns,
        };
        if hashes::store(&config.dir, path, &record) {
            let key = ged::key(stamp, &record.sha256);
            let file = config.column_file(&key);
            if ged::columns_bytes(&ged) <= config.max_bytes
                && store::write_atomic_with(&file, |w| ged::encode_to(w, &key, &ged)).is_ok()
            {
                store::evict(&config.columns_dir(), config.max_bytes, Some(&file));
            }
        }
    }
    Ok((ged, Via::Parsed))
}

/// The SHA-256 of the file at `path`: from a trusted record when `ingest` allows, else by
/// hashing it (and recording it). Errors are the file's I/O errors.
pub fn verified_sha256(path: &Path, ingest: Ingest) -> Result<String> {
    let config = if ingest.caches {
        Config::from_env()?
    } else {
        None
    };
    let stamp = FileStamp::of_path(path);
    if let (Some(c), Some(s), false) = (&config, &stamp, ingest.rehash)
        && let Some(sha) = hashes::lookup(&c.dir, path, s)
    {
        return Ok(sha);
    }
    let hashed_at_ns = stamp::now_ns();
    let sha = hash_file(path)?;
    if let (Some(c), Some(s)) = (&config, stamp)
        && FileStamp::of_path(path) == Some(s)
    {
        let record = hashes::HashRecord {
            stamp: s,
            sha256: sha.clone(),
            hashed_at_ns,
        };
        hashes::store(&c.dir, path, &record);
    }
    Ok(sha)
}

/// SHA-256 of a file's bytes, lower-case hex.
fn hash_file(path: &Path) -> Result<String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let io = |source| Error::Io {
        file: path.display().to_string(),
        source,
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io(e)),
        }
    }
    Ok(super::registry::hex(&hasher.finalize()))
}

#[cfg(test)]
mod tests;
