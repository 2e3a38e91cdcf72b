//! The crate's error type.
//!
//! Every failure is a value of [`Error`] with enough context to act on it: for a bad file, the
//! file, the 1-based line where the record starts, the column, the offending value and what was
//! expected. The CLI turns an error into one line on stderr; the Python bindings turn it into a
//! subclass of `conflictstats.ConflictStatsError` chosen by [`Error::kind`].

use std::fmt;

/// The `file` of errors about a DataFrame (no file: its rows are located by row index).
pub const DATAFRAME_LABEL: &str = "<DataFrame>";

/// Where a record is: `file: line N` in a file; `<DataFrame>: row index N` (0-based, as
/// `df[N]` reads it) in a DataFrame, whose errors carry the 1-based row number as `line`.
fn at(file: &str, line: u64) -> String {
    if file == DATAFRAME_LABEL {
        format!("{file}: row index {}", line.saturating_sub(1))
    } else {
        format!("{file}: line {line}")
    }
}

/// The other occurrence's place, as [`at`] words it, without the file.
fn other(file: &str, line: u64) -> String {
    if file == DATAFRAME_LABEL {
        format!("row index {}", line.saturating_sub(1))
    } else {
        format!("line {line}")
    }
}

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
        "{file}: line {line}: the header has no column `{column}`; expected the columns of the {dataset}{}",
        if dataset.starts_with("UCDP") { " (UCDP download or API layout)" } else { "" }
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
        "{}: expected {expected} fields as in the header, found {found}; the row is truncated or has an unquoted delimiter", at(file, *line)
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
    #[error("{}, column `{column}`: expected {expected}, found {value:?}", at(file, *line))]
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
        "{}, column `{column}`: found {value:?}, a number above 999 in a list of Gleditsch–Ward codes: a spreadsheet stored the list as a number, reading its commas as thousands separators (probably {probable:?}); use UCDP's CSV download, or re-export the column as text so that the list keeps its commas",
        at(file, *line)
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
    #[error("{}: duplicate {key}; first seen on {}", at(file, *line), other(file, *first_line))]
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
    #[error("{}: {message}", at(file, *line))]
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
    /// A download failed or was refused (see [`FetchError`]); nothing was cached.
    /// Columnar input (Parquet, Arrow IPC, a DataFrame) with a missing column, a wrong type,
    /// a null or a bad value ([`ColumnarError`](crate::data::columnar::ColumnarError)).
    #[error(transparent)]
    Columnar(Box<crate::data::columnar::ColumnarError>),

    #[error(transparent)]
    Fetch(Box<FetchError>),

    /// Partial event tables cannot be merged (see [`crate::events::MergeError`]).
    #[error(transparent)]
    Merge(Box<crate::events::MergeError>),

    /// Two copies of a dataset cannot be compared (see [`crate::diff::DiffError`]).
    #[error(transparent)]
    Diff(Box<crate::diff::DiffError>),

    /// A file read with an expected checksum (`--expect-sha256`) has other bytes.
    #[error(
        "{file}: SHA-256 {actual} differs from the expected {expected}: these are not the bytes you pinned"
    )]
    UnexpectedChecksum {
        /// The file read.
        file: String,
        /// The SHA-256 asked for.
        expected: String,
        /// The SHA-256 of the bytes read.
        actual: String,
    },

    /// A dataset read is not an official release (`--require-official`): a modified copy, an
    /// unregistered version or an unverified download.
    #[error(
        "{name} v{version} ({source_label}) is {status}, not an official release; --require-official refuses it"
    )]
    NotOfficial {
        /// Dataset name.
        name: String,
        /// The version the data claim.
        version: String,
        /// Where the bytes came from.
        source_label: String,
        /// How the bytes relate to the registry (`modified`, `unregistered`, `unverified`).
        status: String,
    },

    /// The data a command read differ from the lockfile (`--locked`).
    #[error("{lock_file}: dataset {name}: {message}")]
    Locked {
        /// The lockfile.
        lock_file: String,
        /// The dataset that differs.
        name: String,
        /// What differs.
        message: String,
    },

    /// A lockfile or a cache record cannot be read.
    #[error("{file}: {message}")]
    BadRecord {
        /// The lockfile or cache record.
        file: String,
        /// What is wrong.
        message: String,
    },

    /// A cached release's bytes changed after it was fetched and verified (checked before
    /// the file is parsed).
    #[error(
        "{file}: the cached copy of {name} v{version} changed since it was fetched (SHA-256 {actual}, not the {expected} recorded then) — fetch it again: {}", crate::hint::fetch_command(.name, .version)
    )]
    CacheChanged {
        /// The cached file.
        file: String,
        /// Dataset name.
        name: String,
        /// Dataset version.
        version: String,
        /// SHA-256 recorded at fetch time.
        expected: String,
        /// SHA-256 of the bytes now.
        actual: String,
    },
}

/// Why a download of a release failed. Every variant names the URL; none leaves anything in
/// the cache (the download is written to a temporary file in the cache directory and renamed
/// into place only after it has been verified).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The server answered with an HTTP error status (404: no such release at this URL).
    #[error("{url}: HTTP {status}{}", if *status == 404 { " (not found: no such release at this address)" } else { "" })]
    Status {
        /// The URL requested.
        url: String,
        /// The HTTP status code.
        status: u16,
    },
    /// The connection closed before the announced number of bytes arrived.
    #[error("{url}: the download was truncated: {received} of {expected} bytes arrived")]
    Truncated {
        /// The URL requested.
        url: String,
        /// Bytes received.
        received: u64,
        /// Bytes announced (`Content-Length`) or required by the archive.
        expected: u64,
    },
    /// The body is not a zip archive (typically an HTML error or login page).
    #[error(
        "{url}: expected a zip archive, found {found} (Content-Type {content_type}); the address serves a web page, not UCDP's download"
    )]
    NotZip {
        /// The URL requested.
        url: String,
        /// The response's Content-Type (or `none`).
        content_type: String,
        /// The first bytes of the body, as text.
        found: String,
    },
    /// The zip archive is damaged, or holds no single CSV file.
    #[error("{url}: {message}")]
    BadArchive {
        /// The URL requested.
        url: String,
        /// What is wrong with the archive.
        message: String,
    },
    /// The server was too slow: no connection within the connect timeout, nothing received
    /// for the read timeout (a stalled answer or body), or the whole fetch not done by its
    /// deadline.
    #[error("{url}: {}", timeout_message(phase, *seconds))]
    Timeout {
        /// The URL requested.
        url: String,
        /// What ran out: `connect`, `response` or `body` (a stall), or `deadline` (the whole
        /// fetch).
        phase: String,
        /// The timeout, in seconds.
        seconds: f64,
    },
    /// A redirect that is not followed: too many, without an address, to another scheme than
    /// http(s), or from https down to plain http.
    #[error("{url}: redirect refused: {message}")]
    Redirect {
        /// The URL that answered with the redirect.
        url: String,
        /// Why it is not followed.
        message: String,
    },
    /// The server refused the request (HTTP 401 or 403) after a redirect to another origin,
    /// to which the credential (the API token, or a mirror's user and password) was not sent.
    #[error(
        "{url}: HTTP {status}: a redirect led to {origin}, and the {credential} is sent only to {allowed}, never to another origin; if you trust {origin}, give it as --base-url"
    )]
    Withheld {
        /// The URL that refused.
        url: String,
        /// Its HTTP status.
        status: u16,
        /// Its origin (scheme, host, port).
        origin: String,
        /// The origin the credential belongs to.
        allowed: String,
        /// Which credential was withheld.
        credential: String,
    },
    /// The download (or the file inside the archive) is larger than the size cap.
    #[error(
        "{url}: {what} exceeds the size cap of {cap} bytes; raise it with --max-bytes or CONFLICTSTATS_MAX_BYTES"
    )]
    TooLarge {
        /// The URL requested.
        url: String,
        /// What was too large, with its size when known.
        what: String,
        /// The cap, in bytes.
        cap: u64,
    },
    /// The downloaded file is not the registered release: its SHA-256 (or size) differs from
    /// the published one (tampered with, or damaged on the way).
    #[error(
        "{url}: {name} v{version} fails its checksum: expected SHA-256 {expected} ({expected_bytes} bytes), got {actual} ({actual_bytes} bytes); the download is not the official release"
    )]
    Checksum {
        /// The URL requested.
        url: String,
        /// Dataset name.
        name: String,
        /// Dataset version.
        version: String,
        /// The registered SHA-256.
        expected: String,
        /// The registered size, or `?`.
        expected_bytes: String,
        /// SHA-256 of the bytes received.
        actual: String,
        /// Size of the bytes received.
        actual_bytes: u64,
    },
    /// The downloaded rows are not the release asked for, or do not load.
    #[error("{url}: the downloaded data are not {name} v{version}: {message}")]
    WrongData {
        /// The URL requested.
        url: String,
        /// Dataset name.
        name: String,
        /// Dataset version.
        version: String,
        /// What is wrong (the loader's error, or the version the rows claim).
        message: String,
    },
    /// The API answered with something other than UCDP's paged JSON.
    #[error("{url}: not the UCDP API's paged JSON ({message})")]
    Api {
        /// The URL requested.
        url: String,
        /// What is wrong.
        message: String,
    },
    /// The UCDP API needs an access token.
    #[error(
        "{url}: the UCDP API needs an access token: set UCDP_API_TOKEN (sent as the x-ucdp-access-token header)"
    )]
    NoToken {
        /// The URL that would have been requested.
        url: String,
    },
    /// Any other network failure (DNS, connection refused, TLS, …).
    #[error("{url}: {message}")]
    Network {
        /// The URL requested.
        url: String,
        /// The client's error.
        message: String,
    },
    /// Downloads are switched off (`--offline`, `CONFLICTSTATS_OFFLINE`, or a build without
    /// the `fetch` feature).
    #[error("{url}: offline: conflictstats opens no connection ({why})")]
    Offline {
        /// The URL that would have been requested.
        url: String,
        /// Why downloads are off.
        why: String,
    },
    /// The dataset has no UCDP download, or the version is not a UCDP release number.
    #[error("cannot fetch {name} {version}: {message}")]
    Unsupported {
        /// Dataset name.
        name: String,
        /// Version asked for.
        version: String,
        /// Why.
        message: String,
    },
    /// The cache directory cannot be written.
    #[error("{path}: cannot write the cache: {source}")]
    Cache {
        /// The path written.
        path: String,
        /// The operating-system error.
        #[source]
        source: std::io::Error,
    },
}

impl From<FetchError> for Error {
    fn from(e: FetchError) -> Error {
        Error::Fetch(Box::new(e))
    }
}

impl FetchError {
    /// The URL the failure is about, if any.
    #[must_use]
    pub fn url(&self) -> Option<&str> {
        match self {
            FetchError::Status { url, .. }
            | FetchError::Truncated { url, .. }
            | FetchError::NotZip { url, .. }
            | FetchError::BadArchive { url, .. }
            | FetchError::Timeout { url, .. }
            | FetchError::Redirect { url, .. }
            | FetchError::Withheld { url, .. }
            | FetchError::TooLarge { url, .. }
            | FetchError::Checksum { url, .. }
            | FetchError::WrongData { url, .. }
            | FetchError::Api { url, .. }
            | FetchError::NoToken { url }
            | FetchError::Network { url, .. }
            | FetchError::Offline { url, .. } => Some(url),
            FetchError::Unsupported { .. } | FetchError::Cache { .. } => None,
        }
    }
}

/// The message of [`FetchError::Timeout`]: which limit ran out, and which option raises it.
fn timeout_message(phase: &str, seconds: f64) -> String {
    match phase {
        "deadline" => format!(
            "the fetch did not finish within its deadline of {seconds} s; raise it with --timeout or CONFLICTSTATS_TIMEOUT"
        ),
        "connect" => format!(
            "no connection within {seconds} s; raise it with --connect-timeout or CONFLICTSTATS_CONNECT_TIMEOUT"
        ),
        _ => format!("the server sent nothing for {seconds} s ({phase}): it stalled"),
    }
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
    /// A download failed ([`Error::Fetch`]).
    Fetch,
    /// The data differ from the lockfile, from an expected checksum, or are not official
    /// under `--require-official`.
    Integrity,
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
            Error::Diff(e) => e.kind(),
            Error::InvalidSpec(_) | Error::Merge(_) => ErrorKind::Spec,
            Error::Fetch(_) => ErrorKind::Fetch,
            Error::Columnar(e) => e.kind(),
            Error::UnexpectedChecksum { .. }
            | Error::NotOfficial { .. }
            | Error::Locked { .. }
            | Error::BadRecord { .. }
            | Error::CacheChanged { .. } => ErrorKind::Integrity,
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
            | Error::ClaimFile { file, .. }
            | Error::UnexpectedChecksum { file, .. }
            | Error::Locked {
                lock_file: file, ..
            }
            | Error::BadRecord { file, .. }
            | Error::CacheChanged { file, .. } => Some(file),
            Error::Fetch(e) => e.url(),
            Error::Columnar(e) => Some(e.file()),
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
            // A row of a columnar input: its 1-based number, as for a DataFrame's rows.
            Error::Columnar(e) => e.row().map(|r| r + 1),
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
            Error::Columnar(e) => e.column(),
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
            Error::Columnar(e) => e.value(),
            _ => None,
        }
    }

    pub(crate) fn spec(msg: impl fmt::Display) -> Error {
        Error::InvalidSpec(msg.to_string())
    }
}
