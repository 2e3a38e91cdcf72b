//! Where UCDP publishes each dataset, and the releases known beyond the embedded ones.
//!
//! UCDP's downloads page serves every release of a dataset as a zip holding one CSV, at an
//! address built from the dataset and the release number without its dot (25.1 → `251`):
//! `https://ucdp.uu.se/downloads/ucdpprio/ucdp-prio-acd-251-csv.zip`,
//! `…/dyadic/ucdp-dyadic-251-csv.zip`, `…/nsos/ucdp-nonstate-251-csv.zip`,
//! `…/nsos/ucdp-onesided-251-csv.zip`, `…/brd/ucdp-brd-conf-251-csv.zip` (the conflict-level
//! Battle-Related Deaths file) and `…/ged/ged251-csv.zip`. The same data are served by UCDP's
//! API as paged JSON at `https://ucdpapi.pcr.uu.se/api/<resource>/<version>?pagesize=N&page=P`
//! (pages counted from 0; the reply is `{"TotalCount", "TotalPages", "Result": […]}`), which
//! since February 2026 requires an access token sent in the `x-ucdp-access-token` header.
//!
//! Where these come from (UCDP's downloads page and API documentation, <https://ucdp.uu.se/downloads/>
//! and <https://ucdp.uu.se/apidocs/>, as used by public client code found with a code search):
//! the zip names `ucdpprio/ucdp-prio-acd-{251,261}-csv.zip`, `dyadic/ucdp-dyadic-{251,261}-csv.zip`,
//! `nsos/ucdp-onesided-261-csv.zip`, `brd/ucdp-brd-conf-{241,251,261}-csv.zip` and
//! `ged/ged{241,251}-csv.zip` in download scripts and dataset registries; the API's reply shape
//! (`TotalCount`, `TotalPages`, `PreviousPageUrl`, `NextPageUrl`, `Result`), its base URL and
//! the `x-ucdp-access-token` header in a TypeScript client and in Python harvesters (which send
//! `pagesize` and `page` as query parameters; several note the token has been required since
//! February 2026 and that requests without one get HTTP 401); pages counted from 0 in an R client
//! that requests `page = 0, 1, …` of `…/api/<resource>/<version>?pagesize=1000`. The data files'
//! own names inside the zips (`UcdpPrioConflict_v25_1.csv`, `ucdp-dyadic-251.csv`,
//! `BattleDeaths_v25_1_conf.csv`, `GEDEvent_v25_1.csv`) are recorded in `data/*/SOURCE.md`.
//!
//! A *known* release is one whose checksum is published: a download of it is verified against
//! that SHA-256 (and size, where published), and is then used as an official release. Any
//! other release can still be fetched; it is stored as *unverified* and labelled so wherever it
//! is used.
//!
//! ```
//! use conflictstats::data::upstream;
//!
//! let acd = upstream::source("ucdp-acd").unwrap();
//! assert_eq!(
//!     acd.download_url(upstream::DOWNLOADS, "26.1")?,
//!     "https://ucdp.uu.se/downloads/ucdpprio/ucdp-prio-acd-261-csv.zip"
//! );
//! let ged = upstream::known("ucdp-ged", "25.1").unwrap();
//! assert_eq!(ged.bytes, Some(250_393_383));
//! // ACD v26.1: no published checksum of the CSV; the zip's size and SHA-256 are recorded.
//! assert!(upstream::known("ucdp-acd", "26.1").is_none());
//! assert_eq!(upstream::known_zip("ucdp-acd", "26.1").unwrap().bytes, 45_955);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::registry::DatasetKind;
use crate::error::{FetchError, Result};
use serde::Serialize;

/// UCDP's downloads page (the base of [`UcdpSource::download`]).
pub const DOWNLOADS: &str = "https://ucdp.uu.se/downloads";

/// UCDP's API (the base of [`UcdpSource::api`]).
pub const API: &str = "https://ucdpapi.pcr.uu.se/api";

/// Where UCDP publishes one dataset.
#[derive(Debug, Serialize)]
pub struct UcdpSource {
    /// The dataset's name here, e.g. `ucdp-acd`.
    pub name: &'static str,
    /// The dataset's title.
    pub title: &'static str,
    /// Which loader reads it.
    pub kind: DatasetKind,
    /// The zip's path under the downloads page; `{v}` is the release without its dot.
    pub download: &'static str,
    /// The API resource.
    pub api: &'static str,
}

/// Every dataset UCDP publishes that a loader here reads.
pub static SOURCES: &[UcdpSource] = &[
    UcdpSource {
        name: "ucdp-acd",
        title: "UCDP/PRIO Armed Conflict Dataset",
        kind: DatasetKind::Acd,
        download: "ucdpprio/ucdp-prio-acd-{v}-csv.zip",
        api: "ucdpprioconflict",
    },
    UcdpSource {
        name: "ucdp-dyadic",
        title: "UCDP Dyadic Dataset",
        kind: DatasetKind::Dyadic,
        download: "dyadic/ucdp-dyadic-{v}-csv.zip",
        api: "dyadic",
    },
    UcdpSource {
        name: "ucdp-nonstate",
        title: "UCDP Non-State Conflict Dataset",
        kind: DatasetKind::NonState,
        download: "nsos/ucdp-nonstate-{v}-csv.zip",
        api: "nonstate",
    },
    UcdpSource {
        name: "ucdp-onesided",
        title: "UCDP One-sided Violence Dataset",
        kind: DatasetKind::OneSided,
        download: "nsos/ucdp-onesided-{v}-csv.zip",
        api: "onesided",
    },
    UcdpSource {
        name: "ucdp-brd",
        title: "UCDP Battle-Related Deaths Dataset (conflict-level version)",
        kind: DatasetKind::BattleDeathsConflict,
        download: "brd/ucdp-brd-conf-{v}-csv.zip",
        api: "battledeaths",
    },
    UcdpSource {
        name: "ucdp-ged",
        title: "UCDP Georeferenced Event Dataset",
        kind: DatasetKind::Ged,
        download: "ged/ged{v}-csv.zip",
        api: "gedevents",
    },
];

/// The download source of `name`, if UCDP publishes it.
#[must_use]
pub fn source(name: &str) -> Option<&'static UcdpSource> {
    SOURCES.iter().find(|s| s.name == name)
}

/// `25.1` → `251`: UCDP's release tag in file names. Only `MAJOR.MINOR` release numbers
/// (digits) are accepted.
pub fn release_tag(name: &str, version: &str) -> Result<String> {
    let v = version.trim().trim_start_matches('v');
    let ok = v
        .split_once('.')
        .is_some_and(|(a, b)| is_digits(a) && is_digits(b));
    if !ok {
        return Err(FetchError::Unsupported {
            name: name.to_string(),
            version: version.to_string(),
            message: "expected a UCDP release number such as 25.1".to_string(),
        }
        .into());
    }
    Ok(v.replace('.', ""))
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

impl UcdpSource {
    /// The zip's URL under `base` (UCDP's downloads page, or a mirror).
    pub fn download_url(&self, base: &str, version: &str) -> Result<String> {
        let tag = release_tag(self.name, version)?;
        Ok(format!(
            "{}/{}",
            base.trim_end_matches('/'),
            self.download.replace("{v}", &tag)
        ))
    }

    /// The URL of one API page under `base` (UCDP's API, or a mirror); pages count from 0.
    pub fn api_url(&self, base: &str, version: &str, page_size: u32, page: u64) -> Result<String> {
        release_tag(self.name, version)?;
        Ok(format!(
            "{}/{}/{}?pagesize={page_size}&page={page}",
            base.trim_end_matches('/'),
            self.api,
            version.trim().trim_start_matches('v')
        ))
    }
}

/// A release whose published checksum a download is verified against.
#[derive(Debug, Serialize)]
pub struct KnownRelease {
    /// Dataset name.
    pub name: &'static str,
    /// Release.
    pub version: &'static str,
    /// The CSV inside UCDP's zip.
    pub file_name: &'static str,
    /// SHA-256 of that CSV, lower-case hex.
    pub sha256: &'static str,
    /// Its size in bytes, where published.
    pub bytes: Option<u64>,
    /// Where the checksum comes from.
    pub note: &'static str,
}

/// Releases with a published SHA-256 of UCDP's own CSV. The embedded files that are UCDP's
/// CSV byte for byte are listed too (a download of them must give the same bytes); embedded
/// files converted from the xlsx or the API are not (UCDP's CSV of those releases has other
/// bytes than the converted copy).
pub static KNOWN: &[KnownRelease] = &[
    KnownRelease {
        name: "ucdp-ged",
        version: "25.1",
        file_name: "GEDEvent_v25_1.csv",
        sha256: "3f286de84cc0cb9152403f53e6aea2ac604d623f156e61079338596e09e8b550",
        bytes: Some(250_393_383),
        note: "UCDP GED Global v25.1, UCDP's CSV",
    },
    KnownRelease {
        name: "ucdp-brd",
        version: "25.1",
        file_name: "BattleDeaths_v25_1_conf.csv",
        sha256: "a8e734c13bf62230b4b27f31804374823fe14573fb599a1e2c607a3bc661bf05",
        bytes: None,
        note: "UCDP Battle-Related Deaths v25.1, conflict-level, UCDP's CSV (data/ucdp-brd/SOURCE.md)",
    },
    KnownRelease {
        name: "ucdp-dyadic",
        version: "25.1",
        file_name: "ucdp-dyadic-251.csv",
        sha256: "e5bf6e3779a903f3df3ec476592332ce51ccf3798174b3db4c1b06dd1dd5a7ba",
        bytes: Some(596_874),
        note: "UCDP Dyadic v25.1, UCDP's CSV unmodified (data/ucdp-dyadic/SOURCE.md)",
    },
    KnownRelease {
        name: "ucdp-nonstate",
        version: "23.1",
        file_name: "Nonstate_v23_1.csv",
        sha256: "cc9ea9d3caef4d256dab81167d3fb93d9a67a1b21dafb9120333ded8da786eba",
        bytes: Some(450_478),
        note: "UCDP Non-State v23.1, UCDP's CSV byte for byte (data/ucdp-nonstate/SOURCE.md)",
    },
    KnownRelease {
        name: "ucdp-onesided",
        version: "23.1",
        file_name: "OneSided_v23_1.csv",
        sha256: "2444282cfef96c6e401072072aa1fa2296e2922fd08a3ef6147120b34e59288d",
        bytes: Some(193_097),
        note: "UCDP One-sided v23.1, UCDP's CSV byte for byte (data/ucdp-onesided/SOURCE.md)",
    },
];

/// A release whose **zip** has recorded checksums where no SHA-256 of the CSV inside is
/// published: a download is verified against the zip's size and SHA-256 before its CSV is
/// extracted, and the CSV is then compared with the embedded copy of the release, if any.
#[derive(Debug, Serialize)]
pub struct KnownZip {
    /// Dataset name.
    pub name: &'static str,
    /// Release.
    pub version: &'static str,
    /// Size of the zip in bytes.
    pub bytes: u64,
    /// SHA-256 of the zip, lower-case hex.
    pub sha256: &'static str,
    /// MD5 of the zip, lower-case hex: recorded for the record, not computed here (the size
    /// and the SHA-256 are).
    pub md5: &'static str,
    /// Where each checksum comes from: how far to trust the verification.
    pub note: &'static str,
}

/// Zips with recorded checksums (see [`KnownZip`]). ACD v26.1: size and md5 from Our World in
/// Data's snapshot of UCDP's zip, SHA-256 from a third-party script (`data/ucdp-acd/SOURCE.md`);
/// UCDP itself publishes no checksum.
pub static KNOWN_ZIPS: &[KnownZip] = &[KnownZip {
    name: "ucdp-acd",
    version: "26.1",
    bytes: 45_955,
    sha256: "5f951743222964674a446e32a5a871077b29bd13349588d85fc59953d89c878a",
    md5: "718865fee1b573c6d4ab244b4984ebf9",
    note: "UCDP's ucdp-prio-acd-261-csv.zip: size 45,955 bytes and md5 from Our World in Data's snapshot (owid/etl snapshots/war/2026-06-10/ucdp_prio_armed_conflict.zip.dvc), SHA-256 recorded in a third-party script; not published by UCDP",
}];

/// The recorded checksums of the zip of `name` `version`, if any.
#[must_use]
pub fn known_zip(name: &str, version: &str) -> Option<&'static KnownZip> {
    let version = version.trim().trim_start_matches('v');
    KNOWN_ZIPS
        .iter()
        .find(|k| k.name == name && k.version == version)
}

/// The known release `name` `version`, if its checksum is published.
#[must_use]
pub fn known(name: &str, version: &str) -> Option<&'static KnownRelease> {
    let version = version.trim().trim_start_matches('v');
    KNOWN
        .iter()
        .find(|k| k.name == name && k.version == version)
}

/// The known release whose CSV has this SHA-256, if any.
#[must_use]
pub fn known_by_sha256(sha256: &str) -> Option<&'static KnownRelease> {
    KNOWN.iter().find(|k| k.sha256 == sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_builds_ucdps_addresses() {
        let url = |n: &str| source(n).unwrap().download_url(DOWNLOADS, "25.1").unwrap();
        assert_eq!(
            url("ucdp-brd"),
            "https://ucdp.uu.se/downloads/brd/ucdp-brd-conf-251-csv.zip"
        );
        assert_eq!(
            url("ucdp-ged"),
            "https://ucdp.uu.se/downloads/ged/ged251-csv.zip"
        );
        assert_eq!(
            url("ucdp-onesided"),
            "https://ucdp.uu.se/downloads/nsos/ucdp-onesided-251-csv.zip"
        );
        let api = source("ucdp-acd")
            .unwrap()
            .api_url(API, "v26.1", 1000, 0)
            .unwrap();
        assert_eq!(
            api,
            "https://ucdpapi.pcr.uu.se/api/ucdpprioconflict/26.1?pagesize=1000&page=0"
        );
    }

    #[test]
    fn a_version_that_is_not_a_release_number_is_refused() {
        for bad in ["latest", "25", "25.1/../x", "25.1.2", ".1"] {
            let err = source("ucdp-acd").unwrap().download_url(DOWNLOADS, bad);
            assert!(err.is_err(), "{bad}");
        }
    }

    #[test]
    fn known_releases_are_unique_and_hex() {
        for k in KNOWN {
            assert_eq!(k.sha256.len(), 64, "{}", k.name);
            assert!(
                k.sha256
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
            );
            assert_eq!(
                KNOWN
                    .iter()
                    .filter(|o| o.name == k.name && o.version == k.version)
                    .count(),
                1
            );
            assert!(source(k.name).is_some(), "{} has a download", k.name);
        }
        for z in KNOWN_ZIPS {
            assert_eq!((z.sha256.len(), z.md5.len()), (64, 32), "{}", z.name);
            assert!(
                known(z.name, z.version).is_none(),
                "{}: CSV checksum known",
                z.name
            );
            assert!(known_zip(z.name, &format!("v{}", z.version)).is_some());
        }
    }
}
