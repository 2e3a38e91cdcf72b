//! Trends in yearly counts: how fast is the rise, and with what uncertainty?
//!
//! The claim this module exists to test: *"more than 130 armed conflicts … twice as many as 15
//! years ago and almost four times as many as 30 years ago"*. A horizon comparison
//! ([`horizons`]) answers the arithmetic: the count in year *Y* against *Y − h*, its ratio, the
//! compound annual growth rate it implies and the doubling time.
//!
//! Two endpoints are noisy, so the trend models use every year of a window:
//!
//! - [`fit_poisson`] — log-linear Poisson regression (`E[count] = exp(a + b·year)`), the
//!   growth rate `exp(b) − 1` with Wald, quasi-Poisson and profile-likelihood intervals;
//! - [`fit_negbin`] — the same mean with negative binomial (NB2) noise, for overdispersed counts;
//! - [`fit_linear`] — a straight-line mean, to ask (by AIC) whether "rising exponentially" is
//!   better supported than "rising linearly";
//! - [`bootstrap`] — parametric and moving-block bootstrap intervals, seeded and identical
//!   whatever the number of threads;
//! - [`TrendReport`] — all of it for one series, with the counting unit and the dataset
//!   version, as JSON, a terminal report or one sentence.
//!
//! Series are yearly whole counts ≥ 0 with strictly increasing years; the fits accept gaps in
//! the years, a report's window does not (a missing year is not a zero).
//!
//! ```
//! use conflictstats::{count, data::Acd, CountSpec, CountUnit};
//! use conflictstats::trend::{TrendOptions, TrendReport};
//!
//! let acd = Acd::embedded(Some("25.1"))?; // UCDP/PRIO ACD v25.1
//! let table = count(&acd, &CountSpec::new(CountUnit::Conflict))?;
//! let report = TrendReport::from_count_table(&table, &TrendOptions::default())?;
//! assert_eq!((report.window_start, report.window_end), (1995, 2024));
//! assert!((report.poisson.growth_rate - 0.019089).abs() < 1e-6); // ≈ 1.9 % a year
//! assert!(report.statement().contains("61 in 2024, 1.65× the 37 of 2009 (15 years)"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod added;
mod bootstrap;
mod diagnostics;
pub mod forecast;
mod glm;
mod horizon;
mod models;
mod negbin;
mod parts;
mod report;
pub mod rng;
mod section;
pub mod shapes;
mod special;

pub use added::{AddedParts, add_parts};
pub use bootstrap::{
    BootstrapOptions, BootstrapPlan, BootstrapSummary, DEFAULT_REPLICATES, DEFAULT_SEED,
    HorizonEnds, HorizonInterval, Interval, Replicates, bootstrap, default_block_length,
};
pub use diagnostics::{
    DIAGNOSTIC_LEVEL, Diagnostics, LjungBox, autocorrelations, diagnose, hac_covariance,
    hac_lags_rule, ljung_box_lags_rule, loglinear_hac, loglinear_hac_se,
};
pub use glm::{CHI2_1_95, LinearFit, PoissonFit, Z_95, fit_linear, fit_poisson};
pub use horizon::{Horizon, horizons};
pub use models::{IntervalMethod, ModelRow, NamedInterval, QuotedInterval};
pub use negbin::{NegBinFit, fit_negbin};
pub use report::{
    AIC_THRESHOLD, AicComparison, FitDiagnostics, FittedPoint, HacInterval, HacSummary,
    TrendOptions, TrendReport, UnitInfo, Verdict,
};
pub use section::Section;

pub use shapes::{
    BootstrapP, BreakFit, LrTest, NoBreakTest, ProfilePoint, Segment, Shape, ShapeComparison,
    ShapeOptions, ShapeVerdict, SimpleFit, YearInterval, compare,
};
pub use special::chi2_sf;

#[cfg(test)]
mod tests;
