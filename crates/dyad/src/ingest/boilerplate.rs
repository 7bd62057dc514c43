//! Page furniture in an article's body: subheadings, links to other stories, bylines, photo
//! captions and credits. Stored web pages carry them between the paragraphs of the story; they
//! are not news prose, and the analysis leaves the sentences inside them uncoded
//! ([`crate::analysis::Analysis::new`]).
//!
//! Found line by line from general shapes, with the cue words of `data/words/boilerplate.tsv`:
//!
//! - a *unit* is a line standing on its own: a paragraph of one line, or a line of a longer
//!   paragraph that is not hard-wrapped into the next (it ends like a sentence, or the next
//!   line's first word would have fitted on it);
//! - a unit that starts with a navigation cue and does not end like a sentence is a link
//!   ("Related ...", "READ: ...", "OPINION: ...");
//! - a caption starts with a caption cue ("FILE - ...", "Image by ..."), ends with a credit
//!   ("... (AP Photo/Name)", "... [Name/AFP/Getty Images]", "... Photo: AP", "... . EPA"),
//!   places people in the photo ("(left)", ", centre right,") or ends with a full date
//!   without final punctuation ("... in Lappeenranta, Finland, November 16, 2023"); a news
//!   agency credit ending the story ("(Reuters)") is a sign-off, and only the credit is left out;
//! - a byline or publication line (the shapes of the header's meta lines);
//! - a subheading is short (at most [`HEADING_WORDS`] words), has no sentence punctuation, and
//!   prose follows it; so is a label opening a unit ("Swedish Response: ...") and a short run
//!   of words glued to the sentence after it when paragraphs were joined with spaces ("Recent
//!   attacks Since the beginning of the year, ..."), recognised by the capitalised sentence
//!   opener inside it (`opener` words of `data/words/function_words.tsv`).
//!
//! Every test looks at a bounded stretch of its line, so the pass is linear in the body.

use super::document::{ends_like_sentence, meta_line};
use crate::text::dates;
use crate::text::words::{CueKind, Words};
use crate::text::Span;
use serde::Serialize;

/// What a boilerplate part of the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoilerplateKind {
    /// A subheading or a label ("Key points", "Swedish Response:").
    Heading,
    /// A link or label of the site ("Related ...", "READ: ...", "Advertisement").
    Navigation,
    /// A byline or a line of publication data.
    Byline,
    /// A photo caption, a credit or a wire sign-off ("(AP Photo/...)", "Photo: AP", "(Reuters)").
    Caption,
}

/// A part of the body that is not news prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Boilerplate {
    /// Its bytes in the document text.
    pub span: Span,
    /// What it is.
    pub kind: BoilerplateKind,
}

/// Most words of a subheading.
pub const HEADING_WORDS: usize = 12;
/// Most bytes of a subheading.
const HEADING_LEN: usize = 100;
/// Most words of a navigation line.
const NAVIGATION_WORDS: usize = 30;
/// Most words of a caption.
const CAPTION_WORDS: usize = 60;
/// Most words of a credit ("AP Photo/Evan Vucci, File").
const CREDIT_WORDS: usize = 10;
/// Most words of a subheading glued to the sentence after it.
const GLUED_WORDS: usize = 6;
/// A line longer than this is never hard-wrapped into the next.
const WRAP_LEN: usize = 120;

/// How one line was classified before the pass that looks at what follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// News prose.
    Prose,
    /// Boilerplate, whatever follows.
    Sure(BoilerplateKind),
    /// A subheading when prose follows it, else prose.
    Heading,
    /// A caption ending with an agency credit starting at this offset: the whole line when prose
    /// follows, else only the credit.
    AgencyCredit(usize),
    /// Prose ending with a credit starting at this offset: only the credit.
    Credit(usize),
}

/// The boilerplate parts of `body` in `text`, in order and not overlapping.
pub fn find(text: &str, body: Span, words: &Words) -> Vec<Boilerplate> {
    let Some(b) = text.get(body.start..body.end) else {
        return Vec::new();
    };
    // Lines (trimmed spans) and the paragraph each belongs to.
    let mut lines: Vec<(Span, usize)> = Vec::new();
    let mut para = 0;
    let mut pos = body.start;
    let mut blank = false;
    for raw in b.split_inclusive('\n') {
        let t = raw.trim();
        if t.is_empty() {
            blank = true;
        } else {
            if blank && !lines.is_empty() {
                para += 1;
            }
            blank = false;
            let start = pos + (raw.len() - raw.trim_start().len());
            lines.push((Span::new(start, start + t.len()), para));
        }
        pos += raw.len();
    }
    // The longest line of each paragraph, for telling hard-wrapped lines from short ones.
    let mut widest = vec![0; para + 1];
    for &(s, p) in &lines {
        widest[p] = widest[p].max(s.len());
    }
    let of = |k: usize| lines[k].0.of(text);
    // Does line k end its unit?
    let breaks = |k: usize| {
        let (s, p) = lines[k];
        let Some(&(n, np)) = lines.get(k + 1) else {
            return true;
        };
        if np != p {
            return true;
        }
        let line = s.of(text);
        let next = n.of(text);
        let first = next.split_whitespace().next().unwrap_or("");
        ends_like_sentence(line)
            || line.ends_with(':')
            || s.len() > WRAP_LEN
            || s.len() + 1 + first.len() <= widest[p]
            || is_bullet(next)
    };
    let mut units = Vec::with_capacity(lines.len());
    for k in 0..lines.len() {
        let starts = k == 0 || lines[k - 1].1 != lines[k].1 || breaks(k - 1);
        units.push((starts, starts && breaks(k)));
    }
    let classes: Vec<Class> = (0..lines.len())
        .map(|k| {
            if units[k].1 {
                classify(of(k), words)
            } else {
                Class::Prose
            }
        })
        .collect();
    // Backwards: what follows each line decides headings and agency credits.
    let mut kinds: Vec<Option<(usize, BoilerplateKind)>> = vec![None; lines.len()];
    let mut prose_after = false;
    for k in (0..lines.len()).rev() {
        kinds[k] = match classes[k] {
            Class::Prose => None,
            Class::Sure(kind) => Some((0, kind)),
            Class::Heading => prose_after.then_some((0, BoilerplateKind::Heading)),
            Class::AgencyCredit(at) => Some((if prose_after { 0 } else { at }, BoilerplateKind::Caption)),
            Class::Credit(at) => Some((at, BoilerplateKind::Caption)),
        };
        if kinds[k].is_none_or(|(at, _)| at > 0) {
            prose_after = true;
        }
    }
    let mut out = Vec::new();
    for (k, &(s, _)) in lines.iter().enumerate() {
        let line = s.of(text);
        let mut push = |from: usize, to: usize, kind| {
            let span = Span::new(s.start + from, s.start + to);
            if !span.is_empty() {
                out.push(Boilerplate { span, kind });
            }
        };
        match kinds[k] {
            Some((0, kind)) => push(0, line.len(), kind),
            tail => {
                let end = tail.map_or(line.len(), |(at, _)| at);
                let mut from = 0;
                if units[k].0 {
                    if let Some(n) = label(line) {
                        push(0, n, BoilerplateKind::Heading);
                        from = n;
                    }
                }
                for (a, z) in glued_headings(&line[..end], from, words) {
                    push(a, z, BoilerplateKind::Heading);
                }
                if let Some((at, kind)) = tail {
                    push(at, line.len(), kind);
                }
            }
        }
    }
    out
}

/// The first `n` bytes of `s`, or fewer to end on a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    &s[..n]
}

/// "- item", "• item": a bullet.
fn is_bullet(line: &str) -> bool {
    let mut cs = line.chars();
    matches!(cs.next(), Some('-' | '•' | '*' | '–' | '·')) && cs.next() == Some(' ')
}

/// The words of `s` in lower case, trimmed of punctuation at both ends (a word of punctuation
/// only, such as a dash, is kept as it is), split at white space and at `/`; at most `max`.
fn cue_words(s: &str, max: usize) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '/')
        .filter(|w| !w.is_empty())
        .take(max)
        .map(|w| {
            let t = w.trim_matches(|c: char| !c.is_alphanumeric());
            if t.is_empty() { w } else { t }.to_lowercase()
        })
        .collect()
}

/// Classifies a line that stands on its own.
fn classify(line: &str, words: &Words) -> Class {
    let first: Vec<String> = cue_words(line, 8);
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let sentence_end = ends_like_sentence(line);
    let count = line.split_whitespace().take(CAPTION_WORDS + 1).count();
    // Links and site labels.
    if !sentence_end && count <= NAVIGATION_WORDS && words.cue_at(&first, CueKind::Navigation).is_some() {
        return Class::Sure(BoilerplateKind::Navigation);
    }
    // Captions and credits.
    if words.cue_at(&first, CueKind::Caption).is_some() {
        return Class::Sure(BoilerplateKind::Caption);
    }
    if let Some(n) = words.cue_at(&first, CueKind::Photo) {
        // "Photo: AP", "Credit: China Coast Guard via Storyful"
        let lead = line.split_whitespace().nth(n - 1).unwrap_or("");
        if lead.ends_with(':') && count <= CREDIT_WORDS + 1 {
            return Class::Sure(BoilerplateKind::Caption);
        }
    }
    if !sentence_end
        && count <= CREDIT_WORDS
        && ((line.starts_with('(') && line.ends_with(')')) || (line.starts_with('[') && line.ends_with(']')))
    {
        // "(Australian Defence Force)", "(Web editor: Zhang Kaiwei, Liang Jun)"
        return Class::Sure(BoilerplateKind::Caption);
    }
    if count <= CAPTION_WORDS {
        if let Some((at, photo)) = credit_tail(line, words) {
            // a caption is one sentence; a paragraph of several ending with a credit is prose
            let prose = line[..at].trim_end();
            let several = prose.char_indices().any(|(i, c)| {
                matches!(c, '.' | '!' | '?')
                    && i + 2 < prose.len()
                    && prose[i + 1..].starts_with(' ')
                    && prose[i + 2..].starts_with(char::is_uppercase)
            });
            return if several {
                Class::Credit(at)
            } else if photo || at == 0 {
                Class::Sure(BoilerplateKind::Caption)
            } else {
                Class::AgencyCredit(at)
            };
        }
        if places_people(line, words) || (!sentence_end && count >= 6 && ends_with_full_date(line)) {
            return Class::Sure(BoilerplateKind::Caption);
        }
    }
    // Bylines and publication lines.
    if line.len() <= 200 && meta_line(line).is_some() {
        return Class::Sure(BoilerplateKind::Byline);
    }
    // Subheadings.
    let heading = !sentence_end
        && count <= HEADING_WORDS
        && line.len() <= HEADING_LEN
        && !line.ends_with([':', ',', ';'])
        && !is_bullet(line);
    let question = line.ends_with('?') && count <= 8 && !line.contains(['"', '“', '”', '‘', '’']);
    if heading || question {
        return Class::Heading;
    }
    Class::Prose
}

/// A credit at the end of `line`: where it starts and whether it names a photo (else a news
/// agency or an unnamed source). A bracketed group after a sentence, or naming a credit word;
/// or a few words after the last sentence that name one ("Photo: AP", "EPA").
fn credit_tail(line: &str, words: &Words) -> Option<(usize, bool)> {
    let names = |s: &str| {
        let ws = cue_words(s, CREDIT_WORDS + 1);
        let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
        let photo = (0..ws.len()).any(|k| words.cue_at(&ws[k..], CueKind::Photo).is_some());
        let agency = (0..ws.len()).any(|k| words.cue_at(&ws[k..], CueKind::Agency).is_some());
        (photo, agency, ws.len())
    };
    // A bracketed group at the end.
    if let Some(close) = line.chars().next_back().filter(|c| matches!(c, ')' | ']')) {
        let open_ch = if close == ')' { '(' } else { '[' };
        let window = line.len().saturating_sub(160);
        let open = line
            .char_indices()
            .rev()
            .take_while(|&(i, _)| i >= window)
            .find(|&(_, c)| c == open_ch)
            .map(|(i, _)| i)?;
        let inner = &line[open + 1..line.len() - 1];
        let before = line[..open].trim_end();
        let (photo, agency, n) = names(inner);
        let shaped = inner.starts_with(char::is_uppercase)
            && n <= CREDIT_WORDS
            && !inner.contains(['(', ')', '[', ']'])
            && !inner.contains(". ")
            && !ends_like_sentence(inner);
        if shaped && (before.is_empty() || ends_like_sentence(before) || photo || (agency && inner.contains('/'))) {
            return Some((open, photo));
        }
        return None;
    }
    // A tail after the last sentence end: "... yesterday. Photo: AP", "... on Wednesday. EPA".
    if ends_like_sentence(line) {
        return None;
    }
    let window = line.len().saturating_sub(60);
    let at = line
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i >= window)
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && line[i + 1..].starts_with(' ') && i > 0)
        .map(|(i, _)| i + 2)?;
    let tail = &line[at..];
    let (photo, agency, n) = names(tail);
    let first = cue_words(tail, 2);
    let first: Vec<&str> = first.iter().map(String::as_str).collect();
    let labelled = words
        .cue_at(&first, CueKind::Photo)
        .is_some_and(|k| tail.split_whitespace().nth(k - 1).is_some_and(|w| w.ends_with(':')));
    let all_agency = {
        let ws = cue_words(tail, CREDIT_WORDS + 1);
        let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
        let mut k = 0;
        while k < ws.len() {
            match words.cue_at(&ws[k..], CueKind::Agency) {
                Some(m) => k += m,
                None => break,
            }
        }
        k > 0 && (k == ws.len() || tail.contains('/'))
    };
    if n <= 6 && tail.starts_with(char::is_uppercase) && (labelled || all_agency) {
        return Some((at, photo || labelled || (agency && tail.contains('/'))));
    }
    None
}

/// Does a caption place people in its photo: "(left)", ", centre right,"? A position cue is a
/// whole bracketed group or a whole stretch between two commas.
fn places_people(line: &str, words: &Words) -> bool {
    let mut start = 0;
    let mut opened = None;
    for (i, c) in line.char_indices() {
        if !matches!(c, ',' | '(' | ')') {
            continue;
        }
        // the stretch before this delimiter, and the one that opened it
        let closes = matches!((opened, c), (Some('('), ')') | (Some(','), ','));
        if closes && i - start <= 24 {
            let ws = cue_words(&line[start..i], 4);
            let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
            if words.cue_at(&ws, CueKind::Position) == Some(ws.len()) {
                return true;
            }
        }
        opened = Some(c);
        start = i + 1;
    }
    false
}

/// Does `line` end with a full written date ("..., Finland, November 16, 2023")?
fn ends_with_full_date(line: &str) -> bool {
    let mut from = line.len().saturating_sub(40);
    while !line.is_char_boundary(from) {
        from += 1;
    }
    let tail = &line[from..];
    tail.char_indices()
        .filter(|&(i, c)| c.is_alphanumeric() && (i == 0 || tail[..i].ends_with(char::is_whitespace)))
        .any(|(i, _)| {
            dates::written_at(&tail[i..]).is_some_and(|(d, n)| d.year.is_some() && tail[i + n..].trim().is_empty())
        })
}

/// A label opening a line: one to four capitalised words and a colon before a capitalised
/// sentence ("Swedish Response: Swedish Foreign Minister ...", "POLITICAL SPAT: Migrants ...").
/// Returns the label's length, colon included.
fn label(line: &str) -> Option<usize> {
    let head = prefix(line, 60);
    let colon = head.find(": ")?;
    let words: Vec<&str> = head[..colon].split_whitespace().collect();
    if words.is_empty() || words.len() > 4 || !words.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    let rest = line[colon + 1..].trim_start();
    let opens = rest.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\''));
    (opens && rest.split_whitespace().nth(2).is_some()).then_some(colon + 1)
}

/// Short runs of words glued to the sentence after them ("Recent attacks Since the beginning
/// of the year, ..."), as (start, end) offsets in `line` from `from` on.
fn glued_headings(line: &str, from: usize, words: &Words) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut starts = vec![from];
    // sentence starts: after [.!?…], closing quotes and white space
    let b = line.as_bytes();
    let mut i = from;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            let rest = &line[j..];
            j += rest.len() - rest.trim_start_matches(['"', '\'', '”', '’', ')']).len();
            let rest = &line[j..];
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 && j + ws < line.len() {
                starts.push(j + ws);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    let mut done = from;
    for s in starts {
        if s < done {
            continue;
        }
        if let Some(end) = glued_at(&line[s..], words) {
            out.push((s, s + end));
            done = s + end;
        }
    }
    out
}

/// At the start of `s`: one to [`GLUED_WORDS`] words, then a capitalised sentence opener ("The", "If",
/// "Since") followed by a lower-case word. Returns where the opener starts, trailing space
/// excluded from the run.
fn glued_at(s: &str, words: &Words) -> Option<usize> {
    if !s.starts_with(|c: char| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\'')) {
        return None;
    }
    let head = prefix(s, 120);
    let mut items = head
        .split(' ')
        .scan(0usize, |pos, w| {
            // byte offset of each word in s
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty());
    let mut before: Vec<&str> = Vec::new();
    let mut prev: Option<(usize, &str)> = None;
    for _ in 0..GLUED_WORDS + 2 {
        let (at, w) = items.next()?;
        if let Some((_, pw)) = prev {
            let candidate = !before.is_empty() && before.len() <= GLUED_WORDS;
            let capital = w.starts_with(char::is_uppercase) && w.chars().skip(1).all(|c| c.is_lowercase());
            if candidate && capital && words.function_word(&w.to_lowercase()).is_some_and(|f| f.opener) {
                let next = head[at + w.len()..].trim_start();
                let ok_before = !pw.ends_with([',', ':', ';', '—', '–', '-']);
                if next.starts_with(char::is_lowercase) && ok_before {
                    return Some(s[..at].trim_end().len());
                }
            }
        }
        // a word ending a sentence or clause (closing quotes aside), or an abbreviation, ends the run
        if w.trim_end_matches(['"', '\'', '”', '’', ')'])
            .ends_with(['.', '!', '?', ':', ';'])
        {
            return None;
        }
        before.push(w);
        prev = Some((at, w));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Vec<(&str, BoilerplateKind)> {
        find(body, Span::new(0, body.len()), Words::embedded())
            .into_iter()
            .map(|b| (b.span.of(body), b.kind))
            .collect()
    }

    use BoilerplateKind::*;

    #[test]
    fn subheadings_between_paragraphs() {
        let body = "Turkey and Greece signed the accord on Monday.\n\nA New Chapter\n\nThe two sides also agreed to meet again in March.\n";
        assert_eq!(found(body), [("A New Chapter", Heading)]);
        // glued to the next line, without a blank line
        let body = "The ministers met on Monday.\nTALKS ON THE BORDER\nThe two sides agreed to open two crossings.";
        assert_eq!(found(body), [("TALKS ON THE BORDER", Heading)]);
        // a quoted subheading
        let body = "Iran said it was ready.\n\n\"Friends and Neighbours\"\n\nIraq agreed.";
        assert_eq!(found(body), [("\"Friends and Neighbours\"", Heading)]);
        // with nothing after it, a short line is left alone (it may be all there is)
        assert!(found("Iran condemns the strike").is_empty());
        assert!(found("Iran said so.\n\nTalks to resume soon").is_empty());
        // a lead without a final period is too long for a subheading
        let body = "The ministry on Monday summoned the ambassador in Moscow over an incident at the embassy in Ottawa\n\nIt said so.";
        assert!(found(body).is_empty());
    }

    #[test]
    fn hard_wrapped_lines_are_not_units() {
        let body = "The foreign ministers of Turkey and Azerbaijan said on Monday that the\nPresident Recep Tayyip Erdogan would visit Baku next week to sign it.\nMore text follows here.";
        assert!(found(body).is_empty());
        // bullets are content
        let body = "Key points\n- Turkey agreed to the plan\n- Azerbaijan agreed too\n\nThe deal was signed.";
        assert_eq!(found(body), [("Key points", Heading)]);
    }

    #[test]
    fn navigation_lines() {
        let body = "Australia and Papua New Guinea signed a deal.\n\nRelated PNG says detained refugees are Australia's responsibility\n\nREAD: Red Cross visits ship's crew for first time since being detained in the port\n\nAdvertisement\n\nMarape said so.\n\nOPINION: The uncomfortable truth about the camp, the capital of grief and agony";
        assert_eq!(
            found(body),
            [
                (
                    "Related PNG says detained refugees are Australia's responsibility",
                    Navigation
                ),
                (
                    "READ: Red Cross visits ship's crew for first time since being detained in the port",
                    Navigation
                ),
                ("Advertisement", Navigation),
                (
                    "OPINION: The uncomfortable truth about the camp, the capital of grief and agony",
                    Navigation
                ),
            ]
        );
        // a sentence that starts with a cue word is prose
        assert!(found("Related talks were held in Geneva on Monday, officials said.\n\nMore.").is_empty());
    }

    #[test]
    fn captions_and_credits() {
        let body = "Spain summoned the ambassador.\n\nMigrants arrive at the enclave near the border yesterday. Photo: AP\n\nMorocco recalled its envoy.";
        assert_eq!(found(body)[0].1, Caption);
        assert_eq!(found(body).len(), 1);
        let body = "Egypt welcomed the visit.\n\nThe president, centre right, welcomes his Turkish counterpart, centre left, at the airport on Wednesday. EPA\n\nThe two countries restored ties.";
        assert_eq!(
            found(body),
            [(
                "The president, centre right, welcomes his Turkish counterpart, centre left, at the airport on Wednesday. EPA",
                Caption
            )]
        );
        let body = "An aircraft delivers the first load of aid to the airport. (Australian Defence Force)\n\nThe ministry said it would send more.";
        assert_eq!(found(body).len(), 1);
        assert_eq!(found(body)[0].1, Caption);
        let body =
            "Defence Minister Smith on 26 March 2010 [John Doe/AFP/Getty Images]\n\nThe minister warned the group.";
        assert_eq!(found(body)[0].1, Caption);
        let body = "FILE - The president speaks during a news conference in the capital, Jan. 3, 2024. (AP Photo/Jane Roe, File)\n\nHe said so.";
        assert_eq!(found(body).len(), 1);
        let body = "Border guards escort asylum seekers at the border station in Lappeenranta, Finland, November 16, 2023\n\nThe Kremlin said Finland was making a mistake.";
        assert_eq!(found(body)[0].1, Caption);
        let body = "The ministry said so.\n\nImage by John Doe on Shutterstock";
        assert_eq!(found(body), [("Image by John Doe on Shutterstock", Caption)]);
        let body = "The ministry said so.\n\nCredit: Coast Guard via Storyful";
        assert_eq!(found(body), [("Credit: Coast Guard via Storyful", Caption)]);
        let body = "Zhou said the two countries should continue.\n\n(Web editor: Jane Roe, John Doe)";
        assert_eq!(found(body), [("(Web editor: Jane Roe, John Doe)", Caption)]);
    }

    #[test]
    fn a_credit_after_several_sentences_leaves_them() {
        let body = "The shoal is an atoll in the sea, lying west of the island. The atoll is occupied by the Philippines. Credit: Coast Guard via Storyful\n\nChina said so.";
        assert_eq!(found(body), [("Credit: Coast Guard via Storyful", Caption)]);
    }

    #[test]
    fn a_sign_off_leaves_its_sentence() {
        let body = "Russia expelled the diplomats.\nThe ministry called the move unacceptable in a symmetrical response. (ANI/Xinhua)";
        assert_eq!(found(body), [("(ANI/Xinhua)", Caption)]);
        // a bracket inside prose is not a credit
        let body = "Troops crossed the Line of Actual Control (LAC)\n\nThe army said so.";
        assert!(found(body).is_empty() || found(body)[0].0 != "(LAC)");
        assert!(found("The talks ended (finally). Then they left.\n\nMore.").is_empty());
    }

    #[test]
    fn bylines_in_the_body() {
        let body = "Jordan said so.\n\nBy AFP Published: Wed 1 Nov 2023, 7:48 PM Last updated: Wed 1 Nov 2023, 7:57 PM\n\nJordan recalled its envoy.";
        assert_eq!(found(body)[0].1, Byline);
        let body = "Jane Doe Published September 19, 2022 | 08:32 PM\n\nThe ministry summoned the envoy.";
        assert_eq!(found(body)[0].1, Byline);
    }

    #[test]
    fn labels_opening_a_paragraph() {
        let body = "Swedish Response: Swedish Foreign Minister Tobias Billstrom condemned the attacks.\n\nAftermath: By dawn on Thursday, security forces were present.";
        assert_eq!(found(body), [("Swedish Response:", Heading), ("Aftermath:", Heading)]);
        // not a label: lower-case words, or no sentence after it
        assert!(found("He said: \"We will respond.\"\n\nMore.").is_empty());
        assert!(found("The ministry said on Monday: Turkey agreed.").is_empty());
    }

    #[test]
    fn glued_subheadings() {
        let body = "India backed the deal. Recent attacks Since the beginning of the year, the group has raided posts. A final decision If the card is revoked, the person is deported.";
        assert_eq!(
            found(body),
            [("Recent attacks", Heading), ("A final decision", Heading)]
        );
        let body = "Trade rose. Ties with the island rising fast While most analysts agree, it is wary.";
        assert_eq!(found(body), [("Ties with the island rising fast", Heading)]);
        // seven words are a sentence, not a subheading
        let body = "Trade rose. Trade ties with the island rising fast While most analysts agree, it is wary.";
        assert!(found(body).is_empty());
        let body = "He spoke. ‘We are very concerned ’ In a statement, the groups said so.";
        assert_eq!(found(body), [("‘We are very concerned ’", Heading)]);
        for prose in [
            "Talks in The Hague resumed on Monday.",
            "Plan A is the best one, he said.",
            "The report was published on Wed 1 Nov 2023 at 7:48 PM The talks ended.",
            "Officials of the U.S. The talks ended.",
            "The ministers met. They agreed. In the end, nothing changed.",
            "Air Force One landed in Berlin.",
            "He met officials, The groups said so.",
            "He said: “It’s one person. It’s President Trump.” With the added duty, bills rose.",
        ] {
            assert!(
                found(&format!("{prose} More text here."))
                    .iter()
                    .all(|(_, k)| *k != Heading),
                "{prose}"
            );
        }
    }

    #[test]
    fn huge_lines_are_linear_and_safe() {
        let big = "Turkey said it would sign the accord soon. ".repeat(50_000);
        let t = std::time::Instant::now();
        assert!(found(&big).is_empty());
        // many short lines, and a line of commas and brackets
        let lines = "Key points\n\nTurkey agreed.\n\n".repeat(50_000);
        assert_eq!(found(&lines).len(), 50_000);
        let commas = format!("He said, {}(left) so.", ", (".repeat(100_000));
        let _ = found(&commas);
        let dots = "A. B. C. The ".repeat(50_000);
        let _ = found(&dots);
        assert!(t.elapsed().as_secs() < 10, "{:?}", t.elapsed());
        for junk in [
            "",
            "(",
            ")",
            "[]",
            ". .",
            "Ş: Ğ",
            "A: B C D",
            "(Ş)",
            "x. EPA",
            "-\n- ",
            "ğ.\u{0} EPA",
        ] {
            let _ = found(junk);
        }
        // multi-byte characters around every cut-off
        for n in 0..8 {
            let line = format!(
                "{}Ş Ğ: Āzərbaycan “Ş” İ ğ. Ü ö ş ç ğ ı. {}",
                "x".repeat(n),
                "Ş".repeat(80)
            );
            let _ = found(&format!("Iran said so.\n\n{line}\n\nMore text."));
            let _ = found(&format!("Iran said so. {line} (Ş{}Ğ)", "ş".repeat(70)));
        }
    }
}
