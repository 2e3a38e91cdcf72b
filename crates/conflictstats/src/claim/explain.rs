//! The speaker's own explanation — "we have been classifying more and more conflicts" — set
//! against the data: the ICRC's dated figures beside every UCDP unit over the same years,
//! indexed to a common base, and the part of the ICRC's growth that no UCDP unit shows.

use super::evaluate::Missing;
use super::model::Claim;
use super::units::{UnitSeries, release_covering};
use crate::error::Result;
use crate::reconcile::{StatementKind, published_figures};
use serde::Serialize;

/// One ICRC figure of a dated series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IcrcPoint {
    /// The year it refers to.
    pub year: i32,
    /// The figure (for "more than 120": 120).
    pub value: f64,
    /// Its words and source, or `implied by …` for a point the claim's ratios imply.
    pub label: String,
    /// Whether the point is implied by the claim (its level divided by a ratio) rather than
    /// published as a count.
    pub implied: bool,
}

/// A UCDP unit over the ICRC series' base and end years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitIndex {
    /// The unit.
    pub unit: String,
    /// The release read (the newest covering both years).
    pub release: Option<String>,
    /// Count in the base year.
    pub base: Option<u32>,
    /// Count in the end year.
    pub end: Option<u32>,
    /// `end / base`.
    pub index: Option<f64>,
    /// Why there is none.
    pub missing: Option<Missing>,
}

/// One ICRC series against every UCDP unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesComparison {
    /// `armed_conflicts` or `niac`.
    pub series: String,
    /// What the ICRC counts in it.
    pub counts: String,
    /// The points, by year.
    pub points: Vec<IcrcPoint>,
    /// The common base year (the series' first year).
    pub base_year: i32,
    /// The end year compared: the latest point year some UCDP unit covers.
    pub end_year: i32,
    /// The ICRC's index `end / base`.
    pub icrc_index: f64,
    /// Every unit's index over the same years.
    pub units: Vec<UnitIndex>,
    /// The unit with the largest index.
    pub fastest: Option<String>,
    /// The share of the ICRC's growth (in logs, `ln index`) that no UCDP unit shows:
    /// `1 − ln(largest UCDP index) / ln(ICRC index)`, at least 0.
    pub unexplained_share: Option<f64>,
    /// In conflicts: the ICRC's end figure minus its base figure grown at the fastest unit's
    /// index.
    pub unexplained_conflicts: Option<f64>,
    /// Later ICRC points that no release covers.
    pub needs: Vec<Missing>,
}

/// The ICRC's dated series from the published figures (plus the points the claim's ratios
/// imply for the `armed_conflicts` series), each against every unit in `series` (all releases;
/// for each unit the newest release covering the years is used).
pub fn explanation(claim: &Claim, series: &[UnitSeries]) -> Result<Vec<SeriesComparison>> {
    let figs = published_figures()?;
    let mut names: Vec<String> = figs
        .iter()
        .filter(|f| f.publisher == "ICRC" && !f.series.is_empty())
        .map(|f| f.series.clone())
        .collect();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let mut points: Vec<IcrcPoint> = figs
            .iter()
            .filter(|f| f.series == name && f.kind == StatementKind::Level)
            .map(|f| IcrcPoint {
                year: f.year,
                value: f.figure,
                label: format!("{} ({}, {})", f.part, f.source, f.date),
                implied: false,
            })
            .collect();
        if name == "armed_conflicts" {
            points.extend(implied_points(claim));
        }
        points.sort_by_key(|p| p.year);
        let counts = figs
            .iter()
            .find(|f| f.series == name)
            .map(|f| f.counts.clone())
            .unwrap_or_default();
        if let Some(c) = compare(name, counts, points, series) {
            out.push(c);
        }
    }
    Ok(out)
}

/// For each ratio part, the base the claim implies: level / ratio, `h` years back.
fn implied_points(claim: &Claim) -> Vec<IcrcPoint> {
    let Some(level) = &claim.level else {
        return Vec::new();
    };
    let y = claim.reference_year();
    claim
        .ratios
        .iter()
        .map(|r| IcrcPoint {
            year: y - i32::try_from(r.horizon).unwrap_or(0),
            value: level.value / r.value,
            label: format!("implied by \"{}\" and \"{}\"", level.said, r.said),
            implied: true,
        })
        .collect()
}

/// Mean figure of the points in `year`.
fn value_in(points: &[IcrcPoint], year: i32) -> Option<f64> {
    let v: Vec<f64> = points
        .iter()
        .filter(|p| p.year == year)
        .map(|p| p.value)
        .collect();
    #[allow(clippy::cast_precision_loss)]
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn compare(
    name: String,
    counts: String,
    points: Vec<IcrcPoint>,
    series: &[UnitSeries],
) -> Option<SeriesComparison> {
    let base_year = points.first()?.year;
    let mut labels: Vec<&str> = Vec::new();
    for s in series {
        if !labels.contains(&s.label.as_str()) {
            labels.push(&s.label);
        }
    }
    // The units with no release covering both the base year and `y`.
    let lacking = |y: i32| -> Vec<&str> {
        labels
            .iter()
            .copied()
            .filter(|l| {
                !series
                    .iter()
                    .any(|s| s.label == *l && s.at(y).is_some() && s.at(base_year).is_some())
            })
            .collect()
    };
    let mut years: Vec<i32> = points
        .iter()
        .map(|p| p.year)
        .filter(|y| *y > base_year)
        .collect();
    years.dedup();
    // The end year is the latest point year EVERY unit covers: a later year some units lack
    // (2025: ACD v26.1 is here, Dyadic and Non-State 26.1 are not) would compare the ICRC with
    // the units that happen to have data, and shift the share no unit shows. Such years are
    // listed in `needs`, with the datasets their units lack.
    let end_year = years
        .iter()
        .rev()
        .copied()
        .find(|y| lacking(*y).is_empty())
        .or_else(|| {
            years
                .iter()
                .rev()
                .copied()
                .find(|y| lacking(*y).len() < labels.len())
        })?;
    let needs: Vec<Missing> = years
        .iter()
        .filter(|y| **y > end_year)
        .map(|y| {
            let mut datasets: Vec<&str> = Vec::new();
            for l in lacking(*y) {
                for s in series.iter().filter(|s| s.label == l) {
                    for d in &s.datasets {
                        let covers = series.iter().any(|o| {
                            o.at(*y).is_some() && o.datasets.iter().any(|p| p.name == d.name)
                        });
                        if !covers && !datasets.contains(&d.name.as_str()) {
                            datasets.push(&d.name);
                        }
                    }
                }
            }
            datasets.sort_unstable();
            Missing::needs_release_for(*y, &datasets)
        })
        .collect();
    let icrc_index = value_in(&points, end_year)? / value_in(&points, base_year)?;
    let units: Vec<UnitIndex> = labels
        .iter()
        .map(|label| unit_index(label, series, base_year, end_year))
        .collect();
    let fastest = units
        .iter()
        .filter(|u| u.index.is_some())
        .max_by(|a, b| a.index.unwrap_or(0.0).total_cmp(&b.index.unwrap_or(0.0)));
    let best = fastest.and_then(|u| u.index);
    let share = best
        .filter(|_| icrc_index > 1.0)
        .map(|b| (1.0 - b.max(1.0).ln() / icrc_index.ln()).max(0.0));
    let base_value = value_in(&points, base_year)?;
    let unexplained = best.map(|b| (base_value * icrc_index - base_value * b).max(0.0));
    Some(SeriesComparison {
        series: name,
        counts,
        base_year,
        end_year,
        icrc_index,
        fastest: fastest.map(|u| u.unit.clone()),
        units,
        unexplained_share: share,
        unexplained_conflicts: unexplained,
        needs,
        points,
    })
}

fn unit_index(label: &str, series: &[UnitSeries], base: i32, end: i32) -> UnitIndex {
    let found = series
        .iter()
        .rev()
        .find(|s| s.label == label && s.at(base).is_some() && s.at(end).is_some());
    match found {
        Some(s) => {
            let (b, e) = (s.at(base), s.at(end));
            UnitIndex {
                unit: label.to_string(),
                release: Some(s.version.clone()),
                base: b,
                end: e,
                index: b
                    .zip(e)
                    .filter(|(b, _)| *b > 0)
                    .map(|(b, e)| f64::from(e) / f64::from(b)),
                missing: None,
            }
        }
        None => {
            let last = series
                .iter()
                .filter(|s| s.label == label)
                .map(|s| s.coverage)
                .max();
            let missing = match last {
                Some((first, _)) if first > base => Missing::NotCovered {
                    reason: format!("{base} not covered: the data begin {first}"),
                },
                _ => Missing::NeedsRelease {
                    release: release_covering(end),
                    datasets: Vec::new(),
                    available: false,
                },
            };
            UnitIndex {
                unit: label.to_string(),
                release: None,
                base: None,
                end: None,
                index: None,
                missing: Some(missing),
            }
        }
    }
}

/// A unit's series indexed to a ratio part's base year: `count(year) / count(base)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexedSeries {
    /// The ratio part's words.
    pub part: String,
    /// The base year (reference year − horizon).
    pub base_year: i32,
    /// The unit.
    pub unit: String,
    /// The release (the newest whose data cover the base year).
    pub release: String,
    /// `(year, count, index)` from the base year to the last year covered.
    pub points: Vec<(i32, u32, f64)>,
}

/// An ICRC figure indexed to a ratio part's base: its value over the base the claim implies
/// (the level divided by the ratio).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndexedIcrcPoint {
    /// The ratio part's words.
    pub part: String,
    /// The year the figure refers to.
    pub year: i32,
    /// The figure.
    pub value: f64,
    /// `value / (level / ratio)`.
    pub index: f64,
    /// Its words and source.
    pub label: String,
}

/// For each ratio part of `claim`, every unit's series indexed to the base year
/// (`reference year − horizon`), and the ICRC's dated points indexed to the base the claim
/// implies — the data of the figure in Python's `ClaimCheck.plot`.
pub fn indexed(
    claim: &Claim,
    series: &[UnitSeries],
    comparisons: &[SeriesComparison],
) -> (Vec<IndexedSeries>, Vec<IndexedIcrcPoint>) {
    let y = claim.reference_year();
    let mut out = Vec::new();
    let mut icrc = Vec::new();
    let mut labels: Vec<&str> = Vec::new();
    for s in series {
        if !labels.contains(&s.label.as_str()) {
            labels.push(&s.label);
        }
    }
    for part in &claim.ratios {
        let base = y - i32::try_from(part.horizon).unwrap_or(0);
        for label in &labels {
            let found = series
                .iter()
                .rev()
                .find(|s| s.label == *label && s.at(base).is_some_and(|c| c > 0));
            if let Some(s) = found {
                let b = f64::from(s.at(base).unwrap_or(1));
                out.push(IndexedSeries {
                    part: part.said.clone(),
                    base_year: base,
                    unit: s.label.clone(),
                    release: s.version.clone(),
                    points: s
                        .counts
                        .range(base..)
                        .map(|(yr, c)| (*yr, *c, f64::from(*c) / b))
                        .collect(),
                });
            }
        }
        if let Some(level) = &claim.level {
            let implied_base = level.value / part.value;
            for p in comparisons
                .iter()
                .filter(|c| c.series == "armed_conflicts")
                .flat_map(|c| &c.points)
                .filter(|p| !p.implied)
            {
                icrc.push(IndexedIcrcPoint {
                    part: part.said.clone(),
                    year: p.year,
                    value: p.value,
                    index: p.value / implied_base,
                    label: p.label.clone(),
                });
            }
        }
    }
    (out, icrc)
}
