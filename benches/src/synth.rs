//! A seeded generator of synthetic events in the GED layout, so that the benches (and the
//! comparison harness) can scale past the 1,000-event real sample.
//!
//! The distributions follow the GED 23.1 sample shipped in `data/ucdp-ged-sample`:
//!
//! - **countries**: the Gleditsch–Ward states that existed at some point in 1989–2024 (from
//!   the embedded G&W list) but the codes a UCDP → G&W rule maps (345), the first `countries`
//!   of them in code order, with Zipf weights
//!   (`1 / rank^1.1`, ranks a seeded permutation) — a few countries (the Syrias and
//!   Afghanistans) hold most events;
//! - **dates**: years 1989–2024 with a rising trend (weight `1 + 0.08 (year − 1989)`), day
//!   uniform in the year; `date_prec` 1–5 in the sample's proportions (84.9 %, 10.7 %,
//!   0.7 %, 2.3 %, 1.4 %), with ranges of 0 days (1), 1–5 days (2), 6 days (3), the calendar
//!   month (4), 31–365 days (5, so these usually span several months);
//! - **deaths**: `best` is 0 in 9.3 % of events, else `1 + ⌊e^X⌋` with `X ~ N(0.4, 1.45²)`
//!   (median 2–3, 90th percentile ≈ 10, a long tail, capped at 50,000); `low ≤ best ≤ high`
//!   except for 0.5 % of events each, as in UCDP's data;
//! - **type of violence** 70.7 / 13.3 / 16 % and a `conflict_new_id` per (country, type).
//!
//! Rows are generated in chunks of 65,536, chunk `c` from the stream
//! `Rng::for_replicate(seed, STREAM, c)`: the same seed gives the same events whatever the
//! number of threads.
//!
//! Columns can be written to and read from `.npy` files (NumPy's format, one file per column)
//! so that Python engines time the very same data.

use conflictstats::events::{EventColumns, days_from_date};
use conflictstats::trend::rng::Rng;
use rayon::prelude::*;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

const STREAM: u64 = 0x6ED5_7A7E;
const CHUNK: usize = 1 << 16;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthSpec {
    /// Number of events.
    pub events: usize,
    /// The seed.
    pub seed: u64,
    /// Number of countries (at most the states of 1989–2024, ≈ 200).
    pub countries: usize,
}

impl SynthSpec {
    /// `events` events, seed 2024, 200 countries.
    #[must_use]
    pub fn new(events: usize) -> SynthSpec {
        SynthSpec {
            events,
            seed: 2024,
            countries: 200,
        }
    }
}

/// Synthetic events as columns (the GED columns the aggregation reads).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SynthEvents {
    /// `id` (1, 2, …).
    pub id: Vec<u64>,
    /// `country_id` (G&W code).
    pub country_id: Vec<u16>,
    /// `type_of_violence` 1–3.
    pub type_of_violence: Vec<u8>,
    /// `conflict_new_id`.
    pub conflict_new_id: Vec<u32>,
    /// `date_start`, days since 1970-01-01.
    pub date_start: Vec<i32>,
    /// `date_end`, days since 1970-01-01.
    pub date_end: Vec<i32>,
    /// `date_prec` 1–5.
    pub date_prec: Vec<u8>,
    /// `low`.
    pub low: Vec<u32>,
    /// `best`.
    pub best: Vec<u32>,
    /// `high`.
    pub high: Vec<u32>,
}

struct Tables {
    codes: Vec<u16>,
    country_cdf: Vec<f64>,
    year_cdf: Vec<f64>,
    year_start: Vec<i32>,
}

fn cdf(weights: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut acc = 0.0;
    let mut v: Vec<f64> = weights
        .map(|w| {
            acc += w;
            acc
        })
        .collect();
    for x in &mut v {
        *x /= acc;
    }
    v
}

fn pick(cdf: &[f64], u: f64) -> usize {
    cdf.partition_point(|&c| c < u).min(cdf.len() - 1)
}

fn day(y: i32, m: u32, d: u32) -> i32 {
    chrono::NaiveDate::from_ymd_opt(y, m, d).map_or(0, |x| days_from_date(x) as i32)
}

impl SynthEvents {
    /// Generates events under `spec` (deterministic in `spec`).
    ///
    /// # Errors
    /// When the embedded G&W list cannot be loaded, or `countries` is 0.
    pub fn generate(spec: &SynthSpec) -> conflictstats::Result<SynthEvents> {
        let states = conflictstats::data::GwStates::embedded(None)?;
        let (from, to) = (
            chrono::NaiveDate::from_ymd_opt(1989, 1, 1).unwrap_or_default(),
            chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default(),
        );
        let mut codes: Vec<u16> = states
            .periods
            .iter()
            .filter(|p| p.start <= to && p.end.is_none_or(|e| e >= from))
            .map(|p| p.gwcode.0)
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // Codes a UCDP → G&W rule maps (345, Serbia (Yugoslavia), after 2006-06-04) are left
        // out: conflictstats counts such an event for the rule's G&W code, a peer grouping by
        // the raw code would not, and the head-to-head compares cells.
        let ruled = conflictstats::data::UcdpGw::embedded()?;
        codes.retain(|&c| !ruled.rules.iter().any(|r| r.ucdp_code.0 == c));
        codes.truncate(spec.countries);
        if codes.is_empty() {
            return Err(conflictstats::Error::InvalidSpec(
                "synthetic events need at least one country".into(),
            ));
        }
        // Zipf ranks: a seeded permutation of the countries.
        let mut rank: Vec<usize> = (1..=codes.len()).collect();
        let mut rng = Rng::for_replicate(spec.seed, STREAM, u64::MAX);
        for i in (1..rank.len()).rev() {
            rank.swap(i, rng.below(i as u64 + 1) as usize);
        }
        let tables = Tables {
            country_cdf: cdf(rank.iter().map(|&r| (r as f64).powf(-1.1))),
            codes,
            year_cdf: cdf((1989..=2024).map(|y| 1.0 + 0.08 * f64::from(y - 1989))),
            year_start: (1989..=2025).map(|y| day(y, 1, 1)).collect(),
        };
        let n = spec.events;
        let chunks: Vec<SynthEvents> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let rows = c * CHUNK..((c + 1) * CHUNK).min(n);
                chunk(&tables, spec.seed, c as u64, rows)
            })
            .collect();
        let mut out = SynthEvents::with_capacity(n);
        for c in chunks {
            out.extend(&c);
        }
        Ok(out)
    }

    fn with_capacity(n: usize) -> SynthEvents {
        SynthEvents {
            id: Vec::with_capacity(n),
            country_id: Vec::with_capacity(n),
            type_of_violence: Vec::with_capacity(n),
            conflict_new_id: Vec::with_capacity(n),
            date_start: Vec::with_capacity(n),
            date_end: Vec::with_capacity(n),
            date_prec: Vec::with_capacity(n),
            low: Vec::with_capacity(n),
            best: Vec::with_capacity(n),
            high: Vec::with_capacity(n),
        }
    }

    fn extend(&mut self, o: &SynthEvents) {
        self.id.extend_from_slice(&o.id);
        self.country_id.extend_from_slice(&o.country_id);
        self.type_of_violence.extend_from_slice(&o.type_of_violence);
        self.conflict_new_id.extend_from_slice(&o.conflict_new_id);
        self.date_start.extend_from_slice(&o.date_start);
        self.date_end.extend_from_slice(&o.date_end);
        self.date_prec.extend_from_slice(&o.date_prec);
        self.low.extend_from_slice(&o.low);
        self.best.extend_from_slice(&o.best);
        self.high.extend_from_slice(&o.high);
    }

    /// Number of events.
    #[must_use]
    pub fn len(&self) -> usize {
        self.id.len()
    }

    /// Whether there are no events.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }

    /// The columns, borrowed, for [`conflictstats::events::aggregate_columns`].
    #[must_use]
    pub fn columns(&self) -> EventColumns<'_> {
        EventColumns {
            id: &self.id,
            country_id: &self.country_id,
            type_of_violence: &self.type_of_violence,
            conflict_new_id: &self.conflict_new_id,
            priogrid_gid: &[],
            date_start: &self.date_start,
            date_end: &self.date_end,
            date_prec: &self.date_prec,
            low: &self.low,
            best: &self.best,
            high: &self.high,
        }
    }

    /// Writes one `<column>.npy` per column into `dir` (created if needed).
    ///
    /// # Errors
    /// I/O errors.
    pub fn write_npy(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        write_npy(&dir.join("id.npy"), &self.id)?;
        write_npy(&dir.join("country_id.npy"), &self.country_id)?;
        write_npy(&dir.join("type_of_violence.npy"), &self.type_of_violence)?;
        write_npy(&dir.join("conflict_new_id.npy"), &self.conflict_new_id)?;
        write_npy(&dir.join("date_start.npy"), &self.date_start)?;
        write_npy(&dir.join("date_end.npy"), &self.date_end)?;
        write_npy(&dir.join("date_prec.npy"), &self.date_prec)?;
        write_npy(&dir.join("low.npy"), &self.low)?;
        write_npy(&dir.join("best.npy"), &self.best)?;
        write_npy(&dir.join("high.npy"), &self.high)
    }

    /// Reads the columns written by [`SynthEvents::write_npy`].
    ///
    /// # Errors
    /// I/O errors, or a file that is not a 1-d little-endian `.npy` of the column's type.
    pub fn read_npy(dir: &Path) -> io::Result<SynthEvents> {
        Ok(SynthEvents {
            id: read_npy(&dir.join("id.npy"))?,
            country_id: read_npy(&dir.join("country_id.npy"))?,
            type_of_violence: read_npy(&dir.join("type_of_violence.npy"))?,
            conflict_new_id: read_npy(&dir.join("conflict_new_id.npy"))?,
            date_start: read_npy(&dir.join("date_start.npy"))?,
            date_end: read_npy(&dir.join("date_end.npy"))?,
            date_prec: read_npy(&dir.join("date_prec.npy"))?,
            low: read_npy(&dir.join("low.npy"))?,
            best: read_npy(&dir.join("best.npy"))?,
            high: read_npy(&dir.join("high.npy"))?,
        })
    }
}

fn chunk(t: &Tables, seed: u64, c: u64, rows: std::ops::Range<usize>) -> SynthEvents {
    let mut rng = Rng::for_replicate(seed, STREAM, c);
    let mut out = SynthEvents::with_capacity(rows.len());
    for row in rows {
        let ci = pick(&t.country_cdf, rng.uniform());
        let yi = pick(&t.year_cdf, rng.uniform());
        let year_len = (t.year_start[yi + 1] - t.year_start[yi]) as u64;
        let mut start = t.year_start[yi] + rng.below(year_len) as i32;
        let u = rng.below(1000);
        let prec: u8 = match u {
            0..849 => 1,
            849..956 => 2,
            956..963 => 3,
            963..986 => 4,
            _ => 5,
        };
        let end = match prec {
            1 => start,
            2 => start + 1 + rng.below(5) as i32,
            3 => start + 6,
            4 => {
                let (y, m) = conflictstats::events::year_month_of_day(start);
                start = day(y, m, 1);
                let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                day(ny, nm, 1) - 1
            }
            _ => start + 31 + rng.below(335) as i32,
        };
        let best: u32 = if rng.uniform() < 0.093 {
            0
        } else {
            let x = (0.4 + 1.45 * rng.normal()).exp();
            1 + x.min(49_999.0) as u32
        };
        let low = if rng.uniform() < 0.005 {
            best + 1
        } else {
            best - (f64::from(best) * 0.3 * rng.uniform()) as u32
        };
        let high = if rng.uniform() < 0.005 {
            best.saturating_sub(1)
        } else {
            let v = rng.uniform();
            best + (f64::from(best) * 2.0 * v * v) as u32
        };
        let tov: u8 = match rng.below(1000) {
            0..707 => 1,
            707..840 => 2,
            _ => 3,
        };
        out.id.push(row as u64 + 1);
        out.country_id.push(t.codes[ci]);
        out.type_of_violence.push(tov);
        out.conflict_new_id
            .push(200 + 10 * ci as u32 + u32::from(tov));
        out.date_start.push(start);
        out.date_end.push(end);
        out.date_prec.push(prec);
        out.low.push(low);
        out.best.push(best);
        out.high.push(high);
    }
    out
}

/// A fixed-width little-endian value NumPy knows.
pub trait NpyType: Copy + Default {
    /// NumPy's `descr`.
    const DESCR: &'static str;
    /// Width in bytes.
    const WIDTH: usize;
    /// Appends the little-endian bytes.
    fn put(self, out: &mut Vec<u8>);
    /// From little-endian bytes (`WIDTH` of them).
    fn get(b: &[u8]) -> Self;
}

macro_rules! npy {
    ($t:ty, $d:literal) => {
        impl NpyType for $t {
            const DESCR: &'static str = $d;
            const WIDTH: usize = std::mem::size_of::<$t>();
            fn put(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
            fn get(b: &[u8]) -> Self {
                let mut a = [0u8; std::mem::size_of::<$t>()];
                a.copy_from_slice(b);
                <$t>::from_le_bytes(a)
            }
        }
    };
}
npy!(u8, "|u1");
npy!(u16, "<u2");
npy!(u32, "<u4");
npy!(u64, "<u8");
npy!(i32, "<i4");

/// Writes a 1-d `.npy` (format 1.0).
///
/// # Errors
/// I/O errors.
pub fn write_npy<T: NpyType>(path: &Path, v: &[T]) -> io::Result<()> {
    let mut header = format!(
        "{{'descr': '{}', 'fortran_order': False, 'shape': ({},), }}",
        T::DESCR,
        v.len()
    );
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    w.write_all(b"\x93NUMPY\x01\x00")?;
    w.write_all(&(header.len() as u16).to_le_bytes())?;
    w.write_all(header.as_bytes())?;
    let mut buf = Vec::with_capacity(CHUNK * T::WIDTH);
    for part in v.chunks(CHUNK) {
        buf.clear();
        for &x in part {
            x.put(&mut buf);
        }
        w.write_all(&buf)?;
    }
    w.flush()
}

/// Reads a 1-d `.npy` written by [`write_npy`] (or NumPy, little-endian, C order).
///
/// # Errors
/// I/O errors, or another dtype/shape than expected.
pub fn read_npy<T: NpyType>(path: &Path) -> io::Result<Vec<T>> {
    let bad = |what: String| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {what}", path.display()),
        )
    };
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.read_to_end(&mut bytes)?;
    if bytes.len() < 10 || &bytes[..6] != b"\x93NUMPY" || bytes[6] != 1 {
        return Err(bad("not a version 1 .npy file".into()));
    }
    let hlen = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
    let header = std::str::from_utf8(bytes.get(10..10 + hlen).unwrap_or_default())
        .map_err(|_| bad("header is not UTF-8".into()))?;
    if !header.contains(&format!("'descr': '{}'", T::DESCR))
        || header.contains("'fortran_order': True")
    {
        return Err(bad(format!(
            "expected dtype {} in C order, header {header}",
            T::DESCR
        )));
    }
    let n: usize = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(',').next())
        .and_then(|s| s.trim().parse().ok())
        .ok_or_else(|| bad(format!("no 1-d shape in {header}")))?;
    let data = &bytes[10 + hlen..];
    if data.len() != n * T::WIDTH {
        return Err(bad(format!("{} bytes of data for {n} values", data.len())));
    }
    Ok(data.chunks_exact(T::WIDTH).map(T::get).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_realistic_and_round_trips() {
        let spec = SynthSpec::new(200_000);
        let a = SynthEvents::generate(&spec).unwrap();
        assert_eq!(a, SynthEvents::generate(&spec).unwrap());
        assert_ne!(
            a.best,
            SynthEvents::generate(&SynthSpec { seed: 7, ..spec })
                .unwrap()
                .best
        );
        assert_eq!(a.len(), 200_000);
        let mut countries = a.country_id.clone();
        countries.sort_unstable();
        countries.dedup();
        assert!(countries.len() >= 195, "{}", countries.len());
        // No code the UCDP → G&W rules map: every engine groups the same codes.
        assert!(!countries.contains(&345));
        assert!(a.date_start.iter().zip(&a.date_end).all(|(s, e)| s <= e));
        let (lo, hi) = (day(1989, 1, 1), day(2024, 12, 31));
        assert!(a.date_start.iter().all(|&d| (lo..=hi).contains(&d)));
        let share = |p: u8| a.date_prec.iter().filter(|&&x| x == p).count() as f64 / 2e5;
        assert!((share(1) - 0.849).abs() < 0.01 && (share(5) - 0.014).abs() < 0.003);
        let mut best = a.best.clone();
        best.sort_unstable();
        let zeros = best.iter().filter(|&&b| b == 0).count() as f64 / 2e5;
        assert!((zeros - 0.093).abs() < 0.01, "{zeros}");
        assert!((2..=3).contains(&best[100_000]), "median {}", best[100_000]);
        assert!(best[199_990] > 100, "long tail: {}", best[199_990]);
        let dir = std::env::temp_dir().join(format!("cs-synth-{}", std::process::id()));
        a.write_npy(&dir).unwrap();
        assert_eq!(SynthEvents::read_npy(&dir).unwrap(), a);
        assert!(read_npy::<u32>(&dir.join("country_id.npy")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
