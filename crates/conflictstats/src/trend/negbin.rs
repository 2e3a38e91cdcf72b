//! The negative binomial (NB2) log-linear trend: counts with variance `μ + αμ²`.
//!
//! Conflict counts are often *overdispersed*: they vary more from year to year than Poisson
//! noise around a trend would. NB2 adds a dispersion `α ≥ 0` (α = 0 is Poisson). The fit is the
//! joint maximum likelihood of `(intercept, slope, α)` — the estimate statsmodels' discrete
//! `NegativeBinomial(y, X, loglike_method="nb2")` returns, which is the reference the tests
//! match. It is computed by profiling: for a given α the mean `(intercept, slope)` maximising
//! the likelihood is found by Newton–Raphson (the log-likelihood is concave in it for fixed α),
//! and α̂ is the root of the α-score `S(α)` along that profile, found by Newton's method on
//! `S` — its derivative `ℓ_αα − ℓ_αβ ℓ_ββ⁻¹ ℓ_βα` comes from the same second derivatives as
//! the standard errors — from the method-of-moments α of the Poisson fit, safeguarded by a
//! bracket of the root (bisection when a step leaves it). Each α's mean starts from the last
//! one moved along the profile's tangent `dβ/dα`. The sums over `k < y` in the likelihood's
//! α-derivatives are prefixes of one sum: a single sweep up to the largest count gives them for
//! every year. Standard errors come from the inverse observed information in
//! `(intercept, slope, α)`.
//!
//! When the α-score at α = 0, `½ Σ[(y − μ̂)² − y]` at the Poisson fit, is not positive, the
//! likelihood over α ≥ 0 is largest at α = 0: the counts are not overdispersed around the
//! trend, the NB fit *is* the Poisson fit, and `alpha_at_boundary` is set (statsmodels'
//! unconstrained optimiser has no answer there: α would go negative).

use super::glm::{Design, Normal2, Z_95, doubling, finite, irls_log, poisson_without_profile};
use super::special::{digamma, ln_gamma, trigamma};
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

/// The indices of `y` in increasing order of count, for [`gamma_sums_sweep`].
fn count_order(y: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..y.len()).collect();
    order.sort_by(|&i, &j| y[i].total_cmp(&y[j]));
    order
}

/// [`gamma_sums`] of every observation at `alpha` into `out` (`s0` only if `LOG`, else 0).
///
/// The sums over `k < y` of the counts up to [`DIRECT_MAX`] are prefixes of one sum over
/// `k = 1, 2, …`: sweeping `k` once up to the largest count, in the `order` of
/// [`count_order`], costs `max y` terms instead of `Σ y`, and adds the same terms in the same
/// order as the per-observation loop (so the sums are the same to the last bit).
fn gamma_sums_sweep<const LOG: bool>(
    y: &[f64],
    order: &[usize],
    alpha: f64,
    out: &mut [(f64, f64, f64)],
) {
    let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
    let mut k = 1.0;
    for &i in order {
        let yi = y[i];
        if yi > DIRECT_MAX {
            let (t0, t1, t2) = gamma_sums(yi, alpha, false);
            out[i] = (if LOG { t0 } else { 0.0 }, t1, t2);
            continue;
        }
        while k < yi {
            let q = 1.0 + k * alpha;
            if LOG {
                s0 += (k * alpha).ln_1p();
            }
            s1 += k / q;
            s2 += (k / q) * (k / q);
            k += 1.0;
        }
        out[i] = (s0, s1, s2);
    }
}

/// One observation's log-likelihood at mean `mu` and dispersion `alpha > 0`, given
/// `s0 = Σ_{k<y} ln(1+kα)` (see [`gamma_sums`]).
fn nb_loglik(y: f64, mu: f64, alpha: f64, s0: f64) -> f64 {
    let u = alpha * mu;
    let l = u.ln_1p();
    let log_term = if y > 0.0 { y * mu.ln() } else { 0.0 };
    let lu = if u < 1e-8 { 1.0 - u / 2.0 } else { l / u };
    s0 - ln_gamma(y + 1.0) + log_term - y * l - mu * lu
}

/// One observation's derivatives `(∂/∂α, ∂²/∂α², ∂²/∂η², ∂²/∂η∂α)` at mean `mu` and
/// dispersion `alpha > 0`, given `s1` and `s2` of [`gamma_sums`].
fn nb_derivatives(y: f64, mu: f64, alpha: f64, s1: f64, s2: f64) -> (f64, f64, f64, f64) {
    let u = alpha * mu;
    let q = 1.0 + u;
    let (h, k) = h_k(u);
    let d_a = s1 + mu * mu * h - y * mu / q;
    let d_aa = -s2 + mu * mu * mu * k + y * mu * mu / (q * q);
    let d_ee = -mu * (1.0 + alpha * y) / (q * q);
    let d_ea = -(y - mu) * mu / (q * q);
    (d_a, d_aa, d_ee, d_ea)
}

/// Per-observation pieces at mean `mu` and dispersion `alpha > 0`:
/// `(log-lik, ∂/∂α, ∂²/∂α², ∂²/∂η², ∂²/∂η∂α)`.
#[cfg(test)]
fn nb_obs(y: f64, mu: f64, alpha: f64) -> (f64, f64, f64, f64, f64) {
    let (s0, s1, s2) = gamma_sums(y, alpha, y <= DIRECT_MAX);
    let (d_a, d_aa, d_ee, d_ea) = nb_derivatives(y, mu, alpha, s1, s2);
    (nb_loglik(y, mu, alpha, s0), d_a, d_aa, d_ee, d_ea)
}

/// The maximum-likelihood mean `(a, b)` of `exp(a + b·x)` at a fixed dispersion `alpha > 0`,
/// from `start`.
///
/// Newton–Raphson: for fixed α the NB2 log-likelihood is concave in `(a, b)` (its second
/// derivative in `η = ln μ` is `−μ(1+αy)/(1+αμ)² < 0`), and Newton converges quadratically
/// where Fisher scoring ([`irls_log`], weights `μ/(1+αμ)`) only converges linearly — the log
/// link is not NB2's canonical link. Stops when the fitted `η` move by at most 1e-12; falls
/// back to Fisher scoring from `start` if Newton fails.
fn fit_mean(x: &[f64], y: &[f64], alpha: f64, start: (f64, f64)) -> Option<(f64, f64)> {
    let (x_min, x_max) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let (mut a, mut b) = start;
    for _ in 0..MAX_MEAN_STEPS {
        let mut n = Normal2::default();
        for (&xi, &yi) in x.iter().zip(y) {
            let mu = (a + b * xi).exp();
            let q = 1.0 + alpha * mu;
            n.add(xi, mu * (1.0 + alpha * yi) / (q * q), (yi - mu) / q);
        }
        let Some((da, db)) = n.solve() else {
            break;
        };
        a += da;
        b += db;
        // η = a + b·x moves most, and is largest, at an end of the years.
        let change = (da + db * x_min).abs().max((da + db * x_max).abs());
        if !change.is_finite() || (a + b * x_min).max(a + b * x_max) > 700.0 {
            break;
        }
        if change <= 1e-12 {
            return Some((a, b));
        }
    }
    irls_log(x, y, alpha, Some(start)).map(|(a, b, _)| (a, b))
}

/// Most Newton steps of [`fit_mean`] before it falls back to Fisher scoring.
const MAX_MEAN_STEPS: u32 = 50;

/// The NB2 likelihood along its profile in α: for each α the mean `(intercept, slope)` that
/// maximises it, and there the α-score and its derivative. Each mean is fitted from the last
/// one moved along the profile's tangent `dβ/dα`.
struct Profile<'a> {
    x: &'a [f64],
    y: &'a [f64],
    order: Vec<usize>,
    sums: Vec<(f64, f64, f64)>,
    /// The last α, its mean, and `dβ/dα` there.
    alpha: f64,
    beta: (f64, f64),
    tangent: (f64, f64),
}

impl Profile<'_> {
    /// The mean at `alpha`.
    fn mean(&self, alpha: f64) -> Option<(f64, f64)> {
        let step = alpha - self.alpha;
        let start = (
            self.beta.0 + self.tangent.0 * step,
            self.beta.1 + self.tangent.1 * step,
        );
        fit_mean(self.x, self.y, alpha, start)
    }

    /// `(S(α), S′(α))`, where `S(α) = ∂ℓ/∂α` at the mean fitted for α and
    /// `S′ = ℓ_αα − ℓ_αβ ℓ_ββ⁻¹ ℓ_βα` is its total derivative along the profile; `None` if the
    /// mean does not converge or the derivatives are not finite.
    fn score(&mut self, alpha: f64) -> Option<(f64, f64)> {
        let (a, b) = self.mean(alpha)?;
        gamma_sums_sweep::<false>(self.y, &self.order, alpha, &mut self.sums);
        let (mut s, mut s_aa) = (0.0, 0.0);
        // H = ℓ_ββ (negated), g = ℓ_βα.
        let mut n = Normal2::default();
        for ((&xi, &yi), &(_, s1, s2)) in self.x.iter().zip(self.y).zip(&self.sums) {
            let mu = (a + b * xi).exp();
            let (d_a, d_aa, d_ee, d_ea) = nb_derivatives(yi, mu, alpha, s1, s2);
            s += d_a;
            s_aa += d_aa;
            n.add(xi, d_ee, d_ea);
        }
        // dβ/dα = −ℓ_ββ⁻¹ ℓ_βα (differentiating ℓ_β(β(α), α) = 0).
        let (t0, t1) = n.step();
        let tangent = (-t0, -t1);
        let slope = s_aa + n.g0 * tangent.0 + n.g1 * tangent.1;
        if !(s.is_finite() && slope.is_finite()) {
            return None;
        }
        (self.alpha, self.beta, self.tangent) = (alpha, (a, b), tangent);
        Some((s, slope))
    }
}

/// Above this α with the α-score still positive, the fit is declared divergent.
const ALPHA_MAX: f64 = 1e8;

/// Most α-steps of the profile search.
const MAX_NEWTON: u32 = 200;

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
    let p = poisson_without_profile(d)?;
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
    let diverges = || {
        Error::spec(
            "the negative binomial dispersion diverges (the counts are too erratic around any log-linear trend)",
        )
    };
    let mut profile = Profile {
        x,
        y,
        order: count_order(y),
        sums: vec![(0.0, 0.0, 0.0); y.len()],
        alpha: 0.0,
        beta: (p.intercept, p.slope),
        tangent: (0.0, 0.0),
    };
    // Start at the method-of-moments dispersion of the Poisson fit, E[(y − μ)² − y] = αμ²
    // (positive exactly when the α-score at 0 is), then Newton on the profile α-score with a
    // bracket [lo, hi] of its sign change: a step that leaves the bracket, or where the
    // profile is not concave, is replaced by bisection (or by ×4 / ÷4 while a side is open).
    let mu2: f64 = mu_p.iter().map(|m| m * m).sum();
    let mut alpha = 2.0 * score0 / mu2;
    let (mut lo, mut hi) = (0.0, f64::INFINITY);
    let mut converged = false;
    for _ in 0..MAX_NEWTON {
        let (s, ds) = profile.score(alpha).ok_or_else(no_fit)?;
        if s == 0.0 {
            converged = true;
            break;
        }
        if s > 0.0 {
            lo = alpha;
        } else {
            hi = alpha;
        }
        // At most ×4 per step while no α with a negative score is known.
        let newton = (alpha - s / ds).min(4.0 * alpha);
        let use_newton = ds < 0.0 && newton > lo && newton < hi;
        let next = if use_newton {
            newton
        } else if hi.is_infinite() {
            4.0 * alpha
        } else if lo == 0.0 {
            0.25 * hi
        } else {
            0.5 * (lo + hi)
        };
        if next > ALPHA_MAX && hi.is_infinite() {
            return Err(diverges());
        }
        let step = (next - alpha).abs();
        alpha = next;
        // Quadratic convergence: a Newton step of relative size δ leaves an error of order δ².
        if (use_newton && step <= 1e-9 * alpha) || hi - lo <= 4.0 * f64::EPSILON * lo {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(no_fit());
    }
    let (a, b) = profile.mean(alpha).ok_or_else(no_fit)?;
    let mut sums = profile.sums;
    gamma_sums_sweep::<true>(y, &profile.order, alpha, &mut sums);
    // Observed information in (intercept, slope, α).
    let mut h = [[0.0f64; 3]; 3];
    let mut ll = 0.0;
    for ((xi, &yi), &(s0, s1, s2)) in x.iter().zip(y).zip(&sums) {
        let mu = (a + b * xi).exp();
        let (_, d_aa, d_ee, d_ea) = nb_derivatives(yi, mu, alpha, s1, s2);
        ll += nb_loglik(yi, mu, alpha, s0);
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

    /// The sweep adds the same terms in the same order as the per-observation sums.
    #[test]
    fn sweep_gives_each_observations_sums_exactly() {
        let y = [
            61.0, 0.0, 7.0, 1.0, 2.0, 150_000.0, 7.0, 2.0, 3.0, 200_000.0, 61.0, 0.0,
        ];
        let order = count_order(&y);
        let mut with_log = vec![(f64::NAN, f64::NAN, f64::NAN); y.len()];
        let mut without = with_log.clone();
        for alpha in [0.0155, 0.5, 2.0, 1e-7] {
            gamma_sums_sweep::<true>(&y, &order, alpha, &mut with_log);
            gamma_sums_sweep::<false>(&y, &order, alpha, &mut without);
            for (i, &yi) in y.iter().enumerate() {
                let want = gamma_sums(yi, alpha, yi <= DIRECT_MAX);
                assert_eq!(with_log[i], want, "y = {yi}, α = {alpha}");
                assert_eq!(without[i], (0.0, want.1, want.2), "y = {yi}, α = {alpha}");
            }
        }
    }

    /// Newton for the mean at a fixed α reaches Fisher scoring's fixed point.
    #[test]
    fn mean_fit_agrees_with_fisher_scoring() {
        let x: Vec<f64> = (0..20).map(|i| f64::from(i) - 9.5).collect();
        let y = [
            9.0, 2., 0., 4., 1., 5., 0., 8., 4., 6., 12., 7., 9., 15., 11., 20., 14., 25., 18., 30.,
        ];
        for alpha in [0.001, 0.0307, 0.5, 3.0] {
            let (a, b) = fit_mean(&x, &y, alpha, (2.0, 0.1)).unwrap();
            let (a0, b0, _) = irls_log(&x, &y, alpha, Some((2.0, 0.1))).unwrap();
            assert_relative_eq!(a, a0, max_relative = 1e-11);
            assert_relative_eq!(b, b0, max_relative = 1e-10);
            // The score in the mean vanishes.
            let (g0, g1) = x.iter().zip(&y).fold((0.0, 0.0), |(g0, g1), (xi, yi)| {
                let mu = (a + b * xi).exp();
                let r = (yi - mu) / (1.0 + alpha * mu);
                (g0 + r, g1 + r * xi)
            });
            assert!(g0.abs() < 1e-10 && g1.abs() < 1e-9, "{g0} {g1}");
        }
    }

    /// The profile α-score's derivative against central differences of the score itself.
    #[test]
    fn profile_slope_matches_finite_differences() {
        let x: Vec<f64> = (0..20).map(|i| f64::from(i) - 9.5).collect();
        let y = [
            9.0, 2., 0., 4., 1., 5., 0., 8., 4., 6., 12., 7., 9., 15., 11., 20., 14., 25., 18., 30.,
        ];
        let mut profile = Profile {
            x: &x,
            y: &y,
            order: count_order(&y),
            sums: vec![(0.0, 0.0, 0.0); y.len()],
            alpha: 0.0,
            beta: (2.0, 0.13),
            tangent: (0.0, 0.0),
        };
        for alpha in [0.01, 0.0307, 0.2] {
            let h = 1e-6 * alpha;
            let (_, slope) = profile.score(alpha).unwrap();
            let (up, _) = profile.score(alpha + h).unwrap();
            let (down, _) = profile.score(alpha - h).unwrap();
            assert_relative_eq!(slope, (up - down) / (2.0 * h), max_relative = 1e-5);
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
