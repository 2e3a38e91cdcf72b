//! Episodes and peace spells of one unit's yearly activity series.
//!
//! An **episode** is a run of active years in which consecutive active years are separated by
//! fewer than `gap` inactive years: a new episode (an **onset**) starts when a unit becomes
//! active after at least `gap` inactive years. UCDP's rule in the ACD is `gap = 1` (any
//! inactive calendar year ends an episode, `ep_end`); others bridge short lulls, e.g. 2 years
//! (Fearon & Laitin-style coding) or 5 (Collier & Hoeffler's peace-spell convention), in
//! which case the inactive years between two active years of one episode belong to it.
//!
//! An episode's **termination** is its last active year, known once `gap` inactive years have
//! been observed after it (or the unit ceased to exist); within `gap` years of the end of the
//! data it is unknown (`None`). The first episode is **left-censored** when the series starts
//! at the start of the data's coverage and the unit is active in that first year, or when
//! there is evidence of activity before coverage (a conflict `start_date` before it) and fewer
//! than `gap` inactive years were observed before the first active year: its onset is then
//! unknown (`None`).
//!
//! **Peace years** follow the field's convention (Beck, Katz & Tucker 1998; Stata's `btscs`,
//! peacesciencer's spells): the number of consecutive inactive years **before** year *t*. An
//! onset year therefore carries the length of the peace spell it ends, the year after an
//! active year has 0, and a logit of onset on peace years (and splines or cubic terms) is
//! identified. **At risk** says whether activity in year *t* would be an onset: at least `gap`
//! inactive years (or no activity at all) observed before *t*; unknown (`None`) where the onset
//! itself is unknown (a left-censored episode). Estimate onset models on `at_risk` rows.
//!
//! Two further counts keep what they say in their names: **years since active** (the years
//! since the last active year, 0 in an active year — the measure once called `peace_years`)
//! and **years since onset** (0 in an onset year). Before the first event of a series all
//! three count from the start of observation, which is 0; such spells are flagged
//! `peace_censored` when the observation starts at the start of coverage (history unknown)
//! rather than at the unit's entry.

use std::collections::BTreeMap;

/// What is known about a series' past and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeriesContext {
    /// Element 0 is the first year of the data's coverage (history before it unknown).
    pub at_coverage_start: bool,
    /// Evidence of activity before the coverage starts (e.g. a `start_date` before it).
    pub prior_activity: bool,
    /// Covered inactive years known to precede element 0.
    pub inactive_before: u32,
    /// The unit ceases right after the last element (a state leaving the system), rather than
    /// the data's coverage ending.
    pub unit_ends: bool,
    /// Onset after at least this many inactive years (≥ 1).
    pub gap: u32,
}

/// Per-year results of [`analyse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct YearState {
    /// `Some(true)` in an episode's first year; `None` when that is left-censored.
    pub onset: Option<bool>,
    /// `Some(true)` in an episode's last active year; `None` while unknown.
    pub termination: Option<bool>,
    /// 1-based episode number within the series, for the years an episode spans.
    pub episode: Option<u32>,
    /// The year belongs to a left-censored episode.
    pub left_censored: bool,
    /// Consecutive inactive years before this year (since the start of observation if none).
    pub peace_years: u32,
    /// Whether activity in this year would be an onset (`None`: unknown, left-censored).
    pub at_risk: Option<bool>,
    /// Years since the last active year, 0 in an active year (or since the start of
    /// observation).
    pub years_since_active: u32,
    /// Years since the last onset (or since the start of observation).
    pub years_since_onset: u32,
    /// The spell `peace_years` counts started at the start of coverage, not at an observed
    /// event or entry (its true length is unknown, at least `peace_years`).
    pub peace_censored: bool,
}

/// Writes one spell's analysed years (`out`, from [`analyse`]) into `series` from index `at`,
/// numbering its episodes after the `offset` episodes of the unit's earlier spells; returns
/// the number of episodes of this spell.
pub(crate) fn place_spell(
    series: &mut [Option<YearState>],
    at: usize,
    out: &[YearState],
    offset: u32,
) -> u32 {
    let mut episodes = 0;
    for (j, st) in out.iter().enumerate() {
        let mut st = *st;
        if let Some(e) = st.episode {
            episodes = episodes.max(e);
            st.episode = Some(e + offset);
        }
        series[at + j] = Some(st);
    }
    episodes
}

/// Analyses one consecutive series of yearly activity flags.
pub(crate) fn analyse(active: &[bool], ctx: &SeriesContext, out: &mut Vec<YearState>) {
    out.clear();
    out.resize(active.len(), YearState::default());
    let gap = ctx.gap.max(1) as usize;
    let n = active.len();
    // Episodes as (first, last) active indices.
    let mut episode_no = 0u32;
    let mut i = 0;
    while i < n {
        if !active[i] {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < n {
            if active[j] {
                last = j;
                j += 1;
            } else if j - last >= gap {
                // `j - last` inactive years observed since `last`: `gap` of them end it.
                break;
            } else {
                j += 1;
            }
        }
        episode_no += 1;
        let censored = episode_no == 1
            && ((ctx.at_coverage_start && first == 0)
                || (ctx.prior_activity && (ctx.inactive_before as usize + first) < gap));
        // Termination: `gap` inactive years observed after `last`, or the unit ends.
        let known_end = last + gap < n || (ctx.unit_ends && !active[last + 1..].contains(&true));
        for (k, slot) in out.iter_mut().enumerate().take(last + 1).skip(first) {
            slot.episode = Some(episode_no);
            slot.left_censored = censored;
            slot.onset = Some(false);
            slot.termination = Some(false);
            if k == first && !censored {
                slot.onset = Some(true);
            }
            if k == first && censored {
                slot.onset = None;
            }
        }
        out[last].termination = if known_end { Some(true) } else { None };
        i = last + 1;
    }
    // Years outside episodes: no onset, no termination.
    for slot in out.iter_mut().filter(|s| s.episode.is_none()) {
        slot.onset = Some(false);
        slot.termination = Some(false);
    }
    peace_spells(active, ctx, gap, out);
}

/// Peace years (before *t*), at-risk flags, years since active and since onset.
fn peace_spells(active: &[bool], ctx: &SeriesContext, gap: usize, out: &mut [YearState]) {
    let mut since_active: Option<usize> = None;
    let mut since_onset: Option<usize> = None;
    for k in 0..active.len() {
        // Before updating with year k: what was observed before it.
        // (the same rules as the episodes': unknown history makes the answer unknown).
        let unknown = (ctx.at_coverage_start && k == 0)
            || (ctx.prior_activity && (ctx.inactive_before as usize + k) < gap);
        let (before, risk) = match since_active {
            Some(a) => (k - a - 1, Some(k - a > gap)),
            None if unknown => (k, None),
            None => (k, Some(true)),
        };
        out[k].peace_years = before as u32;
        out[k].at_risk = out[k].onset.and(risk);
        // The spell `peace_years` counts began at the start of coverage.
        out[k].peace_censored = since_active.is_none() && ctx.at_coverage_start;
        if active[k] {
            since_active = Some(k);
        }
        if out[k].onset == Some(true) {
            since_onset = Some(k);
        }
        out[k].years_since_active = since_active.map_or(k, |a| k - a) as u32;
        out[k].years_since_onset = since_onset.map_or(k, |o| k - o) as u32;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(gap: u32) -> SeriesContext {
        SeriesContext {
            at_coverage_start: false,
            prior_activity: false,
            inactive_before: 0,
            unit_ends: false,
            gap,
        }
    }

    fn run(active: &[u8], c: &SeriesContext) -> Vec<YearState> {
        let a: Vec<bool> = active.iter().map(|&x| x == 1).collect();
        let mut out = Vec::new();
        analyse(&a, c, &mut out);
        out
    }

    #[test]
    fn gap_one_is_ucdp_rule() {
        let s = run(&[0, 1, 1, 0, 1, 0, 0], &ctx(1));
        let onset: Vec<_> = s.iter().map(|y| y.onset).collect();
        assert_eq!(
            onset,
            [false, true, false, false, true, false, false].map(Some)
        );
        let term: Vec<_> = s.iter().map(|y| y.termination).collect();
        assert_eq!(
            term,
            [false, false, true, false, true, false, false].map(Some)
        );
        let ep: Vec<_> = s.iter().map(|y| y.episode).collect();
        assert_eq!(ep, [None, Some(1), Some(1), None, Some(2), None, None]);
        let since: Vec<_> = s.iter().map(|y| y.years_since_active).collect();
        assert_eq!(since, [0, 0, 0, 1, 0, 1, 2]);
        let po: Vec<_> = s.iter().map(|y| y.years_since_onset).collect();
        assert_eq!(po, [0, 0, 1, 2, 0, 1, 2]);
        // Peace years before t: the onset in year 4 carries the 1-year spell it ends.
        let peace: Vec<_> = s.iter().map(|y| y.peace_years).collect();
        assert_eq!(peace, [0, 1, 0, 0, 1, 0, 1]);
        let risk: Vec<_> = s.iter().map(|y| y.at_risk).collect();
        assert_eq!(
            risk,
            // year 3 follows an active year: activity there would continue the episode
            [true, true, false, false, true, false, true].map(Some)
        );
    }

    #[test]
    fn gap_two_bridges_one_year_not_two() {
        let s = run(&[1, 0, 1, 0, 0, 1, 0, 0], &ctx(2));
        let ep: Vec<_> = s.iter().map(|y| y.episode).collect();
        assert_eq!(
            ep,
            [Some(1), Some(1), Some(1), None, None, Some(2), None, None]
        );
        let onset: Vec<_> = s.iter().map(|y| y.onset.unwrap()).collect();
        assert_eq!(
            onset,
            [true, false, false, false, false, true, false, false]
        );
        let term: Vec<_> = s.iter().map(|y| y.termination).collect();
        assert_eq!(
            term,
            [false, false, true, false, false, true, false, false].map(Some)
        );
    }

    #[test]
    fn right_censored_termination_is_unknown() {
        let s = run(&[0, 1, 0], &ctx(2));
        assert_eq!(s[1].termination, None);
        let s = run(&[0, 1], &ctx(1));
        assert_eq!(s[1].termination, None);
        let ends = SeriesContext {
            unit_ends: true,
            ..ctx(1)
        };
        assert_eq!(run(&[0, 1], &ends)[1].termination, Some(true));
    }

    #[test]
    fn left_censoring() {
        let at_start = SeriesContext {
            at_coverage_start: true,
            ..ctx(1)
        };
        let s = run(&[1, 1, 0, 1], &at_start);
        assert_eq!((s[0].onset, s[0].left_censored), (None, true));
        assert!(s[1].left_censored);
        assert_eq!((s[3].onset, s[3].left_censored), (Some(true), false));
        // Evidence of earlier activity, 1 inactive year observed, gap 2: still unknown.
        let prior = SeriesContext {
            prior_activity: true,
            inactive_before: 1,
            ..ctx(2)
        };
        assert_eq!(run(&[1], &prior)[0].onset, None);
        let prior3 = SeriesContext {
            inactive_before: 2,
            ..prior
        };
        assert_eq!(run(&[1], &prior3)[0].onset, Some(true));
        // Peace before any event counts from the start of observation, flagged censored.
        let s = run(&[0, 0, 1, 0], &at_start);
        let p: Vec<_> = s
            .iter()
            .map(|y| (y.peace_years, y.peace_censored))
            .collect();
        // The onset in year 2 ends a spell that began at the start of coverage: censored.
        assert_eq!(p, [(0, true), (1, true), (2, true), (0, false)]);
        let since: Vec<_> = s.iter().map(|y| y.years_since_active).collect();
        assert_eq!(since, [0, 1, 0, 1]);
        let risk: Vec<_> = s.iter().map(|y| y.at_risk).collect();
        assert_eq!(risk, [None, Some(true), Some(true), Some(false)]);
    }
}

/// One unit's yearly series (a conflict, a dyad), from its first active year to the end of
/// coverage, with the episode state of every year.
#[derive(Debug, Clone)]
pub(crate) struct UnitSeries {
    /// The unit's id (`conflict_id`, `dyad_id`).
    pub id: u32,
    pub first_year: i32,
    pub active: Vec<bool>,
    /// Index into the source records of each active year's record.
    pub record: Vec<Option<usize>>,
    pub states: Vec<YearState>,
}

/// The series of every unit, in id order, from records given as `(id, year, start year)`
/// (in record order; `start year` is the year of the unit's first battle-related death, which
/// flags activity before the coverage `(c0, c1)` starts).
pub(crate) fn unit_series(
    records: impl Iterator<Item = (u32, i32, i32)>,
    (c0, c1): (i32, i32),
    gap: u32,
) -> Vec<UnitSeries> {
    let mut by_unit: BTreeMap<u32, Vec<(usize, i32, i32)>> = BTreeMap::new();
    for (i, (id, year, start_year)) in records.enumerate() {
        by_unit.entry(id).or_default().push((i, year, start_year));
    }
    let mut out = Vec::with_capacity(by_unit.len());
    for (id, recs) in by_unit {
        let first_year = recs.iter().map(|r| r.1).min().unwrap_or(c0);
        let n = (c1 - first_year + 1).max(0) as usize;
        let mut active = vec![false; n];
        let mut record = vec![None; n];
        let mut prior = false;
        for &(i, year, start_year) in &recs {
            let k = (year - first_year) as usize;
            active[k] = true;
            record[k] = Some(i);
            prior |= start_year < c0;
        }
        let ctx = SeriesContext {
            at_coverage_start: first_year == c0,
            prior_activity: prior,
            inactive_before: (first_year - c0) as u32,
            unit_ends: false,
            gap,
        };
        let mut states = Vec::new();
        analyse(&active, &ctx, &mut states);
        out.push(UnitSeries {
            id,
            first_year,
            active,
            record,
            states,
        });
    }
    out
}
