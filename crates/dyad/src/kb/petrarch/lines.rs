//! The layer every reader shares: bytes → text (UTF-8, or Latin-1 in lenient mode), comments
//! removed, blank lines dropped, and small helpers for `[...]` groups.
//!
//! Comments follow the PETRARCH rules: `#` and the legacy KEDS/TABARI `;` end a line;
//! `<!-- ... -->` may sit inside a line or span lines; a line starting `<!` without `--`
//! (`<! -- ... -->`) is a comment up to the next `>`.

use super::diag::{Diag, LineError, PetrarchError, Problem};
use std::borrow::Cow;

/// A line with its comments removed; never blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SourceLine<'a> {
    /// 1-based line number.
    pub(crate) number: usize,
    /// The text without comments, line end or trailing white space; leading white space kept.
    pub(crate) text: Cow<'a, str>,
}

/// How many lines with invalid UTF-8 are reported one by one before a summary.
const MAX_ENCODING_WARNINGS: usize = 20;

/// Windows-1252 for bytes 0x80–0x9F (the rest of Latin-1 maps to the same code point).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn latin1(byte: u8) -> char {
    match byte {
        0x80..=0x9F => CP1252_HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// Decodes a dictionary's bytes. A UTF-8 byte-order mark is dropped. Invalid UTF-8 is an error
/// naming the byte offset in strict mode; in lenient mode each invalid byte is read as
/// Latin-1 (Windows-1252) with a warning per line.
pub(crate) fn decode<'a>(bytes: &'a [u8], diag: &mut Diag) -> Result<Cow<'a, str>, PetrarchError> {
    let (body, base) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, 3),
        None => (bytes, 0),
    };
    let first = match std::str::from_utf8(body) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(e) => e.valid_up_to(),
    };
    let line_at = |offset: usize| 1 + body[..offset.min(body.len())].iter().filter(|&&b| b == b'\n').count();
    if diag.strict {
        return Err(PetrarchError::Encoding {
            file: diag.file.to_string(),
            line: line_at(first),
            offset: base + first,
        });
    }
    let mut out = String::with_capacity(body.len() + body.len() / 8);
    let mut pos = 0;
    // the line of an offset, counted on from the last one asked (offsets only grow): counting
    // from the start for each invalid byte made a file full of them quadratic
    let (mut counted, mut line_so_far) = (0, 1);
    let mut line_at = |offset: usize| {
        let offset = offset.min(body.len());
        line_so_far += body[counted..offset].iter().filter(|&&b| b == b'\n').count();
        counted = offset;
        line_so_far
    };
    let mut last_line = 0;
    let mut lines_warned = 0;
    let mut lines_unreported = 0;
    while pos < body.len() {
        let rest = &body[pos..];
        match std::str::from_utf8(rest) {
            Ok(text) => {
                out.push_str(text);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good).max(1);
                for &b in &rest[good..good + bad] {
                    out.push(latin1(b));
                }
                let offset = pos + good;
                let line = line_at(offset);
                if line != last_line {
                    last_line = line;
                    if lines_warned < MAX_ENCODING_WARNINGS {
                        lines_warned += 1;
                        diag.warn(
                            line,
                            Problem::Encoding,
                            format!("invalid UTF-8 at byte offset {}", base + offset),
                            "decoded as Latin-1 (line kept)",
                        )?;
                    } else {
                        lines_unreported += 1;
                    }
                }
                pos += good + bad;
            }
        }
    }
    if lines_unreported > 0 {
        diag.warn(
            0,
            Problem::Encoding,
            format!("{lines_unreported} more lines with invalid UTF-8"),
            "decoded as Latin-1",
        )?;
    }
    Ok(Cow::Owned(out))
}

/// Splits decoded text into non-blank lines with comments removed. Control characters other
/// than tab are reported (the line is kept); an unclosed `<!--` comment is reported at the end.
pub(crate) fn content_lines<'a>(text: &'a str, diag: &mut Diag) -> Result<Vec<SourceLine<'a>>, PetrarchError> {
    let mut out = Vec::new();
    let mut open_comment: Option<usize> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let number = index + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let stripped = strip_comments(raw, number, &mut open_comment);
        let trimmed_len = stripped.trim_end().len();
        if stripped[..trimmed_len].trim_start().is_empty() {
            continue;
        }
        let text: Cow<'a, str> = match stripped {
            Cow::Borrowed(s) => Cow::Borrowed(&s[..trimmed_len]),
            Cow::Owned(mut s) => {
                s.truncate(trimmed_len);
                Cow::Owned(s)
            }
        };
        if let Some((col, c)) = text.chars().enumerate().find(|&(_, c)| c.is_control() && c != '\t') {
            diag.warn(
                number,
                Problem::ControlCharacter,
                format!("control character U+{:04X} at column {}", u32::from(c), col + 1),
                "line kept as written",
            )?;
        }
        out.push(SourceLine { number, text });
    }
    if let Some(start) = open_comment {
        diag.warn(
            start,
            Problem::Truncated,
            "comment `<!--` is never closed with `-->`",
            "the rest of the file was ignored",
        )?;
    }
    Ok(out)
}

/// Removes comments from one line. `open` holds the line where an unclosed `<!--` began.
fn strip_comments<'a>(line: &'a str, number: usize, open: &mut Option<usize>) -> Cow<'a, str> {
    let mut rest = line;
    let mut kept: Option<Cow<'a, str>> = None;
    fn keep<'a>(piece: &'a str, kept: &mut Option<Cow<'a, str>>) {
        match kept {
            None => *kept = Some(Cow::Borrowed(piece)),
            Some(k) => {
                if !piece.is_empty() {
                    k.to_mut().push(' ');
                    k.to_mut().push_str(piece);
                }
            }
        }
    }
    loop {
        if open.is_some() {
            match rest.find("-->") {
                Some(p) => {
                    *open = None;
                    rest = &rest[p + 3..];
                }
                None => break,
            }
        }
        let hash = rest.find(['#', ';']);
        let xml = rest.find("<!");
        match (hash, xml) {
            (Some(h), x) if x.is_none_or(|x| h < x) => {
                keep(&rest[..h], &mut kept);
                break;
            }
            (_, None) => {
                keep(rest, &mut kept);
                break;
            }
            (_, Some(x)) => {
                keep(&rest[..x], &mut kept);
                let after = &rest[x + 2..];
                if let Some(body) = after.strip_prefix("--") {
                    *open = Some(number);
                    rest = body;
                } else {
                    // `<! ... >`: an SGML-style declaration, closed by the next `>` or the line end.
                    match after.find('>') {
                        Some(p) => rest = &after[p + 1..],
                        None => break,
                    }
                }
            }
        }
    }
    kept.unwrap_or(Cow::Borrowed(""))
}

/// A line split around its `[...]` groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Bracketed<'a> {
    /// Text before the first `[` (untrimmed).
    pub(crate) head: &'a str,
    /// The contents of each group, trimmed.
    pub(crate) groups: Vec<&'a str>,
    /// Non-blank text after the first group (between or after groups), trimmed.
    pub(crate) tail: Vec<&'a str>,
}

/// Splits `text` around its `[...]` groups; nesting and unmatched brackets are errors.
pub(crate) fn brackets(text: &str) -> Result<Bracketed<'_>, LineError> {
    let mut groups = Vec::new();
    let mut tail = Vec::new();
    let mut head = None;
    let mut start = 0;
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('[', None) => {
                if head.is_none() {
                    head = Some(&text[..i]);
                } else {
                    push_trimmed(&mut tail, &text[start..i]);
                }
                open = Some(i);
            }
            ('[', Some(_)) => {
                return Err(LineError::new(
                    Problem::UnbalancedBracket,
                    format!("`[` inside another `[...]` at column {}", column(text, i)),
                ))
            }
            (']', Some(o)) => {
                groups.push(text[o + 1..i].trim());
                open = None;
                start = i + 1;
            }
            (']', None) => {
                return Err(LineError::new(
                    Problem::UnbalancedBracket,
                    format!("`]` without `[` at column {}", column(text, i)),
                ))
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        return Err(LineError::new(
            Problem::UnbalancedBracket,
            format!("`[` at column {} is never closed", column(text, o)),
        ));
    }
    match head {
        None => Ok(Bracketed {
            head: text,
            groups,
            tail,
        }),
        Some(head) => {
            push_trimmed(&mut tail, &text[start..]);
            Ok(Bracketed { head, groups, tail })
        }
    }
}

fn push_trimmed<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    if !s.is_empty() {
        out.push(s);
    }
}

/// The 1-based character column of byte offset `at` in `text`.
pub(crate) fn column(text: &str, at: usize) -> usize {
    text.get(..at).map_or(at, |s| s.chars().count()) + 1
}

/// Checks that `{`/`}` (or another pair) balance without nesting; returns the first problem.
pub(crate) fn check_pair(text: &str, open: char, close: char) -> Result<(), LineError> {
    let mut depth: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c == open {
            if depth.is_some() {
                return Err(LineError::new(
                    Problem::UnbalancedBracket,
                    format!(
                        "`{open}` inside another `{open}...{close}` at column {}",
                        column(text, i)
                    ),
                ));
            }
            depth = Some(i);
        } else if c == close {
            if depth.is_none() {
                return Err(LineError::new(
                    Problem::UnbalancedBracket,
                    format!("`{close}` without `{open}` at column {}", column(text, i)),
                ));
            }
            depth = None;
        }
    }
    match depth {
        Some(i) => Err(LineError::new(
            Problem::UnbalancedBracket,
            format!("`{open}` at column {} is never closed", column(text, i)),
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::diag::LoadOptions;
    use super::*;

    fn lines(text: &str) -> (Vec<(usize, String)>, Vec<String>) {
        let mut diag = Diag::new("t", LoadOptions::default());
        let got = content_lines(text, &mut diag).unwrap();
        (
            got.into_iter().map(|l| (l.number, l.text.into_owned())).collect(),
            diag.warnings.iter().map(|w| w.to_string()).collect(),
        )
    }

    #[test]
    fn comments_of_every_kind_are_removed() {
        let (got, warnings) = lines(
            "<!-- head -->\nA # note\nB ; old\n<!--\n# inside\nstill -->\nC <!-- mid --> D\n<! -- x -->\n\t[X]\n\n  \nE",
        );
        assert_eq!(
            got,
            vec![
                (2, "A".to_string()),
                (3, "B".to_string()),
                (7, "C   D".to_string()),
                (9, "\t[X]".to_string()),
                (12, "E".to_string())
            ]
        );
        assert!(warnings.is_empty(), "{warnings:?}");
    }

    #[test]
    fn unclosed_comment_is_reported_at_its_start() {
        let (got, warnings) = lines("A\n<!-- open\nB\n");
        assert_eq!(got, vec![(1, "A".to_string())]);
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("t:2: truncated"), "{warnings:?}");
    }

    #[test]
    fn control_characters_are_reported_and_kept() {
        let (got, warnings) = lines("LIAMINE_Z\u{1a}ROUAL_\r\n");
        assert_eq!(got, vec![(1, "LIAMINE_Z\u{1a}ROUAL_".to_string())]);
        assert!(warnings[0].contains("U+001A at column 10"), "{warnings:?}");
    }

    #[test]
    fn invalid_utf8_is_an_error_in_strict_mode_with_the_offset() {
        let mut diag = Diag::new("f.txt", LoadOptions::strict());
        let err = decode(b"OK\nCAF\xC9 [FRA]\n", &mut diag).unwrap_err();
        assert_eq!(err.line(), 2);
        let msg = err.to_string();
        assert!(msg.contains("f.txt:2") && msg.contains("byte offset 6"), "{msg}");
    }

    #[test]
    fn latin1_is_decoded_leniently_with_a_warning() {
        let mut diag = Diag::new("f.txt", LoadOptions::default());
        let text = decode(b"\xEF\xBB\xBFOK\nCAF\xC9 \x92X\x92\n", &mut diag).unwrap();
        assert_eq!(text, "OK\nCAFÉ ’X’\n");
        assert_eq!(diag.warnings.len(), 1, "one warning per line");
        assert_eq!(diag.warnings[0].line, 2);
        assert!(
            diag.warnings[0].message.contains("byte offset 9"),
            "{:?}",
            diag.warnings
        );
    }

    #[test]
    fn a_file_full_of_latin1_is_decoded_with_the_right_lines() {
        // every line with two invalid bytes, some lines without: 4,000 invalid bytes in all
        let mut bytes = Vec::new();
        for i in 0..2_000 {
            if i % 3 == 0 {
                bytes.extend_from_slice(b"PLAIN LINE\n");
            }
            bytes.extend_from_slice(b"CAF\xC9 \xC9X\n");
        }
        let mut diag = Diag::new("f.txt", LoadOptions::default());
        let text = decode(&bytes, &mut diag).unwrap();
        assert_eq!(text.matches("CAFÉ ÉX").count(), 2_000);
        let lines: Vec<usize> = diag.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines.len(), MAX_ENCODING_WARNINGS + 1);
        assert_eq!(&lines[..5], [2, 3, 4, 6, 7]);
        assert!(diag.warnings[MAX_ENCODING_WARNINGS]
            .message
            .starts_with(&format!("{} more lines", 2_000 - MAX_ENCODING_WARNINGS)));
    }

    #[test]
    fn brackets_split_and_check() {
        let b = brackets("NAME  [A 1-2] [B] junk").unwrap();
        assert_eq!(b.head, "NAME  ");
        assert_eq!(b.groups, vec!["A 1-2", "B"]);
        assert_eq!(b.tail, vec!["junk"]);
        assert_eq!(brackets("A [B").unwrap_err().problem, Problem::UnbalancedBracket);
        assert_eq!(brackets("A ]").unwrap_err().problem, Problem::UnbalancedBracket);
        assert_eq!(brackets("A [[B]]").unwrap_err().problem, Problem::UnbalancedBracket);
        assert!(check_pair("{A} {B}", '{', '}').is_ok());
        assert!(check_pair("{A {B}}", '{', '}').is_err());
        assert!(check_pair("A}", '{', '}').is_err());
    }
}
