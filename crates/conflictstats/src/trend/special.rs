//! Special functions and a bracketing root finder, written here so that results do not move
//! with another crate's version: `ln Γ`, digamma ψ, trigamma ψ′ (all for `x > 0`) and Brent's
//! method.

/// `ln Γ(x)` for `x > 0` (Stirling series for `x ≥ 10`, shifted by the recurrence below;
/// absolute error about 1e-15 on the range used here).
#[must_use]
pub fn ln_gamma(x: f64) -> f64 {
    debug_assert!(x > 0.0);
    if x < 10.0 {
        // ln Γ(x) = ln Γ(x + k) − ln(x (x+1) … (x+k−1)), with x + k ≥ 10.
        let mut prod = 1.0;
        let mut z = x;
        while z < 10.0 {
            prod *= z;
            z += 1.0;
        }
        return ln_gamma_stirling(z) - prod.ln();
    }
    ln_gamma_stirling(x)
}

fn ln_gamma_stirling(x: f64) -> f64 {
    const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
    let r = 1.0 / x;
    let r2 = r * r;
    // Bernoulli terms B_2k / (2k (2k−1) x^(2k−1)), k = 1..7.
    let series = r
        * (1.0 / 12.0
            + r2 * (-1.0 / 360.0
                + r2 * (1.0 / 1260.0
                    + r2 * (-1.0 / 1680.0
                        + r2 * (1.0 / 1188.0 + r2 * (-691.0 / 360_360.0 + r2 * (1.0 / 156.0)))))));
    (x - 0.5) * x.ln() - x + HALF_LN_2PI + series
}

/// The digamma function ψ(x) = d ln Γ(x)/dx, for `x > 0`.
#[must_use]
pub fn digamma(x: f64) -> f64 {
    debug_assert!(x > 0.0);
    let mut acc = 0.0;
    let mut z = x;
    while z < 10.0 {
        acc -= 1.0 / z;
        z += 1.0;
    }
    let r = 1.0 / z;
    let r2 = r * r;
    let series = r2
        * (1.0 / 12.0
            - r2 * (1.0 / 120.0
                - r2 * (1.0 / 252.0
                    - r2 * (1.0 / 240.0
                        - r2 * (1.0 / 132.0 - r2 * (691.0 / 32_760.0 - r2 * (1.0 / 12.0)))))));
    acc + z.ln() - 0.5 * r - series
}

/// The trigamma function ψ′(x), for `x > 0`.
#[must_use]
pub fn trigamma(x: f64) -> f64 {
    debug_assert!(x > 0.0);
    let mut acc = 0.0;
    let mut z = x;
    while z < 10.0 {
        acc += 1.0 / (z * z);
        z += 1.0;
    }
    let r = 1.0 / z;
    let r2 = r * r;
    let series = r
        + r2 / 2.0
        + r * r2
            * (1.0 / 6.0
                - r2 * (1.0 / 30.0
                    - r2 * (1.0 / 42.0
                        - r2 * (1.0 / 30.0
                            - r2 * (5.0 / 66.0 - r2 * (691.0 / 2730.0 - r2 * (7.0 / 6.0)))))));
    acc + series
}

/// The upper tail `P(χ²_df > x)` of the χ² distribution (the p-value of a χ² statistic), by
/// the regularized incomplete gamma function `Q(df/2, x/2)`: its power series below
/// `a + 1`, Lentz's continued fraction above (relative error about 1e-14).
#[must_use]
pub fn chi2_sf(x: f64, df: f64) -> f64 {
    debug_assert!(df > 0.0);
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= 0.0 {
        return 1.0;
    }
    let (a, z) = (0.5 * df, 0.5 * x);
    let log_prefix = a * z.ln() - z - ln_gamma(a);
    if z < a + 1.0 {
        // P(a, z) = z^a e^−z / Γ(a) · Σ z^n / (a (a+1) … (a+n))
        let (mut term, mut sum, mut ap) = (1.0 / a, 1.0 / a, a);
        for _ in 0..1000 {
            ap += 1.0;
            term *= z / ap;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        return (1.0 - sum * log_prefix.exp()).max(0.0);
    }
    // Q(a, z) = z^a e^−z / Γ(a) · 1/(z+1−a− 1·(1−a)/(z+3−a− …)), modified Lentz.
    let tiny = 1e-300;
    let mut b = z + 1.0 - a;
    let mut c = 1.0 / tiny;
    let mut d = 1.0 / b;
    let mut h = d;
    for i in 1..1000 {
        let an = -f64::from(i) * (f64::from(i) - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < tiny {
            d = tiny;
        }
        c = b + an / c;
        if c.abs() < tiny {
            c = tiny;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (log_prefix.exp() * h).clamp(0.0, 1.0)
}

/// A root of `f` in `[a, b]` by Brent's method, given `f(a)` and `f(b)` of opposite signs
/// (or one of them zero). Stops when the bracket is narrower than `tol` (absolute, plus four
/// machine epsilons of the root) or after 200 iterations. `None` if the signs do not bracket.
pub fn brent_root(
    mut f: impl FnMut(f64) -> f64,
    a: f64,
    b: f64,
    fa: f64,
    fb: f64,
    tol: f64,
) -> Option<f64> {
    let (mut a, mut b, mut fa, mut fb) = (a, b, fa, fb);
    if fa == 0.0 {
        return Some(a);
    }
    if fb == 0.0 {
        return Some(b);
    }
    if fa.signum() == fb.signum() || !fa.is_finite() || !fb.is_finite() {
        return None;
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut e = d;
    for _ in 0..200 {
        if fb.signum() == fc.signum() {
            c = a;
            fc = fa;
            d = b - a;
            e = d;
        }
        if fc.abs() < fb.abs() {
            a = b;
            b = c;
            c = a;
            fa = fb;
            fb = fc;
            fc = fa;
        }
        let tol1 = 2.0 * f64::EPSILON * b.abs() + 0.5 * tol;
        let xm = 0.5 * (c - b);
        if xm.abs() <= tol1 || fb == 0.0 {
            return Some(b);
        }
        if e.abs() >= tol1 && fa.abs() > fb.abs() {
            let s = fb / fa;
            let (mut p, mut q);
            if a == c {
                p = 2.0 * xm * s;
                q = 1.0 - s;
            } else {
                let qq = fa / fc;
                let r = fb / fc;
                p = s * (2.0 * xm * qq * (qq - r) - (b - a) * (r - 1.0));
                q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
            }
            if p > 0.0 {
                q = -q;
            }
            p = p.abs();
            if 2.0 * p < (3.0 * xm * q - (tol1 * q).abs()).min((e * q).abs()) {
                e = d;
                d = p / q;
            } else {
                d = xm;
                e = d;
            }
        } else {
            d = xm;
            e = d;
        }
        a = b;
        fa = fb;
        b += if d.abs() > tol1 { d } else { tol1.copysign(xm) };
        fb = f(b);
        if !fb.is_finite() {
            return None;
        }
    }
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use std::f64::consts::PI;

    // Reference values: exact identities, or scipy.special (gammaln, digamma, polygamma(1, x))
    // printed with repr().
    #[test]
    fn ln_gamma_known_values() {
        assert_abs_diff_eq!(ln_gamma(1.0), 0.0, epsilon = 1e-14);
        assert_abs_diff_eq!(ln_gamma(2.0), 0.0, epsilon = 1e-14);
        assert_abs_diff_eq!(ln_gamma(0.5), 0.5 * PI.ln(), epsilon = 1e-14);
        assert_abs_diff_eq!(ln_gamma(10.0), 362_880f64.ln(), epsilon = 1e-13);
        assert_abs_diff_eq!(ln_gamma(3.7), 1.428_072_326_665_388, epsilon = 1e-14);
        assert_abs_diff_eq!(ln_gamma(100.0), 359.134_205_369_575_4, epsilon = 1e-11);
        assert_abs_diff_eq!(ln_gamma(1e-5), 11.512_919_692_895_826, epsilon = 1e-12);
        // ln n! by summation
        let lnfact: f64 = (1..=170).map(|k| f64::from(k).ln()).sum();
        assert_abs_diff_eq!(ln_gamma(171.0), lnfact, epsilon = 1e-10);
    }

    #[test]
    fn digamma_and_trigamma_known_values() {
        const EULER: f64 = 0.577_215_664_901_532_9;
        assert_abs_diff_eq!(digamma(1.0), -EULER, epsilon = 1e-14);
        assert_abs_diff_eq!(
            digamma(0.5),
            -EULER - 2.0 * std::f64::consts::LN_2,
            epsilon = 1e-14
        );
        assert_abs_diff_eq!(digamma(10.0), 2.251_752_589_066_721, epsilon = 1e-14);
        assert_abs_diff_eq!(digamma(3.7), 1.167_153_539_361_511_3, epsilon = 1e-14);
        assert_abs_diff_eq!(trigamma(1.0), PI * PI / 6.0, epsilon = 1e-14);
        assert_abs_diff_eq!(trigamma(0.5), PI * PI / 2.0, epsilon = 1e-13);
        assert_abs_diff_eq!(trigamma(10.0), 0.105_166_335_681_685_75, epsilon = 1e-15);
        // ψ(x+1) = ψ(x) + 1/x and ψ′(x+1) = ψ′(x) − 1/x² across the series switch at 10.
        for x in [9.3, 9.99, 123.4] {
            assert_abs_diff_eq!(digamma(x + 1.0), digamma(x) + 1.0 / x, epsilon = 1e-14);
            assert_abs_diff_eq!(
                trigamma(x + 1.0),
                trigamma(x) - 1.0 / (x * x),
                epsilon = 1e-15
            );
        }
    }

    /// Against scipy.stats.chi2.sf.
    #[test]
    fn chi2_tail_known_values() {
        assert_abs_diff_eq!(chi2_sf(3.841_458_820_694_124, 1.0), 0.05, epsilon = 1e-14);
        assert_abs_diff_eq!(chi2_sf(18.307_038_053_275_146, 10.0), 0.05, epsilon = 1e-14);
        assert_abs_diff_eq!(chi2_sf(1.0, 6.0), 0.985_612_322_033_029_3, epsilon = 1e-14);
        assert_abs_diff_eq!(
            chi2_sf(40.0, 6.0),
            4.555_149_505_589_212_5e-7,
            epsilon = 1e-19
        );
        assert_abs_diff_eq!(chi2_sf(0.3, 2.0), 0.860_707_976_425_057_8, epsilon = 1e-14);
        assert_abs_diff_eq!(
            chi2_sf(12.5, 7.0),
            0.085_269_275_158_269_25,
            epsilon = 1e-14
        );
        assert_eq!(chi2_sf(0.0, 3.0), 1.0);
    }

    #[test]
    fn brent_finds_roots() {
        let f = |x: f64| x * x - 2.0;
        let r = brent_root(f, 0.0, 2.0, f(0.0), f(2.0), 1e-15).unwrap();
        assert_abs_diff_eq!(r, 2f64.sqrt(), epsilon = 1e-15);
        assert!(brent_root(f, 2.0, 3.0, f(2.0), f(3.0), 1e-15).is_none());
    }
}
