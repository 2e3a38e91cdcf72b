//! A strict CSV reader shared by all loaders: header → column positions, then typed field
//! accessors whose errors carry the file, line, column and value.
//!
//! UCDP's files are RFC 4180 CSV with quoted multi-line fields; the `csv` crate reads them and
//! reports the line where each record starts. Nothing here trims or rewrites text fields: the
//! quirks (padded names, embedded newlines) are kept. Numeric and code fields are trimmed of
//! surrounding spaces before parsing, since UCDP's lists are written `"200,  2"`.

use crate::error::{Error, Result};
use chrono::NaiveDate;
use std::str::FromStr;

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
}

/// Reads every record of `bytes`, calling `f` for each with typed accessors.
pub(crate) fn read(
    file: &str,
    bytes: &[u8],
    schema: &Schema,
    mut f: impl FnMut(&Row<'_>) -> Result<()>,
) -> Result<Header> {
    // A UTF-8 byte-order mark, as written by some spreadsheet tools, is not part of the header.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::StringRecord::new();
    let more = rdr
        .read_record(&mut record)
        .map_err(|e| csv_error(file, &e))?;
    if !more || (record.len() == 1 && record[0].trim().is_empty()) {
        return Err(Error::EmptyFile {
            file: file.to_string(),
            dataset: schema.dataset.to_string(),
        });
    }
    let header_line = record.position().map_or(1, csv::Position::line);
    let (positions, header) = map_header(file, header_line, &record, schema)?;
    let expected = record.len() as u64;
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(file, &e)),
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
        f(&Row {
            file,
            line,
            record: &record,
            positions: &positions,
            schema,
        })?;
    }
    Ok(header)
}

fn csv_error(file: &str, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, csv::Position::line);
    match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => Error::Malformed {
            file: file.to_string(),
            line,
            message: format!(
                "field {} is not valid UTF-8; UCDP files are UTF-8: re-save the file as UTF-8",
                err.field() + 1
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
    };
    Ok((positions, header))
}

/// One record with typed accessors. `col` arguments index the schema's `columns`.
pub(crate) struct Row<'a> {
    file: &'a str,
    line: u64,
    record: &'a csv::StringRecord,
    positions: &'a [usize],
    schema: &'a Schema,
}

impl Row<'_> {
    /// Line where the record starts (1-based; the header is line 1).
    pub fn line(&self) -> u64 {
        self.line
    }

    /// The raw field, verbatim.
    pub fn str(&self, col: usize) -> &str {
        &self.record[self.positions[col]]
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

    /// A required number.
    pub fn num<T: FromStr>(&self, col: usize, expected: &str) -> Result<T> {
        self.str(col)
            .trim()
            .parse()
            .map_err(|_| self.invalid(col, expected))
    }

    /// An optional number (empty field → `None`).
    pub fn opt_num<T: FromStr>(&self, col: usize, expected: &str) -> Result<Option<T>> {
        let s = self.str(col).trim();
        if s.is_empty() {
            return Ok(None);
        }
        s.parse().map(Some).map_err(|_| self.invalid(col, expected))
    }

    /// A UCDP code mapped through `from_code`.
    pub fn code<T>(&self, col: usize, from_code: fn(u8) -> Option<T>, expected: &str) -> Result<T> {
        self.str(col)
            .trim()
            .parse::<u8>()
            .ok()
            .and_then(from_code)
            .ok_or_else(|| self.invalid(col, expected))
    }

    /// A 0/1 flag.
    pub fn flag(&self, col: usize) -> Result<bool> {
        match self.str(col).trim() {
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

    /// A required ISO date (`yyyy-mm-dd`).
    pub fn date(&self, col: usize) -> Result<NaiveDate> {
        NaiveDate::parse_from_str(self.str(col).trim(), "%Y-%m-%d")
            .map_err(|_| self.invalid(col, "a date as yyyy-mm-dd"))
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
