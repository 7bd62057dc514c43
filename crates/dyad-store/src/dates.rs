//! Event dates as the coder writes them ("2025-04-28", "2025-04", "2025"): their precision,
//! the days they cover, and how two of them compare.

use chrono::{Datelike, Duration, NaiveDate};
use std::fmt;

/// How precise a date is: the coder's own [`dyad::text::dates::Precision`].
pub use dyad::text::dates::Precision;

/// A date at its precision, with the days it covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDate {
    /// The precision.
    pub precision: Precision,
    /// The first day covered.
    pub first: NaiveDate,
    /// The last day covered.
    pub last: NaiveDate,
}

impl EventDate {
    /// Reads "YYYY-MM-DD", "YYYY-MM" or "YYYY"; `None` for anything else.
    pub fn parse(s: &str) -> Option<EventDate> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| -> Option<u32> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse().ok()
            } else {
                None
            }
        };
        match parts.as_slice() {
            [y] => {
                let y = num(y, 4)? as i32;
                Some(EventDate {
                    precision: Precision::Year,
                    first: NaiveDate::from_ymd_opt(y, 1, 1)?,
                    last: NaiveDate::from_ymd_opt(y, 12, 31)?,
                })
            }
            [y, m] => {
                let (y, m) = (num(y, 4)? as i32, num(m, 2)?);
                let first = NaiveDate::from_ymd_opt(y, m, 1)?;
                Some(EventDate {
                    precision: Precision::Month,
                    first,
                    last: last_of_month(first),
                })
            }
            [y, m, d] => {
                let day = NaiveDate::from_ymd_opt(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)?;
                Some(EventDate::day(day))
            }
            _ => None,
        }
    }

    /// A day.
    pub fn day(day: NaiveDate) -> EventDate {
        EventDate {
            precision: Precision::Day,
            first: day,
            last: day,
        }
    }

    /// The date truncated to a coarser precision (or itself).
    pub fn truncate(self, precision: Precision) -> EventDate {
        if precision <= self.precision {
            return self;
        }
        match precision {
            Precision::Day => self,
            Precision::Month => {
                let first = self.first.with_day(1).unwrap_or(self.first);
                EventDate {
                    precision,
                    first,
                    last: last_of_month(first),
                }
            }
            Precision::Year => EventDate {
                precision,
                first: NaiveDate::from_ymd_opt(self.first.year(), 1, 1).unwrap_or(self.first),
                last: NaiveDate::from_ymd_opt(self.first.year(), 12, 31).unwrap_or(self.last),
            },
        }
    }

    /// Days between the two dates' covered ranges (0 when they overlap).
    pub fn gap_days(self, other: EventDate) -> i64 {
        if self.last < other.first {
            (other.first - self.last).num_days()
        } else if other.last < self.first {
            (self.first - other.last).num_days()
        } else {
            0
        }
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision {
            Precision::Day => write!(f, "{}", self.first.format("%Y-%m-%d")),
            Precision::Month => write!(f, "{}", self.first.format("%Y-%m")),
            Precision::Year => write!(f, "{}", self.first.format("%Y")),
        }
    }
}

/// The last day of `first`'s month.
fn last_of_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = (first.year(), first.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.map(|n| n - Duration::days(1)).unwrap_or(first)
}

/// ISO format of a day, as stored.
pub fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions_and_rejects_the_rest() {
        let d = EventDate::parse("2024-02-29").unwrap();
        assert_eq!((d.precision, d.first, d.last), (Precision::Day, d.first, d.first));
        let m = EventDate::parse("2024-02").unwrap();
        assert_eq!(m.last, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        let y = EventDate::parse("2023").unwrap();
        assert_eq!(y.last, NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
        let dec = EventDate::parse("2023-12").unwrap();
        assert_eq!(dec.last, NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
        for bad in ["", "2023-13", "2023-02-30", "23", "2023-1-01", "x", "2023-01-01-01"] {
            assert_eq!(EventDate::parse(bad), None, "{bad}");
        }
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(d.truncate(Precision::Month), m);
        assert_eq!(d.truncate(Precision::Year).to_string(), "2024");
        assert_eq!(m.truncate(Precision::Day), m);
    }

    #[test]
    fn gaps_count_days_between_ranges() {
        let a = EventDate::parse("2024-03-30").unwrap();
        let b = EventDate::parse("2024-04").unwrap();
        assert_eq!(a.gap_days(b), 2);
        assert_eq!(b.gap_days(a), 2);
        assert_eq!(EventDate::parse("2024").unwrap().gap_days(b), 0);
    }
}
