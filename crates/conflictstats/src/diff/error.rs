//! Why two copies of a dataset cannot be compared.

use crate::error::{Error, ErrorKind};

/// Why a release diff cannot be computed. Every message says what to do instead.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DiffError {
    /// The dataset's records have no key to match them by (the G&W list's periods).
    #[error(
        "{dataset} has no keyed records to compare; diff compares the UCDP datasets (ucdp-acd, ucdp-dyadic, ucdp-nonstate, ucdp-onesided, ucdp-brd, ucdp-ged)"
    )]
    NoRecordKey {
        /// The dataset asked for.
        dataset: String,
    },
    /// The two copies are different layouts of the dataset, with different units of
    /// observation (the dyad-level and the conflict-level Battle-Related Deaths data).
    #[error(
        "{dataset}: {from} has one record per {from_unit}, {to} one per {to_unit}: they are different layouts of the dataset and their records do not match; compare two copies of the same layout"
    )]
    LayoutMismatch {
        /// The dataset.
        dataset: String,
        /// The first copy's label.
        from: String,
        /// Its unit of observation, e.g. `dyad-year`.
        from_unit: String,
        /// The second copy's label.
        to: String,
        /// Its unit of observation.
        to_unit: String,
    },
    /// The counting unit asked for is not computed from this dataset alone.
    #[error(
        "the `{unit}` unit reads {reads}, not {dataset} alone: its counts cannot be compared between two copies of {dataset}; use a unit of {dataset} ({units})"
    )]
    UnitNotOfDataset {
        /// The unit asked for.
        unit: String,
        /// The dataset compared.
        dataset: String,
        /// The datasets the unit reads.
        reads: String,
        /// The units computed from this dataset alone (`none` if there are none).
        units: String,
    },
    /// A record lacks a key column, or a key value is not an integer (a record type and its
    /// key facts disagree: a bug, reported instead of matching records wrongly).
    #[error("{dataset}: record {index} has no integer `{column}`, a column of its key")]
    BadKey {
        /// The dataset.
        dataset: String,
        /// 0-based position of the record in its file.
        index: usize,
        /// The key column.
        column: String,
    },
}

impl From<DiffError> for Error {
    fn from(e: DiffError) -> Error {
        Error::Diff(Box::new(e))
    }
}

impl DiffError {
    /// The class of the error: the copies do not fit together ([`ErrorKind::Dataset`]), or
    /// the request does not fit the dataset ([`ErrorKind::Spec`]).
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            DiffError::LayoutMismatch { .. } | DiffError::BadKey { .. } => ErrorKind::Dataset,
            DiffError::NoRecordKey { .. } | DiffError::UnitNotOfDataset { .. } => ErrorKind::Spec,
        }
    }
}
