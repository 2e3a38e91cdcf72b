//! The Equal Earth projection (Šavrič, Patterson & Jenny 2018), spherical form, on the unit
//! sphere.
//!
//! Equal Earth is an equal-area pseudocylindrical projection: a country's area on the map is
//! proportional to its area on the globe, which is what a choropleth of counts needs (a
//! Mercator map makes Russia and Greenland look many times their size). The formulas are the
//! published ones (Šavrič, B., Patterson, T. & Jenny, B. (2018) The Equal Earth map projection.
//! *International Journal of Geographical Information Science* 33(3): 454–465, eq. 1–2):
//!
//! ```text
//! θ = asin(√3/2 · sin φ)
//! x = 2√3 λ cos θ / (3 (9 A4 θ⁸ + 7 A3 θ⁶ + 3 A2 θ² + A1))
//! y = A4 θ⁹ + A3 θ⁷ + A2 θ³ + A1 θ
//! A1 = 1.340264, A2 = −0.081106, A3 = 0.000893, A4 = 0.003796
//! ```
//!
//! ```
//! use conflictstats::geo::projection::{equal_earth, X_MAX, Y_MAX};
//!
//! let [x, y] = equal_earth(180.0, 0.0);
//! assert!((x - X_MAX).abs() < 1e-12 && y == 0.0);
//! // PROJ's regression test (builtins.gie): +proj=eqearth +R=6378137 maps (180°, 0°) to
//! // x = 17 263 256.84 m (tolerance 1 cm).
//! assert!((x * 6_378_137.0 - 17_263_256.84).abs() < 0.01);
//! let [_, y] = equal_earth(0.0, 90.0);
//! assert!((y - Y_MAX).abs() < 1e-12);
//! ```

const A1: f64 = 1.340_264;
const A2: f64 = -0.081_106;
const A3: f64 = 0.000_893;
const A4: f64 = 0.003_796;

/// Half the width of the map on the unit sphere: x at (180°, 0°) = 2√3π / (3 A1).
pub const X_MAX: f64 = 2.706_629_983_696_074;
/// Half the height: y at the pole (θ = π/3).
pub const Y_MAX: f64 = 1.317_362_759_157_413;

/// Projects a point given in degrees (longitude, latitude) to Equal Earth coordinates on the
/// unit sphere (x east, y north).
#[must_use]
pub fn equal_earth(lon: f64, lat: f64) -> [f64; 2] {
    let lambda = lon.to_radians();
    let m = 3f64.sqrt() / 2.0;
    let theta = (m * lat.to_radians().sin()).asin();
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    let x = 2.0 * 3f64.sqrt() * lambda * theta.cos()
        / (3.0 * (9.0 * A4 * t6 * t2 + 7.0 * A3 * t6 + 3.0 * A2 * t2 + A1));
    let y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1);
    [x, y]
}

/// Projects a ring of `[lon, lat]` points.
#[must_use]
pub fn project_ring(ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
    ring.iter()
        .map(|&[lon, lat]| equal_earth(lon, lat))
        .collect()
}

/// The outline of the whole projected globe (the map's frame: the meridians ±180° joined at the
/// poles), `n` points per side, closed.
#[must_use]
pub fn frame(n: usize) -> Vec<[f64; 2]> {
    let n = n.max(2);
    let mut ring = Vec::with_capacity(2 * n + 1);
    for i in 0..n {
        let lat = -90.0 + 180.0 * i as f64 / (n - 1) as f64;
        ring.push(equal_earth(180.0, lat));
    }
    for i in 0..n {
        let lat = 90.0 - 180.0 * i as f64 / (n - 1) as f64;
        ring.push(equal_earth(-180.0, lat));
    }
    ring.push(ring[0]);
    ring
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(ring: &[[f64; 2]]) -> f64 {
        let mut s = 0.0;
        for w in ring.windows(2) {
            s += w[0][0] * w[1][1] - w[1][0] * w[0][1];
        }
        (s / 2.0).abs()
    }

    #[test]
    fn extents_match_the_closed_forms() {
        let x = 2.0 * 3f64.sqrt() * std::f64::consts::PI / (3.0 * A1);
        assert!((X_MAX - x).abs() < 1e-14);
        let t = std::f64::consts::FRAC_PI_3;
        let y = A4 * t.powi(9) + A3 * t.powi(7) + A2 * t.powi(3) + A1 * t;
        assert!((Y_MAX - y).abs() < 1e-12);
        // The paper's aspect ratio of the map: about 2.05 : 1.
        assert!((X_MAX / Y_MAX - 2.0546).abs() < 1e-4);
    }

    #[test]
    fn the_projection_is_equal_area() {
        // A 1°×1° cell has spherical area dλ·(sin φ2 − sin φ1); its projected area divided by
        // that is the same constant everywhere (the paper's polynomial fits the equal-area
        // condition to within rounding of its coefficients).
        let mut ratios = Vec::new();
        for lat in [-85.0, -60.0, -30.0, 0.0, 10.0, 45.0, 70.0, 89.0] {
            for lon in [-179.0, -20.0, 0.0, 100.0] {
                let cell = [
                    [lon, lat],
                    [lon + 1.0, lat],
                    [lon + 1.0, lat + 1.0],
                    [lon, lat + 1.0],
                    [lon, lat],
                ];
                let sphere = 1f64.to_radians()
                    * ((lat + 1.0f64).to_radians().sin() - lat.to_radians().sin());
                ratios.push(area(&project_ring(&cell)) / sphere);
            }
        }
        let (lo, hi) = ratios
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &r| (a.min(r), b.max(r)));
        assert!(hi / lo - 1.0 < 1e-4, "{lo} … {hi}");
        // Total area: the projected globe has the unit sphere's 4π (up to the same factor).
        let globe = area(&frame(2000));
        assert!(
            (globe / (4.0 * std::f64::consts::PI) - lo).abs() < 1e-3,
            "{globe}"
        );
    }

    #[test]
    fn symmetric_about_both_axes() {
        let [x, y] = equal_earth(37.0, 52.0);
        assert_eq!(equal_earth(-37.0, -52.0), [-x, -y]);
        assert!(x > 0.0 && y > 0.0);
    }
}
