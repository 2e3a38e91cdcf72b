//! Counting: how many conflicts (or dyads, countries, …) per year, under an explicit
//! [`CountSpec`].
//!
//! "How many armed conflicts are there?" has no answer until the **counting unit** is named.
//! UCDP counts *conflicts* — incompatibilities between a government and an opposing party, with
//! at least 25 battle-related deaths in the calendar year — and found 61 of them in 2024. The
//! same conflict-years give 36 if the unit is the *country* where fighting took place. Every
//! [`CountTable`] therefore carries the spec it was computed under (unit, filters, grouping,
//! persistence) and the provenance of the data (name, version, SHA-256).
//!
//! ## Units
//!
//! | unit | dataset | definition | source of the definition |
//! |---|---|---|---|
//! | [`CountUnit::Conflict`] | ACD | distinct `conflict_id` with a conflict-year in the year | UCDP/PRIO ACD codebook (UCDP's headline unit) |
//! | [`CountUnit::Dyad`] | Dyadic | distinct `dyad_id` active (≥ 25 battle-related deaths) in the year | UCDP Dyadic codebook; Harbom, Melander & Wallensteen (2008) |
//! | [`CountUnit::Country`] | ACD | distinct location states (`gwno_loc`) of the active conflicts | ACD `gwno_loc` |
//! | [`CountUnit::StateParty`] | ACD | distinct governments on either side, primary or secondary (`gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd`) | ACD codebook: secondary warring parties send troops |
//! | [`CountUnit::NonstateConflict`] | Non-State | distinct non-state `conflict_id` (≥ 25 deaths, no government on either side) | UCDP Non-State codebook; Sundberg, Eck & Kreutz (2012) |
//! | [`CountUnit::OnesidedActor`] | One-sided | distinct perpetrators (`actor_id`) killing ≥ 25 civilians | UCDP One-sided codebook; Eck & Hultman (2007) |
//! | [`CountUnit::LegalRelationship`] | Dyadic + Non-State | **approximation** of the ICRC/RULAC unit: each state-armed-group and state-state dyad and each non-state conflict, kept `persistence` years after its last active year | see below |
//!
//! ### `legal_relationship` is an approximation
//!
//! The ICRC and the Geneva Academy's RULAC count armed conflicts *in the sense of
//! international humanitarian law*: each legal relationship of hostilities between two
//! parties is classified on its own (a state fighting three armed groups is three
//! non-international armed conflicts), and a conflict does not end in law when fighting dips
//! below 25 deaths in a year — it ends with a general close of military operations. The ICRC
//! publishes no list, so the unit is approximated from UCDP data:
//!
//! - each UCDP *dyad* stands for one legal relationship (a dyad is not exactly a legal
//!   relationship: coalitions, splits and parallel international conflicts differ);
//! - each UCDP *non-state conflict* is counted, although some of them (communal or informally
//!   organized groups) would not meet IHL's organisation and intensity thresholds;
//! - a relationship active in year `t` counts in `t..=t+persistence` (never beyond the data's
//!   last year), standing in for "the conflict has not ended in law";
//! - military occupations and conflicts below UCDP's 25-death threshold are not covered.
//!
//! With persistence `p`, a year `t` is covered only if both datasets cover `t - p..=t` (the
//! Non-State data begin in 1989, so `p = 5` is covered from 1994): earlier relationships are
//! unknown, and a count without them would be too low, not a count.
//!
//! ## Filters and grouping
//!
//! Filters keep a record when its type, intensity and incompatibility are among those listed
//! (an empty list keeps all); they apply to the state-based units (`conflict`, `dyad`,
//! `country`, `state_party`) and are an error for the others, which have no such codes. A
//! region filter keeps a record with *any* of its regions listed; for `country` and
//! `state_party` it keeps the states of the listed regions. Grouping by region counts a record
//! once in *each* of its regions (per-region counts can sum to more than the total); for
//! `country` and `state_party` each state counts in its own region.
//!
//! Every year of the range is present in the result, with 0 where nothing was active; asking
//! for years outside the data's coverage is an error, not a row of zeros.
//!
//! ```
//! use conflictstats::{count, data::Acd, CountSpec, CountUnit, Dimension};
//!
//! let acd = Acd::embedded(Some("25.1"))?; // UCDP/PRIO ACD v25.1
//! let spec = CountSpec::new(CountUnit::Conflict).years(2024, 2024);
//! assert_eq!(count(&acd, &spec)?.total(2024), Some(61));
//!
//! let wars = CountSpec::new(CountUnit::Conflict).by(Dimension::Intensity).years(2024, 2024);
//! let table = count(&acd, &wars)?;
//! assert_eq!(table.get(2024, "war"), Some(11));
//! assert_eq!(table.get(2024, "minor"), Some(50));
//! # Ok::<(), conflictstats::Error>(())
//! ```
//!
//! Units that read other datasets go through [`count_embedded`] (or [`count_in`] with loaded
//! [`Sources`]):
//!
//! ```
//! use conflictstats::{count::count_embedded, CountSpec, CountUnit};
//!
//! let v25 = Some("25.1");
//! let dyads = count_embedded(&CountSpec::new(CountUnit::Dyad).years(2024, 2024), v25)?;
//! assert_eq!(dyads.total(2024), Some(68)); // UCDP Dyadic v25.1
//! let legal = CountSpec::new(CountUnit::LegalRelationship).persistence(0).years(2024, 2024);
//! assert_eq!(count_embedded(&legal, v25)?.total(2024), Some(68 + 74)); // dyads + non-state
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{self, Acd, Dyadic, LoadWarning, NonState, OneSided, Provenance};
use crate::error::{Error, Result};
use crate::model::{ConflictYear, GwCode, Incompatibility, Intensity, Region, TypeOfConflict};
use serde::{Deserialize, Serialize};
use std::fmt::{self, Write as _};

/// What is counted. See the [module docs](self) for definitions and sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CountUnit {
    /// UCDP's unit: distinct `conflict_id` active (≥ 25 battle-related deaths) in the year.
    Conflict,
    /// Distinct UCDP dyads (`dyad_id`) active in the year (UCDP Dyadic Dataset).
    Dyad,
    /// Distinct location states (`gwno_loc`) of the active conflicts.
    Country,
    /// Distinct governments taking part on either side, as primary or secondary party.
    StateParty,
    /// Distinct non-state conflicts (UCDP Non-State Conflict Dataset).
    NonstateConflict,
    /// Distinct perpetrators of one-sided violence (UCDP One-sided Violence Dataset).
    OnesidedActor,
    /// Approximation of the ICRC/RULAC unit: dyads plus non-state conflicts, each kept
    /// [`CountSpec::persistence`] years after its last active year.
    LegalRelationship,
}

/// The persistence settings of `legal_relationship` tabulated when several are compared (the
/// claim check, the reconciliation, the CLI's `--persistence` lists and Python's
/// `persistence=` defaults): 0 to 5 years after the last active year.
///
/// ```
/// assert_eq!(conflictstats::count::DEFAULT_PERSISTENCES, [0, 1, 2, 3, 4, 5]);
/// ```
pub const DEFAULT_PERSISTENCES: [u32; 6] = [0, 1, 2, 3, 4, 5];

/// Every fact about one counting unit, in one place: [`UNITS`] holds one entry per
/// [`CountUnit`], in [`CountUnit::ALL`] order, and every method of `CountUnit` reads it.
///
/// **Adding a unit** means adding its variant and its entry here — nothing else branches on
/// the unit (the CLI and the bindings read this table too).
///
/// ```
/// use conflictstats::count::UNITS;
/// use conflictstats::CountUnit;
///
/// let dyad = CountUnit::Dyad.info();
/// assert_eq!(dyad.datasets, ["ucdp-dyadic"]);
/// assert!(dyad.state_based && dyad.caveat.is_none());
/// assert_eq!(UNITS.len(), CountUnit::ALL.len());
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct UnitInfo {
    /// The unit.
    pub unit: CountUnit,
    /// The `snake_case` key (CLI `--unit`, Python `unit=`, JSON).
    pub key: &'static str,
    /// The name of the count column in DataFrames (`conflicts`, `countries`, …): what is
    /// counted, so the unit survives filters and joins.
    pub column: &'static str,
    /// A one-line definition, shown next to every count.
    pub definition: &'static str,
    /// Where the definition comes from.
    pub source: &'static str,
    /// A caveat that must be shown with every count in this unit, if any.
    pub caveat: Option<&'static str>,
    /// The registry names of the datasets the unit reads, primary first.
    pub datasets: &'static [&'static str],
    /// Whether it is a state-based unit: type, intensity and incompatibility filters (and
    /// groupings) apply.
    pub state_based: bool,
    /// Whether a persistence (years kept after the last active year) applies.
    pub persistence: bool,
    /// Pushes the unit's `(year, group, key)` cells into the tally.
    tally: fn(&Sources<'_>, &CountSpec, i32, &mut Tally) -> Result<()>,
}

/// The table of counting units (see [`UnitInfo`]).
pub const UNITS: &[UnitInfo] = &[
    UnitInfo {
        unit: CountUnit::Conflict,
        key: "conflict",
        column: "conflicts",
        definition: "state-based armed conflicts: distinct UCDP conflict_id with at least 25 battle-related deaths in the calendar year",
        source: ACD_SOURCE,
        caveat: None,
        datasets: &["ucdp-acd"],
        state_based: true,
        persistence: false,
        tally: tally_conflicts,
    },
    UnitInfo {
        unit: CountUnit::Dyad,
        key: "dyad",
        column: "dyads",
        definition: "state-based conflict dyads: distinct UCDP dyad_id (a government and one opposing actor) with at least 25 battle-related deaths in the calendar year",
        source: "UCDP Dyadic Dataset codebook (Harbom, Melander & Wallensteen 2008)",
        caveat: None,
        datasets: &["ucdp-dyadic"],
        state_based: true,
        persistence: false,
        tally: tally_dyads,
    },
    UnitInfo {
        unit: CountUnit::Country,
        key: "country",
        column: "countries",
        definition: "countries with state-based armed conflict on their territory: distinct location states (gwno_loc) of active conflicts",
        source: ACD_SOURCE,
        caveat: None,
        datasets: &["ucdp-acd"],
        state_based: true,
        persistence: false,
        tally: tally_countries,
    },
    UnitInfo {
        unit: CountUnit::StateParty,
        key: "state_party",
        column: "state_parties",
        definition: "states at war: distinct governments taking part in active state-based conflicts on either side, as primary or secondary party (gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd)",
        source: ACD_SOURCE,
        caveat: None,
        datasets: &["ucdp-acd"],
        state_based: true,
        persistence: false,
        tally: tally_state_parties,
    },
    UnitInfo {
        unit: CountUnit::NonstateConflict,
        key: "nonstate_conflict",
        column: "nonstate_conflicts",
        definition: "non-state conflicts: distinct UCDP non-state conflict_id (two organized groups, neither a government) with at least 25 deaths in the calendar year",
        source: "UCDP Non-State Conflict Dataset codebook (Sundberg, Eck & Kreutz 2012)",
        caveat: None,
        datasets: &["ucdp-nonstate"],
        state_based: false,
        persistence: false,
        tally: tally_nonstate,
    },
    UnitInfo {
        unit: CountUnit::OnesidedActor,
        key: "onesided_actor",
        column: "onesided_actors",
        definition: "perpetrators of one-sided violence: distinct governments or formally organized groups killing at least 25 civilians in the calendar year",
        source: "UCDP One-sided Violence Dataset codebook (Eck & Hultman 2007)",
        caveat: None,
        datasets: &["ucdp-onesided"],
        state_based: false,
        persistence: false,
        tally: tally_onesided,
    },
    UnitInfo {
        unit: CountUnit::LegalRelationship,
        key: "legal_relationship",
        column: "legal_relationships",
        definition: "APPROXIMATION of the ICRC/RULAC unit (armed conflicts under IHL): each UCDP state-based dyad and each non-state conflict, counted in every year it is active and in the `persistence` years after each",
        source: "conflictstats approximation of the ICRC's classification (ICRC Opinion Paper 'How is the term armed conflict defined in IHL?', 2024) and RULAC (Geneva Academy) from UCDP Dyadic + Non-State data",
        caveat: Some(
            "no public ICRC list exists; UCDP dyads are not exactly legal relationships; non-state conflicts below IHL's organisation/intensity thresholds are included; occupations and conflicts under 25 deaths a year are not covered",
        ),
        datasets: &["ucdp-dyadic", "ucdp-nonstate"],
        state_based: false,
        persistence: true,
        tally: tally_legal,
    },
];

const ACD_SOURCE: &str =
    "UCDP/PRIO Armed Conflict Dataset codebook (Gleditsch et al. 2002; Pettersson 2025)";

impl CountUnit {
    /// Every unit.
    pub const ALL: &'static [CountUnit] = &[
        CountUnit::Conflict,
        CountUnit::Dyad,
        CountUnit::Country,
        CountUnit::StateParty,
        CountUnit::NonstateConflict,
        CountUnit::OnesidedActor,
        CountUnit::LegalRelationship,
    ];

    /// The unit's entry in [`UNITS`].
    #[must_use]
    pub fn info(self) -> &'static UnitInfo {
        &UNITS[self as usize]
    }

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.info().key
    }

    /// The count column's name in DataFrames, e.g. `conflicts` ([`UnitInfo::column`]).
    #[must_use]
    pub fn column(self) -> &'static str {
        self.info().column
    }

    /// A one-line definition, shown next to every count.
    #[must_use]
    pub fn definition(self) -> &'static str {
        self.info().definition
    }

    /// Where the definition comes from.
    #[must_use]
    pub fn source(self) -> &'static str {
        self.info().source
    }

    /// A caveat that must be shown with every count in this unit, if any.
    #[must_use]
    pub fn caveat(self) -> Option<&'static str> {
        self.info().caveat
    }

    /// The registry names of the datasets this unit reads, e.g. `["ucdp-dyadic",
    /// "ucdp-nonstate"]` for [`CountUnit::LegalRelationship`].
    #[must_use]
    pub fn datasets(self) -> &'static [&'static str] {
        self.info().datasets
    }

    /// The registry name of the dataset this unit is primarily read from (the first of
    /// [`datasets`](Self::datasets)).
    #[must_use]
    pub fn default_dataset(self) -> &'static str {
        self.datasets()[0]
    }

    /// Whether type, intensity and incompatibility filters (and the matching groupings) apply.
    #[must_use]
    pub fn is_state_based(self) -> bool {
        self.info().state_based
    }

    /// Whether the unit reads the embedded or loaded dataset `name` — **the** unit ↔ dataset
    /// rule, for the CLI's `--dataset` and Python's `name=`.
    ///
    /// ```
    /// use conflictstats::CountUnit;
    ///
    /// assert!(CountUnit::Dyad.check_dataset("ucdp-dyadic").is_ok());
    /// let err = CountUnit::Dyad.check_dataset("ucdp-acd").unwrap_err();
    /// assert_eq!(err.to_string(), "invalid specification: the `dyad` unit reads ucdp-dyadic, not ucdp-acd");
    /// ```
    pub fn check_dataset(self, name: &str) -> Result<()> {
        if self.datasets().contains(&name) {
            Ok(())
        } else {
            Err(Error::spec(format!(
                "the `{self}` unit reads {}, not {name}",
                self.datasets().join(" + ")
            )))
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
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
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
    /// For [`CountUnit::LegalRelationship`] only: years a relationship stays counted after its
    /// last active year (0: only active years). Must be 0 for every other unit.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub persistence: u32,
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(p: &u32) -> bool {
    *p == 0
}

impl CountSpec {
    /// All conflict-years, all years, ungrouped.
    #[must_use]
    pub fn new(unit: CountUnit) -> CountSpec {
        CountSpec {
            unit,
            filters: Filters::default(),
            by: None,
            persistence: 0,
        }
    }

    /// Keep a legal relationship counted `years` after its last active year
    /// ([`CountUnit::LegalRelationship`] only).
    #[must_use]
    pub fn persistence(mut self, years: u32) -> CountSpec {
        self.persistence = years;
        self
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
    /// The data they were computed from (the unit's first dataset, see
    /// [`CountUnit::datasets`]).
    pub dataset: Provenance,
    /// Further datasets the unit read (the Non-State data for `legal_relationship`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_datasets: Vec<Provenance>,
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

    /// The count column's name: the unit's [`CountUnit::column`] (`conflicts`, `dyads`, …),
    /// in every output (CSV, JSON rows, frames), so that the unit survives filters and joins.
    #[must_use]
    pub fn count_column(&self) -> &'static str {
        self.spec.unit.column()
    }

    /// The rows as JSON objects: `{"year": 2024, "conflicts": 61}`, with the grouping key
    /// when grouped (`{"year": 2024, "type": "intrastate", "conflicts": 38}`).
    #[must_use]
    pub fn json_rows(&self) -> Vec<serde_json::Value> {
        let column = self.count_column();
        self.rows
            .iter()
            .map(|r| {
                let mut m = serde_json::Map::with_capacity(3);
                m.insert("year".to_string(), r.year.into());
                if let Some(g) = r.group {
                    m.insert(g.dimension().key().to_string(), g.key().into());
                }
                m.insert(column.to_string(), r.count.into());
                serde_json::Value::Object(m)
            })
            .collect()
    }

    /// Writes the table as CSV: `year,<count column>`, or `year,<by>,<count column>` when
    /// grouped.
    ///
    /// ```
    /// use conflictstats::{CountSpec, CountUnit, count, data::Acd};
    /// let acd = Acd::embedded(Some("25.1"))?;
    /// let t = count(&acd, &CountSpec::new(CountUnit::Conflict))?;
    /// assert!(t.to_csv().starts_with("year,conflicts\n1946,"));
    /// assert_eq!(t.json_rows().last().unwrap()["conflicts"], 61);
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut out = String::with_capacity(16 * (self.rows.len() + 1));
        let column = self.count_column();
        match self.spec.by {
            Some(d) => {
                let _ = writeln!(out, "year,{},{column}", d.key());
            }
            None => {
                let _ = writeln!(out, "year,{column}");
            }
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

/// The loaded datasets a count may read. Each unit needs only its own
/// ([`CountUnit::datasets`]); a missing one is an [`Error::InvalidSpec`] naming it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sources<'a> {
    /// UCDP/PRIO ACD, for `conflict`, `country`, `state_party`.
    pub acd: Option<&'a Acd>,
    /// UCDP Dyadic, for `dyad` and `legal_relationship`.
    pub dyadic: Option<&'a Dyadic>,
    /// UCDP Non-State, for `nonstate_conflict` and `legal_relationship`.
    pub nonstate: Option<&'a NonState>,
    /// UCDP One-sided, for `onesided_actor`.
    pub onesided: Option<&'a OneSided>,
}

impl<'a> Sources<'a> {
    /// Only the ACD.
    #[must_use]
    pub fn acd(acd: &'a Acd) -> Sources<'a> {
        Sources {
            acd: Some(acd),
            ..Sources::default()
        }
    }
}

/// Owned datasets — what [`Datasets::embedded_for`] loads, or what a caller loaded from files
/// — for the CLI and the Python bindings.
///
/// ```
/// use conflictstats::count::{count_in, Datasets};
/// use conflictstats::{CountSpec, CountUnit};
///
/// // Loads the UCDP Dyadic and Non-State data (v25.1), nothing else.
/// let data = Datasets::embedded_for(&[CountUnit::LegalRelationship], Some("25.1"))?;
/// assert!(data.acd.is_none() && data.onesided.is_none());
/// let spec = CountSpec::new(CountUnit::LegalRelationship).persistence(2).years(2024, 2024);
/// let t = count_in(&data.sources(), &spec)?;
/// assert!(t.total(2024).unwrap() > 142);
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Datasets {
    /// UCDP/PRIO ACD.
    pub acd: Option<Acd>,
    /// UCDP Dyadic.
    pub dyadic: Option<Dyadic>,
    /// UCDP Non-State.
    pub nonstate: Option<NonState>,
    /// UCDP One-sided.
    pub onesided: Option<OneSided>,
}

impl Datasets {
    /// Loads the embedded datasets that `units` read — nothing more. `version` selects the
    /// release of each of them (`None`: each dataset's default release); an unknown version is
    /// an [`Error::UnknownDataset`].
    pub fn embedded_for(units: &[CountUnit], version: Option<&str>) -> Result<Datasets> {
        Datasets::load_for(units, &data::Sources::embedded(version))
    }

    /// Loads the datasets that `units` read — nothing more — from where `sources` says
    /// (embedded releases or files).
    ///
    /// ```
    /// use conflictstats::count::{count_in, Datasets};
    /// use conflictstats::data::Sources;
    /// use conflictstats::{CountSpec, CountUnit};
    ///
    /// let data = Datasets::load_for(&[CountUnit::OnesidedActor], &Sources::embedded(Some("25.1")))?;
    /// let spec = CountSpec::new(CountUnit::OnesidedActor).years(2024, 2024);
    /// assert_eq!(count_in(&data.sources(), &spec)?.total(2024), Some(49));
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    pub fn load_for(units: &[CountUnit], sources: &data::Sources) -> Result<Datasets> {
        let wants = |name: &str| units.iter().any(|u| u.datasets().contains(&name));
        Ok(Datasets {
            acd: wants("ucdp-acd").then(|| sources.acd()).transpose()?,
            dyadic: wants("ucdp-dyadic").then(|| sources.dyadic()).transpose()?,
            nonstate: wants("ucdp-nonstate")
                .then(|| sources.nonstate())
                .transpose()?,
            onesided: wants("ucdp-onesided")
                .then(|| sources.onesided())
                .transpose()?,
        })
    }

    /// Loads the one dataset `unit` reads from `path` (UCDP's download or API layout). A unit
    /// that reads several datasets (`legal_relationship`) is an [`Error::InvalidSpec`]: give
    /// each file to its own loader instead. Load warnings stay on the dataset
    /// ([`Datasets::loaded`]).
    ///
    /// **Use this** (not a `match` on the unit) wherever a user gives a file for a unit.
    pub fn from_file(unit: CountUnit, path: impl AsRef<std::path::Path>) -> Result<Datasets> {
        let path = path.as_ref();
        let mut d = Datasets::default();
        match unit.datasets() {
            ["ucdp-acd"] => d.acd = Some(Acd::from_path(path)?),
            ["ucdp-dyadic"] => d.dyadic = Some(Dyadic::from_path(path)?),
            ["ucdp-nonstate"] => d.nonstate = Some(NonState::from_path(path)?),
            ["ucdp-onesided"] => d.onesided = Some(OneSided::from_path(path)?),
            names => {
                let options: Vec<&str> = names
                    .iter()
                    .filter_map(|n| n.parse::<data::DatasetId>().ok())
                    .map(data::DatasetId::file_option)
                    .collect();
                return Err(Error::spec(format!(
                    "a file holds one dataset, but the `{unit}` unit reads {}; give each its own file ({}; in Python sources={{name: path}})",
                    names.join(" + "),
                    options.join(", ")
                )));
            }
        }
        Ok(d)
    }

    /// The provenance and load warnings of every loaded dataset (ACD, Dyadic, Non-State,
    /// One-sided order).
    #[must_use]
    pub fn loaded(&self) -> Vec<(&Provenance, &[LoadWarning])> {
        let mut out: Vec<(&Provenance, &[LoadWarning])> = Vec::new();
        if let Some(x) = &self.acd {
            out.push((&x.provenance, &x.warnings));
        }
        if let Some(x) = &self.dyadic {
            out.push((&x.provenance, &x.warnings));
        }
        if let Some(x) = &self.nonstate {
            out.push((&x.provenance, &x.warnings));
        }
        if let Some(x) = &self.onesided {
            out.push((&x.provenance, &x.warnings));
        }
        out
    }

    /// Borrowed view for [`count_in`].
    #[must_use]
    pub fn sources(&self) -> Sources<'_> {
        Sources {
            acd: self.acd.as_ref(),
            dyadic: self.dyadic.as_ref(),
            nonstate: self.nonstate.as_ref(),
            onesided: self.onesided.as_ref(),
        }
    }
}

/// Counts `acd` under `spec` (for the units that read the ACD: `conflict`, `country`,
/// `state_party`; other units need [`count_in`] or [`count_embedded`]).
///
/// # Errors
/// [`Error::InvalidSpec`] if the year range is empty or reaches outside the data's coverage,
/// or if the unit reads another dataset.
pub fn count(acd: &Acd, spec: &CountSpec) -> Result<CountTable> {
    count_in(&Sources::acd(acd), spec)
}

/// Counts under `spec` on the embedded release(s) the unit reads (`version`: `None` for each
/// dataset's default).
///
/// ```
/// use conflictstats::{count::count_embedded, CountSpec, CountUnit};
///
/// let t = count_embedded(&CountSpec::new(CountUnit::NonstateConflict), Some("23.1"))?;
/// assert_eq!(t.rows.last().map(|r| r.year), Some(2022));
/// assert_eq!(t.dataset.version, "23.1");
/// # Ok::<(), conflictstats::Error>(())
/// ```
pub fn count_embedded(spec: &CountSpec, version: Option<&str>) -> Result<CountTable> {
    let data = Datasets::embedded_for(&[spec.unit], version)?;
    count_in(&data.sources(), spec)
}

fn need<'a, T>(data: Option<&'a T>, unit: CountUnit, name: &str) -> Result<&'a T> {
    data.ok_or_else(|| {
        Error::spec(format!(
            "the `{unit}` unit reads the {name} dataset, which was not loaded"
        ))
    })
}

fn span_of(range: Option<(i32, i32)>, p: &Provenance) -> Result<(i32, i32)> {
    range.ok_or_else(|| {
        Error::spec(format!(
            "{} has no records to count; it covers no years",
            p.label()
        ))
    })
}

/// The provenance and year span of the loaded dataset `name` (a registry name), or an error
/// naming what is missing.
fn dataset_in<'s>(
    sources: &Sources<'s>,
    unit: CountUnit,
    name: &str,
) -> Result<(&'s Provenance, Option<(i32, i32)>)> {
    Ok(match name {
        "ucdp-acd" => {
            let d = need(sources.acd, unit, name)?;
            (&d.provenance, d.year_range())
        }
        "ucdp-dyadic" => {
            let d = need(sources.dyadic, unit, name)?;
            (&d.provenance, d.year_range())
        }
        "ucdp-nonstate" => {
            let d = need(sources.nonstate, unit, name)?;
            (&d.provenance, d.year_range())
        }
        "ucdp-onesided" => {
            let d = need(sources.onesided, unit, name)?;
            (&d.provenance, d.year_range())
        }
        other => {
            return Err(Error::spec(format!(
                "the `{unit}` unit names dataset {other}, which counts cannot read"
            )));
        }
    })
}

/// The datasets a count under `spec` reads, primary first.
fn provenances(sources: &Sources<'_>, unit: CountUnit) -> Result<Vec<Provenance>> {
    unit.datasets()
        .iter()
        .map(|name| dataset_in(sources, unit, name).map(|(p, _)| p.clone()))
        .collect()
}

/// The first and last year a count under `spec` can be given for: the years every dataset of
/// the unit covers, and for a unit with persistence `p` (`legal_relationship`) the years `t`
/// whose `t - p..=t` they all cover.
///
/// ```
/// use conflictstats::count::{coverage, Datasets};
/// use conflictstats::{CountSpec, CountUnit};
///
/// let data = Datasets::embedded_for(&[CountUnit::LegalRelationship], Some("25.1"))?;
/// let spec = CountSpec::new(CountUnit::LegalRelationship).persistence(5);
/// assert_eq!(coverage(&data.sources(), &spec)?, (1994, 2024));
/// # Ok::<(), conflictstats::Error>(())
/// ```
pub fn coverage(sources: &Sources<'_>, spec: &CountSpec) -> Result<(i32, i32)> {
    let unit = spec.unit;
    let (mut first, mut last) = (i32::MIN, i32::MAX);
    for name in unit.datasets() {
        let (p, range) = dataset_in(sources, unit, name)?;
        let (f, l) = span_of(range, p)?;
        (first, last) = (first.max(f), last.min(l));
    }
    let p = i32::try_from(spec.persistence).map_err(|_| Error::spec("persistence is too large"))?;
    let first = first.saturating_add(p);
    if first > last {
        return Err(Error::spec(format!(
            "the `{unit}` unit with persistence {} covers no year of the data",
            spec.persistence
        )));
    }
    Ok((first, last))
}

fn validate(spec: &CountSpec) -> Result<()> {
    let unit = spec.unit;
    if spec.persistence > 0 && !unit.info().persistence {
        return Err(Error::spec(format!(
            "persistence applies to the legal_relationship unit only, not to `{unit}`"
        )));
    }
    if spec.persistence > 100 {
        return Err(Error::spec(format!(
            "persistence {} is not plausible; give the years (0–100) a relationship stays counted after its last active year",
            spec.persistence
        )));
    }
    if !unit.is_state_based() {
        let f = &spec.filters;
        if !(f.types.is_empty() && f.intensities.is_empty() && f.incompatibilities.is_empty()) {
            return Err(Error::spec(format!(
                "the `{unit}` unit has no type of conflict, intensity or incompatibility codes to filter on; filter by region or years instead"
            )));
        }
        if let Some(d) = spec.by.filter(|d| *d != Dimension::Region) {
            return Err(Error::spec(format!(
                "the `{unit}` unit cannot be grouped by {}; only by region",
                d.key()
            )));
        }
    }
    Ok(())
}

/// Counts under `spec` on the given datasets.
///
/// # Errors
/// [`Error::InvalidSpec`] if a dataset the unit reads is missing, the year range is empty or
/// reaches outside the unit's [`coverage`], a filter or grouping does not apply to the unit, or
/// a persistence is given for a unit other than `legal_relationship`.
pub fn count_in(sources: &Sources<'_>, spec: &CountSpec) -> Result<CountTable> {
    validate(spec)?;
    let mut provenance = provenances(sources, spec.unit)?;
    let (first, last) = coverage(sources, spec)?;
    let from = spec.filters.from_year.unwrap_or(first);
    let to = spec.filters.to_year.unwrap_or(last);
    if from < first || to > last || from > last || to < first {
        let labels: Vec<String> = provenance.iter().map(Provenance::label).collect();
        let why = if spec.unit.info().persistence {
            format!(
                " for `legal_relationship` with persistence {} (each year needs the {} years before it in both datasets)",
                spec.persistence, spec.persistence
            )
        } else {
            String::new()
        };
        let asked = match (spec.filters.from_year, spec.filters.to_year) {
            (Some(a), None) => format!("years from {a}"),
            (None, Some(b)) => format!("years up to {b}"),
            _ => format!("years {from}–{to}"),
        };
        return Err(Error::spec(format!(
            "{asked} reach outside the data's coverage {first}–{last}{why} ({}); a count there would be a missing value, not zero",
            labels.join(" + ")
        )));
    }
    if from > to {
        return Err(Error::spec(format!("empty year range {from}–{to}")));
    }
    let groups = spec.by.map_or_else(Vec::new, Dimension::groups);
    let mut tally = Tally::new(from, to, groups.len().max(1));
    (spec.unit.info().tally)(sources, spec, last, &mut tally)?;
    let counts = tally.finish();
    let n_groups = groups.len().max(1);
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
    let dataset = provenance.remove(0);
    Ok(CountTable {
        spec: spec.clone(),
        dataset,
        other_datasets: provenance,
        rows,
    })
}

/// Collects `(cell, key)` pairs packed into one `u64` (cell in the high bits), then counts the
/// distinct keys per cell: one allocation for the whole count, deterministic.
struct Tally {
    from: i32,
    to: i32,
    n_groups: usize,
    packed: Vec<u64>,
}

const KEY_BITS: u32 = 40;
/// Key namespaces for `legal_relationship` (dyad ids and non-state conflict ids overlap).
const DYAD_NS: u64 = 1 << 32;
const NONSTATE_NS: u64 = 2 << 32;

impl Tally {
    fn new(from: i32, to: i32, n_groups: usize) -> Tally {
        Tally {
            from,
            to,
            n_groups,
            packed: Vec::new(),
        }
    }

    /// Records `key` in `(year, group)`; years outside the range are ignored.
    fn push(&mut self, year: i32, group: usize, key: u64) {
        if !(self.from..=self.to).contains(&year) {
            return;
        }
        let y = usize::try_from(year - self.from).unwrap_or(0);
        let cell = (y * self.n_groups + group) as u64;
        self.packed.push(cell << KEY_BITS | key);
    }

    fn finish(mut self) -> Vec<u32> {
        let n_years = usize::try_from(self.to - self.from + 1).unwrap_or(0);
        let mut counts = vec![0u32; n_years * self.n_groups];
        self.packed.sort_unstable();
        self.packed.dedup();
        for v in self.packed {
            let cell = usize::try_from(v >> KEY_BITS).unwrap_or(usize::MAX);
            if let Some(c) = counts.get_mut(cell) {
                *c += 1;
            }
        }
        counts
    }
}

/// The state-based codes of a record, for filters and grouping.
#[derive(Clone, Copy)]
struct Codes {
    type_of_conflict: TypeOfConflict,
    intensity: Intensity,
    incompatibility: Incompatibility,
}

impl Codes {
    fn of(r: &ConflictYear) -> Codes {
        Codes {
            type_of_conflict: r.type_of_conflict,
            intensity: r.intensity,
            incompatibility: r.incompatibility,
        }
    }

    fn kept(self, f: &Filters) -> bool {
        keeps(&f.types, &self.type_of_conflict)
            && keeps(&f.intensities, &self.intensity)
            && keeps(&f.incompatibilities, &self.incompatibility)
    }
}

fn regions_kept(f: &Filters, regions: &[Region]) -> bool {
    f.regions.is_empty() || regions.iter().any(|g| f.regions.contains(g))
}

/// Calls `f` with each group index a record (or one of its states, when `own` is given) falls
/// in. `codes` is `None` for units without state-based codes (grouping checked by `validate`).
fn for_cells(
    by: Option<Dimension>,
    codes: Option<Codes>,
    regions: &[Region],
    own: Option<Region>,
    mut f: impl FnMut(usize),
) {
    match (by, codes) {
        (None, _) => f(0),
        (Some(Dimension::Type), Some(c)) => f(c.type_of_conflict.index()),
        (Some(Dimension::Intensity), Some(c)) => f(c.intensity.index()),
        (Some(Dimension::Incompatibility), Some(c)) => f(c.incompatibility.index()),
        (Some(Dimension::Region), _) => match own {
            Some(r) => f(r.index()),
            None => regions.iter().for_each(|r| f(r.index())),
        },
        // A code grouping of a unit without codes: rejected by `validate` before tallying.
        (Some(Dimension::Type | Dimension::Intensity | Dimension::Incompatibility), None) => {}
    }
}

/// Pushes each state of `states` (a G&W code) with its own region.
/// Tallies the states `states` of a record of `year` (UCDP's codes, mapped to G&W's by the
/// shipped rules, [`UcdpGw`](crate::data::UcdpGw): Serbia's 345 after 2006 counts as 340).
fn push_states<'s>(
    tally: &mut Tally,
    spec: &CountSpec,
    year: i32,
    codes: Codes,
    states: impl Iterator<Item = &'s GwCode>,
) -> Result<()> {
    let f = &spec.filters;
    for gw in crate::data::UcdpGw::embedded()?.map_all(states, year) {
        let gw = GwCode(gw);
        let region = Region::of_gwcode(gw);
        if !f.regions.is_empty() && !region.is_some_and(|g| f.regions.contains(&g)) {
            continue;
        }
        for_cells(spec.by, Some(codes), &[], region, |g| {
            tally.push(year, g, u64::from(gw.0));
        });
    }
    Ok(())
}

fn tally_acd(
    sources: &Sources<'_>,
    spec: &CountSpec,
    tally: &mut Tally,
    mut push: impl FnMut(&mut Tally, &ConflictYear, Codes) -> Result<()>,
) -> Result<()> {
    for r in &need(sources.acd, spec.unit, "ucdp-acd")?.records {
        let codes = Codes::of(r);
        if codes.kept(&spec.filters) {
            push(tally, r, codes)?;
        }
    }
    Ok(())
}

fn tally_conflicts(s: &Sources<'_>, spec: &CountSpec, _: i32, tally: &mut Tally) -> Result<()> {
    let f = &spec.filters;
    tally_acd(s, spec, tally, |tally, r, codes| {
        if regions_kept(f, &r.region) {
            for_cells(spec.by, Some(codes), &r.region, None, |g| {
                tally.push(r.year, g, u64::from(r.conflict_id.0));
            });
        }
        Ok(())
    })
}

fn tally_countries(s: &Sources<'_>, spec: &CountSpec, _: i32, tally: &mut Tally) -> Result<()> {
    tally_acd(s, spec, tally, |tally, r, codes| {
        push_states(tally, spec, r.year, codes, r.gwno_loc.iter())
    })
}

fn tally_state_parties(s: &Sources<'_>, spec: &CountSpec, _: i32, tally: &mut Tally) -> Result<()> {
    tally_acd(s, spec, tally, |tally, r, codes| {
        let parties = r
            .gwno_a
            .iter()
            .chain(&r.gwno_a_2nd)
            .chain(&r.gwno_b)
            .chain(&r.gwno_b_2nd);
        push_states(tally, spec, r.year, codes, parties)
    })
}

fn tally_dyads(s: &Sources<'_>, spec: &CountSpec, _: i32, tally: &mut Tally) -> Result<()> {
    let f = &spec.filters;
    for r in &need(s.dyadic, spec.unit, "ucdp-dyadic")?.records {
        let codes = Codes {
            type_of_conflict: r.type_of_conflict,
            intensity: r.intensity,
            incompatibility: r.incompatibility,
        };
        if codes.kept(f) && regions_kept(f, &r.region) {
            for_cells(spec.by, Some(codes), &r.region, None, |g| {
                tally.push(r.year, g, u64::from(r.dyad_id.0));
            });
        }
    }
    Ok(())
}

fn tally_nonstate(s: &Sources<'_>, spec: &CountSpec, _: i32, tally: &mut Tally) -> Result<()> {
    for r in &need(s.nonstate, spec.unit, "ucdp-nonstate")?.records {
        if regions_kept(&spec.filters, &r.region) {
            for_cells(spec.by, None, &r.region, None, |g| {
                tally.push(r.year, g, u64::from(r.conflict_id.0));
            });
        }
    }
    Ok(())
}

fn tally_onesided(s: &Sources<'_>, spec: &CountSpec, _: i32, tally: &mut Tally) -> Result<()> {
    for r in &need(s.onesided, spec.unit, "ucdp-onesided")?.records {
        if regions_kept(&spec.filters, &r.region) {
            for_cells(spec.by, None, &r.region, None, |g| {
                tally.push(r.year, g, u64::from(r.actor_id.0));
            });
        }
    }
    Ok(())
}

fn tally_legal(s: &Sources<'_>, spec: &CountSpec, last: i32, tally: &mut Tally) -> Result<()> {
    let f = &spec.filters;
    let p = i32::try_from(spec.persistence).unwrap_or(i32::MAX);
    let persist = |year: i32| year..=year.saturating_add(p).min(last);
    for r in &need(s.dyadic, spec.unit, "ucdp-dyadic")?.records {
        if regions_kept(f, &r.region) {
            for y in persist(r.year) {
                for_cells(spec.by, None, &r.region, None, |g| {
                    tally.push(y, g, DYAD_NS | u64::from(r.dyad_id.0));
                });
            }
        }
    }
    for r in &need(s.nonstate, spec.unit, "ucdp-nonstate")?.records {
        if regions_kept(f, &r.region) {
            for y in persist(r.year) {
                for_cells(spec.by, None, &r.region, None, |g| {
                    tally.push(y, g, NONSTATE_NS | u64::from(r.conflict_id.0));
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acd() -> Acd {
        Acd::embedded(Some("25.1")).unwrap() // the figures below are ACD v25.1's
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
        // 2024 from the raw file (Python's csv module: distinct conflict_id per code in the
        // comma-separated `region`): a conflict in two regions counts in each, so the groups
        // sum to 63 while the total is 61.
        let in_2024: Vec<(&str, u32)> = by
            .rows
            .iter()
            .filter(|r| r.year == 2024)
            .map(|r| (r.group.map_or("", GroupKey::key), r.count))
            .collect();
        let expected = [
            ("africa", 28),
            ("americas", 3),
            ("asia", 17),
            ("europe", 4),
            ("middle_east", 11),
        ];
        for (g, n) in expected {
            assert!(in_2024.contains(&(g, n)), "{g}: {in_2024:?}");
        }
        assert_eq!(total.total(2024), Some(61));
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
        // By hand from the 1967 interstate rows in the Middle East: 11343 Egypt (651) v Israel
        // (666), 301 Israel v Jordan (663), 302 Israel v Syria (652): four states.
        assert_eq!(t.total(1967), Some(4));
    }

    #[test]
    fn the_unit_table_has_one_entry_per_unit_in_order() {
        assert_eq!(UNITS.len(), CountUnit::ALL.len());
        for (i, u) in CountUnit::ALL.iter().enumerate() {
            assert_eq!(UNITS[i].unit, *u, "entry {i}");
            assert_eq!(u.info().unit, *u);
            assert!(!u.datasets().is_empty());
            assert_eq!(u.key().parse::<CountUnit>().unwrap(), *u);
        }
    }

    #[test]
    fn every_unit_counts_the_embedded_data_of_its_table_entry() {
        // acd_v25_1 / dyadic, nonstate, onesided default releases: each unit counts, and the
        // table names the datasets the count read.
        for u in CountUnit::ALL {
            let t = count_embedded(&CountSpec::new(*u), None).unwrap();
            let mut read = vec![t.dataset.name.clone()];
            read.extend(t.other_datasets.iter().map(|p| p.name.clone()));
            assert_eq!(read, u.datasets(), "{u}");
            assert!(t.rows.iter().any(|r| r.count > 0), "{u}");
        }
    }

    #[test]
    fn a_file_for_a_two_dataset_unit_is_refused_by_the_core() {
        let err = Datasets::from_file(CountUnit::LegalRelationship, "x.csv").unwrap_err();
        assert!(
            err.to_string().contains("ucdp-dyadic + ucdp-nonstate"),
            "{err}"
        );
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
