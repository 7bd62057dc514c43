//! Coding the linear form with compiled dictionaries, as PETRARCH-1/TABARI do: each noun
//! phrase gets the code of the first actor in it plus its agents; each verb phrase's verb is
//! looked up, its patterns matched against the words before it (upper, read backwards) and
//! inside its phrase (lower); source and target come from the pattern's `$`/`+`/`%` or the
//! first coded phrases around the verb.

use super::compile::{Dictionaries, NamePattern, Pattern, Tok};
use super::linear::{close_of, Item};
use crate::kb::petrarch::{Join, Placement};
use chrono::NaiveDate;

/// Coding options that validation records may change (`<Config option value>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodingOptions {
    /// Drop events whose source or target is the null code `---` (default true).
    pub require_dyad: bool,
    /// When no actor or agent codes a phrase of fewer than this many words, use the phrase
    /// itself in quotes as its code (0, the default: no).
    pub new_actor_length: usize,
    /// Comma-clause removal limits.
    pub commas: super::linear::CommaOptions,
}

impl Default for CodingOptions {
    fn default() -> Self {
        CodingOptions {
            require_dyad: true,
            new_actor_length: 0,
            commas: Default::default(),
        }
    }
}

/// One coded event with the evidence behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictEvent {
    /// Source code (`ARNGOV`, `---` unknown, or a quoted phrase).
    pub source: String,
    /// Target code.
    pub target: String,
    /// Event code as the dictionary gives it (`032`, `1711`).
    pub code: String,
    /// The verb word.
    pub verb: String,
    /// The pattern that matched (`- * DIPLOMATIC  [064]`), or `verb default` with its file:line.
    pub pattern: String,
    /// Dictionary entries used for the source and the target (`file:line NAME`).
    pub entries: Vec<String>,
    /// True when the verb was passive and source and target were swapped.
    pub passive: bool,
    /// Index in the linear form of the source's noun phrase (`Open("NE")`).
    pub source_at: usize,
    /// Index of the target's noun phrase.
    pub target_at: usize,
}

/// A coded noun phrase: code and the entries that made it.
#[derive(Clone, Debug, Default)]
struct NeCode {
    code: String,
    entries: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Seq {
    Word(String),
    /// An `NE` opening: its index in the item list.
    NeOpen(usize),
    NeClose,
    NecOpen(usize),
    NecClose,
}

/// Where a source or target was found: the item index of its `NE` or `NEC`.
type Loc = usize;

struct Ctx<'a> {
    dicts: &'a Dictionaries,
    items: Vec<Item>,
    codes: std::collections::HashMap<usize, NeCode>,
}

/// Matches a dictionary phrase at the start of `frag`: the number of words it spans.
fn phrase_match(p: &NamePattern, frag: &[String]) -> Option<usize> {
    if p.rest.is_empty() {
        return Some(1);
    }
    let mut kf = 1;
    let mut kp = 0;
    let mut join = p.rest[0].1;
    while kp < p.rest.len() {
        if kf >= frag.len() {
            return None;
        }
        if frag[kf] == p.rest[kp].0 {
            kf += 1;
            kp += 1;
            if kp >= p.rest.len() {
                return Some(kf);
            }
            join = p.rest[kp].1;
        } else if join == Join::Adjacent {
            return None;
        } else {
            kf += 1;
        }
    }
    Some(kf)
}

impl Ctx<'_> {
    /// Code of a noun phrase's words: the first actor, then every agent (first match per word).
    fn code_phrase(&self, words: &[String], date: Option<NaiveDate>, opt: &CodingOptions) -> NeCode {
        let d = self.dicts;
        let mut actor: Option<(String, String)> = None;
        'outer: for k in 0..words.len() {
            if let Some(list) = d.actor_index.get(&words[k]) {
                for p in list {
                    if phrase_match(p, &words[k..]).is_some() {
                        let e = &d.actors[p.entry].entry;
                        actor = Some((
                            d.actor_code(p.entry, date),
                            format!("{}:{} {}", e.origin.file, p.line, p.text),
                        ));
                        break 'outer;
                    }
                }
            }
        }
        // Agents: the first (longest) phrase at each word; the words of a matched phrase are
        // not searched again ("main opposition group" is MOP, not MOP + OPP).
        let mut agents: Vec<(usize, String)> = Vec::new();
        let mut k = 0;
        while k < words.len() {
            let hit = d
                .agent_index
                .get(&words[k])
                .and_then(|list| list.iter().find_map(|p| phrase_match(p, &words[k..]).map(|n| (p, n))));
            if let Some((p, n)) = hit {
                let a = &d.agents[p.entry];
                agents.push((p.entry, format!("{}:{} {}", a.origin.file, p.line, p.text)));
                k += n.max(1);
            } else {
                k += 1;
            }
        }
        let mut entries = Vec::new();
        if agents.is_empty() {
            return match actor {
                Some((code, e)) => NeCode { code, entries: vec![e] },
                None => {
                    let n = words.len();
                    if opt.new_actor_length > 0 && n > 0 && n - 1 < opt.new_actor_length {
                        NeCode {
                            code: format!("\"{}\"", words.join(" ")),
                            entries,
                        }
                    } else {
                        NeCode {
                            code: "---".into(),
                            entries,
                        }
                    }
                }
            };
        }
        let mut code = match actor {
            Some((c, e)) => {
                entries.push(e);
                c
            }
            None => "---".to_string(),
        };
        for (idx, e) in agents {
            let a = &d.agents[idx];
            let agc = &a.code;
            let len = agc.len().max(1);
            // An agent code already present (at a 3-character boundary) ends the assembly.
            let mut k = 0;
            let mut dup = false;
            while k + len <= code.len() {
                if code.get(k..k + len) == Some(agc.as_str()) {
                    dup = true;
                    break;
                }
                k += 3;
            }
            if dup {
                break;
            }
            code = match a.placement {
                Placement::AfterActor => format!("{code}{agc}"),
                Placement::BeforeActor => format!("{agc}{code}"),
            };
            entries.push(e);
        }
        NeCode { code, entries }
    }

    fn assign_codes(&mut self, date: Option<NaiveDate>, opt: &CodingOptions) {
        let mut k = 0;
        while k < self.items.len() {
            if self.items[k].is_open("NE") {
                let end = close_of(&self.items, k);
                let words: Vec<String> = self.items[k + 2..end]
                    .iter()
                    .filter_map(|i| i.word().map(str::to_string))
                    .collect();
                let c = self.code_phrase(&words, date, opt);
                if let Some(Item::Word(w)) = self.items.get_mut(k + 1) {
                    *w = c.code.clone();
                }
                self.codes.insert(k, c);
                k = end;
            }
            k += 1;
        }
    }

    fn ne_code(&self, at: usize) -> &str {
        match self.items.get(at + 1) {
            Some(Item::Word(w)) => w,
            _ => "---",
        }
    }

    /// Codes of the phrase at `loc`: one per member of a compound.
    fn loc_codes(&self, loc: Loc) -> Vec<(String, Vec<String>, usize)> {
        if self.items[loc].is_open("NEC") {
            let end = close_of(&self.items, loc);
            let mut out = Vec::new();
            let mut k = loc + 1;
            while k < end {
                if self.items[k].is_open("NE") {
                    out.push((self.ne_code(k).to_string(), self.entries(k), k));
                    k = close_of(&self.items, k);
                }
                k += 1;
            }
            out
        } else {
            vec![(self.ne_code(loc).to_string(), self.entries(loc), loc)]
        }
    }

    fn entries(&self, at: usize) -> Vec<String> {
        self.codes.get(&at).map(|c| c.entries.clone()).unwrap_or_default()
    }

    /// Words before the verb back to the start or the nearest comma (nearest first), and the
    /// words of the verb phrase after it.
    fn sequences(&self, verb: usize, vp_end: usize) -> (Vec<Seq>, Vec<Seq>) {
        let mut up = Vec::new();
        let mut k = verb;
        while k > 2 {
            k -= 1;
            match &self.items[k] {
                Item::Close(l) if l == "," => break,
                Item::Open(l) if l == "NE" => {
                    up.pop(); // the code
                    up.push(Seq::NeOpen(k));
                }
                Item::Close(l) if l == "NE" => up.push(Seq::NeClose),
                Item::Open(l) if l == "NEC" => up.push(Seq::NecOpen(k)),
                Item::Close(l) if l == "NEC" => up.push(Seq::NecClose),
                Item::Word(w) => up.push(Seq::Word(w.clone())),
                _ => {}
            }
        }
        let mut low = Vec::new();
        let mut k = verb + 1;
        while k < vp_end {
            match &self.items[k] {
                Item::Open(l) if l == "NE" => {
                    low.push(Seq::NeOpen(k));
                    k += 1; // skip the code
                }
                Item::Close(l) if l == "NE" => low.push(Seq::NeClose),
                Item::Open(l) if l == "NEC" => low.push(Seq::NecOpen(k)),
                Item::Close(l) if l == "NEC" => low.push(Seq::NecClose),
                Item::Word(w) => low.push(Seq::Word(w.clone())),
                _ => {}
            }
            k += 1;
        }
        (up, low)
    }

    fn syn_match(&self, name: &str, seq: &[Seq], k: &mut usize, upper: bool) -> bool {
        let Some(members) = self.dicts.synsets.get(name) else {
            return false;
        };
        for m in members {
            let n = m.len();
            if n == 0 || *k + n > seq.len() {
                continue;
            }
            let ok = (0..n).all(|i| {
                let want = if upper { &m[n - 1 - i] } else { &m[i] };
                matches!(&seq[*k + i], Seq::Word(w) if w == want)
            });
            if ok {
                *k += n - 1;
                return true;
            }
        }
        false
    }

    /// Matches one side of a pattern; sets `src`/`tgt` for `$`, `+` and `%`.
    fn match_side(
        &self,
        pat: &[(Tok, bool)],
        seq: &[Seq],
        upper: bool,
        src: &mut Option<Loc>,
        tgt: &mut Option<Loc>,
    ) -> bool {
        if pat.is_empty() {
            return true;
        }
        let mut kp = 0;
        let mut ks = 0;
        let mut inside: Option<Loc> = None;
        let opens_ne = |s: &Seq| {
            if upper {
                matches!(s, Seq::NeClose)
            } else {
                matches!(s, Seq::NeOpen(_))
            }
        };
        // Locate the NE around position `ks` (its opening item).
        let ne_at = |ks: usize| -> Option<Loc> {
            if upper {
                seq[ks..]
                    .iter()
                    .find_map(|s| if let Seq::NeOpen(l) = s { Some(*l) } else { None })
            } else {
                seq[..=ks]
                    .iter()
                    .rev()
                    .find_map(|s| if let Seq::NeOpen(l) = s { Some(*l) } else { None })
            }
        };
        while kp < pat.len() {
            if ks >= seq.len() {
                return false;
            }
            let (tok, tight) = &pat[kp];
            let gap_ok = !tight;
            let at_compound = if upper {
                matches!(seq[ks], Seq::NecClose)
            } else {
                matches!(seq[ks], Seq::NecOpen(_))
            };
            if at_compound && matches!(tok, Tok::Compound | Tok::Source | Tok::Target) {
                // A compound phrase as a whole.
                let loc = if upper {
                    seq[ks..]
                        .iter()
                        .find_map(|s| if let Seq::NecOpen(l) = s { Some(*l) } else { None })
                } else if let Seq::NecOpen(l) = seq[ks] {
                    Some(l)
                } else {
                    None
                };
                let Some(loc) = loc else { return false };
                match tok {
                    Tok::Compound => {
                        *src = Some(loc);
                        *tgt = Some(loc);
                    }
                    Tok::Source => *src = Some(loc),
                    _ => *tgt = Some(loc),
                }
                let close = |s: &Seq| {
                    if upper {
                        matches!(s, Seq::NecOpen(_))
                    } else {
                        matches!(s, Seq::NecClose)
                    }
                };
                while ks < seq.len() && !close(&seq[ks]) {
                    ks += 1;
                }
                kp += 1;
                if kp >= pat.len() {
                    return true;
                }
                ks += 1;
                continue;
            }
            match &seq[ks] {
                Seq::NeOpen(_) | Seq::NeClose => {
                    inside = if opens_ne(&seq[ks]) { ne_at(ks) } else { None };
                    ks += 1;
                    continue;
                }
                Seq::NecOpen(_) | Seq::NecClose => {
                    ks += 1;
                    continue;
                }
                Seq::Word(w) => {
                    let matched = match tok {
                        Tok::Source | Tok::Target | Tok::Skip | Tok::Compound => {
                            if let Some(loc) = inside {
                                match tok {
                                    Tok::Source => *src = Some(loc),
                                    Tok::Target => *tgt = Some(loc),
                                    Tok::Compound => return false,
                                    _ => {}
                                }
                                // Past the phrase.
                                let end = |s: &Seq| {
                                    if upper {
                                        matches!(s, Seq::NeOpen(_))
                                    } else {
                                        matches!(s, Seq::NeClose)
                                    }
                                };
                                while ks < seq.len() && !end(&seq[ks]) {
                                    ks += 1;
                                }
                                inside = None;
                                true
                            } else {
                                false
                            }
                        }
                        Tok::Synset(name) => self.syn_match(name, seq, &mut ks, upper),
                        Tok::Word(p) => p == w,
                    };
                    if matched {
                        kp += 1;
                        if kp >= pat.len() {
                            return true;
                        }
                        ks += 1;
                    } else if gap_ok {
                        ks += 1;
                    } else {
                        return false;
                    }
                }
            }
        }
        true
    }

    fn is_coded(&self, s: &Seq) -> bool {
        matches!(s, Seq::NeOpen(l) if !self.ne_code(*l).starts_with("---"))
    }

    fn find_source(&self, up: &[Seq]) -> Option<Loc> {
        for s in up.iter().rev() {
            match s {
                Seq::NecOpen(l) => return Some(*l),
                Seq::NeOpen(l) if self.is_coded(s) => return Some(*l),
                _ => {}
            }
        }
        up.iter()
            .rev()
            .find_map(|s| if let Seq::NeOpen(l) = s { Some(*l) } else { None })
    }

    fn find_target(&self, up: &[Seq], low: &[Seq], src: Loc) -> Option<Loc> {
        let sc = self.loc_codes(src);
        let single = if sc.len() == 1 { Some(sc[0].0.clone()) } else { None };
        let differs = |l: usize| single.as_deref() != Some(self.ne_code(l));
        // A compound counts as a coded phrase (all its members become targets).
        let lower_coded = low
            .iter()
            .find_map(|s| match s {
                Seq::NecOpen(l) => Some(*l),
                Seq::NeOpen(l) if self.is_coded(s) && differs(*l) => Some(*l),
                _ => None,
            })
            .or_else(|| {
                low.iter().find_map(|s| match s {
                    Seq::NeOpen(l) if !self.is_coded(s) => Some(*l),
                    _ => None,
                })
            });
        lower_coded
            .or_else(|| {
                up.iter().find_map(|s| match s {
                    Seq::NecOpen(l) if *l != src => Some(*l),
                    Seq::NeOpen(l) if self.is_coded(s) && differs(*l) => Some(*l),
                    _ => None,
                })
            })
            .or_else(|| {
                up.iter().find_map(|s| match s {
                    Seq::NeOpen(l) if !self.is_coded(s) && *l != src => Some(*l),
                    _ => None,
                })
            })
    }

    /// A verb phrase at `vp` is passive when a past participle inside it is followed by "by"
    /// and preceded by was/is/been: returns the participle's item index.
    fn passive_verb(&self, vp: usize, end: usize) -> Option<usize> {
        let items = &self.items;
        let vbn = (vp + 3..end).find(|&k| items[k].is_open("VBN"))?;
        let vbn_close = (vbn..end).find(|&k| items[k].is_close("VBN"))?;
        if !items[vbn_close + 1..end].iter().any(|i| i.word() == Some("BY")) {
            return None;
        }
        let mut k = vbn_close.saturating_sub(3);
        while k > vp {
            if let Item::Close(l) = &items[k] {
                if l.starts_with("VB") && matches!(items[k - 1].word(), Some("WAS" | "IS" | "BEEN" | "WERE" | "ARE")) {
                    return Some(vbn + 1);
                }
            }
            k -= 1;
        }
        None
    }
}

/// Codes one sentence's linear form; `date` resolves dated actor codes.
pub fn code_items(
    dicts: &Dictionaries,
    items: Vec<Item>,
    date: Option<NaiveDate>,
    opt: &CodingOptions,
) -> (Vec<DictEvent>, Vec<Item>) {
    let mut cx = Ctx {
        dicts,
        items,
        codes: Default::default(),
    };
    cx.assign_codes(date, opt);
    let mut events: Vec<DictEvent> = Vec::new();
    let mut k = 2;
    while k < cx.items.len() {
        let is_vp =
            cx.items[k].is_open("VP") && matches!(cx.items.get(k + 1), Some(Item::Open(t)) if t.starts_with("VB"));
        if !is_vp {
            k += 1;
            continue;
        }
        let vp_end = close_of(&cx.items, k);
        let passive = cx.passive_verb(k, vp_end);
        let verb_at = passive.unwrap_or(k + 2);
        let Some(verb) = cx.items.get(verb_at).and_then(Item::word).map(str::to_string) else {
            k += 1;
            continue;
        };
        let Some(form) = dicts.verbs.get(&verb) else {
            k += 1;
            continue;
        };
        let (up, low) = cx.sequences(verb_at, vp_end);
        let present: rustc_hash::FxHashSet<&str> = up
            .iter()
            .chain(&low)
            .filter_map(|s| match s {
                Seq::Word(w) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        let mut found: Option<(String, String, Option<Loc>, Option<Loc>)> = None;
        for p in form.multi.iter().chain(&form.single).flat_map(|l| l.iter()) {
            if !p.words.iter().all(|w| present.contains(w.as_str())) {
                continue;
            }
            let (mut s, mut t) = (None, None);
            if cx.match_side(&p.upper, &up, true, &mut s, &mut t)
                && cx.match_side(&p.lower, &low, false, &mut s, &mut t)
            {
                found = Some((p.code.clone(), describe(p), s, t));
                break;
            }
        }
        if found.is_none() {
            if let Some((code, origin)) = &form.code {
                found = Some((code.clone(), format!("{origin} verb {verb} [{code}]"), None, None));
            }
        }
        if let Some((code, pattern, s, t)) = found {
            if code != "---" {
                let src = s.or_else(|| cx.find_source(&up));
                if let Some(src) = src {
                    let tgt = t.or_else(|| cx.find_target(&up, &low, src));
                    if let Some(tgt) = tgt {
                        let matched = Matched {
                            code: &code,
                            verb: &verb,
                            pattern: &pattern,
                            passive: passive.is_some(),
                        };
                        make_events(&cx, src, tgt, &matched, opt, &mut events);
                    }
                }
            }
            k = vp_end;
        }
        k += 1;
    }
    (events, cx.items)
}

fn describe(p: &Pattern) -> String {
    format!("{} {} [{}]", p.origin, p.text, p.code)
}

/// A verb pattern that matched: its code, the verb, the pattern as described, and whether
/// the verb is passive (source and target swapped).
struct Matched<'a> {
    code: &'a str,
    verb: &'a str,
    pattern: &'a str,
    passive: bool,
}

/// The events of pattern `m` between the phrases at `src` and `tgt`, added to `out` once each.
fn make_events(cx: &Ctx, src: Loc, tgt: Loc, m: &Matched, opt: &CodingOptions, out: &mut Vec<DictEvent>) {
    let Matched {
        code,
        verb,
        pattern,
        passive,
    } = *m;
    type Coded = Vec<(String, Vec<String>, usize)>;
    let expand = |v: Coded| -> Coded {
        v.into_iter()
            .flat_map(|(c, e, at)| {
                if c.contains('/') && !c.starts_with('"') {
                    c.split('/').map(|p| (p.to_string(), e.clone(), at)).collect::<Vec<_>>()
                } else {
                    vec![(c, e, at)]
                }
            })
            .collect()
    };
    let mut s = expand(cx.loc_codes(src));
    let mut t = expand(cx.loc_codes(tgt));
    if s.is_empty() || t.is_empty() {
        return;
    }
    let mut push = |ss: &Coded, ts: &Coded, c: &str| {
        for (sc, se, sat) in ss {
            for (tc, te, tat) in ts {
                if sc == tc {
                    continue;
                }
                let (a, b) = if passive { (tc, sc) } else { (sc, tc) };
                let (a_at, b_at) = if passive { (*tat, *sat) } else { (*sat, *tat) };
                if opt.require_dyad && (a == "---" || b == "---") {
                    continue;
                }
                let ev = DictEvent {
                    source: a.clone(),
                    target: b.clone(),
                    code: c.to_string(),
                    verb: verb.to_string(),
                    pattern: pattern.to_string(),
                    entries: if passive {
                        te.iter().chain(se)
                    } else {
                        se.iter().chain(te)
                    }
                    .cloned()
                    .collect(),
                    passive,
                    source_at: a_at,
                    target_at: b_at,
                };
                if !out
                    .iter()
                    .any(|e| e.source == ev.source && e.target == ev.target && e.code == ev.code)
                {
                    out.push(ev);
                }
            }
        }
    };
    if let Some((a, b)) = code.split_once(':') {
        if s[0].0 == "---" || t[0].0 == "---" {
            if t[0].0 == "---" {
                t = s.clone();
            } else {
                s = t.clone();
            }
        }
        push(&s, &t, a);
        push(&t, &s, b);
    } else {
        push(&s, &t, code);
    }
}
