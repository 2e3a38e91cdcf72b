//! Loader for the UCDP Georeferenced Event Dataset (GED) layout, into columns.
//!
//! The GED has one row per *event*: an incident of organized violence with at least one death,
//! dated (`date_start`, `date_end`, with a precision code `date_prec`) and geocoded (`latitude`,
//! `longitude`, PRIO-GRID cell `priogrid_gid`, country `country_id` as a Gleditsch–Ward code).
//! Deaths come as three estimates, `low`, `best`, `high`.
//!
//! The loader keeps the numeric columns needed for aggregation in an [`Events`] struct of
//! plain vectors (one `Vec` per column), so that the kernels in [`crate::events`] run over
//! slices and the Python bindings can hand them zero-copy buffers. Text columns (names, source
//! articles with embedded quotes and newlines) are validated as CSV and not kept, except the
//! country names, kept once per country in [`Ged::country_names`].
//!
//! The real data's quirks are kept: in the 23.1 sample, 8 events have `low > best` and 5 have
//! `high < best` (UCDP's estimates are not always ordered); [`Ged::unordered_estimates`]
//! counts them, nothing is changed.
//!
//! ```
//! use conflictstats::data::Ged;
//!
//! let ged = Ged::embedded(None)?; // the 1,000-event sample of GED 23.1
//! let ev = &ged.events;
//! assert_eq!(ev.len(), 1000);
//! assert_eq!(ev.best.iter().map(|&d| u64::from(d)).sum::<u64>(), 9561);
//! assert_eq!(ged.unordered_estimates(), 13);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::registry::{self, DatasetKind, EmbeddedDataset};
use super::scan;
use super::table::{self, Row, Schema};
use super::{LoadWarning, Provenance, Release};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const TITLE: &str = "UCDP Georeferenced Event Dataset";

/// The columns read (the full GED has 49; the others are accepted and listed in
/// [`Ged::extra_columns`]).
const COLUMNS: &[&str] = &[
    "id",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_new_id",
    "dyad_new_id",
    "side_a_new_id",
    "side_b_new_id",
    "where_prec",
    "latitude",
    "longitude",
    "priogrid_gid",
    "country",
    "country_id",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
];
const ID: usize = 0;
const YEAR: usize = 1;
const ACTIVE_YEAR: usize = 2;
const TYPE_OF_VIOLENCE: usize = 3;
const CONFLICT_NEW_ID: usize = 4;
const DYAD_NEW_ID: usize = 5;
const SIDE_A_NEW_ID: usize = 6;
const SIDE_B_NEW_ID: usize = 7;
const WHERE_PREC: usize = 8;
const LATITUDE: usize = 9;
const LONGITUDE: usize = 10;
const PRIOGRID_GID: usize = 11;
const COUNTRY: usize = 12;
const COUNTRY_ID: usize = 13;
const EVENT_CLARITY: usize = 14;
const DATE_PREC: usize = 15;
const DATE_START: usize = 16;
const DATE_END: usize = 17;
const DEATHS_A: usize = 18;
const DEATHS_B: usize = 19;
const DEATHS_CIVILIANS: usize = 20;
const DEATHS_UNKNOWN: usize = 21;
const BEST: usize = 22;
const HIGH: usize = 23;
const LOW: usize = 24;

const SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

/// UCDP's `type_of_violence`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum TypeOfViolence {
    /// 1: state-based armed conflict (a government is a party).
    StateBased = 1,
    /// 2: non-state conflict (between organized groups, no government).
    NonState = 2,
    /// 3: one-sided violence against civilians.
    OneSided = 3,
}

impl TypeOfViolence {
    /// The variant with UCDP's code.
    #[must_use]
    pub fn from_code(code: u8) -> Option<TypeOfViolence> {
        match code {
            1 => Some(TypeOfViolence::StateBased),
            2 => Some(TypeOfViolence::NonState),
            3 => Some(TypeOfViolence::OneSided),
            _ => None,
        }
    }

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            TypeOfViolence::StateBased => "state_based",
            TypeOfViolence::NonState => "non_state",
            TypeOfViolence::OneSided => "one_sided",
        }
    }
}

/// GED events as columns: element `i` of every vector is event `i` (file order).
///
/// Dates are days since 1970-01-01 (the Arrow `Date32` representation). `priogrid_gid` is `0`
/// where the file has none (PRIO-GRID ids start at 1).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Events {
    /// `id`.
    pub id: Vec<u64>,
    /// `year`.
    pub year: Vec<i32>,
    /// `active_year`: whether the event belongs to a conflict/dyad/actor active (≥ 25 deaths)
    /// in the year.
    pub active_year: Vec<bool>,
    /// `type_of_violence` code 1–3 (see [`TypeOfViolence`]).
    pub type_of_violence: Vec<u8>,
    /// `conflict_new_id`.
    pub conflict_new_id: Vec<u32>,
    /// `dyad_new_id`.
    pub dyad_new_id: Vec<u32>,
    /// `side_a_new_id`.
    pub side_a_new_id: Vec<u32>,
    /// `side_b_new_id`.
    pub side_b_new_id: Vec<u32>,
    /// `where_prec` code 1–7.
    pub where_prec: Vec<u8>,
    /// `latitude`.
    pub latitude: Vec<f64>,
    /// `longitude`.
    pub longitude: Vec<f64>,
    /// `priogrid_gid` (0: none).
    pub priogrid_gid: Vec<u32>,
    /// `country_id`: Gleditsch–Ward code of the country where the event took place.
    pub country_id: Vec<u16>,
    /// `event_clarity` code 1–2.
    pub event_clarity: Vec<u8>,
    /// `date_prec` code 1–5 (1: exact day … 5: only the year or a span of more than a month
    /// is known; see the GED codebook).
    pub date_prec: Vec<u8>,
    /// `date_start`, days since 1970-01-01.
    pub date_start: Vec<i32>,
    /// `date_end`, days since 1970-01-01 (≥ `date_start`).
    pub date_end: Vec<i32>,
    /// `deaths_a`.
    pub deaths_a: Vec<u32>,
    /// `deaths_b`.
    pub deaths_b: Vec<u32>,
    /// `deaths_civilians`.
    pub deaths_civilians: Vec<u32>,
    /// `deaths_unknown`.
    pub deaths_unknown: Vec<u32>,
    /// `best`: UCDP's best estimate of deaths.
    pub best: Vec<u32>,
    /// `high`.
    pub high: Vec<u32>,
    /// `low`.
    pub low: Vec<u32>,
}

impl Events {
    /// Number of events.
    #[must_use]
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether there are no events.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// Moves the events of `other` to the end of these, one column at a time.
    fn append(&mut self, mut other: Events) {
        macro_rules! columns {
            ($($c:ident),*) => {$(
                self.$c.append(&mut other.$c);
            )*};
        }
        columns!(
            id,
            year,
            active_year,
            type_of_violence,
            conflict_new_id,
            dyad_new_id,
            side_a_new_id,
            side_b_new_id,
            where_prec,
            latitude,
            longitude,
            priogrid_gid,
            country_id,
            event_clarity,
            date_prec,
            date_start,
            date_end,
            deaths_a,
            deaths_b,
            deaths_civilians,
            deaths_unknown,
            best,
            high,
            low
        );
    }

    fn with_capacity(n: usize) -> Events {
        Events {
            id: Vec::with_capacity(n),
            year: Vec::with_capacity(n),
            active_year: Vec::with_capacity(n),
            type_of_violence: Vec::with_capacity(n),
            conflict_new_id: Vec::with_capacity(n),
            dyad_new_id: Vec::with_capacity(n),
            side_a_new_id: Vec::with_capacity(n),
            side_b_new_id: Vec::with_capacity(n),
            where_prec: Vec::with_capacity(n),
            latitude: Vec::with_capacity(n),
            longitude: Vec::with_capacity(n),
            priogrid_gid: Vec::with_capacity(n),
            country_id: Vec::with_capacity(n),
            event_clarity: Vec::with_capacity(n),
            date_prec: Vec::with_capacity(n),
            date_start: Vec::with_capacity(n),
            date_end: Vec::with_capacity(n),
            deaths_a: Vec::with_capacity(n),
            deaths_b: Vec::with_capacity(n),
            deaths_civilians: Vec::with_capacity(n),
            deaths_unknown: Vec::with_capacity(n),
            best: Vec::with_capacity(n),
            high: Vec::with_capacity(n),
            low: Vec::with_capacity(n),
        }
    }
}

/// A GED file (or the embedded sample) loaded into columns.
#[derive(Debug, Clone, Serialize)]
pub struct Ged {
    /// The events.
    pub events: Events,
    /// `country_id` → `country` name as first written in the file.
    pub country_names: BTreeMap<u16, String>,
    /// Where they came from.
    pub provenance: Provenance,
    /// Header columns not read (kept in the report, not silently lost).
    pub extra_columns: Vec<String>,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

impl Ged {
    /// Loads an embedded GED release (`None`: the default, the 23.1 sample).
    pub fn embedded(version: Option<&str>) -> Result<Ged> {
        let entry = registry::find("ucdp-ged-sample", version)?;
        Ged::from_entry(entry)
    }

    /// Loads a resolved release: the embedded sample, or a full GED (`ucdp-ged`) fetched into
    /// the cache (see [`resolve`](super::resolve)).
    pub fn from_release(release: &Release) -> Result<Ged> {
        match release {
            Release::Embedded(entry) => Ged::from_entry(entry),
            Release::Cached(cached) => {
                let mut ged = cached.read(|p| Ged::from_path(p))?;
                ged.provenance = cached.provenance(ged.provenance)?;
                Ok(ged)
            }
        }
    }

    /// Loads a registry entry (must be a GED entry).
    pub fn from_entry(entry: &'static EmbeddedDataset) -> Result<Ged> {
        if entry.kind != DatasetKind::Ged {
            return Err(Error::spec(format!(
                "{} is not a GED release",
                entry.label()
            )));
        }
        let provenance = Provenance::embedded(entry);
        let bytes = entry.bytes()?;
        let (events, country_names, extra_columns, warnings) =
            parse(&provenance.source, bytes, bytes.len() as u64)?;
        Ok(Ged {
            events,
            country_names,
            provenance,
            extra_columns,
            warnings,
        })
    }

    /// Loads a GED CSV file (UCDP's download layout), streaming: the file is read once, hashed
    /// as it is parsed, and never held in memory whole (memory is the columns, about 90 bytes
    /// per event, plus the duplicate-id index).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Ged> {
        let path = path.as_ref();
        let label = path.display().to_string();
        if let Some(ged) = parallel(path, &label, scan::SIZES) {
            return Ok(ged);
        }
        let io = |source| Error::Io {
            file: label.clone(),
            source,
        };
        let f = std::fs::File::open(path).map_err(io)?;
        let len = f.metadata().map_err(io)?.len();
        let mut reader = table::Sha256Reader::new(f);
        let (events, country_names, extra_columns, warnings) = parse(&label, &mut reader, len)?;
        let sha = reader.finish_hex();
        Ok(Ged::assemble(
            &label,
            sha,
            events,
            country_names,
            extra_columns,
            warnings,
        ))
    }

    /// Loads GED bytes; `file` names them in errors and provenance. The GED has no version
    /// column: the version is the registered one when the bytes match a registered file, else
    /// `unknown`.
    ///
    /// ```
    /// use conflictstats::data::Ged;
    ///
    /// let text = "id,year,active_year,type_of_violence,conflict_new_id,dyad_new_id,side_a_new_id,side_b_new_id,where_prec,latitude,longitude,priogrid_gid,country,country_id,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n\
    /// 1,2020,1,1,299,1,2,3,1,35.7,36.5,181154,Syria,652,1,1,2020-05-02,2020-05-01,1,0,0,0,1,1,1\n";
    /// let err = Ged::from_bytes("t.csv", text.as_bytes()).unwrap_err();
    /// assert_eq!((err.line(), err.column()), (Some(2), Some("date_end")));
    /// ```
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Ged> {
        let (events, country_names, extra_columns, warnings) =
            parse(file, bytes, bytes.len() as u64)?;
        let sha = registry::sha256_hex(bytes);
        Ok(Ged::assemble(
            file,
            sha,
            events,
            country_names,
            extra_columns,
            warnings,
        ))
    }

    pub(crate) fn assemble(
        file: &str,
        sha256: String,
        events: Events,
        country_names: BTreeMap<u16, String>,
        extra_columns: Vec<String>,
        warnings: Vec<LoadWarning>,
    ) -> Ged {
        let version = registry::by_sha256(&sha256)
            .filter(|e| e.kind == DatasetKind::Ged)
            .map_or("unknown", |e| e.version);
        Ged {
            events,
            country_names,
            provenance: Provenance::from_sha256("ucdp-ged-sample", TITLE, file, sha256, version),
            extra_columns,
            warnings,
        }
    }

    /// Number of events whose estimates are not ordered `low ≤ best ≤ high` (kept as UCDP
    /// published them).
    #[must_use]
    pub fn unordered_estimates(&self) -> usize {
        let e = &self.events;
        (0..e.len())
            .filter(|&i| e.low[i] > e.best[i] || e.best[i] > e.high[i])
            .count()
    }
}

type Parsed = (Events, BTreeMap<u16, String>, Vec<String>, Vec<LoadWarning>);

/// Reads `input` (`len` bytes, a capacity hint) into columns, in one pass.
fn parse(file: &str, input: impl std::io::Read, len: u64) -> Result<Parsed> {
    // UCDP's full GED rows are ~550 bytes; the 25 columns read alone are ~150 bytes.
    let hint = usize::try_from(len / 550).unwrap_or(0);
    let mut ev = Events::with_capacity(hint);
    let mut names = BTreeMap::new();
    let mut seen: HashMap<u64, u64> = HashMap::with_capacity(hint);
    let header = table::read_from(file, input, &SCHEMA, |row| {
        push_event(row, &mut ev, &mut names, |id| {
            match seen.insert(id, row.line()) {
                Some(first_line) => Err(Error::DuplicateRecord {
                    file: file.to_string(),
                    line: row.line(),
                    first_line,
                    key: format!("event (id {id})"),
                }),
                None => Ok(()),
            }
        })
    })?;
    Ok((ev, names, header.unknown, header.warnings))
}

/// Checks one GED row and appends it to `ev` (and its country's name, if new, to `names`);
/// `seen` is told the event id right after it is read (the duplicate check of the caller).
fn push_event(
    row: &Row<'_>,
    ev: &mut Events,
    names: &mut BTreeMap<u16, String>,
    seen: impl FnOnce(u64) -> Result<()>,
) -> Result<()> {
    let id: u64 = row.num(ID, "an event id (non-negative integer)")?;
    seen(id)?;
    let year: i32 = row.num(YEAR, "a year (integer)")?;
    if !(1989..=2100).contains(&year) {
        return Err(row.invalid(YEAR, "a year between 1989 and 2100 (GED coverage)"));
    }
    let start = day(row, DATE_START)?;
    let end = day(row, DATE_END)?;
    if end < start {
        return Err(row.invalid(DATE_END, "a date on or after date_start"));
    }
    let tov = code(row, TYPE_OF_VIOLENCE, 1..=3, "1, 2 or 3")?;
    let country_id = row
        .num::<u16>(COUNTRY_ID, "a Gleditsch–Ward code 1–999")
        .ok()
        .filter(|c| (1..=999).contains(c))
        .ok_or_else(|| row.invalid(COUNTRY_ID, "a Gleditsch–Ward code 1–999"))?;
    names
        .entry(country_id)
        .or_insert_with(|| row.string(COUNTRY));
    ev.id.push(id);
    ev.year.push(year);
    ev.active_year.push(row.flag(ACTIVE_YEAR)?);
    ev.type_of_violence.push(tov);
    ev.conflict_new_id
        .push(row.num(CONFLICT_NEW_ID, "a UCDP conflict id")?);
    ev.dyad_new_id.push(row.num(DYAD_NEW_ID, "a UCDP dyad id")?);
    ev.side_a_new_id
        .push(row.num(SIDE_A_NEW_ID, "a UCDP actor id")?);
    ev.side_b_new_id
        .push(row.num(SIDE_B_NEW_ID, "a UCDP actor id")?);
    ev.where_prec
        .push(code(row, WHERE_PREC, 1..=7, "a precision code 1–7")?);
    ev.latitude.push(coord(row, LATITUDE, 90.0)?);
    ev.longitude.push(coord(row, LONGITUDE, 180.0)?);
    ev.priogrid_gid.push(
        row.opt_num(PRIOGRID_GID, "a PRIO-GRID cell id (1–259200) or empty")?
            .map_or(Ok(0), |g: u32| {
                if (1..=259_200).contains(&g) {
                    Ok(g)
                } else {
                    Err(row.invalid(PRIOGRID_GID, "a PRIO-GRID cell id (1–259200)"))
                }
            })?,
    );
    ev.country_id.push(country_id);
    ev.event_clarity
        .push(code(row, EVENT_CLARITY, 1..=2, "1 or 2")?);
    ev.date_prec
        .push(code(row, DATE_PREC, 1..=5, "a date precision code 1–5")?);
    ev.date_start.push(start);
    ev.date_end.push(end);
    for (col, dst) in [
        (DEATHS_A, &mut ev.deaths_a),
        (DEATHS_B, &mut ev.deaths_b),
        (DEATHS_CIVILIANS, &mut ev.deaths_civilians),
        (DEATHS_UNKNOWN, &mut ev.deaths_unknown),
        (BEST, &mut ev.best),
        (HIGH, &mut ev.high),
        (LOW, &mut ev.low),
    ] {
        dst.push(row.num(col, "a number of deaths (non-negative integer)")?);
    }
    Ok(())
}

/// The parallel reader's part of [`Ged::from_path`] (see [`scan`]): `None` leaves the file to
/// the streaming reader (anything unusual, any error, a duplicate id).
fn parallel(path: &Path, label: &str, sizes: scan::Sizes) -> Option<Ged> {
    let f = std::fs::File::open(path).ok()?;
    let len = f.metadata().ok()?.len();
    // Each window's chunks are appended as soon as it is parsed (while their columns are
    // still in the cache), to columns sized for the file (UCDP's rows are ~550 bytes).
    let mut events = Events::with_capacity(usize::try_from(len / 550).unwrap_or(0));
    let mut country_names = BTreeMap::new();
    let p = scan::read_parallel(
        label,
        f,
        (sizes, &SCHEMA),
        |bytes| (Events::with_capacity(bytes / 550), BTreeMap::new()),
        |(ev, names), row| push_event(row, ev, names, |_| Ok(())),
        |(ev, names): (Events, BTreeMap<u16, String>)| {
            for (code, name) in names {
                country_names.entry(code).or_insert(name);
            }
            events.append(ev);
        },
    )?;
    if has_duplicates(&events.id) {
        return None;
    }
    Some(Ged::assemble(
        label,
        p.sha256,
        events,
        country_names,
        p.header.unknown,
        p.header.warnings,
    ))
}

/// Whether an id occurs twice (ids in increasing order, as UCDP writes them, are checked in
/// one pass).
fn has_duplicates(ids: &[u64]) -> bool {
    if ids.windows(2).all(|w| w[0] < w[1]) {
        return false;
    }
    let mut sorted = ids.to_vec();
    sorted.par_sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

fn code(row: &Row<'_>, col: usize, range: std::ops::RangeInclusive<u8>, exp: &str) -> Result<u8> {
    row.trimmed(col)
        .parse::<u8>()
        .ok()
        .filter(|c| range.contains(c))
        .ok_or_else(|| row.invalid(col, exp))
}

fn coord(row: &Row<'_>, col: usize, max: f64) -> Result<f64> {
    let v: f64 = row.num(col, "a coordinate in decimal degrees")?;
    if v.is_finite() && v.abs() <= max {
        Ok(v)
    } else {
        Err(row.invalid(col, format!("a coordinate between -{max} and {max}")))
    }
}

/// A date as days since 1970-01-01. Accepts `yyyy-mm-dd` and UCDP's `yyyy-mm-dd 00:00:00.000`.
fn day(row: &Row<'_>, col: usize) -> Result<i32> {
    let s = row.trimmed(col);
    // `s.split_once([' ', 'T'])`, with a byte search (both are ASCII).
    let date_part = match s.bytes().position(|b| b == b' ' || b == b'T') {
        Some(i) if s[i + 1..].starts_with("00:00:00") => &s[..i],
        Some(_) => return Err(row.invalid(col, "a date as yyyy-mm-dd (time 00:00:00)")),
        None => s,
    };
    row.parse_date(col, date_part)
        .and_then(|d| i32::try_from(crate::events::days_from_date(d)).ok())
        .ok_or_else(|| row.invalid(col, "a date as yyyy-mm-dd"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const REAL: &[u8] = include_bytes!("../../../../data/ucdp-ged-sample/ged231_sample_1000.csv");

    /// Variants of the real sample: what the parallel reader takes, what it leaves to the
    /// streaming reader, and what both must reject.
    fn variants() -> Vec<(&'static str, Vec<u8>, bool)> {
        let text = std::str::from_utf8(REAL).unwrap();
        let (header, body) = text.split_once('\n').unwrap();
        let rows = table_rows(body);
        let join = |rows: &[String]| format!("{header}\n{}", rows.concat()).into_bytes();
        let mut reversed = rows.clone();
        reversed.reverse();
        let mut dup = rows.clone();
        dup[700] = format!(
            "{}{}",
            rows[3].split(',').next().unwrap(),
            &rows[700][rows[700].find(',').unwrap()..]
        );
        let mut blank = rows.clone();
        blank.insert(500, "\r\n".into());
        blank.insert(200, "\n".into());
        let mut stray = rows.clone();
        stray[600] = stray[600].replacen(",Clear,", ",Cl\"ear,", 1);
        let mut short = rows.clone();
        short[900] = short[900].replacen(",Clear,", ",", 1);
        // A column the loader reads (the country name), quoted with `""` escapes.
        let quoted_country: Vec<String> = rows
            .iter()
            .map(|r| r.replacen(",Syria,652,", ",\"Syria \"\"SY\"\"\",652,", 1))
            .collect();
        let mut bad_date = rows.clone();
        bad_date[800] = with_field(header, &rows[800], "date_start", "2013-02-30");
        let mut bad_late = rows.clone();
        bad_late[990] = with_field(header, &rows[990], "latitude", "91.5");
        let mut extra = rows.clone();
        extra[400] = extra[400].replacen(",Clear,", ",Clear,x,", 1);
        let mut bad_id = rows.clone();
        bad_id[950] = format!("x{}", &rows[950][rows[950].find(',').unwrap()..]);
        let mut bad_utf8 = join(&rows);
        let at = bad_utf8.len() - 300;
        bad_utf8[at] = 0xFF;
        let mut nul = join(&rows);
        nul[at] = 0;
        let crlf_of = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes)
                .replace("\r\n", "\n")
                .replace('\n', "\r\n")
                .into_bytes()
        };
        let crlf = crlf_of(REAL);
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(REAL);
        let no_final_newline = REAL[..REAL.len() - 1].to_vec();
        vec![
            ("real", REAL.to_vec(), true),
            ("crlf", crlf, true),
            ("bom", bom, true),
            ("no final newline", no_final_newline, true),
            ("reversed ids", join(&reversed), true),
            ("blank lines", join(&blank), true),
            ("quoted country", join(&quoted_country), true),
            ("crlf quoted country", crlf_of(&join(&quoted_country)), true),
            ("bad date", join(&bad_date), false),
            ("bad latitude near the end", join(&bad_late), false),
            ("extra field", join(&extra), false),
            ("duplicate id", join(&dup), false),
            ("stray quote", join(&stray), false),
            ("short row", join(&short), false),
            ("bad id", join(&bad_id), false),
            ("invalid utf-8", bad_utf8, false),
            ("nul byte", nul, false),
        ]
    }

    /// `row` (a record of the sample, with its line end) with the field `col` set to `value`,
    /// written back by the `csv` crate.
    fn with_field(header: &str, row: &str, col: &str, value: &str) -> String {
        let at = header.split(',').position(|c| c == col).unwrap();
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row.as_bytes());
        let rec = rdr.records().next().unwrap().unwrap();
        let mut fields: Vec<&str> = rec.iter().collect();
        fields[at] = value;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&fields).unwrap();
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    }

    /// The records of `body` as written (quoted newlines kept inside their record).
    fn table_rows(body: &str) -> Vec<String> {
        let mut rows = Vec::new();
        let mut cur = String::new();
        let mut quotes = 0;
        for line in body.split_inclusive('\n') {
            cur.push_str(line);
            quotes += line.matches('"').count();
            if quotes % 2 == 0 {
                rows.push(std::mem::take(&mut cur));
                quotes = 0;
            }
        }
        rows
    }

    #[test]
    fn parallel_and_streaming_readers_agree_on_every_variant() {
        let dir = std::env::temp_dir().join(format!("cs-ged-par-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Tiny windows and chunks: many boundaries, records cut by window ends.
        let tiny = scan::Sizes {
            window: 8 << 10,
            min_chunk: 1 << 10,
            piece: 500,
        };
        for (name, bytes, parallel_takes_it) in variants() {
            let path = dir.join(format!("{}.csv", name.replace(' ', "_")));
            std::fs::write(&path, &bytes).unwrap();
            let label = path.display().to_string();
            let streamed = Ged::from_bytes(&label, &bytes);
            for sizes in [tiny, scan::SIZES] {
                let par = parallel(&path, &label, sizes);
                assert_eq!(par.is_some(), parallel_takes_it, "{name}");
                if let Some(p) = par {
                    let s = streamed.as_ref().unwrap();
                    assert_eq!(p.events, s.events, "{name}");
                    assert_eq!(p.country_names, s.country_names, "{name}");
                    assert_eq!(p.extra_columns, s.extra_columns, "{name}");
                    assert_eq!(p.warnings, s.warnings, "{name}");
                    assert_eq!(p.provenance, s.provenance, "{name}");
                }
            }
            match (Ged::from_path(&path), &streamed) {
                (Ok(a), Ok(b)) => assert_eq!(a.events, b.events, "{name}"),
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{name}"),
                (a, b) => panic!(
                    "{name}: from_path {:?} vs from_bytes {:?}",
                    a.is_ok(),
                    b.is_ok()
                ),
            }
            assert_eq!(
                streamed.is_ok(),
                parallel_takes_it || name == "stray quote",
                "{name}"
            );
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn sample_loads_with_its_quirks() {
        let ged = Ged::from_bytes("ged.csv", REAL).unwrap();
        let e = &ged.events;
        assert_eq!(e.len(), 1000);
        assert_eq!(ged.provenance.version, "23.1");
        assert_eq!(ged.provenance.status, super::super::ReleaseStatus::Official);
        // 49 columns: 25 read, 24 reported as extra.
        assert_eq!(ged.extra_columns.len(), 24);
        assert!(ged.extra_columns.iter().any(|c| c == "source_article"));
        let by_type = |t: u8| e.type_of_violence.iter().filter(|&&x| x == t).count();
        assert_eq!((by_type(1), by_type(2), by_type(3)), (707, 133, 160));
        assert_eq!(
            ged.country_names.get(&345).map(String::as_str),
            Some("Serbia (Yugoslavia)")
        );
        // best = deaths_a + deaths_b + civilians + unknown in every event of the sample.
        for i in 0..e.len() {
            assert_eq!(
                e.best[i],
                e.deaths_a[i] + e.deaths_b[i] + e.deaths_civilians[i] + e.deaths_unknown[i]
            );
        }
        let sums = |v: &[u32]| v.iter().map(|&x| u64::from(x)).sum::<u64>();
        assert_eq!(
            (sums(&e.low), sums(&e.best), sums(&e.high)),
            (6224, 9561, 22017)
        );
    }

    #[test]
    fn ucdp_time_suffix_is_accepted_and_other_times_rejected() {
        let head = "id,year,active_year,type_of_violence,conflict_new_id,dyad_new_id,side_a_new_id,side_b_new_id,where_prec,latitude,longitude,priogrid_gid,country,country_id,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low\n";
        let ok = format!(
            "{head}7,2020,1,1,299,1,2,3,1,35.7,36.5,,Syria,652,1,1,2020-05-01 00:00:00.000,2020-05-01 00:00:00.000,1,0,0,0,1,1,1\n"
        );
        let ged = Ged::from_bytes("t.csv", ok.as_bytes()).unwrap();
        assert_eq!(ged.events.priogrid_gid, vec![0]);
        assert_eq!(ged.events.date_start, vec![18383]);
        assert_eq!(ged.provenance.version, "unknown");
        let bad = ok.replacen("00:00:00.000", "12:00:00.000", 1);
        let err = Ged::from_bytes("t.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(err.column(), Some("date_start"));
        let dup = format!("{ok}{}", ok.lines().nth(1).unwrap());
        assert!(matches!(
            Ged::from_bytes("t.csv", dup.as_bytes()),
            Err(Error::DuplicateRecord {
                line: 3,
                first_line: 2,
                ..
            })
        ));
    }
}
