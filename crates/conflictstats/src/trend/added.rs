//! The parts of a trend report computed from more than the counted series: the stock and
//! flow of state-based conflicts (always, when the series is all of them), the rates per G&W
//! state of every form of violence and the power-law tail of battle-related deaths (when
//! asked). The CLI's `trend --rates --severity` and Python's `cs.trend(rates=True,
//! severity=True)` both call [`add_parts`]: one rule for both.
//!
//! ```
//! use conflictstats::count::{Datasets, count_in};
//! use conflictstats::trend::{AddedParts, TrendOptions, TrendReport, add_parts};
//! use conflictstats::{CountSpec, CountUnit};
//!
//! let data = Datasets::embedded_for(&[CountUnit::Conflict], Some("25.1"))?;
//! let table = count_in(&data.sources(), &CountSpec::new(CountUnit::Conflict))?;
//! let opts = TrendOptions { shapes: None, ..TrendOptions::default() };
//! let mut r = TrendReport::from_count_table(&table, &opts)?;
//! add_parts(&mut r, &data, AddedParts { rates: false, severity: true }, Some("25.1"))?;
//! let keys: Vec<&str> = r.sections.iter().map(|s| s.key.as_str()).collect();
//! assert!(keys.contains(&"stock_flow") && keys.contains(&"severity"));
//! // Every dataset a part read is named with the report's own.
//! let names: Vec<&str> = r.other_datasets.iter().map(|d| d.name.as_str()).collect();
//! assert_eq!(names, ["gw-states", "ucdp-brd"]);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use super::report::TrendReport;
use crate::count::Datasets;
use crate::data::{Brd, GwStates};
use crate::error::Result;
use serde::Serialize;

/// Which optional parts to add (the stock and flow is added whenever it applies).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AddedParts {
    /// Counts and rates per G&W state of every form of violence, with their growth.
    pub rates: bool,
    /// The power-law tail of battle-related deaths per conflict-year (asymptotic SE, no
    /// bootstrap).
    pub severity: bool,
}

/// Adds to `report`, before its notes: the stock and flow of state-based conflicts from
/// `data`'s ACD (when the report counts all of them:
/// [`trend_section`](crate::stockflow::trend_section)); with `parts.rates`, the rates per
/// state of every form of violence; with `parts.severity`, the severity of battle-related
/// deaths. The rates and severity read the embedded releases of `version` (each dataset's
/// default when `None`). The datasets each part read join the report's
/// [`other_datasets`](TrendReport::other_datasets).
///
/// # Errors
/// A release `version` lacks, or the parts' own errors.
pub fn add_parts(
    report: &mut TrendReport,
    data: &Datasets,
    parts: AddedParts,
    version: Option<&str>,
) -> Result<()> {
    if let Some(acd) = data.acd.as_ref() {
        let gw = GwStates::embedded(None)?;
        if let Some(s) = crate::stockflow::trend_section(report, acd, &gw)? {
            report.push_section(s);
        }
    }
    if parts.rates {
        let forms = crate::rates::Form::ALL;
        let r = crate::rates::RatesReport::embedded(&forms, None, version, false)?;
        report.push_section(r.section());
    }
    if parts.severity {
        // The same resolution as every other dataset: embedded, else the cache of fetched releases.
        let brd: Brd = crate::data::Sources::embedded(version).brd()?;
        let opts = crate::severity::SeverityOptions {
            bootstrap: None,
            ..crate::severity::SeverityOptions::default()
        };
        report.push_section(crate::severity::SeverityReport::from_brd(&brd, &opts)?.section());
    }
    Ok(())
}
