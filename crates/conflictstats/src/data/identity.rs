//! Whether a copy's bytes are known to be the publisher's own file.
//!
//! A release's *figures* can be checked against what UCDP published (counts per year, the
//! number of records) while its *bytes* are still a copy of a copy. The registry says which,
//! for every embedded file, and every output's provenance carries it (`byte_identity` in JSON,
//! in `--provenance-comment` and in Python), so that a script can tell a copy matched against
//! UCDP's download from one that is not.
//!
//! ```
//! use conflictstats::data::{registry, ByteIdentity};
//!
//! // ACD v26.1 was rebuilt from a third-party copy: its bytes have not been matched
//! // against UCDP's zip (its figures were checked against UCDP's published ones).
//! let v26 = registry::find("ucdp-acd", Some("26.1"))?;
//! assert_eq!(v26.byte_identity, ByteIdentity::Unverified);
//! assert_eq!(v26.byte_identity.key(), "unverified");
//! // v25.1 was repaired from a spreadsheet re-save: UCDP's values, not UCDP's bytes.
//! assert_eq!(registry::find("ucdp-acd", Some("25.1"))?.byte_identity, ByteIdentity::Derived);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use serde::{Deserialize, Serialize};

/// How a copy's bytes relate to the file its publisher distributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ByteIdentity {
    /// UCDP's file byte for byte: its SHA-256 is recorded in the known-release table
    /// ([`upstream::KNOWN`](super::upstream::KNOWN)), or a download was verified against a
    /// published checksum.
    Verified,
    /// Meant to be UCDP's file byte for byte, but not matched against UCDP's download (a
    /// third-party copy; a download with no published checksum).
    Unverified,
    /// Not the publisher's bytes: converted from another layout (xlsx, API, R data), repaired,
    /// sampled or curated — the values are the release's, the bytes are not its file (see the
    /// folder's `SOURCE.md`).
    Derived,
    /// Not known: a file of the user's that matches no registered copy.
    #[default]
    Unknown,
}

impl ByteIdentity {
    /// Every value, in a fixed order.
    pub const ALL: [ByteIdentity; 4] = [
        ByteIdentity::Verified,
        ByteIdentity::Unverified,
        ByteIdentity::Derived,
        ByteIdentity::Unknown,
    ];

    /// The key written in JSON, CSV and Python (`unverified`, …).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            ByteIdentity::Verified => "verified",
            ByteIdentity::Unverified => "unverified",
            ByteIdentity::Derived => "derived",
            ByteIdentity::Unknown => "unknown",
        }
    }

    /// One sentence for people: what the key means for this copy.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            ByteIdentity::Verified => "UCDP's file byte for byte (checksum recorded)",
            ByteIdentity::Unverified => {
                "byte-identity with UCDP's download UNVERIFIED (a copy of a copy; its figures were checked, its bytes were not)"
            }
            ByteIdentity::Derived => {
                "converted or repaired from UCDP's data: the release's values, not its file's bytes"
            }
            ByteIdentity::Unknown => "not a registered copy",
        }
    }
}
