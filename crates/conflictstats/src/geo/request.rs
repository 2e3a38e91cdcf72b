//! One map request — what, which years, how combined, minus what — resolved against the
//! data sources in one place, for the CLI's `map` and Python's `cs.map`.
//!
//! ```
//! use conflictstats::data::Sources;
//! use conflictstats::geo::{Measure, MapRequest, Minus, map_values};
//!
//! // ACD v26.1, 2025 minus 2024: the change in conflicts located in each country.
//! let req = MapRequest { years: Some((2025, 2025)), minus: Some(Minus::Year(2024)), ..MapRequest::new(Measure::Conflicts) };
//! let (values, _warnings) = map_values(&Sources::embedded(Some("26.1")), &req)?;
//! assert_eq!(values.minus.as_deref(), Some("2024"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::values::{
    Aggregate, CountryValues, Measure, difference, values_from_deaths, values_from_panel,
};
use crate::data::{LoadWarning, Sources};
use crate::error::{Error, Result};
use crate::panel::{PanelSpec, Role, state_year};

/// What a map subtracts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Minus {
    /// The same map of this year.
    Year(i32),
    /// The same map in this release (embedded, or fetched into the cache).
    Version(String),
}

/// A map request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapRequest {
    /// What is mapped.
    pub measure: Measure,
    /// The participation role (`None`: location). Not for deaths.
    pub role: Option<Role>,
    /// First and last year (`None`: the data's last year).
    pub years: Option<(i32, i32)>,
    /// How a range is combined (`None`: sum).
    pub aggregate: Option<Aggregate>,
    /// A difference.
    pub minus: Option<Minus>,
}

impl MapRequest {
    /// `measure` in the data's last year, location role, no difference.
    #[must_use]
    pub fn new(measure: Measure) -> MapRequest {
        MapRequest {
            measure,
            role: None,
            years: None,
            aggregate: None,
            minus: None,
        }
    }
}

/// The state-year panel over the map's years, microstates included (they are listed with
/// their values, never dropped).
fn panel_spec(years: (i32, i32), role: Role) -> PanelSpec {
    PanelSpec::default()
        .years(years.0, years.1)
        .role(role)
        .microstates(true)
}

fn values_once(
    sources: &Sources,
    req: &MapRequest,
    years: Option<(i32, i32)>,
    warnings: &mut Vec<LoadWarning>,
) -> Result<CountryValues> {
    let acd = sources.acd()?;
    let states = sources.states()?;
    warnings.extend(acd.warnings.iter().cloned());
    warnings.extend(states.warnings.iter().cloned());
    let agg = req.aggregate.unwrap_or(Aggregate::Sum);
    if let Some((from, to)) = years {
        if from > to {
            return Err(Error::spec(format!("empty year range {from}–{to}")));
        }
    }
    if req.measure == Measure::Deaths {
        if req.role.is_some_and(|r| r != Role::Location) {
            return Err(Error::spec(
                "deaths are placed where the battles were fought (BRD gwno_battle); roles apply to the panel's measures",
            ));
        }
        let brd = sources.brd()?;
        warnings.extend(brd.warnings().iter().cloned());
        let last = brd.year_range().map_or(0, |r| r.1);
        let years = years.unwrap_or((last, last));
        let panel = state_year(&states, &acd, &panel_spec(years, Role::Location))?;
        return values_from_deaths(&panel, &brd, years, agg);
    }
    let last = acd.year_range().map_or(0, |r| r.1);
    let years = years.unwrap_or((last, last));
    let panel = state_year(
        &states,
        &acd,
        &panel_spec(years, req.role.unwrap_or(Role::Location)),
    )?;
    values_from_panel(&panel, req.measure, years, agg)
}

/// The values of `req` read from `sources` (and, for [`Minus::Version`], from that release),
/// with the load warnings of every dataset read.
pub fn map_values(
    sources: &Sources,
    req: &MapRequest,
) -> Result<(CountryValues, Vec<LoadWarning>)> {
    let mut warnings = Vec::new();
    let values = values_once(sources, req, req.years, &mut warnings)?;
    let values = match &req.minus {
        None => values,
        Some(Minus::Year(y)) => {
            let earlier = values_once(sources, req, Some((*y, *y)), &mut warnings)?;
            difference(&values, &earlier)?
        }
        Some(Minus::Version(v)) => {
            let other = Sources::embedded(Some(v));
            let earlier = values_once(&other, req, Some(values.years), &mut warnings)?;
            difference(&values, &earlier)?
        }
    };
    Ok((values, warnings))
}
