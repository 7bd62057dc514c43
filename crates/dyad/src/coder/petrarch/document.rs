//! Whole articles coded with PETRARCH/TABARI dictionaries, in dyad's output records.

use super::code::{CodingOptions, DictEvent};
use super::{linear, shallow, DictionaryCoder};
use crate::coder::Coded;
use crate::event::{Actor, DateOrigin, Event, Evidence, Mood};
use crate::ingest::Document;
use crate::kb::KnowledgeBase;
use crate::ontology::Cameo;
use crate::text::dates::Precision;
use crate::text::tagger::Tagger;
use crate::text::{self as txt, Sentence, Span};

/// The tokens of `s` spelling `words` (upper case, in order, possessives skipped): their span.
fn find_span(text: &str, s: &Sentence, words: &[String]) -> Option<Span> {
    let toks: Vec<String> = s.tokens.iter().map(|t| t.span.of(text).to_uppercase()).collect();
    let first = words.first()?;
    for start in (0..toks.len()).filter(|&i| toks[i] == *first || first.starts_with(&toks[i])) {
        let mut k = start;
        let mut last = start;
        let mut ok = true;
        for w in words {
            while k < toks.len()
                && !(toks[k] == *w || w.starts_with(&toks[k]))
                && matches!(toks[k].as_str(), "'S" | "'" | ",")
            {
                k += 1;
            }
            if k < toks.len() && (toks[k] == *w || w.starts_with(&toks[k])) {
                last = k;
                k += 1;
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            return Some(Span::new(s.tokens[start].span.start, s.tokens[last].span.end));
        }
    }
    None
}

impl DictionaryCoder {
    /// Codes every sentence of a document from its raw text; events carry the article's
    /// publication date and their evidence (pattern, verb, dictionary entries). A story
    /// discard phrase anywhere in the body leaves the whole article uncoded.
    pub fn code_document(&self, doc: &Document, tagger: &Tagger, opt: &CodingOptions) -> Coded {
        let text = doc.text.as_str();
        let sentences = txt::analyze(text, doc.body, tagger);
        let mut events = Vec::new();
        if self.story_discard(doc.body.of(text)).is_some() {
            return Coded {
                events,
                sentences: sentences.len(),
            };
        }
        for s in &sentences {
            let sentence = s.span.of(text);
            let is_verb = |w: &str| self.dicts.is_verb_form(w);
            let tree = shallow::parse_tokens(text, &s.tokens, Some(&is_verb));
            let coded = self.code_tree(sentence, &tree, doc.date, opt);
            for e in &coded.events {
                events.push(self.to_event(doc, s, &coded.items, e));
            }
        }
        Coded {
            events,
            sentences: sentences.len(),
        }
    }

    /// A report per sentence for `dyad explain --dictionaries`: the parse dyad built, the
    /// linear form with each noun phrase's code, and each event with the pattern and the
    /// dictionary entries behind it.
    pub fn explain_document(&self, doc: &Document, tagger: &Tagger, opt: &CodingOptions) -> Vec<String> {
        let text = doc.text.as_str();
        let mut out = Vec::new();
        if let Some(d) = self.story_discard(doc.body.of(text)) {
            out.push(format!("story discarded by {d}: no sentence is coded"));
            return out;
        }
        for s in txt::analyze(text, doc.body, tagger) {
            let sentence = s.span.of(text);
            let is_verb = |w: &str| self.dicts.is_verb_form(w);
            let tree = shallow::parse_tokens(text, &s.tokens, Some(&is_verb));
            let coded = self.code_tree(sentence, &tree, doc.date, opt);
            let mut r = format!(
                "sentence {}: {sentence}
  parse:  {tree}
",
                s.index
            );
            if let Some(d) = &coded.discarded {
                r.push_str(&format!(
                    "  discarded by {d}
"
                ));
            } else {
                r.push_str(&format!(
                    "  linear: {}
",
                    linear::show(&coded.items)
                ));
            }
            if coded.events.is_empty() {
                r.push_str(
                    "  no event
",
                );
            }
            for e in &coded.events {
                r.push_str(&format!(
                    "  event {} → {} {} (verb {}{}): {}
",
                    e.source,
                    e.target,
                    e.code,
                    e.verb,
                    if e.passive { ", passive" } else { "" },
                    e.pattern
                ));
                for x in &e.entries {
                    r.push_str(&format!(
                        "    entry {x}
"
                    ));
                }
            }
            out.push(r);
        }
        out
    }

    fn to_event(&self, doc: &Document, s: &Sentence, items: &[linear::Item], e: &DictEvent) -> Event {
        let text = doc.text.as_str();
        let kb = KnowledgeBase::embedded();
        // The name as written in the text when its words are found there, else the phrase's
        // words (upper case, as the dictionaries match them).
        let actor = |code: &str, words: &[String]| {
            let span = find_span(text, s, words);
            Actor {
                code: (code != "---").then(|| code.to_string()),
                country: kb.country_of_code(code).and_then(|c| c.iso3.clone()),
                name: span.map_or_else(|| words.join(" "), |sp| sp.of(text).to_string()),
                span: span.unwrap_or(s.span),
                entries: Vec::new(),
                chain: Vec::new(),
                inferred: None,
            }
        };
        let src_words = ne_words(items, e.source_at);
        let tgt_words = ne_words(items, e.target_at);
        let cameo = Cameo::get();
        let digits: String = e.code.chars().take_while(char::is_ascii_digit).collect();
        let found = cameo
            .lookup(&e.code)
            .or_else(|| cameo.lookup(&digits))
            .or_else(|| Cameo::root_of(&digits).and_then(|r| cameo.root(r)));
        let trigger_span = s
            .tokens
            .iter()
            .find(|t| t.span.of(text).eq_ignore_ascii_case(&e.verb))
            .map_or(s.span, |t| t.span);
        let mut notes: Vec<String> = e.entries.iter().map(|x| format!("dictionary: {x}")).collect();
        if e.passive {
            notes.push("passive: source and target swapped".into());
        }
        let mut event = Event {
            article: doc.id.clone(),
            sentence: s.index,
            headline: false,
            text: s.span.of(text).to_string(),
            date: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
            date_precision: doc.date.map(|_| Precision::Day),
            reported: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
            source: actor(&e.source, &src_words),
            target: actor(&e.target, &tgt_words),
            cameo: e.code.clone(),
            root: found.map_or_else(|| digits.chars().take(2).collect(), |c| c.root_code().to_string()),
            quad_class: found.map_or(0, |c| c.quad.number()),
            goldstein: found.map_or(0.0, |c| c.goldstein),
            event_name: found.map_or_else(String::new, |c| c.name.clone()),
            location: None,
            evidence: Evidence {
                pattern: e.pattern.clone(),
                trigger: e.verb.to_lowercase(),
                trigger_span,
                mood: Mood::Fact,
                notes,
                date_source: match doc.date {
                    Some(_) => DateOrigin::Publication(doc.date_source),
                    None => DateOrigin::Unknown,
                },
            },
            plover: None,
        };
        event.plover = crate::ontology::plover::PloverTable::get().code_event(&event, doc.date, Some(kb));
        event
    }
}

/// The words of the noun phrase opened at `at` in the linear form.
fn ne_words(items: &[linear::Item], at: usize) -> Vec<String> {
    let end = linear::close_of(items, at);
    items
        .get(at + 2..end)
        .unwrap_or(&[])
        .iter()
        .filter_map(|i| i.word().map(str::to_string))
        .collect()
}
