//! Deaths: battle-related deaths per conflict-year and country-year, and deaths in all three
//! forms of organized violence per year.
//!
//! UCDP distinguishes three forms of organized violence, each with its own dataset and death
//! estimates (low, best, high):
//!
//! - **state-based** armed conflict — battle-related deaths from the Battle-Related Deaths
//!   Dataset (dyadic version; [`BattleDeaths`]);
//! - **non-state** conflict — fatalities from the Non-State Conflict Dataset ([`NonState`]);
//! - **one-sided** violence against civilians — from the One-sided Violence Dataset
//!   ([`OneSided`]).
//!
//! UCDP's annual figure for "deaths in organized violence" is the sum of the three best
//! estimates. Sums here are exact integer sums of the published rows; nothing is imputed. The
//! BRD rows are dyad-years: the conflict-year sums are a derivation (UCDP also publishes a
//! conflict-level BRD file, not shipped here), and country-year sums are by *battle location*
//! (`gwno_battle`) — a dyad-year fought in several states counts fully in each, and is
//! flagged as shared, because UCDP does not split it.
//!
//! ```
//! use conflictstats::data::{BattleDeaths, NonState, OneSided};
//! use conflictstats::deaths::by_form_of_violence;
//!
//! let rows = by_form_of_violence(
//!     &BattleDeaths::embedded(None)?,
//!     &NonState::embedded(None)?,
//!     &OneSided::embedded(None)?,
//! )?;
//! let y2023 = rows.iter().find(|r| r.year == 2023).unwrap();
//! assert_eq!(y2023.total.best, 153_691); // UCDP: "about 154,000"
//! assert_eq!(y2023.state_based.best, 122_518);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{BattleDeaths, NonState, OneSided, Provenance};
use crate::error::{Error, Result};
use crate::model::{ConflictId, GwCode};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::AddAssign;

/// Low, best and high estimates of deaths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Estimates {
    /// Low estimate.
    pub low: u64,
    /// Best estimate (UCDP's headline).
    pub best: u64,
    /// High estimate.
    pub high: u64,
}

impl Estimates {
    fn of(low: u32, best: u32, high: u32) -> Estimates {
        Estimates {
            low: u64::from(low),
            best: u64::from(best),
            high: u64::from(high),
        }
    }
}

impl AddAssign for Estimates {
    fn add_assign(&mut self, o: Estimates) {
        self.low += o.low;
        self.best += o.best;
        self.high += o.high;
    }
}

/// Battle-related deaths of one conflict in one year (sum over its dyads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictYearDeaths {
    /// The conflict.
    pub conflict_id: ConflictId,
    /// Calendar year.
    pub year: i32,
    /// Summed estimates.
    pub deaths: Estimates,
    /// Number of dyad-years summed.
    pub dyads: u32,
}

/// Battle-related deaths fought on one state's territory in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryYearDeaths {
    /// The state (G&W code) where battles took place.
    pub gwno: GwCode,
    /// Calendar year.
    pub year: i32,
    /// Summed estimates of the dyad-years fought there.
    pub deaths: Estimates,
    /// How many of those dyad-years were fought in other states too (their deaths count fully
    /// in each state, so country sums can exceed the world total).
    pub shared_dyad_years: u32,
}

/// Deaths in the three forms of organized violence in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearDeaths {
    /// Calendar year.
    pub year: i32,
    /// State-based: battle-related deaths (BRD).
    pub state_based: Estimates,
    /// Non-state conflict fatalities.
    pub non_state: Estimates,
    /// One-sided violence: civilians killed.
    pub one_sided: Estimates,
    /// The sum of the three.
    pub total: Estimates,
}

/// Sums BRD dyad-years by `(conflict_id, year)`, sorted by year then conflict.
#[must_use]
pub fn by_conflict_year(brd: &BattleDeaths) -> Vec<ConflictYearDeaths> {
    let mut map: BTreeMap<(i32, u32), (Estimates, u32)> = BTreeMap::new();
    for r in &brd.records {
        let e = map.entry((r.year, r.conflict_id.0)).or_default();
        e.0 += Estimates::of(r.bd_low, r.bd_best, r.bd_high);
        e.1 += 1;
    }
    map.into_iter()
        .map(|((year, id), (deaths, dyads))| ConflictYearDeaths {
            conflict_id: ConflictId(id),
            year,
            deaths,
            dyads,
        })
        .collect()
}

/// Sums BRD dyad-years by battle-location state and year (`gwno_battle`), sorted by year then
/// G&W code.
///
/// ```
/// use conflictstats::{data::BattleDeaths, deaths::by_country_year, model::GwCode};
///
/// let rows = by_country_year(&BattleDeaths::embedded(None)?);
/// let ukraine_2022 = rows.iter().find(|r| r.year == 2022 && r.gwno == GwCode(369)).unwrap();
/// assert!(ukraine_2022.deaths.best > 80_000);
/// # Ok::<(), conflictstats::Error>(())
/// ```
#[must_use]
pub fn by_country_year(brd: &BattleDeaths) -> Vec<CountryYearDeaths> {
    let mut map: BTreeMap<(i32, u16), (Estimates, u32)> = BTreeMap::new();
    for r in &brd.records {
        let shared = u32::from(r.gwno_battle.len() > 1);
        // A state listed twice in one row counts once.
        let mut states: Vec<u16> = r.gwno_battle.iter().map(|g| g.0).collect();
        states.sort_unstable();
        states.dedup();
        for gw in states {
            let e = map.entry((r.year, gw)).or_default();
            e.0 += Estimates::of(r.bd_low, r.bd_best, r.bd_high);
            e.1 += shared;
        }
    }
    map.into_iter()
        .map(|((year, gw), (deaths, shared))| CountryYearDeaths {
            gwno: GwCode(gw),
            year,
            deaths,
            shared_dyad_years: shared,
        })
        .collect()
}

/// Deaths per year in the three forms of organized violence, for the years all three datasets
/// cover (a year missing from one of them would understate the total, so it is not given).
///
/// # Errors
/// [`Error::InvalidSpec`] if the three datasets share no year, or are of different releases
/// (mixing v23.1 with v24.1 would add figures UCDP never published together).
pub fn by_form_of_violence(
    brd: &BattleDeaths,
    nonstate: &NonState,
    onesided: &OneSided,
) -> Result<Vec<YearDeaths>> {
    let versions = [&brd.provenance, &nonstate.provenance, &onesided.provenance];
    if versions.iter().any(|p| p.version != versions[0].version) {
        return Err(Error::spec(format!(
            "the three datasets are of different releases ({}); use one release of each",
            versions
                .iter()
                .map(|p| p.label())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let ranges = [
        brd.year_range(),
        nonstate.year_range(),
        onesided.year_range(),
    ];
    let (Some(a), Some(b), Some(c)) = (ranges[0], ranges[1], ranges[2]) else {
        return Err(Error::spec("a dataset has no records"));
    };
    let (from, to) = (a.0.max(b.0).max(c.0), a.1.min(b.1).min(c.1));
    if from > to {
        return Err(Error::spec("the three datasets share no year"));
    }
    let n = usize::try_from(to - from + 1).unwrap_or(0);
    let mut out: Vec<YearDeaths> = (from..=to)
        .map(|year| YearDeaths {
            year,
            state_based: Estimates::default(),
            non_state: Estimates::default(),
            one_sided: Estimates::default(),
            total: Estimates::default(),
        })
        .collect();
    let idx = |year: i32| usize::try_from(year - from).ok().filter(|i| *i < n);
    for r in &brd.records {
        if let Some(i) = idx(r.year) {
            out[i].state_based += Estimates::of(r.bd_low, r.bd_best, r.bd_high);
        }
    }
    for r in &nonstate.records {
        if let Some(i) = idx(r.year) {
            out[i].non_state += Estimates::of(r.low, r.best, r.high);
        }
    }
    for r in &onesided.records {
        if let Some(i) = idx(r.year) {
            out[i].one_sided += Estimates::of(r.low, r.best, r.high);
        }
    }
    for y in &mut out {
        y.total = y.state_based;
        y.total += y.non_state;
        y.total += y.one_sided;
    }
    Ok(out)
}

/// [`by_form_of_violence`] on the embedded releases (`None`: v24.1), with their provenance.
pub fn embedded_by_form_of_violence(
    version: Option<&str>,
) -> Result<(Vec<YearDeaths>, Vec<Provenance>)> {
    let brd = BattleDeaths::embedded(version)?;
    let ns = NonState::embedded(version)?;
    let os = OneSided::embedded(version)?;
    let rows = by_form_of_violence(&brd, &ns, &os)?;
    Ok((rows, vec![brd.provenance, ns.provenance, os.provenance]))
}

/// The rows of `year` (all rows for `None`). A year outside the rows' coverage is an
/// [`Error::InvalidSpec`] naming the data (`provenance`): a total there is missing, not zero.
///
/// ```
/// use conflictstats::deaths::{embedded_by_form_of_violence, select_year};
///
/// let (rows, provenance) = embedded_by_form_of_violence(Some("24.1"))?;
/// assert_eq!(select_year(rows.clone(), Some(2020), &provenance)?.len(), 1);
/// assert!(select_year(rows, Some(1800), &provenance).is_err());
/// # Ok::<(), conflictstats::Error>(())
/// ```
pub fn select_year(
    mut rows: Vec<YearDeaths>,
    year: Option<i32>,
    provenance: &[Provenance],
) -> Result<Vec<YearDeaths>> {
    let Some(y) = year else { return Ok(rows) };
    let span = rows.first().zip(rows.last()).map(|(a, b)| (a.year, b.year));
    let label: Vec<String> = provenance.iter().map(Provenance::label).collect();
    crate::coverage::check_year(Some(y), span, &label.join(" + "))?;
    rows.retain(|r| r.year == y);
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflict_year_sums_equal_dyad_sums_every_year() {
        let brd = BattleDeaths::embedded(None).unwrap();
        let cy = by_conflict_year(&brd);
        for year in 1989..=2023 {
            let a: u64 = cy
                .iter()
                .filter(|r| r.year == year)
                .map(|r| r.deaths.best)
                .sum();
            let b: u64 = brd
                .records
                .iter()
                .filter(|r| r.year == year)
                .map(|r| u64::from(r.bd_best))
                .sum();
            assert_eq!(a, b, "{year}");
        }
        assert_eq!(
            cy.iter().map(|r| r.dyads as usize).sum::<usize>(),
            brd.records.len()
        );
    }

    #[test]
    fn country_sums_count_a_dyad_year_in_each_battle_state() {
        // A dyad-year fought in k distinct states counts fully in each: the country sums of a
        // year are Σ bd_best · k over its rows, never below the world total (k ≥ 1).
        let brd = BattleDeaths::embedded(None).unwrap();
        let cy = by_country_year(&brd);
        let mut some_shared = false;
        for year in 1989..=2023 {
            let countries: u64 = cy
                .iter()
                .filter(|r| r.year == year)
                .map(|r| r.deaths.best)
                .sum();
            let rows = brd.records.iter().filter(|r| r.year == year);
            let (mut world, mut weighted) = (0u64, 0u64);
            for r in rows {
                let mut states: Vec<u16> = r.gwno_battle.iter().map(|g| g.0).collect();
                states.sort_unstable();
                states.dedup();
                world += u64::from(r.bd_best);
                weighted += u64::from(r.bd_best) * states.len() as u64;
            }
            assert_eq!(countries, weighted, "{year}");
            assert!(countries >= world, "{year}");
            some_shared |= countries > world;
        }
        assert!(some_shared, "some dyad-year is fought in several states");
    }

    #[test]
    fn mixed_releases_are_refused() {
        let err = by_form_of_violence(
            &BattleDeaths::embedded(None).unwrap(),
            &NonState::embedded(Some("23.1")).unwrap(),
            &OneSided::embedded(None).unwrap(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("different releases"), "{err}");
    }
}
