//! Articles as documents. (Placeholder: being replaced by full header detection.)

use crate::text::Span;
use chrono::NaiveDate;
use serde::Serialize;

/// Where a document's publication date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// A `date YYYY-MM-DD` header line.
    Header,
    /// The dateline or byline.
    Dateline,
    /// Supplied by the caller (`--date`).
    Given,
    /// Unknown.
    None,
}

/// A dateline such as "ANKARA, Nov 3 (Reuters) –".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Dateline {
    /// The whole dateline's bytes in the text.
    pub span: Span,
    /// The place it names ("ANKARA"), as written.
    pub place: String,
    /// Its date, if it carries one.
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
    /// The body: everything after the title and header lines.
    pub body: Span,
    /// The dateline at the start of the body, if any.
    pub dateline: Option<Dateline>,
    /// The publication date, if known.
    pub date: Option<NaiveDate>,
    /// Where `date` came from.
    pub date_source: DateSource,
    /// Warnings raised while reading the document.
    pub warnings: Vec<String>,
}

impl Document {
    /// Builds a document from decoded text: first non-empty line is the title, a
    /// `date YYYY-MM-DD` line sets the date, the rest is the body. `default_date`
    /// is used when the text carries none.
    pub fn parse(id: &str, text: String, default_date: Option<NaiveDate>) -> Document {
        let mut title = None;
        let mut date = None;
        let mut pos = 0;
        let mut body_start = text.len();
        for line in text.split_inclusive('\n') {
            let t = line.trim();
            let start = pos;
            pos += line.len();
            if t.is_empty() {
                continue;
            }
            if let Some(d) = t.strip_prefix("date ") {
                date = NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok();
                continue;
            }
            if title.is_none() {
                let off = start + line.find(t).unwrap_or(0);
                title = Some(Span::new(off, off + t.len()));
                continue;
            }
            body_start = start;
            break;
        }
        let (date, date_source) = match (date, default_date) {
            (Some(d), _) => (Some(d), DateSource::Header),
            (None, Some(d)) => (Some(d), DateSource::Given),
            _ => (None, DateSource::None),
        };
        let body = Span::new(body_start, text.len());
        Document {
            id: id.to_string(),
            text,
            title,
            body,
            dateline: None,
            date,
            date_source,
            warnings: vec![],
        }
    }
}
