//! A [`Map`] as GeoJSON (RFC 7946): one feature per outline, in longitude/latitude, with the
//! joined values as properties, and the provenance, the unit, the classes and the states
//! without outline in a foreign member `conflictstats` of the collection — for QGIS, kepler.gl
//! and web maps.

use super::map::Map;
use super::outlines::Polygon;
use serde_json::{Value, json};

fn coordinates(polygon: &Polygon) -> Value {
    Value::Array(
        polygon
            .rings
            .iter()
            .map(|r| Value::Array(r.iter().map(|&[x, y]| json!([x, y])).collect()))
            .collect(),
    )
}

/// The FeatureCollection.
#[must_use]
pub fn to_geojson(map: &Map) -> Value {
    let features: Vec<Value> = map
        .join
        .outlines
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let outline = &map.outlines.outlines[i];
            let geometry = match outline.polygons.as_slice() {
                [one] => json!({"type": "Polygon", "coordinates": coordinates(one)}),
                many => json!({
                    "type": "MultiPolygon",
                    "coordinates": many.iter().map(coordinates).collect::<Vec<_>>()
                }),
            };
            let class = map.class_of[i].map(|k| &map.classes.classes[k]);
            json!({
                "type": "Feature",
                "properties": {
                    "name": outline.name,
                    "adm0_a3": outline.adm0_a3,
                    "iso3": o.iso3,
                    "gwcode": o.gwcode.map(|g| g.0),
                    "state_name": o.state_name,
                    "value": o.value,
                    "status": o.status.key(),
                    "class": class.map(|c| c.label.clone()),
                    "fill": map.fill(i),
                },
                "geometry": geometry,
            })
        })
        .collect();
    let v = &map.values;
    json!({
        "type": "FeatureCollection",
        "features": features,
        "conflictstats": {
            "title": map.title,
            "unit": v.unit(),
            "measure": v.measure,
            "role": v.role,
            "years": [v.years.0, v.years.1],
            "aggregate": v.aggregate,
            "minus": v.minus,
            "date": map.join.date.to_string(),
            "sources": v.sources,
            "outlines": map.outlines.provenance,
            "classes": map.classes.classes,
            "states_without_outline": map.join.states_without_outline,
            "caveat": map.join.caveat,
            "source": map.source,
        }
    })
}
