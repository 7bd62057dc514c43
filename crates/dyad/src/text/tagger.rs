//! Part-of-speech tagger: a greedy left-to-right averaged perceptron (Collins 2002) with
//! Honnibal-style features and a tag lexicon (en-lexicon) for rare and unseen words. Punctuation
//! and double quotes are tagged by rule, frequent unambiguous words by a dictionary, and two
//! post-rules fix a past tense read as a participle after its subject and a capitalised unknown
//! word read as a verb.
//!
//! The model (`data/tagger/tagger.bin`) is trained by the project itself: see [`train`] and
//! `data/tagger/README.md`; [`eval`] measures it. Words are expected in dyad's Penn-like
//! tokenisation; curly quotes, dashes, numbers, Title Case headlines and ALL CAPS text are
//! normalised here. Feature lookups use 32-bit hashes in an open-addressed table, and tagging
//! allocates per sentence, not per token.

mod features;
mod model;
mod table;

pub mod eval;
pub mod train;

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use self::features::{Scratch, MAX_FEATS};
use self::model::ModelData;
use self::table::U32Map;
use super::Pos;

/// The model built into dyad.
static MODEL: &[u8] = include_bytes!("../../../../data/tagger/tagger.bin");

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TaggerError {
    /// The bytes do not start with the tagger model magic.
    #[error("not a dyad tagger model (bad magic bytes)")]
    BadMagic,
    /// The model ends early.
    #[error("tagger model is truncated")]
    Truncated,
    /// The model was written by an unknown format version.
    #[error("unsupported tagger model format version {0}")]
    Version(u32),
    /// The checksum does not match: the file is damaged.
    #[error("tagger model checksum mismatch (damaged file)")]
    Checksum,
    /// The model is structurally invalid.
    #[error("corrupt tagger model: {0}")]
    Corrupt(&'static str),
}

/// Marks a feature-table value holding its only weight inline: `INLINE | tag << 16 | weight`.
/// Otherwise the value is `start << 8 | len` into `Tagger::weights` (start < 2^23).
const INLINE: u32 = 1 << 31;

#[derive(Clone, Copy, Debug)]
struct Weight {
    pos: u8,
    w: i16,
}

/// A part-of-speech tagger (Penn Treebank tags).
#[derive(Debug)]
pub struct Tagger {
    /// Tells taggers apart for the per-thread cache of prepared words.
    id: u64,
    info: String,
    /// Feature key → its weights (see [`INLINE`]).
    feats: U32Map,
    weights: Vec<Weight>,
    /// Word key → lexicon class.
    lex: U32Map,
    /// Word key → tag of frequent unambiguous words.
    dict: U32Map,
    /// Bit mask of the tags the perceptron may output.
    classes: u64,
    /// Feature templates the model uses.
    templates: u64,
    /// Lexicon class → allowed tags and most likely tag.
    lex_masks: Vec<u64>,
}

impl Tagger {
    /// The tagger built into dyad (loaded once, on first use).
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::from_bytes(MODEL).expect("the embedded tagger model (data/tagger/) is valid"))
    }

    /// Loads a model written by [`train`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, TaggerError> {
        ModelData::from_bytes(bytes).map(Tagger::from_data)
    }

    pub(crate) fn from_data(d: ModelData) -> Tagger {
        let mut feats = U32Map::with_capacity(d.feat_keys.len());
        let mut classes = 0u64;
        let mut weights = Vec::new();
        for (k, r) in d.feat_keys.iter().zip(d.feat_starts.windows(2)) {
            let ws = &d.weights[r[0] as usize..r[1] as usize];
            for &(pos, _) in ws {
                classes |= 1 << pos;
            }
            match ws {
                [] => {}
                [(pos, w)] => {
                    feats.insert(*k, INLINE | u32::from(*pos) << 16 | u32::from(*w as u16));
                }
                _ => {
                    feats.insert(*k, (weights.len() as u32) << 8 | ws.len() as u32);
                    weights.extend(ws.iter().map(|&(pos, w)| Weight { pos, w }));
                }
            }
        }
        let mut lex = U32Map::with_capacity(d.lex.len());
        for &(k, c) in &d.lex {
            lex.insert(k, u32::from(c));
        }
        let mut dict = U32Map::with_capacity(d.tagdict.len());
        for &(k, p) in &d.tagdict {
            dict.insert(k, u32::from(p));
        }
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Tagger {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            info: d.info,
            feats,
            weights,
            lex,
            dict,
            classes,
            templates: d.templates,
            lex_masks: d.lex_classes,
        }
    }

    /// How the model was made (a line written at training time).
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Number of features with weights in the model.
    pub fn num_features(&self) -> usize {
        self.feats.len()
    }

    /// Tags a sentence's words (one tag per word).
    ///
    /// Each thread keeps its scratch buffers and a cache of the words it has prepared (lexicon
    /// class, hashes, shape), so a word seen before costs one look-up.
    pub fn tag(&self, words: &[&str]) -> Vec<Pos> {
        thread_local! {
            static SCRATCH: RefCell<(u64, Scratch)> = RefCell::new((0, Scratch::with_cache()));
        }
        let mut out = Vec::with_capacity(words.len());
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut mine) => {
                let (owner, scratch) = &mut *mine;
                if *owner != self.id {
                    scratch.clear_cache();
                    *owner = self.id;
                }
                self.tag_with(words, scratch, &mut out);
            }
            Err(_) => self.tag_with(words, &mut Scratch::default(), &mut out),
        });
        out
    }

    fn tag_with(&self, words: &[&str], scratch: &mut Scratch, out: &mut Vec<Pos>) {
        out.clear();
        let tables = features::Tables {
            lex: &self.lex,
            dict: &self.dict,
            classes: &self.lex_masks,
        };
        let mode = features::prepare(words, tables, scratch);
        let toks = &scratch.toks;
        let mut feats = [0u32; MAX_FEATS];
        let (mut p1, mut p2) = (None, None);
        for i in 0..words.len() {
            let t = &toks[i + features::PAD];
            let tag = match t.fixed {
                Some(p) => p,
                None => {
                    // The scores of the features of the word alone, computed once per cached
                    // word; then those of its context. Integer sums: the order does not matter.
                    let mut scores = [0i32; 64];
                    match t.slot.checked_sub(1).map(|k| &mut scratch.partials[k as usize]) {
                        Some(Some(partial)) => scores = **partial,
                        Some(slot) => {
                            let n = features::static_features(toks, i, mode, self.templates, &mut feats);
                            self.add_scores(&feats[..n], &mut scores);
                            *slot = Some(Box::new(scores));
                        }
                        None => {
                            let n = features::static_features(toks, i, mode, self.templates, &mut feats);
                            self.add_scores(&feats[..n], &mut scores);
                        }
                    }
                    let n = features::dynamic_features(toks, i, mode, (p1, p2), self.templates, &mut feats);
                    self.add_scores(&feats[..n], &mut scores);
                    let mut tag = argmax(&scores, self.classes);
                    if t.apostrophe && matches!(tag, Pos::Lquote | Pos::Rquote) {
                        tag = features::single_quote_dir(words, i);
                    }
                    tag
                }
            };
            out.push(tag);
            p2 = p1;
            p1 = Some(tag);
        }
        fix_past_tense(words, toks, out);
        fix_persona_non_grata(words, out);
        if mode == features::MODE_NORMAL {
            fix_names(toks, out);
        }
    }

    /// Adds the weights of `feats` to `scores`.
    #[inline]
    fn add_scores(&self, feats: &[u32], scores: &mut [i32; 64]) {
        let mut found = [0u32; MAX_FEATS];
        self.feats.get_many(feats, &mut found);
        for &v in &found[..feats.len()] {
            if v == u32::MAX {
                continue;
            }
            if v & INLINE != 0 {
                scores[(v >> 16) as usize & 63] += i32::from(v as u16 as i16);
            } else {
                let start = (v >> 8) as usize;
                let end = start + (v & 0xff) as usize;
                for w in &self.weights[start..end] {
                    scores[usize::from(w.pos) & 63] += i32::from(w.w);
                }
            }
        }
    }
}

/// A participle right after its subject and right before its object is a past tense:
/// "troops/NNS killed/VBN->VBD 12/CD", "crowds/NNS trashed/VBN->VBD its/PRP$ embassy".
/// A particle may stand between: "crowds burned/VBN->VBD down/RP its/PRP$ embassy".
/// Likewise an adjective reading right after the subject and before punctuation, if the lexicon
/// allows a past tense: "the minister said/JJ->VBD --"; and an "-ed" word that may be a past
/// tense, right after a name or pronoun and before a preposition, an adverb, punctuation, a
/// determiner, a name, or a modifier and a plural noun: "Trudeau retaliated/JJ->VBD by ...", "Erdogan
/// insulted/JJ->VBD French President Macron", "Britain mobilized/JJ->VBD army reservists".
fn fix_past_tense(words: &[&str], toks: &[features::Tok], tags: &mut [Pos]) {
    let object = |p: Option<&Pos>| matches!(p, Some(Pos::DT | Pos::PRPS | Pos::CD | Pos::PDT));
    let subject = |p: Pos| matches!(p, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::PRP);
    for i in 1..tags.len() {
        if tags[i] == Pos::JJ
            && subject(tags[i - 1])
            && matches!(tags.get(i + 1), None | Some(Pos::Comma | Pos::Period | Pos::Colon))
            && toks[i + features::PAD].first_guess() == Some(Pos::VBD)
        {
            tags[i] = Pos::VBD;
        }
        if tags[i] == Pos::JJ
            && matches!(tags[i - 1], Pos::NNP | Pos::NNPS | Pos::PRP)
            && (i == 1 || !matches!(tags[i - 2], Pos::DT | Pos::PRPS | Pos::JJ | Pos::IN))
            && (matches!(
                tags.get(i + 1),
                None | Some(
                    Pos::IN
                        | Pos::TO
                        | Pos::RB
                        | Pos::Comma
                        | Pos::Period
                        | Pos::Colon
                        | Pos::DT
                        | Pos::PRPS
                        | Pos::CD
                        | Pos::NNP
                        | Pos::NNPS
                )
            ) || (tags.get(i + 1) == Some(&Pos::JJ)
                && matches!(tags.get(i + 2), Some(Pos::NNP | Pos::NNPS | Pos::NNS)))
                || (tags.get(i + 1) == Some(&Pos::NN) && matches!(tags.get(i + 2), Some(Pos::NNS))))
            && toks[i + features::PAD].may_be(Pos::VBD)
            && words[i].len() > 4
            && words[i].ends_with("ed")
            && words[i].bytes().all(|b| b.is_ascii_lowercase())
        {
            tags[i] = Pos::VBD;
        }
    }
    // "agreed to undertake/NN->VB joint exercises": after a verb and "to", a word that may be a
    // base verb, followed by what can only be its object, is that verb; likewise after a modal
    // ("will release/NN->VB Prime Minister Chaudhry", "must allocate/RB->VB greater resources") and in a
    // that-clause right after its named subject ("demanded that Hamas renounce/NN->VB its ...")
    for i in 2..tags.len().saturating_sub(1) {
        let after_to = tags[i - 1] == Pos::TO && (tags[i - 2].is_verb() || tags[i - 2] == Pos::JJ);
        let after_modal = tags[i - 1] == Pos::MD || (tags[i - 1] == Pos::RB && tags[i - 2] == Pos::MD);
        // the "that" at most twelve words back, with no verb between it and this word
        let that_before = || {
            (i.saturating_sub(12)..i)
                .rev()
                .take_while(|&k| !tags[k].is_verb() && tags[k] != Pos::MD)
                .any(|k| words[k].eq_ignore_ascii_case("that") && tags[k] == Pos::IN)
        };
        let subjunctive = matches!(tags[i - 1], Pos::NNP | Pos::NNPS | Pos::Rrb)
            && matches!(tags[i + 1], Pos::DT | Pos::PRPS)
            && that_before();
        if (tags[i] == Pos::NN || (tags[i] == Pos::RB && after_modal))
            && (after_to || after_modal || subjunctive)
            && matches!(
                tags[i + 1],
                Pos::DT | Pos::JJ | Pos::JJR | Pos::PRPS | Pos::NNS | Pos::NNP | Pos::CD
            )
            && toks[i + features::PAD].is_known()
            && toks[i + features::PAD].may_be(Pos::VB)
        {
            tags[i] = Pos::VB;
        }
    }
    // "Zambia extradited suspected/VBN->JJ British militant X", "the Palestinians reject
    // proposed/VBN->JJ Israeli changes": a participle right after a verb that is no auxiliary,
    // before a noun phrase, describes that noun
    const AUXILIARIES: [&str; 14] = [
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "got", "became", "seemed", "remained",
    ];
    let aux = |k: usize| AUXILIARIES.iter().any(|a| words[k].eq_ignore_ascii_case(a)) || words[k] == "did";
    for i in 1..tags.len().saturating_sub(1) {
        if tags[i] == Pos::VBN
            && matches!(tags[i - 1], Pos::VBD | Pos::VBN | Pos::VBP | Pos::VBZ)
            && !aux(i - 1)
            && (i < 2 || !aux(i - 2))
            && matches!(tags[i + 1], Pos::JJ | Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
            && toks[i + features::PAD].may_be(Pos::JJ)
        {
            tags[i] = Pos::JJ;
        }
    }
    for i in 1..tags.len().saturating_sub(1) {
        if tags[i] == Pos::VBN
            && matches!(tags[i - 1], Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS | Pos::PRP)
            && (object(tags.get(i + 1)) || tags[i + 1] == Pos::RP && object(tags.get(i + 2)))
            && toks[i + features::PAD].may_be(Pos::VBD)
        {
            tags[i] = Pos::VBD;
        }
    }
}

/// "declared 40 diplomats personae non gratae": the Latin complement is an adjective phrase
/// (the perceptron reads "non" as a verb).
fn fix_persona_non_grata(words: &[&str], tags: &mut [Pos]) {
    for i in 0..words.len() {
        if let Some(n) = persona_non_grata_at(words, i) {
            tags[i..i + n].iter_mut().for_each(|t| *t = Pos::JJ);
        }
    }
}

/// How many words "persona non grata" (personae non gratae, persona non-grata) takes at word
/// `i`, in any case; `None` if it does not start there.
pub(crate) fn persona_non_grata_at(words: &[&str], i: usize) -> Option<usize> {
    let persona = ["persona", "personae", "personas"]
        .iter()
        .any(|p| words[i].eq_ignore_ascii_case(p));
    let next = words.get(i + 1).filter(|_| persona)?;
    let grata = |w: &str| ["grata", "gratae", "gratas"].iter().any(|g| w.eq_ignore_ascii_case(g));
    if next.eq_ignore_ascii_case("non") && words.get(i + 2).is_some_and(|w| grata(w)) {
        Some(3)
    } else if next.len() > 4 && next.is_char_boundary(4) && next[..4].eq_ignore_ascii_case("non-") && grata(&next[4..])
    {
        Some(2)
    } else {
        None
    }
}

/// Inside a sentence, a capitalised word unknown to the lexicon is a name, not a verb:
/// "Xi Jinping/VBG->NNP", "Delving/VBG->NNP".
fn fix_names(toks: &[features::Tok], tags: &mut [Pos]) {
    for (i, tag) in tags.iter_mut().enumerate().skip(1) {
        if tag.is_verb() && toks[i + features::PAD].is_unknown_name() {
            *tag = Pos::NNP;
        }
    }
}

/// Highest-scoring tag among `classes` (ties: lowest tag index); NN if `classes` is empty.
#[inline]
pub(crate) fn argmax(scores: &[i32; 64], classes: u64) -> Pos {
    let mut best = None;
    let mut best_score = i32::MIN;
    let mut m = classes;
    while m != 0 {
        let c = m.trailing_zeros() as usize;
        m &= m - 1;
        if scores[c] > best_score {
            best_score = scores[c];
            best = Some(c);
        }
    }
    best.and_then(|c| Pos::ALL.get(c).copied()).unwrap_or(Pos::NN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Pos::*;

    fn tags(s: &str) -> Vec<Pos> {
        let words: Vec<&str> = s.split_whitespace().collect();
        Tagger::embedded().tag(&words)
    }

    fn tag_of(s: &str, word: &str) -> Pos {
        let words: Vec<&str> = s.split_whitespace().collect();
        let i = words.iter().position(|w| *w == word).expect("word in sentence");
        Tagger::embedded().tag(&words)[i]
    }

    #[test]
    fn tags_news_sentences() {
        let s = "Turkish Foreign Minister Hakan Fidan visited Cairo on Monday .";
        assert_eq!(tag_of(s, "Fidan"), NNP);
        assert_eq!(tag_of(s, "visited"), VBD);
        assert_eq!(tag_of(s, "Cairo"), NNP);
        assert_eq!(tag_of(s, "."), Period);

        let s = "Iran and Azerbaijan agreed to expand trade .";
        assert_eq!(tag_of(s, "agreed"), VBD);
        assert_eq!(tag_of(s, "to"), TO);
        assert_eq!(tag_of(s, "expand"), VB);

        assert_eq!(tag_of("The minister was invited by Baku .", "invited"), VBN);
        assert_eq!(tag_of("He did n't sign the deal .", "sign"), VB);
        assert_eq!(tag_of("He did n't sign the deal .", "n't"), RB);

        let s = "Moscow will host talks .";
        assert_eq!(tags(s), vec![NNP, MD, VB, NNS, Period]);
    }

    #[test]
    fn handles_news_tokenisation() {
        let s = "Iraq 's Prime Minister Mohammed Shia Al-Sudani said the U.S. sent 1,500 troops .";
        assert_eq!(tag_of(s, "'s"), POS);
        assert_eq!(tag_of(s, "Al-Sudani"), NNP);
        assert_eq!(tag_of(s, "said"), VBD);
        assert_eq!(tag_of(s, "U.S."), NNP);
        assert_eq!(tag_of(s, "1,500"), CD);
        assert_eq!(tag_of(s, "troops"), NNS);

        let s = "“ We will not retreat , ” the minister said — adding that talks continue .";
        let t = tags(s);
        assert_eq!(t[0], Lquote);
        assert_eq!(t[6], Rquote);
        assert_eq!(tag_of(s, "—"), Colon);
        assert_eq!(tag_of(s, "said"), VBD);

        let s = "\" It is a long-standing dispute , \" he said .";
        let t = tags(s);
        assert_eq!((t[0], t[7]), (Lquote, Rquote));
        assert_eq!(tag_of(s, "long-standing"), JJ);

        assert_eq!(tag_of("The ministers ’ talks ended .", "’"), POS);
        assert_eq!(tag_of("Russia ’s army advanced .", "’s"), POS);
    }

    #[test]
    fn handles_datelines_and_headlines() {
        let s = "ANKARA ( Reuters ) -- Turkey said on Tuesday it would host talks .";
        assert_eq!(tag_of(s, "ANKARA"), NNP);
        assert_eq!(tag_of(s, "("), Lrb);
        assert_eq!(tag_of(s, "host"), VB);

        let s = "Turkey Says It Will Host Talks On Gaza";
        assert_eq!(tag_of(s, "Says"), VBZ);
        assert_eq!(tag_of(s, "Will"), MD);
        assert_eq!(tag_of(s, "Host"), VB);
        assert_eq!(tag_of(s, "Talks"), NNS);

        let s = "IRAN AND AZERBAIJAN AGREE TO EXPAND TRADE";
        assert_eq!(tag_of(s, "TO"), TO);
        assert_eq!(tag_of(s, "EXPAND"), VB);
    }

    #[test]
    fn static_and_dynamic_features_make_up_all_features() {
        let t = Tagger::embedded();
        let tables = features::Tables {
            lex: &t.lex,
            dict: &t.dict,
            classes: &t.lex_masks,
        };
        for s in [
            "Turkish Foreign Minister Hakan Fidan visited Cairo on Monday .",
            "Russia-Ukraine talks , held in well-guarded Geneva , ended in 2024 .",
            "IRAN AND AZERBAIJAN AGREE TO EXPAND TRADE",
        ] {
            let words: Vec<&str> = s.split_whitespace().collect();
            let mut scratch = Scratch::default();
            let mode = features::prepare(&words, tables, &mut scratch);
            let (mut a, mut b) = ([0u32; MAX_FEATS], [0u32; MAX_FEATS]);
            for (i, w) in words.iter().enumerate() {
                let h = (Some(Pos::NN), Some(Pos::DT));
                let n = features::features(&scratch.toks, i, mode, h, t.templates, &mut a);
                let mut all = a[..n].to_vec();
                let k = features::static_features(&scratch.toks, i, mode, t.templates, &mut b);
                let mut split = b[..k].to_vec();
                let k = features::dynamic_features(&scratch.toks, i, mode, h, t.templates, &mut b);
                split.extend_from_slice(&b[..k]);
                all.sort_unstable();
                split.sort_unstable();
                assert_eq!(all, split, "{s} / {w}");
            }
        }
    }

    #[test]
    fn cached_words_prepare_as_fresh_ones() {
        let t = Tagger::embedded();
        let tables = features::Tables {
            lex: &t.lex,
            dict: &t.dict,
            classes: &t.lex_masks,
        };
        let sentences = [
            "Turkish Foreign Minister Hakan Fidan visited Cairo on Monday .",
            "Cairo said Turkish troops visited .",
            "( Reuters ) -- Monday 's talks in Cairo ended .",
            "\" We will not , \" he said , adding : \" We will . \"",
            "We will host talks , ” said the minister .",
            "-- Cairo , Turkish and US troops said so !",
            "IRAN AND AZERBAIJAN AGREE TO EXPAND TRADE",
            "Turkey Says It Will Host Talks On Gaza",
            " x y",
            "a",
        ];
        let mut cached = Scratch::with_cache();
        for _ in 0..2 {
            for s in sentences {
                let words: Vec<&str> = s.split(' ').collect();
                let mut fresh = Scratch::default();
                let m1 = features::prepare(&words, tables, &mut fresh);
                let m2 = features::prepare(&words, tables, &mut cached);
                assert_eq!(m1, m2);
                for (a, b) in fresh.toks.iter().zip(&cached.toks) {
                    let mut b = *b;
                    b.slot = 0;
                    assert_eq!(format!("{a:?}"), format!("{b:?}"), "{s}");
                }
            }
        }
    }

    #[test]
    fn handles_empty_and_odd_input() {
        assert!(Tagger::embedded().tag(&[]).is_empty());
        assert_eq!(Tagger::embedded().tag(&["", "—", "’"]).len(), 3);
    }

    #[test]
    fn rejects_malformed_models() {
        assert_eq!(Tagger::from_bytes(b"hello").unwrap_err(), TaggerError::BadMagic);
        assert_eq!(Tagger::from_bytes(b"DYADTAG\x01").unwrap_err(), TaggerError::Truncated);
        let mut bytes = MODEL.to_vec();
        bytes[MODEL.len() / 2] ^= 0x55;
        assert_eq!(Tagger::from_bytes(&bytes).unwrap_err(), TaggerError::Checksum);
        let cut = &MODEL[..MODEL.len() - 100];
        assert!(Tagger::from_bytes(cut).is_err());
        let mut v = MODEL.to_vec();
        v[8] = 9;
        assert_eq!(Tagger::from_bytes(&v).unwrap_err(), TaggerError::Version(9));
        assert!(Tagger::from_bytes(MODEL).is_ok());
    }
}
