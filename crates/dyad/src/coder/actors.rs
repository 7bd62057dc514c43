//! Actors of noun phrases: the knowledge-base names found inside a phrase combined into CAMEO
//! actor codes. "Turkish Foreign Minister Hakan Fidan" → TURGOV (office-holder on the date),
//! "the Iranian embassy" → IRNGOV, "Ankara" → TURGOV, "Turkey's foreign minister" → TURGOV,
//! "foreign ministers of Turkey and Egypt" → TURGOV and EGYGOV, "the UN" → IGOUNO, and an
//! unknown capitalised name → a named actor without a code.

use crate::analysis::SentenceAnalysis;
use crate::event::{Actor, EntryUse};
use crate::kb::{AgentKind, KnowledgeBase, LexMatch, Person, TermKind};
use crate::text::chunk::Phrase;
use crate::text::clause::Arg;
use crate::text::words::Words;
use crate::text::{Pos, Sentence, Span};
use chrono::NaiveDate;
use std::cell::RefCell;
use std::collections::VecDeque;

/// The CAMEO code of an actor of `country` in `role` ("TUR" + "GOV" → "TURGOV"): the one
/// place where actor codes are built from a country and a role.
pub(crate) fn actor_code(country: &str, role: &str) -> String {
    let mut code = String::with_capacity(country.len() + role.len());
    code.push_str(country);
    code.push_str(role);
    code
}

/// Gives `a` (a role without a state, "the ministry") the state `country` of the place
/// actor `place` it stands in or is located by.
pub(crate) fn locate(a: &mut Actor, country: &str, place: &Actor) {
    let role = a.code.clone().unwrap_or_default();
    a.code = Some(actor_code(country, &role));
    a.country = Some(country.to_string());
    a.entries.extend(place.entries.iter().cloned());
}

/// Per-sentence actor lookup over the sentence's knowledge-base names.
pub struct SentenceActors<'a> {
    kb: &'a KnowledgeBase,
    words: &'a Words,
    text: &'a str,
    sentence: &'a Sentence,
    phrases: &'a [Phrase],
    matches: &'a [LexMatch],
    date: Option<NaiveDate>,
    memory: Option<&'a Memory>,
    /// Ignore the memory's quotation (the speaker of a quotation is resolved outside it).
    outside_quote: bool,
    /// `of_phrase` of each phrase, computed once (the memory does not change meanwhile).
    phrase_actors: RefCell<Vec<Option<Vec<Actor>>>>,
    /// The country of a fronted place ("In Moscow, ..."), for bare agents of the sentence.
    place: Option<String>,
}

/// Actors seen earlier in the document, most recent last: what "he", "the minister" and
/// "the ministry" refer back to.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    items: VecDeque<Remembered>,
    /// The last person who was the subject of a clause ("he" prefers them).
    subject_person: Option<Actor>,
    /// Two states that were together the subject of the last sentence ("they").
    compound: Option<(Actor, Actor)>,
    /// The last date stated in the current paragraph (its index and the expression), which
    /// dates later events of the paragraph that give none.
    pub(crate) paragraph_date: Option<(usize, crate::text::dates::DateMention)>,
    /// The speaker of the quotation the current sentence lies in, and the quotation's span:
    /// "we", "us", "our country" inside it are the speaker's (set by the document pass).
    pub(crate) quote: Option<(Vec<Actor>, Span)>,
    /// The date stated in the sentence that attributes the current quotation ("..., he told
    /// parliament on Tuesday"): when it was said.
    pub(crate) quote_date: Option<crate::text::dates::DateMention>,
    /// The date of the article's lead: a day in the week before publication stated in the
    /// first sentence ("arrived in Ankara on Monday"), the occasion the story reports.
    pub(crate) lead_date: Option<crate::text::dates::DateMention>,
    /// The country of the dateline's place (its code and the place as written).
    pub(crate) dateline: Option<(String, String)>,
}

#[derive(Clone, Debug)]
struct Remembered {
    actor: Actor,
    /// Titles and body words the actor was named with ("foreign minister", "ministry").
    words: Vec<String>,
    person: bool,
}

impl Memory {
    /// Remembers an actor that has a country or organisation code.
    pub fn remember(&mut self, kb: &KnowledgeBase, actor: Actor) {
        if actor.code.is_none() {
            return;
        }
        let mut words = Vec::new();
        let mut person = false;
        for e in &actor.entries {
            match e.kind {
                TermKind::Agent | TermKind::AgentPlural => {
                    if let Some(a) = kb.agents.get(e.index as usize) {
                        person |= a.kind == AgentKind::Title;
                        words.push(a.phrase.clone());
                    }
                }
                TermKind::Person => {
                    person |= kb.people.get(e.index as usize).is_some_and(|p| !p.group);
                    if let Some(t) = kb.people.get(e.index as usize).and_then(|p| p.title.clone()) {
                        words.push(t);
                    }
                }
                _ => {}
            }
        }
        self.items.push_back(Remembered { actor, words, person });
        if self.items.len() > 64 {
            self.items.pop_front();
        }
    }

    /// The two states in focus: the two most recent distinct countries ("the two sides").
    /// The two countries named most often so far, the later mention breaking ties.
    fn pair(&self) -> Option<(&Actor, &Actor)> {
        let mut counts: Vec<(&str, usize, usize)> = Vec::new(); // (country, count, last index)
        for (i, r) in self.items.iter().enumerate() {
            let Some(c) = r.actor.country.as_deref() else { continue };
            match counts.iter_mut().find(|(k, _, _)| *k == c) {
                Some(e) => {
                    e.1 += 1;
                    e.2 = i;
                }
                None => counts.push((c, 1, i)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)));
        let (a, b) = (counts.first()?, counts.get(1)?);
        // the state's latest person ("the two leaders" after "Erdogan hosted Sisi in Ankara"
        // are Erdogan and Sisi, not Ankara), else its latest actor
        let actor = |c: &str| {
            let of_c = || {
                self.items
                    .iter()
                    .rev()
                    .filter(|r| r.actor.country.as_deref() == Some(c))
            };
            of_c().find(|r| r.person).or_else(|| of_c().next()).map(|r| &r.actor)
        };
        let (x, y) = (actor(a.0)?, actor(b.0)?);
        // keep the order of first mention
        let first = |c: &str| self.items.iter().position(|r| r.actor.country.as_deref() == Some(c));
        if first(a.0) <= first(b.0) {
            Some((x, y))
        } else {
            Some((y, x))
        }
    }

    /// An earlier actor named in full whose name ends with `surname`: "Miller" after
    /// "State Department spokesman Matthew Miller".
    fn by_surname(&self, surname: &str) -> Option<&Actor> {
        self.items
            .iter()
            .rev()
            .find(|r| {
                let base = base_name(&r.actor.name);
                if base.len() <= surname.len() {
                    return false;
                }
                // family name last ("Matthew Miller"), or first for an office-holder named that
                // way ("Lai Ching-te", "Xi Jinping")
                let person = r.actor.entries.iter().find(|e| e.kind == TermKind::Person);
                base.rsplit(' ').next() == Some(surname)
                    || person
                        .is_some_and(|e| e.entry.split(' ').next() == Some(surname) && e.entry.split(' ').count() <= 3)
            })
            .map(|r| &r.actor)
    }

    /// Records the subjects of a sentence's clauses: the last person among them, and a
    /// compound subject of two states (for "they" in the next sentence).
    pub fn note_subjects(&mut self, kb: &KnowledgeBase, subjects: &[Vec<Actor>]) {
        self.compound = None;
        for actors in subjects {
            if let Some(p) = actors.iter().rev().find(|a| a.country.is_some() && is_person(kb, a)) {
                self.subject_person = Some(p.clone());
            }
            let states: Vec<&Actor> = actors.iter().filter(|a| a.country.is_some()).collect();
            if let [a, b, ..] = states.as_slice() {
                if a.country != b.country {
                    self.compound = Some(((*a).clone(), (*b).clone()));
                }
            }
        }
    }

    /// How often each country was named so far, and the order of first mention.
    fn country_counts(&self) -> Vec<(&str, usize)> {
        let mut counts: Vec<(&str, usize)> = Vec::new();
        for r in &self.items {
            let Some(c) = r.actor.country.as_deref() else { continue };
            match counts.iter_mut().find(|(k, _)| *k == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c, 1)),
            }
        }
        counts
    }

    /// The most recent person: the last subject person, else the last person mentioned.
    fn person(&self) -> Option<&Actor> {
        if let Some(p) = &self.subject_person {
            return Some(p);
        }
        self.items
            .iter()
            .rev()
            .find(|r| r.person && r.actor.country.is_some())
            .map(|r| &r.actor)
    }

    /// The most recent actor named with a title or body word like `phrase`, or with a title
    /// holding one of the words `phrase` also refers to ("top diplomat" → "foreign minister").
    fn like(&self, phrase: &str, refers_to: &[String]) -> Option<&Actor> {
        let last = phrase.rsplit(' ').next().unwrap_or(phrase);
        self.items
            .iter()
            .rev()
            .filter(|r| r.actor.country.is_some())
            .find(|r| {
                r.words
                    .iter()
                    .any(|w| w == phrase || ends_with_word(w, last) || refers_to.iter().any(|x| w.contains(x.as_str())))
            })
            .map(|r| &r.actor)
    }
}

/// What one name in a phrase contributes.
#[derive(Clone, Debug)]
struct Piece {
    country: Option<String>,
    org: Option<String>,
    person_code: Option<String>,
    agent: Option<(String, AgentKind)>,
    uses: Vec<EntryUse>,
}

impl<'a> SentenceActors<'a> {
    /// The actors of analysed sentence `a` of `text`, on `date`, with the memory of earlier
    /// sentences.
    pub fn new(
        kb: &'a KnowledgeBase,
        words: &'a Words,
        text: &'a str,
        a: &'a SentenceAnalysis,
        date: Option<NaiveDate>,
        memory: Option<&'a Memory>,
    ) -> Self {
        let mut me = SentenceActors {
            kb,
            words,
            text,
            sentence: &a.sentence,
            phrases: &a.phrases,
            matches: &a.names,
            date,
            memory,
            outside_quote: false,
            phrase_actors: RefCell::new(vec![None; a.phrases.len()]),
            place: None,
        };
        me.place = me.fronted_place();
        me
    }

    /// Ignores the memory's quotation: for resolving the speaker of that quotation.
    pub fn outside_quote(mut self) -> Self {
        self.outside_quote = true;
        self
    }

    /// The speaker of the quotation that `at` lies in, if the document pass found one.
    pub fn quote_speaker(&self, at: Span) -> Option<&[Actor]> {
        if self.outside_quote {
            return None;
        }
        let (speaker, quote) = self.memory?.quote.as_ref()?;
        (quote.start <= at.start && at.end <= quote.end && !speaker.is_empty()).then_some(speaker.as_slice())
    }

    /// "we", "us", "our country", "I": the speaker of the quotation they are in, with `role`
    /// replacing the speaker's own ("our army" → the speaker's state's military).
    fn speaker_as(&self, span: Span, role: Option<&str>) -> Vec<Actor> {
        let Some(speaker) = self.quote_speaker(span) else {
            return Vec::new();
        };
        speaker
            .iter()
            .map(|sp| {
                let mut a = sp.clone();
                if let (Some(r), Some(c)) = (role, sp.country.as_ref()) {
                    a.code = Some(actor_code(c, r));
                }
                a.name = format!("{} (= {})", span.of(self.text), base_name(&sp.name));
                a.span = span;
                a.chain = chain_to(sp);
                a
            })
            .collect()
    }

    /// "U.S.-North Korea talks", "the Russia-Ukraine war", "Turkish-Egyptian ties": the states
    /// joined by a hyphen inside noun phrase `np`, when there are two or more.
    pub fn hyphen_states(&self, np: usize) -> Vec<Actor> {
        let ph = self.phrases[np];
        let mut out: Vec<Actor> = Vec::new();
        for m in self
            .matches
            .iter()
            .filter(|m| m.part.is_some() && m.start >= ph.start && m.start < ph.end)
        {
            let span = m.part.unwrap_or_default();
            let Some(p) = self.piece(m, span.of(self.text).to_string()) else {
                continue;
            };
            let Some(a) = combine(std::slice::from_ref(&p), span, self.text) else {
                continue;
            };
            if a.country.is_some() && !out.iter().any(|o| o.country == a.country) {
                out.push(a);
            }
        }
        if out.len() < 2 {
            out.clear();
        }
        out
    }

    /// "the two sides", "both countries", "both presidents" → the pair of states in focus.
    fn two_sides(&self, np: usize, role: Option<&str>) -> Option<Vec<Actor>> {
        let ph = self.phrases[np];
        // "the leaders of the West African bloc": the "of" phrase says whose
        let of_follows = self.phrases.get(np + 1).is_some_and(|p| {
            p.kind == crate::text::chunk::PhraseKind::Prep
                && self.sentence.tokens[p.start]
                    .span
                    .of(self.text)
                    .eq_ignore_ascii_case("of")
        });
        if of_follows {
            return None;
        }
        // Every word compared below is ASCII without a "k", so comparing ignoring ASCII case
        // is the same as lowercasing first (only the Kelvin sign lowercases to ASCII).
        let is = |k: usize, w: &str| self.sentence.tokens[k].span.of(self.text).eq_ignore_ascii_case(w);
        let last = ph.end - 1;
        let lower = |k: usize| self.sentence.tokens[k].span.of(self.text).to_lowercase();
        // "both N", "the two N", "the N" for a word that alone names the pair ("the leaders"),
        // "they"/"them" for the last compound subject
        let pronoun = ph.end - ph.start == 1 && (is(last, "they") || is(last, "them"));
        let pair = match ph.end - ph.start {
            2 if is(ph.start, "both") => self.words.pair_noun(&lower(last)),
            3 if is(ph.start, "the") && is(ph.start + 1, "two") => self.words.pair_noun(&lower(last)),
            2 if is(ph.start, "the") => self.words.pair_noun(&lower(last)).filter(|p| p.bare),
            _ => None,
        };
        if pair.is_none() && !pronoun {
            return None;
        }
        let mem = self.memory?;
        let (a, b) = if pronoun {
            let (a, b) = mem.compound.as_ref()?;
            (a, b)
        } else {
            mem.pair()?
        };
        let role = role.unwrap_or_else(|| pair.map_or("GOV", |p| p.role.as_str()));
        let span = self.token_span(ph.start, ph.end);
        Some(
            [a, b]
                .into_iter()
                .map(|x| {
                    let c = x.country.clone().unwrap_or_default();
                    Actor {
                        code: Some(actor_code(&c, role)),
                        country: Some(c),
                        name: format!("{} (= {})", span.of(self.text), base_name(&x.name)),
                        span,
                        entries: x.entries.clone(),
                        chain: chain_to(x),
                        inferred: None,
                    }
                })
                .collect(),
        )
    }

    /// Every actor of every noun phrase, in order (to remember for later sentences).
    pub fn all(&self) -> Vec<Actor> {
        (0..self.phrases.len())
            .filter(|&i| self.phrases[i].kind == crate::text::chunk::PhraseKind::Noun)
            .flat_map(|i| self.of_phrase(i))
            .collect()
    }

    /// Resolves a bare title or body ("the minister", "the ministry") or a personal pronoun
    /// against earlier actors of the document.
    fn refer_back(&self, a: &mut Actor, agent: Option<&str>, span: Span) -> bool {
        let Some(mem) = self.memory else { return false };
        let antecedent = match agent {
            Some(phrase) => {
                let refers_to = a
                    .entries
                    .iter()
                    .rev()
                    .find(|e| matches!(e.kind, TermKind::Agent | TermKind::AgentPlural))
                    .and_then(|e| self.kb.agents.get(e.index as usize))
                    .map_or(&[][..], |g| g.refers_to.as_slice());
                mem.like(phrase, refers_to)
            }
            None => mem.person(),
        };
        let Some(ante) = antecedent else { return false };
        let role = a.code.clone().unwrap_or_default();
        let country = ante.country.clone().unwrap_or_default();
        a.code = Some(if agent.is_some() && !role.is_empty() {
            actor_code(&country, &role)
        } else {
            ante.code.clone().unwrap_or_default()
        });
        a.country = ante.country.clone();
        a.entries.extend(ante.entries.iter().cloned());
        a.name = format!("{} (= {})", span.of(self.text), base_name(&ante.name));
        a.span = span;
        a.chain = chain_to(ante);
        true
    }

    /// "In Moscow, ...": a sentence opening with a place standing for a country.
    fn fronted_place(&self) -> Option<String> {
        let t = &self.sentence.tokens;
        if t.len() < 4 || !t[0].span.of(self.text).eq_ignore_ascii_case("in") {
            return None;
        }
        let comma = (1..t.len().min(6)).find(|&k| t[k].span.of(self.text) == ",")?;
        let m = self.matches.iter().find(|m| m.start == 1 && m.end == comma)?;
        let term = m.terms.first()?;
        match term.kind {
            TermKind::Capital | TermKind::CountryName => Some(self.kb.countries[term.index as usize].code.clone()),
            _ => None,
        }
    }

    /// The lexicon's matches (for `dyad explain`).
    pub fn matches(&self) -> &[LexMatch] {
        self.matches
    }

    /// The country the story is about, and why: the dateline's place, else the country named
    /// most often in the article so far and in this sentence (at least twice, and more often
    /// than any other).
    fn story_country(&self) -> Option<(String, String)> {
        let mem = self.memory?;
        if let Some((code, place)) = &mem.dateline {
            return Some((code.clone(), format!("the dateline's place \"{place}\"")));
        }
        let mut counts: Vec<(String, usize)> = mem
            .country_counts()
            .into_iter()
            .map(|(c, n)| (c.to_string(), n))
            .collect();
        // a place named in this sentence says where it happens: it breaks a tie
        let mut located: Vec<String> = Vec::new();
        for m in self.matches {
            let Some(t) = m.terms.first() else { continue };
            let c = match t.kind {
                TermKind::CountryName | TermKind::CountryAdjective | TermKind::Capital => {
                    &self.kb.countries[t.index as usize].code
                }
                TermKind::Place => &self.kb.places[t.index as usize].country,
                _ => continue,
            };
            if matches!(t.kind, TermKind::Capital | TermKind::Place) {
                located.push(c.clone());
            }
            match counts.iter_mut().find(|(k, _)| k == c) {
                Some(e) => e.1 += 1,
                None => counts.push((c.clone(), 1)),
            }
        }
        let top = counts.iter().map(|(_, n)| *n).max()?;
        let tied: Vec<&(String, usize)> = counts.iter().filter(|(_, m)| *m == top).collect();
        let best = match tied.as_slice() {
            [one] => Some(*one),
            many => {
                let at: Vec<&&(String, usize)> = many.iter().filter(|(c, _)| located.contains(c)).collect();
                (at.len() == 1).then(|| *at[0])
            }
        };
        let (best, n) = best?;
        (*n >= 2).then(|| {
            let name = self.kb.country(best).map_or(best.as_str(), |c| c.name.as_str());
            (
                best.clone(),
                format!("the country named most in the story so far ({name}, {n} times)"),
            )
        })
    }

    /// "Security forces", "the police", "protesters", "the court" with no state named: a
    /// domestic actor of the country the story is about, marked as inferred.
    fn in_story(&self, a: &mut Actor) {
        if a.country.is_some() || a.entries.is_empty() || is_org(a) || self.is_diplomatic(a) {
            return;
        }
        if !a
            .entries
            .iter()
            .all(|e| matches!(e.kind, TermKind::Agent | TermKind::AgentPlural))
        {
            return;
        }
        let Some((c, why)) = self.story_country() else { return };
        let role = a.code.clone().unwrap_or_default();
        a.code = Some(actor_code(&c, &role));
        a.country = Some(c);
        a.inferred = Some(format!("country: {why}"));
    }

    /// The other state of the pair the story is about, when `country` is one of the pair.
    pub fn partner_of(&self, country: &str) -> Option<&Actor> {
        let (a, b) = self.memory?.pair()?;
        if a.country.as_deref() == Some(country) {
            Some(b)
        } else if b.country.as_deref() == Some(country) {
            Some(a)
        } else {
            None
        }
    }

    /// Embassies, consulates and envoys belong to the state they represent, not where they
    /// are: is a whole word of one of `a`'s entries a word of diplomatic representation?
    pub fn is_diplomatic(&self, a: &Actor) -> bool {
        a.entries.iter().any(|e| self.words.is_diplomatic_name(&e.entry))
    }

    /// The knowledge base.
    pub fn kb(&self) -> &KnowledgeBase {
        self.kb
    }

    fn token_span(&self, start: usize, end: usize) -> Span {
        let t = &self.sentence.tokens;
        Span::new(t[start].span.start, t[end - 1].span.end)
    }

    /// The pieces (resolved names) inside tokens `[start, end)`.
    fn pieces(&self, start: usize, end: usize) -> Vec<Piece> {
        let mut out = Vec::new();
        // A name may run on past the phrase ("the International Court | of Justice",
        // "the Ministry | of Foreign Affairs"): it belongs to the phrase it starts in.
        for m in self.matches.iter().filter(|m| m.start >= start && m.start < end) {
            let span = m.part.unwrap_or_else(|| self.token_span(m.start, m.end));
            let matched = span.of(self.text).to_string();
            if let Some(p) = self.piece(m, matched) {
                out.push(p);
            }
        }
        out
    }

    /// Chooses the meaning of one match: a person in office on the date first, then a
    /// country, an organisation, then an agent word.
    fn piece(&self, m: &LexMatch, matched: String) -> Option<Piece> {
        let kb = self.kb;
        let mut piece = Piece {
            country: None,
            org: None,
            person_code: None,
            agent: None,
            uses: vec![],
        };
        // People: the term in office on the date, else the latest term before it (a former
        // office-holder: country + ELI), else the first term (no code).
        let people: Vec<&Person> = m
            .terms
            .iter()
            .filter(|t| t.kind == TermKind::Person)
            .map(|t| &kb.people[t.index as usize])
            .collect();
        if !people.is_empty() {
            let chosen = match self.date {
                Some(d) => people.iter().find(|p| p.in_office(d)).copied(),
                None => people.iter().find(|p| p.until.is_none()).copied(),
            };
            let (code, person) = match chosen {
                Some(p) => (p.code.clone(), p),
                None => {
                    let former = self.date.and_then(|d| {
                        people
                            .iter()
                            .filter(|p| p.until.is_some_and(|u| u < d))
                            .max_by_key(|p| p.until)
                            .copied()
                    });
                    match former {
                        // a former office-holder of a state is one of its elite (CAMEO ELI);
                        // a former head of an organisation is just a named person
                        Some(p) if kb.country_of_code(&p.code).is_some() => (actor_code(&p.code[..3], "ELI"), p),
                        Some(p) => (String::new(), p),
                        None => (String::new(), people[0]),
                    }
                }
            };
            let term = format!(
                "{}..{}",
                person.from.map(|d| d.to_string()).unwrap_or_default(),
                person.until.map(|d| d.to_string()).unwrap_or_default()
            );
            let index = m
                .terms
                .iter()
                .find(|t| t.kind == TermKind::Person && std::ptr::eq(&kb.people[t.index as usize], person))
                .map_or(0, |t| t.index);
            piece.uses.push(EntryUse {
                kind: TermKind::Person,
                matched,
                entry: person.name.clone(),
                code: code.clone(),
                source: person.source,
                term: Some(term),
                index,
            });
            if !code.is_empty() {
                if kb.country_of_code(&code).is_some() {
                    piece.country = Some(code[..3].to_string());
                }
                piece.person_code = Some(code);
            } else if let Some(c) = kb.country_of_code(&person.code) {
                piece.country = Some(c.code.clone());
            }
            return Some(piece);
        }
        let t = m.terms.first()?;
        let i = t.index as usize;
        match t.kind {
            TermKind::CountryName | TermKind::CountryAdjective | TermKind::Capital | TermKind::Seat => {
                let c = &kb.countries[i];
                piece.country = Some(c.code.clone());
                if matches!(t.kind, TermKind::Capital | TermKind::Seat) {
                    piece.agent = Some(("GOV".into(), AgentKind::Body));
                }
                let code = if matches!(t.kind, TermKind::Capital | TermKind::Seat) {
                    actor_code(&c.code, "GOV")
                } else {
                    c.code.clone()
                };
                piece.uses.push(entry_use(t, matched, c.name.clone(), code, c.source));
            }
            TermKind::Organisation | TermKind::OrganisationAdjective => {
                let o = &kb.organisations[i];
                piece.org = Some(o.code.clone());
                piece
                    .uses
                    .push(entry_use(t, matched, o.name.clone(), o.code.clone(), o.source));
            }
            TermKind::Agent | TermKind::AgentPlural => {
                let a = &kb.agents[i];
                piece.agent = Some((a.code.clone(), a.kind));
                piece
                    .uses
                    .push(entry_use(t, matched, a.phrase.clone(), a.code.clone(), a.source));
            }
            TermKind::Place => {
                let pl = &kb.places[i];
                piece.country = Some(pl.country.clone());
                piece
                    .uses
                    .push(entry_use(t, matched, pl.name.clone(), pl.country.clone(), pl.source));
            }
            TermKind::Person | TermKind::Blocked => return None,
        }
        Some(piece)
    }

    /// The actors of one noun phrase (several for "Turkish and Egyptian officials"-like cases
    /// are produced by coordination at the argument level).
    pub fn of_phrase(&self, np: usize) -> Vec<Actor> {
        if let Some(done) = &self.phrase_actors.borrow()[np] {
            return done.clone();
        }
        let actors = self.resolve_phrase(np);
        self.phrase_actors.borrow_mut()[np] = Some(actors.clone());
        actors
    }

    fn resolve_phrase(&self, np: usize) -> Vec<Actor> {
        let ph = self.phrases[np];
        let toks = &self.sentence.tokens;
        // Split at possessive markers: the last segment is the phrase's own; earlier ones possessors.
        let mut seg_start = ph.start;
        let mut possessor: Vec<Piece> = Vec::new();
        for (k, t) in toks.iter().enumerate().take(ph.end).skip(ph.start) {
            if t.pos == Pos::POS && k + 1 < ph.end {
                possessor.extend(self.pieces(seg_start, k));
                seg_start = k + 1;
            }
        }
        let own = self.pieces(seg_start, ph.end);
        let span = self.token_span(ph.start, ph.end);
        let name_span = self.token_span(seg_start, ph.end);
        let mut actor = combine(&own, name_span, self.text);
        if let Some(a) = actor.as_mut() {
            if a.code.is_none() || a.country.is_none() {
                // "Turkey's foreign minister": country from the possessor.
                if let Some(pc) = combine(&possessor, span, self.text) {
                    let agent_only = a.country.is_none() && own.iter().all(|p| p.agent.is_some() && p.org.is_none());
                    if (a.code.is_none() || agent_only) && pc.country.is_some() {
                        let role = own
                            .iter()
                            .find_map(|p| p.agent.clone())
                            .map(|(c, _)| c)
                            .unwrap_or_default();
                        a.code = Some(actor_code(pc.country.as_deref().unwrap_or_default(), &role));
                        a.country = pc.country.clone();
                        a.entries.extend(pc.entries);
                        a.span = span;
                    }
                }
            }
            let mut a = actor.unwrap();
            let agent_only = a.country.is_none()
                && !own.is_empty()
                && own
                    .iter()
                    .all(|p| p.org.is_none() && matches!(p.agent, Some((_, AgentKind::Title | AgentKind::Body))));
            // "Russia's Defence Ministry said its forces": the first state or organisation
            // named before in the sentence
            let its_owner = || {
                let w = toks[ph.start].span.of(self.text);
                let its = toks[ph.start].pos == Pos::PRPS
                    && (w.eq_ignore_ascii_case("its") || w.eq_ignore_ascii_case("their"));
                its.then(|| self.state_pronoun(span, false, singular(w)))
                    .flatten()
                    .filter(|o| o.country.is_some())
            };
            if agent_only {
                if let Some(pair) = self.two_sides(np, a.code.as_deref()) {
                    return pair;
                }
                let ours = toks[ph.start].pos == Pos::PRPS
                    && FIRST_PERSON.contains(&toks[ph.start].span.of(self.text).to_lowercase().as_str());
                let speaker = if ours { self.speaker_as(span, None) } else { Vec::new() };
                if let Some(o) = its_owner() {
                    let c = o.country.clone().unwrap_or_default();
                    locate(&mut a, &c, &o);
                    a.chain = chain_to(&o);
                } else if let Some(sp) = speaker.iter().find(|sp| sp.country.is_some()) {
                    // "our troops" in a quotation: the speaker's state's
                    let c = sp.country.clone().unwrap_or_default();
                    let role = a.code.clone().unwrap_or_default();
                    a.code = Some(actor_code(&c, &role));
                    a.country = Some(c);
                    a.chain = sp.chain.clone();
                    a.entries.extend(sp.entries.iter().cloned());
                } else if let Some(c) = self.place.as_ref() {
                    // "In Moscow, the Foreign Ministry spokeswoman said"
                    let role = a.code.clone().unwrap_or_default();
                    a.code = Some(actor_code(c, &role));
                    a.country = Some(c.clone());
                } else {
                    let phrase = a.entries.last().map(|e| e.entry.clone()).unwrap_or_default();
                    self.refer_back(&mut a, Some(&phrase), span);
                }
            }
            // "the gunmen" after "Serb gunmen": a group named again takes its earlier state
            let group_only = a.country.is_none()
                && !own.is_empty()
                && own
                    .iter()
                    .all(|p| p.org.is_none() && matches!(p.agent, Some((_, AgentKind::Group))));
            if group_only {
                match its_owner() {
                    Some(o) => {
                        let c = o.country.clone().unwrap_or_default();
                        locate(&mut a, &c, &o);
                        a.chain = chain_to(&o);
                    }
                    None => {
                        let phrase = a.entries.last().map(|e| e.entry.clone()).unwrap_or_default();
                        self.refer_back(&mut a, Some(&phrase), span);
                    }
                }
            }
            return vec![a];
        }
        if let Some(pair) = self.two_sides(np, None) {
            return pair;
        }
        // Personal pronouns refer back to the last person; "we", "us", "I" in a quotation are
        // its speaker.
        if ph.end == ph.start + 1 && matches!(toks[ph.start].pos, Pos::PRP | Pos::PRPS) {
            let w = toks[ph.start].span.of(self.text).to_lowercase();
            if matches!(w.as_str(), "he" | "she" | "him" | "her" | "his") {
                let object = w == "him" || (w == "her" && toks[ph.start].pos == Pos::PRP);
                return self.person_pronoun(w, span, object).into_iter().collect();
            }
            if FIRST_PERSON.contains(&w.as_str()) {
                return self.speaker_as(span, None);
            }
            // "accusing it of", "Somalia announced it has severed": after a verb, a state
            // named before in the sentence (an object "it" not its own verb's subject)
            if w == "it" && np > 0 && self.phrases[np - 1].kind == crate::text::chunk::PhraseKind::Verb {
                let verb = self.phrases[np - 1];
                let said = self
                    .words
                    .is_speech_verb(&toks[verb.head].span.of(self.text).to_lowercase());
                return self.state_pronoun(span, !said, true).into_iter().collect();
            }
            return vec![];
        }
        // "our country", "our government" in a quotation: the speaker's state.
        if ph.end > ph.start + 1
            && toks[ph.start].pos == Pos::PRPS
            && FIRST_PERSON.contains(&toks[ph.start].span.of(self.text).to_lowercase().as_str())
        {
            let head = toks[ph.end - 1].span.of(self.text).to_lowercase();
            if matches!(
                head.as_str(),
                "country" | "nation" | "state" | "government" | "republic" | "people" | "side" | "capital"
            ) {
                return self.speaker_as(span, Some("GOV"));
            }
            if matches!(
                head.as_str(),
                "organisation" | "organization" | "alliance" | "union" | "bloc"
            ) {
                return self.speaker_as(span, None);
            }
        }
        // An unknown capitalised name is kept as a named actor without a code.
        let proper: Vec<usize> = (seg_start..ph.end).filter(|&k| toks[k].pos.is_proper()).collect();
        let head_is_name = toks[ph.head].pos.is_proper() && !is_time_word(toks[ph.head].span.of(self.text));
        if let (Some(&a), Some(&b), true) = (proper.first(), proper.last(), head_is_name) {
            let s = self.token_span(a, b + 1);
            // "Russia's Bryansk region": an unknown name owned by a state belongs to that state.
            if let Some(pc) = combine(&possessor, span, self.text).filter(|p| p.country.is_some()) {
                let c = pc.country.clone().unwrap_or_default();
                return vec![Actor {
                    code: Some(c.clone()),
                    country: Some(c),
                    name: span.of(self.text).to_string(),
                    span,
                    entries: pc.entries,
                    chain: Vec::new(),
                    inferred: None,
                }];
            }
            // A surname alone refers to the person named in full earlier in the article.
            let name = s.of(self.text);
            if a == b {
                if let Some(ante) = self.memory.and_then(|m| m.by_surname(name)) {
                    let mut r = ante.clone();
                    r.name = format!("{name} (= {})", base_name(&ante.name));
                    r.span = s;
                    r.chain = chain_to(ante);
                    return vec![r];
                }
            }
            return vec![Actor {
                code: None,
                country: None,
                name: name.to_string(),
                span: s,
                entries: vec![],
                chain: Vec::new(),
                inferred: None,
            }];
        }
        vec![]
    }

    /// "he", "his", "him" (`object`): a person named earlier in the sentence, else the person
    /// the pronoun refers back to.
    fn person_pronoun(&self, word: String, span: Span, object: bool) -> Option<Actor> {
        use crate::text::chunk::PhraseKind;
        // "Guterres is expected to attend ... , his first visit to Russia": the first person
        // named earlier in the sentence; "him" is not the subject of its own verb ("Ishiba
        // welcomed him", "Putin apologised to him")
        let before = self
            .phrases
            .iter()
            .take_while(|ph| self.sentence.tokens[ph.end - 1].span.end <= span.start)
            .count();
        let own_subject = |p: usize| {
            object
                && (p + 1..before).all(|k| {
                    matches!(
                        self.phrases[k].kind,
                        PhraseKind::Verb | PhraseKind::Adverb | PhraseKind::Prep
                    )
                })
        };
        // (a phrase naming several, "the two leaders", is no antecedent of "his")
        let earlier = (0..before)
            .filter(|&p| self.phrases[p].kind == PhraseKind::Noun && !own_subject(p))
            .map(|p| self.of_phrase(p))
            .filter(|actors| actors.len() == 1)
            .flatten()
            .find(|a| a.country.is_some() && a.entries.iter().any(|e| e.kind == TermKind::Person));
        if let Some(p) = earlier {
            return Some(Actor {
                name: format!("{} (= {})", span.of(self.text), base_name(&p.name)),
                span,
                chain: chain_to(&p),
                ..p
            });
        }
        let mut a = Actor {
            name: word,
            span,
            ..Actor::default()
        };
        self.refer_back(&mut a, None, span).then_some(a)
    }

    /// "it", "its": a state or organisation named earlier in the sentence — for an object
    /// (`object`) the nearest one that is not its own verb's subject, else the first.
    fn state_pronoun(&self, span: Span, object: bool, singular: bool) -> Option<Actor> {
        use crate::text::chunk::PhraseKind;
        let before = self
            .phrases
            .iter()
            .take_while(|ph| self.sentence.tokens[ph.end - 1].span.end <= span.start)
            .count();
        let own_subject = |p: usize| {
            (p + 1..before).all(|k| {
                matches!(
                    self.phrases[k].kind,
                    PhraseKind::Verb | PhraseKind::Adverb | PhraseKind::Prep
                )
            })
        };
        let state = |a: &Actor| {
            (a.country.is_some() || is_org(a))
                && !a.entries.iter().any(|e| e.kind == TermKind::Person)
                && a.name
                    .split_whitespace()
                    .next()
                    .is_none_or(|w| !w.eq_ignore_ascii_case("its"))
        };
        let mut found = (0..before)
            .filter(|&p| self.phrases[p].kind == PhraseKind::Noun && !(object && own_subject(p)))
            // "police ... detained two of its employees": "its" is not the police
            .filter(|&p| {
                let head = &self.sentence.tokens[self.phrases[p].head];
                !singular || !(head.pos == Pos::NNS || head.span.of(self.text).eq_ignore_ascii_case("police"))
            })
            // a state or organisation is named by a proper noun ("Kenya", "the Foreign
            // Ministry"), not "the Baku office"
            .filter(|&p| self.sentence.tokens[self.phrases[p].head].pos.is_proper())
            .map(|p| self.of_phrase(p).into_iter().find(|a| state(a)));
        let p = if object {
            found.flatten().last()
        } else {
            found.find_map(|a| a)
        }?;
        Some(Actor {
            name: format!("{} (= {})", span.of(self.text), base_name(&p.name)),
            span,
            chain: chain_to(&p),
            ..p
        })
    }

    /// The lemma of the head noun of phrase `np`.
    fn head_lemma(&self, np: usize) -> String {
        let head = self.phrases[np].head;
        crate::text::lemma::noun_lemma(&self.sentence.tokens[head].span.of(self.text).to_lowercase())
    }

    /// The possessor of a noun phrase: "Fidan's visit" → Fidan, "his visit" → the person
    /// referred back to.
    pub fn possessor(&self, np: usize) -> Option<Actor> {
        let ph = self.phrases[np];
        let toks = &self.sentence.tokens;
        let last_pos = (ph.start..ph.end)
            .rev()
            .find(|&k| toks[k].pos == Pos::POS && k + 1 < ph.end);
        if let Some(k) = last_pos {
            let span = self.token_span(ph.start, k);
            return combine(&self.pieces(ph.start, k), span, self.text).filter(|a| a.code.is_some());
        }
        if toks[ph.start].pos == Pos::PRPS {
            let w = toks[ph.start].span.of(self.text).to_lowercase();
            if matches!(w.as_str(), "his" | "her") {
                return self.person_pronoun(w, toks[ph.start].span, false);
            }
            if FIRST_PERSON.contains(&w.as_str()) {
                return self.speaker_as(toks[ph.start].span, None).into_iter().next();
            }
        }
        None
    }

    /// The actors of an argument: each coordinated phrase, with "of" phrases supplying the
    /// country of bare agents ("the foreign ministers of Turkey and Egypt").
    pub fn of_arg(&self, arg: &Arg) -> Vec<Actor> {
        let mut out = Vec::new();
        let of_actors: Vec<Actor> = arg.of.iter().flat_map(|&p| self.of_phrase(p)).collect();
        let appositions: Vec<Actor> = arg.apposition.iter().flat_map(|&p| self.of_phrase(p)).collect();
        let place: Option<Actor> = arg
            .at
            .iter()
            .flat_map(|&p| self.of_phrase(p))
            .find(|a| a.country.is_some());
        for &np in &arg.nps {
            let mut mine = self.of_phrase(np);
            if mine.is_empty() {
                // "Ukraine's sovereignty", "the territorial integrity of Somalia": the state whose
                // sovereignty, visit, embassy... it is.
                if let Some(p) = self.possessor(np) {
                    mine.push(p);
                } else if !of_actors.is_empty() && self.words.stands_for_owner(&self.head_lemma(np)) {
                    out.extend(of_actors.iter().filter(|a| a.code.is_some()).cloned());
                    continue;
                } else {
                    continue;
                }
            }
            for mut a in mine {
                let bare_agent = a.country.is_none()
                    && a.entries
                        .iter()
                        .all(|e| matches!(e.kind, TermKind::Agent | TermKind::AgentPlural));
                if bare_agent && !a.entries.is_empty() {
                    let with_country: Vec<&Actor> = of_actors
                        .iter()
                        .chain(appositions.iter())
                        .filter(|o| o.country.is_some())
                        .collect();
                    if !with_country.is_empty() {
                        let role = a.code.clone().unwrap_or_default();
                        for o in with_country {
                            let mut b = a.clone();
                            let c = o.country.clone().unwrap_or_default();
                            b.code = Some(actor_code(&c, &role));
                            b.country = Some(c);
                            b.entries.extend(o.entries.iter().cloned());
                            out.push(b);
                        }
                        continue;
                    }
                }
                if a.code.is_none() {
                    // an unknown name with a known apposition: "Hakan Fidan, Turkey's foreign minister"
                    if let Some(o) = appositions.iter().find(|o| o.code.is_some()) {
                        a.code = o.code.clone();
                        a.country = o.country.clone();
                        a.entries.extend(o.entries.iter().cloned());
                    }
                }
                if let Some(pl) = place.as_ref().filter(|_| a.country.is_none() && !a.entries.is_empty()) {
                    // a state organ located in a capital belongs to that state (not a mission)
                    if !self.is_diplomatic(&a) {
                        let c = pl.country.clone().unwrap_or_default();
                        locate(&mut a, &c, pl);
                    }
                }
                out.push(a);
            }
        }
        // Bare domestic agents take the country the story is about.
        for a in &mut out {
            self.in_story(a);
        }
        // "Turkish and Egyptian officials": adjective-only conjuncts take the last conjunct's role.
        if out.len() > 1 {
            let last_role = out
                .last()
                .and_then(|a| a.code.as_ref().zip(a.country.as_ref()))
                .map(|(c, k)| c[k.len().min(c.len())..].to_string());
            if let Some(role) = last_role.filter(|r| !r.is_empty()) {
                let n = out.len();
                for a in out.iter_mut().take(n - 1) {
                    if let (Some(c), Some(k)) = (a.code.as_ref(), a.country.as_ref()) {
                        if c == k && a.entries.iter().all(|e| e.kind == TermKind::CountryAdjective) {
                            a.code = Some(actor_code(k, &role));
                        }
                    }
                }
            }
        }
        out
    }
}

/// `w.rsplit(' ').next() == Some(last)` for a `last` without spaces, without the searcher.
fn ends_with_word(w: &str, last: &str) -> bool {
    w.ends_with(last) && (w.len() == last.len() || w.as_bytes()[w.len() - last.len() - 1] == b' ')
}

/// First-person words, which in a quotation stand for its speaker.
const FIRST_PERSON: [&str; 8] = ["we", "us", "our", "ours", "i", "me", "my", "mine"];

/// The mention chain that ends at `ante`: its own chain, then its own words.
fn chain_to(ante: &Actor) -> Vec<String> {
    let mut chain = ante.chain.clone();
    let own = ante.name.split(" (= ").next().unwrap_or(&ante.name).to_string();
    if chain.last() != Some(&own) {
        chain.push(own);
    }
    chain
}

/// Is a pronoun singular ("it", "its"), not "their"?
fn singular(pronoun: &str) -> bool {
    !pronoun.eq_ignore_ascii_case("their")
}

/// Was this actor named as a person (an office-holder or a title)?
fn is_person(kb: &KnowledgeBase, a: &Actor) -> bool {
    a.entries.iter().any(|e| match e.kind {
        TermKind::Person => kb.people.get(e.index as usize).is_some_and(|p| !p.group),
        TermKind::Agent | TermKind::AgentPlural => kb
            .agents
            .get(e.index as usize)
            .is_some_and(|g| g.kind == AgentKind::Title),
        _ => false,
    })
}

/// Days and months are names but never actors.
fn is_time_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    crate::text::dates::month_number(w).is_some()
        || crate::text::dates::weekday_name(w, false).is_some()
        || ["today", "yesterday", "tomorrow"]
            .iter()
            .any(|t| t.eq_ignore_ascii_case(w))
}

/// The name an antecedent was first given: "The ministers (= Hakan Fidan)" → "Hakan Fidan".
fn base_name(name: &str) -> &str {
    // name.rfind("(= "), by bytes: the searcher costs more than the scan on short names
    let b = name.as_bytes();
    let open = (0..b.len().saturating_sub(2))
        .rev()
        .find(|&i| b[i] == b'(' && b[i + 1] == b'=' && b[i + 2] == b' ');
    match open {
        Some(i) => name[i + 3..].trim_end_matches(')'),
        None => name,
    }
}

/// Combines the pieces of one phrase segment into an actor.
fn combine(pieces: &[Piece], span: Span, text: &str) -> Option<Actor> {
    if pieces.is_empty() {
        return None;
    }
    let uses: Vec<EntryUse> = pieces.iter().flat_map(|p| p.uses.iter().cloned()).collect();
    let name = span.of(text).to_string();
    // An office-holder in office decides the code.
    if let Some(p) = pieces.iter().rev().find(|p| p.person_code.is_some()) {
        return Some(Actor {
            code: p.person_code.clone(),
            country: p.country.clone(),
            name,
            span,
            entries: uses,
            chain: Vec::new(),
            inferred: None,
        });
    }
    let agent = pieces.iter().rev().find_map(|p| p.agent.clone());
    if let Some(p) = pieces.iter().rev().find(|p| p.org.is_some()) {
        return Some(Actor {
            code: p.org.clone(),
            country: None,
            name,
            span,
            entries: uses,
            chain: Vec::new(),
            inferred: None,
        });
    }
    if let Some(c) = pieces.iter().find_map(|p| p.country.clone()) {
        let role = agent.map(|(r, _)| r).unwrap_or_default();
        let role =
            if role == "GOV" || role.is_empty() || !pieces.iter().any(|p| p.agent.is_some() && p.country.is_none()) {
                // a capital alone gives GOV; a country name alone gives the bare country code
                if pieces.iter().any(|p| p.country.is_some() && p.agent.is_some()) && role.is_empty() {
                    "GOV".to_string()
                } else {
                    role
                }
            } else {
                role
            };
        return Some(Actor {
            code: Some(actor_code(&c, &role)),
            country: Some(c),
            name,
            span,
            entries: uses,
            chain: Vec::new(),
            inferred: None,
        });
    }
    if let Some((role, _)) = agent {
        return Some(Actor {
            code: Some(role),
            country: None,
            name,
            span,
            entries: uses,
            chain: Vec::new(),
            inferred: None,
        });
    }
    // A former office-holder outside any term known to us: named, uncoded.
    Some(Actor {
        code: None,
        country: pieces.iter().find_map(|p| p.country.clone()),
        name,
        span,
        entries: uses,
        chain: Vec::new(),
        inferred: None,
    })
}

/// The use of a non-person knowledge-base term in an actor.
fn entry_use(t: &crate::kb::Term, matched: String, entry: String, code: String, source: crate::kb::Source) -> EntryUse {
    EntryUse {
        kind: t.kind,
        matched,
        entry,
        code,
        source,
        term: None,
        index: t.index,
    }
}

/// An international or non-governmental organisation.
pub(crate) fn is_org(a: &Actor) -> bool {
    a.code
        .as_deref()
        .is_some_and(|c| c.starts_with("IGO") || c.starts_with("NGO"))
}
