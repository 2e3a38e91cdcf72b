//! [`ForecastReport`]: the forecasts of one counted series, its backtest and (when a later
//! release exists) its release test, naming unit, release and method — as sections of
//! formatted tables (terminal text, HTML in Python), as JSON, and as CSV rows.

use super::backtest::{Backtest, BacktestOptions, backtest};
use super::predictive::LEVELS;
use super::release::{ReleaseTest, release_test_tables};
use super::{ForecastOptions, ForecastSet, forecast};
use crate::count::CountTable;
use crate::data::Provenance;
use crate::error::Result;
use crate::trend::{Section, UnitInfo};
use serde::Serialize;
use std::fmt::Write as _;

/// Every part of a forecast report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastReport {
    /// The counted series, e.g. `ucdp-acd v26.1, state-based armed conflicts`.
    pub label: String,
    /// The counting unit.
    pub unit: UnitInfo,
    /// The counted release.
    pub dataset: Provenance,
    /// The forecasts from the origin.
    pub forecast: ForecastSet,
    /// The counted series up to the origin: `(year, count)`.
    pub series: Vec<(i32, f64)>,
    /// Counts observed after the origin in the same release: `(year, count)`.
    pub observed: Vec<(i32, f64)>,
    /// The rolling-origin backtest, if asked for.
    pub backtest: Option<Backtest>,
    /// Fit on this release, scored on a later one, if given.
    pub release_test: Option<ReleaseTest>,
    /// The tables, in order.
    pub sections: Vec<Section>,
}

fn fmt(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

impl ForecastReport {
    /// The report of an ungrouped count table: forecasts from `opts.origin` (default: the
    /// last year), the backtest from `backtest_from` (if any) and the release test against
    /// `later` (if given: the same count on a later release).
    ///
    /// # Errors
    /// As [`forecast`], [`backtest`] and [`release_test_tables`]; a grouped table.
    pub fn from_count_table(
        table: &CountTable,
        opts: &ForecastOptions,
        backtest_from: Option<i32>,
        later: Option<&CountTable>,
    ) -> Result<ForecastReport> {
        let (years, counts) = table.series()?;
        let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
        let f = forecast(&years, &counts, opts)?;
        let observed = years
            .iter()
            .zip(&counts)
            .filter(|(y, _)| **y > f.origin && **y <= f.origin + f.options.horizon as i32)
            .map(|(y, c)| (*y, *c))
            .collect();
        let backtest = match backtest_from {
            Some(from) => Some(backtest(
                &years,
                &counts,
                &BacktestOptions {
                    from,
                    forecast: ForecastOptions {
                        origin: None,
                        ..*opts
                    },
                },
            )?),
            None => None,
        };
        // A later release scores the years after the origin when this release ends there.
        let release_test = match later {
            Some(next) if years.last() == Some(&f.origin) => {
                Some(release_test_tables(table, next, opts)?)
            }
            _ => None,
        };
        let unit = table.spec.unit;
        let mut r = ForecastReport {
            label: format!(
                "{}, {}",
                table.dataset.label(),
                unit.definition().split(':').next().unwrap_or("")
            ),
            unit: UnitInfo {
                key: unit.key().to_string(),
                definition: unit.definition().to_string(),
                caveat: unit.caveat().map(str::to_string),
            },
            dataset: table.dataset.clone(),
            series: years
                .iter()
                .zip(&counts)
                .filter(|(y, _)| **y <= f.origin)
                .map(|(y, c)| (*y, *c))
                .collect(),
            forecast: f,
            observed,
            backtest,
            release_test,
            sections: Vec::new(),
        };
        r.sections = r.assemble_sections();
        Ok(r)
    }

    fn assemble_sections(&self) -> Vec<Section> {
        let mut out = vec![self.forecast_section()];
        if let Some(b) = &self.backtest {
            out.push(backtest_section(b));
        }
        if let Some(t) = &self.release_test {
            out.push(release_section(t));
        }
        out
    }

    fn forecast_section(&self) -> Section {
        let f = &self.forecast;
        let mut s = Section::new(
            "forecast",
            &format!(
                "Forecasts from {} (fitted {}–{}), 1–{} years ahead",
                f.origin, f.window_start, f.window_end, f.options.horizon
            ),
            &[
                "model", "year", "mean", "median", "50 %", "80 %", "95 %", "observed",
            ],
        );
        for m in &f.models {
            for p in &m.points {
                let iv =
                    |k: usize| format!("{}–{}", fmt(p.intervals[k].low), fmt(p.intervals[k].high));
                let obs = self
                    .observed
                    .iter()
                    .find(|(y, _)| *y == p.year)
                    .map_or_else(String::new, |(_, c)| fmt(*c));
                s.push_row(vec![
                    if p.horizon == 1 {
                        m.name.clone()
                    } else {
                        String::new()
                    },
                    p.year.to_string(),
                    format!("{:.1}", p.mean),
                    fmt(p.median),
                    iv(0),
                    iv(1),
                    iv(2),
                    obs,
                ]);
            }
        }
        s.notes.push(format!("Method: {}.", f.method));
        for m in &f.models {
            if let Some(a) = &m.autocorrelation {
                let breaks = if m.break_years.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (breaks {})",
                        m.break_years
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                s.notes.push(format!(
                    "{}{breaks}: {}; noise {}.",
                    m.name, a.note, m.noise
                ));
            }
        }
        s.notes.extend(f.notes.iter().cloned());
        s
    }

    /// CSV rows: every forecast point, then every backtest score; each row names unit,
    /// release and method.
    #[must_use]
    pub fn to_csv(&self) -> String {
        let mut o = String::from(
            "part,unit,release,method,model,origin,year,horizon,mean,median,low50,high50,low80,high80,low95,high95,observed,n,crps,log_score,coverage50,coverage80,coverage95,interval_score95,mae_median\n",
        );
        let release = format!("{} v{}", self.dataset.name, self.dataset.version);
        let f = &self.forecast;
        for m in &f.models {
            let method = if m.model.is_baseline() {
                "baseline_error_nb"
            } else {
                "parametric_bootstrap"
            };
            for p in &m.points {
                let obs = self
                    .observed
                    .iter()
                    .find(|(y, _)| *y == p.year)
                    .map_or_else(String::new, |(_, c)| fmt(*c));
                let _ = write!(
                    o,
                    "forecast,{},{release},{method},{},{},{},{},{},{}",
                    self.unit.key,
                    m.model.key(),
                    f.origin,
                    p.year,
                    p.horizon,
                    p.mean,
                    p.median
                );
                for i in &p.intervals {
                    let _ = write!(o, ",{},{}", i.low, i.high);
                }
                let _ = writeln!(o, ",{obs},,,,,,,,");
            }
        }
        if let Some(b) = &self.backtest {
            for s in &b.scores {
                let method = if s.model.is_baseline() {
                    "baseline_error_nb"
                } else {
                    "parametric_bootstrap"
                };
                let _ = writeln!(
                    o,
                    "backtest,{},{release},{method},{},{}-{},,{},,,,,,,,,,{},{},{},{},{},{},{},{}",
                    self.unit.key,
                    s.model.key(),
                    b.from,
                    b.to,
                    s.horizon,
                    s.n,
                    s.crps,
                    s.log_score,
                    s.coverage[0],
                    s.coverage[1],
                    s.coverage[2],
                    s.interval_score[2],
                    s.mae_median
                );
            }
        }
        o
    }

    /// A multi-line report for the terminal.
    #[must_use]
    pub fn render_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "Forecast report: {}", self.label);
        let _ = writeln!(o, "  unit      {}: {}", self.unit.key, self.unit.definition);
        if let Some(c) = &self.unit.caveat {
            let _ = writeln!(o, "  APPROXIMATION: {c}");
        }
        let d = &self.dataset;
        let _ = writeln!(
            o,
            "  data      {} v{} ({}), sha256 {}",
            d.name, d.version, d.source, d.sha256
        );
        for s in &self.sections {
            let _ = writeln!(o);
            o.push_str(&s.render_text());
        }
        // The verdict closes the backtest table (its last note); the release test's sentence
        // closes the report.
        if let Some(t) = &self.release_test {
            let _ = writeln!(o);
            let _ = writeln!(o, "{}", t.sentence);
        }
        let _ = writeln!(o);
        let _ = writeln!(o, "Data: {}", d.label());
        if let Some(c) = &d.citation {
            let _ = writeln!(o, "Cite: {}", c.trim());
        }
        o
    }
}

fn backtest_section(b: &Backtest) -> Section {
    let o = &b.options.forecast;
    let mut s = Section::new(
        "backtest",
        &format!(
            "Backtest: origins {}–{}, fitted on the {} years up to each, scored on the years that followed",
            b.from, b.to, o.window_years
        ),
        &[
            "model",
            "h",
            "n",
            "CRPS",
            "log score",
            "cover 50/80/95 %",
            "interval score 95 %",
            "MAE median",
        ],
    );
    for sc in &b.scores {
        s.push_row(vec![
            if sc.horizon == 1 {
                sc.model.name().to_string()
            } else {
                String::new()
            },
            sc.horizon.to_string(),
            sc.n.to_string(),
            format!("{:.2}", sc.crps),
            format!("{:.2}", sc.log_score),
            sc.coverage
                .iter()
                .map(|c| format!("{:.0}", 100.0 * c))
                .collect::<Vec<_>>()
                .join("/"),
            format!("{:.1}", sc.interval_score[2]),
            format!("{:.2}", sc.mae_median),
        ]);
    }
    s.notes.push(format!(
        "Lower is better for CRPS, log score (−ln p, the model's pmf averaged over the replicates), interval score and MAE; coverage should be near {}.",
        LEVELS.iter().map(|l| format!("{:.0} %", 100.0 * l)).collect::<Vec<_>>().join(", ")
    ));
    s.notes.extend(b.notes.iter().cloned());
    if let Some(v) = &b.verdict {
        s.notes.push(v.sentence.clone());
    }
    s
}

fn release_section(t: &ReleaseTest) -> Section {
    let name = |p: &Option<Provenance>| {
        p.as_ref()
            .map_or_else(|| "?".into(), |p| format!("v{}", p.version))
    };
    let mut s = Section::new(
        "release_test",
        &format!(
            "Release test: fitted on {} up to {}, scored on {}",
            name(&t.previous),
            t.forecast.origin,
            name(&t.next)
        ),
        &[
            "model",
            "year",
            "median",
            "50 %",
            "95 %",
            "observed",
            "CRPS",
            "log score",
        ],
    );
    for c in &t.cases {
        s.push_row(vec![
            c.model.name().to_string(),
            c.year.to_string(),
            fmt(c.median),
            format!("{}–{}", fmt(c.intervals[0].0), fmt(c.intervals[0].1)),
            format!("{}–{}", fmt(c.intervals[2].0), fmt(c.intervals[2].1)),
            fmt(c.observed),
            format!("{:.2}", c.crps),
            format!("{:.2}", c.log_score),
        ]);
    }
    let revised = t
        .revisions
        .iter()
        .map(|r| format!("{}: {} → {}", r.year, fmt(r.previous), fmt(r.next)))
        .collect::<Vec<_>>();
    s.notes.push(if revised.is_empty() {
        format!(
            "No count of {}–{} was revised between the releases.",
            t.shared_years.0, t.shared_years.1
        )
    } else {
        format!(
            "Revised between the releases ({}–{}): {}.",
            t.shared_years.0,
            t.shared_years.1,
            revised.join("; ")
        )
    });
    s
}
