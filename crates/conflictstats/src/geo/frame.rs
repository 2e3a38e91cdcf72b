//! A [`Map`]'s joined data as DataFrames (feature `polars`): one row per G&W state (none lost
//! in the join) and one row per outline.

use super::join::OutlineStatus;
use super::map::Map;
use crate::error::{Error, Result};
use polars::prelude::{Column, DataFrame};

fn polars_err(e: &polars::prelude::PolarsError) -> Error {
    Error::InvalidSpec(format!("DataFrame conversion failed: {e}"))
}

impl Map {
    /// One row per G&W state of the values: `gwcode`, `name`, `iso3` (the code of its
    /// outlines; null without one), `value` (null: missing), `class` (the legend's label),
    /// `outline` (`drawn` or `no_outline`) and `outlines` (Natural Earth names, `;`-joined).
    pub fn states_dataframe(&self) -> Result<DataFrame> {
        let states = &self.values.states;
        let mut iso3: Vec<Option<String>> = Vec::with_capacity(states.len());
        let mut names: Vec<Option<String>> = Vec::with_capacity(states.len());
        for s in states {
            let drawn: Vec<&super::JoinedOutline> = self
                .join
                .outlines
                .iter()
                .filter(|o| o.gwcode == Some(s.gwcode))
                .collect();
            iso3.push(drawn.first().and_then(|o| o.iso3.clone()));
            names.push((!drawn.is_empty()).then(|| {
                drawn
                    .iter()
                    .map(|o| o.outline_name.as_str())
                    .collect::<Vec<_>>()
                    .join(";")
            }));
        }
        let class: Vec<Option<String>> = states
            .iter()
            .map(|s| {
                s.value
                    .and_then(|v| self.classes.index(v))
                    .map(|k| self.classes.classes[k].label.clone())
            })
            .collect();
        let outline: Vec<&str> = names
            .iter()
            .map(|n| if n.is_some() { "drawn" } else { "no_outline" })
            .collect();
        let columns = vec![
            Column::new(
                "gwcode".into(),
                states
                    .iter()
                    .map(|s| i32::from(s.gwcode.0))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "name".into(),
                states.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            ),
            Column::new("iso3".into(), iso3),
            Column::new(
                "value".into(),
                states.iter().map(|s| s.value).collect::<Vec<_>>(),
            ),
            Column::new("class".into(), class),
            Column::new("outline".into(), outline),
            Column::new("outlines".into(), names),
        ];
        DataFrame::new(states.len(), columns).map_err(|e| polars_err(&e))
    }

    /// One row per outline (layer order): `outline_name`, `adm0_a3`, `iso3`, `gwcode`,
    /// `state_name`, `value`, `status` (`value`, `missing`, `no_state`), `class`, `fill`.
    pub fn outlines_dataframe(&self) -> Result<DataFrame> {
        let o = &self.join.outlines;
        let n = o.len();
        let columns = vec![
            Column::new(
                "outline_name".into(),
                o.iter()
                    .map(|j| j.outline_name.as_str())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "adm0_a3".into(),
                o.iter()
                    .map(|j| self.outlines.outlines[j.index].adm0_a3.as_str())
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "iso3".into(),
                o.iter().map(|j| j.iso3.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "gwcode".into(),
                o.iter()
                    .map(|j| j.gwcode.map(|g| i32::from(g.0)))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "state_name".into(),
                o.iter().map(|j| j.state_name.clone()).collect::<Vec<_>>(),
            ),
            Column::new(
                "value".into(),
                o.iter().map(|j| j.value).collect::<Vec<_>>(),
            ),
            Column::new(
                "status".into(),
                o.iter().map(|j| j.status.key()).collect::<Vec<_>>(),
            ),
            Column::new(
                "class".into(),
                (0..n)
                    .map(|i| self.class_of[i].map(|k| self.classes.classes[k].label.clone()))
                    .collect::<Vec<_>>(),
            ),
            Column::new(
                "fill".into(),
                (0..n).map(|i| self.fill(i).to_string()).collect::<Vec<_>>(),
            ),
        ];
        DataFrame::new(n, columns).map_err(|e| polars_err(&e))
    }

    /// The names of the outlines with no G&W state on the map's date.
    #[must_use]
    pub fn outlines_without_state(&self) -> Vec<String> {
        self.join
            .with_status(OutlineStatus::NoState)
            .map(|o| o.outline_name.clone())
            .collect()
    }
}
