//! Loader for the UCDP/PRIO Armed Conflict Dataset, in UCDP's download layout (v25.1) and the
//! API layout (v24.1, which spells two columns `side_a_Id` / `side_b_Id`).

use super::fields;
use super::registry::{DatasetKind, EmbeddedDataset};
use super::table::{self, Row, Schema};
use super::{LoadWarning, Provenance, Release};
use crate::error::{Error, Result};
use crate::model::{
    ActorId, ConflictId, ConflictYear, DatePrecision, Incompatibility, Intensity, Region,
    TypeOfConflict,
};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

const TITLE: &str = "UCDP/PRIO Armed Conflict Dataset";

const COLUMNS: &[&str] = &[
    "conflict_id",
    "location",
    "side_a",
    "side_a_id",
    "side_a_2nd",
    "side_b",
    "side_b_id",
    "side_b_2nd",
    "incompatibility",
    "territory_name",
    "year",
    "intensity_level",
    "cumulative_intensity",
    "type_of_conflict",
    "start_date",
    "start_prec",
    "start_date2",
    "start_prec2",
    "ep_end",
    "ep_end_date",
    "ep_end_prec",
    "gwno_a",
    "gwno_a_2nd",
    "gwno_b",
    "gwno_b_2nd",
    "gwno_loc",
    "region",
    "version",
];

// Column indices into `COLUMNS`.
const CONFLICT_ID: usize = 0;
const LOCATION: usize = 1;
const SIDE_A: usize = 2;
const SIDE_A_ID: usize = 3;
const SIDE_A_2ND: usize = 4;
const SIDE_B: usize = 5;
const SIDE_B_ID: usize = 6;
const SIDE_B_2ND: usize = 7;
const INCOMPATIBILITY: usize = 8;
const TERRITORY_NAME: usize = 9;
const YEAR: usize = 10;
const INTENSITY_LEVEL: usize = 11;
const CUMULATIVE_INTENSITY: usize = 12;
const TYPE_OF_CONFLICT: usize = 13;
const START_DATE: usize = 14;
const START_PREC: usize = 15;
const START_DATE2: usize = 16;
const START_PREC2: usize = 17;
const EP_END: usize = 18;
const EP_END_DATE: usize = 19;
const EP_END_PREC: usize = 20;
const GWNO_A: usize = 21;
const GWNO_A_2ND: usize = 22;
const GWNO_B: usize = 23;
const GWNO_B_2ND: usize = 24;
const GWNO_LOC: usize = 25;
const REGION: usize = 26;
const VERSION: usize = 27;

const SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[("side_a_Id", "side_a_id"), ("side_b_Id", "side_b_id")],
};

/// Years an ACD file can hold: the ACD starts in 1946 (a year before it would make counts pad
/// 1800–1945 with zeros, where the data have nothing to say); nothing after 2100 is a
/// plausible conflict-year.
const YEAR_RANGE: std::ops::RangeInclusive<i32> = 1946..=2100;

/// The column layout a file was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AcdLayout {
    /// UCDP's download CSV (`side_a_id`).
    Download,
    /// The UCDP API's layout (`side_a_Id`, `side_b_Id`).
    Api,
}

/// The UCDP/PRIO Armed Conflict Dataset: one [`ConflictYear`] per active conflict-year.
#[derive(Debug, Clone, Serialize)]
pub struct Acd {
    /// The conflict-years, in file order.
    pub records: Vec<ConflictYear>,
    /// Where they came from.
    pub provenance: Provenance,
    /// The layout the file was written in.
    pub layout: AcdLayout,
    /// Header columns not part of the ACD (reported, not used).
    pub extra_columns: Vec<String>,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

impl Acd {
    /// Loads the release `version` (`None`: the default, v25.1): the embedded one, else a
    /// release fetched into the cache (`conflictstats fetch ucdp-acd 26.1`).
    ///
    /// ```
    /// let acd = conflictstats::data::Acd::embedded(Some("24.1"))?;
    /// assert_eq!(acd.layout, conflictstats::data::AcdLayout::Api);
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    pub fn embedded(version: Option<&str>) -> Result<Acd> {
        Acd::from_release(&super::resolve("ucdp-acd", version)?)
    }

    /// Loads a resolved release (embedded, or fetched into the cache; see
    /// [`resolve`](super::resolve)).
    pub fn from_release(release: &Release) -> Result<Acd> {
        match release {
            Release::Embedded(entry) => Acd::from_entry(entry),
            Release::Cached(cached) => {
                let mut acd = cached.read(|p| Acd::from_path(p))?;
                acd.provenance = cached.provenance(acd.provenance)?;
                Ok(acd)
            }
        }
    }

    /// Loads a registry entry (must be an ACD entry).
    pub fn from_entry(entry: &'static EmbeddedDataset) -> Result<Acd> {
        if entry.kind != DatasetKind::Acd {
            return Err(Error::spec(format!(
                "{} is not an ACD release",
                entry.label()
            )));
        }
        let provenance = Provenance::embedded(entry);
        let bytes = entry.bytes()?;
        let (records, layout, extra_columns, warnings) =
            parse(&provenance.source, bytes, bytes.len() as u64)?;
        Ok(Acd {
            records,
            provenance,
            layout,
            extra_columns,
            warnings,
        })
    }

    /// Loads an ACD file in either layout.
    pub fn from_path(path: impl AsRef<Path>) -> Result<Acd> {
        // Streamed: read once, hashed as it is parsed, never held whole in memory.
        let (label, len, mut reader) = super::fields::open_path(path.as_ref())?;
        let (records, layout, extra_columns, warnings) = parse(&label, &mut reader, len)?;
        let version = single_version(&records);
        Ok(Acd {
            provenance: Provenance::from_sha256(
                "ucdp-acd",
                TITLE,
                &label,
                reader.finish_hex(),
                &version,
            ),
            records,
            layout,
            extra_columns,
            warnings,
        })
    }

    /// Loads ACD bytes in either layout; `file` names them in errors and provenance.
    ///
    /// ```
    /// use conflictstats::{data::Acd, Error};
    ///
    /// let bad = b"conflict_id,location\n1,X\n";
    /// match Acd::from_bytes("bad.csv", bad) {
    ///     Err(Error::MissingColumn { column, line, .. }) => {
    ///         assert_eq!((column.as_str(), line), ("side_a", 1));
    ///     }
    ///     other => panic!("unexpected {other:?}"),
    /// }
    /// ```
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Acd> {
        let (records, layout, extra_columns, warnings) = parse(file, bytes, bytes.len() as u64)?;
        let version = single_version(&records);
        Ok(Acd {
            provenance: Provenance::from_file("ucdp-acd", TITLE, file, bytes, &version),
            records,
            layout,
            extra_columns,
            warnings,
        })
    }

    /// First and last year with at least one record (`None` for an empty dataset).
    #[must_use]
    pub fn year_range(&self) -> Option<(i32, i32)> {
        let min = self.records.iter().map(|r| r.year).min()?;
        let max = self.records.iter().map(|r| r.year).max()?;
        Some((min, max))
    }
}

/// The version written in the rows (checked to be one value for the whole file by `parse`).
fn single_version(records: &[ConflictYear]) -> String {
    records.first().map_or_else(
        || super::UNKNOWN_VERSION.to_string(),
        |r| r.version.trim().to_string(),
    )
}

fn actor(s: &str) -> Option<ActorId> {
    s.parse::<u32>().ok().map(ActorId)
}

fn region(s: &str) -> Option<Region> {
    s.parse::<u8>().ok().and_then(Region::from_code)
}

type Parsed = (Vec<ConflictYear>, AcdLayout, Vec<String>, Vec<LoadWarning>);

/// Reads `input` (`len` bytes, a capacity hint).
fn parse(file: &str, input: impl std::io::Read, len: u64) -> Result<Parsed> {
    let mut records = Vec::with_capacity(usize::try_from(len / 180).unwrap_or(0));
    let mut seen: HashMap<(u32, i32), u64> = HashMap::new();
    let header = table::read_from(file, input, &SCHEMA, |row| {
        let rec = conflict_year(row)?;
        if let Some(first) = records.first().map(|r: &ConflictYear| r.version.as_str())
            && first != rec.version
        {
            return Err(row.invalid(
                VERSION,
                format!("the same version in every row (the first record says {first:?})"),
            ));
        }
        let key = (rec.conflict_id.0, rec.year);
        if let Some(first_line) = seen.insert(key, row.line()) {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line,
                key: format!("conflict-year (conflict_id {}, year {})", key.0, key.1),
            });
        }
        records.push(rec);
        Ok(())
    })?;
    let layout = if header.aliased.is_empty() {
        AcdLayout::Download
    } else {
        AcdLayout::Api
    };
    Ok((records, layout, header.unknown, header.warnings))
}

fn conflict_year(row: &Row<'_>) -> Result<ConflictYear> {
    let year: i32 = row.num(YEAR, "a year (integer)")?;
    if !YEAR_RANGE.contains(&year) {
        return Err(row.invalid(YEAR, "a year between 1946 (the ACD's first year) and 2100"));
    }
    let start_date = row.date(START_DATE)?;
    let start_date2 = row.date(START_DATE2)?;
    let ep_end_date = row.opt_date(EP_END_DATE)?;
    if start_date2 < start_date {
        return Err(row.invalid(
            START_DATE2,
            format!("a date on or after start_date ({start_date})"),
        ));
    }
    if let Some(end) = ep_end_date
        && end < start_date2
    {
        return Err(row.invalid(
            EP_END_DATE,
            format!("a date on or after start_date2 ({start_date2})"),
        ));
    }
    let region = row.list(REGION, region, "UCDP region codes 1–5, comma separated")?;
    if region.is_empty() {
        return Err(row.invalid(REGION, "at least one UCDP region code 1–5"));
    }
    let gwno_loc = fields::gw_list(row, GWNO_LOC)?;
    if gwno_loc.is_empty() {
        return Err(row.invalid(GWNO_LOC, "at least one location state (G&W code)"));
    }
    Ok(ConflictYear {
        conflict_id: ConflictId(row.num(CONFLICT_ID, "a conflict id (positive integer)")?),
        location: row.string(LOCATION),
        side_a: row.string(SIDE_A),
        side_a_id: row.list(SIDE_A_ID, actor, "UCDP actor ids, comma separated")?,
        side_a_2nd: row.string(SIDE_A_2ND),
        side_b: row.string(SIDE_B),
        side_b_id: row.list(SIDE_B_ID, actor, "UCDP actor ids, comma separated")?,
        side_b_2nd: row.string(SIDE_B_2ND),
        incompatibility: row.code(
            INCOMPATIBILITY,
            Incompatibility::from_code,
            "1 (territory), 2 (government) or 3 (both)",
        )?,
        territory_name: row.string(TERRITORY_NAME),
        year,
        intensity: row.code(
            INTENSITY_LEVEL,
            Intensity::from_code,
            "1 (minor) or 2 (war)",
        )?,
        cumulative_intensity: row.flag(CUMULATIVE_INTENSITY)?,
        type_of_conflict: row.code(
            TYPE_OF_CONFLICT,
            TypeOfConflict::from_code,
            "1 (extrasystemic), 2 (interstate), 3 (intrastate) or 4 (internationalized intrastate)",
        )?,
        start_date,
        start_prec: DatePrecision(row.num(START_PREC, "a date precision code (integer)")?),
        start_date2,
        start_prec2: DatePrecision(row.num(START_PREC2, "a date precision code (integer)")?),
        ep_end: row.flag(EP_END)?,
        ep_end_date,
        ep_end_prec: row
            .opt_num(EP_END_PREC, "a date precision code (integer) or empty")?
            .map(DatePrecision),
        gwno_a: fields::gw_list(row, GWNO_A)?,
        gwno_a_2nd: fields::gw_list(row, GWNO_A_2ND)?,
        gwno_b: fields::gw_list(row, GWNO_B)?,
        gwno_b_2nd: fields::gw_list(row, GWNO_B_2ND)?,
        gwno_loc,
        region,
        version: row.string(VERSION),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::ReleaseStatus;
    use crate::model::GwCode;

    const REAL: &str = include_str!("../../../../data/ucdp-acd/UcdpPrioConflict_v25_1.csv");

    /// The header and the first three real records of v25.1.
    fn head() -> Vec<String> {
        REAL.lines().take(4).map(str::to_string).collect()
    }

    fn load(lines: &[String]) -> Result<Acd> {
        Acd::from_bytes("t.csv", (lines.join("\n") + "\n").as_bytes())
    }

    /// Replaces field `col` of CSV line `line` (simple lines only: the first records).
    fn set_field(lines: &mut [String], line: usize, col: usize, value: &str) {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(lines[line].as_bytes());
        let rec = rdr.records().next().unwrap().unwrap();
        let mut w = csv::Writer::from_writer(Vec::new());
        let fields: Vec<&str> = rec
            .iter()
            .enumerate()
            .map(|(i, f)| if i == col { value } else { f })
            .collect();
        w.write_record(&fields).unwrap();
        lines[line] = String::from_utf8(w.into_inner().unwrap())
            .unwrap()
            .trim_end()
            .to_string();
    }

    fn invalid(err: Error) -> (u64, String, String) {
        match err {
            Error::InvalidValue {
                line,
                column,
                value,
                ..
            } => (line, column, value),
            other => panic!("expected InvalidValue, got {other:?}"),
        }
    }

    #[test]
    fn real_release_loads_with_quirks_kept() {
        let acd = Acd::from_bytes("v25.csv", REAL.as_bytes()).unwrap();
        assert_eq!(acd.records.len(), 2752);
        assert_eq!(acd.layout, AcdLayout::Download);
        assert_eq!(acd.provenance.status, ReleaseStatus::Official);
        let libya = acd
            .records
            .iter()
            .find(|r| r.side_a_2nd.starts_with(" Government of Zimbabwe"))
            .unwrap();
        assert_eq!(libya.side_a_2nd, " Government of Zimbabwe (Rhodesia)");
        let two = acd
            .records
            .iter()
            .find(|r| r.conflict_id == ConflictId(11343))
            .unwrap();
        assert_eq!(two.gwno_loc, vec![GwCode(651), GwCode(666)]);
        // `gwno_a` lists are written with two spaces: "200,  2".
        assert!(
            acd.records
                .iter()
                .any(|r| r.gwno_a == vec![GwCode(200), GwCode(2)])
        );
    }

    #[test]
    fn line_numbers_count_physical_lines_after_an_embedded_newline() {
        let acd = Acd::from_bytes("v25.csv", REAL.as_bytes()).unwrap();
        let idx = acd
            .records
            .iter()
            .position(|r| r.territory_name == "East Turkestan\n")
            .unwrap();
        // Corrupt the record right after the multi-line one and check the reported line.
        let mut bytes = REAL.to_string();
        let after = &acd.records[idx + 1];
        let needle = format!("{},{}", after.conflict_id, after.location);
        let at = bytes.find(&needle).unwrap();
        let line = bytes[..at].matches('\n').count() as u64 + 1;
        bytes.replace_range(at..at + after.conflict_id.to_string().len(), "x");
        let (l, column, value) = invalid(Acd::from_bytes("v25.csv", bytes.as_bytes()).unwrap_err());
        assert_eq!(
            (l, column.as_str(), value.as_str()),
            (line, "conflict_id", "x")
        );
    }

    #[test]
    fn api_layout_is_recognised() {
        let mut lines = head();
        lines[0] = lines[0]
            .replace("side_a_id", "side_a_Id")
            .replace("side_b_id", "side_b_Id");
        let acd = load(&lines).unwrap();
        assert_eq!(acd.layout, AcdLayout::Api);
        assert_eq!(acd.provenance.status, ReleaseStatus::Modified);
    }

    #[test]
    fn missing_column() {
        let mut lines = head();
        lines[0] = lines[0].replace("intensity_level", "intensity");
        match load(&lines).unwrap_err() {
            Error::MissingColumn { line, column, .. } => {
                assert_eq!((line, column.as_str()), (1, "intensity_level"))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicate_column() {
        let mut lines = head();
        lines[0] = lines[0]
            .replace("side_a_Id", "x")
            .replace("location", "year");
        assert!(matches!(
            load(&lines).unwrap_err(),
            Error::DuplicateColumn { line: 1, .. }
        ));
    }

    #[test]
    fn a_year_before_1946_is_an_error_with_line_and_column() {
        // Rows of ACD v25.1 with one year set to 1945: the ACD starts in 1946, and a count
        // would otherwise pad 1800–1945 with zeros.
        let mut lines = head();
        set_field(&mut lines, 2, YEAR, "1945");
        assert_eq!(
            invalid(load(&lines).unwrap_err()),
            (3, "year".into(), "1945".into())
        );
    }

    #[test]
    fn wrong_type() {
        let mut lines = head();
        set_field(&mut lines, 2, YEAR, "2014.0");
        assert_eq!(
            invalid(load(&lines).unwrap_err()),
            (3, "year".into(), "2014.0".into())
        );
    }

    #[test]
    fn bad_date_and_spreadsheet_date() {
        let mut lines = head();
        set_field(&mut lines, 1, START_DATE, "29-5-1997");
        assert_eq!(
            invalid(load(&lines).unwrap_err()),
            (2, "start_date".into(), "29-5-1997".into())
        );
        let mut lines = head();
        set_field(&mut lines, 3, EP_END_DATE, "1967-02-30");
        assert_eq!(
            invalid(load(&lines).unwrap_err()),
            (4, "ep_end_date".into(), "1967-02-30".into())
        );
    }

    #[test]
    fn impossible_dates() {
        let mut lines = head();
        set_field(&mut lines, 1, EP_END_DATE, "1990-01-01");
        assert_eq!(invalid(load(&lines).unwrap_err()).1, "ep_end_date");
    }

    #[test]
    fn unknown_codes() {
        for (col, value) in [
            (TYPE_OF_CONFLICT, "5"),
            (INTENSITY_LEVEL, "3"),
            (INCOMPATIBILITY, "0"),
            (REGION, "3, 6"),
            (GWNO_LOC, "1000"),
            (EP_END, "2"),
        ] {
            let mut lines = head();
            set_field(&mut lines, 2, col, value);
            assert_eq!(
                invalid(load(&lines).unwrap_err()),
                (3, COLUMNS[col].into(), value.into())
            );
        }
    }

    #[test]
    fn truncated_file() {
        let mut lines = head();
        let cut = lines[3].len() / 2;
        lines[3].truncate(cut);
        match load(&lines).unwrap_err() {
            Error::FieldCount {
                line,
                expected,
                found,
                ..
            } => {
                // Fields in the kept half: one more than its commas outside quotes.
                let mut quoted = false;
                let mut fields = 1;
                for ch in lines[3].chars() {
                    match ch {
                        '"' => quoted = !quoted,
                        ',' if !quoted => fields += 1,
                        _ => {}
                    }
                }
                assert_eq!((line, expected, found), (4, 28, fields));
                assert!(found < 28);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn wrong_delimiter() {
        // Tabs are never guessed; nor is `;` when the header does not then name the columns.
        let tabs: Vec<String> = head().iter().map(|l| l.replace(',', "\t")).collect();
        assert!(matches!(
            load(&tabs).unwrap_err(),
            Error::WrongDelimiter {
                line: 1,
                delimiter: '\t',
                ..
            }
        ));
        let mut semi: Vec<String> = head().iter().map(|l| l.replace(',', ";")).collect();
        semi[0] = semi[0].replace("intensity_level", "intensity");
        assert!(matches!(
            load(&semi).unwrap_err(),
            Error::WrongDelimiter {
                line: 1,
                delimiter: ';',
                ..
            }
        ));
    }

    #[test]
    fn semicolon_resave_is_read_with_warnings() {
        // A spreadsheet re-save: `;` between fields (quoted lists keep their commas), CRLF,
        // dates day first. Read, with both rules reported.
        let mut text = String::new();
        for l in head() {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(l.as_bytes());
            let rec = rdr.records().next().unwrap().unwrap();
            let mut w = csv::WriterBuilder::new()
                .delimiter(b';')
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new());
            let fields: Vec<String> = rec
                .iter()
                .map(|f| match chrono::NaiveDate::parse_from_str(f, "%Y-%m-%d") {
                    Ok(d) => d.format("%-d-%-m-%Y").to_string(),
                    Err(_) => f.to_string(),
                })
                .collect();
            w.write_record(&fields).unwrap();
            text.push_str(std::str::from_utf8(&w.into_inner().unwrap()).unwrap());
        }
        let resaved = Acd::from_bytes("r.csv", text.as_bytes()).unwrap();
        let original = load(&head()).unwrap();
        assert_eq!(resaved.records, original.records);
        assert_eq!(resaved.provenance.status, ReleaseStatus::Modified);
        let w: Vec<_> = resaved
            .warnings
            .iter()
            .map(|w| (w.kind, w.line, w.column.as_deref(), w.count))
            .collect();
        assert_eq!(
            w,
            [
                (crate::data::WarningKind::SemicolonDelimiter, 1, None, 3),
                (
                    crate::data::WarningKind::DayFirstDates,
                    2,
                    Some("start_date"),
                    9
                ),
            ]
        );
        assert!(original.warnings.is_empty());
    }

    #[test]
    fn empty_file_and_header_only() {
        assert!(matches!(
            Acd::from_bytes("e.csv", b"").unwrap_err(),
            Error::EmptyFile { .. }
        ));
        assert!(matches!(
            Acd::from_bytes("e.csv", b"\n\n").unwrap_err(),
            Error::EmptyFile { .. }
        ));
        let header_only = load(&head()[..1]).unwrap();
        assert!(header_only.records.is_empty());
        assert_eq!(header_only.year_range(), None);
    }

    #[test]
    fn duplicate_conflict_year() {
        let mut lines = head();
        lines.push(lines[1].clone());
        match load(&lines).unwrap_err() {
            Error::DuplicateRecord {
                line,
                first_line,
                key,
                ..
            } => {
                assert_eq!((line, first_line), (5, 2));
                assert!(key.contains("11342") && key.contains("2012"), "{key}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn mixed_versions() {
        let mut lines = head();
        set_field(&mut lines, 3, VERSION, "24.1");
        assert_eq!(
            invalid(load(&lines).unwrap_err()),
            (4, "version".into(), "24.1".into())
        );
    }

    #[test]
    fn invalid_utf8() {
        let mut bytes = (head().join("\n") + "\n").into_bytes();
        let at = bytes.iter().position(|b| *b == b'G').unwrap(); // "GNLA" on line 2
        bytes[at] = 0xFF;
        match Acd::from_bytes("u.csv", &bytes).unwrap_err() {
            Error::Malformed { line, message, .. } => {
                assert_eq!(line, 2);
                assert!(message.contains("UTF-8"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn io_error_names_the_path() {
        let err = Acd::from_path("/definitely/not/here.csv").unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert_eq!(err.file(), Some("/definitely/not/here.csv"));
    }

    #[test]
    fn an_extra_column_is_reported_not_lost() {
        let mut lines = head();
        for l in &mut lines {
            l.push_str(",x");
        }
        let acd = load(&lines).unwrap();
        assert_eq!(acd.extra_columns, vec!["x".to_string()]);
    }
}
