//! Panels: state-year, dyad-year and conflict-year data with onsets, episodes and peace spells.
//!
//! A panel is the frame of most quantitative conflict research: one row per unit and year,
//! with conflict variables joined on. The frame comes from the Gleditsch–Ward list of
//! independent states ([`GwStates`](crate::data::GwStates)): a state is in year `t` if it was a
//! system member on **any day** of `t` (microstates optional). Conflict variables come from
//! the UCDP/PRIO Armed Conflict Dataset ([`crate::data::Acd`]).
//!
//! **Missing is not zero.** Years outside the conflict data's coverage (the ACD starts in
//! 1946) get null conflict variables, never `0`/`false` — the bug of peacesciencer's issues
//! #17/#19, where pre-coverage years read as "no conflict". Every panel names its source in a
//! `source` column (`ucdp-acd 25.1`).
//!
//! | panel | unit | built by |
//! |---|---|---|
//! | [`StateYearPanel`] | G&W state × year | [`state_year()`] |
//! | [`DyadYearPanel`] | pair of G&W states × year, directed or not | [`dyad_year()`] |
//! | [`ConflictYearPanel`] | UCDP conflict × year, active and inactive years | [`conflict_year()`] |
//! | [`ConflictDyadYearPanel`] | UCDP dyad × year (Dyadic dataset), active and inactive years | [`conflict_dyad_year()`] |
//!
//! Onsets, terminations, episodes and peace spells follow the rules in [`episodes`] with a
//! configurable gap ([`PanelSpec::gap`]; UCDP's rule, the default, is 1 inactive year). The
//! state-based panels code them under a participation [`Role`] ([`PanelSpec::role`]): the
//! conflict's location, a primary party, or any participant, secondary support included.
//! UCDP's country codes are mapped to G&W's first ([`UcdpGw`](crate::data::UcdpGw)).
//!
//! **Column types.** In Rust, counts, spells and ids are unsigned (`u32`, G&W codes `u16`):
//! they cannot be negative. A `peace_years - 1` on 0 panics in a debug build and wraps in a
//! release one, so take differences with `checked_sub` or after a cast to `i64`. The
//! DataFrames (module `frame`, feature `polars`) hold them **signed** (`Int64`, years and
//! codes `Int32`), because a frame's arithmetic is not checked: there `peace_years - 1` is
//! `-1`, never 4,294,967,295.
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::model::GwCode;
//! use conflictstats::panel::{state_year, PanelSpec};
//!
//! let (gw, acd) = (GwStates::embedded(None)?, Acd::embedded(Some("25.1"))?);
//! let p = state_year(&gw, &acd, &PanelSpec::default().years(1940, 2024))?;
//! let row = p.row(GwCode(2), 1945).unwrap(); // before ACD coverage: null, not "no conflict"
//! assert_eq!(p.incidence[row], None);
//! let row = p.row(GwCode(2), 2001).unwrap(); // USA, side A in Afghanistan 2001
//! assert_eq!(p.incidence_primary[row], Some(true));
//! assert_eq!(p.source, "ucdp-acd 25.1");
//! # Ok::<(), conflictstats::Error>(())
//! ```

pub mod conflict_dyad_year;
pub mod conflict_year;
pub mod dyad_year;
pub mod episodes;
#[cfg(feature = "polars")]
pub mod frame;
mod names;
pub mod role;
pub mod state_year;
mod unmatched;

pub use conflict_dyad_year::{ConflictDyadYearPanel, conflict_dyad_year};
pub use conflict_year::{ConflictYearPanel, conflict_year};
pub use dyad_year::{DyadYearPanel, dyad_year};
pub use names::StateNames;
pub(crate) use names::shipped_states;
pub use role::{ROLES, Role, RoleFacts};
pub use state_year::{StateYearPanel, Unmatched, state_year, state_year_with};

use crate::data::{Acd, Provenance};
use crate::error::{Error, Result};
use serde::Serialize;
use std::fmt::Write as _;

/// Options shared by the panels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PanelSpec {
    /// First and last year of the rows (`None`: the conflict data's coverage). Rows outside the
    /// coverage get null conflict variables.
    pub years: Option<(i32, i32)>,
    /// Onset after at least `gap` inactive years (UCDP: 1).
    pub gap: u32,
    /// Include G&W microstates (population < 250,000).
    pub include_microstates: bool,
    /// Dyad-year only: one row per ordered pair (`true`) or per unordered pair `a < b`.
    pub directed: bool,
    /// Conflict-year and conflict-dyad-year only: only the active years (the data's own rows)
    /// instead of every year from a unit's first active year to the end of coverage.
    pub active_only: bool,
    /// State-year and dyad-year only: the participation role coded (`None`: the panel's
    /// default, [`Role::Location`] for state-year, [`Role::Primary`] for dyad-year).
    pub role: Option<Role>,
}

impl Default for PanelSpec {
    fn default() -> PanelSpec {
        PanelSpec {
            years: None,
            gap: 1,
            include_microstates: false,
            directed: false,
            active_only: false,
            role: None,
        }
    }
}

impl PanelSpec {
    /// With rows for `first..=last`.
    #[must_use]
    pub fn years(mut self, first: i32, last: i32) -> PanelSpec {
        self.years = Some((first, last));
        self
    }

    /// With another episode gap.
    #[must_use]
    pub fn gap(mut self, gap: u32) -> PanelSpec {
        self.gap = gap;
        self
    }

    /// Including microstates.
    #[must_use]
    pub fn microstates(mut self, yes: bool) -> PanelSpec {
        self.include_microstates = yes;
        self
    }

    /// Directed dyads.
    #[must_use]
    pub fn directed(mut self, yes: bool) -> PanelSpec {
        self.directed = yes;
        self
    }

    /// Only active conflict-years.
    #[must_use]
    pub fn active_only(mut self, yes: bool) -> PanelSpec {
        self.active_only = yes;
        self
    }

    /// With a participation role (state-year: any; dyad-year: primary or any).
    #[must_use]
    pub fn role(mut self, role: Role) -> PanelSpec {
        self.role = Some(role);
        self
    }

    /// An error if a role is given to a panel of conflicts (`panel`), which has none.
    fn no_role(&self, panel: &str) -> Result<()> {
        match self.role {
            Some(role) => Err(Error::spec(format!(
                "the {panel} panel has one row per conflict, not per state: a participation role (`{role}`) applies to the state-year and dyad-year panels"
            ))),
            None => Ok(()),
        }
    }

    /// Checks the spec and resolves the row years against the coverage.
    fn resolve(&self, coverage: (i32, i32)) -> Result<(i32, i32)> {
        if self.gap == 0 {
            return Err(Error::spec(
                "the episode gap must be at least 1 inactive year (UCDP's rule is 1)",
            ));
        }
        let (first, last) = self.years.unwrap_or(coverage);
        if first > last || first < 1816 || last > 2100 {
            return Err(Error::spec(format!(
                "panel years {first}–{last}: expected first ≤ last within 1816–2100 (the G&W list starts in 1816)"
            )));
        }
        Ok((first, last))
    }
}

/// How the state-based panels fill the years after the G&W list ends — written into their
/// metadata (`state_list_fill`), so that a panel to 2024 on a list that ends in 2021 says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateListFill {
    /// The list's release (its last date), e.g. `2021-04-14`.
    pub list_ends: String,
    /// The panel's last year.
    pub last_panel_year: i32,
    /// The rule, in words.
    pub rule: String,
}

/// The [`StateListFill`] of a panel on `states` ending in `last_year`.
#[must_use]
pub fn state_list_fill(states: &crate::data::GwStates, last_year: i32) -> StateListFill {
    let ends = &states.provenance.version;
    StateListFill {
        list_ends: ends.clone(),
        last_panel_year: last_year,
        rule: format!(
            "membership after the list's end ({ends}) is carried forward: a state that is a member at the end of the list stays a member through {last_year}; no state entering or leaving after that date is known to the list"
        ),
    }
}

/// What a panel was built from and how: its [`Panel::metadata`] (the JSON output's
/// `metadata`, the Python frames' provenance).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PanelMetadata {
    /// Which panel, e.g. `state-year` or `dyad-year (directed)`.
    pub panel: &'static str,
    /// The options used.
    pub spec: PanelSpec,
    /// Coverage of the conflict data (first, last year).
    pub coverage: (i32, i32),
    /// Provenance of the conflict data.
    pub conflict_data: Provenance,
    /// Provenance of the state list (state-based panels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_list: Option<Provenance>,
    /// How membership after the end of the state list is filled (state-based panels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state_list_fill: Option<StateListFill>,
    /// Conflict-years of states that are not members in that year (state-year panel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unmatched: Option<Vec<Unmatched>>,
    /// The participation role coded (state-based panels).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
}

/// The panels, as named on the command line (`conflictstats panel KIND`) and in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PanelKind {
    /// [`StateYearPanel`].
    StateYear,
    /// [`DyadYearPanel`].
    DyadYear,
    /// [`ConflictYearPanel`].
    ConflictYear,
    /// [`ConflictDyadYearPanel`].
    ConflictDyadYear,
}

/// Each panel kind with its key (one table, read by [`PanelKind::key`] and `FromStr`).
const PANEL_KINDS: [(PanelKind, &str); 4] = [
    (PanelKind::StateYear, "state-year"),
    (PanelKind::DyadYear, "dyad-year"),
    (PanelKind::ConflictYear, "conflict-year"),
    (PanelKind::ConflictDyadYear, "conflict-dyad-year"),
];

impl PanelKind {
    /// Every panel kind, in the table's order.
    pub const ALL: [PanelKind; 4] = [
        PanelKind::StateYear,
        PanelKind::DyadYear,
        PanelKind::ConflictYear,
        PanelKind::ConflictDyadYear,
    ];

    /// The kind's key, e.g. `state-year`.
    ///
    /// ```
    /// use conflictstats::panel::PanelKind;
    /// assert_eq!(PanelKind::ConflictDyadYear.key(), "conflict-dyad-year");
    /// assert_eq!("state_year".parse::<PanelKind>()?, PanelKind::StateYear);
    /// assert!("country-year".parse::<PanelKind>().is_err());
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    #[must_use]
    pub fn key(self) -> &'static str {
        PANEL_KINDS
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("", |(_, key)| key)
    }
}

impl std::str::FromStr for PanelKind {
    type Err = Error;

    /// A key of the table; `_` is read as `-` (`state_year`).
    fn from_str(s: &str) -> Result<PanelKind> {
        let wanted = s.trim().replace('_', "-");
        PANEL_KINDS
            .iter()
            .find(|(_, key)| *key == wanted)
            .map(|(k, _)| *k)
            .ok_or_else(|| {
                let keys: Vec<&str> = PANEL_KINDS.iter().map(|(_, key)| *key).collect();
                Error::spec(format!(
                    "unknown panel `{}`; expected {}",
                    s.trim(),
                    keys.join(", ")
                ))
            })
    }
}

/// The conflict data's coverage: its first and last year.
fn coverage(acd: &Acd) -> Result<(i32, i32)> {
    acd.year_range().ok_or_else(|| {
        Error::spec(format!(
            "{} has no records: no coverage to build a panel on",
            acd.provenance.label()
        ))
    })
}

/// A borrowed column of a panel, for generic writers (CSV, JSON, DataFrames).
#[derive(Debug, Clone, Copy)]
pub enum ColumnRef<'a> {
    /// Codes (G&W).
    U16(&'a [u16]),
    /// Ids and counts.
    U32(&'a [u32]),
    /// Years.
    I32(&'a [i32]),
    /// Flags without nulls.
    Bool(&'a [bool]),
    /// Nullable flags.
    OptBool(&'a [Option<bool>]),
    /// Nullable small codes.
    OptU8(&'a [Option<u8>]),
    /// Nullable counts and ids.
    OptU32(&'a [Option<u32>]),
    /// The same text in every row (the `source` column).
    Const(&'a str),
    /// Nullable text stored once per distinct value (the `statename` columns).
    Names(&'a StateNames),
}

/// `s` as one CSV field (quoted when it holds a comma, a quote or a line break).
pub(crate) fn csv_text(s: &str, out: &mut String) {
    if s.contains([',', '"', '\n', '\r']) {
        let _ = write!(out, "\"{}\"", s.replace('"', "\"\""));
    } else {
        out.push_str(s);
    }
}

impl ColumnRef<'_> {
    /// Row `i` as CSV text (empty for null).
    fn csv(&self, i: usize, out: &mut String) {
        fn opt<T: std::fmt::Display>(v: Option<T>, out: &mut String) {
            if let Some(v) = v {
                let _ = write!(out, "{v}");
            }
        }
        match self {
            ColumnRef::U16(v) => opt(Some(v[i]), out),
            ColumnRef::U32(v) => opt(Some(v[i]), out),
            ColumnRef::I32(v) => opt(Some(v[i]), out),
            ColumnRef::Bool(v) => opt(Some(u8::from(v[i])), out),
            ColumnRef::OptBool(v) => opt(v[i].map(u8::from), out),
            ColumnRef::OptU8(v) => opt(v[i], out),
            ColumnRef::OptU32(v) => opt(v[i], out),
            ColumnRef::Const(s) => csv_text(s, out),
            ColumnRef::Names(n) => {
                if let Some(s) = n.get(i) {
                    csv_text(s, out);
                }
            }
        }
    }

    /// Row `i` as JSON.
    fn json(&self, i: usize) -> serde_json::Value {
        use serde_json::Value;
        match self {
            ColumnRef::U16(v) => Value::from(v[i]),
            ColumnRef::U32(v) => Value::from(v[i]),
            ColumnRef::I32(v) => Value::from(v[i]),
            ColumnRef::Bool(v) => Value::from(v[i]),
            ColumnRef::OptBool(v) => v[i].map_or(Value::Null, Value::from),
            ColumnRef::OptU8(v) => v[i].map_or(Value::Null, Value::from),
            ColumnRef::OptU32(v) => v[i].map_or(Value::Null, Value::from),
            ColumnRef::Const(s) => Value::from(*s),
            ColumnRef::Names(n) => n.get(i).map_or(Value::Null, Value::from),
        }
    }
}

impl ColumnRef<'_> {
    /// Row `i` serialised as [`ColumnRef::json`] would give it, without building a value.
    fn serialize_at<S: serde::Serializer>(
        &self,
        i: usize,
        s: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ColumnRef::U16(v) => s.serialize_u16(v[i]),
            ColumnRef::U32(v) => s.serialize_u32(v[i]),
            ColumnRef::I32(v) => s.serialize_i32(v[i]),
            ColumnRef::Bool(v) => s.serialize_bool(v[i]),
            ColumnRef::OptBool(v) => match v[i] {
                Some(b) => s.serialize_bool(b),
                None => s.serialize_unit(),
            },
            ColumnRef::OptU8(v) => match v[i] {
                Some(n) => s.serialize_u8(n),
                None => s.serialize_unit(),
            },
            ColumnRef::OptU32(v) => match v[i] {
                Some(n) => s.serialize_u32(n),
                None => s.serialize_unit(),
            },
            ColumnRef::Const(text) => s.serialize_str(text),
            ColumnRef::Names(n) => match n.get(i) {
                Some(text) => s.serialize_str(text),
                None => s.serialize_unit(),
            },
        }
    }
}

/// One row of a panel as a JSON object — its columns in order, the object
/// [`Panel::to_json`] holds for that row — serialised directly, so that a writer can stream a
/// panel's rows one by one in constant memory.
///
/// ```
/// use conflictstats::data::Acd;
/// use conflictstats::panel::{conflict_year, JsonRow, Panel, PanelSpec};
///
/// let acd = Acd::embedded(Some("25.1"))?;
/// let p = conflict_year(&acd, &PanelSpec::default().years(2024, 2024))?;
/// let cols = p.columns();
/// let first = serde_json::to_value(JsonRow::new(&cols, 0)).unwrap();
/// assert_eq!(first, p.to_json()["rows"][0]);
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct JsonRow<'p, 'c> {
    columns: &'p [(&'static str, ColumnRef<'c>)],
    index: usize,
}

impl<'p, 'c> JsonRow<'p, 'c> {
    /// Row `index` of the panel whose [`Panel::columns`] are `columns`.
    #[must_use]
    pub fn new(columns: &'p [(&'static str, ColumnRef<'c>)], index: usize) -> JsonRow<'p, 'c> {
        JsonRow { columns, index }
    }
}

impl serde::Serialize for JsonRow<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        struct Cell<'a, 'c>(&'a ColumnRef<'c>, usize);
        impl serde::Serialize for Cell<'_, '_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                self.0.serialize_at(self.1, s)
            }
        }
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (name, column) in self.columns {
            map.serialize_entry(name, &Cell(column, self.index))?;
        }
        map.end()
    }
}

/// What every panel offers: its columns, and CSV/JSON renderings of them.
pub trait Panel {
    /// Number of rows.
    fn len(&self) -> usize;

    /// Whether the panel has no rows.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The columns, in output order.
    fn columns(&self) -> Vec<(&'static str, ColumnRef<'_>)>;

    /// Metadata (spec, coverage, provenance).
    fn metadata(&self) -> PanelMetadata;

    /// Deterministic CSV: header line, `0`/`1` flags, empty fields for nulls.
    fn to_csv(&self) -> String {
        let cols = self.columns();
        let mut out = String::with_capacity(64 * (self.len() + 1));
        let names: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
        out.push_str(&names.join(","));
        out.push('\n');
        for i in 0..self.len() {
            for (k, (_, c)) in cols.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                }
                c.csv(i, &mut out);
            }
            out.push('\n');
        }
        out
    }

    /// JSON: `{"metadata": …, "rows": [{column: value, …}, …]}` with `null` for nulls.
    fn to_json(&self) -> serde_json::Value {
        let cols = self.columns();
        let rows: Vec<serde_json::Value> = (0..self.len())
            .map(|i| {
                let mut m = serde_json::Map::with_capacity(cols.len());
                for (name, c) in &cols {
                    m.insert((*name).to_string(), c.json(i));
                }
                serde_json::Value::Object(m)
            })
            .collect();
        serde_json::json!({ "metadata": self.metadata(), "rows": rows })
    }
}
