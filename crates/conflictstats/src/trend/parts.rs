//! The report's sections on shapes, break years, bootstrap ratios and diagnostics (built
//! from the typed results; see [`Section`]).

use super::bootstrap::BootstrapSummary;
use super::diagnostics::p_text;
use super::report::TrendReport;
use super::section::Section;
use super::shapes::{Shape, ShapeComparison};

/// The no-break test, the nested LR test and the verdict.
pub(crate) fn shapes_section(c: &ShapeComparison) -> Section {
    let mut s = Section::new(
        "shapes",
        &format!(
            "Shape: exponential, linear, a step, or a change of regime? (regimes ≥ {} years)",
            c.min_segment
        ),
        &[],
    );
    if let Some(t) = &c.no_break {
        let boot = |name: &str, b: Option<super::shapes::BootstrapP>| {
            b.map_or_else(
                || format!("{name}: not run"),
                |b| {
                    format!(
                        "{name} {} (± {:.3}, {} replicates)",
                        p_text(b.p_value),
                        b.mc_se,
                        b.valid
                    )
                },
            )
        };
        s.notes.push(format!(
            "No break vs one regime change: sup-LR = {:.2} at {}; bootstrap over the break-year search: {}; {} (block {}, seed {}). The naive χ²₂ {} ignores the search and is wrong.",
            t.statistic,
            t.break_year,
            boot("parametric", t.parametric),
            boot("moving-block", t.block),
            t.block_length,
            t.seed,
            p_text(t.naive_p_value)
        ));
    }
    if let Some(lr) = &c.step_vs_regime {
        s.notes.push(format!(
            "Step vs regime change at the step's break year (nested, χ²₂): LR = {:.2}, {}{}.",
            lr.statistic,
            p_text(lr.p_value),
            if lr.p_value < 0.05 {
                ": the growth changes too, not only the level"
            } else {
                ": a change of growth is not needed beyond the jump"
            }
        ));
    }
    if c.c_hat > 1.0 {
        s.notes.push(format!(
            "Overdispersion ĉ = {:.3}: ranked by QAIC.",
            c.c_hat
        ));
    }
    s.notes.push(format!("Verdict: {}.", c.verdict.sentence));
    s.notes.extend(c.notes.iter().cloned());
    s
}

/// The break-year profile log-likelihood of the one-break models.
pub(crate) fn profile_section(c: &ShapeComparison) -> Section {
    let shapes: Vec<&super::BreakFit> = c
        .breaks
        .iter()
        .filter(|b| b.break_years.len() == 1)
        .collect();
    let mut cols = vec!["break year".to_string()];
    cols.extend(shapes.iter().map(|b| format!("log L, {}", b.shape.name())));
    let mut s = Section::new("break_profile", "Break-year profile likelihood", &[]);
    s.columns = cols;
    if let Some(first) = shapes.first() {
        for (i, pt) in first.profile[0].iter().enumerate() {
            let mut row = vec![pt.year.to_string()];
            for b in &shapes {
                let v = b.profile[0].get(i).map(|p| p.log_likelihood);
                let best = b.break_years[0] == pt.year;
                row.push(v.map_or_else(String::new, |v| {
                    format!("{v:.2}{}", if best { " ←" } else { "" })
                }));
            }
            s.push_row(row);
        }
    }
    for b in &shapes {
        let p = &b.profile_intervals[0];
        let boot = b
            .bootstrap_intervals
            .first()
            .map_or_else(|| "not run".into(), |i| format!("{}–{}", i.low, i.high));
        s.notes.push(format!(
            "{}: break {}; profile-likelihood set {}–{} (2Δℓ ≤ ĉ·3.84; approximate, τ is not a regular parameter); moving-block bootstrap of τ̂ {}.",
            b.shape.name(),
            b.break_years[0],
            p.low,
            p.high,
            boot
        ));
    }
    if let Some(b) = c.get(Shape::TwoRegimes) {
        s.notes.push(format!(
            "{}: breaks {} (profile {}–{}) and {} (profile {}–{}).",
            b.shape.name(),
            b.break_years[0],
            b.profile_intervals[0].low,
            b.profile_intervals[0].high,
            b.break_years[1],
            b.profile_intervals[1].low,
            b.profile_intervals[1].high
        ));
    }
    s
}

/// Bootstrap intervals of the horizon ratios.
pub(crate) fn bootstrap_section(b: &BootstrapSummary) -> Section {
    let mut s = Section::new(
        "bootstrap_ratios",
        &format!(
            "Bootstrap: {} replicates, seed {}, block length {}; percentile 95 % intervals of the horizon ratios",
            b.replicates, b.seed, b.block_length
        ),
        &["horizon", "parametric", "moving block"],
    );
    let ratio = |lo: Option<f64>, hi: Option<f64>| match (lo, hi) {
        (Some(l), Some(h)) => format!("{l:.2}× to {h:.2}×"),
        _ => "—".to_string(),
    };
    for h in &b.horizons {
        s.push_row(vec![
            format!("{} years", h.years),
            ratio(h.parametric.low, h.parametric.high),
            ratio(h.block.low, h.block.high),
        ]);
    }
    s
}

/// Residual autocorrelation of every model.
pub(crate) fn diagnostics_section(r: &TrendReport) -> Section {
    let lags = r.models.first().map_or(0, |m| m.diagnostics.ljung_box.lags);
    let mut cols = vec!["model".to_string()];
    cols.extend((1..=lags.min(3)).map(|k| format!("r{k}")));
    cols.extend([
        "Ljung–Box Q".to_string(),
        "p".to_string(),
        "dispersion (p)".to_string(),
    ]);
    let mut s = Section::new(
        "diagnostics",
        &format!(
            "Residual diagnostics (Pearson residuals; Ljung–Box on {lags} lags{})",
            if r.models
                .first()
                .is_some_and(|m| m.diagnostics.ljung_box.lags_by_rule)
            {
                ", rule min(10, n/5)"
            } else {
                ", set"
            }
        ),
        &[],
    );
    s.columns = cols;
    for m in &r.models {
        let d = &m.diagnostics;
        let mut row = vec![m.name.clone()];
        row.extend((0..lags.min(3)).map(|k| {
            d.acf
                .get(k)
                .map_or_else(String::new, |v| format!("{v:+.2}"))
        }));
        row.push(format!("{:.2}", d.ljung_box.statistic));
        row.push(p_text(d.ljung_box.p_value));
        row.push(match (d.dispersion, d.dispersion_p_value) {
            (Some(phi), Some(p)) => format!("{phi:.3} ({})", p_text(p)),
            _ => "—".into(),
        });
        s.push_row(row);
    }
    s.notes.push(format!(
        "HAC intervals use {} lags (Newey–West rule ⌊4 (n/100)^(2/9)⌋{}); override with --hac-lags / hac_lags=, and the Ljung–Box lags with --ljung-box-lags / ljung_box_lags=.",
        r.hac.lags,
        if r.hac.lags_by_rule { "" } else { "; set by the user" }
    ));
    s
}
