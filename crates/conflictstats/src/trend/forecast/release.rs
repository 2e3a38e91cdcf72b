//! The release test: fit on one release, score the next release's new year(s) — and show the
//! revisions between the two releases over the years they share, since a "miss" can be a
//! revision of the past rather than an error of the forecast.

use super::backtest::{BacktestCase, score_case};
use super::{ForecastOptions, ForecastSet, at_origin, method_text, window_of};
use crate::count::CountTable;
use crate::data::Provenance;
use crate::error::{Error, Result};
use serde::Serialize;

/// A year whose count differs between the two releases.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Revision {
    /// The year.
    pub year: i32,
    /// Its count in the earlier release.
    pub previous: f64,
    /// Its count in the later release.
    pub next: f64,
}

/// Forecasts fitted on one release, scored on the next release's new years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReleaseTest {
    /// The earlier release (fitted).
    pub previous: Option<Provenance>,
    /// The later release (scored).
    pub next: Option<Provenance>,
    /// The forecasts from the earlier release's last year.
    pub forecast: ForecastSet,
    /// Each model scored on each new year of the later release within the horizon.
    pub cases: Vec<BacktestCase>,
    /// Years both releases cover.
    pub shared_years: (i32, i32),
    /// The shared years whose count was revised.
    pub revisions: Vec<Revision>,
    /// One sentence.
    pub sentence: String,
}

/// The release test of two series (earlier, later).
///
/// # Errors
/// As [`forecast`](super::forecast) on the earlier series; or when the later series has no
/// year after the earlier one's last.
pub fn release_test(
    previous: (&[i32], &[f64]),
    next: (&[i32], &[f64]),
    opts: &ForecastOptions,
) -> Result<ReleaseTest> {
    let (py, pc) = previous;
    let (ny, nc) = next;
    let origin = *py
        .last()
        .ok_or_else(|| Error::spec("the earlier release has no years"))?;
    let o = ForecastOptions {
        origin: Some(origin),
        ..*opts
    };
    let range = window_of(py, pc, &o, origin)?;
    crate::trend::glm::Design::new(ny, nc)?;
    let new: Vec<(i32, f64)> = ny
        .iter()
        .zip(nc)
        .filter(|(y, _)| **y > origin && i64::from(**y - origin) <= i64::from(o.horizon))
        .map(|(y, c)| (*y, *c))
        .collect();
    if new.is_empty() {
        return Err(Error::spec(format!(
            "the later release has no year after {origin} within {} years",
            o.horizon
        )));
    }
    let (models, notes, samples) = at_origin(&py[range.clone()], &pc[range.clone()], &o);
    let mut cases = Vec::new();
    for (m, s) in models.iter().zip(&samples) {
        for &(year, observed) in &new {
            #[allow(clippy::cast_sign_loss)]
            let h = (year - origin) as usize;
            cases.push(score_case(m.model, s, origin, h, observed));
        }
    }
    let revisions: Vec<Revision> = py
        .iter()
        .zip(pc)
        .filter_map(|(y, p)| {
            let i = ny.iter().position(|v| v == y)?;
            (nc[i] != *p).then_some(Revision {
                year: *y,
                previous: *p,
                next: nc[i],
            })
        })
        .collect();
    let shared = (py[0].max(ny[0]), origin.min(ny[ny.len() - 1]));
    let forecast = ForecastSet {
        origin,
        window_start: py[range.start],
        window_end: origin,
        options: o,
        method: method_text(&o),
        models,
        notes,
    };
    let sentence = sentence(&cases, &revisions, shared);
    Ok(ReleaseTest {
        previous: None,
        next: None,
        forecast,
        cases,
        shared_years: shared,
        revisions,
        sentence,
    })
}

/// The release test of two ungrouped count tables of the same unit.
///
/// # Errors
/// As [`release_test`]; or when the units differ or a table is grouped.
pub fn release_test_tables(
    previous: &CountTable,
    next: &CountTable,
    opts: &ForecastOptions,
) -> Result<ReleaseTest> {
    if previous.spec != next.spec {
        return Err(Error::spec(
            "the two releases must be counted the same way (same unit and filters)",
        ));
    }
    let (py, pc) = previous.series()?;
    let (ny, nc) = next.series()?;
    let pc: Vec<f64> = pc.into_iter().map(f64::from).collect();
    let nc: Vec<f64> = nc.into_iter().map(f64::from).collect();
    let mut t = release_test((&py, &pc), (&ny, &nc), opts)?;
    t.previous = Some(previous.dataset.clone());
    t.next = Some(next.dataset.clone());
    Ok(t)
}

fn sentence(cases: &[BacktestCase], revisions: &[Revision], shared: (i32, i32)) -> String {
    let Some(first) = cases.first() else {
        return String::new();
    };
    let best = cases
        .iter()
        .filter(|c| c.horizon == first.horizon)
        .min_by(|a, b| a.crps.total_cmp(&b.crps))
        .unwrap_or(first);
    let inside = cases
        .iter()
        .filter(|c| {
            c.horizon == first.horizon
                && c.intervals[2].0 <= c.observed
                && c.observed <= c.intervals[2].1
        })
        .count();
    let total = cases.iter().filter(|c| c.horizon == first.horizon).count();
    let net: f64 = revisions.iter().map(|r| r.next - r.previous).sum();
    format!(
        "{} observed {}: {inside} of {total} models' 95 % intervals hold it; closest by CRPS: {} (median {}, CRPS {:.2}). Between the releases {} of the years {}–{} were revised (net {:+}).",
        first.year,
        first.observed,
        best.model.name(),
        best.median,
        best.crps,
        revisions.len(),
        shared.0,
        shared.1,
        net
    )
}

/// The release a forecast from `origin` on `counted` can be scored on: the next embedded
/// release of the same dataset, when the counted release ends at the origin (else its own
/// later years score it) and is itself a registered release.
#[must_use]
pub fn later_release(counted: &Provenance, origin: i32) -> Option<&'static str> {
    let this = crate::data::registry::find(&counted.name, Some(&counted.version)).ok()?;
    if this.sha256 != counted.sha256 || this.years.1 != origin {
        return None;
    }
    crate::data::registry::next_release(&counted.name, &counted.version).map(|d| d.version)
}
