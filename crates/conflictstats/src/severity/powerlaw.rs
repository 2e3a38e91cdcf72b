//! The continuous power law `p(x) = (α − 1)/x_min · (x/x_min)^(−α)` for `x ≥ x_min`, fitted
//! by maximum likelihood with `x_min` chosen by the Kolmogorov–Smirnov distance (Clauset,
//! Shalizi & Newman 2009, §3.3), and the semi-parametric bootstrap of their §4.1.
//!
//! **Why continuous.** Deaths are whole numbers, but the tail of interest starts in the
//! hundreds or thousands, where the discrete and continuous power laws differ by terms of
//! order `1/x_min` (CSN §3.1 find the continuous approximation accurate from `x_min ≳ 6`);
//! UCDP's best estimates are themselves rounded estimates, not exact tallies; and the
//! continuous MLE has a closed form, `α̂ = 1 + n / Σ ln(x_i/x_min)`, which keeps the
//! bootstrap (a fresh `x_min` search in every replicate) cheap and exact.
//!
//! **The KS distance** is the convention of CSN's own `plfit` and of the `powerlaw` package:
//! at each distinct tail value `x`, the fitted CDF `1 − (x/x_min)^(1−α)` against the share of
//! tail observations *strictly below* `x`; `D` is the largest absolute difference. The
//! candidates for `x_min` are the distinct observed values except the largest; the first
//! candidate with the smallest `D` wins.

use crate::error::{Error, Result};
use crate::trend::rng::Rng;
use rayon::prelude::*;
use serde::Serialize;

/// A power-law tail fitted to a sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerLawFit {
    /// Observations in the whole sample.
    pub n: usize,
    /// Observations `≥ x_min` (the tail the law is fitted to).
    pub n_tail: usize,
    /// The lower bound of the power-law behaviour.
    pub x_min: f64,
    /// The scaling exponent α (MLE given `x_min`).
    pub alpha: f64,
    /// Its asymptotic standard error `(α − 1)/√n_tail` (CSN eq. 3.2), given `x_min`.
    pub alpha_se_asymptotic: f64,
    /// The KS distance `D` at `x_min`.
    pub ks_distance: f64,
    /// Log-likelihood of the tail under the fitted law.
    pub log_likelihood: f64,
}

/// The sorted sample with the suffix sums the `x_min` search needs.
#[derive(Debug, Clone)]
pub(crate) struct Sorted {
    pub x: Vec<f64>,
    pub ln_x: Vec<f64>,
    /// `suffix[i] = Σ_{j ≥ i} ln x_j`.
    suffix: Vec<f64>,
    /// Start index of each distinct value, ascending, with `n` appended.
    starts: Vec<usize>,
}

impl Sorted {
    pub(crate) fn new(mut x: Vec<f64>) -> Sorted {
        x.sort_by(f64::total_cmp);
        let ln_x: Vec<f64> = x.iter().map(|v| v.ln()).collect();
        let mut suffix = vec![0.0; x.len() + 1];
        for i in (0..x.len()).rev() {
            suffix[i] = suffix[i + 1] + ln_x[i];
        }
        let mut starts: Vec<usize> = (0..x.len())
            .filter(|&i| i == 0 || x[i] != x[i - 1])
            .collect();
        starts.push(x.len());
        Sorted {
            x,
            ln_x,
            suffix,
            starts,
        }
    }

    /// α̂ and the KS distance with `x_min` the distinct value number `k`; `None` when the
    /// running distance exceeds `bound` (it cannot be the minimum) or α̂ is undefined.
    fn candidate(&self, k: usize, bound: f64) -> Option<(f64, f64)> {
        let s = self.starts[k];
        let n = self.x.len();
        #[allow(clippy::cast_precision_loss)]
        let m = (n - s) as f64;
        let ln_min = self.ln_x[s];
        let sum = self.suffix[s] - m * ln_min;
        if sum <= 0.0 {
            return None;
        }
        let alpha = 1.0 + m / sum;
        let mut d = 0.0f64;
        for &j in &self.starts[k..self.starts.len() - 1] {
            #[allow(clippy::cast_precision_loss)]
            let below = (j - s) as f64 / m;
            let cdf = -((1.0 - alpha) * (self.ln_x[j] - ln_min)).exp_m1();
            d = d.max((cdf - below).abs());
            if d > bound {
                return None;
            }
        }
        Some((alpha, d))
    }

    /// The fit with `x_min` = distinct value number `k`.
    fn fit_at(&self, k: usize, alpha: f64, d: f64) -> PowerLawFit {
        let s = self.starts[k];
        let n_tail = self.x.len() - s;
        let x_min = self.x[s];
        #[allow(clippy::cast_precision_loss)]
        let m = n_tail as f64;
        let ln_min = self.ln_x[s];
        let log_likelihood =
            m * ((alpha - 1.0).ln() - ln_min) - alpha * (self.suffix[s] - m * ln_min);
        PowerLawFit {
            n: self.x.len(),
            n_tail,
            x_min,
            alpha,
            alpha_se_asymptotic: (alpha - 1.0) / m.sqrt(),
            ks_distance: d,
            log_likelihood,
        }
    }

    /// The KS-minimising fit over every candidate `x_min` (the distinct values but the
    /// largest); `None` with fewer than two distinct values.
    pub(crate) fn best_fit(&self) -> Option<PowerLawFit> {
        let candidates = self.starts.len().saturating_sub(2);
        let mut best: Option<(usize, f64, f64)> = None;
        for k in 0..candidates {
            let bound = best.map_or(f64::INFINITY, |b| b.2);
            if let Some((alpha, d)) = self.candidate(k, bound) {
                if best.is_none_or(|b| d < b.2) {
                    best = Some((k, alpha, d));
                }
            }
        }
        best.map(|(k, alpha, d)| self.fit_at(k, alpha, d))
    }

    /// The fit with `x_min` fixed at the smallest observation `≥ x_min`.
    pub(crate) fn fit_fixed(&self, x_min: f64) -> Option<PowerLawFit> {
        let k = self.starts[..self.starts.len() - 1]
            .iter()
            .position(|&s| self.x[s] >= x_min)?;
        let (alpha, d) = self.candidate(k, f64::INFINITY)?;
        Some(self.fit_at(k, alpha, d))
    }
}

/// Checks a sample: finite, positive values, at least `min` of them.
pub(crate) fn check_sample(values: &[f64], min: usize) -> Result<()> {
    if let Some((i, v)) = values
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || **v <= 0.0)
    {
        return Err(Error::spec(format!(
            "observation {i} is {v}; a power law needs finite values > 0"
        )));
    }
    if values.len() < min {
        return Err(Error::spec(format!(
            "a power-law fit needs at least {min} observations, got {}",
            values.len()
        )));
    }
    Ok(())
}

/// Fits a power-law tail to `values`, choosing `x_min` by the KS distance.
///
/// ```
/// use conflictstats::severity::fit_power_law;
///
/// // A sample that follows x^(−2.5) above 10 exactly in its quantiles, below it uniform.
/// let mut v: Vec<f64> = (1..=200).map(|i| 10.0 * (1.0 - (f64::from(i) - 0.5) / 200.0).powf(-1.0 / 1.5)).collect();
/// v.extend((1..=50).map(|i| 1.0 + 9.0 * f64::from(i) / 51.0));
/// let fit = fit_power_law(&v)?;
/// assert!((fit.alpha - 2.5).abs() < 0.1 && (fit.x_min - 10.0).abs() < 1.0);
/// assert!(fit_power_law(&[1.0, -2.0]).is_err());
/// # Ok::<(), conflictstats::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidSpec`] for a value that is not finite and positive, or a sample with
/// fewer than two distinct values.
pub fn fit_power_law(values: &[f64]) -> Result<PowerLawFit> {
    check_sample(values, 2)?;
    Sorted::new(values.to_vec())
        .best_fit()
        .ok_or_else(|| Error::spec("a power-law fit needs at least two distinct values"))
}

/// Fits the exponent with `x_min` fixed (the tail is the observations `≥ x_min`).
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid sample, or fewer than two distinct values in the tail.
pub fn fit_power_law_at(values: &[f64], x_min: f64) -> Result<PowerLawFit> {
    check_sample(values, 2)?;
    Sorted::new(values.to_vec())
        .fit_fixed(x_min)
        .filter(|f| f.n_tail >= 2)
        .ok_or_else(|| {
            Error::spec(format!(
                "fewer than two distinct observations ≥ x_min = {x_min}"
            ))
        })
}

/// How the bootstrap is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PowerLawBootstrapOptions {
    /// Replicates of each bootstrap (CSN recommend 2,500 for a p-value accurate to ±0.01).
    pub replicates: usize,
    /// Seed: same seed, same results, whatever the thread count.
    pub seed: u64,
}

impl Default for PowerLawBootstrapOptions {
    fn default() -> Self {
        PowerLawBootstrapOptions {
            replicates: crate::trend::DEFAULT_REPLICATES,
            seed: crate::trend::DEFAULT_SEED,
        }
    }
}

/// Bootstrap uncertainty of a power-law fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerLawBootstrap {
    /// Replicates of each bootstrap.
    pub replicates: usize,
    /// The seed.
    pub seed: u64,
    /// Standard deviation of α̂ over nonparametric resamples of the whole sample, each with
    /// its own `x_min` search (CSN §3.5): the uncertainty of α including that of `x_min`.
    pub alpha_se: f64,
    /// Standard deviation of the chosen `x_min` over the same resamples.
    pub x_min_se: f64,
    /// Goodness of fit (CSN §4.1): the share of synthetic samples — the fitted law above
    /// `x_min`, the observed values below it, mixed in the observed proportion — whose own
    /// fit (with its own `x_min` search) has a KS distance at least the observed one.
    /// Below 0.1, the power law is ruled out.
    pub gof_p_value: f64,
    /// Synthetic samples counted in `gof_p_value`.
    pub gof_exceed: usize,
}

/// Sample standard deviation (`n − 1`).
fn sd(v: &[f64]) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = v.len() as f64;
    if v.len() < 2 {
        return f64::NAN;
    }
    let mean = v.iter().sum::<f64>() / n;
    (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
}

const STREAM_SE: u64 = 1;
const STREAM_GOF: u64 = 2;

/// Runs both bootstraps of CSN for `fit` of `values`. Replicate `i` draws from its own
/// generator [`Rng::for_replicate`]`(seed, stream, i)`, so results do not depend on threads.
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid sample or fewer than two replicates.
pub fn bootstrap_power_law(
    values: &[f64],
    fit: &PowerLawFit,
    opts: &PowerLawBootstrapOptions,
) -> Result<PowerLawBootstrap> {
    check_sample(values, 2)?;
    if opts.replicates < 2 {
        return Err(Error::spec("the bootstrap needs at least two replicates"));
    }
    let sorted = Sorted::new(values.to_vec());
    let n = values.len();
    let reps = opts.replicates as u64;
    let resampled: Vec<(f64, f64)> = (0..reps)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng::for_replicate(opts.seed, STREAM_SE, i);
            let x: Vec<f64> = (0..n)
                .map(|_| sorted.x[rng.below(n as u64) as usize])
                .collect();
            Sorted::new(x)
                .best_fit()
                .map_or((f64::NAN, f64::NAN), |f| (f.alpha, f.x_min))
        })
        .collect();
    let alphas: Vec<f64> = resampled
        .iter()
        .map(|r| r.0)
        .filter(|a| a.is_finite())
        .collect();
    let xmins: Vec<f64> = resampled
        .iter()
        .map(|r| r.1)
        .filter(|a| a.is_finite())
        .collect();
    let body = &sorted.x[..n - fit.n_tail];
    #[allow(clippy::cast_precision_loss)]
    let p_tail = fit.n_tail as f64 / n as f64;
    let exceed = (0..reps)
        .into_par_iter()
        .filter(|&i| {
            let mut rng = Rng::for_replicate(opts.seed, STREAM_GOF, i);
            let x: Vec<f64> = (0..n)
                .map(|_| {
                    if body.is_empty() || rng.uniform() < p_tail {
                        fit.x_min * rng.uniform().powf(-1.0 / (fit.alpha - 1.0))
                    } else {
                        body[rng.below(body.len() as u64) as usize]
                    }
                })
                .collect();
            Sorted::new(x)
                .best_fit()
                .is_none_or(|f| f.ks_distance >= fit.ks_distance)
        })
        .count();
    #[allow(clippy::cast_precision_loss)]
    Ok(PowerLawBootstrap {
        replicates: opts.replicates,
        seed: opts.seed,
        alpha_se: sd(&alphas),
        x_min_se: sd(&xmins),
        gof_p_value: exceed as f64 / opts.replicates as f64,
        gof_exceed: exceed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force: every candidate, full KS, no pruning.
    fn brute(values: &[f64]) -> (f64, f64, f64) {
        let mut x = values.to_vec();
        x.sort_by(f64::total_cmp);
        let mut uniq = x.clone();
        uniq.dedup();
        let mut best = (f64::NAN, f64::NAN, f64::INFINITY);
        for &xm in &uniq[..uniq.len() - 1] {
            let tail: Vec<f64> = x.iter().copied().filter(|&v| v >= xm).collect();
            let m = tail.len() as f64;
            let a = 1.0 + m / tail.iter().map(|v| (v / xm).ln()).sum::<f64>();
            let mut d = 0.0f64;
            for &u in uniq.iter().filter(|&&u| u >= xm) {
                let below = tail.iter().filter(|&&v| v < u).count() as f64 / m;
                d = d.max((1.0 - (u / xm).powf(1.0 - a) - below).abs());
            }
            if d < best.2 {
                best = (xm, a, d);
            }
        }
        best
    }

    #[test]
    fn pruned_search_equals_brute_force() {
        let mut rng = Rng::seed_from_u64(7);
        for _ in 0..20 {
            let v: Vec<f64> = (0..300)
                .map(|_| (5.0 * rng.uniform().powf(-0.7)).round())
                .collect();
            let fit = fit_power_law(&v).unwrap();
            let (xm, a, d) = brute(&v);
            assert_eq!(fit.x_min, xm);
            assert!((fit.alpha - a).abs() < 1e-12 && (fit.ks_distance - d).abs() < 1e-12);
        }
    }

    #[test]
    fn bootstrap_is_deterministic_and_recovers_a_true_power_law() {
        let mut rng = Rng::seed_from_u64(102);
        let v: Vec<f64> = (0..400)
            .map(|_| 10.0 * rng.uniform().powf(-1.0 / 1.5))
            .collect();
        let fit = fit_power_law(&v).unwrap();
        let opts = PowerLawBootstrapOptions {
            replicates: 100,
            seed: 9,
        };
        let b = bootstrap_power_law(&v, &fit, &opts).unwrap();
        assert_eq!(b, bootstrap_power_law(&v, &fit, &opts).unwrap());
        assert!(b.gof_p_value > 0.1, "{b:?}"); // a true power law is not ruled out
        assert!(b.alpha_se > 0.0 && b.alpha_se < 0.5);
    }
}
