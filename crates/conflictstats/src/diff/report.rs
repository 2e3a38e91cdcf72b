//! A diff as one screen of text, and as flat rows (the CSV, and JSON's `rows`).
//!
//! Values are rendered one way everywhere: text verbatim, lists as UCDP writes them
//! (`651, 666`), dates `yyyy-mm-dd`, UCDP's codes by their keys (`war`), flags `true`/`false`,
//! a missing value empty. On the terminal, a value that is empty, padded with spaces or holds
//! a control character (a newline, an escape sequence) is quoted with its escapes shown.

use super::{KeyedRecord, ReleaseDiff};
use serde::Serialize;
use serde_json::{Map, Value};
use std::fmt::{self, Write as _};

/// Records (or changed records) listed per section in the text report; the CSV lists all.
const TEXT_LIMIT: usize = 20;

/// A typed value as text: strings verbatim, lists joined by `, `, null empty.
///
/// ```
/// use conflictstats::diff::render_value;
/// use serde_json::json;
///
/// assert_eq!(render_value(&json!([651, 666])), "651, 666");
/// assert_eq!(render_value(&json!("war")), "war");
/// assert_eq!(render_value(&json!(null)), "");
/// ```
#[must_use]
pub fn render_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items
            .iter()
            .map(render_value)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// [`render_value`] made safe and unambiguous for a terminal: quoted, with escapes, when it
/// is empty, padded, or holds a control character.
///
/// ```
/// use conflictstats::diff::terminal_value;
/// use serde_json::json;
///
/// assert_eq!(terminal_value(&json!("East Turkestan\n")), r#""East Turkestan\n""#);
/// assert_eq!(terminal_value(&json!("\u{1b}[31mred")), r#""\u{1b}[31mred""#);
/// assert_eq!(terminal_value(&json!("Mali")), "Mali");
/// ```
#[must_use]
pub fn terminal_value(v: &Value) -> String {
    let s = render_value(v);
    let plain = !s.is_empty() && s.trim() == s && !s.chars().any(char::is_control);
    if plain { s } else { format!("{s:?}") }
}

/// One flat row of a diff: a record only in one copy, one changed field, or one year whose
/// counts differ. The CSV's columns: `change`, the key columns, `field`, `old`, `new`,
/// `difference`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffRow {
    /// `only_in_old`, `only_in_new`, `changed` or `count`.
    pub change: &'static str,
    /// The key columns and values (for a count: `year` only).
    #[serde(flatten)]
    pub key: Map<String, Value>,
    /// The changed field, or the count column (`conflicts`); null for a record only in one.
    pub field: Option<String>,
    /// The value in FROM (typed).
    pub old: Value,
    /// The value in TO (typed).
    pub new: Value,
    /// `new − old` for a count in both copies.
    pub difference: Option<i64>,
}

impl ReleaseDiff {
    /// Every record only in one copy, every changed field and every year whose counts differ,
    /// as flat rows (in that order; each part in key order).
    #[must_use]
    pub fn rows(&self) -> Vec<DiffRow> {
        let only = |change, r: &KeyedRecord| DiffRow {
            change,
            key: r.key.clone(),
            field: None,
            old: Value::Null,
            new: Value::Null,
            difference: None,
        };
        let mut rows: Vec<DiffRow> = self
            .only_in_old
            .iter()
            .map(|r| only("only_in_old", r))
            .collect();
        rows.extend(self.only_in_new.iter().map(|r| only("only_in_new", r)));
        rows.extend(self.changes.iter().map(|c| DiffRow {
            change: "changed",
            key: c.key.clone(),
            field: Some(c.field.clone()),
            old: c.old.clone(),
            new: c.new.clone(),
            difference: None,
        }));
        if let Some(counts) = &self.counts {
            rows.extend(counts.differing().map(|y| DiffRow {
                change: "count",
                key: self.year_key(y.year),
                field: Some(counts.column.to_string()),
                old: y.old.map_or(Value::Null, Value::from),
                new: y.new.map_or(Value::Null, Value::from),
                difference: y.difference,
            }));
        }
        rows
    }

    /// The key columns with only `year` set (the others null), for a count row.
    fn year_key(&self, year: i32) -> Map<String, Value> {
        self.key
            .iter()
            .map(|c| {
                let v = if *c == "year" {
                    Value::from(year)
                } else {
                    Value::Null
                };
                ((*c).to_string(), v)
            })
            .collect()
    }

    /// The rows as CSV: header `change,<key columns>,field,old,new,difference`, values
    /// rendered by [`render_value`].
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        let mut header = vec!["change"];
        header.extend(self.key.iter().copied());
        header.extend(["field", "old", "new", "difference"]);
        let _ = w.write_record(&header);
        for r in self.rows() {
            let mut rec = vec![r.change.to_string()];
            rec.extend(
                self.key
                    .iter()
                    .map(|c| render_value(r.key.get(*c).unwrap_or(&Value::Null))),
            );
            rec.push(r.field.unwrap_or_default());
            rec.push(render_value(&r.old));
            rec.push(render_value(&r.new));
            rec.push(r.difference.map(|d| d.to_string()).unwrap_or_default());
            let _ = w.write_record(&rec);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// How each copy is named in the text: `v25.1` (`version unknown` for a file whose rows
    /// name none), or `FROM v25.1` / `TO v25.1` when both claim the same version.
    #[must_use]
    pub fn side_names(&self) -> (String, String) {
        let name = |v: &str| {
            if v == crate::data::UNKNOWN_VERSION {
                "version unknown".to_string()
            } else {
                format!("v{v}")
            }
        };
        let (a, b) = (name(&self.old.version), name(&self.new.version));
        if a == b {
            (format!("FROM {a}"), format!("TO {b}"))
        } else {
            (a, b)
        }
    }
}

/// One line per changed record — `conflict_id 230, year 2009: field old → new; …` — with
/// the records of one id in consecutive years whose changes are the same on one line
/// (`conflict_id 230, years 2012–2024: start_date2 2009-12-17 → 2008-07-16`).
fn change_lines(changes: &[super::FieldChange]) -> Vec<String> {
    // (key without its year, year, what changed) per record, in key order.
    let mut records: Vec<(Map<String, Value>, Option<i64>, String)> = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let same: Vec<_> = changes[i..]
            .iter()
            .take_while(|c| c.order == changes[i].order)
            .collect();
        i += same.len();
        let parts: Vec<String> = same
            .iter()
            .map(|c| {
                let (old, new) = (terminal_value(&c.old), terminal_value(&c.new));
                format!("{} {old} → {new}", c.field)
            })
            .collect();
        let mut key = same[0].key.clone();
        let year = key.shift_remove("year").and_then(|v| v.as_i64());
        records.push((key, year, parts.join("; ")));
    }
    let mut lines = Vec::new();
    let mut j = 0;
    while j < records.len() {
        let (key, first, what) = &records[j];
        let mut last = *first;
        let mut k = j + 1;
        while let Some((next_key, Some(y), next_what)) = records.get(k) {
            if next_key != key || next_what != what || last.map(|l| l + 1) != Some(*y) {
                break;
            }
            last = Some(*y);
            k += 1;
        }
        let mut label = key_text(key);
        let sep = if label.is_empty() { "" } else { ", " };
        match (first, last) {
            (Some(a), Some(b)) if a != &b => label += &format!("{sep}years {a}–{b}"),
            (Some(a), _) => label += &format!("{sep}year {a}"),
            _ => {}
        }
        lines.push(format!("{label}: {what}"));
        j = k;
    }
    lines
}

/// `conflict_id 375, year 2001`.
fn key_text(key: &Map<String, Value>) -> String {
    key.iter()
        .map(|(c, v)| format!("{c} {}", terminal_value(v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `conflicts` → `Conflicts`.
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn record_line(out: &mut String, r: &KeyedRecord) -> fmt::Result {
    let label: Vec<String> = r
        .label
        .iter()
        .map(|(c, v)| format!("{c} {}", terminal_value(v)))
        .collect();
    writeln!(out, "  {}: {}", key_text(&r.key), label.join("; "))
}

impl ReleaseDiff {
    fn write_header(&self, out: &mut String) -> fmt::Result {
        let (a, b) = self.side_names();
        writeln!(out, "{}: {a} → {b}", self.old.title)?;
        for (name, p) in [(&a, &self.old), (&b, &self.new)] {
            writeln!(
                out,
                "  {name}: {} ({}; {})",
                p.label(),
                p.source,
                p.status.key()
            )?;
        }
        writeln!(
            out,
            "Records ({}, key {}): {} → {}; {} only in {a}, {} only in {b}, {} in both with changed fields ({} fields).",
            self.record,
            self.key.join(" + "),
            self.old_records,
            self.new_records,
            self.only_in_old.len(),
            self.only_in_new.len(),
            self.changed_records,
            self.changes.len()
        )?;
        if let Some(rc) = &self.release_column {
            writeln!(
                out,
                "`{}` is {} → {} in every record: a fact of the releases, not listed as a change.",
                rc.column,
                terminal_value(&Value::from(rc.old.as_str())),
                terminal_value(&Value::from(rc.new.as_str()))
            )?;
        }
        Ok(())
    }

    /// Records only in one side: those in years the other side covers one by one, the
    /// others counted per year.
    fn write_only(
        &self,
        out: &mut String,
        name: &str,
        other: &str,
        records: &[KeyedRecord],
        other_years: Option<(i64, i64)>,
    ) -> fmt::Result {
        if records.is_empty() {
            return Ok(());
        }
        let outside = |r: &&KeyedRecord| match (r.year, other_years) {
            (Some(y), Some((first, last))) => y < first || y > last,
            _ => false,
        };
        let (beyond, within): (Vec<&KeyedRecord>, Vec<&KeyedRecord>) =
            records.iter().partition(outside);
        writeln!(out, "\nOnly in {name} ({}):", records.len())?;
        let mut per_year: std::collections::BTreeMap<i64, usize> =
            std::collections::BTreeMap::new();
        for r in &beyond {
            *per_year.entry(r.year.unwrap_or_default()).or_default() += 1;
        }
        for (year, n) in per_year {
            writeln!(out, "  {year}: {n} records, a year {other} does not cover")?;
        }
        for r in within.iter().take(TEXT_LIMIT) {
            record_line(out, r)?;
        }
        if within.len() > TEXT_LIMIT {
            writeln!(
                out,
                "  … and {} more (--format csv lists every one)",
                within.len() - TEXT_LIMIT
            )?;
        }
        Ok(())
    }

    fn write_changes(&self, out: &mut String) -> fmt::Result {
        if self.changes.is_empty() {
            return Ok(());
        }
        let mut fields: Vec<(&str, usize)> = Vec::new();
        for c in &self.changes {
            match fields.iter_mut().find(|(f, _)| *f == c.field) {
                Some((_, n)) => *n += 1,
                None => fields.push((c.field.as_str(), 1)),
            }
        }
        fields.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let summary: Vec<String> = fields.iter().map(|(f, n)| format!("{f} {n}")).collect();
        writeln!(
            out,
            "\nChanged ({} records; fields: {}):",
            self.changed_records,
            summary.join(", ")
        )?;
        let lines = change_lines(&self.changes);
        for line in lines.iter().take(TEXT_LIMIT) {
            writeln!(out, "  {line}")?;
        }
        if lines.len() > TEXT_LIMIT {
            writeln!(
                out,
                "  … and {} more lines (--format csv lists every field)",
                lines.len() - TEXT_LIMIT
            )?;
        }
        Ok(())
    }

    fn write_counts(&self, out: &mut String) -> fmt::Result {
        let Some(counts) = &self.counts else {
            return Ok(());
        };
        let (a, b) = self.side_names();
        let differing: Vec<_> = counts.differing().collect();
        if differing.is_empty() {
            return writeln!(
                out,
                "\n{} per year (unit `{}`): the same in every year.",
                capitalised(counts.column),
                counts.unit.key()
            );
        }
        writeln!(
            out,
            "\n{} per year (unit `{}`), the years that differ:",
            capitalised(counts.column),
            counts.unit.key()
        )?;
        let w = a.len().max(b.len()).max(6);
        writeln!(
            out,
            "  {:>6}  {a:>w$}  {b:>w$}  {:>10}",
            "year", "difference"
        )?;
        let cell = |v: Option<u32>| v.map_or_else(|| "—".to_string(), |n| n.to_string());
        for y in differing {
            let diff = match (y.difference, y.old, y.new) {
                (Some(d), _, _) => format!("{d:+}"),
                (None, None, _) => format!("only in {b}"),
                _ => format!("only in {a}"),
            };
            writeln!(
                out,
                "  {:>6}  {:>w$}  {:>w$}  {diff:>10}",
                y.year,
                cell(y.old),
                cell(y.new)
            )?;
        }
        Ok(())
    }
}

/// The one-screen text report: summary, records only in one copy, changed records (field
/// old → new), then the yearly counts that differ.
impl fmt::Display for ReleaseDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        self.write_header(&mut out)?;
        let (a, b) = self.side_names();
        if self.is_empty() {
            writeln!(out, "\nNo record differs.")?;
        }
        self.write_only(&mut out, &a, &b, &self.only_in_old, self.new_years)?;
        self.write_only(&mut out, &b, &a, &self.only_in_new, self.old_years)?;
        self.write_changes(&mut out)?;
        self.write_counts(&mut out)?;
        f.write_str(&out)
    }
}
