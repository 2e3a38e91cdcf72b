//! Maps: where the fighting is, offline.
//!
//! A choropleth colours each country by a value — conflicts located there, battle-related
//! deaths, onsets. Three things make one honest, and each lives here once:
//!
//! 1. **Geometry as data, joined once.** The outlines are Natural Earth's 1:110m Admin-0
//!    countries, compiled in ([`Outlines`]; "Made with Natural Earth"). They carry ISO codes,
//!    conflict data carry Gleditsch–Ward codes: the [`join()`] goes through the project's G&W ↔
//!    ISO crosswalk *on the map's date*, and reports what does not match instead of dropping it
//!    — states with a value but no outline (Malta, Singapore, the microstates) are listed with
//!    their values; outlines with no G&W state (Western Sahara, Palestine, Greenland, …) are
//!    drawn as "no state in the data", never as zero. The outlines are today's de facto borders
//!    (Crimea inside Russia, most of Western Sahara inside Morocco); a map of a year before
//!    2012 says so in its caveat ([`join::borders_caveat`]) and colours only the outlines the
//!    crosswalk pairs with a state on its date (Sudan's value in 2005 does not colour South
//!    Sudan, which is grey).
//! 2. **An equal-area projection**, [Equal Earth](projection): a country's area on the map is
//!    its area on the globe.
//! 3. **Discrete classes for counts** ([`Classes`]): zero is its own class, distinct from
//!    *missing* (hatched) and from *no state in the data* (grey); every value falls in a class.
//!
//! What can be mapped ([`values`]): the state-year panel's columns under a participation
//! role, and battle-related deaths, for a year, a range (sum, mean, max) or a difference.
//! Events map to [PRIO-GRID cells](priogrid) computed from their `priogrid_gid`.
//!
//! | file | what |
//! |---|---|
//! | `outlines.rs` | the shipped layer as typed polygons |
//! | `join.rs` | the G&W join on the map's date, with its rule table and its unmatched lists |
//! | `projection.rs` | Equal Earth (Šavrič, Patterson & Jenny 2018) |
//! | `classes.rs` | discrete classes and colours |
//! | `values.rs` | per-state values from the panel and the BRD |
//! | `request.rs` | a [`MapRequest`] resolved against the data sources (CLI and Python) |
//! | `map.rs` | a [`Map`]: values + join + classes + title + source line |
//! | `svg.rs`, `geojson.rs` | the writers |
//! | `priogrid.rs` | PRIO-GRID cells from their ids |
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::geo::{self, Aggregate, Measure, OutlineStatus};
//! use conflictstats::panel::{state_year, PanelSpec};
//! use conflictstats::{count, CountSpec, CountUnit};
//!
//! let acd = Acd::embedded(Some("26.1"))?; // UCDP/PRIO ACD v26.1, pinned
//! let panel = state_year(&GwStates::embedded(None)?, &acd, &PanelSpec::default().years(2025, 2025).microstates(true))?;
//! let values = geo::values_from_panel(&panel, Measure::Conflicts, (2025, 2025), Aggregate::Sum)?;
//! let map = geo::country_map(values)?;
//! // Every country with a conflict in 2025 is drawn or listed: none is lost in the join.
//! let coloured = map.join.with_status(OutlineStatus::Value).filter(|o| o.value > Some(0.0))
//!     .filter_map(|o| o.gwcode).collect::<std::collections::BTreeSet<_>>().len();
//! let listed = map.join.states_without_outline.iter().filter(|s| s.value > Some(0.0)).count();
//! let countries = count(&acd, &CountSpec::new(CountUnit::Country).years(2025, 2025))?;
//! assert_eq!(Some((coloured + listed) as u32), countries.total(2025));
//! assert!(geo::to_svg(&map).contains("Made with Natural Earth"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

pub mod classes;
#[cfg(feature = "polars")]
mod frame;
pub mod geojson;
pub mod join;
pub mod map;
pub mod outlines;
pub mod priogrid;
pub mod projection;
pub mod request;
pub mod svg;
pub mod values;

pub use classes::{Class, Classes};
pub use geojson::to_geojson;
pub use join::{Join, JoinedOutline, OutlineStatus, StateValue, join};
pub use map::{Map, country_map};
pub use outlines::{Outline, Outlines};
pub use request::{MapRequest, Minus, map_values};
pub use svg::to_svg;
pub use values::{
    Aggregate, CountryValues, Measure, difference, values_from_deaths, values_from_panel,
};

#[cfg(test)]
mod tests;
