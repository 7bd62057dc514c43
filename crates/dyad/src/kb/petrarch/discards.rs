//! Discard lists (`*.discards.txt`): phrases that mark a sentence (or, with a leading `+`, a
//! whole story) as not to be coded — sports results, historical chronologies.
//!
//! ```text
//! AFRICAN NATIONS CUP   # ab 13 Jun 2005
//! +ACADEMY AWARD
//! GROUP A_
//! ```
//!
//! A phrase ending in `_` must end at a word boundary; otherwise its last word is a stem.
//! Matching is case-insensitive.

use super::diag::{Diag, DictionaryFile, LoadOptions, Origin, PetrarchError, Problem, Warning};
use super::lines::{content_lines, decode};
use super::phrase::Phrase;

/// The entries of one discard list.
#[derive(Clone, Debug, Default)]
pub struct DiscardList {
    /// The file, as named by the caller.
    pub file: String,
    /// The phrases, in file order.
    pub entries: Vec<DiscardEntry>,
    /// Problems met in lenient mode.
    pub warnings: Vec<Warning>,
}

/// One discard phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiscardEntry {
    /// The phrase as written (case kept).
    pub phrase: Phrase,
    /// What a match discards.
    pub scope: DiscardScope,
    /// Where it was read.
    pub origin: Origin,
}

/// What a discard phrase discards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// The sentence containing it.
    Sentence,
    /// The whole story (written with a leading `+`).
    Story,
}

impl DictionaryFile for DiscardList {
    fn parse(file: &str, bytes: &[u8], options: LoadOptions) -> Result<Self, PetrarchError> {
        let mut diag = Diag::new(file, options);
        let text = decode(bytes, &mut diag)?;
        let lines = content_lines(&text, &mut diag)?;
        let mut entries = Vec::new();
        for line in &lines {
            let n = line.number;
            let t = line.text.trim();
            let (scope, body) = match t.strip_prefix('+') {
                Some(rest) => (DiscardScope::Story, rest),
                None => (DiscardScope::Sentence, t),
            };
            if let Some(c) = body.chars().find(|c| matches!(c, '[' | ']' | '{' | '}')) {
                diag.warn(
                    n,
                    Problem::Syntax,
                    format!("`{c}` in a discard phrase (discards carry no codes)"),
                    "line skipped",
                )?;
                continue;
            }
            match Phrase::parse(body) {
                Some(phrase) => entries.push(DiscardEntry {
                    phrase,
                    scope,
                    origin: diag.origin(n),
                }),
                None => diag.warn(n, Problem::Syntax, "`+` without a phrase", "line skipped")?,
            }
        }
        Ok(DiscardList {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentence_and_story_discards() {
        let text = "# header\nMONTHS LATER\n+ World Golf Championships   # pas\nAFRICAN NATIONS CUP # ab ;AB\nGROUP A_\n+\nBAD [###]\n";
        let list = DiscardList::parse("t.discards", text.as_bytes(), LoadOptions::default()).unwrap();
        assert_eq!(list.entries.len(), 4);
        assert_eq!(list.entries[1].scope, DiscardScope::Story);
        assert_eq!(list.entries[1].phrase.text(), "World Golf Championships");
        assert_eq!(list.entries[1].origin.line, 3);
        assert!(!list.entries[3].phrase.stem);
        let got: Vec<(usize, Problem)> = list.warnings.iter().map(|w| (w.line, w.problem)).collect();
        assert_eq!(got, vec![(6, Problem::Syntax), (7, Problem::Syntax)]);
    }
}
