//! Agent dictionaries (`*.agents.txt`): `PHRASE {plural} [~CODE]` lines and `!MARKER! = A, B`
//! substitution sets.
//!
//! ```text
//! !MINIST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]
//! POLICE {} [~COP]
//! HUMAN_RIGHTS_BODY  [NGO~]
//! FOREIGN_!MINIST! [~GOV]
//! ```
//!
//! Without `{...}` the regular plural is generated; `{}` means none. `~CODE` is appended to the
//! actor code, `CODE~` put before it. A line with `!MARKER!` stands for one entry per item of
//! the set (defined earlier in the file), without plurals.

use super::diag::{Diag, DictionaryFile, LineError, LoadOptions, Origin, PetrarchError, Problem, Warning};
use super::lines::{brackets, check_pair, content_lines, decode};
use super::phrase::Phrase;

/// The entries of one agent dictionary file.
#[derive(Clone, Debug, Default)]
pub struct AgentDictionary {
    /// The file, as named by the caller.
    pub file: String,
    /// The `!MARKER!` substitution sets, in file order.
    pub substitutions: Vec<Substitution>,
    /// The agents, with marker lines expanded (one entry per item).
    pub entries: Vec<AgentEntry>,
    /// Problems met in lenient mode.
    pub warnings: Vec<Warning>,
}

/// A substitution set: `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Substitution {
    /// The marker's name (`PERSON`).
    pub marker: String,
    /// What it stands for.
    pub items: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// One agent phrase and its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase (singular).
    pub phrase: Phrase,
    /// The plural: given in `{...}`, generated when absent, `None` for `{}` and marker lines.
    pub plural: Option<Phrase>,
    /// The code and where it goes.
    pub code: AgentCode,
    /// The substitution marker this entry was expanded from, if any.
    pub marker: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

/// An agent code and where it joins the actor code.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct AgentCode {
    /// The code without `~` (`GOV`).
    pub code: String,
    /// Where it goes.
    pub placement: Placement,
}

/// Where an agent code joins the actor code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// `~GOV`: after the actor code (`IRN` → `IRNGOV`).
    AfterActor,
    /// `NGO~`: before the actor code (`IRN` → `NGOIRN`).
    BeforeActor,
}

impl AgentCode {
    /// Joins this agent code to an actor code.
    pub fn apply(&self, actor: &str) -> String {
        match self.placement {
            Placement::AfterActor => format!("{actor}{}", self.code),
            Placement::BeforeActor => format!("{}{actor}", self.code),
        }
    }
}

impl AgentDictionary {
    /// The entries whose singular or plural words equal `phrase`'s (case-insensitive).
    pub fn find<'a>(&'a self, phrase: &str) -> impl Iterator<Item = &'a AgentEntry> + 'a {
        let wanted = Phrase::parse(phrase)
            .map(|p| p.text().to_uppercase())
            .unwrap_or_default();
        self.entries.iter().filter(move |e| {
            !wanted.is_empty()
                && (e.phrase.text().to_uppercase() == wanted
                    || e.plural.as_ref().is_some_and(|p| p.text().to_uppercase() == wanted))
        })
    }
}

impl DictionaryFile for AgentDictionary {
    fn parse(file: &str, bytes: &[u8], options: LoadOptions) -> Result<Self, PetrarchError> {
        let mut diag = Diag::new(file, options);
        let text = decode(bytes, &mut diag)?;
        let lines = content_lines(&text, &mut diag)?;
        let mut dict = AgentDictionary {
            file: file.to_string(),
            ..AgentDictionary::default()
        };
        for line in &lines {
            let n = line.number;
            let t = line.text.trim();
            if t.starts_with('!') && t.contains('=') {
                match substitution(t) {
                    Ok((marker, items)) => {
                        if let Some(s) = dict.substitutions.iter_mut().find(|s| s.marker == marker) {
                            s.items = items;
                            s.origin = diag.origin(n);
                            diag.warn(
                                n,
                                Problem::Syntax,
                                format!("marker !{marker}! defined again"),
                                "the later set is used",
                            )?;
                        } else {
                            dict.substitutions.push(Substitution {
                                marker,
                                items,
                                origin: diag.origin(n),
                            });
                        }
                    }
                    Err(e) => diag.skip(n, e, "line skipped")?,
                }
                continue;
            }
            match agent_line(t, &dict.substitutions) {
                Ok(parsed) => {
                    for (phrase, plural, marker) in parsed.entries {
                        dict.entries.push(AgentEntry {
                            phrase,
                            plural,
                            code: parsed.code.clone(),
                            marker,
                            origin: diag.origin(n),
                        });
                    }
                }
                Err(e) => diag.skip(n, e, "line skipped")?,
            }
        }
        dict.warnings = diag.finish();
        Ok(dict)
    }

    fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn entry_count(&self) -> usize {
        self.entries.len()
    }
}

/// Reads `!NAME! = A, B, C`.
fn substitution(t: &str) -> Result<(String, Vec<String>), LineError> {
    let body = t.strip_prefix('!').unwrap_or(t);
    let Some((name, rest)) = body.split_once('!') else {
        return Err(LineError::new(
            Problem::UnbalancedBracket,
            "substitution marker without closing `!`",
        ));
    };
    let name = name.trim();
    let Some(list) = rest.trim_start().strip_prefix('=') else {
        return Err(LineError::new(Problem::Syntax, format!("`=` expected after !{name}!")));
    };
    if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        return Err(LineError::new(Problem::Syntax, format!("bad marker name `!{name}!`")));
    }
    let items: Vec<String> = list
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if items.is_empty() {
        return Err(LineError::new(Problem::Syntax, format!("!{name}! stands for nothing")));
    }
    Ok((name.to_string(), items))
}

struct AgentLine {
    entries: Vec<(Phrase, Option<Phrase>, Option<String>)>,
    code: AgentCode,
}

/// Reads `PHRASE {plural} [CODE]`, expanding a `!MARKER!`.
fn agent_line(t: &str, subs: &[Substitution]) -> Result<AgentLine, LineError> {
    check_pair(t, '{', '}')?;
    let b = brackets(t)?;
    let group = match b.groups.as_slice() {
        [] => return Err(LineError::new(Problem::MissingCode, "agent without a [code]")),
        [g] => *g,
        _ => return Err(LineError::new(Problem::Syntax, "more than one [code] on an agent line")),
    };
    if let Some(junk) = b.tail.first() {
        return Err(LineError::new(Problem::Syntax, format!("text `{junk}` after the code")));
    }
    let code = agent_code(group)?;
    let (text, plural) = match b.head.split_once('{') {
        None => (b.head, None),
        Some((text, rest)) => {
            let (inside, after) = rest.split_once('}').unwrap_or((rest, ""));
            if !after.trim().is_empty() {
                return Err(LineError::new(
                    Problem::Syntax,
                    format!("text `{}` after the plural", after.trim()),
                ));
            }
            (text, Some(inside))
        }
    };
    let bangs = text.matches('!').count();
    if bangs == 2 {
        let (before, rest) = text.split_once('!').unwrap_or((text, ""));
        let (name, after) = rest.split_once('!').unwrap_or((rest, ""));
        let Some(set) = subs.iter().find(|s| s.marker == name) else {
            return Err(LineError::new(
                Problem::UnknownMarker,
                format!("substitution marker !{name}! is not defined above this line"),
            ));
        };
        let mut entries = Vec::with_capacity(set.items.len());
        for item in &set.items {
            if let Some(p) = Phrase::parse(&format!("{before}{item}{after}")) {
                entries.push((p, None, Some(name.to_string())));
            }
        }
        return Ok(AgentLine { entries, code });
    }
    if bangs % 2 == 1 {
        return Err(LineError::new(
            Problem::UnbalancedBracket,
            "unmatched `!`: a substitution marker is written `!NAME!`",
        ));
    }
    if bangs > 2 {
        return Err(LineError::new(
            Problem::UnknownMarker,
            "more than one `!MARKER!` on a line; only one is allowed",
        ));
    }
    let Some(phrase) = Phrase::parse(text) else {
        return Err(LineError::new(Problem::Syntax, "code without an agent phrase"));
    };
    let plural = match plural {
        None => Some(phrase.plural()),
        Some(p) => Phrase::parse(p),
    };
    Ok(AgentLine {
        entries: vec![(phrase, plural, None)],
        code,
    })
}

fn agent_code(group: &str) -> Result<AgentCode, LineError> {
    let g: String = group.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, placement) = if let Some(c) = g.strip_prefix('~') {
        (c, Placement::AfterActor)
    } else if let Some(c) = g.strip_suffix('~') {
        (c, Placement::BeforeActor)
    } else {
        return Err(LineError::new(
            Problem::BadCode,
            format!("agent code `{g}` needs `~` before it (added after the actor code) or after it (added before)"),
        ));
    };
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(LineError::new(Problem::BadCode, format!("bad agent code `{g}`")));
    }
    Ok(AgentCode {
        code: code.to_string(),
        placement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plurals_codes_and_markers() {
        let text = "<!-- AGENTS -->\n!PERSON! = MAN, MEN, WOMAN\n!MINST! = MINISTER, MINISTRY\n\
                    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG] # mj\nPOLICE {} [ ~COP]\nMINISTRY [~GOV]\n\
                    HUMAN_RIGHTS_BODY  [  NGO~]\nCONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\nFIRE!PERSON! {} [~GOV]\n";
        let dict = AgentDictionary::parse("t.agents", text.as_bytes(), LoadOptions::strict()).unwrap();
        assert_eq!(dict.substitutions.len(), 2);
        assert_eq!(dict.entries.len(), 4 + 3 + 2 + 3);
        let ag = &dict.entries[0];
        assert_eq!(ag.plural.as_ref().unwrap().to_string(), "ATTORNEYS_GENERAL");
        assert_eq!(ag.code.apply("USA"), "USAGOVATG");
        assert_eq!(ag.origin.line, 4);
        assert_eq!(dict.entries[1].plural, None);
        assert_eq!(dict.entries[2].plural.as_ref().unwrap().text(), "MINISTRIES");
        assert_eq!(dict.entries[3].code.apply("IRN"), "NGOIRN");
        let congress: Vec<String> = dict.entries[4..7].iter().map(|e| e.phrase.text()).collect();
        assert_eq!(congress, ["CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN"]);
        assert_eq!(dict.entries[4].marker.as_deref(), Some("PERSON"));
        assert_eq!(dict.entries[8].phrase.text(), "MINISTRY OF SILLY WALKS");
        assert_eq!(dict.entries[9].phrase.text(), "FIREMAN");
        assert_eq!(dict.find("ministries").next().unwrap().code.code, "GOV");
    }

    #[test]
    fn bad_lines_are_skipped_with_warnings() {
        let text = "ISLAMIC_EXTREMIST\nDEPARMENT_OF_ENVIRONMENT [~ENV}\nX!NOPE! [~GOV]\nY [GOV]\nZ {ZS [~GOV]\n\
                    W!ONE [~GOV]\n!BAD = \nOK [~GOV]\n";
        let dict = AgentDictionary::parse("t", text.as_bytes(), LoadOptions::default()).unwrap();
        let got: Vec<(usize, Problem)> = dict.warnings.iter().map(|w| (w.line, w.problem)).collect();
        assert_eq!(
            got,
            vec![
                (1, Problem::MissingCode),
                (2, Problem::UnbalancedBracket),
                (3, Problem::UnknownMarker),
                (4, Problem::BadCode),
                (5, Problem::UnbalancedBracket),
                (6, Problem::UnbalancedBracket),
                (7, Problem::UnbalancedBracket),
            ]
        );
        assert_eq!(dict.entries.len(), 1);
    }
}
