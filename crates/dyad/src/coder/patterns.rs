//! dyad's pattern language for events (`data/patterns/*.txt`).
//!
//! ```text
//! [verb]                        # patterns on a verb lemma
//! 042   visit T                 # subject visits the target (direct object)
//! 042/043 visit T               # a/b : also coded target → source with code b (hosting)
//! 040 ~ meet with T             # ~ : two-sided, coded in both directions; a compound subject
//!                               #     with no target ("X and Y met") is coded pairwise
//! 057 ~ sign agreement|deal with T   # object head must be one of the nouns
//! 070   receive aid|help from S # S : the source is this slot, the subject is the target
//! [noun]                        # nominal events: head noun first
//! 042   visit to T              # source from a possessor, "of"/"by" phrase or adjective
//! 046 ~ talks between T         # "talks between X and Y": pairwise
//! ```
//! `_` is any noun phrase ("114 complain to _ about T"); `T=accusation|claim` is the target
//! when its head is one of those nouns ("rejected the Venezuelan accusations" → Venezuela).
//! `T?` is a target that may be missing or name no state: the event is then coded with the
//! target unknown ("Iraqi forces arrested seven militants", "gunmen attacked a hotel"), for
//! acts whose doer matters even when the text gives no state on the other side.
//!
//! Word sets are written once and used anywhere a `|` list stands, by name:
//!
//! ```text
//! @AGREEMENT = agreement|deal|accord|treaty|pact|memorandum
//! 057 ~ sign|ink|conclude @AGREEMENT with T
//! ```
//! A set may use other sets; sets are shared by all pattern files.
//! A word after the verb is an object head noun, unless it is a preposition, which then
//! takes the next element as its object. Elements match in order; unreferenced phrases
//! ("on Monday", "in Cairo") are skipped. The most specific matching pattern wins.

use crate::ontology::Cameo;
use crate::text::lemma::noun_lemma;
use rustc_hash::{FxHashMap, FxHashSet};
use thiserror::Error;

/// The pattern files built into dyad.
pub const EMBEDDED_PATTERNS: &[(&str, &str)] = &[
    ("sets.txt", include_str!("../../../../data/patterns/sets.txt")),
    ("verbs.txt", include_str!("../../../../data/patterns/verbs.txt")),
    ("nouns.txt", include_str!("../../../../data/patterns/nouns.txt")),
];

/// A pattern file that could not be read.
#[derive(Debug, Error)]
#[error("{file}:{line}: {message}")]
pub struct PatternError {
    /// File name.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// What fills a slot of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The target actor.
    Target,
    /// The target actor if the phrase is there and names one (`T?`); the element may be
    /// missing, and the event is then coded with an unknown target.
    MaybeTarget,
    /// The source actor (the subject then becomes the target).
    Source,
    /// A noun phrase whose head lemma is one of these.
    Nouns(Vec<String>),
    /// Any noun phrase (`_`): "complain to _ about T".
    Any,
    /// The target, when its head is one of these nouns (`T=accusation|claim`): "rejected the
    /// Venezuelan accusations" is aimed at Venezuela.
    TargetIf(Vec<String>),
}

/// One element after the verb (or event noun).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// The direct object.
    Object(Slot),
    /// A prepositional phrase with one of these prepositions.
    Prep(Vec<String>, Slot),
}

/// Whether a pattern is anchored on a verb or a noun.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    /// A verb lemma (with an optional particle: "step up").
    Verb,
    /// An event noun.
    Noun,
}

/// One pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The CAMEO code.
    pub code: String,
    /// Coded in both directions with the same code.
    pub symmetric: bool,
    /// Also coded from target to source with this code ("042/043": the visit is hosted).
    pub reverse: Option<String>,
    /// Verb or noun.
    pub anchor: Anchor,
    /// The lemmas it is anchored on (alternatives).
    pub lemmas: Vec<String>,
    /// Elements in order.
    pub elems: Vec<Elem>,
    /// The line as written.
    pub text: String,
    /// File name.
    pub file: &'static str,
    /// 1-based line.
    pub line: usize,
}

impl Pattern {
    /// Does the pattern code its event with an unknown target when none is named (`T?`)?
    pub fn one_sided(&self) -> bool {
        self.has(&Slot::MaybeTarget)
    }

    /// Does the pattern name its target (or its source, the subject then being the target) at
    /// all? "recall ambassador", "express concern" do not: the act's addressee is left to the
    /// discourse.
    pub fn names_target(&self) -> bool {
        self.elems.iter().any(|e| {
            matches!(
                e,
                Elem::Object(Slot::Target | Slot::MaybeTarget | Slot::Source | Slot::TargetIf(_))
                    | Elem::Prep(_, Slot::Target | Slot::MaybeTarget | Slot::Source | Slot::TargetIf(_))
            )
        })
    }

    /// The slot filled by the target (or source) role, if any.
    pub fn has(&self, slot: &Slot) -> bool {
        self.elems
            .iter()
            .any(|e| matches!(e, Elem::Object(s) | Elem::Prep(_, s) if s == slot))
    }

    /// Where the pattern was read, with its text: "verbs.txt:12 042 visit T".
    pub fn describe(&self) -> String {
        format!("{}:{} {}", self.file, self.line, self.text)
    }

    /// What makes two patterns the same: anchor, codes, two-sidedness, words and elements
    /// (not spacing or comments).
    fn key(&self) -> String {
        format!(
            "{:?} {} {:?} {} {:?} {:?}",
            self.anchor, self.code, self.reverse, self.symmetric, self.lemmas, self.elems
        )
    }
}

/// Compiled patterns, indexed by lemma: a verb pattern by its verb (and particle), a noun
/// pattern by its head noun, so the cost per clause does not grow with the number of patterns.
#[derive(Debug)]
pub struct PatternSet {
    all: Vec<Pattern>,
    /// Compounds of an event noun that name no event ("trade war").
    not_events: Vec<String>,
    verbs: FxHashMap<String, Vec<usize>>,
    nouns: FxHashMap<String, Vec<usize>>,
    verb_lemmas: FxHashSet<String>,
}

impl PatternSet {
    /// Reads pattern files given as (name, text); the CAMEO code of every pattern is checked,
    /// and a pattern written twice (the same code, words and elements) is an error naming
    /// both lines.
    pub fn from_files(files: &[(&'static str, &str)]) -> Result<PatternSet, PatternError> {
        let cameo = Cameo::get();
        let sets = sets(files)?;
        let mut all: Vec<Pattern> = Vec::new();
        let mut seen: FxHashMap<String, (&'static str, usize)> = FxHashMap::default();
        for &(name, text) in files {
            for p in parse_with(name, text, &sets)? {
                for c in std::iter::once(&p.code).chain(p.reverse.iter()) {
                    if !cameo.is_valid(c) {
                        return Err(PatternError {
                            file: name.into(),
                            line: p.line,
                            message: format!("{c} is not a CAMEO event code"),
                        });
                    }
                }
                if let Some((file, line)) = seen.insert(p.key(), (p.file, p.line)) {
                    return Err(PatternError {
                        file: name.into(),
                        line: p.line,
                        message: format!("the same pattern as {file}:{line}"),
                    });
                }
                all.push(p);
            }
        }
        let (mut verbs, mut nouns, mut verb_lemmas) =
            (FxHashMap::default(), FxHashMap::default(), FxHashSet::default());
        for (i, p) in all.iter().enumerate() {
            for l in &p.lemmas {
                let map: &mut FxHashMap<String, Vec<usize>> = if p.anchor == Anchor::Verb {
                    &mut verbs
                } else {
                    &mut nouns
                };
                // nouns are indexed by their head (last word): "news conference" → "conference"
                let key = if p.anchor == Anchor::Noun {
                    l.rsplit(' ').next().unwrap_or(l)
                } else {
                    l.as_str()
                };
                map.entry(key.to_string()).or_default().push(i);
                if p.anchor == Anchor::Verb {
                    verb_lemmas.insert(l.split(' ').next().unwrap_or(l).to_string());
                }
            }
        }
        Ok(PatternSet {
            all,
            not_events: not_events(files),
            verbs,
            nouns,
            verb_lemmas,
        })
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.all.is_empty()
    }

    /// Is this the lemma of a pattern verb? (It decides between candidate stems of a form.)
    pub fn is_verb_lemma(&self, lemma: &str) -> bool {
        self.verb_lemmas.contains(lemma)
    }

    /// The compounds of event nouns that name no event ("trade war", "war of words").
    pub fn not_events(&self) -> &[String] {
        &self.not_events
    }

    /// Are there patterns of the phrasal verb `lemma particle` ("hand over")?
    pub fn is_phrasal(&self, lemma: &str, particle: &str) -> bool {
        let mut key = String::with_capacity(lemma.len() + particle.len() + 1);
        key.push_str(lemma);
        key.push(' ');
        key.push_str(particle);
        self.verbs.contains_key(&key)
    }

    /// The patterns of the phrasal verb `lemma particle` alone ("call for"), in file order.
    pub fn phrasal_candidates(&self, lemma: &str, particle: &str) -> Vec<&Pattern> {
        let key = format!("{lemma} {particle}");
        self.verbs
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&i| &self.all[i])
            .collect()
    }

    /// The verb patterns of `lemma`, those of `lemma particle` ("step up") first, in file order.
    pub fn verb_candidates(&self, lemma: &str, particle: Option<&str>) -> Vec<&Pattern> {
        let mut out = Vec::new();
        if let Some(p) = particle {
            let key = format!("{lemma} {p}");
            out.extend(self.verbs.get(&key).into_iter().flatten().map(|&i| &self.all[i]));
        }
        out.extend(self.verbs.get(lemma).into_iter().flatten().map(|&i| &self.all[i]));
        out
    }

    /// The noun patterns whose head noun is `head`, in file order.
    pub fn noun_candidates<'s>(&'s self, head: &str) -> impl Iterator<Item = &'s Pattern> + 's {
        self.nouns.get(head).into_iter().flatten().map(|&i| &self.all[i])
    }
}

/// Prepositions recognised inside patterns.
pub const PREPOSITIONS: &[&str] = &[
    "with",
    "to",
    "in",
    "on",
    "against",
    "for",
    "from",
    "by",
    "at",
    "over",
    "about",
    "into",
    "between",
    "among",
    "toward",
    "towards",
    "of",
    "across",
    "near",
    "along",
    "upon",
    "amid",
    "through",
    "after",
    "under",
    "off",
    "out",
    "down",
    "up",
    "outside",
    "inside",
    "beyond",
    "around",
    "behind",
    "throughout",
    "within",
    "past",
    "via",
    "onto",
    "beside",
    "opposite",
    "during",
];

/// Word sets by name (`@AGREEMENT`), each expanded to its words.
pub type Sets = FxHashMap<String, Vec<String>>;

/// Reads the set definitions (`@NAME = a|b|@OTHER`) of pattern files, expanding sets used in
/// other sets. A set defined twice, used but not defined, or defined by itself is an error.
pub fn sets(files: &[(&'static str, &str)]) -> Result<Sets, PatternError> {
    let mut raw: Vec<(String, Vec<String>, &'static str, usize)> = Vec::new();
    for &(file, text) in files {
        for (i, line) in text.lines().enumerate() {
            let l = line.split('#').next().unwrap_or("").trim();
            let Some(def) = l.strip_prefix('@') else { continue };
            let err = |message: String| PatternError {
                file: file.to_string(),
                line: i + 1,
                message,
            };
            let (name, words) = def
                .split_once('=')
                .ok_or_else(|| err(format!("`@{def}`: a set is written `@NAME = word|word`")))?;
            let name = name.trim();
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(err(format!("`@{name}`: a set name is capital letters, digits and _")));
            }
            if let Some((_, _, f, l)) = raw.iter().find(|(n, ..)| n == name) {
                return Err(err(format!("set @{name} is already defined at {f}:{l}")));
            }
            let words: Vec<String> = words
                .split('|')
                .map(|w| w.trim().to_string())
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                return Err(err(format!("set @{name} has no words")));
            }
            raw.push((name.to_string(), words, file, i + 1));
        }
    }
    let mut out: Sets = FxHashMap::default();
    fn expand(
        name: &str,
        raw: &[(String, Vec<String>, &'static str, usize)],
        out: &mut Sets,
        stack: &mut Vec<String>,
    ) -> Result<Vec<String>, PatternError> {
        if let Some(done) = out.get(name) {
            return Ok(done.clone());
        }
        let (_, words, file, line) = raw.iter().find(|(n, ..)| n == name).expect("known set");
        if stack.iter().any(|s| s == name) {
            return Err(PatternError {
                file: file.to_string(),
                line: *line,
                message: format!("set @{name} is defined through itself ({})", stack.join(" → ")),
            });
        }
        stack.push(name.to_string());
        let mut words_out = Vec::new();
        for w in words {
            match w.strip_prefix('@') {
                Some(inner) => {
                    if !raw.iter().any(|(n, ..)| n == inner) {
                        return Err(PatternError {
                            file: file.to_string(),
                            line: *line,
                            message: format!("set @{inner} is not defined"),
                        });
                    }
                    words_out.extend(expand(inner, raw, out, stack)?);
                }
                None => words_out.push(w.clone()),
            }
        }
        stack.pop();
        words_out.dedup();
        out.insert(name.to_string(), words_out.clone());
        Ok(words_out)
    }
    for (name, ..) in &raw {
        expand(name, &raw, &mut out, &mut Vec::new())?;
    }
    Ok(out)
}

/// The compounds listed under `[not]` in pattern files: event nouns that name no event in
/// them ("trade war", "war of words", "charm offensive"), as lemmas ("trade war").
pub fn not_events(files: &[(&'static str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for &(_, text) in files {
        let mut inside = false;
        for raw in text.lines() {
            let l = raw.split('#').next().unwrap_or("").trim();
            if l.starts_with('[') {
                inside = l == "[not]";
                continue;
            }
            if inside && !l.is_empty() {
                for w in l.split('|') {
                    let w = w.trim().to_lowercase().replace('+', " ");
                    let lemma = match w.rsplit_once(' ') {
                        Some((pre, last)) => format!("{pre} {}", noun_lemma(last)),
                        None => noun_lemma(&w),
                    };
                    out.push(lemma);
                }
            }
        }
    }
    out
}

/// Reads one pattern file that uses no sets defined elsewhere.
pub fn parse(file: &'static str, text: &str) -> Result<Vec<Pattern>, PatternError> {
    parse_with(file, text, &sets(&[(file, text)])?)
}

/// `w` with every `@SET` among its `|` alternatives replaced by the set's words.
fn expand_sets(w: &str, sets: &Sets) -> Result<String, String> {
    if !w.contains('@') {
        return Ok(w.to_string());
    }
    let mut out: Vec<String> = Vec::new();
    for alt in w.split('|') {
        // "@SET", or "T=@SET" with the slot's prefix kept before the set's first word
        match alt.find('@') {
            Some(at) => {
                let (prefix, name) = (&alt[..at], &alt[at + 1..]);
                let words = sets.get(name).ok_or_else(|| format!("set @{name} is not defined"))?;
                for (i, word) in words.iter().enumerate() {
                    out.push(if i == 0 {
                        format!("{prefix}{word}")
                    } else {
                        word.clone()
                    });
                }
            }
            None => out.push(alt.to_string()),
        }
    }
    Ok(out.join("|"))
}

/// Reads one pattern file, with the word `sets` of all files.
pub fn parse_with(file: &'static str, text: &str, sets: &Sets) -> Result<Vec<Pattern>, PatternError> {
    let err = |line, message: String| PatternError {
        file: file.to_string(),
        line,
        message,
    };
    let mut anchor = None;
    let mut in_not = false;
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.split('#').next().unwrap_or("").trim();
        if l.is_empty() || l.starts_with('@') {
            continue;
        }
        match l {
            "[verb]" => {
                anchor = Some(Anchor::Verb);
                in_not = false;
                continue;
            }
            "[noun]" => {
                anchor = Some(Anchor::Noun);
                in_not = false;
                continue;
            }
            "[not]" => {
                in_not = true;
                continue;
            }
            _ if l.starts_with('[') => {
                return Err(err(line, format!("unknown section {l}: use [verb], [noun] or [not]")))
            }
            _ if in_not => continue,
            _ => {}
        }
        let anchor = anchor.ok_or_else(|| err(line, "pattern before any [verb] or [noun] section".into()))?;
        let mut words = l.split_whitespace().peekable();
        let codes = words.next().unwrap_or_default();
        let (code, reverse) = match codes.split_once('/') {
            Some((c, r)) => (c.to_string(), Some(r.to_string())),
            None => (codes.to_string(), None),
        };
        for c in std::iter::once(&code).chain(reverse.iter()) {
            if !(2..=4).contains(&c.len()) || !c.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(line, format!("`{c}` is not a CAMEO code")));
            }
        }
        let symmetric = words.next_if_eq(&"~").is_some();
        if symmetric && reverse.is_some() {
            return Err(err(
                line,
                "a pattern is either two-sided (~) or has a reverse code (a/b), not both".into(),
            ));
        }
        let first = words
            .next()
            .ok_or_else(|| err(line, "no verb or noun after the code".into()))?;
        let first = expand_sets(first, sets).map_err(|m| err(line, m))?;
        let mut lemmas: Vec<String> = first.split('|').map(|s| s.replace('+', " ")).collect();
        if anchor == Anchor::Noun {
            // event nouns are matched by lemma: "consultations" and "consultation" alike
            for l in &mut lemmas {
                *l = match l.rsplit_once(' ') {
                    Some((pre, last)) => format!("{pre} {}", noun_lemma(&last.to_lowercase())),
                    None => noun_lemma(&l.to_lowercase()),
                };
            }
        }
        lemmas.retain(|s| !s.is_empty());
        let mut elems = Vec::new();
        let mut pending_prep: Option<Vec<String>> = None;
        for w in words {
            let w = expand_sets(w, sets).map_err(|m| err(line, m))?;
            let w = w.as_str();
            let slot = match w {
                "T" => Some(Slot::Target),
                "T?" => Some(Slot::MaybeTarget),
                "S" => Some(Slot::Source),
                "_" => Some(Slot::Any),
                _ => w.strip_prefix("T=").map(|nouns| {
                    Slot::TargetIf(
                        nouns
                            .split('|')
                            .map(|n| noun_lemma(&n.to_lowercase().replace('+', " ")))
                            .collect(),
                    )
                }),
            };
            let alts: Vec<String> = w.split('|').map(|a| a.to_lowercase().replace('+', " ")).collect();
            if slot.is_none() && alts.iter().all(|a| PREPOSITIONS.contains(&a.as_str())) {
                if pending_prep.is_some() {
                    return Err(err(line, format!("two prepositions in a row before `{w}`")));
                }
                pending_prep = Some(alts);
                continue;
            }
            // "in|across|throughout": a preposition missing from PREPOSITIONS would turn the
            // element into object nouns and the pattern into one that never matches
            if slot.is_none() && alts.len() > 1 && PREPOSITIONS.contains(&alts[0].as_str()) {
                let odd: Vec<&str> = alts
                    .iter()
                    .filter(|a| !PREPOSITIONS.contains(&a.as_str()))
                    .map(String::as_str)
                    .collect();
                return Err(err(
                    line,
                    format!("`{w}` mixes prepositions with words that are not ({})", odd.join(", ")),
                ));
            }
            if slot.is_none()
                && !alts.iter().all(|a| {
                    a.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == ' ')
                })
            {
                return Err(err(line, format!("`{w}` is not T, S, a preposition or a noun")));
            }
            // nouns are kept as lemmas: "missiles" and "missile" are one entry
            let lemmas_of = |a: &String| match a.rsplit_once(' ') {
                Some((pre, last)) => format!("{pre} {}", noun_lemma(last)),
                None => noun_lemma(a),
            };
            let slot = slot.unwrap_or_else(|| Slot::Nouns(alts.iter().map(lemmas_of).collect()));
            elems.push(match pending_prep.take() {
                Some(p) => Elem::Prep(p, slot),
                None => Elem::Object(slot),
            });
        }
        if let Some(p) = pending_prep {
            return Err(err(line, format!("preposition `{}` has no object", p.join("|"))));
        }
        out.push(Pattern {
            code,
            symmetric,
            reverse,
            anchor,
            lemmas,
            elems,
            text: l.to_string(),
            file,
            line,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_elements() {
        let p = parse(
            "t.txt",
            "[verb]\n057 ~ sign agreement|deal with T # c\n070 receive aid from S\n[noun]\n042 visit to T\n",
        )
        .unwrap();
        assert_eq!(p.len(), 3);
        assert!(p[0].symmetric);
        assert_eq!(
            p[0].elems,
            vec![
                Elem::Object(Slot::Nouns(vec!["agreement".into(), "deal".into()])),
                Elem::Prep(vec!["with".into()], Slot::Target)
            ]
        );
        assert!(p[1].has(&Slot::Source));
        assert_eq!(p[2].anchor, Anchor::Noun);
        assert_eq!(p[2].describe(), "t.txt:5 042 visit to T");
    }

    #[test]
    fn a_pattern_written_twice_is_an_error_naming_both_lines() {
        let files = [(
            "v.txt",
            "[verb]\n040 ~ hold talks with T\n042 visit T\n040  ~  hold talks with T # again\n",
        )];
        let e = PatternSet::from_files(&files).unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("v.txt", 4));
        assert!(e.to_string().contains("the same pattern as v.txt:2"), "{e}");
        // the same words under another code, or another element, are different patterns
        let files = [(
            "v.txt",
            "[verb]\n040 ~ hold talks with T\n046 ~ hold talks with T\n040 ~ hold talks\n",
        )];
        assert_eq!(PatternSet::from_files(&files).unwrap().len(), 3);
    }

    #[test]
    fn sets_expand_everywhere_a_list_stands() {
        let text = "@N = claim|charge\n@V = deny|@W\n@W = reject\n[verb]\n016 @V T=@N\n120 reject @N of T?\n";
        let p = parse("t.txt", text).unwrap();
        assert_eq!(p[0].lemmas, vec!["deny", "reject"]);
        assert_eq!(
            p[0].elems,
            vec![Elem::Object(Slot::TargetIf(vec!["claim".into(), "charge".into()]))]
        );
        assert_eq!(p[1].elems[1], Elem::Prep(vec!["of".into()], Slot::MaybeTarget));
        assert!(p[1].one_sided() && !p[0].one_sided());
        let e = parse("t.txt", "[verb]\n016 deny T=@NONE\n").unwrap_err();
        assert!(e.to_string().contains("@NONE is not defined"), "{e}");
        let e = parse("t.txt", "@A = x|@B\n@B = @A\n").unwrap_err();
        assert!(e.to_string().contains("through itself"), "{e}");
        let e = parse("t.txt", "@A = x\n@A = y\n").unwrap_err();
        assert!(e.to_string().contains("already defined at t.txt:1"), "{e}");
    }

    #[test]
    fn embedded_patterns_load() {
        let p = PatternSet::from_files(EMBEDDED_PATTERNS).unwrap();
        assert!(p.len() > 400);
        assert!(p.is_verb_lemma("visit"));
        assert!(!p.verb_candidates("visit", None).is_empty());
        assert!(p.noun_candidates("visit").count() > 0);
    }

    #[test]
    fn reports_bad_lines() {
        assert!(parse("t.txt", "042 visit T\n")
            .unwrap_err()
            .to_string()
            .contains("t.txt:1"));
        assert!(parse("t.txt", "[verb]\nXYZ visit T\n")
            .unwrap_err()
            .to_string()
            .contains("not a CAMEO code"));
        assert!(parse("t.txt", "[verb]\n042 travel to\n")
            .unwrap_err()
            .to_string()
            .contains("no object"));
        assert!(parse("t.txt", "[verb]\n042 travel to 5$\n").is_err());
        assert!(parse("t.txt", "[verb]\n042/04x visit T\n").is_err());
        assert!(parse("t.txt", "[verb]\n042/043 ~ visit T\n").is_err());
        let p = parse("t.txt", "[verb]\n042/043 visit T\n").unwrap();
        assert_eq!(p[0].reverse.as_deref(), Some("043"));
        // a word missing from PREPOSITIONS would silently turn the element into nouns
        let e = parse("t.txt", "[verb]\n141 rally in|amongst T?\n").unwrap_err();
        assert!(
            e.to_string().contains("mixes prepositions") && e.to_string().contains("amongst"),
            "{e}"
        );
    }
}
