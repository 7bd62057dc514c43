//! Shallow phrases over tagged tokens: noun phrases (with their possessive parts), verb
//! groups (auxiliaries, negation and particles included), prepositions, conjunctions,
//! relative words and punctuation. Clauses are built on these in [`super::clause`].

use super::{Pos, Token};
use serde::Serialize;

/// What a phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PhraseKind {
    /// A noun phrase ("the Turkish foreign minister", "Turkey 's president", "he").
    Noun,
    /// A verb group ("has been invited", "did n't sign", "to visit").
    Verb,
    /// A preposition or subordinator ("with", "to", "after").
    Prep,
    /// An adverb outside a verb group.
    Adverb,
    /// A coordinating conjunction.
    Conj,
    /// A relative or complementiser word ("who", "which", "that").
    Wh,
    /// A comma.
    Comma,
    /// A quotation mark.
    Quote,
    /// Other punctuation (sentence end, colon, semicolon, dash, brackets).
    Punct,
    /// Anything else.
    Other,
}

/// A phrase: a run of tokens `[start, end)` with its head token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Phrase {
    /// Kind of phrase.
    pub kind: PhraseKind,
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The head token (last noun of a noun phrase, main verb of a verb group).
    pub head: usize,
}

fn is_dash(w: &str) -> bool {
    matches!(w, "–" | "—" | "--" | "-")
}

/// `matches!(w.to_ascii_lowercase().as_str(), words...)` without building a `String`
/// (`words` are lowercase).
fn ascii_is(w: &str, words: &[&str]) -> bool {
    words.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Words tagged IN that open a clause rather than a prepositional phrase.
pub fn is_complementiser(lower: &str) -> bool {
    matches!(lower, "that" | "whether" | "if")
}

/// Splits a tagged sentence into phrases.
pub fn chunk(text: &str, tokens: &[Token]) -> Vec<Phrase> {
    let n = tokens.len();
    let pos = |i: usize| tokens[i].pos;
    let word = |i: usize| tokens[i].span.of(text);
    // "announcing increased tariffs", "imposed expanded sanctions": a participle right after
    // a verb that is no auxiliary, before a noun, begins the object
    // "Australia and neighbouring Papua New Guinea", "the warring parties": a listed "-ing"
    // adjective after a determiner, possessive, adjective or conjunction, before a noun
    let attributive = |j: usize| {
        (pos(j) == Pos::VBN
            && j > 0
            && pos(j - 1).is_verb()
            && !ascii_is(word(j - 1), AUXILIARIES)
            && j + 1 < n
            && pos(j + 1).is_noun())
            || (pos(j) == Pos::VBG
                && j + 1 < n
                && (pos(j + 1).is_noun() || pos(j + 1).is_adj())
                && super::words::Words::embedded()
                    .attributive_participle(&word(j).to_ascii_lowercase())
                    .is_some_and(|(any, _)| {
                        any || j == 0
                            || matches!(pos(j - 1), Pos::DT | Pos::PRPS | Pos::POS | Pos::CC)
                            || pos(j - 1).is_adj()
                    }))
    };
    // "demanded that Armenia change its constitution", "demanded that the government release
    // the journalists": a bare verb mis-tagged as a noun after its subject and before a
    // determiner (after a common noun only inside a "that" clause)
    let subjunctive_at = |k: usize| {
        let after_that = || {
            (k.saturating_sub(6)..k)
                .rev()
                .take_while(|&m| !pos(m).is_verb())
                .any(|m| word(m).eq_ignore_ascii_case("that") && pos(m) == Pos::IN)
        };
        let named = k > 0 && (pos(k - 1).is_proper() || pos(k - 1) == Pos::PRP);
        matches!(pos(k), Pos::NN | Pos::VBP)
            && k > 0
            && k + 1 < n
            && ((named && matches!(pos(k + 1), Pos::DT | Pos::PRPS))
                || (pos(k - 1).is_noun() && matches!(pos(k + 1), Pos::DT | Pos::PRPS | Pos::NNS) && after_that()))
            && super::lemma::is_known_verb(&word(k).to_ascii_lowercase())
    };
    // "ordered its envoy home", "brought the hostages home": "home" after a verb's object noun
    // is an adverb of direction, not the object's head
    let home_after_object = |j: usize, start: usize, before: &[Phrase]| {
        j > start
            && pos(j - 1).is_noun()
            && word(j).eq_ignore_ascii_case("home")
            && (j + 1 == n || !pos(j + 1).is_noun())
            && before
                .last()
                .is_some_and(|l| l.kind == PhraseKind::Verb && l.end == start)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let p = pos(i);
        let w = word(i);
        // Verb group: (MD|RB|VB*)* ending on a verb; "to" + verb starts an infinitive.
        // "demanded that Armenia change its constitution": a bare verb mis-tagged as a noun
        // after a name and before a determiner.
        let subjunctive = subjunctive_at(i) || present_after_noun(tokens, text, i);
        let quoted_verb = matches!(p, Pos::Lquote | Pos::Rquote) && i + 1 < n && pos(i + 1).is_verb();
        let starts_verb = subjunctive
            || quoted_verb
            || p == Pos::MD
            || (p.is_verb() && !noun_like_verb(tokens, text, i) && !attributive(i))
            || (p == Pos::TO
                && i + 1 < n
                && (pos(i + 1) == Pos::VB
                    || ((pos(i + 1).is_adv() || pos(i + 1) == Pos::Lquote) && i + 2 < n && pos(i + 2) == Pos::VB)))
            || (p.is_adv()
                && i + 1 < n
                && (pos(i + 1).is_verb() || pos(i + 1) == Pos::MD)
                && out.last().is_some_and(|l: &Phrase| l.kind != PhraseKind::Verb));
        if starts_verb {
            let start = i;
            let mut head = i;
            let mut j = i;
            while j < n {
                let q = pos(j);
                let subjunctive_here = j == start && subjunctive;
                if j > start && attributive(j) {
                    break;
                }
                if q == Pos::MD || subjunctive_here || (q.is_verb() && (j == start || !noun_like_verb(tokens, text, j)))
                {
                    if q.is_verb() || subjunctive_here {
                        head = j;
                    }
                } else if matches!(q, Pos::Lquote | Pos::Rquote)
                    && j > start
                    && pos(j - 1).is_verb()
                    && j + 1 < n
                    && !pos(j + 1).is_verb()
                {
                    // a closing quote right after the verb: `"condemns" China's actions`
                    j += 1;
                    break;
                } else if matches!(q, Pos::Lquote | Pos::Rquote)
                    && j + 1 < n
                    && (pos(j + 1).is_verb() || pos(j + 1).is_adv())
                {
                    // was "deeply concerned": quotes inside a verb group
                } else if q.is_adv() || (q == Pos::TO && j == start) {
                    // adverbs inside the group ("has also visited", "did n't")
                    let verb_follows = j + 1 < n
                        && (pos(j + 1).is_verb()
                            || pos(j + 1).is_adv()
                            || pos(j + 1) == Pos::MD
                            || pos(j + 1) == Pos::RP
                            || (pos(j + 1) == Pos::Lquote && j + 2 < n && pos(j + 2).is_verb()));
                    let negation = q.is_adv() && ascii_is(word(j), &["not", "n't", "never"]);
                    if !verb_follows && !negation {
                        break;
                    }
                } else if q == Pos::RP && j > start {
                    // particle: "called off", "stepped up"
                    j += 1;
                    break;
                } else {
                    break;
                }
                j += 1;
            }
            if j == start {
                j = start + 1;
            }
            out.push(Phrase {
                kind: PhraseKind::Verb,
                start,
                end: j,
                head,
            });
            i = j;
            continue;
        }
        if out.last().is_some_and(|l| l.kind == PhraseKind::Noun && l.end == i)
            && home_after_object(i, out.last().map_or(i, |l| l.start), &out[..out.len() - 1])
        {
            out.push(Phrase {
                kind: PhraseKind::Adverb,
                start: i,
                end: i + 1,
                head: i,
            });
            i += 1;
            continue;
        }
        // Noun phrase ("around 20 agreements": an approximator before a number opens one).
        let approximately = i + 1 < n
            && pos(i + 1) == Pos::CD
            && ascii_is(
                w,
                &[
                    "around",
                    "about",
                    "some",
                    "nearly",
                    "almost",
                    "roughly",
                    "approximately",
                    "over",
                    "up",
                ],
            );
        // "at least 25 people", "more than 30 soldiers", "up to 40": a two-word approximator
        let number_at = |k: usize| k < n && matches!(pos(k), Pos::CD | Pos::Dollar);
        let lead = if i + 1 < n
            && number_at(i + 2)
            && [
                ("at", "least"),
                ("at", "most"),
                ("more", "than"),
                ("less", "than"),
                ("fewer", "than"),
                ("up", "to"),
                ("as", "many"),
                ("as", "much"),
            ]
            .iter()
            .any(|(a, b)| w.eq_ignore_ascii_case(a) && word(i + 1).eq_ignore_ascii_case(b))
        {
            2
        } else {
            0
        };
        if starts_np(p)
            || approximately
            || lead > 0
            || (matches!(p, Pos::VBN | Pos::VBG) && i + 1 < n && pos(i + 1).is_noun())
            || attributive(i)
            // "repeated calls for", "held talks": a plural noun read as a verb
            || (matches!(p, Pos::VBZ | Pos::VBP) && noun_like_verb(tokens, text, i))
        {
            let start = i;
            let mut quoted = false;
            let mut head = i;
            let mut j = i;
            while j < n {
                let q = pos(j);
                let time_word = ascii_is(
                    word(j),
                    &[
                        "next",
                        "last",
                        "this",
                        "past",
                        "previous",
                        "coming",
                        "following",
                        "earlier",
                        "later",
                    ],
                );
                let subjunctive_verb = j > start && (subjunctive_at(j) || present_after_noun(tokens, text, j));
                // "held talks Tuesday with", "Rubio Tuesday said": a day name after a noun
                // is a time adverb, not part of the phrase ("Good Friday Agreement" is)
                let day_after_noun = j > start
                    && pos(j - 1).is_noun()
                    && ascii_is(word(j), DAY_WORDS)
                    && !(pos(j - 1).is_proper() && j + 1 < n && pos(j + 1).is_proper())
                    || home_after_object(j, start, &out);
                // "in phone conversations last week": a time phrase after a noun is adverbial
                let time_after_noun = j > start
                    && time_word
                    && pos(j - 1).is_noun()
                    && j + 1 < n
                    && (ascii_is(word(j + 1), TIME_UNITS)
                        || ascii_is(word(j + 1), DAY_WORDS)
                        || super::dates::month_number(word(j + 1)).is_some());
                let continues = if subjunctive_verb
                    || day_after_noun
                    || time_after_noun
                    || (j > start && pos(j - 1).is_proper() && (time_word || q == Pos::CD))
                {
                    // "Egypt next year", "Ankara 2025": a name ends the phrase
                    false
                } else if j < start + lead.max(1)
                    || q.is_noun()
                    || q.is_adj()
                    || q == Pos::CD
                    || q == Pos::POS
                    || q == Pos::Dollar
                {
                    true
                } else if q == Pos::Lquote
                    && j + 1 < n
                    && (pos(j + 1).is_noun() || pos(j + 1).is_adj() || (j > start && pos(j + 1) == Pos::DT))
                {
                    // scare quotes inside a noun phrase: a "total war", a "no limits" partnership
                    quoted = true;
                    true
                } else if q == Pos::Rquote && quoted {
                    quoted = false;
                    pos(j - 1).is_noun() || pos(j - 1).is_adj()
                } else if matches!(q, Pos::DT | Pos::PRPS) {
                    // a determiner may follow a possessive: "Turkey 's the" is rare; allow after POS
                    // (and open scare quotes: a "no limits" partnership)
                    pos(j - 1) == Pos::POS || (quoted && pos(j - 1) == Pos::Lquote)
                } else if matches!(q, Pos::VBZ | Pos::VBP) {
                    noun_like_verb(tokens, text, j)
                } else if matches!(q, Pos::VBN | Pos::VBG) {
                    // "the proposed deal", but "the two leaders held talks"
                    let after_noun = if q == Pos::VBN {
                        pos(j - 1).is_noun()
                    } else {
                        pos(j - 1).is_proper()
                    };
                    (j + 1 < n && pos(j + 1).is_noun() && !after_noun) || noun_like_verb(tokens, text, j)
                } else if is_dash(word(j)) || q == Pos::Hash {
                    pos(j - 1).is_proper() && j + 1 < n && pos(j + 1).is_proper()
                } else {
                    false
                };
                if !continues {
                    break;
                }
                if q.is_noun()
                    || q == Pos::PRP
                    || q == Pos::CD
                    || q == Pos::EX
                    || (matches!(q, Pos::VBG | Pos::VBZ | Pos::VBP) && noun_like_verb(tokens, text, j))
                {
                    head = j;
                }
                if q == Pos::PRP && j > start {
                    break;
                }
                j += 1;
                if q == Pos::PRP || q == Pos::EX {
                    break;
                }
            }
            // "an offensive against", "the wounded": an adjective ending a phrase without a
            // noun is its head
            if head == start && j > start + 1 && !pos(start).is_noun() && pos(j - 1).is_adj() {
                head = j - 1;
            }
            out.push(Phrase {
                kind: PhraseKind::Noun,
                start,
                end: j,
                head,
            });
            i = j;
            continue;
        }
        let kind = match p {
            Pos::IN if ascii_is(w, &["that", "whether", "if"]) => PhraseKind::Wh,
            Pos::IN | Pos::TO => PhraseKind::Prep,
            Pos::CC => PhraseKind::Conj,
            Pos::WDT | Pos::WP | Pos::WPS | Pos::WRB => PhraseKind::Wh,
            Pos::Comma => PhraseKind::Comma,
            Pos::Lquote | Pos::Rquote => PhraseKind::Quote,
            Pos::Period | Pos::Colon | Pos::Lrb | Pos::Rrb => PhraseKind::Punct,
            _ if p.is_adv() => PhraseKind::Adverb,
            _ if matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’") => PhraseKind::Quote,
            _ => PhraseKind::Other,
        };
        out.push(Phrase {
            kind,
            start: i,
            end: i + 1,
            head: i,
        });
        i += 1;
    }
    out
}

/// Verb forms after which a participle belongs to the verb group ("has increased", "was
/// imposed", "got arrested").
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am", "has", "have", "had", "having", "'ve", "'d",
    "get", "gets", "got", "gotten", "getting",
];

/// Units of time that make "last/next/this ..." a time phrase ("last week", "next month"; month
/// names are the date grammar's, `dates::month_number`).
const TIME_UNITS: &[&str] = &[
    "week",
    "weekend",
    "month",
    "year",
    "day",
    "night",
    "morning",
    "afternoon",
    "evening",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

/// Day names and deictic days: time adverbs when they follow a noun.
const DAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tonight",
];

fn starts_np(p: Pos) -> bool {
    p.is_noun()
        || p.is_adj()
        || matches!(
            p,
            Pos::DT | Pos::PDT | Pos::PRPS | Pos::CD | Pos::PRP | Pos::Dollar | Pos::EX
        )
}

/// "whose country chairs the bloc", "the ministry plans a": a present-tense verb the tagger
/// read as a plural noun, right after a determiner and a singular noun and before a
/// determiner.
fn present_after_noun(tokens: &[Token], text: &str, i: usize) -> bool {
    let pos = |k: usize| tokens[k].pos;
    let w = tokens[i].span.of(text);
    i >= 2
        && pos(i) == Pos::NNS
        && pos(i - 1) == Pos::NN
        && matches!(pos(i - 2), Pos::DT | Pos::WPS | Pos::PRPS)
        && i + 1 < tokens.len()
        && matches!(pos(i + 1), Pos::DT | Pos::PRPS)
        && w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && super::lemma::is_known_verb(&super::lemma::verb_lemma(&w.to_ascii_lowercase(), &|_| false))
}

/// A plural noun mis-tagged as a verb right after a verb: "held talks", "signed deals".
fn noun_like_verb(tokens: &[Token], text: &str, i: usize) -> bool {
    let p = tokens[i].pos;
    if p == Pos::VBG && i > 0 {
        // "its Wagah border crossing", "the signing ceremony": -ing nouns after a noun phrase word
        let prev = tokens[i - 1].pos;
        let w = tokens[i].span.of(text).to_ascii_lowercase();
        let deverbal = super::words::Words::embedded().ing_noun(&w).is_some();
        return deverbal && (prev.is_noun() || prev.is_adj() || matches!(prev, Pos::DT | Pos::PRPS | Pos::POS));
    }
    if i == 0 || !matches!(p, Pos::VBZ | Pos::VBP) {
        return false;
    }
    let prev = tokens[i - 1].pos;
    let w = tokens[i].span.of(text);
    // "the U.S. claims", "the Iranian threats": a name after "the" modifies a plural noun
    let the_name = prev.is_proper() && i >= 2 && tokens[i - 2].pos == Pos::DT;
    (prev.is_verb() && matches!(prev, Pos::VBD | Pos::VBN | Pos::VBG | Pos::VB)
        || prev.is_adj()
        || prev == Pos::DT
        || the_name)
        && w.ends_with('s')
        && !matches!(w, "is" | "has" | "was" | "does")
}
