//! Across readings: which satisfy each part and all parts, the closest reading, fragility.

use super::evaluate::{PartCheck, PartVerdict, Reading};
use super::model::Figure;
use serde::Serialize;

/// One part (or all parts together) across every reading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartSummary {
    /// The statement's words (`all parts` for the conjunction).
    pub said: String,
    /// Its figure (none for the conjunction).
    pub figure: Option<Figure>,
    /// Readings with a figure.
    pub evaluated: usize,
    /// Readings under which it holds (indices into the readings).
    pub holds: Vec<usize>,
    /// Readings with no figure.
    pub unavailable: usize,
    /// The evaluated reading closest to satisfying it (the first, in reading order, of the
    /// smallest distance).
    pub closest: Option<usize>,
    /// Its distance (0 when some reading satisfies it).
    pub closest_distance: Option<f64>,
    /// Readings where a one-year shift of the base flips the verdict.
    pub fragile: Vec<usize>,
    /// Of the readings where it holds, those that a one-year shift of the base flips.
    pub fragile_holds: usize,
}

/// The summary of part `k` (0: the level if the claim has one, then the ratios), or of all
/// parts with `k = None`.
pub(crate) fn summarise(readings: &[Reading], k: Option<usize>) -> PartSummary {
    let pick = |r: &Reading| -> (PartVerdict, Option<f64>, Option<bool>) {
        match k {
            Some(k) => r
                .parts()
                .nth(k)
                .map_or((PartVerdict::Unavailable, None, None), |p: &PartCheck| {
                    (p.verdict, p.distance, p.fragile)
                }),
            None => (
                r.all,
                r.distance,
                Some(r.parts().any(|p| p.fragile == Some(true))),
            ),
        }
    };
    let (said, figure) = match k.and_then(|k| readings.first()?.parts().nth(k)) {
        Some(p) => (p.said.clone(), Some(p.figure)),
        None => ("all parts".to_string(), None),
    };
    let mut s = PartSummary {
        said,
        figure,
        evaluated: 0,
        holds: Vec::new(),
        unavailable: 0,
        closest: None,
        closest_distance: None,
        fragile: Vec::new(),
        fragile_holds: 0,
    };
    for (i, r) in readings.iter().enumerate() {
        let (verdict, distance, fragile) = pick(r);
        if verdict == PartVerdict::Unavailable {
            s.unavailable += 1;
            continue;
        }
        s.evaluated += 1;
        if verdict == PartVerdict::Holds {
            s.holds.push(i);
        }
        if fragile == Some(true) {
            s.fragile.push(i);
            if verdict == PartVerdict::Holds {
                s.fragile_holds += 1;
            }
        }
        if let Some(d) = distance {
            if s.closest_distance.is_none_or(|best| d < best) {
                s.closest = Some(i);
                s.closest_distance = Some(d);
            }
        }
    }
    s
}
