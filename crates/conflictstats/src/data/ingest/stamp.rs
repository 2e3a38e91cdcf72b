//! A file's identity as the file system reports it, compared as git's index compares a
//! work-tree file with what it recorded: device, inode, size and the modification and
//! status-change times in nanoseconds.

use std::fs::Metadata;
use std::time::{SystemTime, UNIX_EPOCH};

/// Device, inode, size, modification time and (on Unix) status-change time of a file. On
/// platforms without inodes (Windows), `dev`, `ino` and `ctime_ns` are 0 and the file is
/// known by its path, size and modification time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// The device holding the file.
    pub dev: u64,
    /// Its inode: a file replaced by another (a rename over it) has a new one.
    pub ino: u64,
    /// Its size in bytes.
    pub size: u64,
    /// Its modification time, nanoseconds since 1970-01-01 (negative before).
    pub mtime_ns: i128,
    /// Its status-change time (Unix `ctime`), nanoseconds: a tool that restores the
    /// modification time after writing (`touch -r`, `rsync -t`) still moves it.
    pub ctime_ns: i128,
}

impl FileStamp {
    /// The stamp of a file from its metadata (`None` where the platform gives no
    /// modification time).
    #[must_use]
    pub fn of(meta: &Metadata) -> Option<FileStamp> {
        let mtime_ns = nanos(meta.modified().ok()?);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Some(FileStamp {
                dev: meta.dev(),
                ino: meta.ino(),
                size: meta.len(),
                mtime_ns,
                ctime_ns: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            Some(FileStamp {
                dev: 0,
                ino: 0,
                size: meta.len(),
                mtime_ns,
                ctime_ns: 0,
            })
        }
    }

    /// The stamp of the file at `path`, if it can be read.
    #[must_use]
    pub fn of_path(path: &std::path::Path) -> Option<FileStamp> {
        FileStamp::of(&std::fs::metadata(path).ok()?)
    }
}

/// Nanoseconds since 1970-01-01 of `t` (negative before).
#[must_use]
pub fn nanos(t: SystemTime) -> i128 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i128::try_from(d.as_nanos()).unwrap_or(i128::MAX),
        Err(e) => -i128::try_from(e.duration().as_nanos()).unwrap_or(i128::MAX),
    }
}

/// Now, in nanoseconds since 1970-01-01.
#[must_use]
pub fn now_ns() -> i128 {
    nanos(SystemTime::now())
}
