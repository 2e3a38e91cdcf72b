//! `conflictstats count`.

use crate::applies::{self, Condition, Reads, Scope};
use crate::envelope::Envelope;
use crate::output::{CliResult, DataArgs, Format, csv_with_provenance};
use crate::vocab::{self, YearRange};
use clap::Args;
use conflictstats::count::count_in;
use conflictstats::model::{Incompatibility, Intensity, Region, TypeOfConflict};
use conflictstats::{CountSpec, CountTable, CountUnit, Dimension, Filters};
use std::fmt::Write as _;

/// Count per year.
///
/// A conflict fought in several regions counts once in EACH of its regions, so counts by
/// region can add up to more than the total. For `--unit country`, each location state counts
/// in its own region. Every year of the range is printed, with 0 where nothing was active;
/// years outside the data's coverage are an error.
#[derive(Debug, Clone, Args)]
pub(crate) struct CountArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Counting unit: conflict (UCDP conflicts, ACD), dyad (UCDP Dyadic), country (location
    /// states), state_party (governments on either side, primary or secondary),
    /// nonstate_conflict, onesided_actor, or legal_relationship (an APPROXIMATION of the
    /// ICRC/RULAC unit: dyads + non-state conflicts, kept --persistence years).
    #[arg(long, default_value = "conflict", help_heading = vocab::ANALYSIS)]
    pub unit: CountUnit,
    /// For --unit legal_relationship: years a relationship stays counted after its last
    /// active year (0: active years only).
    #[arg(long, default_value_t = 0, value_name = "YEARS", help_heading = vocab::ANALYSIS)]
    pub persistence: u32,
    /// Group by type, intensity, incompatibility or region (a multi-region conflict counts once
    /// in each of its regions).
    #[arg(long, help_heading = vocab::ANALYSIS)]
    pub by: Option<Dimension>,
    /// Years FROM-TO, one YEAR, FROM- or -TO (default: every year of the data).
    #[arg(long, value_name = "FROM-TO", value_parser = vocab::parse_years, allow_hyphen_values = true, help_heading = vocab::FILTERS)]
    pub years: Option<YearRange>,
    /// Deprecated: --years FROM-.
    #[arg(long, hide = true)]
    pub from: Option<i32>,
    /// Deprecated: --years -TO.
    #[arg(long, hide = true)]
    pub to: Option<i32>,
    /// Keep only these types (comma separated): extrasystemic, interstate, intrastate,
    /// internationalized_intrastate, or UCDP's codes 1–4.
    #[arg(long = "type", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub types: Vec<TypeOfConflict>,
    /// Keep only these intensities: minor, war, or UCDP's codes 1–2.
    #[arg(long = "intensity", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub intensities: Vec<Intensity>,
    /// Keep only these incompatibilities: territory, government, both, or UCDP's codes 1–3.
    #[arg(long = "incompatibility", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub incompatibilities: Vec<Incompatibility>,
    /// Keep only these regions: europe, middle_east, asia, africa, americas, or UCDP's codes
    /// 1–5.
    #[arg(long = "region", value_delimiter = ',', help_heading = vocab::FILTERS)]
    pub regions: Vec<Region>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = vocab::OUTPUT)]
    pub format: Format,
}

impl Scope for CountArgs {
    fn reads(&self) -> Reads {
        applies::unit_reads(self.unit)
    }

    fn conditions(&self) -> Vec<Condition> {
        let mut out = applies::unit_conditions(self.unit, self.by);
        out.push(applies::dataset_condition(
            self.unit,
            self.data.dataset.as_deref(),
        ));
        out
    }
}

impl CountArgs {
    pub(crate) fn spec(&self) -> CountSpec {
        let years = self.years.unwrap_or_default().with_old(self.from, self.to);
        CountSpec {
            unit: self.unit,
            filters: Filters {
                types: self.types.clone(),
                intensities: self.intensities.clone(),
                incompatibilities: self.incompatibilities.clone(),
                regions: self.regions.clone(),
                from_year: years.from,
                to_year: years.to,
            },
            by: self.by,
            persistence: self.persistence,
        }
    }
}

pub(crate) fn run(args: &CountArgs) -> CliResult {
    let spec = args.spec();
    let data = args.data.load(args.unit)?;
    let table = count_in(&data.sources(), &spec)?;
    let datasets = std::iter::once(&table.dataset).chain(&table.other_datasets);
    Ok(match args.format {
        Format::Csv => csv_with_provenance(table.to_csv(), datasets),
        Format::Json => {
            let warnings: Vec<_> = data
                .loaded()
                .into_iter()
                .flat_map(|(_, w)| w)
                .cloned()
                .collect();
            Envelope::new("count")
                .datasets(datasets)
                .spec(&table.spec)
                .row_values(table.json_rows())
                .result("unit", &unit_json(table.spec.unit))
                .warnings(&warnings)
                .render()
        }
        Format::Table => render_table(&table),
    })
}

/// The unit's definition and caveat, as the JSON `result.unit` gives them.
pub(crate) fn unit_json(unit: CountUnit) -> serde_json::Value {
    serde_json::json!({
        "key": unit.key(),
        "definition": unit.definition(),
        "caveat": unit.caveat(),
        "datasets": unit.datasets(),
        "state_based": unit.is_state_based(),
    })
}

fn render_table(t: &CountTable) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — unit: {}", t.dataset.label(), t.spec.unit);
    for other in &t.other_datasets {
        let _ = writeln!(out, "  + {}", other.label());
    }
    let _ = writeln!(out, "  ({})", t.spec.unit.definition());
    if let Some(caveat) = t.spec.unit.caveat() {
        let _ = writeln!(out, "  APPROXIMATION: {caveat}");
    }
    if t.spec.persistence > 0 {
        let _ = writeln!(out, "  persistence: {} years", t.spec.persistence);
    }
    match t.spec.by {
        None => {
            let _ = writeln!(out, "{:>6} {:>7}", "year", t.count_column());
            for r in &t.rows {
                let _ = writeln!(out, "{:>6} {:>7}", r.year, r.count);
            }
        }
        Some(by) => {
            let groups = by.groups();
            let widths: Vec<usize> = groups.iter().map(|g| g.key().len().max(5)).collect();
            let _ = write!(out, "{:>6}", "year");
            for (g, w) in groups.iter().zip(&widths) {
                let _ = write!(out, " {:>w$}", g.key());
            }
            out.push('\n');
            for chunk in t.rows.chunks(groups.len()) {
                let _ = write!(out, "{:>6}", chunk[0].year);
                for (r, w) in chunk.iter().zip(&widths) {
                    let _ = write!(out, " {:>w$}", r.count);
                }
                out.push('\n');
            }
        }
    }
    out
}
