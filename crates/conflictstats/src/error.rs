//! The crate's error type.
//!
//! Every failure is a value of [`Error`] with enough context to act on it: for a bad file, the
//! file, the 1-based line where the record starts, the column, the offending value and what was
//! expected. The CLI turns an error into one line on stderr; the Python bindings turn it into a
//! subclass of `conflictstats.ConflictStatsError` chosen by [`Error::kind`].

use std::fmt;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in `conflictstats`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The file could not be opened or read.
    #[error("{file}: cannot read the file: {source}")]
    Io {
        /// The path as given.
        file: String,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },

    /// The input has no header line at all.
    #[error(
        "{file}: the file is empty; expected a CSV header line with the columns of the {dataset}"
    )]
    EmptyFile {
        /// The file (or `<bytes>` label) read.
        file: String,
        /// What the file was expected to hold.
        dataset: String,
    },

    /// A required column is absent from the header.
    #[error(
        "{file}: line {line}: the header has no column `{column}`; expected the columns of the {dataset} (UCDP download or API layout)"
    )]
    MissingColumn {
        /// The file read.
        file: String,
        /// The header's line (1).
        line: u64,
        /// The missing column, in UCDP's spelling.
        column: String,
        /// What the file was expected to hold.
        dataset: String,
    },

    /// A column name appears twice in the header.
    #[error("{file}: line {line}: column `{column}` appears more than once in the header")]
    DuplicateColumn {
        /// The file read.
        file: String,
        /// The header's line (1).
        line: u64,
        /// The repeated column.
        column: String,
    },

    /// The header is one field containing another delimiter: the file was not written with
    /// commas (typically a spreadsheet re-save with `;`).
    #[error(
        "{file}: line {line}: the header is not comma-separated (found `{delimiter}` between column names); the file looks re-saved by a spreadsheet: export it again as comma-separated CSV"
    )]
    WrongDelimiter {
        /// The file read.
        file: String,
        /// The header's line (1).
        line: u64,
        /// The delimiter found instead of `,`.
        delimiter: char,
    },

    /// A record has a different number of fields than the header (a truncated or mangled row).
    #[error(
        "{file}: line {line}: expected {expected} fields as in the header, found {found}; the row is truncated or has an unquoted delimiter"
    )]
    FieldCount {
        /// The file read.
        file: String,
        /// Line where the record starts.
        line: u64,
        /// Fields in the header.
        expected: u64,
        /// Fields in the record.
        found: u64,
    },

    /// A field does not hold a valid value for its column.
    #[error("{file}: line {line}, column `{column}`: expected {expected}, found {value:?}")]
    InvalidValue {
        /// The file read.
        file: String,
        /// Line where the record starts.
        line: u64,
        /// The column, in UCDP's spelling.
        column: String,
        /// The offending field, verbatim.
        value: String,
        /// What the column accepts.
        expected: String,
    },

    /// A list of Gleditsch–Ward codes holds a number above 999: the damage UCDP's xlsx
    /// downloads do to some G&W lists, stored as numbers with the commas read as thousands
    /// separators (`2,696,670` → `2696670`). Never split silently: the fix is to read the
    /// release from UCDP's CSV download, or to export the column as text.
    #[error(
        "{file}: line {line}, column `{column}`: found {value:?}, a number above 999 in a list of Gleditsch–Ward codes: a spreadsheet stored the list as a number, reading its commas as thousands separators (probably {probable:?}); use UCDP's CSV download, or re-export the column as text so that the list keeps its commas"
    )]
    SpreadsheetNumber {
        /// The file read.
        file: String,
        /// Line where the record starts.
        line: u64,
        /// The column, in UCDP's spelling.
        column: String,
        /// The field, verbatim.
        value: String,
        /// The number split into 3-digit groups: what the list probably was.
        probable: String,
    },

    /// The same key (e.g. conflict-year) appears twice.
    #[error("{file}: line {line}: duplicate {key}; first seen on line {first_line}")]
    DuplicateRecord {
        /// The file read.
        file: String,
        /// Line of the second occurrence.
        line: u64,
        /// Line of the first occurrence.
        first_line: u64,
        /// The key, e.g. `conflict-year (conflict_id 11342, year 2012)`.
        key: String,
    },

    /// The bytes are not valid CSV (e.g. invalid UTF-8).
    #[error("{file}: line {line}: {message}")]
    Malformed {
        /// The file read.
        file: String,
        /// Line where the problem was found.
        line: u64,
        /// What is wrong.
        message: String,
    },

    /// No embedded dataset has this name/version.
    #[error("unknown dataset `{name}`{}; available: {available}", version.as_deref().map(|v| format!(" version `{v}`")).unwrap_or_default())]
    UnknownDataset {
        /// The name asked for.
        name: String,
        /// The version asked for.
        version: Option<String>,
        /// The embedded datasets, `name version` pairs.
        available: String,
    },

    /// An embedded dataset's bytes do not match their registered SHA-256.
    #[error(
        "embedded dataset {name} v{version} fails its checksum (expected SHA-256 {expected}, got {actual}); the build is corrupted: rebuild conflictstats"
    )]
    ChecksumMismatch {
        /// Dataset name.
        name: String,
        /// Dataset version.
        version: String,
        /// Registered SHA-256.
        expected: String,
        /// SHA-256 of the bytes found.
        actual: String,
    },

    /// A count, panel or trend specification is not valid for the data.
    #[error("invalid specification: {0}")]
    InvalidSpec(String),

    /// A claim file (TOML or JSON) is not a valid claim. `line` and `column` are 1-based; 0
    /// when the problem is with the claim as a whole (e.g. a negative figure).
    #[error("{file}: {}{message}", if *line > 0 { format!("line {line}, column {column}: ") } else { String::new() })]
    ClaimFile {
        /// The file read.
        file: String,
        /// Line of the problem (0: the whole claim).
        line: u64,
        /// Column of the problem (0: the whole claim).
        column: u64,
        /// What is wrong.
        message: String,
    },
}

/// The class of an [`Error`], used by the shells (CLI exit codes, Python exception classes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The file could not be read from disk.
    Io,
    /// The file's structure is wrong: empty, missing/duplicate column, wrong delimiter,
    /// wrong number of fields.
    Schema,
    /// A field's value is invalid, or the bytes are not valid CSV text.
    Parse,
    /// A key appears twice.
    Duplicate,
    /// Unknown dataset or failed checksum.
    Dataset,
    /// Invalid specification or arguments.
    Spec,
}

impl Error {
    /// The class of this error.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Io { .. } => ErrorKind::Io,
            Error::EmptyFile { .. }
            | Error::MissingColumn { .. }
            | Error::DuplicateColumn { .. }
            | Error::WrongDelimiter { .. }
            | Error::FieldCount { .. } => ErrorKind::Schema,
            Error::InvalidValue { .. }
            | Error::SpreadsheetNumber { .. }
            | Error::Malformed { .. }
            | Error::ClaimFile { .. } => ErrorKind::Parse,
            Error::DuplicateRecord { .. } => ErrorKind::Duplicate,
            Error::UnknownDataset { .. } | Error::ChecksumMismatch { .. } => ErrorKind::Dataset,
            Error::InvalidSpec(_) => ErrorKind::Spec,
        }
    }

    /// The file the error is about, if any.
    #[must_use]
    pub fn file(&self) -> Option<&str> {
        match self {
            Error::Io { file, .. }
            | Error::EmptyFile { file, .. }
            | Error::MissingColumn { file, .. }
            | Error::DuplicateColumn { file, .. }
            | Error::WrongDelimiter { file, .. }
            | Error::FieldCount { file, .. }
            | Error::InvalidValue { file, .. }
            | Error::SpreadsheetNumber { file, .. }
            | Error::DuplicateRecord { file, .. }
            | Error::Malformed { file, .. }
            | Error::ClaimFile { file, .. } => Some(file),
            _ => None,
        }
    }

    /// The 1-based line (where the record starts), if the error is about one.
    #[must_use]
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::MissingColumn { line, .. }
            | Error::DuplicateColumn { line, .. }
            | Error::WrongDelimiter { line, .. }
            | Error::FieldCount { line, .. }
            | Error::InvalidValue { line, .. }
            | Error::SpreadsheetNumber { line, .. }
            | Error::DuplicateRecord { line, .. }
            | Error::Malformed { line, .. } => Some(*line),
            Error::ClaimFile { line, .. } if *line > 0 => Some(*line),
            _ => None,
        }
    }

    /// The column the error is about, if any.
    #[must_use]
    pub fn column(&self) -> Option<&str> {
        match self {
            Error::MissingColumn { column, .. }
            | Error::DuplicateColumn { column, .. }
            | Error::InvalidValue { column, .. }
            | Error::SpreadsheetNumber { column, .. } => Some(column),
            _ => None,
        }
    }

    /// The offending value, if the error is about one field.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        match self {
            Error::InvalidValue { value, .. } | Error::SpreadsheetNumber { value, .. } => {
                Some(value)
            }
            _ => None,
        }
    }

    pub(crate) fn spec(msg: impl fmt::Display) -> Error {
        Error::InvalidSpec(msg.to_string())
    }
}
