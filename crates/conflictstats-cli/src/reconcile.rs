//! `conflictstats reconcile`, `conflictstats deaths` and `conflictstats ihl`.

use crate::applies::{Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, Format, ReportFormat, UcdpFiles, csv_with_provenance, report_all};
use crate::vocab;
use clap::{Args, ValueEnum};
use conflictstats::CountUnit;
use conflictstats::count::{DEFAULT_PERSISTENCES, Datasets};
use conflictstats::coverage::check_year;
use conflictstats::data::{DatasetId, Sources};
use conflictstats::deaths::{by_form_of_violence, long_rows, select_year};
use conflictstats::ihl::{IhlCategory, IhlLayer};
use conflictstats::reconcile::{ReconcileOptions, Reconciliation, reconcile as reconcile_with};
use serde_json::{Value, json};
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
    /// The year of interest (default: the latest year some unit's data cover — 2025 with the
    /// embedded ACD v26.1, whose Dyadic, Non-State and One-sided companions end in 2024).
    #[arg(long, help_heading = vocab::FILTERS)]
    pub year: Option<i32>,
    /// Persistence settings for legal_relationship (comma separated; default 0–5).
    #[arg(long, value_delimiter = ',', default_values_t = DEFAULT_PERSISTENCES, help_heading = vocab::ANALYSIS)]
    pub persistence: Vec<u32>,
    /// Release of the ACD, Dyadic, Non-State and One-sided data: embedded, else fetched into
    /// the cache (default: each dataset's default — ACD 26.1, the others 25.1).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    #[command(flatten)]
    pub files: UcdpFiles,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for ReconcileArgs {
    fn reads(&self) -> Reads {
        let names: Vec<&str> = CountUnit::ALL
            .iter()
            .flat_map(|u| u.datasets())
            .copied()
            .collect();
        Reads::named("reconcile (every counting unit)", &names)
    }
}

impl Scope for DeathsArgs {
    fn reads(&self) -> Reads {
        Reads::new(
            "deaths",
            [DatasetId::Brd, DatasetId::NonState, DatasetId::OneSided],
        )
    }
}

impl Scope for IhlArgs {
    fn reads(&self) -> Reads {
        match self.level {
            IhlLevel::Conflict => Reads::new("--level conflict", [DatasetId::Acd]),
            IhlLevel::Dyad => Reads::new("--level dyad", [DatasetId::Dyadic]),
        }
    }
}

pub(crate) fn reconcile(args: &ReconcileArgs) -> CliResult {
    let sources = args.files.apply(Sources::embedded(args.version.as_deref()));
    let data = Datasets::load_for(CountUnit::ALL, &sources)?;
    report_all(data.loaded());
    let year = match args.year {
        Some(y) => y,
        None => conflictstats::reconcile::latest_year(&data.sources())?,
    };
    let mut opts = ReconcileOptions::new(year);
    opts.persistences.clone_from(&args.persistence);
    let r = reconcile_with(&data.sources(), &opts)?;
    Ok(match args.format {
        Format::Table => r.to_string(),
        Format::Json => Envelope::new("reconcile")
            .datasets(&r.datasets)
            .spec(&r.options)
            .rows(&r.long_rows())
            .result("measures", &r.rows)
            .result("comparisons", &r.comparisons)
            .render(),
        Format::Csv => {
            let mut out = String::from("unit,persistence,year,count,missing_reason\n");
            for row in reconcile_rows(&r) {
                let field = |k: &str| match &row[k] {
                    Value::Null => String::new(),
                    Value::String(s) if k == "missing_reason" => {
                        format!("\"{}\"", s.replace('"', "\"\""))
                    }
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                let _ = writeln!(
                    out,
                    "{},{},{},{},{}",
                    field("unit"),
                    field("persistence"),
                    field("year"),
                    field("count"),
                    field("missing_reason")
                );
            }
            csv_with_provenance(out, &r.datasets)
        }
    })
}

/// One row per unit, persistence and year (the core's long form).
fn reconcile_rows(r: &Reconciliation) -> Vec<Value> {
    r.long_rows()
        .iter()
        .map(crate::envelope::to_value)
        .collect()
}

/// Deaths per year in state-based, non-state and one-sided violence (default: UCDP v25.1, whose
/// Battle-Related Deaths file is the conflict-level version).
#[derive(Debug, Clone, Args)]
pub(crate) struct DeathsArgs {
    /// Only this year.
    #[arg(long, help_heading = vocab::FILTERS)]
    pub year: Option<i32>,
    /// Release of the BRD, Non-State and One-sided data (default: 25.1).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this UCDP Battle-Related Deaths file (dyadic or conflict-level version) instead of
    /// the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub brd_file: Option<PathBuf>,
    /// Read this UCDP Non-State file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub nonstate_file: Option<PathBuf>,
    /// Read this UCDP One-sided Violence file instead of the embedded release.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub onesided_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

pub(crate) fn deaths(args: &DeathsArgs) -> CliResult {
    let sources = Sources::embedded(args.version.as_deref())
        .with_optional_file(DatasetId::Brd, args.brd_file.as_deref())
        .with_optional_file(DatasetId::NonState, args.nonstate_file.as_deref())
        .with_optional_file(DatasetId::OneSided, args.onesided_file.as_deref());
    let (brd, ns, os) = (sources.brd()?, sources.nonstate()?, sources.onesided()?);
    report_all([
        (brd.provenance(), brd.warnings()),
        (&ns.provenance, ns.warnings.as_slice()),
        (&os.provenance, os.warnings.as_slice()),
    ]);
    let rows = by_form_of_violence(&brd, &ns, &os)?;
    let provenance = vec![brd.provenance().clone(), ns.provenance, os.provenance];
    let rows = select_year(rows, args.year, &provenance)?;
    let long = long_rows(&rows);
    Ok(match args.format {
        Format::Json => Envelope::new("deaths")
            .datasets(&provenance)
            .spec(&json!({"year": args.year, "version": args.version}))
            .rows(&long)
            .render(),
        Format::Csv => {
            let mut out = String::from("year,form,low,best,high\n");
            for r in &long {
                let _ = writeln!(out, "{},{},{},{},{}", r.year, r.form, r.low, r.best, r.high);
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
    /// Conflict-years of the ACD (default v25.1, to 2024).
    Conflict,
    /// Dyad-years of the Dyadic dataset (default v25.1, to 2024).
    Dyad,
}

/// IHL classification (IAC / NIAC / occupation) derived from UCDP types, with optional curated
/// overrides from a CSV (conflict_id,dyad_id,category,source,from,to).
#[derive(Debug, Clone, Args)]
pub(crate) struct IhlArgs {
    /// Curated classifications that override the derived ones.
    #[arg(long, value_name = "CSV", help_heading = vocab::DATA)]
    pub curated: Option<PathBuf>,
    /// Classify conflict-years or dyad-years.
    #[arg(long, value_enum, default_value_t = IhlLevel::Conflict, help_heading = vocab::ANALYSIS)]
    pub level: IhlLevel,
    /// Year to tabulate (default: the data's last year).
    #[arg(long, help_heading = vocab::FILTERS)]
    pub year: Option<i32>,
    /// Release of the ACD / Dyadic data: embedded, else fetched into the cache (default: each
    /// dataset's default — ACD 26.1, Dyadic 25.1).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this UCDP/PRIO ACD file instead of the embedded release (--level conflict).
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub acd_file: Option<PathBuf>,
    /// Read this UCDP Dyadic file instead of the embedded release (--level dyad).
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub dyadic_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table, help_heading = vocab::OUTPUT)]
    pub format: ReportFormat,
}

pub(crate) fn ihl(args: &IhlArgs) -> CliResult {
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
    let sources = Sources::embedded(args.version.as_deref())
        .with_optional_file(DatasetId::Acd, args.acd_file.as_deref())
        .with_optional_file(DatasetId::Dyadic, args.dyadic_file.as_deref());
    let (c, provenance, span) = match args.level {
        IhlLevel::Conflict => {
            let acd = sources.acd()?;
            report_all([(&acd.provenance, acd.warnings.as_slice())]);
            let span = acd.year_range();
            (layer.classify_conflicts(&acd), acd.provenance, span)
        }
        IhlLevel::Dyad => {
            let dy = sources.dyadic()?;
            report_all([(&dy.provenance, dy.warnings.as_slice())]);
            let span = dy.year_range();
            (layer.classify_dyads(&dy), dy.provenance, span)
        }
    };
    let label = provenance.label();
    let year = check_year(args.year, span, &label)?;
    if args.format == ReportFormat::Json {
        let level = match args.level {
            IhlLevel::Conflict => "conflict",
            IhlLevel::Dyad => "dyad",
        };
        let counts = c.counts(year);
        let per_category: serde_json::Map<String, Value> = IhlCategory::ALL
            .iter()
            .map(|cat| (cat.key().to_string(), json!(counts[cat.index()])))
            .collect();
        return Ok(Envelope::new("ihl")
            .datasets([&provenance])
            .spec(&json!({"level": level, "year": year, "curated": layer.file}))
            .rows(&c.rows)
            .result(
                "counts",
                &json!({"year": year, "per_category": per_category}),
            )
            .result("overrides", &c.overrides)
            .result("unmatched", &c.unmatched)
            .warnings(&layer.warnings)
            .render());
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
