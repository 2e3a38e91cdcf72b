//! The columnar file formats, known by name or extension: compiled with or without the
//! `columnar` feature, so that a build without it can still say that a file is Parquet or
//! Arrow IPC and which feature reads it.

use crate::error::{Error, Result};
use std::path::Path;

/// A columnar file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Apache Parquet (`.parquet`, `.pq`).
    Parquet,
    /// Arrow IPC, file (Feather v2) or stream layout (`.arrow`, `.ipc`, `.feather`, `.arrows`).
    ArrowIpc,
}

impl FileFormat {
    /// The format named by the path's extension, if it names one.
    ///
    /// ```
    /// use conflictstats::data::columnar::FileFormat;
    /// assert_eq!(FileFormat::from_path("ged.parquet".as_ref()), Some(FileFormat::Parquet));
    /// assert_eq!(FileFormat::from_path("ged.feather".as_ref()), Some(FileFormat::ArrowIpc));
    /// assert_eq!(FileFormat::from_path("ged.csv".as_ref()), None);
    /// ```
    #[must_use]
    pub fn from_path(path: &Path) -> Option<FileFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "parquet" | "pq" => Some(FileFormat::Parquet),
            "arrow" | "ipc" | "feather" | "arrows" => Some(FileFormat::ArrowIpc),
            _ => None,
        }
    }

    /// Parses `parquet`, `arrow` (also `ipc`, `feather`).
    pub fn parse(s: &str) -> Result<FileFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "parquet" => Ok(FileFormat::Parquet),
            "arrow" | "ipc" | "feather" => Ok(FileFormat::ArrowIpc),
            _ => Err(Error::spec(format!(
                "unknown events format `{s}`; expected parquet or arrow"
            ))),
        }
    }

    /// `Parquet` or `Arrow IPC`, for messages.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Parquet => "Parquet",
            FileFormat::ArrowIpc => "Arrow IPC",
        }
    }

    /// The format named, else the one the extension names.
    #[cfg(feature = "columnar")]
    pub(crate) fn of(path: &Path, format: Option<FileFormat>) -> Result<FileFormat> {
        format.or_else(|| FileFormat::from_path(path)).ok_or_else(|| {
            Error::spec(format!(
                "{}: cannot tell the events format from the extension; name it (parquet or arrow)",
                path.display()
            ))
        })
    }
}
