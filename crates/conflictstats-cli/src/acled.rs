//! `conflictstats panel events --acled-file FILE`: a user's ACLED export summed per G&W
//! country-month or country-year by the core's event kernel. Parsing and printing only: the
//! loader, the filters, the crosswalk and the sums are the core's
//! ([`conflictstats::events::aggregate_acled`]).

use crate::applies::Condition;
use crate::envelope::Envelope;
use crate::output::{CliResult, report_load};
use crate::panel::{EventArgs, PanelFormat, PeriodArg, UnitArg};
use crate::vocab;
use clap::Args;
use conflictstats::Result;
use conflictstats::data::{Acled, Crosswalk, IsoNumeric};
use conflictstats::events::{ACLED_MEASURE, AcledSpec, AcledTable, Period, aggregate_acled};
use std::path::{Path, PathBuf};

/// The ACLED flags of `panel events`.
#[derive(Debug, Clone, Args)]
pub(crate) struct AcledArgs {
    /// Read this ACLED export (ACLED's CSV layout) instead of GED: ACLED reported fatalities
    /// per G&W country, not UCDP battle-related deaths.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, conflicts_with = "ged_file", help_heading = vocab::DATA)]
    pub acled_file: Option<PathBuf>,
    /// ACLED only: keep these event types (ACLED's spelling or key, e.g. Battles,
    /// "Violence against civilians", explosions_remote_violence); repeat or comma-separate.
    #[arg(long, value_name = "TYPE", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub event_type: Vec<String>,
    /// ACLED only: keep these sub-event types (e.g. "Armed clash", air_drone_strike).
    #[arg(long, value_name = "TYPE", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub sub_event_type: Vec<String>,
    /// ACLED only: keep events whose disorder type includes one of these (Political
    /// violence, Demonstrations, Strategic developments).
    #[arg(long, value_name = "TYPE", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub disorder_type: Vec<String>,
    /// ACLED only: keep events dated to the day (1), the week (2) or the month (3, all).
    #[arg(long, value_name = "1-3", help_heading = vocab::FILTERS)]
    pub max_time_precision: Option<u8>,
}

impl AcledArgs {
    fn spec(&self, period: Period) -> Result<AcledSpec> {
        AcledSpec::parse(
            period,
            &self.event_type,
            &self.sub_event_type,
            &self.disorder_type,
            self.max_time_precision.unwrap_or(3),
        )
    }
}

/// The options of `panel events` that apply to GED or to an ACLED export only.
pub(crate) fn conditions(a: &EventArgs) -> Vec<Condition> {
    let acled = a.acled.acled_file.is_some();
    let not_ged = "it filters an ACLED export (--acled-file), not GED";
    let mut out: Vec<Condition> = [
        "--event-type",
        "--sub-event-type",
        "--disorder-type",
        "--max-time-precision",
    ]
    .into_iter()
    .map(|o| Condition::new(o, acled, not_ged))
    .collect();
    out.push(Condition::new(
        "--unit",
        !acled || a.unit == UnitArg::Country,
        "ACLED events are summed per G&W country (ACLED has no UCDP conflict ids or PRIO-GRID cells)",
    ));
    for option in ["--attribution", "--max-date-prec"] {
        out.push(Condition::new(
            option,
            !acled,
            "ACLED events are single days; use --max-time-precision",
        ));
    }
    out
}

/// `panel events --acled-file FILE`.
pub(crate) fn run(name: &'static str, a: &EventArgs, path: &Path) -> CliResult {
    let period = match a.period {
        PeriodArg::Month => Period::Month,
        PeriodArg::Year => Period::Year,
    };
    let spec = a.acled.spec(period)?;
    let acled = Acled::from_path(path)?;
    report_load(&acled.provenance, &acled.warnings);
    let (iso, cw) = (IsoNumeric::embedded()?, Crosswalk::embedded()?);
    let t = aggregate_acled(&acled, &spec, &iso, &cw)?;
    let datasets = [&acled.provenance, &iso.provenance, &cw.provenance];
    if !t.unmatched.is_empty() {
        let u = t.unmatched_total();
        eprintln!(
            "warning: {} events ({} fatalities) have no single G&W country on their date and are not counted; they are listed in the JSON output (result.excluded.unmatched)",
            u.events, u.fatalities
        );
    }
    Ok(match a.format {
        PanelFormat::Csv => crate::output::csv_with_provenance(t.to_csv(), datasets),
        PanelFormat::Json => Envelope::new(name)
            .datasets(datasets)
            .spec(&t.spec)
            .row_values(rows(&t))
            .result("measure", ACLED_MEASURE)
            .result("layout", &acled.layout)
            .result(
                "excluded",
                &serde_json::json!({
                    "not_selected": t.not_selected,
                    "imprecise": t.imprecise,
                    "unmatched": t.unmatched,
                }),
            )
            .result("totals", &t.counted())
            .result("extra_columns", &acled.extra_columns)
            .warnings(&acled.warnings)
            .render(),
    })
}

/// The rows as flat objects, the columns of the CSV.
fn rows(t: &AcledTable) -> Vec<serde_json::Value> {
    (0..t.len())
        .map(|i| {
            let mut m = serde_json::Map::new();
            m.insert("gwcode".into(), t.gwcode[i].into());
            m.insert("year".into(), t.year[i].into());
            if let Some(month) = &t.month {
                m.insert("month".into(), month[i].into());
            }
            m.insert("fatalities".into(), t.fatalities[i].into());
            m.insert("events".into(), t.events[i].into());
            m.insert("source".into(), t.source.clone().into());
            serde_json::Value::Object(m)
        })
        .collect()
}
