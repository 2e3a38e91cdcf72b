//! The calendar: GED dates are days since 1970-01-01 (Arrow `Date32`); cells are calendar
//! months (months since January 1970) or years.

/// Days since 1970-01-01 of `d` (the Arrow `Date32` value).
#[must_use]
pub fn days_from_date(d: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    i64::from(d.num_days_from_ce()) - 719_163
}

/// `(year, month 1–12)` of a day count since 1970-01-01 (proleptic Gregorian; H. Hinnant's
/// `civil_from_days`, integer arithmetic only).
///
/// ```
/// use conflictstats::events::year_month_of_day;
/// assert_eq!(year_month_of_day(0), (1970, 1));
/// assert_eq!(year_month_of_day(18383), (2020, 5)); // 2020-05-01
/// assert_eq!(year_month_of_day(-1), (1969, 12));
/// ```
#[must_use]
#[inline]
pub fn year_month_of_day(day: i32) -> (i32, u32) {
    let z = i64::from(day) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both fit: |day| < 2^31 gives |year| < 6 million.
    (year as i32, month as u32)
}

/// Months since 1970-01 of a day count (January 1970 = 0).
#[inline]
pub(crate) fn month_index(day: i32) -> i32 {
    let (y, m) = year_month_of_day(day);
    (y - 1970) * 12 + m as i32 - 1
}
