//! Wall-clock timing of the forecast and the full backtest on ACD v26.1's conflict counts
//! (every model, origins 2000–2024, 1–5 years ahead, 1,000 replicates), for machines where
//! the criterion bench (`cargo bench -p conflictstats-benches --bench forecast`) is too costly
//! to build. Run: `cargo run --release -p conflictstats --example forecast_timing`.

use conflictstats::trend::forecast::{BacktestOptions, ForecastOptions, backtest, forecast};
use conflictstats::{CountSpec, CountUnit, count, data::Acd};
use std::time::Instant;

fn main() -> Result<(), conflictstats::Error> {
    let acd = Acd::embedded(Some("26.1"))?;
    let table = count(&acd, &CountSpec::new(CountUnit::Conflict))?;
    let (years, counts) = table.series()?;
    let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
    let opts = ForecastOptions::default();
    let bt = BacktestOptions {
        from: 2000,
        forecast: opts,
    };
    let _ = forecast(&years, &counts, &opts)?; // warm-up
    let mut f_ms = Vec::new();
    let mut b_ms = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        std::hint::black_box(forecast(&years, &counts, &opts)?);
        f_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(backtest(&years, &counts, &bt)?);
        b_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    f_ms.sort_by(f64::total_cmp);
    b_ms.sort_by(f64::total_cmp);
    println!(
        "threads {}: forecast median {:.1} ms (min {:.1}); backtest median {:.0} ms (min {:.0})",
        rayon::current_num_threads(),
        f_ms[2],
        f_ms[0],
        b_ms[2],
        b_ms[0]
    );
    Ok(())
}
