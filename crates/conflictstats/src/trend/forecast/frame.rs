//! The forecast report's tables as polars DataFrames (feature `polars`): what Python's
//! `cs.forecast(...)` hands out. Nothing here computes a figure.

use super::backtest::BacktestCase;
use super::report::ForecastReport;
use crate::error::Result;
use crate::frame::polars_err;
use polars::prelude::{Column, DataFrame};

fn frame(height: usize, columns: Vec<Column>) -> Result<DataFrame> {
    DataFrame::new(height, columns).map_err(|e| polars_err(&e))
}

fn f64s<T>(rows: &[T], name: &str, get: impl Fn(&T) -> f64) -> Column {
    Column::new(name.into(), rows.iter().map(get).collect::<Vec<f64>>())
}

const ENDS: [&str; 6] = ["low50", "high50", "low80", "high80", "low95", "high95"];

fn cases_frame(cases: &[BacktestCase]) -> Result<DataFrame> {
    let mut cols = vec![
        Column::new(
            "model".into(),
            cases.iter().map(|c| c.model.key()).collect::<Vec<_>>(),
        ),
        Column::new(
            "origin".into(),
            cases.iter().map(|c| c.origin).collect::<Vec<_>>(),
        ),
        Column::new(
            "horizon".into(),
            cases.iter().map(|c| c.horizon).collect::<Vec<_>>(),
        ),
        Column::new(
            "year".into(),
            cases.iter().map(|c| c.year).collect::<Vec<_>>(),
        ),
        f64s(cases, "observed", |c| c.observed),
        f64s(cases, "median", |c| c.median),
    ];
    for (k, name) in ENDS.iter().enumerate() {
        cols.push(f64s(cases, name, |c| {
            let (lo, hi) = c.intervals[k / 2];
            if k % 2 == 0 { lo } else { hi }
        }));
    }
    cols.push(f64s(cases, "crps", |c| c.crps));
    cols.push(f64s(cases, "log_score", |c| c.log_score));
    frame(cases.len(), cols)
}

impl ForecastReport {
    /// One row per model and future year: `model` (key), `year`, `horizon`, `fitted_mean`,
    /// `fitted_mean_low`, `fitted_mean_high` (the GLM models' 95 % Wald interval of the mean;
    /// null otherwise), `mean`, `median`, `low50` … `high95`, `observed` (null if not yet).
    ///
    /// # Errors
    /// A polars error building the frame.
    pub fn forecasts_dataframe(&self) -> Result<DataFrame> {
        let rows: Vec<(&str, &super::PredictivePoint)> = self
            .forecast
            .models
            .iter()
            .flat_map(|m| m.points.iter().map(move |p| (m.model.key(), p)))
            .collect();
        let opt = |name: &str, get: fn(&super::PredictivePoint) -> Option<f64>| {
            Column::new(
                name.into(),
                rows.iter().map(|r| get(r.1)).collect::<Vec<_>>(),
            )
        };
        let mut cols = vec![
            Column::new("model".into(), rows.iter().map(|r| r.0).collect::<Vec<_>>()),
            Column::new(
                "year".into(),
                rows.iter().map(|r| r.1.year).collect::<Vec<_>>(),
            ),
            Column::new(
                "horizon".into(),
                rows.iter().map(|r| r.1.horizon).collect::<Vec<_>>(),
            ),
            f64s(&rows, "fitted_mean", |r| r.1.fitted_mean),
            opt("fitted_mean_low", |p| p.fitted_mean_low),
            opt("fitted_mean_high", |p| p.fitted_mean_high),
            f64s(&rows, "mean", |r| r.1.mean),
            f64s(&rows, "median", |r| r.1.median),
        ];
        for (k, name) in ENDS.iter().enumerate() {
            cols.push(f64s(&rows, name, |r| {
                let i = r.1.intervals[k / 2];
                if k % 2 == 0 { i.low } else { i.high }
            }));
        }
        let observed: Vec<Option<f64>> = rows
            .iter()
            .map(|r| {
                self.observed
                    .iter()
                    .find(|(y, _)| *y == r.1.year)
                    .map(|(_, c)| *c)
            })
            .collect();
        cols.push(Column::new("observed".into(), observed));
        frame(rows.len(), cols)
    }

    /// The counted series: `year`, `count`.
    ///
    /// # Errors
    /// A polars error building the frame.
    pub fn series_dataframe(&self) -> Result<DataFrame> {
        let s = &self.series;
        frame(
            s.len(),
            vec![
                Column::new("year".into(), s.iter().map(|r| r.0).collect::<Vec<_>>()),
                f64s(s, "count", |r| r.1),
            ],
        )
    }

    /// The backtest's scores, one row per model and horizon: `model`, `horizon`, `n`, `crps`,
    /// `log_score`, `coverage50`, `coverage80`, `coverage95`, `interval_score50`,
    /// `interval_score80`, `interval_score95`, `mae_median` (empty without a backtest).
    ///
    /// # Errors
    /// A polars error building the frame.
    pub fn scores_dataframe(&self) -> Result<DataFrame> {
        let s = self.backtest.as_ref().map_or(&[][..], |b| &b.scores[..]);
        let mut cols = vec![
            Column::new(
                "model".into(),
                s.iter().map(|r| r.model.key()).collect::<Vec<_>>(),
            ),
            Column::new(
                "horizon".into(),
                s.iter().map(|r| r.horizon).collect::<Vec<_>>(),
            ),
            Column::new("n".into(), s.iter().map(|r| r.n as u32).collect::<Vec<_>>()),
            f64s(s, "crps", |r| r.crps),
            f64s(s, "log_score", |r| r.log_score),
        ];
        for (k, l) in ["50", "80", "95"].iter().enumerate() {
            cols.push(f64s(s, &format!("coverage{l}"), |r| r.coverage[k]));
        }
        for (k, l) in ["50", "80", "95"].iter().enumerate() {
            cols.push(f64s(s, &format!("interval_score{l}"), |r| {
                r.interval_score[k]
            }));
        }
        cols.push(f64s(s, "mae_median", |r| r.mae_median));
        frame(s.len(), cols)
    }

    /// Every scored backtest forecast: `model`, `origin`, `horizon`, `year`, `observed`,
    /// `median`, `low50` … `high95`, `crps`, `log_score` (empty without a backtest).
    ///
    /// # Errors
    /// A polars error building the frame.
    pub fn cases_dataframe(&self) -> Result<DataFrame> {
        cases_frame(self.backtest.as_ref().map_or(&[][..], |b| &b.cases[..]))
    }

    /// The release test's scored forecasts (same columns as [`Self::cases_dataframe`]; empty
    /// without a release test).
    ///
    /// # Errors
    /// A polars error building the frame.
    pub fn release_dataframe(&self) -> Result<DataFrame> {
        cases_frame(self.release_test.as_ref().map_or(&[][..], |t| &t.cases[..]))
    }
}
