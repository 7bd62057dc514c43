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
    ("groups.tsv", include_str!("../../../../data/kb/groups.tsv")),
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
        let (mut countries, mut organisations, mut people, mut agents) = (vec![], vec![], vec![], vec![]);
        let mut blocked = vec![];
        let mut places = vec![];
        for &(name, text) in files {
            let stem = name.rsplit('/').next().unwrap_or(name);
            if name.starts_with("people/") || stem.starts_with("people") {
                people.extend(load::people(name, text)?);
            } else if stem.starts_with("countries") {
                countries.extend(load::countries(name, text)?);
            } else if stem.starts_with("organisations") {
                organisations.extend(load::organisations(name, text)?);
            } else if stem.starts_with("groups") {
                people.extend(load::groups(name, text)?);
            } else if stem.starts_with("cities") || stem.starts_with("places") {
                places.extend(load::places(name, text)?);
            } else if stem.starts_with("blocklist") {
                blocked.extend(load::blocklist(name, text)?);
            } else if stem.starts_with("agents") {
                agents.extend(load::agents(name, text)?);
            } else {
                return Err(KbError::at(name, 0, "unknown kind of knowledge-base file".into()));
            }
        }
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
