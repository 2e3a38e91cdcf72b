//! The one list of fitted models of a [`TrendReport`]: every model as a [`ModelRow`] with the
//! same figures (log-likelihood, AIC, BIC, growth and its intervals by method, break years,
//! diagnostics), from which the models table of every renderer is drawn; and the choice of
//! the growth-rate interval the statement quotes ([`QuotedInterval`]).

use super::diagnostics::{Diagnostics, p_text};
use super::report::TrendReport;
use super::section::Section;
use super::shapes::{Shape, YearInterval};
use serde::Serialize;

/// How an interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Wald, from the model's information (assumes independent years).
    Wald,
    /// Profile likelihood (assumes independent years).
    ProfileLikelihood,
    /// Wald scaled by the Pearson dispersion (assumes independent years).
    QuasiPoisson,
    /// HAC (Newey–West): allows for autocorrelation.
    Hac,
    /// Parametric bootstrap (independent negative binomial years).
    ParametricBootstrap,
    /// Moving-block bootstrap: allows for autocorrelation.
    BlockBootstrap,
}

/// The facts of each interval method: `(method, name, allows for autocorrelation)`.
const METHODS: [(IntervalMethod, &str, bool); 6] = [
    (IntervalMethod::Wald, "Wald", false),
    (
        IntervalMethod::ProfileLikelihood,
        "profile likelihood",
        false,
    ),
    (IntervalMethod::QuasiPoisson, "quasi-Poisson", false),
    (IntervalMethod::Hac, "HAC (Newey–West)", true),
    (
        IntervalMethod::ParametricBootstrap,
        "parametric bootstrap",
        false,
    ),
    (
        IntervalMethod::BlockBootstrap,
        "moving-block bootstrap",
        true,
    ),
];

impl IntervalMethod {
    /// Its name, e.g. `HAC (Newey–West)`.
    #[must_use]
    pub fn name(self) -> &'static str {
        METHODS.iter().find(|m| m.0 == self).map_or("", |m| m.1)
    }

    /// Whether it allows for autocorrelated years.
    #[must_use]
    pub fn robust_to_autocorrelation(self) -> bool {
        METHODS.iter().find(|m| m.0 == self).is_some_and(|m| m.2)
    }
}

/// A 95 % interval of a growth rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct NamedInterval {
    /// How it was computed.
    pub method: IntervalMethod,
    /// Lower end (annual growth rate).
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// One fitted model of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ModelRow {
    /// A stable key: `exponential_negbin`, `exponential_poisson`, `linear`, `step`, `regime`,
    /// `two_regimes`.
    pub key: String,
    /// Its name.
    pub name: String,
    /// Its shape.
    pub shape: Shape,
    /// `Poisson` or `negative binomial`.
    pub likelihood: String,
    /// Parameters counted by AIC and BIC (break years included).
    pub parameters: usize,
    /// Maximised log-likelihood.
    pub log_likelihood: f64,
    /// AIC.
    pub aic: f64,
    /// AIC minus the smallest AIC of the list.
    pub delta_aic: f64,
    /// BIC.
    pub bic: f64,
    /// Annual growth rate (one-curve log-linear models).
    pub growth_rate: Option<f64>,
    /// Its 95 % intervals, by method.
    pub intervals: Vec<NamedInterval>,
    /// Break years (first years of new regimes).
    pub break_years: Vec<i32>,
    /// Their 95 % intervals (see [`ShapeVerdict`](super::ShapeVerdict)).
    pub break_intervals: Vec<YearInterval>,
    /// The regimes or the curve in words, e.g. `1995–2013: 37 a year; 2014–2024: 55 a year`.
    pub summary: String,
    /// Residual diagnostics.
    pub diagnostics: Diagnostics,
    /// Whether this is the shape of the verdict.
    pub chosen: bool,
}

fn iv(method: IntervalMethod, low: Option<f64>, high: Option<f64>) -> Option<NamedInterval> {
    Some(NamedInterval {
        method,
        low: low?,
        high: high?,
    })
}

/// The rows of a report, in order: the two one-curve log-linear fits, the straight line, then
/// the break models of the shape comparison. Add a model by pushing its row here.
pub(crate) fn model_rows(r: &TrendReport) -> Vec<ModelRow> {
    let chosen = r.shapes.as_ref().map(|s| s.verdict.shape);
    let ln_n = (r.n_years as f64).ln();
    let mut rows = vec![negbin_row(r, ln_n), poisson_row(r, ln_n)];
    rows[1].chosen = chosen == Some(Shape::Exponential);
    if let (Some(l), Some(d)) = (&r.linear, &r.diagnostics.linear) {
        rows.push(ModelRow {
            key: "linear".into(),
            name: "linear, Poisson".into(),
            shape: Shape::Linear,
            likelihood: "Poisson".into(),
            parameters: 2,
            log_likelihood: l.log_likelihood,
            aic: l.aic,
            delta_aic: 0.0,
            bic: -2.0 * l.log_likelihood + 2.0 * ln_n,
            growth_rate: None,
            intervals: Vec::new(),
            break_years: Vec::new(),
            break_intervals: Vec::new(),
            summary: format!("{:+.2} a year", l.slope),
            diagnostics: d.clone(),
            chosen: chosen == Some(Shape::Linear),
        });
    }
    if let Some(s) = &r.shapes {
        for b in &s.breaks {
            rows.push(break_row(b, s, chosen == Some(b.shape)));
        }
    }
    let best = rows.iter().map(|r| r.aic).fold(f64::INFINITY, f64::min);
    for row in &mut rows {
        row.delta_aic = row.aic - best;
    }
    rows
}

/// The negative binomial log-linear curve with its Wald, HAC and bootstrap intervals.
fn negbin_row(r: &TrendReport, ln_n: f64) -> ModelRow {
    let nb = &r.negbin;
    let b = r.bootstrap.as_ref();
    let intervals = [
        iv(IntervalMethod::Wald, Some(nb.ci_low), Some(nb.ci_high)),
        r.hac
            .negbin
            .and_then(|h| iv(IntervalMethod::Hac, Some(h.ci_low), Some(h.ci_high))),
        b.and_then(|b| {
            let g = &b.growth_parametric;
            iv(IntervalMethod::ParametricBootstrap, g.low, g.high)
        }),
        b.and_then(|b| {
            iv(
                IntervalMethod::BlockBootstrap,
                b.growth_block.low,
                b.growth_block.high,
            )
        }),
    ];
    let k = 3; // intercept, slope, α (estimated even when it lands on 0)
    ModelRow {
        key: "exponential_negbin".into(),
        name: if nb.alpha_at_boundary {
            "exponential, negative binomial (α = 0: Poisson)".into()
        } else {
            format!("exponential, negative binomial (α = {:.4})", nb.alpha)
        },
        shape: Shape::Exponential,
        likelihood: "negative binomial".into(),
        parameters: k,
        log_likelihood: nb.log_likelihood,
        aic: nb.aic,
        delta_aic: 0.0,
        bic: -2.0 * nb.log_likelihood + k as f64 * ln_n,
        growth_rate: Some(nb.growth_rate),
        intervals: intervals.into_iter().flatten().collect(),
        break_years: Vec::new(),
        break_intervals: Vec::new(),
        summary: format!("{} %/yr throughout", pct(nb.growth_rate)),
        diagnostics: r.diagnostics.negbin.clone(),
        chosen: false,
    }
}

/// The Poisson log-linear curve with its Wald, profile, quasi-Poisson and HAC intervals.
fn poisson_row(r: &TrendReport, ln_n: f64) -> ModelRow {
    let p = &r.poisson;
    let intervals = [
        iv(IntervalMethod::Wald, Some(p.ci_low), Some(p.ci_high)),
        iv(
            IntervalMethod::ProfileLikelihood,
            p.profile_ci_low,
            p.profile_ci_high,
        ),
        iv(
            IntervalMethod::QuasiPoisson,
            p.quasi_ci_low,
            p.quasi_ci_high,
        ),
        r.hac
            .poisson
            .and_then(|h| iv(IntervalMethod::Hac, Some(h.ci_low), Some(h.ci_high))),
    ];
    ModelRow {
        key: "exponential_poisson".into(),
        name: "exponential, Poisson".into(),
        shape: Shape::Exponential,
        likelihood: "Poisson".into(),
        parameters: 2,
        log_likelihood: p.log_likelihood,
        aic: p.aic,
        delta_aic: 0.0,
        bic: -2.0 * p.log_likelihood + 2.0 * ln_n,
        growth_rate: Some(p.growth_rate),
        intervals: intervals.into_iter().flatten().collect(),
        break_years: Vec::new(),
        break_intervals: Vec::new(),
        summary: format!("{} %/yr throughout", pct(p.growth_rate)),
        diagnostics: r.diagnostics.poisson.clone(),
        chosen: false,
    }
}

fn break_row(b: &super::BreakFit, s: &super::ShapeComparison, chosen: bool) -> ModelRow {
    let key = match b.shape {
        Shape::Step => "step",
        Shape::Regime => "regime",
        _ => "two_regimes",
    };
    let intervals = if chosen && s.verdict.shape == b.shape {
        s.verdict.break_intervals.clone()
    } else {
        b.bootstrap_intervals.clone()
    };
    let summary = b
        .segments
        .iter()
        .map(|g| match g.growth_rate {
            Some(rate) => format!(
                "{}–{}: {:.0} → {:.0} ({} %/yr)",
                g.from_year,
                g.to_year,
                g.level_start,
                g.level_end,
                pct(rate)
            ),
            None => format!("{}–{}: {:.1} a year", g.from_year, g.to_year, g.level_start),
        })
        .collect::<Vec<_>>()
        .join("; ");
    ModelRow {
        key: key.into(),
        name: b.shape.name().into(),
        shape: b.shape,
        likelihood: "Poisson".into(),
        parameters: b.parameters,
        log_likelihood: b.log_likelihood,
        aic: b.aic,
        delta_aic: 0.0,
        bic: b.bic,
        growth_rate: None,
        intervals: Vec::new(),
        break_years: b.break_years.clone(),
        break_intervals: intervals,
        summary,
        diagnostics: b.diagnostics.clone(),
        chosen,
    }
}

/// The interval the statement quotes for the one-curve growth rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct QuotedInterval {
    /// How it was computed.
    pub method: IntervalMethod,
    /// Lower end.
    pub low: f64,
    /// Upper end.
    pub high: f64,
}

/// The widest of the negative binomial fit's intervals that allow for autocorrelation (HAC,
/// moving-block bootstrap); the Wald interval if neither exists.
pub(crate) fn quoted_interval(nb_row: &ModelRow) -> QuotedInterval {
    let pick = nb_row
        .intervals
        .iter()
        .filter(|i| i.method.robust_to_autocorrelation())
        .max_by(|a, b| (a.high - a.low).total_cmp(&(b.high - b.low)))
        .or_else(|| nb_row.intervals.first());
    pick.map_or(
        QuotedInterval {
            method: IntervalMethod::Wald,
            low: f64::NAN,
            high: f64::NAN,
        },
        |i| QuotedInterval {
            method: i.method,
            low: i.low,
            high: i.high,
        },
    )
}

pub(crate) fn pct(g: f64) -> String {
    format!("{:+.2}", 100.0 * g)
}

fn ci_text(low: f64, high: f64) -> String {
    format!("{} to {} %", pct(low), pct(high))
}

/// The models table: one row per [`ModelRow`].
pub(crate) fn models_section(r: &TrendReport) -> Section {
    let mut s = Section::new(
        "models",
        &format!(
            "Models {}–{} ({} years; same window; ΔAIC against the best)",
            r.window_start, r.window_end, r.n_years
        ),
        &[
            "model",
            "k",
            "log L",
            "AIC",
            "ΔAIC",
            "BIC",
            "fit",
            "breaks (95 % interval)",
            "Ljung–Box",
            "dispersion",
        ],
    );
    for m in &r.models {
        let breaks = m
            .break_years
            .iter()
            .zip(
                m.break_intervals
                    .iter()
                    .map(Some)
                    .chain(std::iter::repeat(None)),
            )
            .map(|(y, i)| match i {
                Some(i) => format!("{y} ({}–{})", i.low, i.high),
                None => y.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let lb = &m.diagnostics.ljung_box;
        s.push_row(vec![
            format!("{}{}", if m.chosen { "* " } else { "" }, m.name),
            m.parameters.to_string(),
            format!("{:.2}", m.log_likelihood),
            format!("{:.2}", m.aic),
            format!("{:+.2}", m.delta_aic),
            format!("{:.2}", m.bic),
            m.summary.clone(),
            breaks,
            format!("Q = {:.1} ({})", lb.statistic, p_text(lb.p_value)),
            m.diagnostics
                .dispersion
                .map_or_else(|| "—".into(), |d| format!("{d:.2}")),
        ]);
    }
    s.notes.push(
        "k counts break years as parameters; * marks the verdict's shape. Ljung–Box on the Pearson residuals; dispersion = Pearson χ²/(n − k).".into(),
    );
    let a = &r.aic;
    if let (Some(lin), Some(delta)) = (a.linear, a.delta) {
        s.notes.push(format!(
            "Exponential or linear (Poisson, 2 parameters each): AIC linear {lin:.2}, log-linear {:.2}: ΔAIC = {delta:+.2}{}.",
            a.loglinear,
            a.qaic_delta
                .filter(|_| a.c_hat > 1.0)
                .map_or_else(String::new, |q| format!(", ΔQAIC = {q:+.2} (ĉ = {:.3})", a.c_hat))
        ));
    } else if let Some(n) = &a.note {
        s.notes.push(format!("linear: {n}"));
    }
    s
}

/// The growth-rate intervals of the one-curve fits, by method.
pub(crate) fn intervals_section(r: &TrendReport) -> Section {
    let mut s = Section::new(
        "growth_intervals",
        "One log-linear curve: annual growth, 95 % intervals by method",
        &[
            "model",
            "growth/yr",
            "method",
            "95 % interval",
            "allows for autocorrelation",
        ],
    );
    for m in r.models.iter().filter(|m| m.growth_rate.is_some()) {
        for i in &m.intervals {
            s.push_row(vec![
                m.name.clone(),
                m.growth_rate
                    .map_or_else(String::new, |g| format!("{} %", pct(g))),
                method_label(r, i.method),
                ci_text(i.low, i.high),
                if i.method.robust_to_autocorrelation() {
                    "yes"
                } else {
                    "no"
                }
                .into(),
            ]);
        }
    }
    let q = &r.quoted;
    s.notes.push(format!(
        "The statement quotes the {} interval ({}): the widest available that allows for autocorrelated years.",
        method_label(r, q.method),
        ci_text(q.low, q.high)
    ));
    s
}

/// A method's label with its settings (HAC lags, bootstrap replicates).
pub(crate) fn method_label(r: &TrendReport, m: IntervalMethod) -> String {
    match (m, &r.bootstrap) {
        (IntervalMethod::Hac, _) => format!(
            "{}, {} lags{}",
            m.name(),
            r.hac.lags,
            if r.hac.lags_by_rule { "" } else { " (set)" }
        ),
        (IntervalMethod::BlockBootstrap, Some(b)) => {
            format!(
                "{}, block {}, {} replicates",
                m.name(),
                b.block_length,
                b.replicates
            )
        }
        (IntervalMethod::ParametricBootstrap, Some(b)) => {
            format!("{}, {} replicates", m.name(), b.replicates)
        }
        _ => m.name().into(),
    }
}
