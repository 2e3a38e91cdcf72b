//! Severity: how deadly are armed conflicts, and does the tail follow a power law?
//!
//! Counting conflicts says nothing about how deadly they are. Since Richardson (1948) the
//! sizes of wars have been described by a heavy tail: a few conflicts account for most of the
//! dead. Whether that tail is a **power law** — `P(X ≥ x) ∝ x^(1−α)` above some `x_min` — is
//! how the field argues about whether war is getting worse (Cederman 2003; Clauset 2018;
//! Cirillo & Taleb 2016): under a power law with α < 2 the mean is dominated by the rare
//! largest event, so a few quiet decades prove little.
//!
//! This module fits the tail of battle-related deaths (UCDP BRD, state-based conflicts, 1989
//! on) **per conflict-year** or **per conflict** (summed over the years in the data) by the
//! method of Clauset, Shalizi & Newman (2009, "CSN"):
//!
//! - [`fit_power_law`] — α by maximum likelihood, `x_min` by the Kolmogorov–Smirnov distance
//!   (continuous law; see [`powerlaw`](self::fit_power_law) for why);
//! - [`bootstrap_power_law`] — the bootstrap standard error of α (with `x_min` re-chosen in
//!   every resample) and the goodness-of-fit p-value (seeded, deterministic);
//! - [`fit_lognormal_tail`] and [`vuong`] — the log-normal on the same tail and Vuong's
//!   likelihood-ratio test between the two;
//! - [`SeverityReport`] — all of it for one dataset, with provenance, as JSON, text or one
//!   sentence.
//!
//! The figures are checked against the `powerlaw` Python package (Alstott, Bullmore & Plenz
//! 2014; v2.0.0) in `tests/reference/severity_reference.py`.
//!
//! ```
//! use conflictstats::data::Brd;
//! use conflictstats::severity::{SeverityOptions, SeverityReport, SeverityUnit};
//!
//! let brd = Brd::embedded(Some("25.1"))?; // conflict-level: one row per conflict-year
//! let opts = SeverityOptions { bootstrap: None, ..SeverityOptions::default() };
//! let r = SeverityReport::from_brd(&brd, &opts)?;
//! assert_eq!(r.unit, SeverityUnit::ConflictYear);
//! assert!(r.power_law.alpha > 1.5 && r.power_law.alpha < 2.5);
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod lognormal;
mod powerlaw;

pub use lognormal::{Favours, LognormalFit, VUONG_LEVEL, Vuong, fit_lognormal_tail, vuong};
pub use powerlaw::{
    PowerLawBootstrap, PowerLawBootstrapOptions, PowerLawFit, bootstrap_power_law, fit_power_law,
    fit_power_law_at,
};

use crate::data::{Brd, Provenance};
use crate::deaths::{ConflictYearDeaths, Estimates, by_conflict_year};
use crate::error::{Error, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What one observation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum SeverityUnit {
    /// Battle-related deaths of one conflict in one calendar year.
    #[default]
    ConflictYear,
    /// Battle-related deaths of one conflict summed over the years in the data (and the
    /// window): conflicts under way before the data start are truncated, not whole wars.
    Conflict,
}

impl SeverityUnit {
    /// Both units.
    pub const ALL: [SeverityUnit; 2] = [SeverityUnit::ConflictYear, SeverityUnit::Conflict];

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            SeverityUnit::ConflictYear => "conflict_year",
            SeverityUnit::Conflict => "conflict",
        }
    }
}

impl std::str::FromStr for SeverityUnit {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "conflict_year" => Ok(SeverityUnit::ConflictYear),
            "conflict" => Ok(SeverityUnit::Conflict),
            _ => Err(Error::spec(format!(
                "unknown severity unit `{s}`; expected conflict_year or conflict"
            ))),
        }
    }
}

/// Which of UCDP's three death estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Estimate {
    /// Low estimate.
    Low,
    /// Best estimate (UCDP's headline).
    #[default]
    Best,
    /// High estimate.
    High,
}

impl Estimate {
    /// The three estimates.
    pub const ALL: [Estimate; 3] = [Estimate::Low, Estimate::Best, Estimate::High];

    fn of(self, e: &Estimates) -> u64 {
        match self {
            Estimate::Low => e.low,
            Estimate::Best => e.best,
            Estimate::High => e.high,
        }
    }

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Estimate::Low => "low",
            Estimate::Best => "best",
            Estimate::High => "high",
        }
    }
}

impl std::str::FromStr for Estimate {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "low" => Ok(Estimate::Low),
            "best" => Ok(Estimate::Best),
            "high" => Ok(Estimate::High),
            _ => Err(Error::spec(format!(
                "unknown estimate `{s}`; expected low, best or high"
            ))),
        }
    }
}

/// What to compute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeverityOptions {
    /// Conflict-years or conflicts.
    pub unit: SeverityUnit,
    /// Low, best or high estimate.
    pub estimate: Estimate,
    /// Years kept `(from, to)`, inclusive; default: all the data.
    pub years: Option<(i32, i32)>,
    /// The bootstrap; `None` skips it.
    pub bootstrap: Option<PowerLawBootstrapOptions>,
}

impl Default for SeverityOptions {
    fn default() -> Self {
        SeverityOptions {
            unit: SeverityUnit::ConflictYear,
            estimate: Estimate::Best,
            years: None,
            bootstrap: Some(PowerLawBootstrapOptions::default()),
        }
    }
}

/// One observation: a conflict (and year, for conflict-years) and its deaths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Observation {
    /// UCDP `conflict_id`.
    pub conflict_id: u32,
    /// The year (conflict-years), or the first year of the conflict in the window.
    pub year: i32,
    /// The last year of the conflict in the window (= `year` for conflict-years).
    pub last_year: i32,
    /// Deaths (the chosen estimate).
    pub deaths: u64,
}

/// The observations of `rows` (conflict-year sums) under `opts`, sorted by deaths descending
/// then conflict id.
#[must_use]
pub fn observations(rows: &[ConflictYearDeaths], opts: &SeverityOptions) -> Vec<Observation> {
    let keep = |y: i32| opts.years.is_none_or(|(a, b)| y >= a && y <= b);
    let mut obs: Vec<Observation> = match opts.unit {
        SeverityUnit::ConflictYear => rows
            .iter()
            .filter(|r| keep(r.year))
            .map(|r| Observation {
                conflict_id: r.conflict_id.0,
                year: r.year,
                last_year: r.year,
                deaths: opts.estimate.of(&r.deaths),
            })
            .collect(),
        SeverityUnit::Conflict => {
            let mut by: BTreeMap<u32, Observation> = BTreeMap::new();
            for r in rows.iter().filter(|r| keep(r.year)) {
                let o = by.entry(r.conflict_id.0).or_insert(Observation {
                    conflict_id: r.conflict_id.0,
                    year: r.year,
                    last_year: r.year,
                    deaths: 0,
                });
                o.year = o.year.min(r.year);
                o.last_year = o.last_year.max(r.year);
                o.deaths += opts.estimate.of(&r.deaths);
            }
            by.into_values().collect()
        }
    };
    obs.sort_by(|a, b| {
        b.deaths
            .cmp(&a.deaths)
            .then(a.conflict_id.cmp(&b.conflict_id))
            .then(a.year.cmp(&b.year))
    });
    obs
}

/// Order statistics of the observations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Observations.
    pub n: usize,
    /// Sum of deaths.
    pub total: u64,
    /// Mean.
    pub mean: f64,
    /// Smallest.
    pub min: u64,
    /// Median (type-7 quantile, as numpy's default).
    pub median: f64,
    /// 90th percentile.
    pub p90: f64,
    /// 99th percentile.
    pub p99: f64,
    /// Largest.
    pub max: u64,
    /// Share of all deaths in the largest 1 % of observations (at least one).
    pub top1pct_share: f64,
}

#[allow(clippy::cast_precision_loss)]
fn quantile(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let (lo, frac) = (h.floor() as usize, h.fract());
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + frac * (sorted[hi] - sorted[lo])
}

#[allow(clippy::cast_precision_loss)]
fn summarise(obs: &[Observation]) -> Summary {
    let mut v: Vec<f64> = obs.iter().map(|o| o.deaths as f64).collect();
    v.sort_by(f64::total_cmp);
    let total: u64 = obs.iter().map(|o| o.deaths).sum();
    let top = obs.len().div_ceil(100).max(1);
    let top_sum: u64 = obs.iter().take(top).map(|o| o.deaths).sum();
    Summary {
        n: obs.len(),
        total,
        mean: total as f64 / obs.len() as f64,
        min: obs.iter().map(|o| o.deaths).min().unwrap_or(0),
        median: quantile(&v, 0.5),
        p90: quantile(&v, 0.9),
        p99: quantile(&v, 0.99),
        max: obs.iter().map(|o| o.deaths).max().unwrap_or(0),
        top1pct_share: top_sum as f64 / total as f64,
    }
}

/// The severity report: distribution, power-law tail, log-normal comparison, bootstrap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityReport {
    /// What is measured, e.g. `UCDP Battle-Related Deaths Dataset v24.1, battle-related deaths
    /// per conflict-year (best estimate)`.
    pub label: String,
    /// The data's name, version, SHA-256 and citation.
    pub dataset: Option<Provenance>,
    /// Conflict-years or conflicts.
    pub unit: SeverityUnit,
    /// Which estimate.
    pub estimate: Estimate,
    /// First and last year of the observations.
    pub years: (i32, i32),
    /// Observations with zero deaths under this estimate (no power law reaches them; they are
    /// counted here and left out of the fits).
    pub zero_observations: usize,
    /// Order statistics.
    pub summary: Summary,
    /// The five largest observations.
    pub largest: Vec<Observation>,
    /// The power-law tail.
    pub power_law: PowerLawFit,
    /// The log-normal on the same tail.
    pub lognormal: LognormalFit,
    /// Vuong's test, power law vs log-normal.
    pub vuong: Vuong,
    /// Bootstrap SE of α and goodness of fit, if asked for.
    pub bootstrap: Option<PowerLawBootstrap>,
    /// [`SeverityReport::statement`] at construction.
    pub statement: String,
}

impl SeverityReport {
    /// The report of a BRD release of either level (the conflict-level version's rows as
    /// they are; the dyadic version's dyad-years summed per conflict-year first).
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] when the years keep fewer than two distinct positive values.
    pub fn from_brd(brd: &Brd, opts: &SeverityOptions) -> Result<SeverityReport> {
        let label = format!(
            "{}, battle-related deaths per {} ({} estimate)",
            brd.provenance().label(),
            match opts.unit {
                SeverityUnit::ConflictYear => "conflict-year",
                SeverityUnit::Conflict => "conflict (summed over its years in the data)",
            },
            opts.estimate.key()
        );
        let obs = observations(&by_conflict_year(brd), opts);
        Self::from_observations(label, Some(brd.provenance().clone()), &obs, opts)
    }

    /// The report of given observations.
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] with fewer than two distinct positive values.
    pub fn from_observations(
        label: String,
        dataset: Option<Provenance>,
        obs: &[Observation],
        opts: &SeverityOptions,
    ) -> Result<SeverityReport> {
        let positive: Vec<Observation> = obs.iter().copied().filter(|o| o.deaths > 0).collect();
        if positive.is_empty() {
            return Err(Error::spec(
                "no observation with deaths > 0 in the years asked for",
            ));
        }
        #[allow(clippy::cast_precision_loss)]
        let values: Vec<f64> = positive.iter().map(|o| o.deaths as f64).collect();
        let power_law = fit_power_law(&values)?;
        let tail: Vec<f64> = values
            .iter()
            .copied()
            .filter(|&v| v >= power_law.x_min)
            .collect();
        let lognormal = fit_lognormal_tail(&tail, power_law.x_min);
        let vuong = vuong(&tail, &power_law, &lognormal);
        let bootstrap = match &opts.bootstrap {
            Some(b) => Some(bootstrap_power_law(&values, &power_law, b)?),
            None => None,
        };
        let years = (
            positive.iter().map(|o| o.year).min().unwrap_or(0),
            positive.iter().map(|o| o.last_year).max().unwrap_or(0),
        );
        let mut r = SeverityReport {
            label,
            dataset,
            unit: opts.unit,
            estimate: opts.estimate,
            years,
            zero_observations: obs.len() - positive.len(),
            summary: summarise(&positive),
            largest: positive.iter().take(5).copied().collect(),
            power_law,
            lognormal,
            vuong,
            bootstrap,
            statement: String::new(),
        };
        r.statement = r.statement();
        Ok(r)
    }

    /// One sentence: the tail exponent with its uncertainty, the fit and the comparison.
    #[must_use]
    pub fn statement(&self) -> String {
        let pl = &self.power_law;
        let mut s = format!(
            "{}, {}–{}: the largest {} of {} observations (≥ {} deaths) follow a power law with α = {:.3}",
            self.label, self.years.0, self.years.1, pl.n_tail, pl.n, pl.x_min, pl.alpha
        );
        match &self.bootstrap {
            Some(b) => {
                let verdict = if b.gof_p_value >= 0.1 {
                    "plausible"
                } else {
                    "ruled out"
                };
                let _ = write!(
                    s,
                    " (bootstrap SE {:.3}, {} replicates; goodness of fit p = {:.3}: a power law is {verdict} at 0.1)",
                    b.alpha_se, b.replicates, b.gof_p_value
                );
            }
            None => {
                let _ = write!(
                    s,
                    " (asymptotic SE {:.3}, x_min fixed)",
                    pl.alpha_se_asymptotic
                );
            }
        }
        let v = &self.vuong;
        let reading = match v.favours {
            Favours::PowerLaw => "favours the power law",
            Favours::Lognormal => "favours the log-normal",
            Favours::Neither => "cannot tell them apart",
        };
        let _ = write!(
            s,
            "; against a log-normal, Vuong's R = {:.2} (p = {:.3}) {reading}.",
            v.log_likelihood_ratio, v.p_value
        );
        if pl.alpha < 2.0 {
            s.push_str(" With α < 2 the mean of the tail is infinite in theory: averages over decades are dominated by the largest conflicts.");
        }
        s
    }

    /// A readable report for the terminal.
    #[must_use]
    pub fn render_text(&self) -> String {
        let mut s = String::new();
        let sm = &self.summary;
        let pl = &self.power_law;
        let ln = &self.lognormal;
        let _ = writeln!(s, "{}\n", self.label);
        let _ = writeln!(
            s,
            "observations {} ({}–{}), deaths {} in all; zero-death observations left out: {}",
            sm.n, self.years.0, self.years.1, sm.total, self.zero_observations
        );
        let _ = writeln!(
            s,
            "min {}  median {}  mean {:.1}  p90 {:.0}  p99 {:.0}  max {}; the largest 1 % hold {:.1} % of the deaths",
            sm.min,
            sm.median,
            sm.mean,
            sm.p90,
            sm.p99,
            sm.max,
            100.0 * sm.top1pct_share
        );
        for o in &self.largest {
            let _ = writeln!(
                s,
                "  conflict {:>6}  {}{}  {:>9} deaths",
                o.conflict_id,
                o.year,
                if o.last_year == o.year {
                    String::new()
                } else {
                    format!("–{}", o.last_year)
                },
                o.deaths
            );
        }
        let _ = writeln!(
            s,
            "\npower law (continuous, CSN 2009): x_min {} (KS D = {:.4}), n_tail {}, α {:.4} (asymptotic SE {:.4})",
            pl.x_min, pl.ks_distance, pl.n_tail, pl.alpha, pl.alpha_se_asymptotic
        );
        if let Some(b) = &self.bootstrap {
            let _ = writeln!(
                s,
                "bootstrap ({} replicates, seed {}): SE(α) {:.4}, SE(x_min) {:.1}; goodness of fit p {:.3} ({} of {})",
                b.replicates,
                b.seed,
                b.alpha_se,
                b.x_min_se,
                b.gof_p_value,
                b.gof_exceed,
                b.replicates
            );
        }
        let _ = writeln!(
            s,
            "log-normal on the tail: μ {:.4}, σ {:.4}{}",
            ln.mu,
            ln.sigma,
            if ln.converged {
                ""
            } else {
                " (optimiser did not converge)"
            }
        );
        let _ = writeln!(
            s,
            "Vuong: R {:.4}, normalised {:.4}, p {:.4}\n\n{}",
            self.vuong.log_likelihood_ratio,
            self.vuong.normalized_ratio,
            self.vuong.p_value,
            self.statement
        );
        s
    }
}

impl SeverityReport {
    /// The tail fit as a report [`Section`](crate::trend::Section).
    #[must_use]
    pub fn section(&self) -> crate::trend::Section {
        let pl = &self.power_law;
        let mut s = crate::trend::Section::new(
            "severity",
            &format!("Severity: {}", self.label),
            &[
                "x_min", "n_tail", "α", "SE(α)", "GoF p", "Vuong R", "Vuong p",
            ],
        );
        let (se, p) = self.bootstrap.as_ref().map_or_else(
            || {
                (
                    format!("{:.3} (asymptotic)", pl.alpha_se_asymptotic),
                    "–".to_string(),
                )
            },
            |b| {
                (
                    format!("{:.3}", b.alpha_se),
                    format!("{:.3}", b.gof_p_value),
                )
            },
        );
        s.push_row(vec![
            format!("{}", pl.x_min),
            pl.n_tail.to_string(),
            format!("{:.3}", pl.alpha),
            se,
            p,
            format!("{:.2}", self.vuong.log_likelihood_ratio),
            format!("{:.3}", self.vuong.p_value),
        ]);
        s.notes.push(self.statement.clone());
        s.datasets = self.dataset.iter().cloned().collect();
        s
    }
}
