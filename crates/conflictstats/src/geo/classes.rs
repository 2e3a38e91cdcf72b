//! Discrete colour classes for a choropleth of counts.
//!
//! A count map shows few distinct values (most countries have 0, 1 or 2 conflicts); a
//! continuous colour ramp makes 1 and 2 look almost alike and spends its range on one outlier.
//! The classes here are discrete and follow three rules:
//!
//! - **zero is its own class**, distinct from *missing* (no value: a year outside the data's
//!   coverage) and from *no state in the data* (an outline with no G&W state), which are not
//!   classes but statuses, drawn apart;
//! - the positive classes are **intervals `(lower, upper]` on a 1–2–5 sequence** (1, 2, 5, 10,
//!   20, 50, 100, …; by decades 1, 10, 100, … when that would give more than
//!   [`MAX_CLASSES`]), starting at 0 and ending at the first edge ≥ the largest value, so
//!   **every value falls in exactly one class** ([`Classes::index`] never fails for a value
//!   of the data they were built from);
//! - negative values (a difference between two years or releases) get the mirrored classes
//!   below zero, in a diverging palette.
//!
//! For integer data the labels name integers (`3–5`, not `(2, 5]`).
//!
//! ```
//! use conflictstats::geo::Classes;
//!
//! let c = Classes::for_values(&[0.0, 1.0, 2.0, 4.0, 7.0]);
//! let labels: Vec<&str> = c.classes.iter().map(|k| k.label.as_str()).collect();
//! assert_eq!(labels, ["0", "1", "2", "3–5", "6–10"]);
//! assert_eq!(c.index(4.0), Some(3));
//! assert_eq!(c.index(0.0), Some(0));
//! ```

use serde::Serialize;

/// The most positive (or negative) classes: beyond it the edges go by decades.
pub const MAX_CLASSES: usize = 7;

/// Fill of the zero class (a pale neutral, distinct from "missing" and "no state").
pub const ZERO_COLOUR: &str = "#f4f1e8";
/// Fill of an outline whose state has no value (missing, e.g. outside the data's coverage):
/// white, drawn hatched.
pub const MISSING_COLOUR: &str = "#ffffff";
/// Fill of an outline with no G&W state in the data ("no state in the data").
pub const NO_STATE_COLOUR: &str = "#bdbdbd";
/// Outline stroke.
pub const EDGE_COLOUR: &str = "#6e6e6e";

/// Sequential palette for positive classes (ColorBrewer OrRd, light to dark).
const POSITIVE: [&str; MAX_CLASSES] = [
    "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000",
];
/// Negative classes (ColorBrewer Blues, light to dark).
const NEGATIVE: [&str; MAX_CLASSES] = [
    "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b",
];

/// One class: the values `v` with `lower < v <= upper` (the zero class: `v == 0`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Class {
    /// The legend's text.
    pub label: String,
    /// Exclusive lower bound (0 for the zero class, which holds exactly 0).
    pub lower: f64,
    /// Inclusive upper bound.
    pub upper: f64,
    /// Fill colour, `#rrggbb`.
    pub colour: String,
}

/// The classes of one map, in ascending order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classes {
    /// Ascending; exactly one of them is the zero class.
    pub classes: Vec<Class>,
}

impl Classes {
    /// Classes holding every finite value of `values` (non-finite values are ignored: a value
    /// is either a number or missing).
    #[must_use]
    pub fn for_values(values: &[f64]) -> Classes {
        let finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        let integer = finite.iter().all(|v| v.fract() == 0.0);
        let max = finite.iter().copied().fold(0.0, f64::max);
        let min = finite.iter().copied().fold(0.0, f64::min);
        let mut classes = Vec::new();
        if min < 0.0 {
            let edges = edges(-min);
            for (i, w) in edges.windows(2).enumerate().rev() {
                classes.push(Class {
                    label: label(-w[1], -w[0], integer, true),
                    lower: -w[1],
                    upper: -w[0],
                    colour: NEGATIVE[i.min(MAX_CLASSES - 1)].to_string(),
                });
            }
        }
        classes.push(Class {
            label: "0".into(),
            lower: 0.0,
            upper: 0.0,
            colour: ZERO_COLOUR.into(),
        });
        if max > 0.0 {
            for (i, w) in edges(max).windows(2).enumerate() {
                classes.push(Class {
                    label: label(w[0], w[1], integer, false),
                    lower: w[0],
                    upper: w[1],
                    colour: POSITIVE[i.min(MAX_CLASSES - 1)].to_string(),
                });
            }
        }
        Classes { classes }
    }

    /// The index of the class holding `v`; `None` for a non-finite value or one outside every
    /// class (a value larger than the data the classes were built from).
    #[must_use]
    pub fn index(&self, v: f64) -> Option<usize> {
        if !v.is_finite() {
            return None;
        }
        self.classes.iter().position(|c| {
            if c.lower == 0.0 && c.upper == 0.0 {
                v == 0.0
            } else if c.upper <= 0.0 {
                // Negative classes: [lower, upper) mirrored, i.e. -upper' < -v <= -lower'.
                c.lower <= v && v < c.upper
            } else {
                c.lower < v && v <= c.upper
            }
        })
    }
}

/// `0, e1, e2, …, ek` with `ek >= max` on the 1–2–5 sequence (or decades when too many).
fn edges(max: f64) -> Vec<f64> {
    let sequence = |steps: &[f64]| {
        let mut out = vec![0.0];
        let mut scale = 1.0;
        'outer: loop {
            for s in steps {
                let e = s * scale;
                out.push(e);
                if e >= max {
                    break 'outer;
                }
            }
            scale *= 10.0;
        }
        out
    };
    // Below 1 (a mean of counts), the first edge is the maximum itself.
    if max < 1.0 {
        return vec![0.0, max];
    }
    let fine = sequence(&[1.0, 2.0, 5.0]);
    if fine.len() - 1 <= MAX_CLASSES {
        return fine;
    }
    sequence(&[1.0])
}

fn label(lower: f64, upper: f64, integer: bool, negative: bool) -> String {
    if integer {
        // Integers in (lower, upper] (negative: [lower, upper)).
        let (a, b) = if negative {
            (lower, upper - 1.0)
        } else {
            (lower + 1.0, upper)
        };
        if a == b {
            format!("{a}")
        } else {
            format!("{a}–{b}")
        }
    } else if negative {
        format!("{} to <{}", short(lower), short(upper))
    } else {
        format!(">{}–{}", short(lower), short(upper))
    }
}

fn short(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_falls_in_exactly_one_class() {
        let cases: Vec<Vec<f64>> = vec![
            vec![0.0],
            vec![0.0, 1.0],
            vec![3.0, 0.0, 12.0, 99.0, 100.0],
            (0..2000).map(f64::from).collect(),
            vec![0.0, 0.25, 0.5, 0.75],
            vec![0.0, 1.5, 7.25, 60_000.0],
            vec![-3.0, -1.0, 0.0, 2.0, 40.0],
            vec![-0.5, 0.2],
        ];
        for values in cases {
            let c = Classes::for_values(&values);
            assert!(c.classes.len() <= 2 * MAX_CLASSES + 1, "{values:?}");
            for &v in &values {
                let hits = (0..c.classes.len())
                    .filter(|&i| c.index(v) == Some(i))
                    .count();
                assert_eq!(hits, 1, "{v} in {c:?}");
                let k = &c.classes[c.index(v).unwrap()];
                assert!(k.lower <= v && v <= k.upper, "{v} in {k:?}");
            }
            assert_eq!(c.classes.iter().filter(|k| k.label == "0").count(), 1);
        }
    }

    #[test]
    fn labels_of_counts_and_deaths() {
        let c = Classes::for_values(&[0.0, 1.0, 2.0]);
        let l: Vec<&str> = c.classes.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(l, ["0", "1", "2"]);
        let c = Classes::for_values(&[0.0, 30_000.0]);
        let l: Vec<&str> = c.classes.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(
            l,
            [
                "0",
                "1",
                "2–10",
                "11–100",
                "101–1000",
                "1001–10000",
                "10001–100000"
            ]
        );
        let c = Classes::for_values(&[-2.0, 0.0, 3.0]);
        let l: Vec<&str> = c.classes.iter().map(|k| k.label.as_str()).collect();
        assert_eq!(l, ["-2", "-1", "0", "1", "2", "3–5"]);
        assert_eq!(c.index(f64::NAN), None);
        assert_eq!(c.index(6.0), None);
    }
}
