//! Clause rules: each clause against the verb patterns, with what its place in the sentence
//! makes of it — the that-clause a demand or warning carries ("demanded that Britain
//! withdraw"), an obligation in reported speech ("Serbia must cooperate, Borrell said"), the
//! infinitive a control verb governs ("agreed to expand", "refused to meet", "urged X to"),
//! and the clause's own mood (future → intention; possible, negated or conditional → nothing).

use super::assemble::{pairs, rule_events, Raw};
use super::matching::{best_pattern, Logical};
use super::modality::root_of;
use super::sentence::{is_word, SentenceCtx};
use crate::event::{Actor, Mood as EventMood};
use crate::text::chunk::PhraseKind;
use crate::text::clause::{Clause, Mood};
use crate::text::words::Control;
use crate::text::Span;
use std::collections::HashSet;

/// Governors of an infinitive that commit their subject to the act towards another party
/// ("agreed to", "offered to", "is ready to"), unlike plans and wishes ("plans to", "wants to").
const COMMITMENTS: [&str; 7] = ["agree", "offer", "promise", "pledge", "willing", "ready", "prepared"];

impl SentenceCtx<'_> {
    /// The events of the sentence's clauses.
    pub fn code_clauses(&self) -> Vec<Raw> {
        let mut out = Vec::new();
        let clauses = self.clauses();
        let demanded = self.code_that_clauses(&mut out);
        for (ci, c) in clauses.iter().enumerate() {
            if c.governor.is_some_and(|g| self.control(&clauses[g]).is_some()) {
                continue; // coded through its governor
            }
            let conditional = self.conditional(c);
            if demanded.contains(&ci) || (conditional && !self.coder.options.aux) {
                continue;
            }
            // a clause inside a quotation attributed in another sentence is reported by its speaker
            let quoted_by = self
                .actors
                .quote_speaker(self.span(c.head))
                .filter(|_| c.reported_by.is_none());
            let reporter = c
                .reported_by
                .map(|r| self.subject_of(&clauses[r]))
                .or_else(|| quoted_by.map(<[Actor]>::to_vec));
            // "Serbia must cooperate fully, Borrell said": an obligation stated by a speaker is
            // the speaker's demand on the subject.
            if let (Some(reporter), true) = (reporter, self.obliged(c)) {
                out.extend(self.code_obligation(c, reporter));
                continue;
            }
            let mut mood = c.mood;
            if mood == Mood::Possible
                && (c.reported_by.is_some() || quoted_by.is_some())
                && self.word_is(self.phrases()[c.verb].start, &["would"])
            {
                mood = Mood::Future;
            }
            if mood == Mood::Infinitive {
                // purpose infinitive ("travelled to Baku to meet Aliyev"): the governor's mood
                // an infinitive with no governing verb is a plan, not a fact
                mood = c.governor.map(|g| clauses[g].mood).unwrap_or(Mood::Future);
                // "announced plans to visit": a planned act
                if c.governor
                    .is_some_and(|g| self.plan_object(&clauses[g]).is_some_and(|intent| intent))
                {
                    mood = Mood::Future;
                }
            }
            // negated, possible or conditional: no event, or with --aux one in that mood
            let irrealis = c.negated || mood == Mood::Possible || conditional;
            if irrealis && !self.coder.options.aux {
                continue;
            }
            if let (Some(ctl), Some(comp)) = (self.control(c), c.complement) {
                // the infinitive and those joined to it ("agreed to expand trade and open
                // embassies")
                let mut evs = self.code_controlled(c, ctl, &clauses[comp]);
                for joined in clauses.iter().skip(comp + 1).filter(|j| j.governor == Some(ci)) {
                    evs.extend(self.code_controlled(c, ctl, joined));
                }
                if irrealis {
                    self.mark_irrealis(c, &mut evs);
                } else if mood == Mood::Future {
                    evs.iter_mut().for_each(|e| e.code = self.intent_code(&e.code));
                }
                out.extend(evs);
                continue;
            }
            let mut evs = self.code_clause(c);
            if irrealis {
                self.mark_irrealis(c, &mut evs);
            } else if mood == Mood::Future {
                for e in &mut evs {
                    e.code = self.intent_code(&e.code);
                    e.mood = EventMood::Intent;
                    e.notes.push("future: coded as intent".into());
                }
            }
            out.extend(evs);
        }
        out
    }

    /// Events of a negated, possible or conditional clause, kept with `Options::aux`: their
    /// mood says which, for PLOVER's negation and hypothetical modes.
    fn mark_irrealis(&self, c: &Clause, evs: &mut [Raw]) {
        let (mood, note) = match c.negated {
            true => (EventMood::Negated, "negated: kept for PLOVER's negation mode (--aux)"),
            false => (
                EventMood::Hypothetical,
                "possible or conditional: kept for PLOVER's hypothetical mode (--aux)",
            ),
        };
        for e in evs {
            e.mood = mood;
            e.notes.push(note.into());
        }
    }

    /// "demanded that Britain withdraw the ship", "warned that Hezbollah would be destroyed":
    /// the that-clause is the content of the demand or warning, not a fact of its own. Adds
    /// the demands and warnings to `out`; returns the that-clauses used.
    fn code_that_clauses(&self, out: &mut Vec<Raw>) -> HashSet<usize> {
        let clauses = self.clauses();
        let mut demanded = HashSet::new();
        for (ci, c) in clauses.iter().enumerate() {
            let lemma = self.lemma(c.head);
            let warn = lemma == "warn";
            let mut ctl = self.control_of_lemma(lemma);
            // "reiterated its demand that Israel ease restrictions", "renewed its call that ...":
            // the noun of a demand or appeal, as the object, governs the that-clause
            if ctl.is_none() && !warn {
                let noun = c
                    .object
                    .as_ref()
                    .and_then(|o| o.nps.last())
                    .map(|&np| self.head_lemma(&self.phrases()[np]));
                ctl = noun
                    .and_then(|n| self.control_of_lemma(n))
                    .filter(|k| matches!(k, Control::Appeal | Control::Demand));
            }
            if !(warn || matches!(ctl, Some(Control::Appeal | Control::Demand))) || c.complement.is_some() || c.negated
            {
                continue;
            }
            let Some(k) = self.that_clause(ci) else {
                continue;
            };
            demanded.insert(k);
            let inner = self.code_clause(&clauses[k]);
            let inner_code = inner.first().map(|e| e.code.clone()).unwrap_or_else(|| "030".into());
            // a warning is a threat to the subject of the that-clause
            let code = if warn {
                if root_of(&inner_code) >= 14 {
                    self.threat_code(&inner_code)
                } else {
                    "130".to_string()
                }
            } else {
                self.appeal_code(&inner_code, ctl == Some(Control::Demand))
            };
            let from = self.subject_of(c);
            let mut to = self.subject_of(&clauses[k]);
            // "Pakistan warned that Pakistan would respond": not a demand on oneself
            to.retain(|t| t.country.is_none() || !from.iter().any(|f| f.country == t.country));
            let rule = format!(
                "rule:demand \"{}\" that X ... → 02x/10x by the clause's code {inner_code}",
                self.lemma(c.head)
            );
            out.extend(rule_events(
                &from,
                &to,
                &code,
                &rule,
                self.span(c.head),
                EventMood::Fact,
            ));
        }
        demanded
    }

    /// Whether clause `g`'s object is a noun of decision or plan ("a decision", "plans"), and
    /// whether that noun makes its infinitive a plan.
    fn plan_object(&self, g: &Clause) -> Option<bool> {
        let np = *g.object.as_ref()?.nps.last()?;
        let lemma = self.head_lemma(&self.phrases()[np]).to_string();
        self.coder.words.plan_noun(&lemma).map(|(intent, _)| intent)
    }

    /// The clause introduced by "that" right after clause `ci`'s verb, if any.
    fn that_clause(&self, ci: usize) -> Option<usize> {
        let (clauses, phrases) = (self.clauses(), self.phrases());
        let k = ci + 1;
        let next = clauses.get(k)?;
        let first = next.subject.as_ref()?.nps.first().copied()?;
        let c = &clauses[ci];
        let wh =
            first > 0 && phrases[first - 1].kind == PhraseKind::Wh && self.word_is(phrases[first - 1].start, &["that"]);
        (first > c.verb && (wh || first == c.verb + 1)).then_some(k)
    }

    /// "X must ..." reported by `reporter`: the reporter's demand (10x by the clause's code)
    /// on the subject, unless the reporter shares the obligation.
    fn code_obligation(&self, c: &Clause, reporter: Vec<Actor>) -> Vec<Raw> {
        let inner = self.code_clause(&Clause {
            mood: Mood::Fact,
            negated: false,
            ..c.clone()
        });
        let inner_code = inner.first().map(|e| e.code.clone()).unwrap_or_else(|| "030".into());
        let code = self.appeal_code(&inner_code, true);
        let from = reporter;
        let mut to = self.subject_of(c);
        // "France and Britain must act together," Macron said: an obligation the speaker
        // shares is not a demand on anyone
        if to
            .iter()
            .any(|t| t.country.is_some() && from.iter().any(|f| f.country == t.country))
        {
            to.clear();
        }
        let rule = format!("rule:obligation \"X must ...\" in reported speech → 10x by the clause's code {inner_code}");
        let trigger = self.span(self.phrases()[c.verb].start);
        rule_events(&from, &to, &code, &rule, trigger, EventMood::Demand)
    }

    /// A control verb `c` ("agreed", "refused", "threatened", "urged") with the infinitive
    /// `inner` it governs.
    fn code_controlled(&self, c: &Clause, ctl: Control, inner: &Clause) -> Vec<Raw> {
        let lemma = self.lemma(c.head);
        // "is willing to": the predicate adjective is the governor
        let adjective = self.predicate_adjective(c);
        let governor = adjective.as_deref().unwrap_or(lemma);
        let mut evs = self.code_clause(inner);
        let subject = self.subject_of(c);
        let governed = format!("governed by \"{}\"", self.word(c.head));
        match ctl {
            // "expecting North Korea to launch a missile": another's expectation is no intent
            Control::Intent
                if c.object.is_some()
                    && self.predicate_adjective(c).is_none()
                    && !self.coder.words.control(lemma).is_some_and(|v| v.subject_control) =>
            {
                return Vec::new();
            }
            Control::Intent => {
                for e in &mut evs {
                    e.code = if inner.negated {
                        self.refuse_code(&e.code)
                    } else {
                        self.intent_code(&e.code)
                    };
                    e.mood = EventMood::Intent;
                    e.notes.push(format!("intent: {governed}"));
                }
                if evs.is_empty() {
                    evs = self.code_clause(c);
                }
                // "Libya offered to hand over to Britain two of its nationals", "France is ready
                // to contribute troops to a force in Liberia": a commitment to an act no pattern
                // codes is still an intent to cooperate (030) with the other state it names
                // (not when the infinitive's object is an event noun, coded on its own: "promised
                // to continue military aid to Ukraine")
                let object_is_event = inner.object.as_ref().and_then(|o| o.nps.last()).is_some_and(|&np| {
                    let head = self.head_lemma(&self.phrases()[np]);
                    self.coder.patterns.noun_candidates(head).next().is_some()
                });
                if evs.is_empty()
                    && subject.len() == 1
                    && !inner.negated
                    && !object_is_event
                    && COMMITMENTS.contains(&governor)
                {
                    let mut with = self.named_in(inner);
                    with.retain(|t| t.country.is_none() || t.country != subject[0].country);
                    if let Some(t) = with.first() {
                        let rule = format!(
                            "rule:intent \"{governor}\" to + an act no pattern codes → 030 with the state it names"
                        );
                        evs = rule_events(
                            &subject,
                            std::slice::from_ref(t),
                            "030",
                            &rule,
                            self.span(c.head),
                            EventMood::Intent,
                        );
                    }
                }
                if evs.is_empty() && subject.len() > 1 && !inner.negated {
                    // "Iran and Azerbaijan agreed to expand trade": intent to cooperate, pairwise
                    let verb = self.word(c.head);
                    let mut notes = vec![format!("intent: \"{verb}\" with a compound subject, coded pairwise")];
                    notes.push("two-sided: coded in both directions".into());
                    for (i, a) in subject.iter().enumerate() {
                        for b in &subject[i + 1..] {
                            for (x, y) in pairs(std::slice::from_ref(a), std::slice::from_ref(b), true) {
                                evs.push(Raw {
                                    source: x,
                                    target: y,
                                    code: "030".into(),
                                    pattern: format!(
                                        "rule:intent \"{lemma}\" + infinitive with a compound subject → 030 pairwise"
                                    ),
                                    trigger: self.span(c.head),
                                    mood: EventMood::Intent,
                                    notes: notes.clone(),
                                });
                            }
                        }
                    }
                }
            }
            Control::Refuse | Control::Threaten => {
                let refuse = ctl == Control::Refuse;
                for e in &mut evs {
                    e.code = if refuse {
                        self.refuse_code(&e.code)
                    } else {
                        self.threat_code(&e.code)
                    };
                    e.mood = if refuse { EventMood::Refusal } else { EventMood::Threat };
                    e.notes.push(governed.clone());
                }
                // "Iran refused to attend talks with the US": a refusal or threat is the
                // subject's alone (not the reverse of a two-sided act)
                if !subject.is_empty() {
                    evs.retain(|e| subject.iter().any(|s| s.code == e.source.code));
                }
                if evs.is_empty() {
                    evs = self.code_clause(c);
                }
                if evs.is_empty() && !inner.negated {
                    evs = self.threat_against_named(c, inner, &subject, refuse);
                }
            }
            Control::Appeal | Control::Demand => {
                // the appeal goes from the governor's subject to the urged party: the object,
                // or "call on X", "appeal to X"
                let urged_arg = c.object.as_ref().or_else(|| {
                    c.preps
                        .iter()
                        .find_map(|(t, a)| is_word(self.word(*t), &["on", "upon", "to"]).then_some(a))
                });
                let mut urged = self.of_opt(urged_arg);
                // "Venezuela ordered 5,600 troops to take part": a state commanding its own
                // forces or officials is no event between actors
                let state = |a: &Actor| {
                    a.code
                        .as_deref()
                        .is_some_and(|c| Some(c) == a.country.as_deref() || c.ends_with("GOV"))
                };
                urged.retain(|u| {
                    !subject.iter().any(|s| {
                        let own_forces = u
                            .code
                            .as_deref()
                            .is_some_and(|c| ["MIL", "COP", "SPY", "GOV"].iter().any(|r| c.ends_with(r)));
                        state(s) && s.country.is_some() && s.country == u.country && own_forces
                    })
                });
                let inner_code = evs.first().map(|e| e.code.clone()).unwrap_or_else(|| "030".into());
                // "ordered the French defence attache to leave the country": an expulsion
                // (of a state's envoy or official 166, of other people 174)
                let leave = ctl == Control::Demand
                    && matches!(self.lemma(inner.head), "leave" | "depart" | "quit" | "exit")
                    && !urged.is_empty();
                if leave {
                    let envoy = urged
                        .iter()
                        .any(|u| self.actors.is_diplomatic(u) || u.code.as_deref().is_some_and(|c| c.ends_with("GOV")));
                    let code = if envoy { "166" } else { "174" };
                    let rule = format!("rule:expulsion \"{lemma}\" X to leave → {code}");
                    return rule_events(&subject, &urged, code, &rule, self.span(c.head), EventMood::Fact);
                }
                let own = self.code_clause(c);
                evs = if !own.is_empty() {
                    own
                } else {
                    let code = self.appeal_code(&inner_code, ctl == Control::Demand);
                    let rule = format!(
                        "rule:appeal \"{lemma}\" X to + infinitive → 02x/10x by the infinitive's code {inner_code}"
                    );
                    rule_events(&subject, &urged, &code, &rule, self.span(c.head), EventMood::Fact)
                };
            }
        }
        evs
    }

    /// "Hamas threatened to resume attacks in Israel", "threatened to ban voting in East
    /// Jerusalem": a threatened act no pattern codes is still a threat (130) against the state
    /// or organisation the infinitive names as its object or in a phrase after it; likewise a
    /// refused one is a rejection (120) of it ("UNITA refused to allow United Nations planes to
    /// land").
    fn threat_against_named(&self, c: &Clause, inner: &Clause, subject: &[Actor], refuse: bool) -> Vec<Raw> {
        let targets = self.named_in(inner);
        if subject.is_empty() || targets.is_empty() {
            return Vec::new();
        }
        let (code, what, mood) = match refuse {
            true => ("120", "refusal", EventMood::Refusal),
            false => ("130", "threat", EventMood::Threat),
        };
        let rule = format!(
            "rule:{what} \"{}\" to + an act no pattern codes → {code} against the state it names",
            self.lemma(c.head)
        );
        rule_events(subject, &targets[..1], code, &rule, self.span(c.head), mood)
    }

    /// The states and organisations an infinitive names as its object or in a phrase after it
    /// ("to resume attacks in Israel", "to hand over to Britain"), in order.
    fn named_in(&self, inner: &Clause) -> Vec<Actor> {
        let named = |a: &Actor| {
            a.country.is_some()
                || a.code
                    .as_deref()
                    .is_some_and(|c| c.starts_with("IGO") || c.starts_with("NGO"))
        };
        let mut out: Vec<Actor> = self.of_opt(inner.object.as_ref());
        out.extend(
            inner
                .preps
                .iter()
                .filter(|(t, _)| is_word(self.word(*t), &["against", "on", "in", "at", "to", "into", "with"]))
                .flat_map(|(_, a)| self.of_arg(a)),
        );
        out.retain(named);
        out
    }

    /// The authority that did an act only states do ("detained", "summoned"), reported in the
    /// passive without an agent: the state of the place a preposition of the verb's entry
    /// names, the state an envoy is posted to, a state reporting the act, or the other state
    /// of the story's pair (authority_verbs.tsv); its government, marked as inferred.
    fn passive_agent(
        &self,
        c: &Clause,
        lemma: &str,
        preps: &[(String, crate::text::clause::Arg)],
        target_arg: Option<&crate::text::clause::Arg>,
        targets: &[Actor],
    ) -> Option<Actor> {
        let entry = self.coder.words.authority_verb(lemma)?;
        let verb = self.word(c.head);
        if c.mood == Mood::Infinitive && c.governor.is_none() {
            return None;
        }
        // "a court ordered them to be held in custody": the governor's subject
        if let Some(g) = c.governor {
            let g = &self.clauses()[g];
            let subject = self.subject_of(g).into_iter().find(|a| a.country.is_some())?;
            let why = format!("the subject of \"{}\"", self.word(g.head));
            return Some(Actor {
                inferred: Some(format!("agent of the passive \"{verb}\": {why}")),
                ..subject
            });
        }
        let state = |a: Actor, why: String| {
            let country = a.country.clone()?;
            Some(Actor {
                code: Some(super::actors::actor_code(&country, "GOV")),
                country: Some(country),
                inferred: Some(format!("agent of the passive \"{verb}\": {why}")),
                chain: Vec::new(),
                ..a
            })
        };
        // "detained in Beijing", "summoned to the Russian Foreign Ministry"
        for (w, arg) in preps.iter().filter(|(w, _)| entry.agent_preps.contains(w)) {
            if let Some(pl) = self.of_arg(arg).into_iter().find(|a| a.country.is_some()) {
                let why = format!("the state of \"{}\" ({w})", pl.name);
                return state(pl, why);
            }
        }
        // "the Myanmar ambassador to Dhaka was summoned": the state the envoy is posted to
        if entry.host && targets.iter().any(|t| self.actors.is_diplomatic(t)) {
            let phrases = self.phrases();
            let posted = target_arg.into_iter().flat_map(|a| a.nps.iter()).find_map(|&np| {
                let to = phrases.get(np + 1).is_some_and(|p| p.kind == PhraseKind::Prep)
                    && phrases.get(np + 2).is_some_and(|p| p.kind == PhraseKind::Noun)
                    && self.word_is(phrases[np + 1].start, &["to"]);
                let arg = crate::text::clause::Arg {
                    nps: vec![np + 2],
                    ..Default::default()
                };
                to.then(|| self.of_arg(&arg).into_iter().find(|a| a.country.is_some()))
                    .flatten()
            });
            if let Some(host) = posted {
                let why = format!("the state the envoy is posted to (\"{}\")", host.name);
                return state(host, why);
            }
        }
        let theirs = |a: &Actor| targets.iter().any(|t| t.country.is_some() && t.country == a.country);
        // "Chinese authorities said a Japanese national was detained"
        let reporter = c
            .reported_by
            .map(|r| self.subject_of(&self.clauses()[r]))
            .or_else(|| self.actors.quote_speaker(self.span(c.head)).map(<[Actor]>::to_vec))
            .unwrap_or_default();
        if let Some(r) = reporter.into_iter().find(|a| a.country.is_some() && !theirs(a)) {
            let why = format!("the state reporting it (\"{}\")", r.name);
            return state(r, why);
        }
        // the other state of the story's pair
        let country = targets.iter().find_map(|t| t.country.clone())?;
        let other = self.actors.partner_of(&country)?.clone();
        let why = format!("the other state of the story (\"{}\")", other.name);
        state(other, why)
    }

    /// The state an act with no named addressee is aimed at ("France recalled its
    /// ambassador", "Kenya refused to attend"): the one other state the sentence names, else
    /// the other state of the pair the story is about; marked as inferred.
    fn addressee(&self, sources: &[Actor], sentence_wide: bool) -> Option<Actor> {
        // one party acting ("Egypt and Turkey met" has both sides already)
        let own = sources.first()?.country.as_deref()?;
        if sources.iter().any(|s| s.country.as_deref() != Some(own)) {
            return None;
        }
        // states the sentence names, not as the place of the act ("met in Doha")
        let phrases = self.phrases();
        let mut others: Vec<Actor> = (0..phrases.len())
            .filter(|&i| phrases[i].kind == PhraseKind::Noun)
            .filter(|&i| {
                i == 0
                    || phrases[i - 1].kind != PhraseKind::Prep
                    || !self.word_is(phrases[i - 1].start, &["in", "at", "inside", "near", "on", "from"])
            })
            .flat_map(|i| self.actors.of_phrase(i))
            .filter(|a| a.country.as_deref().is_some_and(|c| c != own))
            .collect();
        others.dedup_by(|a, b| a.country == b.country);
        if !sentence_wide {
            others.clear();
        }
        let (mut other, why) = match others.as_slice() {
            [one] => {
                let why = format!("the other state the sentence names (\"{}\")", one.name);
                (one.clone(), why)
            }
            [] => {
                let o = self.actors.partner_of(own)?.clone();
                let why = format!("the other state of the story (\"{}\")", o.name);
                (o, why)
            }
            _ => return None,
        };
        other.inferred = Some(format!("addressee: {why}"));
        other.chain = Vec::new();
        Some(other)
    }

    /// "Peru declared Mexico's ambassador persona non grata", "declared 40 Russian diplomats
    /// personae non gratae": the object complement makes the declaration an expulsion (166)
    /// of the object's state's envoys.
    fn persona_non_grata(&self, c: &Clause) -> Option<Vec<Raw>> {
        if !matches!(self.lemma(c.head), "declare" | "deem" | "name") {
            return None;
        }
        let phrases = self.phrases();
        let (from, to) = (
            phrases[c.verb].end,
            phrases[c.end.min(phrases.len()).max(c.verb + 1) - 1].end,
        );
        let words: Vec<&str> = (from..to)
            .map(|k| self.word(k))
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        let png = (0..words.len()).any(|i| crate::text::tagger::persona_non_grata_at(&words, i).is_some());
        if !png {
            return None;
        }
        let subject = self.subject_of(c);
        let mut declared = self.of_opt(c.object.as_ref());
        declared.retain(|a| a.country.is_some() || a.code.is_some());
        let rule = format!("rule:expulsion \"{}\" X persona non grata → 166", self.word(c.head));
        Some(rule_events(
            &subject,
            &declared,
            "166",
            &rule,
            self.span(c.head),
            EventMood::Fact,
        ))
    }

    /// Codes one clause with the verb patterns: the most specific pattern of its verb whose
    /// elements its object and prepositional phrases fill.
    pub fn code_clause(&self, c: &Clause) -> Vec<Raw> {
        let lemma = self.lemma(c.head);
        if let Some(evs) = self.persona_non_grata(c) {
            return evs;
        }
        let vp = self.phrases()[c.verb];
        let mut particle = (vp.start..vp.end)
            .find(|&k| self.tokens()[k].pos == crate::text::Pos::RP)
            .map(|k| self.word(k).to_lowercase());
        // "handed over the bodies": a particle read as a preposition, when the phrasal verb
        // has patterns
        let mut particle_prep = None;
        if particle.is_none() {
            if let Some(next) = self.phrases().get(c.verb + 1).filter(|p| p.kind == PhraseKind::Prep) {
                let w = self.word(next.start).to_lowercase();
                if next.end == next.start + 1 && self.coder.patterns.is_phrasal(lemma, &w) {
                    particle = Some(w);
                    particle_prep = Some(next.start);
                }
            }
        }
        // "kicked the diplomats out", "ordered its envoy home", "sent 109 Uyghurs back to
        // China": a particle after the object, when the phrasal verb has patterns
        if particle.is_none() {
            let last = c
                .object
                .iter()
                .flat_map(|o| o.nps.iter().chain(&o.of).chain(&o.apposition))
                .max();
            if let Some(next) = last.and_then(|&k| self.phrases().get(k + 1)) {
                let w = self.word(next.start).to_lowercase();
                if next.end == next.start + 1
                    && (crate::text::clause::PARTICLES.contains(&w.as_str()) || w == "home")
                    && self.coder.patterns.is_phrasal(lemma, &w)
                {
                    particle = Some(w);
                }
            }
        }
        // a particle read from a preposition is tried with the phrasal verb's own patterns
        // only ("called for X" is no phone call to X), then as the preposition it may be
        let mut found = None;
        if particle_prep.is_some() {
            let phrasal = self
                .coder
                .patterns
                .phrasal_candidates(lemma, particle.as_deref().unwrap_or(""));
            let roles = Logical::of_clause(self, c, particle_prep);
            if let Some(m) = best_pattern(self, &phrasal, roles.object.as_ref(), &roles.preps) {
                found = Some((m, roles));
            }
        }
        if found.is_none() {
            let particle = particle.filter(|_| particle_prep.is_none());
            let candidates = self.coder.patterns.verb_candidates(lemma, particle.as_deref());
            let roles = Logical::of_clause(self, c, None);
            found = best_pattern(self, &candidates, roles.object.as_ref(), &roles.preps).map(|m| (m, roles));
        }
        let Some((m, mut roles)) = found else {
            return vec![];
        };
        let p = m.pattern;
        let (src, tgt) = if m.source.is_some() {
            (m.source, roles.subject.take())
        } else {
            (roles.subject.take(), m.target)
        };
        let mut sources = self.of_opt(src.as_ref());
        let mut targets = self.of_opt(tgt.as_ref());
        // a common noun that names nobody ("Footage released by the ministry") is no target; an
        // unknown name ("Jonas Weatherby") is kept uncoded
        targets.retain(|t| {
            t.code.is_some()
                || t.country.is_some()
                || !t.entries.is_empty()
                || self
                    .tokens()
                    .iter()
                    .any(|k| t.span.start <= k.span.start && k.span.end <= t.span.end && k.pos.is_proper())
        });
        let mut notes = roles.notes;
        // "Iran and Afghanistan blamed each other", "both sides blamed the other": a reciprocal
        // target is each of two or more subjects, aimed at the others
        let reciprocal = tgt.as_ref().is_some_and(|a| {
            let (Some(&first), Some(&last)) = (a.nps.first(), a.nps.iter().chain(&a.apposition).max()) else {
                return false;
            };
            let (s, e) = (self.a.phrase_span(first).start, self.a.phrase_span(last).end);
            let w = self.text.get(s..e).unwrap_or("").to_ascii_lowercase();
            matches!(
                w.as_str(),
                "each other" | "one another" | "the other" | "the other side"
            )
        });
        if targets.is_empty() && reciprocal {
            let countries: HashSet<&str> = sources.iter().filter_map(|s| s.country.as_deref()).collect();
            if countries.len() >= 2 {
                targets = sources.clone();
                for t in &mut targets {
                    t.inferred = Some("reciprocal: the other subjects (\"each other\")".into());
                }
            }
        }
        // "fired missiles at a military facility in Russia's Bryansk region": a target with no
        // state of its own takes the country of the place it is in (not for diplomatic
        // missions, which belong to the state they represent).
        let place = || {
            roles
                .preps
                .iter()
                .filter(|(w, _)| matches!(w.as_str(), "in" | "inside" | "near"))
                .flat_map(|(_, a)| self.of_arg(a))
                .find(|a| a.country.is_some())
        };
        // "X called Y": a phone call only when Y is a person or a government, not in "what
        // Beijing called law enforcement patrols"
        if p.code == "041" && p.lemmas.iter().any(|l| l == "call") {
            targets.retain(|t| t.code.as_deref().is_some_and(|c| c.ends_with("GOV")));
        }
        // "Kenya denied the accusations": an accusation or proposal with no author named is
        // the other state's of the story (marked as inferred)
        let typed_target = p
            .elems
            .iter()
            .any(|e| matches!(e, super::patterns::Elem::Object(super::patterns::Slot::TargetIf(_))));
        // ("their demand": an owner not resolved is not guessed)
        let owned = tgt.as_ref().and_then(|a| a.nps.first()).is_some_and(|&np| {
            let ph = self.phrases()[np];
            (ph.start..ph.end).any(|k| matches!(self.tokens()[k].pos, crate::text::Pos::POS | crate::text::Pos::PRPS))
        });
        if targets.is_empty() && typed_target && !owned && matches!(root_of(&p.code), 1 | 12) {
            let partner = sources
                .iter()
                .find_map(|s| s.country.as_deref())
                .and_then(|c| self.actors.partner_of(c))
                .cloned();
            if let Some(mut other) = partner {
                let span = tgt
                    .as_ref()
                    .and_then(|a| a.nps.first())
                    .map(|&np| self.a.phrase_span(np));
                other.inferred = Some(format!(
                    "author of \"{}\": the other state of the story (\"{}\")",
                    span.map_or("", |s| s.of(self.text)),
                    other.name
                ));
                other.chain = Vec::new();
                // the state's government made the accusation or proposal
                if let Some(c) = other.country.clone() {
                    other.code = Some(super::actors::actor_code(&c, "GOV"));
                }
                targets.push(other);
            }
        }
        // "a Japanese national was detained in Beijing": the unnamed authority of a passive
        if sources.is_empty() && src.is_none() && c.passive && root_of(&p.code) >= 11 {
            if let Some(agent) = self.passive_agent(c, lemma, &roles.preps, tgt.as_ref(), &targets) {
                sources.push(agent);
            }
        }
        // (not people an inferred authority coerced: "a man was arrested in Paris")
        let coerced_by_inferred = root_of(&p.code) == 17 && sources.iter().any(|s| s.inferred.is_some());
        let material =
            (root_of(&p.code) >= 15 || matches!(p.code.as_str(), "042" | "043" | "044")) && !coerced_by_inferred;
        if targets.is_empty() && tgt.is_some() && material {
            // "struck several villages in southern Lebanon": the place stands for the target
            if let Some(mut pl) = place() {
                pl.code = pl.country.clone();
                notes.push(format!("target is the place \"{}\"", pl.name));
                targets.push(pl);
            }
        } else if !targets.is_empty()
            && targets
                .iter()
                .all(|a| a.country.is_none() && !super::actors::is_org(a) && !a.entries.is_empty())
        {
            if let Some(pl) = place() {
                for t in targets.iter_mut().filter(|t| !self.actors.is_diplomatic(t)) {
                    let c = pl.country.clone().unwrap_or_default();
                    super::actors::locate(t, &c, &pl);
                    notes.push(format!("target located by \"{}\"", pl.name));
                }
            }
        }
        // "Gunmen attacked a police station in northern Nigeria", "protesters stormed the
        // Swedish embassy in Baghdad": people named by a role alone act where they act (before
        // the country the story is about)
        let role_only = |a: &Actor| {
            // "its forces": owned by someone not resolved, not by the place
            let owned = a
                .name
                .split_whitespace()
                .next()
                .is_some_and(|w| is_word(w, &["its", "their", "his", "her", "our", "my", "your"]));
            !owned
                && !a.entries.is_empty()
                && a.entries
                    .iter()
                    .all(|e| matches!(e.kind, crate::kb::TermKind::Agent | crate::kb::TermKind::AgentPlural))
                && (a.country.is_none()
                    || a.inferred
                        .as_deref()
                        .is_some_and(|w| w.contains("story") || w.contains("dateline")))
        };
        if root_of(&p.code) >= 14 && root_of(&p.code) != 16 && !sources.is_empty() && sources.iter().all(role_only) {
            if let Some(pl) = place() {
                let c = pl.country.clone().unwrap_or_default();
                for s in &mut sources {
                    let role = match (&s.code, &s.country) {
                        (Some(code), Some(own)) => code.strip_prefix(own.as_str()).unwrap_or(code).to_string(),
                        (Some(code), None) => code.clone(),
                        _ => String::new(),
                    };
                    s.code = Some(role);
                    s.entries
                        .retain(|e| matches!(e.kind, crate::kb::TermKind::Agent | crate::kb::TermKind::AgentPlural));
                    super::actors::locate(s, &c, &pl);
                    s.inferred = Some(format!("country: the place of the act \"{}\"", pl.name));
                }
            }
        }
        // "France recalled its ambassador", "North Korea conducted a missile test": a one-way
        // act whose addressee the text leaves to the discourse (not meetings or agreements,
        // whose other side is too often a third party or a place)
        // "condemned the attacks": disapproval of an act whose author the sentence leaves out
        let unowned_act = tgt.is_some() && !owned && root_of(&p.code) == 11;
        // (only when the clause itself names no other party: "launched strikes on Iranian
        // sites" has its target, whatever pattern matched)
        let mut named_others: Vec<Actor> = {
            let own: Vec<Option<&str>> = sources.iter().map(|s| s.country.as_deref()).collect();
            roles
                .object
                .iter()
                .chain(roles.preps.iter().map(|(_, a)| a))
                .flat_map(|a| self.of_arg(a))
                .filter(|a| a.country.is_some() && !own.contains(&a.country.as_deref()))
                .collect()
        };
        named_others.dedup_by(|a, b| a.country == b.country);
        if targets.is_empty() && unowned_act && !p.symmetric && named_others.len() == 1 {
            // "condemned the repressive attitude of Russia"
            let mut other = named_others.remove(0);
            other.inferred = Some("addressee: the one other state the clause names".into());
            notes.push("target inferred: the one other state the clause names".into());
            targets.push(other);
        }
        if targets.is_empty()
            && (!p.names_target() || unowned_act)
            && !p.symmetric
            && !sources.is_empty()
            && named_others.is_empty()
        {
            let mut states: Vec<&str> = sources.iter().filter_map(|s| s.country.as_deref()).collect();
            states.dedup();
            if states.len() == 2 && sources.len() == 2 && !p.names_target() {
                // "the two countries withdrew their ambassadors": each from the other
                notes.push("target inferred: each of the two sides acts on the other".to_string());
                targets = sources.clone();
            } else if let Some(other) = self.addressee(&sources, !p.names_target()) {
                notes.push(format!(
                    "target inferred: {}",
                    other.inferred.clone().unwrap_or_default()
                ));
                targets.push(other);
            }
        }
        if targets.is_empty() && p.one_sided() {
            let unknown = super::assemble::unknown_target(self, tgt.as_ref());
            targets.push(super::assemble::coerced_at_home(&p.code, &sources, unknown));
            notes.push("target unknown: the text names no state or organisation".into());
        }
        let trigger = Span::new(self.span(vp.start).start, self.span(vp.end - 1).end);
        let mood = if c.mood == Mood::Future {
            EventMood::Intent
        } else {
            EventMood::Fact
        };
        super::assemble::make_events(p, &sources, &targets, trigger, mood, notes)
    }
}
