//! PLOVER 2.0, the ontology of POLECAT: every coded event's PLOVER type, mode, contexts and
//! auxiliary modes, from its CAMEO code and its evidence (trigger, sentence, mood, date).
//!
//! The knowledge is in `data/plover/`: `cameo_plover.tsv` (dyad's table from each CAMEO code
//! to a type, a mode and a context), `types.tsv` (the 16 types and the modes each allows),
//! `mode_cues.tsv` (modes from the trigger and the words around it: phone call, summit, air
//! strike, drone, shelling, arrest, deportation, censorship...) and `contexts.tsv` (the
//! context lexicon). This stage reads only a coded [`Event`]: it never changes what the CAMEO
//! coder decided.
//!
//! ```
//! use dyad::ontology::plover::{Aux, EventFacts, PloverTable};
//! use dyad::event::Mood;
//!
//! let t = PloverTable::get();
//! let p = t
//!     .code(&EventFacts {
//!         cameo: "190",
//!         trigger: "attacked",
//!         sentence: "Russian drones attacked Kharkiv overnight.",
//!         mood: Mood::Fact,
//!         ..EventFacts::default()
//!     })
//!     .unwrap();
//! assert_eq!(p.event_type, "ASSAULT");
//! assert_eq!(p.mode.as_deref(), Some("drone"));
//! assert!(p.context.contains(&"military".to_string()));
//! assert!(p.aux.is_empty());
//! let planned = t
//!     .code(&EventFacts { cameo: "163", trigger: "impose", sentence: "The EU will impose sanctions.", mood: Mood::Intent, ..EventFacts::default() })
//!     .unwrap();
//! assert_eq!(planned.aux, vec![Aux::Future]);
//! assert!(t.code(&EventFacts { cameo: "010", ..EventFacts::default() }).is_none());
//! ```

use crate::data::{self, Source};
use crate::event::{Actor, Event, Mood};
use crate::kb::KnowledgeBase;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;
use thiserror::Error;

const CAMEO_PLOVER_TSV: &str = include_str!("../../../../data/plover/cameo_plover.tsv");
const TYPES_TSV: &str = include_str!("../../../../data/plover/types.tsv");
const MODE_CUES_TSV: &str = include_str!("../../../../data/plover/mode_cues.tsv");
const CONTEXTS_TSV: &str = include_str!("../../../../data/plover/contexts.tsv");
const TYPE_RULES_TSV: &str = include_str!("../../../../data/plover/type_rules.tsv");

/// A PLOVER data file that cannot be read: the file, the line and the problem.
#[derive(Debug, Error)]
#[error("{file}:{line}: {message}")]
pub struct PloverError {
    /// The file (`cameo_plover.tsv`, `types.tsv`, `mode_cues.tsv`, `contexts.tsv`).
    pub file: &'static str,
    /// 1-based line (0 for the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// The auxiliary modes of PLOVER 2.0: whether the reported event is placed in the past, the
/// future, a hypothetical, or denied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aux {
    /// The text places the event well before the report (more than a year before it).
    Historical,
    /// Planned or announced ("will impose"), where PLOVER keeps the act's own type.
    Future,
    /// Conditional or possible ("could impose", "if ... would").
    Hypothetical,
    /// Said not to have happened ("did not attend").
    Negation,
}

impl Aux {
    /// The name in the output: "historical", "future", "hypothetical", "negation".
    pub fn as_str(self) -> &'static str {
        match self {
            Aux::Historical => "historical",
            Aux::Future => "future",
            Aux::Hypothetical => "hypothetical",
            Aux::Negation => "negation",
        }
    }
}

impl fmt::Display for Aux {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place named in the event's sentence ("in Geneva"), with the country it lies in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The words in the text.
    pub name: String,
    /// ISO 3166 alpha-3 (or CAMEO) code of its country.
    pub country: String,
}

/// An event's PLOVER coding: `{type, mode, context, aux}` (and the place when known).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Plover {
    /// The event type ("CONSULT").
    #[serde(rename = "type")]
    pub event_type: String,
    /// The mode, keyed by the type ("visit" under CONSULT), or null.
    pub mode: Option<String>,
    /// Contexts: the CAMEO code's and the sentence's, sorted.
    pub context: Vec<String>,
    /// Auxiliary modes.
    pub aux: Vec<Aux>,
    /// Where the event took place when the sentence says so ("in Geneva").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Place>,
    /// The data lines that decided type, mode and contexts ("cameo_plover.tsv:41").
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
}

/// What the PLOVER stage reads of a coded event.
#[derive(Clone, Debug)]
pub struct EventFacts<'a> {
    /// The CAMEO code.
    pub cameo: &'a str,
    /// The trigger (verb or event noun) as written.
    pub trigger: &'a str,
    /// The sentence.
    pub sentence: &'a str,
    /// The mood the coder gave the event.
    pub mood: Mood,
    /// The event's date ("YYYY-MM-DD", "YYYY-MM", "YYYY").
    pub date: Option<&'a str>,
    /// The publication date of the article.
    pub published: Option<NaiveDate>,
    /// Countries of the actor and the recipient (for telling a visit from a third place).
    pub countries: [Option<&'a str>; 2],
    /// Whether either side is an international organisation (multilateral meetings).
    pub organisation: bool,
    /// A place the sentence names for the event, with its country.
    pub place: Option<Place>,
}

impl Default for EventFacts<'_> {
    fn default() -> Self {
        EventFacts {
            cameo: "",
            trigger: "",
            sentence: "",
            mood: Mood::Fact,
            date: None,
            published: None,
            countries: [None, None],
            organisation: false,
            place: None,
        }
    }
}

/// One row of `cameo_plover.tsv`.
#[derive(Clone, Debug)]
pub struct Mapping {
    /// The PLOVER type, `None` when the code has none.
    pub event_type: Option<String>,
    /// The mode the CAMEO code fixes.
    pub mode: Option<String>,
    /// The context the CAMEO code fixes.
    pub context: Option<String>,
    /// Why, where the placement is not obvious.
    pub note: Option<String>,
    /// File and line.
    pub source: Source,
}

/// A PLOVER type with its quad class and modes.
#[derive(Clone, Debug)]
pub struct PloverType {
    /// "ASSAULT".
    pub name: String,
    /// 1 to 4.
    pub quad: u8,
    /// Whether the manual requires a recipient.
    pub recipient: bool,
    /// The modes it allows.
    pub modes: Vec<String>,
}

/// Where a mode cue must be found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Scope {
    Trigger,
    Near,
    After,
    Sentence,
}

fn scope(s: &str) -> Option<Scope> {
    match s {
        "trigger" => Some(Scope::Trigger),
        "near" => Some(Scope::Near),
        "after" => Some(Scope::After),
        "sentence" => Some(Scope::Sentence),
        _ => None,
    }
}

/// A row of `type_rules.tsv`: words that move an event to another PLOVER type.
#[derive(Clone, Debug)]
struct TypeRule {
    from: Vec<String>,
    trigger: Vec<Cue>,
    scope: Scope,
    words: Vec<Cue>,
    intent_only: bool,
    to: String,
    mode: Option<String>,
    source: Source,
}

/// A sequence of cue words; a word ending in `*` matches any word starting so.
#[derive(Clone, Debug)]
struct Cue(Vec<String>);

impl Cue {
    fn parse(s: &str) -> Cue {
        Cue(words(s).into_iter().map(|w| w.to_string()).collect())
    }

    fn word_matches(pat: &str, w: &str) -> bool {
        match pat.strip_suffix('*') {
            Some(stem) => w.starts_with(stem),
            None => pat == w,
        }
    }

    /// Does the cue start at token `i` of `toks`?
    fn matches_at(&self, toks: &[&str], i: usize) -> bool {
        let n = self.0.len();
        n > 0 && i + n <= toks.len() && self.0.iter().zip(&toks[i..i + n]).all(|(p, w)| Cue::word_matches(p, w))
    }

    /// Token positions where the cue starts in `toks`.
    fn find(&self, toks: &[&str]) -> Option<usize> {
        let n = self.0.len();
        if n == 0 || toks.len() < n {
            return None;
        }
        (0..=toks.len() - n).find(|&i| self.0.iter().zip(&toks[i..i + n]).all(|(p, w)| Cue::word_matches(p, w)))
    }
}

#[derive(Clone, Debug)]
struct ModeCue {
    event_type: String,
    mode: String,
    over: bool,
    scope: Scope,
    cues: Vec<Cue>,
    source: Source,
}

#[derive(Clone, Debug)]
struct ContextCue {
    context: String,
    cues: Vec<Cue>,
    source: Source,
}

/// The PLOVER knowledge of `data/plover/`, read once.
#[derive(Clone, Debug)]
pub struct PloverTable {
    mappings: HashMap<String, Mapping>,
    types: Vec<PloverType>,
    mode_cues: Vec<ModeCue>,
    contexts: Vec<ContextCue>,
    /// The context cues by their first word, as (context, cue) indices; cues whose first word
    /// is a stem (`sanction*`) are in `context_stems` (a sentence is read once, not once per cue).
    context_index: HashMap<String, Vec<(usize, usize)>>,
    context_stems: Vec<(usize, usize)>,
    type_rules: Vec<TypeRule>,
}

/// Lower-case word tokens of a text (letters, digits, hyphens and apostrophes inside words).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '*'))
        .map(|w| w.trim_matches(|c| c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn opt(col: &str) -> Option<String> {
    (col != "-" && !col.is_empty()).then(|| col.to_string())
}

impl PloverTable {
    /// The embedded tables of `data/plover/`.
    pub fn get() -> &'static PloverTable {
        static T: OnceLock<PloverTable> = OnceLock::new();
        T.get_or_init(|| {
            PloverTable::parse(CAMEO_PLOVER_TSV, TYPES_TSV, MODE_CUES_TSV, CONTEXTS_TSV)
                .and_then(|t| t.with_type_rules(TYPE_RULES_TSV))
                .unwrap_or_else(|e| panic!("embedded data/plover is invalid: {e}"))
        })
    }

    /// Reads the four tables, checking every type, mode and context name against `types.tsv`
    /// and the context list.
    pub fn parse(cameo_plover: &str, types: &str, mode_cues: &str, contexts: &str) -> Result<PloverTable, PloverError> {
        let err = |file: &'static str| {
            move |e: data::RowError| PloverError {
                file,
                line: e.line,
                message: e.message,
            }
        };
        let mut table = PloverTable {
            mappings: HashMap::new(),
            types: Vec::new(),
            mode_cues: Vec::new(),
            contexts: Vec::new(),
            context_index: HashMap::new(),
            context_stems: Vec::new(),
            type_rules: Vec::new(),
        };
        for r in data::rows(types, &["type", "quad", "recipient", "modes"]).map_err(err("types.tsv"))? {
            let bad = |message: String| PloverError {
                file: "types.tsv",
                line: r.line,
                message,
            };
            let quad = r.cols[1]
                .parse::<u8>()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| bad(format!("quad `{}` is not 1 to 4", r.cols[1])))?;
            let recipient = match r.cols[2] {
                "yes" => true,
                "no" => false,
                o => return Err(bad(format!("recipient `{o}` is not yes or no"))),
            };
            table.types.push(PloverType {
                name: r.cols[0].to_string(),
                quad,
                recipient,
                modes: data::values(r.cols[3]),
            });
        }
        for r in data::rows(contexts, &["context", "cues"]).map_err(err("contexts.tsv"))? {
            table.contexts.push(ContextCue {
                context: r.cols[0].to_string(),
                cues: data::values(r.cols[1]).iter().map(|c| Cue::parse(c)).collect(),
                source: Source {
                    file: "plover/contexts.tsv",
                    line: r.line,
                },
            });
        }
        for r in
            data::rows(cameo_plover, &["cameo", "type", "mode", "context", "note"]).map_err(err("cameo_plover.tsv"))?
        {
            let bad = |message: String| PloverError {
                file: "cameo_plover.tsv",
                line: r.line,
                message,
            };
            let m = Mapping {
                event_type: opt(r.cols[1]),
                mode: opt(r.cols[2]),
                context: opt(r.cols[3]),
                note: opt(r.cols[4]),
                source: Source {
                    file: "plover/cameo_plover.tsv",
                    line: r.line,
                },
            };
            match &m.event_type {
                Some(t) => {
                    let ty = table
                        .plover_type(t)
                        .ok_or_else(|| bad(format!("unknown PLOVER type `{t}`")))?;
                    if let Some(mode) = &m.mode {
                        if !ty.modes.contains(mode) {
                            return Err(bad(format!("`{mode}` is not a mode of {t}")));
                        }
                    }
                }
                None if m.mode.is_some() || m.context.is_some() => {
                    return Err(bad("a code without a PLOVER type has no mode or context".into()))
                }
                None => {}
            }
            if let Some(c) = &m.context {
                if !table.is_context(c) {
                    return Err(bad(format!("unknown PLOVER context `{c}`")));
                }
            }
            if table.mappings.insert(r.cols[0].to_string(), m).is_some() {
                return Err(bad(format!("CAMEO code {} twice", r.cols[0])));
            }
        }
        for r in data::rows(mode_cues, &["type", "mode", "over", "where", "cues"]).map_err(err("mode_cues.tsv"))? {
            let bad = |message: String| PloverError {
                file: "mode_cues.tsv",
                line: r.line,
                message,
            };
            let ty = table
                .plover_type(r.cols[0])
                .ok_or_else(|| bad(format!("unknown PLOVER type `{}`", r.cols[0])))?;
            if !ty.modes.iter().any(|m| m == r.cols[1]) {
                return Err(bad(format!("`{}` is not a mode of {}", r.cols[1], r.cols[0])));
            }
            let over = data::flag(r.cols[2]).ok_or_else(|| bad(format!("over `{}` is not yes or -", r.cols[2])))?;
            let scope = scope(r.cols[3])
                .ok_or_else(|| bad(format!("where `{}` is not trigger, near, after or sentence", r.cols[3])))?;
            let cues: Vec<Cue> = data::values(r.cols[4]).iter().map(|c| Cue::parse(c)).collect();
            if cues.is_empty() || cues.iter().any(|c| c.0.is_empty()) {
                return Err(bad("no cue words".into()));
            }
            table.mode_cues.push(ModeCue {
                event_type: r.cols[0].to_string(),
                mode: r.cols[1].to_string(),
                over,
                scope,
                cues,
                source: Source {
                    file: "plover/mode_cues.tsv",
                    line: r.line,
                },
            });
        }
        if table.mappings.is_empty() {
            return Err(PloverError {
                file: "cameo_plover.tsv",
                line: 0,
                message: "no rows".into(),
            });
        }
        for (ci, c) in table.contexts.iter().enumerate() {
            for (qi, q) in c.cues.iter().enumerate() {
                match q.0.first() {
                    Some(w) if !w.ends_with('*') => table.context_index.entry(w.clone()).or_default().push((ci, qi)),
                    Some(_) => table.context_stems.push((ci, qi)),
                    None => {}
                }
            }
        }
        Ok(table)
    }

    /// The table with the type rules of `type_rules` (the format of `type_rules.tsv`).
    pub fn with_type_rules(mut self, type_rules: &str) -> Result<PloverTable, PloverError> {
        let rows = data::rows(
            type_rules,
            &["from", "trigger", "where", "words", "mood", "type", "mode"],
        )
        .map_err(|e| PloverError {
            file: "type_rules.tsv",
            line: e.line,
            message: e.message,
        })?;
        for r in rows {
            let bad = |message: String| PloverError {
                file: "type_rules.tsv",
                line: r.line,
                message,
            };
            let from = data::values(r.cols[0]);
            if from.is_empty() {
                return Err(bad("no type to apply to".into()));
            }
            if let Some(t) = from.iter().find(|t| self.plover_type(t).is_none()) {
                return Err(bad(format!("unknown PLOVER type `{t}`")));
            }
            let to = r.cols[5].to_string();
            let ty = self
                .plover_type(&to)
                .ok_or_else(|| bad(format!("unknown PLOVER type `{to}`")))?;
            let mode = opt(r.cols[6]);
            if let Some(m) = &mode {
                if !ty.modes.contains(m) {
                    return Err(bad(format!("`{m}` is not a mode of {to}")));
                }
            }
            let intent_only = match r.cols[4] {
                "intent" => true,
                "-" => false,
                o => return Err(bad(format!("mood `{o}` is not intent or -"))),
            };
            let trigger: Vec<Cue> = data::values(r.cols[1]).iter().map(|c| Cue::parse(c)).collect();
            let words: Vec<Cue> = data::values(r.cols[3]).iter().map(|c| Cue::parse(c)).collect();
            if trigger.is_empty() && words.is_empty() {
                return Err(bad("a rule needs trigger or words".into()));
            }
            self.type_rules.push(TypeRule {
                from,
                trigger,
                scope: scope(r.cols[2])
                    .ok_or_else(|| bad(format!("where `{}` is not trigger, near, after or sentence", r.cols[2])))?,
                words,
                intent_only,
                to,
                mode,
                source: Source {
                    file: "plover/type_rules.tsv",
                    line: r.line,
                },
            });
        }
        Ok(self)
    }

    /// The type of this name.
    pub fn plover_type(&self, name: &str) -> Option<&PloverType> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The 16 types, in the order of `types.tsv`.
    pub fn types(&self) -> &[PloverType] {
        &self.types
    }

    /// Is this one of the contexts of `contexts.tsv`?
    pub fn is_context(&self, name: &str) -> bool {
        self.contexts.iter().any(|c| c.context == name)
    }

    /// The context names, in file order.
    pub fn contexts(&self) -> impl Iterator<Item = &str> {
        self.contexts.iter().map(|c| c.context.as_str())
    }

    /// The row of a CAMEO code.
    pub fn mapping(&self, cameo: &str) -> Option<&Mapping> {
        self.mappings.get(cameo)
    }

    /// The PLOVER coding of an event, or `None` when its CAMEO code has no PLOVER type (or is
    /// unknown).
    pub fn code(&self, f: &EventFacts) -> Option<Plover> {
        let m = self.mapping(f.cameo)?;
        let mut event_type = m.event_type.clone()?;
        let mut sources = vec![m.source];
        let toks_owned = words(f.sentence);
        let toks: Vec<&str> = toks_owned.iter().map(String::as_str).collect();
        let trig_owned = words(f.trigger);
        let trig: Vec<&str> = trig_owned.iter().map(String::as_str).collect();
        // where the trigger stands among the sentence's words
        let at = Cue(trig_owned.clone()).find(&toks).unwrap_or(0);
        let near_lo = at.saturating_sub(8);
        let near_hi = (at + trig.len().max(1) + 8).min(toks.len());
        let after = (at + trig.len()).min(toks.len());
        let hay = |scope: Scope| -> &[&str] {
            match scope {
                Scope::Trigger => &trig,
                Scope::Near => &toks[near_lo..near_hi],
                Scope::After => &toks[after..],
                Scope::Sentence => &toks,
            }
        };
        let mut mode = m.mode.clone();
        // words that show another type
        for r in &self.type_rules {
            let applies = r.from.contains(&event_type)
                && (!r.intent_only || f.mood == Mood::Intent)
                && (r.trigger.is_empty() || r.trigger.iter().any(|q| q.find(&trig).is_some()))
                && (r.words.is_empty() || r.words.iter().any(|q| q.find(hay(r.scope)).is_some()));
            if applies {
                event_type = r.to.clone();
                mode = r.mode.clone();
                sources.push(r.source);
                break;
            }
        }
        for c in self.mode_cues.iter().filter(|c| c.event_type == event_type) {
            if mode.is_some() && !c.over {
                continue;
            }
            let hay: &[&str] = hay(c.scope);
            if c.cues.iter().any(|q| q.find(hay).is_some()) {
                mode = Some(c.mode.clone());
                sources.push(c.source);
                break;
            }
        }
        // meetings: a multilateral setting, a third country's place, or the host's country
        if event_type == "CONSULT" && !matches!(mode.as_deref(), Some("phone" | "multilateral")) {
            if f.organisation && f.cameo != "042" && f.cameo != "043" {
                mode = Some("multilateral".into());
            } else if let Some(p) = &f.place {
                let [a, b] = f.countries;
                let foreign = a.is_some() && b.is_some() && a != b;
                if foreign && Some(p.country.as_str()) != a && Some(p.country.as_str()) != b {
                    mode = Some("third-party".into());
                } else if foreign && mode.is_none() && (Some(p.country.as_str()) == b || Some(p.country.as_str()) == a)
                {
                    mode = Some("visit".into());
                }
            }
        }
        let mut context: Vec<String> = m.context.iter().cloned().collect();
        let mut hit = vec![false; self.contexts.len()];
        for (i, w) in toks.iter().enumerate() {
            for &(ci, qi) in self.context_index.get(*w).map_or(&[][..], Vec::as_slice) {
                hit[ci] = hit[ci] || self.contexts[ci].cues[qi].matches_at(&toks, i);
            }
        }
        for &(ci, qi) in &self.context_stems {
            hit[ci] = hit[ci] || self.contexts[ci].cues[qi].find(&toks).is_some();
        }
        for (c, _) in self.contexts.iter().zip(&hit).filter(|(_, &h)| h) {
            if !context.contains(&c.context) {
                context.push(c.context.clone());
                sources.push(c.source);
            }
        }
        // a mode that names a context brings it (COERCE cyber, misinformation)
        for mc in ["cyber", "misinformation"] {
            if mode.as_deref() == Some(mc) && !context.iter().any(|c| c == mc) {
                context.push(mc.into());
            }
        }
        context.sort();
        let mut aux = Vec::new();
        match f.mood {
            // PLOVER's AGREE and CONCEDE are the future forms of cooperation and retreat;
            // refusals, threats and demands are REJECT, THREATEN and REQUEST themselves
            Mood::Intent if !matches!(event_type.as_str(), "AGREE" | "CONCEDE" | "THREATEN") => aux.push(Aux::Future),
            Mood::Hypothetical => aux.push(Aux::Hypothetical),
            Mood::Negated => aux.push(Aux::Negation),
            _ => {}
        }
        if historical(f.date, f.published) {
            aux.push(Aux::Historical);
        }
        Some(Plover {
            event_type,
            mode,
            context,
            aux,
            location: f.place.clone(),
            sources,
        })
    }

    /// The PLOVER coding of a coded event; `published` is the article's publication date and
    /// `kb` finds the place the sentence names for it.
    pub fn code_event(&self, e: &Event, published: Option<NaiveDate>, kb: Option<&KnowledgeBase>) -> Option<Plover> {
        let place = kb.and_then(|kb| place_of(kb, &e.text, &e.evidence.trigger));
        let organisation = [&e.source, &e.target].iter().any(|a| is_organisation(a));
        self.code(&EventFacts {
            cameo: &e.cameo,
            trigger: &e.evidence.trigger,
            sentence: &e.text,
            mood: e.evidence.mood,
            date: e.date.as_deref(),
            published,
            countries: [e.source.country.as_deref(), e.target.country.as_deref()],
            organisation,
            place,
        })
    }
}

/// Is the actor an international organisation (a CAMEO code starting `IGO`, or a known
/// organisation without a country)?
fn is_organisation(a: &Actor) -> bool {
    a.code.as_deref().is_some_and(|c| c.starts_with("IGO"))
}

/// Is an event dated more than a year before its report?
fn historical(date: Option<&str>, published: Option<NaiveDate>) -> bool {
    use chrono::Datelike;
    let (Some(d), Some(p)) = (date, published) else {
        return false;
    };
    let mut parts = d.split('-').map(|x| x.parse::<u32>().ok());
    let year = parts.next().flatten();
    let month = parts.next().flatten();
    let day = parts.next().flatten();
    match (year, month, day) {
        (Some(y), Some(m), Some(dd)) => {
            NaiveDate::from_ymd_opt(y as i32, m, dd).is_some_and(|e| (p - e).num_days() > 366)
        }
        (Some(y), Some(m), None) => (p.year() * 12 + p.month() as i32) - (y as i32 * 12 + m as i32) > 12,
        (Some(y), None, None) => p.year() - y as i32 > 1,
        _ => false,
    }
}

/// The place an event's sentence names after "in" or "at" following the trigger ("met in
/// Geneva", "talks at Camp David" when the knowledge base knows it), with its country.
pub fn place_of(kb: &KnowledgeBase, sentence: &str, trigger: &str) -> Option<Place> {
    let start = if trigger.is_empty() {
        0
    } else {
        sentence.find(trigger).unwrap_or(0)
    };
    let rest = &sentence[start..];
    let toks: Vec<(usize, &str)> = rest
        .split_whitespace()
        .scan(0usize, |pos, w| {
            let at = rest[*pos..].find(w).map(|i| i + *pos).unwrap_or(*pos);
            *pos = at + w.len();
            Some((at, w))
        })
        .collect();
    for (i, (_, w)) in toks.iter().enumerate() {
        if !matches!(*w, "in" | "at") {
            continue;
        }
        // the capitalised words after the preposition (skipping "the")
        let mut j = i + 1;
        if toks.get(j).is_some_and(|(_, w)| *w == "the") {
            j += 1;
        }
        let mut name = Vec::new();
        while let Some((_, w)) = toks.get(j) {
            let clean = w.trim_end_matches([',', '.', ';', ':', ')', '"', '\'']);
            if !clean.chars().next().is_some_and(char::is_uppercase) {
                break;
            }
            name.push(clean);
            if clean.len() != w.len() {
                break;
            }
            j += 1;
        }
        if name.is_empty() {
            continue;
        }
        let name = name.join(" ");
        let name = name
            .strip_suffix("'s")
            .or_else(|| name.strip_suffix("\u{2019}s"))
            .unwrap_or(&name)
            .to_string();
        if let Some(c) = kb.country_of_place(&name) {
            let code = c.iso3.clone().unwrap_or_else(|| c.code.clone());
            return Some(Place { name, country: code });
        }
    }
    None
}

/// One entity of a PLOVER record's actor or recipient list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The name as written.
    pub name: String,
    /// The CAMEO actor code, or null.
    pub code: Option<String>,
    /// ISO 3166 alpha-3 country, or null.
    pub country: Option<String>,
    /// The sector part of the code ("GOV", "MIL"), or null.
    pub sector: Option<String>,
}

impl Entity {
    fn of(a: &Actor) -> Entity {
        let code = a.code.clone();
        let sector = code.as_deref().and_then(|c| {
            let rest = match c.get(..3) {
                Some(p) if p.chars().all(|x| x.is_ascii_uppercase()) && c.len() > 3 => &c[3..],
                _ => "",
            };
            (!rest.is_empty()).then(|| rest.get(..3).unwrap_or(rest).to_string())
        });
        Entity {
            name: a.name.clone(),
            code,
            country: a.country.clone(),
            sector,
        }
    }

    fn same(&self, other: &Entity) -> bool {
        match (&self.code, &other.code) {
            (Some(a), Some(b)) => a == b,
            _ => self.name == other.name,
        }
    }
}

/// One event in the shape POLECAT publishes: `dyad code --format plover`.
#[derive(Clone, Debug, Serialize)]
pub struct PloverRecord {
    /// `article:sentence:n`, unique in a run.
    pub event_id: String,
    /// The article (the story).
    pub story_id: String,
    /// The sentence index in the article (0 for the headline).
    pub sentence_number: usize,
    /// The event's date, or null.
    pub event_date: Option<String>,
    /// "day", "month", "year", or null.
    pub date_precision: Option<String>,
    /// PLOVER type.
    pub event_type: String,
    /// PLOVER mode, or null.
    pub event_mode: Option<String>,
    /// PLOVER contexts.
    pub contexts: Vec<String>,
    /// Auxiliary modes.
    pub aux: Vec<Aux>,
    /// The actor: every entity that acted (all participants of a two-sided act).
    pub actor: Vec<Entity>,
    /// The recipient: every entity acted upon (empty for a two-sided act).
    pub recipient: Vec<Entity>,
    /// Where, when the sentence names the place.
    pub location: Option<Place>,
    /// The sentence.
    pub event_text: String,
    /// The anchor: the trigger words.
    pub event_anchor: String,
    /// The CAMEO code(s) behind the record.
    pub cameo: Vec<String>,
}

/// Folds coded events into PLOVER records, as PLOVER counts events: one record per act (one
/// trigger and type in a sentence), compound actors and recipients as lists, a two-sided act
/// (both directions coded) with every participant as actor and no recipient, and a hosted
/// visit (CAMEO 043) with the visitor as actor. Events without a PLOVER type are left out.
pub fn records(events: &[Event]) -> Vec<PloverRecord> {
    let mut out: Vec<PloverRecord> = Vec::new();
    let mut keys: Vec<(String, usize, usize, String)> = Vec::new();
    let mut pairs: Vec<Vec<(Entity, Entity)>> = Vec::new();
    for e in events {
        let Some(p) = &e.plover else { continue };
        let (mut a, mut b) = (Entity::of(&e.source), Entity::of(&e.target));
        if e.cameo == "043" {
            std::mem::swap(&mut a, &mut b);
        }
        let key = (
            e.article.clone(),
            e.sentence,
            e.evidence.trigger_span.start,
            p.event_type.clone(),
        );
        let i = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key);
                pairs.push(Vec::new());
                out.push(PloverRecord {
                    event_id: format!("{}:{}:{}", e.article, e.sentence, out.len()),
                    story_id: e.article.clone(),
                    sentence_number: e.sentence,
                    event_date: e.date.clone(),
                    date_precision: e.date_precision.map(|p| p.as_str().to_string()),
                    event_type: p.event_type.clone(),
                    event_mode: p.mode.clone(),
                    contexts: p.context.clone(),
                    aux: p.aux.clone(),
                    actor: Vec::new(),
                    recipient: Vec::new(),
                    location: p.location.clone(),
                    event_text: e.text.clone(),
                    event_anchor: e.evidence.trigger.clone(),
                    cameo: Vec::new(),
                });
                out.len() - 1
            }
        };
        let r = &mut out[i];
        if !r.cameo.contains(&e.cameo) {
            r.cameo.push(e.cameo.clone());
        }
        for c in &p.context {
            if !r.contexts.contains(c) {
                r.contexts.push(c.clone());
            }
        }
        r.contexts.sort();
        pairs[i].push((a, b));
    }
    for (r, prs) in out.iter_mut().zip(pairs) {
        let two_sided = prs
            .iter()
            .any(|(a, b)| prs.iter().any(|(c, d)| c.same(b) && d.same(a) && b.code.is_some()));
        let push = |list: &mut Vec<Entity>, e: &Entity| {
            if !list.iter().any(|x| x.same(e)) {
                list.push(e.clone());
            }
        };
        for (a, b) in &prs {
            push(&mut r.actor, a);
            if two_sided {
                push(&mut r.actor, b);
            } else if b.code.is_some() || !b.name.is_empty() {
                push(&mut r.recipient, b);
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "plover_tests.rs"]
mod tests;
