//! A claim's level and ratios evaluated under every reading: unit × reference year × base
//! alignment × base smoothing × release.

use super::model::{Claim, Figure, RatioPart};
use super::units::{Release, UnitChoice, UnitSeries, release_covering, unit_choices, unit_series};
use crate::error::Result;
use crate::trend::{BootstrapOptions, Horizon, Interval, bootstrap, horizons};
use serde::Serialize;
use std::fmt;

/// Which year "today" is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferenceKind {
    /// The year the statement speaks of ([`Claim::reference_year`]).
    Stated,
    /// The latest year every dataset of the release covers.
    LatestCommon,
}

/// How the base year's count is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Smoothing {
    /// The base year alone.
    OneYear,
    /// The mean of the base year and the years either side of it.
    ThreeYearMean,
}

impl Smoothing {
    /// Both, one year first.
    pub const ALL: &'static [Smoothing] = &[Smoothing::OneYear, Smoothing::ThreeYearMean];

    fn years(self, base: i32) -> Vec<i32> {
        match self {
            Smoothing::OneYear => vec![base],
            Smoothing::ThreeYearMean => vec![base - 1, base, base + 1],
        }
    }

    /// Short label (`1y`, `3y mean`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Smoothing::OneYear => "1y",
            Smoothing::ThreeYearMean => "3y mean",
        }
    }
}

/// The base year moved by this many years: `h`, `h − 1`, `h + 1` years back.
pub const BASE_OFFSETS: &[i32] = &[0, -1, 1];

/// Why a part has no figure under a reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Missing {
    /// The year lies beyond the release's data: a later release covers it.
    NeedsRelease {
        /// The release that would cover it (e.g. `26.1`).
        release: String,
        /// The datasets needed in that release.
        datasets: Vec<String>,
        /// Whether that release is available here (then its own readings answer it).
        available: bool,
    },
    /// The year lies before the data begin (no release can fill it).
    NotCovered {
        /// Why.
        reason: String,
    },
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::NeedsRelease {
                release,
                datasets,
                available: true,
            } => write!(f, "needs release {release} of {}", datasets.join(" + ")),
            Missing::NeedsRelease {
                release, datasets, ..
            } => match datasets.as_slice() {
                [one] => write!(
                    f,
                    "needs release {release} (not available; `{}`)",
                    fetch_command(one, release)
                ),
                [] => write!(f, "needs release {release} (not available)"),
                many => write!(
                    f,
                    "needs release {release} (not available; `{}` for {})",
                    fetch_command("DATASET", release),
                    many.join(", ")
                ),
            },
            Missing::NotCovered { reason } => f.write_str(reason),
        }
    }
}

impl Missing {
    /// "Needs release X" for `year`, beyond the data of `datasets` (registry names): X is the
    /// release that first covers the year, and it is *available* when every dataset has a
    /// copy of it here — embedded or fetched into the cache ([`crate::data::resolve`]). When
    /// it is not, only the datasets that lack it are named.
    ///
    /// ```
    /// use conflictstats::claim::Missing;
    ///
    /// // ACD v26.1 is embedded; the Dyadic Dataset's 26.1 is not (unless fetched).
    /// let acd = Missing::needs_release_for(2025, &["ucdp-acd"]);
    /// assert_eq!(acd.to_string(), "needs release 26.1 of ucdp-acd");
    /// # if conflictstats::data::resolve("ucdp-nonstate", Some("26.1")).is_err() {
    /// let sum = Missing::needs_release_for(2025, &["ucdp-acd", "ucdp-nonstate"]);
    /// assert_eq!(
    ///     sum.to_string(),
    ///     "needs release 26.1 (not available; `conflictstats fetch ucdp-nonstate 26.1`)"
    /// );
    /// # }
    /// ```
    #[must_use]
    pub fn needs_release_for(year: i32, datasets: &[&str]) -> Missing {
        let release = release_covering(year);
        let lacking: Vec<String> = datasets
            .iter()
            .filter(|d| crate::data::resolve(d, Some(&release)).is_err())
            .map(|d| (*d).to_string())
            .collect();
        let available = lacking.is_empty();
        Missing::NeedsRelease {
            release,
            datasets: if available {
                datasets.iter().map(|d| (*d).to_string()).collect()
            } else {
                lacking
            },
            available,
        }
    }
}

/// The command that brings a release of a dataset onto this machine (the CLI's or Python's:
/// [`crate::hint`]).
#[must_use]
pub fn fetch_command(dataset: &str, release: &str) -> String {
    crate::hint::fetch_command(dataset, release)
}

/// A part's verdict under one reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartVerdict {
    /// The figure meets the statement.
    Holds,
    /// It does not.
    Fails,
    /// No figure: see the part's `missing`.
    Unavailable,
}

/// The bootstrap interval of a ratio (from [`crate::trend::bootstrap`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RatioInterval {
    /// Parametric (negative binomial) 95 % interval.
    pub parametric: Interval,
    /// Moving-block 95 % interval.
    pub block: Interval,
    /// Whether the moving-block interval reaches the values the statement accepts.
    pub reaches_figure: Option<bool>,
}

/// The ratio with the base moved one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftedBase {
    /// The base year(s) used.
    pub base_years: Vec<i32>,
    /// The ratio, if those years are covered.
    pub ratio: Option<f64>,
    /// Its verdict.
    pub verdict: PartVerdict,
}

/// One part of the claim under one reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartCheck {
    /// The statement's words.
    pub said: String,
    /// The figure it states.
    pub figure: Figure,
    /// Holds, fails, unavailable.
    pub verdict: PartVerdict,
    /// The count (level) or ratio.
    pub value: Option<f64>,
    /// The reference year.
    pub year: i32,
    /// The count in the reference year.
    pub count: Option<f64>,
    /// Base year(s), for a ratio.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub base_years: Vec<i32>,
    /// The base count (a mean for a 3-year base).
    pub base_count: Option<f64>,
    /// Bootstrap interval of the ratio.
    pub interval: Option<RatioInterval>,
    /// `|ln(value / nearest accepted bound)|`, 0 when the part holds.
    pub distance: Option<f64>,
    /// Whether a one-year shift of the base (either way) flips the verdict.
    pub fragile: Option<bool>,
    /// The ratio at the base one year earlier and one year later.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shifted: Vec<ShiftedBase>,
    /// Why there is no figure.
    pub missing: Option<Missing>,
}

/// One reading of the claim and its parts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reading {
    /// The counting unit.
    pub unit: String,
    /// The data release.
    pub release: String,
    /// Which reference year.
    pub reference: ReferenceKind,
    /// The reference year.
    pub year: i32,
    /// Base offset: the base is `h + offset` years back.
    pub base_offset: i32,
    /// Base smoothing.
    pub smoothing: Smoothing,
    /// The level part.
    pub level: Option<PartCheck>,
    /// The ratio parts, in the claim's order.
    pub ratios: Vec<PartCheck>,
    /// All level and ratio parts together.
    pub all: PartVerdict,
    /// Sum of the parts' distances (0: every part holds).
    pub distance: Option<f64>,
}

impl Reading {
    /// The level part then the ratio parts.
    pub fn parts(&self) -> impl Iterator<Item = &PartCheck> {
        self.level.iter().chain(&self.ratios)
    }

    /// A short label: `conflict v25.1 2024, base h−1 (3y mean)`.
    #[must_use]
    pub fn label(&self) -> String {
        let off = match self.base_offset {
            0 => "h".to_string(),
            o if o < 0 => format!("h−{}", -o),
            o => format!("h+{o}"),
        };
        format!(
            "{} v{} {}, base {off} ({})",
            self.unit,
            self.release,
            self.year,
            self.smoothing.label()
        )
    }
}

/// What to vary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckOptions {
    /// Persistence settings of `legal_relationship` (default 0–5).
    pub persistences: Vec<u32>,
    /// Releases to read (default: every available release).
    pub releases: Option<Vec<String>>,
    /// Read these copies instead of every release — files, or one embedded or cached release
    /// per dataset, as every other command reads them: the check then has one "release", the
    /// datasets `sources` resolve ([`Release::from_sources`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources: Option<crate::data::Sources>,
    /// Bootstrap of each ratio (default 1,000 replicates, seed 42).
    pub bootstrap: BootstrapOptions,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            persistences: crate::count::DEFAULT_PERSISTENCES.to_vec(),
            releases: None,
            sources: None,
            bootstrap: BootstrapOptions::default(),
        }
    }
}

/// The fitted window of the bootstrap: the 30 years ending at the reference year.
const WINDOW_YEARS: i32 = 30;

/// Evaluates every reading of `claim` on `releases`.
pub fn readings(
    claim: &Claim,
    releases: &[Release],
    opts: &CheckOptions,
) -> Result<(Vec<Reading>, Vec<UnitSeries>)> {
    let units = unit_choices(&opts.persistences);
    // A release is available when it is read here, or embedded or cached though not selected
    // (`--release 25.1` still knows that ACD v26.1 is here).
    let available = |name: &str, version: &str| {
        releases
            .iter()
            .any(|r| r.version == version && !r.missing.contains(&name))
            || crate::data::resolve(name, Some(version)).is_ok()
    };
    let mut out = Vec::new();
    let mut all_series = Vec::new();
    for release in releases {
        let mut years = vec![(ReferenceKind::Stated, claim.reference_year())];
        if let Some(y) = release.latest_common_year().filter(|y| *y != years[0].1) {
            years.push((ReferenceKind::LatestCommon, y));
        }
        for unit in &units {
            let series = unit_in_release(unit, release)?;
            for &(reference, year) in &years {
                let ctx = Context {
                    claim,
                    unit,
                    release,
                    series: series.as_ref(),
                    reference,
                    year,
                    available: &available,
                };
                out.extend(ctx.readings(&opts.bootstrap)?);
            }
            all_series.extend(series);
        }
    }
    Ok((out, all_series))
}

/// The unit's series in the release, or `None` if a dataset it reads has no copy of it.
fn unit_in_release(unit: &UnitChoice, release: &Release) -> Result<Option<UnitSeries>> {
    if unit.datasets().iter().any(|d| release.missing.contains(d)) {
        return Ok(None);
    }
    unit_series(&release.data.sources(), unit, &release.version).map(Some)
}

struct Context<'a> {
    claim: &'a Claim,
    unit: &'a UnitChoice,
    release: &'a Release,
    series: Option<&'a UnitSeries>,
    reference: ReferenceKind,
    year: i32,
    available: &'a dyn Fn(&str, &str) -> bool,
}

impl Context<'_> {
    /// Every base offset × smoothing at this unit, release and year; one bootstrap for all
    /// their ratios.
    fn readings(&self, boot: &BootstrapOptions) -> Result<Vec<Reading>> {
        let mut readings = Vec::new();
        let mut horizons_: Vec<(usize, usize, Horizon)> = Vec::new();
        for &offset in BASE_OFFSETS {
            for &smoothing in Smoothing::ALL {
                let level = self
                    .claim
                    .level
                    .as_ref()
                    .map(|l| self.level(l.figure(), &l.said));
                let mut ratios = Vec::new();
                for part in &self.claim.ratios {
                    let (check, h) = self.ratio(part, offset, smoothing);
                    if let Some(h) = h {
                        horizons_.push((readings.len(), ratios.len(), h));
                    }
                    ratios.push(check);
                }
                readings.push(finish(Reading {
                    unit: self.unit.label.clone(),
                    release: self.release.version.clone(),
                    reference: self.reference,
                    year: self.year,
                    base_offset: offset,
                    smoothing,
                    level,
                    ratios,
                    all: PartVerdict::Unavailable,
                    distance: None,
                }));
            }
        }
        if let (Some(s), false) = (self.series, horizons_.is_empty()) {
            let (years, counts) = s.vectors();
            let start = (self.year - WINDOW_YEARS + 1).max(s.coverage.0);
            let lo = years.iter().position(|y| *y == start).unwrap_or(0);
            let hi = years
                .iter()
                .position(|y| *y == self.year)
                .map_or(years.len(), |i| i + 1);
            let hs: Vec<Horizon> = horizons_.iter().map(|(.., h)| *h).collect();
            if let Ok(b) = bootstrap(&years[lo..hi], &counts[lo..hi], &hs, boot) {
                for ((r, p, _), iv) in horizons_.iter().zip(b.horizons) {
                    let part = &mut readings[*r].ratios[*p];
                    let reaches = reaches(&part.figure, iv.block);
                    part.interval = Some(RatioInterval {
                        parametric: iv.parametric,
                        block: iv.block,
                        reaches_figure: reaches,
                    });
                }
            }
        }
        Ok(readings)
    }

    /// Why `year` has no count, or `None` if it has one.
    fn missing(&self, year: i32) -> Option<Missing> {
        let datasets: Vec<String> = self
            .unit
            .datasets()
            .iter()
            .map(|d| (*d).to_string())
            .collect();
        let Some(s) = self.series else {
            let lacking: Vec<String> = datasets
                .into_iter()
                .filter(|d| self.release.missing.contains(&d.as_str()))
                .collect();
            return Some(Missing::NeedsRelease {
                release: self.release.version.clone(),
                datasets: lacking,
                available: false,
            });
        };
        if s.at(year).is_some() {
            return None;
        }
        if year > s.coverage.1 {
            // Name only the datasets whose release is missing (ACD v26.1 is here: a sum of
            // conflicts and non-state conflicts in 2025 needs the Non-State 26.1 alone).
            let release = release_covering(year);
            let lacking: Vec<String> = datasets
                .iter()
                .filter(|d| !(self.available)(d, &release))
                .cloned()
                .collect();
            let available = lacking.is_empty();
            return Some(Missing::NeedsRelease {
                release,
                datasets: if available { datasets } else { lacking },
                available,
            });
        }
        Some(Missing::NotCovered {
            reason: format!(
                "{year} not covered: {} v{} covers {}–{}",
                s.label, s.version, s.coverage.0, s.coverage.1
            ),
        })
    }

    fn level(&self, figure: Figure, said: &str) -> PartCheck {
        let mut p = blank(said, figure, self.year);
        match self.missing(self.year) {
            Some(m) => p.missing = Some(m),
            None => {
                let v = self.series.and_then(|s| s.at(self.year)).map(f64::from);
                p.count = v;
                p.value = v;
                judge(&mut p);
            }
        }
        p
    }

    /// The ratio part at one base offset and smoothing, and the horizon to bootstrap.
    fn ratio(
        &self,
        part: &RatioPart,
        offset: i32,
        smoothing: Smoothing,
    ) -> (PartCheck, Option<Horizon>) {
        let mut p = blank(&part.said, part.figure(), self.year);
        let back = i32::try_from(part.horizon)
            .unwrap_or(i32::MAX)
            .saturating_add(offset);
        let base = self.year - back;
        p.base_years = smoothing.years(base);
        let h = match self.horizon(&p.base_years) {
            Ok(h) => h,
            Err(m) => {
                p.missing = Some(m);
                return (p, None);
            }
        };
        p.count = Some(h.to_count);
        p.base_count = Some(h.from_count);
        p.value = h.ratio;
        judge(&mut p);
        for shift in [-1, 1] {
            let years = smoothing.years(base + shift);
            let (ratio, verdict) = match self.horizon(&years) {
                Ok(h) => (h.ratio, verdict_of(&p.figure, h.ratio)),
                Err(_) => (None, PartVerdict::Unavailable),
            };
            p.shifted.push(ShiftedBase {
                base_years: years,
                ratio,
                verdict,
            });
        }
        let known: Vec<PartVerdict> = p
            .shifted
            .iter()
            .map(|s| s.verdict)
            .filter(|v| *v != PartVerdict::Unavailable)
            .collect();
        p.fragile = (!known.is_empty()).then(|| known.iter().any(|v| *v != p.verdict));
        (p, Some(h))
    }

    /// The count in the reference year against the (mean) count in `base_years`, computed by
    /// [`horizons`] — the trend report's own comparison.
    fn horizon(&self, base_years: &[i32]) -> std::result::Result<Horizon, Missing> {
        let s = self.series;
        let missing = std::iter::once(self.year)
            .chain(base_years.iter().copied())
            .find_map(|y| self.missing(y));
        if let Some(m) = missing {
            return Err(m);
        }
        let s = s.ok_or(Missing::NotCovered {
            reason: "no data".into(),
        })?;
        let (years, counts) = s.vectors();
        ratio_at(&years, &counts, self.year, base_years).map_err(|e| Missing::NotCovered {
            reason: e.to_string(),
        })
    }
}

/// The count in `year` against the mean count of `base_years`, by [`horizons`] — the trend
/// report's own comparison; the comparison behind every ratio of `check` and `reconcile`.
///
/// ```
/// use conflictstats::claim::ratio_at;
///
/// let years = [2009, 2010, 2011, 2024];
/// let counts = [37.0, 31.0, 37.0, 61.0];
/// assert!((ratio_at(&years, &counts, 2024, &[2010])?.ratio.unwrap() - 61.0 / 31.0).abs() < 1e-12);
/// let mean3 = ratio_at(&years, &counts, 2024, &[2009, 2010, 2011])?;
/// assert!((mean3.from_count - 35.0).abs() < 1e-12);
/// # Ok::<(), conflictstats::Error>(())
/// ```
pub fn ratio_at(years: &[i32], counts: &[f64], year: i32, base_years: &[i32]) -> Result<Horizon> {
    let backs: Vec<u32> = base_years
        .iter()
        .map(|b| u32::try_from(year - b).unwrap_or(0))
        .collect();
    let hs = horizons(years, counts, year, &backs)?;
    let mid = hs[hs.len() / 2];
    #[allow(clippy::cast_precision_loss)]
    let from = hs.iter().map(|h| h.from_count).sum::<f64>() / hs.len() as f64;
    Ok(Horizon {
        from_count: from,
        change: mid.to_count - from,
        ratio: (from > 0.0).then(|| mid.to_count / from),
        cagr: None,
        doubling_time_years: None,
        ..mid
    })
}

fn blank(said: &str, figure: Figure, year: i32) -> PartCheck {
    PartCheck {
        said: said.to_string(),
        figure,
        verdict: PartVerdict::Unavailable,
        value: None,
        year,
        count: None,
        base_years: Vec::new(),
        base_count: None,
        interval: None,
        distance: None,
        fragile: None,
        shifted: Vec::new(),
        missing: None,
    }
}

fn verdict_of(figure: &Figure, value: Option<f64>) -> PartVerdict {
    match value {
        Some(v) if figure.accepts(v) => PartVerdict::Holds,
        Some(_) => PartVerdict::Fails,
        None => PartVerdict::Unavailable,
    }
}

fn judge(p: &mut PartCheck) {
    p.verdict = verdict_of(&p.figure, p.value);
    p.distance = p.value.and_then(|v| p.figure.distance(v));
    if p.value.is_none() && p.missing.is_none() {
        p.missing = Some(Missing::NotCovered {
            reason: "the base count is 0: the ratio is undefined".into(),
        });
    }
}

/// Whether the interval `[low, high]` meets the figure's accepted values.
fn reaches(figure: &Figure, iv: Interval) -> Option<bool> {
    let (lo, hi) = (iv.low?, iv.high?);
    let b = figure.bounds();
    let above = b.low.is_none_or(|(l, _)| hi >= l);
    let below = b.high.is_none_or(|(h, _)| lo < h);
    Some(above && below)
}

fn finish(mut r: Reading) -> Reading {
    let verdicts: Vec<PartVerdict> = r.parts().map(|p| p.verdict).collect();
    r.all = if verdicts.contains(&PartVerdict::Unavailable) {
        PartVerdict::Unavailable
    } else if verdicts.iter().all(|v| *v == PartVerdict::Holds) {
        PartVerdict::Holds
    } else {
        PartVerdict::Fails
    };
    r.distance = r
        .parts()
        .map(|p| p.distance)
        .sum::<Option<f64>>()
        .filter(|_| r.all != PartVerdict::Unavailable);
    r
}
