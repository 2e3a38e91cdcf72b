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
//! assert_eq!(acd.version, "26.1");
//! assert_eq!(registry::find("ucdp-dyadic", None)?.version, "25.1"); // no Dyadic 26.1 here
//! assert_eq!(acd.licence, "CC BY 4.0");
//! assert!(acd.bytes()?.starts_with(b"conflict_id,location"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::error::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::sync::Mutex;

use super::citations::*;
use super::identity::ByteIdentity;

/// Which loader reads a dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DatasetKind {
    /// UCDP/PRIO Armed Conflict Dataset (conflict-year).
    Acd,
    /// UCDP Georeferenced Event Dataset (event), read by [`Ged`](super::Ged).
    Ged,
    /// Gleditsch & Ward list of independent states, read by [`GwStates`](super::GwStates).
    GwStates,
    /// The project's G&W ↔ ISO 3166 crosswalk, read by [`Crosswalk`](super::Crosswalk).
    Crosswalk,
    /// ISO 3166-1 numeric → alpha-3 codes (current and withdrawn), read by
    /// [`IsoNumeric`](super::IsoNumeric).
    IsoNumeric,
    /// UCDP Dyadic Dataset (dyad-year), read by [`Dyadic`](super::Dyadic).
    Dyadic,
    /// UCDP Battle-Related Deaths Dataset, dyadic version (dyad-year), read by
    /// [`BattleDeaths`](super::BattleDeaths).
    BattleDeaths,
    /// UCDP Battle-Related Deaths Dataset, conflict-level version (conflict-year), read by
    /// [`BattleDeathsConflict`](super::BattleDeathsConflict).
    BattleDeathsConflict,
    /// UCDP Non-State Conflict Dataset (conflict-year), read by [`NonState`](super::NonState).
    NonState,
    /// UCDP One-sided Violence Dataset (actor-year), read by [`OneSided`](super::OneSided).
    OneSided,
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
    /// Whether these bytes are known to be UCDP's (the publisher's) own file.
    pub byte_identity: ByteIdentity,
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
    hex(&Sha256::digest(bytes))
}

/// A digest as lower-case hex.
pub(crate) fn hex(digest: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        use std::fmt::Write;
        let _ = write!(hex, "{b:02x}");
    }
    hex
}

/// Every embedded dataset.
pub static REGISTRY: &[EmbeddedDataset] = &[
    // Rebuilt from a third-party copy (data/ucdp-acd/SOURCE.md): its figures match UCDP's
    // published 2025 figures; its bytes have not been matched against UCDP's zip.
    EmbeddedDataset {
        name: "ucdp-acd",
        version: "26.1",
        title: "UCDP/PRIO Armed Conflict Dataset",
        kind: DatasetKind::Acd,
        file_name: "ucdp-acd/UcdpPrioConflict_v26_1.csv",
        rows: 2816,
        years: (1946, 2025),
        sha256: "2aea044f1bcae7b050bb6c79fb796743e787edeed3b90e74e146cfc4e5b05447",
        licence: "CC BY 4.0",
        citation: ACD_CITATION_26_1,
        bibtex: ACD_BIBTEX_26_1,
        default: true,
        byte_identity: ByteIdentity::Unverified,
        bytes: include_bytes!("../../../../data/ucdp-acd/UcdpPrioConflict_v26_1.csv"),
    },
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
        default: false,
        byte_identity: ByteIdentity::Derived,
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
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-acd/UcdpPrioConflict_v24_1.api.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-ged-sample",
        version: "23.1",
        title: "UCDP Georeferenced Event Dataset (1,000-event sample)",
        kind: DatasetKind::Ged,
        file_name: "ucdp-ged-sample/ged231_sample_1000.csv",
        rows: 1000,
        years: (1989, 2022),
        sha256: "01f798b83c942677adcd1708c2ef04d642f147b3527679ec918b90b23cdccaf1",
        licence: "CC BY 4.0",
        citation: GED_CITATION_23_1,
        bibtex: GED_BIBTEX_23_1,
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-ged-sample/ged231_sample_1000.csv"),
    },
    // The G&W list has no release numbers: the version is the date of the snapshot used (the
    // last change to `gwstates.rda` in the R package *states*, commit 7c24deb, 2021-04-14).
    // `years` ends in 2021 because membership is known up to that snapshot; periods still open
    // then (`9999-12-31`) are read as ongoing.
    EmbeddedDataset {
        name: "gw-states",
        version: "2021-04-14",
        title: "Gleditsch & Ward list of independent states",
        kind: DatasetKind::GwStates,
        file_name: "gwstates/gwstates.csv",
        rows: 239,
        years: (1816, 2021),
        sha256: "496297913fd20c2fb438922270334df80427b4ec95092d06f93c2575ba33db43",
        licence: "free for research use with citation (no explicit licence)",
        citation: GW_CITATION,
        bibtex: GW_BIBTEX,
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/gwstates/gwstates.csv"),
    },
    // Curated by this project from the G&W list and ISO 3166-1 (see data/crosswalk/SOURCE.md);
    // the version is the curation's, bumped on every change of the file.
    EmbeddedDataset {
        name: "gw-iso3-crosswalk",
        version: "1.0",
        title: "conflictstats G&W–ISO 3166 alpha-3 crosswalk",
        kind: DatasetKind::Crosswalk,
        file_name: "crosswalk/gw_iso3.csv",
        rows: 257,
        years: (1816, 2024),
        sha256: "32c7c2560548deaffaa18610dae4f7ba432c87fa0ebed527ead2f0dfbdd1c91b",
        licence: "CC0 1.0 (curated by the conflictstats project)",
        citation: "conflictstats G&W–ISO 3166 alpha-3 crosswalk v1.0 (data/crosswalk/gw_iso3.csv), curated from Gleditsch & Ward (1999) and ISO 3166-1 including its formerly used codes.",
        bibtex: "@misc{conflictstats_gw_iso3,\n  title = {{G\\&W}--{ISO} 3166 alpha-3 crosswalk, version 1.0},\n  note  = {conflictstats, data/crosswalk/gw\\_iso3.csv}\n}",
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/crosswalk/gw_iso3.csv"),
    },
    // ISO 3166-1 numeric codes, current and withdrawn (see data/crosswalk/SOURCE.md);
    // the version is the curation's, bumped on every change of the file.
    EmbeddedDataset {
        name: "iso-numeric",
        version: "1.0",
        title: "conflictstats ISO 3166-1 numeric → alpha-3 table",
        kind: DatasetKind::IsoNumeric,
        file_name: "crosswalk/iso_numeric.csv",
        rows: 262,
        years: (1974, 2023),
        sha256: "469de1a70673edd45ad385688f44e277ff1f4101fcd9f0eddffdf802a320813e",
        licence: "CC0 1.0 (curated by the conflictstats project; the codes are ISO 3166-1's)",
        citation: "conflictstats ISO 3166-1 numeric → alpha-3 table v1.0 (data/crosswalk/iso_numeric.csv), from ISO 3166-1 and its formerly used codes (ISO 3166-3).",
        bibtex: "@misc{conflictstats_iso_numeric,\n  title = {{ISO} 3166-1 numeric to alpha-3 table, version 1.0},\n  note  = {conflictstats, data/crosswalk/iso\\_numeric.csv}\n}",
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/crosswalk/iso_numeric.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-dyadic",
        version: "25.1",
        title: "UCDP Dyadic Dataset",
        kind: DatasetKind::Dyadic,
        file_name: "ucdp-dyadic/ucdp-dyadic-251.csv",
        rows: 3432,
        years: (1946, 2024),
        sha256: "e5bf6e3779a903f3df3ec476592332ce51ccf3798174b3db4c1b06dd1dd5a7ba",
        licence: "CC BY 4.0",
        citation: DYADIC_CITATION_25_1,
        bibtex: DYADIC_BIBTEX_25_1,
        default: true,
        byte_identity: ByteIdentity::Verified,
        bytes: include_bytes!("../../../../data/ucdp-dyadic/ucdp-dyadic-251.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-dyadic",
        version: "24.1",
        title: "UCDP Dyadic Dataset",
        kind: DatasetKind::Dyadic,
        file_name: "ucdp-dyadic/Dyadic_v24_1.csv",
        rows: 3357,
        years: (1946, 2023),
        sha256: "605854c4265316b5fb4530cea5da19c4b3336333d9e03ed5e1320d8638075e76",
        licence: "CC BY 4.0",
        citation: DYADIC_CITATION_24_1,
        bibtex: DYADIC_BIBTEX_24_1,
        default: false,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-dyadic/Dyadic_v24_1.csv"),
    },
    // The conflict-level version (one row per conflict-year): UCDP's dyadic v25.1 file was
    // not found (see data/ucdp-brd/SOURCE.md). Converted from UCDP's xlsx; UCDP's own CSV of
    // this release has SHA-256 a8e734c1…bf05 and the same per-year sums.
    EmbeddedDataset {
        name: "ucdp-brd",
        version: "25.1",
        title: "UCDP Battle-Related Deaths Dataset (conflict-level version)",
        kind: DatasetKind::BattleDeathsConflict,
        file_name: "ucdp-brd/BattleDeaths_v25_1_conf.csv",
        rows: 1586,
        years: (1989, 2024),
        sha256: "bf0a5c8bd0ea509dc5ece80db72ecd0331f94b93306443b66387e3821164af84",
        licence: "CC BY 4.0",
        citation: BRD_CITATION_25_1,
        bibtex: BRD_BIBTEX_25_1,
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-brd/BattleDeaths_v25_1_conf.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-brd",
        version: "24.1",
        title: "UCDP Battle-Related Deaths Dataset (dyadic version)",
        kind: DatasetKind::BattleDeaths,
        file_name: "ucdp-brd/BattleDeaths_v24_1.csv",
        rows: 1920,
        years: (1989, 2023),
        sha256: "7d6e180845127fff39a52ce68e111b36384a341fded5d5091a3ab9902a2c9465",
        licence: "CC BY 4.0",
        citation: BRD_CITATION_24_1,
        bibtex: BRD_BIBTEX_24_1,
        default: false,
        byte_identity: ByteIdentity::Unverified,
        bytes: include_bytes!("../../../../data/ucdp-brd/BattleDeaths_v24_1.csv"),
    },
    // Converted from UCDP's xlsx, with 11 `gwno_b_2nd` cells repaired (see SOURCE.md).
    EmbeddedDataset {
        name: "ucdp-nonstate",
        version: "25.1",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        file_name: "ucdp-nonstate/NonState_v25_1.csv",
        rows: 1720,
        years: (1989, 2024),
        sha256: "4c5cb6d5e4f4b26fe56f8a29684e0bc2d8f7345bcff4d0d03ed12e8a6f05cb8c",
        licence: "CC BY 4.0",
        citation: NONSTATE_CITATION_25_1,
        bibtex: NONSTATE_BIBTEX_25_1,
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-nonstate/NonState_v25_1.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-nonstate",
        version: "24.1",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        file_name: "ucdp-nonstate/NonState_v24_1.api.csv",
        rows: 1639,
        years: (1989, 2023),
        sha256: "75c446950a08e2e03726e7db41f4e867250d18faa5af9d706749f80d21f42596",
        licence: "CC BY 4.0",
        citation: NONSTATE_CITATION_24_1,
        bibtex: NONSTATE_BIBTEX_24_1,
        default: false,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-nonstate/NonState_v24_1.api.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-nonstate",
        version: "23.1",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        file_name: "ucdp-nonstate/Nonstate_v23_1.csv",
        rows: 1542,
        years: (1989, 2022),
        sha256: "cc9ea9d3caef4d256dab81167d3fb93d9a67a1b21dafb9120333ded8da786eba",
        licence: "CC BY 4.0",
        citation: NONSTATE_CITATION_23_1,
        bibtex: NONSTATE_BIBTEX_23_1,
        default: false,
        byte_identity: ByteIdentity::Verified,
        bytes: include_bytes!("../../../../data/ucdp-nonstate/Nonstate_v23_1.csv"),
    },
    // Converted from UCDP's xlsx; the first release with coalition actors (`gwnoa` a list).
    EmbeddedDataset {
        name: "ucdp-onesided",
        version: "25.1",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        file_name: "ucdp-onesided/OneSided_v25_1.csv",
        rows: 1330,
        years: (1989, 2024),
        sha256: "2d42f81685bfba8a22fae025c40f6049a82cabdca81fca067d3f6473f516a67f",
        licence: "CC BY 4.0",
        citation: ONESIDED_CITATION_25_1,
        bibtex: ONESIDED_BIBTEX_25_1,
        default: true,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-onesided/OneSided_v25_1.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-onesided",
        version: "24.1",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        file_name: "ucdp-onesided/OneSided_v24_1.api.csv",
        rows: 1262,
        years: (1989, 2023),
        sha256: "9a5e0cdad392b99f79f2db05525922d90de0e7f27ab5010436ef004d5f00e568",
        licence: "CC BY 4.0",
        citation: ONESIDED_CITATION_24_1,
        bibtex: ONESIDED_BIBTEX_24_1,
        default: false,
        byte_identity: ByteIdentity::Derived,
        bytes: include_bytes!("../../../../data/ucdp-onesided/OneSided_v24_1.api.csv"),
    },
    EmbeddedDataset {
        name: "ucdp-onesided",
        version: "23.1",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        file_name: "ucdp-onesided/OneSided_v23_1.csv",
        rows: 1191,
        years: (1989, 2022),
        sha256: "2444282cfef96c6e401072072aa1fa2296e2922fd08a3ef6147120b34e59288d",
        licence: "CC BY 4.0",
        citation: ONESIDED_CITATION_23_1,
        bibtex: ONESIDED_BIBTEX_23_1,
        default: false,
        byte_identity: ByteIdentity::Verified,
        bytes: include_bytes!("../../../../data/ucdp-onesided/OneSided_v23_1.csv"),
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

/// The embedded release of dataset `name` that follows `version` (the next higher version
/// number), if one is compiled in: what a forecast fitted on `version` can be scored on.
///
/// ```
/// use conflictstats::data::registry::next_release;
///
/// assert_eq!(next_release("ucdp-acd", "25.1").map(|d| d.version), Some("26.1"));
/// assert!(next_release("ucdp-acd", "26.1").is_none());
/// ```
#[must_use]
pub fn next_release(name: &str, version: &str) -> Option<&'static EmbeddedDataset> {
    let key = |v: &str| -> Vec<u32> { v.split('.').map(|p| p.parse().unwrap_or(0)).collect() };
    let current = key(version.trim().trim_start_matches('v'));
    REGISTRY
        .iter()
        .filter(|d| d.name == name && key(d.version) > current)
        .min_by_key(|d| key(d.version))
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
    fn verified_articles_carry_their_doi_and_pages_in_every_bibtex() {
        // The sources of each DOI are in the comment above `ACD_BIBTEX_25_1`.
        let verified = [
            (
                "gleditsch2002armed",
                "10.1177/0022343302039005007",
                "615--637",
            ),
            (
                "sundberg2013introducing",
                "10.1177/0022343313484347",
                "523--532",
            ),
            (
                "davies2024organized",
                "10.1177/00223433241262912",
                "673--693",
            ),
            (
                "davies2023organized",
                "10.1177/00223433231185169",
                "691--708",
            ),
            (
                "davies2025organized",
                "10.1177/00223433251345636",
                "1223--1240",
            ),
            (
                "gleditsch1999interstate",
                "10.1080/03050629908434958",
                "393--413",
            ),
            (
                "sundberg2012introducing",
                "10.1177/0022343311431598",
                "351--362",
            ),
            ("eck2007onesided", "10.1177/0022343307075124", "233--246"),
            ("harbom2008dyadic", "10.1177/0022343308094331", "697--710"),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for d in REGISTRY {
            for entry in d.bibtex.split("@article{").skip(1) {
                let (key, doi, pages) = verified
                    .iter()
                    .find(|(key, ..)| entry.starts_with(&format!("{key},")))
                    .unwrap_or_else(|| panic!("{}: an article without a verified DOI", d.name));
                assert!(entry.contains(&format!("doi     = {{{doi}}}")), "{key}");
                assert!(entry.contains(&format!("pages   = {{{pages}}}")), "{key}");
                seen.insert(*key);
            }
            // The plain-text citation carries the same page ranges.
            for (_, _, pages) in verified {
                let pages = pages.replace("--", "–");
                if d.bibtex
                    .contains(&format!("{{{}}}", pages.replace('–', "--")))
                {
                    assert!(d.citation.contains(&pages), "{}: {pages}", d.name);
                }
            }
        }
        assert_eq!(seen.len(), verified.len(), "{seen:?}");
    }

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
        let err = find("ucdp-acd", Some("27.1")).unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("ucdp-acd 26.1") && msg.contains("`27.1`"),
            "{msg}"
        );
        assert!(find("ucdp-acd", Some("v24.1")).is_ok());
    }

    #[test]
    fn byte_identity_is_verified_exactly_for_the_known_checksums() {
        for d in REGISTRY {
            let known = super::super::upstream::known_by_sha256(d.sha256).is_some();
            assert_eq!(
                d.byte_identity == ByteIdentity::Verified,
                known,
                "{}: byte_identity {:?}",
                d.label(),
                d.byte_identity
            );
        }
        // The default ACD (v26.1) is a copy whose bytes are not matched against UCDP's zip.
        let v26 = find("ucdp-acd", None).unwrap();
        assert_eq!(
            (v26.version, v26.byte_identity),
            ("26.1", ByteIdentity::Unverified)
        );
        assert!(v26.citation.contains("UNVERIFIED"), "{}", v26.citation);
    }

    #[test]
    fn sha256_of_known_vector() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
