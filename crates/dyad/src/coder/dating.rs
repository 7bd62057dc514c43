//! Event dates: the date expression of the event's sentence nearest its trigger (a planned
//! date only for intentions; a plan's weekday is the coming one), else the date inherited
//! from the quotation, the paragraph or the lead (for facts), else the publication date.
//! "since 2018" does not date an event, nor does a date across a relative clause; a date just
//! before ", when ..." dates the when-clause.

use super::assemble::Raw;
use crate::analysis::SentenceAnalysis;
use crate::event::{DateOrigin, Mood};
use crate::ingest::Document;
use crate::text::dates::{DateKind, DateMention, Precision};

/// Where an inherited date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Inherited {
    /// When the quotation holding the sentence was said.
    Quote,
    /// The last date stated earlier in the paragraph.
    Paragraph,
    /// The lead's date.
    Lead,
}

/// A dated event: its date, the precision, and where the date came from.
pub(super) struct EventDate {
    pub date: Option<String>,
    pub precision: Option<Precision>,
    pub origin: DateOrigin,
}

/// The date of event `r` of a sentence with date expressions `mentions`.
pub(super) fn event_date(
    doc: &Document,
    mentions: &[DateMention],
    inherited: Option<(DateMention, Inherited)>,
    r: &Raw,
    trigger_governs: bool,
) -> EventDate {
    // a plan, threat, refusal or demand may name a day to come; only a fact's date is past
    let planned = r.mood != Mood::Fact;
    let across_clause = |m: &&DateMention| {
        let before = m.span.start < r.trigger.start;
        let (a, b) = if before {
            (m.span.end, r.trigger.start)
        } else {
            (r.trigger.end, m.span.start)
        };
        let between = doc.text.get(a..b).unwrap_or("").to_lowercase();
        [" which ", " who ", " where ", " whom "]
            .iter()
            .any(|w| between.contains(w))
            || (!before && between.contains(", when "))
            // "made peace with Israel after Egypt in 1979": a date right after "after/before"
            // and a short noun phrase belongs to that phrase
            || (!before && {
                let tail = [" after ", " before "]
                    .iter()
                    .filter_map(|w| between.rfind(w).map(|i| &between[i + w.len()..]))
                    .min_by_key(|t| t.len());
                tail.is_some_and(|t| t.split_whitespace().count() <= 3)
            })
    };
    let nearest = mentions
        .iter()
        .filter(|m| !across_clause(m) && !after_since(&doc.text, m))
        .filter(|m| planned || m.kind != DateKind::Future)
        .min_by_key(|m| m.span.start.abs_diff(r.trigger.start))
        .copied();
    let found = match nearest {
        Some(mut m) => {
            // "are due to meet on Thursday": a plan's weekday after it is the coming one (not in
            // "agreed on Saturday to meet", where the trigger is the governing "agreed" and the
            // day is the agreement's)
            if planned
                && !trigger_governs
                && m.kind == DateKind::Weekday
                && m.span.start > r.trigger.start
                && doc.date.is_some_and(|d| m.value.date < d)
            {
                m.value.date += chrono::Duration::days(7);
            }
            Some((m, None))
        }
        // a plan without a date of its own was stated when its sentence was: it inherits the
        // quotation's, paragraph's or lead's date as a fact does
        None => inherited.map(|(m, from)| (m, Some(from))),
    };
    match found {
        Some((m, from)) => {
            let words = m.span.of(&doc.text).to_string();
            EventDate {
                date: Some(m.value.render()),
                precision: Some(m.value.precision),
                origin: match from {
                    None => DateOrigin::Sentence(words),
                    Some(Inherited::Quote) => DateOrigin::Quote(words),
                    Some(Inherited::Paragraph) => DateOrigin::Paragraph(words),
                    Some(Inherited::Lead) => DateOrigin::Lead(words),
                },
            }
        }
        None => match doc.date {
            Some(d) => EventDate {
                date: Some(d.to_string()),
                precision: Some(Precision::Day),
                origin: DateOrigin::Publication(doc.date_source),
            },
            None => EventDate {
                date: None,
                precision: None,
                origin: DateOrigin::Unknown,
            },
        },
    }
}

/// "since 2018": the start of a span of time, not the date of an event.
pub(super) fn after_since(text: &str, m: &DateMention) -> bool {
    let before = text.get(..m.span.start).unwrap_or("").trim_end();
    let word = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    word.eq_ignore_ascii_case("since")
}

/// The last date a sentence states of something that happened: not a plan, not "since".
pub(super) fn stated_date(text: &str, s: &SentenceAnalysis) -> Option<DateMention> {
    s.dates
        .iter()
        .rev()
        .find(|m| m.kind != DateKind::Future && !after_since(text, m))
        .copied()
}

/// The lead's date: the first day stated in the first sentence, in the week up to publication,
/// not a plan.
pub(super) fn lead_date(doc: &Document, first: &SentenceAnalysis) -> Option<DateMention> {
    let published = doc.date?;
    first.dates.iter().copied().find(|m| {
        m.kind != DateKind::Future
            && m.value.precision == Precision::Day
            && m.value.date <= published
            && published.signed_duration_since(m.value.date).num_days() <= 7
    })
}
