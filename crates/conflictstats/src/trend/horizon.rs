//! Horizon comparisons: the count in year *Y* against the count *h* years earlier.

use crate::error::{Error, Result};
use serde::Serialize;

/// The count in `to_year` compared with `from_year = to_year − years`.
///
/// Ratios, growth rates and doubling times are `None` — never `inf` or `NaN` — where they are
/// undefined (a zero at the start, or no growth).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Horizon {
    /// The horizon *h* in years.
    pub years: u32,
    /// `Y − h`.
    pub from_year: i32,
    /// Count in `from_year`.
    pub from_count: f64,
    /// `Y`.
    pub to_year: i32,
    /// Count in `Y`.
    pub to_count: f64,
    /// `to_count − from_count`.
    pub change: f64,
    /// `to_count / from_count`; `None` when `from_count` is 0.
    pub ratio: Option<f64>,
    /// Compound annual growth rate `ratio^(1/h) − 1`; `None` when the ratio is undefined or 0.
    pub cagr: Option<f64>,
    /// Years to double at that rate, `ln 2 / ln(1 + cagr)`; `None` unless the count grew.
    pub doubling_time_years: Option<f64>,
}

/// Compares `to_year` with each of `horizons` years earlier, on a yearly series.
///
/// `years` must be strictly increasing; a year that is absent from the series is an error
/// (a missing year is not a zero).
///
/// ```
/// use conflictstats::trend::horizons;
///
/// let years = [1994, 2009, 2024];
/// let counts = [50.0, 37.0, 61.0];
/// let h = horizons(&years, &counts, 2024, &[15, 30])?;
/// assert_eq!(h[0].from_count, 37.0);
/// assert!((h[0].ratio.unwrap() - 61.0 / 37.0).abs() < 1e-12);
/// assert!((h[1].cagr.unwrap() - ((61.0f64 / 50.0).powf(1.0 / 30.0) - 1.0)).abs() < 1e-12);
/// # Ok::<(), conflictstats::Error>(())
/// ```
pub fn horizons(
    years: &[i32],
    counts: &[f64],
    to_year: i32,
    horizons: &[u32],
) -> Result<Vec<Horizon>> {
    if years.len() != counts.len() {
        return Err(Error::spec(format!(
            "{} years but {} counts",
            years.len(),
            counts.len()
        )));
    }
    let at = |y: i32| -> Result<f64> {
        years
            .iter()
            .position(|&v| v == y)
            .map(|i| counts[i])
            .ok_or_else(|| {
                let span = match (years.first(), years.last()) {
                    (Some(a), Some(b)) => format!("{a}–{b}"),
                    _ => "no years".to_string(),
                };
                Error::spec(format!("year {y} is not in the series ({span})"))
            })
    };
    if let Some(h) = horizons
        .iter()
        .enumerate()
        .find_map(|(i, h)| horizons[..i].contains(h).then_some(h))
    {
        return Err(Error::spec(format!(
            "horizon {h} is given twice; give each horizon once"
        )));
    }
    let to_count = at(to_year)?;
    horizons
        .iter()
        .map(|&h| {
            if h == 0 {
                return Err(Error::spec("a horizon must be at least 1 year"));
            }
            let from_year = i32::try_from(h)
                .ok()
                .and_then(|h| to_year.checked_sub(h))
                .ok_or_else(|| Error::spec(format!("horizon {h} years is too long")))?;
            // A year the user never typed: say which horizon reached it.
            let from_count = at(from_year).map_err(|_| {
                Error::spec(format!(
                    "year {from_year} is not in the series ({}–{}): it is {h} years before {to_year}, one of the horizons; give shorter horizons or a later year",
                    years.first().copied().unwrap_or(to_year),
                    years.last().copied().unwrap_or(to_year)
                ))
            })?;
            let ratio = (from_count > 0.0).then(|| to_count / from_count);
            let cagr = ratio
                .filter(|r| *r > 0.0)
                .map(|r| r.powf(1.0 / f64::from(h)) - 1.0);
            let doubling_time_years = cagr
                .filter(|g| *g > 0.0)
                .map(|g| std::f64::consts::LN_2 / g.ln_1p());
            Ok(Horizon {
                years: h,
                from_year,
                from_count,
                to_year,
                to_count,
                change: to_count - from_count,
                ratio,
                cagr,
                doubling_time_years,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn doubling_every_ten_years() {
        let years: Vec<i32> = (2000..=2030).collect();
        let counts: Vec<f64> = years
            .iter()
            .map(|y| 10.0 * 2f64.powf(f64::from(y - 2000) / 10.0))
            .collect();
        let h = horizons(&years, &counts, 2030, &[10, 30]).unwrap();
        assert_relative_eq!(h[0].ratio.unwrap(), 2.0, max_relative = 1e-12);
        assert_relative_eq!(h[1].ratio.unwrap(), 8.0, max_relative = 1e-12);
        assert_relative_eq!(
            h[0].doubling_time_years.unwrap(),
            10.0,
            max_relative = 1e-12
        );
        assert_relative_eq!(
            h[1].cagr.unwrap(),
            2f64.powf(0.1) - 1.0,
            max_relative = 1e-12
        );
    }

    #[test]
    fn zero_and_decline_give_none_not_inf() {
        let h = horizons(&[2000, 2010], &[0.0, 5.0], 2010, &[10]).unwrap();
        assert_eq!(
            (h[0].ratio, h[0].cagr, h[0].doubling_time_years),
            (None, None, None)
        );
        let h = horizons(&[2000, 2010], &[5.0, 0.0], 2010, &[10]).unwrap();
        assert_eq!((h[0].ratio, h[0].cagr), (Some(0.0), None));
        let h = horizons(&[2000, 2010], &[5.0, 4.0], 2010, &[10]).unwrap();
        assert!(h[0].cagr.unwrap() < 0.0 && h[0].doubling_time_years.is_none());
    }

    #[test]
    fn missing_year_is_an_error() {
        let err = horizons(&[2000, 2010], &[1.0, 2.0], 2010, &[5]).unwrap_err();
        assert!(
            err.to_string()
                .contains("year 2005 is not in the series (2000–2010)"),
            "{err}"
        );
        assert!(horizons(&[2000], &[1.0], 2000, &[0]).is_err());
        let err = horizons(&[2000, 2010], &[1.0, 2.0], 2010, &[10, 10]).unwrap_err();
        assert!(
            err.to_string().contains("horizon 10 is given twice"),
            "{err}"
        );
    }
}
