//! A country map: values joined to outlines, classed, titled and sourced — everything the
//! SVG and GeoJSON writers and the Python drawing need, computed once.

use super::classes::Classes;
use super::join::{Join, OutlineStatus, join};
use super::outlines::{CREDIT, Outlines, Polygon};
use super::projection::equal_earth;
use super::values::CountryValues;
use crate::data::Crosswalk;
use crate::error::Result;
use serde::Serialize;

/// A country map, ready to draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Map {
    /// The values mapped.
    pub values: CountryValues,
    /// The join of the values to the outlines.
    pub join: Join,
    /// The classes, built from every value (states without outline included): the legend
    /// holds every value.
    pub classes: Classes,
    /// Per outline (layer order), the index of its class (`None`: missing or no state).
    pub class_of: Vec<Option<usize>>,
    /// The outlines drawn.
    #[serde(skip)]
    pub outlines: Outlines,
    /// The title: what, when, which release.
    pub title: String,
    /// The source line: dataset, release, outlines, "Made with Natural Earth".
    pub source: String,
}

/// Builds the map of `values` on the embedded outlines and crosswalk.
pub fn country_map(values: CountryValues) -> Result<Map> {
    let outlines = Outlines::embedded()?;
    let crosswalk = Crosswalk::embedded()?;
    let join = join(&outlines, &crosswalk, &values.states, values.date());
    let all: Vec<f64> = values.states.iter().filter_map(|s| s.value).collect();
    let classes = Classes::for_values(&all);
    let class_of = join
        .outlines
        .iter()
        .map(|o| o.value.and_then(|v| classes.index(v)))
        .collect();
    let title = title(&values);
    let source = source_line(&values, &outlines);
    Ok(Map {
        values,
        join,
        classes,
        class_of,
        outlines,
        title,
        source,
    })
}

fn title(values: &CountryValues) -> String {
    let years = if values.years.0 == values.years.1 {
        values.years.0.to_string()
    } else {
        format!("{}–{}", values.years.0, values.years.1)
    };
    let unit = values.unit();
    let mut chars = unit.chars();
    let unit = chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    });
    let releases: Vec<String> = values
        .sources
        .iter()
        .map(|p| format!("{} v{}", p.name, p.version))
        .collect();
    format!("{unit}, {years} ({})", releases.join(", "))
}

fn source_line(values: &CountryValues, outlines: &Outlines) -> String {
    let data: Vec<String> = values
        .sources
        .iter()
        .map(|p| {
            let label = p.label();
            let flag = label
                .strip_prefix(&format!("{} {}", p.name, p.version))
                .unwrap_or("");
            format!("{} v{}{flag}", p.title, p.version)
        })
        .collect();
    format!(
        "Data: {} (UCDP, ucdp.uu.se). Outlines: {} v{}. {CREDIT}.",
        data.join("; "),
        outlines.provenance.title,
        outlines.provenance.version
    )
}

impl Map {
    /// How many outlines have each status.
    #[must_use]
    pub fn status_counts(&self) -> (usize, usize, usize) {
        let n = |s| self.join.with_status(s).count();
        (
            n(OutlineStatus::Value),
            n(OutlineStatus::Missing),
            n(OutlineStatus::NoState),
        )
    }

    /// The fill of outline `i` (the class colour; missing white; no state grey).
    #[must_use]
    pub fn fill(&self, i: usize) -> &str {
        match (self.join.outlines[i].status, self.class_of[i]) {
            (OutlineStatus::Value, Some(k)) => &self.classes.classes[k].colour,
            (OutlineStatus::NoState, _) => super::classes::NO_STATE_COLOUR,
            _ => super::classes::MISSING_COLOUR,
        }
    }

    /// Outline `i`'s rings in Equal Earth coordinates (unit sphere, y north), exterior rings
    /// counter-clockwise and holes clockwise (so any fill rule draws the holes).
    #[must_use]
    pub fn projected(&self, i: usize) -> Vec<Vec<[f64; 2]>> {
        project_polygons(&self.outlines.outlines[i].polygons)
    }
}

/// Projects polygons to Equal Earth, exteriors counter-clockwise, holes clockwise.
#[must_use]
pub fn project_polygons(polygons: &[Polygon]) -> Vec<Vec<[f64; 2]>> {
    let mut out = Vec::new();
    for p in polygons {
        for (k, ring) in p.rings.iter().enumerate() {
            let mut r: Vec<[f64; 2]> = ring.iter().map(|&[x, y]| equal_earth(x, y)).collect();
            let ccw = signed_area(&r) > 0.0;
            if ccw != (k == 0) {
                r.reverse();
            }
            out.push(r);
        }
    }
    out
}

fn signed_area(ring: &[[f64; 2]]) -> f64 {
    ring.windows(2)
        .map(|w| w[0][0] * w[1][1] - w[1][0] * w[0][1])
        .sum::<f64>()
        / 2.0
}
