//! The DataFrame boundary (feature `polars`): results and datasets as polars `DataFrame`s, and
//! user-built `DataFrame`s back into typed, validated records.
//!
//! This is what the Python bindings hand to `import conflictstats as cs`. Nothing here computes
//! a figure: counts come from [`count()`](crate::count()), records from the strict loaders.
//!
//! | value | DataFrame |
//! |---|---|
//! | [`CountTable`] | `year` (Int32), the grouping column if any (String, `snake_case` key), the count (Int64) named after what it counts ([`CountUnit::column`](crate::CountUnit::column): `conflicts`, `countries`, …) |
//! | [`Acd`] | the 28 ACD columns in UCDP's order and spelling, typed (see [`acd_schema`]) |
//! | [`TrendReport`] | the fitted window: `year`, `count`, the fitted trend and its 95 % band (see [`TrendReport::to_dataframe`]) |
//! | [`ClaimCheck`] | one row per part of each reading ([`ClaimCheck::readings_dataframe`]); each unit's series indexed to a ratio part's base year ([`ClaimCheck::indexed_dataframe`]) |
//!
//! ACD columns are typed as the model types them: ids `UInt32`, UCDP codes and G&W codes
//! `Int32`, the 0/1 flags `Boolean`, dates `Date`, multi-valued fields (`"651, 666"` in the
//! CSV) as lists, text verbatim (padding and embedded newlines kept).
//!
//! [`Acd::from_dataframe`] goes the other way for a frame a user loaded and filtered: it writes
//! the rows in UCDP's CSV layout and reads them back with the same strict loader as a file, so
//! a frame passes exactly the checks a file passes (codes, G&W ranges, date order, one version,
//! unique conflict-years). Errors name the row (`line` is the 1-based row number, `file` is
//! `<DataFrame>`).
//!
//! ```
//! use conflictstats::{count, data::Acd, CountSpec, CountUnit, Dimension};
//!
//! let acd = Acd::embedded(Some("25.1"))?; // UCDP/PRIO ACD v25.1
//! let df = acd.to_dataframe()?;
//! assert_eq!(df.shape(), (2752, 28));
//!
//! // A frame filtered by the user is validated and counted like a file.
//! let back = Acd::from_dataframe(&df.head(Some(100)), "<DataFrame>")?;
//! assert_eq!(back.records[..], acd.records[..100]);
//!
//! let t = count(&acd, &CountSpec::new(CountUnit::Conflict).by(Dimension::Intensity))?;
//! let counts = t.to_dataframe()?;
//! assert_eq!(counts.get_column_names(), ["year", "intensity", "conflicts"]);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::claim::{CheckRow, ClaimCheck};
use crate::count::CountTable;
use crate::data::{Acd, Provenance, ReleaseStatus, registry};
use crate::error::{Error, Result};
use crate::model::ConflictYear;
use crate::trend::{FittedPoint, TrendReport};
use chrono::NaiveDate;
use polars::prelude::*;

/// Label used as `file` in errors about a DataFrame (their place is a row index).
pub use crate::error::DATAFRAME_LABEL;

/// Days from 0001-01-01 (chrono's day 1 of the common era) to 1970-01-01 (polars' day 0).
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// The ACD's columns with the dtypes [`Acd::to_dataframe`] produces and
/// [`Acd::from_dataframe`] expects.
#[must_use]
pub fn acd_schema() -> Vec<(&'static str, DataType)> {
    let list = |t: DataType| DataType::List(Box::new(t));
    vec![
        ("conflict_id", DataType::UInt32),
        ("location", DataType::String),
        ("side_a", DataType::String),
        ("side_a_id", list(DataType::UInt32)),
        ("side_a_2nd", DataType::String),
        ("side_b", DataType::String),
        ("side_b_id", list(DataType::UInt32)),
        ("side_b_2nd", DataType::String),
        ("incompatibility", DataType::Int32),
        ("territory_name", DataType::String),
        ("year", DataType::Int32),
        ("intensity_level", DataType::Int32),
        ("cumulative_intensity", DataType::Boolean),
        ("type_of_conflict", DataType::Int32),
        ("start_date", DataType::Date),
        ("start_prec", DataType::Int32),
        ("start_date2", DataType::Date),
        ("start_prec2", DataType::Int32),
        ("ep_end", DataType::Boolean),
        ("ep_end_date", DataType::Date),
        ("ep_end_prec", DataType::Int32),
        ("gwno_a", list(DataType::Int32)),
        ("gwno_a_2nd", list(DataType::Int32)),
        ("gwno_b", list(DataType::Int32)),
        ("gwno_b_2nd", list(DataType::Int32)),
        ("gwno_loc", list(DataType::Int32)),
        ("region", list(DataType::Int32)),
        ("version", DataType::String),
    ]
}

/// The `snake_case` key a unit-variant enum serialises to (`"latest_common"`, `"holds"`):
/// the spelling of enums in frames, JSON and the Python bindings alike.
pub fn serde_key<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn polars_err(e: &PolarsError) -> Error {
    Error::spec(format!("DataFrame conversion failed: {e}"))
}

fn days(d: NaiveDate) -> i32 {
    d.num_days_from_ce() - EPOCH_DAYS_FROM_CE
}

use chrono::Datelike as _;

impl CountTable {
    /// The table as a DataFrame: `year`, the grouping column (when grouped), and the count
    /// (Int64: signed, so differences never wrap) named after the unit (`conflicts`, …).
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let year: Vec<i32> = self.rows.iter().map(|r| r.year).collect();
        let count: Vec<i64> = self.rows.iter().map(|r| i64::from(r.count)).collect();
        let mut columns = vec![Column::new("year".into(), year)];
        if let Some(by) = self.spec.by {
            let keys: Vec<&str> = self
                .rows
                .iter()
                .map(|r| r.group.map_or("", |g| g.key()))
                .collect();
            columns.push(Column::new(by.key().into(), keys));
        }
        columns.push(Column::new(self.spec.unit.column().into(), count));
        DataFrame::new(self.rows.len(), columns).map_err(|e| polars_err(&e))
    }
}

impl TrendReport {
    /// The fitted window as a DataFrame, one row per year, for plotting and inspection: the
    /// columns of [`FittedPoint`] (`year`, `count`, `fitted`, `fitted_low`, `fitted_high`,
    /// `poisson_fitted`, `linear_fitted`, and the verdict's shape: `shape_fitted`, `shape_low`,
    /// `shape_high`, `prediction_low`, `prediction_high`), computed by [`TrendReport::fitted`].
    ///
    /// ```
    /// use conflictstats::{count, data::Acd, CountSpec, CountUnit};
    /// use conflictstats::trend::{TrendOptions, TrendReport};
    ///
    /// let acd = Acd::embedded(Some("25.1"))?;
    /// let t = count(&acd, &CountSpec::new(CountUnit::Conflict))?;
    /// let r = TrendReport::from_count_table(&t, &TrendOptions::default())?;
    /// let df = r.to_dataframe()?;
    /// assert_eq!(df.height(), 30); // 1995–2024
    /// assert_eq!(df.get_column_names()[..3], ["year", "count", "fitted"]);
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let points = self.fitted()?;
        let col = |name: &str, get: fn(&FittedPoint) -> f64| {
            Column::new(name.into(), points.iter().map(get).collect::<Vec<_>>())
        };
        let columns = vec![
            Column::new(
                "year".into(),
                points.iter().map(|p| p.year).collect::<Vec<_>>(),
            ),
            col("count", |p| p.count),
            col("fitted", |p| p.fitted),
            col("fitted_low", |p| p.fitted_low),
            col("fitted_high", |p| p.fitted_high),
            col("poisson_fitted", |p| p.poisson_fitted),
            Column::new(
                "linear_fitted".into(),
                points.iter().map(|p| p.linear_fitted).collect::<Vec<_>>(),
            ),
            col("shape_fitted", |p| p.shape_fitted),
            Column::new(
                "shape_low".into(),
                points.iter().map(|p| p.shape_low).collect::<Vec<_>>(),
            ),
            Column::new(
                "shape_high".into(),
                points.iter().map(|p| p.shape_high).collect::<Vec<_>>(),
            ),
            col("prediction_low", |p| p.prediction_low),
            col("prediction_high", |p| p.prediction_high),
        ];
        DataFrame::new(points.len(), columns).map_err(|e| polars_err(&e))
    }
}

/// Builds a `List` column from one slice per record.
fn list_column<T, N>(
    name: &str,
    records: &[ConflictYear],
    inner: DataType,
    get: impl Fn(&ConflictYear) -> &[T],
    native: impl Fn(&T) -> N::Native,
) -> Column
where
    N: PolarsNumericType,
{
    let mut builder =
        ListPrimitiveChunkedBuilder::<N>::new(name.into(), records.len(), records.len(), inner);
    let mut buf = Vec::new();
    for r in records {
        buf.clear();
        buf.extend(get(r).iter().map(&native));
        builder.append_slice(&buf);
    }
    builder.finish().into_column()
}

fn str_column(name: &str, records: &[ConflictYear], get: impl Fn(&ConflictYear) -> &str) -> Column {
    Column::new(name.into(), records.iter().map(get).collect::<Vec<&str>>())
}

fn i32_column(name: &str, records: &[ConflictYear], get: impl Fn(&ConflictYear) -> i32) -> Column {
    Column::new(name.into(), records.iter().map(get).collect::<Vec<i32>>())
}

fn bool_column(
    name: &str,
    records: &[ConflictYear],
    get: impl Fn(&ConflictYear) -> bool,
) -> Column {
    Column::new(name.into(), records.iter().map(get).collect::<Vec<bool>>())
}

fn date_column(
    name: &str,
    records: &[ConflictYear],
    get: impl Fn(&ConflictYear) -> Option<NaiveDate>,
) -> Column {
    let phys: Int32Chunked = records.iter().map(|r| get(r).map(days)).collect();
    phys.with_name(name.into())
        .into_date()
        .into_series()
        .into_column()
}

impl Acd {
    /// The conflict-years as a DataFrame with the 28 ACD columns, typed (see [`acd_schema`]).
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let r = &self.records[..];
        let code = |v: u8| i32::from(v);
        let columns = vec![
            Column::new(
                "conflict_id".into(),
                r.iter().map(|x| x.conflict_id.0).collect::<Vec<u32>>(),
            ),
            str_column("location", r, |x| &x.location),
            str_column("side_a", r, |x| &x.side_a),
            list_column::<_, UInt32Type>(
                "side_a_id",
                r,
                DataType::UInt32,
                |x| &x.side_a_id,
                |a| a.0,
            ),
            str_column("side_a_2nd", r, |x| &x.side_a_2nd),
            str_column("side_b", r, |x| &x.side_b),
            list_column::<_, UInt32Type>(
                "side_b_id",
                r,
                DataType::UInt32,
                |x| &x.side_b_id,
                |a| a.0,
            ),
            str_column("side_b_2nd", r, |x| &x.side_b_2nd),
            i32_column("incompatibility", r, |x| code(x.incompatibility.code())),
            str_column("territory_name", r, |x| &x.territory_name),
            i32_column("year", r, |x| x.year),
            i32_column("intensity_level", r, |x| code(x.intensity.code())),
            bool_column("cumulative_intensity", r, |x| x.cumulative_intensity),
            i32_column("type_of_conflict", r, |x| code(x.type_of_conflict.code())),
            date_column("start_date", r, |x| Some(x.start_date)),
            i32_column("start_prec", r, |x| code(x.start_prec.0)),
            date_column("start_date2", r, |x| Some(x.start_date2)),
            i32_column("start_prec2", r, |x| code(x.start_prec2.0)),
            bool_column("ep_end", r, |x| x.ep_end),
            date_column("ep_end_date", r, |x| x.ep_end_date),
            Column::new(
                "ep_end_prec".into(),
                r.iter()
                    .map(|x| x.ep_end_prec.map(|p| code(p.0)))
                    .collect::<Vec<Option<i32>>>(),
            ),
            gw_column("gwno_a", r, |x| &x.gwno_a),
            gw_column("gwno_a_2nd", r, |x| &x.gwno_a_2nd),
            gw_column("gwno_b", r, |x| &x.gwno_b),
            gw_column("gwno_b_2nd", r, |x| &x.gwno_b_2nd),
            gw_column("gwno_loc", r, |x| &x.gwno_loc),
            list_column::<_, Int32Type>(
                "region",
                r,
                DataType::Int32,
                |x| &x.region,
                |g| code(g.code()),
            ),
            str_column("version", r, |x| &x.version),
        ];
        DataFrame::new(r.len(), columns).map_err(|e| polars_err(&e))
    }

    /// Reads conflict-years from a DataFrame with the ACD's columns (as produced by
    /// [`Acd::to_dataframe`], possibly filtered or edited), with the same validation as a
    /// file. Extra columns are ignored; `file` names the frame in errors (`line` is the
    /// 1-based row number; the message says the 0-based row index). A list or date column
    /// may also be text, as a CSV reader that knows no types leaves it (UCDP's `"651, 666"`,
    /// `1997-05-29`): the loader parses it by the same rule as a file's field.
    ///
    /// The provenance says how the frame relates to the release its `version` column names:
    /// identical records → that release (status `Official`, source `file`); otherwise
    /// `Modified` (a subset or an edit: its figures are not the release's) or `Unregistered`.
    ///
    /// # Errors
    /// [`Error::MissingColumn`] for an absent column, [`Error::InvalidSpec`] for a column of
    /// another dtype, and the loader's errors ([`Error::InvalidValue`],
    /// [`Error::DuplicateRecord`], …) for invalid rows.
    pub fn from_dataframe(df: &DataFrame, file: &str) -> Result<Acd> {
        let (bytes, starts) = write_acd_csv(df, file)?;
        let mut acd = Acd::from_bytes(file, &bytes).map_err(|e| to_rows(e, &starts))?;
        if acd.provenance.status == ReleaseStatus::Modified
            && let Ok(entry) = registry::find("ucdp-acd", Some(&acd.provenance.version))
            && Acd::from_entry(entry).is_ok_and(|release| release.records == acd.records)
        {
            acd.provenance = Provenance {
                source: file.to_string(),
                status: ReleaseStatus::Official,
                ..Provenance::embedded(entry)
            };
        }
        Ok(acd)
    }
}

fn gw_column(
    name: &str,
    records: &[ConflictYear],
    get: impl Fn(&ConflictYear) -> &[crate::model::GwCode],
) -> Column {
    list_column::<_, Int32Type>(name, records, DataType::Int32, get, |g| i32::from(g.0))
}

/// One typed column of the input frame, read as CSV fields.
enum Field<'a> {
    Str(&'a StringChunked),
    U32(&'a UInt32Chunked),
    I32(&'a Int32Chunked),
    Bool(&'a BooleanChunked),
    Date(&'a Int32Chunked),
    List(Vec<Option<Vec<Option<i64>>>>),
}

impl Field<'_> {
    fn write(&self, i: usize, out: &mut String) {
        use std::fmt::Write as _;
        out.clear();
        match self {
            Field::Str(c) => out.push_str(c.get(i).unwrap_or("")),
            Field::U32(c) => {
                if let Some(v) = c.get(i) {
                    let _ = write!(out, "{v}");
                }
            }
            Field::I32(c) => {
                if let Some(v) = c.get(i) {
                    let _ = write!(out, "{v}");
                }
            }
            Field::Bool(c) => {
                if let Some(v) = c.get(i) {
                    out.push(if v { '1' } else { '0' });
                }
            }
            Field::Date(c) => {
                if let Some(d) = c
                    .get(i)
                    .and_then(|d| NaiveDate::from_num_days_from_ce_opt(d + EPOCH_DAYS_FROM_CE))
                {
                    let _ = write!(out, "{}", d.format("%Y-%m-%d"));
                }
            }
            Field::List(rows) => {
                if let Some(Some(items)) = rows.get(i) {
                    for (k, v) in items.iter().enumerate() {
                        if k > 0 {
                            out.push_str(", ");
                        }
                        match v {
                            Some(v) => {
                                let _ = write!(out, "{v}");
                            }
                            None => out.push_str("null"),
                        }
                    }
                }
            }
        }
    }
}

fn field<'a>(df: &'a DataFrame, file: &str, name: &str, dtype: &DataType) -> Result<Field<'a>> {
    let col = df.column(name).map_err(|_| Error::MissingColumn {
        file: file.to_string(),
        line: 1,
        column: name.to_string(),
        dataset: "UCDP/PRIO Armed Conflict Dataset".to_string(),
    })?;
    let wrong = || {
        Error::spec(format!(
            "{file}: column `{name}` has dtype {}; expected {dtype}",
            col.dtype()
        ))
    };
    let wrong_p = |_| wrong();
    // Text where a list or a date is expected (a frame read by pandas' `read_csv`: UCDP's
    // `"651, 666"` lists, ISO dates): written as it is, parsed by the loader's own rule.
    if col.dtype() == &DataType::String && matches!(dtype, DataType::List(_) | DataType::Date) {
        return Ok(Field::Str(col.str().map_err(wrong_p)?));
    }
    if col.dtype() != dtype {
        return Err(wrong());
    }
    Ok(match dtype {
        DataType::String => Field::Str(col.str().map_err(wrong_p)?),
        DataType::UInt32 => Field::U32(col.u32().map_err(wrong_p)?),
        DataType::Int32 => Field::I32(col.i32().map_err(wrong_p)?),
        DataType::Boolean => Field::Bool(col.bool().map_err(wrong_p)?),
        DataType::Date => Field::Date(col.date().map_err(wrong_p)?.physical()),
        DataType::List(_) => {
            let inner = col
                .list()
                .map_err(wrong_p)?
                .cast(&DataType::List(Box::new(DataType::Int64)))
                .map_err(|e| polars_err(&e))?;
            let ca = inner.list().map_err(|e| polars_err(&e))?;
            let mut rows = Vec::with_capacity(ca.len());
            for item in ca.amortized_iter() {
                rows.push(match item {
                    None => None,
                    Some(s) => Some(
                        s.as_ref()
                            .i64()
                            .map_err(|e| polars_err(&e))?
                            .iter()
                            .collect(),
                    ),
                });
            }
            Field::List(rows)
        }
        _ => return Err(wrong()),
    })
}

/// Writes `df` as an ACD CSV (download layout); returns the bytes and the line on which each
/// row's record starts (text fields may hold newlines).
fn write_acd_csv(df: &DataFrame, file: &str) -> Result<(Vec<u8>, Vec<u64>)> {
    let schema = acd_schema();
    let fields = schema
        .iter()
        .map(|(name, dtype)| field(df, file, name, dtype))
        .collect::<Result<Vec<_>>>()?;
    let io = |e: csv::Error| Error::spec(format!("{file}: cannot write the frame as CSV: {e}"));
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::with_capacity(df.height() * 200));
    w.write_record(schema.iter().map(|(n, _)| *n)).map_err(io)?;
    let mut starts = Vec::with_capacity(df.height());
    let mut line = 2u64;
    let mut bufs = vec![String::new(); fields.len()];
    for i in 0..df.height() {
        starts.push(line);
        for (f, buf) in fields.iter().zip(bufs.iter_mut()) {
            f.write(i, buf);
            line += buf.bytes().filter(|b| *b == b'\n').count() as u64;
        }
        w.write_record(&bufs).map_err(io)?;
        line += 1;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::spec(format!("{file}: cannot write the frame as CSV: {e}")))?;
    Ok((bytes, starts))
}

/// Rewrites CSV line numbers into 1-based row numbers of the frame.
fn to_rows(err: Error, starts: &[u64]) -> Error {
    let row = |line: u64| match starts.binary_search(&line) {
        Ok(i) => i as u64 + 1,
        Err(i) => i as u64, // a line inside a multi-line record: the record before it
    };
    match err {
        Error::InvalidValue {
            file,
            line,
            column,
            value,
            expected,
        } => Error::InvalidValue {
            file,
            line: row(line),
            column,
            value,
            expected,
        },
        Error::DuplicateRecord {
            file,
            line,
            first_line,
            key,
        } => Error::DuplicateRecord {
            file,
            line: row(line),
            first_line: row(first_line),
            key,
        },
        Error::Malformed {
            file,
            line,
            message,
        } => Error::Malformed {
            file,
            line: row(line),
            message,
        },
        other => other,
    }
}

impl crate::stockflow::StockFlow {
    /// One row per year after the first: `year`, `active`, `onsets`, `new_conflicts`,
    /// `recurrences`, `continuing`, `terminations`, `states`, `onset_rate`,
    /// `termination_rate`, `mean_duration` (nulls where undefined).
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let y = &self.years;
        let u = |name: &str, get: fn(&crate::stockflow::FlowYear) -> u32| {
            Column::new(name.into(), y.iter().map(get).collect::<Vec<_>>())
        };
        let columns = vec![
            Column::new("year".into(), y.iter().map(|r| r.year).collect::<Vec<_>>()),
            u("active", |r| r.active),
            u("onsets", |r| r.onsets),
            u("new_conflicts", |r| r.new_conflicts),
            u("recurrences", |r| r.recurrences),
            u("continuing", |r| r.continuing),
            u("terminations", |r| r.terminations),
            u("states", |r| r.states),
            Column::new(
                "onset_rate".into(),
                y.iter().map(|r| r.onset_rate).collect::<Vec<_>>(),
            ),
            Column::new(
                "termination_rate".into(),
                y.iter().map(|r| r.termination_rate).collect::<Vec<_>>(),
            ),
            Column::new(
                "mean_duration".into(),
                y.iter().map(|r| r.mean_duration).collect::<Vec<_>>(),
            ),
        ];
        DataFrame::new(y.len(), columns).map_err(|e| polars_err(&e))
    }
}

impl crate::rates::RatesReport {
    /// Long format, one row per form and year: `year`, `form`, `count`, `states`,
    /// `per_100_states`.
    pub fn to_dataframe(&self) -> Result<DataFrame> {
        let (mut year, mut form, mut count, mut states, mut per) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for f in &self.forms {
            for (i, &c) in f.counts.iter().enumerate() {
                year.push(self.window_start + i32::try_from(i).unwrap_or(0));
                form.push(f.key.as_str());
                count.push(c);
                states.push(self.states[i]);
                per.push(f.per_100_states[i]);
            }
        }
        let n = year.len();
        let columns = vec![
            Column::new("year".into(), year),
            Column::new("form".into(), form),
            Column::new("count".into(), count),
            Column::new("states".into(), states),
            Column::new("per_100_states".into(), per),
        ];
        DataFrame::new(n, columns).map_err(|e| polars_err(&e))
    }
}

impl ClaimCheck {
    /// One row per part of each reading ([`ClaimCheck::rows`], the CLI's `check --format
    /// csv`): `reading` (Int64), `unit`, `release`, `reference`, `year` (Int32),
    /// `base_offset` (Int32), `smoothing`, `part`, `verdict`, `value`, `count`, `base_from`,
    /// `base_to` (Int32), `base_count`, `interval_low`, `interval_high`, `distance`
    /// (Float64), `fragile` (Boolean), `missing` (String); nulls where undefined.
    pub fn readings_dataframe(&self) -> Result<DataFrame> {
        let rows = self.rows();
        let text = |name: &str, f: fn(&CheckRow) -> String| {
            Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
        };
        let int = |name: &str, f: fn(&CheckRow) -> Option<i32>| {
            Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
        };
        let real = |name: &str, f: fn(&CheckRow) -> Option<f64>| {
            Column::new(name.into(), rows.iter().map(f).collect::<Vec<_>>())
        };
        let reading: Vec<i64> = rows
            .iter()
            .map(|r| i64::try_from(r.reading).unwrap_or(i64::MAX))
            .collect();
        let columns = vec![
            Column::new("reading".into(), reading),
            text("unit", |r| r.unit.clone()),
            text("release", |r| r.release.clone()),
            text("reference", |r| serde_key(&r.reference)),
            Column::new(
                "year".into(),
                rows.iter().map(|r| r.year).collect::<Vec<_>>(),
            ),
            Column::new(
                "base_offset".into(),
                rows.iter().map(|r| r.base_offset).collect::<Vec<_>>(),
            ),
            text("smoothing", |r| serde_key(&r.smoothing)),
            text("part", |r| r.part.clone()),
            text("verdict", |r| serde_key(&r.verdict)),
            real("value", |r| r.value),
            real("count", |r| r.count),
            int("base_from", |r| r.base_from),
            int("base_to", |r| r.base_to),
            real("base_count", |r| r.base_count),
            real("interval_low", |r| r.interval_low),
            real("interval_high", |r| r.interval_high),
            real("distance", |r| r.distance),
            Column::new(
                "fragile".into(),
                rows.iter().map(|r| r.fragile).collect::<Vec<_>>(),
            ),
            Column::new(
                "missing".into(),
                rows.iter().map(|r| r.missing.clone()).collect::<Vec<_>>(),
            ),
        ];
        DataFrame::new(rows.len(), columns).map_err(|e| polars_err(&e))
    }

    /// Each unit's series indexed to each ratio part's base year, one row per year: `part`,
    /// `base_year` (Int32), `unit`, `release`, `year` (Int32), `count` (Int64), `index`
    /// (Float64).
    pub fn indexed_dataframe(&self) -> Result<DataFrame> {
        let points: Vec<_> = self
            .indexed
            .iter()
            .flat_map(|s| s.points.iter().map(move |p| (s, *p)))
            .collect();
        let text = |name: &str, f: fn(&crate::claim::IndexedSeries) -> &str| {
            Column::new(
                name.into(),
                points.iter().map(|(s, _)| f(s)).collect::<Vec<_>>(),
            )
        };
        let columns = vec![
            text("part", |s| &s.part),
            Column::new(
                "base_year".into(),
                points.iter().map(|(s, _)| s.base_year).collect::<Vec<_>>(),
            ),
            text("unit", |s| &s.unit),
            text("release", |s| &s.release),
            Column::new(
                "year".into(),
                points.iter().map(|p| p.1.0).collect::<Vec<_>>(),
            ),
            Column::new(
                "count".into(),
                points.iter().map(|p| i64::from(p.1.1)).collect::<Vec<_>>(),
            ),
            Column::new(
                "index".into(),
                points.iter().map(|p| p.1.2).collect::<Vec<_>>(),
            ),
        ];
        DataFrame::new(points.len(), columns).map_err(|e| polars_err(&e))
    }
}

/// The observations of a severity analysis: `conflict_id`, `year`, `last_year`, `deaths`,
/// largest first.
pub fn observations_dataframe(obs: &[crate::severity::Observation]) -> Result<DataFrame> {
    let columns = vec![
        Column::new(
            "conflict_id".into(),
            obs.iter().map(|o| o.conflict_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            obs.iter().map(|o| o.year).collect::<Vec<_>>(),
        ),
        Column::new(
            "last_year".into(),
            obs.iter().map(|o| o.last_year).collect::<Vec<_>>(),
        ),
        Column::new(
            "deaths".into(),
            obs.iter().map(|o| o.deaths).collect::<Vec<_>>(),
        ),
    ];
    DataFrame::new(obs.len(), columns).map_err(|e| polars_err(&e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CountSpec, CountUnit, Dimension, count};

    #[test]
    fn acd_round_trips_through_a_frame() {
        for version in ["25.1", "24.1"] {
            let acd = Acd::embedded(Some(version)).unwrap();
            let df = acd.to_dataframe().unwrap();
            assert_eq!(df.width(), 28);
            let back = Acd::from_dataframe(&df, DATAFRAME_LABEL).unwrap();
            assert_eq!(back.records, acd.records);
            assert_eq!(back.provenance.status, ReleaseStatus::Official);
            assert_eq!(back.provenance.sha256, acd.provenance.sha256);
        }
    }

    #[test]
    fn a_subset_is_a_modified_copy() {
        let acd = Acd::embedded(Some("25.1")).unwrap();
        let df = acd.to_dataframe().unwrap().slice(10, 50);
        let back = Acd::from_dataframe(&df, DATAFRAME_LABEL).unwrap();
        assert_eq!(back.records[..], acd.records[10..60]);
        assert_eq!(back.provenance.status, ReleaseStatus::Modified);
    }

    #[test]
    fn bad_rows_are_named_by_row_number_even_after_multiline_text() {
        let acd = Acd::embedded(Some("25.1")).unwrap();
        let df = acd.to_dataframe().unwrap();
        // The East Turkestan row has a newline in territory_name; put a bad code after it.
        let multi = acd
            .records
            .iter()
            .position(|r| r.territory_name.contains('\n'))
            .unwrap();
        let bad = multi + 3;
        let mut levels: Vec<i32> = df
            .column("intensity_level")
            .unwrap()
            .i32()
            .unwrap()
            .into_no_null_iter()
            .collect();
        levels[bad] = 7;
        let mut df = df.clone();
        df.with_column(Column::new("intensity_level".into(), levels))
            .unwrap();
        match Acd::from_dataframe(&df, DATAFRAME_LABEL).unwrap_err() {
            Error::InvalidValue {
                line,
                column,
                value,
                ..
            } => {
                assert_eq!(
                    (line, column.as_str(), value.as_str()),
                    (bad as u64 + 1, "intensity_level", "7")
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn missing_and_mistyped_columns() {
        let df = Acd::embedded(Some("25.1")).unwrap().to_dataframe().unwrap();
        let err = Acd::from_dataframe(&df.drop("gwno_loc").unwrap(), "f").unwrap_err();
        assert!(matches!(err, Error::MissingColumn { ref column, .. } if column == "gwno_loc"));
        let mut df2 = df.clone();
        df2.with_column(Column::new("year".into(), vec![1i64; df.height()]))
            .unwrap();
        let err = Acd::from_dataframe(&df2, "f").unwrap_err();
        assert!(
            err.to_string().contains("column `year` has dtype i64"),
            "{err}"
        );
    }

    #[test]
    fn acd_v25_1_count_frame_columns() {
        let acd = Acd::embedded(Some("25.1")).unwrap();
        let t = count(&acd, &CountSpec::new(CountUnit::Conflict).years(2023, 2024)).unwrap();
        let df = t.to_dataframe().unwrap();
        // The count column is named after the unit (issue 15), signed Int64.
        assert_eq!(df.get_column_names(), ["year", "conflicts"]);
        let c: Vec<i64> = df
            .column("conflicts")
            .unwrap()
            .i64()
            .unwrap()
            .into_no_null_iter()
            .collect();
        assert_eq!(c, [59, 61]);
        let g = count(
            &acd,
            &CountSpec::new(CountUnit::Conflict)
                .by(Dimension::Type)
                .years(2024, 2024),
        )
        .unwrap()
        .to_dataframe()
        .unwrap();
        assert_eq!(g.height(), 4);
        assert_eq!(
            g.column("type").unwrap().str().unwrap().get(2),
            Some("intrastate")
        );
    }
}
