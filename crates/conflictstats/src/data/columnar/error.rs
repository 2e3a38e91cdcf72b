//! The errors of columnar input: a missing column, a column of the wrong type, a null or a
//! value out of range at a row, a file that is not Parquet/Arrow. Each names the file (or
//! `<DataFrame>`), and where it applies the column and the 0-based row.

use crate::error::ErrorKind;

/// What is wrong with a columnar input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ColumnarError {
    /// A column the aggregation needs is absent.
    #[error("{file}: no column `{column}`; {unit} aggregation reads {needed} (GED column names)")]
    MissingColumn {
        /// The file (or `<DataFrame>`).
        file: String,
        /// The missing column.
        column: String,
        /// The unit asked for (`country`, `conflict`, `priogrid`).
        unit: &'static str,
        /// The columns that unit reads, comma-separated.
        needed: String,
    },
    /// A column name appears twice.
    #[error("{file}: column `{column}` appears more than once")]
    DuplicateColumn {
        /// The file.
        file: String,
        /// The repeated column.
        column: String,
    },
    /// A column's type is not one the column can hold without a lossy cast.
    #[error("{file}: column `{column}` is {found}; expected {expected} (no cast is made)")]
    WrongType {
        /// The file.
        file: String,
        /// The column.
        column: String,
        /// The type found (Arrow or polars spelling).
        found: String,
        /// The types accepted.
        expected: String,
    },
    /// A null in a column that must have a value.
    #[error("{file}: row {row}, column `{column}`: expected {expected}, found null")]
    Null {
        /// The file.
        file: String,
        /// 0-based row over the whole input.
        row: u64,
        /// The column.
        column: String,
        /// What the value must be.
        expected: String,
    },
    /// A value out of the column's range (or a date with a time of day).
    #[error("{file}: row {row}, column `{column}`: expected {expected}, found {value}")]
    InvalidValue {
        /// The file.
        file: String,
        /// 0-based row over the whole input.
        row: u64,
        /// The column.
        column: String,
        /// The value, as written.
        value: String,
        /// What the value must be.
        expected: String,
    },
    /// The bytes are not a readable Parquet or Arrow IPC file.
    #[error("{file}: not a readable {format} file: {message}")]
    Format {
        /// The file.
        file: String,
        /// `Parquet` or `Arrow IPC`.
        format: &'static str,
        /// The decoder's message.
        message: String,
    },
}

impl ColumnarError {
    /// The class of the error: schema (missing, duplicate, wrong type), parse (null, value,
    /// unreadable bytes).
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        match self {
            ColumnarError::MissingColumn { .. }
            | ColumnarError::DuplicateColumn { .. }
            | ColumnarError::WrongType { .. } => ErrorKind::Schema,
            ColumnarError::Null { .. }
            | ColumnarError::InvalidValue { .. }
            | ColumnarError::Format { .. } => ErrorKind::Parse,
        }
    }

    /// The file the error is about.
    #[must_use]
    pub fn file(&self) -> &str {
        match self {
            ColumnarError::MissingColumn { file, .. }
            | ColumnarError::DuplicateColumn { file, .. }
            | ColumnarError::WrongType { file, .. }
            | ColumnarError::Null { file, .. }
            | ColumnarError::InvalidValue { file, .. }
            | ColumnarError::Format { file, .. } => file,
        }
    }

    /// The column, when the error is about one.
    #[must_use]
    pub fn column(&self) -> Option<&str> {
        match self {
            ColumnarError::MissingColumn { column, .. }
            | ColumnarError::DuplicateColumn { column, .. }
            | ColumnarError::WrongType { column, .. }
            | ColumnarError::Null { column, .. }
            | ColumnarError::InvalidValue { column, .. } => Some(column),
            ColumnarError::Format { .. } => None,
        }
    }

    /// The 0-based row, when the error is about one.
    #[must_use]
    pub fn row(&self) -> Option<u64> {
        match self {
            ColumnarError::Null { row, .. } | ColumnarError::InvalidValue { row, .. } => Some(*row),
            _ => None,
        }
    }

    /// The offending value (`null` for a null), when the error is about one.
    #[must_use]
    pub fn value(&self) -> Option<&str> {
        match self {
            ColumnarError::InvalidValue { value, .. } => Some(value),
            ColumnarError::Null { .. } => Some("null"),
            _ => None,
        }
    }

    /// What was expected, when the error says it.
    #[must_use]
    pub fn expected(&self) -> Option<&str> {
        match self {
            ColumnarError::WrongType { expected, .. }
            | ColumnarError::Null { expected, .. }
            | ColumnarError::InvalidValue { expected, .. } => Some(expected),
            _ => None,
        }
    }
}

impl From<ColumnarError> for crate::Error {
    fn from(e: ColumnarError) -> crate::Error {
        crate::Error::Columnar(Box::new(e))
    }
}
