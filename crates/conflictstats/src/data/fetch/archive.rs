//! UCDP's zip: is it one, and its one CSV member extracted (hashed, size-capped) into a
//! temporary file of the cache. The member's name is only recorded (escaped), never used as
//! a path: a name that is a path (`../../../outside.csv`, `/etc/x.csv`, `dir\x.csv`) or holds
//! control characters (terminal escapes, newlines) is refused, naming the URL.

use super::store::TempFile;
use super::{FetchOptions, Silent, http};
use crate::data::registry;
use crate::error::{Error, FetchError, Result};
use crate::untrusted;
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::Path;

/// The body must start as a zip does; an HTML page (a login or error page) is named as such.
pub(super) fn check_zip_signature(path: &Path, url: &str, content_type: &str) -> Result<()> {
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
        content_type: untrusted::escape(content_type).into_owned(),
        found: if n == 0 {
            "an empty body".to_string()
        } else {
            format!("{:?}…", text.trim())
        },
    }
    .into())
}

/// SHA-256 and size of bytes written.
pub(super) struct Hashed {
    pub(super) sha256: String,
    pub(super) bytes: u64,
}

/// The one CSV member of the zip, extracted into a temporary file and hashed; with the
/// member's name as the archive gives it (already checked to be a plain file name).
pub(super) fn extract_csv(
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
        let all: Vec<String> = archive
            .file_names()
            .map(|n| format!("`{}`", untrusted::escape(n)))
            .collect();
        return Err(bad(format!(
            "expected one CSV file in the archive, found {} ({})",
            csvs.len(),
            all.join(", ")
        ))
        .into());
    };
    let shown = untrusted::escape(member).into_owned();
    if let Some(why) = untrusted::file_name_problem(member) {
        return Err(bad(format!(
            "the archive's CSV is named `{shown}`: {why}; refused (nothing was extracted)"
        ))
        .into());
    }
    let mut entry = archive
        .by_name(member)
        .map_err(|e| bad(format!("cannot read {shown} ({e})")))?;
    if entry.size() > opts.max_bytes {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            what: format!("{shown} ({} bytes uncompressed)", entry.size()),
            cap: opts.max_bytes,
        }
        .into());
    }
    let (tmp, out) = TempFile::create(&opts.cache_dir, "csv")?;
    let mut out = HashWriter::new(out);
    let copied = http::copy_capped(&mut entry, &mut out, opts.max_bytes, None, &mut Silent)
        .map_err(|(e, _)| {
            bad(format!(
                "{shown} cannot be decompressed ({e}): the archive is damaged"
            ))
        })?;
    if copied > opts.max_bytes {
        return Err(FetchError::TooLarge {
            url: url.to_string(),
            what: format!("{shown} (more than {} bytes uncompressed)", opts.max_bytes),
            cap: opts.max_bytes,
        }
        .into());
    }
    Ok((tmp, member.clone(), out.finish()?))
}

/// Writes through, hashing what is written.
pub(super) struct HashWriter<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> HashWriter<W> {
    pub(super) fn new(inner: W) -> HashWriter<W> {
        HashWriter {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    pub(super) fn finish(mut self) -> Result<Hashed> {
        self.inner.flush().map_err(|source| Error::Io {
            file: "<cache>".to_string(),
            source,
        })?;
        Ok(Hashed {
            sha256: registry::hex(&self.hasher.finalize()),
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
