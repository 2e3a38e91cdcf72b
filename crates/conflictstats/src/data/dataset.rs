//! The loaded form shared by the UCDP record datasets read row by row — Dyadic,
//! Battle-Related Deaths, Non-State and One-sided: [`Dataset<R>`], the records of type `R` in
//! file order with their [`Provenance`], and the loaders written once for all of them.
//!
//! Each dataset's name is a type alias ([`Dyadic`](super::Dyadic) is `Dataset<DyadYear>`,
//! [`BattleDeaths`](super::BattleDeaths) is `Dataset<BattleDeathsDyadYear>`, …); the record
//! type says which release it reads through [`UcdpRecord`].
//!
//! ```
//! use conflictstats::data::{Dataset, OneSided, OneSidedActorYear};
//!
//! let os: Dataset<OneSidedActorYear> = OneSided::embedded(Some("25.1"))?;
//! assert_eq!(os.provenance.name, "ucdp-onesided");
//! assert_eq!(os.year_range().map(|(first, _)| first), Some(1989));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::fields::{self, RecordSpec};
use super::registry::{DatasetKind, EmbeddedDataset};
use super::{LoadWarning, Provenance, Release};
use crate::error::{Error, Result};
use serde::Serialize;
use std::path::Path;

// The sealed-trait pattern: `Sealed` is nameable only inside the crate, so `UcdpRecord` cannot
// be implemented elsewhere, and its method may name the crate-internal `RecordSpec`.
mod sealed {
    /// How a record type is read; crate-internal, so only this crate's record types qualify.
    #[allow(private_interfaces)]
    pub trait Sealed: Sized + 'static {
        fn spec() -> &'static super::RecordSpec<Self>;
    }
}

pub(crate) use sealed::Sealed;

/// A record type of one UCDP dataset: what [`Dataset`] needs to load and describe it.
/// Implemented by this crate's record types only (it is sealed).
pub trait UcdpRecord: Sealed {
    /// Registry name, e.g. `ucdp-dyadic`.
    const NAME: &'static str;
    /// Official title, e.g. `UCDP Dyadic Dataset`.
    const TITLE: &'static str;
    /// Short name of a release in errors, e.g. `UCDP Dyadic` (in "… is not a UCDP Dyadic
    /// release").
    const RELEASE: &'static str;
    /// The registry kind of its embedded releases.
    const KIND: DatasetKind;
    /// The record's calendar year.
    fn year(&self) -> i32;
}

/// A UCDP dataset loaded from an embedded release, a file or bytes.
#[derive(Debug, Clone, Serialize)]
pub struct Dataset<R> {
    /// The records, in file order; unique per the dataset's key (e.g. `(dyad_id, year)`).
    pub records: Vec<R>,
    /// Where they came from.
    pub provenance: Provenance,
    /// Header columns not part of the dataset (reported, not used).
    pub extra_columns: Vec<String>,
    /// Header columns matched by another spelling (e.g. the API layout),
    /// `(as written, canonical)`.
    pub renamed_columns: Vec<(String, String)>,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

impl<R: UcdpRecord> Dataset<R> {
    /// Loads the release `version` (`None`: the default embedded release): the embedded one,
    /// else a release fetched into the cache (see [`resolve`](super::resolve)).
    pub fn embedded(version: Option<&str>) -> Result<Dataset<R>> {
        Dataset::from_release(&super::resolve(R::NAME, version)?)
    }

    /// Loads a resolved release (embedded, or fetched into the cache).
    pub fn from_release(release: &Release) -> Result<Dataset<R>> {
        match release {
            Release::Embedded(entry) => Dataset::from_entry(entry),
            Release::Cached(cached) => {
                let mut d = cached.read(|p| Dataset::from_path(p))?;
                d.provenance = cached.provenance(d.provenance)?;
                Ok(d)
            }
        }
    }

    /// Loads a registry entry (must be an entry of this dataset's kind).
    pub fn from_entry(entry: &'static EmbeddedDataset) -> Result<Dataset<R>> {
        if entry.kind != R::KIND {
            return Err(Error::spec(format!(
                "{} is not a {} release",
                entry.label(),
                R::RELEASE
            )));
        }
        let provenance = Provenance::embedded(entry);
        let (records, header) =
            fields::read_records(&provenance.source, entry.bytes()?, R::spec())?;
        Ok(Dataset {
            records,
            provenance,
            extra_columns: header.unknown.clone(),
            renamed_columns: fields::renamed(&header),
            warnings: header.warnings.clone(),
        })
    }

    /// Loads a file of this dataset (the download layout, or the API layout where the dataset
    /// has one).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Dataset<R>> {
        // Streamed: read once, hashed as it is parsed, never held whole in memory.
        let spec = R::spec();
        let (label, records, header, sha256) = fields::read_path_records(path.as_ref(), spec)?;
        let version = fields::single_version(&records, spec.version);
        Ok(Dataset {
            provenance: Provenance::from_sha256(R::NAME, R::TITLE, &label, sha256, &version),
            records,
            extra_columns: header.unknown.clone(),
            renamed_columns: fields::renamed(&header),
            warnings: header.warnings.clone(),
        })
    }

    /// Loads bytes of this dataset; `file` names them in errors and provenance.
    ///
    /// ```
    /// use conflictstats::{data::Dyadic, Error};
    ///
    /// let dy = Dyadic::embedded(None)?;
    /// let header = "dyad_id,conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,incompatibility,territory_name,year,intensity_level,type_of_conflict,start_date,start_prec,start_date2,start_prec2,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region,version";
    /// let row = "402,201,Cambodia (Kampuchea),Government of France,33,,Khmer Issarak,160,,1,Cambodia,1946,1,1,1946-08-31,3,1946-08-31,3,220,,,,811,3,24.1";
    /// let twice = format!("{header}\n{row}\n{row}\n");
    /// match Dyadic::from_bytes("twice.csv", twice.as_bytes()) {
    ///     Err(Error::DuplicateRecord { line, first_line, .. }) => assert_eq!((line, first_line), (3, 2)),
    ///     other => panic!("unexpected {other:?}"),
    /// }
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Dataset<R>> {
        let spec = R::spec();
        let (records, header) = fields::read_records(file, bytes, spec)?;
        let version = fields::single_version(&records, spec.version);
        Ok(Dataset {
            provenance: Provenance::from_file(R::NAME, R::TITLE, file, bytes, &version),
            records,
            extra_columns: header.unknown.clone(),
            renamed_columns: fields::renamed(&header),
            warnings: header.warnings.clone(),
        })
    }

    /// First and last year with at least one record.
    #[must_use]
    pub fn year_range(&self) -> Option<(i32, i32)> {
        fields::span(self.records.iter().map(R::year))
    }
}

/// Implements [`UcdpRecord`] (and its sealed supertrait) for a record type with a `year: i32`
/// field, read by the given [`RecordSpec`] literal.
macro_rules! ucdp_record {
    (
        $rec:ty {
            name: $name:expr,
            title: $title:expr,
            release: $release:expr,
            kind: $kind:ident,
            spec: $spec:expr $(,)?
        }
    ) => {
        #[allow(private_interfaces)] // sealed: see `dataset::Sealed`
        impl $crate::data::dataset::Sealed for $rec {
            fn spec() -> &'static $crate::data::fields::RecordSpec<Self> {
                static SPEC: $crate::data::fields::RecordSpec<$rec> = $spec;
                &SPEC
            }
        }

        impl $crate::data::dataset::UcdpRecord for $rec {
            const NAME: &'static str = $name;
            const TITLE: &'static str = $title;
            const RELEASE: &'static str = $release;
            const KIND: $crate::data::registry::DatasetKind =
                $crate::data::registry::DatasetKind::$kind;
            fn year(&self) -> i32 {
                self.year
            }
        }
    };
}

pub(crate) use ucdp_record;

#[cfg(test)]
mod tests {
    use super::super::{BattleDeaths, Dyadic, NonState, OneSided};
    use super::*;

    #[test]
    fn an_entry_of_another_kind_is_a_spec_error_naming_the_release() {
        let acd = crate::data::registry::find("ucdp-acd", None).unwrap();
        let msg = |e: Error| e.to_string();
        let brd = msg(BattleDeaths::from_entry(acd).unwrap_err());
        assert!(
            brd.contains("is not a UCDP Battle-Related Deaths release"),
            "{brd}"
        );
        let dy = msg(Dyadic::from_entry(acd).unwrap_err());
        assert!(dy.contains("is not a UCDP Dyadic release"), "{dy}");
        let ns = msg(NonState::from_entry(acd).unwrap_err());
        assert!(ns.contains("is not a UCDP Non-State release"), "{ns}");
        let os = msg(OneSided::from_entry(acd).unwrap_err());
        assert!(
            os.contains("is not a UCDP One-sided Violence release"),
            "{os}"
        );
    }

    #[test]
    fn bytes_keep_name_and_title_in_provenance() {
        let header = "dyad_id,conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,incompatibility,territory_name,year,intensity_level,type_of_conflict,start_date,start_prec,start_date2,start_prec2,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,gwno_loc,region,version";
        let dy = Dyadic::from_bytes("empty.csv", format!("{header}\n").as_bytes()).unwrap();
        assert!(dy.records.is_empty());
        assert_eq!(dy.year_range(), None);
        assert_eq!(dy.provenance.name, "ucdp-dyadic");
        assert_eq!(dy.provenance.title, "UCDP Dyadic Dataset");
        assert_eq!(dy.provenance.version, "unknown");
    }
}
