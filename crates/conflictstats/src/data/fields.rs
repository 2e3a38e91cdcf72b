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

/// A list of G&W codes (`"651, 666"`; empty field: the empty list).
///
/// A number above 999 in the list is the damage UCDP's xlsx downloads do to some G&W lists
/// (stored as numbers, the commas read as thousands separators: `2,696,670` → `2696670`): it
/// is an [`Error::SpreadsheetNumber`] naming the damage, the probable codes and the fix — never
/// silently split.
pub(crate) fn gw_list(row: &Row<'_>, col: usize) -> Result<Vec<GwCode>> {
    let s = row.str(col);
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    s.split(',')
        .map(|item| {
            let item = item.trim();
            gwcode(item).ok_or_else(|| match thousands_groups(item) {
                Some(groups) => row.spreadsheet_number(col, groups),
                None => row.invalid(col, GW_EXPECTED),
            })
        })
        .collect()
}

/// The 3-digit groups of an all-digit number above 999, as a comma-separated list
/// (`2696670` → `2, 696, 670`): what the list probably was before a spreadsheet read its
/// commas as thousands separators. `None` for anything else, and when a group is not a G&W
/// code 1–999 (`1000`: `000` is none, so it is an invalid code, not this damage).
pub(crate) fn thousands_groups(item: &str) -> Option<String> {
    if item.len() < 4 || !item.bytes().all(|b| b.is_ascii_digit()) || item.starts_with('0') {
        return None;
    }
    let head = item.len() % 3;
    let mut groups: Vec<&str> = Vec::new();
    if head > 0 {
        groups.push(&item[..head]);
    }
    groups.extend((head..item.len()).step_by(3).map(|i| &item[i..i + 3]));
    let codes: Vec<String> = groups
        .iter()
        .map(|g| gwcode(g.trim_start_matches('0')).map(|c| c.0.to_string()))
        .collect::<Option<_>>()?;
    Some(codes.join(", "))
}

/// A non-empty list of G&W codes.
pub(crate) fn gw_nonempty(row: &Row<'_>, col: usize, what: &str) -> Result<Vec<GwCode>> {
    let r = gw_list(row, col)?;
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
    records.first().map_or_else(
        || super::UNKNOWN_VERSION.to_string(),
        |r| version(r).trim().to_string(),
    )
}

/// First and last year of `years` (`None` if empty).
pub(crate) fn span(years: impl Iterator<Item = i32> + Clone) -> Option<(i32, i32)> {
    Some((years.clone().min()?, years.max()?))
}

/// Whether a file's header used the API's spelling of any column (case or alias).
pub(crate) fn renamed(header: &Header) -> Vec<(String, String)> {
    header.aliased.clone()
}

#[cfg(test)]
mod tests {
    use super::thousands_groups;

    #[test]
    fn thousands_groups_restore_only_lists_of_codes() {
        assert_eq!(thousands_groups("2696670").as_deref(), Some("2, 696, 670"));
        assert_eq!(
            thousands_groups("2200390220900").as_deref(),
            Some("2, 200, 390, 220, 900")
        );
        assert_eq!(thousands_groups("2020390").as_deref(), Some("2, 20, 390"));
        for not_damage in ["1000", "999", "0696", "12a456", "2696000", ""] {
            assert_eq!(thousands_groups(not_damage), None, "{not_damage}");
        }
    }
}
