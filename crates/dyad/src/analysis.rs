//! The analysed document: every sentence of a [`Document`] read once — tokens with their tags,
//! phrases, clauses, date expressions and knowledge-base names — as views into the document
//! text (spans, phrase and token indices), as spaCy's `Doc`/`Token`/`Span` are. The document
//! pass, the coder and `dyad explain` all read this one analysis; none of them tokenizes,
//! chunks or parses a sentence again.

use crate::ingest::Document;
use crate::kb::{KnowledgeBase, LexMatch};
use crate::text::chunk::{self, Phrase};
use crate::text::clause::{self, Clause};
use crate::text::dates::{self, DateMention};
use crate::text::tagger::Tagger;
use crate::text::words::Words;
use crate::text::{self, Sentence, Span};

/// One sentence, analysed.
#[derive(Clone, Debug)]
pub struct SentenceAnalysis {
    /// The sentence: index, paragraph, span, tokens with tags.
    pub sentence: Sentence,
    /// Its phrases (noun phrases, verb groups, prepositions...), over token indices.
    pub phrases: Vec<Phrase>,
    /// Its clauses, over phrase indices.
    pub clauses: Vec<Clause>,
    /// Its date expressions, resolved against the publication date.
    pub dates: Vec<DateMention>,
    /// The knowledge-base names found in it, over token indices.
    pub names: Vec<LexMatch>,
    /// The article's headline rather than a sentence of its body.
    pub headline: bool,
}

impl SentenceAnalysis {
    /// Analyses one tokenized, tagged sentence of `text`.
    pub fn new(
        text: &str,
        mut sentence: Sentence,
        anchor: Option<chrono::NaiveDate>,
        kb: &KnowledgeBase,
        words: &Words,
    ) -> Self {
        let spans: Vec<Span> = sentence.tokens.iter().map(|t| t.span).collect();
        let names = kb.lexicon.find(text, &spans);
        acronyms_are_names(text, &mut sentence, &names);
        let phrases = chunk::chunk(text, &sentence.tokens);
        let dates = dates::find_dates_in(text, &spans, anchor);
        let dated: Vec<bool> = phrases
            .iter()
            .map(|ph| {
                let span = Span::new(
                    sentence.tokens[ph.start].span.start,
                    sentence.tokens[ph.end - 1].span.end,
                );
                ph.kind == chunk::PhraseKind::Noun
                    && dates
                        .iter()
                        .any(|d| d.span.start <= span.start && span.end <= d.span.end)
            })
            .collect();
        let clauses = clause::clauses(text, &sentence.tokens, &phrases, words, &dated);
        SentenceAnalysis {
            sentence,
            phrases,
            clauses,
            dates,
            names,
            headline: false,
        }
    }

    /// The text of token `k`.
    pub fn word<'t>(&self, text: &'t str, k: usize) -> &'t str {
        self.sentence.tokens[k].span.of(text)
    }

    /// The bytes of phrase `p`.
    pub fn phrase_span(&self, p: usize) -> Span {
        let ph = self.phrases[p];
        let t = &self.sentence.tokens;
        Span::new(t[ph.start].span.start, t[ph.end - 1].span.end)
    }
}

/// "arrested seven IS members", "ICE agents": an acronym that the knowledge base knows as a
/// name is a proper noun, whatever the tagger made of it (the tagger reads "IS" as a verb).
fn acronyms_are_names(text: &str, s: &mut Sentence, names: &[LexMatch]) {
    let words_in_caps = s
        .tokens
        .iter()
        .filter(|t| t.span.of(text).chars().any(char::is_alphabetic))
        .all(|t| !t.span.of(text).chars().any(char::is_lowercase));
    if words_in_caps {
        return; // a headline in capitals: every word looks like an acronym
    }
    for m in names.iter().filter(|m| m.terms.iter().all(|t| t.kind.is_proper())) {
        for t in &mut s.tokens[m.start..m.end] {
            let w = t.span.of(text);
            let acronym = w.len() >= 2 && w.bytes().all(|b| b.is_ascii_uppercase());
            if acronym && !t.pos.is_proper() {
                t.pos = crate::text::Pos::NNP;
            }
        }
    }
}

/// "US lawmakers welcome Ukraine's agreement": a headline drops its articles, so the tagger
/// may find no verb in it. Then the first known verb form standing between a noun and the
/// start of a noun phrase is its verb (a plural noun form last: "US troops" is rarely one).
fn headline_verb(text: &str, tokens: &mut [crate::text::Token]) {
    use crate::text::Pos;
    if tokens
        .iter()
        .any(|t| matches!(t.pos, Pos::VB | Pos::VBD | Pos::VBP | Pos::VBZ | Pos::MD))
    {
        return;
    }
    let candidate = |i: usize| {
        let w = tokens[i].span.of(text);
        let lower = w.to_lowercase();
        i >= 1
            && i + 1 < tokens.len()
            && (tokens[i - 1].pos.is_noun() || tokens[i - 1].pos == Pos::PRP)
            && matches!(tokens[i].pos, Pos::NN | Pos::NNS | Pos::JJ)
            && w.chars().next().is_some_and(|c| c.is_lowercase())
            && matches!(
                tokens[i + 1].pos,
                Pos::DT | Pos::PRPS | Pos::NNP | Pos::NNPS | Pos::NN | Pos::NNS | Pos::JJ | Pos::CD | Pos::IN | Pos::TO
            )
            && crate::text::lemma::is_known_verb(&crate::text::lemma::verb_lemma(&lower, &|_| false))
    };
    let found = (0..tokens.len())
        .find(|&i| candidate(i) && tokens[i].pos != Pos::NNS)
        .or_else(|| (0..tokens.len()).find(|&i| candidate(i)));
    if let Some(i) = found {
        let w = tokens[i].span.of(text);
        tokens[i].pos = if w.ends_with('s') && !w.ends_with("ss") {
            Pos::VBZ
        } else {
            Pos::VBP
        };
    }
}

impl std::borrow::Borrow<Sentence> for SentenceAnalysis {
    fn borrow(&self) -> &Sentence {
        &self.sentence
    }
}

/// A whole document, analysed sentence by sentence.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The headline, read as a sentence: tagged in its sentence-case view ("Turkey Threatens US
    /// With Retaliation" is tagged as "Turkey threatens US with retaliation"), its index 0.
    pub title: Option<SentenceAnalysis>,
    /// The sentences of the body, in order, boilerplate left out (so `sentences[i].sentence.index`
    /// may be greater than `i`).
    pub sentences: Vec<SentenceAnalysis>,
}

impl Analysis {
    /// Segments, tokenizes, tags, chunks and parses the body of `doc`, and finds its dates and
    /// knowledge-base names. Sentences inside the document's boilerplate (subheadings, links,
    /// captions: [`Document::boilerplate`]) are left out; the others keep their index among
    /// all the body's sentences.
    pub fn new(doc: &Document, tagger: &Tagger, kb: &KnowledgeBase, words: &Words) -> Analysis {
        let skip: Vec<Span> = doc.boilerplate.iter().map(|b| b.span).collect();
        let sentences = text::analyze_except(&doc.text, doc.body, &skip, tagger)
            .into_iter()
            .map(|s| SentenceAnalysis::new(&doc.text, s, doc.date, kb, words))
            .collect();
        Analysis {
            title: Self::title(doc, tagger, kb, words),
            sentences,
        }
    }

    /// The headline as a sentence: its knowledge-base names keep their capitals, the other words
    /// of a Title Case headline are read in lower case for tagging.
    fn title(doc: &Document, tagger: &Tagger, kb: &KnowledgeBase, words: &Words) -> Option<SentenceAnalysis> {
        let span = doc.title?;
        let mut spans = Vec::new();
        text::token::tokenize(&doc.text, span, &mut spans);
        if spans.is_empty() {
            return None;
        }
        let names: Vec<Span> = kb
            .lexicon
            .find(&doc.text, &spans)
            .iter()
            .map(|m| spans[m.start].join(spans[m.end - 1]))
            .collect();
        let view = doc.title_view(&names)?;
        let mut tokens = text::tag_view(&doc.text, span, &view, tagger);
        headline_verb(&doc.text, &mut tokens);
        let sentence = Sentence {
            index: 0,
            paragraph: 0,
            span,
            tokens,
        };
        let mut a = SentenceAnalysis::new(&doc.text, sentence, doc.date, kb, words);
        a.headline = true;
        Some(a)
    }
}
