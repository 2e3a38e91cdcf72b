//! Rates, not only counts: conflicts per state in the system, for each form of violence.
//!
//! "Armed violence between states, within states and between armed groups is rising." A
//! count can rise because the world has more states in which to fight: the Gleditsch–Ward
//! system grew from 71 states in 1946 to 174 in 2021 (microstates excluded). Our World in Data
//! therefore also publishes conflicts **per state**. This module fits each form of organized
//! violence both ways, on the same window:
//!
//! | form | UCDP unit | the statement's words |
//! |---|---|---|
//! | interstate | state-based conflicts of type 2 (ACD) | between states |
//! | intrastate | type 3 | within states |
//! | internationalized intrastate | type 4 (a civil war with foreign troops) | within states |
//! | extrasystemic | type 1 (colonial wars; none since 1974) | — |
//! | non-state | non-state conflicts (Non-State dataset) | between armed groups |
//! | one-sided | actors killing ≥ 25 civilians (One-sided dataset) | against civilians |
//!
//! - the **count** growth with the trend fits of [`crate::trend`] (Poisson and negative
//!   binomial log-linear, growth %/yr with a 95 % Wald interval);
//! - the **rate** growth — the same models with the log of the number of states as an offset,
//!   `E[count] = states · exp(a + b·year)` ([`fit_rate`]), so `exp(b) − 1` is the growth of
//!   conflicts per state.
//!
//! The embedded G&W list is a 2021 snapshot: later years take its 2021 membership
//! ([`GW_LAST_CODED_YEAR`]; no state has entered or left the system since South Sudan in 2011).
//!
//! ```
//! use conflictstats::rates::fit_rate;
//!
//! // Counts that double every 10 years while the exposure doubles too: the rate is flat.
//! let fit = fit_rate(&[2000, 2010, 2020], &[100.0, 200.0, 400.0], &[10.0, 20.0, 40.0])?;
//! assert!(fit.poisson.growth_rate.abs() < 1e-10);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::count::{Datasets, count_in};
use crate::data::{GwStates, Provenance};
use crate::error::{Error, Result};
use crate::model::TypeOfConflict;
use crate::trend::{NegBinFit, PoissonFit, Z_95, fit_negbin, fit_poisson};
use crate::{CountSpec, CountUnit, Filters};
use serde::Serialize;
use std::fmt::Write as _;

/// The last year the embedded G&W list codes (a 2021 snapshot): later years take the
/// membership of this year, so a rate after it is not a gap.
pub const GW_LAST_CODED_YEAR: i32 = 2021;

/// States in the G&W system in `year` (members on at least one day of it); years after
/// [`GW_LAST_CODED_YEAR`] take its membership.
///
/// ```
/// use conflictstats::data::GwStates;
/// use conflictstats::rates::states_in_system;
///
/// let gw = GwStates::embedded(None)?;
/// assert_eq!(states_in_system(&gw, 2024, false), states_in_system(&gw, 2021, false));
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[must_use]
pub fn states_in_system(gw: &GwStates, year: i32, include_microstates: bool) -> u32 {
    let y = year.min(GW_LAST_CODED_YEAR);
    u32::try_from(gw.members(y, include_microstates).len()).unwrap_or(u32::MAX)
}

/// A log-linear model of a count with `ln(exposure)` as an offset.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffsetFit {
    /// The mean year of the window, where `intercept` is evaluated.
    pub center_year: f64,
    /// `ln` of the fitted rate (count per unit of exposure) at `center_year`.
    pub intercept: f64,
    /// Slope of `ln(rate)` per year.
    pub slope: f64,
    /// Its standard error (inverse observed information; for the NB, in intercept, slope, α).
    pub slope_se: f64,
    /// Annual growth of the rate, `exp(slope) − 1`.
    pub growth_rate: f64,
    /// Lower end of the 95 % Wald interval of the growth.
    pub ci_low: f64,
    /// Upper end.
    pub ci_high: f64,
    /// NB2 dispersion α (variance `μ + αμ²`); 0 for the Poisson fit and at the boundary.
    pub alpha: f64,
    /// α̂ = 0: no overdispersion; the NB fit is the Poisson fit.
    pub alpha_at_boundary: bool,
    /// Maximised log-likelihood.
    pub log_likelihood: f64,
}

/// The Poisson and negative binomial rate models of one series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateFit {
    /// Poisson with offset.
    pub poisson: OffsetFit,
    /// NB2 with offset.
    pub negbin: OffsetFit,
}

/// Per-observation NB2 log-likelihood terms that depend on (μ, α), and the derivatives in
/// η = ln μ and α: `(ℓ, ℓ_η, ℓ_ηη, ℓ_ηα, ℓ_α, ℓ_αα)`. α = 0 is the Poisson limit.
#[allow(clippy::many_single_char_names)]
fn nb_terms(y: f64, mu: f64, a: f64) -> [f64; 6] {
    if a == 0.0 {
        return [y * mu.ln() - mu, y - mu, -mu, 0.0, 0.0, 0.0];
    }
    let q = 1.0 + a * mu;
    let (mut s0, mut s1, mut s2) = (0.0, 0.0, 0.0);
    let mut k = 1.0;
    while k < y {
        let r = k / (1.0 + k * a);
        s0 += (k * a).ln_1p();
        s1 += r;
        s2 += r * r;
        k += 1.0;
    }
    let lq = q.ln();
    [
        s0 + y * mu.ln() - (y + 1.0 / a) * lq,
        (y - mu) / q,
        -mu * (1.0 + a * y) / (q * q),
        mu * (mu - y) / (q * q),
        s1 + lq / (a * a) - (y + 1.0 / a) * mu / q,
        -s2 - 2.0 * lq / (a * a * a) + 2.0 * mu / (a * a * q) + (y + 1.0 / a) * mu * mu / (q * q),
    ]
}

/// Sums of [`nb_terms`] over the window at `(a, b, α)`: log-likelihood, gradient, Hessian.
#[allow(clippy::type_complexity)]
fn nb_sums(x: &[f64], y: &[f64], off: &[f64], p: [f64; 3]) -> (f64, [f64; 3], [[f64; 3]; 3]) {
    let (mut l, mut g, mut h) = (0.0, [0.0; 3], [[0.0; 3]; 3]);
    for ((&xi, &yi), &oi) in x.iter().zip(y).zip(off) {
        let mu = (oi + p[0] + p[1] * xi).exp();
        let t = nb_terms(yi, mu, p[2]);
        let z = [1.0, xi];
        l += t[0];
        for i in 0..2 {
            g[i] += t[1] * z[i];
            for j in 0..2 {
                h[i][j] += t[2] * z[i] * z[j];
            }
            h[i][2] += t[3] * z[i];
            h[2][i] += t[3] * z[i];
        }
        g[2] += t[4];
        h[2][2] += t[5];
    }
    (l, g, h)
}

/// Solves `m · s = v` for 2 (α fixed) or 3 unknowns by Gaussian elimination.
fn solve(m: &[[f64; 3]; 3], v: &[f64; 3], dim: usize) -> Option<[f64; 3]> {
    let mut a = *m;
    let mut b = *v;
    for c in 0..dim {
        let piv = (c..dim).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        a.swap(c, piv);
        b.swap(c, piv);
        if a[c][c].abs() < 1e-300 {
            return None;
        }
        for r in c + 1..dim {
            let f = a[r][c] / a[c][c];
            let pivot_row = a[c];
            for (dst, src) in a[r][c..dim].iter_mut().zip(&pivot_row[c..dim]) {
                *dst -= f * src;
            }
            b[r] -= f * b[c];
        }
    }
    let mut s = [0.0; 3];
    for r in (0..dim).rev() {
        let t: f64 = (r + 1..dim).map(|k| a[r][k] * s[k]).sum();
        s[r] = (b[r] - t) / a[r][r];
    }
    Some(s)
}

/// Newton–Raphson with step halving on the log-likelihood, in `dim` parameters (2: α fixed).
fn newton(x: &[f64], y: &[f64], off: &[f64], mut p: [f64; 3], dim: usize) -> Option<[f64; 3]> {
    for _ in 0..200 {
        let (l, g, h) = nb_sums(x, y, off, p);
        let neg_h = h.map(|r| r.map(|v| -v));
        let step = solve(&neg_h, &g, dim)?;
        let mut t = 1.0;
        loop {
            let mut q = p;
            for i in 0..dim {
                q[i] += t * step[i];
            }
            if q[2] >= 0.0 && nb_sums(x, y, off, q).0 >= l - 1e-12 * l.abs() {
                p = q;
                break;
            }
            t *= 0.5;
            if t < 1e-10 {
                return None;
            }
        }
        if (0..dim).all(|i| (t * step[i]).abs() <= 1e-11 * (1.0 + p[i].abs())) {
            return Some(p);
        }
    }
    None
}

fn offset_fit(center: f64, p: [f64; 3], se: f64, l: f64, boundary: bool) -> OffsetFit {
    OffsetFit {
        center_year: center,
        intercept: p[0],
        slope: p[1],
        slope_se: se,
        growth_rate: p[1].exp_m1(),
        ci_low: (p[1] - Z_95 * se).exp_m1(),
        ci_high: (p[1] + Z_95 * se).exp_m1(),
        alpha: p[2],
        alpha_at_boundary: boundary,
        log_likelihood: l,
    }
}

fn inverse_se(h: &[[f64; 3]; 3], dim: usize) -> f64 {
    // The slope's variance: element (1, 1) of (−H)⁻¹, from solving (−H) s = e₁.
    let neg_h = h.map(|r| r.map(|v| -v));
    solve(&neg_h, &[0.0, 1.0, 0.0], dim).map_or(f64::NAN, |s| s[1].sqrt())
}

/// Fits the Poisson and NB2 log-linear rate models: `E[count] = exposure · exp(a + b·x)` with
/// `x` the centred year.
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid series (as [`crate::trend::fit_poisson`]), an
/// exposure that is not finite and positive, or no finite fit.
pub fn fit_rate(years: &[i32], counts: &[f64], exposure: &[f64]) -> Result<RateFit> {
    // Validates the series (and that a finite log-linear fit exists).
    fit_poisson(years, counts)?;
    if exposure.len() != counts.len() || exposure.iter().any(|e| !e.is_finite() || *e <= 0.0) {
        return Err(Error::spec(
            "the exposure needs one finite value > 0 for each year",
        ));
    }
    #[allow(clippy::cast_precision_loss)]
    let center = years.iter().map(|&y| f64::from(y)).sum::<f64>() / years.len() as f64;
    let x: Vec<f64> = years.iter().map(|&y| f64::from(y) - center).collect();
    let off: Vec<f64> = exposure.iter().map(|e| e.ln()).collect();
    let ln_fact: f64 = counts.iter().map(|&c| libm::lgamma(c + 1.0)).sum();
    let rate0 = counts.iter().sum::<f64>() / exposure.iter().sum::<f64>();
    let no_fit = || Error::spec("no finite rate fit: the Newton iterations did not converge");
    let pois = newton(&x, counts, &off, [rate0.ln(), 0.0, 0.0], 2).ok_or_else(no_fit)?;
    let (lp, _, hp) = nb_sums(&x, counts, &off, pois);
    let poisson = offset_fit(center, pois, inverse_se(&hp, 2), lp - ln_fact, false);
    // The α-score at α = 0 is ½ Σ [(y − μ)² − y]: at most 0 means the MLE is on the boundary.
    let score0: f64 = x
        .iter()
        .zip(counts)
        .zip(&off)
        .map(|((&xi, &yi), &oi)| {
            let mu = (oi + pois[0] + pois[1] * xi).exp();
            (yi - mu).powi(2) - yi
        })
        .sum();
    let negbin = if score0 <= 0.0 {
        OffsetFit {
            alpha_at_boundary: true,
            ..poisson.clone()
        }
    } else {
        let mut start = pois;
        start[2] = (score0 / counts.iter().map(|&y| y * y).sum::<f64>()).max(1e-4);
        let p = newton(&x, counts, &off, start, 3).ok_or_else(no_fit)?;
        let (l, _, h) = nb_sums(&x, counts, &off, p);
        offset_fit(center, p, inverse_se(&h, 3), l - ln_fact, false)
    };
    Ok(RateFit { poisson, negbin })
}

/// A form of organized violence, as UCDP separates them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Form {
    /// State-based, type 2: between states.
    Interstate,
    /// State-based, type 3: a government against armed groups on its territory.
    Intrastate,
    /// State-based, type 4: intrastate with troops of other states on either side.
    InternationalizedIntrastate,
    /// State-based, type 1: a state against a group outside its territory.
    Extrasystemic,
    /// All state-based conflicts.
    StateBased,
    /// Non-state conflicts: between organized groups, no government.
    NonState,
    /// One-sided violence: actors killing civilians.
    OneSided,
}

/// The table of facts of each form: key, the statement's words, unit, type filter.
const FORMS: &[(Form, &str, &str, CountUnit, Option<TypeOfConflict>)] = &[
    (
        Form::Interstate,
        "interstate",
        "between states",
        CountUnit::Conflict,
        Some(TypeOfConflict::Interstate),
    ),
    (
        Form::Intrastate,
        "intrastate",
        "within states",
        CountUnit::Conflict,
        Some(TypeOfConflict::Intrastate),
    ),
    (
        Form::InternationalizedIntrastate,
        "internationalized_intrastate",
        "within states, with foreign troops",
        CountUnit::Conflict,
        Some(TypeOfConflict::InternationalizedIntrastate),
    ),
    (
        Form::Extrasystemic,
        "extrasystemic",
        "colonial wars",
        CountUnit::Conflict,
        Some(TypeOfConflict::Extrasystemic),
    ),
    (
        Form::StateBased,
        "state_based",
        "all state-based conflicts",
        CountUnit::Conflict,
        None,
    ),
    (
        Form::NonState,
        "non_state",
        "between armed groups",
        CountUnit::NonstateConflict,
        None,
    ),
    (
        Form::OneSided,
        "one_sided",
        "against civilians",
        CountUnit::OnesidedActor,
        None,
    ),
];

impl Form {
    /// Every form, in the order of the report.
    pub const ALL: [Form; 7] = [
        Form::Interstate,
        Form::Intrastate,
        Form::InternationalizedIntrastate,
        Form::Extrasystemic,
        Form::StateBased,
        Form::NonState,
        Form::OneSided,
    ];

    fn facts(
        self,
    ) -> &'static (
        Form,
        &'static str,
        &'static str,
        CountUnit,
        Option<TypeOfConflict>,
    ) {
        FORMS.iter().find(|f| f.0 == self).unwrap_or(&FORMS[0])
    }

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.facts().1
    }

    /// What the form is in the statement's words ("between states", …).
    #[must_use]
    pub fn question(self) -> &'static str {
        self.facts().2
    }

    /// The count specification of the form over `years`.
    #[must_use]
    pub fn spec(self, years: (i32, i32)) -> CountSpec {
        let f = self.facts();
        let filters = Filters {
            types: f.4.into_iter().collect(),
            ..Filters::default()
        };
        CountSpec::new(f.3).filters(filters).years(years.0, years.1)
    }
}

impl std::str::FromStr for Form {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        Form::ALL
            .into_iter()
            .find(|f| f.key() == norm)
            .ok_or_else(|| {
                let keys: Vec<&str> = Form::ALL.iter().map(|f| f.key()).collect();
                Error::spec(format!(
                    "unknown form `{s}`; expected one of: {}",
                    keys.join(", ")
                ))
            })
    }
}

/// One form's counts and rates over the window, and their fits.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormRate {
    /// The form.
    pub form: Form,
    /// Its key.
    pub key: String,
    /// The statement's words.
    pub question: String,
    /// The counting unit's key.
    pub unit: String,
    /// The data counted.
    pub dataset: Provenance,
    /// Counts per year of the window.
    pub counts: Vec<u32>,
    /// Counts per 100 states in the system.
    pub per_100_states: Vec<f64>,
    /// Poisson log-linear fit of the counts (`None` with a note when it has no finite fit).
    pub count_poisson: Option<PoissonFit>,
    /// NB log-linear fit of the counts.
    pub count_negbin: Option<NegBinFit>,
    /// Poisson and NB fits of the rate per state.
    pub rate: Option<RateFit>,
    /// Why a fit is missing.
    pub note: Option<String>,
}

/// Counts and rates per state for several forms of violence on one window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatesReport {
    /// First year of the window.
    pub window_start: i32,
    /// Last year.
    pub window_end: i32,
    /// States in the G&W system per year of the window.
    pub states: Vec<u32>,
    /// Microstates counted as states.
    pub include_microstates: bool,
    /// The G&W list.
    pub states_dataset: Provenance,
    /// One entry per form.
    pub forms: Vec<FormRate>,
    /// [`RatesReport::statement`] at construction.
    pub statement: String,
}

fn form_rate(data: &Datasets, form: Form, window: (i32, i32), states: &[u32]) -> Result<FormRate> {
    let table = count_in(&data.sources(), &form.spec(window))?;
    let (years, counts) = table.series()?;
    let y: Vec<f64> = counts.iter().map(|&c| f64::from(c)).collect();
    let exposure: Vec<f64> = states.iter().map(|&s| f64::from(s)).collect();
    let mut fr = FormRate {
        form,
        key: form.key().to_string(),
        question: form.question().to_string(),
        unit: table.spec.unit.key().to_string(),
        dataset: table.dataset.clone(),
        per_100_states: counts
            .iter()
            .zip(states)
            .map(|(&c, &s)| 100.0 * f64::from(c) / f64::from(s))
            .collect(),
        counts,
        count_poisson: None,
        count_negbin: None,
        rate: None,
        note: None,
    };
    match fit_poisson(&years, &y) {
        Ok(p) => {
            fr.count_poisson = Some(p);
            fr.count_negbin = Some(fit_negbin(&years, &y)?);
            fr.rate = Some(fit_rate(&years, &y, &exposure)?);
        }
        Err(e) => fr.note = Some(e.to_string()),
    }
    Ok(fr)
}

impl RatesReport {
    /// Counts and per-state rates of `forms` on `window` (default: the years every dataset
    /// read covers), with the embedded releases of `version` (`None`: each default).
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] for a window outside a dataset's coverage; loading errors.
    pub fn embedded(
        forms: &[Form],
        window: Option<(i32, i32)>,
        version: Option<&str>,
        include_microstates: bool,
    ) -> Result<RatesReport> {
        let units: Vec<CountUnit> = forms.iter().map(|f| f.facts().3).collect();
        let data = Datasets::embedded_for(&units, version)?;
        let gw = GwStates::embedded(None)?;
        Self::from_datasets(&data, &gw, forms, window, include_microstates)
    }

    /// As [`RatesReport::embedded`], on loaded datasets.
    ///
    /// # Errors
    /// As [`RatesReport::embedded`].
    pub fn from_datasets(
        data: &Datasets,
        gw: &GwStates,
        forms: &[Form],
        window: Option<(i32, i32)>,
        include_microstates: bool,
    ) -> Result<RatesReport> {
        if forms.is_empty() {
            return Err(Error::spec("no form of violence asked for"));
        }
        let window = match window {
            Some(w) => w,
            None => common_coverage(data, forms)?,
        };
        let states: Vec<u32> = (window.0..=window.1)
            .map(|y| states_in_system(gw, y, include_microstates))
            .collect();
        let forms = forms
            .iter()
            .map(|&f| form_rate(data, f, window, &states))
            .collect::<Result<Vec<_>>>()?;
        let mut r = RatesReport {
            window_start: window.0,
            window_end: window.1,
            states,
            include_microstates,
            states_dataset: gw.provenance.clone(),
            forms,
            statement: String::new(),
        };
        r.statement = r.statement();
        Ok(r)
    }

    /// One sentence per form: count growth and rate growth (negative binomial, 95 % CI).
    #[must_use]
    pub fn statement(&self) -> String {
        let mut s = format!(
            "{}–{}, growth per year (negative binomial, 95 % CI) of the count and of the count per state ({} → {} states):",
            self.window_start,
            self.window_end,
            self.states.first().copied().unwrap_or(0),
            self.states.last().copied().unwrap_or(0)
        );
        let pct = |v: f64| format!("{:+.1}", 100.0 * v);
        for f in &self.forms {
            match (&f.count_negbin, &f.rate) {
                (Some(c), Some(r)) => {
                    let n = &r.negbin;
                    let _ = write!(
                        s,
                        " {} ({}): count {} %/yr ({} to {}), per state {} %/yr ({} to {});",
                        f.key,
                        f.question,
                        pct(c.growth_rate),
                        pct(c.ci_low),
                        pct(c.ci_high),
                        pct(n.growth_rate),
                        pct(n.ci_low),
                        pct(n.ci_high)
                    );
                }
                _ => {
                    let _ = write!(s, " {} ({}): no trend fit;", f.key, f.question);
                }
            }
        }
        s.pop();
        s.push('.');
        s
    }
}

/// The years every dataset the forms read covers.
fn common_coverage(data: &Datasets, forms: &[Form]) -> Result<(i32, i32)> {
    let mut lo = i32::MIN;
    let mut hi = i32::MAX;
    for f in forms {
        let (a, b) = crate::count::coverage(&data.sources(), &CountSpec::new(f.facts().3))?;
        lo = lo.max(a);
        hi = hi.min(b);
    }
    if lo > hi {
        return Err(Error::spec("the datasets of these forms share no year"));
    }
    Ok((lo, hi))
}

impl RatesReport {
    /// The forms' growth as a report [`Section`](crate::trend::Section): count and per-state
    /// growth (negative binomial, 95 % CI).
    #[must_use]
    pub fn section(&self) -> crate::trend::Section {
        let mut s = crate::trend::Section::new(
            "rates",
            &format!(
                "Counts and rates per state by form of violence, {}–{} ({} → {} states)",
                self.window_start,
                self.window_end,
                self.states.first().copied().unwrap_or(0),
                self.states.last().copied().unwrap_or(0)
            ),
            &[
                "form",
                "first",
                "last",
                "count %/yr (95 % CI)",
                "per state %/yr (95 % CI)",
            ],
        );
        let g = |v: f64| format!("{:+.2}", 100.0 * v);
        for f in &self.forms {
            let (count, rate) = match (&f.count_negbin, &f.rate) {
                (Some(c), Some(r)) => (
                    format!("{} ({} to {})", g(c.growth_rate), g(c.ci_low), g(c.ci_high)),
                    format!(
                        "{} ({} to {})",
                        g(r.negbin.growth_rate),
                        g(r.negbin.ci_low),
                        g(r.negbin.ci_high)
                    ),
                ),
                _ => ("no fit".to_string(), "no fit".to_string()),
            };
            s.push_row(vec![
                format!("{} ({})", f.key, f.question),
                f.counts.first().map_or(String::new(), u32::to_string),
                f.counts.last().map_or(String::new(), u32::to_string),
                count,
                rate,
            ]);
        }
        s.datasets = self.forms.iter().map(|f| f.dataset.clone()).collect();
        s.datasets.push(self.states_dataset.clone());
        s
    }
}
