//! Articles as documents: title, header lines, byline, dateline, publication date and body.
//!
//! A plain-text article reads:
//!
//! ```text
//! Turkey and Azerbaijan sign defence pact          ← title: the first non-empty line
//! date 2025-11-03                                  ← header lines: `date YYYY-MM-DD`
//! By Jane Doe, Reuters                             ← byline and meta lines, mined for a date
//! Published: 3 November 2025
//!
//! ANKARA, Nov 3 (Reuters) – Turkey said on ...     ← dateline, then the body
//! ```
//!
//! Stored web pages come less tidy: the `date` header may carry the headline or the lead after
//! the date (`date 2024-05-02 ANKARA – Turkey's foreign minister said ...`), read as a line of its
//! own (a headline when it reads like one: no sentence end, at most 20 words);
//! section and site labels ("Politics", "ExampleNews.com", "1. World") and date lines may stand
//! above the title; a deck may stand between the title and a byline or dateline. The body's page
//! furniture (subheadings, links, captions, credits) is found by [`super::boilerplate`].
//!
//! Only the first lines are examined, so parsing is linear in the size of the text. The
//! publication date comes from the article's metadata (JSON and HTML inputs, see
//! [`super::formats`]), else the `date` header, else the byline or dateline, else the caller
//! (`--date`).

use crate::text::words::{CueKind, Words};
use crate::text::{dates, headline, Span};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Where a document's publication date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The article's metadata: a JSON field or an HTML `<meta>`, JSON-LD or `<time>` date.
    Metadata,
    /// A `date YYYY-MM-DD` header line.
    Header,
    /// The dateline or byline.
    Dateline,
    /// Supplied by the caller (`--date`).
    Given,
    /// Unknown.
    None,
}

impl DateSource {
    /// The name in the output: "metadata", "header", "dateline", "given", "none".
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Metadata => "metadata",
            DateSource::Header => "header",
            DateSource::Dateline => "dateline",
            DateSource::Given => "given",
            DateSource::None => "none",
        }
    }
}

/// A dateline such as "ANKARA, Nov 3 (Reuters) –".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dateline {
    /// The whole dateline's bytes in the text, terminator ("–", ":", "/TASS/.") included.
    pub span: Span,
    /// The place it names ("ANKARA"), as written; empty for an agency-only dateline "(CNN) —".
    pub place: String,
    /// The region or country after the place ("Egypt" in "CAIRO, Egypt -"), as written.
    pub region: Option<String>,
    /// The news agency ("Reuters", "TASS"), as written.
    pub agency: Option<String>,
    /// Its date, if it carries one (a date without a year takes the year of the header,
    /// byline or default date, and stays unknown without one).
    pub date: Option<NaiveDate>,
}

/// One article, decoded, with its parts located.
#[derive(Clone, Debug, Serialize)]
pub struct Document {
    /// Identifier: the input path or id.
    pub id: String,
    /// The decoded text; every span refers to it.
    pub text: String,
    /// The title line, if any.
    pub title: Option<Span>,
    /// The body: everything after the title, header, byline and dateline, trimmed.
    pub body: Span,
    /// The parts of the body that are not news prose (subheadings, links, bylines, captions,
    /// credits), in order and not overlapping; sentences inside them are not coded.
    pub boilerplate: Vec<Boilerplate>,
    /// The dateline at the start of the body, if any.
    pub dateline: Option<Dateline>,
    /// The publication date, if known.
    pub date: Option<NaiveDate>,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// Warnings raised while reading the document, each naming the document.
    pub warnings: Vec<String>,
}

use super::boilerplate::Boilerplate;

/// The years a publication date may fall in: those the date grammar reads in a date
/// ([`crate::text::dates::YEARS`]). Event dates are reckoned from it (up to 999 years back, "a
/// year ago" and kin, and a year ahead) and written with four-digit years, so a date far
/// outside these (`9999-12-31`, `0000-01-01`) would give event dates such as "10000" or
/// "-001-12-25" that the store's relations and GDELT columns cannot read; such a date, from a
/// header, metadata or `--date`, is refused with a warning.
pub const PUBLICATION_YEARS: std::ops::RangeInclusive<i32> = crate::text::dates::YEARS.0..=crate::text::dates::YEARS.1;

/// Whether `d` can be a publication date ([`PUBLICATION_YEARS`]).
pub fn publication_date_ok(d: NaiveDate) -> bool {
    PUBLICATION_YEARS.contains(&d.year())
}

/// The warning for a publication date outside [`PUBLICATION_YEARS`].
fn out_of_range(d: NaiveDate) -> String {
    format!(
        "date {d} is outside the years {}-{} dyad can date events from; ignored",
        PUBLICATION_YEARS.start(),
        PUBLICATION_YEARS.end()
    )
}

/// At most this many byline and meta lines are skipped after the title.
const MAX_META_LINES: usize = 8;
/// Lines longer than this are never header, byline or meta lines.
const MAX_META_LEN: usize = 200;
/// A first line longer than this is body text, not a title.
const MAX_TITLE_LEN: usize = 400;
/// The rest of a `date` line with more words than this is the lead, not a headline.
const HEADLINE_WORDS: usize = 20;

impl Document {
    /// Builds a document from decoded text: first non-empty line is the title, a
    /// `date YYYY-MM-DD` line among the header lines sets the date, byline and meta lines
    /// ("By Jane Doe, Reuters", "Published: 3 March 2025") are skipped, a dateline at the start
    /// of the body is recorded and left out of the body. `default_date` is used when the text
    /// carries no date.
    ///
    /// A first line that opens with a dateline, or is too long for a headline, or is the only
    /// line and ends like a sentence, is body text and the document has no title; so is the
    /// rest of a `date` line that does not read like a headline.
    pub fn parse(id: &str, text: String, default_date: Option<NaiveDate>) -> Document {
        Document::parse_inner(id, text, default_date, None, false)
    }

    /// Builds a document from parts an input format gave separately (JSON fields, HTML
    /// elements): the title (white space folded into one line), the body, and the date of the
    /// metadata, which wins over every date in the text. The body is read like a plain-text
    /// body: a `date` header, byline or dateline at its start is found and used; when it has no
    /// blank line, each of its lines is a paragraph.
    pub fn from_parts(
        id: &str,
        title: Option<&str>,
        body: &str,
        meta_date: Option<NaiveDate>,
        default_date: Option<NaiveDate>,
    ) -> Document {
        let title = title
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty());
        let body = body.trim().replace("\r\n", "\n").replace('\r', "\n");
        let body = if body.contains("\n\n") {
            body
        } else {
            body.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        let known_title = title.is_some();
        let text = match title {
            Some(t) => format!("{t}\n\n{body}\n"),
            None => format!("{body}\n"),
        };
        Document::parse_inner(id, text, default_date, meta_date, known_title)
    }

    fn parse_inner(
        id: &str,
        text: String,
        default_date: Option<NaiveDate>,
        meta_date: Option<NaiveDate>,
        known_title: bool,
    ) -> Document {
        let mut warnings = Vec::new();
        let meta_date = meta_date.filter(|&d| {
            let ok = publication_date_ok(d);
            if !ok {
                warnings.push(format!("{id}: metadata {}", out_of_range(d)));
            }
            ok
        });
        let default_date = default_date.filter(|&d| {
            let ok = publication_date_ok(d);
            if !ok {
                warnings.push(format!("{id}: given {}", out_of_range(d)));
            }
            ok
        });
        let mut lines = Lines {
            text: &text,
            pos: 0,
            no: 0,
        };
        let mut header_date: Option<NaiveDate> = None;
        let mut title = None;
        let mut body_start = None;
        let mut found: Vec<Found> = Vec::new();
        // The line in hand is the rest of a `date` header line ("date 2024-05-02 ANKARA – ...").
        let mut glued = false;

        // The title, with any header lines, labels ("Politics", "UrduPoint.com") and date
        // lines before it.
        let mut skipped = 0;
        while let Some(line) = lines.next_nonblank() {
            let was_glued = std::mem::take(&mut glued);
            if known_title {
                title = Some(Span::new(line.start, line.start + line.text.len()));
                break;
            }
            match take_date_header(id, &line, &mut header_date, &mut warnings) {
                Header::Not => {}
                Header::Whole => continue,
                Header::Glued(at) => {
                    lines.rewind(at);
                    glued = true;
                    continue;
                }
            }
            let starts_with_dateline = parse_dateline(line.text).is_some();
            let alone = lines.rest_is_blank();
            let body = if was_glued {
                // The rest of a date line is a headline when it reads like one, else the lead.
                starts_with_dateline || !reads_like_headline(line.text)
            } else {
                starts_with_dateline || line.text.len() > MAX_TITLE_LEN || (alone && ends_like_sentence(line.text))
            };
            if body {
                body_start = Some(line.start);
                break;
            }
            if skipped < MAX_META_LINES && !alone {
                if let Some(m) = meta_line(line.text) {
                    skipped += 1;
                    if let Some(date) = m.date {
                        found.push(Found {
                            date,
                            rank: m.rank,
                            line: line.no,
                        });
                    }
                    continue;
                }
                if is_label(line.text, lines.clone()) {
                    skipped += 1;
                    continue;
                }
            }
            title = Some(Span::new(line.start, line.start + line.text.len()));
            break;
        }

        // Header, byline and meta lines after the title.
        if body_start.is_none() {
            let mut meta = 0;
            let mut deck = false;
            while let Some(line) = lines.next_nonblank() {
                let was_glued = std::mem::take(&mut glued);
                if line.text.len() <= MAX_META_LEN || line.text.starts_with(['d', 'D']) {
                    match take_date_header(id, &line, &mut header_date, &mut warnings) {
                        Header::Not => {}
                        Header::Whole => continue,
                        Header::Glued(at) => {
                            lines.rewind(at);
                            glued = true;
                            continue;
                        }
                    }
                }
                if line.text.len() <= MAX_META_LEN && !was_glued && meta < MAX_META_LINES {
                    if let Some(m) = meta_line(line.text) {
                        meta += 1;
                        if let Some(date) = m.date {
                            found.push(Found {
                                date,
                                rank: m.rank,
                                line: line.no,
                            });
                        }
                        continue;
                    }
                    if header_field(line.text) {
                        meta += 1;
                        continue;
                    }
                    // A deck (subtitle) between the title and a dateline or byline.
                    if !deck
                        && !ends_like_sentence(line.text)
                        && lines.clone().next_nonblank().is_some_and(|l| {
                            parse_dateline(l.text).is_some()
                                || (l.text.len() <= MAX_META_LEN && meta_line(l.text).is_some())
                        })
                    {
                        deck = true;
                        continue;
                    }
                }
                body_start = Some(line.start);
                break;
            }
        }

        // The dateline at the start of the body.
        let mut body_start = body_start.unwrap_or(text.len());
        let mut dateline = None;
        let mut dateline_date = None;
        if let Some(p) = parse_dateline(first_line(&text[body_start..])) {
            let span = Span::new(body_start + p.start, body_start + p.end);
            dateline_date = p.date;
            dateline = Some(Dateline {
                span,
                place: p.place.to_string(),
                region: p.region.map(str::to_string),
                agency: p.agency.map(str::to_string),
                date: None,
            });
            body_start = span.end;
            let line_no = lines.no;
            if let Some(date) = p.date {
                found.push(Found {
                    date,
                    rank: 1,
                    line: line_no,
                });
            }
        }
        let rest = &text[body_start..];
        let lead = rest.len() - rest.trim_start().len();
        let body_start = body_start + lead;
        let body_end = body_start + text[body_start..].trim_end().len();
        let body = Span::new(body_start, body_end);
        let boilerplate = super::boilerplate::find(&text, body, Words::embedded());

        // Resolve dates: a year-less date takes its year from the best dated reference.
        let reference = meta_date
            .or(header_date)
            .or_else(|| {
                found
                    .iter()
                    .filter(|f| f.date.year.is_some())
                    .min_by_key(|f| f.rank)
                    .and_then(|f| f.date.resolve(None).ok().flatten())
            })
            .or(default_date);
        let mut best: Option<(u8, NaiveDate)> = None;
        for f in &found {
            match f.date.resolve(reference) {
                Ok(Some(d)) if !publication_date_ok(d) => {
                    warnings.push(format!("{id}: line {}: {}", f.line, out_of_range(d)))
                }
                Ok(Some(d)) => {
                    if !matches!(best, Some((rank, _)) if rank <= f.rank) {
                        best = Some((f.rank, d));
                    }
                }
                Ok(None) => {}
                Err(()) => warnings.push(format!("{id}: line {}: impossible date {} ignored", f.line, f.date)),
            }
        }
        if let (Some(dl), Some(d)) = (dateline.as_mut(), dateline_date) {
            dl.date = d.resolve(reference).ok().flatten().filter(|&d| publication_date_ok(d));
        }
        let (date, date_source) = match (meta_date.or(header_date), best, default_date) {
            (Some(d), _, _) if meta_date.is_some() => (Some(d), DateSource::Metadata),
            (Some(d), _, _) => (Some(d), DateSource::Header),
            (None, Some((_, d)), _) => (Some(d), DateSource::Dateline),
            (None, None, Some(d)) => (Some(d), DateSource::Given),
            (None, None, None) => (None, DateSource::None),
        };
        if date.is_none() && (title.is_some() || !body.is_empty()) {
            warnings.push(format!("{id}: no publication date; events will carry date null"));
        }
        Document {
            id: id.to_string(),
            text,
            title,
            body,
            boilerplate,
            dateline,
            date,
            date_source,
            warnings,
        }
    }

    /// The text of the title, if any.
    pub fn title_text(&self) -> Option<&str> {
        self.title.map(|t| t.of(&self.text))
    }

    /// A sentence-case view of a Title Case title, for tagging it like a sentence: the same
    /// bytes with the words that are not names lower-cased, judged by how the body writes them
    /// (see [`crate::text::headline::sentence_case`]); `None` without a title. `names` are
    /// spans of the document text known to be names (knowledge-base matches), kept as written.
    pub fn title_view(&self, names: &[Span]) -> Option<String> {
        let t = self.title?;
        let rel: Vec<Span> = names
            .iter()
            .filter(|n| n.start >= t.start && n.end <= t.end)
            .map(|n| Span::new(n.start - t.start, n.end - t.start))
            .collect();
        Some(headline::sentence_case(
            t.of(&self.text),
            self.body.of(&self.text),
            Words::embedded(),
            &rel,
        ))
    }

    /// Is `span` (a sentence) inside a boilerplate part of the body?
    pub fn is_boilerplate(&self, span: Span) -> bool {
        let k = self.boilerplate.partition_point(|b| b.span.end < span.end);
        self.boilerplate
            .get(k)
            .is_some_and(|b| b.span.start <= span.start && span.end <= b.span.end)
    }
}

/// What a `date` header line gave.
enum Header {
    /// The line is not a `date` header.
    Not,
    /// The whole line was the header.
    Whole,
    /// The header's date is followed by text that is a line of its own, from this offset of
    /// the document text on.
    Glued(usize),
}

/// Is `line` a label above the title (a section, a site name, a numbered menu entry)?
/// Only when a line that reads like a headline follows (after date and byline lines).
fn is_label(line: &str, mut rest: Lines) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let site = words.iter().any(|w| is_domain(w));
    let numbered = words.len() <= 4
        && words
            .first()
            .is_some_and(|w| w.len() <= 3 && w.ends_with('.') && w[..w.len() - 1].bytes().all(|b| b.is_ascii_digit()));
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let short = words.len() <= 3
        && !ends_like_sentence(line)
        && (words.iter().all(capitalised) || line.chars().all(|c| !c.is_uppercase()));
    if !(site || numbered || short) {
        return false;
    }
    for _ in 0..MAX_META_LINES {
        let Some(next) = rest.next_nonblank() else {
            return false;
        };
        if next.text.len() <= MAX_META_LEN && (meta_line(next.text).is_some() || header_field(next.text)) {
            continue;
        }
        return reads_like_headline(next.text) && next.text.split_whitespace().count() > words.len();
    }
    false
}

/// "UrduPoint.com", "www.example.org": a web address.
fn is_domain(w: &str) -> bool {
    let w = w.trim_end_matches(['/', '.']);
    w.rsplit_once('.').is_some_and(|(host, tld)| {
        !host.is_empty()
            && (2..=4).contains(&tld.len())
            && tld.bytes().all(|b| b.is_ascii_lowercase())
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    })
}

/// Does a first line read like a headline: no sentence end, no dateline, at most
/// [`HEADLINE_WORDS`] words?
fn reads_like_headline(line: &str) -> bool {
    line.len() <= MAX_META_LEN
        && !ends_like_sentence(line)
        && line.split_whitespace().count() <= HEADLINE_WORDS
        && parse_dateline(line).is_none()
}

/// Handles a `date` header line, keeping the first date or warning about a bad one.
fn take_date_header(id: &str, line: &Line, date: &mut Option<NaiveDate>, warnings: &mut Vec<String>) -> Header {
    let Some(h) = header_date_line(line.text) else {
        return Header::Not;
    };
    match h.date {
        Ok(d) if !publication_date_ok(d) => warnings.push(format!("{id}: line {}: {}", line.no, out_of_range(d))),
        Ok(d) => {
            date.get_or_insert(d);
        }
        Err(msg) => warnings.push(format!("{id}: line {}: {msg}", line.no)),
    }
    match h.rest {
        Some(at) => Header::Glued(line.start + at),
        None => Header::Whole,
    }
}

/// A date found in a byline, meta line or dateline; lower `rank` is preferred
/// (0 published or plain date, 1 dateline, 2 updated).
struct Found {
    date: PartialDate,
    rank: u8,
    line: usize,
}

/// One line of the text, white space trimmed.
struct Line<'t> {
    /// 1-based line number.
    no: usize,
    /// Byte offset of the trimmed text.
    start: usize,
    text: &'t str,
}

/// A cursor over the lines of the text, from the top.
#[derive(Clone)]
struct Lines<'t> {
    text: &'t str,
    pos: usize,
    no: usize,
}

impl<'t> Lines<'t> {
    /// The next line that is not blank.
    fn next_nonblank(&mut self) -> Option<Line<'t>> {
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
            let raw = &rest[..len];
            let start = self.pos;
            self.pos += len;
            self.no += 1;
            let t = raw.trim();
            if !t.is_empty() {
                let lead = raw.len() - raw.trim_start().len();
                return Some(Line {
                    no: self.no,
                    start: start + lead,
                    text: t,
                });
            }
        }
        None
    }

    /// Goes back to offset `at` of the current line, so that the next line read is the rest
    /// of this one (with the same line number).
    fn rewind(&mut self, at: usize) {
        if at < self.pos {
            self.pos = at;
            self.no -= 1;
        }
    }

    /// True when only white space follows.
    fn rest_is_blank(&self) -> bool {
        self.text[self.pos..].trim().is_empty()
    }
}

/// The text up to the first line feed.
fn first_line(s: &str) -> &str {
    s.split('\n').next().unwrap_or("")
}

/// True when `s` ends with sentence punctuation, perhaps inside quotes.
pub(super) fn ends_like_sentence(s: &str) -> bool {
    s.trim_end_matches(['"', '”', '’', '\'', ')'])
        .ends_with(['.', '!', '?', '…'])
}

// ---------------------------------------------------------------------------------------------
// Dates

/// A calendar date as written, perhaps without a year; not yet checked (the grammar is
/// [`crate::text::dates`]'s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PartialDate {
    year: Option<i32>,
    month: u32,
    day: u32,
}

impl From<dates::Written> for PartialDate {
    fn from(w: dates::Written) -> Self {
        PartialDate {
            year: w.year,
            month: w.month,
            day: w.day,
        }
    }
}

impl std::fmt::Display for PartialDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}-{:02}-{:02}", self.month, self.day),
            None => write!(f, "--{:02}-{:02}", self.month, self.day),
        }
    }
}

impl PartialDate {
    /// The date, with a missing year taken from `reference`: `Ok(None)` when the year is
    /// unknown, `Err` when no year makes it a real date (30 February).
    fn resolve(self, reference: Option<NaiveDate>) -> Result<Option<NaiveDate>, ()> {
        if let Some(y) = self.year {
            return NaiveDate::from_ymd_opt(y, self.month, self.day).map(Some).ok_or(());
        }
        // 29 February is real in leap years.
        if NaiveDate::from_ymd_opt(2024, self.month, self.day).is_none() {
            return Err(());
        }
        let Some(r) = reference else { return Ok(None) };
        let y = r.year();
        let same = NaiveDate::from_ymd_opt(y, self.month, self.day);
        // Across a year end ("Dec 31" near a 2 January reference) the nearer year wins when the
        // same-year reading is more than eight months away.
        let near = |d: NaiveDate| (d - r).num_days().abs();
        let pick = [y - 1, y + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
            .min_by_key(|&d| near(d));
        Ok(match (same, pick) {
            (Some(s), Some(p)) if near(s) > 240 && near(p) < near(s) => Some(p),
            (Some(s), _) => Some(s),
            (None, p) => p,
        })
    }
}

/// Is `word` a weekday, in full or abbreviated ("Monday", "Mon")?
fn is_weekday(word: &str) -> bool {
    dates::weekday_name(word, true).is_some()
}

/// A small byte cursor for the date and dateline grammars.
#[derive(Clone, Copy)]
struct Cur<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Cur<'a> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i..)?.chars().next()
    }
    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }
    /// Skips spaces and tabs (not line feeds); returns how many bytes.
    fn spaces(&mut self) -> usize {
        let n = self.rest().len() - self.rest().trim_start_matches([' ', '\t']).len();
        self.i += n;
        n
    }
    /// A run of ASCII letters.
    fn letters(&mut self) -> &'a str {
        let n = self.rest().bytes().take_while(u8::is_ascii_alphabetic).count();
        let w = &self.rest()[..n];
        self.i += n;
        w
    }
    /// True when the next character cannot continue a word.
    fn at_boundary(&self) -> bool {
        !self.peek().is_some_and(char::is_alphanumeric)
    }
}

/// The date written at the cursor ("2025-03-03", "Nov 3", "Nov. 3, 2025", "March 3rd",
/// "12 March 2025", "3rd of March"), by the grammar of [`crate::text::dates`]. The cursor
/// moves past the date, and stays put when there is none.
fn date_at(c: &mut Cur) -> Option<PartialDate> {
    let (d, len) = dates::written_at(c.rest())?;
    c.i += len;
    Some(d.into())
}

/// The first written date with a year in `s` ("March 3, 2025", "3 March 2025"), if real.
pub(crate) fn written_date(s: &str) -> Option<NaiveDate> {
    find_date(s)
        .filter(|d| d.year.is_some())
        .and_then(|d| d.resolve(None).ok().flatten())
}

/// The first date in `s` starting at a word.
fn find_date(s: &str) -> Option<PartialDate> {
    dates::first_written(s).map(|(d, _)| d.into())
}

/// A `date` header line: its date, or why it cannot be read, and where text glued after the
/// date starts, if any (an offset into the line).
struct HeaderDate {
    date: Result<NaiveDate, String>,
    rest: Option<usize>,
}

/// A header line `date YYYY-MM-DD` (case-insensitive `date`, optional colon), perhaps with
/// text after the date ("date 2024-05-02 ANKARA – Turkey said ..."): `None` when the line is
/// not a date header.
fn header_date_line(line: &str) -> Option<HeaderDate> {
    let head = line.get(..4)?;
    if !head.eq_ignore_ascii_case("date") {
        return None;
    }
    let mut c = Cur { s: line, i: 4 };
    let sp = c.spaces();
    let colon = c.eat(':');
    if sp == 0 && !colon {
        return None;
    }
    c.spaces();
    let value_start = c.i + (c.rest().len() - c.rest().trim_start().len());
    let value = c.rest().trim();
    let mut v = Cur { s: value, i: 0 };
    let unreadable = || HeaderDate {
        date: Err(match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            // an ISO date in years the grammar does not read: refused as such
            Ok(d) if !publication_date_ok(d) => out_of_range(d),
            _ => format!("cannot read date {value:?} (expected YYYY-MM-DD); ignored"),
        }),
        rest: None,
    };
    match date_at(&mut v) {
        Some(d) if d.year.is_some() => {
            let written = &value[..v.i];
            let date = d
                .resolve(None)
                .ok()
                .flatten()
                .ok_or_else(|| format!("impossible date {written} ignored"));
            let after = v.rest();
            if after.trim().is_empty() {
                Some(HeaderDate { date, rest: None })
            } else if after.starts_with(char::is_whitespace) {
                // The text after the date is a line of its own.
                let rest = value_start + v.i + (after.len() - after.trim_start().len());
                Some(HeaderDate { date, rest: Some(rest) })
            } else {
                Some(unreadable())
            }
        }
        // "date: tomorrow", "date 2025-02-31x": a header with a value we cannot read.
        _ if colon || value.starts_with(|ch: char| ch.is_ascii_digit()) => Some(unreadable()),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Bylines and meta lines

/// Header fields other than the date that may stand between the title and the body.
const HEADER_FIELDS: [&str; 12] = [
    "source",
    "url",
    "link",
    "author",
    "authors",
    "section",
    "category",
    "tags",
    "keywords",
    "language",
    "publisher",
    "id",
];

/// A `key: value` header line such as "source: Reuters" or "url: https://…".
fn header_field(line: &str) -> bool {
    line.split_once(':').is_some_and(|(key, value)| {
        HEADER_FIELDS.iter().any(|k| k.eq_ignore_ascii_case(key.trim_end())) && !value.trim().is_empty()
    })
}

/// A skipped byline or meta line, and the date it carries.
pub(super) struct Meta {
    date: Option<PartialDate>,
    rank: u8,
}

/// Lower-case words a byline may hold besides names.
const BYLINE_WORDS: [&str; 34] = [
    "and",
    "de",
    "da",
    "di",
    "du",
    "van",
    "von",
    "der",
    "den",
    "al",
    "el",
    "bin",
    "ibn",
    "le",
    "la",
    "y",
    "in",
    "for",
    "the",
    "with",
    "by",
    "staff",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "writer",
    "editor",
    "contributor",
    "additional",
    "reporting",
    "agencies",
    "news",
    "wires",
];

/// Lower-case words a date line may hold besides the date ("Mar. 3, 2025 • 4 min read").
const META_WORDS: [&str; 14] = [
    "min",
    "mins",
    "minute",
    "minutes",
    "read",
    "ago",
    "updated",
    "published",
    "hours",
    "hour",
    "at",
    "on",
    "by",
    "am",
];

/// Recognises a byline or a line of publication meta data.
pub(super) fn meta_line(line: &str) -> Option<Meta> {
    let lower_start = |p: &str| {
        line.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p))
            && !line[p.len()..].starts_with(char::is_alphabetic)
    };
    // Bylines: "By Jane Doe, Reuters".
    if lower_start("by") {
        let rest = line[2..].trim_start();
        let words: Vec<&str> = rest.split_whitespace().collect();
        let first_cap = rest.starts_with(char::is_uppercase);
        let last_ok = !ends_like_sentence(line) || words.last().is_some_and(|w| w.chars().count() <= 3);
        let words_ok = words.len() <= 14
            && words.iter().all(|w| {
                let w = w.trim_matches(|ch: char| !ch.is_alphanumeric());
                w.is_empty()
                    || !w.starts_with(char::is_lowercase)
                    || BYLINE_WORDS.contains(&w)
                    || META_WORDS.contains(&w)
            });
        if first_cap && last_ok && words_ok {
            return Some(Meta {
                date: find_date(rest),
                rank: 0,
            });
        }
    }
    // "Published: 3 March 2025", "Updated Nov. 4, 2025 10:32 GMT".
    for (key, rank) in [
        ("first published", 0),
        ("published", 0),
        ("posted", 0),
        ("last updated", 2),
        ("updated", 2),
        ("last modified", 2),
        ("modified", 2),
    ] {
        if lower_start(key) {
            let rest = &line[key.len()..];
            let date = find_date(rest);
            if date.is_some() || (rest.len() <= 60 && !ends_like_sentence(rest)) {
                return Some(Meta { date, rank });
            }
            return None;
        }
    }
    // "4 min read", "Reading time: 3 minutes".
    let lower = line.to_ascii_lowercase();
    if line.len() <= 40
        && (lower.contains("min read") || lower.contains("minute read") || lower.starts_with("reading time"))
    {
        return Some(Meta {
            date: find_date(line),
            rank: 0,
        });
    }
    // "Jane Roe Published September 19, 2022 | 08:32 PM", "By AFP Published: Wed 1 Nov 2023,
    // 7:48 PM Last updated: ...": a name or two, then a publication date and times.
    if line.len() <= 160 && !ends_like_sentence(line) {
        for (key, rank) in [("published", 0), ("posted", 0), ("updated", 2)] {
            let Some(i) = lower.match_indices(key).map(|(i, _)| i).find(|&i| {
                !lower[..i].ends_with(char::is_alphabetic) && !lower[i + key.len()..].starts_with(char::is_alphabetic)
            }) else {
                continue;
            };
            let before: Vec<&str> = line[..i].split_whitespace().collect();
            let named = before.len() <= 4 && before.iter().all(|w| w.starts_with(char::is_uppercase));
            let after = &line[i + key.len()..];
            // the date follows the word closely ("Published: Wed 1 Nov 2023")
            match dates::first_written(after).filter(|(_, sp)| sp.start <= 12) {
                Some((d, sp)) if named && meta_rest(&after[sp.end..]) => {
                    return Some(Meta {
                        date: Some(d.into()),
                        rank,
                    })
                }
                _ => {}
            }
        }
    }
    // "Associated Press", "Reuters": a line naming only a news agency.
    if line.len() <= 40 {
        let words: Vec<String> = line
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
            .collect();
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let w = Words::embedded();
        let mut k = 0;
        while k < words.len() {
            match w.cue_at(&words[k..], CueKind::Agency) {
                Some(n) => k += n,
                None => break,
            }
        }
        if k > 0 && k == words.len() {
            return Some(Meta { date: None, rank: 0 });
        }
    }
    // A line that is a date and little else: "Mar. 3, 2025 • 4 min read", "Monday, 3 March 2025".
    let mut c = Cur { s: line, i: 0 };
    let save = c;
    if is_weekday(c.letters()) {
        c.eat(',');
        c.spaces();
    } else {
        c = save;
    }
    let date = date_at(&mut c)?;
    meta_rest(c.rest()).then_some(Meta {
        date: Some(date),
        rank: 0,
    })
}

/// Is the text after a date in a meta line only times and meta words ("10:32 GMT", "• 4 min
/// read", "| 08:32 PM Last updated: ...")?
fn meta_rest(rest: &str) -> bool {
    !ends_like_sentence(rest)
        && rest.split_whitespace().all(|w| {
            let w = w.trim_matches(|ch: char| !ch.is_alphanumeric());
            !w.starts_with(char::is_lowercase) || w.len() <= 2 || META_WORDS.contains(&w) || w == "a.m" || w == "p.m"
        })
}

// ---------------------------------------------------------------------------------------------
// Datelines

/// A dateline found at the start of a line; offsets are relative to that line.
#[derive(Debug, PartialEq, Eq)]
struct ParsedDateline<'a> {
    start: usize,
    end: usize,
    place: &'a str,
    region: Option<&'a str>,
    agency: Option<&'a str>,
    date: Option<PartialDate>,
}

/// Lower-case words that may join a title-case place name ("Rio de Janeiro").
const PLACE_JOINERS: [&str; 12] = [
    "de", "da", "do", "dos", "das", "del", "es", "al", "el", "la", "le", "sur",
];

/// How a place word is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Case {
    Upper,
    Title,
}

/// A capitalised word of a place name: letters and `.'’-`, starting with a capital.
fn place_word<'a>(c: &mut Cur<'a>) -> Option<(&'a str, Case)> {
    let rest = c.rest();
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let n = rest
        .find(|ch: char| !(ch.is_alphabetic() || matches!(ch, '.' | '\'' | '’' | '-')))
        .unwrap_or(rest.len());
    let mut w = rest[..n].trim_end_matches(['.', '-', '\'', '’']);
    // "ST. PETERSBURG", "WASHINGTON, D.C. —": a short or dotted abbreviation keeps its period.
    let after = &rest[w.len()..];
    if after.starts_with('.')
        && (w.len() <= 3 || w.contains('.'))
        && !after[1..].starts_with(|ch: char| !ch.is_whitespace())
    {
        w = &rest[..w.len() + 1];
    }
    let letters = || w.chars().filter(|ch| ch.is_alphabetic());
    let case = if letters().count() >= 2 && letters().all(char::is_uppercase) {
        Case::Upper
    } else if letters().any(char::is_lowercase) {
        Case::Title
    } else {
        return None;
    };
    c.i += w.len();
    Some((w, case))
}

/// A place: one to five capitalised words, all upper case or all title case, joined by spaces
/// or slashes ("UNITED NATIONS", "GENEVA/PARIS", "Rio de Janeiro").
fn place<'a>(c: &mut Cur<'a>) -> Option<(&'a str, Case)> {
    let start = c.i;
    let (_, case) = place_word(c)?;
    let mut end = c.i;
    for _ in 0..4 {
        let mut t = *c;
        let sep = t.eat('/') || t.spaces() == 1;
        if !sep {
            break;
        }
        if case == Case::Title {
            let save = t;
            let w = t.letters();
            if !(PLACE_JOINERS.contains(&w) && t.spaces() == 1) {
                t = save;
            }
        }
        match place_word(&mut t) {
            Some((_, k)) if k == case => {
                *c = t;
                end = c.i;
            }
            _ => break,
        }
    }
    c.i = end;
    Some((&c.s[start..end], case))
}

/// A parenthesised "(Reuters)" or slashed "/TASS/" agency name.
fn agency<'a>(c: &mut Cur<'a>) -> Option<&'a str> {
    let (open, close) = match c.peek()? {
        '(' => ('(', ')'),
        '/' => ('/', '/'),
        _ => return None,
    };
    let inner = c.rest().get(1..)?;
    let n = inner.find([close, '\n', '(', ')'])?;
    let name = &inner[..n];
    if n == 0 || n > 40 || !inner[n..].starts_with(close) || !name.starts_with(char::is_alphabetic) {
        return None;
    }
    c.i += open.len_utf8() + n + close.len_utf8();
    Some(name)
}

/// A region after the place: one to four capitalised words ("Egypt", "New York").
fn region<'a>(c: &mut Cur<'a>) -> Option<&'a str> {
    let start = c.i;
    place_word(c)?;
    let mut end = c.i;
    for _ in 0..3 {
        let mut t = *c;
        if t.spaces() != 1 || place_word(&mut t).is_none() {
            break;
        }
        *c = t;
        end = c.i;
    }
    c.i = end;
    Some(&c.s[start..end])
}

/// Dashes that end a dateline.
const DASHES: [&str; 7] = ["--", "—", "–", "―", "‒", "−", "-"];

/// The dash after a dateline ("–", "—", "--", or "-" with a space on one side at least).
/// Returns the end of the dash.
fn terminator(c: &mut Cur) -> Option<usize> {
    let mut t = *c;
    let before = t.spaces() > 0;
    let rest = t.rest();
    let dash = DASHES.into_iter().find(|d| rest.starts_with(d))?;
    let next = &rest[dash.len()..];
    if next.starts_with(['-', '—', '–'])
        || (dash.starts_with('-') && !before && !next.is_empty() && !next.starts_with(char::is_whitespace))
    {
        return None;
    }
    t.i += dash.len();
    *c = t;
    Some(c.i)
}

/// Upper-case words that open a line like a dateline but are labels.
const NOT_PLACES: [&str; 14] = [
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "EDITORIAL",
    "COMMENT",
    "FACTBOX",
    "EXPLAINER",
    "WATCH",
    "LIVE",
    "CORRECTED",
    "NOTE",
];

/// A dateline at the start of `line`, such as "ANKARA, Nov 3 (Reuters) –",
/// "CAIRO, Egypt -", "TEHRAN (IRNA) -", "Moscow, 12 March 2025 —", "YEREVAN, March 3. /TASS/."
/// or "(CNN) —". A title-case place needs a date or an agency to count.
fn parse_dateline(line: &str) -> Option<ParsedDateline<'_>> {
    let mut c = Cur { s: line, i: 0 };
    c.spaces();
    let start = c.i;
    // Agency only: "(CNN) —".
    if c.peek() == Some('(') {
        let agency = agency(&mut c)?;
        let end = terminator(&mut c)?;
        return Some(ParsedDateline {
            start,
            end,
            place: "",
            region: None,
            agency: Some(agency),
            date: None,
        });
    }
    let (place_name, case) = place(&mut c)?;
    // Labels ("UPDATE:") and two-letter names ("EU – China talks") are not places.
    if case == Case::Upper
        && (NOT_PLACES.contains(&place_name) || place_name.chars().filter(|c| c.is_alphabetic()).count() < 3)
    {
        return None;
    }
    let mut region_name = None;
    let mut date = None;
    let mut agency_name = None;
    // "Moscow [Russia], April 26 (ANI)": a region in brackets.
    let mut t = c;
    if t.spaces() == 1 && t.eat('[') {
        if let Some(r) = region(&mut t) {
            if t.eat(']') {
                region_name = Some(r);
                c = t;
            }
        }
    }
    // ", Egypt", ", Nov 3", ", Monday", ", 12 March 2025"
    for _ in 0..4 {
        let mut t = c;
        if !t.eat(',') || t.spaces() == 0 {
            break;
        }
        let save = t;
        if date.is_none() {
            if let Some(d) = date_at(&mut t) {
                date = Some(d);
                c = t;
                continue;
            }
        }
        t = save;
        if is_weekday(t.letters()) && t.at_boundary() {
            c = t;
            continue;
        }
        t = save;
        match region(&mut t) {
            Some(r) if region_name.is_none() && date.is_none() => {
                region_name = Some(r);
                c = t;
            }
            _ => return None,
        }
    }
    // "March 3." before a slashed agency.
    let mut after_period = false;
    if date.is_some() && c.rest().starts_with(". /") {
        c.eat('.');
        after_period = true;
    }
    let mut t = c;
    t.spaces();
    if let Some(a) = agency(&mut t) {
        agency_name = Some(a);
        c = t;
    } else if after_period {
        return None;
    }
    if case == Case::Title && date.is_none() && agency_name.is_none() {
        return None;
    }
    // Terminator.
    let end = if let Some(end) = terminator(&mut c) {
        end
    } else if agency_name.is_some() && c.rest().starts_with('.') {
        // "/TASS/."
        c.i + 1
    } else if (case == Case::Upper || agency_name.is_some()) && c.rest().starts_with(": ") && place_name.len() <= 30 {
        // "ISLAMABAD: Pakistan said", "Rameswaram (Tamil Nadu): Three fishermen"
        c.i + 1
    } else if (case == Case::Upper || date.is_some())
        && agency_name.is_some()
        && c.rest().starts_with(' ')
        && c.rest().trim_start().starts_with(char::is_uppercase)
    {
        // "WASHINGTON (AP) The Senate", "Male, Jan 14 (PTI) Maldivian President"
        c.i
    } else {
        return None;
    };
    Some(ParsedDateline {
        start,
        end,
        place: place_name,
        region: region_name,
        agency: agency_name,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn doc(text: &str) -> Document {
        Document::parse("a.txt", text.to_string(), None)
    }

    fn body(d: &Document) -> &str {
        d.body.of(&d.text)
    }

    fn title(d: &Document) -> Option<&str> {
        d.title.map(|t| t.of(&d.text))
    }

    fn dl(line: &str) -> Option<ParsedDateline<'_>> {
        parse_dateline(line)
    }

    #[test]
    fn title_header_and_body() {
        let d = doc("\n  Turkey and Azerbaijan sign pact  \ndate 2025-11-03\n\nTurkey signed a deal.\nMore text.\n\n");
        assert_eq!(title(&d), Some("Turkey and Azerbaijan sign pact"));
        assert_eq!(body(&d), "Turkey signed a deal.\nMore text.");
        assert_eq!(d.date, Some(ymd(2025, 11, 3)));
        assert_eq!(d.date_source, DateSource::Header);
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    }

    #[test]
    fn header_date_variants() {
        for h in [
            "DATE 2025-11-03",
            "Date: 2025-11-03",
            "date:2025-11-03",
            "date   2025-11-03  ",
        ] {
            let d = doc(&format!("Title\n{h}\nBody text."));
            assert_eq!(d.date, Some(ymd(2025, 11, 3)), "{h}");
            assert_eq!(body(&d), "Body text.");
        }
        // Header before the title.
        let d = doc("date 2024-02-29\nTitle\nBody.");
        assert_eq!(title(&d), Some("Title"));
        assert_eq!(d.date, Some(ymd(2024, 2, 29)));
        // Not a header: "Date night in Paris".
        let d = doc("Date night in Paris\nBody.");
        assert_eq!(title(&d), Some("Date night in Paris"));
    }

    #[test]
    fn impossible_header_date_warns_with_line_number() {
        let d = Document::parse(
            "news/x.txt",
            "Title\n\ndate 2025-02-30\nBody.".into(),
            Some(ymd(2025, 3, 1)),
        );
        assert_eq!(d.date, Some(ymd(2025, 3, 1)));
        assert_eq!(d.date_source, DateSource::Given);
        assert_eq!(d.warnings.len(), 1);
        let w = &d.warnings[0];
        assert!(w.contains("news/x.txt") && w.contains("line 3") && w.contains("2025-02-30"));
        assert_eq!(body(&d), "Body.");
    }

    #[test]
    fn no_date_warns() {
        let d = doc("Title\nBody.");
        assert_eq!(d.date, None);
        assert_eq!(d.date_source, DateSource::None);
        assert!(d.warnings[0].contains("no publication date; events will carry date null"));
        let d = doc("");
        assert!(d.warnings.is_empty());
        assert!(doc(" \n\t\n").warnings.is_empty());
        assert_eq!(d.body, Span::new(0, 0));
        assert_eq!(d.title, None);
    }

    #[test]
    fn default_date_is_given() {
        let d = Document::parse("x", "T\nBody.".into(), Some(ymd(2025, 1, 2)));
        assert_eq!((d.date, d.date_source), (Some(ymd(2025, 1, 2)), DateSource::Given));
    }

    #[test]
    fn datelines_parse() {
        let p = dl("ANKARA – Turkey said").unwrap();
        assert_eq!((p.place, p.end), ("ANKARA", 10));
        let p = dl("ANKARA, Nov 3 (Reuters) – Turkey said").unwrap();
        assert_eq!(p.place, "ANKARA");
        assert_eq!(p.agency, Some("Reuters"));
        assert_eq!(
            p.date,
            Some(PartialDate {
                year: None,
                month: 11,
                day: 3
            })
        );
        assert_eq!(
            &"ANKARA, Nov 3 (Reuters) – Turkey said"[..p.end],
            "ANKARA, Nov 3 (Reuters) –"
        );
        let p = dl("CAIRO, Egypt - Egypt said").unwrap();
        assert_eq!((p.place, p.region), ("CAIRO", Some("Egypt")));
        let p = dl("BAKU, Azerbaijan (AP) — Azerbaijan said").unwrap();
        assert_eq!((p.place, p.region, p.agency), ("BAKU", Some("Azerbaijan"), Some("AP")));
        let p = dl("TEHRAN (IRNA) - Iran said").unwrap();
        assert_eq!((p.place, p.agency), ("TEHRAN", Some("IRNA")));
        let line = "Moscow, 12 March 2025 — Russia said";
        let p = dl(line).unwrap();
        assert_eq!(p.place, "Moscow");
        assert_eq!(&line[..p.end], "Moscow, 12 March 2025 —");
        assert_eq!(p.date.unwrap().year, Some(2025));
        let line = "YEREVAN, March 3. /TASS/. Armenia said";
        let p = dl(line).unwrap();
        assert_eq!(&line[..p.end], "YEREVAN, March 3. /TASS/.");
        assert_eq!(p.agency, Some("TASS"));
        let p = dl("UNITED NATIONS, Nov. 3 (Reuters) - The council").unwrap();
        assert_eq!(p.place, "UNITED NATIONS");
        let p = dl("KYIV, Ukraine, Monday, Nov. 3 (AP) — Ukraine").unwrap();
        assert_eq!((p.place, p.region), ("KYIV", Some("Ukraine")));
        let p = dl("GENEVA/PARIS (Reuters) -Talks").unwrap();
        assert_eq!(p.place, "GENEVA/PARIS");
        let p = dl("ISLAMABAD: Pakistan said").unwrap();
        assert_eq!(p.place, "ISLAMABAD");
        let p = dl("(CNN) — The talks").unwrap();
        assert_eq!((p.place, p.agency), ("", Some("CNN")));
        let p = dl("Rio de Janeiro, Nov 3 (AFP) – Brazil").unwrap();
        assert_eq!(p.place, "Rio de Janeiro");
        let p = dl("WASHINGTON, D.C. — The Senate").unwrap();
        assert_eq!((p.place, p.region), ("WASHINGTON", Some("D.C.")));
        let p = dl("ST. PETERSBURG, Russia (AP) — Russia").unwrap();
        assert_eq!((p.place, p.region), ("ST. PETERSBURG", Some("Russia")));
        let p = dl("GAZA CITY, Gaza Strip (AP) — Israel").unwrap();
        assert_eq!((p.place, p.region), ("GAZA CITY", Some("Gaza Strip")));
        let p = dl("BEIJING, Nov. 3 (Xinhua) -- China").unwrap();
        assert_eq!(p.agency, Some("Xinhua"));
    }

    #[test]
    fn non_datelines_are_left_alone() {
        for line in [
            "Turkey said on Monday it would sign.",
            "President Erdoğan – who met Aliyev – said",
            "Moscow – Kyiv talks resumed",
            "The U.S. - Iran talks",
            "NATO said on Monday",
            "Russia-Ukraine talks",
            "Erdoğan, Aliyev and Pashinyan met",
            "CAIRO, the capital, was quiet",
            "IRAN-IRAQ WAR",
            "EU – China talks",
            "UPDATE: Turkey said",
            "",
            "–",
        ] {
            assert_eq!(dl(line), None, "{line}");
        }
    }

    #[test]
    fn dateline_is_stripped_from_body() {
        let text = "Turkey, Azerbaijan sign pact\n\nANKARA, Nov 3 (Reuters) – Turkey said on Monday.\n\nMore.";
        let d = Document::parse("a", text.into(), Some(ymd(2025, 11, 10)));
        assert_eq!(body(&d), "Turkey said on Monday.\n\nMore.");
        let dl = d.dateline.as_ref().unwrap();
        assert_eq!(dl.span.of(&d.text), "ANKARA, Nov 3 (Reuters) –");
        assert_eq!(dl.place, "ANKARA");
        assert_eq!(dl.agency.as_deref(), Some("Reuters"));
        assert_eq!(dl.date, Some(ymd(2025, 11, 3)));
        // A dateline date without a year takes the default's year and then wins over it.
        assert_eq!(d.date, Some(ymd(2025, 11, 3)));
        assert_eq!(d.date_source, DateSource::Dateline);
    }

    #[test]
    fn dateline_without_year_and_no_reference_is_unknown() {
        let d = doc("Title\nBAKU, March 3 (AP) — Azerbaijan said.");
        assert_eq!(d.dateline.as_ref().unwrap().date, None);
        assert_eq!(d.date, None);
        assert_eq!(body(&d), "Azerbaijan said.");
        assert!(d.warnings.iter().any(|w| w.contains("no publication date")));
    }

    #[test]
    fn header_date_beats_dateline() {
        let d = doc("Title\ndate 2025-11-05\n\nMoscow, 12 March 2025 — Russia said.");
        assert_eq!(d.date, Some(ymd(2025, 11, 5)));
        assert_eq!(d.date_source, DateSource::Header);
        assert_eq!(d.dateline.unwrap().date, Some(ymd(2025, 3, 12)));
        // The header year fills in a year-less dateline.
        let d = doc("Title\ndate 2024-03-05\nYEREVAN, March 3. /TASS/. Armenia said.");
        assert_eq!(d.dateline.unwrap().date, Some(ymd(2024, 3, 3)));
    }

    #[test]
    fn year_rolls_over_at_new_year() {
        let d = Document::parse(
            "a",
            "T\nKYIV, Dec. 31 (Reuters) - Ukraine said.".into(),
            Some(ymd(2026, 1, 2)),
        );
        assert_eq!(d.date, Some(ymd(2025, 12, 31)));
        let d = Document::parse(
            "a",
            "T\nKYIV, Nov 3 (Reuters) - Ukraine said.".into(),
            Some(ymd(2025, 6, 1)),
        );
        assert_eq!(d.date, Some(ymd(2025, 11, 3)));
    }

    #[test]
    fn impossible_dateline_date_warns() {
        let d = Document::parse(
            "a",
            "T\nKYIV, Feb 30 (Reuters) - Ukraine said.".into(),
            Some(ymd(2025, 3, 1)),
        );
        assert_eq!(d.date, Some(ymd(2025, 3, 1)));
        assert_eq!(d.date_source, DateSource::Given);
        assert!(d.warnings.iter().any(|w| w.contains("impossible date")));
        assert_eq!(body(&d), "Ukraine said.");
    }

    #[test]
    fn bylines_and_meta_lines_are_skipped_and_mined() {
        let text = "Azerbaijan and Armenia agree border\nBy Jane Doe, Reuters\nMar. 3, 2025 • 4 min read\n\nAzerbaijan said on Monday.";
        let d = doc(text);
        assert_eq!(title(&d), Some("Azerbaijan and Armenia agree border"));
        assert_eq!(body(&d), "Azerbaijan said on Monday.");
        assert_eq!(d.date, Some(ymd(2025, 3, 3)));
        assert_eq!(d.date_source, DateSource::Dateline);

        let d = doc("T\nPublished: 3 March 2025\nUpdated Nov. 4, 2025 10:32 GMT\nBody.");
        assert_eq!(d.date, Some(ymd(2025, 3, 3)));
        assert_eq!(body(&d), "Body.");

        let d = doc("T\nUpdated Nov. 4, 2025 10:32 GMT\nBody.");
        assert_eq!(d.date, Some(ymd(2025, 11, 4)));

        // The byline's year fills in a year-less dateline; published beats updated.
        let d = doc("T\nBy JANE DOE and John Smith\nUpdated 4 March 2025\nBAKU, March 3 (AP) — Text.");
        assert_eq!(d.date, Some(ymd(2025, 3, 3)));
        assert_eq!(d.dateline.unwrap().date, Some(ymd(2025, 3, 3)));

        let d = doc("T\nMonday, 3 March 2025\n\nText.");
        assert_eq!(d.date, Some(ymd(2025, 3, 3)));
        assert_eq!(body(&d), "Text.");
    }

    #[test]
    fn header_fields_and_decks_are_skipped() {
        let d = doc("Title\nsource: Reuters\nURL: https://example.com/a\ndate: 2025-03-03\n\nBody text.");
        assert_eq!(body(&d), "Body text.");
        assert_eq!(d.date, Some(ymd(2025, 3, 3)));
        let d = doc("Turkey and Iraq sign pact\nLeaders pledge to deepen energy ties\n\nANKARA – Turkey said.\n");
        assert_eq!(body(&d), "Turkey said.");
        assert_eq!(d.dateline.unwrap().place, "ANKARA");
        // Without a dateline after it, a line without final punctuation is body text.
        let d = doc("Turkey and Iraq sign pact\nLeaders pledge to deepen energy ties\n\nTurkey said.\n");
        assert_eq!(body(&d), "Leaders pledge to deepen energy ties\n\nTurkey said.");
        let d = doc("Title\nSource of the trouble: Iran said no.\n");
        assert_eq!(body(&d), "Source of the trouble: Iran said no.");
    }

    #[test]
    fn sentences_are_not_bylines() {
        let d = doc("T\nBy Tuesday, the troops had withdrawn from the border.\nMore.");
        assert_eq!(body(&d), "By Tuesday, the troops had withdrawn from the border.\nMore.");
        let d = doc("T\nMarch 3, 2025 was the day Turkey signed the deal.\n");
        assert_eq!(body(&d), "March 3, 2025 was the day Turkey signed the deal.");
        assert_eq!(d.date, None);
    }

    #[test]
    fn first_line_may_be_body() {
        let d = doc("ANKARA, Nov 3, 2025 (Reuters) – Turkey said on Monday.\nMore.");
        assert_eq!(d.title, None);
        assert_eq!(body(&d), "Turkey said on Monday.\nMore.");
        assert_eq!(d.date, Some(ymd(2025, 11, 3)));
        let d = doc("Iran condemned the strike on Monday.");
        assert_eq!(d.title, None);
        assert_eq!(body(&d), "Iran condemned the strike on Monday.");
        let d = doc("Iran condemns strike\n");
        assert_eq!(title(&d), Some("Iran condemns strike"));
        assert!(d.body.is_empty());
        let long = "word ".repeat(200);
        let d = doc(&long);
        assert_eq!(d.title, None);
        assert_eq!(body(&d), long.trim());
    }

    #[test]
    fn unicode_and_junk_do_not_panic() {
        for t in [
            "Erdoğan\nĀzərbaycan’s Aliyev – “We agreed”.",
            "Ş\nDATE",
            "d\ndate:",
            "date ",
            "T\nBy",
            "T\n(",
            "T\n(Reuters",
            "T\nŞ, Ğ (Ü) —",
            "T\nANKARA, 31 Nov",
            "T\nST. ",
            "T\nST. X",
            "T\n\u{FFFD}\u{0}\u{1}",
            "T\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe\nBy Jane Doe",
        ] {
            let d = doc(t);
            assert!(d.body.end <= d.text.len() && d.body.start <= d.body.end);
            let _ = body(&d);
        }
    }

    #[test]
    fn random_pages_do_not_panic() {
        // Pieces of the shapes this reader looks for, joined at random (a fixed LCG).
        const PIECES: [&str; 32] = [
            " ",
            "\n",
            "\n\n",
            ".",
            ",",
            ":",
            "(",
            ")",
            "[",
            "]",
            "?",
            "\"",
            "“",
            "”",
            "’",
            "—",
            "-",
            "Ş",
            "date 2024-05-02 ",
            "ANKARA – ",
            "Male, Jan 14 (PTI) ",
            "Related ",
            "Photo: AP",
            "EPA",
            "1. ",
            "The ",
            "Turkey said",
            " on X.",
            "U.S.",
            "By Jane Roe",
            "Published March 3, 2024 | 10:00 PM",
            "(left)",
        ];
        let mut seed: u64 = 42;
        for _ in 0..2_000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(PIECES[(seed >> 33) as usize % PIECES.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            let d = doc(&text);
            assert!(d.body.start <= d.body.end && d.body.end <= d.text.len());
            let mut end = d.body.start;
            for b in &d.boilerplate {
                assert!(
                    b.span.start >= end && b.span.start < b.span.end && b.span.end <= d.body.end,
                    "{text:?}"
                );
                assert!(d.text.is_char_boundary(b.span.start) && d.text.is_char_boundary(b.span.end));
                end = b.span.end;
            }
            let spans: Vec<Span> = d.boilerplate.iter().map(|b| b.span).collect();
            for s in crate::text::segment::sentences_cut(&d.text, d.body, &spans) {
                assert!(!s.span.of(&d.text).trim().is_empty());
            }
            let _ = d.title_view(&[]);
        }
    }

    #[test]
    fn huge_single_line_is_linear() {
        let big = "Turkey said it would sign. ".repeat(200_000);
        let d = doc(&big);
        assert_eq!(d.title, None);
        assert_eq!(d.body.len(), big.trim_end().len());
    }

    #[test]
    fn parts_from_metadata_take_precedence() {
        // metadata > `date` header > dateline > given
        let d = Document::from_parts(
            "a.json",
            Some("Turkey and\nEgypt sign"),
            "date 2025-11-05\nBAKU, March 3 (AP) — Azerbaijan said.\nMore text.",
            Some(ymd(2024, 3, 4)),
            Some(ymd(2020, 1, 1)),
        );
        assert_eq!(title(&d), Some("Turkey and Egypt sign"));
        assert_eq!((d.date, d.date_source), (Some(ymd(2024, 3, 4)), DateSource::Metadata));
        // the metadata year fills in a year-less dateline; single lines are paragraphs
        assert_eq!(d.dateline.as_ref().unwrap().date, Some(ymd(2024, 3, 3)));
        assert_eq!(body(&d), "Azerbaijan said.\n\nMore text.");
        let d = Document::from_parts(
            "a.json",
            None,
            "BAKU, March 3, 2025 (AP) — Azerbaijan said.",
            None,
            None,
        );
        assert_eq!((d.date, d.date_source), (Some(ymd(2025, 3, 3)), DateSource::Dateline));
        assert_eq!(d.title, None);
        // a title that looks like a sentence is still the title
        let d = Document::from_parts("a.json", Some("Iran said no."), "Body.", None, None);
        assert_eq!(title(&d), Some("Iran said no."));
        assert!(d.warnings.iter().any(|w| w.contains("a.json: no publication date")));
    }

    #[test]
    fn date_header_glued_to_the_lead() {
        // The rest of the line is the lead, its dateline recognised and left out.
        for (text, place, lead) in [
            (
                " date 2024-05-02 ANKARA – Turkey's foreign minister said on Thursday that Ankara would respond.\n\nMore.",
                "ANKARA",
                "Turkey's foreign minister said",
            ),
            (
                "date 2022-12-20 LIMA, Dec 20 (AFP) - Peru declared the envoy persona non grata.\n\nMore.",
                "LIMA",
                "Peru declared",
            ),
            (
                "date 2025-08-06 PRETORIA, August 6. /TASS/. South Africa will host the drills.\n\nMore.",
                "PRETORIA",
                "South Africa will",
            ),
            (
                "date 2023-05-28 KABUL: Two people were killed on Saturday in a clash.\n\nMore.",
                "KABUL",
                "Two people",
            ),
            (
                "Date: 2024-01-14 Male, Jan 14 (PTI) Maldivian President Mohamed Muizzu has asked India to withdraw.\n\nMore.",
                "Male",
                "Maldivian President",
            ),
        ] {
            let d = doc(text);
            assert_eq!(d.title, None, "{text}");
            assert!(body(&d).starts_with(lead), "{text}: {}", body(&d));
            assert!(body(&d).ends_with("More."), "{text}");
            assert_eq!(d.dateline.as_ref().map(|x| x.place.as_str()), Some(place), "{text}");
            assert_eq!(d.date_source, DateSource::Header);
            assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        }
        let d = doc(" date 2020-12-15 Somalia announced it has severed diplomatic ties with Kenya.\n\nTensions had been rising.\n");
        assert_eq!(d.title, None);
        assert_eq!(
            body(&d),
            "Somalia announced it has severed diplomatic ties with Kenya.\n\nTensions had been rising."
        );
        assert_eq!(d.date, Some(ymd(2020, 12, 15)));
        // a long lead without a final period is still the lead
        let lead = "Hundreds of protesters stormed the embassy in the capital on Thursday, scaling its walls and setting it ablaze in protest against the burning of a book";
        let d = doc(&format!("date 2023-07-20 {lead}\n\nThe ministry condemned it."));
        assert!(body(&d).starts_with(lead));
    }

    #[test]
    fn date_header_glued_to_a_headline() {
        let d = doc(" date 2021-08-13 U.S. imposes sanctions on Cuban officials, military unit over violence\n\nWASHINGTON — The U.S. Treasury said on Friday it was imposing sanctions.\n");
        assert_eq!(
            title(&d),
            Some("U.S. imposes sanctions on Cuban officials, military unit over violence")
        );
        assert_eq!(body(&d), "The U.S. Treasury said on Friday it was imposing sanctions.");
        assert_eq!(d.date, Some(ymd(2021, 8, 13)));
        // straight above the dateline's line
        let d = doc("date 2016-10-14 Argentina protests British military exercises\nBUENOS AIRES, Argentina — Argentina is protesting.\n");
        assert_eq!(title(&d), Some("Argentina protests British military exercises"));
        assert_eq!(d.dateline.unwrap().region.as_deref(), Some("Argentina"));
        // with a deck, then the dateline
        let d = doc("date 2017-07-09 Navy arrests three fishermen\nThree fishermen have been arrested by the navy for fishing in its waters\nRameswaram (Tamil Nadu): Three fishermen were arrested on Sunday.");
        assert_eq!(title(&d), Some("Navy arrests three fishermen"));
        assert_eq!(body(&d), "Three fishermen were arrested on Sunday.");
        // an impossible date is warned about, and the text after it is still read
        let d = doc("date 2025-02-30 Iran condemns strike\n\nIran condemned the strike.");
        assert_eq!(title(&d), Some("Iran condemns strike"));
        assert!(d
            .warnings
            .iter()
            .any(|w| w.contains("line 1: impossible date 2025-02-30")));
        // glued without white space: unreadable, the line is dropped as before
        let d = doc("date 2025-02-03x Iran\n\nBody text.");
        assert!(d.warnings.iter().any(|w| w.contains("cannot read date")));
        assert_eq!((d.title, body(&d)), (None, "Body text."));
        // a header after the title may be glued to the lead too
        let d = doc("Iran condemns strike\ndate 2025-02-03 TEHRAN – Iran condemned the strike.\n");
        assert_eq!(title(&d), Some("Iran condemns strike"));
        assert_eq!(body(&d), "Iran condemned the strike.");
        assert_eq!(d.date, Some(ymd(2025, 2, 3)));
        // in a JSON body too
        let d = Document::from_parts(
            "a.json",
            Some("Iran condemns strike"),
            "date 2025-02-03 TEHRAN – Iran condemned the strike.\nMore.",
            None,
            None,
        );
        assert_eq!(body(&d), "Iran condemned the strike.\n\nMore.");
        assert_eq!((d.date, d.date_source), (Some(ymd(2025, 2, 3)), DateSource::Header));
    }

    #[test]
    fn labels_above_the_title() {
        let d = doc(" date 2022-09-19 ExampleNews.com\n\nRussian Foreign Ministry Summons Canadian Ambassador\n\nJane Roe Published September 19, 2022 | 08:32 PM\n\nThe Russian Foreign Ministry on Monday summoned the ambassador over an incident at the embassy\n\nThe ministry said so.");
        assert_eq!(title(&d), Some("Russian Foreign Ministry Summons Canadian Ambassador"));
        assert!(body(&d).starts_with("The Russian Foreign Ministry on Monday"));
        let d = doc(" date 2022-11-09   1. Politics\nNov 9, 2022, 10:30 PM\n\nRussia expels Moldovan embassy staff\n\nTEHRAN, Nov. 09 (MNA) – Russia said on Wednesday it was expelling a diplomat.");
        assert_eq!(title(&d), Some("Russia expels Moldovan embassy staff"));
        assert_eq!(body(&d), "Russia said on Wednesday it was expelling a diplomat.");
        let d = doc(" date 2023-06-06 Politics\nFijian PM visiting New Zealand this week\n\nFiji's prime minister is in New Zealand this week.");
        assert_eq!(title(&d), Some("Fijian PM visiting New Zealand this week"));
        let d = doc("Catholic Daily News\n\nVatican protests expulsion of nuncio\n\nMarch 14, 2022\n\nThe Vatican said the expulsion was grave.");
        assert_eq!(title(&d), Some("Vatican protests expulsion of nuncio"));
        assert_eq!(d.date, Some(ymd(2022, 3, 14)));
        assert_eq!(body(&d), "The Vatican said the expulsion was grave.");
        // a title followed by its body is no label
        let d = doc("Iran condemns strike\n\nIran condemned the strike on Monday.");
        assert_eq!(title(&d), Some("Iran condemns strike"));
        // a byline glued to the date header, an agency line, then the dateline
        let d = doc(" date 2021-11-30 By JANE ROE\n\nAssociated Press\n\nDAKAR, Senegal (AP) — Uganda's army has launched strikes.");
        assert_eq!(d.title, None);
        assert_eq!(body(&d), "Uganda's army has launched strikes.");
        assert_eq!(d.dateline.unwrap().agency.as_deref(), Some("AP"));
    }

    #[test]
    fn publication_lines_with_names() {
        let d = doc(
            "Russia summons envoy\n\nJane Roe Published September 19, 2022 | 08:32 PM\n\nRussia summoned the envoy.",
        );
        assert_eq!((d.date, d.date_source), (Some(ymd(2022, 9, 19)), DateSource::Dateline));
        assert_eq!(body(&d), "Russia summoned the envoy.");
        let d = doc("Jordan to recall envoy\n\n'The minister decided to recall the ambassador,' the ministry said\n\nBy AFP Published: Wed 1 Nov 2023, 7:48 PM Last updated: Wed 1 Nov 2023, 7:57 PM\n\nJordan said it would recall its ambassador.");
        assert_eq!(d.date, Some(ymd(2023, 11, 1)));
        assert_eq!(body(&d), "Jordan said it would recall its ambassador.");
        // a headline naming a publication date is a headline
        let d = doc("Report published on 3 March 2025 accuses Iran of lying\n\nThe report said so.");
        assert_eq!(
            title(&d),
            Some("Report published on 3 March 2025 accuses Iran of lying")
        );
        assert_eq!(d.date, None);
    }

    #[test]
    fn more_datelines() {
        let line = "Moscow [Russia], April 26 (ANI/Xinhua): Russia has declared 40 diplomats personae non gratae.";
        let p = dl(line).unwrap();
        assert_eq!(
            (p.place, p.region, p.agency),
            ("Moscow", Some("Russia"), Some("ANI/Xinhua"))
        );
        assert_eq!(&line[..p.end], "Moscow [Russia], April 26 (ANI/Xinhua):");
        let line = "Rameswaram (Tamil Nadu): Three fishermen were arrested.";
        assert_eq!(&line[..dl(line).unwrap().end], "Rameswaram (Tamil Nadu):");
        let line = "Male, Jan 14 (PTI) Maldivian President Mohamed Muizzu said";
        assert_eq!(&line[..dl(line).unwrap().end], "Male, Jan 14 (PTI)");
        for line in [
            "President Erdogan (left) said so",
            "Turkey (Reuters) said it would",
            "Iran [Tehran] said no",
            "Erdogan (AKP) said: no",
        ] {
            assert_eq!(dl(line), None, "{line}");
        }
    }

    #[test]
    fn boilerplate_of_a_page() {
        use super::super::BoilerplateKind;
        let text = " date 2023-12-07 Australia and Papua New Guinea have signed a security agreement, the two leaders said.\n\nRelated PNG says refugees are Australia's responsibility\n\n\"Brother and Sister Nations\"\n\nMarape told reporters the agreement showed they were close.\n\nAn aircraft delivers aid to the airport. (Defence Force)\n\nHe paid tribute to the support.";
        let d = doc(text);
        let kinds: Vec<(&str, BoilerplateKind)> = d.boilerplate.iter().map(|b| (b.span.of(&d.text), b.kind)).collect();
        assert_eq!(
            kinds,
            [
                (
                    "Related PNG says refugees are Australia's responsibility",
                    BoilerplateKind::Navigation
                ),
                ("\"Brother and Sister Nations\"", BoilerplateKind::Heading),
                (
                    "An aircraft delivers aid to the airport. (Defence Force)",
                    BoilerplateKind::Caption
                ),
            ]
        );
        let lead = d.text.find("Australia and").unwrap();
        assert!(!d.is_boilerplate(Span::new(lead, lead + 9)));
        let b = d.boilerplate[2].span;
        assert!(d.is_boilerplate(Span::new(b.start, b.start + 11)));
        assert!(d.is_boilerplate(b));
        assert!(!d.is_boilerplate(Span::new(b.start, b.end + 2)));
    }

    #[test]
    fn title_views() {
        let d =
            doc("Turkey Threatens Greece With Retaliation\n\nTurkey threatened retaliation against Greece on Monday.");
        assert_eq!(
            d.title_view(&[]).as_deref(),
            Some("Turkey threatens Greece with retaliation")
        );
        // names the caller knows, as spans of the text
        let d = doc("Turkey Threatens Erdem With Retaliation\n\nIt said so.");
        let at = d.text.find("Erdem").unwrap();
        assert_eq!(
            d.title_view(&[Span::new(at, at + 5)]).as_deref(),
            Some("Turkey threatens Erdem with retaliation")
        );
        assert_eq!(doc("Iran said so.").title_view(&[]), None);
    }

    #[test]
    fn find_dates() {
        let d = |s| find_date(s).map(|p| p.to_string());
        assert_eq!(d("Updated Nov. 4, 2025 10:32 GMT").as_deref(), Some("2025-11-04"));
        assert_eq!(d("on 3rd of March, 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(d("x 2025/3/9 y").as_deref(), Some("2025-03-09"));
        assert_eq!(d("Sept 30").as_deref(), Some("--09-30"));
        assert_eq!(d("May 2025"), None);
        assert_eq!(d("45 March"), None);
        assert_eq!(d("2025-13-01"), None);
        assert_eq!(d("March 3x"), None);
    }

    #[test]
    fn publication_dates_at_the_edges_of_the_calendar_are_refused_with_a_warning() {
        for (header, shown) in [("date 9999-12-31", "9999-12-31"), ("date 0000-01-01", "0000-01-01")] {
            let text = format!("Title\n{header}\n\nTurkey said next week it would talk.\n");
            let d = doc(&text);
            assert_eq!(d.date, None, "{header}");
            assert!(
                d.warnings.iter().any(|w| w
                    == &format!(
                        "a.txt: line 2: date {shown} is outside the years 1800-2199 dyad can date events from; ignored"
                    )),
                "{:?}",
                d.warnings
            );
            // the date given for articles without one takes its place
            let d = Document::parse("a.txt", text.clone(), Some(ymd(2024, 9, 4)));
            assert_eq!((d.date, d.date_source), (Some(ymd(2024, 9, 4)), DateSource::Given));
        }
        let d = Document::from_parts("a.json", Some("T"), "Turkey said.", Some(ymd(9999, 12, 31)), None);
        assert_eq!(d.date, None);
        assert!(
            d.warnings[0].starts_with("a.json: metadata date 9999-12-31 is outside"),
            "{:?}",
            d.warnings
        );
        let d = Document::parse("a.txt", "T\n\nTurkey said.".into(), Some(ymd(10000, 1, 1)));
        assert_eq!(d.date, None);
        assert!(
            d.warnings[0].starts_with("a.txt: given date +10000-01-01 is outside"),
            "{:?}",
            d.warnings
        );
        for ok in [ymd(1800, 1, 1), ymd(2024, 9, 4), ymd(2199, 12, 31)] {
            assert!(publication_date_ok(ok));
        }
        for out in [ymd(1799, 12, 31), ymd(2200, 1, 1)] {
            assert!(!publication_date_ok(out));
        }
    }
}
