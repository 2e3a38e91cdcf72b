//! Claims as data, checked under every reading a careful reader would vary.
//!
//! A [`Claim`] records what was said — a **level** ("more than 130 armed conflicts"), **ratios**
//! at horizons ("twice as many as 15 years ago" = about 2, ±10 %; "almost four times as many as
//! 30 years ago" = just under 4, from 3.6 to under 4 — tolerances stated and overridable), a
//! **shape** ("rising exponentially") for named forms of violence — with the date it was made
//! and its source. Claims are read from TOML or JSON ([`Claim::from_path`]); the seed claim is
//! the ICRC President's sentence of 2026-03-06 ([`Claim::seed`]).
//!
//! [`check`] evaluates the level and the ratios under every **reading**:
//!
//! - the **counting unit**: every unit of [`CountUnit`](crate::CountUnit),
//!   `legal_relationship` at persistence 0–5, and state-based plus non-state conflicts together;
//! - the **reference year**: the year the statement speaks of ("today" in March 2026 is 2025),
//!   and the latest year every dataset of the release covers;
//! - the **base year alignment**: `h`, `h − 1` and `h + 1` years back;
//! - the **base smoothing**: the base year alone, or the mean of it and the years either side;
//! - the **data release**.
//!
//! Each reading gives the figures, a verdict per part and the bootstrap interval of each ratio
//! (the trend bootstrap, [`crate::trend::bootstrap`]). A year no available release covers is
//! reported as "needs release X (not available; `conflictstats fetch …`)" — never dropped, never
//! filled. Across readings, [`ClaimCheck::parts`] says which readings satisfy each part and all
//! parts, the closest reading and its distance (`|ln(value / nearest accepted bound)|`, summed
//! over parts for all of them), and how fragile each verdict is (does moving the base one year
//! flip it?). The shape is checked per form of violence with the trend models, and the
//! speaker's explanation — "we have been classifying more and more conflicts" — by setting the
//! ICRC's dated figures beside every UCDP unit ([`explanation`]).
//!
//! ```
//! use conflictstats::claim::{check, Claim, CheckOptions, PartVerdict};
//! use conflictstats::trend::BootstrapOptions;
//!
//! let claim = Claim::seed()?;
//! let opts = CheckOptions {
//!     bootstrap: BootstrapOptions { replicates: 50, ..BootstrapOptions::default() },
//!     ..CheckOptions::default()
//! };
//! let c = check(&claim, &opts)?;
//! // UCDP conflicts, ACD v25.1: 61 in 2024 against 31 in 2010 (h − 1 = 14 years back) — about
//! // twice (1.97).
//! let r = c.readings.iter().find(|r| {
//!     r.unit == "conflict" && r.release == "25.1" && r.year == 2024 && r.base_offset == -1
//!         && r.base_years_one_year()
//! }).unwrap();
//! assert_eq!(r.ratios[0].base_years, [2010]);
//! assert_eq!(r.ratios[0].verdict, PartVerdict::Holds);
//! assert_eq!(r.ratios[0].fragile, Some(true)); // 2024 vs 2009 is 1.65
//! # Ok::<(), conflictstats::Error>(())
//! ```

mod display;
mod evaluate;
mod explain;
mod model;
mod shape;
mod summary;
mod units;

pub use evaluate::{
    BASE_OFFSETS, CheckOptions, Missing, PartCheck, PartVerdict, RatioInterval, Reading,
    ReferenceKind, ShiftedBase, Smoothing, fetch_command, ratio_at, readings,
};
pub use explain::{
    IcrcPoint, IndexedIcrcPoint, IndexedSeries, SeriesComparison, UnitIndex, explanation, indexed,
};
pub use model::{
    Bounds, Claim, Figure, FormOfViolence, LevelPart, Qualifier, RatioPart, Shape, ShapePart,
    Source,
};
pub use shape::{ShapeCheck, ShapeVerdict, check_shapes};
pub use summary::PartSummary;
pub use units::{
    Release, UNIT_DATASETS, UnitChoice, UnitSeries, release_covering, unit_choices, unit_series,
};

use crate::data::Provenance;
use crate::error::Result;
use serde::Serialize;

/// A claim checked under every reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCheck {
    /// The claim.
    pub claim: Claim,
    /// What was varied.
    pub options: CheckOptions,
    /// Releases read, oldest first.
    pub releases: Vec<String>,
    /// Every reading.
    pub readings: Vec<Reading>,
    /// Per part (level first, then the ratios), then all parts together.
    pub parts: Vec<PartSummary>,
    /// Distinct "needs release" messages, with the readings that need them.
    pub needs: Vec<(String, usize)>,
    /// The shape per form of violence.
    pub shapes: Vec<ShapeCheck>,
    /// The ICRC's dated series against every UCDP unit.
    pub explanation: Vec<SeriesComparison>,
    /// Every unit's yearly series, per release.
    pub series: Vec<UnitSeries>,
    /// Each unit's series indexed to each ratio part's base year (the figure's lines).
    pub indexed: Vec<IndexedSeries>,
    /// The ICRC's dated figures indexed to the base each ratio part implies (the figure's
    /// points).
    pub indexed_icrc: Vec<IndexedIcrcPoint>,
    /// Every dataset read.
    pub datasets: Vec<Provenance>,
}

impl Reading {
    /// Whether the reading takes the base year alone (not a 3-year mean).
    #[must_use]
    pub fn base_years_one_year(&self) -> bool {
        self.smoothing == Smoothing::OneYear
    }
}

/// Checks `claim` on every embedded or cached release (or those named in `opts.releases`),
/// or on the copies `opts.sources` names.
pub fn check(claim: &Claim, opts: &CheckOptions) -> Result<ClaimCheck> {
    if let Some(sources) = &opts.sources {
        if opts.releases.as_ref().is_some_and(|r| !r.is_empty()) {
            return Err(crate::Error::spec(
                "name releases or sources (files, one version), not both",
            ));
        }
        return check_on(claim, &[Release::from_sources(sources)?], opts);
    }
    let mut releases = Release::all_embedded()?;
    if let Some(keep) = &opts.releases {
        releases.retain(|r| keep.iter().any(|k| k.trim_start_matches('v') == r.version));
        if releases.is_empty() {
            return Err(crate::Error::spec(format!(
                "no release {} is available; `conflictstats datasets` lists them",
                keep.join(", ")
            )));
        }
    }
    check_on(claim, &releases, opts)
}

/// The releases no available copy has, each with the datasets needed and the number of
/// readings that need it: `needs release 26.1 (not available; …)`.
fn needs(readings: &[Reading]) -> Vec<(String, usize)> {
    let mut by_release: Vec<(String, Vec<String>, usize)> = Vec::new();
    for r in readings {
        let mut seen: Vec<&str> = Vec::new();
        for p in r.parts() {
            if let Some(Missing::NeedsRelease {
                release,
                datasets,
                available: false,
            }) = &p.missing
            {
                let entry = match by_release.iter_mut().position(|(v, ..)| v == release) {
                    Some(i) => &mut by_release[i],
                    None => {
                        by_release.push((release.clone(), Vec::new(), 0));
                        by_release.last_mut().expect("just pushed")
                    }
                };
                for d in datasets {
                    if !entry.1.contains(d) {
                        entry.1.push(d.clone());
                    }
                }
                if !seen.contains(&release.as_str()) {
                    entry.2 += 1;
                    seen.push(release);
                }
            }
        }
    }
    by_release.sort_by(|a, b| a.0.cmp(&b.0));
    by_release
        .into_iter()
        .map(|(release, mut datasets, n)| {
            datasets.sort_unstable();
            let m = Missing::NeedsRelease {
                release,
                datasets,
                available: false,
            };
            (m.to_string(), n)
        })
        .collect()
}

/// Checks `claim` on the given releases.
pub fn check_on(claim: &Claim, releases: &[Release], opts: &CheckOptions) -> Result<ClaimCheck> {
    let (readings, series) = readings(claim, releases, opts)?;
    let n_parts = usize::from(claim.level.is_some()) + claim.ratios.len();
    let mut parts: Vec<PartSummary> = (0..n_parts)
        .map(|k| summary::summarise(&readings, Some(k)))
        .collect();
    parts.push(summary::summarise(&readings, None));
    let needs = needs(&readings);
    let shapes = match &claim.shape {
        Some(s) => {
            // The predictive verdict's backtest: origins from 2000, the ratio bootstrap's
            // replicates and seed (none without a bootstrap).
            let b = &opts.bootstrap;
            let predictive = (b.replicates > 0).then(|| crate::trend::forecast::BacktestOptions {
                from: 2000,
                forecast: crate::trend::forecast::ForecastOptions {
                    replicates: b.replicates,
                    seed: b.seed,
                    ..Default::default()
                },
            });
            check_shapes(
                s.shape,
                &s.forms,
                releases,
                claim.reference_year(),
                predictive,
            )?
        }
        None => Vec::new(),
    };
    let explanation = explanation(claim, &series)?;
    let (indexed, indexed_icrc) = indexed(claim, &series, &explanation);
    let mut datasets: Vec<Provenance> = Vec::new();
    for p in series
        .iter()
        .flat_map(|s| &s.datasets)
        .chain(shapes.iter().flat_map(|s| &s.datasets))
    {
        if !datasets.iter().any(|d| d.sha256 == p.sha256) {
            datasets.push(p.clone());
        }
    }
    Ok(ClaimCheck {
        claim: claim.clone(),
        options: opts.clone(),
        releases: releases.iter().map(|r| r.version.clone()).collect(),
        readings,
        parts,
        needs,
        shapes,
        explanation,
        series,
        indexed,
        indexed_icrc,
        datasets,
    })
}

/// One part of one reading, flat: the rows of `conflictstats check --format csv|json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckRow {
    /// Index of the reading (the summaries' `holds`, `closest` and `fragile` refer to it).
    pub reading: usize,
    /// The counting unit.
    pub unit: String,
    /// The data release.
    pub release: String,
    /// `stated` or `latest_common`.
    pub reference: ReferenceKind,
    /// The reference year.
    pub year: i32,
    /// The base is `h + base_offset` years back.
    pub base_offset: i32,
    /// `one_year` or `three_year_mean`.
    pub smoothing: Smoothing,
    /// The part's words.
    pub part: String,
    /// `holds`, `fails`, `unavailable`.
    pub verdict: PartVerdict,
    /// The count (level) or ratio.
    pub value: Option<f64>,
    /// The count in the reference year.
    pub count: Option<f64>,
    /// First base year (ratios).
    pub base_from: Option<i32>,
    /// Last base year (ratios; equal to `base_from` for a one-year base).
    pub base_to: Option<i32>,
    /// The base count (a mean for a 3-year base).
    pub base_count: Option<f64>,
    /// Moving-block bootstrap 95 % interval of the ratio.
    pub interval_low: Option<f64>,
    /// Upper end.
    pub interval_high: Option<f64>,
    /// Distance to the statement (0 when it holds).
    pub distance: Option<f64>,
    /// Whether a one-year shift of the base flips the verdict.
    pub fragile: Option<bool>,
    /// Why there is no figure.
    pub missing: Option<String>,
}

impl ClaimCheck {
    /// Every part of every reading, flat.
    #[must_use]
    pub fn rows(&self) -> Vec<CheckRow> {
        let mut out = Vec::new();
        for (i, r) in self.readings.iter().enumerate() {
            for p in r.parts() {
                out.push(CheckRow {
                    reading: i,
                    unit: r.unit.clone(),
                    release: r.release.clone(),
                    reference: r.reference,
                    year: r.year,
                    base_offset: r.base_offset,
                    smoothing: r.smoothing,
                    part: p.said.clone(),
                    verdict: p.verdict,
                    value: p.value,
                    count: p.count,
                    base_from: p.base_years.first().copied(),
                    base_to: p.base_years.last().copied(),
                    base_count: p.base_count,
                    interval_low: p.interval.and_then(|i| i.block.low),
                    interval_high: p.interval.and_then(|i| i.block.high),
                    distance: p.distance,
                    fragile: p.fragile,
                    missing: p.missing.as_ref().map(ToString::to_string),
                });
            }
        }
        out
    }

    /// [`rows`](Self::rows) as CSV (header first; empty fields for missing values).
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        for row in self.rows() {
            let _ = w.serialize(row);
        }
        w.into_inner()
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default()
    }
}
