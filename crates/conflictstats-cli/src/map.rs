//! `conflictstats map`: a country map as a standalone SVG or as GeoJSON, offline. Every number
//! comes from the core's `geo` module (values, join, classes, projection, writers).

use crate::applies::{Condition, Reads, Scope};
use crate::output::{Failure, Output, warn};
use crate::vocab::{self, YearRange};
use clap::{Args, ValueEnum};
use conflictstats::Error;
use conflictstats::data::{DatasetId, Sources};
use conflictstats::geo::{self, Aggregate, MapRequest, Measure, Minus};
use conflictstats::panel::Role;
use std::path::PathBuf;

/// Output format of a map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum MapFormat {
    /// A standalone SVG: Equal Earth, discrete classes, legend below the map, source line.
    Svg,
    /// GeoJSON (RFC 7946): one feature per outline with the values; the provenance, classes
    /// and the states without outline in the collection's `conflictstats` member.
    Geojson,
}

/// Map a per-country value (default: the state-based conflicts located in each country in
/// the data's last year).
///
/// Outlines: Natural Earth 1:110m (compiled in, "Made with Natural Earth"), joined to G&W
/// codes through the G&W–ISO crosswalk on the map's date. States with a value but no outline
/// (Malta, Singapore, the microstates) are listed under the map and in the GeoJSON; outlines
/// with no G&W state are grey ("no state in the data"), never zero.
#[derive(Debug, Clone, Args)]
pub(crate) struct MapArgs {
    /// The year mapped (default: the data's last year).
    #[arg(long, value_name = "YEAR", conflicts_with = "years", help_heading = vocab::FILTERS)]
    pub year: Option<i32>,
    /// A range of years FROM-TO, combined by --aggregate.
    #[arg(long, value_name = "FROM-TO", value_parser = vocab::parse_years, allow_hyphen_values = true, help_heading = vocab::FILTERS)]
    pub years: Option<YearRange>,
    /// What is mapped: conflicts (state-based conflicts in which the state takes the --role;
    /// UCDP's unit, conflict), incidence, conflict_onsets, onset, max_intensity (state-year
    /// panel columns) or deaths (battle-related deaths fought on the state's territory, BRD).
    #[arg(long, default_value = "conflicts", value_parser = parse_measure, help_heading = vocab::ANALYSIS)]
    pub measure: Measure,
    /// The participation role: location (the conflict's location, gwno_loc; the default),
    /// primary (side A or B) or any (secondary parties included).
    #[arg(long, value_name = "ROLE", value_parser = parse_role, help_heading = vocab::ANALYSIS)]
    pub role: Option<Role>,
    /// How a range of years is combined: sum (the default), mean or max.
    #[arg(long, value_name = "HOW", value_parser = parse_aggregate, help_heading = vocab::ANALYSIS)]
    pub aggregate: Option<Aggregate>,
    /// Map the change: minus the same map of this year.
    #[arg(long, value_name = "YEAR", help_heading = vocab::ANALYSIS)]
    pub minus_year: Option<i32>,
    /// Map the change: minus the same map in this release.
    #[arg(long, value_name = "V", conflicts_with = "minus_year", help_heading = vocab::ANALYSIS)]
    pub minus_version: Option<String>,
    /// Release of the datasets read: embedded, else fetched into the cache (default: each
    /// dataset's default release: ACD 26.1, BRD 25.1).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this ACD file instead of the embedded release (`-`: standard input).
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub acd_file: Option<PathBuf>,
    /// With --measure deaths: read this BRD file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub brd_file: Option<PathBuf>,
    /// Read this G&W list (states package layout) instead of the embedded one.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub states_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MapFormat::Svg, help_heading = vocab::OUTPUT)]
    pub format: MapFormat,
    /// Write the map to this file instead of standard output.
    #[arg(long, value_name = "OUT", help_heading = vocab::OUTPUT)]
    pub output: Option<PathBuf>,
}

fn parse_measure(s: &str) -> std::result::Result<Measure, String> {
    s.parse::<Measure>().map_err(|e| e.to_string())
}

fn parse_role(s: &str) -> std::result::Result<Role, String> {
    s.parse::<Role>().map_err(|e| e.to_string())
}

fn parse_aggregate(s: &str) -> std::result::Result<Aggregate, String> {
    s.parse::<Aggregate>().map_err(|e| e.to_string())
}

impl Scope for MapArgs {
    fn reads(&self) -> Reads {
        let because = format!("map --measure {}", self.measure.info().key);
        if self.measure == Measure::Deaths {
            Reads::new(
                because,
                [DatasetId::Brd, DatasetId::Acd, DatasetId::GwStates],
            )
        } else {
            Reads::new(because, [DatasetId::Acd, DatasetId::GwStates])
        }
    }

    fn conditions(&self) -> Vec<Condition> {
        let range = self
            .years
            .is_some_and(|y| y.from.is_none() || y.to.is_none() || y.from != y.to);
        vec![
            Condition::new(
                "--aggregate",
                range,
                "one year is mapped: there is nothing to combine (give --years FROM-TO)",
            ),
            Condition::new(
                "--role",
                self.measure != Measure::Deaths,
                "deaths are placed by where the battles were fought (BRD gwno_battle); roles apply to the panel's measures",
            ),
        ]
    }
}

impl MapArgs {
    fn sources(&self) -> Sources {
        Sources::embedded(self.version.as_deref())
            .with_optional_file(DatasetId::Acd, self.acd_file.as_deref())
            .with_optional_file(DatasetId::Brd, self.brd_file.as_deref())
            .with_optional_file(DatasetId::GwStates, self.states_file.as_deref())
    }

    fn request(&self) -> MapRequest {
        let years = match (self.year, self.years) {
            (Some(y), _) => Some((y, y)),
            (None, Some(r)) => Some((r.from.unwrap_or(1946), r.to.or(r.from).unwrap_or(i32::MAX))),
            (None, None) => None,
        };
        let minus = match (&self.minus_year, &self.minus_version) {
            (Some(y), _) => Some(Minus::Year(*y)),
            (None, Some(v)) => Some(Minus::Version(v.clone())),
            (None, None) => None,
        };
        MapRequest {
            measure: self.measure,
            role: self.role,
            years,
            aggregate: self.aggregate,
            minus,
        }
    }
}

/// `conflictstats map`.
pub(crate) fn run(args: &MapArgs) -> std::result::Result<Output, Failure> {
    let (values, warnings) = geo::map_values(&args.sources(), &args.request())?;
    for w in &warnings {
        warn(&w.to_string());
    }
    for p in &values.sources {
        if let Some(w) = p.status_warning() {
            warn(&w.to_string());
        }
    }
    let map = geo::country_map(values)?;
    let text = match args.format {
        MapFormat::Svg => geo::to_svg(&map),
        MapFormat::Geojson => {
            let mut s = serde_json::to_string(&geo::to_geojson(&map))
                .map_err(|e| Error::InvalidSpec(format!("cannot write the GeoJSON: {e}")))?;
            s.push('\n');
            s
        }
    };
    Ok(match &args.output {
        None => Output::Text(text),
        Some(path) => {
            let path = path.clone();
            Output::Stream(Box::new(move |_stdout| {
                std::fs::write(&path, text)
                    .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            }))
        }
    })
}
