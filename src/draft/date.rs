//! Calendar dates written as ISO 8601 `YYYY-MM-DD`.

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1000–9999.
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month.
    pub day: u8,
}

impl Date {
    /// Parse `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        if !text.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return None;
        }
        let year: u16 = y.parse().ok()?;
        let month: u8 = m.parse().ok()?;
        let day: u8 = d.parse().ok()?;
        if !(1000..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 {
            return None;
        }
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (day <= days).then_some(Date { year, month, day })
    }

    /// Read a date written in another common way — `2003/02/14`, `2003.2.14`,
    /// `2003年2月14日`, full-width digits — to suggest the ISO form.
    pub fn parse_lenient(text: &str) -> Option<Date> {
        let ascii: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        let numbers: Vec<&str> = ascii
            .split(|c: char| !c.is_ascii_digit())
            .filter(|p| !p.is_empty())
            .collect();
        let [y, m, d] = numbers.as_slice() else {
            return None;
        };
        if y.len() != 4 || m.len() > 2 || d.len() > 2 {
            return None;
        }
        Date::parse(&format!("{y}-{m:0>2}-{d:0>2}"))
    }

    /// The day relkit treats as today: the date of `SOURCE_DATE_EPOCH`
    /// when it is set (reproducible builds and checks), else today in UTC.
    /// Build dates, review dates and allowance expiries are judged by it.
    pub fn reference_day() -> Date {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .map(|seconds| Date::from_days_since_epoch(seconds.div_euclid(86_400)))
            .unwrap_or_else(Date::today)
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: u16::try_from(year.clamp(1000, 9999)).unwrap_or(1970),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// Days from 1970-01-01 to this date (the inverse of
    /// [`Date::from_days_since_epoch`]; Howard Hinnant's algorithm).
    pub fn days_since_epoch(&self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year.rem_euclid(400);
        let mp = (month + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// English month name.
    pub fn month_name(&self) -> &'static str {
        const NAMES: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        NAMES
            .get(usize::from(self.month).saturating_sub(1))
            .copied()
            .unwrap_or("")
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

    #[test]
    fn days_since_epoch_become_civil_dates() {
        let d = |n| Date::from_days_since_epoch(n).to_string();
        assert_eq!(d(0), "1970-01-01");
        assert_eq!(d(12_097), "2003-02-14");
        assert_eq!(d(11_016), "2000-02-29");
        assert!(Date::parse(&Date::today().to_string()).is_some());
        for n in [0, 12_097, 11_016, -1, 2_932_896, 59, 60, 365, 10_957] {
            assert_eq!(Date::from_days_since_epoch(n).days_since_epoch(), n, "{n}");
        }
    }

    #[test]
    fn other_ways_of_writing_dates_are_recognised_for_help() {
        let iso = |s: &str| Date::parse_lenient(s).map(|d| d.to_string());
        assert_eq!(iso("2003/02/14").as_deref(), Some("2003-02-14"));
        assert_eq!(iso("２００３-02-14").as_deref(), Some("2003-02-14"));
        assert_eq!(iso("2003年2月14日").as_deref(), Some("2003-02-14"));
        assert_eq!(iso("14/02/2003"), None);
        assert_eq!(iso("2003/02/30"), None);
    }

    #[test]
    fn parses_valid_dates_only() {
        assert_eq!(
            Date::parse("2003-02-14"),
            Some(Date {
                year: 2003,
                month: 2,
                day: 14
            })
        );
        assert!(Date::parse("2004-02-29").is_some());
        assert!(Date::parse("2003-02-29").is_none());
        assert!(Date::parse("2003-2-14").is_none());
        assert!(Date::parse("14/02/2003").is_none());
        assert!(Date::parse("2003-13-01").is_none());
        assert_eq!(Date::parse("2003-02-14").unwrap().to_string(), "2003-02-14");
    }
}
