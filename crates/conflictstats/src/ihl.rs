//! The legal layer: classifying UCDP conflicts under international humanitarian law (IHL).
//!
//! IHL knows three situations in which it applies in full: an **international armed conflict**
//! (IAC: force between states, common Article 2 of the Geneva Conventions), a
//! **non-international armed conflict** (NIAC: protracted armed violence between a state and an
//! organized armed group, or between such groups, common Article 3 and Additional Protocol II),
//! and **military occupation** (Hague Regulations Art. 42, Geneva Convention IV). UCDP's
//! `type_of_conflict` is not a legal classification, but it maps onto these with known gaps.
//!
//! ## The default mapping (`source = derived-from-ucdp`)
//!
//! | UCDP type | IHL category | flag |
//! |---|---|---|
//! | interstate | IAC | — |
//! | intrastate | NIAC | — |
//! | internationalized intrastate | NIAC | [`IhlFlag::ForeignStateParties`]: foreign states fight; with the territorial state's consent it stays a NIAC, but an intervention *without* consent (or on the rebels' side) can create a parallel IAC between the states |
//! | extrasystemic | NIAC | [`IhlFlag::ExtrasystemicChoice`]: a documented choice — UCDP's extrasystemic (colonial) conflict-years end in 1974, before Additional Protocol I (1977) made wars of national liberation IACs for its parties (Art. 1(4)); common Article 3 is the classification contemporaries applied |
//!
//! Military occupation is never derived: UCDP does not code it. It enters only through curated
//! classifications.
//!
//! ## Curated classifications
//!
//! A user (or an institution's list such as RULAC's) can supply classifications that override
//! the derived ones, as a CSV:
//!
//! ```text
//! conflict_id,dyad_id,category,source,from,to
//! 13243,,iac,RULAC: Russia–Ukraine,2014-02-27,
//! ,12345,occupation,own assessment,2020-01-01,2021-12-31
//! ```
//!
//! Exactly one of `conflict_id` / `dyad_id` is given; `category` is `iac`, `niac` or
//! `occupation`; `source` says who classified (required); `from`/`to` are ISO dates, empty for
//! "since the start" / "ongoing". A curated entry applies to a year it overlaps; a dyad-level
//! entry wins over a conflict-level one. Every application is reported as an [`Override`],
//! with whether it agrees with the derived category — disagreements are the interesting part.
//!
//! ```
//! use conflictstats::data::Acd;
//! use conflictstats::ihl::{IhlCategory, IhlLayer};
//!
//! let acd = Acd::embedded(Some("25.1"))?;
//! let csv = "conflict_id,dyad_id,category,source,from,to\n13243,,iac,RULAC,2014-02-27,\n";
//! let layer = IhlLayer::from_bytes("curated.csv", csv.as_bytes())?;
//! let c = layer.classify_conflicts(&acd);
//! // Russia–Ukraine (13243) is interstate in 2022–2024: the curated IAC agrees.
//! assert!(c.overrides.iter().all(|o| o.agrees));
//! assert_eq!(c.overrides.len(), 3); // conflict-years 2022, 2023, 2024
//! let y2024 = c.counts(2024);
//! assert_eq!(y2024.iter().sum::<u32>(), 61);
//! assert_eq!(y2024[IhlCategory::Occupation.index()], 0);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::LoadWarning;
use crate::data::table::{self, Row, Schema};
use crate::data::{Acd, Dyadic};
use crate::error::{Error, Result};
use crate::model::{ConflictId, DyadId, TypeOfConflict};
use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;
use std::path::Path;

/// The three situations in which IHL applies in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IhlCategory {
    /// International armed conflict (between states).
    Iac,
    /// Non-international armed conflict (a state against an organized armed group, or such
    /// groups against each other).
    Niac,
    /// Military occupation.
    Occupation,
}

impl IhlCategory {
    /// Every category.
    pub const ALL: &'static [IhlCategory] =
        &[IhlCategory::Iac, IhlCategory::Niac, IhlCategory::Occupation];

    /// The short key: `iac`, `niac`, `occupation`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            IhlCategory::Iac => "iac",
            IhlCategory::Niac => "niac",
            IhlCategory::Occupation => "occupation",
        }
    }

    /// The full name.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            IhlCategory::Iac => "international armed conflict",
            IhlCategory::Niac => "non-international armed conflict",
            IhlCategory::Occupation => "military occupation",
        }
    }

    /// Dense index `0..3`.
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for IhlCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl std::str::FromStr for IhlCategory {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['-', ' '], "_")
            .as_str()
        {
            "iac" | "international_armed_conflict" => Ok(IhlCategory::Iac),
            "niac" | "non_international_armed_conflict" => Ok(IhlCategory::Niac),
            "occupation" | "military_occupation" => Ok(IhlCategory::Occupation),
            _ => Err(Error::spec(format!(
                "unknown IHL category `{s}`; expected iac, niac or occupation"
            ))),
        }
    }
}

/// Why a derived classification needs a second look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IhlFlag {
    /// Internationalized intrastate: foreign states fight; without the territorial state's
    /// consent a parallel IAC between the states may exist.
    ForeignStateParties,
    /// Extrasystemic: mapped to NIAC by documented choice (see the module docs).
    ExtrasystemicChoice,
}

/// The default mapping from UCDP's type of conflict (see the module docs).
///
/// ```
/// use conflictstats::ihl::{derive, IhlCategory, IhlFlag};
/// use conflictstats::model::TypeOfConflict;
///
/// assert_eq!(derive(TypeOfConflict::Interstate), (IhlCategory::Iac, None));
/// assert_eq!(
///     derive(TypeOfConflict::InternationalizedIntrastate),
///     (IhlCategory::Niac, Some(IhlFlag::ForeignStateParties))
/// );
/// ```
#[must_use]
pub fn derive(t: TypeOfConflict) -> (IhlCategory, Option<IhlFlag>) {
    match t {
        TypeOfConflict::Interstate => (IhlCategory::Iac, None),
        TypeOfConflict::Intrastate => (IhlCategory::Niac, None),
        TypeOfConflict::InternationalizedIntrastate => {
            (IhlCategory::Niac, Some(IhlFlag::ForeignStateParties))
        }
        TypeOfConflict::Extrasystemic => (IhlCategory::Niac, Some(IhlFlag::ExtrasystemicChoice)),
    }
}

/// What a curated classification applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IhlTarget {
    /// Every dyad of a UCDP conflict.
    Conflict(ConflictId),
    /// One UCDP dyad.
    Dyad(DyadId),
}

/// One row of a curated classification file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CuratedClassification {
    /// The conflict or dyad classified.
    pub target: IhlTarget,
    /// The category.
    pub category: IhlCategory,
    /// Who classified it, verbatim.
    pub source: String,
    /// First day it applies (`None`: since the start).
    pub from: Option<NaiveDate>,
    /// Last day it applies (`None`: ongoing).
    pub to: Option<NaiveDate>,
    /// Line in the file.
    pub line: u64,
}

impl CuratedClassification {
    /// Whether the entry's date range overlaps calendar year `year`.
    #[must_use]
    pub fn applies_in(&self, year: i32) -> bool {
        self.from.is_none_or(|d| d.year() <= year) && self.to.is_none_or(|d| d.year() >= year)
    }

    fn overlaps(&self, other: &CuratedClassification) -> bool {
        let starts_before_other_ends = match (self.from, other.to) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        let other_starts_before_end = match (other.from, self.to) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }
}

/// Where a classification came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassificationSource {
    /// The default mapping from UCDP's type of conflict.
    DerivedFromUcdp,
    /// A curated classification: its source text and line.
    Curated {
        /// Who classified it.
        source: String,
        /// Line of the curated file.
        line: u64,
    },
}

impl Serialize for ClassificationSource {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            ClassificationSource::DerivedFromUcdp => s.serialize_str("derived-from-ucdp"),
            ClassificationSource::Curated { source, .. } => s.serialize_str(source),
        }
    }
}

impl fmt::Display for ClassificationSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClassificationSource::DerivedFromUcdp => f.write_str("derived-from-ucdp"),
            ClassificationSource::Curated { source, line } => {
                write!(f, "curated: {source} (line {line})")
            }
        }
    }
}

/// One classified conflict-year or dyad-year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassifiedYear {
    /// The UCDP conflict.
    pub conflict_id: ConflictId,
    /// The dyad, when classifying dyad-years.
    pub dyad_id: Option<DyadId>,
    /// Calendar year.
    pub year: i32,
    /// UCDP's type of conflict.
    pub type_of_conflict: TypeOfConflict,
    /// The derived category.
    pub derived: IhlCategory,
    /// The derived category's flag, if any.
    pub flag: Option<IhlFlag>,
    /// The category in force: curated if a curated entry applies, else derived.
    pub category: IhlCategory,
    /// Where `category` came from.
    pub source: ClassificationSource,
}

/// A curated classification applied to a conflict-year or dyad-year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Override {
    /// The UCDP conflict.
    pub conflict_id: ConflictId,
    /// The dyad, when classifying dyad-years.
    pub dyad_id: Option<DyadId>,
    /// Calendar year.
    pub year: i32,
    /// The derived category it replaces.
    pub derived: IhlCategory,
    /// The curated category.
    pub curated: IhlCategory,
    /// The curated entry's source.
    pub source: String,
    /// Line of the curated file.
    pub line: u64,
    /// Whether curated and derived agree.
    pub agrees: bool,
}

/// The result of classifying a dataset.
#[derive(Debug, Clone, Serialize)]
pub struct IhlClassification {
    /// One row per conflict-year (ACD) or dyad-year (Dyadic), in the dataset's order.
    pub rows: Vec<ClassifiedYear>,
    /// Every application of a curated entry.
    pub overrides: Vec<Override>,
    /// Curated entries that matched no record (wrong id, or outside the data's years).
    pub unmatched: Vec<CuratedClassification>,
}

impl IhlClassification {
    /// Records per category in `year`, indexed by [`IhlCategory::index`].
    #[must_use]
    pub fn counts(&self, year: i32) -> [u32; 3] {
        let mut out = [0; 3];
        for r in self.rows.iter().filter(|r| r.year == year) {
            out[r.category.index()] += 1;
        }
        out
    }

    /// The overrides whose curated category differs from the derived one.
    pub fn disagreements(&self) -> impl Iterator<Item = &Override> {
        self.overrides.iter().filter(|o| !o.agrees)
    }
}

/// The derived mapping plus optional curated classifications.
#[derive(Debug, Clone, Default, Serialize)]
pub struct IhlLayer {
    /// Curated entries, in file order.
    pub curated: Vec<CuratedClassification>,
    /// The curated file's name, if any.
    pub file: Option<String>,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

const COLUMNS: &[&str] = &["conflict_id", "dyad_id", "category", "source", "from", "to"];
const CONFLICT_ID: usize = 0;
const DYAD_ID: usize = 1;
const CATEGORY: usize = 2;
const SOURCE: usize = 3;
const FROM: usize = 4;
const TO: usize = 5;

static SCHEMA: Schema = Schema {
    dataset: "curated IHL classifications (conflict_id,dyad_id,category,source,from,to)",
    columns: COLUMNS,
    aliases: &[("start_date", "from"), ("end_date", "to")],
};

impl IhlLayer {
    /// The derived mapping only.
    #[must_use]
    pub fn derived() -> IhlLayer {
        IhlLayer::default()
    }

    /// Reads curated classifications from a CSV file.
    pub fn from_path(path: impl AsRef<Path>) -> Result<IhlLayer> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            file: label.clone(),
            source,
        })?;
        IhlLayer::from_bytes(&label, &bytes)
    }

    /// Reads curated classifications; `file` names them in errors.
    ///
    /// ```
    /// use conflictstats::{ihl::IhlLayer, Error};
    ///
    /// let bad = "conflict_id,dyad_id,category,source,from,to\n13243,,war,me,,\n";
    /// match IhlLayer::from_bytes("c.csv", bad.as_bytes()) {
    ///     Err(Error::InvalidValue { line, column, value, .. }) => {
    ///         assert_eq!((line, column.as_str(), value.as_str()), (2, "category", "war"));
    ///     }
    ///     other => panic!("unexpected {other:?}"),
    /// }
    /// ```
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<IhlLayer> {
        let mut curated: Vec<CuratedClassification> = Vec::new();
        let header = table::read(file, bytes, &SCHEMA, |row| {
            let entry = curated_row(row)?;
            if let Some(prev) = curated
                .iter()
                .find(|c| c.target == entry.target && c.overlaps(&entry))
            {
                return Err(Error::DuplicateRecord {
                    file: file.to_string(),
                    line: row.line(),
                    first_line: prev.line,
                    key: format!(
                        "classification of {} with an overlapping date range",
                        describe(entry.target)
                    ),
                });
            }
            curated.push(entry);
            Ok(())
        })?;
        Ok(IhlLayer {
            curated,
            file: Some(file.to_string()),
            warnings: header.warnings,
        })
    }

    /// Classifies every conflict-year of the ACD (conflict-level entries only apply; dyad-level
    /// entries are reported as unmatched).
    #[must_use]
    pub fn classify_conflicts(&self, acd: &Acd) -> IhlClassification {
        self.classify(
            acd.records
                .iter()
                .map(|r| (r.conflict_id, None, r.year, r.type_of_conflict)),
        )
    }

    /// Classifies every dyad-year of the Dyadic dataset.
    #[must_use]
    pub fn classify_dyads(&self, dyadic: &Dyadic) -> IhlClassification {
        self.classify(
            dyadic
                .records
                .iter()
                .map(|r| (r.conflict_id, Some(r.dyad_id), r.year, r.type_of_conflict)),
        )
    }

    fn classify(
        &self,
        records: impl Iterator<Item = (ConflictId, Option<DyadId>, i32, TypeOfConflict)>,
    ) -> IhlClassification {
        let mut used = vec![false; self.curated.len()];
        let mut rows = Vec::new();
        let mut overrides = Vec::new();
        for (conflict_id, dyad_id, year, t) in records {
            let (derived, flag) = derive(t);
            let find = |target: IhlTarget| {
                self.curated
                    .iter()
                    .position(|c| c.target == target && c.applies_in(year))
            };
            let hit = dyad_id
                .and_then(|d| find(IhlTarget::Dyad(d)))
                .or_else(|| find(IhlTarget::Conflict(conflict_id)));
            let (category, source) = match hit {
                Some(i) => {
                    used[i] = true;
                    let c = &self.curated[i];
                    overrides.push(Override {
                        conflict_id,
                        dyad_id,
                        year,
                        derived,
                        curated: c.category,
                        source: c.source.clone(),
                        line: c.line,
                        agrees: c.category == derived,
                    });
                    (
                        c.category,
                        ClassificationSource::Curated {
                            source: c.source.clone(),
                            line: c.line,
                        },
                    )
                }
                None => (derived, ClassificationSource::DerivedFromUcdp),
            };
            rows.push(ClassifiedYear {
                conflict_id,
                dyad_id,
                year,
                type_of_conflict: t,
                derived,
                flag,
                category,
                source,
            });
        }
        let unmatched = self
            .curated
            .iter()
            .zip(&used)
            .filter(|(_, u)| !**u)
            .map(|(c, _)| c.clone())
            .collect();
        IhlClassification {
            rows,
            overrides,
            unmatched,
        }
    }
}

fn describe(t: IhlTarget) -> String {
    match t {
        IhlTarget::Conflict(c) => format!("conflict_id {c}"),
        IhlTarget::Dyad(d) => format!("dyad_id {d}"),
    }
}

fn curated_row(row: &Row<'_>) -> Result<CuratedClassification> {
    let conflict: Option<u32> = row.opt_num(CONFLICT_ID, "a UCDP conflict id or empty")?;
    let dyad: Option<u32> = row.opt_num(DYAD_ID, "a UCDP dyad id or empty")?;
    let target = match (conflict, dyad) {
        (Some(c), None) => IhlTarget::Conflict(ConflictId(c)),
        (None, Some(d)) => IhlTarget::Dyad(DyadId(d)),
        (Some(_), Some(_)) => {
            return Err(row.invalid(
                DYAD_ID,
                "empty when conflict_id is given (exactly one of conflict_id, dyad_id)",
            ));
        }
        (None, None) => {
            return Err(row.invalid(
                CONFLICT_ID,
                "a conflict id, or a dyad id in dyad_id (exactly one of them)",
            ));
        }
    };
    let category = row
        .str(CATEGORY)
        .parse::<IhlCategory>()
        .map_err(|_| row.invalid(CATEGORY, "iac, niac or occupation"))?;
    let source = row.string(SOURCE);
    if source.trim().is_empty() {
        return Err(row.invalid(SOURCE, "who classified the conflict (required)"));
    }
    let from = row.opt_date(FROM)?;
    let to = row.opt_date(TO)?;
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(row.invalid(TO, format!("a date on or after `from` ({f})")));
    }
    Ok(CuratedClassification {
        target,
        category,
        source,
        from,
        to,
        line: row.line(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "conflict_id,dyad_id,category,source,from,to\n";

    #[test]
    fn overlapping_entries_for_one_target_are_duplicates() {
        let csv = format!("{HEADER}259,,niac,a,2014-01-01,2017-12-31\n259,,iac,b,2017-06-01,\n");
        let err = IhlLayer::from_bytes("c.csv", csv.as_bytes()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::DuplicateRecord {
                    line: 3,
                    first_line: 2,
                    ..
                }
            ),
            "{err}"
        );
        // Adjacent, non-overlapping ranges are fine.
        let ok = format!("{HEADER}259,,niac,a,2014-01-01,2017-12-31\n259,,iac,b,2018-01-01,\n");
        assert_eq!(
            IhlLayer::from_bytes("c.csv", ok.as_bytes())
                .unwrap()
                .curated
                .len(),
            2
        );
    }

    #[test]
    fn both_or_no_ids_and_reversed_ranges_are_errors() {
        for (body, col) in [
            ("1,2,iac,x,,\n", "dyad_id"),
            (",,iac,x,,\n", "conflict_id"),
            ("1,,iac,x,2020-01-01,2019-01-01\n", "to"),
            ("1,,iac, ,,\n", "source"),
        ] {
            let err =
                IhlLayer::from_bytes("c.csv", format!("{HEADER}{body}").as_bytes()).unwrap_err();
            assert_eq!(err.column(), Some(col), "{body}: {err}");
        }
    }

    #[test]
    fn dyad_entry_beats_conflict_entry_and_disagreements_are_reported() {
        let dy = Dyadic::embedded(Some("24.1")).unwrap();
        // Conflict 234 (Israel, intrastate: derived NIAC) has two dyads in 2023, 477 and 478.
        let csv = format!(
            "{HEADER}234,,iac,test-conflict,2023-01-01,2023-12-31\n,477,niac,test-dyad,2023-01-01,\n999999,,iac,nowhere,,\n"
        );
        let layer = IhlLayer::from_bytes("c.csv", csv.as_bytes()).unwrap();
        let c = layer.classify_dyads(&dy);
        let get = |d: u32| {
            c.rows
                .iter()
                .find(|r| r.dyad_id == Some(DyadId(d)) && r.year == 2023)
                .unwrap()
        };
        assert_eq!(get(477).category, IhlCategory::Niac);
        assert!(matches!(
            get(477).source,
            ClassificationSource::Curated { line: 3, .. }
        ));
        assert_eq!(get(478).category, IhlCategory::Iac);
        assert_eq!(get(478).derived, IhlCategory::Niac);
        assert_eq!(c.unmatched.len(), 1);
        assert_eq!(c.unmatched[0].line, 4);
        // One agreement (dyad 477), one disagreement (dyad 478), nothing else touched.
        assert_eq!(c.overrides.len(), 2);
        let d: Vec<_> = c.disagreements().collect();
        assert_eq!(
            (d.len(), d[0].dyad_id, d[0].line),
            (1, Some(DyadId(478)), 2)
        );
        // 2022 rows of conflict 234 keep the derived category.
        assert!(
            c.rows
                .iter()
                .filter(|r| r.conflict_id.0 == 234 && r.year == 2022)
                .all(|r| r.source == ClassificationSource::DerivedFromUcdp)
        );
    }

    #[test]
    fn derived_only_marks_every_row_derived() {
        let acd = Acd::embedded(Some("25.1")).unwrap();
        let c = IhlLayer::derived().classify_conflicts(&acd);
        assert_eq!(c.rows.len(), acd.records.len());
        assert!(c.overrides.is_empty());
        assert!(
            c.rows
                .iter()
                .all(|r| r.source == ClassificationSource::DerivedFromUcdp)
        );
        // 2024: 61 conflicts, of which the interstate ones are IACs.
        let interstate = acd
            .records
            .iter()
            .filter(|r| r.year == 2024 && r.type_of_conflict == TypeOfConflict::Interstate)
            .count();
        assert_eq!(
            c.counts(2024)[IhlCategory::Iac.index()] as usize,
            interstate
        );
    }
}
