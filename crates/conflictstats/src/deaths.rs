//! Deaths: battle-related deaths per conflict-year and country-year, and deaths in all three
//! forms of organized violence per year.
//!
//! UCDP distinguishes three forms of organized violence, each with its own dataset and death
//! estimates (low, best, high):
//!
//! - **state-based** armed conflict — battle-related deaths from the Battle-Related Deaths
//!   Dataset ([`Brd`]: the conflict-level version in v25.1, the dyadic version in v24.1);
//! - **non-state** conflict — fatalities from the Non-State Conflict Dataset ([`NonState`]);
//! - **one-sided** violence against civilians — from the One-sided Violence Dataset
//!   ([`OneSided`]).
//!
//! UCDP's annual figure for "deaths in organized violence" is the sum of the three best
//! estimates. Sums here are exact integer sums of the published rows; nothing is imputed.
//! Each BRD level is read for what it is: a conflict-level row *is* the conflict-year's total
//! (its `dyad_id` lists the dyads it covers); dyadic rows are summed by conflict-year, a
//! derivation. Country-year sums are by *battle location* (`gwno_battle`) — a row fought in
//! several states counts fully in each, and is flagged as shared, because UCDP does not split
//! it.
//!
//! ```
//! use conflictstats::data::{Brd, NonState, OneSided};
//! use conflictstats::deaths::by_form_of_violence;
//!
//! let v = Some("25.1");
//! let rows = by_form_of_violence(
//!     &Brd::embedded(v)?,
//!     &NonState::embedded(v)?,
//!     &OneSided::embedded(v)?,
//! )?;
//! let y2024 = rows.iter().find(|r| r.year == 2024).unwrap();
//! assert_eq!(y2024.state_based.best, 128_439);
//! assert_eq!((y2024.non_state.best, y2024.one_sided.best), (17_471, 13_927));
//! assert_eq!(y2024.total.best, 159_837);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::{Brd, BrdLevel, NonState, OneSided, Provenance, Sources};
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
    fn of((low, best, high): (u32, u32, u32)) -> Estimates {
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

/// Battle-related deaths of one conflict in one year: the conflict-level row, or the sum of
/// the conflict's dyad-years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConflictYearDeaths {
    /// The conflict.
    pub conflict_id: ConflictId,
    /// Calendar year.
    pub year: i32,
    /// The estimates.
    pub deaths: Estimates,
    /// The conflict's dyads active in the year (dyad-years summed, or dyads listed in the
    /// conflict-level row).
    pub dyads: u32,
}

/// Battle-related deaths fought on one state's territory in one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountryYearDeaths {
    /// The state (G&W code) where battles took place.
    pub gwno: GwCode,
    /// Calendar year.
    pub year: i32,
    /// Summed estimates of the BRD rows (dyad-years or conflict-years) fought there.
    pub deaths: Estimates,
    /// How many of those rows were fought in other states too (their deaths count fully in
    /// each state, so country sums can exceed the world total).
    pub shared_rows: u32,
    /// What a row is: dyad-years or conflict-years (the BRD's level).
    pub level: BrdLevel,
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

/// Battle-related deaths per `(conflict_id, year)`, sorted by year then conflict: the rows of
/// a conflict-level BRD as they are, or dyad-years summed.
#[must_use]
pub fn by_conflict_year(brd: &Brd) -> Vec<ConflictYearDeaths> {
    let mut map: BTreeMap<(i32, u32), (Estimates, u32)> = BTreeMap::new();
    for r in brd.rows() {
        let e = map.entry((r.year, r.conflict_id.0)).or_default();
        e.0 += Estimates::of(r.deaths);
        e.1 += r.dyads;
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

/// Sums BRD rows by battle-location state and year (`gwno_battle`, UCDP's codes mapped to
/// G&W's by [`UcdpGw`](crate::data::UcdpGw)), sorted by year then G&W code.
///
/// ```
/// use conflictstats::{data::Brd, deaths::by_country_year, model::GwCode};
///
/// let rows = by_country_year(&Brd::embedded(Some("25.1"))?)?;
/// let ukraine_2022 = rows.iter().find(|r| r.year == 2022 && r.gwno == GwCode(369)).unwrap();
/// assert!(ukraine_2022.deaths.best > 80_000);
/// # Ok::<(), conflictstats::Error>(())
/// ```
pub fn by_country_year(brd: &Brd) -> crate::Result<Vec<CountryYearDeaths>> {
    let level = brd.level();
    let rules = crate::data::UcdpGw::embedded()?;
    let mut map: BTreeMap<(i32, u16), (Estimates, u32)> = BTreeMap::new();
    for r in brd.rows() {
        let shared = u32::from(r.gwno_battle.len() > 1);
        // A state listed twice in one row counts once.
        let mut states: Vec<u16> = rules.map_all(r.gwno_battle.iter(), r.year);
        states.sort_unstable();
        for gw in states {
            let e = map.entry((r.year, gw)).or_default();
            e.0 += Estimates::of(r.deaths);
            e.1 += shared;
        }
    }
    Ok(map
        .into_iter()
        .map(|((year, gw), (deaths, shared))| CountryYearDeaths {
            gwno: GwCode(gw),
            year,
            deaths,
            shared_rows: shared,
            level,
        })
        .collect())
}

/// Deaths per year in the three forms of organized violence, for the years all three datasets
/// cover (a year missing from one of them would understate the total, so it is not given).
///
/// # Errors
/// [`Error::InvalidSpec`] if the three datasets share no year, or are of different releases
/// (mixing v23.1 with v24.1 would add figures UCDP never published together).
pub fn by_form_of_violence(
    brd: &Brd,
    nonstate: &NonState,
    onesided: &OneSided,
) -> Result<Vec<YearDeaths>> {
    let versions = [brd.provenance(), &nonstate.provenance, &onesided.provenance];
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
    for r in brd.rows() {
        if let Some(i) = idx(r.year) {
            out[i].state_based += Estimates::of(r.deaths);
        }
    }
    for r in &nonstate.records {
        if let Some(i) = idx(r.year) {
            out[i].non_state += Estimates::of((r.low, r.best, r.high));
        }
    }
    for r in &onesided.records {
        if let Some(i) = idx(r.year) {
            out[i].one_sided += Estimates::of((r.low, r.best, r.high));
        }
    }
    for y in &mut out {
        y.total = y.state_based;
        y.total += y.non_state;
        y.total += y.one_sided;
    }
    Ok(out)
}

/// [`by_form_of_violence`] on the embedded releases (`None`: each dataset's default, v25.1),
/// with their provenance.
pub fn embedded_by_form_of_violence(
    version: Option<&str>,
) -> Result<(Vec<YearDeaths>, Vec<Provenance>)> {
    by_form_of_violence_in(&Sources::embedded(version))
}

/// [`by_form_of_violence`] on the BRD, Non-State and One-sided data `sources` resolve
/// (embedded releases or files), with their provenance.
pub fn by_form_of_violence_in(sources: &Sources) -> Result<(Vec<YearDeaths>, Vec<Provenance>)> {
    let brd = sources.brd()?;
    let ns = sources.nonstate()?;
    let os = sources.onesided()?;
    let rows = by_form_of_violence(&brd, &ns, &os)?;
    Ok((
        rows,
        vec![brd.provenance().clone(), ns.provenance, os.provenance],
    ))
}

/// One form of violence in one year — the long rows of the CLI's CSV and JSON and of
/// Python's `cs.deaths`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FormRow {
    /// Calendar year.
    pub year: i32,
    /// `state_based`, `non_state`, `one_sided` or `total`.
    pub form: &'static str,
    /// Low estimate.
    pub low: u64,
    /// Best estimate.
    pub best: u64,
    /// High estimate.
    pub high: u64,
}

/// The rows in long form: four per year (state-based, non-state, one-sided, total).
#[must_use]
pub fn long_rows(rows: &[YearDeaths]) -> Vec<FormRow> {
    rows.iter()
        .flat_map(|r| {
            [
                ("state_based", r.state_based),
                ("non_state", r.non_state),
                ("one_sided", r.one_sided),
                ("total", r.total),
            ]
            .map(|(form, e)| FormRow {
                year: r.year,
                form,
                low: e.low,
                best: e.best,
                high: e.high,
            })
        })
        .collect()
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
    fn brd_v24_1_conflict_year_sums_equal_dyad_sums_every_year() {
        let brd = Brd::embedded(Some("24.1")).unwrap();
        let cy = by_conflict_year(&brd);
        for year in 1989..=2023 {
            let a: u64 = cy
                .iter()
                .filter(|r| r.year == year)
                .map(|r| r.deaths.best)
                .sum();
            let b: u64 = brd
                .rows()
                .filter(|r| r.year == year)
                .map(|r| u64::from(r.deaths.1))
                .sum();
            assert_eq!(a, b, "{year}");
        }
        assert_eq!(
            cy.iter().map(|r| r.dyads as usize).sum::<usize>(),
            brd.len()
        );
    }

    #[test]
    fn brd_v25_1_conflict_rows_are_taken_as_they_are() {
        let Brd::Conflict(conf) = Brd::embedded(Some("25.1")).unwrap() else {
            panic!("v25.1 is the conflict-level version");
        };
        let brd = Brd::Conflict(conf.clone());
        let cy = by_conflict_year(&brd);
        assert_eq!(cy.len(), conf.records.len()); // one per conflict-year, nothing summed
        for r in &conf.records {
            let c = cy
                .iter()
                .find(|c| c.conflict_id == r.conflict_id && c.year == r.year)
                .unwrap();
            assert_eq!(c.deaths.best, u64::from(r.bd_best));
            assert_eq!(c.dyads as usize, r.dyad_id.len());
        }
    }

    #[test]
    fn brd_v24_1_country_sums_count_a_dyad_year_in_each_battle_state() {
        // A row fought in k distinct states counts fully in each: the country sums of a year
        // are Σ bd_best · k over its rows, never below the world total (k ≥ 1).
        for version in ["24.1", "25.1"] {
            let brd = Brd::embedded(Some(version)).unwrap();
            let cy = by_country_year(&brd).unwrap();
            let (first, last) = brd.year_range().unwrap();
            let mut some_shared = false;
            for year in first..=last {
                let countries: u64 = cy
                    .iter()
                    .filter(|r| r.year == year)
                    .map(|r| r.deaths.best)
                    .sum();
                let (mut world, mut weighted) = (0u64, 0u64);
                for r in brd.rows().filter(|r| r.year == year) {
                    let mut states: Vec<u16> = r.gwno_battle.iter().map(|g| g.0).collect();
                    states.sort_unstable();
                    states.dedup();
                    world += u64::from(r.deaths.1);
                    weighted += u64::from(r.deaths.1) * states.len() as u64;
                }
                assert_eq!(countries, weighted, "{version} {year}");
                assert!(countries >= world, "{version} {year}");
                some_shared |= countries > world;
            }
            assert!(
                some_shared,
                "{version}: some row is fought in several states"
            );
        }
    }

    #[test]
    fn mixed_releases_are_refused() {
        let err = by_form_of_violence(
            &Brd::embedded(Some("24.1")).unwrap(),
            &NonState::embedded(Some("23.1")).unwrap(),
            &OneSided::embedded(Some("24.1")).unwrap(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("different releases"), "{err}");
    }
}
