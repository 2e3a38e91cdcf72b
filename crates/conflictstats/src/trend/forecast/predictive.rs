//! The predictive distribution of one model at one origin: a seeded parametric bootstrap of
//! the fit, then a draw of the count from the re-fitted model's noise; and the naive
//! baselines' distributions.

use super::fit::{Fit, ForecastModel, Window};
use super::scores::{ln_pmf, quantile_sorted};
use crate::trend::diagnostics::diagnose;
use crate::trend::rng::{NegBinSampler, Rng, mix64};
use rayon::prelude::*;
use serde::Serialize;

/// The central interval levels reported and scored.
pub const LEVELS: [f64; 3] = [0.5, 0.8, 0.95];

/// Stream tag of the forecast replicates (mixed with the model and the origin year).
const STREAM_FORECAST: u64 = 0x666f_7265_6361_7374;

/// A central predictive interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PredictiveInterval {
    /// Its nominal coverage, e.g. 0.8.
    pub level: f64,
    /// Lower end (a count).
    pub low: f64,
    /// Upper end (a count).
    pub high: f64,
}

/// The predictive distribution of the count of one future year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictivePoint {
    /// The year.
    pub year: i32,
    /// Years after the origin.
    pub horizon: u32,
    /// The fitted model's mean count that year (plug-in, no noise).
    pub fitted_mean: f64,
    /// 95 % Wald interval of that mean (the GLM trend models; the fit's uncertainty alone).
    pub fitted_mean_low: Option<f64>,
    /// Its upper end.
    pub fitted_mean_high: Option<f64>,
    /// Mean of the predictive distribution.
    pub mean: f64,
    /// Its median.
    pub median: f64,
    /// Its 50, 80 and 95 % central intervals.
    pub intervals: Vec<PredictiveInterval>,
}

/// What the interval does about autocorrelated residuals: it is stated, not modelled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AutocorrelationNote {
    /// Ljung–Box p-value of the fit's Pearson residuals on the window.
    pub ljung_box_p: f64,
    /// Whether it rejects independence at 5 %.
    pub autocorrelated: bool,
    /// In words, beside the interval.
    pub note: String,
}

/// A model's bootstrap sample: per replicate and horizon the mean and the drawn count.
#[derive(Debug, Clone)]
pub(crate) struct Sample {
    pub horizon: usize,
    /// `means[r * horizon + h - 1]`.
    pub means: Vec<f64>,
    pub counts: Vec<f64>,
    /// NB dispersion of the draws at each horizon (0: Poisson).
    pub alpha: Vec<f64>,
    pub valid: usize,
}

impl Sample {
    /// The counts at horizon `h` (1-based), sorted.
    pub(crate) fn sorted_counts(&self, h: usize) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .counts
            .iter()
            .skip(h - 1)
            .step_by(self.horizon)
            .copied()
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }

    /// `ln p(y)` at horizon `h`: the model's pmf averaged over the replicates' means.
    pub(crate) fn log_pmf(&self, h: usize, y: f64) -> f64 {
        let alpha = self.alpha[h - 1];
        let terms: Vec<f64> = self
            .means
            .iter()
            .skip(h - 1)
            .step_by(self.horizon)
            .map(|&m| ln_pmf(y, m, alpha))
            .collect();
        let top = terms.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if top == f64::NEG_INFINITY {
            return top;
        }
        let s: f64 = terms.iter().map(|t| (t - top).exp()).sum();
        top + (s / terms.len() as f64).ln()
    }
}

/// The generator of replicate `r` of a model at an origin year.
fn rng(seed: u64, model: ForecastModel, origin: i32, r: usize) -> Rng {
    #[allow(clippy::cast_sign_loss)]
    let stream = mix64(STREAM_FORECAST ^ (model.index() << 40) ^ (origin as u32 as u64));
    Rng::for_replicate(seed, stream, r as u64)
}

/// The parametric bootstrap of a fitted trend model: each replicate draws the window's counts
/// around the fit (the model's own noise), re-fits the model on them (break years searched
/// again), and draws each future count around the re-fitted mean. Replicates on which the model
/// has no fit are left out and counted.
pub(crate) fn trend_sample(
    w: &Window,
    model: ForecastModel,
    fit: &Fit,
    origin: i32,
    replicates: usize,
    seed: u64,
) -> Sample {
    let sampler = NegBinSampler::new(fit.alpha);
    let hz = w.horizon;
    let draws: Vec<Option<(Vec<f64>, Vec<f64>)>> = (0..replicates)
        .into_par_iter()
        .map_init(
            || vec![0.0; w.n],
            |ys, r| {
                let mut g = rng(seed, model, origin, r);
                for (y, m) in ys.iter_mut().zip(&fit.fitted) {
                    *y = sampler.sample(&mut g, *m);
                }
                let ahead = w.ahead(model, ys, fit.alpha)?;
                let counts = ahead.iter().map(|&m| sampler.sample(&mut g, m)).collect();
                Some((ahead, counts))
            },
        )
        .collect();
    collect(draws, hz, vec![fit.alpha; hz])
}

fn collect(draws: Vec<Option<(Vec<f64>, Vec<f64>)>>, horizon: usize, alpha: Vec<f64>) -> Sample {
    let mut s = Sample {
        horizon,
        means: Vec::with_capacity(draws.len() * horizon),
        counts: Vec::with_capacity(draws.len() * horizon),
        alpha,
        valid: 0,
    };
    for (m, c) in draws.into_iter().flatten() {
        s.means.extend(m);
        s.counts.extend(c);
        s.valid += 1;
    }
    s
}

/// A baseline's point forecast from the counts `y` up to index `t` (inclusive).
fn baseline_point(model: ForecastModel, y: &[f64], t: usize, k: usize) -> Option<f64> {
    match model {
        ForecastModel::LastValue => Some(y[t]),
        _ if t + 1 >= k => Some(y[t + 1 - k..=t].iter().sum::<f64>() / k as f64),
        _ => None,
    }
}

/// A naive baseline: the point forecast with NB2 noise whose dispersion at each horizon is the
/// method-of-moments fit to the baseline's own past errors at that horizon on the window
/// (`α_h = max(0, (mean e² − mean p)/mean p²)`), so the spread carries both the year's noise
/// and the error of the point. `None` if the window has fewer than 5 past errors at `H`.
pub(crate) fn baseline_sample(
    w: &Window,
    model: ForecastModel,
    y: &[f64],
    k: usize,
    origin: i32,
    replicates: usize,
    seed: u64,
) -> Option<Sample> {
    let n = y.len();
    let point = baseline_point(model, y, n - 1, k)?;
    let mut alpha = Vec::with_capacity(w.horizon);
    for h in 1..=w.horizon {
        let pairs: Vec<(f64, f64)> = (0..n.saturating_sub(h))
            .filter_map(|t| baseline_point(model, y, t, k).map(|p| (p, y[t + h])))
            .collect();
        if pairs.len() < 5 {
            return None;
        }
        let len = pairs.len() as f64;
        let e2 = pairs.iter().map(|(p, v)| (v - p) * (v - p)).sum::<f64>() / len;
        let p1 = pairs.iter().map(|(p, _)| p).sum::<f64>() / len;
        let p2 = pairs.iter().map(|(p, _)| p * p).sum::<f64>() / len;
        alpha.push(if p2 > 0.0 {
            ((e2 - p1) / p2).max(0.0)
        } else {
            0.0
        });
    }
    let samplers: Vec<NegBinSampler> = alpha.iter().map(|&a| NegBinSampler::new(a)).collect();
    let draws: Vec<Option<(Vec<f64>, Vec<f64>)>> = (0..replicates)
        .into_par_iter()
        .map(|r| {
            let mut g = rng(seed, model, origin, r);
            let counts = samplers.iter().map(|s| s.sample(&mut g, point)).collect();
            Some((vec![point; w.horizon], counts))
        })
        .collect();
    Some(collect(draws, w.horizon, alpha))
}

/// The summary of a sample at each horizon.
pub(crate) fn points(
    sample: &Sample,
    fit: Option<&Fit>,
    origin: i32,
    baseline_point: f64,
) -> Vec<PredictivePoint> {
    (1..=sample.horizon)
        .map(|h| {
            let v = sample.sorted_counts(h);
            let mean = v.iter().sum::<f64>() / v.len().max(1) as f64;
            let ci = fit.and_then(|f| f.mean_ci[h - 1]);
            #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
            PredictivePoint {
                year: origin + h as i32,
                horizon: h as u32,
                fitted_mean: fit.map_or(baseline_point, |f| f.ahead[h - 1]),
                fitted_mean_low: ci.map(|c| c.0),
                fitted_mean_high: ci.map(|c| c.1),
                mean,
                median: quantile_sorted(&v, 0.5),
                intervals: LEVELS
                    .iter()
                    .map(|&level| PredictiveInterval {
                        level,
                        low: quantile_sorted(&v, (1.0 - level) / 2.0),
                        high: quantile_sorted(&v, (1.0 + level) / 2.0),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The autocorrelation of a fit's residuals on the window, stated beside its intervals.
pub(crate) fn autocorrelation(y: &[f64], fit: &Fit) -> AutocorrelationNote {
    let d = diagnose(y, &fit.fitted, fit.alpha, fit.params, None);
    let autocorrelated = d.autocorrelated();
    let p = d.ljung_box.p_value;
    AutocorrelationNote {
        ljung_box_p: p,
        autocorrelated,
        note: if autocorrelated {
            format!(
                "residuals autocorrelated (Ljung–Box p = {p:.3}): not modelled; the intervals assume independent years and are likely too narrow"
            )
        } else {
            format!("no residual autocorrelation detected (Ljung–Box p = {p:.3}); not modelled")
        },
    }
}
