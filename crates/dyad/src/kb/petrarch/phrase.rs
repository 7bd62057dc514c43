//! Phrases as the dictionaries write them (`SECRETARY_GENERAL_`, `SECURITY SERVICE`) and the
//! regular English inflections the formats generate (plurals, verb forms).

use std::fmt;

/// How two neighbouring words of a phrase are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Join {
    /// `_`: the words must be consecutive.
    Adjacent,
    /// A blank: in TABARI agent and pattern phrases other words may come between (PETRARCH-2
    /// actor names treat it like `_`).
    Gap,
}

/// A phrase: words joined by `_` or blanks, as written (case kept).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words, in order.
    pub words: Vec<String>,
    /// `joins[i]` joins `words[i]` and `words[i + 1]`.
    pub joins: Vec<Join>,
    /// True when the phrase does not end in `_`: TABARI then matches its last word as a stem
    /// (`MINISTR` matches `MINISTRY`); PETRARCH-2 matches whole words either way.
    pub stem: bool,
}

impl Phrase {
    /// Reads a phrase: words separated by `_` or white space; a separator containing white
    /// space is a [`Join::Gap`]. `None` when there are no words.
    pub(crate) fn parse(text: &str) -> Option<Phrase> {
        let text = text.trim();
        let mut words = Vec::new();
        let mut joins = Vec::new();
        let mut word = String::new();
        let mut gap = false;
        for c in text.chars() {
            if c == '_' || c.is_whitespace() {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                    gap = false;
                }
                gap |= c.is_whitespace();
            } else {
                if word.is_empty() && !words.is_empty() {
                    joins.push(if gap { Join::Gap } else { Join::Adjacent });
                }
                word.push(c);
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        if words.is_empty() {
            return None;
        }
        Some(Phrase {
            words,
            joins,
            stem: !text.ends_with('_'),
        })
    }

    /// The words separated by single blanks (`SECRETARY GENERAL`).
    pub fn text(&self) -> String {
        self.words.join(" ")
    }

    /// The phrase with its last word in the regular plural (see [`plural`]).
    pub fn plural(&self) -> Phrase {
        let mut p = self.clone();
        if let Some(last) = p.words.last_mut() {
            *last = plural(last);
        }
        p
    }
}

impl fmt::Display for Phrase {
    /// The dictionary form: `SECRETARY_GENERAL_`, `SECURITY SERVICE`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                f.write_str(match self.joins.get(i - 1) {
                    Some(Join::Gap) => " ",
                    _ => "_",
                })?;
            }
            f.write_str(w)?;
        }
        if !self.stem {
            f.write_str("_")?;
        }
        Ok(())
    }
}

fn ends_with_ci(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.is_char_boundary(word.len() - suffix.len())
        && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_uppercase(), 'A' | 'E' | 'I' | 'O' | 'U')
}

/// The second-last character, if any.
fn penultimate(word: &str) -> Option<char> {
    word.chars().rev().nth(1)
}

/// `suffix` in the case of the word's last letter (upper case unless it is lower case).
fn cased(word: &str, suffix: &str) -> String {
    if word
        .chars()
        .rev()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_lowercase)
    {
        suffix.to_lowercase()
    } else {
        suffix.to_string()
    }
}

fn without_last(word: &str) -> &str {
    word.char_indices().last().map_or(word, |(i, _)| &word[..i])
}

/// The regular plural (also the third-person singular of a verb): `-ES` after S, X, Z, CH,
/// SH; `-IES` for a consonant + Y; `-S` otherwise. (PETRARCH's rule, with -CH/-SH and
/// vowel + Y fixed.)
pub fn plural(word: &str) -> String {
    if ["S", "X", "Z", "CH", "SH"].iter().any(|s| ends_with_ci(word, s)) {
        format!("{word}{}", cased(word, "ES"))
    } else if ends_with_ci(word, "Y") && penultimate(word).is_some_and(|c| c.is_alphabetic() && !is_vowel(c)) {
        format!("{}{}", without_last(word), cased(word, "IES"))
    } else if word.is_empty() {
        String::new()
    } else {
        format!("{word}{}", cased(word, "S"))
    }
}

/// The regular forms of a verb: third-person singular, past, and `-ING` form. Past: `-D` after
/// E, `-IED` for a consonant + Y, `-ED` otherwise; `-ING`: IE → YING, a final E after a
/// consonant is dropped. Consonants are never doubled: such verbs list their forms in `{...}`.
pub fn verb_forms(word: &str) -> [String; 3] {
    let third = plural(word);
    let consonant_before_last = penultimate(word).is_some_and(|c| c.is_alphabetic() && !is_vowel(c));
    let past = if ends_with_ci(word, "E") {
        format!("{word}{}", cased(word, "D"))
    } else if ends_with_ci(word, "Y") && consonant_before_last {
        format!("{}{}", without_last(word), cased(word, "IED"))
    } else {
        format!("{word}{}", cased(word, "ED"))
    };
    let ing = if ends_with_ci(word, "IE") {
        format!("{}{}", without_last(without_last(word)), cased(word, "YING"))
    } else if ends_with_ci(word, "E") && consonant_before_last {
        format!("{}{}", without_last(word), cased(word, "ING"))
    } else {
        format!("{word}{}", cased(word, "ING"))
    };
    [third, past, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_keep_joins_and_stem() {
        let p = Phrase::parse("SECRETARY_GENERAL_OF THE_UN_ ").unwrap();
        assert_eq!(p.words, ["SECRETARY", "GENERAL", "OF", "THE", "UN"]);
        assert_eq!(p.joins, [Join::Adjacent, Join::Adjacent, Join::Gap, Join::Adjacent]);
        assert!(!p.stem);
        assert_eq!(p.to_string(), "SECRETARY_GENERAL_OF THE_UN_");
        assert_eq!(p.text(), "SECRETARY GENERAL OF THE UN");
        assert!(Phrase::parse("MINISTR").unwrap().stem);
        assert_eq!(Phrase::parse("IN_ *").unwrap().joins, [Join::Gap]);
        assert!(Phrase::parse(" _ ").is_none());
    }

    #[test]
    fn regular_inflections() {
        assert_eq!(plural("MINISTRY"), "MINISTRIES");
        assert_eq!(plural("ATTORNEY"), "ATTORNEYS");
        assert_eq!(plural("CONGRESS"), "CONGRESSES");
        assert_eq!(plural("CHURCH"), "CHURCHES");
        assert_eq!(plural("troop"), "troops");
        assert_eq!(plural(""), "");
        assert_eq!(verb_forms("ACCUSE"), ["ACCUSES", "ACCUSED", "ACCUSING"]);
        assert_eq!(verb_forms("AGREE"), ["AGREES", "AGREED", "AGREEING"]);
        assert_eq!(verb_forms("CARRY"), ["CARRIES", "CARRIED", "CARRYING"]);
        assert_eq!(verb_forms("PLAY"), ["PLAYS", "PLAYED", "PLAYING"]);
        assert_eq!(verb_forms("TIE"), ["TIES", "TIED", "TYING"]);
        assert_eq!(verb_forms("RUSH"), ["RUSHES", "RUSHED", "RUSHING"]);
        assert_eq!(verb_forms("É"), ["ÉS", "ÉED", "ÉING"]);
    }
}
