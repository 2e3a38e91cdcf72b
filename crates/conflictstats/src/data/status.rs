//! What a dataset's release status means for its user: the warning a modified copy, an
//! unregistered version or an unverified download calls for, and the short label a frame's
//! `source` column carries. One rule, used by the CLI (printed on stderr) and the Python
//! bindings (issued as a `ConflictStatsWarning` of kind `provenance`).
//!
//! ```
//! use conflictstats::data::{Acd, WarningKind};
//!
//! // The release, one value changed: its figures are no longer the release's.
//! let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv");
//! let text = std::fs::read_to_string(path).unwrap().replacen(",2024,1,", ",2024,2,", 1);
//! let acd = Acd::from_bytes("edited.csv", text.as_bytes())?;
//! let w = acd.provenance.status_warning().expect("a modified copy is reported");
//! assert_eq!(w.kind, WarningKind::Provenance);
//! assert!(w.message.contains("status modified"), "{}", w.message);
//! assert_eq!(acd.provenance.source_label(), "ucdp-acd 25.1 (modified)");
//!
//! // The release itself says nothing.
//! let release = Acd::embedded(Some("25.1"))?;
//! assert!(release.provenance.status_warning().is_none());
//! assert_eq!(release.provenance.source_label(), "ucdp-acd 25.1");
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::{LoadWarning, Provenance, ReleaseStatus, UNKNOWN_VERSION, WarningKind, registry};

impl Provenance {
    /// The warning these data call for, or `None` for a verified release (embedded, or
    /// byte-identical to a registered one). A modified copy, an unregistered version and an
    /// unverified download each get one warning (kind [`WarningKind::Provenance`], `file`: the
    /// source, `line` 0: the file as a whole) naming the dataset, its version, its status and
    /// its checksum.
    #[must_use]
    pub fn status_warning(&self) -> Option<LoadWarning> {
        let what = if self.version == UNKNOWN_VERSION {
            format!("{} ({}, version unknown)", self.title, self.name)
        } else {
            format!("{} ({} {})", self.title, self.name, self.version)
        };
        let status = self.status.key();
        let message = match self.status {
            ReleaseStatus::Embedded | ReleaseStatus::Official => return None,
            // In-memory rows (a DataFrame: `<DataFrame>`) have no file's bytes to compare.
            ReleaseStatus::Modified if self.source.starts_with('<') => format!(
                "the rows claim {what}, but they are not the release's rows (a subset or an edit): status {status}, results are for these rows"
            ),
            ReleaseStatus::Modified => {
                let release = registry::find(&self.name, Some(&self.version))
                    .map(|e| format!(" (the release's is {})", e.sha256))
                    .unwrap_or_default();
                format!(
                    "the rows claim {what}, but the file's SHA-256 {} differs from the official release{release}: status {status}, results are for this modified copy",
                    self.sha256
                )
            }
            ReleaseStatus::Unregistered => format!(
                "{what} is not a registered release (SHA-256 {}): status {status}, its figures are not verified against any release",
                self.sha256
            ),
            ReleaseStatus::Unverified => format!(
                "{what} is an UNVERIFIED download (no published checksum; SHA-256 {}): status {status}, its figures are not verified against any release",
                self.sha256
            ),
        };
        Some(LoadWarning {
            kind: WarningKind::Provenance,
            file: self.source.clone(),
            line: 0,
            column: None,
            count: 0,
            message,
        })
    }

    /// The data as a frame's `source` column names them: `name version`, followed by the
    /// status when the bytes are not a verified release (`ucdp-acd 25.1 (modified)`,
    /// `ucdp-acd 26.1 (unverified)`).
    #[must_use]
    pub fn source_label(&self) -> String {
        if self.status.is_official() {
            format!("{} {}", self.name, self.version)
        } else {
            format!("{} {} ({})", self.name, self.version, self.status.key())
        }
    }
}
