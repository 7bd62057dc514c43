//! The English word classes dyad's grammar and rules use, read from `data/words/`: verbs of
//! saying, verbs that govern an infinitive (and how they change its event), light verbs,
//! words for the two states in focus, words of diplomatic representation, function words
//! (for headlines and glued subheadings) and the cues of page furniture (navigation, captions,
//! credits). Every word keeps its file and line.
//!
//! Closed-class grammar (auxiliaries, modals, negations, determiners) stays in the code that
//! reads it; open lists a linguist would extend live here, as data.

use crate::data::{self, Source};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use thiserror::Error;

/// The word files built into dyad, as (name, text).
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    (
        "speech_verbs.tsv",
        include_str!("../../../../data/words/speech_verbs.tsv"),
    ),
    (
        "control_verbs.tsv",
        include_str!("../../../../data/words/control_verbs.tsv"),
    ),
    (
        "light_verbs.tsv",
        include_str!("../../../../data/words/light_verbs.tsv"),
    ),
    (
        "undoing_verbs.tsv",
        include_str!("../../../../data/words/undoing_verbs.tsv"),
    ),
    ("plan_nouns.tsv", include_str!("../../../../data/words/plan_nouns.tsv")),
    (
        "occurrence_verbs.tsv",
        include_str!("../../../../data/words/occurrence_verbs.tsv"),
    ),
    (
        "topic_verbs.tsv",
        include_str!("../../../../data/words/topic_verbs.tsv"),
    ),
    (
        "attributive_participles.tsv",
        include_str!("../../../../data/words/attributive_participles.tsv"),
    ),
    ("ing_nouns.tsv", include_str!("../../../../data/words/ing_nouns.tsv")),
    (
        "partitive_nouns.tsv",
        include_str!("../../../../data/words/partitive_nouns.tsv"),
    ),
    (
        "authority_verbs.tsv",
        include_str!("../../../../data/words/authority_verbs.tsv"),
    ),
    ("pair_nouns.tsv", include_str!("../../../../data/words/pair_nouns.tsv")),
    ("diplomatic.tsv", include_str!("../../../../data/words/diplomatic.tsv")),
    (
        "owner_nouns.tsv",
        include_str!("../../../../data/words/owner_nouns.tsv"),
    ),
    (
        "verb_lemmas.tsv",
        include_str!("../../../../data/words/verb_lemmas.tsv"),
    ),
    (
        "irregular_verbs.tsv",
        include_str!("../../../../data/words/irregular_verbs.tsv"),
    ),
    (
        "function_words.tsv",
        include_str!("../../../../data/words/function_words.tsv"),
    ),
    (
        "boilerplate.tsv",
        include_str!("../../../../data/words/boilerplate.tsv"),
    ),
];

/// A word file that could not be read: names the file, the line and the problem.
#[derive(Debug, Error)]
#[error("{file}:{line}: {message}")]
pub struct WordsError {
    /// The file.
    pub file: String,
    /// 1-based line (0 for the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// How a governing verb changes the event of the infinitive it governs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Control {
    /// "agreed to", "plans to", "will": an intention (CAMEO 03x).
    Intent,
    /// "refused to": a refusal (12x).
    Refuse,
    /// "threatened to": a threat (13x).
    Threaten,
    /// "urged X to", "called on X to": an appeal (02x).
    Appeal,
    /// "demanded", "ordered X to": a demand (10x).
    Demand,
}

/// A verb that governs an infinitive.
#[derive(Clone, Copy, Debug)]
pub struct ControlVerb {
    /// What it makes of the infinitive's event.
    pub control: Control,
    /// The infinitive takes the verb's own subject even with an object between ("promised
    /// Iran to ...": the promiser acts).
    pub subject_control: bool,
    /// Where it was read.
    pub source: Source,
}

/// An act only a state's authorities perform (authority_verbs.tsv).
#[derive(Clone, Debug)]
pub struct AuthorityVerb {
    /// Prepositions whose place names the acting state ("in" Beijing, "to" the ministry).
    pub agent_preps: Vec<String>,
    /// An envoy it is done to is acted on by the state the envoy is posted to.
    pub host: bool,
    /// Where it was read.
    pub source: Source,
}

/// A word that names the two states in focus ("the two sides", "both countries").
#[derive(Clone, Debug)]
pub struct PairNoun {
    /// The CAMEO role code of the pair's actors ("GOV", "MIL").
    pub role: String,
    /// "the WORD" alone already names the pair ("the leaders").
    pub bare: bool,
    /// Where it was read.
    pub source: Source,
}

/// A function word ("the", "with", "are").
#[derive(Clone, Copy, Debug)]
pub struct FunctionWord {
    /// It often opens a sentence and is never capitalised inside one ("The", "If", "Since").
    pub opener: bool,
    /// Where it was read.
    pub source: Source,
}

/// What a cue of page furniture signals (`boilerplate.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A line starting with it, not ending like a sentence, is a link or label ("Related").
    Navigation,
    /// A line starting with it is a caption or credit ("FILE -", "Image by").
    Caption,
    /// A photo credit word ("Photo", "Getty").
    Photo,
    /// A news agency ("Reuters", "EPA").
    Agency,
    /// A caption's placing of people in a photo ("left", "centre right").
    Position,
}

/// A cue of page furniture: its words (lower case) and kind.
#[derive(Clone, Debug)]
pub struct Cue {
    /// The cue's words, lower case ("read", "more").
    pub words: Vec<String>,
    /// What it signals.
    pub kind: CueKind,
    /// Where it was read.
    pub source: Source,
}

/// The word classes, each a table from a lower-case word to its entry.
#[derive(Debug, Default)]
pub struct Words {
    speech: FxHashMap<String, Source>,
    control: FxHashMap<String, ControlVerb>,
    light: FxHashMap<String, Source>,
    undoing: FxHashMap<String, Source>,
    authority: FxHashMap<String, AuthorityVerb>,
    plan: FxHashMap<String, (bool, Source)>,
    partitive: FxHashMap<String, Source>,
    attributive: FxHashMap<String, (bool, Source)>,
    ing_nouns: FxHashMap<String, Source>,
    topic: FxHashMap<String, Source>,
    occurrence: FxHashMap<String, Source>,
    pair: FxHashMap<String, PairNoun>,
    diplomatic: FxHashMap<String, Source>,
    owner: FxHashMap<String, Source>,
    verbs: rustc_hash::FxHashSet<String>,
    irregular: FxHashMap<String, String>,
    function: FxHashMap<String, FunctionWord>,
    /// Cues by their first word, longest first.
    cues: FxHashMap<String, Vec<Cue>>,
}

impl Words {
    /// The word lists built into dyad (read once).
    pub fn embedded() -> &'static Words {
        static W: OnceLock<Words> = OnceLock::new();
        W.get_or_init(|| {
            Words::from_files(EMBEDDED_FILES).unwrap_or_else(|e| panic!("the embedded word lists are broken: {e}"))
        })
    }

    /// Reads word files given as (name, text); the kind of each comes from its name.
    pub fn from_files(files: &[(&'static str, &str)]) -> Result<Words, WordsError> {
        let mut w = Words::default();
        for &(file, text) in files {
            let err = |line, message: String| WordsError {
                file: file.to_string(),
                line,
                message,
            };
            let rows = |header: &[&str]| data::rows(text, header).map_err(|e| err(e.line, e.message));
            // a plain list: a word (first column) and a note
            let list = |map: &mut FxHashMap<String, Source>, key: &str| -> Result<(), WordsError> {
                for r in rows(&[key, "note"])? {
                    map.insert(r.cols[0].to_lowercase(), Source { file, line: r.line });
                }
                Ok(())
            };
            let stem = file.rsplit('/').next().unwrap_or(file);
            let stem = stem.strip_suffix(".tsv").unwrap_or(stem);
            match stem {
                "speech_verbs" => {
                    for r in rows(&["form", "note"])? {
                        w.speech.insert(r.cols[0].to_lowercase(), Source { file, line: r.line });
                    }
                }
                "control_verbs" => {
                    for r in rows(&["lemma", "control", "subject", "note"])? {
                        let control = match r.cols[1] {
                            "intent" => Control::Intent,
                            "refuse" => Control::Refuse,
                            "threaten" => Control::Threaten,
                            "appeal" => Control::Appeal,
                            "demand" => Control::Demand,
                            c => {
                                return Err(err(
                                    r.line,
                                    format!("control `{c}` is not intent, refuse, threaten, appeal or demand"),
                                ))
                            }
                        };
                        let subject_control = data::flag(r.cols[2])
                            .ok_or_else(|| err(r.line, format!("subject `{}` is not yes or -", r.cols[2])))?;
                        let entry = ControlVerb {
                            control,
                            subject_control,
                            source: Source { file, line: r.line },
                        };
                        w.control.insert(r.cols[0].to_lowercase(), entry);
                    }
                }
                "occurrence_verbs" => list(&mut w.occurrence, "lemma")?,
                "topic_verbs" => list(&mut w.topic, "lemma")?,
                "partitive_nouns" => list(&mut w.partitive, "noun")?,
                "attributive_participles" => {
                    for r in rows(&["word", "any", "note"])? {
                        let any = data::flag(r.cols[1])
                            .ok_or_else(|| err(r.line, format!("any `{}` is not yes or -", r.cols[1])))?;
                        w.attributive
                            .insert(r.cols[0].to_lowercase(), (any, Source { file, line: r.line }));
                    }
                }
                "ing_nouns" => list(&mut w.ing_nouns, "word")?,
                "light_verbs" => list(&mut w.light, "lemma")?,
                "undoing_verbs" => list(&mut w.undoing, "lemma")?,
                "plan_nouns" => {
                    for r in rows(&["noun", "intent", "note"])? {
                        let intent = data::flag(r.cols[1])
                            .ok_or_else(|| err(r.line, format!("intent `{}` is not yes or -", r.cols[1])))?;
                        w.plan
                            .insert(r.cols[0].to_lowercase(), (intent, Source { file, line: r.line }));
                    }
                }
                "authority_verbs" => {
                    for r in rows(&["lemma", "agent_preps", "host", "note"])? {
                        let host = data::flag(r.cols[2])
                            .ok_or_else(|| err(r.line, format!("host `{}` is not yes or -", r.cols[2])))?;
                        let agent_preps = match r.cols[1] {
                            "-" => Vec::new(),
                            p => p.split('|').map(|w| w.trim().to_lowercase()).collect(),
                        };
                        let entry = AuthorityVerb {
                            agent_preps,
                            host,
                            source: Source { file, line: r.line },
                        };
                        w.authority.insert(r.cols[0].to_lowercase(), entry);
                    }
                }
                "pair_nouns" => {
                    for r in rows(&["word", "role", "bare", "note"])? {
                        let bare = data::flag(r.cols[2])
                            .ok_or_else(|| err(r.line, format!("bare `{}` is not yes or -", r.cols[2])))?;
                        let role = r.cols[1];
                        if role.len() != 3 || !role.bytes().all(|b| b.is_ascii_uppercase()) {
                            return Err(err(r.line, format!("role `{role}` is not a three-letter CAMEO role")));
                        }
                        let entry = PairNoun {
                            role: role.to_string(),
                            bare,
                            source: Source { file, line: r.line },
                        };
                        w.pair.insert(r.cols[0].to_lowercase(), entry);
                    }
                }
                "diplomatic" => list(&mut w.diplomatic, "word")?,
                "verb_lemmas" => {
                    for r in rows(&["lemma"])? {
                        w.verbs.insert(r.cols[0].to_string());
                    }
                }
                "irregular_verbs" => {
                    for r in rows(&["form", "lemma"])? {
                        w.irregular.insert(r.cols[0].to_string(), r.cols[1].to_string());
                    }
                }
                "owner_nouns" => list(&mut w.owner, "noun")?,
                "function_words" => {
                    for r in rows(&["word", "class", "opener", "note"])? {
                        let opener = data::flag(r.cols[2])
                            .ok_or_else(|| err(r.line, format!("opener `{}` is not yes or -", r.cols[2])))?;
                        let word = r.cols[0].to_lowercase();
                        if opener && word.chars().count() < 2 {
                            return Err(err(r.line, format!("one-letter word `{word}` cannot be an opener")));
                        }
                        let source = Source { file, line: r.line };
                        w.function.insert(word, FunctionWord { opener, source });
                    }
                }
                "boilerplate" => {
                    for r in rows(&["cue", "kind", "note"])? {
                        let kind = match r.cols[1] {
                            "navigation" => CueKind::Navigation,
                            "caption" => CueKind::Caption,
                            "photo" => CueKind::Photo,
                            "agency" => CueKind::Agency,
                            "position" => CueKind::Position,
                            k => {
                                return Err(err(
                                    r.line,
                                    format!("kind `{k}` is not navigation, caption, photo, agency or position"),
                                ))
                            }
                        };
                        let words: Vec<String> = r.cols[0].split_whitespace().map(str::to_lowercase).collect();
                        let Some(first) = words.first().cloned() else {
                            return Err(err(r.line, "empty cue".into()));
                        };
                        let cue = Cue {
                            words,
                            kind,
                            source: Source { file, line: r.line },
                        };
                        let list = w.cues.entry(first).or_default();
                        list.push(cue);
                        list.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
                    }
                }
                _ => return Err(err(0, "unknown kind of word file".into())),
            }
        }
        Ok(w)
    }

    /// An "-ing" participle used before a noun as an adjective ("neighbouring", "warring"), and
    /// whether it is one after any word (never a verb taking an object).
    pub fn attributive_participle(&self, lower: &str) -> Option<(bool, Source)> {
        self.attributive.get(lower).copied()
    }

    /// An "-ing" word that is a noun after a noun-phrase word ("crossing", "signing").
    pub fn ing_noun(&self, lower: &str) -> Option<Source> {
        self.ing_nouns.get(lower).copied()
    }

    /// Is this lower-case form a verb of saying ("said", "told")?
    pub fn is_speech_verb(&self, lower: &str) -> bool {
        self.speech.contains_key(lower)
    }

    /// The control verb with this lemma ("agree", "urge").
    pub fn control(&self, lemma: &str) -> Option<&ControlVerb> {
        self.control.get(lemma)
    }

    /// Is this lemma a light verb ("impose", "launch", "hold")?
    pub fn is_light_verb(&self, lemma: &str) -> Option<Source> {
        self.light.get(lemma).copied()
    }

    /// Does this lemma (a phrasal verb written "call off") undo the act its object names
    /// ("cancel", "postpone", "deny")?
    pub fn is_undoing_verb(&self, lemma: &str) -> Option<Source> {
        self.undoing.get(lemma).copied()
    }

    /// A noun of decision or plan that takes an infinitive ("decision", "plan"), and whether
    /// the infinitive's act is only planned.
    pub fn plan_noun(&self, lemma: &str) -> Option<(bool, Source)> {
        self.plan.get(lemma).copied()
    }

    /// A verb (with its particle, "break out") saying that its subject, an event, took place.
    pub fn occurrence_verb(&self, lemma: &str) -> Option<Source> {
        self.occurrence.get(lemma).copied()
    }

    /// A verb whose object is a topic, not an act ("discuss", "review").
    pub fn topic_verb(&self, lemma: &str) -> Option<Source> {
        self.topic.get(lemma).copied()
    }

    /// A noun of quantity or container whose "of" phrase names what is meant ("a batch of
    /// food aid").
    pub fn partitive_noun(&self, lemma: &str) -> Option<Source> {
        self.partitive.get(lemma).copied()
    }

    /// An act only a state's authorities perform ("detain", "summon"), whose unnamed agent
    /// in the passive is inferred.
    pub fn authority_verb(&self, lemma: &str) -> Option<&AuthorityVerb> {
        self.authority.get(lemma)
    }

    /// The pair word with this lower-case form ("sides", "countries").
    pub fn pair_noun(&self, lower: &str) -> Option<&PairNoun> {
        self.pair.get(lower)
    }

    /// Is this lower-case word an English verb lemma (WordNet)?
    pub fn is_verb(&self, lower: &str) -> bool {
        self.verbs.contains(lower)
    }

    /// The lemma of an irregular verb form ("fought" → "fight"), if it is one (WordNet).
    pub fn irregular_verb(&self, lower: &str) -> Option<&str> {
        self.irregular.get(lower).map(String::as_str)
    }

    /// Does this noun lemma stand for the state it belongs to ("sovereignty", "airspace")?
    pub fn stands_for_owner(&self, lemma: &str) -> bool {
        self.owner.contains_key(lemma)
    }

    /// The function word with this lower-case form ("the", "with").
    pub fn function_word(&self, lower: &str) -> Option<&FunctionWord> {
        self.function.get(lower)
    }

    /// The longest cue of `kind` that the lower-case `words` start with, and how many words
    /// it takes.
    pub fn cue_at(&self, words: &[&str], kind: CueKind) -> Option<usize> {
        let first = words.first()?;
        self.cues.get(*first)?.iter().find_map(|c| {
            (c.kind == kind && c.words.len() <= words.len() && c.words.iter().zip(words).all(|(a, b)| a == b))
                .then_some(c.words.len())
        })
    }

    /// The cues of one kind.
    pub fn cues(&self, kind: CueKind) -> impl Iterator<Item = &Cue> {
        self.cues.values().flatten().filter(move |c| c.kind == kind)
    }

    /// Is a whole word of `name` (an entry's canonical name) a word of diplomatic
    /// representation ("embassy", "envoy")?
    pub fn is_diplomatic_name(&self, name: &str) -> bool {
        name.split(|c: char| !(c.is_alphanumeric() || c == '\''))
            .filter(|w| !w.is_empty())
            .any(|w| self.diplomatic.contains_key(&w.to_lowercase()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lists_load_and_answer() {
        let w = Words::embedded();
        assert!(w.is_speech_verb("said") && !w.is_speech_verb("attacked"));
        let agree = w.control("agree").unwrap();
        assert_eq!(agree.control, Control::Intent);
        assert!(agree.subject_control);
        assert_eq!(agree.source.file, "control_verbs.tsv");
        assert_eq!(w.control("urge").unwrap().control, Control::Appeal);
        assert!(!w.control("urge").unwrap().subject_control);
        assert!(w.is_light_verb("impose").is_some() && w.is_light_verb("visit").is_none());
        assert!(w.is_undoing_verb("cancel").is_some() && w.is_undoing_verb("call off").is_some());
        assert!(w.is_undoing_verb("hold").is_none());
        assert_eq!(w.pair_noun("militaries").unwrap().role, "MIL");
        assert!(w.pair_noun("leaders").unwrap().bare && !w.pair_noun("countries").unwrap().bare);
        assert!(w.function_word("the").unwrap().opener && !w.function_word("of").unwrap().opener);
        assert!(w.function_word("a").is_some_and(|f| !f.opener) && w.function_word("turkey").is_none());
    }

    #[test]
    fn cues_match_whole_words_longest_first() {
        let w = Words::embedded();
        assert_eq!(w.cue_at(&["read", "more", "about"], CueKind::Navigation), Some(2));
        assert_eq!(w.cue_at(&["read"], CueKind::Navigation), Some(1));
        assert_eq!(w.cue_at(&["ap", "photo"], CueKind::Photo), Some(2));
        assert_eq!(w.cue_at(&["ap", "photo"], CueKind::Agency), Some(1));
        assert_eq!(w.cue_at(&["file", "-", "iran"], CueKind::Caption), Some(2));
        assert_eq!(w.cue_at(&["reading"], CueKind::Navigation), None);
        assert_eq!(w.cue_at(&[], CueKind::Navigation), None);
        let e = Words::from_files(&[("boilerplate.tsv", "cue\tkind\tnote\nrelated\tlink\t-\n")]).unwrap_err();
        assert!(e.to_string().contains("link"));
        let e = Words::from_files(&[("function_words.tsv", "word\tclass\topener\tnote\na\tarticle\tyes\t-\n")])
            .unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn diplomatic_words_are_whole_words() {
        let w = Words::embedded();
        assert!(w.is_diplomatic_name("embassy"));
        assert!(w.is_diplomatic_name("UN Mission in South Sudan"));
        assert!(w.is_diplomatic_name("chargé d'affaires"));
        assert!(!w.is_diplomatic_name("election commission"));
        assert!(!w.is_diplomatic_name("permission"));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = Words::from_files(&[(
            "control_verbs.tsv",
            "lemma\tcontrol\tsubject\tnote\nagree\tmaybe\t-\t-\n",
        )])
        .unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("control_verbs.tsv", 2));
        assert!(e.to_string().contains("maybe"));
        let e = Words::from_files(&[("other.tsv", "word\tnote\n")]).unwrap_err();
        assert!(e.to_string().contains("unknown kind"));
        let e = Words::from_files(&[("pair_nouns.tsv", "word\trole\tbare\tnote\nsides\tgov\tyes\t-\n")]).unwrap_err();
        assert_eq!(e.line, 2);
    }
}
