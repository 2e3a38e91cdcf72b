//! Field parsers and the record-reading loop shared by the Dyadic, BRD, Non-State and
//! One-sided loaders (the ACD loader predates it and keeps its own copies).

use super::table::{self, Header, Row, Schema};
use crate::error::{Error, Result};
use crate::model::{ActorId, GwCode, Region};
use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::Path;

/// Years UCDP's data can hold: nothing before 1800 or after 2100 is a plausible record.
pub(crate) const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1800..=2100;

pub(crate) const GW_EXPECTED: &str = "Gleditsch–Ward codes 1–999, comma separated";
pub(crate) const ACTORS_EXPECTED: &str = "UCDP actor ids, comma separated";
pub(crate) const REGIONS_EXPECTED: &str = "UCDP region codes 1–5, comma separated";

pub(crate) fn gwcode(s: &str) -> Option<GwCode> {
    s.parse::<u16>()
        .ok()
        .filter(|c| (1..=999).contains(c))
        .map(GwCode)
}

pub(crate) fn actor(s: &str) -> Option<ActorId> {
    s.parse::<u32>().ok().map(ActorId)
}

pub(crate) fn region(s: &str) -> Option<Region> {
    s.parse::<u8>().ok().and_then(Region::from_code)
}

/// A year column, checked to lie in [`YEAR_RANGE`].
pub(crate) fn year(row: &Row<'_>, col: usize) -> Result<i32> {
    let year: i32 = row.num(col, "a year (integer)")?;
    if YEAR_RANGE.contains(&year) {
        Ok(year)
    } else {
        Err(row.invalid(col, "a year between 1800 and 2100"))
    }
}

/// A non-empty region list.
pub(crate) fn regions(row: &Row<'_>, col: usize) -> Result<Vec<Region>> {
    let r = row.list(col, region, REGIONS_EXPECTED)?;
    if r.is_empty() {
        return Err(row.invalid(col, "at least one UCDP region code 1–5"));
    }
    Ok(r)
}

/// A non-empty list of G&W codes.
pub(crate) fn gw_nonempty(row: &Row<'_>, col: usize, what: &str) -> Result<Vec<GwCode>> {
    let r = row.list(col, gwcode, GW_EXPECTED)?;
    if r.is_empty() {
        return Err(row.invalid(col, format!("at least one {what} (G&W code)")));
    }
    Ok(r)
}

/// Opens a file for one streamed pass: its label (the path as given), its length (a capacity
/// hint) and a reader that hashes what is read.
pub(crate) fn open_path(path: &Path) -> Result<(String, u64, table::Sha256Reader<File>)> {
    let label = path.display().to_string();
    let io = |source| Error::Io {
        file: label.clone(),
        source,
    };
    let f = File::open(path).map_err(io)?;
    let len = f.metadata().map_err(io)?.len();
    Ok((label, len, table::Sha256Reader::new(f)))
}

/// Reads a file's records in one streamed pass: `(label, records, header, SHA-256 hex)`.
/// Memory is the records plus one record's bytes, not the file.
pub(crate) fn read_path_records<T>(
    path: &Path,
    spec: &RecordSpec<T>,
) -> Result<(String, Vec<T>, Header, String)> {
    let (label, len, mut reader) = open_path(path)?;
    let (records, header) = read_records_from(&label, &mut reader, len, spec)?;
    Ok((label, records, header, reader.finish_hex()))
}

/// How one loader turns rows into records and keys them.
pub(crate) struct RecordSpec<T> {
    pub schema: &'static Schema,
    /// Index of the `version` column in the schema.
    pub version_col: usize,
    pub parse: fn(&Row<'_>) -> Result<T>,
    pub version: fn(&T) -> &str,
    /// The unique key `(id, year)`.
    pub key: fn(&T) -> (u32, i32),
    /// Describes a key for [`Error::DuplicateRecord`], e.g. `dyad-year (dyad_id 1, year 2)`.
    pub describe: fn((u32, i32)) -> String,
}

/// Reads every record; rejects a second version and duplicate keys.
pub(crate) fn read_records<T>(
    file: &str,
    bytes: &[u8],
    spec: &RecordSpec<T>,
) -> Result<(Vec<T>, Header)> {
    read_records_from(file, bytes, bytes.len() as u64, spec)
}

/// As [`read_records`], from a reader of `len` bytes (a capacity hint).
pub(crate) fn read_records_from<T>(
    file: &str,
    input: impl Read,
    len: u64,
    spec: &RecordSpec<T>,
) -> Result<(Vec<T>, Header)> {
    let mut records: Vec<T> = Vec::with_capacity(usize::try_from(len / 200).unwrap_or(0));
    let mut seen: HashMap<(u32, i32), u64> = HashMap::new();
    let header = table::read_from(file, input, spec.schema, |row| {
        let rec = (spec.parse)(row)?;
        if let Some(first) = records.first().map(|r| (spec.version)(r))
            && first != (spec.version)(&rec)
        {
            return Err(row.invalid(
                spec.version_col,
                format!("the same version in every row (the first record says {first:?})"),
            ));
        }
        let key = (spec.key)(&rec);
        if let Some(first_line) = seen.insert(key, row.line()) {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line,
                key: (spec.describe)(key),
            });
        }
        records.push(rec);
        Ok(())
    })?;
    Ok((records, header))
}

/// The version written in the rows (one value for the whole file, checked by
/// [`read_records`]), or `unknown` for a file without records.
pub(crate) fn single_version<T>(records: &[T], version: fn(&T) -> &str) -> String {
    records
        .first()
        .map_or_else(|| "unknown".to_string(), |r| version(r).trim().to_string())
}

/// First and last year of `years` (`None` if empty).
pub(crate) fn span(years: impl Iterator<Item = i32> + Clone) -> Option<(i32, i32)> {
    Some((years.clone().min()?, years.max()?))
}

/// Whether a file's header used the API's spelling of any column (case or alias).
pub(crate) fn renamed(header: &Header) -> Vec<(String, String)> {
    header.aliased.clone()
}
