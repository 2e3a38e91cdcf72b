//! Which copy of each dataset a computation reads: an embedded release or a user's file.
//!
//! A [`Sources`] maps each dataset ([`DatasetId`]: `ucdp-acd`, `ucdp-dyadic`, `ucdp-nonstate`,
//! `ucdp-onesided`, `ucdp-brd`, `ucdp-ged`, `gw-states`) to a [`Source`]. Unset datasets read
//! the embedded release: the one `version` names for the UCDP releases that move together
//! (ACD, Dyadic, Non-State, One-sided, BRD), each dataset's default otherwise. Resolution is
//! written once, in [`Sources::locate`]; every loader (`acd()`, `dyadic()`, …) goes through
//! it, so a new place to find data (a download cache) is one more branch there.
//!
//! ```
//! use conflictstats::data::{DatasetId, Sources};
//!
//! let v25 = Sources::embedded(None);                  // every default release
//! assert_eq!(v25.dyadic()?.provenance.version, "25.1");
//! assert_eq!(v25.brd()?.level().key(), "conflict"); // BRD v25.1 is conflict-level
//!
//! let v24 = Sources::embedded(Some("24.1"));
//! assert_eq!(v24.nonstate()?.provenance.version, "24.1");
//! assert_eq!(v24.ged()?.provenance.version, "23.1"); // GED keeps its own release
//!
//! // A file for one dataset, embedded for the others.
//! let s = Sources::embedded(None).with_file("ucdp-dyadic", "my_dyadic.csv")?;
//! assert!(s.dyadic().is_err()); // no such file: an Io error naming it
//! assert!("ucdp-nonsense".parse::<DatasetId>().is_err());
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::cache::CachedRelease;
use super::ingest::Ingest;
use super::registry::EmbeddedDataset;
use super::{Acd, Brd, Dyadic, Ged, GwStates, NonState, OneSided};
use super::{Dataset, UcdpRecord};
use super::{Provenance, Release};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// A dataset a computation can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatasetId {
    /// UCDP/PRIO Armed Conflict Dataset.
    Acd,
    /// UCDP Dyadic Dataset.
    Dyadic,
    /// UCDP Non-State Conflict Dataset.
    NonState,
    /// UCDP One-sided Violence Dataset.
    OneSided,
    /// UCDP Battle-Related Deaths Dataset (dyadic or conflict-level).
    Brd,
    /// UCDP Georeferenced Event Dataset (embedded: a 1,000-event sample).
    Ged,
    /// Gleditsch & Ward list of independent states.
    GwStates,
}

/// One line per dataset: the id, its name (as in `sources={…}`), the registry name of its
/// embedded releases, the CLI file option, and whether it follows the UCDP release version.
struct Facts {
    id: DatasetId,
    name: &'static str,
    registry: &'static str,
    file_option: &'static str,
    follows_release: bool,
}

const FACTS: &[Facts] = &[
    Facts {
        id: DatasetId::Acd,
        name: "ucdp-acd",
        registry: "ucdp-acd",
        file_option: "--acd-file",
        follows_release: true,
    },
    Facts {
        id: DatasetId::Dyadic,
        name: "ucdp-dyadic",
        registry: "ucdp-dyadic",
        file_option: "--dyadic-file",
        follows_release: true,
    },
    Facts {
        id: DatasetId::NonState,
        name: "ucdp-nonstate",
        registry: "ucdp-nonstate",
        file_option: "--nonstate-file",
        follows_release: true,
    },
    Facts {
        id: DatasetId::OneSided,
        name: "ucdp-onesided",
        registry: "ucdp-onesided",
        file_option: "--onesided-file",
        follows_release: true,
    },
    Facts {
        id: DatasetId::Brd,
        name: "ucdp-brd",
        registry: "ucdp-brd",
        file_option: "--brd-file",
        follows_release: true,
    },
    Facts {
        id: DatasetId::Ged,
        name: "ucdp-ged",
        registry: "ucdp-ged-sample",
        file_option: "--ged-file",
        follows_release: false,
    },
    Facts {
        id: DatasetId::GwStates,
        name: "gw-states",
        registry: "gw-states",
        file_option: "--states-file",
        follows_release: false,
    },
];

impl DatasetId {
    /// Every dataset, in a fixed order.
    pub const ALL: [DatasetId; 7] = [
        DatasetId::Acd,
        DatasetId::Dyadic,
        DatasetId::NonState,
        DatasetId::OneSided,
        DatasetId::Brd,
        DatasetId::Ged,
        DatasetId::GwStates,
    ];

    fn facts(self) -> &'static Facts {
        FACTS.iter().find(|f| f.id == self).unwrap_or(&FACTS[0])
    }

    /// The name used in `sources={…}` and messages, e.g. `ucdp-dyadic`.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.facts().name
    }

    /// The registry name of its embedded releases (`ucdp-ged-sample` for the GED).
    #[must_use]
    pub fn registry_name(self) -> &'static str {
        self.facts().registry
    }

    /// The command-line option that reads a file of it, e.g. `--dyadic-file`.
    #[must_use]
    pub fn file_option(self) -> &'static str {
        self.facts().file_option
    }
}

impl fmt::Display for DatasetId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for DatasetId {
    type Err = Error;

    /// A dataset's name or the registry name of its embedded releases (case-insensitive).
    fn from_str(s: &str) -> Result<DatasetId> {
        let s = s.trim().to_ascii_lowercase();
        FACTS
            .iter()
            .find(|f| f.name == s || f.registry == s)
            .map(|f| f.id)
            .ok_or_else(|| {
                Error::spec(format!(
                    "unknown dataset `{s}`; expected one of {}",
                    FACTS.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                ))
            })
    }
}

/// Which copy of one dataset to read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// An embedded release (`None`: the [`Sources`]' version, or the default release).
    Embedded(Option<String>),
    /// A file (UCDP's download or API layout).
    File(PathBuf),
}

/// Where [`Sources::locate`] found a dataset's bytes.
#[derive(Debug, Clone)]
#[expect(
    clippy::large_enum_variant,
    reason = "located once per dataset loaded; boxing would only complicate matching"
)]
pub enum Located<'a> {
    /// An embedded release.
    Embedded(&'static EmbeddedDataset),
    /// A release fetched into the cache (`conflictstats fetch`).
    Cached(CachedRelease),
    /// A file on disk.
    File(&'a Path),
}

impl From<Release> for Located<'_> {
    fn from(r: Release) -> Self {
        match r {
            Release::Embedded(e) => Located::Embedded(e),
            Release::Cached(c) => Located::Cached(c),
        }
    }
}

/// The copy of every dataset a computation reads: each [`DatasetId`] maps to a [`Source`].
///
/// Unset datasets read the embedded release: the one `version` names for the UCDP releases
/// that move together (ACD, Dyadic, Non-State, One-sided, BRD), each dataset's default
/// otherwise. Resolution is written once, in [`Sources::locate`]; every loader (`acd()`,
/// `dyadic()`, …) goes through it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Sources {
    /// Release of the embedded UCDP datasets that move together (`None`: each default).
    version: Option<String>,
    /// Datasets set explicitly.
    chosen: BTreeMap<DatasetId, Source>,
    /// How files are read: the ingest caches and `--rehash` (how, not what: not serialised).
    #[serde(skip)]
    ingest: Ingest,
}

impl Sources {
    /// Every dataset from its embedded release: `version` for the UCDP releases (ACD,
    /// Dyadic, Non-State, One-sided, BRD), each dataset's default otherwise.
    #[must_use]
    pub fn embedded(version: Option<&str>) -> Sources {
        Sources {
            version: version.map(str::to_string),
            chosen: BTreeMap::new(),
            ingest: Ingest::default(),
        }
    }

    /// Reads files as `ingest` says (the caches of verified hashes and of parsed columns,
    /// and `--rehash`; see [`ingest`](super::ingest)). Off by default.
    #[must_use]
    pub fn with_ingest(mut self, ingest: Ingest) -> Sources {
        self.ingest = ingest;
        self
    }

    /// Sets the source of one dataset.
    pub fn set(&mut self, id: DatasetId, source: Source) -> &mut Sources {
        self.chosen.insert(id, source);
        self
    }

    /// Reads dataset `name` (see [`DatasetId`]'s names) from the file at `path`.
    pub fn with_file(mut self, name: &str, path: impl Into<PathBuf>) -> Result<Sources> {
        self.set(name.parse()?, Source::File(path.into()));
        Ok(self)
    }

    /// Reads dataset `id` from the file at `path` when `path` is given (a CLI option).
    #[must_use]
    pub fn with_optional_file(mut self, id: DatasetId, path: Option<&Path>) -> Sources {
        if let Some(p) = path {
            self.set(id, Source::File(p.to_path_buf()));
        }
        self
    }

    /// The source of `id`: as set, or the embedded release.
    #[must_use]
    pub fn source(&self, id: DatasetId) -> Source {
        self.chosen.get(&id).cloned().unwrap_or_else(|| {
            Source::Embedded(self.version.clone().filter(|_| id.facts().follows_release))
        })
    }

    /// The datasets read from files, with their paths.
    pub fn files(&self) -> impl Iterator<Item = (DatasetId, &Path)> {
        self.chosen.iter().filter_map(|(id, s)| match s {
            Source::File(p) => Some((*id, p.as_path())),
            Source::Embedded(_) => None,
        })
    }

    /// Where the bytes of `id` are: the one place a dataset is resolved.
    /// A release given by version resolves embedded first, then in the cache of fetched
    /// releases (`data::resolve`).
    pub fn locate(&self, id: DatasetId) -> Result<Located<'_>> {
        let release = |v: Option<&str>| {
            super::resolve::resolve_as(id.registry_name(), id.name(), v).map(Located::from)
        };
        match self.chosen.get(&id) {
            Some(Source::File(path)) => Ok(Located::File(path)),
            Some(Source::Embedded(v)) => release(v.as_deref()),
            None => release(
                self.version
                    .as_deref()
                    .filter(|_| id.facts().follows_release),
            ),
        }
    }

    fn load<T: Load>(&self, id: DatasetId) -> Result<T> {
        match self.locate(id)? {
            Located::Embedded(entry) => T::from_entry(entry),
            Located::Cached(cached) => {
                let mut d = cached.read_with(self.ingest, |p| T::from_path_with(p, self.ingest))?;
                let p = cached.provenance(d.provenance().clone())?;
                d.set_provenance(p);
                Ok(d)
            }
            Located::File(path) => T::from_path_with(path, self.ingest),
        }
    }

    /// The UCDP/PRIO ACD.
    pub fn acd(&self) -> Result<Acd> {
        self.load(DatasetId::Acd)
    }

    /// The UCDP Dyadic Dataset.
    pub fn dyadic(&self) -> Result<Dyadic> {
        self.load(DatasetId::Dyadic)
    }

    /// The UCDP Non-State Conflict Dataset.
    pub fn nonstate(&self) -> Result<NonState> {
        self.load(DatasetId::NonState)
    }

    /// The UCDP One-sided Violence Dataset.
    pub fn onesided(&self) -> Result<OneSided> {
        self.load(DatasetId::OneSided)
    }

    /// The UCDP Battle-Related Deaths Dataset, at the level of the release or file.
    pub fn brd(&self) -> Result<Brd> {
        self.load(DatasetId::Brd)
    }

    /// The UCDP GED (embedded: the 1,000-event sample of GED 23.1).
    pub fn ged(&self) -> Result<Ged> {
        self.load(DatasetId::Ged)
    }

    /// The Gleditsch & Ward list of states.
    pub fn states(&self) -> Result<GwStates> {
        self.load(DatasetId::GwStates)
    }
}

/// How a dataset is loaded from an embedded entry or a file.
trait Load: Sized {
    fn from_entry(entry: &'static EmbeddedDataset) -> Result<Self>;
    fn from_path(path: &Path) -> Result<Self>;
    /// As `from_path`, with the ingest caches where the loader has them (the GED's).
    fn from_path_with(path: &Path, _ingest: Ingest) -> Result<Self> {
        Self::from_path(path)
    }
    fn provenance(&self) -> &Provenance;
    fn set_provenance(&mut self, p: Provenance);
}

impl<R: UcdpRecord> Load for Dataset<R> {
    fn from_entry(entry: &'static EmbeddedDataset) -> Result<Self> {
        Dataset::from_entry(entry)
    }
    fn from_path(path: &Path) -> Result<Self> {
        Dataset::from_path(path)
    }
    fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    fn set_provenance(&mut self, p: Provenance) {
        self.provenance = p;
    }
}

impl Load for Brd {
    fn from_entry(entry: &'static EmbeddedDataset) -> Result<Self> {
        Brd::from_entry(entry)
    }
    fn from_path(path: &Path) -> Result<Self> {
        Brd::from_path(path)
    }
    fn provenance(&self) -> &Provenance {
        Brd::provenance(self)
    }
    fn set_provenance(&mut self, p: Provenance) {
        match self {
            Brd::Dyad(d) => d.provenance = p,
            Brd::Conflict(d) => d.provenance = p,
        }
    }
}

/// Implements [`Load`] for a loader type with `from_entry` and `from_path` of its own.
macro_rules! load_via {
    ($($t:ty),*) => {$(
        impl Load for $t {
            fn from_entry(entry: &'static EmbeddedDataset) -> Result<Self> {
                <$t>::from_entry(entry)
            }
            fn from_path(path: &Path) -> Result<Self> {
                <$t>::from_path(path)
            }
            fn provenance(&self) -> &Provenance {
                &self.provenance
            }
            fn set_provenance(&mut self, p: Provenance) {
                self.provenance = p;
            }
        }
    )*};
}

load_via!(Acd, GwStates);

impl Load for Ged {
    fn from_entry(entry: &'static EmbeddedDataset) -> Result<Self> {
        Ged::from_entry(entry)
    }
    fn from_path(path: &Path) -> Result<Self> {
        Ged::from_path(path)
    }
    fn from_path_with(path: &Path, ingest: Ingest) -> Result<Self> {
        super::ingest::load_ged(path, ingest)
    }
    fn provenance(&self) -> &Provenance {
        &self.provenance
    }
    fn set_provenance(&mut self, p: Provenance) {
        self.provenance = p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dataset_resolves_to_its_default_release() {
        let s = Sources::embedded(None);
        for id in DatasetId::ALL {
            let Located::Embedded(e) = s.locate(id).unwrap() else {
                panic!("{id} should be embedded");
            };
            assert!(e.default, "{id}");
            assert_eq!(id.name().parse::<DatasetId>().unwrap(), id);
            assert_eq!(id.registry_name().parse::<DatasetId>().unwrap(), id);
        }
    }

    #[test]
    fn the_release_version_applies_to_ucdp_releases_only() {
        let s = Sources::embedded(Some("24.1"));
        assert_eq!(s.acd().unwrap().provenance.version, "24.1");
        assert_eq!(s.brd().unwrap().level().key(), "dyad");
        assert_eq!(s.states().unwrap().provenance.version, "2021-04-14");
        assert_eq!(s.source(DatasetId::Ged), Source::Embedded(None));
        let missing = Sources::embedded(Some("26.1")).dyadic().unwrap_err();
        assert!(missing.to_string().contains("`26.1`"), "{missing}");
    }

    #[test]
    fn a_file_overrides_one_dataset_and_its_errors_name_the_file() {
        let s = Sources::embedded(None)
            .with_file("ucdp-nonstate", "/nonexistent/ns.csv")
            .unwrap();
        let err = s.nonstate().unwrap_err();
        assert_eq!(err.file(), Some("/nonexistent/ns.csv"));
        assert_eq!(s.dyadic().unwrap().provenance.version, "25.1");
        assert_eq!(s.files().count(), 1);
    }
}
