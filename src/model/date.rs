//! Dates as authors know them: a day, or only a month, or only a year.

use crate::i18n::Lang;
use serde::Serialize;
use std::fmt;

/// A date whose precision is what the author knows; orders before any later date, and a
/// year-only date sorts before the days of that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; `None` for anything else or an impossible day.
    pub fn parse(text: &str) -> Option<PartialDate> {
        let text = text.trim();
        let mut parts = text.split('-');
        let year = parse_fixed(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(parse_fixed(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_fixed(d, 2)?),
            None => None,
        };
        if parts.next().is_some() || year < 1000 {
            return None;
        }
        let date = PartialDate { year: year as u16, month: month.map(|m| m as u8), day: day.map(|d| d as u8) };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m),
            (None, Some(_)) => false,
        }
    }

    pub fn is_exact(&self) -> bool {
        self.day.is_some()
    }

    /// "16 maj 2018", "maj 2018", "2018" in Swedish; "16 May 2018" in English.
    pub fn display(&self, lang: Lang) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", lang.month_name(m), self.year),
            (Some(m), None) => format!("{} {}", lang.month_name(m), self.year),
            _ => self.year.to_string(),
        }
    }

    /// The month and year in words, the day left out: "februari 2019" ("February 2019" in
    /// English), or the year alone when that is all the date says.
    pub fn month_year(&self, lang: Lang) -> String {
        match self.month {
            Some(m) => format!("{} {}", lang.month_name(m), self.year),
            None => self.year.to_string(),
        }
    }

    /// When an action was finished, as a reader says it: "Klar i februari 2019" ("Done in
    /// February 2019"), "Klar 2019" ("Done in 2019") for a year alone; the day is left out.
    pub fn done_label(&self, lang: Lang) -> String {
        let key = if self.month.is_some() { "done_in_month" } else { "done_in_year" };
        lang.ui(key).replace("{date}", &self.month_year(lang))
    }

    /// RFC 3339 timestamp for feeds and sitemaps: the first day the date can mean.
    pub fn rfc3339(&self) -> String {
        format!("{:04}-{:02}-{:02}T00:00:00Z", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day the date can mean, for "is it past?" questions.
    pub fn last_day(&self) -> (u16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }
}

impl fmt::Display for PartialDate {
    /// The ISO form an author writes: `2018-05-16`, `2018-05`, `2018`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn parse_fixed(part: &str, len: usize) -> Option<u32> {
    (part.len() == len && part.bytes().all(|b| b.is_ascii_digit())).then(|| part.parse().ok())?
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_done_date_is_said_as_month_and_year_in_words() {
        let day = PartialDate::parse("2019-02-14").unwrap();
        assert_eq!(day.done_label(Lang::Sv), "Klar i februari 2019");
        assert_eq!(day.done_label(Lang::En), "Done in February 2019");
        let month = PartialDate::parse("2019-09").unwrap();
        assert_eq!(month.done_label(Lang::Sv), "Klar i september 2019");
        let year = PartialDate::parse("2019").unwrap();
        assert_eq!(year.done_label(Lang::Sv), "Klar 2019");
        assert_eq!(year.done_label(Lang::En), "Done in 2019");
    }

    #[test]
    fn parses_three_precisions() {
        assert_eq!(PartialDate::parse("2018-05-16").unwrap().display(Lang::Sv), "16 maj 2018");
        assert_eq!(PartialDate::parse("2018-05").unwrap().display(Lang::Sv), "maj 2018");
        assert_eq!(PartialDate::parse("2018").unwrap().display(Lang::En), "2018");
        assert_eq!(PartialDate::parse("2018-05-16").unwrap().display(Lang::En), "16 May 2018");
    }

    #[test]
    fn rejects_impossible_and_foreign_dates() {
        for bad in ["2018-13-45", "next tuesday", "2018-02-30", "18-05-16", "2018-5-16", "2018-05-16-01", ""] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert!(PartialDate::parse("2020-02-29").is_some());
        assert!(PartialDate::parse("2019-02-29").is_none());
    }

    #[test]
    fn round_trips_through_display() {
        for s in ["2018", "2018-05", "2018-05-16"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn year_only_sorts_before_days_of_that_year() {
        let y = PartialDate::parse("2018").unwrap();
        let d = PartialDate::parse("2018-01-01").unwrap();
        assert!(y < d);
    }
}
