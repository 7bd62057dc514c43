//! Scoring against a corpus `gold.json` of real news (`../shared/corpus/*/gold.json`), as the
//! corpus's own `score.py` does: a produced event matches a gold event when its CAMEO root is
//! among the gold's roots, its source and target countries fit (either way round for a
//! two-sided event), and — where the gold lists anchors — its sentence contains one of them
//! (case, spacing, quotes and dashes ignored). Recall is over required events, precision over
//! produced events, dates over the found required events that the text dates.

use crate::event::{Actor, Event};
use serde::Deserialize;
use std::collections::HashMap;

/// A gold file: articles by the name dyad gives them (last path component, `file.jsonl#N`).
#[derive(Clone, Debug, Deserialize)]
pub struct Gold {
    /// The articles and their events.
    pub articles: HashMap<String, GoldArticle>,
}

/// One article of a gold file.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldArticle {
    /// Its publication date, "YYYY-MM-DD".
    pub pub_date: String,
    /// Its hand-coded events.
    pub events: Vec<GoldEvent>,
}

/// A country slot: any actor (`null`), one code, or a list of acceptable codes.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Slot {
    /// One code.
    One(String),
    /// Any of these.
    Any(Vec<Option<String>>),
}

/// One hand-coded event.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    /// Its id in the article.
    pub id: String,
    /// Counts toward recall.
    pub required: bool,
    /// Source country (null: any actor).
    pub src: Option<Slot>,
    /// Target country (null: any actor).
    pub tgt: Option<Slot>,
    /// Acceptable CAMEO roots.
    pub roots: Vec<String>,
    /// Either direction counts.
    #[serde(default)]
    pub sym: bool,
    /// When it happened, at the precision the text gives.
    #[serde(default)]
    pub date: Option<String>,
    /// A short description.
    #[serde(default)]
    pub what: String,
    /// Text from each sentence that reports it.
    #[serde(default)]
    pub anchors: Vec<String>,
}

/// The figures of one scoring.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusScore {
    /// Articles scored.
    pub articles: usize,
    /// Required gold events.
    pub required: usize,
    /// Required gold events found.
    pub found: usize,
    /// Produced events.
    pub produced: usize,
    /// Produced events that match a gold event of their article.
    pub correct: usize,
    /// Found required events that the text dates.
    pub dated: usize,
    /// ... of which a matching event has the right date.
    pub dated_right: usize,
    /// The missed required events: "article id what".
    pub missed: Vec<String>,
}

impl CorpusScore {
    /// found / required.
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.required)
    }
    /// correct / produced.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.produced)
    }
    /// dated_right / dated.
    pub fn dates(&self) -> f64 {
        ratio(self.dated_right, self.dated)
    }
    /// Produced events per article.
    pub fn per_article(&self) -> f64 {
        ratio(self.produced, self.articles)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Lower case, quotes and dashes made plain, white space folded.
fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' => '-',
            '\u{a0}' => ' ',
            c => c,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The country the scoring reads from an actor: its country, else its code's first three letters.
fn country(a: &Actor) -> Option<String> {
    a.country
        .clone()
        .or_else(|| a.code.as_ref().filter(|c| c.len() >= 3).map(|c| c[..3].to_string()))
}

fn fits(slot: &Option<Slot>, x: &Option<String>) -> bool {
    match slot {
        None => true,
        Some(Slot::One(c)) => x.as_deref() == Some(c.as_str()),
        Some(Slot::Any(list)) => list.iter().any(|c| c == x),
    }
}

impl GoldEvent {
    /// Does the produced event match this gold event?
    pub fn matches(&self, e: &Event) -> bool {
        let root = if e.root.is_empty() {
            e.cameo.get(..2).unwrap_or("")
        } else {
            &e.root
        };
        if !self.roots.iter().any(|r| r == root) {
            return false;
        }
        let (s, t) = (country(&e.source), country(&e.target));
        let actors =
            (fits(&self.src, &s) && fits(&self.tgt, &t)) || (self.sym && fits(&self.tgt, &s) && fits(&self.src, &t));
        if !actors {
            return false;
        }
        if self.anchors.is_empty() {
            return true;
        }
        let text = norm(&e.text);
        self.anchors.iter().any(|a| text.contains(&norm(a)))
    }

    fn date_right(&self, e: &Event) -> bool {
        let (Some(want), Some(got)) = (&self.date, &e.date) else {
            return false;
        };
        if want.len() < 10 {
            got.starts_with(want.as_str())
        } else {
            got == want
        }
    }
}

/// Scores `events` (of any articles) against the articles of `gold` for which `take` is true.
pub fn score(gold: &Gold, events: &[Event], take: impl Fn(&str) -> bool) -> CorpusScore {
    let mut by_article: HashMap<&str, Vec<&Event>> = HashMap::new();
    for e in events {
        let name = e.article.rsplit('/').next().unwrap_or(&e.article);
        by_article.entry(name).or_default().push(e);
    }
    let mut s = CorpusScore::default();
    let mut names: Vec<&String> = gold.articles.keys().filter(|a| take(a)).collect();
    names.sort();
    for name in names {
        let spec = &gold.articles[name];
        s.articles += 1;
        let evs = by_article.get(name.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        for g in spec.events.iter().filter(|g| g.required) {
            s.required += 1;
            let hits: Vec<&&Event> = evs.iter().filter(|e| g.matches(e)).collect();
            if hits.is_empty() {
                s.missed.push(format!("{name} {} {}", g.id, g.what));
                continue;
            }
            s.found += 1;
            if g.date.is_some() {
                s.dated += 1;
                s.dated_right += usize::from(hits.iter().any(|e| g.date_right(e)));
            }
        }
        for e in evs {
            s.produced += 1;
            s.correct += usize::from(spec.events.iter().any(|g| g.matches(e)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(article: &str, src: &str, tgt: Option<&str>, cameo: &str, date: &str, text: &str) -> Event {
        let actor = |c: Option<&str>| Actor {
            code: c.map(String::from),
            country: c.map(|c| c[..3].to_string()),
            ..Actor::default()
        };
        Event {
            article: format!("../corpus/{article}"),
            sentence: 0,
            headline: false,
            text: text.into(),
            date: Some(date.into()),
            date_precision: None,
            reported: None,
            source: actor(Some(src)),
            target: actor(tgt),
            cameo: cameo.into(),
            root: cameo[..2].into(),
            quad_class: 1,
            goldstein: 0.0,
            event_name: String::new(),
            location: None,
            evidence: crate::event::Evidence {
                pattern: String::new(),
                trigger: String::new(),
                trigger_span: crate::text::Span::new(0, 0),
                mood: crate::event::Mood::Fact,
                notes: vec![],
                date_source: crate::event::DateOrigin::Unknown,
            },
            plover: None,
        }
    }

    #[test]
    fn scores_as_the_corpus_scorer_does() {
        let gold: Gold = serde_json::from_str(
            r#"{"articles": {"a.txt": {"pub_date": "2025-03-14", "events": [
              {"id": "1", "required": true, "src": "IRN", "tgt": ["AZE", "TUR"], "roots": ["04"], "sym": true,
               "date": "2025-03", "what": "talks", "anchors": ["held “talks” with"]},
              {"id": "2", "required": true, "src": "IRQ", "tgt": null, "roots": ["18"], "what": "strike"},
              {"id": "3", "required": false, "src": null, "tgt": null, "roots": ["01"], "what": "said"}]},
              "b.jsonl#4": {"pub_date": "2025-03-14", "events": []}}}"#,
        )
        .unwrap();
        let events = vec![
            // reversed, two-sided, anchored despite curly quotes and spacing
            event(
                "a.txt",
                "AZEGOV",
                Some("IRNGOV"),
                "040",
                "2025-03-12",
                "Azerbaijan  held \"talks\" with Iran.",
            ),
            // wrong root
            event("a.txt", "IRQ", None, "190", "2025-03-14", "Iraq fought."),
            // an optional event: not wrong
            event("a.txt", "USA", None, "010", "2025-03-14", "The US said."),
            // anchored elsewhere: does not match event 1
            event(
                "a.txt",
                "IRN",
                Some("AZE"),
                "042",
                "2025-03-12",
                "Iran visited Azerbaijan.",
            ),
        ];
        let s = score(&gold, &events, |_| true);
        assert_eq!((s.required, s.found, s.produced, s.correct), (2, 1, 4, 2));
        assert_eq!((s.dated, s.dated_right), (1, 1));
        assert_eq!(s.articles, 2);
        assert_eq!(s.missed, vec!["a.txt 2 strike".to_string()]);
        let only_b = score(&gold, &events, |a| a.ends_with("#4"));
        assert_eq!((only_b.articles, only_b.required, only_b.produced), (1, 0, 0));
    }
}
