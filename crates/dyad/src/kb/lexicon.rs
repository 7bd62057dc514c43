//! The compiled name matcher: every name, variant, adjective, capital, office-holder and agent
//! word of the knowledge base in one trie over normalised tokens.
//!
//! Names are tokenized with dyad's own tokenizer, so a name matches exactly when the text
//! tokenizes the same way. A sentence is matched once; each token start takes its longest
//! name, and names do not overlap. A token costs one hash look-up whatever the number of names,
//! so matching time stays flat as the knowledge base grows. Proper names need a capitalised
//! token, unless the data writes the name all in lower case ("apostolic nuncio").

use super::{normalize, Agent, Country, Organisation, Person, Place};
use crate::text::{token, Span};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// What a matched name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TermKind {
    /// A country's name or variant ("Turkey", "Türkiye").
    CountryName,
    /// A country's adjective or demonym ("Turkish", "Turks").
    CountryAdjective,
    /// A capital standing for the government ("Ankara").
    Capital,
    /// A seat of government ("Kremlin").
    Seat,
    /// An organisation's name or acronym.
    Organisation,
    /// An organisation's adjective.
    OrganisationAdjective,
    /// An office-holder's name.
    Person,
    /// An agent word, singular.
    Agent,
    /// An agent word, plural.
    AgentPlural,
    /// A name that is not an actor ("Latin America"): it wins over the names inside it.
    Blocked,
    /// A city or region: where something happened, standing for its state ("Kazan").
    Place,
}

impl TermKind {
    /// Proper names must be capitalised in the text; agent words need not be.
    pub fn is_proper(self) -> bool {
        !matches!(self, TermKind::Agent | TermKind::AgentPlural)
    }
}

/// One meaning of a name: its kind and the index of its entry in the matching list of the
/// [`super::KnowledgeBase`] (countries, organisations, people or agents).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Term {
    /// What the name refers to.
    pub kind: TermKind,
    /// Index of the entry.
    pub index: u32,
}

/// A name found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexMatch {
    /// First token (index into the sentence's tokens).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// For a name found inside a hyphenated token ("Russia-Ukraine"), the bytes of that part.
    pub part: Option<Span>,
    /// Every meaning of the name.
    pub terms: Vec<Term>,
}

/// No phrase ends at this trie node.
const NONE: u32 = u32::MAX;

/// Compiled matcher over all names of the knowledge base.
pub struct Lexicon {
    /// Id of every normalised token that occurs in some name.
    words: FxHashMap<Box<str>, u32>,
    /// Trie edges: (node, word id) → node. Node 0 is the root.
    next: FxHashMap<(u32, u32), u32>,
    /// Per node: the id of the phrase ending there, or [`NONE`].
    phrase: Vec<u32>,
    /// Meanings per phrase id.
    terms: Vec<Vec<Term>>,
    /// Per phrase id: written as an acronym ("WHO", "AU"), so the text must be in capitals too.
    acronym: Vec<bool>,
    /// Per phrase id: some proper name is written all in lower case in the data ("apostolic
    /// nuncio", a seat of the Holy See), so it matches in lower case too, as agent words do.
    lower: Vec<bool>,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("phrases", &self.terms.len()).finish()
    }
}

impl Lexicon {
    /// The trie node of `phrase` (tokenized and normalised), created if needed; `None` for a
    /// phrase without tokens.
    fn insert_phrase(&mut self, phrase: &str, spans: &mut Vec<Span>, buf: &mut String) -> Option<u32> {
        spans.clear();
        token::tokenize(phrase, Span::new(0, phrase.len()), spans);
        if spans.is_empty() {
            return None;
        }
        let mut node = 0u32;
        for s in spans.iter() {
            buf.clear();
            normalize(s.of(phrase), buf);
            let n = self.words.len() as u32;
            let word = match self.words.get(buf.as_str()) {
                Some(&w) => w,
                None => {
                    self.words.insert(buf.as_str().into(), n);
                    n
                }
            };
            let fresh = self.phrase.len() as u32;
            node = *self.next.entry((node, word)).or_insert(fresh);
            if node == fresh {
                self.phrase.push(NONE);
            }
        }
        Some(node)
    }

    /// The node reached from `node` by the word `word`, if any.
    #[inline]
    fn step(&self, node: u32, word: u32) -> Option<u32> {
        self.next.get(&(node, word)).copied()
    }
}

impl Lexicon {
    /// Compiles every name of the given entries.
    pub fn build(
        countries: &[Country],
        orgs: &[Organisation],
        people: &[Person],
        agents: &[Agent],
        places: &[Place],
        blocked: &[String],
    ) -> Lexicon {
        let mut lex = Lexicon {
            words: FxHashMap::default(),
            next: FxHashMap::default(),
            phrase: vec![NONE],
            terms: Vec::new(),
            acronym: Vec::new(),
            lower: Vec::new(),
        };
        let (mut spans, mut buf) = (Vec::new(), String::new());
        let mut add = |phrase: &str, kind: TermKind, index: usize| {
            let Some(node) = lex.insert_phrase(phrase, &mut spans, &mut buf) else {
                return;
            };
            let is_acronym = kind.is_proper()
                && phrase.chars().filter(|c| c.is_alphabetic()).count() <= 6
                && phrase.chars().any(|c| c.is_alphabetic())
                && phrase.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
            let mut id = lex.phrase[node as usize];
            if id == NONE {
                id = lex.terms.len() as u32;
                lex.phrase[node as usize] = id;
                lex.terms.push(Vec::new());
                lex.acronym.push(true);
                lex.lower.push(false);
            }
            // A phrase is case-exact only when every entry writes it as an acronym.
            lex.acronym[id as usize] &= is_acronym;
            lex.lower[id as usize] |= kind.is_proper()
                && phrase.chars().any(|c| c.is_alphabetic())
                && !phrase.chars().any(|c| c.is_uppercase());
            let t = Term {
                kind,
                index: index as u32,
            };
            if !lex.terms[id as usize].contains(&t) {
                lex.terms[id as usize].push(t);
            }
        };
        for (i, c) in countries.iter().enumerate() {
            add(&c.name, TermKind::CountryName, i);
            c.variants.iter().for_each(|v| add(v, TermKind::CountryName, i));
            c.adjectives.iter().for_each(|v| add(v, TermKind::CountryAdjective, i));
            c.capitals.iter().for_each(|v| add(v, TermKind::Capital, i));
            c.seats.iter().for_each(|v| add(v, TermKind::Seat, i));
        }
        for (i, o) in orgs.iter().enumerate() {
            add(&o.name, TermKind::Organisation, i);
            o.variants.iter().for_each(|v| add(v, TermKind::Organisation, i));
            o.adjectives
                .iter()
                .for_each(|v| add(v, TermKind::OrganisationAdjective, i));
        }
        for (i, p) in people.iter().enumerate() {
            add(&p.name, TermKind::Person, i);
            p.variants.iter().for_each(|v| add(v, TermKind::Person, i));
        }
        for (i, b) in blocked.iter().enumerate() {
            add(b, TermKind::Blocked, i);
        }
        for (i, p) in places.iter().enumerate() {
            add(&p.name, TermKind::Place, i);
            p.variants.iter().for_each(|v| add(v, TermKind::Place, i));
        }
        for (i, a) in agents.iter().enumerate() {
            add(&a.phrase, TermKind::Agent, i);
            a.plurals.iter().for_each(|v| add(v, TermKind::AgentPlural, i));
        }
        lex
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when there are no phrases.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Finds the names among `tokens` (spans into `text`): longest first at each start,
    /// left to right, never overlapping. Proper names need a capitalised token.
    pub fn find(&self, text: &str, tokens: &[Span]) -> Vec<LexMatch> {
        // The word id of every token (NONE: in no name).
        let mut buf = String::new();
        let ids: Vec<u32> = tokens
            .iter()
            .map(|t| {
                buf.clear();
                normalize(t.of(text), &mut buf);
                self.words.get(buf.as_str()).copied().unwrap_or(NONE)
            })
            .collect();
        // best[i] = (end token, phrase id) of the longest acceptable name starting at token i.
        let mut best: Vec<Option<(usize, u32)>> = vec![None; tokens.len()];
        for s in 0..tokens.len() {
            let mut node = 0;
            for e in s + 1..=tokens.len() {
                let word = ids[e - 1];
                match (word != NONE).then(|| self.step(node, word)).flatten() {
                    Some(n) => node = n,
                    None => break,
                }
                let id = self.phrase[node as usize];
                if id == NONE {
                    continue;
                }
                let ts = &self.terms[id as usize];
                let capitalised = self.lower[id as usize] || tokens[s..e].iter().any(|t| starts_upper(t.of(text)));
                if !capitalised && ts.iter().all(|t| t.kind.is_proper()) {
                    continue;
                }
                if self.acronym[id as usize] && !tokens[s..e].iter().all(|t| all_caps(t.of(text))) {
                    continue;
                }
                best[s] = Some((e, id));
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some((e, id)) = best[i] {
                let capitalised = self.lower[id as usize] || tokens[i..e].iter().any(|t| starts_upper(t.of(text)));
                let terms: Vec<Term> = self.terms[id as usize]
                    .iter()
                    .copied()
                    .filter(|t| capitalised || !t.kind.is_proper())
                    .collect();
                if !terms.is_empty() && !terms.iter().any(|t| t.kind == TermKind::Blocked) {
                    out.push(LexMatch {
                        start: i,
                        end: e,
                        part: None,
                        terms,
                    });
                }
                i = e;
                continue;
            }
            i = self.hyphen_parts(text, tokens, &ids, i, &mut out);
        }
        out
    }

    /// Names inside a hyphenated token `i`: "Russia-Ukraine", "Turkish-Egyptian"; the last part
    /// may run on into the next tokens ("U.S.-North Korea talks"). Returns the token after the
    /// last one used.
    fn hyphen_parts(&self, text: &str, tokens: &[Span], ids: &[u32], i: usize, out: &mut Vec<LexMatch>) -> usize {
        let tok = tokens[i];
        let word = tok.of(text);
        if !word.contains('-') || word.starts_with('-') {
            return i + 1;
        }
        // "U.S.-made", "Iran-backed", "Taiwan-controlled" describe a thing, not an actor; but
        // "Saudi-led" names the leader, and "Russia-Ukraine" names both.
        let modifier = word
            .split('-')
            .skip(1)
            .any(|p| p.chars().next().is_some_and(char::is_lowercase));
        let led = word.ends_with("-led");
        if modifier && !led {
            return i + 1;
        }
        let parts = word.split('-').count();
        let mut next = i + 1;
        let mut key = String::new();
        let mut off = tok.start;
        for (n, part) in word.split('-').enumerate() {
            let mut span = Span::new(off, off + part.len());
            off += part.len() + 1;
            if part.is_empty() || !starts_upper(part) {
                continue;
            }
            key.clear();
            normalize(part, &mut key);
            let node = self.words.get(key.as_str()).and_then(|&w| self.step(0, w));
            let mut id = node.map_or(NONE, |n| self.phrase[n as usize]);
            let mut end = i + 1;
            // the last part runs on: "U.S.-North" + "Korea"
            if let Some(mut node) = node.filter(|_| n + 1 == parts) {
                for e in i + 1..tokens.len() {
                    match (ids[e] != NONE).then(|| self.step(node, ids[e])).flatten() {
                        Some(nn) => node = nn,
                        None => break,
                    }
                    if self.phrase[node as usize] != NONE {
                        id = self.phrase[node as usize];
                        end = e + 1;
                        span = Span::new(span.start, tokens[e].end);
                    }
                }
            }
            if id != NONE {
                let terms: Vec<Term> = self.terms[id as usize]
                    .iter()
                    .copied()
                    .filter(|t| t.kind.is_proper())
                    .collect();
                if !terms.is_empty() {
                    out.push(LexMatch {
                        start: i,
                        end,
                        part: Some(span),
                        terms,
                    });
                    next = end;
                }
            }
        }
        next
    }
}

fn all_caps(s: &str) -> bool {
    s.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::KnowledgeBase;
    use super::*;

    fn find(sentence: &str) -> Vec<(String, Vec<TermKind>)> {
        let kb = KnowledgeBase::embedded();
        let mut spans = Vec::new();
        token::tokenize(sentence, Span::new(0, sentence.len()), &mut spans);
        kb.lexicon
            .find(sentence, &spans)
            .into_iter()
            .map(|m| {
                let text = match m.part {
                    Some(p) => p.of(sentence).to_string(),
                    None => Span::new(spans[m.start].start, spans[m.end - 1].end)
                        .of(sentence)
                        .to_string(),
                };
                (text, m.terms.iter().map(|t| t.kind).collect())
            })
            .collect()
    }

    #[test]
    fn finds_longest_names_and_agent_words() {
        let found = find("Turkish Foreign Minister Hakan Fidan met the Egyptian ambassador in Ankara.");
        let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(names.contains(&"Turkish"), "{found:?}");
        assert!(names.contains(&"Foreign Minister"), "{found:?}");
        assert!(names.contains(&"Hakan Fidan"), "{found:?}");
        assert!(names.contains(&"ambassador"), "{found:?}");
        assert!(names.contains(&"Ankara"), "{found:?}");
    }

    #[test]
    fn proper_names_need_capitals() {
        let found = find("They ate turkey in china bowls.");
        assert!(found.is_empty(), "{found:?}");
        let found = find("Turkey and China signed.");
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn blocked_names_and_acronyms() {
        let f = find("Trade with Latin America grew.");
        assert!(f.is_empty(), "{f:?}");
        assert!(find("Who will pay for it?").is_empty());
        assert_eq!(find("The WHO warned.").len(), 1);
        assert_eq!(find("Ships crossed the Gulf of Guinea near Ghana.").len(), 1);
    }

    #[test]
    fn names_written_in_lower_case_match_in_lower_case() {
        let kb = KnowledgeBase::embedded();
        let f = find("Managua expelled the apostolic nuncio on Monday.");
        let nuncio = f.iter().find(|(t, _)| t == "apostolic nuncio");
        assert_eq!(nuncio.map(|(_, k)| k.as_slice()), Some(&[TermKind::Seat][..]), "{f:?}");
        let vat = kb.countries.iter().position(|c| c.code == "VAT").unwrap();
        assert!(kb.countries[vat].seats.iter().any(|s| s == "apostolic nuncio"));
        // a capitalised name still needs its capital
        assert!(find("They ate turkey.").is_empty());
    }

    #[test]
    fn finds_countries_inside_hyphenated_words() {
        let found = find("They fired U.S.-made missiles at Iran-backed militias.");
        assert!(
            found.iter().all(|(_, kinds)| kinds.iter().all(|k| !k.is_proper())),
            "{found:?}"
        );
        let found = find("The Russia-Ukraine talks resumed.");
        let names: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert!(names.contains(&"Russia") && names.contains(&"Ukraine"), "{found:?}");
    }
}
