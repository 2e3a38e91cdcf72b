//! Coverage: a year the data do not cover gives a **missing** value — an error here — never
//! a zero. One rule for every command that takes a year (`count`, `trend`, `deaths`, `ihl`,
//! `reconcile`, panels): the CLI and the bindings call these functions instead of comparing
//! years themselves.
//!
//! ```
//! use conflictstats::coverage::{check_year, check_years};
//!
//! assert_eq!(check_year(None, Some((1946, 2024)), "ACD v25.1")?, 2024); // default: last year
//! assert!(check_year(Some(2025), Some((1946, 2024)), "ACD v25.1").is_err());
//! assert!(check_years(1940, 2000, Some((1946, 2024)), "ACD v25.1").is_err());
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::error::{Error, Result};

/// `year` (default: the last covered year) if `coverage` holds it; else an
/// [`Error::InvalidSpec`] naming the data (`label`) and their coverage.
pub fn check_year(year: Option<i32>, coverage: Option<(i32, i32)>, label: &str) -> Result<i32> {
    let (first, last) = coverage.ok_or_else(|| no_years(label))?;
    let year = year.unwrap_or(last);
    check_years(year, year, Some((first, last)), label)?;
    Ok(year)
}

/// `Ok` if `from..=to` is a non-empty range inside `coverage`; else an
/// [`Error::InvalidSpec`] naming the data and their coverage.
pub fn check_years(from: i32, to: i32, coverage: Option<(i32, i32)>, label: &str) -> Result<()> {
    let (first, last) = coverage.ok_or_else(|| no_years(label))?;
    if from > to {
        return Err(Error::spec(format!("empty year range {from}–{to}")));
    }
    if from < first || to > last {
        let asked = if from == to {
            format!("year {from} is")
        } else {
            format!("years {from}–{to} are")
        };
        return Err(Error::spec(format!(
            "{asked} outside the data's coverage {first}–{last} ({label}); a value there would be missing, not zero"
        )));
    }
    Ok(())
}

fn no_years(label: &str) -> Error {
    Error::spec(format!("{label} has no records; it covers no years"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_outside_and_empty() {
        let c = Some((1946, 2024));
        assert_eq!(check_year(Some(1946), c, "x").unwrap(), 1946);
        for y in [1800, 1945, 2025, 3000] {
            let e = check_year(Some(y), c, "ACD v25.1").unwrap_err();
            assert!(e.to_string().contains("1946–2024 (ACD v25.1)"), "{e}");
        }
        assert!(check_years(2001, 2000, c, "x").is_err());
        assert!(check_year(None, None, "x").is_err());
    }
}
