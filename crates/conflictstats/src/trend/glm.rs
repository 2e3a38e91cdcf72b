//! Poisson regressions of a yearly count on the year: the log-linear (exponential) mean model
//! and the linear (identity-link) one, fitted by iteratively reweighted least squares (IRLS).
//!
//! Both models have two parameters, an intercept and a slope on the **centred** year
//! `x = year − mean(year)` (for numerical stability); the slope is reported on the year scale,
//! so for the log-linear model `exp(slope) − 1` is the annual growth rate.

use super::special::{brent_root, ln_gamma};
use crate::error::{Error, Result};
use serde::Serialize;

/// The 0.975 quantile of the standard normal distribution (two-sided 95 % intervals).
pub const Z_95: f64 = 1.959_963_984_540_054;
/// The 0.95 quantile of χ² with 1 degree of freedom, `Z_95²`.
pub const CHI2_1_95: f64 = Z_95 * Z_95;

const MAX_ITER: u32 = 500;

/// A validated series: the centred years and the counts.
#[derive(Debug, Clone)]
pub(crate) struct Design {
    pub center: f64,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
}

impl Design {
    /// Checks a series: same lengths, at least two years, years strictly increasing, counts
    /// whole, finite and non-negative. Years may have gaps (the regression is on the year).
    pub fn new(years: &[i32], counts: &[f64]) -> Result<Design> {
        if years.len() != counts.len() {
            return Err(Error::spec(format!(
                "{} years but {} counts",
                years.len(),
                counts.len()
            )));
        }
        if years.len() < 2 {
            return Err(Error::spec(format!(
                "a trend needs at least two years, got {}",
                years.len()
            )));
        }
        for w in years.windows(2) {
            if w[1] <= w[0] {
                return Err(Error::spec(format!(
                    "years must be strictly increasing; {} follows {}",
                    w[1], w[0]
                )));
            }
        }
        for (y, c) in years.iter().zip(counts) {
            if !c.is_finite() || *c < 0.0 || c.fract() != 0.0 || *c > 1e15 {
                return Err(Error::spec(format!(
                    "the count of {y} is {c}; expected a whole number ≥ 0"
                )));
            }
        }
        let n = years.len() as f64;
        let center = years.iter().map(|&y| f64::from(y)).sum::<f64>() / n;
        Ok(Design {
            center,
            x: years.iter().map(|&y| f64::from(y) - center).collect(),
            y: counts.to_vec(),
        })
    }

    /// Errors unless the log-linear maximum-likelihood estimate exists: some count is positive
    /// and the count-weighted mean year lies strictly inside the span of the years (otherwise
    /// the fitted growth is ±∞, e.g. all counts but the last are zero).
    pub fn check_loglinear_exists(&self) -> Result<()> {
        let total: f64 = self.y.iter().sum();
        if total <= 0.0 {
            return Err(Error::spec(
                "every count in the window is 0: a log-linear growth rate is undefined",
            ));
        }
        if !loglinear_exists(&self.x, &self.y) {
            return Err(Error::spec(
                "all the events in the window fall in its first or last year: the fitted growth rate would be infinite (no finite log-linear fit)",
            ));
        }
        Ok(())
    }
}

pub(crate) fn loglinear_exists(x: &[f64], y: &[f64]) -> bool {
    let total: f64 = y.iter().sum();
    if total <= 0.0 {
        return false;
    }
    let xy: f64 = x.iter().zip(y).map(|(x, y)| x * y).sum::<f64>() / total;
    let (lo, hi) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    let tol = 1e-12 * (hi - lo);
    xy > lo + tol && xy < hi - tol
}

/// Log-link IRLS for the mean `exp(a + b x)` with NB2 variance `μ + αμ²` (Poisson when
/// `alpha` is 0). Returns `(a, b, iterations)`, or `None` if it does not converge.
///
/// Each step is the 2×2 weighted least-squares solve with weights `w = μ/(1+αμ)` and working
/// response `z = η + (y − μ)/μ`, its sums accumulated in the same pass as `μ`.
pub(crate) fn irls_log(
    x: &[f64],
    y: &[f64],
    alpha: f64,
    start: Option<(f64, f64)>,
) -> Option<(f64, f64, u32)> {
    let mut eta: Vec<f64> = match start {
        Some((a, b)) => x.iter().map(|x| a + b * x).collect(),
        None => {
            let mean = y.iter().sum::<f64>() / x.len() as f64;
            y.iter().map(|y| (0.5 * (y + mean)).ln()).collect()
        }
    };
    for iter in 1..=MAX_ITER {
        let (mut s0, mut s1, mut s2, mut t0, mut t1) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for ((&e, &xi), &yi) in eta.iter().zip(x).zip(y) {
            let mu = e.exp();
            let w = mu / (1.0 + alpha * mu);
            let z = e + (yi - mu) / mu;
            let wx = w * xi;
            s0 += w;
            s1 += wx;
            s2 += wx * xi;
            t0 += w * z;
            t1 += wx * z;
        }
        let det = s0 * s2 - s1 * s1;
        if det.is_nan() || det <= 0.0 || det.is_infinite() {
            return None;
        }
        let (a, b) = ((s2 * t0 - s1 * t1) / det, (s0 * t1 - s1 * t0) / det);
        let mut change = 0.0f64;
        let mut overflow = false;
        for (eta, xi) in eta.iter_mut().zip(x) {
            let e = a + b * xi;
            change = change.max((e - *eta).abs());
            overflow |= e > 700.0;
            *eta = e;
        }
        if !change.is_finite() || overflow {
            return None;
        }
        if change <= 1e-12 {
            return Some((a, b, iter));
        }
    }
    None
}

/// Log-linear Poisson slopes of many series on the same **consecutive** years
/// (`x[i] = x[0] + i`), each by Newton's method from one starting slope (the bootstrap's
/// refits).
///
/// With consecutive years the two score equations reduce to one in the slope `b`: the mean
/// year index under weights `e^(b·i)`, `m(b) = Σ i e^(b·i) / Σ e^(b·i)`, equals the
/// count-weighted mean index `τ = Σ i y_i / Σ y_i` (the intercept then has a closed form). `m`
/// increases with `b` (its derivative is the weighted variance of `i`), and the weights are a
/// geometric sequence, so one `exp` and `O(n)` multiplications give `m` and `m′`: a step costs
/// what an IRLS step spends on `exp` alone. `m` and `m′` at the starting slope do not depend on
/// the series and are computed once. The steps are safeguarded by a bracket (bisection when
/// Newton leaves it, at most one unit of slope at a time). Same estimate as [`irls_log`] with
/// `alpha = 0`, to rounding.
#[derive(Debug, Clone)]
pub(crate) struct ConsecutiveSlope {
    /// `n − 1`, the last year index.
    last: f64,
    start: f64,
    /// `(m, m′)` at `start`.
    at_start: (f64, f64),
}

impl ConsecutiveSlope {
    /// For `n ≥ 2` consecutive years, starting from the slope `start`.
    pub(crate) fn new(n: usize, start: f64) -> ConsecutiveSlope {
        let last = (n - 1) as f64;
        ConsecutiveSlope {
            last,
            start,
            at_start: Self::mean_index(last, start),
        }
    }

    /// `(m(b), m′(b))`. The weights `r^k`, `r = e^(−|b|) ≤ 1`, run from the end that the slope
    /// favours (`k = 0` there), so they never overflow.
    fn mean_index(last: f64, b: f64) -> (f64, f64) {
        let r = (-b.abs()).exp();
        let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
        let (mut w, mut k) = (1.0, 0.0);
        while k <= last {
            s0 += w;
            s1 += k * w;
            s2 += k * k * w;
            w *= r;
            k += 1.0;
        }
        let mean = s1 / s0;
        let var = (s2 / s0 - mean * mean).max(0.0);
        (if b >= 0.0 { last - mean } else { mean }, var)
    }

    /// The slope of the fit to `y` (one count per year, as many as the years); `None` if the
    /// maximum likelihood estimate does not exist (no positive count, or all of them in the
    /// first or last year, with the tolerance of [`loglinear_exists`]) or is not found.
    pub(crate) fn slope(&self, y: &[f64]) -> Option<f64> {
        debug_assert_eq!(y.len() as f64, self.last + 1.0);
        let (mut total, mut moment) = (0.0, 0.0);
        let mut index = 0.0;
        for &yi in y {
            total += yi;
            moment += index * yi;
            index += 1.0;
        }
        if total <= 0.0 {
            return None;
        }
        let last = self.last;
        let target = moment / total;
        let tol = 1e-12 * last;
        if !(target > tol && target < last - tol) {
            return None;
        }
        let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
        let mut b = self.start;
        let (mut m, mut dm) = self.at_start;
        for _ in 0..MAX_ITER {
            let g = m - target;
            if !g.is_finite() {
                return None;
            }
            if g == 0.0 {
                return Some(b);
            }
            if g < 0.0 {
                lo = b;
            } else {
                hi = b;
            }
            let newton = b - g / dm;
            let use_newton = newton > lo && newton < hi && (newton - b).abs() <= 1.0;
            let next = if use_newton {
                newton
            } else if lo.is_finite() && hi.is_finite() {
                0.5 * (lo + hi)
            } else if g < 0.0 {
                b + 1.0
            } else {
                b - 1.0
            };
            let step = (next - b).abs();
            b = next;
            // Quadratic convergence: the error after a Newton step of size δ is about n·δ²,
            // far below rounding once n·δ is.
            if (use_newton && step * last <= 1e-9) || hi - lo <= 4.0 * f64::EPSILON * b.abs() {
                return Some(b);
            }
            (m, dm) = Self::mean_index(last, b);
        }
        None
    }
}

/// Poisson log-likelihood `Σ y ln μ − μ − ln y!`.
pub(crate) fn poisson_loglik(y: &[f64], mu: impl Iterator<Item = f64>) -> f64 {
    y.iter()
        .zip(mu)
        .map(|(&y, m)| {
            if y == 0.0 {
                -m
            } else {
                y * m.ln() - m - ln_gamma(y + 1.0)
            }
        })
        .sum()
}

/// Log-linear Poisson regression of count on year (the exponential-trend model).
///
/// Confidence intervals are 95 %, for the growth rate `exp(slope) − 1`:
/// - `ci_low`/`ci_high`: Wald, from the Fisher information (as statsmodels' `GLM.conf_int`);
/// - `quasi_ci_*`: Wald with the standard error scaled by `√dispersion`, where the dispersion
///   is Pearson's `χ²/(n − 2)` (statsmodels `fit(scale="X2")`, still with the normal quantile);
///   `None` for a window of two years (no residual degrees of freedom);
/// - `profile_ci_*`: profile likelihood, the slopes where twice the log-likelihood drop reaches
///   χ²₁(0.95) = 3.8415 (intercept re-fitted; roots found by Brent's method).
///
/// Doubling times are `ln 2 / slope`; `None` unless the slope is positive. A doubling-time
/// interval comes from the Wald interval of the slope; its upper end is `None` (unbounded) when
/// that interval reaches zero growth.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PoissonFit {
    /// The mean year of the window, where `intercept` is evaluated.
    pub center_year: f64,
    /// `ln` of the fitted count at `center_year`.
    pub intercept: f64,
    /// Slope of `ln(count)` per year.
    pub slope: f64,
    /// Its standard error (Fisher information).
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
    /// Profile-likelihood 95 % interval of the growth rate, lower end.
    pub profile_ci_low: Option<f64>,
    /// Profile-likelihood 95 % interval of the growth rate, upper end.
    pub profile_ci_high: Option<f64>,
    /// Pearson dispersion `χ²/(n − 2)`: near 1 for Poisson noise, above 1 if overdispersed.
    pub dispersion: Option<f64>,
    /// Quasi-Poisson 95 % interval of the growth rate, lower end.
    pub quasi_ci_low: Option<f64>,
    /// Quasi-Poisson 95 % interval of the growth rate, upper end.
    pub quasi_ci_high: Option<f64>,
    /// Residual deviance.
    pub deviance: f64,
    /// Pearson χ².
    pub pearson_chi2: f64,
    /// Maximised log-likelihood.
    pub log_likelihood: f64,
    /// `−2 log L + 2·2`.
    pub aic: f64,
    /// IRLS iterations used.
    pub iterations: u32,
}

/// Doubling time `ln 2 / slope` and its interval from the slope's interval `(lo, hi)`.
pub(crate) fn doubling(slope: f64, lo: f64, hi: f64) -> (Option<f64>, Option<f64>, Option<f64>) {
    let ln2 = std::f64::consts::LN_2;
    let t = (slope > 0.0).then(|| ln2 / slope);
    let t_lo = (hi > 0.0).then(|| ln2 / hi);
    let t_hi = (lo > 0.0).then(|| ln2 / lo);
    (t, t_lo, t_hi)
}

pub(crate) fn finite(v: f64, what: &str) -> Result<f64> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(Error::spec(format!(
            "{what} is not finite: the series is too extreme for this model"
        )))
    }
}

/// Fits the log-linear Poisson model to `counts` by `years`.
///
/// ```
/// use conflictstats::trend::fit_poisson;
///
/// // Counts that double exactly every 10 years: the fit is exact.
/// let fit = fit_poisson(&[2000, 2010, 2020, 2030], &[100.0, 200.0, 400.0, 800.0])?;
/// assert!((fit.growth_rate - (2f64.powf(0.1) - 1.0)).abs() < 1e-12);
/// assert!((fit.doubling_time_years.unwrap() - 10.0).abs() < 1e-9);
/// assert!(fit.ci_low < fit.growth_rate && fit.growth_rate < fit.ci_high);
/// # Ok::<(), conflictstats::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid series (see the module docs), or when the MLE does
/// not exist (all counts zero, or all of them in the first or last year).
pub fn fit_poisson(years: &[i32], counts: &[f64]) -> Result<PoissonFit> {
    let d = Design::new(years, counts)?;
    d.check_loglinear_exists()?;
    poisson_from_design(&d)
}

pub(crate) fn poisson_from_design(d: &Design) -> Result<PoissonFit> {
    poisson_fit(d, true)
}

/// [`poisson_from_design`] without the profile-likelihood interval (`profile_ci_*` are `None`),
/// for the fits that only start from the Poisson estimate.
pub(crate) fn poisson_without_profile(d: &Design) -> Result<PoissonFit> {
    poisson_fit(d, false)
}

fn poisson_fit(d: &Design, profile: bool) -> Result<PoissonFit> {
    let (x, y) = (&d.x, &d.y);
    let (a, b, iterations) = irls_log(x, y, 0.0, None)
        .ok_or_else(|| Error::spec("the log-linear Poisson fit did not converge"))?;
    let mu: Vec<f64> = x.iter().map(|x| (a + b * x).exp()).collect();
    let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
    let (mut dev, mut chi2) = (0.0, 0.0);
    for i in 0..x.len() {
        s0 += mu[i];
        s1 += mu[i] * x[i];
        s2 += mu[i] * x[i] * x[i];
        let r = y[i] - mu[i];
        chi2 += r * r / mu[i];
        dev += if y[i] > 0.0 {
            2.0 * (y[i] * (y[i] / mu[i]).ln() - r)
        } else {
            2.0 * mu[i]
        };
    }
    let se = finite(
        (s0 / (s0 * s2 - s1 * s1)).sqrt(),
        "the slope's standard error",
    )?;
    let loglik = poisson_loglik(y, mu.iter().copied());
    let n = x.len();
    let dispersion = (n > 2).then(|| chi2 / (n - 2) as f64);
    let (lo, hi) = (b - Z_95 * se, b + Z_95 * se);
    let (t, t_lo, t_hi) = doubling(b, lo, hi);
    let quasi = dispersion.map(|phi| {
        let s = se * phi.sqrt();
        ((b - Z_95 * s).exp_m1(), (b + Z_95 * s).exp_m1())
    });
    let (p_lo, p_hi) = if profile {
        profile_interval(x, y, b, se)
    } else {
        (None, None)
    };
    Ok(PoissonFit {
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
        profile_ci_low: p_lo.map(f64::exp_m1).filter(|v| v.is_finite()),
        profile_ci_high: p_hi.map(f64::exp_m1).filter(|v| v.is_finite()),
        dispersion,
        quasi_ci_low: quasi.map(|q| q.0).filter(|v| v.is_finite()),
        quasi_ci_high: quasi.map(|q| q.1).filter(|v| v.is_finite()),
        deviance: dev,
        pearson_chi2: chi2,
        log_likelihood: finite(loglik, "the log-likelihood")?,
        aic: -2.0 * loglik + 4.0,
        iterations,
    })
}

/// Profile log-likelihood of the slope, up to a constant: with the intercept at its
/// maximising value `ln Σy − ln Σ exp(b x)`, it is `b Σxy − Σy · ln Σ exp(b x)`.
fn profile_loglik(x: &[f64], sum_y: f64, sum_xy: f64, b: f64) -> f64 {
    let m = x.iter().map(|x| b * x).fold(f64::NEG_INFINITY, f64::max);
    let lse = m + x.iter().map(|x| (b * x - m).exp()).sum::<f64>().ln();
    b * sum_xy - sum_y * lse
}

/// The profile-likelihood 95 % interval of the slope.
fn profile_interval(x: &[f64], y: &[f64], b_hat: f64, se: f64) -> (Option<f64>, Option<f64>) {
    let sum_y: f64 = y.iter().sum();
    let sum_xy: f64 = x.iter().zip(y).map(|(x, y)| x * y).sum();
    let top = profile_loglik(x, sum_y, sum_xy, b_hat);
    let g = |b: f64| 2.0 * (top - profile_loglik(x, sum_y, sum_xy, b)) - CHI2_1_95;
    let side = |dir: f64| -> Option<f64> {
        let mut step = se.max(1e-8);
        for _ in 0..60 {
            let b = b_hat + dir * step;
            let gb = g(b);
            if gb > 0.0 {
                let (lo, hi) = if dir < 0.0 { (b, b_hat) } else { (b_hat, b) };
                let (glo, ghi) = if dir < 0.0 {
                    (gb, g(b_hat))
                } else {
                    (g(b_hat), gb)
                };
                return brent_root(g, lo, hi, glo, ghi, 1e-15 * (1.0 + b_hat.abs()));
            }
            step *= 2.0;
        }
        None
    };
    (side(-1.0), side(1.0))
}

/// The linear-trend Poisson model `μ = intercept + slope · (year − center_year)` (identity
/// link), used to ask whether a straight line does as well as an exponential.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinearFit {
    /// The mean year of the window.
    pub center_year: f64,
    /// Fitted count at `center_year`.
    pub intercept: f64,
    /// Fitted change in the count per year.
    pub slope: f64,
    /// Maximised Poisson log-likelihood.
    pub log_likelihood: f64,
    /// `−2 log L + 2·2`.
    pub aic: f64,
    /// IRLS iterations used.
    pub iterations: u32,
}

/// Fits the identity-link Poisson model by maximum likelihood: Newton–Raphson (the
/// log-likelihood is concave in the two parameters) with step-halving to keep every fitted
/// count positive. IRLS/Fisher scoring reaches the same maximum but can crawl when a zero count
/// sits near a small fitted value.
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid series, or when the maximum lies where the fitted line
/// reaches zero within the window (no positive straight-line fit is optimal).
pub fn fit_linear(years: &[i32], counts: &[f64]) -> Result<LinearFit> {
    let d = Design::new(years, counts)?;
    linear_from_design(&d)
}

pub(crate) fn linear_from_design(d: &Design) -> Result<LinearFit> {
    let (x, y) = (&d.x, &d.y);
    let n = x.len();
    let mean = y.iter().sum::<f64>() / n as f64;
    if mean <= 0.0 {
        return Err(Error::spec(
            "every count in the window is 0: no positive linear trend to fit",
        ));
    }
    let no_fit = || {
        Error::spec(
            "the linear (identity-link) Poisson fit has no optimum with positive fitted counts in every year of the window; compare models on another window",
        )
    };
    let floor = 1e-10 * mean;
    let loglik = |a: f64, b: f64| poisson_loglik(y, x.iter().map(|x| a + b * x));
    let (mut a, mut b) = (mean, 0.0);
    let mut ll = loglik(a, b);
    for iter in 1..=MAX_ITER {
        // Newton step: the log-likelihood is concave in (a, b); gradient Σ (y/μ − 1)(1, x),
        // negative Hessian Σ (y/μ²)(1, x)(1, x)ᵀ.
        let mut n = Normal2::default();
        for (&xi, &yi) in x.iter().zip(y) {
            let mu = a + b * xi;
            n.add(xi, yi / (mu * mu), yi / mu - 1.0);
        }
        let (mut da, mut db) = n.solve().ok_or_else(no_fit)?;
        let mut accepted = None;
        for _ in 0..60 {
            let (ta, tb) = (a + da, b + db);
            if x.iter().all(|x| ta + tb * x > floor) {
                let tl = loglik(ta, tb);
                if tl >= ll - 1e-12 * ll.abs() {
                    accepted = Some((ta, tb, tl));
                    break;
                }
            }
            da *= 0.5;
            db *= 0.5;
        }
        let (ta, tb, tl) = accepted.ok_or_else(no_fit)?;
        let change = x
            .iter()
            .map(|x| ((ta - a) + (tb - b) * x).abs())
            .fold(0.0, f64::max);
        (a, b, ll) = (ta, tb, tl);
        if change <= 1e-12 * mean {
            if x.iter().any(|x| a + b * x <= 1e-6 * mean) {
                return Err(no_fit());
            }
            return Ok(LinearFit {
                center_year: d.center,
                intercept: a,
                slope: b,
                log_likelihood: finite(ll, "the log-likelihood")?,
                aic: -2.0 * ll + 4.0,
                iterations: iter,
            });
        }
    }
    Err(no_fit())
}

/// The 2×2 system of a Newton step in `(intercept, slope)` of a model linear in the year `x`:
/// `H = Σ wᵢ (1, xᵢ)(1, xᵢ)ᵀ` (a negative Hessian) and `g = Σ rᵢ (1, xᵢ)` (a gradient).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Normal2 {
    pub(crate) h00: f64,
    pub(crate) h01: f64,
    pub(crate) h11: f64,
    pub(crate) g0: f64,
    pub(crate) g1: f64,
}

impl Normal2 {
    /// Adds one year: weight `w` to `H`, residual `r` to `g`.
    #[inline]
    pub(crate) fn add(&mut self, x: f64, w: f64, r: f64) {
        self.h00 += w;
        self.h01 += w * x;
        self.h11 += w * x * x;
        self.g0 += r;
        self.g1 += r * x;
    }

    /// `det H`.
    pub(crate) fn det(&self) -> f64 {
        self.h00 * self.h11 - self.h01 * self.h01
    }

    /// `H⁻¹ g` by Cramer's rule (no check of `H`).
    pub(crate) fn step(&self) -> (f64, f64) {
        let det = self.det();
        (
            (self.h11 * self.g0 - self.h01 * self.g1) / det,
            (self.h00 * self.g1 - self.h01 * self.g0) / det,
        )
    }

    /// `H⁻¹ g`, or `None` unless `det H` is positive and finite.
    pub(crate) fn solve(&self) -> Option<(f64, f64)> {
        let det = self.det();
        (det > 0.0 && det.is_finite()).then(|| self.step())
    }
}
