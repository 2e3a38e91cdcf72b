//! The registry of datasets compiled into the library.
//!
//! Each entry carries the official name and version, the SHA-256 of the shipped bytes, the
//! licence and the citation its authors ask for. The checksum is verified the first time an
//! entry's bytes are used (once per process), so a corrupted build can never silently produce
//! numbers.
//!
//! ```
//! use conflictstats::data::registry;
//!
//! let acd = registry::find("ucdp-acd", None)?; // the default version
//! assert_eq!(acd.version, "25.1");
//! assert_eq!(acd.licence, "CC BY 4.0");
//! assert!(acd.bytes()?.starts_with(b"conflict_id,location"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::error::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::Mutex;

/// Which loader reads a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DatasetKind {
    /// UCDP/PRIO Armed Conflict Dataset (conflict-year).
    Acd,
}

/// A dataset compiled into the binary.
#[derive(Debug, Serialize)]
pub struct EmbeddedDataset {
    /// Short name used on the command line and in Python, e.g. `ucdp-acd`.
    pub name: &'static str,
    /// The release, e.g. `25.1`.
    pub version: &'static str,
    /// The official title.
    pub title: &'static str,
    /// Which loader reads it.
    pub kind: DatasetKind,
    /// The shipped file's name under `data/`.
    pub file_name: &'static str,
    /// Number of records (not physical lines).
    pub rows: usize,
    /// First and last year covered.
    pub years: (i32, i32),
    /// SHA-256 of the shipped bytes, lower-case hex.
    pub sha256: &'static str,
    /// Licence of the data.
    pub licence: &'static str,
    /// The citation the data's authors ask for, plain text.
    pub citation: &'static str,
    /// The same citation as BibTeX.
    pub bibtex: &'static str,
    /// Whether this is the version used when none is given.
    pub default: bool,
    #[serde(skip)]
    bytes: &'static [u8],
}

/// SHA-256 values of the entries already verified in this process.
static VERIFIED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());

impl EmbeddedDataset {
    /// The embedded bytes, after verifying their SHA-256 against the registry (once per
    /// process).
    pub fn bytes(&self) -> Result<&'static [u8]> {
        let mut verified = VERIFIED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if !verified.contains(&self.sha256) {
            let actual = sha256_hex(self.bytes);
            if actual != self.sha256 {
                return Err(Error::ChecksumMismatch {
                    name: self.name.to_string(),
                    version: self.version.to_string(),
                    expected: self.sha256.to_string(),
                    actual,
                });
            }
            verified.push(self.sha256);
        }
        Ok(self.bytes)
    }

    /// A label for messages: `ucdp-acd v25.1 (embedded)`.
    #[must_use]
    pub fn label(&self) -> String {
        format!("{} v{} (embedded)", self.name, self.version)
    }
}

/// SHA-256 of `bytes` as lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

const ACD_CITATION_25_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
Davies, Shawn; Therese Pettersson, Margareta Sollenberg & Magnus Öberg (2025) Organized violence 1989–2024, and the challenges of identifying civilian victims. Journal of Peace Research 62(4).\n\
Pettersson, Therese (2025) UCDP/PRIO Armed Conflict Dataset Codebook v 25.1. Uppsala Conflict Data Program. https://ucdp.uu.se/downloads/\n\
Data: the UCDP/PRIO Armed Conflict Dataset, version 25.1, CC BY 4.0.";

const ACD_BIBTEX_25_1: &str = r#"@article{gleditsch2002armed,
  author  = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta and Strand, H{\aa}vard},
  title   = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research},
  year    = {2002},
  volume  = {39},
  number  = {5},
  pages   = {615--637}
}
@article{davies2025organized,
  author  = {Davies, Shawn and Pettersson, Therese and Sollenberg, Margareta and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2024, and the challenges of identifying civilian victims},
  journal = {Journal of Peace Research},
  year    = {2025},
  volume  = {62},
  number  = {4}
}
@manual{ucdp_acd_codebook_25_1,
  author       = {Pettersson, Therese},
  title        = {{UCDP/PRIO} Armed Conflict Dataset Codebook v 25.1},
  organization = {Uppsala Conflict Data Program},
  year         = {2025},
  url          = {https://ucdp.uu.se/downloads/}
}"#;

const ACD_CITATION_24_1: &str = "Gleditsch, Nils Petter; Peter Wallensteen, Mikael Eriksson, Margareta Sollenberg & Håvard Strand (2002) Armed Conflict 1946–2001: A New Dataset. Journal of Peace Research 39(5): 615–637.\n\
Davies, Shawn; Garoun Engström, Therese Pettersson & Magnus Öberg (2024) Organized violence 1989–2023, and the prevalence of organized crime groups. Journal of Peace Research 61(4).\n\
Data: the UCDP/PRIO Armed Conflict Dataset, version 24.1 (as served by the UCDP API), CC BY 4.0.";

const ACD_BIBTEX_24_1: &str = r#"@article{gleditsch2002armed,
  author  = {Gleditsch, Nils Petter and Wallensteen, Peter and Eriksson, Mikael and Sollenberg, Margareta and Strand, H{\aa}vard},
  title   = {Armed Conflict 1946--2001: A New Dataset},
  journal = {Journal of Peace Research},
  year    = {2002},
  volume  = {39},
  number  = {5},
  pages   = {615--637}
}
@article{davies2024organized,
  author  = {Davies, Shawn and Engstr{\"o}m, Garoun and Pettersson, Therese and {\"O}berg, Magnus},
  title   = {Organized violence 1989--2023, and the prevalence of organized crime groups},
  journal = {Journal of Peace Research},
  year    = {2024},
  volume  = {61},
  number  = {4}
}"#;

/// Every embedded dataset.
pub static REGISTRY: &[EmbeddedDataset] = &[
    EmbeddedDataset {
        name: "ucdp-acd",
        version: "25.1",
        title: "UCDP/PRIO Armed Conflict Dataset",
        kind: DatasetKind::Acd,
        file_name: "ucdp-acd/UcdpPrioConflict_v25_1.csv",
        rows: 2752,
        years: (1946, 2024),
        sha256: "a7a2ff6caf6c854f4fafb1b17f616da1ed6bbc00612943ec6e071511ebea7a81",
        licence: "CC BY 4.0",
        citation: ACD_CITATION_25_1,
        bibtex: ACD_BIBTEX_25_1,
        default: true,
        bytes: include_bytes!("../../../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-acd",
        version: "24.1",
        title: "UCDP/PRIO Armed Conflict Dataset",
        kind: DatasetKind::Acd,
        file_name: "ucdp-acd/UcdpPrioConflict_v24_1.api.csv",
        rows: 2686,
        years: (1946, 2023),
        sha256: "d5db6f8f5f3c2358216c81815f90ab481fe83c8491eedcb63155100c03602c7b",
        licence: "CC BY 4.0",
        citation: ACD_CITATION_24_1,
        bibtex: ACD_BIBTEX_24_1,
        default: false,
        bytes: include_bytes!("../../../../data/ucdp-acd/UcdpPrioConflict_v24_1.api.csv"),
    },
];

/// Finds an embedded dataset by name and version (`None`: the default version).
pub fn find(name: &str, version: Option<&str>) -> Result<&'static EmbeddedDataset> {
    let version = version.map(|v| v.trim().trim_start_matches('v'));
    REGISTRY
        .iter()
        .find(|d| d.name == name && version.map_or(d.default, |v| d.version == v))
        .ok_or_else(|| Error::UnknownDataset {
            name: name.to_string(),
            version: version.map(str::to_string),
            available: REGISTRY
                .iter()
                .map(|d| format!("{} {}", d.name, d.version))
                .collect::<Vec<_>>()
                .join(", "),
        })
}

/// The registry entry whose bytes have this SHA-256, if any (used to recognise an official
/// release loaded from a file).
#[must_use]
pub fn by_sha256(sha256: &str) -> Option<&'static EmbeddedDataset> {
    REGISTRY.iter().find(|d| d.sha256 == sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_verifies_and_one_default_per_name() {
        for d in REGISTRY {
            assert!(d.bytes().is_ok(), "{}", d.label());
            let defaults = REGISTRY
                .iter()
                .filter(|e| e.name == d.name && e.default)
                .count();
            assert_eq!(defaults, 1, "{} must have exactly one default", d.name);
        }
    }

    #[test]
    fn unknown_version_lists_what_exists() {
        let err = find("ucdp-acd", Some("26.1")).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("ucdp-acd 25.1") && msg.contains("`26.1`"),
            "{msg}"
        );
        assert!(find("ucdp-acd", Some("v24.1")).is_ok());
    }

    #[test]
    fn sha256_of_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
