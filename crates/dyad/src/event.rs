//! The records dyad emits: actors, events and their evidence (the JSONL contract of
//! `dyad code`, documented in README.md).

use crate::geo::Location;
use crate::ingest::DateSource;
use crate::kb::{Source, TermKind};
use crate::text::dates::Precision;
use crate::text::Span;
use serde::{Serialize, Serializer};
use std::fmt;

/// A knowledge-base entry used to code an actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryUse {
    /// What kind of name matched.
    pub kind: TermKind,
    /// The words in the text.
    pub matched: String,
    /// The entry's canonical name ("Turkey", "Hakan Fidan", "foreign minister").
    pub entry: String,
    /// The code the entry contributes ("TUR", "TURGOV", "GOV").
    pub code: String,
    /// File and line of the entry.
    pub source: Source,
    /// For office-holders: the term of office used, "2023-06-04..".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub term: Option<String>,
    /// For an office-holder named outside all their terms, why they are coded as their state's
    /// elite ("out of office on the article date: held head of state 1989-01-20..1993-01-20").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Index of the entry in its knowledge-base list (countries, people, agents...), for
    /// looking it up again without a search.
    #[serde(skip)]
    pub index: u32,
}

/// An actor as coded in one event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Actor {
    /// CAMEO actor code ("IRNGOV"), or null for a named actor dyad cannot code.
    pub code: Option<String>,
    /// ISO 3166 alpha-3 country, when the actor belongs to a state.
    pub country: Option<String>,
    /// The actor's name as written in the text.
    pub name: String,
    /// Where it stands in the article text.
    pub span: Span,
    /// The knowledge-base entries used.
    pub entries: Vec<EntryUse>,
    /// For a mention that refers back ("he", "the minister", "Fidan", "the two sides"), the
    /// earlier mentions it was resolved through, first mention first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub chain: Vec<String>,
    /// How a part of the actor not stated in its phrase was inferred from the document ("the
    /// country of the story: Somalia (dateline MOGADISHU)"); null when all was stated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred: Option<String>,
}

/// Whether the act is asserted, planned, refused, threatened or demanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mood {
    /// Asserted as done or happening.
    Fact,
    /// Planned or announced ("will visit", "agreed to expand"): coded as an intention.
    Intent,
    /// Refused ("refused to meet").
    Refusal,
    /// Threatened ("threatened to impose sanctions").
    Threat,
    /// Demanded of someone ("Serbia must cooperate, Borrell said").
    Demand,
    /// Said not to have happened ("did not attend"): emitted only with `--aux`, for PLOVER's
    /// negation mode.
    Negated,
    /// Conditional or possible ("could impose", "if ... would"): emitted only with `--aux`,
    /// for PLOVER's hypothetical mode.
    Hypothetical,
}

impl Mood {
    /// The name in the output: "fact", "intent", "refusal", "threat", "demand", "negated",
    /// "hypothetical".
    pub fn as_str(self) -> &'static str {
        match self {
            Mood::Fact => "fact",
            Mood::Intent => "intent",
            Mood::Refusal => "refusal",
            Mood::Threat => "threat",
            Mood::Demand => "demand",
            Mood::Negated => "negated",
            Mood::Hypothetical => "hypothetical",
        }
    }
}

impl fmt::Display for Mood {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where an event's date came from. Written in the output as one string:
/// `sentence: "on Monday"`, `quote: ...`, `paragraph: ...`, `lead: ...`,
/// `publication (metadata)` or `unknown`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateOrigin {
    /// A date expression in the event's own sentence (the words).
    Sentence(String),
    /// The date stated where the quotation holding the event is attributed.
    Quote(String),
    /// The last date stated earlier in the paragraph.
    Paragraph(String),
    /// The date of the article's lead.
    Lead(String),
    /// The publication date, and where that came from.
    Publication(DateSource),
    /// No date at all.
    Unknown,
}

impl fmt::Display for DateOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrigin::Sentence(w) => write!(f, "sentence: \"{w}\""),
            DateOrigin::Quote(w) => write!(f, "quote: \"{w}\""),
            DateOrigin::Paragraph(w) => write!(f, "paragraph: \"{w}\""),
            DateOrigin::Lead(w) => write!(f, "lead: \"{w}\""),
            DateOrigin::Publication(s) => write!(f, "publication ({})", s.as_str()),
            DateOrigin::Unknown => f.write_str("unknown"),
        }
    }
}

impl Serialize for DateOrigin {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why an event was coded: the sentence, the pattern, the spans and the entries.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// The pattern that matched, as written, with its file and line ("verbs.txt:12 042 visit T").
    pub pattern: String,
    /// The verb (or event noun) in the text.
    pub trigger: String,
    /// Its span.
    pub trigger_span: Span,
    /// Whether the act is asserted, planned, refused, threatened or demanded.
    pub mood: Mood,
    /// Notes on how the event was derived ("passive: source from by-phrase", "reciprocal").
    pub notes: Vec<String>,
    /// Where the date came from.
    pub date_source: DateOrigin,
}

/// One coded event, the unit of dyad's output.
#[derive(Clone, Debug, Serialize)]
pub struct Event {
    /// The input path or id.
    pub article: String,
    /// 0-based sentence index in the article body (0 for the headline).
    pub sentence: usize,
    /// Coded from the article's headline rather than from a sentence of its body (the lead
    /// usually reports the same act, and the store folds the two).
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub headline: bool,
    /// The sentence text.
    pub text: String,
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY", or null.
    pub date: Option<String>,
    /// The precision of `date`: "day", "month", "year", or null.
    pub date_precision: Option<Precision>,
    /// When it was reported: the article's publication date ("YYYY-MM-DD"), or null.
    pub reported: Option<String>,
    /// Who acted.
    pub source: Actor,
    /// Who was acted upon.
    pub target: Actor,
    /// CAMEO event code ("042").
    pub cameo: String,
    /// CAMEO root ("04").
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein value of the code.
    pub goldstein: f32,
    /// The CAMEO name of the code.
    pub event_name: String,
    /// Where the act happened (a place of the gazetteer and why it was chosen), or null when
    /// the text does not say ([`crate::geo::locate`]).
    pub location: Option<Location>,
    /// Why.
    pub evidence: Evidence,
    /// The event in PLOVER 2.0 (`ontology::plover`): type, mode, contexts, auxiliary modes;
    /// null when the CAMEO code has no PLOVER type (public statements, CAMEO 01).
    pub plover: Option<crate::ontology::plover::Plover>,
}

/// The TSV header of `dyad code --format tsv`.
pub const TSV_HEADER: &str = "article\tsentence\tdate\treported\tsource\tsource_country\tsource_name\ttarget\ttarget_country\ttarget_name\tcameo\troot\tquad_class\tgoldstein\tpattern\ttext";

impl Event {
    /// The event as one TSV row (tabs and newlines in text replaced by spaces).
    pub fn tsv_row(&self) -> String {
        let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        [
            clean(&self.article),
            self.sentence.to_string(),
            opt(&self.date),
            opt(&self.reported),
            opt(&self.source.code),
            opt(&self.source.country),
            clean(&self.source.name),
            opt(&self.target.code),
            opt(&self.target.country),
            clean(&self.target.name),
            self.cameo.clone(),
            self.root.clone(),
            self.quad_class.to_string(),
            format!("{:.1}", self.goldstein),
            clean(&self.evidence.pattern),
            clean(&self.text),
        ]
        .join("\t")
    }
}
