//! Reader for dyad's own knowledge-base files: tab-separated, `#` comments, a header line,
//! `|` between values of one column and `-` for an empty value.

use super::{Agent, AgentKind, Country, KbError, Organisation, Person, Place};
use chrono::NaiveDate;

use crate::data::{values, Row};

/// The entries read from one file, and every line that could not be read.
pub(crate) struct Loaded<T> {
    pub items: Vec<T>,
    pub errors: Vec<KbError>,
}

impl<T> Loaded<T> {
    /// The entries, or the first bad line.
    #[cfg(test)]
    pub fn into_result(mut self) -> Result<Vec<T>, KbError> {
        match self.errors.is_empty() {
            true => Ok(self.items),
            false => Err(self.errors.swap_remove(0)),
        }
    }
}

/// Reads every row of a TSV file with `f`, keeping the good entries and every bad line.
fn read_rows<T>(file: &str, text: &str, header: &[&str], f: impl Fn(&Row) -> Result<T, KbError>) -> Loaded<T> {
    let (rows, bad) = match crate::data::rows_lenient(text, header) {
        Ok(r) => r,
        Err(e) => {
            return Loaded {
                items: Vec::new(),
                errors: vec![KbError::at(file, e.line, e.message)],
            }
        }
    };
    let mut errors: Vec<KbError> = bad.into_iter().map(|e| KbError::at(file, e.line, e.message)).collect();
    let mut items = Vec::with_capacity(rows.len());
    for r in &rows {
        match f(r) {
            Ok(t) => items.push(t),
            Err(e) => errors.push(e),
        }
    }
    errors.sort_by_key(|e| e.line);
    Loaded { items, errors }
}

fn required(file: &str, row: &Row, i: usize, what: &str) -> Result<String, KbError> {
    let v = row.cols[i];
    if v.is_empty() || v == "-" {
        return Err(KbError::at(file, row.line, format!("column `{what}` is empty")));
    }
    Ok(v.to_string())
}

fn date(file: &str, row: &Row, i: usize, what: &str) -> Result<Option<NaiveDate>, KbError> {
    let v = row.cols[i];
    if v == "-" || v.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d").map(Some).map_err(|_| {
        KbError::at(
            file,
            row.line,
            format!("column `{what}`: `{v}` is not a valid YYYY-MM-DD date"),
        )
    })
}

fn code(file: &str, row: &Row, i: usize, min: usize, max: usize) -> Result<String, KbError> {
    let c = required(file, row, i, "code")?;
    if c.len() < min || c.len() > max || !c.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return Err(KbError::at(
            file,
            row.line,
            format!("`{c}` is not a code of {min}–{max} capital letters"),
        ));
    }
    Ok(c)
}

/// Reads `countries.tsv`.
pub(crate) fn countries(file: &'static str, text: &str) -> Loaded<Country> {
    let header = [
        "code",
        "iso3",
        "kind",
        "name",
        "variants",
        "adjectives",
        "capitals",
        "seats",
    ];
    read_rows(file, text, &header, |r| {
        Ok(Country {
            code: code(file, r, 0, 3, 3)?,
            iso3: values(r.cols[1]).into_iter().next(),
            kind: required(file, r, 2, "kind")?,
            name: required(file, r, 3, "name")?,
            variants: values(r.cols[4]),
            adjectives: values(r.cols[5]),
            capitals: values(r.cols[6]),
            seats: values(r.cols[7]),
            source: super::Source { file, line: r.line },
        })
    })
}

/// Reads `organisations.tsv`.
pub(crate) fn organisations(file: &'static str, text: &str) -> Loaded<Organisation> {
    let header = ["code", "kind", "name", "variants", "adjectives", "members"];
    read_rows(file, text, &header, |r| {
        Ok(Organisation {
            code: code(file, r, 0, 3, 12)?,
            kind: required(file, r, 1, "kind")?,
            name: required(file, r, 2, "name")?,
            variants: values(r.cols[3]),
            adjectives: values(r.cols[4]),
            members: values(r.cols[5]),
            source: super::Source { file, line: r.line },
        })
    })
}

/// Reads a `people/*.tsv` file of office-holders.
pub(crate) fn people(file: &'static str, text: &str) -> Loaded<Person> {
    let header = ["name", "variants", "code", "role", "from", "until", "note"];
    read_rows(file, text, &header, |r| {
        let from = date(file, r, 4, "from")?;
        let until = date(file, r, 5, "until")?;
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                return Err(KbError::at(file, r.line, format!("until {u} is before from {f}")));
            }
        }
        let note = r.cols[6];
        let title = note
            .split(';')
            .find_map(|p| p.trim().strip_prefix("title="))
            .map(|t| t.trim().to_lowercase());
        Ok(Person {
            name: required(file, r, 0, "name")?,
            variants: values(r.cols[1]),
            code: code(file, r, 2, 3, 12)?,
            role: required(file, r, 3, "role")?,
            title,
            from,
            until,
            group: false,
            source: super::Source { file, line: r.line },
        })
    })
}

/// Reads `agents.tsv`.
pub(crate) fn agents(file: &'static str, text: &str) -> Loaded<Agent> {
    let header = ["phrase", "plurals", "code", "kind", "refers_to", "note"];
    read_rows(file, text, &header, |r| {
        let kind = match r.cols[3] {
            "title" => AgentKind::Title,
            "body" => AgentKind::Body,
            "group" => AgentKind::Group,
            k => {
                return Err(KbError::at(
                    file,
                    r.line,
                    format!("kind `{k}` is not title, body or group"),
                ))
            }
        };
        Ok(Agent {
            phrase: required(file, r, 0, "phrase")?,
            plurals: values(r.cols[1]),
            code: code(file, r, 2, 3, 3)?,
            kind,
            refers_to: values(r.cols[4]),
            source: super::Source { file, line: r.line },
        })
    })
}

/// Reads `groups.tsv`: armed and political groups, with date ranges where their status
/// changed (kept as dated entries like office-holders).
pub(crate) fn groups(file: &'static str, text: &str) -> Loaded<Person> {
    let header = ["name", "variants", "code", "from", "until", "note"];
    read_rows(file, text, &header, |r| {
        let from = date(file, r, 3, "from")?;
        let until = date(file, r, 4, "until")?;
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                return Err(KbError::at(file, r.line, format!("until {u} is before from {f}")));
            }
        }
        Ok(Person {
            name: required(file, r, 0, "name")?,
            variants: values(r.cols[1]),
            code: code(file, r, 2, 3, 12)?,
            role: "group".into(),
            title: None,
            from,
            until,
            group: true,
            source: super::Source { file, line: r.line },
        })
    })
}

/// Reads `cities.tsv`: places and the state they belong to.
pub(crate) fn places(file: &'static str, text: &str) -> Loaded<Place> {
    let header = ["name", "variants", "country", "kind", "note"];
    read_rows(file, text, &header, |r| {
        Ok(Place {
            name: required(file, r, 0, "name")?,
            variants: values(r.cols[1]),
            country: code(file, r, 2, 3, 3)?,
            kind: required(file, r, 3, "kind")?,
            source: super::Source { file, line: r.line },
        })
    })
}

/// Reads `blocklist.tsv`: names that are not actors.
pub(crate) fn blocklist(file: &'static str, text: &str) -> Loaded<String> {
    read_rows(file, text, &["phrase", "note"], |r| required(file, r, 0, "phrase"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_countries_and_reports_bad_lines() {
        let ok = "# comment\ncode\tiso3\tkind\tname\tvariants\tadjectives\tcapitals\tseats\n\
                  TUR\tTUR\tmember\tTurkey\tTürkiye|Turkiye\tTurkish|Turks\tAnkara\t-\n";
        let c = countries("countries.tsv", ok).into_result().unwrap();
        assert_eq!(c[0].code, "TUR");
        assert_eq!(c[0].variants, vec!["Türkiye", "Turkiye"]);
        assert!(c[0].seats.is_empty());
        assert_eq!(c[0].source.line, 3);

        let bad = ok.replace("TUR\tTUR", "tu\tTUR");
        let e = countries("countries.tsv", &bad).into_result().unwrap_err().to_string();
        assert!(e.contains("countries.tsv:3"), "{e}");

        let short = ok.replace("\t-\n", "\n");
        let e = countries("countries.tsv", &short)
            .into_result()
            .unwrap_err()
            .to_string();
        assert!(e.contains("columns"), "{e}");
    }

    #[test]
    fn reads_people_with_dates_and_titles() {
        let t = "name\tvariants\tcode\trole\tfrom\tuntil\tnote\n\
                 Rishi Sunak\tSunak\tGBRGOV\thead of government\t2022-10-25\t2024-07-05\ttitle=prime minister\n";
        let p = people("people.tsv", t).into_result().unwrap();
        assert_eq!(p[0].title.as_deref(), Some("prime minister"));
        assert_eq!(p[0].until, NaiveDate::from_ymd_opt(2024, 7, 5));

        let bad = t.replace("2024-07-05", "2024-02-30");
        let e = people("people.tsv", &bad).into_result().unwrap_err().to_string();
        assert!(e.contains("people.tsv:2") && e.contains("2024-02-30"), "{e}");
        let reversed = t.replace("2024-07-05", "2020-01-01");
        assert!(people("people.tsv", &reversed).into_result().is_err());
    }

    #[test]
    fn reads_groups_as_dated_entries() {
        let t = "name\tvariants\tcode\tfrom\tuntil\tnote\n\
                 Taliban\t-\tAFGREB\t-\t2021-08-14\tinsurgency\n\
                 Taliban\t-\tAFGGOV\t2021-08-15\t-\tde facto government\n";
        let g = groups("groups.tsv", t).into_result().unwrap();
        assert_eq!(g.len(), 2);
        assert!(g.iter().all(|p| p.group && p.title.is_none()));
        let d = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        assert_eq!(g.iter().find(|p| p.in_office(d)).unwrap().code, "AFGGOV");
        let bad = t.replace("2021-08-14", "14/08/2021");
        assert!(groups("groups.tsv", &bad)
            .into_result()
            .unwrap_err()
            .to_string()
            .contains("groups.tsv:2"));
    }

    #[test]
    fn reads_places() {
        let t = "# cities\nname\tvariants\tcountry\tkind\tnote\nKharkiv\tKharkov\tUKR\tcity\t-\n";
        let p = places("cities.tsv", t).into_result().unwrap();
        assert_eq!((p[0].name.as_str(), p[0].country.as_str()), ("Kharkiv", "UKR"));
        assert_eq!(p[0].variants, vec!["Kharkov"]);
        let bad = t.replace("UKR", "ukr");
        assert!(places("cities.tsv", &bad)
            .into_result()
            .unwrap_err()
            .to_string()
            .contains("cities.tsv:3"));
    }

    #[test]
    fn rejects_a_wrong_header() {
        let e = agents("agents.tsv", "phrase\tcode\n")
            .into_result()
            .unwrap_err()
            .to_string();
        assert!(e.contains("expected header"), "{e}");
    }
}
