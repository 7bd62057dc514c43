//! Measuring the tagger: gold tags from PETRARCH validation parses or word/TAG files, scoring.

use std::collections::BTreeMap;

use super::train::Sentence;
use super::Tagger;
use crate::text::Pos;

/// Why a validation file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The XML is not well formed.
    #[error("XML error: {0}")]
    Xml(String),
    /// A `<Parse>` element holds no tree leaves.
    #[error("<Parse> #{0} has no (TAG word) leaves")]
    Tree(usize),
}

/// The (tag, word) leaves of a Penn bracketed tree, in order; `-NONE-` traces are skipped.
/// Unbalanced brackets are tolerated (one PETRARCH tree has a stray `)`); text that is no tree
/// has no leaves.
pub fn tree_leaves(tree: &str) -> Vec<(String, String)> {
    crate::text::tree::Tree::parse_lenient(tree)
        .map(|t| {
            t.leaves()
                .into_iter()
                .map(|(t, w)| (t.to_string(), w.to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Gold sentences from the `<Parse>` trees of a PETRARCH validation XML file.
/// Leaves whose tag is not a Penn tag (PETRARCH's `AUXD`...) keep their word with an unknown tag.
pub fn petr_parses(xml: &str) -> Result<Vec<Sentence>, EvalError> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut in_parse = false;
    let mut text = String::new();
    loop {
        match reader.read_event() {
            Err(e) => return Err(EvalError::Xml(e.to_string())),
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) if e.name().as_ref() == b"Parse" => {
                in_parse = true;
                text.clear();
            }
            Ok(Event::End(e)) if e.name().as_ref() == b"Parse" => {
                in_parse = false;
                let leaves = tree_leaves(&text);
                if leaves.is_empty() {
                    return Err(EvalError::Tree(out.len() + 1));
                }
                let (words, tags) = leaves.into_iter().map(|(t, w)| (w, Pos::parse(&t))).unzip();
                out.push(Sentence { words, tags });
            }
            Ok(Event::Text(t)) if in_parse => {
                let s = t.unescape().map_err(|e| EvalError::Xml(e.to_string()))?;
                text.push_str(&s);
            }
            Ok(Event::CData(t)) if in_parse => {
                text.push_str(&String::from_utf8_lossy(&t));
            }
            Ok(_) => {}
        }
    }
    Ok(out)
}

/// Token accuracy of a tagger on gold sentences.
#[derive(Clone, Debug, Default)]
pub struct Accuracy {
    /// Tokens tagged as in the gold.
    pub correct: usize,
    /// Tokens with a known gold tag.
    pub total: usize,
    /// Tokens without a known gold tag (not scored).
    pub skipped: usize,
    /// (gold, predicted) → count, for errors.
    pub confusions: BTreeMap<(Pos, Pos), usize>,
}

impl Accuracy {
    /// Tags every sentence with `tagger` and scores it against the gold.
    pub fn measure(tagger: &Tagger, gold: &[Sentence]) -> Accuracy {
        let mut acc = Accuracy::default();
        for s in gold {
            let words = s.word_refs();
            let got = tagger.tag(&words);
            for (g, p) in s.tags.iter().zip(got) {
                match g {
                    None => acc.skipped += 1,
                    Some(g) => {
                        acc.total += 1;
                        if *g == p {
                            acc.correct += 1;
                        } else {
                            *acc.confusions.entry((*g, p)).or_default() += 1;
                        }
                    }
                }
            }
        }
        acc
    }

    /// Accuracy in percent (0 when nothing was scored).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.correct as f64 / self.total as f64
        }
    }

    /// The `n` most frequent (gold, predicted, count) errors.
    pub fn top_confusions(&self, n: usize) -> Vec<(Pos, Pos, usize)> {
        let mut v: Vec<(Pos, Pos, usize)> = self.confusions.iter().map(|(&(g, p), &c)| (g, p, c)).collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        v.truncate(n);
        v
    }
}

impl std::fmt::Display for Accuracy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "accuracy {:.2}% ({} / {} tokens",
            self.percent(),
            self.correct,
            self.total
        )?;
        if self.skipped > 0 {
            write!(f, "; {} without a Penn gold tag skipped", self.skipped)?;
        }
        write!(f, ")")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tree_leaves() {
        let t = "(ROOT (S (NP (NNP Caras) (POS 's)) (VP (VBD left) (NP (-NONE- *T*))) (. .)))";
        let l = tree_leaves(t);
        let got: Vec<(&str, &str)> = l.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        assert_eq!(got, vec![("NNP", "Caras"), ("POS", "'s"), ("VBD", "left"), (".", ".")]);
        assert_eq!(tree_leaves("(S (NN x)))").len(), 1);
    }

    #[test]
    fn reads_petr_parses() {
        let xml = "<Validation><Sentences><Sentence id=\"a\"><Text>x</Text>\
                   <Parse>(ROOT (S (NP (NNP Iran)) (VP (AUXD did) (VB agree)) (. .)))</Parse>\
                   </Sentence></Sentences></Validation>";
        let s = petr_parses(xml).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words, vec!["Iran", "did", "agree", "."]);
        assert_eq!(s[0].tags, vec![Some(Pos::NNP), None, Some(Pos::VB), Some(Pos::Period)]);
    }
}
