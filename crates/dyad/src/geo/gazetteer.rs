//! The gazetteer: countries, first-level regions (ADM1) and places of 15,000 people or more,
//! from GeoNames (`data/geo/places.tsv`, built by `scripts/gazetteer.py`), with every name and
//! alternate name compiled into one index over normalised tokens (the tokens of
//! [`crate::text::token`], folded as the knowledge base folds them), so a sentence is matched
//! with one hash look-up per token.

use crate::data;
use crate::kb::normalize;
use crate::text::{token, Span};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The gazetteer file, embedded.
const PLACES: &str = include_str!("../../../../data/geo/places.tsv");
/// Names that are places in GeoNames but rarely in news (`data/geo/not_places.tsv`).
const NOT_PLACES: &str = include_str!("../../../../data/geo/not_places.tsv");

/// What kind of place an entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// A populated place (city, town) of 15,000 people or more.
    City,
    /// A first-level administrative division (province, state, oblast, governorate).
    Adm1,
    /// A country or territory.
    Country,
}

impl PlaceKind {
    /// The name in the data and the output: "city", "adm1", "country".
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::City => "city",
            PlaceKind::Adm1 => "adm1",
            PlaceKind::Country => "country",
        }
    }
}

/// One place of the gazetteer.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// GeoNames id (countries and places), or `ISO2.code` for an ADM1 region ("UA.07").
    pub id: String,
    /// GeoNames name.
    pub name: String,
    /// City, ADM1 or country.
    pub kind: PlaceKind,
    /// ISO 3166-1 alpha-3 code of its country.
    pub country: String,
    /// Its ADM1 code within the country (GeoNames admin1 code), if known.
    pub adm1: Option<String>,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
    /// Population (an ADM1's: of its places in the gazetteer).
    pub population: u64,
    /// The country's FIPS 10-4 code (GDELT's country codes), if known.
    pub fips: Option<String>,
    /// 1-based line in `places.tsv`.
    pub line: usize,
}

impl Place {
    /// GDELT's ADM1 code: the FIPS country code followed by the ADM1 code ("UP07"), or the
    /// FIPS country code alone for a country.
    pub fn gdelt_adm1(&self) -> Option<String> {
        let fips = self.fips.as_deref()?;
        match (&self.kind, self.adm1.as_deref()) {
            (PlaceKind::Country, _) => Some(fips.to_string()),
            (_, Some(code)) => Some(format!("{fips}{code}")),
            _ => Some(fips.to_string()),
        }
    }
}

/// One name of a place in the index.
#[derive(Clone, Debug)]
struct Name {
    /// The normalised tokens after the first.
    rest: Box<[Box<str>]>,
    /// The place.
    place: u32,
    /// The place's own (GeoNames) name rather than an alternate.
    primary: bool,
}

/// A candidate meaning of a name found in text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index of the place ([`Gazetteer::place`]).
    pub place: u32,
    /// The place's own name (not an alternate) matched.
    pub primary: bool,
}

/// A place name found among a sentence's tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMatch {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// Every place of that name.
    pub candidates: Vec<Candidate>,
}

/// The compiled gazetteer.
pub struct Gazetteer {
    places: Vec<Place>,
    /// First normalised token → the names starting with it.
    index: FxHashMap<Box<str>, Vec<Name>>,
    /// (country, ADM1 code) → the ADM1 region.
    adm1: FxHashMap<(String, String), u32>,
    /// ISO alpha-3 → the country.
    countries: FxHashMap<String, u32>,
}

/// A gazetteer file that could not be read: the line and the problem.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct GazetteerError {
    /// The file.
    pub file: String,
    /// 1-based line (0 for the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

const HEADER: [&str; 10] = [
    "id",
    "name",
    "kind",
    "country",
    "adm1",
    "lat",
    "lon",
    "population",
    "alternates",
    "fips",
];

fn tokens_of(name: &str) -> Vec<Box<str>> {
    let mut spans = Vec::new();
    token::tokenize(name, Span::new(0, name.len()), &mut spans);
    spans
        .iter()
        .map(|s| {
            let mut n = String::new();
            normalize(s.of(name), &mut n);
            n.into_boxed_str()
        })
        .collect()
}

impl Gazetteer {
    /// dyad's built-in gazetteer (parsed once, on first use).
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::parse("places.tsv", PLACES, NOT_PLACES)
                .unwrap_or_else(|e| panic!("the embedded gazetteer is broken: {e}"))
        })
    }

    /// Reads a gazetteer in the format of `data/geo/places.tsv`, leaving out of the name index
    /// the names listed in `not_places` (a `name` column).
    pub fn parse(file: &str, text: &str, not_places: &str) -> Result<Gazetteer, GazetteerError> {
        let err = |line: usize, message: String| GazetteerError {
            file: file.to_string(),
            line,
            message,
        };
        let rows = data::rows(text, &HEADER).map_err(|e| err(e.line, e.message))?;
        let blocked: Vec<Vec<Box<str>>> = data::rows(not_places, &["name", "note"])
            .map_err(|e| err(e.line, format!("not_places.tsv: {}", e.message)))?
            .iter()
            .map(|r| tokens_of(r.cols[0]))
            .collect();
        let mut g = Gazetteer {
            places: Vec::with_capacity(rows.len()),
            index: FxHashMap::default(),
            adm1: FxHashMap::default(),
            countries: FxHashMap::default(),
        };
        for r in rows {
            let c = &r.cols;
            let kind = match c[2] {
                "city" => PlaceKind::City,
                "adm1" => PlaceKind::Adm1,
                "country" => PlaceKind::Country,
                k => return Err(err(r.line, format!("unknown kind `{k}`"))),
            };
            let num = |i: usize| {
                c[i].parse::<f64>()
                    .map_err(|_| err(r.line, format!("column {}: `{}` is not a number", HEADER[i], c[i])))
            };
            let (lat, lon) = (num(5)?, num(6)?);
            if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
                return Err(err(r.line, format!("({lat}, {lon}) is not a position on Earth")));
            }
            let population = c[7]
                .parse::<u64>()
                .map_err(|_| err(r.line, format!("population `{}` is not a number", c[7])))?;
            let opt = |s: &str| (s != "-" && !s.is_empty()).then(|| s.to_string());
            let i = g.places.len() as u32;
            let place = Place {
                id: c[0].to_string(),
                name: c[1].to_string(),
                kind,
                country: c[3].to_string(),
                adm1: opt(c[4]),
                lat,
                lon,
                population,
                fips: opt(c[9]),
                line: r.line,
            };
            match kind {
                PlaceKind::Country => {
                    g.countries.insert(place.country.clone(), i);
                }
                PlaceKind::Adm1 => {
                    if let Some(code) = &place.adm1 {
                        g.adm1.insert((place.country.clone(), code.clone()), i);
                    }
                }
                PlaceKind::City => {}
            }
            let alternates = data::values(c[8]);
            let names = std::iter::once((c[1], true)).chain(alternates.iter().map(|a| (a.as_str(), false)));
            for (name, primary) in names {
                let toks = tokens_of(name);
                if toks.is_empty() || blocked.contains(&toks) {
                    continue;
                }
                let entries = g.index.entry(toks[0].clone()).or_default();
                let rest: Box<[Box<str>]> = toks[1..].into();
                if entries.iter().any(|n| n.place == i && n.rest == rest) {
                    continue;
                }
                entries.push(Name {
                    rest,
                    place: i,
                    primary,
                });
            }
            g.places.push(place);
        }
        Ok(g)
    }

    /// The number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when there is no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place at `i`.
    pub fn place(&self, i: u32) -> &Place {
        &self.places[i as usize]
    }

    /// Every place.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The country with ISO alpha-3 code `iso3`.
    pub fn country(&self, iso3: &str) -> Option<u32> {
        self.countries.get(iso3).copied()
    }

    /// The ADM1 region a place lies in (itself for a region).
    pub fn adm1_of(&self, p: &Place) -> Option<u32> {
        self.adm1.get(&(p.country.clone(), p.adm1.clone()?)).copied()
    }

    /// The places a whole name (as written: "Kharkiv", "Gaza City") may be.
    pub fn lookup(&self, name: &str) -> Vec<Candidate> {
        let toks = tokens_of(name);
        let Some(first) = toks.first() else { return Vec::new() };
        self.index
            .get(first)
            .map(|names| {
                names
                    .iter()
                    .filter(|n| *n.rest == toks[1..])
                    .map(|n| Candidate {
                        place: n.place,
                        primary: n.primary,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The place names among `tokens` of `text`: at each token the longest name starting there
    /// (names do not overlap), only where its first token is capitalised.
    pub fn find(&self, text: &str, tokens: &[Span]) -> Vec<NameMatch> {
        let norm: Vec<String> = tokens
            .iter()
            .map(|s| {
                let mut n = String::new();
                normalize(s.of(text), &mut n);
                n
            })
            .collect();
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let capital = tokens[i].of(text).chars().next().is_some_and(char::is_uppercase);
            let best = capital
                .then(|| self.index.get(norm[i].as_str()))
                .flatten()
                .and_then(|names| {
                    let mut best: Option<(usize, Vec<Candidate>)> = None;
                    for n in names {
                        let end = i + 1 + n.rest.len();
                        if end > tokens.len() || !n.rest.iter().zip(&norm[i + 1..end]).all(|(a, b)| **a == **b) {
                            continue;
                        }
                        let c = Candidate {
                            place: n.place,
                            primary: n.primary,
                        };
                        match &mut best {
                            Some((e, cands)) if *e == end => cands.push(c),
                            Some((e, _)) if *e > end => {}
                            _ => best = Some((end, vec![c])),
                        }
                    }
                    best
                });
            match best {
                Some((end, candidates)) => {
                    out.push(NameMatch {
                        start: i,
                        end,
                        candidates,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The great-circle distance between two positions, in kilometres (haversine, mean Earth
/// radius 6,371 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_gazetteer_loads_with_its_three_kinds() {
        let g = Gazetteer::embedded();
        let count = |k| g.places().iter().filter(|p| p.kind == k).count();
        assert!(count(PlaceKind::Country) > 200, "{}", count(PlaceKind::Country));
        assert!(count(PlaceKind::Adm1) > 2000);
        assert!(count(PlaceKind::City) > 30_000);
        let kharkiv: Vec<&Place> = g.lookup("Kharkiv").iter().map(|c| g.place(c.place)).collect();
        assert!(kharkiv
            .iter()
            .any(|p| p.kind == PlaceKind::City && p.country == "UKR" && (p.lat - 49.98).abs() < 0.05));
        assert!(kharkiv.iter().any(|p| p.kind == PlaceKind::Adm1));
        let ukr = g.place(g.country("UKR").unwrap());
        assert_eq!(ukr.name, "Ukraine");
        let city = kharkiv.iter().find(|p| p.kind == PlaceKind::City).unwrap();
        assert_eq!(g.place(g.adm1_of(city).unwrap()).name, "Kharkiv");
        assert_eq!(city.gdelt_adm1().as_deref(), Some("UP07"));
        // English variants from the knowledge base
        assert!(g
            .lookup("U.S.")
            .iter()
            .any(|c| g.place(c.place).country == "USA" && g.place(c.place).kind == PlaceKind::Country));
        assert!(g.lookup("Kharkov").iter().any(|c| g.place(c.place).id == city.id));
    }

    #[test]
    fn finds_the_longest_capitalised_name() {
        let g = Gazetteer::embedded();
        let text = "Talks in Gaza City and in new york, then New York.";
        let mut spans = Vec::new();
        token::tokenize(text, Span::new(0, text.len()), &mut spans);
        let found: Vec<String> = g
            .find(text, &spans)
            .iter()
            .map(|m| {
                Span::new(spans[m.start].start, spans[m.end - 1].end)
                    .of(text)
                    .to_string()
            })
            .collect();
        assert!(found.contains(&"Gaza City".to_string()), "{found:?}");
        assert!(found.contains(&"New York".to_string()), "{found:?}");
        assert!(!found.iter().any(|f| f == "new york"), "{found:?}");
    }

    #[test]
    fn bad_rows_are_named() {
        let head = "id\tname\tkind\tcountry\tadm1\tlat\tlon\tpopulation\talternates\tfips\n";
        let e = Gazetteer::parse(
            "p.tsv",
            &format!("{head}1\tX\tcity\tUKR\t-\t99\t0\t1\t-\t-\n"),
            "name\tnote\n",
        )
        .err()
        .unwrap();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("not a position"), "{e}");
        let e = Gazetteer::parse(
            "p.tsv",
            &format!("{head}1\tX\ttown\tUKR\t-\t9\t0\t1\t-\t-\n"),
            "name\tnote\n",
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("unknown kind"), "{e}");
    }

    #[test]
    fn distances() {
        // Kyiv - Kharkiv, about 410 km
        let d = distance_km(50.4547, 30.5238, 49.9818, 36.2548);
        assert!((400.0..420.0).contains(&d), "{d}");
        assert!(distance_km(10.0, 10.0, 10.0, 10.0) < 1e-9);
    }
}
