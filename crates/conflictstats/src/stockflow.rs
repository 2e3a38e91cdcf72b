//! Stock and flow: is the number of conflicts (UCDP's: ≥ 25 battle-related deaths in a
//! year, not wars, which need 1,000) rising because more conflicts start or because fewer
//! end?
//!
//! The number of active conflicts in a year is a **stock**: `active(t) = onsets(t) +
//! continuing(t)`, where the continuing conflicts are those of `t − 1` that did not end,
//! `continuing(t) = active(t − 1) − terminations(t)`. The same stock can grow because the
//! inflow rises (more onsets) or because the outflow falls (fewer terminations) — the
//! distinction Fearon & Laitin (2003) drew for civil wars: their prevalence rose after 1945
//! because they "accumulated", ending more slowly than they started, not because more began.
//!
//! Definitions, per calendar year `t`, on UCDP's episodes (an episode ends with the first
//! inactive year, ACD `ep_end`; see [`crate::panel::episodes`]):
//!
//! - **active** — conflicts with ≥ 25 battle-related deaths in `t` (ACD records);
//! - **onsets** — active in `t`, not in `t − 1`: a new episode; split into **new conflicts**
//!   (the first episode of a conflict since 1946) and **recurrences**;
//! - **terminations** — active in `t − 1`, not in `t` (the episode's last year is `t − 1`);
//! - **onset rate** — onsets per state in the G&W state system;
//! - **termination rate** — `terminations(t) / active(t − 1)`: the share of last year's
//!   conflicts that ended;
//! - **mean duration** — the mean age of the active episodes, in years active so far
//!   (counting `t`; an episode under way in 1946 counts from the year of its ACD
//!   `start_date2`).
//!
//! [`StockFlow::decompose`] splits the change between two years exactly (see
//! [`Decomposition`]) into more onsets, fewer terminations at a given duration, longer
//! durations, and the feedback of the stock on its own outflow.
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::stockflow::StockFlow;
//!
//! let acd = Acd::embedded(Some("25.1"))?;
//! let sf = StockFlow::from_acd(&acd, &GwStates::embedded(None)?)?;
//! let y = sf.year(2024).unwrap();
//! assert_eq!(y.active, y.onsets + y.continuing); // the stock identity
//! let d = sf.decompose(2010, 2024, None)?;
//! let parts = d.more_onsets + d.fewer_terminations + d.longer_durations + d.stock_feedback;
//! assert!((parts - f64::from(d.change)).abs() < 1e-9); // the decomposition is exact
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{Acd, GwStates, Provenance};
use crate::error::{Error, Result};
use crate::panel::conflict_year::conflict_series;
use chrono::Datelike;
use serde::Serialize;
use std::fmt::Write as _;

/// Episode-age bands (years active so far at `t − 1`) for the termination hazard: 1, 2–3,
/// 4–9, 10 and more.
pub const DURATION_BANDS: [(u32, u32); 4] = [(1, 1), (2, 3), (4, 9), (10, u32::MAX)];

fn band(age: u32) -> usize {
    DURATION_BANDS
        .iter()
        .position(|&(lo, hi)| age >= lo && age <= hi)
        .unwrap_or(DURATION_BANDS.len() - 1)
}

/// One year of the stock and its flows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlowYear {
    /// Calendar year.
    pub year: i32,
    /// Active conflicts.
    pub active: u32,
    /// New episodes (not active the year before).
    pub onsets: u32,
    /// Onsets that are a conflict's first episode.
    pub new_conflicts: u32,
    /// Onsets of conflicts that had been active before.
    pub recurrences: u32,
    /// Active this year and the year before.
    pub continuing: u32,
    /// Active the year before, not this year.
    pub terminations: u32,
    /// States in the G&W system this year.
    pub states: u32,
    /// Onsets per state in the system.
    pub onset_rate: f64,
    /// `terminations / active(t − 1)`; `None` when nothing was active the year before.
    pub termination_rate: Option<f64>,
    /// Mean years active so far of the active episodes; `None` when none is active.
    pub mean_duration: Option<f64>,
    /// Conflicts active the year before, by [`DURATION_BANDS`] of their age then.
    pub at_risk_by_duration: [u32; 4],
    /// Of those, how many ended (were not active this year).
    pub terminations_by_duration: [u32; 4],
}

/// The stock and flows of state-based conflicts, year by year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StockFlow {
    /// The conflict data.
    pub dataset: Provenance,
    /// The state-system data (for the onset rate).
    pub states_dataset: Provenance,
    /// The first year of coverage: its stock is known, its flows are not.
    pub first_year: i32,
    /// Active conflicts in the first year.
    pub first_year_active: u32,
    /// The years after the first, in order.
    pub years: Vec<FlowYear>,
}

/// Per-conflict state carried from year to year.
#[derive(Clone, Copy, Default)]
struct Track {
    active: bool,
    /// Years active so far in the current episode.
    age: u32,
    episodes: u32,
}

impl StockFlow {
    /// The stock and flows of the ACD's conflicts; the onset rate uses the G&W members
    /// (microstates excluded; years after the list's end as [`crate::rates::states_in_system`]).
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] when the ACD has no records.
    pub fn from_acd(acd: &Acd, gw: &GwStates) -> Result<StockFlow> {
        let (c0, c1) = acd
            .year_range()
            .ok_or_else(|| Error::spec("the conflict data have no records"))?;
        let series = conflict_series(acd, (c0, c1), 1);
        let mut track = vec![Track::default(); series.len()];
        let mut years = Vec::new();
        let mut first_year_active = 0;
        for t in c0..=c1 {
            let mut y = FlowYear {
                year: t,
                active: 0,
                onsets: 0,
                new_conflicts: 0,
                recurrences: 0,
                continuing: 0,
                terminations: 0,
                states: crate::rates::states_in_system(gw, t, false),
                onset_rate: 0.0,
                termination_rate: None,
                mean_duration: None,
                at_risk_by_duration: [0; 4],
                terminations_by_duration: [0; 4],
            };
            let mut age_sum = 0u64;
            for (s, tr) in series.iter().zip(track.iter_mut()) {
                let k = t - s.first_year;
                let now = k >= 0 && s.active[k as usize];
                if tr.active {
                    y.at_risk_by_duration[band(tr.age)] += 1;
                    if !now {
                        y.terminations += 1;
                        y.terminations_by_duration[band(tr.age)] += 1;
                    }
                }
                if now {
                    y.active += 1;
                    if tr.active {
                        y.continuing += 1;
                        tr.age += 1;
                    } else {
                        tr.episodes += 1;
                        tr.age = if t == c0 {
                            // Under way when the data start: age from the episode's start.
                            let rec = &acd.records[s.record[k as usize].unwrap_or(0)];
                            (t - rec.start_date2.year()).max(0) as u32 + 1
                        } else {
                            y.onsets += 1;
                            if tr.episodes == 1 {
                                y.new_conflicts += 1;
                            } else {
                                y.recurrences += 1;
                            }
                            1
                        };
                    }
                    age_sum += u64::from(tr.age);
                }
                tr.active = now;
            }
            if t == c0 {
                first_year_active = y.active;
                continue;
            }
            let prev = years
                .last()
                .map_or(first_year_active, |p: &FlowYear| p.active);
            y.onset_rate = if y.states > 0 {
                f64::from(y.onsets) / f64::from(y.states)
            } else {
                0.0
            };
            y.termination_rate = (prev > 0).then(|| f64::from(y.terminations) / f64::from(prev));
            #[allow(clippy::cast_precision_loss)]
            let mean = age_sum as f64 / f64::from(y.active);
            y.mean_duration = (y.active > 0).then_some(mean);
            years.push(y);
        }
        Ok(StockFlow {
            dataset: acd.provenance.clone(),
            states_dataset: gw.provenance.clone(),
            first_year: c0,
            first_year_active,
            years,
        })
    }

    /// The row of `year`, if it has flows (after the first year of coverage).
    #[must_use]
    pub fn year(&self, year: i32) -> Option<&FlowYear> {
        self.years.iter().find(|y| y.year == year)
    }

    fn active(&self, year: i32) -> Option<u32> {
        if year == self.first_year {
            Some(self.first_year_active)
        } else {
            self.year(year).map(|y| y.active)
        }
    }

    fn check_year(&self, year: i32) -> Result<()> {
        let last = self.years.last().map_or(self.first_year, |y| y.year);
        if year < self.first_year || year > last {
            return Err(Error::spec(format!(
                "year {year} is outside the data's coverage {}–{last}",
                self.first_year
            )));
        }
        Ok(())
    }
}

/// Base-period rates: mean onsets a year, and the termination hazard and the at-risk shares
/// by duration band.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseRates {
    /// The base years `(from, to)`.
    pub years: (i32, i32),
    /// Mean onsets a year.
    pub onsets: f64,
    /// Mean onsets of new conflicts a year.
    pub new_conflicts: f64,
    /// Mean recurrences a year.
    pub recurrences: f64,
    /// Terminations / conflict-years at risk.
    pub termination_rate: f64,
    /// The same by [`DURATION_BANDS`] (0 where no conflict was at risk).
    pub termination_rate_by_duration: [f64; 4],
    /// Share of the conflict-years at risk in each band.
    pub at_risk_share_by_duration: [f64; 4],
}

/// The change of the stock between two years, decomposed against base-period rates.
///
/// With `O(t)` onsets, `E(t)` terminations and `A(t)` the stock, the flows give exactly
/// `A(to) − A(from) = Σ_t O(t) − Σ_t E(t)` over `from < t ≤ to`. Write the termination rate as
/// a mix over duration bands, `h(t) = E(t)/A(t − 1) = Σ_d w_d(t) h_d(t)` (`w` the shares at
/// risk, `h_d` the hazard in band `d`), and take base values `Ō`, `h⁰_d`, `w⁰_d`, `h⁰` from
/// the base years. Then, exactly:
///
/// ```text
/// A(to) − A(from) = Σ_t [O(t) − Ō]                                  more onsets
///                 − Σ_t A(t−1) Σ_d ½(w_d(t) + w⁰_d) (h_d(t) − h⁰_d)   fewer terminations
///                 − Σ_t A(t−1) Σ_d ½(h_d(t) + h⁰_d) (w_d(t) − w⁰_d)   longer durations
///                 + Σ_t [Ō − h⁰ A(t−1)]                              stock feedback
/// ```
///
/// (the middle terms are Kitagawa's split of `h(t) − h⁰` into a rate and a composition
/// effect; an empty band takes its base hazard). *More onsets*: more conflicts started than
/// at the base rate. *Fewer terminations*: conflicts of a given age ended less often. *Longer
/// durations*: the stock aged into bands that end less often. *Stock feedback*: what the base
/// rates alone would have done to the actual stock — negative when the stock is above the
/// base steady state `Ō/h⁰`, because more conflicts at the same rate means more endings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decomposition {
    /// From year.
    pub from_year: i32,
    /// To year.
    pub to_year: i32,
    /// Active conflicts in `from`.
    pub active_from: u32,
    /// Active conflicts in `to`.
    pub active_to: u32,
    /// `active_to − active_from`.
    pub change: i32,
    /// Onsets in `from < t ≤ to`.
    pub onsets: u32,
    /// Of them, new conflicts.
    pub new_conflicts: u32,
    /// Of them, recurrences.
    pub recurrences: u32,
    /// Terminations in `from < t ≤ to`.
    pub terminations: u32,
    /// Termination rate over the period: terminations / conflict-years at risk.
    pub termination_rate: f64,
    /// The base rates.
    pub base: BaseRates,
    /// `Σ [O(t) − Ō]`.
    pub more_onsets: f64,
    /// The part of `more_onsets` from new conflicts (the rest is recurrences).
    pub more_new_conflicts: f64,
    /// Rate effect of the termination hazard (positive: fewer ended at a given duration).
    pub fewer_terminations: f64,
    /// Composition effect of the duration mix (positive: the stock aged into bands that end
    /// less often).
    pub longer_durations: f64,
    /// `Σ [Ō − h⁰ A(t − 1)]`.
    pub stock_feedback: f64,
    /// [`Decomposition::statement`] at construction.
    pub statement: String,
}

fn base_rates(rows: &[&FlowYear], years: (i32, i32)) -> BaseRates {
    let n = rows.len() as f64;
    let sum = |f: fn(&FlowYear) -> u32| rows.iter().map(|r| f64::from(f(r))).sum::<f64>();
    let mut risk = [0.0; 4];
    let mut ends = [0.0; 4];
    for r in rows {
        for d in 0..4 {
            risk[d] += f64::from(r.at_risk_by_duration[d]);
            ends[d] += f64::from(r.terminations_by_duration[d]);
        }
    }
    let total: f64 = risk.iter().sum();
    BaseRates {
        years,
        onsets: sum(|r| r.onsets) / n,
        new_conflicts: sum(|r| r.new_conflicts) / n,
        recurrences: sum(|r| r.recurrences) / n,
        termination_rate: if total > 0.0 {
            ends.iter().sum::<f64>() / total
        } else {
            0.0
        },
        termination_rate_by_duration: std::array::from_fn(|d| {
            if risk[d] > 0.0 {
                ends[d] / risk[d]
            } else {
                0.0
            }
        }),
        at_risk_share_by_duration: std::array::from_fn(|d| {
            if total > 0.0 { risk[d] / total } else { 0.0 }
        }),
    }
}

/// Rate and composition effects of year `r` against `base`, times the stock at risk.
fn kitagawa(r: &FlowYear, base: &BaseRates) -> (f64, f64) {
    let at_risk: f64 = r.at_risk_by_duration.iter().map(|&v| f64::from(v)).sum();
    if at_risk == 0.0 {
        return (0.0, 0.0);
    }
    let (mut rate, mut mix) = (0.0, 0.0);
    for d in 0..4 {
        let n = f64::from(r.at_risk_by_duration[d]);
        let w = n / at_risk;
        let h = if n > 0.0 {
            f64::from(r.terminations_by_duration[d]) / n
        } else {
            base.termination_rate_by_duration[d]
        };
        let (w0, h0) = (
            base.at_risk_share_by_duration[d],
            base.termination_rate_by_duration[d],
        );
        rate += 0.5 * (w + w0) * (h - h0);
        mix += 0.5 * (h + h0) * (w - w0);
    }
    (-at_risk * rate, -at_risk * mix)
}

impl StockFlow {
    /// Decomposes the change from `from` to `to` against the rates of `base` (default: the
    /// `to − from` years ending at `from`, or from the second year of coverage if fewer).
    ///
    /// # Errors
    /// [`Error::InvalidSpec`] unless `from < to`, both and the base years are covered, and the
    /// base has a year with flows.
    pub fn decompose(&self, from: i32, to: i32, base: Option<(i32, i32)>) -> Result<Decomposition> {
        self.check_year(from)?;
        self.check_year(to)?;
        if from >= to {
            return Err(Error::spec(format!(
                "expected FROM < TO, got {from} and {to}"
            )));
        }
        let (b0, b1) = base.unwrap_or(((from - (to - from) + 1).max(self.first_year + 1), from));
        if b0 > b1 || b0 <= self.first_year {
            return Err(Error::spec(format!(
                "base years {b0}–{b1}: expected FROM ≤ TO after the first year of coverage ({})",
                self.first_year
            )));
        }
        self.check_year(b1)?;
        let pick = |a: i32, b: i32| -> Vec<&FlowYear> {
            self.years
                .iter()
                .filter(|y| y.year >= a && y.year <= b)
                .collect()
        };
        let rates = base_rates(&pick(b0, b1), (b0, b1));
        let rows = pick(from + 1, to);
        let (mut onset_fx, mut new_fx, mut rate_fx, mut mix_fx, mut feedback) =
            (0.0, 0.0, 0.0, 0.0, 0.0);
        let mut at_risk_total = 0.0;
        for r in &rows {
            let at_risk: f64 = r.at_risk_by_duration.iter().map(|&v| f64::from(v)).sum();
            at_risk_total += at_risk;
            onset_fx += f64::from(r.onsets) - rates.onsets;
            new_fx += f64::from(r.new_conflicts) - rates.new_conflicts;
            let (rate, mix) = kitagawa(r, &rates);
            rate_fx += rate;
            mix_fx += mix;
            feedback += rates.onsets - rates.termination_rate * at_risk;
        }
        let sum = |f: fn(&FlowYear) -> u32| rows.iter().map(|r| f(r)).sum::<u32>();
        let (a0, a1) = (self.active(from).unwrap_or(0), self.active(to).unwrap_or(0));
        let terminations = sum(|r| r.terminations);
        let mut d = Decomposition {
            from_year: from,
            to_year: to,
            active_from: a0,
            active_to: a1,
            change: a1 as i32 - a0 as i32,
            onsets: sum(|r| r.onsets),
            new_conflicts: sum(|r| r.new_conflicts),
            recurrences: sum(|r| r.recurrences),
            terminations,
            termination_rate: if at_risk_total > 0.0 {
                f64::from(terminations) / at_risk_total
            } else {
                0.0
            },
            base: rates,
            more_onsets: onset_fx,
            more_new_conflicts: new_fx,
            fewer_terminations: rate_fx,
            longer_durations: mix_fx,
            stock_feedback: feedback,
            statement: String::new(),
        };
        d.statement = d.statement();
        Ok(d)
    }
}

impl Decomposition {
    /// One sentence: did more conflicts start, or did fewer end? (Conflicts at UCDP's
    /// 25-death threshold, not wars: the words follow the unit counted.)
    #[must_use]
    pub fn statement(&self) -> String {
        let years = f64::from(self.to_year - self.from_year);
        let b = &self.base;
        let ended = self.fewer_terminations + self.longer_durations;
        let mut s = format!(
            "Active conflicts {} in {} → {} in {} ({:+}): {} onsets ({:.1}/yr, {} new conflicts and {} recurrences; base {}–{}: {:.1}/yr) and {} terminations ({:.1} % of the conflicts at risk a year; base {:.1} %). ",
            self.active_from,
            self.from_year,
            self.active_to,
            self.to_year,
            self.change,
            self.onsets,
            f64::from(self.onsets) / years,
            self.new_conflicts,
            self.recurrences,
            b.years.0,
            b.years.1,
            b.onsets,
            self.terminations,
            100.0 * self.termination_rate,
            100.0 * b.termination_rate,
        );
        let _ = write!(
            s,
            "Against the base rates: more onsets {:+.1}, fewer terminations at a given duration {:+.1}, longer durations {:+.1}, stock feedback {:+.1}. ",
            self.more_onsets, self.fewer_terminations, self.longer_durations, self.stock_feedback
        );
        let verdict = if self.more_onsets > 0.0 && self.more_onsets >= ended {
            "More conflicts started: the rise is driven mainly by onsets"
        } else if ended > 0.0 && ended > self.more_onsets {
            "Fewer conflicts ended: the rise is driven mainly by slower terminations"
        } else {
            "Neither more onsets nor fewer terminations than at the base rates"
        };
        s.push_str(verdict);
        s.push('.');
        s
    }
}

impl Decomposition {
    /// The decomposition as a report [`Section`](crate::trend::Section) (the trend report's
    /// "stock and flow" part).
    #[must_use]
    pub fn section(&self) -> crate::trend::Section {
        let mut s = crate::trend::Section::new(
            "stock_flow",
            &format!(
                "Stock and flow {}→{}: more onsets or fewer terminations? (base rates {}–{})",
                self.from_year, self.to_year, self.base.years.0, self.base.years.1
            ),
            &["part", "conflicts"],
        );
        let rows = [
            ("change in active conflicts", f64::from(self.change)),
            ("more onsets than at the base rate", self.more_onsets),
            ("  of which new conflicts", self.more_new_conflicts),
            (
                "fewer terminations at a given duration",
                self.fewer_terminations,
            ),
            (
                "longer durations (older stock ends less often)",
                self.longer_durations,
            ),
            (
                "stock feedback (base rates on the actual stock)",
                self.stock_feedback,
            ),
        ];
        for (part, v) in rows {
            s.push_row(vec![part.to_string(), format!("{v:+.1}")]);
        }
        s.notes.push(self.statement.clone());
        s
    }
}

/// The stock-and-flow part of a trend report on all state-based conflicts (unit `conflict`,
/// no filter, no grouping): the decomposition from the report's first horizon year to its
/// year *Y* — "the rise since …" — against the default base rates. `None` for any other
/// series, whose stock is not the ACD's whole stock of conflicts.
///
/// ```
/// use conflictstats::data::{Acd, GwStates};
/// use conflictstats::trend::{TrendOptions, TrendReport};
/// use conflictstats::{count, CountSpec, CountUnit};
///
/// let acd = Acd::embedded(Some("25.1"))?;
/// let opts = TrendOptions { shapes: None, ..TrendOptions::default() };
/// let mut r = TrendReport::from_count_table(&count(&acd, &CountSpec::new(CountUnit::Conflict))?, &opts)?;
/// let s = conflictstats::stockflow::trend_section(&r, &acd, &GwStates::embedded(None)?)?.unwrap();
/// assert!(s.title.starts_with("Stock and flow 2009→2024"));
/// r.push_section(s);
/// assert!(r.render_text().contains("more onsets than at the base rate"));
/// // The G&W state list the base rates read is named beside the ACD.
/// assert_eq!(r.other_datasets[0].name, "gw-states");
/// # Ok::<(), conflictstats::Error>(())
/// ```
///
/// # Errors
/// As [`StockFlow::from_acd`] and [`StockFlow::decompose`].
pub fn trend_section(
    report: &crate::trend::TrendReport,
    acd: &Acd,
    gw: &GwStates,
) -> Result<Option<crate::trend::Section>> {
    let whole = crate::CountSpec::new(crate::CountUnit::Conflict);
    if report.count_spec.as_ref() != Some(&whole) {
        return Ok(None);
    }
    let Some(h) = report.horizons.first() else {
        return Ok(None);
    };
    let sf = StockFlow::from_acd(acd, gw)?;
    if h.from_year <= sf.first_year {
        return Ok(None);
    }
    let mut section = sf.decompose(h.from_year, report.year, None)?.section();
    section.datasets = vec![sf.dataset, sf.states_dataset];
    Ok(Some(section))
}
