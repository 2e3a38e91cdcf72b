//! One place where a dataset name and version become bytes to load: the embedded release of
//! that version, else a release fetched into the cache (`conflictstats fetch`). A fetched
//! release is then used exactly like an embedded one, with its own provenance (`official` when
//! verified against a published checksum, `unverified` otherwise).
//!
//! ```
//! use conflictstats::data::{resolve, Release};
//!
//! assert!(matches!(resolve("ucdp-acd", Some("25.1"))?, Release::Embedded(_)));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::cache::{self, CachedRelease};
use super::registry::{self, EmbeddedDataset};
use crate::error::{Error, Result};

/// Where the bytes of a resolved release are.
#[derive(Debug, Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "resolved once per dataset loaded; boxing would only complicate matching"
)]
pub enum Release {
    /// Compiled into the library.
    Embedded(&'static EmbeddedDataset),
    /// Fetched into the cache.
    Cached(CachedRelease),
}

/// The release `name` `version` (`None`: the default embedded release): embedded first, then
/// the cache. An unknown version names the embedded releases and how to fetch it.
pub fn resolve(name: &str, version: Option<&str>) -> Result<Release> {
    resolve_as(name, name, version)
}

/// As [`resolve`], for a dataset whose embedded releases and fetched releases have different
/// names (the GED: the embedded `ucdp-ged-sample`, the fetched `ucdp-ged`).
pub fn resolve_as(registry_name: &str, cache_name: &str, version: Option<&str>) -> Result<Release> {
    let name = cache_name;
    let err = match registry::find(registry_name, version) {
        Ok(entry) => return Ok(Release::Embedded(entry)),
        Err(err) => err,
    };
    let (Some(v), Error::UnknownDataset { available, .. }) = (version, &err) else {
        return Err(err);
    };
    // A missing or unreadable cache directory is not an error here: the release is then
    // simply not cached.
    let Ok(dir) = cache::cache_dir() else {
        return Err(err);
    };
    match cache::find_in(&dir, name, v)? {
        Some(release) => Ok(Release::Cached(release)),
        None => Err(Error::UnknownDataset {
            name: name.to_string(),
            version: version.map(str::to_string),
            available: format!(
                "{available}; not in the cache {} either (fetch it: {})",
                dir.display(),
                crate::hint::fetch_command(name, v)
            ),
        }),
    }
}
