//! Coding with the field's PETRARCH/TABARI dictionaries.
//!
//! The dictionaries ([`crate::kb::petrarch`] reads them) are compiled into lookup tables
//! ([`Dictionaries`]); a sentence is brought into the linear form those dictionaries were
//! written for ([`linear`]): from a Penn Treebank parse when one is given, or from dyad's own
//! analysis of the raw text ([`shallow`], no external parser); then verbs, patterns, actors and
//! agents are matched as PETRARCH-1 and TABARI do ([`code`]). [`validate`] runs the field's
//! validation records.

pub mod code;
pub mod compile;
mod document;
pub mod linear;
pub mod shallow;
pub use crate::text::tree;
pub mod validate;

pub use code::{CodingOptions, DictEvent};
pub use compile::{Dictionaries, DictionaryPaths};
pub use linear::{CommaOptions, Item};
pub use tree::{ParseError, Tree};

use crate::text::tagger::Tagger;
use chrono::NaiveDate;

/// What coding one sentence gave: its events and the linear form they were read from.
#[derive(Clone, Debug)]
pub struct SentenceCoding {
    /// The events, in the order found.
    pub events: Vec<DictEvent>,
    /// The linear form after comma-clause removal, with the codes of its noun phrases.
    pub items: Vec<Item>,
    /// The discard phrase that stopped coding, if any (`file:line PHRASE`).
    pub discarded: Option<String>,
}

/// A coder using compiled PETRARCH/TABARI dictionaries.
#[derive(Clone, Debug)]
pub struct DictionaryCoder {
    /// The compiled dictionaries.
    pub dicts: Dictionaries,
}

impl DictionaryCoder {
    /// A coder over compiled dictionaries.
    pub fn new(dicts: Dictionaries) -> DictionaryCoder {
        DictionaryCoder { dicts }
    }

    /// The discard phrase found in `text`, if any (`file:line PHRASE`); story discards first.
    pub fn discard(&self, text: &str) -> Option<String> {
        self.find_discard(text, false)
    }

    /// The story discard phrase (`+PHRASE`) found in `text`, if any: the whole article is
    /// not coded.
    pub fn story_discard(&self, text: &str) -> Option<String> {
        self.find_discard(text, true)
    }

    fn find_discard(&self, text: &str, story_only: bool) -> Option<String> {
        use crate::kb::petrarch::DiscardScope;
        if self.dicts.discard_matchers.is_empty() {
            return None;
        }
        let up = format!(
            " {} ",
            text.to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ")
        );
        // The first story discard found, else the first sentence discard (in file order).
        let mut best: Option<usize> = None;
        let matches = self.dicts.discard_matchers.iter().enumerate().flat_map(|(k, matcher)| {
            matcher
                .find_overlapping_iter(&up)
                .map(move |m| (k * compile::DISCARDS_PER_MATCHER + m.pattern().as_usize(), m))
        });
        for (i, m) in matches {
            let d = &self.dicts.discards[i];
            if story_only && d.scope != DiscardScope::Story {
                continue;
            }
            let before_ok = up[..m.start()].ends_with(|c: char| !c.is_alphanumeric());
            let after_ok = !d.whole_word || up[m.end()..].starts_with([' ', '.', '!', '?', ',']);
            if !(before_ok && after_ok) {
                continue;
            }
            let rank = |i: usize| (self.dicts.discards[i].scope != DiscardScope::Story, i);
            if best.is_none_or(|b| rank(i) < rank(b)) {
                best = Some(i);
            }
        }
        best.map(|i| {
            let d = &self.dicts.discards[i];
            format!("{} {}", d.origin, d.text)
        })
    }

    /// Codes a sentence given as a Penn Treebank parse.
    pub fn code_tree(&self, text: &str, tree: &Tree, date: Option<NaiveDate>, opt: &CodingOptions) -> SentenceCoding {
        if let Some(d) = self.discard(text) {
            return SentenceCoding {
                events: Vec::new(),
                items: Vec::new(),
                discarded: Some(d),
            };
        }
        let mut items = linear::linearize(tree);
        linear::remove_comma_clauses(&mut items, opt.commas);
        let (events, items) = code::code_items(&self.dicts, items, date, opt);
        SentenceCoding {
            events,
            items,
            discarded: None,
        }
    }

    /// Codes a sentence of raw text, analysed by dyad itself (tagger and shallow parse).
    pub fn code_text(
        &self,
        text: &str,
        tagger: &Tagger,
        date: Option<NaiveDate>,
        opt: &CodingOptions,
    ) -> SentenceCoding {
        let is_verb = |w: &str| self.dicts.is_verb_form(w);
        let tree = shallow::parse_with(text, tagger, Some(&is_verb));
        self.code_tree(text, &tree, date, opt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::petrarch::{ActorDictionary, AgentDictionary, DictionaryFile, LoadOptions, VerbDictionary};

    fn coder() -> DictionaryCoder {
        let o = LoadOptions::default();
        let verbs = VerbDictionary::parse(
            "v",
            b"&NEG\n+DID N'T\n\n--- VISIT [042:043] ---\nVISIT\n- &NEG * [0]\n- * WITH + [040]\n\n--- WIRE [171] ---\nWIRE_+TAP {WIRE_+TAPPED}\n- WILL NOT * [081]\n\n--- AGREE [030] ---\nAGREE\n- % * [030:030]\n",
            o,
        )
        .unwrap();
        let actors = ActorDictionary::parse(
            "a",
            b"ARNOR_ [ARN]\nGONDOR_ [GON]\nOSGILIATH_ [OSG]\nSAM_GAMGEE_ [HOB]\n\t[HOBGOV >20100101]\n",
            o,
        )
        .unwrap();
        let agents = AgentDictionary::parse("g", b"MINISTER [~GOV]\nSOLDIER [~MIL]\n", o).unwrap();
        DictionaryCoder::new(Dictionaries::from_parts(&[verbs], &[actors], &[agents], &[]).unwrap())
    }

    fn triples(c: &DictionaryCoder, text: &str, date: (i32, u32, u32)) -> Vec<(String, String, String)> {
        let d = NaiveDate::from_ymd_opt(date.0, date.1, date.2);
        c.code_text(text, Tagger::embedded(), d, &CodingOptions::default())
            .events
            .into_iter()
            .map(|e| (e.source, e.target, e.code))
            .collect()
    }

    fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
        (s.into(), t.into(), c.into())
    }

    #[test]
    fn verbs_patterns_agents_compounds_and_dates_code_as_petrarch_does() {
        let c = coder();
        // Default code with a paired code; agents joined to the actor.
        assert_eq!(
            triples(&c, "The Arnor minister visited Gondor on Monday.", (2020, 1, 1)),
            [t("ARNGOV", "GON", "042"), t("GON", "ARNGOV", "043")]
        );
        // A pattern with a target slot.
        assert_eq!(
            triples(&c, "Arnor visited with Gondor.", (2020, 1, 1)),
            [t("ARN", "GON", "040")]
        );
        // A synset pattern in the upper sequence: its code `0` wins over the default.
        assert_eq!(
            triples(&c, "Arnor didn't visit Gondor.", (2020, 1, 1)),
            [t("ARN", "GON", "0")]
        );
        // Multi-word verbs and their own patterns.
        assert_eq!(
            triples(&c, "Arnor soldiers wire tapped Gondor.", (2020, 1, 1)),
            [t("ARNMIL", "GON", "171")]
        );
        // A compound with `%`: both directions.
        assert_eq!(
            triples(&c, "Gondor and Osgiliath agree that the war must end.", (2020, 1, 1)),
            [t("GON", "OSG", "030"), t("OSG", "GON", "030")]
        );
        // Date restrictions on actor codes.
        assert_eq!(
            triples(&c, "Sam Gamgee visited Gondor.", (2009, 1, 1))[0],
            t("HOB", "GON", "042")
        );
        assert_eq!(
            triples(&c, "Sam Gamgee visited Gondor.", (2011, 1, 1))[0],
            t("HOBGOV", "GON", "042")
        );
        // Passive voice swaps source and target.
        assert_eq!(
            triples(&c, "Gondor was visited by Arnor.", (2020, 1, 1)),
            [t("ARN", "GON", "042"), t("GON", "ARN", "043")]
        );
        // No verb from the dictionary, no event.
        assert!(triples(&c, "Arnor praised Gondor.", (2020, 1, 1)).is_empty());
    }

    #[test]
    fn no_input_makes_the_coder_panic() {
        let c = coder();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let words = [
            "Arnor",
            "Gondor",
            "and",
            ",",
            "visited",
            "the",
            "minister",
            "'s",
            "of",
            "with",
            "by",
            "was",
            "(",
            ")",
            "\"",
            "-",
            "didn't",
            "that",
            "agree",
            ".",
            "Osgiliath",
            "wire",
            "tapped",
            "%",
            "_",
        ];
        for _ in 0..1500 {
            let mut s = String::new();
            for _ in 0..(x % 25) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(words[(x % words.len() as u64) as usize]);
                s.push(' ');
            }
            let _ = c.code_text(&s, Tagger::embedded(), None, &CodingOptions::default());
            let _ = validate::ValidationFile::parse("f", &s);
            // Random bracketings of the same words: whatever reads as a tree must code.
            let mut bracketed = String::from("(ROOT (S ");
            let mut open = 0;
            for (i, w) in s.split_whitespace().enumerate() {
                let tag = ["(NP ", "(VP ", "(VBD ", "(PP ", "(NNP ", "(CC ", "(, ", "(POS "][(x as usize + i) % 8];
                bracketed.push_str(tag);
                bracketed.push_str(&w.replace(['(', ')'], ""));
                if (x >> (i % 60)) & 1 == 0 {
                    bracketed.push_str(") ");
                } else {
                    open += 1;
                    bracketed.push(' ');
                }
            }
            bracketed.push_str(&")".repeat(open + 2));
            let tree = Tree::parse(&bracketed).unwrap_or_else(|e| panic!("{bracketed}: {e}"));
            let _ = c.code_tree(&s, &tree, None, &CodingOptions::default());
        }
        for tree in [
            "(ROOT)",
            "(ROOT (S (VP)))",
            "(S (VP (VBD visited)))",
            "(ROOT (NP (NNP Arnor) (POS 's)))",
            "(X (NP (PP)))",
        ] {
            let tree = Tree::parse(tree).unwrap();
            let _ = c.code_tree("", &tree, None, &CodingOptions::default());
        }
    }
}
