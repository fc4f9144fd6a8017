//! Validation of `published` values: `YYYY-MM-DD` or an RFC 3339 timestamp.

/// The calendar date of a `published` value, as `(year, month, day)`.
///
/// Accepts a plain date, `YYYY-MM-DD`, or an RFC 3339 timestamp:
/// `YYYY-MM-DDTHH:MM:SS`, optional fractional seconds (`.` and one or more
/// digits), then `Z` or a `+HH:MM` / `-HH:MM` offset. As RFC 3339 allows,
/// `t`, `z` and a space in place of `T` are accepted too. Months, days
/// (leap years included), hours, minutes and seconds (up to 60, for leap
/// seconds) are range-checked. Returns `None` for anything else.
///
/// The date is the one written in the value, not converted to UTC:
/// `2023-12-31T23:30:00-05:00` gives `(2023, 12, 31)`.
///
/// ```
/// use tidings_ingest::published_date;
/// assert_eq!(published_date("2024-02-29"), Some((2024, 2, 29)));
/// assert_eq!(published_date("2023-12-31T10:00:00.25+02:00"), Some((2023, 12, 31)));
/// assert_eq!(published_date("2023-02-29"), None);
/// assert_eq!(published_date("31/12/2023"), None);
/// ```
pub fn published_date(s: &str) -> Option<(i32, u32, u32)> {
    let b = s.as_bytes();
    let date = parse_date(b.get(..10)?)?;
    match b.get(10..) {
        Some([]) => Some(date),
        Some([b'T' | b't' | b' ', time @ ..]) => {
            parse_time(time)?;
            Some(date)
        }
        _ => None,
    }
}

/// `true` if `s` is a valid `published` value (see [`published_date`]).
pub(crate) fn is_valid_published(s: &str) -> bool {
    published_date(s).is_some()
}

/// The value of a run of ASCII digits, or `None` if `b` is empty or holds
/// anything else.
fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    b.iter().try_fold(0u32, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// `YYYY-MM-DD`, exactly ten bytes.
fn parse_date(b: &[u8]) -> Option<(i32, u32, u32)> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *b else {
        return None;
    };
    let year = digits(&[y0, y1, y2, y3])?;
    let month = digits(&[m0, m1])?;
    let day = digits(&[d0, d1])?;
    let year = i32::try_from(year).ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

/// `HH:MM:SS[.frac](Z|+HH:MM|-HH:MM)`.
fn parse_time(b: &[u8]) -> Option<()> {
    let [h0, h1, b':', mi0, mi1, b':', s0, s1, rest @ ..] = b else {
        return None;
    };
    let (hour, minute, second) = (
        digits(&[*h0, *h1])?,
        digits(&[*mi0, *mi1])?,
        digits(&[*s0, *s1])?,
    );
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match rest {
        [b'.', frac @ ..] => {
            let n = frac.iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return None;
            }
            frac.get(n..)?
        }
        _ => rest,
    };
    match offset {
        [b'Z' | b'z'] => Some(()),
        [b'+' | b'-', oh0, oh1, b':', om0, om1] => {
            let (oh, om) = (digits(&[*oh0, *oh1])?, digits(&[*om0, *om1])?);
            (oh <= 23 && om <= 59).then_some(())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates() {
        assert_eq!(published_date("2023-06-09"), Some((2023, 6, 9)));
        assert_eq!(published_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(published_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(published_date("0000-01-01"), Some((0, 1, 1)));
        for bad in [
            "1900-02-29",
            "2023-02-29",
            "2023-04-31",
            "2023-13-01",
            "2023-00-10",
            "2023-01-00",
            "2023-1-05",
            "23-01-05",
            "2023/01/05",
            "2023-01-05 ",
            " 2023-01-05",
            "２０２３-01-05",
            "",
            "2023",
            "2023-01",
            "2023-01-05T",
            "January 5, 2023",
            "05/01/2023",
        ] {
            assert_eq!(published_date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn timestamps() {
        for (s, date) in [
            ("2023-12-31T10:00:00Z", (2023, 12, 31)),
            ("2023-12-31T10:00:00+02:00", (2023, 12, 31)),
            ("2023-12-31T23:30:00-05:00", (2023, 12, 31)),
            ("2023-12-31T10:00:00.5Z", (2023, 12, 31)),
            ("2023-12-31T10:00:00.123456789+00:00", (2023, 12, 31)),
            ("2023-12-31t10:00:00z", (2023, 12, 31)),
            ("2023-12-31 10:00:00Z", (2023, 12, 31)),
            ("2016-12-31T23:59:60Z", (2016, 12, 31)),
        ] {
            assert_eq!(published_date(s), Some(date), "{s:?}");
        }
        for bad in [
            "2023-12-31T10:00:00",
            "2023-12-31T10:00Z",
            "2023-12-31T24:00:00Z",
            "2023-12-31T10:60:00Z",
            "2023-12-31T10:00:61Z",
            "2023-12-31T10:00:00.Z",
            "2023-12-31T10:00:00+0200",
            "2023-12-31T10:00:00+02",
            "2023-12-31T10:00:00+24:00",
            "2023-12-31T10:00:00Z ",
            "2023-12-31T10:00:00ZZ",
            "2023-12-31X10:00:00Z",
            "2023-12-31T1:00:00Z",
        ] {
            assert_eq!(published_date(bad), None, "{bad:?}");
        }
        assert!(is_valid_published("2023-12-31T10:00:00Z"));
        assert!(!is_valid_published("yesterday"));
    }
}
