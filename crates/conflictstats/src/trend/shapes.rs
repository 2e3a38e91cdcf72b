//! Which shape do the counts have — exponential, linear, a step, or a change of regime — and
//! when did it change?
//!
//! One smooth curve is only one answer. On the same window and with the same (Poisson)
//! likelihood, [`compare`] fits:
//!
//! | shape | mean | parameters |
//! |---|---|---|
//! | exponential | `exp(a + b·t)` | 2 |
//! | linear | `a + b·t` | 2 |
//! | **step** (level shift) | a constant level before the break year τ, another from τ on | 3 (two levels + τ) |
//! | **regime** (segmented log-linear, one break) | a separate log-linear trend `exp(aₖ + bₖ·t)` before and from τ: a change of level and of slope | 5 (four + τ) |
//! | **two regimes** (two breaks) | three separate log-linear trends, breaks τ₁ < τ₂ | 8 (six + two) |
//!
//! A break year τ is the first year of the new regime; every regime lasts at least
//! [`ShapeOptions::min_segment`] years (5 by default), and two breaks are only tried when the
//! window holds three such regimes. Each break model is fitted at every allowed break year (a
//! brute-force search: the log-likelihood as a function of τ is its **profile**), and the best
//! τ is kept. Break years count as parameters in AIC and BIC. When the counts are
//! overdispersed the ranking is by QAIC, with ĉ the Pearson dispersion of the largest break
//! model (at least 1).
//!
//! **Is there a break at all?** The likelihood ratio of "regime" against "exponential" is a
//! maximum over the break years searched, so it does not follow χ² (the naive p-value, also
//! reported, is far too small). Its null distribution is simulated: the exponential fit is
//! taken as true, series are drawn from it, and the whole search is repeated on each —
//! *parametric* (negative binomial with the exponential fit's α̂, Poisson when α̂ = 0) and
//! *moving-block* (the exponential fit's multiplicative residuals resampled in blocks, which
//! keeps their year-to-year dependence). `p = (1 + #{LR* ≥ LR}) / (B + 1)`.
//!
//! **When?** The break year's interval comes two ways: the profile set
//! `{τ : 2(ℓ̂ − ℓ(τ)) ≤ ĉ·χ²₁(0.95)}` (approximate: τ is not a regular parameter), and the
//! percentile interval of τ̂ over moving-block resamples of the break model's own residuals
//! around its fit (this one allows for autocorrelation, and is the one the verdict quotes).
//!
//! **The verdict** ([`ShapeVerdict`]): if the parametric bootstrap test rejects "no break" at
//! 5 %, the shape is the simplest break model whose (Q)AIC is within [`AIC_THRESHOLD`] of the
//! best break model; otherwise it is exponential or linear by the AIC rule of the trend report.
//! Without bootstrap replicates, no break is declared (the search alone cannot tell).
//!
//! ```
//! use conflictstats::trend::{Shape, ShapeOptions, compare};
//!
//! let years: Vec<i32> = (1995..=2024).collect();
//! let counts: Vec<f64> = years.iter().map(|&y| if y < 2014 { 36.0 } else { 55.0 }).collect();
//! let opts = ShapeOptions { replicates: 199, ..ShapeOptions::default() };
//! let c = compare(&years, &counts, &opts)?;
//! assert_eq!(c.verdict.shape, Shape::Step);
//! assert_eq!(c.verdict.break_years, [2014]);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::bootstrap::default_block_length;
use super::diagnostics::{Diagnostics, diagnose, hac_covariance};
use super::glm::{
    CHI2_1_95, ConsecutiveSlope, Design, Z_95, irls_log, linear_from_design,
    poisson_without_profile,
};
use super::negbin::negbin_from_design;
use super::report::AIC_THRESHOLD;
use super::rng::{NegBinSampler, Rng};
use super::special::{chi2_sf, ln_gamma};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;

const STREAM_NULL_PARAMETRIC: u64 = 11;
const STREAM_NULL_BLOCK: u64 = 12;
const STREAM_BREAK_YEAR: u64 = 13;

/// How to compare shapes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ShapeOptions {
    /// Shortest regime, in years (default 5).
    pub min_segment: usize,
    /// Try two breaks when the window holds three regimes (default true).
    pub two_breaks: bool,
    /// Bootstrap replicates of the no-break test and the break-year interval (default 1,000;
    /// 0 skips them, and then no break is declared).
    pub replicates: usize,
    /// The seed (same seed, same p-values and intervals, whatever the thread count).
    pub seed: u64,
    /// Block length of the moving-block resamples; `None`: `⌈n^(1/3)⌉`.
    pub block_length: Option<usize>,
    /// Lags of the HAC intervals of the regimes' growth rates; `None`: the Newey–West rule.
    pub hac_lags: Option<usize>,
    /// Lags of the Ljung–Box test; `None`: `min(10, n/5)`.
    pub ljung_box_lags: Option<usize>,
}

impl Default for ShapeOptions {
    fn default() -> Self {
        ShapeOptions {
            min_segment: 5,
            two_breaks: true,
            replicates: super::DEFAULT_REPLICATES,
            seed: super::DEFAULT_SEED,
            block_length: None,
            hac_lags: None,
            ljung_box_lags: None,
        }
    }
}

/// A shape of the yearly counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One log-linear curve: steady percentage growth.
    Exponential,
    /// One straight line: steady growth in absolute numbers.
    Linear,
    /// Two flat levels: a jump at the break year.
    Step,
    /// Two log-linear regimes: level and growth change at the break year.
    Regime,
    /// Three log-linear regimes, two break years.
    TwoRegimes,
}

/// The facts of each break shape: `(shape, name, breaks, mean parameters, log-linear regimes)`.
const BREAK_SHAPES: [(Shape, &str, usize, usize, bool); 3] = [
    (Shape::Step, "step (level shift)", 1, 2, false),
    (
        Shape::Regime,
        "regime change (segmented log-linear, 1 break)",
        1,
        4,
        true,
    ),
    (
        Shape::TwoRegimes,
        "two regime changes (segmented log-linear, 2 breaks)",
        2,
        6,
        true,
    ),
];

impl Shape {
    /// A short name, e.g. `step (level shift)`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Shape::Exponential => "exponential (log-linear)",
            Shape::Linear => "linear",
            _ => BREAK_SHAPES
                .iter()
                .find(|s| s.0 == self)
                .map_or("", |s| s.1),
        }
    }
}

/// A 95 % interval of break years, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearInterval {
    /// First year in the interval.
    pub low: i32,
    /// Last year in the interval.
    pub high: i32,
}

/// One regime of a break model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// First year (`from` in JSON).
    #[serde(rename = "from")]
    pub from_year: i32,
    /// Last year (`to` in JSON).
    #[serde(rename = "to")]
    pub to_year: i32,
    /// Fitted count in `from_year`.
    pub level_start: f64,
    /// Fitted count in `to_year`.
    pub level_end: f64,
    /// Annual growth `exp(b) − 1` within the regime (log-linear regimes only).
    pub growth_rate: Option<f64>,
    /// Its 95 % Wald interval (Poisson information, scaled by √ĉ).
    pub growth_ci: Option<(f64, f64)>,
    /// Its 95 % HAC interval. On a short regime with underdispersed counts it can be
    /// narrower than the Wald one; it is then not the more honest of the two.
    pub growth_hac_ci: Option<(f64, f64)>,
}

/// The log-likelihood at one break year (one-break models), the other parameters re-fitted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ProfilePoint {
    /// The break year τ.
    pub year: i32,
    /// The maximised log-likelihood with the break at τ.
    pub log_likelihood: f64,
}

/// A break model at its best break year(s).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BreakFit {
    /// Which shape.
    pub shape: Shape,
    /// Its break years (first years of the new regimes).
    pub break_years: Vec<i32>,
    /// The regimes.
    pub segments: Vec<Segment>,
    /// Parameters counted by AIC/BIC (break years included).
    pub parameters: usize,
    /// Maximised Poisson log-likelihood.
    pub log_likelihood: f64,
    /// `−2ℓ + 2k`.
    pub aic: f64,
    /// `−2ℓ + k ln n`.
    pub bic: f64,
    /// `−2ℓ/ĉ + 2k`.
    pub qaic: f64,
    /// The profile over the break year (one-break models; for two breaks, each break's
    /// profile maximises over the other).
    pub profile: Vec<Vec<ProfilePoint>>,
    /// Per break: the profile-likelihood 95 % set's first and last year.
    pub profile_intervals: Vec<YearInterval>,
    /// Per break (one-break models): the moving-block bootstrap 95 % interval of τ̂.
    pub bootstrap_intervals: Vec<YearInterval>,
    /// Residual diagnostics.
    pub diagnostics: Diagnostics,
    /// The fitted mean, one value per year.
    pub fitted: Vec<f64>,
    /// Pointwise 95 % band of the mean (`exp(η ± z·se)`: Wald scaled by √ĉ, or, when the
    /// residuals are autocorrelated, the wider of that and the HAC band; the break years held
    /// fixed).
    pub fitted_band: Vec<(f64, f64)>,
}

/// A bootstrap p-value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BootstrapP {
    /// `(1 + #{LR* ≥ LR}) / (B + 1)`.
    pub p_value: f64,
    /// Its Monte-Carlo standard error `√(p(1 − p)/B)`.
    pub mc_se: f64,
    /// Replicates with a defined statistic, `B`.
    pub valid: usize,
}

/// The test of "no break" (exponential) against one regime change at an unknown year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NoBreakTest {
    /// `sup_τ 2(ℓ_regime(τ) − ℓ_exponential)`.
    pub statistic: f64,
    /// The τ where it is largest.
    pub break_year: i32,
    /// `P(χ²₂ > LR)`: **wrong** (it ignores the search over break years), shown for contrast.
    pub naive_p_value: f64,
    /// Parametric bootstrap p-value (null: the exponential fit, NB with its α̂).
    pub parametric: Option<BootstrapP>,
    /// Moving-block bootstrap p-value (null: the exponential fit times block-resampled residuals).
    pub block: Option<BootstrapP>,
    /// Replicates asked for.
    pub replicates: usize,
    /// Block length.
    pub block_length: usize,
    /// Seed.
    pub seed: u64,
}

/// A likelihood-ratio test of nested models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LrTest {
    /// The smaller model.
    pub null: Shape,
    /// The larger model.
    pub alternative: Shape,
    /// `2(ℓ₁ − ℓ₀)`, both at the same break year.
    pub statistic: f64,
    /// Degrees of freedom.
    pub df: usize,
    /// `P(χ²_df > LR)` (divided by ĉ when overdispersed).
    pub p_value: f64,
}

/// The answer: which shape, and when.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapeVerdict {
    /// The best-supported shape.
    pub shape: Shape,
    /// Its break years.
    pub break_years: Vec<i32>,
    /// Their 95 % intervals: per break the wider of the profile-likelihood and the moving-block
    /// bootstrap interval (two-break models: profile only).
    pub break_intervals: Vec<YearInterval>,
    /// How the intervals were found: `moving-block bootstrap` or `profile likelihood`.
    pub interval_method: Option<String>,
    /// The no-break test's parametric bootstrap p-value.
    pub no_break_p_value: Option<f64>,
    /// One sentence with the figures.
    pub sentence: String,
}

/// Every shape on one window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShapeComparison {
    /// First year.
    pub window_start: i32,
    /// Last year.
    pub window_end: i32,
    /// Shortest regime allowed.
    pub min_segment: usize,
    /// Overdispersion factor for QAIC and the profile set.
    pub c_hat: f64,
    /// Log-likelihood, AIC and BIC of the exponential (Poisson) fit.
    pub exponential: SimpleFit,
    /// The same for the linear fit, if it has one.
    pub linear: Option<SimpleFit>,
    /// The break models that could be fitted (step, regime, two regimes).
    pub breaks: Vec<BreakFit>,
    /// Exponential against one regime change.
    pub no_break: Option<NoBreakTest>,
    /// Step against regime at the step's break year.
    pub step_vs_regime: Option<LrTest>,
    /// The answer.
    pub verdict: ShapeVerdict,
    /// Why a model is missing, if one is.
    pub notes: Vec<String>,
}

/// A no-break model's likelihood figures.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SimpleFit {
    /// Which shape.
    pub shape: Shape,
    /// Maximised Poisson log-likelihood.
    pub log_likelihood: f64,
    /// AIC.
    pub aic: f64,
    /// BIC.
    pub bic: f64,
    /// QAIC.
    pub qaic: f64,
}

impl ShapeComparison {
    /// The break model of a shape, if fitted.
    #[must_use]
    pub fn get(&self, shape: Shape) -> Option<&BreakFit> {
        self.breaks.iter().find(|b| b.shape == shape)
    }
}

/// A segment's Poisson fit: sums and the kernel log-likelihood `Σ y ln μ − μ`.
#[derive(Debug, Clone, Copy)]
struct SegFit {
    /// Intercept at the segment's first year index (`ln μ₀`) and slope; slope 0 for a level.
    a: f64,
    b: f64,
    kernel: f64,
}

/// `Σ y ln μ − μ` of a flat level (the mean) over `y`.
fn level_fit(y: &[f64]) -> SegFit {
    let s: f64 = y.iter().sum();
    let m = s / y.len() as f64;
    let kernel = if s > 0.0 { s * m.ln() - s } else { 0.0 };
    SegFit {
        a: m.ln(),
        b: 0.0,
        kernel,
    }
}

/// A log-linear fit of `y` on `0, 1, …` by IRLS; `None` if the MLE does not exist.
fn loglinear_seg(y: &[f64]) -> Option<SegFit> {
    let x: Vec<f64> = (0..y.len()).map(|i| i as f64).collect();
    if !super::glm::loglinear_exists(&x, y) {
        return None;
    }
    let (a, b, _) = irls_log(&x, y, 0.0, None)?;
    Some(SegFit {
        a,
        b,
        kernel: seg_kernel(y, a, b),
    })
}

fn seg_kernel(y: &[f64], a: f64, b: f64) -> f64 {
    y.iter()
        .enumerate()
        .map(|(i, &yi)| {
            let eta = a + b * i as f64;
            let mu = eta.exp();
            if yi > 0.0 { yi * eta - mu } else { -mu }
        })
        .sum()
}

/// The kernel of the log-linear fit with a known slope solver (bootstrap refits).
fn fast_seg(solver: &ConsecutiveSlope, y: &[f64]) -> Option<f64> {
    solved_seg(solver, y).map(|(_, _, kernel)| kernel)
}

/// A segment's log-linear Poisson fit on indices `0…` with a known slope solver:
/// `(a, b, kernel Σ y ln μ − μ)` (the break search here and the forecasts' refits).
pub(crate) fn solved_seg(solver: &ConsecutiveSlope, y: &[f64]) -> Option<(f64, f64, f64)> {
    let b = solver.slope(y)?;
    let total: f64 = y.iter().sum();
    let (mut s, mut w, mut moment) = (0.0, 1.0, 0.0);
    let r = b.exp();
    for (i, &yi) in y.iter().enumerate() {
        s += w;
        w *= r;
        moment += i as f64 * yi;
    }
    let a = total.ln() - s.ln();
    Some((a, b, a * total + b * moment - total))
}

fn ln_fact(y: &[f64]) -> f64 {
    y.iter()
        .map(|&v| if v > 1.0 { ln_gamma(v + 1.0) } else { 0.0 })
        .sum()
}

/// Candidate break indices for one break: regimes `0..k` and `k..n`, both ≥ `m` long.
fn one_break_candidates(n: usize, m: usize) -> std::ops::RangeInclusive<usize> {
    m..=n.saturating_sub(m)
}

/// Fits a shape's segments at given break indices; `None` if a log-linear segment has no MLE.
fn fit_segments(y: &[f64], cuts: &[usize], loglinear: bool) -> Option<Vec<SegFit>> {
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(y.len());
    bounds
        .windows(2)
        .map(|w| {
            let seg = &y[w[0]..w[1]];
            if loglinear {
                loglinear_seg(seg)
            } else {
                Some(level_fit(seg))
            }
        })
        .collect()
}

/// The best break model of one shape by exhaustive search, with its profile.
struct Searched {
    cuts: Vec<usize>,
    segs: Vec<SegFit>,
    kernel: f64,
    /// Per break: (cut index, best kernel there).
    profile: Vec<Vec<(usize, f64)>>,
}

fn search(y: &[f64], breaks: usize, loglinear: bool, m: usize) -> Option<Searched> {
    let n = y.len();
    let mut best: Option<(Vec<usize>, Vec<SegFit>, f64)> = None;
    let mut profile: Vec<std::collections::BTreeMap<usize, f64>> = vec![Default::default(); breaks];
    let mut consider = |cuts: Vec<usize>| {
        if let Some(segs) = fit_segments(y, &cuts, loglinear) {
            let k: f64 = segs.iter().map(|s| s.kernel).sum();
            for (b, &c) in cuts.iter().enumerate() {
                let e = profile[b].entry(c).or_insert(f64::NEG_INFINITY);
                *e = e.max(k);
            }
            if best.as_ref().is_none_or(|(_, _, bk)| k > *bk) {
                best = Some((cuts, segs, k));
            }
        }
    };
    if breaks == 1 {
        for c in one_break_candidates(n, m) {
            consider(vec![c]);
        }
    } else if n >= 3 * m {
        for c1 in m..=n - 2 * m {
            for c2 in c1 + m..=n - m {
                consider(vec![c1, c2]);
            }
        }
    }
    let (cuts, segs, kernel) = best?;
    Some(Searched {
        cuts,
        segs,
        kernel,
        profile: profile
            .into_iter()
            .map(|p| p.into_iter().collect())
            .collect(),
    })
}

/// The sup over break years of the regime model's kernel, on a replicate, with the
/// precomputed slope solvers `(left, right)` per candidate.
fn sup_regime(
    solvers: &[(usize, ConsecutiveSlope, ConsecutiveSlope)],
    y: &[f64],
) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (c, left, right) in solvers {
        let (Some(l), Some(r)) = (fast_seg(left, &y[..*c]), fast_seg(right, &y[*c..])) else {
            continue;
        };
        if best.is_none_or(|(_, k)| l + r > k) {
            best = Some((*c, l + r));
        }
    }
    best
}

/// The sup over break years of the step model's kernel (closed form).
fn sup_step(y: &[f64], m: usize) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for c in one_break_candidates(y.len(), m) {
        let k = level_fit(&y[..c]).kernel + level_fit(&y[c..]).kernel;
        if best.is_none_or(|(_, b)| k > b) {
            best = Some((c, k));
        }
    }
    best
}

fn block_resample(rng: &mut Rng, resid: &[f64], block: usize, out: &mut [f64]) {
    let starts = (resid.len() - block + 1) as u64;
    let mut i = 0;
    while i < out.len() {
        #[allow(clippy::cast_possible_truncation)]
        let s = rng.below(starts) as usize;
        let len = block.min(out.len() - i);
        out[i..i + len].copy_from_slice(&resid[s..s + len]);
        i += block;
    }
}

/// Compares the shapes of a yearly series (consecutive years, whole counts ≥ 0).
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid series, years that are not consecutive, a window
/// with no exponential fit, or a window too short for one break (`2 × min_segment` years).
pub fn compare(years: &[i32], counts: &[f64], opts: &ShapeOptions) -> Result<ShapeComparison> {
    let d = Design::new(years, counts)?;
    d.check_loglinear_exists()?;
    if let Some(w) = years.windows(2).find(|w| w[1] != w[0] + 1) {
        return Err(Error::spec(format!(
            "the shape comparison needs consecutive years; {} is followed by {}",
            w[0], w[1]
        )));
    }
    let n = years.len();
    let m = opts.min_segment.max(2);
    if n < 2 * m {
        return Err(Error::spec(format!(
            "a break needs two regimes of at least {m} years: the window has {n} years"
        )));
    }
    let block = opts.block_length.unwrap_or_else(|| default_block_length(n));
    if block == 0 || block > n {
        return Err(Error::spec(format!(
            "block length {block} is not between 1 and the window's {n} years"
        )));
    }
    if opts.replicates > super::bootstrap::MAX_REPLICATES {
        return Err(Error::spec(format!(
            "{} bootstrap replicates asked for; at most {} are run",
            opts.replicates,
            super::bootstrap::MAX_REPLICATES
        )));
    }
    Comparer::new(&d, years, opts, m, block)?.run()
}

struct Comparer<'a> {
    years: &'a [i32],
    y: &'a [f64],
    opts: &'a ShapeOptions,
    m: usize,
    block: usize,
    lnf: f64,
    exp_mu: Vec<f64>,
    exp_kernel: f64,
    exp_slope: f64,
    nb_alpha: f64,
    linear_ll: Option<f64>,
    notes: Vec<String>,
}

impl<'a> Comparer<'a> {
    fn new(
        d: &'a Design,
        years: &'a [i32],
        opts: &'a ShapeOptions,
        m: usize,
        block: usize,
    ) -> Result<Self> {
        let p = poisson_without_profile(d)?;
        let nb = negbin_from_design(d)?;
        let exp_mu: Vec<f64> =
            d.x.iter()
                .map(|x| (p.intercept + p.slope * x).exp())
                .collect();
        let lnf = ln_fact(&d.y);
        let mut notes = Vec::new();
        let linear_ll = match linear_from_design(d) {
            Ok(l) => Some(l.log_likelihood),
            Err(e) => {
                notes.push(format!("linear: {e}"));
                None
            }
        };
        Ok(Comparer {
            years,
            y: &d.y,
            opts,
            m,
            block,
            lnf,
            exp_kernel: p.log_likelihood + lnf,
            exp_mu,
            exp_slope: p.slope,
            nb_alpha: nb.alpha,
            linear_ll,
            notes,
        })
    }

    fn run(mut self) -> Result<ShapeComparison> {
        let n = self.y.len();
        let searched = self.search_all();
        let c_hat = self.c_hat(&searched);
        let ln_n = (n as f64).ln();
        let simple = |shape, ll: f64| SimpleFit {
            shape,
            log_likelihood: ll,
            aic: -2.0 * ll + 4.0,
            bic: -2.0 * ll + 2.0 * ln_n,
            qaic: -2.0 * ll / c_hat + 4.0,
        };
        let exponential = simple(Shape::Exponential, self.exp_kernel - self.lnf);
        let linear = self.linear_ll.map(|ll| simple(Shape::Linear, ll));
        let boot = self.bootstrap(&searched);
        let breaks: Vec<BreakFit> = searched
            .iter()
            .map(|(shape, s)| self.break_fit(*shape, s, c_hat, ln_n, &boot))
            .collect();
        let no_break = self.no_break_test(&searched, &boot);
        let step_vs_regime = self.step_vs_regime(&searched, c_hat);
        let verdict = verdict(
            &exponential,
            linear.as_ref(),
            &breaks,
            no_break.as_ref(),
            c_hat,
        );
        Ok(ShapeComparison {
            window_start: self.years[0],
            window_end: self.years[n - 1],
            min_segment: self.m,
            c_hat,
            exponential,
            linear,
            breaks,
            no_break,
            step_vs_regime,
            verdict,
            notes: self.notes,
        })
    }

    /// Every break shape's best fit by exhaustive search (notes for those that cannot be).
    fn search_all(&mut self) -> Vec<(Shape, Searched)> {
        let n = self.y.len();
        let mut searched = Vec::new();
        for &(shape, name, breaks, _, loglinear) in &BREAK_SHAPES {
            if breaks == 2 && !(self.opts.two_breaks && n >= 3 * self.m) {
                if self.opts.two_breaks {
                    self.notes.push(format!(
                        "{name}: the window has {n} years, fewer than three regimes of {} years",
                        self.m
                    ));
                }
                continue;
            }
            match search(self.y, breaks, loglinear, self.m) {
                Some(s) => searched.push((shape, s)),
                None => self.notes.push(format!(
                    "{name}: no break year gives every regime a finite log-linear fit"
                )),
            }
        }
        searched
    }

    /// ĉ: the Pearson dispersion of the largest break model fitted, at least 1.
    fn c_hat(&self, searched: &[(Shape, Searched)]) -> f64 {
        let n = self.y.len();
        searched.last().map_or(1.0, |(shape, s)| {
            let k = BREAK_SHAPES
                .iter()
                .find(|b| b.0 == *shape)
                .map_or(2, |b| b.3);
            let mu = self.means(&s.cuts, &s.segs);
            let chi2: f64 = self
                .y
                .iter()
                .zip(&mu)
                .map(|(y, m)| (y - m) * (y - m) / m)
                .sum();
            (chi2 / (n - k) as f64).max(1.0)
        })
    }

    /// Exponential against one regime change at the best break year.
    fn no_break_test(&self, searched: &[(Shape, Searched)], boot: &Boot) -> Option<NoBreakTest> {
        let (_, s) = searched.iter().find(|(s, _)| *s == Shape::Regime)?;
        let stat = (2.0 * (s.kernel - self.exp_kernel)).max(0.0);
        Some(NoBreakTest {
            statistic: stat,
            break_year: self.years[s.cuts[0]],
            naive_p_value: chi2_sf(stat, 2.0),
            parametric: boot.p_value(stat, &boot.null_parametric),
            block: boot.p_value(stat, &boot.null_block),
            replicates: self.opts.replicates,
            block_length: self.block,
            seed: self.opts.seed,
        })
    }

    /// The fitted means of segments cut at `cuts`.
    fn means(&self, cuts: &[usize], segs: &[SegFit]) -> Vec<f64> {
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(self.y.len());
        let mut mu = Vec::with_capacity(self.y.len());
        for (w, s) in bounds.windows(2).zip(segs) {
            for i in 0..w[1] - w[0] {
                mu.push((s.a + s.b * i as f64).exp());
            }
        }
        mu
    }

    fn step_vs_regime(&self, searched: &[(Shape, Searched)], c_hat: f64) -> Option<LrTest> {
        let step = searched.iter().find(|(s, _)| *s == Shape::Step)?;
        let regime = fit_segments(self.y, &step.1.cuts, true)?;
        let k: f64 = regime.iter().map(|s| s.kernel).sum();
        let stat = (2.0 * (k - step.1.kernel)).max(0.0);
        Some(LrTest {
            null: Shape::Step,
            alternative: Shape::Regime,
            statistic: stat,
            df: 2,
            p_value: chi2_sf(stat / c_hat, 2.0),
        })
    }
}

/// The bootstrap draws: sup-LR under the two nulls, τ̂ under the break models' residuals.
struct Boot {
    null_parametric: Vec<f64>,
    null_block: Vec<f64>,
    /// Per shape (step, regime): the τ̂ indices of the block resamples around that fit.
    break_years: Vec<(Shape, Vec<usize>)>,
}

impl Boot {
    fn p_value(&self, stat: f64, draws: &[f64]) -> Option<BootstrapP> {
        let valid: Vec<&f64> = draws.iter().filter(|v| v.is_finite()).collect();
        if valid.is_empty() {
            return None;
        }
        let b = valid.len() as f64;
        let exceed = valid
            .iter()
            .filter(|&&&v| v >= stat - 1e-9 * stat.abs())
            .count() as f64;
        let p = (1.0 + exceed) / (b + 1.0);
        Some(BootstrapP {
            p_value: p,
            mc_se: (p * (1.0 - p) / b).sqrt(),
            valid: valid.len(),
        })
    }
}

impl Comparer<'_> {
    fn bootstrap(&self, searched: &[(Shape, Searched)]) -> Boot {
        let reps = self.opts.replicates;
        let mut boot = Boot {
            null_parametric: Vec::new(),
            null_block: Vec::new(),
            break_years: Vec::new(),
        };
        if reps == 0 {
            return boot;
        }
        let solvers = self.solvers();
        if searched.iter().any(|(s, _)| *s == Shape::Regime) {
            (boot.null_parametric, boot.null_block) = self.null_draws(&solvers);
        }
        for (shape, s) in searched.iter().filter(|(s, _)| *s != Shape::TwoRegimes) {
            boot.break_years
                .push((*shape, self.break_year_draws(*shape, s, &solvers)));
        }
        boot
    }

    /// The slope solvers of the two regimes at every candidate break, started from the
    /// data's fits.
    fn solvers(&self) -> Vec<(usize, ConsecutiveSlope, ConsecutiveSlope)> {
        let n = self.y.len();
        let start = |seg: &[f64]| loglinear_seg(seg).map_or(self.exp_slope, |f| f.b);
        one_break_candidates(n, self.m)
            .map(|c| {
                (
                    c,
                    ConsecutiveSlope::new(c, start(&self.y[..c])),
                    ConsecutiveSlope::new(n - c, start(&self.y[c..])),
                )
            })
            .collect()
    }

    /// The sup-LR statistic on replicates drawn under "no break": parametric, moving-block.
    fn null_draws(
        &self,
        solvers: &[(usize, ConsecutiveSlope, ConsecutiveSlope)],
    ) -> (Vec<f64>, Vec<f64>) {
        let n = self.y.len();
        let null = ConsecutiveSlope::new(n, self.exp_slope);
        let resid0: Vec<f64> = self
            .y
            .iter()
            .zip(&self.exp_mu)
            .map(|(y, m)| y / m)
            .collect();
        let sampler = NegBinSampler::new(self.nb_alpha);
        let (seed, block) = (self.opts.seed, self.block);
        let lr = |y: &[f64]| -> f64 {
            match (fast_seg(&null, y), sup_regime(solvers, y)) {
                (Some(k0), Some((_, k1))) => (2.0 * (k1 - k0)).max(0.0),
                _ => f64::NAN,
            }
        };
        (0..self.opts.replicates as u64)
            .into_par_iter()
            .map_init(
                || vec![0.0; n],
                |ys, i| {
                    let mut rng = Rng::for_replicate(seed, STREAM_NULL_PARAMETRIC, i);
                    for (y, m) in ys.iter_mut().zip(&self.exp_mu) {
                        *y = sampler.sample(&mut rng, *m);
                    }
                    let a = lr(ys);
                    let mut rng = Rng::for_replicate(seed, STREAM_NULL_BLOCK, i);
                    block_resample(&mut rng, &resid0, block, ys);
                    for (y, m) in ys.iter_mut().zip(&self.exp_mu) {
                        *y *= m;
                    }
                    (a, lr(ys))
                },
            )
            .collect::<Vec<(f64, f64)>>()
            .into_iter()
            .unzip()
    }

    /// τ̂ (as an index; `usize::MAX` when undefined) on moving-block resamples of a one-break
    /// model's multiplicative residuals around its fit.
    fn break_year_draws(
        &self,
        shape: Shape,
        s: &Searched,
        solvers: &[(usize, ConsecutiveSlope, ConsecutiveSlope)],
    ) -> Vec<usize> {
        let n = self.y.len();
        let loglinear = shape == Shape::Regime;
        let mu = self.means(&s.cuts, &s.segs);
        let resid: Vec<f64> = self.y.iter().zip(&mu).map(|(y, m)| y / m).collect();
        let stream = STREAM_BREAK_YEAR + u64::from(loglinear);
        let (seed, block) = (self.opts.seed, self.block);
        (0..self.opts.replicates as u64)
            .into_par_iter()
            .map_init(
                || vec![0.0; n],
                |ys, i| {
                    let mut rng = Rng::for_replicate(seed, stream, i);
                    block_resample(&mut rng, &resid, block, ys);
                    for (y, m) in ys.iter_mut().zip(&mu) {
                        *y *= m;
                    }
                    let best = if loglinear {
                        sup_regime(solvers, ys)
                    } else {
                        sup_step(ys, self.m)
                    };
                    best.map_or(usize::MAX, |(c, _)| c)
                },
            )
            .collect()
    }

    fn break_fit(
        &self,
        shape: Shape,
        s: &Searched,
        c_hat: f64,
        ln_n: f64,
        boot: &Boot,
    ) -> BreakFit {
        let &(_, _, nb, k_mean, loglinear) = BREAK_SHAPES
            .iter()
            .find(|b| b.0 == shape)
            .unwrap_or(&BREAK_SHAPES[0]);
        let k = k_mean + nb;
        let ll = s.kernel - self.lnf;
        let mu = self.means(&s.cuts, &s.segs);
        let diagnostics = diagnose(self.y, &mu, 0.0, k_mean, self.opts.ljung_box_lags);
        let (cov, hac) = self.covariances(&s.cuts, &mu, loglinear, c_hat);
        // With autocorrelated residuals the band is the wider of the Wald and HAC ones at each
        // year (HAC on a short regime can be the narrower: it is not then the more honest).
        let use_hac = diagnostics.autocorrelated() && hac.is_some();
        let (segments, mut fitted_band) =
            self.segments(s, loglinear, cov.as_ref(), cov.as_ref(), hac.as_ref());
        if use_hac {
            let (_, hac_band) = self.segments(s, loglinear, hac.as_ref(), None, None);
            for (w, h) in fitted_band.iter_mut().zip(hac_band) {
                *w = (w.0.min(h.0), w.1.max(h.1));
            }
        }
        let year = |c: usize| self.years[c];
        let profile_intervals = self.profile_intervals(s, c_hat);
        let bootstrap_intervals = boot
            .break_years
            .iter()
            .filter(|(sh, _)| *sh == shape)
            .filter_map(|(_, taus)| {
                year_interval(taus).map(|(lo, hi)| YearInterval {
                    low: year(lo),
                    high: year(hi),
                })
            })
            .collect();
        BreakFit {
            shape,
            break_years: s.cuts.iter().map(|&c| year(c)).collect(),
            segments,
            parameters: k,
            log_likelihood: ll,
            aic: -2.0 * ll + 2.0 * k as f64,
            bic: -2.0 * ll + k as f64 * ln_n,
            qaic: -2.0 * ll / c_hat + 2.0 * k as f64,
            profile: s
                .profile
                .iter()
                .map(|p| {
                    p.iter()
                        .map(|&(c, v)| ProfilePoint {
                            year: year(c),
                            log_likelihood: v - self.lnf,
                        })
                        .collect()
                })
                .collect(),
            profile_intervals,
            bootstrap_intervals,
            diagnostics,
            fitted: mu,
            fitted_band,
        }
    }

    /// The regimes, and the pointwise band of the mean from the covariance `band` (row-major,
    /// two columns per log-linear regime, one per level).
    fn segments(
        &self,
        s: &Searched,
        loglinear: bool,
        band: Option<&Vec<f64>>,
        cov: Option<&Vec<f64>>,
        hac: Option<&Vec<f64>>,
    ) -> (Vec<Segment>, Vec<(f64, f64)>) {
        let cols = if loglinear { 2 } else { 1 };
        let pcols = cols * s.segs.len();
        let mut bounds = vec![0];
        bounds.extend_from_slice(&s.cuts);
        bounds.push(self.y.len());
        let mut fitted_band = Vec::with_capacity(self.y.len());
        let mut segments = Vec::new();
        for (j, w) in bounds.windows(2).enumerate() {
            let seg = &s.segs[j];
            let (ia, ib) = (j * cols, j * cols + 1);
            for i in 0..w[1] - w[0] {
                let (eta, t) = (seg.a + seg.b * i as f64, i as f64);
                let var = band.map_or(f64::NAN, |c| {
                    let level = c[ia * pcols + ia];
                    if loglinear {
                        level + 2.0 * t * c[ia * pcols + ib] + t * t * c[ib * pcols + ib]
                    } else {
                        level
                    }
                });
                let se = var.max(0.0).sqrt();
                fitted_band.push(((eta - Z_95 * se).exp(), (eta + Z_95 * se).exp()));
            }
            let slope_ci = |c: Option<&Vec<f64>>| {
                c.filter(|_| loglinear).map(|c| {
                    let se = c[ib * pcols + ib].max(0.0).sqrt();
                    ((seg.b - Z_95 * se).exp_m1(), (seg.b + Z_95 * se).exp_m1())
                })
            };
            let len = (w[1] - w[0] - 1) as f64;
            segments.push(Segment {
                from_year: self.years[w[0]],
                to_year: self.years[w[1] - 1],
                level_start: seg.a.exp(),
                level_end: (seg.a + seg.b * len).exp(),
                growth_rate: loglinear.then(|| seg.b.exp_m1()),
                growth_ci: slope_ci(cov),
                growth_hac_ci: slope_ci(hac),
            });
        }
        (segments, fitted_band)
    }

    /// Per break, the first and last year of the profile-likelihood set
    /// `{τ : 2(ℓ̂ − ℓ(τ)) ≤ ĉ·χ²₁(0.95)}`.
    fn profile_intervals(&self, s: &Searched, c_hat: f64) -> Vec<YearInterval> {
        let threshold = c_hat * CHI2_1_95 / 2.0;
        s.profile
            .iter()
            .zip(&s.cuts)
            .map(|(p, &best)| {
                let inside: Vec<i32> = p
                    .iter()
                    .filter(|(_, v)| s.kernel - v <= threshold)
                    .map(|(c, _)| self.years[*c])
                    .collect();
                YearInterval {
                    low: inside.iter().copied().min().unwrap_or(self.years[best]),
                    high: inside.iter().copied().max().unwrap_or(self.years[best]),
                }
            })
            .collect()
    }

    /// Wald (scaled by ĉ) and HAC covariances of the separable design (per segment: a level,
    /// and for log-linear regimes a slope on the segment's year index).
    fn covariances(
        &self,
        cuts: &[usize],
        mu: &[f64],
        loglinear: bool,
        c_hat: f64,
    ) -> (Option<Vec<f64>>, Option<Vec<f64>>) {
        let cols = if loglinear { 2 } else { 1 };
        let p = cols * (cuts.len() + 1);
        let n = self.y.len();
        let mut x = vec![0.0; n * p];
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(n);
        for (j, w) in bounds.windows(2).enumerate() {
            for i in w[0]..w[1] {
                x[i * p + j * cols] = 1.0;
                if loglinear {
                    x[i * p + j * cols + 1] = (i - w[0]) as f64;
                }
            }
        }
        let r: Vec<f64> = self.y.iter().zip(mu).map(|(y, m)| y - m).collect();
        let lags = self
            .opts
            .hac_lags
            .unwrap_or_else(|| super::diagnostics::hac_lags_rule(n));
        let hac = hac_covariance(&x, p, &r, mu, lags);
        let mut h = vec![0.0; p * p];
        for i in 0..n {
            for a in 0..p {
                for b in 0..p {
                    h[a * p + b] += mu[i] * x[i * p + a] * x[i * p + b];
                }
            }
        }
        let cov = super::diagnostics::invert_spd(&h, p).map(|mut c| {
            c.iter_mut().for_each(|v| *v *= c_hat);
            c
        });
        (cov, hac)
    }
}

/// The 2.5 % and 97.5 % order statistics of the valid τ̂ indices (`usize::MAX`: none).
fn year_interval(taus: &[usize]) -> Option<(usize, usize)> {
    let mut v: Vec<usize> = taus.iter().copied().filter(|&t| t != usize::MAX).collect();
    if v.len() < 2 {
        return None;
    }
    v.sort_unstable();
    let last = (v.len() - 1) as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let at = |p: f64, up: bool| {
        let pos = p * last;
        v[if up { pos.ceil() } else { pos.floor() } as usize]
    };
    Some((at(0.025, false), at(0.975, true)))
}

/// Per break, the wider of its profile-likelihood and moving-block bootstrap intervals (the
/// bootstrap when they are as wide), and how it was found.
fn honest_intervals(b: &BreakFit) -> (Vec<YearInterval>, String) {
    let mut methods: Vec<&str> = Vec::new();
    let intervals = b
        .profile_intervals
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (iv, m) = match b.bootstrap_intervals.get(i) {
                Some(bi) if bi.high - bi.low >= p.high - p.low => (*bi, "moving-block bootstrap"),
                _ => (*p, "profile likelihood"),
            };
            if !methods.contains(&m) {
                methods.push(m);
            }
            iv
        })
        .collect();
    (intervals, methods.join(" / "))
}

fn verdict(
    exponential: &SimpleFit,
    linear: Option<&SimpleFit>,
    breaks: &[BreakFit],
    no_break: Option<&NoBreakTest>,
    c_hat: f64,
) -> ShapeVerdict {
    let p = no_break.and_then(|t| t.parametric).map(|b| b.p_value);
    let block_p = no_break.and_then(|t| t.block).map(|b| b.p_value);
    let crit = if c_hat > 1.0 { "QAIC" } else { "AIC" };
    if let (Some(p), Some(t)) = (p, no_break) {
        if p < 0.05 {
            let best = breaks.iter().map(|b| b.qaic).fold(f64::INFINITY, f64::min);
            if let Some(b) = breaks.iter().find(|b| b.qaic <= best + AIC_THRESHOLD) {
                let (intervals, method) = honest_intervals(b);
                let method = method.as_str();
                let when: Vec<String> = b
                    .break_years
                    .iter()
                    .zip(&intervals)
                    .map(|(y, i)| format!("{y} (95 % interval {}–{}, {method})", i.low, i.high))
                    .collect();
                let regimes: Vec<String> = b
                    .segments
                    .iter()
                    .map(|s| match s.growth_rate {
                        Some(g) => format!(
                            "{}–{}: {:.0} → {:.0} a year ({:+.1} %/yr)",
                            s.from_year,
                            s.to_year,
                            s.level_start,
                            s.level_end,
                            100.0 * g
                        ),
                        None => {
                            format!("{}–{}: {:.0} a year", s.from_year, s.to_year, s.level_start)
                        }
                    })
                    .collect();
                let robust = match block_p {
                    Some(bp) if bp >= 0.05 => format!(
                        "; but not if the year-to-year dependence is taken as noise: moving-block {}",
                        super::diagnostics::p_text(bp)
                    ),
                    Some(bp) => format!(", moving-block {}", super::diagnostics::p_text(bp)),
                    None => String::new(),
                };
                let dependence = if b.diagnostics.autocorrelated() {
                    format!(
                        " (its residuals remain autocorrelated, Ljung–Box {})",
                        super::diagnostics::p_text(b.diagnostics.ljung_box.p_value)
                    )
                } else {
                    String::new()
                };
                let sentence = format!(
                    "best supported: {}{} in {} — {}{dependence}; “no break” is rejected (sup-LR {:.1}, parametric bootstrap {}{robust}, allowing for the search over break years); {crit} {:.1} vs {:.1} for one exponential curve",
                    if b.shape == Shape::TwoRegimes {
                        ""
                    } else {
                        "a "
                    },
                    b.shape.name(),
                    when.join(" and "),
                    regimes.join("; "),
                    t.statistic,
                    super::diagnostics::p_text(p),
                    b.qaic,
                    exponential.qaic,
                );
                return ShapeVerdict {
                    shape: b.shape,
                    break_years: b.break_years.clone(),
                    break_intervals: intervals,
                    interval_method: Some(method.to_string()),
                    no_break_p_value: Some(p),
                    sentence,
                };
            }
        }
    }
    let why = match (p, no_break) {
        (Some(p), Some(t)) => format!(
            "no break detected (sup-LR {:.1}, parametric bootstrap {}{}, allowing for the search over break years)",
            t.statistic,
            super::diagnostics::p_text(p),
            block_p.map_or_else(String::new, |bp| format!(
                ", moving-block {}",
                super::diagnostics::p_text(bp)
            ))
        ),
        _ => "breaks not tested (no bootstrap replicates)".to_string(),
    };
    let (shape, how) = match linear {
        Some(l) if l.aic < exponential.aic - AIC_THRESHOLD => (
            Shape::Linear,
            format!(
                "the straight line fits better (ΔAIC {:+.2})",
                exponential.aic - l.aic
            ),
        ),
        Some(l) if l.aic <= exponential.aic + AIC_THRESHOLD => (
            Shape::Exponential,
            format!(
                "exponential and linear cannot be told apart (ΔAIC {:+.2})",
                l.aic - exponential.aic
            ),
        ),
        Some(l) => (
            Shape::Exponential,
            format!(
                "the exponential fits better (ΔAIC {:+.2})",
                l.aic - exponential.aic
            ),
        ),
        None => (Shape::Exponential, "no straight line fits".to_string()),
    };
    ShapeVerdict {
        shape,
        break_years: Vec::new(),
        break_intervals: Vec::new(),
        interval_method: None,
        no_break_p_value: p,
        sentence: format!("{why}; {how}"),
    }
}
