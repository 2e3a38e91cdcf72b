//! Does a fitted trend's noise look like the model says? Residual diagnostics and
//! autocorrelation-robust (HAC) standard errors.
//!
//! Every interval of a count regression assumes that, around the fitted mean, one year's count
//! is independent of the next. Conflicts last for years, so a count that is above the trend
//! this year tends to be above it next year too: the residuals are *autocorrelated*, the data
//! carry less information than `n` independent years, and the model-based (Wald) intervals
//! are too narrow. This module measures that and corrects for it:
//!
//! - **Pearson residuals** `eᵢ = (yᵢ − μ̂ᵢ)/√V(μ̂ᵢ)` (`V(μ) = μ` for Poisson, `μ + αμ²` for
//!   NB2) and their **autocorrelations** `r_k` at lags `1…K` (demeaned, denominator `n·c₀`,
//!   as statsmodels' `acf`);
//! - the **Ljung–Box** statistic `Q = n(n+2) Σ_{k≤K} r_k²/(n−k)`, χ²_K under independence
//!   (statsmodels' `acorr_ljungbox`); the lag rule is `K = min(10, ⌊n/5⌋)` (at least 1),
//!   statsmodels' default, overridable;
//! - the **dispersion** `Σ eᵢ²/(n − p)` and the p-value of Pearson's χ² on `n − p` degrees of
//!   freedom (near 1 for noise the model allows; above 1 is overdispersion);
//! - **HAC (Newey–West) standard errors**: the sandwich `H⁻¹ S H⁻¹` with `H` the information
//!   and `S = Σ_{|l|≤L} w_l Σ_t s_t s_{t−l}ᵀ` over the score contributions `s_t`, Bartlett
//!   weights `w_l = 1 − l/(L+1)`, no small-sample correction — statsmodels'
//!   `GLM(...).fit(cov_type="HAC", cov_kwds={"maxlags": L})`. The lag rule is
//!   `L = ⌊4 (n/100)^(2/9)⌋` (Newey & West 1994; statsmodels' default; 3 for 30 years),
//!   overridable.
//!
//! The plain-words [`Diagnostics::warnings`] are what the report and the statement repeat.
//!
//! ```
//! use conflictstats::trend::{diagnose, hac_lags_rule, ljung_box_lags_rule};
//!
//! assert_eq!((ljung_box_lags_rule(30), hac_lags_rule(30)), (6, 3));
//! // A slow wave around a flat mean: strongly autocorrelated residuals.
//! let y: Vec<f64> = (0..30).map(|t| (40.0 + 8.0 * (f64::from(t) / 5.0).sin()).round()).collect();
//! let mu = vec![y.iter().sum::<f64>() / 30.0; 30];
//! let d = diagnose(&y, &mu, 0.0, 1, None);
//! assert!(d.ljung_box.p_value < 0.001 && !d.warnings.is_empty());
//! ```

use super::special::chi2_sf;
use serde::Serialize;

/// The Ljung–Box lag rule: `min(10, ⌊n/5⌋)`, at least 1.
#[must_use]
pub fn ljung_box_lags_rule(n: usize) -> usize {
    (n / 5).clamp(1, 10)
}

/// The Newey–West (1994) Bartlett-kernel lag rule `⌊4 (n/100)^(2/9)⌋`.
#[must_use]
pub fn hac_lags_rule(n: usize) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let l = (4.0 * (n as f64 / 100.0).powf(2.0 / 9.0)).floor() as usize;
    l
}

/// A significance level below which a diagnostic's warning is raised.
pub const DIAGNOSTIC_LEVEL: f64 = 0.05;

/// The Ljung–Box test of no autocorrelation up to a lag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LjungBox {
    /// Lags tested, `K`.
    pub lags: usize,
    /// `Q = n(n+2) Σ r_k²/(n−k)`.
    pub statistic: f64,
    /// `P(χ²_K > Q)`.
    pub p_value: f64,
    /// Whether `K` came from the rule (`false`: set by the user).
    pub lags_by_rule: bool,
}

/// Residual diagnostics of one fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostics {
    /// Autocorrelations of the Pearson residuals at lags `1…K`.
    pub acf: Vec<f64>,
    /// Ljung–Box on those lags.
    pub ljung_box: LjungBox,
    /// Pearson dispersion `Σ e²/(n − p)`; `None` without residual degrees of freedom.
    pub dispersion: Option<f64>,
    /// `P(χ²_{n−p} > Σ e²)`: small means more variation than the model allows.
    pub dispersion_p_value: Option<f64>,
    /// Plain-words warnings (empty when nothing is wrong).
    pub warnings: Vec<String>,
}

impl Diagnostics {
    /// The residuals are autocorrelated (Ljung–Box rejects at [`DIAGNOSTIC_LEVEL`]).
    #[must_use]
    pub fn autocorrelated(&self) -> bool {
        self.ljung_box.p_value < DIAGNOSTIC_LEVEL
    }
}

/// Autocorrelations at lags `1..=lags` (demeaned series, denominator `n·c₀`).
#[must_use]
pub fn autocorrelations(e: &[f64], lags: usize) -> Vec<f64> {
    let n = e.len();
    let mean = e.iter().sum::<f64>() / n as f64;
    let d: Vec<f64> = e.iter().map(|v| v - mean).collect();
    let c0: f64 = d.iter().map(|v| v * v).sum();
    (1..=lags.min(n.saturating_sub(1)))
        .map(|k| {
            let ck: f64 = d[k..].iter().zip(&d).map(|(a, b)| a * b).sum();
            if c0 > 0.0 { ck / c0 } else { 0.0 }
        })
        .collect()
}

/// The diagnostics of a fit with means `mu` to counts `y`, NB2 dispersion `alpha` (0:
/// Poisson) and `params` fitted mean parameters; `lb_lags` overrides the Ljung–Box rule.
#[must_use]
pub fn diagnose(
    y: &[f64],
    mu: &[f64],
    alpha: f64,
    params: usize,
    lb_lags: Option<usize>,
) -> Diagnostics {
    let n = y.len();
    let e: Vec<f64> = y
        .iter()
        .zip(mu)
        .map(|(y, m)| (y - m) / (m + alpha * m * m).sqrt())
        .collect();
    let lags = lb_lags.unwrap_or_else(|| ljung_box_lags_rule(n)).max(1);
    let acf = autocorrelations(&e, lags);
    let nf = n as f64;
    let q = nf
        * (nf + 2.0)
        * acf
            .iter()
            .enumerate()
            .map(|(k, r)| r * r / (nf - (k + 1) as f64))
            .sum::<f64>();
    let ljung_box = LjungBox {
        lags: acf.len(),
        statistic: q,
        p_value: if acf.is_empty() {
            1.0
        } else {
            chi2_sf(q, acf.len() as f64)
        },
        lags_by_rule: lb_lags.is_none(),
    };
    let chi2: f64 = e.iter().map(|v| v * v).sum();
    let df = n.saturating_sub(params);
    let dispersion = (df > 0).then(|| chi2 / df as f64);
    let dispersion_p_value = (df > 0).then(|| chi2_sf(chi2, df as f64));
    let mut d = Diagnostics {
        acf,
        ljung_box,
        dispersion,
        dispersion_p_value,
        warnings: Vec::new(),
    };
    d.warnings = warnings(&d, alpha);
    d
}

fn warnings(d: &Diagnostics, alpha: f64) -> Vec<String> {
    let mut w = Vec::new();
    if d.autocorrelated() {
        w.push(format!(
            "the residuals are autocorrelated (lag-1 r = {:.2}; Ljung–Box Q = {:.1} on {} lags, {}): neighbouring years are not independent, so model-based (Wald) intervals are too narrow — use the HAC or block-bootstrap interval",
            d.acf.first().copied().unwrap_or(0.0),
            d.ljung_box.statistic,
            d.ljung_box.lags,
            p_text(d.ljung_box.p_value)
        ));
    }
    if let (Some(phi), Some(p)) = (d.dispersion, d.dispersion_p_value) {
        if p < DIAGNOSTIC_LEVEL && alpha == 0.0 {
            w.push(format!(
                "the counts vary more than Poisson noise allows (dispersion {phi:.2}, {}): Poisson intervals are too narrow",
                p_text(p)
            ));
        }
    }
    w
}

/// A p-value as text: `p = 0.031`, or `p < 0.001`.
#[must_use]
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".to_string()
    } else {
        format!("p = {p:.3}")
    }
}

/// The HAC (Newey–West, Bartlett) covariance of a fit's parameters: rows `x` of the design
/// (`p` columns each, row-major), score factors `r` (`sᵢ = rᵢ xᵢ`), information weights `w`
/// (`H = Σ wᵢ xᵢ xᵢᵀ`) and `lags`. `None` if `H` is singular.
#[must_use]
pub fn hac_covariance(x: &[f64], p: usize, r: &[f64], w: &[f64], lags: usize) -> Option<Vec<f64>> {
    let n = r.len();
    let mut h = vec![0.0; p * p];
    let mut s = vec![0.0; p * p];
    for i in 0..n {
        let xi = &x[i * p..(i + 1) * p];
        for a in 0..p {
            for b in 0..p {
                h[a * p + b] += w[i] * xi[a] * xi[b];
            }
        }
    }
    for lag in 0..=lags.min(n.saturating_sub(1)) {
        let weight = 1.0 - lag as f64 / (lags as f64 + 1.0);
        for t in lag..n {
            let (xt, xl) = (&x[t * p..(t + 1) * p], &x[(t - lag) * p..(t - lag + 1) * p]);
            let rr = weight * r[t] * r[t - lag];
            for a in 0..p {
                for b in 0..p {
                    let v = rr * xt[a] * xl[b];
                    s[a * p + b] += v;
                    if lag > 0 {
                        s[b * p + a] += v;
                    }
                }
            }
        }
    }
    let hi = invert_spd(&h, p)?;
    let mut tmp = vec![0.0; p * p];
    for a in 0..p {
        for b in 0..p {
            tmp[a * p + b] = (0..p).map(|k| hi[a * p + k] * s[k * p + b]).sum();
        }
    }
    let mut out = vec![0.0; p * p];
    for a in 0..p {
        for b in 0..p {
            out[a * p + b] = (0..p).map(|k| tmp[a * p + k] * hi[k * p + b]).sum();
        }
    }
    Some(out)
}

/// The inverse of a symmetric positive definite `p × p` matrix (row-major) by Cholesky;
/// `None` unless it is positive definite.
#[must_use]
pub(crate) fn invert_spd(m: &[f64], p: usize) -> Option<Vec<f64>> {
    let l = cholesky(m, p)?;
    let mut inv = vec![0.0; p * p];
    let mut col = vec![0.0; p];
    for j in 0..p {
        col.iter_mut().for_each(|v| *v = 0.0);
        col[j] = 1.0;
        chol_solve(&l, p, &mut col);
        for i in 0..p {
            inv[i * p + j] = col[i];
        }
    }
    Some(inv)
}

/// The lower Cholesky factor of a `p × p` SPD matrix; `None` unless positive definite.
pub(crate) fn cholesky(m: &[f64], p: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; p * p];
    for i in 0..p {
        for j in 0..=i {
            let mut v = m[i * p + j];
            for k in 0..j {
                v -= l[i * p + k] * l[j * p + k];
            }
            if i == j {
                if !(v > 0.0 && v.is_finite()) {
                    return None;
                }
                l[i * p + i] = v.sqrt();
            } else {
                l[i * p + j] = v / l[j * p + j];
            }
        }
    }
    Some(l)
}

/// Solves `L Lᵀ v = b` in place.
pub(crate) fn chol_solve(l: &[f64], p: usize, b: &mut [f64]) {
    for i in 0..p {
        let mut v = b[i];
        for k in 0..i {
            v -= l[i * p + k] * b[k];
        }
        b[i] = v / l[i * p + i];
    }
    for i in (0..p).rev() {
        let mut v = b[i];
        for k in i + 1..p {
            v -= l[k * p + i] * b[k];
        }
        b[i] = v / l[i * p + i];
    }
}

/// The HAC covariance of `(intercept, slope)` of a two-parameter log-linear fit
/// `exp(a + b x)` with NB2 dispersion `alpha` (0: Poisson), at the maximum likelihood
/// `(a, b)`: score factors `(y − μ)/(1 + αμ)` and observed-information weights
/// `μ(1 + αy)/(1 + αμ)²` (for Poisson the canonical `y − μ` and `μ`). Row-major 2 × 2.
#[must_use]
pub fn loglinear_hac(
    x: &[f64],
    y: &[f64],
    intercept: f64,
    slope: f64,
    alpha: f64,
    lags: usize,
) -> Option<Vec<f64>> {
    let rows: Vec<f64> = x.iter().flat_map(|&x| [1.0, x]).collect();
    let (mut r, mut w) = (Vec::with_capacity(y.len()), Vec::with_capacity(y.len()));
    for (&xi, &yi) in x.iter().zip(y) {
        let mu = (intercept + slope * xi).exp();
        let q = 1.0 + alpha * mu;
        r.push((yi - mu) / q);
        w.push(mu * (1.0 + alpha * yi) / (q * q));
    }
    hac_covariance(&rows, 2, &r, &w, lags)
}

/// The HAC standard error of the slope of [`loglinear_hac`].
#[must_use]
pub fn loglinear_hac_se(
    x: &[f64],
    y: &[f64],
    intercept: f64,
    slope: f64,
    alpha: f64,
    lags: usize,
) -> Option<f64> {
    let v = loglinear_hac(x, y, intercept, slope, alpha, lags)?[3];
    (v > 0.0 && v.is_finite()).then(|| v.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn lag_rules() {
        assert_eq!(ljung_box_lags_rule(30), 6);
        assert_eq!(ljung_box_lags_rule(79), 10);
        assert_eq!(ljung_box_lags_rule(3), 1);
        assert_eq!(hac_lags_rule(30), 3);
        assert_eq!(hac_lags_rule(79), 3);
        assert_eq!(hac_lags_rule(100), 4);
    }

    /// With no lags the HAC covariance is the robust (HC0) sandwich; for an exact Poisson
    /// information `H = Σ μ x xᵀ` and `S = H` it is `H⁻¹`.
    #[test]
    fn sandwich_reduces_to_the_inverse_information() {
        let x = [1.0, -1.0, 1.0, 0.0, 1.0, 1.0];
        let w = [2.0, 3.0, 5.0];
        let r: Vec<f64> = w.iter().map(|v: &f64| v.sqrt()).collect();
        let cov = hac_covariance(&x, 2, &r, &w, 0).unwrap();
        let h = [10.0, 3.0, 3.0, 7.0];
        let hi = invert_spd(&h, 2).unwrap();
        for (a, b) in cov.iter().zip(&hi) {
            assert_relative_eq!(a, b, max_relative = 1e-12);
        }
    }
}
