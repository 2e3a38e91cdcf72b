//! `conflictstats panel …`: state-year, dyad-year, conflict-year and conflict-dyad-year panels,
//! and GED event aggregation. CSV (nulls as empty fields, flags as 0/1) or JSON with metadata.

use crate::applies::{Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, Failure, Format, Output, report_load};
use crate::vocab::{self, YearRange};
use clap::{Args, Subcommand, ValueEnum};
use conflictstats::Result;
use conflictstats::data::columnar::FileFormat;
use conflictstats::data::ingest::Ingest;
use conflictstats::data::{Acd, DatasetId, Dyadic, GwStates, LoadWarning, Provenance, Sources};
use conflictstats::events::{AggregateSpec, Attribution, EventTable, EventUnit, Period, aggregate};
use conflictstats::panel::{
    JsonRow, Panel, PanelSpec, Role, conflict_dyad_year, conflict_year, dyad_year, state_year,
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
    /// GED events summed per country-month/-year, conflict-year or PRIO-GRID cell-year (or a
    /// user's ACLED export per country-month/-year: --acled-file).
    Events(EventArgs),
}

#[derive(Debug, Clone, Args)]
pub(crate) struct PanelArgs {
    /// Years of the rows FROM-TO, one YEAR, FROM- or -TO (default: the years of the conflict
    /// data, 1946–2024).
    #[arg(long, value_name = "FROM-TO", value_parser = vocab::parse_years, allow_hyphen_values = true, help_heading = vocab::FILTERS)]
    pub years: Option<YearRange>,
    /// Deprecated: --years FROM-.
    #[arg(long, hide = true)]
    pub from: Option<i32>,
    /// Deprecated: --years -TO.
    #[arg(long, hide = true)]
    pub to: Option<i32>,
    /// Onset after at least this many inactive years (UCDP's episode rule: 1).
    #[arg(long, default_value_t = 1, help_heading = vocab::ANALYSIS)]
    pub gap: u32,
    /// State-year and dyad-year only: include G&W microstates.
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub microstates: bool,
    /// Dyad-year only: directed dyads (both orders).
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub directed: bool,
    /// Conflict-year only: only active years.
    #[arg(long, help_heading = vocab::FILTERS)]
    pub active_only: bool,
    /// State-year and dyad-year only: the participation role coded — location (the state
    /// where the conflict is located, gwno_loc; state-year's default), primary (a primary
    /// party, gwno_a/gwno_b; dyad-year's default) or any (side A or B, secondary included).
    #[arg(long, value_name = "ROLE", value_parser = parse_role, help_heading = vocab::ANALYSIS)]
    pub role: Option<Role>,
    /// ACD release: embedded, else fetched into the cache (default: the newest embedded
    /// release).
    #[arg(long, alias = "acd-version", help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this ACD file instead of the embedded release (`-`: standard input).
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, conflicts_with = "version", help_heading = vocab::DATA)]
    pub acd_file: Option<PathBuf>,
    /// State-year and dyad-year only: read this G&W list (states package layout) instead of
    /// the embedded one.
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub states_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv, help_heading = vocab::OUTPUT)]
    pub format: PanelFormat,
}

/// Flags of `panel conflict-dyad-year`: those of `conflict-year`, with the UCDP Dyadic data in
/// place of the ACD.
#[derive(Debug, Clone, Args)]
pub(crate) struct DyadicPanelArgs {
    /// Years of the rows FROM-TO, one YEAR, FROM- or -TO (default: the years of the Dyadic
    /// data, 1946–2024 in v25.1).
    #[arg(long, value_name = "FROM-TO", value_parser = vocab::parse_years, allow_hyphen_values = true, help_heading = vocab::FILTERS)]
    pub years: Option<YearRange>,
    /// Deprecated: --years FROM-.
    #[arg(long, hide = true)]
    pub from: Option<i32>,
    /// Deprecated: --years -TO.
    #[arg(long, hide = true)]
    pub to: Option<i32>,
    /// Onset after at least this many inactive years (UCDP's episode rule: 1).
    #[arg(long, default_value_t = 1, help_heading = vocab::ANALYSIS)]
    pub gap: u32,
    /// Only active dyad-years (the Dyadic dataset's own rows).
    #[arg(long, help_heading = vocab::FILTERS)]
    pub active_only: bool,
    /// UCDP Dyadic release: embedded, else fetched into the cache (default: the newest
    /// embedded release).
    #[arg(long, alias = "dyadic-version", help_heading = vocab::DATA)]
    pub version: Option<String>,
    /// Read this UCDP Dyadic file instead of the embedded release (`-`: standard input).
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, conflicts_with = "version", help_heading = vocab::DATA)]
    pub dyadic_file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv, help_heading = vocab::OUTPUT)]
    pub format: PanelFormat,
}

impl DyadicPanelArgs {
    fn spec(&self, dyadic: &Dyadic) -> PanelSpec {
        let cov = dyadic.year_range().unwrap_or((1946, 1946));
        let spec = PanelSpec::default()
            .gap(self.gap)
            .active_only(self.active_only);
        with_years(spec, self.years, self.from, self.to, cov)
    }

    fn dyadic(&self) -> Result<Dyadic> {
        let dyadic = Sources::embedded(self.version.as_deref())
            .with_optional_file(DatasetId::Dyadic, self.dyadic_file.as_deref())
            .dyadic()?;
        report_load(&dyadic.provenance, &dyadic.warnings);
        Ok(dyadic)
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum EventsFormat {
    /// UCDP's CSV layout (the strict CSV loader).
    Csv,
    /// Apache Parquet.
    Parquet,
    /// Arrow IPC (Feather v2 file or stream).
    Arrow,
}

#[derive(Debug, Clone, Args)]
pub(crate) struct EventArgs {
    /// Unit of aggregation.
    #[arg(long, value_enum, default_value_t = UnitArg::Country, help_heading = vocab::ANALYSIS)]
    pub unit: UnitArg,
    /// Period of aggregation.
    #[arg(long, value_enum, default_value_t = PeriodArg::Year, help_heading = vocab::ANALYSIS)]
    pub period: PeriodArg,
    /// Rule for events whose date range spans several months.
    #[arg(long, value_enum, default_value_t = AttributionArg::SplitEven, help_heading = vocab::ANALYSIS)]
    pub attribution: AttributionArg,
    /// Keep only events with date_prec ≤ this (1–5; 5 keeps all). Dropped events are
    /// reported in the JSON metadata.
    #[arg(long, default_value_t = 5, help_heading = vocab::FILTERS)]
    pub max_date_prec: u8,
    /// Read this GED file instead of the embedded 1,000-event sample of GED 23.1: a CSV, or a
    /// Parquet or Arrow IPC file (GED column names; streamed in record batches).
    #[arg(long, value_name = "PATH", value_parser = vocab::input_path, help_heading = vocab::DATA)]
    pub ged_file: Option<PathBuf>,
    /// Format of --ged-file (default: by its extension; .parquet/.pq, .arrow/.ipc/.feather,
    /// else CSV).
    #[arg(long, value_enum, requires = "ged_file", help_heading = vocab::DATA)]
    pub events_format: Option<EventsFormat>,
    /// Hash and parse --ged-file again even if its verified-hash record says it is unchanged
    /// (the record and the cached columns are rewritten; see "Reading a file again").
    #[arg(long, requires = "ged_file", help_heading = vocab::DATA)]
    pub rehash: bool,
    /// An ACLED export instead of GED, and its filters.
    #[command(flatten)]
    pub acled: crate::acled::AcledArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = PanelFormat::Csv, help_heading = vocab::OUTPUT)]
    pub format: PanelFormat,
}

impl PanelCommand {
    /// The command's name in the JSON envelope.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            PanelCommand::StateYear(_) => "panel state-year",
            PanelCommand::DyadYear(_) => "panel dyad-year",
            PanelCommand::ConflictYear(_) => "panel conflict-year",
            PanelCommand::ConflictDyadYear(_) => "panel conflict-dyad-year",
            PanelCommand::Events(_) => "panel events",
        }
    }

    /// The output format asked for.
    pub(crate) fn format(&self) -> Format {
        let f = match self {
            PanelCommand::StateYear(a)
            | PanelCommand::DyadYear(a)
            | PanelCommand::ConflictYear(a) => a.format,
            PanelCommand::ConflictDyadYear(a) => a.format,
            PanelCommand::Events(a) => a.format,
        };
        match f {
            PanelFormat::Csv => Format::Csv,
            PanelFormat::Json => Format::Json,
        }
    }
}

/// A `--role` value, by the core's table of roles.
fn parse_role(s: &str) -> std::result::Result<Role, String> {
    s.parse::<Role>().map_err(|e| e.to_string())
}

/// Prints the panel's warnings (codes that reach no G&W member) on stderr.
fn report_panel(warnings: &[LoadWarning]) {
    for w in warnings {
        crate::output::warn(&w.to_string());
    }
}

/// The panel as CSV, or as the JSON envelope with its rows streamed one by one as they are
/// written (peak memory independent of the number of rows; a closed pipe stops it).
fn render<P: Panel + 'static>(
    command: &'static str,
    p: P,
    format: PanelFormat,
    datasets: Vec<Provenance>,
    warnings: Vec<LoadWarning>,
) -> Output {
    match format {
        PanelFormat::Csv => Output::Text(crate::output::csv_with_provenance(p.to_csv(), &datasets)),
        PanelFormat::Json => Output::Stream(Box::new(move |w| {
            let meta = crate::envelope::to_value(&p.metadata());
            let cols = p.columns();
            Envelope::new(command)
                .row_stream((0..p.len()).map(|i| JsonRow::new(&cols, i)))
                .datasets(&datasets)
                .spec(&meta.get("spec"))
                .result_fields(&meta, PROVENANCE_KEYS)
                .warnings(&warnings)
                .write(w)
        })),
    }
}

/// Metadata keys holding the spec or a dataset's provenance (in the envelope's `spec` and
/// `datasets` instead).
const PROVENANCE_KEYS: &[&str] = &[
    "spec",
    "provenance",
    "conflict_data",
    "state_list",
    "dyadic_data",
    "dataset",
];

impl PanelArgs {
    fn spec(&self, acd: &Acd) -> PanelSpec {
        let cov = acd.year_range().unwrap_or((1946, 1946));
        let spec = PanelSpec::default()
            .gap(self.gap)
            .microstates(self.microstates)
            .directed(self.directed)
            .active_only(self.active_only);
        let spec = match self.role {
            Some(role) => spec.role(role),
            None => spec,
        };
        with_years(spec, self.years, self.from, self.to, cov)
    }

    /// Where the ACD and the G&W list come from (embedded, or `--acd-file`/`--states-file`).
    fn sources(&self) -> Sources {
        Sources::embedded(self.version.as_deref())
            .with_optional_file(DatasetId::Acd, self.acd_file.as_deref())
            .with_optional_file(DatasetId::GwStates, self.states_file.as_deref())
    }

    fn acd(&self) -> Result<Acd> {
        let acd = self.sources().acd()?;
        report_load(&acd.provenance, &acd.warnings);
        Ok(acd)
    }

    fn states(&self) -> Result<GwStates> {
        let states = self.sources().states()?;
        report_load(&states.provenance, &states.warnings);
        Ok(states)
    }
}

/// `spec` restricted to `--years` (or the old `--from`/`--to`), open ends at the data's
/// coverage `cov`.
fn with_years(
    spec: PanelSpec,
    years: Option<YearRange>,
    from: Option<i32>,
    to: Option<i32>,
    cov: (i32, i32),
) -> PanelSpec {
    let y = years.unwrap_or_default().with_old(from, to);
    if y == YearRange::default() {
        return spec;
    }
    spec.years(y.from.unwrap_or(cov.0), y.to.unwrap_or(cov.1))
}

impl Scope for PanelCommand {
    fn reads(&self) -> Reads {
        let name = self.name();
        match self {
            PanelCommand::StateYear(_) | PanelCommand::DyadYear(_) => {
                Reads::new(name, [DatasetId::Acd, DatasetId::GwStates])
            }
            PanelCommand::ConflictYear(_) => Reads::new(name, [DatasetId::Acd]),
            PanelCommand::ConflictDyadYear(_) => Reads::new(name, [DatasetId::Dyadic]),
            // An ACLED export is not a UCDP dataset; --ged-file and --acled-file exclude each
            // other (clap).
            PanelCommand::Events(_) => Reads::new(name, [DatasetId::Ged]),
        }
    }

    fn conditions(&self) -> Vec<Condition> {
        let kind = self.name();
        match self {
            PanelCommand::StateYear(a)
            | PanelCommand::DyadYear(a)
            | PanelCommand::ConflictYear(a) => {
                let state_based = !matches!(self, PanelCommand::ConflictYear(_));
                let dyad_year = matches!(self, PanelCommand::DyadYear(_));
                vec![
                    Condition::new(
                        "--directed",
                        matches!(self, PanelCommand::DyadYear(_)),
                        format!("only the dyad-year panel has directed dyads, not {kind}"),
                    ),
                    Condition::new(
                        "--active-only",
                        !state_based,
                        format!(
                            "only conflict-year (and conflict-dyad-year) panels drop inactive years, not {kind}"
                        ),
                    ),
                    Condition::new(
                        "--microstates",
                        state_based,
                        "the conflict-year panel has no state list",
                    ),
                    Condition::new(
                        "--role",
                        state_based,
                        "the conflict-year panel has one row per conflict, not per state: roles apply to state-year and dyad-year",
                    ),
                    Condition::new(
                        "--role",
                        !(dyad_year && a.role == Some(Role::Location)),
                        "a pair of states has no location; the dyad-year panel takes --role primary (interstate conflict between primary parties, the default) or --role any (opposite sides of any conflict, secondary parties included)",
                    ),
                ]
            }
            PanelCommand::ConflictDyadYear(_) => Vec::new(),
            PanelCommand::Events(a) => {
                let mut c = crate::acled::conditions(a);
                c.push(Condition::new(
                    "--rehash",
                    a.acled.acled_file.is_none() && a.columnar_format().is_none(),
                    "only a GED CSV file has a verified-hash record and cached columns (an ACLED export, a Parquet or an Arrow file is read whole each time)",
                ));
                c
            }
        }
    }
}

/// `conflictstats panel …`.
pub(crate) fn run(cmd: &PanelCommand) -> Result<Output, Failure> {
    let name = cmd.name();
    Ok(match cmd {
        PanelCommand::StateYear(a) => {
            let acd = a.acd()?;
            let states = a.states()?;
            let p = state_year(&states, &acd, &a.spec(&acd))?;
            report_panel(&p.warnings);
            let warnings = p.warnings.clone();
            render(
                name,
                p,
                a.format,
                vec![acd.provenance, states.provenance],
                warnings,
            )
        }
        PanelCommand::DyadYear(a) => {
            let acd = a.acd()?;
            let states = a.states()?;
            let p = dyad_year(&states, &acd, &a.spec(&acd))?;
            report_panel(&p.warnings);
            let warnings = p.warnings.clone();
            render(
                name,
                p,
                a.format,
                vec![acd.provenance, states.provenance],
                warnings,
            )
        }
        PanelCommand::ConflictYear(a) => {
            let acd = a.acd()?;
            let p = conflict_year(&acd, &a.spec(&acd))?;
            render(name, p, a.format, vec![acd.provenance], Vec::new())
        }
        PanelCommand::ConflictDyadYear(a) => {
            let dyadic = a.dyadic()?;
            let p = conflict_dyad_year(&dyadic, &a.spec(&dyadic))?;
            render(name, p, a.format, vec![dyadic.provenance], Vec::new())
        }
        PanelCommand::Events(a) => Output::Text(match &a.acled.acled_file {
            Some(path) => crate::acled::run(name, a, path)?,
            None => events(name, a)?,
        }),
    })
}

/// `panel events`: the GED CSV (or the embedded sample) loaded, or a Parquet/Arrow file
/// streamed, then one table rendered.
fn events(name: &'static str, a: &EventArgs) -> CliResult {
    let spec = a.spec();
    let (t, provenance, warnings) = match a.columnar_format() {
        Some(format) => {
            let path = a.ged_file.as_deref().unwrap_or(std::path::Path::new(""));
            let (t, p) = columnar_file(path, format, &spec)?;
            report_load(&p, &[]);
            (t, p, Vec::new())
        }
        None => {
            let ged = Sources::embedded(None)
                .with_optional_file(DatasetId::Ged, a.ged_file.as_deref())
                .with_ingest(Ingest::cached(a.rehash))
                .ged()?;
            report_load(&ged.provenance, &ged.warnings);
            (aggregate(&ged, &spec)?, ged.provenance, ged.warnings)
        }
    };
    Ok(match a.format {
        PanelFormat::Csv => crate::output::csv_with_provenance(t.to_csv(), [&provenance]),
        PanelFormat::Json => Envelope::new(name)
            .datasets([&provenance])
            .spec(&t.spec)
            .row_values(t.to_json_rows())
            .result("excluded", &t.excluded)
            .result(
                "totals",
                &serde_json::json!({"low": t.total_low(), "best": t.total_best(), "high": t.total_high()}),
            )
            .warnings(&warnings)
            .render(),
    })
}

/// A Parquet or Arrow IPC events file, streamed in record batches.
#[cfg(feature = "columnar")]
fn columnar_file(
    path: &std::path::Path,
    format: FileFormat,
    spec: &AggregateSpec,
) -> Result<(EventTable, Provenance), Failure> {
    use conflictstats::data::columnar::{DEFAULT_BATCH_ROWS, aggregate_file};
    Ok(aggregate_file(
        path,
        Some(format),
        spec,
        DEFAULT_BATCH_ROWS,
    )?)
}

/// A Parquet or Arrow IPC events file, in a build without the `columnar` feature: the error
/// saying how to build it in (never read as CSV).
#[cfg(not(feature = "columnar"))]
fn columnar_file(
    _path: &std::path::Path,
    format: FileFormat,
    _spec: &AggregateSpec,
) -> Result<(EventTable, Provenance), Failure> {
    use crate::features::{Feature, MissingFeature};
    let asked = format!("a --ged-file in {} format", format.name());
    Err(MissingFeature::new(Feature::Columnar, asked).into())
}

impl EventArgs {
    fn spec(&self) -> AggregateSpec {
        let unit = match self.unit {
            UnitArg::Country => EventUnit::Country,
            UnitArg::Conflict => EventUnit::Conflict,
            UnitArg::Priogrid => EventUnit::PrioGrid,
        };
        let period = match self.period {
            PeriodArg::Month => Period::Month,
            PeriodArg::Year => Period::Year,
        };
        let attribution = match self.attribution {
            AttributionArg::SplitEven => Attribution::SplitEven,
            AttributionArg::StartMonth => Attribution::StartMonth,
            AttributionArg::EndMonth => Attribution::EndMonth,
        };
        AggregateSpec::new(unit, period)
            .attribution(attribution)
            .max_date_prec(self.max_date_prec)
    }

    /// The columnar format of --ged-file: as named, else by extension; `None` for CSV.
    fn columnar_format(&self) -> Option<FileFormat> {
        match self.events_format {
            Some(EventsFormat::Csv) => None,
            Some(EventsFormat::Parquet) => Some(FileFormat::Parquet),
            Some(EventsFormat::Arrow) => Some(FileFormat::ArrowIpc),
            None => self.ged_file.as_deref().and_then(FileFormat::from_path),
        }
    }
}
