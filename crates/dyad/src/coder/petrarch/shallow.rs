//! A Penn-style parse of a raw sentence built from dyad's own analysis (tagger and chunker),
//! shaped the way the PETRARCH/TABARI dictionaries expect: noun phrases with their
//! possessives, `of` phrases and compounds; verb phrases nested by auxiliary and running to
//! the end of their clause; coordinated verb phrases; commas kept for clause removal.

use super::tree::Tree;
use crate::text::chunk::{chunk, Phrase, PhraseKind};
use crate::text::tagger::Tagger;
use crate::text::{token, Pos, Span, Token};

struct Builder<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    units: Vec<Phrase>,
}

fn node(label: &str, children: Vec<Tree>) -> Tree {
    Tree::Node(label.to_string(), children)
}

fn is_speech(lower: &str) -> bool {
    crate::text::clause::is_speech_verb(lower)
}

impl Builder<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens[i].span.of(self.text)
    }

    fn leaf(&self, i: usize) -> Tree {
        let tag = match self.tokens[i].pos {
            Pos::Comma => ",",
            p => p.as_str(),
        };
        node(tag, vec![Tree::Leaf(self.word(i).to_string())])
    }

    fn kind(&self, u: usize) -> Option<PhraseKind> {
        self.units.get(u).map(|p| p.kind)
    }

    /// A noun phrase from one chunk: `X 's Y` as `(NP (NP X 's) Y)`, `JJ and JJ` as `ADJP`.
    fn np(&self, u: usize) -> Tree {
        self.np_of(self.units[u])
    }

    fn np_of(&self, p: Phrase) -> Tree {
        let pos_at = (p.start..p.end).find(|&i| self.tokens[i].pos == Pos::POS);
        let mut flat = Vec::new();
        let mut i = p.start;
        while i < p.end {
            let t = self.tokens[i].pos;
            if t.is_adj() && i + 2 < p.end && self.tokens[i + 1].pos == Pos::CC && self.tokens[i + 2].pos.is_adj() {
                flat.push(node("ADJP", vec![self.leaf(i), self.leaf(i + 1), self.leaf(i + 2)]));
                i += 3;
                continue;
            }
            flat.push(self.leaf(i));
            i += 1;
        }
        // Bare time expressions ("yesterday", "next week", "last June") are not noun
        // phrases for coding, as a treebank parser marks them NP-TMP.
        let first = self.word(p.start).to_ascii_lowercase();
        let head = self.word(p.end - 1).to_ascii_lowercase();
        let time = (p.end - p.start == 1 && matches!(head.as_str(), "today" | "yesterday" | "tomorrow" | "tonight"))
            || (p.end - p.start == 2
                && matches!(first.as_str(), "last" | "next" | "this")
                && (crate::text::dates::month_number(&head).is_some()
                    || crate::text::dates::weekday_name(&head, false).is_some()
                    || matches!(
                        head.as_str(),
                        "week"
                            | "month"
                            | "year"
                            | "weekend"
                            | "night"
                            | "morning"
                            | "evening"
                            | "spring"
                            | "summer"
                            | "autumn"
                            | "winter"
                    )));
        if time && pos_at.is_none() {
            return node("NP-TMP", flat);
        }
        match pos_at {
            Some(k) if k + 1 < p.end => {
                let split = k + 1 - p.start;
                let rest = flat.split_off(split.min(flat.len()));
                let mut children = vec![node("NP", flat)];
                children.extend(rest);
                node("NP", children)
            }
            _ => node("NP", flat),
        }
    }

    fn ends_in_noun(&self, u: usize) -> bool {
        let p = self.units[u];
        let t = self.tokens[p.end - 1].pos;
        t.is_noun() || matches!(t, Pos::PRP | Pos::CD)
    }

    /// True when the verb group at `u` is finite (not `to ...` or a bare participle).
    fn finite(&self, u: usize) -> bool {
        let g = self.units[u];
        !matches!(self.tokens[g.start].pos, Pos::TO | Pos::VBG)
    }

    /// True when unit `u` starts a clause: the sentence start, or after a complementiser or
    /// subordinator.
    fn starts_clause(&self, u: usize) -> bool {
        if u == 0 {
            return true;
        }
        let prev = self.units[u - 1];
        let w = self.word(prev.start).to_ascii_lowercase();
        match prev.kind {
            PhraseKind::Wh => true,
            PhraseKind::Prep => matches!(
                w.as_str(),
                "that"
                    | "whether"
                    | "if"
                    | "because"
                    | "after"
                    | "before"
                    | "when"
                    | "while"
                    | "since"
                    | "although"
                    | "though"
                    | "until"
                    | "unless"
            ),
            _ => false,
        }
    }

    /// A noun phrase over tokens `[start, end)`, as [`Self::np`].
    fn np_range(&self, start: usize, end: usize) -> Tree {
        let p = Phrase {
            kind: PhraseKind::Noun,
            start,
            end,
            head: end - 1,
        };
        self.np_of(p)
    }

    fn noun_count(&self, u: usize) -> usize {
        let p = self.units[u];
        (p.start..p.end).filter(|&i| self.tokens[i].pos.is_noun()).count()
    }

    fn single_noun(&self, u: usize) -> bool {
        let p = self.units[u];
        p.end - p.start == 1 && self.tokens[p.start].pos.is_noun()
    }

    /// A noun phrase at `u`, with a list of coordinated noun phrases after it when there is
    /// one (`A, B and C`): returns the tree and the next unit.
    fn noun_group(&self, u: usize, end: usize, subject_position: bool) -> (Tree, usize) {
        // `an anti- Gondor parade`: a prefix with its hyphen joins the next noun phrase.
        if u + 2 < end
            && self.kind(u + 1) == Some(PhraseKind::Punct)
            && self.word(self.units[u + 1].start) == "-"
            && self.units[u + 1].start == self.units[u].end
            && self.kind(u + 2) == Some(PhraseKind::Noun)
        {
            let np = self.np_range(self.units[u].start, self.units[u + 2].end);
            return (np, u + 3);
        }
        let (np, next) = self.noun_list(u, end, subject_position);
        // `Osgiliath, the state's fiercest foe,`: an apposition (a determined or possessive
        // noun phrase between commas, or closing the clause) belongs to the noun phrase.
        if self.kind(next) == Some(PhraseKind::Comma) && self.kind(next + 1) == Some(PhraseKind::Noun) {
            let a = self.units[next + 1];
            let first = self.tokens[a.start].pos;
            let determined =
                matches!(first, Pos::DT | Pos::PRPS) || (a.start..a.end).any(|i| self.tokens[i].pos == Pos::POS);
            let after = self.kind(next + 2);
            let closes = matches!(after, Some(PhraseKind::Comma) | None)
                || (after == Some(PhraseKind::Punct) && next + 3 >= end);
            if determined && closes && np.label() == "NP" {
                let mut children = vec![np, self.leaf(self.units[next].start), self.np(next + 1)];
                let mut j = next + 2;
                if after == Some(PhraseKind::Comma) && self.kind(next + 3) != Some(PhraseKind::Verb) {
                    children.push(self.leaf(self.units[next + 2].start));
                    j += 1;
                }
                return (node("NP", children), j);
            }
        }
        (np, next)
    }

    /// A noun phrase at `u`, with a list of coordinated noun phrases after it when there is
    /// one.
    fn noun_list(&self, u: usize, end: usize, subject_position: bool) -> (Tree, usize) {
        // Find `NP (, NP)* ,? CC NP`.
        let mut members = vec![u];
        let mut k = u + 1;
        let mut conj = None;
        loop {
            match self.kind(k) {
                Some(PhraseKind::Comma) if k + 1 < end && self.kind(k + 1) == Some(PhraseKind::Noun) => {
                    members.push(k + 1);
                    k += 2;
                }
                Some(PhraseKind::Comma) if k + 1 < end && self.kind(k + 1) == Some(PhraseKind::Conj) => {
                    k += 1;
                }
                Some(PhraseKind::Conj) if k + 1 < end && self.kind(k + 1) == Some(PhraseKind::Noun) => {
                    members.push(k + 1);
                    conj = Some(k);
                    k += 2;
                    break;
                }
                _ => break,
            }
        }
        // `Ithilen's awful and evil minister`: an adjective before the conjunction joins the
        // next noun phrase instead of starting a list.
        if members.len() == 2 && !self.ends_in_noun(u) {
            if let Some(c) = conj {
                return (self.np_range(self.units[u].start, self.units[c + 1].end), c + 2);
            }
        }
        let after_verb = self.kind(k) == Some(PhraseKind::Verb) && self.finite(k);
        let cc_word = conj.map(|c| self.word(self.units[c].start).to_ascii_lowercase());
        let list_ok = conj.is_some()
            && matches!(cc_word.as_deref(), Some("and" | "or"))
            && (subject_position || !after_verb)
            && members.iter().all(|&m| self.ends_in_noun(m));
        if !list_ok {
            return (self.np(u), u + 1);
        }
        let conj = conj.unwrap_or(k);
        // One noun with its modifiers, then bare nouns: keep flat so the modifiers are shared.
        let first = self.units[u];
        let flat = self.noun_count(u) == 1
            && (first.start..first.end).any(|i| self.tokens[i].pos.is_adj())
            && members[1..].iter().all(|&m| self.single_noun(m))
            && !(self.units[u].start..self.units[u].end).any(|i| self.tokens[i].pos == Pos::POS);
        let mut children = Vec::new();
        for (n, &m) in members.iter().enumerate() {
            if n > 0 {
                let sep = if m == conj + 1 { conj } else { m - 1 };
                children.push(self.leaf(self.units[sep].start));
            }
            if flat {
                let p = self.units[m];
                children.extend((p.start..p.end).map(|i| self.leaf(i)));
            } else {
                children.push(self.np(m));
            }
        }
        (node("NP", children), k)
    }

    /// Where the verb phrase starting after unit `from` ends: a coordinated verb (`and
    /// promised`), a new clause after a comma (`, officials said`) or a conjunction, the
    /// final punctuation, or `end`.
    fn vp_end(&self, from: usize, end: usize) -> usize {
        let mut k = from;
        while k < end {
            let next = self.kind(k + 1);
            let next2 = self.kind(k + 2);
            match self.units[k].kind {
                PhraseKind::Conj if next == Some(PhraseKind::Verb) && self.finite(k + 1) => return k,
                PhraseKind::Conj
                    if next == Some(PhraseKind::Noun) && next2 == Some(PhraseKind::Verb) && self.finite(k + 2) =>
                {
                    return k
                }
                PhraseKind::Noun => {
                    // Skip a list of noun phrases (`that Gondor and Osgiliath have ...`).
                    let (_, j) = self.noun_group(k, end, self.starts_clause(k));
                    k = j;
                    continue;
                }
                PhraseKind::Comma if next == Some(PhraseKind::Noun) && next2 == Some(PhraseKind::Verb) => {
                    let v = self.units[k + 2];
                    if is_speech(&self.word(v.head).to_ascii_lowercase()) {
                        return k;
                    }
                }
                PhraseKind::Comma if next == Some(PhraseKind::Verb) => {
                    let v = self.units[k + 1];
                    if is_speech(&self.word(v.head).to_ascii_lowercase()) {
                        return k;
                    }
                }
                PhraseKind::Punct if k + 1 >= end && matches!(self.word(self.units[k].start), "." | "!" | "?") => {
                    return k;
                }
                _ => {}
            }
            k += 1;
        }
        end
    }

    /// A verb phrase: the verb group at `u` nested by auxiliary, the rest up to `end` inside
    /// the innermost phrase.
    fn vp(&self, u: usize, end: usize) -> Tree {
        let g = self.units[u];
        let head = g.head.clamp(g.start, g.end - 1);
        let mut inner = vec![self.leaf(head)];
        let particles: Vec<Tree> = (head + 1..g.end).map(|i| node("PRT", vec![self.leaf(i)])).collect();
        inner.extend(particles);
        inner.extend(self.seq(u + 1, end, true));
        let mut vp = node("VP", inner);
        let mut pending: Vec<Tree> = Vec::new();
        let mut i = head;
        while i > g.start {
            i -= 1;
            let t = self.tokens[i].pos;
            if t.is_verb() || t == Pos::MD || t == Pos::TO {
                let mut children = vec![self.leaf(i)];
                children.extend(pending.drain(..).rev());
                children.push(vp);
                vp = node("VP", children);
            } else {
                pending.push(self.leaf(i));
            }
        }
        if pending.is_empty() {
            vp
        } else {
            // Adverbs before the first verb stay outside the verb phrase.
            let mut children: Vec<Tree> = pending.into_iter().rev().collect();
            children.push(vp);
            node("VP", children)
        }
    }

    /// Constituents of units `[i, end)`.
    /// `in_vp`: the units follow a verb (objects and complements, not a subject).
    fn seq(&self, mut i: usize, end: usize, in_vp: bool) -> Vec<Tree> {
        let mut out: Vec<Tree> = Vec::new();
        let mut seen_verb = in_vp;
        // A subject has been read and its verb not yet: phrases after it modify it.
        let mut subject_open = false;
        while i < end {
            let p = self.units[i];
            match p.kind {
                PhraseKind::Noun => {
                    let subject = !seen_verb || self.starts_clause(i);
                    subject_open = subject;
                    let (mut np, mut j) = self.noun_group(i, end, subject);
                    // `X, in remarks published on Monday, urged`: a parenthesis between a
                    // subject and its verb belongs to the subject.
                    if subject && self.kind(j) == Some(PhraseKind::Comma) {
                        let close = (j + 1..end.min(j + 14)).find(|&k| self.kind(k) == Some(PhraseKind::Comma));
                        if let Some(c) = close {
                            if self.kind(c + 1) == Some(PhraseKind::Verb) && self.finite(c + 1) {
                                let mut children = vec![np, self.leaf(self.units[j].start)];
                                children.extend(self.seq(j + 1, c, false));
                                children.push(self.leaf(self.units[c].start));
                                np = node("NP", children);
                                j = c + 1;
                            }
                        }
                    }
                    out.push(np);
                    i = j;
                }
                PhraseKind::Prep if i + 1 < end && self.kind(i + 1) == Some(PhraseKind::Noun) => {
                    let w = self.word(p.start).to_ascii_lowercase();
                    let subject = subject_open || !seen_verb;
                    let (np, j) = self.noun_group(i + 1, end, subject);
                    let prep = node(
                        if w == "to" { "TO" } else { "IN" },
                        vec![Tree::Leaf(self.word(p.start).to_string())],
                    );
                    let pp = node("PP", vec![prep, np]);
                    // `of` phrases, and any phrase after a subject, modify the noun before.
                    // (Attaching other phrases after an object noun too, as treebank parsers
                    // often do, agreed less with the treebank parses of the dev records.)
                    if w == "of" || subject {
                        attach_pp(&mut out, pp);
                    } else {
                        out.push(pp);
                    }
                    i = j;
                }
                PhraseKind::Verb => {
                    seen_verb = true;
                    subject_open = false;
                    let vend = self.vp_end(i + 1, end);
                    let mut vp = self.vp(i, vend);
                    i = vend;
                    // Coordinated verb phrases: `condemned ... and promised ...`.
                    while i + 1 < end
                        && self.units[i].kind == PhraseKind::Conj
                        && self.units[i + 1].kind == PhraseKind::Verb
                    {
                        let cc = self.leaf(self.units[i].start);
                        let vend2 = self.vp_end(i + 2, end);
                        let vp2 = self.vp(i + 1, vend2);
                        vp = node("VP", vec![vp, cc, vp2]);
                        i = vend2;
                    }
                    out.push(vp);
                }
                _ => {
                    for t in p.start..p.end {
                        out.push(self.leaf(t));
                    }
                    i += 1;
                }
            }
        }
        out
    }
}

/// Attaches a prepositional phrase to the noun phrase before it (inside a prepositional
/// phrase, to that phrase's object; in a list, to its last member), or leaves it as a sibling.
fn attach_pp(out: &mut Vec<Tree>, pp: Tree) {
    match out.last_mut() {
        Some(Tree::Node(l, children))
            if l == "NP"
                && children.iter().any(|c| c.label() == "CC")
                && children.last().is_some_and(|c| c.label() == "NP") =>
        {
            attach_pp(children, pp);
        }
        Some(Tree::Node(l, _)) if l == "NP" => {
            let prev = out.pop().unwrap_or_else(|| node("NP", vec![]));
            out.push(node("NP", vec![prev, pp]));
        }
        Some(Tree::Node(l, children)) if l == "PP" && children.last().is_some_and(|c| c.label() == "NP") => {
            attach_pp(children, pp);
        }
        _ => out.push(pp),
    }
}

/// Tags fixed for this use: a capitalised word tagged as a verb right after a proper noun
/// is part of the name ("Michel Delving"); an `-ed` word tagged as an adjective after a
/// perfect auxiliary is a participle ("have cordoned off"); a participle right after the
/// first noun phrase, before any other verb and followed by an object, is the main verb
/// ("Russian police arrested students").
fn fix_tags(words: &[&str], tags: &mut [Pos]) {
    let mut verb_seen = false;
    for i in 0..words.len().saturating_sub(1) {
        // "in south Ithilen": a compass word before a name modifies it.
        if matches!(
            words[i].to_ascii_lowercase().as_str(),
            "north" | "south" | "east" | "west" | "northern" | "southern" | "eastern" | "western" | "central"
        ) && tags[i + 1] == Pos::NNP
        {
            tags[i] = Pos::JJ;
        }
    }
    for i in 1..words.len() {
        if tags[i] == Pos::VBN
            && !verb_seen
            && tags[i - 1].is_noun()
            && i + 1 < words.len()
            && matches!(
                tags[i + 1],
                Pos::NNS | Pos::NNP | Pos::NNPS | Pos::DT | Pos::PRPS | Pos::CD
            )
        {
            tags[i] = Pos::VBD;
        }
        if matches!(tags[i], Pos::VBG | Pos::VBD | Pos::VBN | Pos::VB)
            && matches!(tags[i - 1], Pos::DT)
            && !matches!(
                words[i - 1].to_ascii_lowercase().as_str(),
                "that" | "this" | "these" | "those"
            )
        {
            tags[i] = Pos::NN;
        }
        verb_seen |= tags[i].is_verb() || tags[i] == Pos::MD;
        let w = words[i];
        if tags[i].is_verb()
            && tags[i - 1].is_proper()
            && w.chars().next().is_some_and(char::is_uppercase)
            && !matches!(tags[i], Pos::VBZ | Pos::VBD | Pos::VBP)
        {
            tags[i] = Pos::NNP;
        }
        if tags[i] == Pos::JJ
            && w.ends_with("ed")
            && matches!(words[i - 1].to_ascii_lowercase().as_str(), "have" | "has" | "had")
        {
            tags[i] = Pos::VBN;
        }
    }
}

/// A verb lexicon: true for a word (upper case) that is a verb form in the dictionaries used.
pub type VerbLexicon<'a> = &'a dyn Fn(&str) -> bool;

/// "Fornost and Gondor welcome a resumption": a dictionary verb form tagged as a noun or
/// adjective right after the subject, before any verb, and followed by what starts an object,
/// is the verb (TABARI found its verbs in the dictionary the same way).
fn verbs_from_lexicon(words: &[&str], tags: &mut [Pos], is_verb: VerbLexicon) {
    for i in 1..words.len().saturating_sub(1) {
        if tags[..i].iter().any(|t| t.is_verb() || *t == Pos::MD) {
            return;
        }
        let subject_before = tags[i - 1].is_noun() || tags[i - 1] == Pos::PRP;
        let object_after = matches!(
            tags[i + 1],
            Pos::DT | Pos::IN | Pos::TO | Pos::NNP | Pos::NNPS | Pos::PRPS | Pos::CD | Pos::JJ
        );
        if matches!(tags[i], Pos::NN | Pos::NNS | Pos::JJ)
            && subject_before
            && object_after
            && is_verb(&words[i].to_uppercase())
        {
            tags[i] = if words[i].ends_with("ed") {
                Pos::VBD
            } else if tags[i] == Pos::NNS {
                Pos::VBZ
            } else {
                Pos::VBP
            };
            return;
        }
    }
}

/// Parses one sentence of raw text into a Penn-style tree.
pub fn parse(text: &str, tagger: &Tagger) -> Tree {
    parse_with(text, tagger, None)
}

/// As [`parse`], with a verb lexicon to correct the tagger on verbs it took for nouns.
pub fn parse_with(text: &str, tagger: &Tagger, verbs: Option<VerbLexicon>) -> Tree {
    let mut spans = Vec::new();
    token::tokenize(text, Span::new(0, text.len()), &mut spans);
    let words: Vec<&str> = spans.iter().map(|s| s.of(text)).collect();
    let tags = tagger.tag(&words);
    let tokens: Vec<Token> = spans.iter().zip(tags).map(|(&span, pos)| Token { span, pos }).collect();
    parse_tokens(text, &tokens, verbs)
}

/// Parses a sentence already tokenized and tagged (`tokens` are spans into `text`).
pub fn parse_tokens(text: &str, tokens: &[Token], verbs: Option<VerbLexicon>) -> Tree {
    let words: Vec<&str> = tokens.iter().map(|t| t.span.of(text)).collect();
    let mut tags: Vec<Pos> = tokens.iter().map(|t| t.pos).collect();
    fix_tags(&words, &mut tags);
    if let Some(v) = verbs {
        verbs_from_lexicon(&words, &mut tags, v);
    }
    let tokens: Vec<Token> = tokens
        .iter()
        .zip(tags)
        .map(|(t, pos)| Token { span: t.span, pos })
        .collect();
    let units = chunk(text, &tokens);
    let b = Builder { text, tokens, units };
    let children = b.seq(0, b.units.len(), false);
    node("ROOT", vec![node("S", children)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_compounds_and_possessives_take_the_penn_shape() {
        let t = parse(
            "Gondor and Osgiliath have delayed their meeting, a senior official said.",
            Tagger::embedded(),
        );
        let s = t.to_string();
        assert!(
            s.contains("(NP (NP (NNP Gondor)) (CC and) (NP (NNP Osgiliath)))"),
            "{s}"
        );
        assert!(s.contains("(VP (VBP have) (VP (VBN delayed)"), "{s}");
        assert!(
            s.contains("(, ,) (NP (DT a) (JJ senior) (NN official)) (VP (VBD said))"),
            "{s}"
        );
        let t = parse(
            "Gondor's main opposition group met the ambassadors of Arnor.",
            Tagger::embedded(),
        );
        let s = t.to_string();
        assert!(s.contains("(NP (NP (NNP Gondor) (POS 's)) (JJ main)"), "{s}");
        assert!(
            s.contains("(NP (NP (DT the) (NNS ambassadors)) (PP (IN of) (NP (NNP Arnor))))"),
            "{s}"
        );
    }
}
