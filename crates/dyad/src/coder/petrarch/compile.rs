//! PETRARCH/TABARI dictionaries compiled for coding: actor and agent phrases indexed by their
//! first word, verb forms with their patterns (multi-word verbs folded into patterns), synsets
//! expanded to word lists, discard phrases.

use crate::kb::petrarch::{
    ActorDictionary, AgentDictionary, DictionaryFile, DiscardList, DiscardScope, Elem, ElemKind, Join, LoadOptions,
    Origin, PetrarchError, Phrase, Placement, VerbDictionary, Warning,
};
use chrono::NaiveDate;
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;

/// A phrase to match inside a noun phrase: the words after the first, each with the join
/// that precedes it (`_`: adjacent; blank: other words may come between).
#[derive(Clone, Debug)]
pub(crate) struct NamePattern {
    pub(crate) rest: Vec<(String, Join)>,
    /// Index into [`Dictionaries::actors`] or [`Dictionaries::agents`].
    pub(crate) entry: usize,
    /// The name as written (for the evidence).
    pub(crate) text: String,
    pub(crate) line: usize,
}

/// An actor: its dated codes and where it was read.
#[derive(Clone, Debug)]
pub(crate) struct Actor {
    pub(crate) entry: crate::kb::petrarch::ActorEntry,
}

/// An agent: its code and placement.
#[derive(Clone, Debug)]
pub(crate) struct Agent {
    pub(crate) code: String,
    pub(crate) placement: Placement,
    pub(crate) origin: Origin,
}

/// One element of a compiled verb pattern, with whether it must follow the previous one
/// directly (`_`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Word(String),
    Synset(String),
    Source,
    Target,
    Compound,
    Skip,
}

/// A verb pattern ready for matching: `upper` in reverse order (nearest the verb first),
/// `lower` in sentence order, each token with its "adjacent" flag.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) upper: Vec<(Tok, bool)>,
    pub(crate) lower: Vec<(Tok, bool)>,
    /// The literal words of `upper` and `lower`: a pattern can only match a sentence that
    /// has them all (checked before matching).
    pub(crate) words: Vec<String>,
    pub(crate) code: String,
    pub(crate) text: String,
    pub(crate) origin: Origin,
}

/// What a verb form (`LEFT`, `TAPPED`) brings: its pattern lists, each longest first (those
/// of multi-word verbs built on it, then those of its blocks, shared by all the block's
/// forms), and its own code.
#[derive(Clone, Debug, Default)]
pub(crate) struct VerbForm {
    pub(crate) multi: Vec<Arc<[Pattern]>>,
    pub(crate) single: Vec<Arc<[Pattern]>>,
    /// The code when no pattern matches (`None`: `---`, no event).
    pub(crate) code: Option<(String, Origin)>,
}

/// A discard phrase (upper case, single blanks) and whether it must end at a word boundary.
#[derive(Clone, Debug)]
pub(crate) struct Discard {
    pub(crate) text: String,
    pub(crate) whole_word: bool,
    pub(crate) scope: DiscardScope,
    pub(crate) origin: Origin,
}

/// A set of PETRARCH/TABARI dictionaries compiled for coding.
#[derive(Clone, Debug, Default)]
pub struct Dictionaries {
    pub(crate) actors: Vec<Actor>,
    pub(crate) actor_index: HashMap<String, Vec<NamePattern>>,
    pub(crate) agents: Vec<Agent>,
    pub(crate) agent_index: HashMap<String, Vec<NamePattern>>,
    pub(crate) verbs: HashMap<String, VerbForm>,
    pub(crate) synsets: HashMap<String, Vec<Vec<String>>>,
    pub(crate) discards: Vec<Discard>,
    /// Automata over the discard phrases (upper case), each over [`DISCARDS_PER_MATCHER`]
    /// of them in order: matcher `k` finds phrase `k * DISCARDS_PER_MATCHER + i` as its
    /// pattern `i`.
    pub(crate) discard_matchers: Vec<aho_corasick::AhoCorasick>,
    /// Problems met while reading, in lenient mode.
    pub warnings: Vec<Warning>,
    /// Per file: its name, its kind and how many entries were read.
    pub files: Vec<(String, &'static str, usize)>,
}

/// Discard phrases per automaton. Building one follows chains of swapped states that grow
/// with the number of phrases (aho-corasick's `Remapper`): 140,000 numbered phrases in one
/// automaton took 14 s, four times as long as half as many. In groups the build is linear, and
/// a sentence is searched once per group.
pub(crate) const DISCARDS_PER_MATCHER: usize = 1024;

/// The dictionary files of one coding set (any may be absent).
#[derive(Clone, Debug, Default)]
pub struct DictionaryPaths {
    /// Verb dictionaries.
    pub verbs: Vec<std::path::PathBuf>,
    /// Actor dictionaries.
    pub actors: Vec<std::path::PathBuf>,
    /// Agent dictionaries.
    pub agents: Vec<std::path::PathBuf>,
    /// Discard lists.
    pub discards: Vec<std::path::PathBuf>,
}

impl DictionaryPaths {
    /// The dictionaries in a folder, by their usual names: `*verbs*`/`CAMEO*` verb files,
    /// `*.actors.txt`, `*agents*`, `*discards*` (issue lists are not used for coding).
    pub fn in_dir(dir: &Path) -> std::io::Result<DictionaryPaths> {
        let mut out = DictionaryPaths::default();
        let mut names: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        for p in names {
            let n = p
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if !n.ends_with(".txt") && !n.ends_with(".verbs") {
                continue;
            }
            if n.contains("verb") || n.starts_with("cameo") {
                out.verbs.push(p);
            } else if n.contains("actors") {
                out.actors.push(p);
            } else if n.contains("agents") {
                out.agents.push(p);
            } else if n.contains("discard") {
                out.discards.push(p);
            }
        }
        Ok(out)
    }
}

impl Dictionaries {
    /// Reads and compiles the files named in `paths`.
    pub fn load(paths: &DictionaryPaths, options: LoadOptions) -> Result<Dictionaries, PetrarchError> {
        let mut d = Dictionaries::default();
        for p in &paths.verbs {
            let v: VerbDictionary = d.read(p, "verbs", options)?;
            d.add_verbs(&v);
        }
        for p in &paths.actors {
            let a: ActorDictionary = d.read(p, "actors", options)?;
            d.add_actors(&a);
        }
        for p in &paths.agents {
            let a: AgentDictionary = d.read(p, "agents", options)?;
            d.add_agents(&a);
        }
        for p in &paths.discards {
            let l: DiscardList = d.read(p, "discards", options)?;
            d.add_discards(&l);
        }
        d.finish()?;
        Ok(d)
    }

    /// Reads one dictionary file, noting its entry count and warnings.
    fn read<T: DictionaryFile>(
        &mut self,
        path: &Path,
        kind: &'static str,
        options: LoadOptions,
    ) -> Result<T, PetrarchError> {
        let t = T::load(path, options)?;
        self.files.push((path.display().to_string(), kind, t.entry_count()));
        self.warnings.extend(t.warnings().iter().cloned());
        Ok(t)
    }

    /// Adds the actors of one file.
    pub fn add_actors(&mut self, dict: &ActorDictionary) {
        for e in &dict.entries {
            let idx = self.actors.len();
            self.actors.push(Actor { entry: e.clone() });
            for n in &e.names {
                add_name(&mut self.actor_index, &n.phrase, idx, n.line);
            }
        }
    }

    /// Adds the agents of one file (singular and plural phrases).
    pub fn add_agents(&mut self, dict: &AgentDictionary) {
        for e in &dict.entries {
            let idx = self.agents.len();
            self.agents.push(Agent {
                code: e.code.code.clone(),
                placement: e.code.placement,
                origin: e.origin.clone(),
            });
            add_name(&mut self.agent_index, &e.phrase, idx, e.origin.line);
            if let Some(p) = &e.plural {
                add_name(&mut self.agent_index, p, idx, e.origin.line);
            }
        }
    }

    /// Adds a discard list.
    pub fn add_discards(&mut self, list: &DiscardList) {
        for e in &list.entries {
            self.discards.push(Discard {
                text: e
                    .phrase
                    .words
                    .iter()
                    .map(|w| w.to_uppercase())
                    .collect::<Vec<_>>()
                    .join(" "),
                whole_word: !e.phrase.stem,
                scope: e.scope,
                origin: e.origin.clone(),
            });
        }
    }

    /// Adds the synsets and verbs of one verb dictionary.
    pub fn add_verbs(&mut self, dict: &VerbDictionary) {
        // Synsets first: patterns refer to them by name.
        let mut expander = Expander::new(dict);
        for s in &dict.synsets {
            let mut members = Vec::new();
            for m in &s.members {
                for words in expander.member(&m.elems, 0) {
                    if m.plural {
                        let mut p = words.clone();
                        if let Some(last) = p.last_mut() {
                            *last = crate::kb::petrarch::plural(last);
                        }
                        members.push(p);
                    }
                    members.push(words);
                }
            }
            for m in &mut members {
                m.iter_mut().for_each(|w| *w = w.to_uppercase());
            }
            self.synsets.entry(s.name.to_uppercase()).or_default().extend(members);
        }
        for block in &dict.verbs {
            let mut shared: Vec<Pattern> = block.patterns.iter().map(|p| compile_pattern(p, &[], &[])).collect();
            sort_patterns(&mut shared);
            let shared: Arc<[Pattern]> = shared.into();
            // Each pattern belongs to the verb line above it (a multi-word verb's patterns
            // extend that verb); patterns above any verb line belong to all.
            for (vi, verb) in block.verbs.iter().enumerate() {
                let next_line = block.verbs.get(vi + 1).map_or(usize::MAX, |v| v.origin.line);
                let own: Vec<_> = block
                    .patterns
                    .iter()
                    .filter(|p| p.origin.line > verb.origin.line && p.origin.line < next_line)
                    .collect();
                let code = verb.code.clone().unwrap_or_else(|| block.code.clone());
                let code_origin = verb.origin.clone();
                for form in std::iter::once(&verb.phrase).chain(&verb.forms) {
                    let head = form.head_word().to_uppercase();
                    if head.is_empty() {
                        continue;
                    }
                    let pre: Vec<String> = form.words[..form.head].iter().map(|w| w.to_uppercase()).collect();
                    let post: Vec<String> = form.words[form.head + 1..].iter().map(|w| w.to_uppercase()).collect();
                    let entry = self.verbs.entry(head).or_default();
                    if pre.is_empty() && post.is_empty() {
                        // A single-word verb takes every pattern of its block.
                        if !entry.single.iter().any(|s| Arc::ptr_eq(s, &shared)) {
                            entry.single.push(shared.clone());
                        }
                        if entry.code.is_none() && code != "---" {
                            entry.code = Some((code.clone(), code_origin.clone()));
                        }
                    } else {
                        // A multi-word verb: its own patterns around its words, then itself
                        // alone with its code.
                        let mut list: Vec<Pattern> = own.iter().map(|p| compile_pattern(p, &pre, &post)).collect();
                        sort_patterns(&mut list);
                        list.push(Pattern {
                            upper: pre.iter().rev().map(|w| (Tok::Word(w.clone()), true)).collect(),
                            lower: post.iter().map(|w| (Tok::Word(w.clone()), true)).collect(),
                            words: pre.iter().chain(&post).cloned().collect(),
                            code: code.clone(),
                            text: form.words.join("_"),
                            origin: verb.origin.clone(),
                        });
                        entry.multi.push(list.into());
                    }
                }
            }
        }
    }

    /// Compiles the discard phrases into matchers ([`DISCARDS_PER_MATCHER`] phrases each) and
    /// orders the name patterns.
    ///
    /// The matchers are contiguous NFAs whatever the number of phrases: the crate's own choice
    /// for a few phrases, a DFA, takes some 128 bytes per byte of phrase (one 2 MB phrase took
    /// 384 MB), the NFA about 13. A matcher that cannot be built is an error, not a silent
    /// loss of every discard.
    fn finish(&mut self) -> Result<(), PetrarchError> {
        self.discard_matchers = self
            .discards
            .chunks(DISCARDS_PER_MATCHER)
            .map(|group| {
                aho_corasick::AhoCorasickBuilder::new()
                    .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                    .build(group.iter().map(|d| d.text.as_str()))
                    .map_err(|e| PetrarchError::Matcher {
                        phrases: group.len(),
                        message: e.to_string(),
                    })
            })
            .collect::<Result<_, _>>()?;
        for list in self.actor_index.values_mut().chain(self.agent_index.values_mut()) {
            list.sort_by_key(|p| std::cmp::Reverse(p.rest.len()));
        }
        Ok(())
    }

    /// Compiles in-memory dictionaries (tests, benches).
    pub fn from_parts(
        verbs: &[VerbDictionary],
        actors: &[ActorDictionary],
        agents: &[AgentDictionary],
        discards: &[DiscardList],
    ) -> Result<Dictionaries, PetrarchError> {
        let mut d = Dictionaries::default();
        verbs.iter().for_each(|v| d.add_verbs(v));
        actors.iter().for_each(|a| d.add_actors(a));
        agents.iter().for_each(|a| d.add_agents(a));
        discards.iter().for_each(|l| d.add_discards(l));
        d.finish()?;
        Ok(d)
    }

    /// How many verb forms, verb patterns, actor names and agent phrases are compiled.
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.verbs.len(),
            self.verbs
                .values()
                .flat_map(|v| v.multi.iter().chain(&v.single))
                .map(|l| Arc::as_ptr(l) as *const Pattern as usize)
                .collect::<std::collections::HashSet<_>>()
                .len(),
            self.actor_index.values().map(Vec::len).sum(),
            self.agent_index.values().map(Vec::len).sum(),
        )
    }

    /// True when `word` (upper case) is a form of a verb in the dictionaries.
    pub fn is_verb_form(&self, word: &str) -> bool {
        self.verbs.contains_key(word)
    }

    /// The code of actor `idx` on `date` (`---` when no code applies).
    pub(crate) fn actor_code(&self, idx: usize, date: Option<NaiveDate>) -> String {
        let e = &self.actors[idx].entry;
        let code = match date {
            Some(d) => e.code_on(d),
            None => e.default_code().map(|c| c.code.as_str()),
        };
        code.unwrap_or("---").to_string()
    }
}

/// Longest patterns first (stable: file order among equals).
fn sort_patterns(list: &mut [Pattern]) {
    list.sort_by_key(|p| std::cmp::Reverse(p.upper.len() + p.lower.len()));
}

fn add_name(index: &mut HashMap<String, Vec<NamePattern>>, phrase: &Phrase, entry: usize, line: usize) {
    let Some(first) = phrase.words.first() else {
        return;
    };
    let rest = phrase.words[1..]
        .iter()
        .zip(&phrase.joins)
        .map(|(w, j)| (w.to_uppercase(), *j))
        .collect();
    index.entry(first.to_uppercase()).or_default().push(NamePattern {
        rest,
        entry,
        text: phrase.text().to_uppercase(),
        line,
    });
}

/// Most word lists one synset member expands to.
const MAX_EXPANSIONS: usize = 256;

/// Expands synset members into word lists, each synset found by name in a table and
/// expanded once per depth (a member naming a synset thousands of times costs one expansion
/// of it, not thousands).
struct Expander<'d> {
    dict: &'d VerbDictionary,
    /// Synset names (no `&`) → index of the first synset of that name.
    index: HashMap<&'d str, usize>,
    /// (synset, depth of its members) → the word lists of all its members.
    memo: HashMap<(usize, usize), Rc<Vec<Vec<String>>>>,
}

impl<'d> Expander<'d> {
    fn new(dict: &'d VerbDictionary) -> Expander<'d> {
        let mut index = HashMap::default();
        for (i, s) in dict.synsets.iter().enumerate() {
            index.entry(s.name.as_str()).or_insert(i);
        }
        Expander {
            dict,
            index,
            memo: HashMap::default(),
        }
    }

    /// The word lists of every member of synset `name` (as [`VerbDictionary::synset`] finds
    /// it), the members read at `depth`.
    fn synset(&mut self, name: &str, depth: usize) -> Rc<Vec<Vec<String>>> {
        let name = name.strip_prefix('&').unwrap_or(name);
        let Some(&i) = self.index.get(name) else {
            return Rc::default();
        };
        if let Some(m) = self.memo.get(&(i, depth)) {
            return m.clone();
        }
        let dict = self.dict;
        let lists: Vec<Vec<String>> = dict.synsets[i]
            .members
            .iter()
            .flat_map(|m| self.member(&m.elems, depth))
            .collect();
        let lists = Rc::new(lists);
        self.memo.insert((i, depth), lists.clone());
        lists
    }

    /// The word lists a synset member stands for, nested synsets expanded (up to a depth):
    /// the first [`MAX_EXPANSIONS`] combinations of its elements' options, the earlier
    /// elements' choices varying slowest; none when an element has no option.
    ///
    /// Each combination is built once, in one pass over the elements, so the cost is the size
    /// of what is returned (extending a copy of the growing prefix for every word made a
    /// member of 20,000 words take minutes).
    fn member(&mut self, elems: &[Elem], depth: usize) -> Vec<Vec<String>> {
        let mut options: Vec<Rc<Vec<Vec<String>>>> = Vec::with_capacity(elems.len());
        for e in elems {
            let o = match &e.kind {
                ElemKind::Word(w) => Rc::new(vec![vec![w.clone()]]),
                ElemKind::Synset(name) if depth < 4 => self.synset(name, depth + 1),
                _ => Rc::default(),
            };
            if o.is_empty() {
                return Vec::new();
            }
            options.push(o);
        }
        let total = options.iter().fold(1usize, |n, o| n.saturating_mul(o.len()));
        // the option each element takes, the last element's varying fastest
        let mut choice = vec![0usize; options.len()];
        let mut out = Vec::with_capacity(total.min(MAX_EXPANSIONS));
        for _ in 0..total.min(MAX_EXPANSIONS) {
            let mut list = Vec::new();
            for (o, &c) in options.iter().zip(&choice) {
                list.extend(o[c].iter().cloned());
            }
            out.push(list);
            for (o, c) in options.iter().zip(choice.iter_mut()).rev() {
                *c += 1;
                if *c < o.len() {
                    break;
                }
                *c = 0;
            }
        }
        out
    }
}

fn flatten(elems: &[Elem], out: &mut Vec<(Tok, bool)>) {
    for e in elems {
        let start = out.len();
        match &e.kind {
            ElemKind::Word(w) => out.push((Tok::Word(w.to_uppercase()), e.tight)),
            ElemKind::Synset(s) => out.push((
                Tok::Synset(s.trim_start_matches('&').trim_end_matches('_').to_uppercase()),
                e.tight,
            )),
            ElemKind::Source => out.push((Tok::Source, e.tight)),
            ElemKind::Target => out.push((Tok::Target, e.tight)),
            ElemKind::Compound => out.push((Tok::Compound, e.tight)),
            ElemKind::Skip => out.push((Tok::Skip, e.tight)),
            ElemKind::Prep(inner) | ElemKind::NounPhrase(inner) => flatten(inner, out),
        }
        if out.len() > start {
            out[start].1 = e.tight;
        }
    }
}

/// Compiles a pattern for a verb written with `pre` words before and `post` words after its
/// verb word (a multi-word verb): those words sit next to the verb, the pattern's beyond them.
fn compile_pattern(p: &crate::kb::petrarch::VerbPattern, pre: &[String], post: &[String]) -> Pattern {
    let mut before = Vec::new();
    flatten(&p.pre, &mut before);
    let mut after = Vec::new();
    flatten(&p.post, &mut after);
    // Upper: reverse order; each element's flag says whether it must directly precede the
    // element matched before it (the one nearer the verb).
    let mut upper: Vec<(Tok, bool)> = pre.iter().rev().map(|w| (Tok::Word(w.clone()), true)).collect();
    let n = before.len();
    for i in (0..n).rev() {
        let tight = if i + 1 < n {
            before[i + 1].1
        } else {
            p.verb_tight && pre.is_empty()
        };
        upper.push((before[i].0.clone(), tight));
    }
    let mut lower: Vec<(Tok, bool)> = post.iter().map(|w| (Tok::Word(w.clone()), true)).collect();
    for (i, (t, tight)) in after.into_iter().enumerate() {
        let tight = if i == 0 && !post.is_empty() { false } else { tight };
        lower.push((t, tight));
    }
    let words = upper
        .iter()
        .chain(&lower)
        .filter_map(|(t, _)| match t {
            Tok::Word(w) => Some(w.clone()),
            _ => None,
        })
        .collect();
    Pattern {
        upper,
        lower,
        words,
        code: p.code.clone(),
        text: p.text.clone(),
        origin: p.origin.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::petrarch::DictionaryFile;

    /// `expand_member` as it was: a copy of the growing prefix extended for every option.
    fn reference(dict: &VerbDictionary, elems: &[Elem], depth: usize) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = vec![Vec::new()];
        for e in elems {
            let options: Vec<Vec<String>> = match &e.kind {
                ElemKind::Word(w) => vec![vec![w.clone()]],
                ElemKind::Synset(name) if depth < 4 => match dict.synset(name) {
                    Some(s) => s
                        .members
                        .iter()
                        .flat_map(|m| reference(dict, &m.elems, depth + 1))
                        .collect(),
                    None => Vec::new(),
                },
                _ => Vec::new(),
            };
            if options.is_empty() {
                return Vec::new();
            }
            let mut next = Vec::new();
            for prefix in &out {
                for o in &options {
                    if next.len() >= 256 {
                        break;
                    }
                    let mut p = prefix.clone();
                    p.extend(o.iter().cloned());
                    next.push(p);
                }
            }
            out = next;
        }
        out
    }

    fn verbs(text: &str) -> VerbDictionary {
        VerbDictionary::parse("t.verbs", text.as_bytes(), LoadOptions::lenient()).unwrap()
    }

    #[test]
    fn synset_members_expand_as_the_prefix_product_did() {
        let dict = verbs(
            "&A\n+RED\n+DARK BLUE\n+&B GREEN\n\n&B\n+ONE\n+TWO\n+THREE\n\n&MANY\n+&B &B &B &B &B &B\n+&A &A &A &A\n\n\
             &SELF\n+&SELF WORD\n+PLAIN\n\n&MISSING\n+&NOWHERE X\n+Y\n\n&AGAIN\n+ONE\n\n&AGAIN\n+TWO\n+&AGAIN &A\n\n\
             --- ABANDON [345] ---\nABANDON\n- * &A [003]\n",
        );
        assert_eq!(dict.synsets.len(), 6, "{:?}", dict.warnings);
        let mut expander = Expander::new(&dict);
        let mut checked = 0;
        for s in &dict.synsets {
            for m in &s.members {
                for depth in 0..5 {
                    assert_eq!(
                        expander.member(&m.elems, depth),
                        reference(&dict, &m.elems, depth),
                        "&{} at depth {depth}",
                        s.name
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 50);
        // 3^6 combinations, the first 256 kept
        let many = &dict.synset("MANY").unwrap().members[0].elems;
        assert_eq!(expander.member(many, 0).len(), 256);
    }

    #[test]
    fn a_member_of_many_words_is_one_list_of_them() {
        let words: Vec<String> = (0..50_000).map(|i| format!("W{i}")).collect();
        let dict = verbs(&format!("&LONG_\n+{}\n+SHORT\n", words.join(" ")));
        let d = Dictionaries::from_parts(&[dict], &[], &[], &[]).unwrap();
        let long = &d.synsets["LONG"];
        assert_eq!(long.len(), 2);
        assert_eq!(long[0].len(), 50_000);
        assert_eq!(long[0][49_999], "W49999");
    }

    #[test]
    fn discards_compile_to_a_matcher_of_bounded_size() {
        use crate::kb::petrarch::DiscardList;
        // one long phrase: the automaton the crate picks for few phrases (a DFA) took some
        // 128 bytes per byte of phrase
        let phrase: Vec<String> = (0..20_000).map(|i| format!("W{i}")).collect();
        let text = format!("{}\nMONTHS LATER\n", phrase.join(" "));
        let list = DiscardList::parse("d.txt", text.as_bytes(), LoadOptions::lenient()).unwrap();
        let d = Dictionaries::from_parts(&[], &[], &[], &[list]).unwrap();
        let m = &d.discard_matchers[0];
        assert_eq!(d.discard_matchers.len(), 1);
        assert!(
            m.memory_usage() <= 20 * text.len(),
            "{} bytes for {} bytes of phrases",
            m.memory_usage(),
            text.len()
        );
        assert_eq!(m.find("SIX MONTHS LATER").map(|x| x.pattern().as_usize()), Some(1));
    }

    #[test]
    fn many_discards_are_matched_in_groups_as_by_one_matcher() {
        use crate::coder::petrarch::DictionaryCoder;
        use crate::kb::petrarch::DiscardList;
        // numbered phrases (one automaton over 140,000 of them took 14 s to build) and a story
        // discard in the last group
        let mut text: String = (0..5_000).map(|k| format!("CAF\u{c9}{k}_\n")).collect();
        text.push_str("+TRANSFER WINDOW\n");
        let list = DiscardList::parse("d.txt", text.as_bytes(), LoadOptions::lenient()).unwrap();
        let d = Dictionaries::from_parts(&[], &[], &[], &[list]).unwrap();
        assert_eq!(d.discard_matchers.len(), 5_001usize.div_ceil(DISCARDS_PER_MATCHER));
        let coder = DictionaryCoder::new(d);
        let found = |s: &str| coder.discard(s).unwrap_or_default();
        assert!(
            found("A CAF\u{c9}4321 RESULT").ends_with("d.txt:4322 CAF\u{c9}4321"),
            "{}",
            found("CAF\u{c9}4321")
        );
        // whole words: CAFÉ4321 is not found in CAFÉ43210
        assert_eq!(found("CAF\u{c9}43210."), "");
        // the story discard wins over the sentence discards, wherever its group
        assert!(
            found("CAF\u{c9}7 AND THE TRANSFER WINDOW").ends_with("d.txt:5001 TRANSFER WINDOW"),
            "{}",
            found("CAF\u{c9}7 AND THE TRANSFER WINDOW")
        );
        assert_eq!(coder.discard("Nothing to see"), None);
    }
}
