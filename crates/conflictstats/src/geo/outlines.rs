//! The shipped country outlines: Natural Earth's 1:110m Admin-0 countries (v5.1.1, public
//! domain), the reduced copy `data/naturalearth/ne_110m_admin_0_countries.min.geojson`
//! (origin, version and quirks in `data/naturalearth/SOURCE.md`), compiled in and checked
//! against its SHA-256 when loaded.
//!
//! ```
//! use conflictstats::geo::Outlines;
//!
//! let ne = Outlines::embedded()?;
//! assert_eq!(ne.outlines.len(), 177);
//! let fiji = &ne.outlines[0];
//! assert_eq!((fiji.name.as_str(), fiji.adm0_a3.as_str()), ("Fiji", "FJI"));
//! assert_eq!(ne.provenance.version, "5.1.1");
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{ByteIdentity, Provenance, ReleaseStatus, registry::sha256_hex};
use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::Value;

/// The file name under `data/`.
pub const FILE: &str = "naturalearth/ne_110m_admin_0_countries.min.geojson";
const BYTES: &[u8] =
    include_bytes!("../../../../data/naturalearth/ne_110m_admin_0_countries.min.geojson");
/// SHA-256 of the shipped file (as in `data/naturalearth/SOURCE.md`).
pub const SHA256: &str = "37b4211f66873331e751b72ec277bd469efc6678565356c2780d6933c615e143";
/// Natural Earth's short credit line, to be printed on every map.
pub const CREDIT: &str = "Made with Natural Earth";

/// A ring of `[longitude, latitude]` points in degrees (WGS84), closed (last = first).
pub type Ring = Vec<[f64; 2]>;

/// One polygon: its exterior ring first, then its holes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Polygon {
    /// Exterior ring, then holes.
    pub rings: Vec<Ring>,
}

/// One Natural Earth feature: a country or territory as Natural Earth draws it (de facto).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outline {
    /// `NAME` (short name, e.g. `Dem. Rep. Congo`).
    pub name: String,
    /// `ADMIN` (long name).
    pub admin: String,
    /// `ADM0_A3`: Natural Earth's unique code (not always ISO: `SDS`, `KOS`, `SOL`, `CYN`).
    pub adm0_a3: String,
    /// `ISO_A3_EH`: the ISO 3166-1 alpha-3 code, `None` where Natural Earth writes `-99`.
    pub iso_a3_eh: Option<String>,
    /// `TYPE` (`Sovereign country`, `Dependency`, …; not a statehood flag).
    pub kind: String,
    /// `CONTINENT`.
    pub continent: String,
    /// The geometry (one polygon for a `Polygon`, several for a `MultiPolygon`).
    pub polygons: Vec<Polygon>,
}

/// The 177 outlines with the provenance of the file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outlines {
    /// In the file's order.
    pub outlines: Vec<Outline>,
    /// Name `naturalearth-admin0-110m`, version `5.1.1`, SHA-256 of the bytes.
    pub provenance: Provenance,
}

impl Outlines {
    /// The compiled-in layer, its checksum verified.
    pub fn embedded() -> Result<Outlines> {
        let actual = sha256_hex(BYTES);
        if actual != SHA256 {
            return Err(Error::ChecksumMismatch {
                name: "naturalearth-admin0-110m".into(),
                version: "5.1.1".into(),
                expected: SHA256.into(),
                actual,
            });
        }
        let outlines = parse(&format!("embedded:{FILE}"), BYTES)?;
        Ok(Outlines {
            outlines,
            provenance: provenance(),
        })
    }
}

fn provenance() -> Provenance {
    Provenance {
        name: "naturalearth-admin0-110m".into(),
        title: "Natural Earth 1:110m Admin 0 – Countries".into(),
        version: "5.1.1".into(),
        sha256: SHA256.into(),
        source: format!("embedded:{FILE}"),
        status: ReleaseStatus::Embedded,
        licence: Some("public domain".into()),
        citation: Some(format!(
            "{CREDIT}. Free vector and raster map data @ naturalearthdata.com."
        )),
        byte_identity: ByteIdentity::Derived,
    }
}

/// Parses a GeoJSON FeatureCollection of Polygon/MultiPolygon features with Natural Earth's
/// properties.
fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Outline>> {
    let bad = |message: String| Error::Malformed {
        file: file.to_string(),
        line: 1,
        message,
    };
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| Error::Malformed {
        file: file.to_string(),
        line: u64::try_from(e.line()).unwrap_or(0),
        message: e.to_string(),
    })?;
    let features = doc
        .get("features")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no `features` array".into()))?;
    features
        .iter()
        .enumerate()
        .map(|(i, f)| feature(f).map_err(|m| bad(format!("feature {i}: {m}"))))
        .collect()
}

fn feature(f: &Value) -> std::result::Result<Outline, String> {
    let props = f.get("properties").ok_or("no properties")?;
    let text = |key: &str| -> std::result::Result<String, String> {
        props
            .get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("property `{key}` missing or not a string"))
    };
    let geometry = f.get("geometry").ok_or("no geometry")?;
    let coords = geometry.get("coordinates").ok_or("no coordinates")?;
    let polygons = match geometry.get("type").and_then(Value::as_str) {
        Some("Polygon") => vec![polygon(coords)?],
        Some("MultiPolygon") => coords
            .as_array()
            .ok_or("MultiPolygon coordinates are not an array")?
            .iter()
            .map(polygon)
            .collect::<std::result::Result<_, _>>()?,
        other => {
            return Err(format!(
                "geometry type {other:?}, expected Polygon or MultiPolygon"
            ));
        }
    };
    let iso = text("ISO_A3_EH")?;
    Ok(Outline {
        name: text("NAME")?,
        admin: text("ADMIN")?,
        adm0_a3: text("ADM0_A3")?,
        iso_a3_eh: (iso != "-99").then_some(iso),
        kind: text("TYPE")?,
        continent: text("CONTINENT")?,
        polygons,
    })
}

fn polygon(v: &Value) -> std::result::Result<Polygon, String> {
    let rings = v.as_array().ok_or("polygon is not an array of rings")?;
    let rings = rings
        .iter()
        .map(|r| {
            let pts = r.as_array().ok_or("ring is not an array")?;
            let ring: Ring = pts
                .iter()
                .map(|p| {
                    match (
                        p.get(0).and_then(Value::as_f64),
                        p.get(1).and_then(Value::as_f64),
                    ) {
                        (Some(x), Some(y))
                            if (-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y) =>
                        {
                            Ok([x, y])
                        }
                        _ => Err(format!("point {p} is not [longitude, latitude] in range")),
                    }
                })
                .collect::<std::result::Result<_, _>>()?;
            if ring.len() < 4 || ring.first() != ring.last() {
                return Err("ring has fewer than 4 points or is not closed".to_string());
            }
            Ok(ring)
        })
        .collect::<std::result::Result<Vec<_>, String>>()?;
    if rings.is_empty() {
        return Err("polygon without rings".into());
    }
    Ok(Polygon { rings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layer_has_177_features_148_polygons_29_multipolygons() {
        let ne = Outlines::embedded().unwrap();
        assert_eq!(ne.outlines.len(), 177);
        let multi = ne.outlines.iter().filter(|o| o.polygons.len() > 1).count();
        assert_eq!(multi, 29);
        let no_iso: Vec<&str> = ne
            .outlines
            .iter()
            .filter(|o| o.iso_a3_eh.is_none())
            .map(|o| o.adm0_a3.as_str())
            .collect();
        assert_eq!(no_iso, ["CYN", "SOL", "KOS"]);
    }

    #[test]
    fn bad_geometry_is_a_typed_error() {
        let bytes =
            br#"{"features":[{"properties":{},"geometry":{"type":"Point","coordinates":[0,0]}}]}"#;
        let err = parse("x.geojson", bytes).unwrap_err();
        assert!(matches!(err, Error::Malformed { .. }), "{err}");
        let err = parse("x.geojson", b"{").unwrap_err();
        assert!(err.to_string().starts_with("x.geojson"), "{err}");
    }
}
