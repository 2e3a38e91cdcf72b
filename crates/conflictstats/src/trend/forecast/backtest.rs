//! Rolling-origin backtest: forecast from each origin year with only the data up to it, score
//! against what followed, and say which model forecasts best.

use super::fit::ForecastModel;
use super::predictive::{LEVELS, Sample};
use super::scores::{crps_ensemble, interval_score};
use super::{ForecastOptions, at_origin, method_text, window_of};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;

/// What to backtest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BacktestOptions {
    /// The first origin (default 2000); origins run to the last year − 1.
    pub from: i32,
    /// The forecasts (horizon, window, replicates, seed, …); its `origin` is ignored.
    pub forecast: ForecastOptions,
}

impl Default for BacktestOptions {
    fn default() -> Self {
        BacktestOptions {
            from: 2000,
            forecast: ForecastOptions::default(),
        }
    }
}

/// One scored forecast: a model, an origin, a horizon.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestCase {
    /// The model.
    pub model: ForecastModel,
    /// The origin (last year fitted).
    pub origin: i32,
    /// Years ahead.
    pub horizon: u32,
    /// The forecast year.
    pub year: i32,
    /// The count then observed.
    pub observed: f64,
    /// The predictive median.
    pub median: f64,
    /// The 50, 80, 95 % interval ends `(low, high)`.
    pub intervals: Vec<(f64, f64)>,
    /// CRPS.
    pub crps: f64,
    /// Log score `−ln p(observed)`.
    pub log_score: f64,
}

/// A model's scores at one horizon, averaged over the origins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacktestScore {
    /// The model.
    pub model: ForecastModel,
    /// Years ahead.
    pub horizon: u32,
    /// Forecasts scored.
    pub n: usize,
    /// Mean CRPS (lower is better).
    pub crps: f64,
    /// Mean log score (lower is better).
    pub log_score: f64,
    /// Share of observations inside the 50, 80, 95 % intervals.
    pub coverage: Vec<f64>,
    /// Mean interval score of the 50, 80, 95 % intervals.
    pub interval_score: Vec<f64>,
    /// Mean absolute error of the median.
    pub mae_median: f64,
}

/// A model against the best exponential model, by mean CRPS over all horizons.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rival {
    /// The rival model.
    pub model: ForecastModel,
    /// Its mean CRPS over all horizons.
    pub crps: f64,
    /// Whether the exponential model's is lower.
    pub exponential_better: bool,
}

/// Which model forecasts best out of sample, and how "exponential" fares.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PredictiveVerdict {
    /// Lowest mean CRPS at h = 1.
    pub best_h1: ForecastModel,
    /// Its mean CRPS at h = 1.
    pub best_h1_crps: f64,
    /// Lowest mean CRPS averaged over the horizons (each horizon weighted equally).
    pub best_overall: ForecastModel,
    /// That average.
    pub best_overall_crps: f64,
    /// The better of the two exponential models overall.
    pub exponential: ForecastModel,
    /// Its average.
    pub exponential_crps: f64,
    /// The step and the naive baselines against it.
    pub rivals: Vec<Rival>,
    /// One sentence.
    pub sentence: String,
}

/// The backtest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// First origin.
    pub from: i32,
    /// Last origin.
    pub to: i32,
    /// The options.
    pub options: BacktestOptions,
    /// How the intervals are made.
    pub method: String,
    /// Per model and horizon.
    pub scores: Vec<BacktestScore>,
    /// Every scored forecast.
    pub cases: Vec<BacktestCase>,
    /// The verdict (`None` if no exponential model was scored).
    pub verdict: Option<PredictiveVerdict>,
    /// Models missing at some origins, and why.
    pub notes: Vec<String>,
}

/// Scores every model from each origin `from…last − 1` against the following years.
///
/// # Errors
/// As [`forecast`](super::forecast) at the first origin; or `from` not before the last year.
pub fn backtest(years: &[i32], counts: &[f64], opts: &BacktestOptions) -> Result<Backtest> {
    let last = *years
        .last()
        .ok_or_else(|| Error::spec("an empty series has nothing to backtest"))?;
    if opts.from >= last {
        return Err(Error::spec(format!(
            "the first origin {} must come before the last year {last}",
            opts.from
        )));
    }
    let o = opts.forecast;
    window_of(years, counts, &o, opts.from)?;
    let origins: Vec<i32> = (opts.from..last).collect();
    let per_origin: Vec<(Vec<BacktestCase>, Vec<String>)> = origins
        .par_iter()
        .map(|&t| {
            let Ok(range) = window_of(years, counts, &o, t) else {
                return (Vec::new(), vec![format!("origin {t}: no window")]);
            };
            let (models, notes, samples) = at_origin(&years[range.clone()], &counts[range], &o);
            let cases = models
                .iter()
                .zip(&samples)
                .flat_map(|(m, s)| score_origin(m.model, s, t, years, counts))
                .collect();
            let notes = notes
                .into_iter()
                .map(|n| format!("origin {t}: {n}"))
                .collect();
            (cases, notes)
        })
        .collect();
    let (mut cases, mut notes) = (Vec::new(), Vec::new());
    for (c, n) in per_origin {
        cases.extend(c);
        notes.extend(n);
    }
    let scores = aggregate(&cases, o.horizon);
    let verdict = verdict(&scores, opts.from, last - 1, o.horizon);
    Ok(Backtest {
        from: opts.from,
        to: last - 1,
        options: *opts,
        method: method_text(&o),
        scores,
        cases,
        verdict,
        notes,
    })
}

/// The cases of one model at one origin: every horizon whose year is observed.
fn score_origin(
    model: ForecastModel,
    s: &Sample,
    origin: i32,
    years: &[i32],
    counts: &[f64],
) -> Vec<BacktestCase> {
    let mut out = Vec::new();
    for h in 1..=s.horizon {
        #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
        let year = origin + h as i32;
        let Some(i) = years.iter().position(|&y| y == year) else {
            continue;
        };
        out.push(score_case(model, s, origin, h, counts[i]));
    }
    out
}

/// One case's scores.
pub(crate) fn score_case(
    model: ForecastModel,
    s: &Sample,
    origin: i32,
    h: usize,
    observed: f64,
) -> BacktestCase {
    let v = s.sorted_counts(h);
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    BacktestCase {
        model,
        origin,
        horizon: h as u32,
        year: origin + h as i32,
        observed,
        median: super::quantile_sorted(&v, 0.5),
        intervals: LEVELS
            .iter()
            .map(|l| {
                (
                    super::quantile_sorted(&v, (1.0 - l) / 2.0),
                    super::quantile_sorted(&v, (1.0 + l) / 2.0),
                )
            })
            .collect(),
        crps: crps_ensemble(&v, observed),
        log_score: -s.log_pmf(h, observed),
    }
}

fn aggregate(cases: &[BacktestCase], horizon: u32) -> Vec<BacktestScore> {
    let mut out = Vec::new();
    for model in ForecastModel::ALL {
        for h in 1..=horizon {
            let c: Vec<&BacktestCase> = cases
                .iter()
                .filter(|c| c.model == model && c.horizon == h)
                .collect();
            if c.is_empty() {
                continue;
            }
            let n = c.len() as f64;
            let mean = |f: &dyn Fn(&BacktestCase) -> f64| c.iter().map(|x| f(x)).sum::<f64>() / n;
            out.push(BacktestScore {
                model,
                horizon: h,
                n: c.len(),
                crps: mean(&|x| x.crps),
                log_score: mean(&|x| x.log_score),
                coverage: (0..LEVELS.len())
                    .map(|k| {
                        mean(&|x| {
                            let (lo, hi) = x.intervals[k];
                            f64::from(u8::from(lo <= x.observed && x.observed <= hi))
                        })
                    })
                    .collect(),
                interval_score: LEVELS
                    .iter()
                    .enumerate()
                    .map(|(k, l)| {
                        mean(&|x| {
                            let (lo, hi) = x.intervals[k];
                            interval_score(1.0 - l, lo, hi, x.observed)
                        })
                    })
                    .collect(),
                mae_median: mean(&|x| (x.median - x.observed).abs()),
            });
        }
    }
    out
}

/// Mean CRPS over the horizons (each weighted equally) of a model scored at every horizon.
fn overall(scores: &[BacktestScore], model: ForecastModel, horizon: u32) -> Option<f64> {
    let s: Vec<f64> = scores
        .iter()
        .filter(|s| s.model == model)
        .map(|s| s.crps)
        .collect();
    (s.len() == horizon as usize).then(|| s.iter().sum::<f64>() / s.len() as f64)
}

fn verdict(
    scores: &[BacktestScore],
    from: i32,
    to: i32,
    horizon: u32,
) -> Option<PredictiveVerdict> {
    let best_h1 = scores
        .iter()
        .filter(|s| s.horizon == 1)
        .min_by(|a, b| a.crps.total_cmp(&b.crps))?;
    let all: Vec<(ForecastModel, f64)> = ForecastModel::ALL
        .iter()
        .filter_map(|&m| overall(scores, m, horizon).map(|c| (m, c)))
        .collect();
    let best = *all.iter().min_by(|a, b| a.1.total_cmp(&b.1))?;
    let exp = *all
        .iter()
        .filter(|(m, _)| m.shape() == Some(crate::trend::Shape::Exponential))
        .min_by(|a, b| a.1.total_cmp(&b.1))?;
    let rivals: Vec<Rival> = all
        .iter()
        .filter(|(m, _)| m.is_baseline() || *m == ForecastModel::Step)
        .map(|&(model, crps)| Rival {
            model,
            crps,
            exponential_better: exp.1 < crps,
        })
        .collect();
    let (won, lost): (Vec<&Rival>, Vec<&Rival>) = rivals.iter().partition(|r| r.exponential_better);
    let list = |v: &[&Rival]| {
        v.iter()
            .map(|r| format!("{} ({:.2})", r.model.name(), r.crps))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut sentence = format!(
        "Out of sample (origins {from}–{to}, 1–{horizon} years ahead), {} forecasts best (mean CRPS {:.2}; at 1 year: {}, {:.2}); exponential ({}) scores {:.2}",
        best.0.name(),
        best.1,
        best_h1.model.name(),
        best_h1.crps,
        exp.0.name(),
        exp.1
    );
    if !won.is_empty() {
        sentence.push_str(&format!(", better than {}", list(&won)));
    }
    if !lost.is_empty() {
        sentence.push_str(&format!(
            "{} worse than {}",
            if won.is_empty() { "," } else { " but" },
            list(&lost)
        ));
    }
    sentence.push('.');
    Some(PredictiveVerdict {
        best_h1: best_h1.model,
        best_h1_crps: best_h1.crps,
        best_overall: best.0,
        best_overall_crps: best.1,
        exponential: exp.0,
        exponential_crps: exp.1,
        rivals,
        sentence,
    })
}

/// The predictive verdict as a table: each model's mean CRPS at 1 year and over all horizons,
/// then the verdict's sentence (the trend report's `predictive` section).
#[must_use]
pub fn verdict_section(b: &Backtest) -> crate::trend::Section {
    let h = b.options.forecast.horizon;
    let mut s = crate::trend::Section::new(
        "predictive",
        &format!(
            "Out of sample: rolling origins {}–{}, {} replicates, mean CRPS (lower is better)",
            b.from, b.to, b.options.forecast.replicates
        ),
        &[
            "model",
            "CRPS 1 year ahead",
            &format!("CRPS 1–{h} years"),
            "cover 95 % (1 year)",
        ],
    );
    for m in ForecastModel::ALL {
        let Some(h1) = b.scores.iter().find(|x| x.model == m && x.horizon == 1) else {
            continue;
        };
        s.push_row(vec![
            m.name().to_string(),
            format!("{:.2}", h1.crps),
            overall(&b.scores, m, h).map_or_else(|| "—".into(), |v| format!("{v:.2}")),
            format!("{:.0} %", 100.0 * h1.coverage[2]),
        ]);
    }
    if let Some(v) = &b.verdict {
        s.notes.push(v.sentence.clone());
    }
    s
}
