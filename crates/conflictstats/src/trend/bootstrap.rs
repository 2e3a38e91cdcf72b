//! Bootstrap intervals for the growth rate and the horizon ratios: parametric and
//! moving-block, seeded, and bit-identical whatever the number of threads.
//!
//! **Growth rate** (the Poisson log-linear slope, refitted on every replicate):
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

use super::glm::{Design, irls_log, loglinear_exists, poisson_from_design};
use super::horizon::Horizon;
use super::negbin::negbin_from_design;
use super::rng::Rng;
use crate::error::{Error, Result};
use rayon::prelude::*;
use serde::Serialize;

const STREAM_GROWTH_PARAMETRIC: u64 = 1;
const STREAM_GROWTH_BLOCK: u64 = 2;
const STREAM_HORIZON_PARAMETRIC: u64 = 3;
const STREAM_HORIZON_BLOCK: u64 = 4;

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
    /// 1,000 replicates, seed 42, default block length.
    fn default() -> Self {
        BootstrapOptions {
            replicates: 1000,
            seed: 42,
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

/// The `p`-quantile of sorted values, linear interpolation (numpy's default, Hyndman & Fan 7).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let pos = p * (sorted.len() - 1) as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let lo = pos.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (pos - lo as f64) * (sorted[hi] - sorted[lo])
}

fn interval(values: impl Iterator<Item = Option<f64>>) -> Interval {
    let mut v: Vec<f64> = values.flatten().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    let tail = (1.0 - LEVEL) / 2.0;
    if v.len() < 2 {
        return Interval {
            low: None,
            high: None,
            valid: v.len(),
        };
    }
    Interval {
        low: Some(quantile(&v, tail)),
        high: Some(quantile(&v, 1.0 - tail)),
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

fn refit_growth(x: &[f64], y: &[f64], start: (f64, f64)) -> Option<f64> {
    if !loglinear_exists(x, y) {
        return None;
    }
    irls_log(x, y, 0.0, Some(start))
        .map(|(_, b, _)| b.exp_m1())
        .filter(|g| g.is_finite())
}

/// Bootstraps the growth rate of a window (`years`, `counts`: consecutive years, whole counts)
/// and the ratios of `horizons` (from [`horizons`](super::horizons), on any years).
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
    let d = Design::new(years, counts)?;
    d.check_loglinear_exists()?;
    if let Some(w) = years.windows(2).find(|w| w[1] != w[0] + 1) {
        return Err(Error::spec(format!(
            "the block bootstrap needs consecutive years; {} is followed by {}",
            w[0], w[1]
        )));
    }
    if opts.replicates == 0 {
        return Err(Error::spec("the bootstrap needs at least one replicate"));
    }
    if opts.replicates > MAX_REPLICATES {
        return Err(Error::spec(format!(
            "{} bootstrap replicates asked for; at most {MAX_REPLICATES} are run (percentile intervals are stable long before)",
            opts.replicates
        )));
    }
    let n = years.len();
    let block = opts.block_length.unwrap_or_else(|| default_block_length(n));
    if block == 0 || block > n {
        return Err(Error::spec(format!(
            "block length {block} is not between 1 and the window's {n} years"
        )));
    }
    let p = poisson_from_design(&d)?;
    let nb = negbin_from_design(&d)?;
    let start = (p.intercept, p.slope);
    let mu_p: Vec<f64> =
        d.x.iter()
            .map(|x| (p.intercept + p.slope * x).exp())
            .collect();
    let mu_nb: Vec<f64> =
        d.x.iter()
            .map(|x| (nb.intercept + nb.slope * x).exp())
            .collect();
    let resid: Vec<f64> = d.y.iter().zip(&mu_p).map(|(y, m)| y / m).collect();
    let alpha = nb.alpha;
    let seed = opts.seed;

    struct Rep {
        growth_par: Option<f64>,
        growth_blk: Option<f64>,
        ratio_par: Vec<Option<f64>>,
        ratio_blk: Vec<Option<f64>>,
    }
    let reps: Vec<Rep> = (0..opts.replicates)
        .into_par_iter()
        .map(|i| {
            let i = i as u64;
            let mut ys = vec![0.0; n];
            let mut rng = Rng::for_replicate(seed, STREAM_GROWTH_PARAMETRIC, i);
            for (y, m) in ys.iter_mut().zip(&mu_nb) {
                *y = rng.negbin(*m, alpha);
            }
            let growth_par = refit_growth(&d.x, &ys, start);

            let mut rng = Rng::for_replicate(seed, STREAM_GROWTH_BLOCK, i);
            block_resample(&mut rng, &resid, block, &mut ys);
            for (y, m) in ys.iter_mut().zip(&mu_p) {
                *y *= m;
            }
            let growth_blk = refit_growth(&d.x, &ys, start);

            let mut rng_p = Rng::for_replicate(seed, STREAM_HORIZON_PARAMETRIC, i);
            let mut rng_b = Rng::for_replicate(seed, STREAM_HORIZON_BLOCK, i);
            let mut ratio_par = Vec::with_capacity(horizons.len());
            let mut ratio_blk = Vec::with_capacity(horizons.len());
            let mut path = Vec::new();
            for h in horizons {
                let to = rng_p.negbin(h.to_count, alpha);
                let from = rng_p.negbin(h.from_count, alpha);
                ratio_par.push((from > 0.0).then(|| to / from));
                path.resize(h.years as usize + 1, 0.0);
                block_resample(&mut rng_b, &resid, block, &mut path);
                let from = h.from_count * path[0];
                let to = h.to_count * path[h.years as usize];
                ratio_blk.push((from > 0.0).then(|| to / from));
            }
            Rep {
                growth_par,
                growth_blk,
                ratio_par,
                ratio_blk,
            }
        })
        .collect();

    Ok(BootstrapSummary {
        replicates: opts.replicates,
        seed,
        block_length: block,
        parametric_alpha: alpha,
        growth_parametric: interval(reps.iter().map(|r| r.growth_par)),
        growth_block: interval(reps.iter().map(|r| r.growth_blk)),
        horizons: horizons
            .iter()
            .enumerate()
            .map(|(k, h)| HorizonInterval {
                years: h.years,
                parametric: interval(reps.iter().map(|r| r.ratio_par[k])),
                block: interval(reps.iter().map(|r| r.ratio_blk[k])),
            })
            .collect(),
    })
}
