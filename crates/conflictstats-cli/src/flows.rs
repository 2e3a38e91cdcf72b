//! `conflictstats flows` (stock and flow of state-based conflicts, and the decomposition of a
//! change) and `conflictstats rates` (counts and rates per state for each form of violence).

use crate::applies::{Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, Format, csv_with_provenance, report_load};
use crate::vocab::{self, YearRange};
use clap::Args;
use conflictstats::data::{DatasetId, Sources};
use conflictstats::rates::{Form, RatesReport};
use conflictstats::stockflow::StockFlow;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Onsets, terminations and durations per year; did more conflicts start or fewer end?
#[derive(Debug, Clone, Args)]
pub(crate) struct FlowsArgs {
    /// ACD release: embedded, else fetched into the cache (default: the newest embedded, 25.1).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this ACD file (download or API layout) instead of the embedded copy (`--file` for
    /// short; `-`: standard input).
    #[arg(long = "acd-file", visible_alias = "file", value_name = "PATH", value_parser = vocab::input_path, conflicts_with = "version", help_heading = vocab::DATA)]
    pub file: Option<PathBuf>,
    /// Decompose the change over the years FROM-TO (default: 2010 to the last year of the
    /// data; FROM- keeps the last year).
    #[arg(long, value_name = "FROM-TO", value_parser = vocab::parse_years, allow_hyphen_values = true, help_heading = vocab::FILTERS)]
    pub years: Option<YearRange>,
    /// Deprecated: --years FROM-.
    #[arg(long, hide = true)]
    pub from: Option<i32>,
    /// Deprecated: --years -TO.
    #[arg(long, hide = true)]
    pub to: Option<i32>,
    /// Base years FROM-TO of the rates the change is measured against (default: the TO − FROM
    /// years ending at FROM).
    #[arg(long, alias = "base", value_name = "FROM-TO", value_parser = vocab::parse_closed_years, help_heading = vocab::ANALYSIS)]
    pub base_years: Option<(i32, i32)>,
    /// Output format (csv: the per-year table).
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

/// The first year of the decomposition when none is given.
const DEFAULT_FROM: i32 = 2010;

impl Scope for FlowsArgs {
    fn reads(&self) -> Reads {
        Reads::new("flows", [DatasetId::Acd, DatasetId::GwStates])
    }
}

pub(crate) fn flows(args: &FlowsArgs) -> CliResult {
    // The one resolution of a release: embedded, else fetched into the cache.
    let sources = Sources::embedded(args.version.as_deref())
        .with_optional_file(DatasetId::Acd, args.file.as_deref());
    let acd = sources.acd()?;
    report_load(&acd.provenance, &acd.warnings);
    let sf = StockFlow::from_acd(&acd, &sources.states()?)?;
    let years = args.years.unwrap_or_default().with_old(args.from, args.to);
    let from = years.from.unwrap_or(DEFAULT_FROM);
    let to = years
        .to
        .unwrap_or_else(|| sf.years.last().map_or(sf.first_year, |y| y.year));
    let d = sf.decompose(from, to, args.base_years)?;
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.4}"));
    let mut csv = String::from(
        "year,active,onsets,new_conflicts,recurrences,continuing,terminations,states,onset_rate,termination_rate,mean_duration\n",
    );
    for y in &sf.years {
        let _ = writeln!(
            csv,
            "{},{},{},{},{},{},{},{},{:.6},{},{}",
            y.year,
            y.active,
            y.onsets,
            y.new_conflicts,
            y.recurrences,
            y.continuing,
            y.terminations,
            y.states,
            y.onset_rate,
            opt(y.termination_rate),
            opt(y.mean_duration)
        );
    }
    Ok(match args.format {
        Format::Json => Envelope::new("flows")
            .datasets([&sf.dataset, &sf.states_dataset])
            .spec(&serde_json::json!({"from": from, "to": to, "base": d.base.years}))
            .row_values(
                sf.years
                    .iter()
                    .map(|y| {
                        serde_json::json!({
                            "year": y.year, "active": y.active, "onsets": y.onsets,
                            "new_conflicts": y.new_conflicts, "recurrences": y.recurrences,
                            "continuing": y.continuing, "terminations": y.terminations,
                            "states": y.states, "onset_rate": y.onset_rate,
                            "termination_rate": y.termination_rate, "mean_duration": y.mean_duration,
                        })
                    })
                    .collect(),
            )
            .result(
                "by_duration",
                &sf.years
                    .iter()
                    .map(|y| {
                        serde_json::json!({
                            "year": y.year, "bands": conflictstats::stockflow::DURATION_BANDS,
                            "at_risk": y.at_risk_by_duration, "terminations": y.terminations_by_duration,
                        })
                    })
                    .collect::<Vec<_>>(),
            )
            .warnings(&acd.warnings)
            .result("first_year", &sf.first_year)
            .result("first_year_active", &sf.first_year_active)
            .result("decomposition", &d)
            .result("statement", &d.statement)
            .render(),
        Format::Csv => csv_with_provenance(csv, [&sf.dataset, &sf.states_dataset]),
        Format::Table => {
            let mut out = format!("{}\n", sf.dataset.label());
            let _ = writeln!(
                out,
                "{:>6} {:>6} {:>6} {:>4} {:>4} {:>6} {:>6} {:>8} {:>8} {:>8}",
                "year",
                "active",
                "onset",
                "new",
                "rec",
                "cont",
                "ended",
                "onset/st",
                "ended/%",
                "duration"
            );
            for y in sf.years.iter().filter(|y| y.year >= d.base.years.0) {
                let _ = writeln!(
                    out,
                    "{:>6} {:>6} {:>6} {:>4} {:>4} {:>6} {:>6} {:>8.4} {:>8} {:>8}",
                    y.year,
                    y.active,
                    y.onsets,
                    y.new_conflicts,
                    y.recurrences,
                    y.continuing,
                    y.terminations,
                    y.onset_rate,
                    y.termination_rate
                        .map_or(String::new(), |v| format!("{:.1}", 100.0 * v)),
                    y.mean_duration.map_or(String::new(), |v| format!("{v:.1}"))
                );
            }
            let _ = writeln!(out, "\n{}", d.statement);
            out
        }
    })
}

/// Counts and rates per state for each form of violence, each with its trend fits.
#[derive(Debug, Clone, Args)]
pub(crate) struct RatesArgs {
    /// Forms of violence, comma separated (default: all).
    #[arg(long, value_delimiter = ',', help_heading = vocab::ANALYSIS)]
    pub forms: Vec<Form>,
    /// Fitted years FROM-TO (default: the years every dataset read covers).
    #[arg(long, alias = "window", value_name = "FROM-TO", value_parser = vocab::parse_closed_years, help_heading = vocab::FILTERS)]
    pub years: Option<(i32, i32)>,
    /// Release of the datasets: embedded, else fetched into the cache (default: each
    /// dataset's default).
    #[arg(long, help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Count G&W microstates as states.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub microstates: bool,
    /// Output format (csv: year, form, count, states, per_100_states).
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for RatesArgs {
    fn reads(&self) -> Reads {
        Reads::new(
            "rates",
            [
                DatasetId::Acd,
                DatasetId::NonState,
                DatasetId::OneSided,
                DatasetId::GwStates,
            ],
        )
    }
}

pub(crate) fn rates(args: &RatesArgs) -> CliResult {
    let forms = if args.forms.is_empty() {
        Form::ALL.to_vec()
    } else {
        args.forms.clone()
    };
    let r = RatesReport::embedded(
        &forms,
        args.years,
        args.version.as_deref(),
        args.microstates,
    )?;
    let pct = |v: f64| format!("{:+.2}", 100.0 * v);
    let (start, states) = (r.window_start, &r.states);
    let long = || {
        r.forms.iter().flat_map(move |f| {
            f.counts.iter().enumerate().map(move |(i, &c)| {
                (
                    start + i as i32,
                    f.key.as_str(),
                    c,
                    states[i],
                    f.per_100_states[i],
                )
            })
        })
    };
    let mut datasets: Vec<&conflictstats::data::Provenance> = Vec::new();
    for p in r
        .forms
        .iter()
        .map(|f| &f.dataset)
        .chain([&r.states_dataset])
    {
        if !datasets.iter().any(|d| d.sha256 == p.sha256) {
            datasets.push(p);
        }
    }
    Ok(match args.format {
        Format::Json => Envelope::new("rates")
            .datasets(datasets.iter().copied())
            .spec(&serde_json::json!({
                "forms": forms.iter().map(|f| f.key()).collect::<Vec<_>>(),
                "window": [r.window_start, r.window_end],
                "version": args.version,
                "microstates": args.microstates,
            }))
            .row_values(
                long()
                    .map(|(year, form, count, states, per)| {
                        serde_json::json!({"year": year, "form": form, "count": count, "states": states, "per_100_states": per})
                    })
                    .collect(),
            )
            .result_fields(&r, &["states_dataset"])
            .render(),
        Format::Csv => {
            let mut out = String::from("year,form,count,states,per_100_states\n");
            for f in &r.forms {
                for (i, c) in f.counts.iter().enumerate() {
                    let _ = writeln!(
                        out,
                        "{},{},{c},{},{:.6}",
                        r.window_start + i as i32,
                        f.key,
                        r.states[i],
                        f.per_100_states[i]
                    );
                }
            }
            csv_with_provenance(
                out,
                r.forms
                    .iter()
                    .map(|f| &f.dataset)
                    .chain([&r.states_dataset]),
            )
        }
        Format::Table => {
            let mut out = format!(
                "Counts and rates per state, {}–{} ({} → {} states in the G&W system)\n{:<30} {:>6} {:>6} {:>24} {:>24}\n",
                r.window_start,
                r.window_end,
                r.states.first().copied().unwrap_or(0),
                r.states.last().copied().unwrap_or(0),
                "form",
                "first",
                "last",
                "count %/yr (NB 95 % CI)",
                "per state %/yr (NB)"
            );
            for f in &r.forms {
                let (first, last) = (
                    f.counts.first().copied().unwrap_or(0),
                    f.counts.last().copied().unwrap_or(0),
                );
                let fits = match (&f.count_negbin, &f.rate) {
                    (Some(c), Some(rt)) => format!(
                        "{:>8} ({}, {}) {:>8} ({}, {})",
                        pct(c.growth_rate),
                        pct(c.ci_low),
                        pct(c.ci_high),
                        pct(rt.negbin.growth_rate),
                        pct(rt.negbin.ci_low),
                        pct(rt.negbin.ci_high)
                    ),
                    _ => format!("no fit: {}", f.note.clone().unwrap_or_default()),
                };
                let _ = writeln!(
                    out,
                    "{:<30} {first:>6} {last:>6} {fits}",
                    format!("{} ({})", f.key, f.question)
                );
            }
            let _ = writeln!(out, "\n{}", r.statement);
            out
        }
    })
}
