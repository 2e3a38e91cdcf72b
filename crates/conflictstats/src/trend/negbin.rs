//! The negative binomial (NB2) log-linear trend: counts with variance `μ + αμ²`.
//!
//! Conflict counts are often *overdispersed*: they vary more from year to year than Poisson
//! noise around a trend would. NB2 adds a dispersion `α ≥ 0` (α = 0 is Poisson). The fit is the
//! joint maximum likelihood of `(intercept, slope, α)` — the estimate statsmodels' discrete
//! `NegativeBinomial(y, X, loglike_method="nb2")` returns, which is the reference the tests
//! match. It is computed by profiling: for a given α the mean is a GLM fit (IRLS with weights
//! `μ/(1+αμ)`), and α̂ is the root of the α-score along that profile (Brent's method). Standard
//! errors come from the inverse observed information in `(intercept, slope, α)`.
//!
//! When the α-score at α = 0, `½ Σ[(y − μ̂)² − y]` at the Poisson fit, is not positive, the
//! likelihood over α ≥ 0 is largest at α = 0: the counts are not overdispersed around the
//! trend, the NB fit *is* the Poisson fit, and `alpha_at_boundary` is set (statsmodels'
//! unconstrained optimiser has no answer there: α would go negative).

use super::glm::{Design, Z_95, doubling, finite, irls_log, poisson_from_design};
use super::special::{brent_root, digamma, ln_gamma, trigamma};
use crate::error::{Error, Result};
use serde::Serialize;

/// Log-linear negative binomial (NB2) regression of count on year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NegBinFit {
    /// The mean year of the window, where `intercept` is evaluated.
    pub center_year: f64,
    /// `ln` of the fitted count at `center_year`.
    pub intercept: f64,
    /// Slope of `ln(count)` per year.
    pub slope: f64,
    /// Its standard error (inverse observed information in intercept, slope and α).
    pub slope_se: f64,
    /// Annual growth rate `exp(slope) − 1`.
    pub growth_rate: f64,
    /// Lower end of the 95 % Wald interval of the growth rate.
    pub ci_low: f64,
    /// Upper end of the 95 % Wald interval of the growth rate.
    pub ci_high: f64,
    /// `ln 2 / slope` in years; `None` unless the fit grows.
    pub doubling_time_years: Option<f64>,
    /// Shortest doubling time in the Wald interval.
    pub doubling_ci_low: Option<f64>,
    /// Longest doubling time in the Wald interval (`None`: unbounded or no growth).
    pub doubling_ci_high: Option<f64>,
    /// The dispersion α (variance `μ + αμ²`); 0 at the boundary.
    pub alpha: f64,
    /// Standard error of α; `None` at the boundary.
    pub alpha_se: Option<f64>,
    /// α̂ = 0: no overdispersion around the trend; the fit equals the Poisson fit.
    pub alpha_at_boundary: bool,
    /// Maximised log-likelihood.
    pub log_likelihood: f64,
    /// `−2 log L + 2·3` (intercept, slope, α).
    pub aic: f64,
}

/// Above this count the sums over `k < y` are replaced by ln Γ / digamma / trigamma.
const DIRECT_MAX: f64 = 100_000.0;

/// `Σ_{k<y} ln(1+kα)`, `Σ_{k<y} k/(1+kα)`, `Σ_{k<y} k²/(1+kα)²` for a whole `y`.
fn gamma_sums(y: f64, alpha: f64, direct: bool) -> (f64, f64, f64) {
    if direct {
        let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
        let mut k = 1.0;
        while k < y {
            let q = 1.0 + k * alpha;
            s0 += (k * alpha).ln_1p();
            s1 += k / q;
            s2 += (k / q) * (k / q);
            k += 1.0;
        }
        return (s0, s1, s2);
    }
    let th = 1.0 / alpha;
    let dpsi = digamma(y + th) - digamma(th);
    let dpsi1 = trigamma(y + th) - trigamma(th);
    let s0 = ln_gamma(y + th) - ln_gamma(th) + y * alpha.ln();
    let s1 = y * th - dpsi * th * th;
    let s2 = y * th * th - th.powi(4) * dpsi1 - 2.0 * th.powi(3) * dpsi;
    (s0, s1, s2)
}

/// `(ln(1+u) − u/(1+u)) / u²` and `(2u/(1+u) + u²/(1+u)² − 2 ln(1+u)) / u³`, by their power
/// series for small `u` (where the direct forms cancel).
fn h_k(u: f64) -> (f64, f64) {
    if u < 0.1 {
        let (mut h, mut k) = (0.0, 0.0);
        let mut ph = 1.0; // u^(n−2)
        let mut pk = 1.0; // u^(n−3)
        for n in 2..44 {
            let nf = f64::from(n);
            let sign = if n % 2 == 0 { 1.0 } else { -1.0 };
            h += sign * (nf - 1.0) / nf * ph;
            ph *= u;
            if n >= 3 {
                k += sign * (nf - 1.0) * (nf - 2.0) / nf * pk;
                pk *= u;
            }
        }
        return (h, k);
    }
    let l = u.ln_1p();
    let q = 1.0 + u;
    let h = (l - u / q) / (u * u);
    let k = (2.0 * u / q + (u / q) * (u / q) - 2.0 * l) / (u * u * u);
    (h, k)
}

/// Per-observation pieces at mean `mu` and dispersion `alpha > 0`:
/// `(log-lik, ∂/∂α, ∂²/∂α², ∂²/∂η², ∂²/∂η∂α)`.
fn nb_obs(y: f64, mu: f64, alpha: f64) -> (f64, f64, f64, f64, f64) {
    let (s0, s1, s2) = gamma_sums(y, alpha, y <= DIRECT_MAX);
    let u = alpha * mu;
    let q = 1.0 + u;
    let l = u.ln_1p();
    let log_term = if y > 0.0 { y * mu.ln() } else { 0.0 };
    let lu = if u < 1e-8 { 1.0 - u / 2.0 } else { l / u };
    let ll = s0 - ln_gamma(y + 1.0) + log_term - y * l - mu * lu;
    let (h, k) = h_k(u);
    let d_a = s1 + mu * mu * h - y * mu / q;
    let d_aa = -s2 + mu * mu * mu * k + y * mu * mu / (q * q);
    let d_ee = -mu * (1.0 + alpha * y) / (q * q);
    let d_ea = -(y - mu) * mu / (q * q);
    (ll, d_a, d_aa, d_ee, d_ea)
}

/// Fits the NB2 log-linear model to `counts` by `years`.
///
/// ```
/// use conflictstats::trend::fit_negbin;
///
/// let years: Vec<i32> = (2001..=2020).collect();
/// let counts = [9.0, 2., 0., 4., 1., 5., 0., 8., 4., 6., 12., 7., 9., 15., 11., 20., 14., 25., 18., 30.];
/// let nb = fit_negbin(&years, &counts)?;
/// assert!(nb.alpha > 0.0 && !nb.alpha_at_boundary); // overdispersed
/// # Ok::<(), conflictstats::Error>(())
/// ```
///
/// # Errors
/// As [`fit_poisson`](super::fit_poisson); also if the dispersion cannot be estimated.
pub fn fit_negbin(years: &[i32], counts: &[f64]) -> Result<NegBinFit> {
    let d = Design::new(years, counts)?;
    d.check_loglinear_exists()?;
    negbin_from_design(&d)
}

pub(crate) fn negbin_from_design(d: &Design) -> Result<NegBinFit> {
    let p = poisson_from_design(d)?;
    let (x, y) = (&d.x, &d.y);
    let mu_p: Vec<f64> = x
        .iter()
        .map(|x| (p.intercept + p.slope * x).exp())
        .collect();
    let score0: f64 = y
        .iter()
        .zip(&mu_p)
        .map(|(y, m)| 0.5 * ((y - m) * (y - m) - y))
        .sum();
    if score0 <= 0.0 {
        return Ok(NegBinFit {
            center_year: p.center_year,
            intercept: p.intercept,
            slope: p.slope,
            slope_se: p.slope_se,
            growth_rate: p.growth_rate,
            ci_low: p.ci_low,
            ci_high: p.ci_high,
            doubling_time_years: p.doubling_time_years,
            doubling_ci_low: p.doubling_ci_low,
            doubling_ci_high: p.doubling_ci_high,
            alpha: 0.0,
            alpha_se: None,
            alpha_at_boundary: true,
            log_likelihood: p.log_likelihood,
            aic: p.aic + 2.0,
        });
    }
    let no_fit = || Error::spec("the negative binomial fit did not converge");
    let mut beta = (p.intercept, p.slope);
    // The α-score along the profile: ∂ℓ/∂α at the mean fitted for that α.
    let mut profile_score = |alpha: f64| -> f64 {
        match irls_log(x, y, alpha, Some(beta)) {
            Some((a, b, _)) => {
                beta = (a, b);
                x.iter()
                    .zip(y)
                    .map(|(x, &y)| nb_obs(y, (a + b * x).exp(), alpha).1)
                    .sum()
            }
            None => f64::NAN,
        }
    };
    let mut lo = 0.0;
    let mut hi = 0.01;
    let mut f_hi = profile_score(hi);
    while f_hi > 0.0 {
        lo = hi;
        hi *= 4.0;
        if hi > 1e8 {
            return Err(Error::spec(
                "the negative binomial dispersion diverges (the counts are too erratic around any log-linear trend)",
            ));
        }
        f_hi = profile_score(hi);
    }
    let f_lo = if lo == 0.0 { score0 } else { profile_score(lo) };
    let alpha =
        brent_root(&mut profile_score, lo, hi, f_lo, f_hi, 1e-15 * hi).ok_or_else(no_fit)?;
    let (a, b, _) = irls_log(x, y, alpha, Some(beta)).ok_or_else(no_fit)?;
    // Observed information in (intercept, slope, α).
    let mut h = [[0.0f64; 3]; 3];
    let mut ll = 0.0;
    for (xi, &yi) in x.iter().zip(y) {
        let mu = (a + b * xi).exp();
        let (l, _, d_aa, d_ee, d_ea) = nb_obs(yi, mu, alpha);
        ll += l;
        let g = [1.0, *xi];
        for r in 0..2 {
            for c in 0..2 {
                h[r][c] -= d_ee * g[r] * g[c];
            }
            h[r][2] -= d_ea * g[r];
        }
        h[2][2] -= d_aa;
    }
    h[2][0] = h[0][2];
    h[2][1] = h[1][2];
    let cov = invert3(&h).ok_or_else(|| {
        Error::spec("the negative binomial information matrix is singular at the fit")
    })?;
    let se = finite(cov[1][1].max(0.0).sqrt(), "the slope's standard error")?;
    if se == 0.0 {
        return Err(no_fit());
    }
    let alpha_se = (cov[2][2] > 0.0).then(|| cov[2][2].sqrt());
    let (lo, hi) = (b - Z_95 * se, b + Z_95 * se);
    let (t, t_lo, t_hi) = doubling(b, lo, hi);
    Ok(NegBinFit {
        center_year: d.center,
        intercept: finite(a, "the intercept")?,
        slope: finite(b, "the slope")?,
        slope_se: se,
        growth_rate: finite(b.exp_m1(), "the growth rate")?,
        ci_low: finite(lo.exp_m1(), "the growth rate's lower bound")?,
        ci_high: finite(hi.exp_m1(), "the growth rate's upper bound")?,
        doubling_time_years: t,
        doubling_ci_low: t_lo,
        doubling_ci_high: t_hi,
        alpha: finite(alpha, "the dispersion")?,
        alpha_se,
        alpha_at_boundary: false,
        log_likelihood: finite(ll, "the log-likelihood")?,
        aic: -2.0 * ll + 6.0,
    })
}

fn invert3(m: &[[f64; 3]; 3]) -> Option<[[f64; 3]; 3]> {
    let c =
        |r0: usize, r1: usize, c0: usize, c1: usize| m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0];
    let adj = [
        [c(1, 2, 1, 2), -c(0, 2, 1, 2), c(0, 1, 1, 2)],
        [-c(1, 2, 0, 2), c(0, 2, 0, 2), -c(0, 1, 0, 2)],
        [c(1, 2, 0, 1), -c(0, 2, 0, 1), c(0, 1, 0, 1)],
    ];
    let det = m[0][0] * adj[0][0] + m[0][1] * adj[1][0] + m[0][2] * adj[2][0];
    if det == 0.0 || !det.is_finite() {
        return None;
    }
    let mut out = [[0.0; 3]; 3];
    for r in 0..3 {
        for col in 0..3 {
            out[r][col] = adj[r][col] / det;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    /// The analytic derivatives of one observation's log-likelihood against central finite
    /// differences (η = ln μ).
    #[test]
    fn derivatives_match_finite_differences() {
        for &(y, mu, alpha) in &[
            (0.0, 3.0, 0.2),
            (7.0, 4.5, 0.03),
            (61.0, 48.0, 0.0155),
            (3.0, 2.0, 1.5),
        ] {
            let (_, d_a, d_aa, d_ee, d_ea) = nb_obs(y, mu, alpha);
            let ll = |eta: f64, a: f64| nb_obs(y, eta.exp(), a).0;
            let (e, h) = (f64::ln(mu), 1e-5);
            let fd_a = (ll(e, alpha + h * alpha) - ll(e, alpha - h * alpha)) / (2.0 * h * alpha);
            let fd_aa = (nb_obs(y, mu, alpha * (1.0 + h)).1 - nb_obs(y, mu, alpha * (1.0 - h)).1)
                / (2.0 * h * alpha);
            let score_e = |eta: f64, a: f64| (ll(eta + 1e-6, a) - ll(eta - 1e-6, a)) / 2e-6;
            let fd_ee = (score_e(e + h, alpha) - score_e(e - h, alpha)) / (2.0 * h);
            let fd_ea =
                (nb_obs(y, (e + h).exp(), alpha).1 - nb_obs(y, (e - h).exp(), alpha).1) / (2.0 * h);
            assert_relative_eq!(d_a, fd_a, max_relative = 1e-6, epsilon = 1e-8);
            assert_relative_eq!(d_aa, fd_aa, max_relative = 1e-6, epsilon = 1e-6);
            assert_relative_eq!(d_ee, fd_ee, max_relative = 1e-4, epsilon = 1e-5);
            assert_relative_eq!(d_ea, fd_ea, max_relative = 1e-6, epsilon = 1e-8);
            // ∂ℓ/∂η = (y − μ)/(1 + αμ)
            let s = score_e(e, alpha);
            assert_relative_eq!(
                s,
                (y - mu) / (1.0 + alpha * mu),
                max_relative = 1e-7,
                epsilon = 1e-7
            );
        }
    }

    #[test]
    fn sums_agree_with_the_special_function_forms() {
        for &(y, alpha) in &[(1.0, 0.5), (50.0, 0.03), (3000.0, 0.001), (12.0, 2.0)] {
            let a = gamma_sums(y, alpha, true);
            let b = gamma_sums(y, alpha, false);
            assert_relative_eq!(a.0, b.0, max_relative = 1e-10, epsilon = 1e-12);
            assert_relative_eq!(a.1, b.1, max_relative = 1e-9, epsilon = 1e-12);
            assert_relative_eq!(a.2, b.2, max_relative = 1e-7, epsilon = 1e-10);
        }
    }

    #[test]
    fn series_and_direct_forms_meet() {
        let (h1, k1) = h_k(0.099_999_999);
        let (h2, k2) = h_k(0.100_000_001);
        assert_relative_eq!(h1, h2, max_relative = 1e-7);
        assert_relative_eq!(k1, k2, max_relative = 1e-7);
        let (h0, k0) = h_k(0.0);
        assert_eq!((h0, k0), (0.5, -2.0 / 3.0));
    }

    /// The Poisson limit: as α → 0 the NB log-likelihood tends to the Poisson one, and the
    /// α-score to ½[(y − μ)² − y].
    #[test]
    fn poisson_limit() {
        let (y, mu) = (9.0, 6.5);
        let pois = y * f64::ln(mu) - mu - ln_gamma(y + 1.0);
        let (ll, d_a, ..) = nb_obs(y, mu, 1e-9);
        assert_relative_eq!(ll, pois, max_relative = 1e-7);
        assert_relative_eq!(d_a, 0.5 * ((y - mu) * (y - mu) - y), max_relative = 1e-6);
    }
}
