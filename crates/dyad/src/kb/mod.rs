//! dyad's knowledge base: countries, capitals, demonyms, organisations, office-holders with
//! date ranges and agent words, read from the readable files under `data/kb/` and compiled
//! into one [`Lexicon`] that finds them in a sentence.

mod lexicon;
mod load;
pub mod petrarch;

pub use lexicon::{LexMatch, Lexicon, Term, TermKind};

use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;
use thiserror::Error;

/// A knowledge-base file that could not be read: names the file, the line and the problem.
#[derive(Debug, Error)]
#[error("{file}:{line}: {message}")]
pub struct KbError {
    /// The file.
    pub file: String,
    /// 1-based line (0 when the problem concerns the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl KbError {
    pub(crate) fn at(file: &str, line: usize, message: String) -> KbError {
        KbError {
            file: file.to_string(),
            line,
            message,
        }
    }
}

pub use crate::data::Source;

/// A state or territory.
#[derive(Clone, Debug, Serialize)]
pub struct Country {
    /// CAMEO country code ("TUR").
    pub code: String,
    /// ISO 3166-1 alpha-3, when one exists.
    pub iso3: Option<String>,
    /// `member`, `observer` or `territory`.
    pub kind: String,
    /// Common English name.
    pub name: String,
    /// Other names.
    pub variants: Vec<String>,
    /// Adjectives and demonyms.
    pub adjectives: Vec<String>,
    /// Capitals used as metonyms for the government.
    pub capitals: Vec<String>,
    /// Seats of government used as metonyms ("Kremlin").
    pub seats: Vec<String>,
    /// Where it was read.
    pub source: Source,
}

/// A city, region or other place, belonging to a state ("Kazan" → RUS).
#[derive(Clone, Debug, Serialize)]
pub struct Place {
    /// Common English name.
    pub name: String,
    /// Other spellings.
    pub variants: Vec<String>,
    /// CAMEO code of the state it belongs to.
    pub country: String,
    /// `city`, `port`, `region`, `town`, `island`, `base` or `site`.
    pub kind: String,
    /// Where it was read.
    pub source: Source,
}

/// An international organisation or multilateral format.
#[derive(Clone, Debug, Serialize)]
pub struct Organisation {
    /// CAMEO code ("IGOUNO").
    pub code: String,
    /// `igo`, `ngo` or `format`.
    pub kind: String,
    /// Common English name.
    pub name: String,
    /// Other names and acronyms.
    pub variants: Vec<String>,
    /// Adjectives.
    pub adjectives: Vec<String>,
    /// Member country codes, for formats.
    pub members: Vec<String>,
    /// Where it was read.
    pub source: Source,
}

/// One term of office of one person.
#[derive(Clone, Debug, Serialize)]
pub struct Person {
    /// Full name.
    pub name: String,
    /// Other names, including the bare surname where unambiguous.
    pub variants: Vec<String>,
    /// CAMEO actor code while in office ("TURGOV").
    pub code: String,
    /// The office ("foreign minister").
    pub role: String,
    /// The title news uses ("foreign minister", "president"), lower case.
    pub title: Option<String>,
    /// First day in office, if known.
    pub from: Option<NaiveDate>,
    /// Last day in office; `None` while in office.
    pub until: Option<NaiveDate>,
    /// An armed or political group (from `groups.tsv`), not a person.
    pub group: bool,
    /// Where it was read.
    pub source: Source,
}

impl Person {
    /// True when `date` falls inside this term.
    pub fn in_office(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

/// The term of office a matched name stands for on a date, and the actor code it gives
/// ([`KnowledgeBase::term_on`]).
#[derive(Clone, Debug)]
pub struct TermChoice<'a> {
    /// The term used: the one in office on the date, else the nearest one.
    pub person: &'a Person,
    /// The actor code on the date: the term's own code in office; the state's elite (`USAELI`)
    /// for a person of a state named outside all their terms; empty when there is none (a
    /// former head of an organisation only, or no date to choose by).
    pub code: String,
    /// For a person named outside all their terms, why they are coded so: "out of office on the
    /// article date: held head of state 1989-01-20..1993-01-20".
    pub note: Option<String>,
}

/// What an agent word names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgentKind {
    /// An office a person holds ("foreign minister").
    Title,
    /// An institution ("ministry", "army").
    Body,
    /// A kind of people ("rebels").
    Group,
}

/// An agent word and its CAMEO role code.
#[derive(Clone, Debug, Serialize)]
pub struct Agent {
    /// Lower-case singular phrase.
    pub phrase: String,
    /// Plural forms.
    pub plurals: Vec<String>,
    /// CAMEO role code ("GOV", "MIL").
    pub code: String,
    /// Title, body or group.
    pub kind: AgentKind,
    /// Words of other titles this one also names: "top diplomat" names the holder of a title
    /// containing "foreign" or "secretary of state".
    pub refers_to: Vec<String>,
    /// Where it was read.
    pub source: Source,
}

/// The whole knowledge base, compiled for matching.
#[derive(Debug)]
pub struct KnowledgeBase {
    /// States and territories.
    pub countries: Vec<Country>,
    /// Organisations and formats.
    pub organisations: Vec<Organisation>,
    /// Terms of office.
    pub people: Vec<Person>,
    /// Agent words.
    pub agents: Vec<Agent>,
    /// Cities and regions.
    pub places: Vec<Place>,
    /// Names that are not actors ("Latin America").
    pub blocked: Vec<String>,
    /// The compiled matcher over all names.
    pub lexicon: Lexicon,
    by_code: HashMap<String, usize>,
}

/// The files built into dyad, as (name, text).
pub const EMBEDDED_FILES: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../../../../data/kb/countries.tsv")),
    (
        "organisations.tsv",
        include_str!("../../../../data/kb/organisations.tsv"),
    ),
    ("agents.tsv", include_str!("../../../../data/kb/agents.tsv")),
    ("blocklist.tsv", include_str!("../../../../data/kb/blocklist.tsv")),
    ("people/g20.tsv", include_str!("../../../../data/kb/people/g20.tsv")),
    (
        "people/regional.tsv",
        include_str!("../../../../data/kb/people/regional.tsv"),
    ),
    (
        "people/officials.tsv",
        include_str!("../../../../data/kb/people/officials.tsv"),
    ),
    (
        "people/asia_africa.tsv",
        include_str!("../../../../data/kb/people/asia_africa.tsv"),
    ),
    (
        "people/europe_americas.tsv",
        include_str!("../../../../data/kb/people/europe_americas.tsv"),
    ),
    (
        "people/other_states.tsv",
        include_str!("../../../../data/kb/people/other_states.tsv"),
    ),
    (
        "people/ministers.tsv",
        include_str!("../../../../data/kb/people/ministers.tsv"),
    ),
    (
        "people/international.tsv",
        include_str!("../../../../data/kb/people/international.tsv"),
    ),
    (
        "people/group_leaders.tsv",
        include_str!("../../../../data/kb/people/group_leaders.tsv"),
    ),
    (
        "people/history.tsv",
        include_str!("../../../../data/kb/people/history.tsv"),
    ),
    ("groups.tsv", include_str!("../../../../data/kb/groups.tsv")),
    ("agencies.tsv", include_str!("../../../../data/kb/agencies.tsv")),
    ("cities.tsv", include_str!("../../../../data/kb/cities.tsv")),
];

impl KnowledgeBase {
    /// The knowledge base built into dyad (read and compiled once).
    pub fn embedded() -> &'static KnowledgeBase {
        static KB: OnceLock<KnowledgeBase> = OnceLock::new();
        KB.get_or_init(|| {
            KnowledgeBase::from_files(EMBEDDED_FILES)
                .unwrap_or_else(|e| panic!("the embedded knowledge base is broken: {e}"))
        })
    }

    /// Reads and compiles knowledge-base files given as (name, text). The kind of each file
    /// comes from its name: `countries`, `organisations`, `agents` or `people/...`.
    pub fn from_files(files: &[(&'static str, &str)]) -> Result<KnowledgeBase, KbError> {
        let mut parts = Parts::default();
        for &(name, text) in files {
            if let Some(e) = parts.read(name, name, text).into_iter().next() {
                return Err(e);
            }
        }
        parts.compile()
    }

    /// dyad's built-in files with the `.tsv` files under `dir` on top (same formats and file
    /// names as `data/kb/`, e.g. `people/ministers.tsv`): an entry of `dir` replaces the
    /// built-in entry with the same key (see [`Overlay`]), any other is added. Users fix
    /// stale actor lists this way without rebuilding dyad. The first bad line is an error.
    pub fn with_dir(dir: &Path) -> Result<KnowledgeBase, KbError> {
        let overlay = Overlay::read_dir(dir)?;
        if let Some(e) = overlay.problems.into_iter().next() {
            return Err(e);
        }
        let mut base = Parts::default();
        for &(name, text) in EMBEDDED_FILES {
            if let Some(e) = base.read(name, name, text).into_iter().next() {
                return Err(e);
            }
        }
        base.merge(overlay.parts);
        base.compile()
    }

    /// The country a place name stands for ("ANKARA", "Cairo, Egypt", "Kharkiv"): its first
    /// country, capital, seat or city name, if the knowledge base knows one.
    pub fn country_of_place(&self, name: &str) -> Option<&Country> {
        let mut spans = Vec::new();
        crate::text::token::tokenize(name, crate::text::Span::new(0, name.len()), &mut spans);
        self.lexicon.find(name, &spans).iter().find_map(|m| {
            m.terms.iter().find_map(|t| match t.kind {
                TermKind::CountryName | TermKind::Capital | TermKind::Seat | TermKind::CountryAdjective => {
                    self.countries.get(t.index as usize)
                }
                TermKind::Place => self.places.get(t.index as usize).and_then(|p| self.country(&p.country)),
                _ => None,
            })
        })
    }

    /// Chooses among the terms of office a name matched (`terms`, in knowledge-base order,
    /// not empty) the one it stands for on `date`. A term in office on the date gives its own
    /// code. A person of a state named outside all their terms (before the first or after the
    /// last, "former President Bush" in 2012, "Trump" in 2000) is one of that state's elite:
    /// the state of their nearest term (a term that ended before the date wins a tie), role
    /// ELI, with a note saying so. A group's period (from `groups.tsv`), or the leadership of a
    /// rebel group or an opposition (REB, OPP, CRM, INS), counts only once it has ended: a
    /// future rebel leader is not yet the state's elite. Without a date, the
    /// current term is chosen, else the first term without a code.
    pub fn term_on<'a>(&self, terms: &[&'a Person], date: Option<NaiveDate>) -> Option<TermChoice<'a>> {
        let first = *terms.first()?;
        let plain = |p: &'a Person| TermChoice {
            person: p,
            code: p.code.clone(),
            note: None,
        };
        let Some(d) = date else {
            return Some(match terms.iter().find(|p| p.until.is_none()) {
                Some(p) => plain(p),
                None => TermChoice {
                    person: first,
                    code: String::new(),
                    note: None,
                },
            });
        };
        if let Some(p) = terms.iter().find(|p| p.in_office(d)) {
            return Some(plain(p));
        }
        // days between the date and the term, and whether the term lies after the date; a
        // later term counts only if it is an office (not a group's period, nor the leadership of
        // a rebel group or an opposition: their leader before is not yet the state's elite)
        let office = |p: &Person| !p.group && !matches!(p.code.get(3..6), Some("REB" | "OPP" | "CRM" | "INS"));
        let gap = |p: &Person| -> Option<(i64, bool)> {
            match (p.from, p.until) {
                (_, Some(u)) if u < d => Some(((d - u).num_days(), false)),
                (Some(f), _) if d < f && office(p) => Some(((f - d).num_days(), true)),
                _ => None,
            }
        };
        let nearest = |of_state: bool| {
            terms
                .iter()
                .copied()
                .filter(|p| self.country_of_code(&p.code).is_some() == of_state)
                .filter_map(|p| gap(p).map(|g| (g, p)))
                .min_by_key(|&(g, _)| g)
                .map(|(_, p)| p)
        };
        let note = |p: &Person| {
            let from = p.from.map(|f| f.to_string()).unwrap_or_default();
            Some(match p.from {
                Some(f) if d < f => format!(
                    "out of office on the article date: took office as {} only on {from}",
                    p.role
                ),
                _ => format!(
                    "out of office on the article date: held {} {from}..{}",
                    p.role,
                    p.until.map(|u| u.to_string()).unwrap_or_default()
                ),
            })
        };
        if let Some(p) = nearest(true) {
            return Some(TermChoice {
                person: p,
                code: format!("{}ELI", &p.code[..3]),
                note: note(p),
            });
        }
        // a former head of an organisation only is a named person without a code
        Some(match nearest(false) {
            Some(p) => TermChoice {
                person: p,
                code: String::new(),
                note: note(p),
            },
            None => TermChoice {
                person: first,
                code: String::new(),
                note: None,
            },
        })
    }

    /// The country with this CAMEO code.
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code).map(|&i| &self.countries[i])
    }

    /// The ISO 3166 alpha-3 code of the country that an actor code starts with
    /// ("TURGOV" → "TUR"), if it names a known country.
    pub fn country_of_code(&self, code: &str) -> Option<&Country> {
        code.get(..3).and_then(|c| self.country(c))
    }
}

/// The entries of knowledge-base files, before compiling.
#[derive(Default)]
struct Parts {
    countries: Vec<Country>,
    organisations: Vec<Organisation>,
    people: Vec<Person>,
    agents: Vec<Agent>,
    places: Vec<Place>,
    blocked: Vec<String>,
}

impl Parts {
    /// Reads one file whose kind comes from `name` (a path relative to the knowledge-base
    /// folder); its entries cite `shown`. Returns the lines that could not be read.
    fn read(&mut self, name: &str, shown: &'static str, text: &str) -> Vec<KbError> {
        let stem = name.rsplit('/').next().unwrap_or(name);
        macro_rules! take {
            ($into:expr, $loaded:expr) => {{
                let l = $loaded;
                $into.extend(l.items);
                l.errors
            }};
        }
        if name.starts_with("people/") || stem.starts_with("people") {
            take!(self.people, load::people(shown, text))
        } else if stem.starts_with("countries") {
            take!(self.countries, load::countries(shown, text))
        } else if stem.starts_with("organisations") {
            take!(self.organisations, load::organisations(shown, text))
        } else if stem.starts_with("groups") || stem.starts_with("agencies") {
            // national bodies named by name or acronym ("ICE", "the Pentagon", "ISPR") are read
            // like groups: an actor code of a state and a role, with dates where they changed
            take!(self.people, load::groups(shown, text))
        } else if stem.starts_with("cities") || stem.starts_with("places") {
            take!(self.places, load::places(shown, text))
        } else if stem.starts_with("blocklist") {
            take!(self.blocked, load::blocklist(shown, text))
        } else if stem.starts_with("agents") {
            take!(self.agents, load::agents(shown, text))
        } else {
            vec![KbError::at(
                shown,
                0,
                "unknown kind of knowledge-base file: name it countries, organisations, agents, groups, \
                 agencies, cities, places, blocklist or people/... (.tsv)"
                    .into(),
            )]
        }
    }

    /// Puts `overlay`'s entries on top: each replaces the entry with the same key in place
    /// (keeping the order of the rest), or is added at the end. Returns how many replaced one.
    fn merge(&mut self, overlay: Parts) -> usize {
        fn put<T>(base: &mut Vec<T>, items: Vec<T>, key: impl Fn(&T) -> String) -> usize {
            let mut at: HashMap<String, usize> = base.iter().enumerate().map(|(i, b)| (key(b), i)).collect();
            let mut replaced = 0;
            for item in items {
                match at.get(&key(&item)) {
                    Some(&i) => {
                        base[i] = item;
                        replaced += 1;
                    }
                    None => {
                        at.insert(key(&item), base.len());
                        base.push(item);
                    }
                }
            }
            replaced
        }
        put(&mut self.countries, overlay.countries, Overlay::country_key)
            + put(
                &mut self.organisations,
                overlay.organisations,
                Overlay::organisation_key,
            )
            + put(&mut self.people, overlay.people, Overlay::person_key)
            + put(&mut self.agents, overlay.agents, Overlay::agent_key)
            + put(&mut self.places, overlay.places, Overlay::place_key)
            + put(&mut self.blocked, overlay.blocked, |b| b.to_lowercase())
    }

    /// Checks the entries against each other and compiles the lexicon.
    fn compile(self) -> Result<KnowledgeBase, KbError> {
        let Parts {
            countries,
            organisations,
            people,
            agents,
            places,
            blocked,
        } = self;
        let mut by_code = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            if by_code.insert(c.code.clone(), i).is_some() {
                return Err(KbError::at(
                    c.source.file,
                    c.source.line,
                    format!("duplicate country code {}", c.code),
                ));
            }
        }
        for p in &places {
            if !by_code.contains_key(&p.country) {
                return Err(KbError::at(
                    p.source.file,
                    p.source.line,
                    format!("unknown country code {}", p.country),
                ));
            }
        }
        let lexicon = Lexicon::build(&countries, &organisations, &people, &agents, &places, &blocked);
        Ok(KnowledgeBase {
            countries,
            organisations,
            people,
            agents,
            places,
            blocked,
            lexicon,
            by_code,
        })
    }
}

/// Knowledge-base files read from a folder, to put on top of the built-in ones
/// ([`KnowledgeBase::with_dir`]) or to check ([`Overlay::check`]).
///
/// An entry replaces the built-in entry with the same key: a country by its code, an
/// organisation by code and name, an agent word by its phrase, an office-holder's term by
/// name, code and first day (so a line with the same three and an `until` date ends a term),
/// a group's period by name and first day, a place by name and country. Other entries are
/// added.
pub struct Overlay {
    parts: Parts,
    /// Files read, as shown in errors and evidence.
    pub files: Vec<String>,
    /// Every problem found: unreadable files, bad lines, files of no known kind.
    pub problems: Vec<KbError>,
}

impl Overlay {
    fn country_key(c: &Country) -> String {
        c.code.clone()
    }
    fn organisation_key(o: &Organisation) -> String {
        format!("{}\t{}", o.code, o.name.to_lowercase())
    }
    fn person_key(p: &Person) -> String {
        match p.group {
            true => format!("group\t{}\t{:?}", p.name.to_lowercase(), p.from),
            false => format!("{}\t{}\t{:?}", p.name.to_lowercase(), p.code, p.from),
        }
    }
    fn agent_key(a: &Agent) -> String {
        a.phrase.to_lowercase()
    }
    fn place_key(p: &Place) -> String {
        format!("{}\t{}", p.name.to_lowercase(), p.country)
    }

    /// Reads every `.tsv` file under `dir` (in sorted order), keeping every problem.
    /// A missing or unreadable folder is an error.
    pub fn read_dir(dir: &Path) -> Result<Overlay, KbError> {
        let shown = dir.display().to_string();
        if !dir.is_dir() {
            return Err(KbError::at(
                &shown,
                0,
                "not a folder of knowledge-base .tsv files".into(),
            ));
        }
        let mut files = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        let mut problems = Vec::new();
        while let Some(d) = stack.pop() {
            let entries = std::fs::read_dir(&d).map_err(|e| KbError::at(&d.display().to_string(), 0, e.to_string()))?;
            for entry in entries {
                let path = match entry {
                    Ok(e) => e.path(),
                    Err(e) => {
                        problems.push(KbError::at(&d.display().to_string(), 0, e.to_string()));
                        continue;
                    }
                };
                if path.is_dir() {
                    // a folder reached through a symbolic link is not followed (no loops)
                    if !path.is_symlink() {
                        stack.push(path);
                    }
                } else if path.extension().is_some_and(|x| x == "tsv") {
                    files.push(path);
                }
            }
        }
        files.sort();
        let mut parts = Parts::default();
        let mut names = Vec::new();
        for path in files {
            let rel = path.strip_prefix(dir).unwrap_or(&path);
            let name: String = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            // Entries keep the file they came from for every event's evidence: the name is
            // leaked once per file, as the built-in names are static.
            let shown: &'static str = Box::leak(path.display().to_string().into_boxed_str());
            match std::fs::read(&path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => problems.extend(parts.read(&name, shown, &text)),
                    Err(e) => problems.push(KbError::at(
                        shown,
                        0,
                        format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to()),
                    )),
                },
                Err(e) => problems.push(KbError::at(shown, 0, format!("cannot read: {e}"))),
            }
            names.push(shown.to_string());
        }
        Ok(Overlay {
            parts,
            files: names,
            problems,
        })
    }

    /// Checks the folder's files as they would be put on top of the built-in ones: every bad
    /// line, and what the compiled whole refuses (a place in an unknown country, a country
    /// code defined twice). Returns what the overlay adds and replaces.
    pub fn check(dir: &Path) -> Result<OverlayReport, KbError> {
        let overlay = Overlay::read_dir(dir)?;
        let mut problems = overlay.problems;
        let mut base = Parts::default();
        for &(name, text) in EMBEDDED_FILES {
            base.read(name, name, text);
        }
        let o = &overlay.parts;
        let entries = o.countries.len()
            + o.organisations.len()
            + o.people.len()
            + o.agents.len()
            + o.places.len()
            + o.blocked.len();
        let replaced = base.merge(overlay.parts);
        let added = entries - replaced;
        if let Err(e) = base.compile() {
            problems.push(e);
        }
        Ok(OverlayReport {
            files: overlay.files,
            added,
            replaced,
            problems,
        })
    }
}

/// What [`Overlay::check`] found.
#[derive(Debug)]
pub struct OverlayReport {
    /// The files read.
    pub files: Vec<String>,
    /// Entries that add to the built-in knowledge base.
    pub added: usize,
    /// Entries that replace a built-in one.
    pub replaced: usize,
    /// Every problem, each naming its file and line.
    pub problems: Vec<KbError>,
}

/// Normalises one token for matching: lower case, common diacritics folded, curly
/// apostrophes made straight.
pub fn normalize(token: &str, out: &mut String) {
    if token.is_ascii() && !token.contains('`') {
        let start = out.len();
        out.push_str(token);
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in token.chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ă' | 'ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => {
                'a'
            }
            'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
            'ď' | 'đ' | 'Đ' => 'd',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ə' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ə' => 'e',
            'ğ' | 'Ğ' => 'g',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ı' | 'İ' | 'Í' | 'Î' | 'Ï' => 'i',
            'ł' | 'Ł' => 'l',
            'ñ' | 'ń' | 'ň' | 'Ñ' => 'n',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ő' | 'Ó' | 'Ö' | 'Ø' | 'Ô' => 'o',
            'ř' | 'Ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => 's',
            'ť' | 'ţ' | 'ț' | 'Ţ' | 'Ț' => 't',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ú' | 'Ü' | 'Û' => 'u',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'ž' | 'ź' | 'ż' | 'Ž' | 'Ź' | 'Ż' => 'z',
            '’' | '‘' | 'ʼ' | '`' => '\'',
            _ => {
                out.extend(c.to_lowercase());
                continue;
            }
        };
        out.push(folded);
    }
}

/// [`normalize`] into a new string.
pub fn normalized(token: &str) -> String {
    let mut s = String::with_capacity(token.len());
    normalize(token, &mut s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_case() {
        assert_eq!(normalized("Erdoğan"), "erdogan");
        assert_eq!(normalized("Türkiye"), "turkiye");
        assert_eq!(normalized("Élysée"), "elysee");
        assert_eq!(normalized("İstanbul"), "istanbul");
        assert_eq!(normalized("Zelensky’s"), "zelensky's");
    }

    #[test]
    fn terms_of_office_respect_dates() {
        let kb = KnowledgeBase::embedded();
        let lula: Vec<&Person> = kb
            .people
            .iter()
            .filter(|p| p.variants.iter().any(|v| v == "Lula"))
            .collect();
        assert!(lula.len() >= 2, "Lula has two terms");
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(lula.iter().any(|p| p.in_office(d(2005, 6, 1))));
        assert!(!lula.iter().any(|p| p.in_office(d(2015, 6, 1))));
        assert!(lula.iter().any(|p| p.in_office(d(2024, 6, 1))));
    }

    #[test]
    fn embedded_kb_covers_the_un() {
        let kb = KnowledgeBase::embedded();
        let members = kb.countries.iter().filter(|c| c.kind == "member").count();
        assert_eq!(members, 193);
        assert!(kb.countries.iter().filter(|c| c.kind == "observer").count() >= 2);
        for code in ["TUR", "AZE", "ARM", "GEO", "IRN", "RUS", "USA", "CHN", "PSE", "VAT"] {
            assert!(kb.country(code).is_some(), "{code}");
        }
        for code in ["IGOUNO", "IGOWSTNAT"] {
            assert!(kb.organisations.iter().any(|o| o.code == code), "{code}");
        }
    }
}
