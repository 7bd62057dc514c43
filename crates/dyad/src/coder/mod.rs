//! The event coder: a pure function of (knowledge base, patterns, document) → events.
//!
//! A document is analysed once ([`crate::analysis`]: sentences, tags, phrases, clauses, dates,
//! names), then read in order by the document pass, which carries what earlier sentences said
//! (who "he" and "the two sides" are, who speaks a quotation, when it was said). Each sentence
//! is coded in one [`sentence::SentenceCtx`], stage by stage:
//!
//! | stage | file |
//! | --- | --- |
//! | the document pass: memory, quotation speakers and dates, the lead's date | `document.rs` |
//! | one sentence's analysis and actors, shared by the rules | `sentence.rs` |
//! | clause rules: verb patterns per clause, that-clauses of demands, obligations, control verbs | `clauses.rs` |
//! | modality: intentions, refusals, threats, appeals, demands; conditionals and obligations | `modality.rs` |
//! | nominal events: "Fidan's visit to Cairo", "talks between X and Y" | `nouns.rs` |
//! | matching a pattern's elements against a clause's or a noun's arguments | `matching.rs` |
//! | the pattern language and its compilation into lemma-indexed tables | `patterns.rs` |
//! | event assembly: source × target pairs, reverse and two-sided codes, output records | `assemble.rs` |
//! | event dates: the sentence's date nearest the trigger, else the quote's, paragraph's, lead's | `dating.rs` |
//! | actors of noun phrases and the document memory | `actors.rs` |
//! | quotations over several sentences and their speakers | `quotes.rs` |
//! | `dyad explain` | `explain.rs` |
//! | clause frames and event nouns that give no event (`dyad-tools frames`) | `frames.rs` |
//!
//! Negated, conditional and questioned acts are not coded (negated and conditional ones are,
//! with their mood, under [`Options::aux`]); planned acts become intentions.

pub mod actors;
mod assemble;
mod clauses;
mod dating;
mod document;
mod explain;
pub mod frames;
mod matching;
mod modality;
mod nouns;
pub mod patterns;
pub mod petrarch;
mod quotes;
mod sentence;

use crate::event::Event;
use crate::ingest::Document;
use crate::kb::KnowledgeBase;
use crate::ontology::ModalityTable;
use crate::text::tagger::Tagger;
use crate::text::words::Words;
pub use actors::Memory;
pub use patterns::{PatternSet, EMBEDDED_PATTERNS};

/// A coded document: its events and how many sentences it had.
#[derive(Clone, Debug)]
pub struct Coded {
    /// The events, in sentence order.
    pub events: Vec<Event>,
    /// Sentences in the body.
    pub sentences: usize,
}

/// How the coder reads a document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Code every sentence on its own, without document context: no memory of earlier
    /// sentences (no "he", "the minister", "the two sides", surnames or quotation speakers
    /// across sentences) and every event dated with the publication date. Off by default; for
    /// sentence-at-a-time coding (isolated sentences, shuffled text) and for measuring what
    /// document context is worth.
    pub sentence_at_a_time: bool,
    /// Also emit the acts a clause negates ("did not attend") or makes possible or
    /// conditional ("could impose", "if ... would"), which CAMEO coding leaves out, with the
    /// mood `negated` or `hypothetical` (PLOVER's auxiliary modes negation and hypothetical).
    /// Off by default (`dyad code --aux`).
    pub aux: bool,
}

/// The coder: knowledge base, patterns, word lists and tagger, shared read-only by every
/// document.
pub struct Coder<'k> {
    kb: &'k KnowledgeBase,
    patterns: PatternSet,
    words: &'static Words,
    modality: &'static ModalityTable,
    tagger: &'static Tagger,
    options: Options,
}

impl Coder<'static> {
    /// The coder with dyad's built-in knowledge base and patterns.
    pub fn embedded() -> Coder<'static> {
        let patterns = PatternSet::from_files(EMBEDDED_PATTERNS)
            .unwrap_or_else(|e| panic!("the embedded patterns are broken: {e}"));
        Coder::new(KnowledgeBase::embedded(), patterns)
    }
}

impl<'k> Coder<'k> {
    /// A coder over a given knowledge base and patterns.
    pub fn new(kb: &'k KnowledgeBase, patterns: PatternSet) -> Coder<'k> {
        Coder {
            kb,
            patterns,
            words: Words::embedded(),
            modality: ModalityTable::get(),
            tagger: Tagger::embedded(),
            options: Options::default(),
        }
    }

    /// dyad's built-in patterns over the knowledge base `kb` (for one with a user's files on
    /// top, see [`KnowledgeBase::with_dir`]).
    pub fn with_kb(kb: &'k KnowledgeBase) -> Coder<'k> {
        let patterns = PatternSet::from_files(EMBEDDED_PATTERNS)
            .unwrap_or_else(|e| panic!("the embedded patterns are broken: {e}"));
        Coder::new(kb, patterns)
    }

    /// The same coder with other options.
    pub fn with_options(mut self, options: Options) -> Coder<'k> {
        self.options = options;
        self
    }

    /// The options in force.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KnowledgeBase {
        self.kb
    }

    /// The patterns.
    pub fn patterns(&self) -> &PatternSet {
        &self.patterns
    }

    /// Analyses a document: sentences, tags, phrases, clauses, dates and names.
    pub fn analyse(&self, doc: &Document) -> crate::analysis::Analysis {
        crate::analysis::Analysis::new(doc, self.tagger, self.kb, self.words)
    }

    /// Codes a whole document.
    pub fn code(&self, doc: &Document) -> Vec<Event> {
        self.code_document(doc).events
    }

    /// Codes a whole document and counts its sentences.
    pub fn code_document(&self, doc: &Document) -> Coded {
        let analysis = self.analyse(doc);
        let mut events = Vec::new();
        self.document_pass(doc, &analysis, |s, memory| {
            events.extend(self.code_sentence(doc, s, memory))
        });
        crate::geo::locate(doc, &analysis, self.kb, &mut events);
        Coded {
            events,
            sentences: analysis.sentences.len(),
        }
    }

    /// The `dyad explain` report of every sentence of a document, with the same document
    /// context as [`Coder::code_document`] (quotation speakers and dates, the lead's date).
    pub fn explain_document(&self, doc: &Document) -> Vec<String> {
        let analysis = self.analyse(doc);
        let mut out = Vec::with_capacity(analysis.sentences.len());
        self.document_pass(doc, &analysis, |s, memory| out.push(self.explain(doc, s, memory)));
        out
    }
}
