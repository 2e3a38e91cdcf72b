//! A fetched release set beside the embedded copy of the same release: the check that settles
//! whether an embedded copy is UCDP's file byte for byte (ACD v26.1 was rebuilt from a
//! third-party copy; `conflictstats fetch ucdp-acd 26.1` compares it with UCDP's own CSV).
//!
//! Which one a command reads is fixed, whatever the cache holds: `--version V` reads the
//! embedded copy when one is embedded (embedded first, then the cache, as everywhere —
//! [`resolve`](super::resolve())), so the same command gives the same figures on every machine;
//! the fetched file is read by naming it (`--acd-file <cached CSV>`, `sources={…}` in Python).
//!
//! ```
//! use conflictstats::data::cache::{CacheRecord, CachedRelease, FetchedFrom};
//! use conflictstats::data::{registry, EmbeddedCopy};
//!
//! let v26 = registry::find("ucdp-acd", Some("26.1"))?;
//! let fetched = |sha256: &str, bytes: u64| CachedRelease {
//!     record: CacheRecord {
//!         name: "ucdp-acd".into(), version: "26.1".into(),
//!         file_name: "ucdp-acd-26.1.csv".into(), sha256: sha256.into(), bytes,
//!         member: Some("UcdpPrioConflict_v26_1.csv".into()),
//!         url: "https://ucdp.uu.se/downloads/ucdpprio/ucdp-prio-acd-261-csv.zip".into(),
//!         final_url: "https://ucdp.uu.se/downloads/ucdpprio/ucdp-prio-acd-261-csv.zip".into(),
//!         redirects: Vec::new(),
//!         fetched_from: FetchedFrom::Download, verified: true, verified_by: None,
//!     },
//!     path: "/cache/ucdp-acd/26.1/ucdp-acd-26.1.csv".into(),
//! };
//! let same = EmbeddedCopy::of(&fetched(v26.sha256, 519_114)).unwrap();
//! assert!(matches!(same, EmbeddedCopy::Identical { .. }));
//! assert!(same.message().contains("UCDP's file byte for byte"));
//! let other = EmbeddedCopy::of(&fetched(&"0".repeat(64), 519_000)).unwrap();
//! assert!(other.message().contains("--acd-file /cache/ucdp-acd/26.1/ucdp-acd-26.1.csv"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::cache::CachedRelease;
use super::{DatasetId, registry};
use serde::Serialize;

/// How a fetched release compares with the embedded copy of the same release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum EmbeddedCopy {
    /// Same bytes: the embedded copy is the fetched file byte for byte.
    Identical {
        /// Dataset name.
        name: String,
        /// Release.
        version: String,
        /// The common SHA-256.
        sha256: String,
        /// Whether the fetched file was verified against recorded checksums (then the
        /// embedded copy is UCDP's file byte for byte).
        verified: bool,
    },
    /// Other bytes: the two copies differ.
    Differs {
        /// Dataset name.
        name: String,
        /// Release.
        version: String,
        /// SHA-256 and size of the embedded copy.
        embedded_sha256: String,
        /// Its size in bytes.
        embedded_bytes: u64,
        /// SHA-256 of the fetched file.
        fetched_sha256: String,
        /// Its size in bytes.
        fetched_bytes: u64,
        /// The command-line option that reads the fetched file, and its path.
        read_with: String,
    },
}

impl EmbeddedCopy {
    /// The comparison, when a copy of the same release is embedded.
    #[must_use]
    pub fn of(fetched: &CachedRelease) -> Option<EmbeddedCopy> {
        let r = &fetched.record;
        let e = registry::find(&r.name, Some(&r.version)).ok()?;
        if e.sha256 == r.sha256 {
            return Some(EmbeddedCopy::Identical {
                name: r.name.clone(),
                version: r.version.clone(),
                sha256: r.sha256.clone(),
                verified: r.verified,
            });
        }
        let option = r
            .name
            .parse::<DatasetId>()
            .map_or("--file", DatasetId::file_option);
        Some(EmbeddedCopy::Differs {
            name: r.name.clone(),
            version: r.version.clone(),
            embedded_sha256: e.sha256.to_string(),
            embedded_bytes: e.bytes().map_or(0, |b| b.len() as u64),
            fetched_sha256: r.sha256.clone(),
            fetched_bytes: r.bytes,
            read_with: format!("{option} {}", fetched.path.display()),
        })
    }

    /// One paragraph for people: what the comparison shows and which copy commands read.
    #[must_use]
    pub fn message(&self) -> String {
        match self {
            EmbeddedCopy::Identical {
                name,
                version,
                verified: true,
                ..
            } => format!(
                "the embedded copy of {name} v{version} is UCDP's file byte for byte (same SHA-256 as the verified download)"
            ),
            EmbeddedCopy::Identical {
                name,
                version,
                verified: false,
                ..
            } => format!(
                "the embedded copy of {name} v{version} has the same bytes as this download, which was not verified against a recorded checksum: byte-identity with UCDP's file stays unverified"
            ),
            EmbeddedCopy::Differs {
                name,
                version,
                embedded_sha256,
                embedded_bytes,
                fetched_sha256,
                fetched_bytes,
                read_with,
            } => format!(
                "the embedded copy of {name} v{version} DIFFERS from this download (embedded SHA-256 {} … {embedded_bytes} bytes; downloaded {} … {fetched_bytes} bytes). `--version {version}` keeps reading the embedded copy (embedded first, the same on every machine); read the download with `{read_with}`",
                &embedded_sha256[..12],
                &fetched_sha256[..12.min(fetched_sha256.len())],
            ),
        }
    }
}
