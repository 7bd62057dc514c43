//! Query parameters: each endpoint names the ones it reads; an unknown or repeated parameter,
//! or a value that cannot be read, is a 400 naming it.

use crate::error::ApiError;
use chrono::NaiveDate;
use dyad_store::api::ApiFilter;
use dyad_store::Filter;

/// The filter parameters of `/api/events` and `/api/actors`.
pub(crate) const FILTER: &[&str] = &[
    "country", "actor", "code", "root", "quad", "plover", "since", "until", "q", "a", "b",
];

/// Query parameters, checked against the names an endpoint reads.
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Checks `pairs` against the `known` names (and `more`).
    pub(crate) fn new(pairs: Vec<(String, String)>, known: &[&str], more: &[&str]) -> Result<Params, ApiError> {
        for (i, (k, _)) in pairs.iter().enumerate() {
            if !known.contains(&k.as_str()) && !more.contains(&k.as_str()) {
                let mut all: Vec<&str> = known.iter().chain(more).copied().collect();
                all.sort_unstable();
                return Err(ApiError::bad_request(format!(
                    "{}: unknown parameter; this endpoint reads {}",
                    printable(k),
                    all.join(", ")
                )));
            }
            if pairs[..i].iter().any(|(k2, _)| k2 == k) {
                return Err(ApiError::bad_request(format!("{k}: given more than once")));
            }
        }
        Ok(Params { pairs })
    }

    /// A parameter's value; an empty value counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A required parameter.
    pub(crate) fn required(&self, name: &str, what: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::bad_request(format!("{name}: required ({what})")))
    }

    /// A day, YYYY-MM-DD.
    pub(crate) fn date(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        self.get(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                    ApiError::bad_request(format!("{name} {:?}: expected a day, YYYY-MM-DD", printable(v)))
                })
            })
            .transpose()
    }

    /// A whole number from `min` to `max`, `default` when absent.
    pub(crate) fn number(&self, name: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.parse::<usize>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_request(format!(
                "{name} {:?}: expected a whole number from {min} to {max}",
                printable(v)
            ))),
        }
    }

    /// A country code the knowledge base knows (CAMEO or ISO 3166 alpha-3), upper-cased.
    pub(crate) fn country(&self, name: &str) -> Result<Option<String>, ApiError> {
        self.get(name).map(|v| known_country(name, v)).transpose()
    }

    /// The event filter: `country`, `actor`, `code`, `root`, `quad`, `plover` (a PLOVER type,
    /// or `TYPE:mode`), `since`, `until`, `q`, and the pair `a`, `b`.
    pub(crate) fn filter(&self) -> Result<ApiFilter, ApiError> {
        let quad = self
            .get("quad")
            .map(|v| match v.parse::<u8>() {
                Ok(q) if (1..=4).contains(&q) => Ok(q),
                _ => Err(ApiError::bad_request(format!(
                    "quad {:?}: a quad class is 1 (verbal cooperation), 2 (material cooperation), \
                     3 (verbal conflict) or 4 (material conflict)",
                    printable(v)
                ))),
            })
            .transpose()?;
        let text = self.get("q").map(str::to_string);
        if text.as_ref().is_some_and(|t| t.len() > 200) {
            return Err(ApiError::bad_request("q: at most 200 bytes of text to search for"));
        }
        let since = self.date("since")?;
        let until = self.date("until")?;
        if let (Some(s), Some(u)) = (since, until) {
            if s > u {
                return Err(ApiError::bad_request(format!("since {s}: after until {u}")));
            }
        }
        let pair = match (self.country("a")?, self.country("b")?) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            (Some(_), None) => return Err(ApiError::bad_request("b: required with a (the other country)")),
            (None, Some(_)) => return Err(ApiError::bad_request("a: required with b (the other country)")),
        };
        Ok(ApiFilter {
            filter: Filter {
                actor: self.get("actor").map(str::to_string),
                country: self.country("country")?,
                code: self.get("code").map(str::to_string),
                root: self.get("root").map(str::to_string),
                quad,
                since,
                until,
                text,
                plover: self.get("plover").map(str::to_string),
                limit: None,
                near: None,
                place: self.get("place").map(str::to_string),
            },
            pair,
        })
    }
}

/// Checks a country code against the embedded knowledge base.
pub(crate) fn known_country(name: &str, v: &str) -> Result<String, ApiError> {
    let code = v.trim().to_ascii_uppercase();
    let kb = dyad::kb::KnowledgeBase::embedded();
    let known = code.len() == 3
        && code.bytes().all(|b| b.is_ascii_alphabetic())
        && (kb.country(&code).is_some() || kb.countries.iter().any(|c| c.iso3.as_deref() == Some(&code)));
    if known {
        Ok(code)
    } else {
        Err(ApiError::bad_request(format!(
            "{name} {:?}: unknown country; expected a three-letter country code (ISO 3166 alpha-3 or CAMEO), such as TUR or GRC",
            printable(v)
        )))
    }
}

/// A value as it may be shown in a message: at most 64 characters, control characters
/// replaced.
pub(crate) fn printable(v: &str) -> String {
    let mut s: String = v
        .chars()
        .take(64)
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    if v.chars().count() > 64 {
        s.push('…');
    }
    s
}
