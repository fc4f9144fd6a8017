//! A small proleptic-Gregorian civil date: days-from-epoch arithmetic,
//! weekdays, adding days, months and years, month lengths.

use std::fmt;

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// The weekday with index `i` counted from Monday = 0 (taken modulo 7).
    pub fn from_index(i: u8) -> Weekday {
        match i % 7 {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// Index counted from Monday = 0.
    pub fn index(self) -> u8 {
        self as u8
    }

    /// The English name ("Monday").
    pub fn name(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// A calendar date (proleptic Gregorian), years 1..=9999.
///
/// Ordering is chronological. `Display` gives `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1..=9999.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of the month, 1..=31.
    pub day: u8,
}

/// The first and last representable days, as days from 1970-01-01.
const MIN_DAYS: i64 = -719_162; // 0001-01-01
const MAX_DAYS: i64 = 2_932_896; // 9999-12-31

impl Date {
    /// The date, if it exists (year 1..=9999, valid month and day).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        if day > Date::days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Whether `year` is a leap year in the Gregorian calendar.
    pub fn is_leap_year(year: i32) -> bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year` (0 for a month outside 1..=12).
    pub fn days_in_month(year: i32, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if Date::is_leap_year(year) => 29,
            2 => 28,
            _ => 0,
        }
    }

    /// The last day of this date's month.
    pub fn last_day_of_month(self) -> Date {
        Date {
            day: Date::days_in_month(self.year, self.month),
            ..self
        }
    }

    /// The first day of this date's month.
    pub fn first_day_of_month(self) -> Date {
        Date { day: 1, ..self }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, clamped to 0001-01-01 ..=
    /// 9999-12-31.
    pub fn from_days(days: i64) -> Date {
        let z = days.clamp(MIN_DAYS, MAX_DAYS) + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let y = yoe + era * 400;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        Date {
            year: (y + i64::from(m <= 2)) as i32,
            month: m as u8,
            day: d as u8,
        }
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3).
        Weekday::from_index((self.to_days() + 3).rem_euclid(7) as u8)
    }

    /// The date `n` days later (earlier for negative `n`), clamped to the
    /// representable range.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days().saturating_add(n))
    }

    /// The date `n` months later (earlier for negative `n`); the day is
    /// clamped to the length of the target month (Jan 31 + 1 month = Feb 28
    /// or 29). Clamped to the representable range.
    pub fn add_months(self, n: i32) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(n);
        let total = total.clamp(12, 9999 * 12 + 11);
        let year = (total / 12) as i32;
        let month = (total % 12) as u8 + 1;
        let day = self.day.min(Date::days_in_month(year, month));
        Date { year, month, day }
    }

    /// The date `n` years later (earlier for negative `n`); Feb 29 becomes
    /// Feb 28 in a common year.
    pub fn add_years(self, n: i32) -> Date {
        self.add_months(n.saturating_mul(12))
    }

    /// Parses `YYYY-MM-DD` at the start of `s` (so an RFC 3339 timestamp
    /// works too); the tenth character, if any, must not be a digit.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let b = s.trim_start().as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let mut v = 0u32;
            for &c in &b[r] {
                if !c.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + u32::from(c - b'0');
            }
            Some(v)
        };
        let y = digits(0..4)?;
        let m = digits(5..7)?;
        let d = digits(8..10)?;
        Date::new(y as i32, m as u8, d as u8)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::new(y, m, dd).unwrap()
    }

    #[test]
    fn epoch_and_round_trip() {
        assert_eq!(d(1970, 1, 1).to_days(), 0);
        assert_eq!(d(2000, 3, 1).to_days(), 11_017);
        assert_eq!(Date::from_days(0), d(1970, 1, 1));
        assert_eq!(Date::from_days(MIN_DAYS), d(1, 1, 1));
        assert_eq!(Date::from_days(MAX_DAYS), d(9999, 12, 31));
        let mut k = MIN_DAYS;
        while k <= MAX_DAYS {
            assert_eq!(Date::from_days(k).to_days(), k);
            k += 997;
        }
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(1970, 1, 1).weekday(), Weekday::Thursday);
        assert_eq!(d(2024, 1, 5).weekday(), Weekday::Friday);
        assert_eq!(d(2024, 1, 14).weekday(), Weekday::Sunday);
        assert_eq!(d(2022, 7, 11).weekday(), Weekday::Monday);
        assert_eq!(d(1900, 1, 1).weekday(), Weekday::Monday);
        assert_eq!(d(1, 1, 1).weekday(), Weekday::Monday);
    }

    #[test]
    fn leap_years() {
        assert!(Date::is_leap_year(2024));
        assert!(Date::is_leap_year(2000));
        assert!(!Date::is_leap_year(1900));
        assert!(!Date::is_leap_year(2023));
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(2100, 2, 29).is_none());
        assert_eq!(d(2024, 2, 28).add_days(1), d(2024, 2, 29));
        assert_eq!(d(2023, 2, 28).add_days(1), d(2023, 3, 1));
        assert_eq!(d(2024, 2, 1).last_day_of_month(), d(2024, 2, 29));
        assert_eq!(d(2100, 2, 1).last_day_of_month(), d(2100, 2, 28));
    }

    #[test]
    fn month_and_year_arithmetic() {
        assert_eq!(d(2024, 1, 31).add_months(1), d(2024, 2, 29));
        assert_eq!(d(2023, 1, 31).add_months(1), d(2023, 2, 28));
        assert_eq!(d(2024, 1, 5).add_months(-1), d(2023, 12, 5));
        assert_eq!(d(2024, 3, 31).add_months(-13), d(2023, 2, 28));
        assert_eq!(d(2024, 2, 29).add_years(1), d(2025, 2, 28));
        assert_eq!(d(2024, 2, 29).add_years(4), d(2028, 2, 29));
        assert_eq!(d(2024, 1, 1).add_days(-1), d(2023, 12, 31));
        // Clamping instead of overflow.
        assert_eq!(d(9999, 12, 1).add_months(5), d(9999, 12, 1));
        assert_eq!(d(2024, 1, 1).add_days(i64::MAX), d(9999, 12, 31));
        assert_eq!(d(2024, 1, 1).add_days(i64::MIN), d(1, 1, 1));
        assert_eq!(d(2024, 1, 1).add_years(i32::MAX), d(9999, 12, 1));
    }

    #[test]
    fn parse_and_display() {
        assert_eq!(Date::parse_iso("2024-01-05"), Some(d(2024, 1, 5)));
        assert_eq!(Date::parse_iso("2024-01-05T10:00:00Z"), Some(d(2024, 1, 5)));
        assert_eq!(Date::parse_iso("2024-02-30"), None);
        assert_eq!(Date::parse_iso("2024-1-5"), None);
        assert_eq!(Date::parse_iso("20240105"), None);
        assert_eq!(Date::parse_iso(""), None);
        assert_eq!(d(987, 3, 4).to_string(), "0987-03-04");
    }
}
