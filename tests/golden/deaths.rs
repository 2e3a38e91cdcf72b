//! Deaths in organized violence: UCDP's published totals reproduced from the v24.1 files.

use conflictstats::deaths::{by_conflict_year, embedded_by_form_of_violence};

#[test]
fn deaths_in_all_three_forms_match_ucdp_published_totals() {
    let (rows, provenance) = embedded_by_form_of_violence(None).unwrap();
    assert!(provenance.iter().all(|p| p.version == "24.1"));
    let get = |y: i32| rows.iter().find(|r| r.year == y).unwrap();
    // UCDP (Davies et al. 2024): about 154,000 deaths in 2023 and about 310,000 in 2022.
    assert_eq!(get(2023).total.best, 153_691);
    assert_eq!(get(2022).total.best, 310_306);
    assert_eq!(
        (
            get(2023).state_based.best,
            get(2023).non_state.best,
            get(2023).one_sided.best
        ),
        (122_518, 20_898, 10_275)
    );
    assert_eq!(rows.first().map(|r| r.year), Some(1989));
    assert_eq!(rows.last().map(|r| r.year), Some(2023));
    for r in &rows {
        assert_eq!(
            r.total.best,
            r.state_based.best + r.non_state.best + r.one_sided.best
        );
    }
}

#[test]
fn conflict_year_battle_deaths() {
    let brd = conflictstats::data::BattleDeaths::embedded(None).unwrap();
    let cy = by_conflict_year(&brd);
    // Russia–Ukraine (13243) in 2022: a single dyad.
    let ru = cy
        .iter()
        .find(|r| r.conflict_id.0 == 13243 && r.year == 2022)
        .unwrap();
    let raw = brd
        .records
        .iter()
        .find(|r| r.conflict_id.0 == 13243 && r.year == 2022)
        .unwrap();
    assert_eq!(ru.dyads, 1);
    assert_eq!(ru.deaths.best, u64::from(raw.bd_best));
    assert_eq!(ru.deaths.best, 91_723);
    // The deadliest conflict-year of 2022 is Ethiopia (267: two dyads, TPLF and OLA), not
    // Russia–Ukraine: the summing over dyads matters.
    let max_2022 = cy
        .iter()
        .filter(|r| r.year == 2022)
        .max_by_key(|r| r.deaths.best)
        .unwrap();
    assert_eq!(
        (max_2022.conflict_id.0, max_2022.dyads, max_2022.deaths.best),
        (267, 2, 162_453)
    );
}
