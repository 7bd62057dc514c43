//! `dyad explain`: every stage's view of a sentence, in plain text, so an analyst can see why
//! dyad coded what it coded (or why it did not).

use super::actors::SentenceActors;
use super::Coder;
use crate::analysis::SentenceAnalysis;
use crate::ingest::Document;
use crate::text::chunk::{self, Phrase};
use crate::text::clause::Arg;
use crate::text::{Sentence, Span};
use std::fmt::Write;

impl Coder<'_> {
    /// A readable report of one analysed sentence: tokens and tags, phrases, clauses, actors,
    /// events. `memory` carries the actors of the earlier sentences (what "he" and "the two
    /// sides" refer to).
    pub(crate) fn explain(&self, doc: &Document, a: &SentenceAnalysis, memory: &mut super::Memory) -> String {
        let text = doc.text.as_str();
        let mut out = String::new();
        let (s, phrases, clauses) = (&a.sentence, &a.phrases, &a.clauses);
        let actors = SentenceActors::new(self.kb, self.words, text, a, doc.date, Some(&*memory));
        let _ = writeln!(out, "sentence {}: {}", s.index, s.span.of(text));
        let _ = writeln!(out, "\ntokens/tags:");
        let tagged: Vec<String> = s
            .tokens
            .iter()
            .map(|t| format!("{}/{}", t.span.of(text), t.pos))
            .collect();
        let _ = writeln!(out, "  {}", tagged.join(" "));
        let _ = writeln!(out, "\nphrases:");
        let shown: Vec<String> = phrases
            .iter()
            .map(|p| format!("[{:?} {}]", p.kind, phrase_text(text, s, p)))
            .collect();
        let _ = writeln!(out, "  {}", shown.join(" "));
        let _ = writeln!(out, "\nclauses:");
        let arg = |a: &Option<Arg>| -> String {
            a.as_ref()
                .map(|a| {
                    let mut parts: Vec<String> = a.nps.iter().map(|&p| phrase_text(text, s, &phrases[p])).collect();
                    if !a.of.is_empty() {
                        parts.push(format!(
                            "(of {})",
                            a.of.iter()
                                .map(|&p| phrase_text(text, s, &phrases[p]))
                                .collect::<Vec<_>>()
                                .join(" & ")
                        ));
                    }
                    if !a.apposition.is_empty() {
                        parts.push(format!(
                            "(= {})",
                            a.apposition
                                .iter()
                                .map(|&p| phrase_text(text, s, &phrases[p]))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                    parts.join(" + ")
                })
                .unwrap_or_else(|| "-".into())
        };
        for (i, c) in clauses.iter().enumerate() {
            let mut flags = vec![format!("{:?}", c.mood).to_lowercase()];
            if c.negated {
                flags.push("negated".into());
            }
            if c.passive {
                flags.push("passive".into());
            }
            if let Some(g) = c.governor {
                flags.push(format!("governed by clause {g}"));
            }
            if let Some(r) = c.reported_by {
                flags.push(format!("reported by clause {r}"));
            }
            let _ = writeln!(
                out,
                "  {i}. verb \"{}\" (lemma {}) [{}]\n     subject: {}\n     object: {}",
                phrase_text(text, s, &phrases[c.verb]),
                self.verb_lemma(s.word(text, c.head)),
                flags.join(", "),
                arg(&c.subject),
                arg(&c.object)
            );
            for (p, a) in &c.preps {
                let _ = writeln!(out, "     {}: {}", s.tokens[*p].span.of(text), arg(&Some(a.clone())));
            }
        }
        let _ = writeln!(out, "\nknowledge-base matches:");
        for m in actors.matches() {
            let span = m
                .part
                .unwrap_or_else(|| Span::new(s.tokens[m.start].span.start, s.tokens[m.end - 1].span.end));
            let kb = self.kb;
            let meanings: Vec<String> = m
                .terms
                .iter()
                .map(|t| {
                    let i = t.index as usize;
                    use crate::kb::TermKind as K;
                    match t.kind {
                        K::CountryName | K::CountryAdjective | K::Capital | K::Seat => {
                            format!("{:?} {} ({})", t.kind, kb.countries[i].code, kb.countries[i].source)
                        }
                        K::Organisation | K::OrganisationAdjective => {
                            format!(
                                "{:?} {} ({})",
                                t.kind, kb.organisations[i].code, kb.organisations[i].source
                            )
                        }
                        K::Person => {
                            let p = &kb.people[i];
                            format!(
                                "person {} {} {}..{} ({})",
                                p.name,
                                p.code,
                                p.from.map(|d| d.to_string()).unwrap_or_default(),
                                p.until.map(|d| d.to_string()).unwrap_or_default(),
                                p.source
                            )
                        }
                        K::Agent | K::AgentPlural => format!("agent {} ({})", kb.agents[i].code, kb.agents[i].source),
                        K::Blocked => format!("not an actor: {}", kb.blocked[i]),
                        K::Place => format!("place in {} ({})", kb.places[i].country, kb.places[i].source),
                    }
                })
                .collect();
            let _ = writeln!(out, "  \"{}\": {}", span.of(text), meanings.join("; "));
        }
        let _ = writeln!(out, "\nactors of noun phrases:");
        for (i, p) in phrases.iter().enumerate() {
            if p.kind != chunk::PhraseKind::Noun {
                continue;
            }
            for a in actors.of_phrase(i) {
                let _ = writeln!(
                    out,
                    "  \"{}\" → {} (country {})",
                    a.name,
                    a.code.as_deref().unwrap_or("uncoded"),
                    a.country.as_deref().unwrap_or("-")
                );
            }
        }
        let _ = writeln!(out, "\nevents:");
        drop(actors);
        let events = self.code_sentence(doc, a, memory);
        if events.is_empty() {
            let _ = writeln!(out, "  none");
        }
        for e in events {
            let _ = writeln!(
                out,
                "  {} → {}  {} {} (Goldstein {:+.1})\n     pattern {}\n     trigger \"{}\", mood {}{}",
                e.source.code.as_deref().unwrap_or(&e.source.name),
                e.target.code.as_deref().unwrap_or(&e.target.name),
                e.cameo,
                e.event_name,
                e.goldstein,
                e.evidence.pattern,
                e.evidence.trigger,
                e.evidence.mood,
                if e.evidence.notes.is_empty() {
                    String::new()
                } else {
                    format!("; {}", e.evidence.notes.join("; "))
                }
            );
        }
        out
    }
}

fn phrase_text(text: &str, s: &Sentence, p: &Phrase) -> String {
    Span::new(s.tokens[p.start].span.start, s.tokens[p.end - 1].span.end)
        .of(text)
        .to_string()
}
