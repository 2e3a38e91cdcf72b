//! Maps (`conflictstats::geo`): the joined, classed, projected map for `cs.map` and
//! `cs.map_data`, and the projection, classes and PRIO-GRID cells for event maps. Every
//! figure, join and colour comes from the core.

use crate::types::PyProvenance;
use crate::{Files, data_sources, dataset_warnings, issue_warnings, run};
use conflictstats::Error;
use conflictstats::geo::{self, Classes, MapRequest, Minus, classes, priogrid, projection};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// A class: (label, lower, upper, colour).
type ClassTuple = (String, f64, f64, String);
/// Rings in Equal Earth coordinates.
type Rings = Vec<Vec<(f64, f64)>>;

fn class_tuples(c: &Classes) -> Vec<ClassTuple> {
    c.classes
        .iter()
        .map(|k| (k.label.clone(), k.lower, k.upper, k.colour.clone()))
        .collect()
}

fn tuples(ring: &[[f64; 2]]) -> Vec<(f64, f64)> {
    ring.iter().map(|&[x, y]| (x, y)).collect()
}

/// A country map (`conflictstats::geo::Map`).
#[pyclass(
    name = "CountryMap",
    module = "conflictstats._conflictstats",
    frozen,
    skip_from_py_object
)]
pub(crate) struct PyCountryMap {
    map: geo::Map,
}

#[pymethods]
impl PyCountryMap {
    /// The title: what, when, which release.
    #[getter]
    fn title(&self) -> String {
        self.map.title.clone()
    }
    /// The source line (dataset, release, outlines, "Made with Natural Earth").
    #[getter]
    fn source(&self) -> String {
        self.map.source.clone()
    }
    /// The legend's unit.
    #[getter]
    fn unit(&self) -> String {
        self.map.values.unit()
    }
    /// The borders caveat of an earlier year.
    #[getter]
    fn caveat(&self) -> Option<String> {
        self.map.join.caveat.clone()
    }
    /// The day the crosswalk was read on (ISO date).
    #[getter]
    fn date(&self) -> String {
        self.map.join.date.to_string()
    }
    #[getter]
    fn measure(&self) -> &'static str {
        self.map.values.measure.info().key
    }
    #[getter]
    fn role(&self) -> &'static str {
        self.map.values.role.key()
    }
    #[getter]
    fn aggregate(&self) -> &'static str {
        self.map.values.aggregate.key()
    }
    #[getter]
    fn years(&self) -> (i32, i32) {
        self.map.values.years
    }
    #[getter]
    fn minus(&self) -> Option<String> {
        self.map.values.minus.clone()
    }
    /// The datasets the values come from, then the outlines.
    #[getter]
    fn provenance(&self) -> Vec<PyProvenance> {
        self.map
            .values
            .sources
            .iter()
            .chain(std::iter::once(&self.map.outlines.provenance))
            .map(PyProvenance::from)
            .collect()
    }
    /// The classes: (label, lower, upper, colour), ascending.
    fn classes(&self) -> Vec<ClassTuple> {
        class_tuples(&self.map.classes)
    }
    /// One row per G&W state.
    fn states_frame(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || Ok(PyDataFrame(self.map.states_dataframe()?)))
    }
    /// One row per outline.
    fn outlines_frame(&self, py: Python<'_>) -> PyResult<PyDataFrame> {
        run(py, || Ok(PyDataFrame(self.map.outlines_dataframe()?)))
    }
    /// Names of the outlines with no G&W state on the map's date.
    fn outlines_without_state(&self) -> Vec<String> {
        self.map.outlines_without_state()
    }
    /// Per outline (layer order), its rings in Equal Earth coordinates (exteriors
    /// counter-clockwise, holes clockwise).
    fn projected(&self) -> Vec<Rings> {
        (0..self.map.join.outlines.len())
            .map(|i| self.map.projected(i).iter().map(|r| tuples(r)).collect())
            .collect()
    }
    /// The lines printed under the legend: states not drawn, caveat, source.
    fn notes(&self) -> Vec<String> {
        geo::svg::notes(&self.map)
    }
    /// The standalone SVG (as `conflictstats map --format svg`).
    fn svg(&self) -> String {
        geo::to_svg(&self.map)
    }
    /// The GeoJSON text (as `conflictstats map --format geojson`).
    fn geojson(&self, py: Python<'_>) -> PyResult<String> {
        run(py, || {
            serde_json::to_string(&geo::to_geojson(&self.map))
                .map_err(|e| Error::InvalidSpec(format!("cannot write the GeoJSON: {e}")))
        })
    }
}

/// The country map of a request (`conflictstats::geo::map_values` + `country_map`).
#[pyfunction]
#[pyo3(signature = (*, measure="conflicts", role=None, years=None, aggregate=None, minus_year=None, minus_version=None, version=None, sources=None))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn country_map(
    py: Python<'_>,
    measure: &str,
    role: Option<&str>,
    years: Option<(i32, i32)>,
    aggregate: Option<&str>,
    minus_year: Option<i32>,
    minus_version: Option<String>,
    version: Option<&str>,
    sources: Option<Files>,
) -> PyResult<PyCountryMap> {
    let (map, warnings) = run(py, || {
        let req = MapRequest {
            measure: measure.parse()?,
            role: role.map(str::parse).transpose()?,
            years,
            aggregate: aggregate.map(str::parse).transpose()?,
            minus: match (minus_year, minus_version) {
                (Some(_), Some(_)) => {
                    return Err(Error::InvalidSpec(
                        "give minus_year or minus_version, not both".into(),
                    ));
                }
                (Some(y), None) => Some(Minus::Year(y)),
                (None, Some(v)) => Some(Minus::Version(v)),
                (None, None) => None,
            },
        };
        let (values, load) = geo::map_values(&data_sources(version, sources.as_ref())?, &req)?;
        let mut warnings = dataset_warnings(values.sources.iter().map(|p| (p, &[][..])));
        warnings.extend(load);
        Ok((geo::country_map(values)?, warnings))
    })?;
    issue_warnings(py, &warnings)?;
    Ok(PyCountryMap { map })
}

/// The map's frame (the globe's outline) in Equal Earth coordinates, and the half width and
/// half height of the projected globe.
#[pyfunction]
pub(crate) fn map_frame() -> (Vec<(f64, f64)>, f64, f64) {
    (
        tuples(&projection::frame(90)),
        projection::X_MAX,
        projection::Y_MAX,
    )
}

/// Points (longitude, latitude in degrees) in Equal Earth coordinates.
#[pyfunction]
pub(crate) fn project_points(lon: Vec<f64>, lat: Vec<f64>) -> PyResult<(Vec<f64>, Vec<f64>)> {
    if lon.len() != lat.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "longitudes and latitudes differ in length",
        ));
    }
    Ok(lon
        .iter()
        .zip(&lat)
        .map(|(&x, &y)| {
            let [px, py] = projection::equal_earth(x, y);
            (px, py)
        })
        .unzip())
}

/// The PRIO-GRID cells of `gids` as projected rings (an invalid id is an error).
#[pyfunction]
pub(crate) fn priogrid_rings(py: Python<'_>, gids: Vec<u32>) -> PyResult<Rings> {
    run(py, || {
        gids.iter()
            .map(|&g| {
                let cell = priogrid::cell(g).ok_or_else(|| {
                    Error::InvalidSpec(format!(
                        "priogrid_gid {g} is not a PRIO-GRID cell id (1 to 259200)"
                    ))
                })?;
                Ok(tuples(&projection::project_ring(&cell.ring())))
            })
            .collect()
    })
}

/// The PRIO-GRID ids of points (longitude, latitude in degrees): an ACLED event has none of
/// its own. A point outside −180…180, −90…90 is an error.
#[pyfunction]
pub(crate) fn priogrid_gids(py: Python<'_>, lon: Vec<f64>, lat: Vec<f64>) -> PyResult<Vec<u32>> {
    run(py, || {
        if lon.len() != lat.len() {
            return Err(Error::InvalidSpec(
                "longitudes and latitudes differ in length".into(),
            ));
        }
        lon.iter()
            .zip(&lat)
            .enumerate()
            .map(|(i, (&x, &y))| {
                priogrid::gid_of(x, y).ok_or_else(|| {
                    Error::InvalidSpec(format!(
                        "event {i}: ({x}, {y}) is not a longitude and latitude in degrees"
                    ))
                })
            })
            .collect()
    })
}

/// Every outline's projected rings (the background of an event map).
#[pyfunction]
pub(crate) fn outline_rings(py: Python<'_>) -> PyResult<Vec<Rings>> {
    run(py, || {
        let ne = geo::Outlines::embedded()?;
        Ok(ne
            .outlines
            .iter()
            .map(|o| {
                geo::map::project_polygons(&o.polygons)
                    .iter()
                    .map(|r| tuples(r))
                    .collect()
            })
            .collect())
    })
}

/// The classes of `values` and the class index of each value (`None`: not finite).
#[pyfunction]
pub(crate) fn classify(values: Vec<f64>) -> (Vec<ClassTuple>, Vec<Option<usize>>) {
    let c = Classes::for_values(&values);
    let idx = values.iter().map(|&v| c.index(v)).collect();
    (class_tuples(&c), idx)
}

/// The fixed colours: zero, missing, no state, edge.
#[pyfunction]
pub(crate) fn map_colours() -> (&'static str, &'static str, &'static str, &'static str) {
    (
        classes::ZERO_COLOUR,
        classes::MISSING_COLOUR,
        classes::NO_STATE_COLOUR,
        classes::EDGE_COLOUR,
    )
}

/// The measures and aggregates (the `Literal` types of the stubs).
pub(crate) fn keys() -> [(&'static str, Vec<&'static str>); 2] {
    [
        (
            "measure",
            geo::values::MEASURES.iter().map(|m| m.key).collect(),
        ),
        (
            "aggregate",
            geo::Aggregate::ALL.iter().map(|a| a.key()).collect(),
        ),
    ]
}

/// Registers the functions and classes.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyCountryMap>()?;
    m.add_function(wrap_pyfunction!(country_map, m)?)?;
    m.add_function(wrap_pyfunction!(map_frame, m)?)?;
    m.add_function(wrap_pyfunction!(project_points, m)?)?;
    m.add_function(wrap_pyfunction!(priogrid_rings, m)?)?;
    m.add_function(wrap_pyfunction!(priogrid_gids, m)?)?;
    m.add_function(wrap_pyfunction!(outline_rings, m)?)?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(map_colours, m)?)?;
    Ok(())
}
