//! One sentence being coded: [`SentenceCtx`] owns its analysis, its actors and the lemmas of
//! its words, so every rule (clauses, nouns, modality) reads one value instead of a tuple of
//! text, sentence, phrases, clauses and actors.

use super::actors::SentenceActors;
use super::assemble::Raw;
use super::{Coder, Memory};
use crate::analysis::SentenceAnalysis;
use crate::event::{Actor, Event};
use crate::ingest::Document;
use crate::text::chunk::Phrase;
use crate::text::clause::{Arg, Clause};
use crate::text::lemma::{noun_lemma, verb_lemma};
use crate::text::{Span, Token};
use std::cell::OnceCell;

/// A sentence's analysis, actors and lemmas, with the coder that reads them.
pub(crate) struct SentenceCtx<'a> {
    /// The coder (knowledge base, patterns, word lists, modality table).
    pub coder: &'a Coder<'a>,
    /// The document text.
    pub text: &'a str,
    /// The sentence's analysis.
    pub a: &'a SentenceAnalysis,
    /// Its actors, resolved against the document memory.
    pub actors: SentenceActors<'a>,
    verb_lemmas: Vec<OnceCell<String>>,
    noun_lemmas: Vec<OnceCell<String>>,
}

impl<'a> SentenceCtx<'a> {
    /// The context of sentence `a` of `doc`, with the memory of earlier sentences.
    pub fn new(coder: &'a Coder<'a>, doc: &'a Document, a: &'a SentenceAnalysis, memory: Option<&'a Memory>) -> Self {
        let n = a.sentence.tokens.len();
        SentenceCtx {
            coder,
            text: &doc.text,
            a,
            actors: SentenceActors::new(coder.kb, coder.words, &doc.text, a, doc.date, memory),
            verb_lemmas: vec![OnceCell::new(); n],
            noun_lemmas: vec![OnceCell::new(); n],
        }
    }

    /// Its tokens.
    pub fn tokens(&self) -> &'a [Token] {
        &self.a.sentence.tokens
    }

    /// Its phrases.
    pub fn phrases(&self) -> &'a [Phrase] {
        &self.a.phrases
    }

    /// Its clauses.
    pub fn clauses(&self) -> &'a [Clause] {
        &self.a.clauses
    }

    /// The text of token `k`.
    pub fn word(&self, k: usize) -> &'a str {
        self.a.sentence.tokens[k].span.of(self.text)
    }

    /// The span of token `k`.
    pub fn span(&self, k: usize) -> Span {
        self.a.sentence.tokens[k].span
    }

    /// Is token `k` one of `words` (ASCII, lower case, without a "k"), ignoring case?
    pub fn word_is(&self, k: usize, words: &[&str]) -> bool {
        is_word(self.word(k), words)
    }

    /// The verb lemma of token `k`, computed once.
    pub fn lemma(&self, k: usize) -> &str {
        self.verb_lemmas[k].get_or_init(|| self.coder.verb_lemma(self.word(k)))
    }

    /// The noun lemma of the head of phrase `ph`, computed once.
    pub fn head_lemma(&self, ph: &Phrase) -> &str {
        self.noun_lemmas[ph.head].get_or_init(|| noun_lemma(&self.word(ph.head).to_lowercase()))
    }

    /// Does the noun phrase `ph` have one of `nouns` as its head ("agreement", "press conference")?
    pub fn np_matches(&self, ph: &Phrase, nouns: &[String]) -> bool {
        let head = self.head_lemma(ph);
        nouns.iter().any(|n| {
            if let Some((pre, last)) = n.rsplit_once(' ') {
                // ("tariff-trade wars": the last part of a hyphenated modifier)
                let before = || self.word(ph.head - 1);
                last == head
                    && ph.head > ph.start
                    && (before().eq_ignore_ascii_case(pre)
                        || before().rsplit('-').next().is_some_and(|w| w.eq_ignore_ascii_case(pre)))
            } else {
                *n == head
            }
        })
    }

    /// Does one of the coordinated noun phrases of `arg` have one of `nouns` as its head?
    pub fn arg_matches(&self, arg: &Arg, nouns: &[String]) -> bool {
        let phrases = &self.a.phrases;
        // ("launched a trade war": a compound listed under [not] names no event)
        let event = |p: usize| !self.np_matches(&phrases[p], self.coder.patterns.not_events());
        arg.nps.iter().any(|&p| self.np_matches(&phrases[p], nouns) && event(p))
            // "a new batch of food assistance": a measure's "of" phrase
            || (arg.nps.iter().any(|&p| self.coder.words.partitive_noun(self.head_lemma(&phrases[p])).is_some())
                && arg.of.iter().any(|&p| self.np_matches(&phrases[p], nouns)))
    }

    /// The actors of an argument.
    pub fn of_arg(&self, arg: &Arg) -> Vec<Actor> {
        self.actors.of_arg(arg)
    }

    /// The actors of an optional argument (none without one).
    pub fn of_opt(&self, arg: Option<&Arg>) -> Vec<Actor> {
        arg.map(|a| self.actors.of_arg(a)).unwrap_or_default()
    }

    /// The actors of the subject of clause `c`.
    pub fn subject_of(&self, c: &Clause) -> Vec<Actor> {
        self.of_opt(c.subject.as_ref())
    }
}

impl Coder<'_> {
    /// The lemma of a verb form, knowing the pattern verbs.
    pub(crate) fn verb_lemma(&self, word: &str) -> String {
        verb_lemma(&word.to_lowercase(), &|l| self.patterns.is_verb_lemma(l))
    }

    /// Codes one sentence of a document; `memory` holds the actors of earlier sentences and
    /// receives this sentence's.
    pub(crate) fn code_sentence(&self, doc: &Document, a: &SentenceAnalysis, memory: &mut Memory) -> Vec<Event> {
        let (raws, seen, subjects) = {
            let ctx = SentenceCtx::new(self, doc, a, Some(memory));
            let subjects: Vec<Vec<Actor>> = a
                .clauses
                .iter()
                .filter_map(|c| c.subject.as_ref())
                .map(|s| ctx.of_arg(s))
                .collect();
            (ctx.code(), ctx.actors.all(), subjects)
        };
        for actor in seen {
            memory.remember(self.kb, actor);
        }
        memory.note_subjects(self.kb, &subjects);
        self.finish(doc, a, raws, memory)
    }
}

impl SentenceCtx<'_> {
    /// The events of the sentence before dating: clause rules, then event nouns. A question
    /// asserts nothing.
    pub fn code(&self) -> Vec<Raw> {
        let question = self.tokens().last().is_some_and(|t| t.span.of(self.text) == "?");
        if question {
            return Vec::new();
        }
        let mut out = self.code_clauses();
        out.extend(self.code_nouns());
        out
    }
}

/// Is `w`, lowercased, one of `words`? For ASCII words without a "k" that is equality
/// ignoring ASCII case (only the Kelvin sign lowercases to an ASCII letter), with no `String`.
pub(crate) fn is_word(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| {
        debug_assert!(x.is_ascii() && !x.contains('k'));
        w.eq_ignore_ascii_case(x)
    })
}
