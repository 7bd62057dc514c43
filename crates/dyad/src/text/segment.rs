//! Sentence segmentation.
//!
//! Paragraphs are separated by blank lines. Inside a paragraph a single line break is a space,
//! except after a short line without final punctuation (a subheading) followed by a line that
//! starts a sentence, or before a bullet ("- ", "• ").
//!
//! A sentence ends at `.` `!` `?` `…` (closing quotes and brackets included) followed by white
//! space and a capital letter, digit or opening quote. A period does not end a sentence after a
//! title ("Gen.", "Mr."), before a number after "No." or a month ("Nov. 3"), or after initials,
//! dotted acronyms and company suffixes ("John F. Kennedy", "U.S.", "Inc.") unless the next word
//! is a typical sentence opener ("The", "He", "But", "In" ...).
//!
//! Runaway "sentences" (over [`MAX_SENTENCE_BYTES`] bytes or about [`MAX_SENTENCE_TOKENS`]
//! tokens) are cut at white space, so later stages see bounded input. One pass, linear time.

use super::token::{char_at, clamp, glued_sentence_end, is_closer, is_dotted, is_opener, is_space};
use super::words::Words;
use super::Span;

/// A sentence's place in the text and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// The sentence's bytes, trimmed of surrounding white space.
    pub span: Span,
    /// 0-based paragraph index within the body.
    pub paragraph: usize,
}

/// Longest sentence, in bytes, before it is cut at white space.
pub const MAX_SENTENCE_BYTES: usize = 20_000;
/// Most tokens (words and punctuation marks, roughly counted) in one sentence before it is cut.
pub const MAX_SENTENCE_TOKENS: usize = 2_000;

/// Splits the `body` span of `text` into sentences.
///
/// A span that is out of range or off a character boundary is first shrunk to fit.
pub fn sentences(text: &str, body: Span) -> Vec<SentenceSpan> {
    sentences_cut(text, body, &[])
}

/// Splits the `body` span of `text` into sentences that never cross the start or end of a span
/// of `cuts` (spans in order, not overlapping: the document's boilerplate), so that each cut
/// span holds whole sentences.
pub fn sentences_cut(text: &str, body: Span, cuts: &[Span]) -> Vec<SentenceSpan> {
    let body = clamp(text, body);
    let mut bounds: Vec<usize> = cuts.iter().flat_map(|c| [c.start, c.end]).collect();
    bounds.sort_unstable();
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut para_start = None;
    let mut pos = body.start;
    let split = |ps: usize, pe: usize, paragraph: usize, out: &mut Vec<SentenceSpan>| {
        let from = bounds.partition_point(|&b| b <= ps);
        let to = bounds.partition_point(|&b| b < pe);
        let inside: Vec<usize> = bounds[from..to.max(from)].iter().map(|&b| b - ps).collect();
        split_paragraph(text, Span::new(ps, pe), paragraph, &inside, out);
    };
    for line in text[body.start..body.end].split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        if line.trim_matches(is_space).is_empty() {
            if let Some(ps) = para_start.take() {
                split(ps, start, paragraph, &mut out);
                paragraph += 1;
            }
        } else if para_start.is_none() {
            para_start = Some(start);
        }
    }
    if let Some(ps) = para_start {
        split(ps, body.end, paragraph, &mut out);
    }
    out
}

/// Words that typically open a sentence; after "U.S." or an initial they signal a new one.
const STARTERS: [&str; 96] = [
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "In",
    "On",
    "At",
    "As",
    "By",
    "For",
    "From",
    "With",
    "Without",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "While",
    "When",
    "Where",
    "What",
    "Why",
    "How",
    "Who",
    "Which",
    "If",
    "Although",
    "Though",
    "However",
    "Meanwhile",
    "Also",
    "Still",
    "Then",
    "Now",
    "Today",
    "Yesterday",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "According",
    "Officials",
    "Some",
    "Many",
    "Most",
    "Several",
    "Both",
    "All",
    "Each",
    "No",
    "Not",
    "Neither",
    "Under",
    "Despite",
    "Following",
    "Among",
    "Amid",
    "Instead",
    "Moreover",
    "Furthermore",
    "Separately",
    "Asked",
    "Speaking",
    "One",
    "Such",
    "Another",
    "Nevertheless",
    "Thus",
    "Indeed",
    "Once",
    "Analysts",
    "Critics",
];

/// Abbreviations after which a period never ends a sentence.
const NEVER_FINAL: [&str; 33] = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov", "sen", "rep", "pres", "prof",
    "st", "vs", "mt", "ft", "rev", "hon", "amb", "brig", "cmdr", "cpl", "pvt", "supt", "insp", "messrs", "e.g", "i.e",
    "cf",
];

/// Abbreviations that end a sentence only when a typical sentence opener follows.
const SOMETIMES_FINAL: [&str; 21] = [
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp", "co", "ltd",
    "jr", "sr", "approx", "bros", "al",
];

/// Abbreviations that do not end a sentence before a number ("No. 10", "Nov. 3").
const BEFORE_NUMBER: [&str; 15] = [
    "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
];

fn in_list(list: &[&str], w: &str) -> bool {
    w.len() <= 7 && list.iter().any(|a| a.eq_ignore_ascii_case(w))
}

/// What follows a candidate sentence end.
struct Next<'a> {
    /// The first character after white space and opening quotes.
    first: Option<char>,
    /// An opening quote or bracket came first.
    opener: bool,
    /// The word there (letters only, bounded).
    word: &'a str,
}

impl Next<'_> {
    fn at(s: &str, from: usize) -> Next<'_> {
        let rest = s[from..].trim_start_matches(is_space);
        let after = rest.trim_start_matches(is_opener);
        let n = after
            .char_indices()
            .take_while(|&(k, c)| k < 24 && c.is_alphabetic())
            .last()
            .map_or(0, |(k, c)| k + c.len_utf8());
        Next {
            first: after.chars().next(),
            opener: after.len() < rest.len(),
            word: &after[..n],
        }
    }
    /// Could a sentence start here?
    fn starts_sentence(&self) -> bool {
        self.opener || self.first.is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }
    /// Is the next word a typical sentence opener (or a quote)?
    fn is_starter(&self) -> bool {
        self.opener || STARTERS.contains(&self.word)
    }
}

/// Splits one paragraph, `para` in `text`, into sentences, ending one at each offset of `cuts`
/// (relative to the paragraph, in order).
fn split_paragraph(text: &str, para: Span, paragraph: usize, cuts: &[usize], out: &mut Vec<SentenceSpan>) {
    let p = &text[para.start..para.end];
    let b = p.as_bytes();
    let max_line = p.split('\n').map(|l| l.trim_matches(is_space).len()).max().unwrap_or(0);
    let mut emit =
        |from: usize, to: usize| push_sentence(text, Span::new(para.start + from, para.start + to), paragraph, out);
    let mut sent_start = 0;
    // First byte of the current sentence that is not ASCII white space.
    let mut content: Option<usize> = None;
    let mut line_start = 0;
    let mut i = 0;
    let mut cuts = cuts.iter().copied().filter(|&c| p.is_char_boundary(c)).peekable();
    while i < b.len() {
        // A cut at or before here ends the sentence there.
        while let Some(c) = cuts.next_if(|&c| c <= i) {
            if c > sent_start {
                emit(sent_start, c);
                sent_start = c;
                content = p[c..i].find(|ch: char| !ch.is_ascii_whitespace()).map(|k| c + k);
            }
        }
        if content.is_none() && !b[i].is_ascii_whitespace() {
            content = Some(i);
        }
        match b[i] {
            b'\n' => {
                if heading_ends(p, content, line_start, i, max_line) {
                    emit(sent_start, i);
                    sent_start = i + 1;
                    content = None;
                }
                line_start = i + 1;
                i += 1;
            }
            b'.' | b'!' | b'?' | 0xE2 if b[i] != 0xE2 || p[i..].starts_with('…') => {
                let (end, boundary) = candidate(p, content, i);
                if boundary {
                    emit(sent_start, end);
                    sent_start = end;
                    content = None;
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    for c in cuts {
        if c > sent_start {
            emit(sent_start, c);
            sent_start = c;
        }
    }
    emit(sent_start, b.len());
}

/// Looks at the terminal punctuation starting at `i`: returns where it ends (closing quotes
/// included) and whether a sentence ends there.
fn candidate(p: &str, content: Option<usize>, i: usize) -> (usize, bool) {
    let b = p.as_bytes();
    let mut j = i;
    let (mut periods, mut marks, mut ellipsis) = (0, 0, false);
    loop {
        match b.get(j) {
            Some(b'.') => {
                periods += 1;
                j += 1;
            }
            Some(b'!' | b'?') => {
                marks += 1;
                j += 1;
            }
            Some(0xE2) if p[j..].starts_with('…') => {
                ellipsis = true;
                j += '…'.len_utf8();
            }
            _ => break,
        }
    }
    let end = j + p[j..].len() - p[j..].trim_start_matches(is_closer).len();
    match char_at(p, end) {
        None => return (end, true),
        // "officials said.Ukraine's army": a missing space.
        Some(_) if end == i + 1 && b[i] == b'.' && glued_sentence_end(p, i) => return (end, true),
        Some(c) if !is_space(c) => return (end, false),
        Some(_) => {}
    }
    let next = Next::at(p, end);
    if !next.starts_sentence() {
        return (end, false);
    }
    if marks > 0 {
        // `"What about Iran?" Bugajski asked.`: a quoted question and its attribution.
        let quoted = p[j..end].contains(['"', '”', '’', '\'']);
        return (end, !(quoted && attribution_follows(&p[end..])));
    }
    let before = p[..i].chars().next_back();
    if ellipsis || periods > 1 {
        // "said... The" ends a sentence; an omission "will ... Turkey" does not.
        let attached = before.is_some_and(|c| !is_space(c));
        return (end, attached || next.is_starter());
    }
    // A single period: look at the word before it (bounded, so runs without spaces stay linear).
    let from = i.saturating_sub(40);
    let from = (from..i).find(|&k| p.is_char_boundary(k)).unwrap_or(i);
    let window = &p[from..i];
    let ws = window
        .char_indices()
        .rev()
        .find(|&(_, c)| is_space(c))
        .map(|(k, c)| from + k + c.len_utf8());
    let Some(ws) = ws.or((from == 0).then_some(0)) else {
        return (end, true);
    };
    let word = p[ws..i].trim_start_matches(is_opener);
    let word = word.rsplit('-').next().unwrap_or(word);
    let number = next.first.is_some_and(|c| c.is_ascii_digit());
    let boundary = if word.is_empty() {
        true
    } else if in_list(&NEVER_FINAL, word) || (number && in_list(&BEFORE_NUMBER, word)) {
        false
    } else if word == "X" && matches!(word_before(p, ws), "on" | "via") {
        // "in a statement posted on X. Militants attacked": X, the platform, ends the sentence.
        true
    } else if in_list(&SOMETIMES_FINAL, word) || is_dotted(word) || is_initial(word) {
        next.is_starter()
    } else if word.len() <= 2 && word.bytes().all(|c| c.is_ascii_digit()) && !matches!(content, Some(c) if c < ws) {
        // "1. Turkey agreed": a list number, not a sentence.
        false
    } else {
        true
    };
    (end, boundary)
}

/// The word that ends before byte `at` of `p` (bounded, so runs without spaces stay linear).
fn word_before(p: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(24);
    while !p.is_char_boundary(from) {
        from += 1;
    }
    let w = p[from..at].trim_end_matches(is_space);
    w.rsplit(is_space).next().unwrap_or("")
}

/// Does an attribution follow a quoted question or exclamation ("Bugajski asked.", "Foreign
/// Minister Lavrov said,")? One to four capitalised words, then a verb of saying or another
/// past tense in "-ed", then punctuation.
fn attribution_follows(rest: &str) -> bool {
    let mut cut = rest.len().min(80);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &rest[..cut];
    let mut words = head.split(is_space).filter(|w| !w.is_empty());
    for k in 0..5 {
        let Some(w) = words.next() else { return false };
        let bare = w.trim_end_matches(['.', ',', ';', '!', '?']);
        let verb =
            bare.starts_with(char::is_lowercase) && (bare.ends_with("ed") || Words::embedded().is_speech_verb(bare));
        if k > 0 && bare.len() < w.len() && verb {
            return true;
        }
        if !bare.starts_with(char::is_uppercase) || bare.len() < w.len() {
            return false;
        }
    }
    false
}

fn is_initial(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.next().is_none()
}

/// Function words a heading does not end with.
const CONTINUATIONS: [&str; 22] = [
    "the", "a", "an", "of", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as", "that", "than",
    "but", "its", "their", "his", "her",
];

/// Does the line `[line_start, nl)` end a sentence although it has no final punctuation?
/// Only when the sentence (first content at `content`) began on it, it is short, the next
/// line starts a sentence and the line is not simply hard-wrapped (the next word would have
/// fitted on it).
fn heading_ends(p: &str, content: Option<usize>, line_start: usize, nl: usize, max_line: usize) -> bool {
    let Some(c) = content.filter(|&c| c >= line_start && c < nl) else {
        return false;
    };
    let current = p[c..nl].trim_end_matches(is_space);
    let next_line = p[nl + 1..].trim_start_matches([' ', '\t']);
    if current.is_empty() {
        return false;
    }
    // A bullet on the next line.
    let mut nc = next_line.chars();
    if let Some(bullet @ ('-' | '•' | '*' | '–' | '·')) = nc.next() {
        if nc.next() == Some(' ') && Next::at(next_line, bullet.len_utf8() + 1).starts_sentence() {
            return true;
        }
    }
    let line_len = nl - line_start;
    if line_len > 120
        || !Next::at(p, nl + 1).starts_sentence()
        || current.ends_with(|ch: char| {
            matches!(ch, '.' | '!' | '?' | '…' | ':' | ';' | ',' | '-' | '–' | '—') || is_closer(ch)
        })
    {
        return false;
    }
    let last = current.rsplit(is_space).next().unwrap_or(current);
    if CONTINUATIONS.contains(&last) {
        return false;
    }
    let next_word = next_line.split(is_space).next().unwrap_or("");
    p[line_start..nl].trim_matches(is_space).len() + 1 + next_word.len() <= max_line
}

/// Pushes `[span]` trimmed, cut into pieces at white space when it is too long.
fn push_sentence(text: &str, span: Span, paragraph: usize, out: &mut Vec<SentenceSpan>) {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let mut start = span.start + lead;
    let end = span.start + s.trim_end_matches(is_space).len();
    while start < end {
        let cut = chunk_end(&text[start..end]);
        let piece = &text[start..start + cut];
        let trimmed = piece.trim_end_matches(is_space);
        if !trimmed.is_empty() {
            out.push(SentenceSpan {
                span: Span::new(start, start + trimmed.len()),
                paragraph,
            });
        }
        let rest = &text[start + cut..end];
        start = end - rest.trim_start_matches(is_space).len();
    }
}

/// Where to cut `s`: its end when it is short enough, else the last white space before the
/// limits, else (no white space at all) the limit itself.
fn chunk_end(s: &str) -> usize {
    if s.len() <= 2_000 {
        // Fast path: 2,000 bytes cannot hold more than 2,000 tokens.
        return s.len();
    }
    let mut tokens = 0;
    let mut in_word = false;
    let mut last_space = None;
    for (k, c) in s.char_indices() {
        if k >= MAX_SENTENCE_BYTES || tokens >= MAX_SENTENCE_TOKENS {
            return match last_space {
                Some(sp) if sp > 0 => sp,
                _ => k,
            };
        }
        if is_space(c) {
            in_word = false;
            last_space = Some(k);
        } else if c.is_alphanumeric() {
            if !in_word {
                tokens += 1;
            }
            in_word = true;
        } else {
            tokens += 1;
            in_word = false;
        }
    }
    s.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| s.span.of(text))
            .collect()
    }

    #[test]
    fn basic_boundaries() {
        assert_eq!(
            split("Turkey signed a deal. Azerbaijan welcomed it! Did Iran object? Yes."),
            [
                "Turkey signed a deal.",
                "Azerbaijan welcomed it!",
                "Did Iran object?",
                "Yes."
            ]
        );
        assert_eq!(split("  "), Vec::<&str>::new());
        assert_eq!(split("No final punctuation"), ["No final punctuation"]);
        assert_eq!(
            split("Troops rose by 3,000 in 2025. 12 people died."),
            ["Troops rose by 3,000 in 2025.", "12 people died."]
        );
    }

    #[test]
    fn paragraphs_and_line_breaks() {
        let text = "Erdoğan met Aliyev in\nBaku on Monday. They signed.\n\n  \n\nZelensky's aides said\nnothing.\n";
        let s = sentences(text, Span::new(0, text.len()));
        let got: Vec<(&str, usize)> = s.iter().map(|s| (s.span.of(text), s.paragraph)).collect();
        assert_eq!(
            got,
            [
                ("Erdoğan met Aliyev in\nBaku on Monday.", 0),
                ("They signed.", 0),
                ("Zelensky's aides said\nnothing.", 1)
            ]
        );
    }

    #[test]
    fn subheadings_end_sentences() {
        let text = "Talks in Geneva\nThe two sides met on Monday for the first time since the war ended last year.";
        assert_eq!(
            split(text),
            [
                "Talks in Geneva",
                "The two sides met on Monday for the first time since the war ended last year."
            ]
        );
        let text =
            "The ministers met.\nWhat happens next\nBoth sides will meet again in March in Baku, officials said.";
        assert_eq!(
            split(text),
            [
                "The ministers met.",
                "What happens next",
                "Both sides will meet again in March in Baku, officials said."
            ]
        );
        // Hard-wrapped text is not split where the line is full.
        let text = "The foreign ministers of Turkey and Azerbaijan said on Monday that President\nRecep Tayyip Erdogan would visit Baku next week to sign the agreement.";
        assert_eq!(split(text).len(), 1);
        let text = "Key points\n- Turkey agreed to the plan\n- Azerbaijan agreed too";
        assert_eq!(
            split(text),
            ["Key points", "- Turkey agreed to the plan", "- Azerbaijan agreed too"]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        for s in [
            "The talks began on Nov. 3 in Ankara.",
            "U.S. and U.N. officials met Gen. Smith in Baku.",
            "Mr. Aliyev and Mrs. Aliyeva met Dr. Ahmadi and Lt. Col. Jones.",
            "John F. Kennedy visited Berlin.",
            "H.E. Mr. Ilham Aliyev received the delegation.",
            "Growth was 3.5 percent in v2.0 of the report.",
            "Sanctions hit Acme Inc. Shares fell.",
            "The U.S. President spoke.",
            "They met at No. 10 Downing Street.",
            "e.g. Turkey, i.e. Ankara, approx. 5,000 troops.",
            "He said... and then left.",
            "The ruling was Smith vs. Jones.",
        ] {
            let got = split(s);
            if s.starts_with("Sanctions") {
                assert_eq!(got, ["Sanctions hit Acme Inc. Shares fell."]);
            } else {
                assert_eq!(got, [s], "{s}");
            }
        }
    }

    #[test]
    fn abbreviations_before_sentence_openers_split() {
        assert_eq!(
            split("Turkey sent a note to the U.S. The note was delivered."),
            ["Turkey sent a note to the U.S.", "The note was delivered."]
        );
        assert_eq!(
            split("The deal was signed in Nov. It took effect at once."),
            ["The deal was signed in Nov.", "It took effect at once."]
        );
        assert_eq!(
            split("Iran, Iraq, Syria etc. Turkey objected."),
            ["Iran, Iraq, Syria etc.", "Turkey objected."]
        );
        assert_eq!(
            split("He backed Plan B. But Iran refused."),
            ["He backed Plan B.", "But Iran refused."]
        );
    }

    #[test]
    fn quotes() {
        assert_eq!(split("\"We will sign,\" he said."), ["\"We will sign,\" he said."]);
        assert_eq!(
            split("He said: \"We agreed.\" The talks ended."),
            ["He said: \"We agreed.\"", "The talks ended."]
        );
        assert_eq!(
            split("He said: “We agreed.” The talks ended."),
            ["He said: “We agreed.”", "The talks ended."]
        );
        assert_eq!(
            split("“Why?” he asked. “Because,” Erdoğan said."),
            ["“Why?” he asked.", "“Because,” Erdoğan said."]
        );
        assert_eq!(
            split("The talks ended. \"We agreed,\" he said."),
            ["The talks ended.", "\"We agreed,\" he said."]
        );
        assert_eq!(
            split("It ended (finally.) Then they left."),
            ["It ended (finally.)", "Then they left."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("We waited... The talks failed."),
            ["We waited...", "The talks failed."]
        );
        assert_eq!(split("We waited… Turkey left."), ["We waited…", "Turkey left."]);
        assert_eq!(
            split("We will ... Turkey will decide."),
            ["We will ... Turkey will decide."]
        );
    }

    #[test]
    fn missing_space_after_period() {
        assert_eq!(
            split("Three were killed, officials said.Ukraine's army said it repelled attacks."),
            [
                "Three were killed, officials said.",
                "Ukraine's army said it repelled attacks."
            ]
        );
        assert_eq!(
            split("See reuters.com and Node.js today."),
            ["See reuters.com and Node.js today."]
        );
    }

    #[test]
    fn list_numbers_stay_with_their_item() {
        assert_eq!(
            split("1. Turkey agreed. 2. Iran refused."),
            ["1. Turkey agreed.", "2. Iran refused."]
        );
    }

    #[test]
    fn body_span_is_respected() {
        let text = "Title\n\nANKARA – Turkey said. Iran agreed.\n";
        let start = text.find("Turkey").unwrap();
        let s = sentences(text, Span::new(start, text.len()));
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].span, Span::new(start, start + "Turkey said.".len()));
        assert_eq!(s[1].span.of(text), "Iran agreed.");
        // Out of range or off a char boundary: shrunk, never a panic.
        assert!(sentences("Erdoğan", Span::new(5, 100)).len() <= 1);
        assert!(sentences("Erdoğan", Span::new(6, 2)).is_empty());
    }

    #[test]
    fn runaway_sentences_are_cut() {
        let long = "word ".repeat(10_000);
        let s = sentences(&long, Span::new(0, long.len()));
        assert!(s.len() >= 5);
        for x in &s {
            assert!(x.span.len() <= MAX_SENTENCE_BYTES);
            let t = x.span.of(&long);
            assert!(t.starts_with("word") && t.ends_with("word"));
        }
        let covered: usize = s.iter().map(|x| x.span.of(&long).split(' ').count()).sum();
        assert_eq!(covered, 10_000);
        // No white space at all: cut anyway, on character boundaries.
        let blob = "ğ".repeat(30_000);
        let s = sentences(&blob, Span::new(0, blob.len()));
        assert!(s.len() >= 3);
        assert_eq!(s.iter().map(|x| x.span.len()).sum::<usize>(), blob.len());
        // Punctuation-dense junk is bounded by the token count.
        let junk = ",".repeat(10_000);
        let s = sentences(&junk, Span::new(0, junk.len()));
        assert!(s.iter().all(|x| x.span.len() <= MAX_SENTENCE_TOKENS));
    }

    #[test]
    fn news_abbreviations_and_numbers() {
        for s in [
            "U.S. and U.N. envoys met in Bangui on Jan. 14 to discuss the C.A.R. crisis.",
            "The talks resume on Sept. 3, the No. 2 official of the C.A.R. Army said.",
            "Officials from the C.A.R. Foreign Ministry met John F. Kennedy Jr. and Daniel K. Inouye.",
            "Growth slowed to 2.5 percent from 3.75 percent, said Gen. Charles Brown, commander for U.S. Indo-Pacific Command.",
            "He flew to the U.S. on Monday and met U.S. President Donald Trump.",
            "The Russian Foreign Ministry on Wed. said it would respond.",
        ] {
            assert_eq!(split(s), [s], "{s}");
        }
        assert_eq!(
            split("It was the 20th anniversary of the strikes against the U.S. The Taliban denounced the delay."),
            [
                "It was the 20th anniversary of the strikes against the U.S.",
                "The Taliban denounced the delay."
            ]
        );
        assert_eq!(
            split("Women are barred from many workplaces, including the U.N. In addition, trips are limited."),
            [
                "Women are barred from many workplaces, including the U.N.",
                "In addition, trips are limited."
            ]
        );
    }

    #[test]
    fn the_platform_x_ends_a_sentence() {
        assert_eq!(
            split("\"We reject it,\" the spokesman said in a statement posted on X. Militants attacked a train on Tuesday."),
            [
                "\"We reject it,\" the spokesman said in a statement posted on X.",
                "Militants attacked a train on Tuesday."
            ]
        );
        assert_eq!(
            split("He wrote via X. Police said nothing."),
            ["He wrote via X.", "Police said nothing."]
        );
        // an initial is still an initial
        assert_eq!(
            split("Analyst C. Raja Mohan wrote it."),
            ["Analyst C. Raja Mohan wrote it."]
        );
        assert_eq!(
            split("They met Malcolm X. Jones in Harlem."),
            ["They met Malcolm X. Jones in Harlem."]
        );
    }

    #[test]
    fn a_quoted_question_keeps_its_attribution() {
        assert_eq!(
            split("\"What about neighboring countries?\" Bugajski asked. The talks ended."),
            [
                "\"What about neighboring countries?\" Bugajski asked.",
                "The talks ended."
            ]
        );
        assert_eq!(
            split("“Why now?” Foreign Minister Lavrov said, adding more."),
            ["“Why now?” Foreign Minister Lavrov said, adding more."]
        );
        // a new sentence after a quoted question
        assert_eq!(
            split("\"Why did Iran attack?\" Officials said the motive was unclear."),
            ["\"Why did Iran attack?\"", "Officials said the motive was unclear."]
        );
        assert_eq!(split("Why? Bugajski asked."), ["Why?", "Bugajski asked."]);
    }

    #[test]
    fn cuts_end_sentences() {
        let text = "Swedish Response: Sweden condemned the attack. He said so.\nA New Chapter\nThe two sides met.";
        let cut = |a: &str| {
            let s = text.find(a).unwrap();
            Span::new(s, s + a.len())
        };
        let cuts = [cut("Swedish Response:"), cut("A New Chapter")];
        let got: Vec<&str> = sentences_cut(text, Span::new(0, text.len()), &cuts)
            .iter()
            .map(|s| s.span.of(text))
            .collect();
        assert_eq!(
            got,
            [
                "Swedish Response:",
                "Sweden condemned the attack.",
                "He said so.",
                "A New Chapter",
                "The two sides met."
            ]
        );
        // without cuts, the segmenter's own rules
        assert_eq!(sentences(text, Span::new(0, text.len())).len(), 4);
        // cuts off character boundaries or outside the body are ignored
        let t = "Ĕrdoğan met Aliyev. They agreed.";
        let s = sentences_cut(t, Span::new(0, t.len()), &[Span::new(1, 3), Span::new(100, 200)]);
        assert!(s.iter().all(|x| !x.span.is_empty()));
        assert_eq!(
            s.iter().map(|x| x.span.of(t)).collect::<String>().replace(' ', ""),
            t.replace(' ', "")
        );
    }

    #[test]
    fn junk_does_not_panic() {
        for t in [
            ".",
            "...",
            "…",
            "?!",
            "\"",
            ". . .",
            "A.",
            "\n\n.\n",
            "U.S.",
            "“",
            "ğ.",
            "x.\u{0}",
            "Erdoğan’s.” Āzərbaycan",
            "1.",
            "- ",
            "Head\n- ",
            "a\n\u{2003}\nb",
        ] {
            for s in sentences(t, Span::new(0, t.len())) {
                assert!(!s.span.is_empty());
                assert!(!s.span.of(t).trim().is_empty());
            }
        }
    }
}
