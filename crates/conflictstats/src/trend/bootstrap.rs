//! Bootstrap intervals for the growth rate and the horizon ratios: parametric and
//! moving-block, seeded, and bit-identical whatever the number of threads.
//!
//! **Growth rate** (the Poisson log-linear slope, refitted on every replicate — on consecutive
//! years the maximum likelihood slope is the root of one equation in the count-weighted mean
//! year, solved by Newton's method from the point estimate):
//! - *parametric*: each year's count is redrawn from the fitted negative binomial model
//!   (mean `μ̂_t`, dispersion `α̂`; Poisson when `α̂ = 0`);
//! - *moving block*: the multiplicative residuals `r_t = y_t / μ̂_t` of the Poisson fit are
//!   resampled in blocks of consecutive years (keeping year-to-year dependence), and the
//!   pseudo-series is `μ̂_t · r*_t`. Block starts are uniform over the `n − ℓ + 1` possible
//!   blocks; blocks are concatenated and cut to `n`. The default block length `ℓ` is the
//!   smallest integer with `ℓ³ ≥ n` (`⌈n^(1/3)⌉`, the usual rate for variance estimation;
//!   4 for a 30-year window).
//!
//! **Horizon ratio** `count(Y) / count(Y − h)`: the two endpoint counts are treated as noisy
//! measurements of the underlying levels:
//! - *parametric*: each endpoint is redrawn from the negative binomial with its observed count
//!   as mean and the window's `α̂`;
//! - *moving block*: each endpoint is multiplied by the residual that a block-resampled
//!   residual series of length `h + 1` puts at its position (so endpoints closer than a block
//!   share a block and are correlated as in the data).
//!
//! A replicate whose statistic is undefined (a zero denominator, no finite fit) is left out and
//! counted; intervals are percentile intervals (linear interpolation between order statistics,
//! numpy's default) over the valid replicates.
//!
//! Replicate `i` of each of the four statistics draws from
//! [`Rng::for_replicate(seed, stream, i)`](super::rng::Rng::for_replicate): results depend on
//! the seed and the replicate count only, not on rayon's thread count or scheduling.

use super::glm::{ConsecutiveSlope, Design, poisson_without_profile};
use super::horizon::Horizon;
use super::negbin::negbin_from_design;
use super::rng::{NegBinSampler, Rng, mix64};
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;

const STREAM_GROWTH_PARAMETRIC: u64 = 1;
const STREAM_GROWTH_BLOCK: u64 = 2;
const STREAM_HORIZON_PARAMETRIC: u64 = 3;
const STREAM_HORIZON_BLOCK: u64 = 4;

/// Replicates of every bootstrap a front end runs when not told otherwise (the CLI's
/// `--bootstrap` default and Python's `bootstrap=True`), trend and severity alike.
pub const DEFAULT_REPLICATES: usize = 1000;

/// The seed of every bootstrap when not told otherwise (CLI `--seed`, Python `seed=`).
pub const DEFAULT_SEED: u64 = 42;

/// How to bootstrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BootstrapOptions {
    /// Number of replicates (each method).
    pub replicates: usize,
    /// The seed; the same seed gives the same intervals.
    pub seed: u64,
    /// Block length of the moving-block bootstrap; `None`: `⌈n^(1/3)⌉`.
    pub block_length: Option<usize>,
}

impl Default for BootstrapOptions {
    /// [`DEFAULT_REPLICATES`] (1,000), [`DEFAULT_SEED`] (42), default block length.
    fn default() -> Self {
        BootstrapOptions {
            replicates: DEFAULT_REPLICATES,
            seed: DEFAULT_SEED,
            block_length: None,
        }
    }
}

/// The most replicates [`bootstrap`] runs: more is refused with [`Error::InvalidSpec`] rather
/// than attempted (each replicate holds its estimates until the intervals are taken, so an
/// unbounded count is an unbounded allocation).
pub const MAX_REPLICATES: usize = 100_000;

/// A 95 % percentile interval over the valid replicates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// 2.5 % quantile; `None` if fewer than two replicates were valid.
    pub low: Option<f64>,
    /// 97.5 % quantile.
    pub high: Option<f64>,
    /// Replicates with a defined statistic.
    pub valid: usize,
}

/// Bootstrap intervals of one horizon ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HorizonInterval {
    /// The horizon `h` in years.
    pub years: u32,
    /// Parametric (negative binomial) interval of the ratio.
    pub parametric: Interval,
    /// Moving-block interval of the ratio.
    pub block: Interval,
}

/// What [`bootstrap`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BootstrapSummary {
    /// Replicates per method.
    pub replicates: usize,
    /// The seed.
    pub seed: u64,
    /// Block length used.
    pub block_length: usize,
    /// Dispersion of the parametric model (0: Poisson).
    pub parametric_alpha: f64,
    /// Parametric interval of the annual growth rate.
    pub growth_parametric: Interval,
    /// Moving-block interval of the annual growth rate.
    pub growth_block: Interval,
    /// Intervals of the horizon ratios, in the order given.
    pub horizons: Vec<HorizonInterval>,
}

/// The `p`-quantile of `values` (at least one), linear interpolation (numpy's default, Hyndman
/// & Fan 7). The two order statistics it needs are found by selection, not a full sort (same
/// values); `values` is reordered.
fn quantile(values: &mut [f64], p: f64) -> f64 {
    let pos = p * (values.len() - 1) as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let lo = pos.floor() as usize;
    let (_, &mut at_lo, above) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let at_hi = above
        .iter()
        .copied()
        .min_by(f64::total_cmp)
        .unwrap_or(at_lo);
    at_lo + (pos - lo as f64) * (at_hi - at_lo)
}

/// The percentile interval of the finite `values` (undefined replicates are NaN).
fn interval(values: impl Iterator<Item = f64>) -> Interval {
    let mut v: Vec<f64> = values.filter(|x| x.is_finite()).collect();
    let tail = (1.0 - LEVEL) / 2.0;
    if v.len() < 2 {
        return Interval {
            low: None,
            high: None,
            valid: v.len(),
        };
    }
    Interval {
        low: Some(quantile(&mut v, tail)),
        high: Some(quantile(&mut v, 1.0 - tail)),
        valid: v.len(),
    }
}

/// The coverage of the intervals.
const LEVEL: f64 = 0.95;

/// The default block length for `n` years: the smallest `ℓ` with `ℓ³ ≥ n`.
#[must_use]
pub fn default_block_length(n: usize) -> usize {
    (1..=n.max(1)).find(|l| l * l * l >= n).unwrap_or(1)
}

/// Fills `out` with a moving-block resample of `resid`.
fn block_resample(rng: &mut Rng, resid: &[f64], block: usize, out: &mut [f64]) {
    let starts = (resid.len() - block + 1) as u64;
    let mut i = 0;
    while i < out.len() {
        #[allow(clippy::cast_possible_truncation)] // < resid.len()
        let s = rng.below(starts) as usize;
        let len = block.min(out.len() - i);
        out[i..i + len].copy_from_slice(&resid[s..s + len]);
        i += block;
    }
}

/// The growth rate `exp(b) − 1` of the Poisson fit to a replicate; NaN when undefined.
fn refit_growth(fit: &ConsecutiveSlope, y: &[f64]) -> f64 {
    fit.slope(y)
        .map(f64::exp_m1)
        .filter(|g| g.is_finite())
        .unwrap_or(f64::NAN)
}

/// Bootstraps the growth rate of a window (`years`, `counts`: consecutive years, whole counts)
/// and the ratios of `horizons` (from [`horizons`](super::horizons), on any years).
///
/// The same as [`BootstrapPlan::new`], then [`BootstrapPlan::replicates`] of every replicate
/// and [`BootstrapPlan::summarize`]: the replicates can be split over machines instead.
///
/// ```
/// use conflictstats::trend::{bootstrap, horizons, BootstrapOptions};
///
/// let years: Vec<i32> = (2001..=2020).collect();
/// let counts = [9.0, 2., 0., 4., 1., 5., 0., 8., 4., 6., 12., 7., 9., 15., 11., 20., 14., 25., 18., 30.];
/// let h = horizons(&years, &counts, 2020, &[10])?;
/// let opts = BootstrapOptions { replicates: 200, seed: 7, block_length: None };
/// let b = bootstrap(&years, &counts, &h, &opts)?;
/// assert_eq!(b, bootstrap(&years, &counts, &h, &opts)?); // reproducible
/// assert!(b.growth_block.low.unwrap() < b.growth_block.high.unwrap());
/// # Ok::<(), conflictstats::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidSpec`] for an invalid window (see [`fit_poisson`](super::fit_poisson)),
/// years that are not consecutive, no replicates, or a block length of 0 or longer than the
/// window.
pub fn bootstrap(
    years: &[i32],
    counts: &[f64],
    horizons: &[Horizon],
    opts: &BootstrapOptions,
) -> Result<BootstrapSummary> {
    let ends: Vec<HorizonEnds> = horizons.iter().map(HorizonEnds::from).collect();
    let plan = BootstrapPlan::new(years, counts, &ends, opts)?;
    plan.summarize([plan.replicates(0..opts.replicates)?])
}

/// What the bootstrap needs of a horizon: its length and the counts at its two ends.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HorizonEnds {
    /// The horizon `h` in years.
    pub years: u32,
    /// Count in `Y − h`.
    pub from_count: f64,
    /// Count in `Y`.
    pub to_count: f64,
}

impl From<&Horizon> for HorizonEnds {
    fn from(h: &Horizon) -> HorizonEnds {
        HorizonEnds {
            years: h.years,
            from_count: h.from_count,
            to_count: h.to_count,
        }
    }
}

/// A bootstrap ready to draw: the fits of the window, the residuals, the block length and the
/// seed. Replicate `i` is a function of the plan and `i` only (its generators are
/// [`Rng::for_replicate(seed, stream, i)`](super::rng::Rng::for_replicate)), so replicates
/// `0..n` can be drawn in any split — ranges on different machines, in any order — and
/// [`summarize`](BootstrapPlan::summarize)d into the intervals of one [`bootstrap`] call,
/// bit for bit.
///
/// ```
/// use conflictstats::trend::{bootstrap, horizons, BootstrapOptions, BootstrapPlan, HorizonEnds};
///
/// let years: Vec<i32> = (2001..=2020).collect();
/// let counts = [9.0, 2., 0., 4., 1., 5., 0., 8., 4., 6., 12., 7., 9., 15., 11., 20., 14., 25., 18., 30.];
/// let h = horizons(&years, &counts, 2020, &[10])?;
/// let opts = BootstrapOptions { replicates: 300, seed: 7, block_length: None };
/// let ends: Vec<HorizonEnds> = h.iter().map(HorizonEnds::from).collect();
/// let plan = BootstrapPlan::new(&years, &counts, &ends, &opts)?;
/// // Three "workers", out of order.
/// let parts = [plan.replicates(250..300)?, plan.replicates(0..100)?, plan.replicates(100..250)?];
/// assert_eq!(plan.summarize(parts)?, bootstrap(&years, &counts, &h, &opts)?);
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct BootstrapPlan {
    mu_p: Vec<f64>,
    mu_nb: Vec<f64>,
    resid: Vec<f64>,
    alpha: f64,
    sampler: NegBinSampler,
    refit: ConsecutiveSlope,
    block: usize,
    seed: u64,
    replicates: usize,
    horizons: Vec<HorizonEnds>,
    fingerprint: u64,
}

/// The statistics of replicates `start..start + values.len() / width` of one plan: per
/// replicate, the growth rate (parametric, block) then each horizon's ratio (parametric,
/// block); NaN where undefined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Replicates {
    /// [`BootstrapPlan::fingerprint`] of the plan that drew them.
    pub plan: u64,
    /// The first replicate's index.
    pub start: usize,
    /// Values per replicate (`2 + 2 × horizons`).
    pub width: usize,
    /// The statistics, replicate after replicate.
    pub values: Vec<f64>,
}

/// A fingerprint of the plan's inputs (so that replicates of another plan are refused).
fn fingerprint(years: &[i32], counts: &[f64], ends: &[HorizonEnds], opts: [u64; 3]) -> u64 {
    let words = years
        .iter()
        .map(|&y| y as u64)
        .chain(counts.iter().map(|c| c.to_bits()))
        .chain(ends.iter().flat_map(|h| {
            [
                u64::from(h.years),
                h.from_count.to_bits(),
                h.to_count.to_bits(),
            ]
        }))
        .chain(opts);
    words.fold(0x5EED, |acc, w| mix64(acc ^ mix64(w)))
}

impl BootstrapPlan {
    /// Fits the window and checks the options.
    ///
    /// # Errors
    /// As [`bootstrap`].
    pub fn new(
        years: &[i32],
        counts: &[f64],
        horizons: &[HorizonEnds],
        opts: &BootstrapOptions,
    ) -> Result<BootstrapPlan> {
        let d = Design::new(years, counts)?;
        d.check_loglinear_exists()?;
        if let Some(w) = years.windows(2).find(|w| w[1] != w[0] + 1) {
            return Err(Error::spec(format!(
                "the block bootstrap needs consecutive years; {} is followed by {}",
                w[0], w[1]
            )));
        }
        check_replicates(opts.replicates)?;
        let n = years.len();
        let block = opts.block_length.unwrap_or_else(|| default_block_length(n));
        if block == 0 || block > n {
            return Err(Error::spec(format!(
                "block length {block} is not between 1 and the window's {n} years"
            )));
        }
        let p = poisson_without_profile(&d)?;
        let nb = negbin_from_design(&d)?;
        let fitted =
            |a: f64, b: f64| -> Vec<f64> { d.x.iter().map(|x| (a + b * x).exp()).collect() };
        let mu_p = fitted(p.intercept, p.slope);
        let mu_nb = fitted(nb.intercept, nb.slope);
        let resid: Vec<f64> = d.y.iter().zip(&mu_p).map(|(y, m)| y / m).collect();
        let key = [opts.seed, opts.replicates as u64, block as u64];
        Ok(BootstrapPlan {
            mu_p,
            mu_nb,
            resid,
            alpha: nb.alpha,
            sampler: NegBinSampler::new(nb.alpha),
            refit: ConsecutiveSlope::new(n, p.slope),
            block,
            seed: opts.seed,
            replicates: opts.replicates,
            horizons: horizons.to_vec(),
            fingerprint: fingerprint(years, counts, horizons, key),
        })
    }

    /// A fingerprint of the years, counts, horizons, seed, replicate count and block length.
    #[must_use]
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// Values per replicate: `2 + 2 × horizons`.
    #[must_use]
    pub fn width(&self) -> usize {
        2 + 2 * self.horizons.len()
    }

    /// Draws replicates `range` (in parallel; each from its own generators only).
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] for a range outside `0..replicates`.
    pub fn replicates(&self, range: std::ops::Range<usize>) -> Result<Replicates> {
        if range.start > range.end || range.end > self.replicates {
            return Err(Error::spec(format!(
                "replicates {}..{} are not within the plan's 0..{}",
                range.start, range.end, self.replicates
            )));
        }
        let width = self.width();
        let n = self.mu_p.len();
        let mut values = vec![f64::NAN; range.len() * width];
        values.par_chunks_mut(width).enumerate().for_each_init(
            || (vec![0.0; n], Vec::new()),
            |(ys, path), (i, row)| self.draw((range.start + i) as u64, row, ys, path),
        );
        Ok(Replicates {
            plan: self.fingerprint,
            start: range.start,
            width,
            values,
        })
    }

    /// Replicate `i` into `row`.
    fn draw(&self, i: u64, row: &mut [f64], ys: &mut [f64], path: &mut Vec<f64>) {
        let (seed, block, resid) = (self.seed, self.block, &self.resid);
        let mut rng = Rng::for_replicate(seed, STREAM_GROWTH_PARAMETRIC, i);
        for (y, m) in ys.iter_mut().zip(&self.mu_nb) {
            *y = self.sampler.sample(&mut rng, *m);
        }
        row[0] = refit_growth(&self.refit, ys);

        let mut rng = Rng::for_replicate(seed, STREAM_GROWTH_BLOCK, i);
        block_resample(&mut rng, resid, block, ys);
        for (y, m) in ys.iter_mut().zip(&self.mu_p) {
            *y *= m;
        }
        row[1] = refit_growth(&self.refit, ys);

        let mut rng_p = Rng::for_replicate(seed, STREAM_HORIZON_PARAMETRIC, i);
        let mut rng_b = Rng::for_replicate(seed, STREAM_HORIZON_BLOCK, i);
        for (h, out) in self.horizons.iter().zip(row[2..].chunks_exact_mut(2)) {
            let to = self.sampler.sample(&mut rng_p, h.to_count);
            let from = self.sampler.sample(&mut rng_p, h.from_count);
            out[0] = if from > 0.0 { to / from } else { f64::NAN };
            path.resize(h.years as usize + 1, 0.0);
            block_resample(&mut rng_b, resid, block, path);
            let from = h.from_count * path[0];
            let to = h.to_count * path[h.years as usize];
            out[1] = if from > 0.0 { to / from } else { f64::NAN };
        }
    }

    /// The intervals of replicates drawn by this plan, given in any order and split: together
    /// they must be replicates `0..replicates`, each once.
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] for replicates of another plan, a gap, an overlap, or a part
    /// whose values are not whole replicates.
    pub fn summarize(
        &self,
        parts: impl IntoIterator<Item = Replicates>,
    ) -> Result<BootstrapSummary> {
        let mut parts: Vec<Replicates> = parts.into_iter().collect();
        let width = self.width();
        if let Some(p) = parts
            .iter()
            .find(|p| p.plan != self.fingerprint || p.width != width)
        {
            return Err(Error::spec(format!(
                "replicates from {} were drawn by another bootstrap plan (other data, seed, replicate count or block length)",
                p.start
            )));
        }
        if let Some(p) = parts.iter().find(|p| p.values.len() % width != 0) {
            return Err(Error::spec(format!(
                "replicates from {}: {} values are not whole replicates of {width}",
                p.start,
                p.values.len()
            )));
        }
        parts.sort_by_key(|p| p.start);
        let mut next = 0;
        for p in &parts {
            if p.start != next {
                return Err(Error::spec(format!(
                    "the replicates given {} at {next}: the parts must cover 0..{} once each",
                    if p.start > next {
                        "have a gap"
                    } else {
                        "overlap"
                    },
                    self.replicates
                )));
            }
            next += p.values.len() / width;
        }
        if next != self.replicates {
            return Err(Error::spec(format!(
                "{next} of the plan's {} replicates given",
                self.replicates
            )));
        }
        let rows: Vec<f64> = parts.into_iter().flat_map(|p| p.values).collect();
        Ok(self.summary_of(&rows))
    }

    /// The intervals of all replicates' `rows`.
    fn summary_of(&self, rows: &[f64]) -> BootstrapSummary {
        let width = self.width();
        let column = |c: usize| rows.chunks_exact(width).map(move |r| r[c]);
        BootstrapSummary {
            replicates: self.replicates,
            seed: self.seed,
            block_length: self.block,
            parametric_alpha: self.alpha,
            growth_parametric: interval(column(0)),
            growth_block: interval(column(1)),
            horizons: self
                .horizons
                .iter()
                .enumerate()
                .map(|(k, h)| HorizonInterval {
                    years: h.years,
                    parametric: interval(column(2 + 2 * k)),
                    block: interval(column(3 + 2 * k)),
                })
                .collect(),
        }
    }
}

/// Between 1 and [`MAX_REPLICATES`] replicates.
fn check_replicates(n: usize) -> Result<()> {
    if n == 0 {
        return Err(Error::spec("the bootstrap needs at least one replicate"));
    }
    if n > MAX_REPLICATES {
        return Err(Error::spec(format!(
            "{n} bootstrap replicates asked for; at most {MAX_REPLICATES} are run (percentile intervals are stable long before)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trend::rng::Rng;

    /// Selection gives the order statistics of a full sort.
    #[test]
    fn quantile_by_selection_is_the_sorted_quantile() {
        let mut rng = Rng::seed_from_u64(3);
        for len in [1usize, 2, 3, 40, 41, 1000] {
            // Few distinct values: ties at the order statistics.
            let v: Vec<f64> = (0..len).map(|_| rng.poisson(4.0) - 3.0).collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            for p in [0.0, 0.025, 0.5, 0.975, 1.0] {
                let pos = p * (len - 1) as f64;
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let lo = pos.floor() as usize;
                let hi = (lo + 1).min(len - 1);
                let want = sorted[lo] + (pos - lo as f64) * (sorted[hi] - sorted[lo]);
                assert_eq!(quantile(&mut v.clone(), p), want, "len {len}, p {p}");
            }
        }
    }

    fn plan(replicates: usize, seed: u64) -> (BootstrapPlan, BootstrapSummary) {
        let years: Vec<i32> = (1995..=2024).collect();
        let counts: Vec<f64> = (0..30).map(|i| f64::from(30 + i + (i * 7) % 5)).collect();
        let h = super::super::horizons(&years, &counts, 2024, &[5, 15]).unwrap();
        let opts = BootstrapOptions {
            replicates,
            seed,
            block_length: None,
        };
        let ends: Vec<HorizonEnds> = h.iter().map(HorizonEnds::from).collect();
        let p = BootstrapPlan::new(&years, &counts, &ends, &opts).unwrap();
        (p, bootstrap(&years, &counts, &h, &opts).unwrap())
    }

    /// Any split of the replicates, drawn in any order, gives the single call's intervals.
    #[test]
    fn replicates_split_anyhow_give_the_single_call() {
        let (p, whole) = plan(257, 11);
        for cuts in [
            vec![0, 257],
            vec![0, 1, 2, 257],
            vec![0, 100, 101, 200, 257],
        ] {
            let mut parts: Vec<Replicates> = cuts
                .windows(2)
                .map(|w| p.replicates(w[0]..w[1]).unwrap())
                .collect();
            parts.reverse();
            assert_eq!(p.summarize(parts).unwrap(), whole, "{cuts:?}");
        }
        let empty = p.replicates(5..5).unwrap();
        let parts = [
            p.replicates(0..5).unwrap(),
            empty,
            p.replicates(5..257).unwrap(),
        ];
        assert_eq!(p.summarize(parts).unwrap(), whole);
    }

    #[test]
    fn replicates_with_gaps_overlaps_or_of_another_plan_are_refused() {
        let (p, _) = plan(100, 11);
        let r = |a: usize, b: usize| p.replicates(a..b).unwrap();
        let msg = |parts: Vec<Replicates>| p.summarize(parts).unwrap_err().to_string();
        assert!(msg(vec![r(0, 50), r(60, 100)]).contains("gap"));
        assert!(msg(vec![r(0, 60), r(50, 100)]).contains("overlap"));
        assert!(msg(vec![r(0, 50)]).contains("50 of the plan's 100"));
        let (other, _) = plan(100, 12);
        let foreign = other.replicates(50..100).unwrap();
        assert!(msg(vec![r(0, 50), foreign]).contains("another bootstrap plan"));
        assert!(p.replicates(90..101).is_err());
        let mut cut = r(0, 100);
        cut.values.pop();
        assert!(msg(vec![cut]).contains("whole replicates"));
    }
}
