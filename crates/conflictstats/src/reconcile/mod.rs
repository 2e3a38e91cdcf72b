//! Reconciliation: why the same world gives "61 conflicts" (UCDP) and "around 130" (ICRC).
//!
//! The figures count different things. UCDP counts *conflicts* — incompatibilities, however
//! many armed groups fight the government over them — and only in years with at least 25
//! battle-related deaths. The ICRC and RULAC count armed conflicts in the sense of
//! international humanitarian law: each legal relationship between a state and an armed group
//! (or between states, or between armed groups) is its own conflict, and it lasts until a
//! general close of military operations, not until a quiet year.
//!
//! [`reconcile`] tabulates, for one year and 15 and 30 years earlier, the count under every
//! [`CountUnit`] — `legal_relationship` at several persistence settings — next to the published
//! figures stored in `data/reference/published_figures.csv` (with their sources), and ranks
//! which unit and setting comes closest to each published statement. A unit whose data do not
//! cover a year shows a missing value with the reason, never 0.
//!
//! ```
//! use conflictstats::data::Sources;
//! use conflictstats::reconcile::{reconcile_in, ReconcileOptions};
//!
//! let r = reconcile_in(&Sources::embedded(Some("25.1")), &ReconcileOptions::new(2024))?;
//! let legal0 = r.rows.iter().find(|m| m.label == "legal_relationship p=0").unwrap();
//! assert_eq!(legal0.values[2].count(), Some(68 + 74)); // 2024: dyads + non-state conflicts
//! // Every v25.1 unit covers 2024: no unit lacks a figure for a statement about 2024.
//! let about_2024 = r.comparisons.iter().filter(|c| c.figure.year == 2024);
//! assert!(about_2024.clone().all(|c| c.unavailable.is_empty()));
//! assert!(about_2024.flat_map(|c| &c.candidates).all(|c| c.year_used == 2024));
//! let text = r.to_string();
//! assert!(text.contains("APPROXIMATION of the ICRC/RULAC unit"));
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::count::{self, Datasets, Sources};
use crate::data::table::{self, Row, Schema};
use crate::data::{self, Provenance};
use crate::error::{Error, Result};
use crate::{CountSpec, CountUnit};
use serde::Serialize;
mod display;
mod subset;

pub use crate::claim::Qualifier;
use crate::claim::{self, Figure};
pub use subset::subset_filters;

/// What a published figure states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StatementKind {
    /// A number of conflicts in the year.
    Level,
    /// The number in the year divided by the number `horizon` years earlier.
    Ratio {
        /// Years back.
        horizon: u32,
    },
}

/// A published figure with its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PublishedFigure {
    /// Stable identifier, e.g. `icrc-doubled-15y`.
    pub id: String,
    /// Who published it.
    pub publisher: String,
    /// Who said it, if a person is quoted (may be empty).
    pub speaker: String,
    /// The statement, verbatim where the source was read.
    pub statement: String,
    /// The words of the part this row records (e.g. `more than 130 armed conflicts`).
    pub part: String,
    /// When it was published (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub date: String,
    /// Level or ratio.
    pub kind: StatementKind,
    /// Exactly / about / more than / fewer than / just under.
    pub qualifier: Qualifier,
    /// The number.
    pub figure: f64,
    /// The year it refers to.
    pub year: i32,
    /// The dated series the figure belongs to (`armed_conflicts`, `niac`; empty if none).
    pub series: String,
    /// What the publisher counts.
    pub counts: String,
    /// Citation.
    pub source: String,
    /// Where it was read (may be empty).
    pub url: String,
    /// How it was checked, or that it was not.
    pub verified: String,
    /// The subset of state-based conflicts the figure counts (`intensity=war`,
    /// `type=interstate`), or `None` for all of a unit's count: a subset figure is compared with
    /// UCDP conflicts counted with that filter only ([`subset_filters`]).
    pub subset: Option<String>,
}

const COLUMNS: &[&str] = &[
    "id",
    "publisher",
    "speaker",
    "statement",
    "part",
    "date",
    "kind",
    "qualifier",
    "figure",
    "year",
    "horizon",
    "series",
    "counts",
    "source",
    "url",
    "verified",
    "subset",
];

static SCHEMA: Schema = Schema {
    dataset: "published reference figures",
    columns: COLUMNS,
    aliases: &[],
};

const REFERENCE_FILE: &str = "embedded:reference/published_figures.csv";
const REFERENCE: &[u8] = include_bytes!("../../../../data/reference/published_figures.csv");

/// The published figures shipped with the library.
pub fn published_figures() -> Result<Vec<PublishedFigure>> {
    published_figures_from_bytes(REFERENCE_FILE, REFERENCE)
}

/// Reads published figures in the shipped CSV layout (see `data/reference/SOURCE.md`).
pub fn published_figures_from_bytes(file: &str, bytes: &[u8]) -> Result<Vec<PublishedFigure>> {
    let mut out: Vec<PublishedFigure> = Vec::new();
    let mut lines: Vec<(String, u64)> = Vec::new();
    table::read(file, bytes, &SCHEMA, |row| {
        let fig = figure_row(row)?;
        if let Some((_, first_line)) = lines.iter().find(|(id, _)| *id == fig.id) {
            return Err(Error::DuplicateRecord {
                file: file.to_string(),
                line: row.line(),
                first_line: *first_line,
                key: format!("published figure id `{}`", fig.id),
            });
        }
        lines.push((fig.id.clone(), row.line()));
        out.push(fig);
        Ok(())
    })?;
    Ok(out)
}

fn figure_row(row: &Row<'_>) -> Result<PublishedFigure> {
    let kind = match row.str(6).trim() {
        "level" => StatementKind::Level,
        "ratio" => StatementKind::Ratio {
            horizon: row.num(10, "a number of years (for a ratio)")?,
        },
        _ => return Err(row.invalid(6, "level or ratio")),
    };
    let qualifier = Qualifier::from_key(row.str(7))
        .ok_or_else(|| row.invalid(7, "exactly, about, more_than, fewer_than or just_under"))?;
    let figure: f64 = row.num(8, "a positive number")?;
    if !(figure.is_finite() && figure > 0.0) {
        return Err(row.invalid(8, "a positive number"));
    }
    let id = row.string(0);
    if id.trim().is_empty() {
        return Err(row.invalid(0, "an identifier"));
    }
    let date = row.string(5);
    if !is_date(date.trim()) {
        return Err(row.invalid(5, "a date: YYYY-MM-DD, YYYY-MM or YYYY"));
    }
    Ok(PublishedFigure {
        id,
        publisher: row.string(1),
        speaker: row.string(2),
        statement: row.string(3),
        part: row.string(4),
        date,
        kind,
        qualifier,
        figure,
        year: row.num(9, "a year")?,
        series: row.string(11),
        counts: row.string(12),
        source: row.string(13),
        url: row.string(14),
        verified: row.string(15),
        subset: subset_of(row)?,
    })
}

/// The `subset` column: empty, or a `dimension=group` [`subset_filters`] accepts.
fn subset_of(row: &Row<'_>) -> Result<Option<String>> {
    let s = row.str(16).trim();
    if s.is_empty() {
        return Ok(None);
    }
    subset_filters(s)
        .map_err(|_| row.invalid(16, "empty, or dimension=group such as intensity=war"))?;
    Ok(Some(s.to_string()))
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real calendar date).
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| p.len() == len && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [..] => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
    }
}

impl PublishedFigure {
    /// The qualified figure (default tolerances: ±10 % for `about`, 10 % below for
    /// `just_under`).
    #[must_use]
    pub fn qualified(&self) -> Figure {
        Figure::new(self.qualifier, self.figure)
    }
}

/// What to tabulate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReconcileOptions {
    /// The year of interest.
    pub year: i32,
    /// Years back for the earlier columns (default 15 and 30).
    pub horizons: Vec<u32>,
    /// Persistence settings for `legal_relationship` (default
    /// [`DEFAULT_PERSISTENCES`](crate::count::DEFAULT_PERSISTENCES): 0–5).
    pub persistences: Vec<u32>,
}

impl ReconcileOptions {
    /// Defaults for `year`: horizons 15 and 30, persistence 0–5.
    #[must_use]
    pub fn new(year: i32) -> ReconcileOptions {
        ReconcileOptions {
            year,
            horizons: vec![15, 30],
            persistences: crate::count::DEFAULT_PERSISTENCES.to_vec(),
        }
    }
}

/// A count, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cell {
    /// The count.
    Count(u32),
    /// Not available, with the reason.
    Missing(String),
}

impl Cell {
    /// The count, if any.
    #[must_use]
    pub fn count(&self) -> Option<u32> {
        match self {
            Cell::Count(c) => Some(*c),
            Cell::Missing(_) => None,
        }
    }
}

/// One unit (and persistence) across the reconciliation's years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    /// Label: the unit key, plus ` p=N` for `legal_relationship`.
    pub label: String,
    /// The unit.
    pub unit: CountUnit,
    /// Persistence (legal_relationship only).
    pub persistence: Option<u32>,
    /// The unit's definition.
    pub definition: &'static str,
    /// The unit's caveat, if any (legal_relationship: an approximation).
    pub caveat: Option<&'static str>,
    /// The datasets read, as labels.
    pub datasets: Vec<String>,
    /// First and last year the unit can be counted for.
    pub coverage: (i32, i32),
    /// One cell per year of [`Reconciliation::years`].
    pub values: Vec<Cell>,
    /// `values[last] / values[i]` for each earlier year (same order as `years`, the last is
    /// 1.0), when both are counts and the earlier one is not 0.
    pub ratios: Vec<Option<f64>>,
    /// The whole series over `coverage`, for the comparisons.
    #[serde(skip)]
    series: Vec<(i32, u32)>,
}

impl Measure {
    fn at(&self, year: i32) -> Option<u32> {
        self.series
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, c)| *c)
    }
}

/// How close one measure comes to a published figure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// The measure's label.
    pub label: String,
    /// The value compared (a count, or a ratio).
    pub value: f64,
    /// The year used: the statement's year (a unit whose data end earlier is not a
    /// candidate: no year stands in for another).
    pub year_used: i32,
    /// `|ln(value / figure)|`: 0 is a perfect match; 0.1 is about 10 % off.
    pub distance: f64,
    /// Whether the value meets the statement's qualifier.
    pub met: bool,
}

/// A published figure and the measures ranked by closeness.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The figure.
    pub figure: PublishedFigure,
    /// Candidates, closest first (ties broken by label).
    pub candidates: Vec<Candidate>,
    /// Why the other units have no figure for the statement's year (e.g. "needs release 26.1
    /// (not available; …)"), with the units.
    pub unavailable: Vec<(String, Vec<String>)>,
}

/// The reconciliation table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reconciliation {
    /// The options used.
    pub options: ReconcileOptions,
    /// The years tabulated, ascending (e.g. 1994, 2009, 2024).
    pub years: Vec<i32>,
    /// One row per unit and persistence.
    pub rows: Vec<Measure>,
    /// One comparison per published figure.
    pub comparisons: Vec<Comparison>,
    /// Every dataset read.
    pub datasets: Vec<Provenance>,
}

/// One cell of a [`Reconciliation`] in long form — the rows of the CLI's CSV and JSON and of
/// Python's `cs.reconcile`: a count, or `None` with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LongRow {
    /// The counting unit.
    pub unit: CountUnit,
    /// The persistence (`legal_relationship` only).
    pub persistence: Option<u32>,
    /// The year.
    pub year: i32,
    /// The count, if the unit's data cover the year.
    pub count: Option<u32>,
    /// Why there is no count.
    pub missing_reason: Option<String>,
}

impl Reconciliation {
    /// [`Reconciliation::long_rows`] as a frame with one schema whatever the cells hold
    /// (`missing_reason` is `String` even when no cell misses its count): `unit`,
    /// `missing_reason` String; `persistence`, `year`, `count` Int64.
    ///
    /// # Errors
    /// Only if the frame cannot be built (a bug).
    #[cfg(feature = "polars")]
    pub fn long_rows_frame(&self) -> Result<polars::prelude::DataFrame> {
        use polars::prelude::DataType;
        let dtypes = [
            ("unit", DataType::String),
            ("persistence", DataType::Int64),
            ("year", DataType::Int64),
            ("count", DataType::Int64),
            ("missing_reason", DataType::String),
        ];
        crate::tables::records_frame_typed(&self.long_rows(), &dtypes)
    }

    /// Every unit × persistence × year cell, in table order.
    #[must_use]
    pub fn long_rows(&self) -> Vec<LongRow> {
        let mut rows = Vec::new();
        for m in &self.rows {
            for (y, c) in self.years.iter().zip(&m.values) {
                rows.push(LongRow {
                    unit: m.unit,
                    persistence: m.persistence,
                    year: *y,
                    count: c.count(),
                    missing_reason: match c {
                        Cell::Missing(why) => Some(why.clone()),
                        Cell::Count(_) => None,
                    },
                });
            }
        }
        rows
    }
}

/// Tabulates the reconciliation on the given datasets (all four should be loaded; a unit whose
/// dataset is missing is an error).
///
/// # Errors
/// [`Error::InvalidSpec`] if no unit's data cover `options.year` (e.g. 1800, 2025, 3000 on
/// the embedded data): a table of missing values would answer nothing. Years that only some
/// units cover give those units a missing cell with the reason, never 0.
pub fn reconcile(sources: &Sources<'_>, options: &ReconcileOptions) -> Result<Reconciliation> {
    check_year_covered(sources, options.year)?;
    let mut years: Vec<i32> = options
        .horizons
        .iter()
        .map(|h| {
            i32::try_from(*h)
                .map(|h| options.year - h)
                .map_err(|_| Error::spec("horizon too large"))
        })
        .collect::<Result<_>>()?;
    years.push(options.year);
    years.sort_unstable();
    years.dedup();
    let mut specs: Vec<CountSpec> = CountUnit::ALL
        .iter()
        .filter(|u| **u != CountUnit::LegalRelationship)
        .map(|u| CountSpec::new(*u))
        .collect();
    let mut ps = options.persistences.clone();
    ps.sort_unstable();
    ps.dedup();
    specs.extend(
        ps.iter()
            .map(|p| CountSpec::new(CountUnit::LegalRelationship).persistence(*p)),
    );
    let mut datasets: Vec<Provenance> = Vec::new();
    let rows = specs
        .iter()
        .map(|spec| measure(sources, spec, None, &years, &mut datasets))
        .collect::<Result<Vec<Measure>>>()?;
    let comparisons = published_figures()?
        .into_iter()
        .map(|figure| match &figure.subset {
            None => Ok(compare(figure, &rows)),
            Some(subset) => {
                let spec = CountSpec::new(CountUnit::Conflict).filters(subset_filters(subset)?);
                let m = measure(sources, &spec, Some(subset), &years, &mut datasets)?;
                Ok(compare(figure, std::slice::from_ref(&m)))
            }
        })
        .collect::<Result<Vec<Comparison>>>()?;
    Ok(Reconciliation {
        options: options.clone(),
        years,
        rows,
        comparisons,
        datasets,
    })
}

/// One unit (`subset`: filtered to a subset of conflicts) over `years`, with its whole series;
/// the datasets it read are added to `datasets`.
fn measure(
    sources: &Sources<'_>,
    spec: &CountSpec,
    subset: Option<&str>,
    years: &[i32],
    datasets: &mut Vec<Provenance>,
) -> Result<Measure> {
    let table = count::count_in(sources, spec)?;
    let coverage = count::coverage(sources, spec)?;
    let provs: Vec<&Provenance> = std::iter::once(&table.dataset)
        .chain(&table.other_datasets)
        .collect();
    for p in &provs {
        if !datasets.iter().any(|d| d.sha256 == p.sha256) {
            datasets.push((*p).clone());
        }
    }
    let labels: Vec<String> = provs.iter().map(|p| p.label()).collect();
    let series: Vec<(i32, u32)> = table.rows.iter().map(|r| (r.year, r.count)).collect();
    let values: Vec<Cell> = years
        .iter()
        .map(|y| match series.iter().find(|(yy, _)| yy == y) {
            Some((_, c)) => Cell::Count(*c),
            None => Cell::Missing(missing_reason(spec, coverage, &labels, *y)),
        })
        .collect();
    let last = values.last().and_then(Cell::count);
    let ratios = values
        .iter()
        .map(|c| match (last, c.count()) {
            (Some(l), Some(e)) if e > 0 => Some(f64::from(l) / f64::from(e)),
            _ => None,
        })
        .collect();
    let legal = spec.unit == CountUnit::LegalRelationship;
    let label = match subset {
        Some(s) => format!("{} [{s}]", spec.unit),
        None if legal => format!("{} p={}", spec.unit, spec.persistence),
        None => spec.unit.key().to_string(),
    };
    Ok(Measure {
        label,
        unit: spec.unit,
        persistence: legal.then_some(spec.persistence),
        definition: spec.unit.definition(),
        caveat: spec.unit.caveat(),
        datasets: labels,
        coverage,
        values,
        ratios,
        series,
    })
}

/// [`reconcile`] on the embedded default releases: ACD v26.1 (to 2025) and Dyadic, Non-State
/// and One-sided v25.1 (to 2024); the units of the latter have no 2025 figure ("needs release
/// 26.1 of …"), never a zero.
pub fn reconcile_embedded(options: &ReconcileOptions) -> Result<Reconciliation> {
    reconcile_in(&data::Sources::embedded(None), options)
}

/// [`reconcile`] on the datasets `sources` resolve (embedded releases or files).
pub fn reconcile_in(sources: &data::Sources, options: &ReconcileOptions) -> Result<Reconciliation> {
    let data = Datasets::load_for(CountUnit::ALL, sources)?;
    reconcile(&data.sources(), options)
}

/// The first and last year some unit's data cover.
fn units_span(sources: &Sources<'_>) -> Result<Option<(i32, i32)>> {
    let mut span: Option<(i32, i32)> = None;
    for unit in CountUnit::ALL {
        let (f, l) = count::coverage(sources, &CountSpec::new(*unit))?;
        span = Some(span.map_or((f, l), |(a, b)| (a.min(f), b.max(l))));
    }
    Ok(span)
}

/// The latest year some unit's data cover: the default year of a reconciliation (2025 on the
/// embedded defaults, where ACD v26.1 reaches 2025; 2024 on release 25.1).
pub fn latest_year(sources: &Sources<'_>) -> Result<i32> {
    units_span(sources)?
        .map(|(_, last)| last)
        .ok_or_else(|| Error::spec("no unit's data are loaded"))
}

/// The rule of [`reconcile`]: some unit's data must cover `year`.
fn check_year_covered(sources: &Sources<'_>, year: i32) -> Result<()> {
    let span = units_span(sources)?;
    crate::coverage::check_year(Some(year), span, "the data of every unit").map(|_| ())
}

fn missing_reason(
    spec: &CountSpec,
    (first, last): (i32, i32),
    labels: &[String],
    y: i32,
) -> String {
    let data = labels.join(" + ");
    if y > last {
        return claim::Missing::needs_release_for(y, spec.unit.datasets()).to_string();
    }
    if spec.unit == CountUnit::LegalRelationship && y < first && spec.persistence > 0 {
        format!(
            "{y} not covered: with persistence {} a year needs the {} years before it, and the data begin {} ({data})",
            spec.persistence,
            spec.persistence,
            first - i32::try_from(spec.persistence).unwrap_or(0)
        )
    } else {
        format!("{y} not covered: the data ({data}) cover {first}–{last}")
    }
}

/// A measure's figure for a published statement: the count in the statement's year, or its
/// ratio to `horizon` years earlier by [`claim::ratio_at`] (the claim evaluation's own
/// comparison). A year the data do not cover is a reason, never a stand-in year.
fn figure_of(
    m: &Measure,
    figure: &PublishedFigure,
) -> std::result::Result<Option<f64>, claim::Missing> {
    let y = figure.year;
    let base = match figure.kind {
        StatementKind::Level => None,
        StatementKind::Ratio { horizon } => Some(y - i32::try_from(horizon).unwrap_or(i32::MAX)),
    };
    let (first, last) = m.coverage;
    if y > last {
        return Err(claim::Missing::needs_release_for(y, m.unit.datasets()));
    }
    if y < first || base.is_some_and(|b| b < first) {
        return Err(claim::Missing::NotCovered {
            reason: format!("not covered: the data cover {first}–{last}"),
        });
    }
    let (years, counts): (Vec<i32>, Vec<f64>) =
        m.series.iter().map(|(y, c)| (*y, f64::from(*c))).unzip();
    match base {
        None => Ok(m.at(y).map(f64::from)),
        Some(b) => claim::ratio_at(&years, &counts, y, &[b])
            .map(|h| h.ratio)
            .map_err(|e| claim::Missing::NotCovered {
                reason: e.to_string(),
            }),
    }
}

fn compare(figure: PublishedFigure, rows: &[Measure]) -> Comparison {
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut missing: Vec<(claim::Missing, Vec<String>)> = Vec::new();
    for m in rows {
        match figure_of(m, &figure) {
            Ok(Some(value)) => candidates.push(Candidate {
                label: m.label.clone(),
                value,
                year_used: figure.year,
                distance: (value / figure.figure).ln().abs(),
                met: figure.qualified().accepts(value),
            }),
            Ok(None) => {}
            Err(why) => merge_missing(&mut missing, why, &m.label),
        }
    }
    candidates.sort_by(|a, b| {
        a.distance
            .total_cmp(&b.distance)
            .then_with(|| a.label.cmp(&b.label))
    });
    Comparison {
        figure,
        candidates,
        unavailable: missing
            .into_iter()
            .map(|(m, units)| (m.to_string(), units))
            .collect(),
    }
}

/// Adds `unit`'s reason to `missing`, one entry per release needed (its datasets merged) or
/// per other reason.
fn merge_missing(
    missing: &mut Vec<(claim::Missing, Vec<String>)>,
    why: claim::Missing,
    unit: &str,
) {
    use claim::Missing::NeedsRelease;
    // One entry per release needed and whether it is here (an available release's units and
    // those whose datasets lack it are told apart).
    let same = |a: &claim::Missing| match (a, &why) {
        (
            NeedsRelease {
                release: r1,
                available: a1,
                ..
            },
            NeedsRelease {
                release: r2,
                available: a2,
                ..
            },
        ) => r1 == r2 && a1 == a2,
        (a, b) => a == b,
    };
    match missing.iter_mut().find(|(m, _)| same(m)) {
        Some((m, units)) => {
            if let (NeedsRelease { datasets, .. }, NeedsRelease { datasets: more, .. }) = (m, &why)
            {
                for d in more {
                    if !datasets.contains(d) {
                        datasets.push(d.clone());
                    }
                }
                datasets.sort_unstable();
            }
            units.push(unit.to_string());
        }
        None => missing.push((why, vec![unit.to_string()])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_figures_parse_and_ids_are_unique() {
        let figs = published_figures().unwrap();
        assert!(figs.iter().any(|f| f.id == "ucdp-2024" && f.figure == 61.0));
        assert!(
            figs.iter()
                .any(|f| f.kind == StatementKind::Ratio { horizon: 15 })
        );
        let head = "id,publisher,speaker,statement,part,date,kind,qualifier,figure,year,horizon,series,counts,source,url,verified,subset\n";
        let dup = format!(
            "{head}a,p,,s,s,2020,level,about,1,2020,,,c,s,u,v,\na,p,,s,s,2020,level,about,1,2020,,,c,s,u,v,\n"
        );
        assert!(matches!(
            published_figures_from_bytes("f.csv", dup.as_bytes()),
            Err(Error::DuplicateRecord { line: 3, .. })
        ));
        let bad = format!("{head}a,p,,s,s,2020,level,about,2,2020,,,c,s,u,v,intensity=huge\n");
        let err = published_figures_from_bytes("f.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(err.column(), Some("subset"));
        let bad = format!("{head}a,p,,s,s,2020,ratio,about,2,2020,,,c,s,u,v,\n");
        let err = published_figures_from_bytes("f.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(err.column(), Some("horizon"));
        let bad = format!("{head}a,p,,s,s,2020-13,level,about,2,2020,,,c,s,u,v,\n");
        let err = published_figures_from_bytes("f.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(err.column(), Some("date"));
    }

    #[test]
    fn a_year_no_unit_covers_is_an_error_not_a_table_of_dashes() {
        // Embedded release 25.1 of every dataset, pinned (1946–2024).
        let v25 = data::Sources::embedded(Some("25.1"));
        for year in [1800, 1945, 2025, 3000] {
            let err = reconcile_in(&v25, &ReconcileOptions::new(year)).unwrap_err();
            assert!(
                err.to_string().contains("outside the data's coverage"),
                "{year}: {err}"
            );
        }
        assert!(reconcile_in(&v25, &ReconcileOptions::new(2024)).is_ok());
        // The defaults (ACD v26.1 to 2025, the others v25.1 to 2024) answer 2025 for the ACD
        // units and say what the others need; 2026 is covered by nothing.
        let err = reconcile_embedded(&ReconcileOptions::new(2026)).unwrap_err();
        assert!(
            err.to_string().contains("outside the data's coverage"),
            "{err}"
        );
    }

    #[test]
    fn qualifiers() {
        let met = |q, v, f| Figure::new(q, f).accepts(v);
        assert!(met(Qualifier::MoreThan, 131.0, 130.0));
        assert!(!met(Qualifier::MoreThan, 130.0, 130.0));
        assert!(met(Qualifier::About, 117.0, 130.0));
        assert!(met(Qualifier::About, 143.0, 130.0)); // exactly +10 %
        assert!(!met(Qualifier::About, 116.0, 130.0));
        assert!(met(Qualifier::Exactly, 61.0, 61.0));
        assert!(met(Qualifier::JustUnder, 3.7, 4.0) && !met(Qualifier::JustUnder, 4.0, 4.0));
    }

    #[test]
    fn the_seed_sentence_is_recorded_verbatim_with_its_source() {
        let figs = published_figures().unwrap();
        let seed: Vec<&PublishedFigure> = figs.iter().filter(|f| f.date == "2026-03-06").collect();
        assert_eq!(seed.len(), 3);
        for f in &seed {
            assert!(
                f.statement
                    .starts_with("Today we count more than 130 armed conflicts")
            );
            assert!(f.source.starts_with("Qazinform") && f.speaker.contains("Spoljaric"));
            assert_eq!(f.year, 2025);
        }
        assert_eq!(seed[1].qualifier, Qualifier::About);
        assert_eq!(seed[2].qualifier, Qualifier::JustUnder);
        assert!(figs.iter().all(|f| !f.source.contains("issue")));
    }
}
