//! The one-screen terminal summary of a [`ClaimCheck`].

use super::evaluate::{PartCheck, Reading};
use super::explain::SeriesComparison;
use super::model::trim_number;
use super::shape::ShapeCheck;
use super::summary::PartSummary;
use super::{ClaimCheck, evaluate::Smoothing};
use std::fmt::{self, Write as _};

/// Units listed under a part before "…".
const MAX_UNITS: usize = 7;

impl fmt::Display for ClaimCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut o = String::new();
        self.header(&mut o);
        for (k, s) in self.parts.iter().enumerate() {
            self.part(&mut o, k, s);
        }
        if let Some(s) = &self.claim.shape {
            let _ = writeln!(o, "\nShape: \"{}\"", s.said);
            for c in &self.shapes {
                shape_line(&mut o, c);
            }
        }
        if !self.explanation.is_empty() {
            let _ = writeln!(
                o,
                "\nThe speaker's explanation, \"we have been classifying more and more conflicts\":"
            );
            let _ = writeln!(
                o,
                "  (the ICRC's figures are the ICRC's own dated STATEMENTS, each with its source — not a dataset; `conflictstats reconcile` lists them)"
            );
            for c in &self.explanation {
                explanation_line(&mut o, c);
            }
        }
        let _ = writeln!(o, "\nData:");
        for d in &self.datasets {
            let _ = writeln!(o, "  {} (SHA-256 {})", d.label(), &d.sha256[..12]);
        }
        f.write_str(&o)
    }
}

impl ClaimCheck {
    fn header(&self, o: &mut String) {
        let c = &self.claim;
        let _ = writeln!(o, "Claim: \"{}\"", claim_sentences(&c.text));
        let who = c
            .source
            .speaker
            .as_deref()
            .map(|s| format!("{s} — "))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  {who}{}, {}. \"Today\" read as {}.",
            c.source.publisher,
            c.source.date,
            c.reference_year()
        );
        let units: Vec<&str> = {
            let mut u: Vec<&str> = self.readings.iter().map(|r| r.unit.as_str()).collect();
            u.dedup();
            u.sort_unstable();
            u.dedup();
            u
        };
        let evaluated = self.parts.last().map_or(0, |s| s.evaluated);
        let _ = writeln!(
            o,
            "Readings: {} units × reference year (stated, latest covered) × base h, h−1, h+1 × base 1 year or 3-year mean × releases {} = {}; {} with every figure, {} missing some.",
            units.len(),
            self.releases.join(", "),
            self.readings.len(),
            evaluated,
            self.readings.len() - evaluated
        );
        for (text, n) in &self.needs {
            let _ = writeln!(o, "  {n} readings: {text}");
        }
        self.today(o);
    }

    /// What the stated year ("today") gives: each unit's count there, in the newest release
    /// that has it, and the units no available release covers.
    fn today(&self, o: &mut String) {
        let year = self.claim.reference_year();
        let mut have: Vec<String> = Vec::new();
        let mut lacking: Vec<&str> = Vec::new();
        for u in self.unit_labels() {
            // The reading at the stated base (h years back, one year) in the newest release.
            let found = self.readings.iter().rev().find(|r| {
                r.unit == u
                    && r.year == year
                    && r.base_offset == 0
                    && r.smoothing == Smoothing::OneYear
                    && r.level.as_ref().is_some_and(|l| l.value.is_some())
            });
            match found.and_then(|r| Some((r, r.level.as_ref()?.value?))) {
                Some((r, v)) => {
                    let ratios: Vec<String> = r
                        .ratios
                        .iter()
                        .filter_map(|p| Some(format!("{:.2}× {}", p.value?, p.base_years.first()?)))
                        .collect();
                    let ratios = if ratios.is_empty() {
                        String::new()
                    } else {
                        format!(", {}", ratios.join(", "))
                    };
                    have.push(format!("{u} {} (v{}{ratios})", trim_number(v), r.release));
                }
                None => lacking.push(u),
            }
        }
        if have.is_empty() {
            return;
        }
        let _ = writeln!(o, "  {year} (\"today\"): {}.", have.join("; "));
        if !lacking.is_empty() {
            let mut families: Vec<String> = Vec::new();
            for f in lacking.iter().map(|u| family(u)) {
                let label = format!(
                    "{f}{}",
                    variants_of(lacking.iter().copied().filter(|u| family(u) == f))
                );
                if !families.contains(&label) {
                    families.push(label);
                }
            }
            let _ = writeln!(
                o,
                "  {year} has no figure yet for {} (their datasets' {} release is not here: see above).",
                families.join(", "),
                super::release_covering(year)
            );
        }
    }

    /// The unit labels, in reading order.
    fn unit_labels(&self) -> Vec<&str> {
        let mut units: Vec<&str> = Vec::new();
        for r in &self.readings {
            if !units.contains(&r.unit.as_str()) {
                units.push(&r.unit);
            }
        }
        units
    }

    fn part(&self, o: &mut String, k: usize, s: &PartSummary) {
        let what = match &s.figure {
            Some(f) => format!("\"{}\" [{f}]", s.said),
            None => "All parts together".to_string(),
        };
        let mut families: Vec<&str> = Vec::new();
        for i in &s.holds {
            let f = family(&self.readings[*i].unit);
            if !families.contains(&f) {
                families.push(f);
            }
        }
        let fam = match families.len() {
            0 => String::new(),
            1 => " (1 unit family)".to_string(),
            n => format!(" ({n} unit families)"),
        };
        let _ = write!(
            o,
            "\n{what}: holds in {} of {} readings{fam}",
            s.holds.len(),
            s.evaluated
        );
        if s.figure.is_some() && k > 0 || s.figure.is_none() {
            let _ = write!(
                o,
                "; a one-year shift of the base flips {} of them",
                s.fragile_holds
            );
        }
        let _ = writeln!(o, ".");
        let part_of = |r: &'_ Reading| -> Option<PartCheck> {
            if s.figure.is_some() {
                r.parts().nth(k).cloned()
            } else {
                None
            }
        };
        // One line per unit FAMILY: legal_relationship at persistence 0…5 is one approximation
        // with six settings, not six findings.
        let mut units: Vec<&str> = Vec::new();
        for u in self.unit_labels() {
            if !units.contains(&family(u))
                && s.holds
                    .iter()
                    .any(|i| family(&self.readings[*i].unit) == family(u))
            {
                units.push(family(u));
            }
        }
        for u in units.iter().take(MAX_UNITS) {
            let mine: Vec<usize> = s
                .holds
                .iter()
                .copied()
                .filter(|i| family(&self.readings[*i].unit) == *u)
                .collect();
            let variants = variants_of(mine.iter().map(|i| self.readings[*i].unit.as_str()));
            let u = format!("{u}{variants}");
            let best = mine.iter().copied().min_by(|a, b| {
                let v = |i: usize| {
                    part_of(&self.readings[i])
                        .and_then(|p| p.value)
                        .unwrap_or(0.0)
                };
                let f = s.figure.map_or(0.0, |f| f.value);
                (v(*a) - f).abs().total_cmp(&(v(*b) - f).abs())
            });
            if let Some(i) = best {
                let r = &self.readings[i];
                let fig = part_of(r).map_or_else(|| all_figures(r), |p| figure_text(&p));
                let n = mine.len();
                let plural = if n == 1 { "reading" } else { "readings" };
                let _ = writeln!(o, "  {u}: {n} {plural}, e.g. {} {fig}", short(r));
            }
        }
        if units.len() > MAX_UNITS {
            let _ = writeln!(
                o,
                "  … and {} more units (--format json lists every reading)",
                units.len() - MAX_UNITS
            );
        }
        if s.holds.is_empty() {
            if let (Some(i), Some(d)) = (s.closest, s.closest_distance) {
                let r = &self.readings[i];
                let fig = part_of(r).map_or_else(|| all_figures(r), |p| figure_text(&p));
                let off = if s.figure.is_some() {
                    format!(
                        "{:.0} % short of the nearest accepted value",
                        (1.0 - (-d).exp()) * 100.0
                    )
                } else {
                    "summed over the parts".to_string()
                };
                let _ = writeln!(o, "  closest: {} {fig}; distance {d:.3} ({off})", r.label());
            }
        }
    }
}

/// The sentences of the claim with level and ratios (the first sentence of explanation and
/// the shape sentence are printed with their parts).
fn claim_sentences(text: &str) -> String {
    let s: Vec<&str> = text.split_inclusive(". ").collect();
    if s.len() >= 3 {
        s[1..3].concat().trim().to_string()
    } else {
        text.to_string()
    }
}

fn short(r: &Reading) -> String {
    let smooth = if r.smoothing == Smoothing::OneYear {
        ""
    } else {
        ", 3y mean base"
    };
    format!("v{} {}{smooth}", r.release, r.year)
}

/// A unit label's family: `legal_relationship p=3` → `legal_relationship`.
fn family(label: &str) -> &str {
    label.split(" p=").next().unwrap_or(label)
}

/// The persistence settings of a family's labels, ` p=0…5` (one approximation, several
/// settings) or ` p=0, 2`; empty for a unit without settings.
fn variants_of<'a>(labels: impl Iterator<Item = &'a str>) -> String {
    let mut ps: Vec<u32> = labels
        .filter_map(|l| l.split(" p=").nth(1)?.parse().ok())
        .collect();
    ps.sort_unstable();
    ps.dedup();
    match ps.as_slice() {
        [] => String::new(),
        [one] => format!(" p={one}"),
        [a, .., b] if usize::try_from(b - a).ok() == Some(ps.len() - 1) => {
            format!(
                " p={a}…{b} ({} persistence settings of one approximation)",
                ps.len()
            )
        }
        many => format!(
            " p={} ({} persistence settings of one approximation)",
            many.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            many.len()
        ),
    }
}

fn figure_text(p: &PartCheck) -> String {
    let Some(v) = p.value else {
        return p
            .missing
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
    };
    if p.base_years.is_empty() {
        return trim_number(v);
    }
    let base = match p.base_years.as_slice() {
        [b] => b.to_string(),
        [a, .., b] => format!("{a}–{b}"),
        [] => String::new(),
    };
    let iv = p
        .interval
        .and_then(|i| Some(format!(" [95 % {:.2}–{:.2}]", i.block.low?, i.block.high?)))
        .unwrap_or_default();
    let flips = if p.fragile == Some(true) {
        let other: Vec<String> = p
            .shifted
            .iter()
            .filter(|s| s.verdict != p.verdict && s.ratio.is_some())
            .map(|s| {
                format!(
                    "{:.2} with base {}",
                    s.ratio.unwrap_or(0.0),
                    s.base_years[s.base_years.len() / 2]
                )
            })
            .collect();
        format!("; flips: {}", other.join(", "))
    } else {
        String::new()
    };
    format!(
        "{:.2} = {}/{} ({base}){iv}{flips}",
        v,
        trim_number(p.count.unwrap_or(0.0)),
        trim_number((p.base_count.unwrap_or(0.0) * 10.0).round() / 10.0)
    )
}

fn all_figures(r: &Reading) -> String {
    r.parts()
        .map(|p| match (p.value, p.base_years.is_empty()) {
            (None, _) => "–".to_string(),
            (Some(v), true) => trim_number(v),
            (Some(v), false) => format!("{v:.2}×"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn shape_line(o: &mut String, c: &ShapeCheck) {
    let release = c
        .datasets
        .first()
        .map(|d| format!(" (v{})", d.version))
        .unwrap_or_default();
    let _ = writeln!(
        o,
        "  {:<21} {:?}: {} — {}{release}",
        c.form.key().replace('_', " "),
        c.verdict,
        c.measured_by,
        c.reason.split(" — ").next().unwrap_or_default()
    );
    if let Some(p) = c.report.as_ref().and_then(|r| r.predictive.as_ref()) {
        let _ = writeln!(o, "    {}", p.sentence);
    }
}

fn explanation_line(o: &mut String, c: &SeriesComparison) {
    let b = c.points.iter().find(|p| p.year == c.base_year);
    let e = c.points.iter().rev().find(|p| p.year == c.end_year);
    let (Some(b), Some(e)) = (b, e) else {
        return;
    };
    let implied = if b.implied {
        " (implied by the claim)"
    } else {
        ""
    };
    let _ = write!(
        o,
        "  ICRC's statements, {}: {} {}{implied} → {} {}: ×{:.2}",
        c.series,
        c.base_year,
        trim_number(b.value),
        c.end_year,
        trim_number(e.value),
        c.icrc_index
    );
    match (
        &c.fastest,
        c.units.iter().find(|u| Some(&u.unit) == c.fastest.as_ref()),
    ) {
        (Some(name), Some(u)) => {
            let _ = writeln!(
                o,
                "; fastest UCDP unit {name} ×{:.2} (v{}). Shown by no UCDP unit: {:.0} % of the ICRC's growth (log scale), {} conflicts.",
                u.index.unwrap_or(0.0),
                u.release.as_deref().unwrap_or("?"),
                c.unexplained_share.unwrap_or(0.0) * 100.0,
                trim_number(c.unexplained_conflicts.unwrap_or(0.0).round())
            );
        }
        _ => {
            let _ = writeln!(o, "; no UCDP unit covers both years.");
        }
    }
    for m in &c.needs {
        let _ = writeln!(o, "    later ICRC points: {m}");
    }
}
