//! Nominal events: "Fidan's visit to Cairo", "talks between X and Y", "an attack on the
//! consulate". The event noun's patterns are matched against the prepositional phrases after
//! it; its source is the possessor, a by/of phrase, an adjective inside the phrase, the
//! subject of the clause it is an occasion of ("said at a news conference with Aliyev") or
//! of the light verb whose object it is ("imposed sanctions on").

use super::assemble::{make_events, Raw};
use super::matching::best_pattern;
use super::patterns::Pattern;
use super::sentence::{is_word, SentenceCtx};
use crate::event::Mood as EventMood;
use crate::text::chunk::PhraseKind;
use crate::text::clause::{self, Arg, Mood};
use crate::text::words::Control;

impl SentenceCtx<'_> {
    /// Does clause `c`'s verb say that its subject took place ("broke out", "erupted", "were
    /// held")? Its particle, if any, is part of the lemma looked up.
    fn occurs(&self, c: &clause::Clause) -> bool {
        let words = self.coder.words;
        words.occurrence_verb(self.lemma(c.head)).is_some()
            || self
                .phrasal_lemma(c)
                .is_some_and(|p| words.occurrence_verb(&p).is_some())
    }

    /// The verb of clause `c` with its particle, or the one-word preposition right after it
    /// ("broke out", "called off"), as word lists write a phrasal verb.
    fn phrasal_lemma(&self, c: &clause::Clause) -> Option<String> {
        let lemma = self.lemma(c.head);
        let vp = self.phrases()[c.verb];
        (vp.start..vp.end)
            .find(|&k| self.tokens()[k].pos == crate::text::Pos::RP)
            .or_else(|| {
                self.phrases()
                    .get(c.verb + 1)
                    .filter(|p| p.kind == PhraseKind::Prep && p.end == p.start + 1)
                    .map(|p| p.start)
            })
            .map(|k| format!("{lemma} {}", self.word(k).to_lowercase()))
    }

    /// The events of the sentence's event nouns.
    pub fn code_nouns(&self) -> Vec<Raw> {
        let (phrases, clauses) = (self.phrases(), self.clauses());
        let mut out = Vec::new();
        for (pi, ph) in phrases.iter().enumerate() {
            if ph.kind != PhraseKind::Noun {
                continue;
            }
            let head = self.head_lemma(ph);
            let cands: Vec<&Pattern> = self
                .coder
                .patterns
                .noun_candidates(head)
                .filter(|p| self.np_matches(ph, &p.lemmas))
                .collect();
            if cands.is_empty() || self.np_matches(ph, self.coder.patterns.not_events()) {
                continue;
            }
            // Under a negated or non-factual verb, the noun's event is not asserted; nor in the
            // infinitive of a threat or a refusal ("threatened to impose import restrictions
            // against German goods": the threat is the event, not restrictions)
            let governed = |c: &clause::Clause| {
                c.governor
                    .is_some_and(|g| matches!(self.control(&clauses[g]), Some(Control::Threaten | Control::Refuse)))
            };
            if clauses
                .iter()
                .any(|c| (c.negated || c.mood == Mood::Possible || governed(c)) && c.end > pi && c.verb < pi)
            {
                continue;
            }
            // "cancelled a trip to Moscow", "denied the attack": the object of a verb that undoes
            // it is not asserted
            let undone = clauses.iter().any(|c| {
                c.object
                    .as_ref()
                    .is_some_and(|o| o.nps.contains(&pi) || o.of.contains(&pi))
                    && (self.coder.words.is_undoing_verb(self.lemma(c.head)).is_some()
                        || self
                            .phrasal_lemma(c)
                            .is_some_and(|p| self.coder.words.is_undoing_verb(&p).is_some()))
            });
            if undone {
                continue;
            }
            // Prepositional phrases right after the noun: the first, and more after one that
            // can belong to the event itself ("talks in Doha with Iran"), not after one that has
            // a noun of its own ("exercises near its border with Azerbaijan": the border's).
            // Dates ("in February 2022") date the event; they are no argument.
            let mut preps: Vec<(String, Arg)> = Vec::new();
            let mut k = pi + 1;
            let mut last: Option<String> = None;
            while k + 1 < phrases.len()
                && phrases[k].kind == PhraseKind::Prep
                && phrases[k + 1].kind == PhraseKind::Noun
            {
                if last
                    .as_deref()
                    .is_some_and(|w| !matches!(w, "of" | "in" | "at" | "during" | "by"))
                {
                    break;
                }
                let w = self.word(phrases[k].start).to_lowercase();
                let (arg, next) = clause::noun_arg(self.text, self.tokens(), phrases, k + 1);
                last = Some(w.clone());
                if !super::matching::is_date(self, &arg) {
                    preps.push((w, arg));
                }
                k = next;
            }
            // "clashes broke out between Taliban and Iranian forces": the noun is the subject of
            // a verb of occurrence, and the clause's phrases are its own
            if preps.is_empty() {
                let own = clauses
                    .iter()
                    .find(|c| c.subject.as_ref().is_some_and(|s| s.nps.first() == Some(&pi)));
                if let Some(c) = own.filter(|c| self.occurs(c)) {
                    for (t, a) in &c.preps {
                        if !super::matching::is_date(self, a) {
                            preps.push((self.word(*t).to_lowercase(), a.clone()));
                        }
                    }
                }
            }
            let Some(m) = best_pattern(self, &cands, None, &preps) else {
                continue;
            };
            let p = m.pattern;
            // Source: possessor ("Fidan's visit"), "by"/"of" phrase, or an adjective inside the phrase.
            let mut sources = self.of_opt(m.source.as_ref());
            let mut notes = vec![];
            // "the visit of the Turkish president": "of" names who acts in a meeting, visit or
            // protest; in "the expulsion of diplomats", "the closure of the border" it names what
            // is acted on
            let of_acts = matches!(p.code.get(..2), Some("01" | "02" | "03" | "04" | "05" | "14"));
            if sources.is_empty() {
                if let Some((_, a)) = preps.iter().find(|(w, _)| w == "by" || (of_acts && w == "of")) {
                    sources = self.of_arg(a);
                    notes.push("source from by/of phrase".to_string());
                }
            }
            // "the PLA said it had organized a patrol by naval and air forces": forces named
            // without a state belong to the subject of the clause whose object the noun is
            if !sources.is_empty() && sources.iter().all(|s| s.country.is_none() || s.inferred.is_some()) {
                let owner = clauses
                    .iter()
                    .filter(|c| c.object.as_ref().is_some_and(|o| o.nps.contains(&pi)))
                    .filter_map(|c| c.subject.as_ref())
                    .flat_map(|s| self.of_arg(s))
                    .find(|a| a.country.is_some());
                if let Some(owner) = owner {
                    let country = owner.country.clone().unwrap_or_default();
                    for s in &mut sources {
                        s.inferred = None;
                        s.code = s.code.as_deref().map(|c| {
                            c.strip_prefix(s.country.as_deref().unwrap_or(""))
                                .unwrap_or(c)
                                .to_string()
                        });
                        super::actors::locate(s, &country, &owner);
                    }
                    notes.push(format!("source located by the clause's subject \"{}\"", owner.name));
                }
            }
            if sources.is_empty() {
                if let Some(a) = self.actors.possessor(pi) {
                    sources.push(a);
                    notes.push("source from the possessor".to_string());
                }
            }
            if sources.is_empty() && p.symmetric {
                // "U.S.-North Korea talks": both sides named in the phrase
                sources = self.actors.hyphen_states(pi);
                if !sources.is_empty() {
                    notes.push("sources: the states joined by a hyphen in the noun phrase".to_string());
                }
            }
            // a bare event noun ("the talks") is an event of its own only between the states
            // its phrase joins; elsewhere it names an occasion the sentence reports otherwise
            if p.elems.is_empty() && sources.is_empty() {
                continue;
            }
            if sources.is_empty() {
                // "Turkish strikes", not "the Jeddah talks": a place names where, not who
                let place = |a: &crate::event::Actor| {
                    a.entries
                        .iter()
                        .all(|e| matches!(e.kind, crate::kb::TermKind::Place | crate::kb::TermKind::Capital))
                };
                sources = self
                    .actors
                    .of_phrase(pi)
                    .into_iter()
                    .filter(|a| a.country.is_some() && !place(a))
                    .collect();
                if !sources.is_empty() {
                    notes.push("source from the noun phrase (adjective)".to_string());
                }
            }
            // an occasion: "said at a joint news conference with Aliyev", "during talks with
            // Fidan", "after the meeting": the subject of the clause takes part in it
            let in_pp = pi > 0
                && phrases[pi - 1].kind == PhraseKind::Prep
                && is_word(
                    self.word(phrases[pi - 1].start),
                    &["at", "during", "in", "after", "following", "on", "with"],
                );
            if sources.is_empty() && in_pp && matches!(p.code.get(..2), Some("03" | "04" | "05" | "06" | "15")) {
                let clause = clauses
                    .iter()
                    .find(|c| c.verb < pi && pi < c.end)
                    .or_else(|| clauses.iter().find(|c| c.verb > pi));
                if let Some(subj) = clause.and_then(|c| c.subject.as_ref()) {
                    sources = self.of_arg(subj);
                    notes.push("source: the subject of the clause the phrase belongs to".to_string());
                }
            }
            // "Biden announced new sanctions against...", "launched strikes on...", "led eight
            // hours of talks": the object of a light verb (or of its "of" phrase) is the
            // subject's own act.
            if sources.is_empty() {
                let light = clauses.iter().find(|c| {
                    c.object
                        .as_ref()
                        .is_some_and(|o| o.nps.contains(&pi) || o.of.contains(&pi))
                        && self.coder.words.is_light_verb(self.lemma(c.head)).is_some()
                });
                if let Some(subj) = light.and_then(|c| c.subject.as_ref()) {
                    sources = self.of_arg(subj);
                    notes.push("source: the subject of the light verb".to_string());
                }
            }
            // "Marape said the security agreement with Australia showed ...": a two-sided act with
            // one side named, in what a speaker reports, is the speaker's side's own
            if sources.is_empty() && p.symmetric {
                let reported = clauses.iter().find(|c| {
                    c.reported_by.is_some()
                        && (c.subject.as_ref().is_some_and(|s| s.nps.contains(&pi))
                            || c.object.as_ref().is_some_and(|o| o.nps.contains(&pi)))
                });
                if let Some(r) = reported.and_then(|c| c.reported_by) {
                    sources = self
                        .subject_of(&clauses[r])
                        .into_iter()
                        .filter(|a| a.country.is_some())
                        .collect();
                    if !sources.is_empty() {
                        notes.push("source: the speaker reporting the two-sided act".to_string());
                    }
                }
            }
            // "al-Shabab claimed responsibility for the attack": who claims an act did it
            if sources.is_empty()
                && pi >= 2
                && phrases[pi - 1].kind == PhraseKind::Prep
                && self.word_is(phrases[pi - 1].start, &["for"])
            {
                let owner = clauses.iter().find(|c| {
                    c.object.as_ref().is_some_and(|o| {
                        o.nps.contains(&(pi - 2))
                            && matches!(self.head_lemma(&phrases[pi - 2]), "responsibility" | "credit")
                    }) && matches!(self.lemma(c.head), "claim" | "take" | "accept" | "admit")
                });
                if let Some(subj) = owner.and_then(|c| c.subject.as_ref()) {
                    sources = self.of_arg(subj);
                    notes.push("source: who claimed responsibility for it".to_string());
                }
            }
            let mut targets = self.of_opt(m.target.as_ref());
            if targets.is_empty() && p.one_sided() {
                let unknown = super::assemble::unknown_target(self, m.target.as_ref());
                targets.push(super::assemble::coerced_at_home(&p.code, &sources, unknown));
                notes.push("target unknown: the text names no state or organisation".into());
            }
            let trigger = self.span(ph.head);
            // "inviting Berdimuhamedov to pay a state visit": a planned act is an intention (not
            // the topic of a discussion: "met to discuss North Korea's transfer of arms")
            let planned = clauses.iter().any(|c| {
                matches!(c.mood, Mood::Future | Mood::Infinitive)
                    && c.verb < pi
                    && pi < c.end
                    && (c.mood == Mood::Future || self.coder.words.topic_verb(self.lemma(c.head)).is_none())
            });
            // "refused to attend the talks": the refusal is coded from the clause, the talks
            // are no plan
            let refused = clauses.iter().any(|c| {
                c.mood == Mood::Infinitive
                    && c.verb < pi
                    && pi < c.end
                    && c.governor.is_some_and(|g| {
                        matches!(
                            self.control(&clauses[g]),
                            Some(crate::text::words::Control::Refuse | crate::text::words::Control::Threaten)
                        )
                    })
            });
            if refused {
                continue;
            }
            let mood = if planned { EventMood::Intent } else { EventMood::Fact };
            let mut evs = make_events(p, &sources, &targets, trigger, mood, notes);
            if planned {
                evs.iter_mut().for_each(|e| e.code = self.intent_code(&e.code));
            }
            out.extend(evs);
        }
        out
    }
}
