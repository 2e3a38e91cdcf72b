//! `aggregate_acled`: a user's ACLED export summed per G&W country and period by the core
//! ([`conflictstats::events::aggregate_acled`]); conversion only.

use crate::run;
use crate::types::PyAcledMetadata;
use conflictstats::Error;
use conflictstats::data::{Acled, Crosswalk, IsoNumeric};
use conflictstats::events::{AcledSpec, AcledTable, Period, aggregate_acled as core_aggregate};
use polars::prelude::{Column, DataFrame};
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

/// The table as a frame: `gwcode`, `year`, `month` (monthly), `fatalities`, `events`
/// (Int64/Int32, as the GED frames), `source`.
fn frame(t: &AcledTable) -> Result<DataFrame, Error> {
    let signed = |v: &[u64]| {
        v.iter()
            .map(|&x| i64::try_from(x).unwrap_or(i64::MAX))
            .collect::<Vec<i64>>()
    };
    let mut cols = vec![
        Column::new(
            "gwcode".into(),
            t.gwcode.iter().map(|&g| i64::from(g)).collect::<Vec<i64>>(),
        ),
        Column::new("year".into(), &t.year),
    ];
    if let Some(m) = &t.month {
        cols.push(Column::new(
            "month".into(),
            m.iter().map(|&x| i32::from(x)).collect::<Vec<i32>>(),
        ));
    }
    cols.push(Column::new("fatalities".into(), signed(&t.fatalities)));
    cols.push(Column::new("events".into(), signed(&t.events)));
    cols.push(Column::new(
        "source".into(),
        vec![t.source.as_str(); t.len()],
    ));
    DataFrame::new(t.len(), cols)
        .map_err(|e| Error::InvalidSpec(format!("cannot build the DataFrame: {e}")))
}

/// ACLED fatalities per G&W country and period, with the spec, what was left out (not
/// selected, imprecise, unmatched countries) and the provenance of the export and the two
/// tables.
#[pyfunction]
#[pyo3(signature = (path, period="year", event_types=Vec::new(), sub_event_types=Vec::new(), disorder_types=Vec::new(), max_time_precision=3))]
pub(crate) fn aggregate_acled(
    py: Python<'_>,
    path: &str,
    period: &str,
    event_types: Vec<String>,
    sub_event_types: Vec<String>,
    disorder_types: Vec<String>,
    max_time_precision: u8,
) -> PyResult<(PyDataFrame, PyAcledMetadata)> {
    run(py, || {
        let spec = AcledSpec::parse(
            Period::parse(period)?,
            &event_types,
            &sub_event_types,
            &disorder_types,
            max_time_precision,
        )?;
        let acled = Acled::from_path(path)?;
        let (iso, cw) = (IsoNumeric::embedded()?, Crosswalk::embedded()?);
        let t = core_aggregate(&acled, &spec, &iso, &cw)?;
        let meta = PyAcledMetadata::new(&t, &acled, (&iso, &cw));
        Ok((PyDataFrame(frame(&t)?), meta))
    })
}
