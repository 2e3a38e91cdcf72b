//! A shape claim ("rising exponentially") checked with the trend models, per form of violence.

use super::model::{FormOfViolence, Shape};
use super::units::Release;
use crate::count::{self, CountSpec};
use crate::data::Provenance;
use crate::error::Result;
use crate::trend::forecast::BacktestOptions;
use crate::trend::{Shape as TrendShape, TrendOptions, TrendReport, Verdict};
use serde::Serialize;

/// Whether the trend models support the shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ShapeVerdict {
    /// The models support it.
    Holds,
    /// They contradict it.
    Fails,
    /// The data cannot tell.
    Undetermined,
}

/// The shape claim for one form of violence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapeCheck {
    /// The form of violence.
    pub form: FormOfViolence,
    /// What counts it.
    pub measured_by: &'static str,
    /// The shape claimed.
    pub shape: Shape,
    /// The verdict.
    pub verdict: ShapeVerdict,
    /// Why, in words.
    pub reason: String,
    /// The trend report the verdict comes from (`None` if none could be fitted).
    pub report: Option<TrendReport>,
    /// The data read.
    pub datasets: Vec<Provenance>,
}

/// Checks `shape` for each form on the newest release that has its data, over the 30 years
/// ending at the last year covered (at most `year`). For "rising exponentially", `predictive`
/// (if given) adds the predictive verdict: which model forecasts best out of sample, and
/// whether exponential beats the step and the naive baselines (stated in the reason, and in
/// the report's `predictive`; the verdict itself stays the trend report's shape).
pub fn check_shapes(
    shape: Shape,
    forms: &[FormOfViolence],
    releases: &[Release],
    year: i32,
    predictive: Option<BacktestOptions>,
) -> Result<Vec<ShapeCheck>> {
    let forms = if forms.is_empty() {
        FormOfViolence::ALL
    } else {
        forms
    };
    forms
        .iter()
        .map(|form| check_one(shape, *form, releases, year, predictive))
        .collect()
}

fn check_one(
    shape: Shape,
    form: FormOfViolence,
    releases: &[Release],
    year: i32,
    predictive: Option<BacktestOptions>,
) -> Result<ShapeCheck> {
    let spec: CountSpec = form.spec();
    let release = releases
        .iter()
        .rev()
        .find(|r| spec.unit.datasets().iter().all(|d| !r.missing.contains(d)));
    let mut check = ShapeCheck {
        form,
        measured_by: form.measured_by(),
        shape,
        verdict: ShapeVerdict::Undetermined,
        reason: "no release has the data".into(),
        report: None,
        datasets: Vec::new(),
    };
    let Some(release) = release else {
        return Ok(check);
    };
    let sources = release.data.sources();
    let (first, last) = count::coverage(&sources, &spec)?;
    let end = last.min(year);
    let table = count::count_in(&sources, &spec.clone().years(first, end))?;
    check.datasets = std::iter::once(&table.dataset)
        .chain(&table.other_datasets)
        .cloned()
        .collect();
    let opts = TrendOptions {
        forecast: predictive.filter(|_| shape == Shape::RisingExponentially),
        ..TrendOptions::default()
    };
    match TrendReport::from_count_table(&table, &opts) {
        Ok(report) => {
            let (verdict, mut reason) = judge(shape, &report);
            if let Some(p) = &report.predictive {
                reason.push_str("; ");
                reason.push_str(&p.sentence);
            }
            check.verdict = verdict;
            check.reason = reason;
            check.report = Some(report);
        }
        Err(e) => check.reason = format!("no trend could be fitted: {e}"),
    }
    Ok(check)
}

/// The verdict from the trend report: is there a rise (the negative binomial growth rate's
/// interval quoted by the report, the widest that allows for autocorrelation, lies above 0)?
/// and which shape (the report's shape comparison: exponential, linear, a step or a change of
/// regime; without it, exponential vs linear by AIC)?
fn judge(shape: Shape, r: &TrendReport) -> (ShapeVerdict, String) {
    let q = &r.quoted;
    let growth = format!(
        "growth {:+.1} %/yr (95 % {:+.1} to {:+.1}, {}), {}–{}",
        r.negbin.growth_rate * 100.0,
        q.low * 100.0,
        q.high * 100.0,
        q.method.name(),
        r.window_start,
        r.window_end
    );
    let (rising, falling) = (q.low > 0.0, q.high < 0.0);
    let best = r.shapes.as_ref().map(|c| &c.verdict);
    let found = match best {
        Some(v) => v.shape,
        None => match r.aic.verdict {
            Verdict::Linear => TrendShape::Linear,
            _ => TrendShape::Exponential,
        },
    };
    let sentence = best.map_or_else(
        || format!("exponential vs linear by AIC: {}", v_word(r.aic.verdict)),
        |v| v.sentence.clone(),
    );
    use ShapeVerdict::{Fails, Holds, Undetermined};
    let verdict = match shape {
        Shape::Rising => {
            if rising {
                Holds
            } else {
                Fails
            }
        }
        Shape::Falling => {
            if falling {
                Holds
            } else {
                Fails
            }
        }
        _ if !rising => Fails,
        Shape::RisingExponentially => match found {
            TrendShape::Exponential if best.is_some() || r.aic.verdict == Verdict::Exponential => {
                Holds
            }
            TrendShape::Exponential => Undetermined,
            _ => Fails,
        },
        Shape::RisingLinearly => match found {
            TrendShape::Linear => Holds,
            _ => Fails,
        },
    };
    let rise = if rising {
        "a significant rise"
    } else if falling {
        "a significant fall"
    } else {
        "no significant rise"
    };
    (verdict, format!("{rise}: {growth}; {sentence}"))
}

fn v_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Exponential => "exponential",
        Verdict::Linear => "linear",
        Verdict::Indistinguishable => "neither",
        Verdict::Undetermined => "undetermined",
    }
}
