//! Clauses: for every verb group, its subject, objects and prepositional phrases, whether it is
//! negated or passive, its mood (fact, future, possibility, infinitive), and the infinitive it
//! governs ("agreed **to expand**"). Built on [`super::chunk`] phrases with rules that cover
//! the shapes of news prose: coordination ("Iran and Azerbaijan"), apposition, "of" phrases,
//! relative clauses ("who", "which"), reported speech ("said that") and shared subjects
//! ("met Sisi and signed").

use super::chunk::{Phrase, PhraseKind};
use super::lemma::{noun_lemma, verb_lemma};
use super::words::Words;
use super::{Pos, Token};
use serde::Serialize;

/// Whether a verb group asserts a fact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mood {
    /// Asserted as having happened or happening.
    Fact,
    /// Planned or announced ("will visit", "is to sign").
    Future,
    /// Possible or conditional ("could", "might", "would").
    Possible,
    /// An infinitive ("to visit"): its mood comes from the verb that governs it.
    Infinitive,
}

/// Noun phrases filling one role: several when coordinated ("Iran and Azerbaijan").
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Arg {
    /// Phrase indices of the coordinated noun phrases.
    pub nps: Vec<usize>,
    /// Phrase indices of noun phrases in an attached "of" phrase ("ministers of Turkey and Egypt").
    pub of: Vec<usize>,
    /// Phrase indices of appositions ("Hakan Fidan, Turkey's foreign minister,").
    pub apposition: Vec<usize>,
    /// Phrase indices of a place given with a subject ("the Department of Foreign Affairs in
    /// Manila lodged ...").
    pub at: Vec<usize>,
}

/// One clause around a verb group.
#[derive(Clone, Debug, Serialize)]
pub struct Clause {
    /// Phrase index of the verb group.
    pub verb: usize,
    /// Token index of the main verb.
    pub head: usize,
    /// "not", "n't", "never" in the group.
    pub negated: bool,
    /// A form of "be" or "get" followed by a past participle.
    pub passive: bool,
    /// Fact, future, possibility or infinitive.
    pub mood: Mood,
    /// The subject, if found.
    pub subject: Option<Arg>,
    /// The direct object, if any.
    pub object: Option<Arg>,
    /// Prepositional phrases after the verb: (token index of the preposition, its object).
    pub preps: Vec<(usize, Arg)>,
    /// Index (into the clause list) of the infinitive this verb governs.
    pub complement: Option<usize>,
    /// Index of the clause whose verb governs this infinitive.
    pub governor: Option<usize>,
    /// Index of the clause this one reports ("X said (that) ..." → the "said" clause).
    pub reported_by: Option<usize>,
    /// Last phrase index (exclusive) of the clause's complements.
    pub end: usize,
}

const NEGATIONS: [&str; 4] = ["not", "n't", "never", "no"];

/// Words that follow a verb as its particle ("hand over", "pull out", "send back").
pub(crate) const PARTICLES: [&str; 8] = ["over", "out", "off", "up", "down", "back", "away", "in"];

fn lower(text: &str, t: &Token) -> String {
    t.span.of(text).to_lowercase()
}

/// `words.contains(&lower(text, t))` without the `String`: for ASCII words that is equality
/// ignoring ASCII case (but for a Kelvin sign in the text, which lowercases to "k" and is not
/// taken for one: "li\u{212A}e" is not "like").
fn lower_is(text: &str, t: &Token, words: &[&str]) -> bool {
    let w = t.span.of(text);
    words.iter().any(|x| {
        debug_assert!(x.is_ascii());
        w.eq_ignore_ascii_case(x)
    })
}

/// Finds the clauses of a chunked sentence; `words` gives the verbs of saying and the verbs
/// whose infinitive takes their own subject; `dated[p]` says that noun phrase `p` is a date
/// expression ("last week", "this month"), never a subject or object.
pub fn clauses(text: &str, tokens: &[Token], phrases: &[Phrase], words: &Words, dated: &[bool]) -> Vec<Clause> {
    let dated = |p: usize| dated.get(p).copied().unwrap_or(false);
    let lexicon = words;
    let verbs: Vec<usize> = (0..phrases.len())
        .filter(|&i| phrases[i].kind == PhraseKind::Verb)
        .collect();
    let mut out: Vec<Clause> = Vec::with_capacity(verbs.len());
    for &v in &verbs {
        let ph = phrases[v];
        let words: Vec<String> = (ph.start..ph.end).map(|t| lower(text, &tokens[t])).collect();
        let negated = words.iter().any(|w| NEGATIONS.contains(&w.as_str()));
        let infinitive = tokens[ph.start].pos == Pos::TO;
        let head_pos = tokens[ph.head].pos;
        let be_like = words.iter().take(ph.head - ph.start).any(|w| {
            matches!(
                w.as_str(),
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "'s"
                    | "'re"
                    | "get"
                    | "got"
                    | "gets"
                    | "getting"
            )
        });
        let passive = head_pos == Pos::VBN && be_like;
        let mood = if infinitive {
            Mood::Infinitive
        } else if words
            .iter()
            .any(|w| matches!(w.as_str(), "will" | "'ll" | "shall" | "wo"))
        {
            Mood::Future
        } else if words.iter().any(|w| {
            matches!(
                w.as_str(),
                "could" | "might" | "may" | "would" | "should" | "'d" | "must" | "can" | "ca"
            )
        }) {
            Mood::Possible
        } else {
            Mood::Fact
        };
        let speech = lexicon.is_speech_verb(&lower(text, &tokens[ph.head]));
        let (object, preps, end) = complements(text, tokens, phrases, v, &dated, speech);
        out.push(Clause {
            verb: v,
            head: ph.head,
            negated,
            passive,
            mood,
            subject: None,
            object,
            preps,
            complement: None,
            governor: None,
            reported_by: None,
            end,
        });
    }
    // Infinitives and their governors: the verb group just before "to VB" (object between allowed).
    for ci in 0..out.len() {
        if out[ci].mood != Mood::Infinitive || ci == 0 {
            continue;
        }
        let gi = ci - 1;
        if out[gi].end >= out[ci].verb {
            out[gi].complement = Some(ci);
            out[ci].governor = Some(gi);
        }
    }
    // "is due to arrive in Kazan and hold talks": a bare verb joined to an infinitive by "and"
    // or "or" is governed by the same verb
    for ci in 1..out.len() {
        let v = out[ci].verb;
        let prev = &out[ci - 1];
        let joined = v > 0
            && phrases[v - 1].kind == PhraseKind::Conj
            && lower_is(text, &tokens[phrases[v - 1].start], &["and", "or"])
            && prev.end + 1 >= v
            && tokens[phrases[v].start].pos == Pos::VB
            && phrases[v].head == phrases[v].start;
        if joined && prev.mood == Mood::Infinitive && out[ci].mood == Mood::Fact {
            if let Some(g) = prev.governor {
                out[ci].mood = Mood::Infinitive;
                out[ci].governor = Some(g);
            }
        }
    }
    // Subjects.
    for ci in 0..out.len() {
        let subject = if let Some(g) = out[ci].governor {
            // object control ("invited X to visit", "urged X to") else subject control
            let gv = out[g].head;
            let lemma = verb_lemma(&lower(text, &tokens[gv]), &|l| words.control(l).is_some());
            // "Jordan became the second Arab state to make peace", "was the first to reject":
            // after a copula the predicate noun is the subject itself
            let copular = matches!(lemma.as_str(), "be" | "become" | "remain");
            let subject_control = copular || words.control(&lemma).is_some_and(|c| c.subject_control);
            // "announced a decision to sever ties": the announcer severs
            let plan = out[g].object.as_ref().and_then(|o| o.nps.last()).is_some_and(|&np| {
                // "criticised Guterres's decision to travel": the possessor's act
                let ph = phrases[np];
                let owned = (ph.start..ph.end).any(|k| matches!(tokens[k].pos, Pos::POS | Pos::PRPS));
                !owned && words.plan_noun(&noun_lemma(&lower(text, &tokens[ph.head]))).is_some()
            });
            if !subject_control && !plan && out[g].object.is_some() && !out[g].passive {
                out[g].object.clone()
            } else {
                out[g].subject.clone()
            }
        } else {
            find_subject(text, tokens, phrases, out[ci].verb, &out, ci, &dated)
        };
        out[ci].subject = subject;
        // Reported speech: "X said (that) ..." — the nearest earlier speech verb whose
        // complements run up to this clause.
        if ci > 0 && out[ci].governor.is_none() {
            let p = ci - 1;
            if words.is_speech_verb(&lower(text, &tokens[out[p].head])) && out[p].complement.is_none() {
                out[ci].reported_by = Some(p);
            }
        }
        speaker_for_pronoun(text, tokens, phrases, &mut out, ci);
    }
    // "..., Turkish officials said." / `"...," Kirby told reporters, describing ...`: the
    // clauses before a speech verb set off by a comma or quote are reported by it.
    let before = |k: usize| k < phrases.len() && matches!(phrases[k].kind, PhraseKind::Comma | PhraseKind::Quote);
    let speaker = (1..out.len()).rev().find(|&l| {
        let v = out[l].verb;
        let subj_start = out[l]
            .subject
            .as_ref()
            .and_then(|a| a.nps.first().copied())
            .unwrap_or(v);
        let set_off = (subj_start > 0 && before(subj_start.min(v) - 1)) || (v > 0 && before(v - 1));
        set_off && out[l].governor.is_none() && words.is_speech_verb(&lower(text, &tokens[out[l].head]))
    });
    if let Some(last) = speaker {
        for ci in 0..last {
            if out[ci].reported_by.is_none() && out[ci].governor.is_none() {
                out[ci].reported_by = Some(last);
            }
            speaker_for_pronoun(text, tokens, phrases, &mut out, ci);
        }
    }
    split_auxiliaries(text, tokens, phrases, &mut out);
    reduced_passives(text, tokens, phrases, &mut out);
    out
}

/// "An offensive launched by forces in Puntland": a bare past participle right after its noun
/// with a "by" phrase is a reduced passive relative; the noun is its logical object.
fn reduced_passives(text: &str, tokens: &[Token], phrases: &[Phrase], out: &mut [Clause]) {
    for c in out.iter_mut() {
        let ph = phrases[c.verb];
        let bare_participle = ph.start == ph.head && tokens[ph.head].pos == Pos::VBN;
        let after_noun = c.verb > 0 && phrases[c.verb - 1].kind == PhraseKind::Noun;
        let by_agent = c.object.is_none() && c.preps.iter().any(|(p, _)| lower_is(text, &tokens[*p], &["by"]));
        if bare_participle && after_noun && by_agent && !c.passive {
            c.passive = true;
        }
    }
}

/// "were on Sunday arrested", "had in 2019 signed": an auxiliary cut off from its participle
/// by a prepositional phrase or an adverb. The participle's clause takes the auxiliary's
/// subject, negation and mood (and is passive after a form of "be"); the auxiliary keeps none.
fn split_auxiliaries(text: &str, tokens: &[Token], phrases: &[Phrase], out: &mut [Clause]) {
    for ci in 0..out.len().saturating_sub(1) {
        let (aux, part) = (&out[ci], &out[ci + 1]);
        let aux_phrase = phrases[aux.verb];
        let only_aux = (aux_phrase.start..aux_phrase.end).all(|k| {
            matches!(tokens[k].pos, Pos::MD | Pos::RB)
                || lower_is(
                    text,
                    &tokens[k],
                    &[
                        "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
                    ],
                )
        });
        let participle = matches!(tokens[part.head].pos, Pos::VBN | Pos::VBD);
        let between_ok = (aux.verb + 1..part.verb).all(|k| {
            matches!(
                phrases[k].kind,
                PhraseKind::Prep | PhraseKind::Noun | PhraseKind::Adverb | PhraseKind::Comma
            )
        });
        if !only_aux
            || !participle
            || part.subject.is_some()
            || aux.object.is_some()
            || !between_ok
            || part.verb == aux.verb + 1
        {
            continue;
        }
        let be = (aux_phrase.start..aux_phrase.end)
            .any(|k| lower_is(text, &tokens[k], &["is", "are", "was", "were", "be", "been"]));
        let (subject, negated, mood) = (out[ci].subject.take(), out[ci].negated, out[ci].mood);
        let p = &mut out[ci + 1];
        p.subject = subject;
        p.negated |= negated;
        if p.mood == Mood::Fact {
            p.mood = mood;
        }
        p.passive = be && tokens[p.head].pos == Pos::VBN;
    }
}

/// In reported speech, "it", "they" and "we" as subject stand for the speaker:
/// "Azerbaijan said it would evacuate its embassy" → Azerbaijan.
fn speaker_for_pronoun(text: &str, tokens: &[Token], phrases: &[Phrase], out: &mut [Clause], ci: usize) {
    let Some(r) = out[ci].reported_by else { return };
    let Some(subj) = out[ci].subject.as_ref() else { return };
    if subj.nps.len() != 1 {
        return;
    }
    let ph = phrases[subj.nps[0]];
    // "Mexico's top diplomat announced that his country had granted asylum": the speaker's
    // own state
    let own_state = ph.end == ph.start + 2
        && tokens[ph.start].pos == Pos::PRPS
        && lower_is(text, &tokens[ph.start], &["his", "her", "its", "their", "our"])
        && lower_is(
            text,
            &tokens[ph.start + 1],
            &["country", "government", "nation", "state", "side", "administration"],
        );
    let pronoun = ph.end == ph.start + 1
        && tokens[ph.start].pos == Pos::PRP
        && lower_is(text, &tokens[ph.start], &["it", "they", "we"]);
    // "Pedersen said that he hopes": "he" or "she" is a singular speaker
    let singular_speaker = out[r].subject.as_ref().is_some_and(|s| {
        s.nps.len() == 1 && {
            let sp = phrases[s.nps[0]];
            matches!(tokens[sp.head].pos, Pos::NN | Pos::NNP)
                && sp.end > sp.start + usize::from(tokens[sp.start].pos == Pos::PRP)
        }
    });
    let personal = ph.end == ph.start + 1
        && tokens[ph.start].pos == Pos::PRP
        && lower_is(text, &tokens[ph.start], &["he", "she"])
        && singular_speaker;
    if (pronoun || own_state || personal) && r != ci {
        out[ci].subject = out[r].subject.clone();
    }
}

/// Is this lower-case form a verb of saying (`data/words/speech_verbs.tsv`)?
pub fn is_speech_verb(w: &str) -> bool {
    Words::embedded().is_speech_verb(w)
}

/// The object, prepositional phrases and end of a verb group's complements.
fn complements(
    text: &str,
    tokens: &[Token],
    phrases: &[Phrase],
    v: usize,
    dated: &dyn Fn(usize) -> bool,
    speech: bool,
) -> (Option<Arg>, Vec<(usize, Arg)>, usize) {
    let mut object: Option<Arg> = None;
    let mut preps = Vec::new();
    let mut j = v + 1;
    while j < phrases.len() {
        let ph = phrases[j];
        match ph.kind {
            PhraseKind::Adverb | PhraseKind::Quote => j += 1,
            // "announced last week that ...": a date is no object
            PhraseKind::Noun if dated(j) => j += 1,
            PhraseKind::Noun => {
                // "helped Mauritius build an airstrip", "made Iran pay": the object of a verb
                // taking a bare infinitive is also that infinitive's subject
                let bare_infinitive = j == v + 1
                    && BARE_INFINITIVE_GOVERNORS.contains(&lower(text, &tokens[phrases[v].head]).as_str())
                    && phrases
                        .get(j + 1)
                        .is_some_and(|p| p.kind == PhraseKind::Verb && tokens[p.start].pos == Pos::VB);
                // "said US and British forces must ensure": the last conjunct decides
                let last = last_conjunct(text, tokens, phrases, j);
                if followed_by_finite_verb(tokens, phrases, last) && !bare_infinitive {
                    break;
                }
                // "said the talks with Ukraine had been useless": after a verb of saying, a noun
                // phrase with its prepositional phrases before a finite verb is that verb's subject
                if speech {
                    let mut k = j;
                    while k + 2 < phrases.len()
                        && k < j + 6
                        && phrases[k + 1].kind == PhraseKind::Prep
                        && phrases[k + 2].kind == PhraseKind::Noun
                    {
                        k += 2;
                    }
                    if k > j && followed_by_finite_verb(tokens, phrases, k) {
                        break;
                    }
                }
                let (arg, next) = noun_arg(text, tokens, phrases, j);
                if object.is_none() && preps.is_empty() {
                    object = Some(arg);
                } else if let Some(o) = object.as_mut().filter(|_| preps.is_empty()) {
                    // a second object ("gave Egypt aid"): keep as apposition-like extra
                    o.apposition.extend(arg.nps);
                }
                j = next;
            }
            PhraseKind::Prep => {
                if j + 1 < phrases.len() && phrases[j + 1].kind == PhraseKind::Noun {
                    // "after Iran attacked": the noun is the subject of a clause; only a
                    // subordinating word opens one ("freed by Iran land in Qatar", "Americans
                    // who were imprisoned in Iran are coming home")
                    let opens_clause = SUBORDINATORS.contains(&lower(text, &tokens[ph.start]).as_str());
                    if opens_clause
                        && followed_by_finite_verb(tokens, phrases, last_conjunct(text, tokens, phrases, j + 1))
                    {
                        break;
                    }
                    let (arg, next) = noun_arg(text, tokens, phrases, j + 1);
                    preps.push((ph.start, arg));
                    j = next;
                } else if ph.end == ph.start + 1
                    && j + 1 < phrases.len()
                    && phrases[j + 1].kind == PhraseKind::Prep
                    && PARTICLES.contains(&lower(text, &tokens[ph.start]).as_str())
                {
                    // a particle before a preposition: "handed over to", "pulled out of"
                    j += 1;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    (object, preps, j)
}

/// Words that are prepositions or subordinating conjunctions: before a noun and a finite verb
/// they open a clause ("after Iran attacked").
const SUBORDINATORS: &[&str] = &[
    "after", "before", "since", "until", "till", "as", "once", "while", "because", "though", "although", "unless",
    "whereas", "like", "than", "if", "whether", "when", "where",
];

/// Prepositions that may open a clause whose subject follows them ("a day after X accused Y").
const CLAUSE_OPENING_PREPS: &[&str] = &[
    "after", "before", "since", "because", "while", "until", "although", "though", "as", "once", "unless", "whereas",
];

/// Verb forms whose object may be followed by a bare infinitive ("helped X build", "let X go").
const BARE_INFINITIVE_GOVERNORS: &[&str] = &[
    "help", "helps", "helped", "helping", "make", "makes", "made", "making", "let", "lets", "letting",
];

/// The last noun phrase of a list starting at noun phrase `np` ("the US and UK", "Egypt, Qatar
/// and the US"): where a clause's subject ends.
fn last_conjunct(text: &str, tokens: &[Token], phrases: &[Phrase], np: usize) -> usize {
    let mut k = np;
    while k + 2 < phrases.len()
        && phrases[k + 2].kind == PhraseKind::Noun
        && (phrases[k + 1].kind == PhraseKind::Comma
            || (phrases[k + 1].kind == PhraseKind::Conj
                && lower_is(text, &tokens[phrases[k + 1].start], &["and", "or"])))
    {
        k += 2;
    }
    k
}

fn followed_by_finite_verb(tokens: &[Token], phrases: &[Phrase], np: usize) -> bool {
    let mut k = np + 1;
    while k < phrases.len() && phrases[k].kind == PhraseKind::Adverb {
        k += 1;
    }
    k < phrases.len() && phrases[k].kind == PhraseKind::Verb && tokens[phrases[k].start].pos != Pos::TO && {
        let h = tokens[phrases[k].head].pos;
        // a bare participle after a noun is a reduced relative ("the talks held in Baku")
        !(matches!(h, Pos::VBN | Pos::VBG) && phrases[k].start == phrases[k].head)
    }
}

/// A noun phrase at `j` with what attaches to it: coordination ("X and Y", "X, Y and Z"),
/// "of" phrases and apposition. Returns the argument and the next phrase index.
pub fn noun_arg(text: &str, tokens: &[Token], phrases: &[Phrase], j: usize) -> (Arg, usize) {
    let mut arg = Arg {
        nps: vec![j],
        ..Arg::default()
    };
    let mut k = j + 1;
    let is = |k: usize, kind| k < phrases.len() && phrases[k].kind == kind;
    let word = |k: usize| phrases[k].start.min(tokens.len() - 1);
    loop {
        // "of" + NP (and coordinated NPs)
        if is(k, PhraseKind::Prep) && is(k + 1, PhraseKind::Noun) && lower_is(text, &tokens[word(k)], &["of", "from"]) {
            arg.of.push(k + 1);
            k += 2;
            while is(k, PhraseKind::Conj) && is(k + 1, PhraseKind::Noun) {
                arg.of.push(k + 1);
                k += 2;
            }
            continue;
        }
        // coordination: ", Y" (when a later "and" closes the list) or "and Y"
        if is(k, PhraseKind::Conj) && is(k + 1, PhraseKind::Noun) && lower_is(text, &tokens[word(k)], &["and", "&"]) {
            if followed_by_finite_verb(tokens, phrases, k + 1) && !is(k + 2, PhraseKind::Verb) {
                break;
            }
            arg.nps.push(k + 1);
            k += 2;
            continue;
        }
        if is(k, PhraseKind::Comma) && is(k + 1, PhraseKind::Noun) {
            // list: "X, Y and Z"
            if is(k + 2, PhraseKind::Conj) && is(k + 3, PhraseKind::Noun) {
                arg.nps.push(k + 1);
                k += 2;
                continue;
            }
            // apposition: "X, Turkey's foreign minister, ..."
            let mut e = k + 2;
            while is(e, PhraseKind::Prep) && is(e + 1, PhraseKind::Noun) {
                e += 2;
            }
            if is(e, PhraseKind::Comma) || e >= phrases.len() || is(e, PhraseKind::Punct) {
                arg.apposition.push(k + 1);
                k = if is(e, PhraseKind::Comma) { e + 1 } else { e };
                continue;
            }
        }
        break;
    }
    (arg, k)
}

/// The subject a coordinated verb shares with clause `k`: when `k` is itself a relative or
/// complement clause ("condemned what it called X and accused Y"), the clause above it.
fn shared_subject(phrases: &[Phrase], done: &[Clause], mut k: usize) -> Option<Arg> {
    loop {
        let first = done[k]
            .subject
            .as_ref()
            .and_then(|a| a.nps.first().copied())
            .unwrap_or(done[k].verb);
        let introduced = first > 0 && phrases[first - 1].kind == PhraseKind::Wh;
        if introduced && k > 0 {
            k -= 1;
        } else {
            return done[k].subject.clone();
        }
    }
}

/// How many phrases left of its verb a subject is looked for.
const MAX_SUBJECT_DISTANCE: usize = 40;

/// Walks left from verb group `v` to find its subject.
fn find_subject(
    text: &str,
    tokens: &[Token],
    phrases: &[Phrase],
    v: usize,
    done: &[Clause],
    ci: usize,
    dated: &dyn Fn(usize) -> bool,
) -> Option<Arg> {
    let mut j = v;
    let mut saw_conj = false;
    let mut saw_comma = false;
    // A subject stands within a few dozen phrases of its verb; the bound keeps run-on junk
    // (a 20 KB "sentence") linear.
    let floor = v.saturating_sub(MAX_SUBJECT_DISTANCE);
    while j > floor {
        j -= 1;
        let ph = phrases[j];
        match ph.kind {
            PhraseKind::Adverb | PhraseKind::Quote => {}
            PhraseKind::Comma => saw_comma = true,
            // "An offensive launched ... earlier this month has met": a date is no subject
            PhraseKind::Noun if dated(j) => {}
            // "The Asia-Pacific Economic Cooperation (APEC) forum has agreed": a common noun
            // right after a parenthesis is the head of the name before it, which names the actor
            PhraseKind::Noun
                if j > 0
                    && phrases[j - 1].kind == PhraseKind::Punct
                    && tokens[phrases[j - 1].start].span.of(text) == ")"
                    && (phrases[j].start..phrases[j].end)
                        .all(|k| tokens[k].span.of(text).bytes().all(|b| b.is_ascii_lowercase())) => {}
            // "Israel Friday reimposed blockades": a bare weekday between a noun phrase and its
            // verb (the wire's dateless style) is no subject either
            PhraseKind::Noun
                if j + 1 == v
                    && j > 0
                    && phrases[j - 1].kind == PhraseKind::Noun
                    && phrases[j].end - phrases[j].start == 1
                    && crate::text::dates::weekday_name(tokens[phrases[j].start].span.of(text), false).is_some() => {}
            PhraseKind::Noun => {
                // An object of an earlier verb: "met Sisi and signed" shares that verb's subject.
                let adjacent = (j + 1..v).all(|k| matches!(phrases[k].kind, PhraseKind::Adverb | PhraseKind::Quote));
                if let Some(k) = done.iter().take(ci).rposition(|c| c.verb < j && j < c.end) {
                    // "will help Beijing tighten control": the governor's object is the bare
                    // infinitive's subject
                    let bare = adjacent
                        && tokens[phrases[v].head].pos == Pos::VB
                        && BARE_INFINITIVE_GOVERNORS.contains(&lower(text, &tokens[done[k].head]).as_str());
                    if bare {
                        return Some(noun_arg(text, tokens, phrases, j).0);
                    }
                    // "X, leader of the group that led the offensive, said": the relative clause
                    // is passed over
                    let whose = done[k]
                        .subject
                        .as_ref()
                        .and_then(|s| s.nps.first())
                        .and_then(|&f| f.checked_sub(1))
                        .filter(|&w| {
                            // "whose country chairs", "which Turkey considers a terrorist group"
                            phrases[w].kind == PhraseKind::Wh
                                && lower_is(text, &tokens[phrases[w].start], &["whose", "which", "whom"])
                        });
                    let wh = done[k]
                        .verb
                        .checked_sub(1)
                        .filter(|&w| {
                            phrases[w].kind == PhraseKind::Wh
                                && lower_is(text, &tokens[phrases[w].start], &["who", "which", "that"])
                        })
                        .or(whose);
                    if let Some(w) = wh.filter(|_| saw_comma && !saw_conj) {
                        j = w;
                        continue;
                    }
                    return if saw_conj || saw_comma {
                        shared_subject(phrases, done, k)
                    } else {
                        None
                    };
                }
                // Skip NPs inside prepositional phrases ("On Monday", "in Cairo"), but not the
                // subject of a clause opened by a preposition ("a day after X accused Y").
                let opens_subject = |k: usize| lower_is(text, &tokens[phrases[k].start], CLAUSE_OPENING_PREPS);
                let subordinator = j > 0 && opens_subject(j - 1);
                if j > 0
                    && phrases[j - 1].kind == PhraseKind::Prep
                    && !(adjacent && subordinator)
                    && !lower_is(text, &tokens[phrases[j - 1].start], &["of"])
                {
                    j -= 1;
                    continue;
                }
                // Go to the start of the noun argument (coordination, "of", apposition).
                let mut s = j;
                let mut seen_and = false;
                loop {
                    if s >= 2
                        && phrases[s - 1].kind == PhraseKind::Prep
                        && phrases[s - 2].kind == PhraseKind::Noun
                        && lower_is(text, &tokens[phrases[s - 1].start], &["of"])
                    {
                        s -= 2;
                    } else if s >= 2
                        && matches!(phrases[s - 1].kind, PhraseKind::Conj | PhraseKind::Comma)
                        && phrases[s - 2].kind == PhraseKind::Noun
                        && (phrases[s - 1].kind == PhraseKind::Comma
                            || lower_is(text, &tokens[phrases[s - 1].start], &["and"]))
                    {
                        // a comma joins a list only before a closing "and": "X, Y and Z"
                        let comma = phrases[s - 1].kind == PhraseKind::Comma;
                        if comma
                            && (!seen_and
                                || (s >= 3
                                    && phrases[s - 3].kind == PhraseKind::Prep
                                    && !(adjacent && opens_subject(s - 3))))
                        {
                            break;
                        }
                        seen_and |= !comma;
                        s -= 2;
                    } else {
                        break;
                    }
                }
                // "a Russian missile strike on the southern port city of Odesa killed 10": the
                // "of" chain began inside a prepositional phrase; the subject is further left
                // (but "after the US and UK launched": a word opening a clause precedes it)
                if s < j
                    && s > 0
                    && phrases[s - 1].kind == PhraseKind::Prep
                    && !lower_is(text, &tokens[phrases[s - 1].start], &["of"])
                    && !(adjacent && opens_subject(s - 1))
                {
                    j = s - 1;
                    continue;
                }
                // "Al-Sharaa, leader of the group, said": a name before a comma and a common
                // noun phrase in apposition is the subject
                let name_before = saw_comma
                    && s >= 2
                    && phrases[s - 1].kind == PhraseKind::Comma
                    && phrases[s - 2].kind == PhraseKind::Noun
                    && !dated(s - 2)
                    && tokens[phrases[s - 2].head].pos.is_proper()
                    && matches!(tokens[phrases[s].head].pos, Pos::NN | Pos::NNS)
                    && (s < 3
                        || !matches!(
                            phrases[s - 3].kind,
                            PhraseKind::Prep | PhraseKind::Comma | PhraseKind::Conj
                        ));
                if name_before {
                    return Some(Arg {
                        nps: vec![s - 2],
                        apposition: vec![s],
                        ..Arg::default()
                    });
                }
                // "Moldova's ambassador to Moscow, Lilian Darii, was summoned": a name between
                // commas after a title (with its prepositional phrases) is the title's apposition
                if saw_comma
                    && s >= 2
                    && tokens[phrases[s].head].pos.is_proper()
                    && phrases[s - 1].kind == PhraseKind::Comma
                {
                    let mut t = s - 2;
                    while t >= 2 && phrases[t].kind == PhraseKind::Noun && phrases[t - 1].kind == PhraseKind::Prep {
                        t -= 2;
                    }
                    let title = phrases[t].kind == PhraseKind::Noun
                        && !dated(t)
                        && matches!(tokens[phrases[t].head].pos, Pos::NN | Pos::NNS)
                        && t < s - 2
                        && (t == 0
                            || !matches!(
                                phrases[t - 1].kind,
                                PhraseKind::Prep | PhraseKind::Conj | PhraseKind::Verb
                            ));
                    if title {
                        return Some(Arg {
                            nps: vec![t],
                            apposition: vec![s],
                            ..Arg::default()
                        });
                    }
                }
                let (mut arg, next) = noun_arg(text, tokens, phrases, s);
                // "X in Manila lodged": the place between the subject and its verb
                if next + 2 == v
                    && phrases[next].kind == PhraseKind::Prep
                    && phrases[next + 1].kind == PhraseKind::Noun
                    && lower_is(text, &tokens[phrases[next].start], &["in"])
                {
                    arg.at.push(next + 1);
                }
                return Some(arg);
            }
            PhraseKind::Wh => {
                // relative clause: "X, who ..." → X; "the group that spearheaded" → the
                // group ("that" right before its verb, with no subject of its own, is a relative
                // pronoun)
                let that_relative = lower_is(text, &tokens[ph.start], &["that"])
                    && j > 0
                    && phrases[j - 1].kind == PhraseKind::Noun
                    && (j + 1..v).all(|k| phrases[k].kind == PhraseKind::Adverb);
                if that_relative || lower_is(text, &tokens[ph.start], &["who", "which"]) {
                    let mut k = j;
                    while k > 0 {
                        k -= 1;
                        if phrases[k].kind == PhraseKind::Noun {
                            let mut s = k;
                            // "the leader of the group that ...": the group
                            while !that_relative
                                && s >= 2
                                && phrases[s - 1].kind == PhraseKind::Prep
                                && phrases[s - 2].kind == PhraseKind::Noun
                            {
                                s -= 2;
                            }
                            return Some(noun_arg(text, tokens, phrases, s).0);
                        }
                        if phrases[k].kind != PhraseKind::Comma {
                            break;
                        }
                    }
                }
                return None;
            }
            PhraseKind::Conj => saw_conj = true,
            PhraseKind::Verb => {
                // shared subject: "met Sisi and signed" → subject of "met"
                if saw_conj || saw_comma {
                    return done
                        .iter()
                        .take(ci)
                        .rposition(|c| c.verb == j)
                        .and_then(|k| shared_subject(phrases, done, k));
                }
                return None;
            }
            PhraseKind::Prep => {
                // "Canada retaliated by imposing tariffs", "met X before flying to": a gerund
                // opened by a preposition shares the subject of the clause it modifies
                let gerund = j + 1 == v && tokens[phrases[v].head].pos == Pos::VBG;
                if gerund
                    && lower_is(
                        text,
                        &tokens[ph.start],
                        &["by", "after", "before", "while", "without", "through", "upon", "since"],
                    )
                {
                    return done
                        .iter()
                        .take(ci)
                        .rposition(|c| c.verb < j)
                        .and_then(|k| shared_subject(phrases, done, k));
                }
                if !lower_is(
                    text,
                    &tokens[ph.start],
                    &["of", "in", "on", "at", "from", "for", "during", "with"],
                ) {
                    return None;
                }
            }
            // "the Philippines Coast Guard (PCG) accused": a parenthesis is passed over
            PhraseKind::Punct if tokens[ph.start].span.of(text) == ")" => {
                match (floor..j)
                    .rev()
                    .find(|&k| phrases[k].kind == PhraseKind::Punct && tokens[phrases[k].start].span.of(text) == "(")
                {
                    Some(open) => j = open,
                    None => return None,
                }
            }
            PhraseKind::Punct | PhraseKind::Other => return None,
        }
    }
    None
}
