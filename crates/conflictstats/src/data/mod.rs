//! Datasets: the registry of embedded releases and one loader per UCDP dataset and layout.
//!
//! Every loaded dataset carries its [`Provenance`]: name, version, SHA-256 of the bytes read,
//! and whether those bytes are an embedded official release, a byte-identical copy of one, or
//! something else (a modified or unknown file). Loaders are strict: a row that cannot be read is
//! an [`Error`](crate::Error) naming file, line, column and value — never a panic, never a
//! silently dropped row.
//!
//! ```
//! use conflictstats::data::Acd;
//!
//! let acd = Acd::embedded(Some("25.1"))?; // UCDP/PRIO ACD v25.1, compiled in
//! assert_eq!(acd.records.len(), 2752);
//! assert_eq!(acd.provenance.version, "25.1");
//! let latest = Acd::embedded(None)?; // the default: v26.1 (1946–2025)
//! assert_eq!((latest.provenance.version.as_str(), latest.records.len()), ("26.1", 2816));
//! // The real quirk is kept: an embedded newline in a territory name.
//! assert!(acd.records.iter().any(|r| r.territory_name == "East Turkestan\n"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod acd;
mod acled;
mod brd;
pub mod cache;
mod citations;
pub mod columnar;
mod crosswalk;
mod dataset;
mod dyadic;
mod embedded_copy;
#[cfg(feature = "fetch")]
pub mod fetch;
mod fields;
mod ged;
mod gwstates;
mod identity;
pub mod ingest;
mod iso_numeric;
pub mod kind;
pub mod lock;
mod nonstate;
mod onesided;
pub mod registry;
mod resolve;
mod scan;
mod sources;
mod status;
pub(crate) mod table;
pub mod upstream;

pub use acd::{Acd, AcdLayout};
pub use acled::{
    ACLED_NAME, Acled, AcledEvents, AcledLayout, DisorderType, EventType, SubEventType,
};
pub use brd::{
    BattleDeaths, BattleDeathsConflict, BattleDeathsConflictYear, BattleDeathsDyadYear, Brd,
    BrdLevel, BrdRow,
};
pub use crosswalk::{CodeRule, Crosswalk, CrosswalkRow, IsoStatus, Relation, UcdpGw};
pub use dataset::{Dataset, UcdpRecord};
pub use dyadic::{DyadYear, Dyadic};
pub use embedded_copy::EmbeddedCopy;
pub use ged::{Events, Ged, TypeOfViolence};
pub use gwstates::{GwStates, StatePeriod};
pub use identity::ByteIdentity;
pub use iso_numeric::{IsoNumeric, IsoNumericRow, IsoNumericStatus};
pub use nonstate::{NonState, NonStateConflictYear, Organization};
pub use onesided::{OneSided, OneSidedActorYear};
pub use resolve::{Release, resolve};
pub use sources::{DatasetId, Located, Source, Sources};
pub use table::{LoadWarning, MAX_RECORD_BYTES, WarningKind};

use registry::EmbeddedDataset;
use serde::{Deserialize, Serialize};

/// Where a dataset's bytes came from and how they relate to the official release (serialised
/// and read back as JSON, e.g. where a partial table crosses between processes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Dataset name, e.g. `ucdp-acd`.
    pub name: String,
    /// Official title.
    pub title: String,
    /// Release version, e.g. `25.1` (from the registry, or from the file's `version` column).
    pub version: String,
    /// SHA-256 of the bytes read, lower-case hex.
    pub sha256: String,
    /// The file's absolute, canonical path (the same whatever the working directory the file
    /// was named from), `embedded:<file name>`, or the label of in-memory bytes.
    pub source: String,
    /// How these bytes relate to a registered release.
    pub status: ReleaseStatus,
    /// Licence (`CC BY 4.0` for UCDP data), when known.
    pub licence: Option<String>,
    /// The citation the authors ask for, when known.
    pub citation: Option<String>,
    /// Whether the bytes are known to be UCDP's own file (`unverified` for ACD v26.1, a copy
    /// not matched against UCDP's zip); `unknown` when read from JSON that predates it.
    #[serde(default)]
    pub byte_identity: ByteIdentity,
}

/// The canonical absolute path of `file` if it names an existing file, else `file` unchanged
/// (in-memory bytes carry a label such as `<bytes>`): output independent of the working
/// directory.
fn canonical_source(file: &str) -> String {
    let path = std::path::Path::new(file);
    match std::fs::canonicalize(path) {
        Ok(p) if p.is_file() => p.to_string_lossy().into_owned(),
        _ => file.to_string(),
    }
}

/// The `version` of a file whose rows name none (a header-only file): labelled "version
/// unknown", never "vunknown".
pub const UNKNOWN_VERSION: &str = "unknown";

/// How loaded bytes relate to the registered official releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseStatus {
    /// The copy compiled into the library (checksum verified).
    Embedded,
    /// A file byte-identical to a registered release.
    Official,
    /// A file whose rows claim a registered version but whose bytes differ from that release
    /// (edited, re-saved, truncated, …): its figures are not the release's figures.
    Modified,
    /// A file claiming a version the registry does not know.
    Unregistered,
    /// A fetched release with no published checksum to verify it against: the bytes are what
    /// the server sent, not checked against anything.
    Unverified,
}

impl ReleaseStatus {
    /// Whether the bytes are a verified release (embedded, or identical to a registered one).
    #[must_use]
    pub fn is_official(self) -> bool {
        matches!(self, ReleaseStatus::Embedded | ReleaseStatus::Official)
    }

    /// The status as written in JSON and CSV comments (`official`, `unverified`, …).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            ReleaseStatus::Embedded => "embedded",
            ReleaseStatus::Official => "official",
            ReleaseStatus::Modified => "modified",
            ReleaseStatus::Unregistered => "unregistered",
            ReleaseStatus::Unverified => "unverified",
        }
    }
}

impl Provenance {
    /// Provenance of an embedded registry entry.
    #[must_use]
    pub fn embedded(entry: &EmbeddedDataset) -> Provenance {
        lock::record(Provenance {
            name: entry.name.to_string(),
            title: entry.title.to_string(),
            version: entry.version.to_string(),
            sha256: entry.sha256.to_string(),
            source: format!("embedded:{}", entry.file_name),
            status: ReleaseStatus::Embedded,
            licence: Some(entry.licence.to_string()),
            citation: Some(entry.citation.to_string()),
            byte_identity: entry.byte_identity,
        })
    }

    /// Provenance of bytes read from `file` that claim to be `name` version `version` (from
    /// the rows' `version` column): official if byte-identical to a registered release,
    /// modified if the version is registered but the bytes differ, unregistered otherwise.
    #[must_use]
    pub fn from_file(
        name: &str,
        title: &str,
        file: &str,
        bytes: &[u8],
        version: &str,
    ) -> Provenance {
        Provenance::from_sha256(name, title, file, registry::sha256_hex(bytes), version)
    }

    /// As [`Provenance::from_file`], for bytes already hashed while they were read (a streamed
    /// file): `sha256` is their SHA-256, lower-case hex.
    #[must_use]
    pub fn from_sha256(
        name: &str,
        title: &str,
        file: &str,
        sha256: String,
        version: &str,
    ) -> Provenance {
        let official = registry::by_sha256(&sha256).filter(|e| e.name == name);
        let claimed = registry::find(name, Some(version)).ok();
        let known = upstream::known_by_sha256(&sha256).filter(|k| k.name == name);
        let known_claim = upstream::known(name, version);
        let byte_identity = match (official, known) {
            (Some(e), _) => e.byte_identity,
            (None, Some(_)) => ByteIdentity::Verified,
            (None, None) => ByteIdentity::Unknown,
        };
        let (status, entry) = match (official, claimed) {
            (Some(k), _) => (ReleaseStatus::Official, Some(k)),
            (None, c) if known.is_some() => (ReleaseStatus::Official, c),
            (None, Some(c)) => (ReleaseStatus::Modified, Some(c)),
            (None, None) if known_claim.is_some() => (ReleaseStatus::Modified, None),
            (None, None) => (ReleaseStatus::Unregistered, None),
        };
        lock::record(Provenance {
            name: name.to_string(),
            title: title.to_string(),
            version: version.to_string(),
            sha256,
            source: canonical_source(file),
            status,
            licence: entry.map(|e| e.licence.to_string()),
            citation: entry.map(|e| e.citation.to_string()),
            byte_identity,
        })
    }

    /// `UCDP/PRIO Armed Conflict Dataset v25.1`, plus ` (modified copy)` etc. when relevant;
    /// `… (version unknown)` for a file whose rows name no version.
    ///
    /// ```
    /// use conflictstats::data::Acd;
    ///
    /// let header = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"),
    ///     "/../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv")).unwrap();
    /// let header = header.lines().next().unwrap().to_string() + "\n";
    /// let acd = Acd::from_bytes("header-only.csv", header.as_bytes())?;
    /// let label = acd.provenance.label();
    /// assert!(label.contains("(version unknown)") && !label.contains("vunknown"), "{label}");
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    #[must_use]
    pub fn label(&self) -> String {
        let suffix = match self.status {
            ReleaseStatus::Embedded | ReleaseStatus::Official => "",
            ReleaseStatus::Modified => " (modified copy: checksum differs from the release)",
            ReleaseStatus::Unregistered => {
                " (UNREGISTERED version: no registered checksum, figures not verified against a release)"
            }
            ReleaseStatus::Unverified => {
                " (UNVERIFIED download: no published checksum, figures not verified against a release)"
            }
        };
        let unchecked = match (self.status, self.byte_identity) {
            (ReleaseStatus::Embedded | ReleaseStatus::Official, ByteIdentity::Unverified) => {
                " (byte-identity with UCDP's file unverified)"
            }
            _ => "",
        };
        if self.version == UNKNOWN_VERSION {
            return format!("{} (version unknown){suffix}", self.title);
        }
        format!("{} v{}{}{unchecked}", self.title, self.version, suffix)
    }
}
