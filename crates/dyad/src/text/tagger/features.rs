//! Token normalisation and feature extraction, shared by training and tagging.
//!
//! Every feature is a `u32` key: a fixed 64-bit hash of (template, arguments) folded to 32 bits,
//! never 0. Word-level hashes are computed once per token, so a feature costs one mix.

use super::table::U32Map;
use crate::text::Pos;
use rustc_hash::FxHashMap;

/// Padding tokens on each side of a sentence.
pub(crate) const PAD: usize = 2;
/// Most features one token produces.
pub(crate) const MAX_FEATS: usize = 48;
/// History value for "before the sentence start".
const START1: u8 = 250;
const START2: u8 = 251;
/// No lexicon entry.
pub(crate) const NO_LEX: u16 = 0;

/// Sentence style, detected from the words.
pub(crate) const MODE_NORMAL: u8 = 0;
pub(crate) const MODE_TITLE: u8 = 1;
pub(crate) const MODE_CAPS: u8 = 2;

/// FNV-1a over bytes, then a 64-bit finaliser.
#[inline]
pub(crate) fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

#[inline]
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Folds a 64-bit hash to a non-zero 32-bit key.
#[inline]
pub(crate) fn fold(h: u64) -> u32 {
    let k = (h >> 32) as u32 ^ (h as u32);
    if k == 0 {
        1
    } else {
        k
    }
}

/// Key of the tag-dictionary entry for `word` (canonical form, case as given).
#[inline]
pub(crate) fn dict_key(word: &str) -> u32 {
    fold(hash_str(word) ^ 0x2545_f491_4f6c_dd1d)
}

/// The look-up tables a sentence is prepared with.
#[derive(Clone, Copy)]
pub(crate) struct Tables<'a> {
    /// Word key → lexicon class.
    pub lex: &'a U32Map,
    /// Word key → tag index of frequent unambiguous words.
    pub dict: &'a U32Map,
    /// Lexicon class → allowed tags; top byte 1 + most likely tag.
    pub classes: &'a [u64],
}

/// Key of the lexicon entry for `word` (case as given).
#[inline]
pub(crate) fn lex_key(word: &str) -> u32 {
    fold(hash_str(word) ^ 0x5bd1_e995_1234_5678)
}

#[inline]
fn key(template: u8, a: u64, b: u64) -> u32 {
    fold(mix(a
        .wrapping_add(u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15))
        ^ b.wrapping_mul(0xc2b2_ae3d_27d4_eb4f)))
}

/// What the tagger knows of one token before tagging.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tok {
    word: u64,
    suf: [u64; 4],
    pre1: u64,
    pre2: u64,
    last: u64,
    shape: u8,
    lex: u16,
    lex_mask: u64,
    lex_kind: u8,
    /// A first guess at the tag, before tagging: fixed, lexicon's most likely, CD, NNP, or none.
    guess: u8,
    last_lex: u16,
    hyphen: bool,
    /// A tag fixed by rule (punctuation, double quotes), or `None` for the perceptron.
    pub fixed: Option<Pos>,
    /// A single `'` or `’` standing alone: possessive or quote.
    pub apostrophe: bool,
    /// 1 + index of the word's entry in `Scratch::partials`, or 0 (see [`static_features`]).
    pub slot: u32,
}

impl Tok {
    /// A capitalised (not ALL CAPS) word that the lexicon knows in no spelling.
    pub fn is_unknown_name(&self) -> bool {
        self.shape & 0b111 == 1 && self.lex == NO_LEX
    }

    /// Does the lexicon know the word in some spelling?
    pub fn is_known(&self) -> bool {
        self.lex != NO_LEX
    }

    /// The lexicon's most likely tag for this word, if it knows the word.
    pub fn first_guess(&self) -> Option<Pos> {
        let top = (self.lex_mask >> 56) as usize;
        (self.lex != NO_LEX && top > 0)
            .then(|| Pos::ALL.get(top - 1).copied())
            .flatten()
    }

    /// Whether the lexicon allows `p` for this word (true for words not in the lexicon).
    pub fn may_be(&self, p: Pos) -> bool {
        self.lex == NO_LEX || self.lex_mask & (1 << p as u8) != 0
    }
}

/// Normalises quote and dash spellings, keeping case: the form the lexicon is looked up with.
pub(crate) fn canonical<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    match w {
        "“" | "”" | "„" | "«" | "»" | "``" | "''" | "\"" => "\"",
        "‘" | "’" | "‚" | "`" | "'" => "'",
        "–" | "—" | "―" | "-" | "--" | "---" => "--",
        "…" | "..." | ". . ." => "...",
        "-LRB-" | "-LSB-" | "-LCB-" | "[" | "{" => "(",
        "-RRB-" | "-RSB-" | "-RCB-" | "]" | "}" => ")",
        _ => {
            if w.contains(['’', '‘', '`']) {
                buf.clear();
                buf.extend(w.chars().map(|c| match c {
                    '’' | '‘' | '`' => '\'',
                    c => c,
                }));
                buf.as_str()
            } else {
                w
            }
        }
    }
}

/// The tag punctuation always gets, for canonical forms (double quotes are resolved separately).
fn punct_tag(c: &str) -> Option<Pos> {
    Some(match c {
        "," => Pos::Comma,
        "." | "?" | "!" | "?!" | "!!" | "??" => Pos::Period,
        ":" | ";" | "--" | "..." => Pos::Colon,
        "(" => Pos::Lrb,
        ")" => Pos::Rrb,
        "$" | "€" | "£" | "¥" | "US$" | "A$" | "C$" => Pos::Dollar,
        "#" => Pos::Hash,
        _ => return None,
    })
}

fn is_closing_context(next: Option<&str>) -> bool {
    match next {
        None => true,
        Some(n) => matches!(
            n,
            "," | "." | ";" | ":" | "?" | "!" | ")" | "]" | "}" | "-RRB-" | "”" | "''" | "--" | "—" | "–"
        ),
    }
}

/// Resolves the direction of every double quote in the sentence: `Some(Lquote | Rquote)` at quotes.
pub(crate) fn resolve_quotes(words: &[&str], out: &mut Vec<Option<Pos>>) {
    out.clear();
    let mut open = false;
    for (i, &w) in words.iter().enumerate() {
        let tag = match w {
            "“" | "``" | "„" | "«" => {
                open = true;
                Some(Pos::Lquote)
            }
            "”" | "''" | "»" => {
                open = false;
                Some(Pos::Rquote)
            }
            "\"" => {
                let next = words.get(i + 1).copied();
                if open || is_closing_context(next) {
                    open = false;
                    Some(Pos::Rquote)
                } else {
                    open = true;
                    Some(Pos::Lquote)
                }
            }
            _ => None,
        };
        out.push(tag);
    }
}

/// Direction of a single-quote token at `i` that the perceptron called a quote.
pub(crate) fn single_quote_dir(words: &[&str], i: usize) -> Pos {
    let next = words.get(i + 1).copied();
    let prev_wordlike = i > 0 && words[i - 1].chars().next_back().is_some_and(char::is_alphanumeric);
    if w_is_single_open(words[i]) || (!prev_wordlike && !is_closing_context(next)) {
        Pos::Lquote
    } else {
        Pos::Rquote
    }
}

fn w_is_single_open(w: &str) -> bool {
    matches!(w, "‘" | "`")
}

/// Words a Title Case headline may leave in lower case.
pub(crate) const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "nor", "but", "by", "as", "vs", "vs.", "via",
    "per", "with", "from", "into", "over", "than", "that", "amid", "upon", "onto",
];

/// Detects headline styles: Title Case (no lower-case word but minor ones) or ALL CAPS.
pub(crate) fn sentence_mode(words: &[&str]) -> u8 {
    let (mut alpha, mut upper, mut cap, mut lower) = (0usize, 0usize, 0usize, 0usize);
    for (i, w) in words.iter().enumerate() {
        let Some(c0) = w.chars().next() else { continue };
        if !c0.is_alphabetic() {
            continue;
        }
        alpha += 1;
        let (letters, any_lower) = if w.is_ascii() {
            let b = w.as_bytes();
            (
                b.iter().filter(|c| c.is_ascii_alphabetic()).count(),
                b.iter().any(u8::is_ascii_lowercase),
            )
        } else {
            (
                w.chars().filter(|c| c.is_alphabetic()).count(),
                w.chars().any(char::is_lowercase),
            )
        };
        if letters >= 2 && !any_lower {
            upper += 1;
        } else if c0.is_uppercase() {
            if i > 0 {
                cap += 1;
            }
        } else if lower == 0 && !MINOR_WORDS.contains(w) {
            // Only whether some word is lower case matters.
            lower += 1;
        }
    }
    if alpha >= 3 && upper * 10 >= alpha * 7 {
        MODE_CAPS
    } else if cap >= 3 && lower == 0 {
        MODE_TITLE
    } else {
        MODE_NORMAL
    }
}

/// The bit of [`shape`] set for words of at most 3 characters and for the first word.
const SHAPE_SHORT_OR_FIRST: u8 = 1 << 7;

fn shape(w: &str, first: bool) -> u8 {
    let mut chars = w.chars();
    let Some(c0) = chars.next() else { return 0 };
    let class = if c0.is_uppercase() {
        1
    } else if c0.is_lowercase() {
        2
    } else if c0.is_numeric() {
        3
    } else {
        0
    };
    let (mut letters, mut has_lower, mut inner_upper, mut digit, mut hyphen, mut period) =
        (0, false, false, false, false, false);
    for (i, c) in w.chars().enumerate() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_lowercase() {
                has_lower = true;
            } else if i > 0 && c.is_uppercase() && has_lower {
                inner_upper = true;
            }
        } else if c.is_numeric() {
            digit = true;
        } else if c == '-' {
            hyphen = true;
        } else if c == '.' {
            period = true;
        }
    }
    let all_upper = letters >= 2 && !has_lower;
    let short = w.chars().count() <= 3;
    class
        | u8::from(all_upper) << 2
        | u8::from(digit) << 3
        | u8::from(hyphen) << 4
        | u8::from(period) << 5
        | u8::from(inner_upper) << 6
        | if short || first { SHAPE_SHORT_OR_FIRST } else { 0 }
}

/// Lower-cased feature form: numbers collapse to a few shapes, digits inside words to `0`.
fn feature_form(c: &str, out: &mut String) {
    out.clear();
    let has_digit = c.chars().any(|ch| ch.is_ascii_digit());
    if has_digit {
        let has_letter = c.chars().any(char::is_alphabetic);
        if !has_letter {
            if c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()) {
                out.push_str("!year");
            } else if c.bytes().all(|b| b.is_ascii_digit()) {
                out.push_str("!digits");
            } else if c.contains(':') {
                out.push_str("!time");
            } else if c.contains('%') {
                out.push_str("!pct");
            } else if c.contains('-') || c.contains('/') {
                out.push_str("!range");
            } else {
                out.push_str("!num");
            }
            return;
        }
        for ch in c.chars() {
            if ch.is_ascii_digit() {
                out.push('0');
            } else {
                out.extend(ch.to_lowercase());
            }
        }
        return;
    }
    for ch in c.chars() {
        out.extend(ch.to_lowercase());
    }
}

/// Looks a word up in the lexicon: returns (class, which variant matched: 1 exact, 2 lower, 3 title).
fn lookup(lex: &U32Map, c: &str, lower: &str, mode: u8, tmp: &mut String) -> (u16, u8) {
    let get = |s: &str| lex.get(lex_key(s)).map_or(NO_LEX, |v| v as u16);
    let cased = c != lower;
    if mode != MODE_NORMAL && cased {
        let l = get(lower);
        if l != NO_LEX {
            return (l, 2);
        }
    }
    let e = get(c);
    if e != NO_LEX {
        return (e, 1);
    }
    if cased {
        let l = get(lower);
        if l != NO_LEX {
            return (l, 2);
        }
        // Title-case variant of an ALL-CAPS word.
        tmp.clear();
        let mut it = lower.chars();
        if let Some(f) = it.next() {
            tmp.extend(f.to_uppercase());
            tmp.push_str(it.as_str());
            let t = get(tmp);
            if t != NO_LEX {
                return (t, 3);
            }
        }
    }
    (NO_LEX, 0)
}

fn suffix_hashes(s: &str) -> [u64; 4] {
    let mut out = [0; 4];
    let mut start = s.len();
    let mut it = s.char_indices().rev();
    for slot in &mut out {
        if let Some((i, _)) = it.next() {
            start = i;
        }
        *slot = hash_str(&s[start..]);
    }
    out
}

/// Per-sentence scratch buffers, so preparing a sentence allocates once, and optionally a cache
/// of prepared words.
#[derive(Default)]
pub(crate) struct Scratch {
    pub toks: Vec<Tok>,
    quotes: Vec<Option<Pos>>,
    bufs: Bufs,
    /// Prepared words per sentence mode (see [`Scratch::with_cache`]).
    cache: Option<Box<[WordCache; 3]>>,
    /// Per cached word (`Tok::slot`): the scores of its [`static_features`], once computed.
    pub partials: Vec<Option<Box<[i32; 64]>>>,
}

/// Prepared words of one sentence mode.
type WordCache = FxHashMap<Box<str>, Tok>;

/// Most words the cache holds before it starts afresh (a few MB).
const CACHE_MAX: usize = 1 << 15;

impl Scratch {
    /// Scratch that remembers every word it prepares, for the same tables only: what a word
    /// prepares to depends on the word, the sentence mode and the tables, and on its position
    /// only through one shape bit of the first word (set on the cached entry). Double quotes,
    /// whose direction depends on the sentence, are prepared afresh.
    pub fn with_cache() -> Scratch {
        Scratch {
            cache: Some(Box::default()),
            ..Scratch::default()
        }
    }

    /// Forgets the cached words (call when the tables change).
    pub fn clear_cache(&mut self) {
        if let Some(c) = &mut self.cache {
            c.iter_mut().for_each(WordCache::clear);
        }
        self.partials.clear();
    }
}

#[derive(Default)]
struct Bufs {
    canon: String,
    form: String,
    lower: String,
    tmp: String,
}

/// `Tok::guess` of padding and of words with no guess.
const GUESS_PAD: u8 = 253;
const GUESS_NONE: u8 = 254;

fn pad_tok(name: &str) -> Tok {
    let h = hash_str(name);
    Tok {
        guess: GUESS_PAD,
        word: h,
        suf: [h; 4],
        pre1: h,
        pre2: h,
        last: h,
        ..Tok::default()
    }
}

/// Fills `scratch.toks` with `PAD` pads, one entry per word, then `PAD` pads; returns the mode.
pub(crate) fn prepare(words: &[&str], tables: Tables<'_>, scratch: &mut Scratch) -> u8 {
    let mode = sentence_mode(words);
    resolve_quotes(words, &mut scratch.quotes);
    // Start afresh between sentences, never inside one: its tokens hold slots.
    if scratch.partials.len() + words.len() > CACHE_MAX {
        scratch.clear_cache();
    }
    let toks = &mut scratch.toks;
    toks.clear();
    toks.push(pad_tok("-START2-"));
    toks.push(pad_tok("-START-"));
    for (i, &w) in words.iter().enumerate() {
        let quote = scratch.quotes[i];
        let t = match &mut scratch.cache {
            Some(cache) if quote.is_none() => {
                let map = &mut cache[usize::from(mode)];
                let mut t = match map.get(w) {
                    Some(t) => *t,
                    None => {
                        let mut t = prepare_word(w, false, None, mode, tables, &mut scratch.bufs);
                        scratch.partials.push(None);
                        t.slot = scratch.partials.len() as u32;
                        map.insert(w.into(), t);
                        t
                    }
                };
                if i == 0 {
                    // The first word differs only in its shape's "short or first" bit (punctuation
                    // and empty words have no shape), which its static features read: so they
                    // are scored afresh (no slot).
                    let c = canonical(w, &mut scratch.bufs.canon);
                    if !c.is_empty() && punct_tag(c).is_none() {
                        t.shape |= SHAPE_SHORT_OR_FIRST;
                    }
                    t.slot = 0;
                }
                t
            }
            _ => prepare_word(w, i == 0, quote, mode, tables, &mut scratch.bufs),
        };
        toks.push(t);
    }
    toks.push(pad_tok("-END-"));
    toks.push(pad_tok("-END2-"));
    mode
}

/// What the tagger knows of word `w` before tagging; `quote` is its resolved double quote.
fn prepare_word(w: &str, first: bool, quote: Option<Pos>, mode: u8, tables: Tables<'_>, bufs: &mut Bufs) -> Tok {
    let lex = tables.lex;
    let c = canonical(w, &mut bufs.canon);
    let mut t = Tok {
        fixed: quote.or_else(|| punct_tag(c)),
        apostrophe: c == "'",
        ..Tok::default()
    };
    feature_form(c, &mut bufs.form);
    let form = bufs.form.as_str();
    t.word = hash_str(form);
    if let Some(p) = t.fixed {
        // Punctuation: fixed in training too, so its context features are its word alone.
        t.guess = p as u8;
        t.suf = [t.word; 4];
        t.pre1 = t.word;
        t.pre2 = t.word;
        t.last = t.word;
        return t;
    }
    // A dictionary word is tagged without the perceptron, but as context it must look as it
    // did in training, where the perceptron saw it: so the rest is computed all the same.
    // Headline styles are left to the perceptron: the dictionary was counted on normal text.
    if mode == MODE_NORMAL {
        t.fixed = tables
            .dict
            .get(dict_key(c))
            .and_then(|p| Pos::ALL.get(p as usize).copied());
    }
    t.suf = suffix_hashes(form);
    let mut it = form.char_indices();
    let p1 = it.nth(1).map_or(form.len(), |(j, _)| j);
    let p2 = it.next().map_or(form.len(), |(j, _)| j);
    t.pre1 = hash_str(&form[..p1]);
    t.pre2 = hash_str(&form[..p2]);
    t.shape = shape(c, first);
    bufs.lower.clear();
    bufs.lower.extend(c.chars().flat_map(char::to_lowercase));
    let (lexc, kind) = lookup(lex, c, &bufs.lower, mode, &mut bufs.tmp);
    t.lex = lexc;
    t.lex_kind = kind;
    t.lex_mask = tables.classes.get(usize::from(lexc)).copied().unwrap_or(0);
    let top = (t.lex_mask >> 56) as u8;
    t.guess = if top > 0 {
        top - 1
    } else if form.starts_with('!') {
        Pos::CD as u8
    } else if t.shape & 3 == 1 {
        Pos::NNP as u8
    } else {
        GUESS_NONE
    };
    let lower = bufs.lower.as_str();
    if let Some(p) = lower.rfind('-').filter(|&p| p > 0 && p + 1 < lower.len()) {
        let last = &lower[p + 1..];
        t.hyphen = true;
        t.last = hash_str(last);
        t.last_lex = lex.get(lex_key(last)).map_or(NO_LEX, |v| v as u16);
    } else {
        t.last = t.word;
    }
    t
}

/// The feature templates models are trained with by default (bit `t` = template `t` below).
pub(crate) const DEFAULT_TEMPLATES: u64 = (1 << 31) - 2;

/// Templates whose features depend on the token alone (and the sentence mode, and whether it
/// is the first word): [`static_features`]. The others also read the neighbours or the
/// previous tags: [`dynamic_features`]. Together they write the same keys as [`features`].
const STATIC_TEMPLATES: u64 =
    1 << 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 15 | 1 << 16 | 1 << 20 | 1 << 21 | 1 << 22 | 1 << 23 | 1 << 24 | 1 << 25;

/// The features of token `i` from the templates of [`STATIC_TEMPLATES`] in `mask`.
#[inline]
pub(crate) fn static_features(toks: &[Tok], i: usize, mode: u8, mask: u64, out: &mut [u32; MAX_FEATS]) -> usize {
    features(toks, i, mode, (None, None), mask & STATIC_TEMPLATES, out)
}

/// The features of token `i` from the templates not in [`STATIC_TEMPLATES`] in `mask`.
#[inline]
pub(crate) fn dynamic_features(
    toks: &[Tok],
    i: usize,
    mode: u8,
    history: (Option<Pos>, Option<Pos>),
    mask: u64,
    out: &mut [u32; MAX_FEATS],
) -> usize {
    features(toks, i, mode, history, mask & !STATIC_TEMPLATES, out)
}

/// Writes the features of token `i` (0-based word index) into `out`; returns how many.
/// `p1`, `p2` are the tags of the two previous tokens (`None` before the start); only the
/// templates in `mask` are used.
#[inline]
pub(crate) fn features(
    toks: &[Tok],
    i: usize,
    mode: u8,
    (p1, p2): (Option<Pos>, Option<Pos>),
    mask: u64,
    out: &mut [u32; MAX_FEATS],
) -> usize {
    let j = i + PAD;
    let t = &toks[j];
    let (m1, m2, n1, n2) = (&toks[j - 1], &toks[j - 2], &toks[j + 1], &toks[j + 2]);
    let p1 = u64::from(p1.map_or(START1, |p| p as u8));
    let p2 = u64::from(p2.map_or(START2, |p| p as u8));
    let first = u64::from(i == 0);
    let mut n = 0;
    macro_rules! f {
        ($t:literal, $a:expr, $b:expr) => {
            if mask & (1 << $t) != 0 && n < MAX_FEATS {
                out[n] = key($t, $a, $b);
                n += 1;
            }
        };
    }
    f!(1, 0, 0);
    f!(2, t.word, 0);
    f!(3, t.suf[2], 0);
    f!(4, t.pre1, 0);
    f!(5, p1, 0);
    f!(6, p2, 0);
    f!(7, p1, p2);
    f!(8, p1, t.word);
    f!(9, m1.word, 0);
    f!(10, m1.suf[2], 0);
    f!(11, m2.word, 0);
    f!(12, n1.word, 0);
    f!(13, n1.suf[2], 0);
    f!(14, n2.word, 0);
    f!(15, u64::from(t.shape), u64::from(mode) << 8 | first);
    f!(16, u64::from(t.lex), u64::from(t.lex_kind));
    f!(17, u64::from(n1.lex), 0);
    f!(18, p1, u64::from(t.lex));
    f!(19, u64::from(t.lex), u64::from(n1.lex));
    f!(20, t.suf[0], 0);
    f!(21, t.suf[1], 0);
    f!(22, t.suf[3], 0);
    f!(23, t.pre2, 0);
    if t.hyphen {
        f!(24, t.last, 0);
        f!(25, u64::from(t.last_lex), 0);
    }
    f!(26, u64::from(n1.shape), u64::from(mode));
    f!(27, u64::from(m1.shape), u64::from(t.shape));
    f!(28, t.word, n1.word);
    f!(29, m1.word, t.word);
    f!(30, u64::from(n2.lex), 0);
    f!(31, p1 << 16 | u64::from(t.lex), u64::from(n1.lex));
    f!(32, u64::from(m1.lex), 0);
    f!(33, p1, n1.word);
    f!(34, u64::from(t.lex), n1.suf[2]);
    f!(35, p1 << 8 | p2, u64::from(t.lex));
    f!(36, u64::from(t.lex), u64::from(n1.guess));
    f!(37, p1, u64::from(n1.guess));
    f!(38, t.suf[2], u64::from(n1.guess));
    f!(39, u64::from(n1.guess), u64::from(n2.guess));
    n
}
