//! Actor dictionaries (`*.actors.txt`): a primary name with optional codes, `+` synonyms, and
//! indented date restrictions.
//!
//! ```text
//! MOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt
//! +ZAHIR_SHAH_
//!     [AFGELI 320101-331108]
//!     [AFGGOV 331108-730717]
//! JAVIER_DE_CUELLAR_  [IGOUNO 820101-911231] [ELI]
//! ```
//!
//! A restriction is `[CODE]` (the default), `[CODE <DATE]` (up to and including DATE),
//! `[CODE >DATE]` (from DATE on) or `[CODE DATE-DATE]`; dates are `YYMMDD` (00–30 read as
//! 20YY, else 19YY) or `YYYYMMDD`, blanks inside the brackets are allowed.

use super::diag::{Diag, DictionaryFile, LineError, LoadOptions, Origin, PetrarchError, Problem, Warning};
use super::lines::{brackets, content_lines, decode};
use super::phrase::Phrase;
use chrono::NaiveDate;

/// The entries of one actor dictionary file, in file order.
#[derive(Clone, Debug, Default)]
pub struct ActorDictionary {
    /// The file, as named by the caller.
    pub file: String,
    /// The actors.
    pub entries: Vec<ActorEntry>,
    /// Problems met in lenient mode.
    pub warnings: Vec<Warning>,
}

/// One actor: its names and its (possibly date-restricted) codes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary name first, then the `+` synonyms.
    pub names: Vec<ActorName>,
    /// Codes in file order: those on the primary line, then the indented restrictions.
    /// Empty for an actor without any code (PETRARCH reads it as the null code).
    pub codes: Vec<DatedCode>,
    /// Where the primary name was read.
    pub origin: Origin,
}

/// One name of an actor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorName {
    /// The name.
    pub phrase: Phrase,
    /// 1-based line where it was read.
    pub line: usize,
}

/// A code with the dates it applies to (both inclusive; `None` = unbounded).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    /// The code as written (`AFGGOV`; `---` is the null code).
    pub code: String,
    /// First day it applies.
    pub from: Option<NaiveDate>,
    /// Last day it applies.
    pub until: Option<NaiveDate>,
    /// 1-based line where it was read.
    pub line: usize,
}

impl DatedCode {
    /// True for a code without dates: the actor's default.
    pub fn is_default(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    /// True when the code applies on `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date <= u)
    }
}

impl ActorEntry {
    /// The primary name (`None` only for an entry built by hand without names).
    pub fn primary(&self) -> Option<&Phrase> {
        self.names.first().map(|n| &n.phrase)
    }

    /// The code on `date`: the first dated restriction covering it, else the first default code.
    pub fn code_on(&self, date: NaiveDate) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| !c.is_default() && c.covers(date))
            .or_else(|| self.default_code())
            .map(|c| c.code.as_str())
    }

    /// The first code without dates, if any.
    pub fn default_code(&self) -> Option<&DatedCode> {
        self.codes.iter().find(|c| c.is_default())
    }
}

impl ActorDictionary {
    /// The actors with a name whose words equal `name`'s (case-insensitive; `_` and blanks alike).
    pub fn find<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a ActorEntry> + 'a {
        let wanted: Vec<String> = Phrase::parse(name)
            .map(|p| p.words.iter().map(|w| w.to_uppercase()).collect())
            .unwrap_or_default();
        self.entries.iter().filter(move |e| {
            !wanted.is_empty()
                && e.names.iter().any(|n| {
                    n.phrase.words.len() == wanted.len()
                        && n.phrase.words.iter().zip(&wanted).all(|(a, b)| a.to_uppercase() == *b)
                })
        })
    }

    /// How many names (primary and synonyms) the file holds.
    pub fn name_count(&self) -> usize {
        self.entries.iter().map(|e| e.names.len()).sum()
    }

    /// How many codes and date restrictions the file holds.
    pub fn code_count(&self) -> usize {
        self.entries.iter().map(|e| e.codes.len()).sum()
    }
}

enum Current {
    None,
    Entry(usize),
    Skipped(usize),
}

impl Current {
    /// The entry a code or synonym line belongs to; a line with no (or a skipped) actor
    /// above it is warned about and yields `None`.
    fn entry(&self, diag: &mut Diag, line: usize, what: &str) -> Result<Option<usize>, PetrarchError> {
        match *self {
            Current::Entry(i) => Ok(Some(i)),
            Current::None => {
                diag.warn(
                    line,
                    Problem::OutOfPlace,
                    format!("{what} before any actor name"),
                    "skipped",
                )?;
                Ok(None)
            }
            Current::Skipped(at) => {
                diag.warn(
                    line,
                    Problem::OutOfPlace,
                    format!("belongs to the actor skipped at line {at}"),
                    "skipped",
                )?;
                Ok(None)
            }
        }
    }
}

impl DictionaryFile for ActorDictionary {
    fn parse(file: &str, bytes: &[u8], options: LoadOptions) -> Result<Self, PetrarchError> {
        let mut diag = Diag::new(file, options);
        let text = decode(bytes, &mut diag)?;
        let lines = content_lines(&text, &mut diag)?;
        let mut entries: Vec<ActorEntry> = Vec::new();
        let mut current = Current::None;
        for line in &lines {
            let n = line.number;
            let t = line.text.trim();
            if t.starts_with('[') {
                let Some(i) = current.entry(&mut diag, n, "code line")? else {
                    continue;
                };
                let b = match brackets(t) {
                    Ok(b) => b,
                    Err(e) => {
                        diag.skip(n, e, "line skipped")?;
                        continue;
                    }
                };
                if let Some(junk) = b.tail.first() {
                    diag.warn(n, Problem::Syntax, format!("text `{junk}` after the code"), "ignored")?;
                }
                for g in b.groups {
                    match dated_code(g, n) {
                        Ok(c) => entries[i].codes.push(c),
                        Err(e) => diag.skip(n, e, "restriction skipped")?,
                    }
                }
            } else if let Some(rest) = t.strip_prefix('+') {
                let Some(i) = current.entry(&mut diag, n, "synonym")? else {
                    continue;
                };
                let b = match brackets(rest) {
                    Ok(b) => b,
                    Err(e) => {
                        diag.skip(n, e, "synonym skipped")?;
                        continue;
                    }
                };
                if !b.groups.is_empty() || !b.tail.is_empty() {
                    diag.warn(
                        n,
                        Problem::Syntax,
                        "a synonym line cannot carry codes",
                        "synonym skipped",
                    )?;
                    continue;
                }
                match Phrase::parse(b.head) {
                    Some(phrase) => entries[i].names.push(ActorName { phrase, line: n }),
                    None => diag.warn(n, Problem::Syntax, "`+` without a synonym", "skipped")?,
                }
            } else {
                current = Current::Skipped(n);
                let b = match brackets(t) {
                    Ok(b) => b,
                    Err(e) => {
                        diag.skip(n, e, "actor skipped")?;
                        continue;
                    }
                };
                if let Some(junk) = b.tail.first() {
                    diag.warn(
                        n,
                        Problem::Syntax,
                        format!("text `{junk}` after the code"),
                        "ignored, actor kept",
                    )?;
                }
                let Some(phrase) = Phrase::parse(b.head) else {
                    diag.warn(n, Problem::Syntax, "codes without an actor name", "skipped")?;
                    continue;
                };
                let mut codes = Vec::with_capacity(b.groups.len());
                for g in b.groups {
                    match dated_code(g, n) {
                        Ok(c) => codes.push(c),
                        Err(e) => diag.skip(n, e, "code skipped, actor kept")?,
                    }
                }
                entries.push(ActorEntry {
                    names: vec![ActorName { phrase, line: n }],
                    codes,
                    origin: diag.origin(n),
                });
                current = Current::Entry(entries.len() - 1);
            }
        }
        Ok(ActorDictionary {
            file: file.to_string(),
            entries,
            warnings: diag.finish(),
        })
    }

    fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn entry_count(&self) -> usize {
        self.entries.len()
    }
}

/// True for an actor code: letters, digits, `/`, `-`, `+`, with a letter unless it is all `-`
/// or all `+` (`---`, `+++`).
fn is_actor_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '+'))
        && (code.chars().any(|c| c.is_ascii_alphabetic())
            || code.chars().all(|c| c == '-')
            || code.chars().all(|c| c == '+'))
}

/// Reads the inside of one `[...]`: `CODE`, `CODE <DATE`, `CODE >DATE` or `CODE DATE-DATE`.
fn dated_code(group: &str, line: usize) -> Result<DatedCode, LineError> {
    let group = group.trim();
    let (code, rest) = group.split_once(char::is_whitespace).unwrap_or((group, ""));
    if !is_actor_code(code) {
        return Err(LineError::new(
            Problem::BadCode,
            if code.is_empty() {
                "empty `[]`".to_string()
            } else {
                format!("`{code}` is not an actor code (is the code missing before the date?)")
            },
        ));
    }
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let (from, until) = if rest.is_empty() {
        (None, None)
    } else if let Some(d) = rest.strip_prefix('<') {
        (None, Some(date(d)?))
    } else if let Some(d) = rest.strip_prefix('>') {
        (Some(date(d)?), None)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (from, until) = (date(a)?, date(b)?);
        if until < from {
            return Err(LineError::new(
                Problem::BadDate,
                format!("date range `{rest}` ends before it starts"),
            ));
        }
        (Some(from), Some(until))
    } else {
        return Err(LineError::new(
            Problem::BadDate,
            format!("`{rest}` after code `{code}`: expected <DATE, >DATE or DATE-DATE"),
        ));
    };
    Ok(DatedCode {
        code: code.to_string(),
        from,
        until,
        line,
    })
}

/// A `YYMMDD` (00–30 → 20YY, otherwise 19YY, as in KEDS and TABARI) or `YYYYMMDD` date.
pub(crate) fn date(text: &str) -> Result<NaiveDate, LineError> {
    let bad = |why: &str| LineError::new(Problem::BadDate, format!("bad date `{text}`: {why}"));
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("expected YYMMDD or YYYYMMDD digits"));
    }
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad("not a number"));
    let (year, rest) = match text.len() {
        6 => {
            let yy = num(&text[..2])?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &text[2..])
        }
        8 => (num(&text[..4])?, &text[4..]),
        n => return Err(bad(&format!("{n} digits, expected 6 (YYMMDD) or 8 (YYYYMMDD)"))),
    };
    let (month, day) = (num(&rest[..2])?, num(&rest[2..])?);
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| bad("no such day"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn parse(text: &str) -> ActorDictionary {
        ActorDictionary::parse("t.actors", text.as_bytes(), LoadOptions::default()).unwrap()
    }

    #[test]
    fn reads_names_synonyms_codes_and_restrictions() {
        let dict = parse(
            "# header\nAFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL_\n\nMOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt\n\
             \t[AFGELI 320101-331108]\n\t[AFGGOV 331108-730717]\n  \t[AFGELI]\n\
             JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# IGOrulers.txt\nGOLLUM\n\t[HOB < 950601]\n\
             \t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > 990816]\nLORIEN  [ELR/GAL]\nISILDUR [+++]\n",
        );
        assert!(dict.warnings.is_empty(), "{:?}", dict.warnings);
        assert_eq!(dict.entries.len(), 6);
        let afg = &dict.entries[0];
        assert_eq!(afg.names.len(), 3);
        assert_eq!(afg.names[2].phrase.words, ["KABUL"]);
        assert_eq!(afg.names[2].line, 4);
        assert_eq!(afg.code_on(d(2020, 1, 1)), Some("AFG"));
        let zahir = &dict.entries[1];
        assert_eq!(zahir.origin.line, 6);
        assert_eq!(zahir.codes.len(), 3);
        assert_eq!(zahir.codes[0].from, Some(d(1932, 1, 1)));
        assert_eq!(zahir.codes[0].until, Some(d(1933, 11, 8)));
        assert_eq!(zahir.code_on(d(1950, 1, 1)), Some("AFGGOV"));
        assert_eq!(zahir.code_on(d(1990, 1, 1)), Some("AFGELI"));
        let gollum = dict.find("gollum").next().unwrap();
        assert_eq!(gollum.code_on(d(1990, 1, 1)), Some("HOB"));
        assert_eq!(gollum.code_on(d(1995, 6, 1)), Some("HOB"), "first restriction wins");
        assert_eq!(gollum.code_on(d(1997, 1, 1)), Some("HOBGOV"));
        assert_eq!(gollum.code_on(d(2001, 1, 1)), Some("HOBREB"));
        assert_eq!(gollum.code_on(d(1999, 8, 16)), Some("HOBREB"));
        assert_eq!(
            dict.find("JAVIER DE CUELLAR").next().unwrap().code_on(d(2000, 1, 1)),
            Some("ELI")
        );
        assert_eq!(dict.find("LORIEN").next().unwrap().codes[0].code, "ELR/GAL");
    }

    #[test]
    fn dates_follow_the_tabari_rules() {
        assert_eq!(date("300101").unwrap(), d(2030, 1, 1));
        assert_eq!(date("310101").unwrap(), d(1931, 1, 1));
        assert_eq!(date("18970101").unwrap(), d(1897, 1, 1));
        assert_eq!(date("20120229").unwrap(), d(2012, 2, 29));
        for bad in ["20100229", "2004017", "991332", "", "12ab56", "١٢٣٤٥٦"] {
            assert_eq!(date(bad).unwrap_err().problem, Problem::BadDate, "{bad}");
        }
    }

    #[test]
    fn bad_lines_are_skipped_with_warnings_naming_the_line() {
        let dict = parse(
            "A_ [AAA]\n\t[AAAGOV 2004017-20061201]\n\t[AAAMIL 991332-000101]\n\t[AAAREB 050101-040101]\n\
             \t[950601-990815]\n\t[AAACIV 950601]\n+FAEROYENE]_\nB_ [BBB\n+B_SYNONYM\n\t[BBBGOV]\nC_ [CCC] junk\n",
        );
        let lines: Vec<(usize, Problem)> = dict.warnings.iter().map(|w| (w.line, w.problem)).collect();
        assert_eq!(
            lines,
            vec![
                (2, Problem::BadDate),
                (3, Problem::BadDate),
                (4, Problem::BadDate),
                (5, Problem::BadCode),
                (6, Problem::BadDate),
                (7, Problem::UnbalancedBracket),
                (8, Problem::UnbalancedBracket),
                (9, Problem::OutOfPlace),
                (10, Problem::OutOfPlace),
                (11, Problem::Syntax),
            ]
        );
        assert!(dict.warnings[0].message.contains("7 digits"), "{}", dict.warnings[0]);
        assert_eq!(dict.entries.len(), 2, "C_ is kept without its junk");
        assert_eq!(dict.entries[0].codes.len(), 1);
        assert_eq!(dict.entries[1].codes[0].code, "CCC");
        let err =
            ActorDictionary::parse("t", b"A_ [AAA]\n\t[AAAGOV 2004017-20061201]\n", LoadOptions::strict()).unwrap_err();
        assert_eq!((err.line(), err.problem()), (2, Some(Problem::BadDate)));
        assert!(err.to_string().starts_with("t:2: bad date"), "{err}");
    }

    #[test]
    fn empty_and_comment_only_files_read_as_empty() {
        for text in ["", "\n\n", "# only a comment\n", "<!-- x -->"] {
            let dict = parse(text);
            assert!(dict.entries.is_empty() && dict.warnings.is_empty(), "{text:?}");
        }
    }
}
