//! The reconciliation as one screen of text: the counts by unit, then each published figure
//! with the closest units (a figure counting a subset, "13 wars", beside that subset's count).

use super::{Cell, Reconciliation, StatementKind};
use crate::CountUnit;
use std::fmt::{self, Write as _};

impl fmt::Display for Reconciliation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.options.year;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "How many armed conflicts in {year}? Counts by unit, {} and {year}",
            self.years[..self.years.len() - 1]
                .iter()
                .map(|y| format!("{y} ({} years earlier)", year - y))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let _ = writeln!(out);
        let w = self
            .rows
            .iter()
            .map(|m| m.label.len())
            .max()
            .unwrap_or(10)
            .max(4);
        let _ = write!(out, "{:<w$}", "unit");
        for y in &self.years {
            let _ = write!(out, " {y:>6}");
        }
        for y in &self.years[..self.years.len() - 1] {
            let _ = write!(out, " {:>10}", format!("{year}/{y}"));
        }
        let _ = writeln!(out);
        let mut notes: Vec<String> = Vec::new();
        for m in &self.rows {
            let _ = write!(out, "{:<w$}", m.label);
            for c in &m.values {
                match c {
                    Cell::Count(n) => {
                        let _ = write!(out, " {n:>6}");
                    }
                    Cell::Missing(why) => {
                        if !notes.contains(why) {
                            notes.push(why.clone());
                        }
                        let k = notes.iter().position(|n| n == why).unwrap_or(0) + 1;
                        let _ = write!(out, " {:>6}", format!("–[{k}]"));
                    }
                }
            }
            for r in &m.ratios[..m.ratios.len() - 1] {
                match r {
                    Some(r) => {
                        let _ = write!(out, " {r:>10.2}");
                    }
                    None => {
                        let _ = write!(out, " {:>10}", "–");
                    }
                }
            }
            let _ = writeln!(out);
        }
        let _ = writeln!(out);
        for (k, n) in notes.iter().enumerate() {
            let _ = writeln!(out, "[{}] {n}", k + 1);
        }
        let _ = writeln!(
            out,
            "legal_relationship is an APPROXIMATION of the ICRC/RULAC unit — {}.",
            CountUnit::LegalRelationship.caveat().unwrap_or_default()
        );
        let _ = writeln!(
            out,
            "p = persistence: years a relationship stays counted after its last year with 25+ deaths."
        );
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "Published figures — each publisher's own dated statements with their sources, not data — and the closest units:"
        );
        for c in &self.comparisons {
            let fig = &c.figure;
            let what = match fig.kind {
                StatementKind::Level => fig.qualified().to_string(),
                StatementKind::Ratio { horizon } => {
                    format!("ratio {} over {horizon} years", fig.qualified())
                }
            };
            let _ = writeln!(
                out,
                "- {} ({}), {}: \"{}\" [{what}]",
                fig.publisher, fig.id, fig.year, fig.statement
            );
            let _ = writeln!(out, "    source: {}", fig.source);
            if !fig.url.is_empty() {
                let _ = writeln!(out, "    url: {}", fig.url);
            }
            let _ = writeln!(out, "    verified: {}", fig.verified);
            for cand in c.candidates.iter().take(3) {
                let value = match fig.kind {
                    StatementKind::Level => format!("{:.0}", cand.value),
                    StatementKind::Ratio { .. } => format!("{:.2}", cand.value),
                };
                let _ = writeln!(
                    out,
                    "    {:<w$} {value:>7} in {} — {} ({:+.0}%)",
                    cand.label,
                    cand.year_used,
                    if cand.met {
                        "meets the statement"
                    } else {
                        "does not meet it"
                    },
                    (cand.value / fig.figure - 1.0) * 100.0
                );
            }
            for (why, units) in &c.unavailable {
                let from = if units.len() > 3 {
                    format!("{} units", units.len())
                } else {
                    units.join(", ")
                };
                let _ = writeln!(out, "    no figure for {} from {from}: {why}", fig.year);
            }
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "Data:");
        for d in &self.datasets {
            let _ = writeln!(out, "  {} (SHA-256 {})", d.label(), &d.sha256[..12]);
        }
        f.write_str(&out)
    }
}
