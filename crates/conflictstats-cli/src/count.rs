//! `conflictstats count`.

use crate::output::{DataArgs, Format, json};
use clap::Args;
use conflictstats::model::{Incompatibility, Intensity, Region, TypeOfConflict};
use conflictstats::{CountSpec, CountTable, CountUnit, Dimension, Filters, Result, count};
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
    /// Counting unit: conflict (distinct UCDP conflicts active in the year) or country
    /// (distinct location states of those conflicts).
    #[arg(long, default_value = "conflict")]
    pub unit: CountUnit,
    /// Group by type, intensity, incompatibility or region (a multi-region conflict counts once
    /// in each of its regions).
    #[arg(long)]
    pub by: Option<Dimension>,
    /// First year (default: first year of the data).
    #[arg(long)]
    pub from: Option<i32>,
    /// Last year (default: last year of the data).
    #[arg(long)]
    pub to: Option<i32>,
    /// Keep only these types (comma separated): extrasystemic, interstate, intrastate,
    /// internationalized_intrastate.
    #[arg(long = "type", value_delimiter = ',')]
    pub types: Vec<TypeOfConflict>,
    /// Keep only these intensities: minor, war.
    #[arg(long = "intensity", value_delimiter = ',')]
    pub intensities: Vec<Intensity>,
    /// Keep only these incompatibilities: territory, government, both.
    #[arg(long = "incompatibility", value_delimiter = ',')]
    pub incompatibilities: Vec<Incompatibility>,
    /// Keep only these regions: europe, middle_east, asia, africa, americas.
    #[arg(long = "region", value_delimiter = ',')]
    pub regions: Vec<Region>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

impl CountArgs {
    pub(crate) fn spec(&self) -> CountSpec {
        CountSpec {
            unit: self.unit,
            filters: Filters {
                types: self.types.clone(),
                intensities: self.intensities.clone(),
                incompatibilities: self.incompatibilities.clone(),
                regions: self.regions.clone(),
                from_year: self.from,
                to_year: self.to,
            },
            by: self.by,
        }
    }
}

pub(crate) fn run(args: &CountArgs) -> Result<String> {
    let acd = args.data.load_acd()?;
    let table = count(&acd, &args.spec())?;
    Ok(match args.format {
        Format::Csv => table.to_csv(),
        Format::Json => json(&table),
        Format::Table => render_table(&table),
    })
}

fn render_table(t: &CountTable) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} — unit: {}", t.dataset.label(), t.spec.unit);
    let _ = writeln!(out, "  ({})", t.spec.unit.definition());
    match t.spec.by {
        None => {
            let _ = writeln!(out, "{:>6} {:>7}", "year", "count");
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
