//! Clause frames and event nouns that involve actors but give no event: the worklist for
//! writing patterns (`dyad-tools frames`). A frame abstracts a clause to its subject, verb
//! (with particle), object head and prepositional phrases, each argument shown as `A` when it
//! holds an actor of a state or organisation, else by its head noun's lemma: "A levy tariff
//! on:A". An event noun is shown with its prepositional phrases: "expulsion of:A".

use super::matching::is_date;
use super::sentence::SentenceCtx;
use super::{Coder, Memory};
use crate::analysis::SentenceAnalysis;
use crate::event::Actor;
use crate::ingest::Document;
use crate::text::chunk::PhraseKind;
use crate::text::clause::{self, Arg, Mood};

/// What a frame was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FrameKind {
    /// A clause around a verb.
    Clause,
    /// A noun phrase with prepositional phrases after it.
    Noun,
}

/// One clause or event noun of a document, abstracted.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Clause or noun.
    pub kind: FrameKind,
    /// The frame as a string: "A levy tariff on:A", "expulsion of:A".
    pub signature: String,
    /// How many of its arguments hold an actor of a state or organisation.
    pub actors: usize,
    /// True when an event was coded from it (its trigger lies in the clause's verb group or is
    /// the noun).
    pub coded: bool,
    /// Negated, conditional or questioned: no event is expected.
    pub irrealis: bool,
    /// A verb of saying or a copula ("said", "is"): a frame that reports or describes rather
    /// than acts.
    pub reporting: bool,
    /// The sentence (whitespace folded).
    pub sentence: String,
    /// The article id.
    pub article: String,
}

impl Coder<'_> {
    /// The frames of a document's clauses and event nouns, with whether each gave an event.
    pub fn frames(&self, doc: &Document) -> Vec<Frame> {
        let analysis = self.analyse(doc);
        let mut out = Vec::new();
        self.document_pass(doc, &analysis, |s, memory| {
            out.extend(self.sentence_frames(doc, s, memory))
        });
        out
    }

    fn sentence_frames(&self, doc: &Document, a: &SentenceAnalysis, memory: &mut Memory) -> Vec<Frame> {
        let mut out = Vec::new();
        {
            let ctx = SentenceCtx::new(self, doc, a, Some(memory));
            let triggers: Vec<_> = ctx.code().into_iter().map(|r| r.trigger).collect();
            let text = a
                .sentence
                .span
                .of(&doc.text)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let question = ctx.tokens().last().is_some_and(|t| t.span.of(ctx.text) == "?");
            for c in ctx.clauses() {
                let vp = ctx.phrases()[c.verb];
                let (from, to) = (ctx.span(vp.start).start, ctx.span(vp.end - 1).end);
                let coded = triggers.iter().any(|t| t.start < to && from < t.end);
                let mut actors = 0;
                let mut parts = Vec::new();
                parts.push(arg_view(&ctx, c.subject.as_ref(), &mut actors));
                let mut verb = ctx.lemma(c.head).to_string();
                if let Some(p) = (vp.start..vp.end).find(|&k| ctx.tokens()[k].pos == crate::text::Pos::RP) {
                    verb = format!("{verb}+{}", ctx.word(p).to_lowercase());
                }
                if c.passive {
                    verb = format!("be-{verb}");
                }
                parts.push(verb);
                if c.object.is_some() {
                    parts.push(arg_view(&ctx, c.object.as_ref(), &mut actors));
                }
                for (p, arg) in c.preps.iter().filter(|(_, arg)| !is_date(&ctx, arg)) {
                    parts.push(format!(
                        "{}:{}",
                        ctx.word(*p).to_lowercase(),
                        arg_view(&ctx, Some(arg), &mut actors)
                    ));
                }
                out.push(Frame {
                    kind: FrameKind::Clause,
                    signature: parts.join(" "),
                    actors,
                    coded,
                    irrealis: question || c.negated || c.mood == Mood::Possible || ctx.conditional(c),
                    reporting: self.words.is_speech_verb(&ctx.word(c.head).to_lowercase())
                        || matches!(ctx.lemma(c.head), "be" | "have" | "say" | "tell"),
                    sentence: text.clone(),
                    article: doc.id.clone(),
                });
            }
            // event nouns: a noun phrase followed by prepositional phrases with an actor, or
            // with a possessor actor
            let phrases = ctx.phrases();
            for (pi, ph) in phrases.iter().enumerate() {
                if ph.kind != PhraseKind::Noun
                    || !ctx.tokens()[ph.head].pos.is_noun()
                    || ctx.tokens()[ph.head].pos.is_proper()
                {
                    continue;
                }
                let mut actors = usize::from(ctx.actors.possessor(pi).is_some_and(|p| anchored(&p)));
                let mut parts = vec![
                    match actors {
                        0 => String::new(),
                        _ => "A's ".into(),
                    } + ctx.head_lemma(ph),
                ];
                let mut k = pi + 1;
                while k + 1 < phrases.len()
                    && phrases[k].kind == PhraseKind::Prep
                    && phrases[k + 1].kind == PhraseKind::Noun
                {
                    let w = ctx.word(phrases[k].start).to_lowercase();
                    let (arg, next) = clause::noun_arg(ctx.text, ctx.tokens(), phrases, k + 1);
                    parts.push(format!("{w}:{}", arg_view(&ctx, Some(&arg), &mut actors)));
                    k = next;
                }
                if actors == 0 {
                    continue;
                }
                let head = ctx.span(ph.head);
                out.push(Frame {
                    kind: FrameKind::Noun,
                    signature: parts.join(" "),
                    actors,
                    coded: triggers.iter().any(|t| t.start <= head.start && head.end <= t.end),
                    irrealis: question,
                    reporting: false,
                    sentence: text.clone(),
                    article: doc.id.clone(),
                });
            }
        }
        // keep the memory as coding does
        self.code_sentence(doc, a, memory);
        out
    }
}

/// An actor that can stand in an event: of a state, or an organisation.
fn anchored(a: &Actor) -> bool {
    a.country.is_some() || super::actors::is_org(a)
}

/// `A` when the argument holds an anchored actor (counted in `actors`), else the lemma of its
/// first noun phrase's head, or `-` without an argument.
fn arg_view(ctx: &SentenceCtx, arg: Option<&Arg>, actors: &mut usize) -> String {
    let Some(arg) = arg else { return "-".into() };
    if ctx.of_arg(arg).iter().any(anchored) {
        *actors += 1;
        return "A".into();
    }
    match arg.nps.first() {
        Some(&p) => ctx.head_lemma(&ctx.phrases()[p]).to_string(),
        None => "-".into(),
    }
}
