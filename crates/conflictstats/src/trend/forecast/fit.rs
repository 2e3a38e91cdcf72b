//! The forecasting models, fitted on one window of consecutive years and re-fitted on each
//! bootstrap replicate of it, with the table of their facts ([`ForecastModel`]).
//!
//! The trend models reuse the trend report's estimators: the log-linear Poisson slope of
//! [`ConsecutiveSlope`] (the estimate of [`irls_log`] to rounding), the negative binomial fit
//! of [`negbin_from_design`] (α̂ then held fixed on the replicates: the mean is re-fitted by
//! [`irls_log`] with that α), the identity-link Poisson line of [`linear_from_design`], and the
//! break models' exhaustive search over break years of [`compare`](super::super::compare)
//! (same candidates, same order, same Poisson kernels; the log-linear regimes by
//! [`ConsecutiveSlope`], so that the search can be repeated on every replicate).

use super::super::glm::{ConsecutiveSlope, Design, irls_log, linear_from_design};
use super::super::negbin::negbin_from_design;
use super::super::shapes::{Shape, solved_seg as loglinear_seg};
use serde::Serialize;

/// A model that forecasts: the six of the trend report and two naive baselines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastModel {
    /// One log-linear curve, negative binomial (NB2) counts.
    ExponentialNegbin,
    /// One log-linear curve, Poisson counts.
    ExponentialPoisson,
    /// A straight line (identity-link Poisson).
    Linear,
    /// Two flat levels (the last one is forecast).
    Step,
    /// Two log-linear regimes (the last one is extrapolated).
    Regime,
    /// Three log-linear regimes (the last one is extrapolated).
    TwoRegimes,
    /// Naive: next year equals the last observed year.
    LastValue,
    /// Naive: next year equals the mean of the last k years.
    MeanOfLast,
}

/// The facts of each model: `(model, key, name, shape of the trend report)`.
const MODELS: [(ForecastModel, &str, &str, Option<Shape>); 8] = [
    (
        ForecastModel::ExponentialNegbin,
        "exponential_negbin",
        "exponential, negative binomial",
        Some(Shape::Exponential),
    ),
    (
        ForecastModel::ExponentialPoisson,
        "exponential_poisson",
        "exponential, Poisson",
        Some(Shape::Exponential),
    ),
    (
        ForecastModel::Linear,
        "linear",
        "linear, Poisson",
        Some(Shape::Linear),
    ),
    (
        ForecastModel::Step,
        "step",
        "step (level shift)",
        Some(Shape::Step),
    ),
    (
        ForecastModel::Regime,
        "regime",
        "regime change (1 break)",
        Some(Shape::Regime),
    ),
    (
        ForecastModel::TwoRegimes,
        "two_regimes",
        "two regime changes (2 breaks)",
        Some(Shape::TwoRegimes),
    ),
    (ForecastModel::LastValue, "last_value", "last value", None),
    (
        ForecastModel::MeanOfLast,
        "mean_of_last",
        "mean of the last k years",
        None,
    ),
];

impl ForecastModel {
    /// Every model, in the order of the tables.
    pub const ALL: [ForecastModel; 8] = [
        ForecastModel::ExponentialNegbin,
        ForecastModel::ExponentialPoisson,
        ForecastModel::Linear,
        ForecastModel::Step,
        ForecastModel::Regime,
        ForecastModel::TwoRegimes,
        ForecastModel::LastValue,
        ForecastModel::MeanOfLast,
    ];

    fn facts(self) -> &'static (ForecastModel, &'static str, &'static str, Option<Shape>) {
        MODELS.iter().find(|m| m.0 == self).unwrap_or(&MODELS[0])
    }

    /// Its stable key (the trend report's model keys, `last_value`, `mean_of_last`).
    #[must_use]
    pub fn key(self) -> &'static str {
        self.facts().1
    }

    /// Its name.
    #[must_use]
    pub fn name(self) -> &'static str {
        self.facts().2
    }

    /// The trend report's shape it forecasts (`None`: a naive baseline).
    #[must_use]
    pub fn shape(self) -> Option<Shape> {
        self.facts().3
    }

    /// Whether it is a naive baseline.
    #[must_use]
    pub fn is_baseline(self) -> bool {
        self.shape().is_none()
    }

    /// Its index in [`ForecastModel::ALL`] (seeds the model's replicate stream).
    pub(crate) fn index(self) -> u64 {
        Self::ALL.iter().position(|m| *m == self).unwrap_or(0) as u64
    }
}

/// One model fitted on a window.
#[derive(Debug, Clone)]
pub(crate) struct Fit {
    /// In-sample means, one per year of the window (replicates are drawn around them).
    pub fitted: Vec<f64>,
    /// The model's mean count at `h = 1…H` after the window's last year.
    pub ahead: Vec<f64>,
    /// The noise's NB2 dispersion (0: Poisson).
    pub alpha: f64,
    /// Break indices into the window.
    pub cuts: Vec<usize>,
    /// Fitted mean parameters (for the residual diagnostics).
    pub params: usize,
    /// The 95 % Wald interval of the mean at each horizon (the GLM trend models).
    pub mean_ci: Vec<Option<(f64, f64)>>,
}

/// A window of consecutive years, with what every fit and refit on it shares.
pub(crate) struct Window {
    pub n: usize,
    pub horizon: usize,
    pub min_segment: usize,
    /// Centred years (the trend report's design).
    pub x: Vec<f64>,
    pub center: f64,
    /// A slope solver per segment length (index = length), started at the window's slope.
    solvers: Vec<Option<ConsecutiveSlope>>,
}

/// A flat level's fit: `(ln mean, 0, kernel)`.
fn level_seg(y: &[f64]) -> (f64, f64, f64) {
    let s: f64 = y.iter().sum();
    let m = s / y.len() as f64;
    (m.ln(), 0.0, if s > 0.0 { s * m.ln() - s } else { 0.0 })
}

impl Window {
    pub(crate) fn new(years: &[i32], y: &[f64], horizon: usize, min_segment: usize) -> Window {
        let n = y.len();
        let center = years.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64;
        let x: Vec<f64> = years.iter().map(|&v| f64::from(v) - center).collect();
        let start = irls_log(&x, y, 0.0, None).map_or(0.0, |f| f.1);
        let solvers = (0..=n)
            .map(|len| (len >= 2).then(|| ConsecutiveSlope::new(len, start)))
            .collect();
        Window {
            n,
            horizon,
            min_segment: min_segment.max(2),
            x,
            center,
            solvers,
        }
    }

    /// The centred year `h` years after the window.
    fn x_ahead(&self, h: usize) -> f64 {
        self.x[self.n - 1] + h as f64
    }

    fn seg(&self, y: &[f64], loglinear: bool) -> Option<(f64, f64, f64)> {
        if loglinear {
            loglinear_seg(self.solvers[y.len()].as_ref()?, y)
        } else {
            Some(level_seg(y))
        }
    }

    /// The best cuts of a break model by exhaustive search (the candidates and order of the
    /// shape comparison: the first best wins), with each segment's `(a, b)`. Each segment
    /// `[s, e)` is fitted once (a two-break search meets most of them many times).
    fn search(&self, y: &[f64], breaks: usize, loglinear: bool) -> Option<BreakSearch> {
        let (n, m) = (self.n, self.min_segment);
        let mut memo: Vec<Option<Option<(f64, f64, f64)>>> = vec![None; (n + 1) * (n + 1)];
        let mut seg = |s: usize, e: usize| {
            *memo[s * (n + 1) + e].get_or_insert_with(|| self.seg(&y[s..e], loglinear))
        };
        let mut best: Option<(Vec<usize>, f64)> = None;
        let mut consider = |cuts: &[usize], kernel: f64| {
            if best.as_ref().is_none_or(|(_, k)| kernel > *k) {
                best = Some((cuts.to_vec(), kernel));
            }
        };
        if breaks == 1 && n >= 2 * m {
            for c in m..=n - m {
                if let (Some(l), Some(r)) = (seg(0, c), seg(c, n)) {
                    consider(&[c], l.2 + r.2);
                }
            }
        } else if breaks == 2 && n >= 3 * m {
            for c1 in m..=n - 2 * m {
                let Some(l) = seg(0, c1) else { continue };
                for c2 in c1 + m..=n - m {
                    if let (Some(mid), Some(r)) = (seg(c1, c2), seg(c2, n)) {
                        consider(&[c1, c2], l.2 + mid.2 + r.2);
                    }
                }
            }
        }
        let (cuts, _) = best?;
        let mut bounds = vec![0];
        bounds.extend_from_slice(&cuts);
        bounds.push(n);
        let segs = bounds
            .windows(2)
            .map(|w| seg(w[0], w[1]).map(|f| (f.0, f.1)))
            .collect::<Option<Vec<_>>>()?;
        Some(BreakSearch { cuts, segs })
    }

    /// The means ahead of a model fitted on `y` (a replicate or the data), written to `out`;
    /// `None` if the model has no fit on `y`. `alpha` is the NB dispersion held fixed.
    pub(crate) fn ahead(&self, model: ForecastModel, y: &[f64], alpha: f64) -> Option<Vec<f64>> {
        let hs = 1..=self.horizon;
        match model {
            ForecastModel::ExponentialPoisson | ForecastModel::ExponentialNegbin => {
                let (a, b) = self.loglinear(model, y, alpha)?;
                Some(hs.map(|h| (a + b * self.x_ahead(h)).exp()).collect())
            }
            ForecastModel::Linear => {
                let d = Design {
                    center: self.center,
                    x: self.x.clone(),
                    y: y.to_vec(),
                };
                let l = linear_from_design(&d).ok()?;
                Some(
                    hs.map(|h| (l.intercept + l.slope * self.x_ahead(h)).max(0.0))
                        .collect(),
                )
            }
            ForecastModel::Step | ForecastModel::Regime | ForecastModel::TwoRegimes => {
                let s = self.break_search(model, y)?;
                let start = *s.cuts.last()?;
                let (a, b) = *s.segs.last()?;
                let t0 = (self.n - 1 - start) as f64;
                Some(hs.map(|h| (a + b * (t0 + h as f64)).exp()).collect())
            }
            ForecastModel::LastValue | ForecastModel::MeanOfLast => None,
        }
    }

    fn break_search(&self, model: ForecastModel, y: &[f64]) -> Option<BreakSearch> {
        match model {
            ForecastModel::Step => self.search(y, 1, false),
            ForecastModel::Regime => self.search(y, 1, true),
            _ => self.search(y, 2, true),
        }
    }

    /// `(intercept, slope)` on the centred year of a log-linear fit.
    fn loglinear(&self, model: ForecastModel, y: &[f64], alpha: f64) -> Option<(f64, f64)> {
        if model == ForecastModel::ExponentialNegbin && alpha > 0.0 {
            let (a, b, _) = irls_log(&self.x, y, alpha, None)?;
            return Some((a, b));
        }
        let (a0, b, _) = loglinear_seg(self.solvers[self.n].as_ref()?, y)?;
        Some((a0 - b * self.x[0], b))
    }

    /// The model fitted on the data `y`.
    pub(crate) fn fit(&self, model: ForecastModel, y: &[f64]) -> Option<Fit> {
        let mut cuts = Vec::new();
        let mut mean_ci = vec![None; self.horizon];
        let (fitted, alpha, params) = match model {
            ForecastModel::ExponentialPoisson | ForecastModel::ExponentialNegbin => {
                let alpha = if model == ForecastModel::ExponentialNegbin {
                    let d = Design::new(&self.years_stub(), y).ok()?;
                    negbin_from_design(&d).ok()?.alpha
                } else {
                    0.0
                };
                let (a, b) = self.loglinear(model, y, alpha)?;
                let fitted: Vec<f64> = self.x.iter().map(|x| (a + b * x).exp()).collect();
                mean_ci = self.loglinear_ci(&fitted, alpha, a, b);
                (fitted, alpha, 2)
            }
            ForecastModel::Linear => {
                let d = Design::new(&self.years_stub(), y).ok()?;
                let l = linear_from_design(&d).ok()?;
                let fitted: Vec<f64> = self.x.iter().map(|x| l.intercept + l.slope * x).collect();
                mean_ci = self.linear_ci(&fitted, l.intercept, l.slope);
                (fitted, 0.0, 2)
            }
            ForecastModel::Step | ForecastModel::Regime | ForecastModel::TwoRegimes => {
                let s = self.break_search(model, y)?;
                let mut bounds = vec![0];
                bounds.extend_from_slice(&s.cuts);
                bounds.push(self.n);
                let mut fitted = Vec::with_capacity(self.n);
                for (w, (a, b)) in bounds.windows(2).zip(&s.segs) {
                    fitted.extend((0..w[1] - w[0]).map(|i| (a + b * i as f64).exp()));
                }
                let per = if model == ForecastModel::Step { 1 } else { 2 };
                cuts = s.cuts;
                (fitted, 0.0, per * (cuts.len() + 1))
            }
            ForecastModel::LastValue | ForecastModel::MeanOfLast => return None,
        };
        let ahead = self.ahead(model, y, alpha)?;
        Some(Fit {
            fitted,
            ahead,
            alpha,
            cuts,
            params,
            mean_ci,
        })
    }

    /// Consecutive integer years with the window's centre (for [`Design::new`]'s checks).
    fn years_stub(&self) -> Vec<i32> {
        #[allow(clippy::cast_possible_truncation)]
        self.x
            .iter()
            .map(|x| (x + self.center).round() as i32)
            .collect()
    }

    /// The Wald 95 % interval of `exp(a + b x)` ahead: the GLM's expected information
    /// `Σ w (1, x)(1, x)ᵀ`, `w = μ/(1 + αμ)` (α held fixed, as a GLM with a known α).
    fn loglinear_ci(&self, mu: &[f64], alpha: f64, a: f64, b: f64) -> Vec<Option<(f64, f64)>> {
        let w: Vec<f64> = mu.iter().map(|m| m / (1.0 + alpha * m)).collect();
        self.wald(&w, |x| {
            let eta = a + b * x;
            move |se: f64| ((eta - Z * se).exp(), (eta + Z * se).exp())
        })
    }

    /// The Wald 95 % interval of the line ahead (identity link: `w = 1/μ`).
    fn linear_ci(&self, mu: &[f64], a: f64, b: f64) -> Vec<Option<(f64, f64)>> {
        let w: Vec<f64> = mu.iter().map(|m| 1.0 / m).collect();
        self.wald(&w, |x| {
            let eta = a + b * x;
            move |se: f64| (eta - Z * se, eta + Z * se)
        })
    }

    fn wald<F, G>(&self, w: &[f64], at: F) -> Vec<Option<(f64, f64)>>
    where
        F: Fn(f64) -> G,
        G: Fn(f64) -> (f64, f64),
    {
        let (mut h00, mut h01, mut h11) = (0.0, 0.0, 0.0);
        for (wi, xi) in w.iter().zip(&self.x) {
            h00 += wi;
            h01 += wi * xi;
            h11 += wi * xi * xi;
        }
        let det = h00 * h11 - h01 * h01;
        (1..=self.horizon)
            .map(|h| {
                let x = self.x_ahead(h);
                if !(det > 0.0 && det.is_finite()) {
                    return None;
                }
                let var = (h11 - 2.0 * x * h01 + x * x * h00) / det;
                Some(at(x)(var.max(0.0).sqrt()))
            })
            .collect()
    }
}

const Z: f64 = super::super::glm::Z_95;

/// A break model's best cuts and segments `(a, b)` (`a` at the segment's first year).
struct BreakSearch {
    cuts: Vec<usize>,
    segs: Vec<(f64, f64)>,
}
