//! `conflictstats panel …`: state-year, dyad-year, conflict-year and conflict-dyad-year panels,
//! and GED event aggregation. CSV (nulls as empty fields, flags as 0/1) or JSON with metadata.

use crate::output::report_load;
use clap::{Args, Subcommand, ValueEnum};
use conflictstats::Result;
use conflictstats::data::{Acd, Dyadic, Ged, GwStates, Provenance, registry};
use conflictstats::events::{AggregateSpec, Attribution, EventUnit, Period, aggregate};
use conflictstats::panel::{
    Panel, PanelSpec, conflict_dyad_year, conflict_year, dyad_year, state_year,
};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PanelFormat {
    /// Comma-separated values, empty fields for nulls.
    Csv,
    /// JSON: metadata (spec, provenance) and one object per row.
    Json,
}

#[derive(Debug, Subcommand)]
pub(crate) enum PanelCommand {
    /// One row per G&W state per year of membership, with conflict incidence, onsets,
    /// episodes and peace years.
    StateYear(PanelArgs),
    /// One row per pair of G&W states per year, with interstate conflict incidence and onsets.
    DyadYear(PanelArgs),
    /// One row per UCDP conflict per year from its first active year, with episodes.
    ConflictYear(PanelArgs),
    /// One row per UCDP dyad (Dyadic dataset) per year from its first active year, with
    /// episodes.
    ConflictDyadYear(DyadicPanelArgs),
    /// GED events summed per country-month/-year, conflict-year or PRIO-GRID cell-year.
    Events(EventArgs),
}

#[derive(Debug, Clone, Args)]
pub(crate) struct PanelArgs {
    /// First year of the rows (default: first year of the conflict data, 1946).
    #[arg(long)]
    pub from: Option<i32>,
    /// Last year of the rows (default: last year of the conflict data, 2024).
    #[arg(long)]
    pub to: Option<i32>,
    /// Onset after at least this many inactive years (UCDP's episode rule: 1).
    #[arg(long, default_value_t = 1)]
    pub gap: u32,
    /// Include G&W microstates.
    #[arg(long)]
    pub microstates: bool,
    /// Dyad-year: directed dyads (both orders).
    #[arg(long)]
    pub directed: bool,
    /// Conflict-year: only active years.
    #[arg(long)]
    pub active_only: bool,
    /// ACD version (default: the newest embedded release).
    #[arg(long)]
    pub acd_version: Option<String>,
    /// Read this ACD file instead of the embedded release.
    #[arg(long, value_name = "PATH", conflicts_with = "acd_version")]
    pub acd_file: Option<PathBuf>,
    /// Read this G&W list (states package layout) instead of the embedded one.
    #[arg(long, value_name = "PATH")]
    pub states_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv)]
    pub format: PanelFormat,
}

/// Flags of `panel conflict-dyad-year`: those of `conflict-year`, with the UCDP Dyadic data in
/// place of the ACD.
#[derive(Debug, Clone, Args)]
pub(crate) struct DyadicPanelArgs {
    /// First year of the rows (default: first year of the Dyadic data, 1946).
    #[arg(long)]
    pub from: Option<i32>,
    /// Last year of the rows (default: last year of the Dyadic data, 2023).
    #[arg(long)]
    pub to: Option<i32>,
    /// Onset after at least this many inactive years (UCDP's episode rule: 1).
    #[arg(long, default_value_t = 1)]
    pub gap: u32,
    /// Only active dyad-years (the Dyadic dataset's own rows).
    #[arg(long)]
    pub active_only: bool,
    /// UCDP Dyadic version (default: the newest embedded release).
    #[arg(long)]
    pub dyadic_version: Option<String>,
    /// Read this UCDP Dyadic file instead of the embedded release.
    #[arg(long, value_name = "PATH", conflicts_with = "dyadic_version")]
    pub dyadic_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv)]
    pub format: PanelFormat,
}

impl DyadicPanelArgs {
    fn spec(&self, dyadic: &Dyadic) -> PanelSpec {
        let cov = dyadic.year_range().unwrap_or((1946, 1946));
        let mut spec = PanelSpec::default()
            .gap(self.gap)
            .active_only(self.active_only);
        if self.from.is_some() || self.to.is_some() {
            spec = spec.years(self.from.unwrap_or(cov.0), self.to.unwrap_or(cov.1));
        }
        spec
    }

    fn dyadic(&self) -> Result<Dyadic> {
        match &self.dyadic_file {
            Some(path) => {
                let dyadic = Dyadic::from_path(path)?;
                report_load(&dyadic.provenance, &dyadic.warnings);
                Ok(dyadic)
            }
            None => Dyadic::from_entry(registry::find(
                "ucdp-dyadic",
                self.dyadic_version.as_deref(),
            )?),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum UnitArg {
    /// `country_id` (G&W code).
    Country,
    /// `(type_of_violence, conflict_new_id)`.
    Conflict,
    /// `priogrid_gid`.
    Priogrid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PeriodArg {
    /// Calendar month.
    Month,
    /// Calendar year.
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AttributionArg {
    /// Split evenly over the months spanned, whole deaths, remainders to the earliest months.
    SplitEven,
    /// All to the month of date_start.
    StartMonth,
    /// All to the month of date_end.
    EndMonth,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct EventArgs {
    /// Unit of aggregation.
    #[arg(long, value_enum, default_value_t = UnitArg::Country)]
    pub unit: UnitArg,
    /// Period of aggregation.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year)]
    pub period: PeriodArg,
    /// Rule for events whose date range spans several months.
    #[arg(long, value_enum, default_value_t = AttributionArg::SplitEven)]
    pub attribution: AttributionArg,
    /// Keep only events with date_prec ≤ this (1–5; 5 keeps all). Dropped events are
    /// reported in the JSON metadata.
    #[arg(long, default_value_t = 5)]
    pub max_date_prec: u8,
    /// Read this GED CSV instead of the embedded 1,000-event sample of GED 23.1.
    #[arg(long, value_name = "PATH")]
    pub ged_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv)]
    pub format: PanelFormat,
}

fn render(p: &dyn Panel, format: PanelFormat, datasets: &[&Provenance]) -> String {
    match format {
        PanelFormat::Csv => {
            crate::output::csv_with_provenance(p.to_csv(), datasets.iter().copied())
        }
        PanelFormat::Json => crate::output::json(&p.to_json()),
    }
}

impl PanelArgs {
    fn spec(&self, acd: &Acd) -> PanelSpec {
        let cov = acd.year_range().unwrap_or((1946, 1946));
        let mut spec = PanelSpec::default()
            .gap(self.gap)
            .microstates(self.microstates)
            .directed(self.directed)
            .active_only(self.active_only);
        if self.from.is_some() || self.to.is_some() {
            spec = spec.years(self.from.unwrap_or(cov.0), self.to.unwrap_or(cov.1));
        }
        spec
    }

    fn acd(&self) -> Result<Acd> {
        match &self.acd_file {
            Some(path) => {
                let acd = Acd::from_path(path)?;
                report_load(&acd.provenance, &acd.warnings);
                Ok(acd)
            }
            None => Acd::from_entry(registry::find("ucdp-acd", self.acd_version.as_deref())?),
        }
    }

    fn states(&self) -> Result<GwStates> {
        match &self.states_file {
            Some(path) => {
                let states = GwStates::from_path(path)?;
                report_load(&states.provenance, &states.warnings);
                Ok(states)
            }
            None => GwStates::embedded(None),
        }
    }
}

/// `conflictstats panel …`.
pub(crate) fn run(cmd: &PanelCommand) -> Result<String> {
    match cmd {
        PanelCommand::StateYear(a) => {
            let acd = a.acd()?;
            let states = a.states()?;
            let p = state_year(&states, &acd, &a.spec(&acd))?;
            Ok(render(&p, a.format, &[&acd.provenance, &states.provenance]))
        }
        PanelCommand::DyadYear(a) => {
            let acd = a.acd()?;
            let states = a.states()?;
            let p = dyad_year(&states, &acd, &a.spec(&acd))?;
            Ok(render(&p, a.format, &[&acd.provenance, &states.provenance]))
        }
        PanelCommand::ConflictYear(a) => {
            let acd = a.acd()?;
            let p = conflict_year(&acd, &a.spec(&acd))?;
            Ok(render(&p, a.format, &[&acd.provenance]))
        }
        PanelCommand::ConflictDyadYear(a) => {
            let dyadic = a.dyadic()?;
            let p = conflict_dyad_year(&dyadic, &a.spec(&dyadic))?;
            Ok(render(&p, a.format, &[&dyadic.provenance]))
        }
        PanelCommand::Events(a) => {
            let ged = match &a.ged_file {
                Some(path) => {
                    let ged = Ged::from_path(path)?;
                    report_load(&ged.provenance, &ged.warnings);
                    ged
                }
                None => Ged::embedded(None)?,
            };
            let unit = match a.unit {
                UnitArg::Country => EventUnit::Country,
                UnitArg::Conflict => EventUnit::Conflict,
                UnitArg::Priogrid => EventUnit::PrioGrid,
            };
            let period = match a.period {
                PeriodArg::Month => Period::Month,
                PeriodArg::Year => Period::Year,
            };
            let attribution = match a.attribution {
                AttributionArg::SplitEven => Attribution::SplitEven,
                AttributionArg::StartMonth => Attribution::StartMonth,
                AttributionArg::EndMonth => Attribution::EndMonth,
            };
            let spec = AggregateSpec::new(unit, period)
                .attribution(attribution)
                .max_date_prec(a.max_date_prec);
            let t = aggregate(&ged, &spec)?;
            Ok(match a.format {
                PanelFormat::Csv => {
                    crate::output::csv_with_provenance(t.to_csv(), [&ged.provenance])
                }
                PanelFormat::Json => crate::output::json(&serde_json::json!({
                    "metadata": {
                        "spec": t.spec,
                        "excluded": t.excluded,
                        "totals": {"low": t.total_low(), "best": t.total_best(), "high": t.total_high()},
                        "provenance": ged.provenance,
                    },
                    "table": t,
                })),
            })
        }
    }
}
