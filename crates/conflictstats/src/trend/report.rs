//! [`TrendReport`]: horizons, Poisson and negative binomial trends, the exponential-vs-linear
//! comparison and (optionally) bootstrap intervals for one yearly series, with the counting
//! unit and the dataset's provenance — as JSON, as a terminal report, or as one sentence.

use super::bootstrap::{BootstrapOptions, BootstrapSummary, bootstrap};
use super::glm::{Design, LinearFit, PoissonFit, Z_95, linear_from_design, poisson_from_design};
use super::horizon::{Horizon, horizons};
use super::negbin::{NegBinFit, negbin_from_design};
use crate::count::{CountSpec, CountTable, CountUnit, Filters};
use crate::data::Provenance;
use crate::error::{Error, Result};
use serde::Serialize;
use std::fmt::Write as _;

/// Default length of the fitted window, in years (ending at the report's year).
pub const DEFAULT_WINDOW_YEARS: i32 = 30;

/// An AIC difference larger than this favours one mean model (Burnham & Anderson's rule of
/// thumb: below 2, both models have substantial support).
pub const AIC_THRESHOLD: f64 = 2.0;

/// What to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrendOptions {
    /// The year *Y* compared with the horizons; default: the last year of the series.
    pub year: Option<i32>,
    /// Horizons in years (default 15 and 30).
    pub horizons: Vec<u32>,
    /// Fitted window `(from, to)`, inclusive; default: the 30 years ending at *Y* (or the whole
    /// series up to *Y*, if shorter).
    pub window: Option<(i32, i32)>,
    /// Bootstrap intervals; `None` (the default) skips them.
    pub bootstrap: Option<BootstrapOptions>,
}

impl Default for TrendOptions {
    fn default() -> Self {
        TrendOptions {
            year: None,
            horizons: vec![15, 30],
            window: None,
            bootstrap: None,
        }
    }
}

/// The counting unit of a report made from a [`CountTable`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitInfo {
    /// The unit's key, e.g. `conflict`.
    pub key: String,
    /// Its one-line definition.
    pub definition: String,
    /// A caveat that must be shown with every count in this unit, if any.
    pub caveat: Option<String>,
}

/// Which mean model the AIC prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The log-linear (exponential) mean: its AIC is lower by more than [`AIC_THRESHOLD`].
    Exponential,
    /// The straight-line mean: its AIC is lower by more than [`AIC_THRESHOLD`].
    Linear,
    /// The AICs differ by at most [`AIC_THRESHOLD`]: the data cannot tell them apart.
    Indistinguishable,
    /// The linear model could not be fitted (see the note).
    Undetermined,
}

/// Exponential vs linear trend on the same window, both with Poisson likelihood and two
/// parameters (so the AIC difference is twice the log-likelihood ratio).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AicComparison {
    /// AIC of the linear (identity-link) model; `None` if it has no valid fit.
    pub linear: Option<f64>,
    /// AIC of the log-linear (exponential) model.
    pub loglinear: f64,
    /// `linear − loglinear`: positive favours the exponential.
    pub delta: Option<f64>,
    /// Overdispersion factor ĉ = max(1, Pearson dispersion of the log-linear fit).
    pub c_hat: f64,
    /// `delta / ĉ`, the QAIC difference: the same comparison discounted for overdispersion.
    pub qaic_delta: Option<f64>,
    /// The verdict by `delta` and [`AIC_THRESHOLD`].
    pub verdict: Verdict,
    /// Why the comparison is undetermined, if it is.
    pub note: Option<String>,
}

/// One year of the fitted window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearCount {
    /// Calendar year.
    pub year: i32,
    /// The count.
    pub count: f64,
}

/// The full trend report of one yearly series. Serialises to JSON with no `inf` or `NaN`
/// (undefined values are `null`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendReport {
    /// What is counted, e.g. `UCDP/PRIO Armed Conflict Dataset v25.1, state-based armed conflicts`.
    pub label: String,
    /// The counting unit (reports from a [`CountTable`]).
    pub unit: Option<UnitInfo>,
    /// The full counting specification (reports from a [`CountTable`]).
    pub count_spec: Option<CountSpec>,
    /// The data's name, version, SHA-256 and citation (reports from a [`CountTable`]).
    pub dataset: Option<Provenance>,
    /// Further datasets the unit read (e.g. the Non-State data for `legal_relationship`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_datasets: Vec<Provenance>,
    /// The year *Y*.
    pub year: i32,
    /// The count in *Y*.
    pub count: f64,
    /// First year of the fitted window.
    pub window_start: i32,
    /// Last year of the fitted window.
    pub window_end: i32,
    /// Years in the window.
    pub n_years: usize,
    /// Coverage of every interval (0.95).
    pub confidence_level: f64,
    /// *Y* against *Y − h* for each horizon.
    pub horizons: Vec<Horizon>,
    /// Log-linear Poisson fit on the window.
    pub poisson: PoissonFit,
    /// Log-linear negative binomial fit on the window.
    pub negbin: NegBinFit,
    /// Linear-mean Poisson fit on the window, if it has one.
    pub linear: Option<LinearFit>,
    /// Exponential vs linear.
    pub aic: AicComparison,
    /// Bootstrap intervals, if asked for.
    pub bootstrap: Option<BootstrapSummary>,
    /// The window's counts.
    pub series: Vec<YearCount>,
    /// [`TrendReport::statement`] at construction.
    pub statement: String,
}

/// The unit's noun phrase: its definition up to the first colon
/// (e.g. `state-based armed conflicts`).
fn unit_noun(unit: CountUnit) -> &'static str {
    let def = unit.definition();
    def.split_once(':').map_or(def, |(noun, _)| noun)
}

/// Filters and persistence of a spec, e.g. `intensity war, persistence 2 years`.
fn describe_spec(spec: &CountSpec) -> Option<String> {
    let mut parts: Vec<String> = describe_filters(&spec.filters).into_iter().collect();
    if spec.persistence > 0 {
        parts.push(format!("persistence {} years", spec.persistence));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

fn describe_filters(f: &Filters) -> Option<String> {
    let mut parts = Vec::new();
    let mut push = |name: &str, keys: Vec<&str>| {
        if !keys.is_empty() {
            parts.push(format!("{name} {}", keys.join("/")));
        }
    };
    push("type", f.types.iter().map(|v| v.key()).collect());
    push("intensity", f.intensities.iter().map(|v| v.key()).collect());
    push(
        "incompatibility",
        f.incompatibilities.iter().map(|v| v.key()).collect(),
    );
    push("region", f.regions.iter().map(|v| v.key()).collect());
    (!parts.is_empty()).then(|| parts.join(", "))
}

impl TrendReport {
    /// The report of an ungrouped count table, carrying its unit, spec and dataset provenance.
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] if the table is grouped, or as [`TrendReport::from_series`].
    pub fn from_count_table(table: &CountTable, opts: &TrendOptions) -> Result<TrendReport> {
        let (years, counts) = table.series()?;
        let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
        let mut label = table.dataset.label();
        for other in &table.other_datasets {
            let _ = write!(label, " + {}", other.label());
        }
        let _ = write!(label, ", {}", unit_noun(table.spec.unit));
        if let Some(f) = describe_spec(&table.spec) {
            let _ = write!(label, " ({f})");
        }
        let unit = UnitInfo {
            key: table.spec.unit.key().to_string(),
            definition: table.spec.unit.definition().to_string(),
            caveat: table.spec.unit.caveat().map(str::to_string),
        };
        let mut report = build(
            label,
            Some(unit),
            Some(table.spec.clone()),
            Some(table.dataset.clone()),
            &years,
            &counts,
            opts,
        )?;
        report.other_datasets.clone_from(&table.other_datasets);
        Ok(report)
    }

    /// The report of a user-supplied series (whole counts ≥ 0, strictly increasing years),
    /// named by `label`.
    ///
    /// ```
    /// use conflictstats::trend::{TrendOptions, TrendReport};
    ///
    /// let years: Vec<i32> = (2001..=2020).collect();
    /// let counts = [9.0, 2., 0., 4., 1., 5., 0., 8., 4., 6., 12., 7., 9., 15., 11., 20., 14., 25., 18., 30.];
    /// let opts = TrendOptions { horizons: vec![10], ..TrendOptions::default() };
    /// let r = TrendReport::from_series("my series", &years, &counts, &opts)?;
    /// assert_eq!((r.window_start, r.window_end), (2001, 2020));
    /// assert!(r.statement().starts_with("my series: 30 in 2020, 5.00× the 6 of 2010 (10 years)"));
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] for an invalid series; a year *Y*, horizon year or window outside
    /// the data; a window with a missing year or fewer than two years; or a window on which no
    /// log-linear fit exists (all zeros, or all events in its first or last year).
    pub fn from_series(
        label: &str,
        years: &[i32],
        counts: &[f64],
        opts: &TrendOptions,
    ) -> Result<TrendReport> {
        build(label.to_string(), None, None, None, years, counts, opts)
    }

    /// One sentence with the unit, the dataset version, the horizon ratios and the fitted
    /// growth with its 95 % interval (negative binomial, which allows for overdispersion).
    #[must_use]
    pub fn statement(&self) -> String {
        let mut s = self.label.clone();
        if let Some(u) = &self.unit {
            let _ = write!(s, " (unit: {})", u.key);
        }
        let _ = write!(s, ": {} in {}", count(self.count), self.year);
        let parts: Vec<String> = self
            .horizons
            .iter()
            .map(|h| match h.ratio {
                Some(r) => format!(
                    "{:.2}× the {} of {} ({} years)",
                    r,
                    count(h.from_count),
                    h.from_year,
                    h.years
                ),
                None => format!(
                    "against {} in {} ({} years; ratio undefined)",
                    count(h.from_count),
                    h.from_year,
                    h.years
                ),
            })
            .collect();
        match parts.len() {
            0 => {}
            1 => {
                let _ = write!(s, ", {}", parts[0]);
            }
            _ => {
                let (last, head) = parts.split_last().unwrap_or((&parts[0], &[]));
                let _ = write!(s, ", {} and {}", head.join(", "), last);
            }
        }
        let nb = &self.negbin;
        let dispersion = if nb.alpha_at_boundary {
            "no overdispersion, α = 0".to_string()
        } else {
            format!("α = {:.3}", nb.alpha)
        };
        let _ = write!(
            s,
            "; fitted growth {}–{} {} %/yr (95 % CI {} to {} %, negative binomial, {})",
            self.window_start,
            self.window_end,
            pct(nb.growth_rate),
            pct(nb.ci_low),
            pct(nb.ci_high),
            dispersion
        );
        match (
            nb.doubling_time_years,
            nb.doubling_ci_low,
            nb.doubling_ci_high,
        ) {
            (Some(t), Some(lo), Some(hi)) => {
                let _ = write!(
                    s,
                    ", doubling every {t:.1} years (95 % CI {lo:.1} to {hi:.1})"
                );
            }
            (Some(t), Some(lo), None) => {
                let _ = write!(
                    s,
                    ", doubling every {t:.1} years (95 % CI {lo:.1} years to never: no growth is within the interval)"
                );
            }
            _ => s.push_str(", no doubling (the fitted trend does not rise)"),
        }
        s.push('.');
        s
    }

    /// A multi-line report for the terminal.
    #[must_use]
    pub fn render_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "Trend report: {}", self.label);
        if let Some(u) = &self.unit {
            let _ = writeln!(o, "  unit      {}: {}", u.key, u.definition);
            if let Some(c) = &u.caveat {
                let _ = writeln!(o, "  APPROXIMATION: {c}");
            }
        }
        if let Some(spec) = &self.count_spec {
            let f = describe_spec(spec).unwrap_or_else(|| "none".to_string());
            let _ = writeln!(o, "  filters   {f}");
        }
        for d in self.dataset.iter().chain(&self.other_datasets) {
            let _ = writeln!(
                o,
                "  data      {} v{} ({}), sha256 {}",
                d.name, d.version, d.source, d.sha256
            );
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "Counts and horizons");
        if self.horizons.is_empty() {
            let _ = writeln!(o, "  {} in {}", count(self.count), self.year);
        }
        for h in &self.horizons {
            let ratio = h
                .ratio
                .map_or_else(|| "ratio undefined vs".to_string(), |r| format!("{r:.2}×"));
            let cagr = h
                .cagr
                .map_or_else(|| "undefined".to_string(), |g| format!("{} %/yr", pct(g)));
            let dbl = h.doubling_time_years.map_or_else(
                || "no doubling".to_string(),
                |t| format!("doubling {t:.1} years"),
            );
            let _ = writeln!(
                o,
                "  {:>2} years: {} in {} — {} {} ({}); change {:+}; CAGR {}; {}",
                h.years,
                count(h.to_count),
                h.to_year,
                ratio,
                h.from_year,
                count(h.from_count),
                h.change,
                cagr,
                dbl
            );
        }
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Fitted log-linear trend {}–{} ({} years), 95 % intervals",
            self.window_start, self.window_end, self.n_years
        );
        let _ = writeln!(
            o,
            "  {:<34} {:>9}  {:<22} doubling time (95 % CI)",
            "model", "growth/yr", "95 % CI"
        );
        let p = &self.poisson;
        let nb = &self.negbin;
        let row = |o: &mut String,
                   name: &str,
                   g: Option<f64>,
                   lo: Option<f64>,
                   hi: Option<f64>,
                   dbl: String| {
            let line = format!(
                "  {:<34} {:>9}  {:<22} {}",
                name,
                g.map_or_else(String::new, |g| format!("{} %", pct(g))),
                ci(lo, hi),
                dbl
            );
            let _ = writeln!(o, "{}", line.trim_end());
        };
        row(
            &mut o,
            "Poisson (Wald)",
            Some(p.growth_rate),
            Some(p.ci_low),
            Some(p.ci_high),
            doubling_text(p.doubling_time_years, p.doubling_ci_low, p.doubling_ci_high),
        );
        row(
            &mut o,
            "Poisson (profile likelihood)",
            None,
            p.profile_ci_low,
            p.profile_ci_high,
            String::new(),
        );
        let qname = p.dispersion.map_or_else(
            || "quasi-Poisson (no residual df)".to_string(),
            |phi| format!("quasi-Poisson (dispersion {phi:.3})"),
        );
        row(
            &mut o,
            &qname,
            None,
            p.quasi_ci_low,
            p.quasi_ci_high,
            String::new(),
        );
        let nbname = if nb.alpha_at_boundary {
            "negative binomial (α = 0: Poisson)".to_string()
        } else {
            format!("negative binomial (α = {:.4})", nb.alpha)
        };
        row(
            &mut o,
            &nbname,
            Some(nb.growth_rate),
            Some(nb.ci_low),
            Some(nb.ci_high),
            doubling_text(
                nb.doubling_time_years,
                nb.doubling_ci_low,
                nb.doubling_ci_high,
            ),
        );
        let _ = writeln!(o);
        let _ = writeln!(
            o,
            "Exponential or linear? (Poisson likelihood, same window, 2 parameters each)"
        );
        let a = &self.aic;
        match (a.linear, a.delta) {
            (Some(lin), Some(delta)) => {
                let verdict = match a.verdict {
                    Verdict::Exponential => "the exponential (log-linear) trend fits better",
                    Verdict::Linear => "the linear trend fits better",
                    Verdict::Indistinguishable => "the data cannot tell them apart",
                    Verdict::Undetermined => "undetermined",
                };
                let _ = writeln!(
                    o,
                    "  AIC linear {lin:.2}, log-linear {:.2}: ΔAIC = {delta:+.2} → {verdict}",
                    a.loglinear
                );
                if let Some(q) = a.qaic_delta.filter(|_| a.c_hat > 1.0) {
                    let _ = writeln!(o, "  overdispersion ĉ = {:.3}: ΔQAIC = {q:+.2}", a.c_hat);
                }
            }
            _ => {
                let _ = writeln!(
                    o,
                    "  AIC log-linear {:.2}; linear: {}",
                    a.loglinear,
                    a.note.as_deref().unwrap_or("no fit")
                );
            }
        }
        if let Some(b) = &self.bootstrap {
            let _ = writeln!(o);
            let _ = writeln!(
                o,
                "Bootstrap: {} replicates, seed {}, block length {}; percentile 95 % intervals",
                b.replicates, b.seed, b.block_length
            );
            let model = if b.parametric_alpha > 0.0 {
                format!("negative binomial, α = {:.4}", b.parametric_alpha)
            } else {
                "Poisson".to_string()
            };
            let _ = writeln!(
                o,
                "  growth/yr       parametric ({model}) {}; moving-block {}",
                ci(b.growth_parametric.low, b.growth_parametric.high),
                ci(b.growth_block.low, b.growth_block.high)
            );
            for h in &b.horizons {
                let _ = writeln!(
                    o,
                    "  {:>2}-year ratio   parametric {}; moving-block {}",
                    h.years,
                    ratio_ci(h.parametric.low, h.parametric.high),
                    ratio_ci(h.block.low, h.block.high)
                );
            }
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "{}", self.statement());
        for d in self.dataset.iter().chain(&self.other_datasets) {
            let _ = writeln!(o);
            let _ = writeln!(o, "Data: {}", d.label());
            if let Some(c) = &d.citation {
                let _ = writeln!(o, "Cite: {}", c.trim());
            }
            if let Some(l) = &d.licence {
                let _ = writeln!(o, "Licence: {l}");
            }
        }
        o
    }
}

fn count(v: f64) -> String {
    format!("{v:.0}")
}

fn pct(g: f64) -> String {
    format!("{:+.2}", 100.0 * g)
}

fn ci(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(l), Some(h)) => format!("{} to {} %", pct(l), pct(h)),
        _ => "—".to_string(),
    }
}

fn ratio_ci(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(l), Some(h)) => format!("{l:.2}× to {h:.2}×"),
        _ => "—".to_string(),
    }
}

fn doubling_text(t: Option<f64>, lo: Option<f64>, hi: Option<f64>) -> String {
    match (t, lo, hi) {
        (Some(t), Some(lo), Some(hi)) => format!("{t:.1} years ({lo:.1} to {hi:.1})"),
        (Some(t), Some(lo), None) => format!("{t:.1} years ({lo:.1} to never)"),
        _ => "no doubling".to_string(),
    }
}

fn build(
    label: String,
    unit: Option<UnitInfo>,
    count_spec: Option<CountSpec>,
    dataset: Option<Provenance>,
    years: &[i32],
    counts: &[f64],
    opts: &TrendOptions,
) -> Result<TrendReport> {
    Design::new(years, counts)?; // the whole series is valid
    let (first, last) = (years[0], years[years.len() - 1]);
    let year = opts.year.unwrap_or(last);
    let pos = years
        .iter()
        .position(|&y| y == year)
        .ok_or_else(|| Error::spec(format!("year {year} is not in the series ({first}–{last})")))?;
    let (from, to) = opts
        .window
        .unwrap_or(((year - DEFAULT_WINDOW_YEARS + 1).max(first), year));
    if from >= to {
        return Err(Error::spec(format!(
            "the window {from}–{to} must span at least two years"
        )));
    }
    if from < first || to > last {
        return Err(Error::spec(format!(
            "the window {from}–{to} reaches outside the data ({first}–{last})"
        )));
    }
    let lo = years.partition_point(|&y| y < from);
    let hi = years.partition_point(|&y| y <= to);
    let (wy, wc) = (&years[lo..hi], &counts[lo..hi]);
    if let Some(missing) = (from..=to).find(|y| wy.binary_search(y).is_err()) {
        return Err(Error::spec(format!(
            "the window {from}–{to} has no count for {missing}: a missing year is not a zero; choose a window without gaps"
        )));
    }
    let hz = horizons(years, counts, year, &opts.horizons)?;
    let d = Design::new(wy, wc)?;
    d.check_loglinear_exists()?;
    let poisson = poisson_from_design(&d)?;
    let negbin = negbin_from_design(&d)?;
    let (linear, note) = match linear_from_design(&d) {
        Ok(l) => (Some(l), None),
        Err(e) => (None, Some(e.to_string())),
    };
    let c_hat = poisson.dispersion.unwrap_or(1.0).max(1.0);
    let delta = linear.as_ref().map(|l| l.aic - poisson.aic);
    let verdict = match delta {
        None => Verdict::Undetermined,
        Some(d) if d > AIC_THRESHOLD => Verdict::Exponential,
        Some(d) if d < -AIC_THRESHOLD => Verdict::Linear,
        Some(_) => Verdict::Indistinguishable,
    };
    let aic = AicComparison {
        linear: linear.as_ref().map(|l| l.aic),
        loglinear: poisson.aic,
        delta,
        c_hat,
        qaic_delta: delta.map(|d| d / c_hat),
        verdict,
        note,
    };
    let boot = match &opts.bootstrap {
        Some(b) => Some(bootstrap(wy, wc, &hz, b)?),
        None => None,
    };
    let mut report = TrendReport {
        label,
        unit,
        count_spec,
        dataset,
        other_datasets: Vec::new(),
        year,
        count: counts[pos],
        window_start: from,
        window_end: to,
        n_years: wy.len(),
        confidence_level: 0.95,
        horizons: hz,
        poisson,
        negbin,
        linear,
        aic,
        bootstrap: boot,
        series: wy
            .iter()
            .zip(wc)
            .map(|(&year, &count)| YearCount { year, count })
            .collect(),
        statement: String::new(),
    };
    report.statement = report.statement();
    Ok(report)
}

/// One year of the fitted window, with the fitted trends (see [`TrendReport::fitted`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FittedPoint {
    /// Calendar year.
    pub year: i32,
    /// The observed count.
    pub count: f64,
    /// The negative binomial log-linear trend `exp(a + b·(year − center))` (the fit the
    /// statement quotes).
    pub fitted: f64,
    /// Lower end of its pointwise 95 % Wald band.
    pub fitted_low: f64,
    /// Upper end of its pointwise 95 % Wald band.
    pub fitted_high: f64,
    /// The Poisson log-linear trend.
    pub poisson_fitted: f64,
    /// The straight-line trend; `None` if it has no fit.
    pub linear_fitted: Option<f64>,
}

impl TrendReport {
    /// The fitted window, one point per year: the observed count, the negative binomial
    /// log-linear trend with its pointwise 95 % Wald band `exp(η ± z·se(η))` — the covariance
    /// of `(a, b)` from the expected information `Σ wᵢ (1, xᵢ)ᵀ(1, xᵢ)`, `wᵢ = μᵢ / (1 + α μᵢ)`
    /// at the fitted α (for α = 0, the Poisson GLM's) — the Poisson trend and the straight line.
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] if the information matrix is singular (no band exists).
    pub fn fitted(&self) -> Result<Vec<FittedPoint>> {
        let nb = &self.negbin;
        let mu = |x: f64| (nb.intercept + nb.slope * x).exp();
        let xs: Vec<f64> = self
            .series
            .iter()
            .map(|p| f64::from(p.year) - nb.center_year)
            .collect();
        let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
        for &x in &xs {
            let m = mu(x);
            let w = m / (1.0 + nb.alpha * m);
            s0 += w;
            s1 += w * x;
            s2 += w * x * x;
        }
        let det = s0 * s2 - s1 * s1;
        if !(det.is_finite() && det > 0.0) {
            return Err(Error::spec(
                "the fitted trend's information matrix is singular: no confidence band",
            ));
        }
        let band = |x: f64, sign: f64| {
            let var = (s2 - 2.0 * x * s1 + x * x * s0) / det;
            (nb.intercept + nb.slope * x + sign * Z_95 * var.max(0.0).sqrt()).exp()
        };
        let p = &self.poisson;
        Ok(self
            .series
            .iter()
            .zip(&xs)
            .map(|(pt, &x)| {
                let year = f64::from(pt.year);
                FittedPoint {
                    year: pt.year,
                    count: pt.count,
                    fitted: mu(x),
                    fitted_low: band(x, -1.0),
                    fitted_high: band(x, 1.0),
                    poisson_fitted: (p.intercept + p.slope * (year - p.center_year)).exp(),
                    linear_fitted: self
                        .linear
                        .as_ref()
                        .map(|l| l.intercept + l.slope * (year - l.center_year)),
                }
            })
            .collect())
    }
}
