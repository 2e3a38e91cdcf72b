//! The log-normal alternative on the same tail, and Vuong's likelihood-ratio test.
//!
//! A heavy tail is not a power law until the alternatives are worse. The log-normal truncated
//! at `x_min`, `p(x) = φ((ln x − μ)/σ) / (x σ Q((ln x_min − μ)/σ))` with `Q` the normal upper
//! tail, is the usual rival (CSN §5). It is fitted to the same observations `≥ x_min` by
//! maximum likelihood (Nelder–Mead on `(μ, ln σ)`, to a relative change below 1e-12).
//!
//! Vuong's test compares the two non-nested models pointwise: with
//! `ℓ_i = ln p_PL(x_i) − ln p_LN(x_i)`, the ratio `R = Σ ℓ_i` (positive favours the power law),
//! `σ̂² = mean((ℓ_i − ℓ̄)²)`, the normalised ratio `R/(σ̂√n)` and the two-sided p-value
//! `erfc(|R| / (σ̂ √(2n)))`. A large p-value means the sign of `R` is not to be trusted: the
//! data cannot tell the two apart (the usual finding for war sizes).

use super::powerlaw::PowerLawFit;
use serde::Serialize;

const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_7;

/// `ln Q(z)`, the log of the standard normal upper tail, accurate for large `z`.
pub(crate) fn ln_normal_sf(z: f64) -> f64 {
    if z < 30.0 {
        (0.5 * libm::erfc(z * std::f64::consts::FRAC_1_SQRT_2)).ln()
    } else {
        // Asymptotic series: Q(z) ≈ φ(z)/z · (1 − 1/z² + 3/z⁴ − 15/z⁶).
        let z2 = z * z;
        -0.5 * z2 - LN_SQRT_2PI - z.ln()
            + (1.0 - 1.0 / z2 + 3.0 / (z2 * z2) - 15.0 / (z2 * z2 * z2)).ln()
    }
}

/// A log-normal fitted to the tail `x ≥ x_min`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LognormalFit {
    /// Mean of `ln x` of the untruncated law.
    pub mu: f64,
    /// Standard deviation of `ln x` of the untruncated law.
    pub sigma: f64,
    /// Log-likelihood of the tail.
    pub log_likelihood: f64,
    /// The optimiser converged (it may not when the tail is so straight on log scales that
    /// the likelihood keeps rising as `μ → −∞`; the fit is then the best point found).
    pub converged: bool,
}

/// Pointwise log-likelihoods of the truncated log-normal.
pub(crate) fn lognormal_loglik(ln_x: &[f64], ln_min: f64, mu: f64, sigma: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let m = ln_x.len() as f64;
    let norm = ln_normal_sf((ln_min - mu) / sigma);
    let ss: f64 = ln_x.iter().map(|l| ((l - mu) / sigma).powi(2)).sum();
    let sl: f64 = ln_x.iter().sum();
    -sl - m * (sigma.ln() + LN_SQRT_2PI + norm) - 0.5 * ss
}

/// Nelder–Mead minimisation in two dimensions; returns the best point, its value and whether
/// the simplex converged.
fn nelder_mead(
    f: impl Fn([f64; 2]) -> f64,
    start: [f64; 2],
    step: [f64; 2],
) -> ([f64; 2], f64, bool) {
    let mut s = [
        start,
        [start[0] + step[0], start[1]],
        [start[0], start[1] + step[1]],
    ];
    let mut v = s.map(&f);
    for _ in 0..5000 {
        let mut idx = [0usize, 1, 2];
        idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        (s, v) = (idx.map(|i| s[i]), idx.map(|i| v[i]));
        let spread = (v[2] - v[0]).abs();
        let size = (0..2)
            .map(|d| (s[2][d] - s[0][d]).abs().max((s[1][d] - s[0][d]).abs()))
            .fold(0.0, f64::max);
        if spread <= 1e-13 * v[0].abs().max(1.0) && size < 1e-9 {
            return (s[0], v[0], true);
        }
        let c = [(s[0][0] + s[1][0]) / 2.0, (s[0][1] + s[1][1]) / 2.0];
        let at = |t: f64| [c[0] + t * (s[2][0] - c[0]), c[1] + t * (s[2][1] - c[1])];
        let (r, fr) = (at(-1.0), f(at(-1.0)));
        if fr < v[0] {
            let (e, fe) = (at(-2.0), f(at(-2.0)));
            (s[2], v[2]) = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < v[1] {
            (s[2], v[2]) = (r, fr);
        } else {
            let t = if fr < v[2] { -0.5 } else { 0.5 };
            let (k, fk) = (at(t), f(at(t)));
            if fk < v[2].min(fr) {
                (s[2], v[2]) = (k, fk);
            } else {
                for i in 1..3 {
                    s[i] = [(s[0][0] + s[i][0]) / 2.0, (s[0][1] + s[i][1]) / 2.0];
                    v[i] = f(s[i]);
                }
            }
        }
    }
    (s[0], v[0], false)
}

/// Fits the truncated log-normal to the tail of `fit` (the observations `≥ x_min`), by
/// maximum likelihood started at the mean and standard deviation of `ln x`.
#[must_use]
pub fn fit_lognormal_tail(tail: &[f64], x_min: f64) -> LognormalFit {
    let ln_x: Vec<f64> = tail.iter().map(|v| v.ln()).collect();
    let ln_min = x_min.ln();
    #[allow(clippy::cast_precision_loss)]
    let m = ln_x.len() as f64;
    let mean = ln_x.iter().sum::<f64>() / m;
    let sd = (ln_x.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / m)
        .sqrt()
        .max(1e-3);
    let nll = |p: [f64; 2]| {
        let v = -lognormal_loglik(&ln_x, ln_min, p[0], p[1].exp());
        if v.is_finite() { v } else { f64::INFINITY }
    };
    // Two restarts from the best point so far: Nelder–Mead can stall on a ridge.
    let (mut p, mut val, mut ok) = nelder_mead(nll, [mean, sd.ln()], [0.5 * sd, 0.3]);
    for _ in 0..2 {
        let (q, w, k) = nelder_mead(nll, p, [0.1 * sd, 0.05]);
        ok = k && (val - w).abs() <= 1e-10 * w.abs().max(1.0);
        (p, val) = if w <= val { (q, w) } else { (p, val) };
    }
    LognormalFit {
        mu: p[0],
        sigma: p[1].exp(),
        log_likelihood: -val,
        converged: ok,
    }
}

/// Which model Vuong's test favours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Favours {
    /// `R > 0` and `p < 0.1`.
    PowerLaw,
    /// `R < 0` and `p < 0.1`.
    Lognormal,
    /// `p ≥ 0.1`: the sign of `R` could be chance.
    Neither,
}

/// The significance level below which Vuong's test is read as favouring one model (CSN §5.1).
pub const VUONG_LEVEL: f64 = 0.1;

/// Vuong's likelihood-ratio test of the power law against the log-normal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vuong {
    /// `R = Σ (ln p_PL − ln p_LN)` over the tail; positive favours the power law.
    pub log_likelihood_ratio: f64,
    /// `R / (σ̂ √n)`.
    pub normalized_ratio: f64,
    /// Two-sided p-value `erfc(|R| / (σ̂ √(2n)))`.
    pub p_value: f64,
    /// The reading at [`VUONG_LEVEL`].
    pub favours: Favours,
}

/// Vuong's test on the tail of `pl` with the log-normal `ln`.
#[must_use]
pub fn vuong(tail: &[f64], pl: &PowerLawFit, ln: &LognormalFit) -> Vuong {
    let ln_min = pl.x_min.ln();
    let norm = ln_normal_sf((ln_min - ln.mu) / ln.sigma);
    let l: Vec<f64> = tail
        .iter()
        .map(|x| {
            let lx = x.ln();
            let lp = (pl.alpha - 1.0).ln() - ln_min - pl.alpha * (lx - ln_min);
            let zl = (lx - ln.mu) / ln.sigma;
            let ll = -lx - ln.sigma.ln() - LN_SQRT_2PI - 0.5 * zl * zl - norm;
            lp - ll
        })
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let n = l.len() as f64;
    let r: f64 = l.iter().sum();
    let mean = r / n;
    let var = l.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    let p = if var > 0.0 {
        libm::erfc(r.abs() / (2.0 * n * var).sqrt())
    } else {
        1.0
    };
    let favours = match (p < VUONG_LEVEL, r > 0.0) {
        (false, _) => Favours::Neither,
        (true, true) => Favours::PowerLaw,
        (true, false) => Favours::Lognormal,
    };
    Vuong {
        log_likelihood_ratio: r,
        normalized_ratio: if var > 0.0 { r / (n * var).sqrt() } else { 0.0 },
        p_value: p,
        favours,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_tail_matches_known_values() {
        // Q(1.96) = 0.0249979, Q(35) by the series vs a direct evaluation in logs.
        assert!((ln_normal_sf(1.959_963_984_540_054).exp() - 0.025).abs() < 1e-12);
        assert!((ln_normal_sf(-3.0).exp() - 0.998_650_101_968_369_9).abs() < 1e-14);
        let z: f64 = 29.999;
        let (a, b) = (ln_normal_sf(z), ln_normal_sf(30.0));
        assert!((a - b).abs() < 0.031, "continuity at the switch: {a} {b}");
    }

    #[test]
    fn lognormal_fit_recovers_untruncated_parameters() {
        // Quantiles of a log-normal(3, 1) above its median: a truncated sample at e^3.
        let tail: Vec<f64> = (1..=400)
            .map(|i| {
                let u = 0.5 + 0.5 * (f64::from(i) - 0.5) / 400.0;
                (3.0 + inverse_normal(u)).exp()
            })
            .collect();
        let f = fit_lognormal_tail(&tail, 3f64.exp());
        assert!(f.converged);
        assert!(
            (f.mu - 3.0).abs() < 0.05 && (f.sigma - 1.0).abs() < 0.05,
            "{f:?}"
        );
    }

    /// Bisection on the normal CDF, for the test only.
    fn inverse_normal(p: f64) -> f64 {
        let (mut lo, mut hi) = (-10.0, 10.0);
        for _ in 0..200 {
            let mid = 0.5 * (lo + hi);
            if 1.0 - ln_normal_sf(mid).exp() < p {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        0.5 * (lo + hi)
    }
}
