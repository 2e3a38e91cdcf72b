//! Stock and flow, rates per state and severity, on the shipped data. Every pinned value comes
//! from an independent implementation: `python3 tests/reference/flows_reference.py` (pandas on
//! the raw CSVs, statsmodels) and `python3 tests/reference/severity_reference.py` (the
//! `powerlaw` package 2.0.0).

use conflictstats::data::{Acd, Brd, GwStates};
use conflictstats::rates::{Form, RatesReport, fit_rate, states_in_system};
use conflictstats::severity::{
    Favours, PowerLawBootstrapOptions, SeverityOptions, SeverityReport, SeverityUnit,
};
use conflictstats::stockflow::StockFlow;

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / b.abs().max(1e-300)
}

fn acd_v25_1_stock_flow() -> StockFlow {
    let acd = Acd::embedded(Some("25.1")).unwrap();
    StockFlow::from_acd(&acd, &GwStates::embedded(None).unwrap()).unwrap()
}

#[test]
fn acd_v25_1_flows_2010_2024_match_pandas() {
    let sf = acd_v25_1_stock_flow();
    // (year, active, onsets, new conflicts, terminations, mean duration) from pandas.
    let pins = [
        (2010, 31, 2, 1, 8, 12.032_258_064_516_13),
        (2011, 37, 11, 3, 5, 10.270_270_270_270_27),
        (2014, 46, 12, 5, 5, 8.195_652_173_913_043),
        (2015, 54, 19, 15, 11, 7.574_074_074_074_074),
        (2024, 61, 7, 3, 5, 8.459_016_393_442_623),
    ];
    for (year, active, onsets, new, ended, duration) in pins {
        let y = sf.year(year).unwrap();
        assert_eq!(
            (y.active, y.onsets, y.new_conflicts, y.terminations),
            (active, onsets, new, ended),
            "{year}"
        );
        assert!(rel(y.mean_duration.unwrap(), duration) < 1e-12, "{year}");
    }
    assert_eq!(sf.year(2015).unwrap().at_risk_by_duration, [12, 11, 11, 12]);
    assert_eq!(
        sf.year(2015).unwrap().terminations_by_duration,
        [6, 3, 2, 0]
    );
    // The stock identity in every year.
    let mut prev = sf.first_year_active;
    for y in &sf.years {
        assert_eq!(y.active, y.onsets + y.continuing, "{}", y.year);
        assert_eq!(prev, y.continuing + y.terminations, "{}", y.year);
        prev = y.active;
    }
}

#[test]
fn acd_v25_1_decomposition_2010_2024_is_exact_and_matches_pandas() {
    let d = acd_v25_1_stock_flow().decompose(2010, 2024, None).unwrap();
    assert_eq!((d.active_from, d.active_to, d.change), (31, 61, 30));
    assert_eq!((d.onsets, d.terminations), (159, 129));
    assert_eq!(d.base.years, (1997, 2010));
    let sum = d.more_onsets + d.fewer_terminations + d.longer_durations + d.stock_feedback;
    assert!((sum - 30.0).abs() < 1e-9, "{sum}");
    assert!((d.more_onsets - 60.0).abs() < 1e-9);
    assert!(rel(d.fewer_terminations, 19.807_258_379_568_474) < 1e-9);
    assert!(rel(d.longer_durations, -4.180_799_235_599_606) < 1e-9);
    assert!(rel(d.stock_feedback, -45.626_459_143_968_87) < 1e-9);
    assert!(rel(d.base.termination_rate, 0.212_062_256_809_338_52) < 1e-12);
    assert!(
        d.statement.contains("More conflicts started") && !d.statement.contains("wars"),
        "{}",
        d.statement
    );
    // Another base, and the errors.
    let e = acd_v25_1_stock_flow()
        .decompose(2010, 2024, Some((1990, 2009)))
        .unwrap();
    let sum = e.more_onsets + e.fewer_terminations + e.longer_durations + e.stock_feedback;
    assert!((sum - 30.0).abs() < 1e-9);
    let sf = acd_v25_1_stock_flow();
    assert!(sf.decompose(2024, 2010, None).is_err());
    assert!(sf.decompose(2010, 2030, None).is_err());
    assert!(sf.decompose(2010, 2024, Some((1946, 1950))).is_err());
}

#[test]
fn gw_states_after_2021_take_2021_membership() {
    let gw = GwStates::embedded(None).unwrap();
    let n: Vec<u32> = [1946, 2021, 2024]
        .iter()
        .map(|&y| states_in_system(&gw, y, false))
        .collect();
    assert_eq!(n, [71, 174, 174]);
}

#[test]
fn rates_1989_2023_acd_v25_1_nonstate_onesided_v24_1_match_statsmodels() {
    let data = conflictstats::count::Datasets {
        acd: Some(Acd::embedded(Some("25.1")).unwrap()),
        nonstate: Some(conflictstats::data::NonState::embedded(Some("24.1")).unwrap()),
        onesided: Some(conflictstats::data::OneSided::embedded(Some("24.1")).unwrap()),
        dyadic: None,
    };
    let gw = GwStates::embedded(None).unwrap();
    let r = RatesReport::from_datasets(&data, &gw, &Form::ALL, Some((1989, 2023)), false).unwrap();
    assert_eq!(r.states[0], 151);
    assert_eq!(*r.states.last().unwrap(), 174);
    // (form, Poisson slope, se, NB slope, se, α) from statsmodels with offset ln(states).
    let pins = [
        (
            Form::Interstate,
            0.008_206_166_538_526_995,
            0.014_729_500_965_593_001,
            None,
        ),
        (
            Form::Intrastate,
            -0.014_233_193_849_999_179,
            0.002_973_823_233_888_824_5,
            None,
        ),
        (
            Form::StateBased,
            0.005_074_579_050_304_707_5,
            0.002_554_250_111_668_306_6,
            Some((
                0.004_666_258_711_202_902_5,
                0.003_143_542_093_565_435,
                0.013_815_504_336_900_57,
            )),
        ),
        (
            Form::NonState,
            0.039_799_672_509_847_48,
            0.002_586_767_088_605_704,
            Some((
                0.038_789_985_218_323_27,
                0.003_767_527_905_891_105_3,
                0.026_198_631_907_680_882,
            )),
        ),
        (
            Form::OneSided,
            -0.002_316_449_429_142_197_4,
            0.002_804_171_402_510_621,
            Some((
                -0.002_271_480_825_640_734_4,
                0.003_302_482_096_721_450_5,
                0.011_574_030_602_150_16,
            )),
        ),
    ];
    for (form, slope, se, nb) in pins {
        let f = r.forms.iter().find(|f| f.form == form).unwrap();
        let rate = f.rate.as_ref().unwrap();
        assert!(rel(rate.poisson.slope, slope) < 1e-6, "{form:?}");
        assert!(rel(rate.poisson.slope_se, se) < 1e-6, "{form:?}");
        match nb {
            None => assert!(rate.negbin.alpha_at_boundary, "{form:?}"),
            Some((s, e, a)) => {
                assert!(rel(rate.negbin.slope, s) < 1e-6, "{form:?}");
                assert!(rel(rate.negbin.slope_se, e) < 1e-6, "{form:?}");
                assert!(rel(rate.negbin.alpha, a) < 1e-6, "{form:?}");
            }
        }
    }
    let ext = r
        .forms
        .iter()
        .find(|f| f.form == Form::Extrasystemic)
        .unwrap();
    assert!(ext.rate.is_none() && ext.note.is_some());
    assert!(ext.counts.iter().all(|&c| c == 0));
    assert!(fit_rate(&[2000, 2001], &[1.0, 2.0], &[0.0, 1.0]).is_err());
}

fn brd_v24_1() -> Brd {
    Brd::embedded(Some("24.1")).unwrap()
}

#[test]
fn brd_v24_1_conflict_year_power_law_matches_powerlaw_package() {
    let opts = SeverityOptions {
        bootstrap: None,
        ..SeverityOptions::default()
    };
    let r = SeverityReport::from_brd(&brd_v24_1(), &opts).unwrap();
    let pl = &r.power_law;
    assert_eq!((pl.n, pl.n_tail, pl.x_min), (1520, 140, 2598.0));
    assert!(rel(pl.alpha, 2.033_394_939_256_839_3) < 1e-12);
    assert!(rel(pl.ks_distance, 0.032_443_302_086_918_036) < 1e-9);
    // The log-normal MLE (scipy, refined to 1e-12) and Vuong's test on the same tail.
    assert!((r.lognormal.mu - -3.353_201_024_076_966_5).abs() < 1e-4);
    assert!((r.lognormal.sigma - 3.552_550_967_823_254_5).abs() < 1e-4);
    assert!((r.vuong.log_likelihood_ratio - -0.267_479_360_361_854_8).abs() < 1e-6);
    assert!((r.vuong.normalized_ratio - -0.511_433_192_487_023_6).abs() < 1e-6);
    assert!((r.vuong.p_value - 0.609_047_757_623_901_5).abs() < 1e-6);
    assert_eq!(r.vuong.favours, Favours::Neither);
}

#[test]
fn brd_v24_1_conflict_power_law_matches_powerlaw_package() {
    let opts = SeverityOptions {
        unit: SeverityUnit::Conflict,
        bootstrap: None,
        ..SeverityOptions::default()
    };
    let r = SeverityReport::from_brd(&brd_v24_1(), &opts).unwrap();
    let pl = &r.power_law;
    assert_eq!((pl.n, pl.n_tail, pl.x_min), (197, 50, 5284.0));
    assert!(rel(pl.alpha, 1.766_897_411_140_29) < 1e-12);
    assert!(rel(pl.ks_distance, 0.075_349_981_990_022_41) < 1e-9);
    assert!((r.lognormal.mu - 6.569_974_630_170_932).abs() < 1e-4);
    assert!((r.lognormal.sigma - 2.346_742_713_562_281).abs() < 1e-4);
    assert!((r.vuong.log_likelihood_ratio - -0.907_353_082_261_085_6).abs() < 1e-6);
    assert!((r.vuong.p_value - 0.379_430_791_958_589).abs() < 1e-6);
}

#[test]
fn brd_v24_1_bootstrap_within_monte_carlo_error_of_the_reference() {
    // The reference (numpy's PCG64 stream, powerlaw's fits, 100 replicates) gave SE(α) 0.1230
    // and p 0.82; here 300 replicates of another stream. Binomial SE of the difference of two
    // p estimates ≈ √(p(1−p)(1/100 + 1/300)) = 0.044; of SE(α), ≈ SE·√(1/200 + 1/600) = 0.010.
    let opts = SeverityOptions {
        bootstrap: Some(PowerLawBootstrapOptions {
            replicates: 300,
            seed: 42,
        }),
        ..SeverityOptions::default()
    };
    let r = SeverityReport::from_brd(&brd_v24_1(), &opts).unwrap();
    let b = r.bootstrap.as_ref().unwrap();
    assert!((b.gof_p_value - 0.82).abs() < 3.0 * 0.044, "{b:?}");
    assert!((b.alpha_se - 0.1230).abs() < 3.0 * 0.010, "{b:?}");
    let again = SeverityReport::from_brd(&brd_v24_1(), &opts).unwrap();
    assert_eq!(again.bootstrap, r.bootstrap);
}

#[test]
fn brd_v25_1_conflict_level_power_law_matches_powerlaw_package() {
    // (unit, n, n_tail, x_min, α, D, Vuong R, p) from severity_reference.py on
    // BattleDeaths_v25_1_conf.csv.
    let pins = [
        (
            SeverityUnit::ConflictYear,
            1586,
            143,
            2608.0,
            2.009_947_744_707_554,
            0.033_570_354_794_701_55,
            -0.304_794_037_499_444_67,
            0.577_627_647_241_169_1,
        ),
        (
            SeverityUnit::Conflict,
            201,
            53,
            5336.0,
            1.792_927_622_561_658,
            0.067_924_509_486_573_8,
            -0.430_533_416_107_762_1,
            0.537_160_249_863_419_6,
        ),
    ];
    let brd = Brd::embedded(Some("25.1")).unwrap();
    for (unit, n, n_tail, x_min, alpha, d, r, p) in pins {
        let opts = SeverityOptions {
            unit,
            bootstrap: None,
            ..SeverityOptions::default()
        };
        let rep = SeverityReport::from_brd(&brd, &opts).unwrap();
        let pl = &rep.power_law;
        assert_eq!((pl.n, pl.n_tail, pl.x_min), (n, n_tail, x_min), "{unit:?}");
        assert!(rel(pl.alpha, alpha) < 1e-12, "{unit:?}");
        assert!(rel(pl.ks_distance, d) < 1e-9, "{unit:?}");
        assert!(
            (rep.vuong.log_likelihood_ratio - r).abs() < 1e-6,
            "{unit:?}"
        );
        assert!((rep.vuong.p_value - p).abs() < 1e-6, "{unit:?}");
        assert_eq!(rep.years, (1989, 2024));
    }
}
