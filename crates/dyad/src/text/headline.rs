//! Headlines for the tagger. A headline in Title Case ("Turkey Threatens US With Retaliation if
//! Sanctions Are Imposed") reads to a tagger trained on running text as a string of names. Its
//! sentence-case view lower-cases the words that are not names, judging each by how the article's
//! body writes it (capitalised inside a sentence: a name; in lower case: a common word), by the
//! function words of `data/words/function_words.tsv`, and by names the caller knows (knowledge-base
//! matches). Acronyms ("US", "NATO") and the first word keep their case.
//!
//! The view has the same bytes as the title but for the case of some letters (a letter whose lower
//! case is written with another number of bytes is left as it is), so a token's span in the view is
//! its span in the title ([`super::tag_view`]).

use super::words::Words;
use super::Span;
use rustc_hash::FxHashMap;

/// Only the first words of a long title are paired against the body (each pair is a search of
/// the body).
const MAX_PAIRED_WORDS: usize = 24;

/// How a headline is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Casing {
    /// Like a sentence: lower-case words other than function words ("Iraq says key leader is dead").
    Sentence,
    /// Every word but function words capitalised ("Turkey Threatens US With Retaliation").
    Title,
    /// All capitals ("TURKEY THREATENS US").
    Upper,
}

/// The words of `s`: runs of letters, digits, apostrophes and periods (between letters), as
/// (start, end) byte offsets; hyphens and other punctuation separate words.
fn words_of(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let inner = c.is_alphanumeric() || (start.is_some() && matches!(c, '\'' | '’' | '.'));
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, s.len()));
    }
    // trailing apostrophes and periods belong to the punctuation ("Sanctions'", "Imposed.")
    for w in &mut out {
        w.1 = w.0 + s[w.0..w.1].trim_end_matches(['\'', '’', '.']).len();
    }
    out.retain(|w| w.1 > w.0);
    out
}

/// The part of a word a dictionary knows: before an apostrophe ("It'll" → "It").
fn stem_of(w: &str) -> &str {
    w.split(['\'', '’']).next().unwrap_or(w)
}

/// How `title` is written.
pub fn casing(title: &str, words: &Words) -> Casing {
    let ws = words_of(title);
    let letters: Vec<&str> = ws
        .iter()
        .map(|&(a, z)| &title[a..z])
        .filter(|w| w.starts_with(char::is_alphabetic))
        .collect();
    if letters.len() >= 2 && title.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) {
        return Casing::Upper;
    }
    let content: Vec<&&str> = letters
        .iter()
        .skip(1)
        .filter(|w| words.function_word(&stem_of(w).to_lowercase()).is_none())
        .collect();
    if content.len() >= 2 && content.iter().all(|w| w.starts_with(char::is_uppercase)) {
        Casing::Title
    } else {
        Casing::Sentence
    }
}

/// How the body writes a word inside sentences: (capitalised, lower case) counts.
type Evidence = FxHashMap<String, (u32, u32)>;

/// Counts, for the lower-case forms in `wanted`, how `body` writes them inside sentences
/// (a word after sentence punctuation, a colon, a quote or a line start is not counted).
fn evidence(body: &str, wanted: &[String]) -> Evidence {
    let mut ev: Evidence = wanted.iter().map(|w| (w.clone(), (0, 0))).collect();
    let mut lower = String::new();
    let mut prev: Option<char> = None;
    for (a, z) in words_of(body) {
        let w = &body[a..z];
        let before = body[..a].trim_end_matches([' ', '\t']);
        let opens = before.is_empty()
            || before.ends_with(['.', '!', '?', ':', '\n', '"', '“', '‘', '\'', '(', '—', '–', '-', '…'])
            || prev.is_none();
        prev = w.chars().next();
        lower.clear();
        lower.extend(stem_of(w).chars().flat_map(char::to_lowercase));
        if let Some(e) = ev.get_mut(lower.as_str()) {
            if w.starts_with(char::is_lowercase) {
                e.1 += 1;
            } else if !opens && w.starts_with(char::is_uppercase) {
                e.0 += 1;
            }
        }
    }
    ev
}

/// Lower-cases `w` in place where a letter's lower case has the same length; `all` lower-cases
/// every letter, else only the first.
fn lower_in_place(out: &mut String, a: usize, z: usize, all: bool) {
    let word: String = out[a..z].to_string();
    let mut rebuilt = String::with_capacity(word.len());
    for (k, c) in word.chars().enumerate() {
        let mut l = c.to_lowercase();
        let one = l.next();
        match one {
            Some(x) if (all || k == 0) && l.next().is_none() && x.len_utf8() == c.len_utf8() => rebuilt.push(x),
            _ => rebuilt.push(c),
        }
    }
    out.replace_range(a..z, &rebuilt);
}

/// Upper-cases the first letter of `w` in place where its upper case has the same length.
fn capitalise_in_place(out: &mut String, a: usize) {
    let Some(c) = out[a..].chars().next() else { return };
    let mut u = c.to_uppercase();
    if let (Some(x), None) = (u.next(), u.next()) {
        if x.len_utf8() == c.len_utf8() {
            let mut b = [0; 4];
            out.replace_range(a..a + c.len_utf8(), x.encode_utf8(&mut b));
        }
    }
}

/// The sentence-case view of `title` (same length, same character boundaries): a Title Case or
/// all-capitals headline with the words that are not names lower-cased; a headline already in
/// sentence case is returned as it is. `body` gives the evidence of how each word is written;
/// `names` are byte ranges of `title` known to be names, kept as written.
pub fn sentence_case(title: &str, body: &str, words: &Words, names: &[Span]) -> String {
    let casing = casing(title, words);
    if casing == Casing::Sentence {
        return title.to_string();
    }
    let ws = words_of(title);
    let lowers: Vec<String> = ws.iter().map(|&(a, z)| stem_of(&title[a..z]).to_lowercase()).collect();
    let ev = evidence(body, &lowers);
    // Two capitalised words the body writes together as in the title ("Foreign Ministry") are
    // a name, however the body writes each alone.
    let mut paired = vec![false; ws.len()];
    for k in 1..ws.len().min(MAX_PAIRED_WORDS) {
        let (a, z) = (ws[k - 1].0, ws[k].1);
        let pair = &title[a..z];
        let capitalised = |w: (usize, usize)| title[w.0..w.1].starts_with(char::is_uppercase);
        if capitalised(ws[k - 1]) && capitalised(ws[k]) && title[ws[k - 1].1..ws[k].0] == *" " && body.contains(pair) {
            paired[k - 1] = true;
            paired[k] = true;
        }
    }
    let mut out = title.to_string();
    let mut first = true;
    for (k, &(a, z)) in ws.iter().enumerate() {
        let w = &title[a..z];
        let is_first =
            std::mem::take(&mut first) || title[..a].trim_end().ends_with([':', '—', '–', '|', '"', '“', '‘']);
        let named = names.iter().any(|n| n.start < z && a < n.end);
        if named || !w.starts_with(char::is_alphabetic) {
            continue;
        }
        let (cap, low) = ev.get(&lowers[k]).copied().unwrap_or((0, 0));
        let name = cap > low || (paired[k] && casing == Casing::Title);
        let acronym = w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_lowercase());
        match casing {
            Casing::Upper => {
                // "NATO" written so in the body stays; names become "Turkey", other words lower case.
                let upper_in_body = acronym && body.contains(w);
                if upper_in_body && words.function_word(&lowers[k]).is_none() {
                    continue;
                }
                lower_in_place(&mut out, a, z, true);
                if name || is_first {
                    capitalise_in_place(&mut out, a);
                }
            }
            Casing::Title | Casing::Sentence => {
                if is_first || acronym || name {
                    continue;
                }
                lower_in_place(&mut out, a, z, false);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(title: &str, body: &str) -> String {
        let v = sentence_case(title, body, Words::embedded(), &[]);
        assert_eq!(v.len(), title.len());
        v
    }

    #[test]
    fn title_case_is_lowered_but_names() {
        let body = "Turkey threatened the United States with retaliation on Monday if Washington imposed sanctions over the purchase. Ankara said the sanctions were unfair.";
        assert_eq!(
            view("Turkey Threatens US With Retaliation if Sanctions Are Imposed", body),
            "Turkey threatens US with retaliation if sanctions are imposed"
        );
        let body = "The leader of Afghanistan's Taliban insurgency praised the withdrawal, as officials in Kabul said the death toll from a bombing had risen.";
        assert_eq!(
            view(
                "Afghan Taliban Chief Hails Troop Exit as Kabul Bombing Death Toll Soars",
                body
            ),
            "Afghan Taliban chief hails troop exit as Kabul bombing death toll soars"
        );
    }

    #[test]
    fn words_written_together_in_the_body_are_a_name() {
        let body = "The Russian Foreign Ministry on Monday summoned Canadian ambassador Jane Roe. The ministry said so, and the ministry added more.";
        assert_eq!(
            view("Russian Foreign Ministry Summons Canadian Ambassador", body),
            "Russian Foreign Ministry summons Canadian ambassador"
        );
    }

    #[test]
    fn sentence_case_is_kept() {
        let t = "Iraq says key Islamic State leader is dead";
        assert_eq!(view(t, "Iraq said the Islamic State leader was dead."), t);
        assert_eq!(casing(t, Words::embedded()), Casing::Sentence);
        assert_eq!(view("Iran", "Iran said."), "Iran");
    }

    #[test]
    fn known_names_and_hyphens() {
        let title = "Erdogan Reaches Out to Egypt in US-Backed Talks";
        let body = "Turkey is looking to reset relations, analysts say.";
        let names = [Span::new(0, 7), Span::new(23, 28)];
        let v = sentence_case(title, body, Words::embedded(), &names);
        assert_eq!(v, "Erdogan reaches out to Egypt in US-backed talks");
    }

    #[test]
    fn capitals_become_sentence_case() {
        let body = "Mexico's president spoke with President Biden. NATO was not mentioned.";
        assert_eq!(
            view("AMLO AND BIDEN SPOKE ON THE PHONE ABOUT NATO", body),
            "Amlo and Biden spoke on the phone about NATO"
        );
    }

    #[test]
    fn odd_input_keeps_length() {
        for t in [
            "",
            "İSTANBUL İS HERE",
            "Ǆemal Ǆ Ǆ",
            "'Return' Of The 'Stone Age'",
            "U.S. Imposes Sanctions",
            "– Ş –",
        ] {
            let v = view(t, "İstanbul is here. ǆ the u.s. stone age.");
            assert_eq!(v.len(), t.len());
            for (i, _) in t.char_indices() {
                assert!(v.is_char_boundary(i));
            }
        }
    }
}
