//! Issue lists (`*.IssueCoding.txt`): phrases tagged with an issue code, grouped in
//! `<ISSUE CATEGORY="...">` sections, with `~` (sentence) and `~~` (story) exclusions.
//!
//! ```text
//! <ISSUE CATEGORY="ID_ATROCITY" TYPE="ALL">
//! n:atrocity [ID_ATROCITY]
//! ethnic v:purge [ID_ATROCITY]
//! al+zarqawi network [NAMED_TERROR_GROUP]
//! ~Saturday Night massacre
//! ~~Armenian genocide
//! </ISSUE>
//! ```
//!
//! In a phrase, `n:WORD` stands for the noun and its plural, `v:WORD` for the regular verb
//! forms, and `A+B` for both `A B` and `A-B` ([`IssueEntry::forms`] expands them).

use super::diag::{Diag, DictionaryFile, LineError, LoadOptions, Origin, PetrarchError, Problem, Warning};
use super::lines::{brackets, content_lines, decode};
use super::phrase::{plural, verb_forms};

/// Expansions beyond this many forms per entry are dropped.
const MAX_FORMS: usize = 4096;

/// The entries of one issue list.
#[derive(Clone, Debug, Default)]
pub struct IssueList {
    /// The `<ISSUE ...>` sections, in file order.
    pub categories: Vec<IssueCategory>,
    /// The phrases, in file order.
    pub entries: Vec<IssueEntry>,
    /// The file, as named by the caller.
    pub file: String,
    /// Problems met in lenient mode.
    pub warnings: Vec<Warning>,
}

/// An `<ISSUE CATEGORY="..." TYPE="...">` section.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueCategory {
    /// The `CATEGORY` attribute.
    pub name: String,
    /// The `TYPE` attribute, if any.
    pub kind: Option<String>,
    /// Where the section opens.
    pub origin: Origin,
}

/// One issue phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueEntry {
    /// The phrase as written, with its `n:`, `v:` and `+` markers.
    pub phrase: String,
    /// What a match means.
    pub kind: IssueKind,
    /// Index of its section in [`IssueList::categories`], if inside one.
    pub category: Option<usize>,
    /// Where it was read.
    pub origin: Origin,
}

/// What an issue phrase does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IssueKind {
    /// Tags the sentence with this issue code.
    Code(String),
    /// `~`: no issue is coded for a sentence containing it.
    IgnoreSentence,
    /// `~~`: no issue is coded for a story containing it.
    IgnoreStory,
}

impl IssueEntry {
    /// The code, for a coding phrase.
    pub fn code(&self) -> Option<&str> {
        match &self.kind {
            IssueKind::Code(c) => Some(c),
            _ => None,
        }
    }

    /// Every literal form the phrase stands for, upper case, with `n:`, `v:` and `+` expanded
    /// (`pre+n:school` → `PRE SCHOOL`, `PRE SCHOOLS`, `PRE-SCHOOL`, `PRE-SCHOOLS`).
    pub fn forms(&self) -> Vec<String> {
        let mut forms = vec![String::new()];
        for token in self.phrase.split_whitespace() {
            let variants = token_variants(token);
            let mut next = Vec::with_capacity(forms.len() * variants.len());
            'outer: for f in &forms {
                for v in &variants {
                    if next.len() >= MAX_FORMS {
                        break 'outer;
                    }
                    next.push(if f.is_empty() { v.clone() } else { format!("{f} {v}") });
                }
            }
            forms = next;
        }
        forms
            .into_iter()
            .map(|f| f.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase())
            .filter(|f| !f.is_empty())
            .collect()
    }
}

/// The variants of one blank-free token: `+` → blank or hyphen, `n:`/`v:` → inflections.
fn token_variants(token: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for (i, part) in token.split('+').enumerate() {
        let forms: Vec<String> = if let Some(w) = strip_prefix_ci(part, "n:") {
            vec![w.to_string(), plural(w)]
        } else if let Some(w) = strip_prefix_ci(part, "v:") {
            let [third, past, ing] = verb_forms(w);
            vec![w.to_string(), third, past, ing]
        } else {
            vec![part.to_string()]
        };
        let seps: &[&str] = if i == 0 { &[""] } else { &[" ", "-"] };
        let mut next = Vec::with_capacity(out.len() * seps.len() * forms.len());
        for o in &out {
            for s in seps {
                for f in &forms {
                    if next.len() < MAX_FORMS {
                        next.push(format!("{o}{s}{f}"));
                    }
                }
            }
        }
        out = next;
    }
    out
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
        .filter(|w| !w.is_empty())
}

impl IssueList {
    /// The entries tagged with `code`.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a IssueEntry> + 'a {
        self.entries.iter().filter(move |e| e.code() == Some(code))
    }
}

impl DictionaryFile for IssueList {
    fn parse(file: &str, bytes: &[u8], options: LoadOptions) -> Result<Self, PetrarchError> {
        let mut diag = Diag::new(file, options);
        let text = decode(bytes, &mut diag)?;
        let lines = content_lines(&text, &mut diag)?;
        let mut list = IssueList {
            file: file.to_string(),
            ..IssueList::default()
        };
        let mut open: Option<usize> = None;
        for line in &lines {
            let n = line.number;
            let t = line.text.trim();
            if let Some(tag) = t.strip_prefix('<') {
                let Some(tag) = tag.strip_suffix('>') else {
                    diag.warn(n, Problem::UnbalancedBracket, "tag without closing `>`", "line skipped")?;
                    continue;
                };
                let tag = tag.trim();
                if tag.eq_ignore_ascii_case("/ISSUE") {
                    if open.take().is_none() {
                        diag.warn(n, Problem::OutOfPlace, "`</ISSUE>` without `<ISSUE>`", "line skipped")?;
                    }
                } else if tag.get(..6).is_some_and(|t| t.eq_ignore_ascii_case("ISSUE ")) {
                    let Some(name) = attribute(tag, "CATEGORY") else {
                        diag.warn(n, Problem::Syntax, "`<ISSUE>` without CATEGORY=\"...\"", "line skipped")?;
                        continue;
                    };
                    if let Some(prev) = open {
                        let c = &list.categories[prev];
                        let (name, at) = (c.name.clone(), c.origin.line);
                        diag.warn(
                            n,
                            Problem::Truncated,
                            format!("section {name} opened at line {at} is not closed before this one"),
                            "a new section starts",
                        )?;
                    }
                    list.categories.push(IssueCategory {
                        name,
                        kind: attribute(tag, "TYPE"),
                        origin: diag.origin(n),
                    });
                    open = Some(list.categories.len() - 1);
                } else {
                    diag.warn(n, Problem::Syntax, format!("unknown tag `<{tag}>`"), "line skipped")?;
                }
                continue;
            }
            let (kind, body) = if let Some(b) = t.strip_prefix("~~") {
                (Some(IssueKind::IgnoreStory), b)
            } else if let Some(b) = t.strip_prefix('~') {
                (Some(IssueKind::IgnoreSentence), b)
            } else {
                (None, t)
            };
            let pairs = match phrase_code_pairs(body) {
                Ok(p) => p,
                Err(e) => {
                    diag.skip(n, e, "line skipped")?;
                    continue;
                }
            };
            let push = |list: &mut IssueList, phrase: &str, kind: IssueKind, diag: &Diag| {
                list.entries.push(IssueEntry {
                    phrase: phrase.to_string(),
                    kind,
                    category: open,
                    origin: diag.origin(n),
                });
            };
            if let Some(kind) = kind {
                if pairs.codes.is_empty() && pairs.tail.is_empty() {
                    push(&mut list, pairs.first, kind, &diag);
                } else {
                    diag.warn(n, Problem::Syntax, "an exclusion (`~`) takes no [code]", "line skipped")?;
                }
                continue;
            }
            if pairs.codes.is_empty() {
                diag.warn(
                    n,
                    Problem::MissingCode,
                    "phrase without an [ISSUE_CODE]",
                    "line skipped",
                )?;
                continue;
            }
            let mut last: Option<&str> = None;
            for (i, (phrase, code)) in pairs.codes.iter().enumerate() {
                if !is_issue_code(code) {
                    diag.warn(n, Problem::BadCode, format!("bad issue code `{code}`"), "entry skipped")?;
                    continue;
                }
                if phrase.is_empty() {
                    if i == 0 {
                        diag.warn(n, Problem::Syntax, "code without a phrase", "line skipped")?;
                    } else if last == Some(*code) {
                        diag.warn(n, Problem::Syntax, format!("code [{code}] repeated"), "kept once")?;
                    } else {
                        diag.warn(
                            n,
                            Problem::Syntax,
                            format!("second code [{code}] for one phrase"),
                            "ignored",
                        )?;
                    }
                    continue;
                }
                if i > 0 {
                    diag.warn(
                        n,
                        Problem::Syntax,
                        format!("second entry `{phrase} [{code}]` on one line"),
                        "kept (better on its own line)",
                    )?;
                }
                push(&mut list, phrase, IssueKind::Code((*code).to_string()), &diag);
                last = Some(code);
            }
            if !pairs.tail.is_empty() {
                diag.warn(
                    n,
                    Problem::Syntax,
                    format!("text `{}` after the code", pairs.tail),
                    "ignored, entry kept",
                )?;
            }
        }
        if let Some(prev) = open {
            let c = &list.categories[prev];
            let (name, at) = (c.name.clone(), c.origin.line);
            diag.warn(
                at,
                Problem::Truncated,
                format!("section {name} is never closed with `</ISSUE>`"),
                "closed at the end of the file",
            )?;
        }
        list.warnings = diag.finish();
        Ok(list)
    }

    fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    fn entry_count(&self) -> usize {
        self.entries.len()
    }
}

/// `NAME="value"` inside a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let upper = tag.to_ascii_uppercase();
    let mut from = 0;
    while let Some(p) = upper[from..].find(name) {
        let at = from + p;
        let rest = tag[at + name.len()..].trim_start();
        if let Some(value) = rest
            .strip_prefix('=')
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('"'))
        {
            return value.split_once('"').map(|(v, _)| v.trim().to_string());
        }
        from = at + name.len();
    }
    None
}

fn is_issue_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

struct Pairs<'a> {
    first: &'a str,
    codes: Vec<(&'a str, &'a str)>,
    tail: &'a str,
}

/// `phrase [CODE] phrase [CODE] ...`, brackets checked.
fn phrase_code_pairs(body: &str) -> Result<Pairs<'_>, LineError> {
    brackets(body)?;
    let mut codes = Vec::new();
    let mut rest = body;
    while let Some((before, after)) = rest.split_once('[') {
        let (code, next) = after.split_once(']').unwrap_or((after, ""));
        codes.push((before.trim(), code.trim()));
        rest = next;
    }
    let tail = if codes.is_empty() { "" } else { rest.trim() };
    Ok(Pairs {
        first: body.trim(),
        codes,
        tail,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sections_codes_exclusions_and_expansions() {
        let text = "# Issues\n<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:preschool [EARLY_CHILDHOOD_EDUCATION]\n\
                    pre+n:school [EARLY_CHILDHOOD_EDUCATION]\nethnic v:purge [ID_ATROCITY]\n~a head start\n~~Armenian genocide  # history\n\
                    </ISSUE>\nloose [LOOSE]\n";
        let list = IssueList::parse("t.issues", text.as_bytes(), LoadOptions::strict()).unwrap();
        assert_eq!(list.categories.len(), 1);
        assert_eq!(list.categories[0].name, "EDUCATION");
        assert_eq!(list.categories[0].kind.as_deref(), Some("ALL"));
        assert_eq!(list.entries.len(), 6);
        assert_eq!(list.entries[0].code(), Some("EARLY_CHILDHOOD_EDUCATION"));
        assert_eq!(list.entries[0].forms(), ["PRESCHOOL", "PRESCHOOLS"]);
        assert_eq!(
            list.entries[1].forms(),
            ["PRE SCHOOL", "PRE SCHOOLS", "PRE-SCHOOL", "PRE-SCHOOLS"]
        );
        assert_eq!(
            list.entries[2].forms(),
            ["ETHNIC PURGE", "ETHNIC PURGES", "ETHNIC PURGED", "ETHNIC PURGING"]
        );
        assert_eq!(list.entries[3].kind, IssueKind::IgnoreSentence);
        assert_eq!(list.entries[4].kind, IssueKind::IgnoreStory);
        assert_eq!(list.entries[4].phrase, "Armenian genocide");
        assert_eq!(list.entries[4].category, Some(0));
        assert_eq!(list.entries[5].category, None);
        assert_eq!(list.with_code("LOOSE").count(), 1);
    }

    #[test]
    fn odd_lines_are_reported() {
        let text = "<ISSUE CATEGORY=\"A\">\neuropean central bank\naqim [NTG] [NTG]\nx [NTG]y [NTG]\nltte [NTG]****\n\
                    bad [NT G]\nopen [X\n<ISSUE CATEGORY=\"B\">\n";
        let list = IssueList::parse("t", text.as_bytes(), LoadOptions::default()).unwrap();
        let got: Vec<(usize, Problem)> = list.warnings.iter().map(|w| (w.line, w.problem)).collect();
        assert_eq!(
            got,
            vec![
                (2, Problem::MissingCode),
                (3, Problem::Syntax),
                (4, Problem::Syntax),
                (5, Problem::Syntax),
                (6, Problem::BadCode),
                (7, Problem::UnbalancedBracket),
                (8, Problem::Truncated),
                (8, Problem::Truncated),
            ]
        );
        let phrases: Vec<&str> = list.entries.iter().map(|e| e.phrase.as_str()).collect();
        assert_eq!(phrases, ["aqim", "x", "y", "ltte"]);
    }
}
