//! Date expressions in news text, resolved against the publication date, for event dating.
//!
//! A small scanner over [`super::token`] tokens, one pass, at most a few tokens of look-ahead
//! per position; no regular expressions. It finds
//!
//! - explicit dates: "April 28", "Apr. 28, 2025", "28 April 2025", "28th of April", "2025-10-31",
//!   "2025/10/31", ranges "April 28-29" (the first day), "Monday, April 28";
//! - months: "March 2022", "in January", "since May", "mid-March"; "last May" (the most recent
//!   May strictly before the anchor's month), "next May";
//! - years: a 19xx/20xx number after a preposition ("in 2021", "since 2019", "of 2020",
//!   "early 2021", "mid-2021") or followed by a comma, period or "'s"; a second year joined by
//!   "and", "to" or a dash ("between 2019 and 2021");
//! - relative expressions: "yesterday", "today", "tonight", "overnight", "last night",
//!   "this morning", "last week/month/year", "this week/month/year", "earlier this week",
//!   "the previous day/week/month/year", "the day before", "a day earlier", "two days ago",
//!   "three weeks earlier", "the weekend";
//! - weekdays: "Monday", "on Monday", "early Tuesday", "Monday night", "last Monday";
//! - future expressions: "tomorrow", "next week/month/year", "next Monday", "later this year",
//!   "later today".
//!
//! A month name needs a day, a year or a preposition before it, so "Iran may respond" and
//! "Thousands March in Tbilisi" hold no date; numeric day/month forms ("31/10/2025") are
//! ambiguous and skipped. Without an anchor only dates carrying their own year are returned.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;
use std::cell::Cell;

use super::{token, Span};

/// How much of a [`DateValue`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A single day.
    Day,
    /// A month.
    Month,
    /// A year.
    Year,
}

impl Precision {
    /// The name in the output: "day", "month", "year".
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }
}

impl std::fmt::Display for Precision {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A resolved date: a day, a month or a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DateValue {
    /// The day; the first day of the month or year for coarser precision.
    pub date: NaiveDate,
    /// How much of `date` is meant.
    pub precision: Precision,
}

impl DateValue {
    /// A day.
    pub fn day(date: NaiveDate) -> DateValue {
        DateValue {
            date,
            precision: Precision::Day,
        }
    }

    /// A month, if it exists.
    pub fn month(year: i32, month: u32) -> Option<DateValue> {
        Some(DateValue {
            date: NaiveDate::from_ymd_opt(year, month, 1)?,
            precision: Precision::Month,
        })
    }

    /// A year, if it exists.
    pub fn year(year: i32) -> Option<DateValue> {
        Some(DateValue {
            date: NaiveDate::from_ymd_opt(year, 1, 1)?,
            precision: Precision::Year,
        })
    }

    /// "2025-04-28", "2025-04" or "2025", by precision.
    pub fn render(&self) -> String {
        let d = self.date;
        match self.precision {
            Precision::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Precision::Month => format!("{:04}-{:02}", d.year(), d.month()),
            Precision::Year => format!("{:04}", d.year()),
        }
    }
}

/// What kind of expression a date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// A calendar date, month or year ("April 28", "March 2022", "in 2021"); a missing year
    /// is taken from the anchor.
    Explicit,
    /// Relative to the anchor, in the past or present ("yesterday", "last month", "a day earlier").
    Relative,
    /// A day of the week ("on Monday", "early Tuesday"): the most recent on or before the anchor.
    Weekday,
    /// Relative to the anchor, in the future ("tomorrow", "next week", "later this year").
    Future,
}

/// One date expression found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct DateMention {
    /// The expression's bytes in the text (leading "on", "in", "since" left out; "last",
    /// "early", "mid-" kept).
    pub span: Span,
    /// Its resolved value.
    pub value: DateValue,
    /// What kind of expression it is.
    pub kind: DateKind,
}

/// Finds date expressions in `text[span]`, in order and not overlapping.
///
/// `anchor` (the publication date) resolves relative expressions and dates without a year:
/// "April 28" takes the anchor's year, or the year before when that would put it more than
/// 62 days after the anchor; "on Monday" is the most recent Monday on or before the anchor;
/// "last week" is the day 7 days before the anchor and "this week" / "earlier this week" the
/// Monday of the anchor's week; "next week" is 7 days after it. Without an anchor only
/// expressions carrying their own year are returned.
pub fn find_dates(text: &str, span: Span, anchor: Option<NaiveDate>) -> Vec<DateMention> {
    let mut spans = Vec::new();
    token::tokenize(text, span, &mut spans);
    find_dates_in(text, &spans, anchor)
}

/// [`find_dates`] over tokens already found: `spans` as [`token::tokenize`] gives them.
pub fn find_dates_in(text: &str, spans: &[Span], anchor: Option<NaiveDate>) -> Vec<DateMention> {
    let words: Vec<&str> = spans.iter().map(|s| s.of(text)).collect();
    let scan = Scan {
        w: &words,
        anchor,
        last_end: Cell::new(None),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match scan.at(i) {
            Some(hit) => {
                if let Some(value) = hit.value {
                    out.push(DateMention {
                        span: spans[hit.start].join(spans[hit.end - 1]),
                        value,
                        kind: hit.kind,
                    });
                    scan.last_end.set(Some(hit.end));
                }
                i = hit.end;
            }
            None => i += 1,
        }
    }
    out
}

/// Parses a date from a header, byline or dateline string ("Mar. 3, 2025", "3 March 2025",
/// "2025-03-03", "March 3 2025", "Mon, 03 Mar 2025 10:00:00 +0000"): the first full date with
/// a year in `s`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    find_dates(s, Span::new(0, s.len()), None)
        .into_iter()
        .find(|m| m.kind == DateKind::Explicit && m.value.precision == Precision::Day)
        .map(|m| m.value.date)
}

/// A day as written, perhaps without its year, not yet checked as a real date ("February 30"
/// is written, though no day): for headers and datelines, which resolve a missing year
/// themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The year, when written.
    pub year: Option<i32>,
    /// The month, 1–12.
    pub month: u32,
    /// The day, 1–31.
    pub day: u32,
}

/// The day written at the very start of `s` ("Nov. 3, 2025 10:32", "12 March 2025 —",
/// "2025-03-03"), and the bytes it takes; the same grammar as [`find_dates`] uses.
pub fn written_at(s: &str) -> Option<(Written, usize)> {
    // A written day is a few dozen bytes at most ("Wednesday, September 30th, 2025"): only the
    // head of a long line is read.
    let mut cut = s.len().min(64);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    written_days(&s[..cut])
        .next()
        .filter(|(_, span)| span.start == 0)
        .map(|(d, span)| (d, span.end))
}

/// The first day written in `s` at a token's start, with its span.
pub fn first_written(s: &str) -> Option<(Written, Span)> {
    written_days(s).next()
}

/// The days written in `s`, each with its span, scanning token by token.
fn written_days(s: &str) -> impl Iterator<Item = (Written, Span)> + '_ {
    let mut spans = Vec::new();
    token::tokenize(s, Span::new(0, s.len()), &mut spans);
    let words: Vec<&str> = spans.iter().map(|sp| sp.of(s)).collect();
    (0..words.len()).filter_map(move |i| {
        let scan = Scan {
            w: &words,
            anchor: None,
            last_end: Cell::new(None),
        };
        let (end, d) = scan.written(i)?;
        Some((d, spans[i].join(spans[end - 1])))
    })
}

/// A weekday name in any case ("Monday", "monday"), or with `abbreviated` also its
/// three-letter form ("Mon").
pub fn weekday_name(w: &str, abbreviated: bool) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(w) || (abbreviated && name[..3].eq_ignore_ascii_case(w)))
        .map(|&(_, wd)| wd)
}

/// Years accepted with a month or in an ISO date (and so as a publication date:
/// [`crate::ingest::document::PUBLICATION_YEARS`]).
pub const YEARS: (i32, i32) = (1800, 2199);
/// Years accepted standing alone ("in 2021").
const BARE_YEARS: (i32, i32) = (1900, 2099);
/// How far after the anchor a date without a year may fall before the year before is taken.
const FUTURE_DAYS: u64 = 62;

/// Words after which a bare month ("in May") or year ("since 2019") is a date.
const PREPOSITIONS: [&str; 22] = [
    "in",
    "since",
    "by",
    "until",
    "till",
    "til",
    "from",
    "during",
    "before",
    "after",
    "through",
    "throughout",
    "early",
    "late",
    "mid",
    "between",
    "around",
    "of",
    "circa",
    "earlier",
    "later",
    "as",
];

/// Seasons, also allowed before a bare year ("summer 2021").
const SEASONS: [&str; 5] = ["spring", "summer", "autumn", "fall", "winter"];

/// Words joining a date to a second one ("between 2019 and 2021", "from March to May").
const CONNECTORS: [&str; 8] = ["and", "to", "or", "through", "until", "-", "–", "—"];

/// Capitalised words that may stand before a weekday ("On Monday", "Early Tuesday").
const WEEKDAY_LEADS: [&str; 16] = [
    "on", "early", "late", "last", "next", "this", "since", "by", "until", "before", "after", "from", "earlier",
    "later", "and", "or",
];

/// Parts of a day after a weekday or "yesterday" ("Monday night").
const DAY_PARTS: [&str; 5] = ["night", "morning", "afternoon", "evening", "overnight"];

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const MONTH_ABBREVIATIONS: [(&str, u32); 12] = [
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

const NUMBER_WORDS: [&str; 13] = [
    "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
];

/// A date expression over tokens `start..end`; without a value when it is no date
/// ("February 30") or cannot be resolved ("April 28" without an anchor), so that its
/// tokens are not read again ("February 30, 2025" is not "February 2025").
#[derive(Clone, Copy, Debug)]
struct Hit {
    start: usize,
    end: usize,
    value: Option<DateValue>,
    kind: DateKind,
}

/// A calendar unit of a relative expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A month name as written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MonthForm {
    /// "May", "September".
    Full,
    /// "Sept.", "Nov."
    Dotted,
    /// "Sep", "Nov": only with a day or year.
    Bare,
}

struct Scan<'a, 't> {
    w: &'a [&'t str],
    anchor: Option<NaiveDate>,
    /// Where the last date found ended (token index), for "between 2019 and 2021".
    last_end: Cell<Option<usize>>,
}

impl Scan<'_, '_> {
    fn word(&self, i: usize) -> &str {
        self.w.get(i).copied().unwrap_or("")
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i).eq_ignore_ascii_case(w)
    }

    fn is_any(&self, i: usize, list: &[&str]) -> bool {
        in_list(list, self.word(i))
    }

    fn hit(start: usize, end: usize, value: DateValue, kind: DateKind) -> Hit {
        Hit {
            start,
            end,
            value: Some(value),
            kind,
        }
    }

    /// A calendar date over tokens `start..end`, possibly no date.
    fn date_hit(start: usize, end: usize, date: Option<NaiveDate>) -> Hit {
        Hit {
            start,
            end,
            value: date.map(DateValue::day),
            kind: DateKind::Explicit,
        }
    }

    /// The date expression starting at token `i`, if any.
    fn at(&self, i: usize) -> Option<Hit> {
        if !may_start(self.word(i)) {
            return None;
        }
        if let Some(inner) = self.modified(i) {
            return Some(inner);
        }
        self.core(i)
    }

    /// Everything but the modifiers "early", "late", "mid", "earlier", "later".
    fn core(&self, i: usize) -> Option<Hit> {
        self.explicit(i)
            .or_else(|| self.weekday(i))
            .or_else(|| self.relative(i))
            .or_else(|| self.bare_year(i))
    }

    /// "early Tuesday", "late last year", "earlier this week", "later this year" (future).
    fn modified(&self, i: usize) -> Option<Hit> {
        let m = self.word(i);
        if !in_list(&["early", "late", "mid", "earlier", "later"], m) {
            return None;
        }
        let mut hit = self.core(i + 1)?;
        if hit.start != i + 1 || hit.value.is_none() {
            return None;
        }
        if m.eq_ignore_ascii_case("later") && self.is_any(i + 1, &["this", "today", "tonight"]) {
            hit.kind = DateKind::Future;
            if self.is(i + 2, "week") {
                // "later this week": the next day at the earliest.
                hit.value = Some(DateValue::day(self.anchor?.checked_add_days(Days::new(1))?));
            }
        }
        hit.start = i;
        Some(hit)
    }

    /// True if token `i` follows one of `list`, or a connector right after the last date.
    fn preceded(&self, i: usize, list: &[&str]) -> bool {
        if i == 0 {
            return false;
        }
        let prev = self.word(i - 1);
        in_list(list, prev) || (in_list(&CONNECTORS, prev) && self.last_end.get() == Some(i - 1))
    }

    // ---- explicit dates ----

    /// "2025-10-31", "April 28[, 2025]", "28 April [2025]", "March 2022", "in May", "mid-May".
    fn explicit(&self, i: usize) -> Option<Hit> {
        let w = self.word(i);
        if let Some(date) = iso(w) {
            return Some(Self::hit(i, i + 1, DateValue::day(date), DateKind::Explicit));
        }
        if let Some((end, d)) = self.written(i) {
            return Some(Self::date_hit(i, end, self.resolve(d.year, d.month, d.day)));
        }
        if let Some((m, form)) = month(w) {
            return self.month_only(i, m, form);
        }
        let rest = strip_prefix_ci(w, "mid-")
            .or_else(|| strip_prefix_ci(w, "early-"))
            .or_else(|| strip_prefix_ci(w, "late-"))?;
        // "mid-May", "mid-2021"
        if let Some((m, MonthForm::Full | MonthForm::Dotted)) = month(rest) {
            let value = self.infer_month(m)?;
            return Some(Self::hit(i, i + 1, value, DateKind::Explicit));
        }
        let y = year(rest, BARE_YEARS)?;
        Some(Self::hit(i, i + 1, DateValue::year(y)?, DateKind::Explicit))
    }

    /// A day written at token `i`, not yet checked as a real date: "2025-10-31", "2025/3/9",
    /// "April 28[, 2025]", "April 28-29", "28 April [2025]", "28th of April"; with the token
    /// after it.
    fn written(&self, i: usize) -> Option<(usize, Written)> {
        let w = self.word(i);
        if let Some(d) = written_iso(w) {
            return Some((i + 1, d));
        }
        if let Some((m, _)) = month(w) {
            let d = day(self.word(i + 1))?;
            let mut k = i + 2;
            if self.is_any(k, &["-", "–", "—"]) && day(self.word(k + 1)).is_some() {
                k += 2;
            }
            let (year, end) = self.year_after(k);
            return Some((end, Written { year, month: m, day: d }));
        }
        let d = day(w)?;
        let mut j = i + 1;
        if self.is(j, "of") && w.bytes().last().is_some_and(|b| b.is_ascii_alphabetic()) {
            j += 1;
        }
        let (m, _) = month(self.word(j))?;
        let (year, end) = self.year_after(j + 1);
        Some((end, Written { year, month: m, day: d }))
    }

    /// A month without a day: "March 2022", and "in May" after a preposition.
    fn month_only(&self, i: usize, m: u32, form: MonthForm) -> Option<Hit> {
        if let Some(y) = year(self.word(i + 1), YEARS) {
            return Some(Self::hit(i, i + 2, DateValue::month(y, m)?, DateKind::Explicit));
        }
        let possessive = self.is_any(i + 1, &["'s", "’s"]);
        if form != MonthForm::Bare && !possessive && self.preceded(i, &PREPOSITIONS) {
            return Some(Self::hit(i, i + 1, self.infer_month(m)?, DateKind::Explicit));
        }
        None
    }

    /// A year at token `k` ("2025") or after a comma (", 2025"), and where the date then ends.
    fn year_after(&self, k: usize) -> (Option<i32>, usize) {
        if let Some(y) = year(self.word(k), YEARS) {
            return (Some(y), k + 1);
        }
        if self.is(k, ",") {
            if let Some(y) = year(self.word(k + 1), YEARS) {
                return (Some(y), k + 2);
            }
        }
        (None, k)
    }

    /// The day `m`/`d` of year `y`, or of the year inferred from the anchor.
    fn resolve(&self, y: Option<i32>, m: u32, d: u32) -> Option<NaiveDate> {
        match y {
            Some(y) => NaiveDate::from_ymd_opt(y, m, d),
            None => self.infer(|y| NaiveDate::from_ymd_opt(y, m, d)),
        }
    }

    /// A month without a year: its first day in the anchor's year, or the year before.
    fn infer_month(&self, m: u32) -> Option<DateValue> {
        let date = self.infer(|y| NaiveDate::from_ymd_opt(y, m, 1))?;
        DateValue::month(date.year(), m)
    }

    /// `f(anchor year)` unless it is missing or too far after the anchor, else `f(year - 1)`.
    fn infer(&self, f: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
        let a = self.anchor?;
        let limit = a.checked_add_days(Days::new(FUTURE_DAYS)).unwrap_or(a);
        match f(a.year()) {
            Some(date) if date <= limit => Some(date),
            _ => f(a.year().checked_sub(1)?),
        }
    }

    // ---- years ----

    /// "in 2021", "since 2019", "2020,", "2019-2021" after a preposition.
    fn bare_year(&self, i: usize) -> Option<Hit> {
        let w = self.word(i);
        let prep = self.preceded(i, &PREPOSITIONS) || (i > 0 && self.is_any(i - 1, &SEASONS));
        let y = match year(w, BARE_YEARS) {
            Some(y) => {
                let after = self.is_any(i + 1, &[",", ".", "'s", "’s"]);
                let after_number = i > 0 && self.word(i - 1).starts_with(|c: char| c.is_ascii_digit());
                if !(prep || (after && !after_number)) {
                    return None;
                }
                y
            }
            None if prep => year_range(w)?,
            None => return None,
        };
        Some(Self::hit(i, i + 1, DateValue::year(y)?, DateKind::Explicit))
    }

    // ---- weekdays ----

    /// "Monday", "Monday night", "Monday, April 28, 2025" (explicit).
    fn weekday(&self, i: usize) -> Option<Hit> {
        let wd = weekday(self.word(i))?;
        // "Good Friday", "Bloody Sunday", "Super Tuesday": a name, not a date.
        if i > 0 {
            let prev = self.word(i - 1);
            if prev.starts_with(char::is_uppercase) && !in_list(&WEEKDAY_LEADS, prev) {
                return None;
            }
        }
        let dated = if self.is(i + 1, ",") { i + 2 } else { i + 1 };
        let explicit = self.explicit(dated);
        if let Some(mut hit) = explicit.filter(|h| h.value.is_some_and(|v| v.precision == Precision::Day)) {
            hit.start = i;
            return Some(hit);
        }
        let a = self.anchor?;
        let date = a.checked_sub_days(Days::new(days_back(a.weekday(), wd).into()))?;
        let end = self.day_part(i + 1);
        Some(Self::hit(i, end, DateValue::day(date), DateKind::Weekday))
    }

    /// Past a "night", "morning"... at token `k`.
    fn day_part(&self, k: usize) -> usize {
        if self.is_any(k, &DAY_PARTS) {
            k + 1
        } else {
            k
        }
    }

    // ---- relative expressions ----

    fn relative(&self, i: usize) -> Option<Hit> {
        let a = self.anchor?;
        let w = self.word(i);
        let day = |n: u64, back: bool| {
            if back {
                a.checked_sub_days(Days::new(n))
            } else {
                a.checked_add_days(Days::new(n))
            }
            .map(DateValue::day)
        };
        let hit = |end: usize, value: Option<DateValue>, kind: DateKind| Some(Self::hit(i, end, value?, kind));
        let key = canon(w, &RELATIVE_WORDS);
        match key {
            Some("yesterday") => hit(self.day_part(i + 1), day(1, true), DateKind::Relative),
            Some("today") => {
                // "USA Today", "Russia Today"
                let name = w.starts_with('T') && i > 0 && self.word(i - 1).starts_with(char::is_uppercase);
                if name {
                    return None;
                }
                hit(i + 1, day(0, true), DateKind::Relative)
            }
            Some("tonight" | "overnight") => hit(i + 1, day(0, true), DateKind::Relative),
            Some("tomorrow") => hit(self.day_part(i + 1), day(1, false), DateKind::Future),
            Some("last") => self.last(i, a),
            Some("this") => {
                let next = self.word(i + 1);
                if let Some(wd) = weekday(next) {
                    let date = a.checked_sub_days(Days::new(days_back(a.weekday(), wd).into()));
                    return hit(self.day_part(i + 2), date.map(DateValue::day), DateKind::Weekday);
                }
                if let Some((m, MonthForm::Full | MonthForm::Dotted)) = month(next) {
                    return hit(i + 2, self.infer_month(m), DateKind::Explicit);
                }
                let value = match canon(next, &["morning", "afternoon", "evening", "week", "month", "year"]) {
                    Some("morning" | "afternoon" | "evening") => day(0, true),
                    Some("week") => day(a.weekday().num_days_from_monday().into(), true),
                    Some("month") => DateValue::month(a.year(), a.month()),
                    Some("year") => DateValue::year(a.year()),
                    _ => None,
                };
                hit(i + 2, value, DateKind::Relative)
            }
            Some("next") => {
                let next = self.word(i + 1);
                if let Some(wd) = weekday(next) {
                    let ahead = days_ahead(a.weekday(), wd);
                    return hit(self.day_part(i + 2), day(ahead.into(), false), DateKind::Future);
                }
                if let Some((m, MonthForm::Full | MonthForm::Dotted)) = month(next) {
                    let y = if m > a.month() {
                        a.year()
                    } else {
                        a.year().checked_add(1)?
                    };
                    return hit(i + 2, DateValue::month(y, m), DateKind::Future);
                }
                let value = match canon(next, &["week", "month", "year"]) {
                    Some("week") => day(7, false),
                    Some("month") => first_of_month(a)
                        .and_then(|f| f.checked_add_months(Months::new(1)))
                        .map(month_of),
                    Some("year") => DateValue::year(a.year().checked_add(1)?),
                    _ => None,
                };
                hit(i + 2, value, DateKind::Future)
            }
            Some("the") => self.the(i, a),
            _ => self.ago(i, a),
        }
    }

    /// "last week", "last month", "last year", "last night", "last weekend", "last May",
    /// "last Monday".
    fn last(&self, i: usize, a: NaiveDate) -> Option<Hit> {
        let next = self.word(i + 1);
        let value = if let Some(wd) = weekday(next) {
            let back = match days_back(a.weekday(), wd) {
                0 => 7,
                n => n,
            };
            let date = a.checked_sub_days(Days::new(back.into()))?;
            return Some(Self::hit(
                i,
                self.day_part(i + 2),
                DateValue::day(date),
                DateKind::Weekday,
            ));
        } else if let Some((m, MonthForm::Full | MonthForm::Dotted)) = month(next) {
            let y = if m < a.month() { a.year() } else { a.year() - 1 };
            DateValue::month(y, m)
        } else {
            self.unit_back(next, a, 1)
                .or_else(|| {
                    next.eq_ignore_ascii_case("night")
                        .then(|| a.pred_opt().map(DateValue::day))?
                })
                .or_else(|| {
                    next.eq_ignore_ascii_case("weekend")
                        .then(|| saturday_before(a, false))?
                })
        };
        Some(Self::hit(i, i + 2, value?, DateKind::Relative))
    }

    /// "the previous day/week/month/year", "the day before [yesterday]", "the weekend".
    fn the(&self, i: usize, a: NaiveDate) -> Option<Hit> {
        let next = self.word(i + 1);
        if in_list(&["previous", "preceding"], next) {
            let value = self.unit_back(self.word(i + 2), a, 1).or_else(|| {
                self.is_any(i + 2, &["night", "evening"])
                    .then(|| a.pred_opt().map(DateValue::day))?
            })?;
            return Some(Self::hit(i, i + 3, value, DateKind::Relative));
        }
        if next.eq_ignore_ascii_case("day") && self.is(i + 2, "before") {
            let (back, end) = if self.is(i + 3, "yesterday") {
                (2, i + 4)
            } else {
                (1, i + 3)
            };
            let date = a.checked_sub_days(Days::new(back))?;
            return Some(Self::hit(i, end, DateValue::day(date), DateKind::Relative));
        }
        if next.eq_ignore_ascii_case("weekend") && i > 0 && self.is_any(i - 1, &["over", "at", "during", "on"]) {
            return Some(Self::hit(i, i + 2, saturday_before(a, true)?, DateKind::Relative));
        }
        // "the end of the month", "the beginning of the year", "the middle of this month":
        // the anchor's month or year (a plan's or a report's, as the sentence says).
        if self.is_any(i + 1, &["end", "beginning", "start", "middle"])
            && self.is(i + 2, "of")
            && self.is_any(i + 3, &["the", "this"])
        {
            let value = match canon(self.word(i + 4), &["month", "year"]) {
                Some("month") => DateValue::month(a.year(), a.month()),
                Some("year") => DateValue::year(a.year()),
                _ => None,
            }?;
            return Some(Self::hit(i, i + 5, value, DateKind::Relative));
        }
        None
    }

    /// "a day earlier", "two days ago", "three weeks earlier", "a year ago".
    fn ago(&self, i: usize, a: NaiveDate) -> Option<Hit> {
        let w = self.word(i);
        let n = match NUMBER_WORDS.iter().position(|x| x.eq_ignore_ascii_case(w)) {
            Some(p) => p.max(1) as u32,
            None if w.eq_ignore_ascii_case("an") => 1,
            None => number(w, 3).filter(|&n| n > 0)?,
        };
        if !self.is_any(i + 2, &["ago", "earlier"]) {
            return None;
        }
        let value = self.unit_back(self.word(i + 1), a, n)?;
        Some(Self::hit(i, i + 3, value, DateKind::Relative))
    }

    /// `n` units ("day", "weeks"...) before the anchor; weeks as days, months and years
    /// at their own precision.
    fn unit_back(&self, unit: &str, a: NaiveDate, n: u32) -> Option<DateValue> {
        match unit_of(unit)? {
            Unit::Day => a.checked_sub_days(Days::new(n.into())).map(DateValue::day),
            Unit::Week => a.checked_sub_days(Days::new(u64::from(n) * 7)).map(DateValue::day),
            Unit::Month => first_of_month(a)?.checked_sub_months(Months::new(n)).map(month_of),
            Unit::Year => DateValue::year(a.year().checked_sub(n.try_into().ok()?)?),
        }
    }
}

/// Days from the most recent `wd` on or before a day that is `today` (0 if the same).
fn days_back(today: Weekday, wd: Weekday) -> u32 {
    (today.num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7
}

/// Days to the next `wd` strictly after a day that is `today`.
fn days_ahead(today: Weekday, wd: Weekday) -> u32 {
    match (wd.num_days_from_monday() + 7 - today.num_days_from_monday()) % 7 {
        0 => 7,
        n => n,
    }
}

/// The most recent Saturday before `a` (on or before when `inclusive`); a Sunday anchor
/// counts as its own weekend.
fn saturday_before(a: NaiveDate, inclusive: bool) -> Option<DateValue> {
    let mut back = days_back(a.weekday(), Weekday::Sat);
    if back == 0 && !inclusive {
        back = 7;
    }
    if a.weekday() == Weekday::Sun && !inclusive {
        back += 7;
    }
    a.checked_sub_days(Days::new(back.into())).map(DateValue::day)
}

fn first_of_month(a: NaiveDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(a.year(), a.month(), 1)
}

fn month_of(d: NaiveDate) -> DateValue {
    DateValue {
        date: d,
        precision: Precision::Month,
    }
}

/// Lower-case words that may start a date expression besides the relative words and numbers:
/// the modifiers of `Scan::modified`, and "an" of "an hour ago" (`Scan::ago`).
const START_WORDS: [&str; 6] = ["early", "late", "mid", "earlier", "later", "an"];

/// Words that open a relative expression ("yesterday", "last week", "the day before").
const RELATIVE_WORDS: [&str; 9] = [
    "yesterday",
    "today",
    "tonight",
    "overnight",
    "tomorrow",
    "last",
    "this",
    "next",
    "the",
];

/// False when no date expression can start with `w`. Every parser behind [`Scan::at`] needs
/// the word to start with a digit, or to be a month or weekday name (capitalised), one of
/// [`START_WORDS`], [`RELATIVE_WORDS`] or [`NUMBER_WORDS`] in any case, or to carry a "mid-", "early-" or "late-" prefix; a word that
/// is none of these is passed over without the full look.
fn may_start(w: &str) -> bool {
    let Some(&b) = w.as_bytes().first() else {
        return false;
    };
    if b.is_ascii_digit() {
        return true;
    }
    // The initials of START_WORDS, month and weekday names.
    if !matches!(
        b.to_ascii_lowercase(),
        b'a' | b'd' | b'e' | b'f' | b'j' | b'l' | b'm' | b'n' | b'o' | b's' | b't' | b'w' | b'y'
    ) {
        return false;
    }
    in_list(&START_WORDS, w)
        || in_list(&RELATIVE_WORDS, w)
        || in_list(&NUMBER_WORDS, w)
        || ["mid-", "early-", "late-"]
            .iter()
            .any(|p| strip_prefix_ci(w, p).is_some())
        || (b.is_ascii_uppercase() && (month(w).is_some() || weekday(w).is_some()))
}

/// The entry of `list` equal to `w` ignoring ASCII case.
fn canon(w: &str, list: &[&'static str]) -> Option<&'static str> {
    list.iter().copied().find(|x| x.eq_ignore_ascii_case(w))
}

fn in_list(list: &[&str], w: &str) -> bool {
    w.len() <= 12 && list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

fn strip_prefix_ci<'s>(w: &'s str, prefix: &str) -> Option<&'s str> {
    let head = w.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &w[prefix.len()..])
}

/// A number of at most `max_len` ASCII digits.
fn number(w: &str, max_len: usize) -> Option<u32> {
    if w.is_empty() || w.len() > max_len || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A four-digit year within `range`.
fn year(w: &str, (lo, hi): (i32, i32)) -> Option<i32> {
    if w.len() != 4 {
        return None;
    }
    let y = i32::try_from(number(w, 4)?).ok()?;
    (lo..=hi).contains(&y).then_some(y)
}

/// "2019-2021", "2019–20": the first year.
fn year_range(w: &str) -> Option<i32> {
    let (a, b) = w.split_once('-').or_else(|| w.split_once('–'))?;
    let y = year(a, BARE_YEARS)?;
    (matches!(b.len(), 2 | 4) && number(b, 4).is_some()).then_some(y)
}

/// A day of the month: "28", "03", "28th", "28-29" (the first).
fn day(w: &str) -> Option<u32> {
    let w = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| {
            let cut = w.len().checked_sub(2)?;
            w.get(cut..)?.eq_ignore_ascii_case(s).then(|| &w[..cut])
        })
        .unwrap_or(w);
    let first = match w.split_once('-').or_else(|| w.split_once('–')) {
        Some((a, b)) => {
            number(b, 2).filter(|d| (1..=31).contains(d))?;
            a
        }
        None => w,
    };
    number(first, 2).filter(|d| (1..=31).contains(d))
}

/// The number of a month name or abbreviation in any case ("march", "Sept", "NOV"), 1–12.
pub fn month_number(word: &str) -> Option<u32> {
    if let Some(p) = MONTH_NAMES.iter().position(|m| m.eq_ignore_ascii_case(word)) {
        return Some(p as u32 + 1);
    }
    MONTH_ABBREVIATIONS
        .iter()
        .find(|(a, _)| a.eq_ignore_ascii_case(word))
        .map(|&(_, m)| m)
}

/// A capitalised month name or abbreviation ("May", "Sept.", "Nov", "APRIL").
fn month(w: &str) -> Option<(u32, MonthForm)> {
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) || w.len() > 10 {
        return None;
    }
    let (stem, dotted) = match w.strip_suffix('.') {
        Some(s) => (s, true),
        None => (w, false),
    };
    if let Some(p) = MONTH_NAMES.iter().position(|m| m.eq_ignore_ascii_case(stem)) {
        return Some((p as u32 + 1, MonthForm::Full));
    }
    let &(_, m) = MONTH_ABBREVIATIONS.iter().find(|(a, _)| a.eq_ignore_ascii_case(stem))?;
    Some((m, if dotted { MonthForm::Dotted } else { MonthForm::Bare }))
}

/// A capitalised weekday name ("Monday").
fn weekday(w: &str) -> Option<Weekday> {
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(w))
        .map(|&(_, wd)| wd)
}

/// "day", "weeks", "month"...
fn unit_of(w: &str) -> Option<Unit> {
    let w = w.strip_suffix('s').unwrap_or(w);
    [
        ("day", Unit::Day),
        ("week", Unit::Week),
        ("month", Unit::Month),
        ("year", Unit::Year),
    ]
    .into_iter()
    .find(|(u, _)| u.eq_ignore_ascii_case(w))
    .map(|(_, u)| u)
}

/// "2025-10-31", "2025/3/9": year, month 1–12 and day 1–31 as written (the day not checked
/// against its month).
fn written_iso(w: &str) -> Option<Written> {
    let sep = *w.as_bytes().get(4)?;
    if sep != b'-' && sep != b'/' {
        return None;
    }
    let year = self::year(&w[..4], YEARS)?;
    let (m, d) = w[5..].split_once(sep as char)?;
    let month = number(m, 2).filter(|m| (1..=12).contains(m))?;
    let day = number(d, 2).filter(|d| (1..=31).contains(d))?;
    Some(Written {
        year: Some(year),
        month,
        day,
    })
}

/// "2025-10-31", "2025/10/31", "2025-10-31T10:00:00Z".
fn iso(w: &str) -> Option<NaiveDate> {
    let b = w.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' && b[7] == b'-' || b[4] == b'/' && b[7] == b'/') {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't') {
        return None;
    }
    let y = year(&w[..4], YEARS)?;
    let m = number(&w[5..7], 2)?;
    let d = number(&w[8..10], 2)?;
    NaiveDate::from_ymd_opt(y, m, d)
}

#[cfg(test)]
mod tests;
