//! A claim as data: its parts (a level, ratios at horizons, a shape), each with the qualifier
//! the speaker used, and the date and source of the statement.

use crate::count::{CountSpec, CountUnit, Filters};
use crate::error::{Error, Result};
use crate::model::TypeOfConflict;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How a figure is qualified: "more than 130", "twice" (about 2), "almost four times" (just
/// under 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Strictly more than the figure.
    MoreThan,
    /// Within the tolerance of the figure on either side (default ±10 %): "twice" is about 2.
    About,
    /// The figure itself (a tolerance, if given, widens it on both sides).
    Exactly,
    /// Strictly fewer than the figure.
    FewerThan,
    /// Below the figure but within the tolerance of it (default 10 %): "almost four times" is
    /// at least 3.6 and less than 4.
    JustUnder,
}

/// The facts about each qualifier: key, the words printed, the default relative tolerance.
const QUALIFIERS: &[(Qualifier, &str, &str, f64)] = &[
    (Qualifier::MoreThan, "more_than", "more than", 0.0),
    (Qualifier::About, "about", "about", 0.10),
    (Qualifier::Exactly, "exactly", "exactly", 0.0),
    (Qualifier::FewerThan, "fewer_than", "fewer than", 0.0),
    (Qualifier::JustUnder, "just_under", "just under", 0.10),
];

impl Qualifier {
    fn facts(self) -> (&'static str, &'static str, f64) {
        QUALIFIERS
            .iter()
            .find(|(q, ..)| *q == self)
            .map_or(("", "", 0.0), |(_, k, w, t)| (*k, *w, *t))
    }

    /// The `snake_case` key (`more_than`, `about`, …).
    #[must_use]
    pub fn key(self) -> &'static str {
        self.facts().0
    }

    /// The words printed (`more than`, `just under`, …).
    #[must_use]
    pub fn words(self) -> &'static str {
        self.facts().1
    }

    /// The relative tolerance used when a claim states none (0.10 for `about` and
    /// `just_under`; 0 otherwise).
    #[must_use]
    pub fn default_tolerance(self) -> f64 {
        self.facts().2
    }

    /// Parses a key (`more_than`, `about`, `exactly`, `fewer_than`, `just_under`).
    #[must_use]
    pub fn from_key(key: &str) -> Option<Qualifier> {
        QUALIFIERS
            .iter()
            .find(|(_, k, ..)| *k == key.trim())
            .map(|(q, ..)| *q)
    }
}

/// A qualified figure: "more than 130", "about 2 (±10 %)", "just under 4 (10 %)".
///
/// ```
/// use conflictstats::claim::{Figure, Qualifier};
///
/// let twice = Figure::new(Qualifier::About, 2.0);
/// assert!(twice.accepts(1.97) && !twice.accepts(1.65));
/// let almost_four = Figure::new(Qualifier::JustUnder, 4.0);
/// assert!(almost_four.accepts(3.7) && !almost_four.accepts(4.0) && !almost_four.accepts(2.6));
/// assert!((almost_four.distance(2.6).unwrap() - (3.6f64 / 2.6).ln()).abs() < 1e-12);
/// assert_eq!(Figure::new(Qualifier::MoreThan, 130.0).distance(143.0), Some(0.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Figure {
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The number.
    pub value: f64,
    /// Relative tolerance (0.10 = 10 %), stated or the qualifier's default.
    pub tolerance: f64,
}

/// The values a figure accepts: `low` and `high` bounds, each with whether it is included.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    /// Lower bound and whether it is included; `None`: unbounded.
    pub low: Option<(f64, bool)>,
    /// Upper bound and whether it is included; `None`: unbounded.
    pub high: Option<(f64, bool)>,
}

impl Figure {
    /// A figure with the qualifier's default tolerance.
    #[must_use]
    pub fn new(qualifier: Qualifier, value: f64) -> Figure {
        Figure {
            qualifier,
            value,
            tolerance: qualifier.default_tolerance(),
        }
    }

    /// The accepted values.
    #[must_use]
    pub fn bounds(&self) -> Bounds {
        let (x, t) = (self.value, self.tolerance);
        let (lo, hi) = (x * (1.0 - t), x * (1.0 + t));
        match self.qualifier {
            Qualifier::MoreThan => Bounds {
                low: Some((x, false)),
                high: None,
            },
            Qualifier::FewerThan => Bounds {
                low: None,
                high: Some((x, false)),
            },
            Qualifier::About | Qualifier::Exactly => Bounds {
                low: Some((lo, true)),
                high: Some((hi, true)),
            },
            Qualifier::JustUnder => Bounds {
                low: Some((lo, true)),
                high: Some((x, false)),
            },
        }
    }

    /// Whether `v` meets the figure (a relative 1e-12 slack at included bounds absorbs
    /// rounding: 2.2 is "about 2" at ±10 %).
    #[must_use]
    pub fn accepts(&self, v: f64) -> bool {
        let b = self.bounds();
        let eps = 1e-12 * self.value.abs().max(1.0);
        let above = b
            .low
            .is_none_or(|(l, inc)| if inc { v >= l - eps } else { v > l });
        let below = b
            .high
            .is_none_or(|(h, inc)| if inc { v <= h + eps } else { v < h });
        v.is_finite() && above && below
    }

    /// How far `v` is from meeting the figure: 0 if it does, else `|ln(v / b)|` for the nearest
    /// bound `b` (0.1 ≈ 10 % short or over); `None` when `v` is not positive.
    #[must_use]
    pub fn distance(&self, v: f64) -> Option<f64> {
        if self.accepts(v) {
            return Some(0.0);
        }
        if !(v.is_finite() && v > 0.0) {
            return None;
        }
        let b = self.bounds();
        let d = |bound: Option<(f64, bool)>| bound.map(|(x, _)| (v / x).ln().abs());
        match (b.low, b.high) {
            (Some((l, _)), _) if v <= l => d(b.low),
            (_, Some((h, _))) if v >= h => d(b.high),
            _ => Some(0.0),
        }
    }
}

impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.qualifier.words(), trim_number(self.value))?;
        match self.qualifier {
            Qualifier::About => write!(f, " (±{:.0} %)", self.tolerance * 100.0),
            Qualifier::JustUnder => write!(
                f,
                " ({} to under {})",
                trim_number(self.value * (1.0 - self.tolerance)),
                trim_number(self.value)
            ),
            Qualifier::Exactly if self.tolerance > 0.0 => {
                write!(f, " (±{:.0} %)", self.tolerance * 100.0)
            }
            _ => Ok(()),
        }
    }
}

/// `130` for 130.0, `3.6` for 3.6.
pub(crate) fn trim_number(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A level: "more than 130 armed conflicts" in the reference year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelPart {
    /// The words of the statement.
    pub said: String,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The number.
    pub value: f64,
    /// Relative tolerance; default: the qualifier's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

/// A ratio at a horizon: "twice as many as 15 years ago".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatioPart {
    /// The words of the statement.
    pub said: String,
    /// Years back.
    pub horizon: u32,
    /// The qualifier.
    pub qualifier: Qualifier,
    /// The ratio.
    pub value: f64,
    /// Relative tolerance; default: the qualifier's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
}

impl LevelPart {
    /// The qualified figure, with the tolerance resolved.
    #[must_use]
    pub fn figure(&self) -> Figure {
        figure(self.qualifier, self.value, self.tolerance)
    }
}

impl RatioPart {
    /// The qualified figure, with the tolerance resolved.
    #[must_use]
    pub fn figure(&self) -> Figure {
        figure(self.qualifier, self.value, self.tolerance)
    }
}

fn figure(qualifier: Qualifier, value: f64, tolerance: Option<f64>) -> Figure {
    Figure {
        qualifier,
        value,
        tolerance: tolerance.unwrap_or_else(|| qualifier.default_tolerance()),
    }
}

/// The shape a claim gives the trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A rise by a constant percentage a year (log-linear).
    RisingExponentially,
    /// A rise by a constant number a year.
    RisingLinearly,
    /// Any rise.
    Rising,
    /// A fall.
    Falling,
}

impl Shape {
    /// The words printed.
    #[must_use]
    pub fn words(self) -> &'static str {
        match self {
            Shape::RisingExponentially => "rising exponentially",
            Shape::RisingLinearly => "rising linearly",
            Shape::Rising => "rising",
            Shape::Falling => "falling",
        }
    }
}

/// A form of violence a shape claim names, and the UCDP count that measures it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormOfViolence {
    /// Between states: UCDP interstate conflicts.
    BetweenStates,
    /// Within states: UCDP intrastate and internationalized intrastate conflicts.
    WithinStates,
    /// Between armed groups: UCDP non-state conflicts.
    BetweenArmedGroups,
}

impl FormOfViolence {
    /// Every form, in the order of the seed sentence.
    pub const ALL: &'static [FormOfViolence] = &[
        FormOfViolence::BetweenStates,
        FormOfViolence::WithinStates,
        FormOfViolence::BetweenArmedGroups,
    ];

    /// The `snake_case` key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            FormOfViolence::BetweenStates => "between_states",
            FormOfViolence::WithinStates => "within_states",
            FormOfViolence::BetweenArmedGroups => "between_armed_groups",
        }
    }

    /// What is counted for it.
    #[must_use]
    pub fn measured_by(self) -> &'static str {
        match self {
            FormOfViolence::BetweenStates => "UCDP interstate conflicts (ACD type 2)",
            FormOfViolence::WithinStates => {
                "UCDP intrastate and internationalized intrastate conflicts (ACD types 3, 4)"
            }
            FormOfViolence::BetweenArmedGroups => "UCDP non-state conflicts",
        }
    }

    /// The count that measures it.
    #[must_use]
    pub fn spec(self) -> CountSpec {
        let types = match self {
            FormOfViolence::BetweenStates => vec![TypeOfConflict::Interstate],
            FormOfViolence::WithinStates => vec![
                TypeOfConflict::Intrastate,
                TypeOfConflict::InternationalizedIntrastate,
            ],
            FormOfViolence::BetweenArmedGroups => {
                return CountSpec::new(CountUnit::NonstateConflict);
            }
        };
        CountSpec::new(CountUnit::Conflict).filters(Filters {
            types,
            ..Filters::default()
        })
    }
}

/// A shape: "rising exponentially", for each form of violence named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapePart {
    /// The words of the statement.
    pub said: String,
    /// The shape.
    pub shape: Shape,
    /// The forms of violence it is said of; empty: all three.
    #[serde(default)]
    pub forms: Vec<FormOfViolence>,
}

/// Where a claim was published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Who published it (the outlet).
    pub publisher: String,
    /// Who said it, if quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Title of the piece.
    #[serde(default)]
    pub title: String,
    /// Publication date.
    pub date: NaiveDate,
    /// Where it can be read (may be empty).
    #[serde(default)]
    pub url: String,
}

/// A claim about armed conflicts, as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Stable identifier.
    pub id: String,
    /// The statement, verbatim.
    pub text: String,
    /// When it was made.
    pub date: NaiveDate,
    /// The year "today" refers to; default: the year before `date` (the latest full calendar
    /// year, the last a yearly dataset can cover).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_year: Option<i32>,
    /// Where it was published.
    pub source: Source,
    /// "more than 130".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<LevelPart>,
    /// "twice as many as 15 years ago", …
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratios: Vec<RatioPart>,
    /// "rising exponentially".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<ShapePart>,
}

const SEED_FILE: &str = "embedded:reference/claims/icrc-2026-03-06.toml";
const SEED: &str = include_str!("../../../../data/reference/claims/icrc-2026-03-06.toml");

impl Claim {
    /// The seed claim: the ICRC President's sentence of 2026-03-06 (Qazinform), shipped as
    /// `data/reference/claims/icrc-2026-03-06.toml`.
    ///
    /// ```
    /// use conflictstats::claim::{Claim, Qualifier};
    ///
    /// let c = Claim::seed()?;
    /// assert_eq!(c.reference_year(), 2025);
    /// assert_eq!(c.level.as_ref().unwrap().figure().to_string(), "more than 130");
    /// assert_eq!(c.ratios[1].qualifier, Qualifier::JustUnder);
    /// assert_eq!(c.ratios[1].figure().to_string(), "just under 4 (3.6 to under 4)");
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    pub fn seed() -> Result<Claim> {
        Claim::from_toml(SEED_FILE, SEED)
    }

    /// The year "today" refers to.
    #[must_use]
    pub fn reference_year(&self) -> i32 {
        self.reference_year.unwrap_or(self.date.year() - 1)
    }

    /// Reads a claim from TOML text (`file` names it in errors).
    pub fn from_toml(file: &str, text: &str) -> Result<Claim> {
        let claim: Claim = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            Error::ClaimFile {
                file: file.to_string(),
                line,
                column,
                message: e.message().trim().to_string(),
            }
        })?;
        claim.validated(file)
    }

    /// Reads a claim from JSON text (`file` names it in errors).
    pub fn from_json(file: &str, text: &str) -> Result<Claim> {
        let claim: Claim = serde_json::from_str(text).map_err(|e| Error::ClaimFile {
            file: file.to_string(),
            line: e.line() as u64,
            column: e.column() as u64,
            message: e.to_string(),
        })?;
        claim.validated(file)
    }

    /// Reads a claim file: JSON if it ends in `.json`, TOML otherwise.
    pub fn from_path(path: &std::path::Path) -> Result<Claim> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            file: file.clone(),
            source,
        })?;
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Claim::from_json(&file, &text)
        } else {
            Claim::from_toml(&file, &text)
        }
    }

    /// The claim as TOML.
    #[must_use]
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    fn validated(self, file: &str) -> Result<Claim> {
        let bad = |message: String| Error::ClaimFile {
            file: file.to_string(),
            line: 0,
            column: 0,
            message,
        };
        let figures = self
            .level
            .iter()
            .map(|l| ("level", l.figure()))
            .chain(self.ratios.iter().map(|r| ("ratio", r.figure())));
        for (what, f) in figures {
            if !(f.value.is_finite() && f.value > 0.0) {
                return Err(bad(format!("a {what} must be a positive number")));
            }
            if !(0.0..1.0).contains(&f.tolerance) {
                return Err(bad(format!(
                    "a {what}'s tolerance is relative: between 0 and 1 (0.10 = 10 %), found {}",
                    f.tolerance
                )));
            }
        }
        if let Some(r) = self.ratios.iter().find(|r| r.horizon < 2) {
            return Err(bad(format!(
                "a ratio's horizon must be at least 2 years (the base year is shifted by one), found {}",
                r.horizon
            )));
        }
        if self.level.is_none() && self.ratios.is_empty() && self.shape.is_none() {
            return Err(bad("the claim has no level, ratio or shape to check".into()));
        }
        Ok(self)
    }
}

/// 1-based line and column of byte `at` in `text`.
fn line_column(text: &str, at: usize) -> (u64, u64) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u64, col as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_round_trips_through_toml_and_json() {
        let c = Claim::seed().unwrap();
        assert!(c.text.contains(
            "Today we count more than 130 armed conflicts worldwide. This is twice as many as 15 years ago and almost four times as many as 30 years ago."
        ));
        assert_eq!(c.source.date, NaiveDate::from_ymd_opt(2026, 3, 6).unwrap());
        assert_eq!(Claim::from_toml("t", &c.to_toml()).unwrap(), c);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(Claim::from_json("j", &json).unwrap(), c);
    }

    #[test]
    fn qualifier_bounds() {
        let about = Figure::new(Qualifier::About, 2.0);
        assert!(about.accepts(1.8) && about.accepts(2.2) && !about.accepts(1.79));
        let more = Figure::new(Qualifier::MoreThan, 130.0);
        assert!(more.accepts(131.0) && !more.accepts(130.0));
        let fewer = Figure::new(Qualifier::FewerThan, 10.0);
        assert!(fewer.accepts(9.0) && !fewer.accepts(10.0));
        assert!((more.distance(65.0).unwrap() - 2f64.ln()).abs() < 1e-12);
        assert_eq!(more.distance(0.0), None);
        let under = Figure {
            tolerance: 0.05,
            ..Figure::new(Qualifier::JustUnder, 4.0)
        };
        assert!(under.accepts(3.8) && !under.accepts(3.79));
        assert!((under.distance(4.4).unwrap() - 1.1f64.ln()).abs() < 1e-12);
        for (q, k, ..) in QUALIFIERS {
            assert_eq!(Qualifier::from_key(k), Some(*q));
        }
    }

    #[test]
    fn bad_claim_files_name_line_and_column() {
        let text = "id = \"x\"\ntext = \"t\"\ndate = \"2026-01-01\"\n[source]\npublisher = \"p\"\ndate = \"2026-01-01\"\n[level]\nsaid = \"s\"\nqualifier = \"roughly\"\nvalue = 3\n";
        let err = Claim::from_toml("c.toml", text).unwrap_err();
        assert!(matches!(err, Error::ClaimFile { line: 9, .. }), "{err}");
        assert!(
            err.to_string().starts_with("c.toml: line 9, column"),
            "{err}"
        );
        let neg = text
            .replace("\"roughly\"", "\"about\"")
            .replace("3\n", "-3\n");
        assert!(Claim::from_toml("c.toml", &neg).is_err());
        let json_err = Claim::from_json("c.json", "{\"id\": 1}").unwrap_err();
        assert!(matches!(json_err, Error::ClaimFile { line: 1, .. }));
    }
}
