//! Merging the tables of any partition of the events gives the table of all events.

use super::*;
use crate::data::Ged;
use crate::events::{
    Attribution, EventColumns, aggregate, aggregate_columns, spec::AggregateSpec, spec::EventUnit,
    spec::Period,
};
use proptest::prelude::*;

/// splitmix64's mixer (hashing event indices to parts).
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Owned GED columns.
#[derive(Debug, Clone, Default)]
struct Owned {
    country: Vec<u16>,
    tov: Vec<u8>,
    conflict: Vec<u32>,
    grid: Vec<u32>,
    start: Vec<i32>,
    end: Vec<i32>,
    prec: Vec<u8>,
    low: Vec<u32>,
    best: Vec<u32>,
    high: Vec<u32>,
}

impl Owned {
    fn cols(&self) -> EventColumns<'_> {
        EventColumns {
            id: &[],
            country_id: &self.country,
            type_of_violence: &self.tov,
            conflict_new_id: &self.conflict,
            priogrid_gid: &self.grid,
            date_start: &self.start,
            date_end: &self.end,
            date_prec: &self.prec,
            low: &self.low,
            best: &self.best,
            high: &self.high,
        }
    }

    /// The events whose index `rows` lists, in that order.
    fn pick(&self, rows: &[usize]) -> Owned {
        fn p<T: Copy>(v: &[T], rows: &[usize]) -> Vec<T> {
            rows.iter().map(|&i| v[i]).collect()
        }
        Owned {
            country: p(&self.country, rows),
            tov: p(&self.tov, rows),
            conflict: p(&self.conflict, rows),
            grid: p(&self.grid, rows),
            start: p(&self.start, rows),
            end: p(&self.end, rows),
            prec: p(&self.prec, rows),
            low: p(&self.low, rows),
            best: p(&self.best, rows),
            high: p(&self.high, rows),
        }
    }

    fn push(&mut self, e: (u16, u8, u32, u32, i32, i32, u8, [u32; 3])) {
        let (c, t, k, g, s, len, p, [l, b, h]) = e;
        self.country.push(c);
        self.tov.push(t);
        self.conflict.push(k);
        self.grid.push(g);
        self.start.push(s);
        self.end.push(s + len);
        self.prec.push(p);
        self.low.push(l);
        self.best.push(b);
        self.high.push(h);
    }
}

fn spec_strategy() -> impl Strategy<Value = AggregateSpec> {
    (
        prop::sample::select(vec![
            EventUnit::Country,
            EventUnit::Conflict,
            EventUnit::PrioGrid,
        ]),
        prop::sample::select(vec![Period::Month, Period::Year]),
        prop::sample::select(vec![
            Attribution::SplitEven,
            Attribution::StartMonth,
            Attribution::EndMonth,
        ]),
        1u8..=5,
    )
        .prop_map(|(u, p, a, m)| AggregateSpec::new(u, p).attribution(a).max_date_prec(m))
}

/// Events from 1989 on, some spanning up to 14 months, few units (so cells collide).
fn events_strategy() -> impl Strategy<Value = Owned> {
    let event = (
        prop::sample::select(vec![2u16, 365, 432, 652, 700]),
        1u8..=3,
        prop::sample::select(vec![1u32, 7, 333, 14_000]),
        prop::sample::select(vec![1u32, 62_356, 259_200]),
        6_940i32..20_100,
        prop_oneof![3 => 0i32..5, 1 => 0i32..430],
        1u8..=5,
        [0u32..50, 0u32..3_000, 0u32..100_000],
    );
    prop::collection::vec(event, 0..90).prop_map(|es| {
        let mut o = Owned::default();
        es.into_iter().for_each(|e| o.push(e));
        o
    })
}

/// Merges `tables` in the grouping `split` describes: adjacent pairs first when `split` is
/// even, else all at once.
fn merge_grouped(mut tables: Vec<EventTable>, split: u8) -> EventTable {
    if split % 2 == 0 {
        while tables.len() > 1 {
            let mut next = Vec::new();
            let mut it = tables.into_iter();
            while let Some(a) = it.next() {
                next.push(match it.next() {
                    Some(b) => merge_tables([b, a]).unwrap(),
                    None => a,
                });
            }
            tables = next;
        }
        tables.pop().unwrap()
    } else {
        merge_tables(tables).unwrap()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any partition of the events (parts of any size, empty ones included, events in any
    /// order), merged in any order and grouping, gives the table of all events: every cell,
    /// the event counts and the excluded sums, CSV byte for byte.
    #[test]
    fn merge_of_any_partition_is_the_whole(
        events in events_strategy(),
        spec in spec_strategy(),
        k in 1usize..6,
        seed in any::<u64>(),
        split in any::<u8>(),
    ) {
        let whole = aggregate_columns(&events.cols(), &spec, "prop").unwrap();
        // Event i goes to part h(i) mod k; parts in a shuffled order.
        let mut parts: Vec<Vec<usize>> = vec![Vec::new(); k];
        let mut h = seed;
        for i in 0..events.country.len() {
            h = mix(h.wrapping_add(i as u64));
            parts[(h % k as u64) as usize].push(i);
        }
        parts.rotate_left((seed % k as u64) as usize);
        let tables: Vec<EventTable> = parts
            .iter()
            .map(|rows| aggregate_columns(&events.pick(rows).cols(), &spec, "prop").unwrap())
            .collect();
        let merged = merge_grouped(tables, split);
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(merged.to_csv(), whole.to_csv());
    }
}

/// Deterministic events, many enough for the single-pass country kernel (≥ 65,536 a part).
fn many_events(n: usize) -> Owned {
    let mut o = Owned::default();
    let mut h = 7u64;
    for _ in 0..n {
        h = mix(h);
        let c = [2u16, 365, 432, 652, 700, 750][(h % 6) as usize];
        let len = if h >> 60 == 0 {
            ((h >> 20) % 200) as i32
        } else {
            0
        };
        let s = 7_000 + ((h >> 8) % 12_000) as i32;
        let d = ((h >> 32) % 500) as u32;
        o.push((
            c,
            1,
            1,
            1,
            s,
            len,
            1 + ((h >> 40) % 5) as u8,
            [d / 2, d, 2 * d],
        ));
    }
    o
}

#[test]
fn single_pass_parts_merge_to_the_single_pass_whole() {
    let e = many_events(140_000);
    let spec = AggregateSpec::new(EventUnit::Country, Period::Month).max_date_prec(4);
    let whole = aggregate_columns(&e.cols(), &spec, "big").unwrap();
    let cols = e.cols();
    let halves = [70_000..140_000, 0..70_000]
        .map(|r| aggregate_columns(&cols.slice(r), &spec, "big").unwrap());
    assert_eq!(merge_tables(halves).unwrap(), whole);
    let sevenths: Vec<EventTable> = (0..7)
        .map(|p| aggregate_columns(&cols.slice(p * 20_000..(p + 1) * 20_000), &spec, "big"))
        .collect::<crate::Result<_>>()
        .unwrap();
    let merged = merge_tables(sevenths).unwrap();
    assert_eq!(merged, whole);
    assert!(whole.excluded.events > 0);
}

#[test]
fn ged_v23_1_sample_parts_merge_to_the_whole() {
    let ged = Ged::embedded(Some("23.1")).unwrap();
    let cols = EventColumns::from(&ged.events);
    for unit in [EventUnit::Country, EventUnit::Conflict, EventUnit::PrioGrid] {
        let spec = AggregateSpec::new(unit, Period::Month).max_date_prec(3);
        let whole = aggregate(&ged, &spec).unwrap();
        let source = whole.source.clone();
        let parts: Vec<EventTable> = [(900, 1000), (0, 1), (1, 450), (450, 900), (1000, 1000)]
            .into_iter()
            .map(|(a, b)| aggregate_columns(&cols.slice(a..b), &spec, &source).unwrap())
            .collect();
        let merged = merge_tables(parts).unwrap();
        assert_eq!(merged, whole, "{unit:?}");
    }
    let all = AggregateSpec::new(EventUnit::Country, Period::Month);
    let t = merge_tables([aggregate(&ged, &all).unwrap()]).unwrap();
    assert_eq!(
        (t.total_low(), t.total_best(), t.total_high()),
        (6224, 9561, 22017)
    );
}

fn merge_err(parts: Vec<EventTable>) -> MergeError {
    match merge_tables(parts) {
        Err(crate::Error::Merge(e)) => *e,
        other => panic!("expected a merge error, got {other:?}"),
    }
}

#[test]
fn parts_of_other_specs_sources_or_shapes_are_refused() {
    let e = many_events(300);
    let spec = AggregateSpec::new(EventUnit::Country, Period::Year);
    let t = |s: &AggregateSpec, src: &str| aggregate_columns(&e.cols(), s, src).unwrap();
    assert_eq!(merge_err(vec![]), MergeError::NoParts);
    let other = spec.attribution(Attribution::EndMonth);
    let err = merge_err(vec![t(&spec, "a"), t(&spec, "a"), t(&other, "a")]);
    assert!(
        matches!(err, MergeError::SpecMismatch { part: 2, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("attribution end_month"), "{err}");
    let err = merge_err(vec![t(&spec, "a"), t(&spec, "b")]);
    assert!(
        matches!(err, MergeError::SourceMismatch { part: 1, .. }),
        "{err}"
    );
    let mut shuffled = t(&spec, "a");
    let last = shuffled.len() - 1;
    shuffled.unit.swap(0, last);
    let err = merge_err(vec![t(&spec, "a"), shuffled]);
    assert!(
        matches!(err, MergeError::NotCanonical { part: 1, .. }),
        "{err}"
    );
    let mut short = t(&spec, "a");
    short.best.pop();
    assert!(short.check_canonical().is_err());
    let mut monthly = t(&spec, "a");
    monthly.month = Some(vec![1; monthly.len()]);
    assert!(monthly.check_canonical().is_err());
    let kind = merge_tables(Vec::new()).unwrap_err().kind();
    assert_eq!(kind, crate::error::ErrorKind::Spec);
}

#[test]
fn sums_past_u64_are_an_error_not_a_wrap() {
    let e = many_events(50);
    let spec = AggregateSpec::new(EventUnit::Country, Period::Year);
    let mut a = aggregate_columns(&e.cols(), &spec, "a").unwrap();
    a.high[0] = u64::MAX - 1;
    let b = aggregate_columns(&e.cols(), &spec, "a").unwrap();
    let err = merge_err(vec![a.clone(), b.clone()]);
    assert!(
        matches!(err, MergeError::Overflow { column: "high", .. }),
        "{err}"
    );
    a.high[0] = 1;
    a.excluded.events = u64::MAX;
    let mut b = b;
    b.excluded.events = 1;
    let err = merge_err(vec![a, b]);
    assert!(
        matches!(
            err,
            MergeError::Overflow {
                column: "events",
                ..
            }
        ),
        "{err}"
    );
}
