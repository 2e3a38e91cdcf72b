//! [`TrendReport`]: horizons, Poisson and negative binomial trends, the exponential-vs-linear
//! comparison and (optionally) bootstrap intervals for one yearly series, with the counting
//! unit and the dataset's provenance — as JSON, as a terminal report, or as one sentence.

use super::bootstrap::{BootstrapOptions, BootstrapSummary, bootstrap};
use super::diagnostics::{Diagnostics, diagnose, hac_lags_rule, loglinear_hac};
use super::glm::{Design, LinearFit, PoissonFit, Z_95, linear_from_design, poisson_from_design};
use super::horizon::{Horizon, horizons};
use super::models::{ModelRow, QuotedInterval, model_rows, quoted_interval};
use super::negbin::{NegBinFit, negbin_from_design};
use super::section::Section;
use super::shapes::{ShapeComparison, ShapeOptions, compare};
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
    /// The shape comparison (step, regime changes, the no-break test); `None` skips it.
    /// Default: [`ShapeOptions::default`] (1,000 bootstrap replicates, seed 42).
    pub shapes: Option<ShapeOptions>,
    /// Lags of the HAC (Newey–West) intervals; `None`: `⌊4 (n/100)^(2/9)⌋`
    /// ([`hac_lags_rule`]).
    pub hac_lags: Option<usize>,
    /// Lags of the Ljung–Box test; `None`: `min(10, ⌊n/5⌋)` ([`ljung_box_lags_rule`](super::ljung_box_lags_rule)).
    pub ljung_box_lags: Option<usize>,
    /// The predictive verdict: a rolling-origin backtest of every model's forecasts on the
    /// series up to the report's year ([`forecast::backtest`](super::forecast::backtest));
    /// `None` (the default) skips it.
    pub forecast: Option<super::forecast::BacktestOptions>,
}

impl Default for TrendOptions {
    fn default() -> Self {
        TrendOptions {
            year: None,
            horizons: vec![15, 30],
            window: None,
            bootstrap: None,
            shapes: Some(ShapeOptions::default()),
            hac_lags: None,
            ljung_box_lags: None,
            forecast: None,
        }
    }
}

/// The HAC (Newey–West, Bartlett kernel) interval of one log-linear growth rate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HacInterval {
    /// HAC standard error of the slope.
    pub slope_se: f64,
    /// Lower end of the 95 % interval of the growth rate.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
}

/// HAC intervals of the Poisson and negative binomial growth rates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HacSummary {
    /// Lags `L`.
    pub lags: usize,
    /// Whether `L` came from the rule `⌊4 (n/100)^(2/9)⌋` (`false`: set by the user).
    pub lags_by_rule: bool,
    /// Poisson log-linear fit; `None` if its information is singular.
    pub poisson: Option<HacInterval>,
    /// Negative binomial log-linear fit (at the fitted α).
    pub negbin: Option<HacInterval>,
}

/// Residual diagnostics of the one-curve fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FitDiagnostics {
    /// Of the Poisson log-linear fit.
    pub poisson: Diagnostics,
    /// Of the negative binomial log-linear fit (Pearson residuals with `V = μ + αμ²`).
    pub negbin: Diagnostics,
    /// Of the straight line, if it has a fit.
    pub linear: Option<Diagnostics>,
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
    /// Further datasets read: by the unit (e.g. the Non-State data for `legal_relationship`)
    /// and by the parts added with [`TrendReport::push_section`] (stock and flow, rates,
    /// severity).
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
    /// HAC (Newey–West) intervals of the log-linear growth rates.
    pub hac: HacSummary,
    /// Residual diagnostics of the log-linear fits.
    pub diagnostics: FitDiagnostics,
    /// Step, regime changes and the no-break test, if asked for and the window allows.
    pub shapes: Option<ShapeComparison>,
    /// Every fitted model, one row each: the list all renderers draw the models table from.
    pub models: Vec<ModelRow>,
    /// The growth-rate interval the statement quotes, and why.
    pub quoted: QuotedInterval,
    /// Plain-words warnings about failed assumptions (independent years, Poisson noise).
    pub assumption_warnings: Vec<String>,
    /// Notes on parts that could not be computed.
    pub notes: Vec<String>,
    /// The report's parts as tables, in order (see [`Section`]).
    pub sections: Vec<Section>,
    /// The window's counts.
    pub series: Vec<YearCount>,
    /// Which model forecasts best out of sample, beside the AIC verdict (when asked for in
    /// [`TrendOptions::forecast`]).
    pub predictive: Option<super::forecast::PredictiveVerdict>,
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

    /// One sentence with the unit, the dataset version, the horizon ratios, the best-supported
    /// shape (and its break years with their intervals), and the one-curve growth rate with
    /// its most honest 95 % interval ([`QuotedInterval`]: HAC or moving-block bootstrap,
    /// named), saying when the independent-years interval is too narrow.
    #[must_use]
    pub fn statement(&self) -> String {
        let mut s = self.label.clone();
        if let Some(u) = &self.unit {
            let _ = write!(s, " (unit: {})", u.key);
        }
        let _ = write!(s, ": {} in {}", count(self.count), self.year);
        let parts: Vec<String> = self.horizons.iter().map(horizon_phrase).collect();
        match parts.split_last() {
            None => {}
            Some((last, [])) => {
                let _ = write!(s, ", {last}");
            }
            Some((last, head)) => {
                let _ = write!(s, ", {} and {}", head.join(", "), last);
            }
        }
        if let Some(c) = &self.shapes {
            let _ = write!(
                s,
                "; shape {}–{}: {}",
                self.window_start, self.window_end, c.verdict.sentence
            );
        }
        s.push_str(&self.growth_phrase());
        s.push('.');
        s
    }

    /// `; one log-linear curve: +1.91 %/yr (95 % CI …, HAC …), …, doubling every …`.
    fn growth_phrase(&self) -> String {
        let nb = &self.negbin;
        let q = &self.quoted;
        let dispersion = if nb.alpha_at_boundary {
            "no overdispersion, α = 0".to_string()
        } else {
            format!("α = {:.3}", nb.alpha)
        };
        let mut s = format!(
            "; one log-linear curve {}–{}: {} %/yr (95 % CI {} to {} %, {}; negative binomial, {})",
            self.window_start,
            self.window_end,
            pct(nb.growth_rate),
            pct(q.low),
            pct(q.high),
            super::models::method_label(self, q.method),
            dispersion
        );
        let (slope, lo, hi) = (nb.slope, q.low.ln_1p(), q.high.ln_1p());
        match super::glm::doubling(slope, lo, hi) {
            (Some(t), Some(a), Some(b)) => {
                let _ = write!(
                    s,
                    ", doubling every {t:.1} years (95 % CI {a:.1} to {b:.1})"
                );
            }
            (Some(t), Some(a), None) => {
                let _ = write!(
                    s,
                    ", doubling every {t:.1} years (95 % CI {a:.1} years to never: no growth is within the interval)"
                );
            }
            _ => s.push_str(", no doubling (the fitted trend does not rise)"),
        }
        let d = &self.diagnostics.negbin;
        if d.autocorrelated() && q.method != super::models::IntervalMethod::Wald {
            let _ = write!(
                s,
                "; its residuals are autocorrelated (lag-1 r = {:.2}), so the independent-years interval {} to {} % is too narrow",
                d.acf.first().copied().unwrap_or(0.0),
                pct(nb.ci_low),
                pct(nb.ci_high)
            );
        }
        s
    }

    /// The plain-words warnings of the one-curve fit and of the verdict's model.
    fn assemble_warnings(&self) -> Vec<String> {
        let mut w: Vec<String> = self
            .diagnostics
            .negbin
            .warnings
            .iter()
            .map(|m| format!("one log-linear curve: {m}"))
            .collect();
        if let Some(row) = self
            .models
            .iter()
            .find(|m| m.chosen && !m.break_years.is_empty())
        {
            w.extend(
                row.diagnostics
                    .warnings
                    .iter()
                    .map(|m| format!("{}: {m}", row.name)),
            );
        }
        w
    }

    /// The report's sections, in order: horizons, models, growth intervals, shapes, bootstrap
    /// ratios, diagnostics, notes. Add a new part here (see [`Section`]).
    /// Adds a part computed from more than the counted series — stock and flow
    /// ([`Decomposition::section`](crate::stockflow::Decomposition::section)), rates per state
    /// ([`RatesReport::section`](crate::rates::RatesReport::section)), severity
    /// ([`SeverityReport::section`](crate::severity::SeverityReport::section)) — before the
    /// notes; every renderer shows it. The datasets the part read join
    /// [`other_datasets`](TrendReport::other_datasets) (once each, by SHA-256), so the report
    /// names every release behind its figures.
    pub fn push_section(&mut self, section: Section) {
        for d in &section.datasets {
            let known = self.dataset.iter().chain(&self.other_datasets);
            if !known.into_iter().any(|k| k.sha256 == d.sha256) {
                self.other_datasets.push(d.clone());
            }
        }
        let at = self
            .sections
            .iter()
            .position(|s| s.key == "notes")
            .unwrap_or(self.sections.len());
        self.sections.insert(at, section);
    }

    fn assemble_sections(&self) -> Vec<Section> {
        let mut out = vec![
            self.horizons_section(),
            super::models::models_section(self),
            super::models::intervals_section(self),
        ];
        if let Some(c) = &self.shapes {
            out.push(super::parts::shapes_section(c));
            out.push(super::parts::profile_section(c));
        }
        if let Some(b) = self.bootstrap.as_ref().filter(|b| !b.horizons.is_empty()) {
            out.push(super::parts::bootstrap_section(b));
        }
        out.push(super::parts::diagnostics_section(self));
        if !self.notes.is_empty() {
            let mut s = Section::new("notes", "Notes", &[]);
            s.notes.clone_from(&self.notes);
            out.push(s);
        }
        out
    }

    fn horizons_section(&self) -> Section {
        let mut s = Section::new(
            "horizons",
            "Counts and horizons",
            &[
                "horizon", "from", "to", "ratio", "change", "CAGR", "doubling",
            ],
        );
        for h in &self.horizons {
            s.push_row(vec![
                format!("{} years", h.years),
                format!("{} ({})", count(h.from_count), h.from_year),
                format!("{} ({})", count(h.to_count), h.to_year),
                h.ratio
                    .map_or_else(|| "undefined".into(), |r| format!("{r:.2}×")),
                format!("{:+}", h.change),
                h.cagr
                    .map_or_else(|| "undefined".into(), |g| format!("{} %/yr", pct(g))),
                h.doubling_time_years
                    .map_or_else(|| "no doubling".into(), |t| format!("{t:.1} years")),
            ]);
        }
        if self.horizons.is_empty() {
            s.notes
                .push(format!("{} in {}", count(self.count), self.year));
        }
        s
    }

    /// A multi-line report for the terminal: header, warnings, every section, the statement
    /// and the citations.
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
        for w in &self.assumption_warnings {
            let _ = writeln!(o, "  WARNING: {w}");
        }
        for section in &self.sections {
            let _ = writeln!(o);
            o.push_str(&section.render_text());
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

fn horizon_phrase(h: &Horizon) -> String {
    match h.ratio {
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
    }
}

fn count(v: f64) -> String {
    format!("{v:.0}")
}

fn pct(g: f64) -> String {
    format!("{:+.2}", 100.0 * g)
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
    let mut notes = Vec::new();
    let shapes = match &opts.shapes {
        Some(s) => {
            let so = ShapeOptions {
                hac_lags: opts.hac_lags,
                ljung_box_lags: opts.ljung_box_lags,
                ..*s
            };
            match compare(wy, wc, &so) {
                Ok(c) => Some(c),
                Err(e) => {
                    notes.push(format!("shapes not compared: {e}"));
                    None
                }
            }
        }
        None => None,
    };
    let (diagnostics, hac) = one_curve_diagnostics(&d, &poisson, &negbin, linear.as_ref(), opts);
    let mut predictive_section = None;
    let predictive = match &opts.forecast {
        Some(b) => match super::forecast::backtest(&years[..=pos], &counts[..=pos], b) {
            Ok(bt) => {
                predictive_section = Some(super::forecast::verdict_section(&bt));
                bt.verdict
            }
            Err(e) => {
                notes.push(format!("no predictive verdict: {e}"));
                None
            }
        },
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
        hac,
        diagnostics,
        shapes,
        models: Vec::new(),
        quoted: QuotedInterval {
            method: super::models::IntervalMethod::Wald,
            low: f64::NAN,
            high: f64::NAN,
        },
        assumption_warnings: Vec::new(),
        notes,
        sections: Vec::new(),
        series: wy
            .iter()
            .zip(wc)
            .map(|(&year, &count)| YearCount { year, count })
            .collect(),
        predictive,
        statement: String::new(),
    };
    report.models = model_rows(&report);
    report.quoted = quoted_interval(&report.models[0]);
    report.assumption_warnings = report.assemble_warnings();
    report.sections = report.assemble_sections();
    if let Some(section) = predictive_section {
        // Beside the AIC verdict: right after the models table.
        let at = report
            .sections
            .iter()
            .position(|s| s.key == "models")
            .map_or(0, |i| i + 1);
        report.sections.insert(at, section);
    }
    report.statement = report.statement();
    Ok(report)
}

/// Diagnostics and HAC intervals of the one-curve fits.
fn one_curve_diagnostics(
    d: &Design,
    p: &PoissonFit,
    nb: &NegBinFit,
    linear: Option<&LinearFit>,
    opts: &TrendOptions,
) -> (FitDiagnostics, HacSummary) {
    let lb = opts.ljung_box_lags;
    let mean = |a: f64, b: f64| -> Vec<f64> { d.x.iter().map(|x| (a + b * x).exp()).collect() };
    let diagnostics = FitDiagnostics {
        poisson: diagnose(&d.y, &mean(p.intercept, p.slope), 0.0, 2, lb),
        negbin: diagnose(&d.y, &mean(nb.intercept, nb.slope), nb.alpha, 2, lb),
        linear: linear.map(|l| {
            let mu: Vec<f64> = d.x.iter().map(|x| l.intercept + l.slope * x).collect();
            diagnose(&d.y, &mu, 0.0, 2, lb)
        }),
    };
    let lags = opts.hac_lags.unwrap_or_else(|| hac_lags_rule(d.y.len()));
    let interval = |a: f64, b: f64, alpha: f64| {
        let cov = loglinear_hac(&d.x, &d.y, a, b, alpha, lags)?;
        let se = cov[3].sqrt();
        se.is_finite().then(|| HacInterval {
            slope_se: se,
            ci_low: (b - Z_95 * se).exp_m1(),
            ci_high: (b + Z_95 * se).exp_m1(),
        })
    };
    let hac = HacSummary {
        lags,
        lags_by_rule: opts.hac_lags.is_none(),
        poisson: interval(p.intercept, p.slope, 0.0),
        negbin: interval(nb.intercept, nb.slope, nb.alpha),
    };
    (diagnostics, hac)
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
    /// The mean of the verdict's shape (the break model, or the one curve).
    pub shape_fitted: f64,
    /// Lower end of its pointwise 95 % band of the mean (when its residuals are
    /// autocorrelated, the wider of the Wald and HAC bands; break years held fixed); `None`
    /// without a band (the straight line).
    pub shape_low: Option<f64>,
    /// Upper end of that band.
    pub shape_high: Option<f64>,
    /// Lower end of a 95 % prediction band for the count itself: the 2.5 % quantile of the
    /// count distribution (negative binomial, or Poisson) at the lower end of the mean band.
    pub prediction_low: f64,
    /// Upper end: the 97.5 % quantile at the upper end of the mean band.
    pub prediction_high: f64,
}

/// The `p`-quantile of a negative binomial count with mean `mu` and dispersion `alpha`
/// (Poisson when `alpha` is 0): the smallest `k` with `P(Y ≤ k) ≥ p`.
fn count_quantile(mu: f64, alpha: f64, p: f64) -> f64 {
    if mu.is_nan() || mu <= 0.0 {
        return 0.0;
    }
    let (mut pmf, ratio): (f64, Box<dyn Fn(f64) -> f64>) = if alpha > 0.0 {
        let r = 1.0 / alpha;
        let q = mu / (mu + r);
        (
            (r * (r / (r + mu)).ln()).exp(),
            Box::new(move |k| (k + r) / (k + 1.0) * q),
        )
    } else {
        ((-mu).exp(), Box::new(move |k| mu / (k + 1.0)))
    };
    if pmf == 0.0 {
        // Far in the tail of the start: a normal approximation is exact enough here.
        let sd = (mu + alpha * mu * mu).sqrt();
        let z = if p < 0.5 { -super::Z_95 } else { super::Z_95 };
        return (mu + z * sd).max(0.0).round();
    }
    let (mut cdf, mut k) = (pmf, 0.0);
    while cdf < p && k < 1e7 {
        pmf *= ratio(k);
        k += 1.0;
        cdf += pmf;
    }
    k
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
        let shape = self.shape_curve(&xs, &band);
        Ok(self
            .series
            .iter()
            .zip(&xs)
            .zip(shape)
            .map(|((pt, &x), (m, lo, hi, alpha))| {
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
                    shape_fitted: m,
                    shape_low: lo,
                    shape_high: hi,
                    prediction_low: count_quantile(lo.unwrap_or(m), alpha, 0.025),
                    prediction_high: count_quantile(hi.unwrap_or(m), alpha, 0.975),
                }
            })
            .collect())
    }

    /// Per year of the window: the verdict's mean, its band, and the dispersion of the count
    /// distribution for the prediction band.
    fn shape_curve(
        &self,
        xs: &[f64],
        wald_band: &dyn Fn(f64, f64) -> f64,
    ) -> Vec<(f64, Option<f64>, Option<f64>, f64)> {
        let nb = &self.negbin;
        let chosen = self.shapes.as_ref().map(|c| (c, c.verdict.shape));
        if let Some((c, shape)) = chosen {
            if let Some(b) = c.get(shape) {
                let mean = b.fitted.iter().sum::<f64>() / b.fitted.len() as f64;
                let alpha = (c.c_hat - 1.0).max(0.0) / mean;
                return b
                    .fitted
                    .iter()
                    .zip(&b.fitted_band)
                    .map(|(&m, &(lo, hi))| (m, Some(lo), Some(hi), alpha))
                    .collect();
            }
            if shape == super::Shape::Linear {
                if let Some(l) = &self.linear {
                    return xs
                        .iter()
                        .map(|x| (l.intercept + l.slope * x, None, None, 0.0))
                        .collect();
                }
            }
        }
        let hac = self.diagnostics.negbin.autocorrelated().then(|| {
            let lags = self.hac.lags;
            let x: Vec<f64> = xs.to_vec();
            let y: Vec<f64> = self.series.iter().map(|p| p.count).collect();
            loglinear_hac(&x, &y, nb.intercept, nb.slope, nb.alpha, lags)
        });
        xs.iter()
            .map(|&x| {
                let eta = nb.intercept + nb.slope * x;
                let (mut lo, mut hi) = (wald_band(x, -1.0), wald_band(x, 1.0));
                if let Some(Some(c)) = &hac {
                    // The wider of the Wald and HAC bands.
                    let se = (c[0] + 2.0 * x * c[1] + x * x * c[3]).max(0.0).sqrt();
                    lo = lo.min((eta - Z_95 * se).exp());
                    hi = hi.max((eta + Z_95 * se).exp());
                }
                (eta.exp(), Some(lo), Some(hi), nb.alpha)
            })
            .collect()
    }
}
