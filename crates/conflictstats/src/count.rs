//! Counting: how many conflicts (or countries, …) per year, under an explicit [`CountSpec`].
//!
//! "How many armed conflicts are there?" has no answer until the **counting unit** is named.
//! UCDP counts *conflicts* — incompatibilities between a government and an opposing party, with
//! at least 25 battle-related deaths in the calendar year — and found 61 of them in 2024. The
//! same conflict-years give 36 if the unit is the *country* where fighting took place. Every
//! [`CountTable`] therefore carries the spec it was computed under (unit, filters, grouping) and
//! the provenance of the data (name, version, SHA-256).
//!
//! Units available on the ACD:
//!
//! | unit | definition |
//! |---|---|
//! | [`CountUnit::Conflict`] | distinct `conflict_id` with a conflict-year in the year (UCDP's unit) |
//! | [`CountUnit::Country`] | distinct location states (`gwno_loc`) of those conflict-years |
//!
//! Filters keep a conflict-year when its type, intensity and incompatibility are among those
//! listed (an empty list keeps all). A region filter keeps a conflict-year with *any* of its
//! regions listed; for the `country` unit it keeps the location states of the listed regions.
//! Grouping by region counts a conflict once in *each* of its regions (so per-region counts can
//! sum to more than the total); for the `country` unit each state counts in its own region.
//!
//! Every year of the range is present in the result, with 0 where nothing was active; asking
//! for years outside the data's coverage is an error, not a row of zeros.
//!
//! ```
//! use conflictstats::{count, data::Acd, CountSpec, CountUnit, Dimension};
//!
//! let acd = Acd::embedded(None)?; // UCDP/PRIO ACD v25.1
//! let spec = CountSpec::new(CountUnit::Conflict).years(2024, 2024);
//! assert_eq!(count(&acd, &spec)?.total(2024), Some(61));
//!
//! let wars = CountSpec::new(CountUnit::Conflict).by(Dimension::Intensity).years(2024, 2024);
//! let table = count(&acd, &wars)?;
//! assert_eq!(table.get(2024, "war"), Some(11));
//! assert_eq!(table.get(2024, "minor"), Some(50));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{Acd, Provenance};
use crate::error::{Error, Result};
use crate::model::{ConflictYear, GwCode, Incompatibility, Intensity, Region, TypeOfConflict};
use serde::{Deserialize, Serialize};
use std::fmt::{self, Write as _};

/// What is counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CountUnit {
    /// UCDP's unit: distinct `conflict_id` active (≥ 25 battle-related deaths) in the year.
    Conflict,
    /// Distinct location states (`gwno_loc`) of the active conflicts.
    Country,
}

impl CountUnit {
    /// Every unit.
    pub const ALL: &'static [CountUnit] = &[CountUnit::Conflict, CountUnit::Country];

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            CountUnit::Conflict => "conflict",
            CountUnit::Country => "country",
        }
    }

    /// A one-line definition, shown next to every count.
    #[must_use]
    pub fn definition(self) -> &'static str {
        match self {
            CountUnit::Conflict => {
                "state-based armed conflicts: distinct UCDP conflict_id with at least 25 battle-related deaths in the calendar year"
            }
            CountUnit::Country => {
                "countries with state-based armed conflict on their territory: distinct location states (gwno_loc) of active conflicts"
            }
        }
    }
}

impl fmt::Display for CountUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::str::FromStr for CountUnit {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let norm = s.trim().to_ascii_lowercase().replace('-', "_");
        CountUnit::ALL
            .iter()
            .copied()
            .find(|u| u.key() == norm)
            .ok_or_else(|| {
                Error::spec(format!(
                    "unknown counting unit `{s}`; expected one of: {}",
                    CountUnit::ALL
                        .iter()
                        .map(|u| u.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }
}

/// A grouping dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// By [`TypeOfConflict`].
    Type,
    /// By [`Intensity`].
    Intensity,
    /// By [`Incompatibility`].
    Incompatibility,
    /// By [`Region`] (a conflict counts once in each of its regions).
    Region,
}

impl Dimension {
    /// Every dimension.
    pub const ALL: &'static [Dimension] = &[
        Dimension::Type,
        Dimension::Intensity,
        Dimension::Incompatibility,
        Dimension::Region,
    ];

    /// The column name used in output.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Dimension::Type => "type",
            Dimension::Intensity => "intensity",
            Dimension::Incompatibility => "incompatibility",
            Dimension::Region => "region",
        }
    }

    /// The group keys of this dimension, in code order.
    #[must_use]
    pub fn groups(self) -> Vec<GroupKey> {
        match self {
            Dimension::Type => TypeOfConflict::ALL
                .iter()
                .map(|v| GroupKey::Type(*v))
                .collect(),
            Dimension::Intensity => Intensity::ALL
                .iter()
                .map(|v| GroupKey::Intensity(*v))
                .collect(),
            Dimension::Incompatibility => Incompatibility::ALL
                .iter()
                .map(|v| GroupKey::Incompatibility(*v))
                .collect(),
            Dimension::Region => Region::ALL.iter().map(|v| GroupKey::Region(*v)).collect(),
        }
    }
}

impl std::str::FromStr for Dimension {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        let norm = s.trim().to_ascii_lowercase();
        let norm = if norm == "type_of_conflict" {
            "type".to_string()
        } else {
            norm
        };
        Dimension::ALL
            .iter()
            .copied()
            .find(|d| d.key() == norm)
            .ok_or_else(|| {
                Error::spec(format!(
                    "unknown grouping `{s}`; expected one of: type, intensity, incompatibility, region"
                ))
            })
    }
}

/// One group of a [`Dimension`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKey {
    /// A type of conflict.
    Type(TypeOfConflict),
    /// An intensity level.
    Intensity(Intensity),
    /// An incompatibility.
    Incompatibility(Incompatibility),
    /// A region.
    Region(Region),
}

impl Serialize for CountRow {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(if self.group.is_some() { 3 } else { 2 }))?;
        map.serialize_entry("year", &self.year)?;
        if let Some(g) = self.group {
            map.serialize_entry(g.dimension().key(), g.key())?;
        }
        map.serialize_entry("count", &self.count)?;
        map.end()
    }
}

impl GroupKey {
    /// The dimension this group belongs to.
    #[must_use]
    pub fn dimension(self) -> Dimension {
        match self {
            GroupKey::Type(_) => Dimension::Type,
            GroupKey::Intensity(_) => Dimension::Intensity,
            GroupKey::Incompatibility(_) => Dimension::Incompatibility,
            GroupKey::Region(_) => Dimension::Region,
        }
    }

    /// The `snake_case` label used in output.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            GroupKey::Type(v) => v.key(),
            GroupKey::Intensity(v) => v.key(),
            GroupKey::Incompatibility(v) => v.key(),
            GroupKey::Region(v) => v.key(),
        }
    }
}

/// Which conflict-years are counted. Empty lists keep everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Filters {
    /// Keep these types of conflict.
    pub types: Vec<TypeOfConflict>,
    /// Keep these intensities.
    pub intensities: Vec<Intensity>,
    /// Keep these incompatibilities.
    pub incompatibilities: Vec<Incompatibility>,
    /// Keep conflict-years (or, for the `country` unit, location states) in these regions.
    pub regions: Vec<Region>,
    /// First year (inclusive); default: the first year of the data.
    pub from_year: Option<i32>,
    /// Last year (inclusive); default: the last year of the data.
    pub to_year: Option<i32>,
}

/// A full counting specification: unit, filters, optional grouping. Serialisable, so that a
/// result can say exactly how it was computed and a CI job can pin it in a file.
///
/// ```
/// use conflictstats::{CountSpec, CountUnit, Dimension};
///
/// let spec = CountSpec::new(CountUnit::Country).by(Dimension::Region).years(1989, 2024);
/// let json = serde_json::to_string(&spec).unwrap();
/// assert_eq!(serde_json::from_str::<CountSpec>(&json).unwrap(), spec);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSpec {
    /// The counting unit.
    pub unit: CountUnit,
    /// Which conflict-years are counted.
    #[serde(default)]
    pub filters: Filters,
    /// Optional grouping dimension.
    #[serde(default)]
    pub by: Option<Dimension>,
}

impl CountSpec {
    /// All conflict-years, all years, ungrouped.
    #[must_use]
    pub fn new(unit: CountUnit) -> CountSpec {
        CountSpec {
            unit,
            filters: Filters::default(),
            by: None,
        }
    }

    /// Group by `dimension`.
    #[must_use]
    pub fn by(mut self, dimension: Dimension) -> CountSpec {
        self.by = Some(dimension);
        self
    }

    /// Restrict to `from..=to`.
    #[must_use]
    pub fn years(mut self, from: i32, to: i32) -> CountSpec {
        self.filters.from_year = Some(from);
        self.filters.to_year = Some(to);
        self
    }

    /// Replace the filters.
    #[must_use]
    pub fn filters(mut self, filters: Filters) -> CountSpec {
        self.filters = filters;
        self
    }
}

/// One row of a [`CountTable`]. Serialises flat, with the grouping dimension as the key:
/// `{"year": 2024, "region": "europe", "count": 4}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountRow {
    /// Calendar year.
    pub year: i32,
    /// The group, when the spec groups.
    pub group: Option<GroupKey>,
    /// The count.
    pub count: u32,
}

/// Counts per year (and group), with the spec and the data's provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountTable {
    /// How the counts were computed.
    pub spec: CountSpec,
    /// The data they were computed from.
    pub dataset: Provenance,
    /// One row per year (ungrouped) or per year × group, years ascending, groups in code order.
    pub rows: Vec<CountRow>,
}

impl CountTable {
    /// The ungrouped count of `year`, or — for a grouped table — the sum over groups when the
    /// groups partition the data (not for regions). `None` if the year is not in the table.
    #[must_use]
    pub fn total(&self, year: i32) -> Option<u32> {
        if self.spec.by == Some(Dimension::Region) {
            return None;
        }
        let mut rows = self.rows.iter().filter(|r| r.year == year).peekable();
        rows.peek()?;
        Some(rows.map(|r| r.count).sum())
    }

    /// The count of `group` (its `snake_case` key) in `year`.
    #[must_use]
    pub fn get(&self, year: i32, group: &str) -> Option<u32> {
        self.rows
            .iter()
            .find(|r| r.year == year && r.group.is_some_and(|g| g.key() == group))
            .map(|r| r.count)
    }

    /// `(years, counts)` of an ungrouped table, for trend analysis.
    pub fn series(&self) -> Result<(Vec<i32>, Vec<u32>)> {
        if self.spec.by.is_some() {
            return Err(Error::spec(
                "a trend needs an ungrouped count (one number per year); drop the grouping or filter instead",
            ));
        }
        Ok(self.rows.iter().map(|r| (r.year, r.count)).unzip())
    }

    /// Writes the table as CSV: `year,count`, or `year,<by>,count` when grouped.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(16 * (self.rows.len() + 1));
        match self.spec.by {
            Some(d) => {
                let _ = writeln!(out, "year,{},count", d.key());
            }
            None => out.push_str("year,count\n"),
        }
        for r in &self.rows {
            match r.group {
                Some(g) => {
                    let _ = writeln!(out, "{},{},{}", r.year, g.key(), r.count);
                }
                None => {
                    let _ = writeln!(out, "{},{}", r.year, r.count);
                }
            }
        }
        out
    }
}

fn keeps<T: PartialEq>(list: &[T], value: &T) -> bool {
    list.is_empty() || list.contains(value)
}

/// Country codes go up to 999; a fixed bitset per (year, group) cell de-duplicates them.
const GW_WORDS: usize = 1024 / 64;

/// Counts `acd` under `spec`.
///
/// # Errors
/// [`Error::InvalidSpec`] if the year range is empty or reaches outside the data's coverage.
pub fn count(acd: &Acd, spec: &CountSpec) -> Result<CountTable> {
    let (first, last) = acd
        .year_range()
        .ok_or_else(|| Error::spec("the dataset has no conflict-years to count"))?;
    let from = spec.filters.from_year.unwrap_or(first);
    let to = spec.filters.to_year.unwrap_or(last);
    if from > to {
        return Err(Error::spec(format!("empty year range {from}–{to}")));
    }
    if from < first || to > last {
        return Err(Error::spec(format!(
            "years {from}–{to} reach outside the data's coverage {first}–{last} ({}); a count there would be a missing value, not zero",
            acd.provenance.label()
        )));
    }
    let groups = spec.by.map_or_else(Vec::new, Dimension::groups);
    let n_groups = groups.len().max(1);
    let n_years = usize::try_from(to - from + 1).unwrap_or(0);
    let mut counts = vec![0u32; n_years * n_groups];
    let mut seen = match spec.unit {
        CountUnit::Country => vec![0u64; n_years * n_groups * GW_WORDS],
        CountUnit::Conflict => Vec::new(),
    };
    let f = &spec.filters;
    for r in acd.records.iter().filter(|r| {
        (from..=to).contains(&r.year)
            && keeps(&f.types, &r.type_of_conflict)
            && keeps(&f.intensities, &r.intensity)
            && keeps(&f.incompatibilities, &r.incompatibility)
    }) {
        let y = usize::try_from(r.year - from).unwrap_or(0);
        match spec.unit {
            CountUnit::Conflict => {
                if !f.regions.is_empty() && !r.region.iter().any(|g| f.regions.contains(g)) {
                    continue;
                }
                // Conflict-years are unique per (conflict_id, year) — the loader rejects
                // duplicates — so counting rows counts distinct conflicts.
                for g in cells(r, spec.by, None) {
                    counts[y * n_groups + g] += 1;
                }
            }
            CountUnit::Country => {
                for gw in &r.gwno_loc {
                    let region = Region::of_gwcode(*gw);
                    if !f.regions.is_empty() && !region.is_some_and(|g| f.regions.contains(&g)) {
                        continue;
                    }
                    for g in cells(r, spec.by, region) {
                        let cell = y * n_groups + g;
                        if mark(&mut seen[cell * GW_WORDS..(cell + 1) * GW_WORDS], *gw) {
                            counts[cell] += 1;
                        }
                    }
                }
            }
        }
    }
    let mut rows = Vec::with_capacity(counts.len());
    for (y, year) in (from..=to).enumerate() {
        if groups.is_empty() {
            rows.push(CountRow {
                year,
                group: None,
                count: counts[y],
            });
        } else {
            for (g, key) in groups.iter().enumerate() {
                rows.push(CountRow {
                    year,
                    group: Some(*key),
                    count: counts[y * n_groups + g],
                });
            }
        }
    }
    Ok(CountTable {
        spec: spec.clone(),
        dataset: acd.provenance.clone(),
        rows,
    })
}

/// Sets the bit of `gw`; true if it was not set before.
fn mark(words: &mut [u64], gw: GwCode) -> bool {
    let (w, b) = (usize::from(gw.0) / 64, gw.0 % 64);
    let was = words[w] >> b & 1 == 1;
    words[w] |= 1 << b;
    !was
}

/// The group indices a conflict-year (or one of its location states, when `region` is given)
/// falls in.
fn cells(r: &ConflictYear, by: Option<Dimension>, region: Option<Region>) -> Vec<usize> {
    match by {
        None => vec![0],
        Some(Dimension::Type) => vec![r.type_of_conflict.index()],
        Some(Dimension::Intensity) => vec![r.intensity.index()],
        Some(Dimension::Incompatibility) => vec![r.incompatibility.index()],
        Some(Dimension::Region) => match region {
            Some(own) => vec![own.index()],
            None => r.region.iter().map(|g| g.index()).collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acd() -> Acd {
        Acd::embedded(None).unwrap()
    }

    #[test]
    fn golden_2024_and_2023() {
        let acd = acd();
        let t = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
        assert_eq!((t.total(2024), t.total(2023)), (Some(61), Some(59)));
        let c = count(&acd, &CountSpec::new(CountUnit::Country)).unwrap();
        assert_eq!((c.total(2024), c.total(2023)), (Some(36), Some(34)));
    }

    #[test]
    fn outside_coverage_is_an_error_not_zero() {
        let err = count(
            &acd(),
            &CountSpec::new(CountUnit::Conflict).years(2020, 2025),
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::InvalidSpec(ref m) if m.contains("1946–2024")),
            "{err}"
        );
        assert!(
            count(
                &acd(),
                &CountSpec::new(CountUnit::Conflict).years(2001, 2000)
            )
            .is_err()
        );
    }

    #[test]
    fn region_groups_can_exceed_total_but_never_fall_below() {
        let acd = acd();
        let total = count(&acd, &CountSpec::new(CountUnit::Conflict)).unwrap();
        let by = count(
            &acd,
            &CountSpec::new(CountUnit::Conflict).by(Dimension::Region),
        )
        .unwrap();
        assert_eq!(by.total(2000), None);
        for row in &total.rows {
            let s: u32 = by
                .rows
                .iter()
                .filter(|r| r.year == row.year)
                .map(|r| r.count)
                .sum();
            assert!(s >= row.count, "{}", row.year);
        }
    }

    #[test]
    fn region_filter_for_countries_uses_the_country_region() {
        // Egypt–Israel 1967 (conflict 11343) is in the Middle East: both states count there.
        let acd = acd();
        let mut f = Filters {
            regions: vec![Region::MiddleEast],
            ..Filters::default()
        };
        f.types = vec![TypeOfConflict::Interstate];
        let t = count(
            &acd,
            &CountSpec::new(CountUnit::Country)
                .filters(f)
                .years(1967, 1967),
        )
        .unwrap();
        assert!(t.total(1967).unwrap() >= 2);
    }

    #[test]
    fn units_and_dimensions_parse() {
        assert_eq!("Country".parse::<CountUnit>().unwrap(), CountUnit::Country);
        assert!("dyads".parse::<CountUnit>().is_err());
        assert_eq!(
            "type_of_conflict".parse::<Dimension>().unwrap(),
            Dimension::Type
        );
    }
}
