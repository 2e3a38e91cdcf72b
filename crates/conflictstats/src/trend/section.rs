//! The report's parts as plain tables: one [`Section`] per part, rendered the same way by
//! every front end (terminal text here, HTML in Python, JSON as is).
//!
//! **Adding a part to the trend report** (a new model, or a new analysis such as stock and
//! flow): compute its typed result in `report::build` and store it in a field of
//! [`TrendReport`](super::TrendReport); if it is a fitted model, push one
//! [`ModelRow`](super::ModelRow) in `report::model_rows` (the models table, the JSON list and
//! Python's `TrendResult.models` follow); otherwise add a `fn section(&self) -> Section` for
//! it and push it in `TrendReport::assemble_sections`. No renderer changes: the CLI's text
//! and JSON, Python's `TrendResult` and its HTML all iterate over `sections`.
//!
//! ```
//! use conflictstats::trend::Section;
//!
//! let mut s = Section::new("demo", "A demo table", &["year", "count"]);
//! s.push_row(vec!["2023".into(), "59".into()]);
//! s.notes.push("counts are whole numbers".into());
//! let text = s.render_text();
//! assert!(text.starts_with("A demo table\n  year  count\n  2023  59"));
//! ```

use crate::data::Provenance;
use serde::Serialize;
use std::fmt::Write as _;

/// One part of a report: a title, a table of already formatted cells, and notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// A stable machine key, e.g. `models`.
    pub key: String,
    /// The heading.
    pub title: String,
    /// Column headings (may be empty: a section of notes only).
    pub columns: Vec<String>,
    /// Rows of cells, each as many as `columns`.
    pub rows: Vec<Vec<String>>,
    /// Sentences shown under the table.
    pub notes: Vec<String>,
    /// The datasets this part read beyond the report's counted series (e.g. the G&W state
    /// list of the rates per state, the BRD of the severity part): the report lists them with
    /// its own (see [`TrendReport::push_section`](super::TrendReport::push_section)), once,
    /// so the section's JSON does not repeat them.
    #[serde(skip)]
    pub datasets: Vec<Provenance>,
}

impl Section {
    /// An empty section.
    #[must_use]
    pub fn new(key: &str, title: &str, columns: &[&str]) -> Section {
        Section {
            key: key.to_string(),
            title: title.to_string(),
            columns: columns.iter().map(|c| (*c).to_string()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
            datasets: Vec::new(),
        }
    }

    /// Adds a row (padded or cut to the number of columns).
    pub fn push_row(&mut self, mut row: Vec<String>) {
        row.resize(self.columns.len(), String::new());
        self.rows.push(row);
    }

    /// The section as aligned text: title, header, rows, then the notes.
    #[must_use]
    pub fn render_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{}", self.title);
        if !self.columns.is_empty() {
            let widths: Vec<usize> = (0..self.columns.len())
                .map(|c| {
                    std::iter::once(&self.columns[c])
                        .chain(self.rows.iter().map(|r| &r[c]))
                        .map(|s| s.chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let line = |cells: &[String]| {
                let mut l = String::from(" ");
                for (cell, w) in cells.iter().zip(&widths) {
                    let pad = w - cell.chars().count();
                    let _ = write!(l, " {cell}{} ", " ".repeat(pad));
                }
                l.trim_end().to_string()
            };
            let _ = writeln!(o, "{}", line(&self.columns));
            for r in &self.rows {
                let _ = writeln!(o, "{}", line(r));
            }
        }
        for n in &self.notes {
            let _ = writeln!(o, "  {n}");
        }
        o
    }
}
