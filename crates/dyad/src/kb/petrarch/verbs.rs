//! Verb dictionaries (`CAMEO.2.0.txt`, `*.verbs.txt`): synsets, verb blocks with their verbs and
//! patterns, and (PETRARCH-2) transformations.
//!
//! ```text
//! &CURRENCY                 a synset: `&NAME` then `+` members (`&NAME_`: no plurals)
//! +DOLLAR
//! +CASH_                    a member ending in `_` gets no plural
//!
//! --- ACCELERATE [---] ---  a verb block: name and default code (`---` = no event)
//! ACCELERATE                a verb: regular forms are generated
//! SPEED {SPEEDING SPEEDS SPED } [042]   irregular forms listed; own code
//! +ASK_FOR {+ASKED_FOR +ASKING_FOR}     multi-word verb, `+` marks the verb word
//! - * (TO BORDER)    [154]  # RUSH      a pattern: words before and after the verb `*`
//! - $ TROOP * TOWARD +   [154]          $ source, + target, % both, ^ skip a phrase
//! - * {ARMS SHIPMENT} [072]             {...} noun phrase (head last), (...) prepositional phrase
//! - IN_* [075]                          `_` joins words that must be consecutive
//!
//! ~ a (a b ATTACK) SAY = a b 015       a transformation (kept as text)
//! ```
//!
//! Both the PETRARCH-2 style (Phoenix `CAMEO.2.0.txt`) and the older PETRARCH-1 style
//! (`PETR.Validate.verbs.txt`: `_`-joined words, `&SYN` inside words, synsets of synsets) are read
//! into the same types. A synset reference written with a trailing word (`&TIETYPES_RELATIONS`)
//! is split at the longest defined synset name.

use super::diag::{Diag, DictionaryFile, LineError, LoadOptions, Origin, PetrarchError, Problem, Warning};
use super::lines::{brackets, check_pair, content_lines, decode};
use super::phrase::verb_forms;
use std::collections::HashSet;

/// The contents of one verb dictionary file.
#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    /// The file, as named by the caller.
    pub file: String,
    /// Synonym sets, in file order.
    pub synsets: Vec<Synset>,
    /// Verb blocks, in file order.
    pub verbs: Vec<VerbEntry>,
    /// `~` transformation lines (PETRARCH-2).
    pub transformations: Vec<Transformation>,
    /// Problems met in lenient mode.
    pub warnings: Vec<Warning>,
}

/// A synonym set: `&NAME` and its `+` members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Synset {
    /// The name without `&` or trailing `_` (`CURRENCY`).
    pub name: String,
    /// False when the label ends in `_`: no member gets a plural.
    pub plurals: bool,
    /// The members.
    pub members: Vec<SynsetMember>,
    /// Where the label was read.
    pub origin: Origin,
}

/// One member of a synset: consecutive words (or, TABARI-style, another synset).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SynsetMember {
    /// Words and synset references only.
    pub elems: Vec<Elem>,
    /// True when the regular plural of the last word also matches.
    pub plural: bool,
    /// Where it was read.
    pub origin: Origin,
}

/// A verb block: `--- NAME [CODE] ---`, its verbs and patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbEntry {
    /// The name in the header (`ACCELERATE`).
    pub name: String,
    /// The block's code (`---`, the null code, when none is given).
    pub code: String,
    /// The verbs of the block.
    pub verbs: Vec<Verb>,
    /// The patterns of the block.
    pub patterns: Vec<VerbPattern>,
    /// Where the header was read.
    pub origin: Origin,
}

/// One verb of a block and its forms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The verb as written (`ASK FOR`, head `ASK`).
    pub phrase: VerbPhrase,
    /// Its other forms: those listed in `{...}`, or the generated regular forms.
    pub forms: Vec<VerbPhrase>,
    /// True when the forms were listed in `{...}` rather than generated.
    pub forms_listed: bool,
    /// The verb's own code, when it overrides the block's.
    pub code: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// A one- or multi-word verb: its words and which one the parser sees as the verb.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct VerbPhrase {
    /// The words, without `+` and `_`.
    pub words: Vec<String>,
    /// Index of the verb word (the one marked `+`; 0 for a single word).
    pub head: usize,
}

impl VerbPhrase {
    /// The verb word.
    pub fn head_word(&self) -> &str {
        self.words.get(self.head).map_or("", String::as_str)
    }
}

/// A pattern: `- PRE * POST [CODE]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// Elements before the verb.
    pub pre: Vec<Elem>,
    /// Elements after the verb.
    pub post: Vec<Elem>,
    /// True when the verb is joined to the last `pre` element by `_` (`IN_*`).
    pub verb_tight: bool,
    /// The event code (`154`, `042:043`; `---` for no event).
    pub code: String,
    /// The pattern as written, comment removed and blanks collapsed.
    pub text: String,
    /// Where it was read.
    pub origin: Origin,
}

/// One element of a pattern or synset member.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Elem {
    /// What it matches.
    pub kind: ElemKind,
    /// True when joined to the previous element (or, first after `*`, to the verb) by `_`:
    /// no words may come between.
    pub tight: bool,
}

/// What a pattern element matches.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ElemKind {
    /// A literal word.
    Word(String),
    /// `&NAME`: any member of the synset.
    Synset(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `%`: a compound actor, source and target at once.
    Compound,
    /// `^`: skip the next noun phrase.
    Skip,
    /// `( ... )`: a prepositional phrase; its first element is the preposition.
    Prep(Vec<Elem>),
    /// `{ ... }`: a noun phrase; its last element is the head, the others modifiers.
    NounPhrase(Vec<Elem>),
}

/// A `~` transformation line (PETRARCH-2), kept as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// The left side (`a (a b ATTACK) SAY`).
    pub pattern: String,
    /// The right side (`a b 015`).
    pub result: String,
    /// Where it was read.
    pub origin: Origin,
}

impl VerbDictionary {
    /// The synset called `name` (without `&`).
    pub fn synset(&self, name: &str) -> Option<&Synset> {
        let name = name.strip_prefix('&').unwrap_or(name);
        self.synsets.iter().find(|s| s.name == name)
    }

    /// Every pattern with its block.
    pub fn patterns(&self) -> impl Iterator<Item = (&VerbEntry, &VerbPattern)> {
        self.verbs.iter().flat_map(|v| v.patterns.iter().map(move |p| (v, p)))
    }

    /// How many patterns the file holds.
    pub fn pattern_count(&self) -> usize {
        self.verbs.iter().map(|v| v.patterns.len()).sum()
    }

    /// How many verbs (not forms) the blocks hold.
    pub fn verb_count(&self) -> usize {
        self.verbs.iter().map(|v| v.verbs.len()).sum()
    }

    /// The blocks holding a single-word verb with this form (case-insensitive): `SAID` finds
    /// the block of `SAY`.
    pub fn blocks_of<'a>(&'a self, form: &'a str) -> impl Iterator<Item = &'a VerbEntry> + 'a {
        self.verbs.iter().filter(move |b| {
            b.verbs.iter().any(|v| {
                std::iter::once(&v.phrase)
                    .chain(&v.forms)
                    .any(|p| p.words.len() == 1 && p.words[0].eq_ignore_ascii_case(form))
            })
        })
    }
}

#[derive(Clone, Copy)]
enum Open {
    None,
    At(usize),
    Skipped(usize),
}

impl DictionaryFile for VerbDictionary {
    fn parse(file: &str, bytes: &[u8], options: LoadOptions) -> Result<Self, PetrarchError> {
        let mut diag = Diag::new(file, options);
        let text = decode(bytes, &mut diag)?;
        let lines = content_lines(&text, &mut diag)?;
        let mut dict = VerbDictionary {
            file: file.to_string(),
            ..VerbDictionary::default()
        };
        let mut block = Open::None;
        let mut synset = Open::None;
        for line in &lines {
            let n = line.number;
            let t = line.text.trim();
            let member = t.starts_with('+') && !matches!(synset, Open::None);
            if !member {
                close_synset(&mut synset, &dict, &mut diag)?;
            }
            if t.starts_with("---") {
                close_block(block, &dict, &mut diag)?;
                block = match block_header(t) {
                    Ok((name, code, note)) => {
                        if let Some(note) = note {
                            diag.skip(n, note, "")?;
                        }
                        dict.verbs.push(VerbEntry {
                            name,
                            code,
                            verbs: Vec::new(),
                            patterns: Vec::new(),
                            origin: diag.origin(n),
                        });
                        Open::At(dict.verbs.len() - 1)
                    }
                    Err(e) => {
                        diag.skip(n, e, "the whole block is skipped")?;
                        Open::Skipped(n)
                    }
                };
            } else if let Some(rest) = t.strip_prefix('&') {
                synset = match synset_header(rest) {
                    Ok((name, plurals)) => {
                        if let Some(i) = dict.synsets.iter().position(|s| s.name == name) {
                            let first = dict.synsets[i].origin.line;
                            diag.warn(
                                n,
                                Problem::Syntax,
                                format!("synset &{name} already defined at line {first}"),
                                "members added to it",
                            )?;
                            Open::At(i)
                        } else {
                            dict.synsets.push(Synset {
                                name,
                                plurals,
                                members: Vec::new(),
                                origin: diag.origin(n),
                            });
                            Open::At(dict.synsets.len() - 1)
                        }
                    }
                    Err(e) => {
                        diag.skip(n, e, "synset skipped")?;
                        Open::Skipped(n)
                    }
                };
            } else if member {
                match synset {
                    Open::At(i) => match synset_member(&t[1..]) {
                        Ok((elems, plural)) => {
                            let s = &mut dict.synsets[i];
                            let plural = plural && s.plurals;
                            s.members.push(SynsetMember {
                                elems,
                                plural,
                                origin: diag.origin(n),
                            });
                        }
                        Err(e) => diag.skip(n, e, "member skipped")?,
                    },
                    Open::Skipped(at) => diag.warn(
                        n,
                        Problem::OutOfPlace,
                        format!("member of the synset skipped at line {at}"),
                        "skipped",
                    )?,
                    Open::None => {}
                }
            } else if let Some(rest) = t.strip_prefix('~') {
                match transformation(rest) {
                    Ok((pattern, result)) => dict.transformations.push(Transformation {
                        pattern,
                        result,
                        origin: diag.origin(n),
                    }),
                    Err(e) => diag.skip(n, e, "transformation skipped")?,
                }
            } else {
                let is_pattern = t.starts_with('-');
                let what = if is_pattern { "pattern" } else { "verb" };
                let i = match block {
                    Open::At(i) => i,
                    Open::None => {
                        diag.warn(
                            n,
                            Problem::OutOfPlace,
                            format!("{what} before any `--- NAME [CODE] ---` block"),
                            "skipped",
                        )?;
                        continue;
                    }
                    Open::Skipped(at) => {
                        diag.warn(
                            n,
                            Problem::OutOfPlace,
                            format!("{what} of the block skipped at line {at}"),
                            "skipped",
                        )?;
                        continue;
                    }
                };
                if is_pattern {
                    match pattern(&t[1..]) {
                        Ok((pre, post, verb_tight, code)) => dict.verbs[i].patterns.push(VerbPattern {
                            pre,
                            post,
                            verb_tight,
                            code,
                            text: t.split_whitespace().collect::<Vec<_>>().join(" "),
                            origin: diag.origin(n),
                        }),
                        Err(e) => diag.skip(n, e, "pattern skipped")?,
                    }
                } else {
                    match verb_line(t) {
                        Ok((phrase, forms, forms_listed, code)) => dict.verbs[i].verbs.push(Verb {
                            phrase,
                            forms,
                            forms_listed,
                            code,
                            origin: diag.origin(n),
                        }),
                        Err(e) => diag.skip(n, e, "verb skipped")?,
                    }
                }
            }
        }
        close_synset(&mut synset, &dict, &mut diag)?;
        close_block(block, &dict, &mut diag)?;
        resolve_synsets(&mut dict, &mut diag)?;
        dict.warnings = diag.finish();
        Ok(dict)
    }

    fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn entry_count(&self) -> usize {
        self.pattern_count()
    }
}

fn close_synset(synset: &mut Open, dict: &VerbDictionary, diag: &mut Diag) -> Result<(), PetrarchError> {
    if let Open::At(i) = *synset {
        let s = &dict.synsets[i];
        if s.members.is_empty() {
            diag.warn(
                s.origin.line,
                Problem::Truncated,
                format!("synset &{} has no `+` members", s.name),
                "kept empty",
            )?;
        }
    }
    *synset = Open::None;
    Ok(())
}

fn close_block(block: Open, dict: &VerbDictionary, diag: &mut Diag) -> Result<(), PetrarchError> {
    if let Open::At(i) = block {
        let b = &dict.verbs[i];
        if b.verbs.is_empty() {
            diag.warn(
                b.origin.line,
                Problem::Truncated,
                format!(
                    "verb block `{}` has no verbs{}",
                    b.name,
                    if b.patterns.is_empty() { " and no patterns" } else { "" }
                ),
                "kept",
            )?;
        }
    }
    Ok(())
}

fn is_verb_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '+' | ':'))
}

fn verb_code(code: &str) -> Result<String, LineError> {
    if is_verb_code(code) {
        Ok(code.to_string())
    } else {
        Err(LineError::new(
            Problem::BadCode,
            format!("bad event code `[{code}]` (digits, letters, `-`, `+` and `:` only)"),
        ))
    }
}

/// `--- NAME [CODE] ---` → (name, code, a note about ignored extras).
fn block_header(t: &str) -> Result<(String, String, Option<LineError>), LineError> {
    let inner = t.trim_start_matches('-');
    let b = brackets(inner)?;
    let name = b.head.trim().trim_end_matches('-').trim().to_string();
    if name.is_empty() {
        return Err(LineError::new(Problem::Syntax, "verb block header without a name"));
    }
    let code = match b.groups.first() {
        Some(c) => verb_code(c)?,
        None => "---".to_string(),
    };
    let junk = b
        .tail
        .iter()
        .find(|s| !s.chars().all(|c| c == '-' || c.is_whitespace()));
    let note = if b.groups.len() > 1 {
        Some(LineError::new(
            Problem::Syntax,
            format!("more than one code in the header of block `{name}`; `{code}` used, the rest ignored"),
        ))
    } else {
        junk.map(|j| {
            LineError::new(
                Problem::Syntax,
                format!("text `{j}` in the header of block `{name}` ignored"),
            )
        })
    };
    Ok((name, code, note))
}

/// `NAME` or `NAME_` after `&` → (name, plurals).
fn synset_header(rest: &str) -> Result<(String, bool), LineError> {
    let label = rest.trim();
    let name = label.trim_end_matches('_');
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(LineError::new(Problem::Syntax, format!("bad synset label `&{label}`")));
    }
    Ok((name.to_string(), !label.ends_with('_')))
}

/// A member line after `+` → (elements, plural allowed).
fn synset_member(body: &str) -> Result<(Vec<Elem>, bool), LineError> {
    let body = body.trim();
    let toks = tokenize(body)?;
    let mut elems = Vec::with_capacity(toks.len());
    for t in toks {
        match t.tok {
            Tok::Word(w) => elems.push(Elem {
                kind: word_kind(w)?,
                tight: t.tight,
            }),
            Tok::Syn(s) => elems.push(Elem {
                kind: ElemKind::Synset(s.to_string()),
                tight: t.tight,
            }),
            _ => {
                return Err(LineError::new(
                    Problem::Syntax,
                    "a synset member holds only words and synsets (no `*`, `(`, `{`)",
                ))
            }
        }
    }
    if let Some(e) = elems
        .iter()
        .find(|e| !matches!(e.kind, ElemKind::Word(_) | ElemKind::Synset(_)))
    {
        return Err(LineError::new(
            Problem::UnknownMarker,
            format!(
                "{} in a synset member: members hold only words and synsets",
                describe(&e.kind)
            ),
        ));
    }
    if elems.is_empty() {
        return Err(LineError::new(Problem::Syntax, "`+` without a member"));
    }
    Ok((elems, !body.ends_with('_')))
}

fn describe(kind: &ElemKind) -> &'static str {
    match kind {
        ElemKind::Source => "`$`",
        ElemKind::Target => "`+`",
        ElemKind::Compound => "`%`",
        ElemKind::Skip => "`^`",
        _ => "element",
    }
}

/// `~ LHS = RHS`.
fn transformation(rest: &str) -> Result<(String, String), LineError> {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = rest.split('=');
    let (Some(lhs), Some(rhs), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(LineError::new(
            Problem::Syntax,
            "a transformation needs exactly one `=`",
        ));
    };
    check_pair(lhs, '(', ')')?;
    let (lhs, rhs) = (collapse(lhs), collapse(rhs));
    if lhs.is_empty() || rhs.is_empty() {
        return Err(LineError::new(Problem::Syntax, "empty side in a transformation"));
    }
    Ok((lhs, rhs))
}

/// A verb line → (verb, forms, listed, own code).
fn verb_line(t: &str) -> Result<(VerbPhrase, Vec<VerbPhrase>, bool, Option<String>), LineError> {
    let b = brackets(t)?;
    let code = match b.groups.as_slice() {
        [] => None,
        [c] => Some(verb_code(c)?),
        _ => return Err(LineError::new(Problem::Syntax, "more than one [code] on a verb line")),
    };
    if let Some(junk) = b.tail.first() {
        return Err(LineError::new(Problem::Syntax, format!("text `{junk}` after the code")));
    }
    check_pair(b.head, '{', '}')?;
    let (base, listed) = match b.head.split_once('{') {
        None => (b.head.trim(), None),
        Some((base, rest)) => {
            let (inside, after) = rest.split_once('}').unwrap_or((rest, ""));
            if !after.trim().is_empty() {
                return Err(LineError::new(
                    Problem::Syntax,
                    format!("text `{}` after the forms", after.trim()),
                ));
            }
            (base.trim(), Some(inside))
        }
    };
    if base.contains(char::is_whitespace) {
        return Err(LineError::new(
            Problem::Syntax,
            format!("`{base}`: join the words of a multi-word verb with `_` and mark the verb with `+`"),
        ));
    }
    let phrase = verb_phrase(base)?;
    let multi = phrase.words.len() > 1;
    let forms = match listed {
        Some(inside) => inside
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|f| !f.is_empty())
            .map(|f| {
                let p = verb_phrase(f)?;
                if multi && !f.contains('+') {
                    return Err(LineError::new(
                        Problem::Syntax,
                        format!("form `{f}` of a multi-word verb must mark its verb word with `+`"),
                    ));
                }
                Ok(p)
            })
            .collect::<Result<Vec<_>, _>>()?,
        None => verb_forms(phrase.head_word())
            .into_iter()
            .map(|w| {
                let mut p = phrase.clone();
                p.words[p.head] = w;
                p
            })
            .collect(),
    };
    Ok((phrase, forms, listed.is_some(), code))
}

/// `ACCUSE`, `+ASK_FOR`, `WIRE_+TAP`.
fn verb_phrase(text: &str) -> Result<VerbPhrase, LineError> {
    let parts: Vec<&str> = text.split('_').filter(|p| !p.is_empty()).collect();
    let marked: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].starts_with('+')).collect();
    let head = match (parts.len(), marked.as_slice()) {
        (0, _) => return Err(LineError::new(Problem::Syntax, "empty verb")),
        (1, _) => 0,
        (_, [h]) => *h,
        (_, []) => {
            return Err(LineError::new(
                Problem::Syntax,
                format!("multi-word verb `{text}` must mark its verb word with `+` (`+CORDON_OFF`, `WIRE_+TAP`)"),
            ))
        }
        _ => {
            return Err(LineError::new(
                Problem::Syntax,
                format!("more than one `+` in `{text}`"),
            ))
        }
    };
    let mut words = Vec::with_capacity(parts.len());
    for p in parts {
        let w = p.strip_prefix('+').unwrap_or(p);
        if w.is_empty() || !w.chars().all(is_word_char) {
            return Err(LineError::new(
                Problem::UnknownMarker,
                format!("unexpected character in verb `{text}`"),
            ));
        }
        words.push(w.to_string());
    }
    Ok(VerbPhrase { words, head })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\'' | '-' | '.' | '/' | ',' | ':' | '&' | '’')
}

fn word_kind(w: &str) -> Result<ElemKind, LineError> {
    Ok(match w {
        "$" => ElemKind::Source,
        "+" => ElemKind::Target,
        "%" => ElemKind::Compound,
        "^" => ElemKind::Skip,
        _ => {
            if let Some(c) = w.chars().find(|&c| !is_word_char(c)) {
                return Err(LineError::new(
                    Problem::UnknownMarker,
                    format!("unknown marker `{c}` in `{w}`"),
                ));
            }
            ElemKind::Word(w.to_string())
        }
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Word(&'a str),
    Syn(&'a str),
    Star,
    Open(char),
    Close(char),
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    tok: Tok<'a>,
    tight: bool,
}

/// Splits pattern text into words, synset references, `*` and brackets; `tight` records a
/// `_`-only separator before the token.
fn tokenize(s: &str) -> Result<Vec<Token<'_>>, LineError> {
    let mut out = Vec::new();
    let (mut gap, mut under) = (false, false);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if c == '_' {
            under = true;
            continue;
        }
        let tight = under && !gap;
        (gap, under) = (false, false);
        let tok = match c {
            '*' => Tok::Star,
            '(' | '{' => Tok::Open(c),
            ')' | '}' => Tok::Close(c),
            '&' => {
                let mut end = i + 1;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_alphanumeric() || d == '_' {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                let name = s[i + 1..end].trim_end_matches('_');
                if name.len() < end - i - 1 {
                    under = true;
                }
                if name.is_empty() {
                    return Err(LineError::new(Problem::Syntax, "`&` without a synset name"));
                }
                Tok::Syn(name)
            }
            '[' | ']' => return Err(LineError::new(Problem::UnbalancedBracket, format!("stray `{c}`"))),
            _ => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = it.peek() {
                    if d.is_whitespace() || matches!(d, '_' | '*' | '(' | ')' | '{' | '}' | '[' | ']') {
                        break;
                    }
                    end = j + d.len_utf8();
                    it.next();
                }
                Tok::Word(&s[i..end])
            }
        };
        out.push(Token { tok, tight });
    }
    Ok(out)
}

type Parsed = (Vec<Elem>, Vec<Elem>, bool, String);

/// A pattern body after the leading `-`.
fn pattern(body: &str) -> Result<Parsed, LineError> {
    let b = brackets(body)?;
    check_pair(b.head, '(', ')')?;
    check_pair(b.head, '{', '}')?;
    let code = match b.groups.as_slice() {
        [] => return Err(LineError::new(Problem::MissingCode, "pattern without an event [code]")),
        [c] => verb_code(c)?,
        _ => return Err(LineError::new(Problem::Syntax, "more than one [code] in a pattern")),
    };
    if let Some(junk) = b.tail.first() {
        return Err(LineError::new(Problem::Syntax, format!("text `{junk}` after the code")));
    }
    let mut stack: Vec<(char, bool, Vec<Elem>)> = Vec::new();
    let mut seq: Vec<Elem> = Vec::new();
    let mut pre: Option<(Vec<Elem>, bool)> = None;
    for t in tokenize(b.head)? {
        let target = match stack.last_mut() {
            Some((_, _, elems)) => elems,
            None => &mut seq,
        };
        match t.tok {
            Tok::Word(w) => target.push(Elem {
                kind: word_kind(w)?,
                tight: t.tight,
            }),
            Tok::Syn(s) => target.push(Elem {
                kind: ElemKind::Synset(s.to_string()),
                tight: t.tight,
            }),
            Tok::Star => {
                if !stack.is_empty() {
                    return Err(LineError::new(Problem::Syntax, "`*` inside (...) or {...}"));
                }
                if pre.is_some() {
                    return Err(LineError::new(Problem::Syntax, "more than one `*` (the verb's place)"));
                }
                pre = Some((std::mem::take(&mut seq), t.tight));
            }
            Tok::Open(c) => {
                if stack.iter().any(|(k, _, _)| *k == c) || (c == '(' && !stack.is_empty()) {
                    return Err(LineError::new(
                        Problem::UnbalancedBracket,
                        format!("`{c}` nested inside another group"),
                    ));
                }
                stack.push((c, t.tight, Vec::new()));
            }
            Tok::Close(c) => {
                let want = if c == ')' { '(' } else { '{' };
                let Some((k, tight, elems)) = stack.pop() else {
                    return Err(LineError::new(
                        Problem::UnbalancedBracket,
                        format!("`{c}` without its opening"),
                    ));
                };
                if k != want {
                    return Err(LineError::new(
                        Problem::UnbalancedBracket,
                        format!("`{k}` closed by `{c}`"),
                    ));
                }
                if elems.is_empty() {
                    return Err(LineError::new(Problem::Syntax, format!("empty `{k}{c}`")));
                }
                let kind = if k == '(' {
                    ElemKind::Prep(elems)
                } else {
                    ElemKind::NounPhrase(elems)
                };
                let target = match stack.last_mut() {
                    Some((_, _, e)) => e,
                    None => &mut seq,
                };
                target.push(Elem { kind, tight });
            }
        }
    }
    if let Some((k, _, _)) = stack.last() {
        return Err(LineError::new(
            Problem::UnbalancedBracket,
            format!("`{k}` never closed"),
        ));
    }
    let Some((pre, verb_tight)) = pre else {
        return Err(LineError::new(
            Problem::Syntax,
            "pattern without `*` (the verb's place)",
        ));
    };
    Ok((pre, seq, verb_tight, code))
}

/// Checks every synset reference; splits `&NAME_WORD` at the longest defined name; drops
/// patterns and members that use an undefined synset.
fn resolve_synsets(dict: &mut VerbDictionary, diag: &mut Diag) -> Result<(), PetrarchError> {
    let defined: HashSet<String> = dict.synsets.iter().map(|s| s.name.clone()).collect();
    for block in &mut dict.verbs {
        let mut kept = Vec::with_capacity(block.patterns.len());
        for mut p in std::mem::take(&mut block.patterns) {
            let ok = resolve(&mut p.pre, &defined).and_then(|()| resolve(&mut p.post, &defined));
            match ok {
                Ok(()) => kept.push(p),
                Err(name) => diag.warn(
                    p.origin.line,
                    Problem::UnknownSynset,
                    format!("synset &{name} is not defined in this file"),
                    "pattern skipped",
                )?,
            }
        }
        block.patterns = kept;
    }
    for s in &mut dict.synsets {
        let mut kept = Vec::with_capacity(s.members.len());
        for mut m in std::mem::take(&mut s.members) {
            match resolve(&mut m.elems, &defined) {
                Ok(()) => kept.push(m),
                Err(name) => diag.warn(
                    m.origin.line,
                    Problem::UnknownSynset,
                    format!("synset &{name} is not defined in this file"),
                    "member skipped",
                )?,
            }
        }
        s.members = kept;
    }
    Ok(())
}

fn resolve(elems: &mut Vec<Elem>, defined: &HashSet<String>) -> Result<(), String> {
    let mut out = Vec::with_capacity(elems.len());
    for mut e in std::mem::take(elems) {
        match &mut e.kind {
            ElemKind::Prep(inner) | ElemKind::NounPhrase(inner) => {
                resolve(inner, defined)?;
                out.push(e);
            }
            ElemKind::Synset(name) if !defined.contains(name.as_str()) => {
                let parts: Vec<&str> = name.split('_').collect();
                let Some(k) = (1..parts.len())
                    .rev()
                    .find(|&k| defined.contains(&parts[..k].join("_")))
                else {
                    return Err(name.clone());
                };
                out.push(Elem {
                    kind: ElemKind::Synset(parts[..k].join("_")),
                    tight: e.tight,
                });
                for w in &parts[k..] {
                    out.push(Elem {
                        kind: ElemKind::Word((*w).to_string()),
                        tight: true,
                    });
                }
            }
            _ => out.push(e),
        }
    }
    *elems = out;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(w: &str, tight: bool) -> Elem {
        Elem {
            kind: ElemKind::Word(w.to_string()),
            tight,
        }
    }

    fn plain(kind: ElemKind) -> Elem {
        Elem { kind, tight: false }
    }

    const SAMPLE: &str = "\
####### SYNONYM SETS #######
&AUXVERB3_
+HAVE
+HAS

&CURRENCY
+DOLLAR
+CASH_
+SWISS FRANCS

&TIETYPES
+MILITARY

####### VERB PATTERNS #######
---  ACCELERATE   [---]  ---
ACCELERATE
HURRY {HURRIES HURRYING HURRIED }
SCRAP {SCRAPPING SCRAPS SCRAPPED };shan   8/30/93
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
WIRE_+TAP
+ANGERED_BY {}
- * (TO BORDER)                                       [154]         # RUSH
- $ TROOP * TOWARD +                                  [154]         # MOVE
- * (TO {BANNED PARTIES}) $                           [1722]        # ADD
- IN_* &CURRENCY [075]
- * NEW_&TIETYPES_RELATIONS [903]
- % * ^ [062:062]
---  DISGRACE   [110]---  ---
DISGRACE

~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn reads_synsets_blocks_verbs_patterns_and_transformations() {
        let dict = VerbDictionary::parse("t.verbs", SAMPLE.as_bytes(), LoadOptions::strict()).unwrap();
        assert_eq!(dict.synsets.len(), 3);
        let aux = dict.synset("&AUXVERB3").unwrap();
        assert!(!aux.plurals && !aux.members[0].plural);
        let cur = dict.synset("CURRENCY").unwrap();
        assert!(cur.members[0].plural && !cur.members[1].plural);
        assert_eq!(cur.members[2].elems, vec![word("SWISS", false), word("FRANCS", false)]);
        assert_eq!(cur.members[2].origin.line, 9);

        assert_eq!(dict.verbs.len(), 2);
        let acc = &dict.verbs[0];
        assert_eq!(
            (acc.name.as_str(), acc.code.as_str(), acc.origin.line),
            ("ACCELERATE", "---", 15)
        );
        assert_eq!(acc.verbs.len(), 6);
        let forms = |i: usize| -> Vec<String> { acc.verbs[i].forms.iter().map(|f| f.words.join(" ")).collect() };
        assert_eq!(forms(0), ["ACCELERATES", "ACCELERATED", "ACCELERATING"]);
        assert!(!acc.verbs[0].forms_listed);
        assert_eq!(forms(1), ["HURRIES", "HURRYING", "HURRIED"]);
        assert_eq!(acc.verbs[3].phrase.words, ["ASK", "FOR"]);
        assert_eq!(acc.verbs[3].code.as_deref(), Some("020"));
        assert_eq!(forms(3), ["ASKED FOR", "ASKING FOR", "ASKS FOR"]);
        assert_eq!(acc.verbs[4].phrase.head_word(), "TAP");
        assert_eq!(
            forms(4),
            ["WIRE TAPS", "WIRE TAPED", "WIRE TAPING"],
            "no consonant doubling"
        );
        assert!(acc.verbs[5].forms.is_empty() && acc.verbs[5].forms_listed);

        assert_eq!(acc.patterns.len(), 6);
        let p = &acc.patterns[0];
        assert_eq!(p.code, "154");
        assert!(p.pre.is_empty());
        assert_eq!(
            p.post,
            vec![plain(ElemKind::Prep(vec![word("TO", false), word("BORDER", false)]))]
        );
        assert_eq!(p.text, "- * (TO BORDER) [154]");
        assert_eq!(p.origin.line, 22);
        let p = &acc.patterns[1];
        assert_eq!(p.pre, vec![plain(ElemKind::Source), word("TROOP", false)]);
        assert_eq!(p.post, vec![word("TOWARD", false), plain(ElemKind::Target)]);
        let p = &acc.patterns[2];
        assert_eq!(
            p.post,
            vec![
                plain(ElemKind::Prep(vec![
                    word("TO", false),
                    plain(ElemKind::NounPhrase(vec![
                        word("BANNED", false),
                        word("PARTIES", false)
                    ]))
                ])),
                plain(ElemKind::Source)
            ]
        );
        let p = &acc.patterns[3];
        assert!(p.verb_tight);
        assert_eq!(p.pre, vec![word("IN", false)]);
        assert_eq!(p.post, vec![plain(ElemKind::Synset("CURRENCY".into()))]);
        let p = &acc.patterns[4];
        assert_eq!(
            p.post,
            vec![
                word("NEW", false),
                Elem {
                    kind: ElemKind::Synset("TIETYPES".into()),
                    tight: true
                },
                word("RELATIONS", true)
            ]
        );
        let p = &acc.patterns[5];
        assert_eq!(
            (p.pre[0].kind.clone(), p.post[0].kind.clone()),
            (ElemKind::Compound, ElemKind::Skip)
        );
        assert_eq!(p.code, "062:062");

        assert_eq!(dict.verbs[1].code, "110");
        assert_eq!(dict.blocks_of("scrapped").next().unwrap().name, "ACCELERATE");
        assert_eq!(dict.transformations.len(), 1);
        assert_eq!(dict.transformations[0].pattern, "a (a b ATTACK) SAY");
        assert_eq!(dict.transformations[0].result, "a b 015");
        assert_eq!(dict.pattern_count(), 6);
    }

    #[test]
    fn bad_lines_are_skipped_with_warnings_naming_the_line() {
        let text = "\
- * EARLY [010]
--- ADD [---] ---
ADD
- * VENTURE (WITH VISIT)    VISIT)[042:043]
- * DOWN (FROM)  [080!]
- * NO CODE
- NO STAR [010]
- * * TWO STARS [010]
- * (IN &WEATHER) [---]
- * US$ AID [070]
- * (A (B)) [070]
- * {A (B)} [070]
- * FINE [070]
CLEAR_UP
--- BROKEN [010 ---
FORCE
- * X [011]
--- EMPTY [020] ---
&HOLLOW
";
        let dict = VerbDictionary::parse("t", text.as_bytes(), LoadOptions::default()).unwrap();
        let got: Vec<(usize, Problem)> = dict.warnings.iter().map(|w| (w.line, w.problem)).collect();
        assert_eq!(
            got,
            vec![
                (1, Problem::OutOfPlace),
                (4, Problem::UnbalancedBracket),
                (5, Problem::BadCode),
                (6, Problem::MissingCode),
                (7, Problem::Syntax),
                (8, Problem::Syntax),
                (9, Problem::UnknownSynset),
                (10, Problem::UnknownMarker),
                (11, Problem::UnbalancedBracket),
                (12, Problem::UnbalancedBracket),
                (14, Problem::Syntax),
                (15, Problem::UnbalancedBracket),
                (16, Problem::OutOfPlace),
                (17, Problem::OutOfPlace),
                (18, Problem::Truncated),
                (19, Problem::Truncated),
            ]
        );
        assert_eq!(dict.pattern_count(), 1);
        for w in &dict.warnings {
            assert!(w.to_string().starts_with(&format!("t:{}: ", w.line)), "{w}");
        }
        let err = VerbDictionary::parse("t", text.as_bytes(), LoadOptions::strict()).unwrap_err();
        assert_eq!((err.line(), err.problem()), (1, Some(Problem::OutOfPlace)));
    }

    #[test]
    fn a_truncated_file_reports_the_open_block() {
        let err = VerbDictionary::parse("cut.verbs", b"--- ACCUSE [112] ---\n", LoadOptions::strict()).unwrap_err();
        assert_eq!(err.problem(), Some(Problem::Truncated));
        assert_eq!(
            err.to_string(),
            "cut.verbs:1: truncated: verb block `ACCUSE` has no verbs and no patterns"
        );
        let dict = VerbDictionary::parse("cut.verbs", b"&CURRENCY\n", LoadOptions::default()).unwrap();
        assert_eq!(dict.warnings.len(), 1);
        assert_eq!(dict.warnings[0].problem, Problem::Truncated);
    }
}
