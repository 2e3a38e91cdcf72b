//! A shape claim ("rising exponentially") checked with the trend models, per form of violence.

use super::model::{FormOfViolence, Shape};
use super::units::Release;
use crate::count::{self, CountSpec};
use crate::data::Provenance;
use crate::error::Result;
use crate::trend::{TrendOptions, TrendReport, Verdict};
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
/// ending at the last year covered (at most `year`).
pub fn check_shapes(
    shape: Shape,
    forms: &[FormOfViolence],
    releases: &[Release],
    year: i32,
) -> Result<Vec<ShapeCheck>> {
    let forms = if forms.is_empty() {
        FormOfViolence::ALL
    } else {
        forms
    };
    forms
        .iter()
        .map(|form| check_one(shape, *form, releases, year))
        .collect()
}

fn check_one(
    shape: Shape,
    form: FormOfViolence,
    releases: &[Release],
    year: i32,
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
    match TrendReport::from_count_table(&table, &TrendOptions::default()) {
        Ok(report) => {
            let (verdict, reason) = judge(shape, &report);
            check.verdict = verdict;
            check.reason = reason;
            check.report = Some(report);
        }
        Err(e) => check.reason = format!("no trend could be fitted: {e}"),
    }
    Ok(check)
}

/// The verdict from the negative binomial growth interval (is there a rise?) and the AIC
/// comparison of the log-linear and linear means (which shape?).
fn judge(shape: Shape, r: &TrendReport) -> (ShapeVerdict, String) {
    let nb = &r.negbin;
    let growth = format!(
        "{:+.1} %/yr (95 % CI {:+.1} to {:+.1}), {}–{}",
        nb.growth_rate * 100.0,
        nb.ci_low * 100.0,
        nb.ci_high * 100.0,
        r.window_start,
        r.window_end
    );
    let rising = nb.ci_low > 0.0;
    let falling = nb.ci_high < 0.0;
    let aic = match r.aic.delta {
        Some(d) => format!("ΔAIC linear − exponential {d:+.1}"),
        None => "no linear fit".to_string(),
    };
    use ShapeVerdict::{Fails, Holds, Undetermined};
    let (verdict, why) = match shape {
        Shape::Rising => (if rising { Holds } else { Fails }, String::new()),
        Shape::Falling => (if falling { Holds } else { Fails }, String::new()),
        Shape::RisingExponentially | Shape::RisingLinearly if !rising => {
            (Fails, "no significant rise".to_string())
        }
        Shape::RisingExponentially | Shape::RisingLinearly => {
            let wanted = if shape == Shape::RisingExponentially {
                Verdict::Exponential
            } else {
                Verdict::Linear
            };
            match r.aic.verdict {
                v if v == wanted => (Holds, format!("{} preferred", v_word(v))),
                Verdict::Exponential | Verdict::Linear => {
                    (Fails, format!("{} preferred", v_word(r.aic.verdict)))
                }
                _ => (
                    Undetermined,
                    "rising, but exponential and linear cannot be told apart".to_string(),
                ),
            }
        }
    };
    let sep = if why.is_empty() { "" } else { "; " };
    (verdict, format!("{why}{sep}growth {growth}; {aic}"))
}

fn v_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Exponential => "exponential",
        Verdict::Linear => "linear",
        Verdict::Indistinguishable => "neither",
        Verdict::Undetermined => "undetermined",
    }
}
