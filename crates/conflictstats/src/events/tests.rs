use super::columns::Cols;
use super::dates::month_index;
use super::kernel::{Cell32, MonthArith, MonthTable, Plan, accumulate, widen};
use super::*;
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> i32 {
    days_from_date(NaiveDate::from_ymd_opt(y, m, d).unwrap()) as i32
}

#[test]
fn civil_from_days_matches_chrono_over_centuries() {
    let mut d = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(2101, 1, 1).unwrap();
    while d < end {
        use chrono::Datelike;
        let n = days_from_date(d) as i32;
        assert_eq!(year_month_of_day(n), (d.year(), d.month()), "{d}");
        d = d.succ_opt().unwrap();
    }
}

#[test]
fn rules_on_a_multi_month_event() {
    // 2019-01-01 .. 2019-12-22 (12 months), best 9, low 4, high 30.
    let (s, e) = (day(2019, 1, 1), day(2019, 12, 22));
    let run = |a, p| {
        let o = KernelOptions {
            period: p,
            attribution: a,
            max_date_prec: 5,
        };
        sum_by_unit_period(&[0], 1, &[s], &[e], &[5], &[4], &[9], &[30], &o).unwrap()
    };
    let split = run(Attribution::SplitEven, Period::Month);
    assert_eq!(split.n_periods, 12);
    let best: Vec<u64> = split.cells.iter().map(|c| c.best).collect();
    assert_eq!(best, [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
    let high: Vec<u64> = split.cells.iter().map(|c| c.high).collect();
    assert_eq!(high, [3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2]);
    assert!(split.cells.iter().all(|c| c.events == 1));
    let start = run(Attribution::StartMonth, Period::Month);
    assert_eq!(start.cells[0].best, 9);
    assert_eq!(start.cells[11].best, 0);
    let end = run(Attribution::EndMonth, Period::Month);
    assert_eq!((end.cells[0].best, end.cells[11].best), (0, 9));
    let year = run(Attribution::SplitEven, Period::Year);
    assert_eq!(
        year.cells,
        vec![Sums {
            low: 4,
            best: 9,
            high: 30,
            events: 1
        }]
    );
    let strict = KernelOptions {
        period: Period::Month,
        attribution: Attribution::SplitEven,
        max_date_prec: 4,
    };
    let d = sum_by_unit_period(&[0], 1, &[s], &[e], &[5], &[4], &[9], &[30], &strict).unwrap();
    assert_eq!(d.excluded.best, 9);
    assert!(d.cells.iter().all(|c| c.events == 0));
}

#[test]
fn parallel_and_serial_agree() {
    let n = 300_000usize;
    let unit: Vec<u32> = (0..n).map(|i| (i * 7 % 50) as u32).collect();
    let start: Vec<i32> = (0..n).map(|i| 7000 + (i * 13 % 9000) as i32).collect();
    let end: Vec<i32> = start
        .iter()
        .enumerate()
        .map(|(i, s)| s + (i % 90) as i32)
        .collect();
    let prec: Vec<u8> = (0..n).map(|i| 1 + (i % 5) as u8).collect();
    let best: Vec<u32> = (0..n).map(|i| (i % 17) as u32).collect();
    let low: Vec<u32> = best.iter().map(|b| b / 2).collect();
    let high: Vec<u32> = best.iter().map(|b| b * 3).collect();
    let o = KernelOptions {
        period: Period::Month,
        attribution: Attribution::SplitEven,
        max_date_prec: 5,
    };
    let par = sum_by_unit_period(&unit, 50, &start, &end, &prec, &low, &best, &high, &o).unwrap();
    // The same rows, one chunk, both month mappings (table and arithmetic).
    let cols = Cols {
        date_start: &start,
        date_end: &end,
        date_prec: &prec,
        low: &low,
        best: &best,
        high: &high,
    };
    let (lo, hi) = (*start.iter().min().unwrap(), *end.iter().max().unwrap());
    let plan = Plan::new(lo, hi, 50, o.period).unwrap();
    assert_eq!(
        (plan.first_period, plan.n_periods),
        (par.first_period, par.n_periods)
    );
    let table = MonthTable::new(lo, hi, &plan);
    let arith = MonthArith {
        first_month: month_index(lo),
    };
    let unit_of = |i: usize| unit[i] as usize;
    for serial in [
        {
            let mut cells = vec![Cell32::default(); plan.n_cells];
            let (mut carries, mut ex) = (Vec::new(), Sums::default());
            accumulate(
                &unit_of,
                &cols,
                0..n,
                &o,
                &plan,
                &table,
                &mut cells,
                &mut carries,
                &mut ex,
            );
            widen(&cells, &carries)
        },
        {
            let mut cells = vec![Cell32::default(); plan.n_cells];
            let (mut carries, mut ex) = (Vec::new(), Sums::default());
            accumulate(
                &unit_of,
                &cols,
                0..n,
                &o,
                &plan,
                &arith,
                &mut cells,
                &mut carries,
                &mut ex,
            );
            widen(&cells, &carries)
        },
    ] {
        assert_eq!(par.cells, serial);
    }
    let total: u64 = par.cells.iter().map(|c| c.best).sum();
    assert_eq!(total, best.iter().map(|&b| u64::from(b)).sum::<u64>());
}

#[test]
fn bad_inputs_are_errors() {
    let o = KernelOptions {
        period: Period::Year,
        attribution: Attribution::SplitEven,
        max_date_prec: 5,
    };
    assert!(sum_by_unit_period(&[1], 1, &[0], &[0], &[1], &[1], &[1], &[1], &o).is_err());
    assert!(sum_by_unit_period(&[0], 1, &[5], &[4], &[1], &[1], &[1], &[1], &o).is_err());
    assert!(sum_by_unit_period(&[0], 1, &[5], &[5], &[1], &[1], &[1], &[], &o).is_err());
    assert!(Attribution::parse("middle").is_err());
    assert_eq!(
        Attribution::parse("start-month").unwrap(),
        Attribution::StartMonth
    );
}

/// A per-event reference (chrono calendar, `BTreeMap`) for the fast country path.
/// A table's cells as (unit, year, month or 0, sums), the shape of [`reference`].
fn cells(t: &EventTable) -> Vec<(u32, i32, u8, Sums)> {
    (0..t.len())
        .map(|i| {
            let s = Sums {
                low: t.low[i],
                best: t.best[i],
                high: t.high[i],
                events: t.events[i],
            };
            (
                t.unit[i],
                t.year[i],
                t.month.as_ref().map_or(0, |m| m[i]),
                s,
            )
        })
        .collect()
}

fn reference(cols: &EventColumns<'_>, spec: &AggregateSpec) -> Vec<(u32, i32, u8, Sums)> {
    use chrono::Datelike;
    use std::collections::BTreeMap;
    let ym = |d: i32| {
        let date = chrono::NaiveDate::from_num_days_from_ce_opt(d + 719_163).unwrap();
        date.year() * 12 + date.month0() as i32
    };
    let mut cells: BTreeMap<(u32, i32), Sums> = BTreeMap::new();
    for i in 0..cols.date_start.len() {
        if cols.date_prec[i] > spec.max_date_prec {
            continue;
        }
        let (ms, me) = (ym(cols.date_start[i]), ym(cols.date_end[i]));
        let months: Vec<i32> = match spec.attribution {
            Attribution::StartMonth => vec![ms],
            Attribution::EndMonth => vec![me],
            Attribution::SplitEven => (ms..=me).collect(),
        };
        let k = months.len() as u64;
        let mut seen = Vec::new();
        for (j, m) in months.into_iter().enumerate() {
            let key = match spec.period {
                Period::Month => m,
                Period::Year => m.div_euclid(12),
            };
            let share = |d: u32| u64::from(d) / k + u64::from((j as u64) < u64::from(d) % k);
            let cell = cells
                .entry((u32::from(cols.country_id[i]), key))
                .or_default();
            cell.low += share(cols.low[i]);
            cell.best += share(cols.best[i]);
            cell.high += share(cols.high[i]);
            if !seen.contains(&key) {
                cell.events += 1;
                seen.push(key);
            }
        }
    }
    cells
        .into_iter()
        .map(|((u, key), s)| match spec.period {
            Period::Month => (u, key.div_euclid(12), (key.rem_euclid(12) + 1) as u8, s),
            Period::Year => (u, key, 0, s),
        })
        .collect()
}

#[test]
fn country_fast_path_matches_a_naive_reference() {
    // Pseudo-random events over 1989–2024, some spanning up to a year, deaths skewed.
    let n = 280_000usize; // above the parallel threshold
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let (d0, d1) = (day(1989, 1, 1), day(2024, 12, 31));
    let mut country = Vec::new();
    let (mut start, mut end, mut prec) = (Vec::new(), Vec::new(), Vec::new());
    let (mut low, mut best, mut high) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..n {
        let r = next();
        country.push([2u16, 365, 652, 700, 999, 1][(r % 6) as usize]);
        let s = d0 + ((r >> 8) % (d1 - d0) as u64) as i32;
        let w = [0, 0, 0, 3, 6, 29, 200, 400][((r >> 40) % 8) as usize];
        start.push(s);
        end.push(s + w);
        prec.push(1 + ((r >> 44) % 5) as u8);
        let b = ((r >> 48) % 1000) as u32 >> ((r >> 58) % 8);
        best.push(b);
        low.push(b / 2);
        high.push(b * 3 + 1);
    }
    let cols = EventColumns {
        country_id: &country,
        date_start: &start,
        date_end: &end,
        date_prec: &prec,
        low: &low,
        best: &best,
        high: &high,
        ..EventColumns::default()
    };
    for period in [Period::Month, Period::Year] {
        for rule in [
            Attribution::SplitEven,
            Attribution::StartMonth,
            Attribution::EndMonth,
        ] {
            for max_prec in [5, 3] {
                let spec = AggregateSpec::new(EventUnit::Country, period)
                    .attribution(rule)
                    .max_date_prec(max_prec);
                let t = aggregate_columns(&cols, &spec, "synthetic").unwrap();
                let got = cells(&t);
                assert_eq!(
                    got,
                    reference(&cols, &spec),
                    "{period:?} {rule:?} {max_prec}"
                );
                // Small inputs take the arithmetic month path: same answer on a slice.
                let head = EventColumns {
                    country_id: &country[..500],
                    date_start: &start[..500],
                    date_end: &end[..500],
                    date_prec: &prec[..500],
                    low: &low[..500],
                    best: &best[..500],
                    high: &high[..500],
                    ..EventColumns::default()
                };
                let t = aggregate_columns(&head, &spec, "synthetic").unwrap();
                let got = cells(&t);
                assert_eq!(got, reference(&head, &spec), "head {period:?} {rule:?}");
            }
        }
    }
    // Missing or short columns are errors naming the column.
    let short = EventColumns {
        country_id: &country[..10],
        ..cols
    };
    let err = aggregate_columns(
        &short,
        &AggregateSpec::new(EventUnit::Country, Period::Month),
        "x",
    )
    .unwrap_err();
    assert!(err.to_string().contains("country_id"), "{err}");
    let err = aggregate_columns(
        &cols,
        &AggregateSpec::new(EventUnit::PrioGrid, Period::Month),
        "x",
    )
    .unwrap_err();
    assert!(err.to_string().contains("priogrid_gid"), "{err}");
}

#[test]
fn columns_of_other_integer_types_are_read_in_place_and_checked() {
    let ged = Ged::embedded(None).unwrap();
    let e = &ged.events;
    let wide = |v: &[u32]| v.iter().map(|&x| i64::from(x)).collect::<Vec<i64>>();
    let (country, prec): (Vec<i32>, Vec<i32>) = e
        .country_id
        .iter()
        .zip(&e.date_prec)
        .map(|(&c, &p)| (i32::from(c), i32::from(p)))
        .unzip();
    let (low, best, high) = (wide(&e.low), wide(&e.best), wide(&e.high));
    let cols = EventColumns {
        country_id: &country[..],
        date_start: &e.date_start,
        date_end: &e.date_end,
        date_prec: &prec[..],
        low: &low[..],
        best: &best[..],
        high: &high[..],
        ..EventColumns::default()
    };
    for spec in [
        AggregateSpec::new(EventUnit::Country, Period::Month),
        AggregateSpec::new(EventUnit::Country, Period::Year).max_date_prec(2),
    ] {
        let typed = aggregate_columns(&EventColumns::from(e), &spec, "s").unwrap();
        assert_eq!(aggregate_columns(&cols, &spec, "s").unwrap(), typed);
    }
    let spec = AggregateSpec::new(EventUnit::Country, Period::Month);
    let mut bad = best.clone();
    bad[17] = -3;
    let err = aggregate_columns(
        &EventColumns {
            best: &bad[..],
            ..cols
        },
        &spec,
        "s",
    )
    .unwrap_err();
    assert!(err.to_string().contains("event 17: `best` is -3"), "{err}");
    bad[17] = 1 << 33;
    assert!(
        aggregate_columns(
            &EventColumns {
                best: &bad[..],
                ..cols
            },
            &spec,
            "s"
        )
        .is_err()
    );
    let mut codes = country.clone();
    codes[5] = 70_000;
    let err = aggregate_columns(
        &EventColumns {
            country_id: &codes[..],
            ..cols
        },
        &spec,
        "s",
    )
    .unwrap_err();
    assert!(err.to_string().contains("country_id 70000"), "{err}");
}

#[test]
fn rejected_blocks_are_undone_exactly() {
    // Sorted by country, then by date: every few blocks a new code or a day past the
    // table's cover reaches the fused loop, which must subtract what it added and hand
    // the block to the checked path. Precision-excluded and multi-month events throughout.
    let n = 150_000usize;
    let d0 = day(1995, 3, 1);
    let country: Vec<i32> = (0..n).map(|i| 2 + (i / 7_000) as i32 * 5).collect();
    let start: Vec<i32> = (0..n).map(|i| d0 + ((i % 7_000) as i32) * 2).collect();
    let end: Vec<i32> = (0..n)
        .map(|i| start[i] + [0, 0, 1, 40, 95][i % 5])
        .collect();
    let prec: Vec<i32> = (0..n).map(|i| 1 + (i % 7) as i32 % 5).collect();
    let best: Vec<i64> = (0..n).map(|i| (i % 13) as i64 * 3).collect();
    let low: Vec<i64> = best.iter().map(|b| b / 2).collect();
    let high: Vec<i64> = best.iter().map(|b| b * 2 + 1).collect();
    let cols = EventColumns {
        country_id: &country[..],
        date_start: &start[..],
        date_end: &end[..],
        date_prec: &prec[..],
        low: &low[..],
        best: &best[..],
        high: &high[..],
        ..EventColumns::default()
    };
    // The reference reads the loader's types: the same values, narrowed.
    let (c16, p8): (Vec<u16>, Vec<u8>) = country
        .iter()
        .zip(&prec)
        .map(|(&c, &p)| (c as u16, p as u8))
        .unzip();
    let w32 = |v: &[i64]| v.iter().map(|&x| x as u32).collect::<Vec<u32>>();
    let (l32, b32, h32) = (w32(&low), w32(&best), w32(&high));
    let narrow = EventColumns {
        country_id: &c16[..],
        date_start: &start[..],
        date_end: &end[..],
        date_prec: &p8[..],
        low: &l32[..],
        best: &b32[..],
        high: &h32[..],
        ..EventColumns::default()
    };
    for rule in [
        Attribution::StartMonth,
        Attribution::EndMonth,
        Attribution::SplitEven,
    ] {
        for max_prec in [5, 2] {
            let spec = AggregateSpec::new(EventUnit::Country, Period::Month)
                .attribution(rule)
                .max_date_prec(max_prec);
            let t = aggregate_columns(&cols, &spec, "s").unwrap();
            let got = cells(&t);
            assert_eq!(got, reference(&narrow, &spec), "{rule:?} {max_prec}");
        }
    }
    // A bad value deep in the data (in a block the fused loop sees first) is reported
    // exactly as the two-pass path reports it, whatever the rule.
    let month = AggregateSpec::new(EventUnit::Country, Period::Month);
    let error = |cols: &EventColumns<'_, i32, i32, i64>, spec: &AggregateSpec| {
        aggregate_columns(cols, spec, "s").unwrap_err().to_string()
    };
    let mut bad = best.clone();
    bad[123_456] = -7;
    let err = error(&EventColumns { best: &bad, ..cols }, &month);
    assert!(err.contains("event 123456: `best` is -7"), "{err}");
    let mut codes = country.clone();
    codes[140_001] = 70_000;
    let err = error(
        &EventColumns {
            country_id: &codes,
            ..cols
        },
        &month,
    );
    assert!(err.contains("country_id 70000"), "{err}");
    let mut bad_end = end.clone();
    bad_end[99_999] = start[99_999] - 1;
    let split = month.attribution(Attribution::SplitEven);
    let err = error(
        &EventColumns {
            date_end: &bad_end,
            ..cols
        },
        &split,
    );
    assert!(
        err.contains("event 99999: date_end before date_start"),
        "{err}"
    );
}

#[test]
fn randomised_layouts_match_the_reference() {
    // Differential test of the single-pass kernel's block paths: per case a random size
    // above the single-pass threshold, number of countries (codes anywhere in 0..65,536),
    // row order (random, by date up or down, by country, in bursts), share of multi-month
    // events, precision filter, rule, period, and death sizes (small, or near 2^32 so that
    // 32-bit cells wrap and carries are logged).
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for case in 0..12u64 {
        let n = 66_000 + (next() % 40_000) as usize;
        let n_codes = 1 + (next() % 300) as usize;
        let codes: Vec<u16> = (0..n_codes).map(|_| next() as u16).collect();
        let d0 = day(1946, 1, 1) + (next() % 20_000) as i32;
        let span = 30 + (next() % 20_000) as i32;
        let long = next() % 4; // 0: no multi-month events … 3: many
        let huge = case % 4 == 3;
        let mut rows: Vec<(u16, i32, i32, u8, u32, u32, u32)> = (0..n)
            .map(|_| {
                let r = next();
                let s = d0 + (r % span as u64) as i32;
                let w = if (r >> 20) % 4 < long {
                    ((r >> 24) % 400) as i32
                } else {
                    0
                };
                let b = if huge {
                    u32::MAX - (r >> 40) as u32 % 1000
                } else {
                    ((r >> 32) % 5000) as u32 >> ((r >> 60) % 12)
                };
                let code = codes[(r >> 44) as usize % n_codes];
                let prec = 1 + ((r >> 50) % 5) as u8;
                (code, s, s + w, prec, b / 2, b, b.saturating_add(b / 3))
            })
            .collect();
        match case % 5 {
            1 => rows.sort_by_key(|r| r.1),
            2 => rows.sort_by_key(|r| std::cmp::Reverse(r.1)),
            3 => rows.sort_by_key(|r| r.0),
            4 => rows.sort_by_key(|r| (r.1 / 97) % 7),
            _ => {}
        }
        let country: Vec<u16> = rows.iter().map(|r| r.0).collect();
        let start: Vec<i32> = rows.iter().map(|r| r.1).collect();
        let end: Vec<i32> = rows.iter().map(|r| r.2).collect();
        let prec: Vec<u8> = rows.iter().map(|r| r.3).collect();
        let low: Vec<u32> = rows.iter().map(|r| r.4).collect();
        let best: Vec<u32> = rows.iter().map(|r| r.5).collect();
        let high: Vec<u32> = rows.iter().map(|r| r.6).collect();
        let cols = EventColumns {
            country_id: &country,
            date_start: &start,
            date_end: &end,
            date_prec: &prec,
            low: &low,
            best: &best,
            high: &high,
            ..EventColumns::default()
        };
        let rule = [
            Attribution::StartMonth,
            Attribution::EndMonth,
            Attribution::SplitEven,
        ][(next() % 3) as usize];
        let period = [Period::Month, Period::Year][(next() % 2) as usize];
        let max_prec = 1 + (next() % 5) as u8;
        let spec = AggregateSpec::new(EventUnit::Country, period)
            .attribution(rule)
            .max_date_prec(max_prec);
        let t = aggregate_columns(&cols, &spec, "s").unwrap();
        assert_eq!(
            cells(&t),
            reference(&cols, &spec),
            "case {case}: n {n}, {n_codes} codes, span {span}, {rule:?} {period:?} ≤{max_prec}"
        );
    }
}

#[test]
fn conflict_keys_order_by_type_then_id_with_small_and_large_ids() {
    // (type of violence, conflict id, best): type 2 id 3 sorts after type 1 id 900.
    let rows = [
        (2u8, 3u32, 10u32),
        (1, 900, 1),
        (3, 3, 5),
        (1, 3, 7),
        (2, 3, 4),
    ];
    for offset in [0u32, 1 << 21] {
        let tov: Vec<u8> = rows.iter().map(|r| r.0).collect();
        let cid: Vec<u32> = rows.iter().map(|r| r.1 + offset).collect();
        let best: Vec<u32> = rows.iter().map(|r| r.2).collect();
        let d = day(2020, 6, 1);
        let t = aggregate_columns(
            &EventColumns::<u16> {
                type_of_violence: &tov,
                conflict_new_id: &cid,
                date_start: &[d; 5],
                date_end: &[d; 5],
                date_prec: &[1u8; 5],
                low: &best,
                best: &best,
                high: &best,
                ..EventColumns::default()
            },
            &AggregateSpec::new(EventUnit::Conflict, Period::Year),
            "s",
        )
        .unwrap();
        assert_eq!(t.type_of_violence.as_deref(), Some(&[1u8, 1, 2, 3][..]));
        let ids: Vec<u32> = [3, 900, 3, 3].iter().map(|&i| i + offset).collect();
        assert_eq!(t.unit, ids, "offset {offset}");
        assert_eq!(t.best, vec![7, 1, 14, 5]);
    }
}

#[test]
fn sums_past_32_bits_carry_exactly() {
    // Three events of 4e9 deaths in one cell: each chunk accumulator is 32-bit.
    let big = 4_000_000_000u32;
    let t = aggregate_columns(
        &EventColumns {
            country_id: &[652u16, 652, 652],
            date_start: &[18383, 18384, 18385],
            date_end: &[18383, 18384, 18385],
            date_prec: &[1u8, 1, 1],
            low: &[big, big, 1],
            best: &[big, big, big],
            high: &[u32::MAX, u32::MAX, u32::MAX],
            ..EventColumns::default()
        },
        &AggregateSpec::new(EventUnit::Country, Period::Month),
        "s",
    )
    .unwrap();
    assert_eq!(
        (t.low[0], t.best[0], t.high[0]),
        (8_000_000_001, 12_000_000_000, 3 * u64::from(u32::MAX))
    );
}

#[test]
fn single_pass_regrows_its_range_and_keeps_carries() {
    // 70,000 events (one chunk of the single-pass kernel): the first 5,000 in May 2020
    // with 4e9 deaths each (32-bit cells wrap, carries logged), then events back to 1990:
    // the table's range grows after the carries, which must move with their cells.
    let n = 70_000usize;
    let (may, jan90) = (day(2020, 5, 1), day(1990, 1, 1));
    let start: Vec<i32> = (0..n)
        .map(|i| {
            if i < 5000 {
                may
            } else {
                jan90 + (i % 9000) as i32
            }
        })
        .collect();
    let best: Vec<u32> = (0..n)
        .map(|i| if i < 5000 { 4_000_000_000 } else { 1 })
        .collect();
    let country = vec![652u16; n];
    let prec = vec![1u8; n];
    let cols = EventColumns {
        country_id: &country[..],
        date_start: &start[..],
        date_end: &start[..],
        date_prec: &prec[..],
        low: &best[..],
        best: &best[..],
        high: &best[..],
        ..EventColumns::default()
    };
    for period in [Period::Month, Period::Year] {
        let spec = AggregateSpec::new(EventUnit::Country, period);
        let t = aggregate_columns(&cols, &spec, "s").unwrap();
        let got = cells(&t);
        assert_eq!(got, reference(&cols, &spec), "{period:?}");
        assert_eq!(t.total_best(), 5000 * 4_000_000_000 + 65_000);
    }
    // Sorted by date (the range grows block after block) and reversed: same cells.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| start[i]);
    for rev in [false, true] {
        if rev {
            order.reverse();
        }
        let s2: Vec<i32> = order.iter().map(|&i| start[i]).collect();
        let b2: Vec<u32> = order.iter().map(|&i| best[i]).collect();
        let sorted = EventColumns {
            date_start: &s2[..],
            date_end: &s2[..],
            low: &b2[..],
            best: &b2[..],
            high: &b2[..],
            ..cols
        };
        let spec = AggregateSpec::new(EventUnit::Country, Period::Month);
        assert_eq!(
            aggregate_columns(&sorted, &spec, "s").unwrap(),
            aggregate_columns(&cols, &spec, "s").unwrap()
        );
    }
    // Bad input in a large table falls back to the exact two-pass errors.
    let mut bad_end = start.clone();
    bad_end[60_000] -= 1;
    let err = aggregate_columns(
        &EventColumns {
            date_end: &bad_end[..],
            ..cols
        },
        &AggregateSpec::new(EventUnit::Country, Period::Month),
        "s",
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("event 60000: date_end before date_start"),
        "{err}"
    );
}
