//! Loader for a user's own ACLED export (Armed Conflict Location & Event Data), into columns.
//!
//! ACLED's data cannot be shipped: this reads the CSV a user exported from ACLED (the export
//! tool or the API), in ACLED's documented layout, with the discipline of the UCDP loaders —
//! every row checked, nothing dropped, coerced or zero-filled, errors naming file, line,
//! column, the value found and what was expected, the SHA-256 of the bytes in the
//! [`Provenance`]. An export is no registered release: its provenance says `unregistered`
//! and `version unknown`, and names ACLED's citation.
//!
//! ## ACLED counts something else than UCDP
//!
//! | | ACLED `fatalities` | UCDP GED `best` |
//! |---|---|---|
//! | events | political violence, demonstrations and strategic developments, each a single day | organized violence (state-based, non-state, one-sided), a date range |
//! | threshold | none: an event needs no death, a conflict no yearly minimum | the conflict, dyad or actor reaches 25 deaths in the year |
//! | figure | one number, the most conservative reported ("several" = 3 or 10, "dozens" = 12); no report = 0 | low, best and high estimates |
//!
//! So ACLED fatalities summed per country-month are **not** battle-related deaths, and the
//! aggregation says so in its unit and source (see [`crate::events::aggregate_acled`]). Filter
//! the event types (e.g. Battles, Explosions/Remote violence, Violence against civilians) to
//! choose what is counted.
//!
//! ## The layout
//!
//! Columns read and checked (**required**, in any order; every ACLED export since the 2019
//! event-type revision has them):
//!
//! | column | accepted |
//! |---|---|
//! | `event_id_cnty` | a non-empty id, unique in the file |
//! | `event_date` | `yyyy-mm-dd` (the codebook's form) or `d Month yyyy` (`14 March 2024`, English month names, as the export tool writes it), from 1997-01-01 (ACLED's first year) to 2100 |
//! | `year` | the year of `event_date` |
//! | `time_precision` | 1 (the day), 2 (within a week: the middle of the period is recorded), 3 (within a month) |
//! | `event_type`, `sub_event_type` | ACLED's 6 event types and 25 sub-event types ([`EventType`], [`SubEventType`]), the sub-event type belonging to the event type |
//! | `iso` | an ISO 3166-1 numeric code listed in [`IsoNumeric`] (ACLED writes it without leading zeros: `4` for Afghanistan) |
//! | `country` | the country name, kept once per `(iso, country)` |
//! | `latitude`, `longitude` | decimal degrees |
//! | `geo_precision` | 1–3 |
//! | `fatalities` | a non-negative integer (an empty field is an error, never 0) |
//!
//! `disorder_type` is read when present: ACLED added it (with `civilian_targeting` and `tags`,
//! removing `data_id`, `event_id_no_cnty` and `iso3`) on 2023-03-20. It must agree with the
//! sub-event type ([`SubEventType::disorder`]). Older exports, without it, load as
//! [`AcledLayout::Before2023`]. Every other column (actors, `inter1`/`inter2`/`interaction` —
//! numeric codes in older exports, text in newer ones — admin areas, `notes`, `source`,
//! `tags`, `timestamp`, …) is accepted and listed in [`Acled::extra_columns`]. Exports older
//! than 2019 (event types such as `Remote violence` or `Riots/Protests`) are rejected at their
//! first row, naming the value.
//!
//! ```
//! use conflictstats::data::{Acled, AcledLayout, EventType};
//!
//! let text = "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,iso,country,latitude,longitude,geo_precision,fatalities\n\
//! SDN1,2024-03-14,2024,1,Political violence,Battles,Armed clash,729,Sudan,15.5,32.5,1,7\n\
//! SDN2,15 March 2024,2024,2,Demonstrations,Protests,Peaceful protest,729,Sudan,15.6,32.5,1,0\n";
//! let acled = Acled::from_bytes("export.csv", text.as_bytes())?;
//! assert_eq!(acled.layout, AcledLayout::Since2023);
//! assert_eq!(acled.events.fatalities, [7, 0]);
//! assert_eq!(acled.events.sub_event_type[0].event_type(), EventType::Battles);
//! assert_eq!(acled.provenance.status.key(), "unregistered");
//!
//! let bad = text.replace("SDN2,15 March 2024", "SDN2,2024-14-03");
//! let err = Acled::from_bytes("export.csv", bad.as_bytes()).unwrap_err();
//! assert_eq!((err.line(), err.column()), (Some(3), Some("event_date")));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::iso_numeric::IsoNumeric;
use super::table::{self, Row, Schema};
use super::{LoadWarning, Provenance};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

/// The dataset's name in provenance.
pub const ACLED_NAME: &str = "acled-export";
const TITLE: &str = "ACLED (Armed Conflict Location & Event Data) export";
const CITATION: &str = "Raleigh, Clionadh, Andrew Linke, Håvard Hegre and Joakim Karlsen (2010). Introducing ACLED: An Armed Conflict Location and Event Dataset. Journal of Peace Research 47(5): 651–660. Data: the user's own ACLED export (acleddata.com), under ACLED's terms of use.";
const LICENCE: &str =
    "ACLED terms of use (the export is the user's; conflictstats ships no ACLED data)";

/// Columns read; `disorder_type` is last so that both layouts share the indices.
const COLUMNS: &[&str] = &[
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "iso",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "disorder_type",
];
const EVENT_ID: usize = 0;
const EVENT_DATE: usize = 1;
const YEAR: usize = 2;
const TIME_PRECISION: usize = 3;
const EVENT_TYPE: usize = 4;
const SUB_EVENT_TYPE: usize = 5;
const ISO: usize = 6;
const COUNTRY: usize = 7;
const LATITUDE: usize = 8;
const LONGITUDE: usize = 9;
const GEO_PRECISION: usize = 10;
const FATALITIES: usize = 11;
const DISORDER_TYPE: usize = 12;

const SINCE_2023: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};
const BEFORE_2023: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS.split_at(DISORDER_TYPE).0,
    aliases: &[],
};

/// Which of ACLED's layouts the export has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AcledLayout {
    /// With `disorder_type` (ACLED's columns since 2023-03-20).
    #[serde(rename = "since_2023")]
    Since2023,
    /// Without `disorder_type` (exports from 2019 to March 2023).
    #[serde(rename = "before_2023")]
    Before2023,
}

/// ACLED's `disorder_type` categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DisorderType {
    /// "Political violence".
    PoliticalViolence,
    /// "Demonstrations".
    Demonstrations,
    /// "Strategic developments".
    StrategicDevelopments,
}

/// ACLED's `event_type`: a closed list of six.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    /// "Battles".
    Battles,
    /// "Explosions/Remote violence".
    ExplosionsRemoteViolence,
    /// "Violence against civilians".
    ViolenceAgainstCivilians,
    /// "Protests".
    Protests,
    /// "Riots".
    Riots,
    /// "Strategic developments".
    StrategicDevelopments,
}

/// ACLED's `sub_event_type`: a closed list of 25, each of one event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum SubEventType {
    GovernmentRegainsTerritory,
    NonStateActorOvertakesTerritory,
    ArmedClash,
    ChemicalWeapon,
    AirDroneStrike,
    SuicideBomb,
    ShellingArtilleryMissileAttack,
    RemoteExplosiveLandmineIed,
    Grenade,
    SexualViolence,
    Attack,
    AbductionForcedDisappearance,
    ExcessiveForceAgainstProtesters,
    ProtestWithIntervention,
    PeacefulProtest,
    ViolentDemonstration,
    MobViolence,
    Agreement,
    Arrests,
    ChangeToGroupActivity,
    DisruptedWeaponsUse,
    HeadquartersOrBaseEstablished,
    LootingPropertyDestruction,
    NonViolentTransferOfTerritory,
    Other,
}

use DisorderType as D;
use EventType as E;
use SubEventType as S;

/// `(event type, ACLED's spelling, key)`.
const EVENT_TYPES: [(EventType, &str, &str); 6] = [
    (E::Battles, "Battles", "battles"),
    (
        E::ExplosionsRemoteViolence,
        "Explosions/Remote violence",
        "explosions_remote_violence",
    ),
    (
        E::ViolenceAgainstCivilians,
        "Violence against civilians",
        "violence_against_civilians",
    ),
    (E::Protests, "Protests", "protests"),
    (E::Riots, "Riots", "riots"),
    (
        E::StrategicDevelopments,
        "Strategic developments",
        "strategic_developments",
    ),
];

/// `(disorder type, ACLED's spelling, key)`.
const DISORDER_TYPES: [(DisorderType, &str, &str); 3] = [
    (
        D::PoliticalViolence,
        "Political violence",
        "political_violence",
    ),
    (D::Demonstrations, "Demonstrations", "demonstrations"),
    (
        D::StrategicDevelopments,
        "Strategic developments",
        "strategic_developments",
    ),
];

const PV: &[DisorderType] = &[D::PoliticalViolence];
const DEM: &[DisorderType] = &[D::Demonstrations];
const PV_DEM: &[DisorderType] = &[D::PoliticalViolence, D::Demonstrations];
const SD: &[DisorderType] = &[D::StrategicDevelopments];

/// ACLED's codebook, Table 2: every sub-event type with its spelling, event type and disorder
/// type(s), in the codebook's (hierarchical) order.
const SUB_EVENTS: [(SubEventType, &str, EventType, &[DisorderType]); 25] = [
    (
        S::GovernmentRegainsTerritory,
        "Government regains territory",
        E::Battles,
        PV,
    ),
    (
        S::NonStateActorOvertakesTerritory,
        "Non-state actor overtakes territory",
        E::Battles,
        PV,
    ),
    (S::ArmedClash, "Armed clash", E::Battles, PV),
    (
        S::ChemicalWeapon,
        "Chemical weapon",
        E::ExplosionsRemoteViolence,
        PV,
    ),
    (
        S::AirDroneStrike,
        "Air/drone strike",
        E::ExplosionsRemoteViolence,
        PV,
    ),
    (
        S::SuicideBomb,
        "Suicide bomb",
        E::ExplosionsRemoteViolence,
        PV,
    ),
    (
        S::ShellingArtilleryMissileAttack,
        "Shelling/artillery/missile attack",
        E::ExplosionsRemoteViolence,
        PV,
    ),
    (
        S::RemoteExplosiveLandmineIed,
        "Remote explosive/landmine/IED",
        E::ExplosionsRemoteViolence,
        PV,
    ),
    (S::Grenade, "Grenade", E::ExplosionsRemoteViolence, PV),
    (
        S::SexualViolence,
        "Sexual violence",
        E::ViolenceAgainstCivilians,
        PV,
    ),
    (S::Attack, "Attack", E::ViolenceAgainstCivilians, PV),
    (
        S::AbductionForcedDisappearance,
        "Abduction/forced disappearance",
        E::ViolenceAgainstCivilians,
        PV,
    ),
    (
        S::ExcessiveForceAgainstProtesters,
        "Excessive force against protesters",
        E::Protests,
        PV_DEM,
    ),
    (
        S::ProtestWithIntervention,
        "Protest with intervention",
        E::Protests,
        DEM,
    ),
    (S::PeacefulProtest, "Peaceful protest", E::Protests, DEM),
    (
        S::ViolentDemonstration,
        "Violent demonstration",
        E::Riots,
        DEM,
    ),
    (S::MobViolence, "Mob violence", E::Riots, PV),
    (S::Agreement, "Agreement", E::StrategicDevelopments, SD),
    (S::Arrests, "Arrests", E::StrategicDevelopments, SD),
    (
        S::ChangeToGroupActivity,
        "Change to group/activity",
        E::StrategicDevelopments,
        SD,
    ),
    (
        S::DisruptedWeaponsUse,
        "Disrupted weapons use",
        E::StrategicDevelopments,
        SD,
    ),
    (
        S::HeadquartersOrBaseEstablished,
        "Headquarters or base established",
        E::StrategicDevelopments,
        SD,
    ),
    (
        S::LootingPropertyDestruction,
        "Looting/property destruction",
        E::StrategicDevelopments,
        SD,
    ),
    (
        S::NonViolentTransferOfTerritory,
        "Non-violent transfer of territory",
        E::StrategicDevelopments,
        SD,
    ),
    (S::Other, "Other", E::StrategicDevelopments, SD),
];

/// Finds `s` among `(value, ACLED's spelling, key)` rows: the spelling exactly when `strict`
/// (file fields), else the spelling or the key, case-insensitively, `-`/space for `_`.
fn lookup<T: Copy>(
    rows: impl Iterator<Item = (T, &'static str, String)>,
    s: &str,
    strict: bool,
) -> Option<T> {
    let s = s.trim();
    let norm = |x: &str| x.to_ascii_lowercase().replace(['-', ' '], "_");
    rows.into_iter()
        .find(|(_, label, key)| {
            if strict {
                *label == s
            } else {
                label.eq_ignore_ascii_case(s) || *key == norm(s)
            }
        })
        .map(|(v, _, _)| v)
}

fn unknown(what: &str, s: &str, labels: impl Iterator<Item = &'static str>) -> Error {
    Error::spec(format!(
        "unknown ACLED {what} `{s}`; expected one of: {}",
        labels.collect::<Vec<_>>().join(", ")
    ))
}

impl EventType {
    /// ACLED's spelling, e.g. `Explosions/Remote violence`.
    #[must_use]
    pub fn label(self) -> &'static str {
        EVENT_TYPES.iter().find(|r| r.0 == self).map_or("", |r| r.1)
    }

    /// The `snake_case` key, e.g. `explosions_remote_violence`.
    #[must_use]
    pub fn key(self) -> &'static str {
        EVENT_TYPES.iter().find(|r| r.0 == self).map_or("", |r| r.2)
    }

    /// Parses ACLED's spelling or the key (case-insensitive).
    pub fn parse(s: &str) -> Result<EventType> {
        let rows = EVENT_TYPES.iter().map(|r| (r.0, r.1, r.2.to_string()));
        lookup(rows, s, false)
            .ok_or_else(|| unknown("event type", s, EVENT_TYPES.iter().map(|r| r.1)))
    }

    /// Every event type, in ACLED's order.
    #[must_use]
    pub fn all() -> [EventType; 6] {
        EVENT_TYPES.map(|r| r.0)
    }
}

impl DisorderType {
    /// ACLED's spelling, e.g. `Political violence`.
    #[must_use]
    pub fn label(self) -> &'static str {
        DISORDER_TYPES
            .iter()
            .find(|r| r.0 == self)
            .map_or("", |r| r.1)
    }

    /// Parses ACLED's spelling or the key (case-insensitive).
    pub fn parse(s: &str) -> Result<DisorderType> {
        let rows = DISORDER_TYPES.iter().map(|r| (r.0, r.1, r.2.to_string()));
        lookup(rows, s, false)
            .ok_or_else(|| unknown("disorder type", s, DISORDER_TYPES.iter().map(|r| r.1)))
    }
}

impl SubEventType {
    fn facts(
        self,
    ) -> &'static (
        SubEventType,
        &'static str,
        EventType,
        &'static [DisorderType],
    ) {
        &SUB_EVENTS[SUB_EVENTS.iter().position(|r| r.0 == self).unwrap_or(0)]
    }

    /// ACLED's spelling, e.g. `Air/drone strike`.
    #[must_use]
    pub fn label(self) -> &'static str {
        self.facts().1
    }

    /// The event type it belongs to.
    #[must_use]
    pub fn event_type(self) -> EventType {
        self.facts().2
    }

    /// Its disorder type(s): one, or two for "Excessive force against protesters"
    /// (`Political violence; Demonstrations` in ACLED's column).
    #[must_use]
    pub fn disorder(self) -> &'static [DisorderType] {
        self.facts().3
    }

    /// Parses ACLED's spelling or the `snake_case` key (case-insensitive).
    pub fn parse(s: &str) -> Result<SubEventType> {
        lookup(SUB_EVENTS.iter().map(|r| (r.0, r.1, key_of(r.1))), s, false)
            .ok_or_else(|| unknown("sub-event type", s, SUB_EVENTS.iter().map(|r| r.1)))
    }
}

/// The `snake_case` key of an ACLED spelling (`Air/drone strike` → `air_drone_strike`).
fn key_of(label: &str) -> String {
    label
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

/// ACLED events as columns: element `i` of every vector is event `i` (file order).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AcledEvents {
    /// `event_id_cnty`.
    pub event_id_cnty: Vec<String>,
    /// `event_date`, days since 1970-01-01.
    pub date: Vec<i32>,
    /// `time_precision` 1–3.
    pub time_precision: Vec<u8>,
    /// `sub_event_type` (the event type and disorder type follow from it).
    pub sub_event_type: Vec<SubEventType>,
    /// `iso`: ISO 3166-1 numeric code.
    pub iso: Vec<u16>,
    /// Index into [`Acled::countries`].
    pub country: Vec<u32>,
    /// `latitude`.
    pub latitude: Vec<f64>,
    /// `longitude`.
    pub longitude: Vec<f64>,
    /// `geo_precision` 1–3.
    pub geo_precision: Vec<u8>,
    /// `fatalities`: ACLED's reported fatalities.
    pub fatalities: Vec<u32>,
}

impl AcledEvents {
    /// Number of events.
    #[must_use]
    pub fn len(&self) -> usize {
        self.date.len()
    }

    /// Whether there are no events.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }
}

/// A user's ACLED export loaded into columns.
#[derive(Debug, Clone, Serialize)]
pub struct Acled {
    /// The events.
    pub events: AcledEvents,
    /// The distinct `(iso, country)` pairs, in order of first appearance.
    pub countries: Vec<(u16, String)>,
    /// With or without `disorder_type`.
    pub layout: AcledLayout,
    /// Where they came from (status `unregistered`, version `unknown`).
    pub provenance: Provenance,
    /// Header columns not read (kept in the report, not silently lost).
    pub extra_columns: Vec<String>,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

/// What one pass over the rows builds.
#[derive(Default)]
struct Parsed {
    events: AcledEvents,
    countries: Vec<(u16, String)>,
    country_index: HashMap<(u16, String), u32>,
    seen: HashMap<String, u64>,
}

impl Acled {
    /// Loads an ACLED export, streaming (read once, hashed as it is parsed).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Acled> {
        let path = path.as_ref();
        let iso = IsoNumeric::embedded()?;
        let layout_pass = |schema: &Schema| {
            let (label, len, mut reader) = super::fields::open_path(path)?;
            let r = parse(&label, &mut reader, len, schema, &iso)?;
            Ok((label, r, reader.finish_hex()))
        };
        let ((label, (parsed, header), sha), layout) = with_layout(layout_pass)?;
        Ok(assemble(&label, sha, parsed, header, layout))
    }

    /// Loads ACLED export bytes; `file` names them in errors and provenance.
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<Acled> {
        let iso = IsoNumeric::embedded()?;
        let ((parsed, header), layout) =
            with_layout(|schema| parse(file, bytes, bytes.len() as u64, schema, &iso))?;
        let sha = super::registry::sha256_hex(bytes);
        Ok(assemble(file, sha, parsed, header, layout))
    }
}

/// Runs `pass` with the 2023 layout, and again with the older one when the header has no
/// `disorder_type` (an error at the header: nothing else was read).
fn with_layout<T>(pass: impl Fn(&Schema) -> Result<T>) -> Result<(T, AcledLayout)> {
    match pass(&SINCE_2023) {
        Err(Error::MissingColumn { column, .. }) if column == COLUMNS[DISORDER_TYPE] => {
            Ok((pass(&BEFORE_2023)?, AcledLayout::Before2023))
        }
        r => Ok((r?, AcledLayout::Since2023)),
    }
}

fn assemble(
    file: &str,
    sha256: String,
    p: Parsed,
    header: table::Header,
    layout: AcledLayout,
) -> Acled {
    let mut provenance =
        Provenance::from_sha256(ACLED_NAME, TITLE, file, sha256, super::UNKNOWN_VERSION);
    provenance.licence = Some(LICENCE.to_string());
    provenance.citation = Some(CITATION.to_string());
    Acled {
        events: p.events,
        countries: p.countries,
        layout,
        provenance: super::lock::record(provenance),
        extra_columns: header.unknown,
        warnings: header.warnings,
    }
}

fn parse(
    file: &str,
    input: impl std::io::Read,
    len: u64,
    schema: &Schema,
    iso: &IsoNumeric,
) -> Result<(Parsed, table::Header)> {
    let mut p = Parsed::default();
    let hint = usize::try_from(len / 400).unwrap_or(0);
    p.seen.reserve(hint);
    let has_disorder = schema.columns.len() > DISORDER_TYPE;
    let header = table::read_from(file, input, schema, |row| {
        push_event(row, &mut p, iso, has_disorder)?;
        let id = p.events.event_id_cnty.last().cloned().unwrap_or_default();
        if let Some(first_line) = p.seen.insert(id.clone(), row.line()) {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line,
                key: format!("event (event_id_cnty {id})"),
            });
        }
        Ok(())
    })?;
    Ok((p, header))
}

/// Checks one row and appends it to the columns.
fn push_event(row: &Row<'_>, p: &mut Parsed, iso: &IsoNumeric, has_disorder: bool) -> Result<()> {
    let id = row.str(EVENT_ID).trim();
    if id.is_empty() {
        return Err(row.invalid(EVENT_ID, "an event id (e.g. SDN1234)"));
    }
    let (date, year) = event_date(row)?;
    if row.num::<i32>(YEAR, "a year (integer)")? != year {
        return Err(row.invalid(YEAR, format!("the year of event_date ({year})")));
    }
    let sub = sub_event(row, has_disorder)?;
    let code = row
        .num::<u16>(ISO, "an ISO 3166-1 numeric code (integer 0–999)")
        .ok()
        .filter(|c| iso.is_listed(*c))
        .ok_or_else(|| {
            row.invalid(ISO, "an ISO 3166-1 numeric code (current or withdrawn; see data/crosswalk/iso_numeric.csv)")
        })?;
    let key = (code, row.string(COUNTRY));
    let next = u32::try_from(p.countries.len()).unwrap_or(u32::MAX);
    let country = *p.country_index.entry(key.clone()).or_insert_with(|| {
        p.countries.push(key);
        next
    });
    let e = &mut p.events;
    e.event_id_cnty.push(id.to_string());
    e.date.push(date);
    e.time_precision
        .push(precision(row, TIME_PRECISION, "a time precision code 1–3")?);
    e.sub_event_type.push(sub);
    e.iso.push(code);
    e.country.push(country);
    e.latitude.push(coord(row, LATITUDE, 90.0)?);
    e.longitude.push(coord(row, LONGITUDE, 180.0)?);
    e.geo_precision
        .push(precision(row, GEO_PRECISION, "a geo precision code 1–3")?);
    e.fatalities.push(row.num(
        FATALITIES,
        "a number of reported fatalities (non-negative integer)",
    )?);
    Ok(())
}

/// The sub-event type, checked against `event_type` and (when present) `disorder_type`.
fn sub_event(row: &Row<'_>, has_disorder: bool) -> Result<SubEventType> {
    let rows = SUB_EVENTS.iter().map(|r| (r.0, r.1, String::new()));
    let sub = lookup(rows, row.str(SUB_EVENT_TYPE), true).ok_or_else(|| {
        row.invalid(
            SUB_EVENT_TYPE,
            "one of ACLED's 25 sub-event types (codebook spelling, e.g. Armed clash)",
        )
    })?;
    let event = sub.event_type();
    if row.str(EVENT_TYPE).trim() != event.label() {
        let known = EVENT_TYPES
            .iter()
            .any(|r| r.1 == row.str(EVENT_TYPE).trim());
        return Err(row.invalid(
            EVENT_TYPE,
            if known {
                format!("{:?}, the event type of the sub-event type {:?}", event.label(), sub.label())
            } else {
                "one of ACLED's 6 event types (Battles, Explosions/Remote violence, Violence against civilians, Protests, Riots, Strategic developments)".to_string()
            },
        ));
    }
    if has_disorder {
        let want = sub
            .disorder()
            .iter()
            .map(|d| d.label())
            .collect::<Vec<_>>()
            .join("; ");
        if row.str(DISORDER_TYPE).trim() != want {
            return Err(row.invalid(
                DISORDER_TYPE,
                format!(
                    "{want:?}, the disorder type of the sub-event type {:?}",
                    sub.label()
                ),
            ));
        }
    }
    Ok(sub)
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `event_date` as days since 1970-01-01 and its year.
fn event_date(row: &Row<'_>) -> Result<(i32, i32)> {
    use chrono::Datelike;
    let s = row.str(EVENT_DATE).trim();
    let d = row
        .parse_date(EVENT_DATE, s)
        .or_else(|| long_date(s))
        .ok_or_else(|| {
            row.invalid(
                EVENT_DATE,
                "a date as yyyy-mm-dd or d Month yyyy (e.g. 2024-03-14 or 14 March 2024)",
            )
        })?;
    if !(1997..=2100).contains(&d.year()) {
        return Err(row.invalid(EVENT_DATE, "a date from 1997 (ACLED's first year) to 2100"));
    }
    let days = i32::try_from(crate::events::days_from_date(d))
        .map_err(|_| row.invalid(EVENT_DATE, "a date from 1997 to 2100"))?;
    Ok((days, d.year()))
}

/// `d Month yyyy` with an English month name (`14 March 2024`, `1 May 2019`).
fn long_date(s: &str) -> Option<chrono::NaiveDate> {
    let mut parts = s.split(' ');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    let month = MONTHS.iter().position(|x| *x == m)? as u32 + 1;
    chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, month, d.parse().ok()?)
}

fn precision(row: &Row<'_>, col: usize, expected: &str) -> Result<u8> {
    row.str(col)
        .trim()
        .parse::<u8>()
        .ok()
        .filter(|c| (1..=3).contains(c))
        .ok_or_else(|| row.invalid(col, expected))
}

fn coord(row: &Row<'_>, col: usize, max: f64) -> Result<f64> {
    let v: f64 = row.num(col, "a coordinate in decimal degrees")?;
    if v.is_finite() && v.abs() <= max {
        Ok(v)
    } else {
        Err(row.invalid(col, format!("a coordinate between -{max} and {max}")))
    }
}

#[cfg(test)]
mod tests;
