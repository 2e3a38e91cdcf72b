//! `conflictstats reconcile`, `conflictstats deaths` and `conflictstats ihl`.

use crate::output::{Format, csv_with_provenance, json};
use clap::{Args, ValueEnum};
use conflictstats::data::{Acd, Dyadic};
use conflictstats::deaths::embedded_by_form_of_violence;
use conflictstats::ihl::{IhlCategory, IhlLayer};
use conflictstats::reconcile::{Cell, ReconcileOptions, reconcile_embedded};
use conflictstats::{Error, Result};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Why "61 conflicts" (UCDP) and "around 130" (ICRC): counts under every unit.
///
/// Tabulates, for --year and 15 and 30 years earlier, the count under each unit and each
/// persistence setting of legal_relationship (an APPROXIMATION of the ICRC/RULAC unit), next to
/// the published figures with their sources, and ranks the units closest to each statement.
/// Units whose data end before --year show a missing value with the reason, never 0.
#[derive(Debug, Clone, Args)]
pub(crate) struct ReconcileArgs {
    /// The year of interest.
    #[arg(long, default_value_t = 2024)]
    pub year: i32,
    /// Persistence settings for legal_relationship (comma separated).
    #[arg(long, value_delimiter = ',', default_value = "0,1,2,3,5")]
    pub persistence: Vec<u32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub(crate) fn reconcile(args: &ReconcileArgs) -> Result<String> {
    let mut opts = ReconcileOptions::new(args.year);
    opts.persistences.clone_from(&args.persistence);
    let r = reconcile_embedded(&opts)?;
    Ok(match args.format {
        Format::Table => r.to_string(),
        Format::Json => json(&r),
        Format::Csv => {
            let mut out = String::from("unit,persistence,year,count,missing_reason\n");
            for m in &r.rows {
                for (y, c) in r.years.iter().zip(&m.values) {
                    let p = m.persistence.map(|p| p.to_string()).unwrap_or_default();
                    match c {
                        Cell::Count(n) => {
                            let _ = writeln!(out, "{},{p},{y},{n},", m.unit);
                        }
                        Cell::Missing(why) => {
                            let _ = writeln!(
                                out,
                                "{},{p},{y},,\"{}\"",
                                m.unit,
                                why.replace('"', "\"\"")
                            );
                        }
                    }
                }
            }
            csv_with_provenance(out, &r.datasets)
        }
    })
}

/// Deaths per year in state-based, non-state and one-sided violence (UCDP v24.1).
#[derive(Debug, Clone, Args)]
pub(crate) struct DeathsArgs {
    /// Only this year.
    #[arg(long)]
    pub year: Option<i32>,
    /// Release of the BRD, Non-State and One-sided data (default 24.1).
    #[arg(long)]
    pub version: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub(crate) fn deaths(args: &DeathsArgs) -> Result<String> {
    let (mut rows, provenance) = embedded_by_form_of_violence(args.version.as_deref())?;
    if let Some(y) = args.year {
        let (first, last) = (rows.first().map(|r| r.year), rows.last().map(|r| r.year));
        rows.retain(|r| r.year == y);
        if rows.is_empty() {
            return Err(Error::InvalidSpec(format!(
                "year {y} is outside the data's coverage {}–{}; a total there would be missing, not zero",
                first.unwrap_or(0),
                last.unwrap_or(0)
            )));
        }
    }
    Ok(match args.format {
        Format::Json => json(&serde_json::json!({"datasets": provenance, "rows": rows})),
        Format::Csv => {
            let mut out = String::from("year,form,low,best,high\n");
            for r in &rows {
                for (form, e) in [
                    ("state_based", r.state_based),
                    ("non_state", r.non_state),
                    ("one_sided", r.one_sided),
                    ("total", r.total),
                ] {
                    let _ = writeln!(out, "{},{form},{},{},{}", r.year, e.low, e.best, e.high);
                }
            }
            csv_with_provenance(out, &provenance)
        }
        Format::Table => {
            let mut out = String::new();
            for p in &provenance {
                let _ = writeln!(out, "{}", p.label());
            }
            let _ = writeln!(
                out,
                "Deaths in organized violence (best estimates; low–high in brackets)\n{:>6} {:>9} {:>9} {:>9} {:>9}  total low–high",
                "year", "state", "non-state", "one-sided", "total"
            );
            for r in &rows {
                let _ = writeln!(
                    out,
                    "{:>6} {:>9} {:>9} {:>9} {:>9}  [{}–{}]",
                    r.year,
                    r.state_based.best,
                    r.non_state.best,
                    r.one_sided.best,
                    r.total.best,
                    r.total.low,
                    r.total.high
                );
            }
            out
        }
    })
}

/// Level of the IHL classification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum IhlLevel {
    /// Conflict-years of the ACD (v25.1, to 2024).
    Conflict,
    /// Dyad-years of the Dyadic dataset (v24.1, to 2023).
    Dyad,
}

/// IHL classification (IAC / NIAC / occupation) derived from UCDP types, with optional curated
/// overrides from a CSV (conflict_id,dyad_id,category,source,from,to).
#[derive(Debug, Clone, Args)]
pub(crate) struct IhlArgs {
    /// Curated classifications that override the derived ones.
    #[arg(long, value_name = "CSV")]
    pub curated: Option<PathBuf>,
    /// Classify conflict-years or dyad-years.
    #[arg(long, value_enum, default_value_t = IhlLevel::Conflict)]
    pub level: IhlLevel,
    /// Year to tabulate (default: the data's last year).
    #[arg(long)]
    pub year: Option<i32>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

pub(crate) fn ihl(args: &IhlArgs) -> Result<String> {
    let layer = match &args.curated {
        Some(p) => {
            let layer = IhlLayer::from_path(p)?;
            for w in &layer.warnings {
                eprintln!("warning: {w}");
            }
            layer
        }
        None => IhlLayer::derived(),
    };
    let (c, provenance, last) = match args.level {
        IhlLevel::Conflict => {
            let acd = Acd::embedded(None)?;
            let last = acd.year_range().map_or(0, |r| r.1);
            (layer.classify_conflicts(&acd), acd.provenance, last)
        }
        IhlLevel::Dyad => {
            let dy = Dyadic::embedded(None)?;
            let last = dy.year_range().map_or(0, |r| r.1);
            (layer.classify_dyads(&dy), dy.provenance, last)
        }
    };
    let label = provenance.label();
    let year = args.year.unwrap_or(last);
    if year > last {
        return Err(Error::InvalidSpec(format!(
            "{label} ends in {last}; {year} is not covered"
        )));
    }
    if args.format == Format::Json {
        // The classification's fields, plus the data's provenance (with its checksum).
        let mut value = serde_json::to_value(&c).map_err(|e| Error::InvalidSpec(e.to_string()))?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "dataset".to_string(),
                serde_json::to_value(&provenance).map_err(|e| Error::InvalidSpec(e.to_string()))?,
            );
        }
        return Ok(json(&value));
    }
    let mut out = String::new();
    let _ = writeln!(out, "{label} — IHL classification, {year}");
    let counts = c.counts(year);
    for cat in IhlCategory::ALL {
        let _ = writeln!(out, "  {:<36} {:>4}", cat.label(), counts[cat.index()]);
    }
    let flagged = c
        .rows
        .iter()
        .filter(|r| {
            r.year == year && r.flag.is_some() && r.source.to_string() == "derived-from-ucdp"
        })
        .count();
    let _ = writeln!(
        out,
        "  derived-from-ucdp rows flagged for review (foreign state parties / extrasystemic): {flagged}"
    );
    let _ = writeln!(
        out,
        "Overrides from curated classifications: {}",
        c.overrides.len()
    );
    for o in &c.overrides {
        let _ = writeln!(
            out,
            "  {} conflict {}{} {}: derived {} → curated {} ({}, line {})",
            if o.agrees { "agrees  " } else { "DIFFERS " },
            o.conflict_id,
            o.dyad_id.map(|d| format!(" dyad {d}")).unwrap_or_default(),
            o.year,
            o.derived.key(),
            o.curated.key(),
            o.source,
            o.line
        );
    }
    for u in &c.unmatched {
        let _ = writeln!(
            out,
            "  unmatched curated entry on line {} ({:?}): no record of the data",
            u.line, u.target
        );
    }
    Ok(out)
}
