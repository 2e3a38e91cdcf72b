//! Proper scores of a predictive sample against the count that was then observed.
//!
//! - **CRPS** (continuous ranked probability score) of a sample `x₁…x_m`:
//!   `mean |xᵢ − y| − ½ mean |xᵢ − xⱼ|` over all pairs `i, j` — the ensemble estimator of
//!   properscoring's `crps_ensemble` (and scoringrules' `crps_ensemble` with `estimator="nrg"`).
//!   Lower is better; in counts.
//! - **Log score**: `−ln p(y)`, with `p` the model's probability mass function averaged over
//!   the bootstrap replicates' means (a mixture; never zero where the model allows the count).
//! - **Interval score** of a central `(1 − α)` interval `[l, u]` (Gneiting & Raftery 2007):
//!   `(u − l) + (2/α)(l − y)·[y < l] + (2/α)(y − u)·[y > u]`.
//! - The sample's quantiles are order statistics (the inverse of the empirical CDF, "type 1"):
//!   the smallest `x₍ₖ₎` with `k/m ≥ p`, so every interval end is a count that was drawn.
//!
//! ```
//! use conflictstats::trend::forecast::{crps_ensemble, interval_score};
//!
//! assert!((crps_ensemble(&[1.0, 2.0, 3.0], 2.0) - 2.0 / 9.0).abs() < 1e-12);
//! assert_eq!(interval_score(0.5, 10.0, 20.0, 25.0), 10.0 + 4.0 * 5.0);
//! ```

use crate::trend::special::ln_gamma;

/// CRPS of the sample `x` at the observation `y` (properscoring's `crps_ensemble`).
#[must_use]
pub fn crps_ensemble(x: &[f64], y: f64) -> f64 {
    let m = x.len();
    if m == 0 {
        return f64::NAN;
    }
    let mut s = x.to_vec();
    s.sort_by(f64::total_cmp);
    let mf = m as f64;
    let abs = s.iter().map(|v| (v - y).abs()).sum::<f64>() / mf;
    // Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σₖ (2k − m + 1) x₍ₖ₎ over the sorted sample (k from 0).
    let pairs: f64 = s
        .iter()
        .enumerate()
        .map(|(k, v)| (2.0 * k as f64 - mf + 1.0) * v)
        .sum::<f64>()
        * 2.0;
    abs - 0.5 * pairs / (mf * mf)
}

/// Interval score of the central `(1 − alpha)` interval `[low, high]` at `y`.
#[must_use]
pub fn interval_score(alpha: f64, low: f64, high: f64, y: f64) -> f64 {
    let mut s = high - low;
    if y < low {
        s += 2.0 / alpha * (low - y);
    }
    if y > high {
        s += 2.0 / alpha * (y - high);
    }
    s
}

/// The `p` quantile of a sorted sample: the smallest `x₍ₖ₎` with `k/m ≥ p`.
#[must_use]
pub fn quantile_sorted(sorted: &[f64], p: f64) -> f64 {
    let m = sorted.len();
    if m == 0 {
        return f64::NAN;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let k = ((p * m as f64) - 1e-9).ceil().max(1.0) as usize;
    sorted[k.min(m) - 1]
}

/// `ln P(Y = y)` for NB2 with mean `mu` and dispersion `alpha` (Poisson when `alpha` is 0).
#[must_use]
pub fn ln_pmf(y: f64, mu: f64, alpha: f64) -> f64 {
    if mu <= 0.0 {
        return if y == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    let ln_fact = ln_gamma(y + 1.0);
    if alpha <= 0.0 {
        return y * mu.ln() - mu - ln_fact;
    }
    let r = 1.0 / alpha;
    ln_gamma(y + r) - ln_gamma(r) - ln_fact - r * (alpha * mu).ln_1p()
        + y * (alpha * mu / (1.0 + alpha * mu)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn crps_by_hand() {
        // x = (0, 4), y = 1: mean|x − y| = (1 + 3)/2 = 2; pairs |0−4| twice over 4 → 2; ½·2 = 1.
        assert_relative_eq!(crps_ensemble(&[0.0, 4.0], 1.0), 1.0, epsilon = 1e-12);
        // A point mass: the absolute error.
        assert_relative_eq!(crps_ensemble(&[5.0; 7], 2.0), 3.0, epsilon = 1e-12);
        // Order does not matter; brute force over pairs.
        let x = [3.0, 9.0, 1.0, 4.0, 4.0];
        let brute = x.iter().map(|v: &f64| (v - 5.0).abs()).sum::<f64>() / 5.0
            - 0.5
                * x.iter()
                    .flat_map(|a| x.iter().map(move |b| (a - b).abs()))
                    .sum::<f64>()
                / 25.0;
        assert_relative_eq!(crps_ensemble(&x, 5.0), brute, epsilon = 1e-12);
        assert_relative_eq!(brute, 1.04, epsilon = 1e-12);
    }

    #[test]
    fn interval_score_by_hand() {
        assert_relative_eq!(interval_score(0.05, 10.0, 20.0, 15.0), 10.0);
        assert_relative_eq!(interval_score(0.05, 10.0, 20.0, 8.0), 10.0 + 40.0 * 2.0);
        assert_relative_eq!(interval_score(0.2, 10.0, 20.0, 23.0), 10.0 + 10.0 * 3.0);
    }

    #[test]
    fn quantiles_are_order_statistics() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&s, 0.5), 2.0);
        assert_eq!(quantile_sorted(&s, 0.51), 3.0);
        assert_eq!(quantile_sorted(&s, 0.0), 1.0);
        assert_eq!(quantile_sorted(&s, 1.0), 4.0);
        assert_eq!(quantile_sorted(&s, 0.025), 1.0);
    }

    #[test]
    fn pmfs_by_hand() {
        // Poisson(2) at 3: e^-2 2^3 / 6.
        assert_relative_eq!(
            ln_pmf(3.0, 2.0, 0.0),
            (8.0 / 6.0 * (-2.0f64).exp()).ln(),
            epsilon = 1e-12
        );
        // NB2 μ = 2, α = 0.5 (r = 2, p = 1/(1 + αμ) = 0.5) at 1: C(2, 1) 0.5² 0.5 = 0.25.
        assert_relative_eq!(ln_pmf(1.0, 2.0, 0.5), 0.25f64.ln(), epsilon = 1e-12);
        assert_eq!(ln_pmf(0.0, 0.0, 0.0), 0.0);
    }
}
