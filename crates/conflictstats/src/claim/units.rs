//! The counting units a claim is read under, and their yearly series in each data release.

use crate::count::{self, CountSpec, CountUnit, Datasets, Sources};
use crate::data::{Acd, Dyadic, NonState, OneSided, Provenance, cache, registry};
use crate::error::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// The UCDP datasets the units read, by registry name.
pub const UNIT_DATASETS: &[&str] = &["ucdp-acd", "ucdp-dyadic", "ucdp-nonstate", "ucdp-onesided"];

/// A counting unit as a reading of "armed conflicts": one count, or the sum of several (state-based
/// conflicts plus non-state conflicts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitChoice {
    /// Label: the unit key, ` p=N` for `legal_relationship`, `conflict+nonstate_conflict` for a sum.
    pub label: String,
    /// The counts added up.
    pub specs: Vec<CountSpec>,
}

impl UnitChoice {
    fn one(spec: CountSpec) -> UnitChoice {
        let label = if spec.unit == CountUnit::LegalRelationship {
            format!("{} p={}", spec.unit, spec.persistence)
        } else {
            spec.unit.key().to_string()
        };
        UnitChoice {
            label,
            specs: vec![spec],
        }
    }

    /// The registry names of the datasets read.
    #[must_use]
    pub fn datasets(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for d in self.specs.iter().flat_map(|s| s.unit.datasets()) {
            if !out.contains(d) {
                out.push(d);
            }
        }
        out
    }
}

/// Every unit the library has, `legal_relationship` at each of `persistences`, and state-based
/// plus non-state conflicts together.
///
/// ```
/// use conflictstats::claim::unit_choices;
///
/// let labels: Vec<String> = unit_choices(&[0, 5]).into_iter().map(|u| u.label).collect();
/// assert_eq!(labels[0], "conflict");
/// assert!(labels.contains(&"legal_relationship p=5".to_string()));
/// assert_eq!(labels.last().unwrap(), "conflict+nonstate_conflict");
/// ```
#[must_use]
pub fn unit_choices(persistences: &[u32]) -> Vec<UnitChoice> {
    let mut out: Vec<UnitChoice> = CountUnit::ALL
        .iter()
        .filter(|u| **u != CountUnit::LegalRelationship)
        .map(|u| UnitChoice::one(CountSpec::new(*u)))
        .collect();
    out.extend(
        persistences
            .iter()
            .map(|p| UnitChoice::one(CountSpec::new(CountUnit::LegalRelationship).persistence(*p))),
    );
    out.push(UnitChoice {
        label: "conflict+nonstate_conflict".to_string(),
        specs: vec![
            CountSpec::new(CountUnit::Conflict),
            CountSpec::new(CountUnit::NonstateConflict),
        ],
    });
    out
}

/// One data release: the datasets of that version that are available, and those that are not.
#[derive(Debug, Clone)]
pub struct Release {
    /// The version, e.g. `25.1`.
    pub version: String,
    /// The datasets of this version that could be loaded.
    pub data: Datasets,
    /// Registry names of the unit datasets with no copy of this version.
    pub missing: Vec<&'static str>,
}

impl Release {
    /// Loads every dataset of `version` that is embedded or fetched into the cache
    /// (`conflictstats fetch`); those with neither are listed in [`missing`](Self::missing).
    pub fn embedded(version: &str) -> Result<Release> {
        let has = |name: &str| crate::data::resolve(name, Some(version)).is_ok();
        let load = |name: &str| has(name).then_some(Some(version));
        let data = Datasets {
            acd: load("ucdp-acd").map(Acd::embedded).transpose()?,
            dyadic: load("ucdp-dyadic").map(Dyadic::embedded).transpose()?,
            nonstate: load("ucdp-nonstate").map(NonState::embedded).transpose()?,
            onesided: load("ucdp-onesided").map(OneSided::embedded).transpose()?,
        };
        let missing = UNIT_DATASETS.iter().copied().filter(|n| !has(n)).collect();
        Ok(Release {
            version: version.to_string(),
            data,
            missing,
        })
    }

    /// The unit datasets `sources` resolve (files, embedded or cached releases), as one
    /// "release" labelled with their versions (`26.1`, or `26.1+25.1` when they differ); a
    /// dataset whose release is neither embedded nor cached is listed in
    /// [`missing`](Self::missing), any other error (a file that does not load) is returned.
    pub fn from_sources(sources: &crate::data::Sources) -> Result<Release> {
        fn opt<T>(r: Result<T>) -> Result<Option<T>> {
            match r {
                Ok(d) => Ok(Some(d)),
                Err(crate::Error::UnknownDataset { .. }) => Ok(None),
                Err(e) => Err(e),
            }
        }
        let data = Datasets {
            acd: opt(sources.acd())?,
            dyadic: opt(sources.dyadic())?,
            nonstate: opt(sources.nonstate())?,
            onesided: opt(sources.onesided())?,
        };
        let s = data.sources();
        let present = [
            s.acd.map(|d| &d.provenance),
            s.dyadic.map(|d| &d.provenance),
            s.nonstate.map(|d| &d.provenance),
            s.onesided.map(|d| &d.provenance),
        ];
        let missing = UNIT_DATASETS
            .iter()
            .zip(&present)
            .filter(|(_, p)| p.is_none())
            .map(|(n, _)| *n)
            .collect();
        let mut versions: Vec<&str> = Vec::new();
        for p in present.iter().flatten() {
            if !versions.contains(&p.version.as_str()) {
                versions.push(&p.version);
            }
        }
        versions.sort_by_key(|v| std::cmp::Reverse(version_key(v)));
        Ok(Release {
            version: versions.join("+"),
            data,
            missing,
        })
    }

    /// Every release with at least one unit dataset embedded or in the cache, oldest first.
    pub fn all_embedded() -> Result<Vec<Release>> {
        let mut versions: Vec<String> = registry::REGISTRY
            .iter()
            .filter(|d| UNIT_DATASETS.contains(&d.name))
            .map(|d| d.version.to_string())
            .collect();
        // A missing or unreadable cache is no release, not an error.
        let cached = cache::cache_dir()
            .ok()
            .and_then(|dir| cache::list_in(&dir).ok())
            .unwrap_or_default();
        versions.extend(
            cached
                .into_iter()
                .filter(|c| UNIT_DATASETS.contains(&c.record.name.as_str()))
                .map(|c| c.record.version),
        );
        versions.sort_by_key(|v| version_key(v));
        versions.dedup();
        versions.iter().map(|v| Release::embedded(v)).collect()
    }

    /// The latest year every available dataset of the release covers.
    #[must_use]
    pub fn latest_common_year(&self) -> Option<i32> {
        let s = self.data.sources();
        [
            s.acd.and_then(Acd::year_range),
            s.dyadic.and_then(Dyadic::year_range),
            s.nonstate.and_then(NonState::year_range),
            s.onesided.and_then(OneSided::year_range),
        ]
        .into_iter()
        .flatten()
        .map(|(_, last)| last)
        .min()
    }
}

/// Orders `24.1` before `25.1` before `100.1`.
fn version_key(v: &str) -> (u32, u32) {
    let (a, b) = v.split_once('.').unwrap_or((v, "0"));
    (a.parse().unwrap_or(0), b.parse().unwrap_or(0))
}

/// The UCDP annual release that first covers `year` (UCDP's release `YY.1`, published in
/// the middle of 20YY, covers the years up to 20YY − 1): 2025 → `26.1`.
///
/// ```
/// assert_eq!(conflictstats::claim::release_covering(2025), "26.1");
/// assert_eq!(conflictstats::claim::release_covering(2024), "25.1");
/// ```
#[must_use]
pub fn release_covering(year: i32) -> String {
    format!("{}.1", (year + 1).rem_euclid(100))
}

/// A unit's yearly series in one release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitSeries {
    /// The unit's label.
    pub label: String,
    /// The release.
    pub version: String,
    /// First and last year covered.
    pub coverage: (i32, i32),
    /// Counts per year over `coverage` (the sum, for a sum of units).
    pub counts: BTreeMap<i32, u32>,
    /// The datasets read.
    pub datasets: Vec<Provenance>,
}

impl UnitSeries {
    /// The count in `year`, if covered.
    #[must_use]
    pub fn at(&self, year: i32) -> Option<u32> {
        self.counts.get(&year).copied()
    }

    /// Years and counts as parallel vectors (for the trend code).
    #[must_use]
    pub fn vectors(&self) -> (Vec<i32>, Vec<f64>) {
        self.counts.iter().map(|(y, c)| (*y, f64::from(*c))).unzip()
    }
}

/// The series of `unit` on `sources`: every covered year, summed over the unit's counts (on the
/// years all of them cover).
pub fn unit_series(sources: &Sources<'_>, unit: &UnitChoice, version: &str) -> Result<UnitSeries> {
    let mut counts: Option<BTreeMap<i32, u32>> = None;
    let mut datasets: Vec<Provenance> = Vec::new();
    for spec in &unit.specs {
        let table = count::count_in(sources, spec)?;
        for p in std::iter::once(&table.dataset).chain(&table.other_datasets) {
            if !datasets.iter().any(|d| d.sha256 == p.sha256) {
                datasets.push(p.clone());
            }
        }
        let this: BTreeMap<i32, u32> = table.rows.iter().map(|r| (r.year, r.count)).collect();
        counts = Some(match counts {
            None => this,
            Some(prev) => prev
                .into_iter()
                .filter_map(|(y, c)| this.get(&y).map(|d| (y, c + d)))
                .collect(),
        });
    }
    let counts = counts.unwrap_or_default();
    let coverage = match (counts.keys().next(), counts.keys().next_back()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (0, -1),
    };
    Ok(UnitSeries {
        label: unit.label.clone(),
        version: version.to_string(),
        coverage,
        counts,
        datasets,
    })
}
