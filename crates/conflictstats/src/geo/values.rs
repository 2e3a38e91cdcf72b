//! What a country map shows: one value per G&W state, taken from results the library already
//! computes — the state-year panel's columns (conflicts, incidence, onsets, intensity, under a
//! participation [`Role`]) and battle-related deaths per country — for one year, a range
//! (sum, mean or max, stated), or the difference between two of them (two years or two
//! releases).
//!
//! The frame is the state-year panel's: the G&W members of each year. A state's value over a
//! range is missing when any of its years is missing (a sum over unknown years is not a sum).
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::geo::{Aggregate, Measure, values_from_panel};
//! use conflictstats::panel::{state_year, PanelSpec};
//!
//! let (gw, acd) = (GwStates::embedded(None)?, Acd::embedded(Some("26.1"))?);
//! let panel = state_year(&gw, &acd, &PanelSpec::default().years(2025, 2025))?;
//! let v = values_from_panel(&panel, Measure::Conflicts, (2025, 2025), Aggregate::Sum)?;
//! let syria = v.states.iter().find(|s| s.gwcode.0 == 652).unwrap();
//! assert!(syria.value.unwrap() >= 1.0); // ACD v26.1: conflicts located in Syria in 2025
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::join::StateValue;
use crate::data::{Brd, Provenance};
use crate::error::{Error, Result};
use crate::model::GwCode;
use crate::panel::{ColumnRef, Panel, Role, StateYearPanel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// What is mapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Active conflicts in which the state takes the role (panel `conflicts`).
    Conflicts,
    /// The state takes the role in an active conflict (panel `incidence`, 0/1).
    Incidence,
    /// Onsets of conflict episodes in which the state takes the role (panel `conflict_onsets`).
    ConflictOnsets,
    /// Onset of a state-level episode (panel `onset`, 0/1).
    Onset,
    /// Highest intensity (panel `max_intensity`: 0 none, 1 minor, 2 war).
    MaxIntensity,
    /// Battle-related deaths fought on the state's territory (UCDP BRD, best estimate).
    Deaths,
}

/// Every fact about a measure, in one table ([`MEASURES`]).
#[derive(Debug)]
pub struct MeasureInfo {
    /// The measure.
    pub measure: Measure,
    /// The `snake_case` key (CLI `--measure`, Python `measure=`).
    pub key: &'static str,
    /// The column it is read from (panel column, or `deaths`).
    pub column: &'static str,
    /// The legend's unit, completed by the role (`conflicts located in each country`).
    pub unit: &'static str,
}

/// The measures.
pub const MEASURES: [MeasureInfo; 6] = [
    MeasureInfo {
        measure: Measure::Conflicts,
        key: "conflicts",
        column: "conflicts",
        unit: "state-based armed conflicts",
    },
    MeasureInfo {
        measure: Measure::Incidence,
        key: "incidence",
        column: "incidence",
        unit: "years with state-based armed conflict",
    },
    MeasureInfo {
        measure: Measure::ConflictOnsets,
        key: "conflict_onsets",
        column: "conflict_onsets",
        unit: "onsets of conflict episodes",
    },
    MeasureInfo {
        measure: Measure::Onset,
        key: "onset",
        column: "onset",
        unit: "onsets of state-level episodes",
    },
    MeasureInfo {
        measure: Measure::MaxIntensity,
        key: "max_intensity",
        column: "max_intensity",
        unit: "highest intensity (0 none, 1 minor, 2 war)",
    },
    MeasureInfo {
        measure: Measure::Deaths,
        key: "deaths",
        column: "deaths",
        unit: "battle-related deaths (best estimate)",
    },
];

impl Measure {
    /// Its facts.
    #[must_use]
    pub fn info(self) -> &'static MeasureInfo {
        MEASURES
            .iter()
            .find(|m| m.measure == self)
            .expect("every measure has an entry")
    }
}

impl std::str::FromStr for Measure {
    type Err = Error;
    fn from_str(s: &str) -> Result<Measure> {
        MEASURES
            .iter()
            .find(|m| m.key == s)
            .map(|m| m.measure)
            .ok_or_else(|| {
                let keys: Vec<&str> = MEASURES.iter().map(|m| m.key).collect();
                Error::spec(format!(
                    "unknown measure `{s}`; expected one of {}",
                    keys.join(", ")
                ))
            })
    }
}

/// How the years of a range are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    /// The sum over the years.
    Sum,
    /// The mean over the years the state was a member.
    Mean,
    /// The largest value.
    Max,
}

impl Aggregate {
    /// Every aggregate, in key order of the docs.
    pub const ALL: [Aggregate; 3] = [Aggregate::Sum, Aggregate::Mean, Aggregate::Max];

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Aggregate::Sum => "sum",
            Aggregate::Mean => "mean",
            Aggregate::Max => "max",
        }
    }
}

impl std::str::FromStr for Aggregate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Aggregate> {
        [Aggregate::Sum, Aggregate::Mean, Aggregate::Max]
            .into_iter()
            .find(|a| a.key() == s)
            .ok_or_else(|| {
                Error::spec(format!(
                    "unknown aggregate `{s}`; expected sum, mean or max"
                ))
            })
    }
}

/// One value per state, with what it is and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryValues {
    /// What is mapped.
    pub measure: Measure,
    /// The participation role (the panel's).
    pub role: Role,
    /// The years (first, last).
    pub years: (i32, i32),
    /// How a range is combined (stated even for one year).
    pub aggregate: Aggregate,
    /// For a difference: what was subtracted (`2024`, `ucdp-acd 25.1`).
    pub minus: Option<String>,
    /// The data the values come from.
    pub sources: Vec<Provenance>,
    /// One entry per state in the frame, G&W code ascending.
    pub states: Vec<StateValue>,
}

impl CountryValues {
    /// The day the map is drawn for (the last day of the last year): the crosswalk is read
    /// on it.
    #[must_use]
    pub fn date(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.years.1, 12, 31).unwrap_or(NaiveDate::MAX)
    }

    /// The legend's unit: what the value counts, under which role and how combined.
    #[must_use]
    pub fn unit(&self) -> String {
        let role = match self.role {
            Role::Location => "located in each country",
            Role::Primary => "with the state a primary party",
            Role::Any => "with the state any party (secondary included)",
        };
        let what = match self.measure {
            Measure::Deaths => {
                "battle-related deaths on the country's territory (best estimate)".to_string()
            }
            m => format!("{} {role}", m.info().unit),
        };
        let mut s = if self.years.0 == self.years.1 {
            what
        } else {
            format!(
                "{what}, {} over {}–{}",
                self.aggregate.key(),
                self.years.0,
                self.years.1
            )
        };
        if let Some(minus) = &self.minus {
            s = format!("change in {s}, minus {minus}");
        }
        s
    }
}

fn value_at(col: &ColumnRef<'_>, i: usize) -> Result<Option<f64>> {
    Ok(match col {
        ColumnRef::OptU32(v) => v[i].map(f64::from),
        ColumnRef::OptU8(v) => v[i].map(f64::from),
        ColumnRef::OptBool(v) => v[i].map(|b| f64::from(u8::from(b))),
        ColumnRef::U32(v) => Some(f64::from(v[i])),
        _ => return Err(Error::spec("the panel column is not numeric")),
    })
}

/// Per state: the yearly values in the range, combined.
fn combine(
    per_state: BTreeMap<u16, (String, Vec<Option<f64>>)>,
    agg: Aggregate,
) -> Vec<StateValue> {
    per_state
        .into_iter()
        .map(|(gw, (name, vals))| {
            let all: Option<Vec<f64>> = vals.into_iter().collect();
            let value = all.filter(|v| !v.is_empty()).map(|v| match agg {
                Aggregate::Sum => v.iter().sum(),
                Aggregate::Mean => v.iter().sum::<f64>() / v.len() as f64,
                Aggregate::Max => v.iter().copied().fold(f64::MIN, f64::max),
            });
            StateValue {
                gwcode: GwCode(gw),
                name,
                value,
            }
        })
        .collect()
}

fn check_years(panel: &StateYearPanel, years: (i32, i32)) -> Result<()> {
    let (have_from, have_to) = panel.years().unwrap_or((i32::MAX, i32::MIN));
    if years.0 > years.1 || years.0 < have_from || years.1 > have_to {
        return Err(Error::spec(format!(
            "years {}–{} are not all in the panel's rows {have_from}–{have_to}; build the panel over the map's years",
            years.0, years.1
        )));
    }
    Ok(())
}

/// The values of a panel column over `years` (first, last), combined by `agg`. Not for
/// [`Measure::Deaths`] (see [`values_from_deaths`]).
pub fn values_from_panel(
    panel: &StateYearPanel,
    measure: Measure,
    years: (i32, i32),
    agg: Aggregate,
) -> Result<CountryValues> {
    check_years(panel, years)?;
    let column = measure.info().column;
    let cols = panel.columns();
    let col = cols
        .iter()
        .find(|(name, _)| *name == column)
        .map(|(_, c)| *c)
        .ok_or_else(|| {
            Error::spec(format!(
                "`{column}` is not a column of the state-year panel"
            ))
        })?;
    let mut per_state: BTreeMap<u16, (String, Vec<Option<f64>>)> = BTreeMap::new();
    for i in 0..panel.gwcode.len() {
        if !(years.0..=years.1).contains(&panel.year[i]) {
            continue;
        }
        let e = per_state.entry(panel.gwcode[i]).or_default();
        e.0 = panel.statename.get(i).unwrap_or("").to_string();
        e.1.push(value_at(&col, i)?);
    }
    Ok(CountryValues {
        measure,
        role: panel.role,
        years,
        aggregate: agg,
        minus: None,
        sources: vec![panel.conflict_provenance.clone()],
        states: combine(per_state, agg),
    })
}

/// Battle-related deaths per state (UCDP BRD, best estimate, summed over the rows fought on its
/// territory, [`crate::deaths::by_country_year`]) over `years`, on the panel's frame of
/// states: 0 for a member with no battle in a year the BRD covers; an error for years outside
/// its coverage.
pub fn values_from_deaths(
    panel: &StateYearPanel,
    brd: &Brd,
    years: (i32, i32),
    agg: Aggregate,
) -> Result<CountryValues> {
    check_years(panel, years)?;
    let (first, last) = brd.year_range().unwrap_or((i32::MAX, i32::MIN));
    if years.0 < first || years.1 > last {
        return Err(Error::spec(format!(
            "years {}–{} reach outside the coverage {first}–{last} of {}; deaths there are missing, not zero",
            years.0,
            years.1,
            brd.provenance().label()
        )));
    }
    let deaths: HashMap<(u16, i32), f64> = crate::deaths::by_country_year(brd)?
        .into_iter()
        .map(|r| ((r.gwno.0, r.year), r.deaths.best as f64))
        .collect();
    let mut per_state: BTreeMap<u16, (String, Vec<Option<f64>>)> = BTreeMap::new();
    for i in 0..panel.gwcode.len() {
        let (gw, year) = (panel.gwcode[i], panel.year[i]);
        if !(years.0..=years.1).contains(&year) {
            continue;
        }
        let e = per_state.entry(gw).or_default();
        e.0 = panel.statename.get(i).unwrap_or("").to_string();
        e.1.push(Some(deaths.get(&(gw, year)).copied().unwrap_or(0.0)));
    }
    Ok(CountryValues {
        measure: Measure::Deaths,
        role: Role::Location,
        years,
        aggregate: agg,
        minus: None,
        sources: vec![brd.provenance().clone()],
        states: combine(per_state, agg),
    })
}

/// `later − earlier`, state by state (a state in only one of them, or missing in either, is
/// missing). The two must map the same measure under the same role.
pub fn difference(later: &CountryValues, earlier: &CountryValues) -> Result<CountryValues> {
    if later.measure != earlier.measure || later.role != earlier.role {
        return Err(Error::spec(
            "a difference needs the same measure and role on both sides",
        ));
    }
    let before: HashMap<GwCode, Option<f64>> =
        earlier.states.iter().map(|s| (s.gwcode, s.value)).collect();
    let states = later
        .states
        .iter()
        .map(|s| StateValue {
            gwcode: s.gwcode,
            name: s.name.clone(),
            value: match (s.value, before.get(&s.gwcode).copied().flatten()) {
                (Some(a), Some(b)) => Some(a - b),
                _ => None,
            },
        })
        .collect();
    let minus = if later.sources.first().map(|p| (&p.name, &p.version))
        == earlier.sources.first().map(|p| (&p.name, &p.version))
    {
        if earlier.years.0 == earlier.years.1 {
            format!("{}", earlier.years.0)
        } else {
            format!("{}–{}", earlier.years.0, earlier.years.1)
        }
    } else {
        earlier
            .sources
            .first()
            .map_or_else(String::new, |p| format!("{} {}", p.name, p.version))
    };
    let mut sources = later.sources.clone();
    sources.extend(earlier.sources.iter().cloned());
    sources.dedup();
    Ok(CountryValues {
        minus: Some(minus),
        sources,
        states,
        ..later.clone()
    })
}
