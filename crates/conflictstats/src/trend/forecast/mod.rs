//! Where is it heading? Forecasts from every trend shape, scored out of sample.
//!
//! A shape is a claim about the future too: "rising exponentially" says what next year should
//! bring. For each model of the trend report — exponential (Poisson and negative binomial),
//! linear, step, one and two regime changes — and two naive baselines (the last value; the mean
//! of the last *k* years), [`forecast`] gives the **predictive distribution** of the count
//! *h* = 1…*H* years after the origin (the window's last year): its mean, median and 50/80/95 %
//! central intervals.
//!
//! **How the intervals are made.** A seeded parametric bootstrap carries both the count's own
//! noise and the uncertainty of the fit. Each replicate draws the window's counts around the
//! fitted means with the model's noise (Poisson; negative binomial with α̂ for the NB model),
//! **re-fits the model** on them — for break models the break search is repeated, so the break
//! year varies across replicates as the data allow — and draws each future count around the
//! re-fitted mean with the same noise. The predictive sample is the drawn counts; its quantiles
//! are order statistics. The NB model's α̂ is held fixed on the replicates (its uncertainty is
//! not carried). The naive baselines have no fit to re-fit: their spread is a negative binomial
//! around the point whose dispersion at each horizon is fitted to the baseline's own past errors
//! on the window (so it carries noise and the point's error).
//!
//! **Autocorrelated residuals are stated, not modelled.** Each model's forecast carries the
//! Ljung–Box test of its residuals on the window ([`AutocorrelationNote`]); when it rejects,
//! the note says the intervals assume independent years and are likely too narrow. The
//! backtest's coverage shows how much.
//!
//! Replicate *r* of a model at origin *t* has its own generator, a function of the seed, the
//! model, *t* and *r* only: the same numbers whatever the thread count, and the forecast at an
//! origin equals the backtest's forecast from it. The fit window is the `window_years` years
//! ending at the origin (30, as the trend report), or the series from its start if shorter.
//!
//! [`backtest`] scores every model from rolling origins against the years that followed (CRPS,
//! log score, coverage, interval score, MAE of the median: see [`scores`]) and gives the
//! predictive verdict; [`release_test`] fits on one release and scores the next release's new
//! year, beside the revisions between the two.
//!
//! ```
//! use conflictstats::trend::forecast::{ForecastModel, ForecastOptions, forecast};
//!
//! let years: Vec<i32> = (1995..=2024).collect();
//! let counts: Vec<f64> = years.iter().map(|&y| if y < 2014 { 36.0 } else { 55.0 }).collect();
//! let opts = ForecastOptions { replicates: 200, ..ForecastOptions::default() };
//! let f = forecast(&years, &counts, &opts)?;
//! assert_eq!((f.origin, f.window_start), (2024, 1995));
//! let step = f.model(ForecastModel::Step).expect("the step is fitted");
//! assert_eq!(step.break_years, [2014]);
//! assert_eq!(step.points[0].year, 2025);
//! assert!((step.points[0].fitted_mean - 55.0).abs() < 1e-9);
//! let i95 = step.points[0].intervals[2];
//! assert!(i95.low < 55.0 && 55.0 < i95.high);
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod backtest;
mod fit;
#[cfg(feature = "polars")]
mod frame;
mod predictive;
mod release;
mod report;
pub mod scores;

pub use backtest::{
    Backtest, BacktestCase, BacktestOptions, BacktestScore, PredictiveVerdict, Rival, backtest,
    verdict_section,
};
pub use fit::ForecastModel;
pub use predictive::{AutocorrelationNote, LEVELS, PredictiveInterval, PredictivePoint};
pub use release::{ReleaseTest, Revision, later_release, release_test, release_test_tables};
pub use report::ForecastReport;
pub use scores::{crps_ensemble, interval_score, ln_pmf, quantile_sorted};

use crate::error::{Error, Result};
use fit::Window;
use predictive::{Sample, autocorrelation, baseline_sample, points, trend_sample};
use serde::Serialize;

/// Default number of years ahead.
pub const DEFAULT_HORIZON: u32 = 5;
/// Default `k` of the mean-of-the-last-k-years baseline.
pub const DEFAULT_MEAN_OF_LAST: usize = 5;
/// At most this many years ahead.
pub const MAX_HORIZON: u32 = 30;

/// What to forecast.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ForecastOptions {
    /// Years ahead, `H` (default 5).
    pub horizon: u32,
    /// The origin: the last year fitted (default: the last year of the series).
    pub origin: Option<i32>,
    /// Years of the fit window ending at the origin (default 30).
    pub window_years: usize,
    /// Bootstrap replicates (default 1,000).
    pub replicates: usize,
    /// Seed (default 42).
    pub seed: u64,
    /// Shortest regime of the break models (default 5, as the shape comparison).
    pub min_segment: usize,
    /// `k` of the mean-of-the-last-k-years baseline (default 5).
    pub mean_of_last: usize,
}

impl Default for ForecastOptions {
    fn default() -> Self {
        ForecastOptions {
            horizon: DEFAULT_HORIZON,
            origin: None,
            window_years: 30,
            replicates: crate::trend::DEFAULT_REPLICATES,
            seed: crate::trend::DEFAULT_SEED,
            min_segment: 5,
            mean_of_last: DEFAULT_MEAN_OF_LAST,
        }
    }
}

/// One model's forecast from one origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelForecast {
    /// The model.
    pub model: ForecastModel,
    /// Its name.
    pub name: String,
    /// The count's noise, e.g. `Poisson`, `negative binomial (α = 0.0123)`.
    pub noise: String,
    /// Break years of the fit on the data (break models).
    pub break_years: Vec<i32>,
    /// Replicates with a fit (the others are left out).
    pub valid_replicates: usize,
    /// The predictive distribution at each horizon.
    pub points: Vec<PredictivePoint>,
    /// Residual autocorrelation on the window (trend models): stated, not modelled.
    pub autocorrelation: Option<AutocorrelationNote>,
}

/// Every model's forecast from one origin.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastSet {
    /// The last year fitted.
    pub origin: i32,
    /// First year of the fit window.
    pub window_start: i32,
    /// Last year of the fit window (the origin).
    pub window_end: i32,
    /// The options.
    pub options: ForecastOptions,
    /// How the intervals are made, in words.
    pub method: String,
    /// The models that could be fitted, in [`ForecastModel::ALL`] order.
    pub models: Vec<ModelForecast>,
    /// Why a model is missing, if one is.
    pub notes: Vec<String>,
}

impl ForecastSet {
    /// The forecast of a model, if it was fitted.
    #[must_use]
    pub fn model(&self, model: ForecastModel) -> Option<&ModelForecast> {
        self.models.iter().find(|m| m.model == model)
    }
}

/// The method sentence of a set of options.
pub(crate) fn method_text(o: &ForecastOptions) -> String {
    format!(
        "parametric bootstrap, {} replicates, seed {}: counts drawn around each fit, the model re-fitted (break years searched again), the future count drawn around the re-fitted mean; naive baselines: negative binomial fitted to their own past errors; residual autocorrelation stated, not modelled",
        o.replicates, o.seed
    )
}

/// Checks the options and a consecutive series; returns the window's index range.
pub(crate) fn window_of(
    years: &[i32],
    counts: &[f64],
    o: &ForecastOptions,
    origin: i32,
) -> Result<std::ops::Range<usize>> {
    crate::trend::glm::Design::new(years, counts)?;
    if let Some(w) = years.windows(2).find(|w| w[1] != w[0] + 1) {
        return Err(Error::spec(format!(
            "a forecast needs consecutive years; {} is followed by {}",
            w[0], w[1]
        )));
    }
    if o.horizon == 0 || o.horizon > MAX_HORIZON {
        return Err(Error::spec(format!(
            "horizon {} is not between 1 and {MAX_HORIZON} years",
            o.horizon
        )));
    }
    if o.replicates == 0 || o.replicates > crate::trend::bootstrap::MAX_REPLICATES {
        return Err(Error::spec(format!(
            "{} replicates asked for; a forecast needs between 1 and {}",
            o.replicates,
            crate::trend::bootstrap::MAX_REPLICATES
        )));
    }
    if o.mean_of_last == 0 {
        return Err(Error::spec("the mean of the last k years needs k ≥ 1"));
    }
    let end = years.iter().position(|&y| y == origin).ok_or_else(|| {
        Error::spec(format!(
            "origin {origin} is outside the series ({}–{})",
            years[0],
            years[years.len() - 1]
        ))
    })? + 1;
    let start = end.saturating_sub(o.window_years.max(1));
    if end - start < 10 {
        return Err(Error::spec(format!(
            "a forecast needs at least 10 years up to the origin; {}–{origin} has {}",
            years[start],
            end - start
        )));
    }
    Ok(start..end)
}

/// Every model's predictive distribution `1…H` years after the origin.
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid series (see [`fit_poisson`](super::fit_poisson)),
/// years that are not consecutive, an origin outside the series, fewer than 10 years up to
/// it, a horizon outside `1…30`, or a replicate count outside `1…100,000`.
pub fn forecast(years: &[i32], counts: &[f64], opts: &ForecastOptions) -> Result<ForecastSet> {
    let origin = opts.origin.unwrap_or(years[years.len().saturating_sub(1)]);
    let range = window_of(years, counts, opts, origin)?;
    let (models, notes, _) = at_origin(&years[range.clone()], &counts[range.clone()], opts);
    Ok(ForecastSet {
        origin,
        window_start: years[range.start],
        window_end: origin,
        options: *opts,
        method: method_text(opts),
        models,
        notes,
    })
}

/// Every model at one window: forecasts, notes, and the samples (for scoring).
pub(crate) fn at_origin(
    years: &[i32],
    y: &[f64],
    o: &ForecastOptions,
) -> (Vec<ModelForecast>, Vec<String>, Vec<Sample>) {
    let origin = years[years.len() - 1];
    let w = Window::new(years, y, o.horizon as usize, o.min_segment);
    let results: Vec<std::result::Result<(ModelForecast, Sample), String>> = ForecastModel::ALL
        .iter()
        .map(|&m| one_model(&w, m, y, origin, o))
        .collect();
    let (mut models, mut notes, mut samples) = (Vec::new(), Vec::new(), Vec::new());
    for r in results {
        match r {
            Ok((f, s)) => {
                models.push(f);
                samples.push(s);
            }
            Err(note) => notes.push(note),
        }
    }
    (models, notes, samples)
}

fn one_model(
    w: &Window,
    model: ForecastModel,
    y: &[f64],
    origin: i32,
    o: &ForecastOptions,
) -> std::result::Result<(ModelForecast, Sample), String> {
    let (reps, seed) = (o.replicates, o.seed);
    let missing = |why: &str| format!("{}: {why}", model.name());
    if model.is_baseline() {
        let k = o.mean_of_last;
        let s = baseline_sample(w, model, y, k, origin, reps, seed)
            .ok_or_else(|| missing("fewer than 5 past errors on the window at the last horizon"))?;
        let point = s.means[0];
        let name = if model == ForecastModel::MeanOfLast {
            format!("mean of the last {k} years")
        } else {
            model.name().into()
        };
        let f = ModelForecast {
            model,
            name,
            noise: "negative binomial fitted to the baseline's past errors".into(),
            break_years: Vec::new(),
            valid_replicates: s.valid,
            points: points(&s, None, origin, point),
            autocorrelation: None,
        };
        return Ok((f, s));
    }
    let fit = w.fit(model, y).ok_or_else(|| {
        missing("no fit on the window (too short for the regimes, or no finite maximum)")
    })?;
    let s = trend_sample(w, model, &fit, origin, reps, seed);
    if s.valid == 0 {
        return Err(missing("no replicate could be re-fitted"));
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let first = origin - (y.len() as i32 - 1);
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let f = ModelForecast {
        model,
        name: model.name().into(),
        noise: match (model, fit.alpha > 0.0) {
            (_, true) => format!("negative binomial (α = {:.4}, held fixed)", fit.alpha),
            (ForecastModel::ExponentialNegbin, false) => {
                "Poisson (the negative binomial's α̂ is 0: no overdispersion around the curve)"
                    .into()
            }
            _ => "Poisson".into(),
        },
        break_years: fit.cuts.iter().map(|&c| first + c as i32).collect(),
        valid_replicates: s.valid,
        points: points(&s, Some(&fit), origin, f64::NAN),
        autocorrelation: Some(autocorrelation(y, &fit)),
    };
    Ok((f, s))
}

#[cfg(test)]
mod tests;
