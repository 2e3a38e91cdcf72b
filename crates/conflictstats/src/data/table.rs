//! A strict CSV reader shared by all loaders: header → column positions, then typed field
//! accessors whose errors carry the file, line, column and value.
//!
//! UCDP's files are RFC 4180 CSV with quoted multi-line fields; the `csv` crate reads them and
//! reports the line where each record starts. Nothing here trims or rewrites text fields: the
//! quirks (padded names, embedded newlines) are kept. Numeric and code fields are trimmed of
//! surrounding spaces before parsing, since UCDP's lists are written `"200,  2"`.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::cell::Cell;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;
use std::str::FromStr;

/// The longest record (one CSV row, all fields, quotes included) a loader reads: 8 MiB. The
/// longest real UCDP row (a GED event with its source articles) is a few KiB; a longer
/// "record" is a corrupted file (a missing closing quote, a binary blob), reported as
/// [`Error::Malformed`] after reading at most this much of it instead of buffering it whole.
pub const MAX_RECORD_BYTES: u64 = 8 << 20;

/// Something a loader accepted but the reader should know: the bytes were not in UCDP's
/// release format and were read under a documented rule (never a silent guess).
///
/// Every loaded dataset carries its warnings (`warnings` field); the CLI prints each as a
/// `warning: …` line on stderr.
///
/// ```
/// use conflictstats::data::{Acd, WarningKind};
///
/// let text = "conflict_id;location;side_a;side_a_id;side_a_2nd;side_b;side_b_id;side_b_2nd;incompatibility;territory_name;year;intensity_level;cumulative_intensity;type_of_conflict;start_date;start_prec;start_date2;start_prec2;ep_end;ep_end_date;ep_end_prec;gwno_a;gwno_a_2nd;gwno_b;gwno_b_2nd;gwno_loc;region;version\r\n\
///     11342;India;Government of India;141;;GNLA;1163;;1;Garoland;2012;1;0;3;29-5-1997;1;15-11-2012;1;1;21-12-2012;;750;;;;750;3;25.1\r\n";
/// let acd = Acd::from_bytes("resaved.csv", text.as_bytes())?;
/// assert_eq!(acd.records[0].start_date.to_string(), "1997-05-29");
/// let kinds: Vec<WarningKind> = acd.warnings.iter().map(|w| w.kind).collect();
/// assert_eq!(kinds, [WarningKind::SemicolonDelimiter, WarningKind::DayFirstDates]);
/// assert_eq!(acd.warnings[1].count, 3); // three dates rewritten, first on line 2
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LoadWarning {
    /// What was accepted.
    pub kind: WarningKind,
    /// The file read.
    pub file: String,
    /// First line concerned (1: the header); 0 for a warning about the file as a whole (its
    /// [`Provenance`](crate::data::Provenance), kind [`WarningKind::Provenance`]).
    pub line: u64,
    /// First column concerned, in UCDP's spelling, if the warning is about fields.
    pub column: Option<String>,
    /// How many records (delimiter) or fields (dates) it concerns.
    pub count: u64,
    /// What was done, in one sentence.
    pub message: String,
}

/// The class of a [`LoadWarning`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WarningKind {
    /// The file is `;`-separated, as a spreadsheet in a decimal-comma locale writes CSV; its
    /// header matched the dataset's columns, so it was read with `;` as the delimiter.
    SemicolonDelimiter,
    /// In a `;`-separated re-save, dates written day first (`d-m-yyyy` or `d.m.yyyy`, as those
    /// locales write them) were read as such. `d/m/yyyy` is never accepted (ambiguous with the
    /// US `m/d/yyyy`), nor are day-first dates in a comma-separated file.
    DayFirstDates,
    /// A code in the conflict data's `gwno_*` columns names no G&W member in the record's year,
    /// after UCDP's codes are mapped to G&W's (`data/crosswalk/ucdp_gw.csv`): a colony before
    /// independence (extrasystemic wars are located in the later state), or a state UCDP lists
    /// and G&W does not (751 Hyderabad). Those conflict-years reach no state-year row; the
    /// warning names the codes, years and conflicts. `line` is 0: it concerns records, not a
    /// line.
    UnmatchedCode,
    /// The dataset is not a verified release: a modified copy of one, an unregistered
    /// version, or an unverified download (see
    /// [`Provenance::status_warning`](crate::data::Provenance::status_warning)). Its figures
    /// are not the release's.
    Provenance,
}

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ": line {}", self.line)?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column `{c}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A reader that computes the SHA-256 of every byte read through it, so that a streamed file
/// is hashed in the same pass that parses it (read once, never held whole).
pub(crate) struct Sha256Reader<R> {
    inner: R,
    hasher: sha2::Sha256,
}

impl<R: Read> Sha256Reader<R> {
    pub(crate) fn new(inner: R) -> Self {
        use sha2::Digest as _;
        Sha256Reader {
            inner,
            hasher: sha2::Sha256::new(),
        }
    }

    /// Reads what is left (so that the digest covers the whole input) and returns the digest
    /// as lower-case hex.
    pub(crate) fn finish_hex(mut self) -> String {
        use sha2::Digest as _;
        let _ = std::io::copy(&mut self, &mut std::io::sink());
        self.hasher
            .finalize()
            .iter()
            .fold(String::with_capacity(64), |mut s, b| {
                use std::fmt::Write as _;
                let _ = write!(s, "{b:02x}");
                s
            })
    }
}

impl<R: Read> Read for Sha256Reader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use sha2::Digest as _;
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }
}

/// Columns a loader needs, in UCDP's spelling, with the alternative spellings accepted.
pub(crate) struct Schema {
    /// What the file should hold (for messages), e.g. `UCDP/PRIO Armed Conflict Dataset`.
    pub dataset: &'static str,
    /// Canonical column names; [`Row`] accessors take the index into this slice.
    pub columns: &'static [&'static str],
    /// `(alias, canonical)` pairs, compared after lower-casing (e.g. API `side_a_Id`).
    pub aliases: &'static [(&'static str, &'static str)],
}

/// What the header told us about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    /// Header fields as written.
    pub raw: Vec<String>,
    /// Header columns that were matched through an alias (`side_a_Id` → `side_a_id`).
    pub aliased: Vec<(String, String)>,
    /// Header columns the schema does not know (kept in the load report, not silently lost).
    pub unknown: Vec<String>,
    /// What was accepted under a documented rule (see [`LoadWarning`]).
    pub warnings: Vec<LoadWarning>,
}

/// Reads every record of `bytes`, calling `f` for each with typed accessors.
pub(crate) fn read(
    file: &str,
    bytes: &[u8],
    schema: &Schema,
    f: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<Header> {
    read_from(file, bytes, schema, f)
}

/// Reads every record from `input` (streamed: memory is bounded by the longest record, at most
/// [`MAX_RECORD_BYTES`], not by the file), calling `f` for each with typed accessors.
pub(crate) fn read_from<R: Read>(
    file: &str,
    input: R,
    schema: &Schema,
    mut f: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<Header> {
    let mut input = BufReader::with_capacity(64 * 1024, input);
    let io = |source| Error::Io {
        file: file.to_string(),
        source,
    };
    let head = input.fill_buf().map_err(io)?;
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return Err(Error::Malformed {
            file: file.to_string(),
            line: 1,
            message: "the file is UTF-16 (a spreadsheet's \"Unicode text\" export); UCDP files are UTF-8: re-save the file as UTF-8 CSV".to_string(),
        });
    }
    // A UTF-8 byte-order mark, as written by some spreadsheet tools, is not part of the header.
    if head.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    let delimiter = sniff_delimiter(file, input.fill_buf().map_err(io)?, schema);
    let mark = Rc::new(Cell::new(0u64));
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        // `\n` alone ends a record; a `\r` before it is stripped by `strip_cr`. (With the
        // csv crate's CRLF default, records after a `\r\n` get the previous line's number.)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(Bounded {
            inner: input,
            fed: 0,
            mark: Rc::clone(&mark),
        });
    let mut record = csv::StringRecord::new();
    let more = rdr
        .read_record(&mut record)
        .map_err(|e| csv_error(file, &e, 1, &[]))?;
    strip_cr(&mut record);
    if !more || (record.len() == 1 && record[0].trim().is_empty()) {
        return Err(Error::EmptyFile {
            file: file.to_string(),
            dataset: schema.dataset.to_string(),
        });
    }
    let header_line = record.position().map_or(1, csv::Position::line);
    if let Some(field) = nul_field(&record) {
        return Err(Error::Malformed {
            file: file.to_string(),
            line: header_line,
            message: format!(
                "header field {} contains a NUL byte (0x00); the file is binary, UTF-16 or corrupted",
                field + 1
            ),
        });
    }
    let (positions, mut header) = map_header(file, header_line, &record, schema)?;
    let expected = record.len() as u64;
    let names: Vec<String> = record.iter().map(|n| n.trim().to_string()).collect();
    let fixes = DateFixes::default();
    let day_first = (delimiter == b';').then_some(&fixes);
    let mut records = 0u64;
    loop {
        mark.set(rdr.position().byte());
        let next_line = rdr.position().line();
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, &e, next_line, &names)),
        }
        strip_cr(&mut record);
        if record.len() == 1 && record[0].is_empty() {
            continue; // a blank CRLF line, skipped as the csv crate skips blank LF lines
        }
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() as u64 != expected {
            return Err(Error::FieldCount {
                file: file.to_string(),
                line,
                expected,
                found: record.len() as u64,
            });
        }
        if let Some(field) = nul_field(&record) {
            return Err(Error::InvalidValue {
                file: file.to_string(),
                line,
                column: header.raw[field].clone(),
                value: record[field].to_string(),
                expected: "text without NUL bytes (0x00); the file is binary, UTF-16 or corrupted"
                    .to_string(),
            });
        }
        records += 1;
        f(&Row {
            file,
            line,
            record: Fields::Csv(&record),
            positions: &positions,
            schema,
            day_first,
        })?;
    }
    if delimiter == b';' {
        header.warnings.push(LoadWarning {
            kind: WarningKind::SemicolonDelimiter,
            file: file.to_string(),
            line: header_line,
            column: None,
            count: records,
            message: format!(
                "the file is `;`-separated (a spreadsheet re-save); its header matches the {} and its {records} records were read with `;` as the delimiter",
                schema.dataset
            ),
        });
    }
    if let Some((line, col)) = fixes.first.get() {
        let n = fixes.count.get();
        header.warnings.push(LoadWarning {
            kind: WarningKind::DayFirstDates,
            file: file.to_string(),
            line,
            column: Some(schema.columns[col].to_string()),
            count: n,
            message: format!(
                "{n} date(s) written day first (d-m-yyyy, as the spreadsheet's locale writes them) were read as day-month-year; the first is here"
            ),
        });
    }
    Ok(header)
}

/// The delimiter: `,`, or `;` when the first line is one `,`-field holding `;` and, split on
/// `;`, names the schema's columns (a spreadsheet re-save). Anything else stays `,` and an
/// odd header is then reported by [`map_header`] (e.g. [`Error::WrongDelimiter`] for tabs).
fn sniff_delimiter(file: &str, head: &[u8], schema: &Schema) -> u8 {
    let first = head
        .iter()
        .position(|b| *b == b'\n')
        .map_or(head, |i| &head[..i]);
    let first_record = |delimiter: u8| {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(first);
        let mut rec = csv::StringRecord::new();
        matches!(rdr.read_record(&mut rec), Ok(true)).then_some(rec)
    };
    match first_record(b',') {
        Some(rec) if rec.len() == 1 && rec[0].contains(';') => {}
        _ => return b',',
    }
    match first_record(b';') {
        Some(rec) if map_header(file, 1, &rec, schema).is_ok() => b';',
        _ => b',',
    }
}

/// Removes the `\r` of a CRLF line ending from the record's last field.
fn strip_cr(record: &mut csv::StringRecord) {
    if !record.as_slice().ends_with('\r') {
        return;
    }
    let n = record.len();
    let last = record[n - 1]
        .strip_suffix('\r')
        .unwrap_or(&record[n - 1])
        .to_string();
    record.truncate(n - 1);
    record.push_field(&last);
}

/// Index of the first field holding a NUL byte.
fn nul_field(record: &csv::StringRecord) -> Option<usize> {
    if !record.as_slice().as_bytes().contains(&0) {
        return None;
    }
    record.iter().position(|f| f.as_bytes().contains(&0))
}

/// Day-first dates read in a `;` re-save: how many, and the first (line, schema column).
#[derive(Default)]
struct DateFixes {
    count: Cell<u64>,
    first: Cell<Option<(u64, usize)>>,
}

/// A reader that refuses to feed the CSV parser more than [`MAX_RECORD_BYTES`] past the start
/// of the current record (`mark`, set by [`read_from`] before each record).
struct Bounded<R> {
    inner: R,
    fed: u64,
    mark: Rc<Cell<u64>>,
}

/// The payload of the I/O error [`Bounded`] returns.
#[derive(Debug)]
struct RecordTooLong;

impl fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "record longer than {MAX_RECORD_BYTES} bytes")
    }
}

impl std::error::Error for RecordTooLong {}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.fed.saturating_sub(self.mark.get()) > MAX_RECORD_BYTES {
            return Err(std::io::Error::other(RecordTooLong));
        }
        let n = self.inner.read(buf)?;
        self.fed += n as u64;
        Ok(n)
    }
}

/// The loader's error for what the CSV reader refused; `header`: the header's column names,
/// to name the column of a field that is not UTF-8 (empty while the header is read).
fn csv_error(file: &str, e: &csv::Error, record_line: u64, header: &[String]) -> Error {
    let line = e.position().map_or(record_line, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|r| r.is::<RecordTooLong>()) => {
            Error::Malformed {
                file: file.to_string(),
                line: record_line,
                message: format!(
                    "the record starting on this line is longer than {} MiB (the limit); a quote is probably never closed, or the file is not CSV",
                    MAX_RECORD_BYTES >> 20
                ),
            }
        }
        csv::ErrorKind::Io(io) => Error::Io {
            file: file.to_string(),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
        csv::ErrorKind::Utf8 { err, .. } => Error::Malformed {
            file: file.to_string(),
            line,
            message: format!(
                "{} is not valid UTF-8 (a Windows-1252 or Latin-1 export?); UCDP files are UTF-8: re-save the file as UTF-8",
                header.get(err.field()).map_or_else(
                    || format!("field {}", err.field() + 1),
                    |name| format!("column `{name}` (field {})", err.field() + 1)
                )
            ),
        },
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::FieldCount {
            file: file.to_string(),
            line,
            expected: *expected_len,
            found: *len,
        },
        _ => Error::Malformed {
            file: file.to_string(),
            line,
            message: e.to_string(),
        },
    }
}

fn normalise(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

fn map_header(
    file: &str,
    line: u64,
    record: &csv::StringRecord,
    schema: &Schema,
) -> Result<(Vec<usize>, Header)> {
    if record.len() == 1 {
        let only = &record[0];
        if let Some(delimiter) = [';', '\t', '|'].into_iter().find(|d| only.contains(*d)) {
            return Err(Error::WrongDelimiter {
                file: file.to_string(),
                line,
                delimiter,
            });
        }
    }
    let mut positions = vec![usize::MAX; schema.columns.len()];
    let mut aliased = Vec::new();
    let mut unknown = Vec::new();
    for (pos, raw) in record.iter().enumerate() {
        let norm = normalise(raw);
        let canonical = schema
            .aliases
            .iter()
            .find(|(alias, _)| normalise(alias) == norm)
            .map_or(norm.as_str(), |(_, canonical)| *canonical);
        if canonical != raw {
            aliased.push((raw.to_string(), canonical.to_string()));
        }
        match schema.columns.iter().position(|c| *c == canonical) {
            Some(i) if positions[i] != usize::MAX => {
                return Err(Error::DuplicateColumn {
                    file: file.to_string(),
                    line,
                    column: raw.to_string(),
                });
            }
            Some(i) => positions[i] = pos,
            None => unknown.push(raw.to_string()),
        }
    }
    if let Some(i) = positions.iter().position(|p| *p == usize::MAX) {
        return Err(Error::MissingColumn {
            file: file.to_string(),
            line,
            column: schema.columns[i].to_string(),
            dataset: schema.dataset.to_string(),
        });
    }
    aliased.retain(|(raw, canonical)| raw.trim() != canonical);
    let header = Header {
        raw: record.iter().map(str::to_string).collect(),
        aliased,
        unknown,
        warnings: Vec::new(),
    };
    Ok((positions, header))
}

/// One record with typed accessors. `col` arguments index the schema's `columns`.
pub(crate) struct Row<'a> {
    file: &'a str,
    line: u64,
    record: Fields<'a>,
    positions: &'a [usize],
    schema: &'a Schema,
    /// Set in a `;`-separated re-save: day-first dates are read (and counted).
    day_first: Option<&'a DateFixes>,
}

/// A record's fields: from the `csv` crate, or split by the parallel reader
/// ([`super::scan`]): spans into the chunk's text, or (high bit set) into a scratch string
/// holding the fields whose `""` escapes were undone.
#[derive(Clone, Copy)]
pub(crate) enum Fields<'a> {
    Csv(&'a csv::StringRecord),
    Split {
        text: &'a str,
        scratch: &'a str,
        spans: &'a [(u32, u32)],
    },
}

/// The bit of a [`Fields::Split`] span's start that says "in the scratch string".
pub(crate) const IN_SCRATCH: u32 = 1 << 31;

impl<'a> Fields<'a> {
    #[inline]
    fn get(self, i: usize) -> &'a str {
        match self {
            Fields::Csv(r) => &r[i],
            Fields::Split {
                text,
                scratch,
                spans,
            } => {
                let (a, b) = spans[i];
                if a & IN_SCRATCH == 0 {
                    &text[a as usize..b as usize]
                } else {
                    &scratch[(a & !IN_SCRATCH) as usize..b as usize]
                }
            }
        }
    }
}

impl<'a> Row<'a> {
    /// A row over fields split by the parallel reader. Its line is 0: that reader gives up on
    /// any error, and the streaming reader then reads the file again to report it.
    pub(crate) fn split(
        file: &'a str,
        record: Fields<'a>,
        positions: &'a [usize],
        schema: &'a Schema,
    ) -> Row<'a> {
        Row {
            file,
            line: 0,
            record,
            positions,
            schema,
            day_first: None,
        }
    }
}

/// The header of `head` (the start of a file, BOM removed) as [`read_from`] maps it, and the
/// bytes it takes, for the parallel reader; `None` for whatever that reader leaves to
/// [`read_from`] (UTF-16, a `;` re-save, an empty or bad header, one that `head` cuts).
pub(crate) fn header_of(
    file: &str,
    head: &[u8],
    schema: &Schema,
) -> Option<(Vec<usize>, Header, usize)> {
    if head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF") {
        return None;
    }
    if sniff_delimiter(file, head, schema) != b',' {
        return None;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(b',')
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(head);
    let mut record = csv::StringRecord::new();
    if !rdr.read_record(&mut record).ok()? {
        return None;
    }
    let consumed = usize::try_from(rdr.position().byte()).ok()?;
    // The record must end with its line (not be cut by the end of `head`).
    if consumed == 0 || head.get(consumed - 1) != Some(&b'\n') {
        return None;
    }
    strip_cr(&mut record);
    if (record.len() == 1 && record[0].trim().is_empty()) || nul_field(&record).is_some() {
        return None;
    }
    let line = record.position().map_or(1, csv::Position::line);
    let (positions, header) = map_header(file, line, &record, schema).ok()?;
    Some((positions, header, consumed))
}

impl Row<'_> {
    /// Line where the record starts (1-based; the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The raw field, verbatim.
    pub fn str(&self, col: usize) -> &str {
        self.record.get(self.positions[col])
    }

    /// The field with surrounding whitespace removed, as `str::trim` removes it (a field
    /// that starts and ends with a visible ASCII character, as numbers and codes do, is
    /// returned as it is without scanning for Unicode spaces).
    #[inline]
    pub fn trimmed(&self, col: usize) -> &str {
        let s = self.str(col);
        match s.as_bytes() {
            [a, .., b] if a.is_ascii_graphic() && b.is_ascii_graphic() => s,
            [a] if a.is_ascii_graphic() => s,
            _ => s.trim(),
        }
    }

    /// The raw field as an owned string, verbatim.
    pub fn string(&self, col: usize) -> String {
        self.str(col).to_string()
    }

    /// An error about this row's `col`.
    pub fn invalid(&self, col: usize, expected: impl Into<String>) -> Error {
        Error::InvalidValue {
            file: self.file.to_string(),
            line: self.line,
            column: self.schema.columns[col].to_string(),
            value: self.str(col).to_string(),
            expected: expected.into(),
        }
    }

    /// The error for a G&W list stored as a number by a spreadsheet (see
    /// [`Error::SpreadsheetNumber`]); `probable` is the value split into 3-digit groups.
    pub fn spreadsheet_number(&self, col: usize, probable: String) -> Error {
        Error::SpreadsheetNumber {
            file: self.file.to_string(),
            line: self.line,
            column: self.schema.columns[col].to_string(),
            value: self.str(col).to_string(),
            probable,
        }
    }

    /// A required number.
    pub fn num<T: FromStr>(&self, col: usize, expected: &str) -> Result<T> {
        self.trimmed(col)
            .parse()
            .map_err(|_| self.invalid(col, expected))
    }

    /// An optional number (empty field → `None`).
    pub fn opt_num<T: FromStr>(&self, col: usize, expected: &str) -> Result<Option<T>> {
        let s = self.trimmed(col);
        if s.is_empty() {
            return Ok(None);
        }
        s.parse().map(Some).map_err(|_| self.invalid(col, expected))
    }

    /// A UCDP code mapped through `from_code`.
    pub fn code<T>(&self, col: usize, from_code: fn(u8) -> Option<T>, expected: &str) -> Result<T> {
        self.trimmed(col)
            .parse::<u8>()
            .ok()
            .and_then(from_code)
            .ok_or_else(|| self.invalid(col, expected))
    }

    /// A 0/1 flag.
    pub fn flag(&self, col: usize) -> Result<bool> {
        match self.trimmed(col) {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => Err(self.invalid(col, "0 or 1")),
        }
    }

    /// A comma-separated list (`"651, 666"`); an empty field is the empty list.
    pub fn list<T>(
        &self,
        col: usize,
        parse: impl Fn(&str) -> Option<T>,
        expected: &str,
    ) -> Result<Vec<T>> {
        let s = self.str(col);
        if s.trim().is_empty() {
            return Ok(Vec::new());
        }
        s.split(',')
            .map(|item| parse(item.trim()).ok_or_else(|| self.invalid(col, expected)))
            .collect()
    }

    /// A required ISO date (`yyyy-mm-dd`; in a `;` re-save also `d-m-yyyy`, reported).
    pub fn date(&self, col: usize) -> Result<NaiveDate> {
        self.parse_date(col, self.trimmed(col)).ok_or_else(|| {
            self.invalid(
                col,
                if self.day_first.is_some() {
                    "a date as yyyy-mm-dd (or d-m-yyyy / d.m.yyyy in this `;`-separated re-save)"
                } else {
                    "a date as yyyy-mm-dd"
                },
            )
        })
    }

    /// Parses `s` (taken from `col`) as `yyyy-mm-dd`, or — only in a `;`-separated re-save —
    /// as `d-m-yyyy` / `d.m.yyyy`, counting those for the [`WarningKind::DayFirstDates`]
    /// warning.
    pub fn parse_date(&self, col: usize, s: &str) -> Option<NaiveDate> {
        if let Some(d) = iso_date(s) {
            return Some(d);
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Some(d);
        }
        let fixes = self.day_first?;
        let d = day_first(s)?;
        fixes.count.set(fixes.count.get() + 1);
        if fixes.first.get().is_none() {
            fixes.first.set(Some((self.line, col)));
        }
        Some(d)
    }

    /// An optional ISO date (empty field → `None`).
    pub fn opt_date(&self, col: usize) -> Result<Option<NaiveDate>> {
        if self.str(col).trim().is_empty() {
            Ok(None)
        } else {
            self.date(col).map(Some)
        }
    }
}

/// `yyyy-mm-dd` written with exactly those ten characters (UCDP's form), without chrono's
/// format parser; anything else (and an impossible date) is `None`, for the full parser.
#[inline]
fn iso_date(s: &str) -> Option<NaiveDate> {
    let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
    let digits = [0, 1, 2, 3, 5, 6, 8, 9];
    if b[4] != b'-' || b[7] != b'-' || !digits.iter().all(|&i| b[i].is_ascii_digit()) {
        return None;
    }
    let n = |i: usize, len: usize| {
        b[i..i + len]
            .iter()
            .fold(0u32, |acc, &d| acc * 10 + u32::from(d - b'0'))
    };
    NaiveDate::from_ymd_opt(i32::try_from(n(0, 4)).ok()?, n(5, 2), n(8, 2))
}

/// `d-m-yyyy` or `d.m.yyyy` (one or two digits for day and month, four for the year).
fn day_first(s: &str) -> Option<NaiveDate> {
    let sep = if s.contains('-') { '-' } else { '.' };
    let mut parts = s.split(sep);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}
